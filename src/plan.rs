//! A scenario made ready to walk: every string read into its type, every
//! input error collected with its line and column. The walk never sees a
//! string it has to interpret, and resolving many agents against one
//! scenario (the fleet view) prepares it once.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;

use crate::duplication::Patterns;
use crate::format::locate::Locator;
use crate::format::scenario::{
    Domain, EntryDoc, ListDoc, Location, Mode, PatternsDoc, Role, Scenario, Settings, SwpDoc, Trigger,
};
use crate::input::host::{ip_problem, parse_ip, Host};
use crate::input::range::AddrRange;
use crate::input::source::{Source, SourceId};
use crate::input::source_list::{self, column_of, BrokenLine, Entry, Numbering};
use crate::input::version::AgentVersion;
use crate::model::diagnostics::{Field, InputError, Warning};
use crate::model::item::ItemSet;
use crate::model::profile::{Family, Profile};
use crate::model::rules::Rule;
use crate::when::{Clock, Window};

/// The S&WP primary component update source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Primary {
    /// Trend Micro Update Server, over the Internet.
    TrendMicro,
    /// "Other update source", as its canonical URL.
    Other(String),
}

/// The agent traced, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// Its addresses, each once, in the order given (bad ones are errors).
    pub addresses: Vec<IpAddr>,
    /// Agent or Update Agent.
    pub role: Role,
    /// What starts the update.
    pub trigger: Trigger,
    /// Existing or future domain (T2).
    pub domain: Domain,
    /// The user's own tray-menu choice (T1).
    pub schedule_choice: Option<bool>,
    /// A laptop or portable computer (RW1).
    pub portable: bool,
    /// Its version, when given (VC1).
    pub version: Option<AgentVersion>,
    /// Where it is (LOC1-LOC3, IND1-IND2).
    pub location: Location,
    /// For how many minutes after the notification it does not answer
    /// (TL1-TL3), when given.
    pub unreachable: Option<u32>,
}

/// The S&WP settings, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swp {
    /// Where agents go when relays fail and the option allows it.
    pub primary: Primary,
    /// The relay group's name: its relays are drawn in an order per
    /// agent (RG1). `None`: `relays` is one draw, tried as listed (R1).
    pub group: Option<String>,
    /// The relays, as listed.
    pub relays: Vec<SourceId>,
    /// The manager is enrolled in Version Control Policies (VC1).
    pub version_control: bool,
    /// The Service Gateway's address, when one is set up (VC2).
    pub gateway: Option<String>,
    /// R2: the primary source if relays are not accessible.
    pub direct_if_relays_unreachable: bool,
    /// R2: the Primary Tenant Relay Group if relays are not accessible.
    pub tenant_group_if_relays_unreachable: bool,
    /// R0: update even while the manager cannot tell the agent to.
    pub when_manager_unreachable: bool,
    /// R4: rule updates reach the policies.
    pub auto_apply_rule_updates: bool,
}

/// What reading the customized list gave. A pasted list's reading is kept
/// with the text it came from: an edit elsewhere in the scenario (a what-if,
/// a setting) reuses it instead of reading a 100,000-line list again. Only a
/// list that is the very same text (the same allocation) is reused, so a
/// stale reading is impossible.
#[derive(Debug, Clone, PartialEq)]
pub struct ListReading {
    text: Option<Arc<str>>,
    /// The entries understood, in list order.
    pub entries: Vec<Entry>,
    /// Each source the list names, once, in list order.
    pub sources: Arc<[SourceId]>,
    /// Each entry's range, side by side: matching an agent scans these
    /// instead of the entries themselves.
    pub ranges: Vec<AddrRange>,
    /// Lines with errors whose range was read (W6).
    pub broken: Vec<BrokenLine>,
    /// The pasted list's header line, skipped.
    pub header: Option<usize>,
    /// The list's errors.
    pub errors: Vec<InputError>,
    /// The list's own warnings (W1-W5), for the OfficeScan family. Shared,
    /// not copied, by every plan and trace of the list.
    pub warnings: Arc<[Warning]>,
    /// Addresses of the list's Update Agents: an Update Agent never updates
    /// from itself, so these addresses walk differently.
    pub update_agent_ips: rustc_hash::FxHashSet<IpAddr>,
    /// Whether any entry is the ActiveUpdate server (F1).
    pub lists_activeupdate: bool,
    /// Whether the first entry is the ActiveUpdate server (U2, S).
    pub activeupdate_first: bool,
}

impl ListReading {
    /// How this list names its entries to people.
    pub fn numbering(&self) -> Numbering {
        if self.text.is_some() {
            Numbering::Lines
        } else {
            Numbering::Entries
        }
    }

    fn new(
        text: Option<Arc<str>>,
        entries: Vec<Entry>,
        broken: Vec<BrokenLine>,
        header: Option<usize>,
        errors: Vec<InputError>,
        checked: Option<source_list::Checked>,
    ) -> ListReading {
        let numbering = if text.is_some() { Numbering::Lines } else { Numbering::Entries };
        let checked = checked.unwrap_or_else(|| source_list::check(&entries, numbering));
        let update_agent_ips = entries
            .iter()
            .filter_map(|e| match &e.source {
                Source::UpdateAgent { host, .. } => host.ip(),
                _ => None,
            })
            .collect();
        ListReading {
            text,
            warnings: checked.warnings.into(),
            sources: checked.sources.into(),
            ranges: entries.iter().map(|e| e.range).collect(),
            update_agent_ips,
            lists_activeupdate: entries.iter().any(|e| e.source.is_activeupdate()),
            activeupdate_first: entries.first().is_some_and(|e| e.source.is_activeupdate()),
            entries,
            broken,
            header,
            errors,
        }
    }

