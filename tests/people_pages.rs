//! Person pages as a reader meets them: every person chip (on articles, events and states)
//! leads to the person's page, which names them and their role; the people index and the
//! navigation lead there; a person's events are newest first and their articles most
//! mentions first, across the pages of `paginate_by`; data/people.json lists them; and
//! `check` suggests adding a name an article repeats after a title. Read from the HTML the
//! build wrote (scraper), on this repository's dossier and on a generated one.

mod common;
use common::*;

use std::collections::{BTreeMap, BTreeSet};

/// Every HTML file of an output, with its parsed document.
fn pages(site: &Site) -> Vec<(String, scraper::Html)> {
    files(&site.out())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let doc = site.html(&f);
            (f, doc)
        })
        .collect()
}

/// The file a root-relative link leads to (`/people/x/` → `people/x/index.html`).
fn file_of(href: &str) -> String {
    let path = href.split('#').next().unwrap_or("").trim_start_matches('/');
    format!("{path}index.html")
}

fn json(site: &Site, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(rel)).expect("JSON")
}

/// Every chip on every page leads to a person page whose heading is the chip's name; the
/// chip says the role as text. Returns the kinds of page the chips were seen on.
fn chips_lead_to_their_people(site: &Site) -> BTreeSet<String> {
    let mut kinds = BTreeSet::new();
    let mut followed = 0;
    for (file, doc) in pages(site) {
        for chip in doc.select(&sel("a.chip-person")) {
            let href = chip.value().attr("href").expect("a chip has a link");
            assert!(href.starts_with("/people/"), "{file}: chip to {href}");
            let name = chip
                .select(&sel(".person-name"))
                .map(|e| e.text().collect::<String>())
                .collect::<String>();
            let role = chip
                .select(&sel(".person-role"))
                .map(|e| e.text().collect::<String>())
                .collect::<String>();
            assert!(!role.trim().is_empty(), "{file}: chip {name} shows no role");
            let target = site.html(&file_of(href));
            let h1 = texts(&target, "h1").join(" ");
            assert!(
                h1.starts_with(name.trim()),
                "{file}: chip {name} leads to {href}, titled {h1}"
            );
            followed += 1;
            let body_kind = attrs(&doc, "body", "class").join(" ");
            kinds.insert(body_kind.trim_start_matches("kind-").to_string());
        }
    }
    assert!(followed > 0, "no person chip anywhere");
    kinds
}

/// The ids of the events a person page lists, and the slugs of the articles it links, across
/// its pages in `rel=next` order.
fn person_lists(site: &Site, slug: &str) -> (Vec<String>, Vec<String>) {
    let (mut events, mut articles) = (Vec::new(), Vec::new());
    let mut file = format!("people/{slug}/index.html");
    loop {
        let doc = site.html(&file);
        events.extend(linked_event_ids(&doc));
        articles.extend(attrs(&doc, ".article-links a", "href").iter().map(|h| {
            h.trim_matches('/')
                .trim_start_matches("articles/")
                .to_string()
        }));
        match attrs(&doc, "link[rel=next]", "href").first() {
            Some(next) => file = file_of(next),
            None => break,
        }
    }
    (events, articles)
}

/// Each person page lists the events naming the person newest first and the articles naming
/// them most mentions first (then newest), as data/events.json and data/articles.json say.
fn lists_are_in_order(site: &Site) -> usize {
    let events = json(site, "data/events.json");
    let articles = json(site, "data/articles.json");
    let date_of: BTreeMap<&str, &str> = events
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            (
                e["id"].as_str().expect("id"),
                e["date"].as_str().expect("date"),
            )
        })
        .collect();
    let people = json(site, "data/people.json");
    let people = people.as_array().expect("people");
    assert!(!people.is_empty());
    for p in people {
        let slug = p["slug"].as_str().expect("slug");
        let (listed_events, listed_articles) = person_lists(site, slug);
        let want: Vec<String> = p["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| e.as_str().expect("id").to_string())
            .collect();
        assert_eq!(listed_events, want, "{slug}: events");
        let dates: Vec<&str> = listed_events
            .iter()
            .map(|id| date_of[id.as_str()])
            .collect();
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{slug}: events not newest first: {dates:?}"
        );
        let named: Vec<&serde_json::Value> = articles
            .as_array()
            .expect("articles")
            .iter()
            .filter(|a| {
                a["people"]
                    .as_array()
                    .expect("people")
                    .iter()
                    .any(|x| x == slug)
            })
            .collect();
        assert_eq!(listed_articles.len(), named.len(), "{slug}: articles");
        let mentions: Vec<u64> = listed_articles
            .iter()
            .map(|a| {
                let art = named
                    .iter()
                    .find(|x| x["slug"] == a.as_str())
                    .unwrap_or_else(|| panic!("{slug}: {a} does not name them"));
                art["person_mentions"][slug].as_u64().unwrap_or(0)
            })
            .collect();
        assert!(
            mentions.windows(2).all(|w| w[0] >= w[1]),
            "{slug}: articles not by mentions: {mentions:?}"
        );
    }
    people.len()
}

/// Every person data/people.json lists has a page linked from /people/ and the sitemap; the
/// navigation leads to /people/.
fn index_and_sitemap_list_every_person(site: &Site) {
    let index = site.html("people/index.html");
    let linked: BTreeSet<String> = attrs(&index, "main a[href^='/people/']", "href")
        .into_iter()
        .collect();
    let sitemap = site.read("sitemap.xml");
    for p in json(site, "data/people.json").as_array().expect("people") {
        let path = format!("/people/{}/", p["slug"].as_str().expect("slug"));
        assert!(linked.contains(&path), "/people/ does not link {path}");
        assert!(
            sitemap.contains(&format!("https://example.org{path}<")),
            "{path} not in the sitemap"
        );
    }
    let home = site.html("index.html");
    assert!(attrs(&home, "nav a", "href").contains(&"/people/".to_string()));
}

