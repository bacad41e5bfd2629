//! The `Dossier`: everything the templates need, built once after enrichment and then only read.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::data::people::Person;
use crate::data::states::State;
use crate::data::topics::Topic;
use crate::data::Gazetteers;
use crate::enrich::Corpus;
use crate::model::Event;
use crate::site::Paging;
use crate::strings::Strings;

/// An article as listed on other pages (no body).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCard {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub summary: String,
    pub source: Option<String>,
    pub states: Vec<StateRef>,
    pub reading_minutes: usize,
    /// How often the article names the person whose page lists it; none elsewhere.
    pub mentions: Option<usize>,
}

/// A tag as named on other pages.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TagRef {
    pub slug: String,
    pub name: String,
    pub path: String,
}

/// A state as named on other pages.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StateRef {
    pub slug: String,
    pub name_ar: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StateView {
    #[serde(flatten)]
    pub state: State,
    pub path: String,
    /// The status in the site's words (`strings.yaml`).
    pub status_ar: String,
    /// Where a member stands today when a `standing` stretch covers it (`frozen`,
    /// `suspended`) and its words, so the state's page says what its map says.
    pub standing: Option<&'static str>,
    pub standing_ar: Option<String>,
    /// Slugs of articles that mention the state, most about it first.
    pub articles: Vec<String>,
    /// Ids of events that involve the state, in date order.
    pub events: Vec<String>,
}

/// A person as a chip names them on other pages: the name, the role as visible text, and
/// the person's page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonRef {
    pub slug: String,
    pub name_ar: String,
    pub role_ar: String,
    pub path: String,
}

/// A person of people.yaml named by at least one article or event: what their page shows.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    #[serde(flatten)]
    pub person: Person,
    pub path: String,
    /// Slugs of the articles that name the person, most mentions first, then newest.
    pub articles: Vec<String>,
    /// How often each of `articles` names the person, in the same order.
    pub mentions: Vec<usize>,
    /// Ids of the events that name the person, newest first.
    pub events: Vec<String>,
    /// Slugs of the people named beside them in the same articles and events, most shared
    /// first, then by slug.
    pub co_people: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: i32,
    pub path: String,
    pub articles: Vec<String>,
    /// Ids of the year's events (those starting in it or spanning it), in date order.
    pub events: Vec<String>,
    pub prev: Option<i32>,
    pub next: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    pub slug: String,
    /// The topic's Arabic name from topics.yaml, or the slug for a tag it does not list.
    pub name: String,
    pub path: String,
    pub articles: Vec<String>,
    /// Ids of the events reported by the topic's articles, in date order: the topic's timeline.
    pub events: Vec<String>,
}

pub struct Dossier {
    pub config: SiteConfig,
    /// The words the pages say that no entry holds, from the theme's or the site's
    /// `strings.yaml`.
    pub strings: Strings,
    /// The site's addresses, from `config`.
    pub routes: crate::site::Routes,
    /// Newest first; undated articles last, by slug. Their `blocks` are emptied: only the
    /// enrichers read them.
    pub articles: Vec<Article>,
    pub states: Vec<StateView>,
    pub years: Vec<YearView>,
    pub tags: Vec<TagView>,
    /// The chronology, in date order.
    pub events: Vec<Event>,
    /// people.yaml, for names on pages.
    pub people: Vec<Person>,
    /// The people an article or an event names, each with a page, in people.yaml's order.
    pub persons: Vec<PersonView>,
    /// The date charts mark as today.
    pub today: chrono::NaiveDate,
    pub warnings: Vec<crate::error::Diagnostic>,
    by_slug: HashMap<String, usize>,
    event_by_id: HashMap<String, usize>,
    /// For each event, the page of its year's list it is on.
    event_year_page: Vec<usize>,
    state_by_slug: HashMap<String, usize>,
    person_by_slug: HashMap<String, usize>,
}

/// The order articles are listed in everywhere: newest first, then by slug, undated last.
pub fn listing_order(a: &Article, b: &Article) -> std::cmp::Ordering {
    (a.date.is_none(), std::cmp::Reverse(&a.date), &a.slug).cmp(&(
        b.date.is_none(),
        std::cmp::Reverse(&b.date),
        &b.slug,
    ))
}

