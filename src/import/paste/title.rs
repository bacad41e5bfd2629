//! The title: the headline the page model chose, without the site name a browser's title
//! bar adds, or, when the page has none, a short title derived from the body's first
//! sentence ([`derive_title`]).

use super::lexicon::fold;
use super::lines::{clean_line, ending, sentence_break, split_dash, Ending, Line};
use super::{DERIVED_TITLE_CUT_CHARS, DERIVED_TITLE_MAX_CHARS};
use crate::content::title::{clause_ends, tidy_end as tidy_title_end};

/// Longest site name a headline may carry after a separator.
const SITE_NAME_WORDS: usize = 4;

/// The title and whether it was derived: the headline at `headline`, without a site name
/// the page prints elsewhere, else a title derived from the first body line.
pub(super) fn title_of(
    lines: &[Line],
    headline: Option<usize>,
    body: &[&str],
) -> Option<(String, bool)> {
    if let Some(t) = headline {
        return Some((without_site_name(&lines[t].text, lines, t), false));
    }
    let derived = derive_title(body.first()?);
    (!derived.is_empty()).then_some((derived, true))
}

/// A short title from the first sentence of a paragraph: the sentence itself when it fits
/// in [`DERIVED_TITLE_CUT_CHARS`] characters (without a final "."), otherwise its longest
/// run of whole clauses that fits (cut after "،", ":", "؛" or before a spaced dash), and only
/// when no clause fits, its longest run of words; never ending on a preposition or an
/// unclosed quote, and never with "…": a title reads as a title, not as a cut sentence.
pub fn derive_title(first_paragraph: &str) -> String {
    let cleaned = clean_line(first_paragraph);
    let text = split_dash(&cleaned).map_or(cleaned.as_str(), |(_, rest)| rest);
    let sentence = first_sentence(text);
    let mut title = sentence.trim().to_string();
    // A title carries no full stop; a question mark or "!" is part of its meaning.
    if ending(&title) == Ending::Period && title.ends_with('.') {
        title.pop();
    }
    if title.chars().count() <= DERIVED_TITLE_CUT_CHARS {
        let tidy = tidy_title_end(&title);
        if !tidy.is_empty() {
            return tidy;
        }
    }
    let fits = |s: &str| s.chars().count() <= DERIVED_TITLE_MAX_CHARS;
    let clause_end = clause_ends(&title)
        .take_while(|&i| fits(&title[..i]))
        .filter(|&i| title[..i].split(' ').filter(|w| !w.is_empty()).count() >= 4)
        .last();
    if let Some(end) = clause_end {
        let tidy = tidy_title_end(&title[..end]);
        if !tidy.is_empty() {
            return tidy;
        }
    }
    let mut cut = String::new();
    for word in title.split(' ') {
        let needed = cut.chars().count() + usize::from(!cut.is_empty()) + word.chars().count();
        if needed > DERIVED_TITLE_CUT_CHARS {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        // One enormous "word" (a URL, a run of letters): a hard cut is all that is left.
        cut = title.chars().take(DERIVED_TITLE_CUT_CHARS).collect();
    }
    let tidy = tidy_title_end(&cut);
    if tidy.is_empty() {
        cut.trim().to_string()
    } else {
        tidy
    }
}

/// A headline copied from the browser's title bar carries the site's name after a
/// separator ("… | الشرق الأوسط"): the name goes when another line of the page holds it.
fn without_site_name(title: &str, lines: &[Line], at: usize) -> String {
    for sep in [" | ", " - ", " – ", " — "] {
        let Some((head, tail)) = title.rsplit_once(sep) else {
            continue;
        };
        let tail_folded = fold(tail.trim());
        let short = tail.split(' ').filter(|w| !w.is_empty()).count() <= SITE_NAME_WORDS;
        let elsewhere = lines
            .iter()
            .enumerate()
            .any(|(i, l)| i != at && fold(&l.text).contains(&tail_folded));
        if short && !tail_folded.is_empty() && elsewhere && head.split(' ').count() >= 3 {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

fn first_sentence(s: &str) -> &str {
    match sentence_break(s, &['.', '!', '?', '؟', '…']) {
        Some(end) => s.get(..end).unwrap_or(s),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::title::DANGLING_WORDS;
    use crate::import::paste::tests::LEAD;

    #[test]
    fn derive_title_takes_first_sentence() {
        assert_eq!(
            derive_title(LEAD),
            "عقد وزراء دفاع الدول الأعضاء اجتماعا في العاصمة الكازاخية اليوم"
        );
        assert_eq!(
            derive_title("هل تتوسع المنظمة؟ سؤال قديم."),
            "هل تتوسع المنظمة؟"
        );
        assert_eq!(
            derive_title("ـ 12 مايو 2002: تأسيس المنظمة."),
            "12 مايو 2002: تأسيس المنظمة"
        );
        assert_eq!(derive_title(""), "");
    }

    #[test]
    fn derive_title_cuts_long_sentences_at_a_word() {
        let long = "أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري الذي عقد في العاصمة أهمية تعزيز التعاون العسكري والتقني بين جيوشها في مواجهة التهديدات.";
        let t = derive_title(long);
        assert!(t.chars().count() <= DERIVED_TITLE_MAX_CHARS, "{t}");
        assert!(!t.contains('…'));
        let words: Vec<&str> = t.split(' ').collect();
        assert!(words.iter().all(|w| long.split(' ').any(|lw| lw == *w)));
        assert!(!DANGLING_WORDS.contains(words.last().unwrap_or(&"")));
    }

    #[test]
    fn derive_title_keeps_whole_clauses() {
        let long = "أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري في العاصمة، الذي حضره وزراء الدفاع والخارجية، أهمية تعزيز التعاون العسكري.";
        assert_eq!(
            derive_title(long),
            "أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري في العاصمة، الذي حضره وزراء الدفاع والخارجية"
        );
    }

    #[test]
    fn derive_title_never_leaves_an_open_quote() {
        let text = "وقال الأمين العام في كلمته أمام المؤتمر الصحفي الموسع \"إن المنظمة ستواصل العمل مع جميع الشركاء الإقليميين والدوليين دون استثناء\"";
        let t = derive_title(text);
        assert_eq!(t.matches('"').count() % 2, 0, "{t}");
        assert!(t.chars().count() <= DERIVED_TITLE_MAX_CHARS);
    }

    #[test]
    fn derive_title_hard_cuts_one_huge_word() {
        let t = derive_title(&"ب".repeat(300));
        assert_eq!(t.chars().count(), DERIVED_TITLE_CUT_CHARS);
    }
}
