//! The fleet view: many agents against one scenario. An interval index splits
//! each address family into maximal intervals that match the same ordered
//! chain of entries, so a batch looks each agent up instead of scanning the
//! list, and the coverage map, reverse look-up and outage counts work per
//! interval instead of per address.

use std::collections::HashMap;
use std::net::IpAddr;

use serde::Serialize;

use crate::item::Item;
use crate::plan::Plan;
use crate::range::{addr_at, cidr_blocks, position, AddrRange, IpFamily};
use crate::resolve::resolve_matched;
use crate::scenario::Role;
use crate::trace::{StepKind, Trace};

/// Agents of a batch: a range wider than this is sampled, not expanded.
pub const EXPAND_LIMIT: u128 = 4096;

/// One maximal interval of one family with its chain of matching entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interval {
    pub family: IpFamily,
    pub start: u128,
    pub end: u128,
    /// Index into [`Index::chains`].
    pub chain: usize,
}

/// The interval index over a plan's list.
#[derive(Debug, Clone)]
pub struct Index {
    pub intervals: Vec<Interval>,
    /// Chains of entry positions (0-based, list order); chain 0 is empty.
    pub chains: Vec<Vec<usize>>,
}

impl Index {
    /// Builds the index. Update Agent addresses are cut out as intervals of
    /// their own when the plan's agent is an Update Agent, since such an
    /// address walks differently (it skips itself).
    pub fn build(plan: &Plan) -> Index {
        let mut chains: Vec<Vec<usize>> = vec![Vec::new()];
        let mut ids: HashMap<Vec<usize>, usize> = HashMap::new();
        ids.insert(Vec::new(), 0);
        let mut intervals = Vec::new();
        for family in [IpFamily::V4, IpFamily::V6] {
            let max = match family {
                IpFamily::V4 => u128::from(u32::MAX),
                IpFamily::V6 => u128::MAX,
            };
            // Events: at `start` entry i begins; after `end` it stops.
            let mut starts: Vec<(u128, usize)> = Vec::new();
            let mut ends: Vec<(u128, usize)> = Vec::new();
            // Sorted and deduplicated below: a vector, not an ordered set,
            // keeps the page's wasm small.
            let mut cuts: Vec<u128> = vec![0];
            for (i, e) in plan.entries.iter().enumerate() {
                if let Some((s, t)) = e.range.span(family) {
                    starts.push((s, i));
                    ends.push((t, i));
                    cuts.push(s);
                    if t < max {
                        cuts.push(t + 1);
                    }
                }
            }
            if plan.agent.role == Role::UpdateAgent {
                for ip in plan.update_agent_ips.iter() {
                    let (f, v) = position(*ip);
                    if f == family {
                        cuts.push(v);
                        if v < max {
                            cuts.push(v + 1);
                        }
                    }
                }
            }
            starts.sort_unstable();
            ends.sort_unstable();
            cuts.sort_unstable();
            cuts.dedup();
            // The entries covering the current cut, in list order.
            let mut active: Vec<usize> = Vec::new();
            let (mut si, mut ei) = (0, 0);
            for (k, &cut) in cuts.iter().enumerate() {
                // Entries that ended before this cut leave; those starting here join.
                while let Some(&(t, i)) = ends.get(ei) {
                    if t >= cut {
                        break;
                    }
                    if let Ok(at) = active.binary_search(&i) {
                        active.remove(at);
                    }
                    ei += 1;
                }
                while let Some(&(s, i)) = starts.get(si) {
                    if s > cut {
                        break;
                    }
                    if let Err(at) = active.binary_search(&i) {
                        active.insert(at, i);
                    }
                    si += 1;
                }
                let end = cuts.get(k + 1).map_or(max, |n| n - 1);
                let chain: Vec<usize> = active.clone();
                let id = *ids.entry(chain.clone()).or_insert_with(|| {
                    chains.push(chain);
                    chains.len() - 1
                });
                match intervals.last_mut() {
                    // Merge with the previous interval when the chain is the
                    // same and no Update Agent address had to be cut out.
                    Some(Interval { family: f, end: e, chain: c, .. })
                        if *f == family && *c == id && !is_ua_cut(plan, family, cut) =>
                    {
                        *e = end
                    }
                    _ => intervals.push(Interval { family, start: cut, end, chain: id }),
                }
            }
        }
        Index { intervals, chains }
    }

