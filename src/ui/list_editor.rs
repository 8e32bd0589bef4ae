//! The customized list two ways: a text area (paste from anywhere) and a
//! console-like table (add, edit, delete, move one at a time), both editing
//! the same text.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::ui::reading::{self, Pasted};
use crate::ui::state::Shared;
use crate::ui::tools_host::{Tool, ToolsHost};

use crate::edit::{list_text, Edit};
use crate::input::source_list::{parse_list, write_line, Entry, CONSOLE_LIMIT};
use crate::model::diagnostics::InputError;
use crate::model::plural;
use crate::plan::{ListReading, Plan};

/// A pasted list this long waits for typing to settle before it is read again.
const DEBOUNCE_MS: u32 = 120;
/// Up to this many lines (a full console list and then some), every
/// keystroke is read at once: it takes a few milliseconds.
const IMMEDIATE_LINES: usize = 4096;

#[derive(Properties, PartialEq)]
pub struct ListEditorProps {
    pub text: Arc<str>,
    /// The prepared scenario: its entries, without a copy per redraw.
    pub plan: Shared<Plan>,
    pub errors: Vec<InputError>,
    /// A new text small enough to read at once.
    pub on_change: Callback<String>,
    /// A large one, read a slice at a time here.
    pub on_read: Callback<Arc<ListReading>>,
    /// Table edits.
    pub on_edit: Callback<Edit>,
    pub textarea: NodeRef,
}

