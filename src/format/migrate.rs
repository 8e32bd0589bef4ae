//! Documents of earlier format versions, brought up to the current one. A
//! link in an old ticket or a file on a share must open as it did the day it
//! was made, so each version has one step to the next, applied in turn, and
//! the trace of a migrated document is the trace its own version gave.
//!
//! The steps run on the raw document, before it is read as the current
//! version's types: a later version may rename or reshape a field, and the
//! current types could not even read the old shape.

use crate::format::error::{ReadError, FORMAT_VERSION};
use crate::format::json::{Node, Value};

/// Checks the document's version and brings it up to [`FORMAT_VERSION`].
/// A document from a later planner is named, not guessed at. Versions 2
/// to 6 only added fields and changed nothing else, so a document reads as
/// it is once it carries none of a later version's: no step reshapes it yet.
pub fn to_current(doc: &Node) -> Result<(), ReadError> {
    let mut version = match doc.get("version").map(|m| version_number(&m.node)) {
        // A missing version is reported by the typed reading, at its place.
        None => return Ok(()),
        Some(Ok(v)) if v > u64::from(FORMAT_VERSION) => return Err(ReadError::NewerVersion { found: v }),
        Some(Ok(v)) if v >= 1 => v,
        Some(Ok(v)) => return Err(ReadError::BadVersion { found: v.to_string() }),
        Some(Err(found)) => return Err(ReadError::BadVersion { found }),
    };
    let said = version;
    while version < u64::from(FORMAT_VERSION) {
        version += 1;
        let added: &[&str] = match version {
            2 => &["title", "fleet"],
            3 => &["evidence"],
            4 => &["swp.relay_group", "swp.version_control", "swp.service_gateway", "agent.version"],
            5 => &[
                "agent.location",
                "agent.unreachable_minutes",
                "settings.edge_relay",
                "settings.roaming_automatic_update",
                "settings.notify_roaming",
                "settings.restart_update",
                "settings.schedule_start",
                "settings.schedule_hours",
                "world.notified_at",
            ],
            6 => &["patterns"],
            _ => &[],
        };
        refuse_later_fields(doc, added, version, said)?;
    }
    Ok(())
}

/// A planner of an older version refuses a later version's fields as
/// unknown, so a document that says the older version and carries one was
/// edited by hand: it is refused with the place and the fix rather than
/// read as something no planner wrote. A top-level field set to `null` is
/// as good as absent (an older planner read it so); a nested one is there.
fn refuse_later_fields(doc: &Node, added: &[&str], version: u64, said: u64) -> Result<(), ReadError> {
    for field in added {
        let found = match field.split_once('.') {
            Some((parent, key)) => doc.get(parent).and_then(|p| p.node.get(key)),
            None => doc.get(field).filter(|m| m.node.value != Value::Null),
        };
        if let Some(member) = found {
            let (line, column) = member.key_at;
            return Err(ReadError::at(
                line,
                column,
                format!("`{field}` is new in format version {version}, but this document says \"version\": {said}; make it {version}"),
            ));
        }
    }
    Ok(())
}

