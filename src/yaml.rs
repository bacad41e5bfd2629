//! YAML parsing that turns a parse error into a [`ContentError`] at the right place.
//!
//! Front matter starts a line or two into its file, so callers pass the line on which the
//! YAML text begins and the reported line is the line in the file, not in the snippet.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::ContentError;

/// Parse `text` as YAML, reporting errors against `file` with the YAML starting at `first_line`.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, ContentError> {
    serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let full = e.to_string();
        let message = match full.find(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let field = field_in_message(&message);
        let repeat = field
            .as_deref()
            .filter(|_| message.contains("duplicate"))
            .and_then(|key| repeat_line(text, key, line));
        let (line, col) = repeat.map_or((line, col), |l| (l, 1));
        let err = ContentError::new(file, first_line + line.saturating_sub(1), col, message);
        match field {
            Some(f) => err.field(f),
            None => err,
        }
    })
}

/// The field a serde message is about, when it names one (`unknown field `x``, `missing field `x``).
fn field_in_message(message: &str) -> Option<String> {
    let after = message
        .split_once("field `")
        .map(|(_, rest)| rest)
        .or_else(|| message.split_once(": invalid").map(|(head, _)| head))?;
    let name = after.split('`').next()?.trim();
    if name.is_empty() || name.contains(' ') {
        None
    } else {
        Some(name.to_string())
    }
}

/// The line of each top-level key of a YAML mapping, taken when the text is read, so a
/// problem found later (an unknown state, a derived title) is reported where its key is
/// without reading the file again.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyLines {
    lines: std::collections::BTreeMap<String, usize>,
    first_line: usize,
}

impl KeyLines {
    /// The keys that start a line of `text`, which begins on line `first_line` of its file.
    pub fn of(text: &str, first_line: usize) -> KeyLines {
        let mut lines = std::collections::BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with([' ', '\t', '-', '#']) {
                continue;
            }
            if let Some((key, _)) = line.split_once(':') {
                let key = key.trim();
                if !key.is_empty() && !key.contains(' ') {
                    lines.entry(key.to_string()).or_insert(first_line + i);
                }
            }
        }
        KeyLines { lines, first_line }
    }

    /// The line of `key`, or the mapping's first line when the key is not written.
    pub fn of_key(&self, key: &str) -> usize {
        self.lines.get(key).copied().unwrap_or(self.first_line)
    }
}

/// The 1-based line of `key:` at the start of a line of `text`, offset by `first_line`.
pub fn key_line(text: &str, key: &str, first_line: usize) -> usize {
    find_key_line(text, key, first_line).unwrap_or(first_line)
}

/// [`key_line`], or `None` when no line starts with `key:`.
pub fn find_key_line(text: &str, key: &str, first_line: usize) -> Option<usize> {
    text.lines()
        .position(|l| sets_key(l, key))
        .map(|i| first_line + i)
}

fn sets_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// For a key set twice in one mapping, the 1-based line (in `text`) of the second time:
/// the parser reports the mapping, from `from_line` on, and the repeat is what to fix. The
/// key is matched at the indentation of its first setting after `from_line`, in block or
/// `- ` list-item style.
fn repeat_line(text: &str, key: &str, from_line: usize) -> Option<usize> {
    let key_column = |l: &str| {
        let indent = l.len() - l.trim_start().len();
        let rest = l.trim_start();
        let (indent, rest) = match rest.strip_prefix("- ") {
            Some(r) => (
                indent + 2 + (r.len() - r.trim_start().len()),
                r.trim_start(),
            ),
            None => (indent, rest),
        };
        sets_key(rest, key).then_some(indent)
    };
    let mut lines = text
        .lines()
        .enumerate()
        .skip(from_line.saturating_sub(1))
        .filter_map(|(i, l)| key_column(l).map(|c| (i + 1, c)));
    let (_, column) = lines.next()?;
    lines.find(|(_, c)| *c == column).map(|(line, _)| line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_the_lines_in_the_file() {
        let yaml =
            "title: t\nstates:\n  - russia\n# note: x\nsummary: |\n  a: b\ndate: 2022-01-01\n";
        let lines = KeyLines::of(yaml, 2);
        assert_eq!(lines.of_key("title"), 2);
        assert_eq!(lines.of_key("states"), 3);
        assert_eq!(lines.of_key("summary"), 6);
        assert_eq!(lines.of_key("date"), 8);
        // Not keys: list items, comments, a block scalar's text.
        assert_eq!(lines.of_key("note"), 2);
        assert_eq!(lines.of_key("a"), 2);
        assert_eq!(lines.of_key("people"), 2);
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: String,
    }

    #[test]
    fn unknown_field_names_line_and_field() {
        let err = parse::<T>(Path::new("x.md"), "a: b\nzz: 1\n", 2).unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(err.field.as_deref(), Some("zz"));
        assert!(err.message.contains("unknown field"), "{}", err.message);
    }

    #[test]
    fn a_repeated_key_is_reported_where_it_repeats() {
        let err = parse::<T>(Path::new("x.md"), "a: b\n\na: d\n", 2).unwrap_err();
        assert_eq!((err.line, err.col), (4, 1), "{err}");
        assert_eq!(err.field.as_deref(), Some("a"));
        let list = "- slug: x\n  name: a\n  inner:\n    name: z\n  name: b\n- slug: y\n";
        assert_eq!(repeat_line(list, "name", 1), Some(5));
        assert_eq!(repeat_line("- slug: x\n  slug: y\n", "slug", 1), Some(2));
    }

    #[test]
    fn key_line_finds_key() {
        assert_eq!(key_line("a: 1\ntitle: x\n", "title", 2), 3);
        assert_eq!(key_line("a: 1\n", "title", 2), 2);
    }
}
