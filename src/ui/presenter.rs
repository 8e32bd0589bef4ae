//! Presenter mode: the trace told to a room one step at a time. The whole
//! window holds the title, the outcome cards told so far, the picture of
//! the current step's item as large as the screen allows (drawn by the
//! core as of that step: nothing later shows), and the current step in
//! large type, never cut. It is part of the on-demand bundle (the page's
//! first load carries none of it) and keeps its own place in the trace:
//! →, Space and PageDown go on; ←, PageUp back; Home, End; Esc leaves.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::diagram::{self, Frame, Scale, Style};
use crate::format::scenario::Scenario;
use crate::model::item::Item;
use crate::trace::Trace;
use crate::ui::state::Shared;
use crate::ui::trace_view::{step_view, StepProps};

#[derive(Properties, PartialEq)]
pub struct PresenterProps {
    pub scenario: Scenario,
    pub trace: Shared<Trace>,
    /// Leaves presenter mode.
    pub on_exit: Callback<()>,
    /// What the agent box says: its addresses.
    pub agent: Rc<Vec<String>>,
}

#[function_component(Presenter)]
pub fn presenter(p: &PresenterProps) -> Html {
    let trace = &p.trace;
    let total = trace.steps.len();
    let current = use_state(|| 0usize);
    let at = (*current).min(total.saturating_sub(1));
    let step_by = {
        let current = current.clone();
        Callback::from(move |delta: isize| {
            let last = total.saturating_sub(1);
            current.set(at.saturating_add_signed(delta).min(last));
        })
    };
    {
        let (step_by, exit) = (step_by.clone(), p.on_exit.clone());
        use_effect_with(at, move |_| {
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let keys = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
                let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if k.ctrl_key() || k.meta_key() || k.alt_key() || crate::ui::typing_in_a_field(k) {
                    return;
                }
                match k.key().as_str() {
                    "ArrowRight" | "ArrowDown" | "PageDown" | " " => step_by.emit(1),
                    "ArrowLeft" | "ArrowUp" | "PageUp" => step_by.emit(-1),
                    "Home" => step_by.emit(isize::MIN),
                    "End" => step_by.emit(isize::MAX),
                    "Escape" => exit.emit(()),
                    _ => return,
                }
                k.prevent_default();
            });
            move || drop(keys)
        });
    }
    let step = trace.steps.get(at);
    let n = step.map_or(0, crate::trace::Step::n);
    // The picture of the item the step is about; before any item's step,
    // the first item's, with only the agent in it yet.
    let item = trace.steps.iter().skip(at).find_map(crate::trace::Step::item).or(trace.outcome.keys().next().copied());
    let svg = use_memo((p.trace.clone(), p.agent.clone(), item, n), |(trace, agent, item, n)| {
        let frame = Frame { scale: Scale::Room, until: Some(*n) };
        diagram::framed(trace, agent, *item, Style::Page, frame)
            .into_iter()
            .next()
            .map(|(_, svg)| svg)
            .unwrap_or_default()
    });
    let s = &p.scenario;
    html! {
        <main class="presenter" data-testid="presenter-view">
            <header class="presenter-head">
                <div class="presenter-title">
                    <h1>{ s.title.clone().unwrap_or_else(|| "Update Source Planner".into()) }</h1>
                    <p>{ format!("{} · {} {}", s.profile.product(), s.profile.agent_name(), s.agent.addresses.join(", ")) }
                        if !s.world.down.is_empty() { { format!(" · down: {}", crate::vocabulary::down_list(s.profile, &s.world.down)) } }
                    </p>
                </div>
                <div class="presenter-bar" role="toolbar" aria-label="Presenter">
                    <button type="button" disabled={at == 0} onclick={step_by.reform(|_| -1)}>{ "← Previous" }</button>
                    <span aria-live="polite">{ format!("Step {} of {total}", at + 1) }</span>
                    <button type="button" disabled={at + 1 >= total} onclick={step_by.reform(|_| 1)}>{ "Next →" }</button>
                    <button type="button" onclick={p.on_exit.reform(|_| ())}>{ "Exit" }</button>
                </div>
            </header>
            <div class="outcome presenter-outcome" aria-label="Outcome per item, as told so far">
                { for trace.outcome.keys().map(|item| told_card(*item, trace, trace.concluded_at(*item) <= n)) }
                if when_told(trace, n) { { crate::ui::trace_view::when_view(trace) } }
            </div>
            <figure class="presenter-picture" data-testid="diagram">
                { Html::from_html_unchecked(AttrValue::from((*svg).clone())) }
            </figure>
            <ol data-testid="trace" class="steps presenting" start={n.to_string()}>
                if let Some(step) = step {
                    { step_view(&StepProps { step: step.clone(), profile: trace.profile, changed: false, current: true, later: false, highlighted: true,
                        on_hover: Callback::noop(), on_toggle_down: None, on_goto: Callback::noop() }) }
                }
            </ol>
        </main>
    }
}

/// Whether the room has been told when the update starts: the steps of
/// the notifications and of what follows them (TL1, TL2, LOC1, IND1).
fn when_told(trace: &Trace, n: usize) -> bool {
    use crate::model::rules::Rule;
    let last = trace.steps.iter().filter(|s| matches!(s.rule(), Rule::TL1 | Rule::TL2 | Rule::LOC1 | Rule::IND1));
    last.map(crate::trace::Step::n).max().is_some_and(|k| k <= n)
}

/// An item's card: its outcome once told, else that it is still to come.
fn told_card(item: Item, trace: &Trace, told: bool) -> Html {
    let status = trace.outcome.get(&item).map_or("not-asked", |o| o.status().id());
    let (class, words) =
        if told { (status, trace.answer_words(item)) } else { ("untold", "still to be told".to_string()) };
    html! {
        <div class={classes!("card", class)} data-testid={format!("outcome-{}", item.id())} data-told={told.to_string()}>
            <span class="item">{ item.words() }</span>
            <span class="status">{ words }</span>
        </div>
    }
}
