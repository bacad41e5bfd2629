//! The gazetteers and curated facts under `content/data/`: states, people and topics (and,
//! later, curated events).

pub mod events;
pub mod people;
pub mod states;
pub mod topics;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::ContentError;

pub const DATA_DIR: &str = "content/data";

/// A data file as read: its path relative to the site root and its text, so checks can
/// point at the line of the entry they are about.
pub struct DataFile {
    pub path: PathBuf,
    pub text: String,
}

impl DataFile {
    /// The 1-based lines where entries `slug: <slug>` sit (block or flow style).
    fn slug_lines(&self, slug: &str) -> Vec<usize> {
        self.text
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                l.split(['{', ',', '-'])
                    .filter_map(|part| part.trim().strip_prefix("slug:"))
                    .any(|v| {
                        v.trim()
                            .trim_end_matches('}')
                            .trim()
                            .trim_matches(['"', '\''])
                            == slug
                    })
            })
            .map(|(i, _)| i + 1)
            .collect()
    }

    /// The line of the first entry with `slug`, else 1.
    pub fn slug_line(&self, slug: &str) -> usize {
        self.slug_lines(slug).first().copied().unwrap_or(1)
    }

    /// The first line containing `needle`, else 1.
    pub fn line_of(&self, needle: &str) -> usize {
        self.text
            .lines()
            .position(|l| l.contains(needle))
            .map_or(1, |i| i + 1)
    }

    /// The line of `key: value`: the first line setting `key` to text holding `value` as
    /// written (or as YAML escapes write it), else the first line setting `key`, else 1.
    pub fn field_line(&self, key: &str, value: &str) -> usize {
        let escaped = value.escape_debug().to_string();
        let setting: Vec<(usize, &str)> = self
            .text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let l = l.trim_start().trim_start_matches("- ").trim_start();
                let rest = l.strip_prefix(key)?.trim_start().strip_prefix(':')?;
                Some((i + 1, rest))
            })
            .collect();
        setting
            .iter()
            .find(|(_, rest)| rest.contains(value) || rest.contains(&escaped))
            .or(setting.first())
            .map_or(1, |(line, _)| *line)
    }

    /// An error about `needle` in the entry with `slug`: at the first line from the entry's
    /// on that holds it, else at the entry's line.
    pub fn after(&self, slug: &str, needle: &str, field: &str, message: String) -> ContentError {
        let start = self.slug_line(slug);
        let line = self
            .text
            .lines()
            .enumerate()
            .skip(start - 1)
            .find(|(_, l)| l.contains(needle))
            .map_or(start, |(i, _)| i + 1);
        ContentError::new(&self.path, line, 1, message).field(field)
    }

    /// An error about the entry with `slug`, at its line.
    pub fn at(&self, slug: &str, field: &str, message: String) -> ContentError {
        ContentError::new(&self.path, self.slug_line(slug), 1, message).field(field)
    }

    /// Every slug valid and none listed twice; `kind` names the entries in messages.
    pub fn check_slugs<'a>(
        &self,
        kind: &str,
        slugs: impl Iterator<Item = &'a str>,
    ) -> Vec<ContentError> {
        let mut errors = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for slug in slugs {
            if let Err(why) = crate::content::check_slug(slug) {
                errors.push(self.at(slug, "slug", format!("{kind} slug `{slug}` {why}")));
            }
            if !seen.insert(slug) {
                // Point at the repeat, not at the entry it repeats.
                let line = self.slug_lines(slug).last().copied().unwrap_or(1);
                let message = format!("{kind} `{slug}` is listed twice");
                errors.push(ContentError::new(&self.path, line, 1, message).field("slug"));
            }
        }
        errors
    }
}

/// Read a YAML data file relative to `root`; `None` when the file does not exist.
pub fn read_yaml<T: DeserializeOwned>(
    root: &Path,
    name: &str,
) -> Result<Option<(T, DataFile)>, ContentError> {
    let path = root.join(DATA_DIR).join(name);
    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
    let bytes = match crate::source::read(root, &path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ContentError::new(&rel, 1, 1, format!("cannot read: {e}"))),
    };
    let text = crate::content::decode(&rel, bytes)?;
    let value = crate::yaml::parse(&rel, &text, 1)?;
    Ok(Some((value, DataFile { path: rel, text })))
}

/// Everything under `content/data/`, loaded and cross-checked together.
#[derive(Debug, Default)]
pub struct Gazetteers {
    pub states: Vec<states::State>,
    pub people: Vec<people::Person>,
    pub topics: Vec<topics::Topic>,
    pub events: Vec<events::CuratedEvent>,
}

impl Gazetteers {
    /// Load every data file, collecting all their errors.
    pub fn load(root: &Path) -> Result<Gazetteers, Vec<ContentError>> {
        let mut errors = Vec::new();
        let states = take(states::load(root), &mut errors);
        let slugs: Vec<String> = states.iter().map(|s| s.slug.clone()).collect();
        let people = take(people::load(root, &slugs), &mut errors);
        let topics = take(topics::load(root), &mut errors);
        let people_slugs: Vec<String> = people.iter().map(|p| p.slug.clone()).collect();
        let events = take(events::load(root, &slugs, &people_slugs), &mut errors);
        if errors.is_empty() {
            Ok(Gazetteers {
                states,
                people,
                topics,
                events,
            })
        } else {
            Err(errors)
        }
    }
}

fn take<T>(r: Result<Vec<T>, Vec<ContentError>>, errors: &mut Vec<ContentError>) -> Vec<T> {
    r.unwrap_or_else(|mut e| {
        errors.append(&mut e);
        Vec::new()
    })
}
