//! Shared fragments: HTML rendered and minified once and put into every page that shows it.
//!
//! An event appears on its article's page, its states' and topics' pages and both chronology
//! pages. Its `partials/event.html` is rendered once per build; pages carry a short marker in
//! its place (the `html` of the event in the templates), minify-html sees only the marker, and
//! the fragment's bytes replace it as the page is written. A page therefore costs the
//! minifier its own markup, not the events it lists again. A build keeps the fragments in
//! its spill file (about 5 KB an event, half a gigabyte at 100,000 articles), each read back
//! when a page that shows it is written.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io;
use std::sync::Arc;

use memchr::memmem;

use crate::content::spill::{Span, Spill};

/// Characters from Unicode's private use area, which no text of the dossier is expected
/// to hold; a marker that is not one of ours is left as it is.
const OPEN: &str = "\u{E000}";
const CLOSE: &str = "\u{E001}";
/// Between a marker's key and its hash.
const SEP: &str = "\u{E002}";

/// Rendered fragments by key. The marker that stands for one in a page is made when asked
/// for, from the key and the fragment's hash: a large build has half a million fragments,
/// and a map of their markers beside them was some 80 MB.
#[derive(Default)]
pub struct Fragments {
    html: HashMap<Box<str>, Fragment>,
    /// The longest fragment, for sizing a page before its markers are replaced.
    longest: usize,
    spill: Option<Arc<Spill>>,
}

/// One fragment's HTML, or where it lies in the spill file, with its hash.
pub enum Fragment {
    Held(Vec<u8>, u64),
    Spilled(Span, u64),
}

fn hash_of(html: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    html.hash(&mut h);
    h.finish()
}

impl Fragment {
    /// `html`, put into `spill` when there is one (and kept in memory if it cannot be
    /// written there), with the hash its marker carries.
    pub fn new(html: Vec<u8>, spill: Option<&Spill>) -> Fragment {
        let hash = hash_of(&html);
        match spill.map(|s| s.put(&html)) {
            Some(Ok(span)) => Fragment::Spilled(span, hash),
            _ => Fragment::Held(html, hash),
        }
    }

    fn hash(&self) -> u64 {
        match self {
            Fragment::Held(_, hash) | Fragment::Spilled(_, hash) => *hash,
        }
    }

    fn len(&self) -> usize {
        match self {
            Fragment::Held(html, _) => html.len(),
            Fragment::Spilled(span, _) => span.size(),
        }
    }
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
        Self::from_parts(
            pairs
                .into_iter()
                .map(|(key, html)| (key, Fragment::new(html, None))),
            None,
        )
    }

    /// Fragments made with [`Fragment::new`], some perhaps in `spill`.
    pub fn from_parts(
        parts: impl IntoIterator<Item = (String, Fragment)>,
        spill: Option<Arc<Spill>>,
    ) -> Self {
        let mut f = Self {
            spill,
            ..Self::default()
        };
        for (key, html) in parts {
            f.longest = f.longest.max(html.len());
            f.html.insert(key.into_boxed_str(), html);
        }
        f
    }

    pub fn is_empty(&self) -> bool {
        self.html.is_empty()
    }

    /// The marker that stands for the fragment `key` in a page, if there is one.
    pub fn marker(&self, key: &str) -> Option<String> {
        let html = self.html.get(key)?;
        Some(format!("{OPEN}{key}{SEP}{:016x}{CLOSE}", html.hash()))
    }

    /// The fragment a marker's inner text (`key`, [`SEP`], hash) names, if it is one of
    /// these and its hash is the fragment's.
    fn named(&self, inner: &str) -> Option<&Fragment> {
        let (key, hash) = inner.split_once(SEP)?;
        let html = self.html.get(key)?;
        // Compared as written, without formatting the hash for every marker of every page.
        let written =
            hash.len() == 16 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        (written && u64::from_str_radix(hash, 16) == Ok(html.hash())).then_some(html)
    }

    /// The page with each marker replaced by its fragment.
    pub fn splice(&self, page: Vec<u8>) -> io::Result<Vec<u8>> {
        let open = memmem::Finder::new(OPEN.as_bytes());
        let close = memmem::Finder::new(CLOSE.as_bytes());
        let mut starts = open.find_iter(&page).peekable();
        if self.is_empty() || starts.peek().is_none() {
            return Ok(page);
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
            if let Some(html) = inner.and_then(|k| self.named(k)) {
                out.extend_from_slice(&page[done..start]);
                match (html, &self.spill) {
                    (Fragment::Held(html, _), _) => out.extend_from_slice(html),
                    (Fragment::Spilled(span, _), Some(spill)) => spill.get_into(*span, &mut out)?,
                    (Fragment::Spilled(..), None) => {
                        return Err(io::Error::other("a spilled fragment without its file"))
                    }
                }
                done = inner_from + len + CLOSE.len();
            }
        }
        out.extend_from_slice(&page[done..]);
        Ok(out)
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
        let out = String::from_utf8(f.splice(page.into_bytes()).expect("spliced")).expect("utf-8");
        assert_eq!(
            out,
            "<ol><li>b</li><li>أ</li><li>b</li></ol>\u{E000}stray\u{E001}"
        );
    }

    #[test]
    fn spilled_fragments_splice_and_mark_as_held_ones_do() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let pairs = || {
            [
                ("a".to_string(), b"<li>\xd8\xa3</li>".to_vec()),
                ("b".to_string(), b"<li>b</li>".to_vec()),
            ]
        };
        let held = Fragments::new(pairs());
        let spilled = Fragments::from_parts(
            pairs()
                .into_iter()
                .map(|(k, html)| (k, Fragment::new(html, Some(&spill)))),
            Some(Arc::clone(&spill)),
        );
        assert!(spilled
            .html
            .values()
            .all(|f| matches!(f, Fragment::Spilled(..))));
        assert_eq!(held.marker("a"), spilled.marker("a"));
        let page = format!(
            "<ol>{}{}</ol>",
            held.marker("b").expect("b"),
            held.marker("a").expect("a")
        );
        assert_eq!(
            held.splice(page.clone().into_bytes()).expect("held"),
            spilled.splice(page.into_bytes()).expect("spilled")
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
        let out = String::from_utf8(f.splice(crate::text::minify::html(&page)).expect("spliced"))
            .expect("utf-8");
        assert!(out.contains("<ol class=timeline><li>أ</li>"), "{out}");
        assert!(out.contains("<li>b</li></ol>"), "{out}");
        assert!(!out.contains('\u{E000}'), "{out}");
    }
}
