//! JSON read into values that remember where each of them starts. A
//! scenario's reader needs no more than this, and serde's derived readers
//! for the scenario's types were a tenth of the page's first load; with
//! the places kept, a refused value is named at its own line and column.

use crate::format::error::ReadError;

/// Where a value starts: 1-based line and column (in characters).
pub type Place = (usize, usize);

/// One value and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where its first character is.
    pub at: Place,
    /// What it is.
    pub value: Value,
}

/// A JSON value. Numbers keep their text: the scenario reads only whole
/// ones, and keeping fractions as text keeps float code out of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object's members in the order written, each key with its place.
    Object(Vec<Member>),
}

/// One member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Where the key's opening quote is.
    pub key_at: Place,
    /// The value.
    pub node: Node,
}

impl Node {
    /// The member `key` of an object (the first, were there two).
    pub fn get(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// What it is, in the words of an error ("string \"x\"", "a list").
    pub fn kind(&self) -> String {
        match &self.value {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(n) => format!("number `{n}`"),
            Value::String(s) => format!("string {s:?}"),
            Value::Array(_) => "a list".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

/// The deepest nesting read, as serde_json's limit was: deeper documents
/// are no scenario, and the limit keeps the reader off the stack's end.
pub const MAX_DEPTH: usize = 128;

/// Reads one JSON value filling the whole text.
pub fn parse(text: &str) -> Result<Node, ReadError> {
    let mut r = Reader { bytes: text.as_bytes(), text, pos: 0, line: 1, column: 1 };
    let node = r.value(0)?;
    r.skip_ws();
    if r.pos < r.bytes.len() {
        return Err(r.error("trailing characters"));
    }
    Ok(node)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    column: usize,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> ReadError {
        ReadError::at(self.line, self.column, message)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Steps over one byte of JSON's own syntax, always ASCII: characters of
    /// several bytes are only read inside a string, which counts its columns
    /// itself, or refused where they stand.
    fn bump(&mut self) {
        if let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, ReadError> {
        self.skip_ws();
        let at = (self.line, self.column);
        let value = match self.peek() {
            None => return Err(self.error("EOF while parsing a value")),
            Some(b'{' | b'[') if depth >= MAX_DEPTH => return Err(self.error("recursion limit exceeded")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error("expected value")),
        };
        Ok(Node { at, value })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, ReadError> {
        for expected in word.bytes() {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b) if b == expected => self.bump(),
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(value)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<Value, ReadError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            self.required_digits()?;
        }
        Ok(Value::Number(self.text.get(start..self.pos).unwrap_or_default().to_string()))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.bump();
        }
    }

    fn required_digits(&mut self) -> Result<(), ReadError> {
        if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Err(self.error(if self.peek().is_none() { "EOF while parsing a value" } else { "invalid number" }));
        }
        self.digits();
        Ok(())
    }

    fn string(&mut self) -> Result<String, ReadError> {
        self.bump();
        let mut out = String::new();
        loop {
            // The plain run up to the next quote, escape or control
            // character is copied at once: a pasted list is one long string.
            let run = self.bytes.get(self.pos..).unwrap_or_default();
            let plain = run.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(run.len());
            out.push_str(self.text.get(self.pos..self.pos + plain).unwrap_or_default());
            self.column += run.get(..plain).unwrap_or_default().iter().filter(|&&b| b & 0xC0 != 0x80).count();
            self.pos += plain;
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.bump();
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.bump();
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ReadError> {
        let Some(b) = self.peek() else { return Err(self.error("EOF while parsing a string")) };
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.bump();
                return self.unicode(out);
            }
            _ => return Err(self.error("invalid escape")),
        };
        self.bump();
        out.push(c);
        Ok(())
    }

    /// `\uXXXX`, a surrogate pair's two halves read together.
    fn unicode(&mut self, out: &mut String) -> Result<(), ReadError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.peek() != Some(b'\\') || self.bytes.get(self.pos + 1) != Some(&b'u') {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            self.bump();
            self.bump();
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        match char::from_u32(code) {
            Some(c) => {
                out.push(c);
                Ok(())
            }
            None => Err(self.error("invalid unicode code point")),
        }
    }

    fn hex4(&mut self) -> Result<u32, ReadError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b) => (b as char).to_digit(16).ok_or_else(|| self.error("invalid escape"))?,
            };
            code = code * 16 + digit;
            self.bump();
        }
        Ok(code)
    }

