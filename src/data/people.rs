//! `content/data/people.yaml`: the people the `people` enricher recognises and hand-set
//! `people:` slugs are checked against.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ContentError;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub slug: String,
    /// The name as the dossier displays it; also matched in articles.
    pub name_ar: String,
    /// Other spellings of the full name. A one-word variant is a surname that may be matched
    /// alone; the last word of every longer name is offered alone too unless another person
    /// shares it.
    #[serde(default)]
    pub variants: Vec<String>,
    pub name_en: String,
    /// What the person is (was) in the dossier's story, in Arabic.
    pub role_ar: String,
    /// Slugs of the states the person is linked to.
    #[serde(default)]
    pub states: Vec<String>,
    /// The offices the person held, with their periods when known, oldest first.
    #[serde(default)]
    pub roles: Vec<Role>,
}

/// An office a person held: its title in Arabic, and its period and state when known.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub from: Option<String>,
    /// The same forms; none while the office is held.
    #[serde(default)]
    pub to: Option<String>,
    /// The slug of the state the office is of, from states.yaml.
    #[serde(default)]
    pub state: Option<String>,
}

pub const PEOPLE_FILE: &str = "people.yaml";

/// Read and check the people file against the states of states.yaml (`state_slugs`); a
/// missing file is an empty list.
pub fn load(root: &Path, state_slugs: &[String]) -> Result<Vec<Person>, Vec<ContentError>> {
    let Some((people, df)) =
        super::read_yaml::<Vec<Person>>(root, PEOPLE_FILE).map_err(|e| vec![e])?
    else {
        return Ok(Vec::new());
    };
    let mut errors = df.check_slugs("person", people.iter().map(|x| x.slug.as_str()));
    for p in &people {
        let err = |field: &str, msg: String| df.at(&p.slug, field, msg);
        if crate::arabic::tokenize(&p.name_ar).is_empty() {
            errors.push(err("name_ar", format!("person `{}` has no name", p.slug)));
        }
        for v in &p.variants {
            if crate::arabic::tokenize(v).is_empty() {
                errors.push(err(
                    "variants",
                    format!("person `{}` has an empty variant", p.slug),
                ));
            }
        }
        for s in &p.states {
            if let Err(why) = crate::content::check_slug(s) {
                errors.push(err("states", format!("person `{}`: `{s}` {why}", p.slug)));
            } else if !state_slugs.contains(s) {
                errors.push(df.after(
                    &p.slug,
                    s,
                    "states",
                    format!(
                        "person `{}`: unknown state `{s}`: not in content/data/states.yaml",
                        p.slug
                    ),
                ));
            }
        }
        errors.extend(check_roles(p, state_slugs, &df));
    }
    if errors.is_empty() {
        Ok(people)
    } else {
        Err(errors)
    }
}

/// A person's `roles`: a title, dates that read, a period that does not end before it
/// starts, a state that states.yaml has; each error at the line of the value it is about.
fn check_roles(p: &Person, state_slugs: &[String], df: &super::DataFile) -> Vec<ContentError> {
    use crate::dates::iso::{ends_before, parse_partial};
    let mut errors = Vec::new();
    let who = &p.slug;
    for r in &p.roles {
        if r.title.trim().is_empty() {
            errors.push(df.after(
                who,
                "title",
                "roles",
                format!("person `{who}`: a role has no title"),
            ));
        }
        for d in [r.from.as_ref(), r.to.as_ref()].into_iter().flatten() {
            if parse_partial(d).is_none() {
                errors.push(df.after(
                    who,
                    d,
                    "roles",
                    format!("person `{who}`: cannot read date `{d}` (YYYY, YYYY-MM or YYYY-MM-DD)"),
                ));
            }
        }
        let parsed = (
            r.from.as_deref().and_then(parse_partial),
            r.to.as_deref().and_then(parse_partial),
        );
        if let (Some(from), Some(to)) = parsed {
            if ends_before(from, to) {
                let (from, to) = (
                    r.from.as_deref().unwrap_or(""),
                    r.to.as_deref().unwrap_or(""),
                );
                errors.push(df.after(
                    who,
                    to,
                    "roles",
                    format!("person `{who}`: a role ends (`to: {to}`) before it starts (`from: {from}`)"),
                ));
            }
        }
        if let Some(s) = &r.state {
            if !state_slugs.contains(s) {
                errors.push(df.after(
                    who,
                    s,
                    "roles",
                    format!("person `{who}`: unknown state `{s}` in a role: not in content/data/states.yaml"),
                ));
            }
        }
    }
    errors
}

impl Person {
    /// The office to name beside the person: the latest role, else `role_ar`.
    pub fn role_now(&self) -> &str {
        self.roles
            .last()
            .map_or(self.role_ar.as_str(), |r| r.title.as_str())
    }
}
