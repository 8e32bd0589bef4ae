//! The Fleet tab as a bundle of its own, loaded the first time the tab is
//! opened: the page's first load carries none of the fleet's code.
//!
//! The page imports this module, calls `mount(host, scenario_json)`, and
//! keeps the returned handle: `update(json)` when the scenario's walk
//! changes, `set_meta(agents, title)` when only the fleet's agents or the
//! title do. The tab speaks back through DOM events on `host`:
//! `usp-fleet-agents` (the agents typed) and `usp-open-agent` (an address
//! to open as the single-agent trace), each with a string `detail`.

#[cfg(target_arch = "wasm32")]
mod web {
    use update_source_planner::format::Scenario;
    use update_source_planner::plan::prepare;
    use update_source_planner::ui::fleet_view::{FleetProps, FleetView};
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

    /// The running tab.
    #[wasm_bindgen]
    pub struct FleetHandle {
        app: AppHandle<FleetView>,
        props: FleetProps,
    }

    fn props(host: &web_sys::Element, scenario: &Scenario) -> FleetProps {
        FleetProps {
            plan: Shared::new(prepare(scenario, None)),
            agents: scenario.fleet.agents.clone(),
            title: scenario.title.clone(),
            on_agents: tell(host, "usp-fleet-agents"),
            on_open_agent: tell(host, "usp-open-agent"),
        }
    }

    #[yew::function_component(Blank)]
    fn blank() -> yew::Html {
        yew::Html::default()
    }

    /// The tab is a second Yew program inside the page's. Yew marks the
    /// elements of each program's tree with the tree's number and lets the
    /// most deeply nested tree handle an event; both programs number their
    /// first tree 1, so the page's program would take the tab's events for
    /// its own. One throwaway tree first makes the tab's trees 2 and up.
    fn skip_the_pages_tree_number() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            if let Ok(el) = gloo::utils::document().create_element("div") {
                yew::Renderer::<Blank>::with_root(el).render().destroy();
            }
        });
    }

    /// Draws the tab inside `host` for the scenario given as JSON; `None`
    /// (undefined in JavaScript) if the JSON is not a scenario.
    #[wasm_bindgen]
    pub fn mount(host: web_sys::Element, scenario_json: &str) -> Option<FleetHandle> {
        skip_the_pages_tree_number();
        let scenario = Scenario::from_json(scenario_json).ok()?;
        let props = props(&host, &scenario);
        let app = yew::Renderer::<FleetView>::with_root_and_props(host, props.clone()).render();
        Some(FleetHandle { app, props })
    }

    #[wasm_bindgen]
    impl FleetHandle {
        /// The scenario changed in a way that reaches the walk.
        pub fn update(&mut self, scenario_json: &str) {
            if let Ok(scenario) = Scenario::from_json(scenario_json) {
                let next = FleetProps {
                    plan: Shared::new(prepare(&scenario, None)),
                    agents: scenario.fleet.agents.clone(),
                    title: scenario.title.clone(),
                    ..self.props.clone()
                };
                self.props = next.clone();
                self.app.update(next);
            }
        }

        /// Only the fleet's agents or the title changed.
        pub fn set_meta(&mut self, agents: String, title: Option<String>) {
            let next = FleetProps { agents, title, ..self.props.clone() };
            self.props = next.clone();
            self.app.update(next);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the page's Fleet tab, built for the browser by scripts/build.sh.");
}
