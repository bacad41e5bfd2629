//! Writes one Pagefind 1.6 bundle from records as they stream in: a batch of records is read
//! in parallel (words, stems, fragment JSON, compression), then taken in record order, so
//! page numbers, file names and every byte are the same on any number of threads. A
//! fragment goes to the sink as soon as its page is numbered; what stays is the postings,
//! the filter and sort values and one name per page, written out by [`Writer::finish`].
//!
//! The files are the ones Pagefind writes for custom records (see `index/` and `output/` of
//! the `pagefind` crate): `pagefind-entry.json`, `pagefind.<lang>_<hash>.pf_meta`,
//! `index/*.pf_index`, `filter/*.pf_filter`, `fragment/*.pf_fragment`, beside the scripts
//! from [`super::scripts`].

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::BuildError;

use super::cbor::{self, Cbor};
use super::page::{self, Page};
use super::postings::{self, Postings};
use super::records::Record;
use super::scripts::Scripts;
use super::words::Splitter;

/// Where the writer's files go: the path within the output, and the bytes.
pub type Sink<'a> = dyn FnMut(String, Vec<u8>) -> Result<(), BuildError> + 'a;

/// Characters of a digest a fragment, chunk or filter file is named by (more on a clash).
const NAME_CHARS: usize = 7;

/// One bundle being written.
pub struct Writer<'s> {
    language: String,
    dir: String,
    splitter: Arc<Splitter>,
    /// The batch read last, not yet numbered: it is numbered and its fragments written
    /// while the pool reads the next one.
    pending: Vec<Result<Option<Read>, String>>,
    postings: Postings,
    /// Per page, in page order: its fragment's name and its word count.
    pages: Vec<(String, u32)>,
    fragment_names: HashSet<String>,
    urls: HashSet<String>,
    filters: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
    sorts: BTreeMap<String, Vec<(String, u32)>>,
    scripts: &'s Scripts,
    taken: usize,
}

