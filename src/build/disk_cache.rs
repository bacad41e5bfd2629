//! `.dossier-cache/`: every entry as the per-article enrichers left it, with their warnings
//! and the events the chronology found in it, kept on disk between builds, so a build after
//! editing one entry of thousands reads and enriches only that one.
//!
//! One file per entry (postcard, a compact serde format that reads back far faster than the
//! Markdown parses), named by a hash of the entry's path and holding a hash of its bytes: an
//! entry whose bytes changed is simply not found. The entries sit in a folder named
//! by a key of everything else they depend on (this cache's format, the program itself,
//! site.yaml, the data files and the options), so an upgrade or a changed gazetteer starts a
//! new folder and the old one is removed; nothing stale is ever read. The cache is an
//! optimisation only: a file that cannot be read or parsed is a miss, one that cannot be
//! written is a warning, and deleting the folder costs one full build.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::content::markdown::Block;
use crate::content::Article;
use crate::dates::PartialDate;
use crate::enrich::memo::Memo;
use crate::error::Diagnostic;
use crate::model::Event;

/// The cache folder, beside `content/` (git should ignore it).
pub const CACHE_DIR: &str = ".dossier-cache";

/// Raised whenever what an entry file holds changes shape.
const FORMAT: u32 = 2;

/// Prefix of the folder of one key's entries.
const ENTRIES_PREFIX: &str = "enriched-";

/// The cache of one site, open for one build.
pub struct DiskCache {
    root: PathBuf,
    /// This key's entries, or `None` when the cache cannot be used (it says why in `problems`).
    dir: Option<PathBuf>,
    /// Entries read this load, until the load recalls them.
    found: Mutex<HashMap<PathBuf, Found>>,
    /// Entry files this load recalled or will write; the others are stale.
    live: HashSet<String>,
    /// Warnings of entries enriched this load, until their events are known and they are
    /// written.
    fresh: HashMap<PathBuf, Vec<Diagnostic>>,
    reused: usize,
    problems: Vec<String>,
}

struct Found {
    source_hash: u64,
    warnings: Vec<Diagnostic>,
    events: Option<Vec<Event>>,
}

/// An entry file as written: the article and what its template form leaves out.
#[derive(Serialize)]
struct EntryOut<'a> {
    file: &'a Path,
    source_hash: u64,
    article: &'a Article,
    extra: Extra<'a>,
    warnings: &'a [Diagnostic],
    events: Option<Vec<StoredEvent<'a>>>,
}

/// The fields of an article its template form skips. The front matter is kept as JSON: it
/// leaves out empty fields when serialised, which only a self-describing format reads back.
#[derive(Deserialize)]
struct ExtraOwned {
    blocks: Vec<Block>,
    block_lines: Vec<usize>,
    front_json: String,
    lines: crate::yaml::KeyLines,
}

#[derive(Serialize)]
struct Extra<'a> {
    blocks: &'a [Block],
    block_lines: Vec<usize>,
    front_json: String,
    lines: &'a crate::yaml::KeyLines,
}

#[derive(Serialize)]
struct StoredEvent<'a> {
    event: &'a Event,
    start: PartialDate,
    guessed: bool,
    source_lines: Vec<usize>,
}

#[derive(Deserialize)]
struct StoredEventOwned {
    event: Event,
    start: PartialDate,
    guessed: bool,
    source_lines: Vec<usize>,
}

/// An entry file as read back.
#[derive(Deserialize)]
struct EntryIn {
    file: PathBuf,
    source_hash: u64,
    article: Article,
    extra: ExtraOwned,
    warnings: Vec<Diagnostic>,
    events: Option<Vec<StoredEventOwned>>,
}

impl StoredEventOwned {
    fn restore(self) -> Event {
        let mut e = self.event;
        e.sort_key = self.start.sort_key();
        e.start = self.start;
        e.guessed = self.guessed;
        for (s, line) in e.sources.iter_mut().zip(self.source_lines) {
            s.line = line;
        }
        e
    }
}

impl<'a> StoredEvent<'a> {
    fn of(event: &'a Event) -> Self {
        StoredEvent {
            event,
            start: event.start,
            guessed: event.guessed,
            source_lines: event.sources.iter().map(|s| s.line).collect(),
        }
    }
}

impl EntryIn {
    fn restore(self) -> Option<(Article, Found)> {
        let mut a = self.article;
        // Back as the per-article enrichers left it: the corpus-wide lists, written with
        // the entry, are worked out again by every build.
        a.events.clear();
        a.related.clear();
        let x = self.extra;
        a.front = serde_json::from_str(&x.front_json).ok()?;
        a.blocks = x.blocks;
        for (b, line) in a.blocks.iter_mut().zip(x.block_lines) {
            b.line = line;
        }
        a.lines = x.lines;
        a.source_hash = self.source_hash;
        let found = Found {
            source_hash: self.source_hash,
            warnings: self.warnings,
            events: self
                .events
                .map(|v| v.into_iter().map(StoredEventOwned::restore).collect()),
        };
        Some((a, found))
    }
}

/// The entry file of the entry at `file` (relative to the site root).
fn entry_name(file: &Path) -> String {
    let hash = crate::content::hash_bytes(file.to_string_lossy().as_bytes());
    format!("{hash:016x}.entry")
}

/// What identifies the program that writes the cache: a rebuilt binary has another size or
/// modification time, so a cache written by an older build of the enrichers is never read.
fn program_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        FORMAT,
        meta.len(),
        modified.as_nanos()
    ))
}

