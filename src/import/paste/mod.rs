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

use std::collections::HashSet;
use std::sync::LazyLock;

use thiserror::Error;

mod page;

/// Pastes larger than this are refused: a real article is a few tens of kilobytes, so
/// anything this big is a wrong file, and refusing it keeps the importer's memory bounded.
pub const MAX_PASTE_BYTES: usize = 5 * 1024 * 1024;

/// Upper bound, in characters, of a title made by [`derive_title`]: a whole clause may take
/// this much, a cut at a word only [`DERIVED_TITLE_CUT_CHARS`].
pub const DERIVED_TITLE_MAX_CHARS: usize = 110;
/// A sentence up to this long is a title whole; past it, a clause or a cut is taken.
pub const DERIVED_TITLE_CUT_CHARS: usize = 80;

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

const HEADING_MAX_CHARS: usize = 60;
const DATELINE_MAX_CHARS: usize = 40;
const STAMP_MAX_CHARS: usize = 90;
/// Words a stamp may hold besides its date: labels, a time zone, a site name, a view count.
const STAMP_MAX_OTHER_WORDS: usize = 6;
const SHORT_RUN_MAX_WORDS: usize = 3;
const SHORT_RUN_MIN_LINES: usize = 3;
const CAPTION_MAX_CHARS: usize = 250;
// A labelled line ("المصدر: …") longer than this is a sentence that happens to start with
// the word, not a label.
const LABEL_LINE_MAX_CHARS: usize = 200;

const SOURCE_LABELS: &[&str] = &["المصدر", "المصادر", "Sources", "Source"];
const PHOTO_LABELS: &[&str] = &[
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
const RELATED_PREFIXES: &[&str] = &["المزيد من ", "شاهد أيضا", "تابعوا "];
/// The first step of a breadcrumb, folded.
const HOME_WORDS: &[&str] = &["الرئيسية", "الصفحة الرئيسية", "Home"];
const BREADCRUMB_SEGMENT_WORDS: usize = 3;
/// Longest site name a headline may carry after a separator.
const SITE_NAME_WORDS: usize = 4;
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
const SHARE_WORDS: &[&str] = &["شارك", "مشاركه", "share", "partager"];
const SHARE_MAX_WORDS: usize = 5;
/// Copyright notices, folded.
const COPYRIGHT_WORDS: &[&str] = &["جميع الحقوق محفوظه", "حقوق النشر", "all rights reserved"];

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

/// Words a derived title should not end on: a title cut after them reads as broken.
const DANGLING_WORDS: &[&str] = &[
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

// The word lists above, folded once: a 5 MB paste has hundreds of thousands of lines.
static FURNITURE_FOLDED: LazyLock<HashSet<String>> = LazyLock::new(|| folded_set(FURNITURE_LINES));
static AGENCIES_FOLDED: LazyLock<HashSet<String>> = LazyLock::new(|| folded_set(AGENCIES));
static MONTHS_FOLDED: LazyLock<HashSet<String>> = LazyLock::new(|| folded_set(MONTHS));
static DATE_WORDS_FOLDED: LazyLock<HashSet<String>> = LazyLock::new(|| folded_set(DATE_WORDS));
static RELATED_LABELS_FOLDED: LazyLock<HashSet<String>> =
    LazyLock::new(|| folded_set(RELATED_LABELS));
static COMMENTS_FOLDED: LazyLock<HashSet<String>> = LazyLock::new(|| folded_set(COMMENT_LABELS));

fn folded_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

const CLOSING_QUOTES: &[char] = &['"', '”', '»', '’', '\'', '″'];
const OPENING_QUOTES: &[char] = &['"', '“', '«', '‘', '\'', '„'];

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

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Furniture,
    Source(String),
    Photo(String),
    /// A line that dates something and says little else: a stamp where it stands in the
    /// header or footer, a section of the body elsewhere.
    /// `full` when it gives a day, a month and a year of its own.
    Stamp {
        full: bool,
    },
    Text,
}

#[derive(Debug)]
struct Line {
    text: String,
    kind: Kind,
    /// The line opens a box of related headlines or tags ("اقرأ أيضاً", "الوسوم: …").
    related_marker: bool,
    /// The line opens the readers' comments: nothing after it is the article.
    comments_marker: bool,
}

/// What the paste parser asks of the date parser, which lives elsewhere.
pub trait DateProbe {
    /// Whether a piece of text carries a date; it decides which dashed lines are
    /// chronology items.
    fn has_date(&self, text: &str) -> bool;
    /// The byte range of a full date (day, month and a year of its own) in `text`.
    fn full_date(&self, text: &str) -> Option<std::ops::Range<usize>>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Open,
    Period,
    Ellipsis,
    Question,
    Exclaim,
    Colon,
    Comma,
}

#[derive(Debug)]
enum Block {
    Heading(String),
    Paragraph(String),
    Item(String),
}

/// Parses one paste: the lines are classified one by one, then `page::lay_out` finds the
/// headline, the stamp and the body among them.
pub fn parse_paste(raw: &str, dates: &dyn DateProbe) -> Result<Paste, PasteError> {
    check_input(raw)?;
    let mut lines: Vec<Line> = split_lines(raw)
        .into_iter()
        .map(|(text, segmented)| {
            let related_marker = is_related_marker(&text);
            let comments_marker = is_comments_marker(&text);
            let kind = if segmented || related_marker || comments_marker {
                Kind::Furniture
            } else {
                classify(&text, dates)
            };
            Line {
                text,
                kind,
                related_marker,
                comments_marker,
            }
        })
        .collect();
    mark_embeds(&mut lines);
    mark_short_runs(&mut lines);
    let layout = page::lay_out(&lines);

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
    if let Some(t) = layout.title {
        paste.title = Some(without_site_name(&lines[t].text, &lines, t));
    }
    let body: Vec<&str> = layout
        .body
        .iter()
        .map(|&i| lines[i].text.as_str())
        .collect();
    if paste.title.is_none() {
        if let Some(first) = body.first() {
            let derived = derive_title(first);
            if !derived.is_empty() {
                paste.title = Some(derived);
                paste.title_derived = true;
            }
        }
    }
    paste.body_markdown = render(&build_blocks(&body, dates));
    Ok(paste)
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
    let clause_end = title
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '،' | ',' | ':' | '؛' | ';')
                || (matches!(c, '-' | '–' | '—') && title[..i].ends_with(' '))
        })
        .map(|(i, _)| i)
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

