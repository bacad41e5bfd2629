//! `reading`: word count and reading time.

use super::{EnrichContext, Enricher};
use crate::content::Article;
use crate::error::Diagnostic;

/// Words a minute for Arabic news prose, slower than the 230–250 usual for English.
const WORDS_PER_MINUTE: usize = 180;

pub struct Reading;

impl Enricher for Reading {
    fn name(&self) -> &'static str {
        "reading"
    }

    fn run(&self, article: &mut Article, _: &EnrichContext<'_>) -> Vec<Diagnostic> {
        article.word_count = article
            .text
            .split_whitespace()
            .filter(|w| w.chars().any(crate::arabic::is_letter_or_digit))
            .count();
        article.reading_minutes = article.word_count.div_ceil(WORDS_PER_MINUTE).max(1);
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(text: &str) -> (usize, usize) {
        let mut a = crate::enrich::tests::article("", text);
        let ctx = crate::data::Gazetteers::default();
        Reading.run(&mut a, &crate::enrich::EnrichContext::of(&ctx));
        (a.word_count, a.reading_minutes)
    }

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(
            run_on("قال الأمين العام - في 2022 - إن المنظمة «قوية»."),
            (8, 1)
        );
        assert_eq!(run_on(""), (0, 1));
    }

    #[test]
    fn minutes_round_up_at_the_reading_speed() {
        let words = vec!["كلمة"; WORDS_PER_MINUTE + 1].join(" ");
        assert_eq!(run_on(&words), (WORDS_PER_MINUTE + 1, 2));
    }
}
