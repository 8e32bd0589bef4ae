//! Properties that hold for any input: the readers never panic, canonical
//! spellings are fixed points, and a scenario always gives the same trace.

use proptest::prelude::*;
use update_source_planner::input::source::Source;
use update_source_planner::input::source_list::parse_list;
use update_source_planner::{trace_json, Scenario};

/// Text that looks like list lines: addresses, separators, source words and noise.
fn list_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("10.1.0.0".to_string()),
        Just("10.1.255.255".to_string()),
        Just("2001:db8::".to_string()),
        Just("/16".to_string()),
        Just("-".to_string()),
        Just(" - ".to_string()),
        Just("->".to_string()),
        Just(" → ".to_string()),
        Just("=>".to_string()),
        Just("\t".to_string()),
        Just(",".to_string()),
        Just(" ".to_string()),
        Just("*".to_string()),
        Just("ua://".to_string()),
        Just("update-agent ".to_string()),
        Just("server".to_string()),
        Just("activeupdate".to_string()),
        Just("http://".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(":8080".to_string()),
        Just("# label".to_string()),
        Just("serves=components".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(token, 0..40).prop_map(|v| v.concat())
}

/// 2000 cases a property; `PROPERTY_CASES` sets fewer where every test run
/// counts (`scripts/mutants.sh` runs the suite once a mutant).
fn cases() -> u32 {
    std::env::var("PROPERTY_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_list_reader_never_panics_and_points_inside_the_text(text in list_like()) {
        let list = parse_list(&text);
        let lines: Vec<&str> = text.lines().collect();
        for e in &list.errors {
            prop_assert!(e.line >= 1 && e.line <= lines.len());
            let width = lines[e.line - 1].chars().count();
            prop_assert!(e.column >= 1 && e.column <= width + 1, "{:?} in {:?}", e, lines[e.line - 1]);
        }
        for e in &list.entries {
            // What the table writes back reads as the same entry.
            let again = parse_list(&e.to_line());
            prop_assert_eq!(again.entries.len(), 1, "{}", e.to_line());
            prop_assert_eq!(&again.entries[0].source, &e.source);
            prop_assert_eq!(&again.entries[0].range, &e.range);
        }
    }

    #[test]
    fn the_list_reader_never_panics_on_any_text(text in "\\PC*") {
        let _ = parse_list(&text);
    }

    #[test]
    fn the_scenario_reader_never_panics(text in "\\PC*") {
        let _ = trace_json(&text);
    }

    #[test]
    fn canonical_spelling_is_idempotent(word in list_like()) {
        if let Ok(source) = Source::parse(&word) {
            let once = source.canonical();
            let twice = Source::parse(&once).map(|s| s.canonical());
            prop_assert_eq!(Ok(once.clone()), twice.map_err(|e| e.message));
        }
    }

    #[test]
    fn the_same_scenario_always_gives_the_same_trace(list in list_like(), addr in prop_oneof![
        Just("10.1.2.3"), Just("2001:db8::7"), Just("192.168.0.1")
    ], down in prop::collection::vec(prop_oneof![Just("server"), Just("activeupdate"), Just("ua://10.1.0.0")], 0..3)) {
        let doc = serde_json::json!({
            "version": 1, "profile": "officescan-xg",
            "sources": { "mode": "customized", "list": list },
            "agent": { "addresses": [addr] },
            "world": { "down": down },
        });
        let text = doc.to_string();
        let a = trace_json(&text).map(|t| t.to_json());
        let b = trace_json(&text).map(|t| t.to_json());
        prop_assert_eq!(a.clone().ok(), b.ok());
        // And the scenario survives a write and a read.
        let s = Scenario::from_json(&text);
        prop_assert!(s.is_ok());
        if let Ok(s) = s {
            prop_assert_eq!(Scenario::from_json(&s.to_json()).ok(), Some(s));
        }
    }
}
