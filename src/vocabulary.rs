//! One vocabulary for people: how every source is named wherever a
//! customer reads it (the page, the picture, the copied trace, the command
//! line, the documentation kit), in the console's own words. Identifiers
//! (`server`, `primary`, `relay-group:NAME`) stay in JSON, in `world.down`
//! and in the code; a sentence never shows one.

use crate::input::source::SourceId;
use crate::model::item::Item;
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
        SourceId::EdgeRelay => "Edge Relay server".into(),
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
        | SourceId::ServiceGateway
        | SourceId::EdgeRelay => {
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

/// What is down (`world.down`, in any spelling), as a person lists it:
/// "ua://10.1.0.5, the OfficeScan server".
pub fn down_list(profile: Profile, down: &[String]) -> String {
    down.iter().map(|d| label(profile, &SourceId::read(d))).collect::<Vec<_>>().join(", ")
}

/// How the console's settings call the profile's agents.
pub fn agents(profile: Profile) -> &'static str {
    match profile {
        Profile::OfficeScan106 => "Clients",
        Profile::ApexOne => "Security Agents",
        _ => "OfficeScan agents",
    }
}

/// The console's setting for an item after the customized list (F1-F3).
pub fn fallback_setting(profile: Profile, item: Item) -> String {
    let server = profile.server_name();
    match item {
        Item::DomainSettings => {
            format!("Update domain settings from the {server} if all customized sources are unavailable or not found")
        }
        Item::Components => {
            format!("Update components from the {server} if all customized sources are unavailable or not found")
        }
        Item::Programs => format!(
            "Update {} programs and hot fixes from the {server} if all customized sources are unavailable or not found",
            profile.agent_name()
        ),
    }
}

/// The console's setting that lets agents go to ActiveUpdate (F1, S, U2).
pub fn activeupdate_setting(profile: Profile) -> String {
    format!("{} download updates from the Trend Micro ActiveUpdate Server", agents(profile))
}

/// The console's setting that keeps Update Agents on the server (U1).
pub fn ua_server_only_setting(profile: Profile) -> String {
    format!(
        "Update Agents update components, domain settings, and agent programs and hot fixes, only from the {}",
        profile.server_name()
    )
}

/// The console's setting for Update Agents notified by the server (U2).
pub fn ua_always_standard_setting(profile: Profile) -> String {
    format!("Update agent: always update from standard update source ({})", profile.server_name())
}

/// What the console calls an agent away from the server: a "roaming
/// client" (10.6), a "roaming agent" (11), an "Independent agent" (XG),
/// an "Independent Security Agent" (Apex One).
pub fn independent(profile: Profile) -> String {
    let status = match profile {
        Profile::OfficeScan106 | Profile::OfficeScan11 => "roaming",
        _ => "Independent",
    };
    format!("{status} {}", profile.agent_name())
}

/// The same, after "a": "a roaming client", "an Independent agent".
pub fn an_independent(profile: Profile) -> String {
    let who = independent(profile);
    let article = if who.starts_with('I') { "an" } else { "a" };
    format!("{article} {who}")
}

/// The event-triggered update's option that includes them (IND1).
pub fn notify_roaming_setting(profile: Profile) -> &'static str {
    match profile {
        Profile::OfficeScan106 | Profile::OfficeScan11 => "Include roaming and offline client(s)",
        _ => "Include Independent and offline agent(s)",
    }
}

/// The event-triggered update's restart option (TL2).
pub fn restart_setting(profile: Profile) -> String {
    match profile {
        Profile::OfficeScan106 | Profile::OfficeScan11 => format!(
            "Let clients initiate component update when they restart and connect to the {} (roaming clients are excluded)",
            profile.server_name()
        ),
        _ => format!(
            "Let agents initiate component update after restarting and connecting to the {} (Independent agents excluded)",
            profile.server_name()
        ),
    }
}

/// The setting that lets automatic update run on them (IND1).
pub fn roaming_automatic_setting(profile: Profile) -> String {
    let (run, who) = match profile {
        Profile::OfficeScan106 | Profile::OfficeScan11 => ("client", "roaming clients"),
        _ => ("agent", "Independent agents"),
    };
    format!("Automatic {run} update on {who}")
}

