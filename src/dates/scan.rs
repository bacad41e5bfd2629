//! The scanner: which tokens can open a date phrase at all, and the pass over a text that
//! runs the parser there and resolves what it reads.
//!
//! Every reading the parser tries begins with a number or with one of a fixed set of words
//! (a keyword from the word tables of `lex.rs` behind its clitics, a month name, an ordinal,
//! ال before a number). Those words are compiled once into a set of surface forms plus an
//! anchored Aho-Corasick automaton for glued month names, so the text is read in one pass
//! with a lookup per word and the parser only runs where a date can begin; on wire copy that
//! is about one word in eight.

use super::grammar::{longest, Mode, Naming, Parser, YearSrc};
use super::lex::{
    lex, Kind, CLITIC_PREFIXES, MONTH_PARTS, ORDINAL_UNITS, SEASONS, WEEKDAYS, YEAR_PREPOSITIONS,
    YEAR_WORDS,
};
use super::resolve::{resolve, Context};
use super::{DateMention, PartialDate, Precision};

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
    words: rustc_hash::FxHashSet<String>,
    /// Month names, for a word that begins with one (alone, glued to its partner, after و).
    months: aho_corasick::AhoCorasick,
}

static OPENERS: std::sync::LazyLock<Openers> = std::sync::LazyLock::new(|| {
    let mut words = rustc_hash::FxHashSet::default();
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

pub(super) fn find_with(text: &str, ctx: Context) -> Vec<DateMention> {
    let norm = crate::arabic::normalize(text);
    let toks = lex(&norm);
    let parser = Parser::new(&toks);

    let mut matches = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start(&toks[i].kind) {
            i += 1;
            continue;
        }
        let found = longest([parser.range(i), parser.point(i, Mode::Alone)]);
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
            span: m.start..m.end,
            year_inferred: inferred,
            weekday: m.first.weekday,
        });
    }
    // The spans are in the normalised text so far, in text order; they are moved to the
    // original text in one walk over it.
    let bounds: Vec<usize> = out
        .iter()
        .flat_map(|d| [d.span.start, d.span.end])
        .collect();
    let mut original = crate::arabic::original_offsets(text, &bounds).into_iter();
    out.retain_mut(
        |d| match (original.next().flatten(), original.next().flatten()) {
            (Some(s), Some(e)) => {
                d.span = s..e;
                true
            }
            _ => false,
        },
    );
    out
}
