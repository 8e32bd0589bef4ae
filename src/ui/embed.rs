//! The view a documentation page frames (`?embed=1`), as a program of its
//! own: the boot script loads this bundle instead of the page, so a framed
//! case carries none of the page's editing parts (the inputs, the list
//! editor, the toolbar) and the page's first load none of it.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::edit::{list_text, Edit};
use crate::format::scenario::Mode;
use crate::ui::state::{self, Action, State};
use crate::ui::trace_view::{TraceView, View};
use crate::ui::{browser, default_scenario, use_keep_work, use_open_links};

/// The framed case: the link's own, never the reader's work, which is
/// neither shown nor stored over here.
#[function_component(EmbedApp)]
pub fn embed_app() -> Html {
    let state = use_reducer(|| State::new(default_scenario(), None));
    let link = use_state(|| browser::fragment().trim_start_matches('#').to_string());
    use_keep_work(&state, &link, true);
    use_open_links(&state, true);
    let agent = use_memo(state.scenario.agent.addresses.clone(), |a| Rc::new(a.clone()));
    let view = use_memo((), |_| View::from_query(browser::query_value("view").as_deref()));
    let edit = {
        let state = state.clone();
        Callback::from(move |e: Edit| state.dispatch(Action::Edit(e)))
    };
    html! {
        <Embed state={state.clone()} link={(*link).clone()} view={(*view).clone().unwrap_or_default()}
            view_error={(*view).clone().err()} agent={(*agent).clone()} on_edit={edit} />
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub state: UseReducerHandle<State>,
    pub link: String,
    pub view: View,
    /// Why the `view` asked for was not taken.
    pub view_error: Option<String>,
    pub agent: Rc<Vec<String>>,
    pub on_edit: Callback<Edit>,
}

/// The view a documentation page frames: the case as documented, read-only
/// until the reader asks to try it, with the way back and the full planner
/// always at hand, reporting its height to the framing page.
#[function_component(Embed)]
pub fn embed(p: &EmbedProps) -> Html {
    let state = &p.state;
    // The case as the documentation gave it, to come back to: taken when
    // the reader starts trying (until then nothing can change it).
    let documented = use_state(|| state.scenario.clone());
    let trying = use_state(|| false);
    let shown_line = use_state(|| None::<usize>);
    use_effect(browser::post_height);
    {
        use_effect_with((), |_| {
            let listener = EventListener::new(&gloo::utils::window(), "resize", |_| browser::post_height());
            move || drop(listener)
        });
    }
    let s = &state.scenario;
    let open = format!("{}#{}", browser::base_url(), p.link);
    let try_it = {
        let (t, d, now) = (trying.clone(), documented.clone(), state.scenario.clone());
        Callback::from(move |_| {
            d.set(now.clone());
            t.set(true);
        })
    };
    let back = {
        let (t, d, e) = (trying.clone(), documented.clone(), p.on_edit.clone());
        Callback::from(move |_| {
            e.emit(Edit::Replace(Box::new((*d).clone())));
            t.set(false);
        })
    };
    let goto = {
        let shown = shown_line.clone();
        Callback::from(move |(line, _): (usize, usize)| {
            shown.set(Some(line));
            if let Ok(Some(el)) = gloo::utils::document().query_selector(&format!("#embed-line-{line}")) {
                el.scroll_into_view();
            }
        })
    };
    // A bad `view` is the writer's typo: said, with no case in its place,
    // like a bad link.
    let failed = match (&state.link, &p.view_error) {
        (state::LinkStatus::Failed(why), _) => Some(format!("The link could not be opened: {why}.")),
        (_, Some(why)) => Some(format!("The frame's address is wrong: {why}.")),
        _ => None,
    };
    match (&state.link, failed) {
        (state::LinkStatus::Unread, None) => {
            return html! { <main class="embed"><p class="embed-opening" role="status">{ "Opening the documented case…" }</p></main> };
        }
        (_, None) => {}
        (_, Some(why)) => {
            return html! {
                <main class="embed">
                    <div class="embed-error" role="alert" data-testid="embed-error">
                        <h1>{ "This documented case cannot be shown" }</h1>
                        <p>{ why }</p>
                        <p>{ "Whoever wrote this page can make the link again with Share link or planner links. No other case is shown in its place." }</p>
                    </div>
                    <p class="embed-actions">
                        <a class="button" href={browser::base_url()} target="_blank" rel="noopener" data-testid="open-in-planner">{ "Open the planner" }</a>
                    </p>
                </main>
            };
        }
    }
    let down = crate::vocabulary::down_list(s.profile, &s.world.down);
    let text = list_text(s);
    html! {
        <main class="embed">
            <header class="embed-head">
                <h1>{ s.title.clone().unwrap_or_else(|| format!("{} update path", s.profile.product())) }</h1>
                <p class="embed-case">
                    { format!("{} · {} {}", s.profile.product(), s.profile.agent_name(), s.agent.addresses.join(", ")) }
                    { if down.is_empty() { " · nothing down".to_string() } else { format!(" · down: {down}") } }
                </p>
                <p class="embed-actions">
                    if *trying {
                        <button type="button" data-testid="embed-back" onclick={back}>{ "Back to the documented case" }</button>
                    } else {
                        <button type="button" data-testid="embed-try" onclick={try_it}>{ "Try it" }</button>
                    }
                    <a class="button" href={open} target="_blank" rel="noopener" data-testid="open-in-planner">{ "Open in planner" }</a>
                </p>
            </header>
            <TraceView trace={state.trace.clone()} previous={None::<state::Shared<crate::trace::Trace>>}
                on_toggle_down={p.on_edit.reform(Edit::ToggleDown)} on_goto={goto}
                agent={p.agent.clone()} view={p.view} read_only={!*trying}
                on_draw={Some({ let st = state.clone(); Callback::from(move |()| st.dispatch(Action::DrawAnother)) })}
                on_download={Some({
                    let (scenario, draw) = (s.clone(), state.draw.number());
                    let stem = crate::format::scenario::file_stem(s.title.as_deref()).unwrap_or_default();
                    Callback::from(move |png| crate::ui::tools_host::download_picture(&scenario, draw, stem.clone(), png))
                })} />
            if s.sources.mode == Mode::Customized && !text.is_empty() {
                <details class="embed-list" open={shown_line.is_some()}>
                    <summary>{ "The customized list" }</summary>
                    <ol class="embed-lines">
                        { for text.lines().take(2000).enumerate().map(|(i, l)| html! {
                            <li id={format!("embed-line-{}", i + 1)} class={classes!((*shown_line == Some(i + 1)).then_some("shown"))}
                                data-line={(i + 1).to_string()}>{ l }</li>
                        }) }
                    </ol>
                </details>
            }
        </main>
    }
}
