//! One test (or a few) per SPEC rule id: each fails if its rule is broken.

mod common;

use common::*;
use serde_json::json;
use update_source_planner::model::item::Item::{Components, DomainSettings, Programs};
use update_source_planner::trace::StepKind;

fn floor_list() -> serde_json::Value {
    json!([
        { "range": "10.1.0.0-10.1.255.255", "source": "ua://10.1.0.5" },
        { "range": "10.2.0.0/16", "source": "ua://10.2.0.5" },
        { "range": "10.0.0.0/8", "source": "ua://10.0.0.5" }
    ])
}

fn apex(extra_settings: serde_json::Value, agent: serde_json::Value) -> serde_json::Value {
    let mut doc = json!({ "version": 1, "profile": "apex-one", "settings": extra_settings, "agent": agent });
    if doc["agent"].get("addresses").is_none() {
        doc["agent"]["addresses"] = json!(["10.1.4.20"]);
    }
    doc
}

// ---- T1 trigger ----

#[test]
fn t1_scheduled_runs_only_with_the_schedule_on() {
    let on = run(apex(json!({}), json!({})));
    assert_eq!(rules(&on)[0], "T1");
    assert_eq!(outcome(&on, Components), "updated@server");
    let off = run(apex(json!({ "schedule_enabled": false }), json!({})));
    assert_eq!(kinds(&off), vec!["trigger"]);
    for item in [DomainSettings, Components, Programs] {
        assert_eq!(outcome(&off, item), "not-started");
    }
}

#[test]
fn t1_the_users_choice_counts_only_with_privilege_and_console_setting() {
    let user_off = json!({ "schedule_choice": false });
    let with_privilege = run(apex(json!({ "privilege_schedule_toggle": true }), user_off.clone()));
    assert_eq!(outcome(&with_privilege, Components), "not-started");
    let without_privilege = run(apex(json!({}), user_off));
    assert_eq!(outcome(&without_privilege, Components), "updated@server");
    // The user cannot switch on what the console switched off.
    let console_off = run(apex(
        json!({ "privilege_schedule_toggle": true, "schedule_enabled": false }),
        json!({ "schedule_choice": true }),
    ));
    assert_eq!(outcome(&console_off, Components), "not-started");
}

#[test]
fn t1_update_now_needs_the_privilege_and_server_notify_always_runs() {
    let denied = run(apex(json!({}), json!({ "trigger": "update-now" })));
    assert_eq!(outcome(&denied, Components), "not-started");
    let granted = run(apex(json!({ "privilege_update_now": true }), json!({ "trigger": "update-now" })));
    assert_eq!(outcome(&granted, Components), "updated@server");
    let notified = run(apex(json!({ "schedule_enabled": false }), json!({ "trigger": "server-notify" })));
    assert_eq!(outcome(&notified, Components), "updated@server");
    // The trigger step says "no update starts" exactly when none does.
    let said = |t: &update_source_planner::Trace| t.steps[0].text().ends_with(": no update starts");
    assert!(said(&denied), "{}", denied.steps[0].text());
    assert!(!said(&granted), "{}", granted.steps[0].text());
    assert!(!said(&notified), "{}", notified.steps[0].text());
    assert!(!said(&run(apex(json!({}), json!({})))), "a scheduled update that runs");
}

// ---- T2 apply scope ----

#[test]
fn t2_future_domains_only_keeps_existing_domains_on_defaults() {
    let settings =
        json!({ "apply_scope": "future-domains", "agents_use_activeupdate": true, "schedule_enabled": false });
    let existing = with(run_doc(settings.clone(), "existing"), "world", json!({ "down": ["server"] }));
    let t = run(existing);
    assert_eq!(rules(&t)[0], "T2");
    assert_eq!(t.steps[0].kind(), StepKind::Settings);
    // schedule_enabled=false did not reach it: the scheduled update runs...
    assert_ne!(outcome(&t, Components), "not-started");
    // ...and agents_use_activeupdate did not either: no ActiveUpdate attempt.
    assert_eq!(path(&t, Components), vec!["server:failed"]);

    let future = with(
        run_doc(json!({ "apply_scope": "future-domains", "agents_use_activeupdate": true }), "future"),
        "world",
        json!({ "down": ["server"] }),
    );
    let t = run(future);
    assert!(!rules(&t).contains(&"T2".to_string()));
    assert_eq!(path(&t, Components), vec!["server:failed", "activeupdate:delivered"]);
}

/// Every setting of the Privileges and Other Settings screen stays at its
/// default for an existing domain: the Update Now privilege, the schedule
/// privilege and the component scope.
#[test]
fn t2_no_privilege_or_component_scope_reaches_existing_domains() {
    let scope = json!({ "apply_scope": "future-domains", "privilege_update_now": true });
    let now = run(apex(scope.clone(), json!({ "domain": "existing", "trigger": "update-now" })));
    assert_eq!(outcome(&now, Components), "not-started");
    let now = run(apex(scope, json!({ "domain": "future", "trigger": "update-now" })));
    assert_eq!(outcome(&now, Components), "updated@server");

    let toggle = json!({ "apply_scope": "future-domains", "privilege_schedule_toggle": true });
    let t = run(apex(toggle.clone(), json!({ "domain": "existing", "schedule_choice": false })));
    assert_eq!(outcome(&t, Components), "updated@server");
    let t = run(apex(toggle, json!({ "domain": "future", "schedule_choice": false })));
    assert_eq!(outcome(&t, Components), "not-started");

    let patterns = json!({ "apply_scope": "future-domains", "component_scope": "patterns" });
    let t = run(apex(patterns.clone(), json!({ "domain": "existing" })));
    assert_eq!(outcome(&t, Programs), "updated@server");
    let t = run(apex(patterns, json!({ "domain": "future" })));
    assert_ne!(outcome(&t, Programs), "updated@server");
}

fn run_doc(settings: serde_json::Value, domain: &str) -> serde_json::Value {
    apex(settings, json!({ "domain": domain }))
}

