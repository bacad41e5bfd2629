//! `chronology` (corpus-wide): every sentence or list item that carries an explicit date
//! becomes an event, deduplicated across articles, joined by the curated events.
//!
//! A sentence gives one event per distinct date in it; a bare year is dropped when the same
//! sentence pins a more precise date in that year ("اليوم 19 ديسمبر 2022 … في عام 2022").
//! Two events are the same fact when their dates agree (one may be more precise than the
//! other) and their words overlap enough; the merged event keeps the more precise date and
//! lists every source.

use crate::error::Diagnostic;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::Datelike;

use crate::arabic;
use crate::content::markdown::{BlockKind, BLOCK_SEPARATOR};
use crate::content::Article;
use crate::data::events::CuratedEvent;
use crate::dates::{find_dates, find_dates_on, DateMention, PartialDate, Precision};
use crate::enrich::gazetteer::{Stemmed, View};
use crate::model::Event;

mod raw;
use raw::{Names, Raw, Source};
pub use raw::{Stored, StoredOwned};

/// Word overlap (Jaccard on content-word stems) above which two events of compatible dates
/// are one fact.
const SAME_FACT: f64 = 0.35;
/// The lower bar when both name the very same day: two reports of one day's news seldom
/// share many words, and two different facts on one day are rarer than one fact retold.
const SAME_DAY_FACT: f64 = 0.2;
/// Words a wire dateline's city (and "في") may take before the date.
const WIRE_CITY_WORDS: usize = 3;
/// Fewest words an event's clause may have before its neighbours are joined to it.
const CLAUSE_MIN_WORDS: usize = 7;
/// The bar when one article names the same day twice: it tells one day's news in parts.
const SAME_ARTICLE_DAY_FACT: f64 = 0.05;
/// Sources beyond which the merge keeps a kept event's slugs in a set (two in tests, so
/// that the tests holding the merge to its plain definition take both ways).
const MANY_SOURCES: usize = if cfg!(test) { 2 } else { 16 };
/// Longest event text kept, in characters.
const MAX_TEXT: usize = 480;

/// A date whose year the text leaves out and that, read in the publication year, falls after
/// the article without a word saying it is still to come ("في 20 ديسمبر" in a March article).
fn is_guess(m: &DateMention, published: Option<chrono::NaiveDate>, sentence: &str) -> bool {
    const FUTURE_WORDS: [&str; 6] = ["المقبل", "القادم", "سوف", "سيتم", "ستعقد", "يعتزم"];
    // A part of "this year" names its year; only a month or a day left without one is read.
    let after = match (published, m.start.month, m.start.to_naive()) {
        (Some(p), _, Some(d)) => d > p,
        (Some(p), Some(month), None) => (m.start.year, month) > (p.year(), p.month()),
        _ => false,
    };
    m.year_inferred && after && !FUTURE_WORDS.iter().any(|w| sentence.contains(w))
}

/// The agency dateline that opens wire copy ("يريفان في 23 ديسمبر/أرمنبريس:", "موسكو 5
/// يوليو (رويترز) -"): the day the copy was filed, not a happening of its own.
fn is_wire_dateline(text: &str, m: &DateMention) -> bool {
    let before = text.get(..m.span.start).unwrap_or("");
    let after = text.get(m.span.end..).unwrap_or("").trim_start();
    m.year_inferred
        && before.split_whitespace().count() <= WIRE_CITY_WORDS
        && !before.contains(['.', '،', ','])
        && after.starts_with(['/', '(', ':', '-', '–', '—'])
}

/// Finds which states and people a piece of text names, given its tokens when they are at
/// hand; supplied by the gazetteer enrichers.
pub type Tagger<'a> = dyn Fn(&str, Option<View<'_>>) -> (Vec<String>, Vec<String>) + Sync + 'a;

pub struct Chronology;

impl super::CorpusEnricher for Chronology {
    fn name(&self) -> &'static str {
        "chronology"
    }

    fn run(&self, corpus: &mut super::Corpus, ctx: &super::EnrichContext<'_>) -> Vec<Diagnostic> {
        let tagger = |text: &str, stemmed: Option<View<'_>>| {
            super::tag_text(ctx.finder(), text, stemmed, ctx)
        };
        let known = std::mem::take(&mut corpus.article_events);
        let found = std::mem::take(&mut corpus.found);
        // Each article's own events are handed back only to a caller that passed some in
        // (`serve`, which keeps them for the next rebuild); a one-off build moves them into
        // the chronology instead of holding every event twice.
        if known.is_empty() {
            use rayon::prelude::*;
            let raw: Vec<Vec<Raw>> = if found.len() == corpus.articles.len() {
                found.into_iter().map(|f| f.0).collect()
            } else {
                corpus
                    .articles
                    .par_iter()
                    .map(|a| raw_events(a, &tagger))
                    .collect()
            };
            corpus.events = merge(
                ctx.curated_events,
                raw.into_iter().flatten().map(Unmerged::Raw),
            );
        } else {
            let per_article = article_events_reusing(&corpus.articles, known, &tagger);
            corpus.events = merge(
                ctx.curated_events,
                made(per_article.iter().flatten().cloned()),
            );
            corpus.article_events = per_article.into_iter().map(Some).collect();
        }
        // Each article's events, in chronology order, and its place among each one's
        // sources, from one pass over the events.
        let mut by_slug: FxHashMap<&str, (Vec<String>, Vec<u32>)> = FxHashMap::default();
        for e in &corpus.events {
            for (at, s) in e.sources.iter().enumerate() {
                let (ids, places) = by_slug.entry(&*s.slug).or_default();
                if ids.last() != Some(&e.id) {
                    ids.push(e.id.clone());
                    places.push(at as u32);
                }
            }
        }
        for a in corpus.articles.iter_mut() {
            (a.events, a.event_sources) = by_slug.remove(a.slug.as_str()).unwrap_or_default();
        }
        Vec::new()
    }
}

