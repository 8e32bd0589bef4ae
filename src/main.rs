//! The page's entry point, built by Trunk for the browser.

/// Talc in place of the default dlmalloc: a smaller wasm (the page's size
/// budget) and faster on the many small allocations of reading a list.
#[cfg(web)]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(web)]
fn main() {
    update_source_planner::ui::start();
}

#[cfg(not(web))]
fn main() {
    eprintln!("This is the page's entry point; build it with `trunk build`, or use the `planner` command line.");
}
