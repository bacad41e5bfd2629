//! The body: the body lines as blocks (paragraphs, `## ` headings, chronology list items)
//! and the Markdown writer, which escapes what Markdown would read as syntax.

use super::lexicon::OPENING_QUOTES;
use super::lines::{ending, has_internal_break, split_dash, Ending};
use super::DateProbe;

const HEADING_MAX_CHARS: usize = 60;

#[derive(Debug)]
enum Block {
    Heading(String),
    Paragraph(String),
    Item(String),
}

/// The body lines as Markdown: empty, or ending in one newline.
pub(super) fn markdown(lines: &[&str], dates: &dyn DateProbe) -> String {
    render(&build_blocks(lines, dates))
}

fn build_blocks(lines: &[&str], dates: &dyn DateProbe) -> Vec<Block> {
    let dashes: Vec<Option<(char, &str)>> = lines.iter().map(|l| split_dash(l)).collect();
    let mut is_item = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let Some((marker, _)) = dashes[i] else {
            i += 1;
            continue;
        };
        let start = i;
        while i < lines.len() && matches!(dashes[i], Some((m, _)) if m == marker) {
            i += 1;
        }
        let dated: Vec<bool> = dashes[start..i]
            .iter()
            .map(|d| d.is_some_and(|(_, text)| dates.has_date(text)))
            .collect();
        let announced = start > 0 && ending(lines[start - 1]) == Ending::Colon;
        let chronology = dated.iter().filter(|d| **d).count() * 2 >= dated.len();
        for (k, slot) in is_item[start..i].iter_mut().enumerate() {
            *slot = announced || chronology || dated[k];
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(j, line)| match dashes[j] {
            Some((_, text)) if is_item[j] => Block::Item(text.to_string()),
            Some((_, text)) => Block::Paragraph(text.to_string()),
            None if j > 0 && j + 1 < lines.len() && is_heading_shape(line) => {
                Block::Heading(line.to_string())
            }
            None => Block::Paragraph(line.to_string()),
        })
        .collect()
}

fn is_heading_shape(line: &str) -> bool {
    line.chars().count() <= HEADING_MAX_CHARS
        && ending(line) == Ending::Open
        && !line.starts_with(OPENING_QUOTES)
        && !has_internal_break(line)
        && line.chars().any(char::is_alphabetic)
}

fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    for block in blocks {
        let item = matches!(block, Block::Item(_));
        if !out.is_empty() {
            out.push_str(if prev_item && item { "\n" } else { "\n\n" });
        }
        match block {
            Block::Heading(text) => {
                out.push_str("## ");
                out.push_str(&escape_inline(text).replace('#', "\\#"));
            }
            Block::Paragraph(text) => out.push_str(&escape_block(text)),
            Block::Item(text) => {
                out.push_str("- ");
                out.push_str(&escape_block(text));
            }
        }
        prev_item = item;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Escapes characters that start Markdown inline syntax (emphasis, code, links, raw HTML,
/// entities, and the strikethrough/table marks of common extensions).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '<' | '[' | ']' | '&' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline escaping plus the line-start markers that would turn a paragraph into a heading,
/// quote, list or rule.
fn escape_block(text: &str) -> String {
    let escaped = escape_inline(text);
    if escaped.starts_with(['#', '>', '+', '-', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        // ASCII digits are one byte each, so `digits` is also the byte offset.
        if let Some(rest) = escaped.get(digits..) {
            if rest.starts_with(['.', ')']) {
                return format!("{}\\{}", &escaped[..digits], rest);
            }
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_is_escaped() {
        assert_eq!(escape_block("# ليس عنوانا"), "\\# ليس عنوانا");
        assert_eq!(escape_block("> اقتباس"), "\\> اقتباس");
        assert_eq!(escape_block("+ زائد"), "\\+ زائد");
        assert_eq!(escape_block("1. أولا"), "1\\. أولا");
        assert_eq!(escape_block("2022) عام"), "2022\\) عام");
        assert_eq!(escape_block("*نجمة* و_خط_"), "\\*نجمة\\* و\\_خط\\_");
        assert_eq!(
            escape_block("<b>وسم</b> [رابط](x)"),
            "\\<b>وسم\\</b> \\[رابط\\](x)"
        );
        assert_eq!(escape_block("١. رقم عربي"), "١. رقم عربي");
    }
}
