//! The scenario document (SPEC §2): one JSON format for the page, the command
//! line, files and share links. Unknown fields are refused by name, so a typo
//! never silently falls back to a default.

use serde::{Serialize, Serializer};

use crate::format::error::{ReadError, FORMAT_VERSION, MAX_DOCUMENT_BYTES};
use crate::format::{json, migrate, read};
use crate::input::source_list::write_line;
use crate::model::item::{Item, ItemSet};
use crate::model::profile::Profile;

/// The part of a file name a title gives, made safe for any file system
/// (`ticket-4711-acme`); `None` for no title or one with no usable word.
/// Exported scenarios, pictures and fleet tables are all named so.
pub fn file_stem(title: Option<&str>) -> Option<String> {
    let words: String = title
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' })
        .collect();
    let mut stem = String::new();
    for word in words.split_whitespace() {
        let dash = usize::from(!stem.is_empty());
        if stem.len() + dash + word.len() > 60 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(word);
    }
    (!stem.is_empty()).then_some(stem)
}

/// One scenario: the product, the console's settings, the list, the agent
/// and what is down. Everything the planner answers is a function of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    /// The format version; always [`FORMAT_VERSION`] once read.
    pub version: u32,
    /// Which product (SPEC §1).
    pub profile: Profile,
    /// What the scenario is about (a ticket, a customer, a site): heads the
    /// printed trace and names exported files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The server's address.
    pub server: ServerDoc,
    /// The update source screen (OfficeScan family).
    pub sources: SourcesDoc,
    /// The console's update settings (OfficeScan family).
    pub settings: Settings,
    /// The S&WP update settings.
    pub swp: SwpDoc,
    /// The agent traced.
    pub agent: AgentDoc,
    /// What fails right now (what-ifs).
    pub world: World,
    /// The Fleet tab's agents.
    #[serde(skip_serializing_if = "FleetDoc::is_empty")]
    pub fleet: FleetDoc,
    /// What the agent actually did (its log), only when the user asked for
    /// it to travel with the scenario: evidence stays out of links otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The pattern file versions where the user knows them, and the
    /// sizes of a full and an incremental pattern (CD1-CD4): the trace
    /// then says what each delivering source sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patterns: Option<PatternsDoc>,
}

/// Pattern file versions, as the console's Summary screen shows them
/// (the middle part of `17.501.00` is the release: `175`), and sizes.
/// Every field is optional: the trace says only what they let it say.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PatternsDoc {
    /// The latest full pattern on the ActiveUpdate server (CD1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activeupdate: Option<u32>,
    /// The server's current full pattern, before it updates (CD1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<u32>,
    /// The other full patterns the server keeps, from which it generates
    /// incremental patterns (CD3).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub server_kept: Vec<u32>,
    /// The traced agent's current pattern (CD2-CD4); the Fleet tab's
    /// agents are taken to have it too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<u32>,
    /// Update Agents' current full patterns before they update (CD2), and
    /// update source URLs' full patterns (CD4), by source word.
    #[serde(skip_serializing_if = "SourceVersions::is_empty")]
    pub sources: SourceVersions,
    /// The size of a full pattern file, in kB (whole numbers: no
    /// fractions to read or write, which would cost the page's first load
    /// the float code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_kb: Option<u64>,
    /// The size of an incremental pattern, in kB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incremental_kb: Option<u64>,
}

/// The fleet view's agents, kept with the scenario so a reload, an export
/// or a link brings them back.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct FleetDoc {
    /// One address or range a line, as `planner batch` reads them.
    pub agents: String,
}

impl FleetDoc {
    /// Whether there is nothing to keep (then it is not written).
    pub fn is_empty(&self) -> bool {
        self.agents.is_empty()
    }
}

/// `patterns.sources`: a JSON object of source words and versions, kept
/// as pairs in the order written (a map type's code for one more key type
/// would cost the page's first load more than a few pairs need).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceVersions(pub Vec<(String, u32)>);

impl SourceVersions {
    /// Whether there is none (then it is not written).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for SourceVersions {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (word, version) in &self.0 {
            m.serialize_entry(word, version)?;
        }
        m.end()
    }
}

