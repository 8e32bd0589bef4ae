//! Properties of the Vision One rules (RG1, VC1-VC3) over random relay
//! groups, outages and versions, and the promise that documents written
//! before those rules keep their answers.

mod common;
use proptest::prelude::*;
use serde_json::{json, Value};
use update_source_planner::model::item::Item;
use update_source_planner::plan::Draw;
use update_source_planner::read_and_trace_drawn;
use update_source_planner::trace::Trace;

fn traced(doc: &Value, draw: u64) -> Trace {
    read_and_trace_drawn(&doc.to_string(), Draw::new(draw)).map(|(_, t)| t).unwrap_or_else(|e| panic!("{e}"))
}

/// A S&WP scenario: `n` relays (some down), the secondary options, and
/// optionally a group name and the Version Control Policies settings.
fn swp_doc() -> impl Strategy<Value = Value> {
    (
        1usize..6,
        prop::collection::vec(any::<bool>(), 6),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop_oneof![Just("202412"), Just("202501.2"), Just("202406"), Just("20.0.1-21510")]),
        prop::option::of(Just("sg.corp.example")),
        prop::collection::vec(
            prop_oneof![Just("tenant-relay-group"), Just("primary"), Just("service-gateway"), Just("trend-vision-one")],
            0..3,
        ),
        any::<bool>(),
    )
        .prop_map(|(n, downs, direct, tenant, enrolled, version, gateway, more_down, manager_up)| {
            let relays: Vec<Value> = (0..n).map(|i| json!({ "name": format!("relay-{i}") })).collect();
            let mut down: Vec<String> =
                (0..n).filter(|i| downs.get(*i).copied().unwrap_or(false)).map(|i| format!("relay-{i}")).collect();
            down.extend(more_down.into_iter().map(str::to_string));
            let mut swp = json!({
                "relay_group": "Branch relays", "relays": relays,
                "direct_if_relays_unreachable": direct, "tenant_group_if_relays_unreachable": tenant,
                "version_control": enrolled, "when_manager_unreachable": true,
            });
            if let Some(g) = gateway {
                swp["service_gateway"] = json!(g);
            }
            let mut agent = json!({ "addresses": ["172.16.0.9"] });
            if let Some(v) = version {
                agent["version"] = json!(v);
            }
            json!({ "version": 4, "profile": "swp", "swp": swp, "agent": agent,
                    "world": { "down": down, "manager_up": manager_up } })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// RG1: with a relay of the group up, every draw of the order gives
    /// the same outcome; so does every draw with all of them down.
    #[test]
    fn every_draw_of_a_groups_order_gives_the_same_outcome(doc in swp_doc(), draws in prop::collection::vec(1u64..1000, 1..6)) {
        let first = traced(&doc, 1);
        for d in draws {
            let other = traced(&doc, d);
            prop_assert_eq!(&other.outcome, &first.outcome, "draw {}", d);
            prop_assert_eq!(other.outcome_words(Item::Components), first.outcome_words(Item::Components));
            // The path is this draw's: the group's relays, each at most once.
            let relays: Vec<String> = other.path(Item::Components).iter().map(|(s, _)| s.to_string()).filter(|s| s.starts_with("relay-")).collect();
            let mut distinct = relays.clone();
            distinct.dedup();
            prop_assert_eq!(relays.len(), distinct.len());
        }
    }

    /// VC1: an agent of 202412 or later under an enrolled manager never
    /// has a relay (of its group or the tenant's) in its trace.
    #[test]
    fn a_version_controlled_agent_never_tries_a_relay(doc in swp_doc(), draw in 1u64..50) {
        let t = traced(&doc, draw);
        let enrolled = doc["swp"]["version_control"] == json!(true);
        let new = matches!(doc["agent"]["version"].as_str(), Some("202412") | Some("202501.2"));
        if enrolled && new {
            for (source, _) in t.path(Item::Components) {
                let s = source.to_string();
                prop_assert!(!s.starts_with("relay") && s != "tenant-relay-group" && s != "primary", "{}", s);
            }
            prop_assert!(t.relay_group.is_none());
        }
    }

    /// Documents without the new fields (no group, not enrolled, no
    /// gateway, no version) walk exactly as a listed draw always did: the
    /// first relay that is up, in the order listed, with R1.
    #[test]
    fn documents_without_the_new_fields_walk_the_relays_as_listed(doc in swp_doc(), draw in 1u64..50) {
        let mut old = doc.clone();
        old["version"] = json!(3);
        for field in ["relay_group", "version_control", "service_gateway"] {
            old["swp"].as_object_mut().map(|o| o.remove(field));
        }
        old["agent"].as_object_mut().map(|o| o.remove("version"));
        let t = traced(&old, draw);
        let down: Vec<String> = old["world"]["down"].as_array().into_iter().flatten().filter_map(|d| d.as_str().map(str::to_string)).collect();
        let relays: Vec<String> = old["swp"]["relays"].as_array().into_iter().flatten().filter_map(|r| r["name"].as_str().map(str::to_string)).collect();
        let expected: Vec<String> = relays.iter().scan(false, |done, r| {
            if *done { return None; }
            let up = !down.contains(r);
            *done = up;
            Some(format!("{r}:{}", if up { "delivered" } else { "failed" }))
        }).collect();
        let got: Vec<String> = t.path(Item::Components).iter().map(|(s, r)| format!("{s}:{}", r.id())).take(expected.len()).collect();
        prop_assert_eq!(got, expected);
        prop_assert!(t.steps.iter().all(|s| !matches!(s.rule().id(), "RG1" | "VC1" | "VC2" | "VC3")));
    }
}

/// Every example and every file of the corpus gives the same trace with
/// the new fields written out at their defaults as without them.
#[test]
fn the_new_fields_at_their_defaults_change_no_trace() {
    let mut changed = 0;
    let n = common::each_document(|name, text| {
        let mut doc: Value = serde_json::from_str(text).expect("JSON");
        if doc["swp"].get("relay_group").is_some() || doc["swp"].get("version_control").is_some() {
            return;
        }
        let before = traced(&doc, 1);
        doc["version"] = json!(update_source_planner::format::FORMAT_VERSION);
        let swp = doc["swp"].as_object_mut().map(|o| {
            o.insert("version_control".into(), json!(false));
        });
        if swp.is_none() {
            doc["swp"] = json!({ "version_control": false });
        }
        doc["agent"]["version"] = Value::Null;
        let after = traced(&doc, 7);
        assert_eq!(after.to_json(), before.to_json(), "{name}");
        changed += 1;
    });
    assert!(changed >= 30, "{changed} of {n} documents");
}
