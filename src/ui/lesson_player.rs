//! The lesson player: step k of n, the question and its choices, Check and
//! Reveal, a build step's goals checked over every address of their range.
//! Every answer comes from the resolver when the lesson opens (the core's
//! `lesson` module); the player only asks, compares and tells. A lesson
//! `planner lesson check` would refuse is refused on open, in its words.
//! Each step's scenario is shown in the page beside it, so a build step is
//! done in the page's own editor; room mode shows it beside the question
//! (the list as the console's table, the agent, what is down, the settings
//! that matter). Choices are shown in an order drawn from the lesson's seed
//! (kept in its link), never an order question's answer. Part of the
//! on-demand bundle: the page's first load carries none of it.

use std::rc::Rc;

use yew::prelude::*;

use crate::format::scenario::Scenario;
use crate::input::source::SourceId;
use crate::lesson::{self, Answer, Draft, Lesson, Question, Task, Verdict};
use crate::ui::lesson_editor::{DraftAction, Drafting, LessonEditor};
use crate::ui::state::Shared;
use crate::vocabulary;

/// The gallery's lessons, built into the bundle (offline with it).
pub const GALLERY: [(&str, &str); 3] = [
    ("officescan-list-to-activeupdate.json", include_str!("../../www/lessons/officescan-list-to-activeupdate.json")),
    ("relays-and-outages.json", include_str!("../../www/lessons/relays-and-outages.json")),
    (
        "vision-one-relay-groups-and-gateway.json",
        include_str!("../../www/lessons/vision-one-relay-groups-and-gateway.json"),
    ),
];

#[derive(Properties, PartialEq, Clone)]
pub struct LessonProps {
    /// The page's scenario as it is now: what a build step checks.
    pub scenario: Shared<Scenario>,
    /// Shows a step's scenario in the page.
    pub on_show: Callback<Scenario>,
    /// A lesson link the page was opened with (`l1.…`), to play at once.
    #[prop_or_default]
    pub link: String,
}

/// A step's trace, the choices it offers in the order shown, and its
/// scenario as the room sees it.
struct Worked {
    trace: crate::trace::Trace,
    choices: Vec<SourceId>,
    scene: lesson::Scene,
}

impl Worked {
    fn of(step: &lesson::Step, seed: u32, n: usize) -> Worked {
        let trace = lesson::trace_of(&step.scenario);
        let asked = match &step.task {
            Task::Predict(p) => Some(p),
            _ => None,
        };
        let order = match asked.map(|p| lesson::answer_in(&trace, p)) {
            Some(Ok(Answer::Order(order))) => Some(order),
            _ => None,
        };
        let choices = lesson::shown(&lesson::choices_in(&step.scenario, &trace), order.as_deref(), seed, n);
        Worked { choices, scene: lesson::scene(&step.scenario, &trace, asked.map(|p| p.item)), trace }
    }
}

/// A trainee's answer to a predict step.
#[derive(Debug, Clone, PartialEq)]
enum Pick {
    None,
    Source(Option<SourceId>),
    Order(Vec<SourceId>),
}

/// One step's play: what was picked, whether it was checked, how much of
/// the trace is revealed, and a build step's last check.
#[derive(Debug, Clone, PartialEq)]
struct Play {
    pick: Pick,
    checked: bool,
    revealed: Option<usize>,
    built: Option<Vec<(String, Verdict)>>,
    notes: bool,
}

impl Play {
    fn new() -> Play {
        Play { pick: Pick::None, checked: false, revealed: None, built: None, notes: false }
    }
}

/// The player's state: the lesson open, the step, the step's play, and the
/// score (right answers of the steps checked).
#[derive(Debug, Clone, PartialEq)]
struct Player {
    lesson: Option<Rc<Lesson>>,
    /// The lesson's own text, for its link and its file.
    source: Rc<str>,
    /// The link made for it, once asked for.
    link: Option<String>,
    step: usize,
    play: Play,
    right: usize,
    /// The steps whose first Check was counted (a step checked again,
    /// after Back or a reload, does not count twice): as many as were asked.
    scored: Vec<usize>,
    error: Option<String>,
    /// A projector's mode: large type, the whole window, no score, the
    /// reveal stepped by the trainer's keys.
    room: bool,
    /// The seed the choices are shown in order of (kept in the link).
    seed: u32,
    /// How many times the trainee moved to another step: the new step's
    /// heading takes the focus each time.
    moved: usize,
}

