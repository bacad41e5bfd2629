//! The pieces a date phrase is built from, read by the [`Parser`]: month names in either
//! system (alone, paired, glued), years (four-digit, attached to a month, standing alone,
//! relative), days (numbers and ordinals) and weekdays.

use super::grammar::{Mode, MonthAt, Parsed, Parser, Point, YearSrc};
use super::lex::{
    ATTACHED_YEAR_MIN, BARE_YEAR_MIN, DASHES, GREGORIAN_SUFFIXES, HIJRI_WORDS, NUMBER_LABELS,
    ORDINAL_UNITS, REL_WORDS, SLASHES, WEEKDAYS, YEAR_MAX, YEAR_PREPOSITIONS, YEAR_WORDS,
};
use super::resolve::{max_day, Rel};
use crate::arabic::month_from_normalized;

impl Parser<'_> {
    // --- months -----------------------------------------------------------------------

    /// A month name at `i` in either system, possibly two words (كانون الثاني), possibly
    /// glued to its partner (سبتمبرأيلول). Returns (month, start byte, next token).
    fn month_name(&self, i: usize) -> MonthAt {
        self.month_memo(i, || self.read_month_name(i))
    }

    fn read_month_name(&self, i: usize) -> MonthAt {
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
    pub(super) fn month_expr(&self, i: usize) -> Option<(u32, usize, usize)> {
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
    pub(super) fn year_number(&self, i: usize, lo: i32, hi: i32) -> Option<(i32, usize)> {
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
    pub(super) fn year_after_month(&self, i: usize) -> Option<(YearSrc, usize)> {
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
    pub(super) fn attached_year(&self, i: usize) -> Option<(YearSrc, usize)> {
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
    pub(super) fn year_alone(&self, i: usize, mode: Mode) -> Option<Parsed> {
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
    pub(super) fn day_month(&self, i: usize) -> Option<(u32, u32, usize, usize)> {
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
    pub(super) fn day_only(&self, i: usize) -> Option<(u32, usize, usize, bool)> {
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
    pub(super) fn weekday(&self, i: usize) -> Option<(u32, usize, usize)> {
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
}
