//! The numbers behind the dossier's pictures: a membership Gantt chart and an events-per-year
//! bar chart. Coordinates are computed here and drawn by templates
//! (`partials/membership_chart.html`, `partials/year_chart.html`), so a designer restyles the
//! charts in templates and CSS without touching Rust. Both charts run right to left: the
//! earliest year sits at the right, as an Arabic reader's timeline does.

use crate::strings::{fill, ChartWords};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::dates::format::{arabic_date, MonthStyle};
use crate::dates::iso::parse_partial;
use crate::dossier::{Dossier, StateView};

/// Width of the drawing, in SVG user units; the SVG scales to its box.
const WIDTH: f64 = 960.0;
/// Room on the right for state names.
const LABEL_WIDTH: f64 = 130.0;
const LEFT_PAD: f64 = 24.0;
const ROW_HEIGHT: f64 = 34.0;
const BAR_HEIGHT: f64 = 18.0;
const TOP: f64 = 40.0;
const AXIS_HEIGHT: f64 = 30.0;

#[derive(Debug, Serialize)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    pub from: String,
    pub to: Option<String>,
    pub from_ar: String,
    pub to_ar: String,
    pub note: Option<String>,
    pub ongoing: bool,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub slug: String,
    pub name_ar: String,
    pub path: String,
    pub status: String,
    pub y: f64,
    pub bar_y: f64,
    pub text_y: f64,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Serialize)]
pub struct Tick {
    pub year: i32,
    pub x: f64,
}

#[derive(Debug, Serialize)]
pub struct Marker {
    pub x: f64,
    pub label: String,
    pub iso: String,
}

#[derive(Debug, Serialize)]
pub struct MembershipChart {
    pub width: f64,
    pub height: f64,
    pub label_x: f64,
    pub plot_left: f64,
    pub plot_right: f64,
    pub axis_y: f64,
    pub rows: Vec<Row>,
    pub ticks: Vec<Tick>,
    pub today: Marker,
    pub start_year: i32,
    pub end_year: i32,
}

/// Fractional year of a `YYYY[-MM[-DD]]` date: its start for `from`, its end for `to`.
fn year_fraction(date: &str, end: bool) -> Option<f64> {
    let (y, m, d) = parse_partial(date)?;
    let y = y as f64;
    Some(match (m, d, end) {
        (0, _, false) => y,
        (0, _, true) => y + 1.0,
        (m, 0, false) => y + (m as f64 - 1.0) / 12.0,
        (m, 0, true) => y + m as f64 / 12.0,
        (m, d, _) => y + (m as f64 - 1.0) / 12.0 + (d as f64 - 1.0) / 365.0,
    })
}

fn today_fraction(today: NaiveDate) -> f64 {
    today.year() as f64 + (today.ordinal0() as f64) / 365.0
}

/// Maps a fractional year to x, right to left.
struct Scale {
    start: f64,
    end: f64,
    left: f64,
    right: f64,
}

