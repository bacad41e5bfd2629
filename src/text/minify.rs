//! HTML minification with minify-html, keeping what validators and readers need.

fn cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    }
}

pub fn html(input: &str) -> Vec<u8> {
    html_bytes(input.as_bytes())
}

/// [`html`] of a page held as bytes.
pub fn html_bytes(input: &[u8]) -> Vec<u8> {
    minify_html::minify(input, &cfg())
}

/// A Tera template minified as HTML once, so the pages it renders need no minifying; `None`
/// when the minifier cannot be trusted with it. It keeps `{{ }}`, `{% %}` and `{# #}` as
/// text, but it sorts a start tag's attributes and unquotes values without spaces, so a
/// template that puts Tera syntax inside a start tag other than in a quoted value with
/// spaces (`{% if %} aria-current="page"{% endif %}`, `class="{{x}}"`) is left whole.
pub fn template(input: &str) -> Option<String> {
    if !tags_hold_no_syntax(input) {
        return None;
    }
    let cfg = minify_html::Cfg {
        preserve_brace_template_syntax: true,
        ..cfg()
    };
    String::from_utf8(minify_html::minify(input.as_bytes(), &cfg)).ok()
}

/// Whether every start tag of `s` holds Tera syntax only inside quoted values that also
/// hold whitespace, and none that holds the value's own quote.
fn tags_hold_no_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'<' && b[i + 1].is_ascii_alphabetic() {
            let mut k = i + 1;
            let mut quote: Option<(u8, usize)> = None;
            while k < b.len() {
                let c = b[k];
                match quote {
                    Some((q, from)) if c == q => {
                        let value = &s[from..k];
                        if value.contains('{') && !value.contains(char::is_whitespace) {
                            return false;
                        }
                        quote = None;
                    }
                    Some((q, _)) => {
                        if let Some(close) = tera_close(b, k) {
                            // A Tera construct in the value holding the value's own quote
                            // would end the value for the minifier.
                            let Some(len) = s[k + 2..].find(close) else {
                                return false;
                            };
                            if b[k + 2..k + 2 + len].contains(&q) {
                                return false;
                            }
                            k += 1 + len + close.len();
                        }
                    }
                    None if c == b'"' || c == b'\'' => quote = Some((c, k + 1)),
                    None if c == b'>' => break,
                    None if tera_close(b, k).is_some() => return false,
                    None => {}
                }
                k += 1;
            }
            i = k;
        }
        i += 1;
    }
    true
}

/// The closing delimiter of the Tera construct opening at `b[k]`, if one does.
fn tera_close(b: &[u8], k: usize) -> Option<&'static str> {
    if b[k] != b'{' {
        return None;
    }
    match b.get(k + 1) {
        Some(b'{') => Some("}}"),
        Some(b'%') => Some("%}"),
        Some(b'#') => Some("#}"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_stay_apart_and_text_stays_whole() {
        // A quoted value followed straight by the next attribute is a parse error the Nu Html
        // Checker reports; a faster one-pass minifier was turned down for writing exactly that.
        let page = "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n  <title>ملف</title>\n  <link rel=\"alternate\" title=\"ملف منظمة\" href=\"/feed.xml\">\n</head>\n<body>\n  <ol>\n    <li class=\"event precision-day\" id=\"e1\"><p>نص   عربي</p></li>\n  </ol>\n</body>\n</html>\n";
        let out = String::from_utf8(html(page)).expect("utf-8");
        assert!(out.len() < page.len(), "{out}");
        assert!(out.contains("title=\"ملف منظمة\" href"), "{out}");
        assert!(out.contains("class=\"event precision-day\" id"), "{out}");
        assert!(out.contains("نص عربي"), "{out}");
        assert!(out.contains("</li>"), "{out}");
    }

    #[test]
    fn a_template_minifies_once_unless_tera_sits_where_the_minifier_would_move_it() {
        let ok = "<ul class=\"chips\">\n  {% for s in states %}\n    <li><a href=\"{{ s.path }}\" title=\"{{ s.name }}\">{{ s.name }}</a></li>\n  {% endfor %}\n</ul>\n";
        let small = template(ok).expect("minifiable");
        assert!(small.len() < ok.len(), "{small}");
        assert!(small.contains("href=\"{{ s.path }}\""), "{small}");
        assert!(small.contains("{% for s in states %}"), "{small}");
        for moved in [
            // A statement among the attributes: the minifier sorts them.
            "<a href=\"{{ p }}\"{% if here %} aria-current=\"page\"{% endif %}>x</a>",
            // An expression as a bare attribute.
            "<div {{ attrs }}>x</div>",
            // A value without spaces would lose its quotes.
            "<p class=\"{{x}}\">x</p>",
            // The value's own quote inside a construct would end the value.
            "<a title=\"{% if (n ~ \"\") in said %}{{ said }}{% endif %}\">x</a>",
        ] {
            assert_eq!(template(moved), None, "{moved}");
        }
    }
}
