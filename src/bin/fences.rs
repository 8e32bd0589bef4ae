//! The documentation kit's fence reader, for site generators that run in
//! JavaScript (Docusaurus's remark plugin), at site build time only:
//! `www/api/fences.js` wraps `fence()` as its module. A bundle of its own
//! (dist/api/build/), so the static figure's code that a `static` fence
//! needs stays out of the kit every reader of a page downloads.

#[cfg(web)]
mod web {
    use serde::Serialize;
    use update_source_planner::fence::{self, Misplaced, Shown, Strictness};
    use wasm_bindgen::prelude::*;

    #[global_allocator]
    static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

    /// Plain objects (maps as objects), as `planner fence` gives them.
    fn to_js<T: Serialize>(value: &T) -> JsValue {
        value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
    }

    /// One error object, as the kit's API lists errors.
    #[derive(Serialize)]
    struct Unreadable {
        line: usize,
        column: usize,
        text: String,
        rule: &'static str,
    }

    #[derive(Serialize)]
    struct Errors {
        errors: Vec<Unreadable>,
    }

    #[derive(Serialize)]
    struct FenceOut {
        #[serde(skip_serializing_if = "Option::is_none")]
        element: Option<serde_json::Map<String, serde_json::Value>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        figure: Option<String>,
    }

    /// What one ```update-source-trace fence of a Markdown page shows, as
    /// `planner fence` says it: `{element: {attribute: value}}` for the
    /// live element, `{figure: html}` for a `static` fence's figure, or
    /// `{errors: [{line, column, text, rule}]}` when the fence cannot be
    /// shown (`line`: the fence's opening line, as given; `text`: the
    /// message naming it). `read` is called with a `src=` file's path and
    /// returns its text, or throws. `strict`: a scenario with an error, or
    /// a warning that may change its answer, cannot be shown.
    #[wasm_bindgen]
    pub fn fence(info: String, body: String, line: usize, strict: bool, read: Option<js_sys::Function>) -> JsValue {
        let read_file = |path: &str| -> Result<String, String> {
            let Some(read) = &read else { return Err("no reader of files was given".into()) };
            match read.call1(&JsValue::NULL, &JsValue::from_str(path)) {
                Ok(text) => text.as_string().ok_or_else(|| "the reader gave no text".to_string()),
                Err(e) => Err(e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .or_else(|| e.as_string())
                    .unwrap_or_else(|| "the reader threw".to_string())),
            }
        };
        let strictness = if strict { Strictness::Strict } else { Strictness::Lenient };
        match fence::show(&info, &body, &read_file, strictness) {
            Ok(Shown::Element(attributes)) => to_js(&FenceOut {
                element: Some(attributes.into_iter().map(|(k, v)| (k.to_string(), v.into())).collect()),
                figure: None,
            }),
            Ok(Shown::Figure(html)) => to_js(&FenceOut { element: None, figure: Some(html) }),
            Err(error) => {
                let text = Misplaced { line, error }.to_string();
                to_js(&Errors { errors: vec![Unreadable { line, column: 1, text, rule: "fence" }] })
            }
        }
    }
}

#[cfg(web)]
fn main() {}

#[cfg(not(web))]
fn main() {
    eprintln!("This is the documentation kit's fence reader, built for Node by scripts/build.sh.");
}
