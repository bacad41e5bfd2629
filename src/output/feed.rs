//! `feed.xml`: an Atom 1.0 feed of the latest articles, with absolute URLs.

use crate::dossier::Dossier;
use crate::output::xml_escape as esc;

/// The feed; an error when an article's body cannot be read back from the build's spill file.
pub fn atom(d: &Dossier) -> std::io::Result<String> {
    let c = &d.config;
    let abs = |p: &str| d.routes.absolute(p);
    let dated: Vec<_> = d.articles.iter().filter(|a| a.date.is_some()).collect();
    // The feed's own date is its newest entry's, so the same content gives the same bytes.
    let updated = dated
        .first()
        .and_then(|a| a.date.clone())
        .unwrap_or_else(|| "1970-01-01".into());
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        esc(&c.language)
    ));
    x.push_str(&format!("  <title>{}</title>\n", esc(&c.title)));
    x.push_str(&format!("  <subtitle>{}</subtitle>\n", esc(&c.description)));
    x.push_str(&format!("  <id>{}</id>\n", esc(&abs(""))));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        esc(&abs("feed.xml"))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(&abs(""))
    ));
    x.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(&c.author)
    ));
    x.push_str("  <generator>dossier</generator>\n");
    for a in dated.iter().take(c.feed_limit) {
        let url = abs(&a.path);
        let date = a.date.as_deref().unwrap_or("1970-01-01");
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", esc(&a.title)));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            esc(&url)
        ));
        x.push_str(&format!("    <id>{}</id>\n", esc(&url)));
        x.push_str(&format!("    <published>{date}T00:00:00Z</published>\n"));
        x.push_str(&format!("    <updated>{date}T00:00:00Z</updated>\n"));
        if !a.summary.is_empty() {
            x.push_str(&format!("    <summary>{}</summary>\n", esc(&a.summary)));
        }
        for s in &a.states {
            x.push_str(&format!("    <category term=\"{}\"/>\n", esc(s)));
        }
        x.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            esc(&a.html.read()?)
        ));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    Ok(x)
}
