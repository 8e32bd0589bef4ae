//! The sentences the fleet's answers are told in, shared by the page and
//! the command line so both say exactly the same, and never more than was
//! worked out.

use super::coverage::Shadowed;
use crate::fleet::count::{addresses, count};
use crate::format::scenario::Trigger;
use crate::input::range::IpFamily;
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::plural;
use crate::model::profile::Profile;
use crate::vocabulary;

use super::downloads::{SourceDownloads, UpdateAgentLoad, CONCURRENT_2019, CONCURRENT_TESTED};
use super::outages::{AgentOutages, FleetImpact, Outage, SourceImpact};
use std::fmt::Write as _;

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

/// "1 full pattern", "65,536 full patterns".
fn counted(n: u128, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// What one source sends a batch's agents (CD1-CD4): "Update Agent
/// ua://10.1.0.5: 300 full patterns and 12 incremental patterns, 3 agents
/// already current (18.006 GB)".
pub fn source_downloads(profile: Profile, d: &SourceDownloads) -> String {
    let mut parts = Vec::new();
    if d.full > 0 {
        parts.push(counted(d.full, "full pattern", "full patterns"));
    }
    if d.incremental > 0 {
        parts.push(counted(d.incremental, "incremental pattern", "incremental patterns"));
    }
    let agent = profile.agent_name();
    let mut out = format!("{}: ", vocabulary::name(profile, &d.source));
    if parts.is_empty() {
        out.push_str("nothing to download");
    } else {
        out.push_str(&plural::join_and(&parts));
    }
    if d.current > 0 {
        let many = format!("{agent}s");
        let _ = write!(out, ", {} already current", counted(d.current, agent, &many));
    }
    if let Some(kb) = d.kb.filter(|_| !parts.is_empty()) {
        let _ = write!(out, " ({})", crate::duplication::file_size(kb));
    }
    out
}

/// How many agents lean on one Update Agent at once, against both copies
/// of KA 1034989 (LD1). Only a Notify All sends them all at once; a
/// schedule spreads them over its period: "A Notify All sends 300
/// Security Agents to Update Agent ua://10.1.0.5 at once: more than the
/// 250 concurrent update requests an Update Agent can handle (copy of 11
/// Jun 2019); the newer copy says it depends on the machine: within its
/// tested 400 (100 Mbps), 900 (1 Gbps) and 7,700 (8 cores, 10 Gbps)".
pub fn update_agent_load(profile: Profile, trigger: Trigger, reached: bool, l: &UpdateAgentLoad) -> String {
    let agent = profile.agent_name();
    let many = format!("{agent}s");
    let n = l.agents;
    let old = if n > CONCURRENT_2019 as u128 { "more than" } else { "within" };
    let figures = |set: Vec<&(usize, &str)>| {
        let words: Vec<String> = set.iter().map(|(f, m)| format!("{} ({m})", count(*f as u128))).collect();
        plural::join_and(&words)
    };
    let (over, within): (Vec<_>, Vec<_>) = CONCURRENT_TESTED.iter().partition(|(f, _)| n > *f as u128);
    let newer = match (over.is_empty(), within.is_empty()) {
        (true, _) => format!("within its tested {}", figures(within)),
        (false, true) => format!("more than its tested {}", figures(over)),
        (false, false) => format!("more than its tested {}, within {}", figures(over), figures(within)),
    };
    let agents = counted(n, agent, &many);
    let update = if n == 1 { "updates" } else { "update" };
    let ua = vocabulary::name(profile, &l.update_agent);
    let lead = match trigger {
        // Where the notification does not reach them (LOC1, IND1), the
        // agents wait for their own scheduled updates.
        Trigger::ServerNotify if !reached => format!(
            "{agents} {update} from {ua} on their own schedules, the {}'s Notify All not reaching them (LOC1, IND1); sent at once, they would be",
            profile.server_name()
        ),
        Trigger::ServerNotify => format!("A Notify All sends {agents} to {ua} at once"),
        Trigger::Scheduled => format!(
            "{agents} {update} from {ua}; the schedule spreads them over its period, a Notify All would send them at once"
        ),
        Trigger::UpdateNow => format!("{agents} {update} from {ua}; a Notify All would send them at once"),
    };
    let join = if lead.ends_with("would be") { "" } else { ":" };
    format!(
        "{lead}{join} {old} the {CONCURRENT_2019} concurrent update requests an Update Agent can handle (KA 1034989, copy of 11 Jun 2019); the newer copy says it depends on the machine: {newer}"
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

/// Says which of a batch's agents are the list's own Update Agents, so a
/// row that updates from elsewhere than its neighbours is not a surprise:
/// "10.3.0.5 is an Update Agent of the list: its row is its own update
/// as one, never from itself (L1)". `None` when there is none.
pub fn update_agents_walked(agents: &[std::net::IpAddr]) -> Option<String> {
    const NAMED: usize = 3;
    let named: Vec<String> = agents.iter().take(NAMED).map(ToString::to_string).collect();
    let more = agents.len().saturating_sub(NAMED);
    let who = match (named.split_last(), more) {
        (None, _) => return None,
        (Some((one, [])), _) => {
            return Some(format!(
                "{one} is an Update Agent of the list: its row is its own update as one, never from itself (L1)"
            ))
        }
        (Some((last, init)), 0) => format!("{} and {last}", init.join(", ")),
        (Some(_), more) => format!("{} and {more} more", named.join(", ")),
    };
    Some(format!("{who} are Update Agents of the list: their rows are their own updates as Update Agents, never from themselves (L1)"))
}

/// How often a line of the agents list named an agent an earlier line
/// had named: "3 repeats of agents an earlier line named, each agent
/// counted once" (an agent named three times is two repeats); `None` for
/// none.
pub fn named_again(repeated: u128) -> Option<String> {
    (repeated > 0).then(|| match repeated {
        1 => "1 repeat of an agent an earlier line named, counted once".to_string(),
        n => format!("{} repeats of agents an earlier line named, each agent counted once", count(n)),
    })
}
