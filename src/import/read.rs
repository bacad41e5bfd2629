//! Reading a paste: only a regular file (or standard input, `-`), never more than a paste can
//! be, and decoded from UTF-8 or from the encoding the editor names. A device or a FIFO is
//! refused before it is opened for reading (`/dev/zero` has no end, a FIFO no writer), and
//! the read stops at the cap, so a 60 MB pipe costs 5 MB of memory, not 60.
//!
//! Arabic text saved by older Windows editors is windows-1256, and some editors save UTF-16:
//! a paste that is not UTF-8 is checked for either, and the error says which it looks like.

use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1256};

use super::MAX_FILE_BYTES;

/// The encodings `--encoding` takes.
pub const ENCODINGS: &str = "utf-8, windows-1256, utf-16, utf-16le, utf-16be";

/// The encoding a paste is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    #[default]
    Utf8,
    Windows1256,
    /// By its byte order mark, little-endian without one.
    Utf16,
    Utf16Le,
    Utf16Be,
}

impl std::str::FromStr for TextEncoding {
    type Err = String;

    fn from_str(label: &str) -> Result<Self, String> {
        match label.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(TextEncoding::Utf8),
            "windows-1256" | "cp1256" => Ok(TextEncoding::Windows1256),
            "utf-16" | "utf16" => Ok(TextEncoding::Utf16),
            "utf-16le" => Ok(TextEncoding::Utf16Le),
            "utf-16be" => Ok(TextEncoding::Utf16Be),
            other => Err(format!("unknown encoding `{other}`; one of: {ENCODINGS}")),
        }
    }
}

/// The bytes of one input: `-` is standard input.
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    if path == Path::new("-") {
        return read_capped(std::io::stdin().lock());
    }
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = open_nonblocking(path).map_err(|e| format!("cannot read: {e}"))?;
    // Swapped for a FIFO or a device between the two looks: still refused.
    let opened = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    if !opened.is_file() {
        return Err(not_regular());
    }
    read_capped(file)
}

fn not_regular() -> String {
    "not a regular file (a device, FIFO or socket); import reads saved text files, or `-` for standard input".into()
}

fn too_large(len: u64) -> String {
    format!("{len} bytes is more than the {MAX_FILE_BYTES} a pasted article can be")
}

/// Read at most the cap, and refuse what goes past it without reading the rest.
fn read_capped(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "more than the {MAX_FILE_BYTES} bytes a pasted article can be (stopped reading there)"
        ));
    }
    Ok(bytes)
}

/// Opening a FIFO for reading waits for a writer; non-blocking, it returns at once (and the
/// check after it refuses the FIFO). Regular files read the same either way.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// The paste as text, BOM and CR line endings removed. UTF-8 that is not valid is an error
/// naming the line and column, and the encoding the bytes look like, if any.
pub fn decode(file: &Path, bytes: Vec<u8>, encoding: TextEncoding) -> Result<String, String> {
    let enc = match encoding {
        TextEncoding::Utf8 => {
            // UTF-16 of Arabic without a byte order mark is valid UTF-8, NULs and all.
            if bytes.contains(&0) {
                if let Some(name) = looks_like(&bytes).filter(|n| n.starts_with("utf-16")) {
                    return Err(format!(
                        "{}:1:1: not UTF-8 (NUL bytes); it looks like {name}: import it with --encoding {name}, or save it as UTF-8",
                        file.display()
                    ));
                }
            }
            let guess = std::str::from_utf8(&bytes)
                .is_err()
                .then(|| looks_like(&bytes));
            return crate::content::decode(file, bytes).map_err(|e| match guess.flatten() {
                Some(name) => format!(
                    "{e}; it looks like {name}: import it with --encoding {name}, or save it as UTF-8"
                ),
                None => e.to_string(),
            });
        }
        TextEncoding::Windows1256 => WINDOWS_1256,
        TextEncoding::Utf16Le => UTF_16LE,
        TextEncoding::Utf16Be => UTF_16BE,
        TextEncoding::Utf16 => match Encoding::for_bom(&bytes) {
            Some((found, _)) if found == UTF_16BE => UTF_16BE,
            _ => UTF_16LE,
        },
    };
    let body = strip_bom(&bytes, enc);
    let text = enc
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(|| format!("{}: not valid {}", file.display(), enc.name()))?;
    crate::content::decode(file, text.into_owned().into_bytes()).map_err(|e| e.to_string())
}

