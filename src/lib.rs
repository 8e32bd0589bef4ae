//! Update Source Planner: where a Trend Micro endpoint agent gets its updates
//! from, step by step, each step citing the documented rule behind it.
//!
//! The core (everything but `ui`) is pure Rust with no browser types: the page
//! and the `planner` command line render what it returns.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod fields;
pub mod fleet;
pub mod item;
pub mod list_text;
pub mod locate;
pub mod migrate;
pub mod plan;
pub mod profile;
pub mod range;
pub mod resolve;
pub mod rules;
pub mod scenario;
pub mod share;
pub mod source;
pub mod source_list;
pub mod swp;
pub mod trace;
#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use resolve::{trace, trace_json};
pub use scenario::Scenario;
pub use trace::Trace;

/// The planner's version, shown by the page and the command line.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
