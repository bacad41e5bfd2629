//! Property test: the paste importer never panics, whatever the editor pastes, and what it
//! returns keeps its promises (derived titles fit, the body is Markdown with no CR).

use dossier::import::paste::{derive_title, parse_paste, DERIVED_TITLE_MAX_CHARS};
use proptest::prelude::*;

const POOL: &[&str] = &[
    "Ru En",
    "إعلان",
    "اقرأ أيضا",
    "list of 4 itemsend of list",
    "end of list",
    "المصدر: تاس",
    "المصدر:",
    "المصدر : الجزيرة + مواقع",
    "Photo : Creative Commons",
    "الصورة:",
    "١٦ مايو",
    "٠٩ فبراير ٢٠٢٢",
    "12:30 2022/05/16",
    "ـ 15 مايو/أيار 1992: توقيع المعاهدة.",
    "ـ نص بلا تاريخ.",
    "ـ",
    "ـــ ",
    "– بند قصير",
    "- ",
    "-",
    "# ليس عنوانا",
    "1. أولا",
    "> اقتباس",
    "***",
    "\u{00A0}",
    "\u{200B}\u{200F}",
    "",
    "عنوان قصير",
    "ما الذي يحدث؟",
    "موسكو.. خبر عاجل.",
    "قمة في العاصمة (رويترز)",
    "(رويترز)",
    "()",
    "(",
    "\"",
    "«نص",
    "وقال: \"نص مفتوح",
    "مجموعة \"اسم - آخر\"",
    // Page furniture and stamps the page model weighs.
    "الرئيسية   أخبار   سياسة",
    "الرئيسية",
    "شارك هذا المقال",
    "جميع الحقوق محفوظة © 2021",
    "© АНО «ТВ-Новости», 2005–2012",
    "تاريخ النشر:05.07.2012 | 14:27 GMT",
    "نشر في الشروق الجديد يوم 11 - 09 - 2023",
    "يناير 8, 2022",
    "الأربعاء ٢٣ نوفمبر ٢٠٢٢",
    "— Name (@handle) January 5, 2022",
    "https://t.co/x pic.twitter.com/y",
    "الكلمات الدلالية:",
    "الوسوم: أستانا - الأمن الجماعي",
    "أثارت تصريحاته غضبا في موسكو- جيتي",
    "قمة منظمة معاهدة الأمن الجماعي تنطلق في العاصمة",
    "تهدف المنظمة إلى حل التناقضات بين أعضائها ومنع زعزعة الاستقرار. صرح بذلك الأمين العام في مؤتمر صحفي.",
];

fn check(raw: &str) -> Result<(), TestCaseError> {
    if let Ok(paste) = parse_paste(raw, &dossier::import::PasteDates) {
        if paste.title_derived {
            let n = paste.title.as_deref().map_or(0, |t| t.chars().count());
            prop_assert!(n <= DERIVED_TITLE_MAX_CHARS);
        }
        prop_assert!(!paste.body_markdown.contains('\r'));
        prop_assert!(paste.body_markdown.is_empty() || paste.body_markdown.ends_with('\n'));
        prop_assert!(!paste.body_markdown.contains("\n\n\n"));
        // The Markdown must also be something the renderer gets through.
        let _ = pulldown_cmark::Parser::new(&paste.body_markdown).count();
    }
    Ok(())
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(POOL).prop_map(String::from),
        2 => "[\\u0600-\\u06FF ـ\\.؟:،\"«»()\\-–#>*0-9٠-٩\\u00A0\\u200B]{0,60}",
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn arbitrary_strings_never_panic(raw in any::<String>()) {
        check(&raw)?;
        let title = derive_title(&raw);
        prop_assert!(title.chars().count() <= DERIVED_TITLE_MAX_CHARS);
    }

    #[test]
    fn furniture_and_arabic_mixes_never_panic(
        lines in prop::collection::vec(line(), 0..40),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let mut raw = if bom { String::from("\u{FEFF}") } else { String::new() };
        raw.push_str(&lines.join(if crlf { "\r\n" } else { "\n" }));
        check(&raw)?;
    }
}
