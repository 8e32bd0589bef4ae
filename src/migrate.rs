//! Documents of earlier format versions, brought up to the current one. A
//! link in an old ticket or a file on a share must open as it did the day it
//! was made, so each version has one step to the next, applied in turn, and
//! the trace of a migrated document is the trace its own version gave.

use crate::locate::Locator;
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
        let (line, column) = Locator::scan(text).at(field).unwrap_or((1, 1));
        return Err(ReadError::Json {
            line,
            column,
            message: format!("`{field}` is new in format version 2, but this document says \"version\": 1; make it 2"),
        });
    }
    Ok(Scenario { version: 2, ..scenario })
}
