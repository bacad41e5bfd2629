//! The page model: which lines of a paste are the headline, the stamp, the body, and which
//! are the site's furniture around them.
//!
//! A paste is a web page flattened to lines: header furniture (site name, menus, section
//! names, clocks), the headline, the stamp (date, time, author), the body, and footer
//! furniture (tags, share rows, related headlines, copyright). Line rules alone cannot tell
//! a menu word from a heading, so the article is found as a *region*, the way boilerplate
//! removers find it in HTML:
//!
//! 1. **The body's anchor** is the first line that reads as prose ([`is_prose`]): long, or
//!    holding a sentence break, a comma or a final full stop. Pages put their furniture
//!    above and below the text, so everything before the anchor is the header.
//! 2. **The headline** is the header line (or the anchor itself, when it is shaped like
//!    one) with the best score: printed twice on the page, standing next to the stamp,
//!    sharing its words with the body, being the first candidate. A candidate that
//!    restates an earlier one is its standfirst, and a menu word, a site name or a masthead
//!    line scores too low to be taken ([`HEADLINE_MIN_SCORE`]).
//! 3. **The body** runs from after the headline (or from the anchor) to the last line that
//!    ends like prose; between the headline and the anchor only sentence-length lines
//!    count, and after a "related" box its headlines are skipped until prose resumes.
//! 4. **The stamp** is the date line nearest after the headline, else the first one in the
//!    header, else the first one after the body: a date inside the body is the body's.

use std::collections::{HashMap, HashSet};

use super::lexicon::fold;
use super::lines::{ending, has_internal_break, split_dash, Ending, Kind, Line};

/// Below this score no header line is the headline and the title is derived.
const HEADLINE_MIN_SCORE: f64 = 1.2;
/// Longest headline, in characters and in words.
const HEADLINE_MAX_CHARS: usize = 150;
const HEADLINE_MAX_WORDS: usize = 25;
/// Headlines in a related box from which the box ends the article.
const RELATED_BOX_ENDS_TEXT: usize = 3;
/// How far above the body's anchor the headline is looked for, in lines: a header is a few
/// dozen lines, and the bound keeps a paste of thousands of short lines linear.
const HEADER_WINDOW: usize = 60;
/// Share of an earlier candidate's words a later one must hold to be its standfirst.
const STANDFIRST_COVER: f64 = 0.6;
/// How many lines away a stamp may stand from its headline.
const STAMP_REACH: usize = 3;
/// A line between the headline and the body's anchor is body text from this many words.
const LEAD_MIN_WORDS: usize = 8;

/// Where the parts of the page are, as indices into the paste's lines.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub title: Option<usize>,
    pub stamp: Option<usize>,
    pub body: Vec<usize>,
}

pub(super) fn lay_out(lines: &[Line]) -> Layout {
    let texts: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind == Kind::Text)
        .collect();
    let Some(&anchor) = texts
        .iter()
        .find(|&&i| is_prose(&lines[i].text))
        .or(texts.last())
    else {
        return Layout {
            stamp: first_stamp(lines, 0..lines.len()),
            ..Layout::default()
        };
    };
    let repeats = repeat_counts(lines);
    let body_words: HashSet<String> = lines[anchor..]
        .iter()
        .filter(|l| l.kind == Kind::Text && is_prose(&l.text))
        .flat_map(|l| stems(&l.text))
        .collect();
    let title = choose_headline(lines, anchor, &repeats, &body_words);

    // Without a headline, the text lines just above the anchor may still open the text
    // ("قال الوزير:"); with one, whatever stands between them is weighed line by line.
    let body_start = title.map_or_else(
        || {
            let mut start = anchor;
            while start > 0 && lines[start - 1].kind == Kind::Text {
                start -= 1;
            }
            start
        },
        |t| t + 1,
    );
    let prose_from = if title == Some(anchor) {
        texts
            .iter()
            .copied()
            .find(|&i| i > anchor && is_prose(&lines[i].text))
    } else {
        Some(anchor)
    };
    let body_end = find_body_end(lines, &texts, anchor, body_start);
    let stamp = choose_stamp(lines, &texts, anchor, title, body_end);
    let body = match (prose_from, body_end) {
        (Some(from), Some(end)) => {
            let span = BodySpan {
                start: body_start,
                from,
                end,
            };
            collect_body(lines, &span, title, stamp, &repeats)
        }
        _ => Vec::new(),
    };
    Layout { title, stamp, body }
}

/// The lines the body may take: from `start`, only lines that join the body before
/// `from` (the first prose line after the headline), up to `end`, the last line.
struct BodySpan {
    start: usize,
    from: usize,
    end: usize,
}

