//! Dates as the site prints them in Arabic: month names as newsrooms pair them, and an event at its precision.

use super::YearPart;
use crate::arabic::{GREGORIAN_MONTHS, LEVANTINE_MONTHS};

/// Which month names `arabic_date` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthStyle {
    /// `يناير/ كانون الثاني`, as Arabic newsrooms pair them.
    Paired,
    Gregorian,
    Levantine,
}

impl MonthStyle {
    pub fn parse(s: &str) -> Option<MonthStyle> {
        match s {
            "paired" | "both" => Some(MonthStyle::Paired),
            "gregorian" => Some(MonthStyle::Gregorian),
            "levantine" | "syriac" => Some(MonthStyle::Levantine),
            _ => None,
        }
    }
}

pub fn month_name(month: u32, style: MonthStyle) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match style {
        MonthStyle::Gregorian | MonthStyle::Paired => GREGORIAN_MONTHS[i],
        MonthStyle::Levantine => LEVANTINE_MONTHS[i],
    }
}

/// `1970-01-11` → `11 يناير/ كانون الثاني 1970`; `1992-05` → `مايو/ أيار 1992`; `1993` → `1993`.
/// Anything else comes back unchanged, so a template never fails on an odd date.
pub fn arabic_date(iso: &str, style: MonthStyle, arabic_digits: bool) -> String {
    let parts: Vec<&str> = iso.trim().splitn(3, '-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let month_text = |m: u32| match style {
        MonthStyle::Paired => format!(
            "{}/ {}",
            month_name(m, MonthStyle::Gregorian),
            month_name(m, MonthStyle::Levantine)
        ),
        other => month_name(m, other).to_string(),
    };
    let out = match parts.as_slice() {
        [y] if num(y).is_some() => y.to_string(),
        [y, m] if num(y).is_some() && num(m).is_some_and(|m| (1..=12).contains(&m)) => {
            format!("{} {y}", month_text(num(m).unwrap_or(1)))
        }
        [y, m, d]
            if num(y).is_some()
                && num(m).is_some_and(|m| (1..=12).contains(&m))
                && num(d).is_some_and(|d| (1..=31).contains(&d)) =>
        {
            format!(
                "{} {} {y}",
                num(d).unwrap_or(1),
                month_text(num(m).unwrap_or(1))
            )
        }
        _ => iso.to_string(),
    };
    if arabic_digits {
        crate::arabic::to_arabic_indic_digits(&out)
    } else {
        out
    }
}

/// An event's date in Arabic at its real precision: `1993`, `مايو/ أيار 1992`,
/// `15 مايو/ أيار 1992`, `خريف 1996`, `منتصف فبراير/ شباط 2022`, `10 – 14 أكتوبر/ تشرين الأول 2022`.
pub fn event_date_ar(date: &str, end: Option<&str>, part: Option<YearPart>) -> String {
    let p = MonthStyle::Paired;
    let start = arabic_date(date, p, false);
    if let Some(end) = end {
        let (s, e) = (
            date.split('-').collect::<Vec<_>>(),
            end.split('-').collect::<Vec<_>>(),
        );
        // Same month: "10 – 14 أكتوبر/ تشرين الأول 2022".
        if s.len() == 3 && e.len() == 3 && s[..2] == e[..2] {
            return format!(
                "{} – {}",
                s[2].trim_start_matches('0'),
                arabic_date(end, p, false)
            );
        }
        return format!("{start} – {}", arabic_date(end, p, false));
    }
    match part {
        None => start,
        Some(part) => {
            let month_level = date.len() == 7;
            let word = match (part, month_level) {
                (YearPart::Spring, _) => "ربيع",
                (YearPart::Summer, _) => "صيف",
                (YearPart::Autumn, _) => "خريف",
                (YearPart::Winter, _) => "شتاء",
                (YearPart::Early, true) => "أوائل",
                (YearPart::Mid, true) => "منتصف",
                (YearPart::Late, true) => "أواخر",
                (YearPart::Early, false) => "مطلع",
                (YearPart::Mid, false) => "منتصف",
                (YearPart::Late, false) => "نهاية",
            };
            format!("{word} {start}")
        }
    }
}

#[cfg(test)]
mod event_date_tests {
    use super::*;

    #[test]
    fn precision_is_shown_as_written() {
        assert_eq!(event_date_ar("1993", None, None), "1993");
        assert_eq!(
            event_date_ar("1996", None, Some(YearPart::Autumn)),
            "خريف 1996"
        );
        assert_eq!(
            event_date_ar("2022-02", None, Some(YearPart::Mid)),
            "منتصف فبراير/ شباط 2022"
        );
        assert_eq!(
            event_date_ar("2022", None, Some(YearPart::Late)),
            "نهاية 2022"
        );
        assert_eq!(
            event_date_ar("2022-10-10", Some("2022-10-14"), None),
            "10 – 14 أكتوبر/ تشرين الأول 2022"
        );
        assert_eq!(event_date_ar("1999", Some("2000"), None), "1999 – 2000");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_month_names_as_newsrooms_write_them() {
        let p = MonthStyle::Paired;
        assert_eq!(
            arabic_date("1970-01-11", p, false),
            "11 يناير/ كانون الثاني 1970"
        );
        assert_eq!(arabic_date("1992-05", p, false), "مايو/ أيار 1992");
        assert_eq!(arabic_date("1993", p, false), "1993");
        assert_eq!(
            arabic_date("2022-12-19", MonthStyle::Gregorian, true),
            "١٩ ديسمبر ٢٠٢٢"
        );
        assert_eq!(
            arabic_date("2022-09-13", MonthStyle::Levantine, false),
            "13 أيلول 2022"
        );
        assert_eq!(arabic_date("not a date", p, false), "not a date");
        assert_eq!(arabic_date("2022-13-01", p, false), "2022-13-01");
    }
}
