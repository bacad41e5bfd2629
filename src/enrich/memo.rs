//! What a build may remember of an earlier one: each entry as the per-article enrichers left
//! it, with their warnings and the events the chronology found in it. A memo is valid only
//! while everything else enrichment reads (site.yaml, the data files, the options) is the
//! same; [`Memo::start`] is told a hash of those and forgets what it holds when it changed.

use std::path::Path;

use crate::content::Article;
use crate::enrich::chronology::Found;
use crate::error::Diagnostic;
use crate::model::Event;

pub trait Memo: Sync {
    /// Whether this memo keeps anything: a build without one need not hash its inputs.
    fn remembers(&self) -> bool {
        true
    }

    /// A load begins with inputs that hash to `inputs_key`.
    fn start(&mut self, inputs_key: u64);

    /// The entry at `file` as the enrichers left it, if its text still hashes to `hash`.
    fn article(&self, file: &Path, hash: u64) -> Option<Article>;

    /// Whether `article` is held as it is now, so the per-article enrichers need not run.
    fn holds(&self, article: &Article) -> bool;

    /// The warnings and the events kept for a held entry, which stays held.
    fn recall(&mut self, file: &Path) -> (Vec<Diagnostic>, Option<Vec<Event>>);

    /// Hold `article` as the per-article enrichers left it, with their warnings.
    fn keep(&mut self, article: &Article, warnings: &[Diagnostic]);

    /// Whether the memo stores each fresh entry as soon as the enrichers leave it, with the
    /// chronology's events found in it ([`Memo::store`]), rather than holding it until the
    /// chronology is done: a load can then drop every entry's blocks right away.
    fn stores(&self) -> bool {
        false
    }

    /// Store `article` (its blocks still there), its enrichers' warnings and the events
    /// found in it, if they were looked for. Called from the load's threads.
    fn store(&self, _article: &Article, _warnings: &[Diagnostic], _found: Option<&Found>) {}

    /// The events stored with the held entry at `file`, taken out of the memo.
    fn take_found(&self, _file: &Path) -> Option<Found> {
        None
    }

    /// The events the chronology found in each entry of the load (`events[i]` in
    /// `articles[i]`), for the entries held.
    fn keep_events(&mut self, articles: &[Article], events: Vec<Option<Vec<Event>>>);

    /// Every entry of this load is kept or recalled: forget the others.
    fn forget_the_rest(&mut self);
}

/// A memo that holds nothing: every entry is read and enriched afresh.
pub struct NoMemo;

impl Memo for NoMemo {
    fn remembers(&self) -> bool {
        false
    }

    fn start(&mut self, _: u64) {}

    fn article(&self, _: &Path, _: u64) -> Option<Article> {
        None
    }

    fn holds(&self, _: &Article) -> bool {
        false
    }

    fn recall(&mut self, _: &Path) -> (Vec<Diagnostic>, Option<Vec<Event>>) {
        (Vec::new(), None)
    }

    fn keep(&mut self, _: &Article, _: &[Diagnostic]) {}

    fn keep_events(&mut self, _: &[Article], _: Vec<Option<Vec<Event>>>) {}

    fn forget_the_rest(&mut self) {}
}
