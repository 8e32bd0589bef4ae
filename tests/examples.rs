//! Every example of the gallery runs through `planner trace --json` with exit
//! 0 and ends as its story says.

use std::path::Path;
use std::process::Command;

fn planner_json(file: &Path) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_planner"))
        .args(["trace", "--json"])
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run planner: {e}"));
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

/// `item=status@source` for each item of the outcome, sorted.
fn outcome(trace: &serde_json::Value) -> Vec<String> {
    let Some(map) = trace["outcome"].as_object() else { return vec![] };
    map.iter()
        .map(|(item, o)| match o["source"].as_str() {
            Some(s) => format!("{item}={}@{s}", o["status"].as_str().unwrap_or("?")),
            None => format!("{item}={}", o["status"].as_str().unwrap_or("?")),
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

const EXPECTED: &[(&str, &[&str], &[&str])] = &[
    (
        "apex-one-laptop-home-edge-relay",
        &["domain-settings=updated@edge-relay", "components=updated@activeupdate", "programs=updated@edge-relay"],
        &[],
    ),
    (
        "apex-one-laptop-home-no-edge-relay",
        &["domain-settings=not-updated", "components=updated@activeupdate", "programs=not-updated"],
        &[],
    ),
    (
        "roaming-client-waits-for-schedule",
        &[
            "domain-settings=updated@ua://10.2.0.5",
            "components=updated@ua://10.2.0.5",
            "programs=updated@ua://10.2.0.5",
        ],
        &[],
    ),
    (
        "agent-off-for-40-minutes",
        &[
            "domain-settings=updated@ua://10.1.0.5",
            "components=updated@ua://10.1.0.5",
            "programs=updated@ua://10.1.0.5",
        ],
        &[],
    ),
    (
        "floor-update-agent-down",
        &[
            "domain-settings=updated@ua://10.0.0.5",
            "components=updated@ua://10.0.0.5",
            "programs=updated@ua://10.0.0.5",
        ],
        &[],
    ),
    ("ipv6-only-branch", &["domain-settings=not-updated", "components=not-updated", "programs=not-updated"], &["W3"]),
    (
        "ipv6-branch-with-proxy",
        &[
            "domain-settings=updated@ua://10.20.0.5",
            "components=updated@ua://10.20.0.5",
            "programs=updated@ua://10.20.0.5",
        ],
        &["W3"],
    ),
    (
        "activeupdate-first",
        &["domain-settings=updated@ua://10.3.0.5", "components=updated@activeupdate", "programs=updated@ua://10.3.0.5"],
        &["W2"],
    ),
    (
        "update-agent-standard-process",
        &["domain-settings=not-updated", "components=updated@activeupdate", "programs=not-updated"],
        &["W2"],
    ),
    (
        "apex-one-pattern-only",
        &["domain-settings=updated@server", "components=updated@server", "programs=excluded"],
        &[],
    ),
    ("swp-relays-down", &["components=not-updated"], &[]),
    ("swp-relays-down-direct", &["components=updated@primary"], &[]),
    ("swp-laptop-manager-down", &["components=updated@relay-a"], &["RW1"]),
    ("swp-relay-group-one-down", &["components=updated@relay-group:Branch relays"], &[]),
    ("swp-version-control-new-agent", &["components=updated@trend-vision-one"], &[]),
    ("swp-version-control-old-agent", &["components=updated@relay-group:Branch relays"], &[]),
    ("swp-service-gateway-down", &["components=not-updated"], &[]),
    (
        "no-entry-matches",
        &["domain-settings=updated@server", "components=updated@activeupdate", "programs=not-updated"],
        &[],
    ),
    (
        "update-now-without-privilege",
        &["domain-settings=not-started", "components=not-started", "programs=not-started"],
        &[],
    ),
    ("future-domains-only", &["domain-settings=not-updated", "components=not-updated", "programs=not-updated"], &[]),
    (
        "mirror-url-components-only",
        &[
            "domain-settings=updated@server",
            "components=updated@http://mirror.branch.corp.local/activeupdate",
            "programs=updated@server",
        ],
        &[],
    ),
    (
        "update-agent-server-only",
        &["domain-settings=updated@server", "components=updated@server", "programs=updated@server"],
        &[],
    ),
    (
        "branch-update-agent-full-pattern",
        &[
            "domain-settings=updated@ua://10.3.0.5",
            "components=updated@ua://10.3.0.5",
            "programs=updated@ua://10.3.0.5",
        ],
        &[],
    ),
    (
        "branch-update-agent-incremental-pattern",
        &[
            "domain-settings=updated@ua://10.3.0.5",
            "components=updated@ua://10.3.0.5",
            "programs=updated@ua://10.3.0.5",
        ],
        &[],
    ),
    (
        "dual-stack-partial-agent",
        &[
            "domain-settings=updated@ua://[2001:db8:7::5]",
            "components=updated@ua://10.7.0.5",
            "programs=updated@ua://[2001:db8:7::5]",
        ],
        &[],
    ),
];

fn examples_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples")
}

#[test]
fn every_example_ends_as_its_story_says() {
    for (name, want, warnings) in EXPECTED {
        let (code, trace) = planner_json(&examples_dir().join(format!("{name}.json")));
        assert_eq!(code, 0, "{name}: exit status");
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(outcome(&trace), want, "{name}");
        let got: Vec<&str> =
            trace["warnings"].as_array().into_iter().flatten().filter_map(|w| w["rule"].as_str()).collect();
        assert_eq!(got, *warnings, "{name}: warnings");
    }
}

#[test]
fn every_example_file_is_checked_and_listed_in_the_gallery() {
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(examples_dir().join("index.json")).unwrap_or_default())
            .unwrap_or_default();
    let listed: Vec<String> =
        index.as_array().into_iter().flatten().filter_map(|e| e["file"].as_str().map(str::to_string)).collect();
    let mut files: Vec<String> = std::fs::read_dir(examples_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json") && f != "index.json")
        .collect();
    files.sort();
    assert!(files.len() >= 10, "at least ten examples");
    for f in &files {
        assert!(listed.contains(f), "{f} is not in index.json");
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(examples_dir().join(f)).unwrap_or_default())
                .unwrap_or_default();
        let entry = index.as_array().into_iter().flatten().find(|e| e["file"].as_str() == Some(f.as_str()));
        assert_eq!(
            doc["title"],
            entry.map_or(serde_json::Value::Null, |e| e["title"].clone()),
            "{f}: title as in the gallery"
        );
        assert_eq!(doc["version"], update_source_planner::format::FORMAT_VERSION, "{f}: written in the current format");
        let name = f.trim_end_matches(".json");
        assert!(EXPECTED.iter().any(|(n, _, _)| *n == name), "{f} has no expected outcome in this test");
    }
}
