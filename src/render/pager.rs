//! A list page's pager: the links to its other pages, in the words of `strings.yaml`.

use serde::Serialize;

use crate::site;
use crate::strings::{fill, PagerWords};

/// A list page's pager: where its other pages are, around the current one.
#[derive(Serialize)]
pub(super) struct Pager<'a> {
    /// This page's number, from 1.
    number: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    /// The first and last pages and those near this one, in order.
    links: Vec<PagerLink>,
    words: &'a PagerWords,
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    path: String,
    /// The page's name for assistive technology (`الصفحة 3`).
    label: String,
    current: bool,
    /// Pages are left out between this link and the one before it.
    gap_before: bool,
}

/// Pages either side of the current one that the pager links by number.
const PAGER_NEIGHBOURS: usize = 2;

impl<'a> Pager<'a> {
    pub(super) fn new(list: &str, number: usize, total: usize, words: &'a PagerWords) -> Self {
        let near = number.saturating_sub(PAGER_NEIGHBOURS)..=number + PAGER_NEIGHBOURS;
        let mut links: Vec<PagerLink> = Vec::new();
        for k in (1..=total).filter(|&k| k == 1 || k == total || near.contains(&k)) {
            links.push(PagerLink {
                number: k,
                path: site::paged(list, k),
                label: fill(&words.page, "n", &k.to_string()),
                current: k == number,
                gap_before: links.last().is_some_and(|l| l.number + 1 != k),
            });
        }
        Pager {
            number,
            total,
            prev: (number > 1).then(|| site::paged(list, number - 1)),
            next: (number < total).then(|| site::paged(list, number + 1)),
            links,
            words,
        }
    }
}