/// Characters that show nothing: whitespace (no-break space included) and the zero-width
/// and direction marks that browsers copy along with Arabic text.
fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}')
}

/// Non-blank lines, cleaned, each with whether it was *segmented*: items set apart by runs
/// of three or more spaces or tabs, which is how a row of links (a menu, a tag list, share
/// buttons, a ticker) arrives when a page is copied; running text never has them. Blank
/// lines carry no meaning in a browser paste (some sites separate paragraphs with them,
/// some do not), so they are not kept.
fn split_lines(raw: &str) -> Vec<(String, bool)> {
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    raw.split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(|line| (clean_line(line), is_segmented(line)))
        .filter(|(l, _)| !l.is_empty())
        .collect()
}

fn is_segmented(line: &str) -> bool {
    let mut gap = 0;
    // Only ASCII spaces and tabs: runs of no-break spaces are a text's own indentation.
    for c in line.trim().chars() {
        match c {
            '\t' => gap += 3,
            ' ' => gap += 1,
            _ if gap >= 3 => return true,
            _ => gap = 0,
        }
    }
    false
}

/// Collapses every run of whitespace (no-break spaces and tabs too) to one space, removes
/// zero-width spaces and stray control characters, and trims whitespace and direction
/// marks at both ends so line-start rules (dashes, labels) see the first real character.
/// Joiners (ZWJ/ZWNJ) and marks inside the line are kept: they shape the text.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}') || c.is_control() {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out.trim_matches(|c: char| c == ' ' || is_invisible(c))
        .to_string()
}

/// Folds the spellings that vary between sites (hamza forms, alif maqsura, tashkeel,
/// tatweel, ASCII case) so a short list matches them all.
fn fold(s: &str) -> String {
    crate::arabic::normalize(s).to_lowercase()
}

