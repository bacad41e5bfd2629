//! The numbers behind the dossier's pictures: a membership Gantt chart and an events-per-year
//! bar chart. Coordinates are computed here and drawn by templates
//! (`partials/membership_chart.html`, `partials/year_chart.html`), so a designer restyles the
//! charts in templates and CSS without touching Rust.
//!
//! Both are drawn for a 360 px phone first. Neither SVG has a `viewBox`: across the page,
//! positions are percentages of the box the chart is given, and down it lengths are CSS
//! pixels, so the drawing fills a phone's column without being scaled down and its text is
//! drawn at the size the stylesheet sets (never below 12 px), however wide the screen.
//!
//! - The membership chart runs right to left (the earliest year at the right, as an Arabic
//!   reader's timeline does) with one row per state: the state's name on a line of its own
//!   above its bars, so the whole width is the time axis and the years from the first
//!   signature to today fit a phone's width without scrolling.
//! - The events-per-year chart turns the time axis down the page: one row per year with
//!   events, newest first, its bar growing from the start (right) side. A row per year reads
//!   at any number of years with labels at full size, every row is a whole-width target, and
//!   the recent years a reader asks about come first. Years without events are not drawn as
//!   rows: each run of them is a break in the axis, a short row that says which years it
//!   leaves out.

use crate::strings::{fill, ChartWords};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::data::states::Standing;
use crate::dates::format::{arabic_date, MonthStyle};
use crate::dates::iso::parse_partial;
use crate::dossier::{Dossier, StateView};

/// Space above the first membership row, for the label of today's line.
const TOP: f64 = 30.0;
/// A membership row: the state's name on its first line, its bars below.
const ROW_HEIGHT: f64 = 46.0;
const NAME_BASELINE: f64 = 17.0;
const BAR_TOP: f64 = 24.0;
const BAR_HEIGHT: f64 = 14.0;
/// Below the last row: the axis and its year labels.
const AXIS_HEIGHT: f64 = 30.0;
/// Years between labelled ticks of the membership axis.
const TICK_STEP: i32 = 5;

#[derive(Debug, Serialize)]
pub struct Bar {
    /// Left edge and width, in percent of the chart's width.
    pub x: f64,
    pub width: f64,
    pub from: String,
    pub to: Option<String>,
    pub from_ar: String,
    pub to_ar: String,
    pub note: Option<String>,
    pub ongoing: bool,
    /// How the bar is drawn: `member`, `former` (a membership that ended), `suspended`,
    /// `frozen` or `observer`.
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub slug: String,
    pub name_ar: String,
    pub path: String,
    pub status: String,
    pub y: f64,
    pub bar_y: f64,
    pub bar_height: f64,
    pub text_y: f64,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Serialize)]
pub struct Tick {
    pub year: i32,
    /// Percent of the chart's width.
    pub x: f64,
}

#[derive(Debug, Serialize)]
pub struct Marker {
    /// Percent of the chart's width.
    pub x: f64,
    pub label: String,
    pub iso: String,
    /// `text-anchor` of the label in a right-to-left chart: `end` runs it rightwards from
    /// the line (the line is in the left half), `start` leftwards.
    pub anchor: &'static str,
}

