//! `states`: which member states an article mentions, and how often.
//!
//! Every state's Arabic name, official name and `variants` (adjectives, old names, other
//! spellings) count one mention each; its `capital_variants` are weaker evidence, because
//! موسكو and الكرملين stand for the Russian government and for the seat of the CSTO as often
//! as for Russia itself. Counting rule:
//!
//! `mentions = name hits + capital hits / 2` (integer division)
//!
//! so two capital hits weigh as much as one name, and a state named only through its
//! capital needs at least two capital mentions to be listed at all.
//!
//! A state name is a person's first name now and then (جورجيا ميلوني, the Italian prime
//! minister). Two general rules take such words out:
//! - a person from people.yaml whose name covers the word wins over the state (this also
//!   keeps نور سلطان in نور سلطان نزارباييف from counting as the Kazakh capital);
//! - a word right after a definite personal title (السيدة، الممثلة، المغني…) is a name in
//!   apposition, not a place. Heads like رئيسة are left out on purpose: رئيسة جورجيا is
//!   the President of Georgia (an idafa), and only the person rule can tell it apart from
//!   رئيسة الوزراء الإيطالية جورجيا ميلوني.

use crate::error::Diagnostic;
use std::collections::BTreeMap;

use super::gazetteer::{Clitics, Hit, Matcher, Stemmed, View};
use super::{EnrichContext, Enricher};
use crate::arabic;
use crate::content::Article;
use crate::data::states::State;

/// Capital hits needed to weigh as much as one name hit.
pub const CAPITAL_DIVISOR: usize = 2;

/// A state left out of a hand-set `states:` list while mentioned this often is worth a
/// warning: the editor probably forgot it.
pub const WARN_OMITTED_AT: usize = 3;

/// Definite personal titles (normalised): a state name right after one of these is a
/// person's name in apposition.
const PERSON_TITLES: [&str; 22] = [
    "السيد",
    "السيده",
    "الانسه",
    "الممثل",
    "الممثله",
    "الفنان",
    "الفنانه",
    "المغني",
    "المغنيه",
    "الكاتب",
    "الكاتبه",
    "الشاعر",
    "الشاعره",
    "الصحفي",
    "الصحفيه",
    "الاعلامي",
    "الاعلاميه",
    "المذيع",
    "المذيعه",
    "اللاعب",
    "اللاعبه",
    "العارضه",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Capital,
}

pub struct States;

impl Enricher for States {
    fn name(&self) -> &'static str {
        "states"
    }

    fn run(&self, article: &mut Article, ctx: &EnrichContext<'_>) -> Vec<Diagnostic> {
        let mentions = ctx.finder().mentions(ctx, &article.title, &article.text);
        let mut warnings = Vec::new();
        match &article.front.states {
            Some(by_hand) => {
                for (slug, &n) in &mentions {
                    if n >= WARN_OMITTED_AT && !by_hand.contains(slug) {
                        warnings.push(Diagnostic::warning(
                            &article.file,
                            article.lines.of_key("states"),
                            format!(
                                "`states:` is set by hand but leaves out `{slug}`, mentioned {n} times"
                            ),
                        ));
                    }
                }
            }
            None => article.states = ranked(&mentions),
        }
        article.state_mentions = mentions.into();
        warnings
    }
}

/// Slugs by mention count, most first, then by slug.
pub fn ranked(mentions: &BTreeMap<String, usize>) -> Vec<String> {
    let mut v: Vec<(&String, &usize)> = mentions.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().map(|(s, _)| s.clone()).collect()
}

/// Weighted mentions of every state in `title` and `text`; states with none are left out.
pub fn mentions(ctx: &EnrichContext<'_>, title: &str, text: &str) -> BTreeMap<String, usize> {
    Finder::new(ctx).mentions(ctx, title, text)
}

/// The matchers `mentions` needs, built once for callers that ask many times (the chronology
/// tags every dated sentence).
pub struct Finder {
    states: Matcher<(usize, Kind)>,
    people: Matcher<usize>,
}

impl Finder {
    pub fn new(ctx: &EnrichContext<'_>) -> Finder {
        Finder {
            states: matcher(ctx.states),
            people: super::people::matcher(ctx.people),
        }
    }

    /// The people matcher, for callers that also want people.
    pub fn people(&self) -> &Matcher<usize> {
        &self.people
    }

