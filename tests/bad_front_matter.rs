//! Bad input gets a clear `file:line:col: message (field)` error, every error in one pass,
//! and the previous output is left exactly as it was.

mod common;
use common::*;

/// Build once, break the site with `f`, build again: returns the error text after checking
/// that the earlier output survived untouched.
fn fails_keeping_output(f: impl FnOnce(&Site)) -> String {
    let site = Site::fixture();
    site.build().expect("fixture builds");
    let before: Vec<(String, Vec<u8>)> = files(&site.out())
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(site.out().join(&p)).expect("read");
            (p, bytes)
        })
        .collect();
    f(&site);
    let err = site
        .build()
        .expect_err("broken input must fail")
        .to_string();
    let after: Vec<(String, Vec<u8>)> = files(&site.out())
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(site.out().join(&p)).expect("read");
            (p, bytes)
        })
        .collect();
    assert!(before == after, "output changed after a failed build");
    err
}

fn entry(site: &Site, name: &str, text: &str) {
    site.write(&format!("content/articles/{name}"), text);
}

#[test]
fn broken_yaml() {
    let err = fails_keeping_output(|s| {
        entry(
            s,
            "bad.md",
            "---\ntitle: [غير مغلق\ndate: 2020-01-01\n---\nنص\n",
        )
    });
    assert!(err.contains("content/articles/bad.md:"), "{err}");
}

#[test]
fn missing_title() {
    let err = fails_keeping_output(|s| entry(s, "notitle.md", "---\ndate: 2020-01-01\n---\nنص\n"));
    assert!(
        err.contains("content/articles/notitle.md:1:1: missing title"),
        "{err}"
    );
    assert!(err.contains("(title)"), "{err}");
}

#[test]
fn empty_title() {
    let err = fails_keeping_output(|s| {
        entry(
            s,
            "empty.md",
            "---\ndate: 2020-01-01\ntitle: \"  \"\n---\nنص\n",
        )
    });
    assert!(
        err.contains("content/articles/empty.md:3:1: the title is empty (title)"),
        "{err}"
    );
}

#[test]
fn unparseable_date() {
    let err =
        fails_keeping_output(|s| entry(s, "date.md", "---\ntitle: ع\ndate: 2020-13-45\n---\nنص\n"));
    assert!(
        err.contains("content/articles/date.md:3:1: cannot read date `2020-13-45`"),
        "{err}"
    );
    assert!(err.contains("(date)"), "{err}");
}

#[test]
fn unknown_field() {
    let err = fails_keeping_output(|s| {
        entry(
            s,
            "field.md",
            "---\ntitle: ع\ndate: 2020-01-01\nauther: س\n---\nنص\n",
        )
    });
    assert!(err.contains("content/articles/field.md:4:"), "{err}");
    assert!(err.contains("unknown field `auther`"), "{err}");
    assert!(err.contains("(auther)"), "{err}");
}

#[test]
fn state_not_in_states_yaml() {
    let err = fails_keeping_output(|s| {
        entry(
            s,
            "state.md",
            "---\ntitle: ع\ndate: 2020-01-01\nstates: [russia, narnia]\n---\nنص\n",
        )
    });
    assert!(
        err.contains("content/articles/state.md:4:1: unknown state `narnia`"),
        "{err}"
    );
    assert!(err.contains("(states)"), "{err}");
}

#[test]
fn duplicate_slug() {
    let err = fails_keeping_output(|s| {
        entry(
            s,
            "zz-copy.md",
            "---\ntitle: ع\ndate: 2020-01-01\nslug: alpha-summit\n---\nنص\n",
        )
    });
    assert!(err.contains("content/articles/zz-copy.md:4:1: slug `alpha-summit` is already used by content/articles/alpha-summit.md"), "{err}");
}

