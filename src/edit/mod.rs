//! Every change the page can make to a scenario, as a value: the page's
//! reducer only wraps [`apply`], so each edit is tested natively, and the
//! undo history ([`history`]) records edits without knowing the page.

pub mod flags;
pub mod history;
pub mod list_text;
pub mod where_when;

use std::sync::Arc;

use crate::format::scenario::{ApplyScope, ComponentScope, Domain, ListDoc, Mode, RelayDoc, Role, Scenario, Trigger};
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::profile::Profile;
use flags::Flag;
use where_when::WhereWhen;

/// What separates items typed in one field (agent addresses, relays): the
/// same as between the fleet's agents, plus spaces for addresses, which
/// never hold one.
pub const ITEM_SEPARATORS: [char; 4] = [',', ';', '\t', '\n'];

/// One change to a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The whole scenario replaced: an example, an import, a link.
    Replace(Box<Scenario>),
    /// The scenario's title (empty: none).
    SetTitle(String),
    /// The Fleet tab's agents.
    SetFleetAgents(String),
    /// The evidence kept with the scenario (`None`: it stays out of links).
    SetEvidence(Option<String>),
    /// The product.
    SetProfile(Profile),
    /// The server's address (empty: none).
    SetServer(String),
    /// Standard or customized update source.
    SetMode(Mode),
    /// The whole pasted list.
    SetListText(Arc<str>),
    /// One line of the pasted list replaced (the table's edit), 1-based.
    ReplaceLine {
        /// The line.
        line: usize,
        /// Its new text.
        text: String,
    },
    /// A line inserted before `line` (past the end: appended).
    InsertLine {
        /// The line it goes before.
        line: usize,
        /// Its text.
        text: String,
    },
    /// A line removed.
    RemoveLine(usize),
    /// Two lines swapped (a table row moved up or down).
    SwapLines(usize, usize),
    /// An on/off setting.
    SetFlag(Flag, bool),
    /// Apex One's component scope.
    SetComponentScope(ComponentScope),
    /// Apply to all agents or future domains only.
    SetApplyScope(ApplyScope),
    /// The agent's addresses, as typed (separated by commas, semicolons or spaces).
    SetAddresses(String),
    /// Agent or Update Agent.
    SetRole(Role),
    /// An agent of the fleet opened as the single-agent trace: its address
    /// and the role the fleet walked it in, as one step to undo.
    OpenAgent(String, Role),
    /// What starts the update.
    SetTrigger(Trigger),
    /// Existing or future domain.
    SetDomain(Domain),
    /// The user's own schedule choice.
    SetScheduleChoice(Option<bool>),
    /// The items asked for (`None`: the profile's default).
    SetItems(Option<Vec<Item>>),
    /// The S&WP primary source.
    SetPrimary(String),
    /// The S&WP relays, as typed.
    SetRelays(String),
    /// The name of the agent's relay group (empty: none, the relays are one draw).
    SetRelayGroup(String),
    /// The Service Gateway's address (empty: none is set up).
    SetServiceGateway(String),
    /// The agent's version (empty: not known).
    SetAgentVersion(String),
    /// A source switched down, or back up.
    ToggleDown(SourceId),
    /// S&WP: the manager reachable or not.
    SetManagerUp(bool),
    /// A dual-stack proxy or not.
    SetDualStackProxy(bool),
    /// Where the agent is or when it answers, as typed.
    SetWhereWhen(WhereWhen, String),
}

impl Edit {
    /// An edit made in a part of the page loaded on demand (the table
    /// editor, the on-demand settings) written as one line of text, to
    /// cross to the page: `replace<TAB>LINE<TAB>TEXT`, `insert<TAB>LINE<TAB>TEXT`,
    /// `remove<TAB>LINE`, `swap<TAB>A<TAB>B`, `flag<TAB>ID<TAB>1|0`, and
    /// `primary`, `relays`, `relay-group`, `gateway` or `agent-version`
    /// with `<TAB>TEXT`. `None` for the edits only the page makes.
    pub fn to_wire(&self) -> Option<String> {
        match self {
            Edit::ReplaceLine { line, text } => Some(format!("replace\t{line}\t{text}")),
            Edit::InsertLine { line, text } => Some(format!("insert\t{line}\t{text}")),
            Edit::RemoveLine(line) => Some(format!("remove\t{line}")),
            Edit::SwapLines(a, b) => Some(format!("swap\t{a}\t{b}")),
            Edit::SetFlag(flag, on) => Some(format!("flag\t{}\t{}", flag.id(), u8::from(*on))),
            Edit::SetPrimary(t) => Some(format!("primary\t{t}")),
            Edit::SetRelays(t) => Some(format!("relays\t{t}")),
            Edit::SetRelayGroup(t) => Some(format!("relay-group\t{t}")),
            Edit::SetServiceGateway(t) => Some(format!("gateway\t{t}")),
            Edit::SetAgentVersion(t) => Some(format!("agent-version\t{t}")),
            Edit::SetWhereWhen(field, t) => Some(format!("where\t{}\t{t}", field.id())),
            _ => None,
        }
    }

