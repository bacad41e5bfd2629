//! `people`: which people from people.yaml an article names, most-named first.
//!
//! A person is found by the full name or any variant, and by the surname alone when no
//! other person claims it: the last word of every name of two or more words, plus every
//! one-word variant. Names take و ف ب ل ك before them but never the article ال (see
//! [`Clitics::NoArticle`]). A name that overlaps a longer one is consumed by it, so
//! فلاديمير بوتين is one mention, not two.

use crate::error::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};

use super::gazetteer::{Clitics, Hit, Matcher, Stemmed, View};
use super::{EnrichContext, Enricher};
use crate::arabic;
use crate::content::Article;
use crate::data::people::Person;

/// A surname alone shorter than this is too likely an ordinary word.
const MIN_SURNAME_CHARS: usize = 3;

pub struct People;

impl Enricher for People {
    fn name(&self) -> &'static str {
        "people"
    }

    fn run(&self, article: &mut Article, ctx: &EnrichContext<'_>) -> Vec<Diagnostic> {
        let mentions = mentions_with(
            ctx.finder().people(),
            ctx.people,
            &article.title,
            &article.text,
        );
        if article.front.people.is_none() {
            article.people = ranked(&mentions);
        }
        article.person_mentions = mentions.into();
        unknown_people(article, ctx)
    }
}

/// A warning for each name the article gives that looks like a person's but is not in
/// people.yaml ([`super::unknown_people`]), at the line it was first seen.
fn unknown_people(article: &Article, ctx: &EnrichContext<'_>) -> Vec<Diagnostic> {
    // The title and the text, whose words the people matcher has just stemmed (and
    // remembered): each name's line is then the first block holding it.
    let parts = [article.title.as_str(), article.text.as_str()];
    let title_line = article.lines.of_key("title");
    super::unknown_people::candidates(&parts, ctx.finder().people(), ctx.state_words())
        .into_iter()
        .map(|c| {
            let line = match c.part {
                0 => title_line,
                _ => article
                    .blocks
                    .iter()
                    .find(|b| b.text.contains(&c.name))
                    .map_or(title_line, |b| b.line),
            };
            let sign = match c.times {
                0 | 1 => "a Latin name in parentheses".to_string(),
                n => format!("after a title, its last word named {n} times"),
            };
            Diagnostic::warning(
                &article.file,
                line,
                format!(
                    "`{}` looks like a person's name ({sign}) but is not in content/data/people.yaml: add them there to tag the article and give them a page",
                    c.name
                ),
            )
        })
        .collect()
}

/// The normalised words of the states' names and variants, which qualify a title rather
/// than name a person (رئيس كازاخستان): the same for every article, so made once per build.
pub fn state_words(states: &[crate::data::states::State]) -> BTreeSet<String> {
    states
        .iter()
        .flat_map(|s| std::iter::once(&s.name_ar).chain(&s.variants))
        .flat_map(|name| arabic::tokenize(name))
        .map(|t| t.text)
        .collect()
}

/// Slugs of the people named in `title` and `text`, most mentions first, then by slug.
pub fn find(people: &[Person], title: &str, text: &str) -> Vec<String> {
    find_with(&matcher(people), people, title, text)
}

/// [`find`] with a matcher built once by the caller.
pub fn find_with(m: &Matcher<usize>, people: &[Person], title: &str, text: &str) -> Vec<String> {
    ranked(&mentions_with(m, people, title, text))
}

/// How often each person is named in `title` and `text`, by slug; people never named are
/// left out.
pub fn mentions_with(
    m: &Matcher<usize>,
    people: &[Person],
    title: &str,
    text: &str,
) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for part in [title, text] {
        count(&mut counts, people, &m.find_all(&Stemmed::shared(part)));
    }
    counts
}

/// [`mentions_with`] in texts, or parts of texts, stemmed already.
pub fn mentions_in(
    m: &Matcher<usize>,
    people: &[Person],
    parts: &[View<'_>],
) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for &part in parts {
        count(&mut counts, people, &m.find_in(part));
    }
    counts
}

/// Add each hit's person to `counts`, by slug.
fn count(counts: &mut BTreeMap<String, usize>, people: &[Person], hits: &[Hit<usize>]) {
    for h in hits {
        *counts.entry(people[h.label].slug.clone()).or_default() += 1;
    }
}

