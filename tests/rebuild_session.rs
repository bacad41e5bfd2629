//! `serve`'s incremental rebuild, driven through `rebuild::Session` and read from the report
//! each rebuild returns: which pages were rendered, which files were written or removed.

mod common;

use std::path::Path;

use common::Site;
use dossier::rebuild::{Rebuild, Session};

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).expect("read source");
    std::fs::write(path, f(text)).expect("write source");
}

fn rebuild(session: &mut Session) -> Rebuild {
    session.rebuild().expect("rebuild")
}

#[test]
fn each_edit_renders_and_writes_only_what_it_changes() {
    let site = Site::fixture();
    let mut session = Session::new(site.options());
    let first = rebuild(&mut session);
    assert!(first.pages > 10, "{} pages", first.pages);
    assert_eq!(
        first.rendered, first.pages,
        "the first build renders every page"
    );
    assert!(first.changed.iter().any(|p| p == "index.html"));
    assert!(site.out().join("pagefind/pagefind-entry.json").is_file());

    // A save that changes nothing renders and writes nothing.
    let article = site.root().join("content/articles/alpha-summit.md");
    edit(&article, |t| t);
    let same = rebuild(&mut session);
    assert_eq!(
        (same.rendered, same.changed.len(), same.removed.len()),
        (0, 0, 0)
    );
    assert_eq!(same.pages, first.pages);

    // A template under every page renders every page again.
    let base_html = site.root().join("themes/default/templates/base.html");
    edit(&base_html, |t| {
        t.replace("</footer>", "<p>علامة-القالب</p></footer>")
    });
    let template = rebuild(&mut session);
    assert_eq!(template.rendered, template.pages);
    assert!(site.read("chronology/index.html").contains("علامة-القالب"));

    // An article edit renders that article and the pages listing it, not every page; the
    // search index is left for `index_search`, which brings it up to date.
    edit(&article, |t| {
        t.replace("قمة تجريبية في عاصمة خيالية", "قمة معدّلة في عاصمة خيالية")
    });
    let one = rebuild(&mut session);
    assert!(
        one.rendered >= 2 && one.rendered < one.pages,
        "{} of {}",
        one.rendered,
        one.pages
    );
    for page in [
        "articles/alpha-summit/index.html",
        "index.html",
        "states/russia/index.html",
    ] {
        assert!(
            one.changed.iter().any(|p| p == page),
            "{page} not in {:?}",
            one.changed
        );
        assert!(site.read(page).contains("قمة معدّلة"), "{page}");
    }
    assert!(site.read("feed.xml").contains("قمة معدّلة"));
    let search = session
        .index_search()
        .expect("index")
        .expect("the index was behind the pages");
    assert!(search.changed.iter().any(|p| p.starts_with("pagefind/")));
    assert!(session.index_search().expect("index").is_none());

    // A stylesheet edit copies the stylesheet and renders nothing.
    let css = site.root().join("themes/default/static/css/layout.css");
    edit(&css, |t| format!("{t}\n/* live-edit */\n"));
    let style = rebuild(&mut session);
    assert!(style.css_only(), "{:?}", style.changed);
    assert_eq!(style.rendered, 0);
    assert!(site.read("css/layout.css").contains("/* live-edit */"));
}

#[test]
fn a_removed_article_takes_its_page_away() {
    let site = Site::fixture();
    let mut session = Session::new(site.options());
    rebuild(&mut session);
    assert!(site
        .out()
        .join("articles/alpha-summit/index.html")
        .is_file());
    std::fs::remove_file(site.root().join("content/articles/alpha-summit.md")).expect("remove");
    let after = rebuild(&mut session);
    assert!(
        after
            .removed
            .iter()
            .any(|p| p == "articles/alpha-summit/index.html"),
        "{:?}",
        after.removed
    );
    assert!(!site.out().join("articles/alpha-summit/index.html").exists());
    assert!(!site.read("index.html").contains("articles/alpha-summit/"));
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_output_and_says_where() {
    let site = Site::fixture();
    let mut session = Session::new(site.options());
    rebuild(&mut session);
    let before = site.read("articles/alpha-summit/index.html");
    let article = site.root().join("content/articles/alpha-summit.md");
    edit(&article, |t| {
        t.replace("date: 2021-03-04", "date: 2021-13-45")
    });
    let error = session.rebuild().expect_err("a bad date fails the rebuild");
    let places = error.diagnostics();
    assert_eq!(places.len(), 1, "{places:?}");
    assert_eq!(
        places[0].file,
        Path::new("content/articles/alpha-summit.md")
    );
    assert_eq!(
        (places[0].line, places[0].field.as_deref()),
        (3, Some("date"))
    );
    assert_eq!(site.read("articles/alpha-summit/index.html"), before);
}
