//! `content/data/states.yaml`: the single source for state pages and membership history.

use std::path::Path;

use serde::{Deserialize, Serialize};

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
