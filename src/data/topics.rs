//! `content/data/topics.yaml`: the topics (tags) the `topics` enricher assigns, with their
//! Arabic names for tag pages.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ContentError;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub slug: String,
    pub name_ar: String,
    /// Words and phrases that signal the topic, matched on normalised words with clitics
    /// (و ف ب ل ك ال) allowed before the first word. A word ending in `*` matches any word
    /// it begins (`إرهاب*`: الإرهاب، إرهابية، الإرهابيين).
    pub keywords: Vec<String>,
    /// Keyword hits the title and body need together; [`DEFAULT_MIN_HITS`] when left out.
    /// One hit in the title is always enough.
    #[serde(default)]
    pub min_hits: Option<usize>,
}

/// One stray keyword is too weak a signal: most articles brush past several topics.
pub const DEFAULT_MIN_HITS: usize = 2;

/// A `*` prefix shorter than this would match too many unrelated words.
pub const MIN_PREFIX_CHARS: usize = 3;

impl Topic {
    pub fn min_hits(&self) -> usize {
        self.min_hits.unwrap_or(DEFAULT_MIN_HITS)
    }
}

pub const TOPICS_FILE: &str = "topics.yaml";

/// Read and check the topics file; a missing file is an empty list.
pub fn load(root: &Path) -> Result<Vec<Topic>, Vec<ContentError>> {
    let Some((topics, df)) =
        super::read_yaml::<Vec<Topic>>(root, TOPICS_FILE).map_err(|e| vec![e])?
    else {
        return Ok(Vec::new());
    };
    let mut errors = df.check_slugs("topic", topics.iter().map(|x| x.slug.as_str()));
    for t in &topics {
        let err = |field: &str, msg: String| df.at(&t.slug, field, msg);
        if t.min_hits == Some(0) {
            errors.push(err(
                "min_hits",
                format!("topic `{}`: min_hits must be at least 1", t.slug),
            ));
        }
        if t.keywords.is_empty() {
            errors.push(err(
                "keywords",
                format!("topic `{}` has no keywords", t.slug),
            ));
        }
        for k in &t.keywords {
            if let Some(why) = keyword_problem(k) {
                errors.push(err(
                    "keywords",
                    format!("topic `{}`: keyword `{k}` {why}", t.slug),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(topics)
    } else {
        Err(errors)
    }
}

/// Why a keyword cannot be used, if it cannot.
fn keyword_problem(k: &str) -> Option<String> {
    if crate::arabic::tokenize(k).is_empty() {
        return Some("has no words".into());
    }
    for word in k.split_whitespace() {
        let stem = word.strip_suffix('*').unwrap_or(word);
        if stem.contains('*') {
            return Some("may use `*` only at the end of a word".into());
        }
        if word.ends_with('*') && crate::arabic::normalize(stem).chars().count() < MIN_PREFIX_CHARS
        {
            return Some(format!(
                "has a `*` prefix shorter than {MIN_PREFIX_CHARS} letters"
            ));
        }
    }
    None
}
