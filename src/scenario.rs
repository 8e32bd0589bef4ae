//! The scenario document (SPEC §2): one JSON format for the page, the command
//! line, files and share links. Unknown fields are refused by name, so a typo
//! never silently falls back to a default.

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::item::{Item, ItemSet};
use crate::profile::Profile;

/// The format version this build writes. Version 2 added `title` and
/// `fleet`; older documents are brought up to it by [`crate::migrate`].
pub const FORMAT_VERSION: u32 = 2;

/// The largest document the readers accept; a pasted list of 100,000 lines
/// fits well inside it.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    pub profile: Profile,
    /// What the scenario is about (a ticket, a customer, a site): heads the
    /// printed trace and names exported files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub server: ServerDoc,
    #[serde(default)]
    pub sources: SourcesDoc,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub swp: SwpDoc,
    pub agent: AgentDoc,
    #[serde(default)]
    pub world: World,
    #[serde(default, skip_serializing_if = "FleetDoc::is_empty")]
    pub fleet: FleetDoc,
}

/// The fleet view's agents, kept with the scenario so a reload, an export
/// or a link brings them back.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FleetDoc {
    /// One address or range a line, as `planner batch` reads them.
    #[serde(default)]
    pub agents: String,
}

impl FleetDoc {
    pub fn is_empty(&self) -> bool {
        self.agents.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Standard,
    Customized,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesDoc {
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub list: ListDoc,
}

/// The customized list, as entries (SPEC §2) or as pasted text (SPEC §6).
/// The page keeps the text, so a half-typed line is never lost; the text is
/// shared, not copied, when the page passes a scenario around, since a
/// pasted list can run to megabytes.
#[derive(Debug, Clone, PartialEq)]
pub enum ListDoc {
    Entries(Vec<EntryDoc>),
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

impl<'de> Deserialize<'de> for ListDoc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = ListDoc;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of entries or the pasted list as a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ListDoc, E> {
                Ok(ListDoc::Text(v.into()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListDoc, A::Error> {
                let mut out = Vec::new();
                while let Some(e) = seq.next_element()? {
                    out.push(e);
                }
                Ok(ListDoc::Entries(out))
            }
        }
        d.deserialize_any(ListVisitor)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDoc {
    pub range: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serves: Option<ItemSet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl EntryDoc {
    /// The entry as a pasted-list line (SPEC §6), as written: nothing is
    /// canonicalised, so a bad entry stays visible as the user wrote it.
    pub fn to_line(&self) -> String {
        let mut line = format!("{} -> {}", self.range, self.source);
        if let Some(serves) = self.serves {
            let items: Vec<&str> = serves.iter().map(Item::id).collect();
            line.push_str(&format!(" serves={}", items.join(",")));
        }
        if let Some(label) = &self.label {
            line.push_str(&format!(" # {label}"));
        }
        line
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentScope {
    #[default]
    All,
    PatternsEnginesDrivers,
    Patterns,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApplyScope {
    #[default]
    All,
    FutureDomains,
}

/// The console's update settings (OfficeScan family), SPEC defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub ua_server_only: bool,
    pub fallback_components: bool,
    pub fallback_domain_settings: bool,
    pub fallback_programs: bool,
    pub agents_use_activeupdate: bool,
    pub ua_always_standard: bool,
    pub component_scope: ComponentScope,
    pub schedule_enabled: bool,
    pub privilege_update_now: bool,
    pub privilege_schedule_toggle: bool,
    pub apply_scope: ApplyScope,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelayDoc {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SwpDoc {
    pub primary: String,
    pub relays: Vec<RelayDoc>,
    pub direct_if_relays_unreachable: bool,
    pub tenant_group_if_relays_unreachable: bool,
    pub when_manager_unreachable: bool,
    pub auto_apply_rule_updates: bool,
}

impl Default for SwpDoc {
    fn default() -> Self {
        SwpDoc {
            primary: "trend-micro".into(),
            relays: Vec::new(),
            direct_if_relays_unreachable: false,
            tenant_group_if_relays_unreachable: false,
            when_manager_unreachable: false,
            auto_apply_rule_updates: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    #[default]
    Agent,
    UpdateAgent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    #[default]
    Scheduled,
    UpdateNow,
    ServerNotify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Domain {
    #[default]
    Existing,
    Future,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentDoc {
    pub addresses: Vec<String>,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub trigger: Trigger,
    #[serde(default)]
    pub domain: Domain,
    #[serde(default)]
    pub schedule_choice: Option<bool>,
    #[serde(default)]
    pub portable: bool,
    /// `None` means the profile's default: all three, or components for S&WP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Item>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct World {
    pub down: Vec<String>,
    pub manager_up: bool,
    pub dual_stack_proxy: bool,
}

impl Default for World {
    fn default() -> Self {
        World { down: Vec::new(), manager_up: true, dual_stack_proxy: false }
    }
}

/// Why a document is not a scenario at all (the command line's exit 2).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    #[error("line {line}, column {column}: {message}")]
    Json { line: usize, column: usize, message: String },
    #[error("this scenario is format version {found}, written by a newer planner; this planner reads version {FORMAT_VERSION}")]
    NewerVersion { found: u64 },
    #[error("`version` must be a whole number from 1 (found {found})")]
    BadVersion { found: String },
    #[error("the document is {size} bytes; the planner reads at most {MAX_DOCUMENT_BYTES} bytes")]
    TooLarge { size: usize },
}

/// Only `version`, read first so a newer document gets a message about its
/// version rather than about fields this build does not know.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default, deserialize_with = "version_number")]
    version: Option<Result<u64, String>>,
}

/// Any JSON value, kept as a number when it is a whole one.
fn version_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Result<u64, String>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Result<u64, String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a version number")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Ok(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Err(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Err("a fraction".into()))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Err(format!("\"{v}\"")))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Err(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Err("null".into()))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            Ok(Err("a list".into()))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
            Ok(Err("an object".into()))
        }
    }
    d.deserialize_any(V).map(Some)
}

impl Scenario {
    pub fn from_json(text: &str) -> Result<Scenario, ReadError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(ReadError::TooLarge { size: text.len() });
        }
        let start = text.trim_start();
        if !start.is_empty() && !start.starts_with('{') {
            let skipped = text.get(..text.len() - start.len()).unwrap_or_default();
            return Err(ReadError::Json {
                line: skipped.matches('\n').count() + 1,
                column: skipped.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                message: "a scenario is a JSON object: it starts with `{`".into(),
            });
        }
        let probe: VersionProbe = serde_json::from_str(text).map_err(json_error)?;
        match probe.version {
            None => {}
            Some(Ok(v)) if v > u64::from(FORMAT_VERSION) => return Err(ReadError::NewerVersion { found: v }),
            Some(Ok(v)) if v >= 1 => {}
            Some(Ok(v)) => return Err(ReadError::BadVersion { found: v.to_string() }),
            Some(Err(found)) => return Err(ReadError::BadVersion { found }),
        }
        let read: Scenario = serde_json::from_str(text).map_err(json_error)?;
        crate::migrate::to_current(read, text)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The name an exported file gets: the title, made safe for any file
    /// system, or `scenario.json` without one.
    pub fn file_name(&self) -> String {
        let words: String = self
            .title
            .as_deref()
            .unwrap_or_default()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' })
            .collect();
        let mut stem = String::new();
        for word in words.split_whitespace() {
            if stem.len() + word.len() > 60 {
                break;
            }
            if !stem.is_empty() {
                stem.push('-');
            }
            stem.push_str(word);
        }
        if stem.is_empty() {
            "scenario.json".into()
        } else {
            format!("{stem}.json")
        }
    }

    /// The items this update wants, in the walk's order.
    pub fn wanted_items(&self) -> ItemSet {
        match (&self.agent.items, self.profile) {
            (Some(items), _) => ItemSet::of(items),
            (None, Profile::Swp) => ItemSet::of(&[Item::Components]),
            (None, _) => ItemSet::ALL,
        }
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
                items: None,
            },
            world: World::default(),
            fleet: FleetDoc::default(),
        }
    }
}

fn json_error(e: serde_json::Error) -> ReadError {
    // serde_json counts a column 0 at the start of a line; people count from 1.
    ReadError::Json { line: e.line().max(1), column: e.column().max(1), message: strip_position(&e.to_string()) }
}

/// serde_json appends " at line L column C"; the position is kept apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let list = crate::source_list::parse_list(&doc.to_line());
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
