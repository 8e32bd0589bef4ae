//! What a predict step offers, and in which order it shows it. The
//! choices are every source the scenario can end at, worked out by the
//! resolver (the source that delivers, then the one that delivers while
//! that one is down, and so on), with the scenario's own sources beside
//! them (its list, its relays) and the product's standard ones (the server
//! and ActiveUpdate, or the S&WP secondary sources), so a choice that is
//! never right is not given away by being left out. They are shown in an
//! order drawn from the lesson's seed and the step: a trainer and the room
//! opening the same link see the same order, and an order question's
//! buttons are never in the answer's order.

use crate::format::Scenario;
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::profile::Family;
use crate::plan::{prepare, Plan};
use crate::trace::Trace;

use super::trace_of;

/// How many outages deep the sources an item can end at are followed: more
/// than any list a lesson shows (each round takes one more source down).
const DEEPEST: usize = 32;

/// The choices, with the step's trace already worked out: the sources its
/// trace names, then those it can end at, its list's, and the product's
/// standard ones, each once.
pub fn choices_in(scenario: &Scenario, trace: &Trace) -> Vec<SourceId> {
    let plan = prepare(scenario, None);
    let named = trace.steps.iter().filter_map(|s| s.source().cloned());
    let ends = trace.outcome.keys().flat_map(|item| ends(scenario, *item));
    let listed = plan.entries().iter().map(|e| e.source.id());
    let mut out: Vec<SourceId> = Vec::new();
    for s in named.chain(ends).chain(listed).chain(standard(&plan)) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Every source `item` can end at, as the resolver says: the one that
/// delivers, then the one that delivers while it is down too, until none
/// does.
pub fn ends(scenario: &Scenario, item: Item) -> Vec<SourceId> {
    let mut s = scenario.clone();
    let mut out: Vec<SourceId> = Vec::new();
    for _ in 0..DEEPEST {
        let trace = trace_of(&s);
        let Some(source) = trace.outcome.get(&item).and_then(|o| o.source()).cloned() else { break };
        if out.contains(&source) {
            break;
        }
        s.world.down.push(source.to_string());
        out.push(source);
    }
    out
}

/// The product's own sources, whether or not this walk reaches them: the
/// server and ActiveUpdate (and the Edge Relay server, when there is one)
/// for the OfficeScan family; the relays, the relay group, the Primary
/// Tenant Relay Group and the primary source for S&WP, and under Version
/// Control Policies the Service Gateway (when set up) and Trend Vision One.
fn standard(plan: &Plan) -> Vec<SourceId> {
    match plan.profile.family() {
        Family::OfficeScan => {
            let edge = plan.edge_relay.as_ref().map(|_| SourceId::EdgeRelay);
            [SourceId::Server, SourceId::ActiveUpdate].into_iter().chain(edge).collect()
        }
        Family::Swp => {
            let swp = &plan.swp;
            let group = swp.group.clone().map(SourceId::RelayGroup);
            let gateway = swp.gateway.as_ref().filter(|_| swp.version_control).map(|_| SourceId::ServiceGateway);
            let vision_one = swp.version_control.then_some(SourceId::VisionOne);
            let secondary = [SourceId::TenantRelayGroup, SourceId::Primary];
            swp.relays.iter().cloned().chain(group).chain(secondary).chain(gateway).chain(vision_one).collect()
        }
    }
}

/// The choices in the order a step shows them: drawn from the lesson's
/// seed and the step (the same for the same seed, everywhere), and, for an
/// order of two sources or more, never in the order of `answer`.
pub fn shown(choices: &[SourceId], answer: Option<&[SourceId]>, seed: u32, step: usize) -> Vec<SourceId> {
    let mut out = choices.to_vec();
    let mut draw = Draw::new(seed, step);
    for i in (1..out.len()).rev() {
        out.swap(i, draw.below(i + 1));
    }
    if let Some(answer) = answer.filter(|a| gives_away(&out, a)) {
        let place = |s: Option<&SourceId>| s.and_then(|s| out.iter().position(|o| o == s));
        if let (Some(a), Some(b)) = (place(answer.first()), place(answer.get(1))) {
            out.swap(a, b);
        }
    }
    out
}

/// Whether pressing the shown choices from the first to the last, skipping
/// those not tried, gives an order answer of two sources or more.
pub fn gives_away(shown: &[SourceId], answer: &[SourceId]) -> bool {
    answer.len() > 1 && shown.iter().filter(|s| answer.contains(s)).eq(answer.iter())
}

/// A small, well-mixed sequence of numbers from a seed (SplitMix64): the
/// same seed draws the same numbers on every machine.
struct Draw(u64);

impl Draw {
    fn new(seed: u32, step: usize) -> Draw {
        Draw((u64::from(seed) << 32).wrapping_add(step as u64))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let z = (self.0 ^ (self.0 >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to `n` - 1.
    fn below(&mut self, n: usize) -> usize {
        let n = n.max(1) as u64;
        usize::try_from(self.next() % n).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draw_is_splitmix64() {
        // SplitMix64's published first outputs for the state 0.
        let mut d = Draw(0);
        assert_eq!(d.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(d.next(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(Draw::new(1, 2).0, (1 << 32) + 2);
        assert_eq!(Draw(7).below(1), 0);
        assert_eq!(Draw(7).below(0), 0);
    }
}
