//! The closed sets of words of the scenario format (profiles, items, modes,
//! roles, triggers, ...), read by one function. serde's derived reader is
//! a sizeable function for each such enum, and the page pays for every one
//! of them in its first load; these all share one small reader instead.

/// An enum written in the format as one of a few words.
pub trait FormatWord: Sized + Copy + 'static {
    /// Every value with its word, in the order an error lists them.
    const WORDS: &'static [(Self, &'static str)];
}

/// Reads a word; the error names the word and what was expected, as
/// serde's own does.
pub fn from_word<T: FormatWord>(word: &str) -> Result<T, String> {
    T::WORDS.iter().find(|(_, w)| *w == word).map(|(v, _)| *v).ok_or_else(|| {
        let expected: Vec<String> = T::WORDS.iter().map(|(_, w)| format!("`{w}`")).collect();
        format!("unknown variant `{word}`, expected one of {}", expected.join(", "))
    })
}

/// `TryFrom<String>` for serde's `try_from` through [`from_word`].
macro_rules! format_words {
    ($ty:ty, [$(($v:expr, $w:literal)),+ $(,)?]) => {
        impl $crate::model::words::FormatWord for $ty {
            const WORDS: &'static [(Self, &'static str)] = &[$(($v, $w)),+];
        }
        impl TryFrom<String> for $ty {
            type Error = String;
            fn try_from(word: String) -> Result<Self, String> {
                $crate::model::words::from_word(&word)
            }
        }
    };
}
pub(crate) use format_words;
