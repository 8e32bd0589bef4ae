//! The reverse look-up: which addresses end at a source for an item, and
//! which sources and items there are to ask about.

use serde::Serialize;

use crate::input::range::{addr_at, cidr_blocks, IpFamily};
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::plan::Plan;

use super::batch::Fleet;

/// The addresses that end at a source for an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Who {
    /// The source that answers: the one asked about, or the relay group
    /// of a relay asked about.
    pub source: SourceId,
    /// The item asked about.
    pub item: Item,
    /// The exact CIDR blocks.
    pub cidr: Vec<String>,
    /// How many IPv4 addresses.
    pub ipv4_addresses: u128,
    /// How many IPv6 addresses (saturating; can exceed 2^64).
    pub ipv6_addresses: u128,
    /// One such address, to open as a trace.
    pub example: Option<String>,
}

/// The source an outcome names for `source`: a relay of the agent's relay
/// group answers as its group, since an agent takes the group's relays in
/// an order of its own and any relay that is up delivers in some draw
/// (RG1); every other source is itself.
fn answering(plan: &Plan, source: &SourceId) -> SourceId {
    match (plan.relay_group(), source) {
        (Some(group), SourceId::Relay(_)) if plan.swp.relays.contains(source) => group,
        // The group asked for by its name alone, as the console shows it.
        (Some(group), SourceId::Relay(name)) if plan.swp.group.as_deref() == Some(name.as_str()) => group,
        _ => source.clone(),
    }
}

/// The sources an item can end at, in the order the what-if box names
/// them: a relay group once, in place of its relays.
pub fn sources(plan: &Plan) -> Vec<SourceId> {
    let mut out: Vec<SourceId> = Vec::new();
    for s in plan.down_candidates().iter().map(|s| answering(plan, s)) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The items there are to ask about: those the update wants that the
/// product has (Server & Workload Protection updates components only),
/// in the walk's order; the product's items when it wants none of them.
pub fn items(plan: &Plan) -> Vec<Item> {
    let has = plan.profile.items();
    let wanted: Vec<Item> = plan.wanted.iter().filter(|i| has.contains(*i)).collect();
    if wanted.is_empty() {
        has.to_vec()
    } else {
        wanted
    }
}

/// Which addresses end at `source` for `item`, with the scenario's what-ifs.
pub fn who(plan: &Plan, source: &SourceId, item: Item) -> Who {
    let source = answering(plan, source);
    let mut fleet = Fleet::new(plan);
    let mut spans: Vec<(IpFamily, u128, u128)> = Vec::new();
    let (mut v4, mut v6) = (0u128, 0u128);
    let mut example = None;
    let intervals = fleet.index.intervals.clone();
    for iv in &intervals {
        let addr = addr_at(iv.family, iv.start);
        if fleet.summary(addr).get(item).and_then(|o| o.source()) != Some(&source) {
            continue;
        }
        match iv.family {
            IpFamily::V4 => v4 += iv.size(),
            IpFamily::V6 => v6 = v6.saturating_add(iv.size()),
        }
        example.get_or_insert_with(|| example_in(iv.family, iv.start, iv.end).to_string());
        // Neighbouring intervals with the same answer make one span.
        match spans.last_mut() {
            Some((f, _, end)) if *f == iv.family && end.checked_add(1) == Some(iv.start) => *end = iv.end,
            _ => spans.push((iv.family, iv.start, iv.end)),
        }
    }
    let blocks = spans.iter().flat_map(|(f, s, e)| cidr_blocks(*f, *s, *e)).collect();
    Who { source, item, cidr: blocks, ipv4_addresses: v4, ipv6_addresses: v6, example }
}

/// An address of an interval to open as a single agent: its first, unless
/// that is an IPv4 address ending in .0 (a network's own address, no
/// machine's) and the interval holds the next.
fn example_in(family: IpFamily, start: u128, end: u128) -> std::net::IpAddr {
    match family {
        IpFamily::V4 if start % 256 == 0 && start < end => addr_at(family, start + 1),
        _ => addr_at(family, start),
    }
}
