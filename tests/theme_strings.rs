//! The words of the navigation, the list pages and the state statuses come from the theme's
//! `strings.yaml`, or from the site's own beside `site.yaml`; a broken strings file fails the
//! build with `file:line:col: message (field)` and leaves the previous output as it was.

mod common;

use common::output_tree::tree;
use common::*;
use dossier::rebuild::Session;

/// The theme's strings file, as a site copying it to its root starts from.
fn theme_strings(site: &Site) -> String {
    std::fs::read_to_string(site.root().join("themes/default/strings.yaml")).expect("read")
}

/// The theme's words with the navigation's home and states, the member status, the year
/// title and the templates' "articles", skip link, capital and year's events labels changed.
fn own_words(site: &Site) -> String {
    let text = theme_strings(site);
    for line in [
        "  home: الرئيسية\n",
        "  states: الدول الأعضاء\n",
        "  member: دولة عضو\n",
        "    title: عام {year}\n",
        "  articles: المقالات\n",
        "  skip_to_content: تخطَّ إلى المحتوى\n",
        "  state_capital: العاصمة\n",
        "  year_events: أحداث {year}\n",
    ] {
        assert!(text.contains(line), "the theme's strings.yaml has {line:?}");
    }
    text.replacen("  home: الرئيسية\n", "  home: البداية\n", 1)
        .replacen("  states: الدول الأعضاء\n", "  states: الأعضاء\n", 1)
        .replacen("  member: دولة عضو\n", "  member: عضو كامل\n", 1)
        .replacen("    title: عام {year}\n", "    title: سنة {year}\n", 1)
        .replacen("  articles: المقالات\n", "  articles: كل ما نُشر\n", 1)
        .replacen(
            "  skip_to_content: تخطَّ إلى المحتوى\n",
            "  skip_to_content: إلى النص\n",
            1,
        )
        .replacen(
            "  state_capital: العاصمة\n",
            "  state_capital: المدينة الأولى\n",
            1,
        )
        .replacen(
            "  year_events: أحداث {year}\n",
            "  year_events: وقائع {year}\n",
            1,
        )
}

/// The 1-based line of the first line of `text` that starts with `start`.
fn line_starting(text: &str, start: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(start))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

#[test]
fn the_sites_own_strings_replace_the_themes_words() {
    let site = Site::fixture();
    site.build().expect("the fixture builds");
    let home = site.html("index.html");
    assert_eq!(
        texts(&home, ".site-nav a"),
        [
            "الرئيسية",
            "الدول الأعضاء",
            "السنوات",
            "التسلسل الزمني",
            "الشخصيات"
        ]
    );

    site.write("strings.yaml", &own_words(&site));
    site.build().expect("the site builds with its own words");
    let home = site.html("index.html");
    assert_eq!(
        texts(&home, ".site-nav a"),
        ["البداية", "الأعضاء", "السنوات", "التسلسل الزمني", "الشخصيات"]
    );
    let states = site.html("states/index.html");
    assert_eq!(
        texts(&states, ".breadcrumbs li")
            .first()
            .map(String::as_str),
        Some("البداية")
    );
    let statuses = texts(&states, "td");
    assert!(statuses.iter().any(|t| t == "عضو كامل"), "{statuses:?}");
    assert!(!statuses.iter().any(|t| t == "دولة عضو"), "{statuses:?}");
    let year = files(&site.out())
        .into_iter()
        .find(|p| p.starts_with("years/") && p.ends_with("/index.html") && p != "years/index.html")
        .expect("a year page");
    let number = year.split('/').nth(1).expect("years/<year>/");
    let year_page = site.html(&year);
    let title = texts(&year_page, "title").join("");
    assert!(title.starts_with(&format!("سنة {number} | ")), "{title}");
    // A template's own label (`ui`), read at build time like the rest.
    let articles = site.html("articles/index.html");
    assert_eq!(texts(&articles, "#articles-h"), ["كل ما نُشر"]);
    // Labels moved out of the templates: on every page, in a table's head and in a data-label,
    // and with the year filled in.
    assert_eq!(texts(&home, ".skip-link"), ["إلى النص"]);
    let heads = texts(&states, "thead th");
    assert!(heads.iter().any(|t| t == "المدينة الأولى"), "{heads:?}");
    assert!(!heads.iter().any(|t| t == "العاصمة"), "{heads:?}");
    let labels = attrs(&states, "td[data-label]", "data-label");
    assert!(labels.iter().any(|l| l == "المدينة الأولى"), "{labels:?}");
    assert_eq!(texts(&year_page, "#events-h"), [format!("وقائع {number}")]);
}