impl DiskCache {
    /// The cache of the site at `root`; nothing is read or written before [`Memo::start`].
    pub fn new(root: &Path) -> DiskCache {
        DiskCache {
            root: root.join(CACHE_DIR),
            dir: None,
            found: Mutex::new(HashMap::new()),
            live: HashSet::new(),
            fresh: HashMap::new(),
            reused: 0,
            problems: Vec::new(),
        }
    }

    /// How many entries this load took from the cache.
    pub fn reused(&self) -> usize {
        self.reused
    }

    /// What went wrong with the cache, as warnings of the build.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.problems
            .iter()
            .map(|m| Diagnostic::warning(Path::new(CACHE_DIR), 1, m.clone()))
            .collect()
    }

    fn open(&mut self, key: &str) -> std::io::Result<PathBuf> {
        let name = format!(
            "{ENTRIES_PREFIX}{:016x}",
            crate::content::hash_bytes(key.as_bytes())
        );
        let dir = self.root.join(&name);
        if !dir.is_dir() {
            std::fs::create_dir_all(&self.root)?;
            for old in std::fs::read_dir(&self.root)?.flatten() {
                let old_name = old.file_name().to_string_lossy().into_owned();
                if old_name.starts_with(ENTRIES_PREFIX) && old_name != name {
                    std::fs::remove_dir_all(old.path())?;
                }
            }
            std::fs::create_dir_all(&dir)?;
            let tag = self.root.join("CACHEDIR.TAG");
            if !tag.exists() {
                // The convention backup tools honour (https://bford.info/cachedir/).
                std::fs::write(
                    tag,
                    "Signature: 8a477f597d28d172789f06886806bc55\n\
                     # dossier's cache of enriched entries; safe to delete.\n",
                )?;
            }
        }
        Ok(dir)
    }

    fn read(&self, dir: &Path, file: &Path, hash: u64) -> Option<(Article, Found)> {
        let bytes = std::fs::read(dir.join(entry_name(file))).ok()?;
        let entry: EntryIn = postcard::from_bytes(&bytes).ok()?;
        if entry.file != file || entry.source_hash != hash {
            return None;
        }
        entry.restore()
    }

    fn write(
        dir: &Path,
        article: &Article,
        warnings: &[Diagnostic],
        events: Option<&[Event]>,
    ) -> std::io::Result<()> {
        let entry = EntryOut {
            file: &article.file,
            source_hash: article.source_hash,
            article,
            extra: Extra {
                blocks: &article.blocks,
                block_lines: article.blocks.iter().map(|b| b.line).collect(),
                front_json: serde_json::to_string(&article.front).map_err(std::io::Error::other)?,
                lines: &article.lines,
            },
            warnings,
            events: events.map(|v| v.iter().map(StoredEvent::of).collect()),
        };
        let bytes = postcard::to_stdvec(&entry).map_err(std::io::Error::other)?;
        let name = entry_name(&article.file);
        let tmp = dir.join(format!(".{name}.{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, dir.join(name))
    }
}

impl Memo for DiskCache {
    fn start(&mut self, inputs_key: u64) {
        self.dir = None;
        let Some(program) = program_identity() else {
            self.problems
                .push("not used: the program's own file cannot be identified".into());
            return;
        };
        match self.open(&format!("{program} {inputs_key:016x}")) {
            Ok(dir) => self.dir = Some(dir),
            Err(e) => self.problems.push(format!("not used: {e}")),
        }
    }

    fn article(&self, file: &Path, hash: u64) -> Option<Article> {
        let (article, found) = self.read(self.dir.as_deref()?, file, hash)?;
        if let Ok(mut map) = self.found.lock() {
            map.insert(file.to_path_buf(), found);
            Some(article)
        } else {
            None
        }
    }

    fn holds(&self, article: &Article) -> bool {
        self.found.lock().is_ok_and(|map| {
            map.get(&article.file)
                .is_some_and(|f| f.source_hash == article.source_hash)
        })
    }

    fn recall(&mut self, file: &Path) -> (Vec<Diagnostic>, Option<Vec<Event>>) {
        self.live.insert(entry_name(file));
        let found = self.found.get_mut().ok().and_then(|map| map.remove(file));
        match found {
            Some(f) => {
                self.reused += 1;
                (f.warnings, f.events)
            }
            None => (Vec::new(), None),
        }
    }

    fn keep(&mut self, article: &Article, warnings: &[Diagnostic]) {
        self.live.insert(entry_name(&article.file));
        self.fresh.insert(article.file.clone(), warnings.to_vec());
    }

    fn keep_events(&mut self, articles: &[Article], events: Vec<Option<Vec<Event>>>) {
        use rayon::prelude::*;
        let Some(dir) = self.dir.as_deref() else {
            return;
        };
        let fresh = &self.fresh;
        let failed: Vec<String> = articles
            .par_iter()
            .zip(events)
            .filter_map(|(a, ev)| {
                let warnings = fresh.get(&a.file)?;
                Self::write(dir, a, warnings, ev.as_deref())
                    .err()
                    .map(|e| format!("{}: not written: {e}", a.file.display()))
            })
            .collect();
        self.fresh.clear();
        if let Some(first) = failed.first() {
            self.problems.push(match failed.len() {
                1 => first.clone(),
                n => format!("{first} (and {} more entries)", n - 1),
            });
        }
    }

    fn forget_the_rest(&mut self) {
        if let Ok(map) = self.found.get_mut() {
            map.clear();
        }
        let Some(dir) = self.dir.as_deref() else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !self.live.contains(&name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}
