//! The toolbar: examples, share, import and export, copy, presenter mode.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::scenario::Scenario;
use crate::ui::browser;
use crate::ui::examples;
use crate::ui::state::{Action, Notice, State};

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub state: UseReducerHandle<State>,
    pub dispatch: Callback<Action>,
    /// The scenario's current link fragment.
    pub link: String,
}

/// Reads a dropped or picked file as a scenario; a bad one leaves the work as it is.
pub fn import_file(file: web_sys::File, dispatch: Callback<Action>) {
    let name = file.name();
    let file = gloo::file::File::from(file);
    if file.size() > crate::scenario::MAX_DOCUMENT_BYTES as u64 {
        dispatch.emit(Action::Notice(Some(Notice::error(format!(
            "{name} is {} bytes; the planner reads at most {} bytes. Your current work is kept.",
            file.size(),
            crate::scenario::MAX_DOCUMENT_BYTES
        )))));
        return;
    }
    let reader = gloo::file::callbacks::read_as_text(&file, move |result| {
        let action = match result {
            Err(e) => Action::Notice(Some(Notice::error(format!(
                "{name} could not be read: {e}. Your current work is kept."
            )))),
            Ok(text) => match Scenario::from_json(&text) {
                Ok(s) => Action::Load(Box::new(s), Some(Notice::info(format!("Imported {name}.")))),
                Err(e) => Action::Notice(Some(Notice::error(format!(
                    "{name} is not a scenario: {e}. Your current work is kept."
                )))),
            },
        };
        dispatch.emit(action);
    });
    // The read finishes on its own; the handle must live until then.
    std::mem::forget(reader);
}

#[function_component(Toolbar)]
pub fn toolbar(p: &ToolbarProps) -> Html {
    let state = p.state.clone();
    let d = p.dispatch.clone();
    let share_link = use_state(String::new);
    let copied = use_state(|| false);
    let gallery = examples::gallery();

    let on_example = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let file = select.value();
            select.set_selected_index(0);
            let Some(ex) = gallery.iter().find(|x| x.file == file) else { return };
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = examples::load(ex.file).await;
                let action = match loaded.and_then(|t| Scenario::from_json(&t).map_err(|e| e.to_string())) {
                    Ok(s) => {
                        Action::Load(Box::new(s), Some(Notice::info(format!("Example: {}. {}", ex.title, ex.story))))
                    }
                    Err(e) => Action::Notice(Some(Notice::error(format!("{e}. Your current work is kept.")))),
                };
                d.emit(action);
            });
        })
    };
    let on_share = {
        let state = state.clone();
        let share_link = share_link.clone();
        let d = d.clone();
        Callback::from(move |_| {
            let (scenario, share_link, d) = (state.scenario.clone(), share_link.clone(), d.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::share_fragment(&scenario).await {
                    Ok(fragment) => {
                        let link = format!("{}#{}", browser::base_url(), fragment);
                        browser::copy(&link);
                        share_link.set(link);
                    }
                    Err(e) => d.emit(Action::Notice(Some(Notice::error(format!("No link: {e}."))))),
                }
            });
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |_| {
            browser::download(&state.scenario.file_name(), "application/json", &state.scenario.to_json())
        })
    };
    let on_import = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import_file(file, d.clone());
            }
            input.set_value("");
        })
    };
    let on_copy = {
        let state = state.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            browser::copy(&state.trace.to_markdown(state.scenario.title.as_deref()));
            copied.set(true);
        })
    };
    let on_present = {
        let d = d.clone();
        let presenting = state.presenter.is_some();
        Callback::from(move |_| d.emit(Action::Present(if presenting { None } else { Some(0) })))
    };
    let embed_link = format!("{}?embed=1#{}", browser::base_url(), p.link);
    html! {
        <nav class="toolbar" aria-label="Tools">
            <label class="visually-hidden" for="examples">{ "Load an example" }</label>
            <select id="examples" data-testid="examples" onchange={on_example}>
                <option value="" selected=true>{ "Examples…" }</option>
                { for gallery.iter().map(|ex| html! { <option value={ex.file} title={ex.story}>{ format!("{} ({})", ex.title, ex.profile) }</option> }) }
            </select>
            <button type="button" data-testid="share" data-link={(*share_link).clone()} onclick={on_share}>{ "Share link" }</button>
            <button type="button" data-testid="copy-trace" onclick={on_copy}>{ if *copied { "Trace copied" } else { "Copy trace" } }</button>
            <button type="button" data-testid="export" onclick={on_export}>{ "Export JSON" }</button>
            <label class="file-button">
                { "Import JSON" }
                <input type="file" accept=".json,application/json" data-testid="import" onchange={on_import} />
            </label>
            <button type="button" data-testid="presenter" aria-pressed={state.presenter.is_some().to_string()} onclick={on_present}>
                { if state.presenter.is_some() { "Exit presenter" } else { "Presenter mode" } }
            </button>
            <a class="button" href={embed_link} data-testid="embed-link" target="_blank" rel="noopener">{ "Embed view" }</a>
        </nav>
    }
}
