//! The word lists the line rules match against: site furniture, source and photo labels,
//! agency names, month and date words, related-box and comment labels, the words a title
//! may not end on, quote marks; and [`fold`], which evens out spellings so a short list
//! matches them all, with the lists folded once.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Standalone lines that news sites put around an article and that are never part of it.
/// Compared after [`fold`] and after dropping a final ":".
pub const FURNITURE_LINES: &[&str] = &[
    "Ru En",
    "إعلان",
    "إعلانات",
    "Advertisement",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ المزيد",
    "Read also",
    "Read more",
    "شارك",
    "شارك المقال",
    "مشاركة",
    "تابعنا",
    "تابعونا",
    "المزيد",
    "ذات صلة",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "مقالات ذات صلة",
    "الأكثر قراءة",
    "طباعة",
    "end of list",
];

pub(super) const SOURCE_LABELS: &[&str] = &["المصدر", "المصادر", "Sources", "Source"];

pub(super) const PHOTO_LABELS: &[&str] = &[
    "الصورة",
    "الصور",
    "صورة",
    "تصوير",
    "Photos",
    "Photo",
    "Image",
];

/// Names that appear as the parenthesised credit at the end of a photo caption.
const AGENCIES: &[&str] = &[
    "رويترز",
    "الفرنسية",
    "فرانس برس",
    "الصحافة الفرنسية",
    "أ ف ب",
    "أسوشيتد برس",
    "أسوشيتدبرس",
    "الأناضول",
    "غيتي",
    "غيتي إيميجز",
    "غيتي إيمجز",
    "جيتي",
    "الأوروبية",
    "إي بي إيه",
    "الألمانية",
    "د ب أ",
    "الجزيرة",
    "الجزيرة نت",
    "تاس",
    "سبوتنيك",
    "نوفوستي",
    "ريا نوفوستي",
    "شينخوا",
    "مواقع التواصل",
    "مواقع التواصل الاجتماعي",
    "التواصل الاجتماعي",
    "شترستوك",
    "ويكيبيديا",
    "أرشيف",
    "أرشيفية",
    "أرشيفي",
    "الأرشيف",
    "reuters",
    "afp",
    "ap",
    "getty",
    "getty images",
    "epa",
    "anadolu",
    "tass",
    "sputnik",
    "shutterstock",
    "wikimedia",
    "archive",
    "file",
];

/// Labels of the boxes of related headlines and tags that pages put around an article.
const RELATED_LABELS: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ المزيد",
    "إقرأ أيضا",
    "إقرأ المزيد",
    "Read also",
    "Read more",
    "المزيد",
    "ذات صلة",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "مقالات ذات صلة",
    "مواضيع إضافية",
    "مواضيع",
    "الأكثر قراءة",
    "الأكثر مشاركة",
    "الأكثر مشاهدة",
    "الكلمات الدلالية",
    "الكلمات المفتاحية",
    "الكلمات الدليلية",
    "كلمات مفتاحية",
    "الوسوم",
    "الوسم",
    "وسوم",
    "مواد أخرى",
    "Tags",
];

/// Openings of a related box's label with the section's name after them.
pub(super) const RELATED_PREFIXES: &[&str] = &["المزيد من ", "شاهد أيضا", "تابعوا "];

/// The first step of a breadcrumb, folded.
pub(super) const HOME_WORDS: &[&str] = &["الرئيسية", "الصفحة الرئيسية", "Home"];

/// Labels after which only readers' comments follow: the article has ended.
const COMMENT_LABELS: &[&str] = &[
    "التعليقات",
    "تعليقات",
    "تعليقات القراء",
    "أضف تعليقا",
    "أضف تعليقاً",
    "اترك تعليقا",
    "اترك تعليقاً",
    "Comments",
];

/// The openings of share rows ("شارك هذا المقال", "شارك الخبر"), folded.
pub(super) const SHARE_WORDS: &[&str] = &["شارك", "مشاركه", "share", "partager"];

/// Copyright notices, folded.
pub(super) const COPYRIGHT_WORDS: &[&str] =
    &["جميع الحقوق محفوظه", "حقوق النشر", "all rights reserved"];

/// Month words a dateline may hold besides the Arabic month names `arabic::month_number`
/// knows: the first word of a two-word Levantine name (split by the tokeniser) and English
/// names, as bilingual sites print them.
const MONTHS: &[&str] = &[
    "كانون",
    "تشرين",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

// Words that may stand in a date line without being a month or a number.
const DATE_WORDS: &[&str] = &[
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأول",
    "الثاني",
    "م",
    "ص",
    "هـ",
    "am",
    "pm",
    "gmt",
    // Labels some sites print before the date ("نشر في", "آخر تحديث:").
    "نشر",
    "في",
    "بتاريخ",
    "تاريخ",
    "النشر",
    "آخر",
    "تحديث",
    "التحديث",
    "published",
    "updated",
    "on",
];

pub(super) const CLOSING_QUOTES: &[char] = &['"', '”', '»', '’', '\'', '″'];

pub(super) const OPENING_QUOTES: &[char] = &['"', '“', '«', '‘', '\'', '„'];

// The word lists above, folded once: a 5 MB paste has hundreds of thousands of lines.
pub(super) static FURNITURE_FOLDED: LazyLock<HashSet<String>> =
    LazyLock::new(|| folded_set(FURNITURE_LINES));

pub(super) static AGENCIES_FOLDED: LazyLock<HashSet<String>> =
    LazyLock::new(|| folded_set(AGENCIES));

pub(super) static MONTHS_FOLDED: LazyLock<HashSet<String>> = LazyLock::new(|| folded_set(MONTHS));

pub(super) static DATE_WORDS_FOLDED: LazyLock<HashSet<String>> =
    LazyLock::new(|| folded_set(DATE_WORDS));

pub(super) static RELATED_LABELS_FOLDED: LazyLock<HashSet<String>> =
    LazyLock::new(|| folded_set(RELATED_LABELS));

pub(super) static COMMENTS_FOLDED: LazyLock<HashSet<String>> =
    LazyLock::new(|| folded_set(COMMENT_LABELS));

fn folded_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

/// Folds the spellings that vary between sites (hamza forms, alif maqsura, tashkeel,
/// tatweel, ASCII case) so a short list matches them all.
pub(super) fn fold(s: &str) -> String {
    crate::arabic::normalize(s).to_lowercase()
}
