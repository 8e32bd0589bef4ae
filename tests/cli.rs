//! The command line's contract: output forms and exit statuses 0, 1 and 2.

use std::process::Output;

mod common;
use common::planner;

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A file written in a directory of its own (removed by the test).
fn temp_file(test: &str, name: &str, contents: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("usp-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join(name);
    std::fs::write(&file, contents).expect("written");
    (dir, file)
}

const GOOD: &str = r#"{"version":1,"profile":"officescan-xg","sources":{"mode":"customized","list":[{"range":"10.0.0.0/8","source":"ua://10.0.0.5"}]},"agent":{"addresses":["10.1.1.1"]}}"#;

#[test]
fn trace_prints_numbered_steps_with_rule_ids_and_exits_0() {
    let out = planner(&["trace", "-"], Some(GOOD));
    assert_eq!(out.status.code(), Some(0));
    let t = text(&out);
    assert!(t.contains("  1. [T1] Scheduled update"), "{t}");
    assert!(t.contains("[L1] components from Update Agent ua://10.0.0.5 (entry 1): delivered"), "{t}");
    assert!(t.contains("components: updated from Update Agent ua://10.0.0.5"), "{t}");
}

#[test]
fn a_titled_scenario_prints_its_title_above_the_trace() {
    let titled = GOOD.replace(r#""version":1,"#, r#""version":2,"title":"Ticket 4711: ACME","#);
    let t = text(&planner(&["trace", "-"], Some(&titled)));
    assert!(t.starts_with("Ticket 4711: ACME\nOfficeScan XG update trace\n"), "{t}");
    assert!(text(&planner(&["trace", "-"], Some(GOOD))).starts_with("OfficeScan XG update trace\n"));
}

#[test]
fn trace_json_is_the_spec_format() {
    let out = planner(&["trace", "--json", "-"], Some(GOOD));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v["profile"], "officescan-xg");
    assert_eq!(v["steps"][0]["n"], 1);
    assert_eq!(v["steps"][0]["kind"], "trigger");
    assert_eq!(v["steps"][2]["kind"], "attempt");
    assert_eq!(v["steps"][2]["result"], "delivered");
    assert_eq!(v["steps"][2]["entry"], 1);
    assert_eq!(v["steps"][2]["assumed"], false);
    assert_eq!(v["outcome"]["components"]["status"], "updated");
    assert!(v["warnings"].as_array().is_some() && v["errors"].as_array().is_some());
}

#[test]
fn errors_exit_1_and_still_print_the_trace() {
    let doc = GOOD.replace("ua://10.0.0.5", "floppy");
    let out = planner(&["trace", "-"], Some(&doc));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("Errors:"));
    assert!(text(&out).contains("unknown source word `floppy`"));
    assert!(text(&out).contains("Outcome:"));
}

