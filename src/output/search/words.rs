//! The words Pagefind 1.6 indexes for one whitespace-separated token of a record, worked out
//! the way its indexer does (`fossick/splitting.rs` of the `pagefind` crate), because the
//! browser side (its WebAssembly) looks words up by exactly those keys: a stem made a little
//! differently here would be a word no query ever finds.
//!
//! A token gives its main word (letters, digits and connector punctuation, lowercased, with
//! combining marks stripped from the canonical decomposition, then stemmed), and, when it is
//! not plain letters, the parts between its punctuation and case changes (each stemmed, with
//! a share of the token's weight), every emoji in it, and the tails after its dots. A word
//! whose marks were stripped also keeps the form it had, which Pagefind ranks higher when the
//! query has the same marks.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::LazyLock;

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Characters Pagefind keeps inside words besides letters and digits: the Unicode
/// "Punctuation, Connector" category (its default `include_characters`).
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// Katakana runs are indexed by every suffix of at most this many characters.
const KATAKANA_SUFFIX_CHARS: usize = 16;
/// A dotted tail is cut to this many characters.
const DOTTED_TAIL_CHARS: usize = 64;

/// Pagefind looks for emoji with the Unicode `Emoji` property, which also covers digits, `#`
/// and `*`; the graphemes it then keeps are those the emoji list knows.
static EMOJI: LazyLock<Option<regex::Regex>> =
    LazyLock::new(|| regex::Regex::new(r"\p{Emoji}").ok());

/// Tokens whose words a thread remembers before it starts afresh: words repeat (a few
/// thousand make most of any text), and cutting, folding and stemming a token is most of
/// the index's work.
const REMEMBERED_TOKENS: usize = 1 << 17;

/// A token's words, per thread, for the language they were cut for.
type Remembered = (String, rustc_hash::FxHashMap<String, Rc<[Word]>>);

thread_local! {
    static REMEMBERED: RefCell<Remembered> = RefCell::default();
}

/// One word to index for a token.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The key the index holds (stemmed, marks stripped).
    pub stem: String,
    /// The word before its marks were stripped, when they were.
    pub original: Option<String>,
    /// A part of a compound token, weighted with a share of the token's weight.
    pub part: bool,
}

