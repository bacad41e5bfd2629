//! An article's blocks kept out of memory between their load and the enrichers.
//!
//! At 100,000 articles the blocks' texts are more than a gigabyte, held from reading to
//! the end of the per-article enrichers, which read each article's once. Their texts joined
//! are the article's plain text ([`super::text_of`]), which the search records read from
//! the spill file anyway; so the text goes there at load, and an article keeps only each
//! block's kind, anchor, line and length, enough to cut the text back into its blocks.

use std::io;
use std::sync::Arc;

use super::markdown::{Block, BlockKind};
use super::spill::{Span, Spill};

/// Blocks whose texts are in a spill file, joined as [`super::text_of`] joins them.
#[derive(Debug, Clone)]
pub struct Shelved {
    spill: Arc<Spill>,
    text: Span,
    shapes: Vec<Shape>,
}

#[derive(Debug, Clone)]
struct Shape {
    kind: BlockKind,
    anchor: String,
    line: usize,
    len: usize,
}

/// What [`super::text_of`] puts between two non-empty blocks' texts.
const SEPARATOR: &str = super::markdown::BLOCK_SEPARATOR;

impl Shelved {
    /// Put `blocks`' texts into `spill`.
    pub fn put(blocks: Vec<Block>, spill: &Arc<Spill>) -> io::Result<Shelved> {
        let text = super::text_of(&blocks);
        let span = spill.put(text.as_bytes())?;
        let shapes = blocks
            .into_iter()
            .map(|b| Shape {
                kind: b.kind,
                anchor: b.anchor,
                line: b.line,
                len: b.text.len(),
            })
            .collect();
        Ok(Shelved {
            spill: Arc::clone(spill),
            text: span,
            shapes,
        })
    }

    /// Where the plain text lies in the spill file.
    pub fn text_span(&self) -> Span {
        self.text
    }

    /// The blocks and their plain text, read back.
    pub fn take(self) -> io::Result<(Vec<Block>, String)> {
        let text = self.spill.get_string(self.text)?;
        let mut at = 0;
        let mut blocks = Vec::with_capacity(self.shapes.len());
        for s in self.shapes {
            let own = if s.len == 0 {
                String::new()
            } else {
                if at > 0 {
                    at += SEPARATOR.len();
                }
                let piece = text.get(at..at + s.len).ok_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        "a block's text read back from the spill file is cut short",
                    )
                })?;
                at += s.len;
                piece.to_string()
            };
            blocks.push(Block {
                line: s.line,
                kind: s.kind,
                anchor: s.anchor,
                text: own,
            });
        }
        Ok((blocks, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, anchor: &str, line: usize, text: &str) -> Block {
        Block {
            line,
            kind,
            anchor: anchor.into(),
            text: text.into(),
        }
    }

    #[test]
    fn blocks_come_back_as_they_went_even_empty_or_holding_the_separator() {
        let blocks = vec![
            block(BlockKind::Paragraph, "p1", 3, ""),
            block(BlockKind::Heading, "h", 5, "عنوان"),
            block(BlockKind::Paragraph, "p2", 7, "أ\n\nب"),
            block(BlockKind::Item, "p3", 9, ""),
            block(BlockKind::Item, "p4", 10, "ج."),
        ];
        let text = crate::content::text_of(&blocks);
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let shelved = Shelved::put(blocks.clone(), &spill).expect("written");
        let (back, joined) = shelved.take().expect("read");
        assert_eq!(joined, text);
        assert_eq!(back.len(), blocks.len());
        for (a, b) in back.iter().zip(&blocks) {
            assert_eq!(
                (a.line, a.kind, &a.anchor, &a.text),
                (b.line, b.kind, &b.anchor, &b.text)
            );
        }
    }
}