impl Scale {
    fn x(&self, year: f64) -> f64 {
        let t = (year - self.start) / (self.end - self.start);
        round(self.right - t * (self.right - self.left))
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The bar of one membership period, drawn up to `now` when it has no end; `None` for a
/// period whose dates cannot be read.
fn bar(
    period: &crate::data::states::Period,
    scale: &Scale,
    now: f64,
    words: &ChartWords,
) -> Option<Bar> {
    let p = MonthStyle::Paired;
    let from = year_fraction(&period.from, false)?;
    let to = match &period.to {
        Some(t) => year_fraction(t, true)?,
        None => now,
    };
    let (x_from, x_to) = (scale.x(from), scale.x(to.max(from)));
    Some(Bar {
        x: x_to,
        width: round((x_from - x_to).max(2.0)),
        from: period.from.clone(),
        to: period.to.clone(),
        from_ar: arabic_date(&period.from, p, false),
        to_ar: period
            .to
            .as_deref()
            .map(|t| arabic_date(t, p, false))
            .unwrap_or_else(|| words.until_now.clone()),
        note: period.note.clone(),
        ongoing: period.to.is_none(),
    })
}

pub fn membership(states: &[StateView], today: NaiveDate, words: &ChartWords) -> MembershipChart {
    let first = states
        .iter()
        .flat_map(|s| &s.state.periods)
        .filter_map(|p| parse_partial(&p.from).map(|d| d.0))
        .min()
        .unwrap_or(today.year());
    // A period dated after today (planned accession, a typo) must widen the axis rather than
    // leave it with no width, which would put NaN and infinity in the drawing.
    let last = states
        .iter()
        .flat_map(|s| &s.state.periods)
        .flat_map(|p| {
            [
                year_fraction(&p.from, false),
                p.to.as_deref().and_then(|t| year_fraction(t, true)),
            ]
        })
        .flatten()
        .fold(f64::MIN, f64::max);
    let start_year = first.min(today.year());
    let end_year = (today.year() + 1).max(last.ceil() as i32);
    let right = WIDTH - LABEL_WIDTH;
    let scale = Scale {
        start: start_year as f64,
        end: end_year as f64,
        left: LEFT_PAD,
        right,
    };
    let now = today_fraction(today);
    let p = MonthStyle::Paired;
    let rows: Vec<Row> = states
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = TOP + i as f64 * ROW_HEIGHT;
            let bars = s
                .state
                .periods
                .iter()
                .filter_map(|period| bar(period, &scale, now, words))
                .collect();
            Row {
                slug: s.state.slug.clone(),
                name_ar: s.state.name_ar.clone(),
                path: s.path.clone(),
                status: format!("{:?}", s.state.status).to_lowercase(),
                y,
                bar_y: round(y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0),
                text_y: round(y + ROW_HEIGHT / 2.0 + 5.0),
                bars,
            }
        })
        .collect();
    let axis_y = TOP + rows.len() as f64 * ROW_HEIGHT;
    let step = if end_year - start_year > 20 { 5 } else { 2 };
    let ticks = (start_year..=end_year)
        .filter(|y| y % step == 0)
        .map(|year| Tick {
            year,
            x: scale.x(year as f64),
        })
        .collect();
    MembershipChart {
        width: WIDTH,
        height: axis_y + AXIS_HEIGHT,
        label_x: WIDTH - 8.0,
        plot_left: LEFT_PAD,
        plot_right: right,
        axis_y,
        rows,
        ticks,
        today: Marker {
            x: scale.x(now),
            label: fill(
                &words.today,
                "date",
                &arabic_date(&today.format("%Y-%m-%d").to_string(), p, false),
            ),
            iso: today.format("%Y-%m-%d").to_string(),
        },
        start_year,
        end_year,
    }
}

#[derive(Debug, Serialize)]
pub struct YearBar {
    pub year: i32,
    pub path: String,
    pub count: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub label_x: f64,
    pub highlighted: bool,
}

#[derive(Debug, Serialize)]
pub struct YearChart {
    pub width: f64,
    pub height: f64,
    pub base_y: f64,
    pub bars: Vec<YearBar>,
    pub max: usize,
    pub total: usize,
}

const YEAR_CHART_HEIGHT: f64 = 220.0;
const YEAR_TOP: f64 = 24.0;
const YEAR_BASE: f64 = 180.0;

/// One bar per year that has events, earliest at the right; `highlight` marks one year.
pub fn events_per_year(d: &Dossier, highlight: Option<i32>) -> YearChart {
    let years: Vec<(i32, &str, usize)> = d
        .years
        .iter()
        .filter(|y| !y.events.is_empty())
        .map(|y| (y.year, y.path.as_str(), y.events.len()))
        .collect();
    let max = years.iter().map(|y| y.2).max().unwrap_or(0);
    let n = years.len().max(1) as f64;
    let slot = (WIDTH - 2.0 * LEFT_PAD) / n;
    let width = round((slot * 0.7).clamp(4.0, 48.0));
    let bars = years
        .iter()
        .enumerate()
        .map(|(i, &(year, path, count))| {
            let h = if max == 0 {
                0.0
            } else {
                round((YEAR_BASE - YEAR_TOP) * count as f64 / max as f64)
            };
            let center = WIDTH - LEFT_PAD - slot * (i as f64 + 0.5);
            YearBar {
                year,
                path: path.to_string(),
                count,
                x: round(center - width / 2.0),
                y: round(YEAR_BASE - h),
                width,
                height: h,
                label_x: round(center),
                highlighted: highlight == Some(year),
            }
        })
        .collect();
    YearChart {
        width: WIDTH,
        height: YEAR_CHART_HEIGHT,
        base_y: YEAR_BASE,
        bars,
        max,
        total: d.events.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_respect_precision() {
        assert_eq!(year_fraction("1999", false), Some(1999.0));
        assert_eq!(year_fraction("1999", true), Some(2000.0));
        assert_eq!(year_fraction("1999-04", true), Some(1999.0 + 4.0 / 12.0));
        assert_eq!(year_fraction("bad", false), None);
    }

    #[test]
    fn scale_runs_right_to_left() {
        let s = Scale {
            start: 1990.0,
            end: 2000.0,
            left: 0.0,
            right: 100.0,
        };
        assert_eq!(s.x(1990.0), 100.0);
        assert_eq!(s.x(2000.0), 0.0);
        assert!(s.x(1995.0) < s.x(1992.0));
    }
}
