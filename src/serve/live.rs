//! Live reload: a server-sent-events stream that tells open pages to reload (or to swap their
//! stylesheets) and the small script `serve` adds to every HTML response it sends, with the
//! error overlay ([`super::overlay`]) when the last rebuild failed. None of this is ever
//! written to the output.

use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

pub const EVENTS_PATH: &str = "/__dossier/events";
pub const ERROR_PATH: &str = "/__dossier/error";

/// What a rebuild tells open pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Reload,
    Css,
    Error,
    /// The search index was made again after the pages: only the search page reloads.
    Search,
}

impl Signal {
    fn name(self) -> &'static str {
        match self {
            Signal::Reload => "reload",
            Signal::Css => "css",
            Signal::Error => "error",
            Signal::Search => "search",
        }
    }
}

/// The open event streams and the error of the last rebuild, if it failed.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Signal>>>,
    error: Mutex<Option<String>>,
}

impl Hub {
    pub fn subscribe(&self) -> Receiver<Signal> {
        let (tx, rx) = mpsc::channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    pub fn broadcast(&self, signal: Signal) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(signal).is_ok());
        }
    }

    /// Record the outcome of a rebuild: `Some(overlay HTML)` when it failed.
    pub fn set_error(&self, error: Option<String>) {
        if let Ok(mut e) = self.error.lock() {
            *e = error;
        }
    }

    pub fn error(&self) -> Option<String> {
        self.error.lock().ok().and_then(|e| e.clone())
    }
}

/// Hold a server-sent-events response open, writing each signal as it comes, and a comment
/// now and then so a closed tab is noticed and its stream dropped.
pub fn stream(out: &mut dyn Write, signals: Receiver<Signal>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match signals.recv_timeout(Duration::from_secs(10)) {
            Ok(signal) => format!("event: {}\ndata: {}\n\n", signal.name(), signal.name()),
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(chunk.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// The script added to served HTML: reload on a rebuild, swap stylesheets on a CSS-only one.
pub const SCRIPT: &str = r#"<script id="dossier-live">(()=>{const es=new EventSource("/__dossier/events");es.addEventListener("reload",()=>location.reload());es.addEventListener("error",()=>location.reload());es.addEventListener("search",()=>{if(/\/search\/$/.test(location.pathname))location.reload()});es.addEventListener("css",()=>{for(const l of document.querySelectorAll('link[rel="stylesheet"]')){const u=new URL(l.href);u.searchParams.set("v",Date.now());const n=l.cloneNode();n.href=u.href;n.onload=()=>l.remove();l.after(n);}});})();</script>"#;

/// An HTML page as served: the live script, and the error overlay when the last rebuild
/// failed, added before `</body>` (or at the end, where minifying dropped that tag).
pub fn inject(html: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(o) = overlay {
        extra.push_str(o);
    }
    extra.push_str(SCRIPT);
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_body_end_or_at_the_end() {
        let out =
            String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>", None)).expect("utf-8");
        assert!(out.contains("x</p><script id=\"dossier-live\">"));
        assert!(out.ends_with("</script></BODY></html>"));
        let minified =
            String::from_utf8(inject(b"<html><body><p>x", Some("<div>e</div>"))).expect("utf-8");
        assert!(minified.starts_with("<html><body><p>x<div>e</div><script id=\"dossier-live\">"));
        assert!(minified.ends_with("</script>"));
    }
}
