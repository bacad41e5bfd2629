//! Lists that grow with the corpus are cut into pages (`paginate_by` in site.yaml): a state's,
//! topic's and year's articles and events, the chronology both ways and the articles index.
//! Following a list's `rel="next"` links from its first page reads the whole list once, in
//! its order; the pages are in the sitemap; every link to an event lands on the page it is on;
//! a list shorter than a page is the page it always was.

mod common;

use std::collections::BTreeSet;

use common::*;

/// How many articles report the one event the tests add: more than its year page lists.
const REPORTS: usize = 25;

/// This repository's dossier in a temporary folder, with `paginate_by` set.
fn site_paginated(articles: usize, events: usize) -> Site {
    let site = Site::repository();
    let config = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    // Reports of one event in more articles than an event list shows sources, so that the
    // event's "all sources" link points into its year's pages.
    for k in 1..=REPORTS {
        site.write(
            &format!("content/articles/report-{k}.md"),
            &format!(
                "---\ntitle: تقرير رقم {k} عن قمة المنظمة\ndate: 2023-05-{:02}\n---\n\n\
                 في 23 نوفمبر 2022 عقد مجلس الأمن الجماعي قمته في يريفان بحضور رؤساء الدول \
                 الأعضاء في منظمة معاهدة الأمن الجماعي.\n",
                k + 1
            ),
        );
    }
    site.write(
        "site.yaml",
        &format!("{config}paginate_by:\n  articles: {articles}\n  events: {events}\n"),
    );
    site
}

/// The output file of a site-relative URL path under the root base path.
fn file_of(url: &str) -> String {
    let path = url.trim_start_matches('/');
    format!("{path}index.html")
}

/// A list page's pages in the order `rel="next"` leads through them, from its first page's
/// file; each page's `rel="prev"` must lead back to the one before.
fn pages_of(site: &Site, first: &str) -> Vec<(String, scraper::Html)> {
    let mut pages: Vec<(String, scraper::Html)> = Vec::new();
    let mut file = first.to_string();
    loop {
        let doc = site.html(&file);
        let prev = attrs(&doc, "link[rel=prev]", "href");
        match pages.last() {
            None => assert!(prev.is_empty(), "{file}: the first page has a rel=prev"),
            Some((before, _)) => assert_eq!(
                prev.iter().map(|p| file_of(p)).collect::<Vec<_>>(),
                std::slice::from_ref(before),
                "{file}: rel=prev does not lead back"
            ),
        }
        let next = attrs(&doc, "link[rel=next]", "href");
        let pager_next = attrs(&doc, ".paginator a[rel=next]", "href");
        assert_eq!(
            next, pager_next,
            "{file}: head and pager disagree on the next page"
        );
        pages.push((file.clone(), doc));
        match next.first() {
            Some(n) => file = file_of(n),
            None => break,
        }
        assert!(pages.len() < 500, "{first}: rel=next goes round in circles");
    }
    pages
}

fn card_links(doc: &scraper::Html) -> Vec<String> {
    attrs(doc, ".cards .card a[href*='/articles/']", "href")
        .into_iter()
        .fold(Vec::new(), |mut v, h| {
            if v.last() != Some(&h) {
                v.push(h);
            }
            v
        })
}

/// The events a page lists: drawn (`li` with the event's id) or linked to.
fn event_ids(doc: &scraper::Html) -> Vec<String> {
    let mut ids = attrs(doc, "ol.timeline > li[id]", "id");
    ids.extend(linked_event_ids(doc));
    ids
}

/// Every list page's first page in the build: the states', years', topics', the chronology
/// both ways and the articles index.
fn list_pages(site: &Site) -> Vec<String> {
    let mut firsts = vec![
        "chronology/index.html".to_string(),
        "chronology/newest/index.html".to_string(),
        "articles/index.html".to_string(),
    ];
    for index in ["states/index.html", "years/index.html", "tags/index.html"] {
        let doc = site.html(index);
        let prefix = format!("/{}", index.trim_end_matches("index.html"));
        let mut listed: Vec<String> = attrs(&doc, "main a[href]", "href")
            .into_iter()
            .filter(|h| h.starts_with(&prefix) && h.len() > prefix.len() && !h.contains('#'))
            .map(|h| file_of(&h))
            .collect();
        listed.dedup();
        assert!(!listed.is_empty(), "{index} links no pages");
        firsts.extend(listed);
    }
    firsts.sort();
    firsts.dedup();
    firsts
}

