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

pub fn remove_line(text: &str, line: usize) -> String {
    let mut l = lines(text);
    if let Some(i) = line.checked_sub(1).filter(|i| *i < l.len()) {
        l.remove(i);
    }
    l.join("\n")
}

pub fn swap_lines(text: &str, a: usize, b: usize) -> String {
    let mut l = lines(text);
    if let (Some(i), Some(j)) = (a.checked_sub(1), b.checked_sub(1)) {
        if i < l.len() && j < l.len() {
            l.swap(i, j);
        }
    }
    l.join("\n")
}

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
    }

    #[test]
    fn offsets_count_utf16_units_like_the_browser() {
        assert_eq!(offset_of("ab\ncd", 2, 2), 4);
        assert_eq!(offset_of("é😀\nx", 2, 1), 4);
    }
}
