//! `dossier serve` against a hostile page or entry: the error overlay quotes only the site's
//! own sources, a request naming another host is refused (DNS rebinding), kept-alive
//! connections are answered in HTTP/1.0 and 1.1, an oversized head is refused, idle
//! connections are capped, and the server stays up through all of it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
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

/// Read one response from a connection kept open: its head and its body, by Content-Length
/// (which a `HEAD` response gives without the body).
fn read_kept_alive(reader: &mut BufReader<TcpStream>, head_only: bool) -> (String, Vec<u8>) {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).expect("a response, not a hang");
        assert!(n > 0, "closed before a response: {head}");
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().to_string())
        })
        .and_then(|v| v.parse().ok())
        .expect("Content-Length on a kept-alive response");
    let mut body = vec![0; if head_only { 0 } else { length }];
    reader.read_exact(&mut body).expect("the body");
    (head, body)
}

#[test]
fn kept_alive_connections_are_answered_in_http_1_0_and_1_1() {
    let site = Site::fixture();
    let server = start(&site);
    for (version, extra) in [("HTTP/1.0", "Connection: keep-alive\r\n"), ("HTTP/1.1", "")] {
        let stream = TcpStream::connect(server.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let mut writer = stream.try_clone().expect("clone");
        let mut reader = BufReader::new(stream);
        for i in 0..20 {
            let method = if i % 5 == 4 { "HEAD" } else { "GET" };
            write!(
                writer,
                "{method} {} {version}\r\nHost: localhost\r\n{extra}\r\n",
                server.base
            )
            .expect("send");
            let (head, body) = read_kept_alive(&mut reader, method == "HEAD");
            assert!(head.starts_with("HTTP/1.1 200"), "{version} #{i}: {head}");
            assert!(
                head.to_ascii_lowercase().contains("connection: keep-alive"),
                "{head}"
            );
            if method == "GET" {
                assert!(
                    String::from_utf8_lossy(&body).contains("<html"),
                    "{version} #{i}"
                );
            }
        }
    }
}

#[test]
fn an_oversized_head_is_refused_and_serve_stays_up() {
    let site = Site::fixture();
    let server = start(&site);
    let mut s = TcpStream::connect(server.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        s,
        "GET {} HTTP/1.1\r\nHost: localhost\r\nX-Big: ",
        server.base
    )
    .expect("send");
    // The server answers and closes once the cap is passed; a write after that may fail.
    let chunk = vec![b'a'; 64 * 1024];
    for _ in 0..128 {
        if s.write_all(&chunk).is_err() {
            break;
        }
    }
    let mut reply = Vec::new();
    let _ = s.read_to_end(&mut reply);
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 431"), "{reply}");
    assert_eq!(get(&server, "").status, 200, "serve went down");
}

#[cfg(target_os = "linux")]
#[test]
fn idle_connections_are_capped_and_threads_stay_bounded() {
    let site = Site::fixture();
    let server = start(&site);
    let threads = || -> usize {
        std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
            .expect("proc status")
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .and_then(|v| v.trim().parse().ok())
            .expect("thread count")
    };
    let mut idle = Vec::new();
    for _ in 0..400 {
        idle.push(TcpStream::connect(server.addr).expect("connect"));
    }
    // The refused ones are answered 503 at once; the others wait for a request.
    let mut busy = 0;
    for s in &idle {
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        let mut first = [0u8; 12];
        if (&*s).read_exact(&mut first).is_ok() && first.starts_with(b"HTTP/1.1 503") {
            busy += 1;
        }
    }
    assert!(
        busy >= 100,
        "only {busy} of 400 idle connections were refused"
    );
    let peak = threads();
    assert!(peak < 300, "{peak} threads for 400 idle connections");
    drop(idle);
    let deadline = Instant::now() + WAIT;
    while get(&server, "").status != 200 {
        assert!(Instant::now() < deadline, "serve never came back");
    }
}
