//! HTML minification, keeping what validators and readers need.
//!
//! Pages go through minify-html-onepass, which minifies in place in one pass and is several
//! times faster than minify-html's parse-and-reserialise; it only refuses markup it cannot
//! read in one pass (an omitted opening tag, a stray closing tag, a truncated document). A
//! user's template can produce such markup, so a page it refuses goes through minify-html,
//! which reads any HTML.

pub fn html(input: &str) -> Vec<u8> {
    let mut bytes = input.as_bytes().to_vec();
    let onepass = minify_html_onepass::Cfg {
        minify_css: true,
        minify_js: false,
    };
    match minify_html_onepass::truncate(&mut bytes, &onepass) {
        Ok(()) => bytes,
        Err(_) => tolerant(input),
    }
}

fn tolerant(input: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(input.as_bytes(), &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_between_blocks_goes_and_text_stays() {
        let page = "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n  <title>ملف</title>\n</head>\n<body>\n  <main>\n    <p>نص   عربي</p>\n  </main>\n</body>\n</html>\n";
        let out = String::from_utf8(html(page)).expect("utf-8");
        assert!(out.len() < page.len(), "{out}");
        assert!(out.contains("نص عربي"), "{out}");
        assert!(!out.contains("\n  <main>"), "{out}");
        assert!(
            out.contains("dir=rtl") || out.contains("dir=\"rtl\""),
            "{out}"
        );
    }

    #[test]
    fn markup_the_one_pass_minifier_refuses_is_still_minified() {
        // A stray closing tag: the one-pass minifier stops at it; the page must not be lost.
        let page = "<!DOCTYPE html><html><body>\n  <p>أ</p></span>\n  <p>ب</p>\n</body></html>";
        let mut probe = page.as_bytes().to_vec();
        let cfg = minify_html_onepass::Cfg::default();
        assert!(minify_html_onepass::truncate(&mut probe, &cfg).is_err());
        let out = String::from_utf8(html(page)).expect("utf-8");
        assert!(out.contains('أ') && out.contains('ب'), "{out}");
        assert!(out.len() < page.len(), "{out}");
    }
}
