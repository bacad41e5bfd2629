//! Property test: an entry's front matter, however it is written, either loads into an
//! article that keeps the rules (a YYYY-MM-DD date from year 1000, a short a-z slug, an
//! http(s) source) or is refused with errors naming the entry at a line it has. Never a panic.
//!
//! `PROPTEST_CASES` sets the number of cases (256 by default; see BENCHMARKS.md).

use dossier::content::markdown::Allow;
use dossier::content::{check_slug, load_articles};
use proptest::prelude::*;

mod common;
use common::proptest_cases;

const KEYS: &[&str] = &[
    "title",
    "date",
    "slug",
    "source",
    "source_url",
    "states",
    "people",
    "tags",
    "summary",
    "draft",
    "dateline",
    "photo_credits",
    "title_derived",
    "unknown",
];

const VALUES: &[&str] = &[
    "عنوان",
    "null",
    "~",
    "\"\"",
    "\"  \"",
    "2022-05-16",
    "-2022-05-16",
    "+10000-01-01",
    "\"+2022-05-16\"",
    "2022-5-16",
    "0999-12-31",
    "9999-12-31",
    "2022-02-30",
    "٢٠٢٢-٠٥-١٦",
    "[]",
    "[russia]",
    "[a, b]",
    "{a: 1}",
    "true",
    "yes",
    "1",
    "https://tass.ru/a?b=1",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\"  javascript:alert(1)\"",
    "data:text/html,x",
    "//evil.example",
    "\"&#106;avascript:x\"",
    "my-article",
    "../x",
    "a-",
    "\"<!--<script>\"",
    "[غير مغلق",
    "'",
    "\"\\u202E\"",
    "|\n  نص",
    ">\n  نص",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (prop::sample::select(KEYS), prop::sample::select(VALUES))
            .prop_map(|(k, v)| format!("{k}: {v}")),
        1 => (prop::sample::select(KEYS), "[a-z0-9]{0,120}")
            .prop_map(|(k, v)| format!("{k}: {v}")),
        1 => "[ -~\\u0600-\\u06FF]{0,40}",
        1 => any::<String>().prop_map(|s| s.replace(['\r', '\n'], " ")),
    ]
}

fn check(entry: &str) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("content/articles");
    std::fs::create_dir_all(&articles).expect("mkdir");
    std::fs::write(articles.join("entry.md"), entry).expect("write");
    let lines = entry.lines().count().max(1);
    match load_articles(dir.path(), true, Allow::default()) {
        Ok(loaded) => {
            for a in &loaded.articles {
                prop_assert!(!a.title.trim().is_empty());
                prop_assert!(check_slug(&a.slug).is_ok(), "{}", a.slug);
                if let Some(d) = &a.date {
                    let b = d.as_bytes();
                    prop_assert!(b.len() == 10 && b[0] != b'0', "{d}");
                    prop_assert!(a.year.is_some_and(|y| (1000..=9999).contains(&y)), "{d}");
                }
                if let Some(u) = &a.source_url {
                    let u = u.to_ascii_lowercase();
                    prop_assert!(u.starts_with("https://") || u.starts_with("http://"), "{u}");
                }
            }
        }
        Err(errors) => {
            prop_assert!(!errors.is_empty());
            for e in &errors {
                prop_assert!(e.file.ends_with("entry.md"), "{e}");
                prop_assert!(e.line >= 1 && e.line <= lines + 1, "{e} ({lines} lines)");
                prop_assert!(e.col >= 1, "{e}");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases()))]

    #[test]
    fn front_matter_lines_load_or_are_refused_in_place(
        lines in prop::collection::vec(line(), 0..12),
        closed in prop::bool::weighted(0.9),
        body in "[\\u0600-\\u06FF a-z#>*\\-\\n]{0,80}",
    ) {
        let mut entry = String::from("---\n");
        for l in &lines {
            entry.push_str(l);
            entry.push('\n');
        }
        if closed {
            entry.push_str("---\n");
        }
        entry.push_str(&body);
        check(&entry)?;
    }

    #[test]
    fn arbitrary_entries_never_panic(raw in any::<String>()) {
        check(&raw)?;
        check(&format!("---\n{raw}\n---\nنص\n"))?;
    }
}
