//! A large paste taken a slice at a time: copying a 5 MB paste into the
//! page's memory and reading its 100,000 lines each take a good part of a
//! second, and the page answers between slices instead of freezing for
//! all of it. Small lists are read at once, as before: they take less
//! time than a slice.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use gloo::timers::callback::Timeout;
use js_sys::JsString;
use wasm_bindgen::{JsCast, JsValue};
use yew::{hook, html, use_mut_ref, use_state, Callback, Html, UseStateHandle};

use crate::edit::list_text;
use crate::input::source_list::{LineReader, Numbering};
use crate::plan::ListReading;

/// How long one slice may hold the page's thread, in milliseconds: well
/// under the 50 ms a person notices as a stall.
const SLICE_MS: f64 = 12.0;
/// Lines read between two looks at the clock.
const LINES_PER_LOOK: usize = 500;
/// UTF-16 units of the pasted text copied between two looks at the clock.
const UNITS_PER_LOOK: u32 = 64 * 1024;
/// Pasted texts longer than this (in UTF-16 units) are copied in slices.
const COPY_IN_ONE: u32 = 256 * 1024;
/// The share of the progress bar given to copying; reading takes the rest.
const COPY_SHARE: f64 = 0.3;

/// A paste too large to take in one piece: the list's text before and
/// after the selection it replaces, and the pasted text, still in the
/// browser's own string.
#[derive(Clone, PartialEq)]
pub struct Pasted {
    pub before: String,
    pub text: JsString,
    pub after: String,
}

/// The text a paste event carries, left in the browser's string (a 5 MB
/// paste copied into the page's memory at once holds the page for tens of
/// milliseconds).
pub fn pasted_text(e: &web_sys::Event) -> Option<JsString> {
    let data = e.dyn_ref::<web_sys::ClipboardEvent>()?.clipboard_data()?;
    let get = js_sys::Reflect::get(&data, &JsValue::from_str("getData")).ok()?.dyn_into::<js_sys::Function>().ok()?;
    get.call1(&data, &JsValue::from_str("text/plain")).ok()?.dyn_into::<JsString>().ok()
}

/// Whether a pasted text is copied in slices rather than at once.
pub fn copied_in_slices(text: &JsString) -> bool {
    text.length() > COPY_IN_ONE
}

/// A paste too large for a text area (which would lay out every line), taken
/// from the event with what it replaces: the text before and after the
/// selection of `area`, or all of it for a read-only view (no area).
/// `None` leaves a small paste to the browser.
pub fn large_paste(e: &web_sys::Event, area: Option<&web_sys::HtmlTextAreaElement>) -> Option<Pasted> {
    let text = pasted_text(e)?;
    if area.is_some() && !copied_in_slices(&text) && !list_text::is_large(&text.as_string().unwrap_or_default()) {
        return None;
    }
    e.prevent_default();
    let (before, after) = match area {
        Some(a) => {
            let value = a.value();
            let (start, end) =
                (a.selection_start().ok().flatten().unwrap_or(0), a.selection_end().ok().flatten().unwrap_or(0));
            let (before, after) = list_text::around_utf16(&value, start, end);
            (before.to_string(), after.to_string())
        }
        None => (String::new(), String::new()),
    };
    Some(Pasted { before, text, after })
}

impl Pasted {
    /// The text after the paste, copied at once (for texts that are not a list).
    pub fn into_text(self) -> String {
        format!("{}{}{}", self.before, self.text.as_string().unwrap_or_default(), self.after)
    }
}

/// Where a reading under way is.
enum Stage {
    /// Copying the pasted text into the page's memory.
    Copying { pasted: JsString, at: u32, text: String, after: String },
    /// Reading its lines.
    Reading { text: Arc<str>, reader: LineReader },
    /// All lines read: the reading is put together in a slice of its own.
    Read { text: Arc<str>, reader: LineReader },
    /// Put together: handed to the page (which traces and draws it) in a
    /// slice of its own.
    Ready(Arc<ListReading>),
}

