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

pub mod format;
mod grammar;
pub mod iso;
mod lex;
mod pieces;
mod resolve;
mod scan;

use chrono::{Datelike, NaiveDate};
use resolve::Context;
use scan::find_with;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How precisely a mention pins its date down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
