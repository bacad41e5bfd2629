//! The search index: one record per article, state, year and topic page ([`records`]),
//! written as Pagefind 1.6's index into `pagefind/` of the same staged output as the pages.
//!
//! The index is written by our own streaming writer rather than by Pagefind's indexer, which
//! keeps every record's words, positions and text until it writes (about 350 KB a record:
//! 2.6 GB at 10,000 articles). Here records are read in parallel batches as they arrive
//! ([`page`], with Pagefind's word splitting and stemmers: [`words`]), each fragment is
//! compressed and handed out at once, and only the postings stay ([`postings`]) until the
//! word chunks, filters and meta are written ([`writer`]). Pagefind's own scripts and
//! WebAssembly, which read the index in the browser, still come from the `pagefind` crate
//! ([`scripts`]). `tests/search_equivalence.rs` indexes the same records with both and
//! compares every word, page, position, weight, filter and sort.

mod cbor;
mod page;
mod postings;
mod records;
mod scripts;
mod words;
mod writer;

pub use records::{
    article_record, article_records, named_article_record, normalized_forms, page_records,
    pagefind_folded, records, Record, FILTER_PERSON, FILTER_STATE, FILTER_TOPIC, FILTER_YEAR,
    NAMES_META, NORMALIZED_META,
};

use crate::dossier::Dossier;
use crate::error::BuildError;
use crate::output::OutFile;

/// Folder of the output the index and Pagefind's scripts are written to.
pub const BUNDLE_DIR: &str = crate::site::SEARCH_BUNDLE;

/// Records read in parallel at a time: enough to keep every core busy, few enough that
/// their texts are a small part of the memory.
const BATCH: usize = 256;

/// Index `records` and return the files, paths within the output: the first `per_bundle`
/// records form the bundle in [`BUNDLE_DIR`], the next ones `pagefind-2/`, and so on (the
/// search page merges them).
pub fn index(
    records: impl IntoIterator<Item = Record>,
    language: &str,
    per_bundle: usize,
) -> Result<Vec<OutFile>, BuildError> {
    let mut out = Vec::new();
    index_into(records, language, per_bundle, &mut |path, bytes| {
        out.push(OutFile::new(path, bytes));
        Ok(())
    })?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// [`index`], each file handed to `sink` as soon as it is made (a fragment as soon as its
/// record is read); returns how many files it handed out.
pub fn index_into(
    records: impl IntoIterator<Item = Record>,
    language: &str,
    per_bundle: usize,
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), BuildError>,
) -> Result<usize, BuildError> {
    let scripts = scripts::for_language(language).map_err(BuildError::Search)?;
    // A pool of its own: on rayon's global pool, which `build` renders the pages on at the
    // same time, the index's batches would wait behind every page (a worker takes work from
    // outside only when its own runs out), and the index would start in earnest only when
    // the pages are done. Its own threads share the cores with the pages' instead.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("search-{i}"))
        .build()
        .map_err(|e| BuildError::Search(format!("starting the indexing threads: {e}")))?;
    let per_bundle = per_bundle.max(1);
    let mut records = records.into_iter().peekable();
    let mut files = 0;
    let mut counting = |path: String, bytes: Vec<u8>| {
        files += 1;
        sink(path, bytes)
    };
    // The first bundle is written even with no records: the search page loads it.
    for k in 0.. {
        if k > 0 && records.peek().is_none() {
            break;
        }
        let mut writer = writer::Writer::new(language, &crate::site::search_bundle(k), &scripts);
        loop {
            let room = per_bundle - writer.taken();
            let batch: Vec<Record> = records.by_ref().take(BATCH.min(room)).collect();
            if batch.is_empty() {
                break;
            }
            writer.add(&pool, batch, &mut counting)?;
            if writer.taken() >= per_bundle {
                break;
            }
        }
        writer.finish(&pool, &mut counting)?;
    }
    Ok(files)
}

/// The whole step `serve` calls: records of the dossier, indexed.
pub fn files(d: &Dossier) -> Result<Vec<OutFile>, BuildError> {
    index(records(d), &d.config.language, d.config.search_bundle_pages)
}
