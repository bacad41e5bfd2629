//! The stages before rendering, each a value the next one takes: [`inputs`] reads and
//! cross-checks the configuration, the gazetteers and the entries; [`enrich()`] runs the
//! per-article enrichers; [`dossier()`] runs the corpus-wide ones and indexes the result.
//! `build` starts the search index between the last two; everything after reads the
//! [`Dossier`] only.

use std::path::Path;

use super::cache::{inputs_key, CachedArticle, EnrichCache};
use super::timings::Laps;
use super::{today, BuildOptions};
use crate::config::SiteConfig;
use crate::content::Article;
use crate::data::Gazetteers;
use crate::dossier::Dossier;
use crate::enrich::{self, EnrichContext};
use crate::error::{BuildError, ContentError, Diagnostic};
use crate::model::Event;
use crate::strings::Strings;

/// What a build reads, checked against itself: the configuration with the command line's
/// overrides, the gazetteers, and the entries in file order as they were written.
pub struct Inputs {
    pub config: SiteConfig,
    pub strings: Strings,
    pub data: Gazetteers,
    pub articles: Vec<Article>,
    pub warnings: Vec<Diagnostic>,
}

/// The entries once the per-article enrichers have run (dates, states, people, topics,
/// summary, reading time), with the events `serve`'s cache kept for unchanged entries.
pub struct Enriched {
    pub config: SiteConfig,
    pub strings: Strings,
    pub data: Gazetteers,
    pub articles: Vec<Article>,
    pub warnings: Vec<Diagnostic>,
    known_events: Vec<Option<Vec<Event>>>,
}

/// Read site.yaml, the gazetteers and the entries, and check the entries' hand-set states
/// and people against the gazetteers. `cache` lends the entries it holds unchanged.
pub fn inputs(
    opts: &BuildOptions,
    mut cache: Option<&mut EnrichCache>,
    laps: &mut Laps,
) -> Result<Inputs, BuildError> {
    let root = &opts.root;
    if let Some(cache) = cache.as_deref_mut() {
        let key = inputs_key(opts)?;
        if cache.key != key {
            cache.articles.clear();
            cache.key = key;
        }
    }
    let config = configuration(opts)?;
    let mut errors = unknown_enrichers(&config);
    // The theme's words, unless the theme itself is missing (said once, at `theme`).
    let strings = match crate::render::missing_theme(root, &config) {
        Some(e) => {
            errors.push(e);
            None
        }
        None => Strings::load(root, &config)
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let data = Gazetteers::load(root).unwrap_or_else(|mut e| {
        errors.append(&mut e);
        Gazetteers::default()
    });
    let cached = cache.as_deref();
    let reuse = |file: &Path, hash: u64| {
        cached
            .and_then(|c| c.articles.get(file))
            .filter(|c| c.article.source_hash == hash)
            .map(|c| c.article.clone())
    };
    let loaded = crate::content::load_articles_reusing(
        root,
        opts.drafts,
        crate::content::markdown::Allow::of(&config),
        &reuse,
    );
    let (articles, warnings) = match loaded {
        Ok(l) => (l.articles, l.warnings),
        Err(mut e) => {
            errors.append(&mut e);
            (Vec::new(), Vec::new())
        }
    };
    errors.extend(articles.iter().flat_map(|a| unknown_names(a, &data)));
    let strings = match strings {
        Some(strings) if errors.is_empty() => strings,
        _ => return Err(BuildError::Content(errors)),
    };
    laps.step("read and parse entries");
    Ok(Inputs {
        config,
        strings,
        data,
        articles,
        warnings,
    })
}

/// site.yaml with `--base-url` and `--no-minify` applied.
fn configuration(opts: &BuildOptions) -> Result<SiteConfig, BuildError> {
    let mut config = SiteConfig::load(&opts.root).map_err(|e| BuildError::Content(vec![e]))?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|m| {
            BuildError::Content(vec![ContentError::new(Path::new("--base-url"), 1, 1, m)])
        })?;
    }
    if opts.no_minify {
        config.minify = false;
    }
    Ok(config)
}

/// `disabled_enrichers` naming an enricher that does not exist: a typo would otherwise leave
/// the enricher on without a word.
fn unknown_enrichers(config: &SiteConfig) -> Vec<ContentError> {
    config
        .disabled_enrichers
        .iter()
        .filter(|name| !enrich::names().contains(&name.as_str()))
        .map(|name| {
            ContentError::new(
                Path::new(crate::config::CONFIG_FILE),
                config.lines.of_key("disabled_enrichers"),
                1,
                format!(
                    "no enricher is called `{name}` (known: {})",
                    enrich::names().join(", ")
                ),
            )
            .field("disabled_enrichers")
        })
        .collect()
}

