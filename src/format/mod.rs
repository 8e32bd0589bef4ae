//! The scenario document (SPEC §2) and everything that carries it: reading
//! and writing JSON, bringing older versions up to date, placing values of
//! the document by line and column, and share links. The page, the command
//! line, files and links all go through here, so they cannot disagree.

pub mod error;
pub mod json;
pub mod locate;
pub mod migrate;
pub mod read;
pub mod scenario;
pub mod share;

pub use error::{ReadError, FORMAT_VERSION, MAX_DOCUMENT_BYTES};
pub use scenario::Scenario;