    /// The interval holding an address.
    pub fn locate(&self, addr: IpAddr) -> Option<&Interval> {
        let (family, v) = position(addr);
        let i = self.intervals.partition_point(|iv| (iv.family, iv.start) <= (family, v));
        self.intervals.get(i.checked_sub(1)?).filter(|iv| iv.family == family && iv.end >= v)
    }

    pub fn chain(&self, id: usize) -> &[usize] {
        self.chains.get(id).map_or(&[], Vec::as_slice)
    }
}

fn is_ua_cut(plan: &Plan, family: IpFamily, cut: u128) -> bool {
    plan.agent.role == Role::UpdateAgent
        && plan.update_agent_ips.iter().any(|ip| {
            let (f, v) = position(*ip);
            f == family && (v == cut || v.checked_add(1) == Some(cut))
        })
}

/// What one agent ends with: per item status and source, and how many attempts it took.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Summary {
    pub items: Vec<(Item, String, Option<String>)>,
    pub attempts: usize,
}

impl Summary {
    pub fn of(trace: &Trace) -> Summary {
        Summary {
            items: trace.outcome.iter().map(|(i, o)| (*i, o.status.id().to_string(), o.source.clone())).collect(),
            attempts: trace.steps.iter().filter(|s| s.kind == StepKind::Attempt).count(),
        }
    }

    pub fn get(&self, item: Item) -> Option<(&str, Option<&str>)> {
        self.items.iter().find(|(i, _, _)| *i == item).map(|(_, s, src)| (s.as_str(), src.as_deref()))
    }

    /// Whether some item ends not updated.
    pub fn loses_an_item(&self) -> bool {
        self.items.iter().any(|(_, s, _)| s == "not-updated")
    }
}

/// A fleet resolver: the plan, its index, and the outcomes already worked out.
pub struct Fleet<'a> {
    pub plan: &'a Plan,
    pub index: Index,
    memo: HashMap<(usize, IpFamily, Option<IpAddr>), usize>,
    pub summaries: Vec<Summary>,
}

