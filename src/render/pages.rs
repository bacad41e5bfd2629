//! The page kinds and the context each receives (the list is documented in README).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;
use tera::Context;

use super::Page;
use crate::dates::format::event_date_ar;
use crate::dossier::Dossier;
use crate::model::Event;
use crate::render::charts;
use crate::render::fragments::Fragments;
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
fn nav(words: &crate::strings::Nav) -> [NavItem<'_>; 4] {
    [
        (&words.home, site::HOME),
        (&words.states, site::STATES),
        (&words.years, site::YEARS),
        (&words.chronology, site::CHRONOLOGY),
    ]
    .map(|(title, path)| NavItem { title, path })
}

/// An event as the templates see it: states resolved to names, the date in Arabic.
#[derive(Serialize)]
struct EventView<'a> {
    id: &'a str,
    date: &'a str,
    date_ar: String,
    /// Said beside a date that is only known to the year, which sorts first in its year.
    precision_ar: &'a str,
    precision: crate::dates::Precision,
    end: Option<&'a str>,
    year: i32,
    text: &'a str,
    states: Vec<crate::dossier::StateRef>,
    people: &'a [String],
    /// The first [`LISTED_SOURCES`] articles that report the event, or all of them on the
    /// event's year page.
    sources: &'a [crate::model::EventSource],
    /// How many articles report the event in all, and where they are all listed (the event on
    /// its year page): an event cited by hundreds of articles would otherwise repeat hundreds
    /// of links on every list it is in.
    sources_total: usize,
    all_sources_path: String,
    curated: bool,
    source_title: Option<&'a str>,
    source_url: Option<&'a str>,
    /// The event as `partials/event.html` draws it, rendered once per build (a marker the
    /// page writer replaces), or empty where the page must render the partial itself.
    html: &'a str,
}

/// Sources an event shows in a list other than its year page.
const LISTED_SOURCES: usize = 3;

fn event_views<'a>(
    d: &'a Dossier,
    f: &'a Fragments,
    events: impl IntoIterator<Item = &'a Event>,
) -> Vec<EventView<'a>> {
    event_views_listing(d, f, events, LISTED_SOURCES)
}

fn event_views_listing<'a>(
    d: &'a Dossier,
    f: &'a Fragments,
    events: impl IntoIterator<Item = &'a Event>,
    sources: usize,
) -> Vec<EventView<'a>> {
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
            states: e.states.iter().filter_map(|s| d.state_ref(s)).collect(),
            people: &e.people,
            sources: &e.sources[..e.sources.len().min(sources)],
            sources_total: e.sources.len(),
            all_sources_path: site::event_on_year_page(e.year, &e.id),
            curated: e.curated,
            source_title: e.source_title.as_deref(),
            source_url: e.source_url.as_deref(),
        })
        .collect()
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

/// Events on the home page, newest first.
const RECENT_EVENTS: usize = 5;

/// A view as a template value. Serialising plain data cannot fail; a failure would show as
/// an empty value rather than a missing page.
fn to_value<T: Serialize>(v: &T) -> tera::Value {
    tera::Value::try_from_serializable(v).unwrap_or_else(|_| tera::Value::none())
}

/// One page of the site, named without its context: the context is built only when the
/// page is rendered, so a build holds the contexts of the pages in flight, not of all pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    Home,
    Article(usize),
    States,
    State(usize),
    Years,
    Year(usize),
    Chronology { newest_first: bool },
    Tags,
    Tag(usize),
    Search,
    NotFound,
}

#[derive(Serialize)]
struct YearLink {
    year: i32,
    path: String,
    articles: usize,
    events: usize,
}

/// What every page kind draws on, computed once per build and shared by all pages.
pub struct Plan<'a> {
    d: &'a Dossier,
    b: Builder<'a>,
    intro_html: &'a str,
    membership: charts::MembershipChart,
    year_links: Vec<YearLink>,
    year_chart: charts::YearChart,
    fragments: &'a Fragments,
    /// Each event's view as it is listed (`d.events` order), serialised once: Tera's lists
    /// and maps are reference counted, so a page's list of events is a list of shared values
    /// rather than a fresh copy of each event for every page that shows it.
    events: Vec<tera::Value>,
}

/// Each event as `partials/event.html` draws it in a list, rendered (and minified when
/// `minify`) once for the whole build. The partial sees what it sees inside a page: the
/// site-wide variables and `e`. When the theme has no such partial, or it needs more than
/// that to render, there are no fragments and every page renders the partial itself (where
/// a real error is then reported against the page).
pub fn event_fragments(d: &Dossier, theme: &super::Theme, minify: bool) -> Fragments {
    use rayon::prelude::*;
    const PARTIAL: &str = "partials/event.html";
    if !theme.sources.contains_key(PARTIAL) {
        return Fragments::none();
    }
    let none = Fragments::none();
    let base = &Builder::new(d).base;
    let rendered: Option<Vec<(String, Vec<u8>)>> = d
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
            Some((e.id.clone(), html))
        })
        .collect();
    rendered.map(Fragments::new).unwrap_or_default()
}

