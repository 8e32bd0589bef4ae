//! Writing a lesson without writing JSON: the page's scenario added as a
//! step, each step's question picked and its goals typed, steps reordered,
//! the lesson played, saved as a file or copied as a link. The draft is
//! kept in this browser as the author types (nothing is lost to a reload),
//! and every problem is said in the words `planner lesson check` uses. Part
//! of the on-demand bundle.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::format::scenario::Scenario;
use crate::lesson::{self, Draft, DraftStep, DraftTask, Edit, GoalDraft, GoalEdit, Kind, TestKind};
use crate::model::item::Item;
use crate::model::profile::Profile;
use crate::ui::state::Shared;
use crate::vocabulary;

const SAVED: &str = "update-source-planner.lesson-draft";

/// The draft as the editor holds it, and a lesson offered in its place
/// while the author decides whether to replace it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drafting {
    pub draft: Draft,
    pub offered: Option<Draft>,
    /// The link made for the draft, once asked for.
    pub link: Option<String>,
    /// "Start a new lesson" was pressed: the draft goes only when confirmed.
    pub discarding: bool,
}

pub enum DraftAction {
    Edit(Edit),
    /// A lesson to edit: taken at once when the draft is empty or the same,
    /// else offered until the author replaces or keeps the draft.
    Offer(Draft),
    Replace,
    Keep,
    Link,
    /// Asks to start a new lesson; `Discard` confirms, `Keep` takes it back.
    AskDiscard,
    Discard,
}

impl Reducible for Drafting {
    type Action = DraftAction;

    fn reduce(self: Rc<Self>, action: DraftAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            DraftAction::Edit(e) => {
                next.draft.apply(e);
                next.link = None;
            }
            DraftAction::Offer(d) if next.draft.steps.is_empty() || next.draft == d => {
                next = Drafting { draft: d, ..Drafting::default() }
            }
            DraftAction::Offer(d) => next.offered = Some(d),
            DraftAction::Replace => {
                if let Some(d) = next.offered.take() {
                    next = Drafting { draft: d, ..Drafting::default() };
                }
            }
            DraftAction::Keep => (next.offered, next.discarding) = (None, false),
            DraftAction::AskDiscard => next.discarding = true,
            DraftAction::Link => {
                let link = format!("{}#{}", crate::ui::browser::base_url(), {
                    let json = next.draft.to_json();
                    lesson::link(&json, lesson::seed_of(&json))
                });
                crate::ui::browser::copy(&link);
                next.link = Some(link);
            }
            DraftAction::Discard => next = Drafting::default(),
        }
        Rc::new(next)
    }
}

impl Drafting {
    /// The draft this browser kept, if any.
    pub fn load() -> Drafting {
        let kept = crate::ui::browser::stored(SAVED).and_then(|text| Draft::read(&text).ok());
        Drafting { draft: kept.unwrap_or_default(), ..Drafting::default() }
    }