impl<'a> Fleet<'a> {
    pub fn new(plan: &'a Plan) -> Fleet<'a> {
        Fleet::with_index(plan, Index::build(plan))
    }

    /// A fleet over an index already built for the same list (what-ifs change
    /// what is down, never which entries match).
    pub fn with_index(plan: &'a Plan, index: Index) -> Fleet<'a> {
        Fleet { plan, index, memo: HashMap::new(), summaries: Vec::new() }
    }

    /// The outcome of a single-address agent, as an index into `summaries`.
    pub fn summary_id(&mut self, addr: IpAddr) -> usize {
        let chain = self.index.locate(addr).map_or(0, |iv| iv.chain);
        let own =
            (self.plan.agent.role == Role::UpdateAgent && self.plan.update_agent_ips.contains(&addr)).then_some(addr);
        let key = (chain, IpFamily::of(addr), own);
        if let Some(id) = self.memo.get(&key) {
            return *id;
        }
        let trace = resolve_matched(self.plan, &[addr], self.index.chain(chain));
        self.summaries.push(Summary::of(&trace));
        let id = self.summaries.len() - 1;
        self.memo.insert(key, id);
        id
    }

    pub fn summary(&mut self, addr: IpAddr) -> &Summary {
        static NONE: Summary = Summary { items: Vec::new(), attempts: 0 };
        let id = self.summary_id(addr);
        self.summaries.get(id).unwrap_or(&NONE)
    }
}

// ---- Batch ----

/// One line of the agents list, understood.
#[derive(Debug, Clone, PartialEq)]
pub enum AgentSpec {
    One(IpAddr),
    Range(AddrRange),
}

/// Reads an agents list: one address, range or CIDR a line (or separated by
/// commas); `#` starts a comment. Bad lines come back with line and column.
pub fn parse_agents(text: &str) -> (Vec<(usize, AgentSpec)>, Vec<crate::trace::InputError>) {
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or_default();
        let mut offset = 0;
        for part in line.split([',', ';', '\t']) {
            let here = offset;
            offset += part.len() + 1;
            let t = part.trim();
            if t.is_empty() {
                continue;
            }
            let col = crate::source_list::column_of(raw, here + (part.len() - part.trim_start().len()));
            let spec = match crate::plan::parse_ip(t) {
                Some(ip) => Ok(AgentSpec::One(ip)),
                None => AddrRange::parse(t).map(AgentSpec::Range).map_err(|e| e.message),
            };
            match spec {
                Ok(AgentSpec::Range(AddrRange::Any)) => errors.push(crate::trace::InputError {
                    line: i + 1,
                    column: col,
                    text: "`*` is every address: give a range or CIDR block".into(),
                    rule: crate::rules::Rule::E1,
                    field: Some("agents".into()),
                }),
                Ok(s) => specs.push((i + 1, s)),
                Err(message) => errors.push(crate::trace::InputError {
                    line: i + 1,
                    column: col,
                    text: message,
                    rule: crate::rules::Rule::E1,
                    field: Some("agents".into()),
                }),
            }
        }
    }
    (specs, errors)
}

/// The addresses a spec stands for: a small range whole, a large one at its
/// edges and on both sides of every list boundary inside it.
pub fn expand(spec: &AgentSpec, index: &Index) -> Vec<IpAddr> {
    let (family, start, end) = match spec {
        AgentSpec::One(ip) => return vec![*ip],
        AgentSpec::Range(AddrRange::V4 { start, end }) => (IpFamily::V4, u128::from(*start), u128::from(*end)),
        AgentSpec::Range(AddrRange::V6 { start, end }) => (IpFamily::V6, *start, *end),
        AgentSpec::Range(AddrRange::Any) => return Vec::new(),
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

#[derive(Debug, Clone, Serialize)]
pub struct BatchRow {
    pub agent: IpAddr,
    /// Index into [`Batch::summaries`].
    pub summary: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Batch {
    pub rows: Vec<BatchRow>,
    pub summaries: Vec<Summary>,
    /// Specs that were sampled rather than expanded.
    pub sampled: usize,
}

pub fn batch(plan: &Plan, specs: &[(usize, AgentSpec)]) -> Batch {
    let mut fleet = Fleet::new(plan);
    let mut rows = Vec::new();
    let mut sampled = 0;
    for (_, spec) in specs {
        let addrs = expand(spec, &fleet.index);
        if let AgentSpec::Range(r) = spec {
            if r.span(IpFamily::V4).or(r.span(IpFamily::V6)).is_some_and(|(s, e)| e - s >= EXPAND_LIMIT) {
                sampled += 1;
            }
        }
        for a in addrs {
            let summary = fleet.summary_id(a);
            rows.push(BatchRow { agent: a, summary });
        }
    }
    Batch { rows, summaries: fleet.summaries, sampled }
}

impl Batch {
    pub fn summary(&self, row: &BatchRow) -> Option<&Summary> {
        self.summaries.get(row.summary)
    }

    pub fn to_csv(&self, items: &[Item]) -> String {
        let mut out = String::from("agent");
        for i in items {
            out.push_str(&format!(",{0} status,{0} source", i.id()));
        }
        out.push_str(",attempts\n");
        for row in &self.rows {
            let Some(s) = self.summary(row) else { continue };
            out.push_str(&row.agent.to_string());
            for i in items {
                let (status, source) = s.get(*i).unwrap_or(("-", None));
                out.push_str(&format!(",{status},{}", csv_field(source.unwrap_or(""))));
            }
            out.push_str(&format!(",{}\n", s.attempts));
        }
        out
    }

    pub fn to_json(&self, items: &[Item]) -> String {
        use serde::ser::SerializeMap;
        /// One row: the agent, an object per item, the attempts.
        struct Row<'a>(&'a BatchRow, &'a Summary, &'a [Item]);
        impl Serialize for Row<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("agent", &self.0.agent.to_string())?;
                for i in self.2 {
                    if let Some((status, source)) = self.1.get(*i) {
                        m.serialize_entry(i.id(), &Cell { status, source })?;
                    }
                }
                m.serialize_entry("attempts", &self.1.attempts)?;
                m.end()
            }
        }
        #[derive(Serialize)]
        struct Cell<'a> {
            status: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            source: Option<&'a str>,
        }
        let rows: Vec<Row> = self.rows.iter().filter_map(|r| Some(Row(r, self.summary(r)?, items))).collect();
        serde_json::to_string_pretty(&rows).unwrap_or_default()
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

// ---- Coverage ----

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageInterval {
    pub family: IpFamily,
    pub first: String,
    pub last: String,
    pub cidr: Vec<String>,
    /// How many addresses (saturating at 2^128 - 1).
    pub size: u128,
    /// Entry numbers (1-based), in list order.
    pub chain: Vec<usize>,
    /// The first entry's source; `None` for a gap.
    pub first_source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shadowed {
    /// Entry number (1-based).
    pub entry: usize,
    pub line: usize,
    pub source: String,
    /// Earlier entries that come first wherever this one matches.
    pub covered_by: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub intervals: Vec<CoverageInterval>,
    pub gaps: Vec<CoverageInterval>,
    pub shadowed: Vec<Shadowed>,
}

impl serde::Serialize for IpFamily {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            IpFamily::V4 => "ipv4",
            IpFamily::V6 => "ipv6",
        })
    }
}