/// A topic's Arabic name from the topics data file, or its slug when the file lacks it.
pub fn topic_name(topics: &[Topic], slug: &str) -> String {
    topics
        .iter()
        .find(|t| t.slug == slug)
        .map_or_else(|| slug.to_string(), |t| t.name_ar.clone())
}

/// Each gazetteer state with the articles that name it (most mentions first, then newest)
/// and the events that involve it (in date order), gathered in one pass over each list.
fn state_views(
    states: Vec<State>,
    articles: &[Article],
    events: &[Event],
    strings: &Strings,
    today: chrono::NaiveDate,
) -> Vec<StateView> {
    let position: HashMap<&str, usize> = states
        .iter()
        .enumerate()
        .map(|(i, s)| (s.slug.as_str(), i))
        .collect();
    let mut mentioning: Vec<Vec<(&Article, usize)>> = vec![Vec::new(); states.len()];
    for a in articles {
        let named: BTreeSet<&str> = a.states.iter().map(String::as_str).collect();
        for slug in named {
            if let Some(&i) = position.get(slug) {
                let count = a.state_mentions.get(slug).copied().unwrap_or(0);
                mentioning[i].push((a, count));
            }
        }
    }
    let mut involved: Vec<Vec<String>> = vec![Vec::new(); states.len()];
    for e in events {
        let named: BTreeSet<&str> = e.states.iter().map(String::as_str).collect();
        for slug in named {
            if let Some(&i) = position.get(slug) {
                involved[i].push(e.id.clone());
            }
        }
    }
    states
        .into_iter()
        .zip(mentioning.into_iter().zip(involved))
        .map(|(state, (mut mentioning, events))| {
            mentioning.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| y.0.date.cmp(&x.0.date)));
            use crate::data::states::StatusOn;
            let standing = match state.status_on(today) {
                s @ (StatusOn::Frozen | StatusOn::Suspended) => Some(s),
                _ => None,
            };
            StateView {
                path: crate::site::state(&state.slug),
                status_ar: strings.status.of(state.status).to_string(),
                standing: standing.map(StatusOn::key),
                standing_ar: standing.map(|s| strings.map.status.of(s).to_string()),
                articles: mentioning.iter().map(|(a, _)| a.slug.clone()).collect(),
                events,
                state,
            }
        })
        .collect()
}

/// A view for every person of `people` that an article or an event names, in people.yaml's
/// order: their articles by mention count (then newest), their events newest first, and
/// the people named beside them.
fn person_views(people: &[Person], articles: &[Article], events: &[Event]) -> Vec<PersonView> {
    let position: HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect();
    let mut naming: Vec<Vec<(usize, usize)>> = vec![Vec::new(); people.len()];
    let mut involved: Vec<Vec<String>> = vec![Vec::new(); people.len()];
    let mut beside: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); people.len()];
    let mut together = |named: &BTreeSet<usize>| {
        for &i in named {
            for &j in named.iter().filter(|&&j| j != i) {
                *beside[i].entry(j).or_default() += 1;
            }
        }
    };
    // `articles` are in listing order (newest first), so a stable sort by count keeps the
    // newest first among equals.
    for (k, a) in articles.iter().enumerate() {
        let named: BTreeSet<usize> = a
            .people
            .iter()
            .filter_map(|s| position.get(s.as_str()).copied())
            .collect();
        for &i in &named {
            let count = a.person_mentions.get(&people[i].slug).copied().unwrap_or(0);
            naming[i].push((k, count));
        }
        together(&named);
    }
    for e in events.iter().rev() {
        let named: BTreeSet<usize> = e
            .people
            .iter()
            .filter_map(|s| position.get(s.as_str()).copied())
            .collect();
        for &i in &named {
            involved[i].push(e.id.clone());
        }
        together(&named);
    }
    let mut views = Vec::new();
    for (i, p) in people.iter().enumerate() {
        if naming[i].is_empty() && involved[i].is_empty() {
            continue;
        }
        let mut naming = std::mem::take(&mut naming[i]);
        naming.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        let mut co: Vec<(usize, usize)> = std::mem::take(&mut beside[i]).into_iter().collect();
        co.sort_by(|x, y| {
            y.1.cmp(&x.1)
                .then_with(|| people[x.0].slug.cmp(&people[y.0].slug))
        });
        views.push(PersonView {
            path: crate::site::person(&p.slug),
            articles: naming
                .iter()
                .map(|&(k, _)| articles[k].slug.clone())
                .collect(),
            mentions: naming.iter().map(|&(_, n)| n).collect(),
            events: std::mem::take(&mut involved[i]),
            co_people: co
                .into_iter()
                .map(|(j, _)| people[j].slug.clone())
                .collect(),
            person: p.clone(),
        });
    }
    views
}

