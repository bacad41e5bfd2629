//! The dossier as data: `data/articles.json`, `data/events.json`, `data/people.json` and
//! `data/events.csv`
//! (UTF-8 with a byte-order mark, so spreadsheet programs read the Arabic correctly).

use std::io::{self, Write};

use serde::Serialize;

use crate::dossier::Dossier;
use crate::model::{Event, EventSource};

#[derive(Serialize)]
struct ArticleRecord<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    title_derived: bool,
    date: Option<&'a str>,
    source: Option<&'a str>,
    source_url: Option<&'a str>,
    states: &'a [String],
    state_mentions: &'a crate::content::mentions::Mentions,
    people: &'a [String],
    person_mentions: &'a crate::content::mentions::Mentions,
    tags: &'a [String],
    summary: &'a str,
    word_count: usize,
    reading_minutes: usize,
    events: &'a [String],
    related: &'a [String],
    source_sha256: Option<&'a str>,
}

/// An article that reports an event, by reference: its `url` is in `articles.json`, and the
/// anchor names the paragraph. An event retold by many articles would otherwise repeat a full
/// address per article.
#[derive(Serialize)]
struct SourceRecord<'a> {
    slug: &'a str,
    anchor: &'a str,
}

#[derive(Serialize)]
struct EventRecord<'a> {
    id: &'a str,
    date: &'a str,
    precision: crate::dates::Precision,
    end: Option<&'a str>,
    part: Option<crate::dates::YearPart>,
    text: &'a str,
    states: &'a [String],
    people: &'a [String],
    sources: Each<'a, EventSource, fn(&EventSource) -> SourceRecord<'_>>,
    curated: bool,
    source_url: Option<&'a str>,
}

/// A list serialised one item at a time as it is written: gathering the records of a
/// large dossier first held every event's sources twice over (the JSON and CSV files are
/// written side by side).
struct Each<'a, T, F>(&'a [T], F);

impl<'a, T, R: Serialize, F: Fn(&'a T) -> R> Serialize for Each<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

fn article_record<'a>(d: &'a Dossier, a: &'a crate::content::Article) -> ArticleRecord<'a> {
    ArticleRecord {
        slug: &a.slug,
        url: d.routes.absolute(&a.path),
        title: &a.title,
        title_derived: a.title_derived,
        date: a.date.as_deref(),
        source: a.source.as_deref(),
        source_url: a.source_url.as_deref(),
        states: &a.states,
        state_mentions: &a.state_mentions,
        people: &a.people,
        person_mentions: &a.person_mentions,
        tags: &a.tags,
        summary: &a.summary,
        word_count: a.word_count,
        reading_minutes: a.reading_minutes,
        events: &a.events,
        related: &a.related,
        source_sha256: a.source_sha256.as_deref(),
    }
}

pub fn articles_json(d: &Dossier, w: &mut dyn Write) -> io::Result<()> {
    to_json(w, &Each(&d.articles, |a| article_record(d, a)))
}

fn source_record(s: &EventSource) -> SourceRecord<'_> {
    SourceRecord {
        slug: &s.slug,
        anchor: &s.anchor,
    }
}

fn event_record(e: &Event) -> EventRecord<'_> {
    EventRecord {
        id: &e.id,
        date: &e.date,
        precision: e.precision,
        end: e.end.as_deref(),
        part: e.part,
        text: &e.text,
        states: &e.states,
        people: &e.people,
        sources: Each(&e.sources, source_record),
        curated: e.curated,
        source_url: e.source_url.as_deref(),
    }
}

#[derive(Serialize)]
struct PersonRecord<'a> {
    slug: &'a str,
    url: String,
    name_ar: &'a str,
    name_en: &'a str,
    role_ar: &'a str,
    roles: &'a [crate::data::people::Role],
    states: &'a [String],
    /// Slugs, most mentions first.
    articles: &'a [String],
    /// Ids, newest first.
    events: &'a [String],
}

/// Every person with a page: `[{slug, url, name_ar, name_en, role_ar, roles, states,
/// articles, events}]`.
pub fn people_json(d: &Dossier, w: &mut dyn Write) -> io::Result<()> {
    let records: Vec<PersonRecord> = d
        .persons
        .iter()
        .map(|v| PersonRecord {
            slug: &v.person.slug,
            url: d.routes.absolute(&v.path),
            name_ar: &v.person.name_ar,
            name_en: &v.person.name_en,
            role_ar: &v.person.role_ar,
            roles: &v.person.roles,
            states: &v.person.states,
            articles: &v.articles,
            events: &v.events,
        })
        .collect();
    to_json(w, &records)
}

pub fn events_json(d: &Dossier, w: &mut dyn Write) -> io::Result<()> {
    to_json(w, &Each(&d.events, event_record))
}

/// Compact JSON and a final newline, written as it is serialised: indentation alone was a
/// fifth of the exports' bytes on a large dossier, and a reader of the data parses it anyway.
pub fn to_json<T: Serialize + ?Sized>(w: &mut dyn Write, v: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, v)?;
    w.write_all(b"\n")
}

/// RFC 4180 CSV with a BOM; lists are joined with `|`, a source as `slug#anchor` (its
/// article's address is in `articles.json`).
pub fn events_csv(d: &Dossier, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}id,date,precision,end,text,states,people,sources\r\n".as_bytes())?;
    for e in d.events.iter().map(event_record) {
        let precision = serde_json::to_value(e.precision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let sources: Vec<String> = e
            .sources
            .0
            .iter()
            .map(|s| format!("{}#{}", s.slug, s.anchor))
            .collect();
        let fields = [
            e.id.to_string(),
            e.date.to_string(),
            precision,
            e.end.unwrap_or("").to_string(),
            e.text.to_string(),
            e.states.join("|"),
            e.people.join("|"),
            sources.join("|"),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.write_all(line.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
