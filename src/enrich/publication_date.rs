//! `publication_date`: when the article itself was published.
//!
//! In order: the date set by hand; the dateline (completed with a year from the body when the
//! dateline has none, as "١٦ مايو" does; when the stamp gives an update and a first
//! publication, the first publication); a full date introduced by "اليوم" ("اليوم الاثنين 19
//! ديسمبر/كانون الأول 2022"); the agency dateline the text opens with ("موسكو - 24 نوفمبر 2023
//! (رويترز) -"). A full date elsewhere in the text is an event's, not the
//! article's: anything less certain is not presented as fact, and the article gets a warning
//! and waits for `date:` by hand.

use crate::error::Diagnostic;
use chrono::{Datelike, NaiveDate};

use super::{EnrichContext, Enricher};
use crate::content::markdown::BlockKind;
use crate::content::Article;
use crate::dates::{find_dates, DateMention, Precision};

pub struct PublicationDate;

impl Enricher for PublicationDate {
    fn name(&self) -> &'static str {
        "publication_date"
    }

    fn run(&self, article: &mut Article, _: &EnrichContext<'_>) -> Vec<Diagnostic> {
        if article.date.is_some() {
            return Vec::new();
        }
        let opening = article
            .blocks
            .iter()
            .find(|b| b.kind != BlockKind::Heading && !b.text.is_empty())
            .map_or("", |b| b.text.as_str());
        let found = find(article.front.dateline.as_deref(), &article.text)
            .or_else(|| wire_dateline(opening));
        match found {
            Some(d) => {
                article.date = Some(d.format("%Y-%m-%d").to_string());
                article.year = Some(d.year());
                Vec::new()
            }
            None => vec![Diagnostic::warning(
                &article.file,
                article.lines.of_key("date"),
                "no publication date found in the text; add `date: YYYY-MM-DD` to its front matter",
            )],
        }
    }
}

fn full_day(m: &DateMention) -> Option<NaiveDate> {
    (m.precision == Precision::Day && !m.year_inferred)
        .then(|| m.start.to_naive())
        .flatten()
}

/// The publication date from a dateline, the body text and its opening paragraph.
pub fn find(dateline: Option<&str>, text: &str) -> Option<NaiveDate> {
    let today_date = today_phrase(text);
    if let Some(line) = dateline {
        let arabic_months = english_months_in_arabic(line);
        let line = arabic_months.as_str();
        let found = find_dates(line, None);
        // "آخر تحديث: … نشر في: …": the date after the publishing label, else the first.
        let published = line.find("نشر").and_then(|at| {
            found
                .iter()
                .filter(|m| m.span.start > at)
                .find_map(full_day)
        });
        if let Some(d) = published.or_else(|| found.iter().find_map(full_day)) {
            return Some(d);
        }
        // A dateline without a year: take the year from the body's "today" date or its
        // first full date, and only if that agrees on day and month, or else that year.
        let year = today_date.map(|d| d.year()).or_else(|| {
            find_dates(text, None)
                .iter()
                .find_map(full_day)
                .map(|d| d.year())
        });
        if let Some(y) = year {
            if let Some(d) = find_dates(line, Some(y))
                .iter()
                .find(|m| m.precision == Precision::Day)
                .and_then(|m| m.start.to_naive())
            {
                return Some(d);
            }
        }
    }
    today_date
}

/// The dateline agency copy opens with, "موسكو - 24 نوفمبر 2023 (رويترز) -": a full date
/// after at most a city's words, followed by the agency or a dash. It is the day the copy was
/// filed, which is the article's date when the page printed no stamp.
pub fn wire_dateline(opening: &str) -> Option<NaiveDate> {
    let first = find_dates(opening, None).into_iter().next()?;
    let before = opening.get(..first.span.start)?;
    let after = opening.get(first.span.end..)?.trim_start();
    let city = before.split_whitespace().count() <= 3 && !before.contains(['.', '،', ',']);
    (city && after.starts_with(['(', '-', '–', '—', ':', '/']))
        .then(|| full_day(&first))
        .flatten()
}

