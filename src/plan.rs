//! A scenario made ready to walk: every string parsed into its type, every
//! input error collected with its line and column. Resolving many agents
//! against one scenario (the fleet view) prepares it once.

use std::collections::HashSet;
use std::net::IpAddr;

use crate::item::ItemSet;
use crate::locate::Locator;
use crate::profile::{Family, Profile};
use crate::range::AddrRange;
use crate::rules::Rule;
use crate::scenario::{AgentDoc, EntryDoc, ListDoc, Mode, Scenario, Settings, SwpDoc};
use crate::source::{canonical_down, Host, Source};
use crate::source_list::{self, column_of, Entry};
use crate::trace::{InputError, Warning};

/// The S&WP primary component update source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Primary {
    TrendMicro,
    /// "Other update source", as its canonical URL.
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub profile: Profile,
    /// `None`: a host name or not given, reachable from both families.
    pub server: Option<Host>,
    pub mode: Mode,
    pub entries: Vec<Entry>,
    pub settings: Settings,
    pub swp: SwpDoc,
    pub primary: Primary,
    pub agent: AgentDoc,
    pub addresses: Vec<IpAddr>,
    pub wanted: ItemSet,
    /// Items asked for explicitly (S&WP notes the ones it does not walk).
    pub asked: Option<ItemSet>,
    pub down: HashSet<String>,
    pub manager_up: bool,
    pub dual_stack_proxy: bool,
    pub errors: Vec<InputError>,
    pub warnings: Vec<Warning>,
    /// The pasted list's header line, skipped.
    pub header: Option<usize>,
    pub lists_activeupdate: bool,
    pub activeupdate_first: bool,
    /// Addresses of the list's Update Agents: an Update Agent never updates
    /// from itself, so these addresses walk differently.
    pub update_agent_ips: HashSet<IpAddr>,
}

impl Plan {
    pub fn is_down(&self, canonical: &str) -> bool {
        self.down.contains(canonical)
    }
}

