//! The planner page. It renders what the core returns; all the deciding is in
//! the core.

pub mod browser;
pub mod diagram_view;
pub mod embed;
pub mod evidence_view;
pub mod examples;
pub mod fields;
pub mod fleet_view;
pub mod inputs;
pub mod lesson_editor;
pub mod lesson_player;
pub mod list_editor;
pub mod more_settings;
pub mod presenter;
pub mod reading;
pub mod script;
pub mod state;
pub mod toolbar;
pub mod tools_host;
pub mod trace_view;
pub mod worker;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::edit::{list_text, Edit};
use crate::format::scenario::{Mode, Scenario};
use crate::input::source::SourceId;
use crate::model::rules::RULE_SET;
use list_editor::ListEditor;
use state::{Action, Notice, State};
use std::rc::Rc;
use tools_host::{Tool, ToolsHost};
use trace_view::TraceView;

/// Starts the embed view in `<body>` (its own bundle, `src/bin/embed.rs`:
/// a framed documentation case loads none of the page's editing parts).
pub fn start_embed() {
    install_panic_banner();
    browser::apply_theme_query();
    script::close_quotes();
    drop_first_view();
    browser::mark_drawn();
    yew::Renderer::<embed::EmbedApp>::new().render();
}

/// Starts the page in `<body>`.
pub fn start() {
    install_panic_banner();
    browser::register_service_worker();
    browser::apply_theme_query();
    script::close_quotes();
    script::undo_keys();
    // The wasm's start; the scenario the page opens on read, then prepared
    // and resolved; its first drawing: each in a task of its own (see
    // `Stage`), none of them long on a phone.
    Timeout::new(0, || {
        let (scenario, notice) = opening_scenario();
        let scenario = crate::edit::with_text_list(scenario);
        Timeout::new(0, move || {
            let plan = crate::plan::prepare(&scenario, None);
            Timeout::new(0, move || {
                let opening =
                    Rc::new(std::cell::RefCell::new(Some(with_history(State::prepared(scenario, plan, notice)))));
                Timeout::new(0, move || mount(opening)).forget();
            })
            .forget();
        })
        .forget();
    })
    .forget();
}

/// Draws the page in a root of its own after the first view (`#live`, laid
/// out as if its page were `<body>`'s own child), on the state worked out
/// for it. The first view stays untouched until the live page is drawn
/// (see `Stage`): no style, layout or paint of it again as the page
/// mounts. A visitor with work of their own is never shown it
/// (`first-view.js`): it goes now.
fn mount(opening: Rc<std::cell::RefCell<Option<State>>>) {
    let document = gloo::utils::document();
    if browser::first_view_hidden() {
        if let Ok(Some(view)) = document.query_selector("body > [data-first-view]") {
            view.remove();
        }
    }
    browser::page_starting();
    match document.create_element("div") {
        Ok(root) => {
            root.set_id("live");
            let _ = gloo::utils::body().append_with_node_1(&root);
            yew::Renderer::<App>::with_root_and_props(root, AppProps { opening }).render();
        }
        Err(_) => {
            yew::Renderer::<App>::with_props(AppProps { opening }).render();
        }
    }
}

/// Takes out the first view `index.html` was built with (written by
/// `scripts/prerender.mjs` from this page's own first render): the embed
/// view draws the same markup live in its place. Yew renders in
/// microtasks of this same task, so no frame shows the page without either.
fn drop_first_view() {
    if let Ok(Some(view)) = gloo::utils::document().query_selector("body > [data-first-view]") {
        view.remove();
    }
}

/// Where the page starts: a shared link, else the work kept in this browser,
/// else the default example. A link that cannot be opened says why and
/// leaves the kept work in place.
pub fn initial_state() -> State {
    let (scenario, notice) = opening_scenario();
    with_history(State::new(scenario, notice))
}

/// The state with the undo history kept for this tab: undo reaches back
/// past a reload.
fn with_history(mut state: State) -> State {
    if let Some(history) = browser::load_history() {
        state.history = history;
    }
    state
}

