//! The vocabulary every stage shares: the items of an update, the products,
//! the rule catalogue, and the diagnostics the readers produce. Nothing here
//! depends on any other stage.

pub mod diagnostics;
pub mod item;
pub mod order;
pub mod plural;
pub mod profile;
pub mod rules;
pub mod words;
