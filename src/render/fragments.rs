//! Shared fragments: HTML rendered and minified once and put into every page that shows it.
//!
//! An event appears on its article's page, its states' and topics' pages and both chronology
//! pages. Its `partials/event.html` is rendered once per build; pages carry a short marker in
//! its place (the `html` of the event in the templates), minify-html sees only the marker, and
//! the fragment's bytes replace it as the page is written. A page therefore costs the
//! minifier its own markup, not the events it lists again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use memchr::memmem;

/// Characters from Unicode's private use area, which no text of the dossier is expected
/// to hold; a marker that is not one of ours is left as it is.
const OPEN: &str = "\u{E000}";
const CLOSE: &str = "\u{E001}";

/// Rendered fragments by key, and the marker that stands for each in a page.
#[derive(Default)]
pub struct Fragments {
    html: HashMap<String, Vec<u8>>,
    markers: HashMap<String, String>,
    /// The longest fragment, for sizing a page before its markers are replaced.
    longest: usize,
}

impl Fragments {
    /// No fragments: pages render every event through its partial.
    pub fn none() -> Self {
        Self::default()
    }

    /// Fragments from `(key, html)` pairs. The marker names the key and a hash of the html,
    /// so a page context that holds a marker changes whenever the fragment does (which is
    /// how `serve` tells an unchanged page).
    pub fn new(pairs: impl IntoIterator<Item = (String, Vec<u8>)>) -> Self {
        let mut f = Self::default();
        for (key, html) in pairs {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            html.hash(&mut h);
            let inner = format!("{key}\u{E002}{:016x}", h.finish());
            f.longest = f.longest.max(html.len());
            f.markers.insert(key, format!("{OPEN}{inner}{CLOSE}"));
            f.html.insert(inner, html);
        }
        f
    }

    pub fn is_empty(&self) -> bool {
        self.html.is_empty()
    }

    /// The marker that stands for the fragment `key` in a page, if there is one.
    pub fn marker(&self, key: &str) -> Option<&str> {
        self.markers.get(key).map(String::as_str)
    }

    /// The page with each marker replaced by its fragment.
    pub fn splice(&self, page: Vec<u8>) -> Vec<u8> {
        let open = memmem::Finder::new(OPEN.as_bytes());
        let close = memmem::Finder::new(CLOSE.as_bytes());
        let mut starts = open.find_iter(&page).peekable();
        if self.is_empty() || starts.peek().is_none() {
            return page;
        }
        let mut out = Vec::with_capacity(page.len() + 4 * self.longest);
        let mut done = 0;
        for start in starts {
            if start < done {
                continue;
            }
            let inner_from = start + OPEN.len();
            let Some(len) = close.find(&page[inner_from..]) else {
                break;
            };
            let inner = std::str::from_utf8(&page[inner_from..inner_from + len]).ok();
            if let Some(html) = inner.and_then(|k| self.html.get(k)) {
                out.extend_from_slice(&page[done..start]);
                out.extend_from_slice(html);
                done = inner_from + len + CLOSE.len();
            }
        }
        out.extend_from_slice(&page[done..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Fragments {
        Fragments::new([
            ("a".to_string(), b"<li>\xd8\xa3</li>".to_vec()),
            ("b".to_string(), b"<li>b</li>".to_vec()),
        ])
    }

    #[test]
    fn markers_are_replaced_by_their_fragments_and_other_text_is_kept() {
        let f = two();
        let page = format!(
            "<ol>{}{}{}</ol>\u{E000}stray\u{E001}",
            f.marker("b").expect("b"),
            f.marker("a").expect("a"),
            f.marker("b").expect("b"),
        );
        let out = String::from_utf8(f.splice(page.into_bytes())).expect("utf-8");
        assert_eq!(
            out,
            "<ol><li>b</li><li>أ</li><li>b</li></ol>\u{E000}stray\u{E001}"
        );
    }

    #[test]
    fn a_marker_names_its_content() {
        let f = two();
        let g = Fragments::new([("a".to_string(), b"<li>changed</li>".to_vec())]);
        assert_ne!(f.marker("a"), g.marker("a"));
        assert_eq!(f.marker("c"), None);
    }

    #[test]
    fn markers_survive_the_minifier() {
        let f = two();
        let page = format!(
            "<!DOCTYPE html><html lang=\"ar\"><body><ol class=\"timeline\">\n  {}\n  {}\n</ol></body></html>",
            f.marker("a").expect("a"),
            f.marker("b").expect("b")
        );
        let out = String::from_utf8(f.splice(crate::text::minify::html(&page))).expect("utf-8");
        assert!(out.contains("<ol class=timeline><li>أ</li>"), "{out}");
        assert!(out.contains("<li>b</li></ol>"), "{out}");
        assert!(!out.contains('\u{E000}'), "{out}");
    }
}
