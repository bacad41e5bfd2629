//! One record read as Pagefind 1.6 reads a custom record: its text cut at whitespace into
//! numbered words with weights (its `___PAGEFIND_…` markers obeyed, zero-width spaces
//! dropped), its meta fields cut the same way, and the fragment the browser shows for it.
//! Each record is read on its own, so records are read in parallel; what the index keeps of
//! one is its [`Page`]: per word, the positions already packed the way the index stores them.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::records::Record;
use super::words::{Splitter, Word};

/// A weight of 1 as Pagefind stores it (weights are multiples of 1/24, capped at 10).
const UNIT_WEIGHT: u8 = 24;
const MAX_WEIGHT: f32 = 10.0;
/// The weight the packing starts from: a position list switches weight with a marker, and
/// Pagefind starts from 25, so that even a page of plain words opens with one.
const PACKING_START_WEIGHT: u8 = 25;

/// The browser's copy of a record (`fragment/*.pf_fragment`), fields in Pagefind's order.
#[derive(Serialize)]
pub struct Fragment<'a> {
    pub url: &'a str,
    pub content: &'a str,
    pub word_count: usize,
    pub filters: &'a BTreeMap<String, Vec<String>>,
    pub meta: &'a BTreeMap<String, String>,
    pub anchors: &'a [Anchor],
}

/// An anchor marker in a record's text (`___PAGEFIND_ANCHOR___element:x:id`): custom records
/// carry no anchor text, so only its place is known.
#[derive(Serialize)]
pub struct Anchor {
    pub element: String,
    pub id: String,
    pub text: String,
    pub location: u32,
}

/// Where one word (or one marked form of it) occurs on a page: body positions packed with
/// their weights, meta positions as (field, position), field being the page's own index of
/// the field among its sorted meta names.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Places {
    pub locs: Vec<i32>,
    pub meta: Vec<(u16, u32)>,
}

impl Places {
    fn is_empty(&self) -> bool {
        self.locs.is_empty() && self.meta.is_empty()
    }
}

/// One word of a page: where it occurs without marks stripped, and each form with marks in
/// the order Pagefind lists them (body forms sorted, then forms found only in meta, sorted).
#[derive(Debug, Default)]
pub struct PageWord {
    pub plain: Places,
    pub forms: Vec<(String, Places)>,
}

/// What the index keeps of one record.
pub struct Page {
    pub url: String,
    /// The fragment as JSON, ready to compress.
    pub fragment: String,
    pub word_count: u32,
    pub words: Vec<(String, PageWord)>,
    /// The record's meta field names, sorted: a meta place's field indexes this list.
    pub meta_fields: Vec<String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
}

/// A word's occurrences by the form it had (`None`: no marks were stripped).
type ByForm<T> = BTreeMap<Option<String>, Vec<T>>;

/// One occurrence in the body.
struct Hit {
    position: u32,
    weight: u8,
}

