//! Counts in words. Every sentence that counts something says it through
//! here, so "1 lines" or "lines 12 come first" cannot be written.

/// `n` followed by the noun in the right number: "1 line", "3 lines",
/// "1,024 URLs". `many` is the plural, given because English plurals are
/// not all an added "s" ("entry", "entries").
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", crate::fleet::count::count(n as u128), noun(n, one, many))
}

/// The word for `n` things without the number: "was" or "were", "line" or
/// "lines".
pub fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A list as people write it: "a", "a and b", "a, b and c".
pub fn join_and<S: AsRef<str>>(parts: &[S]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

/// Numbered things named together: "line 12", "lines 3 and 5",
/// "lines 3, 5 and 7".
pub fn numbered(one: &str, many: &str, numbers: &[usize]) -> String {
    let words: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    format!("{} {}", noun(numbers.len(), one, many), join_and(&words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thing_is_singular_and_every_other_count_plural() {
        assert_eq!(count(0, "line", "lines"), "0 lines");
        assert_eq!(count(1, "line with errors", "lines with errors"), "1 line with errors");
        assert_eq!(count(2, "URL", "URLs"), "2 URLs");
        assert_eq!(count(1_024, "entry", "entries"), "1,024 entries");
        assert_eq!(noun(1, "was", "were"), "was");
        assert_eq!(noun(3, "was", "were"), "were");
    }

    #[test]
    fn lists_are_joined_as_people_write_them() {
        assert_eq!(join_and::<&str>(&[]), "");
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b"]), "a and b");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
        assert_eq!(numbered("line", "lines", &[12]), "line 12");
        assert_eq!(numbered("line", "lines", &[3, 5]), "lines 3 and 5");
        assert_eq!(numbered("line", "lines", &[3, 5, 7]), "lines 3, 5 and 7");
    }
}
