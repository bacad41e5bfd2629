//! Finds the dates an Arabic news article mentions, with their precision, so the dates
//! enricher can date the article and feed its events to the chronology.
//!
//! The parser works on the normalised text (see [`crate::arabic`]) split into words,
//! numbers and punctuation, and maps every match back to a byte range of the original
//! text. It reads the forms wire services use: Gregorian and Levantine month names alone
//! or paired ("19 ديسمبر/كانون الأول 2022"), ordinal days ("الأول من نوفمبر"), weekdays,
//! year-only phrases ("عام 1993"), ranges ("من 10 إلى 14 أكتوبر", "1999-2000"), parts of a
//! year or month ("خريف عام 1996", "منتصف فبراير") and relative words ("الماضي", "الجاري",
//! "من هذا العام").
//!
//! Rules chosen where the text alone does not decide:
//! - A bare four-digit number (no عام/سنة, no preposition, no month) counts as a year only
//!   when it lies in 1900..=2100, is not followed by a word (a following word usually
//!   means a count: "2000 جندي"), is not part of a longer number, and is not labelled as a
//!   number by the word before it ("المادة", "القرار", "رقم" ...). In a range
//!   ("1999-2000", "من عام 1994 إلى 1999") the following-word test is dropped.
//! - Year-only mentions (keyword or preposition) accept 1900..=2100; a year attached to a
//!   month, a part of a year or a season accepts 1000..=2100. A year followed by هـ or a
//!   هجري word is Hijri and never taken.
//! - A date without a year takes the nearest preceding explicit year in the same paragraph
//!   (line), else the context year, else it is dropped. "الماضي"/"الجاري"/"المقبل" after a
//!   month refer to the publication date: with only a context year Y they mean Y (the
//!   article is about events of its own year); with [`find_dates_on`] the exact date
//!   decides (a month at or after the publication month is last year's when "الماضي").
//!   An explicit year after them ("الماضي - 2022") wins.
//! - "هذا العام", "العام الماضي", "العام المقبل" give Y, Y-1, Y+1 when attached to a month,
//!   season or part. Standing alone, "العام الماضي"/"المقبل" and "الشهر الماضي"/"المقبل"/
//!   "الجاري" are dated only with [`find_dates_on`] (the exact publication date, moved by a
//!   year or a month); "هذا العام", "العام الجاري" and "العام المقبل" alone stay undated (too
//!   vague to be a time, or a plan rather than a time something happened). "في العام التالي" is the year after the paragraph's last explicit year.
//! - A month after a preposition with no year ("في أكتوبر") takes the paragraph's year, else,
//!   with [`find_dates_on`], the last such month up to the publication date, or the next one
//!   when a future verb or a plan word stands beside it ("في سبتمبر ، سيتم"). Seasons and
//!   parts with no year at all ("في الخريف", "نهاية العام") and months with no preposition
//!   are not dated.
//! - Years that name rather than date are left out: after a reference word ("حدود 1967",
//!   "رؤية 2030", "للفترة 2024-2026"), a plan's year ("لعام 2022"), and a bare year closing a
//!   quoted name or glued to one ("«شريك النسر 2023»", "مرز-2021"), which still sets the
//!   paragraph's year for the dates after it.
//! - Stamps: "8 تشرين الثاني، 2018" (a comma before the year), "يناير 8, 2022" (month, day,
//!   comma, year), "11 - 09 - 2023" (spaced dashes or slashes) read as full dates.
//! - Matches never overlap: the text is read left to right and at each word the longest
//!   reading wins.

use crate::arabic::{month_from_normalized, normalize_with_map};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::ops::Range;

/// How precisely a mention pins its date down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Season,
    Year,
    Range,
}

/// A named part of a year or a month: a season (ربيع صيف خريف شتاء) or its beginning
/// (أوائل، مطلع، بداية، مستهل), middle (منتصف، أواسط) or end (أواخر، نهاية).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearPart {
    Spring,
    Summer,
    Autumn,
    Winter,
    Early,
    Mid,
    Late,
}

/// A date known to the year, and possibly to the month, day, or a part of the year/month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub part: Option<YearPart>,
}

impl PartialDate {
    /// "YYYY", "YYYY-MM" or "YYYY-MM-DD", as far as the date is known.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// A key that orders dates of mixed precision on a timeline. An unknown month or day is
    /// 0, so a year sorts before its first month and a month before its first day. Parts
    /// sit where they begin: a month's early/mid/late part at days 1/15/21; a year's early
    /// part and winter in January, spring in March, summer and mid-year in June, autumn in
    /// September and the late part in November.
    pub fn sort_key(&self) -> (i32, u32, u32) {
        let y = self.year;
        match (self.month, self.day, self.part) {
            (Some(m), Some(d), _) => (y, m, d),
            (Some(m), None, Some(YearPart::Early)) => (y, m, 1),
            (Some(m), None, Some(YearPart::Mid)) => (y, m, 15),
            (Some(m), None, Some(YearPart::Late)) => (y, m, 21),
            (Some(m), None, _) => (y, m, 0),
            (None, _, Some(part)) => match part {
                YearPart::Early | YearPart::Winter => (y, 1, 0),
                YearPart::Spring => (y, 3, 0),
                YearPart::Mid | YearPart::Summer => (y, 6, 0),
                YearPart::Autumn => (y, 9, 0),
                YearPart::Late => (y, 11, 0),
            },
            (None, _, None) => (y, 0, 0),
        }
    }

    /// The calendar date, when this is a valid day-precision date.
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }
}

/// One date found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    pub start: PartialDate,
    /// The last date of a range ("من 10 إلى 14 أكتوبر"); `None` for a single date.
    pub end: Option<PartialDate>,
    /// [`Precision::Range`] exactly when `end` is set.
    pub precision: Precision,
    /// Byte range of the phrase in the original text: `&text[span]` is the phrase.
    pub span: Range<usize>,
    /// The year came from the context (the paragraph or the publication year), not from
    /// this phrase.
    pub year_inferred: bool,
    /// 0 = Monday … 6 = Sunday, when a weekday word introduced the date.
    pub weekday: Option<u32>,
}

/// Every date mentioned in `text`, in order. `context_year` is the publication year, used
/// for dates written without a year; without it such dates are dropped rather than guessed.
pub fn find_dates(text: &str, context_year: Option<i32>) -> Vec<DateMention> {
    find_with(
        text,
        Context {
            year: context_year,
            date: None,
        },
    )
}

/// Like [`find_dates`], with the exact publication date, so "الماضي" and "المقبل" after a
/// month can pick the right year across a new year.
pub fn find_dates_on(text: &str, published: NaiveDate) -> Vec<DateMention> {
    find_with(
        text,
        Context {
            year: Some(published.year()),
            date: Some(published),
        },
    )
}

#[derive(Debug, Clone, Copy)]
struct Context {
    year: Option<i32>,
    date: Option<NaiveDate>,
}

// ---------------------------------------------------------------------------------------
// Word lists, all in normalised form.

const WEEKDAYS: [(&str, u32); 7] = [
    ("الاثنين", 0),
    ("الثلاثاء", 1),
    ("الاربعاء", 2),
    ("الخميس", 3),
    ("الجمعه", 4),
    ("السبت", 5),
    ("الاحد", 6),
];

