//! Splitting an entry into its YAML front matter and Markdown body, and the typed front matter.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ContentError;

/// Front matter as written by hand or by `dossier import`. A field left out is `None` and
/// may be filled by an enricher; a field written by hand always wins.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// True when the importer made the title from the first sentence: an editor should replace it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_derived: bool,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub states: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photo_credits: Vec<String>,
    /// The dateline as printed on the source page, e.g. `٠٩ فبراير ٢٠٢٢`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// SHA-256 of the raw text this entry was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_sha256: Option<String>,
    /// SHA-256 of the entry as the importer wrote it; a different hash means a hand edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An entry's text split in two, with the line on which each part starts.
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Split `text` (already free of BOM and CRLF) at its `---` fences.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, ContentError> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| (text == "---").then_some(""))
        .ok_or_else(|| {
            ContentError::new(
                file,
                1,
                1,
                "an entry must start with a `---` line opening its front matter",
            )
            .field("front matter")
        })?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let yaml_lines = yaml.matches('\n').count();
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: 3 + yaml_lines,
            });
        }
        offset += line.len();
    }
    Err(ContentError::new(
        file,
        1,
        1,
        "front matter is not closed: add a `---` line after it",
    )
    .field("front matter"))
}

/// Parse the YAML part of an entry.
pub fn parse(file: &Path, split: &Split<'_>) -> Result<FrontMatter, ContentError> {
    if split.yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    crate::yaml::parse(file, split.yaml, split.yaml_line)
}
