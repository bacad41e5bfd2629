//! The preview's HTTP/1.1 server, on the standard library's sockets: a thread per
//! connection under a cap, keep-alive for HTTP/1.1 and for HTTP/1.0 that asks for it,
//! `TCP_NODELAY` (a kept-alive response otherwise waits out the client's delayed ACK, about
//! 40 ms), a cap on a request's head and a time limit on an idle connection. Only `GET` and
//! `HEAD` without a body are ever served, which keeps the parser small.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The bounds one server keeps.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once, event streams included; one more is answered 503.
    pub connections: usize,
    /// Bytes of a request line and headers together; more is answered 431.
    pub head_bytes: usize,
    /// How long a connection may take to send a request's whole head, counted from the end
    /// of the last response (or from the connection); then it is closed.
    pub idle: Duration,
    /// How long a response may wait on a client that does not read.
    pub write: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 256,
            head_bytes: 16 * 1024,
            idle: Duration::from_secs(10),
            write: Duration::from_secs(10),
        }
    }
}

/// A request as the handler sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    pub host: Option<String>,
    keep_alive: bool,
}

/// What the handler answers.
pub enum Response {
    Full {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// The handler takes the connection over (an event stream) and writes everything,
    /// head included; the connection closes when it returns.
    Takeover(Takeover),
}

/// What takes a connection over: it gets the connection's writing half.
pub type Takeover = Box<dyn FnOnce(&mut dyn Write) + Send>;

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response::Full {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("Cache-Control", "no-store".to_string()),
            ],
            body,
        }
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    /// Add a header; a value with a line break or another control character (a redirect
    /// target from a request, say) is left out rather than split the head.
    pub fn with_header(mut self, name: &'static str, value: &str) -> Response {
        if let Response::Full { headers, .. } = &mut self {
            if !value.chars().any(char::is_control) {
                headers.push((name, value.to_string()));
            }
        }
        self
    }
}

pub type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// Accept connections until the listener fails, each on its own thread while fewer than
/// `limits.connections` are open.
pub fn run(listener: TcpListener, limits: Limits, handler: Arc<Handler>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            continue;
        };
        if open.load(Ordering::Acquire) >= limits.connections {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = stream.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 20\r\nRetry-After: 1\r\nConnection: close\r\n\r\ntoo many connections",
            );
            continue;
        }
        let slot = Slot::take(&open);
        let handler = Arc::clone(&handler);
        let spawned = std::thread::Builder::new()
            .name("dossier-http".into())
            .spawn(move || {
                let _slot = slot;
                connection(stream, limits, &*handler);
            });
        // Out of threads: the connection is dropped with the closure, its slot with it.
        drop(spawned);
    }
}

/// One of the `connections` places, given back when the connection's thread ends.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Slot {
        open.fetch_add(1, Ordering::AcqRel);
        Slot(Arc::clone(open))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Why a request's head could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// The connection closed (or idled out) before a request began.
    Closed,
    TooLarge,
    Malformed(&'static str),
}

fn connection(stream: TcpStream, limits: Limits, handler: &Handler) {
    // Without it a kept-alive client waits out its delayed ACK on every response.
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(limits.write));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::with_capacity(
        8 * 1024,
        Deadline {
            stream: read_half,
            until: Instant::now(),
        },
    );
    let mut out = stream;
    loop {
        // The next request's head must be in whole within `idle` of the last response, so a
        // client sending a byte now and then cannot hold its place.
        reader.get_mut().until = Instant::now() + limits.idle;
        let request = match read_request(&mut reader, limits.head_bytes) {
            Ok(r) => r,
            Err(HeadError::Closed) => return,
            Err(HeadError::TooLarge) => {
                let _ = write_response(
                    &mut out,
                    Response::text(431, "request head too large\n"),
                    false,
                    false,
                );
                return;
            }
            Err(HeadError::Malformed(why)) => {
                let _ = write_response(
                    &mut out,
                    Response::text(400, &format!("bad request: {why}\n")),
                    false,
                    false,
                );
                return;
            }
        };
        let head_only = request.method == "HEAD";
        let keep_alive = request.keep_alive;
        match handler(&request) {
            Response::Takeover(f) => {
                f(&mut out);
                return;
            }
            full => {
                if write_response(&mut out, full, head_only, keep_alive).is_err() || !keep_alive {
                    return;
                }
            }
        }
    }
}