impl<'s> Writer<'s> {
    /// A bundle in the folder `dir` of the output, for records in `language`.
    pub fn new(language: &str, dir: &str, scripts: &'s Scripts) -> Writer<'s> {
        Writer {
            language: language.to_string(),
            dir: dir.to_string(),
            splitter: Arc::new(Splitter::new(language)),
            pending: Vec::new(),
            postings: Postings::default(),
            pages: Vec::new(),
            fragment_names: HashSet::new(),
            urls: HashSet::new(),
            filters: BTreeMap::new(),
            sorts: BTreeMap::new(),
            scripts,
            taken: 0,
        }
    }

    /// The number of records given so far (with or without words).
    pub fn taken(&self) -> usize {
        self.taken
    }

    /// Index `records`, the next ones in page order, reading them on `pool`; their fragments
    /// go to `sink`, those of the batch before as this one is read.
    pub fn add(
        &mut self,
        pool: &rayon::ThreadPool,
        records: Vec<Record>,
        sink: &mut Sink,
    ) -> Result<(), BuildError> {
        self.taken += records.len();
        let splitter = Arc::clone(&self.splitter);
        let before = std::mem::take(&mut self.pending);
        let mut read = Vec::new();
        // Numbering a page and creating its fragment file take the thread that feeds the
        // pool a good part of what reading the page takes a worker: done between batches
        // they would leave the workers idle, so they run while the workers read the next.
        let result = pool.in_place_scope(|s| {
            let read = &mut read;
            s.spawn(move |_| {
                *read = records
                    .into_par_iter()
                    .map(|r| read_one(r, &splitter))
                    .collect();
            });
            self.take_all(before, sink)
        });
        self.pending = read;
        result
    }

    /// Number the pages of a read batch and hand their fragments out.
    fn take_all(
        &mut self,
        read: Vec<Result<Option<Read>, String>>,
        sink: &mut Sink,
    ) -> Result<(), BuildError> {
        for r in read {
            if let Some(r) = r.map_err(BuildError::Search)? {
                self.take(r.page, r.fragment, &r.digest, sink)?;
            }
        }
        Ok(())
    }

    /// Number one read page and hand its fragment out.
    fn take(
        &mut self,
        page: Page,
        fragment: Vec<u8>,
        digest: &str,
        sink: &mut Sink,
    ) -> Result<(), BuildError> {
        if !self.urls.insert(page.url.clone()) {
            return Err(BuildError::Search(format!(
                "two records have the URL {}",
                page.url
            )));
        }
        let number = u32::try_from(self.pages.len()).map_err(|_| {
            BuildError::Search("more records than one index can number".to_string())
        })?;
        let taken = &self.fragment_names;
        let name = cbor::short_name(&self.language, digest, NAME_CHARS, |n| taken.contains(n));
        sink(
            format!("{}/fragment/{name}.pf_fragment", self.dir),
            fragment,
        )?;
        self.fragment_names.insert(name.clone());
        self.pages.push((name, page.word_count));
        for (filter, values) in &page.filters {
            let by_value = self.filters.entry(filter.clone()).or_default();
            for v in values {
                by_value.entry(v.clone()).or_default().push(number);
            }
        }
        for (key, value) in &page.sort {
            self.sorts
                .entry(key.clone())
                .or_default()
                .push((value.clone(), number));
        }
        self.postings.add(number, page).map_err(BuildError::Search)
    }

    /// Write the word chunks, the filters, the meta file, the entry and the scripts.
    pub fn finish(mut self, pool: &rayon::ThreadPool, sink: &mut Sink) -> Result<(), BuildError> {
        let last = std::mem::take(&mut self.pending);
        self.take_all(last, sink)?;
        let Writer {
            language,
            dir,
            postings,
            pages,
            filters,
            sorts,
            scripts,
            ..
        } = self;
        let mut languages = BTreeMap::new();
        if !pages.is_empty() {
            let meta_fields = postings.fields.sorted();
            let chunks = pool
                .install(|| postings.chunks(|c| Ok((cbor::digest(&c), cbor::pack(&c)?))))
                .map_err(BuildError::Search)?;
            let bounds = postings::bounds(&chunks);
            let mut names = HashSet::new();
            let mut chunk_names = Vec::with_capacity(chunks.len());
            for c in chunks {
                let (digest, bytes) = c.cbor;
                let name = cbor::short_name(&language, &digest, NAME_CHARS, |n| names.contains(n));
                sink(format!("{dir}/index/{name}.pf_index"), bytes)?;
                names.insert(name.clone());
                chunk_names.push(name);
            }
            let mut filter_names = Vec::new();
            let mut names = HashSet::new();
            for (filter, values) in &filters {
                let bytes = filter_file(filter, values);
                let digest = cbor::digest(&bytes);
                let name = cbor::short_name(&language, &digest, NAME_CHARS, |n| names.contains(n));
                let packed = cbor::pack(&bytes).map_err(BuildError::Search)?;
                sink(format!("{dir}/filter/{name}.pf_filter"), packed)?;
                names.insert(name.clone());
                filter_names.push((filter.as_str(), name));
            }
            let mut e = Cbor::new();
            e.array(6).str(&scripts.version);
            e.array(pages.len());
            for (name, words) in &pages {
                e.array(3).str(name).uint(u64::from(*words)).str("");
            }
            e.array(chunk_names.len());
            for ((from, to), name) in bounds.iter().zip(&chunk_names) {
                e.array(3).str(from).str(to).str(name);
            }
            e.array(filter_names.len());
            for (filter, name) in &filter_names {
                e.array(2).str(filter).str(name);
            }
            e.array(sorts.len());
            for (key, values) in sorts {
                e.array(2).str(&key);
                let order = sort_order(values);
                e.array(order.len());
                for page in order {
                    e.uint(u64::from(page));
                }
            }
            e.array(meta_fields.len());
            for f in &meta_fields {
                e.str(f);
            }
            let meta = e.into_bytes();
            let digest = cbor::digest(&meta);
            let hash = format!(
                "{language}_{}",
                &digest[..(language.len() + 8).min(digest.len())]
            );
            let packed = cbor::pack(&meta).map_err(BuildError::Search)?;
            sink(format!("{dir}/pagefind.{hash}.pf_meta"), packed)?;
            languages.insert(
                language.clone(),
                EntryLanguage {
                    hash,
                    wasm: scripts.wasm.clone(),
                    page_count: pages.len(),
                },
            );
        }
        let entry = serde_json::to_string(&Entry {
            version: &scripts.version,
            languages,
            include_characters: &scripts.include_characters,
        })
        .map_err(|e| BuildError::Search(format!("pagefind-entry.json: {e}")))?;
        sink(format!("{dir}/pagefind-entry.json"), entry.into_bytes())?;
        for (name, bytes) in &scripts.files {
            // The language's WebAssembly comes with its index: an empty bundle has none.
            if pages.is_empty() && Some(name) == scripts.language_wasm.as_ref() {
                continue;
            }
            sink(format!("{dir}/{name}"), bytes.clone())?;
        }
        Ok(())
    }
}

/// Read one record and compress its fragment (on a worker thread).
fn read_one(record: Record, splitter: &Splitter) -> Result<Option<Read>, String> {
    let Some(mut page) = page::read(record, splitter)? else {
        return Ok(None);
    };
    let json = std::mem::take(&mut page.fragment);
    Ok(Some(Read {
        page,
        fragment: cbor::pack(json.as_bytes())?,
        digest: cbor::digest(json.as_bytes()),
    }))
}

/// A record read on a worker thread: its page, its fragment compressed, the digest of the
/// fragment its file is named by.
struct Read {
    page: Page,
    fragment: Vec<u8>,
    digest: String,
}

/// `pagefind-entry.json`: what `pagefind.js` reads first.
#[derive(Serialize)]
struct Entry<'a> {
    version: &'a str,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: &'a [char],
}

