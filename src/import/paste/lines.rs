//! Line classes: a paste split into cleaned lines, each classified by its shape as
//! furniture, source, photo credit, stamp or text, with the marks a line carries for the
//! page model (a related box, the readers' comments), and the shape tests the other layers
//! share (how a line ends, whether it holds two sentences, the dash it starts with).

use super::lexicon::{
    fold, AGENCIES_FOLDED, CLOSING_QUOTES, COMMENTS_FOLDED, COPYRIGHT_WORDS, DATE_WORDS_FOLDED,
    FURNITURE_FOLDED, HOME_WORDS, MONTHS_FOLDED, PHOTO_LABELS, RELATED_LABELS_FOLDED,
    RELATED_PREFIXES, SHARE_WORDS, SOURCE_LABELS,
};
use super::DateProbe;

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
const BREADCRUMB_SEGMENT_WORDS: usize = 3;
const SHARE_MAX_WORDS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) struct Line {
    pub(super) text: String,
    pub(super) kind: Kind,
    /// The line opens a box of related headlines or tags ("اقرأ أيضاً", "الوسوم: …").
    pub(super) related_marker: bool,
    /// The line opens the readers' comments: nothing after it is the article.
    pub(super) comments_marker: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    Open,
    Period,
    Ellipsis,
    Question,
    Exclaim,
    Colon,
    Comma,
}

/// The paste's non-blank lines, cleaned and classified. A segmented line (see
/// [`split_lines`]) and a line opening a related box or the comments are furniture
/// whatever they say; embedded posts and runs of short lines are marked after.
pub(super) fn read_lines(raw: &str, dates: &dyn DateProbe) -> Vec<Line> {
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
    lines
}

/// Characters that show nothing: whitespace (no-break space included) and the zero-width
/// and direction marks that browsers copy along with Arabic text.
pub(super) fn is_blank_char(c: char) -> bool {
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
pub(super) fn clean_line(line: &str) -> String {
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

fn is_comments_marker(line: &str) -> bool {
    let folded = fold(line);
    let head = folded.trim_end_matches([':', ' ']);
    COMMENTS_FOLDED.contains(head)
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

/// How a line ends, looking through closing quotes: `…والأمن".` and `…والأمن."` both end
/// a sentence, `… "الأمن الجماعي"` does not.
pub(super) fn ending(s: &str) -> Ending {
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
pub(super) fn sentence_break(s: &str, stops: &[char]) -> Option<usize> {
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
pub(super) fn has_internal_break(s: &str) -> bool {
    sentence_break(s, &['.', '!']).is_some()
}

/// The dash a line starts with and the text after it. Tatweel ("ـ") at the start of a
/// line can only be a dash (it elongates letters inside words), so it may touch a digit.
pub(super) fn split_dash(line: &str) -> Option<(char, &str)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
