//! Markdown to safe HTML for article bodies.
//!
//! pulldown-cmark does the parsing (tables, footnotes; smart punctuation stays off because it
//! would turn straight quotes into English curly quotes). On top of it this module gives
//! Arabic headings readable ids, gives every block an anchor the chronology can link to,
//! isolates Latin runs in `<bdi>` so names and URLs do not scramble a right-to-left line, and
//! sanitises the result with ammonia so raw HTML in an entry can never run script.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use super::nesting::{TooDeep, Tracker};
use crate::text::html::escape;

/// A heading of the body, for a table of contents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A paragraph, list item or heading with the anchor it carries in the HTML.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Block {
    /// The block's first line: in the body as rendered, in the entry's file once loaded.
    #[serde(skip)]
    pub line: usize,
    pub kind: BlockKind,
    pub anchor: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    Item,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    /// The body as plain text, blocks separated by blank lines.
    pub text: String,
}

/// What a body may keep that the sanitiser drops by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allow {
    /// `<img>` from other hosts: each one tells that host who is reading which page.
    pub remote_images: bool,
}

impl Allow {
    /// What a site's entries may keep beyond the sanitiser's default.
    pub fn of(config: &crate::config::SiteConfig) -> Allow {
        Allow {
            remote_images: config.remote_images,
        }
    }
}

/// The 1-based line of a byte offset, for offsets asked in increasing order.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            // Out of order: count again from the start rather than give a wrong line.
            self.offset = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.text[self.offset..offset]).count();
        self.offset = offset;
        self.line
    }
}

/// What [`text_of`] puts between two blocks: a blank line.
pub const BLOCK_SEPARATOR: &str = "\n\n";

/// The plain text of a body: the texts of its blocks, [`BLOCK_SEPARATOR`] between two.
pub fn text_of(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(BLOCK_SEPARATOR)
}

/// Render a body, or say where it nests deeper than pages can hold.
pub fn render(markdown: &str, allow: Allow) -> Result<Rendered, TooDeep> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut nesting = Tracker::default();
    let mut walk = Walk::new(markdown);
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        nesting.see(&event, &range)?;
        walk.see(event, range.start);
    }
    let Walk {
        out,
        headings,
        blocks,
        ..
    } = walk;

    let mut raw_html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw_html, out.into_iter());
    let mut html = sanitizer(allow).clean(&raw_html).to_string();
    nesting.check_html(&html)?;
    if !allow.remote_images {
        html = drop_images_without_src(html);
    }
    let text = text_of(&blocks);
    Ok(Rendered {
        html,
        headings,
        blocks,
        text,
    })
}

/// A heading being read: its inline events are held until its text, and so its id, is known.
struct OpenHeading<'a> {
    level: pulldown_cmark::HeadingLevel,
    id: Option<CowStr<'a>>,
    line: usize,
    inner: Vec<Event<'a>>,
}

/// One pass over pulldown-cmark's events: rewrites headings and top-level blocks with their
/// anchors, isolates Latin runs, and gathers the headings and blocks with their text.
struct Walk<'a> {
    out: Vec<Event<'a>>,
    headings: Vec<Heading>,
    blocks: Vec<Block>,
    ids: Ids,
    heading: Option<OpenHeading<'a>>,
    block_text: Option<String>,
    in_code: bool,
    block_no: usize,
    list_depth: usize,
    // Blocks start in document order, so each line count goes on from the last one: counting
    // from the start of the body each time would be quadratic in a body of many blocks.
    lines: LineCounter<'a>,
}

impl<'a> Walk<'a> {
    fn new(markdown: &'a str) -> Self {
        Walk {
            out: Vec::new(),
            headings: Vec::new(),
            blocks: Vec::new(),
            ids: Ids::default(),
            heading: None,
            block_text: None,
            in_code: false,
            block_no: 0,
            list_depth: 0,
            lines: LineCounter::new(markdown),
        }
    }

