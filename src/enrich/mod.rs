//! Enrichers: named steps that add metadata to articles, run in one fixed order.
//!
//! Each enricher is one file implementing [`Enricher`] (per article) or [`CorpusEnricher`]
//! (over all articles at once). `site.yaml`'s `disabled_enrichers` switches any off by name.
//! A value set by hand in front matter always wins: enrichers only fill what was left out.

pub mod dates;
pub mod gazetteer;
pub mod people;
pub mod reading;
pub mod states;
pub mod summary;
pub mod topics;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::data::people::Person;
use crate::data::states::State;
use crate::data::topics::Topic;

/// What enrichers may read besides the article itself: the gazetteers of content/data/.
pub struct EnrichContext<'a> {
    pub states: &'a [State],
    pub people: &'a [Person],
    pub topics: &'a [Topic],
}

pub trait Enricher: Sync {
    fn name(&self) -> &'static str;
    /// Enrich one article; returns warnings for the editor.
    fn run(&self, article: &mut Article, ctx: &EnrichContext<'_>) -> Vec<String>;
}

/// The per-article enrichers, in the order they run.
pub fn article_enrichers() -> Vec<Box<dyn Enricher>> {
    vec![
        Box::new(states::States),
        Box::new(people::People),
        Box::new(topics::Topics),
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

#[cfg(test)]
pub(crate) mod tests {
    use crate::content::front_matter::FrontMatter;
    use crate::content::Article;

    /// A bare article with nothing set by hand, for enricher unit tests.
    pub(crate) fn article(title: &str, text: &str) -> Article {
        Article {
            file: "content/articles/test.md".into(),
            slug: "test".into(),
            path: "articles/test/".into(),
            title: title.into(),
            title_derived: false,
            date: None,
            year: None,
            source: None,
            source_url: None,
            dateline: None,
            photo_credits: Vec::new(),
            source_sha256: None,
            states: Vec::new(),
            state_mentions: Default::default(),
            people: Vec::new(),
            tags: Vec::new(),
            summary: String::new(),
            draft: false,
            word_count: 0,
            reading_minutes: 0,
            html: String::new(),
            headings: Vec::new(),
            blocks: Vec::new(),
            text: text.into(),
            front: FrontMatter::default(),
        }
    }
}
