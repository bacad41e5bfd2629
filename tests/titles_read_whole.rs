//! Titles read as titles: the site never prints a title ending in "…" (a title cut that way
//! is shown as its whole clauses, on the home page, in lists, related lists, the
//! chronology's source links and the search index), and no card shows its title again as its
//! summary.

mod common;

use common::*;

/// An entry as older imports wrote it: a title cut from the first sentence with "…", and a
/// summary that is that sentence.
const CUT: &str = "---
title: أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري في العاصمة، الذي حضره وزراء الدفاع…
title_derived: true
date: 2021-05-20
states: [russia, armenia]
tags: [summits]
summary: أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري في العاصمة، الذي حضره وزراء الدفاع والخارجية، أهمية تعزيز التعاون العسكري.
---
أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري في العاصمة، الذي حضره وزراء الدفاع والخارجية، أهمية تعزيز التعاون العسكري. وقرر الوزراء عقد تدريبات مشتركة في الخريف.

وفي 20 مايو 2021 وقع الوزراء بيانا مشتركا في ختام الاجتماع.
";

const WHOLE: &str = "أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري في العاصمة";

fn site_with_cut_title() -> Site {
    let site = Site::fixture();
    site.write("content/articles/delta-cut.md", CUT);
    site.build().expect("the fixture builds");
    site
}

/// Every HTML file the build wrote, parsed.
fn pages(site: &Site) -> Vec<(String, scraper::Html)> {
    files(&site.out())
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .map(|p| {
            let doc = site.html(&p);
            (p, doc)
        })
        .collect()
}

#[test]
fn no_page_prints_a_title_ending_in_an_ellipsis() {
    let site = site_with_cut_title();
    let mut seen = 0;
    for (path, doc) in pages(&site) {
        for selector in ["title", "h1", "h2", "h3", "a"] {
            for text in texts(&doc, selector) {
                let text = text.trim();
                assert!(
                    !text.ends_with('…') && !text.ends_with("..."),
                    "{path}: <{selector}> {text:?}"
                );
                seen += usize::from(text == WHOLE);
            }
        }
    }
    // The cut title is shown whole: on its page, the home page, the articles index, its
    // states', year's and topic's lists, related lists and the source links of its event on
    // the event's year page (where the chronology leads).
    assert!(seen >= 8, "the whole-clause title is shown {seen} times");
    let home = site.html("index.html");
    assert!(texts(&home, ".card-title").iter().any(|t| t == WHOLE));
    let year = site.html("years/2021/index.html");
    assert!(
        texts(&year, ".event-sources a").iter().any(|t| t == WHOLE),
        "{:?}",
        texts(&year, ".event-sources a")
    );
    let alpha = site.html("articles/alpha-summit/index.html");
    assert!(
        texts(&alpha, "a").iter().any(|t| t == WHOLE),
        "alpha's related list names the cut article by its whole title"
    );
}

#[test]
fn a_card_never_repeats_its_title_as_its_summary() {
    let site = site_with_cut_title();
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cards = 0;
    for (path, doc) in pages(&site) {
        for card in doc.select(&sel(".card")) {
            cards += 1;
            let part = |s: &str| {
                card.select(&sel(s))
                    .next()
                    .map(|e| fold(&e.text().collect::<String>()))
                    .unwrap_or_default()
            };
            let (title, summary) = (part(".card-title"), part(".summary"));
            assert!(
                summary.is_empty() || !summary.starts_with(&title),
                "{path}: the card of {title:?} repeats it as its summary {summary:?}"
            );
        }
    }
    assert!(cards > 0);
    // The cut article's card goes on with the sentence after the one its title came from.
    let home = site.html("index.html");
    let summaries = texts(&home, ".card .summary");
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("وقرر الوزراء عقد تدريبات مشتركة في الخريف.")),
        "{summaries:?}"
    );
    // A hand-written summary that says something else stays as it was.
    assert!(
        summaries
            .iter()
            .any(|s| s.trim() == "ملخص مكتوب باليد لا يغيّره أي مُثرٍ."),
        "{summaries:?}"
    );
}