const ORDINAL_UNITS: [(&str, u32); 10] = [
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

const MONTH_PARTS: [(&str, YearPart); 8] = [
    ("اوائل", YearPart::Early),
    ("مطلع", YearPart::Early),
    ("بدايه", YearPart::Early),
    ("مستهل", YearPart::Early),
    ("منتصف", YearPart::Mid),
    ("اواسط", YearPart::Mid),
    ("اواخر", YearPart::Late),
    ("نهايه", YearPart::Late),
];

const SEASONS: [(&str, YearPart); 8] = [
    ("ربيع", YearPart::Spring),
    ("الربيع", YearPart::Spring),
    ("صيف", YearPart::Summer),
    ("الصيف", YearPart::Summer),
    ("خريف", YearPart::Autumn),
    ("الخريف", YearPart::Autumn),
    ("شتاء", YearPart::Winter),
    ("الشتاء", YearPart::Winter),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Past,
    Current,
    Next,
}

const REL_WORDS: [(&str, Rel); 7] = [
    ("الماضي", Rel::Past),
    ("المنصرم", Rel::Past),
    ("الفائت", Rel::Past),
    ("الجاري", Rel::Current),
    ("الحالي", Rel::Current),
    ("المقبل", Rel::Next),
    ("القادم", Rel::Next),
];

/// Words that name a year and belong to the date phrase ("عام 1993").
const YEAR_WORDS: [&str; 5] = ["عام", "العام", "سنه", "السنه", "عامي"];
/// Prepositions that make a following four-digit number a year but stay outside the span.
const YEAR_PREPOSITIONS: [&str; 7] = ["في", "منذ", "حتي", "بحلول", "خلال", "قبل", "بعد"];
/// Words after which a number is a label or a count, never a year.
const NUMBER_LABELS: [&str; 16] = [
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
const REFERENCE_WORDS: [&str; 11] = [
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
const FUTURE_WORDS: [&str; 5] = ["سوف", "المقرر", "المتوقع", "المخطط", "المرتقب"];
const FUTURE_VERB_STEMS: [&str; 8] = ["تم", "جري", "جرى", "عقد", "نطلق", "بدا", "قام", "نظم"];
const FUTURE_REACH: usize = 4;
/// Closing quotes: a year right before one ends a quoted name.
const NAME_CLOSERS: [char; 5] = ['"', '»', '”', '\'', '’'];
const HIJRI_WORDS: [&str; 6] = ["ه", "هجري", "هجريه", "هجريا", "للهجره", "الهجري"];
const GREGORIAN_SUFFIXES: [&str; 5] = ["م", "ميلادي", "ميلاديه", "للميلاد", "ميلاديا"];
const RANGE_TO: [&str; 3] = ["الي", "حتي", "لغايه"];
const DASHES: [char; 6] = ['-', '–', '—', '‐', '‑', '−'];
const SLASHES: [char; 3] = ['/', '\\', '／'];
/// Prefixes a keyword may carry: a conjunction, a preposition, or both.
const CLITIC_PREFIXES: [&str; 12] = [
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
];

const BARE_YEAR_MIN: i32 = 1900;
const YEAR_MAX: i32 = 2100;
const ATTACHED_YEAR_MIN: i32 = 1000;

// ---------------------------------------------------------------------------------------
// Lexing: numbers, words, punctuation and line breaks over the normalised text.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind<'a> {
    Num { value: u32, digits: usize },
    Word(&'a str),
    Punct(char),
    Break,
}

#[derive(Debug, Clone)]
struct Lex<'a> {
    kind: Kind<'a>,
    start: usize,
    end: usize,
}

fn lex(norm: &str) -> Vec<Lex<'_>> {
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

// ---------------------------------------------------------------------------------------
// Parsing.

/// Where a point's year comes from, before the context is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum YearSrc {
    #[default]
    Missing,
    Explicit(i32),
    /// "هذا العام" (0), "العام الماضي" (-1), "العام المقبل" (+1).
    RelYear(i32),
    /// A month followed by "الماضي", "الجاري" or "المقبل".
    RelMonth(Rel),
    /// "العام الماضي", "الشهر المقبل" standing alone: the publication date moved by this
    /// many years or months; dated only when the exact publication date is known.
    Shift {
        years: i32,
        months: i32,
    },
    /// "في العام التالي": the year after the paragraph's last explicit year.
    Following,
    /// "في أكتوبر" with no year: the paragraph's year, else the last such month up to the
    /// publication date, as a reader takes it (the next such month when the words around it
    /// say it is to come); undated without the exact publication date.
    BareMonth {
        future: bool,
    },
}

#[derive(Debug, Clone, Copy, Default)]
struct Point {
    year: YearSrc,
    month: Option<u32>,
    day: Option<u32>,
    part: Option<YearPart>,
    weekday: Option<u32>,
}

/// A match in token terms: normalised byte span and the index of the next token.
#[derive(Debug, Clone, Copy)]
struct Parsed {
    first: Point,
    last: Option<Point>,
    start: usize,
    end: usize,
    next: usize,
}

/// How a year-only mention names something instead of dating it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Naming {
    Reference,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Alone,
    RangeStart,
    RangeEnd,
}

struct Parser<'a> {
    toks: &'a [Lex<'a>],
}

/// Byte offset inside `word` where `key` begins once clitics are removed, or 0 when the
/// key was folded (ل + ال → لل) and no suffix of the word spells it.
fn clitic_match(word: &str, key: &str) -> Option<usize> {
    // Clitics are one or two letters of two bytes each, and the folded ل + ال drops one:
    // any other length difference cannot match, and checking it first spares the prefix
    // comparisons on almost every word of a text.
    let diff = word.len() as isize - key.len() as isize;
    if !(-2..=4).contains(&diff) {
        return None;
    }
    for prefix in CLITIC_PREFIXES {
        let Some(rest) = word.strip_prefix(prefix) else {
            continue;
        };
        if rest == key {
            return Some(prefix.len());
        }
        if prefix.ends_with('ل') && key.starts_with("ال") && rest == &key['ا'.len_utf8()..] {
            return Some(0);
        }
    }
    None
}

