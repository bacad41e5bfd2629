//! Enrichers: named steps that add metadata to articles, run in one fixed order.
//!
//! Each enricher is one file implementing [`Enricher`] (per article) or [`CorpusEnricher`]
//! (over all articles at once). `site.yaml`'s `disabled_enrichers` switches any off by name.
//! A value set by hand in front matter always wins: enrichers only fill what was left out.

pub mod chronology;
pub mod dates;
pub mod publication_date;
pub mod reading;
pub mod summary;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::data::states::State;

/// What enrichers may read besides the article itself.
pub struct EnrichContext<'a> {
    pub states: &'a [State],
}

pub trait Enricher: Sync {
    fn name(&self) -> &'static str;
    /// Enrich one article; returns warnings for the editor.
    fn run(&self, article: &mut Article, ctx: &EnrichContext<'_>) -> Vec<String>;
}

/// The per-article enrichers, in the order they run.
pub fn article_enrichers() -> Vec<Box<dyn Enricher>> {
    vec![
        Box::new(publication_date::PublicationDate),
        Box::new(reading::Reading),
        Box::new(summary::Summary),
    ]
}

/// Names of every enricher, for `disabled_enrichers` checks and documentation.
pub fn names() -> Vec<&'static str> {
    article_enrichers().iter().map(|e| e.name()).collect()
}

/// Run every enabled per-article enricher on every article, in parallel across articles.
pub fn run_all(
    articles: &mut [Article],
    config: &SiteConfig,
    ctx: &EnrichContext<'_>,
) -> Vec<String> {
    use rayon::prelude::*;
    let enrichers: Vec<Box<dyn Enricher>> = article_enrichers()
        .into_iter()
        .filter(|e| config.enricher_enabled(e.name()))
        .collect();
    articles
        .par_iter_mut()
        .flat_map_iter(|a| {
            enrichers
                .iter()
                .flat_map(|e| e.run(a, ctx))
                .collect::<Vec<_>>()
        })
        .collect()
}
