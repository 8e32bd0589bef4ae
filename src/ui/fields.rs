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

/// A `<select>` over an enum's values with their labels.
pub fn select<T: Copy + PartialEq + 'static>(
    id: &str,
    testid: Option<&str>,
    label: &str,
    options: &[(T, &str, &str)],
    current: T,
    on: Callback<T>,
) -> Html {
    let values: Vec<T> = options.iter().map(|o| o.0).collect();
    let onchange = Callback::from(move |e: Event| {
        let i = e.target_unchecked_into::<HtmlSelectElement>().selected_index();
        if let Some(v) = usize::try_from(i).ok().and_then(|i| values.get(i)) {
            on.emit(*v);
        }
    });
    html! {
        <label class="field" for={id.to_string()}>
            <span class="label">{ label }</span>
            <select id={id.to_string()} data-testid={testid.map(str::to_string)} {onchange}>
                { for options.iter().map(|(v, value, words)| html! {
                    <option value={value.to_string()} selected={*v == current}>{ *words }</option>
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
