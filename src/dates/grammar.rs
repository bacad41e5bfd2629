//! The grammar: a [`Parser`] over the token list whose readings each start at a token and
//! return where they end. This file holds the whole readings (numeric dates, a day with its
//! month, parts and seasons, a month with its year, relative phrases, ranges) and the token
//! accessors; the pieces they are built from (month names, years, days, weekdays) are in
//! `pieces.rs`. Years stay unresolved here ([`YearSrc`]); `resolve.rs` settles them.

use super::lex::{
    clitic_match, Kind, Lex, ATTACHED_YEAR_MIN, BARE_YEAR_MIN, DASHES, FUTURE_REACH,
    FUTURE_VERB_STEMS, FUTURE_WORDS, MONTH_PARTS, NAME_CLOSERS, RANGE_TO, REFERENCE_WORDS,
    REL_WORDS, SEASONS, SLASHES, YEAR_MAX, YEAR_PREPOSITIONS, YEAR_WORDS,
};
use super::resolve::{complete_range, max_day, Rel};
use super::YearPart;
use chrono::NaiveDate;
use std::cell::Cell;

/// Where a point's year comes from, before the context is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum YearSrc {
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
pub(super) struct Point {
    pub(super) year: YearSrc,
    pub(super) month: Option<u32>,
    pub(super) day: Option<u32>,
    pub(super) part: Option<YearPart>,
    pub(super) weekday: Option<u32>,
}

/// A match in token terms: normalised byte span and the index of the next token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Parsed {
    pub(super) first: Point,
    pub(super) last: Option<Point>,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) next: usize,
}

/// How a year-only mention names something instead of dating it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Naming {
    Reference,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Alone,
    RangeStart,
    RangeEnd,
}

/// Reads date phrases off the tokens of one normalised text.
pub(super) struct Parser<'a> {
    pub(super) toks: &'a [Lex<'a>],
    /// Each token's month name once read ([`Parser::month_name`] tries every cut of a word
    /// for glued names, and one token is asked about by several readings).
    months: Vec<Cell<Option<MonthAt>>>,
    /// The last two points read without their mode: the scanner asks for the point at a
    /// token as a range's start and again alone.
    plain: Cell<[Option<PlainAt>; 2]>,
}

/// A token and the mode-free reading of a point there.
type PlainAt = (usize, Option<Parsed>);

/// [`Parser::month_name`]'s answer: month, byte where it starts, next token.
pub(super) type MonthAt = Option<(u32, usize, usize)>;

impl<'a> Parser<'a> {
    pub(super) fn new(toks: &'a [Lex<'a>]) -> Self {
        Parser {
            toks,
            months: vec![Cell::new(None); toks.len()],
            plain: Cell::new([None; 2]),
        }
    }

    /// `read(i)`, remembered per token: the months are read once whichever reading asks.
    pub(super) fn month_memo(&self, i: usize, read: impl FnOnce() -> MonthAt) -> MonthAt {
        let Some(slot) = self.months.get(i) else {
            return read();
        };
        if let Some(known) = slot.get() {
            return known;
        }
        let found = read();
        slot.set(Some(found));
        found
    }

    pub(super) fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i).map(|t| &t.kind) {
            Some(Kind::Word(w)) => Some(w),
            _ => None,
        }
    }

    pub(super) fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    pub(super) fn num(&self, i: usize) -> Option<(u32, usize)> {
        match self.toks.get(i).map(|t| &t.kind) {
            Some(Kind::Num { value, digits }) => Some((*value, *digits)),
            _ => None,
        }
    }

    pub(super) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i).map(|t| &t.kind) {
            Some(Kind::Punct(c)) => Some(*c),
            _ => None,
        }
    }

    pub(super) fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.start)
    }

    pub(super) fn end(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.end)
    }

    pub(super) fn adjacent(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Keyword at `i`, clitics allowed: returns the keyword's value and the byte where the
    /// phrase should start.
    pub(super) fn keyword<T: Copy>(&self, i: usize, table: &[(&str, T)]) -> Option<(T, usize)> {
        let w = self.word(i)?;
        table
            .iter()
            .find_map(|&(key, v)| clitic_match(w, key).map(|off| (v, self.start(i) + off)))
    }

    pub(super) fn keyword_in(&self, i: usize, keys: &[&str]) -> Option<usize> {
        let w = self.word(i)?;
        keys.iter()
            .find_map(|key| clitic_match(w, key))
            .map(|off| self.start(i) + off)
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

    pub(super) fn point(&self, i: usize, mode: Mode) -> Option<Parsed> {
        let alone = || match mode {
            Mode::Alone => self.relative_alone(i),
            _ => None,
        };
        let day_only = || match mode {
            Mode::RangeStart => self.day_only(i).map(|(day, start, next, _)| Parsed {
                first: Point {
                    day: Some(day),
                    ..Point::default()
                },
                last: None,
                start,
                end: self.end(next.saturating_sub(1)),
                next,
            }),
            _ => None,
        };
        // The earliest of the longest is the same whether the readings are compared all at
        // once or those that do not depend on the mode first.
        longest([
            self.plain_point(i),
            self.month_year(i, mode),
            self.year_alone(i, mode),
            alone(),
            day_only(),
        ])
    }

    /// The readings of [`Parser::point`] that do not depend on its mode, remembered for the
    /// last two tokens asked about.
    fn plain_point(&self, i: usize) -> Option<Parsed> {
        let mut recent = self.plain.get();
        if let Some((_, found)) = recent.iter().flatten().find(|(at, _)| *at == i) {
            return *found;
        }
        let found = longest([
            self.numeric_date(i),
            self.full_day(i),
            self.month_day_year(i),
            self.part(i),
        ]);
        recent = [Some((i, found)), recent[0]];
        self.plain.set(recent);
        found
    }

    pub(super) fn year_only(&self, m: &Parsed) -> bool {
        let bare = |p: &Point| p.month.is_none() && p.day.is_none() && p.part.is_none();
        bare(&m.first) && m.last.as_ref().is_none_or(bare)
    }

    /// A year that names rather than dates: a reference ("حدود 1967", "القرار 2254" is
    /// already a number, "رؤية 2030", a plan's "للفترة 2024-2026" while "في الفترة 1999-2000"
    /// is a time), the year a plan or a budget is
    /// for ("خطة العمل لعام 2022"), or the year in a name ("«شريك النسر 2023»", "مرز-2021").
    pub(super) fn naming_year(&self, first: usize, next: usize) -> Option<Naming> {
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
    pub(super) fn range(&self, i: usize) -> Option<Parsed> {
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

pub(super) fn longest(candidates: impl IntoIterator<Item = Option<Parsed>>) -> Option<Parsed> {
    candidates
        .into_iter()
        .flatten()
        .fold(None, |best: Option<Parsed>, c| match best {
            Some(b) if b.next >= c.next => Some(b),
            _ => Some(c),
        })
}