/// The encoding bytes that are not UTF-8 look like: UTF-16 by its byte order mark or by its
/// pattern (Arabic and ASCII code units have a high byte of 0x06 or 0x00), windows-1256 when
/// read so they are mostly Arabic letters.
pub fn looks_like(bytes: &[u8]) -> Option<&'static str> {
    match Encoding::for_bom(bytes) {
        Some((enc, _)) if enc == UTF_16LE => return Some("utf-16le"),
        Some((enc, _)) if enc == UTF_16BE => return Some("utf-16be"),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs >= 4 {
        let high = |offset: usize| {
            sample
                .iter()
                .skip(offset)
                .step_by(2)
                .filter(|&&b| b == 0x00 || b == 0x06)
                .count()
        };
        if high(1) * 10 >= pairs * 9 {
            return Some("utf-16le");
        }
        if high(0) * 10 >= pairs * 9 {
            return Some("utf-16be");
        }
    }
    let (text, _) = WINDOWS_1256.decode_without_bom_handling(bytes);
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    let arabic = text
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count();
    (non_ascii > 0 && arabic * 10 >= non_ascii * 8).then_some("windows-1256")
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((found, len)) if found == enc => &bytes[len..],
        _ => bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "قمة منظمة معاهدة الأمن الجماعي في موسكو 2022\nالمصدر: تاس\n";

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            out.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn pastes_in_other_encodings_are_recognised_and_read_when_named() {
        let (cp1256, _, _) = WINDOWS_1256.encode(ARABIC);
        let cases: [(Vec<u8>, &str, TextEncoding); 5] = [
            (
                cp1256.into_owned(),
                "windows-1256",
                TextEncoding::Windows1256,
            ),
            (utf16(ARABIC, true, true), "utf-16le", TextEncoding::Utf16),
            (utf16(ARABIC, false, true), "utf-16be", TextEncoding::Utf16),
            (
                utf16(ARABIC, true, false),
                "utf-16le",
                TextEncoding::Utf16Le,
            ),
            (
                utf16(ARABIC, false, false),
                "utf-16be",
                TextEncoding::Utf16Be,
            ),
        ];
        for (bytes, name, encoding) in cases {
            let err = decode(Path::new("p.txt"), bytes.clone(), TextEncoding::Utf8)
                .expect_err("not UTF-8");
            assert!(err.starts_with("p.txt:1:"), "{err}");
            assert!(err.contains("UTF-8"), "{err}");
            assert!(err.contains(&format!("looks like {name}")), "{name}: {err}");
            assert!(err.contains(&format!("--encoding {name}")), "{err}");
            assert_eq!(
                decode(Path::new("p.txt"), bytes, encoding).expect(name),
                ARABIC
            );
        }
    }

    #[test]
    fn bytes_that_look_like_nothing_get_no_guess() {
        let err = decode(
            Path::new("p.bin"),
            vec![b'a', 0xA9, 0xB0, b' ', 0xE0, 0xE7, 0xE8],
            TextEncoding::Utf8,
        )
        .expect_err("not UTF-8");
        assert!(!err.contains("looks like"), "{err}");
        assert!("latin-1".parse::<TextEncoding>().is_err());
        assert_eq!(
            "CP1256".parse::<TextEncoding>(),
            Ok(TextEncoding::Windows1256)
        );
    }

    #[test]
    fn a_read_stops_at_the_cap() {
        let endless = std::io::repeat(b'x');
        let err = read_capped(endless).expect_err("over the cap");
        assert!(err.contains("stopped reading"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_before_reading() {
        let err = read_input(Path::new("/dev/zero")).expect_err("a device");
        assert!(err.contains("not a regular file"), "{err}");
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = read_input(&fifo).expect_err("a FIFO");
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
}
