//! An event of the chronology: a dated fact, the articles that report it, and the states and
//! people it names. Made by the chronology enricher, read by the dossier, the pages, the
//! timeline and the search records.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::arabic;
use crate::dates::{PartialDate, Precision, YearPart};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventSource {
    // Shared: an article's slug and title by every event found in it, a block's path by
    // the events of that block. Copies of them were a tenth of a large build's memory.
    pub slug: Arc<str>,
    pub title: Arc<str>,
    /// Site-relative URL of the event in the article: `articles/<slug>/#p3`.
    pub path: Arc<str>,
    pub anchor: String,
    /// The line of the event's block in the article's file, for `check`'s messages.
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    pub precision: Precision,
    /// Last date of a range.
    pub end: Option<String>,
    /// Season or part of the year/month, when the text named one.
    pub part: Option<YearPart>,
    pub year: i32,
    pub end_year: i32,
    #[serde(skip)]
    pub sort_key: (i32, u32, u32),
    pub text: String,
    pub states: Vec<String>,
    pub people: Vec<String>,
    pub sources: Vec<EventSource>,
    pub curated: bool,
    pub source_title: Option<String>,
    pub source_url: Option<String>,
    /// The year was not written and, taken from the publication date, puts the happening
    /// after the article with nothing saying it is to come: `check` asks the editor.
    #[serde(skip)]
    pub guessed: bool,
    /// The start as the text gave it, kept for merging.
    #[serde(skip)]
    pub(crate) start: PartialDate,
}

impl Event {
    pub(crate) fn new(
        start: PartialDate,
        end: Option<PartialDate>,
        precision: Precision,
        text: String,
        states: Vec<String>,
        people: Vec<String>,
        sources: Vec<EventSource>,
    ) -> Event {
        let date = start.iso();
        let id = format!("e{}-{}", date.replace('-', ""), short_hash(&text));
        Event {
            id,
            precision,
            end: end.map(|e| e.iso()),
            part: start.part,
            year: start.year,
            end_year: end.map(|e| e.year).unwrap_or(start.year),
            sort_key: start.sort_key(),
            date,
            text,
            states,
            people,
            sources,
            curated: false,
            source_title: None,
            source_url: None,
            guessed: false,
            start,
        }
    }
}

/// A stable id from the event's words, so that a link to an event survives a rebuild.
fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(arabic::normalize(text).as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}
