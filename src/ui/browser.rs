//! The few places the page touches the browser: storage, the address bar, the
//! clipboard and files. Each failure comes back as a message, never a panic.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::format::scenario::Scenario;

const SAVED: &str = "update-source-planner.scenario";

fn storage() -> Result<web_sys::Storage, String> {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or_else(|| "this browser does not allow the page to keep work (storage is disabled)".to_string())
}

/// Saves the work; the error says why it could not be kept.
pub fn save(scenario: &Scenario) -> Result<(), String> {
    storage()?.set_item(SAVED, &scenario.to_json()).map_err(|_| {
        "your work could not be saved in this browser (storage is full or disabled); use Export to keep it".to_string()
    })
}

pub fn saved_text() -> Option<String> {
    storage().ok()?.get_item(SAVED).ok().flatten()
}

/// The saved work, with a message if it was there but unreadable.
pub fn load_saved() -> Result<Option<Scenario>, String> {
    match saved_text() {
        None => Ok(None),
        Some(text) => Scenario::from_json(&text).map(Some).map_err(|e| {
            format!("the work saved in this browser could not be read ({e}); it is kept under \"{SAVED}\"")
        }),
    }
}

pub fn fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Puts the link in the address bar without adding a history entry.
pub fn set_fragment(fragment: &str) {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// The page's address without query and fragment.
pub fn base_url() -> String {
    let loc = gloo::utils::window().location();
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

pub fn query_flag(name: &str) -> bool {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|kv| kv == format!("{name}=1") || kv == name)
}

pub fn copy(text: &str) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let _ = clipboard.write_text(text);
}

/// Offers text as a file download.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = gloo::utils::document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn prefers_embed() -> bool {
    query_flag("embed")
}

/// Registers the service worker that keeps the page for offline use. Pages
/// opened from a file share (file://) have none, and work as before.
pub fn register_service_worker() {
    let window = gloo::utils::window();
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    let container = window.navigator().service_worker();
    let _ = container.register("./sw.js");
}

#[wasm_bindgen]
extern "C" {
    /// The Compression Streams API (web-sys has it only behind an unstable flag).
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;
}

/// Raw deflate by the browser itself, so the page carries no compressor.
async fn deflate_raw(bytes: &[u8]) -> Option<Vec<u8>> {
    let cs = CompressionStream::new("deflate-raw").ok()?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let pair = web_sys::ReadableWritablePair::new(&cs.readable(), &cs.writable());
    let piped = blob.stream().pipe_through(&pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&piped)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The share fragment for a scenario (see `share::fragment`).
pub async fn share_fragment(scenario: &crate::format::scenario::Scenario) -> Result<String, String> {
    let json = crate::format::share::link_json(scenario).map_err(|e| e.to_string())?;
    let deflated = deflate_raw(json.as_bytes()).await.ok_or("this browser could not compress the link")?;
    Ok(crate::format::share::fragment(&json, &deflated))
}
