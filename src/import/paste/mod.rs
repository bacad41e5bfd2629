//! Splits an article pasted from a news site into headline, date line, source, photo
//! credits and a Markdown body.
//!
//! Editors copy an article out of a browser into a `.txt` file. What arrives is the article
//! mixed with the site's furniture: language switchers ("Ru En"), ad slots ("إعلان"),
//! "اقرأ أيضا" boxes flattened to "list of 4 itemsend of list", footer promos, the photo
//! credit and the source line. The importer needs those parts apart so it can write front
//! matter and a clean body, and it must do so for pastes nobody has seen, so every rule here
//! is about the *shape* of a line (length, final punctuation, leading dash, position) or a
//! short list of site furniture, never about one article's wording.
//!
//! The work is line based because a browser pastes one paragraph per line: each non-blank
//! line becomes at most one block, and a rule looks at one line and, at most, its
//! neighbours. The rules, in the order they apply:
//!
//! 1. **Furniture** (dropped, listed in [`Paste::dropped`]): lines in [`FURNITURE_LINES`]
//!    (compared after folding hamza, tashkeel and ASCII case), language switchers (a line of
//!    one to six two-letter Latin codes such as "Ru En"), flattened link boxes ("list of N
//!    items", "end of list"), and lines with no letter or digit at all ("***", "—").
//! 2. **Source**: "المصدر: X" (also "المصادر", "Source") gives `source = X` verbatim.
//! 3. **Photo credits**: "الصورة: X", "Photo: X", "Photo : X" (and "الصور", "صورة",
//!    "تصوير", "Image") give X. A *caption* is a line that ends in a parenthesised credit
//!    made only of known agency names ("(رويترز)", "(الفرنسية)", "(غيتي إيميجز/أرشيف)"),
//!    is at most 250 characters and is one sentence: the whole caption line is kept as the
//!    credit, because without the picture it describes it has no place in the body.
//! 4. **Dateline**: a line of at most 40 characters made only of numbers (Western,
//!    Arabic-Indic or Persian digits), month names of either system, weekday names, a
//!    clock time, a publishing label ("نشر في", "آخر تحديث:") and separators, holding a
//!    month and a number (or a numeric d/m/y date with a four-digit year). Only the first
//!    such line counts, and only at the top (before the second text line) or in the tail
//!    (no text after it); a date-only line elsewhere is a section of the body.
//! 5. **Footer promo**: when the paste ends in a block of photo/source lines, up to two
//!    short lines (≤ 80 characters, no final punctuation, no leading dash) just before that
//!    block are the site's footer (for example a group name in quotes), not the article:
//!    an article's own last line is a sentence, and a short unpunctuated line with nothing
//!    after it cannot be a section heading.
//! 6. **Headline**: the first text line, if more text follows, it is at most 150
//!    characters, it is one sentence (no single "." or "!" followed by more words) and its
//!    ending is headline-like: no final punctuation, or "؟", "?", "!", "..", "…". A final
//!    single "." is accepted only with outside evidence that the line is a headline: the next
//!    line is the dateline, or site furniture came before it (the page header). A final ":"
//!    or "،" never makes a headline. Otherwise the paste starts with the body, and the title
//!    is derived from its first sentence ([`derive_title`], `title_derived = true`).
//! 7. **Body**, one block per remaining line:
//!    * a line starting with a dash ("ـ" used as a dash, "–", "—", "-", "•") is a list item
//!      when it carries a date (`has_date`), and also when it sits in a run of consecutive
//!      lines with the same dash in which at least half carry a date (an undated line in a
//!      chronology continues it) or that follows a line ending in ":" (an announced
//!      enumeration). Other dash lines are paragraphs with the dash dropped. Consecutive
//!      items form one list;
//!    * a line of at most 60 characters with no final punctuation (". ! ؟ ? : ، … ;" even
//!      when followed by a closing quote), not opening with a quote, with text before and
//!      after it, is a `## ` heading;
//!    * everything else is a paragraph, written as pasted (quotes untouched, runs of
//!      spaces and no-break spaces collapsed to one space).
//!
//! Characters Markdown would read as syntax are backslash-escaped so the text renders
//! exactly as written.
//!
//! The layers, each in its file: [`lexicon`] (the word lists and the folding that matches
//! them), [`lines`] (lines cleaned and classified), [`page`] (the page model: where the
//! headline, the stamp and the body are), [`title`] (the title found or derived) and
//! [`body`] (blocks and the Markdown writer).

