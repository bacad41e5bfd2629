//! The page kinds and the context each receives (the list is documented in README).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;
use tera::Context;

use super::event_view::{event_views, EventValues, LISTED_SOURCES};
use super::pager::Pager;
use super::Page;
use crate::dossier::Dossier;
use crate::error::BuildError;
use crate::render::charts;
use crate::render::fragments::Fragments;
use crate::render::map;
use crate::site;
use crate::strings::fill;

#[derive(Serialize)]
struct Crumb {
    title: String,
    path: String,
}

#[derive(Serialize)]
struct PageMeta {
    kind: &'static str,
    /// Site-relative path of the page (`articles/x/`).
    path: String,
    /// Absolute canonical URL.
    canonical: String,
    title: String,
    description: String,
    og_type: &'static str,
    breadcrumbs: Vec<Crumb>,
}

#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    path: &'static str,
}

/// The main navigation, in the words of `strings.yaml`.
fn nav(words: &crate::strings::Nav) -> [NavItem<'_>; 5] {
    [
        (&words.home, site::HOME),
        (&words.states, site::STATES),
        (&words.years, site::YEARS),
        (&words.chronology, site::CHRONOLOGY),
        (&words.people, site::PEOPLE),
    ]
    .map(|(title, path)| NavItem { title, path })
}

fn crumb(title: &str, path: &str) -> Crumb {
    Crumb {
        title: title.to_string(),
        path: path.to_string(),
    }
}

struct Builder<'a> {
    d: &'a Dossier,
    base: Context,
}

impl<'a> Builder<'a> {
    fn new(d: &'a Dossier) -> Self {
        let mut base = Context::new();
        let c = &d.config;
        base.insert(
            "site",
            &json!({
                "title": c.title,
                "description": c.description,
                "base_url": c.base_url,
                "base_path": d.routes.base_path(),
                "language": c.language,
                "author": c.author,
                "publisher": c.publisher,
                "search": c.search,
            }),
        );
        base.insert("nav", &nav(&d.strings.nav));
        // Person chips are drawn on most pages and in the event partial rendered once.
        base.insert("people_words", &d.strings.people);
        base.insert("ui", &d.strings.ui);
        // A list page replaces it with its pager; a template may ask for it on any page.
        base.insert("paginator", &None::<()>);
        Builder { d, base }
    }

    fn page(
        &self,
        kind: &'static str,
        path: &str,
        template: &'static str,
        title: &str,
        description: &str,
        trail: Vec<Crumb>,
    ) -> Page {
        let c = &self.d.config;
        let mut breadcrumbs = vec![crumb(&self.d.strings.nav.home, "")];
        breadcrumbs.extend(trail);
        let meta = PageMeta {
            kind,
            path: path.to_string(),
            canonical: self.d.routes.absolute(path),
            title: title.to_string(),
            description: if description.trim().is_empty() {
                c.description.clone()
            } else {
                description.to_string()
            },
            og_type: if kind == "article" {
                "article"
            } else {
                "website"
            },
            breadcrumbs,
        };
        let mut ctx = self.base.clone();
        ctx.insert("page", &meta);
        ctx.insert("json_ld", "");
        Page {
            path: site::output_file(path),
            template,
            context: ctx,
        }
    }
}

/// A list page as its first page is named: the pages after it take their paths and titles
/// from it.
struct List<'s> {
    kind: &'static str,
    path: &'s str,
    template: &'static str,
    title: &'s str,
    description: &'s str,
}

/// Articles up to which every card's template value is made once and kept for the build.
/// Each is about 2 KB (the build's peak at 10,000 articles rose 22 MiB with them), which at
/// 100,000 articles would come on top of the pages step when memory is closest to its bound.
const CARDS_HELD: usize = 20_000;

/// Events on the home page, newest first.
const RECENT_EVENTS: usize = 5;

/// A view as a template value. Serialising plain data cannot fail; a failure would show as
/// an empty value rather than a missing page.
pub(super) fn to_value<T: Serialize>(v: &T) -> tera::Value {
    tera::Value::try_from_serializable(v).unwrap_or_else(|_| tera::Value::none())
}

/// One page of the site, named without its context: the context is built only when the
/// page is rendered, so a build holds the contexts of the pages in flight, not of all pages.
/// A list page is named with its page number, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    Home,
    Article(usize),
    Articles(usize),
    States,
    State(usize, usize),
    Years,
    Year(usize, usize),
    Chronology { newest_first: bool, page: usize },
    Tags,
    Tag(usize, usize),
    People,
    Person(usize, usize),
    Search,
    NotFound,
}

