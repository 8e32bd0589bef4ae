//! Many agents through one scenario: what each ends with. Agents of one
//! interval walk alike, so each distinct walk is done once and shared by
//! every agent that has it.

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use serde::Serialize;

use crate::duplication::Download;
use crate::format::scenario::Role;
use crate::input::agents::AgentSpec;
use crate::input::range::{addr_at, position, IpFamily};
use crate::model::item::Item;
use crate::plan::Plan;
use crate::trace::{ItemOutcome, Status, Trace};
use crate::walk::resolve_matched;

use super::index::Index;

/// No outcome worked out yet.
const NONE: usize = usize::MAX;

/// Agents of a batch: a range wider than this is sampled, not expanded.
pub const EXPAND_LIMIT: u128 = 4096;

/// What one agent ends with: per item outcome, and how many attempts it took.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Summary {
    /// Each item asked for, in the walk's order, with its outcome.
    pub items: Vec<(Item, ItemOutcome)>,
    /// Attempts over all items.
    pub attempts: usize,
    /// What the components' source sends, when the scenario's pattern
    /// versions tell (CD1-CD4).
    #[serde(skip)]
    pub download: Option<Download>,
}

impl Summary {
    /// The summary of a trace.
    pub fn of(trace: &Trace) -> Summary {
        Summary {
            items: trace.outcome.iter().map(|(i, o)| (*i, o.clone())).collect(),
            attempts: trace.attempts(),
            download: trace.download_of(Item::Components),
        }
    }

    /// One item's outcome.
    pub fn get(&self, item: Item) -> Option<&ItemOutcome> {
        self.items.iter().find(|(i, _)| *i == item).map(|(_, o)| o)
    }

    /// The items updated here that end not updated in `after`.
    pub fn lost_in(&self, after: &Summary) -> Vec<Item> {
        self.items
            .iter()
            .filter(|(i, o)| {
                o.status() == Status::Updated && after.get(*i).is_some_and(|a| a.status() == Status::NotUpdated)
            })
            .map(|(i, _)| *i)
            .collect()
    }
}

/// A fleet resolver: the plan, its index, and the outcomes already worked out.
pub struct Fleet<'a> {
    /// The scenario.
    pub plan: &'a Plan,
    /// Its interval index.
    pub index: Index,
    memo: HashMap<(usize, IpFamily, Option<IpAddr>), usize>,
    /// Each interval's outcome once known (`NONE` before): agents after the
    /// first of an interval cost one lookup, no hashing.
    by_interval: Vec<usize>,
    /// Every distinct outcome worked out so far.
    pub summaries: Vec<Summary>,
    /// The plan in the other role than the scenario's agent, for a fleet of
    /// machines whose list names Update Agents (see [`plan_for`]).
    other_role: Option<Plan>,
}

/// The plan an address of a fleet of machines walks with. A machine at an
/// address the list names as an Update Agent is that Update Agent: it
/// updates from the sources its entries give, never from itself (L1), so
/// it walks in the Update Agent's role. Every other machine is an agent,
/// whichever role the single traced agent was given.
pub fn plan_for(plan: &Plan, addr: IpAddr) -> Plan {
    in_role(plan, role_of(plan, addr))
}

/// The role the machine at `addr` walks in, in a fleet (see [`plan_for`]):
/// what opening its row as the single-agent trace sets.
pub fn role_of(plan: &Plan, addr: IpAddr) -> Role {
    if plan.list.update_agent_ips.contains(&addr) {
        Role::UpdateAgent
    } else {
        Role::Agent
    }
}

/// The plan with its agent in `role`.
fn in_role(plan: &Plan, role: Role) -> Plan {
    let mut other = plan.clone();
    other.agent.role = role;
    other
}

