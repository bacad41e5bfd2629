//! `dossier import` against inputs that are not a saved paste: a device, a FIFO, a pipe far
//! past the cap, pastes in windows-1256 and UTF-16; and against pastes that share a headline
//! and date with a different article. Each is refused with its reason or kept apart, and no
//! entry is lost.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{repo, Site};

fn import(root: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.arg("import").arg("--root").arg(root).args(args);
    c
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn entries(site: &Site) -> Vec<PathBuf> {
    common::files(&site.root().join("content/articles"))
        .into_iter()
        .map(PathBuf::from)
        .collect()
}

fn summit() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/raw/summit.txt")).expect("fixture")
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_without_reading() {
    let site = Site::fixture();
    let before = entries(&site);
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("paste.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo")
        .success());
    for input in [
        Path::new("/dev/zero"),
        Path::new("/dev/null"),
        fifo.as_path(),
    ] {
        let o = import(site.root(), &[])
            .arg(input)
            .output()
            .expect("run import");
        assert!(!o.status.success(), "{}", input.display());
        let out = text(&o);
        assert!(
            out.contains(&format!("skipped {}", input.display())),
            "{out}"
        );
        assert!(out.contains("not a regular file"), "{out}");
    }
    assert_eq!(entries(&site), before);
}

#[test]
fn a_pipe_past_the_cap_is_refused_there() {
    let site = Site::fixture();
    let before = entries(&site);
    let mut child = import(site.root(), &["-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run import");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        let mut sent = 0usize;
        while sent < 60 << 20 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
            sent += chunk.len();
        }
        sent
    });
    let o = child.wait_with_output().expect("import ends");
    let sent = writer.join().expect("writer");
    assert!(!o.status.success());
    let out = text(&o);
    assert!(out.contains("skipped -: more than the"), "{out}");
    // The cap is 5 MiB; the pipe holds a little more before the writer sees it closed.
    assert!(sent < 8 << 20, "{sent} bytes were read from the pipe");
    assert_eq!(entries(&site), before);
}

#[test]
fn pastes_in_windows_1256_and_utf_16_are_named_and_read_when_asked() {
    let paste = summit();
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&paste);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in summit().encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let utf16_bare: Vec<u8> = summit().encode_utf16().flat_map(u16::to_le_bytes).collect();
    for (bytes, name, flag) in [
        (cp1256.into_owned(), "windows-1256", "windows-1256"),
        (utf16, "utf-16le", "utf-16"),
        (utf16_bare, "utf-16le", "utf-16le"),
    ] {
        let site = Site::fixture();
        let before = entries(&site);
        let dir = tempfile::tempdir().expect("temp dir");
        let paste = dir.path().join("summit.txt");
        std::fs::write(&paste, &bytes).expect("write");

        let o = import(site.root(), &[])
            .arg(&paste)
            .output()
            .expect("run import");
        assert!(!o.status.success(), "{name}");
        let out = text(&o);
        assert!(out.contains("summit.txt:"), "{out}");
        assert!(
            out.contains(&format!("it looks like {name}")),
            "{name}: {out}"
        );
        assert!(out.contains(&format!("--encoding {name}")), "{out}");
        assert_eq!(entries(&site), before, "{name}: written anyway");

        let o = import(site.root(), &["--encoding", flag])
            .arg(&paste)
            .output()
            .expect("run import");
        assert!(o.status.success(), "{name}: {}", text(&o));
        let added: Vec<PathBuf> = entries(&site)
            .into_iter()
            .filter(|e| !before.contains(e))
            .collect();
        assert_eq!(added.len(), 1, "{name}: {added:?}");
        let entry = std::fs::read_to_string(site.root().join("content/articles").join(&added[0]))
            .expect("entry");
        assert!(
            entry.contains("قادة الدول يجتمعون في قمة طارئة للمنظمة"),
            "{name}: {entry}"
        );
    }
}

/// Another report under the summit's headline and date.
fn other_report() -> String {
    "قادة الدول يجتمعون في قمة طارئة للمنظمة\n\n٠٣ مارس ٢٠٢١\n\nأعلنت وزارة الدفاع اليوم الأربعاء 3 مارس/آذار 2021 أن المناورات المشتركة تأجلت إلى الخريف بسبب الطقس.\n\nوأضاف المتحدث أن الوحدات المشاركة عادت إلى ثكناتها، وأن موعدا جديدا سيحدد لاحقا.\n\nالمصدر: وكالة أخرى\n".to_string()
}

#[test]
fn a_different_article_with_the_same_headline_and_date_gets_its_own_entry() {
    let site = Site::fixture();
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, summit()).expect("write");
    std::fs::write(&b, other_report()).expect("write");
    let before = entries(&site);

    let first = import(site.root(), &[]).arg(&a).output().expect("import a");
    assert!(first.status.success(), "{}", text(&first));
    let second = import(site.root(), &[]).arg(&b).output().expect("import b");
    assert!(second.status.success(), "{}", text(&second));
    let out = text(&second);
    assert!(out.contains("written"), "{out}");
    assert!(
        !out.contains("updated"),
        "the other article was replaced: {out}"
    );
    assert!(
        out.contains("another article with the same headline and date"),
        "{out}"
    );

    let added: Vec<PathBuf> = entries(&site)
        .into_iter()
        .filter(|e| !before.contains(e))
        .collect();
    assert_eq!(added.len(), 2, "{added:?}");
    let read = |e: &PathBuf| {
        std::fs::read_to_string(site.root().join("content/articles").join(e)).expect("entry")
    };
    let bodies: Vec<String> = added.iter().map(read).collect();
    assert!(
        bodies.iter().any(|t| t.contains("لبحث الوضع على الحدود")),
        "the first text is gone"
    );
    assert!(bodies
        .iter()
        .any(|t| t.contains("المناورات المشتركة تأجلت")));

    // Both still re-import as themselves: unchanged, and a corrected paste of the second
    // updates the second, not the first.
    let again = import(site.root(), &[])
        .arg(&a)
        .arg(&b)
        .output()
        .expect("again");
    assert_eq!(
        text(&again).matches("unchanged").count(),
        2,
        "{}",
        text(&again)
    );
    std::fs::write(&b, other_report().replace("بسبب الطقس", "بسبب سوء الطقس")).expect("write");
    let corrected = import(site.root(), &[])
        .arg(&b)
        .output()
        .expect("corrected");
    let out = text(&corrected);
    assert!(out.contains("updated"), "{out}");
    let now: Vec<String> = added.iter().map(read).collect();
    assert!(
        now.iter().any(|t| t.contains("لبحث الوضع على الحدود")),
        "the first text is gone"
    );
    assert!(now.iter().any(|t| t.contains("بسبب سوء الطقس")), "{now:?}");
    assert_eq!(entries(&site).len(), before.len() + 2);
    let built = site.build();
    assert!(built.is_ok(), "{:?}", built.err());
}