/// A connection's reading half that fails once `until` has passed, however the bytes trickle.
struct Deadline {
    stream: TcpStream,
    until: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Read one request's head (request line and headers) of at most `cap` bytes. A request
/// with a body is refused: nothing here takes one, and skipping it unread would desync the
/// connection.
pub fn read_request(reader: &mut impl BufRead, cap: usize) -> Result<Request, HeadError> {
    let mut used = 0;
    let mut line = Vec::new();
    // Empty lines before a request line are allowed (RFC 9112, 2.2).
    loop {
        line.clear();
        let n = read_line(reader, &mut line, cap - used.min(cap))?;
        // The peer closed before a request line, after blank lines or none: without this a
        // close after "\r\n" read nothing for ever.
        if n == 0 {
            return Err(HeadError::Closed);
        }
        used += n;
        if !trim_eol(&line).is_empty() {
            break;
        }
        if used >= cap {
            return Err(HeadError::TooLarge);
        }
    }
    let request_line = std::str::from_utf8(trim_eol(&line))
        .map_err(|_| HeadError::Malformed("request line is not UTF-8"))?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed("request line"));
    };
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return Err(HeadError::Malformed("HTTP version")),
    };
    // Origin form only: a path from the root, never `*` or an absolute URL.
    if method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || !target.starts_with('/')
    {
        return Err(HeadError::Malformed("request line"));
    }
    let (method, target) = (method.to_string(), target.to_string());
    let mut host = None;
    let mut connection = String::new();
    loop {
        line.clear();
        let n = read_line(reader, &mut line, cap - used.min(cap))?;
        if n == 0 {
            return Err(HeadError::Malformed("the head ended early"));
        }
        used += n;
        let header = trim_eol(&line);
        if header.is_empty() {
            break;
        }
        let header = std::str::from_utf8(header)
            .map_err(|_| HeadError::Malformed("a header is not UTF-8"))?;
        let Some((name, value)) = header.split_once(':') else {
            return Err(HeadError::Malformed("a header without a colon"));
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return Err(HeadError::Malformed("two Host headers"));
            }
            host = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("connection") {
            connection.push(',');
            connection.push_str(&value.to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            return Err(HeadError::Malformed("a request body"));
        }
    }
    let tokens = || connection.split(',').map(str::trim);
    let keep_alive = if http10 {
        tokens().any(|t| t == "keep-alive")
    } else {
        !tokens().any(|t| t == "close")
    };
    Ok(Request {
        method,
        target,
        host,
        keep_alive,
    })
}

/// Read up to a line feed, at most `room` bytes; more than that is [`HeadError::TooLarge`].
fn read_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    room: usize,
) -> Result<usize, HeadError> {
    let n = reader
        .take(room as u64)
        .read_until(b'\n', line)
        .map_err(|_| HeadError::Closed)?;
    if n == room && line.last() != Some(&b'\n') {
        return Err(HeadError::TooLarge);
    }
    Ok(n)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Write a whole response in one go; the body is left out for `HEAD`.
fn write_response(
    out: &mut impl Write,
    response: Response,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let Response::Full {
        status,
        headers,
        body,
    } = response
    else {
        return Ok(());
    };
    let mut bytes = format!("HTTP/1.1 {status} {}\r\n", reason(status)).into_bytes();
    for (name, value) in &headers {
        bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    let connection = if keep_alive { "keep-alive" } else { "close" };
    bytes.extend_from_slice(
        format!(
            "Content-Length: {}\r\nConnection: {connection}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    if !head_only {
        bytes.extend_from_slice(&body);
    }
    out.write_all(&bytes)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Request, HeadError> {
        read_request(&mut raw.as_bytes(), 1024)
    }

    #[test]
    fn keep_alive_follows_the_version_and_the_connection_header() {
        let r = parse("GET /a?b HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("request");
        assert_eq!(
            (r.target.as_str(), r.host.as_deref(), r.keep_alive),
            ("/a?b", Some("localhost"), true)
        );
        assert!(
            !parse("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")
                .expect("request")
                .keep_alive
        );
        assert!(!parse("GET / HTTP/1.0\r\n\r\n").expect("request").keep_alive);
        assert!(
            parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                .expect("request")
                .keep_alive
        );
        assert!(
            parse("\r\nGET / HTTP/1.1\n\n").is_ok(),
            "bare LF and a leading empty line"
        );
    }

    #[test]
    fn bad_heads_are_refused_and_a_long_one_is_too_large() {
        for raw in [
            "GET /\r\n\r\n",
            "GET / HTTP/2\r\n\r\n",
            "get / HTTP/1.1\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "GET * HTTP/1.1\r\n\r\n",
            "GET http://evil.example/ HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\n",
        ] {
            assert!(
                matches!(parse(raw), Err(HeadError::Malformed(_))),
                "{raw:?}"
            );
        }
        assert_eq!(parse(""), Err(HeadError::Closed));
        // A peer that sends blank lines and closes is closed, not waited on for ever.
        assert_eq!(parse("\r\n"), Err(HeadError::Closed));
        assert_eq!(parse("\n\r\n\n"), Err(HeadError::Closed));
        let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(2000));
        assert_eq!(parse(&long), Err(HeadError::TooLarge));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(400));
        assert_eq!(parse(&many), Err(HeadError::TooLarge));
        assert_eq!(parse(&"\r\n".repeat(600)), Err(HeadError::TooLarge));
    }

    #[test]
    fn a_head_trickled_past_the_limit_is_cut_off() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("address");
        let limits = Limits {
            idle: Duration::from_millis(200),
            ..Limits::default()
        };
        let handler: Arc<Handler> = Arc::new(|_| Response::text(200, "ok"));
        std::thread::spawn(move || run(listener, limits, handler));
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(b"GET / HTTP/1.1\r\nX: ").expect("send");
        // A byte every 50 ms never lets a read wait out 200 ms; only the deadline ends it.
        let mut cut = false;
        for _ in 0..200 {
            std::thread::sleep(Duration::from_millis(50));
            if s.write_all(b"a").is_err() {
                cut = true;
                break;
            }
        }
        assert!(cut, "the server still reads a head after 10 s of trickle");
    }

    #[test]
    fn a_header_value_with_a_line_break_is_left_out() {
        let r = Response::text(301, "x").with_header("Location", "/a\r\nSet-Cookie: x");
        let Response::Full { headers, .. } = r else {
            panic!("full response")
        };
        assert!(headers.iter().all(|(n, _)| *n != "Location"));
    }
}