impl<'a> Fleet<'a> {
    /// The scenario's agent at every address, with its index built (the
    /// coverage map, the reverse look-up and the list's outages).
    pub fn new(plan: &'a Plan) -> Fleet<'a> {
        Fleet::with_index(plan, Index::build(plan))
    }

    /// A fleet of real machines (a batch of agents): the machine at an
    /// address the list names as an Update Agent walks as that Update
    /// Agent ([`plan_for`]).
    pub fn of_machines(plan: &'a Plan) -> Fleet<'a> {
        Fleet::with_index(plan, Index::of_machines(plan))
    }

    /// A fleet over an index already built for the same list (what-ifs change
    /// what is down, never which entries match); of machines when the index is.
    pub fn with_index(plan: &'a Plan, index: Index) -> Fleet<'a> {
        let by_interval = vec![NONE; index.intervals.len()];
        // A fleet of machines walks in both roles, whichever the scenario's
        // agent has: the other's plan is made once.
        let other = match plan.agent.role {
            Role::Agent => Role::UpdateAgent,
            Role::UpdateAgent => Role::Agent,
        };
        let other_role = index.of_machines.then(|| in_role(plan, other));
        Fleet { plan, index, memo: HashMap::default(), by_interval, summaries: Vec::new(), other_role }
    }

    /// What decides a single-address agent's walk: its interval's chain,
    /// its family, and whether it is one of the list's Update Agents.
    fn key(&self, addr: IpAddr) -> (usize, IpFamily, Option<IpAddr>) {
        let chain = self.index.locate(addr).map_or(0, |iv| iv.chain);
        let own = (self.index.update_agents_apart && self.plan.list.update_agent_ips.contains(&addr)).then_some(addr);
        (chain, IpFamily::of(addr), own)
    }

    /// The outcome of a single-address agent, as an index into `summaries`.
    pub fn summary_id(&mut self, addr: IpAddr) -> usize {
        // Every address of an interval walks alike (an Update Agent's own
        // address is an interval of its own), so the interval decides.
        let at = self.index.position_of(addr);
        if let Some(id) = at.and_then(|i| self.by_interval.get(i)).filter(|id| **id != NONE) {
            return *id;
        }
        let id = self.summary_id_by_key(addr);
        if let Some(slot) = at.and_then(|i| self.by_interval.get_mut(i)) {
            *slot = id;
        }
        id
    }

    fn summary_id_by_key(&mut self, addr: IpAddr) -> usize {
        let key = self.key(addr);
        if let Some(id) = self.memo.get(&key) {
            return *id;
        }
        let trace = self.trace(addr);
        self.summaries.push(Summary::of(&trace));
        let id = self.summaries.len() - 1;
        self.memo.insert(key, id);
        id
    }

    /// The whole trace of a single-address agent, in the role it walks
    /// in ([`plan_for`]).
    pub fn trace(&self, addr: IpAddr) -> Trace {
        let chain = self.index.locate(addr).map_or(0, |iv| iv.chain);
        let plan = match &self.other_role {
            Some(other) if role_of(self.plan, addr) == other.agent.role => other,
            _ => self.plan,
        };
        resolve_matched(plan, &[addr], self.index.chain(chain))
    }

    /// The outcome of a single-address agent.
    pub fn summary(&mut self, addr: IpAddr) -> &Summary {
        static NONE: Summary = Summary { items: Vec::new(), attempts: 0, download: None };
        let id = self.summary_id(addr);
        self.summaries.get(id).unwrap_or(&NONE)
    }
}

/// The addresses a spec stands for: a small range whole, a large one at its
/// edges and on both sides of every list boundary inside it.
pub fn expand(spec: &AgentSpec, index: &Index) -> Vec<IpAddr> {
    let (family, start, end) = match spec {
        AgentSpec::One(ip) => return vec![*ip],
        AgentSpec::Range(r) => match r.single() {
            Some(span) => span,
            None => return Vec::new(),
        },
    };
    if end - start < EXPAND_LIMIT {
        return (start..=end).map(|v| addr_at(family, v)).collect();
    }
    let mut points: Vec<u128> = vec![start, end];
    for iv in index.intervals.iter().filter(|iv| iv.family == family) {
        if iv.start > start && iv.start <= end {
            points.push(iv.start - 1);
            points.push(iv.start);
        }
    }
    points.sort_unstable();
    points.dedup();
    points.into_iter().map(|v| addr_at(family, v)).collect()
}

/// The stretches of a range that each walk alike, as their first address
/// and how many addresses they hold: from its start to the first list
/// boundary inside it, boundary to boundary, then to its end. A sampled
/// range is counted whole from these.
fn stretches(family: IpFamily, start: u128, end: u128, index: &Index) -> Vec<(IpAddr, u128)> {
    let mut cuts: Vec<u128> = index
        .intervals
        .iter()
        .filter(|iv| iv.family == family && iv.start > start && iv.start <= end)
        .map(|iv| iv.start)
        .collect();
    cuts.push(end.saturating_add(1));
    let mut from = start;
    let mut out = Vec::with_capacity(cuts.len());
    for cut in cuts {
        // The last stretch of the whole family ends at its last address.
        out.push((addr_at(family, from), cut.saturating_sub(from).max(1)));
        from = cut;
    }
    out
}

/// Whether a spec is a range too wide to expand, so it is sampled.
pub fn is_sampled(spec: &AgentSpec) -> bool {
    matches!(spec, AgentSpec::Range(r) if r.single().is_some_and(|(_, s, e)| e - s >= EXPAND_LIMIT))
}

/// What the Fleet table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The agent's address.
    Agent,
    /// One item's outcome, as its JSON spelling sorts.
    Item(Item),
    /// The attempts over all items.
    Attempts,
}

/// One agent of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchRow {
    /// The agent's address.
    pub agent: IpAddr,
    /// Index into [`Batch::summaries`].
    pub summary: usize,
}

/// The outcome of every agent of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Batch {
    /// One row an agent, in the order given.
    pub rows: Vec<BatchRow>,
    /// The distinct outcomes the rows point at.
    pub summaries: Vec<Summary>,
    /// Specs that were sampled rather than expanded.
    pub sampled: usize,
    /// How many agents have each outcome (as `summaries`), every address
    /// of a sampled range counted: what the downloads and the Update
    /// Agents' load are counted with.
    pub agents: Vec<u128>,
    /// Agents an earlier line already named (an address given alone and
    /// in a block, blocks that overlap): each machine is counted once.
    pub repeated: u128,
}

