//! The page's few lines of JavaScript (`www/page.js`, a snippet file of
//! wasm-bindgen's, so the Content-Security-Policy needs no inline script):
//! plain DOM work with no part in the answer, which costs the first load
//! less as a few lines of script than as wasm.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/www/page.js")]
extern "C" {
    /// `import()` of a module beside the page, and its stylesheet, resolved
    /// once both are in: a part never shows unstyled.
    pub fn load_bundle(path: &str, css: &str) -> js_sys::Promise;
    /// Rule quotes close on Escape (the focus back on their badge) and on
    /// a click outside them; installed once, for the page's life.
    pub fn close_quotes();
    /// Undo and redo from the keyboard outside text fields: Ctrl+Z,
    /// Ctrl+Shift+Z and Ctrl+Y press the page's Undo and Redo buttons.
    pub fn undo_keys();
    /// Once the page has drawn the change under way, puts the focus on
    /// what the first of `selectors` (one a line) finds.
    pub fn focus_later(selectors: &str);
    /// Shows a panic's banner: `what` went wrong, and the `saved` work to copy.
    pub fn crash_banner(what: &str, saved: &str);
}