enum Action {
    /// A lesson's text, where it came from (a gallery file, or a file the
    /// trainer opened), and the seed a link carried.
    Open(Rc<str>, Rc<str>, Option<u32>),
    /// A file that is no lesson, and why.
    Refuse(String),
    /// Make the lesson's link.
    Link,
    Go(usize),
    Pick(Pick),
    Check,
    Reveal,
    RevealNext,
    Built(Vec<(String, Verdict)>),
    Notes,
    Room,
    /// A key of the trainer's in room mode: on through the reveal, then to the next step.
    Forward,
    Backward,
    /// Step 1 again, the score cleared.
    Restart,
    Close,
}

impl Reducible for Player {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Open(name, text, seed) => match lesson::read(&text) {
                Ok(l) => match refused(&name, &l) {
                    Some(why) => next.error = Some(why),
                    None => {
                        let seed = seed.unwrap_or_else(|| lesson::seed_of(&text));
                        next = Player { lesson: Some(Rc::new(l)), source: text, seed, ..Player::closed() };
                        next.load_score();
                    }
                },
                Err(e) => next.error = Some(format!("{name} is not a lesson: {e}.")),
            },
            Action::Refuse(why) => next.error = Some(why),
            Action::Link => {
                let link = format!("{}#{}", crate::ui::browser::base_url(), lesson::link(&next.source, next.seed));
                crate::ui::browser::copy(&link);
                next.link = Some(link);
            }
            Action::Go(step) => {
                next.step = step;
                next.play = Play::new();
                next.moved += 1;
            }
            Action::Pick(pick) => {
                next.play.pick = pick;
                next.play.checked = false;
            }
            Action::Check => {
                if !next.scored.contains(&next.step) {
                    next.right += usize::from(self.correct() == Some(true));
                    next.scored.push(next.step);
                }
                next.play.checked = true;
            }
            Action::Restart => {
                next.step = 0;
                next.play = Play::new();
                next.right = 0;
                next.scored.clear();
            }
            Action::Reveal => next.play.revealed = Some(next.play.revealed.unwrap_or(0).max(1)),
            Action::RevealNext => next.play.revealed = next.play.revealed.map(|n| n + 1),
            Action::Built(results) => next.play.built = Some(results),
            Action::Notes => next.play.notes = !next.play.notes,
            Action::Room => next.room = !next.room,
            Action::Forward => {
                let told = self.current().map_or(0, |s| lesson::trace_of(&s.scenario).steps.len());
                let last = self.lesson.as_ref().map_or(0, |l| l.steps.len().saturating_sub(1));
                match next.play.revealed {
                    Some(n) if n < told => next.play.revealed = Some(n + 1),
                    _ if matches!(self.current().map(|s| &s.task), Some(Task::Predict(_)))
                        && next.play.revealed.is_none() =>
                    {
                        next.play.revealed = Some(1)
                    }
                    _ if next.step < last => {
                        next.step += 1;
                        next.play = Play::new();
                        next.moved += 1;
                    }
                    _ => {}
                }
            }
            Action::Backward => {
                next.moved += usize::from(next.step > 0);
                next.step = next.step.saturating_sub(1);
                next.play = Play::new();
            }
            Action::Close => next = Player::closed(),
        }
        Rc::new(next)
    }
}

impl Player {
    fn closed() -> Player {
        Player {
            lesson: None,
            source: "".into(),
            link: None,
            step: 0,
            play: Play::new(),
            right: 0,
            scored: Vec::new(),
            error: None,
            room: false,
            seed: 0,
            moved: 0,
        }
    }

    /// Where this lesson's score is kept in this browser: one key per
    /// lesson text, so a changed lesson starts a new score.
    fn score_key(&self) -> String {
        format!("update-source-planner.lesson-score.{:08x}", crate::format::share::crc32(self.source.as_bytes()))
    }

    /// The score as this browser keeps it: right, then the steps counted.
    fn score_text(&self) -> Option<String> {
        let steps = self.scored.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
        (!self.scored.is_empty()).then(|| format!("{} {steps}", self.right))
    }

