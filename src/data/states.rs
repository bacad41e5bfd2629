//! `content/data/states.yaml`: the single source for state pages and membership history.

use std::path::Path;

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use crate::dates::iso::{ends_before, parse_partial};
use crate::error::ContentError;

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Member,
    Former,
    Observer,
}

/// What a state was during one period: a full member unless the period says otherwise.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    #[default]
    Member,
    /// Membership suspended by the state, pending withdrawal or return.
    Suspended,
    /// Still a member, its participation in the organisation's work frozen.
    Frozen,
    Observer,
}

/// One stretch of membership. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    /// Member (the default), suspended, frozen or observer: how the chart draws the period.
    #[serde(default)]
    pub standing: Standing,
    /// What the period was (signatory, accession, suspension…), in Arabic.
    #[serde(default)]
    pub note: Option<String>,
    /// What ended it, in Arabic.
    #[serde(default)]
    pub end_note: Option<String>,
}

/// Where a state stood in the organisation on a given day, from its `periods` and their
/// `standing`: the status the map colours it by.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum StatusOn {
    Member,
    Frozen,
    Suspended,
    Observer,
    Former,
    /// Not yet a member: no period had begun.
    Outside,
}

impl StatusOn {
    pub const ALL: [StatusOn; 6] = [
        StatusOn::Member,
        StatusOn::Frozen,
        StatusOn::Suspended,
        StatusOn::Observer,
        StatusOn::Former,
        StatusOn::Outside,
    ];

    /// The name the templates and CSS classes use.
    pub fn key(self) -> &'static str {
        match self {
            StatusOn::Member => "member",
            StatusOn::Frozen => "frozen",
            StatusOn::Suspended => "suspended",
            StatusOn::Observer => "observer",
            StatusOn::Former => "former",
            StatusOn::Outside => "outside",
        }
    }
}

/// A point on the globe, in decimal degrees (north and east positive).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
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
    /// Where the capital is, for its dot on the map.
    #[serde(default)]
    pub capital_location: Option<LatLon>,
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

/// The first and last days a `YYYY[-MM[-DD]]` date covers.
fn days(date: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (y, m, d) = parse_partial(date)?;
    let first = NaiveDate::from_ymd_opt(y, m.max(1), d.max(1))?;
    let last = match (m, d) {
        (0, _) => NaiveDate::from_ymd_opt(y, 12, 31)?,
        (m, 0) => NaiveDate::from_ymd_opt(y + i32::from(m == 12), m % 12 + 1, 1)?.pred_opt()?,
        _ => first,
    };
    Some((first, last))
}

/// Whether `day` falls from the first day of `from` to the last day of `to` (open when none).
fn covers(from: &str, to: Option<&str>, day: NaiveDate) -> bool {
    let Some((start, _)) = days(from) else {
        return false;
    };
    let end = to.and_then(days).map(|(_, last)| last);
    start <= day && end.is_none_or(|end| day <= end)
}

impl State {
    /// Where the state stood on `day`: the standing of the period covering it (the later
    /// one where two meet on a boundary day, so a membership's last day gives way to the
    /// suspension or freeze that follows it), else former when a period had begun, else
    /// outside.
    pub fn status_on(&self, day: NaiveDate) -> StatusOn {
        let covering = self
            .periods
            .iter()
            .filter(|p| covers(&p.from, p.to.as_deref(), day))
            .max_by_key(|p| days(&p.from).map(|(start, _)| start));
        if let Some(p) = covering {
            return match p.standing {
                Standing::Member => StatusOn::Member,
                Standing::Suspended => StatusOn::Suspended,
                Standing::Frozen => StatusOn::Frozen,
                Standing::Observer => StatusOn::Observer,
            };
        }
        if self
            .periods
            .iter()
            .any(|p| days(&p.from).is_some_and(|(start, _)| start <= day))
        {
            StatusOn::Former
        } else {
            StatusOn::Outside
        }
    }
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
        if let Some(at) = s.capital_location {
            if !(-90.0..=90.0).contains(&at.lat) || !(-180.0..=180.0).contains(&at.lon) {
                errors.push(df.at(
                    &s.slug,
                    "capital_location",
                    format!(
                        "state `{}`: capital_location {{lat: {}, lon: {}}} is off the globe \
                         (lat -90 to 90, lon -180 to 180)",
                        s.slug, at.lat, at.lon
                    ),
                ));
            }
        }
        let spans = s
            .periods
            .iter()
            .chain(&s.presidencies)
            .map(|p| ("periods", &p.from, p.to.as_ref()));
        for (field, from_text, to_text) in spans {
            if let (Some(from), Some(to)) = (
                parse_partial(from_text),
                to_text.and_then(|t| parse_partial(t)),
            ) {
                if ends_before(from, to) {
                    errors.push(df.at(
                        &s.slug,
                        field,
                        format!(
                            "state `{}`: a period ends (`to: {}`) before it starts (`from: {}`)",
                            s.slug,
                            to_text.map_or("", |t| t.as_str()),
                            from_text
                        ),
                    ));
                }
            }
            for d in [Some(from_text), to_text].into_iter().flatten() {
                if parse_partial(d).is_none() {
                    errors.push(df.at(
                        &s.slug,
                        field,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn partial_dates_cover_their_whole_month_or_year() {
        assert_eq!(
            days("1999-04"),
            Some((day("1999-04-01"), day("1999-04-30")))
        );
        assert_eq!(
            days("2012-12"),
            Some((day("2012-12-01"), day("2012-12-31")))
        );
        assert_eq!(days("2024"), Some((day("2024-01-01"), day("2024-12-31"))));
        assert_eq!(
            days("2024-02-29"),
            Some((day("2024-02-29"), day("2024-02-29")))
        );
    }

    #[test]
    fn status_on_a_day_reads_the_standing_of_its_period() {
        let state: State = serde_yaml::from_str(
            "slug: x\nname_ar: س\nname_en: X\nstatus: former\ncapital_ar: ع\n\
             periods: [{from: 1993-09-24, to: 1999-04}, {from: 2006-08, to: 2012-06-28},\n\
             {from: 2012-06-28, to: 2012-12, standing: suspended}]\n",
        )
        .expect("state");
        let on = |d: &str| state.status_on(day(d));
        assert_eq!(on("1993-09-23"), StatusOn::Outside);
        assert_eq!(on("1993-09-24"), StatusOn::Member);
        assert_eq!(on("1999-04-30"), StatusOn::Member);
        assert_eq!(on("1999-05-01"), StatusOn::Former);
        assert_eq!(on("2006-08-01"), StatusOn::Member);
        assert_eq!(on("2012-06-28"), StatusOn::Suspended);
        assert_eq!(on("2012-12-31"), StatusOn::Suspended);
        assert_eq!(on("2013-01-01"), StatusOn::Former);
    }
}