    pub fn mentions(
        &self,
        ctx: &EnrichContext<'_>,
        title: &str,
        text: &str,
    ) -> BTreeMap<String, usize> {
        let (title, text) = (Stemmed::shared(title), Stemmed::shared(text));
        let mut counts = BTreeMap::new();
        for part in [title, text] {
            // The people enrichers look for the same people in the same text: found once.
            let persons = self.people.find_all(&part);
            self.tally(&mut counts, part.view(), &persons);
        }
        weighted(ctx, counts)
    }

    /// [`Finder::mentions`] in texts, or parts of texts, stemmed already.
    pub fn mentions_in(
        &self,
        ctx: &EnrichContext<'_>,
        parts: &[View<'_>],
    ) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for &part in parts {
            self.tally(&mut counts, part, &self.people.find_in(part));
        }
        weighted(ctx, counts)
    }

    /// Names and capitals of each state in `stemmed`, but for those inside `persons`.
    fn tally(
        &self,
        counts: &mut BTreeMap<usize, (usize, usize)>,
        stemmed: View<'_>,
        persons: &[Hit<usize>],
    ) {
        let mut is_person = vec![false; stemmed.tokens.len()];
        for h in persons {
            is_person[h.start..h.end].fill(true);
        }
        for h in self.states.find_in(stemmed) {
            let stems = stemmed.stems(h.start.wrapping_sub(1));
            if is_person[h.start..h.end].iter().any(|&p| p) || after_title(stems) {
                continue;
            }
            let (state, kind) = h.label;
            let c = counts.entry(state).or_default();
            match kind {
                Kind::Name => c.0 += 1,
                Kind::Capital => c.1 += 1,
            }
        }
    }
}

/// The counts of [`Finder::tally`] as weighted mentions by slug.
fn weighted(
    ctx: &EnrichContext<'_>,
    counts: BTreeMap<usize, (usize, usize)>,
) -> BTreeMap<String, usize> {
    counts
        .into_iter()
        .filter_map(|(i, (names, capitals))| {
            let n = names + capitals / CAPITAL_DIVISOR;
            (n > 0).then(|| (ctx.states[i].slug.clone(), n))
        })
        .collect()
}

fn matcher(states: &[State]) -> Matcher<(usize, Kind)> {
    let mut m = Matcher::new(Clitics::Full);
    for (i, s) in states.iter().enumerate() {
        let names = std::iter::once(&s.name_ar)
            .chain(s.official_ar.as_ref())
            .chain(&s.variants);
        for n in names {
            m.add(n, (i, Kind::Name));
            for form in nisba_forms(n) {
                m.add(&form, (i, Kind::Name));
            }
        }
        for c in std::iter::once(&s.capital_ar).chain(&s.capital_variants) {
            m.add(c, (i, Kind::Capital));
        }
    }
    m
}

/// Endings a relative adjective (nisba, ending in ي) takes: accusative ـياً, feminine ـية,
/// plural ـيون / ـيين. Generating them keeps states.yaml to the base forms and catches
/// وفداً أوزبكياً or الطاجيكيين that a list would miss.
const NISBA_ENDINGS: [&str; 4] = ["ا", "ه", "ون", "ين"];

/// The inflected forms of a one-word nisba adjective; nothing for other names.
fn nisba_forms(name: &str) -> Vec<String> {
    let word = arabic::normalize(name.trim());
    // Short words ending in ي are rarely adjectives of a state (and would over-generate).
    if word.contains(char::is_whitespace) || !word.ends_with('ي') || word.chars().count() < 4 {
        return Vec::new();
    }
    NISBA_ENDINGS.iter().map(|e| format!("{word}{e}")).collect()
}