/// What the Fleet table's columns hold at their widest, over every row (not
/// the first rows, nor a sample): the page sizes its columns to these, so
/// no row met while scrolling is wider than its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widest {
    /// The agents written with the most characters: the first such of each
    /// family, IPv4 first.
    pub agents: Vec<IpAddr>,
    /// Each item's distinct outcomes, in the order first met.
    pub outcomes: Vec<(Item, Vec<ItemOutcome>)>,
    /// The most attempts of any agent.
    pub attempts: usize,
}

/// How many characters a value is written with, counted without writing it.
fn written_len(value: &impl std::fmt::Display) -> usize {
    struct Counter(usize);
    impl std::fmt::Write for Counter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.chars().count();
            Ok(())
        }
    }
    let mut counter = Counter(0);
    let _ = std::fmt::Write::write_fmt(&mut counter, format_args!("{value}"));
    counter.0
}

/// Counts `n` more agents with the outcome `summary`.
fn count(agents: &mut Vec<u128>, summary: usize, n: u128) {
    if agents.len() <= summary {
        agents.resize(summary + 1, 0);
    }
    if let Some(c) = agents.get_mut(summary) {
        *c = c.saturating_add(n);
    }
}

/// Resolves every agent of `specs`.
pub fn batch(plan: &Plan, specs: &[(usize, AgentSpec)]) -> Batch {
    batch_with(plan, specs, &mut |_, _| {})
}

/// How many specs go between two reports of progress.
pub const PROGRESS_EVERY: usize = 4096;

