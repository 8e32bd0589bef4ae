//! The kit the preprocessor carries: the files a fence needs in a reader's
//! browser, copied from the built kit (dist/api) into kit/ by
//! scripts/pack-mdbook.sh. Without them there is nothing to embed: say so,
//! and which script fills them.

use std::path::Path;

/// The same five files as `update_source_planner::mdbook::KIT_FILES` (a
/// test in main.rs holds them equal).
const KIT_FILES: [&str; 5] = ["element.js", "element.css", "planner.js", "core.js", "core_bg.wasm"];

fn main() {
    println!("cargo::rerun-if-changed=kit");
    let kit = Path::new("kit");
    let missing: Vec<&str> = KIT_FILES.iter().copied().filter(|f| !kit.join(f).is_file()).collect();
    if !missing.is_empty() {
        eprintln!(
            "\nmdbook-update-source-trace carries the built kit, and integrations/mdbook/kit/ has no {}.\n\
             Build the kit and fill kit/ with scripts/pack-mdbook.sh (after scripts/build.sh), or copy\n\
             those files from dist/api into integrations/mdbook/kit/.\n",
            missing.join(", ")
        );
        std::process::exit(1);
    }
    for f in KIT_FILES {
        println!("cargo::rerun-if-changed=kit/{f}");
    }
}
