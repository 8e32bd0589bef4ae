//! Where the agent is and when it updates (LOC1-LOC3, IND1-IND2,
//! TL1-TL3): one test per rule id, each naming the sentence it rests on.

mod common;

use common::*;
use serde_json::{json, Value};
use update_source_planner::model::item::Item::{Components, DomainSettings, Programs};
use update_source_planner::trace::StepKind;
use update_source_planner::when::Answer;

fn doc(profile: &str, settings: Value, agent: Value, world: Value) -> Value {
    let mut d = json!({
        "version": 5,
        "profile": profile,
        "sources": { "mode": "customized", "list": [{ "range": "10.1.0.0/16", "source": "ua://10.1.0.5" }] },
        "settings": settings,
        "agent": agent,
        "world": world
    });
    if d["agent"].get("addresses").is_none() {
        d["agent"]["addresses"] = json!(["10.1.4.20"]);
    }
    d
}

fn step<'a>(t: &'a update_source_planner::Trace, rule: &str) -> &'a update_source_planner::trace::Step {
    t.steps.iter().find(|s| s.rule().id() == rule).unwrap_or_else(|| panic!("no {rule} step in {:?}", rules(t)))
}

fn notified(extra: Value) -> Value {
    let mut agent = json!({ "trigger": "server-notify" });
    for (k, v) in extra.as_object().into_iter().flatten() {
        agent[k] = v.clone();
    }
    agent
}

/// "Off-premises: the Security Agent is outside of the corporate network
/// and cannot connect to the Apex One server directly" and "the Edge Relay
/// server does not initiate connections to off-premises Security Agents".
#[test]
fn loc1_the_servers_notification_never_reaches_an_off_premises_agent() {
    let t = run(doc(
        "apex-one",
        json!({ "edge_relay": "edge.corp.example" }),
        notified(json!({ "location": "off-premises" })),
        json!({}),
    ));
    let loc1 = step(&t, "LOC1");
    assert_eq!(loc1.kind(), StepKind::Trigger);
    assert!(loc1.text().contains("notification does not reach it"), "{}", loc1.text());
    let when = t.when.as_ref().expect("a timeline");
    assert!(when.notifications.is_empty(), "no notification is sent to it: {:?}", when.notifications);
    assert!(!rules(&t).contains(&"TL1".to_string()), "no step speaks of notifications sent to it");
    // On-premises, the same agent answers at once.
    let t = run(doc("apex-one", json!({}), notified(json!({ "unreachable_minutes": 0 })), json!({})));
    assert!(!rules(&t).contains(&"LOC1".to_string()));
    assert_eq!(t.when.as_ref().map(|w| w.answer), Some(Answer::Notification { n: 1, at: 0 }));
}

/// The trace says where the agent was taken to be, for the picture's
/// boundary and the trace's JSON: off premises, roaming, or (unsaid) on premises.
#[test]
fn the_trace_says_where_the_agent_was() {
    use update_source_planner::format::scenario::Location;
    let at = |profile: &str, location: &str| {
        let t = run(doc(profile, json!({}), json!({ "location": location }), json!({})));
        let json: Value = serde_json::from_str(&t.to_json()).expect("JSON");
        (t.location, json.get("location").cloned())
    };
    assert_eq!(at("apex-one", "off-premises"), (Location::OffPremises, Some(json!("off-premises"))));
    assert_eq!(at("officescan-11", "independent"), (Location::Independent, Some(json!("independent"))));
    assert_eq!(at("apex-one", "on-premises"), (Location::OnPremises, None));
}

/// "Engine and pattern updates will be retrieved from AU servers."
#[test]
fn loc2_an_off_premises_agent_gets_engines_and_patterns_from_activeupdate() {
    let agent = json!({ "location": "off-premises" });
    let t = run(doc("apex-one", json!({ "edge_relay": "edge.corp.example" }), agent.clone(), json!({})));
    assert_eq!(path(&t, Components), vec!["activeupdate:delivered"], "not the list's Update Agent");
    assert!(step(&t, "LOC2").text().contains("retrieves engines and pattern files from the ActiveUpdate server"));
    let t = run(doc("apex-one", json!({}), agent, json!({ "down": ["activeupdate"] })));
    assert_eq!(path(&t, Components), vec!["activeupdate:failed"]);
    assert_eq!(outcome(&t, Components), "not-updated");
}

