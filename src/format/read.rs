//! The scenario's types read from a JSON tree ([`crate::format::json`]),
//! each refusal at the place of what is refused: an unknown field at its
//! key, a wrong value at the value, a missing field at its object. Unknown
//! fields are refused by name, so a typo never silently falls back to a
//! default.

use std::sync::Arc;

use crate::format::error::ReadError;
use crate::format::json::{Node, Place, Value};
use crate::format::scenario::{
    AgentDoc, EntryDoc, FleetDoc, ListDoc, PatternsDoc, RelayDoc, Scenario, ServerDoc, Settings, SourceVersions,
    SourcesDoc, SwpDoc, World,
};
use crate::model::item::{Item, ItemSet};
use crate::model::words::{from_word, FormatWord};

type Read<T> = Result<T, ReadError>;

fn refuse(at: Place, message: impl Into<String>) -> ReadError {
    ReadError::at(at.0, at.1, message)
}

fn wrong_type(node: &Node, expected: &str) -> ReadError {
    refuse(node.at, format!("invalid type: {}, expected {expected}", node.kind()))
}

/// The values of an object's fields, in the order of `names`; an unknown
/// or repeated field is refused at its key.
fn fields<'a, const N: usize>(node: &'a Node, names: [&str; N]) -> Read<[Option<&'a Node>; N]> {
    let Value::Object(members) = &node.value else { return Err(wrong_type(node, "an object")) };
    let mut found = [None; N];
    for m in members {
        let Some(i) = names.iter().position(|n| *n == m.key) else {
            let expected: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            return Err(refuse(
                m.key_at,
                format!("unknown field `{}`, expected one of {}", m.key, expected.join(", ")),
            ));
        };
        if found.get_mut(i).and_then(|slot| slot.replace(&m.node)).is_some() {
            return Err(refuse(m.key_at, format!("duplicate field `{}`", m.key)));
        }
    }
    Ok(found)
}

/// A field without a default: refused at its object when it is missing.
fn required<'a>(object: &Node, value: Option<&'a Node>, name: &str) -> Read<&'a Node> {
    value.ok_or_else(|| refuse(object.at, format!("missing field `{name}`")))
}

/// A field that may be left out or be `null`.
fn optional<T>(value: Option<&Node>, read: impl Fn(&Node) -> Read<T>) -> Read<Option<T>> {
    match value {
        None => Ok(None),
        Some(n) if n.value == Value::Null => Ok(None),
        Some(n) => read(n).map(Some),
    }
}

/// A field with a default when it is left out.
fn or<T>(value: Option<&Node>, default: T, read: impl Fn(&Node) -> Read<T>) -> Read<T> {
    value.map_or(Ok(default), read)
}

fn boolean(node: &Node) -> Read<bool> {
    match node.value {
        Value::Bool(b) => Ok(b),
        _ => Err(wrong_type(node, "a boolean")),
    }
}

fn text(node: &Node) -> Read<String> {
    match &node.value {
        Value::String(s) => Ok(s.clone()),
        _ => Err(wrong_type(node, "a string")),
    }
}

fn whole<T: TryFrom<u64>>(node: &Node) -> Read<T> {
    match &node.value {
        Value::Number(n) if !n.contains(['-', '.', 'e', 'E']) => n
            .parse::<u64>()
            .ok()
            .and_then(|v| T::try_from(v).ok())
            .ok_or_else(|| refuse(node.at, format!("invalid value: number `{n}`, expected a smaller whole number"))),
        _ => Err(wrong_type(node, "a whole number")),
    }
}

fn word<T: FormatWord>(node: &Node) -> Read<T> {
    match &node.value {
        Value::String(s) => from_word(s).map_err(|e| refuse(node.at, e)),
        _ => Err(wrong_type(node, "a string")),
    }
}

fn list<T>(node: &Node, read: impl Fn(&Node) -> Read<T>) -> Read<Vec<T>> {
    match &node.value {
        Value::Array(items) => items.iter().map(read).collect(),
        _ => Err(wrong_type(node, "a list")),
    }
}