#[test]
fn t2_update_source_screen_still_applies() {
    let mut doc = xg(json!([{ "range": "*", "source": "ua://10.0.0.5" }]), &["10.1.1.1"]);
    doc["profile"] = json!("apex-one");
    doc["settings"] = json!({ "apply_scope": "future-domains", "fallback_components": false });
    doc["world"] = json!({ "down": ["ua://10.0.0.5"] });
    let t = run(doc);
    // fallback_components=false still applies: no server attempt for components.
    assert!(!path(&t, Components).contains(&"server:failed".to_string()));
    assert!(!path(&t, Components).contains(&"server:delivered".to_string()));
}

// ---- T3 component scope ----

#[test]
fn t3_patterns_only_excludes_programs_on_apex_one() {
    for scope in ["patterns", "patterns-engines-drivers"] {
        let t = run(apex(json!({ "component_scope": scope }), json!({})));
        assert_eq!(outcome(&t, Programs), "excluded", "{scope}");
        assert!(path(&t, Programs).is_empty());
        assert_eq!(outcome(&t, Components), "updated@server");
        assert!(t.steps.iter().any(|s| s.rule().id() == "T3" && s.kind() == StepKind::Settings));
    }
    let t = run(apex(json!({ "component_scope": "all" }), json!({})));
    assert_eq!(outcome(&t, Programs), "updated@server");
}

#[test]
fn t3_is_an_apex_one_setting_only() {
    let mut doc = apex(json!({ "component_scope": "patterns" }), json!({}));
    doc["profile"] = json!("officescan-xg");
    let t = run(doc);
    assert_eq!(outcome(&t, Programs), "updated@server");
    assert!(t.steps.iter().any(|s| s.rule().id() == "T3" && s.kind() == StepKind::Note));
}

// ---- L0 matching ----

#[test]
fn l0_keeps_the_matching_entries_in_list_order_and_is_assumed() {
    let t = run(xg(floor_list(), &["10.1.4.20"]));
    let m = steps_of(&t, StepKind::Match);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].rule().id(), "L0");
    assert!(m[0].assumed());
    assert!(m[0].text().contains("entries 1 and 3"), "{}", m[0].text());
    assert_eq!(path(&t, Components), vec!["ua://10.1.0.5:delivered"]);
}

#[test]
fn l0_no_matching_entry_goes_straight_to_the_fallbacks() {
    let t = run(xg(floor_list(), &["192.168.1.1"]));
    assert!(steps_of(&t, StepKind::Match)[0].text().contains("not found"));
    assert_eq!(path(&t, Components), vec!["server:delivered"]);
    assert_eq!(t.steps.iter().filter(|s| s.rule().id() == "L1").count(), 0);
}

#[test]
fn l0_a_dual_stack_agent_matches_entries_of_both_families() {
    let list = json!([
        { "range": "2001:db8::/32", "source": "ua://[2001:db8::5]" },
        { "range": "10.0.0.0/8", "source": "ua://10.0.0.5" }
    ]);
    let t = run(with(xg(list, &["10.1.1.1", "2001:db8::1"]), "world.down", json!(["ua://[2001:db8::5]"])));
    assert_eq!(path(&t, Components), vec!["ua://[2001:db8::5]:failed", "ua://10.0.0.5:delivered"]);
}

// ---- L1 walk ----

#[test]
fn l1_tries_entries_in_order_until_one_delivers() {
    let t = run(with(xg(floor_list(), &["10.1.4.20"]), "world.down", json!(["ua://10.1.0.5"])));
    assert_eq!(path(&t, DomainSettings), vec!["ua://10.1.0.5:failed", "ua://10.0.0.5:delivered"]);
    let failed = t
        .steps
        .iter()
        .find(|s| s.result().map(|r| r.id()) == Some("failed"))
        .map(|s| (s.entry().map(|e| e.number), s.reason()));
    assert_eq!(failed, Some((Some(1), Some("down (what-if)"))));
}

#[test]
fn l1_skips_sources_that_do_not_serve_the_item() {
    let list = json!([
        { "range": "*", "source": "activeupdate" },
        { "range": "*", "source": "https://mirror.corp.local/au" },
        { "range": "*", "source": "ua://10.0.0.5", "serves": ["components"] },
        { "range": "*", "source": "ua://10.0.0.6" }
    ]);
    let t = run(xg(list, &["10.1.1.1"]));
    assert_eq!(path(&t, DomainSettings), vec!["ua://10.0.0.6:delivered"]);
    assert_eq!(path(&t, Components), vec!["activeupdate:delivered"]);
    let skips: Vec<(Option<usize>, bool)> = steps_of(&t, StepKind::Skip)
        .iter()
        .filter(|s| s.item() == Some(DomainSettings))
        .map(|s| (s.entry().map(|e| e.number), s.assumed()))
        .collect();
    // The URL skip is the assumed reading; the ActiveUpdate one is the seed's.
    assert_eq!(skips, vec![(Some(1), false), (Some(2), true), (Some(3), false)]);
}

#[test]
fn l1_an_update_agent_never_updates_from_itself() {
    let list = json!([
        { "range": "10.0.0.0/8", "source": "ua://10.0.0.5" },
        { "range": "10.0.0.0/8", "source": "ua://10.0.0.6" }
    ]);
    let mut doc = xg(list, &["10.0.0.5"]);
    doc["agent"]["role"] = json!("update-agent");
    let t = run(doc.clone());
    assert_eq!(path(&t, Components), vec!["ua://10.0.0.6:delivered"]);
    assert!(steps_of(&t, StepKind::Skip)
        .iter()
        .any(|s| s.reason() == Some("an Update Agent never updates from itself")));
    // A normal agent at that address is not the Update Agent.
    doc["agent"]["role"] = json!("agent");
    assert_eq!(path(&run(doc), Components), vec!["ua://10.0.0.5:delivered"]);
}

// ---- L2 reachability ----