    /// Keeps the draft in this browser (an empty one is forgotten).
    pub fn save(&self) {
        let text =
            if self.draft.steps.is_empty() && self.draft.title.is_empty() { None } else { Some(self.draft.to_json()) };
        crate::ui::browser::store(SAVED, text.as_deref());
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct EditorProps {
    pub drafting: UseReducerHandle<Drafting>,
    /// The page's scenario as it is now: what "add" and "use" take.
    pub scenario: Shared<Scenario>,
    /// Shows a step's scenario in the page.
    pub on_show: Callback<Scenario>,
    /// Plays the draft: its lesson file.
    pub on_play: Callback<Rc<str>>,
}

/// The draft written out and checked as `planner lesson check` would, and
/// each predict step's answer as the planner works it out.
struct Checked {
    written: String,
    problems: Vec<String>,
    playable: bool,
    answers: Vec<Option<String>>,
}

impl Checked {
    fn of(draft: &Draft) -> Checked {
        let written = draft.to_json();
        let read = lesson::read(&written);
        let problems = match &read {
            Err(e) => vec![format!("{}.", capital(&e.message))],
            Ok(l) => lesson::check(l).into_iter().map(|b| format!("Step {}: {}.", b.step, b.reason)).collect(),
        };
        let answers = draft
            .steps
            .iter()
            .map(|s| {
                let DraftTask::Predict(q) = &s.task else { return None };
                let sc = Scenario::from_json(&s.scenario.to_string()).ok()?;
                Some(match lesson::answer(&sc, q) {
                    Ok(a) => format!("The answer, worked out now: {}.", lesson::answer_words(&sc, &a)),
                    Err(e) => format!("No single answer: {e}."),
                })
            })
            .collect();
        // A lesson `planner lesson check` refuses is not played, here as anywhere.
        let playable = read.is_ok() && problems.is_empty();
        Checked { written, problems, playable, answers }
    }
}

/// The page's scenario as the format's JSON, what a step holds.
fn page_json(scenario: &Scenario) -> Value {
    serde_json::from_str(&scenario.to_json()).unwrap_or(Value::Null)
}

#[function_component(LessonEditor)]
pub fn lesson_editor(p: &EditorProps) -> Html {
    let d = p.drafting.clone();
    {
        let d = d.clone();
        use_effect_with(d.draft.clone(), move |_| d.save());
    }
    let edit = |make: fn(String) -> Edit| {
        let d = d.clone();
        Callback::from(move |e: InputEvent| d.dispatch(DraftAction::Edit(make(value_of(&e)))))
    };
    let add = {
        let (d, page) = (d.clone(), p.scenario.clone());
        Callback::from(move |_: MouseEvent| d.dispatch(DraftAction::Edit(Edit::Add(page_json(&page)))))
    };
    // Checked once a change, not at every render: a build step's solution
    // is decided over every address of its goals' ranges.
    let checked = use_memo(d.draft.clone(), Checked::of);
    let (written, problems, playable) = (checked.written.clone(), &checked.problems, checked.playable);
    let play = {
        let (on_play, text) = (p.on_play.clone(), Rc::<str>::from(written.as_str()));
        Callback::from(move |_: MouseEvent| on_play.emit(text.clone()))
    };
    let save = {
        let (text, title) = (written.clone(), d.draft.title.clone());
        Callback::from(move |_: MouseEvent| {
            let stem = crate::format::scenario::file_stem(Some(&title)).unwrap_or_else(|| "lesson".into());
            crate::ui::browser::download(&format!("{stem}.lesson.json"), "application/json", &text);
        })
    };
    let n = d.draft.steps.len();
    html! {
        <section class="lesson-editor" aria-labelledby="editor-title" data-testid="lesson-editor">
            <h2 id="editor-title">{ "Write a lesson" }</h2>
            if let Some(offered) = &d.offered {
                <div class="notice" role="alert" data-testid="lesson-replace">
                    <p>{ format!("Editing \"{}\" replaces your draft \"{}\" ({} steps). Save your draft first if you want to keep it.",
                        offered.title, d.draft.title, n) }</p>
                    <button type="button" data-testid="lesson-replace-yes" onclick={send(&d).reform(|_| DraftAction::Replace)}>{ "Replace my draft" }</button>
                    <button type="button" onclick={send(&d).reform(|_| DraftAction::Keep)}>{ "Keep my draft" }</button>
                </div>
            }
            <p class="help">{ "Set up a scenario in the page, then add it as a step. Every answer is worked out by the planner when the lesson is played; the draft is kept in this browser as you type." }</p>
            <div class="field">
                <label for="draft-title">{ "Lesson title" }</label>
                <input id="draft-title" type="text" value={d.draft.title.clone()} oninput={edit(Edit::Title)} data-testid="draft-title" />
            </div>
            <div class="field">
                <label for="draft-intro">{ "Introduction" }</label>
                <textarea id="draft-intro" rows="2" value={d.draft.introduction.clone()} oninput={edit(Edit::Introduction)} />
            </div>
            <ol class="draft-steps" data-testid="draft-steps">
                { for d.draft.steps.iter().enumerate().map(|(i, s)| {
                    let before = i.checked_sub(1).and_then(|b| d.draft.steps.get(b)).map(|b| &b.scenario);
                    step(&d, p, (i, n), before, s, checked.answers.get(i).cloned().flatten())
                }) }
            </ol>
            <div class="lesson-actions">
                <button type="button" data-testid="draft-add" onclick={add}>{ "Add the page's scenario as a step" }</button>
            </div>
            if n > 0 {
                <div role="status" data-testid="draft-problems">
                    if problems.is_empty() {
                        <p class="draft-ok"><span class="mark ok" aria-hidden="true">{ "✓" }</span>{ format!(" Ready to play: {n} {}, every question with one answer, every solution kept meeting its goals.", if n == 1 { "step" } else { "steps" }) }</p>
                    } else {
                        <ul class="draft-problems">
                            { for problems.iter().map(|m| html! { <li><span class="mark bad" aria-hidden="true">{ "✗" }</span>{ " " }{ m }</li> }) }
                        </ul>
                    }
                </div>
                <div class="lesson-actions">
                    <button type="button" data-testid="draft-play" disabled={!playable} onclick={play}>{ "Play this lesson" }</button>
                    <button type="button" data-testid="draft-save" onclick={save}>{ "Save as a file" }</button>
                    <button type="button" data-testid="draft-link" onclick={send(&d).reform(|_| DraftAction::Link)}>{ "Copy a link to this lesson" }</button>
                    <button type="button" data-testid="draft-discard" onclick={send(&d).reform(|_| DraftAction::AskDiscard)}>{ "Start a new lesson" }</button>
                </div>
                if d.discarding {
                    <div class="notice" role="alert">
                        <p>{ format!("This draft ({n} {}) is kept nowhere else: save it as a file or a link first if you want it later.", if n == 1 { "step" } else { "steps" }) }</p>
                        <button type="button" data-testid="draft-discard-yes" onclick={send(&d).reform(|_| DraftAction::Discard)}>{ "Discard it" }</button>
                        <button type="button" onclick={send(&d).reform(|_| DraftAction::Keep)}>{ "Keep it" }</button>
                    </div>
                }
                if let Some(link) = &d.link {
                    <p class="lesson-link">
                        <label for="draft-link">{ "Link to this lesson (copied): " }</label>
                        <input id="draft-link" type="text" readonly=true value={link.clone()} data-testid="draft-link-text" />
                    </p>
                }
            }
        </section>
    }
}

/// The editor's actions as a callback, for the elements' events.
fn send(d: &UseReducerHandle<Drafting>) -> Callback<DraftAction> {
    let d = d.dispatcher();
    Callback::from(move |a| d.dispatch(a))
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn value_of(e: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|_| t.dyn_into::<web_sys::HtmlTextAreaElement>().map(|a| a.value()))
                .ok()
        })
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

/// What a step's scenario is, in a line: the first step's, the product,
/// the agent, the list, what is down; a later step's, what differs from
/// the step before it.
fn summary(i: usize, before: Option<&Value>, now: &Value, scenario: &Result<Scenario, String>) -> String {
    match (scenario, before) {
        (Err(e), _) => format!("Its scenario cannot be read: {e}"),
        (Ok(_), Some(before)) => {
            let changes = lesson::draft::changes(before, now);
            if changes.is_empty() {
                format!("The same scenario as step {i}.")
            } else {
                format!("Changed from step {i}: {}.", changes.join("; "))
            }
        }
        (Ok(s), None) => {
            let entries = crate::plan::prepare(s, None).entries().len();
            let agent = s.agent.addresses.join(", ");
            let mut line = format!(
                "{}; agent {}; {entries} {} in the list",
                s.profile.product(),
                if agent.is_empty() { "without an address".into() } else { agent },
                if entries == 1 { "entry" } else { "entries" }
            );
            if !s.world.down.is_empty() {
                line.push_str(&format!("; down: {}", vocabulary::down_list(s.profile, &s.world.down)));
            }
            line
        }
    }
}

/// One step of the draft: its heading, its question, and its place.
fn step(
    d: &UseReducerHandle<Drafting>,
    p: &EditorProps,
    (i, n): (usize, usize),
    before: Option<&Value>,
    s: &DraftStep,
    answer: Option<String>,
) -> Html {
    let scenario = Scenario::from_json(&s.scenario.to_string()).map_err(|e| e.message());
    let act = |e: Edit| send(d).reform(move |_: MouseEvent| DraftAction::Edit(e.clone()));
    let text = |make: fn(usize, String) -> Edit| {
        let d = d.clone();
        Callback::from(move |e: InputEvent| d.dispatch(DraftAction::Edit(make(i, value_of(&e)))))
    };
    let kind = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let k = Kind::ALL.into_iter().find(|k| format!("{k:?}") == select_value(&e));
            if let Some(k) = k {
                d.dispatch(DraftAction::Edit(Edit::Kind(i, k)));
            }
        })
    };
    let show = {
        let (on_show, sc) = (p.on_show.clone(), scenario.clone().ok());
        Callback::from(move |_: MouseEvent| {
            if let Some(sc) = &sc {
                on_show.emit(sc.clone());
            }
        })
    };
    let here = |id: &str| format!("draft-{i}-{id}");
    let task = match &s.task {
        DraftTask::Predict(q) => {
            html! {
                <>
                    { item_select(d, &here("item"), "About", q.item, move |item| Edit::Item(i, item)) }
                    if let Some(a) = answer { <p class="help" data-testid={here("answer")}>{ a }</p> }
                </>
            }
        }
        DraftTask::Explain(e) => html! {
            <>
                <div class="field"><label for={here("question")}>{ "Question for the room" }</label>
                    <textarea id={here("question")} rows="2" value={e.question.clone()} oninput={text(Edit::Words)} /></div>
                <div class="field"><label for={here("notes")}>{ "Notes for the trainer" }</label>
                    <textarea id={here("notes")} rows="2" value={e.notes.clone()} oninput={text(Edit::Notes)} /></div>
            </>
        },
        DraftTask::Build(b) => {
            let choices = scenario.as_ref().map(lesson::choices).unwrap_or_default();
            let profile = scenario.as_ref().map(|s| s.profile).unwrap_or_default();
            let use_page = {
                let (d, page) = (d.clone(), p.scenario.clone());
                Callback::from(move |_: MouseEvent| {
                    d.dispatch(DraftAction::Edit(Edit::Solution(i, Some(page_json(&page)))))
                })
            };
            html! {
                <>
                    <div class="field"><label for={here("goal")}>{ "The goal in words" }</label>
                        <textarea id={here("goal")} rows="2" value={b.goal.clone()} oninput={text(Edit::Words)} data-testid={here("goal")} /></div>
                    <datalist id={here("sources")} data-testid={here("sources")}>
                        { for choices.iter().map(|c| html! { <option value={vocabulary::label(profile, c)} /> }) }
                    </datalist>
                    <ul class="draft-goals">
                        { for b.checks.iter().enumerate().map(|(j, g)| goal(d, (i, j), profile, g, &here("sources"))) }
                    </ul>
                    <div class="lesson-actions">
                        <button type="button" data-testid={here("add-goal")} onclick={act(Edit::AddGoal(i))}>{ "Check one more goal" }</button>
                        <button type="button" data-testid={here("solution")} onclick={use_page}>{ "Use the page's scenario as the solution" }</button>
                        if b.solution.is_some() {
                            <button type="button" onclick={act(Edit::Solution(i, None))}>{ "Remove the solution" }</button>
                        }
                    </div>
                    <p class="help">{ if b.solution.is_some() { "A solution is kept: it is checked against the goals, and trainees may be shown it." } else { "No solution kept: trainees cannot be shown one." } }</p>
                </>
            }
        }
    };
    html! {
        <li class="draft-step" data-testid={format!("draft-step-{i}")}>
            <div class="draft-step-head">
                <div class="field"><label for={here("kind")}>{ format!("Step {}", i + 1) }</label>
                    <select id={here("kind")} onchange={kind} data-testid={here("kind")}>
                        { for Kind::ALL.iter().map(|k| html! { <option value={format!("{k:?}")} selected={*k == s.kind()}>{ k.words() }</option> }) }
                    </select></div>
                <div class="field"><label for={here("title")}>{ "Heading" }</label>
                    <input id={here("title")} type="text" value={s.title.clone()} oninput={text(Edit::StepTitle)} data-testid={here("title")} /></div>
            </div>
            <p class="help draft-scenario" data-testid={here("summary")}>{ summary(i, before, &s.scenario, &scenario) }</p>
            { task }
            <div class="lesson-actions draft-step-actions">
                <button type="button" onclick={show} data-testid={here("show")}>{ "Show in the page" }</button>
                <button type="button" data-testid={here("use")} onclick={{
                    let (d, page) = (d.clone(), p.scenario.clone());
                    Callback::from(move |_: MouseEvent| d.dispatch(DraftAction::Edit(Edit::Scenario(i, page_json(&page)))))
                }}>{ "Use the page's scenario" }</button>
                <button type="button" disabled={i == 0} onclick={act(Edit::Shift(i, true))} data-testid={here("up")}
                    aria-label={format!("Move up, step {}", i + 1)}>{ "Move up" }</button>
                <button type="button" disabled={i + 1 >= n} onclick={act(Edit::Shift(i, false))} data-testid={here("down")}
                    aria-label={format!("Move down, step {}", i + 1)}>{ "Move down" }</button>
                <button type="button" onclick={act(Edit::Remove(i))} data-testid={here("remove")}
                    aria-label={format!("Remove, step {}", i + 1)}>{ "Remove" }</button>
            </div>
        </li>
    }
}

