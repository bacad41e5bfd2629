//! Property test: serve's request handling never panics and never leads out of the output.
//! Request targets are built from the pieces traversal attempts are made of (dot segments
//! in every escape, backslashes, doubled slashes, NUL, non-UTF-8 escapes, Arabic) and fed to
//! the head parser and to the path resolver; a symlink inside the output leads out of it.

use std::path::Path;

use dossier::serve::files::{resolve, Resolved};
use dossier::serve::http::read_request;
use dossier::text::percent::decode as percent_decode;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "/",
    "//",
    "..",
    ".",
    "%2e",
    "%2E",
    "%2e%2e",
    ".%2e",
    "%2f",
    "%2F",
    "%5c",
    "\\",
    "%00",
    "%",
    "%z",
    "%ff",
    "%c0%ae",
    "index.html",
    "articles",
    "a",
    "secret.txt",
    "leak",
    "?",
    "#",
    "?q=..",
    "repo",
    "%D8%B1%D9%88%D8%B3%D9%8A%D8%A7",
    "روسيا",
    " ",
    "\r\n",
    "~",
];

fn target() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|p| p.concat())
}

struct Output {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
}

fn output() -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("articles/a")).expect("mkdir");
    std::fs::write(root.join("index.html"), "home").expect("write");
    std::fs::write(root.join("articles/a/index.html"), "a").expect("write");
    std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak")).expect("link");
    Output { _dir: dir, root }
}

fn check_resolve(root: &Path, base: &str, url: &str) -> Result<(), TestCaseError> {
    let real_root = root.canonicalize().expect("root");
    match resolve(root, base, url) {
        Resolved::File(f) => {
            prop_assert!(f.starts_with(&real_root), "{url} -> {}", f.display());
            let path = url.split(['?', '#']).next().unwrap_or("");
            let decoded = percent_decode(path).unwrap_or_default();
            prop_assert!(
                !decoded.split('/').any(|s| s == ".." || s == "."),
                "{url} has a dot segment and was served"
            );
        }
        Resolved::Redirect(to) => {
            prop_assert!(
                to.starts_with('/') && !to.starts_with("//"),
                "{url} -> {to}"
            );
        }
        Resolved::NotFound | Resolved::Forbidden => {}
    }
    Ok(())
}

/// 3,000 cases in the test run; `PROPTEST_CASES=200000` for a longer one.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn built_targets_stay_inside_the_output(t in target()) {
        let out = output();
        check_resolve(&out.root, "/", &format!("/{t}"))?;
        check_resolve(&out.root, "/repo/", &format!("/repo/{t}"))?;
        check_resolve(&out.root, "/", &t)?;
    }

    #[test]
    fn arbitrary_targets_stay_inside_the_output(t in any::<String>()) {
        let out = output();
        check_resolve(&out.root, "/", &t)?;
    }

    #[test]
    fn request_heads_parse_or_fail_without_panicking(
        t in target(),
        junk in prop::collection::vec(any::<u8>(), 0..200),
        cap in 16usize..600,
    ) {
        let head = format!("GET {t} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        if let Ok(r) = read_request(&mut head.as_bytes(), 4096) {
            prop_assert!(r.target.starts_with('/'));
            prop_assert_eq!(r.target.as_str(), t.as_str());
            prop_assert!(!r.target.contains(['\r', '\n', ' ']));
        }
        let mut raw = head.into_bytes();
        raw.extend(&junk);
        let _ = read_request(&mut raw.as_slice(), cap);
        let _ = read_request(&mut junk.as_slice(), cap);
    }
}
