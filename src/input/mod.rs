//! Reading what people type: addresses and host names, client IP ranges,
//! source words and pasted lists, and the fleet's agents. Each reader keeps
//! the position of whatever it refuses, so every error names a line and a
//! column; none of them fails a whole input for one bad part.

pub mod agents;
pub mod family;
pub mod host;
pub mod range;
pub mod source;
pub mod source_list;
pub mod text;
pub mod version;
