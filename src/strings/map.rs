//! The words of the map of the states (`partials/state_map.html`, `partials/state_outline.html`).

use serde::{Deserialize, Serialize};

use crate::data::states::StatusOn;

/// What the map calls a state's standing on its day.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapStatuses {
    pub member: String,
    pub frozen: String,
    pub suspended: String,
    pub observer: String,
    pub former: String,
    /// Not yet a member on the map's day.
    pub outside: String,
}

impl MapStatuses {
    pub fn of(&self, status: StatusOn) -> &str {
        match status {
            StatusOn::Member => &self.member,
            StatusOn::Frozen => &self.frozen,
            StatusOn::Suspended => &self.suspended,
            StatusOn::Observer => &self.observer,
            StatusOn::Former => &self.former,
            StatusOn::Outside => &self.outside,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapWords {
    /// The section's heading and the map's title: `{date}`.
    pub title: String,
    /// The map's description for assistive technology: `{date}`.
    pub description: String,
    /// The legend's heading: `{date}`.
    pub legend: String,
    /// A state's accessible name: `{name}`, `{status}`, `{capital}`.
    pub state: String,
    /// The title of the enlarged Caucasus and Central Asia: `{date}`.
    pub detail: String,
    /// Its description: it repeats the main map's colours larger, for the small states.
    pub detail_description: String,
    /// The neighbouring countries drawn for context.
    pub neighbours: String,
    /// A capital's dot: `{name}`.
    pub capital: String,
    /// Under the map: where the boundaries come from.
    pub source: String,
    /// A state page's outline: its title (`{name}`, `{capital}`) and description.
    pub outline_title: String,
    pub outline_description: String,
    pub status: MapStatuses,
}
