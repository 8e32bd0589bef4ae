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

/// Saves the work, written as JSON; the error says why it could not be kept.
pub fn save_json(json: &str) -> Result<(), String> {
    storage()?.set_item(SAVED, json).map_err(|_| {
        "your work could not be saved in this browser (storage is full or disabled); use Export to keep it".to_string()
    })
}

const HISTORY: &str = "update-source-planner.history";

/// Keeps the undo history for this tab (session storage: it ends with the
/// tab). A history too large for the storage is simply not kept.
pub fn save_history(history: &crate::edit::history::History) {
    if let Some(s) = gloo::utils::window().session_storage().ok().flatten() {
        let text = history.to_text();
        if text.is_empty() || s.set_item(HISTORY, &text).is_err() {
            let _ = s.remove_item(HISTORY);
        }
    }
}

/// The undo history this tab kept, if any.
pub fn load_history() -> Option<crate::edit::history::History> {
    let text = gloo::utils::window().session_storage().ok()??.get_item(HISTORY).ok()??;
    crate::edit::history::History::from_text(&text)
}

pub fn saved_text() -> Option<String> {
    stored(SAVED)
}

/// What this browser keeps under `key`, if anything.
pub fn stored(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Keeps `text` under `key` in this browser, or forgets the key (`None`).
/// Kept at best: a full or disabled storage keeps nothing, and says nothing.
pub fn store(key: &str, text: Option<&str>) {
    if let Ok(s) = storage() {
        let _ = match text {
            Some(t) => s.set_item(key, t),
            None => s.remove_item(key),
        };
    }
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

/// The page shown again once its starting link is opened, or has said why
/// it cannot be: `first-view.js` hides it from the first paint (class
/// `opening-link`), so a visitor with a link never sees another answer.
pub fn link_opened() {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.class_list().remove_1("opening-link");
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

/// Takes the link out of the address bar (the query, such as `?embed=1`, stays).
pub fn clear_fragment() {
    let window = gloo::utils::window();
    let loc = window.location();
    let kept = format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&kept));
    }
}

/// The page's address without query and fragment.
pub fn base_url() -> String {
    let loc = gloo::utils::window().location();
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

/// The value of `?name=value` in the page's address.
pub fn query_value(name: &str) -> Option<String> {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=').map(str::to_string))
}

/// `?theme=light` or `?theme=dark`: the colours a documentation site asks
/// for its frame (its own switch, not the reader's system); anything else
/// leaves the system's choice.
pub fn apply_theme_query() {
    let Some(theme) = query_value("theme").filter(|t| t == "light" || t == "dark") else { return };
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-theme", &theme);
    }
}

/// Tells the page that frames this one how tall its content is, so a
/// documentation site can size the frame (`usp:height`).
pub fn post_height() {
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    // The content's own height: `scrollHeight` is never less than the
    // frame's, so a frame once made tall could never shrink again.
    let height =
        gloo::utils::document().document_element().map_or(0, |e| e.get_bounding_client_rect().height().ceil() as i32);
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"usp:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
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

/// Offers an SVG drawing as a PNG, `scale` times its size, drawn by the
/// browser's own canvas (the image comes from a data: URL, which the page's
/// Content-Security-Policy allows for images). Says nothing on failure: the
/// button is simply without effect, and SVG is always there.
pub async fn download_png(name: &str, svg: &str, scale: u32) -> Option<()> {
    let doc = gloo::utils::document();
    let image: web_sys::HtmlImageElement = doc.create_element("img").ok()?.dyn_into().ok()?;
    let url = format!("data:image/svg+xml;base64,{}", crate::format::share::base64url::standard(svg.as_bytes()));
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    JsFuture::from(loaded).await.ok()?;
    let (w, h) = (image.natural_width() * scale, image.natural_height() * scale);
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, f64::from(w), f64::from(h)).ok()?;
    let png = canvas.to_data_url_with_type("image/png").ok()?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&png);
    a.set_download(name);
    a.click();
    Some(())
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

    /// The Compression Streams API's other half.
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// Raw inflate by the browser itself, read in chunks and stopped past
/// `limit` bytes (a link cannot blow up into gigabytes). `None` for a
/// stream the browser could not inflate: cut short or changed.
async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, bool> {
    let ds = DecompressionStream::new("deflate-raw").map_err(|_| false)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| false)?;
    let pair = web_sys::ReadableWritablePair::new(&ds.readable(), &ds.writable());
    let reader: web_sys::ReadableStreamDefaultReader =
        blob.stream().pipe_through(&pair).get_reader().dyn_into().map_err(|_| false)?;
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| false)?;
        if js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(out);
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| false)?;
        out.extend(js_sys::Uint8Array::new(&value).to_vec());
        if out.len() > limit {
            let _ = reader.cancel();
            return Err(true);
        }
    }
}

