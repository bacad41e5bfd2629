//! `site.yaml`: the site-wide settings every page and every build step reads.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ContentError;

pub const CONFIG_FILE: &str = "site.yaml";

/// The contents of `site.yaml`. Unknown keys are errors, so a typo never passes silently.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Where each key is written in site.yaml, for messages found after loading.
    #[serde(skip)]
    pub lines: crate::yaml::KeyLines,
    /// Site title, shown in the header and in `<title>`.
    pub title: String,
    /// One-sentence description for meta tags and the feed.
    pub description: String,
    /// Absolute URL the site is served from, e.g. `https://user.github.io/repo/`.
    pub base_url: String,
    /// Language tag of the content; `ar` for this dossier.
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Minify HTML output with minify-html.
    #[serde(default = "default_true")]
    pub minify: bool,
    /// Author credited in the feed and in JSON-LD.
    pub author: String,
    /// Publisher credited in JSON-LD.
    pub publisher: String,
    /// Number of entries in feed.xml.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Slides in data/timeline.json: curated events, then those reported by most sources,
    /// in date order (`0`: every event). TimelineJS builds every slide when it loads, so a
    /// timeline of a large archive's tens of thousands of events would not open.
    #[serde(default = "default_timeline_limit")]
    pub timeline_limit: usize,
    /// Number of latest articles on the home page.
    #[serde(default = "default_home_articles")]
    pub home_articles: usize,
    /// How many articles and events a list page shows before it goes on to `page/2/`.
    #[serde(default)]
    pub paginate_by: PaginateBy,
    /// Names of enrichers to switch off (see README).
    #[serde(default)]
    pub disabled_enrichers: Vec<String>,
    /// Write the search index and the /search/ page (default `true`).
    #[serde(default = "default_true")]
    pub search: bool,
    /// Pages per search-index bundle (default: every page in one bundle). A site with more
    /// gets several bundles, merged by the search page. The index writer's memory is bounded
    /// by its postings whatever the bundle size, so one bundle (fewer downloads per query)
    /// is right unless a host limits the number of files in a folder.
    #[serde(default = "default_search_bundle_pages")]
    pub search_bundle_pages: usize,
    /// Keep `<img>` from other hosts in entries (default `false`: a remote image tells its
    /// host who reads which page).
    #[serde(default)]
    pub remote_images: bool,
}

/// Items per page of the lists that grow with the corpus: a state's, topic's and year's
/// articles and events, the chronology and the articles index. `0` keeps a list on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PaginateBy {
    #[serde(default = "default_articles_per_page")]
    pub articles: usize,
    #[serde(default = "default_events_per_page")]
    pub events: usize,
}

impl Default for PaginateBy {
    fn default() -> Self {
        PaginateBy {
            articles: default_articles_per_page(),
            events: default_events_per_page(),
        }
    }
}

fn default_articles_per_page() -> usize {
    50
}
fn default_events_per_page() -> usize {
    100
}

