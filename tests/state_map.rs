//! The map of the states, read back from this repository's dossier as built: on home,
//! `/states/` and the year pages each state is filled by where it stood on the map's day
//! (worked out here from `states.yaml`'s periods and standing, not from the generator), links
//! to its page and stays under the size budget; a state page draws its outline and capital.

mod common;
use common::*;

use chrono::{Datelike, NaiveDate};
use serde_yaml::Value;

/// The map's drawing, before gzip, as the minified page carries it.
const SVG_BUDGET_BYTES: usize = 60_000;

/// The repository's dossier with an article dated today, so that today's year has a page,
/// built with that today.
fn build(today: NaiveDate) -> Site {
    let site = Site::repository();
    site.write(
        "content/articles/today.md",
        &format!(
            "---\ntitle: اجتماع وزراء الخارجية\ndate: {today}\n---\n\
             اجتمع وزراء خارجية دول المنظمة في موسكو.\n"
        ),
    );
    site.build_with(|o| o.today = Some(today)).expect("builds");
    site
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_sequence)
        .map_or(&[], Vec::as_slice)
}

/// `day` (`YYYY-MM-DD`) cut to the precision of `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`):
/// comparing the two as text then says whether the day is before, within or after `date`.
fn at_precision_of<'a>(day: &'a str, date: &str) -> &'a str {
    &day[..date.len().min(day.len())]
}

fn started(v: &Value, day: &str) -> bool {
    text(v, "from").is_some_and(|from| at_precision_of(day, from) >= from)
}

fn covers(v: &Value, day: &str) -> bool {
    started(v, day) && text(v, "to").is_none_or(|to| at_precision_of(day, to) <= to)
}

/// Where a state stood on `day`, read from its entry in `states.yaml`: the standing of the
/// latest-starting period covering the day (member when it names none).
fn expected_status(state: &Value, day: &str) -> String {
    let periods = list(state, "periods");
    if let Some(p) = periods
        .iter()
        .filter(|p| covers(p, day))
        .max_by_key(|p| text(p, "from").unwrap_or_default().to_string())
    {
        return text(p, "standing").unwrap_or("member").to_string();
    }
    if periods.iter().any(|p| started(p, day)) {
        "former"
    } else {
        "outside"
    }
    .to_string()
}

fn states_yaml(site: &Site) -> Vec<Value> {
    let text = std::fs::read_to_string(site.root().join("content/data/states.yaml")).expect("read");
    serde_yaml::from_str(&text).expect("states.yaml")
}

/// The map on `page`: its day, and each state's status and link, checked against
/// `states.yaml` for `day`. Returns the statuses in `states.yaml` order.
fn check_map(site: &Site, page: &str, day: NaiveDate) -> Vec<String> {
    let doc = site.html(page);
    let iso = day.format("%Y-%m-%d").to_string();
    assert_eq!(
        attrs(&doc, "figure.state-map", "data-date"),
        std::slice::from_ref(&iso),
        "{page}"
    );
    let mut statuses = Vec::new();
    for state in states_yaml(site) {
        let slug = text(&state, "slug").expect("slug");
        let want = expected_status(&state, &iso);
        let on_map = format!(".state-map a.map-state[data-state={slug}]");
        let links = doc.select(&sel(&on_map)).collect::<Vec<_>>();
        assert_eq!(links.len(), 1, "{page}: {slug} is drawn once");
        let a = links[0].value();
        assert_eq!(a.attr("data-status"), Some(want.as_str()), "{page}: {slug}");
        assert!(
            a.classes().any(|c| c == format!("status-{want}")),
            "{page}: {slug} is filled as {want}"
        );
        assert_eq!(a.attr("href"), Some(format!("/states/{slug}/").as_str()));
        let name = a.attr("aria-label").unwrap_or_default();
        let name_ar = text(&state, "name_ar").expect("name_ar");
        assert!(name.starts_with(name_ar), "{page}: {slug}'s name {name:?}");
        assert_eq!(
            texts(&doc, &format!("{on_map} text.map-label")),
            [name_ar],
            "{page}: {slug} is labelled in Arabic"
        );
        assert_eq!(
            doc.select(&sel(&format!("{on_map} circle.map-capital")))
                .count(),
            1,
            "{page}: {slug}'s capital"
        );
        // The enlargement of the Caucasus and Central Asia fills it alike where it shows it.
        let enlarged = format!(".state-map-detail path[data-state={slug}]");
        for status in attrs(&doc, &enlarged, "data-status") {
            assert_eq!(status, want, "{page}: {slug} enlarged");
        }
        // The legend lists it under its status, linked to its page too.
        let listed = format!(".map-legend-item[data-status={want}] a[data-state={slug}]");
        assert_eq!(
            attrs(&doc, &listed, "href"),
            [format!("/states/{slug}/")],
            "{page}: {slug} in the legend"
        );
        statuses.push(want);
    }
    // Both drawings, the map and its enlargement.
    let html = site.read(page);
    let figure = html
        .find("class=state-map>")
        .or_else(|| html.find("class=state-map "))
        .and_then(|c| html[..c].rfind("<figure"))
        .expect("the map");
    let first = figure + html[figure..].find("<svg").expect("an svg");
    let end = figure + html[figure..].find("</figure>").expect("closed");
    let last = first + html[first..end].rfind("</svg>").expect("svg") + "</svg>".len();
    let len = last - first;
    assert!(
        len < SVG_BUDGET_BYTES,
        "{page}: the map is {len} bytes of SVG, over {SVG_BUDGET_BYTES}"
    );
    assert_eq!(doc.select(&sel("figure.state-map svg")).count(), 2);
    statuses
}