/// The server (SPEC §2 `server`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ServerDoc {
    /// A host name or an IP literal; none means reachable from both families.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// Where agents update from (the Update Source screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The standard update source: the server (rule S).
    #[default]
    Standard,
    /// The customized update source list.
    Customized,
}

impl Mode {
    /// The console's words, for the page and the printed summary.
    pub fn words(self) -> &'static str {
        match self {
            Mode::Standard => "standard update source",
            Mode::Customized => "customized update source",
        }
    }
}

/// The Update Source screen: the mode and the customized list.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SourcesDoc {
    /// Standard or customized.
    pub mode: Mode,
    /// The customized list.
    pub list: ListDoc,
}

/// The customized list, as entries (SPEC §2) or as pasted text (SPEC §6).
/// The page keeps the text, so a half-typed line is never lost; the text is
/// shared, not copied, when the page passes a scenario around, since a
/// pasted list can run to megabytes.
#[derive(Debug, Clone, PartialEq)]
pub enum ListDoc {
    /// Entries as JSON objects (SPEC §2).
    Entries(Vec<EntryDoc>),
    /// The pasted list as one string (SPEC §6).
    Text(std::sync::Arc<str>),
}

impl Default for ListDoc {
    fn default() -> Self {
        ListDoc::Entries(Vec::new())
    }
}

impl Serialize for ListDoc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ListDoc::Entries(e) => e.serialize(s),
            ListDoc::Text(t) => s.serialize_str(t),
        }
    }
}

/// One entry of the list as the JSON document gives it, strings unread:
/// the plan reads them, so a bad one is an error at its place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryDoc {
    /// The client IP range, as written.
    pub range: String,
    /// The source word, as written.
    pub source: String,
    /// What an Update Agent shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serves: Option<ItemSet>,
    /// Shown in the trace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl EntryDoc {
    /// The entry as a pasted-list line (SPEC §6), as written: nothing is
    /// canonicalised, so a bad entry stays visible as the user wrote it.
    pub fn to_line(&self) -> String {
        write_line(&self.range, &self.source, self.serves, self.label.as_deref())
    }
}

/// Apex One: "Security Agents only update the following components" (T3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentScope {
    /// All components, hot fixes and the agent program.
    #[default]
    All,
    /// Pattern files, engines, drivers: no programs.
    PatternsEnginesDrivers,
    /// Pattern files only: no programs, engines or drivers.
    Patterns,
}

/// Which agents the Privileges and Other Settings screen reaches (T2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApplyScope {
    /// Apply to All Agents.
    #[default]
    All,
    /// Apply to Future Domains Only (T2).
    FutureDomains,
}

/// The console's update settings (OfficeScan family), SPEC defaults. Each
/// field's console wording is in [`crate::edit::flags`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// "Update Agents update ... only from the server" (U1).
    pub ua_server_only: bool,
    /// "Update components from the server if all customized sources are unavailable" (F1).
    pub fallback_components: bool,
    /// "Update domain settings from the server if ..." (F2).
    pub fallback_domain_settings: bool,
    /// "Update agent programs and hot fixes from the server if ..." (F3).
    pub fallback_programs: bool,
    /// "Agents download updates from the ActiveUpdate Server" (F1, S, U2).
    pub agents_use_activeupdate: bool,
    /// "Update agent: always update from standard update source" (U2).
    pub ua_always_standard: bool,
    /// Apex One's "only update the following components" (T3).
    pub component_scope: ComponentScope,
    /// "Enable schedule-based updates" (T1).
    pub schedule_enabled: bool,
    /// The Perform "Update Now" privilege (T1).
    pub privilege_update_now: bool,
    /// The Enable/Disable schedule-based updates privilege (T1).
    pub privilege_schedule_toggle: bool,
    /// Apply to All Agents or to Future Domains Only (T2).
    pub apply_scope: ApplyScope,
    /// Apex One: the Edge Relay server's address, when one is set up
    /// (LOC3); off-premises agents reach the server through it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge_relay: Option<String>,
    /// Automatic client update runs on roaming / Independent agents (IND1).
    /// On by default: the console lets an administrator disable it.
    #[serde(skip_serializing_if = "is_true")]
    pub roaming_automatic_update: bool,
    /// Event-triggered update: "Include roaming and offline client(s)"
    /// (10.6; XG and Apex One: "Include Independent and offline agent(s)") (IND1).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub notify_roaming: bool,
    /// Event-triggered update: "Let clients initiate component update when
    /// they restart and connect to the server (roaming clients are excluded)" (TL2).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub restart_update: bool,
    /// Schedule-based update (Automatic Update screen): "Start time",
    /// `HH:MM`, daily (TL2). None: not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_start: Option<String>,
    /// "Update for a period of N hours": the server notifies agents at a
    /// random moment inside it (TL2). None: 2 hours, the manual's example.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_hours: Option<u32>,
}

