//! The page's worker: the fleet's long computations (a batch of agents, the
//! outage impact over the list or the fleet) off the page's thread, so the
//! page answers while they run and can stop them. The core alone, no Yew.
//!
//! `www/worker/worker.js` loads this module in a Web Worker and calls
//! `batch` or `outages` with the scenario's JSON, the agents typed and a
//! `progress(done, total)` function.

#[cfg(web)]
mod web {
    use update_source_planner::fleet::{self, wire, words};
    use update_source_planner::format::Scenario;
    use update_source_planner::input::agents::parse_agents;
    use update_source_planner::plan::{prepare, Plan};
    use wasm_bindgen::prelude::*;

    #[global_allocator]
    static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

    fn plan_of(scenario_json: &str) -> Result<Plan, String> {
        Scenario::from_json(scenario_json).map(|s| prepare(&s, None)).map_err(|e| format!("not a scenario: {e}"))
    }

    fn reporter(progress: &js_sys::Function) -> impl FnMut(usize, usize) + '_ {
        move |done, total| {
            let _ = progress.call2(&JsValue::NULL, &JsValue::from(done as f64), &JsValue::from(total as f64));
        }
    }

    /// A batch of the agents typed: `[bytes, errors]`, the batch in the
    /// layout of `fleet::wire` and the agents' errors as a JSON array of
    /// sentences naming line and column.
    #[wasm_bindgen]
    pub fn batch(scenario_json: &str, agents: &str, progress: &js_sys::Function) -> Result<js_sys::Array, String> {
        let plan = plan_of(scenario_json)?;
        let (specs, errors) = parse_agents(agents);
        let mut batch = fleet::batch_with(&plan, &specs, &mut reporter(progress));
        batch.sort_by_agent();
        let errors: Vec<String> =
            errors.iter().map(|e| format!("line {}, column {}: {}", e.line, e.column, e.text)).collect();
        let bytes = js_sys::Uint8Array::from(wire::encode(&batch).as_slice());
        Ok(js_sys::Array::of2(&bytes, &JsValue::from_str(&serde_json::to_string(&errors).unwrap_or_default())))
    }

    /// What each source's outage alone costs: over the fleet's agents when
    /// some are typed, else over the whole address space. A JSON array of
    /// sentences.
    #[wasm_bindgen]
    pub fn outages(scenario_json: &str, agents: &str, progress: &js_sys::Function) -> Result<String, String> {
        let plan = plan_of(scenario_json)?;
        let lines: Vec<String> = if agents.trim().is_empty() {
            fleet::list_outages_with(&plan, &mut reporter(progress))
                .iter()
                .map(|i| words::list_impact(plan.profile, i))
                .collect()
        } else {
            let (specs, _) = parse_agents(agents);
            fleet::fleet_outages_with(&plan, &specs, &mut reporter(progress))
                .iter()
                .map(|i| words::fleet_impact(plan.profile, i))
                .collect()
        };
        serde_json::to_string(&lines).map_err(|e| e.to_string())
    }
}

#[cfg(web)]
fn main() {}

#[cfg(not(web))]
fn main() {
    eprintln!("This is the page's worker, built for the browser by scripts/build.sh.");
}
