//! A version-1 scenario still opens now that the format has moved on: the
//! files, the page's saved work and the share links planner 0.1.0 wrote
//! (kept in tests/corpus/v1 with the traces 0.1.0 gave for them) open with
//! the same trace, and are written back in the current format.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use update_source_planner::format::share;
use update_source_planner::format::{ReadError, Scenario, FORMAT_VERSION};
use update_source_planner::{trace, trace_json};

const V1: &str = "tests/corpus/v1";

fn v1_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(V1)
        .expect("the version-1 corpus")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".json") && !p.to_string_lossy().ends_with(".trace.json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn recorded_trace(path: &Path) -> Value {
    let recorded = path.with_extension("trace.json");
    contract(serde_json::from_str(&read(&recorded)).expect("a recorded trace"))
}

/// The trace without the sentences of its steps and warnings: SPEC §5 makes
/// `text` for people and every other field the contract. The sentences now
/// name an entry by its line, as the editor numbers it; what each step does,
/// cites, tries and concludes must be what 0.1.0 said. Each outcome has
/// since gained its words and its `when`, which 0.1.0 did not write.
fn contract(mut trace: Value) -> Value {
    for (_, o) in trace.get_mut("outcome").and_then(Value::as_object_mut).into_iter().flatten() {
        if let Some(o) = o.as_object_mut() {
            o.remove("words");
            o.remove("when");
        }
    }
    for key in ["steps", "warnings"] {
        if let Some(list) = trace.get_mut(key).and_then(Value::as_array_mut) {
            for v in list {
                if let Some(o) = v.as_object_mut() {
                    o.remove("text");
                }
            }
        }
    }
    trace
}

#[test]
fn the_format_has_moved_on_from_version_1() {
    let written = Scenario::starter(update_source_planner::model::profile::Profile::ApexOne).to_json();
    assert!(!written.contains("\"version\": 1,"), "new documents are written in a later format: {written}");
    assert!(v1_files().len() >= 16, "the corpus holds the 15 examples and the page's saved work");
}

#[test]
fn every_version_1_file_gives_the_trace_0_1_0_gave() {
    for path in v1_files() {
        let text = read(&path);
        assert!(text.contains("\"version\": 1"), "{} is a version-1 document", path.display());
        let now = trace_json(&text).unwrap_or_else(|e| panic!("{} no longer opens: {e}", path.display()));
        assert_eq!(contract(serde_json::to_value(&now).expect("a trace")), recorded_trace(&path), "{}", path.display());
    }
}

#[test]
fn a_version_1_file_is_written_back_in_the_current_format_and_means_the_same() {
    for path in v1_files() {
        let old = Scenario::from_json(&read(&path)).expect("opens");
        assert_eq!(old.version, FORMAT_VERSION);
        let written = old.to_json();
        assert!(written.contains(&format!("\"version\": {FORMAT_VERSION}")), "{}", path.display());
        let again = Scenario::from_json(&written).expect("reads back");
        assert_eq!(again, old, "{}", path.display());
        assert_eq!(trace(&again), trace(&old), "{}", path.display());
    }
}

#[test]
fn every_version_1_share_link_opens_as_its_file() {
    let links = read(&Path::new(V1).join("links.txt"));
    let links: Vec<&str> = links.lines().collect();
    let files = v1_files();
    assert_eq!(links.len(), files.len(), "one link a file, in file order");
    for (link, path) in links.iter().zip(&files) {
        let fragment = link.rsplit('#').next().unwrap_or(link);
        let opened =
            share::decode(fragment).unwrap_or_else(|e| panic!("the link for {} no longer opens: {e}", path.display()));
        let file = Scenario::from_json(&read(path)).expect("opens");
        assert_eq!(opened, file, "{}", path.display());
        assert_eq!(trace(&opened), trace(&file), "{}", path.display());
    }
}