    fn see(&mut self, event: Event<'a>, offset: usize) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some(OpenHeading {
                    level,
                    id,
                    line: self.lines.at(offset),
                    inner: Vec::new(),
                });
                self.block_text = Some(String::new());
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            // Top-level paragraphs and list items are the blocks the chronology links to.
            Event::Start(tag @ (Tag::Paragraph | Tag::Item))
                if self.list_depth == usize::from(matches!(tag, Tag::Item)) =>
            {
                let kind = match tag {
                    Tag::Item => BlockKind::Item,
                    _ => BlockKind::Paragraph,
                };
                self.start_block(kind, offset);
            }
            Event::End(end @ (TagEnd::Paragraph | TagEnd::Item))
                if self.list_depth == usize::from(matches!(end, TagEnd::Item)) =>
            {
                let element = if matches!(end, TagEnd::Item) {
                    "li"
                } else {
                    "p"
                };
                self.out.push(Event::Html(format!("</{element}>\n").into()));
                if let (Some(last), Some(text)) = (self.blocks.last_mut(), self.block_text.take()) {
                    last.text = text.trim().to_string();
                }
            }
            Event::Start(Tag::List(_)) => {
                self.list_depth += 1;
                self.out.push(event);
            }
            Event::End(TagEnd::List(_)) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                self.out.push(event);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.in_code = true;
                self.out.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = false;
                self.out.push(event);
            }
            Event::Text(t) => {
                self.note_text(&t);
                let ev = if self.in_code {
                    Event::Text(t)
                } else {
                    match isolate_latin(&t) {
                        Some(html) => Event::InlineHtml(html.into()),
                        None => Event::Text(t),
                    }
                };
                self.push(ev);
            }
            Event::Code(c) => {
                self.note_text(&c);
                self.push(Event::Code(c));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.note_text(" ");
                self.push(event);
            }
            other => self.push(other),
        }
    }

    fn end_heading(&mut self) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let text = self.block_text.take().unwrap_or_default();
        let id = self.ids.unique(
            open.id
                .map(|s| s.to_string())
                .unwrap_or_else(|| slug_id(&text)),
        );
        let lvl = open.level as u8;
        self.out.push(Event::Html(
            format!("<h{lvl} id=\"{}\">", escape(&id)).into(),
        ));
        self.out.extend(open.inner);
        self.out.push(Event::Html(format!("</h{lvl}>").into()));
        self.blocks.push(Block {
            line: open.line,
            kind: BlockKind::Heading,
            anchor: id.clone(),
            text: text.trim().to_string(),
        });
        self.headings.push(Heading {
            level: lvl,
            id,
            text: text.trim().to_string(),
        });
    }

    fn start_block(&mut self, kind: BlockKind, offset: usize) {
        let element = match kind {
            BlockKind::Item => "li",
            _ => "p",
        };
        self.block_no += 1;
        let anchor = self.ids.unique(format!("p{}", self.block_no));
        self.out
            .push(Event::Html(format!("<{element} id=\"{anchor}\">").into()));
        self.blocks.push(Block {
            line: self.lines.at(offset),
            kind,
            anchor,
            text: String::new(),
        });
        self.block_text = Some(String::new());
    }

    fn note_text(&mut self, text: &str) {
        if let Some(buf) = self.block_text.as_mut() {
            buf.push_str(text);
        }
    }

    fn push(&mut self, ev: Event<'a>) {
        match &mut self.heading {
            Some(open) => open.inner.push(ev),
            None => self.out.push(ev),
        }
    }
}

/// The sanitiser for `allow`, made once per process: a builder's tag and attribute sets are
/// a few hundred strings, and every body is cleaned.
fn sanitizer(allow: Allow) -> &'static ammonia::Builder<'static> {
    static WITHOUT_REMOTE_IMAGES: std::sync::LazyLock<ammonia::Builder<'static>> =
        std::sync::LazyLock::new(|| {
            make_sanitizer(Allow {
                remote_images: false,
            })
        });
    static WITH_REMOTE_IMAGES: std::sync::LazyLock<ammonia::Builder<'static>> =
        std::sync::LazyLock::new(|| {
            make_sanitizer(Allow {
                remote_images: true,
            })
        });
    // Destructured so that a new field of Allow cannot be missed here.
    let Allow { remote_images } = allow;
    if remote_images {
        &WITH_REMOTE_IMAGES
    } else {
        &WITHOUT_REMOTE_IMAGES
    }
}