#[test]
fn unreadable_or_non_scenarios_exit_2_with_one_line() {
    for (input, needle) in [
        ("{not json", "line 1, column 2"),
        (
            r#"{"version":1,"profile":"officescan-xg","agent":{"addresses":[]},"colour":"blue"}"#,
            "unknown field `colour`",
        ),
        (r#"{"version":9,"profile":"officescan-xg"}"#, "newer planner"),
        ("", "EOF"),
    ] {
        let out = planner(&["trace", "-"], Some(input));
        assert_eq!(out.status.code(), Some(2), "{input}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
    }
    let out = planner(&["trace", "/no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/file.json"));
}

#[test]
fn lint_prints_warnings_and_errors_only() {
    let doc = GOOD.replace(r#"[{"range"#, r#"[{"range":"*","source":"activeupdate"},{"range"#);
    let out = planner(&["lint", "-"], Some(&doc));
    assert_eq!(out.status.code(), Some(0));
    let t = text(&out);
    assert!(t.starts_with("warning W2: line 1:"), "{t}");
    assert!(!t.contains("[T1]"));
}

#[test]
fn list_reads_a_pasted_list() {
    let pasted = "IP range\tUpdate source\n10.0.0.0/8\tua://10.0.0.5\n10.9.0.0/16 -> mirror/au\n";
    let out = planner(&["list", "-"], Some(pasted));
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("line 1: taken as a header"), "{t}");
    assert!(t.contains("10.0.0.0-10.255.255.255 -> ua://10.0.0.5"), "{t}");
    assert!(t.contains("error 3:16: [E1]"), "{t}");
    assert!(t.contains("1 entries, 1 errors"), "{t}");
}

#[test]
fn outages_report_the_pair_that_loses_everything_among_twenty_sources() {
    let mut list: Vec<String> = (1..=18).map(|i| format!("10.{i}.0.0/16 -> ua://10.{i}.0.5")).collect();
    list.insert(0, "10.0.0.0/8 -> ua://10.0.0.5".into());
    list.push("192.168.0.0/16 -> http://mirror.corp.local/au".into());
    let doc = serde_json::json!({
        "version": 2, "profile": "officescan-xg",
        "sources": { "mode": "customized", "list": list.join("\n") },
        "agent": { "addresses": ["10.40.1.1"] }
    });
    let out = planner(&["outages", "-", "--agent", "10.40.1.1", "--json"], Some(&doc.to_string()));
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&text(&out)).expect("JSON");
    let fatal = v["fatal"].as_array().cloned().unwrap_or_default();
    let pair = fatal.iter().find(|o| {
        let mut d: Vec<&str> = o["down"].as_array().into_iter().flatten().filter_map(|x| x.as_str()).collect();
        d.sort_unstable();
        d == ["server", "ua://10.0.0.5"]
    });
    assert_eq!(pair.map(|o| o["lost"].clone()), Some(serde_json::json!(["domain-settings", "components", "programs"])));
    let words = text(&planner(&["outages", "-", "--agent", "10.40.1.1"], Some(&doc.to_string())));
    assert!(
        words.contains(
            "ua://10.0.0.5 + OfficeScan server down together: loses domain settings, components, and programs and hot fixes"
        ),
        "{words}"
    );
}

#[test]
fn a_host_typo_is_an_error_at_its_column_and_exit_1() {
    let out = planner(&["list", "-"], Some("10.1.0.0/16 -> ua://10.1.0.500\n* -> server"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("error 1:28: [E1] `10.1.0.500` is not an IPv4 address: 500 is over 255"),
        "{}",
        text(&out)
    );
}

#[test]
fn diagram_writes_the_svg_of_the_trace() {
    let out = planner(&["diagram", "-", "--item", "components"], Some(GOOD));
    assert_eq!(out.status.code(), Some(0));
    let svg = text(&out);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
    assert!(svg.contains(r#"data-item="components" data-source="ua://10.0.0.5" data-result="delivered""#), "{svg}");
    assert_eq!(planner(&["diagram", "-", "--item", "gizmos"], Some(GOOD)).status.code(), Some(2));
    assert_eq!(planner(&["diagram", "-"], Some("{not json")).status.code(), Some(2));
    let broken = GOOD.replace("ua://10.0.0.5", "ua://10.0.0.500");
    assert_eq!(planner(&["diagram", "-"], Some(&broken)).status.code(), Some(1));
}

#[test]
fn check_compares_the_agents_log_with_the_trace() {
    let (dir, log) =
        temp_file("check", "Tmudump.log", "Downloading [https://10.0.0.5:21112/activeupdate/server.ini]\n");
    let agrees = planner(&["check", "-", log.to_str().unwrap_or_default()], Some(GOOD));
    assert_eq!(agrees.status.code(), Some(0), "{}", text(&agrees));
    assert!(text(&agrees).contains("The agent did what the trace predicts"));
    std::fs::write(&log, "Downloading [http://elsewhere.example/au/server.ini]\n").expect("written");
    let parts = planner(&["check", "-", log.to_str().unwrap_or_default(), "--json"], Some(GOOD));
    assert_eq!(parts.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&text(&parts)).expect("JSON");
    assert_eq!(v["contacts"][0]["source"], serde_json::Value::Null);
    assert_eq!(v["parting"]["contact"], 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn at_sets_when_a_notified_agent_answers_and_prints_when_it_updates() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/www/examples/agent-off-for-40-minutes.json");
    let out = planner(&["trace", "--at", "40m", file], None);
    assert_eq!(out.status.code(), Some(0));
    let printed = text(&out);
    assert!(printed.contains("When:\n"), "{printed}");
    assert!(
        printed.contains("Updated at about T+45 min (10:45), at the third resend, from Update Agent ua://10.1.0.5"),
        "{printed}"
    );
    let out = planner(&["trace", "--at", "2h", file], None);
    assert!(
        text(&out).contains("Updated in the scheduled window now open, at a random moment before 14:00"),
        "{}",
        text(&out)
    );
    let out = planner(&["trace", "--json", "--at", "1h30m", file], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["when"]["unreachable_minutes"], 90);
    assert_eq!(json["when"]["starts"], "window");
    let out = planner(&["trace", "--at", "soon", file], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`soon` is not a duration"));
    let scheduled = concat!(env!("CARGO_MANIFEST_DIR"), "/www/examples/floor-update-agent-down.json");
    let out = planner(&["trace", "--at", "40m", scheduled], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("set \"trigger\": \"server-notify\""));
}

#[test]
fn an_address_given_twice_is_one_agent_address() {
    let twice = r#"{"version":5,"profile":"officescan-xg","sources":{"mode":"customized","list":"10.0.0.0/8 -> ua://10.0.0.5"},"agent":{"addresses":["10.1.4.20","10.1.4.20"]}}"#;
    let t = text(&planner(&["trace", "-"], Some(twice)));
    assert!(t.contains("  2. [L0] 10.1.4.20 falls in the entry on line 1 (assumed)\n"), "{t}");
}

#[test]
fn a_bad_edge_relay_or_primary_source_is_an_error_at_its_column() {
    // The value starts at column 61; its two spaces lead, and the space after "edge" is the fault.
    let edge = r#"{"version":5,"profile":"apex-one","settings":{"edge_relay":"  edge relay.corp"},"agent":{"addresses":["10.1.4.20"]}}"#;
    let t = text(&planner(&["lint", "-"], Some(edge)));
    assert!(
        t.starts_with("error 1:67: [E1] `edge relay.corp` is not a host name: ` ` is not a letter, digit or hyphen"),
        "{t}"
    );
    // "activeupdate" is a word of the list, not a URL an S&WP policy can name.
    let swp = r#"{"version":5,"profile":"swp","swp":{"primary":"activeupdate"},"agent":{"addresses":["172.16.5.10"]}}"#;
    let t = text(&planner(&["lint", "-"], Some(swp)));
    assert!(
        t.contains("[RE1] the primary source `activeupdate` is neither `trend-micro` nor an http:// or https:// URL"),
        "{t}"
    );
    // A folder without its scheme is no URL either: the same words, not the list reader's.
    let bare = swp.replace(r#""activeupdate""#, r#""mirror.corp.local/swp""#);
    let t = text(&planner(&["lint", "-"], Some(&bare)));
    assert!(
        t.contains(
            "[RE1] the primary source `mirror.corp.local/swp` is neither `trend-micro` nor an http:// or https:// URL"
        ),
        "{t}"
    );
}

#[test]
fn a_note_the_documents_do_not_settle_is_marked_assumed_though_its_rule_is_not() {
    // U1 is documented; that an Update Agent told to use only the server goes
    // on to ActiveUpdate when the server fails is our reading.
    let doc = r#"{"version":5,"profile":"officescan-xg","server":{"address":"osce.corp.local"},"sources":{"mode":"customized","list":"10.0.0.0/8 -> ua://10.0.0.5"},"settings":{"ua_server_only":true,"agents_use_activeupdate":true},"agent":{"addresses":["10.1.4.20"],"role":"update-agent"},"world":{"down":["server"]}}"#;
    let v: serde_json::Value =
        serde_json::from_slice(&planner(&["trace", "--json", "-"], Some(doc)).stdout).unwrap_or_default();
    let note = v["steps"].as_array().into_iter().flatten().find(|s| s["kind"] == "note").cloned().unwrap_or_default();
    assert_eq!(note["rule"], "U1");
    assert_eq!(note["assumed"], true, "{note}");
    assert!(note["text"].as_str().unwrap_or_default().ends_with("components go to the ActiveUpdate server"), "{note}");
}

#[test]
fn the_printed_trace_says_when_and_from_where_a_notified_agent_updates() {
    let example = |name: &str| format!("{}/www/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let off = text(&planner(&["trace", &example("agent-off-for-40-minutes.json")], None));
    assert!(
        off.contains(
            "\n  components: Updated at about T+45 min (10:45), at the third resend, from Update Agent ua://10.1.0.5\n"
        ),
        "{off}"
    );
    let waits = text(&planner(&["trace", &example("roaming-client-waits-for-schedule.json")], None));
    assert!(
        waits.contains(
            "\n  components: Not updated before its own next scheduled update; then from Update Agent ua://10.2.0.5\n"
        ),
        "{waits}"
    );
}

#[test]
fn the_printed_trace_lists_warnings_only_when_there_are_some() {
    let t = text(&planner(&["trace", "-"], Some(GOOD)));
    assert!(!t.contains("Warnings:"), "{t}");
    let shadowed = GOOD.replace(
        r#"[{"range":"10.0.0.0/8","source":"ua://10.0.0.5"}]"#,
        r#"[{"range":"10.0.0.0/8","source":"ua://10.0.0.5"},{"range":"10.0.0.0/8","source":"ua://10.0.0.5"}]"#,
    );
    let t = text(&planner(&["trace", "-"], Some(&shadowed)));
    assert!(t.contains("\nWarnings:\n  W"), "{t}");
}

/// A relay group is one source among the outages: after its relays, never
/// when it is already down, never for an agent that does not use relays.
#[test]
fn outages_name_the_relay_group_after_its_relays_and_only_where_it_is_used() {
    let group = |extra: &str| {
        format!(
            r#"{{"version":5,"profile":"swp","swp":{{"relay_group":"Branch relays","relays":[{{"name":"relay-a"}},{{"name":"relay-b"}}]{extra}}},"agent":{{"addresses":["172.16.5.10"],"version":"202412"}}}}"#
        )
    };
    let lines = |doc: &str| -> Vec<String> {
        text(&planner(&["outages", "-"], Some(doc)))
            .lines()
            .map(|l| l.split(" down:").next().unwrap_or_default().to_string())
            .collect()
    };
    // With the direct download on, nothing is lost: the candidates' own order shows.
    assert_eq!(
        lines(&group(r#","direct_if_relays_unreachable":true"#)),
        [
            "relay-a",
            "relay-b",
            "relay group \"Branch relays\"",
            "Primary Tenant Relay Group",
            "Primary Component Update Source"
        ]
    );
    assert_eq!(
        lines(&group(r#","version_control":true"#)),
        ["Trend Vision One"],
        "an enrolled agent of 202412 uses no relay"
    );
    let down = group("")
        .replace(r#""version":"202412"}"#, r#""version":"202412"},"world":{"down":["relay-group:Branch relays"]}"#);
    assert!(!lines(&down).iter().any(|l| l.starts_with("relay group")), "{:?}", lines(&down));
}

/// Two items lost by the same outage are one line that names both.
#[test]
fn one_outage_that_loses_several_items_is_said_once() {
    let doc = r#"{"version":5,"profile":"officescan-xg","server":{"address":"osce.corp.local"},"sources":{"mode":"customized","list":"10.0.0.0/8 -> ua://10.0.0.5"},"settings":{"fallback_components":false,"fallback_domain_settings":false,"fallback_programs":false},"agent":{"addresses":["10.1.4.20"]}}"#;
    let said = text(&planner(&["outages", "-", "--agent", "10.1.4.20"], Some(doc)));
    let lines: Vec<&str> = said.lines().filter(|l| l.starts_with("ua://10.0.0.5 down:")).collect();
    assert_eq!(lines, ["ua://10.0.0.5 down: loses domain settings and programs and hot fixes"], "{said}");
}

/// `planner rules` lists every rule of the catalogue with its id, its
/// title, where it comes from (a seed, a named page, or "Assumed" with why)
/// and its sentence.
#[test]
fn rules_lists_each_rule_with_its_title_source_and_sentence() {
    let out = planner(&["rules"], None);
    assert_eq!(out.status.code(), Some(0));
    let listed = text(&out);
    for info in update_source_planner::model::rules::CATALOGUE {
        let head = format!("{:<4} {} [{}]", info.rule.id(), info.rule.title(), info.basis.describe());
        assert!(listed.contains(&format!("{head}\n     \"{}\"", info.quote)), "{head}");
    }
    assert!(
        listed.contains(
            "\nT1   Trigger [Source: Apex One online help — Configuring Update Privileges and Other Settings]\n"
        ),
        "{listed}"
    );
    assert!(listed.contains("\nL0   Matching entries [Assumed: "), "{listed}");
    assert!(listed.contains("\nRG1  Relay group, drawn per agent [Source: Trend Vision One documentation"), "{listed}");
}

/// `planner diagram --scale` draws for the page, a projector's room or a
/// phone, and names the scales when given another.
#[test]
fn diagram_draws_at_the_scale_asked_for() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/www/examples/floor-update-agent-down.json");
    for (scale, class, width) in
        [("page", "diagram\"", "800"), ("room", "diagram dg-room\"", "1240"), ("phone", "diagram dg-phone\"", "340")]
    {
        let out = planner(&["diagram", file, "--item", "components", "--scale", scale], None);
        assert_eq!(out.status.code(), Some(0), "{scale}");
        let svg = text(&out);
        assert!(
            svg.contains(&format!("class=\"{class} viewBox=\"0 0 {width} ")),
            "{scale}: {}",
            &svg[..svg.len().min(200)]
        );
    }
    let out = planner(&["diagram", file, "--scale", "huge"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`huge` is not a scale: use page, room or phone"));
}

#[test]
fn batch_prints_each_agents_outcome_as_csv_or_json() {
    let (dir, agents) = temp_file("batch", "agents.txt", "10.1.1.1\n192.168.0.9\n");
    let path = agents.to_str().unwrap_or_default();
    let json = planner(&["batch", "-", path, "--json"], Some(GOOD));
    assert_eq!(json.status.code(), Some(0), "{}", text(&json));
    let rows: serde_json::Value = serde_json::from_str(&text(&json)).expect("JSON rows");
    assert_eq!(rows[0]["agent"], "10.1.1.1");
    assert_eq!(rows[0]["components"]["status"], "updated");
    assert_eq!(rows[0]["components"]["source"], "ua://10.0.0.5");
    assert_eq!(rows[1]["agent"], "192.168.0.9");
    assert_eq!(rows[1]["components"]["source"], "server");
    assert!(rows[1]["attempts"].as_u64().is_some_and(|n| n >= 1), "{rows}");
    let csv = planner(&["batch", "-", path, "--csv"], Some(GOOD));
    assert!(
        text(&csv).lines().nth(1).is_some_and(|l| l.starts_with("10.1.1.1,updated,ua://10.0.0.5,")),
        "{}",
        text(&csv)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
