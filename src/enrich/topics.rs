//! `topics`: the topics from topics.yaml an article is about, as tags.
//!
//! Each topic's keywords are counted in the title and body (whole words, clitics allowed,
//! `word*` for a prefix, leftmost-longest so overlapping keywords count once). A topic is
//! kept when the hits reach its `min_hits` (2 by default: one passing mention is not what
//! an article is about) or when the title alone has one: a headline names the subject.
//! Tags come out by hits, most first, then by slug, and at most [`MAX_TAGS`] of them: a long
//! backgrounder touches every topic once or twice, but is about a few.

use super::gazetteer::{Clitics, Matcher, Stemmed};
use super::{EnrichContext, Enricher};
use crate::content::Article;
use crate::data::topics::Topic;
use crate::error::Diagnostic;

pub struct Topics;

pub const MAX_TAGS: usize = 5;

impl Enricher for Topics {
    fn name(&self) -> &'static str {
        "topics"
    }

    fn run(&self, article: &mut Article, ctx: &EnrichContext<'_>) -> Vec<Diagnostic> {
        if article.front.tags.is_none() {
            article.tags = find_with(
                ctx.topic_matchers(),
                ctx.topics,
                &article.title,
                &article.text,
            );
        }
        Vec::new()
    }
}

/// Slugs of the topics `title` and `text` are about.
pub fn find(topics: &[Topic], title: &str, text: &str) -> Vec<String> {
    let matchers: Vec<Matcher<()>> = topics.iter().map(matcher).collect();
    find_with(&matchers, topics, title, text)
}

/// A topic's keywords. Each topic has its own matcher: keywords of different topics may
/// overlap, and each topic counts its own hits.
pub fn matcher(topic: &Topic) -> Matcher<()> {
    let mut m = Matcher::new(Clitics::Full);
    for k in &topic.keywords {
        m.add(k, ());
    }
    m
}

/// [`find`] with the matchers of [`matcher`] built once by the caller, one per topic in
/// the order of `topics`.
pub fn find_with(
    matchers: &[Matcher<()>],
    topics: &[Topic],
    title: &str,
    text: &str,
) -> Vec<String> {
    let title = Stemmed::shared(title);
    let text = Stemmed::shared(text);
    let mut found: Vec<(usize, &str)> = Vec::new();
    for (t, m) in topics.iter().zip(matchers) {
        let in_title = m.find_in(&title).len();
        let hits = in_title + m.find_in(&text).len();
        if in_title > 0 || hits >= t.min_hits() {
            found.push((hits, &t.slug));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    found
        .into_iter()
        .take(MAX_TAGS)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<Topic> {
        crate::yaml::parse(
            std::path::Path::new("topics.yaml"),
            r#"
- {slug: terrorism, name_ar: الإرهاب, keywords: [إرهاب*, التطرف, داعش], min_hits: 3}
- {slug: peacekeeping, name_ar: حفظ السلام, keywords: [حفظ السلام, قوات حفظ السلام, حفظة السلام]}
- {slug: nato, name_ar: الناتو, keywords: [ناتو, حلف شمال الأطلسي]}
"#,
            1,
        )
        .expect("test topics parse")
    }

    #[test]
    fn topic_rows() {
        let topics = topics();
        let rows: &[(&str, &str, &[&str])] = &[
            // Below the threshold in the body…
            ("", "تحدث عن الإرهاب والتطرف", &[]),
            ("", "حلف شمال الأطلسي", &[]),
            // …at or above it…
            ("", "الإرهاب والإرهابيين والتطرف", &["terrorism"]),
            ("", "حلف شمال الأطلسي الـ ناتو", &["nato"]),
            // …or once in the title.
            ("مناورات الناتو", "", &["nato"]),
            // Overlapping keywords count once: one hit, not two.
            ("", "وصلت قوات حفظ السلام", &[]),
            ("", "قوات حفظ السلام ولحفظة السلام", &["peacekeeping"]),
            // Prefixes need the word to start with them.
            ("", "لاإرهاب لاإرهاب لاإرهاب", &[]),
            // Ordered by hits, then slug.
            (
                "",
                "ناتو وناتو وناتو وحفظ السلام وحفظ السلام",
                &["nato", "peacekeeping"],
            ),
        ];
        for (title, text, want) in rows {
            assert_eq!(find(&topics, title, text), *want, "{title:?} {text:?}");
        }
    }

    #[test]
    fn hand_set_tags_win() {
        let topics = topics();
        let ctx = EnrichContext::new(&[], &[], &[], &topics);
        let mut a = crate::enrich::tests::article("الناتو", "");
        a.front.tags = Some(vec!["summits".into()]);
        a.tags = vec!["summits".into()];
        Topics.run(&mut a, &ctx);
        assert_eq!(a.tags, ["summits"]);
        let mut b = crate::enrich::tests::article("الناتو", "");
        Topics.run(&mut b, &ctx);
        assert_eq!(b.tags, ["nato"]);
    }
}

#[cfg(test)]
mod cap_tests {
    use super::*;

    #[test]
    fn at_most_max_tags_most_hit_first() {
        let topics: Vec<Topic> = (0..8)
            .map(|i| Topic {
                slug: format!("t{i}"),
                name_ar: format!("موضوع {i}"),
                keywords: vec![format!("كلمة{}", "ا".repeat(i + 1))],
                min_hits: Some(1),
            })
            .collect();
        // Topic i is hit i + 1 times.
        let text: Vec<String> = (0..8)
            .flat_map(|i| std::iter::repeat_n(format!("كلمة{}", "ا".repeat(i + 1)), i + 1))
            .collect();
        let found = find(&topics, "", &text.join(" "));
        assert_eq!(found, ["t7", "t6", "t5", "t4", "t3"]);
    }
}
