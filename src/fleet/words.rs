//! The sentences the fleet's answers are told in, shared by the page and
//! the command line so both say exactly the same, and never more than was
//! worked out.

use super::coverage::Shadowed;
use crate::fleet::count::{addresses, count};
use crate::input::range::IpFamily;
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::plural;
use crate::model::profile::Profile;
use crate::vocabulary;

use super::outages::{AgentOutages, FleetImpact, Outage, SourceImpact};

fn items(items: &[Item]) -> String {
    let words: Vec<&str> = items.iter().map(|i| i.words()).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] => format!("{a} and {b}"),
        // The serial comma: "programs and hot fixes" holds an "and" of its own.
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

fn sources(profile: Profile, set: &[SourceId]) -> String {
    set.iter().map(|s| vocabulary::label(profile, s)).collect::<Vec<_>>().join(" + ")
}

/// One smallest outage: "OfficeScan server + ua://10.0.0.5 down together:
/// loses components"; a relay group as "every relay of group "Branch" down".
pub fn outage(profile: Profile, o: &Outage) -> String {
    let together = if o.down.len() > 1 { " down together" } else { " down" };
    let named: Vec<String> = o
        .down
        .iter()
        .map(|s| match s {
            SourceId::RelayGroup(g) => format!("every relay of group \"{g}\""),
            other => vocabulary::label(profile, other),
        })
        .collect();
    format!("{}{together}: loses {}", named.join(" + "), items(&o.lost))
}

/// What outages can do to one agent, as lines. The first line says what was
/// considered, so the answer never claims more.
pub fn agent_outages(profile: Profile, agent: &str, a: &AgentOutages) -> String {
    let mut out = String::new();
    if a.reachable.is_empty() {
        out.push_str(&format!("{agent}: no item is updated now, so no outage can cost it one.\n"));
    } else {
        out.push_str(&format!(
            "{agent} can update from {} that {} up now ({}); outages of every size among them were accounted for.\n",
            plural::count(a.reachable.len(), "source", "sources"),
            plural::noun(a.reachable.len(), "is", "are"),
            a.reachable.iter().map(|s| vocabulary::label(profile, s)).collect::<Vec<_>>().join(", ")
        ));
        if !a.fatal.iter().any(|o| o.down.len() == 1) {
            out.push_str("No single source outage costs it an item.\n");
        }
        for o in &a.fatal {
            out.push_str(&format!("{}\n", outage(profile, o)));
        }
    }
    if !a.already_lost.is_empty() {
        out.push_str(&format!("Already not updated with what is down now: {}.\n", items(&a.already_lost)));
    }
    out
}

/// One source's impact over the address space.
pub fn list_impact(profile: Profile, i: &SourceImpact) -> String {
    format!(
        "{} down: {} and {} lose an item",
        sources(profile, std::slice::from_ref(&i.source)),
        addresses(IpFamily::V4, i.ipv4_addresses),
        addresses(IpFamily::V6, i.ipv6_addresses)
    )
}

/// One source's impact over the fleet's own agents: "if the OfficeScan
/// server is down, 312 of your 1,200 agents lose an item", "1 of your 5
/// agents loses an item", "0 of your 1 agent lose an item".
pub fn fleet_impact(profile: Profile, i: &FleetImpact) -> String {
    format!(
        "if {} is down, {} of your {} {} an item",
        vocabulary::name(profile, &i.source).replace("a relay of group", "every relay of group"),
        count(i.agents as u128),
        plural::count(i.of, "agent", "agents"),
        plural::noun(i.agents, "loses", "lose")
    )
}

/// An entry shadowed by earlier ones: "line 9 (ua://10.0.0.9): line 3
/// comes first wherever it matches".
pub fn shadowed(s: &Shadowed) -> String {
    format!(
        "line {} ({}): {} {} first wherever it matches",
        s.line,
        s.source,
        plural::numbered("line", "lines", &s.covered_by),
        plural::noun(s.covered_by.len(), "comes", "come")
    )
}
