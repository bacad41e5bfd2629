//! `sitemap.xml` (sitemaps.org schema) and `robots.txt` pointing at it. A sitemap holds at
//! most 50,000 URLs; a larger site gets `sitemap.xml` as a sitemap index over
//! `sitemap-1.xml`, `sitemap-2.xml`, … of that many URLs each.

use std::collections::HashMap;

use crate::dossier::Dossier;
use crate::output::xml_escape as esc;

/// The most URLs the protocol allows in one sitemap file.
pub const MAX_URLS: usize = 50_000;

/// The sitemap files for these pages: `(file name, the pages it lists)`, with `None` for
/// the index when the pages do not fit one file.
pub fn files(paths: &[String], max_urls: usize) -> Vec<(String, Option<&[String]>)> {
    let max_urls = max_urls.max(1);
    if paths.len() <= max_urls {
        return vec![("sitemap.xml".to_string(), Some(paths))];
    }
    let mut out = vec![("sitemap.xml".to_string(), None)];
    out.extend(
        paths
            .chunks(max_urls)
            .enumerate()
            .map(|(k, chunk)| (format!("sitemap-{}.xml", k + 1), Some(chunk))),
    );
    out
}

/// `paths` are the site-relative paths of the HTML pages (`articles/x/`), 404 excluded.
pub fn sitemap(d: &Dossier, paths: &[String]) -> String {
    let dates: HashMap<&str, &str> = d
        .articles
        .iter()
        .filter_map(|a| Some((a.path.as_str(), a.date.as_deref()?)))
        .collect();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        x.push_str("  <url><loc>");
        x.push_str(&esc(&d.routes.absolute(p)));
        x.push_str("</loc>");
        if let Some(date) = dates.get(p.as_str()) {
            x.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// A sitemap index over the part files `names`.
pub fn index(d: &Dossier, names: &[String]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for name in names {
        x.push_str("  <sitemap><loc>");
        x.push_str(&esc(&d.routes.absolute(name)));
        x.push_str("</loc></sitemap>\n");
    }
    x.push_str("</sitemapindex>\n");
    x
}

pub fn robots(d: &Dossier) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        d.routes.absolute("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("articles/a{i}/")).collect()
    }

    #[test]
    fn pages_that_fit_make_one_sitemap() {
        let p = paths(3);
        let f = files(&p, 3);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "sitemap.xml");
        assert_eq!(f[0].1.map(<[String]>::len), Some(3));
    }

    #[test]
    fn more_pages_make_an_index_and_parts_that_hold_each_page_once() {
        let p = paths(7);
        let f = files(&p, 3);
        let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(f[0].1.is_none());
        let listed: Vec<&String> = f.iter().filter_map(|(_, l)| *l).flatten().collect();
        assert_eq!(listed, p.iter().collect::<Vec<_>>());
        assert!(f.iter().filter_map(|(_, l)| *l).all(|l| l.len() <= 3));
    }
}
