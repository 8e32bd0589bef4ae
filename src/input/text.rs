//! White space trimmed as `str::trim` does, quicker when there is none to
//! trim: a pasted list's parts are trimmed several times a line, and
//! `str::trim` decodes characters at each end even when the first byte
//! already says there is nothing to do.

/// Whether a byte is an ASCII character `char::is_whitespace` takes (the
/// vertical tab included, unlike `u8::is_ascii_whitespace`).
const fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// An end that starts or finishes with this byte needs no trimming: an
/// ASCII byte that is not white space. A byte of a longer character may be
/// part of white space (U+00A0, U+3000…): `str`'s own trim decides.
const fn settled(b: u8) -> bool {
    b.is_ascii() && !ascii_space(b)
}

/// `text.trim_start()`.
pub fn trim_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(&b) if !settled(b) => text.trim_start(),
        _ => text,
    }
}

/// `text.trim_end()`.
pub fn trim_end(text: &str) -> &str {
    match text.as_bytes().last() {
        Some(&b) if !settled(b) => text.trim_end(),
        _ => text,
    }
}

/// `text.trim()`.
pub fn trim(text: &str) -> &str {
    trim_end(trim_start(text))
}

/// Bytes of white space before the text: the offset of what `trim` keeps.
pub fn lead(text: &str) -> usize {
    text.len() - trim_start(text).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_vertical_tab_and_unicode_spaces_are_trimmed_as_str_does() {
        for text in ["\x0Ba\x0B", "\u{a0}a\u{3000}", " \t10.0.0.1\r", "", "   ", "é", "a\u{2028}"] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
            assert_eq!(lead(text), text.len() - text.trim_start().len(), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn trims_as_str_does(text in "[ \t\r\n\x0B\x0C\u{a0}\u{2003}\u{3000}a-z0-9.:/é-]{0,12}") {
            prop_assert_eq!(trim(&text), text.trim());
            prop_assert_eq!(trim_start(&text), text.trim_start());
            prop_assert_eq!(trim_end(&text), text.trim_end());
        }
    }
}
