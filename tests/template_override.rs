//! A template in the site's templates/ replaces the theme's of the same name; new ones may be added.

mod common;
use common::*;

#[test]
fn site_template_overrides_theme_template() {
    let site = Site::fixture();
    site.write(
        "templates/partials/article_card.html",
        "<div class=\"my-card\">{{ card.title }}</div>",
    );
    site.build().expect("builds");
    let doc = site.html("index.html");
    assert_eq!(texts(&doc, ".my-card").len(), 2);
    assert_eq!(doc.select(&sel(".card")).count(), 0);
}

#[test]
fn site_may_add_new_templates_included_by_overrides() {
    let site = Site::fixture();
    site.write(
        "templates/partials/banner.html",
        "<p class=\"banner\">{{ site.title }}</p>",
    );
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"partials/banner.html\" %}{% endblock content %}",
    );
    site.build().expect("builds");
    let doc = site.html("404.html");
    assert_eq!(texts(&doc, ".banner"), ["ملف الاختبار"]);
}

#[test]
fn broken_template_names_file_and_line_and_keeps_previous_site() {
    let site = Site::fixture();
    site.build().expect("first build");
    let before = site.read("index.html");
    site.write(
        "templates/year.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ year.nope.deeper }}\n{% endblock content %}",
    );
    let err = site
        .build()
        .expect_err("undefined variable fails")
        .to_string();
    assert!(err.contains("year.html"), "{err}");
    assert!(err.contains(":3:"), "line 3 expected: {err}");
    assert_eq!(site.read("index.html"), before, "previous output changed");

    site.write("templates/year.html", "{% if %}\n");
    let err = site.build().expect_err("syntax error fails").to_string();
    assert!(err.contains("templates/year.html:1:"), "{err}");
}
