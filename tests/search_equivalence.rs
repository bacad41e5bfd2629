//! The search index `dossier` writes is the index Pagefind 1.6 writes for the same records:
//! each set of records is indexed by the Pagefind library (`PagefindIndex::add_custom_record`)
//! and by `output::search::index`, every file is decoded (gzip, the `pagefind_dcd` signature,
//! CBOR or JSON) and the two are compared: the same words on the same pages at the same
//! positions with the same weights and marked forms, the same chunks, filters and values,
//! sort orders, meta fields, fragments and scripts. File names are left out: they are cut
//! from different digests.

mod common;
use common::*;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use dossier::output::search::{self, Record};
use minicbor::Decoder;

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

/// Files of one bundle by name.
type Files = BTreeMap<String, Vec<u8>>;

fn with_pagefind(records: &[Record], language: &str) -> Files {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let config = pagefind::options::PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .build();
    let files = runtime.block_on(async {
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).expect("pagefind");
        for r in records {
            index
                .add_custom_record(
                    r.url.clone(),
                    r.content.clone(),
                    language.to_string(),
                    Some(r.meta.clone()),
                    Some(r.filters.clone()),
                    Some(r.sort.clone()),
                )
                .await
                .expect("record");
        }
        index.get_files().await.expect("files")
    });
    files
        .into_iter()
        .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
        .collect()
}

fn with_dossier(records: &[Record], language: &str) -> Files {
    let files = search::index(records.iter().cloned(), language, usize::MAX).expect("index");
    files
        .into_iter()
        .map(|f| {
            let name = f.path.strip_prefix("pagefind/").expect("one bundle");
            (name.to_string(), f.bytes)
        })
        .collect()
}

fn unpack(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out.strip_prefix(b"pagefind_dcd")
        .expect("signature")
        .to_vec()
}

/// A page of a word: absolute page number, body positions, meta positions.
type PageHit = (u64, Vec<i64>, Vec<i64>);

#[derive(Debug, PartialEq)]
struct Word {
    pages: Vec<PageHit>,
    forms: Vec<(String, Vec<PageHit>)>,
}

/// Everything an index says, without its file names.
#[derive(Debug, PartialEq)]
struct Index {
    version: String,
    entry: serde_json::Value,
    /// Per page number: word count, fragment.
    pages: Vec<(u64, serde_json::Value)>,
    /// Per chunk: its bounds and its words in order.
    chunks: Vec<(String, String, Vec<String>)>,
    words: BTreeMap<String, Word>,
    filters: BTreeMap<String, Vec<(String, Vec<u64>)>>,
    sorts: Vec<(String, Vec<u64>)>,
    meta_fields: Vec<String>,
    scripts: BTreeMap<String, Vec<u8>>,
}

fn pages(d: &mut Decoder) -> Vec<PageHit> {
    let n = d.array().expect("pages").expect("length");
    let mut last = 0;
    (0..n)
        .map(|_| {
            assert_eq!(d.array().expect("page"), Some(3));
            last += d.u64().expect("page number");
            let ints = |d: &mut Decoder| {
                let n = d.array().expect("ints").expect("length");
                (0..n).map(|_| d.i64().expect("int")).collect::<Vec<_>>()
            };
            let locs = ints(d);
            let meta = ints(d);
            (last, locs, meta)
        })
        .collect()
}

