//! The dossier's pictures: membership chart, events-per-year chart, two-order chronology and
//! the TimelineJS export, read back from the built pages.

mod common;
use common::*;

use quick_xml::events::Event as Xml;
use quick_xml::Reader;

fn build_fixture(no_minify: bool) -> Site {
    let site = Site::fixture();
    site.build_with(|o| {
        o.no_minify = no_minify;
        o.today = chrono::NaiveDate::from_ymd_opt(2024, 6, 1);
    })
    .expect("builds");
    site
}

#[test]
fn membership_chart_has_a_row_per_state_with_its_periods() {
    let site = build_fixture(false);
    let states = dossier::data::states::load(site.root()).expect("states");
    for page in ["index.html", "states/index.html"] {
        let doc = site.html(page);
        let rows = attrs(&doc, ".membership-chart svg g.row", "data-state");
        let slugs: Vec<String> = states.iter().map(|s| s.slug.clone()).collect();
        assert_eq!(rows, slugs, "{page}");
        for s in &states {
            let sel_bars = format!(".membership-chart g.row[data-state={}] rect.bar", s.slug);
            let from = attrs(&doc, &sel_bars, "data-from");
            let to = attrs(&doc, &sel_bars, "data-to");
            let want_from: Vec<String> = s.periods.iter().map(|p| p.from.clone()).collect();
            let want_to: Vec<String> = s
                .periods
                .iter()
                .map(|p| p.to.clone().unwrap_or_default())
                .collect();
            assert_eq!((from, to), (want_from, want_to), "{page}: {}", s.slug);
        }
        // The same periods are in a table for screen readers.
        let cells = texts(&doc, ".membership-chart table tbody th");
        assert_eq!(
            cells.len(),
            states.iter().map(|s| s.periods.len()).sum::<usize>()
        );
    }
}

#[test]
fn chart_runs_right_to_left_and_marks_today() {
    let site = build_fixture(false);
    let doc = site.html("states/index.html");
    // Across the chart, positions are percentages of its width.
    let pct = |v: &str| -> f64 { v.trim_end_matches('%').parse().expect("number") };
    let x = |sel: &str| -> f64 { pct(&attrs(&doc, sel, "x")[0]) };
    // Russia (1992–today) reaches further left than Georgia (1993–1999) starts.
    let russia = x(".membership-chart g.row[data-state=russia] rect.bar");
    let georgia = x(".membership-chart g.row[data-state=georgia] rect.bar");
    assert!(
        russia < georgia,
        "russia bar x {russia} should be left of georgia {georgia}"
    );
    // Ticks: earlier years to the right.
    let ticks: Vec<(i32, f64)> = doc
        .select(&sel(".membership-chart text.tick"))
        .map(|t| {
            (
                t.text().collect::<String>().trim().parse().expect("year"),
                t.value().attr("x").map(pct).expect("x"),
            )
        })
        .collect();
    assert!(ticks.len() >= 3);
    assert!(
        ticks.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 > w[1].1),
        "{ticks:?}"
    );
    let today = texts(&doc, ".membership-chart .today-label");
    assert_eq!(today, ["اليوم: 1 يونيو/ حزيران 2024"]);
}