/// A value of the scenario document in words, for an error the page
/// shows without the document's text: "the agent's address 2",
/// "entry 3's source", "the Service Gateway's address".
pub fn field(path: &str) -> String {
    let index = |p: &str| -> Option<usize> {
        let open = p.find('[')?;
        p.get(open + 1..p.find(']')?)?.parse::<usize>().ok().map(|i| i + 1)
    };
    let head = path.split(['[', '.']).collect::<Vec<_>>();
    match (head.first().copied(), head.get(1).copied(), index(path)) {
        (Some("agent"), Some("addresses"), Some(i)) => format!("the agent's address {i}"),
        (Some("agent"), Some("addresses"), None) => "the agent's addresses".into(),
        (Some("agent"), Some("version"), _) => "the agent's version".into(),
        (Some("server"), _, _) => "the server's address".into(),
        (Some("swp"), Some("primary"), _) => "the Primary Component Update Source".into(),
        (Some("swp"), Some("relays"), Some(i)) => format!("relay {i}"),
        (Some("swp"), Some("service_gateway"), _) => "the Service Gateway's address".into(),
        (Some("settings"), Some("edge_relay"), _) => "the Edge Relay server's address".into(),
        (Some("settings"), Some("schedule_hours"), _) => "the schedule's period".into(),
        (Some("settings"), Some("schedule_start"), _) => "the schedule's start time".into(),
        (Some("world"), Some("notified_at"), _) => "the time of the notification".into(),
        (Some("sources"), Some("list"), Some(i)) if path.ends_with(".range") => format!("entry {i}'s range"),
        (Some("sources"), Some("list"), Some(i)) if path.ends_with(".source") => format!("entry {i}'s source"),
        (Some("sources"), Some("list"), Some(i)) => format!("entry {i}"),
        _ => path.to_string(),
    }
}

/// Reads a source as a person writes it: the console's words, as [`label`]
/// and [`name`] give them ("the Service Gateway", "Trend Vision One", "the
/// OfficeScan server", "Primary Tenant Relay Group", "relay relay-a",
/// "Update Agent ua://10.1.0.5", "relay group \"Branch\"") or any spelling
/// `world.down` takes (`service-gateway`, `ua://10.1.0.5`, a relay's name).
pub fn read(words: &str) -> SourceId {
    let w = words.trim();
    let bare = strip_word(w, "the ").unwrap_or(w).trim();
    let lower = bare.to_ascii_lowercase();
    if Profile::ALL.iter().any(|p| p.server_name().eq_ignore_ascii_case(bare)) {
        return SourceId::Server;
    }
    match lower.as_str() {
        "activeupdate server" | "trend micro activeupdate server" => return SourceId::ActiveUpdate,
        "service gateway" => return SourceId::ServiceGateway,
        "trend vision one" => return SourceId::VisionOne,
        "primary tenant relay group" => return SourceId::TenantRelayGroup,
        "primary component update source" | "trend micro update server" => return SourceId::Primary,
        "edge relay server" => return SourceId::EdgeRelay,
        _ => {}
    }
    let group = strip_word(bare, "relay group ").or_else(|| strip_word(bare, "a relay of group "));
    if let Some(group) = group {
        return SourceId::RelayGroup(group.trim().trim_matches('"').to_string());
    }
    if let Some(agent) = strip_word(bare, "update agent ") {
        let agent = agent.trim();
        return SourceId::read(&if agent.contains("://") { agent.to_string() } else { format!("ua://{agent}") });
    }
    if let Some(relay) = strip_word(bare, "relay ") {
        return SourceId::Relay(relay.trim().to_string());
    }
    SourceId::read(w)
}

