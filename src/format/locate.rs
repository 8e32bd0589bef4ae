//! Where each value of a JSON document starts, by path (`sources.list[2].source`).
//! The reader refuses what is no scenario at its place; the values it
//! accepts but the planner refuses (a range above its end, an unknown
//! source word) need this to name their line and column too.

use std::collections::HashMap;

use crate::format::json::{self, Node, Value};

/// The start of every value of one document, by path.
#[derive(Debug, Default, Clone)]
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

impl Locator {
    /// Places the values of a document the reader accepted; a text that is
    /// no JSON places nothing.
    pub fn scan(text: &str) -> Locator {
        let mut positions = HashMap::new();
        if let Ok(doc) = json::parse(text) {
            place(&doc, String::new(), &mut positions);
        }
        Locator { positions }
    }

    /// Line and column (1-based) of the value at `path`.
    pub fn at(&self, path: &str) -> Option<(usize, usize)> {
        self.positions.get(path).copied()
    }
}

fn place(node: &Node, path: String, out: &mut HashMap<String, (usize, usize)>) {
    match &node.value {
        Value::Object(members) => {
            for m in members {
                let child = if path.is_empty() { m.key.clone() } else { format!("{path}.{}", m.key) };
                place(&m.node, child, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                place(item, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
    out.insert(path, node.at);
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

    /// A document nested as deep as the reader reads is placed to its
    /// deepest value.
    #[test]
    fn places_values_down_to_the_readers_depth() {
        let depth = json::MAX_DEPTH;
        let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let loc = Locator::scan(&doc);
        assert_eq!(loc.at(&"[0]".repeat(depth - 1)), Some((1, depth)));
        let doc = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let loc = Locator::scan(&doc);
        assert_eq!(loc.at(&vec!["a"; depth].join(".")), Some((1, 5 * depth + 1)));
    }

    /// Values after a closed array and after a comma keep their places.
    #[test]
    fn finds_values_after_arrays_and_commas() {
        let loc = Locator::scan(r#"{"a": [1, [2, 3], 4], "b": true}"#);
        assert_eq!(loc.at("a[1][1]"), Some((1, 15)));
        assert_eq!(loc.at("a[2]"), Some((1, 19)));
        assert_eq!(loc.at("b"), Some((1, 28)));
    }

    /// What is not JSON is placed nowhere.
    #[test]
    fn places_nothing_of_what_is_not_json() {
        let loc = Locator::scan(r#"{"a": 1, "b": [}"#);
        assert_eq!(loc.at("a"), None);
        assert_eq!(loc.at(""), None);
        assert_eq!(Locator::scan("{}").at(""), Some((1, 1)));
    }
}
