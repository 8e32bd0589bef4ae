//! The walks (SPEC §3 and §4): from a prepared [`Plan`] to a [`Trace`]. Every
//! step names the rule behind it; steps from assumed rules say so. This
//! module only picks the walk; `officescan` and `swp` are the walks, and
//! `walker` what they share.

mod officescan;
mod swp;
mod walker;
mod whereabouts;

pub use whereabouts::notification_reaches;

use std::net::IpAddr;

use crate::input::range::AddrRange;
use crate::model::profile::Family;
use crate::model::rules::Rule;
use crate::plan::Plan;
use crate::trace::{ItemOutcome, Step, Trace};
use walker::Walker;

/// Resolves the plan's own agent.
pub fn resolve(plan: &Plan) -> Trace {
    resolve_for(plan, &plan.agent.addresses)
}

/// Resolves the plan for an agent with other addresses (the fleet view).
pub fn resolve_for(plan: &Plan, addresses: &[IpAddr]) -> Trace {
    let matched = matching_entries(plan.ranges(), addresses);
    resolve_matched(plan, addresses, &matched)
}

/// The entries whose range holds one of the addresses, in list order (L0).
pub fn matching_entries(ranges: &[AddrRange], addresses: &[IpAddr]) -> Vec<usize> {
    ranges.iter().enumerate().filter(|(_, r)| addresses.iter().any(|a| r.contains(*a))).map(|(i, _)| i).collect()
}

/// Resolves with the matching entries already known (the interval index
/// supplies them for a batch).
pub fn resolve_matched(plan: &Plan, addresses: &[IpAddr], matched: &[usize]) -> Trace {
    let mut w = Walker::new(plan, addresses);
    if addresses.is_empty() {
        w.push(Step::quit(Rule::Q, None, "no valid agent address: there is nothing to trace", false));
        for item in plan.wanted.iter() {
            w.settle(item, ItemOutcome::NotStarted);
        }
    } else {
        match plan.profile.family() {
            Family::OfficeScan => officescan::walk(&mut w, matched),
            Family::Swp => swp::walk(&mut w),
        }
    }
    w.finish()
}
