//! The phrase matcher the `states`, `people` and `topics` enrichers share: gazetteer phrases
//! found as whole words in a tokenised text, clitics allowed before the first word.
//!
//! Why words and not raw bytes (aho-corasick over the normalised text): a byte automaton
//! finds روسيا inside بيلاروسيا and needs a second pass to decide whether the letters before
//! a hit are clitics (و، ب، لل…) or part of a longer word. Working on the tokens of
//! [`arabic::tokenize`] gives word boundaries for free, and [`arabic::clitic_stems`]
//! already lists the readings of a word with its clitics removed, so a lookup per stem in a
//! map keyed by the first word of every phrase is all it takes. Gazetteers hold a few
//! hundred phrases and articles a few thousand words, so this is far below a millisecond.
//!
//! Matching is leftmost-longest: at each word the longest phrase wins and its words are
//! consumed, so روسيا البيضاء is one hit for Belarus and never also a hit for روسيا.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::arabic::{self, Token};

/// Which leading clitics a phrase may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clitics {
    /// و ف, then ب ل ك, then the article ال (place names, adjectives, common words).
    Full,
    /// و ف, then ب ل ك, but never ال: personal names do not take the article, and letting it
    /// go would read الرحمن (in عبد الرحمن) as the surname رحمن.
    NoArticle,
}

/// Prefixes a personal name may carry; see [`Clitics::NoArticle`].
const NAME_PREFIXES: [&str; 12] = [
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
];

#[derive(Debug, Clone)]
struct Word {
    text: String,
    /// Written with a trailing `*`: matches any word it begins.
    prefix: bool,
}

impl Word {
    fn matches(&self, candidate: &str) -> bool {
        if self.prefix {
            candidate.starts_with(&self.text)
        } else {
            candidate == self.text
        }
    }
}

#[derive(Debug, Clone)]
struct Pattern<L> {
    words: Vec<Word>,
    label: L,
}

/// One phrase found: tokens `start..end` of the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<L> {
    pub start: usize,
    pub end: usize,
    pub label: L,
}

/// A set of phrases, each with a label the caller chooses (an index, a kind…).
#[derive(Debug, Clone)]
pub struct Matcher<L> {
    patterns: Vec<Pattern<L>>,
    /// Patterns by their first word, for those whose first word is not a prefix.
    by_first: FxHashMap<String, Vec<usize>>,
    /// Patterns whose first word is a prefix: few, so they are simply scanned.
    prefix_first: Vec<usize>,
    /// A bit per [`filter_bit`] of the keys of `by_first`: most words of a text begin no
    /// phrase, and a clear bit says so without hashing the word and probing the map.
    first_words: Box<[u64; FILTER_WORDS]>,
    clitics: Clitics,
    /// Which phrases this matcher holds, for [`Matcher::find_all`]'s memo: new for every
    /// matcher made and every phrase added.
    id: u64,
}