/// One article's events before the merge, found while its blocks are at hand: `build`
/// keeps the blocks only until the per-article enrichers are done.
#[derive(Debug, Default)]
pub struct Found(Vec<Raw>);

impl Found {
    /// The events of `article`, as [`article_events`] finds them.
    pub fn of(article: &Article, ctx: &super::EnrichContext<'_>) -> Found {
        let tagger = |text: &str, stemmed: Option<View<'_>>| {
            super::tag_text(ctx.finder(), text, stemmed, ctx)
        };
        Found(raw_events(article, &tagger))
    }

    /// The events as the on-disk cache writes them beside their article.
    pub fn stored(&self) -> Vec<raw::Stored<'_>> {
        self.0.iter().map(Raw::stored).collect()
    }

    /// The events of `article` as [`Found::stored`] wrote them.
    pub fn restore(stored: Vec<raw::StoredOwned>, article: &Article) -> Found {
        Found(raw::restore(
            stored,
            &article.slug,
            &article.title,
            &article.path,
        ))
    }
}

/// The events of one article, in text order.
pub fn article_events(article: &Article, tagger: &Tagger<'_>) -> Vec<Event> {
    raw_events(article, tagger)
        .into_iter()
        .map(Raw::into_event)
        .collect()
}

/// Where each block's text sits in the article's text ([`crate::content::text_of`] its
/// blocks); `None` from the first block that is not where it should be.
fn block_offsets(article: &Article) -> Vec<Option<usize>> {
    let mut at = Some(0);
    let mut out = Vec::with_capacity(article.blocks.len());
    for b in &article.blocks {
        if b.text.is_empty() {
            out.push(None);
            continue;
        }
        let here = at.filter(|&a| article.text.get(a..a + b.text.len()) == Some(b.text.as_str()));
        out.push(here);
        at = here.map(|a| a + b.text.len() + BLOCK_SEPARATOR.len());
    }
    out
}

/// [`article_events`], each kept lean until its bucket is merged.
fn raw_events(article: &Article, tagger: &Tagger<'_>) -> Vec<Raw> {
    let published = article.naive_date();
    let slug: Arc<str> = article.slug.as_str().into();
    let title: Arc<str> = article.title.as_str().into();
    let mut out: Vec<Raw> = Vec::new();
    // The enrichers before have just stemmed the article's text on this thread: its dated
    // sentences are read from those tokens rather than tokenised and stemmed again.
    let whole = Stemmed::remembered(&article.text);
    let at_in_text = block_offsets(article);
    for (n, (block, at)) in article
        .blocks
        .iter()
        .zip(at_in_text)
        .filter(|(b, _)| b.kind != BlockKind::Heading)
        .enumerate()
    {
        let mut mentions = match published {
            Some(d) => find_dates_on(&block.text, d),
            None => find_dates(&block.text, None),
        };
        if n == 0 {
            mentions.retain(|m| !is_wire_dateline(&block.text, m));
        }
        if mentions.is_empty() {
            continue;
        }
        let path: Arc<str> = format!("{}#{}", article.path, block.anchor).into();
        for (range, sentence_mentions) in group_by_sentence(&block.text, &mentions) {
            let untrimmed = &block.text[range.clone()];
            let sentence = untrimmed.trim();
            let from = range.start + (untrimmed.len() - untrimmed.trim_start().len());
            let stemmed = match (&whole, at) {
                (Some(whole), Some(at)) => whole.within(at + from, at + from + sentence.len()),
                _ => None,
            };
            let kept = keep_precise(&sentence_mentions);
            let (states, people) = tagger(sentence, stemmed);
            let (states, people) = (Names::of(states), Names::of(people));
            let several = kept.len() > 1;
            for m in kept {
                // A sentence that dates two happenings gives each the clause that tells it.
                let text = if several {
                    clip(clause_around(&block.text, range.clone(), &m.span))
                } else {
                    clip(sentence)
                };
                out.push(Raw {
                    start: m.start,
                    end: m.end,
                    precision: m.precision,
                    guessed: is_guess(m, published, sentence),
                    text: text.into(),
                    states: states.clone(),
                    people: people.clone(),
                    source: Source {
                        slug: Arc::clone(&slug),
                        title: Arc::clone(&title),
                        path: Arc::clone(&path),
                        anchor_at: article.path.len() + 1,
                        line: block.line,
                    },
                });
            }
        }
    }
    out
}

impl Event {
    fn from_curated(c: &CuratedEvent) -> Option<Event> {
        let start = partial(&c.date)?;
        let end = c.end.as_deref().and_then(partial);
        let precision = match (end, start.month, start.day) {
            (Some(_), _, _) => Precision::Range,
            (None, Some(_), Some(_)) => Precision::Day,
            (None, Some(_), None) => Precision::Month,
            _ => Precision::Year,
        };
        let mut e = Event::new(
            start,
            end,
            precision,
            c.text.trim().to_string(),
            c.states.clone(),
            c.people.clone(),
            Vec::new(),
        );
        e.curated = true;
        e.source_title = c.source_title.clone();
        e.source_url = c.source_url.clone();
        Some(e)
    }

    /// True when `other` reports the same fact: compatible dates and overlapping words. The
    /// definition [`dedupe`] implements faster; kept for the test that holds it to it.
    #[cfg(test)]
    fn same_fact(&self, other: &Event) -> bool {
        let bar = self.fact_bar(other);
        compatible(&self.start, &other.start)
            && self.end == other.end
            && jaccard(&words(&self.text), &words(&other.text)) >= bar
    }