/// "Edge Relay now supports: ... Configuration; Hot fix or patch upgrades."
/// and "Offline: no functional connection with the Apex One server or an
/// Edge Relay server".
#[test]
fn loc3_settings_and_hot_fixes_go_through_the_edge_relay_else_not_updated() {
    let agent = json!({ "location": "off-premises" });
    let edge = json!({ "edge_relay": "edge.corp.example" });
    let t = run(doc("apex-one", edge.clone(), agent.clone(), json!({})));
    for item in [DomainSettings, Programs] {
        assert_eq!(path(&t, item), vec!["edge-relay:delivered"]);
        assert_eq!(t.outcome_words(item), "updated from the Edge Relay server");
    }
    let down = run(doc("apex-one", edge.clone(), agent.clone(), json!({ "down": ["edge-relay"] })));
    assert_eq!(outcome(&down, DomainSettings), "not-updated");
    assert_eq!(outcome(&down, Components), "updated@activeupdate", "engines and patterns do not need it");
    // Through the Edge Relay server to a server that is down: our reading, marked.
    let server_down = run(doc("apex-one", edge, agent.clone(), json!({ "down": ["server"] })));
    let attempt = server_down.steps.iter().find(|s| s.rule().id() == "LOC3").expect("an attempt");
    assert!(attempt.assumed() && attempt.text().contains("which is down"), "{}", attempt.text());
    let none = run(doc("apex-one", json!({}), agent, json!({})));
    assert_eq!(outcome(&none, Programs), "not-updated");
    let quit = none.steps.iter().rev().find(|s| s.rule().id() == "LOC3").expect("a quit");
    assert_eq!(quit.kind(), StepKind::Quit);
    assert!(quit.text().contains("the console shows it Offline"), "{}", quit.text());
    // The component scope still applies off-premises.
    let scoped = run(doc(
        "apex-one",
        json!({ "component_scope": "patterns" }),
        json!({ "location": "off-premises" }),
        json!({}),
    ));
    assert_eq!(outcome(&scoped, Programs), "excluded");
}

/// "The following events trigger an update on roaming clients: The user
/// performs a manual update. / Automatic client update runs. You can
/// disable automatic client update on roaming clients. / Scheduled update
/// runs. Only clients with the required privileges can run scheduled
/// updates." and the event-triggered option "Include roaming and offline
/// client(s)".
#[test]
fn ind1_what_starts_an_update_on_a_roaming_client() {
    let roaming = |trigger: &str| json!({ "trigger": trigger, "location": "roaming" });
    // Scheduled: only with the privilege.
    let t = run(doc("officescan-10.6", json!({}), roaming("scheduled"), json!({})));
    assert_eq!(outcome(&t, Components), "not-started");
    assert!(step(&t, "IND1").text().contains("lacks it"), "{}", step(&t, "IND1").text());
    let t = run(doc("officescan-10.6", json!({ "privilege_schedule_toggle": true }), roaming("scheduled"), json!({})));
    assert_eq!(outcome(&t, Components), "updated@ua://10.1.0.5");
    // ... and only while automatic update runs on roaming clients.
    let off = json!({ "privilege_schedule_toggle": true, "roaming_automatic_update": false });
    let t = run(doc("officescan-10.6", off.clone(), roaming("scheduled"), json!({})));
    assert_eq!(outcome(&t, Components), "not-started");
    assert!(step(&t, "IND1").text().contains("\"Automatic client update on roaming clients\" is off"));
    // A manual update starts.
    let t = run(doc("officescan-10.6", json!({ "privilege_update_now": true }), roaming("update-now"), json!({})));
    assert_eq!(outcome(&t, Components), "updated@ua://10.1.0.5");
    // Event-triggered: only with "Include roaming and offline client(s)".
    let t = run(doc("officescan-10.6", json!({}), roaming("server-notify"), json!({})));
    assert!(step(&t, "IND1").text().contains("\"Include roaming and offline client(s)\" is off"));
    assert!(t.when.as_ref().is_some_and(|w| w.notifications.is_empty()), "the server sends it none");
    let t = run(doc("officescan-xg", json!({ "notify_roaming": true }), roaming("server-notify"), json!({})));
    assert!(step(&t, "IND1").text().contains("\"Include Independent and offline agent(s)\" is on"));
    assert_eq!(t.when.as_ref().map(|w| w.answer), Some(Answer::Notification { n: 1, at: 0 }));
    // Off-premises outside Apex One is walked as roaming, and says so.
    let t =
        run(doc("officescan-xg", json!({}), json!({ "location": "off-premises", "trigger": "update-now" }), json!({})));
    let note = t.steps.first().expect("a first step");
    assert!(note.assumed() && note.text().ends_with("walks this agent as an Independent agent"), "{}", note.text());
}

