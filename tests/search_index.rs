//! The search index `dossier build` writes: Pagefind's files are in the output, every article,
//! state, year, topic and person page is a record with its meta and filters, records carry the
//! normalised forms the search page's query meets, and `search: false` writes none of it.
//! Read from Pagefind's own files: fragments are gzip of `pagefind_dcd` + JSON.

mod common;
use common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use dossier::build::{build, BuildOptions};

#[derive(serde::Deserialize, Debug)]
struct Fragment {
    url: String,
    content: String,
    filters: BTreeMap<String, Vec<String>>,
    meta: BTreeMap<String, String>,
}

fn gunzip_pagefind(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).expect("readable index file");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .expect("gzip");
    out.strip_prefix(b"pagefind_dcd")
        .expect("Pagefind signature")
        .to_vec()
}

/// Every record of the index, by URL.
fn fragments(out: &Path) -> BTreeMap<String, Fragment> {
    bundle_fragments(out, "pagefind")
}

/// The records of one bundle of the index, by URL.
fn bundle_fragments(out: &Path, bundle: &str) -> BTreeMap<String, Fragment> {
    let dir = out.join(bundle).join("fragment");
    let mut map = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("fragment folder") {
        let path = entry.expect("entry").path();
        let f: Fragment = serde_json::from_slice(&gunzip_pagefind(&path)).expect("fragment JSON");
        map.insert(f.url.clone(), f);
    }
    map
}

fn articles_json(out: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(out.join("data/articles.json")).expect("articles.json");
    serde_json::from_str(&text).expect("JSON")
}

/// The repository's dossier built once under a GitHub Pages sub-path, shared by the tests;
/// in Cargo's scratch folder for integration tests, replaced by the next run.
fn repo_out() -> std::path::PathBuf {
    static BUILT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search_index/public");
            build(&BuildOptions {
                root: repo(),
                output: Some(out.clone()),
                base_url: Some("https://example.github.io/csto-dossier/".into()),
                ..Default::default()
            })
            .expect("the repository's dossier builds");
            out
        })
        .clone()
}

#[test]
fn index_files_are_written_with_an_arabic_language_index() {
    let out = repo_out();
    for f in ["pagefind.js", "pagefind-worker.js", "wasm.ar.pagefind"] {
        assert!(out.join("pagefind").join(f).is_file(), "{f} missing");
    }
    let entry: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("pagefind/pagefind-entry.json")).expect("entry"),
    )
    .expect("entry JSON");
    let ar = &entry["languages"]["ar"];
    let hash = ar["hash"].as_str().expect("ar index hash");
    assert!(out
        .join(format!("pagefind/pagefind.{hash}.pf_meta"))
        .is_file());
    let records = fragments(&out).len();
    assert_eq!(ar["page_count"].as_u64(), Some(records as u64));
    for dir in ["index", "filter"] {
        let n = std::fs::read_dir(out.join("pagefind").join(dir))
            .expect("index folder")
            .count();
        assert!(n > 0, "no files in pagefind/{dir}");
    }
}

#[test]
fn every_page_kind_is_a_record_with_meta_and_filters() {
    let out = repo_out();
    let frags = fragments(&out);
    let articles = articles_json(&out);
    assert!(!articles.is_empty());
    for a in &articles {
        let url = a["url"].as_str().expect("url");
        let path = format!(
            "/{}",
            url.trim_start_matches("https://example.github.io/csto-dossier/")
        );
        let f = frags
            .get(&path)
            .unwrap_or_else(|| panic!("article {path} is not in the index"));
        assert_eq!(f.meta["title"], a["title"].as_str().expect("title"));
        assert_eq!(f.meta["summary"], a["summary"].as_str().expect("summary"));
        assert!(f.content.starts_with(a["title"].as_str().expect("title")));
        if let Some(date) = a["date"].as_str() {
            let year = &date[..4];
            assert!(f.meta["date"].contains(year), "{:?}", f.meta);
            assert_eq!(f.filters["year"], vec![year.to_string()]);
        }
        let states = a["states"].as_array().expect("states");
        assert_eq!(
            f.filters.get("state").map(Vec::len).unwrap_or(0),
            states.len(),
            "{path}: {:?}",
            f.filters
        );
        let tags = a["tags"].as_array().expect("tags");
        assert_eq!(
            f.filters.get("topic").map(Vec::len).unwrap_or(0),
            tags.len()
        );
        // The person filter names every person the article names.
        let people = a["people"].as_array().expect("people");
        assert_eq!(
            f.filters.get("person").map(Vec::len).unwrap_or(0),
            people.len(),
            "{path}: {:?}",
            f.filters
        );
    }
    let with_people = frags
        .values()
        .filter(|f| f.url.starts_with("/articles/") && f.filters.contains_key("person"))
        .count();
    assert!(with_people > 0, "no article has a person filter");
    // State, year, topic and person pages: one record each, filtered by themselves.
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for loc in sitemap.split("<loc>").skip(1) {
        let url = loc.split("</loc>").next().expect("loc");
        let path = format!(
            "/{}",
            url.trim_start_matches("https://example.github.io/csto-dossier/")
        );
        for (kind, filter) in [
            ("/states/", "state"),
            ("/years/", "year"),
            ("/tags/", "topic"),
            ("/people/", "person"),
        ] {
            if path.starts_with(kind) && path.len() > kind.len() {
                let f = frags
                    .get(&path)
                    .unwrap_or_else(|| panic!("{path} is not in the index"));
                assert_eq!(f.filters[filter].len(), 1, "{path}: {:?}", f.filters);
                *kinds.entry(filter).or_default() += 1;
            }
        }
    }
    for filter in ["state", "year", "topic", "person"] {
        assert!(
            kinds.get(filter).copied().unwrap_or(0) > 0,
            "no {filter} pages"
        );
    }
    // Nothing else: the home page, lists and the search page itself are not records.
    let expected = articles.len() + kinds.values().sum::<usize>();
    assert_eq!(
        frags.len(),
        expected,
        "{:?}",
        frags.keys().collect::<Vec<_>>()
    );
}

