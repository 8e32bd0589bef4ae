//! `planner trace` on every broken input of `tests/corpus/broken/` exits 1 or 2
//! with a message, and never panics.

use std::process::Command;

#[test]
fn every_broken_input_gets_a_message_and_no_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    files.sort();
    assert!(files.len() >= 12, "the corpus is there");
    for f in files {
        let out = Command::new(env!("CARGO_BIN_EXE_planner"))
            .args(["trace", "--json"])
            .arg(&f)
            .output()
            .unwrap_or_else(|e| panic!("cannot run planner: {e}"));
        let code = out.status.code();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = f.display();
        assert!(matches!(code, Some(1) | Some(2)), "{name}: exit {code:?}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        match code {
            Some(2) => assert!(stderr.starts_with("planner: ") && stderr.lines().count() == 1, "{name}: {stderr}"),
            _ => {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
                let errors = v["errors"].as_array().map(Vec::len).unwrap_or(0);
                assert!(errors > 0, "{name}: exit 1 without errors");
                for e in v["errors"].as_array().into_iter().flatten() {
                    assert!(e["line"].as_u64().is_some_and(|l| l >= 1), "{name}: {e}");
                    assert!(e["column"].as_u64().is_some_and(|c| c >= 1), "{name}: {e}");
                }
            }
        }
    }
}