#[derive(Debug, Serialize)]
pub struct MembershipChart {
    /// Height in CSS pixels; the width is the box's.
    pub height: f64,
    pub top: f64,
    pub axis_y: f64,
    pub rows: Vec<Row>,
    pub ticks: Vec<Tick>,
    pub today: Marker,
    pub start_year: i32,
    pub end_year: i32,
    /// The kinds of bar the chart draws, in the legend's order.
    pub kinds: Vec<&'static str>,
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

/// Maps a fractional year to percent of the width, right to left: `start` at 100.
struct Scale {
    start: f64,
    end: f64,
}

impl Scale {
    fn x(&self, year: f64) -> f64 {
        let t = (year - self.start) / (self.end - self.start);
        round(100.0 - t * 100.0)
    }
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

const KINDS: [&str; 5] = ["member", "former", "frozen", "suspended", "observer"];

/// The bar of one membership period, drawn up to `now` when it has no end; `None` for a
/// period whose dates cannot be read. `left`: the state left the organisation at the end of
/// the run of periods this one belongs to.
fn bar(
    period: &crate::data::states::Period,
    left: bool,
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
    let kind = match period.standing {
        Standing::Member if left => "former",
        Standing::Member => "member",
        Standing::Suspended => "suspended",
        Standing::Frozen => "frozen",
        Standing::Observer => "observer",
    };
    Some(Bar {
        x: x_to,
        // At least half a percent: a period of days is still seen.
        width: round((x_from - x_to).max(0.5)),
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
        kind,
    })
}

/// For each period, whether the run of back-to-back periods it belongs to ended: a
/// membership followed at once by a frozen or suspended one is still the state's membership,
/// and only the run's end is the state leaving. Periods are taken in date order; one that
/// starts within a month of the previous one's end continues its run.
fn ended_runs(periods: &[crate::data::states::Period]) -> Vec<bool> {
    let spans: Vec<(f64, Option<f64>)> = periods
        .iter()
        .map(|p| {
            let from = year_fraction(&p.from, false).unwrap_or(f64::MAX);
            let to =
                p.to.as_ref()
                    .map(|t| year_fraction(t, true).unwrap_or(f64::MAX));
            (from, to)
        })
        .collect();
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| spans[a].0.total_cmp(&spans[b].0));
    let mut ended = vec![false; spans.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut run_end: Option<f64> = Some(f64::MIN);
    let close = |run: &mut Vec<usize>, end: Option<f64>, ended: &mut Vec<bool>| {
        for &i in run.iter() {
            ended[i] = end.is_some();
        }
        run.clear();
    };
    for i in order {
        let (from, to) = spans[i];
        let continues = match run_end {
            None => true,
            Some(end) => !run.is_empty() && from <= end + 1.0 / 12.0,
        };
        if !continues {
            close(&mut run, run_end, &mut ended);
        }
        run.push(i);
        run_end = match (run_end, to) {
            (_, None) | (None, _) => None,
            (Some(a), Some(b)) if continues => Some(a.max(b)),
            (Some(_), Some(b)) => Some(b),
        };
    }
    close(&mut run, run_end, &mut ended);
    ended
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
    let scale = Scale {
        start: start_year as f64,
        end: end_year as f64,
    };
    let now = today_fraction(today);
    let p = MonthStyle::Paired;
    let rows: Vec<Row> = states
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = TOP + i as f64 * ROW_HEIGHT;
            let left = ended_runs(&s.state.periods);
            let bars = s
                .state
                .periods
                .iter()
                .zip(left)
                .filter_map(|(period, left)| bar(period, left, &scale, now, words))
                .collect();
            Row {
                slug: s.state.slug.clone(),
                name_ar: s.state.name_ar.clone(),
                path: s.path.clone(),
                status: format!("{:?}", s.state.status).to_lowercase(),
                y,
                bar_y: y + BAR_TOP,
                bar_height: BAR_HEIGHT,
                text_y: y + NAME_BASELINE,
                bars,
            }
        })
        .collect();
    let kinds = KINDS
        .into_iter()
        .filter(|k| rows.iter().flat_map(|r| &r.bars).any(|b| b.kind == *k))
        .collect();
    let axis_y = TOP + rows.len() as f64 * ROW_HEIGHT;
    let ticks = (start_year..=end_year)
        .filter(|y| y % TICK_STEP == 0)
        .map(|year| Tick {
            year,
            x: scale.x(year as f64),
        })
        .collect();
    let today_x = scale.x(now);
    MembershipChart {
        height: axis_y + AXIS_HEIGHT,
        top: TOP,
        axis_y,
        rows,
        ticks,
        today: Marker {
            x: today_x,
            label: fill(
                &words.today,
                "date",
                &arabic_date(&today.format("%Y-%m-%d").to_string(), p, false),
            ),
            iso: today.format("%Y-%m-%d").to_string(),
            anchor: if today_x < 50.0 { "end" } else { "start" },
        },
        start_year,
        end_year,
        kinds,
    }
}

#[derive(Debug, Serialize)]
pub struct YearBar {
    pub year: i32,
    pub path: String,
    pub count: usize,
    /// The row's top, in CSS pixels.
    pub y: f64,
    /// The bar's top and the labels' baseline, in CSS pixels.
    pub bar_y: f64,
    pub text_y: f64,
    /// The bar's length, in percent of the room the chart gives bars.
    pub width: f64,
    pub highlighted: bool,
}

/// A run of years without events between two rows: a break in the axis.
#[derive(Debug, Serialize)]
pub struct AxisBreak {
    pub from: i32,
    pub to: i32,
    pub y: f64,
    pub text_y: f64,
}

#[derive(Debug, Serialize)]
pub struct YearChart {
    /// Height in CSS pixels; the width is the box's.
    pub height: f64,
    pub row_height: f64,
    pub bar_height: f64,
    pub bars: Vec<YearBar>,
    pub breaks: Vec<AxisBreak>,
    /// The axis, as segments `[top, bottom]` between its breaks.
    pub axis: Vec<[f64; 2]>,
    pub max: usize,
    pub total: usize,
}

const YEAR_ROW: f64 = 26.0;
const YEAR_BAR: f64 = 16.0;
const YEAR_BREAK: f64 = 22.0;
/// A row's text baseline below its top, for 13 px text centred on the row.
const YEAR_BASELINE: f64 = 18.0;
const YEAR_PAD: f64 = 4.0;

/// One row per year that has events, newest first, and a break for each run of years
/// without; `highlight` marks one year.
pub fn events_per_year(d: &Dossier, highlight: Option<i32>) -> YearChart {
    let years: Vec<(i32, &str, usize)> = d
        .years
        .iter()
        .filter(|y| !y.events.is_empty())
        .map(|y| (y.year, y.path.as_str(), y.events.len()))
        .collect();
    year_rows(years, highlight, d.events.len())
}

