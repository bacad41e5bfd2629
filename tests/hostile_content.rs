//! Content written to break the build or the reader's browser: each case is refused with the
//! entry's `file:line:col` by both `build` and `check` (the previous output left byte for byte
//! as it was), or published with nothing in the HTML that can run script or cover the page.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn dossier(site: &Site, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .current_dir(site.root())
        .output()
        .expect("run dossier")
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).expect("read output file");
            (p, bytes)
        })
        .collect()
}

/// Builds the fixture, breaks it with `f`, and asserts that `build` exits 1 (an error, not a
/// crash) leaving the output as it was and that `check` exits 1 too. Returns what `build`
/// printed on stderr, with the site's root taken out of the paths.
fn refused(f: impl FnOnce(&Site)) -> String {
    let site = Site::fixture();
    let first = dossier(&site, &["build"]);
    assert!(first.status.success(), "{first:?}");
    let before = snapshot(&site.out());
    f(&site);
    let build = dossier(&site, &["build"]);
    let root = format!("{}/", site.root().display());
    let stderr = String::from_utf8_lossy(&build.stderr).replace(&root, "");
    assert_eq!(build.status.code(), Some(1), "build: {stderr}");
    assert!(
        before == snapshot(&site.out()),
        "output changed after a failed build"
    );
    let check = dossier(&site, &["check"]);
    let stdout = String::from_utf8_lossy(&check.stdout).replace(&root, "");
    assert_eq!(check.status.code(), Some(1), "check: {stdout}");
    stderr + "\n" + &stdout
}

/// [`refused`] for the fixture with the file at `rel` written as `text`.
fn refused_with(rel: &str, text: &str) -> String {
    refused(|s| s.write(rel, text))
}

/// Builds the fixture after `f` and returns it; the build must succeed.
fn published(f: impl FnOnce(&Site)) -> Site {
    let site = Site::fixture();
    f(&site);
    let build = dossier(&site, &["build"]);
    assert!(build.status.success(), "{build:?}");
    site
}

fn entry(site: &Site, name: &str, body: &str) {
    site.write(
        &format!("content/articles/{name}"),
        &format!("---\ntitle: مقالة\ndate: 2022-05-16\n---\n{body}"),
    );
}

/// Every way an element can run script, load a page or cover the reader's screen, on every
/// HTML page of the output.
fn assert_inert(site: &Site) {
    let mut pages = 0;
    for rel in files(&site.out()) {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let text = site.read(&rel);
        let doc = scraper::Html::parse_document(&text);
        let body = doc.select(&sel("body *")).count();
        assert!(body > 3, "{rel}: the body holds {body} elements");
        for el in doc.select(&sel("*")) {
            let v = el.value();
            let name = v.name();
            assert!(
                !matches!(
                    name,
                    "iframe" | "object" | "embed" | "frame" | "frameset" | "base" | "form"
                ) || (name == "form" && v.attr("role") == Some("search")),
                "{rel}: <{name}>"
            );
            if name == "script" {
                let ld = v.attr("type") == Some("application/ld+json");
                let own = v.attr("src").is_some_and(|s| s.starts_with('/'));
                assert!(ld || own, "{rel}: {}", el.html());
                if ld {
                    let json: String = el.text().collect();
                    serde_json::from_str::<serde_json::Value>(&json)
                        .unwrap_or_else(|e| panic!("{rel}: JSON-LD {e}: {json}"));
                }
            }
            if name == "img" {
                let src = v.attr("src").unwrap_or("");
                assert!(
                    !src.contains("//") && !src.contains(':'),
                    "{rel}: remote image {}",
                    el.html()
                );
            }
            if name == "meta" && v.attr("http-equiv").is_some() {
                panic!("{rel}: {}", el.html());
            }
            for (attr, value) in v.attrs() {
                assert!(!attr.starts_with("on"), "{rel}: {}", el.html());
                let squeezed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if matches!(attr, "href" | "src" | "action" | "formaction" | "srcset") {
                    for scheme in ["javascript:", "data:", "vbscript:", "file:"] {
                        assert!(!squeezed.starts_with(scheme), "{rel}: {}", el.html());
                    }
                }
                if attr == "style" {
                    for bad in ["position", "url(", "expression", "z-index", "inset"] {
                        assert!(!squeezed.contains(bad), "{rel}: {}", el.html());
                    }
                }
            }
        }
    }
    assert!(pages > 5, "only {pages} pages");
}