#[test]
fn l2_a_pure_ipv6_agent_cannot_reach_an_ipv4_update_agent() {
    let list = json!([{ "range": "2001:db8::/32", "source": "ua://10.0.0.5" }]);
    let t = run(xg(list.clone(), &["2001:db8::1"]));
    let first = &steps_of(&t, StepKind::Attempt)[0];
    assert_eq!(first.result().map(|r| r.id()), Some("failed"));
    assert_eq!(first.failed_by().map(|r| r.id()), Some("L2"));
    assert_eq!(path(&t, Components)[0], "ua://10.0.0.5:failed");
    // Server given by name: reachable from both families.
    assert_eq!(outcome(&t, Components), "updated@server");
    let proxied = run(with(xg(list, &["2001:db8::1"]), "world.dual_stack_proxy", json!(true)));
    assert_eq!(path(&proxied, Components), vec!["ua://10.0.0.5:delivered"]);
}

#[test]
fn l2_a_pure_ipv4_agent_cannot_reach_an_ipv6_only_server() {
    let doc = with(xg(json!([]), &["10.1.1.1"]), "server.address", json!("2001:db8::100"));
    let t = run(doc);
    assert_eq!(path(&t, DomainSettings), vec!["server:failed"]);
    assert_eq!(outcome(&t, DomainSettings), "not-updated");
    let dual = run(with(xg(json!([]), &["10.1.1.1", "2001:db8::1"]), "server.address", json!("2001:db8::100")));
    assert_eq!(path(&dual, DomainSettings), vec!["server:delivered"]);
}

#[test]
fn l2_a_pure_ipv6_agent_cannot_reach_activeupdate_without_the_proxy() {
    let list = json!([{ "range": "*", "source": "activeupdate" }]);
    let t = run(with(xg(list.clone(), &["2001:db8::1"]), "settings.fallback_components", json!(false)));
    assert_eq!(path(&t, Components)[0], "activeupdate:failed");
    let v4 = run(xg(list.clone(), &["10.1.1.1"]));
    assert_eq!(path(&v4, Components), vec!["activeupdate:delivered"]);
    let proxied = run(with(xg(list, &["2001:db8::1"]), "world.dual_stack_proxy", json!(true)));
    assert_eq!(path(&proxied, Components), vec!["activeupdate:delivered"]);
}

#[test]
fn l2_ip_literal_urls_follow_their_family() {
    let list = json!([{ "range": "*", "source": "http://[2001:db8::9]/au" }]);
    let t = run(xg(list, &["10.1.1.1"]));
    assert_eq!(path(&t, Components), vec!["http://[2001:db8::9]/au:failed", "server:delivered"]);
}

// ---- F1 components fallback ----

fn all_down_list() -> serde_json::Value {
    json!([{ "range": "*", "source": "ua://10.0.0.5" }])
}

fn f1(settings: serde_json::Value, list: serde_json::Value, down: &[&str]) -> Vec<String> {
    let mut doc = xg(list, &["10.1.1.1"]);
    doc["settings"] = settings;
    doc["world"] = json!({ "down": down });
    path(&run(doc), Components)
}

#[test]
fn f1_on_tries_the_server_then_activeupdate_only_with_the_option() {
    let down = ["ua://10.0.0.5", "server"];
    assert_eq!(f1(json!({}), all_down_list(), &down), vec!["ua://10.0.0.5:failed", "server:failed"]);
    assert_eq!(
        f1(json!({ "agents_use_activeupdate": true }), all_down_list(), &down),
        vec!["ua://10.0.0.5:failed", "server:failed", "activeupdate:delivered"]
    );
    assert_eq!(f1(json!({}), all_down_list(), &["ua://10.0.0.5"]), vec!["ua://10.0.0.5:failed", "server:delivered"]);
}

/// When the server fails and ActiveUpdate is not tried, the step says why:
/// the setting is off, or on in the console but kept from an existing
/// domain by "Apply to Future Domains Only" (T2).
#[test]
fn f1_says_why_activeupdate_is_not_tried() {
    let told = |settings: serde_json::Value, domain: &str| {
        let mut doc = xg(all_down_list(), &["10.1.1.1"]);
        doc["profile"] = json!("apex-one");
        doc["settings"] = settings;
        doc["agent"]["domain"] = json!(domain);
        doc["world"] = json!({ "down": ["ua://10.0.0.5", "server"] });
        let t = run(doc);
        let last = t.steps.iter().rev().find(|s| s.rule().id() == "F1" && s.item() == Some(Components));
        last.map(|s| s.text().to_string()).unwrap_or_default()
    };
    assert!(told(json!({}), "existing").ends_with("\" is off: the ActiveUpdate server is not tried"));
    let kept = told(json!({ "apply_scope": "future-domains", "agents_use_activeupdate": true }), "existing");
    assert!(
        kept.ends_with("\" is on in the console, but \"Apply to Future Domains Only\" keeps it from this agent's existing domain, so its default, off, applies: the ActiveUpdate server is not tried"),
        "{kept}"
    );
}

#[test]
fn f1_off_goes_to_activeupdate_when_the_option_is_on_or_au_is_not_listed() {
    let off = json!({ "fallback_components": false });
    // Not listed: straight to ActiveUpdate, never the server.
    assert_eq!(
        f1(off.clone(), all_down_list(), &["ua://10.0.0.5"]),
        vec!["ua://10.0.0.5:failed", "activeupdate:delivered"]
    );
    // Listed (elsewhere in the list, not matching this agent) and option off: no fallback.
    let listed = json!([
        { "range": "*", "source": "ua://10.0.0.5" },
        { "range": "192.168.0.0/16", "source": "activeupdate" }
    ]);
    assert_eq!(f1(off, listed.clone(), &["ua://10.0.0.5"]), vec!["ua://10.0.0.5:failed"]);
    // Listed but the option on: ActiveUpdate again.
    assert_eq!(
        f1(json!({ "fallback_components": false, "agents_use_activeupdate": true }), listed, &["ua://10.0.0.5"]),
        vec!["ua://10.0.0.5:failed", "activeupdate:delivered"]
    );
}

// ---- F2 / F3 ----

