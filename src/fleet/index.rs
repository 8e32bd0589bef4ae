//! The interval index: each address family split into maximal intervals
//! that match the same ordered chain of entries. Every address of an
//! interval walks alike, so the fleet's questions are answered per interval
//! instead of per address.

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use crate::format::scenario::Role;
use crate::input::range::{position, IpFamily};
use crate::plan::Plan;

/// One maximal interval of one family with its chain of matching entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interval {
    /// The family.
    pub family: IpFamily,
    /// First position (see [`position`]).
    pub start: u128,
    /// Last position, inclusive.
    pub end: u128,
    /// Index into [`Index::chains`].
    pub chain: usize,
}

impl Interval {
    /// How many addresses, saturating at 2^128 - 1.
    pub fn size(&self) -> u128 {
        (self.end - self.start).saturating_add(1)
    }
}

/// The interval index over a plan's list.
#[derive(Debug, Clone)]
pub struct Index {
    /// Every interval of both families, IPv4 first, each family in order.
    pub intervals: Vec<Interval>,
    /// Chains of entry positions (0-based, list order); chain 0 is empty.
    pub chains: Vec<Vec<usize>>,
    /// Where each IPv4 interval starts, as 32-bit numbers side by side:
    /// looking up 100,000 agents stays in the processor's nearest cache.
    v4_starts: Vec<u32>,
    /// Where each IPv6 interval starts; these follow the IPv4 intervals.
    v6_starts: Vec<u128>,
    /// Whether the list's Update Agent addresses are intervals of their
    /// own: the machines there walk as Update Agents.
    pub update_agents_apart: bool,
    /// Whether this is the index of a fleet of machines (see
    /// [`Index::of_machines`]).
    pub of_machines: bool,
}

/// Where entries begin and end inside one family, and the cut points.
struct Events {
    starts: Vec<(u128, usize)>,
    ends: Vec<(u128, usize)>,
    cuts: Vec<u128>,
}

impl Events {
    fn of(plan: &Plan, family: IpFamily, update_agents_apart: bool) -> Events {
        let max = family.max();
        let mut ev = Events { starts: Vec::new(), ends: Vec::new(), cuts: vec![0] };
        for (i, e) in plan.entries().iter().enumerate() {
            if let Some((s, t)) = e.range.span(family) {
                ev.starts.push((s, i));
                ev.ends.push((t, i));
                ev.cut_around(s, t, max);
            }
        }
        for v in ua_positions(plan, family).filter(|_| update_agents_apart) {
            ev.cut_around(v, v, max);
        }
        ev.starts.sort_unstable();
        ev.ends.sort_unstable();
        // Sorted and deduplicated: a vector, not an ordered set, keeps the
        // page's wasm small.
        ev.cuts.sort_unstable();
        ev.cuts.dedup();
        ev
    }

    fn cut_around(&mut self, start: u128, end: u128, max: u128) {
        self.cuts.push(start);
        if end < max {
            self.cuts.push(end + 1);
        }
    }
}

/// Where the list's Update Agents are: the machine at such an address
/// walks differently (it skips itself, L1).
fn ua_positions(plan: &Plan, family: IpFamily) -> impl Iterator<Item = u128> + '_ {
    plan.list.update_agent_ips.iter().map(|ip| position(*ip)).filter(move |(f, _)| *f == family).map(|(_, v)| v)
}

/// Gives each distinct chain one id.
struct Chains {
    chains: Vec<Vec<usize>>,
    ids: HashMap<Vec<usize>, usize>,
}

impl Chains {
    fn id(&mut self, chain: &[usize]) -> usize {
        if let Some(id) = self.ids.get(chain) {
            return *id;
        }
        self.chains.push(chain.to_vec());
        let id = self.chains.len() - 1;
        self.ids.insert(chain.to_vec(), id);
        id
    }
}