/// "Clients update components if they can connect to any of their update
/// sources. Sources include the OfficeScan server, Update Agents, or a
/// custom update source." The OfficeScan 10 manual disagrees on the
/// server; the step shows it.
#[test]
fn ind2_a_roaming_client_uses_its_update_sources_and_the_other_page_is_shown() {
    let agent = json!({ "trigger": "update-now", "location": "roaming" });
    let settings = json!({ "privilege_update_now": true });
    let t = run(doc("officescan-10.6", settings.clone(), agent.clone(), json!({ "down": ["ua://10.1.0.5"] })));
    assert_eq!(outcome(&t, Components), "updated@server", "the 10.6 help lists the server among its sources");
    let ind2 = step(&t, "IND2");
    assert!(!ind2.assumed(), "10.6 has its own page");
    assert!(ind2
        .text()
        .contains("Roaming clients cannot update components from, nor send logs to, the OfficeScan server"));
    let t = run(doc("officescan-xg", settings, agent, json!({})));
    assert!(step(&t, "IND2").assumed(), "XG has no page of its own here");
}

/// "it automatically resends the notification after 15 minutes. The server
/// continues to send update notifications up to a maximum of five times
/// until the agent responds."
#[test]
fn tl1_an_agent_off_for_40_minutes_updates_at_the_third_resend() {
    let t = run(doc(
        "officescan-xg",
        json!({}),
        notified(json!({ "unreachable_minutes": 40 })),
        json!({ "notified_at": "10:00" }),
    ));
    let when = t.when.as_ref().expect("a timeline");
    assert_eq!(when.answer, Answer::Notification { n: 4, at: 45 });
    assert_eq!(
        t.when_of(Components).map(|w| w.text).as_deref(),
        Some("Updated at about T+45 min (10:45), at the third resend, from Update Agent ua://10.1.0.5")
    );
    assert_eq!(t.when_words().as_deref(), Some("The update starts at about T+45 min (10:45), at the third resend"));
    assert!(step(&t, "L0").text().starts_with("At T+45 min (10:45): "), "{}", step(&t, "L0").text());
    assert!(
        step(&t, "TL1")
            .text()
            .contains("sends its notification at T (10:00) and resends it every 15 minutes (T+15 min (10:15), "),
        "the first notification is not a resend: {}",
        step(&t, "TL1").text()
    );
    assert_eq!(outcome(&t, Components), "updated@ua://10.1.0.5");
    let json: Value = serde_json::from_str(&t.to_json()).expect("JSON");
    assert_eq!(json["when"]["notifications"], json!([0, 15, 30, 45]));
    assert_eq!(
        (json["when"]["starts"].as_str(), json["when"]["at_minutes"].as_u64()),
        (Some("notification"), Some(45))
    );
    assert!(t.to_text().contains("When:\n"), "the printed trace tells when");
}

