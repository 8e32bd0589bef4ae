//! Outage what-ifs: which sources, down together, leave an item not updated.
//!
//! Each item's walk tries a fixed sequence of sources and takes the first
//! one that is up and in reach: what is down decides only where the walk
//! stops, never what it would try next. So an item is lost exactly when
//! every source of its sequence that could deliver is down, and that set
//! (its *fatal set*) is the smallest outage that loses it. One walk with
//! every source down shows each item's whole sequence, so the answer is
//! exact for outages of any size, with no combinations to try.

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use serde::Serialize;

use crate::input::agents::AgentSpec;
use crate::input::range::{addr_at, IpFamily};
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::rules::Rule;
use crate::plan::Plan;
use crate::trace::{AttemptResult, Status, Trace};
use crate::walk::resolve_for;

use super::batch::{expand, Fleet, Summary};

/// A set of sources down together, and the items it costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outage {
    /// The sources down, in the order the walk would try them.
    pub down: Vec<SourceId>,
    /// Items that were updated and end not updated.
    pub lost: Vec<Item>,
}

/// What outages can do to one agent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentOutages {
    /// Every source the agent's walk can reach that is up now, in the order
    /// first tried: every combination of these was accounted for.
    pub reachable: Vec<SourceId>,
    /// For each item updated now, the smallest outage that loses it (one
    /// entry per distinct set, smallest first, with every item it costs).
    pub fatal: Vec<Outage>,
    /// Items already not updated with what is down now.
    pub already_lost: Vec<Item>,
}

/// A plan with every source its walks could try down: one walk of it shows
/// each item's whole sequence.
fn all_down(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    p.down.extend(plan.down_candidates());
    p
}

/// Each updated item's fatal set: the sources of its sequence that could
/// deliver (down in `full` only because everything is, not out of reach).
fn fatal_sets(plan: &Plan, base: &Summary, full: &Trace) -> Vec<(Item, Vec<SourceId>)> {
    base.items
        .iter()
        .filter(|(_, o)| o.status() == Status::Updated)
        .map(|(item, _)| {
            let mut set: Vec<SourceId> = Vec::new();
            for s in full.steps.iter().filter(|s| s.item() == Some(*item) && s.result() == Some(AttemptResult::Failed))
            {
                let Some(id) = s.source() else { continue };
                if s.failed_by() != Some(Rule::L2) && !plan.is_down(id) && !set.contains(id) {
                    set.push(id.clone());
                }
            }
            (*item, as_group(plan, set))
        })
        .collect()
}

/// A set that holds every relay of the agent's named group that is up
/// now names the group instead (RG1): the group is one source to its
/// agents, lost only when every relay in it is, and `relay-group:NAME`
/// down stands for each of them.
fn as_group(plan: &Plan, set: Vec<SourceId>) -> Vec<SourceId> {
    let Some(group) = plan.relay_group() else { return set };
    let up: Vec<&SourceId> = plan.swp.relays.iter().filter(|r| !plan.is_down(r)).collect();
    if up.is_empty() || !up.iter().all(|r| set.contains(r)) {
        return set;
    }
    let mut named = Vec::with_capacity(set.len());
    for s in set {
        if up.contains(&&s) {
            if !named.contains(&group) {
                named.push(group.clone());
            }
        } else {
            named.push(s);
        }
    }
    named
}

/// For one agent: the smallest outages that lose each item.
pub fn agent_outages(plan: &Plan, addresses: &[IpAddr]) -> AgentOutages {
    let base_trace = resolve_for(plan, addresses);
    let base = Summary::of(&base_trace);
    let full = resolve_for(&all_down(plan), addresses);
    let sets = fatal_sets(plan, &base, &full);
    let mut reachable: Vec<SourceId> = Vec::new();
    for (_, set) in &sets {
        for s in set {
            if !reachable.contains(s) {
                reachable.push(s.clone());
            }
        }
    }
    let mut fatal: Vec<Outage> = Vec::new();
    for (_, set) in &sets {
        if fatal.iter().any(|o| same_set(&o.down, set)) {
            continue;
        }
        let lost = sets.iter().filter(|(_, other)| other.iter().all(|s| set.contains(s))).map(|(i, _)| *i).collect();
        fatal.push(Outage { down: set.clone(), lost });
    }
    // Smallest first; ties keep the walk's order.
    fatal.sort_by_key(|o| o.down.len());
    let already_lost = base.items.iter().filter(|(_, o)| o.status() == Status::NotUpdated).map(|(i, _)| *i).collect();
    AgentOutages { reachable, fatal, already_lost }
}

fn same_set(a: &[SourceId], b: &[SourceId]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// How many addresses lose an item if one source alone is down.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceImpact {
    /// The source down.
    pub source: SourceId,
    /// IPv4 addresses that lose an item.
    pub ipv4_addresses: u128,
    /// IPv6 addresses that lose an item (saturating).
    pub ipv6_addresses: u128,
}

/// The sources whose outage alone loses an item of an agent, per walk.
struct SingleFatal<'a> {
    base: Fleet<'a>,
    full: Fleet<'a>,
    memo: HashMap<usize, Vec<SourceId>>,
}

