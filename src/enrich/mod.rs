//! Enrichers: steps that read an article's text and add metadata to it (dates, states,
//! people, topics). Each enricher lives in its own file.

pub mod dates;