impl<'a> Plan<'a> {
    pub fn new(d: &'a Dossier, intro_html: &'a str, fragments: &'a Fragments) -> Self {
        use rayon::prelude::*;
        let events = d
            .events
            .par_iter()
            .map(|e| to_value(&event_views(d, fragments, [e])[0]))
            .collect();
        Plan {
            d,
            fragments,
            events,
            b: Builder::new(d),
            intro_html,
            membership: charts::membership(&d.states, d.today),
            year_links: d
                .years
                .iter()
                .map(|y| YearLink {
                    year: y.year,
                    path: y.path.clone(),
                    articles: y.articles.len(),
                    events: y.events.len(),
                })
                .collect(),
            year_chart: charts::events_per_year(d, None),
        }
    }

    /// The listed views of the events with these ids, in that order.
    fn event_list<'i>(&self, ids: impl IntoIterator<Item = &'i String>) -> tera::Value {
        let list: Vec<tera::Value> = ids
            .into_iter()
            .filter_map(|id| self.d.event_index(id))
            .filter_map(|i| self.events.get(i).cloned())
            .collect();
        tera::Value::from(list)
    }

    /// [`Plan::event_list`] with every source of each event, as its year page lists it.
    fn event_list_all_sources<'i>(&self, ids: impl IntoIterator<Item = &'i String>) -> tera::Value {
        let d = self.d;
        let list: Vec<tera::Value> = ids
            .into_iter()
            .filter_map(|id| d.event_index(id))
            .map(|i| {
                let e = &d.events[i];
                if e.sources.len() <= LISTED_SOURCES {
                    self.events[i].clone()
                } else {
                    to_value(&event_views_listing(d, self.fragments, [e], usize::MAX)[0])
                }
            })
            .collect();
        tera::Value::from(list)
    }

    /// The chronology's year sections: `[{year, path, events}]`, oldest or newest first.
    fn year_groups(&self, newest_first: bool) -> tera::Value {
        let mut order: Vec<usize> = (0..self.d.events.len()).collect();
        if newest_first {
            order.reverse();
        }
        let mut groups: Vec<(i32, Vec<tera::Value>)> = Vec::new();
        for i in order {
            let (year, view) = (self.d.events[i].year, self.events[i].clone());
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

    /// Every page, in the order pages were always listed.
    pub fn specs(&self) -> Vec<Spec> {
        let d = self.d;
        let mut v = vec![Spec::Home];
        v.extend((0..d.articles.len()).map(Spec::Article));
        v.push(Spec::States);
        v.extend((0..d.states.len()).map(Spec::State));
        v.push(Spec::Years);
        v.extend((0..d.years.len()).map(Spec::Year));
        v.push(Spec::Chronology {
            newest_first: false,
        });
        v.push(Spec::Chronology { newest_first: true });
        v.push(Spec::Tags);
        v.extend((0..d.tags.len()).map(Spec::Tag));
        if d.config.search {
            v.push(Spec::Search);
        }
        v.push(Spec::NotFound);
        v
    }

    /// The page's output path, as [`Plan::page`] gives it, without building the context.
    pub fn output_path(&self, spec: Spec) -> String {
        let d = self.d;
        let path = match spec {
            Spec::Home => site::HOME,
            Spec::Article(i) => d.articles[i].path.as_str(),
            Spec::States => site::STATES,
            Spec::State(i) => d.states[i].path.as_str(),
            Spec::Years => site::YEARS,
            Spec::Year(i) => d.years[i].path.as_str(),
            Spec::Chronology { newest_first } => site::chronology(newest_first),
            Spec::Tags => site::TAGS,
            Spec::Tag(i) => d.tags[i].path.as_str(),
            Spec::Search => site::SEARCH,
            Spec::NotFound => site::NOT_FOUND,
        };
        site::output_file(path)
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
            Spec::States => self.states(),
            Spec::State(i) => self.state(&self.d.states[i]),
            Spec::Years => self.years(),
            Spec::Year(i) => self.year(&self.d.years[i]),
            Spec::Chronology { newest_first } => self.chronology(newest_first),
            Spec::Tags => self.tags(),
            Spec::Tag(i) => self.tag(&self.d.tags[i]),
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
        p.context.insert(
            "latest",
            &d.cards(d.articles.iter().take(cfg.home_articles).map(|a| &a.slug)),
        );
        p.context.insert("states", &d.states);
        p.context.insert("membership_chart", &self.membership);
        p.context.insert_value(
            "recent_events",
            self.event_list(d.events.iter().rev().take(RECENT_EVENTS).map(|e| &e.id)),
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
        p.context.insert("article", a);
        let states: Vec<_> = a.states.iter().filter_map(|s| d.state_ref(s)).collect();
        p.context.insert("article_states", &states);
        let tags: Vec<_> = a.tags.iter().filter_map(|t| d.tag_ref(t)).collect();
        p.context.insert("article_tags", &tags);
        let people: Vec<_> = a
            .people
            .iter()
            .filter_map(|slug| d.people.iter().find(|p| &p.slug == slug))
            .collect();
        p.context.insert("article_people", &people);
        p.context.insert("json_ld", &json_ld(d, a));
        p.context.insert_value("events", self.event_list(&a.events));
        p.context.insert("related", &d.cards(&a.related));
        p
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
        p.context.insert("states", &self.d.states);
        p.context.insert("membership_chart", &self.membership);
        p
    }

    fn state(&self, s: &crate::dossier::StateView) -> Page {
        let (d, w) = (self.d, &self.d.strings.pages);
        let title = s.state.name_ar.clone();
        let desc = s
            .state
            .profile
            .clone()
            .unwrap_or_else(|| fill(&w.state_description, "name", &s.state.name_ar));
        let trail = vec![crumb(&w.states.title, site::STATES), crumb(&title, &s.path)];
        let mut p = self
            .b
            .page("state", &s.path, "state.html", &title, &desc, trail);
        p.context.insert("state", s);
        p.context.insert("articles", &d.cards(&s.articles));
        let people: Vec<_> = d
            .people
            .iter()
            .filter(|person| person.states.contains(&s.state.slug))
            .collect();
        p.context.insert("people", &people);
        p.context.insert_value("events", self.event_list(&s.events));
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

    fn year(&self, y: &crate::dossier::YearView) -> Page {
        let (d, w) = (self.d, &self.d.strings.pages);
        let year = y.year.to_string();
        let title = fill(&w.year.title, "year", &year);
        let trail = vec![crumb(&w.years.title, site::YEARS), crumb(&title, &y.path)];
        let desc = fill(&w.year.description, "year", &year);
        let mut p = self
            .b
            .page("year", &y.path, "year.html", &title, &desc, trail);
        p.context.insert("year", y);
        p.context.insert("articles", &d.cards(&y.articles));
        p.context
            .insert_value("events", self.event_list_all_sources(&y.events));
        p.context.insert("years", &self.year_links);
        p.context
            .insert("year_chart", &charts::events_per_year(d, Some(y.year)));
        p
    }

    /// The chronology twice: oldest first at /chronology/, newest first at
    /// /chronology/newest/, so the order toggle is a plain link.
    fn chronology(&self, newest_first: bool) -> Page {
        let (d, w) = (self.d, &self.d.strings.pages);
        let path = site::chronology(newest_first);
        let order = if newest_first { "newest" } else { "oldest" };
        let mut trail = vec![crumb(&w.chronology.title, site::CHRONOLOGY)];
        if newest_first {
            trail.push(crumb(&w.chronology_newest, path));
        }
        let mut p = self.b.page(
            "chronology",
            path,
            "chronology.html",
            &w.chronology.title,
            &w.chronology.description,
            trail,
        );
        p.context.insert("order", order);
        p.context
            .insert_value("year_groups", self.year_groups(newest_first));
        p.context.insert("events_total", &d.events.len());
        p.context.insert("years", &self.year_links);
        p.context.insert("year_chart", &self.year_chart);
        p.context.insert("states", &d.states);
        p.context.insert("tags", &d.tags);
        p
    }

    fn tags(&self) -> Page {
        let w = &self.d.strings.pages.tags;
        let mut p = self.b.page(
            "tags",
            site::TAGS,
            "tags.html",
            &w.title,
            &w.description,
            vec![crumb(&w.title, site::TAGS)],
        );
        p.context.insert("tags", &self.d.tags);
        p
    }

    fn tag(&self, t: &crate::dossier::TagView) -> Page {
        let d = self.d;
        let trail = vec![
            crumb(&d.strings.pages.tags.title, site::TAGS),
            crumb(&t.name, &t.path),
        ];
        let mut p = self.b.page("tag", &t.path, "tag.html", &t.name, "", trail);
        p.context.insert("tag", t);
        p.context.insert_value("events", self.event_list(&t.events));
        p.context.insert("articles", &d.cards(&t.articles));
        p
    }

    fn search(&self) -> Page {
        let w = &self.d.strings.pages.search;
        let mut p = self.b.page(
            "search",
            site::SEARCH,
            "search.html",
            &w.title,
            &w.description,
            vec![crumb(&w.title, site::SEARCH)],
        );
        // The index's bundles after the first, which the page merges into it.
        let merged: Vec<String> = (1..self.d.search_bundles())
            .map(|k| format!("{}/", site::search_bundle(k)))
            .collect();
        p.context.insert("search_bundles", &merged);
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
