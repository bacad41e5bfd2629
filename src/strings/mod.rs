//! The words the site's pages say that no entry holds: the navigation, the titles and
//! descriptions of the list pages, state statuses, the note beside a date known only to its
//! year or month. They belong to the theme (`themes/<theme>/strings.yaml`), so a designer
//! changes a label without touching Rust; a site's own `strings.yaml` beside `site.yaml`
//! replaces the theme's file whole, as a site's template replaces the theme's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::SiteConfig;
use crate::error::ContentError;

pub mod map;
pub mod plural;

pub const FILE: &str = "strings.yaml";

/// A page's title and the description search engines and link previews show.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageWords {
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Nav {
    pub home: String,
    pub states: String,
    pub years: String,
    pub chronology: String,
    pub people: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pages {
    pub states: PageWords,
    pub years: PageWords,
    /// `{year}` stands for the year.
    pub year: PageWords,
    /// The description of a state page whose state has no profile; `{name}` stands for the
    /// state's name.
    pub state_description: String,
    pub chronology: PageWords,
    /// The breadcrumb of the newest-first chronology.
    pub chronology_newest: String,
    pub tags: PageWords,
    /// The index of every article, newest first.
    pub articles: PageWords,
    pub search: PageWords,
    pub not_found: PageWords,
    /// The index of people.
    pub people: PageWords,
    /// The description of a person's page: `{name}` and `{role}`.
    pub person_description: String,
}

/// The words of person chips and person pages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleWords {
    /// The accessible name of a list of person chips, and its visible label.
    pub label: String,
    /// Before the other spellings of a name.
    pub also_written: String,
    /// The section of the offices a person held.
    pub roles: String,
    /// The end of an office still held.
    pub until_now: String,
    pub states: String,
    pub events: String,
    pub articles: String,
    /// The section of the people named beside the person.
    pub co_people: String,
    /// A list with nothing in it.
    pub no_events: String,
    pub no_articles: String,
}

/// The words of a list's pager.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PagerWords {
    /// The pager's accessible name.
    pub label: String,
    pub prev: String,
    pub next: String,
    /// A page by its number: `{n}`.
    pub page: String,
    /// The title of a list's page after the first: `{title}` and `{n}`.
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Statuses {
    pub member: String,
    pub former: String,
    pub observer: String,
}

impl Statuses {
    /// What the pages call a state of this status.
    pub fn of(&self, status: crate::data::states::Status) -> &str {
        use crate::data::states::Status;
        match status {
            Status::Member => &self.member,
            Status::Former => &self.former,
            Status::Observer => &self.observer,
        }
    }
}

/// Said beside an event whose date is known only to its year or its month.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Precisions {
    pub year: String,
    pub month: String,
}

/// A counted noun in each of the six CLDR plural categories, `{n}` standing for the number
/// (Arabic's one and two usually leave it out: "مقالة واحدة"، "مقالتان").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NounForms {
    pub zero: String,
    pub one: String,
    pub two: String,
    pub few: String,
    pub many: String,
    pub other: String,
}

impl NounForms {
    /// The form of a category named as [`plural::Counter::category`] names it.
    pub fn of(&self, category: &str) -> &str {
        match category {
            "zero" => &self.zero,
            "one" => &self.one,
            "two" => &self.two,
            "few" => &self.few,
            "many" => &self.many,
            _ => &self.other,
        }
    }
}

/// The words the membership chart draws.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChartWords {
    /// The end of a membership that has not ended.
    pub until_now: String,
    /// The label of today's line: `{date}`.
    pub today: String,
}

/// The words of `data/timeline.json`'s slides.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineWords {
    /// The line naming an event's sources: `{list}`.
    pub sources: String,
    /// Between two sources.
    pub separator: String,
    /// The link to every source of an event that has more than are named: `{n}`.
    pub all_sources: String,
    /// The group of an event that names no state.
    pub no_state: String,
}

/// The sentences a search result shows for a state, a year and a topic page (their
/// records' text in the search index).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchWords {
    /// A state: `{name}`, `{status}`, `{years}` (its membership periods), `{capital}` and
    /// `{profile}`.
    pub state: String,
    /// A membership period that has ended: `{from}` and `{to}` (years).
    pub period: String,
    /// A membership that goes on: `{from}`.
    pub period_ongoing: String,
    /// Between two periods.
    pub separator: String,
    /// A year: `{year}`, `{events}` and `{articles}` (counted).
    pub year: String,
    /// A topic: `{name}`, `{events}` and `{articles}` (counted).
    pub topic: String,
    /// After a year's or a topic's sentence, its first event: `{date}` and `{text}`.
    pub first_event: String,
}

/// The search page's own words: its form, its note without JavaScript, and what its script
/// says (`results`: `{n}`; `none`: `{query}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchPageWords {
    pub label: String,
    pub placeholder: String,
    pub button: String,
    pub more: String,
    pub filters: String,
    pub nojs: String,
    pub nojs_states: String,
    pub nojs_years: String,
    pub nojs_chronology: String,
    pub and: String,
    pub filter_state: String,
    pub filter_year: String,
    pub filter_topic: String,
    pub filter_person: String,
    pub prompt: String,
    pub loading: String,
    pub busy: String,
    pub results: String,
    pub none: String,
    pub failed: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub nav: Nav,
    pub pages: Pages,
    pub status: Statuses,
    pub precision: Precisions,
    pub pager: PagerWords,
    pub charts: ChartWords,
    pub map: map::MapWords,
    pub timeline: TimelineWords,
    pub people: PeopleWords,
    pub search: SearchWords,
    pub search_page: SearchPageWords,
    /// The templates' own labels, by key: `ui.KEY` on every page.
    pub ui: BTreeMap<String, String>,
    /// The nouns the `count` filter counts, by name.
    pub counts: BTreeMap<String, NounForms>,
}

impl Strings {
    /// The site's `strings.yaml` if it has one, else its theme's.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Strings, ContentError> {
        let rel = file(root, config);
        let path = root.join(&rel);
        let bytes = crate::source::read(root, &path).map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                "the theme's words are missing: every theme has a strings.yaml".to_string()
            } else {
                format!("cannot read: {e}")
            };
            ContentError::new(&rel, 1, 1, why)
        })?;
        let text = crate::content::decode(&rel, bytes)?;
        crate::yaml::parse(&rel, &text, 1)
    }
}

/// The strings file a site uses, relative to its root.
pub fn file(root: &Path, config: &SiteConfig) -> PathBuf {
    let own = PathBuf::from(FILE);
    // Any entry of that name, a link among them, so that reading it refuses a link rather
    // than falling back to the theme's file behind the site's back.
    if root.join(&own).symlink_metadata().is_ok() {
        own
    } else {
        Path::new("themes").join(&config.theme).join(FILE)
    }
}

/// `template` with `{key}` replaced by `value`.
pub fn fill(template: &str, key: &str, value: &str) -> String {
    template.replace(&format!("{{{key}}}"), value)
}

/// `template` with each `{key}` of `pairs` replaced by its value.
pub fn fill_all(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .fold(template.to_string(), |t, (key, value)| fill(&t, key, value))
}