#[test]
fn f2_domain_settings_fall_back_to_the_server_only_when_on() {
    let on = run(with(xg(all_down_list(), &["10.1.1.1"]), "world.down", json!(["ua://10.0.0.5"])));
    assert_eq!(path(&on, DomainSettings), vec!["ua://10.0.0.5:failed", "server:delivered"]);
    assert_eq!(on.steps.iter().filter(|s| s.rule().id() == "F2" && s.kind() == StepKind::Attempt).count(), 1);
    let mut off = with(xg(all_down_list(), &["10.1.1.1"]), "world.down", json!(["ua://10.0.0.5"]));
    off["settings"] = json!({ "fallback_domain_settings": false });
    let off = run(off);
    assert_eq!(path(&off, DomainSettings), vec!["ua://10.0.0.5:failed"]);
    assert_eq!(outcome(&off, DomainSettings), "not-updated");
    assert_eq!(outcome(&off, Programs), "updated@server");
}

#[test]
fn f3_programs_fall_back_to_the_server_only_when_on() {
    let mut doc = with(xg(all_down_list(), &["10.1.1.1"]), "world.down", json!(["ua://10.0.0.5"]));
    doc["settings"] = json!({ "fallback_programs": false });
    let t = run(doc);
    assert_eq!(outcome(&t, Programs), "not-updated");
    assert_eq!(outcome(&t, DomainSettings), "updated@server");
    assert!(t.steps.iter().any(|s| s.rule().id() == "F3" && s.kind() == StepKind::Note));
    let on = run(with(xg(all_down_list(), &["10.1.1.1"]), "world.down", json!(["ua://10.0.0.5"])));
    assert_eq!(path(&on, Programs), vec!["ua://10.0.0.5:failed", "server:delivered"]);
}

// ---- Q quit ----

#[test]
fn q_an_item_no_source_delivered_is_not_updated_with_a_quit_step() {
    let t = run(with(xg(all_down_list(), &["10.1.1.1"]), "world.down", json!(["ua://10.0.0.5", "server"])));
    for item in [DomainSettings, Components, Programs] {
        assert_eq!(outcome(&t, item), "not-updated");
        assert!(t.steps.iter().any(|s| s.kind() == StepKind::Quit && s.rule().id() == "Q" && s.item() == Some(item)));
    }
}

// ---- S standard source ----

#[test]
fn s_standard_source_is_the_server_then_activeupdate_with_the_option() {
    let base = json!({ "version": 1, "profile": "officescan-xg", "agent": { "addresses": ["10.1.1.1"] }, "world": { "down": ["server"] } });
    let t = run(base.clone());
    assert_eq!(rules(&t)[1], "S");
    assert_eq!(path(&t, Components), vec!["server:failed"]);
    let t = run(with(base.clone(), "settings.agents_use_activeupdate", json!(true)));
    assert_eq!(path(&t, Components), vec!["server:failed", "activeupdate:delivered"]);
    assert_eq!(path(&t, Programs), vec!["server:failed"]);
    // The customized list is not walked in standard mode.
    let t = run(with(base, "sources.list", json!([{ "range": "*", "source": "ua://10.0.0.5" }])));
    assert!(!path(&t, Components).iter().any(|p| p.starts_with("ua://")));
}

#[test]
fn s_an_update_agent_also_goes_to_activeupdate_when_it_heads_the_list() {
    let doc = json!({
        "version": 1, "profile": "officescan-xg",
        "sources": { "mode": "standard", "list": [{ "range": "*", "source": "activeupdate" }] },
        "agent": { "addresses": ["10.1.1.1"], "role": "update-agent" },
        "world": { "down": ["server"] }
    });
    assert_eq!(path(&run(doc.clone()), Components), vec!["server:failed", "activeupdate:delivered"]);
    let mut agent = doc;
    agent["agent"]["role"] = json!("agent");
    assert_eq!(path(&run(agent), Components), vec!["server:failed"]);
}

// ---- U1 / U2 ----

#[test]
fn u1_update_agents_server_only_disregard_the_list() {
    let mut doc = xg(
        json!([{ "range": "*", "source": "activeupdate" }, { "range": "*", "source": "ua://10.0.0.6" }]),
        &["10.0.0.5"],
    );
    doc["agent"]["role"] = json!("update-agent");
    doc["settings"] = json!({ "ua_server_only": true });
    let t = run(doc.clone());
    assert!(rules(&t).contains(&"U1".to_string()));
    assert_eq!(path(&t, DomainSettings), vec!["server:delivered"]);
    assert_eq!(path(&t, Components), vec!["server:delivered"]);
    // Server down: components go on to ActiveUpdate, an assumed step.
    doc["world"] = json!({ "down": ["server"] });
    let t = run(doc.clone());
    assert_eq!(path(&t, Components), vec!["server:failed", "activeupdate:delivered"]);
    let au = t.steps.iter().find(|s| {
        s.source().map(ToString::to_string).as_deref() == Some("activeupdate") && s.kind() == StepKind::Attempt
    });
    assert_eq!(au.map(|s| (s.rule().id(), s.assumed())), Some(("U1", true)));
    // A normal agent ignores the Update Agent setting and walks the list.
    doc["agent"]["role"] = json!("agent");
    assert!(!rules(&run(doc)).contains(&"U1".to_string()));
}

#[test]
fn u2_standard_source_process_when_the_server_notifies() {
    let list = json!([{ "range": "*", "source": "activeupdate" }, { "range": "*", "source": "ua://10.0.0.6" }]);
    let mut doc = xg(list, &["10.0.0.5"]);
    doc["agent"]["role"] = json!("update-agent");
    doc["agent"]["trigger"] = json!("server-notify");
    doc["settings"] = json!({ "ua_always_standard": true, "ua_server_only": true });
    doc["world"] = json!({ "down": ["server"] });
    let t = run(doc.clone());
    // U2 is checked before U1.
    assert!(rules(&t).contains(&"U2".to_string()) && !rules(&t).contains(&"U1".to_string()));
    assert_eq!(path(&t, Components), vec!["server:failed", "activeupdate:delivered"]);
    assert_eq!(outcome(&t, DomainSettings), "not-updated");
    // ActiveUpdate listed but not first, option off: quit.
    doc["sources"]["list"] =
        json!([{ "range": "*", "source": "ua://10.0.0.6" }, { "range": "*", "source": "activeupdate" }]);
    let t = run(doc.clone());
    assert_eq!(path(&t, Components), vec!["server:failed"]);
    assert_eq!(outcome(&t, Components), "not-updated");
    // A scheduled update does not take the standard-source process.
    doc["agent"]["trigger"] = json!("scheduled");
    doc["settings"] = json!({ "ua_always_standard": true });
    let t = run(doc);
    assert!(!rules(&t).contains(&"U2".to_string()));
    assert_eq!(path(&t, Components), vec!["ua://10.0.0.6:delivered"]);
}

