//! The page's entry point, built by Trunk for the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    update_source_planner::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the page's entry point; build it with `trunk build`, or use the `planner` command line.");
}