impl<'a> SingleFatal<'a> {
    /// Over every address as the scenario's agent, or over `machines`: a
    /// fleet's own agents, the list's Update Agents among them as
    /// themselves (see [`Fleet::of_machines`]).
    fn new(plan: &'a Plan, all_down: &'a Plan, machines: bool) -> SingleFatal<'a> {
        let base = if machines { Fleet::of_machines(plan) } else { Fleet::new(plan) };
        let full = Fleet::with_index(all_down, base.index.clone());
        SingleFatal { base, full, memo: HashMap::default() }
    }

    /// The sources that alone lose an item of the agent at `addr`.
    fn of(&mut self, addr: IpAddr) -> &[SourceId] {
        let id = self.base.summary_id(addr);
        if !self.memo.contains_key(&id) {
            let base = self.base.summaries.get(id).cloned().unwrap_or(Summary {
                items: Vec::new(),
                attempts: 0,
                download: None,
            });
            let full = self.full.trace(addr);
            let mut singles: Vec<SourceId> = Vec::new();
            for (_, set) in fatal_sets(self.base.plan, &base, &full) {
                if let [one] = set.as_slice() {
                    if !singles.contains(one) {
                        singles.push(one.clone());
                    }
                }
            }
            self.memo.insert(id, singles);
        }
        self.memo.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// The sources that can be down now, in the page's order, and the
/// agent's relay group as a whole after its relays.
fn candidates(plan: &Plan) -> Vec<SourceId> {
    let mut out: Vec<SourceId> = plan.down_candidates().into_iter().filter(|c| !plan.is_down(c)).collect();
    if let Some(group) = plan.relay_group().filter(|g| !plan.is_down(g) && !plan.version_controlled()) {
        let after = out.iter().rposition(|c| matches!(c, SourceId::Relay(_))).map_or(0, |i| i + 1);
        out.insert(after, group);
    }
    out
}

/// Ranks by loss, most first; ties keep the order of the candidates.
fn ranked<T>(candidates: Vec<SourceId>, loss: impl Fn(&SourceId) -> T) -> Vec<(SourceId, T)>
where
    T: Ord + Copy,
{
    let mut out: Vec<(usize, SourceId, T)> = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let l = loss(&c);
            (i, c, l)
        })
        .collect();
    out.sort_unstable_by_key(|(i, _, l)| (std::cmp::Reverse(*l), *i));
    out.into_iter().map(|(_, c, l)| (c, l)).collect()
}

/// For the whole address space: how many addresses lose an item if one
/// source alone is down.
pub fn list_outages(plan: &Plan) -> Vec<SourceImpact> {
    list_outages_with(plan, &mut |_, _| {})
}

/// As [`list_outages`], telling `progress(done, total)` how many intervals
/// are done as it goes.
pub fn list_outages_with(plan: &Plan, progress: &mut dyn FnMut(usize, usize)) -> Vec<SourceImpact> {
    let everything = all_down(plan);
    let mut singles = SingleFatal::new(plan, &everything, false);
    let intervals = singles.base.index.intervals.clone();
    let mut lost: HashMap<SourceId, (u128, u128)> = HashMap::default();
    for (done, iv) in intervals.iter().enumerate() {
        if done % 64 == 0 {
            progress(done, intervals.len());
        }
        for s in singles.of(addr_at(iv.family, iv.start)).to_vec() {
            let slot = lost.entry(s).or_default();
            match iv.family {
                IpFamily::V4 => slot.0 += iv.size(),
                IpFamily::V6 => slot.1 = slot.1.saturating_add(iv.size()),
            }
        }
    }
    ranked(candidates(plan), |c| lost.get(c).copied().unwrap_or_default())
        .into_iter()
        .map(|(source, (v4, v6))| SourceImpact { source, ipv4_addresses: v4, ipv6_addresses: v6 })
        .collect()
}

/// How many of the fleet's own agents lose an item if one source alone is down.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FleetImpact {
    /// The source down.
    pub source: SourceId,
    /// Agents that lose an item.
    pub agents: usize,
    /// Of how many agents in all.
    pub of: usize,
}

/// Over the fleet's own agents (`fleet.agents`): "if server is down, 312 of
/// your 1,200 agents lose an item".
pub fn fleet_outages(plan: &Plan, specs: &[(usize, AgentSpec)]) -> Vec<FleetImpact> {
    fleet_outages_with(plan, specs, &mut |_, _| {})
}

/// As [`fleet_outages`], telling `progress(done, total)` how many specs are
/// done as it goes.
pub fn fleet_outages_with(
    plan: &Plan,
    specs: &[(usize, AgentSpec)],
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<FleetImpact> {
    let everything = all_down(plan);
    let mut singles = SingleFatal::new(plan, &everything, true);
    let mut lost: HashMap<SourceId, usize> = HashMap::default();
    let mut total = 0;
    for (done, (_, spec)) in specs.iter().enumerate() {
        if done % super::batch::PROGRESS_EVERY == 0 {
            progress(done, specs.len());
        }
        for addr in expand(spec, &singles.base.index) {
            total += 1;
            for s in singles.of(addr).to_vec() {
                *lost.entry(s).or_default() += 1;
            }
        }
    }
    ranked(candidates(plan), |c| lost.get(c).copied().unwrap_or_default())
        .into_iter()
        .map(|(source, agents)| FleetImpact { source, agents, of: total })
        .collect()
}
