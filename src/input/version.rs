//! The agent's version, as the Trend Vision One console shows it. Version
//! Control Policies cover Trend Vision One Endpoint Security agents of
//! version 202412 or later (VC1); those versions are year and month
//! (`202412`, `202503.1`). The agents before them carry the Deep Security
//! numbering (`20.0.1-21510`), whose first number is small: both read
//! here, so a console's version can be pasted as it is shown.

use std::fmt;

/// The first version Version Control Policies support.
pub const VERSION_CONTROLLED_FROM: u32 = 202412;

/// An agent's version, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentVersion {
    /// A year-and-month version (`202412`), with whatever followed it.
    Monthly {
        /// Year and month, `YYYYMM`.
        month: u32,
        /// The version as written.
        text: String,
    },
    /// A Deep Security style version (`20.0.1-21510`): before 202412.
    Numbered(String),
}

/// Why a version did not read; `offset` is a byte offset into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError {
    /// Byte offset of the trouble.
    pub offset: usize,
    /// What is wrong, with the forms that read.
    pub message: String,
}

impl AgentVersion {
    /// Reads a version as the console shows it.
    pub fn parse(text: &str) -> Result<AgentVersion, VersionError> {
        let lead = text.len() - text.trim_start().len();
        let t = text.trim();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let rest = t.get(digits..).unwrap_or_default();
        let follows_well = rest.is_empty() || rest.starts_with(['.', '-', ' ', '_']);
        let fail = |offset: usize| {
            Err(VersionError {
                offset: lead + offset,
                message: format!(
                    "`{t}` is not an agent version: write it as the console shows it, such as 202412 (Trend Vision One Endpoint Security) or 20.0.1-21510"
                ),
            })
        };
        if digits == 0 {
            return fail(0);
        }
        if !follows_well {
            return fail(digits);
        }
        let number: u32 = t.get(..digits).and_then(|d| d.parse().ok()).unwrap_or(u32::MAX);
        match digits {
            6 => {
                let month = number % 100;
                if !(1..=12).contains(&month) {
                    return Err(VersionError {
                        offset: lead + 4,
                        message: format!("`{t}`: a version of this form is a year and a month (YYYYMM), and {month:02} is not a month"),
                    });
                }
                Ok(AgentVersion::Monthly { month: number, text: t.to_string() })
            }
            1..=3 if rest.starts_with('.') || rest.is_empty() => Ok(AgentVersion::Numbered(t.to_string())),
            _ => fail(0),
        }
    }

    /// Whether Version Control Policies cover an agent of this version (VC1).
    pub fn is_version_controlled(&self) -> bool {
        matches!(self, AgentVersion::Monthly { month, .. } if *month >= VERSION_CONTROLLED_FROM)
    }
}

impl fmt::Display for AgentVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AgentVersion::Monthly { text, .. } | AgentVersion::Numbered(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn controlled(text: &str) -> Result<bool, String> {
        AgentVersion::parse(text).map(|v| v.is_version_controlled()).map_err(|e| format!("{}: {}", e.offset, e.message))
    }

    #[test]
    fn versions_from_202412_are_version_controlled() {
        assert_eq!(controlled("202412"), Ok(true));
        assert_eq!(controlled(" 202503.1 "), Ok(true));
        assert_eq!(controlled("202601-100"), Ok(true));
        assert_eq!(controlled("202411"), Ok(false));
        assert_eq!(controlled("202312"), Ok(false));
        assert_eq!(controlled("20.0.1-21510"), Ok(false));
        assert_eq!(controlled("20"), Ok(false));
    }

    #[test]
    fn what_is_not_a_version_is_named_at_its_place() {
        assert!(controlled("latest").is_err_and(|e| e.starts_with("0: `latest` is not an agent version")));
        assert!(controlled("  202413").is_err_and(|e| e.starts_with("6: ") && e.contains("13 is not a month")));
        assert!(controlled("2024x").is_err_and(|e| e.starts_with("4: ")));
        assert!(controlled("2024.12").is_err());
        assert!(controlled("20-1").is_err(), "a short number is a Deep Security version only with its dots");
        assert!(controlled("").is_err());
        assert_eq!(AgentVersion::parse(" 202412 ").map(|v| v.to_string()), Ok("202412".into()));
    }
}