// 1. Nesting deep enough to overflow the minifier's stack is refused where it starts.

const DEEP: usize = 2300;

#[test]
fn deep_blockquotes_are_refused_at_their_line() {
    let err = refused(|s| entry(s, "deep.md", &format!("فقرة.\n\n{} x\n", ">".repeat(DEEP))));
    assert!(
        err.contains("content/articles/deep.md:7:101: the body nests more than 100"),
        "{err}"
    );
}

#[test]
fn deep_inline_html_is_refused_at_its_line() {
    let err = refused(|s| {
        entry(
            s,
            "spans.md",
            &format!("فقرة.\n\n{}x\n", "<span>".repeat(DEEP)),
        )
    });
    assert!(
        err.contains("content/articles/spans.md:7:595: the body nests"),
        "{err}"
    );
}

#[test]
fn deep_lists_emphasis_tables_and_html_are_refused() {
    let list: String = (0..DEEP)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let emphasis = format!(
        "{}x{}\n",
        "*a _b ".repeat(DEEP / 2),
        " b_ a*".repeat(DEEP / 2)
    );
    let table = format!("| a |\n|---|\n| {}x |\n", "<span>".repeat(DEEP));
    let divs = format!("<div>\n{}\n</div>\n", "<div>".repeat(DEEP));
    // An end tag that closes nothing must not hide the elements left open before it.
    let stray_ends = "<span><div></span>".repeat(DEEP);
    for (name, body) in [
        ("list", list),
        ("emphasis", emphasis),
        ("table", table),
        ("divs", divs),
        ("stray", stray_ends),
    ] {
        let file = format!("{name}.md");
        let err = refused(|s| entry(s, &file, &body));
        assert!(
            err.contains(&format!("content/articles/{file}:"))
                && err.contains("the body nests more than 100"),
            "{name}: {err}"
        );
    }
}

#[test]
fn deep_intro_is_refused() {
    let err = refused(|s| s.write("content/intro.md", &"> ".repeat(DEEP)));
    assert!(
        err.contains("content/intro.md:1:201: the body nests"),
        "{err}"
    );
}

#[test]
fn nesting_real_articles_use_is_published() {
    let quote = format!("{} x\n", ">".repeat(40));
    let spans = format!("{}x{}\n", "<span>".repeat(40), "</span>".repeat(40));
    let site = published(|s| entry(s, "ok.md", &format!("{quote}\n{spans}")));
    let doc = site.html("articles/ok/index.html");
    assert_eq!(doc.select(&sel("blockquote")).count(), 40);
    assert_inert(&site);
}

// 5. Markup in JSON-LD cannot end its script or turn the rest of the page into script.