#[derive(Serialize)]
struct YearCount {
    year: i32,
    path: String,
    articles: usize,
    events: usize,
}

/// A year and how many of a list's events begin in it.
#[derive(Serialize)]
struct YearTally {
    year: i32,
    path: String,
    events: usize,
}

/// A year in the chronology's index.
#[derive(Serialize)]
struct YearLink {
    year: i32,
    /// The chronology's page the year begins on.
    path: String,
    /// That page is the one the index is on.
    here: bool,
}

/// What every page kind draws on, computed once per build and shared by all pages.
pub struct Plan<'a> {
    d: &'a Dossier,
    b: Builder<'a>,
    intro_html: &'a str,
    membership: charts::MembershipChart,
    /// The map of the states today (home and the states page).
    state_map: map::StateMap,
    year_links: Vec<YearCount>,
    year_chart: charts::YearChart,
    /// Each event's view as a Tera value, made for each page that lists it.
    events: EventValues<'a>,
    /// Each article's card as a Tera value, by its place in `d.articles`, made once: the
    /// list pages show fifty each and every article page its related ones. Empty past
    /// [`CARDS_HELD`] articles, where each page makes the cards it lists.
    cards: Vec<tera::Value>,
    /// The state, year and topic views, serialised once for the same reason: each carries
    /// the slugs of its articles and the ids of its events, thousands on a large site, and
    /// the chronology's every page lists all states and topics.
    states: Views,
    years: Vec<tera::Value>,
    tags: Views,
    /// The person views, serialised once: the index lists them all.
    persons: Views,
    /// Each topic's [`event_years`], worked out once rather than on each of its pages (a
    /// topic of a large site has tens of thousands of events and tens of pages).
    tag_event_years: Vec<tera::Value>,
    /// Oldest first, then newest first.
    chronology: [ChronologyOrder; 2],
    /// An article whose body could not be read back from the build's spill file, and why:
    /// its page is not rendered and the walk stops ([`Plan::failure`]).
    unreadable: std::sync::Mutex<Option<(std::path::PathBuf, String)>>,
}

/// The chronology in one order, worked out once for all its pages.
struct ChronologyOrder {
    /// The events' places in `d.events`, in this order.
    order: Vec<usize>,
    /// Each year, in this order, with the page its events begin on.
    years: Vec<(i32, usize)>,
}

impl ChronologyOrder {
    fn of(d: &Dossier, newest_first: bool) -> ChronologyOrder {
        let mut order: Vec<usize> = (0..d.events.len()).collect();
        if newest_first {
            order.reverse();
        }
        let paging = d.event_paging();
        let mut years: Vec<(i32, usize)> = Vec::new();
        for (position, &i) in order.iter().enumerate() {
            let year = d.events[i].year;
            if years.last().is_none_or(|&(y, _)| y != year) {
                years.push((year, paging.page_of(position)));
            }
        }
        ChronologyOrder { order, years }
    }
}

/// How many of these events begin in each year, `[{year, path, events}]`: a topic's
/// timeline as links to the year pages that draw the events, rather than the events again
/// on every topic they touch.
fn event_years(d: &Dossier, ids: &[String]) -> Vec<YearTally> {
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    for i in ids.iter().filter_map(|id| d.event_index(id)) {
        *years.entry(d.events[i].year).or_default() += 1;
    }
    years
        .into_iter()
        .map(|(year, events)| YearTally {
            year,
            path: site::year(year),
            events,
        })
        .collect()
}

/// Views serialised once: each alone, and all as one list.
struct Views {
    each: Vec<tera::Value>,
    all: tera::Value,
}

impl Views {
    fn of<T: Serialize + Sync>(items: &[T]) -> Views {
        use rayon::prelude::*;
        let each: Vec<tera::Value> = items.par_iter().map(to_value).collect();
        Views {
            all: tera::Value::from(each.clone()),
            each,
        }
    }
}

