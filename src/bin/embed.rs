//! The embed view (`?embed=1`) as a bundle of its own, loaded by the boot
//! script in place of the page when a documentation page frames a case.

#[cfg(web)]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(web)]
fn main() {
    update_source_planner::ui::start_embed();
}

#[cfg(not(web))]
fn main() {
    eprintln!("This is the embed view's entry point, built for the browser by scripts/build.sh.");
}
