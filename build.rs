//! Builds the example gallery into the page from `www/examples/`, so the
//! gallery works offline and a new example is one file plus its index line.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("www/examples");
    println!("cargo:rerun-if-changed=www/examples");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|f| f.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    // Only the index and the example a first visit opens are built in; the
    // rest are fetched from examples/ when chosen (and kept offline by the
    // service worker).
    let mut out = String::from("pub const FILES: &[(&str, &str)] = &[\n");
    for f in files.iter().filter(|f| *f == "index.json" || *f == "floor-update-agent-down.json") {
        let abs = std::fs::canonicalize(dir.join(f)).unwrap_or_else(|_| dir.join(f));
        let _ = writeln!(out, "    ({f:?}, include_str!({:?})),", abs.display().to_string());
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("examples.rs");
    if let Err(e) = std::fs::write(&target, out) {
        println!("cargo:warning=cannot write {}: {e}", target.display());
    }
}
