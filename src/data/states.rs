//! `content/data/states.yaml`: the single source for state pages and membership history.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ContentError;

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Member,
    Former,
    Observer,
}

/// One stretch of membership. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    /// What the period was (signatory, accession, suspension…), in Arabic.
    #[serde(default)]
    pub note: Option<String>,
    /// What ended it, in Arabic.
    #[serde(default)]
    pub end_note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    #[serde(default)]
    pub official_ar: Option<String>,
    pub status: Status,
    pub capital_ar: String,
    #[serde(default)]
    pub capital_en: Option<String>,
    /// Other spellings, adjectives and old names, for the states enricher.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Capitals and their other names: weaker evidence of a mention.
    #[serde(default)]
    pub capital_variants: Vec<String>,
    #[serde(default)]
    pub periods: Vec<Period>,
    /// Years the state held the organisation's rotating presidency.
    #[serde(default)]
    pub presidencies: Vec<Period>,
    /// A short profile paragraph in Arabic.
    #[serde(default)]
    pub profile: Option<String>,
}

pub const STATES_FILE: &str = "states.yaml";

/// Read and check the states file; a missing file is an empty list.
pub fn load(root: &Path) -> Result<Vec<State>, Vec<ContentError>> {
    let Some((states, df)) =
        super::read_yaml::<Vec<State>>(root, STATES_FILE).map_err(|e| vec![e])?
    else {
        return Ok(Vec::new());
    };
    let mut errors = df.check_slugs("state", states.iter().map(|s| s.slug.as_str()));
    for s in &states {
        if s.name_ar.trim().is_empty() {
            errors.push(df.at(
                &s.slug,
                "name_ar",
                format!("state `{}` has no Arabic name", s.slug),
            ));
        }
        for p in s.periods.iter().chain(&s.presidencies) {
            if let (Some(from), Some(to)) = (
                parse_partial(&p.from),
                p.to.as_deref().and_then(parse_partial),
            ) {
                if ends_before(from, to) {
                    errors.push(df.at(
                        &s.slug,
                        "periods",
                        format!(
                            "state `{}`: a period ends (`to: {}`) before it starts (`from: {}`)",
                            s.slug,
                            p.to.as_deref().unwrap_or(""),
                            p.from
                        ),
                    ));
                }
            }
            for d in [Some(&p.from), p.to.as_ref()].into_iter().flatten() {
                if parse_partial(d).is_none() {
                    errors.push(df.at(
                        &s.slug,
                        "periods",
                        format!(
                            "state `{}`: cannot read date `{d}` (YYYY, YYYY-MM or YYYY-MM-DD)",
                            s.slug
                        ),
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(states)
    } else {
        Err(errors)
    }
}

/// `(year, month, day)` of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` string; month and day 0 when
/// absent. The year is four digits from 1000 (a sign or a fifth digit would make pages such
/// as `/years/-2022/` or `/years/10000/`), month and day two digits each.
pub fn parse_partial(s: &str) -> Option<(i32, u32, u32)> {
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let mut parts = s.trim().split('-');
    let y = parts.next().filter(|p| digits(p, 4))?;
    let y: i32 = y.parse().ok().filter(|y| *y >= 1000)?;
    let m: u32 = match parts.next() {
        Some(p) if digits(p, 2) => p.parse().ok().filter(|m| (1..=12).contains(m))?,
        Some(_) => return None,
        None => 0,
    };
    let d: u32 = match parts.next() {
        Some(p) if digits(p, 2) => p.parse().ok().filter(|d| (1..=31).contains(d))?,
        Some(_) => return None,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    if m > 0 && d > 0 {
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    }
    Some((y, m, d))
}

/// Whether `end` falls before `start`, compared at the precision both give (`1992` ends no
/// earlier than `1992-05-15` starts).
pub fn ends_before(start: (i32, u32, u32), end: (i32, u32, u32)) -> bool {
    let month = start.1 > 0 && end.1 > 0;
    let day = month && start.2 > 0 && end.2 > 0;
    let cut = |(y, m, d): (i32, u32, u32)| (y, if month { m } else { 0 }, if day { d } else { 0 });
    cut(end) < cut(start)
}

/// A full `YYYY-MM-DD` date, by the rules of [`parse_partial`].
pub fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    match parse_partial(s)? {
        (y, m, d) if m > 0 && d > 0 => chrono::NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_four_digit_years_and_two_digit_months_and_days() {
        assert_eq!(parse_partial("1992-05-15"), Some((1992, 5, 15)));
        assert_eq!(parse_partial("1992-05"), Some((1992, 5, 0)));
        assert_eq!(parse_partial(" 2022 "), Some((2022, 0, 0)));
        assert!(parse_day("2022-05-16").is_some());
        for bad in [
            "-2022-05-16",
            "+2022-05-16",
            "+10000-01-01",
            "10000-01-01",
            "0999-01-01",
            "2022-5-16",
            "2022-05-6",
            "2022-02-30",
            "٢٠٢٢-٠٥-١٦",
            "2022-05-16-01",
            "2022-05",
        ] {
            assert!(parse_day(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn an_end_is_before_a_start_only_at_the_precision_both_give() {
        let d = |s| parse_partial(s).expect("date");
        assert!(ends_before(d("1992-05-15"), d("1991")));
        assert!(ends_before(d("1992-05-15"), d("1992-05-14")));
        assert!(ends_before(d("1992-05"), d("1992-04-30")));
        assert!(!ends_before(d("1992-05-15"), d("1992")));
        assert!(!ends_before(d("1992-05-15"), d("1992-05")));
        assert!(!ends_before(d("1992"), d("1992")));
    }
}
