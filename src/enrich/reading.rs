//! `reading`: word count and reading time.

use super::{EnrichContext, Enricher};
use crate::content::Article;

/// Words a minute for Arabic news prose, slower than the 230–250 usual for English.
const WORDS_PER_MINUTE: usize = 180;

pub struct Reading;

impl Enricher for Reading {
    fn name(&self) -> &'static str {
        "reading"
    }

    fn run(&self, article: &mut Article, _: &EnrichContext<'_>) -> Vec<String> {
        article.word_count = article
            .text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        article.reading_minutes = article.word_count.div_ceil(WORDS_PER_MINUTE).max(1);
        Vec::new()
    }
}
