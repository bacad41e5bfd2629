//! A `dossier serve` process for the tests: started on an ephemeral loopback port, its URL
//! read from its output, fetched over raw HTTP with paths sent exactly as given.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::Site;

pub const WAIT: Duration = Duration::from_secs(60);

pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    pub base: String,
    pub stdout: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(site: &Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start dossier serve");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // Built before waiting, so a failure below still stops the process (Drop).
    let mut server = Server {
        child,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        base: String::new(),
        stdout: rx,
    };
    let deadline = Instant::now() + WAIT;
    loop {
        let line = server
            .stdout
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve prints its URL");
        if let Some(url) = line.strip_prefix("serving http://") {
            let url = url.split_whitespace().next().expect("url");
            let (host, path) = url.split_at(url.find('/').expect("path"));
            server.addr = host.parse().expect("socket address");
            server.base = path.to_string();
            return server;
        }
    }
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One request, the path sent exactly as given (no client-side normalising of `..`).
pub fn request(addr: SocketAddr, method: &str, path: &str) -> Reply {
    send(
        addr,
        format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
}

/// Send `bytes` as they are and read the reply to the end of the connection.
pub fn send(addr: SocketAddr, bytes: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(WAIT)).expect("timeout");
    s.write_all(bytes).expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("head and body");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    Reply {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

pub fn get(server: &Server, path: &str) -> Reply {
    request(server.addr, "GET", &format!("{}{path}", server.base))
}
