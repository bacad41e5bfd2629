//! A fixture site builds into every page kind at its URL, right-to-left and with its metadata.

mod common;
use common::*;

#[test]
fn every_page_kind_exists_at_its_url() {
    let site = Site::fixture();
    let report = site.build().expect("fixture builds");
    let files = files(&site.out());
    for f in [
        "index.html",
        "articles/alpha-summit/index.html",
        "articles/beta-exercise/index.html",
        "states/index.html",
        "states/russia/index.html",
        "states/armenia/index.html",
        "states/georgia/index.html",
        "years/index.html",
        "years/2019/index.html",
        "years/2021/index.html",
        "chronology/index.html",
        "tags/summits/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "favicon.svg",
        "css/tokens.css",
    ] {
        assert!(files.contains(&f.to_string()), "{f} missing from {files:?}");
    }
    assert!(
        !files.iter().any(|f| f.contains("gamma-draft")),
        "draft published"
    );
    assert!(
        !files.iter().any(|f| f.contains("2022")),
        "draft's year published"
    );
    assert_eq!(
        report.pages,
        files.iter().filter(|f| f.ends_with(".html")).count()
    );
}

#[test]
fn drafts_flag_publishes_drafts() {
    let site = Site::fixture();
    site.build_with(|o| o.drafts = true).expect("builds");
    assert!(site.out().join("articles/gamma-draft/index.html").is_file());
    assert!(site.out().join("years/2022/index.html").is_file());
}

#[test]
fn every_page_is_arabic_rtl_with_metadata() {
    let site = Site::fixture();
    site.build().expect("fixture builds");
    for rel in files(&site.out()).iter().filter(|f| f.ends_with(".html")) {
        let doc = site.html(rel);
        let html = doc.root_element();
        assert_eq!(html.value().attr("lang"), Some("ar"), "{rel}");
        assert_eq!(html.value().attr("dir"), Some("rtl"), "{rel}");
        let title = texts(&doc, "head > title");
        assert_eq!(title.len(), 1, "{rel}");
        assert!(!title[0].is_empty(), "{rel}: empty title");
        assert_eq!(
            attrs(&doc, "meta[name=description]", "content").len(),
            1,
            "{rel}"
        );
        let canonical = attrs(&doc, "link[rel=canonical]", "href");
        assert!(
            canonical[0].starts_with("https://example.org/"),
            "{rel}: {canonical:?}"
        );
        assert_eq!(
            attrs(&doc, "meta[property='og:title']", "content").len(),
            1,
            "{rel}"
        );
        assert_eq!(
            attrs(&doc, "link[rel=icon]", "href"),
            ["/favicon.svg"],
            "{rel}"
        );
        assert_eq!(attrs(&doc, "a.skip-link", "href"), ["#main"], "{rel}");
        assert_eq!(doc.select(&sel("main#main")).count(), 1, "{rel}");
    }
}

#[test]
fn article_page_shows_its_content_and_json_ld() {
    let site = Site::fixture();
    site.build().expect("fixture builds");
    let doc = site.html("articles/alpha-summit/index.html");
    assert_eq!(texts(&doc, "h1"), ["قمة تجريبية في عاصمة خيالية"]);
    assert_eq!(texts(&doc, ".article-header time"), ["4 مارس/ آذار 2021"]);
    assert_eq!(
        attrs(&doc, ".article-header time", "datetime"),
        ["2021-03-04"]
    );
    assert_eq!(
        texts(&doc, ".article-header .chips:not(.tags) a"),
        ["روسيا", "أرمينيا"]
    );
    assert_eq!(texts(&doc, "main .prose h2"), ["جدول الأعمال"]);
    assert_eq!(attrs(&doc, "main .prose h2", "id"), ["جدول-الأعمال"]);
    assert_eq!(doc.select(&sel(".prose table")).count(), 1);
    assert!(
        doc.select(&sel(
            ".prose .footnote-definition, .prose section.footnotes, .prose [class*=footnote]"
        ))
        .count()
            > 0
    );
    // Latin names inside Arabic text are isolated so the line does not scramble.
    assert_eq!(texts(&doc, ".prose bdi"), ["CSTO", "Partnership for Peace"]);
    // Breadcrumbs lead home, then to the page itself.
    assert_eq!(
        texts(&doc, ".breadcrumbs li"),
        ["الرئيسية", "قمة تجريبية في عاصمة خيالية"]
    );

    let ld = texts(&doc, "script[type='application/ld+json']");
    let v: serde_json::Value = serde_json::from_str(&ld[0]).expect("JSON-LD parses");
    assert_eq!(v["@type"], "NewsArticle");
    assert_eq!(v["headline"], "قمة تجريبية في عاصمة خيالية");
    assert_eq!(v["datePublished"], "2021-03-04");
    assert_eq!(v["url"], "https://example.org/articles/alpha-summit/");
}