    /// [`Event::same_fact`] with the words as sorted interned ids (`mine` for `self`) and,
    /// when `self` has many sources, their slugs in a set. The overlap is worked out once and
    /// the bar only as far as it decides: most pairs are above every bar or below it for
    /// want of the same day, and whether two events share an article is a walk over sources
    /// that a fact retold across a large archive has by the thousand.
    fn same_fact_keyed(
        &self,
        mine: &[u32],
        other: &Event,
        theirs: &[u32],
        slugs: Option<&FxHashSet<Arc<str>>>,
    ) -> bool {
        if !compatible(&self.start, &other.start) || self.end != other.end {
            return false;
        }
        let overlap = jaccard_keyed(mine, theirs);
        if overlap >= SAME_FACT {
            return true;
        }
        let same_day = self.start.day.is_some() && self.start == other.start;
        if !same_day || overlap < SAME_ARTICLE_DAY_FACT {
            return false;
        }
        overlap >= SAME_DAY_FACT
            || match slugs {
                Some(set) => other.sources.iter().any(|o| set.contains(&o.slug)),
                None => self.shares_article(other),
            }
    }

    fn shares_article(&self, other: &Event) -> bool {
        self.sources
            .iter()
            .any(|s| other.sources.iter().any(|o| o.slug == s.slug))
    }

    /// The word overlap above which `other` is the same fact: lower for the very same day,
    /// and lower still when one article names that day twice (a summit, then its decisions).
    #[cfg(test)]
    fn fact_bar(&self, other: &Event) -> f64 {
        let same_day = self.start.day.is_some() && self.start == other.start;
        if same_day && self.shares_article(other) {
            SAME_ARTICLE_DAY_FACT
        } else if same_day {
            SAME_DAY_FACT
        } else {
            SAME_FACT
        }
    }

    /// Takes in `other`'s sources, states and people and, when more precise, its date;
    /// `slugs`, when given, holds the slugs of `self`'s sources and is kept up to date.
    fn absorb(&mut self, other: Event, mut slugs: Option<&mut FxHashSet<Arc<str>>>) {
        // Keep the more precise date.
        if other.start.day.is_some() && self.start.day.is_none()
            || other.start.month.is_some() && self.start.month.is_none()
        {
            self.start = other.start;
            self.date = other.date.clone();
            self.precision = other.precision;
            self.sort_key = other.sort_key;
            self.part = other.part;
        }
        // One link per article: a fact retold twice in one article keeps its first anchor.
        for s in other.sources {
            let new = match slugs.as_deref_mut() {
                Some(set) => set.insert(Arc::clone(&s.slug)),
                None => !self.sources.iter().any(|k| k.slug == s.slug),
            };
            if new {
                self.sources.push(s);
            }
        }
        for s in other.states {
            if !self.states.contains(&s) {
                self.states.push(s);
            }
        }
        for p in other.people {
            if !self.people.contains(&p) {
                self.people.push(p);
            }
        }
        self.curated |= other.curated;
        if self.source_url.is_none() {
            self.source_url = other.source_url;
            self.source_title = other.source_title;
        }
    }
}

fn partial(s: &str) -> Option<PartialDate> {
    let (y, m, d) = crate::dates::iso::parse_partial(s)?;
    Some(PartialDate {
        year: y,
        month: (m > 0).then_some(m),
        day: (d > 0).then_some(d),
        part: None,
    })
}

/// Same year, and month and day equal wherever both are known.
fn compatible(a: &PartialDate, b: &PartialDate) -> bool {
    a.year == b.year
        && (a.month.is_none() || b.month.is_none() || a.month == b.month)
        && (a.day.is_none() || b.day.is_none() || a.day == b.day)
}

/// Merge same-fact events. Input order decides which text and id an event keeps: each event
/// joins the first earlier one that reports the same fact.
///
/// Only events of the same year and end can be the same fact, so the events are split into
/// (year, end) buckets that are merged independently, in parallel; the result is sorted by
/// date, id and first appearance, so it does not depend on which bucket finished first.
pub fn dedupe(events: impl IntoIterator<Item = Event>) -> Vec<Event> {
    dedupe_unmerged(made(events))
}

/// An event waiting for its bucket to be merged: one already made (curated, or kept from
/// an earlier run) or an article's raw one, made only when its bucket reaches it.
enum Unmerged {
    Made(Box<Event>),
    Raw(Raw),
}

impl Unmerged {
    fn text(&self) -> &str {
        match self {
            Unmerged::Made(e) => &e.text,
            Unmerged::Raw(r) => &r.text,
        }
    }

    /// The (year, end) bucket: only events of the same one can be the same fact.
    fn bucket(&self) -> (i32, Option<String>) {
        match self {
            Unmerged::Made(e) => (e.start.year, e.end.clone()),
            Unmerged::Raw(r) => (r.start.year, r.end.map(|e| e.iso())),
        }
    }

    fn into_event(self) -> Event {
        match self {
            Unmerged::Made(e) => *e,
            Unmerged::Raw(r) => r.into_event(),
        }
    }
}

fn made(events: impl IntoIterator<Item = Event>) -> impl Iterator<Item = Unmerged> {
    events.into_iter().map(|e| Unmerged::Made(Box::new(e)))
}

/// [`dedupe`] of events made and raw.
fn dedupe_unmerged(events: impl IntoIterator<Item = Unmerged>) -> Vec<Event> {
    use rayon::prelude::*;
    /// Events of one (year, end), each with its position in the input.
    type Bucket = Vec<(usize, Unmerged)>;
    let mut buckets: HashMap<(i32, Option<String>), Bucket> = HashMap::new();
    for (i, e) in events.into_iter().enumerate() {
        buckets.entry(e.bucket()).or_default().push((i, e));
    }
    let mut out: Vec<(usize, Event)> = buckets
        .into_par_iter()
        .flat_map_iter(|(_, bucket)| dedupe_bucket(bucket))
        .collect();
    out.sort_by(|(i, a), (j, b)| {
        a.sort_key
            .cmp(&b.sort_key)
            .then_with(|| a.id.cmp(&b.id))
            .then(i.cmp(j))
    });
    out.into_iter().map(|(_, e)| e).collect()
}