impl Index {
    /// Builds the index of the scenario's agent at every address: the
    /// list's Update Agent addresses are set apart when that agent is an
    /// Update Agent (the coverage map, the reverse look-up, the list's
    /// outages).
    pub fn build(plan: &Plan) -> Index {
        Index::build_with(plan, plan.agent.role == Role::UpdateAgent, false)
    }

    /// Builds the index of real machines (a fleet's agents): the machine at
    /// an Update Agent's address is that Update Agent, every other an
    /// agent, whatever role the scenario's agent has.
    pub fn of_machines(plan: &Plan) -> Index {
        Index::build_with(plan, true, true)
    }

    /// A sweep over the cut points of each family, keeping the entries that
    /// cover the current cut in list order.
    fn build_with(plan: &Plan, update_agents_apart: bool, of_machines: bool) -> Index {
        let mut chains = Chains { chains: vec![Vec::new()], ids: HashMap::from_iter([(Vec::new(), 0)]) };
        let mut intervals = Vec::new();
        for family in [IpFamily::V4, IpFamily::V6] {
            sweep(plan, family, update_agents_apart, &mut chains, &mut intervals);
        }
        let family_starts = |f: IpFamily| intervals.iter().filter(move |iv| iv.family == f).map(|iv| iv.start);
        let v4_starts = family_starts(IpFamily::V4).map(|v| u32::try_from(v).unwrap_or(u32::MAX)).collect();
        let v6_starts = family_starts(IpFamily::V6).collect();
        Index { intervals, chains: chains.chains, v4_starts, v6_starts, update_agents_apart, of_machines }
    }

    /// Which interval holds an address, as an index into `intervals`. The
    /// intervals of each family cover it whole, so every address has one.
    pub fn position_of(&self, addr: IpAddr) -> Option<usize> {
        let found = match addr {
            IpAddr::V4(a) => {
                let v = u32::from(a);
                self.v4_starts.partition_point(|s| *s <= v).checked_sub(1)
            }
            IpAddr::V6(a) => {
                let v = u128::from(a);
                let i = self.v6_starts.partition_point(|s| *s <= v).checked_sub(1)?;
                Some(self.v4_starts.len() + i)
            }
        };
        // Each family's intervals start at 0 and follow one another to its
        // last address, so the last start at or below an address is its.
        found
    }

    /// The interval holding an address.
    pub fn locate(&self, addr: IpAddr) -> Option<&Interval> {
        self.intervals.get(self.position_of(addr)?)
    }

    /// A chain's entries (0-based positions, list order).
    pub fn chain(&self, id: usize) -> &[usize] {
        self.chains.get(id).map_or(&[], Vec::as_slice)
    }
}

fn sweep(plan: &Plan, family: IpFamily, apart: bool, chains: &mut Chains, intervals: &mut Vec<Interval>) {
    let ev = Events::of(plan, family, apart);
    // The entries covering the current cut, in list order.
    let mut active: Vec<usize> = Vec::new();
    let (mut starts, mut ends) = (ev.starts.iter().peekable(), ev.ends.iter().peekable());
    for (k, &cut) in ev.cuts.iter().enumerate() {
        // Entries that ended before this cut leave; those starting here join.
        while let Some((_, i)) = ends.next_if(|(t, _)| *t < cut) {
            if let Ok(at) = active.binary_search(i) {
                active.remove(at);
            }
        }
        while let Some((_, i)) = starts.next_if(|(s, _)| *s <= cut) {
            if let Err(at) = active.binary_search(i) {
                active.insert(at, *i);
            }
        }
        let end = ev.cuts.get(k + 1).map_or(family.max(), |n| n - 1);
        // Every cut but an Update Agent's own address (and the one after it)
        // is where an entry starts or ends, so the chain changes there: each
        // cut starts an interval, and only an Update Agent's address is an
        // interval of its own with the same chain as its neighbours.
        intervals.push(Interval { family, start: cut, end, chain: chains.id(&active) });
    }
}
