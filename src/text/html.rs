//! Escaping text for HTML.

/// Text made safe for element content and for a quoted attribute alike; both quote marks are
/// escaped because the same value goes into `id="…"` and into headings.
pub fn escape(s: &str) -> String {
    // Every character escaped is one ASCII byte: the bytes between are copied in runs.
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&s[run..]);
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
        assert_eq!(escape("«روسيا»&"), "«روسيا»&amp;");
        assert_eq!(escape("<منظمة"), "&lt;منظمة");
        assert_eq!(escape("منظمة"), "منظمة");
        assert_eq!(
            escape_text(r#"<b>"قوات" & 'x'</b>"#),
            r#"&lt;b&gt;"قوات" &amp; 'x'&lt;/b&gt;"#
        );
    }
}