/// Opens a link (a fragment, with or without `#`): the same answers as the
/// core's `share::decode`, inflated by the browser.
pub async fn open_link(fragment: &str) -> Result<Scenario, crate::format::share::LinkError> {
    use crate::format::share::{open, unpack, LinkError};
    let packed = unpack(fragment)?;
    let json = inflate_raw(&packed.deflated, crate::format::MAX_DOCUMENT_BYTES).await.map_err(|too_large| {
        if too_large {
            LinkError::Oversized { chars: fragment.trim().trim_start_matches('#').len() }
        } else {
            packed.incomplete()
        }
    })?;
    open(&packed, json)
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

/// Why there is no link.
#[derive(Debug, thiserror::Error)]
pub enum NoLink {
    /// The scenario cannot be a link (too large).
    #[error(transparent)]
    Scenario(#[from] crate::format::share::LinkError),
    #[error("this browser could not compress the link")]
    Compression,
}

/// The share fragment for a scenario (see `share::fragment`).
pub async fn share_fragment(scenario: &crate::format::scenario::Scenario) -> Result<String, NoLink> {
    let json = crate::format::share::link_json(scenario)?;
    let deflated = deflate_raw(json.as_bytes()).await.ok_or(NoLink::Compression)?;
    Ok(crate::format::share::fragment(&json, &deflated))
}

/// The live page is hidden while it is drawn in stages (the style sheet's
/// `starting`); the first view `index.html` was built with stays shown.
pub fn page_starting() {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.class_list().add_1("starting");
    }
}

/// Whether `first-view.js` hid the first view from this visitor: a link in
/// the address, work kept in this browser, a framed case.
pub fn first_view_hidden() -> bool {
    gloo::utils::document()
        .document_element()
        .is_some_and(|root| root.class_list().contains("own-work") || root.class_list().contains("opening-link"))
}

/// The live page is drawn: it takes the first view's place, in this task.
pub fn page_drawn() {
    let document = gloo::utils::document();
    if let Ok(Some(view)) = document.query_selector("body > [data-first-view]") {
        view.remove();
    }
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_1("starting");
    }
    mark_drawn();
}

/// The page's own view is up: the style sheet's word to a visitor with
/// work of their own, shown while their work is opened, goes.
pub fn mark_drawn() {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.class_list().add_1("drawn");
    }
}

/// Whether the screen is as narrow as a phone's, and again whenever that
/// changes (a phone turned, a window resized): the picture stacks its
/// sources and the fleet's table takes two lines a row.
#[yew::hook]
pub fn use_phone_width() -> bool {
    const QUERY: &str = "(max-width: 600px)";
    let list = || gloo::utils::window().match_media(QUERY).ok().flatten();
    let narrow = yew::use_state(|| list().is_some_and(|l| l.matches()));
    {
        let narrow = narrow.clone();
        yew::use_effect_with((), move |_| {
            let listener = list().map(|l| {
                let target = l.clone();
                gloo::events::EventListener::new(&l, "change", move |_| narrow.set(target.matches()))
            });
            move || drop(listener)
        });
    }
    *narrow
}

/// A file beside the page, as text; why not, in words that follow its name
/// ("could not be loaded (HTTP 404)").
pub async fn fetch_text(path: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let fail = |_| "could not be loaded".to_string();
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(path)).await.map_err(fail)?;
    let response: web_sys::Response = response.dyn_into().map_err(fail)?;
    if !response.ok() {
        return Err(format!("could not be loaded (HTTP {})", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(fail)?).await.map_err(fail)?;
    text.as_string().ok_or_else(|| "is not text".to_string())
}