fn texts(node: &Node) -> Read<Vec<String>> {
    list(node, text)
}

fn items(node: &Node) -> Read<Vec<Item>> {
    list(node, word::<Item>)
}

/// Reads a scenario of the current version (the migration steps ran).
pub fn scenario(node: &Node) -> Read<Scenario> {
    let [version, profile, title, server, sources, settings, swp, agent, world, fleet, evidence, patterns] = fields(
        node,
        [
            "version", "profile", "title", "server", "sources", "settings", "swp", "agent", "world", "fleet",
            "evidence", "patterns",
        ],
    )?;
    required(node, version, "version")?;
    let profile = word(required(node, profile, "profile")?)?;
    Ok(Scenario {
        version: crate::format::FORMAT_VERSION,
        profile,
        title: optional(title, text)?,
        server: or(server, ServerDoc::default(), server_doc)?,
        sources: or(sources, SourcesDoc::default(), sources_doc)?,
        settings: or(settings, Settings::default(), settings_doc)?,
        swp: or(swp, SwpDoc::default(), swp_doc)?,
        agent: agent_doc(required(node, agent, "agent")?)?,
        world: or(world, World::default(), world_doc)?,
        fleet: or(fleet, FleetDoc::default(), fleet_doc)?,
        evidence: optional(evidence, text)?,
        patterns: optional(patterns, patterns_doc)?,
    })
}

fn server_doc(node: &Node) -> Read<ServerDoc> {
    let [address] = fields(node, ["address"])?;
    Ok(ServerDoc { address: optional(address, text)? })
}

fn fleet_doc(node: &Node) -> Read<FleetDoc> {
    let [agents] = fields(node, ["agents"])?;
    Ok(FleetDoc { agents: or(agents, String::new(), text)? })
}

fn sources_doc(node: &Node) -> Read<SourcesDoc> {
    let [mode, list] = fields(node, ["mode", "list"])?;
    Ok(SourcesDoc { mode: or(mode, Default::default(), word)?, list: or(list, ListDoc::default(), list_doc)? })
}

fn list_doc(node: &Node) -> Read<ListDoc> {
    match &node.value {
        Value::String(s) => Ok(ListDoc::Text(Arc::from(s.as_str()))),
        Value::Array(_) => list(node, entry_doc).map(ListDoc::Entries),
        _ => Err(wrong_type(node, "an array of entries or the pasted list as a string")),
    }
}

fn entry_doc(node: &Node) -> Read<EntryDoc> {
    let [range, source, serves, label] = fields(node, ["range", "source", "serves", "label"])?;
    Ok(EntryDoc {
        range: text(required(node, range, "range")?)?,
        source: text(required(node, source, "source")?)?,
        serves: optional(serves, |n| items(n).map(|v| ItemSet::of(&v)))?,
        label: optional(label, text)?,
    })
}