/// The last text line that ends like prose, before the readers' comments.
fn find_body_end(
    lines: &[Line],
    texts: &[usize],
    anchor: usize,
    body_start: usize,
) -> Option<usize> {
    // Readers' comments are prose too: the text ends at their label.
    let comments = lines
        .iter()
        .enumerate()
        .skip(anchor)
        .find(|(_, l)| l.comments_marker)
        .map_or(lines.len(), |(i, _)| i);
    texts
        .iter()
        .rev()
        .copied()
        .filter(|&i| i < comments)
        .find(|&i| i >= body_start && ends_like_prose(&lines[i].text))
        .or_else(|| texts.last().copied().filter(|&i| i >= body_start))
}

/// The stamp: nearest the headline, else in the header, else after the body.
fn choose_stamp(
    lines: &[Line],
    texts: &[usize],
    anchor: usize,
    title: Option<usize>,
    body_end: Option<usize>,
) -> Option<usize> {
    let second_prose = texts
        .iter()
        .copied()
        .filter(|&i| i >= anchor && is_prose(&lines[i].text))
        .nth(1)
        .unwrap_or(lines.len());
    // Past the anchor, only a stamp with a full date of its own: a bare month there is a
    // section of the text.
    let full_stamp = |j: &usize| j < &anchor || lines[*j].kind == Kind::Stamp { full: true };
    title
        .and_then(|t| nearest_stamp(lines, t))
        .or_else(|| first_stamp(lines, 0..second_prose).filter(full_stamp))
        .or_else(|| body_end.and_then(|e| first_stamp(lines, e + 1..lines.len())))
        .or_else(|| first_stamp(lines, 0..lines.len()).filter(|_| body_end.is_none()))
}

/// The body lines within `span`, skipping furniture, a related box's headlines, short
/// lines the page repeats and a second copy of the lead or the headline.
fn collect_body(
    lines: &[Line],
    span: &BodySpan,
    title: Option<usize>,
    stamp: Option<usize>,
    repeats: &HashMap<String, usize>,
) -> Vec<usize> {
    let BodySpan { start, from, end } = *span;
    let mut body = Vec::new();
    let mut in_related_box = false;
    let mut boxed = 0;
    // The headline printed again over the text is not the text's first paragraph.
    let mut seen: HashSet<String> = title.map(|t| fold(&lines[t].text)).into_iter().collect();
    for (i, line) in lines.iter().enumerate().take(end + 1).skip(start) {
        if line.related_marker {
            in_related_box = true;
            boxed = 0;
            continue;
        }
        // A date line inside the text is one of its sections ("2022" over a list).
        let dated_section = is_stamp(line) && i > from && Some(i) != stamp;
        if line.kind != Kind::Text && !dated_section {
            continue;
        }
        let words = word_count(&line.text);
        if i < from && !joins_body(&line.text) {
            continue;
        }
        if in_related_box {
            if !is_prose(&line.text) {
                boxed += 1;
                continue;
            }
            // After a box of several headlines, one lone paragraph (a disclaimer, the
            // site's blurb) is the footer; the article resuming has more than one.
            let resumes = lines[i + 1..=end]
                .iter()
                .any(|l| l.kind == Kind::Text && is_prose(&l.text));
            if boxed >= RELATED_BOX_ENDS_TEXT && !resumes {
                break;
            }
            in_related_box = false;
        }
        let folded = fold(&line.text);
        let short_repeat = words <= 4 && repeats.get(&folded).copied() > Some(1);
        // Pages print the lead twice (under the picture and in the text): once is the text.
        if short_repeat || (words >= 3 && !seen.insert(folded)) {
            continue;
        }
        body.push(i);
    }
    body
}

/// A line that reads as running text rather than a title, a label or a menu.
pub(super) fn is_prose(text: &str) -> bool {
    let words = word_count(text);
    words >= 20
        || (words >= 10
            && (has_internal_break(text)
                || text.contains(['،', ','])
                || ending(text) == Ending::Period))
}

/// A header line that belongs to the text: a sentence, or a line that announces one.
fn joins_body(text: &str) -> bool {
    let words = word_count(text);
    words >= LEAD_MIN_WORDS
        || (words >= 2
            && matches!(
                ending(text),
                Ending::Period | Ending::Colon | Ending::Question | Ending::Exclaim
            ))
}

/// A line the article can end on: a sentence, or a long line.
fn ends_like_prose(text: &str) -> bool {
    let words = word_count(text);
    words >= 12
        || (words >= 4
            && matches!(
                ending(text),
                Ending::Period | Ending::Question | Ending::Exclaim | Ending::Ellipsis
            ))
        || split_dash(text).is_some() && words >= 3
}

