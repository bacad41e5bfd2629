//! The inverted index while records stream in: per word, the pages it is on with its
//! positions and weights, held already encoded as the CBOR of Pagefind's word chunks
//! (`index/*.pf_index`), page numbers as differences. That is all the writer keeps of a
//! record once its fragment is out, and it is a few bytes per word and page, where Pagefind's
//! own indexer keeps every record's words, positions and text until it writes.
//!
//! Meta positions name their field by its index among every meta field name of the index,
//! sorted, which is known only at the end; until then a field is numbered in the order the
//! names were first met ([`Fields`]), and [`Postings::chunks`] renumbers the markers when the
//! two orders differ.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use minicbor::Decoder;

use super::cbor::Cbor;
use super::page::{Page, Places};
use crate::content::spill::{Span, Spill};

/// Pagefind cuts a chunk once its words hold this many positions and pages (its default
/// `index_chunk_size`); a query downloads the chunks its words fall in.
pub const CHUNK_SIZE: usize = 20_000;

/// Encoded postings held in memory, past which they are moved to the spill file: a large
/// site's postings (about 87 MB at 10,000 articles, ten times that at 100,000) would
/// otherwise be held until the index is written at the end of the build.
const HELD_BYTES: usize = 32 << 20;

/// The pages one word (or one marked form of it) is on.
#[derive(Default)]
struct PageList {
    /// `[page - previous page, [body positions], [meta positions]]` per page, as CBOR:
    /// the pages added since the list was last spilled.
    cbor: Vec<u8>,
    /// The earlier pages' CBOR, in order: for each part the spill round that wrote it, and
    /// where it lies within that round's span of the file.
    spilled: Vec<(u32, u32, u32)>,
    count: u32,
    last_page: u32,
}

impl PageList {
    fn push(&mut self, page: u32, places: &Places, fields: &[u32]) {
        let mut e = Cbor::after(std::mem::take(&mut self.cbor));
        e.array(3).uint(u64::from(page - self.last_page));
        e.array(places.locs.len());
        for &l in &places.locs {
            e.int(l);
        }
        e.array(meta_len(&places.meta));
        let mut field = None;
        let mut last = 0;
        for &(f, at) in &places.meta {
            if field != Some(f) {
                // A field opens with `-(field + 1)`; its positions count from 0 again.
                e.int(-(fields[usize::from(f)] as i32) - 1);
                field = Some(f);
                last = 0;
            }
            e.int((at - last) as i32);
            last = at;
        }
        self.cbor = e.into_bytes();
        self.count += 1;
        self.last_page = page;
    }
}

impl PageList {
    /// The whole list's CBOR: its spilled parts read back, then what is held.
    fn bytes<'a>(&'a self, spilled: Option<&Spilled>) -> Result<Cow<'a, [u8]>, String> {
        let spilled = match spilled {
            Some(s) if !self.spilled.is_empty() => s,
            _ => return Ok(Cow::Borrowed(&self.cbor)),
        };
        let spilled_len: usize = self.spilled.iter().map(|&(_, _, len)| len as usize).sum();
        let mut out = Vec::with_capacity(spilled_len + self.cbor.len());
        for &(round, from, len) in &self.spilled {
            let span = spilled
                .rounds
                .get(round as usize)
                .ok_or_else(|| format!("search postings: no spill round {round}"))?
                .part(from as usize, len as usize);
            spilled
                .file
                .get_into(span, &mut out)
                .map_err(|e| format!("reading back the search postings: {e}"))?;
        }
        out.extend_from_slice(&self.cbor);
        Ok(Cow::Owned(out))
    }

    /// Move the held CBOR to the end of `round`'s buffer, which is then written at once.
    fn spill(&mut self, round: u32, buffer: &mut Vec<u8>) -> Result<(), String> {
        if self.cbor.is_empty() {
            return Ok(());
        }
        let from = u32::try_from(buffer.len()).map_err(|_| too_large())?;
        let len = u32::try_from(self.cbor.len()).map_err(|_| too_large())?;
        buffer.extend_from_slice(&self.cbor);
        self.spilled.push((round, from, len));
        self.cbor = Vec::new();
        Ok(())
    }
}

fn too_large() -> String {
    "search postings: a spill round over 4 GB".to_string()
}

