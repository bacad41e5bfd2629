//! Addresses written in `site.yaml`, front matter and data files that end up in a page: a
//! source link a reader follows, or the base URL every link is built from.
//!
//! Only `http` and `https` are let through: `javascript:`, `data:` and `vbscript:` links run
//! script when followed, in whatever case or disguise they are written. Browsers drop
//! whitespace, control characters and backslashes from a URL before reading it, so a value
//! holding any of them (or a bidi control, which makes it read differently from how it
//! works) is refused rather than cleaned.

use url::Url;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `raw` parsed as an absolute `http(s)` URL with a host, or why it is not one.
pub fn parse(raw: &str) -> Result<Url, String> {
    if let Some(c) = raw
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || is_bidi_control(c))
    {
        return Err(format!(
            "`{}` holds {}: write the URL without it (spaces as %20)",
            raw.escape_debug(),
            c.escape_unicode()
        ));
    }
    if let Some(c) = raw.chars().find(|&c| matches!(c, '<' | '>' | '"' | '\\')) {
        return Err(format!("`{raw}` holds `{c}`, which no URL needs"));
    }
    let url = Url::parse(raw).map_err(|e| format!("`{raw}` is not an http(s) URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "`{raw}` is not an http(s) URL: only http:// and https:// links are published"
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{raw}` has no host"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_with_a_host_pass() {
        for ok in [
            "https://tass.ru/politika/14638991",
            "http://example.org",
            "HTTPS://Example.org/a?b=c#d",
            "https://ar.wikipedia.org/wiki/منظمة_معاهدة_الأمن_الجماعي",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(document.domain)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "&#106;avascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example/x",
            "/articles/x/",
            "https://",
            "https:\\\\evil.example",
            "https://example.org/\u{202E}gpj.exe",
            "https://example.org:99999/",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