/// The hand-set states and people of `a` that the gazetteers do not know. Only hand-set lists
/// exist before enrichment, so each error points at its key in the front matter.
fn unknown_names(a: &Article, data: &Gazetteers) -> Vec<ContentError> {
    let unknown_states = a
        .states
        .iter()
        .filter(|s| !data.states.iter().any(|st| &st.slug == *s))
        .map(|s| {
            (
                "states",
                format!("unknown state `{s}`: not in content/data/states.yaml"),
            )
        });
    let unknown_people = a
        .people
        .iter()
        .filter(|s| !data.people.iter().any(|p| &p.slug == *s))
        .map(|s| {
            (
                "people",
                format!("unknown person `{s}`: not in content/data/people.yaml"),
            )
        });
    unknown_states
        .chain(unknown_people)
        .map(|(field, message)| {
            ContentError::new(&a.file, a.lines.of_key(field), 1, message).field(field)
        })
        .collect()
}

/// Run the per-article enrichers on every entry `cache` does not hold unchanged, in
/// parallel, and keep the results in `cache`.
pub fn enrich(inputs: Inputs, cache: Option<&mut EnrichCache>, laps: &mut Laps) -> Enriched {
    let Inputs {
        config,
        strings,
        data,
        articles,
        mut warnings,
    } = inputs;
    let ctx = EnrichContext::of(&data);
    let enrichers = enrich::enabled_article_enrichers(&config);
    let cached = cache.as_deref();
    let is_cached = |a: &Article| {
        cached
            .and_then(|c| c.articles.get(&a.file))
            .is_some_and(|c| c.article.source_hash == a.source_hash)
    };
    let enriched: Vec<(Article, Option<Vec<Diagnostic>>)> = {
        use rayon::prelude::*;
        articles
            .into_par_iter()
            .map(|mut a| {
                if is_cached(&a) {
                    (a, None)
                } else {
                    let w = enrich::run_article(&mut a, &enrichers, &ctx);
                    (a, Some(w))
                }
            })
            .collect()
    };
    let mut articles = Vec::with_capacity(enriched.len());
    let mut known_events = Vec::with_capacity(enriched.len());
    match cache {
        Some(cache) => {
            let mut old = std::mem::take(&mut cache.articles);
            for (a, fresh) in enriched {
                let entry = match (fresh, old.remove(&a.file)) {
                    (None, Some(kept)) => kept,
                    (fresh, _) => CachedArticle {
                        article: a.clone(),
                        warnings: fresh.unwrap_or_default(),
                        events: None,
                    },
                };
                warnings.extend(entry.warnings.iter().cloned());
                known_events.push(entry.events.clone());
                cache.articles.insert(a.file.clone(), entry);
                articles.push(a);
            }
        }
        None => {
            for (a, fresh) in enriched {
                warnings.extend(fresh.unwrap_or_default());
                articles.push(a);
            }
        }
    }
    laps.step("per-article enrichers");
    Enriched {
        config,
        strings,
        data,
        articles,
        warnings,
        known_events,
    }
}

/// Run the corpus-wide enrichers (chronology, related articles) and index the result; the
/// events found in each entry go back into `cache`.
pub fn dossier(
    enriched: Enriched,
    cache: Option<&mut EnrichCache>,
    opts: &BuildOptions,
    laps: &mut Laps,
) -> Dossier {
    let Enriched {
        config,
        strings,
        data,
        articles,
        mut warnings,
        known_events,
    } = enriched;
    let ctx = EnrichContext::of(&data);
    let (mut corpus, enrich_warnings) =
        enrich::run_corpus_reusing(articles, known_events, &config, &ctx, |name| {
            laps.step(name)
        });
    warnings.extend(enrich_warnings);
    if let Some(cache) = cache {
        let found = std::mem::take(&mut corpus.article_events);
        for (a, events) in corpus.articles.iter().zip(found) {
            if let Some(entry) = cache.articles.get_mut(&a.file) {
                entry.events = events;
            }
        }
    }
    let dossier = Dossier::new(config, strings, corpus, data, today(opts), warnings);
    laps.step("dossier index");
    dossier
}

/// All three stages: everything `build` does before rendering.
pub fn all(
    opts: &BuildOptions,
    mut cache: Option<&mut EnrichCache>,
    laps: &mut Laps,
) -> Result<Dossier, BuildError> {
    let inputs = inputs(opts, cache.as_deref_mut(), laps)?;
    let enriched = enrich(inputs, cache.as_deref_mut(), laps);
    Ok(dossier(enriched, cache, opts, laps))
}