/// As [`batch`], telling `progress(done, total)` how many specs are done
/// every [`PROGRESS_EVERY`] specs (the page's worker shows a progress bar).
pub fn batch_with(plan: &Plan, specs: &[(usize, AgentSpec)], progress: &mut dyn FnMut(usize, usize)) -> Batch {
    let mut fleet = Fleet::of_machines(plan);
    let sampled = specs.iter().filter(|(_, s)| is_sampled(s)).count();
    let mut rows = Vec::with_capacity(specs.len());
    let mut agents: Vec<u128> = Vec::new();
    let mut seen = Seen::default();
    for (done, (_, spec)) in specs.iter().enumerate() {
        if done % PROGRESS_EVERY == 0 {
            progress(done, specs.len());
        }
        if let AgentSpec::One(a) = spec {
            // Most agents are one address: no list of one to build.
            let mention = seen.add(*a);
            if mention != Mention::Again {
                let summary = fleet.summary_id(*a);
                rows.push(BatchRow { agent: *a, summary });
                count(&mut agents, summary, u128::from(mention == Mention::New));
            }
            continue;
        }
        let sampled = is_sampled(spec);
        for a in expand(spec, &fleet.index) {
            // A wide range's samples stand for it: none where another line was.
            let mention = if sampled {
                if seen.holds(a) {
                    Mention::Again
                } else {
                    Mention::Counted
                }
            } else {
                seen.add(a)
            };
            if mention == Mention::Again {
                continue;
            }
            let summary = fleet.summary_id(a);
            rows.push(BatchRow { agent: a, summary });
            count(&mut agents, summary, u128::from(mention == Mention::New));
        }
        if let (true, AgentSpec::Range(r)) = (sampled, spec) {
            if let Some((family, start, end)) = r.single() {
                // Every address counted, but those earlier lines named.
                let named = seen.positions(family, start, end);
                let between = |from: u128, to: u128| {
                    (named.partition_point(|v| *v <= to) - named.partition_point(|v| *v < from)) as u128
                };
                let mut fresh = 0u128;
                for (from, to) in seen.uncovered(family, start, end) {
                    for (first, n) in stretches(family, from, to, &fleet.index) {
                        let at = position(first).1;
                        let n = n - between(at, at + (n - 1));
                        fresh += n;
                        let summary = fleet.summary_id(first);
                        count(&mut agents, summary, n);
                    }
                }
                seen.repeated += (end - start + 1) - fresh;
                seen.sampled.push((family, start, end));
            }
        }
    }
    agents.resize(fleet.summaries.len(), 0);
    Batch { rows, summaries: fleet.summaries, sampled, agents, repeated: seen.repeated }
}

/// What a line's naming of an agent is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mention {
    /// The first: a row, counted.
    New,
    /// Inside a wide range an earlier line gave: its own row (the range
    /// shows only samples), counted with the range already; or a sample of
    /// a wide range, counted with it.
    Counted,
    /// Named before: no row, not counted again.
    Again,
}

/// The agents earlier lines named: each machine is counted once.
#[derive(Default)]
struct Seen {
    /// Addresses given alone or in ranges expanded whole.
    addresses: rustc_hash::FxHashSet<IpAddr>,
    /// Ranges too wide to expand.
    sampled: Vec<(IpFamily, u128, u128)>,
    /// Agents named again.
    repeated: u128,
}

impl Seen {
    /// Whether an earlier line named the address.
    fn holds(&self, a: IpAddr) -> bool {
        self.addresses.contains(&a) || self.in_wide(a)
    }

    /// Whether a wide range an earlier line gave holds the address.
    fn in_wide(&self, a: IpAddr) -> bool {
        let (family, v) = position(a);
        self.sampled.iter().any(|(f, s, e)| *f == family && (*s..=*e).contains(&v))
    }

    /// Takes in an address a line names alone or in a range expanded whole.
    fn add(&mut self, a: IpAddr) -> Mention {
        if self.addresses.contains(&a) {
            self.repeated += 1;
            return Mention::Again;
        }
        self.addresses.insert(a);
        if self.in_wide(a) {
            self.repeated += 1;
            return Mention::Counted;
        }
        Mention::New
    }

    /// The parts of `start..=end` no earlier wide range holds.
    fn uncovered(&self, family: IpFamily, start: u128, end: u128) -> Vec<(u128, u128)> {
        let mut parts = vec![(start, end)];
        for (_, s, e) in self.sampled.iter().filter(|(f, _, _)| *f == family) {
            parts = parts
                .into_iter()
                .flat_map(|(a, b)| {
                    if *e < a || *s > b {
                        return vec![(a, b)];
                    }
                    let mut left = Vec::with_capacity(2);
                    if *s > a {
                        left.push((a, s - 1));
                    }
                    if *e < b {
                        left.push((e + 1, b));
                    }
                    left
                })
                .collect();
        }
        parts
    }

    /// The addresses given alone (or expanded) in `start..=end`, in order.
    fn positions(&self, family: IpFamily, start: u128, end: u128) -> Vec<u128> {
        let mut out: Vec<u128> = self
            .addresses
            .iter()
            .map(|a| position(*a))
            .filter(|(f, v)| *f == family && (start..=end).contains(v))
            .map(|(_, v)| v)
            .collect();
        out.sort_unstable();
        out
    }
}