#[test]
fn following_next_reads_every_list_whole_and_in_order() {
    let whole = site_paginated(0, 0);
    whole.build().expect("builds on one page");
    let paged = site_paginated(2, 3);
    paged.build().expect("builds paginated");
    let lists = list_pages(&whole);
    assert_eq!(lists, list_pages(&paged), "the same list pages either way");
    let mut cut = 0;
    for first in &lists {
        let one = whole.html(first);
        assert!(
            one.select(&sel(".paginator")).next().is_none(),
            "{first}: a pager on a list of one page"
        );
        let pages = pages_of(&paged, first);
        let (mut cards, mut events) = (Vec::new(), Vec::new());
        for (file, doc) in &pages {
            cards.extend(card_links(doc));
            events.extend(event_ids(doc));
            assert!(
                card_links(doc).len() <= 2,
                "{file}: more articles than paginate_by"
            );
            assert!(
                event_ids(doc).len() <= 3,
                "{file}: more events than paginate_by"
            );
        }
        assert_eq!(
            cards,
            card_links(&one),
            "{first}: the articles, page after page"
        );
        assert_eq!(
            events,
            event_ids(&one),
            "{first}: the events, page after page"
        );
        if pages.len() > 1 {
            cut += 1;
            let (file, last) = pages.last().expect("pages");
            let n = pages.len().to_string();
            let current = texts(last, ".paginator [aria-current=page]");
            assert_eq!(current, [n.as_str()], "{file}: the pager marks its page");
            let title = texts(last, "title").join("");
            assert!(
                title.contains(&n),
                "{file}: the title {title:?} names page {n}"
            );
            assert!(
                file.ends_with(&format!("page/{n}/index.html")),
                "{file}: page {n} lives at …/page/{n}/"
            );
        }
    }
    assert!(cut >= 5, "only {cut} lists took more than a page");
}

#[test]
fn a_list_shorter_than_a_page_is_the_page_it_always_was() {
    let whole = site_paginated(0, 0);
    whole.build().expect("builds on one page");
    let default = site_paginated(50, 100);
    default.build().expect("builds with the default pages");
    for rel in files(&whole.out()) {
        if rel.ends_with(".html") {
            assert_eq!(whole.read(&rel), default.read(&rel), "{rel} differs");
        }
    }
    assert!(
        !files(&default.out()).iter().any(|f| f.contains("/page/")),
        "a small site has no second pages"
    );
}

