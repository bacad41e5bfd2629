//! Counted nouns: a number with its noun in the form the language's CLDR plural rules ask for
//! ("مقالة واحدة، مقالتان، 3 مقالات، 11 مقالة، 100 مقالة"). Arabic has all six categories
//! (zero, one, two, few for 3–10, many for 11–99, other for 100–102 and the like); the rules
//! come from ICU4X's compiled CLDR data and the noun forms from the theme's `strings.yaml`
//! (`counts`), so a theme words them as it likes.

use std::collections::BTreeMap;

use icu_locale_core::{locale, Locale};
use icu_plurals::{PluralCategory, PluralRules};

use super::NounForms;

/// The plural rules of one language and the nouns a theme counts.
pub struct Counter {
    rules: PluralRules,
    nouns: BTreeMap<String, NounForms>,
}

impl Counter {
    /// The rules of `language` (a BCP 47 tag such as `ar`; Arabic's when the tag is not
    /// one ICU4X reads or has no data for).
    pub fn new(language: &str, nouns: BTreeMap<String, NounForms>) -> Counter {
        let locale = Locale::try_from_str(language).unwrap_or(locale!("ar"));
        let rules = PluralRules::try_new(locale.into(), Default::default())
            .or_else(|_| PluralRules::try_new(locale!("ar").into(), Default::default()));
        Counter {
            // Compiled data always holds Arabic; a failure here is a broken build of ICU4X.
            rules: rules.unwrap_or_else(|_| unreachable_rules()),
            nouns,
        }
    }

    /// The CLDR category of `n`: `zero`, `one`, `two`, `few`, `many` or `other`.
    pub fn category(&self, n: u64) -> &'static str {
        match self.rules.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// `n` with the noun `noun` in the form its category takes, `{n}` filled with the number;
    /// `None` when the theme has no such noun.
    pub fn count(&self, n: u64, noun: &str) -> Option<String> {
        let forms = self.nouns.get(noun)?;
        Some(forms.of(self.category(n)).replace("{n}", &n.to_string()))
    }

    /// The nouns the theme counts, for messages.
    pub fn nouns(&self) -> Vec<&str> {
        self.nouns.keys().map(String::as_str).collect()
    }
}

fn unreachable_rules() -> PluralRules {
    // `PluralRules` has no constructor without data; English's is in the compiled data as
    // surely as Arabic's, and this is only reached if neither is.
    #[allow(clippy::expect_used)]
    PluralRules::try_new(locale!("en").into(), Default::default())
        .expect("ICU4X's compiled plural data")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles() -> NounForms {
        NounForms {
            zero: "لا مقالات".into(),
            one: "مقالة واحدة".into(),
            two: "مقالتان".into(),
            few: "{n} مقالات".into(),
            many: "{n} مقالة".into(),
            other: "{n} مقالة".into(),
        }
    }

    #[test]
    fn arabic_takes_all_six_forms() {
        let c = Counter::new("ar", BTreeMap::from([("articles".to_string(), articles())]));
        let said: Vec<String> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 1000]
            .iter()
            .filter_map(|&n| c.count(n, "articles"))
            .collect();
        assert_eq!(
            said,
            [
                "لا مقالات",
                "مقالة واحدة",
                "مقالتان",
                "3 مقالات",
                "10 مقالات",
                "11 مقالة",
                "99 مقالة",
                "100 مقالة",
                "102 مقالة",
                "103 مقالات",
                "111 مقالة",
                "1000 مقالة",
            ]
        );
        assert_eq!(c.count(3, "events"), None);
    }
}
