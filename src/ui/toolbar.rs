//! The toolbar: undo and redo, examples, share, import and export, copy,
//! presenter mode.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::format::scenario::Scenario;
use crate::trace::Trace;
use crate::ui::browser;
use crate::ui::examples;
use crate::ui::state::{Action, Notice, Shared};

/// What the toolbar draws from. It is drawn as a function, not a component
/// (its one piece of state, the last link shared, is the page's): a
/// component's machinery would cost the first load kilobytes.
pub struct ToolbarProps {
    pub scenario: Scenario,
    pub trace: Shared<Trace>,
    pub presenting: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Loads, notices, undo and redo, presenter mode.
    pub dispatch: Callback<Action>,
    /// The scenario's current link fragment.
    pub link: String,
    /// The last link Share put on the clipboard.
    pub share_link: UseStateHandle<String>,
}

/// Reads a dropped or picked file as a scenario (the on-demand bundle reads
/// it); a bad one leaves the work as it is.
pub fn import_file(file: web_sys::File, dispatch: Callback<Action>) {
    wasm_bindgen_futures::spawn_local(async move {
        dispatch.emit(match crate::ui::tools_host::import_file(file).await {
            Ok((s, notice)) => Action::Load(Box::new(s), Some(Notice::info(notice))),
            Err(why) => Action::Notice(Some(Notice::error(why))),
        });
    });
}

/// What an import says: the file, and its errors placed in the file itself
/// (the page keeps no document text to place them in afterwards).
pub fn imported(name: &str, trace: &crate::trace::Trace) -> String {
    let placed: Vec<String> = trace
        .errors
        .iter()
        .filter(|e| !e.in_pasted_list())
        .map(|e| format!("line {}, column {}: {}", e.line, e.column, e.text))
        .collect();
    match placed.as_slice() {
        [] => format!("Imported {name}."),
        [one] => format!("Imported {name}. In the file, {one}."),
        [first, second, rest @ ..] => format!(
            "Imported {name}. In the file, {first}; {second}{}.",
            if rest.is_empty() { String::new() } else { format!("; and {} more", rest.len()) }
        ),
    }
}

pub fn toolbar(p: &ToolbarProps) -> Html {
    let d = p.dispatch.clone();
    let share_link = p.share_link.clone();
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
                        let story = examples::story(ex.file).await.unwrap_or_default();
                        Action::Load(Box::new(s), Some(Notice::info(format!("Example: {}. {story}", ex.title))))
                    }
                    Err(e) => Action::Notice(Some(Notice::error(format!("{e}. Your current work is kept.")))),
                };
                d.emit(action);
            });
        })
    };
    let on_share = {
        let scenario = p.scenario.clone();
        let share_link = share_link.clone();
        let d = d.clone();
        Callback::from(move |_| {
            let (scenario, share_link, d) = (scenario.clone(), share_link.clone(), d.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::share_fragment(&scenario).await {
                    Ok(fragment) => {
                        let link = format!("{}#{}", browser::base_url(), fragment);
                        browser::copy(&link);
                        share_link.set(link);
                        d.emit(Action::Notice(Some(Notice::info("The link to this scenario is on the clipboard."))));
                    }
                    Err(e) => d.emit(Action::Notice(Some(Notice::error(format!("No link: {e}."))))),
                }
            });
        })
    };
    let on_export = {
        let scenario = p.scenario.clone();
        Callback::from(move |_| browser::download(&scenario.file_name(), "application/json", &scenario.to_json()))
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
        let (trace, title, d) = (p.trace.clone(), p.scenario.title.clone(), d.clone());
        Callback::from(move |_| {
            browser::copy(&trace.to_markdown(title.as_deref()));
            d.emit(Action::Notice(Some(Notice::info("The trace is on the clipboard, as Markdown for a ticket. The picture is not included: use Download SVG."))));
        })
    };
    let on_new = {
        let (d, profile) = (d.clone(), p.scenario.profile);
        Callback::from(move |_| {
            let words =
                format!("New {} scenario: no list, nothing down, the console's default settings.", profile.product());
            d.emit(Action::Load(Box::new(Scenario::starter(profile)), Some(Notice::info(words))));
        })
    };
    let presenting = p.presenting;
    let on_present = d.reform(move |_| Action::Present(!presenting));
    let embed_link = format!("{}?embed=1#{}", browser::base_url(), p.link);
    html! {
        <nav class="toolbar" aria-label="Tools">
            <button type="button" data-testid="undo" disabled={!p.can_undo} onclick={d.reform(|_| Action::Undo)} title="Undo (Ctrl+Z)">{ "Undo" }</button>
            <button type="button" data-testid="redo" disabled={!p.can_redo} onclick={d.reform(|_| Action::Redo)} title="Redo (Ctrl+Shift+Z or Ctrl+Y)">{ "Redo" }</button>
            <button type="button" data-testid="new-scenario" onclick={on_new} title="Start again from nothing, for the same product">{ "New scenario" }</button>
            <label class="visually-hidden" for="examples">{ "Load an example" }</label>
            <select id="examples" data-testid="examples" onchange={on_example}>
                <option value="" selected=true>{ "Examples…" }</option>
                { for gallery.iter().map(|ex| html! { <option value={ex.file}>{ story_option(ex.title, ex.product) }</option> }) }
            </select>
            <a class="button" href="examples/" data-testid="stories" title="Every example as a page of its own, to read or link to">{ "Story pages" }</a>
            <button type="button" data-testid="share" data-link={(*p.share_link).clone()} onclick={on_share}>{ "Share link" }</button>
            <button type="button" data-testid="copy-trace" onclick={on_copy}>{ "Copy trace" }</button>
            <button type="button" data-testid="export" onclick={on_export}>{ "Export JSON" }</button>
            <label class="file-button">
                { "Import JSON" }
                <input type="file" accept=".json,application/json" data-testid="import" onchange={on_import} />
            </label>
            <button type="button" data-testid="presenter" aria-pressed={presenting.to_string()} onclick={on_present}>
                { if presenting { "Exit presenter" } else { "Presenter mode" } }
            </button>
            <a class="button" href={embed_link} data-testid="embed-link" target="_blank" rel="noopener">{ "Embed view" }</a>
        </nav>
    }
}

/// A story as the gallery lists it: its title and its product, the
/// product once when the title already names it.
fn story_option(title: &str, product: &str) -> String {
    if title.ends_with(&format!("({product})")) {
        title.to_string()
    } else {
        format!("{title} ({product})")
    }
}