    /// The score this browser kept for the lesson.
    fn load_score(&mut self) {
        let Some(text) = crate::ui::browser::stored(&self.score_key()) else { return };
        let (right, steps) = text.split_once(' ').unwrap_or((&text, ""));
        self.scored = steps.split(',').filter_map(|n| n.parse().ok()).collect();
        self.right = right.parse::<usize>().unwrap_or(0).min(self.scored.len());
    }

    fn current(&self) -> Option<&lesson::Step> {
        self.lesson.as_ref()?.steps.get(self.step)
    }

    /// Whether the pick is the resolver's answer; `None` before a pick.
    fn correct(&self) -> Option<bool> {
        let step = self.current()?;
        let Task::Predict(p) = &step.task else { return None };
        let answer = lesson::answer(&step.scenario, p).ok()?;
        match (&self.play.pick, answer) {
            (Pick::Source(s), Answer::Source(a)) => Some(*s == a),
            (Pick::Order(o), Answer::Order(a)) => Some(*o == a),
            _ => None,
        }
    }
}

#[function_component(LessonPlayer)]
pub fn lesson_player(p: &LessonProps) -> Html {
    let player = use_reducer(Player::closed);
    let drafting = use_reducer(Drafting::load);
    // The score kept in this browser as it changes (a Check, a Restart).
    {
        let (key, text) = (player.score_key(), player.score_text());
        use_effect_with((key, text, player.lesson.is_some()), |(key, text, open)| {
            if *open {
                crate::ui::browser::store(key, text.as_deref());
            }
        });
    }
    // A step's trace and choices, worked out once as it opens, not at each render.
    let worked = {
        let lesson = player.lesson.clone();
        use_memo((lesson.as_ref().map(|l| Rc::as_ptr(l) as usize), player.step, player.seed), move |(_, step, seed)| {
            lesson.as_ref().and_then(|l| l.steps.get(*step)).map(|s| Rc::new(Worked::of(s, *seed, *step)))
        })
    };
    // A lesson link the page was opened with plays at once.
    {
        let (act, link) = (actions(&player), p.link.clone());
        use_effect_with(link, move |link| {
            if !link.is_empty() {
                match lesson::from_link(link) {
                    Ok(l) => act.emit(Action::Open("the lesson link".into(), l.json.into(), Some(l.seed))),
                    Err(why) => act.emit(Action::Refuse(format!("The lesson link cannot be opened: {why}."))),
                }
            }
        });
    }
    // Each step's scenario goes to the page as the step opens.
    {
        let (on_show, lesson) = (p.on_show.clone(), player.lesson.clone());
        use_effect_with((player.step, lesson.as_ref().map(|l| l.title.clone())), move |(step, _)| {
            if let Some(s) = lesson.as_ref().and_then(|l| l.steps.get(*step)) {
                on_show.emit(s.scenario.clone());
            }
        });
    }
    // Room mode: →, Space and PageDown go on (the reveal a step at a time,
    // then the next step); ←, PageUp back; Esc leaves room mode.
    {
        let act = actions(&player);
        use_effect_with(player.room, move |room| {
            let listener = room.then(|| {
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
                    use wasm_bindgen::JsCast;
                    let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if k.ctrl_key() || k.meta_key() || k.alt_key() || crate::ui::typing_in_a_field(k) {
                        return;
                    }
                    match k.key().as_str() {
                        "ArrowRight" | "PageDown" | " " => act.emit(Action::Forward),
                        "ArrowLeft" | "PageUp" => act.emit(Action::Backward),
                        "Escape" => act.emit(Action::Room),
                        _ => return,
                    }
                    e.prevent_default();
                })
            });
            move || drop(listener)
        });
    }
    // After Back or Next the new step's heading takes the focus, so a
    // screen reader says where the trainee is; a step's newest revealed
    // line is scrolled into view in room mode.
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(player.moved, move |moved| {
            if *moved > 0 {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    {
        let room = player.room;
        use_effect_with((player.play.revealed, room), move |(revealed, room)| {
            if let (Some(_), true) = (revealed, room) {
                let last = gloo::utils::document().query_selector(".lesson.room .lesson-steps li:last-child");
                if let Ok(Some(li)) = last {
                    li.scroll_into_view_with_bool(false);
                }
            }
        });
    }
    let Some(lesson) = player.lesson.clone() else {
        let on_play = actions(&player).reform(|text: Rc<str>| Action::Open("your lesson".into(), text, None));
        return html! {
            <>
                { gallery(&player) }
                <LessonEditor drafting={drafting.clone()} scenario={p.scenario.clone()} on_show={p.on_show.clone()} {on_play} />
            </>
        };
    };
    // The lesson open goes to the editor (the player closes), offered in
    // place of a draft the author has not saved.
    let edit_this = {
        let (d, act, source) = (drafting.dispatcher(), actions(&player), player.source.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(draft) = Draft::read(&source) {
                d.dispatch(DraftAction::Offer(draft));
                act.emit(Action::Close);
            }
        })
    };
    let Some(step) = lesson.steps.get(player.step) else { return Html::default() };
    let worked = (*worked).clone().unwrap_or_else(|| Rc::new(Worked::of(step, player.seed, player.step)));
    let n = lesson.steps.len();
    let go = |to: usize| actions(&player).reform(move |_: MouseEvent| Action::Go(to));
    let room = player.room;
    let body = match &step.task {
        Task::Predict(q) => predict(&player, step, q, &worked),
        Task::Build { goal, checks, solution } => {
            let check = {
                let (d, now, checks) = (actions(&player), p.scenario.clone(), checks.clone());
                Callback::from(move |_: MouseEvent| {
                    let results =
                        checks.iter().map(|g| (lesson::goal_words(&now, g), lesson::decide(&now, g))).collect();
                    d.emit(Action::Built(results));
                })
            };
            let solve = solution.as_ref().map(|s| {
                let (show, s) = (p.on_show.clone(), (**s).clone());
                Callback::from(move |_: MouseEvent| show.emit(s.clone()))
            });
            let help = if room {
                "The room's scenario is beside this goal: leave room mode to change it in the page, then check. Every address of each range is decided, not samples."
            } else {
                "Change the list and the settings in the scenario beside this lesson, then check: every address of each range is decided, not samples."
            };
            html! {
                <div class="lesson-build">
                    <p class="lesson-question">{ goal }</p>
                    <p class="help">{ help }</p>
                    <div class="lesson-actions">
                        <button type="button" data-testid="lesson-check" onclick={check}>{ "Check my scenario" }</button>
                        if let Some(solve) = solve { <button type="button" data-testid="lesson-solution" onclick={solve}>{ "Show a solution" }</button> }
                    </div>
                    <div role="status">
                        if let Some(results) = &player.play.built {
                            <ul class="lesson-goals" data-testid="lesson-goals">
                                { for results.iter().map(|(words, verdict)| goal_result(words, verdict)) }
                            </ul>
                        }
                    </div>
                </div>
            }
        }
        Task::Explain(e) => html! {
            <div class="lesson-explain">
                <p class="lesson-question">{ &e.question }</p>
                if !e.notes.is_empty() {
                    <button type="button" aria-expanded={player.play.notes.to_string()} data-testid="lesson-notes"
                        onclick={actions(&player).reform(|_| Action::Notes)}>{ if player.play.notes { "Hide the trainer's notes" } else { "Show the trainer's notes" } }</button>
                    if player.play.notes { <p class="lesson-notes">{ &e.notes }</p> }
                }
            </div>
        },
    };
    html! {
        <section class={classes!("lesson", room.then_some("room"))} aria-labelledby="lesson-title" data-testid="lesson">
            <header class="lesson-head">
                <h2 id="lesson-title">{ &lesson.title }</h2>
                <h3 class="lesson-progress" data-testid="lesson-progress" tabindex="-1" ref={heading}>
                    { format!("Step {} of {n}", player.step + 1) }
                    if !step.title.is_empty() { { format!(": {}", step.title) } }
                </h3>
            </header>
            <div class="lesson-stage">
                <div class="lesson-main" data-testid="lesson-main">
                    if player.step == 0 && !lesson.introduction.is_empty() { <p class="lesson-intro">{ &lesson.introduction }</p> }
                    { body }
                </div>
                if room { { scene_view(&worked.scene) } }
            </div>
            <nav class="lesson-nav" aria-label="Lesson steps">
                <button type="button" data-testid="lesson-back" disabled={player.step == 0} onclick={go(player.step.saturating_sub(1))}>{ "Back" }</button>
                <button type="button" data-testid="lesson-next" disabled={player.step + 1 >= n} onclick={go((player.step + 1).min(n - 1))}>{ "Next" }</button>
                if !room {
                    <button type="button" data-testid="lesson-restart" onclick={actions(&player).reform(|_| Action::Restart)}>{ "Restart (the score too)" }</button>
                    <button type="button" data-testid="lesson-edit" onclick={edit_this}>{ "Edit this lesson" }</button>
                    <button type="button" data-testid="lesson-link-make" onclick={actions(&player).reform(|_| Action::Link)}>{ "Copy a link to this lesson" }</button>
                }
                <button type="button" data-testid="lesson-room" aria-pressed={room.to_string()}
                    onclick={actions(&player).reform(|_| Action::Room)}>{ if room { "Leave room mode" } else { "Room mode" } }</button>
                if room {
                    <span class="lesson-keys">{ "→ or Space: on · ← back · Esc: leave" }</span>
                } else {
                    <button type="button" data-testid="lesson-close" onclick={actions(&player).reform(|_| Action::Close)}>{ "Close the lesson" }</button>
                }
            </nav>
            if let (Some(link), false) = (&player.link, room) {
                <p class="lesson-link">
                    <label for="lesson-link">{ "Link to this lesson (copied): " }</label>
                    <input id="lesson-link" type="text" readonly=true value={link.clone()} data-testid="lesson-link" />
                </p>
            }
            if !room {
                <p class="lesson-score" data-testid="lesson-score">{ format!("Score: {} right at the first try, of {} checked (kept in this browser only)", player.right, player.scored.len()) }</p>
            }
        </section>
    }
}

/// Why a lesson is not played: what `planner lesson check` says of it, in
/// its words, each with its step; `None` when it passes.
fn refused(name: &str, lesson: &Lesson) -> Option<String> {
    let broken = lesson::check(lesson);
    let lines = broken.iter().map(ToString::to_string).collect::<Vec<_>>();
    (!lines.is_empty())
        .then(|| format!("{name} is not played, as planner lesson check refuses it: {}.", lines.join("; ")))
}

/// The step's scenario as the room reads it beside the question: the
/// agent, the list as the console's table, what is down, the settings
/// that matter.
fn scene_view(scene: &lesson::Scene) -> Html {
    let with_ranges = scene.rows.iter().any(|r| !r.range.is_empty());
    html! {
        <aside class="lesson-scene" aria-label="The scenario of this step" data-testid="lesson-scene">
            <p class="scene-product">{ scene.product }</p>
            <ul class="scene-agent" data-testid="scene-agent">
                { for scene.agent.iter().map(|a| html! { <li>{ a }</li> }) }
            </ul>
            <table class="scene-list" data-testid="scene-list">
                <caption>{ &scene.list_title }</caption>
                if !scene.rows.is_empty() {
                    <thead><tr>
                        <th scope="col">{ if with_ranges { "Line" } else { "#" } }</th>
                        if with_ranges { <th scope="col">{ "IP range" }</th> }
                        <th scope="col">{ "Update source" }</th>
                    </tr></thead>
                }
                <tbody>
                    { for scene.rows.iter().map(|r| html! {
                        <tr>
                            <td>{ r.line }</td>
                            if with_ranges { <td>{ &r.range }</td> }
                            <td>{ &r.source }
                                if !r.label.is_empty() { <span class="scene-label">{ format!(" ({})", r.label) }</span> }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="scene-down" data-testid="scene-down">
                { if scene.down.is_empty() { "Nothing is down.".to_string() } else { format!("Down: {}.", scene.down.join(", ")) } }
            </p>
            if !scene.settings.is_empty() {
                <ul class="scene-settings" data-testid="scene-settings" aria-label="Settings that matter here">
                    { for scene.settings.iter().map(|s| html! { <li>{ s }</li> }) }
                </ul>
            }
        </aside>
    }
}

/// The player's actions as a callback, for the elements' events.
fn actions(player: &UseReducerHandle<Player>) -> Callback<Action> {
    let d = player.dispatcher();
    Callback::from(move |a| d.dispatch(a))
}

/// The lessons to open: the gallery's, or a file of the trainer's (picked or dropped).
fn gallery(player: &UseReducerHandle<Player>) -> Html {
    let open_file = {
        let act = actions(player);
        Callback::from(move |file: web_sys::File| read_lesson_file(file, act.clone()))
    };
    let onchange = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
                open_file.emit(file);
            }
            if let Some(i) = input {
                i.set_value("");
            }
        })
    };
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            open_file.emit(file);
        }
    });
    html! {
        <section class="lesson" aria-labelledby="lessons-title" data-testid="lessons"
            ondragover={Callback::from(|e: DragEvent| e.prevent_default())} {ondrop}>
            <h2 id="lessons-title">{ "Lessons" }</h2>
            <p class="help">{ "Predict, then reveal; build a list that meets a goal. Every answer is worked out by the planner itself." }</p>
            if let Some(e) = &player.error { <p class="notice error" role="alert" data-testid="lesson-error">{ e }</p> }
            <ul class="lesson-list">
                { for GALLERY.iter().map(|(file, text)| {
                    let title = lesson::read(text).map(|l| l.title).unwrap_or_else(|_| (*file).to_string());
                    let (f, t): (Rc<str>, Rc<str>) = ((*file).into(), (*text).into());
                    html! {
                        <li><button type="button" data-testid={format!("lesson-open-{}", file.trim_end_matches(".json"))}
                            onclick={actions(player).reform(move |_| Action::Open(f.clone(), t.clone(), None))}>{ title }</button></li>
                    }
                }) }
            </ul>
            <label class="file-button">{ "Open a lesson file…" }
                <input type="file" accept=".json,application/json" data-testid="lesson-file" {onchange} />
            </label>
            <p class="help">{ "Or drop a lesson file here. A lesson is JSON (see the README); its answers are worked out when it opens." }</p>
        </section>
    }
}

