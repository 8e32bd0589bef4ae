//! Why a document is not a scenario at all, and the limits behind some of
//! those reasons. Kept apart from the document's types so that the
//! migration steps, which run before the document is typed, need nothing
//! of them.

use thiserror::Error;

/// The format version this build writes. Version 2 added `title` and
/// `fleet`, version 3 `evidence`, version 4 the relay group, Version
/// Control Policies, the Service Gateway and the agent's version, version 5
/// where the agent is and when it answers, version 6 `patterns`; older
/// documents are brought up to it by [`crate::format::migrate`].
pub const FORMAT_VERSION: u32 = 6;

/// The largest document the readers accept; a pasted list of 100,000 lines
/// fits well inside it.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

/// Why a document is not a scenario at all (the command line's exit 2).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    /// Not JSON, not of the scenario's shape, or refused by a migration step.
    #[error("line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the document.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Written by a later planner: named, never guessed at.
    #[error("this scenario is format version {found}, written by a newer planner; this planner reads version {FORMAT_VERSION}")]
    NewerVersion {
        /// The version the document says it is.
        found: u64,
    },
    /// `version` is not a whole number from 1.
    #[error("`version` must be a whole number from 1 (found {found})")]
    BadVersion {
        /// What was there instead, in words.
        found: String,
    },
    /// Larger than any scenario the planner reads.
    #[error("the document is {size} bytes; the planner reads at most {MAX_DOCUMENT_BYTES} bytes")]
    TooLarge {
        /// The document's size in bytes.
        size: usize,
    },
}

impl ReadError {
    /// What is wrong, without the place (which a caller that shows the
    /// place on its own would otherwise repeat).
    pub fn message(&self) -> String {
        match self {
            ReadError::Json { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    /// Where in the document, 1-based; the start for what has no place.
    pub fn place(&self) -> (usize, usize) {
        match self {
            ReadError::Json { line, column, .. } => (*line, *column),
            _ => (1, 1),
        }
    }

    /// A refusal at a place in the document.
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> ReadError {
        ReadError::Json { line, column, message: message.into() }
    }
}