fn classify(line: &str, dates: &dyn DateProbe) -> Kind {
    if is_furniture(line) {
        return Kind::Furniture;
    }
    if let Some(value) = labelled(line, SOURCE_LABELS) {
        return Kind::Source(value);
    }
    if let Some(value) = labelled(line, PHOTO_LABELS) {
        return Kind::Photo(value);
    }
    if is_caption(line) {
        return Kind::Photo(line.to_string());
    }
    if is_stamp(line, dates) {
        return Kind::Stamp { full: true };
    }
    // Before the script test: bilingual sites print stamps in English ("November 23, 2023").
    if is_date_only(line) {
        return Kind::Stamp { full: false };
    }
    if is_page_chrome(line) {
        return Kind::Furniture;
    }
    Kind::Text
}

/// Copyright lines, links and lines in another script: what a page prints around an
/// Arabic article and never inside it.
fn is_page_chrome(line: &str) -> bool {
    let folded = fold(line);
    if is_breadcrumb(line) {
        return true;
    }
    let words = line.split(' ').count();
    if SHARE_WORDS.iter().any(|w| folded.starts_with(w)) && words <= SHARE_MAX_WORDS {
        return true;
    }
    if line.contains('©')
        || COPYRIGHT_WORDS.iter().any(|w| folded.contains(w))
        || folded.contains("http://")
        || folded.contains("https://")
        || folded.contains("www.")
    {
        return true;
    }
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in line.chars() {
        if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) {
            arabic += 1;
        } else if c.is_alphabetic() {
            latin += 1;
        }
    }
    latin > 2 * arabic
}