#[test]
fn a_version_1_document_with_a_version_2_field_is_refused_where_it_is() {
    let doc = "{\n  \"version\": 1,\n  \"profile\": \"officescan-xg\",\n  \"title\": \"Ticket 4711\",\n  \"agent\": { \"addresses\": [\"10.0.0.1\"] }\n}";
    match Scenario::from_json(doc) {
        Err(ReadError::Json { line, column, message }) => {
            assert_eq!((line, column), (4, 3), "the field's name");
            assert!(message.contains("new in format version 2"), "{message}");
        }
        other => panic!("expected a located refusal, got {other:?}"),
    }
    let fleet = r#"{"version":1,"profile":"officescan-xg","agent":{"addresses":["10.0.0.1"]},"fleet":{"agents":"10.0.0.0/24"}}"#;
    assert!(matches!(Scenario::from_json(fleet), Err(ReadError::Json { message, .. }) if message.contains("`fleet`")));
}

#[test]
fn version_2_keeps_the_title_and_the_fleet() {
    let doc = r#"{"version":2,"profile":"apex-one","title":"ACME, floor 3","agent":{"addresses":["10.0.0.1"]},
        "fleet":{"agents":"10.0.0.0/24\n10.0.1.7"}}"#;
    let s = Scenario::from_json(doc).expect("opens");
    assert_eq!(s.title.as_deref(), Some("ACME, floor 3"));
    assert_eq!(s.fleet.agents, "10.0.0.0/24\n10.0.1.7");
    assert_eq!(Scenario::from_json(&s.to_json()).expect("reads back"), s);
    assert_eq!(share::decode(&share::encode(&s)).expect("link opens"), s);
}

#[test]
fn a_document_from_a_later_format_is_named_not_guessed() {
    let doc = format!(r#"{{"version":{},"profile":"officescan-xg","title":"x","hologram":true}}"#, FORMAT_VERSION + 1);
    assert!(
        matches!(Scenario::from_json(&doc), Err(ReadError::NewerVersion { found }) if found == u64::from(FORMAT_VERSION) + 1)
    );
}

#[test]
fn version_3_carries_evidence_only_when_asked_and_earlier_versions_refuse_it_where_it_is() {
    let doc = "{\n  \"version\": 2,\n  \"profile\": \"officescan-xg\",\n  \"agent\": { \"addresses\": [\"10.0.0.1\"] },\n  \"evidence\": \"Downloading [https://10.1.0.5/activeupdate/server.ini]\"\n}";
    match Scenario::from_json(doc) {
        Err(ReadError::Json { line, column, message }) => {
            assert_eq!((line, column), (5, 3));
            assert!(message.contains("new in format version 3"), "{message}");
        }
        other => panic!("expected a located refusal, got {other:?}"),
    }
    let mut s = Scenario::from_json(&doc.replace("\"version\": 2", "\"version\": 3")).expect("opens");
    assert!(s.evidence.as_deref().is_some_and(|e| e.contains("server.ini")));
    assert_eq!(share::decode(&share::encode(&s)).expect("link opens").evidence, s.evidence);
    // Without it, nothing of it is written, in a file or a link.
    s.evidence = None;
    assert!(!s.to_json().contains("evidence"));
    let again = share::decode(&share::encode(&s)).expect("link opens");
    assert_eq!(again.evidence, None);
}

/// A version 4 field in a version 3 document is found inside its parent
/// even past a name holding an escaped quote and a brace.
#[test]
fn a_nested_field_newer_than_the_document_is_found_past_escaped_quotes() {
    let doc = r#"{"version":3,"profile":"swp","swp":{"relays":[{"name":"r\"}x"}],"relay_group":"G"},"agent":{"addresses":["172.16.5.10"]}}"#;
    let e = update_source_planner::Scenario::from_json(doc).expect_err("refused");
    assert_eq!(
        e.to_string(),
        "line 1, column 65: `swp.relay_group` is new in format version 4, but this document says \"version\": 3; make it 4"
    );
}
