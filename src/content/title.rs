//! What a title may be on the site: never a cut sentence ending in "…" (a title cut that way is
//! shown as its longest run of whole clauses, as the importer derives titles), and never
//! repeated by the summary under it.

use crate::arabic;

/// Words a title should not end on: a title cut after them reads as broken.
pub const DANGLING_WORDS: &[&str] = &[
    "و",
    "في",
    "من",
    "إلى",
    "على",
    "عن",
    "مع",
    "ب",
    "ل",
    "أن",
    "إن",
    "أو",
    "ثم",
    "بين",
    "حول",
    "لدى",
    "عند",
    "منذ",
    "خلال",
    "التي",
    "الذي",
    "الذين",
    "قد",
    "لم",
    "لن",
    "ما",
    "لا",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "كما",
    "بعد",
    "قبل",
    "ضد",
    "نحو",
    "عبر",
    "بأن",
    "وفي",
    "ومن",
    "أي",
];

/// Fewest words a run of clauses keeps before it is worth cutting there.
const MIN_CLAUSE_WORDS: usize = 4;

/// Trims what a title must not end with: separators, dangling prepositions and
/// conjunctions, and the open half of a quote or parenthesis.
pub fn tidy_end(s: &str) -> String {
    let mut t = s.trim().to_string();
    loop {
        let before = t.clone();
        t = t
            .trim_end_matches([
                '،', ',', ':', ';', '؛', '-', '–', '—', '/', ' ', '(', '«', '“',
            ])
            .to_string();
        if t.matches('"').count() % 2 == 1 {
            if let Some(q) = t.rfind('"') {
                t.truncate(q);
            }
        }
        if let (Some(open), close) = (t.rfind('('), t.rfind(')')) {
            if close.is_none_or(|c| c < open) {
                t.truncate(open);
            }
        }
        if let (Some(open), close) = (t.rfind('«'), t.rfind('»')) {
            if close.is_none_or(|c| c < open) {
                t.truncate(open);
            }
        }
        if let Some((head, last)) = t.rsplit_once(' ') {
            if DANGLING_WORDS.contains(&last) {
                t = head.to_string();
            }
        }
        t = t.trim().to_string();
        if t == before {
            return t;
        }
    }
}

/// Where the clauses of `s` end, first to last: the byte offset of each "،", ",", ":", "؛",
/// ";" and of each dash after a space.
pub fn clause_ends(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.char_indices()
        .filter(|&(i, c)| {
            matches!(c, '،' | ',' | ':' | '؛' | ';')
                || (matches!(c, '-' | '–' | '—') && s[..i].ends_with(' '))
        })
        .map(|(i, _)| i)
}

/// A title that ends in an ellipsis ("…" or "..."), as older imports cut long first
/// sentences, as it is shown: [`whole_clauses`] of what comes before the cut. `None` when the
/// title does not end in an ellipsis.
pub fn without_ellipsis(title: &str) -> Option<String> {
    let trimmed = title.trim();
    let cut = trimmed
        .strip_suffix('…')
        .or_else(|| trimmed.strip_suffix("..."))?
        .trim_end();
    Some(whole_clauses(cut))
}

/// The start of a longer text cut at `cut`, as the site shows it without an ellipsis: the
/// longest run of whole clauses (ended at "،", ":", "؛" or a spaced dash, keeping at least
/// four words), else its whole words with no dangling preposition, tidied.
pub fn whole_clauses(cut: &str) -> String {
    let clause_end = clause_ends(cut)
        .filter(|&i| cut[..i].split_whitespace().count() >= MIN_CLAUSE_WORDS)
        .last();
    let whole = match clause_end {
        Some(end) => tidy_end(&cut[..end]),
        None => tidy_end(cut),
    };
    if whole.is_empty() {
        cut.to_string()
    } else {
        whole
    }
}

/// Whether `a` and `b` say the same thing as far as a reader of a card goes: after folding
/// letters and dropping everything but letters and digits, one begins with the whole of the
/// other (a title derived from the first sentence, and a summary that is that sentence).
pub fn repeats(a: &str, b: &str) -> bool {
    let fold = |s: &str| -> String {
        arabic::normalize(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let (a, b) = (fold(a), fold(b));
    !a.is_empty() && !b.is_empty() && (a.starts_with(&b) || b.starts_with(&a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_cut_with_an_ellipsis_keeps_its_whole_clauses() {
        assert_eq!(
            without_ellipsis(
                "أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري في العاصمة، الذي حضره وزراء الدفاع…"
            )
            .as_deref(),
            Some("أكدت الدول الأعضاء في المنظمة خلال اجتماعها الدوري في العاصمة")
        );
        // No clause: the whole words, never ending on a preposition.
        assert_eq!(
            without_ellipsis("تهدف المنظمة في المستقبل القريب إلى...").as_deref(),
            Some("تهدف المنظمة في المستقبل القريب")
        );
        assert_eq!(without_ellipsis("هل تتوسع المنظمة؟"), None);
    }

    #[test]
    fn a_summary_that_opens_with_the_title_repeats_it() {
        let title = "تهدف منظمة معاهدة الأمن الجماعي (CSTO) إلى حل التناقضات";
        assert!(repeats(
            title,
            "تهدف منظمة معاهدة الامن الجماعي (CSTO) إلى حل التناقضات بين أعضائها. صرح بذلك الأمين العام."
        ));
        assert!(repeats(title, title));
        assert!(!repeats(title, "صرح بذلك الأمين العام."));
        assert!(!repeats(title, ""));
    }
}
