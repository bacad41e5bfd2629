//! The map of the states: each state of `states.yaml` coloured by where it stood in the
//! organisation on one day, its capital as a dot, its neighbours in grey; and a state's own
//! outline for its page. The boundaries are Natural Earth's, already projected, simplified
//! and written as SVG path data by `scripts/map-data` into `map/geometry.json` (its source,
//! version and licence in `map/SOURCE.md`), which the binary embeds; only the capitals, which
//! `states.yaml` places, are projected here, with the same conic equal-area projection. The
//! templates (`partials/state_map.html`, `partials/state_outline.html`) draw the SVG.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::data::states::{LatLon, StatusOn};
use crate::dates::format::{arabic_date, MonthStyle};
use crate::dossier::StateView;
use crate::strings::fill;
use crate::strings::map::MapWords;

#[derive(Debug, Deserialize)]
struct Geometry {
    projection: Projection,
    main: MainMap,
    outlines: BTreeMap<String, Outline>,
    detail: Detail,
    /// Points d3-geo projected on some outlines, by state.
    #[cfg_attr(not(test), allow(dead_code))]
    outline_checks: BTreeMap<String, Vec<Check>>,
}

/// Albers's conic equal-area projection as d3-geo computes it (`geoConicEqualArea`).
#[derive(Debug, Deserialize)]
struct Projection {
    parallels: [f64; 2],
}

/// One view: the projection about its central meridian, its unit drawing placed by
/// `x = tx + k·x'`, `y = ty − k·y'`.
#[derive(Debug, Deserialize)]
struct Frame {
    width: f64,
    height: f64,
    central_meridian: f64,
    k: f64,
    tx: f64,
    ty: f64,
}

#[derive(Debug, Deserialize)]
struct MainMap {
    #[serde(flatten)]
    frame: Frame,
    neighbours: String,
    states: BTreeMap<String, MainState>,
    #[cfg_attr(not(test), allow(dead_code))]
    checks: Vec<Check>,
}

#[derive(Debug, Deserialize)]
struct MainState {
    d: String,
    middle: [f64; 2],
    label: [f64; 2],
}

/// The Caucasus and Central Asia enlarged: every state inside its frame, the small ones
/// labelled.
#[derive(Debug, Deserialize)]
struct Detail {
    #[serde(flatten)]
    frame: Frame,
    neighbours: String,
    states: BTreeMap<String, DetailState>,
}

#[derive(Debug, Deserialize)]
struct DetailState {
    d: String,
    #[serde(default)]
    middle: Option<[f64; 2]>,
    #[serde(default)]
    label: Option<[f64; 2]>,
}

#[derive(Debug, Deserialize)]
struct Outline {
    #[serde(flatten)]
    frame: Frame,
    d: String,
    context: String,
}

/// A point d3-geo projected, which [`Projection::point`] must place alike.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct Check {
    lon: f64,
    lat: f64,
    x: f64,
    y: f64,
}

/// The map data, written by `scripts/map-data` and checked by this module's tests.
static GEOMETRY: LazyLock<Geometry> = LazyLock::new(|| {
    serde_json::from_str(include_str!("map/geometry.json"))
        .expect("src/render/map/geometry.json is written by scripts/map-data")
});

