//! Where every page lives. One function per page kind gives its site-relative path
//! (`states/russia/`), [`output_file`] the file that path is written to, and [`Routes`] the
//! URLs made from a path with the base URL and base path, worked out once from the
//! configuration. Templates' `url` filter, the pages, the feed, the sitemap, the data files
//! and the search index all go through here, so a URL segment is spelled in one place.

use crate::config::SiteConfig;

/// The home page.
pub const HOME: &str = "";
/// The index of every article.
pub const ARTICLES: &str = "articles/";
/// The list of member states.
pub const STATES: &str = "states/";
/// The list of years.
pub const YEARS: &str = "years/";
/// The chronology, oldest first.
pub const CHRONOLOGY: &str = "chronology/";
/// The chronology, newest first.
pub const CHRONOLOGY_NEWEST: &str = "chronology/newest/";
/// The list of topics.
pub const TAGS: &str = "tags/";
/// The list of people.
pub const PEOPLE: &str = "people/";
/// The search page.
pub const SEARCH: &str = "search/";
/// The page served for a missing one (a file, not a folder: GitHub Pages looks for it there).
pub const NOT_FOUND: &str = "404.html";
/// Folder of the first bundle of the search index and of Pagefind's scripts.
pub const SEARCH_BUNDLE: &str = "pagefind";

pub fn article(slug: &str) -> String {
    format!("{ARTICLES}{slug}/")
}

pub fn state(slug: &str) -> String {
    format!("{STATES}{slug}/")
}

pub fn year(year: i32) -> String {
    format!("{YEARS}{year}/")
}

pub fn tag(slug: &str) -> String {
    format!("{TAGS}{slug}/")
}

pub fn person(slug: &str) -> String {
    format!("{PEOPLE}{slug}/")
}

pub fn chronology(newest_first: bool) -> &'static str {
    if newest_first {
        CHRONOLOGY_NEWEST
    } else {
        CHRONOLOGY
    }
}

/// An event where all its sources are listed: on its year's page, the `page`th of that
/// year's list.
pub fn event_on_year_page(year_of_event: i32, page: usize, id: &str) -> String {
    format!("{}#{id}", paged(&year(year_of_event), page))
}

/// Page `n` (from 1) of a list page at `path`: the path itself, then `path/page/2/`… as Hugo
/// and Zola spell it.
pub fn paged(path: &str, n: usize) -> String {
    if n <= 1 {
        path.to_string()
    } else {
        format!("{path}page/{n}/")
    }
}

/// How a list is cut into pages: so many items a page, `0` for all on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging(pub usize);

impl Paging {
    /// Pages a list of `len` items takes: at least one, where an empty list says so.
    pub fn pages(self, len: usize) -> usize {
        match self.0 {
            0 => 1,
            per => len.div_ceil(per).max(1),
        }
    }

    /// The page (from 1) the item at `position` (from 0) is on.
    pub fn page_of(self, position: usize) -> usize {
        match self.0 {
            0 => 1,
            per => position / per + 1,
        }
    }

    /// The items on page `n` (from 1): empty past the list's end.
    pub fn slice<T>(self, items: &[T], n: usize) -> &[T] {
        if self.0 == 0 {
            return if n <= 1 { items } else { &[] };
        }
        let start = n.saturating_sub(1).saturating_mul(self.0).min(items.len());
        let end = start.saturating_add(self.0).min(items.len());
        &items[start..end]
    }
}

/// The output folder of search bundle `k` (from 0): `pagefind/`, then `pagefind-2/`…
pub fn search_bundle(k: usize) -> String {
    if k == 0 {
        SEARCH_BUNDLE.to_string()
    } else {
        format!("{SEARCH_BUNDLE}-{}", k + 1)
    }
}

/// The file a page path is written to: a folder's `index.html`, or the path itself.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The page path a written file serves, as the sitemap lists it: `articles/x/index.html` →
/// `articles/x/`.
pub fn page_of_file(file: &str) -> &str {
    file.strip_suffix("index.html").unwrap_or(file)
}

