//! dossier: a static site generator for a right-to-left Arabic dossier on the CSTO.
//!
//! The pipeline, one module per stage: [`config`] and [`content`] load the site,
//! [`data`] reads the gazetteers, [`enrich`] adds metadata, [`dossier`] is the read-only index
//! the templates see, [`render`] turns it into pages and [`output`] writes them. [`dates`], the
//! Arabic date parser, serves the enrichers, the importer and the renderers alike; [`strings`]
//! holds the theme's words for the navigation, the list pages and the state statuses.

pub mod arabic;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod data;
pub mod dates;
pub mod dossier;
pub mod enrich;
pub mod error;
pub mod http_url;
pub mod import;
pub mod output;
pub mod rebuild;
pub mod render;
pub mod serve;
pub mod site;
pub mod source;
pub mod strings;
pub mod yaml;
