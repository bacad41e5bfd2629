//! An event as the templates see it, in a list or on its year's page.

use serde::Serialize;

use crate::dates::format::event_date_ar;
use crate::dossier::Dossier;
use crate::model::Event;
use crate::render::fragments::Fragments;
use crate::site;

/// An event as the templates see it: states resolved to names, the date in Arabic.
#[derive(Serialize)]
pub(super) struct EventView<'a> {
    id: &'a str,
    date: &'a str,
    date_ar: String,
    /// Said beside a date that is only known to the year, which sorts first in its year.
    precision_ar: &'a str,
    precision: crate::dates::Precision,
    end: Option<&'a str>,
    year: i32,
    text: &'a str,
    /// The first words of `text`, for a list that links to the event rather than drawing it.
    lead: String,
    states: Vec<crate::dossier::StateRef>,
    /// The people the event names who have a page, as chips.
    people: Vec<crate::dossier::PersonRef>,
    /// The first [`LISTED_SOURCES`] articles that report the event, or the first
    /// [`YEAR_PAGE_SOURCES`] on the event's year page.
    sources: &'a [crate::model::EventSource],
    /// How many articles report the event in all, and where most of them are listed (the
    /// event on its year page): an event cited by hundreds of articles would otherwise repeat
    /// hundreds of links on every list it is in.
    sources_total: usize,
    all_sources_path: String,
    /// The list is the event's year page, where the sources are listed as far as they are.
    year_page: bool,
    /// Sources reporting the event that the list leaves out.
    sources_unlisted: usize,
    curated: bool,
    source_title: Option<&'a str>,
    source_url: Option<&'a str>,
    /// The event as `partials/event.html` draws it, rendered once per build (a marker the
    /// page writer replaces), or empty where the page must render the partial itself.
    html: String,
}

/// Sources an event shows in a list other than its year page.
pub(crate) const LISTED_SOURCES: usize = 3;

/// Sources an event shows on its year page. A wire story retold by hundreds of articles
/// would otherwise list hundreds of links, and a hundred such events would take a page far
/// past its weight budget; the rest are counted.
pub(super) const YEAR_PAGE_SOURCES: usize = 20;

pub(super) fn event_views<'a>(
    d: &'a Dossier,
    f: &'a Fragments,
    events: impl IntoIterator<Item = &'a Event>,
) -> Vec<EventView<'a>> {
    event_views_listing(d, f, events, false)
}

pub(super) fn event_views_listing<'a>(
    d: &'a Dossier,
    f: &'a Fragments,
    events: impl IntoIterator<Item = &'a Event>,
    year_page: bool,
) -> Vec<EventView<'a>> {
    let sources = match year_page {
        true => YEAR_PAGE_SOURCES,
        false => LISTED_SOURCES,
    };
    events
        .into_iter()
        .map(|e| EventView {
            // The shared fragment shows the listed sources; it stands for the event wherever
            // the page shows no more than those.
            html: if e.sources.len().min(sources) <= LISTED_SOURCES {
                f.marker(&e.id).unwrap_or_default()
            } else {
                String::new()
            },
            id: &e.id,
            date: &e.date,
            date_ar: event_date_ar(&e.date, e.end.as_deref(), e.part),
            precision_ar: match (e.precision, e.part) {
                (crate::dates::Precision::Year, None) => &d.strings.precision.year,
                (crate::dates::Precision::Month, None) => &d.strings.precision.month,
                _ => "",
            },
            precision: e.precision,
            end: e.end.as_deref(),
            year: e.year,
            text: &e.text,
            lead: lead(&e.text, LEAD_WORDS),
            states: e.states.iter().filter_map(|s| d.state_ref(s)).collect(),
            people: e.people.iter().filter_map(|p| d.person_ref(p)).collect(),
            sources: &e.sources[..e.sources.len().min(sources)],
            sources_total: e.sources.len(),
            year_page,
            sources_unlisted: e.sources.len().saturating_sub(sources),
            all_sources_path: d
                .event_index(&e.id)
                .map(|i| d.event_on_year_page(i))
                .unwrap_or_else(|| site::event_on_year_page(e.year, 1, &e.id)),
            curated: e.curated,
            source_title: e.source_title.as_deref(),
            source_url: e.source_url.as_deref(),
        })
        .collect()
}

