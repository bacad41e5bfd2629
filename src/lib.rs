//! dossier: a static site generator for a right-to-left Arabic dossier on the CSTO.

pub mod import;
