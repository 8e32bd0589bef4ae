//! Prediction against evidence. A customer can send what the agent actually
//! did: its ActiveUpdate log (`AU_Data\AU_Log\Tmudump.log`, whose lines name
//! the URLs it downloaded from) or the registry value `UpdateFrom` (the
//! source of the last update), as KA-0015106 describes. Every `http://` or
//! `https://` URL in the text is read, in order, as a place the agent
//! contacted, and matched to the scenario's sources. The first place where
//! the agent parts from the trace is named, and explanations are looked for
//! among the scenario's own alternatives: each one is offered only if, applied,
//! the trace agrees with the evidence.

use serde::Serialize;

use crate::edit::flags::Flag;
use crate::format::scenario::{Mode, Scenario};
use crate::input::host::Host;
use crate::input::source::{Source, SourceId};
use crate::model::item::Item;
use crate::model::plural;
use crate::model::profile::{Family, Profile};
use crate::plan::{prepare, Plan};
use crate::trace::{AttemptResult, Trace};
use crate::vocabulary;
use crate::walk::resolve;

/// The most URLs read from one paste: a day of log is far less.
pub const MAX_CONTACTS: usize = 10_000;

/// One URL of the evidence: a place the agent contacted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    /// The URL as written.
    pub url: String,
    /// Where it is in the pasted text (1-based).
    pub line: usize,
    /// Column, in characters (1-based).
    pub column: usize,
    /// The scenario's source it is; `None`: not in the scenario.
    pub source: Option<SourceId>,
    /// The item the file is for, when the URL says (`server.ini` and
    /// pattern files are components); `None`: it cannot tell.
    pub item: Option<Item>,
    /// Whether the line says the connection failed.
    pub result: Reached,
    /// Whether it is update traffic at all.
    pub traffic: Traffic,
}

/// What the log line says of the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reached {
    /// Nothing says it failed: a download, or the `UpdateFrom` value.
    Contacted,
    /// The line says the connection failed ("failed", "unable to
    /// connect", "timed out", ...): the agent tried this source and moved on.
    Failed,
}

/// Whether a URL is the agent fetching an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Traffic {
    /// One of the scenario's sources, or an update path or file
    /// (`/activeupdate`, `server.ini`, a pattern) on another host.
    Update,
    /// Anything else the log names (proxy auto-configuration, a web page
    /// of another host): set aside, it says nothing of the update's path.
    Other,
}

/// Words a log line uses for a connection that did not succeed.
const FAILURE_WORDS: [&str; 9] = [
    "fail",
    "error",
    "unable to",
    "cannot connect",
    "can't connect",
    "could not connect",
    "timed out",
    "refused",
    "unreachable",
];

/// Whether the line says its connection failed.
fn reached(line: &str) -> Reached {
    let lower = line.to_ascii_lowercase();
    if FAILURE_WORDS.iter().any(|w| lower.contains(w)) {
        Reached::Failed
    } else {
        Reached::Contacted
    }
}

/// Whether a URL is an update: a scenario's source, or an update path or
/// file on another host. Proxy auto-configuration never is, whatever host
/// serves it.
fn traffic(url: &str, a_source: bool) -> Traffic {
    let lower = url.to_ascii_lowercase();
    let path = host_and_path(&lower).map(|(_, p)| p).unwrap_or_default();
    let file = path.split(['?', '#']).next().unwrap_or_default();
    let pac = file.ends_with("wpad.dat") || file.ends_with(".pac");
    let update_path = file.contains("/activeupdate") || file.contains("/officescan") || item_of(url).is_some();
    if !pac && (a_source || update_path) {
        Traffic::Update
    } else {
        Traffic::Other
    }
}

/// Every http(s) URL of the text, in order, with its place.
pub fn urls(text: &str) -> Vec<(String, usize, usize)> {
    located(text).into_iter().map(|(url, line, column, _)| (url, line, column)).collect()
}