// ---- W1-W5 ----

#[test]
fn w1_more_than_1024_entries() {
    let entries = |n: usize| -> serde_json::Value {
        (0..n).map(|i| json!({ "range": format!("10.{}.{}.0/24", i / 256, i % 256), "source": "server" })).collect()
    };
    assert!(!warning_rules(&run(xg(entries(1024), &["10.0.0.1"]))).contains(&"W1".to_string()));
    let t = run(xg(entries(1025), &["10.0.0.1"]));
    assert!(warning_rules(&t).contains(&"W1".to_string()));
}

#[test]
fn w2_activeupdate_first() {
    let t = run(xg(
        json!([{ "range": "*", "source": "activeupdate" }, { "range": "*", "source": "server" }]),
        &["10.0.0.1"],
    ));
    assert_eq!(warning_rules(&t), vec!["W2"]);
    let t = run(xg(
        json!([{ "range": "*", "source": "server" }, { "range": "*", "source": "activeupdate" }]),
        &["10.0.0.1"],
    ));
    assert!(warning_rules(&t).is_empty());
}

#[test]
fn w3_says_when_a_dual_stack_proxy_bridges_the_families() {
    let doc = xg(json!([{ "range": "2001:db8::/32", "source": "ua://10.0.0.5" }]), &["2001:db8::7"]);
    let without = run(doc.clone());
    assert!(!without.warnings[0].text.contains("dual-stack proxy is set"), "{}", without.warnings[0].text);
    let bridged = run(with(doc, "world", json!({ "dual_stack_proxy": true })));
    assert_eq!(warning_rules(&bridged), vec!["W3"], "still worth fixing");
    assert!(
        bridged.warnings[0].text.ends_with("; a dual-stack proxy is set, so agents reach it all the same"),
        "{}",
        bridged.warnings[0].text
    );
    // Other warnings are left as they are.
    let other = run(with(
        xg(json!([{ "range": "*", "source": "activeupdate" }]), &["10.0.0.1"]),
        "world",
        json!({ "dual_stack_proxy": true }),
    ));
    assert!(other.warnings.iter().all(|w| !w.text.contains("dual-stack proxy is set")));
}

#[test]
fn w3_range_and_source_of_different_families() {
    let t = run(xg(json!([{ "range": "2001:db8::/32", "source": "ua://10.0.0.5" }]), &["10.0.0.1"]));
    assert_eq!(warning_rules(&t), vec!["W3"]);
    let t = run(xg(json!([{ "range": "10.0.0.0/8", "source": "ua://[2001:db8::5]" }]), &["10.0.0.1"]));
    assert_eq!(warning_rules(&t), vec!["W3"]);
    let t = run(xg(
        json!([{ "range": "*", "source": "ua://10.0.0.5" }, { "range": "10.0.0.0/8", "source": "ua://ua.corp.local" }]),
        &["10.0.0.1"],
    ));
    assert!(warning_rules(&t).is_empty());
}

#[test]
fn w4_an_identical_earlier_entry_makes_an_entry_dead() {
    let t = run(xg(
        json!([
            { "range": "10.0.0.0/8", "source": "ua://10.0.0.5" },
            { "range": "10.0.0.0-10.255.255.255", "source": "UA://10.0.0.5" },
            { "range": "10.0.0.0/8", "source": "ua://10.0.0.6" }
        ]),
        &["10.0.0.1"],
    ));
    assert_eq!(warning_rules(&t), vec!["W4"]);
    assert!(t.warnings[0].text.contains("entry 2"));
}

#[test]
fn w5_link_local_ipv6_source() {
    let t = run(xg(json!([{ "range": "fe80::/10", "source": "ua://[fe80::5]" }]), &["fe80::1"]));
    assert_eq!(warning_rules(&t), vec!["W5"]);
}

// ---- W6 ----

#[test]
fn w6_a_broken_line_whose_range_holds_the_agent_is_named() {
    let list = "10.0.0.0/8 -> ua://10.0.0.5 # HQ\n10.4.0.0/16 -> ua//10.4.0.5 # branch, typo\n* -> server";
    let t = run(xg(json!(list), &["10.4.1.1"]));
    // The answer is computed without the broken line...
    assert_eq!(outcome(&t, Components), "updated@ua://10.0.0.5");
    // ...and the reader is told that line 2 covers this agent.
    assert_eq!(warning_rules(&t), vec!["W6"]);
    assert_eq!(t.warnings[0].line, Some(2));
    // The line is the warning's place (the page and the command line put it
    // before the text), so the sentence does not say it twice.
    let text = &t.warnings[0].text;
    assert!(
        text.starts_with("this line has an error") && text.contains("10.4.1.1") && !text.contains("line 2"),
        "{text}"
    );
}

#[test]
fn w6_is_silent_when_the_broken_lines_range_misses_the_agent() {
    let list = "10.0.0.0/8 -> ua://10.0.0.5\n10.4.0.0/16 -> ua//10.4.0.5\n* -> server";
    let t = run(xg(json!(list), &["10.9.1.1"]));
    assert_eq!(t.errors.len(), 1);
    assert_eq!(warning_rules(&t), Vec::<String>::new());
    // A line whose range itself is broken covers nobody it can name.
    let t = run(xg(json!("10.4.0.0/33 -> ua://10.4.0.5\n* -> server"), &["10.4.1.1"]));
    assert_eq!(warning_rules(&t), Vec::<String>::new());
}