/// `serde` skips a field at its default of true.
fn is_true(b: &bool) -> bool {
    *b
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ua_server_only: false,
            fallback_components: true,
            fallback_domain_settings: true,
            fallback_programs: true,
            agents_use_activeupdate: false,
            ua_always_standard: false,
            component_scope: ComponentScope::All,
            schedule_enabled: true,
            privilege_update_now: false,
            privilege_schedule_toggle: false,
            apply_scope: ApplyScope::All,
            edge_relay: None,
            roaming_automatic_update: true,
            notify_roaming: false,
            restart_update: false,
            schedule_start: None,
            schedule_hours: None,
        }
    }
}

impl Settings {
    /// The settings as an agent outside the apply scope sees them (T2): the
    /// Privileges and Other Settings screen falls back to its defaults, the
    /// Update Source screen still applies.
    pub fn without_privileges_screen(&self) -> Settings {
        let d = Settings::default();
        Settings {
            agents_use_activeupdate: d.agents_use_activeupdate,
            component_scope: d.component_scope,
            schedule_enabled: d.schedule_enabled,
            privilege_update_now: d.privilege_update_now,
            privilege_schedule_toggle: d.privilege_schedule_toggle,
            ..self.clone()
        }
    }
}

/// One relay of the agent's group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelayDoc {
    /// The relay's name (or address).
    pub name: String,
}

/// The S&WP update settings (SPEC §2 `swp`); wording in [`crate::edit::flags`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SwpDoc {
    /// `trend-micro` or an http(s) URL ("Other update source").
    pub primary: String,
    /// The name of the agent's relay group (RG1). With a name, `relays`
    /// are the group's relays in any order, and each agent draws its own
    /// order; without one, `relays` is one agent's draw, tried as listed (R1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay_group: Option<String>,
    /// The agent's relays (R1), or its group's (RG1).
    pub relays: Vec<RelayDoc>,
    /// The manager is enrolled in Version Control Policies (VC1). Newly
    /// created managers are enrolled automatically; documents from before
    /// the setting existed are not, so they keep their answer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub version_control: bool,
    /// The address of a Service Gateway with the Generic Caching Service
    /// (VC2); none means agents go to Trend Vision One directly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_gateway: Option<String>,
    /// Download from the primary source if relays are not accessible (R2).
    pub direct_if_relays_unreachable: bool,
    /// Download from the Primary Tenant Relay Group if relays are not accessible (R2).
    pub tenant_group_if_relays_unreachable: bool,
    /// Download when the manager is not accessible (R0).
    pub when_manager_unreachable: bool,
    /// Apply rule updates to policies automatically (R4).
    pub auto_apply_rule_updates: bool,
}

impl Default for SwpDoc {
    fn default() -> Self {
        SwpDoc {
            primary: "trend-micro".into(),
            relay_group: None,
            relays: Vec::new(),
            version_control: false,
            service_gateway: None,
            direct_if_relays_unreachable: false,
            tenant_group_if_relays_unreachable: false,
            when_manager_unreachable: false,
            auto_apply_rule_updates: true,
        }
    }
}

/// What the traced computer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// An ordinary agent.
    #[default]
    Agent,
    /// An Update Agent (U1, U2; it never updates from itself).
    UpdateAgent,
}

impl Role {
    /// The console's words.
    pub fn words(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::UpdateAgent => "Update Agent",
        }
    }
}

/// What starts the update (T1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    /// A schedule-based update.
    #[default]
    Scheduled,
    /// Update Now from the tray menu.
    UpdateNow,
    /// The server notifies the agent (Notify All).
    ServerNotify,
}