    /// A pasted list (SPEC §6).
    fn of_text(text: &Arc<str>) -> ListReading {
        ListReading::of_read(text.clone(), source_list::parse_list(text), None)
    }

    /// A pasted list already read, as the page reads a large paste: a slice
    /// at a time with a [`source_list::LineReader`], which can work out the
    /// list's warnings as it goes (else they are worked out here).
    pub fn of_read(
        text: Arc<str>,
        parsed: source_list::ParsedList,
        checked: Option<source_list::Checked>,
    ) -> ListReading {
        ListReading::new(Some(text), parsed.entries, parsed.broken, parsed.header, parsed.errors, checked)
    }

    /// The pasted text this is the reading of.
    pub fn text(&self) -> Option<&Arc<str>> {
        self.text.as_ref()
    }

    /// Whether this is the reading of `text`: the same allocation, or (for
    /// a reading made beforehand) the same characters.
    fn is_of(&self, text: &Arc<str>) -> bool {
        self.text.as_ref().is_some_and(|t| Arc::ptr_eq(t, text) || **t == **text)
    }

    /// A list given as entries (SPEC §2): errors are placed in the JSON.
    fn of_entries(docs: &[EntryDoc], place: &Place<'_>) -> ListReading {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        let mut broken = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            // Without the document's text, the entry's number stands in for its line.
            let line = match place.value(&format!("sources.list[{i}]"), 0).0 {
                0 => i + 1,
                line => line,
            };
            let range = crate::input::range::AddrRange::parse(&doc.range);
            let source = Source::parse(&doc.source);
            match (&range, source) {
                (Ok(range), Ok(source)) => entries.push(Entry {
                    line,
                    range: *range,
                    source,
                    serves: doc.serves.unwrap_or(ItemSet::ALL),
                    label: doc.label.clone(),
                }),
                (r, s) => {
                    if let Err(e) = r {
                        errors.push(place.error(
                            &format!("sources.list[{i}].range"),
                            &doc.range,
                            e.offset,
                            e.message.clone(),
                            Rule::E1,
                        ));
                    }
                    if let Err(e) = s {
                        errors.push(place.error(
                            &format!("sources.list[{i}].source"),
                            &doc.source,
                            e.offset,
                            e.message,
                            Rule::E1,
                        ));
                    }
                    if let Ok(range) = r {
                        broken.push(BrokenLine { line, range: *range });
                    }
                }
            }
        }
        ListReading::new(None, entries, broken, None, errors, None)
    }

    /// The reading of the scenario's list: the previous one if it was of
    /// this very text.
    fn of(list: &ListDoc, place: &Place<'_>, known: Option<&Arc<ListReading>>) -> Arc<ListReading> {
        match list {
            ListDoc::Text(text) => match known {
                Some(read) if read.is_of(text) => read.clone(),
                _ => Arc::new(ListReading::of_text(text)),
            },
            ListDoc::Entries(docs) => Arc::new(ListReading::of_entries(docs, place)),
        }
    }
}

/// The scenario, ready to walk.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The product.
    pub profile: Profile,
    /// The server's address when it is an IP literal; `None` for a host
    /// name or none given, reachable from both families (L2).
    pub server: Option<Host>,
    /// Standard or customized.
    pub mode: Mode,
    /// The customized list, read (shared between plans of the same list).
    pub list: Arc<ListReading>,
    /// The console's settings.
    pub settings: Settings,
    /// The S&WP settings.
    pub swp: Swp,
    /// The agent.
    pub agent: Agent,
    /// The items this update wants, in the walk's order.
    pub wanted: ItemSet,
    /// Items asked for explicitly (S&WP notes the ones it does not walk).
    pub asked: Option<ItemSet>,
    /// Sources down right now.
    pub down: HashSet<SourceId>,
    /// S&WP: the manager is reachable.
    pub manager_up: bool,
    /// A dual-stack proxy bridges the families.
    pub dual_stack_proxy: bool,
    /// Apex One's Edge Relay server, when one is set up (LOC3).
    pub edge_relay: Option<String>,
    /// The schedule-based update's window, when given (TL2).
    pub window: Option<Window>,
    /// When the server notified, when given (TL1).
    pub notified_at: Option<Clock>,
    /// Which of the relay group's orders the trace shows (RG1). Not part
    /// of the document: every draw gives the same outcome, and the page
    /// and `--draw` only choose which one is told.
    pub draw: Draw,
    /// The pattern versions and sizes, when the scenario gives them
    /// (CD1-CD4).
    pub patterns: Option<Patterns>,
    /// Every input error of the scenario.
    pub errors: Arc<[InputError]>,
    /// Every warning that does not depend on the agent. Shared with each
    /// trace: a list's hundreds of warnings are not copied per agent.
    pub warnings: Arc<[Warning]>,
}

/// One of the orders in which an agent can receive its relay group's
/// relays (RG1), numbered from 1. Draw 1 is the order the relays are
/// listed in; each next draw puts another relay first until every relay
/// has been first, so "draw another order" always changes who is tried
/// first. Every one of the n! orders has its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Draw(u64);

