//! Property test: any Markdown body, with nesting, raw HTML and URL payloads mixed in, is
//! either refused as too deep (at a byte of the body) or rendered to HTML that stays within
//! the nesting limit, minifies inside a page without overflowing a stack, and holds nothing
//! that runs script, loads a remote image or covers the page.
//!
//! `PROPTEST_CASES` sets the number of cases (256 by default; see BENCHMARKS.md).

use dossier::content::markdown::{render, Allow};
use dossier::content::nesting::{depth, MAX_DEPTH};
use proptest::prelude::*;

mod common;
use common::proptest_cases;

const PIECES: &[&str] = &[
    "> ",
    "- ",
    "1. ",
    "  ",
    "* ",
    "_",
    "**",
    "`",
    "| a | b |\n|:-:|--|\n| ",
    "\n",
    "\n\n",
    "## عنوان",
    "## عنوان\n",
    "نص عربي CSTO ",
    "<span>",
    "</span>",
    "<div>",
    "</div>",
    "<b>",
    "</i>",
    "<table><tr><td style=\"position:fixed;inset:0;z-index:9\">",
    "<th style=\"text-align: center\">",
    "<img src=\"https://t.example/p.gif\">",
    "<img src=//t.example/q.gif>",
    "<img src=\"/own.png\" alt=x>",
    "![a](https://t.example/i.png)",
    "[l](javascript:alert(1))",
    "[l](JaVaScRiPt:alert(1))",
    "[l]( javascript:alert(1))",
    "[l](&#106;avascript:alert(1))",
    "[l](data:text/html,x)",
    "[l](vbscript:x)",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<script>alert(1)</script>",
    "<!--<script>",
    "<svg onload=alert(1)>",
    "<iframe src=https://e.example>",
    "<style>*{}</style>",
    "<p onclick=x>",
    "<a title=\"<b>\">",
    "[^1]",
    "[^1]: حاشية\n",
    "&lt;",
    "&amp;",
];

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..200)
            .prop_map(|p| p.concat()),
        1 => (prop::sample::select(PIECES), 50usize..400)
            .prop_map(|(p, n)| p.repeat(n)),
        1 => any::<String>(),
    ]
}

fn check(markdown: &str) -> Result<(), TestCaseError> {
    let Ok(rendered) = render(markdown, Allow::default()) else {
        let deep = render(markdown, Allow::default()).expect_err("same input, same result");
        prop_assert!(deep.offset <= markdown.len());
        return Ok(());
    };
    let html = &rendered.html;
    prop_assert!(depth(html) <= MAX_DEPTH);
    let page = format!(
        "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><title>t</title></head><body><main><article><div>{html}</div></article></main></body></html>"
    );
    let minified = dossier::text::minify::html(&page);
    prop_assert!(!minified.is_empty());
    let doc = scraper::Html::parse_fragment(html);
    let all = scraper::Selector::parse("*").expect("selector");
    for el in doc.select(&all) {
        let v = el.value();
        prop_assert!(
            !matches!(
                v.name(),
                "script" | "iframe" | "object" | "embed" | "style" | "svg"
            ),
            "{}",
            el.html()
        );
        for (attr, value) in v.attrs() {
            prop_assert!(!attr.starts_with("on"), "{}", el.html());
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            if attr == "href" || attr == "src" {
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    prop_assert!(!squeezed.starts_with(scheme), "{}", el.html());
                }
            }
            if attr == "src" {
                prop_assert!(
                    !squeezed.contains("//") && !squeezed.contains(':'),
                    "{}",
                    el.html()
                );
            }
            if attr == "style" {
                prop_assert!(squeezed.starts_with("text-align:"), "{}", el.html());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases()))]

    #[test]
    fn bodies_render_shallow_and_inert_or_are_refused(markdown in body()) {
        check(&markdown)?;
    }
}