/// The postings' temporary file (removed by the system once closed) and the span of it each
/// spill round wrote.
struct Spilled {
    file: Spill,
    rounds: Vec<Span>,
}

/// Meta places packed: each position, and a marker wherever the field changes.
fn meta_len(meta: &[(u16, u32)]) -> usize {
    let fields =
        meta.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(!meta.is_empty());
    meta.len() + fields
}

/// One word of the index.
#[derive(Default)]
struct Entry {
    pages: PageList,
    forms: Vec<(String, PageList)>,
    /// Positions, pages and forms, as Pagefind counts them to cut chunks.
    size: usize,
}

/// Meta field names in the order they were first met.
#[derive(Default)]
pub struct Fields {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Fields {
    /// The provisional numbers of a page's fields (sorted names), adding new ones.
    fn of(&mut self, names: &[String]) -> Vec<u32> {
        names
            .iter()
            .map(|n| match self.index.get(n) {
                Some(&i) => i,
                None => {
                    let i = self.names.len() as u32;
                    self.names.push(n.clone());
                    self.index.insert(n.clone(), i);
                    i
                }
            })
            .collect()
    }

    /// Every name, sorted: the `meta_fields` of the index.
    pub fn sorted(&self) -> Vec<String> {
        let mut names = self.names.clone();
        names.sort();
        names
    }

    /// Provisional number → final number, or `None` when they are the same throughout.
    fn renumbering(&self) -> Option<Vec<u32>> {
        let sorted = self.sorted();
        let map: Vec<u32> = self
            .names
            .iter()
            .map(|n| sorted.iter().position(|s| s == n).unwrap_or(0) as u32)
            .collect();
        (!map.iter().enumerate().all(|(i, &f)| i as u32 == f)).then_some(map)
    }
}

/// The postings of every word of one index.
#[derive(Default)]
pub struct Postings {
    words: HashMap<String, Entry>,
    pub fields: Fields,
    /// Bytes of CBOR held in memory since the lists were last spilled.
    held: usize,
    spill: Option<Spilled>,
    /// Held bytes past which the lists are spilled ([`HELD_BYTES`]; tests set less).
    limit: Option<usize>,
}

/// One chunk of the word index: its first and last word and its CBOR, or what was made of
/// the CBOR as the chunk was encoded.
pub struct Chunk<T = Vec<u8>> {
    pub first: String,
    pub last: String,
    pub cbor: T,
}

impl Postings {
    /// Add the words of `page`, numbered `number`; pages come in increasing number. Past
    /// [`HELD_BYTES`] of held postings every list is spilled to the temporary file.
    pub fn add(&mut self, number: u32, page: Page) -> Result<(), String> {
        let fields = self.fields.of(&page.meta_fields);
        for (word, on_page) in page.words {
            let entry = self.words.entry(word).or_default();
            if !on_page.plain.locs.is_empty() || !on_page.plain.meta.is_empty() {
                let before = entry.pages.cbor.len();
                entry.pages.push(number, &on_page.plain, &fields);
                self.held += entry.pages.cbor.len() - before;
                entry.size += size(&on_page.plain);
            }
            for (form, places) in on_page.forms {
                let list = match entry.forms.iter().position(|(f, _)| *f == form) {
                    Some(i) => &mut entry.forms[i].1,
                    None => {
                        entry.size += 1;
                        entry.forms.push((form, PageList::default()));
                        let last = entry.forms.len() - 1;
                        &mut entry.forms[last].1
                    }
                };
                let before = list.cbor.len();
                list.push(number, &places, &fields);
                self.held += list.cbor.len() - before;
                entry.size += size(&places);
            }
        }
        if self.held > self.limit.unwrap_or(HELD_BYTES) {
            self.spill_all()?;
        }
        Ok(())
    }

    fn spill_all(&mut self) -> Result<(), String> {
        let to = match &mut self.spill {
            Some(to) => to,
            None => self.spill.insert(Spilled {
                file: Spill::new()
                    .map_err(|e| format!("a temporary file for the search postings: {e}"))?,
                rounds: Vec::new(),
            }),
        };
        let round = u32::try_from(to.rounds.len()).map_err(|_| too_large())?;
        let mut buffer = Vec::with_capacity(self.held);
        for entry in self.words.values_mut() {
            entry.pages.spill(round, &mut buffer)?;
            for (_, list) in &mut entry.forms {
                list.spill(round, &mut buffer)?;
            }
        }
        let span = to
            .file
            .put(&buffer)
            .map_err(|e| format!("spilling the search postings: {e}"))?;
        to.rounds.push(span);
        self.held = 0;
        Ok(())
    }

