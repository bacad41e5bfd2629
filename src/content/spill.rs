//! Bodies kept on disk between the step that makes them and the one that reads them.
//!
//! At 100,000 articles the rendered bodies alone are more than a gigabyte, yet each is read
//! once, when its page is written (and the search text once, when its record is made). A
//! [`Spill`] is one temporary file, removed when the build ends, that bodies are appended to
//! from any thread; a [`Body`] is a body either held in memory (`serve`, `check`, the tests)
//! or spilled, with only its place in the file kept.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An append-only temporary file, read and written from many threads at once.
#[derive(Debug)]
pub struct Spill {
    file: File,
    end: AtomicU64,
}

/// Where one body lies in its spill file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    offset: u64,
    len: usize,
}

impl Span {
    /// How many bytes the span holds.
    pub fn size(self) -> usize {
        self.len
    }

    /// The `len` bytes from `from` within this span, for writers that put many parts at once.
    pub fn part(self, from: usize, len: usize) -> Span {
        Span {
            offset: self.offset + from as u64,
            len: len.min(self.len.saturating_sub(from)),
        }
    }
}

impl Spill {
    /// A new spill file in the system's temporary folder, which the system removes when the
    /// file is closed, so a killed build leaves nothing behind.
    pub fn new() -> io::Result<Spill> {
        Ok(Spill {
            file: tempfile::tempfile()?,
            end: AtomicU64::new(0),
        })
    }

    /// Append `bytes`; the file's room is taken before writing, so writers never wait on one
    /// another.
    pub fn put(&self, bytes: &[u8]) -> io::Result<Span> {
        let offset = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        write_at(&self.file, bytes, offset)?;
        Ok(Span {
            offset,
            len: bytes.len(),
        })
    }

    pub fn get(&self, span: Span) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; span.len];
        read_at(&self.file, &mut buf, span.offset)?;
        Ok(buf)
    }

    /// Read `span` onto the end of `out`.
    pub fn get_into(&self, span: Span, out: &mut Vec<u8>) -> io::Result<()> {
        let at = out.len();
        out.resize(at + span.len, 0);
        read_at(&self.file, &mut out[at..], span.offset)
    }

    /// The text at `span`, which [`Spill::put`] was given as UTF-8.
    pub fn get_string(&self, span: Span) -> io::Result<String> {
        let bytes = self.get(span)?;
        crate::text::utf8::str_of(&bytes)
            .map(str::to_owned)
            .map_err(io::Error::other)
    }
}

#[cfg(unix)]
pub(crate) fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
pub(crate) fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
pub(crate) fn write_at(file: &File, mut bytes: &[u8], mut offset: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, bytes, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
pub(crate) fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, buf, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}

/// A body of text, in memory or in a [`Spill`]. It serialises as the text itself (read back
/// when spilled), so templates and the disk cache see a string either way.
#[derive(Debug, Clone)]
pub struct Body(Place);

#[derive(Debug, Clone)]
enum Place {
    Held(String),
    Spilled(Arc<Spill>, Span),
}

impl Default for Body {
    fn default() -> Self {
        Body(Place::Held(String::new()))
    }
}

impl From<String> for Body {
    fn from(s: String) -> Self {
        Body(Place::Held(s))
    }
}

impl From<&str> for Body {
    fn from(s: &str) -> Self {
        Body(Place::Held(s.to_string()))
    }
}

impl Body {
    /// The text, borrowed when held, read back when spilled.
    pub fn read(&self) -> io::Result<Cow<'_, str>> {
        match &self.0 {
            Place::Held(s) => Ok(Cow::Borrowed(s)),
            Place::Spilled(spill, span) => spill.get_string(*span).map(Cow::Owned),
        }
    }

    /// The text when it is held in memory.
    pub fn held(&self) -> Option<&str> {
        match &self.0 {
            Place::Held(s) => Some(s),
            Place::Spilled(..) => None,
        }
    }

    /// Move a held text into `spill`, keeping only its place.
    pub fn spill(&mut self, spill: &Arc<Spill>) -> io::Result<()> {
        if let Place::Held(s) = &self.0 {
            let span = spill.put(s.as_bytes())?;
            self.0 = Place::Spilled(Arc::clone(spill), span);
        }
        Ok(())
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.read().map_err(|e| {
            serde::ser::Error::custom(format!("reading a body back from the spill file: {e}"))
        })?;
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Body::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spilled_body_reads_back_and_serialises_as_its_text() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let mut a = Body::from("<p>أ</p>");
        let mut b = Body::from("<p>b</p>".to_string());
        a.spill(&spill).expect("written");
        b.spill(&spill).expect("written");
        assert_eq!(a.held(), None);
        assert_eq!(a.read().expect("read").as_ref(), "<p>أ</p>");
        assert_eq!(b.read().expect("read").as_ref(), "<p>b</p>");
        assert_eq!(
            serde_json::to_string(&a).expect("json"),
            "\"<p>أ</p>\"".to_string()
        );
        let back: Body = serde_json::from_str("\"x\"").expect("json");
        assert_eq!(back.held(), Some("x"));
    }
}
