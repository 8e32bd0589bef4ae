//! A scenario made ready to walk: every string parsed into its type, every
//! input error collected with its line and column. Resolving many agents
//! against one scenario (the fleet view) prepares it once.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;

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
    pub entries: Arc<Vec<Entry>>,
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
    pub update_agent_ips: Arc<HashSet<IpAddr>>,
    /// The pasted list as read, for the next edit to reuse.
    pub read: Option<ReadList>,
}

/// What reading a pasted list gave, kept with the text it came from: an
/// edit elsewhere in the scenario (a what-if, a setting) reuses it instead
/// of reading a 100,000-line list again. Only a list that is the very same
/// text (the same allocation) is reused, so a stale reading is impossible.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadList {
    text: Arc<str>,
    entries: Arc<Vec<Entry>>,
    header: Option<usize>,
    errors: Arc<Vec<InputError>>,
    warnings: Arc<Vec<Warning>>,
    update_agent_ips: Arc<HashSet<IpAddr>>,
}

impl ReadList {
    fn read(text: &Arc<str>) -> ReadList {
        let parsed = source_list::parse_list(text);
        ReadList {
            text: text.clone(),
            warnings: Arc::new(source_list::warnings(&parsed.entries)),
            update_agent_ips: Arc::new(update_agent_ips(&parsed.entries)),
            entries: Arc::new(parsed.entries),
            header: parsed.header,
            errors: Arc::new(parsed.errors),
        }
    }

    /// The reading of `text`: the previous one if it was of this very text.
    fn of(text: &Arc<str>, previous: Option<&Plan>) -> ReadList {
        match previous.and_then(|p| p.read.as_ref()) {
            Some(read) if Arc::ptr_eq(&read.text, text) => read.clone(),
            _ => ReadList::read(text),
        }
    }
}

impl ReadList {
    /// A list given as entries (SPEC §2): errors are placed in the JSON.
    fn of_entries(
        docs: &[EntryDoc],
        locator: Option<&Locator>,
        at: &impl Fn(&str, usize) -> (usize, usize),
    ) -> ReadList {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            match entry_from_doc(doc) {
                Ok(mut e) => {
                    e.line = locator.and_then(|l| l.at(&format!("sources.list[{i}]"))).map_or(i + 1, |p| p.0);
                    entries.push(e);
                }
                Err(fails) => {
                    for (field, offset, text, value) in fails {
                        let path = format!("sources.list[{i}].{field}");
                        let (line, column) = at(&path, column_of(value, offset) - 1);
                        errors.push(InputError { line, column, text, rule: Rule::E1, field: Some(path) });
                    }
                }
            }
        }
        ReadList {
            text: Arc::from(""),
            warnings: Arc::new(source_list::warnings(&entries)),
            update_agent_ips: Arc::new(update_agent_ips(&entries)),
            entries: Arc::new(entries),
            header: None,
            errors: Arc::new(errors),
        }
    }
}

/// Addresses of the list's Update Agents.
fn update_agent_ips(entries: &[Entry]) -> HashSet<IpAddr> {
    entries
        .iter()
        .filter_map(|e| match &e.source {
            Source::UpdateAgent { host, .. } => host.ip(),
            _ => None,
        })
        .collect()
}

impl Plan {
    pub fn is_down(&self, canonical: &str) -> bool {
        self.down.contains(canonical)
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

    let read = match &s.sources.list {
        ListDoc::Text(text) => ReadList::of(text, previous),
        ListDoc::Entries(docs) => ReadList::of_entries(docs, locator, &at),
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

    let mut errors_all = Vec::clone(&read.errors);
    errors_all.extend(errors);

    let mut warnings = Vec::new();
    if s.profile.family() == Family::OfficeScan {
        warnings.extend(read.warnings.iter().cloned());
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

    Plan {
        profile: s.profile,
        server,
        mode: s.sources.mode,
        lists_activeupdate: source_list::lists_activeupdate(&read.entries),
        activeupdate_first: source_list::activeupdate_first(&read.entries),
        update_agent_ips: read.update_agent_ips.clone(),
        entries: read.entries.clone(),
        header: read.header,
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
        read: matches!(s.sources.list, ListDoc::Text(_)).then_some(read),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::resolve::resolve;

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
        assert!(Arc::ptr_eq(&first.entries, &next.entries), "the list was read again");
        assert_eq!(next, prepare(&s, None), "reusing the reading changed the plan");
        assert_eq!(resolve(&next), resolve(&prepare(&s, None)));
        assert_eq!((next.errors.len(), next.warnings.len()), (1, 1));
    }

    #[test]
    fn a_changed_list_is_read_again() {
        let s = with_list("10.1.0.0/16 -> ua://10.1.0.5");
        let first = prepare(&s, None);
        let same_text_anew = with_list("10.1.0.0/16 -> ua://10.1.0.5");
        let again = prepare_after(&same_text_anew, None, Some(&first));
        assert!(!Arc::ptr_eq(&first.entries, &again.entries));
        let changed = prepare_after(&with_list("10.2.0.0/16 -> server"), None, Some(&first));
        assert_eq!(changed.entries.first().map(|e| e.source.canonical()), Some("server".into()));
    }

    #[test]
    fn list_warnings_follow_the_profile_not_the_reading() {
        let mut s = with_list("* -> activeupdate");
        let officescan = prepare(&s, None);
        assert_eq!(officescan.warnings.first().map(|w| w.rule), Some(Rule::W2));
        s.profile = Profile::Swp;
        assert!(prepare_after(&s, None, Some(&officescan)).warnings.is_empty());
    }
}
