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
/// Pairs are scored on bit masks: each state, person and topic gets a bit, and the slugs and
/// dates are compared only for a pair that could enter the top [`MAX_RELATED`]. An article
/// whose people and topics are rare finds its candidates through them and through its
/// states' articles nearest in date ([`Masks::top_indexed`]); one whose people and topics
/// are in much of the corpus finds the articles that lack few of its features, 64 at a time
/// from bit sets ([`Masks::top_near`]), which then costs less. Both give the same list;
/// neither scores every pair. Articles are scored in
/// parallel, each on its own, so the result does not depend on the thread count. A corpus
/// whose lists do not fit the masks (more than 64 states or 128 people and topics, or a
/// slug listed twice) takes the plain path, which gives the same lists.
pub fn run(articles: &mut [Article]) {
    let lists = match Masks::new(articles) {
        Some(masks) => masks.related(Path::Cheaper),
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

/// [`better`], with the lower index first among full ties: the order a scan in index order
/// keeps, so candidates may be offered in any order.
fn ahead(x: &Candidate, y: &Candidate) -> bool {
    better(x, y) || !better(y, x) && x.3 < y.3
}

/// Puts `c` into `best` (ranked by [`ahead`], at most [`MAX_RELATED`]) if it belongs there.
fn offer(best: &mut Vec<Candidate>, c: Candidate) {
    if best.len() == MAX_RELATED && !ahead(&c, &best[MAX_RELATED - 1]) {
        return;
    }
    let at = best.iter().position(|b| ahead(&c, b)).unwrap_or(best.len());
    best.insert(at, c);
    best.truncate(MAX_RELATED);
}

/// Which way [`Masks::related`] finds an article's candidates.
#[derive(Clone, Copy)]
enum Path {
    /// Through the indexes when their lists are short beside the corpus, else through the
    /// bit sets.
    Cheaper,
    #[cfg(test)]
    Indexed,
    #[cfg(test)]
    Near,
}

/// The articles of one state mask, for finding those nearest in date.
struct StateGroup {
    mask: u64,
    /// (day, slug rank, index) of the dated ones, ascending.
    dated: Vec<(i64, usize, usize)>,
    /// (slug rank, index) of the undated ones, ascending.
    undated: Vec<(usize, usize)>,
    /// (slug rank, index) of all of them, ascending: for an undated article every one is
    /// as far away, so only the slug ranks them.
    all: Vec<(usize, usize)>,
}

struct Masks {
    states: Vec<u64>,
    /// People in the low bits, topics above them: both weigh the same.
    others: Vec<u128>,
    /// Days since the epoch, or `None` for an undated article.
    days: Vec<Option<i64>>,
    /// Position of each slug in sorted order (equal slugs share one).
    slug_rank: Vec<usize>,
    /// For each person or topic bit, the articles that have it, ascending.
    postings: Vec<Vec<usize>>,
    /// The articles grouped by their state mask (those with a state only).
    state_groups: Vec<StateGroup>,
    /// For each word of 64 articles, for each state bit then each person or topic bit (the
    /// features), the articles of the word that have it: one word's features side by side,
    /// since they are read together.
    having: Vec<u64>,
    /// Where the people and topics begin among the features of `having` (after the states).
    first_other: usize,
    /// For each feature of `having`, how many articles have it.
    frequency: Vec<usize>,
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
        let days: Vec<Option<i64>> = articles
            .iter()
            .map(|a| a.naive_date().map(|d| (d - epoch).num_days()))
            .collect();
        let mut postings: Vec<Vec<usize>> = vec![Vec::new(); other_bits.len()];
        for (j, &o) in others.iter().enumerate() {
            for b in bits(o) {
                postings[b].push(j);
            }
        }
        let mut by_mask: HashMap<u64, StateGroup> = HashMap::new();
        for (j, &mask) in states.iter().enumerate() {
            if mask == 0 {
                continue;
            }
            let g = by_mask.entry(mask).or_insert_with(|| StateGroup {
                mask,
                dated: Vec::new(),
                undated: Vec::new(),
                all: Vec::new(),
            });
            match days[j] {
                Some(d) => g.dated.push((d, slug_rank[j], j)),
                None => g.undated.push((slug_rank[j], j)),
            }
            g.all.push((slug_rank[j], j));
        }
        let mut state_groups: Vec<StateGroup> = by_mask.into_values().collect();
        for g in &mut state_groups {
            g.dated.sort_unstable();
            g.undated.sort_unstable();
            g.all.sort_unstable();
        }
        // Groups in mask order, so that ties between equal levels are met the same way on
        // every run (the result does not depend on it, the work a little).
        state_groups.sort_unstable_by_key(|g| g.mask);
        let words = articles.len().div_ceil(64);
        let first_other = state_bits.len();
        let features = first_other + other_bits.len();
        let mut having = vec![0u64; words * features];
        let mut frequency = vec![0; features];
        for (j, (&sm, &om)) in states.iter().zip(&others).enumerate() {
            let word = &mut having[j / 64 * features..][..features];
            for f in bits(u128::from(sm)).chain(bits(om).map(|b| first_other + b)) {
                word[f] |= 1 << (j % 64);
                frequency[f] += 1;
            }
        }
        Some(Masks {
            first_other,
            frequency,
            states,
            others,
            days,
            slug_rank,
            postings,
            state_groups,
            having,
        })
    }

    fn related(&self, path: Path) -> Vec<Vec<usize>> {
        let n = self.states.len();
        (0..n)
            .into_par_iter()
            .map_init(
                // Sized on the first article that needs them, so a corpus that takes one
                // path does not clear the other's scratch for every split of the work.
                || (Vec::new(), Near::default()),
                |(seen, near): &mut (Vec<usize>, Near), i| {
                    let listed: usize = bits(self.others[i]).map(|b| self.postings[b].len()).sum();
                    let indexed = match path {
                        // A posting costs about what 16 articles in the bit sets do.
                        Path::Cheaper => listed * 16 < n,
                        #[cfg(test)]
                        Path::Indexed => true,
                        #[cfg(test)]
                        Path::Near => false,
                    };
                    if indexed {
                        seen.resize(n, usize::MAX);
                        self.top_indexed(i, seen)
                    } else {
                        self.top_near(i, near)
                    }
                },
            )
            .collect()
    }

    /// The list of `i` without visiting every article. Every article sharing a person or
    /// topic is in the postings of `i`'s bits and is scored there; any other candidate
    /// shares only states, so it scores exactly twice the states its mask shares, and among
    /// those of one mask the nearest in date come first. Masks are visited from the highest
    /// such score down, each walked outward from `i`'s day until nothing further along can
    /// displace the last of the list. `seen[j] == i` marks the articles already scored.
    fn top_indexed(&self, i: usize, seen: &mut [usize]) -> Vec<usize> {
        let (sa, oa, rank) = (self.states[i], self.others[i], self.slug_rank[i]);
        let mut best: Vec<Candidate> = Vec::with_capacity(MAX_RELATED + 1);
        for b in bits(oa) {
            for &j in &self.postings[b] {
                if seen[j] == i {
                    continue;
                }
                seen[j] = i;
                if self.slug_rank[j] == rank {
                    continue;
                }
                let score = shared_weight(sa, oa, self.states[j], self.others[j]);
                offer(
                    &mut best,
                    (score, self.distance(i, j), self.slug_rank[j], j),
                );
            }
        }
        let mut levels: Vec<(usize, &StateGroup)> = self
            .state_groups
            .iter()
            .filter(|g| g.mask & sa != 0)
            .map(|g| ((g.mask & sa).count_ones() as usize * 2, g))
            .collect();
        levels.sort_by_key(|&(score, g)| (std::cmp::Reverse(score), g.mask));
        let fresh = |j: usize| seen[j] != i && self.slug_rank[j] != rank;
        for (score, g) in levels {
            if best.len() == MAX_RELATED && score < best[MAX_RELATED - 1].0 {
                break;
            }
            let far: &[(usize, usize)] = match self.days[i] {
                Some(day) => {
                    let mid = g.dated.partition_point(|x| x.0 < day);
                    let (mut left, mut right) = (mid, mid);
                    loop {
                        let l = left.checked_sub(1).map(|k| (day - g.dated[k].0, k));
                        let r = g.dated.get(right).map(|x| (x.0 - day, right));
                        let (distance, k) = match (l, r) {
                            (Some(l), Some(r)) if l.0 <= r.0 => l,
                            (Some(l), None) => l,
                            (_, Some(r)) => r,
                            (None, None) => break,
                        };
                        if k < mid {
                            left -= 1;
                        } else {
                            right += 1;
                        }
                        if !open(&best, score, distance) {
                            break;
                        }
                        let (_, slug, j) = g.dated[k];
                        if fresh(j) {
                            offer(&mut best, (score, distance, slug, j));
                        }
                    }
                    &g.undated
                }
                None => &g.all,
            };
            // Every one of these is as far away (no distance), so they come in rank order
            // and the first that cannot enter ends the walk.
            for &(slug, j) in far {
                let c = (score, i64::MAX, slug, j);
                if best.len() == MAX_RELATED && !ahead(&c, &best[MAX_RELATED - 1]) {
                    break;
                }
                if fresh(j) {
                    offer(&mut best, c);
                }
            }
        }
        best.into_iter().map(|c| c.3).collect()
    }

    /// The list of `i` from the bit sets of its states, people and topics. What an article
    /// scores is what `i`'s features weigh less the weight of those it lacks, so the list
    /// is among the articles that lack little: [`Masks::near`] finds those within a budget,
    /// which grows until more than [`MAX_RELATED`] others are within it (none outside can
    /// then enter), and they are ranked by score and date.
    fn top_near(&self, i: usize, near: &mut Near) -> Vec<usize> {
        let mut features: Vec<(usize, u32)> = bits(u128::from(self.states[i]))
            .map(|b| (b, 2))
            .chain(bits(self.others[i]).map(|b| (self.first_other + b, 3)))
            .collect();
        features.sort_by_key(|&(f, _)| (self.frequency[f], f));
        let mut lightest: Vec<u32> = features.iter().map(|f| f.1).collect();
        lightest.sort_unstable();
        let wanted = Wanted {
            rows: features.iter().map(|f| f.0).collect(),
            most: lightest.iter().sum(),
            lightest,
        };
        let most = wanted.most;
        if most == 0 {
            return Vec::new();
        }
        let rank = self.slug_rank[i];
        // Most lists are full of articles that lack none of the features, or one.
        let mut budget = 0;
        loop {
            self.near(i, &wanted, most - budget, near);
            let others = near.found.iter().filter(|f| self.slug_rank[f.1] != rank);
            if others.count() >= MAX_RELATED || budget == most - 1 {
                break;
            }
            budget = (budget * 2 + 3).min(most - 1);
        }
        let mut best: Vec<Candidate> = Vec::with_capacity(MAX_RELATED + 1);
        for &(score, j) in &near.found {
            if self.slug_rank[j] != rank {
                offer(
                    &mut best,
                    (score, self.distance(i, j), self.slug_rank[j], j),
                );
            }
        }
        best.into_iter().map(|c| c.3).collect()
    }

    /// Fills `near.found` with (score, index) of the articles that score at least `least`
    /// (above zero) against article `i`, whose features are `wanted`.
    ///
    /// Such an article lacks at most `missing` of them, `missing` being how many of the
    /// lightest add up to no more than what it may lack. Articles are followed 64 at a time
    /// through the features, counting how many each has lacked; those that lacked at most
    /// `missing` are scored from their masks. Each article costs this pass a few bit
    /// operations per feature, not the slug and date comparisons of a pair.
    fn near(&self, i: usize, wanted: &Wanted, least: u32, near: &mut Near) {
        let (sa, oa) = (self.states[i], self.others[i]);
        // The most features an article can lack and still reach `least`: the lightest.
        let mut spare = wanted.most - least.max(1);
        let mut missing = 0;
        for &w in &wanted.lightest {
            if w > spare {
                break;
            }
            spare -= w;
            missing += 1;
        }
        near.found.clear();
        let rows = &wanted.rows;
        let width = self.frequency.len();
        for (w, word) in self.having.chunks_exact(width).enumerate() {
            let mut standing = match missing {
                0 => standing_with_all(word, rows),
                1 => standing_lacking_one(word, rows),
                _ => standing_lacking(word, rows, missing, &mut near.lacking),
            };
            while standing != 0 {
                let j = w * 64 + standing.trailing_zeros() as usize;
                standing &= standing - 1;
                // The last word's positions past the corpus lack every feature.
                let (Some(&s), Some(&o)) = (self.states.get(j), self.others.get(j)) else {
                    break;
                };
                let score = shared_weight(sa, oa, s, o);
                if score >= least as usize && score > 0 {
                    near.found.push((score, j));
                }
            }
        }
    }

    fn distance(&self, i: usize, j: usize) -> i64 {
        match (self.days[i], self.days[j]) {
            (Some(x), Some(y)) => (x - y).abs(),
            _ => i64::MAX,
        }
    }
}

/// The positions of `word` that have every feature of `rows`.
fn standing_with_all(word: &[u64], rows: &[usize]) -> u64 {
    let mut standing = !0u64;
    for &row in rows {
        standing &= word.get(row).copied().unwrap_or(0);
    }
    standing
}

/// The positions of `word` that lack at most one feature of `rows`.
fn standing_lacking_one(word: &[u64], rows: &[usize]) -> u64 {
    let (mut all, mut one) = (!0u64, 0u64);
    for &row in rows {
        let has = word.get(row).copied().unwrap_or(0);
        one = one & has | all & !has;
        all &= has;
    }
    all | one
}

/// The positions of `word` that lack at most `missing` features of `rows`; `lacking[k]`
/// holds those that have lacked exactly k so far.
fn standing_lacking(word: &[u64], rows: &[usize], missing: usize, lacking: &mut Vec<u64>) -> u64 {
    lacking.clear();
    lacking.push(!0);
    lacking.resize(missing + 1, 0);
    let mut standing = !0u64;
    for &row in rows {
        let has = word.get(row).copied().unwrap_or(0);
        // Those that lacked `missing` already and lack this one too fall.
        standing &= has | !lacking[missing];
        if standing == 0 {
            break;
        }
        for k in (1..=missing).rev() {
            lacking[k] = lacking[k] & has | lacking[k - 1] & !has;
        }
        lacking[0] &= has;
    }
    standing
}

/// An article's features as [`Masks::near`] reads them, worked out once for every budget.
struct Wanted {
    /// Their rows in a word of `Masks::having`, rarest first.
    rows: Vec<usize>,
    /// Their weights, lightest first.
    lightest: Vec<u32>,
    /// What they weigh together.
    most: u32,
}

/// One thread's scratch for [`Masks::near`].
#[derive(Default)]
struct Near {
    lacking: Vec<u64>,
    /// (score, index) of the articles found.
    found: Vec<(usize, usize)>,
}

/// Whether a candidate of this score and distance could still enter `best`; among equal
/// scores and distances the slug and index decide, so those are offered.
fn open(best: &[Candidate], score: usize, distance: i64) -> bool {
    best.len() < MAX_RELATED || {
        let last = &best[MAX_RELATED - 1];
        score > last.0 || score == last.0 && distance <= last.1
    }
}

/// What two articles' masks share, weighed as [`score`] weighs their lists.
fn shared_weight(sa: u64, oa: u128, sb: u64, ob: u128) -> usize {
    (sa & sb).count_ones() as usize * 2 + (oa & ob).count_ones() as usize * 3
}

/// The positions of the set bits of `mask`, lowest first.
fn bits(mask: u128) -> impl Iterator<Item = usize> {
    let mut rest = mask;
    std::iter::from_fn(move || {
        (rest != 0).then(|| {
            let b = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            b
        })
    })
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

    /// A corpus drawn from `seed`: `pool` states and as many people and topics, each article
    /// naming up to `most` of each, dates from a narrow span (so distances tie) with some
    /// left out, and slugs drawn with repeats.
    fn corpus(seed: u64, n: usize, pool: usize, most: usize) -> Vec<Article> {
        let mut seed = seed;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let pick = |prefix: &str, next: &mut dyn FnMut(usize) -> usize| {
            let mut v: Vec<String> = Vec::new();
            for _ in 0..next(most + 1) {
                let name = format!("{prefix}{}", next(pool));
                if !v.contains(&name) {
                    v.push(name);
                }
            }
            v
        };
        (0..n)
            .map(|_| {
                let slug = format!("s{}", next(n * 9 / 10));
                let mut a = art(&slug, &[], &[]);
                a.states = pick("state", &mut next);
                a.people = pick("person", &mut next);
                a.tags = pick("topic", &mut next);
                if next(5) != 0 {
                    a.date = Some(format!("2020-{:02}-{:02}", 1 + next(2), 1 + next(20)));
                }
                a
            })
            .collect()
    }

    #[test]
    fn both_paths_give_the_plain_lists() {
        // Sparse (many names, few each), mixed and dense (few names, many each) corpora.
        for (seed, pool, most) in [(1, 40, 2), (2, 12, 3), (3, 6, 4), (4, 3, 2), (5, 30, 1)] {
            let articles = corpus(seed, 300, pool, most);
            assert!(articles.iter().filter(|a| a.naive_date().is_none()).count() > 20);
            let masks = Masks::new(&articles).expect("at most 64 states and 128 others");
            let expected = plain(&articles);
            for path in [Path::Cheaper, Path::Indexed, Path::Near] {
                let lists = masks.related(path);
                for (i, (got, want)) in lists.iter().zip(&expected).enumerate() {
                    assert_eq!(got, want, "article {i} of corpus {seed}");
                }
            }
            assert!(expected.iter().any(|l| l.len() == MAX_RELATED));
        }
    }
}