/// Each event as `partials/event.html` draws it in a list, rendered (and minified when
/// `minify`) once for the whole build. The partial sees what it sees inside a page: the
/// site-wide variables and `e`. When the theme has no such partial, or it needs more than
/// that to render, there are no fragments and every page renders the partial itself (where
/// a real error is then reported against the page). With `spill` (a build's), each fragment
/// goes there as it is made.
pub fn event_fragments(
    d: &Dossier,
    theme: &super::Theme,
    minify: bool,
    spill: Option<&std::sync::Arc<crate::content::spill::Spill>>,
) -> Fragments {
    use rayon::prelude::*;
    const PARTIAL: &str = "partials/event.html";
    if !theme.sources.contains_key(PARTIAL) {
        return Fragments::none();
    }
    let none = Fragments::none();
    let base = &Builder::new(d).base;
    let rendered: Option<Vec<(String, super::fragments::Fragment)>> = d
        .events
        .par_iter()
        .map(|e| {
            let view = event_views(d, &none, [e]);
            let mut ctx = base.clone();
            ctx.insert("e", &view[0]);
            let html = theme.tera.render(PARTIAL, &ctx).ok()?;
            let html = if minify {
                crate::text::minify::html(html.trim())
            } else {
                html.trim().as_bytes().to_vec()
            };
            let html = super::fragments::Fragment::new(html, spill.map(|s| s.as_ref()));
            Some((e.id.clone(), html))
        })
        .collect();
    rendered
        .map(|parts| Fragments::from_parts(parts, spill.cloned()))
        .unwrap_or_default()
}

impl<'a> Plan<'a> {
    pub fn new(d: &'a Dossier, intro_html: &'a str, fragments: &'a Fragments) -> Self {
        use rayon::prelude::*;
        let events = EventValues::new(d, fragments);
        Plan {
            d,
            events,
            cards: match d.articles.len() <= CARDS_HELD {
                true => d
                    .articles
                    .par_iter()
                    .map(|a| to_value(&d.card(a)))
                    .collect(),
                false => Vec::new(),
            },
            states: Views::of(&d.states),
            years: d.years.par_iter().map(to_value).collect(),
            tags: Views::of(&d.tags),
            persons: Views::of(&d.persons),
            tag_event_years: d
                .tags
                .par_iter()
                .map(|t| to_value(&event_years(d, &t.events)))
                .collect(),
            chronology: [ChronologyOrder::of(d, false), ChronologyOrder::of(d, true)],
            b: Builder::new(d),
            intro_html,
            membership: charts::membership(&d.states, d.today, &d.strings.charts),
            state_map: map::state_map(&d.states, d.today, &d.strings.map),
            year_links: d
                .years
                .iter()
                .map(|y| YearCount {
                    year: y.year,
                    path: y.path.clone(),
                    articles: y.articles.len(),
                    events: y.events.len(),
                })
                .collect(),
            year_chart: charts::events_per_year(d, None),
            unreadable: std::sync::Mutex::new(None),
        }
    }

    /// The first article body that could not be read back, as the error that ends the walk.
    pub fn failure(&self) -> Option<BuildError> {
        let held = self.unreadable.lock().ok()?;
        held.as_ref()
            .map(|(file, message)| BuildError::io(file, std::io::Error::other(message.clone())))
    }

    /// Page `n` of the listed views of the events with these ids, in that order.
    fn event_list(&self, ids: &[String], n: usize) -> tera::Value {
        self.listed_events(self.d.event_paging().slice(ids, n))
    }