use std::collections::HashSet;

use thiserror::Error;

mod body;
mod lexicon;
mod lines;
mod page;
mod title;

pub use lexicon::FURNITURE_LINES;
pub use title::derive_title;

use lines::{is_blank_char, Kind, Line};

/// Pastes larger than this are refused: a real article is a few tens of kilobytes, so
/// anything this big is a wrong file, and refusing it keeps the importer's memory bounded.
pub const MAX_PASTE_BYTES: usize = 5 * 1024 * 1024;

/// Upper bound, in characters, of a title made by [`derive_title`]: a whole clause may take
/// this much, a cut at a word only [`DERIVED_TITLE_CUT_CHARS`].
pub const DERIVED_TITLE_MAX_CHARS: usize = 110;
/// A sentence up to this long is a title whole; past it, a clause or a cut is taken.
pub const DERIVED_TITLE_CUT_CHARS: usize = 80;

/// The parts of one pasted article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paste {
    /// The headline line, or a title derived from the first sentence.
    pub title: Option<String>,
    /// True when `title` was derived from the first sentence rather than found.
    pub title_derived: bool,
    /// A standalone date line such as "١٦ مايو" or "٠٩ فبراير ٢٠٢٢", verbatim.
    pub dateline: Option<String>,
    /// What follows "المصدر:", verbatim.
    pub source: Option<String>,
    /// Photo credits ("الصورة: X" gives X) and whole caption lines ending in an agency credit.
    pub photo_credits: Vec<String>,
    /// The article body as Markdown; empty or ending in one newline.
    pub body_markdown: String,
    /// Furniture lines that were removed, as they stood after whitespace clean-up.
    pub dropped: Vec<String>,
}

/// Why a paste cannot be read at all.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PasteError {
    #[error("the paste is empty")]
    Empty,
    #[error("the paste holds only whitespace")]
    NoText,
    #[error("the paste looks binary (NUL bytes or mostly control characters), not text")]
    Binary,
    #[error("the paste is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge { bytes: usize, limit: usize },
}

/// What the paste parser asks of the date parser, which lives elsewhere.
pub trait DateProbe {
    /// Whether a piece of text carries a date; it decides which dashed lines are
    /// chronology items.
    fn has_date(&self, text: &str) -> bool;
    /// The byte range of a full date (day, month and a year of its own) in `text`.
    fn full_date(&self, text: &str) -> Option<std::ops::Range<usize>>;
}

/// Parses one paste: the lines are classified one by one, then `page::lay_out` finds the
/// headline, the stamp and the body among them.
pub fn parse_paste(raw: &str, dates: &dyn DateProbe) -> Result<Paste, PasteError> {
    check_input(raw)?;
    let lines = lines::read_lines(raw, dates);
    let layout = page::lay_out(&lines);
    let mut paste = fields_around_body(&lines, &layout);
    let body: Vec<&str> = layout
        .body
        .iter()
        .map(|&i| lines[i].text.as_str())
        .collect();
    if let Some((title, derived)) = title::title_of(&lines, layout.title, &body) {
        paste.title = Some(title);
        paste.title_derived = derived;
    }
    paste.body_markdown = body::markdown(&body, dates);
    Ok(paste)
}

/// What the lines outside the headline and the body give: the first source, the photo
/// credits, the chosen stamp as the dateline, and every other line as dropped.
fn fields_around_body(lines: &[Line], layout: &page::Layout) -> Paste {
    let mut paste = Paste::default();
    let in_body: HashSet<usize> = layout.body.iter().copied().collect();
    for (i, line) in lines.iter().enumerate() {
        if in_body.contains(&i) || Some(i) == layout.title {
            continue;
        }
        match &line.kind {
            Kind::Source(value) if paste.source.is_none() && !value.is_empty() => {
                paste.source = Some(value.clone());
            }
            Kind::Photo(value) if !value.is_empty() => paste.photo_credits.push(value.clone()),
            Kind::Stamp { .. } if Some(i) == layout.stamp => {
                paste.dateline = Some(line.text.clone())
            }
            _ => paste.dropped.push(line.text.clone()),
        }
    }
    paste
}