impl Draw {
    /// The order the relays are listed in.
    pub const FIRST: Draw = Draw(1);

    /// Draw `n`; 0 reads as 1.
    pub fn new(n: u64) -> Draw {
        Draw(n.max(1))
    }

    /// Its number, from 1.
    pub fn number(self) -> u64 {
        self.0
    }

    /// The next draw, back to the first after the last of `n` relays'.
    pub fn next(self, n: usize) -> Draw {
        if self.0 >= orders(n) {
            Draw::FIRST
        } else {
            Draw(self.0 + 1)
        }
    }

    /// The positions of `n` relays in this draw's order.
    pub fn order(self, n: usize) -> Vec<usize> {
        let mut left: Vec<usize> = (0..n).collect();
        // Read as a number in the factorial base: each position's digit
        // wraps by itself, so a draw past the last (n!) starts over.
        let mut index = self.0 - 1;
        let mut out = Vec::with_capacity(n);
        while !left.is_empty() {
            let k = left.len() as u64;
            let choice = usize::try_from(index % k).unwrap_or(0);
            index /= k;
            out.push(left.remove(choice));
        }
        out
    }
}

/// How many orders `n` relays have (n!, at most `u64::MAX`).
pub fn orders(n: usize) -> u64 {
    (2..=n as u64).fold(1u64, |acc, k| acc.saturating_mul(k))
}

impl Plan {
    /// Whether a source is down (what-if). A relay of a named group is
    /// down when its group is (`relay-group:NAME` stands for every relay
    /// in it, as the fleet's outage answers name it).
    pub fn is_down(&self, id: &SourceId) -> bool {
        self.down.contains(id)
            || (matches!(id, SourceId::Relay(_))
                && self.swp.relays.contains(id)
                && self.relay_group().is_some_and(|g| self.down.contains(&g)))
    }

    /// The agent's relay group as one source, when it is named (RG1).
    pub fn relay_group(&self) -> Option<SourceId> {
        self.swp.group.as_ref().map(|g| SourceId::RelayGroup(g.clone()))
    }

    /// Whether Version Control Policies take this agent off relays (VC1):
    /// an enrolled manager and an agent of 202412 or later.
    pub fn version_controlled(&self) -> bool {
        self.swp.version_control && self.agent.version.as_ref().is_some_and(AgentVersion::is_version_controlled)
    }

    /// Whether the trace tells when the update starts (TL1-TL3): a
    /// notified agent whose scenario says when it answers, when the
    /// notification went out, or that it is away from the server.
    /// Documents without these keep the trace they always had.
    pub fn told_when(&self) -> bool {
        self.profile.family() == Family::OfficeScan
            && self.agent.trigger == Trigger::ServerNotify
            && (self.agent.unreachable.is_some()
                || self.notified_at.is_some()
                || self.agent.location != Location::OnPremises)
    }

    /// The list's entries.
    pub fn entries(&self) -> &[Entry] {
        &self.list.entries
    }

    /// The list's ranges, entry by entry.
    pub fn ranges(&self) -> &[AddrRange] {
        &self.list.ranges
    }

    /// Sources that can be marked down for this scenario, in the order the
    /// page lists them: what the walk can reach, then whatever is down but
    /// no longer named, so it can be switched back.
    pub fn down_candidates(&self) -> Vec<SourceId> {
        let mut out: Vec<SourceId> = Vec::new();
        match self.profile.family() {
            Family::OfficeScan => {
                out.push(SourceId::Server);
                out.push(SourceId::ActiveUpdate);
                if self.edge_relay.is_some() && self.profile == Profile::ApexOne {
                    out.push(SourceId::EdgeRelay);
                }
                // The list's sources are distinct already (read once per list, not per edit).
                out.extend(
                    self.list
                        .sources
                        .iter()
                        .filter(|s| !matches!(s, SourceId::Server | SourceId::ActiveUpdate))
                        .cloned(),
                );
            }
            Family::Swp if self.version_controlled() => match self.swp.gateway {
                Some(_) => out.push(SourceId::ServiceGateway),
                None => out.push(SourceId::VisionOne),
            },
            Family::Swp => {
                for r in &self.swp.relays {
                    if !out.contains(r) {
                        out.push(r.clone());
                    }
                }
                out.push(SourceId::TenantRelayGroup);
                out.push(SourceId::Primary);
            }
        }
        // What is down but named nowhere else: few, so looked for one by one.
        let mut add = |s: SourceId| {
            if !out.contains(&s) {
                out.push(s);
            }
        };
        // Named in order of their spelling: a set's own order changes from run to run.
        let mut extra: Vec<String> = self.down.iter().map(ToString::to_string).collect();
        crate::model::order::sort_small(&mut extra);
        for d in extra {
            add(SourceId::read(&d));
        }
        out
    }
}

/// Places errors in the JSON document, when its text was given.
struct Place<'a> {
    locator: Option<&'a Locator>,
}