fn settings_doc(node: &Node) -> Read<Settings> {
    let [ua_server_only, fallback_components, fallback_domain_settings, fallback_programs, agents_use_activeupdate, ua_always_standard, component_scope, schedule_enabled, privilege_update_now, privilege_schedule_toggle, apply_scope, edge_relay, roaming_automatic_update, notify_roaming, restart_update, schedule_start, schedule_hours] =
        fields(
            node,
            [
                "ua_server_only",
                "fallback_components",
                "fallback_domain_settings",
                "fallback_programs",
                "agents_use_activeupdate",
                "ua_always_standard",
                "component_scope",
                "schedule_enabled",
                "privilege_update_now",
                "privilege_schedule_toggle",
                "apply_scope",
                "edge_relay",
                "roaming_automatic_update",
                "notify_roaming",
                "restart_update",
                "schedule_start",
                "schedule_hours",
            ],
        )?;
    let d = Settings::default();
    Ok(Settings {
        ua_server_only: or(ua_server_only, d.ua_server_only, boolean)?,
        fallback_components: or(fallback_components, d.fallback_components, boolean)?,
        fallback_domain_settings: or(fallback_domain_settings, d.fallback_domain_settings, boolean)?,
        fallback_programs: or(fallback_programs, d.fallback_programs, boolean)?,
        agents_use_activeupdate: or(agents_use_activeupdate, d.agents_use_activeupdate, boolean)?,
        ua_always_standard: or(ua_always_standard, d.ua_always_standard, boolean)?,
        component_scope: or(component_scope, d.component_scope, word)?,
        schedule_enabled: or(schedule_enabled, d.schedule_enabled, boolean)?,
        privilege_update_now: or(privilege_update_now, d.privilege_update_now, boolean)?,
        privilege_schedule_toggle: or(privilege_schedule_toggle, d.privilege_schedule_toggle, boolean)?,
        apply_scope: or(apply_scope, d.apply_scope, word)?,
        edge_relay: optional(edge_relay, text)?,
        roaming_automatic_update: or(roaming_automatic_update, d.roaming_automatic_update, boolean)?,
        notify_roaming: or(notify_roaming, d.notify_roaming, boolean)?,
        restart_update: or(restart_update, d.restart_update, boolean)?,
        schedule_start: optional(schedule_start, text)?,
        schedule_hours: optional(schedule_hours, whole)?,
    })
}

fn swp_doc(node: &Node) -> Read<SwpDoc> {
    let [primary, relay_group, relays, version_control, service_gateway, direct, tenant_group, when_manager_unreachable, auto_apply] =
        fields(
            node,
            [
                "primary",
                "relay_group",
                "relays",
                "version_control",
                "service_gateway",
                "direct_if_relays_unreachable",
                "tenant_group_if_relays_unreachable",
                "when_manager_unreachable",
                "auto_apply_rule_updates",
            ],
        )?;
    let d = SwpDoc::default();
    Ok(SwpDoc {
        primary: or(primary, d.primary, text)?,
        relay_group: optional(relay_group, text)?,
        relays: or(relays, Vec::new(), |n| list(n, relay_doc))?,
        version_control: or(version_control, d.version_control, boolean)?,
        service_gateway: optional(service_gateway, text)?,
        direct_if_relays_unreachable: or(direct, d.direct_if_relays_unreachable, boolean)?,
        tenant_group_if_relays_unreachable: or(tenant_group, d.tenant_group_if_relays_unreachable, boolean)?,
        when_manager_unreachable: or(when_manager_unreachable, d.when_manager_unreachable, boolean)?,
        auto_apply_rule_updates: or(auto_apply, d.auto_apply_rule_updates, boolean)?,
    })
}

fn relay_doc(node: &Node) -> Read<RelayDoc> {
    let [name] = fields(node, ["name"])?;
    Ok(RelayDoc { name: text(required(node, name, "name")?)? })
}

fn agent_doc(node: &Node) -> Read<AgentDoc> {
    let [addresses, role, trigger, domain, schedule_choice, portable, version, items_, location, unreachable_minutes] =
        fields(
            node,
            [
                "addresses",
                "role",
                "trigger",
                "domain",
                "schedule_choice",
                "portable",
                "version",
                "items",
                "location",
                "unreachable_minutes",
            ],
        )?;
    Ok(AgentDoc {
        addresses: texts(required(node, addresses, "addresses")?)?,
        role: or(role, Default::default(), word)?,
        trigger: or(trigger, Default::default(), word)?,
        domain: or(domain, Default::default(), word)?,
        schedule_choice: optional(schedule_choice, boolean)?,
        portable: or(portable, false, boolean)?,
        version: optional(version, text)?,
        items: optional(items_, items)?,
        location: or(location, Default::default(), word)?,
        unreachable_minutes: optional(unreachable_minutes, whole)?,
    })
}