/// Where the page starts, before any link is read: the work kept in this
/// browser, else the default example, with why kept work could not be
/// read. A link in the address bar is opened once the page is up (the
/// browser inflates it), see `use_open_links`.
fn opening_scenario() -> (Scenario, Option<Notice>) {
    let saved = browser::load_saved();
    let notice = saved.as_ref().err().map(|e| Notice::error(e.clone()));
    (saved.ok().flatten().unwrap_or_else(default_scenario), notice)
}

/// Opens the link the page was started with, and any link pasted into the
/// address bar later. A link that cannot be opened says why and leaves the
/// work in place; a good one that replaces kept work offers it back.
#[hook]
pub(crate) fn use_open_links(state: &UseReducerHandle<State>, embed: bool) {
    // The page is shown again once the link's answer, or why it cannot be
    // opened, is drawn: an effect runs after the page is updated, so no
    // frame shows the work the page started on in the link's place.
    use_effect_with(state.link.clone(), |link| {
        if *link != state::LinkStatus::Unread {
            browser::link_opened();
        }
    });
    let state = state.clone();
    use_effect_with((), move |_| {
        let open = move |fragment: String, quietly: bool| {
            // A lesson's link is the Lessons tab's to open.
            if lesson_link(&fragment).is_some() {
                return;
            }
            if fragment.trim_start_matches('#').is_empty() {
                // The embed view shows its link's case or says why it cannot.
                if embed {
                    state.dispatch(Action::LinkOpened(Err(crate::format::share::LinkError::Empty), true));
                }
                return;
            }
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let opened = browser::open_link(&fragment).await;
                state.dispatch(Action::LinkOpened(opened.map(Box::new), quietly));
            });
        };
        // Nothing kept here yet: a good link simply opens.
        open(browser::fragment(), embed || browser::saved_text().is_none());
        let listener =
            EventListener::new(&gloo::utils::window(), "hashchange", move |_| open(browser::fragment(), false));
        move || drop(listener)
    });
}

/// A lesson link's fragment (`l1.…`), if the address carries one.
fn lesson_link(fragment: &str) -> Option<String> {
    let f = fragment.trim_start_matches('#');
    f.starts_with("l1.").then(|| f.to_string())
}

pub fn default_scenario() -> Scenario {
    examples::json_of(examples::DEFAULT)
        .and_then(|j| Scenario::from_json(j).ok())
        .unwrap_or_else(|| Scenario::starter(crate::model::profile::Profile::OfficeScanXg))
}

/// Whether a key press belongs to a form field, a checkbox and a drop-down
/// included (presenter mode's and a lesson's keys stay out of them).
pub(crate) fn typing_in_a_field(e: &web_sys::KeyboardEvent) -> bool {
    field_takes_text(e).is_some()
}

/// The form field a key press is aimed at, if any: whether it takes typed
/// text, where the browser's own undo works (a text field or area), or not
/// (a checkbox, a radio button, a drop-down, a file button).
fn field_takes_text(e: &web_sys::KeyboardEvent) -> Option<bool> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let is = |selector: &str| el.matches(selector).unwrap_or(false);
    if is("input[type=checkbox],input[type=radio],input[type=file],select") {
        Some(false)
    } else {
        is("input,textarea,[contenteditable]").then_some(true)
    }
}