impl Place<'_> {
    /// Line and column of the character `offset_chars` into the string value at `path`.
    fn value(&self, path: &str, offset_chars: usize) -> (usize, usize) {
        match self.locator.and_then(|l| l.at(path)) {
            // +1 steps over the opening quote of the string value.
            Some((line, col)) => (line, col + 1 + offset_chars),
            None => (0, 1 + offset_chars),
        }
    }

    /// An error at the value of `path` as a whole (a key of a map, a number).
    fn key_error(&self, path: &str, text: String) -> InputError {
        let (line, column) = self.locator.and_then(|l| l.at(path)).unwrap_or((0, 1));
        InputError { line: line.max(1), column, text, rule: Rule::E1, field: Some(Field::Json(path.to_string())) }
    }

    /// An error `offset` bytes into the string `value` at `path`.
    fn error(&self, path: &str, value: &str, offset: usize, text: String, rule: Rule) -> InputError {
        let (line, column) = self.value(path, column_of(value, offset) - 1);
        InputError { line: line.max(1), column, text, rule, field: Some(Field::Json(path.to_string())) }
    }
}

/// Prepares a scenario. `locator` (from the JSON text) lets errors inside
/// JSON values name the document's line and column.
pub fn prepare(s: &Scenario, locator: Option<&Locator>) -> Plan {
    prepare_after(s, locator, None)
}

/// As [`prepare`], reusing the reading of the pasted list from `previous`
/// when the list is unchanged (the page, after each edit).
pub fn prepare_after(s: &Scenario, locator: Option<&Locator>, previous: Option<&Plan>) -> Plan {
    prepare_with(s, locator, previous.map(|p| &p.list))
}

/// As [`prepare`], with the pasted list's reading already made when it is
/// a reading of the scenario's list (the page's sliced reading of a large
/// paste, or the plan before an edit elsewhere).
pub fn prepare_with(s: &Scenario, locator: Option<&Locator>, known: Option<&Arc<ListReading>>) -> Plan {
    let place = Place { locator };
    let list = ListReading::of(&s.sources.list, &place, known);
    let mut errors = list.errors.clone();
    let server = read_server(s.server.address.as_deref(), &place, &mut errors);
    let agent = read_agent(s, &place, &mut errors);
    let swp = read_swp(&s.swp, &place, &mut errors);
    let edge_relay = read_host(s.settings.edge_relay.as_deref(), "settings.edge_relay", &place, &mut errors);
    let window = s.settings.schedule_start.as_deref().and_then(|start| {
        let start = read_clock(start, "settings.schedule_start", &place, &mut errors)?;
        let hours = s.settings.schedule_hours.unwrap_or(2);
        if hours == 0 || hours > 24 {
            let text = format!("the schedule's period is {hours} hours: give 1 to 24");
            errors.push(place.error("settings.schedule_hours", "", 0, text, Rule::E1));
            return None;
        }
        Some(Window { start, hours })
    });
    let notified_at =
        s.world.notified_at.as_deref().and_then(|t| read_clock(t, "world.notified_at", &place, &mut errors));
    let patterns = s.patterns.as_ref().and_then(|p| read_patterns(p, s.profile, &list.entries, &place, &mut errors));
    let warnings = match s.profile.family() {
        Family::OfficeScan if s.world.dual_stack_proxy && list.warnings.iter().any(|w| w.rule == Rule::W3) => {
            bridged(&list.warnings)
        }
        Family::OfficeScan => list.warnings.clone(),
        Family::Swp => portable_warnings(&s.swp, agent.portable).into(),
    };
    Plan {
        profile: s.profile,
        server,
        mode: s.sources.mode,
        list,
        settings: s.settings.clone(),
        swp,
        agent,
        wanted: s.wanted_items(),
        asked: s.agent.items.as_deref().map(ItemSet::of),
        down: s.world.down.iter().map(|d| SourceId::read(d)).collect(),
        manager_up: s.world.manager_up,
        dual_stack_proxy: s.world.dual_stack_proxy,
        edge_relay,
        window,
        notified_at,
        draw: Draw::FIRST,
        patterns,
        errors: errors.into(),
        warnings,
    }
}

/// The pattern versions (CD1-CD4): `sources` names Update Agents and
/// update source URLs of the list. Versions no update could give are
/// refused at their place, since every sentence said of them would be
/// false: one newer than where it updates from, a kept pattern not older
/// than the server's own, a release out of step with the others (releases
/// step by 2).
fn read_patterns(
    doc: &PatternsDoc,
    profile: Profile,
    entries: &[Entry],
    place: &Place<'_>,
    errors: &mut Vec<InputError>,
) -> Option<Patterns> {
    let mut sources = Vec::new();
    for (word, version) in &doc.sources.0 {
        let path = format!("patterns.sources.{word}");
        match Source::parse(word) {
            Ok(source @ (Source::UpdateAgent { .. } | Source::Url { .. })) => {
                let id = source.id();
                if entries.iter().any(|e| e.source.id() == id) {
                    sources.push((id, *version));
                } else {
                    let text = format!(
                        "`{word}` is not a source of the customized list: give the pattern of a source the list names"
                    );
                    errors.push(place.key_error(&path, text));
                }
            }
            Ok(_) => {
                let text = format!("`{word}` is not an Update Agent or an update source URL: give the server's pattern as `patterns.server`, ActiveUpdate's as `patterns.activeupdate`");
                errors.push(place.key_error(&path, text));
            }
            Err(e) => errors.push(place.key_error(&path, e.message)),
        }
    }
    let patterns = Patterns {
        activeupdate: doc.activeupdate,
        server: doc.server,
        server_kept: doc.server_kept.iter().copied().collect(),
        agent: doc.agent,
        sources,
        full_kb: doc.full_kb,
        incremental_kb: doc.incremental_kb,
    };
    // Versions no update could give are refused, and none of them is
    // walked: a trace on them would say what cannot happen.
    let refused = impossible_versions(doc, &patterns, profile);
    let walked = refused.is_empty();
    for (path, text) in refused {
        errors.push(place.key_error(&path, text));
    }
    walked.then_some(patterns)
}

