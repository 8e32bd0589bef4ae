//! Where each value of a JSON document starts, by path (`sources.list[2].source`).
//! serde reports line and column for syntax and type errors only; the values
//! it accepts but the planner refuses (a range above its end, an unknown
//! source word) need this to name their line and column too.

use std::collections::HashMap;

/// The start of every value of one document, by path.
#[derive(Debug, Default, Clone)]
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

impl Locator {
    /// Scans a document serde already accepted; on anything unexpected it
    /// stops and keeps what it found.
    pub fn scan(json: &str) -> Locator {
        let mut s = Scanner { chars: json.chars().peekable(), line: 1, column: 1, out: HashMap::new() };
        s.value(String::new(), 0);
        Locator { positions: s.out }
    }

    /// Line and column (1-based) of the value at `path`.
    pub fn at(&self, path: &str) -> Option<(usize, usize)> {
        self.positions.get(path).copied()
    }
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    column: usize,
    out: HashMap<String, (usize, usize)>,
}

const MAX_DEPTH: usize = 128;

impl Scanner<'_> {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_whitespace()) {
            self.bump();
        }
    }

    fn value(&mut self, path: String, depth: usize) -> Option<()> {
        self.skip_ws();
        if depth > MAX_DEPTH {
            return None;
        }
        self.out.insert(path.clone(), (self.line, self.column));
        match self.chars.peek()? {
            '{' => self.object(&path, depth),
            '[' => self.array(&path, depth),
            '"' => self.string().map(|_| ()),
            _ => {
                let start = self.column;
                while self.chars.peek().is_some_and(|c| !matches!(c, ',' | '}' | ']') && !c.is_whitespace()) {
                    self.bump();
                }
                // A value that is not even one character (`[}`) is no JSON:
                // stop rather than read the same place forever.
                (self.column > start).then_some(())
            }
        }
    }

    fn object(&mut self, path: &str, depth: usize) -> Option<()> {
        self.bump();
        loop {
            self.skip_ws();
            match self.chars.peek()? {
                '}' => {
                    self.bump();
                    return Some(());
                }
                ',' => {
                    self.bump();
                }
                '"' => {
                    let key = self.string()?;
                    self.skip_ws();
                    (self.bump()? == ':').then_some(())?;
                    let child = if path.is_empty() { key } else { format!("{path}.{key}") };
                    self.value(child, depth + 1)?;
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, path: &str, depth: usize) -> Option<()> {
        self.bump();
        let mut i = 0;
        loop {
            self.skip_ws();
            match self.chars.peek()? {
                ']' => {
                    self.bump();
                    return Some(());
                }
                ',' => {
                    self.bump();
                }
                _ => {
                    self.value(format!("{path}[{i}]"), depth + 1)?;
                    i += 1;
                }
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(s),
                '\\' => {
                    let c = self.bump()?;
                    s.push(c);
                }
                c => s.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let doc = "{\n  \"sources\": {\n    \"list\": [\n      { \"range\": \"10.0.0.0/8\", \"source\": \"floppy\" }\n    ]\n  }\n}";
        let loc = Locator::scan(doc);
        assert_eq!(loc.at("sources.list[0].source"), Some((4, 42)));
        assert_eq!(loc.at("sources.list[0].range"), Some((4, 18)));
        assert_eq!(loc.at("missing"), None);
    }

    /// A document nested deeper than anything serde reads (it stops at 128)
    /// is scanned down to depth 128 and no further, without overflowing.
    #[test]
    fn stops_at_its_depth_limit() {
        let depth = 300;
        let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let loc = Locator::scan(&doc);
        let path = |n: usize| "[0]".repeat(n);
        assert_eq!(loc.at(&path(MAX_DEPTH)), Some((1, MAX_DEPTH + 1)));
        assert_eq!(loc.at(&path(MAX_DEPTH + 1)), None);
        let doc = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let loc = Locator::scan(&doc);
        let path = |n: usize| vec!["a"; n].join(".");
        assert_eq!(loc.at(&path(MAX_DEPTH)), Some((1, 5 * MAX_DEPTH + 1)));
        assert_eq!(loc.at(&path(MAX_DEPTH + 1)), None);
    }

    /// Values after a closed array and after a comma keep their places.
    #[test]
    fn finds_values_after_arrays_and_commas() {
        let loc = Locator::scan(r#"{"a": [1, [2, 3], 4], "b": true}"#);
        assert_eq!(loc.at("a[1][1]"), Some((1, 15)));
        assert_eq!(loc.at("a[2]"), Some((1, 19)));
        assert_eq!(loc.at("b"), Some((1, 28)));
    }

    /// What is not JSON stops the scan, keeping what came before.
    #[test]
    fn stops_at_what_is_not_json() {
        let loc = Locator::scan(r#"{"a": 1, "b": [}"#);
        assert_eq!(loc.at("a"), Some((1, 7)));
        assert_eq!(loc.at("b"), Some((1, 15)));
        assert_eq!(loc.at("b[1]"), None);
    }
}