fn max_day(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Parser<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i).map(|t| &t.kind) {
            Some(Kind::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        match self.toks.get(i).map(|t| &t.kind) {
            Some(Kind::Num { value, digits }) => Some((*value, *digits)),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i).map(|t| &t.kind) {
            Some(Kind::Punct(c)) => Some(*c),
            _ => None,
        }
    }

    fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.start)
    }

    fn end(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.end)
    }

    fn adjacent(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Keyword at `i`, clitics allowed: returns the keyword's value and the byte where the
    /// phrase should start.
    fn keyword<T: Copy>(&self, i: usize, table: &[(&str, T)]) -> Option<(T, usize)> {
        let w = self.word(i)?;
        table
            .iter()
            .find_map(|&(key, v)| clitic_match(w, key).map(|off| (v, self.start(i) + off)))
    }

    fn keyword_in(&self, i: usize, keys: &[&str]) -> Option<usize> {
        let w = self.word(i)?;
        keys.iter()
            .find_map(|key| clitic_match(w, key))
            .map(|off| self.start(i) + off)
    }

    // --- months -----------------------------------------------------------------------

    /// A month name at `i` in either system, possibly two words (كانون الثاني), possibly
    /// glued to its partner (سبتمبرأيلول). Returns (month, start byte, next token).
    fn month_name(&self, i: usize) -> Option<(u32, usize, usize)> {
        let w = self.word(i)?;
        for prefix in ["", "و"] {
            let Some(rest) = w.strip_prefix(prefix) else {
                continue;
            };
            let start = self.start(i) + prefix.len();
            if let Some((m, next)) = self.month_from(rest, i) {
                // "واب" is far more often a word than "and August".
                if prefix.is_empty() || rest != "اب" {
                    return Some((m, start, next));
                }
            }
            // Two names written without the slash: "سبتمبرأيلول".
            for (cut, _) in rest.char_indices().skip(1) {
                let (left, right) = rest.split_at(cut);
                let Some(a) = month_from_normalized(left) else {
                    continue;
                };
                if let Some((b, next)) = self.month_from(right, i) {
                    if a == b {
                        return Some((a, start, next));
                    }
                }
            }
        }
        None
    }

    /// `head` is the (rest of the) word at `i`; a two-word Levantine name also takes the
    /// word after it.
    fn month_from(&self, head: &str, i: usize) -> Option<(u32, usize)> {
        if head == "كانون" || head == "تشرين" {
            let second = self.word(i + 1)?;
            return month_from_normalized(&format!("{head} {second}")).map(|m| (m, i + 2));
        }
        month_from_normalized(head).map(|m| (m, i + 1))
    }

    /// A month expression: an optional "شهر", a name, and optionally the same month in the
    /// other system after a slash or in parentheses. Returns (month, start, next).
    fn month_expr(&self, i: usize) -> Option<(u32, usize, usize)> {
        let (m, start, mut next) = match self.month_name(i) {
            Some(found) => found,
            None if self.keyword_in(i, &["شهر"]).is_some() => {
                let (m, _, next) = self.month_name(i + 1)?;
                (
                    m,
                    self.keyword_in(i, &["شهر"]).unwrap_or(self.start(i)),
                    next,
                )
            }
            None => return None,
        };
        match self.punct(next) {
            Some(c) if SLASHES.contains(&c) => {
                if let Some((m2, _, after)) = self.month_name(next + 1) {
                    if m2 == m {
                        next = after;
                    }
                }
            }
            Some('(') => {
                if let Some((m2, _, after)) = self.month_name(next + 1) {
                    if m2 == m {
                        next = if self.punct(after) == Some(')') {
                            after + 1
                        } else {
                            after
                        };
                    }
                }
            }
            _ => {}
        }
        Some((m, start, next))
    }

    // --- years ------------------------------------------------------------------------

    /// A four-digit year at `i` within `lo..=hi`, not Hijri, not part of a longer number,
    /// with an optional م/ميلادي suffix. Returns (year, next token).
    fn year_number(&self, i: usize, lo: i32, hi: i32) -> Option<(i32, usize)> {
        let (value, digits) = self.num(i)?;
        let year = i32::try_from(value).ok()?;
        if digits != 4 || year < lo || year > hi {
            return None;
        }
        // "1,2000" or "2000.5" are numbers, not years.
        let glued_before = i >= 2
            && self.adjacent(i - 1, i)
            && self.adjacent(i - 2, i - 1)
            && matches!(self.punct(i - 1), Some('.' | ',' | '٫' | '٬'))
            && self.num(i - 2).is_some();
        let glued_after = self.adjacent(i, i + 1)
            && (matches!(self.punct(i + 1), Some('%' | '٪'))
                || matches!(self.punct(i + 1), Some('.' | ',' | '٫' | '٬'))
                    && self.adjacent(i + 1, i + 2)
                    && self.num(i + 2).is_some());
        if glued_before || glued_after {
            return None;
        }
        if let Some(w) = self.word(i + 1) {
            if HIJRI_WORDS.contains(&w) {
                return None;
            }
            if GREGORIAN_SUFFIXES.contains(&w) {
                return Some((year, i + 2));
            }
        }
        Some((year, i + 1))
    }

    /// "هذا العام", "العام الماضي", "السنة المقبلة"… with an optional leading "من".
    fn relative_year(&self, i: usize) -> Option<(i32, usize)> {
        let i = if self.is_word(i, "من") { i + 1 } else { i };
        let is_year_word = |j: usize| self.is_word(j, "العام") || self.is_word(j, "السنه");
        if (self.is_word(i, "هذا") || self.is_word(i, "هذه")) && is_year_word(i + 1) {
            return Some((0, i + 2));
        }
        if is_year_word(i) {
            let w = self.word(i + 1)?;
            // The feminine forms (السنة المقبلة) end in ه after normalisation.
            let w = w.strip_suffix('ه').unwrap_or(w);
            let rel = REL_WORDS.iter().find(|(k, _)| *k == w).map(|&(_, r)| r)?;
            let offset = match rel {
                Rel::Past => -1,
                Rel::Current => 0,
                Rel::Next => 1,
            };
            return Some((offset, i + 2));
        }
        None
    }

    /// The year part after a month: "2022", "عام 2022", "من عام 2022", "الماضي",
    /// "الماضي - 2022", "من هذا العام". Returns (source, next).
    fn year_after_month(&self, i: usize) -> Option<(YearSrc, usize)> {
        if let Some(found) = self.attached_year(i) {
            return Some(found);
        }
        let w = self.word(i)?;
        let (_, rel) = REL_WORDS.iter().find(|(k, _)| *k == w)?;
        let mut j = i + 1;
        if self
            .punct(j)
            .is_some_and(|c| DASHES.contains(&c) || c == '(')
        {
            j += 1;
        }
        if let Some((y, next)) = self.year_number(j, ATTACHED_YEAR_MIN, YEAR_MAX) {
            let next = if self.punct(next) == Some(')') {
                next + 1
            } else {
                next
            };
            return Some((YearSrc::Explicit(y), next));
        }
        Some((YearSrc::RelMonth(*rel), i + 1))
    }

    /// A year attached to a month, part or season: "[من] [عام] 2022" or a relative year.
    fn attached_year(&self, i: usize) -> Option<(YearSrc, usize)> {
        if let Some((offset, next)) = self.relative_year(i) {
            return Some((YearSrc::RelYear(offset), next));
        }
        let mut j = i;
        if self.is_word(j, "من") {
            j += 1;
        }
        if self
            .word(j)
            .is_some_and(|w| YEAR_WORDS.contains(&w) && w != "عامي")
        {
            j += 1;
        }
        let (y, next) = self.year_number(j, ATTACHED_YEAR_MIN, YEAR_MAX)?;
        Some((YearSrc::Explicit(y), next))
    }

    /// A year standing alone: "عام 1993" (keyword kept in the span), "في 1992" (preposition
    /// left out), or a bare year under the rules in the module docs.
    fn year_alone(&self, i: usize, mode: Mode) -> Option<Parsed> {
        let point = |y: i32| Point {
            year: YearSrc::Explicit(y),
            ..Point::default()
        };
        let make = |y: i32, start: usize, next: usize| Parsed {
            first: point(y),
            last: None,
            start,
            end: self.end(next.saturating_sub(1)),
            next,
        };
        if let Some(start) = self.keyword_in(i, &YEAR_WORDS) {
            // "سنة ،1992": a comma the bidi algorithm moved from after the year to before it.
            let at = if matches!(self.punct(i + 1), Some('،' | ','))
                && !self.adjacent(i, i + 1)
                && self.adjacent(i + 1, i + 2)
            {
                i + 2
            } else {
                i + 1
            };
            let (y, next) = self.year_number(at, BARE_YEAR_MIN, YEAR_MAX)?;
            return Some(make(y, start, next));
        }
        if self.keyword_in(i, &YEAR_PREPOSITIONS).is_some() {
            let (y, next) = self.year_number(i + 1, BARE_YEAR_MIN, YEAR_MAX)?;
            return Some(make(y, self.start(i + 1), next));
        }
        let (y, next) = self.year_number(i, BARE_YEAR_MIN, YEAR_MAX)?;
        if i > 0 && self.word(i - 1).is_some_and(|w| NUMBER_LABELS.contains(&w)) {
            return None;
        }
        let suffixed = next > i + 1;
        if mode == Mode::Alone && !suffixed && self.word(next).is_some() {
            return None;
        }
        Some(make(y, self.start(i), next))
    }

    // --- days -------------------------------------------------------------------------

    /// An ordinal day word ("السادس", "الحادي عشر", "الثاني والعشرين"). Returns (day, next).
    fn ordinal_day(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.word(i)?;
        match w {
            "العاشر" => return Some((10, i + 1)),
            "العشرين" => return Some((20, i + 1)),
            "الثلاثين" => return Some((30, i + 1)),
            _ => {}
        }
        let (_, unit) = ORDINAL_UNITS.iter().find(|(k, _)| *k == w)?;
        let unit = *unit;
        if self.is_word(i + 1, "عشر") && unit < 10 {
            return Some((10 + unit, i + 2));
        }
        let (tens, next) = if self.is_word(i + 1, "و") {
            (self.word(i + 2), i + 3)
        } else {
            (self.word(i + 1).and_then(|t| t.strip_prefix('و')), i + 2)
        };
        match tens {
            Some("العشرين") => Some((20 + unit, next)),
            Some("الثلاثين") if unit == 1 => Some((31, next)),
            _ if w == "الحادي" => None,
            _ => Some((unit, i + 1)),
        }
    }

    /// A day followed by its month: "19 ديسمبر", "الـ 15 من مايو", "السادس من يناير".
    /// Returns (day, month, start, next).
    fn day_month(&self, i: usize) -> Option<(u32, u32, usize, usize)> {
        let (day, start, after_day, ordinal) = self.day_only(i)?;
        let (month, after_month) = match self.month_expr(after_day) {
            Some((m, _, next)) if !ordinal => (m, next),
            _ if self.is_word(after_day, "من") => {
                let (m, _, next) = self.month_expr(after_day + 1)?;
                (m, next)
            }
            _ => return None,
        };
        (day <= max_day(month)).then_some((day, month, start, after_month))
    }

    /// A day number (optionally after الـ) or ordinal. Returns (day, start, next, ordinal).
    fn day_only(&self, i: usize) -> Option<(u32, usize, usize, bool)> {
        if let Some((day, next)) = self.ordinal_day(i) {
            return Some((day, self.start(i), next, true));
        }
        let (j, start) = if self.is_word(i, "ال") && self.num(i + 1).is_some() {
            (i + 1, self.start(i))
        } else {
            (i, self.start(i))
        };
        let (value, digits) = self.num(j)?;
        ((1..=31).contains(&value) && digits <= 2).then_some((value, start, j + 1, false))
    }

    /// An optional "اليوم"/"يوم" and a weekday word, then an optional comma or "الموافق".
    /// Returns (weekday, start, next).
    fn weekday(&self, i: usize) -> Option<(u32, usize, usize)> {
        let (intro, j) = match self.keyword_in(i, &["اليوم", "يوم"]) {
            Some(start) if self.keyword(i + 1, &WEEKDAYS).is_some() => (Some(start), i + 1),
            _ => (None, i),
        };
        let (wd, wd_start) = self.keyword(j, &WEEKDAYS)?;
        let mut next = j + 1;
        if matches!(self.punct(next), Some(',' | '،')) {
            next += 1;
        }
        if self.is_word(next, "الموافق") {
            next += 1;
        }
        Some((wd, intro.unwrap_or(wd_start), next))
    }

    // --- whole points -----------------------------------------------------------------

    /// "19/12/2022", "2022-12-19", "19.12.2022": three adjacent numbers, one separator.
    /// Sites that print the date with spaced dashes or slashes ("11 - 09 - 2023") get the
    /// same reading; a spaced "." is a sentence end, never a date separator.
    fn numeric_date(&self, i: usize) -> Option<Parsed> {
        let sep = self.punct(i + 1)?;
        let spaced_ok = SLASHES.contains(&sep) || DASHES.contains(&sep);
        if !(spaced_ok || sep == '.') {
            return None;
        }
        let same_sep = |k: usize| {
            self.punct(k)
                .is_some_and(|p| p == sep || (DASHES.contains(&sep) && DASHES.contains(&p)))
        };
        if !same_sep(i + 3) || !(spaced_ok || (i..i + 4).all(|k| self.adjacent(k, k + 1))) {
            return None;
        }
        let (a, da) = self.num(i)?;
        let (b, db) = self.num(i + 2)?;
        let (c, dc) = self.num(i + 4)?;
        let continues = self.adjacent(i + 4, i + 5)
            && self.punct(i + 5).is_some_and(|p| p == sep || p == '.')
            && self.num(i + 6).is_some();
        let preceded = i >= 2
            && self.adjacent(i - 1, i)
            && self.punct(i - 1).is_some_and(|p| p == sep || p == '.')
            && self.num(i - 2).is_some();
        if continues || preceded {
            return None;
        }
        let (y, m, d) = match (da, db, dc) {
            (4, 1..=2, 1..=2) => (a, b, c),
            (1..=2, 1..=2, 4) => (c, b, a),
            _ => return None,
        };
        let year = i32::try_from(y)
            .ok()
            .filter(|y| (ATTACHED_YEAR_MIN..=YEAR_MAX).contains(y))?;
        NaiveDate::from_ymd_opt(year, m, d)?;
        Some(Parsed {
            first: Point {
                year: YearSrc::Explicit(year),
                month: Some(m),
                day: Some(d),
                ..Point::default()
            },
            last: None,
            start: self.start(i),
            end: self.end(i + 4),
            next: i + 5,
        })
    }

    /// [weekday] day month [year].
    fn full_day(&self, i: usize) -> Option<Parsed> {
        let (weekday, start, j) = match self.weekday(i) {
            Some((wd, start, next)) => (Some(wd), Some(start), next),
            None => (None, None, i),
        };
        let (day, month, day_start, mut next) = self.day_month(j)?;
        let mut year = YearSrc::Missing;
        if let Some((src, after)) = self.year_after_month(next) {
            year = src;
            next = after;
        } else if let Some((y, after)) = self.year_after_comma(next) {
            year = YearSrc::Explicit(y);
            next = after;
        }
        Some(Parsed {
            first: Point {
                year,
                month: Some(month),
                day: Some(day),
                part: None,
                weekday,
            },
            last: None,
            start: start.unwrap_or(day_start),
            end: self.end(next.saturating_sub(1)),
            next,
        })
    }

    /// ", 2018" or "، 2018" after a month: stamps such as "8 تشرين الثاني، 2018".
    fn year_after_comma(&self, i: usize) -> Option<(i32, usize)> {
        if !matches!(self.punct(i), Some(',' | '،')) {
            return None;
        }
        self.year_number(i + 1, BARE_YEAR_MIN, YEAR_MAX)
    }

    /// Month, day, comma, year, in the English order some sites print: "يناير 8, 2022",
    /// "أغسطس 02, 2021". The comma is required: without it "مايو 15 2022" is ambiguous.
    fn month_day_year(&self, i: usize) -> Option<Parsed> {
        let (month, start, next) = self.month_expr(i)?;
        let (day, digits) = self.num(next)?;
        if digits > 2 || day == 0 || day > max_day(month) {
            return None;
        }
        let (year, after) = self.year_after_comma(next + 1)?;
        Some(Parsed {
            first: Point {
                year: YearSrc::Explicit(year),
                month: Some(month),
                day: Some(day),
                ..Point::default()
            },
            last: None,
            start,
            end: self.end(after.saturating_sub(1)),
            next: after,
        })
    }

    /// A part of a month ("منتصف فبراير [2022]") or of a year ("مطلع عام 2000",
    /// "خريف هذا العام").
    fn part(&self, i: usize) -> Option<Parsed> {
        let (part, start, is_season) = match self.keyword(i, &MONTH_PARTS) {
            Some((p, s)) => (p, s, false),
            None => {
                let (p, s) = self.keyword(i, &SEASONS)?;
                (p, s, true)
            }
        };
        let mut point = Point {
            part: Some(part),
            ..Point::default()
        };
        let mut next = i + 1;
        if !is_season {
            if let Some((m, _, after)) = self.month_expr(i + 1) {
                point.month = Some(m);
                next = after;
                if let Some((src, after)) = self.year_after_month(next) {
                    point.year = src;
                    next = after;
                }
            }
        }
        if point.month.is_none() {
            let (src, after) = self.attached_year(i + 1)?;
            point.year = src;
            next = after;
        }
        Some(Parsed {
            first: point,
            last: None,
            start,
            end: self.end(next.saturating_sub(1)),
            next,
        })
    }

    /// A month with a year or relative word ("مايو/أيار 1992", "فبراير الماضي"); in a
    /// range start the month may stand alone.
    fn month_year(&self, i: usize, mode: Mode) -> Option<Parsed> {
        let (month, start, next) = self.month_expr(i)?;
        let after_preposition = i > 0 && self.keyword_in(i - 1, &YEAR_PREPOSITIONS).is_some();
        let (year, next) = match self.year_after_month(next) {
            Some(found) => found,
            None if mode == Mode::RangeStart => (YearSrc::Missing, next),
            None if after_preposition => (
                YearSrc::BareMonth {
                    future: self.future_cue(i, next),
                },
                next,
            ),
            None => return None,
        };
        Some(Parsed {
            first: Point {
                year,
                month: Some(month),
                ..Point::default()
            },
            last: None,
            start,
            end: self.end(next.saturating_sub(1)),
            next,
        })
    }

    /// Whether the words just around tokens `i..next` say the time is to come: a future verb
    /// ("سيتم", "ستجرى", "سوف") or a plan ("من المقرر", "من المتوقع").
    fn future_cue(&self, i: usize, next: usize) -> bool {
        let near = (i.saturating_sub(FUTURE_REACH)..i).chain(next..next + FUTURE_REACH);
        near.filter_map(|k| self.word(k)).any(|w| {
            FUTURE_WORDS.contains(&w)
                || (w.chars().count() >= 4
                    && ["سي", "ست", "سن"].iter().any(|p| w.starts_with(p))
                    && FUTURE_VERB_STEMS.iter().any(|v| w.ends_with(v)))
        })
    }

    /// "العام الماضي", "السنة المقبلة", "الشهر الماضي", "في العام التالي" standing alone
    /// (after an optional preposition, which stays outside the span).
    fn relative_alone(&self, i: usize) -> Option<Parsed> {
        let j = if self.keyword_in(i, &YEAR_PREPOSITIONS).is_some() {
            i + 1
        } else {
            i
        };
        let unit = self.word(j)?;
        let is_month = unit == "الشهر";
        if !(is_month || unit == "العام" || unit == "السنه") {
            return None;
        }
        let w = self.word(j + 1)?;
        let w = w.strip_suffix('ه').unwrap_or(w);
        let year = if w == "التالي" && !is_month {
            YearSrc::Following
        } else {
            let rel = REL_WORDS.iter().find(|(k, _)| *k == w).map(|&(_, r)| r)?;
            let step = match rel {
                Rel::Past => -1,
                // "العام الجاري" is as vague as "هذا العام", and "العام المقبل" alone is a
                // plan, not a time anything happened; "الشهر الجاري" is this month.
                Rel::Next if is_month => 1,
                Rel::Current if is_month => 0,
                Rel::Next | Rel::Current => return None,
            };
            if is_month {
                YearSrc::Shift {
                    years: 0,
                    months: step,
                }
            } else {
                YearSrc::Shift {
                    years: step,
                    months: 0,
                }
            }
        };
        let month_of_now = matches!(
            year,
            YearSrc::Shift {
                months: 0,
                years: 0
            }
        );
        if month_of_now {
            return None;
        }
        Some(Parsed {
            first: Point {
                year,
                ..Point::default()
            },
            last: None,
            start: self.start(j),
            end: self.end(j + 1),
            next: j + 2,
        })
    }

    fn point(&self, i: usize, mode: Mode) -> Option<Parsed> {
        let mut candidates = vec![
            self.numeric_date(i),
            self.full_day(i),
            self.month_day_year(i),
            self.part(i),
            self.month_year(i, mode),
            self.year_alone(i, mode),
        ];
        if mode == Mode::Alone {
            candidates.push(self.relative_alone(i));
        }
        if mode == Mode::RangeStart {
            candidates.push(self.day_only(i).map(|(day, start, next, _)| Parsed {
                first: Point {
                    day: Some(day),
                    ..Point::default()
                },
                last: None,
                start,
                end: self.end(next.saturating_sub(1)),
                next,
            }));
        }
        longest(candidates)
    }

    fn year_only(&self, m: &Parsed) -> bool {
        let bare = |p: &Point| p.month.is_none() && p.day.is_none() && p.part.is_none();
        bare(&m.first) && m.last.as_ref().is_none_or(bare)
    }

    /// A year that names rather than dates: a reference ("حدود 1967", "القرار 2254" is
    /// already a number, "رؤية 2030", a plan's "للفترة 2024-2026" while "في الفترة 1999-2000"
    /// is a time), the year a plan or a budget is
    /// for ("خطة العمل لعام 2022"), or the year in a name ("«شريك النسر 2023»", "مرز-2021").
    fn naming_year(&self, first: usize, next: usize) -> Option<Naming> {
        let labelled = first > 0
            && self.word(first - 1).is_some_and(|w| {
                REFERENCE_WORDS
                    .iter()
                    .any(|k| clitic_match(w, k).is_some() || w == *k)
            });
        let plan_year = self.word(first).is_some_and(|w| {
            ["ل", "ول", "فل"].iter().any(|p| {
                w.strip_prefix(p)
                    .is_some_and(|rest| YEAR_WORDS.contains(&rest) || rest == "لعام")
            })
        });
        let bare = self.num(first).is_some();
        let last = next.saturating_sub(1);
        let quote_closes = self.adjacent(last, next)
            && self.punct(next).is_some_and(|c| NAME_CLOSERS.contains(&c));
        let glued_to_name = first >= 2
            && self.adjacent(first - 1, first)
            && self.adjacent(first - 2, first - 1)
            && self.punct(first - 1).is_some_and(|c| DASHES.contains(&c))
            && self.word(first - 2).is_some();
        if labelled || plan_year {
            Some(Naming::Reference)
        } else if bare && (quote_closes || glued_to_name) {
            Some(Naming::Name)
        } else {
            None
        }
    }

    /// "من A إلى B", "بين A و B", "A-B" with A possibly missing what B supplies.
    fn range(&self, i: usize) -> Option<Parsed> {
        let lead = if self.keyword_in(i, &["من"]).is_some() {
            Some(("من", self.keyword_in(i, &["من"]).unwrap_or(self.start(i))))
        } else {
            self.keyword_in(i, &["بين"]).map(|s| ("بين", s))
        };
        let mut j = if lead.is_some() { i + 1 } else { i };
        if lead.is_some_and(|(w, _)| w == "من") && self.is_word(j, "تاريخ") {
            j += 1;
        }
        let a = self.point(j, Mode::RangeStart)?;
        let k = a.next;
        let day_only = a.first.month.is_none() && a.first.day.is_some();
        let is_dash = self.punct(k).is_some_and(|c| DASHES.contains(&c));
        let b_at = match lead {
            Some(("بين", _)) if self.is_word(k, "و") => k + 1,
            Some(("بين", _)) if self.word(k).is_some_and(|w| w.starts_with('و')) => k,
            Some(("بين", _)) => return None,
            Some(_) if is_dash || self.keyword_in(k, &RANGE_TO).is_some() => k + 1,
            Some(_) => return None,
            None if is_dash => k + 1,
            None if day_only && self.keyword_in(k, &RANGE_TO).is_some() => k + 1,
            None => return None,
        };
        let b = self
            .point(b_at, Mode::RangeEnd)
            .or_else(|| self.short_end_year(&a, b_at))?;
        let (first, last) = complete_range(a.first, b.first)?;
        Some(Parsed {
            first,
            last: Some(last),
            start: lead.map_or(a.start, |(_, s)| s),
            end: b.end,
            next: b.next,
        })
    }

    /// "2020-21": a two-digit end year after a year-only start.
    fn short_end_year(&self, a: &Parsed, i: usize) -> Option<Parsed> {
        let YearSrc::Explicit(start_year) = a.first.year else {
            return None;
        };
        if a.first.month.is_some() || a.first.part.is_some() {
            return None;
        }
        let (value, digits) = self.num(i)?;
        if digits != 2 || self.word(i + 1).is_some() {
            return None;
        }
        let year = start_year - start_year % 100 + i32::try_from(value).ok()?;
        (year > start_year).then_some(Parsed {
            first: Point {
                year: YearSrc::Explicit(year),
                ..Point::default()
            },
            last: None,
            start: self.start(i),
            end: self.end(i),
            next: i + 1,
        })
    }
}