/// A select of the items, for a prediction or a goal.
fn item_select(
    d: &UseReducerHandle<Drafting>,
    id: &str,
    label: &str,
    now: Item,
    make: impl Fn(Item) -> Edit + 'static,
) -> Html {
    let d = d.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(item) = Item::from_id(&select_value(&e)) {
            d.dispatch(DraftAction::Edit(make(item)));
        }
    });
    html! {
        <div class="field"><label for={id.to_string()}>{ label }</label>
            <select id={id.to_string()} {onchange}>
                { for Item::ALL.iter().map(|it| html! { <option value={it.id()} selected={*it == now}>{ it.words() }</option> }) }
            </select></div>
    }
}

/// One goal's fields: every agent in the range, for the item, tries first /
/// gets it from / never tries the source, with these down.
fn goal(
    d: &UseReducerHandle<Drafting>,
    (i, j): (usize, usize),
    profile: Profile,
    g: &GoalDraft,
    sources: &str,
) -> Html {
    let id = |f: &str| format!("draft-{i}-goal-{j}-{f}");
    let field = |make: fn(String) -> GoalEdit| {
        let d = d.clone();
        Callback::from(move |e: InputEvent| d.dispatch(DraftAction::Edit(Edit::Goal(i, j, make(value_of(&e))))))
    };
    let test = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(t) = TestKind::ALL.into_iter().find(|t| format!("{t:?}") == select_value(&e)) {
                d.dispatch(DraftAction::Edit(Edit::Goal(i, j, GoalEdit::Test(t))));
            }
        })
    };
    let down = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let v = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value());
            d.dispatch(DraftAction::Edit(Edit::Goal(i, j, GoalEdit::Down(v.unwrap_or_default()))));
        })
    };
    // What is down, in the console's words; typed in them too.
    let down_words =
        g.down.iter().map(|s| vocabulary::label(profile, &vocabulary::read(s))).collect::<Vec<_>>().join(", ");
    html! {
        <li class="draft-goal" data-testid={id("row")}>
            <div class="field"><label for={id("range")}>{ "Every agent in" }</label>
                <input id={id("range")} type="text" placeholder="10.2.0.0/16" value={g.range.clone()} oninput={field(GoalEdit::Range)} data-testid={id("range")} /></div>
            { item_select(d, &id("item"), "for", g.item, move |item| Edit::Goal(i, j, GoalEdit::Item(item))) }
            <div class="field"><label for={id("test")}>{ "must" }</label>
                <select id={id("test")} onchange={test} data-testid={id("test")}>
                    { for TestKind::ALL.iter().map(|t| html! { <option value={format!("{t:?}")} selected={*t == g.test}>{ t.words() }</option> }) }
                </select></div>
            <div class="field"><label for={id("source")}>{ "the source" }</label>
                <input id={id("source")} type="text" list={sources.to_string()} placeholder="ua://10.2.0.5" value={g.source.clone()} oninput={field(GoalEdit::Source)} data-testid={id("source")} /></div>
            <div class="field"><label for={id("down")}>{ "while down (optional)" }</label>
                <input id={id("down")} type="text" placeholder="ua://10.2.0.5, OfficeScan server" value={down_words} onchange={down} data-testid={id("down")} /></div>
            <p class="help draft-goal-words" data-testid={id("words")}>{ lesson::draft_goal_words(profile, g) }</p>
            <button type="button" class="draft-goal-remove" aria-label={format!("Remove, goal {}", j + 1)}
                onclick={send(d).reform(move |_| DraftAction::Edit(Edit::RemoveGoal(i, j)))}>{ "Remove" }</button>
        </li>
    }
}