/// Slugs by mention count, most first, then by slug (as the states enricher ranks states).
pub fn ranked(mentions: &BTreeMap<String, usize>) -> Vec<String> {
    super::states::ranked(mentions)
}

/// A matcher labelled with indexes into `people`: full names, variants and the surnames
/// only one person claims. The `states` enricher uses it too, to tell جورجيا ميلوني from
/// Georgia.
pub fn matcher(people: &[Person]) -> Matcher<usize> {
    let mut m = Matcher::new(Clitics::NoArticle);
    // Which people claim each lone word, and which words appear inside longer names (a
    // given name such as علي must not be matched alone even if it ends someone's name).
    let mut claims: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let mut inner: BTreeSet<String> = BTreeSet::new();
    for (i, p) in people.iter().enumerate() {
        for name in std::iter::once(&p.name_ar).chain(&p.variants) {
            let words: Vec<String> = arabic::tokenize(name).into_iter().map(|t| t.text).collect();
            // One-word names are surnames: they go through the ambiguity check below.
            if words.len() > 1 {
                m.add(name, i);
            }
            if let Some((last, rest)) = words.split_last() {
                claims.entry(last.clone()).or_default().insert(i);
                inner.extend(rest.iter().cloned());
            }
        }
    }
    for (word, who) in claims {
        let Some(&i) = who.iter().next() else {
            continue;
        };
        if who.len() == 1 && !inner.contains(&word) && word.chars().count() >= MIN_SURNAME_CHARS {
            m.add(&word, i);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<Person> {
        crate::yaml::parse(
            std::path::Path::new("people.yaml"),
            r#"
- {slug: vladimir-putin, name_ar: فلاديمير بوتين, name_en: Vladimir Putin, role_ar: رئيس}
- {slug: emomali-rahmon, name_ar: إمام علي رحمن, variants: [إمام علي رحمون, رحمانوف],
   name_en: Emomali Rahmon, role_ar: رئيس}
- {slug: ilham-aliyev, name_ar: إلهام علييف, name_en: Ilham Aliyev, role_ar: رئيس}
- {slug: heydar-aliyev, name_ar: حيدر علييف, name_en: Heydar Aliyev, role_ar: رئيس}
- {slug: kassym-jomart-tokayev, name_ar: قاسم جومارت توكاييف,
   variants: [قاسم جومارت توكايف], name_en: Kassym-Jomart Tokayev, role_ar: رئيس}
"#,
            1,
        )
        .expect("test people parse")
    }

    #[test]
    fn people_rows() {
        let people = people();
        let rows: &[(&str, &[&str])] = &[
            ("قال الرئيس فلاديمير بوتين", &["vladimir-putin"]),
            ("التقى بوتين ولبوتين وبوتين", &["vladimir-putin"]),
            ("إمام علي رحمون ورحمن ورحمانوف", &["emomali-rahmon"]),
            (
                "توكايف وتوكاييف وبوتين",
                &["kassym-jomart-tokayev", "vladimir-putin"],
            ),
            // A surname two people share needs the full name.
            ("قال علييف", &[]),
            ("قال إلهام علييف", &["ilham-aliyev"]),
            // Given names and the article do not make a name.
            ("قال علي وفلاديمير", &[]),
            ("عبد الرحمن", &[]),
            ("البوتينية", &[]),
            ("", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(find(&people, "", text), *want, "{text:?}");
        }
    }

    #[test]
    fn hand_set_people_win() {
        let people = people();
        let ctx = EnrichContext::new(&[], &[], &people, &[]);
        let mut a = crate::enrich::tests::article("بوتين", "بوتين");
        a.front.people = Some(vec![]);
        People.run(&mut a, &ctx);
        assert!(a.people.is_empty());
        // Hand-set people still have their mentions counted.
        assert_eq!(a.person_mentions.get("vladimir-putin"), Some(&2));
        let mut b = crate::enrich::tests::article("بوتين", "رحمن وبوتين");
        People.run(&mut b, &ctx);
        assert_eq!(b.people, ["vladimir-putin", "emomali-rahmon"]);
        assert_eq!(b.person_mentions.get("vladimir-putin"), Some(&2));
        assert_eq!(b.person_mentions.get("emomali-rahmon"), Some(&1));
    }
}