    /// The cards of the articles with these slugs, in that order.
    fn cards<'i>(&self, slugs: impl IntoIterator<Item = &'i String>) -> tera::Value {
        let d = self.d;
        let list: Vec<tera::Value> = slugs
            .into_iter()
            .filter_map(|s| d.article_index(s))
            .map(|i| match self.cards.get(i) {
                Some(card) => card.clone(),
                None => to_value(&d.card(&d.articles[i])),
            })
            .collect();
        tera::Value::from(list)
    }

    /// The listed views of the events with these ids, in that order.
    fn listed_events<'i>(&self, ids: impl IntoIterator<Item = &'i String>) -> tera::Value {
        let list: Vec<tera::Value> = ids
            .into_iter()
            .filter_map(|id| self.d.event_index(id))
            .filter_map(|i| self.events.get(i, false))
            .collect();
        tera::Value::from(list)
    }

    /// [`Plan::event_list`] with every source of each event, as its year page lists it.
    fn event_list_all_sources<'i>(&self, ids: impl IntoIterator<Item = &'i String>) -> tera::Value {
        let d = self.d;
        let list: Vec<tera::Value> = ids
            .into_iter()
            .filter_map(|id| d.event_index(id))
            .filter_map(|i| {
                let all = d.events[i].sources.len() > LISTED_SOURCES;
                self.events.get(i, all)
            })
            .collect();
        tera::Value::from(list)
    }

    /// The chronology's index of years, `[{year, path, here}]`, for its page `n`.
    fn year_index(&self, newest_first: bool, n: usize) -> Vec<YearLink> {
        let list = site::chronology(newest_first);
        self.chronology[usize::from(newest_first)]
            .years
            .iter()
            .map(|&(year, page)| YearLink {
                year,
                path: site::paged(list, page),
                here: page == n,
            })
            .collect()
    }

    /// Page `n`'s articles of a list page (those at these slugs) and its events (already
    /// cut to the page).
    fn lists_of_page(&self, p: &mut Page, n: usize, articles: &[String], events: tera::Value) {
        let d = self.d;
        p.context.insert_value(
            "articles",
            self.cards(d.article_paging().slice(articles, n)),
        );
        p.context.insert_value("events", events);
    }

    /// Pages a list page takes with these many articles and events, the two lists cut into
    /// pages side by side.
    fn list_pages(&self, articles: usize, events: usize) -> usize {
        let d = self.d;
        d.article_paging()
            .pages(articles)
            .max(d.event_paging().pages(events))
    }

    /// Page `n` of `total` of a list page, with the pager's context: from the second page
    /// on, the title and the breadcrumbs name the page.
    fn list_page(&self, l: List<'_>, mut trail: Vec<Crumb>, (n, total): (usize, usize)) -> Page {
        let words = &self.d.strings.pager;
        let list = l.path;
        let path = site::paged(list, n);
        let title = if n > 1 {
            fill(&fill(&words.title, "n", &n.to_string()), "title", l.title)
        } else {
            l.title.to_string()
        };
        if n > 1 {
            trail.push(crumb(&fill(&words.page, "n", &n.to_string()), &path));
        }
        let mut p = self
            .b
            .page(l.kind, &path, l.template, &title, l.description, trail);
        p.context
            .insert("paginator", &Pager::new(list, n, total, words));
        p
    }

    /// The chronology's year sections: `[{year, path, events}]`, for the events at these
    /// places in `d.events`, in that order.
    fn year_groups(&self, order: &[usize]) -> tera::Value {
        let mut groups: Vec<(i32, Vec<tera::Value>)> = Vec::new();
        for &i in order {
            let Some(view) = self.events.get(i, false) else {
                continue;
            };
            let year = self.d.events[i].year;
            match groups.last_mut() {
                Some((y, list)) if *y == year => list.push(view),
                _ => groups.push((year, vec![view])),
            }
        }
        let groups: Vec<tera::Value> = groups
            .into_iter()
            .map(|(year, events)| {
                let mut m: BTreeMap<&'static str, tera::Value> = BTreeMap::new();
                m.insert("year", year.into());
                m.insert("path", site::year(year).into());
                m.insert("events", events.into());
                tera::Value::from(m)
            })
            .collect();
        tera::Value::from(groups)
    }

    /// Every page, in the order pages were always listed, a list page's pages in order.
    pub fn specs(&self) -> Vec<Spec> {
        let d = self.d;
        let mut v = vec![Spec::Home];
        v.extend((0..d.articles.len()).map(Spec::Article));
        v.extend((1..=d.article_paging().pages(d.articles.len())).map(Spec::Articles));
        v.push(Spec::States);
        for (i, s) in d.states.iter().enumerate() {
            let pages = self.list_pages(s.articles.len(), s.events.len());
            v.extend((1..=pages).map(|n| Spec::State(i, n)));
        }
        v.push(Spec::Years);
        for (i, y) in d.years.iter().enumerate() {
            let pages = self.list_pages(y.articles.len(), y.events.len());
            v.extend((1..=pages).map(|n| Spec::Year(i, n)));
        }
        for newest_first in [false, true] {
            let pages = d.event_paging().pages(d.events.len());
            v.extend((1..=pages).map(|page| Spec::Chronology { newest_first, page }));
        }
        v.push(Spec::Tags);
        for (i, t) in d.tags.iter().enumerate() {
            let pages = self.list_pages(t.articles.len(), 0);
            v.extend((1..=pages).map(|n| Spec::Tag(i, n)));
        }
        v.push(Spec::People);
        for (i, person) in d.persons.iter().enumerate() {
            let pages = self.list_pages(person.articles.len(), person.events.len());
            v.extend((1..=pages).map(|n| Spec::Person(i, n)));
        }
        if d.config.search {
            v.push(Spec::Search);
        }
        v.push(Spec::NotFound);
        v
    }

    /// The page's output path, as [`Plan::page`] gives it, without building the context.
    pub fn output_path(&self, spec: Spec) -> String {
        let d = self.d;
        let (path, n) = match spec {
            Spec::Home => (site::HOME, 1),
            Spec::Article(i) => (d.articles[i].path.as_str(), 1),
            Spec::Articles(n) => (site::ARTICLES, n),
            Spec::States => (site::STATES, 1),
            Spec::State(i, n) => (d.states[i].path.as_str(), n),
            Spec::Years => (site::YEARS, 1),
            Spec::Year(i, n) => (d.years[i].path.as_str(), n),
            Spec::Chronology { newest_first, page } => (site::chronology(newest_first), page),
            Spec::Tags => (site::TAGS, 1),
            Spec::Tag(i, n) => (d.tags[i].path.as_str(), n),
            Spec::People => (site::PEOPLE, 1),
            Spec::Person(i, n) => (d.persons[i].path.as_str(), n),
            Spec::Search => (site::SEARCH, 1),
            Spec::NotFound => (site::NOT_FOUND, 1),
        };
        site::output_file(&site::paged(path, n))
    }

    /// The site-relative URL paths of the pages a sitemap lists: every page but the 404.
    pub fn url_paths(&self) -> Vec<String> {
        self.specs()
            .into_iter()
            .filter(|&s| s != Spec::NotFound)
            .map(|s| {
                self.output_path(s)
                    .trim_end_matches("index.html")
                    .to_string()
            })
            .collect()
    }

    /// The page with its context.
    pub fn page(&self, spec: Spec) -> Page {
        match spec {
            Spec::Home => self.home(),
            Spec::Article(i) => self.article(&self.d.articles[i]),
            Spec::Articles(n) => self.articles(n),
            Spec::States => self.states(),
            Spec::State(i, n) => self.state(i, n),
            Spec::Years => self.years(),
            Spec::Year(i, n) => self.year(i, n),
            Spec::Chronology { newest_first, page } => self.chronology(newest_first, page),
            Spec::Tags => self.tags(),
            Spec::Tag(i, n) => self.tag(i, n),
            Spec::People => self.people(),
            Spec::Person(i, n) => self.person(i, n),
            Spec::Search => self.search(),
            Spec::NotFound => self.not_found(),
        }
    }

    fn home(&self) -> Page {
        let (d, cfg) = (self.d, &self.d.config);
        let mut p = self.b.page(
            "home",
            site::HOME,
            "index.html",
            &cfg.title,
            &cfg.description,
            vec![],
        );
        p.context.insert("intro", self.intro_html);
        p.context.insert_value(
            "latest",
            self.cards(d.articles.iter().take(cfg.home_articles).map(|a| &a.slug)),
        );
        p.context.insert_value("states", self.states.all.clone());
        p.context.insert("membership_chart", &self.membership);
        p.context.insert("state_map", &self.state_map);
        p.context.insert_value(
            "recent_events",
            self.listed_events(d.events.iter().rev().take(RECENT_EVENTS).map(|e| &e.id)),
        );
        p
    }

    fn article(&self, a: &crate::content::Article) -> Page {
        let d = self.d;
        let trail = vec![crumb(&a.title, &a.path)];
        let mut p = self.b.page(
            "article",
            &a.path,
            "article.html",
            &a.title,
            &a.summary,
            trail,
        );
        match tera::Value::try_from_serializable(a) {
            Ok(v) => p.context.insert_value("article", v),
            Err(e) => {
                if let Ok(mut slot) = self.unreadable.lock() {
                    slot.get_or_insert((a.file.clone(), e.to_string()));
                }
            }
        }
        let states: Vec<_> = a.states.iter().filter_map(|s| d.state_ref(s)).collect();
        p.context.insert("article_states", &states);
        let tags: Vec<_> = a.tags.iter().filter_map(|t| d.tag_ref(t)).collect();
        p.context.insert("article_tags", &tags);
        let people: Vec<_> = a.people.iter().filter_map(|s| d.person_ref(s)).collect();
        p.context.insert("article_people", &people);
        p.context.insert("json_ld", &json_ld(d, a));
        // One value per event for both lists, with where `a` is among its sources.
        let views: Vec<(usize, tera::Value, Option<usize>)> = a
            .events
            .iter()
            .enumerate()
            .filter_map(|(k, id)| Some((k, d.event_index(id)?)))
            .filter_map(|(k, i)| {
                let place = a.event_sources.get(k).map(|&p| p as usize);
                Some((i, self.events.get(i, false)?, place))
            })
            .collect();
        let events: Vec<tera::Value> = views.iter().map(|(_, v, _)| v.clone()).collect();
        p.context.insert_value("events", events.into());
        p.context
            .insert_value("event_mentions", self.mentions(a, &views));
        p.context.insert_value("related", self.cards(&a.related));
        p
    }

    /// The events found in `a`, each as `{event, anchor}`: its listed view and the anchor of
    /// the block of `a` that tells it. The article page points into its own text with these
    /// rather than printing each sentence again.
    fn mentions(
        &self,
        a: &crate::content::Article,
        views: &[(usize, tera::Value, Option<usize>)],
    ) -> tera::Value {
        let d = self.d;
        let list: Vec<tera::Value> = views
            .iter()
            .filter_map(|(i, event, place)| {
                let sources = &d.events[*i].sources;
                let ours = |s: &&crate::model::EventSource| *s.slug == *a.slug;
                let source = match place.and_then(|p| sources.get(p)).filter(ours) {
                    Some(s) => s,
                    None => sources.iter().find(ours)?,
                };
                let anchor = source.anchor.as_str();
                Some(to_value(&Mention { event, anchor }))
            })
            .collect();
        tera::Value::from(list)
    }

    fn states(&self) -> Page {
        let w = &self.d.strings.pages.states;
        let mut p = self.b.page(
            "states",
            site::STATES,
            "states.html",
            &w.title,
            &w.description,
            vec![crumb(&w.title, site::STATES)],
        );
        p.context.insert_value("states", self.states.all.clone());
        p.context.insert("membership_chart", &self.membership);
        p.context.insert("state_map", &self.state_map);
        p
    }

    /// Page `n` of the index of every article, newest first.
    fn articles(&self, n: usize) -> Page {
        let (d, w) = (self.d, &self.d.strings.pages.articles);
        let paging = d.article_paging();
        let mut p = self.list_page(
            List {
                kind: "articles",
                path: site::ARTICLES,
                template: "articles.html",
                title: &w.title,
                description: &w.description,
            },
            vec![crumb(&w.title, site::ARTICLES)],
            (n, paging.pages(d.articles.len())),
        );
        let cards: Vec<_> = paging
            .slice(&d.articles, n)
            .iter()
            .map(|a| d.card(a))
            .collect();
        p.context.insert("articles", &cards);
        p.context.insert("articles_total", &d.articles.len());
        p
    }

    fn state(&self, i: usize, n: usize) -> Page {
        let s = &self.d.states[i];
        let (d, w) = (self.d, &self.d.strings.pages);
        let title = s.state.name_ar.clone();
        let desc = s
            .state
            .profile
            .clone()
            .unwrap_or_else(|| fill(&w.state_description, "name", &s.state.name_ar));
        let trail = vec![crumb(&w.states.title, site::STATES), crumb(&title, &s.path)];
        let total = self.list_pages(s.articles.len(), s.events.len());
        let mut p = self.list_page(
            List {
                kind: "state",
                path: &s.path,
                template: "state.html",
                title: &title,
                description: &desc,
            },
            trail,
            (n, total),
        );
        p.context.insert_value("state", self.states.each[i].clone());
        self.lists_of_page(&mut p, n, &s.articles, self.event_list(&s.events, n));
        // The people linked to the state who have a page.
        let people: Vec<_> = d
            .persons
            .iter()
            .filter(|v| v.person.states.contains(&s.state.slug))
            .filter_map(|v| d.person_ref(&v.person.slug))
            .collect();
        p.context.insert("people", &people);
        p.context.insert(
            "state_outline",
            &map::state_outline(s, d.today, &d.strings.map),
        );
        p
    }

    fn years(&self) -> Page {
        let w = &self.d.strings.pages.years;
        let mut p = self.b.page(
            "years",
            site::YEARS,
            "years.html",
            &w.title,
            &w.description,
            vec![crumb(&w.title, site::YEARS)],
        );
        p.context.insert("years", &self.year_links);
        p.context.insert("year_chart", &self.year_chart);
        p
    }

    fn year(&self, i: usize, n: usize) -> Page {
        let y = &self.d.years[i];
        let (d, w) = (self.d, &self.d.strings.pages);
        let year = y.year.to_string();
        let title = fill(&w.year.title, "year", &year);
        let trail = vec![crumb(&w.years.title, site::YEARS), crumb(&title, &y.path)];
        let desc = fill(&w.year.description, "year", &year);
        let total = self.list_pages(y.articles.len(), y.events.len());
        let mut p = self.list_page(
            List {
                kind: "year",
                path: &y.path,
                template: "year.html",
                title: &title,
                description: &desc,
            },
            trail,
            (n, total),
        );
        p.context.insert_value("year", self.years[i].clone());
        let events = self.event_list_all_sources(d.event_paging().slice(&y.events, n));
        self.lists_of_page(&mut p, n, &y.articles, events);
        p.context.insert("years", &self.year_links);
        p.context
            .insert("year_chart", &charts::events_per_year(d, Some(y.year)));
        let day = map::year_day(y.year, d.today);
        p.context
            .insert("state_map", &map::state_map(&d.states, day, &d.strings.map));
        p
    }

    /// The chronology twice: oldest first at /chronology/, newest first at
    /// /chronology/newest/, so the order toggle is a plain link.
    fn chronology(&self, newest_first: bool, n: usize) -> Page {
        let (d, w) = (self.d, &self.d.strings.pages);
        let path = site::chronology(newest_first);
        let paging = d.event_paging();
        let order = if newest_first { "newest" } else { "oldest" };
        let mut trail = vec![crumb(&w.chronology.title, site::CHRONOLOGY)];
        if newest_first {
            trail.push(crumb(&w.chronology_newest, path));
        }
        let mut p = self.list_page(
            List {
                kind: "chronology",
                path,
                template: "chronology.html",
                title: &w.chronology.title,
                description: &w.chronology.description,
            },
            trail,
            (n, paging.pages(d.events.len())),
        );
        p.context.insert("order", order);
        let events = &self.chronology[usize::from(newest_first)].order;
        p.context
            .insert("year_index", &self.year_index(newest_first, n));
        p.context
            .insert_value("year_groups", self.year_groups(paging.slice(events, n)));
        p.context.insert("events_total", &d.events.len());
        p.context.insert("years", &self.year_links);
        p.context.insert("year_chart", &self.year_chart);
        p.context.insert_value("states", self.states.all.clone());
        p.context.insert_value("tags", self.tags.all.clone());
        p
    }

    /// A page that is the one page of its kind, titled and described by `w`, its
    /// breadcrumb its own title.
    fn index_page(
        &self,
        kind: &'static str,
        path: &str,
        template: &'static str,
        w: &crate::strings::PageWords,
    ) -> Page {
        let trail = vec![crumb(&w.title, path)];
        self.b
            .page(kind, path, template, &w.title, &w.description, trail)
    }

    fn tags(&self) -> Page {
        let w = &self.d.strings.pages.tags;
        let mut p = self.index_page("tags", site::TAGS, "tags.html", w);
        p.context.insert_value("tags", self.tags.all.clone());
        p
    }

    fn tag(&self, i: usize, n: usize) -> Page {
        let t = &self.d.tags[i];
        let d = self.d;
        let trail = vec![
            crumb(&d.strings.pages.tags.title, site::TAGS),
            crumb(&t.name, &t.path),
        ];
        let total = self.list_pages(t.articles.len(), 0);
        let mut p = self.list_page(
            List {
                kind: "tag",
                path: &t.path,
                template: "tag.html",
                title: &t.name,
                description: "",
            },
            trail,
            (n, total),
        );
        p.context.insert_value("tag", self.tags.each[i].clone());
        p.context.insert_value(
            "articles",
            self.cards(d.article_paging().slice(&t.articles, n)),
        );
        p.context
            .insert_value("event_years", self.tag_event_years[i].clone());
        p
    }

    fn people(&self) -> Page {
        let w = &self.d.strings.pages.people;
        let mut p = self.index_page("people", site::PEOPLE, "people.html", w);
        p.context.insert_value("people", self.persons.all.clone());
        p
    }

    /// Page `n` of a person's page: who they are on the first, then their events (newest
    /// first) and the articles that name them (most mentions first), cut into pages.
    fn person(&self, i: usize, n: usize) -> Page {
        let v = &self.d.persons[i];
        let (d, w) = (self.d, &self.d.strings.pages);
        let person = &v.person;
        let title = person.name_ar.clone();
        let desc = fill(
            &fill(&w.person_description, "name", &person.name_ar),
            "role",
            &person.role_ar,
        );
        let trail = vec![crumb(&w.people.title, site::PEOPLE), crumb(&title, &v.path)];
        let total = self.list_pages(v.articles.len(), v.events.len());
        let mut p = self.list_page(
            List {
                kind: "person",
                path: &v.path,
                template: "person.html",
                title: &title,
                description: &desc,
            },
            trail,
            (n, total),
        );
        p.context
            .insert_value("person", self.persons.each[i].clone());
        // The other spellings, each once, without the name itself.
        let mut seen = std::collections::BTreeSet::from([person.name_ar.as_str()]);
        let also: Vec<&str> = person
            .variants
            .iter()
            .map(String::as_str)
            .filter(|v| seen.insert(v))
            .collect();
        p.context.insert("also_written", &also);
        let roles: Vec<_> = person
            .roles
            .iter()
            .map(|r| {
                json!({
                    "title": r.title,
                    "from": r.from,
                    "to": r.to,
                    "state": r.state.as_deref().and_then(|s| d.state_ref(s)),
                })
            })
            .collect();
        p.context.insert("roles", &roles);
        let states: Vec<_> = person
            .states
            .iter()
            .filter_map(|s| d.state_ref(s))
            .collect();
        p.context.insert("person_states", &states);
        let co: Vec<_> = v.co_people.iter().filter_map(|s| d.person_ref(s)).collect();
        p.context.insert("co_people", &co);
        let paging = d.article_paging();
        let cards: Vec<_> = paging
            .slice(&v.articles, n)
            .iter()
            .zip(paging.slice(&v.mentions, n))
            .filter_map(|(slug, &count)| {
                let mut card = d.card(d.article(slug)?);
                card.mentions = Some(count);
                Some(card)
            })
            .collect();
        p.context.insert("articles", &cards);
        p.context
            .insert_value("events", self.event_list(&v.events, n));
        p
    }

    fn search(&self) -> Page {
        let w = &self.d.strings.pages.search;
        let mut p = self.index_page("search", site::SEARCH, "search.html", w);
        // The index's bundles after the first, which the page merges into it.
        let merged: Vec<String> = (1..self.d.search_bundles())
            .map(|k| format!("{}/", site::search_bundle(k)))
            .collect();
        p.context.insert("search_bundles", &merged);
        p.context.insert("words", &self.d.strings.search_page);
        p
    }

    fn not_found(&self) -> Page {
        let w = &self.d.strings.pages.not_found;
        self.b.page(
            "404",
            site::NOT_FOUND,
            "404.html",
            &w.title,
            &w.description,
            vec![],
        )
    }
}

/// schema.org NewsArticle for an article page, safe to put inside `<script>`.
fn json_ld(d: &Dossier, a: &crate::content::Article) -> String {
    let c = &d.config;
    let url = d.routes.absolute(&a.path);
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "inLanguage": c.language,
        "mainEntityOfPage": url,
        "url": url,
        "author": {"@type": "Organization", "name": c.author},
        "publisher": {"@type": "Organization", "name": c.publisher},
        "description": a.summary,
    });
    if let Some(date) = &a.date {
        v["datePublished"] = json!(date);
    }
    if let Some(src) = &a.source_url {
        v["isBasedOn"] = json!(src);
    }
    let names: Vec<String> = a
        .states
        .iter()
        .filter_map(|s| d.state_ref(s))
        .map(|s| s.name_ar)
        .collect();
    if !names.is_empty() {
        v["about"] = json!(names
            .iter()
            .map(|n| json!({"@type": "Country", "name": n}))
            .collect::<Vec<_>>());
    }
    super::script_json::escape(&v.to_string())
}

/// An event as the page of an article it was found in points to it.
#[derive(Serialize)]
struct Mention<'a> {
    event: &'a tera::Value,
    anchor: &'a str,
}
