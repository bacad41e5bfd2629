//! `sitemap.xml` (sitemaps.org schema) and `robots.txt` pointing at it.

use crate::dossier::Dossier;
use crate::output::xml_escape as esc;
use crate::render::filters::site_url;

/// `paths` are the site-relative paths of the HTML pages (`articles/x/`), 404 excluded.
pub fn sitemap(d: &Dossier, paths: &[String]) -> String {
    let c = &d.config;
    let bp = c.base_path();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        x.push_str("  <url><loc>");
        x.push_str(&esc(&site_url(&c.base_url, &bp, p, true)));
        x.push_str("</loc>");
        if let Some(a) = d.articles.iter().find(|a| &a.path == p) {
            if let Some(date) = &a.date {
                x.push_str(&format!("<lastmod>{date}</lastmod>"));
            }
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

pub fn robots(d: &Dossier) -> String {
    let c = &d.config;
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site_url(&c.base_url, &c.base_path(), "sitemap.xml", true)
    )
}
