//! The coverage map: every interval with its chain and first source, the
//! gaps where no entry matches, and the entries that are no address's first
//! choice.

use serde::Serialize;

use crate::format::scenario::Role;
use crate::input::range::{addr_at, cidr_blocks, IpFamily};
use crate::input::source::SourceId;
use crate::model::profile::Family;
use crate::plan::{Agent, Plan};

use super::index::Index;

/// One interval of the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageInterval {
    /// The family.
    pub family: IpFamily,
    /// First address.
    pub first: String,
    /// Last address.
    pub last: String,
    /// The smallest list of CIDR blocks covering it.
    pub cidr: Vec<String>,
    /// How many addresses (saturating at 2^128 - 1).
    pub size: u128,
    /// Entry numbers (1-based), in list order.
    pub chain: Vec<usize>,
    /// Lines of those entries, in the same order.
    pub lines: Vec<usize>,
    /// The first entry's source (for S&WP, where the walk starts); `None` for a gap.
    pub first_source: Option<SourceId>,
}

/// An entry that is no address's first choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shadowed {
    /// Entry number (1-based).
    pub entry: usize,
    /// The entry's line.
    pub line: usize,
    /// Its source.
    pub source: SourceId,
    /// Lines of the earlier entries that come first wherever this one matches.
    pub covered_by: Vec<usize>,
}

/// The whole map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Every interval of both families.
    pub intervals: Vec<CoverageInterval>,
    /// The intervals no entry matches: straight to the fallbacks.
    pub gaps: Vec<CoverageInterval>,
    /// Entries no address reaches first.
    pub shadowed: Vec<Shadowed>,
}

fn sorted_unique(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Where a S&WP agent's walk starts: the Service Gateway or Trend Vision
/// One under Version Control Policies (VC1), its relay group as one source
/// (RG1), or its first relay as listed (R1); `None` with no relay at all.
fn swp_first_source(plan: &Plan) -> Option<SourceId> {
    if plan.version_controlled() {
        return Some(if plan.swp.gateway.is_some() { SourceId::ServiceGateway } else { SourceId::VisionOne });
    }
    if plan.swp.relays.is_empty() {
        return None;
    }
    plan.relay_group().or_else(|| plan.swp.relays.first().cloned())
}

/// Draws the map of the plan's list (for ordinary agents: an Update
/// Agent's own address is no interval of its own here).
pub fn coverage(plan: &Plan) -> Coverage {
    let index = Index::build(&Plan { agent: Agent { role: Role::Agent, ..plan.agent.clone() }, ..plan.clone() });
    let entries = plan.entries();
    let line = |i: usize| entries.get(i).map_or(0, |e| e.line);
    // S&WP has no list: every address starts where the agent's walk does.
    let swp_first = swp_first_source(plan);
    let mut intervals = Vec::new();
    let mut first_choice = vec![false; entries.len()];
    let mut covered_by: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for iv in &index.intervals {
        let chain = index.chain(iv.chain);
        if let Some(first) = chain.first().and_then(|f| first_choice.get_mut(*f)) {
            *first = true;
        }
        if let Some((&head, rest)) = chain.split_first() {
            for &later in rest {
                if let Some(set) = covered_by.get_mut(later) {
                    set.push(line(head));
                }
            }
        }
        intervals.push(CoverageInterval {
            family: iv.family,
            first: addr_at(iv.family, iv.start).to_string(),
            last: addr_at(iv.family, iv.end).to_string(),
            cidr: cidr_blocks(iv.family, iv.start, iv.end),
            size: iv.size(),
            chain: chain.iter().map(|i| i + 1).collect(),
            lines: chain.iter().map(|i| line(*i)).collect(),
            first_source: match plan.profile.family() {
                Family::OfficeScan => chain.first().and_then(|i| entries.get(*i)).map(|e| e.source.id()),
                Family::Swp => swp_first.clone(),
            },
        });
    }
    let gaps = intervals.iter().filter(|i| i.first_source.is_none()).cloned().collect();
    let shadowed = entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !first_choice.get(*i).copied().unwrap_or(true))
        .map(|(i, e)| Shadowed {
            entry: i + 1,
            line: e.line,
            source: e.source.id(),
            covered_by: covered_by.get_mut(i).map(|s| sorted_unique(std::mem::take(s))).unwrap_or_default(),
        })
        .collect();
    Coverage { intervals, gaps, shadowed }
}