/// A view for every year an article was published or an event began, each with its
/// articles and the events under way in it, and its neighbours in that list.
fn year_views(articles: &[Article], events: &[Event]) -> Vec<YearView> {
    let mut year_set: BTreeSet<i32> = articles.iter().filter_map(|a| a.year).collect();
    year_set.extend(events.iter().map(|e| e.year));
    let year_list: Vec<i32> = year_set.into_iter().collect();
    let mut published: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for a in articles {
        if let Some(y) = a.year {
            published.entry(y).or_default().push(a.slug.clone());
        }
    }
    let mut under_way: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for e in events {
        let first = year_list.partition_point(|&y| y < e.year);
        for &y in year_list[first..].iter().take_while(|&&y| y <= e.end_year) {
            under_way.entry(y).or_default().push(e.id.clone());
        }
    }
    year_list
        .iter()
        .enumerate()
        .map(|(i, &y)| YearView {
            year: y,
            path: crate::site::year(y),
            articles: published.remove(&y).unwrap_or_default(),
            events: under_way.remove(&y).unwrap_or_default(),
            prev: i.checked_sub(1).map(|j| year_list[j]),
            next: year_list.get(i + 1).copied(),
        })
        .collect()
}

/// A view for every topic an article is tagged with: its articles, and the events any of
/// them is a source of.
fn tag_views(articles: &[Article], events: &[Event], topics: &[Topic]) -> Vec<TagView> {
    let mut tag_map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut tags_of: HashMap<&str, &[String]> = HashMap::new();
    for a in articles {
        for t in &a.tags {
            tag_map.entry(t.clone()).or_default().push(a.slug.clone());
        }
        tags_of.insert(a.slug.as_str(), &a.tags);
    }
    let mut tag_events: HashMap<&str, Vec<String>> = HashMap::new();
    for e in events {
        let tags: BTreeSet<&str> = e
            .sources
            .iter()
            .filter_map(|s| tags_of.get(&*s.slug))
            .flat_map(|tags| tags.iter().map(String::as_str))
            .collect();
        for t in tags {
            tag_events.entry(t).or_default().push(e.id.clone());
        }
    }
    let mut views = Vec::with_capacity(tag_map.len());
    for (slug, articles) in tag_map {
        views.push(TagView {
            events: tag_events.remove(slug.as_str()).unwrap_or_default(),
            name: topic_name(topics, &slug),
            path: crate::site::tag(&slug),
            slug,
            articles,
        });
    }
    views
}

/// The page of its year's list each event is on (its year is the one it begins in).
fn year_pages(
    years: &[YearView],
    events: &[Event],
    by_id: &HashMap<String, usize>,
    paging: Paging,
) -> Vec<usize> {
    let mut pages = vec![1; events.len()];
    for y in years {
        for (position, id) in y.events.iter().enumerate() {
            if let Some(&i) = by_id.get(id) {
                if events[i].year == y.year {
                    pages[i] = paging.page_of(position);
                }
            }
        }
    }
    pages
}