    /// After an element: a comma, or the end of its list or object.
    fn after_element(&mut self, close: u8, what: &str) -> Result<bool, ReadError> {
        self.skip_ws();
        match self.peek() {
            None => Err(self.error(&format!("EOF while parsing {what}"))),
            Some(b',') => {
                self.bump();
                self.skip_ws();
                if self.peek() == Some(close) {
                    return Err(self.error("trailing comma"));
                }
                Ok(true)
            }
            Some(b) if b == close => {
                self.bump();
                Ok(false)
            }
            Some(_) => Err(self.error(if close == b']' { "expected `,` or `]`" } else { "expected `,` or `}`" })),
        }
    }

    /// Steps over a list's or an object's opening bracket; whether it
    /// closes at once (`[]`, `{}`).
    fn opened_empty(&mut self, close: u8, what: &str) -> Result<bool, ReadError> {
        self.bump();
        self.skip_ws();
        match self.peek() {
            None => Err(self.error(&format!("EOF while parsing {what}"))),
            Some(b) if b == close => {
                self.bump();
                Ok(true)
            }
            Some(_) => Ok(false),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ReadError> {
        let mut items = Vec::new();
        if self.opened_empty(b']', "a list")? {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            if !self.after_element(b']', "a list")? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ReadError> {
        let mut members = Vec::new();
        if self.opened_empty(b'}', "an object")? {
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            match self.peek() {
                None => return Err(self.error("EOF while parsing an object")),
                Some(b'"') => {}
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key_at = (self.line, self.column);
            let key = self.string()?;
            self.skip_ws();
            match self.peek() {
                None => return Err(self.error("EOF while parsing an object")),
                Some(b':') => self.bump(),
                Some(_) => return Err(self.error("expected `:`")),
            }
            let node = self.value(depth + 1)?;
            members.push(Member { key, key_at, node });
            if !self.after_element(b'}', "an object")? {
                return Ok(Value::Object(members));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str) -> (usize, usize, String) {
        match parse(text) {
            Err(ReadError::Json { line, column, message }) => (line, column, message),
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn every_kind_of_value_is_read_with_its_place() {
        let doc = "{\n  \"a\": [true, false, null],\n  \"é\": -12.5e+3,\n  \"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude42\"\n}";
        let node = parse(doc).expect("JSON");
        assert_eq!(node.at, (1, 1));
        let a = node.get("a").expect("a");
        assert_eq!((a.key_at, a.node.at), ((2, 3), (2, 8)));
        let Value::Array(items) = &a.node.value else { panic!("{a:?}") };
        let read: Vec<(Place, &Value)> = items.iter().map(|n| (n.at, &n.value)).collect();
        assert_eq!(read, [((2, 9), &Value::Bool(true)), ((2, 15), &Value::Bool(false)), ((2, 22), &Value::Null)]);
        let e = node.get("é").expect("é");
        assert_eq!((e.key_at, e.node.at, &e.node.value), ((3, 3), (3, 8), &Value::Number("-12.5e+3".into())));
        let s = node.get("s").expect("s");
        assert_eq!(s.node.value, Value::String("x\"\\/\u{8}\u{c}\n\r\té🙂".into()));
        assert!(node.get("b").is_none());
        assert_eq!(parse(" [ ] ").map(|n| n.value), Ok(Value::Array(Vec::new())));
        assert_eq!(parse("{}").map(|n| n.value), Ok(Value::Object(Vec::new())));
        assert_eq!(parse("0").map(|n| n.value), Ok(Value::Number("0".into())));
        assert_eq!(parse("7E-2").map(|n| n.value), Ok(Value::Number("7E-2".into())));
    }

    /// After a long string, with characters of several bytes, the column
    /// still counts characters.
    #[test]
    fn columns_count_characters_after_a_string() {
        let node = parse("[\"ééé✓🙂\", 1]").expect("JSON");
        let Value::Array(items) = node.value else { panic!() };
        assert_eq!(items[1].at, (1, 11));
    }

    #[test]
    fn what_is_not_json_is_named_at_its_place() {
        for (text, line, column, message) in [
            ("", 1, 1, "EOF while parsing a value"),
            ("{", 1, 2, "EOF while parsing an object"),
            ("{not json", 1, 2, "key must be a string"),
            ("{\"a\" 1}", 1, 6, "expected `:`"),
            ("{\"a\":", 1, 6, "EOF while parsing a value"),
            ("{\"a\":1", 1, 7, "EOF while parsing an object"),
            ("{\"a\":1 \"b\"}", 1, 8, "expected `,` or `}`"),
            ("{\"a\":1,}", 1, 8, "trailing comma"),
            ("[1,]", 1, 4, "trailing comma"),
            ("[1 2]", 1, 4, "expected `,` or `]`"),
            ("[1,", 1, 4, "EOF while parsing a value"),
            ("[1", 1, 3, "EOF while parsing a list"),
            ("[", 1, 2, "EOF while parsing a list"),
            ("[tru]", 1, 5, "expected ident"),
            ("[nul", 1, 5, "EOF while parsing a value"),
            ("[-]", 1, 3, "invalid number"),
            ("[1.]", 1, 4, "invalid number"),
            ("[1e", 1, 4, "EOF while parsing a value"),
            ("[x]", 1, 2, "expected value"),
            ("{} {}", 1, 4, "trailing characters"),
            ("[01]", 1, 3, "expected `,` or `]`"),
            ("\"a\nb\"", 1, 3, "control character (\\u0000-\\u001F) found while parsing a string"),
            ("\"a", 1, 3, "EOF while parsing a string"),
            ("\"\\", 1, 3, "EOF while parsing a string"),
            ("\"\\x\"", 1, 3, "invalid escape"),
            ("\"\\u12g4\"", 1, 6, "invalid escape"),
            ("\"\\u12", 1, 6, "EOF while parsing a string"),
            ("\"\\ud83d\"", 1, 8, "lone leading surrogate in hex escape"),
            ("\"\\ud83d\\u0041\"", 1, 14, "lone leading surrogate in hex escape"),
            ("\"\\ud83d\\n\"", 1, 8, "lone leading surrogate in hex escape"),
            ("\"\\ude42\"", 1, 8, "invalid unicode code point"),
            ("\n\n  [\n }", 4, 2, "expected value"),
            ("[\"é\", é]", 1, 7, "expected value"),
        ] {
            assert_eq!(refusal(text), (line, column, message.to_string()), "{text:?}");
        }
    }

    #[test]
    fn nesting_stops_at_its_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(refusal(&deep), (1, MAX_DEPTH + 1, "recursion limit exceeded".to_string()));
        let deep = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        assert_eq!(refusal(&deep).2, "recursion limit exceeded");
    }

    #[test]
    fn a_value_says_what_it_is() {
        let kinds: Vec<String> =
            ["null", "true", "1.5", "\"x\"", "[]", "{}"].iter().map(|t| parse(t).expect("JSON").kind()).collect();
        assert_eq!(kinds, ["null", "boolean `true`", "number `1.5`", "string \"x\"", "a list", "an object"]);
        assert!(parse("[]").expect("JSON").get("a").is_none());
    }
}