#[test]
fn w6_names_a_broken_json_entry_too() {
    let list = json!([
        { "range": "10.4.0.0/16", "source": "ua://10.4.0.500" },
        { "range": "*", "source": "server" }
    ]);
    let t = run(xg(list, &["10.4.1.1"]));
    assert_eq!(warning_rules(&t), vec!["W6"]);
    assert_eq!(outcome(&t, Components), "updated@server");
}

// ---- E1 ----

#[test]
fn e1_host_typos_are_errors_at_the_host_not_host_names() {
    let list = "10.1.0.0/16 -> ua://10.1.0.500\n10.2.0.0/16 -> ua://10.2.0\n10.3.0.0/16 -> http://10.3.0.999/au\n192.168.1.0/24 -> ua://192.168.1.300\n10.5.0.0/16 -> http://mirror1..corp.example/au\n* -> server";
    let t = run(xg(json!(list), &["10.1.4.20"]));
    let at: Vec<(usize, usize)> = t.errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(at, vec![(1, 28), (2, 21), (3, 30), (4, 34), (5, 31)], "the column of the bad part of each host");
    assert!(t.errors[0].text.contains("500 is over 255"), "{}", t.errors[0].text);
    assert!(t.errors.iter().all(|e| e.rule.id() == "E1"));
    // No typo delivers anything: the catch-all does.
    assert_eq!(outcome(&t, Components), "updated@server");
}

#[test]
fn e1_host_typos_in_json_values_point_into_the_document() {
    let text = "{\n  \"version\": 2,\n  \"profile\": \"officescan-xg\",\n  \"server\": { \"address\": \"osce..corp\" },\n  \"sources\": { \"mode\": \"customized\", \"list\": [\n    { \"range\": \"*\", \"source\": \"ua://10.1.0.500:8080\" }\n  ] },\n  \"agent\": { \"addresses\": [\"10.1.4.256\"] }\n}";
    let t = update_source_planner::trace_json(text).unwrap_or_else(|e| panic!("{e}"));
    let at: Vec<(usize, usize, String)> = t
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.field.as_ref().map(|f| f.path().to_string()).unwrap_or_default()))
        .collect();
    assert_eq!(
        at,
        vec![
            (6, 44, "sources.list[0].source".to_string()),
            (4, 32, "server.address".to_string()),
            (8, 29, "agent.addresses[0]".to_string()),
        ]
    );
    assert!(t.errors[2].text.contains("256 is over 255"));
}

#[test]
fn e1_bad_entries_are_errors_with_line_and_column_and_the_rest_resolves() {
    let text = "{\n  \"version\": 1,\n  \"profile\": \"officescan-xg\",\n  \"sources\": { \"mode\": \"customized\", \"list\": [\n    { \"range\": \"10.1.0.9-10.1.0.1\", \"source\": \"server\" },\n    { \"range\": \"10.0.0.0/8\", \"source\": \"mirror.corp.local/au\" },\n    { \"range\": \"10.0.0.0/8\", \"source\": \"ua://10.0.0.5\" }\n  ] },\n  \"agent\": { \"addresses\": [\"10.1.0.3\"] }\n}";
    let t = update_source_planner::trace_json(text).unwrap_or_else(|e| panic!("{e}"));
    let at: Vec<(usize, usize, &str)> = t.errors.iter().map(|e| (e.line, e.column, e.rule.id())).collect();
    assert_eq!(at, vec![(5, 17, "E1"), (6, 41, "E1")]);
    assert!(t.errors[0].text.contains("above its end"));
    assert!(t.errors[1].text.contains("http://"));
    assert_eq!(path(&t, Components), vec!["ua://10.0.0.5:delivered"]);
}

#[test]
fn e1_pasted_list_errors_count_lines_of_the_list() {
    let t = run(xg(json!("# header comment\n10.0.0.0/8 -> floppy\n* -> server"), &["10.0.0.1"]));
    let at: Vec<(usize, usize)> = t.errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(at, vec![(2, 15)]);
    assert_eq!(t.errors[0].field.as_ref().map(|f| f.path()), Some("sources.list"));
    assert_eq!(path(&t, Components), vec!["server:delivered"]);
}

// ---- S&WP: R0-R2, R4, RW1, RE1 ----

fn swp(swp: serde_json::Value, world: serde_json::Value) -> serde_json::Value {
    json!({ "version": 1, "profile": "swp", "swp": swp, "agent": { "addresses": ["172.16.0.9"] }, "world": world })
}

#[test]
fn r0_nothing_starts_while_the_manager_is_down_unless_allowed() {
    let relays = json!({ "relays": [{ "name": "relay-a" }] });
    let t = run(swp(relays.clone(), json!({ "manager_up": false })));
    assert_eq!(outcome(&t, Components), "not-started");
    assert_eq!(rules(&t), vec!["R0"]);
    let t = run(swp(
        json!({ "relays": [{ "name": "relay-a" }], "when_manager_unreachable": true }),
        json!({ "manager_up": false }),
    ));
    assert_eq!(outcome(&t, Components), "updated@relay-a");
    let t = run(swp(relays, json!({})));
    assert_eq!(kinds(&t)[0], "trigger");
    assert_eq!(outcome(&t, Components), "updated@relay-a");
}

#[test]
fn r0_officescan_items_are_not_part_of_the_walk() {
    let mut doc = swp(json!({ "relays": [{ "name": "relay-a" }] }), json!({}));
    doc["agent"]["items"] = json!(["domain-settings", "components"]);
    let t = run(doc);
    assert_eq!(t.steps[0].kind(), StepKind::Note);
    let note = t.steps[0].text();
    assert!(
        note.starts_with("domain settings are OfficeScan-family items") && !note.contains("components are"),
        "{note}"
    );
    assert_eq!(outcome(&t, DomainSettings), "-");
    assert_eq!(outcome(&t, Components), "updated@relay-a");
}

