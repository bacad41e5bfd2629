//! `dossier serve` against a hostile page or entry: the error overlay quotes only the site's
//! own sources, a request naming another host is refused (DNS rebinding), and the server
//! stays up through it.

mod common;

use std::time::{Duration, Instant};

use common::server::{get, send, start, WAIT};
use common::Site;

#[test]
fn the_overlay_never_quotes_a_file_outside_the_site() {
    let site = Site::fixture();
    let secret_dir = tempfile::tempdir().expect("temp dir");
    let secret = secret_dir.path().join("shadow");
    std::fs::write(&secret, "root:TOP-SECRET-HASH:19000:0:99999:7:::\n").expect("write");
    let server = start(&site);

    let article = site.root().join("content/articles/beta-exercise.md");
    let text = std::fs::read_to_string(&article).expect("read");
    let hostile = text.replacen(
        "date: 2019-10-20",
        &format!("date: 2019-10-20\ndraft: \"see {}:1:1\"", secret.display()),
        1,
    );
    std::fs::write(&article, hostile).expect("write");

    let deadline = Instant::now() + WAIT;
    let overlay = loop {
        let page = get(&server, "__dossier/error").text();
        if page.contains("dossier-error") {
            break page;
        }
        assert!(Instant::now() < deadline, "no error overlay: {page}");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(overlay.contains("beta-exercise.md"), "{overlay}");
    assert!(overlay.contains("draft"), "{overlay}");
    assert!(
        !overlay.contains("TOP-SECRET"),
        "the overlay read {}",
        secret.display()
    );
    let home = get(&server, "");
    assert_eq!(home.status, 200, "serve went down");
    assert!(!home.text().contains("TOP-SECRET"));
}

#[test]
fn requests_naming_another_host_are_refused() {
    let site = Site::fixture();
    let server = start(&site);
    let path = format!("{}index.html", server.base);
    let ask = |host: &str| {
        send(
            server.addr,
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    for host in [
        "rebind.evil.example",
        "rebind.evil.example:80",
        "localhost.evil.example",
    ] {
        let reply = ask(host);
        assert_eq!(reply.status, 403, "{host}");
        assert!(!reply.text().contains("<html"), "{host} got the page");
    }
    let port = server.addr.port();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".to_string(),
    ] {
        assert_eq!(ask(&host).status, 200, "{host}");
    }
    // HTTP/1.0 without a Host header still works, as curl -0 and ab send it.
    let reply = send(
        server.addr,
        format!("GET {path} HTTP/1.0\r\n\r\n").as_bytes(),
    );
    assert_eq!(reply.status, 200);
}
