//! The stages before rendering, each a value the next one takes: [`inputs`] reads and
//! cross-checks the configuration, the gazetteers and the entries; [`enrich()`] runs the
//! per-article enrichers; [`dossier()`] runs the corpus-wide ones and indexes the result.
//! `build` starts the search index between the last two; everything after reads the
//! [`Dossier`] only.

use std::path::Path;
use std::sync::Arc;

use super::timings::Laps;
use super::{today, BuildOptions};
use crate::config::SiteConfig;
use crate::content::spill::{Span, Spill};
use crate::content::Article;
use crate::data::Gazetteers;
use crate::dossier::Dossier;
use crate::enrich::chronology::Found;
use crate::enrich::memo::Memo;
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
/// summary, reading time), with the events the memo kept for unchanged entries.
pub struct Enriched {
    pub config: SiteConfig,
    pub strings: Strings,
    pub data: Gazetteers,
    pub articles: Vec<Article>,
    pub warnings: Vec<Diagnostic>,
    known_events: Vec<Option<Vec<Event>>>,
    /// Each article's chronology events, found while its blocks were at hand, when the
    /// blocks were then dropped (no memo keeps them, or the memo stored them); else empty.
    found: Vec<Found>,
    /// Where each article's plain text lies in the spill file, in article order, when the
    /// load spilled them ([`enrich`]); empty otherwise.
    pub spilled_text: Vec<Span>,
}

