//! The search records: one per article, state, year, topic and person page, with the meta,
//! filters and sort keys the search page shows and narrows by.
//!
//! Pagefind's search chunks the index so a reader downloads only the pieces a query needs,
//! and stems Arabic with the Snowball stemmer. What it does not do is fold every Arabic
//! spelling variant: it strips combining marks (so أ إ آ and tashkeel fold), but ة and ه, ى
//! and ي, ٱ, tatweel and Persian digits stay distinct, and the stemmer strips ة or ه only from
//! longer words. So each record also carries, in the hidden meta field [`NORMALIZED_META`],
//! the normalised form ([`crate::arabic::normalize`]) of every word whose form changes, and the
//! search page normalises the reader's query the same way (`search.js`, `normalize`) before
//! Pagefind sees it: "قمه" typed for "قمة" then meets the indexed "قمه".
//!
//! Records are built from the dossier rather than from rendered HTML, so a template override
//! can never drop a page from the index or leak navigation text into it.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::Article;
use crate::data::people::Person;
use crate::data::states::State;
use crate::data::topics::Topic;
use crate::data::Gazetteers;
use crate::dates::format::{arabic_date, MonthStyle};
use crate::dossier::Dossier;
use crate::strings::fill_all;

/// Meta field holding the normalised forms of the record's words. Pagefind searches every meta
/// field; the search page never displays this one.
pub const NORMALIZED_META: &str = "normalized";

/// Filter names, as the search page and the tests know them.
pub const FILTER_STATE: &str = "state";
pub const FILTER_YEAR: &str = "year";
pub const FILTER_TOPIC: &str = "topic";
pub const FILTER_PERSON: &str = "person";

/// One page as the index holds it (a Pagefind custom record).
#[derive(Debug, Clone)]
pub struct Record {
    /// Site-relative URL starting with `/` (`/articles/x/`); Pagefind's script puts the base
    /// path in front of it, so one index serves any base URL.
    pub url: String,
    /// Displayed text (HTML-escaped, since Pagefind builds excerpts as HTML from it).
    pub content: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    /// Sort keys; `date` (ISO) on dated articles.
    pub sort: BTreeMap<String, String>,
}

impl Record {
    fn new(path: &str, title: &str, body: &[&str]) -> Record {
        let mut text = String::from(title);
        for part in body.iter().filter(|p| !p.trim().is_empty()) {
            text.push('\n');
            text.push_str(part);
        }
        let mut meta = BTreeMap::new();
        meta.insert("title".to_string(), title.to_string());
        Record {
            url: format!("/{path}"),
            // Quotes stay as they are: Pagefind indexes the escaped text, and `&quot;قوات` would
            // become the word `quotقوات`; excerpts are element content, never attributes.
            content: crate::text::html::escape_text(&text),
            meta,
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
        }
    }

    /// A page's record whose text is `sentence` alone: what the result shows under the
    /// title, which the sentence names in its own words.
    fn page(path: &str, title: &str, sentence: &str) -> Record {
        let mut r = Record::new(path, title, &[]);
        r.content = crate::text::html::escape_text(sentence.trim());
        r
    }

    fn filter(&mut self, name: &str, value: &str) {
        let values = self.filters.entry(name.to_string()).or_default();
        if !value.is_empty() && !values.iter().any(|v| v == value) {
            values.push(value.to_string());
        }
    }

    /// Add the normalised forms of the words of content, title and summary.
    fn finish(mut self) -> Record {
        let mut text = self.content.clone();
        for v in self.meta.values() {
            text.push(' ');
            text.push_str(v);
        }
        let forms = normalized_forms(&text);
        if !forms.is_empty() {
            self.meta.insert(NORMALIZED_META.to_string(), forms);
        }
        self.filters.retain(|_, v| !v.is_empty());
        self
    }
}

/// Marks the normaliser drops from inside a word (tashkeel, superscript alif); they are not
/// alphanumeric, so trimming punctuation must keep them.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The word as Pagefind folds it on its own before stemming: tashkeel dropped and hamza
/// seats decomposed to their base letter (it strips the combining marks of the NFD form).
pub fn pagefind_folded(word: &str) -> String {
    word.chars()
        .filter(|c| !is_arabic_mark(*c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ؤ' => 'و',
            'ئ' => 'ي',
            _ => c,
        })
        .collect()
}

/// Space-separated, sorted, deduplicated normalised forms of the words of `text` whose form
/// differs from the word as Pagefind itself folds it: a word that differs only in hamza or
/// tashkeel already meets the reader's normalised query, so listing it again would only make
/// the index larger and slower to build.
pub fn normalized_forms(text: &str) -> String {
    let mut forms = BTreeSet::new();
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric() && !is_arabic_mark(c));
        if word.is_empty() {
            continue;
        }
        let normalized = crate::arabic::normalize(word);
        if normalized != word && !normalized.is_empty() && normalized != pagefind_folded(word) {
            forms.insert(normalized);
        }
    }
    forms.into_iter().collect::<Vec<_>>().join(" ")
}

