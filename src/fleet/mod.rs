//! The fleet view: many agents against one scenario. An interval index
//! splits each address family into maximal intervals that match the same
//! ordered chain of entries, so a batch looks each agent up instead of
//! scanning the list, and the coverage map, reverse look-up and outage
//! counts work per interval instead of per address.

pub mod batch;
pub mod count;
pub mod coverage;
pub mod downloads;
pub mod index;
pub mod outages;
pub mod who;
pub mod wire;
pub mod words;

pub use batch::{
    batch, batch_with, expand, plan_for, role_of, Batch, BatchRow, Fleet, Order, Summary, Widest, EXPAND_LIMIT,
};
pub use coverage::{coverage, Coverage, CoverageInterval, Shadowed};
pub use downloads::{downloads, Downloads, SourceDownloads, UpdateAgentLoad};
pub use index::{Index, Interval};
pub use outages::{
    agent_outages, fleet_outages, fleet_outages_with, list_outages, list_outages_with, AgentOutages, FleetImpact,
    Outage, SourceImpact,
};
pub use who::{who, Who};