/// The version as a whole number, or what was there instead, in words.
fn version_number(node: &Node) -> Result<u64, String> {
    match &node.value {
        Value::Number(n) if n.contains(['.', 'e', 'E']) => Err("a fraction".into()),
        Value::Number(n) => n.parse().map_err(|_| n.clone()),
        Value::String(s) => Err(format!("\"{s}\"")),
        Value::Bool(b) => Err(b.to_string()),
        Value::Null => Err("null".into()),
        Value::Array(_) => Err("a list".into()),
        Value::Object(_) => Err("an object".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::format::json::parse;

    fn check(text: &str) -> Result<(), ReadError> {
        to_current(&parse(text)?)
    }

    /// The top-level `version` and another object's are not the agent's,
    /// and a key's name inside a string is no key.
    #[test]
    fn a_nested_field_is_looked_for_inside_its_parent_only() {
        let doc = r#"{"version":3,"agent":{"addresses":["10.0.0.1"],"items":null,"label":"\"version\":"},"swp":{"relays":[{"name":"version"}]},"x":{"version":1,"relay_group":"g"}}"#;
        assert_eq!(check(doc), Ok(()));
        let doc = "{\"version\":1,\n \"agent\":{\"label\":\"}\\\"{\",\"version\":\"202412\"}}";
        assert_eq!(check(doc).map_err(|e| e.place()), Err((2, 26)));
    }

    #[test]
    fn a_version_that_is_no_whole_number_is_named() {
        for (doc, found) in [
            (r#"{"version":"one"}"#, "\"one\""),
            (r#"{"version":1.5}"#, "a fraction"),
            (r#"{"version":1e3}"#, "a fraction"),
            (r#"{"version":-2}"#, "-2"),
            (r#"{"version":0}"#, "0"),
            (r#"{"version":true}"#, "true"),
            (r#"{"version":null}"#, "null"),
            (r#"{"version":[6]}"#, "a list"),
            (r#"{"version":{}}"#, "an object"),
            (r#"{"version":99999999999999999999}"#, "99999999999999999999"),
        ] {
            assert_eq!(check(doc), Err(ReadError::BadVersion { found: found.into() }), "{doc}");
        }
        assert_eq!(check(r#"{"profile":"swp"}"#), Ok(()), "a missing version is the typed reading's to name");
        assert_eq!(check(r#"{"version":7}"#), Err(ReadError::NewerVersion { found: 7 }));
        assert_eq!(check(r#"{"version":6,"patterns":{}}"#), Ok(()));
    }

    #[test]
    fn a_nested_field_of_a_later_version_is_placed_at_its_own_key() {
        let doc = "{\n  \"version\": 3,\n  \"profile\": \"swp\",\n  \"agent\": {\n    \"addresses\": [\"10.0.0.1\"],\n    \"version\": \"202412\"\n  }\n}";
        match check(doc) {
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
        assert_eq!(check(r#"{"version":9,"hologram":[1,2]}"#), Err(ReadError::NewerVersion { found: 9 }));
        assert!(check(r#"{"version":1,"title":null}"#).is_ok(), "a null title is no title");
        assert!(matches!(check(r#"{"version":1,"fleet":{}}"#), Err(ReadError::Json { .. })));
        assert!(check(r#"{"version":2,"title":"x"}"#).is_ok());
        assert!(
            matches!(check(r#"{"version":2,"evidence":"x"}"#), Err(ReadError::Json { message, .. }) if message.contains("new in format version 3"))
        );
        assert!(check(r#"{"version":3,"evidence":"x"}"#).is_ok());
        for (doc, field) in [
            (r#"{"version":3,"swp":{"relay_group":"g"}}"#, "relay_group"),
            (r#"{"version":3,"swp":{"version_control":true}}"#, "version_control"),
            (r#"{"version":3,"swp":{"service_gateway":"sg"}}"#, "service_gateway"),
            (r#"{"version":3,"agent":{"version":"202412"}}"#, "version"),
        ] {
            match check(doc) {
                Err(ReadError::Json { message, .. }) => {
                    assert!(message.contains(&format!("{field}` is new in format version 4")), "{message}")
                }
                other => panic!("{doc}: {other:?}"),
            }
        }
        assert!(check(r#"{"version":4,"swp":{"relay_group":"g"},"agent":{"version":"202412"}}"#).is_ok());
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
            match check(doc) {
                Err(ReadError::Json { message, .. }) => {
                    assert!(message.starts_with(&format!("`{field}` is new in format version 5")), "{message}")
                }
                other => panic!("{doc}: {other:?}"),
            }
        }
        assert!(check(r#"{"version":5,"agent":{"location":"off-premises"},"world":{"notified_at":"10:00"}}"#).is_ok());
    }
}