/// Each version given that no update could give, with its path and why.
fn impossible_versions(doc: &PatternsDoc, p: &Patterns, profile: Profile) -> Vec<(String, String)> {
    let server = profile.server_name();
    let agent = profile.agent_name();
    let mut given: Vec<(String, String, u32)> = Vec::new();
    let mut give = |path: String, what: String, v: Option<u32>| {
        if let Some(v) = v {
            given.push((path, what, v));
        }
    };
    give("patterns.activeupdate".into(), "ActiveUpdate's latest".into(), doc.activeupdate);
    give("patterns.server".into(), format!("the {server}'s"), doc.server);
    for (i, v) in doc.server_kept.iter().enumerate() {
        give(format!("patterns.server_kept[{i}]"), format!("the {server}'s kept"), Some(*v));
    }
    give("patterns.agent".into(), format!("the {agent}'s"), doc.agent);
    for (word, v) in &doc.sources.0 {
        give(format!("patterns.sources.{word}"), format!("{word}'s"), Some(*v));
    }
    let mut refused = Vec::new();
    let first = given.iter().find(|(_, _, v)| *v > 0);
    for (path, _, v) in &given {
        if *v == 0 {
            refused.push((
                path.clone(),
                "a pattern version is its release number, 1 or more (175 of 17.501.00)".to_string(),
            ));
        } else if let Some((_, what, f)) = first.filter(|(_, _, f)| f % 2 != v % 2) {
            refused.push((
                path.clone(),
                format!("releases step by 2: {v} and {what} {f} cannot both be releases of one pattern"),
            ));
        }
    }
    // Where each updates from: newer than that, it is no release yet.
    let latest = p.activeupdate.filter(|v| *v > 0);
    let server_latest = latest.or(p.server);
    let newer = |path: &str, what: String, v: u32, than: String, t: u32| {
        let tail = if than.starts_with("ActiveUpdate") { ": no such release yet" } else { ", where it updates from" };
        (path.to_string(), format!("{what} pattern {v} is newer than {than} {t}{tail}"))
    };
    if let (Some(own), Some(au)) = (p.server, latest) {
        if own > au {
            refused.push(newer("patterns.server", format!("the {server}'s"), own, "ActiveUpdate's latest".into(), au));
        }
    }
    // Kept patterns are older than the server's own (it had them before),
    // else than the latest it can take.
    if let Some(top) = p.server.or(latest).filter(|v| *v > 0) {
        let its = if p.server.is_some() { "its own is" } else { "its latest is" };
        for (i, v) in doc.server_kept.iter().enumerate().filter(|(_, v)| **v >= top) {
            refused.push((
                format!("patterns.server_kept[{i}]"),
                format!("the {server} keeps {v} as an older full pattern, but {its} {top}"),
            ));
        }
    }
    for (key, kb) in [("full_kb", doc.full_kb), ("incremental_kb", doc.incremental_kb)] {
        if kb == Some(0) {
            refused.push((format!("patterns.{key}"), "a pattern's size is 1 kB or more".to_string()));
        }
    }
    for (id, v) in &p.sources {
        let word = doc.sources.0.iter().find(|(w, _)| Source::parse(w).is_ok_and(|s| s.id() == *id));
        let Some((word, _)) = word else { continue };
        let path = format!("patterns.sources.{word}");
        match id {
            SourceId::UpdateAgent { .. } => {
                if let Some(top) = server_latest.filter(|t| v > t) {
                    refused.push(newer(&path, format!("{word}'s"), *v, format!("the {server}'s latest"), top));
                }
            }
            _ => {
                if let Some(au) = latest.filter(|t| v > t) {
                    refused.push(newer(&path, format!("{word}'s"), *v, "ActiveUpdate's latest".into(), au));
                }
            }
        }
    }
    if let (Some(own), Some(top)) = (p.agent, server_latest.filter(|v| *v > 0)) {
        if own > top {
            let than = if latest.is_some() { "ActiveUpdate's latest".to_string() } else { format!("the {server}'s") };
            refused.push(newer("patterns.agent", format!("the {agent}'s"), own, than, top));
        }
    }
    refused
}

/// The server's address: an IP literal limits it to its family (L2); a
/// host name or none is reachable from both.
fn read_server(address: Option<&str>, place: &Place<'_>, errors: &mut Vec<InputError>) -> Option<Host> {
    let raw = address?;
    let a = raw.trim();
    if a.is_empty() {
        return None;
    }
    let lead = raw.len() - raw.trim_start().len();
    match Host::parse(a) {
        Ok(Host::Name(_)) => None,
        Ok(h) => Some(h),
        Err(e) => {
            errors.push(place.error("server.address", raw, lead + e.offset, e.message, Rule::E1));
            None
        }
    }
}