#[test]
fn year_pages_map_who_was_a_member_that_year() {
    let today = chrono::Utc::now().date_naive();
    let site = build(today);
    let year_end = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31).expect("date");
    let in_1995 = check_map(&site, "years/1995/index.html", year_end(1995));
    let in_2008 = check_map(&site, "years/2008/index.html", year_end(2008));
    let now = check_map(&site, &format!("years/{}/index.html", today.year()), today);
    assert!(
        in_1995 != in_2008 || in_2008 != now,
        "the map changes from year to year: {in_1995:?} {in_2008:?} {now:?}"
    );
    assert!(
        attrs(
            &site.html("years/2008/index.html"),
            ".state-map-detail path[data-state]",
            "data-state"
        )
        .len()
            >= 6,
        "the enlargement draws the six states of the Caucasus and Central Asia"
    );
    for page in ["index.html", "states/index.html"] {
        assert_eq!(check_map(&site, page, today), now, "{page} maps today");
    }
    // Every status drawn has a fill in the stylesheet.
    let css = site.read("css/map.css");
    for status in in_1995.iter().chain(&in_2008).chain(&now) {
        assert!(
            css.contains(&format!(".status-{status} .map-shape")),
            "map.css fills {status}"
        );
    }
}

#[test]
fn a_state_page_draws_its_outline_and_capital() {
    let site = build(NaiveDate::from_ymd_opt(2024, 6, 1).expect("date"));
    let doc = site.html("states/armenia/index.html");
    assert_eq!(
        attrs(&doc, ".state-outline path.map-shape", "class"),
        ["map-shape status-frozen"]
    );
    assert_eq!(
        doc.select(&sel(".state-outline circle.map-capital"))
            .count(),
        1
    );
    let title = texts(&doc, ".state-outline title");
    assert!(
        title[0].contains("أرمينيا") && title[0].contains("يريفان"),
        "{title:?}"
    );
}

#[test]
fn a_capital_off_the_globe_is_an_error() {
    let site = Site::fixture();
    let path = site.root().join("content/data/states.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text.replacen(
        "capital_ar: موسكو",
        "capital_ar: موسكو\n  capital_location: {lat: 95.5, lon: 37.6}",
        1,
    );
    assert!(text.contains("95.5"), "the fixture names Moscow");
    site.write("content/data/states.yaml", &text);
    let err = site.build().expect_err("no such latitude").to_string();
    assert!(
        err.contains("states.yaml") && err.contains("capital_location"),
        "{err}"
    );
}

#[test]
fn a_state_page_says_where_it_stands_as_its_map_does() {
    // Inside Armenia's frozen stretch and inside none: the header follows the map's status
    // for the build's today, and otherwise the status states.yaml declares.
    for today in [
        NaiveDate::from_ymd_opt(2024, 6, 1).expect("date"),
        NaiveDate::from_ymd_opt(2010, 6, 1).expect("date"),
    ] {
        let site = build(today);
        let iso = today.format("%Y-%m-%d").to_string();
        for state in states_yaml(&site) {
            let slug = text(&state, "slug").expect("slug");
            let page = format!("states/{slug}/index.html");
            let doc = site.html(&page);
            let on_map = expected_status(&state, &iso);
            let want = match on_map.as_str() {
                "frozen" | "suspended" => on_map,
                _ => text(&state, "status").expect("status").to_string(),
            };
            assert_eq!(
                attrs(&doc, ".state-header .status", "class"),
                [format!("status status-{want}")],
                "{page} on {iso}"
            );
        }
    }
}
