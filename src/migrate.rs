//! Documents of earlier format versions, brought up to the current one. A
//! link in an old ticket or a file on a share must open as it did the day it
//! was made, so each version has one step to the next, applied in turn, and
//! the trace of a migrated document is the trace its own version gave.

use crate::scenario::{ReadError, Scenario, FORMAT_VERSION};

/// `read` is the document as the current model took it in; `text` is the
/// document itself, for the place of anything a step refuses.
pub fn to_current(read: Scenario, text: &str) -> Result<Scenario, ReadError> {
    let mut scenario = read;
    while scenario.version < FORMAT_VERSION {
        scenario = match scenario.version {
            1 => v1_to_v2(scenario, text)?,
            _ => break,
        };
    }
    Ok(scenario)
}

/// Version 2 added `title` and `fleet`. A version-1 planner refuses both as
/// unknown fields, so a document that says version 1 and carries one was
/// edited by hand: it is refused with the place and the fix rather than read
/// as something no planner wrote. Everything else means what it meant.
fn v1_to_v2(scenario: Scenario, text: &str) -> Result<Scenario, ReadError> {
    let added = [("title", scenario.title.is_some()), ("fleet", !scenario.fleet.is_empty())];
    if let Some((field, _)) = added.iter().find(|(_, present)| *present) {
        let (line, column) = key_position(text, field);
        return Err(ReadError::Json {
            line,
            column,
            message: format!("`{field}` is new in format version 2, but this document says \"version\": 1; make it 2"),
        });
    }
    Ok(Scenario { version: 2, ..scenario })
}

/// Line and column (1-based) of the first `"key":` in the document: where a
/// refused field is named. A refusal is rare, so a plain search does, and the
/// page does not carry a full JSON locator for it.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(&quoted)).map(|i| i + from) {
        from = at + quoted.len();
        if text.get(from..).is_some_and(|rest| rest.trim_start().starts_with(':')) {
            let before = text.get(..at).unwrap_or_default();
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before.get(line_start..).map_or(0, |l| l.chars().count());
            return (before.matches('\n').count() + 1, column + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::key_position;

    #[test]
    fn a_key_is_found_where_it_is_a_key() {
        let doc = "{\n  \"agent\": {\"label\": \"title\"},\n  \"title\" : \"x\"\n}";
        assert_eq!(key_position(doc, "title"), (3, 3));
        assert_eq!(key_position(doc, "fleet"), (1, 1));
        assert_eq!(key_position("{\"é\":1,\"fleet\":{}}", "fleet"), (1, 8));
    }
}
