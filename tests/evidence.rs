//! Prediction against evidence: the agent's own log against the trace.

use proptest::prelude::*;
use update_source_planner::evidence::check;
use update_source_planner::input::source::SourceId;
use update_source_planner::trace::AttemptResult;
use update_source_planner::{trace, Scenario};

fn example(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples").join(name);
    Scenario::from_json(&std::fs::read_to_string(path).expect("example")).expect("a scenario")
}

/// The floor example with nothing down: the trace has the agent update from ua://10.1.0.5.
fn floor_all_up() -> Scenario {
    let mut s = example("floor-update-agent-down.json");
    s.world.down.clear();
    s
}

fn log(urls: &[&str]) -> String {
    urls.iter().map(|u| format!("2026-11-23 10:01:02 [AU] Downloading [{u}] ok\n")).collect()
}

#[test]
fn a_skipped_update_agent_is_explained_as_down_and_applying_it_matches() {
    let s = floor_all_up();
    let evidence = log(&[
        "https://10.0.0.5:21112/activeupdate/server.ini",
        "https://10.0.0.5:21112/activeupdate/pattern/lpt$vpn.123",
    ]);
    let result = check(&s, &evidence);
    assert!(!result.agrees());
    let parting = result.parting.clone().expect("a parting");
    assert_eq!(parting.contact, Some(0), "the first URL already parts");
    let texts: Vec<&str> = result.explanations.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts.first().copied(),
        Some("if Update Agent ua://10.1.0.5 were down, the trace would match the evidence"),
        "{texts:?}"
    );
    // Applied, the explanation makes the trace agree.
    let applied = &result.explanations[0].scenario;
    assert!(check(applied, &evidence).agrees());
    assert_eq!(applied.world.down, vec!["ua://10.1.0.5".to_string()]);
    assert!(result.summary().contains("parts from the trace for components"), "{}", result.summary());
}

#[test]
fn a_host_not_in_the_scenario_is_named() {
    let result = check(&floor_all_up(), &log(&["http://unknown.example.com/au/server.ini"]));
    assert_eq!(result.contacts[0].source, None);
    assert!(result.summary().contains("which is not in the scenario"), "{}", result.summary());
    assert!(result.explanations.is_empty());
    assert!(result.summary().contains("Nothing among the scenario's own alternatives explains it"));
}

#[test]
fn evidence_without_a_url_has_nothing_to_compare() {
    let result = check(&floor_all_up(), "Update failed\nerror 0x80070005 at 10:02");
    assert!(result.is_empty() && !result.agrees());
    assert_eq!(result.summary(), "The evidence names no http:// or https:// URL: there is nothing to compare.");
}

#[test]
fn update_from_alone_is_matched() {
    let s = example("floor-update-agent-down.json");
    let result = check(&s, "https://10.0.0.5:21112/activeupdate");
    assert_eq!(result.contacts.len(), 1);
    assert_eq!(result.contacts[0].source, Some(SourceId::read("ua://10.0.0.5")));
    assert!(result.agrees(), "{}", result.summary());
    // The server by its address, on any port.
    let result = check(&s, "UpdateFrom    REG_SZ    http://osce.corp.local:8080/officescan/download");
    assert_eq!(result.contacts[0].source, Some(SourceId::Server));
}

#[test]
fn a_source_believed_down_that_delivered_is_explained_as_up() {
    let s = example("floor-update-agent-down.json");
    let result = check(&s, &log(&["https://10.1.0.5:21112/activeupdate/server.ini"]));
    let texts: Vec<&str> = result.explanations.iter().map(|e| e.text.as_str()).collect();
    assert!(texts.contains(&"if Update Agent ua://10.1.0.5 were up, the trace would match the evidence"), "{texts:?}");
}

/// URLs an agent would log for a trace: each attempted source, as a file from it.
fn evidence_of(s: &Scenario, t: &update_source_planner::Trace, delivered_only: bool) -> String {
    let host = |id: &SourceId| match id {
        SourceId::UpdateAgent { host, .. } => format!("https://{host}:21112/activeupdate/server.ini"),
        SourceId::Server => {
            format!("http://{}:8080/officescan/server.ini", s.server.address.clone().unwrap_or_default())
        }
        SourceId::ActiveUpdate => "http://osce12-p.activeupdate.trendmicro.com/activeupdate/server.ini".to_string(),
        SourceId::Url(u) => format!("{u}/server.ini"),
        other => format!("http://{other}/server.ini"),
    };
    t.path(update_source_planner::model::item::Item::Components)
        .into_iter()
        .filter(|(_, r)| !delivered_only || *r == AttemptResult::Delivered)
        .map(|(id, _)| format!("Downloading [{}]\n", host(id)))
        .collect()
}

fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    let source = prop_oneof![
        Just("ua://10.1.0.5"),
        Just("ua://10.0.0.5"),
        Just("ua://10.2.0.5"),
        Just("http://mirror.corp/au"),
        Just("activeupdate")
    ];
    let range = prop_oneof![Just("10.0.0.0/8"), Just("10.1.0.0/16"), Just("*")];
    (prop::collection::vec((range, source), 1..5), any::<bool>(), any::<bool>()).prop_map(|(list, fallback, au)| {
        let text = list.into_iter().map(|(r, s)| format!("{r} -> {s}")).collect::<Vec<_>>().join("\n");
        let doc = serde_json::json!({
            "version": 2, "profile": "officescan-xg", "server": { "address": "osce.corp.local" },
            "sources": { "mode": "customized", "list": text },
            "settings": { "fallback_components": fallback, "agents_use_activeupdate": au },
            "agent": { "addresses": ["10.1.4.20"], "items": ["components"] }
        });
        Scenario::from_json(&doc.to_string()).expect("a scenario")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn evidence_made_from_the_trace_matches_with_nothing_to_explain(s in scenario_strategy()) {
        let t = trace(&s);
        let evidence = evidence_of(&s, &t, false);
        prop_assume!(!evidence.is_empty());
        let result = check(&s, &evidence);
        prop_assert!(result.agrees(), "{}\n{}", evidence, result.summary());
        prop_assert!(result.explanations.is_empty());
    }

    #[test]
    fn evidence_with_one_source_down_is_explained_by_that_source(s in scenario_strategy(), pick in any::<prop::sample::Index>()) {
        let t = trace(&s);
        let Some((delivering, _)) = t.path(update_source_planner::model::item::Item::Components).into_iter().find(|(_, r)| *r == AttemptResult::Delivered) else {
            return Ok(());
        };
        // Take a source the agent delivered from down in reality (others are left as they were).
        let candidates = [delivering.clone()];
        let down = pick.get(&candidates).clone();
        let mut real = s.clone();
        real.world.down.push(down.to_string());
        let evidence = evidence_of(&real, &trace(&real), true);
        prop_assume!(!evidence.is_empty());
        let result = check(&s, &evidence);
        prop_assert!(!result.agrees());
        let wanted = format!("if {} were down, the trace would match the evidence", update_source_planner::vocabulary::name(s.profile, &down));
        prop_assert!(result.explanations.iter().any(|e| e.text == wanted), "{:?} for {}", result.explanations.iter().map(|e| &e.text).collect::<Vec<_>>(), evidence);
    }
}

/// A branch whose web mirror comes first and whose Update Agent second.
fn mirror_then_update_agent() -> Scenario {
    Scenario::from_json(
        r#"{"version":3,"profile":"officescan-xg","sources":{"mode":"customized","list":[
            {"range":"10.9.0.0/16","source":"http://mirror.branch.corp.local/activeupdate"},
            {"range":"10.9.0.0/16","source":"ua://10.9.0.9"}]},
            "agent":{"addresses":["10.9.4.4"]}}"#,
    )
    .expect("a scenario")
}

const SIX_LINES: &str =
    "2026-11-23 10:01:02 [AU] Connect to http://mirror.branch.corp.local/activeupdate/server.ini failed (12029)