#[derive(Serialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

/// One filter's file: its values in order, each with its pages.
fn filter_file(filter: &str, values: &BTreeMap<String, Vec<u32>>) -> Vec<u8> {
    let mut e = Cbor::new();
    e.array(2).str(filter).array(values.len());
    for (value, pages) in values {
        e.array(2).str(value).array(pages.len());
        for &p in pages {
            e.uint(u64::from(p));
        }
    }
    e.into_bytes()
}

/// The pages that have a sort key, ordered by its value: as numbers when every value reads
/// as one (an integer, or a float), else as text; equal values keep page order.
fn sort_order(mut values: Vec<(String, u32)>) -> Vec<u32> {
    let int = |v: &str| lexical_core::parse::<i32>(v.as_bytes()).ok();
    let float = |v: &str| lexical_core::parse::<f32>(v.as_bytes()).ok();
    if values
        .iter()
        .all(|(v, _)| int(v).is_some() || float(v).is_some())
    {
        let number = |v: &str| {
            int(v)
                .map(|i| i as f32)
                .or_else(|| float(v))
                .unwrap_or_default()
        };
        values.sort_by(|a, b| number(&a.0).total_cmp(&number(&b.0)));
    } else {
        values.sort_by(|a, b| a.0.cmp(&b.0));
    }
    values.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_are_numeric_only_when_every_value_is_a_number() {
        let v = |xs: &[&str]| {
            xs.iter()
                .enumerate()
                .map(|(i, x)| (x.to_string(), i as u32))
                .collect::<Vec<_>>()
        };
        assert_eq!(sort_order(v(&["10", "9", "1.5"])), vec![2, 1, 0]);
        assert_eq!(sort_order(v(&["10", "9", "x"])), vec![0, 1, 2]);
        assert_eq!(
            sort_order(v(&["2022-12-19", "2021-01-02", "2022-12-19"])),
            vec![1, 0, 2]
        );
    }
}
