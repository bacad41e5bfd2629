//! The container of every index file but the fragments and the entry: CBOR (minicbor), then
//! `pagefind_dcd` and the CBOR gzipped, which is how Pagefind's WebAssembly reads them.

use std::io::Write;

use flate2::{write::GzEncoder, Compression};
use minicbor::Encoder;
use sha2::{Digest, Sha256};

/// The signature Pagefind's reader expects at the start of every decompressed index file.
pub const SIGNATURE: &[u8] = b"pagefind_dcd";

/// CBOR written into memory. minicbor's writer for a `Vec` cannot fail (its error type is
/// `Infallible`), so the results of the writes carry nothing and are dropped.
pub struct Cbor(Encoder<Vec<u8>>);

impl Cbor {
    pub fn new() -> Cbor {
        Cbor(Encoder::new(Vec::new()))
    }

    /// Go on writing at the end of `bytes`.
    pub fn after(bytes: Vec<u8>) -> Cbor {
        Cbor(Encoder::new(bytes))
    }

    pub fn array(&mut self, len: usize) -> &mut Cbor {
        let _ = self.0.array(len as u64);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Cbor {
        let _ = self.0.str(s);
        self
    }

    pub fn uint(&mut self, n: u64) -> &mut Cbor {
        let _ = self.0.u64(n);
        self
    }

    pub fn int(&mut self, n: i32) -> &mut Cbor {
        let _ = self.0.i32(n);
        self
    }

    /// Bytes that are CBOR already (a word's encoded pages).
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Cbor {
        self.0.writer_mut().extend_from_slice(bytes);
        self
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0.into_writer()
    }
}

/// The gzip level of every index file. Pagefind gzips at the best level (9); the browser
/// only gunzips, so any level reads. Measured on the index files of 10,000 articles, against
/// level 9 (63.5 MB): level 5 makes them 1.9 % larger (64.7 MB; a query downloads a chunk or
/// two and a few fragments) and compresses them in under a third of the time, where at 9
/// deflate was over a third of the index's CPU. Level 6 saves 0.5 % of the bytes for a third
/// more time; below 5 the bytes grow faster than the time falls (3: +5.6 %, 1: +54 %).
const LEVEL: u32 = 5;

/// `bytes` behind the signature, gzipped at [`LEVEL`].
pub fn pack(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut gz = GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 64),
        Compression::new(LEVEL),
    );
    gz.write_all(SIGNATURE)
        .and_then(|()| gz.write_all(bytes))
        .and_then(|()| gz.finish())
        .map_err(|e| format!("compressing an index file: {e}"))
}

/// The hex digest of `bytes`, from which index file names are cut: a file's name changes
/// exactly when its contents do, so browsers may cache it for good.
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The name of a file within its folder: `<language>_` and the first `len` characters of
/// `digest`, one more for as long as `taken` says the name is used (at the full digest
/// the name is taken as it is: two files with the same digest have the same contents).
pub fn short_name(
    language: &str,
    digest: &str,
    len: usize,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut n = len.min(digest.len());
    loop {
        let name = format!("{language}_{}", &digest[..n]);
        if n >= digest.len() || !taken(&name) {
            return name;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_grow_past_a_collision() {
        let d = digest(b"x");
        let first = short_name("ar", &d, 7, |_| false);
        assert_eq!(first.len(), 10);
        let second = short_name("ar", &d, 7, |n| n == first);
        assert_eq!(second.len(), 11);
        assert!(second.starts_with(&first));
    }

    #[test]
    fn packed_files_open_with_the_signature() {
        use std::io::Read;
        let packed = pack(b"abc").expect("packs");
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut out)
            .expect("gunzips");
        assert_eq!(out, b"pagefind_dcdabc");
    }
}
