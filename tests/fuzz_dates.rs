//! No input may make the date parser or the normaliser panic, and every span they hand
//! back must slice the original text: arbitrary strings, and random mixes of the words,
//! digits and punctuation that Arabic dates are made of.

use dossier::arabic::normalize_with_map;
use dossier::dates::{find_dates, Precision};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "من",
    "إلى",
    "الى",
    "بين",
    "و",
    "حتى",
    "عام",
    "العام",
    "سنة",
    "في",
    "منذ",
    "بحلول",
    "الماضي",
    "الجاري",
    "المقبل",
    "هذا",
    "الـ",
    "ال",
    "اليوم",
    "الاثنين",
    "الأربعاء",
    "الأول",
    "الثاني",
    "الحادي",
    "عشر",
    "والعشرين",
    "والثلاثين",
    "السادس",
    "العاشر",
    "يناير",
    "فبراير",
    "شباط",
    "كانون",
    "الأول",
    "تشرين",
    "الثاني",
    "أيلول",
    "سبتمبرأيلول",
    "آب",
    "واب",
    "ديسمبر",
    "مايو",
    "أيار",
    "خريف",
    "صيف",
    "منتصف",
    "أواخر",
    "مطلع",
    "نهاية",
    "هـ",
    "م",
    "المادة",
    "رقم",
    "شهر",
    "تاريخ",
    "1992",
    "2022",
    "1999",
    "2000",
    "21",
    "0",
    "31",
    "29",
    "19",
    "٠٩",
    "٢٠٢٢",
    "۱۴۰۱",
    "99999999999999",
    "/",
    "-",
    "–",
    "(",
    ")",
    ".",
    ",",
    "،",
    ":",
    "\n",
    " ",
    "  ",
    "\u{064E}",
    "\u{0651}",
    "ـ",
    "\u{200F}",
    "%",
    "١٦",
    "12",
    "2020",
    "/12/",
    "-12-",
    // The stamp and relative forms: spaced numeric dates, month-first, names and references.
    " - ",
    ", ",
    "جانفي",
    "أفريل",
    "الشهر",
    "السنة",
    "التالي",
    "الحالي",
    "حدود",
    "رؤية",
    "للفترة",
    "لعام",
    "«",
    "»",
    "\"",
    "مرز-",
    "(@",
    "GMT",
    "14:27",
    "07:40-24",
];

fn mix() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn check(text: &str, ctx: Option<i32>) -> Result<(), TestCaseError> {
    let (norm, map) = normalize_with_map(text);
    prop_assert_eq!(map.len(), norm.len() + 1);
    for &offset in &map {
        prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
    }
    let mut previous_end = 0;
    for m in find_dates(text, ctx) {
        prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
        prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        prop_assert!(
            m.span.start >= previous_end,
            "overlapping matches in {:?}",
            text
        );
        previous_end = m.span.end;
        prop_assert_eq!(m.end.is_some(), m.precision == Precision::Range);
        if let Some(end) = m.end {
            prop_assert!(
                end.sort_key() >= m.start.sort_key(),
                "{:?} in {:?}",
                m,
                text
            );
        }
        if m.start.day.is_some() {
            prop_assert!(m.start.to_naive().is_some(), "{:?} in {:?}", m, text);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20000))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>(), ctx in prop::option::of(1900i32..2100)) {
        check(&text, ctx)?;
    }

    #[test]
    fn date_word_mixes_never_panic(text in mix(), ctx in prop::option::of(1900i32..2100)) {
        check(&text, ctx)?;
    }
}