/// [`dedupe`] within one (year, end) bucket, each event kept with its input position.
///
/// Comparing each event with every earlier kept one is quadratic in a year's events (a
/// year-only event is compatible with every day of its year), so kept events are found
/// through their words instead (prefix filtering, Bayardo, Ma and Srikant, "Scaling up
/// all pairs similarity search"). Word ids are ranks by rarity within the bucket, so each
/// event's sorted key starts with its rarest words; two keys whose Jaccard reaches
/// [`SAME_FACT`] must share a word within each one's prefix ([`prefix_len`]), so an index
/// from word to the kept events whose prefix holds it yields every candidate at that bar,
/// and [`Postings`] narrows it to the kept events whose date can be the same.
/// The lower same-day bars hold only between events of the very same date, which are found
/// by scanning the kept events of that (month, day) plainly. An event joins the first
/// candidate that is the same fact, as it would the first of all earlier kept events.
fn dedupe_bucket(events: Vec<(usize, Unmerged)>) -> Vec<(usize, Event)> {
    let keys = rarity_keys(&events);
    type DayKey = (Option<u32>, Option<u32>);
    // Kept events of each exact (month, day), ascending: where the same-day bars apply.
    let mut groups: FxHashMap<DayKey, Vec<usize>> = FxHashMap::default();
    let vocabulary = keys.iter().flatten().max().map_or(0, |&w| w as usize + 1);
    let mut postings = Postings::new(vocabulary);
    let mut out: Vec<(usize, Event)> = Vec::new();
    let mut out_keys: Vec<Vec<u32>> = Vec::new();
    // The slugs of a kept event's sources, once it has more than MANY_SOURCES.
    let mut slugs: Vec<Option<Box<FxHashSet<Arc<str>>>>> = Vec::new();
    let mut candidates: Vec<u32> = Vec::new();
    for ((i, e), key) in events.into_iter().zip(keys) {
        let e = e.into_event();
        let mut first: Option<usize> = None;
        if e.start.day.is_some() {
            if let Some(members) = groups.get(&(e.start.month, e.start.day)) {
                first = members.iter().copied().find(|&k| {
                    let set = slugs[k].as_deref();
                    out[k].1.same_fact_keyed(&out_keys[k], &e, &key, set)
                });
            }
        }
        let prefix = &key[..prefix_len(key.len())];
        postings.candidates(prefix, &e.start, &mut candidates);
        for &k in &candidates {
            let k = k as usize;
            if first.is_some_and(|f| k >= f) {
                break;
            }
            if out[k]
                .1
                .same_fact_keyed(&out_keys[k], &e, &key, slugs[k].as_deref())
            {
                first = Some(k);
                break;
            }
        }
        match first {
            Some(k) => {
                let kept = &mut out[k].1;
                let before = kept.start;
                kept.absorb(e, slugs[k].as_deref_mut());
                if slugs[k].is_none() && kept.sources.len() > MANY_SOURCES {
                    let set = kept.sources.iter().map(|s| Arc::clone(&s.slug)).collect();
                    slugs[k] = Some(Box::new(set));
                }
                let after = kept.start;
                let (was, is) = ((before.month, before.day), (after.month, after.day));
                if was != is {
                    if let Some(list) = groups.get_mut(&was) {
                        list.retain(|&m| m != k);
                    }
                    let list = groups.entry(is).or_default();
                    let at = list.partition_point(|&m| m < k);
                    list.insert(at, k);
                    let prefix = &out_keys[k][..prefix_len(out_keys[k].len())];
                    postings.redated(k as u32, prefix, &before, &after);
                }
            }
            None => {
                let k = out.len();
                groups
                    .entry((e.start.month, e.start.day))
                    .or_default()
                    .push(k);
                postings.keep(k as u32, prefix, &e.start);
                out.push((i, e));
                out_keys.push(key);
                slugs.push(None);
            }
        }
    }
    out
}

/// One bucket's kept events by the words of their prefix, and by their month and day too:
/// an event of a known day can be the same fact only as one of that day, of that month
/// without a day, or of no month, so it need not meet the rest of its year. Lists hold
/// kept events by index; one whose date grew more precise is added under its new date and
/// left under the old one, where [`compatible`] turns it away.
struct Postings {
    /// Every kept event, by word: for an event without a month.
    all: Vec<Vec<u32>>,
    /// By word and month (none for a kept event without one), whatever the day.
    month: FxHashMap<(u32, Option<u32>), Vec<u32>>,
    /// By word, month and day, for kept events with a month.
    day: FxHashMap<(u32, u32, Option<u32>), Vec<u32>>,
}

impl Postings {
    fn new(vocabulary: usize) -> Postings {
        Postings {
            all: vec![Vec::new(); vocabulary],
            month: FxHashMap::default(),
            day: FxHashMap::default(),
        }
    }

    fn keep(&mut self, k: u32, prefix: &[u32], date: &PartialDate) {
        for &w in prefix {
            self.all[w as usize].push(k);
            self.month.entry((w, date.month)).or_default().push(k);
            if let Some(m) = date.month {
                self.day.entry((w, m, date.day)).or_default().push(k);
            }
        }
    }

    fn redated(&mut self, k: u32, prefix: &[u32], before: &PartialDate, after: &PartialDate) {
        for &w in prefix {
            if after.month != before.month {
                self.month.entry((w, after.month)).or_default().push(k);
            }
            if let Some(m) = after.month {
                if (after.month, after.day) != (before.month, before.day) {
                    self.day.entry((w, m, after.day)).or_default().push(k);
                }
            }
        }
    }