#[function_component(ListEditor)]
pub fn list_editor(p: &ListEditorProps) -> Html {
    // The list's reading lives here, so the progress of a large paste
    // redraws the editor alone, not the page.
    let reading = reading::use_reading(p.on_change.clone(), p.on_read.clone());
    let on_change = {
        let r = reading.clone();
        Callback::from(move |t: String| r.read(t))
    };
    let on_paste = {
        let r = reading.clone();
        Callback::from(move |t: Pasted| r.paste(t))
    };
    // What is typed while reading it again waits for typing to settle.
    let draft = use_state(|| p.text.clone());
    let pending = use_mut_ref(|| None::<Timeout>);
    let gutter = use_node_ref();
    let table_view = use_state(|| false);
    // The user asked to edit a large list as text anyway.
    let edit_large = use_state(|| false);
    // The list as given, unless typing is ahead of it.
    let shown: Arc<str> = if pending.borrow().is_some() { (*draft).clone() } else { p.text.clone() };
    let large = list_text::is_large(&shown);
    let as_text = !large || *edit_large;

    {
        // Outside changes (table, example, import, a large paste) replace the
        // text area's content, as does showing the text area again. Typing
        // does not set the content back: setting a long list again would make
        // the browser lay it all out anew.
        let pending = pending.clone();
        let area = p.textarea.clone();
        use_effect_with((p.text.clone(), as_text), move |(text, _)| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                if pending.borrow().is_none() && a.value() != **text {
                    a.set_value(text);
                }
            }
        });
    }

    let oninput = {
        let draft = draft.clone();
        let pending = pending.clone();
        let on_change = on_change.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            draft.set(value.as_str().into());
            if value.len() < IMMEDIATE_LINES * 64 && value.lines().count() <= IMMEDIATE_LINES {
                pending.borrow_mut().take();
                on_change.emit(value);
            } else {
                schedule(&pending, on_change.clone(), value);
            }
        })
    };
    // A large paste goes straight to the list, never through the text area:
    // the browser would spend seconds laying it out.
    let onpaste = {
        let (pending, on_paste) = (pending.clone(), on_paste.clone());
        Callback::from(move |e: Event| {
            let area = e.target_dyn_into::<HtmlTextAreaElement>();
            if let Some(pasted) = reading::large_paste(&e, area.as_ref()) {
                pending.borrow_mut().take();
                on_paste.emit(pasted);
            }
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            if let Some(g) = gutter.cast::<web_sys::Element>() {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };

    // Sorted, for the gutter and the read-only view to look lines up.
    let error_lines: Rc<Vec<usize>> = Rc::new({
        let mut lines: Vec<usize> = p.errors.iter().map(|e| e.line).collect();
        crate::model::order::sort_small(&mut lines);
        lines.dedup();
        lines
    });
    let show_table = *table_view;
    let toggle_view = {
        let table_view = table_view.clone();
        Callback::from(move |_| table_view.set(!*table_view))
    };
    let on_edit_large = {
        let edit_large = edit_large.clone();
        Callback::from(move |on: bool| edit_large.set(on))
    };

    html! {
        <div class="list-editor">
            <div class="list-head">
                <label for="source-list">{ "Customized update source list" }</label>
                <span class="hint">{ "One entry a line: RANGE -> SOURCE [serves=…] [# label]. Separators: ->, =>, tab, comma or spaces." }</span>
                <button type="button" class="small" onclick={toggle_view} aria-pressed={show_table.to_string()}>
                    { if show_table { "Show text" } else { "Show as table" } }
                </button>
            </div>
            { reading.view() }
            if show_table {
                <ToolsHost tool={Tool::Table} scenario={table_scenario(&p.plan, &p.text)} plan={p.plan.clone()}
                    on_edit={p.on_edit.clone()} />
            }
            if large {
                <LargeList text={shown.clone()} error_lines={error_lines.clone()} header={p.plan.list.header}
                    editing={*edit_large} on_edit={on_edit_large} on_change={on_change.clone()} on_paste={on_paste.clone()} collapsed={show_table} />
            }
            if as_text {
                <div class={classes!("editor", show_table.then_some("collapsed"))}>
                    <div class="gutter" ref={gutter} aria-hidden="true">
                        <Gutter lines={shown.split('\n').count().max(1)} {error_lines} header={p.plan.list.header} />
                    </div>
                    <textarea id="source-list" data-testid="source-list" ref={p.textarea.clone()}
                        spellcheck="false" autocomplete="off" wrap="off"
                        aria-describedby="list-status"
                        {oninput} {onpaste} {onscroll} />
                </div>
            }
            <p id="list-status" class="list-status" data-testid="list-status">
                { plural::count(p.plan.entries().len(), "entry", "entries") }
                if let Some(h) = p.plan.list.header { { format!(" · line {h} taken as a header") } }
                if !p.errors.is_empty() { <span class="bad">{ format!(" · {}", plural::count(p.errors.len(), "line with errors", "lines with errors")) }</span> }
                if p.plan.entries().len() > CONSOLE_LIMIT {
                    <span class="bad">{ format!(" · over the console's {CONSOLE_LIMIT} entries") }</span>
                }
            </p>
        </div>
    }
}

/// Line numbers beyond this are not drawn: a list that long is read, but
/// numbering it would slow every redraw.
const GUTTER_LINES: usize = list_text::LARGE_LINES;

#[derive(Properties, PartialEq)]
struct GutterProps {
    lines: usize,
    error_lines: Rc<Vec<usize>>,
    header: Option<usize>,
}

/// Redrawn only when the line count, the error lines or the header change.
#[function_component(Gutter)]
fn gutter(p: &GutterProps) -> Html {
    (1..=p.lines.min(GUTTER_LINES))
        .map(|n| {
            let bad = p.error_lines.binary_search(&n).is_ok();
            let header = p.header == Some(n);
            html! { <div class={classes!(bad.then_some("bad"), header.then_some("header"))}>{ n }</div> }
        })
        .collect()
}

/// Height of one line of the read-only view, in pixels (as in the CSS).
const VIEW_LINE_PX: i32 = 20;
/// Lines drawn beyond those in sight, so a quick scroll never shows a gap.
const VIEW_SPARE: usize = 20;
/// Characters of a line the view draws; the whole line is still read.
const VIEW_LINE_CHARS: usize = 300;

#[derive(Properties, PartialEq)]
struct LargeListProps {
    text: Arc<str>,
    error_lines: Rc<Vec<usize>>,
    header: Option<usize>,
    editing: bool,
    on_edit: Callback<bool>,
    on_change: Callback<String>,
    on_paste: Callback<Pasted>,
    collapsed: bool,
}

/// A list far beyond the console's limit, shown read-only: only the lines in
/// sight are drawn, so 100,000 lines scroll as lightly as ten. Pasting here
/// replaces the list; the text area stays one click away.
#[function_component(LargeList)]
fn large_list(p: &LargeListProps) -> Html {
    let starts = use_memo(p.text.clone(), |t| list_text::line_starts(t));
    let scroll = use_state(|| 0i32);
    let height = if p.collapsed { 7 * 16 } else { 15 * 16 };
    let in_sight = usize::try_from(height / VIEW_LINE_PX).unwrap_or(0);
    let first = usize::try_from(*scroll / VIEW_LINE_PX).unwrap_or(0).saturating_sub(VIEW_SPARE / 2).min(starts.len());
    let last = (first + in_sight + VIEW_SPARE).min(starts.len());
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| scroll.set(e.target_unchecked_into::<web_sys::Element>().scroll_top()))
    };
    // A paste here replaces the whole list.
    let onpaste = {
        let on_paste = p.on_paste.clone();
        Callback::from(move |e: Event| {
            if let Some(pasted) = reading::large_paste(&e, None) {
                on_paste.emit(pasted);
            }
        })
    };
    let lines = (first..last).map(|i| {
        let n = i + 1;
        let text = list_text::line_at(&p.text, &starts, i, VIEW_LINE_CHARS).unwrap_or_default();
        let class = classes!("vline", p.error_lines.binary_search(&n).is_ok().then_some("bad"), (p.header == Some(n)).then_some("header"));
        html! { <tr {class} data-line={n.to_string()}><td class="ln">{ n }</td><td class="lt">{ text.into_owned() }</td></tr> }
    });
    let top = i32::try_from(first).unwrap_or(i32::MAX).saturating_mul(VIEW_LINE_PX);
    let bottom = i32::try_from(starts.len() - last).unwrap_or(i32::MAX).saturating_mul(VIEW_LINE_PX);
    let mb = p.text.len() / 100_000;
    html! {
        <div class="large-list">
            <p class="large-note" data-testid="large-list-note">
                { format!("{} lines, {}.{} MB: shown read-only so the page stays quick. Paste into it to replace the list. ", starts.len(), mb / 10, mb % 10) }
                if p.editing {
                    <button type="button" class="small" onclick={{ let e = p.on_edit.clone(); Callback::from(move |_| e.emit(false)) }}>{ "Close the text area" }</button>
                } else {
                    <button type="button" class="small" data-testid="edit-large" onclick={{ let e = p.on_edit.clone(); Callback::from(move |_| e.emit(true)) }}>{ "Edit as text (slow)" }</button>
                }
                { " " }
                <button type="button" class="small danger" data-testid="clear-list" onclick={{ let c = p.on_change.clone(); Callback::from(move |_| c.emit(String::new())) }}>{ "Clear the list" }</button>
            </p>
            if !p.editing {
                <div id="source-list-view" class={classes!("list-view", p.collapsed.then_some("collapsed"))} data-testid="source-list-view"
                    tabindex="0" role="region" aria-label="Customized update source list (read-only)" {onscroll} {onpaste}>
                    // Spacers keep the scroll bar true to the whole list (a
                    // height attribute, since the CSP refuses inline styles).
                    <table><tbody>
                        <tr class="pad" aria-hidden="true"><td colspan="2" height={top.to_string()}></td></tr>
                        { for lines }
                        <tr class="pad" aria-hidden="true"><td colspan="2" height={bottom.to_string()}></td></tr>
                    </tbody></table>
                </div>
            }
        </div>
    }
}