#[test]
fn membership_bars_are_drawn_by_kind_with_a_legend() {
    let site = Site::fixture();
    let states = std::fs::read_to_string(site.root().join("content/data/states.yaml"))
        .expect("fixture states");
    // Armenia's participation frozen from 2024; Georgia suspended before it left.
    let states = states
        .replacen(
            "  periods:\n    - from: 1992-05-15\n- slug: georgia",
            "  periods:\n    - from: 1992-05-15\n      to: 2024-02\n    - from: 2024-02\n      standing: frozen\n- slug: georgia",
            1,
        )
        .replace(
            "      to: 1999-04\n",
            "      to: 1999-01\n    - from: 1999-01\n      to: 1999-04\n      standing: suspended\n",
        );
    site.write("content/data/states.yaml", &states);
    site.build_with(|o| o.today = chrono::NaiveDate::from_ymd_opt(2024, 6, 1))
        .expect("builds");
    let doc = site.html("states/index.html");
    let kinds = |slug: &str| {
        attrs(
            &doc,
            &format!(".membership-chart g.row[data-state={slug}] rect.bar"),
            "class",
        )
    };
    // A membership that runs on into a frozen one is still a membership; Georgia's left.
    assert_eq!(kinds("russia"), ["bar kind-member ongoing"]);
    assert_eq!(
        kinds("armenia"),
        ["bar kind-member", "bar kind-frozen ongoing"]
    );
    assert_eq!(kinds("georgia"), ["bar kind-former", "bar kind-suspended"]);
    assert_eq!(
        attrs(&doc, ".membership-chart rect.kind-frozen", "fill"),
        ["url(#hatch-frozen)"]
    );
    // The legend names what is drawn, in its order, and today's line.
    assert_eq!(
        texts(&doc, ".membership-chart .chart-legend li"),
        ["عضو", "عضوية انتهت", "مشاركة مجمّدة", "عضوية معلّقة", "اليوم"]
    );
    // No viewBox: the drawing is as wide as its box, its text at the stylesheet's size.
    assert_eq!(attrs(&doc, ".membership-chart svg", "width"), ["100%"]);
    for name in ["viewBox", "viewbox"] {
        assert!(attrs(&doc, ".membership-chart svg", name).is_empty());
    }
}

#[test]
fn every_svg_is_well_formed_and_titled() {
    let site = build_fixture(true);
    let mut seen = 0;
    for rel in files(&site.out())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let html = site.read(&rel);
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<svg") {
            let end = rest[start..].find("</svg>").expect("closed svg") + start + 6;
            let svg = &rest[start..end];
            rest = &rest[end..];
            seen += 1;
            let mut reader = Reader::from_str(svg);
            let mut first_children = Vec::new();
            let mut depth = 0;
            let mut root_role = None;
            let mut has_links = false;
            loop {
                match reader
                    .read_event()
                    .unwrap_or_else(|e| panic!("{rel}: malformed SVG: {e}"))
                {
                    Xml::Start(e) => {
                        if depth == 0 {
                            root_role = e
                                .try_get_attribute("role")
                                .ok()
                                .flatten()
                                .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                        } else if depth == 1 {
                            first_children
                                .push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                        }
                        has_links |= e.name().as_ref() == b"a";
                        depth += 1;
                    }
                    Xml::End(_) => depth -= 1,
                    Xml::Eof => break,
                    _ => {}
                }
            }
            assert_eq!(depth, 0, "{rel}: unbalanced SVG");
            // A chart whose bars or labels are links is a group: an img's children are
            // hidden from assistive technology, so its links would be unreachable.
            let role = if has_links { "group" } else { "img" };
            assert_eq!(root_role.as_deref(), Some(role), "{rel}");
            assert_eq!(&first_children[..2], ["title", "desc"], "{rel}");
        }
    }
    assert!(seen >= 5, "only {seen} SVGs found");
}

#[test]
fn year_chart_bars_link_to_year_pages_and_highlight_the_current_year() {
    let site = build_fixture(false);
    let years: Vec<String> = files(&site.out())
        .into_iter()
        .filter_map(|f| {
            f.strip_prefix("years/")
                .and_then(|r| r.strip_suffix("/index.html"))
                .map(str::to_string)
        })
        .collect();
    let events: serde_json::Value =
        serde_json::from_str(&site.read("data/events.json")).expect("json");
    let mut event_years: Vec<String> = events
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["date"].as_str().expect("date")[..4].to_string())
        .collect();
    event_years.dedup();
    for y in &event_years {
        assert!(years.contains(y), "no year page for {y}");
    }
    let doc = site.html("years/index.html");
    let links = attrs(&doc, ".year-chart svg a", "href");
    let want: Vec<String> = event_years.iter().map(|y| format!("/years/{y}/")).collect();
    let mut sorted = links.clone();
    sorted.sort();
    assert_eq!(sorted, want);
    assert_eq!(
        texts(&doc, ".year-chart text.count"),
        ["2"],
        "2019 has two events"
    );

    let y2019 = site.html("years/2019/index.html");
    assert_eq!(
        attrs(&y2019, ".year-chart rect.bar.current", "data-year"),
        ["2019"]
    );
}