/// Every http(s) URL of the text with its place and what its line says of it.
fn located(text: &str) -> Vec<(String, usize, usize, Reached)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        let mut from = 0;
        while let Some(at) = ["http://", "https://"].iter().filter_map(|s| lower.get(from..)?.find(s)).min() {
            let start = from + at;
            let rest = line.get(start..).unwrap_or_default();
            let len = url_len(rest);
            let url = rest.get(..len).unwrap_or_default().trim_end_matches(['.', ':']);
            let column = line.get(..start).map_or(1, |p| p.chars().count() + 1);
            out.push((url.to_string(), i + 1, column, reached(line)));
            if out.len() >= MAX_CONTACTS {
                return out;
            }
            from = start + len.max(1);
        }
    }
    out
}

/// How long the URL at the start of `rest` is: it ends at white space, a
/// quote or a closing bracket, except the `]` closing an IPv6 host
/// (`https://[2001:db8::5]:21112/…`), which a log may itself put in brackets.
fn url_len(rest: &str) -> usize {
    let host = rest.find("://").map_or(0, |i| i + 3);
    let after_host = match rest.get(host..).and_then(|h| h.strip_prefix('[')) {
        // Past the `]`, if it comes before any white space.
        Some(v6) => match v6.find(|c: char| c == ']' || c.is_whitespace()) {
            Some(end) if v6[end..].starts_with(']') => host + 1 + end + 1,
            _ => host,
        },
        None => host,
    };
    rest.get(after_host..)
        .and_then(|r| {
            r.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ']' | '>' | '<' | ')' | ',' | ';'))
        })
        .map_or(rest.len(), |end| after_host + end)
}

/// What a URL's file is for, when its name says.
fn item_of(url: &str) -> Option<Item> {
    let file = url.rsplit('/').next().unwrap_or_default().to_ascii_lowercase();
    let file = file.split(['?', '#']).next().unwrap_or_default();
    let pattern = [".ptn", ".zip", ".7z"].iter().any(|e| file.ends_with(e))
        || file.contains("pattern")
        || file.starts_with("lpt$");
    (file == "server.ini" || pattern).then_some(Item::Components)
}

/// The host (lower-cased) and the path of an http(s) URL.
fn host_and_path(url: &str) -> Option<(String, String)> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    let host = match authority.strip_prefix('[') {
        Some(v6) => format!("[{}]", v6.split(']').next()?),
        None => authority.split(':').next()?.to_string(),
    };
    Some((host.to_ascii_lowercase(), rest.get(end..).unwrap_or_default().to_string()))
}

/// The host of the scenario's server, as written (a name or an address).
fn server_host(scenario: &Scenario) -> Option<String> {
    let a = scenario.server.address.as_deref()?.trim();
    Host::parse(a).ok().map(|h| h.to_string().to_ascii_lowercase())
}

/// The scenario's source a URL is: an Update Agent at its host on any port
/// with an `/activeupdate` path, the server by its address, ActiveUpdate by
/// its hosts, a relay by its name, other URLs by their canonical spelling
/// (or a file below it).
pub fn source_of(url: &str, scenario: &Scenario, plan: &Plan) -> Option<SourceId> {
    let (host, path) = host_and_path(url)?;
    let parsed = Source::parse(url).ok();
    if matches!(parsed, Some(Source::ActiveUpdate)) {
        return Some(SourceId::ActiveUpdate);
    }
    for e in plan.entries() {
        match &e.source {
            Source::UpdateAgent { host: h, .. }
                if h.to_string().eq_ignore_ascii_case(&host)
                    && path.to_ascii_lowercase().starts_with("/activeupdate") =>
            {
                return Some(e.source.id());
            }
            Source::Url { canonical, .. } => {
                let c = parsed.as_ref().map(Source::canonical).unwrap_or_default();
                if c == *canonical || c.starts_with(&format!("{canonical}/")) {
                    return Some(e.source.id());
                }
            }
            _ => {}
        }
    }
    if server_host(scenario).is_some_and(|s| s == host) {
        return Some(SourceId::Server);
    }
    if plan.profile.family() == Family::Swp {
        if let Some(r) = plan.swp.relays.iter().find(|r| r.to_string().eq_ignore_ascii_case(&host)) {
            return Some(r.clone());
        }
        if let crate::plan::Primary::Other(p) = &plan.swp.primary {
            let c = parsed.as_ref().map(Source::canonical).unwrap_or_default();
            if c == *p || c.starts_with(&format!("{p}/")) {
                return Some(SourceId::Primary);
            }
        }
    }
    None
}

