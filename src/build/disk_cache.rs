//! `.dossier-cache/`: every entry as the per-article enrichers left it, with their warnings
//! and the events the chronology found in it, kept on disk between builds, so a build after
//! editing one entry of thousands reads and enriches only that one.
//!
//! Entries are postcard (a compact serde format that reads back far faster than the Markdown
//! parses), appended to a few pack files rather than one file each: creating ten thousand
//! files costs more than everything else the cache does, and on a file system without a
//! journal every file made soon after others were deleted costs more still. An index names,
//! for each entry (by a hash of its path), the pack, place and length of its bytes and a hash
//! of them; the entry holds a hash of its source text. An entry whose text changed is simply
//! not found, and a damaged one is a miss. A build appends what it enriched to a pack of its own
//! and writes the index last, by rename, so an interrupted build leaves the previous index
//! whole; packs mostly dead or small are copied into the new one and removed.
//!
//! The packs and index sit in a folder named by a key of everything else entries depend on
//! (this cache's format, the program itself, site.yaml, the data files and the options), so
//! an upgrade or a changed gazetteer starts a new folder and the old one is removed; nothing
//! stale is ever read. The cache is an optimisation only: what cannot be read or parsed is a
//! miss, what cannot be written is a warning, and deleting the folder costs one full build.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::content::markdown::Block;
use crate::content::Article;
use crate::enrich::chronology::{Found, Stored, StoredOwned};
use crate::enrich::memo::Memo;
use crate::error::Diagnostic;
use crate::model::Event;

mod packs;
use packs::Packs;

/// The cache folder, beside `content/` (git should ignore it).
pub const CACHE_DIR: &str = ".dossier-cache";

/// Raised whenever what an entry file holds changes shape.
const FORMAT: u32 = 4;

/// Prefix of the folder of one key's entries.
const ENTRIES_PREFIX: &str = "enriched-";

/// The cache of one site, open for one build.
pub struct DiskCache {
    root: PathBuf,
    /// This key's packs, or `None` when the cache cannot be used (it says why in `problems`).
    packs: Option<Packs>,
    /// Entries read this load, until the load recalls them.
    read: Mutex<HashMap<PathBuf, Read>>,
    /// Keys of the entries this load recalled or stored; the others are stale.
    live: HashSet<u64>,
    reused: usize,
    problems: Vec<String>,
    /// Entries that could not be written, said once the load is done.
    unwritten: Mutex<Vec<String>>,
}

/// What an entry file held besides the article.
struct Read {
    source_hash: u64,
    warnings: Vec<Diagnostic>,
    found: Option<Found>,
}

/// An entry file as written: the article and what its template form leaves out.
#[derive(Serialize)]
struct EntryOut<'a> {
    file: &'a Path,
    source_hash: u64,
    article: &'a Article,
    extra: Extra<'a>,
    warnings: &'a [Diagnostic],
    found: Option<Vec<Stored<'a>>>,
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

/// An entry file as read back.
#[derive(Deserialize)]
struct EntryIn {
    file: PathBuf,
    source_hash: u64,
    article: Article,
    extra: ExtraOwned,
    warnings: Vec<Diagnostic>,
    found: Option<Vec<StoredOwned>>,
}

impl EntryIn {
    fn restore(self) -> Option<(Article, Read)> {
        let mut a = self.article;
        // Back as the per-article enrichers left it: the corpus-wide lists are worked out
        // again by every build.
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
        let found = self.found.map(|stored| Found::restore(stored, &a));
        let read = Read {
            source_hash: self.source_hash,
            warnings: self.warnings,
            found,
        };
        Some((a, read))
    }
}