fn world_doc(node: &Node) -> Read<World> {
    let [down, manager_up, dual_stack_proxy, notified_at] =
        fields(node, ["down", "manager_up", "dual_stack_proxy", "notified_at"])?;
    let d = World::default();
    Ok(World {
        down: or(down, Vec::new(), texts)?,
        manager_up: or(manager_up, d.manager_up, boolean)?,
        dual_stack_proxy: or(dual_stack_proxy, d.dual_stack_proxy, boolean)?,
        notified_at: optional(notified_at, text)?,
    })
}

fn patterns_doc(node: &Node) -> Read<PatternsDoc> {
    let [activeupdate, server, server_kept, agent, sources, full_kb, incremental_kb] =
        fields(node, ["activeupdate", "server", "server_kept", "agent", "sources", "full_kb", "incremental_kb"])?;
    Ok(PatternsDoc {
        activeupdate: optional(activeupdate, whole)?,
        server: optional(server, whole)?,
        server_kept: or(server_kept, Vec::new(), |n| list(n, whole))?,
        agent: optional(agent, whole)?,
        sources: or(sources, SourceVersions::default(), source_versions)?,
        full_kb: optional(full_kb, whole)?,
        incremental_kb: optional(incremental_kb, whole)?,
    })
}

/// `patterns.sources`: source words and their versions, in the order written.
fn source_versions(node: &Node) -> Read<SourceVersions> {
    match &node.value {
        Value::Object(members) => {
            members.iter().map(|m| Ok((m.key.clone(), whole(&m.node)?))).collect::<Read<_>>().map(SourceVersions)
        }
        _ => Err(wrong_type(node, "an object of source words and pattern versions")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json::parse;
    use crate::format::scenario::{ApplyScope, ComponentScope, Domain, Location, Mode, Role, Trigger};
    use crate::model::profile::Profile;

    fn read(text: &str) -> Read<Scenario> {
        scenario(&parse(text)?)
    }

    fn refusal(text: &str) -> ((usize, usize), String) {
        match read(text) {
            Err(e) => (e.place(), e.message()),
            Ok(s) => panic!("{text}: read as {s:?}"),
        }
    }

    /// Every field away from its default, written and read back: each is
    /// read into its own place.
    #[test]
    fn every_field_is_read_into_its_place() {
        let mut s = Scenario::starter(Profile::ApexOne);
        s.title = Some("Ticket 4711".into());
        s.server.address = Some("apex.corp.local".into());
        s.sources = SourcesDoc {
            mode: Mode::Customized,
            list: ListDoc::Entries(vec![EntryDoc {
                range: "10.0.0.0/8".into(),
                source: "ua://10.0.0.5".into(),
                serves: Some(ItemSet::of(&[Item::Components])),
                label: Some("HQ".into()),
            }]),
        };
        let d = Settings::default();
        s.settings = Settings {
            ua_server_only: !d.ua_server_only,
            fallback_components: !d.fallback_components,
            fallback_domain_settings: !d.fallback_domain_settings,
            fallback_programs: !d.fallback_programs,
            agents_use_activeupdate: !d.agents_use_activeupdate,
            ua_always_standard: !d.ua_always_standard,
            component_scope: ComponentScope::Patterns,
            schedule_enabled: !d.schedule_enabled,
            privilege_update_now: !d.privilege_update_now,
            privilege_schedule_toggle: !d.privilege_schedule_toggle,
            apply_scope: ApplyScope::FutureDomains,
            edge_relay: Some("er.example".into()),
            roaming_automatic_update: !d.roaming_automatic_update,
            notify_roaming: !d.notify_roaming,
            restart_update: !d.restart_update,
            schedule_start: Some("12:00".into()),
            schedule_hours: Some(3),
        };
        let w = SwpDoc::default();
        s.swp = SwpDoc {
            primary: "https://mirror.example/".into(),
            relay_group: Some("Branch".into()),
            relays: vec![RelayDoc { name: "relay-1".into() }],
            version_control: !w.version_control,
            service_gateway: Some("sg.example".into()),
            direct_if_relays_unreachable: !w.direct_if_relays_unreachable,
            tenant_group_if_relays_unreachable: !w.tenant_group_if_relays_unreachable,
            when_manager_unreachable: !w.when_manager_unreachable,
            auto_apply_rule_updates: !w.auto_apply_rule_updates,
        };
        s.agent = AgentDoc {
            addresses: vec!["10.1.4.20".into(), "2001:db8::20".into()],
            role: Role::UpdateAgent,
            trigger: Trigger::UpdateNow,
            domain: Domain::Future,
            schedule_choice: Some(false),
            portable: true,
            version: Some("202412".into()),
            items: Some(vec![Item::Programs]),
            location: Location::Independent,
            unreachable_minutes: Some(40),
        };
        s.world = World {
            down: vec!["server".into()],
            manager_up: false,
            dual_stack_proxy: true,
            notified_at: Some("10:00".into()),
        };
        s.fleet = FleetDoc { agents: "10.0.0.0/30".into() };
        s.evidence = Some("log".into());
        s.patterns = Some(PatternsDoc {
            activeupdate: Some(175),
            server: Some(171),
            server_kept: vec![169, 167],
            agent: Some(161),
            sources: SourceVersions(vec![("ua://10.0.0.5".into(), 159), ("https://mirror.example/".into(), 173)]),
            full_kb: Some(75_000),
            incremental_kb: Some(500),
        });
        assert_eq!(read(&s.to_json()), Ok(s.clone()));
        s.sources.list = ListDoc::Text("* -> ua://10.0.0.5\n".into());
        assert_eq!(read(&s.to_json()), Ok(s));
    }

    /// What a document leaves out takes the console's defaults, and `null`
    /// is no value where a value may be left out.
    #[test]
    fn what_is_left_out_or_null_takes_its_default() {
        let least = r#"{"version":6,"profile":"apex-one","agent":{"addresses":["10.1.4.20"]}}"#;
        assert_eq!(read(least), Ok(Scenario::starter(Profile::ApexOne)));
        let nulls = r#"{"version":6,"profile":"apex-one","title":null,"evidence":null,"patterns":null,
            "server":{"address":null},"settings":{"edge_relay":null,"schedule_start":null,"schedule_hours":null},
            "swp":{"relay_group":null,"service_gateway":null},"world":{"notified_at":null},
            "agent":{"addresses":["10.1.4.20"],"schedule_choice":null,"version":null,"items":null,"unreachable_minutes":null},
            "sources":{"list":[{"range":"*","source":"server","serves":null,"label":null}]}}"#;
        let mut expected = Scenario::starter(Profile::ApexOne);
        expected.sources.list =
            ListDoc::Entries(vec![EntryDoc { range: "*".into(), source: "server".into(), serves: None, label: None }]);
        assert_eq!(read(nulls), Ok(expected));
        let empty = r#"{"version":6,"profile":"swp","agent":{"addresses":[]},"patterns":{},"fleet":{},"world":{},"swp":{},"settings":{},"server":{},"sources":{}}"#;
        let mut expected = Scenario::starter(Profile::Swp);
        expected.agent.addresses.clear();
        expected.patterns = Some(PatternsDoc::default());
        assert_eq!(read(empty), Ok(expected));
    }

    /// Each refusal names what is wrong where it starts: `at` is the text
    /// the place is at (its first occurrence), `None` for the document's start.
    #[test]
    fn each_refusal_is_placed_at_what_is_refused() {
        let doc = |rest: &str| format!(r#"{{"version":6,"profile":"apex-one","agent":{{"addresses":["a"]}}{rest}}}"#);
        let fields = "`version`, `profile`, `title`, `server`, `sources`, `settings`, `swp`, `agent`, `world`, `fleet`, `evidence`, `patterns`";
        for (text, at, message) in [
            (doc(r#","settng":1"#), Some(r#""settng""#), format!("unknown field `settng`, expected one of {fields}")),
            (doc(r#","title":"a","title":"b""#), Some(r#""title":"b""#), "duplicate field `title`".into()),
            (
                doc(r#","server":{"adress":"x"}"#),
                Some(r#""adress""#),
                "unknown field `adress`, expected one of `address`".into(),
            ),
            (doc(r#","server":[]"#), Some("[]"), "invalid type: a list, expected an object".into()),
            (
                doc(r#","settings":{"schedule_enabled":"yes"}"#),
                Some(r#""yes""#),
                "invalid type: string \"yes\", expected a boolean".into(),
            ),
            (
                doc(r#","settings":{"schedule_enabled":null}"#),
                Some("null"),
                "invalid type: null, expected a boolean".into(),
            ),
            (
                doc(r#","settings":{"schedule_hours":4294967296}"#),
                Some("4294967296"),
                "invalid value: number `4294967296`, expected a smaller whole number".into(),
            ),
            (
                doc(r#","settings":{"schedule_hours":-1}"#),
                Some("-1"),
                "invalid type: number `-1`, expected a whole number".into(),
            ),
            (
                doc(r#","settings":{"apply_scope":"some"}"#),
                Some(r#""some""#),
                "unknown variant `some`, expected one of `all`, `future-domains`".into(),
            ),
            (
                doc(r#","settings":{"apply_scope":1}"#),
                Some(":1}"),
                "invalid type: number `1`, expected a string".into(),
            ),
            (doc(r#","title":7"#), Some("7"), "invalid type: number `7`, expected a string".into()),
            (
                doc(r#","world":{"down":"server"}"#),
                Some(r#""server""#),
                "invalid type: string \"server\", expected a list".into(),
            ),
            (
                doc(r#","sources":{"list":{}}"#),
                Some("{}"),
                "invalid type: an object, expected an array of entries or the pasted list as a string".into(),
            ),
            (doc(r#","sources":{"list":[{"range":"*"}]}"#), Some(r#"{"range""#), "missing field `source`".into()),
            (doc(r#","swp":{"relays":[{}]}"#), Some("{}"), "missing field `name`".into()),
            (
                doc(r#","patterns":{"sources":[]}"#),
                Some("[]}"),
                "invalid type: a list, expected an object of source words and pattern versions".into(),
            ),
            (
                doc(r#","patterns":{"sources":{"ua://x":1.5}}"#),
                Some("1.5"),
                "invalid type: number `1.5`, expected a whole number".into(),
            ),
            (
                doc(r#","patterns":{"full_kb":18446744073709551616}"#),
                Some("18446744073709551616"),
                "invalid value: number `18446744073709551616`, expected a smaller whole number".into(),
            ),
            (r#"{"version":6,"profile":"apex-one"}"#.into(), None, "missing field `agent`".into()),
            (r#"{"version":6,"agent":{"addresses":[]}}"#.into(), None, "missing field `profile`".into()),
            (r#"{"profile":"swp","agent":{"addresses":[]}}"#.into(), None, "missing field `version`".into()),
            (r#"{"version":6,"profile":"swp","agent":{}}"#.into(), Some("{}"), "missing field `addresses`".into()),
            (
                r#"{"version":6,"profile":"swp","agent":{"addresses":[1]}}"#.into(),
                Some("1]"),
                "invalid type: number `1`, expected a string".into(),
            ),
            (
                r#"{"version":6,"profile":"swp","agent":{"addresses":[],"items":["all"]}}"#.into(),
                Some(r#""all""#),
                "unknown variant `all`, expected one of `domain-settings`, `components`, `programs`".into(),
            ),
        ] {
            // One line: the column is the byte offset's, the text being ASCII; a
            // value named by its key's colon (`:1}`) starts after it.
            let column = at.map_or(1, |at| text.find(at).expect("the place") + 1 + usize::from(at.starts_with(':')));
            assert_eq!(refusal(&text), ((1, column), message), "{text}");
        }
    }
}