/// Reads the evidence against a scenario: every URL, matched.
pub fn contacts(text: &str, scenario: &Scenario, plan: &Plan) -> Vec<Contact> {
    located(text)
        .into_iter()
        .map(|(url, line, column, result)| {
            let source = source_of(&url, scenario, plan);
            let traffic = traffic(&url, source.is_some());
            Contact { item: item_of(&url), source, url, line, column, result, traffic }
        })
        .collect()
}

/// Where the agent parted from the trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parting {
    /// Index into the contacts; `None` when the agent stopped short.
    pub contact: Option<usize>,
    /// The item compared.
    pub item: Item,
    /// What the trace says happens instead, in words.
    pub text: String,
}

/// An explanation: a change to the scenario after which the trace agrees
/// with the evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// What it says, for people: "if ua://10.1.0.5 was down, …".
    pub text: String,
    /// The scenario with the change applied.
    #[serde(skip)]
    pub scenario: Scenario,
}

/// The comparison of one scenario with one piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Every URL read, in order.
    pub contacts: Vec<Contact>,
    /// The item each contact was compared as (its own, or components for
    /// a file the URL does not name, as the ActiveUpdate log is about them);
    /// `None`: set aside, not update traffic.
    pub compared: Vec<Option<Item>>,
    /// The first place the agent parted from the trace; `None` if it did not.
    pub parting: Option<Parting>,
    /// Changes that make the trace agree, each checked by tracing again.
    pub explanations: Vec<Explanation>,
    /// The trace the evidence was compared with, for showing it beside.
    #[serde(skip)]
    pub trace: Trace,
}

impl Check {
    /// Whether there was anything to compare.
    pub fn is_empty(&self) -> bool {
        self.compared.iter().all(Option::is_none)
    }

    /// Whether the trace agrees with the evidence.
    pub fn agrees(&self) -> bool {
        !self.is_empty() && self.parting.is_none()
    }

    /// The contacts set aside as not update traffic.
    pub fn set_aside(&self) -> usize {
        self.compared.iter().filter(|c| c.is_none()).count()
    }

    /// The result in words, for the page and the command line.
    pub fn summary(&self) -> String {
        let aside = match self.set_aside() {
            0 => String::new(),
            n => format!(" {} set aside: not update traffic.", plural::count(n, "URL was", "URLs were")),
        };
        if self.contacts.is_empty() {
            return "The evidence names no http:// or https:// URL: there is nothing to compare.".into();
        }
        if self.is_empty() {
            return format!("The evidence names no update URL: there is nothing to compare.{aside}");
        }
        let compared = self.contacts.len() - self.set_aside();
        match &self.parting {
            None => format!(
                "The agent did what the trace predicts ({} read).{aside}",
                plural::count(compared, "update URL", "update URLs")
            ),
            Some(p) => {
                let at = p.contact.and_then(|i| self.contacts.get(i).map(|c| (i, c)));
                let seen = match at {
                    Some((i, c)) => format!(
                        "at URL {} (line {}), the agent contacted {}",
                        i + 1,
                        c.line,
                        c.source.as_ref().map_or_else(
                            || format!("{}, which is not in the scenario", c.url),
                            |s| vocabulary::name(self.trace.profile, s)
                        )
                    ),
                    None => "the agent stopped where the trace goes on".to_string(),
                };
                let why = if self.explanations.is_empty() {
                    " Nothing among the scenario's own alternatives explains it: the agent's address, its settings or its list may differ from what was described.".to_string()
                } else {
                    String::new()
                };
                format!("The agent parts from the trace for {}: {seen}; {}.{why}{aside}", p.item.words(), p.text)
            }
        }
    }
}

/// Each item's predicted path: the sources attempted, in order, up to the
/// one that delivered.
fn paths(trace: &Trace) -> Vec<(Item, Vec<SourceId>, Option<SourceId>)> {
    trace
        .outcome
        .iter()
        .map(|(item, o)| {
            let mut path: Vec<SourceId> = Vec::new();
            for (s, r) in trace.path(*item) {
                if path.last() != Some(s) {
                    path.push(s.clone());
                }
                if r == AttemptResult::Delivered {
                    break;
                }
            }
            (*item, path, o.source().cloned())
        })
        .collect()
}