/// The chart of `(year, path, events)`, in any order.
fn year_rows(
    mut years: Vec<(i32, &str, usize)>,
    highlight: Option<i32>,
    total: usize,
) -> YearChart {
    years.sort_by_key(|y| std::cmp::Reverse(y.0));
    let max = years.iter().map(|y| y.2).max().unwrap_or(0);
    let mut y = YEAR_PAD;
    let mut bars = Vec::with_capacity(years.len());
    let mut breaks = Vec::new();
    let mut axis = Vec::new();
    let mut segment_top = y;
    for (i, &(year, path, count)) in years.iter().enumerate() {
        if let Some(&(newer, _, _)) = i.checked_sub(1).and_then(|j| years.get(j)) {
            if newer - year > 1 {
                axis.push([segment_top, y]);
                breaks.push(AxisBreak {
                    from: year + 1,
                    to: newer - 1,
                    y,
                    text_y: round(y + YEAR_BREAK / 2.0 + 4.0),
                });
                y += YEAR_BREAK;
                segment_top = y;
            }
        }
        bars.push(YearBar {
            year,
            path: path.to_string(),
            count,
            y,
            bar_y: y + (YEAR_ROW - YEAR_BAR) / 2.0,
            text_y: y + YEAR_BASELINE,
            width: if max == 0 {
                0.0
            } else {
                round((100.0 * count as f64 / max as f64).max(1.0))
            },
            highlighted: highlight == Some(year),
        });
        y += YEAR_ROW;
    }
    axis.push([segment_top, y]);
    YearChart {
        height: y + YEAR_PAD,
        row_height: YEAR_ROW,
        bar_height: YEAR_BAR,
        bars,
        breaks,
        axis,
        max,
        total,
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

    fn period(from: &str, to: Option<&str>) -> crate::data::states::Period {
        crate::data::states::Period {
            from: from.into(),
            to: to.map(Into::into),
            standing: Standing::Member,
            note: None,
            end_note: None,
        }
    }

    #[test]
    fn a_membership_ended_only_where_its_run_of_periods_ended() {
        // Armenia: a member, then frozen to this day: never left.
        let armenia = [
            period("1992-05-15", Some("2024-02")),
            period("2024-02", None),
        ];
        assert_eq!(ended_runs(&armenia), [false, false]);
        // Uzbekistan: left in 1999; back in 2006, suspended in 2012 and gone that year.
        let uzbekistan = [
            period("1992-05-15", Some("1999-04")),
            period("2006-08-16", Some("2012-06-28")),
            period("2012-06-28", Some("2012-12")),
        ];
        assert_eq!(ended_runs(&uzbekistan), [true, true, true]);
        assert_eq!(ended_runs(&[period("1992", None)]), [false]);
        assert_eq!(ended_runs(&[]), Vec::<bool>::new());
    }

    #[test]
    fn years_run_newest_first_with_each_gap_a_named_break() {
        let c = year_rows(
            vec![
                (1992, "a", 2),
                (2022, "b", 8),
                (2019, "c", 4),
                (2021, "d", 1),
            ],
            Some(2019),
            15,
        );
        let years: Vec<i32> = c.bars.iter().map(|b| b.year).collect();
        assert_eq!(years, [2022, 2021, 2019, 1992]);
        let breaks: Vec<(i32, i32)> = c.breaks.iter().map(|b| (b.from, b.to)).collect();
        assert_eq!(breaks, [(2020, 2020), (1993, 2018)]);
        // The axis is drawn in three pieces, around the two breaks, and rows never overlap.
        assert_eq!(c.axis.len(), 3);
        assert!(c.bars.windows(2).all(|w| w[1].y >= w[0].y + YEAR_ROW));
        assert_eq!(c.breaks[0].y, c.bars[1].y + YEAR_ROW);
        assert_eq!(c.bars[2].y, c.breaks[0].y + YEAR_BREAK);
        assert_eq!(c.height, c.bars[3].y + YEAR_ROW + YEAR_PAD);
        // The longest bar fills the room; the others are in proportion.
        assert_eq!(c.bars[0].width, 100.0);
        assert_eq!(c.bars[2].width, 50.0);
        let lit: Vec<i32> = c
            .bars
            .iter()
            .filter(|b| b.highlighted)
            .map(|b| b.year)
            .collect();
        assert_eq!(lit, [2019]);
        assert_eq!((c.max, c.total), (8, 15));
    }

    #[test]
    fn an_empty_chart_has_no_rows_and_no_nan() {
        let c = year_rows(Vec::new(), None, 0);
        assert!(c.bars.is_empty() && c.breaks.is_empty());
        assert!(c.height.is_finite());
    }

    #[test]
    fn scale_runs_right_to_left() {
        let s = Scale {
            start: 1990.0,
            end: 2000.0,
        };
        assert_eq!(s.x(1990.0), 100.0);
        assert_eq!(s.x(2000.0), 0.0);
        assert!(s.x(1995.0) < s.x(1992.0));
    }
}