/// Reads a picked or dropped file and opens it as a lesson (or says why not).
fn read_lesson_file(file: web_sys::File, act: Callback<Action>) {
    let name: Rc<str> = file.name().into();
    let file = gloo::file::File::from(file);
    if file.size() > crate::format::MAX_DOCUMENT_BYTES as u64 {
        let limit = crate::format::MAX_DOCUMENT_BYTES;
        act.emit(Action::Refuse(format!("{name} is {} bytes; a lesson is at most {limit} bytes.", file.size())));
        return;
    }
    let reader = gloo::file::callbacks::read_as_text(&file, move |result| match result {
        Ok(text) => act.emit(Action::Open(name, text.into(), None)),
        Err(e) => act.emit(Action::Refuse(format!("{name} could not be read: {e}."))),
    });
    // The read finishes on its own; the handle must live until then.
    std::mem::forget(reader);
}

/// A predict step: the question, the choices, Check and Reveal.
fn predict(player: &UseReducerHandle<Player>, step: &lesson::Step, q: &lesson::Predict, worked: &Worked) -> Html {
    let profile = step.scenario.profile;
    let name = |s: &SourceId| vocabulary::name(profile, s);
    let (trace, choices) = (&worked.trace, &worked.choices);
    let d = actions(player);
    let answer = lesson::answer_in(trace, q);
    let question = match q.ask {
        Question::Source => format!("Where does this agent get its {} from?", q.item.words()),
        Question::Order => format!("In which order does this agent try its sources for {}?", q.item.words()),
    };
    let picker = match (q.ask, &player.play.pick) {
        (Question::Source, pick) => {
            let options = choices.iter().cloned().map(Some).chain([None]);
            html! {
                <fieldset class="lesson-choices">
                    <legend class="lesson-question">{ &question }</legend>
                    { for options.enumerate().map(|(i, choice)| {
                        let checked = *pick == Pick::Source(choice.clone());
                        let words = choice.as_ref().map_or_else(|| "Not updated".to_string(), name);
                        let c = choice.clone();
                        html! {
                            <label class="lesson-choice">
                                <input type="radio" name="lesson-choice" data-testid={format!("lesson-choice-{i}")} checked={checked}
                                    onchange={d.reform(move |_| Action::Pick(Pick::Source(c.clone())))} />
                                { words }
                            </label>
                        }
                    }) }
                </fieldset>
            }
        }
        (Question::Order, pick) => {
            let order = match pick {
                Pick::Order(o) => o.clone(),
                _ => Vec::new(),
            };
            html! {
                <fieldset class="lesson-choices">
                    <legend class="lesson-question">{ &question }</legend>
                    <p class="help">{ "Press the sources in the order the agent tries them." }</p>
                    <div class="lesson-order-choices">
                    { for choices.iter().enumerate().map(|(i, s)| {
                        let (mut with, s2) = (order.clone(), s.clone());
                        let used = order.contains(s);
                        with.push(s2);
                        html! { <button type="button" data-testid={format!("lesson-add-{i}")} disabled={used}
                            onclick={d.reform(move |_| Action::Pick(Pick::Order(with.clone())))}>{ name(s) }</button> }
                    }) }
                    </div>
                    <ol class="lesson-order" data-testid="lesson-order" aria-label="Your order">
                        { for order.iter().map(|s| html! { <li>{ name(s) }</li> }) }
                    </ol>
                    <button type="button" data-testid="lesson-clear" onclick={d.reform(|_| Action::Pick(Pick::Order(Vec::new())))}>{ "Start the order again" }</button>
                </fieldset>
            }
        }
    };
    let verdict = player.play.checked.then(|| player.correct()).flatten();
    let right_words = answer.as_ref().map_or_else(|e| e.to_string(), |a| lesson::answer_words(&step.scenario, a));
    // Once revealed in room mode, the answer and its trace take the
    // choices' place under the question: the room reads the question, the
    // answer and the trace at once, beside the scenario.
    let answered_in_room = player.room && player.play.revealed.is_some();
    html! {
        <div class="lesson-predict">
            if answered_in_room {
                <p class="lesson-question" data-testid="lesson-question">{ &question }</p>
            } else {
                { picker }
                <div class="lesson-actions">
                    <button type="button" data-testid="lesson-check" disabled={player.play.pick == Pick::None}
                        onclick={d.reform(|_| Action::Check)}>{ "Check" }</button>
                    <button type="button" data-testid="lesson-reveal" onclick={d.reform(|_| Action::Reveal)}>{ "Reveal" }</button>
                </div>
            }
            <p class="lesson-verdict" role="status" data-testid="lesson-verdict">
                { match verdict {
                    Some(true) => html! { <><span class="mark ok" aria-hidden="true">{ "✓" }</span>{ " Right." }</> },
                    Some(false) => html! { <><span class="mark bad" aria-hidden="true">{ "✗" }</span>{ " Not this one: try again, or reveal the answer." }</> },
                    None => Html::default(),
                } }
            </p>
            if let Some(shown) = player.play.revealed {
                <div class="lesson-reveal" data-testid="lesson-answer">
                    <p><strong>{ "The answer: " }</strong>{ right_words }</p>
                    { steps(trace, shown) }
                    if shown < trace.steps.len() {
                        <button type="button" data-testid="lesson-reveal-next" onclick={d.reform(|_| Action::RevealNext)}>{ "Tell the next step" }</button>
                    }
                </div>
            }
        </div>
    }
}

