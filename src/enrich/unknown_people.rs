//! Names an article gives that people.yaml lacks, for `check` to suggest adding them.
//!
//! Two signs that a run of words is a person's name:
//! - a capitalised Latin name of two or three words in parentheses, as Arabic papers give
//!   a foreign name beside its Arabic spelling: `(Alex Kokcharov)`;
//! - two name-like words after a title (الرئيس، الأمين العام، وزير، المتحدث…), past the
//!   words that qualify the title (الخارجية الروسي، لمنظمة معاهدة الأمن الجماعي، أرمينيا),
//!   whose last word (the surname) the article names again.
//!
//! A name the people matcher already finds is never a candidate. The rules err towards
//! silence: a warning is a suggestion, and one that is often wrong gets ignored.

use std::collections::BTreeSet;

use super::gazetteer::{Matcher, Stemmed};
use crate::arabic::{self, Token};

/// Titles (normalised) that a person's name follows.
const TITLES: [&str; 18] = [
    "الرئيس",
    "الرئيسه",
    "رئيس",
    "رئيسه",
    "الامين",
    "وزير",
    "وزيره",
    "المتحدث",
    "المتحدثه",
    "نائب",
    "الجنرال",
    "الفريق",
    "اللواء",
    "العقيد",
    "السفير",
    "مساعد",
    "قائد",
    "المستشار",
];

/// Words (normalised, without the article) that qualify a title rather than name a person.
const QUALIFIERS: [&str; 30] = [
    "منظمه",
    "معاهده",
    "امن",
    "جماعي",
    "عام",
    "وزراء",
    "مجلس",
    "باسم",
    "دوله",
    "جمهوريه",
    "خارجيه",
    "دفاع",
    "داخليه",
    "شؤون",
    "حكومه",
    "اركان",
    "هيئه",
    "قوات",
    "وزاره",
    "لجنه",
    "برلمان",
    "دوما",
    "الدوما",
    "الامن",
    "اداره",
    "الاداره",
    "صحفي",
    "رسمي",
    "الرسمي",
    "اول",
];

/// Words that follow a title but end the search: verbs and particles.
const STOPS: [&str; 24] = [
    "في", "من", "على", "عن", "الي", "ان", "انه", "قال", "قد", "لم", "لن", "كان", "مع", "الذي",
    "التي", "هو", "هي", "او", "ثم", "بعد", "قبل", "خلال", "حول", "اعلن",
];

/// How many qualifying words may stand between a title and the name.
const MAX_QUALIFIERS: usize = 6;

/// A name an article gives that the people matcher does not know, where it was first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// As the article writes it.
    pub name: String,
    /// The index of the part (the title, or the text) it was first seen in.
    pub part: usize,
    /// How often its surname is named in the article.
    pub times: usize,
}

/// The candidates of an article's `parts` (its title and text), each once, in the order
/// first seen. `known` finds the people of people.yaml; `state_words` are the normalised
/// words of state names and adjectives, which qualify a title (رئيس كازاخستان).
pub fn candidates(
    parts: &[&str],
    known: &Matcher<usize>,
    state_words: &BTreeSet<String>,
) -> Vec<Candidate> {
    let stemmed: Vec<std::rc::Rc<Stemmed>> = parts.iter().map(|p| Stemmed::shared(p)).collect();
    // Surnames as the article writes them, behind a clitic or not.
    let mut surname_counts: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for s in &stemmed {
        for t in &s.tokens {
            *surname_counts.entry(bare(&t.text)).or_default() += 1;
            if bare(&t.text) != t.text {
                *surname_counts.entry(t.text.as_str()).or_default() += 1;
            }
        }
    }
    let mut found: Vec<Candidate> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (part, (text, s)) in parts.iter().zip(&stemmed).enumerate() {
        let mut covered = vec![false; s.tokens.len()];
        for h in known.find_all(s).iter() {
            covered[h.start..h.end].fill(true);
        }
        let covered = |i: usize| covered.get(i).copied().unwrap_or(false);
        let mut add = |name: String, times: usize| {
            if seen.insert(arabic::normalize(&name)) {
                found.push(Candidate { name, part, times });
            }
        };
        for name in latin_in_parentheses(text) {
            add(name, 1);
        }
        let tokens = &s.tokens;
        for i in 0..tokens.len() {
            if !TITLES.contains(&tokens[i].text.as_str()) {
                continue;
            }
            let Some((a, b)) = name_after(text, tokens, i, state_words) else {
                continue;
            };
            if covered(a) || covered(b) {
                continue;
            }
            let surname = tokens[b].text.as_str();
            let times = surname_counts.get(surname).copied().unwrap_or(0);
            if times >= 2 {
                add(text[tokens[a].start..tokens[b].end].to_string(), times);
            }
        }
    }
    found
}

/// A word without one leading و، ف، ب، ل or ك when what is left is still a word.
fn bare(word: &str) -> &str {
    match word.chars().next() {
        Some(c @ ('و' | 'ف' | 'ب' | 'ل' | 'ك')) if word.chars().count() > 3 => {
            &word[c.len_utf8()..]
        }
        _ => word,
    }
}