#[test]
fn r1_relays_in_the_order_drawn_first_not_down_delivers() {
    let t = run(swp(
        json!({ "relays": [{ "name": "relay-b" }, { "name": "relay-a" }, { "name": "relay-c" }] }),
        json!({ "down": ["relay-b"] }),
    ));
    assert_eq!(path(&t, Components), vec!["relay-b:failed", "relay-a:delivered"]);
}

#[test]
fn r2_secondary_sources_tenant_group_then_primary_assumed() {
    let both = json!({ "relays": [{ "name": "relay-a" }], "direct_if_relays_unreachable": true, "tenant_group_if_relays_unreachable": true });
    let t = run(swp(both.clone(), json!({ "down": ["relay-a", "tenant-relay-group"] })));
    assert_eq!(path(&t, Components), vec!["relay-a:failed", "tenant-relay-group:failed", "primary:delivered"]);
    let r2: Vec<bool> = t.steps.iter().filter(|s| s.rule().id() == "R2").map(|s| s.assumed()).collect();
    assert_eq!(r2, vec![true, true]);
    let none = run(swp(json!({ "relays": [{ "name": "relay-a" }] }), json!({ "down": ["relay-a"] })));
    assert_eq!(path(&none, Components), vec!["relay-a:failed"]);
    assert_eq!(outcome(&none, Components), "not-updated");
    let all_down = run(swp(both, json!({ "down": ["relay-a", "tenant-relay-group", "primary"] })));
    assert_eq!(outcome(&all_down, Components), "not-updated");
}

#[test]
fn r4_rule_updates_follow_components() {
    let t = run(swp(json!({ "relays": [{ "name": "relay-a" }] }), json!({})));
    let r4 = t.steps.iter().find(|s| s.rule().id() == "R4").map(|s| s.text()).unwrap_or_default();
    assert!(r4.contains("applied to the assigned policies"), "{r4}");
    let off = run(swp(json!({ "relays": [{ "name": "relay-a" }], "auto_apply_rule_updates": false }), json!({})));
    let r4 = off.steps.iter().find(|s| s.rule().id() == "R4").map(|s| s.text()).unwrap_or_default();
    assert!(r4.contains("not applied"), "{r4}");
    let failed = run(swp(json!({ "relays": [{ "name": "relay-a" }] }), json!({ "down": ["relay-a"] })));
    assert!(!rules(&failed).contains(&"R4".to_string()));
}

#[test]
fn rw1_secondary_options_on_a_portable_computer() {
    let mut doc = swp(json!({ "relays": [{ "name": "relay-a" }], "direct_if_relays_unreachable": true }), json!({}));
    assert!(warning_rules(&run(doc.clone())).is_empty());
    doc["agent"]["portable"] = json!(true);
    assert_eq!(warning_rules(&run(doc)), vec!["RW1"]);
}

#[test]
fn re1_primary_must_be_trend_micro_or_an_http_url() {
    let t = run(swp(json!({ "primary": "ftp://mirror.corp.local" }), json!({})));
    assert_eq!(t.errors.iter().map(|e| e.rule.id()).collect::<Vec<_>>(), vec!["RE1"]);
    let ok = run(swp(
        json!({ "primary": "https://mirror.corp.local/swp", "relays": [], "direct_if_relays_unreachable": true }),
        json!({}),
    ));
    assert!(ok.errors.is_empty());
    assert_eq!(path(&ok, Components), vec!["primary:delivered"]);
    assert!(ok.steps.iter().any(|s| s.text().contains("Other update source https://mirror.corp.local/swp")));
}

// ---- Vision One: RG1 relay groups, VC1-VC3 Version Control Policies ----
// The sentences are in ../shared/research/beyond-the-seeds.md, section
// "Server & Workload Protection".

fn swp4(swp: serde_json::Value, agent: serde_json::Value, world: serde_json::Value) -> serde_json::Value {
    let mut doc = json!({ "version": 4, "profile": "swp", "swp": swp, "agent": agent, "world": world });
    if doc["agent"].get("addresses").is_none() {
        doc["agent"]["addresses"] = json!(["172.16.0.9"]);
    }
    doc
}

fn group_of_three() -> serde_json::Value {
    json!({ "relay_group": "Branch relays", "relays": [{ "name": "relay-a" }, { "name": "relay-b" }, { "name": "relay-c" }] })
}