impl Batch {
    /// The agents at addresses the list names as Update Agents, in the
    /// batch's order: they walk as those Update Agents ([`plan_for`]).
    pub fn update_agents(&self, plan: &Plan) -> Vec<IpAddr> {
        let mut out: Vec<IpAddr> = Vec::new();
        for row in self.rows.iter().filter(|r| plan.list.update_agent_ips.contains(&r.agent)) {
            if !out.contains(&row.agent) {
                out.push(row.agent);
            }
        }
        out
    }

    /// How many agents the batch stands for, every address of a sampled
    /// range counted.
    pub fn agents_counted(&self) -> u128 {
        self.agents.iter().fold(0u128, |sum, n| sum.saturating_add(*n))
    }

    /// Puts the rows in address order (IPv4 first), agents of equal address
    /// in the order given: the order the Fleet table opens in, worked out
    /// in the worker so the page does not sort 100,000 rows.
    pub fn sort_by_agent(&mut self) {
        self.rows.sort_by_key(|r| r.agent);
    }

    /// The rows that match `needle` (lower case; empty for all), as indices
    /// in the table's order: by `by`, ties by address. Linear in the rows
    /// when they are in address order already (as the worker sends them):
    /// outcomes are few, so rows are bucketed by their outcome's rank
    /// instead of compared with each other.
    pub fn order(&self, needle: &str, by: Order, descending: bool) -> Vec<usize> {
        let by_agent: Vec<usize> = if self.rows.is_sorted_by_key(|r| r.agent) {
            (0..self.rows.len()).collect()
        } else {
            let mut all: Vec<usize> = (0..self.rows.len()).collect();
            all.sort_by_key(|i| self.rows.get(*i).map(|r| r.agent));
            all
        };
        let kept = self.matching(by_agent, needle);
        let rank = self.ranks(by);
        let buckets = rank.iter().max().map_or(0, |m| m + 1);
        let rank_of = |i: &usize| {
            let r = self.rows.get(*i).and_then(|row| rank.get(row.summary)).copied().unwrap_or(0);
            if descending && by != Order::Agent {
                buckets - 1 - r
            } else {
                r
            }
        };
        // A counting sort: stable, so each bucket keeps address order.
        let mut starts = vec![0usize; buckets + 1];
        for i in &kept {
            if let Some(n) = starts.get_mut(rank_of(i) + 1) {
                *n += 1;
            }
        }
        let mut sum = 0;
        for s in starts.iter_mut() {
            sum += *s;
            *s = sum;
        }
        let mut out = vec![0usize; kept.len()];
        for i in kept {
            let slot = starts.get_mut(rank_of(&i)).map(|s| {
                *s += 1;
                *s - 1
            });
            if let Some(o) = slot.and_then(|s| out.get_mut(s)) {
                *o = i;
            }
        }
        if descending && by == Order::Agent {
            out.reverse();
        }
        out
    }

    /// The rows (given in order) that match `needle` by address, status or source.
    fn matching(&self, rows: Vec<usize>, needle: &str) -> Vec<usize> {
        if needle.is_empty() {
            return rows;
        }
        let summary_matches: Vec<bool> = self
            .summaries
            .iter()
            .map(|s| {
                s.items.iter().any(|(_, o)| {
                    o.status().id().contains(needle) || o.source().is_some_and(|x| x.to_string().contains(needle))
                })
            })
            .collect();
        // Only hex digits, dots and colons can be part of an address.
        let may_be_address = needle.bytes().all(|b| b.is_ascii_hexdigit() || b == b'.' || b == b':');
        let mut text = String::new();
        rows.into_iter()
            .filter(|i| {
                let Some(row) = self.rows.get(*i) else { return false };
                summary_matches.get(row.summary).copied().unwrap_or(false)
                    || may_be_address && {
                        use std::fmt::Write as _;
                        text.clear();
                        let _ = write!(text, "{}", row.agent);
                        text.contains(needle)
                    }
            })
            .collect()
    }

    /// Each outcome's rank in the order `by`: equal keys, equal ranks.
    fn ranks(&self, by: Order) -> Vec<usize> {
        let n = self.summaries.len();
        if by == Order::Agent {
            return vec![0; n];
        }
        let key = |id: usize| {
            let s = self.summaries.get(id);
            match by {
                Order::Attempts => (s.map(|s| s.attempts), None),
                Order::Item(item) => (None, s.and_then(|s| s.get(item)).map(ItemOutcome::sort_key)),
                Order::Agent => (None, None),
            }
        };
        let mut ids: Vec<usize> = (0..n).collect();
        ids.sort_by(|a, b| key(*a).cmp(&key(*b)));
        let mut rank = vec![0; n];
        let mut current = 0;
        for (k, id) in ids.iter().enumerate() {
            if k > 0 && ids.get(k - 1).is_some_and(|prev| key(*prev) != key(*id)) {
                current += 1;
            }
            if let Some(r) = rank.get_mut(*id) {
                *r = current;
            }
        }
        rank
    }

