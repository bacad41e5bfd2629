//! `content/data/events.yaml`: curated events that join those found in articles.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ContentError;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedEvent {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// Last day of a range, same forms as `date`.
    #[serde(default)]
    pub end: Option<String>,
    pub text: String,
    #[serde(default)]
    pub states: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    /// Where the fact comes from, for readers who want to check it.
    #[serde(default)]
    pub source_title: Option<String>,
    #[serde(default)]
    pub source_url: Option<String>,
}

pub const EVENTS_FILE: &str = "events.yaml";

pub fn load(
    root: &Path,
    state_slugs: &[String],
    people_slugs: &[String],
) -> Result<Vec<CuratedEvent>, Vec<ContentError>> {
    let Some((events, df)) =
        super::read_yaml::<Vec<CuratedEvent>>(root, EVENTS_FILE).map_err(|e| vec![e])?
    else {
        return Ok(Vec::new());
    };
    let file = &df.path;
    let line_of = |needle: &str| df.line_of(needle);
    let mut errors = Vec::new();
    for e in &events {
        for d in [Some(&e.date), e.end.as_ref()].into_iter().flatten() {
            if crate::dates::iso::parse_partial(d).is_none() {
                errors.push(
                    ContentError::new(
                        file,
                        line_of(d),
                        1,
                        format!("cannot read date `{d}` (YYYY, YYYY-MM or YYYY-MM-DD)"),
                    )
                    .field("date"),
                );
            }
        }
        let parsed = (
            crate::dates::iso::parse_partial(&e.date),
            e.end.as_deref().and_then(crate::dates::iso::parse_partial),
        );
        if let (Some(start), Some(end)) = parsed {
            if crate::dates::iso::ends_before(start, end) {
                let end = e.end.as_deref().unwrap_or("");
                errors.push(
                    ContentError::new(
                        file,
                        df.field_line("end", end),
                        1,
                        format!(
                            "the event ends (`end: {end}`) before it starts (`date: {}`)",
                            e.date
                        ),
                    )
                    .field("end"),
                );
            }
        }
        for p in &e.people {
            if !people_slugs.contains(p) {
                errors.push(
                    ContentError::new(
                        file,
                        df.field_line("people", p),
                        1,
                        format!("unknown person `{p}`: not in content/data/people.yaml"),
                    )
                    .field("people"),
                );
            }
        }
        if e.text.trim().is_empty() {
            errors.push(
                ContentError::new(file, line_of(&e.date), 1, "event text is empty").field("text"),
            );
        }
        if let Some(url) = &e.source_url {
            if let Err(why) = crate::http_url::parse(url) {
                let line = df.field_line("source_url", url);
                errors.push(ContentError::new(file, line, 1, why).field("source_url"));
            }
        }
        for s in &e.states {
            if !state_slugs.contains(s) {
                errors.push(
                    ContentError::new(
                        file,
                        line_of(&e.text),
                        1,
                        format!("unknown state `{s}`: not in content/data/states.yaml"),
                    )
                    .field("states"),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(events)
    } else {
        Err(errors)
    }
}
