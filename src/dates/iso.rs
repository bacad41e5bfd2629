//! The dates front matter and gazetteers write: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

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
