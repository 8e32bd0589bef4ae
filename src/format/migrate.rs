//! Documents of earlier format versions, brought up to the current one. A
//! link in an old ticket or a file on a share must open as it did the day it
//! was made, so each version has one step to the next, applied in turn, and
//! the trace of a migrated document is the trace its own version gave.
//!
//! The steps run on the raw document, before it is read as the current
//! version's types: a later version may rename or reshape a field, and the
//! current types could not even read the old shape.

use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::format::error::{ReadError, FORMAT_VERSION};

/// What the steps need to know of a document before it is typed: its
/// version, and the fields later versions added.
#[derive(Deserialize)]
struct Probe {
    #[serde(default, deserialize_with = "version_number")]
    version: Option<Result<u64, String>>,
    /// Added in version 2.
    #[serde(default)]
    title: Option<IgnoredAny>,
    /// Added in version 2.
    #[serde(default)]
    fleet: Option<IgnoredAny>,
    /// Added in version 3.
    #[serde(default)]
    evidence: Option<IgnoredAny>,
    /// Added in version 6.
    #[serde(default)]
    patterns: Option<IgnoredAny>,
}

/// Checks the document's version and brings it up to [`FORMAT_VERSION`],
/// returning the text to read as the current version. A document from a
/// later planner is named, not guessed at.
pub fn to_current(text: &str) -> Result<std::borrow::Cow<'_, str>, ReadError> {
    let probe: Probe = serde_json::from_str(text).map_err(|e| ReadError::from_json(&e))?;
    let mut version = match probe.version {
        // A missing version is reported by the typed reading, at its place.
        None => return Ok(text.into()),
        Some(Ok(v)) if v > u64::from(FORMAT_VERSION) => return Err(ReadError::NewerVersion { found: v }),
        Some(Ok(v)) if v >= 1 => v,
        Some(Ok(v)) => return Err(ReadError::BadVersion { found: v.to_string() }),
        Some(Err(found)) => return Err(ReadError::BadVersion { found }),
    };
    let doc: std::borrow::Cow<'_, str> = text.into();
    let said = version;
    while version < u64::from(FORMAT_VERSION) {
        version += 1;
        // Versions 2 to 6 only added fields and changed nothing else, so the
        // document reads as it is once it carries none of them. Those of 4
        // and 5 are nested: looked for as keys after their parent's (a document
        // this old is rare, and a probe of its own would cost the page).
        let nested = |field: &str| nested_key(&doc, field).is_some();
        let added: &[(&str, bool)] = match version {
            2 => &[("title", probe.title.is_some()), ("fleet", probe.fleet.is_some())],
            3 => &[("evidence", probe.evidence.is_some())],
            4 => &[
                ("swp.relay_group", nested("swp.relay_group")),
                ("swp.version_control", nested("swp.version_control")),
                ("swp.service_gateway", nested("swp.service_gateway")),
                ("agent.version", nested("agent.version")),
            ],
            5 => &[
                ("agent.location", nested("agent.location")),
                ("agent.unreachable_minutes", nested("agent.unreachable_minutes")),
                ("settings.edge_relay", nested("settings.edge_relay")),
                ("settings.roaming_automatic_update", nested("settings.roaming_automatic_update")),
                ("settings.notify_roaming", nested("settings.notify_roaming")),
                ("settings.restart_update", nested("settings.restart_update")),
                ("settings.schedule_start", nested("settings.schedule_start")),
                ("settings.schedule_hours", nested("settings.schedule_hours")),
                ("world.notified_at", nested("world.notified_at")),
            ],
            6 => &[("patterns", probe.patterns.is_some())],
            _ => &[],
        };
        refuse_later_fields(added, version, said, &doc)?;
    }
    Ok(doc)
}

/// A planner of an older version refuses a later version's fields as
/// unknown, so a document that says the older version and carries one was
/// edited by hand: it is refused with the place and the fix rather than
/// read as something no planner wrote.
fn refuse_later_fields(added: &[(&str, bool)], version: u64, said: u64, text: &str) -> Result<(), ReadError> {
    if let Some((field, _)) = added.iter().find(|(_, present)| *present) {
        let at = if field.contains('.') { nested_key(text, field) } else { key_offset(text, field, 0) };
        let (line, column) = position(text, at);
        return Err(ReadError::at(
            line,
            column,
            format!("`{field}` is new in format version {version}, but this document says \"version\": {said}; make it {version}"),
        ));
    }
    Ok(())
}

/// Any JSON value, kept as a number when it is a whole one.
fn version_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Result<u64, String>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Result<u64, String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a version number")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Ok(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Err(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Err("a fraction".into()))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Err(format!("\"{v}\"")))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Err(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Err("null".into()))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Err("a list".into()))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Err("an object".into()))
        }
    }
    d.deserialize_any(V).map(Some)
}

/// Where the first `"key":` at or after byte `from` starts. A refusal is
/// rare, so a plain search does, and the page does not carry a full JSON
/// locator for it.
fn key_offset(text: &str, key: &str, from: usize) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    let mut from = from;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(&quoted)).map(|i| i + from) {
        from = at + quoted.len();
        if text.get(from..).is_some_and(|rest| rest.trim_start().starts_with(':')) {
            return Some(at);
        }
    }
    None
}

/// Where `parent.key` is: the first `"key":` after the parent's key, inside
/// the parent's object (before the next key at the parent's level is not
/// checked: the fields looked for so are the parents' own).
fn nested_key(text: &str, path: &str) -> Option<usize> {
    let (parent, key) = path.split_once('.')?;
    // The parent's key holds no brace: its object's is the first after it.
    let from = key_offset(text, parent, 0)?;
    let open = text.get(from..)?.find('{')? + from;
    // The parent's object ends at its matching brace (strings skipped).
    let (mut depth, mut in_string, mut escaped, mut end) = (0usize, false, false, text.len());
    for (i, b) in text.bytes().enumerate().skip(open) {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (false, _, b'"') => in_string = true,
            (false, _, b'{') => depth += 1,
            (false, _, b'}') => {
                depth -= 1;
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            _ => {}
        }
    }
    key_offset(text, key, open).filter(|at| *at < end)
}