/// The stemmer of a language, as Pagefind picks it (by the part before a `-`).
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or(language) {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Cuts tokens into the words Pagefind indexes, for one language.
pub struct Splitter {
    language: String,
    stemmer: Option<Stemmer>,
}

impl Splitter {
    pub fn new(language: &str) -> Splitter {
        Splitter {
            language: language.to_string(),
            stemmer: stemmer(language),
        }
    }

    /// [`Splitter::words`] of `token`, remembered by the calling thread.
    pub fn words_of(&self, token: &str) -> Rc<[Word]> {
        REMEMBERED.with(|r| {
            let mut r = r.borrow_mut();
            if r.0 != self.language || r.1.len() >= REMEMBERED_TOKENS {
                r.0.clone_from(&self.language);
                r.1.clear();
            }
            if let Some(words) = r.1.get(token) {
                return Rc::clone(words);
            }
            let mut out = Vec::new();
            self.words(token, &mut out);
            let words: Rc<[Word]> = out.into();
            r.1.insert(token.to_string(), Rc::clone(&words));
            words
        })
    }

    /// The words of one token: its main word, then katakana suffixes, compound parts and
    /// emoji (the order Pagefind lists them in, which decides nothing but is kept).
    pub fn words(&self, token: &str, out: &mut Vec<Word>) {
        let main = fold_case(token);
        if !main.is_empty() {
            out.push(self.stem(&main, false));
        }
        katakana_suffixes(token, out);
        if !is_compound(token) {
            return;
        }
        let parts = token
            .replace(|c: char| c.is_ascii_punctuation(), " ")
            .to_case(Case::Lower)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !main.is_empty() && (parts.contains(' ') || !main.starts_with(&parts)) {
            for part in parts.split(' ').filter(|p| p.len() > 1) {
                out.push(self.stem(part, true));
            }
        }
        if EMOJI.as_ref().is_some_and(|re| re.is_match(token)) {
            out.extend(
                token
                    .graphemes(true)
                    .filter(|g| emojis::get(g).is_some())
                    .map(|g| Word {
                        stem: g.to_string(),
                        original: None,
                        part: false,
                    }),
            );
        }
    }

    /// The compound tails after each dot of `token` (`sysconfig.is_python_build` also gives
    /// `is_python_build`) that are not among `existing`.
    pub fn dotted_tails(&self, token: &str, existing: &[Word]) -> Vec<Word> {
        let mut tails: Vec<Word> = Vec::new();
        if !token.contains('.') {
            return tails;
        }
        let existing: HashSet<&str> = existing.iter().map(|w| w.stem.as_str()).collect();
        for (i, _) in token.match_indices('.') {
            let rest = &token[i + 1..];
            let tail = match rest.char_indices().nth(DOTTED_TAIL_CHARS) {
                Some((end, _)) => &rest[..end],
                None => rest,
            };
            // A plain tail is the token's last compound part already.
            if !is_compound(tail) {
                continue;
            }
            let folded = fold_case(tail);
            if folded.chars().count() < 2 {
                continue;
            }
            let word = self.stem(&folded, true);
            if !existing.contains(word.stem.as_str()) && !tails.iter().any(|t| t.stem == word.stem)
            {
                tails.push(word);
            }
        }
        tails
    }

    /// `word` with its marks stripped and stemmed.
    fn stem(&self, word: &str, part: bool) -> Word {
        let stripped = strip_marks(word);
        let plain = stripped.as_deref().unwrap_or(word);
        let stem = match &self.stemmer {
            Some(s) => s.stem(plain).into_owned(),
            None => plain.to_string(),
        };
        Word {
            stem,
            original: stripped.map(|_| word.to_string()),
            part,
        }
    }
}

/// Letters, digits and connector punctuation of `token`, lowercased.
fn fold_case(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for c in token
        .chars()
        .filter(|c| c.is_alphanumeric() || WORD_SYMBOLS.contains(c))
    {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A token that may hold several words: punctuation in it, or a capital after its start.
fn is_compound(token: &str) -> bool {
    token.chars().any(|c| !c.is_alphanumeric()) || token.chars().skip(1).any(char::is_uppercase)
}

/// The kana voicing marks are combining marks that tell words apart, so they stay.
fn is_kana_voicing(c: char) -> bool {
    matches!(c, '\u{3099}' | '\u{309A}')
}

/// `word` without the combining marks of its canonical decomposition (أ → ا, é → e), or
/// `None` when that changes nothing. Other letters stay decomposed, as Pagefind leaves them
/// (a Hangul syllable becomes its jamo, so a half-typed syllable is a prefix of the word).
pub fn strip_marks(word: &str) -> Option<String> {
    if word.is_ascii() || !word.chars().any(has_marks) {
        return None;
    }
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c) || is_kana_voicing(c))
        .collect();
    let stripped = if stripped.chars().any(is_kana_voicing) {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (stripped != word).then_some(stripped)
}

fn has_marks(c: char) -> bool {
    if is_combining_mark(c) {
        return true;
    }
    let mut decomposes = false;
    decompose_canonical(c, |part| decomposes |= part != c);
    decomposes
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana run of three or more characters (at most
/// [`KATAKANA_SUFFIX_CHARS`] long, two or more), so that a query for a part of a katakana
/// compound finds it by prefix.
fn katakana_suffixes(token: &str, out: &mut Vec<Word>) {
    if token.chars().count() < 3 || !token.chars().all(is_katakana) {
        return;
    }
    let mut seen = HashSet::new();
    for (i, _) in token.char_indices().skip(1) {
        let rest = &token[i..];
        let suffix = match rest.char_indices().nth(KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            let stripped = strip_marks(suffix);
            out.push(Word {
                original: stripped.as_ref().map(|_| suffix.to_string()),
                stem: stripped.unwrap_or_else(|| suffix.to_string()),
                part: true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(token: &str) -> Vec<(String, Option<String>, bool)> {
        let s = Splitter::new("ar");
        let mut out = Vec::new();
        s.words(token, &mut out);
        let tails = s.dotted_tails(token, &out);
        out.extend(tails);
        out.into_iter()
            .map(|w| (w.stem, w.original, w.part))
            .collect()
    }

    #[test]
    fn hamza_seats_are_stripped_and_kept_as_the_original() {
        let w = stems("الأمن");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].1.as_deref(), Some("الأمن"));
        assert_eq!(w[0].0, stems("الامن")[0].0);
    }

    #[test]
    fn punctuation_makes_parts() {
        // The Arabic comma is not ASCII punctuation: the part keeps it, as Pagefind's does.
        let w = stems("روسيا،");
        assert_eq!(w[0].0, stems("روسيا")[0].0);
        assert!(w.iter().skip(1).all(|x| x.2), "{w:?}");
        let w = stems("three-antelopes");
        assert_eq!(w.len(), 3, "{w:?}");
    }

    #[test]
    fn dotted_tails_are_compound_and_new() {
        let s = Splitter::new("en");
        let mut out = Vec::new();
        s.words("sysconfig.is_python_build", &mut out);
        let tails = s.dotted_tails("sysconfig.is_python_build", &out);
        assert_eq!(tails.len(), 1, "{tails:?}");
        assert!(tails[0].part);
    }
}