/// Whether the word before a hit, given by its clitic readings (none at the start of the
/// text), is a definite personal title.
fn after_title(prev_stems: &[String]) -> bool {
    prev_stems
        .iter()
        .any(|s| PERSON_TITLES.contains(&s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::people::Person;

    fn states() -> Vec<State> {
        crate::yaml::parse(
            std::path::Path::new("states.yaml"),
            r#"
- {slug: russia, name_ar: روسيا, name_en: Russia, official_ar: روسيا الاتحادية, status: member,
   capital_ar: موسكو, variants: [الروسي, الروسية, روسي, روسية, الروس], capital_variants: [الكرملين]}
- {slug: belarus, name_ar: بيلاروسيا, name_en: Belarus, status: member, capital_ar: مينسك,
   variants: [روسيا البيضاء, بيلاروس, البيلاروسي, البيلاروسية]}
- {slug: armenia, name_ar: أرمينيا, name_en: Armenia, status: member, capital_ar: يريفان,
   variants: [الأرمني, الأرمنية, الأرميني, الأرمن]}
- {slug: kazakhstan, name_ar: كازاخستان, name_en: Kazakhstan, status: member,
   capital_ar: أستانا, variants: [كزاخستان, الكازاخستاني], capital_variants: [نور سلطان]}
- {slug: georgia, name_ar: جورجيا, name_en: Georgia, status: former, capital_ar: تبليسي,
   variants: [الجورجي, الجورجية]}
"#,
            1,
        )
        .expect("test states parse")
    }

    fn people() -> Vec<Person> {
        crate::yaml::parse(
            std::path::Path::new("people.yaml"),
            r#"
- {slug: giorgia-meloni, name_ar: جورجيا ميلوني, name_en: Giorgia Meloni, role_ar: رئيسة وزراء}
- {slug: nursultan-nazarbayev, name_ar: نور سلطان نزارباييف, name_en: Nursultan Nazarbayev,
   role_ar: رئيس}
"#,
            1,
        )
        .expect("test people parse")
    }

    #[test]
    fn mention_rows() {
        let states = states();
        let people = people();
        let ctx = EnrichContext::new(&states, &[], &people, &[]);
        let rows: &[(&str, &[(&str, usize)])] = &[
            // Clitics, adjectives (m/f), the official name.
            ("وصلت وروسيا والروسية", &[("russia", 2)]),
            (
                "الجانب الروسي والحكومة الروسية في روسيا الاتحادية",
                &[("russia", 3)],
            ),
            ("للأرمن والأرميني بأرمينيا", &[("armenia", 3)]),
            // A multi-word old name belongs to Belarus only.
            ("زار روسيا البيضاء ولروسيا البيضاء", &[("belarus", 2)]),
            ("بيلاروسيا والبيلاروسية", &[("belarus", 2)]),
            // Inflected adjectives come from the base form.
            ("وفداً أرمنياً والأرمنيين", &[("armenia", 2)]),
            // Substrings are not words.
            ("الروسيات والبروسيانيين", &[]),
            ("كزاخستاني", &[]),
            // Capitals: one is not enough, two weigh one name.
            ("في موسكو", &[]),
            ("في موسكو وبالكرملين", &[("russia", 1)]),
            ("روسيا وموسكو وموسكو وموسكو", &[("russia", 2)]),
            ("بنور سلطان ونور سلطان", &[("kazakhstan", 1)]),
            // جورجيا as a person.
            ("رئيسة الوزراء الإيطالية جورجيا ميلوني", &[]),
            ("قالت السيدة جورجيا إن", &[]),
            ("والممثلة جورجيا", &[]),
            ("الرئيس نور سلطان نزارباييف ونور سلطان نزارباييف", &[]),
            // …and as the state.
            ("رئيسة جورجيا والحكومة الجورجية", &[("georgia", 2)]),
            ("زار الوفد الروسي جورجيا", &[("georgia", 1), ("russia", 1)]),
            ("", &[]),
        ];
        for (text, want) in rows {
            let got = mentions(&ctx, "", text);
            let want: BTreeMap<String, usize> =
                want.iter().map(|(s, n)| (s.to_string(), *n)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn title_counts_and_ranking() {
        let states = states();
        let ctx = EnrichContext::new(&states, &[], &[], &[]);
        let m = mentions(&ctx, "أرمينيا وجورجيا", "أرمينيا وروسيا وجورجيا");
        assert_eq!(ranked(&m), ["armenia", "georgia", "russia"]);
    }

    #[test]
    fn hand_set_states_win_and_warn() {
        let states = states();
        let ctx = EnrichContext::new(&states, &[], &[], &[]);
        let mut a = crate::enrich::tests::article("عنوان", "روسيا وروسيا وروسيا وأرمينيا");
        a.front.states = Some(vec!["armenia".into()]);
        a.states = vec!["armenia".into()];
        let warnings = States.run(&mut a, &ctx);
        assert_eq!(a.states, ["armenia"]);
        assert_eq!(a.state_mentions.get("russia"), Some(&3));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("`russia`"), "{warnings:?}");

        let mut b = crate::enrich::tests::article("عنوان", "روسيا وأرمينيا وأرمينيا");
        assert!(States.run(&mut b, &ctx).is_empty());
        assert_eq!(b.states, ["armenia", "russia"]);
    }
}
