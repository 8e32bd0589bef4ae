//! The example gallery, built in from `www/examples/` (see `build.rs`).

use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// What a first visit opens.
pub const DEFAULT: &str = "floor-update-agent-down.json";

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Example {
    pub file: String,
    pub title: String,
    pub story: String,
    pub profile: String,
}

/// The gallery, in the order of `index.json`.
pub fn gallery() -> Vec<Example> {
    let index = FILES.iter().find(|(f, _)| *f == "index.json").map(|(_, t)| *t).unwrap_or("[]");
    serde_json::from_str(index).unwrap_or_default()
}

/// A built-in example's text.
pub fn json_of(file: &str) -> Option<&'static str> {
    FILES.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}

/// Any example's text: built in, or fetched from `examples/` beside the page.
pub async fn load(file: &str) -> Result<String, String> {
    if let Some(text) = json_of(file) {
        return Ok(text.to_string());
    }
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let fail = |_| format!("the example {file} could not be loaded");
    let response =
        JsFuture::from(gloo::utils::window().fetch_with_str(&format!("examples/{file}"))).await.map_err(fail)?;
    let response: web_sys::Response = response.dyn_into().map_err(fail)?;
    if !response.ok() {
        return Err(format!("the example {file} could not be loaded (HTTP {})", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(fail)?).await.map_err(fail)?;
    text.as_string().ok_or_else(|| format!("the example {file} is not text"))
}
