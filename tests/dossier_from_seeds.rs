//! The five real pastes in ../shared/seeds/raw, imported and built: publication dates as read
//! by hand, a chronology whose every entry links to an anchor that exists, and a year page for
//! every year that has an event.

mod common;
use common::*;

use std::collections::BTreeSet;

fn seeds() -> Option<std::path::PathBuf> {
    let dir = repo().join("../shared/seeds/raw");
    if dir.is_dir() {
        Some(dir)
    } else {
        // Under CI the seeds are part of the machine: their absence is a failure, not a skip.
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{} is missing under CI",
            dir.display()
        );
        eprintln!("note: {} not found; seed tests skipped", dir.display());
        None
    }
}

/// Publication dates written down by reading each paste (file prefix → date).
const DATES: [(&str, &str); 5] = [
    ("000", "2022-12-19"), // "اليوم الاثنين 19 ديسمبر/كانون الأول 2022"
    ("001", "2021-09-15"), // "اليوم الأربعاء 15 سبتمبر/أيلول 2021"
    ("002", "2022-05-16"), // dateline "١٦ مايو", body "اليوم الاثنين 16 مايو/أيار 2022"
    ("003", "2022-02-09"), // dateline "٠٩ فبراير ٢٠٢٢"
    ("004", "2022-01-06"), // "اليوم الخميس السادس من يناير/كانون الثاني 2022"
];

#[test]
fn seeds_import_with_the_dates_a_reader_finds() {
    let Some(dir) = seeds() else { return };
    let site = Site::fixture();
    let reports =
        dossier::import::import(site.root(), std::slice::from_ref(&dir), false).expect("import");
    assert_eq!(reports.len(), 5);
    for (prefix, date) in DATES {
        let r = reports
            .iter()
            .find(|r| {
                r.input
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            })
            .expect("report per seed");
        let entry = match &r.outcome {
            dossier::import::Outcome::Written { entry, .. } => site.root().join(entry),
            other => panic!("{prefix}: {other:?}"),
        };
        let text = std::fs::read_to_string(entry).expect("entry");
        assert!(
            text.contains(&format!("\ndate: {date}\n")),
            "{prefix}: expected {date}\n{text}"
        );
    }
}

#[test]
fn seed_article_pages_name_the_leaders_a_reader_finds() {
    let Some(dir) = seeds() else { return };
    let site = Site::fixture();
    for f in ["people.yaml", "topics.yaml", "states.yaml"] {
        let real = std::fs::read_to_string(repo().join("content/data").join(f)).expect("data");
        site.write(&format!("content/data/{f}"), &real);
    }
    dossier::import::import(site.root(), &[dir], false).expect("import");
    site.build().expect("builds");
    let articles: serde_json::Value =
        serde_json::from_str(&site.read("data/articles.json")).expect("json");
    let summit = articles
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["date"] == "2022-05-16")
        .expect("the Moscow summit article");
    let doc = site.html(&format!(
        "articles/{}/index.html",
        summit["slug"].as_str().expect("slug")
    ));
    let names = texts(&doc, ".person-chips .person-name");
    // Read in the paste: the six leaders expected at the summit and the secretary-general.
    for name in [
        "فلاديمير بوتين",
        "نيكول باشينيان",
        "ألكسندر لوكاشينكو",
        "قاسم جومارت توكاييف",
        "صادر جاباروف",
        "إمام علي رحمن",
        "ستانيسلاف زاس",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing from {names:?}"
        );
    }
    let states = texts(&doc, ".article-header .chips:not(.tags) .chip");
    for s in [
        "روسيا",
        "أرمينيا",
        "بيلاروسيا",
        "كازاخستان",
        "قرغيزستان",
        "طاجيكستان",
    ] {
        assert!(states.iter().any(|x| x == s), "{s} missing from {states:?}");
    }
}

#[test]
fn seed_chronology_links_resolve_and_years_exist() {
    let Some(dir) = seeds() else { return };
    let site = Site::fixture();
    dossier::import::import(site.root(), &[dir], false).expect("import");
    site.build().expect("seed site builds");

    let broken = broken_internal_links(&site.out(), "/", "https://example.org");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));

    let events: serde_json::Value =
        serde_json::from_str(&site.read("data/events.json")).expect("json");
    let events = events.as_array().expect("array");
    assert!(events.len() >= 30, "only {} events", events.len());
    let years: BTreeSet<String> = events
        .iter()
        .filter_map(|e| e["date"].as_str())
        .map(|d| d[..4].to_string())
        .collect();
    // Years the Al Jazeera backgrounder's chronology names, read from the text.
    for y in ["1992", "1994", "2002", "2012"] {
        assert!(years.contains(y), "{y} missing from {years:?}");
    }
    for y in &years {
        assert!(
            site.out().join(format!("years/{y}/index.html")).is_file(),
            "no page for {y}"
        );
    }
    // Each event's source names an article (its URL in articles.json) and an anchor that
    // exists on that article's page.
    let articles: serde_json::Value =
        serde_json::from_str(&site.read("data/articles.json")).expect("json");
    let url_of = |slug: &str| {
        articles
            .as_array()
            .expect("array")
            .iter()
            .find(|a| a["slug"] == slug)
            .and_then(|a| a["url"].as_str())
            .unwrap_or_else(|| panic!("{slug} is not in articles.json"))
            .to_string()
    };
    for e in events {
        for s in e["sources"].as_array().expect("sources") {
            let url = url_of(s["slug"].as_str().expect("slug"));
            let anchor = s["anchor"].as_str().expect("anchor");
            let page = url.strip_prefix("https://example.org/").expect("absolute");
            let doc = site.html(&format!("{page}index.html"));
            assert!(
                attrs(&doc, "[id]", "id").iter().any(|i| i == anchor),
                "{url}#{anchor}"
            );
        }
    }
    // The chronology page lists every event in the order of events.json, which is by date:
    // years never go back, day-precision dates are in calendar order, and a year-only event
    // comes before every more precise event of its year.
    let chrono = site.html("chronology/index.html");
    let shown = linked_event_ids(&chrono);
    let ids: Vec<&str> = events.iter().filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(shown, ids);
    let dates: Vec<(&str, bool)> = events
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap_or(""),
                e["part"].is_null() && e["end"].is_null(),
            )
        })
        .collect();
    for w in dates.windows(2) {
        assert!(w[0].0[..4] <= w[1].0[..4], "years out of order: {w:?}");
    }
    let days: Vec<&str> = dates
        .iter()
        .map(|d| d.0)
        .filter(|d| d.len() == 10)
        .collect();
    assert!(
        days.windows(2).all(|w| w[0] <= w[1]),
        "days out of order: {days:?}"
    );
    for (i, (d, plain)) in dates.iter().enumerate() {
        if d.len() == 4 && *plain {
            assert!(
                dates[..i]
                    .iter()
                    .all(|(e, _)| e[..4] < d[..4] || e.len() == 4),
                "year-only {d} comes after a more precise date of its year"
            );
        }
    }
}
