//! The scenario reader and both walks: any text, no panic; a scenario that
//! reads also writes and reads back the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use update_source_planner::{trace_json, Scenario};

fuzz_target!(|text: &str| {
    if let Ok(trace) = trace_json(text) {
        for e in &trace.errors {
            assert!(e.line >= 1 && e.column >= 1);
        }
        let s = Scenario::from_json(text).expect("read once, reads twice");
        assert_eq!(Scenario::from_json(&s.to_json()).ok(), Some(s));
    }
});
