//! The example gallery, built in from `www/examples/` (see `build.rs`).

use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// What a first visit opens.
pub const DEFAULT: &str = "floor-update-agent-down.json";

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Example {
    pub file: String,
    pub title: String,
    pub story: String,
    pub profile: String,
}

/// The gallery, in the order of `index.json`.
pub fn gallery() -> Vec<Example> {
    let index = FILES.iter().find(|(f, _)| *f == "index.json").map(|(_, t)| *t).unwrap_or("[]");
    serde_json::from_str(index).unwrap_or_default()
}

pub fn json_of(file: &str) -> Option<&'static str> {
    FILES.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}
