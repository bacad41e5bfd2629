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
}

pub const PEOPLE_FILE: &str = "people.yaml";

/// Read and check the people file; a missing file is an empty list.
pub fn load(root: &Path) -> Result<Vec<Person>, Vec<ContentError>> {
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
            }
        }
    }
    if errors.is_empty() {
        Ok(people)
    } else {
        Err(errors)
    }
}