fn longest(candidates: Vec<Option<Parsed>>) -> Option<Parsed> {
    candidates
        .into_iter()
        .flatten()
        .fold(None, |best: Option<Parsed>, c| match best {
            Some(b) if b.next >= c.next => Some(b),
            _ => Some(c),
        })
}

/// Gives a range start the month it borrows from the end, and checks the range reads
/// forward. Years are settled later, once the context is known.
fn complete_range(mut a: Point, b: Point) -> Option<(Point, Point)> {
    let a_year_only = a.month.is_none() && a.day.is_none() && a.part.is_none();
    let b_year_only = b.month.is_none() && b.day.is_none() && b.part.is_none();
    if a.month.is_none() && a.day.is_some() {
        // "من 10 إلى 14 أكتوبر": the day borrows the month (and later the year).
        if b.day.is_none() || b.month.is_none() {
            return None;
        }
        a.month = b.month;
        if a.day >= b.day {
            return None;
        }
        if max_day(b.month.unwrap_or(1)) < a.day.unwrap_or(0) {
            return None;
        }
    } else if a.month.is_some() && b.month.is_none() {
        // "من مايو 1992 إلى 1994" reads as month-to-year; without A's year it is noise.
        if a.year == YearSrc::Missing || !b_year_only {
            return None;
        }
    } else if a_year_only && !b_year_only {
        // "من عام 1994 إلى مايو 1999" is fine; a bare start needs its own year.
        if a.year == YearSrc::Missing {
            return None;
        }
    }
    if let (YearSrc::Explicit(ya), YearSrc::Explicit(yb)) = (a.year, b.year) {
        let ka = PartialDate {
            year: ya,
            month: a.month,
            day: a.day,
            part: a.part,
        };
        let kb = PartialDate {
            year: yb,
            month: b.month,
            day: b.day,
            part: b.part,
        };
        if ka.sort_key() >= kb.sort_key() {
            return None;
        }
    }
    Some((a, b))
}

