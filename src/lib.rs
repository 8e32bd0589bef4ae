//! Update Source Planner: where a Trend Micro endpoint agent gets its updates
//! from, step by step, each step citing the documented rule behind it.
//!
//! The pipeline, one folder or file a stage:
//!
//! ```text
//! format  the scenario document: read, migrate, locate, share links
//!   → input   hosts, ranges, source words, pasted lists (positions kept)
//!   → plan    every string read into its type, every error placed
//!   → walk    the OfficeScan-family or S&WP walk, step by step
//!   → trace   numbered steps and outcomes (SPEC §5)
//!   → diagram the trace as a picture (SVG), one per item
//!   → figure  picture and trace as static HTML, for pages without scripts
//! duplication which pattern each source holds, what an agent downloads
//! fleet   many agents: interval index, batch, coverage, who, outages
//! edit    every change the page makes to a scenario
//! evidence what the agent's own log shows, against the trace
//! ```
//!
//! `vocabulary` names every source in the console's words for people.
//! `model` holds the vocabulary all stages share (items, profiles, rules,
//! diagnostics). The core is pure Rust with no browser types: the page
//! (`ui`, wasm only) and the `planner` command line render what it returns.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]
#![warn(missing_docs)]

pub mod diagram;
pub mod duplication;
pub mod edit;
pub mod evidence;
pub mod fence;
pub mod figure;
pub mod fleet;
pub mod format;
#[cfg(not(web))]
pub mod gallery;
pub mod input;
pub mod lesson;
#[cfg(not(web))]
pub mod mdbook;
pub mod model;
pub mod plan;
pub mod trace;
#[cfg(web)]
#[allow(missing_docs)]
pub mod ui;
pub mod vocabulary;
pub mod walk;
pub mod when;

pub use format::{ReadError, Scenario};
pub use trace::Trace;

/// The planner's version, shown by the page and the command line.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Resolves a scenario as written.
pub fn trace(scenario: &Scenario) -> Trace {
    walk::resolve(&plan::prepare(scenario, None))
}

/// Reads a JSON scenario and resolves it, with errors located in the JSON.
pub fn trace_json(text: &str) -> Result<Trace, ReadError> {
    read_and_trace(text).map(|(_, trace)| trace)
}

/// The scenario read and its trace, for what needs both (the picture names
/// the agent, a printed page its title) without reading the JSON twice.
pub fn read_and_trace(text: &str) -> Result<(Scenario, Trace), ReadError> {
    read_and_trace_drawn(text, plan::Draw::FIRST)
}

/// As [`read_and_trace`], telling one draw of the relay group's order
/// (`planner trace --draw N`): the outcome is the same for every draw.
pub fn read_and_trace_drawn(text: &str, draw: plan::Draw) -> Result<(Scenario, Trace), ReadError> {
    read_and_trace_at(text, draw, None)
}

/// As [`read_and_trace_drawn`], with the agent answering again `at`
/// minutes after the server's notification whatever the scenario says
/// (`planner trace --at 40m`, TL1-TL3).
pub fn read_and_trace_at(text: &str, draw: plan::Draw, at: Option<u32>) -> Result<(Scenario, Trace), ReadError> {
    let mut scenario = Scenario::from_json(text)?;
    if at.is_some() {
        scenario.agent.unreachable_minutes = at;
    }
    let locator = format::locate::Locator::scan(text);
    let plan = plan::Plan { draw, ..plan::prepare(&scenario, Some(&locator)) };
    Ok((scenario, walk::resolve(&plan)))
}