impl Trigger {
    /// Every trigger, in the order the page offers them.
    pub const ALL: [Trigger; 3] = [Trigger::Scheduled, Trigger::UpdateNow, Trigger::ServerNotify];

    /// The format's spelling.
    pub fn id(self) -> &'static str {
        match self {
            Trigger::Scheduled => "scheduled",
            Trigger::UpdateNow => "update-now",
            Trigger::ServerNotify => "server-notify",
        }
    }

    /// The console's words.
    pub fn words(self) -> &'static str {
        match self {
            Trigger::Scheduled => "Scheduled update",
            Trigger::UpdateNow => "Update Now (tray menu)",
            Trigger::ServerNotify => "Server notifies (Notify All)",
        }
    }
}

/// Whether the agent's domain existed when the settings were applied (T2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Domain {
    /// A domain that existed when the settings were applied.
    #[default]
    Existing,
    /// A domain added later (T2).
    Future,
}

/// Where the agent is, as the console's agent tree shows its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Location {
    /// Online: on the corporate network, in touch with the server.
    #[default]
    OnPremises,
    /// Apex One "Off-premises": outside the corporate network (LOC1-LOC3).
    OffPremises,
    /// OfficeScan 10.6 / 11 "roaming", XG and Apex One "Independent" (IND1, IND2).
    Independent,
}

impl Location {
    /// Every location, in the order the page offers them.
    pub const ALL: [Location; 3] = [Location::OnPremises, Location::OffPremises, Location::Independent];

    /// Whether the agent is where the document's default puts it.
    pub fn is_on_premises(&self) -> bool {
        *self == Location::OnPremises
    }

    /// The format's spelling.
    pub fn id(self) -> &'static str {
        match self {
            Location::OnPremises => "on-premises",
            Location::OffPremises => "off-premises",
            Location::Independent => "independent",
        }
    }
}

/// The agent traced, as the document gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgentDoc {
    /// One address a family at most in practice; both families = dual-stack.
    pub addresses: Vec<String>,
    /// Agent or Update Agent.
    pub role: Role,
    /// What starts the update.
    pub trigger: Trigger,
    /// Existing or future domain (T2).
    pub domain: Domain,
    /// The agent user's own tray-menu choice (T1).
    pub schedule_choice: Option<bool>,
    /// A laptop or portable computer (RW1).
    pub portable: bool,
    /// The Trend Vision One Endpoint Security agent's version (VC1), as
    /// the console shows it (`202412`, `20.0.1-21510`); none: not known,
    /// taken as before 202412.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `None` means the profile's default: all three, or components for S&WP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Item>>,
    /// Where the agent is (LOC1-LOC3, IND1-IND2).
    #[serde(skip_serializing_if = "Location::is_on_premises")]
    pub location: Location,
    /// For how many minutes after the server's notification the agent
    /// does not answer (off, asleep, away): the timeline's x (TL1-TL3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreachable_minutes: Option<u32>,
}

/// What fails right now: the what-ifs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct World {
    /// Sources down right now, in any spelling (SPEC §2).
    pub down: Vec<String>,
    /// S&WP: whether the manager is reachable (R0).
    pub manager_up: bool,
    /// A dual-stack proxy bridges IPv4 and IPv6 (L2).
    pub dual_stack_proxy: bool,
    /// When the server sent its notification, `HH:MM` (TL1): the timeline
    /// tells clock times with it, and T+minutes without.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notified_at: Option<String>,
}

impl Default for World {
    fn default() -> Self {
        World { down: Vec::new(), manager_up: true, dual_stack_proxy: false, notified_at: None }
    }
}

