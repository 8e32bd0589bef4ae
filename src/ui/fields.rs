//! The form fields every settings form is made of: a labelled select, a
//! text field with its one-line explanation, a checkbox in the console's
//! words. The page and the on-demand settings draw with the same ones.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::edit::flags::{Flag, Screen};
use crate::edit::Edit;
use crate::format::scenario::Scenario;

/// The checkboxes of one console screen, for the scenario's product, in
/// the words `text` gives ([`Flag::page_text`] in the page's first load,
/// [`Flag::text`] in the on-demand settings).
pub fn flag_boxes(
    s: &Scenario,
    screen: Screen,
    on_edit: &Callback<Edit>,
    text: fn(Flag, crate::model::profile::Profile) -> (String, &'static str),
) -> Html {
    let profile = s.profile;
    Flag::ALL
        .iter()
        .filter(|f| f.screen() == screen && f.applies_to(profile))
        .map(|f| {
            let f = *f;
            let (words, help) = text(f, profile);
            checkbox(
                format!("flag-{}", f.id()),
                words,
                Some(help),
                f.get(s),
                on_edit.reform(move |on| Edit::SetFlag(f, on)),
            )
        })
        .collect::<Html>()
}

/// A `<select>` over an enum's values with their labels. Generic only in
/// its first lines: the form itself is drawn once, by [`select_at`], for
/// every enum (each copy of a form would cost the first load).
pub fn select<T: Copy + PartialEq + 'static>(
    id: &str,
    testid: Option<&str>,
    label: &str,
    options: &[(T, &str, &str)],
    current: T,
    on: Callback<T>,
) -> Html {
    let values: Vec<T> = options.iter().map(|o| o.0).collect();
    let choices: Vec<(&str, &str)> = options.iter().map(|o| (o.1, o.2)).collect();
    let at = values.iter().position(|v| *v == current);
    select_at(
        id,
        testid,
        label,
        &choices,
        at,
        Callback::from(move |i: usize| {
            if let Some(v) = values.get(i) {
                on.emit(*v);
            }
        }),
    )
}

/// The `<select>` of [`select`]: options as (value, words), the chosen
/// one by its position.
#[inline(never)]
fn select_at(
    id: &str,
    testid: Option<&str>,
    label: &str,
    options: &[(&str, &str)],
    current: Option<usize>,
    on: Callback<usize>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Ok(i) = usize::try_from(e.target_unchecked_into::<HtmlSelectElement>().selected_index()) {
            on.emit(i);
        }
    });
    let index = wasm_bindgen::JsValue::from(current.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1));
    html! {
        <label class="field" for={id.to_string()}>
            <span class="label">{ label }</span>
            // The chosen option as a property too: once the user has picked
            // one, an option's `selected` attribute no longer moves the
            // choice, and an Undo must.
            <select id={id.to_string()} data-testid={testid.map(str::to_string)} {onchange} ~selectedIndex={index}>
                { for options.iter().enumerate().map(|(i, (value, words))| html! {
                    <option value={value.to_string()} selected={Some(i) == current}>{ *words }</option>
                }) }
            </select>
        </label>
    }
}

pub fn text_input(
    id: &str,
    testid: Option<&str>,
    label: &str,
    value: String,
    placeholder: &str,
    help: &str,
    on: Callback<String>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| on.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
    let help_id = format!("{id}-help");
    html! {
        <label class="field" for={id.to_string()}>
            <span class="label">{ label }</span>
            <input id={id.to_string()} data-testid={testid.map(str::to_string)} type="text" spellcheck="false"
                {value} placeholder={placeholder.to_string()} {oninput} aria-describedby={help_id.clone()} />
            <span class="help" id={help_id}>{ help }</span>
        </label>
    }
}

pub fn checkbox(id: String, label: String, help: Option<&str>, checked: bool, on: Callback<bool>) -> Html {
    let onchange = Callback::from(move |e: Event| on.emit(e.target_unchecked_into::<HtmlInputElement>().checked()));
    html! {
        <label class="check" for={id.clone()}>
            <input type="checkbox" id={id.clone()} data-testid={id} {checked} {onchange} />
            <span><span class="label">{ label }</span>
            if let Some(h) = help { <span class="help">{ h }</span> }</span>
        </label>
    }
}