/// The records of `articles` as the per-article enrichers left them, in the order the
/// dossier lists them, so the index is the one the dossier's records would give: made before
/// the dossier exists, they let the index be made beside the corpus-wide enrichers.
pub fn article_records(data: &Gazetteers, articles: &[Article]) -> Vec<Record> {
    use rayon::prelude::*;
    let mut order: Vec<&Article> = articles.iter().collect();
    order.sort_by(|a, b| crate::dossier::listing_order(a, b));
    order
        .par_iter()
        .map(|a| named_article_record(a, &data.states, &data.topics, &data.people))
        .collect()
}

/// [`article_record`] with its states, topics and people named as the data files name them.
pub fn named_article_record(
    a: &Article,
    states: &[State],
    topics: &[Topic],
    people: &[Person],
) -> Record {
    article_record(
        a,
        |slug| {
            let s = states.iter().find(|s| s.slug == slug);
            s.map(|s| s.name_ar.clone())
        },
        |slug| Some(crate::dossier::topic_name(topics, slug)),
        |slug| {
            let p = people.iter().find(|p| p.slug == slug);
            p.map(|p| p.name_ar.clone())
        },
    )
}

/// The record of one article, with its states, topics and people named by `state_name`,
/// `tag_name` and `person_name`.
/// Everything it reads is final once the per-article enrichers have run, so `build` makes
/// these while the chronology is still being worked out.
pub fn article_record(
    a: &crate::content::Article,
    state_name: impl Fn(&str) -> Option<String>,
    tag_name: impl Fn(&str) -> Option<String>,
    person_name: impl Fn(&str) -> Option<String>,
) -> Record {
    let mut r = Record::new(&a.path, &a.title, &[&a.text]);
    r.meta.insert("summary".into(), a.summary.clone());
    if let Some(date) = &a.date {
        r.meta.insert(
            "date".into(),
            arabic_date(date, MonthStyle::Gregorian, false),
        );
        r.sort.insert("date".into(), date.clone());
    }
    for name in a.states.iter().filter_map(|s| state_name(s)) {
        r.filter(FILTER_STATE, &name);
    }
    if let Some(year) = a.year {
        r.filter(FILTER_YEAR, &year.to_string());
    }
    for name in a.tags.iter().filter_map(|t| tag_name(t)) {
        r.filter(FILTER_TOPIC, &name);
    }
    for name in a.people.iter().filter_map(|p| person_name(p)) {
        r.filter(FILTER_PERSON, &name);
    }
    r.finish()
}

/// Every record of the site: articles, then states, years and topics, each made only when
/// the index writer asks for the next, so the records are never all in memory at once.
pub fn records(d: &Dossier) -> impl Iterator<Item = Record> + '_ {
    let state_name = |slug: &str| d.state_ref(slug).map(|s| s.name_ar);
    let tag_name = |slug: &str| d.tag_ref(slug).map(|t| t.name);
    let person_name = |slug: &str| d.person(slug).map(|p| p.person.name_ar.clone());
    d.articles
        .iter()
        .map(move |a| article_record(a, state_name, tag_name, person_name))
        .chain(page_records(d))
}