/// Events' views as Tera values. Tera's lists and maps are reference counted, so a page's
/// list of events can be a list of values made once and shared by every page that shows
/// them; but each is about 4 KB (a map of twenty entries, its states and sources maps of
/// their own), 200 MB at 10,000 articles and two gigabytes at 100,000. Up to
/// [`HELD_EVENTS`] events they are made once and held; past that, each page makes the
/// values of the events it lists (an event is on five to eight pages), with the states' and
/// people's values made once and shared. Either way a value equals the serialised
/// [`EventView`] (a test).
pub(super) struct EventValues<'a> {
    d: &'a Dossier,
    f: &'a Fragments,
    states: std::collections::HashMap<&'a str, tera::Value>,
    people: std::collections::HashMap<&'a str, tera::Value>,
    /// Each event's listed value, when they are held.
    held: Vec<tera::Value>,
}

/// Events whose values are held for the whole build: about 400 MB, a dossier of some 20,000
/// articles.
const HELD_EVENTS: usize = 100_000;

impl<'a> EventValues<'a> {
    pub(super) fn new(d: &'a Dossier, f: &'a Fragments) -> EventValues<'a> {
        Self::holding_up_to(d, f, HELD_EVENTS)
    }

    /// The values, held when there are no more than `most` events.
    fn holding_up_to(d: &'a Dossier, f: &'a Fragments, most: usize) -> EventValues<'a> {
        use rayon::prelude::*;
        let slugs = d.events.iter().flat_map(|e| e.states.iter());
        let states = shared(slugs, |s| d.state_ref(s));
        let people = shared(d.events.iter().flat_map(|e| e.people.iter()), |p| {
            d.person_ref(p)
        });
        let mut values = EventValues {
            d,
            f,
            states,
            people,
            held: Vec::new(),
        };
        if d.events.len() <= most {
            let held: Vec<tera::Value> = (0..d.events.len())
                .into_par_iter()
                .map(|i| values.make(i, false).unwrap_or_else(tera::Value::none))
                .collect();
            values.held = held;
        }
        values
    }

    /// The value of the event at `i` of `d.events`, as [`event_views_listing`] views it.
    pub(super) fn get(&self, i: usize, year_page: bool) -> Option<tera::Value> {
        match (year_page, self.held.get(i)) {
            (false, Some(held)) => Some(held.clone()),
            _ => self.make(i, year_page),
        }
    }

    fn make(&self, i: usize, year_page: bool) -> Option<tera::Value> {
        use tera::Value;
        let d = self.d;
        let e = d.events.get(i)?;
        let listed = match year_page {
            true => YEAR_PAGE_SOURCES,
            false => LISTED_SOURCES,
        };
        let shown = e.sources.len().min(listed);
        let html = match shown <= LISTED_SOURCES {
            true => self.f.marker(&e.id).unwrap_or_default(),
            false => String::new(),
        };
        let precision_ar = match (e.precision, e.part) {
            (crate::dates::Precision::Year, None) => d.strings.precision.year.as_str(),
            (crate::dates::Precision::Month, None) => d.strings.precision.month.as_str(),
            _ => "",
        };
        let list = |slugs: &[String], values: &std::collections::HashMap<&str, Value>| {
            let l: Vec<Value> = slugs
                .iter()
                .filter_map(|s| values.get(s.as_str()).cloned())
                .collect();
            Value::from(l)
        };
        let view = Made {
            id: &e.id,
            date: &e.date,
            date_ar: &event_date_ar(&e.date, e.end.as_deref(), e.part),
            precision_ar,
            precision: e.precision,
            end: e.end.as_deref(),
            year: e.year,
            text: &e.text,
            lead: &lead(&e.text, LEAD_WORDS),
            states: list(&e.states, &self.states),
            people: list(&e.people, &self.people),
            sources: &e.sources[..shown],
            sources_total: e.sources.len(),
            all_sources_path: &d.event_on_year_page(i),
            year_page,
            sources_unlisted: e.sources.len().saturating_sub(listed),
            curated: e.curated,
            source_title: e.source_title.as_deref(),
            source_url: e.source_url.as_deref(),
            html: &html,
        };
        Some(super::pages::to_value(&view))
    }
}

/// [`EventView`] with its costly parts made once: the same fields, serialised alike.
#[derive(Serialize)]
struct Made<'a> {
    id: &'a str,
    date: &'a str,
    date_ar: &'a str,
    precision_ar: &'a str,
    precision: crate::dates::Precision,
    end: Option<&'a str>,
    year: i32,
    text: &'a str,
    lead: &'a str,
    states: tera::Value,
    people: tera::Value,
    sources: &'a [crate::model::EventSource],
    sources_total: usize,
    all_sources_path: &'a str,
    year_page: bool,
    sources_unlisted: usize,
    curated: bool,
    source_title: Option<&'a str>,
    source_url: Option<&'a str>,
    html: &'a str,
}