/// Keeps the work: in this browser and in the address bar, once edits settle.
#[hook]
pub(crate) fn use_keep_work(state: &UseReducerHandle<State>, link: &UseStateHandle<String>, embed: bool) {
    let state = state.clone();
    let link = link.clone();
    let pending = use_mut_ref(|| None::<Timeout>);
    // The untouched example, read when first compared (not as the page starts).
    let untouched = use_mut_ref(|| None::<Scenario>);
    // One slot each: a timer's slot is never replaced while its own task runs.
    let (store, store_history) = (use_mut_ref(|| None::<Timeout>), use_mut_ref(|| None::<Timeout>));
    use_effect_with(state.scenario.clone(), move |scenario| {
        let scenario = scenario.clone();
        // A first visit that has changed nothing keeps nothing, in this
        // browser or in the address bar: a reload is then a first visit
        // again, shown the first view index.html was built with at once.
        let (st, untouched) = (state.clone(), untouched.clone());
        *pending.borrow_mut() = Some(Timeout::new(250, move || {
            let nothing_to_keep = browser::saved_text().is_none()
                && *untouched.borrow_mut().get_or_insert_with(|| crate::edit::with_text_list(default_scenario()))
                    == scenario;
            // A pause ends a run of typing: the next keystroke is a new undo step.
            if st.history.typing() {
                st.dispatch(Action::BreakTyping);
            }
            // Written, stored, and the undo history stored, each in a task of
            // its own: with a 5 MB list each takes a while, and the page
            // answers between them. A framed case is never stored: it
            // would replace the reader's own work in the planner.
            let keeps = !embed && !nothing_to_keep;
            let (next, history, st2, slot) = (store_history.clone(), st.history.clone(), st.clone(), store.clone());
            if keeps {
                reading::json_in_slices(&scenario, store.clone(), move |json| {
                    *slot.borrow_mut() = Some(Timeout::new(0, move || {
                        if let Err(e) = browser::save_json(&json) {
                            if st2.notice.as_ref().map(|n| &n.text) != Some(&e) {
                                st2.dispatch(Action::Notice(Some(Notice::error(e))));
                            }
                        }
                        *next.borrow_mut() = Some(Timeout::new(0, move || browser::save_history(&history)));
                    }));
                });
            }
            wasm_bindgen_futures::spawn_local(async move {
                match browser::share_fragment(&scenario).await {
                    Ok(fragment) => {
                        if !nothing_to_keep {
                            browser::set_fragment(&fragment);
                        }
                        link.set(fragment);
                    }
                    // Too large for a link (Share says why): an older
                    // scenario's link left in the address bar would be
                    // opened over this work by a reload.
                    Err(browser::NoLink::Scenario(_)) => {
                        browser::clear_fragment();
                        link.set(String::new());
                    }
                    Err(browser::NoLink::Compression) => {}
                }
            });
        }));
    });
}

/// What the page has drawn as it starts. Each stage is drawn in a task of
/// its own, so no task of the start is long (a phone's Total Blocking
/// Time): nothing (Yew's start), the frame (title, tabs), the toolbar, the answer's outcome and
/// steps, its picture, then the scenario's side. Until the last is drawn the
/// first view `index.html` was built with stays in place and the live page
/// is hidden (class `starting`); a task after the last, they are swapped
/// in that one task, so no frame shows neither or both, and nothing moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// The page's state and hooks set up, nothing drawn: Yew's own start
    /// in a task apart from the first drawing.
    Bare,
    Frame,
    Toolbar,
    Steps,
    Picture,
    Scenario,
}

impl Stage {
    /// The stage drawn a task after this one; `None` after the last.
    fn next(self) -> Option<Stage> {
        match self {
            Stage::Bare => Some(Stage::Frame),
            Stage::Frame => Some(Stage::Toolbar),
            Stage::Toolbar => Some(Stage::Steps),
            Stage::Steps => Some(Stage::Picture),
            Stage::Picture => Some(Stage::Scenario),
            Stage::Scenario => None,
        }
    }
}

/// The stage the start has reached; the next one is drawn a task later.
#[hook]
fn use_stage() -> Stage {
    let stage = use_state(|| Stage::Bare);
    {
        let handle = stage.clone();
        use_effect_with(*stage, move |now| {
            let next = now.next();
            // The last stage drawn, the live page takes the first view's
            // place in a task of its own: the whole page's layout.
            let later = match next {
                Some(next) => Timeout::new(0, move || handle.set(next)),
                None => Timeout::new(0, browser::page_drawn),
            };
            move || drop(later)
        });
    }
    *stage
}