fn default_language() -> String {
    "ar".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_true() -> bool {
    true
}
fn default_feed_limit() -> usize {
    20
}
fn default_timeline_limit() -> usize {
    1000
}
fn default_home_articles() -> usize {
    6
}
fn default_search_bundle_pages() -> usize {
    usize::MAX
}

impl SiteConfig {
    /// Read and check `site.yaml` in `root`.
    pub fn load(root: &Path) -> Result<SiteConfig, ContentError> {
        // Errors name the file as the user sees it from the site root.
        let path = Path::new(CONFIG_FILE);
        let text = crate::source::read_to_string(root, &root.join(path)).map_err(|e| {
            ContentError::new(path, 1, 1, format!("cannot read site configuration: {e}"))
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut config: SiteConfig = crate::yaml::parse(path, text, 1)?;
        config.lines = crate::yaml::KeyLines::of(text, 1);
        config.check(path, text)?;
        Ok(config)
    }

    fn check(&mut self, path: &Path, text: &str) -> Result<(), ContentError> {
        let at = |key: &str, msg: String| {
            ContentError::new(path, crate::yaml::key_line(text, key, 1), 1, msg).field(key)
        };
        if self.title.trim().is_empty() {
            return Err(at("title", "the site title is empty".into()));
        }
        self.set_base_url(&self.base_url.clone())
            .map_err(|m| at("base_url", m))?;
        if self.theme.contains(['/', '\\']) || self.theme.starts_with('.') {
            return Err(at(
                "theme",
                format!("`{}` is not a theme folder name", self.theme),
            ));
        }
        Ok(())
    }

    /// Replace the base URL (from `--base-url`), normalised to end with `/`. It is written
    /// into every page, link, feed and redirect as it stands, so it must be a plain
    /// `http(s)://host[:port]/path/`: nothing a browser would read differently.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let url = url.trim();
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            return Err(format!(
                "base URL `{url}` must start with http:// or https://"
            ));
        }
        let parsed = crate::http_url::parse(url).map_err(|why| format!("base URL {why}"))?;
        let after_scheme = url.split_once("://").map_or("", |(_, rest)| rest);
        if after_scheme.is_empty() || after_scheme.starts_with('/') {
            return Err(format!("base URL `{url}` has no host"));
        }
        let problem = base_url_problem(url, after_scheme, &parsed);
        if let Some(problem) = problem {
            return Err(format!(
                "base URL `{url}` {problem}: write it as http(s)://host[:port]/path/"
            ));
        }
        self.base_url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        Ok(())
    }

    pub fn enricher_enabled(&self, name: &str) -> bool {
        !self.disabled_enrichers.iter().any(|n| n == name)
    }
}

/// What keeps a URL that parsed as http(s) from serving as the base URL, if anything.
fn base_url_problem(url: &str, after_scheme: &str, parsed: &url::Url) -> Option<&'static str> {
    let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    if url.contains('?') {
        return Some("has a query (`?…`)");
    }
    if url.contains('#') {
        return Some("has a fragment (`#…`)");
    }
    if url.contains('\'') {
        return Some("holds `'`");
    }
    if authority.contains('@') {
        return Some("holds a user name (`…@`)");
    }
    if let Some(url::Host::Domain(host)) = parsed.host() {
        let label_ok = |l: &str| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if !host.split('.').all(label_ok) {
            return Some("has no valid host name");
        }
    }
    if parsed.port() == Some(0) || authority.ends_with(':') {
        return Some("has no valid port (1 to 65535)");
    }
    let dot_segment = |s: &str| {
        matches!(
            s.to_ascii_lowercase().replace("%2e", ".").as_str(),
            "." | ".."
        )
    };
    // The base path starts every redirect `serve` sends; `//x/` there is another host.
    if after_scheme[authority.len()..].contains("//") {
        return Some("holds an empty segment (`//`)");
    }
    if after_scheme.split('/').skip(1).any(dot_segment) {
        return Some("holds a `.` or `..` segment");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(url: &str) -> SiteConfig {
        let mut c: SiteConfig = serde_yaml::from_str(
            "title: t\ndescription: d\nbase_url: https://x.org/\nauthor: a\npublisher: p\n",
        )
        .expect("valid test yaml");
        c.set_base_url(url).expect("valid url");
        c
    }

    #[test]
    fn base_path_of_root_and_subpath() {
        assert_eq!(
            crate::site::Routes::new(&cfg("https://x.org")).base_path(),
            "/"
        );
        assert_eq!(
            crate::site::Routes::new(&cfg("https://u.github.io/repo")).base_path(),
            "/repo/"
        );
        assert_eq!(
            cfg("https://u.github.io/repo/").base_url,
            "https://u.github.io/repo/"
        );
    }

    #[test]
    fn rejects_relative_base_url() {
        let mut c = cfg("https://x.org/");
        assert!(c.set_base_url("/repo/").is_err());
        assert!(c.set_base_url("https:///x").is_err());
    }

    #[test]
    fn base_url_is_a_plain_address_or_refused() {
        let mut c = cfg("https://x.org/");
        for ok in [
            "https://user.github.io/csto-dossier/",
            "http://127.0.0.1:8080",
            "https://x.org:443/a/b",
            "https://[::1]:1111/",
        ] {
            assert!(c.set_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "https://x.org/?a=1",
            "https://x.org/#top",
            "https://x.org/\"><script>alert(1)</script>",
            "https://x.org:99999/",
            "https://x.org:0/",
            "https://x.org:/",
            "https://x.org/../../",
            "https://x.org/a/%2e%2e/",
            "https://x.org/./",
            "https://x.org//evil.example/",
            "https://x.org\\evil/",
            "https://x.org/<!--/",
            "https://x.org/\u{202E}/",
            "https://x.org/it's/",
            "https://user:pw@x.org/",
            "https://exa mple.org/",
            "https://x..org/",
            "javascript:alert(1)//",
            "ftp://x.org/",
        ] {
            assert!(c.set_base_url(bad).is_err(), "{bad}");
        }
    }
}