/// The page's reading of its pasted list.
#[derive(Clone)]
pub struct Reading {
    /// Thousandths done while a reading is under way (whole numbers: no
    /// float formatting in the page's wasm).
    progress: UseStateHandle<Option<u32>>,
    stage: Rc<RefCell<Option<Stage>>>,
    next: Rc<RefCell<Option<Timeout>>>,
    on_read: Callback<Arc<ListReading>>,
    on_small: Callback<String>,
}

/// `on_small` takes a list small enough to read at once; `on_read` the
/// reading of a large one, once all its slices are read.
#[hook]
pub fn use_reading(on_small: Callback<String>, on_read: Callback<Arc<ListReading>>) -> Reading {
    Reading { progress: use_state(|| None), stage: use_mut_ref(|| None), next: use_mut_ref(|| None), on_read, on_small }
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Reading {
    /// The list's new text: read now if small, else a slice at a time.
    pub fn read(&self, text: String) {
        self.stop();
        if !list_text::is_large(&text) {
            self.on_small.emit(text);
            return;
        }
        self.start(Stage::Reading { reader: LineReader::new(&text).checking(Numbering::Lines), text: text.into() });
    }

    /// A paste: copied and read a slice at a time when large.
    pub fn paste(&self, pasted: Pasted) {
        if !copied_in_slices(&pasted.text) {
            self.read(pasted.into_text());
            return;
        }
        self.stop();
        let mut text = String::with_capacity(pasted.before.len() + pasted.text.length() as usize + pasted.after.len());
        text.push_str(&pasted.before);
        self.start(Stage::Copying { pasted: pasted.text, at: 0, text, after: pasted.after });
    }

    fn start(&self, stage: Stage) {
        *self.stage.borrow_mut() = Some(stage);
        self.progress.set(Some(0));
        self.schedule();
    }

    /// Stops a reading under way; the list stays as it was.
    pub fn stop(&self) {
        self.next.borrow_mut().take();
        if self.stage.borrow_mut().take().is_some() {
            self.progress.set(None);
        }
    }

    fn schedule(&self) {
        let this = self.clone();
        *self.next.borrow_mut() = Some(Timeout::new(0, move || this.slice()));
    }

    /// Works for one slice's time; hands the reading on when it is whole.
    fn slice(&self) {
        let started = now();
        let mut slot = self.stage.borrow_mut();
        let Some(stage) = slot.take() else { return };
        let (stage, share) = match stage {
            Stage::Copying { pasted, mut at, mut text, after } => {
                let len = pasted.length();
                while at < len && now() - started < SLICE_MS {
                    at = copy_some(&pasted, at, &mut text);
                }
                if at < len {
                    let share = COPY_SHARE * f64::from(at) / f64::from(len.max(1));
                    (Stage::Copying { pasted, at, text, after }, share)
                } else {
                    text.push_str(&after);
                    let reader = LineReader::new(&text).checking(Numbering::Lines);
                    (Stage::Reading { text: text.into(), reader }, COPY_SHARE)
                }
            }
            Stage::Reading { text, mut reader } => {
                let mut done = false;
                while !done && now() - started < SLICE_MS {
                    done = reader.read(&text, LINES_PER_LOOK);
                }
                let share = reader.bytes_read() as f64 / text.len().max(1) as f64;
                let share = COPY_SHARE + (1.0 - COPY_SHARE) * share;
                if done {
                    (Stage::Read { text, reader }, share)
                } else {
                    (Stage::Reading { text, reader }, share)
                }
            }
            Stage::Read { text, reader } => {
                let (parsed, checked) = reader.finish_checked();
                (Stage::Ready(Arc::new(ListReading::of_read(text, parsed, checked))), 1.0)
            }
            Stage::Ready(reading) => {
                drop(slot);
                self.progress.set(None);
                self.on_read.emit(reading);
                return;
            }
        };
        *slot = Some(stage);
        drop(slot);
        self.progress.set(Some(thousandths(share)));
        self.schedule();
    }

    /// How far the reading is, with a Cancel, while one is under way.
    pub fn view(&self) -> Html {
        let Some(done) = *self.progress else { return html! {} };
        let this = self.clone();
        progress_bar("Reading the pasted list", done, "list-reading", Callback::from(move |_| this.stop()))
    }
}

/// A share (0 to 1) in thousandths.
pub fn thousandths(share: f64) -> u32 {
    // `as` saturates (and takes NaN to 0); `clamp` would bring float
    // formatting into the page's wasm for its panic message.
    ((share * 1000.0).round() as u32).min(1000)
}

/// A progress bar with a Cancel, for work that runs a while. It shows
/// only once the work has run 100 ms (by style), so quick work never
/// flashes it. Whole percents: float formatting would cost the page's
/// wasm 9 KB.
pub fn progress_bar(label: &str, thousandths: u32, testid: &'static str, on_cancel: Callback<yew::MouseEvent>) -> Html {
    let percent = thousandths.min(1000) / 10;
    html! {
        <div class="running" role="status" data-testid={testid}>
            <label>{ format!("{label}… ") }<progress max="100" value={percent.to_string()}>{ format!("{percent} %") }</progress></label>
            { " " }<button type="button" class="small" data-testid={format!("{testid}-cancel")} onclick={on_cancel}>{ "Cancel" }</button>
        </div>
    }
}

/// Copies the next part of `pasted` from `at` (UTF-16 units) into `text`;
/// the new `at`. A part never ends inside a surrogate pair.
fn copy_some(pasted: &JsString, at: u32, text: &mut String) -> u32 {
    let len = pasted.length();
    let mut end = at.saturating_add(UNITS_PER_LOOK).min(len);
    if end < len && (0xD800..=0xDBFF).contains(&(pasted.char_code_at(end - 1) as u32)) {
        end -= 1;
    }
    if let Some(part) = pasted.slice(at, end).as_string() {
        text.push_str(&part);
    }
    end
}

/// Bytes of a pasted list escaped into the saved JSON between two looks
/// at the clock.
const BYTES_PER_LOOK: usize = 256 * 1024;

/// The scenario's JSON, then `done` with it: written at once for a small
/// list, a slice at a time (in tasks of their own, through `slot`) when the
/// pasted list is large. A new call through the same slot stops the last.
pub fn json_in_slices(
    scenario: &crate::format::scenario::Scenario,
    slot: Rc<RefCell<Option<Timeout>>>,
    done: impl FnOnce(String) + 'static,
) {
    match scenario.to_json_around_list() {
        Some((json, list, after)) if list_text::is_large(&list) => {
            let writer = JsonWriter { json, list, at: 0, after, done: Box::new(done) };
            writer.schedule(slot);
        }
        _ => {
            slot.borrow_mut().take();
            done(scenario.to_json());
        }
    }
}

struct JsonWriter {
    json: String,
    list: Arc<str>,
    at: usize,
    after: String,
    done: Box<dyn FnOnce(String)>,
}

impl JsonWriter {
    fn schedule(self, slot: Rc<RefCell<Option<Timeout>>>) {
        let next = slot.clone();
        *slot.borrow_mut() = Some(Timeout::new(0, move || self.slice(next)));
    }

    fn slice(mut self, slot: Rc<RefCell<Option<Timeout>>>) {
        let started = now();
        while self.at < self.list.len() && now() - started < SLICE_MS {
            let mut end = (self.at + BYTES_PER_LOOK).min(self.list.len());
            while !self.list.is_char_boundary(end) {
                end -= 1;
            }
            // Escaping is per character, so the parts escaped one by one are
            // the whole escaped at once.
            let part = self.list.get(self.at..end).unwrap_or_default();
            let escaped = serde_json::to_string_pretty(part).unwrap_or_default();
            self.json.push_str(escaped.get(1..escaped.len().saturating_sub(1)).unwrap_or_default());
            self.at = end;
        }
        if self.at < self.list.len() {
            self.schedule(slot);
            return;
        }
        let JsonWriter { mut json, after, done, .. } = self;
        json.push_str(&after);
        done(json);
    }
}
