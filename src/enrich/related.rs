//! `related` (corpus-wide): for each article, the others that share the most states, people
//! and topics with it.

use std::collections::HashSet;

use super::{Corpus, CorpusEnricher, EnrichContext};
use crate::content::Article;

pub struct Related;

impl CorpusEnricher for Related {
    fn name(&self) -> &'static str {
        "related"
    }

    fn run(&self, corpus: &mut Corpus, _: &EnrichContext<'_>) -> Vec<String> {
        run(&mut corpus.articles);
        Vec::new()
    }
}

/// How many related articles an article lists.
pub const MAX_RELATED: usize = 4;

/// Shared people and topics say more than a shared state: nearly every article names Russia.
fn score(a: &Article, b: &Article) -> usize {
    let shared = |x: &[String], y: &[String]| {
        let ys: HashSet<&String> = y.iter().collect();
        x.iter().filter(|v| ys.contains(v)).count()
    };
    shared(&a.states, &b.states) * 2
        + shared(&a.people, &b.people) * 3
        + shared(&a.tags, &b.tags) * 3
}

/// Fill `related` on every article, best match first, ties broken by the closer date then slug.
pub fn run(articles: &mut [Article]) {
    let lists: Vec<Vec<String>> = articles
        .iter()
        .map(|a| {
            let mut scored: Vec<(usize, i64, &str)> = articles
                .iter()
                .filter(|b| b.slug != a.slug)
                .map(|b| (score(a, b), distance(a, b), b.slug.as_str()))
                .filter(|(s, _, _)| *s > 0)
                .collect();
            scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(y.2)));
            scored
                .into_iter()
                .take(MAX_RELATED)
                .map(|(_, _, s)| s.to_string())
                .collect()
        })
        .collect();
    for (a, list) in articles.iter_mut().zip(lists) {
        a.related = list;
    }
}

fn distance(a: &Article, b: &Article) -> i64 {
    match (a.naive_date(), b.naive_date()) {
        (Some(x), Some(y)) => (x - y).num_days().abs(),
        _ => i64::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(slug: &str, states: &[&str], tags: &[&str]) -> Article {
        let mut a = crate::enrich::chronology::tests_support::article(slug, None, "نص.");
        a.states = states.iter().map(|s| s.to_string()).collect();
        a.tags = tags.iter().map(|s| s.to_string()).collect();
        a
    }

    #[test]
    fn ranks_by_shared_topics_then_states() {
        let mut v = vec![
            art("a", &["russia", "kazakhstan"], &["peacekeeping"]),
            art("b", &["russia"], &[]),
            art("c", &["kazakhstan"], &["peacekeeping"]),
            art("d", &["georgia"], &[]),
        ];
        run(&mut v);
        assert_eq!(v[0].related, ["c", "b"]);
        assert_eq!(v[3].related, Vec::<String>::new());
    }
}
