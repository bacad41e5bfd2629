//! Enrichers: named steps that add metadata to articles, run in one fixed order.
//!
//! Each enricher is one file implementing [`Enricher`] (per article) or [`CorpusEnricher`]
//! (over all articles at once). `site.yaml`'s `disabled_enrichers` switches any off by name.
//! A value set by hand in front matter always wins: enrichers only fill what was left out.

pub mod chronology;
pub mod gazetteer;
pub mod memo;
pub mod people;
pub mod publication_date;
pub mod reading;
pub mod related;
pub mod states;
pub mod summary;
pub mod topics;
pub mod unknown_people;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::data::events::CuratedEvent;
use crate::data::people::Person;
use crate::data::states::State;
use crate::data::topics::Topic;
use crate::error::Diagnostic;

/// What enrichers may read besides the article itself: the gazetteers of content/data/,
/// and the matchers compiled from them once per build (not once per article).
pub struct EnrichContext<'a> {
    pub states: &'a [State],
    pub curated_events: &'a [CuratedEvent],
    pub people: &'a [Person],
    pub topics: &'a [Topic],
    matchers: std::sync::OnceLock<Matchers>,
}

struct Matchers {
    finder: states::Finder,
    topics: Vec<gazetteer::Matcher<()>>,
    state_words: std::collections::BTreeSet<String>,
}

impl<'a> EnrichContext<'a> {
    /// The context of the gazetteers a build loaded.
    pub fn of(g: &'a crate::data::Gazetteers) -> Self {
        EnrichContext::new(&g.states, &g.events, &g.people, &g.topics)
    }

    pub fn new(
        states: &'a [State],
        curated_events: &'a [CuratedEvent],
        people: &'a [Person],
        topics: &'a [Topic],
    ) -> Self {
        EnrichContext {
            states,
            curated_events,
            people,
            topics,
            matchers: std::sync::OnceLock::new(),
        }
    }

    fn matchers(&self) -> &Matchers {
        self.matchers.get_or_init(|| Matchers {
            finder: states::Finder::new(self),
            topics: self.topics.iter().map(topics::matcher).collect(),
            state_words: people::state_words(self.states),
        })
    }

    /// The state and people matchers.
    pub fn finder(&self) -> &states::Finder {
        &self.matchers().finder
    }

    /// One matcher per topic, in the order of `topics`.
    pub fn topic_matchers(&self) -> &[gazetteer::Matcher<()>] {
        &self.matchers().topics
    }

    /// The normalised words of the states' names and variants (see [`people::state_words`]).
    pub fn state_words(&self) -> &std::collections::BTreeSet<String> {
        &self.matchers().state_words
    }
}

/// All articles and the chronology, for the corpus-wide enrichers.
pub struct Corpus {
    pub articles: Vec<Article>,
    pub events: Vec<crate::model::Event>,
    /// Each article's own events before merging, by article index: given when an earlier run
    /// found them for the same text (`serve`), filled by the chronology for the rest.
    pub article_events: Vec<Option<Vec<crate::model::Event>>>,
    /// Each article's events as found while its blocks were loaded, by article index, when
    /// the load found them or its on-disk cache had them (`build`); else empty.
    pub found: Vec<chronology::Found>,
}