/// Scrolls the read-only view to a line (an error clicked in the trace).
pub fn show_line(line: usize) {
    if let Some(view) = gloo::utils::document().get_element_by_id("source-list-view") {
        let _ = view.dyn_ref::<web_sys::HtmlElement>().map(|v| v.focus());
        view.set_scroll_top(i32::try_from(line.saturating_sub(3)).unwrap_or(i32::MAX).saturating_mul(VIEW_LINE_PX));
    }
}

fn schedule(pending: &Rc<RefCell<Option<Timeout>>>, on_change: Callback<String>, value: String) {
    let slot = pending.clone();
    let timeout = Timeout::new(DEBOUNCE_MS, move || {
        slot.borrow_mut().take();
        on_change.emit(value);
    });
    // Replacing the handle cancels the earlier timer.
    *pending.borrow_mut() = Some(timeout);
}

#[derive(Properties, PartialEq, Clone)]
pub struct TableProps {
    pub plan: Shared<Plan>,
    pub on_edit: Callback<Edit>,
}

/// What the table is drawn from: the list, in a scenario of its product
/// (the bundle that draws it reads scenarios).
fn table_scenario(plan: &Plan, text: &Arc<str>) -> crate::format::Scenario {
    let mut s = crate::format::Scenario::starter(plan.profile);
    s.sources.mode = crate::format::scenario::Mode::Customized;
    s.sources.list = crate::format::scenario::ListDoc::Text(text.clone());
    s
}