fn read_agent(s: &Scenario, place: &Place<'_>, errors: &mut Vec<InputError>) -> Agent {
    let doc = &s.agent;
    let mut addresses = Vec::new();
    if doc.addresses.is_empty() {
        errors.push(place.error("agent.addresses", "", 0, "the agent needs at least one address".into(), Rule::E1));
    }
    for (i, a) in doc.addresses.iter().enumerate() {
        match parse_ip(a) {
            Some(ip) if !addresses.contains(&ip) => addresses.push(ip),
            Some(_) => {}
            None => errors.push(place.error(&format!("agent.addresses[{i}]"), a, 0, ip_problem(a), Rule::E1)),
        }
    }
    let version = doc.version.as_deref().filter(|v| !v.trim().is_empty()).and_then(|v| match AgentVersion::parse(v) {
        Ok(version) => Some(version),
        Err(e) => {
            errors.push(place.error("agent.version", v, e.offset, e.message, Rule::E1));
            None
        }
    });
    Agent {
        addresses,
        version,
        role: doc.role,
        trigger: doc.trigger,
        domain: doc.domain,
        schedule_choice: doc.schedule_choice,
        portable: doc.portable,
        location: doc.location,
        unreachable: doc.unreachable_minutes,
    }
}

/// A time of day (`HH:MM`), an error at its place when it is not one.
fn read_clock(text: &str, path: &str, place: &Place<'_>, errors: &mut Vec<InputError>) -> Option<Clock> {
    match Clock::parse(text) {
        Ok(c) => Some(c),
        Err((offset, message)) => {
            errors.push(place.error(path, text, offset, message, Rule::E1));
            None
        }
    }
}

/// An address or host name that may be left empty (the Service Gateway,
/// the Edge Relay server), written back in its canonical form.
fn read_host(raw: Option<&str>, path: &str, place: &Place<'_>, errors: &mut Vec<InputError>) -> Option<String> {
    let raw = raw.filter(|a| !a.trim().is_empty())?;
    let lead = raw.len() - raw.trim_start().len();
    match Host::parse(raw.trim()) {
        Ok(host) => Some(host.to_string()),
        Err(e) => {
            errors.push(place.error(path, raw, lead + e.offset, e.message, Rule::E1));
            None
        }
    }
}

fn read_swp(doc: &SwpDoc, place: &Place<'_>, errors: &mut Vec<InputError>) -> Swp {
    let p = doc.primary.trim();
    let primary = if p.eq_ignore_ascii_case("trend-micro") {
        Primary::TrendMicro
    } else {
        match Source::parse(p) {
            Ok(Source::Url { canonical, .. }) => Primary::Other(canonical),
            Ok(Source::ActiveUpdate) if p.contains("://") => Primary::Other(p.to_ascii_lowercase()),
            Err(e) if p.contains("://") => {
                errors.push(place.error("swp.primary", &doc.primary, e.offset, e.message, Rule::RE1));
                Primary::TrendMicro
            }
            _ if p.is_empty() => {
                let why = "\"Other update source\" has no URL yet: it must include http:// or https://";
                errors.push(place.error("swp.primary", &doc.primary, 0, why.to_string(), Rule::RE1));
                Primary::TrendMicro
            }
            _ => {
                errors.push(place.error(
                    "swp.primary",
                    &doc.primary,
                    0,
                    format!("the primary source `{p}` is neither `trend-micro` nor an http:// or https:// URL (\"Other update source\")"),
                    Rule::RE1,
                ));
                Primary::TrendMicro
            }
        }
    };
    let mut relays = Vec::new();
    for (i, r) in doc.relays.iter().enumerate() {
        let name = r.name.trim();
        // A relay given as an address is checked as one (SPEC §2 "Hosts").
        let as_address = name.starts_with('[') || name.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if as_address {
            if let Err(e) = Host::parse(name) {
                errors.push(place.error(&format!("swp.relays[{i}].name"), &r.name, e.offset, e.message, Rule::E1));
                continue;
            }
        }
        relays.push(SourceId::Relay(name.to_string()));
    }
    let group = doc.relay_group.as_deref().map(str::trim).filter(|g| !g.is_empty()).map(str::to_string);
    let gateway = read_host(doc.service_gateway.as_deref(), "swp.service_gateway", place, errors);
    Swp {
        primary,
        group,
        relays,
        version_control: doc.version_control,
        gateway,
        direct_if_relays_unreachable: doc.direct_if_relays_unreachable,
        tenant_group_if_relays_unreachable: doc.tenant_group_if_relays_unreachable,
        when_manager_unreachable: doc.when_manager_unreachable,
        auto_apply_rule_updates: doc.auto_apply_rule_updates,
    }
}

/// W3 with a dual-stack proxy set: the entry is still worth fixing, but
/// the proxy bridges the families, so the warning says why agents reach it.
fn bridged(warnings: &[Warning]) -> Arc<[Warning]> {
    warnings
        .iter()
        .map(|w| match w.rule {
            Rule::W3 => Warning {
                text: format!("{}; a dual-stack proxy is set, so agents reach it all the same", w.text),
                ..w.clone()
            },
            _ => w.clone(),
        })
        .collect()
}