    /// The word index cut into chunks in word order, each encoded and handed to `finish`
    /// (compression) at once, so only what `finish` keeps of a chunk stays: the encoded
    /// chunks together are as large as the postings. Consumes the postings, releasing each
    /// word as its chunk is made.
    pub fn chunks<T: Send>(
        self,
        finish: impl Fn(Vec<u8>) -> Result<T, String> + Sync,
    ) -> Result<Vec<Chunk<T>>, String> {
        let renumber = self.fields.renumbering();
        let spill = self.spill;
        let mut words: Vec<(String, Entry)> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut groups: Vec<Vec<(String, Entry)>> = Vec::new();
        let mut group = Vec::new();
        let mut filled = 0;
        for (word, entry) in words {
            filled += entry.size;
            group.push((word, entry));
            if filled >= CHUNK_SIZE {
                groups.push(std::mem::take(&mut group));
                filled = 0;
            }
        }
        if !group.is_empty() {
            groups.push(group);
        }
        use rayon::prelude::*;
        groups
            .into_par_iter()
            .map(|group| {
                let c = encode_chunk(group, renumber.as_deref(), spill.as_ref())?;
                Ok(Chunk {
                    first: c.first,
                    last: c.last,
                    cbor: finish(c.cbor)?,
                })
            })
            .collect()
    }
}

/// How much a word's page adds to its chunk, as Pagefind counts it.
fn size(places: &Places) -> usize {
    places.locs.len() + meta_len(&places.meta) + 1
}

fn encode_chunk(
    group: Vec<(String, Entry)>,
    renumber: Option<&[u32]>,
    spill: Option<&Spilled>,
) -> Result<Chunk, String> {
    let first = group.first().map(|w| w.0.clone()).unwrap_or_default();
    let last = group.last().map(|w| w.0.clone()).unwrap_or_default();
    let mut e = Cbor::new();
    e.array(1).array(group.len());
    for (word, entry) in group {
        e.array(3).str(&word);
        pages(&mut e, &entry.pages, renumber, spill)?;
        e.array(entry.forms.len());
        for (form, list) in &entry.forms {
            e.array(2).str(form);
            pages(&mut e, list, renumber, spill)?;
        }
    }
    Ok(Chunk {
        first,
        last,
        cbor: e.into_bytes(),
    })
}

fn pages(
    e: &mut Cbor,
    list: &PageList,
    renumber: Option<&[u32]>,
    spill: Option<&Spilled>,
) -> Result<(), String> {
    e.array(list.count as usize);
    let cbor = list.bytes(spill)?;
    if let Some(map) = renumber {
        e.raw(&renumbered(&cbor, list.count, map)?);
    } else {
        e.raw(&cbor);
    }
    Ok(())
}

/// `count` encoded pages with their meta field markers renumbered by `map`. The fields'
/// order within a page is the order of their names, which the renumbering keeps.
fn renumbered(cbor: &[u8], count: u32, map: &[u32]) -> Result<Vec<u8>, String> {
    let broken = |e: minicbor::decode::Error| format!("postings do not decode: {e}");
    let mut d = Decoder::new(cbor);
    let mut e = Cbor::new();
    for _ in 0..count {
        d.array().map_err(broken)?;
        e.array(3).uint(d.u64().map_err(broken)?);
        let n = d.array().map_err(broken)?.unwrap_or(0) as usize;
        e.array(n);
        for _ in 0..n {
            e.int(d.i32().map_err(broken)?);
        }
        let n = d.array().map_err(broken)?.unwrap_or(0) as usize;
        e.array(n);
        for _ in 0..n {
            let v = d.i32().map_err(broken)?;
            if v < 0 {
                let field = (-(v + 1)) as usize;
                let to = map
                    .get(field)
                    .ok_or_else(|| format!("meta field {field} is not known"))?;
                e.int(-(*to as i32) - 1);
            } else {
                e.int(v);
            }
        }
    }
    Ok(e.into_bytes())
}

/// The `from`/`to` bounds of each chunk as the meta file lists them: cut to the shortest
/// prefixes that still tell a chunk's last word from the next chunk's first (a query's
/// word is looked up in the chunk whose bounds it falls between), never so short that a
/// chunk's `to` sorts before its `from`.
pub fn bounds<T>(chunks: &[Chunk<T>]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = chunks
        .iter()
        .map(|c| (c.first.clone(), c.last.clone()))
        .collect();
    for i in 1..out.len() {
        let (last, next) = (&out[i - 1].1, &out[i].0);
        let common = last
            .chars()
            .zip(next.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let cut_last: String = last.chars().take(common + 1).collect();
        let cut_next: String = next.chars().take(common + 1).collect();
        if cut_last >= out[i - 1].0 {
            out[i - 1].1 = cut_last;
        }
        out[i].0 = cut_next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::search::page::PageWord;

    /// Page `n` of a made-up site: words that recur on some pages, with body and meta
    /// places, some with a marked form, and meta fields met in an order not sorted.
    fn page(n: u32) -> Page {
        let words = (0..40u32)
            .filter(|w| !(n * 7 + w * 3).is_multiple_of(5))
            .map(|w| {
                let plain = Places {
                    locs: (0..(1 + (n + w) % 4))
                        .map(|k| (k * 11 + w) as i32)
                        .collect(),
                    meta: if w % 6 == 0 {
                        vec![(0, w), (1, 2)]
                    } else {
                        Vec::new()
                    },
                };
                let forms = if w % 9 == 0 {
                    vec![(
                        format!("form{w}"),
                        Places {
                            locs: vec![w as i32],
                            meta: Vec::new(),
                        },
                    )]
                } else {
                    Vec::new()
                };
                (format!("word{w:02}"), PageWord { plain, forms })
            })
            .collect();
        Page {
            url: format!("/p{n}/"),
            fragment: String::new(),
            word_count: 40,
            words,
            meta_fields: if n.is_multiple_of(2) {
                vec!["title".into(), "image".into()]
            } else {
                vec!["zeta".into(), "alpha".into()]
            },
            filters: Default::default(),
            sort: Default::default(),
        }
    }

    fn chunks_of(mut postings: Postings) -> (bool, Vec<(String, String, Vec<u8>)>) {
        for n in 0..300 {
            postings.add(n, page(n)).expect("adds");
        }
        let spilled = postings.spill.is_some();
        let chunks = postings.chunks(Ok).expect("chunks");
        (
            spilled,
            chunks
                .into_iter()
                .map(|c| (c.first, c.last, c.cbor))
                .collect(),
        )
    }

    #[test]
    fn spilled_postings_make_the_same_chunks_as_held_ones() {
        let (held_spilled, held) = chunks_of(Postings::default());
        let (spilled, from_file) = chunks_of(Postings {
            limit: Some(1),
            ..Postings::default()
        });
        assert!(!held_spilled && spilled);
        assert!(held.len() > 1, "{} chunks", held.len());
        assert_eq!(held, from_file);
    }

    fn chunk(first: &str, last: &str) -> Chunk {
        Chunk {
            first: first.into(),
            last: last.into(),
            cbor: Vec::new(),
        }
    }

    #[test]
    fn bounds_are_the_shortest_telling_prefixes() {
        let b = bounds(&[
            chunk("apple", "apple"),
            chunk("apricot", "banana"),
            chunk("peach", "peach"),
        ]);
        assert_eq!(
            b,
            vec![
                ("apple".into(), "apple".into()),
                ("apr".into(), "b".into()),
                ("p".into(), "peach".into())
            ]
        );
    }

    #[test]
    fn meta_markers_are_renumbered_to_sorted_fields() {
        let mut list = PageList::default();
        let places = Places {
            locs: vec![-25, 3],
            meta: vec![(0, 1), (0, 4), (1, 0)],
        };
        // The page's fields 0 and 1 were met as fields 2 and 0.
        list.push(5, &places, &[2, 0]);
        let out = renumbered(&list.cbor, 1, &[1, 0, 2]).expect("decodes");
        let mut expected = PageList::default();
        expected.push(5, &places, &[2, 1]);
        assert_eq!(out, expected.cbor);
    }
}