/// The page's state as it opens, worked out before the first drawing; the
/// page takes it once.
#[derive(Properties)]
pub struct AppProps {
    pub opening: Rc<std::cell::RefCell<Option<State>>>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.opening, &other.opening)
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let opening = props.opening.clone();
        use_reducer(move || opening.borrow_mut().take().unwrap_or_else(initial_state))
    };
    // Opened with a lesson's link: the Lessons tab plays it.
    let lesson = use_state(|| lesson_link(&browser::fragment()).unwrap_or_default());
    let tab = use_state(|| if lesson.is_empty() { Tab::Trace } else { Tab::Lessons });
    // The where-and-when settings, asked for (they load on demand).
    let where_when = use_state(|| false);
    // On a narrow screen, which side is shown.
    // The answer first: a phone opens the planner from a ticket link, for the answer.
    let narrow = use_state(|| Side::Answer);
    let stage = use_stage();
    // The Evidence tab's text: kept here so it survives tab switches, never saved.
    let evidence = use_state(String::new);
    // The scenario's link fragment, as the address bar has it once compressed.
    let link = use_state(|| browser::fragment().trim_start_matches('#').to_string());
    // The last link Share put on the clipboard (the toolbar's).
    let share_link = use_state(String::new);
    let textarea = use_node_ref();
    let edit = {
        let state = state.clone();
        Callback::from(move |e: Edit| state.dispatch(Action::Edit(e)))
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };

    use_keep_work(&state, &link, false);
    // A scenario replaced whole (New scenario, an example, an import, a
    // link) is another ticket: the evidence typed for the last one goes.
    {
        let evidence = evidence.clone();
        use_effect_with(state.generation, move |generation| {
            if *generation > 0 {
                evidence.set(String::new());
            }
        });
    }
    // Evidence that came with the scenario (a link, an import) is shown.
    {
        let evidence = evidence.clone();
        use_effect_with(state.scenario.evidence.clone(), move |kept| {
            if let Some(text) = kept {
                if *text != *evidence {
                    evidence.set(text.clone());
                }
            }
        });
    }

    // The tab and the browser's history name the scenario.
    use_effect_with(state.scenario.title.clone(), |title| {
        gloo::utils::document().set_title(&match title {
            Some(t) => format!("{t} · Update Source Planner"),
            None => "Update Source Planner".into(),
        });
    });

    use_open_links(&state, false);

    // A source switched from a trace step: the step is drawn anew, so the
    // focus goes to that source's button in the new trace (or its what-if).
    let toggle_down = {
        let edit = edit.clone();
        Callback::from(move |src: SourceId| {
            let name = src.to_string();
            edit.emit(Edit::ToggleDown(src));
            script::focus_later(&format!(
                "[data-testid=\"trace\"] li[data-source=\"{name}\"] button.src\n[id=\"down-{name}\"]"
            ));
        })
    };
    let goto = {
        let textarea = textarea.clone();
        let state = state.clone();
        Callback::from(move |(line, column): (usize, usize)| {
            if let Some(area) = textarea.cast::<web_sys::HtmlTextAreaElement>() {
                let at = crate::edit::list_text::offset_of(list_text(&state.scenario), line, column) as u32;
                let _ = area.focus();
                let _ = area.set_selection_range(at, at);
            } else {
                list_editor::show_line(line);
            }
        })
    };

    let agent = use_memo(state.scenario.agent.addresses.clone(), |a| Rc::new(a.clone()));
    let file_stem = crate::format::scenario::file_stem(state.scenario.title.as_deref()).unwrap_or_default();

    // Leaving presenter mode puts the focus back on its button.
    {
        let was = use_mut_ref(|| false);
        use_effect_with(state.presenting, move |presenting| {
            let left = *was.borrow() && !*presenting;
            *was.borrow_mut() = *presenting;
            if left {
                let button = gloo::utils::document().query_selector("[data-testid=\"presenter\"]").ok().flatten();
                if let Some(b) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                    if gloo::utils::document().active_element().is_none_or(|a| a.tag_name() == "BODY") {
                        let _ = b.focus();
                    }
                }
            }
        });
    }
    if stage == Stage::Bare {
        return html! { <div class="app"></div> };
    }
    if state.presenting {
        return html! {
            <div class="presenter-host">
                <ToolsHost tool={Tool::Presenter} scenario={state.scenario.clone()} plan={state.plan.clone()}
                    on_exit={dispatch.reform(|()| Action::Present(false))} />
            </div>
        };
    }
    let trace = html! {
        <TraceView trace={state.trace.clone()} previous={state.previous.clone()}
            on_toggle_down={toggle_down.clone()} on_goto={goto.clone()} agent={(*agent).clone()}
            on_download={Some({
                let (scenario, draw) = (state.scenario.clone(), state.draw.number());
                Callback::from(move |png| tools_host::download_picture(&scenario, draw, file_stem.clone(), png))
            })}
            on_draw={Some(dispatch.reform(|()| Action::DrawAnother))}
            view={if stage >= Stage::Picture { trace_view::View::Both } else { trace_view::View::Trace }} />
    };

    let on_drop = {
        let d = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e.data_transfer().and_then(|t| t.files()).and_then(|f| f.get(0)) {
                toolbar::import_file(file, d.clone());
            }
        })
    };
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let list_errors: Vec<crate::model::diagnostics::InputError> =
        state.trace.errors.iter().filter(|e| e.in_pasted_list()).cloned().collect();

    html! {
        <div class="app" ondrop={on_drop} ondragover={on_dragover}>
            <a class="skip-link" href="#tab-panel" onclick={Callback::from(|e: MouseEvent| {
                e.prevent_default();
                if let Some(el) = gloo::utils::document().get_element_by_id("tab-panel").and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            })}>{ "Skip to the trace" }</a>
            <header class="top">
                <h1>{ "Update Source Planner" }</h1>
                <p class="tagline">{ "Where a Trend Micro endpoint agent gets its updates from, step by step, each step citing the documented rule behind it." }</p>
                <p class="version">{ format!("v{} · {}", crate::VERSION, RULE_SET) }</p>
            </header>
            if stage >= Stage::Toolbar {
            { toolbar::toolbar(&toolbar::ToolbarProps { scenario: state.scenario.clone(), trace: state.trace.clone(), presenting: state.presenting,
                can_undo: state.history.can_undo(), can_redo: state.history.can_redo(),
                dispatch: dispatch.clone(), link: (*link).clone(), share_link: share_link.clone() }) }
            }
            if let Some(n) = &state.notice {
                { notice_bar(&NoticeProps { notice: n.clone(), can_restore: n.offers_restore && state.replaced.is_some(),
                    on_restore: dispatch.reform(|_| Action::RestoreReplaced),
                    on_dismiss: dispatch.reform(|_| Action::Notice(None)) }) }
            }
            <p class="visually-hidden" aria-live="polite" data-testid="announce">{ announcement(&state) }</p>
            <nav class={classes!("narrow-nav", (*narrow == Side::Answer).then_some("answering"))} aria-label="Views">
                <div class="views">
                    <button type="button" data-testid="view-scenario" aria-pressed={(*narrow == Side::Scenario).to_string()}
                        onclick={{ let n = narrow.clone(); Callback::from(move |_| n.set(Side::Scenario)) }}>{ "Scenario" }</button>
                    { for Tab::ALL.iter().map(|t| {
                        let t = *t;
                        let (n, tb) = (narrow.clone(), tab.clone());
                        html! {
                            <button type="button" data-testid={format!("view-{}", t.id())}
                                aria-pressed={(*narrow == Side::Answer && *tab == t).to_string()}
                                onclick={Callback::from(move |_| { n.set(Side::Answer); tb.set(t); })}>{ t.short() }</button>
                        }
                    }) }
                </div>
                <p class="outcome-strip" data-testid="outcome-strip">{ outcome_line(&state.trace) }</p>
            </nav>
            <main class={classes!("panes", match *narrow { Side::Scenario => "show-scenario", Side::Answer => "show-answer" })}>
                <div class="left">
                    if stage >= Stage::Scenario {
                    { fields::text_input("title", Some("title"), "Scenario title", state.scenario.title.clone().unwrap_or_default(),
                        "Ticket 4711, ACME, floor 3", "Heads the printed trace and the copied trace, and names the exported file.",
                        edit.reform(Edit::SetTitle)) }
                    if state.scenario.profile.family() == crate::model::profile::Family::OfficeScan {
                        <ListEditor text={state::shared_list(&state.scenario)} plan={state.plan.clone()}
                            errors={list_errors}
                            on_change={edit.reform(|t: String| Edit::SetListText(t.into()))}
                            on_read={dispatch.reform(Action::ListRead)} on_edit={edit.clone()}
                            textarea={textarea.clone()} />
                    }
                    { inputs::inputs(&inputs::InputsProps { scenario: state.scenario.clone(), plan: state.plan.clone(), on_edit: edit.clone(),
                        where_when: *where_when, on_where_when: { let w = where_when.clone(); Callback::from(move |()| w.set(true)) } }) }
                    }
                </div>
                <div class="right">
                    { tabs(&TabsProps { current: *tab, on_select: { let t = tab.clone(); Callback::from(move |x| t.set(x)) } }) }
                    <div id="tab-panel" role="tabpanel" tabindex="-1" aria-labelledby={format!("tab-{}", tab.id())}>
                    if let Some(tool) = tab.tool() {
                        <ToolsHost key={tab.id()} tool={tool} scenario={state.scenario.clone()} plan={state.plan.clone()}
                            evidence={(*evidence).clone()} lesson_link={(*lesson).clone()}
                            on_evidence={{
                                // Typed evidence travels with the scenario only while asked to.
                                let (ev, e, included) = (evidence.clone(), edit.clone(), state.scenario.evidence.is_some());
                                Callback::from(move |t: String| {
                                    if included { e.emit(Edit::SetEvidence(Some(t.clone()))); }
                                    ev.set(t);
                                })
                            }}
                            on_include={{
                                let (ev, e) = (evidence.clone(), edit.clone());
                                Callback::from(move |on: bool| e.emit(Edit::SetEvidence(on.then(|| (*ev).clone()))))
                            }}
                            on_apply={edit.reform(|s: Scenario| Edit::Replace(Box::new(s)))}
                            on_agents={edit.reform(Edit::SetFleetAgents)}
                            on_open_agent={{
                            let (e, t, plan) = (edit.clone(), tab.clone(), state.plan.clone());
                            Callback::from(move |a: String| {
                                // The machine at an Update Agent's address is that Update Agent.
                                let role = a.parse().map_or(plan.agent.role, |ip| crate::fleet::role_of(&plan, ip));
                                e.emit(Edit::OpenAgent(a, role));
                                t.set(Tab::Trace);
                            })
                        }} />
                    } else {
                    if stage >= Stage::Steps {
                        { print_summary(&PrintSummaryProps { scenario: state.scenario.clone() }) }
                        { trace }
                    }
                    }
                    </div>
                </div>
            </main>
            <footer class="foot">
                <p>{ "Runs entirely in this page: nothing you enter leaves the browser. Steps marked " }<span class="assumed-tag">{ "assumed" }</span>{ " are our reading where the vendor documents are silent." }</p>
            </footer>
        </div>
    }
}