fn check_input(raw: &str) -> Result<(), PasteError> {
    if raw.len() > MAX_PASTE_BYTES {
        return Err(PasteError::TooLarge {
            bytes: raw.len(),
            limit: MAX_PASTE_BYTES,
        });
    }
    if raw.is_empty() {
        return Err(PasteError::Empty);
    }
    if raw.contains('\0') {
        return Err(PasteError::Binary);
    }
    let (mut total, mut control) = (0usize, 0usize);
    for c in raw.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
            control += 1;
        }
    }
    if control * 10 > total {
        return Err(PasteError::Binary);
    }
    if raw.chars().all(is_blank_char) {
        return Err(PasteError::NoText);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Paste {
        match parse_paste(raw, &crate::import::PasteDates) {
            Ok(p) => p,
            Err(e) => panic!("unexpected error {e}"),
        }
    }

    pub(super) const LEAD: &str = "عقد وزراء دفاع الدول الأعضاء اجتماعا في العاصمة الكازاخية اليوم. وناقشوا خطط التدريب المشترك.";
    /// A paragraph that takes up the words of the test headlines, as a body does.
    const ABOUT: &str = "وقال الكرملين إن القمة الطارئة المقبلة في مينسك ستبحث ما تغير في المنظمة بعد أن تنتقل الرئاسة.";
    const SECOND: &str =
        "وقال المتحدث باسم الوزارة إن الاجتماع تناول ملفات عديدة تخص الحدود الجنوبية.";

    #[test]
    fn errors_for_unreadable_input() {
        assert_eq!(
            parse_paste("", &crate::import::PasteDates),
            Err(PasteError::Empty)
        );
        assert_eq!(
            parse_paste(" \n\u{00A0}\r\n\u{200B}\t", &crate::import::PasteDates),
            Err(PasteError::NoText)
        );
        assert_eq!(
            parse_paste("\u{FEFF}", &crate::import::PasteDates),
            Err(PasteError::NoText)
        );
        assert_eq!(
            parse_paste("نص\0نص", &crate::import::PasteDates),
            Err(PasteError::Binary)
        );
        assert_eq!(
            parse_paste("\u{1}\u{2}\u{3}ab", &crate::import::PasteDates),
            Err(PasteError::Binary)
        );
        let big = "ا".repeat(MAX_PASTE_BYTES / 2 + 1);
        assert_eq!(
            parse_paste(&big, &crate::import::PasteDates),
            Err(PasteError::TooLarge {
                bytes: big.len(),
                limit: MAX_PASTE_BYTES
            })
        );
    }

    #[test]
    fn a_few_control_characters_are_not_binary() {
        let raw = format!("{LEAD}\u{7}\n{SECOND}");
        let p = parse(&raw);
        assert!(!p.body_markdown.contains('\u{7}'));
    }

    #[test]
    fn crlf_bom_and_blank_lines_are_normalised() {
        let raw = format!(
            "\u{FEFF}حوار أمني في العاصمة\r\n\r\n\u{00A0}\r\n\u{200F}\r\n{LEAD}\r\n\r\n\r\n{SECOND}\r\n"
        );
        let p = parse(&raw);
        assert_eq!(p.title.as_deref(), Some("حوار أمني في العاصمة"));
        assert!(!p.title_derived);
        assert_eq!(p.body_markdown, format!("{LEAD}\n\n{SECOND}\n"));
    }

    #[test]
    fn no_break_spaces_inside_lines_collapse() {
        let raw = format!("وأكد الوزير\u{00A0}\u{00A0} أن الحوار مستمر. {SECOND}\n{SECOND}");
        let p = parse(&raw);
        assert!(p.body_markdown.starts_with("وأكد الوزير أن الحوار مستمر."));
    }

    #[test]
    fn furniture_lines_are_dropped() {
        let raw = format!(
            "Ru En\n\nوزراء الدفاع يجتمعون في العاصمة\n{LEAD}\nاقرأ أيضاً\nlist of 3 itemsend of list\nإعلان\n***\n{SECOND}\nإعلان"
        );
        let p = parse(&raw);
        assert_eq!(p.title.as_deref(), Some("وزراء الدفاع يجتمعون في العاصمة"));
        assert_eq!(
            p.dropped,
            vec![
                "Ru En",
                "اقرأ أيضاً",
                "list of 3 itemsend of list",
                "إعلان",
                "***",
                "إعلان"
            ]
        );
        assert_eq!(p.body_markdown, format!("{LEAD}\n\n{SECOND}\n"));
    }

    #[test]
    fn source_and_photo_lines_become_fields() {
        let raw = format!(
            "{LEAD}\n{SECOND}\nPhoto : Creative Commons\nالصورة: وزارة الدفاع\nالمصدر: وكالة نوفوستي + مواقع"
        );
        let p = parse(&raw);
        assert_eq!(p.source.as_deref(), Some("وكالة نوفوستي + مواقع"));
        assert_eq!(p.photo_credits, vec!["Creative Commons", "وزارة الدفاع"]);
        assert!(!p.body_markdown.contains("المصدر"));
        assert!(!p.body_markdown.contains("Creative"));
    }

    #[test]
    fn caption_with_agency_credit_is_a_photo_credit() {
        let caption = "جنود خلال مناورات مشتركة قرب الحدود (الفرنسية)";
        let raw = format!("{LEAD}\n{caption}\n{SECOND}");
        let p = parse(&raw);
        assert_eq!(p.photo_credits, vec![caption]);
        assert!(!p.body_markdown.contains("جنود خلال"));
    }

    #[test]
    fn parenthesis_that_is_not_an_agency_stays_in_the_body() {
        let line = "وتتعاون المنظمة مع حلف شمال الأطلسي (ناتو)";
        let raw = format!("{LEAD}\n{line}\n{SECOND}");
        let p = parse(&raw);
        assert!(p.photo_credits.is_empty());
        assert!(p.body_markdown.contains("(ناتو)"));
    }

    #[test]
    fn footer_promo_before_credits_is_dropped() {
        let promo = "منتدى الحوار الإقليمي \"الشرق والغرب\"";
        let raw = format!("{LEAD}\n{SECOND}\n{promo}\nالصورة: أرشيف\nالمصدر: سبوتنيك");
        let p = parse(&raw);
        assert_eq!(p.dropped, vec![promo]);
        assert!(!p.body_markdown.contains("منتدى"));
    }

    #[test]
    fn last_sentence_before_source_is_kept() {
        let last = "وانتهى الاجتماع دون بيان ختامي.";
        let raw = format!("{LEAD}\n{SECOND}\n{last}\nالمصدر: سبوتنيك");
        let p = parse(&raw);
        assert!(p.dropped.is_empty());
        assert!(p.body_markdown.contains(last));
    }

    #[test]
    fn short_unpunctuated_line_after_the_text_is_the_footer() {
        let raw = format!("{LEAD}\n{SECOND}\nاسم الصحيفة اليومية");
        let p = parse(&raw);
        assert_eq!(p.dropped, vec!["اسم الصحيفة اليومية"]);
        assert!(p.body_markdown.ends_with(&format!("{SECOND}\n")));
    }

    #[test]
    fn dateline_in_either_digit_system() {
        for date in [
            "٢٣ يونيو",
            "٠٣ أكتوبر ٢٠٢٣",
            "5 آذار 2021",
            "الثلاثاء 12/03/2024",
        ] {
            let raw = format!("Ru En\nاجتماع لوزراء دفاع المنظمة.\n{date}\n{LEAD}\n{SECOND}");
            let p = parse(&raw);
            assert_eq!(p.dateline.as_deref(), Some(date), "{date}");
            assert_eq!(p.title.as_deref(), Some("اجتماع لوزراء دفاع المنظمة."));
            assert!(!p.body_markdown.contains(date));
        }
    }

    #[test]
    fn date_only_line_mid_body_is_a_heading() {
        let raw = format!("{LEAD}\n{SECOND}\nنوفمبر 2021\n{ABOUT}");
        let p = parse(&raw);
        assert_eq!(p.dateline, None);
        assert!(p.body_markdown.contains("## نوفمبر 2021\n"));
    }

    #[test]
    fn headline_endings() {
        // No final punctuation, question, ellipsis: headline without further evidence.
        for title in [
            "الكرملين: القمة المقبلة في \"مينسك\"",
            "ما الذي تغير في المنظمة؟",
            "قمة طارئة.. والرئاسة تنتقل",
        ] {
            let p = parse(&format!("{title}\n{LEAD}\n{ABOUT}"));
            assert_eq!(p.title.as_deref(), Some(title), "{title}");
            assert!(!p.title_derived);
            assert!(!p.body_markdown.contains(title));
        }
    }

    #[test]
    fn short_period_line_needs_evidence_to_be_a_headline() {
        let lead = "أعلنت المنظمة بدء مناورات مشتركة.";
        for raw in [
            format!("{lead}\n{SECOND}"),
            format!("Ru En\n{lead}\n{SECOND}"),
        ] {
            let p = parse(&raw);
            assert!(p.title_derived, "{raw}");
            assert!(p.body_markdown.starts_with(lead));
        }
        // The stamp under it is the evidence.
        let p = parse(&format!("Ru En\n{lead}\n١٦ مايو\n{SECOND}"));
        assert!(!p.title_derived);
        assert_eq!(p.title.as_deref(), Some(lead));
        assert_eq!(p.dateline.as_deref(), Some("١٦ مايو"));
    }

    #[test]
    fn headline_printed_twice_beside_its_stamp_among_menus() {
        let title = "وزراء دفاع المنظمة يجتمعون في العاصمة الكازاخية";
        let raw = format!(
            "اسم الموقع\nالرئيسية\nأخبار\nسياسة\nالرئيسية   أخبار   العالم   اقتصاد\n{title}\nالعالم\n{title}\nتاريخ النشر:05.07.2012 | 14:27 GMT\n{LEAD}\n{SECOND}\nشارك   تويتر   فيسبوك\nالكلمات الدلالية:\nالمنظمة   العاصمة\n© الموقع 2005–2012"
        );
        let p = parse(&raw);
        assert_eq!(p.title.as_deref(), Some(title));
        assert!(!p.title_derived);
        assert_eq!(
            p.dateline.as_deref(),
            Some("تاريخ النشر:05.07.2012 | 14:27 GMT")
        );
        assert_eq!(p.body_markdown, format!("{LEAD}\n\n{SECOND}\n"));
    }

    #[test]
    fn standfirst_under_the_headline_is_not_the_headline() {
        let title = "وزراء دفاع المنظمة يجتمعون في العاصمة";
        let standfirst = "وزراء دفاع المنظمة يجتمعون، للمرة الأولى منذ عامين، في العاصمة الكازاخية.";
        let raw = format!("{title}\n{standfirst}\nالموقع\n6 حزيران 2022 16:05\n{LEAD}\n{SECOND}");
        let p = parse(&raw);
        assert_eq!(p.title.as_deref(), Some(title));
        assert_eq!(p.dateline.as_deref(), Some("6 حزيران 2022 16:05"));
        assert!(p.body_markdown.starts_with(standfirst));
    }

    #[test]
    fn breadcrumbs_site_names_and_comments_stay_out() {
        let title = "وزراء دفاع المنظمة يجتمعون في العاصمة الكازاخية";
        let raw = format!(
            "الرئيسية » أخبار » العالم\n{title} | صحيفة المثال\n{LEAD}\n{SECOND}\nالتعليقات\nتعليق قارئ طويل يقول إن الاجتماع لم يأت بجديد، وإن المنظمة لن تتغير أبدا.\n© صحيفة المثال 2024"
        );
        let p = parse(&raw);
        assert_eq!(p.title.as_deref(), Some(title));
        assert_eq!(p.body_markdown, format!("{LEAD}\n\n{SECOND}\n"));
        assert!(p.dropped.contains(&"الرئيسية » أخبار » العالم".to_string()));
    }

    #[test]
    fn a_site_name_above_the_headline_is_not_the_headline() {
        let title = "وزراء الدفاع يناقشون خطط التدريب المشترك";
        let p = parse(&format!(
            "وكالة الأنباء الوطنية للإعلام\n{title}\n{LEAD}\n{SECOND}"
        ));
        assert_eq!(p.title.as_deref(), Some(title));
        assert!(p
            .dropped
            .contains(&"وكالة الأنباء الوطنية للإعلام".to_string()));
    }

    #[test]
    fn a_stamp_in_english_is_the_stamp() {
        let title = "وزراء دفاع المنظمة يجتمعون في العاصمة الكازاخية";
        let p = parse(&format!("{title}\nNovember 23, 2023\n{LEAD}\n{SECOND}"));
        assert_eq!(p.title.as_deref(), Some(title));
        assert_eq!(p.dateline.as_deref(), Some("November 23, 2023"));
    }

    #[test]
    fn a_box_of_related_headlines_ends_the_text() {
        let raw = format!(
            "{LEAD}\n{SECOND}\nأخبار ذات صلة\nعنوان خبر آخر عن المنظمة\nعنوان خبر ثان عن القمة\nعنوان خبر ثالث عن المناورات\nالموقع محرك بحث إخباري، ينشر ما تنشره المصادر كما هو، ولا يتحمل مسؤولية المحتوى."
        );
        let p = parse(&raw);
        assert_eq!(p.body_markdown, format!("{LEAD}\n\n{SECOND}\n"));
        // One line of links inside the text is a box the text resumes after.
        let raw = format!("{LEAD}\nاقرأ أيضا\nlist of 4 itemsend of list\n{SECOND}");
        assert_eq!(parse(&raw).body_markdown, format!("{LEAD}\n\n{SECOND}\n"));
        // Nor is a box of headlines inside the text when the text goes on after it.
        let raw = format!(
            "{LEAD}\nاقرأ أيضا\nعنوان خبر آخر عن المنظمة\nعنوان خبر ثان عن القمة\nعنوان خبر ثالث عن المناورات\n{SECOND}\n{ABOUT}"
        );
        assert_eq!(
            parse(&raw).body_markdown,
            format!("{LEAD}\n\n{SECOND}\n\n{ABOUT}\n")
        );
    }

    #[test]
    fn tickers_tweets_and_related_headlines_are_not_the_text() {
        let raw = format!(
            "سعر الدولار اليوم الأربعاء 19-11-2025    غلق طريق أمام الجامعة\n{LEAD}\nIn #Aktobe, the police reportedly announced it would not act:\n— Some One (@someone) January 5, 2022\n{SECOND}\nاقرأ أيضاً\nالكرملين يأسف لعدم المشاركة في قمة مينسك في 23 نوفمبر\nروسيا"
        );
        let p = parse(&raw);
        assert_eq!(p.body_markdown, format!("{LEAD}\n\n{SECOND}\n"));
        assert!(p.dateline.is_none());
        assert!(p.title_derived);
    }

    #[test]
    fn colon_or_long_or_multi_sentence_first_line_is_body() {
        for first in ["وقال الأمين العام:", LEAD, &format!("{SECOND} {SECOND}")] {
            let p = parse(&format!("{first}\n{SECOND}"));
            assert!(p.title_derived, "{first}");
            assert!(p.body_markdown.starts_with(first.trim_end_matches(':')));
        }
    }

    #[test]
    fn lone_line_is_body_with_derived_title() {
        let p = parse("تدريبات مشتركة");
        assert_eq!(p.title.as_deref(), Some("تدريبات مشتركة"));
        assert!(p.title_derived);
        assert_eq!(p.body_markdown, "تدريبات مشتركة\n");
    }

    #[test]
    fn short_unpunctuated_lines_between_paragraphs_are_headings() {
        let raw = format!(
            "{LEAD}\nالوضع على الحدود\n{SECOND}\nمناورات \"الأخوة 2024\"\n{SECOND}\nوقال الوزير:\n\"نحن مستعدون\"\n{SECOND}"
        );
        let p = parse(&raw);
        assert!(p.body_markdown.contains("\n## الوضع على الحدود\n"));
        assert!(p.body_markdown.contains("\n## مناورات \"الأخوة 2024\"\n"));
        // Ends in a colon, opens with a quote: not headings.
        assert!(p.body_markdown.contains("\nوقال الوزير:\n"));
        assert!(p.body_markdown.contains("\n\"نحن مستعدون\"\n"));
    }

    #[test]
    fn heading_needs_text_after_it() {
        let raw = format!("{LEAD}\n{SECOND}\nخاتمة قصيرة");
        let p = parse(&raw);
        assert!(!p.body_markdown.contains("##"));
    }

    #[test]
    fn dated_dash_lines_form_one_list() {
        let raw = format!(
            "{LEAD}\nـ 3 مارس 1995: توقيع البروتوكول.\nإعلان\nـ عام 1999: تمديد المعاهدة.\n– 2002: ميثاق جديد.\n{SECOND}"
        );
        let p = parse(&raw);
        assert_eq!(
            p.body_markdown,
            format!(
                "{LEAD}\n\n- 3 مارس 1995: توقيع البروتوكول.\n- عام 1999: تمديد المعاهدة.\n- 2002: ميثاق جديد.\n\n{SECOND}\n"
            )
        );
    }

    #[test]
    fn undated_dash_line_inside_a_chronology_is_an_item() {
        let raw = format!(
            "{LEAD}\nـ عام 2001: إنشاء قوة الرد.\nـ وشاركت فيها وحدات من كل الدول.\nـ عام 2003: أول مناورة.\n{SECOND}"
        );
        let p = parse(&raw);
        assert!(p
            .body_markdown
            .contains("\n- وشاركت فيها وحدات من كل الدول.\n"));
    }

    #[test]
    fn undated_dash_lines_are_paragraphs_without_the_dash() {
        let raw =
            format!("{LEAD}\nـ يقع المقر في العاصمة.\nـ ويتولى الرئاسة عضو كل عام.\n{SECOND}");
        let p = parse(&raw);
        assert!(p.body_markdown.contains("\n\nيقع المقر في العاصمة.\n\n"));
        assert!(!p.body_markdown.contains("ـ "));
        assert!(!p.body_markdown.contains("- "));
    }

    #[test]
    fn dash_lines_after_a_colon_are_a_list() {
        let raw = format!(
            "{LEAD}\nللمنظمة أهداف أبرزها:\n– حماية الحدود المشتركة.\n– مكافحة الإرهاب.\nـ وتعمل بالإجماع.\n{SECOND}"
        );
        let p = parse(&raw);
        assert!(p.body_markdown.contains(
            "أبرزها:\n\n- حماية الحدود المشتركة.\n- مكافحة الإرهاب.\n\nوتعمل بالإجماع.\n\n"
        ));
    }

    #[test]
    fn escaped_text_renders_as_written() {
        let line = "1. *تنبيه*: <script> & [ملاحظة] `رمز` # نهاية.";
        let raw = format!("{LEAD}\n{line}\n{SECOND}");
        let p = parse(&raw);
        let parser = pulldown_cmark::Parser::new(&p.body_markdown);
        let mut text = String::new();
        for event in parser {
            match event {
                pulldown_cmark::Event::Text(t) => text.push_str(&t),
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Paragraph) => {}
                pulldown_cmark::Event::End(_) => text.push('\n'),
                other => panic!("unexpected markdown event {other:?}"),
            }
        }
        assert!(text.contains(line), "{text}");
    }

    #[test]
    fn quotes_are_kept_as_written() {
        let line = "وقال: «نحن هنا» و\"هناك\" و“هنالك”.";
        let p = parse(&format!("{LEAD}\n{line}"));
        assert!(p.body_markdown.contains(line));
    }

    #[test]
    fn all_furniture_gives_empty_body() {
        let p = parse("Ru En\nإعلان\n");
        assert_eq!(p.title, None);
        assert_eq!(p.body_markdown, "");
        assert_eq!(p.dropped.len(), 2);
    }
}