/// Build once, break the site with `f`, build again: the error, after checking that the
/// earlier output survived byte for byte.
fn fails_keeping_output(f: impl FnOnce(&Site)) -> String {
    let site = Site::fixture();
    site.build().expect("the fixture builds");
    let before = tree(&site.out());
    f(&site);
    let err = site
        .build()
        .expect_err("a broken strings file must fail the build")
        .to_string();
    assert!(
        tree(&site.out()) == before,
        "output changed after a failed build"
    );
    err
}

#[test]
fn an_unknown_word_is_an_error_at_its_line() {
    let mut text = String::new();
    let err = fails_keeping_output(|s| {
        text = own_words(s).replacen("  home: البداية\n", "  home: البداية\n  homepage: x\n", 1);
        s.write("strings.yaml", &text);
    });
    let line = line_starting(&text, "  homepage:");
    assert!(
        err.starts_with(&format!("strings.yaml:{line}:")),
        "{line}: {err}"
    );
    assert!(err.contains("unknown field `homepage`"), "{err}");
    assert!(err.contains("(homepage)"), "{err}");
}

#[test]
fn a_missing_word_is_an_error_naming_the_field() {
    let mut text = String::new();
    let err = fails_keeping_output(|s| {
        text = own_words(s)
            .lines()
            .filter(|l| !l.starts_with("  chronology_newest:"))
            .map(|l| format!("{l}\n"))
            .collect();
        s.write("strings.yaml", &text);
    });
    // The mapping that lacks the word is reported, at its first key.
    let line = line_starting(&text, "pages:") + 1;
    assert!(
        err.starts_with(&format!("strings.yaml:{line}:")),
        "{line}: {err}"
    );
    assert!(
        err.contains("pages: missing field `chronology_newest`"),
        "{err}"
    );
    assert!(err.contains("(chronology_newest)"), "{err}");
}

#[test]
fn malformed_yaml_is_an_error_at_its_line() {
    let mut text = String::new();
    let err = fails_keeping_output(|s| {
        text = own_words(s).replacen("  years: السنوات\n", "  years: [السنوات\n", 1);
        s.write("strings.yaml", &text);
    });
    let from = line_starting(&text, "  years: [");
    let line: usize = err
        .strip_prefix("strings.yaml:")
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("strings.yaml:<line>: in {err}"));
    assert!(line >= from, "{from}: {err}");
}

#[test]
fn the_themes_strings_file_is_checked_the_same_way() {
    let err = fails_keeping_output(|s| {
        let text = theme_strings(s).replacen("  observer:", "  watcher:", 1);
        s.write("themes/default/strings.yaml", &text);
    });
    assert!(err.starts_with("themes/default/strings.yaml:"), "{err}");
    assert!(err.contains("unknown field `watcher`"), "{err}");

    let err = fails_keeping_output(|s| {
        std::fs::remove_file(s.root().join("themes/default/strings.yaml")).expect("remove");
    });
    assert!(
        err.starts_with("themes/default/strings.yaml:1:1: the theme's words are missing"),
        "{err}"
    );
}

#[test]
fn serve_renders_every_page_again_when_the_words_change() {
    let site = Site::fixture();
    let mut session = Session::new(site.options());
    let first = session.rebuild().expect("first build");
    assert_eq!(first.rendered, first.pages);
    let again = session.rebuild().expect("nothing changed");
    assert_eq!(again.rendered, 0);

    site.write("strings.yaml", &own_words(&site));
    let changed = session.rebuild().expect("rebuild with the site's words");
    assert_eq!(changed.rendered, changed.pages);
    assert_eq!(
        texts(&site.html("index.html"), ".site-nav a")
            .first()
            .map(String::as_str),
        Some("البداية")
    );

    site.write("strings.yaml", "nav: [\n");
    let err = session
        .rebuild()
        .expect_err("a broken strings file fails the rebuild")
        .to_string();
    assert!(err.starts_with("strings.yaml:"), "{err}");
    assert_eq!(
        texts(&site.html("index.html"), ".site-nav a")
            .first()
            .map(String::as_str),
        Some("البداية")
    );

    std::fs::remove_file(site.root().join("strings.yaml")).expect("remove");
    let back = session.rebuild().expect("back to the theme's words");
    assert_eq!(back.rendered, back.pages);
    assert_eq!(
        texts(&site.html("index.html"), ".site-nav a")
            .first()
            .map(String::as_str),
        Some("الرئيسية")
    );
}

