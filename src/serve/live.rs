//! Live reload: a server-sent-events stream that tells open pages to reload (or to swap their
//! stylesheets), the small script `serve` adds to every HTML response it sends, and the
//! overlay that shows a failed rebuild's error over the last good page. None of this is ever
//! written to the output.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use crate::content::markdown::escape;

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
pub fn stream(mut out: Box<dyn Write + Send>, signals: Receiver<Signal>) {
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

/// The error overlay for a failed rebuild: the message, and for each `file:line:col` it
/// names, the lines around that place in the file.
pub fn overlay(root: &Path, message: &str) -> String {
    let mut excerpts = String::new();
    for (file, line, col) in locations(message).into_iter().take(5) {
        let path = if Path::new(&file).is_absolute() {
            Path::new(&file).to_path_buf()
        } else {
            root.join(&file)
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        excerpts.push_str(&format!(
            "<p class=\"dossier-error-file\">{}:{}:{}</p><pre>",
            escape(&file),
            line,
            col
        ));
        let first = line.saturating_sub(3).max(1);
        for (n, l) in text
            .lines()
            .enumerate()
            .skip(first - 1)
            .take(line + 3 - first)
        {
            let n = n + 1;
            let mark = if n == line { "&gt;" } else { " " };
            excerpts.push_str(&format!("{mark}{n:>5} | {}\n", escape(l)));
            if n == line {
                excerpts.push_str(&format!(
                    "       | {}^\n",
                    " ".repeat(col.saturating_sub(1))
                ));
            }
        }
        excerpts.push_str("</pre>");
    }
    format!(
        "<div id=\"dossier-error\" dir=\"ltr\" lang=\"en\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff8f6;color:#3b0b00;font:14px/1.5 ui-monospace,monospace;padding:1.5rem;text-align:left\"><h1 style=\"font-size:1.2rem;margin:0 0 1rem\">dossier: the rebuild failed; this is the last good page</h1><pre style=\"white-space:pre-wrap\">{}</pre>{}<p>Fix the file and save: the page comes back by itself.</p></div>",
        escape(message),
        excerpts
    )
}

/// Every `file:line:col` in an error message.
pub(crate) fn locations(message: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for word in message.split_whitespace() {
        let word = word
            .trim_end_matches([',', ')', ';'])
            .trim_start_matches(['(', '\'']);
        let parts: Vec<&str> = word.rsplitn(4, ':').collect();
        if parts.len() < 3 {
            continue;
        }
        // rsplitn gives [rest?, col, line, file] for `file:line:col:` and [col, line, file]
        // for `file:line:col`.
        let (col, line, file) = if parts.len() == 4 && parts[0].is_empty() {
            (parts[1], parts[2], parts[3])
        } else if parts.len() == 3 {
            (parts[0], parts[1], parts[2])
        } else {
            continue;
        };
        if let (Ok(line), Ok(col)) = (line.parse::<usize>(), col.parse::<usize>()) {
            if !file.is_empty() && line > 0 {
                let entry = (file.to_string(), line, col);
                if !out.contains(&entry) {
                    out.push(entry);
                }
            }
        }
    }
    out
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

    #[test]
    fn error_locations_are_read_from_the_message() {
        let msg = "content/articles/a.md:3:7: cannot read date `x` (date)\ntemplate error in t.html:\n --> themes/default/templates/base.html:12:4";
        assert_eq!(
            locations(msg),
            vec![
                ("content/articles/a.md".to_string(), 3, 7),
                ("themes/default/templates/base.html".to_string(), 12, 4)
            ]
        );
    }

    #[test]
    fn the_overlay_quotes_the_offending_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("t.html"), "one\ntwo {{ oops\nthree\n").expect("write");
        let html = overlay(dir.path(), "t.html:2:5: unexpected end <here>");
        assert!(html.contains("&gt;    2 | two {{ oops"));
        assert!(html.contains("unexpected end &lt;here&gt;"));
    }
}
