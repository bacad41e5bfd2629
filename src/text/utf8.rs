//! Checking bytes for UTF-8 at SIMD speed. Bodies and article files are mostly Arabic, and
//! the standard library's check runs one character at a time outside ASCII: reading every
//! body back from the spill file and every article from disk spent more on the check than
//! on the copy.

/// `bytes` as text when they are UTF-8; the error says where they stop being so.
pub fn str_of(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s),
        // The fast check does not say where; the standard one does.
        Err(_) => std::str::from_utf8(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_passes_and_broken_bytes_fail_where_they_break() {
        let arabic = "منظمة معاهدة الأمن الجماعي ".repeat(40);
        assert_eq!(str_of(arabic.as_bytes()), Ok(arabic.as_str()));
        let mut broken = arabic.clone().into_bytes();
        broken.insert(101, 0xFF);
        let e = str_of(&broken).expect_err("0xFF is never UTF-8");
        assert_eq!(e.valid_up_to(), 101 - 101 % 2);
    }
}