static MATCHERS_MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn matcher_id() -> u64 {
    MATCHERS_MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

const FILTER_WORDS: usize = 64;

/// A word's bit in [`Matcher::first_words`]: from its length and its last bytes, which
/// tell Arabic words apart better than their first (every Arabic letter's first byte is
/// one of four).
fn filter_bit(word: &str) -> (usize, u64) {
    let b = word.as_bytes();
    let at = |k: usize| b.len().checked_sub(k).map_or(0, |i| u64::from(b[i]));
    let mixed = (b.len() as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(at(1).wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
        .wrapping_add(at(2).wrapping_mul(0x1656_67B1_9E37_79F9))
        .wrapping_add(at(3).wrapping_mul(0x27D4_EB2F_1656_67C5));
    let bit = (mixed >> 52) as usize % (FILTER_WORDS * 64);
    (bit / 64, 1 << (bit % 64))
}

impl<L: Copy> Matcher<L> {
    pub fn new(clitics: Clitics) -> Self {
        Matcher {
            patterns: Vec::new(),
            by_first: FxHashMap::default(),
            prefix_first: Vec::new(),
            first_words: Box::new([0; FILTER_WORDS]),
            clitics,
            id: matcher_id(),
        }
    }

    /// Add a phrase as written in a data file (any spelling; `word*` is a prefix). A phrase
    /// with no words is ignored: the data loaders report those.
    pub fn add(&mut self, phrase: &str, label: L) {
        let words = phrase_words(phrase);
        let Some(first) = words.first() else {
            return;
        };
        // The text side may drop ال (clitic_stems does), but a phrase written with ال must
        // also meet the indefinite form: الأرمني in the data, أرمنياً in the text.
        if self.clitics == Clitics::Full && !first.prefix {
            if let Some(bare) = first.text.strip_prefix("ال") {
                if bare.chars().count() >= 2 {
                    let mut indefinite = words.clone();
                    indefinite[0].text = bare.to_string();
                    self.push(indefinite, label);
                }
            }
        }
        self.push(words, label);
    }

    fn push(&mut self, words: Vec<Word>, label: L) {
        let Some(first) = words.first() else {
            return;
        };
        let index = self.patterns.len();
        self.id = matcher_id();
        if first.prefix {
            self.prefix_first.push(index);
        } else {
            let (word, bit) = filter_bit(&first.text);
            self.first_words[word] |= bit;
            self.by_first
                .entry(first.text.clone())
                .or_default()
                .push(index);
        }
        self.patterns.push(Pattern { words, label });
    }

    /// The readings of a (normalised) word this matcher accepts as a phrase's first word.
    pub fn stems(&self, word: &str) -> Vec<String> {
        stems(word, self.clitics)
    }

    /// Every phrase in `tokens`, leftmost-longest, non-overlapping, in text order.
    pub fn find(&self, tokens: &[Token]) -> Vec<Hit<L>> {
        self.find_in(&Stemmed::new(tokens.to_vec()))
    }

    /// [`Matcher::find`] over a text whose stems were worked out once for every matcher, or
    /// over a part of it.
    pub fn find_in<'a>(&self, text: impl Into<View<'a>>) -> Vec<Hit<L>> {
        let text = text.into();
        let tokens = text.tokens;
        let mut hits = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.longest_at(text, i) {
                Some((len, label)) => {
                    hits.push(Hit {
                        start: i,
                        end: i + len,
                        label,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The longest phrase starting at token `i`; on a tie the longer stem (fewer clitics
    /// removed) and then the phrase added first win, so results never depend on map order.
    fn longest_at(&self, text: View<'_>, i: usize) -> Option<(usize, L)> {
        let tokens = text.tokens;
        let mut best: Option<(usize, L)> = None;
        let mut consider = |p: &Pattern<L>| {
            let n = p.words.len();
            if best.is_some_and(|(len, _)| len >= n) || i + n > tokens.len() {
                return;
            }
            let rest_matches = p.words[1..]
                .iter()
                .zip(&tokens[i + 1..i + n])
                .all(|(w, t)| w.matches(&t.text));
            if rest_matches {
                best = Some((n, p.label));
            }
        };
        let word = tokens[i].text.as_str();
        let allowed = |s: &str| self.clitics == Clitics::Full || takes_name_prefix(word, s);
        for stem in text.stems[i].iter() {
            let (w, bit) = filter_bit(stem);
            let may_begin = self.first_words[w] & bit != 0;
            if !may_begin && self.prefix_first.is_empty() || !allowed(stem) {
                continue;
            }
            if let Some(list) = may_begin.then(|| self.by_first.get(stem)).flatten() {
                for &k in list {
                    consider(&self.patterns[k]);
                }
            }
            for &k in &self.prefix_first {
                if self.patterns[k].words[0].matches(stem) {
                    consider(&self.patterns[k]);
                }
            }
        }
        best
    }
}

/// The words of a phrase, normalised; a `*` at the end of a written word marks its last
/// token as a prefix.
fn phrase_words(phrase: &str) -> Vec<Word> {
    let mut words = Vec::new();
    for written in phrase.split_whitespace() {
        let (body, prefix) = match written.strip_suffix('*') {
            Some(body) => (body, true),
            None => (written, false),
        };
        let tokens = arabic::tokenize(body);
        let last = tokens.len().saturating_sub(1);
        for (k, t) in tokens.into_iter().enumerate() {
            words.push(Word {
                text: t.text,
                prefix: prefix && k == last,
            });
        }
    }
    words
}

/// The readings of a normalised word once the clitics `mode` allows are removed, longest
/// first.
pub fn stems(word: &str, mode: Clitics) -> Vec<String> {
    let all = arabic::clitic_stems(word);
    match mode {
        Clitics::Full => all,
        Clitics::NoArticle => all
            .into_iter()
            .filter(|s| takes_name_prefix(word, s))
            .collect(),
    }
}

/// Whether `stem` is `word` with only the clitics a personal name takes removed.
fn takes_name_prefix(word: &str, stem: &str) -> bool {
    word.strip_suffix(stem)
        .is_some_and(|p| NAME_PREFIXES.contains(&p))
}

impl Matcher<usize> {
    /// [`Matcher::find_in`] the whole of `text`, remembered with the text: the states enricher
    /// (to leave people's names out), the people enricher and the search for unknown names
    /// all look for the people of people.yaml in the same article.
    pub fn find_all(&self, text: &Stemmed) -> PeopleHits {
        if let Some((_, hits)) = text.hits.borrow().iter().find(|(id, _)| *id == self.id) {
            return Rc::clone(hits);
        }
        let hits: PeopleHits = self.find_in(text).into();
        text.hits.borrow_mut().push((self.id, Rc::clone(&hits)));
        hits
    }
}

/// Texts [`Stemmed::shared`] remembers per thread: an article's title and text, with room
/// for a sentence and its neighbour.
const MEMO_TEXTS: usize = 4;

/// Distinct words whose readings a thread keeps before it starts again: a word's readings
/// are a dozen short strings, and a corpus's vocabulary repeats far more than it grows.
const KNOWN_WORDS: usize = 200_000;

pub type Readings = Rc<[String]>;

thread_local! {
    static MEMO: RefCell<Vec<(String, Rc<Stemmed>)>> = const { RefCell::new(Vec::new()) };
    static READINGS: RefCell<FxHashMap<String, Readings>> = RefCell::new(FxHashMap::default());
}

/// A word's clitic readings ([`arabic::clitic_stems`]), worked out once per thread rather
/// than once per occurrence.
pub fn readings(word: &str) -> Readings {
    READINGS.with(|known| {
        let mut known = known.borrow_mut();
        if let Some(r) = known.get(word) {
            return Rc::clone(r);
        }
        if known.len() > KNOWN_WORDS {
            known.clear();
        }
        let r: Readings = arabic::clitic_stems(word).into();
        known.insert(word.to_string(), Rc::clone(&r));
        r
    })
}

/// A text split into tokens with every token's clitic readings ([`arabic::clitic_stems`]),
/// worked out once and shared by every matcher that reads the text: the states, people and
/// topics enrichers all look words up in the same stems.
#[derive(Debug, Clone, Default)]
pub struct Stemmed {
    pub tokens: Vec<Token>,
    stems: Vec<Readings>,
    /// [`Matcher::find_all`]'s hits in this text, by matcher.
    hits: RefCell<Vec<(u64, PeopleHits)>>,
}

/// The hits of a matcher labelled with indexes into a list (people.yaml's people).
pub type PeopleHits = Rc<[Hit<usize>]>;

impl Stemmed {
    pub fn new(tokens: Vec<Token>) -> Stemmed {
        let stems = tokens.iter().map(|t| readings(&t.text)).collect();
        Stemmed {
            tokens,
            stems,
            hits: RefCell::default(),
        }
    }

    pub fn of(text: &str) -> Stemmed {
        Stemmed::new(arabic::tokenize(text))
    }

    /// [`Stemmed::of`], remembered for the last few texts this thread stemmed. The states,
    /// people and topics enrichers each read an article's title and text, one after the
    /// other on one thread, and the chronology tags each dated sentence for states and then
    /// for people: without the memo every text would be tokenised and stemmed two or three
    /// times, which was the largest part of enriching.
    pub fn shared(text: &str) -> Rc<Stemmed> {
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if let Some(at) = memo.iter().position(|(t, _)| t == text) {
                let hit = memo.remove(at);
                let stemmed = Rc::clone(&hit.1);
                memo.insert(0, hit);
                return stemmed;
            }
            let stemmed = Rc::new(Stemmed::of(text));
            memo.truncate(MEMO_TEXTS - 1);
            memo.insert(0, (text.to_string(), Rc::clone(&stemmed)));
            stemmed
        })
    }

    pub fn view(&self) -> View<'_> {
        View {
            tokens: &self.tokens,
            stems: &self.stems,
        }
    }

    /// The tokens of the text's bytes `from..to`, as [`Stemmed::of`] that slice would give
    /// them (save their offsets); `None` when a token runs across either end.
    pub fn within(&self, from: usize, to: usize) -> Option<View<'_>> {
        let first = self.tokens.partition_point(|t| t.start < from);
        let last = self.tokens.partition_point(|t| t.start < to);
        let crosses_from = first > 0 && self.tokens[first - 1].end > from;
        let crosses_to = last > first && self.tokens[last - 1].end > to;
        (!crosses_from && !crosses_to).then(|| View {
            tokens: &self.tokens[first..last],
            stems: &self.stems[first..last],
        })
    }

    /// [`Stemmed::shared`] when this thread remembers `text`, without stemming it if not.
    pub fn remembered(text: &str) -> Option<Rc<Stemmed>> {
        MEMO.with(|memo| {
            let memo = memo.borrow();
            memo.iter()
                .find(|(t, _)| t == text)
                .map(|(_, s)| Rc::clone(s))
        })
    }
}

/// Tokens of a [`Stemmed`] text, all or some, searched as a text of their own: the token
/// before the first is not there.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub tokens: &'a [Token],
    stems: &'a [Readings],
}

impl<'a> View<'a> {
    /// The readings of token `i`; none past the end.
    pub fn stems(&self, i: usize) -> &'a [String] {
        self.stems.get(i).map_or(&[], |r| &r[..])
    }
}

impl<'a> From<&'a Stemmed> for View<'a> {
    fn from(s: &'a Stemmed) -> View<'a> {
        s.view()
    }
}

impl<'a> From<&'a Rc<Stemmed>> for View<'a> {
    fn from(s: &'a Rc<Stemmed>) -> View<'a> {
        s.view()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(m: &Matcher<u8>, text: &str) -> Vec<u8> {
        m.find(&arabic::tokenize(text))
            .iter()
            .map(|h| h.label)
            .collect()
    }

    #[test]
    fn a_part_of_a_stemmed_text_reads_as_that_part_stemmed_alone() {
        let text =
            "قال الرئيسُ: إن روسيا وأرمينيا وقّعتا ٣ اتفاقات. ثم غادر،وعاد إلى موسكو ـ بعد يوم.";
        let whole = Stemmed::of(text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut some = 0;
        for &from in &bounds {
            for &to in bounds.iter().filter(|&&to| to >= from) {
                let Some(part) = whole.within(from, to) else {
                    continue;
                };
                some += 1;
                let alone = Stemmed::of(&text[from..to]);
                let words = |v: View<'_>| -> Vec<(String, Vec<String>)> {
                    (0..v.tokens.len())
                        .map(|i| (v.tokens[i].text.clone(), v.stems(i).to_vec()))
                        .collect()
                };
                assert_eq!(words(part), words(alone.view()), "{:?}", &text[from..to]);
                assert!(part.stems(part.tokens.len()).is_empty());
            }
        }
        // Every sentence and clause boundary of the text is among them.
        assert!(some > bounds.len(), "{some}");
        assert!(whole
            .within(text.find("ئيس").unwrap_or(0), text.len())
            .is_none());
    }

    #[test]
    fn matcher_rows() {
        let mut m = Matcher::new(Clitics::Full);
        m.add("روسيا", 1);
        m.add("روسيا البيضاء", 2);
        m.add("إرهاب*", 3);
        m.add("حفظ السلام", 4);
        m.add("الأرمني", 5);
        let rows: &[(&str, &[u8])] = &[
            ("زار وروسيا", &[1]),
            ("في روسيا البيضاء", &[2]),
            ("لروسيا البيضاء وروسيا", &[2, 1]),
            ("بيلاروسيا", &[]),
            ("الروسيات", &[]),
            ("مكافحة الإرهاب والإرهابيين", &[3, 3]),
            ("قوات حفظ السلام", &[4]),
            ("حفظ الأمن والسلام", &[]),
            // A phrase written with the article also matches without it.
            ("الأرمني وأرمني ولأرمني", &[5, 5, 5]),
            ("", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(labels(&m, text), *want, "{text:?}");
        }
    }

    #[test]
    fn names_do_not_take_the_article() {
        let mut m = Matcher::new(Clitics::NoArticle);
        m.add("رحمن", 1);
        let rows: &[(&str, &[u8])] = &[
            ("قال رحمن", &[1]),
            ("ولرحمن", &[1]),
            ("عبد الرحمن", &[]),
            ("للرحمن", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(labels(&m, text), *want, "{text:?}");
        }
    }
}