/// The views of the right-hand side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Trace,
    Fleet,
    Evidence,
    Lessons,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Trace, Tab::Fleet, Tab::Evidence, Tab::Lessons];

    fn id(self) -> &'static str {
        match self {
            Tab::Trace => "trace",
            Tab::Fleet => "fleet",
            Tab::Evidence => "evidence",
            Tab::Lessons => "lessons",
        }
    }

    /// The tab's name where room is short (a phone's view switch).
    fn short(self) -> &'static str {
        match self {
            Tab::Trace => "Trace",
            other => other.words(),
        }
    }

    fn words(self) -> &'static str {
        match self {
            Tab::Trace => "Agent trace",
            Tab::Fleet => "Fleet",
            Tab::Evidence => "Evidence",
            Tab::Lessons => "Lessons",
        }
    }

    /// The bundle's tab, for those loaded on demand.
    fn tool(self) -> Option<Tool> {
        match self {
            Tab::Trace => None,
            Tab::Fleet => Some(Tool::Fleet),
            Tab::Evidence => Some(Tool::Evidence),
            Tab::Lessons => Some(Tool::Lesson),
        }
    }
}

struct TabsProps {
    current: Tab,
    on_select: Callback<Tab>,
}

/// Tabs as the WAI-ARIA Authoring Practices have them: one Tab stop, the
/// arrow keys, Home and End move between tabs and select them.
fn tabs(p: &TabsProps) -> Html {
    let onkeydown = {
        let (current, select) = (p.current, p.on_select.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = Tab::ALL.iter().position(|t| *t == current).unwrap_or(0);
            let last = Tab::ALL.len() - 1;
            let next = match e.key().as_str() {
                "ArrowRight" => {
                    if at == last {
                        0
                    } else {
                        at + 1
                    }
                }
                "ArrowLeft" => {
                    if at == 0 {
                        last
                    } else {
                        at - 1
                    }
                }
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            e.prevent_default();
            if let Some(tab) = Tab::ALL.get(next) {
                select.emit(*tab);
                if let Some(el) = gloo::utils::document().get_element_by_id(&format!("tab-{}", tab.id())) {
                    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        })
    };
    html! {
        <div class="tabs" role="tablist" aria-label="View" {onkeydown}>
            { for Tab::ALL.iter().map(|t| {
                let t = *t;
                let selected = t == p.current;
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", t.id())} data-testid={format!("tab-{}", t.id())}
                        aria-selected={selected.to_string()} aria-controls="tab-panel" tabindex={if selected { "0" } else { "-1" }}
                        onclick={p.on_select.reform(move |_| t)}>{ t.words() }</button>
                }
            }) }
        </div>
    }
}

/// Which side a narrow screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Scenario,
    Answer,
}