/// The site's addresses: its base URL (`https://user.github.io/repo/`) and base path
/// (`/repo/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routes {
    base_url: String,
    base_path: String,
}

impl Routes {
    pub fn new(config: &SiteConfig) -> Routes {
        Routes::from_base_url(&config.base_url)
    }

    /// Routes for a base URL ending with `/`, as [`SiteConfig`] keeps it.
    pub fn from_base_url(base_url: &str) -> Routes {
        let rest = base_url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(base_url);
        let base_path = match rest.find('/') {
            Some(i) => rest[i..].to_string(),
            None => "/".to_string(),
        };
        Routes {
            base_url: base_url.to_string(),
            base_path,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The path part of the base URL, always starting and ending with `/`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// A site-relative path as a link from the site's own pages: `states/` → `/repo/states/`.
    /// A full http(s) URL stays as it is.
    pub fn url(&self, path: &str) -> String {
        self.join(&self.base_path, path)
    }

    /// A site-relative path as an absolute URL, for feeds, sitemaps and canonical links.
    pub fn absolute(&self, path: &str) -> String {
        self.join(&self.base_url, path)
    }

    fn join(&self, base: &str, path: &str) -> String {
        let path = path.trim_start_matches('/');
        if path.starts_with("http://") || path.starts_with("https://") {
            return path.to_string();
        }
        format!("{base}{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_base_path() {
        let r = Routes::from_base_url("https://u.github.io/r/");
        assert_eq!(r.base_path(), "/r/");
        assert_eq!(r.url(STATES), "/r/states/");
        assert_eq!(r.absolute("/feed.xml"), "https://u.github.io/r/feed.xml");
        assert_eq!(r.url("https://x.org/a"), "https://x.org/a");
        let root = Routes::from_base_url("https://x.org/");
        assert_eq!(root.base_path(), "/");
        assert_eq!(root.url(HOME), "/");
    }

    #[test]
    fn lists_are_cut_into_pages() {
        let items: Vec<usize> = (0..101).collect();
        let p = Paging(50);
        assert_eq!(
            (p.pages(0), p.pages(50), p.pages(51), p.pages(101)),
            (1, 1, 2, 3)
        );
        assert_eq!(p.slice(&items, 1), &items[..50]);
        assert_eq!(p.slice(&items, 3), &[100]);
        assert!(p.slice(&items, 4).is_empty());
        assert_eq!((p.page_of(0), p.page_of(49), p.page_of(50)), (1, 1, 2));
        let all = Paging(0);
        assert_eq!((all.pages(10_000), all.page_of(9_999)), (1, 1));
        assert_eq!(all.slice(&items, 1).len(), 101);
        assert!(all.slice(&items, 2).is_empty());
    }

    #[test]
    fn pages_are_written_as_folders_but_the_404() {
        assert_eq!(output_file(HOME), "index.html");
        assert_eq!(output_file(&state("russia")), "states/russia/index.html");
        assert_eq!(output_file(NOT_FOUND), "404.html");
        assert_eq!(page_of_file("states/russia/index.html"), "states/russia/");
        assert_eq!(event_on_year_page(1992, 1, "e-1"), "years/1992/#e-1");
        assert_eq!(event_on_year_page(1992, 3, "e-1"), "years/1992/page/3/#e-1");
        assert_eq!(paged(&state("russia"), 2), "states/russia/page/2/");
        assert_eq!(
            paged(&person("stanislav-zas"), 2),
            "people/stanislav-zas/page/2/"
        );
        assert_eq!(
            output_file(&paged(CHRONOLOGY, 4)),
            "chronology/page/4/index.html"
        );
        assert_eq!(search_bundle(0), "pagefind");
        assert_eq!(search_bundle(2), "pagefind-3");
    }
}
