//! What a batch's agents download from each source, the incremental pattern
//! or the full one (CD1-CD4), and how many agents a Notify All sends to
//! each Update Agent at once, against the figures the vendor's article
//! gives (LD1). Both are counted from the batch's outcomes: nothing is
//! walked again.

use serde::Serialize;

use crate::duplication::{Download, Patterns};
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::trace::ItemOutcome;

use super::batch::Batch;

/// The 2019 copy of KA 1034989: "The maximum number of concurrent
/// client/agent update requests that an Update Agent can handle is 250."
pub const CONCURRENT_2019: usize = 250;

/// The newer copy's tested figures: concurrent agents and the machine.
pub const CONCURRENT_TESTED: [(usize, &str); 3] = [(400, "100 Mbps"), (900, "1 Gbps"), (7_700, "8 cores, 10 Gbps")];

/// What one source sends the batch's agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceDownloads {
    /// The source that delivers their components.
    pub source: SourceId,
    /// Agents that take an incremental pattern.
    pub incremental: u128,
    /// Agents that take the full pattern.
    pub full: u128,
    /// Agents already current: nothing to download.
    pub current: u128,
    /// The kB in all, when the scenario gives the sizes it needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb: Option<u64>,
}

/// How many agents update their components from one Update Agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateAgentLoad {
    /// The Update Agent.
    pub update_agent: SourceId,
    /// Its agents: all of them at once after a Notify All.
    pub agents: u128,
}

/// A batch's downloads per source and its Update Agents' load.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Downloads {
    /// Per source, in the order of [`SourceId`]; only sources whose
    /// download the pattern versions tell.
    pub sources: Vec<SourceDownloads>,
    /// Per Update Agent that delivers components to any agent.
    pub update_agents: Vec<UpdateAgentLoad>,
}

/// Counts a batch's downloads and loads, over every agent of it (a
/// sampled range's addresses all counted, not only its samples).
pub fn downloads(batch: &Batch, patterns: Option<&Patterns>) -> Downloads {
    let mut sources: std::collections::BTreeMap<SourceId, SourceDownloads> = Default::default();
    let mut loads: std::collections::BTreeMap<SourceId, u128> = Default::default();
    for (summary, &n) in batch.summaries.iter().zip(&batch.agents) {
        let Some(ItemOutcome::Updated(source)) = summary.get(Item::Components) else { continue };
        if n == 0 {
            continue;
        }
        if matches!(source, SourceId::UpdateAgent { .. }) {
            let load = loads.entry(source.clone()).or_default();
            *load = load.saturating_add(n);
        }
        let Some(download) = summary.download else { continue };
        let entry = sources.entry(source.clone()).or_insert_with(|| SourceDownloads {
            source: source.clone(),
            incremental: 0,
            full: 0,
            current: 0,
            kb: Some(0),
        });
        let counted = match download {
            Download::Nothing { .. } => &mut entry.current,
            Download::Incremental { .. } => &mut entry.incremental,
            Download::Full { .. } => &mut entry.full,
        };
        *counted = counted.saturating_add(n);
        let kb = patterns.and_then(|p| download.kb(p));
        let n = u64::try_from(n).unwrap_or(u64::MAX);
        entry.kb = entry.kb.zip(kb).map(|(sum, each)| sum.saturating_add(each.saturating_mul(n)));
    }
    Downloads {
        sources: sources.into_values().collect(),
        update_agents: loads
            .into_iter()
            .map(|(update_agent, agents)| UpdateAgentLoad { update_agent, agents })
            .collect(),
    }
}