// ---------------------------------------------------------------------------------------
// Resolution: turning year sources into years with the paragraph and publication context.

/// `None`: the point has no year of its own. `Some(None)`: it needs a context that is
/// missing, so the mention is dropped.
fn own_year(p: &Point, ctx: Context) -> Option<Option<(i32, bool)>> {
    match p.year {
        YearSrc::Missing => None,
        YearSrc::Explicit(y) => Some(Some((y, false))),
        YearSrc::RelYear(offset) => Some(ctx.year.map(|y| (y + offset, true))),
        YearSrc::RelMonth(rel) => Some(relative_month_year(p, rel, ctx).map(|y| (y, true))),
        YearSrc::Shift { years, .. } => Some(ctx.date.map(|d| (d.year() + years, true))),
        // Settled against the paragraph in `resolve`.
        YearSrc::Following | YearSrc::BareMonth { .. } => Some(None),
    }
}

fn relative_month_year(p: &Point, rel: Rel, ctx: Context) -> Option<i32> {
    let Some(published) = ctx.date else {
        return ctx.year;
    };
    let year = published.year();
    let month = p.month?;
    let here = (month, p.day.unwrap_or(0));
    let now = (published.month(), published.day());
    // Without a day, "يناير الماضي" said in January means last year's January.
    let before = if p.day.is_some() {
        here < now
    } else {
        month < now.0
    };
    let after = if p.day.is_some() {
        here > now
    } else {
        month > now.0
    };
    Some(match rel {
        Rel::Past if before => year,
        Rel::Past => year - 1,
        Rel::Current => year,
        Rel::Next if after => year,
        Rel::Next => year + 1,
    })
}

fn with_year(p: &Point, year: i32) -> PartialDate {
    PartialDate {
        year,
        month: p.month,
        day: p.day,
        part: p.part,
    }
}