impl Dossier {
    /// The index of the enriched `corpus`, its states, topics and people from `data`.
    pub fn new(
        config: SiteConfig,
        strings: Strings,
        corpus: Corpus,
        data: Gazetteers,
        today: chrono::NaiveDate,
        warnings: Vec<crate::error::Diagnostic>,
    ) -> Dossier {
        let Gazetteers {
            states,
            people,
            topics,
            ..
        } = data;
        let Corpus {
            mut articles,
            events,
            ..
        } = corpus;
        articles.sort_by(listing_order);
        // The blocks fed the enrichers (and the cards' summaries); pages and data files do
        // not use them, and on a large corpus they are a large share of the memory the
        // articles hold.
        for a in &mut articles {
            a.blocks = Vec::new();
        }

        let states = state_views(states, &articles, &events, &strings, today);
        let years = year_views(&articles, &events);
        let tags = tag_views(&articles, &events, &topics);
        let persons = person_views(&people, &articles, &events);

        let index = |keys: Vec<&String>| -> HashMap<String, usize> {
            keys.into_iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), i))
                .collect()
        };
        let event_by_id = index(events.iter().map(|e| &e.id).collect());
        let event_year_page = year_pages(
            &years,
            &events,
            &event_by_id,
            Paging(config.paginate_by.events),
        );
        Dossier {
            by_slug: index(articles.iter().map(|a| &a.slug).collect()),
            event_by_id,
            event_year_page,
            state_by_slug: index(states.iter().map(|s: &StateView| &s.state.slug).collect()),
            person_by_slug: index(persons.iter().map(|p| &p.person.slug).collect()),
            persons,
            routes: crate::site::Routes::new(&config),
            config,
            strings,
            articles,
            states,
            years,
            tags,
            events,
            people,
            today,
            warnings,
        }
    }

    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.by_slug.get(slug).map(|&i| &self.articles[i])
    }

    /// The place in `articles` of the article with this slug.
    pub fn article_index(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// Where the event `id` is in [`Dossier::events`].
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.event_by_id.get(id).copied()
    }

    /// Where the event at `i` in [`Dossier::events`] is listed with all its sources: on its
    /// year's page.
    pub fn event_on_year_page(&self, i: usize) -> String {
        let e = &self.events[i];
        let page = self.event_year_page.get(i).copied().unwrap_or(1);
        crate::site::event_on_year_page(e.year, page, &e.id)
    }

    /// How the lists of articles are cut into pages.
    pub fn article_paging(&self) -> Paging {
        Paging(self.config.paginate_by.articles)
    }

    /// How the lists of events are cut into pages.
    pub fn event_paging(&self) -> Paging {
        Paging(self.config.paginate_by.events)
    }

    /// How many bundles the search index is split into: one per `search_bundle_pages`
    /// records, a record per article, state, year, topic and person page.
    pub fn search_bundles(&self) -> usize {
        let records = self.articles.len()
            + self.states.len()
            + self.years.len()
            + self.tags.len()
            + self.persons.len();
        records
            .div_ceil(self.config.search_bundle_pages.max(1))
            .max(1)
    }

    pub fn state_ref(&self, slug: &str) -> Option<StateRef> {
        self.state_by_slug
            .get(slug)
            .map(|&i| &self.states[i])
            .map(|s| StateRef {
                slug: s.state.slug.clone(),
                name_ar: s.state.name_ar.clone(),
                path: s.path.clone(),
            })
    }

    /// The person with this slug, when they have a page.
    pub fn person(&self, slug: &str) -> Option<&PersonView> {
        self.person_by_slug.get(slug).map(|&i| &self.persons[i])
    }

    /// A chip for the person with this slug, when they have a page.
    pub fn person_ref(&self, slug: &str) -> Option<PersonRef> {
        self.person(slug).map(|p| PersonRef {
            slug: p.person.slug.clone(),
            name_ar: p.person.name_ar.clone(),
            role_ar: p.person.role_ar.clone(),
            path: p.path.clone(),
        })
    }

    pub fn tag_ref(&self, slug: &str) -> Option<TagRef> {
        self.tags.iter().find(|t| t.slug == slug).map(|t| TagRef {
            slug: t.slug.clone(),
            name: t.name.clone(),
            path: t.path.clone(),
        })
    }

    pub fn card(&self, a: &Article) -> ArticleCard {
        ArticleCard {
            slug: a.slug.clone(),
            path: a.path.clone(),
            title: a.title.clone(),
            date: a.date.clone(),
            summary: a.card_summary.clone(),
            source: a.source.clone(),
            states: a.states.iter().filter_map(|s| self.state_ref(s)).collect(),
            reading_minutes: a.reading_minutes,
            mentions: None,
        }
    }

    pub fn cards<'a>(&self, slugs: impl IntoIterator<Item = &'a String>) -> Vec<ArticleCard> {
        slugs
            .into_iter()
            .filter_map(|s| self.article(s))
            .map(|a| self.card(a))
            .collect()
    }
}
