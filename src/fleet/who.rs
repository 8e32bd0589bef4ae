//! The reverse look-up: which addresses end at a source for an item.

use serde::Serialize;

use crate::input::range::{addr_at, cidr_blocks, IpFamily};
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::plan::Plan;

use super::batch::Fleet;

/// The addresses that end at a source for an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Who {
    /// The source asked about.
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

/// Which addresses end at `source` for `item`, with the scenario's what-ifs.
pub fn who(plan: &Plan, source: &SourceId, item: Item) -> Who {
    let mut fleet = Fleet::new(plan);
    let mut spans: Vec<(IpFamily, u128, u128)> = Vec::new();
    let (mut v4, mut v6) = (0u128, 0u128);
    let mut example = None;
    let intervals = fleet.index.intervals.clone();
    for iv in &intervals {
        let addr = addr_at(iv.family, iv.start);
        if fleet.summary(addr).get(item).and_then(|o| o.source()) != Some(source) {
            continue;
        }
        match iv.family {
            IpFamily::V4 => v4 += iv.size(),
            IpFamily::V6 => v6 = v6.saturating_add(iv.size()),
        }
        example.get_or_insert_with(|| addr.to_string());
        // Neighbouring intervals with the same answer make one span.
        match spans.last_mut() {
            Some((f, _, end)) if *f == iv.family && end.checked_add(1) == Some(iv.start) => *end = iv.end,
            _ => spans.push((iv.family, iv.start, iv.end)),
        }
    }
    let blocks = spans.iter().flat_map(|(f, s, e)| cidr_blocks(*f, *s, *e)).collect();
    Who { source: source.clone(), item, cidr: blocks, ipv4_addresses: v4, ipv6_addresses: v6, example }
}
