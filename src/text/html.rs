//! Escaping text for HTML.

/// Text made safe for element content and for a quoted attribute alike; both quote marks are
/// escaped because the same value goes into `id="…"` and into headings.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text made safe for element content only: quotes stay as they are.
pub fn escape_text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            escape_text(r#"<b>"قوات" & 'x'</b>"#),
            r#"&lt;b&gt;"قوات" &amp; 'x'&lt;/b&gt;"#
        );
    }
}
