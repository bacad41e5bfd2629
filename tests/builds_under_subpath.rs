//! Every internal link and asset resolves to a file, at a domain root and under /REPO/.

mod common;
use common::*;

#[test]
fn links_resolve_at_domain_root() {
    let site = Site::fixture();
    site.build().expect("builds");
    let broken = broken_internal_links(&site.out(), "/", "https://example.org");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn links_resolve_under_a_repository_path() {
    let site = Site::fixture();
    site.build_with(|o| o.base_url = Some("https://user.github.io/dossier".into()))
        .expect("builds");
    let broken = broken_internal_links(&site.out(), "/dossier/", "https://user.github.io");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let doc = site.html("index.html");
    assert_eq!(
        attrs(&doc, "link[rel=icon]", "href"),
        ["/dossier/favicon.svg"]
    );
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://user.github.io/dossier/"]
    );
    let robots = site.read("robots.txt");
    assert!(
        robots.contains("Sitemap: https://user.github.io/dossier/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn a_link_checker_that_finds_nothing_would_be_caught() {
    // The checker itself must notice a missing file.
    let site = Site::fixture();
    site.build().expect("builds");
    std::fs::remove_file(site.out().join("css/layout.css")).expect("remove");
    let broken = broken_internal_links(&site.out(), "/", "https://example.org");
    assert!(
        broken.iter().any(|b| b.contains("css/layout.css")),
        "{broken:?}"
    );
}