    /// The kept events, ascending, that share a word of `prefix` and may have `date`'s day.
    fn candidates(&self, prefix: &[u32], date: &PartialDate, out: &mut Vec<u32>) {
        out.clear();
        for &w in prefix {
            match (date.month, date.day) {
                (None, _) => out.extend(&self.all[w as usize]),
                (Some(m), None) => {
                    for month in [Some(m), None] {
                        out.extend(self.month.get(&(w, month)).into_iter().flatten());
                    }
                }
                (Some(m), Some(d)) => {
                    for day in [Some(d), None] {
                        out.extend(self.day.get(&(w, m, day)).into_iter().flatten());
                    }
                    out.extend(self.month.get(&(w, None)).into_iter().flatten());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Each event's content words as sorted ids, an id being the word's rank by how few of the
/// bucket's events hold it (ties by first appearance), so the rarest words come first.
fn rarity_keys(events: &[(usize, Unmerged)]) -> Vec<Vec<u32>> {
    let mut interned: FxHashMap<Arc<str>, u32> = FxHashMap::default();
    // The words are worked out here, one bucket at a time, rather than kept on every event
    // from the start: as sets of strings they were most of the chronology's memory.
    let mut keys: Vec<Vec<u32>> = events
        .iter()
        .map(|(_, e)| {
            words(e.text())
                .into_iter()
                .map(|w| {
                    let next = interned.len() as u32;
                    *interned.entry(w).or_insert(next)
                })
                .collect()
        })
        .collect();
    let mut frequency = vec![0u32; interned.len()];
    drop(interned);
    for &w in keys.iter().flatten() {
        frequency[w as usize] += 1;
    }
    let mut order: Vec<u32> = (0..frequency.len() as u32).collect();
    order.sort_unstable_by_key(|&w| (frequency[w as usize], w));
    let mut rank = vec![0u32; frequency.len()];
    for (r, &w) in order.iter().enumerate() {
        rank[w as usize] = r as u32;
    }
    for key in &mut keys {
        for w in key.iter_mut() {
            *w = rank[*w as usize];
        }
        key.sort_unstable();
    }
    keys
}

/// How many of a key's first (rarest) words must hold one that another key shares when the
/// two reach [`SAME_FACT`]: an overlap of at least `ceil(bar * len)` leaves at most
/// `len - ceil(bar * len)` words outside it. The bar is taken a hair low so that rounding in
/// the ratio [`jaccard_keyed`] computes can only lengthen the prefix.
fn prefix_len(len: usize) -> usize {
    let bar = SAME_FACT - 1e-9;
    let overlap = (bar * len as f64).ceil() as usize;
    (len + 1).saturating_sub(overlap).min(len)
}

/// The whole chronology: events of every article (in the order given), then curated ones.
pub fn build(articles: &[Article], curated: &[CuratedEvent], tagger: &Tagger<'_>) -> Vec<Event> {
    let per_article = article_events_reusing(articles, Vec::new(), tagger);
    merge(curated, made(per_article.into_iter().flatten()))
}

/// Every article's own events, in parallel; `known[i]`, when given, stands for article `i`'s.
fn article_events_reusing(
    articles: &[Article],
    known: Vec<Option<Vec<Event>>>,
    tagger: &Tagger<'_>,
) -> Vec<Vec<Event>> {
    use rayon::prelude::*;
    let mut known = known;
    known.resize(articles.len(), None);
    articles
        .par_iter()
        .zip(known)
        .map(|(a, k)| k.unwrap_or_else(|| article_events(a, tagger)))
        .collect()
}

/// The chronology: curated events first, then the articles', deduplicated.
fn merge(curated: &[CuratedEvent], found: impl IntoIterator<Item = Unmerged>) -> Vec<Event> {
    // Straight into dedupe's buckets, each article's list freed as it is read: gathering
    // them in one list first held every raw event twice, the largest memory of a build.
    dedupe_unmerged(made(curated.iter().filter_map(Event::from_curated)).chain(found))
}

/// Byte ranges of the sentences of `text` that hold at least one mention, with their mentions.
fn group_by_sentence<'m>(
    text: &str,
    mentions: &'m [DateMention],
) -> Vec<(std::ops::Range<usize>, Vec<&'m DateMention>)> {
    let bounds = sentence_bounds(text);
    let mut out: Vec<(std::ops::Range<usize>, Vec<&DateMention>)> = Vec::new();
    for m in mentions {
        let Some(r) = bounds.iter().find(|r| r.contains(&m.span.start)) else {
            continue;
        };
        match out.last_mut() {
            Some((last, ms)) if last == r => ms.push(m),
            _ => out.push((r.clone(), vec![m])),
        }
    }
    out
}

/// Sentence ranges: a sentence ends at `.`, `!`, `?` or `؟` followed by whitespace, unless the
/// full stop sits between digits.
pub fn sentence_bounds(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '؟') {
            continue;
        }
        if chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
            let end = b + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Drop a bare year (or a vaguer date) when the sentence has a more precise date, or a range
/// starting, inside it ("تدريبات «… - 2022» في الفترة من 10 إلى 14 أكتوبر" is one event), and
/// drop repeats of one date.
/// The clause of `text[sentence]` that holds `mention`: cut at "،" and "؛", and widened
/// over its neighbours until it reads on its own ([`CLAUSE_MIN_WORDS`]).
fn clause_around<'t>(
    text: &'t str,
    sentence: std::ops::Range<usize>,
    mention: &std::ops::Range<usize>,
) -> &'t str {
    let Some(s) = text.get(sentence.clone()) else {
        return "";
    };
    let mut cuts: Vec<usize> = vec![0];
    cuts.extend(
        s.char_indices()
            .filter(|&(_, c)| matches!(c, '،' | '؛' | ';'))
            .map(|(i, c)| i + c.len_utf8()),
    );
    cuts.push(s.len());
    let at = mention.start.saturating_sub(sentence.start);
    let k = cuts.iter().rposition(|&c| c <= at).unwrap_or(0);
    let (mut lo, mut hi) = (k, (k + 1).min(cuts.len() - 1));
    let words = |a: usize, b: usize| {
        s.get(cuts[a]..cuts[b])
            .map_or(0, |t| t.split_whitespace().count())
    };
    while words(lo, hi) < CLAUSE_MIN_WORDS && (lo > 0 || hi + 1 < cuts.len()) {
        if hi + 1 < cuts.len() {
            hi += 1;
        } else {
            lo -= 1;
        }
    }
    s.get(cuts[lo]..cuts[hi])
        .unwrap_or(s)
        .trim()
        .trim_end_matches(['،', '؛', ';'])
        .trim()
}

fn keep_precise<'m>(mentions: &[&'m DateMention]) -> Vec<&'m DateMention> {
    let mut kept: Vec<&DateMention> = Vec::new();
    for m in mentions {
        let vaguer_than_another = m.end.is_none()
            && mentions.iter().any(|o| {
                !std::ptr::eq(*o, *m)
                    && compatible(&o.start, &m.start)
                    && (o.start.month.is_some() && m.start.month.is_none()
                        || o.start.day.is_some() && m.start.day.is_none())
            });
        let repeat = kept.iter().any(|k| k.start == m.start && k.end == m.end);
        if !vaguer_than_another && !repeat {
            kept.push(m);
        }
    }
    kept
}