fn sorted_unique(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v.dedup();
    v
}

pub fn coverage(plan: &Plan) -> Coverage {
    let index = Index::build(&Plan {
        agent: crate::scenario::AgentDoc { role: Role::Agent, ..plan.agent.clone() },
        ..plan.clone()
    });
    let mut intervals = Vec::new();
    let mut first_choice = vec![false; plan.entries.len()];
    let mut covered_by: Vec<Vec<usize>> = vec![Vec::new(); plan.entries.len()];
    for iv in &index.intervals {
        let chain = index.chain(iv.chain);
        if let Some(first) = chain.first().and_then(|f| first_choice.get_mut(*f)) {
            *first = true;
        }
        if let Some((&head, rest)) = chain.split_first() {
            for &later in rest {
                if let Some(set) = covered_by.get_mut(later) {
                    set.push(head + 1);
                }
            }
        }
        intervals.push(CoverageInterval {
            family: iv.family,
            first: addr_at(iv.family, iv.start).to_string(),
            last: addr_at(iv.family, iv.end).to_string(),
            cidr: cidr_blocks(iv.family, iv.start, iv.end),
            size: (iv.end - iv.start).saturating_add(1),
            chain: chain.iter().map(|i| i + 1).collect(),
            first_source: chain.first().and_then(|i| plan.entries.get(*i)).map(|e| e.source.canonical()),
        });
    }
    let gaps = intervals.iter().filter(|i| i.chain.is_empty()).cloned().collect();
    let shadowed = plan
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !first_choice.get(*i).copied().unwrap_or(true))
        .map(|(i, e)| Shadowed {
            entry: i + 1,
            line: e.line,
            source: e.source.canonical(),
            covered_by: covered_by.get_mut(i).map(|s| sorted_unique(std::mem::take(s))).unwrap_or_default(),
        })
        .collect();
    Coverage { intervals, gaps, shadowed }
}

// ---- Reverse look-up ----

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Who {
    pub source: String,
    pub item: Item,
    pub cidr: Vec<String>,
    /// How many addresses, per family (IPv6 counts can exceed 2^64).
    pub ipv4_addresses: u128,
    pub ipv6_addresses: u128,
    pub example: Option<String>,
}

/// Which addresses end at `source` for `item`, with the scenario's what-ifs.
pub fn who(plan: &Plan, source: &str, item: Item) -> Who {
    let mut fleet = Fleet::new(plan);
    let source = crate::source::canonical_down(source);
    let mut spans: Vec<(IpFamily, u128, u128)> = Vec::new();
    let (mut v4, mut v6) = (0u128, 0u128);
    let mut example = None;
    let intervals = fleet.index.intervals.clone();
    for iv in &intervals {
        let addr = addr_at(iv.family, iv.start);
        let hit =
            fleet.summary(addr).get(item).is_some_and(|(st, src)| st == "updated" && src == Some(source.as_str()));
        if !hit {
            continue;
        }
        let n = (iv.end - iv.start).saturating_add(1);
        match iv.family {
            IpFamily::V4 => v4 += n,
            IpFamily::V6 => v6 = v6.saturating_add(n),
        }
        example.get_or_insert_with(|| addr.to_string());
        // Neighbouring intervals with the same answer make one span.
        match spans.last_mut() {
            Some((f, _, end)) if *f == iv.family && end.checked_add(1) == Some(iv.start) => *end = iv.end,
            _ => spans.push((iv.family, iv.start, iv.end)),
        }
    }
    let blocks = spans.iter().flat_map(|(f, s, e)| cidr_blocks(*f, *s, *e)).collect();
    Who { source, item, cidr: blocks, ipv4_addresses: v4, ipv6_addresses: v6, example }
}

