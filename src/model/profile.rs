//! The products the planner models. Each profile speaks its own console's
//! words, so a trace for OfficeScan 10.6 says "client" where Apex One says
//! "Security Agent" and a reader recognises their own screens.

use serde::{Deserialize, Serialize};

use crate::model::item::{Item, ItemSet};

/// A product whose agents the planner traces (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(try_from = "String")]
pub enum Profile {
    /// OfficeScan 10.6, whose console says "client".
    #[serde(rename = "officescan-10.6")]
    OfficeScan106,
    /// OfficeScan 11.0.
    #[serde(rename = "officescan-11")]
    OfficeScan11,
    /// OfficeScan XG, the default: the most common install in the field.
    #[default]
    #[serde(rename = "officescan-xg")]
    OfficeScanXg,
    /// Apex One, the only profile with a component scope (T3).
    #[serde(rename = "apex-one")]
    ApexOne,
    /// Trend Vision One Server & Workload Protection: relays, not a list.
    #[serde(rename = "swp")]
    Swp,
}

/// Which walk a profile follows (SPEC §1): the four OfficeScan-family products
/// share the customized-list walk, Server & Workload Protection has relays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// The customized-list walk (SPEC §3).
    OfficeScan,
    /// The relay walk (SPEC §4).
    Swp,
}

impl Profile {
    /// Every profile, in the order the page offers them.
    pub const ALL: [Profile; 5] =
        [Profile::OfficeScan106, Profile::OfficeScan11, Profile::OfficeScanXg, Profile::ApexOne, Profile::Swp];

    /// The spelling of the scenario format.
    pub const fn id(self) -> &'static str {
        match self {
            Profile::OfficeScan106 => "officescan-10.6",
            Profile::OfficeScan11 => "officescan-11",
            Profile::OfficeScanXg => "officescan-xg",
            Profile::ApexOne => "apex-one",
            Profile::Swp => "swp",
        }
    }

    /// Reads the format's spelling back.
    pub fn from_id(id: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The product's name, as its documentation writes it.
    pub const fn product(self) -> &'static str {
        match self {
            Profile::OfficeScan106 => "OfficeScan 10.6",
            Profile::OfficeScan11 => "OfficeScan 11.0",
            Profile::OfficeScanXg => "OfficeScan XG",
            Profile::ApexOne => "Apex One",
            Profile::Swp => "Server & Workload Protection",
        }
    }

    /// Which walk the profile follows.
    pub fn family(self) -> Family {
        match self {
            Profile::Swp => Family::Swp,
            _ => Family::OfficeScan,
        }
    }

    /// What the product calls its server, so the trace speaks its words.
    pub fn server_name(self) -> &'static str {
        match self {
            Profile::ApexOne => "Apex One server",
            Profile::Swp => "Workload Security Manager",
            _ => "OfficeScan server",
        }
    }

    /// What the product calls its agent ("client" on OfficeScan 10.6).
    pub fn agent_name(self) -> &'static str {
        match self {
            Profile::OfficeScan106 => "client",
            Profile::ApexOne => "Security Agent",
            _ => "agent",
        }
    }

    /// The items the product updates: all three for the OfficeScan family;
    /// Server & Workload Protection updates components only (its relays
    /// serve nothing else).
    pub fn items(self) -> ItemSet {
        match self.family() {
            Family::OfficeScan => ItemSet::ALL,
            Family::Swp => ItemSet::of(&[Item::Components]),
        }
    }

    /// Apex One is the only profile with the "Security Agents only update the
    /// following components" setting (T3).
    pub fn has_component_scope(self) -> bool {
        self == Profile::ApexOne
    }
}

crate::model::words::format_words!(
    Profile,
    [
        (Profile::OfficeScan106, "officescan-10.6"),
        (Profile::OfficeScan11, "officescan-11"),
        (Profile::OfficeScanXg, "officescan-xg"),
        (Profile::ApexOne, "apex-one"),
        (Profile::Swp, "swp")
    ]
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for p in Profile::ALL {
            assert_eq!(Profile::from_id(p.id()), Some(p));
            let json = serde_json::to_string(&p).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", p.id()));
        }
    }

    #[test]
    fn officescan_10_6_says_client() {
        assert_eq!(Profile::OfficeScan106.agent_name(), "client");
        assert_eq!(Profile::ApexOne.agent_name(), "Security Agent");
        assert_eq!(Profile::ApexOne.server_name(), "Apex One server");
        // The page's "server address" field is named for each product's server.
        assert_eq!(Profile::Swp.server_name(), "Workload Security Manager");
        assert_eq!(Profile::Swp.agent_name(), "agent");
        assert_eq!(Profile::OfficeScanXg.server_name(), "OfficeScan server");
    }

    #[test]
    fn server_and_workload_protection_updates_components_only() {
        assert_eq!(Profile::Swp.items().to_vec(), vec![Item::Components]);
        for p in Profile::ALL.into_iter().filter(|p| *p != Profile::Swp) {
            assert_eq!(p.items().to_vec(), Item::ALL.to_vec(), "{p:?}");
        }
    }
}