    /// What each column of the table holds at its widest, for `items`.
    pub fn widest(&self, items: &[Item]) -> Widest {
        let mut longest: [Option<(usize, IpAddr)>; 2] = [None, None];
        for row in &self.rows {
            let slot = longest.get_mut(usize::from(row.agent.is_ipv6()));
            let len = written_len(&row.agent);
            if let Some(slot) = slot.filter(|s| s.is_none_or(|(best, _)| len > best)) {
                *slot = Some((len, row.agent));
            }
        }
        let outcomes = items
            .iter()
            .map(|item| {
                let mut seen: Vec<ItemOutcome> = Vec::new();
                for o in self.summaries.iter().filter_map(|s| s.get(*item)) {
                    if !seen.contains(o) {
                        seen.push(o.clone());
                    }
                }
                (*item, seen)
            })
            .collect();
        Widest {
            agents: longest.into_iter().flatten().map(|(_, a)| a).collect(),
            outcomes,
            attempts: self.summaries.iter().map(|s| s.attempts).max().unwrap_or(0),
        }
    }

    /// A row's outcome.
    pub fn summary(&self, row: &BatchRow) -> Option<&Summary> {
        self.summaries.get(row.summary)
    }

    /// CSV for a spreadsheet: a status and a source column per item.
    pub fn to_csv<'r>(&'r self, items: &[Item], rows: impl IntoIterator<Item = &'r BatchRow>) -> String {
        let mut out = String::from("agent");
        for i in items {
            out.push_str(&format!(",{0} status,{0} source", i.id()));
        }
        out.push_str(",attempts");
        // The download's columns only for a scenario that tells it (CD1-CD4).
        let downloads = self.summaries.iter().any(|s| s.download.is_some());
        if downloads {
            out.push_str(",components download,components pattern");
        }
        out.push('\n');
        for row in rows {
            let Some(s) = self.summary(row) else { continue };
            out.push_str(&row.agent.to_string());
            for i in items {
                let (status, source) = cell(s, *i);
                out.push_str(&format!(",{status},{}", csv_field(&source)));
            }
            out.push_str(&format!(",{}", s.attempts));
            if downloads {
                let (kind, pattern) = s.download.map_or(("-", String::new()), |d| (d.kind(), d.pattern()));
                out.push_str(&format!(",{kind},{pattern}"));
            }
            out.push('\n');
        }
        out
    }

    /// JSON rows: the agent, an object per item, the attempts.
    pub fn to_json<'r>(&'r self, items: &[Item], rows: impl IntoIterator<Item = &'r BatchRow>) -> String {
        use serde::ser::SerializeMap;
        struct Row<'a>(&'a BatchRow, &'a Summary, &'a [Item]);
        impl Serialize for Row<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("agent", &self.0.agent.to_string())?;
                for i in self.2 {
                    if let Some(o) = self.1.get(*i) {
                        m.serialize_entry(i.id(), o)?;
                    }
                }
                m.serialize_entry("attempts", &self.1.attempts)?;
                if let Some(d) = self.1.download {
                    m.serialize_entry("download", d.kind())?;
                    m.serialize_entry("pattern", &d.pattern())?;
                }
                m.end()
            }
        }
        let rows: Vec<Row> = rows.into_iter().filter_map(|r| Some(Row(r, self.summary(r)?, items))).collect();
        serde_json::to_string_pretty(&rows).unwrap_or_default()
    }
}

/// An item's status and source as the CSV writes them (`-` when not asked).
fn cell(s: &Summary, item: Item) -> (&'static str, String) {
    match s.get(item) {
        Some(o) => (o.status().id(), o.source().map(ToString::to_string).unwrap_or_default()),
        None => ("-", String::new()),
    }
}

/// Quotes a CSV field when it needs it, and defuses spreadsheet formulas.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}