// ---- Outages ----

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outage {
    pub down: Vec<String>,
    /// Items that were updated and now end not updated.
    pub lost: Vec<Item>,
}

/// Whether [`agent_outages`] also tries pairs for this plan.
pub fn agent_outages_pairs(plan: &Plan) -> bool {
    crate::fields::down_candidates(plan).into_iter().filter(|c| !plan.is_down(c)).count() <= 12
}

/// For one agent: every single outage and, with at most 12 sources, every
/// pair; those that lose an item are its single (or double) points of failure.
pub fn agent_outages(plan: &Plan, addresses: &[IpAddr]) -> Vec<Outage> {
    let base = Summary::of(&crate::resolve::resolve_for(plan, addresses));
    let candidates: Vec<String> =
        crate::fields::down_candidates(plan).into_iter().filter(|c| !plan.is_down(c)).collect();
    let mut sets: Vec<Vec<String>> = candidates.iter().map(|c| vec![c.clone()]).collect();
    if candidates.len() <= 12 {
        for (i, a) in candidates.iter().enumerate() {
            for b in candidates.iter().skip(i + 1) {
                sets.push(vec![a.clone(), b.clone()]);
            }
        }
    }
    let mut out = Vec::new();
    for down in sets {
        let mut p = plan.clone();
        p.down.extend(down.iter().cloned());
        let after = Summary::of(&crate::resolve::resolve_for(&p, addresses));
        let lost: Vec<Item> = Item::ALL
            .into_iter()
            .filter(|i| {
                base.get(*i).is_some_and(|(s, _)| s == "updated")
                    && after.get(*i).is_some_and(|(s, _)| s == "not-updated")
            })
            .collect();
        // A pair only counts when neither of its sources alone loses the same items.
        let single_covers = down.len() == 2
            && out.iter().any(|o: &Outage| {
                o.down.len() == 1 && o.down.iter().all(|d| down.contains(d)) && lost.iter().all(|l| o.lost.contains(l))
            });
        if !lost.is_empty() && !single_covers {
            out.push(Outage { down, lost });
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceImpact {
    pub source: String,
    pub ipv4_addresses: u128,
    pub ipv6_addresses: u128,
}

/// For the whole address space: how many addresses lose an item if one
/// source alone is down. Only addresses that source delivered something to
/// can lose anything by its outage (a source that failed or was never tried
/// fails the same way when down), so only those intervals are walked again.
pub fn list_outages(plan: &Plan) -> Vec<SourceImpact> {
    let mut base = Fleet::new(plan);
    let intervals = base.index.intervals.clone();
    let before: Vec<Summary> = intervals.iter().map(|iv| base.summary(addr_at(iv.family, iv.start)).clone()).collect();
    let candidates: Vec<String> =
        crate::fields::down_candidates(plan).into_iter().filter(|c| !plan.is_down(c)).collect();
    let mut out = Vec::new();
    for c in candidates {
        let mut p = plan.clone();
        p.down.insert(c.clone());
        let mut after = Fleet::with_index(&p, base.index.clone());
        let (mut v4, mut v6) = (0u128, 0u128);
        for (iv, was) in intervals.iter().zip(&before) {
            let delivered_here =
                was.items.iter().any(|(_, st, src)| st == "updated" && src.as_deref() == Some(c.as_str()));
            if !delivered_here {
                continue;
            }
            let now = after.summary(addr_at(iv.family, iv.start));
            let lost = Item::ALL.iter().any(|i| {
                was.get(*i).is_some_and(|(s, _)| s == "updated") && now.get(*i).is_some_and(|(s, _)| s == "not-updated")
            });
            if lost {
                let n = (iv.end - iv.start).saturating_add(1);
                match iv.family {
                    IpFamily::V4 => v4 += n,
                    IpFamily::V6 => v6 = v6.saturating_add(n),
                }
            }
        }
        out.push(SourceImpact { source: c, ipv4_addresses: v4, ipv6_addresses: v6 });
    }
    // Most addresses lost first; ties keep the order of the list.
    let mut ranked: Vec<(usize, SourceImpact)> = out.into_iter().enumerate().collect();
    ranked.sort_unstable_by_key(|(i, o)| (std::cmp::Reverse((o.ipv4_addresses, o.ipv6_addresses)), *i));
    ranked.into_iter().map(|(_, o)| o).collect()
}