fn clip(sentence: &str) -> String {
    let s = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= MAX_TEXT {
        return s;
    }
    let mut out = String::new();
    for w in s.split(' ') {
        if out.chars().count() + w.chars().count() + 2 > MAX_TEXT {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out + "…"
}

/// Function words and date words (normalised) that say nothing about which fact a sentence
/// reports; the date itself is compared separately.
const NOT_CONTENT: [&str; 24] = [
    "عام",
    "العام",
    "سنه",
    "علي",
    "الي",
    "التي",
    "الذي",
    "هذا",
    "هذه",
    "كما",
    "حيث",
    "بعد",
    "قبل",
    "خلال",
    "ذلك",
    "تلك",
    "كان",
    "كانت",
    "وقد",
    "يوم",
    "اليوم",
    "شهر",
    "منذ",
    "حتي",
];

/// Distinct tokens whose content word a thread keeps before it starts again.
const KNOWN_TOKENS: usize = 200_000;

thread_local! {
    static CONTENT_WORDS: RefCell<FxHashMap<String, Option<Arc<str>>>> =
        RefCell::new(FxHashMap::default());
}

/// The content word a token stands for, reduced to its shortest clitic-free stem so that
/// «المعاهدة» and «معاهدة», «وقّعت» and «ووقعت» count as the same word; none for numbers,
/// month names, function words and stems under three letters.
fn content_word(token: &str) -> Option<Arc<str>> {
    if NOT_CONTENT.contains(&token)
        || token.chars().all(|c| c.is_ascii_digit())
        || arabic::month_number(token).is_some()
    {
        return None;
    }
    super::gazetteer::readings(token)
        .iter()
        .min_by_key(|s| s.chars().count())
        .filter(|w| w.chars().count() >= 3)
        .map(|w| Arc::from(w.as_str()))
}

/// The content words of a text ([`content_word`]), as sorted, deduplicated stems. A token's
/// word is worked out once per thread: the events of a corpus share most of their words.
fn words(text: &str) -> Vec<Arc<str>> {
    let mut out: Vec<Arc<str>> = CONTENT_WORDS.with(|known| {
        let mut known = known.borrow_mut();
        if known.len() > KNOWN_TOKENS {
            known.clear();
        }
        arabic::tokenize(text)
            .into_iter()
            .filter_map(|t| match known.get(t.text.as_str()) {
                Some(w) => w.clone(),
                None => {
                    let w = content_word(&t.text);
                    known.insert(t.text, w.clone());
                    w
                }
            })
            .collect()
    });
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
fn jaccard(a: &[Arc<str>], b: &[Arc<str>]) -> f64 {
    use std::collections::BTreeSet;
    let (a, b): (BTreeSet<&Arc<str>>, BTreeSet<&Arc<str>>) =
        (a.iter().collect(), b.iter().collect());
    let inter = a.intersection(&b).count();
    let union = a.union(&b).count();
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// [`jaccard`] over sorted, deduplicated ids, computed by one merge; 0 for lengths too far
/// apart to reach the lowest bar.
fn jaccard_keyed(a: &[u32], b: &[u32]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The intersection is at most the smaller set and the union at least the larger.
    if large.is_empty() || (small.len() as f64 / large.len() as f64) < SAME_ARTICLE_DAY_FACT {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    inter as f64 / union as f64
}

#[cfg(test)]
pub(crate) mod tests_support {
    use crate::content::Article;

    pub fn article(slug: &str, date: Option<&str>, body: &str) -> Article {
        let date = date.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let fm = crate::content::front_matter::FrontMatter {
            title: Some(slug.into()),
            ..Default::default()
        };
        crate::content::assemble(
            format!("{slug}.md").into(),
            slug.into(),
            fm,
            date,
            body,
            Default::default(),
        )
        .expect("test bodies nest shallowly")
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::article;
    use super::*;
    use crate::model::EventSource;

    fn none(_: &str, _: Option<View<'_>>) -> (Vec<String>, Vec<String>) {
        (vec![], vec![])
    }

    #[test]
    fn one_event_per_dated_sentence_with_anchor() {
        let a = article(
            "a",
            Some("2022-12-19"),
            "قال الأمين العام اليوم 19 ديسمبر 2022 في مؤتمر عن نتائج عام 2022. ثم تحدث عن الخطط.\n\n- ـ في 23 نوفمبر عقدت القمة في العاصمة.\n",
        );
        let ev = article_events(&a, &none);
        let dates: Vec<(&str, Precision)> =
            ev.iter().map(|e| (e.date.as_str(), e.precision)).collect();
        assert_eq!(
            dates,
            [
                ("2022-12-19", Precision::Day),
                ("2022-11-23", Precision::Day)
            ]
        );
        assert_eq!(&*ev[0].sources[0].path, "articles/a/#p1");
        assert_eq!(ev[1].sources[0].anchor, "p2");
        assert!(ev[0].text.ends_with("نتائج عام 2022."), "{}", ev[0].text);
    }

    #[test]
    fn two_dated_happenings_in_one_sentence_each_get_their_clause() {
        let body = "يذكر أنه في 23 نوفمبر، عقدت قمة المنظمة في يريفان وبحثت الأوضاع، كما نظرت في الإجراءات المتخذة خلال التصعيد في 13 سبتمبر على الحدود.\n\nوكانت القمة المنعقدة في 23 نوفمبر قد أقرت الإعلان الختامي للدورة.\n";
        let a = article("a", Some("2022-12-19"), body);
        let ev = dedupe(article_events(&a, &none));
        let texts: Vec<(&str, &str)> = ev
            .iter()
            .map(|e| (e.date.as_str(), e.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "2022-09-13",
                    "كما نظرت في الإجراءات المتخذة خلال التصعيد في 13 سبتمبر على الحدود."
                ),
                (
                    "2022-11-23",
                    "يذكر أنه في 23 نوفمبر، عقدت قمة المنظمة في يريفان وبحثت الأوضاع"
                ),
            ]
        );
    }

    #[test]
    fn the_wire_dateline_is_not_an_event() {
        let body = "يريفان في 23 ديسمبر/أرمنبريس: التقى رئيس الوزراء الأمين العام للمنظمة.\n\nوكان الطرفان قد اجتمعا في 5 أكتوبر في موسكو.\n";
        let a = article("a", Some("2021-12-23"), body);
        let dates: Vec<String> = article_events(&a, &none)
            .into_iter()
            .map(|e| e.date)
            .collect();
        assert_eq!(dates, ["2021-10-05"]);
        // The same words in the middle of the text are a happening.
        let later =
            format!("وقال الوزير إن الاجتماع المقبل سيعقد في 23 ديسمبر/كانون الأول.\n\n{body}");
        let a = article("a", Some("2021-12-23"), &later);
        let dates: Vec<String> = article_events(&a, &none)
            .into_iter()
            .map(|e| e.date)
            .collect();
        assert_eq!(dates, ["2021-12-23", "2021-12-23", "2021-10-05"]);
    }

    /// The definition `dedupe` speeds up: each event joins the first earlier one that
    /// reports the same fact, compared with every one of them.
    fn dedupe_plain(events: Vec<Event>) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        for e in events {
            match out.iter_mut().find(|o| o.same_fact(&e)) {
                Some(o) => o.absorb(e, None),
                None => out.push(e),
            }
        }
        out.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.id.cmp(&b.id)));
        out
    }

    #[test]
    fn grouped_dedupe_matches_the_plain_definition() {
        // Dates of every precision in a few years, texts that share more or fewer words, so
        // merges happen within and across groups and absorbed events gain a month or day.
        let texts = [
            "وقعت الدول معاهدة الأمن الجماعي في طشقند",
            "وقعت الدول الأعضاء معاهدة الأمن في طشقند",
            "انضمت أوزبكستان إلى المعاهدة بعد مفاوضات",
            "انسحبت أوزبكستان من المنظمة بعد خلافات",
            "أجرت قوات حفظ السلام مناورات مشتركة",
            "أجرت القوات مناورات مشتركة في قرغيزستان",
        ];
        let mut events = Vec::new();
        for i in 0..240usize {
            let start = PartialDate {
                year: 1992 + (i % 3) as i32,
                month: (i % 4 != 0).then_some(1 + (i % 2) as u32),
                day: (i % 3 == 0 && i % 4 != 0).then_some(1 + (i % 5) as u32),
                part: None,
            };
            let text = format!(
                "{} {}",
                texts[i % texts.len()],
                ["", "اليوم", "رسميا"][i % 7 % 3]
            );
            events.push(one_source_event(start, text, format!("a{}", i % 17)));
        }
        let merged = assert_dedupe_is_plain(events);
        assert!(merged < 200 && merged > 6, "{merged} events");

        // Texts drawn from a skewed vocabulary, some cut to a couple of words and some padded
        // far beyond their fact, so that pairs sit on either side of every bar, words of every
        // rarity decide merges, and one article's day holds texts of very different lengths.
        let letters: Vec<char> = "جدذرزشصضطظعغقحخ".chars().collect();
        let vocab: Vec<String> = (0..90usize)
            .map(|n| {
                (0..4)
                    .map(|p| letters[(n * [1, 7, 3, 11][p] + p * 5 + n / 15) % letters.len()])
                    .collect()
            })
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        // Low word numbers are drawn far more often than high ones.
        let word = |next: &mut dyn FnMut(usize) -> usize| {
            let bound = 1 + next(vocab.len());
            vocab[next(bound)].clone()
        };
        let facts: Vec<Vec<String>> = (0..14)
            .map(|_| (0..4 + next(9)).map(|_| word(&mut next)).collect())
            .collect();
        let mut events = Vec::new();
        for _ in 0..700 {
            let fact = &facts[next(facts.len())];
            let mut text: Vec<String> = match next(6) {
                0 => fact.iter().take(2).cloned().collect(),
                1 => fact
                    .iter()
                    .cloned()
                    .chain((0..18).map(|_| word(&mut next)))
                    .collect(),
                _ => fact.iter().filter(|_| next(4) != 0).cloned().collect(),
            };
            for _ in 0..next(4) {
                text.push(word(&mut next));
            }
            let month = (next(3) != 0).then(|| 1 + next(2) as u32);
            let start = PartialDate {
                year: 2000 + next(2) as i32,
                month,
                day: month.and_then(|_| (next(3) != 0).then(|| 1 + next(2) as u32)),
                part: None,
            };
            events.push(one_source_event(
                start,
                text.join(" "),
                format!("b{}", next(6)),
            ));
        }
        let merged = assert_dedupe_is_plain(events);
        assert!(merged < 600 && merged > 20, "{merged} events");
    }

    /// An event of `start`'s own precision, reported by the article `slug` alone.
    fn one_source_event(start: PartialDate, text: String, slug: String) -> Event {
        let precision = if start.day.is_some() {
            Precision::Day
        } else if start.month.is_some() {
            Precision::Month
        } else {
            Precision::Year
        };
        let source = EventSource {
            slug: slug.into(),
            title: "".into(),
            path: "".into(),
            anchor: String::new(),
            line: 1,
        };
        Event::new(start, None, precision, text, vec![], vec![], vec![source])
    }

    /// Holds `dedupe` to [`dedupe_plain`] on `events`; gives how many events are left.
    fn assert_dedupe_is_plain(events: Vec<Event>) -> usize {
        let fast = dedupe(events.clone());
        let plain = dedupe_plain(events);
        let view = |v: &[Event]| -> Vec<String> {
            v.iter()
                .map(|e| {
                    let sources: Vec<&str> = e.sources.iter().map(|s| &*s.slug).collect();
                    format!(
                        "{} {} {:?} {} {:?}",
                        e.id, e.date, e.precision, e.text, sources
                    )
                })
                .collect()
        };
        let (fast_view, plain_view) = (view(&fast), view(&plain));
        // The first difference, rather than two lists of hundreds of events.
        let differ = fast_view.iter().zip(&plain_view).find(|(f, p)| f != p);
        assert_eq!(differ, None, "fast and plain lists differ");
        assert_eq!(fast_view.len(), plain_view.len());
        fast.len()
    }

    #[test]
    fn same_fact_in_two_articles_is_one_event_with_two_sources() {
        let a = article(
            "a",
            Some("2022-05-16"),
            "وتم التوقيع على معاهدة الأمن الجماعي في 15 مايو 1992 في طشقند.",
        );
        let b = article(
            "b",
            Some("2021-09-15"),
            "وتم التوقيع على معاهدة الأمن الجماعي عام 1992 في مدينة طشقند.",
        );
        let c = article(
            "c",
            Some("2021-09-15"),
            "وفي عام 1992 انهار اقتصاد البلاد تماما بعد الحرب.",
        );
        let ev = build(&[a, b, c], &[], &none);
        assert_eq!(
            ev.len(),
            2,
            "{:?}",
            ev.iter().map(|e| &e.text).collect::<Vec<_>>()
        );
        let treaty = ev
            .iter()
            .find(|e| e.sources.len() == 2)
            .expect("merged event");
        assert_eq!(treaty.date, "1992-05-15");
        assert_eq!(treaty.precision, Precision::Day);
        // Year-only sorts before the first dated day of the year.
        assert_eq!(ev[0].date, "1992");
    }

    #[test]
    fn ranges_and_curated_events_join() {
        let a = article(
            "a",
            Some("2021-01-01"),
            "ترأست الدولة المنظمة في 2020-2021 بنجاح.",
        );
        let curated = CuratedEvent {
            date: "2002-10-07".into(),
            end: None,
            text: "توقيع ميثاق المنظمة في كيشيناو.".into(),
            states: vec![],
            people: vec![],
            source_title: None,
            source_url: None,
        };
        let ev = build(&[a], &[curated], &none);
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0].date, "2002-10-07");
        assert!(ev[0].curated);
        assert_eq!(ev[1].precision, Precision::Range);
        assert_eq!(ev[1].end.as_deref(), Some("2021"));
        assert_eq!(ev[1].end_year, 2021);
    }

    #[test]
    fn a_curated_fact_absorbs_the_article_sentence_that_retells_it() {
        let a = article("a", Some("2022-01-06"), "20 أبريل/نيسان 1994: دخلت المعاهدة حيز التنفيذ.\n\nوفي 20 أبريل 1994 افتتح مصنع جديد للسيارات في المدينة.");
        let curated = CuratedEvent {
            date: "1994-04-20".into(),
            end: None,
            text: "دخول معاهدة الأمن الجماعي حيز التنفيذ.".into(),
            states: vec![],
            people: vec![],
            source_title: None,
            source_url: None,
        };
        let ev = build(&[a], &[curated], &none);
        assert_eq!(
            ev.len(),
            2,
            "{:?}",
            ev.iter().map(|e| &e.text).collect::<Vec<_>>()
        );
        let treaty = ev.iter().find(|e| e.curated).expect("curated event");
        assert_eq!(treaty.text, "دخول معاهدة الأمن الجماعي حيز التنفيذ.");
        assert_eq!(treaty.sources.len(), 1);
        assert_eq!(treaty.sources[0].anchor, "p1");
    }

    #[test]
    fn a_year_inside_a_sentence_with_a_range_is_not_a_second_event() {
        let a = article(
            "a",
            Some("2022-12-01"),
            "أجريت تدريبات «الأخوة - 2022» في الفترة من 10 إلى 14 أكتوبر في الجبال.",
        );
        let ev = article_events(&a, &none);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].precision, Precision::Range);
        assert_eq!(
            (ev[0].date.as_str(), ev[0].end.as_deref()),
            ("2022-10-10", Some("2022-10-14"))
        );
    }

    #[test]
    fn decimals_do_not_split_sentences() {
        let b = sentence_bounds("نما بنسبة 2. 5 في المئة. ثم توقف.");
        assert_eq!(b.len(), 3);
        let b = sentence_bounds("بلغ 2.5 في المئة. ثم توقف.");
        assert_eq!(b.len(), 2);
    }
}
