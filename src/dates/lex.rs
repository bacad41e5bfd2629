//! The lexer and its word lists: the normalised text split into numbers, words,
//! punctuation and line breaks, the tables of keywords a date phrase is made of (all in
//! normalised form), and [`clitic_match`], which finds a keyword behind its clitics.

use super::resolve::Rel;
use super::YearPart;

// ---------------------------------------------------------------------------------------
// Word lists, all in normalised form.

pub(super) const WEEKDAYS: [(&str, u32); 7] = [
    ("الاثنين", 0),
    ("الثلاثاء", 1),
    ("الاربعاء", 2),
    ("الخميس", 3),
    ("الجمعه", 4),
    ("السبت", 5),
    ("الاحد", 6),
];

pub(super) const ORDINAL_UNITS: [(&str, u32); 10] = [
    ("الاول", 1),
    ("الحادي", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
];

pub(super) const MONTH_PARTS: [(&str, YearPart); 8] = [
    ("اوائل", YearPart::Early),
    ("مطلع", YearPart::Early),
    ("بدايه", YearPart::Early),
    ("مستهل", YearPart::Early),
    ("منتصف", YearPart::Mid),
    ("اواسط", YearPart::Mid),
    ("اواخر", YearPart::Late),
    ("نهايه", YearPart::Late),
];

pub(super) const SEASONS: [(&str, YearPart); 8] = [
    ("ربيع", YearPart::Spring),
    ("الربيع", YearPart::Spring),
    ("صيف", YearPart::Summer),
    ("الصيف", YearPart::Summer),
    ("خريف", YearPart::Autumn),
    ("الخريف", YearPart::Autumn),
    ("شتاء", YearPart::Winter),
    ("الشتاء", YearPart::Winter),
];

pub(super) const REL_WORDS: [(&str, Rel); 7] = [
    ("الماضي", Rel::Past),
    ("المنصرم", Rel::Past),
    ("الفائت", Rel::Past),
    ("الجاري", Rel::Current),
    ("الحالي", Rel::Current),
    ("المقبل", Rel::Next),
    ("القادم", Rel::Next),
];

/// Words that name a year and belong to the date phrase ("عام 1993").
pub(super) const YEAR_WORDS: [&str; 5] = ["عام", "العام", "سنه", "السنه", "عامي"];
/// Prepositions that make a following four-digit number a year but stay outside the span.
pub(super) const YEAR_PREPOSITIONS: [&str; 7] = ["في", "منذ", "حتي", "بحلول", "خلال", "قبل", "بعد"];
/// Words after which a number is a label or a count, never a year.
pub(super) const NUMBER_LABELS: [&str; 16] = [
    "ال",
    "رقم",
    "الرقم",
    "قرار",
    "القرار",
    "الماده",
    "ماده",
    "البند",
    "بند",
    "الفقره",
    "فقره",
    "العدد",
    "عدد",
    "الصفحه",
    "صفحه",
    "ص",
];
/// Words after which a year is a reference, not a time: borders, visions, plans, periods.
pub(super) const REFERENCE_WORDS: [&str; 11] = [
    "حدود",
    "رؤيه",
    "خطه",
    "اجنده",
    "استراتيجيه",
    "موازنه",
    "ميزانيه",
    "للفتره",
    "لفتره",
    "برنامج",
    "مشروع",
];
/// Words that put a time in the future, and the endings of the future verbs of news copy
/// ("سيتم", "ستجري", "سيعقد", "ستنطلق"), which a bare "س" prefix alone would over-read.
pub(super) const FUTURE_WORDS: [&str; 5] = ["سوف", "المقرر", "المتوقع", "المخطط", "المرتقب"];
pub(super) const FUTURE_VERB_STEMS: [&str; 8] =
    ["تم", "جري", "جرى", "عقد", "نطلق", "بدا", "قام", "نظم"];
pub(super) const FUTURE_REACH: usize = 4;
/// Closing quotes: a year right before one ends a quoted name.
pub(super) const NAME_CLOSERS: [char; 5] = ['"', '»', '”', '\'', '’'];
pub(super) const HIJRI_WORDS: [&str; 6] = ["ه", "هجري", "هجريه", "هجريا", "للهجره", "الهجري"];
pub(super) const GREGORIAN_SUFFIXES: [&str; 5] = ["م", "ميلادي", "ميلاديه", "للميلاد", "ميلاديا"];
pub(super) const RANGE_TO: [&str; 3] = ["الي", "حتي", "لغايه"];
pub(super) const DASHES: [char; 6] = ['-', '–', '—', '‐', '‑', '−'];
pub(super) const SLASHES: [char; 3] = ['/', '\\', '／'];
/// Prefixes a keyword may carry: a conjunction, a preposition, or both.
pub(super) const CLITIC_PREFIXES: [&str; 12] = [
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
];

pub(super) const BARE_YEAR_MIN: i32 = 1900;
pub(super) const YEAR_MAX: i32 = 2100;
pub(super) const ATTACHED_YEAR_MIN: i32 = 1000;

// ---------------------------------------------------------------------------------------
// Lexing: numbers, words, punctuation and line breaks over the normalised text.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind<'a> {
    Num { value: u32, digits: usize },
    Word(&'a str),
    Punct(char),
    Break,
}

#[derive(Debug, Clone)]
pub(super) struct Lex<'a> {
    pub(super) kind: Kind<'a>,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn lex(norm: &str) -> Vec<Lex<'_>> {
    let mut out = Vec::new();
    let mut chars = norm.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let kind = if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            let (mut value, mut digits) = (d, 1);
            while let Some(&(j, n)) = chars.peek() {
                let Some(nd) = n.to_digit(10).filter(|_| n.is_ascii_digit()) else {
                    break;
                };
                value = value.saturating_mul(10).saturating_add(nd);
                digits += 1;
                end = j + 1;
                chars.next();
            }
            Kind::Num { value, digits }
        } else if crate::arabic::is_letter(c) {
            while let Some(&(j, n)) = chars.peek() {
                if !crate::arabic::is_letter(n) {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
            Kind::Word(&norm[start..end])
        } else if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            Kind::Break
        } else if c.is_whitespace() {
            continue;
        } else {
            Kind::Punct(c)
        };
        out.push(Lex { kind, start, end });
    }
    out
}

