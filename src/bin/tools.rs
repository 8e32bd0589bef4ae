//! The parts of the page a first trace does not need, as a bundle of their
//! own loaded the first time one is opened: the Fleet and Evidence tabs,
//! the list's table editor and presenter mode. The page's first load
//! carries none of their code.
//!
//! The page imports this module, calls `mount(host, view, scenario_json,
//! evidence)` with `view` `"fleet"`, `"evidence"`, `"table"` or
//! `"presenter"`, `"settings"` or `"lesson"` (its fourth argument then a lesson link to play, or empty), and keeps the handle:
//! `update(json)` when the scenario's walk changes, `set_meta(agents, title)`
//! when only the fleet's agents or the title do, `set_evidence(text)`. The
//! tabs speak back through DOM events on `host`, each with a string
//! `detail`: `usp-fleet-agents` (the agents typed), `usp-open-agent` (an
//! address to open as the single-agent trace), `usp-evidence` (the evidence
//! typed), `usp-include-evidence` (`true` or `false`: whether it travels
//! with the scenario), `usp-apply` (an explanation: the changed scenario
//! as JSON), `usp-line-edit` (a table or settings edit, as `Edit::to_wire` writes it)
//! and `usp-present-exit` (presenter mode left).

#[cfg(web)]
mod web {
    use update_source_planner::format::Scenario;
    use update_source_planner::plan::prepare;
    use update_source_planner::ui::evidence_view::{EvidenceProps, EvidenceView};
    use update_source_planner::ui::fleet_view::{FleetProps, FleetView};
    use update_source_planner::ui::lesson_player::{LessonPlayer, LessonProps};
    use update_source_planner::ui::list_editor::{ListTable, TableProps};
    use update_source_planner::ui::more_settings::{MoreSettings, MoreSettingsProps};
    use update_source_planner::ui::presenter::{Presenter, PresenterProps};
    use update_source_planner::ui::state::Shared;
    use wasm_bindgen::prelude::*;
    use yew::{AppHandle, Callback};

    /// Talc, as the page uses: small and quick on many small allocations.
    #[global_allocator]
    static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

