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

/// The 1-based line of `key:` at the start of a line of `text`, offset by `first_line`.
pub fn key_line(text: &str, key: &str, first_line: usize) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .map(|rest| rest.trim_start().starts_with(':'))
                .unwrap_or(false)
        })
        .map(|i| first_line + i)
        .unwrap_or(first_line)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn key_line_finds_key() {
        assert_eq!(key_line("a: 1\ntitle: x\n", "title", 2), 3);
        assert_eq!(key_line("a: 1\n", "title", 2), 2);
    }
}