/// Bilingual sites print the stamp with English month names ("November 23, 2023", "23 Nov
/// 2023"): those words are given their Arabic names so the one date parser reads them. Only
/// the stamp gets this; in the text an English date is a quoted post's, not the article's.
fn english_months_in_arabic(line: &str) -> String {
    const MONTHS: [(&str, &str); 12] = [
        ("jan", "يناير"),
        ("feb", "فبراير"),
        ("mar", "مارس"),
        ("apr", "أبريل"),
        ("may", "مايو"),
        ("jun", "يونيو"),
        ("jul", "يوليو"),
        ("aug", "أغسطس"),
        ("sep", "سبتمبر"),
        ("oct", "أكتوبر"),
        ("nov", "نوفمبر"),
        ("dec", "ديسمبر"),
    ];
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut out = String::with_capacity(line.len());
    for (k, word) in line.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let letters = word.trim_end_matches([',', '.']);
        let lower = letters.to_ascii_lowercase();
        let month = MONTHS
            .iter()
            .zip(FULL)
            .find_map(|(&(short, arabic), full)| {
                (lower == short || lower == full || (short == "sep" && lower == "sept"))
                    .then_some(arabic)
            });
        match month {
            Some(arabic) => {
                out.push_str(arabic);
                out.push_str(&word[letters.len()..]);
            }
            None => out.push_str(word),
        }
    }
    out
}

/// A full date right after "اليوم" (today), the way agency copy dates itself.
fn today_phrase(text: &str) -> Option<NaiveDate> {
    let mentions = find_dates(text, None);
    mentions.iter().find_map(|m| {
        let before = text.get(..m.span.start)?;
        let phrase = text.get(m.span.clone())?;
        let says_today = phrase.starts_with("اليوم")
            || before.trim_end().ends_with("اليوم")
            || before
                .trim_end()
                .rsplit(char::is_whitespace)
                .nth(1)
                .is_some_and(|w| w == "اليوم");
        if says_today {
            full_day(m)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn the_wire_dateline_dates_agency_copy() {
        let rows = [
            (
                "موسكو - 24 نوفمبر 2023 (رويترز) - أعلن الكرملين أن القمة بدأت.",
                d(2023, 11, 24),
            ),
            (
                "يريفان في 23 ديسمبر 2021/أرمنبريس: التقى رئيس الوزراء الأمين العام.",
                d(2021, 12, 23),
            ),
            // A date later in the sentence is an event's.
            (
                "أعلن الكرملين أن القمة التي عقدت في 24 نوفمبر 2023 (في مينسك) انتهت.",
                None,
            ),
            // No year: nothing to state.
            ("موسكو - 24 نوفمبر (رويترز) - أعلن الكرملين.", None),
        ];
        for (text, want) in rows {
            assert_eq!(wire_dateline(text), want, "{text}");
        }
    }

    #[test]
    fn rows() {
        // (dateline, body, expected)
        let rows: [(Option<&str>, &str, Option<NaiveDate>); 10] = [
            (Some("٠٩ فبراير ٢٠٢٢"), "نص بلا تاريخ.", d(2022, 2, 9)),
            (
                Some("١٦ مايو"),
                "تستضيف العاصمة القمة اليوم الاثنين 16 مايو/أيار 2022، وفي 1992 وقعت.",
                d(2022, 5, 16),
            ),
            (
                None,
                "صرح بذلك الوزير، اليوم الأربعاء 3 مارس/آذار 2021، في مؤتمر.",
                d(2021, 3, 3),
            ),
            (
                None,
                "أعلنت الوزارة اليوم الخميس السادس من يناير/كانون الثاني 2020 أنها.",
                d(2020, 1, 6),
            ),
            // No "today": a full date in the text is an event's, not the article's.
            (
                None,
                "وقعت الاتفاقية في 2 أبريل 1999 ثم في 10 مايو 2001.",
                None,
            ),
            // A stamp that gives the update first: the first publication counts.
            (
                Some("آخر تحديث: 12 مارس 2023 - نشر في: 10 مارس 2023"),
                "نص بلا تاريخ.",
                d(2023, 3, 10),
            ),
            // Only a year: not enough to state a publication date.
            (None, "تأسست المنظمة عام 2002.", None),
            // A day and month without a year anywhere: no guess.
            (Some("١٦ مايو"), "نص بلا سنة.", None),
            (
                Some("November 23, 2023 - 12:47"),
                "نص بلا تاريخ.",
                d(2023, 11, 23),
            ),
            (
                Some("Published: 5 Sept 2022"),
                "نص بلا تاريخ.",
                d(2022, 9, 5),
            ),
        ];
        for (dateline, body, want) in rows {
            assert_eq!(find(dateline, body), want, "{dateline:?} / {body}");
        }
    }
}