/// Settles the years of a match. Returns (start, end, year_inferred) or `None` to drop it.
fn resolve(
    m: &Parsed,
    paragraph_year: Option<i32>,
    ctx: Context,
) -> Option<(PartialDate, Option<PartialDate>, bool)> {
    let fallback = paragraph_year.or(ctx.year).map(|y| (y, true));
    match (m.first.year, m.last) {
        (YearSrc::Shift { years, months }, None) => {
            let published = ctx.date?;
            let total = published.year() * 12 + published.month0() as i32 + years * 12 + months;
            let month = (months != 0).then(|| total.rem_euclid(12) as u32 + 1);
            let date = PartialDate {
                year: total.div_euclid(12),
                month,
                day: None,
                part: None,
            };
            return Some((date, None, true));
        }
        (YearSrc::BareMonth { future }, None) => {
            let month = m.first.month?;
            let year = match (paragraph_year, ctx.date) {
                (Some(y), _) => y,
                (None, Some(d)) if future && month < d.month() => d.year() + 1,
                (None, Some(d)) if future || month <= d.month() => d.year(),
                (None, Some(d)) => d.year() - 1,
                (None, None) => return None,
            };
            return Some((with_year(&m.first, year), None, true));
        }
        (YearSrc::Following, None) => {
            let date = with_year(&m.first, paragraph_year? + 1);
            return Some((date, None, true));
        }
        _ => {}
    }
    let Some(last) = m.last else {
        let (year, inferred) = own_year(&m.first, ctx).unwrap_or(fallback)?;
        return Some((with_year(&m.first, year), None, inferred));
    };
    let a = own_year(&m.first, ctx);
    let b = own_year(&last, ctx);
    let (start, end, inferred) = match (a, b) {
        (Some(ya), Some(yb)) => {
            let (ya, ia) = ya?;
            let (yb, ib) = yb?;
            (with_year(&m.first, ya), with_year(&last, yb), ia || ib)
        }
        (None, Some(yb)) => {
            let (yb, ib) = yb?;
            let mut s = with_year(&m.first, yb);
            let e = with_year(&last, yb);
            if s.sort_key() > e.sort_key() {
                s.year -= 1;
            }
            (s, e, ib)
        }
        (Some(ya), None) => {
            let (ya, ia) = ya?;
            let s = with_year(&m.first, ya);
            let mut e = with_year(&last, ya);
            if e.sort_key() < s.sort_key() {
                e.year += 1;
            }
            (s, e, ia)
        }
        (None, None) => {
            let (y, i) = fallback?;
            let mut s = with_year(&m.first, y);
            let e = with_year(&last, y);
            if s.sort_key() > e.sort_key() {
                s.year -= 1;
            }
            (s, e, i)
        }
    };
    (start.sort_key() < end.sort_key()).then_some((start, Some(end), inferred))
}

// ---------------------------------------------------------------------------------------
// The scanner: which tokens can open a date phrase at all.
//
// Every reading the parser tries begins with a number or with one of a fixed set of words
// (a keyword from the tables above behind its clitics, a month name, an ordinal, ال before
// a number). Those words are compiled once into a set of surface forms plus an anchored
// Aho-Corasick automaton for glued month names, so the text is read in one pass with a
// lookup per word and the parser only runs where a date can begin; on wire copy that is
// about one word in eight.

/// Keywords a phrase may open with, clitics allowed (see [`clitic_match`]).
fn opening_keywords() -> impl Iterator<Item = &'static str> {
    let tables = [
        WEEKDAYS.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        MONTH_PARTS.iter().map(|(k, _)| *k).collect(),
        SEASONS.iter().map(|(k, _)| *k).collect(),
    ];
    tables
        .into_iter()
        .flatten()
        .chain(YEAR_WORDS)
        .chain(YEAR_PREPOSITIONS)
        .chain(["شهر", "الشهر", "من", "بين", "اليوم", "يوم"])
}

struct Openers {
    /// Every word [`clitic_match`] accepts for an opening keyword, and the exact words
    /// (ordinals, ال) the parser compares without clitics.
    words: std::collections::HashSet<String>,
    /// Month names, for a word that begins with one (alone, glued to its partner, after و).
    months: aho_corasick::AhoCorasick,
}

static OPENERS: std::sync::LazyLock<Openers> = std::sync::LazyLock::new(|| {
    let mut words = std::collections::HashSet::new();
    for key in opening_keywords() {
        for prefix in CLITIC_PREFIXES {
            words.insert(format!("{prefix}{key}"));
            // ل + ال folds to لل: clitic_match accepts the key without its alif.
            if prefix.ends_with('ل') {
                if let Some(rest) = key.strip_prefix('ا').filter(|_| key.starts_with("ال")) {
                    words.insert(format!("{prefix}{rest}"));
                }
            }
        }
    }
    let exact = ORDINAL_UNITS
        .iter()
        .map(|(k, _)| *k)
        .chain(["العاشر", "العشرين", "الثلاثين", "ال"]);
    words.extend(exact.map(str::to_string));
    let names = crate::arabic::normalized_month_names()
        .filter_map(|name| name.split(' ').next())
        .chain(["كانون", "تشرين"]);
    let months = aho_corasick::AhoCorasick::builder()
        .start_kind(aho_corasick::StartKind::Anchored)
        .build(names)
        .expect("month names are a small, valid pattern set");
    Openers { words, months }
});

/// Whether a date phrase can begin at a token of this kind: a superset of the tokens where
/// [`Parser::range`] or [`Parser::point`] can match, so skipping the others changes nothing.
fn may_start(kind: &Kind<'_>) -> bool {
    let w = match kind {
        Kind::Num { .. } => return true,
        Kind::Word(w) => *w,
        Kind::Punct(_) | Kind::Break => return false,
    };
    let openers = &*OPENERS;
    if openers.words.contains(w) {
        return true;
    }
    let begins_with_month = |s: &str| {
        openers
            .months
            .find(aho_corasick::Input::new(s).anchored(aho_corasick::Anchored::Yes))
            .is_some()
    };
    begins_with_month(w) || w.strip_prefix('و').is_some_and(begins_with_month)
}