/// "Offline clients that become online after the time period expires can
/// still update components if you selected Let clients initiate component
/// [update] when they restart ... Otherwise, they update components on the
/// next schedule or if you initiate manual update."
#[test]
fn tl2_after_the_notifications_the_restart_option_or_the_next_window() {
    let two_hours = notified(json!({ "unreachable_minutes": 120 }));
    let at_ten = json!({ "notified_at": "10:00" });
    let window = json!({ "schedule_start": "13:00", "schedule_hours": 2 });
    let t = run(doc("officescan-xg", window.clone(), two_hours.clone(), at_ten.clone()));
    assert_eq!(
        t.when_of(Components).map(|w| w.text).as_deref(),
        Some("Not updated before the next window at 13:00 (notified at a random moment before 15:00); then from Update Agent ua://10.1.0.5"),
    );
    assert!(
        step(&t, "L0").text().starts_with("At the next schedule-based update (13:00-15:00): "),
        "{}",
        step(&t, "L0").text()
    );
    assert!(!step(&t, "TL2").assumed());
    let mut restart = window.clone();
    restart["restart_update"] = json!(true);
    let t = run(doc("officescan-xg", restart, two_hours.clone(), at_ten.clone()));
    assert_eq!(t.when.as_ref().map(|w| w.answer), Some(Answer::Restart { at: 120 }));
    assert!(step(&t, "TL2").assumed(), "that it answers again because it restarted is our reading");
    assert!(t.when_words().is_some_and(|w| w.contains("when it restarts") && w.contains("12:00")));
    assert!(
        t.when_of(Programs)
            .is_some_and(|w| w.text.starts_with("Updated when it restarts")
                && w.text.ends_with(", from Update Agent ua://10.1.0.5")),
        "{:?}",
        t.when_of(Programs)
    );
    // Neither: not updated before a manual update, and the walk does not start.
    let t = run(doc("officescan-xg", json!({ "schedule_enabled": false }), two_hours, at_ten));
    assert_eq!(t.when.as_ref().map(|w| w.answer), Some(Answer::Manual));
    assert_eq!(outcome(&t, Components), "not-started");
    assert!(step(&t, "TL2").text().contains("schedule-based updates are off"));
}

/// The page does not say whether the first notification is one of the
/// five: the planner counts it, and says so where it matters.
#[test]
fn tl3_the_first_notification_counts_among_the_five_assumed() {
    let t = run(doc("officescan-xg", json!({}), notified(json!({ "unreachable_minutes": 55 })), json!({})));
    assert_eq!(t.when.as_ref().map(|w| w.answer), Some(Answer::Notification { n: 5, at: 60 }));
    let tl3 = step(&t, "TL3");
    assert!(tl3.assumed() && tl3.text().contains("T+75"), "{}", tl3.text());
    let t = run(doc("officescan-xg", json!({}), notified(json!({ "unreachable_minutes": 65 })), json!({})));
    assert_eq!(t.when.as_ref().map(|w| w.notifications.len()), Some(5), "no sixth notification");
    let t = run(doc("officescan-xg", json!({}), notified(json!({ "unreachable_minutes": 40 })), json!({})));
    assert!(!rules(&t).contains(&"TL3".to_string()), "the count does not matter at T+45");
}

#[test]
fn documents_without_the_new_fields_tell_no_timeline() {
    let t = run(doc("officescan-xg", json!({}), json!({ "trigger": "server-notify" }), json!({})));
    assert!(t.when.is_none());
    let json: Value = serde_json::from_str(&t.to_json()).expect("JSON");
    assert!(json.get("when").is_none(), "no timeline");
    // Every item still says when: as soon as the update runs.
    assert_eq!(
        json["outcome"]["components"]["when"],
        json!({ "starts": "update", "text": "Updated from Update Agent ua://10.1.0.5 as soon as the update runs" })
    );
    assert_eq!(json["outcome"]["components"]["words"], "updated from Update Agent ua://10.1.0.5");
}

#[test]
fn bad_times_are_errors_at_their_place() {
    let text = "{\"version\":5,\"profile\":\"officescan-xg\",\"agent\":{\"addresses\":[\"10.1.4.20\"]},\n\"world\":{\"notified_at\":\"25:00\"},\"settings\":{\"schedule_start\":\"12:5\",\"schedule_hours\":30}}";
    let t = update_source_planner::trace_json(text).expect("a scenario");
    let errors: Vec<(usize, &str)> = t.errors.iter().map(|e| (e.line, e.text.as_str())).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|(line, text)| *line == 2 && text.contains("the hour 25 is over 23")), "{errors:?}");
    assert!(errors.iter().any(|(_, text)| text.contains("not a time of day")), "{errors:?}");
}

