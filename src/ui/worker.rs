//! The Fleet tab's long jobs, run in the page's worker (`src/bin/worker.rs`
//! behind `www/worker/worker.js`) so the page answers while they run. The
//! tab starts one worker when it opens and keeps it: every job after the
//! first finds the core loaded. Jobs are told apart by an id the worker
//! answers with. Cancel ends the worker at once (nothing stops a running
//! computation sooner) and starts the next one straight away, handing it
//! the other jobs that were waiting, so the next job does not wait for a
//! start-up and no late answer of a stopped job can arrive.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use yew::Callback;

/// Where the worker's script is, beside the page.
const SCRIPT: &str = "worker/worker.js";

/// A job the worker runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The agents typed, each through the scenario.
    Batch,
    /// What each source's outage alone costs.
    Outages,
}

impl Kind {
    fn id(self) -> &'static str {
        match self {
            Kind::Batch => "batch",
            Kind::Outages => "outages",
        }
    }
}

/// What a finished job answers: the worker's message (`result`, and for a
/// batch `errors`), or why it failed.
pub type Answer = Result<JsValue, String>;

/// A job waiting for its answer: what was sent (to send again to a new
/// worker) and who hears back.
struct Pending {
    message: js_sys::Object,
    on_progress: Callback<f64>,
    on_done: Callback<Answer>,
}

/// The worker with its listeners; dropped, it ends.
struct Running {
    worker: web_sys::Worker,
    _messages: EventListener,
    _errors: EventListener,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The Fleet tab's one worker and the jobs it has been given. Shared by
/// the tab's parts through a Yew context; the worker ends with the tab.
#[derive(Clone)]
pub struct Pool(Rc<PoolInner>);

struct PoolInner {
    running: RefCell<Option<Running>>,
    pending: RefCell<BTreeMap<u32, Pending>>,
    next: Cell<u32>,
}

impl PartialEq for Pool {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for Pool {
    fn default() -> Self {
        Pool::new()
    }
}

impl Pool {
    /// A pool with its worker starting.
    pub fn new() -> Pool {
        let pool = Pool(Rc::new(PoolInner {
            running: RefCell::new(None),
            pending: RefCell::new(BTreeMap::new()),
            next: Cell::new(1),
        }));
        pool.restart();
        pool
    }

    /// Ends the worker (if any) and starts a new one, handing it the jobs
    /// still waiting.
    fn restart(&self) {
        drop(self.0.running.borrow_mut().take());
        match self.spawn() {
            Ok(running) => {
                for pending in self.0.pending.borrow().values() {
                    let _ = running.worker.post_message(&pending.message);
                }
                *self.0.running.borrow_mut() = Some(running);
            }
            Err(why) => self.fail_all(&why),
        }
    }

    fn spawn(&self) -> Result<Running, String> {
        let base = gloo::utils::document().base_uri().ok().flatten().unwrap_or_default();
        let url = web_sys::Url::new_with_base(SCRIPT, &base).map_err(describe)?.href();
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&url, &options).map_err(describe)?;
        // The pool owns the worker; its listeners hold it weakly, so the
        // two do not keep each other alive after the tab closes.
        let weak = Rc::downgrade(&self.0);
        let messages = EventListener::new(&worker, "message", move |e| {
            let (Some(inner), Some(data)) =
                (weak.upgrade(), e.dyn_ref::<web_sys::MessageEvent>().map(web_sys::MessageEvent::data))
            else {
                return;
            };
            let Some(id) = field(&data, "id").as_f64().map(|n| n as u32) else { return };
            if let Some(share) = field(&data, "progress").as_f64() {
                let hear = inner.pending.borrow().get(&id).map(|p| p.on_progress.clone());
                if let Some(hear) = hear {
                    hear.emit(share);
                }
                return;
            }
            let Some(done) = inner.pending.borrow_mut().remove(&id) else { return };
            match field(&data, "error").as_string() {
                Some(error) => done.on_done.emit(Err(error)),
                None => done.on_done.emit(Ok(data)),
            }
        });
        let weak = Rc::downgrade(&self.0);
        let errors = EventListener::new(&worker, "error", move |e| {
            let why = e.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).filter(|m| !m.is_empty());
            if let Some(inner) = weak.upgrade() {
                Pool(inner).fail_all(&why.unwrap_or_else(|| "the worker could not be started".into()));
            }
        });
        Ok(Running { worker, _messages: messages, _errors: errors })
    }

    /// Every waiting job hears that it failed.
    fn fail_all(&self, why: &str) {
        let all = std::mem::take(&mut *self.0.pending.borrow_mut());
        for pending in all.into_values() {
            pending.on_done.emit(Err(why.to_string()));
        }
    }

