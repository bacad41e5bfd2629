//! dossier: a static site generator for a right-to-left Arabic dossier on the CSTO.
//!
//! The stages of a build, each handing a value to the next: [`build::load`](mod@build::load) reads the site
//! ([`config`], [`data`], [`content`]) into `Inputs`, runs the per-article [`enrich`]ers into
//! `Enriched` and the corpus-wide ones into the [`dossier::Dossier`], the read-only index
//! everything after reads; [`render`]'s `Plan` turns it into pages for a `PageSink`, and
//! [`output`] writes them. Below the stages sit the shared layers ([`text`], [`arabic`],
//! [`dates`], [`model`], [`site`]; [`strings`], the theme's words for the navigation, the
//! list pages and the state statuses); above them the commands ([`import`], [`check`],
//! [`serve`]). `tests/code_shape.rs` keeps each module to the layers below it.

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
pub mod model;
pub mod output;
pub mod rebuild;
pub mod render;
pub mod serve;
pub mod site;
pub mod source;
pub mod strings;
pub mod text;
pub mod yaml;