2026-11-23 10:01:05 [AU] Connect to http://mirror.branch.corp.local/activeupdate/server.ini failed (12029)
2026-11-23 10:01:09 [AU] Downloading [https://10.9.0.9:4343/activeupdate/server.ini] ok
2026-11-23 10:01:12 [AU] Downloading [https://10.9.0.9:4343/activeupdate/pattern/lpt$vpn.123] ok
2026-11-23 10:01:15 [AU] Update finished
2026-11-23 10:01:16 [Proxy] Auto-config from http://wpad.corp.local/wpad.dat
";

#[test]
fn a_proxy_auto_configuration_url_does_not_block_the_explanation() {
    let s = mirror_then_update_agent();
    let result = check(&s, SIX_LINES);
    let texts: Vec<&str> = result.explanations.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts.first().copied(),
        Some("if http://mirror.branch.corp.local/activeupdate were down, the trace would match the evidence"),
        "{}",
        result.summary()
    );
    assert!(check(&result.explanations[0].scenario, SIX_LINES).agrees());
    assert_eq!(result.compared.last(), Some(&None), "the wpad.dat URL is set aside");
    assert!(result.summary().contains("1 URL was set aside: not update traffic"), "{}", result.summary());
    // The same log without the proxy line gives the same explanation.
    let without: String = SIX_LINES.lines().take(5).map(|l| format!("{l}\n")).collect();
    assert_eq!(check(&s, &without).explanations[0].text, result.explanations[0].text);
}

#[test]
fn failed_connects_are_read_as_failed() {
    use update_source_planner::evidence::Reached;
    let result = check(&mirror_then_update_agent(), SIX_LINES);
    let reached: Vec<Reached> = result.contacts.iter().map(|c| c.result).collect();
    assert_eq!(reached, [Reached::Failed, Reached::Failed, Reached::Contacted, Reached::Contacted, Reached::Contacted]);
    // Every connect failed where the trace has the mirror deliver: that parts.
    let only_failures: String = SIX_LINES.lines().take(2).map(|l| format!("{l}\n")).collect();
    let result = check(&mirror_then_update_agent(), &only_failures);
    let parting = result.parting.expect("parts");
    assert_eq!(
        parting.text,
        "every contact failed, where the trace gets it from http://mirror.branch.corp.local/activeupdate"
    );
}

#[test]
fn a_log_of_other_traffic_only_has_nothing_to_compare() {
    let result = check(
        &mirror_then_update_agent(),
        "Auto-config from http://wpad.corp.local/wpad.dat\nsee https://intranet.corp.local/help.html",
    );
    assert!(result.is_empty() && !result.agrees());
    assert_eq!(
        result.summary(),
        "The evidence names no update URL: there is nothing to compare. 2 URLs were set aside: not update traffic."
    );
}

#[test]
fn proxy_auto_configuration_is_set_aside_even_from_a_source() {
    // The server and an Update Agent also serve a .pac or wpad.dat file: not an update.
    let s = example("floor-update-agent-down.json");
    let evidence = log(&[
        "http://osce.corp.local:8080/officescan/proxy.pac",
        "https://10.0.0.5:21112/activeupdate/wpad.dat",
        "https://10.0.0.5:21112/activeupdate/server.ini",
    ]);
    let result = check(&s, &evidence);
    assert_eq!(result.set_aside(), 2, "{}", result.summary());
    assert!(result.agrees(), "{}", result.summary());
    assert_eq!(
        result.summary(),
        "The agent did what the trace predicts (1 update URL read). 2 URLs were set aside: not update traffic."
    );
}

#[test]
fn update_paths_and_component_files_on_other_hosts_are_compared_not_set_aside() {
    let s = floor_all_up();
    for url in [
        "http://cdn.example.com/officescan/download/readme.txt",
        "http://cdn.example.com/files/lpt$vpn.123",
        "http://cdn.example.com/files/vsapi.ptn",
        "http://cdn.example.com/files/virus-pattern-1234",
    ] {
        let result = check(&s, &log(&[url]));
        assert_eq!(result.set_aside(), 0, "{url}: {}", result.summary());
        assert!(result.summary().contains("which is not in the scenario"), "{url}: {}", result.summary());
    }
    // The same host with a file that is none of these is not update traffic.
    let result = check(&s, &log(&["http://cdn.example.com/files/readme.txt"]));
    assert_eq!(
        result.summary(),
        "The evidence names no update URL: there is nothing to compare. 1 URL was set aside: not update traffic."
    );
}

#[test]
fn the_summary_counts_the_update_urls_read_without_those_set_aside() {
    let s = example("floor-update-agent-down.json");
    let evidence = log(&[
        "https://10.1.0.5:21112/activeupdate/proxy.pac",
        "https://10.0.0.5:21112/activeupdate/server.ini",
        "https://10.0.0.5:21112/activeupdate/pattern/lpt$vpn.123",
    ]);
    assert_eq!(
        check(&s, &evidence).summary(),
        "The agent did what the trace predicts (2 update URLs read). 1 URL was set aside: not update traffic."
    );
}

#[test]
fn going_back_to_a_source_the_trace_left_behind_is_where_the_agent_parts() {
    // The trace: ua://10.1.0.5 (down), then ua://10.0.0.5 delivers. The agent
    // went to ua://10.0.0.5 first and then back to ua://10.1.0.5.
    let s = example("floor-update-agent-down.json");
    let evidence =
        log(&["https://10.0.0.5:21112/activeupdate/server.ini", "https://10.1.0.5:21112/activeupdate/server.ini"]);
    let result = check(&s, &evidence);
    let parting = result.parting.clone().expect("a parting");
    assert_eq!(parting.contact, Some(1));
    assert_eq!(
        parting.text,
        "the trace tries Update Agent ua://10.1.0.5, then Update Agent ua://10.0.0.5 and gets it from Update Agent ua://10.0.0.5"
    );
    assert!(
        result.summary().contains("at URL 2 (line 2), the agent contacted Update Agent ua://10.1.0.5;"),
        "{}",
        result.summary()
    );
}

#[test]
fn a_relay_and_the_primary_source_of_a_server_and_workload_protection_agent_are_recognised() {
    let mut s = example("swp-relays-down.json");
    s.swp.primary = "https://mirror.corp.example/swp".into();
    let result = check(&s, &log(&["https://relay-b:4122/ServerAndWorkload/server.ini"]));
    assert_eq!(result.contacts[0].source, Some(SourceId::read("relay-b")), "{}", result.summary());
    for url in ["https://mirror.corp.example/swp", "https://mirror.corp.example/swp/server.ini"] {
        let result = check(&s, &log(&[url]));
        assert_eq!(result.contacts[0].source, Some(SourceId::Primary), "{url}: {}", result.summary());
    }
    let result = check(&s, &log(&["https://mirror.corp.example/swpx/server.ini"]));
    assert_eq!(result.contacts[0].source, None, "a sibling folder is not the primary source");
    // An OfficeScan agent has no relays: a host named like one is not in the scenario.
    let result = check(&floor_all_up(), &log(&["https://relay-b:4122/activeupdate/server.ini"]));
    assert_eq!(result.contacts[0].source, None);
}

#[test]
fn a_second_source_down_is_offered_beside_the_one_already_down() {
    // ua://10.1.0.5 is already down in the scenario; the agent went past
    // ua://10.0.0.5 as well, straight to the server.
    let s = example("floor-update-agent-down.json");
    let result = check(&s, &log(&["http://osce.corp.local:8080/officescan/download/server.ini"]));
    let texts: Vec<&str> = result.explanations.iter().map(|e| e.text.as_str()).collect();
    assert!(
        texts.contains(&"if Update Agent ua://10.0.0.5 were down, the trace would match the evidence"),
        "{texts:?}"
    );
    let applied =
        &result.explanations.iter().find(|e| e.text.contains("ua://10.0.0.5")).expect("the explanation").scenario;
    assert_eq!(applied.world.down, ["ua://10.1.0.5", "ua://10.0.0.5"]);
}

fn explanation_texts(result: &update_source_planner::evidence::Check) -> Vec<&str> {
    result.explanations.iter().map(|e| e.text.as_str()).collect()
}

#[test]
fn a_dual_stack_agent_that_used_one_address_is_explained_by_that_address() {
    // 10.7.1.1 is covered by a pattern-only Update Agent, 2001:db8:7::1:1 by the IPv6 one.
    let s = example("dual-stack-partial-agent.json");
    let evidence = log(&["https://[2001:db8:7::5]:21112/activeupdate/server.ini"]);
    let result = check(&s, &evidence);
    assert!(!result.agrees(), "{}", result.summary());
    let texts = explanation_texts(&result);
    let only_v6 = "if the agent used only its address 2001:db8:7::1:1, the trace would match the evidence";
    assert!(texts.contains(&only_v6), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("only its address 10.7.1.1")), "{texts:?}");
    let applied = &result.explanations[texts.iter().position(|t| *t == only_v6).unwrap_or_default()].scenario;
    assert_eq!(applied.agent.addresses, vec!["2001:db8:7::1:1".to_string()]);
    assert!(check(applied, &evidence).agrees());
}