/// The two tokens of a name after the title at `title`: past its qualifiers, two
/// name-like words with nothing but space between them and the title's last word.
fn name_after(
    text: &str,
    tokens: &[Token],
    title: usize,
    state_words: &BTreeSet<String>,
) -> Option<(usize, usize)> {
    let mut i = title + 1;
    let mut qualifiers = 0;
    while i < tokens.len() && qualifies(&tokens[i].text, state_words) {
        if !joined(text, &tokens[i - 1], &tokens[i]) {
            return None;
        }
        qualifiers += 1;
        if qualifiers > MAX_QUALIFIERS {
            return None;
        }
        i += 1;
    }
    let (a, b) = (i, i + 1);
    if b >= tokens.len() || !joined(text, &tokens[a - 1], &tokens[a]) {
        return None;
    }
    if !joined(text, &tokens[a], &tokens[b]) {
        return None;
    }
    let name_like = |t: &Token| {
        let w = t.text.as_str();
        w.chars().count() >= 3
            && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
            && !w.starts_with("ال")
            && !STOPS.contains(&w)
            && !TITLES.contains(&w)
            && !qualifies(w, state_words)
    };
    // A surname ending in ة is far more often a noun: أعلن رئيس الوزراء تجميد مشاركة…
    let surname_like = |t: &Token| !t.text.ends_with('ه');
    (name_like(&tokens[a]) && name_like(&tokens[b]) && surname_like(&tokens[b])).then_some((a, b))
}

/// A word that qualifies a title: with the article (الخارجية، الروسي), a word of the
/// organisation's or an office's name, or a state's name.
fn qualifies(word: &str, state_words: &BTreeSet<String>) -> bool {
    let plain = word
        .strip_prefix("لل")
        .or_else(|| word.strip_prefix("ال"))
        .or_else(|| word.strip_prefix('ل'))
        .unwrap_or(word);
    word.starts_with("ال")
        || word.starts_with("لل")
        || QUALIFIERS.contains(&plain)
        || QUALIFIERS.contains(&word)
        || state_words.contains(word)
        || state_words.contains(bare(word))
}

/// Two tokens with only spaces between them (no comma, full stop, bracket or blank line).
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.end..b.start).is_some_and(|between| {
        between.chars().all(char::is_whitespace) && between.matches('\n').count() < 2
    })
}

/// Capitalised Latin names of two or three words standing alone in parentheses.
fn latin_in_parentheses(text: &str) -> Vec<String> {
    /// Words of organisations' and places' names, never of a person's.
    const NOT_NAMES: [&str; 16] = [
        "Organization",
        "Organisation",
        "Treaty",
        "Security",
        "Collective",
        "Council",
        "Union",
        "Forces",
        "Force",
        "Ministry",
        "Agency",
        "News",
        "Federation",
        "Republic",
        "Nations",
        "United",
    ];
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let inner = rest[..close].trim();
        let words: Vec<&str> = inner.split([' ', '-']).collect();
        let capitalised = |w: &&str| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_ascii_uppercase())
                && cs.clone().count() >= 1
                && cs.all(|c| c.is_ascii_lowercase())
        };
        if (2..=3).contains(&words.len())
            && words.iter().all(capitalised)
            && !words.iter().any(|w| NOT_NAMES.contains(w))
        {
            out.push(inner.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Matcher<usize> {
        let people: Vec<crate::data::people::Person> = crate::yaml::parse(
            std::path::Path::new("people.yaml"),
            "- {slug: vladimir-putin, name_ar: فلاديمير بوتين, name_en: Vladimir Putin, role_ar: رئيس}\n",
            1,
        )
        .expect("test people parse");
        super::super::people::matcher(&people)
    }

    fn states() -> BTreeSet<String> {
        ["روسيا", "ارمينيا", "كازاخستان"]
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn names(parts: &[&str]) -> Vec<String> {
        candidates(parts, &known(), &states())
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn candidate_rows() {
        let rows: &[(&[&str], &[&str])] = &[
            // A title, its qualifiers, a name, and the surname again.
            (
                &["قال وزير الخارجية الروسي سيرغي لافروف إن", "وأضاف لافروف"],
                &["سيرغي لافروف"],
            ),
            (
                &[
                    "الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس قال",
                    "وشكر زاس",
                ],
                &["ستانيسلاف زاس"],
            ),
            (
                &["رئيس وزراء أرمينيا نيكول باشينيان. ثم باشينيان"],
                &["نيكول باشينيان"],
            ),
            // Named once only: not enough to look like a person the dossier follows.
            (&["قال وزير الخارجية الروسي سيرغي لافروف إن"], &[]),
            // Known people are not candidates.
            (&["قال الرئيس فلاديمير بوتين إن بوتين"], &[]),
            // A verb or a comma after the title is not a name.
            (&["قال الرئيس في كلمة في الرئيس في"], &[]),
            (&["الرئيس، نيكول باشينيان وباشينيان"], &[]),
            (&["قال الرئيس\n\nنيكول باشينيان وباشينيان"], &[]),
            (
                &["أعلن رئيس الوزراء تجميد مشاركة الجمهورية، ثم المشاركة ومشاركة"],
                &[],
            ),
            // Latin names in parentheses; organisations are not names.
            (&["المحلل أليكس (Alex Kokcharov) قال"], &["Alex Kokcharov"]),
            (
                &["المنظمة (Collective Security Treaty Organization) و(CSTO)"],
                &[],
            ),
            (&[""], &[]),
        ];
        for (parts, want) in rows {
            assert_eq!(names(parts), *want, "{parts:?}");
        }
    }

    #[test]
    fn each_name_once_at_its_first_part() {
        let parts = [
            "عنوان",
            "قال وزير الدفاع سيرغي شويغو",
            "ثم قال وزير الدفاع سيرغي شويغو",
        ];
        let found = candidates(&parts, &known(), &states());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].part, found[0].times), (1, 2));
    }
}
