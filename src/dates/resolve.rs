//! Resolution: the years of a parsed phrase settled against the paragraph's last explicit
//! year and the publication context, and the checks that a range reads forward and a day
//! fits its month.

use super::grammar::{Parsed, Point, YearSrc};
use super::PartialDate;
use chrono::{Datelike, NaiveDate};

/// What is known of the text's own time: the publication year, and the exact publication
/// date when [`super::find_dates_on`] was called.
#[derive(Debug, Clone, Copy)]
pub(super) struct Context {
    pub(super) year: Option<i32>,
    pub(super) date: Option<NaiveDate>,
}

/// Which way a relative word ("الماضي", "الجاري", "المقبل") points from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Past,
    Current,
    Next,
}

pub(super) fn max_day(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Gives a range start the month it borrows from the end, and checks the range reads
/// forward. Years are settled later, once the context is known.
pub(super) fn complete_range(mut a: Point, b: Point) -> Option<(Point, Point)> {
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
pub(super) fn resolve(
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