    /// Reads what [`Edit::to_wire`] wrote; `None` for anything else.
    pub fn from_wire(wire: &str) -> Option<Edit> {
        let (verb, rest) = wire.split_once('\t')?;
        let numbered = || rest.split_once('\t').and_then(|(n, text)| Some((n.parse().ok()?, text.to_string())));
        Some(match verb {
            "replace" => numbered().map(|(line, text)| Edit::ReplaceLine { line, text })?,
            "insert" => numbered().map(|(line, text)| Edit::InsertLine { line, text })?,
            "remove" => Edit::RemoveLine(rest.parse().ok()?),
            "swap" => numbered().and_then(|(a, b)| Some(Edit::SwapLines(a, b.parse().ok()?)))?,
            "flag" => {
                let (id, on) = rest.split_once('\t')?;
                let flag = Flag::ALL.into_iter().find(|f| f.id() == id)?;
                Edit::SetFlag(flag, on == "1")
            }
            "primary" => Edit::SetPrimary(rest.to_string()),
            "relays" => Edit::SetRelays(rest.to_string()),
            "relay-group" => Edit::SetRelayGroup(rest.to_string()),
            "gateway" => Edit::SetServiceGateway(rest.to_string()),
            "agent-version" => Edit::SetAgentVersion(rest.to_string()),
            "where" => {
                let (id, text) = rest.split_once('\t')?;
                let field = WhereWhen::ALL.into_iter().find(|f| f.id() == id)?;
                Edit::SetWhereWhen(field, text.to_string())
            }
            _ => return None,
        })
    }

    /// Whether the edit can change what the walk sees: a title or the
    /// fleet's agents do not, so the page keeps its plan and trace.
    pub fn reaches_the_walk(&self) -> bool {
        !matches!(self, Edit::SetTitle(_) | Edit::SetFleetAgents(_) | Edit::SetEvidence(_))
    }

    /// Whether the edit is typing in a field, which the undo history groups
    /// into one step per field instead of one per keystroke.
    pub fn is_typing(&self) -> Option<&'static str> {
        match self {
            Edit::SetTitle(_) => Some("title"),
            Edit::SetFleetAgents(_) => Some("fleet"),
            Edit::SetEvidence(_) => Some("evidence"),
            Edit::SetServer(_) => Some("server"),
            Edit::SetListText(_) => Some("list"),
            Edit::SetAddresses(_) => Some("addresses"),
            Edit::SetPrimary(_) => Some("primary"),
            Edit::SetRelays(_) => Some("relays"),
            Edit::SetRelayGroup(_) => Some("relay-group"),
            Edit::SetServiceGateway(_) => Some("service-gateway"),
            Edit::SetAgentVersion(_) => Some("agent-version"),
            Edit::SetWhereWhen(field, _) => Some(field.id()),
            _ => None,
        }
    }
}

