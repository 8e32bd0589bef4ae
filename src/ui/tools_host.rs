//! Where the parts a first trace does not need go: the Fleet and Evidence
//! tabs, the list's table editor and presenter mode. They are a bundle of
//! their own (`src/bin/tools.rs`), imported the first time one opens, so
//! the page's first load carries none of their code. This component loads
//! it, hands it the scenario, and turns its events back into the page's
//! edits. The bundle is imported once; every part after the first opens
//! at once, offline too (the service worker keeps it).

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

use crate::ui::script::load_bundle;

/// Where the bundle is, beside the page.
const BUNDLE: &str = "tools/tools.js";
/// Its styles, kept out of the page's first load like its code.
const BUNDLE_STYLE: &str = "tools/tools.css";

/// Which part of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// Many agents: batch, coverage, who, outages.
    Fleet,
    /// The agent's own log against the trace.
    Evidence,
    /// The list as the console's table.
    Table,
    /// The trace told to a room, a step at a time.
    Presenter,
    /// Settings most visits never touch (the S&WP screens).
    Settings,
    /// The lesson player.
    Lesson,
}

impl Tool {
    fn id(self) -> &'static str {
        match self {
            Tool::Fleet => "fleet",
            Tool::Evidence => "evidence",
            Tool::Table => "table",
            Tool::Presenter => "presenter",
            Tool::Settings => "settings",
            Tool::Lesson => "lesson",
        }
    }

    /// What shows in the part's place while it loads.
    fn loading(self) -> &'static str {
        match self {
            Tool::Fleet | Tool::Evidence => "Loading the tab…",
            Tool::Table => "Loading the table…",
            Tool::Presenter => "Loading presenter mode…",
            Tool::Settings => "Loading the settings…",
            Tool::Lesson => "Loading the lessons…",
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
    #[prop_or_default]
    pub evidence: String,
    /// A lesson link the page was opened with, for the lesson player.
    #[prop_or_default]
    pub lesson_link: String,
    #[prop_or_default]
    pub on_agents: Callback<String>,
    #[prop_or_default]
    pub on_open_agent: Callback<String>,
    #[prop_or_default]
    pub on_evidence: Callback<String>,
    /// Whether the evidence travels with the scenario.
    #[prop_or_default]
    pub on_include: Callback<bool>,
    /// An explanation applied: the changed scenario.
    #[prop_or_default]
    pub on_apply: Callback<Scenario>,
    /// An edit made in the part (the table, the settings).
    #[prop_or_default]
    pub on_edit: Callback<crate::edit::Edit>,
    /// Presenter mode left.
    #[prop_or_default]
    pub on_exit: Callback<()>,
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

/// The bundle, imported and started (once: the browser keeps the module).
async fn bundle() -> Result<JsValue, JsValue> {
    let module = JsFuture::from(load_bundle(BUNDLE, BUNDLE_STYLE)).await?;
    let init = call(&module, "default", &[])?;
    JsFuture::from(js_sys::Promise::resolve(&init)).await?;
    Ok(module)
}

/// Reads a dropped or picked file as a scenario, in the bundle: the
/// scenario and what the import says, or why the work is kept as it is.
pub async fn import_file(file: web_sys::File) -> Result<(Scenario, String), String> {
    let name = file.name();
    let module = bundle().await.map_err(|_| {
        format!("{name} could not be read: the part of the planner that reads files could not be loaded. Your current work is kept.")
    })?;
    let read = call(&module, "import_file", &[file.into()]).map_err(|e| e.as_string().unwrap_or_default())?;
    let read = JsFuture::from(js_sys::Promise::from(read)).await.map_err(|e| e.as_string().unwrap_or_default())?;
    let pair: js_sys::Array = read.dyn_into().map_err(|_| String::new())?;
    let json = pair.get(0).as_string().unwrap_or_default();
    let scenario = Scenario::from_json(&json).map_err(|e| e.to_string())?;
    Ok((scenario, pair.get(1).as_string().unwrap_or_default()))
}

/// Offers the scenario's picture as a file, drawn by the bundle: SVG, or
/// PNG (twice the size, for slides) when `png`. `stem` names the file.
pub fn download_picture(scenario: &Scenario, draw: u64, stem: String, png: bool) {
    let json = scenario.to_json();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(module) = bundle().await {
            let args = [
                JsValue::from_str(&json),
                JsValue::from_f64(draw as f64),
                JsValue::from_str(&stem),
                JsValue::from_bool(png),
            ];
            let _ = call(&module, "download_picture", &args);
        }
    });
}

async fn mount(host: web_sys::Element, tool: Tool, json: String, evidence: String) -> Result<JsValue, JsValue> {
    let module = bundle().await?;
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
        let (on_edit, on_exit) = (p.on_edit.clone(), p.on_exit.clone());
        let (tool, evidence) =
            (p.tool, if p.tool == Tool::Lesson { p.lesson_link.clone() } else { p.evidence.clone() });
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
                listeners.push(EventListener::new(&el, "usp-line-edit", move |e| {
                    if let Some(edit) = crate::edit::Edit::from_wire(&detail(e)) {
                        on_edit.emit(edit);
                    }
                }));
                listeners.push(EventListener::new(&el, "usp-present-exit", move |_| on_exit.emit(())));
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
            if *status == Loading::Pending { <p class={classes!("loading", format!("loading-{}", p.tool.id()))} role="status">{ p.tool.loading() }</p> }
            if let Loading::Failed(why) = &*status {
                <p class="notice error" role="alert">{ format!("The tab could not be loaded: {why}. Reload the page to try again.") }</p>
            }
            <div class={classes!("tools-host", format!("tools-{}", p.tool.id()))} ref={host} data-testid={format!("tools-host-{}", p.tool.id())}></div>
        </>
    }
}