/// RW1: secondary options on a laptop or portable computer.
fn portable_warnings(swp: &SwpDoc, portable: bool) -> Vec<Warning> {
    let secondary = [
        (swp.direct_if_relays_unreachable, "download directly from the Primary Component Update Source"),
        (swp.tenant_group_if_relays_unreachable, "download from the Primary Tenant Relay Group"),
        (swp.when_manager_unreachable, "download when Workload Security Manager is not accessible"),
    ];
    secondary
        .into_iter()
        .filter(|(on, _)| *on && portable)
        .map(|(_, what)| Warning {
            rule: Rule::RW1,
            text: format!("the secondary option \"{what}\" is on for a portable computer: Trend Micro recommends not enabling secondary source options for laptops and portable computers"),
            line: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::scenario::RelayDoc;
    use crate::walk::resolve;

    fn with_list(text: &str) -> Scenario {
        let mut s = Scenario::starter(Profile::OfficeScanXg);
        s.sources.mode = Mode::Customized;
        s.sources.list = ListDoc::Text(text.into());
        s
    }

    #[test]
    fn an_edit_elsewhere_reuses_the_reading_of_the_list() {
        let mut s = with_list("10.1.0.0/16 -> ua://10.1.0.5\n10.1.0.0/16 -> ua://10.1.0.5\n10.1.x -> server");
        let first = prepare(&s, None);
        s.world.down.push("ua://10.1.0.5".into());
        let next = prepare_after(&s, None, Some(&first));
        assert!(Arc::ptr_eq(&first.list, &next.list), "the list was read again");
        assert_eq!(next, prepare(&s, None), "reusing the reading changed the plan");
        assert_eq!(resolve(&next), resolve(&prepare(&s, None)));
        assert_eq!((next.errors.len(), next.warnings.len()), (1, 1));
    }

    #[test]
    fn a_pasted_list_keeps_its_text_and_entries_without_a_document_are_numbered_in_order() {
        let pasted = with_list("10.1.0.0/16 -> ua://10.1.0.5");
        let plan = prepare(&pasted, None);
        assert_eq!(plan.list.text().map(|t| &**t), Some("10.1.0.0/16 -> ua://10.1.0.5"));
        let mut entries = Scenario::starter(Profile::OfficeScanXg);
        entries.sources.mode = Mode::Customized;
        let entry = |range: &str, source: &str| EntryDoc {
            range: range.into(),
            source: source.into(),
            serves: None,
            label: None,
        };
        entries.sources.list = ListDoc::Entries(vec![
            entry("10.9.0.0/16", "server"),
            entry("10.1.0.0/16", "ua://10.1.0.5"),
            entry("*", "server"),
        ]);
        let plan = prepare(&entries, None);
        assert_eq!(plan.list.text(), None);
        // Without the document's text, each entry's number stands for its line.
        assert_eq!(plan.entries().iter().map(|e| e.line).collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn what_can_be_down_is_what_the_walk_can_reach_and_whatever_is_down_besides() {
        let mut s = with_list("10.1.0.0/16 -> ua://10.1.0.5");
        s.world.down = vec!["ua://10.9.9.9".into(), "UA://10.1.0.5".into()];
        let words: Vec<String> = prepare(&s, None).down_candidates().iter().map(ToString::to_string).collect();
        assert_eq!(
            words,
            vec!["server", "activeupdate", "ua://10.1.0.5", "ua://10.9.9.9"],
            "each once, the stray one last"
        );
        let mut swp = Scenario::starter(Profile::Swp);
        swp.swp.relays = vec![RelayDoc { name: "relay-a".into() }];
        swp.swp.version_control = true;
        swp.agent.version = Some("202412".into());
        let words: Vec<String> = prepare(&swp, None).down_candidates().iter().map(ToString::to_string).collect();
        assert_eq!(words, vec!["trend-vision-one"], "a version-controlled agent can lose only Trend Vision One");
        swp.swp.service_gateway = Some("sg.corp".into());
        let words: Vec<String> = prepare(&swp, None).down_candidates().iter().map(ToString::to_string).collect();
        assert_eq!(words, vec!["service-gateway"]);
        swp.agent.version = Some("20.0.1".into());
        let words: Vec<String> = prepare(&swp, None).down_candidates().iter().map(ToString::to_string).collect();
        assert_eq!(words, vec!["relay-a", "tenant-relay-group", "primary"]);
    }

    #[test]
    fn an_apex_one_edge_relay_can_be_down_and_list_sources_up_are_listed() {
        let mut s = with_list("10.1.0.0/16 -> ua://10.1.0.5\n10.2.0.0/16 -> server");
        s.profile = Profile::ApexOne;
        let words =
            |s: &Scenario| prepare(s, None).down_candidates().iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(words(&s), vec!["server", "activeupdate", "ua://10.1.0.5"], "no Edge Relay server is set up");
        s.settings.edge_relay = Some("edge.corp.example".into());
        assert_eq!(words(&s), vec!["server", "activeupdate", "edge-relay", "ua://10.1.0.5"]);
        s.profile = Profile::OfficeScanXg;
        assert_eq!(words(&s), vec!["server", "activeupdate", "ua://10.1.0.5"], "XG has no Edge Relay server");
    }

    #[test]
    fn the_primary_source_is_trend_micro_a_url_or_an_error_that_says_which() {
        let primary = |p: &str| {
            let mut s = Scenario::starter(Profile::Swp);
            s.swp.primary = p.into();
            let plan = prepare(&s, None);
            (plan.swp.primary.clone(), plan.errors.first().map(|e| e.text.clone()))
        };
        assert_eq!(primary(" Trend-Micro "), (Primary::TrendMicro, None));
        assert_eq!(primary("https://Mirror.corp/au"), (Primary::Other("https://mirror.corp/au".into()), None));
        // The vendor's own ActiveUpdate address is a URL like any other here.
        let (au, none) = primary("https://ActiveUpdate.trendmicro.com/activeupdate");
        assert_eq!(
            (matches!(au, Primary::Other(u) if u == "https://activeupdate.trendmicro.com/activeupdate"), none),
            (true, None)
        );
        let (_, word) = primary("activeupdate");
        assert!(
            word.is_some_and(|w| w.contains("is neither `trend-micro` nor")),
            "a source word is not a primary source"
        );
        // "Other update source" chosen, its URL not typed yet.
        assert_eq!(
            primary(" "),
            (
                Primary::TrendMicro,
                Some("\"Other update source\" has no URL yet: it must include http:// or https://".into())
            )
        );
        let (_, scheme) = primary("htps://mirror.corp/au");
        assert!(
            scheme
                .as_deref()
                .is_some_and(|w| w.contains("must include http:// or https://") && !w.contains("is neither")),
            "a URL with a bad scheme is told what is wrong with it: {scheme:?}"
        );
    }

    #[test]
    fn a_relay_written_as_an_address_is_checked_as_one() {
        let relays = |names: &[&str]| {
            let mut s = Scenario::starter(Profile::Swp);
            s.swp.relays = names.iter().map(|n| RelayDoc { name: n.to_string() }).collect();
            let plan = prepare(&s, None);
            (plan.swp.relays.len(), plan.errors.len())
        };
        assert_eq!(relays(&["relay-a", "10.0.5.4", "[2001:db8::4]"]), (3, 0));
        assert_eq!(relays(&["10.0.5.400"]), (0, 1), "digits and dots: an address, and a bad one");
        assert_eq!(relays(&["[2001:db8::zz]"]), (0, 1), "brackets: an IPv6 address, and a bad one");
        assert_eq!(relays(&["relay.10"]), (1, 0), "a name with digits is a name");
    }

    #[test]
    fn a_changed_list_is_read_again_and_the_same_text_is_not() {
        let s = with_list("10.1.0.0/16 -> ua://10.1.0.5");
        let first = prepare(&s, None);
        // The same characters in a new allocation (a reading made beforehand): reused.
        let same_text_anew = with_list("10.1.0.0/16 -> ua://10.1.0.5");
        let again = prepare_after(&same_text_anew, None, Some(&first));
        assert!(Arc::ptr_eq(&first.list, &again.list));
        let one_more_character = prepare_after(&with_list("10.1.0.0/16 -> ua://10.1.0.50"), None, Some(&first));
        assert!(!Arc::ptr_eq(&first.list, &one_more_character.list));
        assert_eq!(one_more_character.entries().first().map(|e| e.source.canonical()), Some("ua://10.1.0.50".into()));
        let changed = prepare_after(&with_list("10.2.0.0/16 -> server"), None, Some(&first));
        assert_eq!(changed.entries().first().map(|e| e.source.id()), Some(SourceId::Server));
    }

    #[test]
    fn list_warnings_follow_the_profile_not_the_reading() {
        let mut s = with_list("* -> activeupdate");
        let officescan = prepare(&s, None);
        assert_eq!(officescan.warnings.first().map(|w| w.rule), Some(Rule::W2));
        s.profile = Profile::Swp;
        assert!(prepare_after(&s, None, Some(&officescan)).warnings.is_empty());
    }

    #[test]
    fn every_draw_of_three_relays_is_one_of_the_six_orders_and_the_next_changes_who_is_first() {
        let mut seen = Vec::new();
        let mut draw = Draw::FIRST;
        for _ in 0..6 {
            let order = draw.order(3);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2]);
            assert!(!seen.contains(&order), "draw {} repeats {order:?}", draw.number());
            seen.push(order);
            draw = draw.next(3);
        }
        assert_eq!(draw, Draw::FIRST, "after the sixth draw comes the first again");
        assert_eq!(Draw::FIRST.order(3), vec![0, 1, 2], "draw 1 is the order listed");
        for n in 1..=3 {
            assert_ne!(Draw::new(n).order(3)[0], Draw::new(n + 1).order(3)[0]);
        }
        assert_eq!((orders(0), orders(1), orders(4), orders(30)), (1, 1, 24, u64::MAX));
        assert_eq!(Draw::new(0), Draw::FIRST);
        assert_eq!(Draw::new(7).order(3), Draw::FIRST.order(3), "numbers wrap around the orders");
    }

    #[test]
    fn without_the_documents_text_an_error_still_points_into_its_value() {
        let mut s = Scenario::starter(Profile::OfficeScanXg);
        s.server.address = Some("10.0.0.300".into());
        let e = prepare(&s, None).errors.first().map(|e| (e.line, e.column));
        assert_eq!(e, Some((1, 8)), "the `300`, as the value's own eighth character");
    }

    #[test]
    fn a_bad_server_address_is_an_error_at_its_place() {
        let text = r#"{"version":2,"profile":"officescan-xg","server":{"address":"10.0.0.300"},"agent":{"addresses":["10.1.1.1"]}}"#;
        let s = Scenario::from_json(text).unwrap_or_else(|e| panic!("{e}"));
        let plan = prepare(&s, Some(&Locator::scan(text)));
        let e = plan.errors.first().map(|e| (e.line, e.column, e.text.contains("300 is over 255")));
        assert_eq!(e, Some((1, 68, true)), "the column of `300`");
    }
}
