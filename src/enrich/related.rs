//! `related` (corpus-wide): for each article, the others that share the most states, people
//! and topics with it.

use crate::error::Diagnostic;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{Corpus, CorpusEnricher, EnrichContext};
use crate::content::Article;

pub struct Related;

impl CorpusEnricher for Related {
    fn name(&self) -> &'static str {
        "related"
    }

    fn run(&self, corpus: &mut Corpus, _: &EnrichContext<'_>) -> Vec<Diagnostic> {
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
///
/// Every pair is scored, but on bit masks: each state, person and topic gets a bit, so a
/// pair costs two popcounts and the slugs and dates are compared only for a pair that could
/// enter the top [`MAX_RELATED`]. Articles are scored in parallel, each on its own, so the
/// result does not depend on the thread count. A corpus whose lists do not fit the masks
/// (more than 64 states or 128 people and topics, or a slug listed twice) takes the plain
/// path, which gives the same lists.
pub fn run(articles: &mut [Article]) {
    let lists = match Masks::new(articles) {
        Some(masks) => masks.related(),
        None => plain(articles),
    };
    let slugs: Vec<Vec<String>> = lists
        .into_iter()
        .map(|list| list.into_iter().map(|j| articles[j].slug.clone()).collect())
        .collect();
    for (a, list) in articles.iter_mut().zip(slugs) {
        a.related = list;
    }
}

/// One candidate: (score, date distance, slug rank, index). Smaller sorts first once the
/// score is negated, which is the order lists are ranked in.
type Candidate = (usize, i64, usize, usize);

fn better(x: &Candidate, y: &Candidate) -> bool {
    (std::cmp::Reverse(x.0), x.1, x.2) < (std::cmp::Reverse(y.0), y.1, y.2)
}

struct Masks {
    states: Vec<u64>,
    /// People in the low bits, topics above them: both weigh the same.
    others: Vec<u128>,
    /// Days since the epoch, or `None` for an undated article.
    days: Vec<Option<i64>>,
    /// Position of each slug in sorted order (equal slugs share one).
    slug_rank: Vec<usize>,
}

impl Masks {
    fn new(articles: &[Article]) -> Option<Masks> {
        let mut state_bits: HashMap<&str, u32> = HashMap::new();
        let mut other_bits: HashMap<(bool, &str), u32> = HashMap::new();
        let mut states = Vec::with_capacity(articles.len());
        let mut others = Vec::with_capacity(articles.len());
        for a in articles {
            let mut s = 0u64;
            for slug in &a.states {
                let next = state_bits.len() as u32;
                let bit = *state_bits.entry(slug).or_insert(next);
                if bit >= 64 || s & (1 << bit) != 0 {
                    return None;
                }
                s |= 1 << bit;
            }
            let mut o = 0u128;
            let keyed = a
                .people
                .iter()
                .map(|p| (false, p))
                .chain(a.tags.iter().map(|t| (true, t)));
            for (is_tag, slug) in keyed {
                let next = other_bits.len() as u32;
                let bit = *other_bits.entry((is_tag, slug)).or_insert(next);
                if bit >= 128 || o & (1 << bit) != 0 {
                    return None;
                }
                o |= 1 << bit;
            }
            states.push(s);
            others.push(o);
        }
        let mut order: Vec<usize> = (0..articles.len()).collect();
        order.sort_by(|&x, &y| articles[x].slug.cmp(&articles[y].slug));
        let mut slug_rank = vec![0; articles.len()];
        for (k, w) in order.iter().enumerate() {
            let same_as_prev = k > 0 && articles[order[k - 1]].slug == articles[*w].slug;
            slug_rank[*w] = if same_as_prev {
                slug_rank[order[k - 1]]
            } else {
                k
            };
        }
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
        let days = articles
            .iter()
            .map(|a| a.naive_date().map(|d| (d - epoch).num_days()))
            .collect();
        Some(Masks {
            states,
            others,
            days,
            slug_rank,
        })
    }

    fn related(&self) -> Vec<Vec<usize>> {
        (0..self.states.len())
            .into_par_iter()
            .map(|i| self.top(i))
            .collect()
    }

    fn top(&self, i: usize) -> Vec<usize> {
        let (sa, oa) = (self.states[i], self.others[i]);
        let mut best: Vec<Candidate> = Vec::with_capacity(MAX_RELATED + 1);
        for (j, (&sb, &ob)) in self.states.iter().zip(&self.others).enumerate() {
            let score = (sa & sb).count_ones() as usize * 2 + (oa & ob).count_ones() as usize * 3;
            if score == 0 || best.len() == MAX_RELATED && score < best[MAX_RELATED - 1].0 {
                continue;
            }
            if self.slug_rank[j] == self.slug_rank[i] {
                continue;
            }
            let distance = match (self.days[i], self.days[j]) {
                (Some(x), Some(y)) => (x - y).abs(),
                _ => i64::MAX,
            };
            let c = (score, distance, self.slug_rank[j], j);
            if best.len() == MAX_RELATED && !better(&c, &best[MAX_RELATED - 1]) {
                continue;
            }
            let at = best
                .iter()
                .position(|b| better(&c, b))
                .unwrap_or(best.len());
            best.insert(at, c);
            best.truncate(MAX_RELATED);
        }
        best.into_iter().map(|c| c.3).collect()
    }
}

/// The reference path: every pair scored on the slug lists.
fn plain(articles: &[Article]) -> Vec<Vec<usize>> {
    articles
        .iter()
        .map(|a| {
            let mut scored: Vec<(usize, i64, &str, usize)> = articles
                .iter()
                .enumerate()
                .filter(|(_, b)| b.slug != a.slug)
                .map(|(j, b)| (score(a, b), distance(a, b), b.slug.as_str(), j))
                .filter(|(s, _, _, _)| *s > 0)
                .collect();
            scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(y.2)));
            scored
                .into_iter()
                .take(MAX_RELATED)
                .map(|(_, _, _, j)| j)
                .collect()
        })
        .collect()
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