pub trait CorpusEnricher: Sync {
    fn name(&self) -> &'static str;
    fn run(&self, corpus: &mut Corpus, ctx: &EnrichContext<'_>) -> Vec<Diagnostic>;
}

/// The corpus-wide enrichers, in the order they run, after every per-article one.
pub fn corpus_enrichers() -> Vec<Box<dyn CorpusEnricher>> {
    vec![Box::new(chronology::Chronology), Box::new(related::Related)]
}

pub trait Enricher: Sync {
    fn name(&self) -> &'static str;
    /// Enrich one article; returns warnings for the editor.
    fn run(&self, article: &mut Article, ctx: &EnrichContext<'_>) -> Vec<Diagnostic>;
}

/// The per-article enrichers, in the order they run.
pub fn article_enrichers() -> Vec<Box<dyn Enricher>> {
    vec![
        Box::new(publication_date::PublicationDate),
        Box::new(states::States),
        Box::new(people::People),
        Box::new(topics::Topics),
        Box::new(reading::Reading),
        Box::new(summary::Summary),
    ]
}

/// Names of every enricher in running order, for `disabled_enrichers` and documentation.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = article_enrichers().iter().map(|e| e.name()).collect();
    v.extend(corpus_enrichers().iter().map(|e| e.name()));
    v
}

/// Run every enabled enricher: per-article ones, then corpus-wide ones.
pub fn run_all(
    articles: Vec<Article>,
    config: &SiteConfig,
    ctx: &EnrichContext<'_>,
) -> (Corpus, Vec<Diagnostic>) {
    let mut articles = articles;
    let mut warnings = run_articles(&mut articles, config, ctx);
    let (corpus, corpus_warnings) = run_corpus(articles, config, ctx);
    warnings.extend(corpus_warnings);
    (corpus, warnings)
}

/// The per-article enrichers `site.yaml` leaves switched on, in running order.
pub fn enabled_article_enrichers(config: &SiteConfig) -> Vec<Box<dyn Enricher>> {
    article_enrichers()
        .into_iter()
        .filter(|e| config.enricher_enabled(e.name()))
        .collect()
}

/// Run the given per-article enrichers on one article.
pub fn run_article(
    article: &mut Article,
    enrichers: &[Box<dyn Enricher>],
    ctx: &EnrichContext<'_>,
) -> Vec<Diagnostic> {
    enrichers.iter().flat_map(|e| e.run(article, ctx)).collect()
}

/// Run every enabled per-article enricher on every article, in parallel across articles.
pub fn run_articles(
    articles: &mut [Article],
    config: &SiteConfig,
    ctx: &EnrichContext<'_>,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let enrichers = enabled_article_enrichers(config);
    articles
        .par_iter_mut()
        .flat_map_iter(|a| run_article(a, &enrichers, ctx))
        .collect()
}

/// Run the enabled corpus-wide enrichers over articles the per-article ones have finished.
pub fn run_corpus(
    articles: Vec<Article>,
    config: &SiteConfig,
    ctx: &EnrichContext<'_>,
) -> (Corpus, Vec<Diagnostic>) {
    run_corpus_reusing(articles, Vec::new(), Vec::new(), config, ctx, |_| ())
}

/// [`run_corpus`], with the events some articles were found to report by an earlier run,
/// or every article's events found at load ([`Corpus::found`]); `finished` is called with
/// each enricher's name as it finishes.
pub fn run_corpus_reusing(
    articles: Vec<Article>,
    article_events: Vec<Option<Vec<crate::model::Event>>>,
    found: Vec<chronology::Found>,
    config: &SiteConfig,
    ctx: &EnrichContext<'_>,
    mut finished: impl FnMut(&'static str),
) -> (Corpus, Vec<Diagnostic>) {
    let mut corpus = Corpus {
        articles,
        events: Vec::new(),
        article_events,
        found,
    };
    let mut warnings = Vec::new();
    for e in corpus_enrichers() {
        if config.enricher_enabled(e.name()) {
            warnings.extend(e.run(&mut corpus, ctx));
            finished(e.name());
        }
    }
    (corpus, warnings)
}

/// The states and people named in a piece of text (an event's sentence), most named first;
/// `stemmed` is the text's tokens when the caller has them already.
pub fn tag_text(
    finder: &states::Finder,
    text: &str,
    stemmed: Option<gazetteer::View<'_>>,
    ctx: &EnrichContext<'_>,
) -> (Vec<String>, Vec<String>) {
    let own;
    let view = match stemmed {
        Some(view) => view,
        None => {
            own = gazetteer::Stemmed::shared(text);
            own.view()
        }
    };
    (
        states::ranked(&finder.mentions_in(ctx, &[view])),
        people::ranked(&people::mentions_in(finder.people(), ctx.people, &[view])),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::content::front_matter::FrontMatter;
    use crate::content::Article;

    /// A bare article with nothing set by hand, for enricher unit tests.
    pub(crate) fn article(title: &str, text: &str) -> Article {
        let mut a = crate::content::assemble(
            "content/articles/test.md".into(),
            "test".into(),
            FrontMatter::default(),
            None,
            "",
            Default::default(),
        )
        .expect("an empty body");
        a.title = title.into();
        a.text = text.into();
        a
    }
}
