//! The batch's agent reader and range expansion: any text, no panic, and
//! never more addresses than the expansion limit allows per line.
#![no_main]
use libfuzzer_sys::fuzz_target;
use update_source_planner::fleet::{expand, Index, EXPAND_LIMIT};
use update_source_planner::input::agents::parse_agents;
use update_source_planner::plan::prepare;
use update_source_planner::Scenario;

fuzz_target!(|text: &str| {
    let (specs, errors) = parse_agents(text);
    for e in &errors {
        assert!(e.line >= 1 && e.column >= 1);
    }
    let scenario = Scenario::starter(update_source_planner::model::profile::Profile::OfficeScanXg);
    let plan = prepare(&scenario, None);
    let index = Index::build(&plan);
    for (_, spec) in specs.iter().take(16) {
        let addrs = expand(spec, &index);
        assert!(addrs.len() as u128 <= EXPAND_LIMIT + 2 * index.intervals.len() as u128 + 2);
    }
});
