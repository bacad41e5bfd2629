//! `dossier import`: raw pastes become entries; re-imports are no-ops; hand edits survive;
//! every bad file gets its own message and the others still import.

mod common;
use common::*;

use std::path::PathBuf;

use dossier::import::{import, Outcome};

fn raw(name: &str) -> PathBuf {
    repo().join("tests/fixtures/raw").join(name)
}

fn entry_path(site: &Site, outcome: &Outcome) -> PathBuf {
    match outcome {
        Outcome::Written { entry, .. } | Outcome::Unchanged { entry } => site.root().join(entry),
        Outcome::Skipped { reason } => panic!("skipped: {reason}"),
    }
}

#[test]
fn a_paste_becomes_an_entry_that_builds() {
    let site = Site::fixture();
    let reports = import(site.root(), &[raw("summit.txt")], false).expect("import runs");
    assert_eq!(reports.len(), 1);
    assert!(
        matches!(reports[0].outcome, Outcome::Written { updated: false, .. }),
        "{}",
        reports[0]
    );
    let path = entry_path(&site, &reports[0].outcome);
    let name = path
        .file_name()
        .expect("file")
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("2021-03-03-"), "{name}");
    assert!(name.is_ascii());
    let text = std::fs::read_to_string(&path).expect("entry");
    assert!(
        text.contains("title: قادة الدول يجتمعون في قمة طارئة للمنظمة\n"),
        "{text}"
    );
    assert!(text.contains("date: 2021-03-03\n"), "{text}");
    assert!(text.contains("source: وكالة الاختبار\n"), "{text}");
    assert!(text.contains("dateline: ٠٣ مارس ٢٠٢١\n"), "{text}");
    assert!(text.contains("source_sha256: "), "{text}");
    assert!(
        !text.contains("Ru En") && !text.contains("إعلان\n"),
        "{text}"
    );
    assert!(
        !text.contains("المصدر:"),
        "source line stays out of the body: {text}"
    );

    site.build().expect("imported entry builds");
    let slug = name.trim_end_matches(".md");
    let doc = site.html(&format!("articles/{slug}/index.html"));
    assert_eq!(
        texts(&doc, "h1"),
        ["قادة الدول يجتمعون في قمة طارئة للمنظمة"]
    );
    assert_eq!(
        attrs(&doc, ".article-header time", "datetime"),
        ["2021-03-03"]
    );
    // Both dated sentences are events of the chronology, linked back to the article.
    let events: serde_json::Value =
        serde_json::from_str(&site.read("data/events.json")).expect("json");
    let from_here: Vec<&str> = events
        .as_array()
        .expect("array")
        .iter()
        .filter(|e| e["sources"][0]["slug"] == slug)
        .filter_map(|e| e["date"].as_str())
        .collect();
    assert_eq!(from_here, ["2020-11-10", "2021-03-03"]);
}