impl Projection {
    /// The point in a view, rounded to a tenth of a unit.
    fn point(&self, at: LatLon, f: &Frame) -> (f64, f64) {
        let [p0, p1] = self.parallels.map(f64::to_radians);
        let sy0 = p0.sin();
        let n = (sy0 + p1.sin()) / 2.0;
        let c = 1.0 + sy0 * (2.0 * n - sy0);
        let r0 = c.sqrt() / n;
        let mut lambda = (at.lon - f.central_meridian).to_radians();
        if lambda > std::f64::consts::PI {
            lambda -= std::f64::consts::TAU;
        } else if lambda < -std::f64::consts::PI {
            lambda += std::f64::consts::TAU;
        }
        let r = (c - 2.0 * n * at.lat.to_radians().sin()).sqrt() / n;
        let (x, y) = (r * (lambda * n).sin(), r0 - r * (lambda * n).cos());
        (round(f.tx + f.k * x), round(f.ty - f.k * y))
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A capital's dot.
#[derive(Debug, Serialize)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    /// "العاصمة: …" in the site's words.
    pub label: String,
}

/// One state on the map.
#[derive(Debug, Serialize)]
pub struct MapState {
    pub slug: String,
    pub name_ar: String,
    pub path: String,
    /// `member`, `frozen`, `suspended`, `former` or `outside` on the map's day.
    pub status: &'static str,
    pub status_ar: String,
    /// The link's accessible name: the name, the status and the capital.
    pub label: String,
    pub d: &'static str,
    pub label_x: f64,
    pub label_y: f64,
    /// The label sits away from the state, joined to it by a line from (`middle_x`,
    /// `middle_y`).
    pub leader: bool,
    pub middle_x: f64,
    pub middle_y: f64,
    pub capital: Option<Dot>,
}

/// A state on the enlarged map of the Caucasus and Central Asia.
#[derive(Debug, Serialize)]
pub struct DetailMapState {
    pub slug: String,
    pub name_ar: String,
    pub status: &'static str,
    pub d: &'static str,
    /// Where its name sits, for the states the enlargement is for.
    pub label: Option<LabelAt>,
    pub capital: Option<Dot>,
}

#[derive(Debug, Serialize)]
pub struct LabelAt {
    pub x: f64,
    pub y: f64,
    pub leader: bool,
    pub middle_x: f64,
    pub middle_y: f64,
}

/// The Caucasus and Central Asia enlarged below the map, as a picture: the main map's links
/// and the legend's list already lead to the states' pages.
#[derive(Debug, Serialize)]
pub struct DetailMap {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub description: String,
    pub neighbours: &'static str,
    pub states: Vec<DetailMapState>,
}

/// A state in the legend's list.
#[derive(Debug, Serialize)]
pub struct Listed {
    pub slug: String,
    pub name_ar: String,
    pub path: String,
}

/// A status in the legend, with the states that had it on the map's day.
#[derive(Debug, Serialize)]
pub struct LegendEntry {
    pub status: &'static str,
    pub label: String,
    pub states: Vec<Listed>,
}

#[derive(Debug, Serialize)]
pub struct StateMap {
    pub width: f64,
    pub height: f64,
    /// The day the states are coloured for, `YYYY-MM-DD`, and as the pages write it.
    pub date: String,
    pub date_ar: String,
    pub title: String,
    pub description: String,
    pub legend_title: String,
    pub source: String,
    pub neighbours: &'static str,
    pub neighbours_label: String,
    /// The states the map draws, in `states.yaml` order.
    pub states: Vec<MapState>,
    pub detail: DetailMap,
    /// Every state of `states.yaml` by status, in the order member, frozen, suspended,
    /// former, outside; a status no state had is left out.
    pub legend: Vec<LegendEntry>,
}

/// A label further than this from the middle of its state is joined to it by a line.
const LEADER_FROM: f64 = 24.0;

/// Whether a label is far enough from the middle of its state to want a line to it.
fn far(label: [f64; 2], middle: [f64; 2]) -> bool {
    (label[0] - middle[0]).hypot(label[1] - middle[1]) > LEADER_FROM
}

/// The day a year's map shows: today in the current year, else the year's last day.
pub fn year_day(year: i32, today: NaiveDate) -> NaiveDate {
    if year == today.year() {
        today
    } else {
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today)
    }
}

/// The map of `states` on `day`.
pub fn state_map(states: &[StateView], day: NaiveDate, words: &MapWords) -> StateMap {
    let g = &*GEOMETRY;
    let iso = day.format("%Y-%m-%d").to_string();
    let date_ar = arabic_date(&iso, MonthStyle::Paired, false);
    let status_of = |s: &StateView| s.state.status_on(day);
    let drawn = states
        .iter()
        .filter_map(|s| Some((s, g.main.states.get(&s.state.slug)?)))
        .map(|(s, shape)| {
            let status = status_of(s);
            let status_ar = words.status.of(status).to_string();
            let label = fill(
                &fill(
                    &fill(&words.state, "name", &s.state.name_ar),
                    "status",
                    &status_ar,
                ),
                "capital",
                &s.state.capital_ar,
            );
            MapState {
                slug: s.state.slug.clone(),
                name_ar: s.state.name_ar.clone(),
                path: s.path.clone(),
                status: status.key(),
                status_ar,
                label,
                d: shape.d.as_str(),
                label_x: shape.label[0],
                label_y: shape.label[1],
                leader: (shape.label[0] - shape.middle[0]).hypot(shape.label[1] - shape.middle[1])
                    > LEADER_FROM,
                middle_x: shape.middle[0],
                middle_y: shape.middle[1],
                capital: s.state.capital_location.map(|at| {
                    let (x, y) = g.projection.point(at, &g.main.frame);
                    Dot {
                        x,
                        y,
                        label: fill(&words.capital, "name", &s.state.capital_ar),
                    }
                }),
            }
        })
        .collect();
    let detail = DetailMap {
        width: g.detail.frame.width,
        height: g.detail.frame.height,
        title: fill(&words.detail, "date", &date_ar),
        description: words.detail_description.clone(),
        neighbours: g.detail.neighbours.as_str(),
        states: states
            .iter()
            .filter_map(|s| Some((s, g.detail.states.get(&s.state.slug)?)))
            .map(|(s, shape)| DetailMapState {
                slug: s.state.slug.clone(),
                name_ar: s.state.name_ar.clone(),
                status: status_of(s).key(),
                d: shape.d.as_str(),
                label: shape
                    .label
                    .zip(shape.middle)
                    .map(|(label, middle)| LabelAt {
                        x: label[0],
                        y: label[1],
                        leader: far(label, middle),
                        middle_x: middle[0],
                        middle_y: middle[1],
                    }),
                capital: s.state.capital_location.map(|at| {
                    let (x, y) = g.projection.point(at, &g.detail.frame);
                    Dot {
                        x,
                        y,
                        label: fill(&words.capital, "name", &s.state.capital_ar),
                    }
                }),
            })
            .collect(),
    };
    let legend = StatusOn::ALL
        .iter()
        .map(|&status| LegendEntry {
            status: status.key(),
            label: words.status.of(status).to_string(),
            states: states
                .iter()
                .filter(|s| status_of(s) == status)
                .map(|s| Listed {
                    slug: s.state.slug.clone(),
                    name_ar: s.state.name_ar.clone(),
                    path: s.path.clone(),
                })
                .collect(),
        })
        .filter(|e| !e.states.is_empty())
        .collect();
    StateMap {
        width: g.main.frame.width,
        height: g.main.frame.height,
        title: fill(&words.title, "date", &date_ar),
        description: fill(&words.description, "date", &date_ar),
        legend_title: fill(&words.legend, "date", &date_ar),
        date: iso,
        date_ar,
        source: words.source.clone(),
        neighbours: g.main.neighbours.as_str(),
        neighbours_label: words.neighbours.clone(),
        states: drawn,
        detail,
        legend,
    }
}

