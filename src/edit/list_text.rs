//! Edits of the pasted list as text, line by line: the console-like table
//! edits the same text the user types, so comments, headers and half-typed
//! lines survive every table operation.

/// Lines of the text, keeping an empty last line out.
fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// Replaces 1-based line `line`; a line past the end is appended.
pub fn replace_line(text: &str, line: usize, new: &str) -> String {
    let mut l = lines(text);
    match line.checked_sub(1).and_then(|i| l.get_mut(i)) {
        Some(slot) => *slot = new,
        None => l.push(new),
    }
    l.join("\n")
}

/// Removes 1-based line `line`; a line past the end changes nothing.
pub fn remove_line(text: &str, line: usize) -> String {
    let mut l = lines(text);
    if let Some(i) = line.checked_sub(1).filter(|i| *i < l.len()) {
        l.remove(i);
    }
    l.join("\n")
}

/// Swaps two 1-based lines (a move up or down in the table).
pub fn swap_lines(text: &str, a: usize, b: usize) -> String {
    let mut l = lines(text);
    if let (Some(i), Some(j)) = (a.checked_sub(1), b.checked_sub(1)) {
        if i < l.len() && j < l.len() {
            l.swap(i, j);
        }
    }
    l.join("\n")
}

/// Inserts `new` before 1-based line `line`; past the end, it is appended.
pub fn insert_line(text: &str, line: usize, new: &str) -> String {
    let mut l = lines(text);
    let at = line.saturating_sub(1).min(l.len());
    l.insert(at, new);
    l.join("\n")
}

/// Appends a line after the last one.
pub fn append_line(text: &str, new: &str) -> String {
    let trimmed = text.trim_end_matches('\n');
    if trimmed.is_empty() {
        new.to_string()
    } else {
        format!("{trimmed}\n{new}")
    }
}

/// Byte offset of 1-based line and column, for putting the caret there.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let col: usize = l.chars().take(column.saturating_sub(1)).map(char::len_utf16).sum();
            return offset + col;
        }
        offset += l.chars().map(char::len_utf16).sum::<usize>() + 1;
    }
    offset
}

/// Over this many lines, the page shows the list read-only instead of in a
/// text area: a browser lays out every line of a text area on each redraw,
/// which for 100,000 lines takes seconds. A console list (1024 entries) and
/// any list worth editing by hand stay well below it.
pub const LARGE_LINES: usize = 10_000;
/// The same in bytes, for few but very long lines.
pub const LARGE_BYTES: usize = 512 * 1024;

/// Whether the page shows the text read-only (see [`LARGE_LINES`]).
pub fn is_large(text: &str) -> bool {
    text.len() > LARGE_BYTES || text.bytes().filter(|b| *b == b'\n').nth(LARGE_LINES - 1).is_some()
}

/// Where each line starts, in bytes: the read-only view draws only the lines
/// in sight and finds them here.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// Line `index` (0-based) of `text` by its [`line_starts`], without its
/// line break, cut to `max_chars` characters with a `…`.
pub fn line_at<'a>(
    text: &'a str,
    starts: &[usize],
    index: usize,
    max_chars: usize,
) -> Option<std::borrow::Cow<'a, str>> {
    let start = *starts.get(index)?;
    let end = starts.get(index + 1).map_or(text.len(), |next| next.saturating_sub(1));
    let line = text.get(start..end)?.trim_end_matches('\r');
    Some(match line.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", line.get(..cut).unwrap_or_default()).into(),
        None => line.into(),
    })
}

/// The text with the selection `start..end` replaced by `insert`, as a paste
/// does. Browsers count selection offsets in UTF-16 units.
pub fn splice_utf16(text: &str, start: u32, end: u32, insert: &str) -> String {
    let (before, after) = around_utf16(text, start, end);
    let mut out = String::with_capacity(before.len() + insert.len() + after.len());
    out.push_str(before);
    out.push_str(insert);
    out.push_str(after);
    out
}

/// The text before and after the selection `start..end` (UTF-16 units).
pub fn around_utf16(text: &str, start: u32, end: u32) -> (&str, &str) {
    let byte_at = |unit: u32| {
        let mut units = 0u32;
        for (i, c) in text.char_indices() {
            if units >= unit {
                return i;
            }
            units += c.len_utf16() as u32;
        }
        text.len()
    };
    let (a, b) = (byte_at(start.min(end)), byte_at(start.max(end)));
    (text.get(..a).unwrap_or_default(), text.get(b..).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_edits_keep_other_lines() {
        let t = "# header\na -> b\n\nc -> d";
        assert_eq!(replace_line(t, 2, "x -> y"), "# header\nx -> y\n\nc -> d");
        assert_eq!(remove_line(t, 2), "# header\n\nc -> d");
        assert_eq!(swap_lines(t, 2, 4), "# header\nc -> d\n\na -> b");
        assert_eq!(append_line(t, "e -> f"), "# header\na -> b\n\nc -> d\ne -> f");
        assert_eq!(append_line("", "e -> f"), "e -> f");
        assert_eq!(remove_line(t, 99), t);
        // Just past the last line (a row removed twice, a move past the
        // end): nothing changes.
        assert_eq!(remove_line(t, 5), t);
        assert_eq!(swap_lines(t, 4, 5), t);
        assert_eq!(swap_lines(t, 5, 4), t);
        assert_eq!(insert_line(t, 2, "x -> y"), "# header\nx -> y\na -> b\n\nc -> d");
        assert_eq!(insert_line(t, 99, "x -> y"), "# header\na -> b\n\nc -> d\nx -> y");
    }

    #[test]
    fn offsets_count_utf16_units_like_the_browser() {
        assert_eq!(offset_of("ab\ncd", 2, 2), 4);
        assert_eq!(offset_of("é😀\nx", 2, 1), 4);
    }

    #[test]
    fn a_paste_replaces_the_selection_counted_in_utf16_units() {
        assert_eq!(splice_utf16("ab\ncd", 1, 4, "XY"), "aXYd");
        assert_eq!(splice_utf16("é😀x", 3, 3, "-"), "é😀-x");
        assert_eq!(splice_utf16("", 0, 0, "* -> server"), "* -> server");
        assert_eq!(splice_utf16("abc", 9, 2, "Z"), "abZ");
    }

    #[test]
    fn the_read_only_view_finds_and_cuts_lines() {
        let t = "one\r\ntwo\n\nfour is long";
        let starts = line_starts(t);
        assert_eq!(starts.len(), 4);
        assert_eq!(line_at(t, &starts, 0, 80).as_deref(), Some("one"));
        assert_eq!(line_at(t, &starts, 2, 80).as_deref(), Some(""));
        assert_eq!(line_at(t, &starts, 3, 4).as_deref(), Some("four…"));
        assert_eq!(line_at(t, &starts, 4, 80), None);
    }

    #[test]
    fn only_lists_far_beyond_the_console_limit_are_large() {
        assert!(!is_large(&"* -> server\n".repeat(LARGE_LINES - 1)));
        assert!(is_large(&"* -> server\n".repeat(LARGE_LINES)));
        assert!(is_large(&format!("* -> server # {}", "x".repeat(LARGE_BYTES))));
        assert!(!is_large(""));
        assert!(!is_large(&"x".repeat(LARGE_BYTES)), "512 KiB on one line is still edited");
        assert!(is_large(&"x".repeat(LARGE_BYTES + 1)));
    }
}
