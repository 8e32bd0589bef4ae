//! Builds the example gallery into the page from `www/examples/`, so the
//! gallery works offline and a new example is one file plus its index line.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // `web`: the browser's wasm (the page, the kit). WASI is wasm32 too, and
    // builds the command line, as the documentation packages run it.
    println!("cargo::rustc-check-cfg=cfg(web)");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_ARCH") == "wasm32" && var("CARGO_CFG_TARGET_OS") == "unknown" {
        println!("cargo::rustc-cfg=web");
    }
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
    for f in files.iter().filter(|f| *f == "floor-update-agent-down.json") {
        let abs = std::fs::canonicalize(dir.join(f)).unwrap_or_else(|_| dir.join(f));
        let _ = writeln!(out, "    ({f:?}, include_str!({:?})),", abs.display().to_string());
    }
    out.push_str("];\n");
    // The gallery's titles, as constants (no JSON to read at start); the
    // stories, a few kilobytes, are read from the index when an example opens.
    let index = std::fs::read_to_string(dir.join("index.json")).unwrap_or_default();
    out.push_str("pub const GALLERY: &[Example] = &[\n");
    for entry in index.split('{').skip(1) {
        let field = |name: &str| -> String {
            let key = format!("\"{name}\":");
            entry
                .find(&key)
                .map(|i| entry[i + key.len()..].trim_start())
                .and_then(|rest| rest.strip_prefix('"'))
                .map(|rest| {
                    // Up to the closing quote that is not escaped.
                    let mut end = 0;
                    let bytes = rest.as_bytes();
                    while end < bytes.len() && !(bytes[end] == b'"' && (end == 0 || bytes[end - 1] != b'\\')) {
                        end += 1;
                    }
                    rest[..end].to_string()
                })
                .unwrap_or_default()
        };
        let _ = writeln!(
            out,
            "    Example {{ file: \"{}\", title: \"{}\", profile: \"{p}\", product: product_of(\"{p}\") }},",
            field("file"),
            field("title"),
            p = field("profile")
        );
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("examples.rs");
    if let Err(e) = std::fs::write(&target, out) {
        println!("cargo:warning=cannot write {}: {e}", target.display());
    }
}