/// Read site.yaml, the gazetteers and the entries, and check the entries' hand-set states
/// and people against the gazetteers. `memo` lends the entries it holds unchanged. With a
/// `spill`, each entry's rendered body goes there and its plain text is dropped as soon as
/// it is loaded (see [`crate::content::load_articles_spilling`]).
pub fn inputs(
    opts: &BuildOptions,
    memo: &mut dyn Memo,
    laps: &mut Laps,
    spill: Option<&Arc<Spill>>,
) -> Result<Inputs, BuildError> {
    let root = &opts.root;
    if memo.remembers() {
        memo.start(inputs_key(opts)?);
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
    let memo = &*memo;
    let reuse = |file: &Path, hash: u64| memo.article(file, hash);
    let loaded = crate::content::load_articles_spilling(
        root,
        opts.drafts,
        crate::content::markdown::Allow::of(&config),
        &reuse,
        spill,
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

/// Run the per-article enrichers on every entry `memo` does not hold unchanged, in
/// parallel, and keep the results in `memo`. An entry whose blocks the load spilled has
/// them read back, and one whose text it dropped has it made again from its blocks, for
/// the enrichers; with a `spill`, the text then stays there (or goes there) for the search
/// records ([`Enriched::spilled_text`]), and out of memory. Each card's summary is set
/// here, from the blocks. Unless a memo holds them in memory (`serve`'s), the blocks are then
/// dropped, the chronology's events found in them first (or taken from the memo that stored
/// them with the entry, `build`'s on-disk cache), and a storing memo is given each fresh
/// entry, its warnings and its events at once.
pub fn enrich(
    inputs: Inputs,
    memo: &mut dyn Memo,
    laps: &mut Laps,
    spill: Option<&Arc<Spill>>,
) -> Result<Enriched, BuildError> {
    let Inputs {
        config,
        strings,
        data,
        articles,
        mut warnings,
    } = inputs;
    let ctx = EnrichContext::of(&data);
    let enrichers = enrich::enabled_article_enrichers(&config);
    let held = &*memo;
    // A memo that stores each entry as it is enriched needs its blocks no longer than a
    // build without a memo does.
    let stores = held.stores();
    let drop_blocks = !held.remembers() || stores;
    let find_events = drop_blocks && config.enricher_enabled("chronology");
    type Done = (
        Article,
        Option<Vec<Diagnostic>>,
        Option<Span>,
        Option<Found>,
    );
    let enriched: Vec<std::io::Result<Done>> = {
        use rayon::prelude::*;
        articles
            .into_par_iter()
            .map(|mut a| {
                let mut span = None;
                if let Some(shelved) = a.shelved.take() {
                    span = Some(shelved.text_span());
                    (a.blocks, a.text) = shelved.take()?;
                } else if a.text.is_empty() {
                    a.text = crate::content::text_of(&a.blocks);
                }
                let fresh = if held.holds(&a) {
                    None
                } else {
                    Some(enrich::run_article(&mut a, &enrichers, &ctx))
                };
                a.card_summary = enrich::summary::beside_title(&a.title, &a.summary, &a.blocks);
                let span = match (spill, span) {
                    (Some(_), Some(span)) => Some(span),
                    (Some(spill), None) => Some(spill.put(a.text.as_bytes())?),
                    (None, _) => None,
                };
                // Before the text goes: the chronology reads its sentences from the tokens the
                // enrichers made of it.
                let found = match (find_events, &fresh) {
                    (false, _) => None,
                    (true, Some(_)) => Some(Found::of(&a, &ctx)),
                    (true, None) => held
                        .take_found(&a.file)
                        .or_else(|| Some(Found::of(&a, &ctx))),
                };
                if span.is_some() {
                    a.text = String::new();
                }
                if let (true, Some(warnings)) = (stores, &fresh) {
                    held.store(&a, warnings, found.as_ref());
                }
                if drop_blocks {
                    a.blocks = Vec::new();
                }
                // Nothing after the enrichers reads the front matter or its lines in a build
                // (the only caller with a spill), and the cache has stored them: at 100,000
                // articles they were about 170 MB.
                if drop_blocks && spill.is_some() {
                    a.front = Default::default();
                    a.lines = Default::default();
                }
                Ok((a, fresh, span, found))
            })
            .collect()
    };
    let mut articles = Vec::with_capacity(enriched.len());
    let mut known_events = Vec::with_capacity(enriched.len());
    let mut found = Vec::new();
    let mut spilled_text = Vec::new();
    for done in enriched {
        let (a, fresh, span, events) =
            done.map_err(|e| BuildError::io(&std::env::temp_dir(), e))?;
        spilled_text.extend(span);
        found.extend(events);
        match fresh {
            Some(fresh) => {
                memo.keep(&a, &fresh);
                warnings.extend(fresh);
                known_events.push(None);
            }
            None => {
                let (kept, events) = memo.recall(&a.file);
                warnings.extend(kept);
                known_events.push(events);
            }
        }
        articles.push(a);
    }
    memo.forget_the_rest();
    laps.step("per-article enrichers");
    Ok(Enriched {
        config,
        strings,
        data,
        articles,
        warnings,
        known_events,
        found,
        spilled_text,
    })
}

/// Run the corpus-wide enrichers (chronology, related articles) and index the result; the
/// events found in each entry go back into `memo`.
pub fn dossier(
    enriched: Enriched,
    memo: &mut dyn Memo,
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
        found,
        spilled_text: _,
    } = enriched;
    let ctx = EnrichContext::of(&data);
    // Only a memo that holds entries in memory (`serve`'s) knows some articles' events and is
    // handed them back; otherwise the events found at load move into the chronology's merge
    // rather than a copy of every one being kept.
    let hands_back = memo.remembers() && !memo.stores();
    let known_events = if hands_back { known_events } else { Vec::new() };
    let (mut corpus, enrich_warnings) =
        enrich::run_corpus_reusing(articles, known_events, found, &config, &ctx, |name| {
            laps.step(name)
        });
    warnings.extend(enrich_warnings);
    if hands_back {
        let found = std::mem::take(&mut corpus.article_events);
        memo.keep_events(&corpus.articles, found);
    }
    let dossier = Dossier::new(config, strings, corpus, data, today(opts), warnings);
    laps.step("dossier index");
    dossier
}

/// All three stages: everything `build` does before rendering.
pub fn all(
    opts: &BuildOptions,
    memo: &mut dyn Memo,
    laps: &mut Laps,
) -> Result<Dossier, BuildError> {
    let inputs = inputs(opts, memo, laps, None)?;
    let enriched = enrich(inputs, memo, laps, None)?;
    Ok(dossier(enriched, memo, opts, laps))
}

/// A hash of everything besides an article's own file that its enrichment depends on:
/// site.yaml, the data files and the options. A file that cannot be read is an error, except
/// a missing site.yaml, which loading the configuration reports at its place.
pub fn inputs_key(opts: &BuildOptions) -> Result<u64, BuildError> {
    let mut bytes = Vec::new();
    let config = opts.root.join(crate::config::CONFIG_FILE);
    match std::fs::read(&config) {
        Ok(b) => bytes.extend(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BuildError::io(&config, e)),
    }
    let data_dir = opts.root.join("content").join("data");
    for entry in walkdir::WalkDir::new(&data_dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            bytes.extend(entry.path().to_string_lossy().as_bytes());
            bytes.extend(std::fs::read(entry.path()).map_err(|e| BuildError::io(entry.path(), e))?);
        }
    }
    bytes.extend(format!("{:?}{}{}", opts.base_url, opts.drafts, opts.no_minify).as_bytes());
    Ok(crate::content::hash_bytes(&bytes))
}
