//! The gazetteers and curated facts under `content/data/`: states, people and topics (and,
//! later, curated events).

pub mod events;
pub mod people;
pub mod states;
pub mod topics;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::ContentError;

pub const DATA_DIR: &str = "content/data";

/// Read a YAML data file relative to `root`; `None` when the file does not exist.
pub fn read_yaml<T: DeserializeOwned>(root: &Path, name: &str) -> Result<Option<T>, ContentError> {
    let path = root.join(DATA_DIR).join(name);
    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ContentError::new(&rel, 1, 1, format!("cannot read: {e}"))),
    };
    let text = crate::content::decode(&rel, bytes)?;
    crate::yaml::parse(&rel, &text, 1).map(Some)
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
        let people = take(people::load(root), &mut errors);
        let topics = take(topics::load(root), &mut errors);
        let slugs: Vec<String> = states.iter().map(|s| s.slug.clone()).collect();
        let events = take(events::load(root, &slugs), &mut errors);
        let people_file = Path::new(DATA_DIR).join(people::PEOPLE_FILE);
        for p in &people {
            for s in p.states.iter().filter(|s| !slugs.contains(s)) {
                errors.push(
                    ContentError::new(
                        &people_file,
                        1,
                        1,
                        format!(
                            "person `{}`: unknown state `{s}`: not in content/data/states.yaml",
                            p.slug
                        ),
                    )
                    .field("states"),
                );
            }
        }
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

    pub fn context(&self) -> crate::enrich::EnrichContext<'_> {
        crate::enrich::EnrichContext {
            states: &self.states,
            curated_events: &self.events,
            people: &self.people,
            topics: &self.topics,
        }
    }
}

fn take<T>(r: Result<Vec<T>, Vec<ContentError>>, errors: &mut Vec<ContentError>) -> Vec<T> {
    r.unwrap_or_else(|mut e| {
        errors.append(&mut e);
        Vec::new()
    })
}