/// The items typed in one field, split the one way every field splits them.
pub fn split_items(text: &str, spaces_too: bool) -> impl Iterator<Item = &str> {
    text.split(move |c: char| ITEM_SEPARATORS.contains(&c) || (spaces_too && c == ' '))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The pasted list's text; a list of JSON entries is written out as lines
/// first, so the page always edits text and a half-typed line survives.
pub fn list_text(s: &Scenario) -> &str {
    match &s.sources.list {
        ListDoc::Text(t) => t,
        ListDoc::Entries(_) => "",
    }
}

/// The scenario with its list as text (see [`list_text()`]).
pub fn with_text_list(mut s: Scenario) -> Scenario {
    if let ListDoc::Entries(entries) = &s.sources.list {
        let lines: Vec<String> = entries.iter().map(crate::format::scenario::EntryDoc::to_line).collect();
        s.sources.list = ListDoc::Text(lines.join("\n").into());
    }
    s
}

/// Applies one edit.
pub fn apply(s: &mut Scenario, edit: Edit) {
    let text_edit = |s: &mut Scenario, f: &dyn Fn(&str) -> String| {
        let next = f(list_text(s));
        s.sources.list = ListDoc::Text(next.into());
    };
    match edit {
        Edit::Replace(scenario) => *s = with_text_list(*scenario),
        Edit::SetTitle(t) => s.title = Some(t).filter(|t| !t.trim().is_empty()),
        Edit::SetFleetAgents(a) => s.fleet.agents = a,
        Edit::SetEvidence(e) => s.evidence = e,
        Edit::SetProfile(p) => s.profile = p,
        Edit::SetServer(a) => s.server.address = Some(a).filter(|a| !a.trim().is_empty()),
        Edit::SetMode(m) => s.sources.mode = m,
        Edit::SetListText(t) => s.sources.list = ListDoc::Text(t),
        Edit::ReplaceLine { line, text } => text_edit(s, &|t| list_text::replace_line(t, line, &text)),
        Edit::InsertLine { line, text } => text_edit(s, &|t| list_text::insert_line(t, line, &text)),
        Edit::RemoveLine(line) => text_edit(s, &|t| list_text::remove_line(t, line)),
        Edit::SwapLines(a, b) => text_edit(s, &|t| list_text::swap_lines(t, a, b)),
        Edit::SetFlag(f, on) => f.set(s, on),
        Edit::SetComponentScope(c) => s.settings.component_scope = c,
        Edit::SetApplyScope(a) => s.settings.apply_scope = a,
        Edit::SetAddresses(text) => s.agent.addresses = split_items(&text, true).map(str::to_string).collect(),
        Edit::SetRole(r) => s.agent.role = r,
        Edit::OpenAgent(address, role) => {
            s.agent.addresses = vec![address];
            s.agent.role = role;
        }
        Edit::SetTrigger(t) => s.agent.trigger = t,
        Edit::SetDomain(d) => s.agent.domain = d,
        Edit::SetScheduleChoice(c) => s.agent.schedule_choice = c,
        Edit::SetItems(items) => s.agent.items = items,
        Edit::SetPrimary(p) => s.swp.primary = p,
        Edit::SetRelays(text) => {
            s.swp.relays = split_items(&text, false).map(|name| RelayDoc { name: name.to_string() }).collect()
        }
        Edit::ToggleDown(source) => {
            let down = &mut s.world.down;
            match down.iter().position(|d| SourceId::read(d) == source) {
                Some(i) => {
                    down.remove(i);
                }
                None => down.push(source.to_string()),
            }
        }
        Edit::SetRelayGroup(g) => s.swp.relay_group = Some(g).filter(|g| !g.trim().is_empty()),
        Edit::SetServiceGateway(a) => s.swp.service_gateway = Some(a).filter(|a| !a.trim().is_empty()),
        Edit::SetAgentVersion(v) => s.agent.version = Some(v).filter(|v| !v.trim().is_empty()),
        Edit::SetManagerUp(up) => s.world.manager_up = up,
        Edit::SetDualStackProxy(on) => s.world.dual_stack_proxy = on,
        Edit::SetWhereWhen(field, text) => field.set(s, &text),
    }
}

/// The scenario after one edit.
pub fn applied(s: &Scenario, edit: Edit) -> Scenario {
    let mut next = s.clone();
    apply(&mut next, edit);
    next
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_table_edit_crosses_as_text_and_reads_back() {
        let edits = [
            Edit::ReplaceLine { line: 3, text: "10.0.0.0/8\t-> ua://10.0.0.5 # tabs\tand all".into() },
            Edit::InsertLine { line: 1, text: String::new() },
            Edit::RemoveLine(12),
            Edit::SwapLines(4, 5),
            Edit::SetFlag(Flag::SwpVersionControl, true),
            Edit::SetFlag(Flag::SwpDirect, false),
            Edit::SetPrimary("https://mirror.corp/au".into()),
            Edit::SetRelays("relay-a, relay-b".into()),
            Edit::SetRelayGroup("Branch\trelays".into()),
            Edit::SetServiceGateway(String::new()),
            Edit::SetAgentVersion("202412".into()),
            Edit::SetWhereWhen(WhereWhen::Unreachable, "40".into()),
            Edit::SetWhereWhen(WhereWhen::NotifiedAt, String::new()),
        ];
        for e in edits {
            let wire = e.to_wire().expect("a table edit");
            assert_eq!(Edit::from_wire(&wire), Some(e), "{wire}");
        }
        assert_eq!(Edit::SetTitle("x".into()).to_wire(), None);
        for bad in [
            "",
            "replace",
            "replace\tx\ty",
            "remove\t3\textra",
            "swap\t1",
            "swap\t1\tz",
            "drop\t1",
            "flag\tnope\t1",
            "flag\tportable",
            "where\tnowhere\tx",
            "where\tlocation",
        ] {
            assert_eq!(Edit::from_wire(bad), None, "{bad}");
        }
    }

    use super::*;
    use crate::trace;

    const FLOOR: &str = include_str!("../../www/examples/floor-update-agent-down.json");

    fn floor() -> Scenario {
        with_text_list(Scenario::from_json(FLOOR).unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn toggling_a_source_down_changes_the_trace_and_back() {
        let s = floor();
        let before = trace(&s).outcome;
        let down = applied(&s, Edit::ToggleDown(SourceId::read("ua://10.0.0.5")));
        assert_ne!(trace(&down).outcome, before);
        // Any spelling of the source switches the same one back.
        let back = applied(&down, Edit::ToggleDown(SourceId::read("UA://10.0.0.5/")));
        assert_eq!(trace(&back).outcome, before);
        assert_eq!(back.world.down, s.world.down);
    }

    #[test]
    fn the_title_and_the_fleets_agents_do_not_reach_the_walk() {
        let s = floor();
        let titled = applied(&s, Edit::SetTitle("Ticket 4711".into()));
        assert_eq!(titled.title.as_deref(), Some("Ticket 4711"));
        assert!(!Edit::SetTitle(String::new()).reaches_the_walk());
        assert!(!Edit::SetFleetAgents(String::new()).reaches_the_walk());
        assert!(Edit::SetListText("".into()).reaches_the_walk());
        let fleet = applied(&titled, Edit::SetFleetAgents("10.0.0.0/30".into()));
        assert_eq!(fleet.fleet.agents, "10.0.0.0/30");
        assert_eq!(applied(&fleet, Edit::SetTitle("   ".into())).title, None);
    }

    #[test]
    fn addresses_and_relays_split_alike() {
        let s = applied(&floor(), Edit::SetAddresses("10.1.4.20, 2001:db8::20;10.9.9.9 10.8.8.8".into()));
        assert_eq!(s.agent.addresses, vec!["10.1.4.20", "2001:db8::20", "10.9.9.9", "10.8.8.8"]);
        let s = applied(&s, Edit::SetRelays("relay-a, relay-b\nrelay-c;relay-d".into()));
        let names: Vec<&str> = s.swp.relays.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["relay-a", "relay-b", "relay-c", "relay-d"]);
    }

    #[test]
    fn table_edits_keep_the_other_lines() {
        let mut s = floor();
        s.sources.list = ListDoc::Text("# sites\n10.1.0.0/16 -> ua://10.1.0.5\n\n* -> server".into());
        let inserted = applied(&s, Edit::InsertLine { line: 2, text: "10.2.0.0/16 -> ua://10.2.0.5".into() });
        assert_eq!(
            list_text(&inserted),
            "# sites\n10.2.0.0/16 -> ua://10.2.0.5\n10.1.0.0/16 -> ua://10.1.0.5\n\n* -> server"
        );
        let removed = applied(&inserted, Edit::RemoveLine(3));
        assert_eq!(list_text(&removed), "# sites\n10.2.0.0/16 -> ua://10.2.0.5\n\n* -> server");
        let swapped = applied(&removed, Edit::SwapLines(2, 4));
        assert_eq!(list_text(&swapped), "# sites\n* -> server\n\n10.2.0.0/16 -> ua://10.2.0.5");
        let replaced = applied(&swapped, Edit::ReplaceLine { line: 2, text: "* -> activeupdate".into() });
        assert_eq!(list_text(&replaced), "# sites\n* -> activeupdate\n\n10.2.0.0/16 -> ua://10.2.0.5");
    }

    #[test]
    fn a_replaced_scenario_is_edited_as_text() {
        let doc = r#"{"version":2,"profile":"officescan-xg","sources":{"mode":"customized","list":[{"range":"*","source":"server","label":"all"}]},"agent":{"addresses":["10.0.0.1"]}}"#;
        let other = Scenario::from_json(doc).unwrap_or_else(|e| panic!("{e}"));
        let s = applied(&floor(), Edit::Replace(Box::new(other.clone())));
        assert_eq!(list_text(&s), "* -> server # all");
        assert_eq!(trace(&s).outcome, trace(&other).outcome);
    }

    #[test]
    fn every_setting_edit_lands_in_its_field() {
        let s = floor();
        let s = applied(&s, Edit::SetProfile(Profile::ApexOne));
        let s = applied(&s, Edit::SetServer(" ".into()));
        let s = applied(&s, Edit::SetMode(Mode::Standard));
        let s = applied(&s, Edit::SetComponentScope(ComponentScope::Patterns));
        let s = applied(&s, Edit::SetApplyScope(ApplyScope::FutureDomains));
        let s = applied(&s, Edit::SetRole(Role::UpdateAgent));
        let s = applied(&s, Edit::SetTrigger(Trigger::ServerNotify));
        let s = applied(&s, Edit::SetDomain(Domain::Future));
        let s = applied(&s, Edit::SetScheduleChoice(Some(false)));
        let s = applied(&s, Edit::SetItems(Some(vec![Item::Components])));
        let s = applied(&s, Edit::SetPrimary("https://mirror.corp/au".into()));
        let s = applied(&s, Edit::SetManagerUp(false));
        let s = applied(&s, Edit::SetDualStackProxy(true));
        let s = applied(&s, Edit::SetFlag(Flag::FallbackPrograms, false));
        let s = applied(&s, Edit::SetRelayGroup("Branch relays".into()));
        let s = applied(&s, Edit::SetServiceGateway("sg.corp".into()));
        let s = applied(&s, Edit::SetAgentVersion("202412".into()));
        let s = applied(&s, Edit::SetFlag(Flag::SwpVersionControl, true));
        assert_eq!(s.swp.relay_group.as_deref(), Some("Branch relays"));
        assert_eq!((s.swp.service_gateway.as_deref(), s.agent.version.as_deref()), (Some("sg.corp"), Some("202412")));
        assert!(s.swp.version_control);
        let cleared = applied(
            &applied(&applied(&s, Edit::SetRelayGroup(" ".into())), Edit::SetServiceGateway(String::new())),
            Edit::SetAgentVersion(String::new()),
        );
        assert_eq!((cleared.swp.relay_group, cleared.swp.service_gateway, cleared.agent.version), (None, None, None));
        assert_eq!(s.profile, Profile::ApexOne);
        assert_eq!(s.server.address, None);
        assert_eq!(s.sources.mode, Mode::Standard);
        assert_eq!(s.settings.component_scope, ComponentScope::Patterns);
        assert_eq!(s.settings.apply_scope, ApplyScope::FutureDomains);
        assert_eq!(
            (s.agent.role, s.agent.trigger, s.agent.domain),
            (Role::UpdateAgent, Trigger::ServerNotify, Domain::Future)
        );
        assert_eq!(s.agent.schedule_choice, Some(false));
        assert_eq!(s.agent.items, Some(vec![Item::Components]));
        assert_eq!(s.swp.primary, "https://mirror.corp/au");
        assert!(!s.world.manager_up && s.world.dual_stack_proxy && !s.settings.fallback_programs);
    }

    /// A fleet row opened sets the address and the role it walked in at
    /// once: one step back restores both.
    #[test]
    fn an_agent_opened_from_the_fleet_takes_its_address_and_role_in_one_edit() {
        let s = floor();
        let opened = applied(&s, Edit::OpenAgent("10.1.0.5".into(), Role::UpdateAgent));
        assert_eq!(
            (opened.agent.addresses.clone(), opened.agent.role),
            (vec!["10.1.0.5".to_string()], Role::UpdateAgent)
        );
        let back = applied(&opened, Edit::OpenAgent("10.1.4.20".into(), Role::Agent));
        assert_eq!((back.agent.addresses, back.agent.role), (vec!["10.1.4.20".to_string()], Role::Agent));
        assert_eq!(Edit::OpenAgent(String::new(), Role::Agent).is_typing(), None);
        assert!(Edit::OpenAgent(String::new(), Role::Agent).reaches_the_walk());
    }
}