/// Line and column (1-based) of a byte offset; the start for none.
fn position(text: &str, at: Option<usize>) -> (usize, usize) {
    let Some(before) = at.and_then(|at| text.get(..at)) else { return (1, 1) };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |l| l.chars().count());
    (before.matches('\n').count() + 1, column + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_where_it_is_a_key() {
        let doc = "{\n  \"agent\": {\"label\": \"title\"},\n  \"title\" : \"x\"\n}";
        let key_position = |text: &str, key: &str| position(text, key_offset(text, key, 0));
        assert_eq!(key_position(doc, "title"), (3, 3));
        assert_eq!(key_position(doc, "fleet"), (1, 1));
        assert_eq!(key_position("{\"é\":1,\"fleet\":{}}", "fleet"), (1, 8));
    }

    #[test]
    fn a_nested_key_is_looked_for_inside_its_parent_only() {
        let doc = r#"{"version":3,"agent":{"addresses":["10.0.0.1"],"items":null},"swp":{"relays":[{"name":"version"}]},"x":{"version":1}}"#;
        assert_eq!(
            nested_key(doc, "agent.version"),
            None,
            "the top-level version and another object's are not the agent's"
        );
        assert_eq!(nested_key(doc, "swp.relay_group"), None);
        let doc = r#"{"agent":{"label":"}\"{","version":"202412"}}"#;
        assert_eq!(nested_key(doc, "agent.version"), doc.find("\"version\"")); // A string's escape ends with the character escaped: the string
                                                                               // after it closes, and so does the parent's object.
        let doc = r#"{"agent":{"label":"a\"b"},"x":{"version":1}}"#;
        assert_eq!(nested_key(doc, "agent.version"), None);
    }

    #[test]
    fn a_nested_field_of_a_later_version_is_placed_at_its_own_key() {
        let doc = "{\n  \"version\": 3,\n  \"profile\": \"swp\",\n  \"agent\": {\n    \"addresses\": [\"10.0.0.1\"],\n    \"version\": \"202412\"\n  }\n}";
        match to_current(doc) {
            Err(ReadError::Json { line, column, message }) => {
                assert_eq!((line, column), (6, 5), "{message}");
                assert!(message.starts_with("`agent.version` is new in format version 4"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_steps_run_before_the_document_is_typed() {
        // Not a scenario's shape at all, yet the version is judged first.
        assert_eq!(to_current(r#"{"version":9,"hologram":[1,2]}"#), Err(ReadError::NewerVersion { found: 9 }));
        assert!(to_current(r#"{"version":1,"title":null}"#).is_ok(), "a null title is no title");
        assert!(matches!(to_current(r#"{"version":1,"fleet":{}}"#), Err(ReadError::Json { .. })));
        assert!(to_current(r#"{"version":2,"title":"x"}"#).is_ok());
        assert!(
            matches!(to_current(r#"{"version":2,"evidence":"x"}"#), Err(ReadError::Json { message, .. }) if message.contains("new in format version 3"))
        );
        assert!(to_current(r#"{"version":3,"evidence":"x"}"#).is_ok());
        for (doc, field) in [
            (r#"{"version":3,"swp":{"relay_group":"g"}}"#, "relay_group"),
            (r#"{"version":3,"swp":{"version_control":true}}"#, "version_control"),
            (r#"{"version":3,"swp":{"service_gateway":"sg"}}"#, "service_gateway"),
            (r#"{"version":3,"agent":{"version":"202412"}}"#, "version"),
        ] {
            match to_current(doc) {
                Err(ReadError::Json { message, .. }) => {
                    assert!(message.contains(&format!("{field}` is new in format version 4")), "{message}")
                }
                other => panic!("{doc}: {other:?}"),
            }
        }
        assert!(to_current(r#"{"version":4,"swp":{"relay_group":"g"},"agent":{"version":"202412"}}"#).is_ok());
        for (doc, field) in [
            (r#"{"version":4,"agent":{"location":"off-premises"}}"#, "agent.location"),
            (r#"{"version":4,"agent":{"unreachable_minutes":40}}"#, "agent.unreachable_minutes"),
            (r#"{"version":4,"settings":{"edge_relay":"er.example"}}"#, "settings.edge_relay"),
            (r#"{"version":4,"settings":{"roaming_automatic_update":false}}"#, "settings.roaming_automatic_update"),
            (r#"{"version":4,"settings":{"notify_roaming":true}}"#, "settings.notify_roaming"),
            (r#"{"version":4,"settings":{"restart_update":true}}"#, "settings.restart_update"),
            (r#"{"version":4,"settings":{"schedule_start":"12:00"}}"#, "settings.schedule_start"),
            (r#"{"version":4,"settings":{"schedule_hours":2}}"#, "settings.schedule_hours"),
            (r#"{"version":4,"world":{"notified_at":"10:00"}}"#, "world.notified_at"),
        ] {
            match to_current(doc) {
                Err(ReadError::Json { message, .. }) => {
                    assert!(message.starts_with(&format!("`{field}` is new in format version 5")), "{message}")
                }
                other => panic!("{doc}: {other:?}"),
            }
        }
        assert!(
            to_current(r#"{"version":5,"agent":{"location":"off-premises"},"world":{"notified_at":"10:00"}}"#).is_ok()
        );
    }
}
