//! HTML minification with minify-html, keeping what validators and readers need.

pub fn html(input: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(input.as_bytes(), &cfg)
}