#[test]
fn chronology_in_both_orders_grouped_by_year() {
    let site = build_fixture(false);
    let old = site.html("chronology/index.html");
    let new = site.html("chronology/newest/index.html");
    let ids_old = linked_event_ids(&old);
    let mut ids_new = linked_event_ids(&new);
    assert_eq!(ids_old.len(), 2);
    ids_new.reverse();
    assert_eq!(ids_old, ids_new);
    assert_eq!(attrs(&old, ".order a", "href"), ["/chronology/newest/"]);
    assert_eq!(attrs(&new, ".order a", "href"), ["/chronology/"]);
    assert_eq!(attrs(&old, "section.year-group", "id"), ["y2019"]);
    assert_eq!(attrs(&old, ".year-index a", "href"), ["#y2019"]);
    // The chronology links each event to its year page, which links it to the article
    // paragraph it came from.
    for href in attrs(&old, "ol.timeline.links a", "href") {
        assert!(href.starts_with("/years/2019/#"), "{href}");
    }
    let year = site.html("years/2019/index.html");
    assert_eq!(
        attrs(&year, "li.event .event-sources a", "href"),
        ["/articles/beta-exercise/#p2", "/articles/beta-exercise/#p3"]
    );
}

#[test]
fn topics_and_states_filter_the_chronology() {
    let site = build_fixture(false);
    let chrono = site.html("chronology/index.html");
    let filters = attrs(&chrono, ".toolbar .filter a", "href");
    // beta-exercise carries the events, tagged exercises and summits, naming Georgia.
    assert!(
        filters.contains(&"/tags/exercises/#events-h".to_string()),
        "{filters:?}"
    );
    // The topic counts its events by year and links to the year pages that draw them.
    assert_eq!(linked_event_ids(&chrono).len(), 2);
    let tag = site.html("tags/exercises/index.html");
    assert_eq!(
        attrs(&tag, "#events-h ~ .year-list a", "href"),
        ["/years/2019/"]
    );
    assert_eq!(texts(&tag, "#events-h ~ .year-list .year-num"), ["2019"]);
    // alpha-summit has no dated sentence, so a topic only it carries has no timeline.
    let broken = broken_internal_links(&site.out(), "/", "https://example.org");
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn timeline_json_follows_timelinejs() {
    let site = build_fixture(false);
    let t: serde_json::Value =
        serde_json::from_str(&site.read("data/timeline.json")).expect("json");
    assert_eq!(t["title"]["text"]["headline"], "ملف الاختبار");
    let events = t["events"].as_array().expect("events");
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["start_date"]["year"], 2019);
    assert_eq!(events[0]["start_date"]["month"], 10);
    assert_eq!(events[0]["start_date"]["day"], 12);
    assert_eq!(
        events[0]["start_date"]["display_date"],
        "12 أكتوبر/ تشرين الأول 2019"
    );
    assert!(events[0]["text"]["text"]
        .as_str()
        .expect("text")
        .contains("https://example.org/articles/beta-exercise/#p2"));
    assert!(events[0]["group"].is_string());
}

#[test]
fn state_page_shows_presidencies_and_people_from_the_gazetteers() {
    let site = Site::fixture();
    for f in ["states.yaml", "people.yaml"] {
        let real = std::fs::read_to_string(repo().join("content/data").join(f)).expect("data");
        site.write(&format!("content/data/{f}"), &real);
    }
    // A person has a page, and is listed on their state's, once an article names them.
    site.write(
        "content/articles/tokayev.md",
        "---\ntitle: تصريح\ndate: 2023-01-02\n---\n\nقال قاسم جومارت توكاييف إن المنظمة مهمة.\n",
    );
    site.build().expect("builds");
    let doc = site.html("states/kazakhstan/index.html");
    let presidency: Vec<String> = attrs(&doc, "#membership-h ~ h3 + ul.periods time", "datetime");
    assert_eq!(
        presidency,
        ["2024"],
        "Kazakhstan's presidency from states.yaml"
    );
    let people = texts(&doc, "#people-h ~ .person-chips .person-name");
    assert!(
        people.iter().any(|p| p == "قاسم جومارت توكاييف"),
        "{people:?}"
    );
    let links = attrs(&doc, "#people-h ~ .person-chips a", "href");
    assert!(
        links.contains(&"/people/kassym-jomart-tokayev/".to_string()),
        "{links:?}"
    );
    // Nazarbayev, whom no article names, has no page to link to.
    assert!(!links.iter().any(|l| l.contains("nazarbayev")), "{links:?}");
}
