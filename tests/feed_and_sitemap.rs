//! feed.xml is well-formed Atom with absolute URLs and Arabic titles; sitemap.xml lists every page.

mod common;
use common::*;

use quick_xml::events::Event;
use quick_xml::Reader;

/// (element path, text) pairs of an XML file; panics if it is not well-formed.
fn parse(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut texts = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(String::from_utf8_lossy(e.name().as_ref()).into_owned()),
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => {
                let text = t.decode().expect("utf-8 text").trim().to_string();
                if !text.is_empty() {
                    texts.push((stack.join("/"), text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    texts
}

#[test]
fn feed_is_atom_with_absolute_urls() {
    let site = Site::fixture();
    site.build_with(|o| o.base_url = Some("https://user.github.io/repo/".into()))
        .expect("builds");
    let xml = site.read("feed.xml");
    assert!(xml.contains("xmlns=\"http://www.w3.org/2005/Atom\""));
    let all = parse(&xml);
    assert!(
        all.iter().any(|(p, _)| p == "feed/entry/content"),
        "entries carry content"
    );
    let mut reader = Reader::from_str(&xml);
    let mut entries = 0;
    let mut titles = Vec::new();
    let mut links = Vec::new();
    let mut in_entry_title = false;
    loop {
        match reader.read_event().expect("well-formed feed") {
            Event::Start(e) if e.name().as_ref() == b"entry" => entries += 1,
            Event::Start(e) if e.name().as_ref() == b"title" => in_entry_title = entries > 0,
            Event::Text(t) if in_entry_title => {
                titles.push(t.decode().expect("text").into_owned());
                in_entry_title = false;
            }
            Event::Empty(e) if e.name().as_ref() == b"link" => {
                for a in e.attributes().flatten() {
                    if a.key.as_ref() == b"href" {
                        links.push(a.unescape_value().expect("href").into_owned());
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(entries, 2);
    assert_eq!(
        titles,
        ["قمة تجريبية في عاصمة خيالية", "مناورات «الأخوة» في الخريف"]
    );
    assert!(
        links.contains(&"https://user.github.io/repo/feed.xml".to_string()),
        "{links:?}"
    );
    assert!(links.contains(&"https://user.github.io/repo/articles/alpha-summit/".to_string()));
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("https://user.github.io/repo/")),
        "{links:?}"
    );
    assert!(xml.contains("<updated>2021-03-04T00:00:00Z</updated>"));
    // The source URL's `&` is escaped inside the content, so the file stays well-formed.
    assert!(!xml.contains("id=1&x=2"));
}

#[test]
fn sitemap_lists_every_page_but_404() {
    let site = Site::fixture();
    site.build().expect("builds");
    let xml = site.read("sitemap.xml");
    let texts = parse(&xml);
    let locs: Vec<&str> = texts
        .iter()
        .filter(|(p, _)| p.ends_with("url/loc"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(xml.contains("http://www.sitemaps.org/schemas/sitemap/0.9"));
    let html_pages = files(&site.out())
        .into_iter()
        .filter(|f| f.ends_with("index.html"))
        .count();
    assert_eq!(locs.len(), html_pages);
    assert!(locs.contains(&"https://example.org/"));
    assert!(locs.contains(&"https://example.org/states/georgia/"));
    assert!(!locs.iter().any(|l| l.contains("404")));
    let lastmods: Vec<&str> = texts
        .iter()
        .filter(|(p, _)| p.ends_with("url/lastmod"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(lastmods.contains(&"2021-03-04"), "{lastmods:?}");
}