impl Scenario {
    /// Reads a document of any version this planner knows, brought up to
    /// the current one; unknown fields are refused by name and place.
    pub fn from_json(text: &str) -> Result<Scenario, ReadError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(ReadError::TooLarge { size: text.len() });
        }
        let start = text.trim_start();
        if !start.is_empty() && !start.starts_with('{') {
            let skipped = text.get(..text.len() - start.len()).unwrap_or_default();
            return Err(ReadError::at(
                skipped.matches('\n').count() + 1,
                skipped.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                "a scenario is a JSON object: it starts with `{`",
            ));
        }
        let doc = json::parse(text)?;
        migrate::to_current(&doc)?;
        read::scenario(&doc)
    }

    /// The document as the planner writes it (current version, pretty).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The JSON in pieces, for writing a large pasted list in slices: the
    /// document before the list's text and after it, and the list. Writing
    /// `before`, then the list escaped as a JSON string (without its
    /// quotes), then `after` gives [`Scenario::to_json`]. `None` when the
    /// list is not a pasted text.
    pub fn to_json_around_list(&self) -> Option<(String, std::sync::Arc<str>, String)> {
        const MARK: &str = "\u{1}list\u{1}";
        let ListDoc::Text(list) = &self.sources.list else { return None };
        let mut marked = self.clone();
        marked.sources.list = ListDoc::Text(MARK.into());
        let json = marked.to_json();
        let escaped = serde_json::to_string_pretty(MARK).ok()?;
        let inner = escaped.get(1..escaped.len() - 1)?;
        let at = json.find(inner)?;
        let before = json.get(..at)?.to_string();
        let after = json.get(at + inner.len()..)?.to_string();
        Some((before, list.clone(), after))
    }

    /// The name an exported file gets: the title, made safe for any file
    /// system, or `scenario.json` without one.
    pub fn file_name(&self) -> String {
        format!("{}.json", file_stem(self.title.as_deref()).unwrap_or_else(|| "scenario".into()))
    }

    /// The items this update wants, in the walk's order.
    pub fn wanted_items(&self) -> ItemSet {
        match (&self.agent.items, self.profile) {
            (Some(items), _) => ItemSet::of(items),
            (None, profile) => profile.items(),
        }
    }

    /// Whether it says anything of where the agent is or when it answers
    /// (LOC, IND, TL): the page opens those settings for it.
    pub fn has_where_when(&self) -> bool {
        let (a, s) = (&self.agent, &self.settings);
        a.location != Location::OnPremises
            || a.unreachable_minutes.is_some()
            || self.world.notified_at.is_some()
            || s.edge_relay.is_some()
            || s.schedule_start.is_some()
            || s.schedule_hours.is_some()
            || s.notify_roaming
            || s.restart_update
            || !s.roaming_automatic_update
    }

    /// A small scenario to start from.
    pub fn starter(profile: Profile) -> Scenario {
        Scenario {
            version: FORMAT_VERSION,
            profile,
            title: None,
            server: ServerDoc::default(),
            sources: SourcesDoc::default(),
            settings: Settings::default(),
            swp: SwpDoc::default(),
            agent: AgentDoc {
                addresses: vec!["10.1.4.20".into()],
                role: Role::Agent,
                trigger: Trigger::Scheduled,
                domain: Domain::Existing,
                schedule_choice: None,
                portable: false,
                version: None,
                items: None,
                location: Location::OnPremises,
                unreachable_minutes: None,
            },
            world: World::default(),
            fleet: FleetDoc::default(),
            evidence: None,
            patterns: None,
        }
    }
}

crate::model::words::format_words!(Mode, [(Mode::Standard, "standard"), (Mode::Customized, "customized")]);

crate::model::words::format_words!(
    ComponentScope,
    [
        (ComponentScope::All, "all"),
        (ComponentScope::PatternsEnginesDrivers, "patterns-engines-drivers"),
        (ComponentScope::Patterns, "patterns")
    ]
);

crate::model::words::format_words!(
    ApplyScope,
    [(ApplyScope::All, "all"), (ApplyScope::FutureDomains, "future-domains")]
);

crate::model::words::format_words!(Role, [(Role::Agent, "agent"), (Role::UpdateAgent, "update-agent")]);

crate::model::words::format_words!(
    Trigger,
    [(Trigger::Scheduled, "scheduled"), (Trigger::UpdateNow, "update-now"), (Trigger::ServerNotify, "server-notify")]
);

crate::model::words::format_words!(Domain, [(Domain::Existing, "existing"), (Domain::Future, "future")]);