fn find_with(text: &str, ctx: Context) -> Vec<DateMention> {
    let (norm, map) = normalize_with_map(text);
    let toks = lex(&norm);
    let parser = Parser { toks: &toks };

    let mut matches = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start(&toks[i].kind) {
            i += 1;
            continue;
        }
        let found = longest(vec![parser.range(i), parser.point(i, Mode::Alone)]);
        match found {
            Some(m) if m.next > i => {
                matches.push((i, m));
                i = m.next;
            }
            _ => i += 1,
        }
    }

    let mut paragraph_of = Vec::with_capacity(toks.len());
    let mut paragraph = 0usize;
    for t in &toks {
        if t.kind == Kind::Break {
            paragraph += 1;
        }
        paragraph_of.push(paragraph);
    }

    let mut out = Vec::with_capacity(matches.len());
    let mut last_explicit: Option<(usize, i32)> = None;
    for (first_tok, m) in matches {
        let para = paragraph_of.get(first_tok).copied().unwrap_or(0);
        if parser.year_only(&m) {
            match parser.naming_year(first_tok, m.next) {
                Some(Naming::Reference) => continue,
                // The year in a name is not a time of its own, but it still tells the
                // year of the dates that follow ("«التضامن - 2019» من 5 إلى 9 يونيو").
                Some(Naming::Name) => {
                    if let YearSrc::Explicit(y) = m.first.year {
                        last_explicit = Some((para, y));
                    }
                    continue;
                }
                None => {}
            }
        }
        let para_year = last_explicit.filter(|(p, _)| *p == para).map(|(_, y)| y);
        let Some((start, end, inferred)) = resolve(&m, para_year, ctx) else {
            continue;
        };
        let day_ok = |d: &PartialDate| d.day.is_none() || d.to_naive().is_some();
        if !day_ok(&start) || !end.as_ref().is_none_or(day_ok) {
            continue;
        }
        if !inferred {
            last_explicit = Some((para, end.unwrap_or(start).year));
        }
        let (Some(&s), Some(&e)) = (map.get(m.start), map.get(m.end)) else {
            continue;
        };
        let precision = if end.is_some() {
            Precision::Range
        } else if start.day.is_some() {
            Precision::Day
        } else if start.part.is_some() {
            Precision::Season
        } else if start.month.is_some() {
            Precision::Month
        } else {
            Precision::Year
        };
        out.push(DateMention {
            start,
            end,
            precision,
            span: s..e,
            year_inferred: inferred,
            weekday: m.first.weekday,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One expected mention: the phrase as written, the start and end dates as
    /// "YYYY[-MM[-DD]]" with "~part" when a part of the year/month is set, the precision,
    /// whether the year was inferred, and the weekday.
    type Want = (
        &'static str,
        &'static str,
        Option<&'static str>,
        Precision,
        bool,
        Option<u32>,
    );

    fn describe(d: &PartialDate) -> String {
        match d.part {
            Some(part) => format!("{}~{}", d.iso(), format!("{part:?}").to_lowercase()),
            None => d.iso(),
        }
    }

    use Precision::{Day, Month, Range as R, Season, Year};

    #[rustfmt::skip]
    const ROWS: &[(&str, Option<i32>, &[Want])] = &[
        // Both month systems, alone and paired, with and without a year.
        ("اليوم الاثنين 19 ديسمبر/كانون الأول 2022، في مؤتمر", None, &[("اليوم الاثنين 19 ديسمبر/كانون الأول 2022", "2022-12-19", None, Day, false, Some(0))]),
        ("الأربعاء 15 سبتمبر/أيلول 2021", None, &[("الأربعاء 15 سبتمبر/أيلول 2021", "2021-09-15", None, Day, false, Some(2))]),
        ("19 ديسمبر/كانون الأول 2022", None, &[("19 ديسمبر/كانون الأول 2022", "2022-12-19", None, Day, false, None)]),
        ("وقع في 13 سبتمبر/أيلول", Some(2021), &[("13 سبتمبر/أيلول", "2021-09-13", None, Day, true, None)]),
        ("ديسمبر/ كانون الأول 2022", None, &[("ديسمبر/ كانون الأول 2022", "2022-12", None, Month, false, None)]),
        ("ستعقد في 16 سبتمبرأيلول.", Some(2021), &[("16 سبتمبرأيلول", "2021-09-16", None, Day, true, None)]),
        ("فبراير/شباط 2022", None, &[("فبراير/شباط 2022", "2022-02", None, Month, false, None)]),
        ("9 فبراير/شباط 2022", None, &[("9 فبراير/شباط 2022", "2022-02-09", None, Day, false, None)]),
        ("٠٩ فبراير ٢٠٢٢", None, &[("٠٩ فبراير ٢٠٢٢", "2022-02-09", None, Day, false, None)]),
        ("١٦ مايو", Some(2022), &[("١٦ مايو", "2022-05-16", None, Day, true, None)]),
        ("١٦ مايو", None, &[]),
        ("۲۸ مارس/آذار ۲۰۰۸", None, &[("۲۸ مارس/آذار ۲۰۰۸", "2008-03-28", None, Day, false, None)]),
        ("أغسطس/آب 2014", None, &[("أغسطس/آب 2014", "2014-08", None, Month, false, None)]),
        ("تشرين الأول 2021", None, &[("تشرين الأول 2021", "2021-10", None, Month, false, None)]),
        ("ديسمبر (كانون الأول) 2022", None, &[("ديسمبر (كانون الأول) 2022", "2022-12", None, Month, false, None)]),
        ("19 ابريل/نيسان.", Some(2022), &[("19 ابريل/نيسان", "2022-04-19", None, Day, true, None)]),
        ("الـ 20 من يوليـو 2021", None, &[("الـ 20 من يوليـو 2021", "2021-07-20", None, Day, false, None)]),
        ("الـ 15 من مايو 2022", None, &[("الـ 15 من مايو 2022", "2022-05-15", None, Day, false, None)]),
        ("في 15 مايو/أيار 1992م في طشقند", None, &[("15 مايو/أيار 1992م", "1992-05-15", None, Day, false, None)]),
        ("بتاريخ 19/12/2022", None, &[("19/12/2022", "2022-12-19", None, Day, false, None)]),
        ("(2022-12-19)", None, &[("2022-12-19", "2022-12-19", None, Day, false, None)]),
        // Weekdays.
        ("يوم الجمعة 1 يوليو 2022", None, &[("يوم الجمعة 1 يوليو 2022", "2022-07-01", None, Day, false, Some(4))]),
        ("الخميس السادس من يناير/كانون الثاني 2022", None, &[("الخميس السادس من يناير/كانون الثاني 2022", "2022-01-06", None, Day, false, Some(3))]),
        // Ordinal days.
        ("الأول من نوفمبر/تشرين الثاني 1995", None, &[("الأول من نوفمبر/تشرين الثاني 1995", "1995-11-01", None, Day, false, None)]),
        ("الثاني من أبريل", Some(1999), &[("الثاني من أبريل", "1999-04-02", None, Day, true, None)]),
        ("العاشر من ديسمبر", Some(2010), &[("العاشر من ديسمبر", "2010-12-10", None, Day, true, None)]),
        ("الحادي عشر من سبتمبر 2001", None, &[("الحادي عشر من سبتمبر 2001", "2001-09-11", None, Day, false, None)]),
        ("الثاني والعشرين من مارس 2020", None, &[("الثاني والعشرين من مارس 2020", "2020-03-22", None, Day, false, None)]),
        ("الحادي والثلاثين من ديسمبر 2021", None, &[("الحادي والثلاثين من ديسمبر 2021", "2021-12-31", None, Day, false, None)]),
        // Years alone.
        ("ـ عام 1993: وقعت", None, &[("عام 1993", "1993", None, Year, false, None)]),
        ("في 1992 وقعت", None, &[("1992", "1992", None, Year, false, None)]),
        ("سنة 2002", None, &[("سنة 2002", "2002", None, Year, false, None)]),
        ("في العام 2010.", None, &[("العام 2010", "2010", None, Year, false, None)]),
        ("فِي عَامِ ٢٠٢٢", None, &[("عَامِ ٢٠٢٢", "2022", None, Year, false, None)]),
        ("تأسست 1992م", None, &[("1992م", "1992", None, Year, false, None)]),
        ("مناورات الصقر 2015.", None, &[("2015", "2015", None, Year, false, None)]),
        // Ranges.
        ("من 10 إلى 14 أكتوبر 2021", None, &[("من 10 إلى 14 أكتوبر 2021", "2021-10-10", Some("2021-10-14"), R, false, None)]),
        ("بين 10 و14 أكتوبر", Some(2022), &[("بين 10 و14 أكتوبر", "2022-10-10", Some("2022-10-14"), R, true, None)]),
        ("في الفترة 1999-2000:", None, &[("1999-2000", "1999", Some("2000"), R, false, None)]),
        ("في 2020-2021.", None, &[("2020-2021", "2020", Some("2021"), R, false, None)]),
        ("موسم 2020-21", None, &[("2020-21", "2020", Some("2021"), R, false, None)]),
        ("من عام 1994 إلى 1999", None, &[("من عام 1994 إلى 1999", "1994", Some("1999"), R, false, None)]),
        ("ومن عام 1994 حتى عام 1999", None, &[("من عام 1994 حتى عام 1999", "1994", Some("1999"), R, false, None)]),
        ("بين عامي 2020 و2021", None, &[("بين عامي 2020 و2021", "2020", Some("2021"), R, false, None)]),
        ("من 28 ديسمبر إلى 3 يناير 2022", None, &[("من 28 ديسمبر إلى 3 يناير 2022", "2021-12-28", Some("2022-01-03"), R, false, None)]),
        ("ومن تاريخ 16 إلى 30 مايو/ أيار الجاري", Some(2022), &[("من تاريخ 16 إلى 30 مايو/ أيار الجاري", "2022-05-16", Some("2022-05-30"), R, true, None)]),
        // Parts of a year or month, seasons.
        ("خلال أحداث خريف عام 1996", None, &[("خريف عام 1996", "1996~autumn", None, Season, false, None)]),
        ("وصيف 1998 بسبب", None, &[("صيف 1998", "1998~summer", None, Season, false, None)]),
        ("ربيع 2003", None, &[("ربيع 2003", "2003~spring", None, Season, false, None)]),
        ("شتاء 2022", None, &[("شتاء 2022", "2022~winter", None, Season, false, None)]),
        ("منتصف فبراير 2022", None, &[("منتصف فبراير 2022", "2022-02~mid", None, Season, false, None)]),
        ("في أواخر نوفمبر في يريفان", Some(2022), &[("أواخر نوفمبر", "2022-11~late", None, Season, true, None)]),
        ("في أوائل يناير الماضي، مصحوبة", Some(2022), &[("أوائل يناير الماضي", "2022-01~early", None, Season, true, None)]),
        ("مطلع عام 2000", None, &[("مطلع عام 2000", "2000~early", None, Season, false, None)]),
        ("بحلول منتصف فبراير من العام المقبل", Some(2022), &[("منتصف فبراير من العام المقبل", "2023-02~mid", None, Season, true, None)]),
        ("في خريف هذا العام", Some(2022), &[("خريف هذا العام", "2022~autumn", None, Season, true, None)]),
        ("صيف العام الماضي", Some(2022), &[("صيف العام الماضي", "2021~summer", None, Season, true, None)]),
        ("مع نهاية ابريل/ نيسان من هذا العام", Some(2022), &[("نهاية ابريل/ نيسان من هذا العام", "2022-04~late", None, Season, true, None)]),
        // Month and year without a day.
        ("مايو/أيار 1992", None, &[("مايو/أيار 1992", "1992-05", None, Month, false, None)]),
        ("في يناير 2022", None, &[("يناير 2022", "2022-01", None, Month, false, None)]),
        ("في نوفمبر/تشرين الثاني 2019،", None, &[("نوفمبر/تشرين الثاني 2019", "2019-11", None, Month, false, None)]),
        ("في يناير/كانون الثاني من هذا العام", Some(2022), &[("يناير/كانون الثاني من هذا العام", "2022-01", None, Month, true, None)]),
        // Years from the paragraph, from "الماضي", and explicit years winning.
        ("وقعت الحرب عام 2008، ثم في 14 يونيو وقع الاتفاق", Some(2022), &[("عام 2008", "2008", None, Year, false, None), ("14 يونيو", "2008-06-14", None, Day, true, None)]),
        ("عام 2008\nفي 14 يونيو", Some(2022), &[("عام 2008", "2008", None, Year, false, None), ("14 يونيو", "2022-06-14", None, Day, true, None)]),
        ("مناورات \"التضامن - 2019\" من 5 إلى 9 يونيو", Some(2021), &[("من 5 إلى 9 يونيو", "2019-06-05", Some("2019-06-09"), R, true, None)]),
        ("على حدود عام 1967 وفق رؤية 2030", None, &[]),
        ("التي تأسست سنة ،1992 روسيا", None, &[("سنة ،1992", "1992", None, Year, false, None)]),
        ("خطة العمل لعام 2022 للفترة 2024-2026", None, &[]),
        ("تمرين مرز-2021 في 22 يوليو", None, &[]),
        ("في 8 تشرين الثاني، 2018", None, &[("8 تشرين الثاني، 2018", "2018-11-08", None, Day, false, None)]),
        ("يناير 8, 2022", None, &[("يناير 8, 2022", "2022-01-08", None, Day, false, None)]),
        ("نشر يوم 11 - 09 - 2023", None, &[("11 - 09 - 2023", "2023-09-11", None, Day, false, None)]),
        ("في 13 سبتمبر/أيلول الماضي على الحدود", Some(2022), &[("13 سبتمبر/أيلول الماضي", "2022-09-13", None, Day, true, None)]),
        ("في 6 يناير/كانون الثاني الماضي - 2022.", Some(2023), &[("6 يناير/كانون الثاني الماضي - 2022", "2022-01-06", None, Day, false, None)]),
        ("في 31 فبراير 2022", None, &[("فبراير 2022", "2022-02", None, Month, false, None)]),
        // Nothing to date.
        ("29 فبراير", Some(2022), &[]),
        ("في 23 نوفمبر، عقدت قمة", None, &[]),
        ("وفقا للمادة 4 من اتفاقية الأمن", Some(2022), &[]),
        ("تضم 6 دول", Some(2022), &[]),
        ("الذكرى الـ 30 لتوقيع الاتفاقية", Some(2022), &[]),
        ("أكثر من 2000 جندي", Some(2022), &[]),
        ("نحو 1950 عنصرا", None, &[]),
        ("قرار مجلس الأمن 2254", None, &[]),
        ("القرار 2015.", None, &[]),
        ("عام 1443 هـ", None, &[]),
        ("1443هـ", None, &[]),
        ("سنة 1440 للهجرة", None, &[]),
        ("حوالي 2.5 مليون", None, &[]),
        ("بلغ 1,2000 دولار", None, &[]),
        ("مارس الضغط على الحكومة", Some(2022), &[]),
        ("حضر 3 آلاف جندي و70 طائرة", Some(2022), &[]),
        ("وأمس الأربعاء، أعلن", Some(2022), &[]),
        ("خلال السنة الماضية", Some(2022), &[]),
        ("بحلول نهاية العام", Some(2022), &[]),
        ("في الخريف", Some(2022), &[]),
        ("منذ 30 عاما", Some(2022), &[]),
        ("", Some(2022), &[]),
    ];

    #[test]
    fn date_rows() {
        let mut failures = Vec::new();
        for (text, ctx, want) in ROWS {
            let got: Vec<Want> = find_dates(text, *ctx)
                .iter()
                .map(|m| {
                    let span: &'static str = text.get(m.span.clone()).unwrap_or("<bad span>");
                    let start: &'static str = Box::leak(describe(&m.start).into_boxed_str());
                    let end = m.end.map(|e| &*Box::leak(describe(&e).into_boxed_str()));
                    (span, start, end, m.precision, m.year_inferred, m.weekday)
                })
                .collect();
            if got != *want {
                failures.push(format!(
                    "{text:?} ctx {ctx:?}\n   got  {got:?}\n   want {want:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} rows failed:\n{}",
            failures.len(),
            ROWS.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn relative_months_follow_the_publication_date() {
        let rows: &[(&str, (i32, u32, u32), &str)] = &[
            ("في 20 ديسمبر الماضي", (2023, 1, 10), "2022-12-20"),
            ("في 5 يناير الماضي", (2023, 1, 10), "2023-01-05"),
            ("في يناير الماضي 2021", (2023, 1, 10), "2021-01"),
            ("أواخر مارس المقبل", (2022, 12, 1), "2023-03"),
            ("في 30 مايو الجاري", (2022, 5, 16), "2022-05-30"),
            // Standing alone, against the publication date.
            ("خلال اجتماعها العام الماضي", (2018, 11, 8), "2017"),
            ("على أن يعقد الشهر المقبل", (2022, 12, 20), "2023-01"),
            ("حتى 20 سبتمبر الحالي", (2023, 9, 11), "2023-09-20"),
            // A month with no year: the last one up to the article, or the next when it is to come.
            ("في أكتوبر أصبحت بيلاروس", (2023, 11, 23), "2023-10"),
            ("في ديسمبر وقع الاتفاق", (2023, 3, 1), "2022-12"),
            ("في سبتمبر ، سيتم إجراء تدريبات", (2021, 8, 2), "2021-09"),
            ("في يوليو سيتم إجراء تدريبات", (2021, 8, 2), "2022-07"),
        ];
        for (text, (y, m, d), want) in rows {
            let published = NaiveDate::from_ymd_opt(*y, *m, *d).expect("valid test date");
            let got = find_dates_on(text, published);
            assert_eq!(got.len(), 1, "{text:?}: {got:?}");
            assert_eq!(got[0].start.iso(), *want, "{text:?}");
        }
    }

    #[test]
    fn relative_words_alone_wait_for_the_publication_date() {
        for text in [
            "خلال اجتماعها العام الماضي",
            "في أكتوبر أصبحت",
            "هذا العام",
            "العام الجاري",
        ] {
            assert!(find_dates(text, Some(2022)).is_empty(), "{text}");
        }
        let published = NaiveDate::from_ymd_opt(2022, 6, 1).expect("valid test date");
        assert!(find_dates_on("هذا العام لم نجر تمرينا", published).is_empty());
        assert!(find_dates_on("وتنتقل الرئاسة إليها العام المقبل", published).is_empty());
        // A month after "في" takes the paragraph's own year first.
        let got = find_dates_on("وقعت الحرب عام 2008، ثم في أغسطس توقفت", published);
        assert_eq!(
            got.last().map(|m| m.start.iso()),
            Some("2008-08".to_string())
        );
    }

    #[test]
    fn partial_date_helpers() {
        let d = |year, month, day, part| PartialDate {
            year,
            month,
            day,
            part,
        };
        type Row = (
            PartialDate,
            &'static str,
            (i32, u32, u32),
            Option<(i32, u32, u32)>,
        );
        let rows: &[Row] = &[
            (d(2022, None, None, None), "2022", (2022, 0, 0), None),
            (d(2022, Some(2), None, None), "2022-02", (2022, 2, 0), None),
            (
                d(2022, Some(2), Some(9), None),
                "2022-02-09",
                (2022, 2, 9),
                Some((2022, 2, 9)),
            ),
            (
                d(2022, Some(2), None, Some(YearPart::Mid)),
                "2022-02",
                (2022, 2, 15),
                None,
            ),
            (
                d(2022, Some(11), None, Some(YearPart::Late)),
                "2022-11",
                (2022, 11, 21),
                None,
            ),
            (
                d(1996, None, None, Some(YearPart::Autumn)),
                "1996",
                (1996, 9, 0),
                None,
            ),
            (
                d(2000, None, None, Some(YearPart::Early)),
                "2000",
                (2000, 1, 0),
                None,
            ),
            (
                d(2022, Some(2), Some(30), None),
                "2022-02-30",
                (2022, 2, 30),
                None,
            ),
            (d(987, None, None, None), "0987", (987, 0, 0), None),
        ];
        for (date, iso, key, naive) in rows {
            assert_eq!(date.iso(), *iso);
            assert_eq!(date.sort_key(), *key);
            let want = naive.and_then(|(y, m, dd)| NaiveDate::from_ymd_opt(y, m, dd));
            assert_eq!(date.to_naive(), want);
        }
        // A year sorts before its first day, and a month before its first day.
        assert!(d(2022, None, None, None).sort_key() < d(2022, Some(1), Some(1), None).sort_key());
        assert!(
            d(2022, Some(3), None, None).sort_key() < d(2022, Some(3), Some(1), None).sort_key()
        );
    }

    #[test]
    fn serialises_with_lowercase_names() {
        let found = find_dates("منتصف فبراير 2022", None);
        let json = serde_json::to_string(&found).unwrap_or_default();
        assert!(json.contains("\"precision\":\"season\""), "{json}");
        assert!(json.contains("\"part\":\"mid\""), "{json}");
    }
}
