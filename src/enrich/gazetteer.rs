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
use std::sync::Arc;

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
    clitics: Clitics,
}

impl<L: Copy> Matcher<L> {
    pub fn new(clitics: Clitics) -> Self {
        Matcher {
            patterns: Vec::new(),
            by_first: FxHashMap::default(),
            prefix_first: Vec::new(),
            clitics,
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
        if first.prefix {
            self.prefix_first.push(index);
        } else {
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

    /// [`Matcher::find`] over a text whose stems were worked out once for every matcher.
    pub fn find_in(&self, text: &Stemmed) -> Vec<Hit<L>> {
        let tokens = &text.tokens;
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
    fn longest_at(&self, text: &Stemmed, i: usize) -> Option<(usize, L)> {
        let tokens = &text.tokens;
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
        let allowed = text.stems[i]
            .iter()
            .filter(|s| self.clitics == Clitics::Full || takes_name_prefix(word, s));
        for stem in allowed {
            if let Some(list) = self.by_first.get(stem) {
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

/// Texts [`Stemmed::shared`] remembers per thread: an article's title and text, with room
/// for a sentence and its neighbour.
const MEMO_TEXTS: usize = 4;

/// Distinct words whose readings a thread keeps before it starts again: a word's readings
/// are a dozen short strings, and a corpus's vocabulary repeats far more than it grows.
const KNOWN_WORDS: usize = 200_000;

pub type Readings = Arc<[String]>;

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
            return Arc::clone(r);
        }
        if known.len() > KNOWN_WORDS {
            known.clear();
        }
        let r: Readings = arabic::clitic_stems(word).into();
        known.insert(word.to_string(), Arc::clone(&r));
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
}

impl Stemmed {
    pub fn new(tokens: Vec<Token>) -> Stemmed {
        let stems = tokens.iter().map(|t| readings(&t.text)).collect();
        Stemmed { tokens, stems }
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

    /// The readings of token `i`; none past the end.
    pub fn stems(&self, i: usize) -> &[String] {
        self.stems.get(i).map_or(&[], |r| &r[..])
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