/// Rows the table draws; a longer list is edited as text.
const TABLE_ROWS: usize = 2000;

/// Where a new entry goes: before this line (past the end: appended).
#[derive(Clone, Copy, PartialEq)]
enum Editing {
    Row(usize),
    InsertBefore(usize),
}

/// The console's table: one row an entry, edited in place, moved one at a
/// time, entries inserted above or below any row. Part of the on-demand
/// bundle: the page shows it through [`crate::ui::tools_host`].
#[function_component(ListTable)]
pub fn list_table(p: &TableProps) -> Html {
    let editing = use_state(|| None::<Editing>);
    // After a move, focus follows the moved row: (its new line, which button).
    let focus = use_state(|| None::<(usize, &'static str)>);
    {
        let focus = focus.clone();
        use_effect_with((*focus, p.plan.clone()), move |(target, _)| {
            if let Some((line, button)) = target {
                let selector = format!("tr[data-line=\"{line}\"] button.{button}");
                // The row may only be drawn once the edit reaches the list: keep
                // the target until it is there.
                if let Ok(Some(el)) = gloo::utils::document().query_selector(&selector) {
                    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                    focus.set(None);
                }
            }
        });
    }
    let entries = p.plan.entries();
    let last_line = entries.last().map_or(1, |e| e.line + 1);
    let form_row = |key: String, entry: Option<Entry>, done: Callback<Option<String>>| {
        html! { <tr {key} class="editing"><td colspan="5"><EntryForm {entry} {done} /></td></tr> }
    };
    // Saved or cancelled, the focus goes to the row's edit button (the
    // form it was in is gone).
    let finish = |at: usize, make: Box<dyn Fn(String) -> Edit>| {
        let (editing, on_edit, focus) = (editing.clone(), p.on_edit.clone(), focus.clone());
        Callback::from(move |line: Option<String>| {
            if let Some(l) = line {
                on_edit.emit(make(l));
            }
            editing.set(None);
            focus.set(Some((at, "link")));
        })
    };
    let mut rows: Vec<Html> = Vec::new();
    for (i, e) in entries.iter().enumerate().take(TABLE_ROWS) {
        let line = e.line;
        if *editing == Some(Editing::InsertBefore(line)) {
            rows.push(form_row(
                format!("i{line}"),
                None,
                finish(line, Box::new(move |text| Edit::InsertLine { line, text })),
            ));
        }
        if *editing == Some(Editing::Row(line)) {
            rows.push(form_row(
                format!("e{line}"),
                Some(e.clone()),
                finish(line, Box::new(move |text| Edit::ReplaceLine { line, text })),
            ));
            continue;
        }
        let prev_line = i.checked_sub(1).and_then(|j| entries.get(j)).map(|e| e.line);
        let next_line = entries.get(i + 1).map(|e| e.line);
        let moved = |to: Option<usize>, button: &'static str| {
            to.map(|other| {
                let (on_edit, focus) = (p.on_edit.clone(), focus.clone());
                Callback::from(move |_: MouseEvent| {
                    on_edit.emit(Edit::SwapLines(line, other));
                    focus.set(Some((other, button)));
                })
            })
        };
        let up = moved(prev_line, "up");
        let down = moved(next_line, "down");
        let set = |to: Editing| {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| editing.set(Some(to)))
        };
        let n = i + 1;
        rows.push(html! {
            <tr key={format!("r{line}")} data-line={line.to_string()}>
                <td>{ n }<span class="line-no">{ format!(" · line {line}") }</span></td>
                <td><button type="button" class="link" onclick={set(Editing::Row(line))} aria-label={format!("Edit entry {n}: {}", e.range)}>{ e.range.to_string() }</button></td>
                <td>{ e.source.canonical() }</td>
                <td>{ e.label.clone().unwrap_or_default() }</td>
                <td class="row-actions">
                    <button type="button" class="small up" disabled={up.is_none()} onclick={up.unwrap_or_default()} aria-label={format!("Move entry {n} up")}>{ "↑" }</button>
                    <button type="button" class="small down" disabled={down.is_none()} onclick={down.unwrap_or_default()} aria-label={format!("Move entry {n} down")}>{ "↓" }</button>
                    <button type="button" class="small" onclick={set(Editing::InsertBefore(line))} aria-label={format!("Insert an entry above entry {n}")}>{ "+↑" }</button>
                    <button type="button" class="small" onclick={set(Editing::InsertBefore(next_line.unwrap_or(line + 1)))} aria-label={format!("Insert an entry below entry {n}")}>{ "+↓" }</button>
                    <button type="button" class="small danger" onclick={{ let e = p.on_edit.clone(); Callback::from(move |_| e.emit(Edit::RemoveLine(line))) }} aria-label={format!("Delete entry {n}")}>{ "Delete" }</button>
                </td>
            </tr>
        });
    }
    if let Some(Editing::InsertBefore(line)) = *editing {
        if line >= last_line {
            rows.push(form_row(
                format!("i{line}"),
                None,
                finish(line, Box::new(move |text| Edit::InsertLine { line, text })),
            ));
        }
    }
    html! {
        <div class="table-wrap">
            <table class="list-table">
                <caption class="visually-hidden">{ "Customized update source list" }</caption>
                <thead><tr><th scope="col">{ "#" }</th><th scope="col">{ "IP range" }</th><th scope="col">{ "Update source" }</th><th scope="col">{ "Label" }</th><th scope="col">{ "Actions" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if entries.len() > TABLE_ROWS {
                <p class="help">{ format!("The table shows the first {TABLE_ROWS} of {} entries; edit the rest as text.", entries.len()) }</p>
            }
            <button type="button" data-testid="add-entry" onclick={{ let editing = editing.clone(); Callback::from(move |_| editing.set(Some(Editing::InsertBefore(last_line)))) }}>{ "Add an entry at the end" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EntryFormProps {
    entry: Option<Entry>,
    /// The new line, or `None` for cancel.
    done: Callback<Option<String>>,
}

/// One entry edited in place. An edit the list reader refuses keeps the
/// form open with the error beside it; Enter saves, Escape cancels.
#[function_component(EntryForm)]
fn entry_form(p: &EntryFormProps) -> Html {
    let range = use_state(|| p.entry.as_ref().map(|e| e.range.to_string()).unwrap_or_default());
    let source = use_state(|| p.entry.as_ref().map(|e| e.source.canonical()).unwrap_or_default());
    let label = use_state(|| p.entry.as_ref().and_then(|e| e.label.clone()).unwrap_or_default());
    let error = use_state(|| None::<String>);
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(input) = first.cast::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        });
    }
    // What an Update Agent shares is kept through an edit of its other fields.
    let serves = p.entry.as_ref().and_then(Entry::shares_only);
    let bind = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| s.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (range, source, label, done, error) =
            (range.clone(), source.clone(), label.clone(), p.done.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let line = write_line(&range.trim(), &source.trim(), serves, Some(label.trim()));
            let read = parse_list(&line);
            match read.errors.first() {
                Some(problem) => error.set(Some(format!("column {}: {}", problem.column, problem.text))),
                None if read.entries.is_empty() => error.set(Some("the entry needs a range and a source".into())),
                None => done.emit(Some(line)),
            }
        })
    };
    let cancel = {
        let done = p.done.clone();
        Callback::from(move |_| done.emit(None))
    };
    let onkeydown = {
        let done = p.done.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                done.emit(None);
            }
        })
    };
    html! {
        <form class="entry-form" {onsubmit} {onkeydown} data-testid="entry-form">
            <label>{ "Client IP range" }<input ref={first} value={(*range).clone()} oninput={bind(&range)} placeholder="10.1.0.0-10.1.255.255" required=true /></label>
            <label>{ "Update source" }<input value={(*source).clone()} oninput={bind(&source)} placeholder="ua://10.1.0.5, server, activeupdate or http://…" required=true /></label>
            <label>{ "Label" }<input value={(*label).clone()} oninput={bind(&label)} /></label>
            <button type="submit">{ "Save" }</button>
            <button type="button" onclick={cancel}>{ "Cancel" }</button>
            if let Some(e) = &*error { <p class="form-error" role="alert" data-testid="entry-error">{ e }</p> }
        </form>
    }
}
