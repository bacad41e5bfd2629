//! JSON written inside a `<script>` element.
//!
//! An HTML parser ends a script at `</script` and treats `<!--` followed by `<script` as an
//! escape that runs to the end of the file, whatever the JSON means; `&` matters to parsers
//! that read the page as XML. JSON allows `\uXXXX` anywhere a character of a string may
//! stand, and these characters can only stand in strings, so escaping them keeps the value.

/// `json` with `<`, `>` and `&` as `\u003c`, `\u003e` and `\u0026`.
pub fn escape(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_cannot_end_or_open_a_script_and_the_value_is_kept() {
        let value = serde_json::json!({"headline": "<!--<script> a & b </script>"});
        let escaped = escape(&value.to_string());
        assert!(!escaped.contains(['<', '>', '&']), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, value);
    }
}
