//! `dossier serve` as a user meets it: a real process on an ephemeral loopback port, fetched
//! over raw HTTP, its sources edited while it runs.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use common::server::{get, request, start, WAIT};
use common::Site;

/// The event names a live-reload stream sends.
fn events(addr: SocketAddr) -> Receiver<String> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                if tx.send(name.to_string()).is_err() {
                    break;
                }
            }
        }
    });
    // The stream is open once its headers are sent; give the server a moment to register it.
    std::thread::sleep(Duration::from_millis(300));
    rx
}

fn next_event(rx: &Receiver<String>) -> String {
    rx.recv_timeout(WAIT).expect("a live-reload event")
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).expect("read source");
    std::fs::write(path, f(text)).expect("write source");
}

fn sub_path_site() -> Site {
    let site = Site::fixture();
    edit(&site.root().join("site.yaml"), |t| {
        t.replace(
            "base_url: https://example.org/",
            "base_url: https://example.org/csto-dossier/",
        )
    });
    site
}

#[test]
fn serves_the_site_under_its_base_path_with_types_and_misses() {
    let site = sub_path_site();
    let server = start(&site);
    assert_eq!(server.base, "/csto-dossier/");

    let home = get(&server, "");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("lang=ar") || home.text().contains("lang=\"ar\""));
    assert!(home.text().contains("/__dossier/events"));

    for (path, ty) in [
        ("css/layout.css", "text/css; charset=utf-8"),
        ("feed.xml", "application/xml; charset=utf-8"),
        ("data/articles.json", "application/json; charset=utf-8"),
        ("favicon.svg", "image/svg+xml; charset=utf-8"),
        ("fonts/NotoNaskhArabic-Regular.woff2", "font/woff2"),
        (
            "pagefind/pagefind-entry.json",
            "application/json; charset=utf-8",
        ),
    ] {
        let r = get(&server, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type").as_deref(), Some(ty), "{path}");
    }

    let head = request(server.addr, "HEAD", &server.base);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("Content-Length"), home.header("Content-Length"));

    let miss = get(&server, "no/such/page/");
    assert_eq!(miss.status, 404);
    let not_found = std::fs::read_to_string(site.out().join("404.html")).expect("404.html");
    assert!(miss
        .text()
        .starts_with(&not_found[..not_found.len().min(200)]));

    let bare = request(server.addr, "GET", "/");
    assert_eq!(bare.status, 301);
    assert_eq!(bare.header("Location").as_deref(), Some("/csto-dossier/"));
    let no_slash = get(&server, "chronology");
    assert_eq!(no_slash.status, 301);
    assert_eq!(
        no_slash.header("Location").as_deref(),
        Some("/csto-dossier/chronology/")
    );
    assert_eq!(request(server.addr, "POST", &server.base).status, 405);
}

#[test]
fn paths_leading_out_of_the_output_are_refused() {
    let site = sub_path_site();
    let server = start(&site);
    std::fs::write(site.root().join("secret.txt"), "secret").expect("write");
    for path in [
        "/csto-dossier/../secret.txt",
        "/csto-dossier/../../secret.txt",
        "/csto-dossier/%2e%2e/secret.txt",
        "/csto-dossier/%2E%2E/%2e%2e/secret.txt",
        "/csto-dossier/..%2fsecret.txt",
        "/csto-dossier/..%5csecret.txt",
        "/csto-dossier/..\\secret.txt",
    ] {
        let r = request(server.addr, "GET", path);
        assert!(matches!(r.status, 403 | 404), "{path}: {}", r.status);
        assert!(!r.text().contains("secret"), "{path}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.root().join("secret.txt"), site.out().join("leak.txt"))
            .expect("symlink");
        let r = get(&server, "leak.txt");
        assert_eq!(r.status, 403);
        assert!(!r.text().contains("secret"));
    }
}

#[test]
fn two_hundred_parallel_requests_are_all_answered() {
    let site = Site::fixture();
    let server = start(&site);
    let paths = ["", "chronology/", "css/layout.css", "feed.xml", "missing/"];
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let addr = server.addr;
            let path = format!("{}{}", server.base, paths[i % paths.len()]);
            std::thread::spawn(move || request(addr, "GET", &path).status)
        })
        .collect();
    let statuses: Vec<u16> = handles
        .into_iter()
        .map(|h| h.join().expect("request thread"))
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 160);
    assert_eq!(statuses.iter().filter(|s| **s == 404).count(), 40);
    assert_eq!(get(&server, "").status, 200, "still serving afterwards");
}