fn make_sanitizer(allow: Allow) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_tags(["bdi", "bdo", "section", "sup", "sub"])
        .add_generic_attributes(["id", "dir", "lang", "class"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("td", ["align", "style"])
        .add_tag_attributes("th", ["align", "style"])
        .attribute_filter(
            move |element, attribute, value| match (element, attribute) {
                // A table cell's style is its column's alignment; any other CSS could lay the
                // cell over the whole page or load a tracker.
                ("td" | "th", "style") => is_text_align(value).then_some(value.into()),
                ("img", "src") if !allow.remote_images && is_remote(value) => None,
                _ => Some(value.into()),
            },
        )
        .link_rel(Some("noopener"));
    b
}

/// `text-align: left|right|center|start|end`, as pulldown-cmark writes a column's alignment.
fn is_text_align(style: &str) -> bool {
    let style = style.trim().trim_end_matches(';');
    style.split_once(':').is_some_and(|(property, value)| {
        property.trim().eq_ignore_ascii_case("text-align")
            && ["left", "right", "center", "start", "end"]
                .iter()
                .any(|v| value.trim().eq_ignore_ascii_case(v))
    })
}

/// A URL that leaves the site: with a scheme, or protocol-relative.
fn is_remote(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("//") || url.starts_with("\\") {
        return true;
    }
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The sanitised HTML without the `<img>` elements whose `src` was dropped, which would show
/// nothing and are invalid HTML. The serialiser writes every attribute as ` name="value"`
/// with `"` escaped inside values, so ` src="` marks a kept source.
fn drop_images_without_src(html: String) -> String {
    if !html.contains("<img") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<img") {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        if tag[..end].contains(" src=\"") {
            out.push_str(&tag[..end]);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// An id for a heading: its words joined by `-`, Arabic letters kept as they are, so the
/// fragment reads as the heading does (`#حول-المنظمة`), and never empty.
pub fn slug_id(text: &str) -> String {
    let mut id = String::new();
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.extend(
            word.chars()
                .filter(|c| !is_tashkeel(*c))
                .flat_map(char::to_lowercase),
        );
    }
    if id.is_empty() {
        "section".into()
    } else {
        id
    }
}

fn is_tashkeel(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// The ids given so far in a body, and for each id asked for twice the next number to try
/// after it, so a body of thousands of identical headings numbers them in one pass instead of
/// trying `-2`, `-3`, … again for each.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// `base`, or `base-2`, `base-3`, … the first not given yet.
    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(2);
        loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if self.used.insert(candidate.clone()) {
                self.next.insert(base, n);
                return candidate;
            }
        }
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Wrap each run of Latin text (names, acronyms, URLs) in `<bdi>` when the text around it is
/// Arabic, so neutral characters at its edges stay with it. Returns escaped HTML, or `None`
/// when nothing needs isolating.
pub fn isolate_latin(text: &str) -> Option<String> {
    // Latin letters are ASCII letters or begin with a byte C3 to C9: a text without those
    // bytes, as most are, needs no decoding to tell.
    let may_hold_latin = |b: &u8| b.is_ascii_alphabetic() || (0xC3..=0xC9).contains(b);
    if !text.as_bytes().iter().any(may_hold_latin) {
        return None;
    }
    if !text.chars().any(is_latin) || !text.chars().any(is_arabic) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 32);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_latin(c) {
            // Extend over Latin letters, digits and the punctuation that lives inside Latin
            // phrases; stop at the first Arabic letter and give back trailing spaces/punctuation.
            let mut j = i;
            let mut last_good = i;
            while j < chars.len() && !is_arabic(chars[j].1) {
                let ch = chars[j].1;
                if is_latin(ch) || ch.is_ascii_digit() {
                    last_good = j;
                } else if !(ch == ' ' || ".,-/&'’:_@?=%#+~()".contains(ch)) {
                    break;
                }
                j += 1;
            }
            let mut end = chars
                .get(last_good + 1)
                .map(|(b, _)| *b)
                .unwrap_or(text.len());
            // A closing parenthesis belongs to the run only if it opened inside it.
            let run = &text[start..end];
            if run.matches('(').count() < run.matches(')').count() {
                if let Some(p) = run.rfind(')') {
                    end = start + p;
                }
            }
            out.push_str("<bdi>");
            out.push_str(&escape(&text[start..end]));
            out.push_str("</bdi>");
            while i < chars.len() && chars[i].0 < end {
                i += 1;
            }
        } else {
            let mut j = i;
            while j < chars.len() && !is_latin(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map(|(b, _)| *b).unwrap_or(text.len());
            out.push_str(&escape(&text[start..end]));
            i = j;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_ok(markdown: &str) -> Rendered {
        render(markdown, Allow::default()).expect("nests shallowly")
    }

    #[test]
    fn arabic_heading_gets_readable_unique_id() {
        let r = render_ok("## حول المنظمة\n\nنص.\n\n## حول المنظمة\n");
        assert_eq!(r.headings[0].id, "حول-المنظمة");
        assert_eq!(r.headings[1].id, "حول-المنظمة-2");
        assert!(r.html.contains("id=\"حول-المنظمة\""), "{}", r.html);
    }

    #[test]
    fn repeated_and_numbered_headings_get_the_ids_they_always_had() {
        let r = render_ok("## أ\n\n## أ-2\n\n## أ\n\n## أ\n\n## أ-3\n\n## p1\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["أ", "أ-2", "أ-3", "أ-4", "أ-3-2", "p1"]);
        let r = render_ok(&"## عنوان\n\n".repeat(20_000));
        assert_eq!(r.headings[19_999].id, "عنوان-20000");
    }

    #[test]
    fn script_is_removed() {
        let r = render_ok("نص <script>alert(1)</script> <img src=x onerror=alert(1)>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
    }

    #[test]
    fn latin_run_is_isolated() {
        let html = isolate_latin("منظمة (CSTO) في موسكو").expect("mixed text");
        assert_eq!(html, "منظمة (<bdi>CSTO</bdi>) في موسكو");
        assert!(isolate_latin("نص عربي فقط 2022").is_none());
    }

    #[test]
    fn blocks_carry_anchors_and_text() {
        let r = render_ok("فقرة أولى.\n\n- بند في 1992\n- بند ثان\n");
        let anchors: Vec<_> = r.blocks.iter().map(|b| b.anchor.as_str()).collect();
        assert_eq!(anchors, ["p1", "p2", "p3"]);
        assert_eq!(r.blocks[1].text, "بند في 1992");
        assert!(r.html.contains("<li id=\"p2\">"), "{}", r.html);
    }

    #[test]
    fn cells_keep_their_alignment_and_no_other_css() {
        let r = render_ok("| أ | ب |\n|:-:|--:|\n| 1 | 2 |\n");
        assert!(
            r.html.contains("<td style=\"text-align: center\">1</td>"),
            "{}",
            r.html
        );
        let r = render_ok("<table><tr><td style=\"position:fixed;inset:0;z-index:9;background:url(https://t.example/p)\">x</td><th style=\"text-align:end\">y</th></tr></table>\n");
        assert!(!r.html.contains("position"), "{}", r.html);
        assert!(r.html.contains("<td>x</td>"), "{}", r.html);
        assert!(r.html.contains("style=\"text-align:end\""), "{}", r.html);
    }

    #[test]
    fn remote_images_only_where_the_site_allows_them() {
        let body = "![صورة](https://t.example/p.png) <img src=\"//t.example/q.png\" alt=\"q\"> <img src=\"../../img/local.png\" alt=\"محلية\">\n";
        let r = render_ok(body);
        assert!(!r.html.contains("t.example"), "{}", r.html);
        assert!(
            r.html
                .contains("<img src=\"../../img/local.png\" alt=\"محلية\">"),
            "{}",
            r.html
        );
        let allowed = render(
            body,
            Allow {
                remote_images: true,
            },
        )
        .expect("shallow");
        assert_eq!(
            allowed.html.matches("t.example").count(),
            2,
            "{}",
            allowed.html
        );
    }

    #[test]
    fn tables_and_footnotes_render() {
        let r = render_ok("| أ | ب |\n|---|---|\n| 1 | 2 |\n\nنص[^1].\n\n[^1]: حاشية.\n");
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("footnote"), "{}", r.html);
    }
}
