//! What `serve` keeps between rebuilds: the entries as the per-article enrichers left them,
//! held in memory by entry file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::Article;
use crate::enrich::memo::Memo;
use crate::error::Diagnostic;
use crate::model::Event;

/// Entries as the per-article enrichers left them, by entry file. A load moves what was held
/// to `earlier`; what the load keeps or recalls comes back, so an entry that was removed is
/// forgotten, and a load that fails before enriching loses nothing.
#[derive(Default)]
pub struct EnrichCache {
    key: u64,
    held: HashMap<PathBuf, Held>,
    earlier: HashMap<PathBuf, Held>,
}

struct Held {
    article: Article,
    warnings: Vec<Diagnostic>,
    events: Option<Vec<Event>>,
}

impl EnrichCache {
    fn find(&self, file: &Path) -> Option<&Held> {
        self.earlier.get(file).or_else(|| self.held.get(file))
    }
}

impl Memo for EnrichCache {
    fn start(&mut self, inputs_key: u64) {
        if self.key != inputs_key {
            self.held.clear();
            self.earlier.clear();
            self.key = inputs_key;
        }
        let held = std::mem::take(&mut self.held);
        self.earlier.extend(held);
    }

    fn article(&self, file: &Path, hash: u64) -> Option<Article> {
        self.find(file)
            .filter(|h| h.article.source_hash == hash)
            .map(|h| h.article.clone())
    }

    fn holds(&self, article: &Article) -> bool {
        self.find(&article.file)
            .is_some_and(|h| h.article.source_hash == article.source_hash)
    }

    fn recall(&mut self, file: &Path) -> (Vec<Diagnostic>, Option<Vec<Event>>) {
        let Some(held) = self.earlier.remove(file) else {
            return self
                .held
                .get(file)
                .map(|h| (h.warnings.clone(), h.events.clone()))
                .unwrap_or_default();
        };
        let recalled = (held.warnings.clone(), held.events.clone());
        self.held.insert(file.to_path_buf(), held);
        recalled
    }

    fn keep(&mut self, article: &Article, warnings: &[Diagnostic]) {
        self.earlier.remove(&article.file);
        self.held.insert(
            article.file.clone(),
            Held {
                article: article.clone(),
                warnings: warnings.to_vec(),
                events: None,
            },
        );
    }

    fn keep_events(&mut self, articles: &[Article], events: Vec<Option<Vec<Event>>>) {
        for (a, events) in articles.iter().zip(events) {
            if let Some(held) = self.held.get_mut(&a.file) {
                held.events = events;
            }
        }
    }

    fn forget_the_rest(&mut self) {
        self.earlier.clear();
    }
}