#[test]
fn raw_html_cannot_run_script() {
    let site = Site::fixture();
    site.build().expect("fixture builds");
    let page = site.read("articles/beta-exercise/index.html");
    let doc = scraper::Html::parse_document(&page);
    let scripts = attrs(&doc, "script", "type");
    assert_eq!(
        scripts,
        ["application/ld+json"],
        "only JSON-LD script allowed"
    );
    assert!(!page.contains("alert("), "script body leaked");
    assert!(texts(&doc, ".prose p")[0].contains("وشارك فيها ألف جندي"));
}

#[test]
fn hand_written_summary_wins_and_missing_one_is_derived() {
    let site = Site::fixture();
    site.build().expect("fixture builds");
    let doc = site.html("tags/summits/index.html");
    let summaries = texts(&doc, ".card .summary");
    assert!(
        summaries.contains(&"ملخص مكتوب باليد لا يغيّره أي مُثرٍ.".to_string()),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("افتُتحت اليوم قمة تجريبية")),
        "{summaries:?}"
    );
}

#[test]
fn state_and_year_pages_list_their_articles() {
    let site = Site::fixture();
    site.build().expect("fixture builds");
    let russia = site.html("states/russia/index.html");
    assert_eq!(
        texts(&russia, ".card-title"),
        ["قمة تجريبية في عاصمة خيالية"]
    );
    assert!(texts(&russia, ".periods")
        .join(" ")
        .contains("15 مايو/ أيار 1992"));
    let georgia = site.html("states/georgia/index.html");
    assert!(texts(&georgia, ".periods")
        .join(" ")
        .contains("أبريل/ نيسان 1999"));

    let y2019 = site.html("years/2019/index.html");
    assert_eq!(texts(&y2019, ".card-title"), ["مناورات «الأخوة» في الخريف"]);
    assert_eq!(attrs(&y2019, "a[rel=next]", "href"), ["/years/2021/"]);
    assert!(attrs(&y2019, "a[rel=prev]", "href").is_empty());
    let y2021 = site.html("years/2021/index.html");
    assert_eq!(attrs(&y2021, "a[rel=prev]", "href"), ["/years/2019/"]);

    let home = site.html("index.html");
    assert_eq!(
        texts(&home, ".card-title"),
        ["قمة تجريبية في عاصمة خيالية", "مناورات «الأخوة» في الخريف"]
    );
    assert_eq!(texts(&home, ".intro p"), ["مقدمة قصيرة لموقع الاختبار."]);
}

#[test]
fn output_is_minified_unless_asked_not_to() {
    let site = Site::fixture();
    site.build().expect("builds");
    let min = site.read("index.html").len();
    site.build_with(|o| o.no_minify = true).expect("builds");
    let full = site.read("index.html").len();
    assert!(min < full, "minified {min} >= unminified {full}");
}

#[test]
fn crlf_and_bom_entries_simply_work() {
    let site = Site::fixture();
    let text =
        "\u{feff}---\r\ntitle: عنوان بنهايات ويندوز\r\ndate: 2020-02-02\r\n---\r\nنص المقالة.\r\n";
    site.write("content/articles/windows.md", text);
    site.build().expect("CRLF + BOM entry builds");
    let doc = site.html("articles/windows/index.html");
    assert_eq!(texts(&doc, "h1"), ["عنوان بنهايات ويندوز"]);
    assert_eq!(texts(&doc, ".prose p"), ["نص المقالة."]);
}