/// Prepares a scenario. `locator` (from the JSON text) lets errors inside
/// JSON values name the document's line and column.
pub fn prepare(s: &Scenario, locator: Option<&Locator>) -> Plan {
    let at = |path: &str, offset_chars: usize| -> (usize, usize) {
        match locator.and_then(|l| l.at(path)) {
            // +1 steps over the opening quote of the string value.
            Some((line, col)) => (line, col + 1 + offset_chars),
            None => (1, 1 + offset_chars),
        }
    };
    let mut errors = Vec::new();
    let mut error = |path: &str, offset: usize, text: String, rule: Rule| {
        let (line, column) = at(path, offset);
        errors.push(InputError { line, column, text, rule, field: Some(path.to_string()) });
    };

    let (entries, header, list_errors) = match &s.sources.list {
        ListDoc::Text(text) => {
            let parsed = source_list::parse_list(text);
            (parsed.entries, parsed.header, parsed.errors)
        }
        ListDoc::Entries(docs) => {
            let mut out = Vec::new();
            let mut errs = Vec::new();
            for (i, doc) in docs.iter().enumerate() {
                match entry_from_doc(doc) {
                    Ok(mut e) => {
                        e.line = locator.and_then(|l| l.at(&format!("sources.list[{i}]"))).map_or(i + 1, |p| p.0);
                        out.push(e);
                    }
                    Err(fails) => {
                        for (field, offset, text, value) in fails {
                            let path = format!("sources.list[{i}].{field}");
                            let (line, column) = at(&path, column_of(value, offset) - 1);
                            errs.push(InputError { line, column, text, rule: Rule::E1, field: Some(path) });
                        }
                    }
                }
            }
            (out, None, errs)
        }
    };

    let server = match s.server.address.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(a) => match parse_ip(a).map(Host::from_ip).or_else(|| Host::parse_ip_or_name(a)) {
            Some(Host::Name(_)) => None,
            Some(h) => Some(h),
            None => {
                error("server.address", 0, format!("`{a}` is not a host name or IP address"), Rule::E1);
                None
            }
        },
    };

    let mut addresses = Vec::new();
    if s.agent.addresses.is_empty() {
        error("agent.addresses", 0, "the agent needs at least one address".into(), Rule::E1);
    }
    for (i, a) in s.agent.addresses.iter().enumerate() {
        match parse_ip(a) {
            Some(ip) if !addresses.contains(&ip) => addresses.push(ip),
            Some(_) => {}
            None => error(
                &format!("agent.addresses[{i}]"),
                0,
                format!("`{}` is not an IPv4 or IPv6 address", a.trim()),
                Rule::E1,
            ),
        }
    }

    let primary = match s.swp.primary.trim() {
        p if p.eq_ignore_ascii_case("trend-micro") => Primary::TrendMicro,
        p => match Source::parse(p) {
            Ok(Source::Url { canonical, .. }) => Primary::Other(canonical),
            Ok(Source::ActiveUpdate) if p.contains("://") => Primary::Other(p.to_ascii_lowercase()),
            _ => {
                error(
                    "swp.primary",
                    0,
                    format!("the primary source `{p}` is neither `trend-micro` nor an http:// or https:// URL (\"Other update source\")"),
                    Rule::RE1,
                );
                Primary::TrendMicro
            }
        },
    };

    let mut errors_all = list_errors;
    errors_all.extend(errors);

    let mut warnings = Vec::new();
    if s.profile.family() == Family::OfficeScan {
        warnings.extend(source_list::warnings(&entries));
    } else {
        let secondary = [
            (s.swp.direct_if_relays_unreachable, "download directly from the Primary Component Update Source"),
            (s.swp.tenant_group_if_relays_unreachable, "download from the Primary Tenant Relay Group"),
            (s.swp.when_manager_unreachable, "download when Workload Security Manager is not accessible"),
        ];
        for (on, what) in secondary {
            if on && s.agent.portable {
                warnings.push(Warning {
                    rule: Rule::RW1,
                    text: format!("the secondary option \"{what}\" is on for a portable computer: Trend Micro recommends not enabling secondary source options for laptops and portable computers"),
                    line: None,
                });
            }
        }
    }

    let update_agent_ips = entries
        .iter()
        .filter_map(|e| match &e.source {
            Source::UpdateAgent { host, .. } => host.ip(),
            _ => None,
        })
        .collect();

    Plan {
        profile: s.profile,
        server,
        mode: s.sources.mode,
        lists_activeupdate: source_list::lists_activeupdate(&entries),
        activeupdate_first: source_list::activeupdate_first(&entries),
        update_agent_ips,
        entries,
        settings: s.settings.clone(),
        swp: s.swp.clone(),
        primary,
        agent: s.agent.clone(),
        addresses,
        wanted: s.wanted_items(),
        asked: s.agent.items.as_deref().map(ItemSet::of),
        down: s.world.down.iter().map(|d| canonical_down(d)).collect(),
        manager_up: s.world.manager_up,
        dual_stack_proxy: s.world.dual_stack_proxy,
        errors: errors_all,
        warnings,
        header,
    }
}

/// An agent or server address; IPv6 may come in brackets.
pub fn parse_ip(text: &str) -> Option<IpAddr> {
    let t = text.trim();
    let t = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')).unwrap_or(t);
    t.parse().ok()
}

type Fail<'a> = (&'static str, usize, String, &'a str);

fn entry_from_doc(doc: &EntryDoc) -> Result<Entry, Vec<Fail<'_>>> {
    let range = AddrRange::parse(&doc.range).map_err(|e| ("range", e.offset, e.message, doc.range.as_str()));
    let source = Source::parse(&doc.source).map_err(|e| ("source", e.offset, e.message, doc.source.as_str()));
    match (range, source) {
        (Ok(range), Ok(source)) => {
            Ok(Entry { line: 0, range, source, serves: doc.serves.unwrap_or(ItemSet::ALL), label: doc.label.clone() })
        }
        (r, s) => Err(r.err().into_iter().chain(s.err()).collect()),
    }
}