    /// Tells the page something, as a DOM event on the host element.
    fn tell(host: &web_sys::Element, name: &'static str) -> Callback<String> {
        let host = host.clone();
        Callback::from(move |detail: String| {
            let init = web_sys::CustomEventInit::new();
            init.set_bubbles(true);
            init.set_detail(&JsValue::from_str(&detail));
            if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
                let _ = host.dispatch_event(&event);
            }
        })
    }

    #[yew::function_component(Blank)]
    fn blank() -> yew::Html {
        yew::Html::default()
    }

    /// The tabs are a second Yew program inside the page's. Yew marks the
    /// elements of each program's tree with the tree's number and lets the
    /// most deeply nested tree handle an event; both programs number their
    /// first tree 1, so the page's program would take the tabs' events for
    /// its own. One throwaway tree first makes the tabs' trees 2 and up.
    fn skip_the_pages_tree_number() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            if let Ok(el) = gloo::utils::document().create_element("div") {
                yew::Renderer::<Blank>::with_root(el).render().destroy();
            }
        });
    }

    fn scenario_json_has_evidence(json: &str) -> bool {
        Scenario::from_json(json).is_ok_and(|s| s.evidence.is_some())
    }

    enum Tab {
        Fleet(AppHandle<FleetView>, FleetProps),
        Evidence(AppHandle<EvidenceView>, EvidenceProps),
        Table(AppHandle<ListTable>, TableProps),
        Settings(AppHandle<MoreSettings>, Box<MoreSettingsProps>),
        Lesson(AppHandle<LessonPlayer>, LessonProps),
        /// Kept so the presenter lives as long as its handle.
        Presenter(#[allow(dead_code)] AppHandle<Presenter>),
    }

    /// Reads a dropped or picked file as a scenario, with its errors placed
    /// in the file itself (the page keeps no document text to place them
    /// in afterwards): `[scenario_json, notice]`, or what the page says
    /// instead, a bad file leaving the work as it is. Here, not in the
    /// page: reading a document with its places costs the first load a
    /// JSON locator, and reading the file the code to do so.
    #[wasm_bindgen]
    pub async fn import_file(file: web_sys::File) -> Result<js_sys::Array, String> {
        let name = file.name();
        // Whole bytes: no float formatting.
        let size = file.size() as u64;
        if size > update_source_planner::format::MAX_DOCUMENT_BYTES as u64 {
            return Err(format!(
                "{name} is {size} bytes; the planner reads at most {} bytes. Your current work is kept.",
                update_source_planner::format::MAX_DOCUMENT_BYTES
            ));
        }
        // The browser's own Blob.text(), not a FileReader's machinery.
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
        let Some(text) = text else { return Err(format!("{name} could not be read. Your current work is kept.")) };
        let (s, trace) = update_source_planner::read_and_trace(&text)
            .map_err(|e| format!("{name} is not a scenario: {e}. Your current work is kept."))?;
        let notice = update_source_planner::ui::toolbar::imported(&name, &trace);
        Ok([JsValue::from_str(&s.to_json()), JsValue::from_str(&notice)].into_iter().collect())
    }

    /// Offers the picture of the scenario (draw `draw` of a relay group's
    /// order) as `STEM-update-path.svg`, or `.png` at twice its size.
    #[wasm_bindgen]
    pub fn download_picture(scenario_json: &str, draw: f64, stem: &str, png: bool) {
        use update_source_planner::diagram::{document, Style};
        use update_source_planner::ui::browser;
        let Ok(scenario) = Scenario::from_json(scenario_json) else { return };
        let plan = update_source_planner::plan::Plan {
            draw: update_source_planner::plan::Draw::new(draw as u64),
            ..prepare(&scenario, None)
        };
        let svg = document(&update_source_planner::walk::resolve(&plan), &scenario.agent.addresses, Style::Standalone);
        let stem = if stem.is_empty() { "update-path".to_string() } else { format!("{stem}-update-path") };
        if png {
            wasm_bindgen_futures::spawn_local(async move {
                browser::download_png(&format!("{stem}.png"), &svg, 2).await;
            });
        } else {
            browser::download(&format!("{stem}.svg"), "image/svg+xml", &svg);
        }
    }

    /// A running tab.
    #[wasm_bindgen]
    pub struct ToolsHandle {
        tab: Tab,
    }

    /// Draws a tab (`"fleet"` or `"evidence"`) inside `host` for the scenario
    /// given as JSON; `None` (undefined in JavaScript) if the JSON is not a
    /// scenario.
    #[wasm_bindgen]
    pub fn mount(host: web_sys::Element, view: &str, scenario_json: &str, evidence: String) -> Option<ToolsHandle> {
        let included = scenario_json_has_evidence(scenario_json);
        skip_the_pages_tree_number();
        let scenario = Scenario::from_json(scenario_json).ok()?;
        let edits = |host: &web_sys::Element| {
            let edit = tell(host, "usp-line-edit");
            Callback::from(move |e: update_source_planner::edit::Edit| {
                if let Some(wire) = e.to_wire() {
                    edit.emit(wire);
                }
            })
        };
        let tab = if view == "settings" {
            let props = MoreSettingsProps { on_edit: edits(&host), scenario };
            Tab::Settings(
                yew::Renderer::<MoreSettings>::with_root_and_props(host, props.clone()).render(),
                Box::new(props),
            )
        } else if view == "lesson" {
            let show = tell(&host, "usp-apply");
            // For the lesson player the fourth argument is a lesson link to open.
            let props = LessonProps {
                scenario: Shared::new(scenario),
                on_show: Callback::from(move |s: Scenario| show.emit(s.to_json())),
                link: evidence,
            };
            Tab::Lesson(yew::Renderer::<LessonPlayer>::with_root_and_props(host, props.clone()).render(), props)
        } else if view == "table" {
            let props = TableProps { plan: Shared::new(prepare(&scenario, None)), on_edit: edits(&host) };
            Tab::Table(yew::Renderer::<ListTable>::with_root_and_props(host, props.clone()).render(), props)
        } else if view == "presenter" {
            let exit = tell(&host, "usp-present-exit");
            let trace = update_source_planner::walk::resolve(&prepare(&scenario, None));
            let props = PresenterProps {
                agent: std::rc::Rc::new(scenario.agent.addresses.clone()),
                trace: Shared::new(trace),
                scenario,
                on_exit: Callback::from(move |()| exit.emit(String::new())),
            };
            Tab::Presenter(yew::Renderer::<Presenter>::with_root_and_props(host, props).render())
        } else if view == "evidence" {
            let on_apply_json = tell(&host, "usp-apply");
            let on_include = tell(&host, "usp-include-evidence");
            let props = EvidenceProps {
                included,
                on_include: Callback::from(move |on: bool| on_include.emit(on.to_string())),
                scenario: Shared::new(scenario),
                evidence,
                on_evidence: tell(&host, "usp-evidence"),
                on_apply: Callback::from(move |s: Scenario| on_apply_json.emit(s.to_json())),
            };
            Tab::Evidence(yew::Renderer::<EvidenceView>::with_root_and_props(host, props.clone()).render(), props)
        } else {
            let props = FleetProps {
                plan: Shared::new(prepare(&scenario, None)),
                scenario: Shared::new(scenario_json.to_string()),
                agents: scenario.fleet.agents.clone(),
                title: scenario.title.clone(),
                on_agents: tell(&host, "usp-fleet-agents"),
                on_open_agent: tell(&host, "usp-open-agent"),
            };
            Tab::Fleet(yew::Renderer::<FleetView>::with_root_and_props(host, props.clone()).render(), props)
        };
        Some(ToolsHandle { tab })
    }

    #[wasm_bindgen]
    impl ToolsHandle {
        /// The scenario changed in a way that reaches the walk.
        pub fn update(&mut self, scenario_json: &str) {
            let Ok(scenario) = Scenario::from_json(scenario_json) else { return };
            match &mut self.tab {
                Tab::Fleet(app, props) => {
                    *props = FleetProps {
                        plan: Shared::new(prepare(&scenario, None)),
                        scenario: Shared::new(scenario_json.to_string()),
                        agents: scenario.fleet.agents.clone(),
                        title: scenario.title.clone(),
                        ..props.clone()
                    };
                    app.update(props.clone());
                }
                Tab::Evidence(app, props) => {
                    *props = EvidenceProps {
                        included: scenario.evidence.is_some(),
                        scenario: Shared::new(scenario),
                        ..props.clone()
                    };
                    app.update(props.clone());
                }
                Tab::Table(app, props) => {
                    *props = TableProps { plan: Shared::new(prepare(&scenario, None)), ..props.clone() };
                    app.update(props.clone());
                }
                Tab::Settings(app, props) => {
                    **props = MoreSettingsProps { scenario, ..(**props).clone() };
                    app.update((**props).clone());
                }
                Tab::Lesson(app, props) => {
                    *props = LessonProps { scenario: Shared::new(scenario), ..props.clone() };
                    app.update(props.clone());
                }
                // The scenario does not change while it is presented.
                Tab::Presenter(_) => {}
            }
        }

        /// Only the fleet's agents or the title changed.
        pub fn set_meta(&mut self, agents: String, title: Option<String>) {
            if let Tab::Fleet(app, props) = &mut self.tab {
                *props = FleetProps { agents, title, ..props.clone() };
                app.update(props.clone());
            }
        }

        /// The evidence changed (from the page: a reload of the tab).
        pub fn set_evidence(&mut self, evidence: String) {
            if let Tab::Evidence(app, props) = &mut self.tab {
                if props.evidence != evidence {
                    *props = EvidenceProps { evidence, ..props.clone() };
                    app.update(props.clone());
                }
            }
        }
    }
}

#[cfg(web)]
fn main() {}

#[cfg(not(web))]
fn main() {
    eprintln!("These are the parts of the page loaded on demand (Fleet, Evidence, the table editor, presenter mode), built for the browser by scripts/build.sh.");
}