#[test]
fn markup_in_json_ld_stays_inside_its_string() {
    let title = "<!--<script> عنوان";
    let summary = "</script><script>alert(1)</script> & <!--";
    let author = "<!--<script>";
    let site = published(|s| {
        let config = std::fs::read_to_string(s.root().join("site.yaml")).expect("site.yaml");
        let config = config.replace("author: فريق الاختبار", &format!("author: \"{author}\""));
        s.write("site.yaml", &config);
        s.write(
            "content/articles/ld.md",
            &format!(
                "---\ntitle: \"{title}\"\nsummary: \"{summary}\"\ndate: 2022-05-16\n---\nنص.\n"
            ),
        );
    });
    let page = site.read("articles/ld/index.html");
    let doc = scraper::Html::parse_document(&page);
    let ld: Vec<String> = doc
        .select(&sel("script[type=\"application/ld+json\"]"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(ld.len(), 1, "{page}");
    let value: serde_json::Value = serde_json::from_str(&ld[0]).expect("JSON-LD parses");
    assert_eq!(value["headline"], title);
    assert_eq!(value["description"], summary);
    assert_eq!(value["author"]["name"], author);
    assert_eq!(texts(&doc, "h1"), [title]);
    assert_inert(&site);
}

// 6. A link from front matter or a data file is http(s) or refused.

const HOSTILE_URLS: [&str; 9] = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "\"  javascript:alert(1)\"",
    "\"java\\tscript:alert(1)\"",
    "\"&#106;avascript:alert(1)\"",
    "\"data:text/html,<script>alert(1)</script>\"",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/",
];

#[test]
fn event_source_urls_other_than_http_are_refused_at_their_line() {
    for url in HOSTILE_URLS {
        let err = refused_with(
            "content/data/events.yaml",
            &format!(
                "- date: 2020-01-01\n  text: حدث\n  source_title: مصدر\n  source_url: {url}\n"
            ),
        );
        assert!(
            err.contains("content/data/events.yaml:4:1: ") && err.contains("(source_url)"),
            "{url}: {err}"
        );
    }
}

#[test]
fn front_matter_source_urls_other_than_http_are_refused_at_their_line() {
    for url in HOSTILE_URLS {
        let err = refused_with(
            "content/articles/src.md",
            &format!("---\ntitle: مقالة\nsource_url: {url}\n---\nنص.\n"),
        );
        assert!(
            err.contains("content/articles/src.md:3:1: ") && err.contains("(source_url)"),
            "{url}: {err}"
        );
    }
}

#[test]
fn an_http_event_source_is_linked() {
    let site = published(|s| {
        s.write(
            "content/data/events.yaml",
            "- date: 2020-01-01\n  text: حدث منسق\n  source_title: مصدر\n  source_url: https://news.example.com/e?a=1&b=2\n",
        )
    });
    let doc = site.html("years/2020/index.html");
    assert!(
        attrs(&doc, "a[href]", "href").contains(&"https://news.example.com/e?a=1&b=2".to_string()),
        "no link to the event's source"
    );
    assert_inert(&site);
}

// 7. Table cells keep only their alignment; remote images only where the site allows them.

const OVERLAY: &str = "<table><tr><td style=\"position:fixed;inset:0;z-index:2147483647;background:url(https://t.example/p.gif)\">غطاء</td><th STYLE=\"text-align: right; position: absolute\">x</th></tr></table>\n\n| أ | ب |\n|:-:|--:|\n| 1 | 2 |\n";
const TRACKERS: &str = "![صورة](https://t.example/a.png)\n\n<img src=\"//t.example/b.png\" alt=\"b\"> <img src=\"HTTPS://t.example/c.png\" alt=\"c\"> <img src=\"/img/own.png\" alt=\"own\">\n";

#[test]
fn cell_styles_other_than_alignment_and_remote_images_are_dropped() {
    let site = published(|s| entry(s, "cells.md", &format!("{OVERLAY}\n{TRACKERS}")));
    let doc = site.html("articles/cells/index.html");
    // Spaces aside: the body is written as sanitised, not minified.
    let styles: Vec<String> = attrs(&doc, "td[style], th[style]", "style")
        .iter()
        .map(|s| s.replace(' ', ""))
        .collect();
    // The Markdown table's head and row; neither style of the raw HTML cells survives.
    assert_eq!(
        styles,
        [
            "text-align:center",
            "text-align:right",
            "text-align:center",
            "text-align:right"
        ]
    );
    assert_eq!(attrs(&doc, "article img", "src"), ["/img/own.png"]);
    assert_eq!(texts(&doc, "td"), ["غطاء", "1", "2"]);
    assert_inert(&site);
}

#[test]
fn remote_images_are_kept_when_the_site_allows_them() {
    let site = published(|s| {
        let config = std::fs::read_to_string(s.root().join("site.yaml")).expect("site.yaml");
        s.write("site.yaml", &format!("{config}remote_images: true\n"));
        entry(s, "img.md", TRACKERS);
    });
    let doc = site.html("articles/img/index.html");
    assert_eq!(
        attrs(&doc, "article img", "src"),
        [
            "https://t.example/a.png",
            "//t.example/b.png",
            "HTTPS://t.example/c.png",
            "/img/own.png"
        ]
    );
}

// 10. Dates are YYYY-MM-DD with a year from 1000 to 9999, everywhere they are read.

const BAD_DATES: [&str; 6] = [
    "-2022-05-16",
    "\"+10000-01-01\"",
    "\"+2022-05-16\"",
    "0999-12-31",
    "2022-5-16",
    "\"٢٠٢٢-٠٥-١٦\"",
];

#[test]
fn front_matter_dates_outside_yyyy_mm_dd_are_refused_at_their_line() {
    for date in BAD_DATES {
        let err = refused_with(
            "content/articles/when.md",
            &format!("---\ntitle: مقالة\ndate: {date}\n---\nنص.\n"),
        );
        assert!(
            err.contains("content/articles/when.md:3:1: cannot read date")
                && err.contains("(date)"),
            "{date}: {err}"
        );
    }
}

#[test]
fn event_and_period_dates_outside_the_four_digit_years_are_refused() {
    for date in BAD_DATES {
        let err = refused_with(
            "content/data/events.yaml",
            &format!("- date: {date}\n  text: حدث\n"),
        );
        assert!(
            err.contains("content/data/events.yaml:1:1: cannot read date")
                && err.contains("(date)"),
            "{date}: {err}"
        );
        let err = refused(|s| {
            let states = std::fs::read_to_string(s.root().join("content/data/states.yaml"))
                .expect("states.yaml");
            let states = states.replacen("- from: 1992-05-15", &format!("- from: {date}"), 1);
            s.write("content/data/states.yaml", &states);
        });
        assert!(
            err.contains("content/data/states.yaml:1:1: state `russia`: cannot read date"),
            "{date}: {err}"
        );
    }
}

// 9. A slug too long for a folder name is refused where it is written.

#[test]
fn long_slugs_are_refused_at_their_field() {
    let long = "a".repeat(300);
    let err = refused_with(
        "content/articles/long.md",
        &format!("---\ntitle: مقالة\nslug: {long}\n---\nنص.\n"),
    );
    assert!(
        err.contains("content/articles/long.md:3:1: slug `aaa")
            && err.contains("is longer than 100 characters: shorten it (slug)"),
        "{err}"
    );
    let stem = "b".repeat(200);
    let err = refused_with(
        &format!("content/articles/{stem}.md"),
        "---\ntitle: مقالة\n---\nنص.\n",
    );
    assert!(
        err.contains(&format!("content/articles/{stem}.md:1:1: the file name"))
            && err.contains("longer than 100"),
        "{err}"
    );
    let err = refused_with(
        "content/articles/tag.md",
        &format!("---\ntitle: مقالة\ntags: [{long}]\n---\nنص.\n"),
    );
    assert!(
        err.contains("content/articles/tag.md:3:1: `aaa") && err.contains("(tags)"),
        "{err}"
    );
    let err = refused(|s| {
        let states = std::fs::read_to_string(s.root().join("content/data/states.yaml"))
            .expect("states.yaml");
        s.write(
            "content/data/states.yaml",
            &states.replacen("slug: armenia", &format!("slug: {long}"), 1),
        );
    });
    assert!(
        err.contains("content/data/states.yaml:8:1: state slug `aaa"),
        "{err}"
    );
}

// 12. Data files whose facts contradict themselves or name what does not exist.

fn edit_states(s: &Site, from: &str, to: &str) {
    let path = s.root().join("content/data/states.yaml");
    let states = std::fs::read_to_string(&path).expect("states.yaml");
    assert!(states.contains(from), "{from}");
    s.write("content/data/states.yaml", &states.replacen(from, to, 1));
}

#[test]
fn contradictory_or_dangling_data_is_refused_at_its_line() {
    let err = refused(|s| {
        edit_states(
            s,
            "- from: 1992-05-15",
            "- from: 1992-05-15\n      to: 1991",
        )
    });
    assert!(
        err.contains("content/data/states.yaml:1:1: state `russia`: a period ends (`to: 1991`) before it starts")
            && err.contains("(periods)"),
        "{err}"
    );
    let err = refused(|s| edit_states(s, "name_ar: أرمينيا", "name_ar: \" \""));
    assert!(
        err.contains("content/data/states.yaml:8:1: state `armenia` has no Arabic name (name_ar)"),
        "{err}"
    );
    let err = refused_with(
        "content/data/events.yaml",
        "- date: 2020-05-01\n  text: حدث أول\n- date: 2020-05-01\n  end: 2020-04-30\n  text: حدث\n",
    );
    assert!(
        err.contains(
            "content/data/events.yaml:4:1: the event ends (`end: 2020-04-30`) before it starts"
        ) && err.contains("(end)"),
        "{err}"
    );
    let err = refused_with(
        "content/data/events.yaml",
        "- date: 2020-05-01\n  text: حدث\n  people: [nobody]\n",
    );
    assert!(
        err.contains("content/data/events.yaml:3:1: unknown person `nobody`: not in content/data/people.yaml (people)"),
        "{err}"
    );
}

#[test]
fn a_membership_chart_starting_after_today_draws_finite_numbers() {
    let site = Site::fixture();
    let path = site.root().join("content/data/states.yaml");
    let states = std::fs::read_to_string(&path).expect("states.yaml");
    // "Today" is 14 November 2023 for this build; every period starts the year after.
    let future = states
        .replace("from: 1992-05-15", "from: 2024-01-01")
        .replace("from: 1993-12-09", "from: 2024-06-01")
        .replace("to: 1999-04", "to: 2030-04");
    site.write("content/data/states.yaml", &future);
    let build = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root"])
        .arg(site.root())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run dossier");
    assert!(build.status.success(), "{build:?}");
    for page in ["index.html", "states/index.html"] {
        let doc = site.html(page);
        let mut numbers = 0;
        for el in doc.select(&sel("svg *")) {
            for (attr, value) in el.value().attrs() {
                if matches!(
                    attr,
                    "x" | "y" | "x1" | "x2" | "y1" | "y2" | "width" | "height"
                ) {
                    // Across the chart, positions are percentages of its width.
                    let n: f64 = value
                        .trim_end_matches('%')
                        .parse()
                        .unwrap_or_else(|_| panic!("{page}: {attr}=\"{value}\""));
                    assert!(n.is_finite() && n >= 0.0, "{page}: {attr}=\"{value}\"");
                    numbers += 1;
                }
            }
        }
        assert!(numbers > 10, "{page}: {numbers} coordinates");
    }
}

// 11. The base URL, written into every page, is a plain http(s) address or refused.

#[test]
fn hostile_base_urls_are_refused_at_their_line() {
    for url in [
        "\"https://example.org/?q=1\"",
        "\"https://example.org/#x\"",
        "'https://example.org/\"><script>alert(1)</script>/'",
        "https://example.org:99999/",
        "https://example.org/../../",
        "'https://example.org\\evil/'",
        "https://example.org/<!--/",
        "\"https://example.org/\\u202E/\"",
        "//example.org/",
        "javascript:alert(1)",
    ] {
        let err = refused(|s| {
            let config = std::fs::read_to_string(s.root().join("site.yaml")).expect("site.yaml");
            let config = config.replace(
                "base_url: https://example.org/",
                &format!("base_url: {url}"),
            );
            s.write("site.yaml", &config);
        });
        assert!(
            err.contains("site.yaml:3:1: base URL") && err.contains("(base_url)"),
            "{url}: {err}"
        );
    }
    let site = Site::fixture();
    let out = dossier(&site, &["build", "--base-url", "https://example.org/a?b"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("--base-url:1:1: base URL `https://example.org/a?b` has a query"),
        "{stderr}"
    );
    assert!(!site.out().exists());
}

// 14. Errors point at the line to fix.

#[test]
fn errors_point_at_the_line_to_fix() {
    let err = refused_with(
        "content/articles/null.md",
        "---\ndate: 2022-01-01\ntitle: null\n---\nنص.\n",
    );
    assert!(
        err.contains("content/articles/null.md:3:1: the title is empty"),
        "{err}"
    );
    let err = refused_with(
        "content/articles/twice.md",
        "---\ntitle: أ\ndate: 2022-01-01\ntitle: ب\n---\nنص.\n",
    );
    assert!(
        err.contains("content/articles/twice.md:4:1: duplicate field `title` (title)"),
        "{err}"
    );
    let err = refused(|s| {
        edit_states(
            s,
            "name_en: Armenia",
            "name_en: Armenia\n  name_en: Armenia",
        )
    });
    assert!(
        err.contains("content/data/states.yaml:11:1: .[1]: duplicate field `name_en`"),
        "{err}"
    );
    let err = refused(|s| {
        let config = std::fs::read_to_string(s.root().join("site.yaml")).expect("site.yaml");
        s.write(
            "site.yaml",
            &config.replace("theme: default", "theme: gone"),
        );
    });
    assert!(
        err.contains("site.yaml:5:1: theme `gone` not found: there is no folder")
            && err.contains("themes/gone (theme)"),
        "{err}"
    );
    let err = refused(|s| {
        std::fs::remove_file(s.root().join("content/intro.md")).expect("remove intro");
        std::fs::create_dir(s.root().join("content/intro.md")).expect("intro folder");
    });
    assert!(err.contains("content/intro.md:1:1: is a folder"), "{err}");
}
