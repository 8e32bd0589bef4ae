//! The example gallery, built in from `www/examples/` (see `build.rs`).

/// One story of the gallery.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub file: &'static str,
    pub title: &'static str,
    pub profile: &'static str,
    /// The product, as its console names it ("Server & Workload
    /// Protection"), worked out when the page is built.
    pub product: &'static str,
}

/// The product a profile's id names (the id itself if none does), for
/// the gallery's constants: worked out by the compiler, no code in the page.
const fn product_of(id: &'static str) -> &'static str {
    use crate::model::profile::Profile;
    let mut profiles: &[Profile] = &Profile::ALL;
    while let [p, rest @ ..] = profiles {
        if same(p.id().as_bytes(), id.as_bytes()) {
            return p.product();
        }
        profiles = rest;
    }
    id
}

/// Whether two spellings are the same, byte for byte (for `product_of`).
const fn same(a: &[u8], b: &[u8]) -> bool {
    match (a, b) {
        ([x, a @ ..], [y, b @ ..]) => *x == *y && same(a, b),
        ([], []) => true,
        _ => false,
    }
}

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// What a first visit opens.
pub const DEFAULT: &str = "floor-update-agent-down.json";

/// The gallery, in the order of `index.json`.
pub fn gallery() -> &'static [Example] {
    GALLERY
}

/// A built-in example's text.
pub fn json_of(file: &str) -> Option<&'static str> {
    FILES.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}

/// An example's story, from the gallery's index beside the page (the
/// index's own simple shape: `"story": "…"` after the example's `"file"`).
pub async fn story(file: &str) -> Option<String> {
    let index = load("index.json").await.ok()?;
    let at = index.find(&format!("\"file\": \"{file}\""))?;
    let rest = index.get(at..)?;
    let start = rest.find("\"story\": \"")? + "\"story\": \"".len();
    let body = rest.get(start..)?;
    let end = body
        .char_indices()
        .find(|(i, c)| *c == '"' && !body.get(..*i).is_some_and(|b| b.ends_with('\\')))
        .map(|(i, _)| i)?;
    Some(body.get(..end)?.replace("\\\"", "\""))
}

/// Any example's text: built in, or fetched from `examples/` beside the page.
pub async fn load(file: &str) -> Result<String, String> {
    if let Some(text) = json_of(file) {
        return Ok(text.to_string());
    }
    crate::ui::browser::fetch_text(&format!("examples/{file}")).await.map_err(|why| format!("the example {file} {why}"))
}