/// The outcome in one line, always in sight on a narrow screen.
fn outcome_line(trace: &crate::trace::Trace) -> String {
    trace
        .outcome
        .keys()
        .map(|item| format!("{}: {}", item.words(), trace.outcome_words(*item)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What a screen reader is told when an edit changes the outcome:
/// "components now from ua://10.0.0.5".
fn announcement(state: &State) -> String {
    let Some(before) = state.previous.as_ref() else { return String::new() };
    state
        .trace
        .outcome
        .iter()
        .filter(|(item, o)| before.outcome.get(item) != Some(o))
        .map(|(item, _)| {
            format!("{} now {}", item.words(), state.trace.outcome_words(*item).replacen("updated from", "from", 1))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

struct NoticeProps {
    notice: Notice,
    can_restore: bool,
    on_restore: Callback<MouseEvent>,
    on_dismiss: Callback<MouseEvent>,
}

fn notice_bar(p: &NoticeProps) -> Html {
    let error = p.notice.kind == state::NoticeKind::Error;
    html! {
        <div class={classes!("notice", if error { "error" } else { "info" })} role={if error { "alert" } else { "status" }} data-testid="notice">
            <span>{ &p.notice.text }</span>
            if p.can_restore {
                <button type="button" data-testid="restore" onclick={p.on_restore.clone()}>{ "Restore my previous work" }</button>
            }
            <button type="button" class="small" aria-label="Dismiss" onclick={p.on_dismiss.clone()}>{ "×" }</button>
        </div>
    }
}

struct PrintSummaryProps {
    scenario: Scenario,
}

/// What a printed trace needs beside it on a ticket or a handout: the
/// scenario it was traced for. Shown only in print.
fn print_summary(p: &PrintSummaryProps) -> Html {
    use crate::diagram::escape;
    let s = &p.scenario;
    const LINES: usize = 60;
    let text = list_text(s);
    let list: Vec<&str> = text.lines().take(LINES).collect();
    let total = text.lines().count();
    // Written as markup, not as Yew's elements: what is only printed
    // costs the first load less as one string.
    let mut out = String::from(r#"<section class="print-only scenario-summary" aria-hidden="true">"#);
    if let Some(t) = &s.title {
        out.push_str(&format!(r#"<h2 data-testid="print-title">{}</h2>"#, escape(t)));
    }
    out.push_str(&format!(
        "<p>{}</p>",
        escape(&format!(
            "{} · {} {} ({}, {}) · {}",
            s.profile.product(),
            s.profile.agent_name(),
            s.agent.addresses.join(", "),
            s.agent.role.words(),
            s.agent.trigger.words(),
            s.sources.mode.words()
        ))
    ));
    if !s.world.down.is_empty() {
        out.push_str(&format!("<p>Down: {}</p>", escape(&crate::vocabulary::down_list(s.profile, &s.world.down))));
    }
    if s.sources.mode == Mode::Customized && !list.is_empty() {
        let more = if total > LINES { format!("\n… and {} more lines", total - LINES) } else { String::new() };
        out.push_str(&format!("<pre>{}{more}</pre>", escape(&list.join("\n"))));
    }
    out.push_str("</section>");
    Html::from_html_unchecked(AttrValue::from(out))
}

/// If the page ever panics, say so, keep the work, and offer it for copying.
/// Yew's own hook (the console only) would take the place of one set with
/// `std::panic::set_hook` when the page is rendered: this one is Yew's custom hook.
pub(crate) fn install_panic_banner() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let what = info.to_string();
        script::crash_banner(what.lines().next().unwrap_or("unknown"), &browser::saved_text().unwrap_or_default());
        web_sys::console::error_1(&what.into());
    }));
}