#[test]
fn records_carry_the_normalised_forms_of_their_words() {
    let out = repo_out();
    let (mut checked, mut left_to_pagefind) = (0, 0);
    for f in fragments(&out).values() {
        let forms: BTreeSet<&str> = f
            .meta
            .get("normalized")
            .map(|s| s.split(' ').collect())
            .unwrap_or_default();
        for word in f.content.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            let n = dossier::arabic::normalize(word);
            if word.is_empty() || n == word {
                continue;
            }
            if n == dossier::output::search::pagefind_folded(word) {
                // Only hamza seats or tashkeel differ: Pagefind folds those itself.
                left_to_pagefind += 1;
            } else {
                assert!(forms.contains(n.as_str()), "{}: {word} → {n}", f.url);
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} words checked");
    assert!(
        left_to_pagefind > 100,
        "only {left_to_pagefind} hamza-only words"
    );
}

#[test]
fn normaliser_table_matches_rust() {
    // The same table drives the browser test of the page's JavaScript normaliser.
    let text = std::fs::read_to_string(repo().join("tests/search/normalize_cases.json"))
        .expect("normalize_cases.json");
    let cases: Vec<(String, String)> = serde_json::from_str(&text).expect("table JSON");
    assert!(cases.len() >= 10);
    for (input, expected) in &cases {
        assert_eq!(&dossier::arabic::normalize(input), expected, "{input:?}");
    }
}

#[test]
fn search_false_writes_no_index_no_page_and_no_header_box() {
    let site = Site::fixture();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}search: false\n"));
    site.build().expect("builds");
    assert!(!site.out().join("pagefind").exists());
    assert!(!site.out().join("search/index.html").exists());
    let home = site.read("index.html");
    assert!(
        !home.contains("header-search"),
        "header search box without an index"
    );
}

#[test]
fn search_page_and_header_box_work_under_a_sub_path() {
    let site = Site::fixture();
    site.build_with(|o| o.base_url = Some("https://example.github.io/csto-dossier/".into()))
        .expect("builds");
    let home = site.html("index.html");
    assert_eq!(
        attrs(&home, "form.header-search", "action"),
        ["/csto-dossier/search/"]
    );
    assert_eq!(attrs(&home, "form.header-search input", "name"), ["q"]);
    let page = site.html("search/index.html");
    assert_eq!(
        attrs(&page, "#search", "data-bundle"),
        ["/csto-dossier/pagefind/"]
    );
    let nojs = site.read("search/index.html");
    for link in [
        "/csto-dossier/states/",
        "/csto-dossier/years/",
        "/csto-dossier/chronology/",
    ] {
        assert!(nojs.contains(link), "no-JS message lacks {link}");
    }
    assert!(site.out().join("pagefind/pagefind.js").is_file());
    assert!(site.out().join("js/search.js").is_file());
}

#[test]
fn a_large_index_comes_in_bundles_the_search_page_merges() {
    let site = Site::fixture();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}search_bundle_pages: 3\n"));
    site.build_with(|o| o.base_url = Some("https://example.github.io/csto-dossier/".into()))
        .expect("builds");
    let out = site.out();
    // Bundles are numbered from 2 after `pagefind/`, each a whole Pagefind bundle.
    let mut bundles = vec!["pagefind".to_string()];
    while out.join(format!("pagefind-{}", bundles.len() + 1)).is_dir() {
        bundles.push(format!("pagefind-{}", bundles.len() + 1));
    }
    assert!(bundles.len() >= 3, "{bundles:?}");
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for b in &bundles {
        let entry: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.join(b).join("pagefind-entry.json")).expect("entry"),
        )
        .expect("entry JSON");
        let frags = bundle_fragments(&out, b);
        assert!(
            !frags.is_empty() && frags.len() <= 3,
            "{b}: {} records",
            frags.len()
        );
        assert_eq!(
            entry["languages"]["ar"]["page_count"].as_u64(),
            Some(frags.len() as u64)
        );
        for url in frags.keys() {
            if let Some(other) = seen.insert(url.clone(), b.clone()) {
                panic!("{url} is in {other} and {b}");
            }
        }
    }
    // Every article is in exactly one bundle.
    for a in articles_json(&out) {
        let url = a["url"].as_str().expect("url");
        let path = format!(
            "/{}",
            url.trim_start_matches("https://example.github.io/csto-dossier/")
        );
        assert!(seen.contains_key(&path), "{path} is in no bundle");
    }
    // The search page names the other bundles under the site's base path, in order.
    let page = site.html("search/index.html");
    let merge = attrs(&page, "#search", "data-merge");
    let expected: Vec<String> = bundles[1..]
        .iter()
        .map(|b| format!("/csto-dossier/{b}/"))
        .collect();
    assert_eq!(merge, [expected.join(" ")]);
    assert_eq!(
        attrs(&page, "#search", "data-bundle"),
        ["/csto-dossier/pagefind/"]
    );
}