/// The item a contact is compared as; `None`: not update traffic, set aside.
fn compared_item(c: &Contact, trace: &Trace) -> Option<Item> {
    if c.traffic == Traffic::Other {
        return None;
    }
    Some(c.item.filter(|i| trace.outcome.contains_key(i)).unwrap_or_else(|| {
        if trace.outcome.contains_key(&Item::Components) {
            Item::Components
        } else {
            trace.outcome.keys().next().copied().unwrap_or(Item::Components)
        }
    }))
}

/// The first place the contacts part from the trace.
fn parting(contacts: &[Contact], trace: &Trace) -> Option<Parting> {
    for (item, path, delivered) in paths(trace) {
        let mine: Vec<(usize, &Contact)> =
            contacts.iter().enumerate().filter(|(_, c)| compared_item(c, trace) == Some(item)).collect();
        let Some((last_index, _)) = mine.last().copied() else { continue };
        let mut at = 0;
        for (i, c) in &mine {
            let found = c.source.as_ref().and_then(|s| path.get(at..)?.iter().position(|p| p == s));
            match found {
                Some(j) => at += j,
                None => {
                    let text = match &delivered {
                        Some(d) => format!(
                            "the trace tries {} and gets it from {}",
                            list(trace.profile, &path),
                            vocabulary::name(trace.profile, d)
                        ),
                        None => format!("the trace tries {} and gets nothing", list(trace.profile, &path)),
                    };
                    return Some(Parting { contact: Some(*i), item, text });
                }
            }
        }
        // Where the agent got it: the last contact that did not fail.
        let got = mine.iter().rev().find(|(_, c)| c.result == Reached::Contacted);
        let ended = got.and_then(|(_, c)| c.source.clone());
        if got.is_some() != delivered.is_some() || ended != delivered {
            let text = match (&delivered, got) {
                (Some(d), Some((_, c))) => format!(
                    "the agent ended at {}, where the trace gets it from {}",
                    c.source
                        .as_ref()
                        .map_or("a place not in the scenario".to_string(), |s| vocabulary::name(trace.profile, s)),
                    vocabulary::name(trace.profile, d)
                ),
                (Some(d), None) => {
                    format!("every contact failed, where the trace gets it from {}", vocabulary::name(trace.profile, d))
                }
                (None, _) => "the trace gets nothing for it".to_string(),
            };
            let at = got.map_or(last_index, |(i, _)| *i);
            return Some(Parting { contact: Some(at), item, text });
        }
    }
    None
}

fn list(profile: Profile, path: &[SourceId]) -> String {
    if path.is_empty() {
        return "no source".into();
    }
    path.iter().map(|s| vocabulary::name(profile, s)).collect::<Vec<_>>().join(", then ")
}

/// Whether the scenario's trace agrees with the evidence.
fn agrees_with(scenario: &Scenario, evidence: &str) -> bool {
    let plan = prepare(scenario, None);
    let trace = resolve(&plan);
    let found = contacts(evidence, scenario, &plan);
    !found.is_empty() && parting(&found, &trace).is_none()
}

/// The scenario with some sources down.
fn with_down(scenario: &Scenario, down: &[SourceId]) -> Scenario {
    let mut s = scenario.clone();
    for d in down {
        if !s.world.down.iter().any(|w| SourceId::read(w) == *d) {
            s.world.down.push(d.to_string());
        }
    }
    s
}

