//! Helpers that let a test read like the spec: one scenario, one expected trace.
#![allow(dead_code)]

use serde_json::Value;
use update_source_planner::model::item::Item;
use update_source_planner::trace::{StepKind, Trace};

/// Resolves a scenario given as JSON; panics with the reader's message if it
/// is not a scenario (a broken test, not a product behaviour).
pub fn run(doc: Value) -> Trace {
    let text = doc.to_string();
    keep_for_the_browser_suite(&text);
    update_source_planner::trace_json(&text).unwrap_or_else(|e| panic!("not a scenario: {e}"))
}

/// Every scenario the rule-by-rule tests resolve is kept in
/// `target/rule-scenarios/`, so the browser suite can check that the
/// JavaScript API gives the very same traces.
fn keep_for_the_browser_suite(text: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/rule-scenarios");
    if std::fs::create_dir_all(&dir).is_ok() {
        let name = format!("{:08x}.json", update_source_planner::format::share::crc32(text.as_bytes()));
        let _ = std::fs::write(dir.join(name), text);
    }
}

/// An item's path: `source:result` for each attempt, in order.
pub fn path(t: &Trace, item: Item) -> Vec<String> {
    t.path(item).into_iter().map(|(s, r)| format!("{s}:{}", r.id())).collect()
}

/// `status` or `status@source` for an item; `-` if the item has no outcome.
pub fn outcome(t: &Trace, item: Item) -> String {
    match t.outcome.get(&item) {
        Some(o) => match &o.source() {
            Some(s) => format!("{}@{s}", o.status().id()),
            None => o.status().id().to_string(),
        },
        None => "-".into(),
    }
}

/// The rule ids of the steps, in order.
pub fn rules(t: &Trace) -> Vec<String> {
    t.steps.iter().map(|s| s.rule().id().to_string()).collect()
}

pub fn kinds(t: &Trace) -> Vec<&'static str> {
    t.steps.iter().map(|s| s.kind().id()).collect()
}

pub fn warning_rules(t: &Trace) -> Vec<String> {
    t.warnings.iter().map(|w| w.rule.id().to_string()).collect()
}

pub fn steps_of(t: &Trace, kind: StepKind) -> Vec<&update_source_planner::trace::Step> {
    t.steps.iter().filter(|s| s.kind() == kind).collect()
}

/// A customized-list scenario for one agent on OfficeScan XG.
pub fn xg(list: Value, addresses: &[&str]) -> Value {
    serde_json::json!({
        "version": 1,
        "profile": "officescan-xg",
        "sources": { "mode": "customized", "list": list },
        "agent": { "addresses": addresses },
    })
}

/// Sets `value` at a dotted path inside `doc`, creating objects on the way.
pub fn with(mut doc: Value, path: &str, value: Value) -> Value {
    let mut cur = &mut doc;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            cur[*part] = value;
            break;
        }
        if cur.get(*part).is_none() {
            cur[*part] = serde_json::json!({});
        }
        cur = &mut cur[*part];
    }
    doc
}

/// Runs the `planner` command line with `args`, `stdin` given on its standard input.
pub fn planner(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_planner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run planner: {e}"));
    if let (Some(text), Some(mut input)) = (stdin, child.stdin.take()) {
        let _ = input.write_all(text.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

/// Calls `check(name, text)` on every example and every version-1 document
/// of the corpus (their traces are the ones existing users have), and
/// returns how many it read.
pub fn each_document(mut check: impl FnMut(&str, &str)) -> usize {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for dir in ["www/examples", "tests/corpus/v1"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("a folder") {
            let path = entry.expect("an entry").path();
            let name = path.to_string_lossy().into_owned();
            if !name.ends_with(".json") || name.ends_with(".trace.json") || name.ends_with("index.json") {
                continue;
            }
            check(&name, &std::fs::read_to_string(&path).expect("read"));
            n += 1;
        }
    }
    n
}
