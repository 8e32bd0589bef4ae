//! The sentences the fleet's answers are told in, shared by the page and
//! the command line so both say exactly the same, and never more than was
//! worked out.

use super::coverage::Shadowed;
use crate::fleet::count::{addresses, count};
use crate::input::range::IpFamily;
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::plural;

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

fn sources(set: &[SourceId]) -> String {
    set.iter().map(ToString::to_string).collect::<Vec<_>>().join(" + ")
}

/// One smallest outage: "server + ua://10.0.0.5 down together: loses components".
pub fn outage(o: &Outage) -> String {
    let together = if o.down.len() > 1 { " down together" } else { " down" };
    format!("{}{together}: loses {}", sources(&o.down), items(&o.lost))
}

/// What outages can do to one agent, as lines. The first line says what was
/// considered, so the answer never claims more.
pub fn agent_outages(agent: &str, a: &AgentOutages) -> String {
    let mut out = String::new();
    if a.reachable.is_empty() {
        out.push_str(&format!("{agent}: no item is updated now, so no outage can cost it one.\n"));
    } else {
        out.push_str(&format!(
            "{agent} can update from {} that {} up now ({}); outages of every size among them were accounted for.\n",
            plural::count(a.reachable.len(), "source", "sources"),
            plural::noun(a.reachable.len(), "is", "are"),
            a.reachable.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        ));
        if !a.fatal.iter().any(|o| o.down.len() == 1) {
            out.push_str("No single source outage costs it an item.\n");
        }
        for o in &a.fatal {
            out.push_str(&format!("{}\n", outage(o)));
        }
    }
    if !a.already_lost.is_empty() {
        out.push_str(&format!("Already not updated with what is down now: {}.\n", items(&a.already_lost)));
    }
    out
}

/// One source's impact over the address space.
pub fn list_impact(i: &SourceImpact) -> String {
    format!(
        "{} down: {} and {} lose an item",
        i.source,
        addresses(IpFamily::V4, i.ipv4_addresses),
        addresses(IpFamily::V6, i.ipv6_addresses)
    )
}

/// One source's impact over the fleet's own agents.
pub fn fleet_impact(i: &FleetImpact) -> String {
    format!("if {} is down, {} of your {} agents lose an item", i.source, count(i.agents as u128), count(i.of as u128))
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