    /// Gives the worker a job; its id, to cancel it by.
    pub fn run(
        &self,
        kind: Kind,
        scenario_json: &str,
        agents: &str,
        on_progress: Callback<f64>,
        on_done: Callback<Answer>,
    ) -> u32 {
        let id = self.0.next.get();
        self.0.next.set(id + 1);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str("id"), &JsValue::from(id));
        for (key, value) in [("job", kind.id()), ("scenario", scenario_json), ("agents", agents)] {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        if self.0.running.borrow().is_none() {
            self.restart();
        }
        let sent = self.0.running.borrow().as_ref().map(|r| r.worker.post_message(&message).map_err(describe));
        match sent {
            Some(Ok(())) => {
                self.0.pending.borrow_mut().insert(id, Pending { message, on_progress, on_done });
            }
            Some(Err(why)) => on_done.emit(Err(why)),
            None => on_done.emit(Err("the worker could not be started".into())),
        }
        id
    }

    /// Stops a job at once: the worker is ended and a new one started,
    /// given the other jobs still waiting. `false` if it had finished.
    pub fn cancel(&self, id: u32) -> bool {
        if self.0.pending.borrow_mut().remove(&id).is_none() {
            return false;
        }
        self.restart();
        true
    }
}

impl Drop for PoolInner {
    fn drop(&mut self) {
        drop(self.running.borrow_mut().take());
    }
}

/// A field of a job's answer.
pub fn field(answer: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(answer, &JsValue::from_str(name)).unwrap_or_default()
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the worker could not be started".into())
}

/// A component's worker job: whether one runs and how far it is, what
/// stopped the last one, and a way to start and to stop it.
#[derive(Clone)]
pub struct JobState {
    pool: Pool,
    progress: yew::UseStateHandle<Option<f64>>,
    stopped: yew::UseStateHandle<Option<String>>,
    job: Rc<Cell<Option<u32>>>,
}

/// The job state of a component, on the Fleet tab's worker.
#[yew::hook]
pub fn use_job() -> JobState {
    let pool = yew::use_context::<Pool>().unwrap_or_default();
    JobState {
        pool,
        progress: yew::use_state(|| None),
        stopped: yew::use_state(|| None),
        job: yew::use_memo((), |_| Cell::new(None)),
    }
}

impl JobState {
    /// Starts a job, stopping one of this component's already running;
    /// `on_done` hears its answer.
    pub fn start(&self, kind: Kind, scenario_json: &str, agents: &str, on_done: Callback<JsValue>) {
        if let Some(old) = self.job.take() {
            self.pool.cancel(old);
        }
        let (progress, stopped, job) = (self.progress.clone(), self.stopped.clone(), self.job.clone());
        let finished = Callback::from(move |answer: Answer| {
            job.set(None);
            progress.set(None);
            match answer {
                Ok(value) => on_done.emit(value),
                Err(why) => stopped.set(Some(format!("The job failed: {why}."))),
            }
        });
        let setter = self.progress.setter();
        let on_progress = Callback::from(move |share: f64| setter.set(Some(share)));
        self.stopped.set(None);
        self.progress.set(Some(0.0));
        let id = self.pool.run(kind, scenario_json, agents, on_progress, finished);
        // A job that failed at once has already been heard of.
        if self.pool.0.pending.borrow().contains_key(&id) {
            self.job.set(Some(id));
        }
    }

    /// Stops the running job, if one is.
    pub fn cancel(&self) {
        if let Some(id) = self.job.take() {
            if self.pool.cancel(id) {
                self.progress.set(None);
                self.stopped.set(Some("Stopped. Nothing was changed.".into()));
            }
        }
    }

    /// How far the running job is (0 to 1), if one runs.
    pub fn progress(&self) -> Option<f64> {
        *self.progress
    }

    /// The progress bar with its Cancel while a job runs, or what ended the
    /// last one. The bar shows after 100 ms (by style), so quick jobs never
    /// flash it.
    pub fn view(&self, label: &str, testid: &'static str) -> yew::Html {
        use yew::html;
        if let Some(share) = self.progress() {
            let this = self.clone();
            return crate::ui::reading::progress_bar(
                label,
                crate::ui::reading::thousandths(share),
                testid,
                Callback::from(move |_| this.cancel()),
            );
        }
        match &*self.stopped {
            Some(why) => {
                html! { <p class="notice" role="status" data-testid={format!("{testid}-stopped")}>{ why }</p> }
            }
            None => html! {},
        }
    }
}
