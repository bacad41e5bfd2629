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
    html: &'a str,
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
                f.marker(&e.id).unwrap_or("")
            } else {
                ""
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
    use super::lead;

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