#[test]
fn a_schedule_period_is_one_to_twenty_four_hours() {
    let errors_with = |hours: u32| {
        let text = format!(
            "{{\"version\":5,\"profile\":\"officescan-xg\",\"agent\":{{\"addresses\":[\"10.1.4.20\"]}},\"settings\":{{\"schedule_start\":\"12:00\",\"schedule_hours\":{hours}}}}}"
        );
        let t = update_source_planner::trace_json(&text).expect("a scenario");
        t.errors.iter().map(|e| e.text.clone()).collect::<Vec<_>>()
    };
    assert_eq!(errors_with(0), ["the schedule's period is 0 hours: give 1 to 24"]);
    assert_eq!(errors_with(25), ["the schedule's period is 25 hours: give 1 to 24"]);
    assert!(errors_with(1).is_empty() && errors_with(24).is_empty());
}

/// Every example and every document of the corpus, with the new fields
/// written at their defaults, gives the trace it gave without them.
#[test]
fn the_new_fields_at_their_defaults_change_no_trace() {
    let fields = [
        "location",
        "unreachable_minutes",
        "edge_relay",
        "notified_at",
        "schedule\"",
        "notify_roaming",
        "restart_update",
        // Version 6's, which a version-5 document cannot carry.
        "\"patterns\"",
    ];
    let mut changed = 0;
    let n = common::each_document(|name, text| {
        if fields.iter().any(|f| text.contains(f)) {
            return;
        }
        let mut doc: Value = serde_json::from_str(text).expect("JSON");
        let before = run(doc.clone());
        doc["version"] = json!(5);
        doc["agent"]["location"] = json!("on-premises");
        let settings = json!({ "roaming_automatic_update": true, "notify_roaming": false, "restart_update": false });
        match doc["settings"].as_object_mut() {
            Some(o) => o.extend(settings.as_object().cloned().into_iter().flatten()),
            None => doc["settings"] = settings,
        }
        let after = run(doc);
        assert_eq!(after.to_json(), before.to_json(), "{name}");
        changed += 1;
    });
    assert!(changed >= 30, "{changed} of {n} documents");
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use update_source_planner::input::source::SourceId;

    fn off_premises_doc() -> impl Strategy<Value = Value> {
        (
            prop_oneof![Just("scheduled"), Just("update-now"), Just("server-notify")],
            prop::option::of(0u32..300),
            prop::option::of(Just("edge.corp.example")),
            prop::collection::vec(
                prop_oneof![Just("server"), Just("activeupdate"), Just("edge-relay"), Just("ua://10.1.0.5")],
                0..3,
            ),
            any::<bool>(),
            prop::option::of(Just("10:00")),
            prop_oneof![Just("all"), Just("patterns")],
        )
            .prop_map(|(trigger, unreachable, edge, down, restart, at, scope)| {
                let mut agent = json!({ "trigger": trigger, "location": "off-premises" });
                if let Some(x) = unreachable {
                    agent["unreachable_minutes"] = json!(x);
                }
                let mut settings =
                    json!({ "restart_update": restart, "privilege_update_now": true, "component_scope": scope });
                if let Some(e) = edge {
                    settings["edge_relay"] = json!(e);
                }
                let mut world = json!({ "down": down });
                if let Some(t) = at {
                    world["notified_at"] = json!(t);
                }
                doc("apex-one", settings, agent, world)
            })
    }

    /// Any scenario of any profile, location and time: a list of Update
    /// Agents, the server, ActiveUpdate and a mirror, any of them down.
    fn any_doc() -> impl Strategy<Value = Value> {
        let profile = prop_oneof![
            Just("officescan-10.6"),
            Just("officescan-11"),
            Just("officescan-xg"),
            Just("apex-one"),
            Just("swp")
        ];
        let location = prop_oneof![Just("on-premises"), Just("off-premises"), Just("roaming"), Just("independent")];
        let trigger = prop_oneof![Just("scheduled"), Just("update-now"), Just("server-notify")];
        let sources = ["ua://10.1.0.5", "ua://10.1.0.77", "server", "activeupdate", "https://mirror.corp.example/au"];
        (
            (profile, location, trigger, prop::option::of(0u32..300), prop::option::of(prop_oneof![Just("10:00"), Just("23:30")])),
            (prop::collection::vec(prop::sample::select(sources.to_vec()), 0..4), prop::sample::subsequence(sources.to_vec(), 0..3)),
            (prop::array::uniform8(any::<bool>()), prop::option::of(prop_oneof![Just("12:00"), Just("09:00")])),
            (any::<bool>(), any::<bool>()),
        )
            .prop_map(|((profile, location, trigger, unreachable, at), (list, down), (b, window), (edge, relays_down))| {
                let list: Vec<Value> = list.iter().map(|s| json!({ "range": "10.1.0.0/16", "source": s })).collect();
                let mut down: Vec<Value> = down.iter().map(|s| json!(s)).collect();
                if relays_down {
                    down.push(json!("relay-a"));
                }
                let mut settings = json!({
                    "notify_roaming": b[0], "restart_update": b[1], "roaming_automatic_update": b[2],
                    "privilege_schedule_toggle": b[3], "schedule_enabled": b[4], "privilege_update_now": b[5],
                    "fallback_components": b[6], "agents_use_activeupdate": b[7]
                });
                if let Some(start) = window {
                    settings["schedule_start"] = json!(start);
                    settings["schedule_hours"] = json!(2);
                }
                if edge && profile == "apex-one" {
                    settings["edge_relay"] = json!("edge.corp.example");
                }
                let mut agent = json!({ "addresses": ["10.1.4.20"], "trigger": trigger });
                if profile != "swp" {
                    agent["location"] = json!(location);
                }
                if let Some(x) = unreachable {
                    agent["unreachable_minutes"] = json!(x);
                }
                let mut world = json!({ "down": down });
                if let Some(t) = at {
                    world["notified_at"] = json!(t);
                }
                let mut d = json!({
                    "version": 5, "profile": profile, "agent": agent, "world": world,
                    "sources": { "mode": "customized", "list": list }
                });
                if profile == "swp" {
                    d["swp"] = json!({ "relays": [{ "name": "relay-a" }, { "name": "relay-b" }], "direct_if_relays_unreachable": b[0] });
                    d["agent"]["trigger"] = json!("scheduled");
                } else {
                    d["settings"] = settings;
                }
                d
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

        /// One answer per item: its `when` names no source but the one it
        /// came from; an agent the server does not notify is sent no
        /// notification in any step; every outcome says when.
        #[test]
        fn where_and_when_never_contradict_each_other(d in any_doc()) {
            let t = run(d);
            let json: Value = serde_json::from_str(&t.to_json()).expect("JSON");
            let named: Vec<String> = t.steps.iter().filter_map(|s| s.source()).map(|s| update_source_planner::vocabulary::name(t.profile, s)).collect();
            for (item, outcome) in &t.outcome {
                let when = t.when_of(*item).expect("every outcome says when");
                let own = outcome.source().map(|s| update_source_planner::vocabulary::name(t.profile, s));
                for other in named.iter().filter(|n| own.as_ref() != Some(*n)) {
                    prop_assert!(!when.text.contains(other.as_str()), "{item:?}: {} names {other}", when.text);
                }
                prop_assert!(t.answer_words(*item) == when.text || t.when.is_none(), "the cards tell the same answer");
                let entry = &json["outcome"][item.id()]["when"];
                prop_assert!(entry["starts"].is_string() && entry["text"] == when.text.as_str(), "{entry}");
            }
            let unnotified = t.steps.iter().any(|s| s.text().contains("does not notify") || s.text().contains("notification does not reach"));
            if unnotified {
                prop_assert!(t.when.as_ref().is_none_or(|w| w.notifications.is_empty()), "{:?}", t.when);
                for s in &t.steps {
                    prop_assert!(!s.text().contains("sends its notification") && !s.text().contains("resends"), "{}", s.text());
                    prop_assert!(!s.text().contains("notifies the"), "{}", s.text());
                }
            }
            // A step that happens at a later moment says so, and the
            // cards say the same moment.
            if let Some(later) = t.when.as_ref().and_then(update_source_planner::when::Timeline::later) {
                for s in t.steps.iter().filter(|s| s.kind() == StepKind::Attempt) {
                    prop_assert!(s.text().starts_with(&later), "{}", s.text());
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// LOC1-LOC3: an off-premises agent never answers the server's
        /// notification, never tries the server or the list, and takes
        /// components from ActiveUpdate alone.
        #[test]
        fn an_off_premises_agent_never_has_the_servers_notification(d in off_premises_doc()) {
            let t = run(d);
            if let Some(when) = &t.when {
                prop_assert!(when.notifications.iter().all(|(_, answered)| !answered));
                let answered = matches!(when.answer, Answer::Notification { .. } | Answer::Restart { .. });
                prop_assert!(!answered, "{:?}", when.answer);
            }
            for item in [Components, DomainSettings, Programs] {
                for (source, _) in t.path(item) {
                    prop_assert!(!matches!(source, SourceId::Server | SourceId::UpdateAgent { .. }), "{source}");
                }
            }
            let components: Vec<String> = path(&t, Components).iter().map(|p| p.split(':').next().unwrap_or_default().to_string()).collect();
            prop_assert!(components.iter().all(|s| s == "activeupdate"), "{components:?}");
        }

        /// TL1-TL3: whenever the agent answers a notification, it is the
        /// first sent at or after it is back, at most the fifth, 15 minutes apart.
        #[test]
        fn an_agent_answers_the_first_notification_after_it_is_back(x in 0u32..200) {
            let t = run(doc("officescan-xg", json!({}), notified(json!({ "unreachable_minutes": x })), json!({})));
            let when = t.when.expect("a timeline");
            let sent: Vec<u32> = when.notifications.iter().map(|(at, _)| *at).collect();
            prop_assert!(sent.iter().enumerate().all(|(i, at)| *at == 15 * i as u32));
            prop_assert!(sent.len() <= 5);
            match when.answer {
                Answer::Notification { at, .. } => {
                    prop_assert!(at >= x && at < x + 15);
                    prop_assert_eq!(Some(&at), sent.last());
                }
                _ => prop_assert!(x > 60),
            }
        }
    }
}

/// IND1 both ways: a roaming client's scheduled update needs automatic
/// update on roaming clients and the privilege, so with either off a
/// client the server did not reach waits for a manual update.
#[test]
fn ind1_a_roaming_client_without_automatic_update_waits_for_a_manual_update() {
    let agent = json!({ "trigger": "server-notify", "location": "roaming", "unreachable_minutes": 0 });
    for settings in [
        json!({ "roaming_automatic_update": false, "privilege_schedule_toggle": true }),
        json!({ "roaming_automatic_update": true, "privilege_schedule_toggle": false }),
    ] {
        let t = run(doc("officescan-10.6", settings.clone(), agent.clone(), json!({})));
        assert_eq!(t.when.as_ref().map(|w| w.answer), Some(Answer::Manual), "{settings}");
        assert!(step(&t, "TL2").text().contains("does not run scheduled updates"), "{}", step(&t, "TL2").text());
        assert_eq!(outcome(&t, Components), "not-started");
    }
    let both = json!({ "roaming_automatic_update": true, "privilege_schedule_toggle": true });
    let t = run(doc("officescan-10.6", both, agent, json!({})));
    assert_eq!(
        t.when.as_ref().map(|w| w.answer),
        Some(Answer::OwnSchedule),
        "its own schedule, not the server's window"
    );
}

/// Each step of a timeline, as the support engineer reads it aloud.
#[test]
fn the_timelines_steps_read_aloud() {
    let text = |t: &update_source_planner::Trace, rule: &str| step(t, rule).text().to_string();
    let xg = |settings: Value, agent: Value| run(doc("officescan-xg", settings, agent, json!({})));
    let t = xg(json!({}), notified(json!({ "unreachable_minutes": 0 })));
    assert_eq!(text(&t, "TL1"), "The notification at T reaches the agent, which answers at once");
    let t = xg(json!({ "schedule_start": "12:00" }), notified(json!({ "unreachable_minutes": 120 })));
    assert_eq!(
        text(&t, "TL1"),
        "The agent does not answer until T+120 min: the OfficeScan server sends its notification at T, T+15 min, T+30 min, T+45 min and T+60 min, five times in all, and then stops"
    );
    assert!(
        text(&t, "TL2").starts_with("\"Let agents initiate component update after restarting and connecting to the OfficeScan server (Independent agents excluded)\" is off, so the agent waits for its schedule-based update: not updated before the next window at 12:00"),
        "{}",
        text(&t, "TL2")
    );
    // The count of five matters only past T+45.
    let at_45 = xg(json!({}), notified(json!({ "unreachable_minutes": 45 })));
    assert!(!rules(&at_45).contains(&"TL3".to_string()));
    let restart = xg(json!({ "restart_update": true }), notified(json!({ "unreachable_minutes": 120 })));
    assert!(
        text(&restart, "TL2").contains(
            "\" is on: updated when it restarts and connects again, at about T+120 min (the planner takes it"
        ),
        "{}",
        text(&restart, "TL2")
    );
    // Off-premises and roaming agents are not helped by the restart option, each for its own reason.
    let away = run(doc(
        "apex-one",
        json!({ "restart_update": true }),
        notified(json!({ "location": "off-premises" })),
        json!({}),
    ));
    assert!(!rules(&away).contains(&"TL1".to_string()), "LOC1 said it is not notified: no step sends it notifications");
    assert_eq!(text(&away, "TL2"), "\"Let agents initiate component update after restarting and connecting to the Apex One server (Independent agents excluded)\" cannot start this update, on or off: without an Edge Relay server, an off-premises Security Agent cannot connect to the Apex One server when it restarts, and the Security Agent runs its own scheduled updates: not updated before its own next scheduled update");
    assert!(step(&away, "TL2").assumed(), "an off-premises agent's own schedule is our reading");
    // With an Edge Relay server the agent does reach the server, through it:
    // the step says so, and that the option does not apply there is ours.
    let relayed = run(doc(
        "apex-one",
        json!({ "restart_update": true, "edge_relay": "edge.corp.example" }),
        notified(json!({ "location": "off-premises" })),
        json!({}),
    ));
    assert!(text(&relayed, "TL2").contains("cannot start this update, on or off: an off-premises Security Agent reaches the Apex One server only through the Edge Relay server, and the planner takes it that a restart there does not start an update"), "{}", text(&relayed, "TL2"));
    assert!(!text(&relayed, "TL2").contains("cannot connect"), "it connects, through the Edge Relay server");
    assert!(step(&relayed, "TL2").assumed());
    let manual = run(doc(
        "apex-one",
        json!({ "schedule_enabled": false }),
        notified(json!({ "location": "off-premises" })),
        json!({}),
    ));
    assert!(
        step(&manual, "TL2").assumed(),
        "the restart option's reach off the network is ours, whatever starts the update: {}",
        text(&manual, "TL2")
    );
    let roaming = run(doc(
        "officescan-10.6",
        json!({ "restart_update": true, "privilege_schedule_toggle": true }),
        notified(json!({ "location": "roaming" })),
        json!({}),
    ));
    assert_eq!(
        text(&roaming, "TL2"),
        "\"Let clients initiate component update when they restart and connect to the OfficeScan server (roaming clients are excluded)\" excludes this roaming client, and it runs its own scheduled updates, with the schedule-based update privilege: not updated before its own next scheduled update"
    );
    assert!(!text(&roaming, "TL2").contains("notified"), "the server notifies it of no window either");
    assert!(text(&roaming, "IND2").starts_with(
        "A roaming client updates if it can connect to any of its update sources (the OfficeScan 10.6 help"
    ));
    // On or off, the option is not what keeps an off-premises agent waiting:
    // the same sentence, never "is off" (which would send the customer to
    // the console to turn it on, to no effect).
    let away_off = run(doc("apex-one", json!({}), notified(json!({ "location": "off-premises" })), json!({})));
    assert_eq!(text(&away_off, "TL2"), text(&away, "TL2"));
    let roaming_off = run(doc(
        "officescan-10.6",
        json!({ "privilege_schedule_toggle": true }),
        notified(json!({ "location": "roaming" })),
        json!({}),
    ));
    // An option that excludes roaming clients is named for them only as excluding them, on or off.
    assert_eq!(text(&roaming_off, "TL2"), text(&roaming, "TL2"));
    // Apex One's Independent agents follow Apex One's own page, not an assumption.
    let apex = run(doc(
        "apex-one",
        json!({ "privilege_update_now": true }),
        json!({ "trigger": "update-now", "location": "independent" }),
        json!({}),
    ));
    let ind2 = step(&apex, "IND2");
    assert!(!ind2.assumed() && ind2.text().starts_with("An Independent Security Agent updates if it can connect to any of its update sources (the Apex One help"), "{}", ind2.text());
}