crate::model::words::format_words!(
    Location,
    [
        (Location::OnPremises, "on-premises"),
        (Location::OffPremises, "off-premises"),
        (Location::Independent, "independent"),
        (Location::Independent, "roaming")
    ]
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_in_pieces_is_the_json() {
        let mut s = Scenario::starter(Profile::OfficeScanXg);
        s.title = Some("Floor \"3\"\n".into());
        s.sources.list = ListDoc::Text("10.1.0.0/16 -> ua://10.1.0.5 # \"quoted\" \\ tab\there\r\n\u{1}é✓🙂\n".into());
        let (before, list, after) = s.to_json_around_list().expect("a pasted list");
        // The list escaped a part at a time, as the page writes it.
        let mut json = before;
        for part in [&list[..10], &list[10..40], &list[40..]] {
            let escaped = serde_json::to_string_pretty(part).expect("a string");
            json.push_str(&escaped[1..escaped.len() - 1]);
        }
        json.push_str(&after);
        assert_eq!(json, s.to_json());
        s.sources.list = ListDoc::Entries(Vec::new());
        assert!(s.to_json_around_list().is_none());
    }

    #[test]
    fn defaults_follow_the_spec() {
        let s = Scenario::from_json(r#"{"version":1,"profile":"officescan-xg","agent":{"addresses":["10.0.0.1"]}}"#);
        let s = s.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.sources.mode, Mode::Standard);
        assert!(s.settings.fallback_components && s.settings.schedule_enabled && !s.settings.ua_server_only);
        assert!(s.world.manager_up);
        assert_eq!(s.wanted_items(), ItemSet::ALL);
        assert_eq!(s.agent.trigger, Trigger::Scheduled);
    }

    #[test]
    fn unknown_fields_are_named_with_their_position() {
        let e = Scenario::from_json(
            "{\"version\":1,\n\"profile\":\"apex-one\",\"agent\":{\"addresses\":[]},\n\"setings\":{}}",
        );
        match e {
            Err(ReadError::Json { line, message, .. }) => {
                assert_eq!(line, 3);
                assert!(message.contains("unknown field `setings`"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn exported_files_are_named_for_the_title() {
        let mut s = Scenario::starter(Profile::ApexOne);
        assert_eq!(s.file_name(), "scenario.json");
        s.title = Some("Ticket #4711: ACME / Floor 3 (Büro)".into());
        assert_eq!(s.file_name(), "ticket-4711-acme-floor-3-b-ro.json");
        s.title = Some("../../etc/passwd".into());
        assert_eq!(s.file_name(), "etc-passwd.json");
        s.title = Some("x".repeat(200));
        assert_eq!(s.file_name(), "scenario.json");
        s.title = Some(format!("{} {}", "a".repeat(50), "b".repeat(50)));
        assert_eq!(s.file_name(), format!("{}.json", "a".repeat(50)));
    }

    #[test]
    fn newer_versions_are_named() {
        let e = Scenario::from_json(r#"{"version":7,"profile":"future","whatever":1}"#);
        assert_eq!(e, Err(ReadError::NewerVersion { found: 7 }));
        assert!(matches!(Scenario::from_json(r#"{"version":0}"#), Err(ReadError::BadVersion { .. })));
        assert!(matches!(
            Scenario::from_json(r#"{"profile":"swp","agent":{"addresses":[]}}"#),
            Err(ReadError::Json { .. })
        ));
    }

    #[test]
    fn list_may_be_pasted_text() {
        let s = Scenario::from_json(
            r#"{"version":1,"profile":"officescan-xg","sources":{"mode":"customized","list":"* -> server"},"agent":{"addresses":["10.0.0.1"]}}"#,
        );
        assert!(matches!(s.map(|s| s.sources.list), Ok(ListDoc::Text(t)) if &*t == "* -> server"));
    }

    #[test]
    fn entries_written_as_lines_read_back_as_the_same_entries() {
        let doc = EntryDoc {
            range: "10.1.0.0/16".into(),
            source: "UA://10.1.0.5".into(),
            serves: Some(ItemSet::of(&[Item::Components])),
            label: Some("Floor 1".into()),
        };
        let list = crate::input::source_list::parse_list(&doc.to_line());
        assert_eq!(list.errors, vec![]);
        let e = &list.entries[0];
        assert_eq!(
            (e.source.canonical(), e.serves, e.label.as_deref()),
            ("ua://10.1.0.5".into(), ItemSet::of(&[Item::Components]), Some("Floor 1"))
        );
    }

    #[test]
    fn round_trips() {
        let s = Scenario::starter(Profile::ApexOne);
        assert_eq!(Scenario::from_json(&s.to_json()), Ok(s));
    }
}