fn drawn(doc: &serde_json::Value, draw: u64) -> update_source_planner::Trace {
    let draw = update_source_planner::plan::Draw::new(draw);
    update_source_planner::read_and_trace_drawn(&doc.to_string(), draw)
        .map(|(_, t)| t)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// "Agents receive a randomly ordered list of relays for their assigned
/// relay group. ... it tries the first relay. If there is no response, the
/// agent tries the next in the list until it can successfully download."
#[test]
fn rg1_a_groups_relays_are_tried_in_an_order_drawn_per_agent_and_any_that_is_up_delivers() {
    let doc = swp4(group_of_three(), json!({}), json!({ "down": ["relay-a"] }));
    let first = drawn(&doc, 1);
    assert_eq!(path(&first, Components), vec!["relay-a:failed", "relay-b:delivered"]);
    assert_eq!(outcome(&first, Components), "updated@relay-group:Branch relays");
    let note =
        first.steps.iter().find(|s| s.rule().id() == "RG1" && s.kind() == StepKind::Note).expect("the draw is told");
    assert!(note.text().contains("random order of its own"), "{}", note.text());
    assert!(note.text().contains("one possible draw (draw 1 of 6)"), "{}", note.text());
    assert!(!note.assumed());
    // Another draw: another relay first, the same answer.
    let second = drawn(&doc, 2);
    assert_eq!(path(&second, Components), vec!["relay-b:delivered"]);
    assert_eq!(second.relay_group.as_ref().map(|g| g.draw), Some(2));
    assert!(second
        .steps
        .iter()
        .any(|s| s.text().contains("one possible draw (draw 2 of 6): relay-b, relay-a, relay-c")));
    assert_eq!(outcome(&second, Components), outcome(&first, Components));
    assert_eq!(
        first.outcome_words(Components),
        "updated from a relay of group \"Branch relays\" that is up (any of relay-b, relay-c)"
    );
    let group = first.relay_group.as_ref().expect("the trace names the group");
    assert_eq!((group.draw, group.orders, group.up.len()), (1, 6, 2));
    // Every relay down: the next source, as without a group.
    let mut all_down = swp4(group_of_three(), json!({}), json!({ "down": ["relay-a", "relay-b", "relay-c"] }));
    assert_eq!(outcome(&run(all_down.clone()), Components), "not-updated");
    all_down["swp"]["direct_if_relays_unreachable"] = json!(true);
    let t = run(all_down);
    assert_eq!(path(&t, Components).last().map(String::as_str), Some("primary:delivered"));
    // `relay-group:NAME` down is every relay of the group down.
    let group_down = run(swp4(group_of_three(), json!({}), json!({ "down": ["relay-group:Branch relays"] })));
    assert_eq!(path(&group_down, Components), vec!["relay-a:failed", "relay-b:failed", "relay-c:failed"]);
}

#[test]
fn rg1_without_a_group_name_the_relays_are_one_draw_tried_as_listed() {
    let mut doc = group_of_three();
    doc.as_object_mut().map(|o| o.remove("relay_group"));
    let t = drawn(&swp4(doc, json!({}), json!({ "down": ["relay-a"] })), 2);
    assert_eq!(path(&t, Components), vec!["relay-a:failed", "relay-b:delivered"], "a draw number changes nothing");
    assert_eq!(outcome(&t, Components), "updated@relay-b");
    assert!(t.relay_group.is_none() && !rules(&t).contains(&"RG1".to_string()));
}

/// "If you enrolled your Server & Workload Protection Manager in Version
/// Control Policies, Trend Vision One Endpoint Security agents version
/// 202412 or later do not use relays for updates."
#[test]
fn vc1_an_agent_of_202412_or_later_under_version_control_uses_no_relay() {
    let mut settings = group_of_three();
    settings["version_control"] = json!(true);
    let t = run(swp4(settings.clone(), json!({ "version": "202412" }), json!({})));
    assert!(path(&t, Components).iter().all(|p| !p.starts_with("relay")), "{:?}", path(&t, Components));
    let vc1 = t.steps.iter().find(|s| s.rule().id() == "VC1").expect("a step says why");
    assert_eq!(vc1.kind(), StepKind::Settings);
    assert!(vc1.text().contains("does not use relays for updates"), "{}", vc1.text());
    // Before 202412, or no version given: relays as before, and the step says why.
    for agent in [json!({ "version": "202411" }), json!({ "version": "20.0.1-21510" }), json!({})] {
        let t = run(swp4(settings.clone(), agent.clone(), json!({})));
        assert_eq!(outcome(&t, Components), "updated@relay-group:Branch relays", "{agent}");
        let note = t.steps.iter().find(|s| s.rule().id() == "VC1").expect("a note");
        assert!(note.text().contains("updates through relays as before"), "{}", note.text());
    }
    // Not enrolled: a new agent uses relays.
    let t = run(swp4(group_of_three(), json!({ "version": "202503" }), json!({})));
    assert_eq!(outcome(&t, Components), "updated@relay-group:Branch relays");
    assert!(!rules(&t).contains(&"VC1".to_string()));
    // A version that is not one is an error at its place.
    let bad = run(swp4(settings, json!({ "version": "latest" }), json!({})));
    assert_eq!(bad.errors.iter().map(|e| e.rule.id()).collect::<Vec<_>>(), vec!["E1"]);
    assert!(bad.errors[0].text.contains("is not an agent version"));
}

/// "deploy a Service Gateway with the ActiveUpdate service and Generic
/// Caching Service enabled. Otherwise, agents connect directly to Trend
/// Vision One servers to retrieve updates."
#[test]
fn vc2_the_service_gateway_when_one_is_set_up_else_trend_vision_one_directly() {
    let enrolled = json!({ "relays": [{ "name": "relay-a" }], "version_control": true });
    let t = run(swp4(enrolled.clone(), json!({ "version": "202412" }), json!({})));
    assert_eq!(path(&t, Components), vec!["trend-vision-one:delivered"]);
    assert_eq!(t.outcome_words(Components), "updated from Trend Vision One");
    assert!(rules(&t).contains(&"R4".to_string()), "rule updates follow");
    let mut with_gateway = enrolled.clone();
    with_gateway["service_gateway"] = json!("sg.corp.example");
    let t = run(swp4(with_gateway, json!({ "version": "202412" }), json!({})));
    assert_eq!(path(&t, Components), vec!["service-gateway:delivered"]);
    assert!(t
        .steps
        .iter()
        .any(|s| s.rule().id() == "VC2" && s.text().contains("sg.corp.example (Generic Caching Service)")));
    let cut_off = run(swp4(enrolled, json!({ "version": "202412" }), json!({ "down": ["trend-vision-one"] })));
    assert_eq!(outcome(&cut_off, Components), "not-updated");
    assert_eq!(rules(&cut_off).last().map(String::as_str), Some("VC2"));
}

/// The documents do not say what an agent does while its Service Gateway is
/// down: the planner's reading (not updated, no going around it) is marked.
#[test]
fn vc3_a_gateway_that_is_set_up_but_down_leaves_components_not_updated_assumed() {
    let swp = json!({ "relays": [{ "name": "relay-a" }], "version_control": true, "service_gateway": "10.9.0.4" });
    let t = run(swp4(swp, json!({ "version": "202503" }), json!({ "down": ["service-gateway"] })));
    assert_eq!(path(&t, Components), vec!["service-gateway:failed"]);
    assert_eq!(outcome(&t, Components), "not-updated");
    let vc3 = t.steps.last().expect("a last step");
    assert_eq!((vc3.rule().id(), vc3.kind(), vc3.assumed()), ("VC3", StepKind::Quit, true));
    assert!(vc3.text().contains("the planner takes it that it does not"), "{}", vc3.text());
    let bad = run(swp4(json!({ "version_control": true, "service_gateway": "10.9.0.400" }), json!({}), json!({})));
    assert!(bad.errors.iter().any(|e| e.text.contains("400 is over 255")));
}
