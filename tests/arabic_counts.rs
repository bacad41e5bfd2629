//! Every number a page writes before a counted noun takes the noun in the form Arabic asks
//! for: "مقالة واحدة، مقالتان، 3 مقالات، 11 مقالة، 100 مقالة", never "1 حدث" or "22 حدث".

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use dossier::strings::plural::Counter;
use dossier::strings::NounForms;

/// The words of a noun's forms that tell it apart: those of the forms for one to many that
/// are not in all of them (so "قراءة" and "في" of "قراءة في 3 دقائق" are not taken for the
/// noun). The zero form is a phrase of its own ("قراءة في أقل من دقيقة") and is left out.
fn vocabulary(forms: &NounForms) -> BTreeSet<String> {
    let all = [
        &forms.one,
        &forms.two,
        &forms.few,
        &forms.many,
        &forms.other,
    ];
    let words = |f: &str| -> BTreeSet<String> {
        f.split_whitespace()
            .filter(|w| *w != "{n}")
            .map(str::to_string)
            .collect()
    };
    let mut shared = words(all[0]);
    for f in &all[1..] {
        shared = shared.intersection(&words(f)).cloned().collect();
    }
    all.iter()
        .flat_map(|f| words(f))
        .filter(|w| !shared.contains(w))
        .collect()
}

/// Classes of the elements that quote the articles (bodies, event sentences, summaries):
/// their numbers are the sources' words, not the site's.
const QUOTED: [&str; 3] = ["prose", "event-text", "summary"];

/// What a page says in its own words, text and the labels read aloud, one string per node.
fn said(doc: &scraper::Html) -> Vec<String> {
    let mut out: Vec<String> = doc
        .root_element()
        .descendants()
        .filter(|n| {
            !n.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.classes().any(|c| QUOTED.contains(&c)))
            })
        })
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    for el in doc.select(&sel("[aria-label], [title], [alt]")) {
        for a in ["aria-label", "title", "alt"] {
            if let Some(v) = el.value().attr(a) {
                out.push(v.to_string());
            }
        }
    }
    out
}

/// Each number followed by a noun's word, where the page's words are not the form the
/// number takes.
fn miscounted(text: &str, counter: &Counter, nouns: &BTreeMap<String, NounForms>) -> Vec<String> {
    let vocab: Vec<(&String, BTreeSet<String>)> =
        nouns.iter().map(|(k, f)| (k, vocabulary(f))).collect();
    let mut wrong = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let after_digit = i > 0 && chars[i - 1].1.is_ascii_digit();
        if !c.is_ascii_digit() || after_digit {
            i += 1;
            continue;
        }
        let rest = &text[start..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[digits.len()..];
        i += digits.chars().count();
        let Some(word) = after
            .strip_prefix(' ')
            .and_then(|a| a.split_whitespace().next())
        else {
            continue;
        };
        let word = word.trim_end_matches(|c: char| !c.is_alphabetic());
        let Ok(n) = digits.parse::<u64>() else {
            continue;
        };
        let candidates: Vec<&String> = vocab
            .iter()
            .filter(|(_, v)| v.contains(word))
            .map(|(k, _)| *k)
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let right = candidates.iter().any(|noun| {
            let form = counter.count(n, noun).unwrap_or_default();
            // The part of the form from the number on must be what the page says there.
            match form.find(&digits) {
                Some(at) => rest.starts_with(&form[at..]),
                None => false,
            }
        });
        if !right {
            let line: String = rest.chars().take(40).collect();
            wrong.push(format!("«{line}» ({candidates:?})"));
        }
    }
    wrong
}

fn check_site(site: &Site) {
    let config = dossier::config::SiteConfig::load(site.root()).expect("site.yaml");
    let strings = dossier::strings::Strings::load(site.root(), &config).expect("strings");
    let counter = Counter::new(&config.language, strings.counts.clone());
    let mut wrong = Vec::new();
    let mut counted = 0;
    for f in files(&site.out()).iter().filter(|f| f.ends_with(".html")) {
        let doc = site.html(f);
        for text in said(&doc) {
            for w in miscounted(&text, &counter, &strings.counts) {
                wrong.push(format!("{f}: {w}"));
            }
            counted += 1;
        }
    }
    assert!(counted > 100, "only {counted} strings read");
    assert!(wrong.is_empty(), "miscounted:\n{}", wrong.join("\n"));
}

#[test]
fn every_count_on_every_page_takes_the_right_form() {
    let site = Site::repository();
    site.build().expect("builds");
    check_site(&site);
    // A count the forms say right, and one they say wrong, as the check reads them.
    let config = dossier::config::SiteConfig::load(site.root()).expect("site.yaml");
    let strings = dossier::strings::Strings::load(site.root(), &config).expect("strings");
    let counter = Counter::new("ar", strings.counts.clone());
    assert!(miscounted("11 مقالة في الملف", &counter, &strings.counts).is_empty());
    assert_eq!(
        miscounted("1 حدث، 22 حدث", &counter, &strings.counts).len(),
        2
    );
    let page = site.read("index.html");
    assert!(
        page.contains("مقالة واحدة") || page.contains("مقالتان") || page.contains("مقالات"),
        "the home page counts its states' articles"
    );
}

#[test]
fn a_larger_fixture_counts_right_too() {
    let site = Site::fixture();
    site.build().expect("builds");
    check_site(&site);
}

#[test]
fn an_unknown_noun_names_the_template_and_the_nouns_there_are() {
    let site = Site::fixture();
    site.write(
        "templates/partials/article_card.html",
        "<p>{{ card.reading_minutes | count(noun=\"minutez\") }}</p>",
    );
    let err = site.build().expect_err("no such noun").to_string();
    assert!(err.contains("article_card.html"), "{err}");
    assert!(err.contains("minutez") && err.contains("articles"), "{err}");
}
