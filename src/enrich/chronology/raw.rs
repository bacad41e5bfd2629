//! An article's dated sentence as the chronology holds it until its (year, end) bucket is
//! merged. Every raw event of a corpus exists at once before the merge (one per dated
//! sentence: about 1.6 million at 100,000 articles), so one is kept lean: its id, its ISO
//! dates and its source record are made only when its bucket reaches it, the states and
//! people it names are shared names rather than strings of its own, and its source's
//! slug, title and path are shared with the other events of its article and block.

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::dates::{PartialDate, Precision};
use crate::model::{Event, EventSource};

/// One dated sentence of an article, not yet an [`Event`].
#[derive(Debug)]
pub(super) struct Raw {
    pub(super) start: PartialDate,
    pub(super) end: Option<PartialDate>,
    pub(super) precision: Precision,
    pub(super) guessed: bool,
    pub(super) text: Box<str>,
    pub(super) states: Names,
    pub(super) people: Names,
    pub(super) source: Source,
}

/// Gazetteer slugs, each spelled once per thread ([`Names::of`]).
#[derive(Debug, Clone)]
pub(super) struct Names(Box<[Arc<str>]>);

/// Where a raw event was read: its article's slug and title, its block's
/// `articles/<slug>/#<anchor>` path (all three shared), where the anchor begins in the
/// path, and the block's line.
#[derive(Debug)]
pub(super) struct Source {
    pub(super) slug: Arc<str>,
    pub(super) title: Arc<str>,
    pub(super) path: Arc<str>,
    pub(super) anchor_at: usize,
    pub(super) line: usize,
}

thread_local! {
    static SPELLED: RefCell<FxHashSet<Arc<str>>> = RefCell::new(FxHashSet::default());
}

impl Names {
    /// The names of `slugs`, in their order.
    pub(super) fn of(slugs: Vec<String>) -> Names {
        SPELLED.with(|spelled| {
            let mut spelled = spelled.borrow_mut();
            Names(
                slugs
                    .into_iter()
                    .map(|s| match spelled.get(s.as_str()) {
                        Some(known) => Arc::clone(known),
                        None => {
                            let name: Arc<str> = s.into();
                            spelled.insert(Arc::clone(&name));
                            name
                        }
                    })
                    .collect(),
            )
        })
    }

    fn strings(&self) -> Vec<String> {
        self.0.iter().map(|s| s.to_string()).collect()
    }
}

impl Raw {
    /// The event this sentence is, as the chronology's merge and pages read it.
    pub(super) fn into_event(self) -> Event {
        let Source {
            slug,
            title,
            path,
            anchor_at,
            line,
        } = self.source;
        let anchor = path.get(anchor_at..).unwrap_or_default().to_string();
        let mut e = Event::new(
            self.start,
            self.end,
            self.precision,
            self.text.into(),
            self.states.strings(),
            self.people.strings(),
            vec![EventSource {
                slug,
                title,
                path,
                anchor,
                line,
            }],
        );
        e.guessed = self.guessed;
        e
    }
}

/// A raw event as the on-disk cache keeps it, with its article: its source is the
/// article's, so only the block's anchor and line are its own.
#[derive(Serialize)]
pub struct Stored<'a> {
    start: PartialDate,
    end: Option<PartialDate>,
    precision: Precision,
    guessed: bool,
    text: &'a str,
    states: &'a [Arc<str>],
    people: &'a [Arc<str>],
    anchor: &'a str,
    line: usize,
}

/// [`Stored`], read back.
#[derive(Deserialize)]
pub struct StoredOwned {
    start: PartialDate,
    end: Option<PartialDate>,
    precision: Precision,
    guessed: bool,
    text: Box<str>,
    states: Vec<String>,
    people: Vec<String>,
    anchor: String,
    line: usize,
}

impl Raw {
    pub(super) fn stored(&self) -> Stored<'_> {
        let s = &self.source;
        Stored {
            start: self.start,
            end: self.end,
            precision: self.precision,
            guessed: self.guessed,
            text: &self.text,
            states: &self.states.0,
            people: &self.people.0,
            anchor: s.path.get(s.anchor_at..).unwrap_or_default(),
            line: s.line,
        }
    }
}

/// The raw events of the article at `article_path` (its slug and title given) as they
/// were stored, their sources made again: one shared path per block, as when found.
pub(super) fn restore(
    stored: Vec<StoredOwned>,
    slug: &str,
    title: &str,
    article_path: &str,
) -> Vec<Raw> {
    let slug: Arc<str> = slug.into();
    let title: Arc<str> = title.into();
    let anchor_at = article_path.len() + 1;
    let mut path: Arc<str> = Arc::from("");
    stored
        .into_iter()
        .map(|s| {
            if path.is_empty() || path.get(anchor_at..) != Some(s.anchor.as_str()) {
                path = format!("{article_path}#{}", s.anchor).into();
            }
            Raw {
                start: s.start,
                end: s.end,
                precision: s.precision,
                guessed: s.guessed,
                text: s.text,
                states: Names::of(s.states),
                people: Names::of(s.people),
                source: Source {
                    slug: Arc::clone(&slug),
                    title: Arc::clone(&title),
                    path: Arc::clone(&path),
                    anchor_at,
                    line: s.line,
                },
            }
        })
        .collect()
}
