//! Percent-decoding, as a browser does before it matches a path or a fragment.

use percent_encoding::percent_decode_str;

/// `s` with its `%XX` escapes decoded; `None` for a malformed escape (a `%` not followed by
/// two hex digits) or bytes that are not UTF-8, which no link this site writes contains.
pub fn decode(s: &str) -> Option<String> {
    let malformed = s.split('%').skip(1).any(|rest| {
        !rest
            .as_bytes()
            .get(..2)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if malformed {
        return None;
    }
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode_to_utf8_and_malformed_ones_are_refused() {
        assert_eq!(
            decode("/states/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/").as_deref(),
            Some("/states/روسيا/")
        );
        assert_eq!(decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode("plain").as_deref(), Some("plain"));
        for bad in ["%", "%2", "%zz", "%+1", "a%ff"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }
}
