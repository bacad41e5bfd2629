//! How deep an entry's body may nest, and where it went deeper.
//!
//! minify-html parses a page recursively, so a body nested a few thousand elements deep
//! (`>` quotes, lists, emphasis, raw `<span>`s) overflows a thread's stack and kills the
//! process. No article nests anywhere near [`MAX_DEPTH`]; a body that does is refused with
//! the position where it went too deep, before any page is rendered.

use std::ops::Range;

use pulldown_cmark::Event;

/// Elements a body may nest. Articles reach about ten (a quote holding a list holding
/// emphasis and a link); the page around the body adds about ten more.
pub const MAX_DEPTH: usize = 100;

/// A body that nests more than [`MAX_DEPTH`] elements: `offset` is the byte in the Markdown
/// where it did (or, when only the sanitised HTML shows it, the earliest byte where it could
/// have).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub offset: usize,
}

impl TooDeep {
    pub fn message(&self) -> String {
        format!(
            "the body nests more than {MAX_DEPTH} elements deep (quotes, lists, emphasis or HTML tags): flatten it"
        )
    }
}

/// Follows the Markdown events of a body: its own containers and the tags of its raw HTML.
#[derive(Default)]
pub struct Tracker {
    markdown: usize,
    html: Vec<String>,
    /// Opening tags of raw HTML seen so far, and the first offset where they and the open
    /// Markdown containers came to more than the limit: sanitising can keep open elements
    /// whose end tags the stack above took as closing them.
    html_opened: usize,
    limit_at: Option<usize>,
}

impl Tracker {
    pub fn see(&mut self, event: &Event<'_>, range: &Range<usize>) -> Result<(), TooDeep> {
        match event {
            Event::Start(_) => self.markdown += 1,
            Event::End(_) => self.markdown = self.markdown.saturating_sub(1),
            Event::Html(raw) | Event::InlineHtml(raw) => self.raw_html(raw),
            _ => {}
        }
        if self.markdown + self.html_opened > MAX_DEPTH && self.limit_at.is_none() {
            self.limit_at = Some(range.start);
        }
        if self.markdown + self.html.len() > MAX_DEPTH {
            return Err(TooDeep {
                offset: range.start,
            });
        }
        Ok(())
    }

    fn raw_html(&mut self, raw: &str) {
        for tag in tags(raw) {
            match tag {
                Tag::Open(name) => {
                    self.html_opened += 1;
                    self.html.push(name.to_ascii_lowercase());
                }
                Tag::Close(name) => {
                    let name = name.to_ascii_lowercase();
                    if let Some(i) = self.html.iter().rposition(|n| *n == name) {
                        self.html.truncate(i);
                    }
                }
            }
        }
    }

    /// Checks the sanitised HTML of the body, which is the tree the pages will hold.
    pub fn check_html(&self, html: &str) -> Result<(), TooDeep> {
        if depth(html) > MAX_DEPTH {
            return Err(TooDeep {
                offset: self.limit_at.unwrap_or(0),
            });
        }
        Ok(())
    }
}

enum Tag<'a> {
    Open(&'a str),
    Close(&'a str),
}

/// Elements that have no end tag and so never hold others.
fn is_void(name: &str) -> bool {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// The element tags of an HTML fragment, skipping comments, doctypes, void and
/// self-closing elements and whatever sits inside quoted attribute values.
fn tags(html: &str) -> impl Iterator<Item = Tag<'_>> {
    let bytes = html.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
            let start = i + lt + 1;
            if html[start..].starts_with("!--") {
                i = html[start..]
                    .find("-->")
                    .map_or(bytes.len(), |e| start + e + 3);
                continue;
            }
            let close = bytes.get(start) == Some(&b'/');
            let name_start = start + usize::from(close);
            let name_len = bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                .count();
            let name = &html[name_start..name_start + name_len];
            if !name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
                i = start;
                continue;
            }
            let (end, self_closing) = tag_end(bytes, name_start + name_len);
            i = end;
            if close {
                return Some(Tag::Close(name));
            }
            if !self_closing && !is_void(name) {
                return Some(Tag::Open(name));
            }
        }
        i = bytes.len();
        None
    })
}

/// The byte after the `>` that ends a tag whose attributes start at `from`, and whether the
/// tag closes itself (`/>`).
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut quote = None;
    let mut prev = 0u8;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (k + 1, prev == b'/'),
            None => {}
        }
        prev = b;
    }
    (bytes.len(), false)
}

/// The deepest element nesting of well-formed HTML, as a serialiser writes it.
pub fn depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for tag in tags(html) {
        match tag {
            Tag::Open(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Tag::Close(_) => depth = depth.saturating_sub(1),
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_elements_not_void_or_quoted_tags() {
        assert_eq!(depth("<p>a<br>b<img src=\"x\"></p>"), 1);
        assert_eq!(
            depth("<blockquote><ul><li><em>x</em></li></ul></blockquote>"),
            4
        );
        assert_eq!(depth("<a title=\"<b><i>\">x</a><!-- <div> -->"), 1);
        assert_eq!(depth("<p>1 &lt; 2</p>"), 1);
    }

    #[test]
    fn raw_html_end_tags_close_only_what_is_open() {
        let mut t = Tracker::default();
        t.raw_html("<span><div></b></div>");
        assert_eq!(t.html, ["span"]);
        t.raw_html("<br/><br></span>");
        assert!(t.html.is_empty());
    }
}