fn word_count(text: &str) -> usize {
    text.split(' ')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn repeat_counts(lines: &[Line]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in lines {
        *counts.entry(fold(&line.text)).or_insert(0) += 1;
    }
    counts
}

fn choose_headline(
    lines: &[Line],
    anchor: usize,
    repeats: &HashMap<String, usize>,
    body_words: &HashSet<String>,
) -> Option<usize> {
    let mut earlier: Vec<(String, Vec<String>)> = Vec::new();
    let mut best: Option<(f64, usize)> = None;
    let first_text = lines.iter().position(|l| l.kind == Kind::Text);
    let mut scored = false;
    for i in anchor.saturating_sub(HEADER_WINDOW)..=anchor {
        let line = &lines[i];
        if line.kind != Kind::Text || !headline_shaped(&line.text) {
            continue;
        }
        let folded = fold(&line.text);
        let own: Vec<String> = stems(&line.text).collect();
        // A headline printed twice is the same line again, not its standfirst.
        let restates = earlier.iter().any(|(text, prev)| {
            let shared = prev.iter().filter(|w| own.contains(w)).count();
            *text != folded
                && !prev.is_empty()
                && (shared as f64) / (prev.len() as f64) >= STANDFIRST_COVER
        });
        let opens_page = first_text == Some(i);
        earlier.push((folded, own.clone()));
        if restates {
            continue;
        }
        let repeated = repeats.get(&fold(&line.text)).copied().unwrap_or(0) > 1;
        let by_stamp = nearest_stamp(lines, i).is_some();
        // The first paragraph is the headline only on strong evidence: printed twice, or
        // with the stamp under it (a stamp above it dates the paragraph, not a title).
        if i == anchor && !(repeated || stamp_after(lines, i).is_some()) {
            continue;
        }
        let overlap = if own.is_empty() {
            0.0
        } else {
            own.iter().filter(|w| body_words.contains(*w)).count() as f64 / own.len() as f64
        };
        // A headline announces the text: a line sharing none of its words (a site name, a
        // masthead) is one only where the page says so, by a copy or a stamp.
        if overlap == 0.0 && !(repeated || by_stamp) {
            continue;
        }
        let first = !scored;
        scored = true;
        let mut score = 1.5 * overlap;
        if repeated {
            score += 2.0;
        }
        if by_stamp {
            score += 2.0;
        }
        if first {
            score += 0.5;
        }
        if opens_page {
            score += 0.5;
        }
        if ending(&line.text) == Ending::Period {
            score -= 1.0;
        }
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.filter(|(s, _)| *s >= HEADLINE_MIN_SCORE)
        .map(|(_, i)| i)
}

fn headline_shaped(text: &str) -> bool {
    let words = word_count(text);
    let arabic_words = text
        .split(' ')
        .filter(|w| w.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
        .count();
    text.chars().count() <= HEADLINE_MAX_CHARS
        && (3..=HEADLINE_MAX_WORDS).contains(&words)
        && arabic_words * 2 > words
        && arabic_words >= 3
        && !has_internal_break(text)
        && split_dash(text).is_none()
        && !matches!(ending(text), Ending::Colon | Ending::Comma)
}

/// The stamp standing just after or before line `i`, looking past [`passable`] lines.
fn nearest_stamp(lines: &[Line], i: usize) -> Option<usize> {
    stamp_after(lines, i).or_else(|| {
        (i.saturating_sub(STAMP_REACH)..i)
            .rev()
            .take_while(|&j| is_stamp(&lines[j]) || passable(&lines[j]))
            .find(|&j| is_stamp(&lines[j]))
    })
}

fn stamp_after(lines: &[Line], i: usize) -> Option<usize> {
    (i + 1..lines.len().min(i + 1 + STAMP_REACH))
        .take_while(|&j| is_stamp(&lines[j]) || passable(&lines[j]))
        .find(|&j| is_stamp(&lines[j]))
}

/// Lines a stamp may stand behind: bylines, labels, furniture (a short line of up to
/// three words is a byline or a site name).
fn passable(l: &Line) -> bool {
    match l.kind {
        Kind::Text => word_count(&l.text) <= 3,
        Kind::Stamp { .. } => false,
        _ => true,
    }
}

fn is_stamp(line: &Line) -> bool {
    matches!(line.kind, Kind::Stamp { .. })
}

fn first_stamp(lines: &[Line], range: std::ops::Range<usize>) -> Option<usize> {
    range
        .into_iter()
        .find(|&j| lines.get(j).is_some_and(is_stamp))
}

/// Content words in a folded, clitic-stripped form, so "حلفاءها" and "الحلفاء" meet.
fn stems(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(|w| {
            let f = fold(w);
            let mut s: &str = &f;
            for p in ["وال", "بال", "لل", "ال", "و", "ب", "ل", "ف"] {
                if let Some(rest) = s.strip_prefix(p) {
                    if rest.chars().count() >= 3 {
                        s = rest;
                        break;
                    }
                }
            }
            for suf in ["ها", "هم", "ات", "ين", "ون", "ه", "ي"] {
                if let Some(rest) = s.strip_suffix(suf) {
                    if rest.chars().count() >= 3 {
                        s = rest;
                        break;
                    }
                }
            }
            s.to_string()
        })
}
