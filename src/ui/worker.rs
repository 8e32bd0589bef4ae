//! The Fleet tab's long jobs, run in the page's worker (`src/bin/worker.rs`
//! behind `www/worker/worker.js`) so the page answers while they run. Each
//! job has a worker of its own, loaded when the job starts: stopping a job
//! ends its worker, and no late answer of a stopped job can arrive.

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

/// A running job. Dropping it stops the job.
pub struct Job {
    worker: web_sys::Worker,
    _messages: EventListener,
    _errors: EventListener,
}

impl Job {
    /// Starts `kind` for the scenario (JSON) and the agents typed.
    /// `on_progress` hears the share done (0 to 1); `on_done` the answer.
    pub fn start(
        kind: Kind,
        scenario_json: &str,
        agents: &str,
        on_progress: Callback<f64>,
        on_done: Callback<Answer>,
    ) -> Result<Job, String> {
        let base = gloo::utils::document().base_uri().ok().flatten().unwrap_or_default();
        let url = web_sys::Url::new_with_base(SCRIPT, &base).map_err(describe)?.href();
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&url, &options).map_err(describe)?;
        let done = on_done.clone();
        let messages = EventListener::new(&worker, "message", move |e| {
            let Some(data) = e.dyn_ref::<web_sys::MessageEvent>().map(web_sys::MessageEvent::data) else { return };
            let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).unwrap_or_default();
            if let Some(share) = field("progress").as_f64() {
                on_progress.emit(share);
            } else if let Some(error) = field("error").as_string() {
                done.emit(Err(error));
            } else {
                done.emit(Ok(data));
            }
        });
        let errors = EventListener::new(&worker, "error", move |e| {
            let why = e.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).filter(|m| !m.is_empty());
            on_done.emit(Err(why.unwrap_or_else(|| "the worker could not be started".into())));
        });
        let message = js_sys::Object::new();
        for (key, value) in [("id", "1"), ("job", kind.id()), ("scenario", scenario_json), ("agents", agents)] {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        worker.post_message(&message).map_err(describe)?;
        Ok(Job { worker, _messages: messages, _errors: errors })
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.terminate();
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
    progress: yew::UseStateHandle<Option<f64>>,
    stopped: yew::UseStateHandle<Option<String>>,
    job: std::rc::Rc<std::cell::RefCell<Option<Job>>>,
}

/// The job state of a component.
#[yew::hook]
pub fn use_job() -> JobState {
    JobState { progress: yew::use_state(|| None), stopped: yew::use_state(|| None), job: yew::use_mut_ref(|| None) }
}

impl JobState {
    /// Starts a job, stopping one already running; `on_done` hears its answer.
    pub fn start(&self, kind: Kind, scenario_json: &str, agents: &str, on_done: Callback<JsValue>) {
        let this = self.clone();
        let progress = self.progress.setter();
        let finished = Callback::from(move |answer: Answer| {
            // The job's own listener is running: end the worker after it returns.
            let job = this.job.borrow_mut().take();
            gloo::timers::callback::Timeout::new(0, move || drop(job)).forget();
            this.progress.set(None);
            match answer {
                Ok(value) => on_done.emit(value),
                Err(why) => this.stopped.set(Some(format!("The job failed: {why}."))),
            }
        });
        let on_progress = Callback::from(move |share: f64| progress.set(Some(share)));
        drop(self.job.borrow_mut().take());
        self.stopped.set(None);
        match Job::start(kind, scenario_json, agents, on_progress, finished) {
            Ok(job) => {
                *self.job.borrow_mut() = Some(job);
                self.progress.set(Some(0.0));
            }
            Err(why) => self.stopped.set(Some(format!("The job could not start: {why}."))),
        }
    }

    /// Stops the running job, if one is.
    pub fn cancel(&self) {
        if self.job.borrow_mut().take().is_some() {
            self.progress.set(None);
            self.stopped.set(Some("Stopped. Nothing was changed.".into()));
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