#[test]
fn slugs_that_would_escape_the_output() {
    for slug in ["../x", "/etc", "a\\\\b", "..", "UPPER"] {
        let err = fails_keeping_output(|s| {
            entry(
                s,
                "esc.md",
                &format!("---\ntitle: ع\ndate: 2020-01-01\nslug: \"{slug}\"\n---\nنص\n"),
            )
        });
        assert!(
            err.contains("content/articles/esc.md:4:1: slug"),
            "{slug}: {err}"
        );
        assert!(err.contains("(slug)"), "{err}");
    }
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let err = fails_keeping_output(|s| {
        s.write_bytes(
            "content/articles/latin1.md",
            b"---\ntitle: ok\n---\nabc \xe9t\xe9\n",
        );
    });
    assert!(
        err.contains("content/articles/latin1.md:4:5: invalid UTF-8"),
        "{err}"
    );
}

#[test]
fn unclosed_front_matter() {
    let err = fails_keeping_output(|s| entry(s, "open.md", "---\ntitle: ع\nنص\n"));
    assert!(
        err.contains("content/articles/open.md:1:1: front matter is not closed"),
        "{err}"
    );
}

#[test]
fn every_error_is_reported_in_one_pass() {
    let err = fails_keeping_output(|s| {
        entry(s, "one.md", "---\ndate: 2020-01-01\n---\nنص\n");
        entry(s, "two.md", "---\ntitle: ع\ndate: yesterday\n---\nنص\n");
        entry(s, "three.md", "---\ntitle: ع\ncolour: red\n---\nنص\n");
    });
    for f in ["one.md", "two.md", "three.md"] {
        assert!(
            err.contains(&format!("content/articles/{f}:")),
            "{f}: {err}"
        );
    }
    assert!(err.contains("3 errors in content"), "{err}");
}

#[test]
fn broken_site_yaml() {
    let err = fails_keeping_output(|s| {
        let cfg = std::fs::read_to_string(s.root().join("site.yaml")).expect("read");
        s.write("site.yaml", &format!("{cfg}colour: blue\n"));
    });
    assert!(err.contains("site.yaml:"), "{err}");
    assert!(err.contains("unknown field `colour`"), "{err}");
}

#[test]
fn site_yaml_missing_key() {
    let err = fails_keeping_output(|s| {
        let cfg = std::fs::read_to_string(s.root().join("site.yaml")).expect("read");
        let without: String = cfg
            .lines()
            .filter(|l| !l.starts_with("author:"))
            .map(|l| format!("{l}\n"))
            .collect();
        s.write("site.yaml", &without);
    });
    assert!(err.contains("missing field `author`"), "{err}");
}

#[test]
fn bad_base_url() {
    let err = fails_keeping_output(|s| {
        let cfg = std::fs::read_to_string(s.root().join("site.yaml")).expect("read");
        s.write(
            "site.yaml",
            &cfg.replace("https://example.org/", "example.org"),
        );
    });
    assert!(
        err.starts_with("site.yaml:3:1: base URL `example.org` must start with http"),
        "{err}"
    );
}

#[test]
fn data_file_errors_point_at_the_entry() {
    let err = fails_keeping_output(|s| {
        let states =
            std::fs::read_to_string(s.root().join("content/data/states.yaml")).expect("read");
        // The fixture's third entry (georgia, line 15) gets a date no one can read.
        s.write(
            "content/data/states.yaml",
            &states.replace("to: 1999-04", "to: 1999-13"),
        );
    });
    assert!(
        err.contains("content/data/states.yaml:15:1: state `georgia`: cannot read date `1999-13`"),
        "{err}"
    );
    assert!(err.contains("(periods)"), "{err}");

    let err = fails_keeping_output(|s| {
        let states =
            std::fs::read_to_string(s.root().join("content/data/states.yaml")).expect("read");
        s.write("content/data/states.yaml", &format!("{states}- slug: russia\n  name_ar: ر\n  name_en: R\n  status: member\n  capital_ar: م\n"));
    });
    assert!(
        err.contains("content/data/states.yaml:23:1: state `russia` is listed twice (slug)"),
        "{err}"
    );
}