#[test]
fn a_setting_switched_is_offered_when_it_makes_the_trace_agree() {
    // No entry covers the client and the server is not its fallback for
    // components: the trace gets components elsewhere, the log shows the server.
    let mut s = example("no-entry-matches.json");
    s.server.address = Some("osce.corp.local".into());
    let evidence = log(&["http://osce.corp.local:8080/officescan/download/server.ini"]);
    let result = check(&s, &evidence);
    assert_eq!(result.contacts[0].source, Some(SourceId::Server));
    let texts = explanation_texts(&result);
    assert_eq!(
        texts,
        vec![
            "if \"Update components from the OfficeScan server if all customized sources are unavailable or not found\" were on, the trace would match the evidence",
            "if the update source were the standard update source, the trace would match the evidence",
        ],
        "{}",
        result.summary()
    );
    assert!(result.explanations[0].scenario.settings.fallback_components);
    assert!(check(&result.explanations[0].scenario, &evidence).agrees());
}

#[test]
fn the_other_update_source_mode_is_offered_when_it_makes_the_trace_agree() {
    // The list sends the agent to its floor's Update Agent; the log shows the server.
    let s = floor_all_up();
    let evidence = log(&["http://osce.corp.local:8080/officescan/download/server.ini"]);
    let result = check(&s, &evidence);
    let texts = explanation_texts(&result);
    let standard = "if the update source were the standard update source, the trace would match the evidence";
    assert!(texts.contains(&standard), "{texts:?}");
    let applied = &result.explanations[texts.iter().position(|t| *t == standard).unwrap_or_default()].scenario;
    assert!(check(applied, &evidence).agrees());
    // A Server & Workload Protection agent has no update source mode to switch.
    let swp = example("swp-relays-down.json");
    let result = check(&swp, &log(&["http://elsewhere.example/activeupdate/server.ini"]));
    assert!(!explanation_texts(&result).iter().any(|t| t.contains("update source were")), "{}", result.summary());
}