/// Sources as a person lists them (what is down, say): separated by
/// commas, semicolons or "and", each read by [`read`]; a piece that is no
/// name of the console's ("ua://10.1.0.5 server") is split at its spaces.
pub fn read_list(text: &str) -> Vec<SourceId> {
    let mut out: Vec<SourceId> = Vec::new();
    let pieces = text.split([',', ';']).flat_map(|p| p.split(" and ")).map(str::trim).filter(|p| !p.is_empty());
    for piece in pieces {
        let whole = read(piece);
        let named = !matches!(whole, SourceId::Relay(_)) || strip_word(piece, "relay ").is_some();
        let read_here: Vec<SourceId> = if named || !piece.contains(char::is_whitespace) {
            vec![whole]
        } else {
            piece.split_whitespace().map(read).collect()
        };
        for s in read_here {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// `text` without `word` at its start, in any case.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| text.get(word.len()..)).flatten()
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

    #[test]
    fn document_values_are_named_in_words() {
        assert_eq!(field("agent.addresses[1]"), "the agent's address 2");
        assert_eq!(field("sources.list[2].source"), "entry 3's source");
        assert_eq!(field("sources.list[0].range"), "entry 1's range");
        assert_eq!(field("swp.relays[0].name"), "relay 1");
        assert_eq!(field("server.address"), "the server's address");
        assert_eq!(field("swp.service_gateway"), "the Service Gateway's address");
        assert_eq!(field("agent.version"), "the agent's version");
        assert_eq!(field("something.else"), "something.else");
        assert_eq!(field("agent.addresses"), "the agent's addresses");
        assert_eq!(field("swp.primary"), "the Primary Component Update Source");
        assert_eq!(field("sources.list[2]"), "entry 3");
        assert_eq!(field("settings.edge_relay"), "the Edge Relay server's address");
        assert_eq!(field("settings.schedule_start"), "the schedule's start time");
        assert_eq!(field("settings.schedule_hours"), "the schedule's period");
        assert_eq!(field("world.notified_at"), "the time of the notification");
    }

    #[test]
    fn what_is_down_is_listed_as_a_person_says_it() {
        let down = vec!["server".to_string(), "UA://10.1.0.5".to_string(), "tenant-relay-group".to_string()];
        assert_eq!(down_list(Profile::ApexOne, &down), "Apex One server, ua://10.1.0.5, Primary Tenant Relay Group");
        assert_eq!(down_list(Profile::Swp, &[]), "");
    }

    #[test]
    fn each_consoles_settings_call_its_agents_by_its_own_name() {
        assert_eq!(agents(Profile::ApexOne), "Security Agents");
        assert_eq!(agents(Profile::OfficeScan106), "Clients");
        assert_eq!(agents(Profile::OfficeScanXg), "OfficeScan agents");
        assert_eq!(agents(Profile::OfficeScan11), "OfficeScan agents");
        assert_eq!(independent(Profile::OfficeScan106), "roaming client");
        assert_eq!(independent(Profile::OfficeScan11), "roaming agent");
        assert_eq!(independent(Profile::OfficeScanXg), "Independent agent");
        assert_eq!(independent(Profile::ApexOne), "Independent Security Agent");
        assert_eq!(an_independent(Profile::OfficeScan106), "a roaming client");
        assert_eq!(an_independent(Profile::OfficeScanXg), "an Independent agent");
        assert_eq!(notify_roaming_setting(Profile::OfficeScan11), "Include roaming and offline client(s)");
        assert_eq!(notify_roaming_setting(Profile::ApexOne), "Include Independent and offline agent(s)");
        assert!(restart_setting(Profile::OfficeScan106).starts_with(
            "Let clients initiate component update when they restart and connect to the OfficeScan server"
        ));
        assert!(restart_setting(Profile::ApexOne).ends_with("the Apex One server (Independent agents excluded)"));
        assert_eq!(roaming_automatic_setting(Profile::OfficeScan106), "Automatic client update on roaming clients");
        assert_eq!(roaming_automatic_setting(Profile::OfficeScanXg), "Automatic agent update on Independent agents");
    }

    #[test]
    fn settings_are_quoted_as_the_console_words_them() {
        assert_eq!(
            fallback_setting(Profile::ApexOne, Item::DomainSettings),
            "Update domain settings from the Apex One server if all customized sources are unavailable or not found"
        );
        assert_eq!(
            fallback_setting(Profile::OfficeScan106, Item::Programs),
            "Update client programs and hot fixes from the OfficeScan server if all customized sources are unavailable or not found"
        );
        assert_eq!(
            activeupdate_setting(Profile::OfficeScan106),
            "Clients download updates from the Trend Micro ActiveUpdate Server"
        );
        assert!(ua_server_only_setting(Profile::ApexOne).ends_with("only from the Apex One server"));
        assert!(ua_always_standard_setting(Profile::OfficeScanXg).ends_with("(OfficeScan server)"));
    }
}