/// A state's own outline, with its neighbours and its capital, for its page.
#[derive(Debug, Serialize)]
pub struct StateOutline {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub description: String,
    pub status: &'static str,
    /// The name, status and capital, as the map's links say them.
    pub caption: String,
    pub d: &'static str,
    pub context: &'static str,
    pub capital: Option<Dot>,
}

/// The outline of `s` as it stood on `day`; `None` for a state the map data does not have.
pub fn state_outline(s: &StateView, day: NaiveDate, words: &MapWords) -> Option<StateOutline> {
    let g = &*GEOMETRY;
    let o = g.outlines.get(&s.state.slug)?;
    let name = &s.state.name_ar;
    let capital = &s.state.capital_ar;
    let named = |t: &str| fill(&fill(t, "name", name), "capital", capital);
    let status = s.state.status_on(day);
    Some(StateOutline {
        width: o.frame.width,
        height: o.frame.height,
        title: named(&words.outline_title),
        description: named(&words.outline_description),
        status: status.key(),
        caption: fill(&named(&words.state), "status", words.status.of(status)),
        d: o.d.as_str(),
        context: o.context.as_str(),
        capital: s.state.capital_location.map(|at| {
            let (x, y) = g.projection.point(at, &o.frame);
            Dot {
                x,
                y,
                label: fill(&words.capital, "name", capital),
            }
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_land_where_d3_put_the_same_points() {
        let g = &*GEOMETRY;
        let outlines = g
            .outline_checks
            .iter()
            .flat_map(|(slug, checks)| checks.iter().map(move |c| (&g.outlines[slug].frame, c)));
        let checks: Vec<(&Frame, &Check)> = g
            .main
            .checks
            .iter()
            .map(|c| (&g.main.frame, c))
            .chain(outlines)
            .collect();
        assert!(checks.len() > g.main.checks.len());
        for (frame, c) in checks {
            let (x, y) = g.projection.point(
                LatLon {
                    lat: c.lat,
                    lon: c.lon,
                },
                frame,
            );
            assert!(
                (x - c.x).abs() < 0.2 && (y - c.y).abs() < 0.2,
                "({}, {}): ({x}, {y}) against d3's ({}, {})",
                c.lon,
                c.lat,
                c.x,
                c.y
            );
        }
    }

    #[test]
    fn every_state_of_the_map_has_an_outline_and_a_label_inside_the_frame() {
        let g = &*GEOMETRY;
        for (slug, s) in &g.main.states {
            assert!(g.outlines.contains_key(slug), "{slug}");
            let [x, y] = s.label;
            assert!(
                (0.0..=g.main.frame.width).contains(&x) && (0.0..=g.main.frame.height).contains(&y),
                "{slug}"
            );
        }
    }

    #[test]
    fn a_years_map_shows_its_last_day_or_today() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        assert_eq!(year_day(2026, today), today);
        assert_eq!(
            year_day(1995, today),
            NaiveDate::from_ymd_opt(1995, 12, 31).expect("date")
        );
    }
}