#[test]
fn edits_rebuild_what_changed_and_reload_open_pages() {
    let site = sub_path_site();
    let server = start(&site);
    let live = events(server.addr);
    let base_html = site.root().join("themes/default/templates/base.html");
    let article = site.root().join("content/articles/alpha-summit.md");

    // A template edit reaches every page built on it.
    edit(&base_html, |t| {
        t.replace("</footer>", "<p>علامة-القالب-1</p></footer>")
    });
    assert_eq!(next_event(&live), "reload");
    assert!(get(&server, "").text().contains("علامة-القالب-1"));
    assert!(get(&server, "chronology/").text().contains("علامة-القالب-1"));

    // An article edit reaches that article and the pages listing it (which pages are
    // rendered again is tests/rebuild_session.rs's to check).
    edit(&article, |t| {
        t.replace("قمة تجريبية في عاصمة خيالية", "قمة معدّلة في عاصمة خيالية")
    });
    assert_eq!(next_event(&live), "reload");
    assert!(get(&server, "articles/alpha-summit/")
        .text()
        .contains("قمة معدّلة"));
    assert!(get(&server, "").text().contains("قمة معدّلة"));
    assert!(get(&server, "states/russia/").text().contains("قمة معدّلة"));
    let feed = get(&server, "feed.xml").text();
    assert!(feed.contains("قمة معدّلة"));
    // The search index follows the pages, and only the search page is told to reload.
    assert_eq!(next_event(&live), "search");
    let entry = get(&server, "pagefind/pagefind-entry.json");
    assert_eq!(entry.status, 200);

    // A CSS-only change swaps stylesheets without a reload.
    let css = site.root().join("themes/default/static/css/layout.css");
    edit(&css, |t| format!("{t}\n/* live-edit */\n"));
    assert_eq!(next_event(&live), "css");
    assert!(get(&server, "css/layout.css")
        .text()
        .contains("/* live-edit */"));
}

#[test]
fn a_broken_template_shows_its_error_and_the_fix_brings_the_page_back() {
    let site = Site::fixture();
    let server = start(&site);
    let live = events(server.addr);
    let base_html = site.root().join("themes/default/templates/base.html");
    let good = std::fs::read_to_string(&base_html).expect("read");

    edit(&base_html, |t| t.replace("</footer>", "{% if %}</footer>"));
    assert_eq!(next_event(&live), "error");
    let page = get(&server, "");
    assert_eq!(page.status, 200, "the last good page is still served");
    let text = page.text();
    assert!(text.contains("id=\"dossier-error\""), "error overlay shown");
    assert!(text.contains("base.html"), "names the file");
    let line = good[..good.find("</footer>").expect("footer")]
        .matches('\n')
        .count()
        + 1;
    assert!(
        text.contains(&format!("base.html:{line}:")),
        "names line {line}"
    );
    assert!(text.contains("{% if %}"), "quotes the offending line");
    assert!(text.contains("site-footer"), "over the last good page");
    let error_page = request(server.addr, "GET", "/__dossier/error").text();
    assert!(error_page.contains("base.html"));

    std::fs::write(&base_html, &good).expect("restore");
    assert_eq!(next_event(&live), "reload");
    let back = get(&server, "").text();
    assert!(!back.contains("dossier-error"));
    assert!(back.contains("site-footer"));
}

#[test]
fn a_broken_article_keeps_the_site_and_names_the_field() {
    let site = Site::fixture();
    let server = start(&site);
    let live = events(server.addr);
    let article = site.root().join("content/articles/alpha-summit.md");
    edit(&article, |t| {
        t.replace("date: 2021-03-04", "date: 2021-13-45")
    });
    assert_eq!(next_event(&live), "error");
    let text = get(&server, "articles/alpha-summit/").text();
    assert!(
        text.contains("content/articles/alpha-summit.md:3:1"),
        "{text}"
    );
    assert!(text.contains("date"));
    assert!(
        text.contains("قمة تجريبية"),
        "the last good article is kept"
    );
    edit(&article, |t| {
        t.replace("date: 2021-13-45", "date: 2021-03-04")
    });
    assert_eq!(next_event(&live), "reload");
    assert!(!get(&server, "articles/alpha-summit/")
        .text()
        .contains("dossier-error"));
}

#[cfg(unix)]
#[test]
fn interrupting_leaves_the_output_a_build_would_write() {
    let site = Site::fixture();
    let mut server = start(&site);
    let live = events(server.addr);
    edit(
        &site.root().join("content/articles/beta-exercise.md"),
        |t| format!("{t}\nفقرة أضيفت أثناء المعاينة.\n"),
    );
    assert_eq!(next_event(&live), "reload");
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(status.success());
    let exit = server.child.wait().expect("serve exits");
    assert!(exit.success(), "Ctrl-C is a clean exit: {exit:?}");

    let built = tempfile::tempdir().expect("temp dir");
    site.build_with(|o| o.output = Some(built.path().join("public")))
        .expect("build");
    let files = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(root)
                        .expect("under root")
                        .to_string_lossy()
                        .into_owned(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect();
        v.sort();
        v
    };
    let served = files(&site.out());
    let fresh = files(&built.path().join("public"));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&served), names(&fresh));
    for ((name, a), (_, b)) in served.iter().zip(&fresh) {
        if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".json") {
            assert!(a == b, "{name} differs from what build writes");
        }
    }
    assert!(served
        .iter()
        .all(|(_, b)| !String::from_utf8_lossy(b).contains("__dossier")));
}