fn is_comments_marker(line: &str) -> bool {
    let folded = fold(line);
    let head = folded.trim_end_matches([':', ' ']);
    COMMENTS_FOLDED.contains(head)
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

/// "الرئيسية » أخبار » العالم": short segments between path separators.
fn is_breadcrumb(line: &str) -> bool {
    // Sentence marks and quotes belong to text; a path has none.
    if line.contains(['.', '،', ':', '؟', '!', '"', '«', '“']) {
        return false;
    }
    let segments: Vec<&str> = line
        .split(['»', '›', '>', '|', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let short = segments
        .iter()
        .all(|s| s.split(' ').count() <= BREADCRUMB_SEGMENT_WORDS);
    let from_home = segments
        .first()
        .is_some_and(|s| HOME_WORDS.iter().any(|w| fold(w) == fold(s)));
    short && (segments.len() >= 3 || (segments.len() == 2 && from_home))
}

/// A line that opens a box of other headlines or of tags: what follows it, up to the next
/// running text, is not the article.
fn is_related_marker(line: &str) -> bool {
    if line.chars().count() > LABEL_LINE_MAX_CHARS {
        return false;
    }
    let folded = fold(line);
    let head = folded.trim_end_matches([':', ' ']);
    if RELATED_LABELS_FOLDED.contains(head) {
        return true;
    }
    let label = folded.split(':').next().unwrap_or("").trim();
    (folded.contains(':') && RELATED_LABELS_FOLDED.contains(label))
        || RELATED_PREFIXES
            .iter()
            .any(|p| folded.starts_with(&fold(p)))
}

/// A line with a full date and little else ("تاريخ النشر:05.07.2012 | 14:27 GMT",
/// "نشر في الشروق الجديد يوم 11 - 09 - 2023"): a stamp where a stamp stands.
fn is_stamp(line: &str, dates: &dyn DateProbe) -> bool {
    // A dated line that is a list item or a sentence is the text's, not a stamp.
    let sentence = matches!(
        ending(line),
        Ending::Period | Ending::Question | Ending::Exclaim
    );
    if line.chars().count() > STAMP_MAX_CHARS
        || has_internal_break(line)
        || sentence
        || split_dash(line).is_some()
    {
        return false;
    }
    let Some(span) = dates.full_date(line) else {
        return false;
    };
    let rest = format!(
        "{} {}",
        line.get(..span.start).unwrap_or(""),
        line.get(span.end..).unwrap_or("")
    );
    // Clock times, Hijri dates and one-letter marks (م، ص، هـ) are not counted as words.
    rest.split(|c: char| c.is_whitespace() || "|-–—،,:".contains(c))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
        <= STAMP_MAX_OTHER_WORDS
}

/// Embedded posts: a social network's signature line ("— Name (@handle) January 5, 2022"),
/// the post above it, and lines carrying a post's links.
fn mark_embeds(lines: &mut [Line]) {
    for i in 0..lines.len() {
        let folded = fold(&lines[i].text);
        let signature = lines[i].text.starts_with(['—', '-', '–']) && folded.contains("(@");
        if signature || folded.contains("pic.twitter.com") || folded.contains("t.co/") {
            lines[i].kind = Kind::Furniture;
            if signature && i > 0 && lines[i - 1].kind == Kind::Text {
                lines[i - 1].kind = Kind::Furniture;
            }
        }
    }
}

/// Three or more consecutive short unpunctuated lines are a menu, a list of section names
/// or of tags, however they are worded.
fn mark_short_runs(lines: &mut [Line]) {
    let short = |l: &Line| {
        matches!(l.kind, Kind::Text | Kind::Furniture)
            && split_dash(&l.text).is_none()
            && l.text.split(' ').count() <= SHORT_RUN_MAX_WORDS
            && ending(&l.text) == Ending::Open
    };
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && short(&lines[i]) {
            i += 1;
        }
        if i - start >= SHORT_RUN_MIN_LINES {
            for line in &mut lines[start..i] {
                line.kind = Kind::Furniture;
            }
        }
        if i == start {
            i += 1;
        }
    }
}

fn is_furniture(line: &str) -> bool {
    // Tatweel (U+0640) is a letter to Unicode but carries no text of its own.
    if !line.chars().any(|c| c.is_alphanumeric() && c != '\u{0640}') {
        return true;
    }
    let folded = fold(line);
    let folded = folded.trim_end_matches([':', ' ']);
    if FURNITURE_FOLDED.contains(folded) {
        return true;
    }
    let tokens: Vec<&str> = folded.split(' ').collect();
    if tokens.len() <= 6
        && tokens
            .iter()
            .all(|t| t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return true;
    }
    is_link_box(folded)
}

/// "list of 4 items", "list of 4 itemsend of list": what a related-links box becomes
/// when a page is copied as text.
fn is_link_box(folded: &str) -> bool {
    let Some(rest) = folded.strip_prefix("list of ") else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let Some(rest) = rest
        .strip_prefix(" items")
        .or_else(|| rest.strip_prefix(" item"))
    else {
        return false;
    };
    let rest = rest.trim();
    rest.is_empty() || rest == "end of list"
}

/// The value after "Label:" or "Label :", if the line starts with one of `labels`.
fn labelled(line: &str, labels: &[&str]) -> Option<String> {
    if line.chars().count() > LABEL_LINE_MAX_CHARS {
        return None;
    }
    labels.iter().find_map(|label| {
        let head = line.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label) {
            return None;
        }
        let rest = line.get(label.len()..)?.trim_start();
        let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
        Some(value.trim().to_string())
    })
}

fn is_caption(line: &str) -> bool {
    if line.chars().count() > CAPTION_MAX_CHARS {
        return false;
    }
    // "… في موسكو- جيتي": the credit after a dash at the end of the line.
    if let Some((before, credit)) = line.rsplit_once(['-', '–', '—']) {
        let credit = fold(credit.trim());
        if AGENCIES_FOLDED.contains(&credit)
            && !has_internal_break(before)
            && before.split(' ').count() >= 4
            && matches!(ending(before.trim()), Ending::Open | Ending::Ellipsis)
        {
            return true;
        }
    }
    let Some(inner_and_more) = line.strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner_and_more.rfind('(') else {
        return false;
    };
    let (before, inner) = inner_and_more.split_at(open);
    let inner = inner.trim_start_matches('(');
    let pieces: Vec<String> = inner
        .split(['/', '-', '–', '،', ',', '+', '|'])
        .map(|p| fold(p.trim()))
        .collect();
    let credited = !pieces.is_empty()
        && pieces
            .iter()
            .all(|p| !p.is_empty() && (p.starts_with("وكاله ") || AGENCIES_FOLDED.contains(p)));
    let before = before.trim();
    credited
        && !has_internal_break(before)
        && matches!(ending(before), Ending::Open | Ending::Ellipsis)
}

fn is_date_only(line: &str) -> bool {
    if line.chars().count() > DATELINE_MAX_CHARS {
        return false;
    }
    let tokens: Vec<String> = line
        .split([' ', '/', '-', '–', '،', ',', '.', '|'])
        .map(|t| t.strip_suffix(':').unwrap_or(t))
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect();
    let (mut months, mut numbers, mut has_year) = (0, 0, false);
    for token in &tokens {
        if let Some(n) = digit_count(token) {
            numbers += 1;
            has_year |= n == 4;
        } else if MONTHS_FOLDED.contains(token) || crate::arabic::month_number(token).is_some() {
            months += 1;
        } else if is_clock(token) || DATE_WORDS_FOLDED.contains(token) {
        } else {
            return false;
        }
    }
    (months > 0 && numbers > 0) || (months == 0 && numbers == 3 && has_year)
}

/// How many digits a token has when it is only a 1–4 digit number in any digit system.
fn digit_count(token: &str) -> Option<usize> {
    let n = token.chars().count();
    ((1..=4).contains(&n) && token.chars().all(|c| c.is_ascii_digit() || arabic_digit(c)))
        .then_some(n)
}

fn arabic_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

fn is_clock(token: &str) -> bool {
    let mut parts = token.split(':');
    let (Some(h), Some(m), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    digit_count(h).is_some_and(|n| n <= 2) && digit_count(m) == Some(2)
}

fn is_heading_shape(line: &str) -> bool {
    line.chars().count() <= HEADING_MAX_CHARS
        && ending(line) == Ending::Open
        && !line.starts_with(OPENING_QUOTES)
        && !has_internal_break(line)
        && line.chars().any(char::is_alphabetic)
}

/// How a line ends, looking through closing quotes: `…والأمن".` and `…والأمن."` both end
/// a sentence, `… "الأمن الجماعي"` does not.
fn ending(s: &str) -> Ending {
    let t = s.trim_end_matches(|c: char| CLOSING_QUOTES.contains(&c) || c == ' ');
    let mut rev = t.chars().rev();
    match rev.next() {
        Some('.') if rev.next() == Some('.') => Ending::Ellipsis,
        Some('.') => Ending::Period,
        Some('…') => Ending::Ellipsis,
        Some('?' | '؟') => Ending::Question,
        Some('!') => Ending::Exclaim,
        Some(':') => Ending::Colon,
        Some('،' | ',' | '؛' | ';') => Ending::Comma,
        _ => Ending::Open,
    }
}

/// Byte offset just past the first sentence end inside `s` that has more words after it.
/// A sentence end is a single "." (not "..", which headlines use as a separator, and not a
/// decimal point), "!", "?", "؟" or "…", possibly followed by closing quotes, then a space.
fn sentence_break(s: &str, stops: &[char]) -> Option<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(_, c)) in chars.iter().enumerate() {
        if !stops.contains(&c) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        if c == '.' && (prev == Some('.') || next == Some('.')) {
            continue;
        }
        let mut j = k + 1;
        while let Some(&(_, q)) = chars.get(j) {
            if CLOSING_QUOTES.contains(&q) {
                j += 1;
            } else {
                break;
            }
        }
        if chars.get(j).map(|&(_, q)| q) == Some(' ') && j + 1 < chars.len() {
            return Some(chars[j].0);
        }
    }
    None
}