#[test]
fn the_repository_dossier_has_a_page_for_everyone_it_names() {
    let site = Site::repository();
    site.build().expect("builds");
    let kinds = chips_lead_to_their_people(&site);
    for kind in ["article", "state", "person"] {
        assert!(kinds.contains(kind), "no chip on a {kind} page: {kinds:?}");
    }
    // Everyone an article names has a page.
    let people = json(&site, "data/people.json");
    let with_pages: BTreeSet<&str> = people
        .as_array()
        .expect("people")
        .iter()
        .map(|p| p["slug"].as_str().expect("slug"))
        .collect();
    for a in json(&site, "data/articles.json")
        .as_array()
        .expect("articles")
    {
        for p in a["people"].as_array().expect("people") {
            assert!(
                with_pages.contains(p.as_str().expect("slug")),
                "{p} has no page"
            );
        }
    }
    assert!(lists_are_in_order(&site) >= 5);
    index_and_sitemap_list_every_person(&site);
    // A person page says who they are: the Latin name, the other spellings, the roles.
    let zas = site.html("people/stanislav-zas/index.html");
    assert!(texts(&zas, "h1 .latin").contains(&"Stanislav Zas".to_string()));
    assert!(!texts(&zas, ".roles li").is_empty());
    assert!(texts(&zas, ".variants").join(" ").contains("ستانسلاف زاس"));
}

/// A generated dossier: articles naming one person one to five times, each reporting a
/// dated event that names them, cut into short pages.
fn generated() -> Site {
    let site = Site::repository();
    for k in 1..=23usize {
        let times = k % 5 + 1;
        let mut body = format!(
            "في {} مايو 2023 قال الأمين العام ستانيسلاف زاس إن المنظمة عقدت الاجتماع رقم {k}.\n\n",
            k
        );
        for _ in 1..times {
            body.push_str("وأضاف زاس أن التعاون مستمر.\n\n");
        }
        site.write(
            &format!("content/articles/gen-{k:02}.md"),
            &format!(
                "---\ntitle: الاجتماع رقم {k}\ndate: 2023-06-{:02}\n---\n\n{body}",
                k
            ),
        );
    }
    let config = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}paginate_by:\n  articles: 4\n  events: 3\n"),
    );
    site
}

#[test]
fn a_generated_dossier_pages_a_person_in_order() {
    let site = generated();
    site.build().expect("builds");
    chips_lead_to_their_people(&site);
    lists_are_in_order(&site);
    index_and_sitemap_list_every_person(&site);
    let (events, articles) = person_lists(&site, "stanislav-zas");
    assert!(events.len() >= 23, "{}", events.len());
    assert!(articles.len() >= 23, "{}", articles.len());
    assert!(site
        .out()
        .join("people/stanislav-zas/page/6/index.html")
        .is_file());
}

#[test]
fn check_suggests_a_repeated_name_missing_from_people_yaml() {
    let site = Site::repository();
    site.write(
        "content/articles/unknown.md",
        "---\ntitle: تصريح\ndate: 2023-01-02\n---\n\nقال وزير الدفاع الروسي سيرغي إيفانوف إن القوات جاهزة.\n\n\
         وأضاف إيفانوف أن المناورات تستمر، وقال المحلل (Alex Kokcharov) إن ذلك متوقع.\n",
    );
    let report = dossier::check::check(&dossier::check::CheckOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    });
    let said: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.file.ends_with("unknown.md"))
        .map(|f| format!("{}: {}", f.line, f.message))
        .collect();
    assert!(
        said.iter()
            .any(|m| m.starts_with("6: `سيرغي إيفانوف` looks like a person")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|m| m.starts_with("8: `Alex Kokcharov` looks like a person")),
        "{said:?}"
    );
    assert_eq!(report.errors(), 0);
}

#[test]
fn bad_roles_are_errors_at_their_line_in_people_yaml() {
    let site = Site::repository();
    let people =
        std::fs::read_to_string(site.root().join("content/data/people.yaml")).expect("people.yaml");
    site.write(
        "content/data/people.yaml",
        &format!(
            "{people}\n- slug: test-person\n  name_ar: شخص تجريبي\n  name_en: Test Person\n  role_ar: وزير\n  roles:\n    \
             - {{title: وزير, from: 2020-05, to: 2019-01}}\n    - {{title: سفير, from: أمس}}\n    \
             - {{title: رئيس, state: narnia}}\n"
        ),
    );
    let line_of = |needle: &str| {
        let text = std::fs::read_to_string(site.root().join("content/data/people.yaml"))
            .expect("people.yaml");
        text.lines()
            .position(|l| l.contains(needle))
            .expect("the line")
            + 1
    };
    let err = site
        .build()
        .expect_err("bad roles fail the build")
        .to_string();
    for (needle, says) in [
        (
            "to: 2019-01",
            "a role ends (`to: 2019-01`) before it starts",
        ),
        ("from: أمس", "cannot read date `أمس`"),
        ("state: narnia", "unknown state `narnia` in a role"),
    ] {
        let at = format!("content/data/people.yaml:{}:1:", line_of(needle));
        assert!(
            err.lines().any(|l| l.contains(&at) && l.contains(says)),
            "{at} {says}: {err}"
        );
    }
}
