//! The scenario format as a user meets it: what an exported document
//! holds and leaves out, the names files get, and the messages a document
//! that is not a scenario gets, at their line and column.

mod common;

use common::planner;
use serde_json::{json, Value};
use update_source_planner::format::scenario::{file_stem, Location, Mode, Role, Trigger};
use update_source_planner::format::{ReadError, Scenario, MAX_DOCUMENT_BYTES};
use update_source_planner::model::profile::Profile;

fn written(s: &Scenario) -> Value {
    serde_json::from_str(&s.to_json()).expect("JSON")
}

#[test]
fn a_title_names_files_with_up_to_sixty_characters_of_whole_words() {
    // "a" * 29, "b" * 30: 29 + 1 + 30 = 60 characters, the last word kept whole.
    let title = format!("{} {} tail", "a".repeat(29), "b".repeat(30));
    let stem = file_stem(Some(&title)).expect("a stem");
    assert_eq!(stem, format!("{}-{}", "a".repeat(29), "b".repeat(30)));
    assert_eq!(stem.len(), 60);
    let one_more = format!("{} {}", "a".repeat(29), "b".repeat(31));
    assert_eq!(file_stem(Some(&one_more)), Some("a".repeat(29)));
    assert_eq!(file_stem(Some("Ticket 4711: ACME / floor 2")).as_deref(), Some("ticket-4711-acme-floor-2"));
    assert_eq!(file_stem(Some("—")), None);
}

#[test]
fn an_exported_document_leaves_out_what_is_at_its_default() {
    let starter = written(&Scenario::starter(Profile::ApexOne));
    assert!(starter.get("fleet").is_none(), "no fleet agents, no fleet: {starter}");
    // The where-and-when settings are written only when changed.
    let settings = starter.get("settings").cloned().unwrap_or(json!({}));
    for newer in ["roaming_automatic_update", "notify_roaming", "restart_update", "edge_relay"] {
        assert!(settings.get(newer).is_none(), "{newer} is written at its default: {settings}");
    }
    assert!(starter["agent"].get("location").is_none(), "on premises is the default: {starter}");

    let mut changed = Scenario::starter(Profile::ApexOne);
    changed.settings.roaming_automatic_update = false;
    changed.agent.location = Location::OffPremises;
    changed.fleet.agents = "10.1.0.0/24".into();
    let doc = written(&changed);
    assert_eq!(doc["settings"]["roaming_automatic_update"], json!(false));
    assert_eq!(doc["agent"]["location"], json!("off-premises"));
    assert_eq!(doc["fleet"]["agents"], json!("10.1.0.0/24"));
    assert_eq!(Scenario::from_json(&changed.to_json()).expect("read back"), changed);
}

#[test]
fn a_list_of_the_wrong_kind_is_named_with_what_was_expected() {
    let doc = r#"{ "version": 5, "profile": "officescan-xg", "sources": { "mode": "customized", "list": 5 } }"#;
    let e = Scenario::from_json(doc).expect_err("a number is no list");
    assert!(e.message().contains("expected an array of entries or the pasted list as a string"), "{}", e.message());
}

#[test]
fn a_document_that_is_no_json_object_is_placed_where_it_starts() {
    let e = Scenario::from_json("\n\n   [1, 2]").expect_err("an array");
    assert_eq!(e.place(), (3, 4));
    assert!(e.message().contains("it starts with `{`"), "{}", e.message());
    let e = Scenario::from_json("  x").expect_err("a word");
    assert_eq!(e.place(), (1, 3));
}

#[test]
fn a_document_up_to_the_size_limit_is_read_and_one_byte_more_is_refused() {
    let doc = r#"{ "version": 5, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"] } }"#;
    let at_limit = format!("{doc}{}", " ".repeat(MAX_DOCUMENT_BYTES - doc.len()));
    assert!(Scenario::from_json(&at_limit).is_ok());
    let over = format!("{at_limit} ");
    assert_eq!(Scenario::from_json(&over), Err(ReadError::TooLarge { size: MAX_DOCUMENT_BYTES + 1 }));
    assert_eq!(
        Scenario::from_json(&over).map_err(|e| e.to_string()),
        Err("the document is 8388609 bytes; the planner reads at most 8388608 bytes".to_string())
    );
}

#[test]
fn the_page_offers_modes_roles_and_triggers_in_the_consoles_words() {
    assert_eq!(
        [Mode::Standard.words(), Mode::Customized.words()],
        ["standard update source", "customized update source"]
    );
    assert_eq!([Role::Agent.words(), Role::UpdateAgent.words()], ["agent", "Update Agent"]);
    assert_eq!(
        Trigger::ALL.map(Trigger::words),
        ["Scheduled update", "Update Now (tray menu)", "Server notifies (Notify All)"]
    );
    // The format's spelling is what a document says and reads back.
    for t in Trigger::ALL {
        let doc =
            json!({ "version": 5, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"], "trigger": t.id() } });
        assert_eq!(Scenario::from_json(&doc.to_string()).expect("a scenario").agent.trigger, t);
    }
}

#[test]
fn at_on_an_agent_the_server_does_not_notify_names_its_trigger() {
    let doc = json!({ "version": 5, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"], "trigger": "update-now" } });
    let out = planner(&["trace", "--at", "40m", "-"], Some(&doc.to_string()));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("its trigger is update-now"), "{err}");
}

/// The page opens its "where and when" settings for a document that says
/// any one of them, and keeps them closed for one that says none.
#[test]
fn a_document_saying_any_where_or_when_setting_opens_them() {
    let starter = Scenario::starter(Profile::ApexOne);
    assert!(!starter.has_where_when());
    let each: [fn(&mut Scenario); 9] = [
        |s| s.agent.location = Location::Independent,
        |s| s.agent.unreachable_minutes = Some(40),
        |s| s.world.notified_at = Some("10:00".into()),
        |s| s.settings.edge_relay = Some("edge.corp.example".into()),
        |s| s.settings.schedule_start = Some("12:00".into()),
        |s| s.settings.schedule_hours = Some(3),
        |s| s.settings.notify_roaming = true,
        |s| s.settings.restart_update = true,
        |s| s.settings.roaming_automatic_update = false,
    ];
    for (i, set) in each.iter().enumerate() {
        let mut s = starter.clone();
        set(&mut s);
        assert!(s.has_where_when(), "setting {i} alone");
    }
}