/// True when a line holds more than one sentence. Only "." and "!" count: headlines ask
/// several questions ("ماذا حدث؟ وما التالي؟") more often than they state two facts.
fn has_internal_break(s: &str) -> bool {
    sentence_break(s, &['.', '!']).is_some()
}

fn first_sentence(s: &str) -> &str {
    match sentence_break(s, &['.', '!', '?', '؟', '…']) {
        Some(end) => s.get(..end).unwrap_or(s),
        None => s,
    }
}

/// Trims what a title must not end with: separators, dangling prepositions and
/// conjunctions, and the open half of a quote or parenthesis.
fn tidy_title_end(s: &str) -> String {
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

/// The dash a line starts with and the text after it. Tatweel ("ـ") at the start of a
/// line can only be a dash (it elongates letters inside words), so it may touch a digit.
fn split_dash(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let rest = match first {
        'ـ' => {
            let r = rest.trim_start_matches('ـ');
            if !(r.starts_with(' ') || r.starts_with(|c: char| c.is_numeric())) {
                return None;
            }
            r
        }
        '-' | '–' | '—' | '•' if rest.starts_with(' ') => rest,
        _ => return None,
    };
    let rest = rest.trim();
    (!rest.is_empty()).then_some((first, rest))
}

fn build_blocks(lines: &[&str], dates: &dyn DateProbe) -> Vec<Block> {
    let dashes: Vec<Option<(char, &str)>> = lines.iter().map(|l| split_dash(l)).collect();
    let mut is_item = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let Some((marker, _)) = dashes[i] else {
            i += 1;
            continue;
        };
        let start = i;
        while i < lines.len() && matches!(dashes[i], Some((m, _)) if m == marker) {
            i += 1;
        }
        let dated: Vec<bool> = dashes[start..i]
            .iter()
            .map(|d| d.is_some_and(|(_, text)| dates.has_date(text)))
            .collect();
        let announced = start > 0 && ending(lines[start - 1]) == Ending::Colon;
        let chronology = dated.iter().filter(|d| **d).count() * 2 >= dated.len();
        for (k, slot) in is_item[start..i].iter_mut().enumerate() {
            *slot = announced || chronology || dated[k];
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(j, line)| match dashes[j] {
            Some((_, text)) if is_item[j] => Block::Item(text.to_string()),
            Some((_, text)) => Block::Paragraph(text.to_string()),
            None if j > 0 && j + 1 < lines.len() && is_heading_shape(line) => {
                Block::Heading(line.to_string())
            }
            None => Block::Paragraph(line.to_string()),
        })
        .collect()
}

fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    for block in blocks {
        let item = matches!(block, Block::Item(_));
        if !out.is_empty() {
            out.push_str(if prev_item && item { "\n" } else { "\n\n" });
        }
        match block {
            Block::Heading(text) => {
                out.push_str("## ");
                out.push_str(&escape_inline(text).replace('#', "\\#"));
            }
            Block::Paragraph(text) => out.push_str(&escape_block(text)),
            Block::Item(text) => {
                out.push_str("- ");
                out.push_str(&escape_block(text));
            }
        }
        prev_item = item;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Escapes characters that start Markdown inline syntax (emphasis, code, links, raw HTML,
/// entities, and the strikethrough/table marks of common extensions).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '<' | '[' | ']' | '&' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline escaping plus the line-start markers that would turn a paragraph into a heading,
/// quote, list or rule.
fn escape_block(text: &str) -> String {
    let escaped = escape_inline(text);
    if escaped.starts_with(['#', '>', '+', '-', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        // ASCII digits are one byte each, so `digits` is also the byte offset.
        if let Some(rest) = escaped.get(digits..) {
            if rest.starts_with(['.', ')']) {
                return format!("{}\\{}", &escaped[..digits], rest);
            }
        }
    }
    escaped
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

    const LEAD: &str = "عقد وزراء دفاع الدول الأعضاء اجتماعا في العاصمة الكازاخية اليوم. وناقشوا خطط التدريب المشترك.";
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
    fn numbers_alone_are_not_a_dateline() {
        assert!(!is_date_only("10 20 30"));
        assert!(!is_date_only("2022"));
        assert!(is_date_only("2022-05-16"));
        assert!(is_date_only("١٦ مايو/أيار ٢٠٢٢"));
        assert!(!is_date_only("في مايو الماضي"));
        assert!(is_date_only("آخر تحديث: 16/5/2022 10:30"));
        assert!(is_date_only("نشر في ٣ يونيو ٢٠٢٢"));
        assert!(!is_date_only("في 2022"));
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
    fn markdown_syntax_is_escaped() {
        assert_eq!(escape_block("# ليس عنوانا"), "\\# ليس عنوانا");
        assert_eq!(escape_block("> اقتباس"), "\\> اقتباس");
        assert_eq!(escape_block("+ زائد"), "\\+ زائد");
        assert_eq!(escape_block("1. أولا"), "1\\. أولا");
        assert_eq!(escape_block("2022) عام"), "2022\\) عام");
        assert_eq!(escape_block("*نجمة* و_خط_"), "\\*نجمة\\* و\\_خط\\_");
        assert_eq!(
            escape_block("<b>وسم</b> [رابط](x)"),
            "\\<b>وسم\\</b> \\[رابط\\](x)"
        );
        assert_eq!(escape_block("١. رقم عربي"), "١. رقم عربي");
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
