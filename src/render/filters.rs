//! The custom Tera filters the templates use (documented in README):
//! `url`, `arabic_date`, `arabic_digits`, `bidi`.

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::arabic::{GREGORIAN_MONTHS, LEVANTINE_MONTHS};
use crate::site::Routes;

/// Which month names `arabic_date` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthStyle {
    /// `يناير/ كانون الثاني`, as Arabic newsrooms pair them.
    Paired,
    Gregorian,
    Levantine,
}

impl MonthStyle {
    fn parse(s: &str) -> Option<MonthStyle> {
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
        to_arabic_digits(&out)
    } else {
        out
    }
}

pub fn to_arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

pub fn register(tera: &mut Tera, routes: &Routes) {
    let routes = routes.clone();
    tera.register_filter(
        "url",
        move |path: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let absolute = kwargs.get::<bool>("absolute")?.unwrap_or(false);
            Ok(if absolute {
                routes.absolute(path)
            } else {
                routes.url(path)
            })
        },
    );
    tera.register_filter(
        "arabic_date",
        |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let months = kwargs.get::<&str>("months")?.unwrap_or("paired");
            let style = MonthStyle::parse(months).ok_or_else(|| {
                tera::Error::message(format!(
                    "arabic_date: months must be paired, gregorian or levantine, not `{months}`"
                ))
            })?;
            let digits = kwargs.get::<&str>("digits")?.unwrap_or("latin");
            let text = match value.as_str() {
                Some(s) => s.to_string(),
                None if value.is_none() => String::new(),
                None => value.to_string(),
            };
            Ok(arabic_date(&text, style, digits == "arabic"))
        },
    );
    tera.register_filter(
        "arabic_digits",
        |value: Value, _: Kwargs, _: &State| -> String {
            to_arabic_digits(
                &value
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| value.to_string()),
            )
        },
    );
    tera.register_filter("bidi", Bidi);
}

/// Escapes its input and isolates Latin runs in `<bdi>`; the result is safe HTML.
struct Bidi;

impl tera::Filter<&str, String> for Bidi {
    fn call(&self, value: &str, _: Kwargs, _: &State) -> String {
        crate::content::markdown::isolate_latin(value)
            .unwrap_or_else(|| crate::content::markdown::escape(value))
    }
    fn is_safe(&self) -> bool {
        true
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

/// An event's date in Arabic at its real precision: `1993`, `مايو/ أيار 1992`,
/// `15 مايو/ أيار 1992`, `خريف 1996`, `منتصف فبراير/ شباط 2022`, `10 – 14 أكتوبر/ تشرين الأول 2022`.
pub fn event_date_ar(
    date: &str,
    end: Option<&str>,
    part: Option<crate::dates::YearPart>,
) -> String {
    use crate::dates::YearPart;
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
    use crate::dates::YearPart;

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
