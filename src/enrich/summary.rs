//! `summary`: the first sentences of the body, at most 300 characters, cut at a word.

use super::{EnrichContext, Enricher};
use crate::content::markdown::{Block, BlockKind};
use crate::content::title;
use crate::content::Article;
use crate::error::Diagnostic;

pub const MAX_CHARS: usize = 300;

pub struct Summary;

impl Enricher for Summary {
    fn name(&self) -> &'static str {
        "summary"
    }

    fn run(&self, article: &mut Article, _: &EnrichContext<'_>) -> Vec<Diagnostic> {
        if article.front.summary.is_none() {
            let first = article
                .blocks
                .iter()
                .find(|b| !b.text.is_empty() && b.kind != BlockKind::Heading)
                .map(|b| b.text.as_str())
                .unwrap_or("");
            article.summary = summarize(first, MAX_CHARS);
        }
        Vec::new()
    }
}

/// Whole sentences while they fit in `max` characters; if even the first does not, cut it at
/// the last word boundary and add an ellipsis.
pub fn summarize(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out = String::new();
    for sentence in sentences(&text) {
        if out.chars().count() + sentence.chars().count() > max {
            break;
        }
        out.push_str(sentence);
    }
    let out = out.trim().to_string();
    if !out.is_empty() {
        return out;
    }
    let mut cut = String::new();
    for word in text.split(' ') {
        if cut.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    cut.trim_end_matches(['،', ',', '؛', ':']).to_string() + "…"
}

/// The summary a card shows under `title`: `summary` itself, unless it repeats the title (a
/// title derived from the first sentence, a summary that is that sentence); then the first
/// sentences of the body after those the title repeats, at most [`MAX_CHARS`], or nothing
/// when none is left.
pub fn beside_title(title: &str, summary: &str, blocks: &[Block]) -> String {
    if !title::repeats(title, summary) {
        return summary.to_string();
    }
    let text = blocks
        .iter()
        .filter(|b| !b.text.is_empty() && b.kind != BlockKind::Heading)
        .take(3)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentences = sentences(&text);
    let repeated = sentences
        .iter()
        .take_while(|s| title::repeats(title, s))
        .count();
    let next = summarize(&sentences[repeated..].concat(), MAX_CHARS);
    if title::repeats(title, &next) {
        String::new()
    } else {
        next
    }
}

/// Split after `.`, `!`, `?`, `؟` followed by a space, keeping the punctuation and space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(b, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?' | '؟') && chars.get(i + 1).is_some_and(|(_, n)| *n == ' ') {
            let end = b + c.len_utf8() + 1;
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_whole_sentences_within_limit() {
        let s = format!("{}. {}.", "ا".repeat(100), "ب".repeat(250));
        assert_eq!(summarize(&s, 300), format!("{}.", "ا".repeat(100)));
    }

    #[test]
    fn cuts_a_long_sentence_at_a_word() {
        let s = "كلمة ".repeat(100);
        let out = summarize(&s, 300);
        assert!(out.chars().count() <= 300);
        assert!(out.ends_with("كلمة…"), "{out}");
    }

    #[test]
    fn short_text_unchanged() {
        assert_eq!(summarize("نص قصير.", 300), "نص قصير.");
    }
}
