//! Documents written before a format version give the traces they gave:
//! every gallery example, every file of `tests/corpus` and every scenario
//! of `tests/snapshots/scenarios` runs through `planner trace` and
//! `planner trace --json`, and what it prints (and its exit code) must be
//! byte for byte what `tests/snapshots/traces` keeps. A new field changes
//! nothing for a document that does not carry it.
//!
//! `UPDATE_TRACES=1 cargo test --test unchanged_traces` writes the files
//! anew, for a change that means to alter a trace (and says so).

use std::path::{Path, PathBuf};
use std::process::Command;

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["www/examples", "tests/corpus/v1", "tests/corpus/broken", "tests/snapshots/scenarios"] {
        let Ok(read) = std::fs::read_dir(root.join(dir)) else { continue };
        for f in read.flatten().map(|e| e.path()) {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name == "index.json" || name.ends_with(".trace.json") || name.ends_with(".txt") {
                continue;
            }
            // Stories written with the fields of format version 6 and later
            // are not the documents this test keeps.
            let doc: serde_json::Value =
                std::fs::read(&f).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
            if doc.get("patterns").is_some() {
                continue;
            }
            files.push(f);
        }
    }
    files.sort();
    files
}

fn run(file: &Path, json: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planner"));
    cmd.arg("trace");
    if json {
        cmd.arg("--json");
    }
    let out = cmd.arg(file).output().unwrap_or_else(|e| panic!("cannot run planner: {e}"));
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr).replace(&file.display().to_string(), "FILE")
    )
}

#[test]
fn documents_without_the_new_fields_give_the_traces_they_gave() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kept = root.join("tests/snapshots/traces");
    let update = std::env::var_os("UPDATE_TRACES").is_some();
    let files = inputs();
    assert!(files.len() >= 55, "the examples and the corpus are there ({})", files.len());
    let mut differ = Vec::new();
    for f in &files {
        let dir = f.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default();
        let stem = f.file_stem().and_then(|n| n.to_str()).unwrap_or_default();
        let golden = kept.join(format!("{dir}--{stem}.txt"));
        let now = format!("{}\n=== json\n{}", run(f, false), run(f, true));
        if update {
            std::fs::create_dir_all(&kept).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(&golden, &now).unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let before = std::fs::read_to_string(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
        if before != now {
            differ.push(f.display().to_string());
        }
    }
    assert!(differ.is_empty(), "these traces changed: {differ:#?}");
}
