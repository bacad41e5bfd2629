//! `data/timeline.json`: the chronology in Knight Lab TimelineJS3's JSON format, so an editor
//! can embed an interactive timeline elsewhere with no conversion. Dates keep their real
//! precision (a year-only event has only `year`), display dates are in Arabic, and each event
//! is grouped under the state it names first. A slide links its one source, or the event on
//! its year's page, which lists all of them. Past `timeline_limit` events the timeline keeps
//! the curated and the most reported ones; data/events.json has them all.

use serde_json::{json, Map, Value};

use crate::dates::format::event_date_ar;
use crate::dossier::Dossier;
use crate::model::Event;
use crate::strings::fill;

fn date_object(iso: &str) -> Value {
    let mut m = Map::new();
    let mut parts = iso.split('-');
    for key in ["year", "month", "day"] {
        match parts.next().and_then(|p| p.parse::<u32>().ok()) {
            Some(n) => {
                m.insert(key.into(), json!(n));
            }
            None => break,
        }
    }
    Value::Object(m)
}

fn event(d: &Dossier, i: usize, e: &Event) -> Value {
    let words = &d.strings.timeline;
    let mut start = date_object(&e.date);
    start["display_date"] = json!(event_date_ar(&e.date, e.end.as_deref(), e.part));
    // One link a slide: the article when there is one, else the event on its year's page,
    // which lists its sources; titled links to each source made this file half again as large.
    let link = match e.sources.as_slice() {
        [] => None,
        [s] => Some(format!(
            "<a href=\"{}\">{}</a>",
            d.routes.absolute(&s.path),
            crate::text::html::escape(&s.title)
        )),
        all => Some(format!(
            "<a href=\"{}\">{}</a>",
            d.routes.absolute(&d.event_on_year_page(i)),
            crate::text::html::escape(&fill(
                words.all_sources.as_str(),
                "n",
                &all.len().to_string()
            ))
        )),
    };
    let mut text = crate::text::html::escape(&e.text);
    if let Some(link) = link {
        text.push_str(&format!(
            "<p>{}</p>",
            fill(&crate::text::html::escape(&words.sources), "list", &link)
        ));
    }
    let group = e
        .states
        .first()
        .and_then(|s| d.state_ref(s))
        .map(|s| s.name_ar)
        .unwrap_or_else(|| words.no_state.clone());
    let mut v = json!({
        "unique_id": e.id,
        "start_date": start,
        "text": {"text": text},
        "group": group,
    });
    if let Some(end) = &e.end {
        v["end_date"] = date_object(end);
    }
    v
}

/// Which events get a slide, in the chronology's order: all of them up to `limit` (`0`: no
/// limit); past it the curated ones, then those reported by most sources, the earlier first
/// among equals.
/// `rank` gives each event's (curated, number of sources).
fn slides(rank: &[(bool, usize)], limit: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..rank.len()).collect();
    if limit == 0 || rank.len() <= limit {
        return chosen;
    }
    chosen.sort_by_key(|&i| {
        let (curated, sources) = rank[i];
        (!curated, std::cmp::Reverse(sources), i)
    });
    chosen.truncate(limit);
    chosen.sort_unstable();
    chosen
}

/// The events one at a time as they are written, rather than the whole document as a tree.
struct Events<'a>(&'a Dossier);

impl serde::Serialize for Events<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let d = self.0;
        let rank: Vec<(bool, usize)> = d
            .events
            .iter()
            .map(|e| (e.curated, e.sources.len()))
            .collect();
        let chosen = slides(&rank, d.config.timeline_limit);
        let mut seq = s.serialize_seq(Some(chosen.len()))?;
        for i in chosen {
            seq.serialize_element(&event(d, i, &d.events[i]))?;
        }
        seq.end()
    }
}

/// Keys in the order of the rest of the document (serde_json sorts an object's keys).
#[derive(serde::Serialize)]
struct Document<'a> {
    events: Events<'a>,
    title: Value,
}

pub fn timeline_json(d: &Dossier, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let c = &d.config;
    let doc = Document {
        events: Events(d),
        title: json!({"text": {"headline": c.title, "text": c.description}}),
    };
    crate::output::data::to_json(w, &doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_curated_then_most_reported_in_date_order() {
        let rank = [(false, 1), (false, 5), (true, 1), (false, 5), (false, 9)];
        assert_eq!(slides(&rank, 0), [0, 1, 2, 3, 4]);
        assert_eq!(slides(&rank, 5), [0, 1, 2, 3, 4]);
        assert_eq!(slides(&rank, 3), [1, 2, 4]);
        assert_eq!(slides(&rank, 1), [2]);
    }

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(date_object("1993"), json!({"year": 1993}));
        assert_eq!(date_object("1992-05"), json!({"year": 1992, "month": 5}));
        assert_eq!(
            date_object("2022-01-06"),
            json!({"year": 2022, "month": 1, "day": 6})
        );
    }
}