/// Read `record`; `None` when its text has no word to index (Pagefind leaves such a record
/// out, meta or not).
pub fn read(record: Record, splitter: &Splitter) -> Result<Option<Page>, String> {
    let Record {
        url,
        content: text,
        mut meta,
        mut filters,
        sort,
    } = record;
    for values in filters.values_mut() {
        for v in values.iter_mut() {
            *v = strip_private_markers(v);
        }
    }
    for v in meta.values_mut() {
        *v = strip_private_markers(v);
    }

    // Body: stem → (form with marks or none) → hits.
    let mut body: FxHashMap<String, ByForm<Hit>> = FxHashMap::default();
    let mut content = String::with_capacity(text.len());
    let mut anchors = Vec::new();
    let mut weights: Vec<u8> = vec![UNIT_WEIGHT];
    let mut position: u32 = 0;
    let mut last_position: u32 = 0;
    for token in text.split_whitespace() {
        if token.starts_with('_') && obey_marker(token, &mut weights, &mut anchors, position) {
            continue;
        }
        let token = if token.contains('\u{200B}') {
            std::borrow::Cow::Owned(token.replace('\u{200B}', ""))
        } else {
            std::borrow::Cow::Borrowed(token)
        };
        if token.is_empty() {
            continue;
        }
        content.push_str(&token);
        content.push(' ');
        let weight = weights.last().copied().unwrap_or(1);
        let words = splitter.words_of(&token);
        let tails = splitter.dotted_tails(&token, &words);
        let parts = words.iter().chain(&tails).filter(|w| w.part).count();
        let part_weight = if parts > 0 && weight > 0 {
            (weight / u8::try_from(parts).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        for w in words.iter().chain(&tails) {
            let hit = Hit {
                position,
                weight: if w.part { part_weight } else { weight },
            };
            add(&mut body, w, hit);
        }
        last_position = position;
        position = position
            .checked_add(1)
            .ok_or_else(|| format!("{url}: more words than the index can number"))?;
    }
    if body.is_empty() {
        return Ok(None);
    }
    if content.ends_with(' ') {
        content.pop();
    }
    let word_count = last_position as usize + 1;

    // Meta: stem → form → (field, position); a meta value is cut at whitespace only.
    let meta_fields: Vec<String> = meta.keys().cloned().collect();
    let mut meta_hits: FxHashMap<String, ByForm<(u16, u32)>> = FxHashMap::default();
    for (field, value) in meta.values().enumerate() {
        let field = u16::try_from(field).map_err(|_| format!("{url}: too many meta fields"))?;
        for (i, token) in value.split_whitespace().enumerate() {
            let at = u32::try_from(i).map_err(|_| format!("{url}: meta value too long"))?;
            for w in splitter.words_of(token).iter() {
                add(&mut meta_hits, w, (field, at));
            }
        }
    }

    let mut page_words: BTreeMap<String, PageWord> = BTreeMap::new();
    for (stem, forms) in body {
        let word = page_words.entry(stem).or_default();
        for (form, hits) in forms {
            let locs = pack_body(hits);
            match form {
                None => word.plain.locs = locs,
                Some(form) => word.forms.push((
                    form,
                    Places {
                        locs,
                        meta: Vec::new(),
                    },
                )),
            }
        }
    }
    for (stem, forms) in meta_hits {
        let word = page_words.entry(stem).or_default();
        for (form, mut places) in forms {
            places.sort_unstable();
            match form {
                None => word.plain.meta = places,
                Some(form) => match word.forms.iter_mut().find(|(f, _)| *f == form) {
                    Some((_, p)) => p.meta = places,
                    None => word.forms.push((
                        form,
                        Places {
                            locs: Vec::new(),
                            meta: places,
                        },
                    )),
                },
            }
        }
    }
    debug_assert!(page_words
        .values()
        .all(|w| !w.plain.is_empty() || w.forms.iter().any(|(_, p)| !p.is_empty())));

    let fragment = serde_json::to_string(&Fragment {
        url: &url,
        content: &content,
        word_count,
        filters: &filters,
        meta: &meta,
        anchors: &anchors,
    })
    .map_err(|e| format!("{url}: {e}"))?;
    Ok(Some(Page {
        url,
        fragment,
        word_count: u32::try_from(word_count)
            .map_err(|_| "a record with more words than the index can count".to_string())?,
        words: page_words.into_iter().collect(),
        meta_fields,
        filters,
        sort,
    }))
}

/// Note `hit` of word `w` (by its stem, then the form it had).
fn add<T>(map: &mut FxHashMap<String, ByForm<T>>, w: &Word, hit: T) {
    // Most words were met before on the page: look the stem up once, and copy it only for
    // a new one.
    let forms = match map.get_mut(&w.stem) {
        Some(forms) => forms,
        None => map.entry(w.stem.clone()).or_default(),
    };
    match forms.get_mut(&w.original) {
        Some(hits) => hits.push(hit),
        None => {
            forms.insert(w.original.clone(), vec![hit]);
        }
    }
}

/// Pagefind's private markers (`___PAGEFIND_…` up to the next whitespace, and that one
/// whitespace character) never reach a meta or filter value.
fn strip_private_markers(value: &str) -> String {
    const MARK: &str = "___PAGEFIND_";
    if !value.contains(MARK) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find(MARK) {
        let after = &rest[at + MARK.len()..];
        let run = after.find(char::is_whitespace).unwrap_or(after.len());
        if run == 0 {
            // The marker needs at least one more non-space character to count.
            out.push_str(&rest[..at + MARK.len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..at]);
        let mut tail = after[run..].chars();
        if tail.clone().next().is_some_and(char::is_whitespace) {
            tail.next();
        }
        rest = tail.as_str();
    }
    out.push_str(rest);
    out
}

/// Obey a marker token of the body (weights and anchors); false when `token` is a plain
/// word that merely starts with `_`.
fn obey_marker(token: &str, weights: &mut Vec<u8>, anchors: &mut Vec<Anchor>, at: u32) -> bool {
    const ANCHOR: &str = "___PAGEFIND_ANCHOR___";
    const WEIGHT: &str = "___PAGEFIND_WEIGHT___";
    const AUTO_WEIGHT: &str = "___PAGEFIND_AUTO_WEIGHT___";
    const END_WEIGHT: &str = "___END_PAGEFIND_WEIGHT___";
    let scaled = |w: f32| w.clamp(0.0, MAX_WEIGHT) * f32::from(UNIT_WEIGHT);
    if token.starts_with(ANCHOR) {
        let spec = token.replace(ANCHOR, "");
        if let Some((element, id)) = spec.split_once(':') {
            if let Some((_, id)) = id.split_once(':') {
                anchors.push(Anchor {
                    element: element.to_string(),
                    id: id.to_string(),
                    text: String::new(),
                    location: at,
                });
            }
        }
    } else if token.starts_with(WEIGHT) {
        let w = token.replace(WEIGHT, "").parse::<f32>().unwrap_or(1.0);
        weights.push(if w <= 0.0 {
            0
        } else {
            (scaled(w) as u8).max(1)
        });
    } else if token.starts_with(AUTO_WEIGHT) {
        // An automatic weight yields to an explicit one around it.
        let w = if weights.len() == 1 {
            scaled(token.replace(AUTO_WEIGHT, "").parse::<f32>().unwrap_or(1.0)) as u8
        } else {
            weights.last().copied().unwrap_or(0)
        };
        weights.push(w);
    } else if token.starts_with(END_WEIGHT) {
        weights.pop();
    } else {
        return false;
    }
    true
}

/// A word's body positions as Pagefind stores them: ordered by weight (the common weight
/// first), then position; each run of one weight opens with `-(weight + 1)` and the absolute
/// position, and goes on in differences from the previous position.
fn pack_body(mut hits: Vec<Hit>) -> Vec<i32> {
    let group = |w: u8| if w == PACKING_START_WEIGHT { 0 } else { w };
    hits.sort_by_key(|h| (group(h.weight), h.position));
    let mut out = Vec::with_capacity(hits.len() + 2);
    let mut weight = PACKING_START_WEIGHT;
    let mut last = 0u32;
    for h in hits {
        if h.weight == weight {
            out.push(h.position.wrapping_sub(last) as i32);
        } else {
            out.push(-i32::from(h.weight) - 1);
            out.push(h.position as i32);
            weight = h.weight;
        }
        last = h.position;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(content: &str, meta: &[(&str, &str)]) -> Record {
        Record {
            url: "/x/".into(),
            content: content.into(),
            meta: meta
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
        }
    }

    #[test]
    fn positions_are_packed_by_weight_then_position() {
        let p = read(record("a b a", &[]), &Splitter::new("en"))
            .expect("reads")
            .expect("has words");
        let a = &p.words.iter().find(|(w, _)| w == "a").expect("a").1;
        assert_eq!(a.plain.locs, vec![-25, 0, 2]);
        assert_eq!(p.word_count, 3);
        assert!(p
            .fragment
            .starts_with(r#"{"url":"/x/","content":"a b a","word_count":3,"#));
    }

    #[test]
    fn markers_weigh_and_vanish() {
        let p = read(
            record(
                "a ___PAGEFIND_WEIGHT___2 b ___END_PAGEFIND_WEIGHT___ c",
                &[],
            ),
            &Splitter::new("en"),
        )
        .expect("reads")
        .expect("has words");
        let b = &p.words.iter().find(|(w, _)| w == "b").expect("b").1;
        assert_eq!(b.plain.locs, vec![-49, 1]);
        assert!(p.fragment.contains(r#""content":"a b c""#));
    }

    #[test]
    fn a_record_without_words_is_left_out() {
        let r = read(
            record("… ، \u{200B}", &[("title", "x")]),
            &Splitter::new("ar"),
        );
        assert!(r.expect("reads").is_none());
    }

    #[test]
    fn private_markers_leave_meta() {
        assert_eq!(strip_private_markers("a ___PAGEFIND_X b"), "a b");
        assert_eq!(
            strip_private_markers("a ___PAGEFIND_ b"),
            "a ___PAGEFIND_ b"
        );
        assert_eq!(strip_private_markers("___PAGEFIND_X"), "");
    }
}