#[test]
fn reimporting_the_same_text_is_a_no_op() {
    let site = Site::fixture();
    let first = import(site.root(), &[raw("summit.txt")], false).expect("import");
    let path = entry_path(&site, &first[0].outcome);
    let before = std::fs::read(&path).expect("read");
    let again = import(site.root(), &[raw("summit.txt")], false).expect("import");
    assert!(
        matches!(again[0].outcome, Outcome::Unchanged { .. }),
        "{}",
        again[0]
    );
    assert!(
        again[0].to_string().starts_with("unchanged "),
        "{}",
        again[0]
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_corrected_paste_updates_its_entry_unless_edited_by_hand() {
    let site = Site::fixture();
    let tmp = tempfile::tempdir().expect("tmp");
    let paste = tmp.path().join("summit.txt");
    let original = std::fs::read_to_string(raw("summit.txt")).expect("raw");
    std::fs::write(&paste, &original).expect("write");
    let first = import(site.root(), std::slice::from_ref(&paste), false).expect("import");
    let path = entry_path(&site, &first[0].outcome);

    // A corrected paste of the same article updates the untouched entry in place.
    std::fs::write(&paste, original.replace("لبحث الوضع", "لمناقشة الوضع")).expect("write");
    let second = import(site.root(), std::slice::from_ref(&paste), false).expect("import");
    assert_eq!(entry_path(&site, &second[0].outcome), path);
    assert!(
        matches!(second[0].outcome, Outcome::Written { updated: true, .. }),
        "{}",
        second[0]
    );
    assert!(std::fs::read_to_string(&path)
        .expect("read")
        .contains("لمناقشة الوضع"));

    // An editor changes the entry; a third paste must not overwrite that.
    let edited = std::fs::read_to_string(&path)
        .expect("read")
        .replace("source: وكالة الاختبار", "source: وكالة مصححة باليد");
    std::fs::write(&path, &edited).expect("edit");
    std::fs::write(&paste, original.replace("لبحث الوضع", "للنظر في الوضع")).expect("write");
    let third = import(site.root(), std::slice::from_ref(&paste), false).expect("import");
    match &third[0].outcome {
        Outcome::Skipped { reason } => assert!(reason.contains("edited by hand"), "{reason}"),
        other => panic!("hand edit overwritten: {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).expect("read"), edited);

    // --force replaces it.
    let forced = import(site.root(), &[paste], true).expect("import");
    assert!(
        matches!(forced[0].outcome, Outcome::Written { updated: true, .. }),
        "{}",
        forced[0]
    );
    assert!(std::fs::read_to_string(&path)
        .expect("read")
        .contains("للنظر في الوضع"));
}

#[test]
fn hand_set_front_matter_survives_builds() {
    let site = Site::fixture();
    let first = import(site.root(), &[raw("summit.txt")], false).expect("import");
    let path = entry_path(&site, &first[0].outcome);
    let text = std::fs::read_to_string(&path)
        .expect("read")
        .replace("date: 2021-03-03", "date: 2021-03-04");
    std::fs::write(&path, text).expect("edit");
    site.build().expect("builds");
    let slug = path
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let doc = site.html(&format!("articles/{slug}/index.html"));
    assert_eq!(
        attrs(&doc, ".article-header time", "datetime"),
        ["2021-03-04"]
    );
}

#[test]
fn crlf_bom_and_a_missing_headline_work() {
    let site = Site::fixture();
    let reports = import(site.root(), &[raw("crlf-no-title.txt")], false).expect("import");
    let path = entry_path(&site, &reports[0].outcome);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("title_derived: true"), "{text}");
    assert!(!text.contains('\r'), "CR left in entry");
    assert!(!text.contains('\u{feff}'), "BOM left in entry");
    // No full date anywhere: the editor is warned, nothing is guessed.
    assert!(!text.contains("\ndate:"), "{text}");
    assert!(
        reports[0]
            .warnings
            .iter()
            .any(|w| w.contains("no publication date")),
        "{:?}",
        reports[0].warnings
    );
    assert!(path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .starts_with("undated-"));
}

#[test]
fn each_bad_file_gets_its_own_message_and_the_rest_import() {
    let site = Site::fixture();
    let dir = tempfile::tempdir().expect("tmp");
    let put =
        |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).expect("write");
    put("a-empty.txt", b"");
    put("b-blank.txt", b"  \n\xc2\xa0\n\t\n");
    put("c-latin1.txt", b"\xe9t\xe9 \xe0 Moscou\n");
    put("d-binary.txt", b"\x00\x01\x02PNG\x00\x00\x00binary\x00");
    let big = vec![b'a'; 20 * 1024 * 1024];
    put("e-huge.txt", &big);
    std::fs::copy(raw("summit.txt"), dir.path().join("f-good.txt")).expect("copy");
    put("g-notes.md", b"ignored: not a .txt file");

    let reports = import(site.root(), &[dir.path().to_path_buf()], false).expect("import runs");
    let lines: Vec<String> = reports.iter().map(|r| r.to_string()).collect();
    assert_eq!(reports.len(), 6, "{lines:#?}");
    let reason = |i: usize| match &reports[i].outcome {
        Outcome::Skipped { reason } => reason.clone(),
        other => panic!("{}: expected skipped, got {other:?}", lines[i]),
    };
    assert!(reason(0).contains("empty"), "{}", lines[0]);
    assert!(
        reason(1).contains("whitespace") || reason(1).contains("no text"),
        "{}",
        lines[1]
    );
    assert!(reason(2).contains("invalid UTF-8"), "{}", lines[2]);
    assert!(reason(3).contains("binary"), "{}", lines[3]);
    assert!(reason(4).contains("bytes"), "{}", lines[4]);
    assert!(
        matches!(reports[5].outcome, Outcome::Written { .. }),
        "{}",
        lines[5]
    );
    for (l, r) in lines.iter().zip(&reports) {
        assert!(
            l.contains(&*r.input.file_name().expect("name").to_string_lossy()),
            "{l}"
        );
    }
}

#[test]
fn import_prints_what_it_decided() {
    let site = Site::fixture();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("import")
        .arg("--root")
        .arg(site.root())
        .arg(raw("summit.txt"))
        .arg(raw("crlf-no-title.txt"))
        .output()
        .expect("run dossier import");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let blocks: Vec<&str> = stdout.split("written ").filter(|b| !b.is_empty()).collect();
    assert_eq!(blocks.len(), 2, "{stdout}");
    for block in &blocks {
        for field in ["  title: ", "  date: ", "  states: ", "  events: "] {
            assert!(block.contains(field), "{field} in {block}");
        }
    }
    assert!(blocks[0].contains("date: 2021-03-03"), "{stdout}");
    assert!(!blocks[0].contains("(derived"), "{stdout}");
    assert!(blocks[1].contains("(derived"), "{stdout}");
    assert!(blocks[1].contains("date: undated"), "{stdout}");
}