/// The string literals of Rust source `code` (ordinary and raw), with their 1-based lines,
/// leaving out comments and char literals.
fn string_literals(code: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = code.chars().collect();
    let (mut out, mut line, mut i) = (Vec::new(), 1, 0);
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        } else if c == '/' && next == Some('*') {
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
            continue;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{64B}') is skipped whole; a lifetime is one quote.
            if next == Some('\\') {
                while i + 1 < chars.len() && chars[i + 1] != '\'' {
                    i += 1;
                }
                i += 2;
                continue;
            }
            if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                continue;
            }
        } else if c == '"' || (c == 'r' && matches!(next, Some('"') | Some('#'))) {
            let raw = c == 'r';
            let start_line = line;
            let mut hashes = 0;
            if raw {
                i += 1;
                while chars.get(i) == Some(&'#') {
                    hashes += 1;
                    i += 1;
                }
                if chars.get(i) != Some(&'"') {
                    continue;
                }
            }
            i += 1;
            let mut text = String::new();
            while i < chars.len() {
                let d = chars[i];
                if !raw && d == '\\' {
                    text.push(d);
                    text.extend(chars.get(i + 1));
                    i += 2;
                    continue;
                }
                if d == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                line += usize::from(d == '\n');
                text.push(d);
                i += 1;
            }
            out.push((start_line, text));
            continue;
        }
        i += 1;
    }
    out
}

/// Arabic literals the UI's Rust may hold: none yet. Each entry is `path: literal`, kept only
/// where a word is data rather than a label (a label belongs in strings.yaml).
const ALLOWED_ARABIC_LITERALS: &[&str] = &[];

#[test]
fn no_ui_word_is_written_in_arabic_in_the_rust_that_renders_pages() {
    let src = common::repo().join("src");
    let mut paths = vec![src.join("dossier.rs")];
    for dir in ["render", "output"] {
        for entry in walkdir::WalkDir::new(src.join(dir)) {
            let entry = entry.expect("readable source");
            if entry.path().extension().is_some_and(|e| e == "rs") {
                paths.push(entry.into_path());
            }
        }
    }
    paths.sort();
    let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let mut found = Vec::new();
    for path in &paths {
        let code = std::fs::read_to_string(path).expect("read source");
        // Unit tests (the `#[cfg(test)]` module at the end of a file) may say anything.
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        let rel = path.strip_prefix(common::repo()).expect("under the repo");
        for (line, text) in string_literals(code) {
            let entry = format!("{}: {text}", rel.display());
            if arabic(&text) && !ALLOWED_ARABIC_LITERALS.contains(&entry.as_str()) {
                found.push(format!("{}:{line}: {text:?}", rel.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Arabic words in the Rust that renders pages belong in themes/default/strings.yaml:\n{}",
        found.join("\n")
    );
    // The reader sees what it must: a UI word in a literal, never a comment or a char.
    let sample = "// «كلمة»\nlet c = 'أ'; let s = \"الرئيسية\"; let r = r#\"عام \"{year}\"\"#;";
    let literals: Vec<String> = string_literals(sample)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(literals, ["الرئيسية", "عام \"{year}\""]);
}

/// Whether `c` is an Arabic letter or mark (the Arabic blocks and presentation forms).
fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The lines of a template (1-based) that hold an Arabic letter outside a Tera comment
/// (`{# … #}`): in the HTML's text and attributes, and in a tag's string literals
/// (`default(value="…")`), which are words the page says too.
fn arabic_outside_comments(template: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest = template;
    let mut line = 1;
    let mut take = |text: &str, line: usize| {
        for (i, l) in text.split('\n').enumerate() {
            if l.chars().any(is_arabic) {
                found.push((line + i, l.trim().to_string()));
            }
        }
    };
    while let Some(start) = rest.find("{#") {
        take(&rest[..start], line);
        line += rest[..start].matches('\n').count();
        let end = rest[start..]
            .find("#}")
            .map_or(rest.len(), |e| start + e + 2);
        line += rest[start..end].matches('\n').count();
        rest = &rest[end..];
    }
    take(rest, line);
    found
}

#[test]
fn no_theme_template_writes_an_arabic_word_of_its_own() {
    let dir = common::repo().join("themes/default/templates");
    let mut found = Vec::new();
    let mut read = 0;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.expect("readable theme");
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read template");
        read += 1;
        let rel = entry.path().strip_prefix(&dir).expect("under the theme");
        for (line, l) in arabic_outside_comments(&text) {
            found.push(format!("{}:{line}: {l}", rel.display()));
        }
    }
    assert!(
        read > 20,
        "only {read} templates read from {}",
        dir.display()
    );
    assert!(
        found.is_empty(),
        "the theme's words belong in themes/default/strings.yaml (`ui.KEY`):\n{}",
        found.join("\n")
    );
    // The check sees a word in the text, an attribute or a literal, and none in a comment.
    let sample = "{#- «تعليق»\n   سطر -#}\n<p>{{ ui.x }}</p>\n<a title=\"عنوان\">\n{{ x | default(value=\"كلمة\") }}\n{# ملاحظة #}<b>نص</b>";
    let lines: Vec<usize> = arabic_outside_comments(sample)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, [4, 5, 6]);
}
