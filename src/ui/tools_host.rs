//! Where the Fleet and Evidence tabs go: their own bundle
//! (`src/bin/tools.rs`), imported the first time one opens, so the page's
//! first load carries none of their code. This component loads it, hands it
//! the scenario, and turns its events back into the page's edits.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::format::scenario::Scenario;
use crate::plan::Plan;
use crate::ui::state::Shared;

#[wasm_bindgen(
    inline_js = "export function load_bundle(path) { return import(new URL(path, document.baseURI).href); }"
)]
extern "C" {
    /// `import()` of a module beside the page (a snippet file, so the
    /// Content-Security-Policy needs no inline script).
    fn load_bundle(path: &str) -> js_sys::Promise;
}

/// Where the bundle is, beside the page.
const BUNDLE: &str = "tools/tools.js";

/// Which tab of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// Many agents: batch, coverage, who, outages.
    Fleet,
    /// The agent's own log against the trace.
    Evidence,
}

impl Tool {
    fn id(self) -> &'static str {
        match self {
            Tool::Fleet => "fleet",
            Tool::Evidence => "evidence",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ToolsHostProps {
    pub tool: Tool,
    pub scenario: Scenario,
    /// Changes exactly when the walk could: the tab is sent the scenario then.
    pub plan: Shared<Plan>,
    /// What the Evidence tab shows; kept by the page so it survives tab switches.
    pub evidence: String,
    pub on_agents: Callback<String>,
    pub on_open_agent: Callback<String>,
    pub on_evidence: Callback<String>,
    /// Whether the evidence travels with the scenario.
    pub on_include: Callback<bool>,
    /// An explanation applied: the changed scenario.
    pub on_apply: Callback<Scenario>,
}

#[derive(Clone, PartialEq)]
enum Loading {
    Pending,
    Ready,
    Failed(String),
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    f.apply(target, &list)
}

async fn mount(host: web_sys::Element, tool: Tool, json: String, evidence: String) -> Result<JsValue, JsValue> {
    let module = JsFuture::from(load_bundle(BUNDLE)).await?;
    let init = call(&module, "default", &[])?;
    JsFuture::from(js_sys::Promise::resolve(&init)).await?;
    let args = [host.into(), JsValue::from_str(tool.id()), JsValue::from_str(&json), JsValue::from_str(&evidence)];
    let handle = call(&module, "mount", &args)?;
    if handle.is_undefined() || handle.is_null() {
        return Err(JsValue::from_str("the tab could not read the scenario"));
    }
    Ok(handle)
}

#[function_component(ToolsHost)]
pub fn tools_host(p: &ToolsHostProps) -> Html {
    let host = use_node_ref();
    let handle = use_mut_ref(|| None::<JsValue>);
    let status = use_state(|| Loading::Pending);
    // The newest scenario, for a load that finishes after edits.
    let latest: Rc<RefCell<Scenario>> = use_mut_ref(|| p.scenario.clone());
    *latest.borrow_mut() = p.scenario.clone();

    {
        let (host, handle, status, latest) = (host.clone(), handle.clone(), status.clone(), latest.clone());
        let (on_agents, on_open, on_evidence, on_apply, on_include) = (
            p.on_agents.clone(),
            p.on_open_agent.clone(),
            p.on_evidence.clone(),
            p.on_apply.clone(),
            p.on_include.clone(),
        );
        let (tool, evidence) = (p.tool, p.evidence.clone());
        use_effect_with((), move |_| {
            let mut listeners = Vec::new();
            if let Some(el) = host.cast::<web_sys::Element>() {
                let detail = |e: &web_sys::Event| {
                    e.dyn_ref::<web_sys::CustomEvent>().and_then(|c| c.detail().as_string()).unwrap_or_default()
                };
                listeners.push(EventListener::new(&el, "usp-fleet-agents", move |e| on_agents.emit(detail(e))));
                listeners.push(EventListener::new(&el, "usp-open-agent", move |e| on_open.emit(detail(e))));
                listeners.push(EventListener::new(&el, "usp-evidence", move |e| on_evidence.emit(detail(e))));
                listeners.push(EventListener::new(&el, "usp-include-evidence", move |e| {
                    on_include.emit(detail(e) == "true")
                }));
                listeners.push(EventListener::new(&el, "usp-apply", move |e| {
                    if let Ok(s) = Scenario::from_json(&detail(e)) {
                        on_apply.emit(s);
                    }
                }));
                wasm_bindgen_futures::spawn_local(async move {
                    let json = latest.borrow().to_json();
                    match mount(el, tool, json, evidence).await {
                        Ok(h) => {
                            *handle.borrow_mut() = Some(h);
                            status.set(Loading::Ready);
                        }
                        Err(e) => status.set(Loading::Failed(
                            e.as_string().unwrap_or_else(|| "its files could not be loaded".into()),
                        )),
                    }
                });
            }
            move || drop(listeners)
        });
    }
    {
        let (handle, scenario) = (handle.clone(), p.scenario.clone());
        use_effect_with(p.plan.clone(), move |_| {
            if let Some(h) = handle.borrow().as_ref() {
                let _ = call(h, "update", &[JsValue::from_str(&scenario.to_json())]);
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(p.evidence.clone(), move |evidence| {
            if let Some(h) = handle.borrow().as_ref() {
                let _ = call(h, "set_evidence", &[JsValue::from_str(evidence)]);
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with((p.scenario.fleet.agents.clone(), p.scenario.title.clone()), move |(agents, title)| {
            if let Some(h) = handle.borrow().as_ref() {
                let title = title.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str);
                let _ = call(h, "set_meta", &[JsValue::from_str(agents), title]);
            }
        });
    }
    html! {
        <>
            if *status == Loading::Pending { <p class="loading" role="status">{ "Loading the tab…" }</p> }
            if let Loading::Failed(why) = &*status {
                <p class="notice error" role="alert">{ format!("The tab could not be loaded: {why}. Reload the page to try again.") }</p>
            }
            <div class="tools-host" ref={host} data-testid="tools-host"></div>
        </>
    }
}