#[test]
fn empty_content_folder_gives_an_empty_valid_site() {
    let site = Site::fixture();
    for f in files(&site.root().join("content/articles")) {
        std::fs::remove_file(site.root().join("content/articles").join(f)).expect("remove");
    }
    let report = site.build().expect("empty site builds");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("no .md entries")),
        "{:?}",
        report.warnings
    );
    let doc = site.html("index.html");
    assert_eq!(
        texts(&doc, ".empty"),
        ["لا توجد مقالات بعد.", "لا توجد أحداث مؤرخة بعد."]
    );
}

#[test]
fn cli_help_explains_each_build_flag() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--help"])
        .output()
        .expect("binary runs");
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--root",
        "--output",
        "--base-url",
        "--drafts",
        "--no-minify",
    ] {
        assert!(help.contains(flag), "{flag} missing from help:\n{help}");
    }
}

#[test]
fn cli_build_prints_a_one_line_summary() {
    let site = Site::fixture();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("built ") && stdout.contains(" pages ") && stdout.contains(" ms"),
        "{stdout}"
    );
}

#[test]
fn the_dossier_as_data() {
    let site = Site::fixture();
    site.build().expect("builds");
    let articles: serde_json::Value =
        serde_json::from_str(&site.read("data/articles.json")).expect("json");
    let first = &articles[0];
    assert_eq!(first["slug"], "alpha-summit");
    assert_eq!(first["url"], "https://example.org/articles/alpha-summit/");
    assert_eq!(first["date"], "2021-03-04");
    assert_eq!(first["states"], serde_json::json!(["russia", "armenia"]));
    for key in [
        "title",
        "source",
        "state_mentions",
        "people",
        "tags",
        "summary",
        "reading_minutes",
        "source_sha256",
    ] {
        assert!(first.get(key).is_some(), "{key} missing");
    }
    let events: serde_json::Value =
        serde_json::from_str(&site.read("data/events.json")).expect("json");
    let dates: Vec<&str> = events
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["date"].as_str())
        .collect();
    assert_eq!(
        dates,
        ["2019-10-12", "2019-10-18"],
        "the two dated list items of beta-exercise"
    );
    // A source is referenced by slug and paragraph; its article's address is in articles.json.
    assert_eq!(
        events[0]["sources"][0],
        serde_json::json!({"slug": "beta-exercise", "anchor": "p2"})
    );
    assert_eq!(events[0]["precision"], "day");
    assert!(events[0]["end"].is_null());

    let csv = std::fs::read(site.out().join("data/events.csv")).expect("csv");
    assert!(csv.starts_with("\u{feff}id,date,precision,end,text".as_bytes()));
    let text = String::from_utf8(csv).expect("utf-8");
    assert_eq!(text.lines().count(), 3);
    assert!(text.contains("2019-10-12,day,,"), "{text}");
}

#[test]
fn enrichers_can_be_switched_off_by_name() {
    let site = Site::fixture();
    let cfg = std::fs::read_to_string(site.root().join("site.yaml")).expect("read");
    site.write(
        "site.yaml",
        &format!("{cfg}disabled_enrichers: [chronology, summary]\n"),
    );
    site.build().expect("builds");
    assert_eq!(site.read("data/events.json").trim(), "[]");
    let articles: serde_json::Value =
        serde_json::from_str(&site.read("data/articles.json")).expect("json");
    assert_eq!(
        articles[0]["summary"], "",
        "summary enricher ran while disabled"
    );

    site.write(
        "site.yaml",
        &format!("{cfg}disabled_enrichers: [chronolgy]\n"),
    );
    let err = site.build().expect_err("unknown enricher name").to_string();
    assert!(err.contains("no enricher is called `chronolgy`"), "{err}");
    assert!(err.contains("(disabled_enrichers)"), "{err}");
}