/// The records of the state, year, topic and person pages. Their text is what a search result shows
/// under the title, so it is a sentence in the theme's words (`strings.yaml`, `search`): a
/// state's status, membership years, capital and profile; a year's and a topic's counts of
/// events and articles and their first event. A state's other names are searched (a hidden
/// meta field) but not shown. Their events are sentences of the articles, which are records
/// of their own, and repeating them all here would put every year and topic page beside the
/// article for any query (and a third more index). A person's record is their names and
/// offices.
pub fn page_records(d: &Dossier) -> impl Iterator<Item = Record> + '_ {
    let words = &d.strings.search;
    let counter = std::sync::Arc::new(crate::strings::plural::Counter::new(
        &d.config.language,
        d.strings.counts.clone(),
    ));
    let counter_too = counter.clone();
    let first_event = move |ids: &[String]| -> String {
        let Some(e) = ids
            .first()
            .and_then(|id| d.event_index(id))
            .map(|i| &d.events[i])
        else {
            return String::new();
        };
        let date = crate::dates::format::event_date_ar(&e.date, e.end.as_deref(), e.part);
        fill_all(&words.first_event, &[("date", &date), ("text", &e.text)])
    };
    let states = d.states.iter().map(move |s| {
        let st = &s.state;
        let years = st
            .periods
            .iter()
            .map(|p| {
                let from = year_of(&p.from);
                match p.to.as_deref() {
                    Some(to) => fill_all(&words.period, &[("from", from), ("to", year_of(to))]),
                    None => fill_all(&words.period_ongoing, &[("from", from)]),
                }
            })
            .collect::<Vec<_>>()
            .join(&words.separator);
        let sentence = fill_all(
            &words.state,
            &[
                ("name", &st.name_ar),
                ("status", &s.status_ar),
                ("years", &years),
                ("capital", &st.capital_ar),
                ("profile", st.profile.as_deref().unwrap_or("")),
            ],
        );
        let mut r = Record::page(&s.path, &st.name_ar, &sentence);
        let names = [
            st.official_ar.as_deref().unwrap_or(""),
            &st.name_en,
            st.capital_en.as_deref().unwrap_or(""),
        ];
        r.meta
            .insert(NAMES_META.into(), names.join(" ").trim().to_string());
        if let Some(profile) = &st.profile {
            r.meta.insert("summary".into(), profile.clone());
        }
        r.filter(FILTER_STATE, &st.name_ar);
        r.finish()
    });
    let years = d.years.iter().map(move |y| {
        let year = y.year.to_string();
        let title = crate::strings::fill(&d.strings.pages.year.title, "year", &year);
        let events = counted(&counter, y.events.len(), "events");
        let articles = counted(&counter, y.articles.len(), "articles");
        let sentence = fill_all(
            &words.year,
            &[
                ("year", &year),
                ("events", &events),
                ("articles", &articles),
            ],
        );
        let mut r = Record::page(
            &y.path,
            &title,
            &with_first(sentence, first_event(&y.events)),
        );
        r.filter(FILTER_YEAR, &year);
        r.finish()
    });
    let tags = d.tags.iter().map(move |t| {
        let events = counted(&counter_too, t.events.len(), "events");
        let articles = counted(&counter_too, t.articles.len(), "articles");
        let sentence = fill_all(
            &words.topic,
            &[
                ("name", &t.name),
                ("events", &events),
                ("articles", &articles),
            ],
        );
        let mut r = Record::page(
            &t.path,
            &t.name,
            &with_first(sentence, first_event(&t.events)),
        );
        r.filter(FILTER_TOPIC, &t.name);
        r.finish()
    });
    // A person's page is found by every spelling of the name, the Latin name and the
    // offices held.
    let people = d.persons.iter().map(|v| {
        let p = &v.person;
        let mut body: Vec<&str> = vec![&p.name_en, &p.role_ar];
        body.extend(p.variants.iter().map(String::as_str));
        body.extend(p.roles.iter().map(|r| r.title.as_str()));
        let mut r = Record::new(&v.path, &p.name_ar, &body);
        r.meta.insert("summary".into(), p.role_ar.clone());
        r.filter(FILTER_PERSON, &p.name_ar);
        for s in p.states.iter().filter_map(|s| d.state_ref(s)) {
            r.filter(FILTER_STATE, &s.name_ar);
        }
        r.finish()
    });
    states.chain(years).chain(tags).chain(people)
}

/// Meta field holding a state's other names (official, English, capital in English): searched,
/// never shown.
pub const NAMES_META: &str = "names";

/// `n` with `noun` in the form the theme's counts give it, or the bare number.
fn counted(counter: &crate::strings::plural::Counter, n: usize, noun: &str) -> String {
    counter
        .count(n as u64, noun)
        .unwrap_or_else(|| n.to_string())
}

/// The year of a `YYYY[-MM[-DD]]` date.
fn year_of(date: &str) -> &str {
    date.split('-').next().unwrap_or(date)
}

/// `sentence`, then `first` after a space when there is one.
fn with_first(sentence: String, first: String) -> String {
    if first.is_empty() {
        sentence
    } else {
        format!("{sentence} {first}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_forms_lists_only_changed_words() {
        let forms = normalized_forms("«أوزبكستان» والأَمْن منظمة زاس 2022 ٢٠٢٢ مصطفى الأمنية");
        let list: Vec<&str> = forms.split(' ').collect();
        // أوزبكستان and الأَمْن fold in Pagefind already; ة, ى and Arabic-Indic digits do not.
        assert_eq!(list, vec!["2022", "الامنيه", "مصطفي", "منظمه"], "{forms}");
    }

    #[test]
    fn content_is_escaped_for_excerpts() {
        let r = Record::new("articles/x/", "a <b> & c", &[]);
        assert_eq!(r.content, "a &lt;b&gt; &amp; c");
        assert_eq!(r.url, "/articles/x/");
    }
}
