//! The evidence reader: any pasted log, no panic; every URL it reads lies
//! inside the text, at the line and column it says.
#![no_main]
use libfuzzer_sys::fuzz_target;
use update_source_planner::evidence::{check, urls};
use update_source_planner::Scenario;

fuzz_target!(|text: &str| {
    let lines: Vec<&str> = text.lines().collect();
    for (url, line, column) in urls(text) {
        let l = lines.get(line - 1).expect("a line of the text");
        let at: String = l.chars().skip(column - 1).collect();
        assert!(at.to_ascii_lowercase().starts_with(&url.to_ascii_lowercase()[..4]));
    }
    let scenario = Scenario::starter(update_source_planner::model::profile::Profile::OfficeScanXg);
    let _ = check(&scenario, text).summary();
});