#[test]
fn every_page_is_in_the_sitemap_and_every_link_lands() {
    let paged = site_paginated(2, 3);
    paged.build().expect("builds paginated");
    let sitemap = paged.read("sitemap.xml");
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|u| file_of(u.trim_start_matches("https://example.org")))
        .collect();
    let second_pages: Vec<String> = files(&paged.out())
        .into_iter()
        .filter(|f| f.contains("/page/"))
        .collect();
    assert!(second_pages.len() >= 10, "{second_pages:?}");
    for f in &second_pages {
        assert!(listed.contains(f), "{f} is not in the sitemap");
    }
    // Links to an event's sources on its year page and the chronology's year index point at
    // the page the event or the year is on.
    let broken = broken_internal_links(&paged.out(), "/", "https://example.org/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    let more: Vec<String> = files(&paged.out())
        .iter()
        .filter(|f| f.ends_with(".html"))
        .flat_map(|f| attrs(&paged.html(f), "a.more-sources", "href"))
        .collect();
    assert!(
        more.iter().any(|h| h.contains("/page/")),
        "an event's sources are listed on a later page of its year: {more:?}"
    );
    // A TimelineJS slide links its one source, or the event on its year's page, an anchor
    // that is on that page.
    let timeline: serde_json::Value =
        serde_json::from_str(&paged.read("data/timeline.json")).expect("timeline.json");
    let mut capped = 0;
    for e in timeline["events"].as_array().expect("events") {
        let text = e["text"]["text"].as_str().expect("slide text");
        let hrefs: Vec<&str> = text
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert!(hrefs.len() <= 1, "{hrefs:?}");
        if let Some(all) = hrefs
            .first()
            .map(|h| h.trim_start_matches("https://example.org"))
            .filter(|h| h.starts_with("/years/"))
        {
            let (page, id) = all.split_once('#').expect("an anchor");
            assert_eq!(Some(id), e["unique_id"].as_str());
            let ids = attrs(&paged.html(&file_of(page)), "li.event", "id");
            assert!(ids.iter().any(|i| i == id), "{id} is not on {page}");
            capped += 1;
        }
    }
    assert!(capped >= 1, "the event of {REPORTS} reports lists them all");
    // An article's own events point into its text and to where they are listed with their
    // sources, rather than printing each sentence again.
    let mut brief = 0;
    for f in files(&paged.out())
        .iter()
        .filter(|f| f.starts_with("articles/"))
    {
        let doc = paged.html(f);
        let blocks: BTreeSet<String> = attrs(&doc, ".prose [id]", "id").into_iter().collect();
        for li in doc.select(&sel("ol.mentions > li")) {
            let id = li.value().attr("id").expect("an event has an id");
            let links: Vec<&str> = li
                .select(&sel("a"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert!(
                links.len() == 2
                    && links[0]
                        .strip_prefix('#')
                        .is_some_and(|block| blocks.contains(block))
                    && links[1].starts_with("/years/")
                    && links[1].ends_with(&format!("#{id}")),
                "{f}: {id} links {links:?}"
            );
            brief += 1;
        }
    }
    assert!(brief > 10, "only {brief} events on article pages");
    // On its year page the event lists the first twenty of its sources and counts the rest.
    let year_pages: Vec<String> = files(&paged.out())
        .into_iter()
        .filter(|f| f.starts_with("years/2022/") && f.ends_with(".html"))
        .collect();
    let most = year_pages
        .iter()
        .flat_map(|f| {
            let doc = paged.html(f);
            doc.select(&sel("li.event"))
                .map(|li| {
                    let links = li.select(&sel(".event-sources a")).count();
                    let more: String = li
                        .select(&sel(".more-sources"))
                        .flat_map(|m| m.text())
                        .collect();
                    (links, more)
                })
                .collect::<Vec<_>>()
        })
        .max()
        .expect("events on the 2022 pages");
    assert_eq!(most.0, 20, "{most:?}");
    let counted: usize = most
        .1
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    assert!(counted >= REPORTS - 20, "the rest are counted: {most:?}");
    let index = paged.html("chronology/index.html");
    let years = attrs(&index, ".year-index a", "href");
    assert!(
        years.iter().any(|h| h.contains("/chronology/page/")),
        "the year index links into later pages: {years:?}"
    );
}

#[test]
fn a_bad_paginate_by_names_the_line_and_the_field() {
    let site = Site::fixture();
    let config = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let line = config.lines().count() + 2;
    site.write(
        "site.yaml",
        &format!("{config}paginate_by:\n  articles: lots\n"),
    );
    let err = site
        .build()
        .expect_err("a word is not a number")
        .to_string();
    assert!(err.contains("site.yaml"), "{err}");
    assert!(err.contains(&format!(":{line}:")), "line {line}: {err}");
    site.write(
        "site.yaml",
        &format!("{config}paginate_by:\n  artikles: 5\n"),
    );
    let err = site.build().expect_err("an unknown key").to_string();
    assert!(err.contains("artikles"), "{err}");
}

#[test]
fn a_timeline_past_its_limit_keeps_the_curated_and_most_reported_events_in_date_order() {
    let site = site_paginated(50, 100);
    site.build().expect("builds");
    let events: serde_json::Value =
        serde_json::from_str(&site.read("data/events.json")).expect("events.json");
    let events = events.as_array().expect("a list");
    let curated = events.iter().filter(|e| e["curated"] == true).count();
    // Room for the curated events and one more: the one most reported.
    let limit = curated + 1;
    assert!(events.len() > limit, "only {} events", events.len());
    let config = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{config}timeline_limit: {limit}\n"));
    site.build().expect("builds");
    let sources = |e: &serde_json::Value| e["sources"].as_array().map_or(0, Vec::len);
    let most = (0..events.len())
        .filter(|&i| events[i]["curated"] == false)
        .max_by_key(|&i| (sources(&events[i]), std::cmp::Reverse(i)))
        .expect("a found event");
    assert!(sources(&events[most]) >= REPORTS);
    let want: Vec<&str> = (0..events.len())
        .filter(|&i| i == most || events[i]["curated"] == true)
        .map(|i| events[i]["id"].as_str().expect("id"))
        .collect();
    let timeline: serde_json::Value =
        serde_json::from_str(&site.read("data/timeline.json")).expect("timeline.json");
    let got: Vec<&str> = timeline["events"]
        .as_array()
        .expect("slides")
        .iter()
        .map(|s| s["unique_id"].as_str().expect("unique_id"))
        .collect();
    assert_eq!(got, want);
}