fn decode(files: &Files) -> Index {
    let entry: serde_json::Value =
        serde_json::from_slice(&files["pagefind-entry.json"]).expect("entry");
    let mut scripts = BTreeMap::new();
    for (name, bytes) in files {
        if !name.contains(".pf_") && name != "pagefind-entry.json" && !name.contains('/') {
            scripts.insert(name.clone(), bytes.clone());
        }
    }
    let mut index = Index {
        version: String::new(),
        entry: serde_json::Value::Null,
        pages: Vec::new(),
        chunks: Vec::new(),
        words: BTreeMap::new(),
        filters: BTreeMap::new(),
        sorts: Vec::new(),
        meta_fields: Vec::new(),
        scripts,
    };
    let Some(languages) = entry["languages"].as_object() else {
        panic!("no languages in {entry}");
    };
    let mut shape = entry.clone();
    for (lang, l) in languages {
        let hash = l["hash"].as_str().expect("hash");
        shape["languages"][lang]["hash"] = serde_json::Value::Null;
        let meta = unpack(&files[&format!("pagefind.{hash}.pf_meta")]);
        let mut d = Decoder::new(&meta);
        assert_eq!(d.array().expect("meta"), Some(6));
        index.version = d.str().expect("version").to_string();
        for _ in 0..d.array().expect("pages").expect("n") {
            assert_eq!(d.array().expect("page"), Some(3));
            let fragment = d.str().expect("fragment").to_string();
            let words = d.u64().expect("word count");
            assert_eq!(d.str().expect("group"), "");
            let json = unpack(&files[&format!("fragment/{fragment}.pf_fragment")]);
            let json: serde_json::Value = serde_json::from_slice(&json).expect("fragment");
            index.pages.push((words, json));
        }
        for _ in 0..d.array().expect("chunks").expect("n") {
            assert_eq!(d.array().expect("chunk"), Some(3));
            let from = d.str().expect("from").to_string();
            let to = d.str().expect("to").to_string();
            let hash = d.str().expect("hash");
            let chunk = unpack(&files[&format!("index/{hash}.pf_index")]);
            let mut c = Decoder::new(&chunk);
            assert_eq!(c.array().expect("chunk"), Some(1));
            let mut in_chunk = Vec::new();
            for _ in 0..c.array().expect("words").expect("n") {
                assert_eq!(c.array().expect("word"), Some(3));
                let word = c.str().expect("word").to_string();
                let on = pages(&mut c);
                let forms = (0..c.array().expect("forms").expect("n"))
                    .map(|_| {
                        assert_eq!(c.array().expect("form"), Some(2));
                        let form = c.str().expect("form").to_string();
                        (form, pages(&mut c))
                    })
                    .collect();
                in_chunk.push(word.clone());
                let prior = index.words.insert(word.clone(), Word { pages: on, forms });
                assert!(prior.is_none(), "{word} in two chunks");
            }
            index.chunks.push((from, to, in_chunk));
        }
        for _ in 0..d.array().expect("filters").expect("n") {
            assert_eq!(d.array().expect("filter"), Some(2));
            let name = d.str().expect("name").to_string();
            let hash = d.str().expect("hash");
            let file = unpack(&files[&format!("filter/{hash}.pf_filter")]);
            let mut f = Decoder::new(&file);
            assert_eq!(f.array().expect("filter"), Some(2));
            assert_eq!(f.str().expect("name"), name);
            let values = (0..f.array().expect("values").expect("n"))
                .map(|_| {
                    assert_eq!(f.array().expect("value"), Some(2));
                    let value = f.str().expect("value").to_string();
                    let n = f.array().expect("pages").expect("n");
                    (value, (0..n).map(|_| f.u64().expect("page")).collect())
                })
                .collect();
            index.filters.insert(name, values);
        }
        for _ in 0..d.array().expect("sorts").expect("n") {
            assert_eq!(d.array().expect("sort"), Some(2));
            let name = d.str().expect("name").to_string();
            let n = d.array().expect("pages").expect("n");
            index
                .sorts
                .push((name, (0..n).map(|_| d.u64().expect("page")).collect()));
        }
        for _ in 0..d.array().expect("fields").expect("n") {
            index.meta_fields.push(d.str().expect("field").to_string());
        }
    }
    index.entry = shape;
    index
}

/// Index `records` both ways and compare, naming the first difference; returns the index.
fn assert_equivalent(what: &str, records: &[Record]) -> Index {
    let theirs = decode(&with_pagefind(records, "ar"));
    let ours_files = with_dossier(records, "ar");
    let ours = decode(&ours_files);
    assert_eq!(ours.version, theirs.version, "{what}: version");
    assert_eq!(ours.entry, theirs.entry, "{what}: entry");
    assert_eq!(ours.pages.len(), theirs.pages.len(), "{what}: pages");
    for (i, (a, b)) in ours.pages.iter().zip(&theirs.pages).enumerate() {
        assert_eq!(a, b, "{what}: page {i}");
    }
    for (word, w) in &theirs.words {
        assert_eq!(ours.words.get(word), Some(w), "{what}: word {word:?}");
    }
    assert_eq!(ours.words.len(), theirs.words.len(), "{what}: words");
    assert_eq!(ours.chunks, theirs.chunks, "{what}: chunks");
    assert_eq!(ours.filters, theirs.filters, "{what}: filters");
    assert_eq!(ours.sorts, theirs.sorts, "{what}: sorts");
    assert_eq!(ours.meta_fields, theirs.meta_fields, "{what}: meta fields");
    assert_eq!(ours.scripts, theirs.scripts_kept(), "{what}: scripts");
    // The same records give the same bytes.
    assert_eq!(
        with_dossier(records, "ar"),
        ours_files,
        "{what}: not deterministic"
    );
    theirs
}