/// One goal's result, in words; where it fails, the agent that breaks it
/// and that agent's trace, one click away.
fn goal_result(words: &str, verdict: &Verdict) -> Html {
    match verdict {
        Verdict::Met => {
            html! { <li class="met"><span class="mark ok" aria-hidden="true">{ "✓" }</span>{ format!(" Met: {words}.") }</li> }
        }
        Verdict::Broken { address, trace } => html! {
            <li class="broken">
                <span class="mark bad" aria-hidden="true">{ "✗" }</span>{ format!(" Not yet: {words}; agent {address} does not.") }
                <details data-testid="lesson-agent-trace">
                    <summary>{ format!("Agent {address}'s trace") }</summary>
                    { steps(trace, usize::MAX) }
                </details>
            </li>
        },
    }
}

/// A trace's first `shown` steps, each with its rule and, where it is our
/// reading, the assumed mark.
fn steps(trace: &crate::trace::Trace, shown: usize) -> Html {
    html! {
        <ol class="lesson-steps" aria-label="The trace, step by step">
            { for trace.steps.iter().take(shown).map(|s| html! {
                <li value={s.n().to_string()}><span class="rule">{ s.rule().to_string() }</span>{ " " }{ s.text() }
                    if s.assumed() { { " " }<span class="assumed-tag">{ "assumed" }</span> }</li>
            }) }
        </ol>
    }
}