/// Byte offset inside `word` where `key` begins once clitics are removed, or 0 when the
/// key was folded (ل + ال → لل) and no suffix of the word spells it.
pub(super) fn clitic_match(word: &str, key: &str) -> Option<usize> {
    // Clitics are one or two letters of two bytes each, and the folded ل + ال drops one:
    // any other length difference cannot match, and checking it first spares the prefix
    // comparisons on almost every word of a text.
    let diff = word.len() as isize - key.len() as isize;
    if !(-2..=4).contains(&diff) {
        return None;
    }
    // Whatever precedes the key must be a whole clitic prefix: one suffix comparison and a
    // look-up in the short prefix list, rather than one comparison per prefix.
    if let Some(prefix) = word.strip_suffix(key) {
        if CLITIC_PREFIXES.contains(&prefix) {
            return Some(prefix.len());
        }
    }
    // The folded form: the key without the alif of its article, behind a prefix ending in
    // ل. It cannot hold together with the plain match, whose prefix would end in that alif.
    if key.starts_with("ال") {
        let tail = &key['ا'.len_utf8()..];
        if let Some(prefix) = word.strip_suffix(tail) {
            if prefix.ends_with('ل') && CLITIC_PREFIXES.contains(&prefix) {
                return Some(0);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule spelled out prefix by prefix, as the faster look-up must read it.
    fn by_prefix(word: &str, key: &str) -> Option<usize> {
        CLITIC_PREFIXES.into_iter().find_map(|prefix| {
            let rest = word.strip_prefix(prefix)?;
            if rest == key {
                Some(prefix.len())
            } else if prefix.ends_with('ل') && key.starts_with("ال") && rest == &key[2..] {
                Some(0)
            } else {
                None
            }
        })
    }

    #[test]
    fn clitic_match_reads_every_prefix_as_the_rule_does() {
        let keys = ["العام", "عام", "في", "ال", "الاحد", "منذ", "لفتره", "الي"];
        let heads = [
            "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فل", "لل", "ا", "م", "ولل",
        ];
        for key in keys {
            for head in heads {
                for word in [format!("{head}{key}"), format!("{head}{}", &key[2..])] {
                    assert_eq!(
                        clitic_match(&word, key),
                        by_prefix(&word, key),
                        "{word} {key}"
                    );
                }
            }
        }
    }
}