/// The comparison saw what matters: marked forms, meta positions, weights other than 1.
fn assert_rich(index: &Index) {
    let all = || index.words.values();
    assert!(all().any(|w| !w.forms.is_empty()), "no marked forms");
    assert!(
        all().flat_map(|w| &w.pages).any(|p| !p.2.is_empty()),
        "no meta positions"
    );
    assert!(
        all()
            .flat_map(|w| &w.pages)
            .any(|p| p.1.first() != Some(&-25)),
        "no compound parts"
    );
}

impl Index {
    /// Pagefind's files without the ready-made interfaces, which dossier leaves out.
    fn scripts_kept(&self) -> BTreeMap<String, Vec<u8>> {
        let ui = [
            "pagefind-ui.",
            "pagefind-modular-ui.",
            "pagefind-component-ui.",
            "pagefind-highlight.",
        ];
        self.scripts
            .iter()
            .filter(|(n, _)| !ui.iter().any(|p| n.starts_with(p)))
            .map(|(n, b)| (n.clone(), b.clone()))
            .collect()
    }
}

fn dossier_records(root: &Path) -> Vec<Record> {
    let d = dossier::build::load(&dossier::build::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })
    .expect("loads");
    search::records(&d).collect()
}

#[test]
fn the_repositorys_dossier_indexes_as_pagefind_does() {
    let records = dossier_records(&repo());
    assert!(records.len() > 40);
    let index = assert_equivalent("repository", &records);
    assert_rich(&index);
    assert!(index.words.len() > 1000);
}

#[test]
fn a_generated_corpus_indexes_as_pagefind_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    gen_corpus::generate(60, dir.path(), 7);
    let records = dossier_records(dir.path());
    assert!(records.len() > 60);
    let index = assert_equivalent("generated corpus", &records);
    assert_rich(&index);
    assert!(index.chunks.len() > 1, "one chunk only");
}

fn record(url: &str, content: &str, meta: &[(&str, &str)]) -> Record {
    Record {
        url: url.into(),
        content: content.into(),
        meta: meta
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        filters: BTreeMap::new(),
        sort: BTreeMap::new(),
    }
}

#[test]
fn odd_records_index_as_pagefind_does() {
    let mut records = vec![
        record(
            "/a/",
            "الأَمْن ThreeAntelopes three-antelopes sysconfig.is_python_build café-crème 🇦🇲 👍🏽 \
             カタカナテスト 한국어 U.S.A. x__y ___PAGEFIND_WEIGHT___3 وزن ___END_PAGEFIND_WEIGHT___ \
             ___PAGEFIND_ANCHOR___h2:x:y بعد _plain \u{200B} «أوزبكستان»، 2022م ١٩٩٢ ـــ",
            &[("title", "عنوان ___PAGEFIND_X الأمن"), ("summary", "ملخص أمن")],
        ),
        record("/empty/", "… ، —", &[("title", "بلا كلمات")]),
        // A later record brings a field that sorts before the others.
        record(
            "/b/",
            "روسيا وروسيا بروسيا الأمن الامن",
            &[("a", "روسيا الأمن"), ("title", "ب")],
        ),
        record("/c/", "___PAGEFIND_AUTO_WEIGHT___2 auto ___END_PAGEFIND_WEIGHT___ x", &[]),
    ];
    records[0]
        .filters
        .insert("state".into(), vec!["روسيا".into(), "أرمينيا".into()]);
    records[2]
        .filters
        .insert("state".into(), vec!["روسيا".into()]);
    records[2]
        .filters
        .insert("year".into(), vec!["___PAGEFIND_Y 2022".into()]);
    records[0].sort.insert("n".into(), "10".into());
    records[2].sort.insert("n".into(), "9.5".into());
    records[3].sort.insert("n".into(), "-3".into());
    records[3].sort.insert("date".into(), "2020-01-01".into());
    records[0].sort.insert("date".into(), "2020-01-01".into());
    let index = assert_equivalent("odd records", &records);
    assert_rich(&index);
    assert_eq!(index.meta_fields, ["a", "summary", "title"]);
}

#[test]
fn no_records_index_as_pagefind_does() {
    let theirs = with_pagefind(&[], "ar");
    let ours = with_dossier(&[], "ar");
    let names = |f: &Files| f.keys().cloned().collect::<Vec<_>>();
    let kept: Vec<String> = names(&theirs)
        .into_iter()
        .filter(|n| {
            !n.starts_with("pagefind-ui.") && !n.contains("-ui.") && !n.contains("highlight")
        })
        .collect();
    assert_eq!(names(&ours), kept);
    assert_eq!(ours["pagefind-entry.json"], theirs["pagefind-entry.json"]);
}