/// One value for each of these slugs that `view` knows, shared by every event naming it.
fn shared<'a, T: Serialize>(
    slugs: impl Iterator<Item = &'a String>,
    view: impl Fn(&str) -> Option<T>,
) -> std::collections::HashMap<&'a str, tera::Value> {
    let mut out = std::collections::HashMap::new();
    for slug in slugs {
        if !out.contains_key(slug.as_str()) {
            if let Some(v) = view(slug) {
                out.insert(slug.as_str(), super::pages::to_value(&v));
            }
        }
    }
    out
}

/// Words of an event's sentence shown beside its date where a page links to the event
/// rather than drawing it (a state's list, the chronology newest first).
const LEAD_WORDS: usize = 8;

/// The first `n` words of `text`; when there were more, cut back to its whole clauses as a
/// title is ([`crate::content::title::whole_clauses`]): the site prints no text ending in an
/// ellipsis, and the link leads to the whole sentence.
fn lead(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let out = words.by_ref().take(n).collect::<Vec<&str>>().join(" ");
    if words.next().is_some() {
        crate::content::title::whole_clauses(&out)
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{event_views_listing, lead, EventValues};

    /// The project's own dossier, one event given a source list longer than any page shows
    /// and one an outside source.
    fn dossier() -> crate::dossier::Dossier {
        let opts = crate::build::BuildOptions {
            root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            output: None,
            base_url: None,
            drafts: false,
            no_minify: false,
            today: None,
            cache: false,
        };
        let mut d = crate::build::load(&opts).expect("the project's own content builds");
        let e = d
            .events
            .iter_mut()
            .find(|e| !e.sources.is_empty())
            .expect("an event found in an article");
        let first = e.sources[0].clone();
        e.sources = vec![first; 25];
        if let Some(e) = d.events.last_mut() {
            e.curated = true;
            e.source_title = Some("بيان المنظمة".into());
            e.source_url = Some("https://example.org/statement".into());
        }
        d
    }

    #[test]
    fn a_value_held_or_made_for_a_page_is_the_serialised_view() {
        let d = dossier();
        let ids = d
            .events
            .iter()
            .map(|e| (e.id.clone(), b"<li>x</li>".to_vec()));
        let with_markers = crate::render::fragments::Fragments::new(ids);
        let none = crate::render::fragments::Fragments::none();
        let (mut states, mut people, mut curated) = (0, 0, 0);
        for (f, most) in [(&with_markers, 0), (&with_markers, usize::MAX), (&none, 0)] {
            let values = EventValues::holding_up_to(&d, f, most);
            for (i, e) in d.events.iter().enumerate() {
                states += usize::from(!e.states.is_empty());
                people += usize::from(!e.people.is_empty());
                curated += usize::from(e.source_url.is_some());
                for year_page in [false, true] {
                    let view = &event_views_listing(&d, f, [e], year_page)[0];
                    let serialised = super::super::pages::to_value(view);
                    let made = values.get(i, year_page).expect("every event has a value");
                    assert_eq!(made, serialised, "event {}", e.id);
                    assert_eq!(made.to_string(), serialised.to_string(), "key order");
                }
            }
        }
        assert!(
            states > 0 && people > 0 && curated > 0,
            "{states} {people} {curated}"
        );
    }

    #[test]
    fn a_lead_ends_on_whole_words_or_clauses_never_an_ellipsis() {
        assert_eq!(
            lead("وقّع الوزراء بياناً مشتركاً", 8),
            "وقّع الوزراء بياناً مشتركاً"
        );
        // Cut inside the second clause: the first, whole.
        assert_eq!(
            lead(
                "عقد مجلس الأمن الجماعي اجتماعه، وقرر الوزراء عقد تدريبات مشتركة في الخريف",
                8
            ),
            "عقد مجلس الأمن الجماعي اجتماعه"
        );
        // No clause to end on: whole words, without a dangling preposition.
        let cut = lead(
            "وقع الوزراء بيانا مشتركا في ختام الاجتماع الدوري في العاصمة",
            5,
        );
        assert_eq!(cut, "وقع الوزراء بيانا مشتركا");
        assert!(!cut.ends_with('…'));
    }
}
