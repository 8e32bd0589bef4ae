//! The documentation kit's JavaScript API: the resolver alone (no Yew, no
//! page), for a documentation page's own scripts and the
//! `<update-source-trace>` element. `www/api/planner.js` wraps these
//! functions as the published module; results are plain JavaScript objects
//! in the shape of SPEC §5, converted directly (no JSON text between).

#[cfg(web)]
mod web {
    use serde::Serialize;
    use update_source_planner::diagram::{self, Frame, Scale, Style};
    use update_source_planner::format::share;
    use update_source_planner::format::Scenario;
    use update_source_planner::model::diagnostics::{InputError, Warning};
    use update_source_planner::model::item::Item;
    use update_source_planner::model::rules::{Basis, CATALOGUE};
    use update_source_planner::{read_and_trace, ReadError, Trace};
    use wasm_bindgen::prelude::*;

    #[global_allocator]
    static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

    /// Plain objects (maps as objects), as `planner trace --json` gives them.
    fn to_js<T: Serialize>(value: &T) -> JsValue {
        value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
    }

    /// The scenario's JSON text: a string as it is, an object written out.
    fn text_of(scenario: &JsValue) -> Result<String, String> {
        if let Some(s) = scenario.as_string() {
            return Ok(s);
        }
        if scenario.is_object() {
            return js_sys::JSON::stringify(scenario)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| "the scenario object cannot be written as JSON".to_string());
        }
        Err("a scenario is a JSON string or a plain object".into())
    }

    /// One error object, as `planner trace --json` lists errors.
    #[derive(Serialize)]
    struct Unreadable {
        line: usize,
        column: usize,
        text: String,
        rule: &'static str,
    }

    /// The place is given once, in `line` and `column`; the text says what.
    fn unreadable(e: &ReadError) -> Unreadable {
        let (line, column) = e.place();
        Unreadable { line, column, text: format!("not a scenario: {}", e.message()), rule: "E1" }
    }

    /// `{errors: [...]}` with one error at the document's start.
    fn refusal(text: String) -> JsValue {
        to_js(&Errors { errors: vec![Unreadable { line: 1, column: 1, text, rule: "E1" }] })
    }

    #[derive(Serialize)]
    struct Errors {
        errors: Vec<Unreadable>,
    }

    /// The scenario's trace, or the errors object to return instead.
    fn traced(scenario: &JsValue) -> Result<Trace, JsValue> {
        read(scenario).map(|(_, t)| t)
    }

    /// The scenario and its trace, or the errors object to return instead.
    fn read(scenario: &JsValue) -> Result<(Scenario, Trace), JsValue> {
        let text = text_of(scenario).map_err(refusal)?;
        read_and_trace(&text).map_err(|e| to_js(&Errors { errors: vec![unreadable(&e)] }))
    }

    /// The trace (SPEC §5), or `{errors: [...]}` for a document that is not
    /// a scenario. Never throws. `lines`: a list given as JSON entries is
    /// named by line, as the planner's page (which shows it as text) names
    /// it, instead of by entry.
    #[wasm_bindgen]
    pub fn trace(scenario: JsValue, lines: bool) -> JsValue {
        if !lines {
            return traced(&scenario).map_or_else(|errors| errors, |t| to_js(&t));
        }
        match read(&scenario) {
            Err(errors) => errors,
            Ok((doc, _)) => {
                let as_text = update_source_planner::edit::with_text_list(doc);
                to_js(&update_source_planner::walk::resolve(&update_source_planner::plan::prepare(&as_text, None)))
            }
        }
    }

    #[derive(Serialize)]
    struct Lint<'a> {
        warnings: &'a [Warning],
        errors: &'a [InputError],
    }

    /// Warnings and errors only (as `planner lint`).
    #[wasm_bindgen]
    pub fn lint(scenario: JsValue) -> JsValue {
        traced(&scenario).map_or_else(|errors| errors, |t| to_js(&Lint { warnings: &t.warnings, errors: &t.errors }))
    }

    /// The picture as SVG text: one item's, or all of them in one document.
    /// `themed` leaves the colours to the embedding page's style sheet (the
    /// element's), which a strict style policy needs. A document that is
    /// not a scenario, an unknown item or one the update does not ask for
    /// gives `{errors: [...]}` saying which, as `planner diagram` does.
    /// `phone`: the sources stacked under the agent, for a narrow column.
    #[wasm_bindgen]
    pub fn diagram(scenario: JsValue, item: Option<String>, themed: bool, phone: bool) -> JsValue {
        let style = if themed { Style::Page } else { Style::Standalone };
        let frame = Frame { scale: if phone { Scale::Phone } else { Scale::Page }, until: None };
        let (doc, t) = match read(&scenario) {
            Ok(read) => read,
            Err(errors) => return errors,
        };
        let agent = doc.agent.addresses;
        let Some(id) = item else { return JsValue::from_str(&diagram::document_framed(&t, &agent, style, frame)) };
        let Some(i) = Item::from_id(&id) else {
            return refusal(format!("`{id}` is not an item: use components, domain-settings or programs"));
        };
        match diagram::framed(&t, &agent, Some(i), style, frame).into_iter().next() {
            Some((_, svg)) => JsValue::from_str(&svg),
            None => refusal(format!("this update does not ask for {id}")),
        }
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct HeadingOut {
        title: String,
        case: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        left_out: Option<String>,
    }

    /// What heads the trace, as the static figure heads it: `title` (the
    /// caption given, else the scenario's title, else the product's update
    /// path), `case` (product, agent and addresses) and, for one `item`,
    /// `leftOut` (the line saying the other items' steps are left out).
    /// `{errors: [...]}` for a document that is not a scenario.
    #[wasm_bindgen]
    pub fn heading(scenario: JsValue, item: Option<String>, caption: Option<String>) -> JsValue {
        let (doc, t) = match read(&scenario) {
            Ok(read) => read,
            Err(errors) => return errors,
        };
        let item = item.as_deref().and_then(Item::from_id);
        let title = caption.as_deref().or(doc.title.as_deref());
        let h = update_source_planner::figure::Heading::of(&t, title, &doc.agent.addresses, item);
        to_js(&HeadingOut { title: h.title, case: h.case, left_out: h.left_out })
    }

    /// The share-link fragment of a scenario (without `#`), to open it in
    /// the full planner; `{errors: [...]}` if it is not a scenario or is
    /// too large for a link.
    #[wasm_bindgen]
    pub fn link(scenario: JsValue) -> JsValue {
        let text = match text_of(&scenario) {
            Ok(text) => text,
            Err(why) => return refusal(why),
        };
        match Scenario::from_json(&text) {
            Err(e) => to_js(&Errors { errors: vec![unreadable(&e)] }),
            Ok(s) => match share::encode_checked(&s) {
                Ok(fragment) => JsValue::from_str(&fragment),
                Err(e) => refusal(e.to_string()),
            },
        }
    }

    #[derive(Serialize)]
    struct RuleOut {
        id: &'static str,
        title: &'static str,
        quote: &'static str,
        basis: String,
        assumed: bool,
    }

    /// Every rule with its quote and basis.
    #[wasm_bindgen]
    pub fn rules() -> JsValue {
        let all: Vec<RuleOut> = CATALOGUE
            .iter()
            .map(|r| RuleOut {
                id: r.rule.id(),
                title: r.rule.title(),
                quote: r.quote,
                basis: r.basis.describe(),
                assumed: matches!(r.basis, Basis::Assumed(_)),
            })
            .collect();
        to_js(&all)
    }

    /// The planner's version.
    #[wasm_bindgen]
    pub fn version() -> String {
        update_source_planner::VERSION.to_string()
    }
}

#[cfg(web)]
fn main() {}

#[cfg(not(web))]
fn main() {
    eprintln!("This is the documentation kit's JavaScript API, built for the browser by scripts/build.sh.");
}