/// The alternatives worth trying, each with its words: sources down that
/// come before the one the agent used, each source now down coming back,
/// each address of a dual-stack agent alone, each setting switched, the
/// other update source mode.
fn alternatives(scenario: &Scenario, plan: &Plan, found: &[Contact], trace: &Trace) -> Vec<(String, Scenario)> {
    let mut out: Vec<(String, Scenario)> = Vec::new();
    // Sources before the one the agent used, in the walk's whole sequence.
    let mut everything = plan.clone();
    everything.down.extend(plan.down_candidates());
    let full = resolve(&everything);
    for c in found.iter().filter(|c| c.result == Reached::Contacted) {
        let Some(used) = &c.source else { continue };
        let Some(item) = compared_item(c, trace) else { continue };
        let sequence: Vec<&SourceId> = full.path(item).into_iter().map(|(s, _)| s).collect();
        let Some(at) = sequence.iter().position(|s| *s == used) else { continue };
        let mut before: Vec<SourceId> = Vec::new();
        for s in sequence.iter().take(at) {
            if !plan.is_down(s) && !before.contains(s) && *s != used {
                before.push((*s).clone());
            }
        }
        if !before.is_empty() {
            let names = before.iter().map(|s| vocabulary::name(plan.profile, s)).collect::<Vec<_>>().join(" and ");
            out.push((
                format!("if {names} were down, the trace would match the evidence"),
                with_down(scenario, &before),
            ));
        }
    }
    for d in &scenario.world.down {
        let mut s = scenario.clone();
        s.world.down.retain(|w| w != d);
        let name = vocabulary::name(plan.profile, &SourceId::read(d));
        out.push((format!("if {name} were up, the trace would match the evidence"), s));
    }
    if scenario.agent.addresses.len() > 1 {
        for a in &scenario.agent.addresses {
            let mut s = scenario.clone();
            s.agent.addresses = vec![a.clone()];
            out.push((
                format!(
                    "if the {} used only its address {a}, the trace would match the evidence",
                    plan.profile.agent_name()
                ),
                s,
            ));
        }
    }
    for f in Flag::ALL.iter().filter(|f| f.applies_to(scenario.profile)) {
        let mut s = scenario.clone();
        let on = !f.get(&s);
        f.set(&mut s, on);
        out.push((
            format!(
                "if \"{}\" were {}, the trace would match the evidence",
                f.wording(scenario.profile),
                if on { "on" } else { "off" }
            ),
            s,
        ));
    }
    if plan.profile.family() == Family::OfficeScan {
        let mut s = scenario.clone();
        s.sources.mode = match s.sources.mode {
            Mode::Standard => Mode::Customized,
            Mode::Customized => Mode::Standard,
        };
        out.push((
            format!("if the update source were the {}, the trace would match the evidence", s.sources.mode.words()),
            s,
        ));
    }
    out
}

/// The most explanations offered at once.
pub const MAX_EXPLANATIONS: usize = 5;

/// Compares a scenario with the evidence and looks for explanations.
pub fn check(scenario: &Scenario, evidence: &str) -> Check {
    let plan = prepare(scenario, None);
    let trace = resolve(&plan);
    let found = contacts(evidence, scenario, &plan);
    let compared = found.iter().map(|c| compared_item(c, &trace)).collect();
    let parting = parting(&found, &trace);
    let mut explanations: Vec<Explanation> = Vec::new();
    if parting.is_some() {
        for (text, alternative) in alternatives(scenario, &plan, &found, &trace) {
            if explanations.len() >= MAX_EXPLANATIONS {
                break;
            }
            if explanations.iter().any(|e| e.scenario == alternative) {
                continue;
            }
            if agrees_with(&alternative, evidence) {
                explanations.push(Explanation { text, scenario: alternative });
            }
        }
    }
    Check { contacts: found, compared, parting, explanations, trace }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_read_in_order_with_their_place() {
        let log = "11/23 10:01 Downloading [https://10.1.0.5:21112/activeupdate/server.ini]\nnoise http://mirror.corp/au/pattern/lpt$vpn.123, then done.\nnothing here";
        let found = urls(log);
        assert_eq!(
            found,
            vec![
                ("https://10.1.0.5:21112/activeupdate/server.ini".to_string(), 1, 26),
                ("http://mirror.corp/au/pattern/lpt$vpn.123".to_string(), 2, 7),
            ]
        );
        assert!(urls("no url at all").is_empty());
        // An IPv6 host keeps its brackets, in a line that brackets the URL too.
        let v6 = "Downloading [https://[2001:db8:7::5]:21112/activeupdate/server.ini] ok\n[http://[2001:db8::9 cut";
        assert_eq!(
            urls(v6),
            vec![
                ("https://[2001:db8:7::5]:21112/activeupdate/server.ini".to_string(), 1, 14),
                ("http://[2001:db8::9".to_string(), 2, 2),
            ]
        );
        assert_eq!(item_of("https://x/activeupdate/server.ini"), Some(Item::Components));
        assert_eq!(item_of("https://x/activeupdate/hotfix/readme.txt"), None);
    }
}