/// The key of the entry at `file` (relative to the site root).
fn entry_key(file: &Path) -> u64 {
    crate::content::hash_bytes(file.to_string_lossy().as_bytes())
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
            packs: None,
            read: Mutex::new(HashMap::new()),
            live: HashSet::new(),
            reused: 0,
            problems: Vec::new(),
            unwritten: Mutex::new(Vec::new()),
        }
    }

    /// How many entries the cache of the site at `root` holds, in all its folders.
    pub fn held(root: &Path) -> usize {
        std::fs::read_dir(root.join(CACHE_DIR))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(ENTRIES_PREFIX))
            .map(|e| Packs::open(&e.path()).len())
            .sum()
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

    fn read(packs: &Packs, file: &Path, hash: u64) -> Option<(Article, Read)> {
        let bytes = packs.get(entry_key(file))?;
        let entry: EntryIn = postcard::from_bytes(&bytes).ok()?;
        if entry.file != file || entry.source_hash != hash {
            return None;
        }
        entry.restore()
    }

    fn write(
        packs: &Packs,
        article: &Article,
        warnings: &[Diagnostic],
        found: Option<&Found>,
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
            found: found.map(Found::stored),
        };
        let bytes = postcard::to_stdvec(&entry).map_err(std::io::Error::other)?;
        packs.put(entry_key(&article.file), &bytes)
    }
}

impl Memo for DiskCache {
    fn start(&mut self, inputs_key: u64) {
        self.packs = None;
        let Some(program) = program_identity() else {
            self.problems
                .push("not used: the program's own file cannot be identified".into());
            return;
        };
        match self.open(&format!("{program} {inputs_key:016x}")) {
            Ok(dir) => self.packs = Some(Packs::open(&dir)),
            Err(e) => self.problems.push(format!("not used: {e}")),
        }
    }

    fn article(&self, file: &Path, hash: u64) -> Option<Article> {
        let (article, read) = Self::read(self.packs.as_ref()?, file, hash)?;
        if let Ok(mut map) = self.read.lock() {
            map.insert(file.to_path_buf(), read);
            Some(article)
        } else {
            None
        }
    }

    fn holds(&self, article: &Article) -> bool {
        self.read.lock().is_ok_and(|map| {
            map.get(&article.file)
                .is_some_and(|f| f.source_hash == article.source_hash)
        })
    }

    fn take_found(&self, file: &Path) -> Option<Found> {
        let mut map = self.read.lock().ok()?;
        map.get_mut(file)?.found.take()
    }

    fn recall(&mut self, file: &Path) -> (Vec<Diagnostic>, Option<Vec<Event>>) {
        self.live.insert(entry_key(file));
        let read = self.read.get_mut().ok().and_then(|map| map.remove(file));
        match read {
            Some(r) => {
                self.reused += 1;
                (r.warnings, None)
            }
            None => (Vec::new(), None),
        }
    }

    fn keep(&mut self, article: &Article, _: &[Diagnostic]) {
        self.live.insert(entry_key(&article.file));
    }

    fn stores(&self) -> bool {
        true
    }

    fn store(&self, article: &Article, warnings: &[Diagnostic], found: Option<&Found>) {
        let Some(packs) = self.packs.as_ref() else {
            return;
        };
        if let Err(e) = Self::write(packs, article, warnings, found) {
            if let Ok(mut unwritten) = self.unwritten.lock() {
                unwritten.push(format!("{}: not written: {e}", article.file.display()));
            }
        }
    }

    fn keep_events(&mut self, _: &[Article], _: Vec<Option<Vec<Event>>>) {}

    fn forget_the_rest(&mut self) {
        if let Ok(map) = self.read.get_mut() {
            map.clear();
        }
        let mut failed = self
            .unwritten
            .get_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        failed.sort();
        if let Some(first) = failed.first() {
            self.problems.push(match failed.len() {
                1 => first.clone(),
                n => format!("{first} (and {} more entries)", n - 1),
            });
        }
        if let Some(packs) = self.packs.as_mut() {
            if let Err(e) = packs.finish(&self.live) {
                self.problems.push(format!("not written: {e}"));
            }
        }
    }
}
