//! One vocabulary for people: how every source is named wherever a
//! customer reads it (the page, the picture, the copied trace, the command
//! line, the documentation kit), in the console's own words. Identifiers
//! (`server`, `primary`, `relay-group:NAME`) stay in JSON, in `world.down`
//! and in the code; a sentence never shows one.

use crate::input::source::SourceId;
use crate::model::profile::Profile;

/// A source as a label: a box in the picture, a table cell, a what-if
/// switch. "OfficeScan server", "ActiveUpdate server", "ua://10.1.0.5",
/// "relay relay-a", "Primary Tenant Relay Group".
pub fn label(profile: Profile, source: &SourceId) -> String {
    match source {
        SourceId::Server => profile.server_name().to_string(),
        SourceId::ActiveUpdate => "ActiveUpdate server".into(),
        SourceId::UpdateAgent { .. } | SourceId::Url(_) | SourceId::Relay(_) => source.to_string(),
        SourceId::TenantRelayGroup => "Primary Tenant Relay Group".into(),
        SourceId::Primary => "Primary Component Update Source".into(),
        SourceId::RelayGroup(name) => format!("relay group \"{name}\""),
        SourceId::ServiceGateway => "Service Gateway".into(),
        SourceId::VisionOne => "Trend Vision One".into(),
    }
}

/// A source inside a sentence: "the OfficeScan server", "Update Agent
/// ua://10.1.0.5", "the Primary Tenant Relay Group", "a relay of group
/// "Branch"".
pub fn name(profile: Profile, source: &SourceId) -> String {
    match source {
        SourceId::Server
        | SourceId::ActiveUpdate
        | SourceId::TenantRelayGroup
        | SourceId::Primary
        | SourceId::ServiceGateway => {
            format!("the {}", label(profile, source))
        }
        SourceId::UpdateAgent { .. } => format!("Update Agent {source}"),
        SourceId::RelayGroup(group) => format!("a relay of group \"{group}\""),
        // "relay relay-a" says it twice.
        SourceId::Relay(name) if name.to_ascii_lowercase().contains("relay") => name.clone(),
        SourceId::Relay(name) => format!("relay {name}"),
        SourceId::Url(_) | SourceId::VisionOne => label(profile, source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_named_in_the_consoles_words() {
        let p = Profile::OfficeScanXg;
        assert_eq!(name(p, &SourceId::Server), "the OfficeScan server");
        assert_eq!(name(Profile::ApexOne, &SourceId::Server), "the Apex One server");
        assert_eq!(name(p, &SourceId::ActiveUpdate), "the ActiveUpdate server");
        assert_eq!(name(p, &SourceId::read("ua://10.1.0.5")), "Update Agent ua://10.1.0.5");
        assert_eq!(name(p, &SourceId::read("https://mirror.corp/au")), "https://mirror.corp/au");
        let swp = Profile::Swp;
        assert_eq!(name(swp, &SourceId::TenantRelayGroup), "the Primary Tenant Relay Group");
        assert_eq!(name(swp, &SourceId::Primary), "the Primary Component Update Source");
        assert_eq!(name(swp, &SourceId::Relay("relay-a".into())), "relay-a");
        assert_eq!(name(swp, &SourceId::Relay("10.0.5.4".into())), "relay 10.0.5.4");
        assert_eq!(label(swp, &SourceId::Relay("10.0.5.4".into())), "10.0.5.4");
        assert_eq!(name(swp, &SourceId::RelayGroup("Branch".into())), "a relay of group \"Branch\"");
        assert_eq!(name(swp, &SourceId::ServiceGateway), "the Service Gateway");
        assert_eq!(name(swp, &SourceId::VisionOne), "Trend Vision One");
        assert_eq!(label(swp, &SourceId::RelayGroup("Branch".into())), "relay group \"Branch\"");
        assert_eq!(label(p, &SourceId::Server), "OfficeScan server");
    }
}
