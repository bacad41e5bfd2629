//! `build` keeps the enriched entries in `.dossier-cache/`: a second build takes every
//! unchanged entry from there, an edited entry is read and enriched again, and whatever the
//! cache holds (or fails to hold) the site is byte for byte the one a build without the cache
//! writes.

mod common;

use std::path::{Path, PathBuf};

use common::output_tree::tree;
use common::*;
use dossier::build::disk_cache::{DiskCache, CACHE_DIR};
use dossier::build::BuildReport;

fn day() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1)
}

fn cached_build(site: &Site) -> BuildReport {
    site.build_with(|o| {
        o.cache = true;
        o.today = day();
    })
    .expect("cached build")
}

/// The site as a build without the cache writes it, into its own folder.
fn cold_tree(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = site.root().join("cold-out");
    site.build_with(|o| {
        o.output = Some(out.clone());
        o.today = day();
    })
    .expect("build without the cache");
    let t = tree(&out);
    std::fs::remove_dir_all(&out).expect("remove the cold output");
    t
}

fn assert_same_site(site: &Site, why: &str) {
    let warm = tree(&site.out());
    let cold = cold_tree(site);
    let differ: Vec<&String> = cold
        .iter()
        .filter(|(k, v)| warm.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .chain(warm.keys().filter(|k| !cold.contains_key(*k)))
        .collect();
    assert!(
        differ.is_empty(),
        "{why}: files differ from a cold build: {differ:?}"
    );
}

fn entry_folders(site: &Site) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(site.root().join(CACHE_DIR))
        .expect("cache folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// The pack files of a cache folder, largest first.
fn packs(folder: &Path) -> Vec<PathBuf> {
    let mut v: Vec<(u64, PathBuf)> = std::fs::read_dir(folder)
        .expect("entries folder")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("pack-"))
        .map(|e| (e.metadata().map_or(0, |m| m.len()), e.path()))
        .collect();
    v.sort();
    v.into_iter().rev().map(|(_, p)| p).collect()
}

fn articles(site: &Site) -> usize {
    files(&site.root().join("content/articles"))
        .iter()
        .filter(|f| f.ends_with(".md"))
        .count()
}

#[test]
fn an_edit_reads_and_enriches_only_that_entry_and_the_site_is_the_cold_build() {
    let site = Site::repository();
    let n = articles(&site);
    assert!(n >= 5, "{n} articles");
    assert_eq!(cached_build(&site).from_cache, Some(0), "an empty cache");
    assert_eq!(DiskCache::held(site.root()), n);
    assert_eq!(packs(&entry_folders(&site)[0]).len(), 1, "one pack");
    assert_eq!(cached_build(&site).from_cache, Some(n), "nothing changed");
    assert_same_site(&site, "unchanged");

    // A new dated fact in one entry: its page, its year and the chronology must show it.
    let entry = files(&site.root().join("content/articles"))
        .into_iter()
        .find(|f| f.ends_with(".md"))
        .expect("an entry");
    let path = site.root().join("content/articles").join(&entry);
    let mut text = std::fs::read_to_string(&path).expect("entry");
    text.push_str(
        "\nوفي 14 مارس 2025 عقد مجلس وزراء خارجية المنظمة اجتماعا استثنائيا في مدينة دوشنبه.\n",
    );
    std::fs::write(&path, text).expect("edit the entry");
    let report = cached_build(&site);
    assert_eq!(
        report.from_cache,
        Some(n - 1),
        "only the edited entry is read again"
    );
    assert!(
        site.read("years/2025/index.html")
            .contains("اجتماعا استثنائيا"),
        "the new event is on its year's page"
    );
    assert_same_site(&site, "after an edit");
}

#[test]
fn changed_gazetteers_or_options_start_a_new_cache_and_remove_the_old() {
    let site = Site::repository();
    cached_build(&site);
    let first = entry_folders(&site);
    assert_eq!(first.len(), 1, "{first:?}");

    let people = site.root().join("content/data/people.yaml");
    let mut data = std::fs::read_to_string(&people).expect("people.yaml");
    data.push_str("\n# edited\n");
    std::fs::write(&people, data).expect("edit people.yaml");
    assert_eq!(
        cached_build(&site).from_cache,
        Some(0),
        "a gazetteer changed"
    );
    let second = entry_folders(&site);
    assert_eq!(second.len(), 1, "the old entries are removed: {second:?}");
    assert_ne!(first, second);

    let report = site
        .build_with(|o| {
            o.cache = true;
            o.today = day();
            o.base_url = Some("https://example.com/dossier/".into());
        })
        .expect("build under another base URL");
    assert_eq!(report.from_cache, Some(0), "another base URL");
}

#[test]
fn damaged_entries_are_misses_and_removed_entries_leave_the_cache() {
    let site = Site::repository();
    let n = articles(&site);
    cached_build(&site);
    let folder = entry_folders(&site).remove(0);

    // One byte changed in the middle of the pack: the one entry it lies in is a miss.
    let pack = packs(&folder).remove(0);
    let mut bytes = std::fs::read(&pack).expect("pack");
    let mid = bytes.len() / 2;
    bytes[mid] = bytes[mid].wrapping_add(1);
    std::fs::write(&pack, &bytes).expect("change a byte");
    assert_eq!(
        cached_build(&site).from_cache,
        Some(n - 1),
        "one entry damaged"
    );
    assert_same_site(&site, "after a damaged entry");
    assert_eq!(cached_build(&site).from_cache, Some(n), "rewritten");

    // The pack cut short: the entries past the cut are misses, those before it are not.
    let pack = packs(&folder).remove(0);
    let bytes = std::fs::read(&pack).expect("pack");
    std::fs::write(&pack, &bytes[..bytes.len() / 2]).expect("truncate");
    let reused = cached_build(&site).from_cache.expect("a cached build");
    assert!(
        0 < reused && reused < n,
        "{reused} of {n} entries read back"
    );
    assert_same_site(&site, "after a pack cut short");
    assert_eq!(cached_build(&site).from_cache, Some(n), "rewritten");
    assert_eq!(packs(&folder).len(), 1, "small packs are merged");

    // The index replaced by noise: nothing is found, and the site is the same.
    std::fs::write(folder.join("index"), "not an index at all").expect("overwrite");
    assert_eq!(cached_build(&site).from_cache, Some(0));
    assert_same_site(&site, "after a damaged index");
    assert_eq!(cached_build(&site).from_cache, Some(n), "rewritten");
    assert_eq!(
        packs(&folder).len(),
        1,
        "the packs no index names are removed"
    );

    let gone = files(&site.root().join("content/articles"))
        .into_iter()
        .find(|f| f.ends_with(".md"))
        .expect("an entry");
    std::fs::remove_file(site.root().join("content/articles").join(gone)).expect("remove");
    assert_eq!(cached_build(&site).from_cache, Some(n - 1));
    assert_eq!(
        DiskCache::held(site.root()),
        n - 1,
        "the removed entry is forgotten"
    );
    assert_same_site(&site, "after a removed entry");
}

#[test]
fn a_build_without_the_cache_writes_none() {
    let site = Site::repository();
    let report = site.build().expect("build");
    assert_eq!(report.from_cache, None);
    assert!(!site.root().join(CACHE_DIR).exists());
}

#[test]
fn a_cache_that_cannot_be_used_is_a_warning_and_the_site_is_built() {
    let site = Site::repository();
    site.write(CACHE_DIR, "a file where the cache folder would be");
    let report = cached_build(&site);
    assert_eq!(report.from_cache, Some(0));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.file == Path::new(CACHE_DIR) && w.message.contains("not used")),
        "{:?}",
        report.warnings
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join(CACHE_DIR)).expect("still a file"),
        "a file where the cache folder would be"
    );
    assert_same_site(&site, "without a usable cache");
}
