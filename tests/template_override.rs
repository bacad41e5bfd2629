//! A template in the site's templates/ replaces the theme's of the same name; new ones may be added.

mod common;
use common::*;
use std::collections::BTreeSet;

#[test]
fn site_template_overrides_theme_template() {
    let site = Site::fixture();
    site.write(
        "templates/partials/article_card.html",
        "<div class=\"my-card\">{{ card.title }}</div>",
    );
    site.build().expect("builds");
    let doc = site.html("index.html");
    assert_eq!(texts(&doc, ".my-card").len(), 2);
    assert_eq!(doc.select(&sel(".card")).count(), 0);
}

#[test]
fn site_may_add_new_templates_included_by_overrides() {
    let site = Site::fixture();
    site.write(
        "templates/partials/banner.html",
        "<p class=\"banner\">{{ site.title }}</p>",
    );
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"partials/banner.html\" %}{% endblock content %}",
    );
    site.build().expect("builds");
    let doc = site.html("404.html");
    assert_eq!(texts(&doc, ".banner"), ["ملف الاختبار"]);
}

#[test]
fn broken_template_names_file_and_line_and_keeps_previous_site() {
    let site = Site::fixture();
    site.build().expect("first build");
    let before = site.read("index.html");
    site.write(
        "templates/year.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ year.nope.deeper }}\n{% endblock content %}",
    );
    let err = site
        .build()
        .expect_err("undefined variable fails")
        .to_string();
    assert!(err.contains("year.html"), "{err}");
    assert!(err.contains(":3:"), "line 3 expected: {err}");
    assert_eq!(site.read("index.html"), before, "previous output changed");

    site.write("templates/year.html", "{% if %}\n");
    let err = site.build().expect_err("syntax error fails").to_string();
    assert!(err.contains("templates/year.html:1:"), "{err}");
}

/// Every `.html` file of the output, as text.
fn html_files(site: &Site) -> Vec<(String, String)> {
    files(&site.out())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let text = site.read(&f);
            (f, text)
        })
        .collect()
}

#[test]
fn an_event_partial_override_reaches_every_list_once_rendered() {
    let site = Site::fixture();
    site.write(
        "templates/partials/event.html",
        "<li class=\"my-event\" id=\"{{ e.id }}\"><time>{{ e.date }}</time> {{ e.text }}</li>",
    );
    site.build().expect("builds");
    let events: Vec<serde_json::Value> =
        serde_json::from_str(&site.read("data/events.json")).expect("events.json");
    assert!(!events.is_empty());
    // Each event is drawn on the page of the year it begins in; the chronology, oldest and
    // newest first, links there.
    let expected: BTreeSet<String> = events
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect();
    let drawn: BTreeSet<String> = files(&site.out())
        .into_iter()
        .filter(|f| f.starts_with("years/") && f.ends_with(".html"))
        .flat_map(|f| attrs(&site.html(&f), "li.my-event", "id"))
        .collect();
    assert_eq!(drawn, expected);
    for order in ["chronology/index.html", "chronology/newest/index.html"] {
        let doc = site.html(order);
        assert!(attrs(&doc, "li.my-event", "id").is_empty(), "{order}");
        let mut linked = linked_event_ids(&doc);
        if order.contains("newest") {
            linked.reverse();
        }
        let ids: Vec<String> = events
            .iter()
            .map(|e| e["id"].as_str().expect("id").to_string())
            .collect();
        assert_eq!(linked, ids, "{order}");
    }
    for (file, text) in html_files(&site) {
        let doc = scraper::Html::parse_document(&text);
        // An article page points to its own events with partials/event_in_article.html; a
        // state's list and the chronology link to them with partials/event_link.html.
        assert_eq!(
            doc.select(&sel("li.event:not(.event-brief)")).count(),
            0,
            "{file}"
        );
        assert!(
            !text.contains(['\u{E000}', '\u{E001}']),
            "marker left in {file}"
        );
    }
}

#[test]
fn an_event_partial_that_reads_the_page_is_rendered_in_each_page() {
    let site = Site::fixture();
    site.write(
        "templates/partials/event.html",
        "<li class=\"my-event on-{{ page.kind }}\" id=\"{{ e.id }}\">{{ e.text }}</li>",
    );
    site.build().expect("builds");
    let home = site.html("index.html");
    let all = home.select(&sel("li.my-event")).count();
    assert!(all > 0);
    assert_eq!(home.select(&sel("li.on-home")).count(), all);
    let year_pages: Vec<String> = files(&site.out())
        .into_iter()
        .filter(|f| f.starts_with("years/") && f.matches('/').count() == 2)
        .collect();
    let (mine, on_years) = year_pages.iter().fold((0, 0), |(m, a), f| {
        let doc = site.html(f);
        (
            m + doc.select(&sel("li.my-event")).count(),
            a + doc.select(&sel("li.on-year")).count(),
        )
    });
    assert!(on_years > 0, "{year_pages:?}");
    assert_eq!(mine, on_years);
}
