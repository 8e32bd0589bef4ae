//! The fleet view: batch agents, the coverage map, reverse look-up and outage
//! what-ifs. Each runs on a button press, never on the typing path; each
//! result remembers the scenario it answers, and says so when the scenario
//! has changed since, with a one-click refresh. The results table draws only
//! the rows in view and sorts once per change of its order, not per scroll.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::edit::list_text;
use crate::fleet::count::{addresses, count, size_words};
use crate::fleet::wire;
use crate::fleet::{self, words, Batch, Coverage, CoverageInterval, Order};
use crate::input::range::IpFamily;
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::plural;
use crate::plan::Plan;
use crate::ui::browser;
use crate::ui::reading;
use crate::ui::state::Shared;
use crate::ui::worker::{self, use_job};
use wasm_bindgen::JsValue;

/// A row's height until the rows are measured: one line, or two on a
/// phone (the agent and its attempts, then the items), so every column is
/// in sight. Where an item's text wraps, every row takes the tallest's.
const ROW_HEIGHT: i32 = 26;
const PHONE_ROW_HEIGHT: i32 = 52;
const VIEW_ROWS: i32 = 16;

#[derive(Properties, PartialEq, Clone)]
pub struct FleetProps {
    pub plan: Shared<Plan>,
    /// The scenario the plan was prepared from, as JSON: what the worker is sent.
    pub scenario: Shared<String>,
    /// The agents to run, kept with the scenario.
    pub agents: String,
    /// The scenario's title, which names exported files.
    pub title: Option<String>,
    pub on_agents: Callback<String>,
    /// Opens one address as the single-agent trace.
    pub on_open_agent: Callback<String>,
}

/// A result with the scenario (and agents) it was worked out for.
struct Answer<T> {
    plan: Shared<Plan>,
    agents: String,
    value: T,
}

impl<T> Answer<T> {
    fn is_current(&self, plan: &Shared<Plan>, agents: &str) -> bool {
        self.plan == *plan && self.agents == agents
    }
}

/// "Out of date" with a refresh, for a result of an earlier scenario.
fn stale_note(current: bool, refresh: Callback<MouseEvent>) -> Html {
    if current {
        return html! {};
    }
    html! {
        <p class="stale" role="status" data-testid="fleet-stale">
            { "Out of date: the scenario has changed since this was worked out. " }
            <button type="button" class="small" onclick={refresh}>{ "Refresh" }</button>
        </p>
    }
}

/// The name of an exported table: after the scenario's title.
fn export_name(title: &Option<String>, suffix: &str) -> String {
    match crate::format::scenario::file_stem(title.as_deref()) {
        Some(stem) => format!("{stem}-agents.{suffix}"),
        None => format!("agents.{suffix}"),
    }
}

/// What an item's cell shows: a mark and the source in the console's
/// words (`✓ OfficeScan server`), or the status.
fn cell_text(o: &crate::trace::ItemOutcome, profile: crate::model::profile::Profile) -> (&'static str, String) {
    use crate::trace::ItemOutcome as O;
    match o {
        O::Updated(source) => ("✓", crate::vocabulary::label(profile, source)),
        O::NotUpdated => ("✗", "not updated".to_string()),
        O::NotStarted => ("–", "not started".to_string()),
        O::Excluded => ("–", "excluded".to_string()),
    }
}

/// `text` with a line break allowed after each run of `:` and `/` (an
/// IPv6 address between its groups, a URL after its scheme and between
/// the parts of its path), never inside a name or an IPv4 address: a
/// column is never narrower than its longest such part, and its text
/// wraps there, not in the middle of a word.
fn breakable(text: &str) -> Html {
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        if matches!(c, ':' | '/') && !matches!(next, Some(':' | '/') | None) {
            parts.push(&text[start..=i]);
            start = i + 1;
        }
    }
    parts.push(&text[start..]);
    let last = parts.len() - 1;
    // One element: in a button (a flex box) each <wbr> would otherwise be
    // an item of its own, and the text could not wrap.
    html! { <span>{ for parts.into_iter().enumerate().map(|(k, part)| html! { <>{ part }if k < last { <wbr /> }</> }) }</span> }
}

/// What an item's cell holds: the mark (not read aloud), then the source in
/// the console's words, or the status; where the text wraps, it wraps
/// beside the mark.
fn cell_content(o: &crate::trace::ItemOutcome, profile: crate::model::profile::Profile) -> Html {
    let (mark, shown) = cell_text(o, profile);
    html! {
        <span class="outcome">
            <span aria-hidden="true">{ mark }</span>{ " " }
            <span>
                if o.source().is_some() { <span class="visually-hidden">{ "updated from " }</span> }
                { breakable(&shown) }
            </span>
        </span>
    }
}

/// An item's outcome in the fleet's table, whole: its column is as wide as
/// the item's widest outcome where the table has the room, and the text
/// wraps where it has not. The whole sentence is its tooltip.
fn outcome_cell(item: Item, o: &crate::trace::ItemOutcome, profile: crate::model::profile::Profile) -> Html {
    html! {
        <td class={classes!("item", o.status().id())} title={format!("{}: {}", item.words(), o.words(profile))}>
            { cell_content(o, profile) }
        </td>
    }
}

/// Rows that are never shown but size the table: row `k` holds the `k`-th
/// widest text of each column, from every row of the batch ([`Batch::widest`]),
/// so the columns are as wide as the widest row wherever it is, and the
/// tallest row (row 0 holds the widest of each column) sets every row's
/// height. A table draws only the rows in view, so without them a column
/// would be as wide as the rows in view happen to be.
fn sizer_rows(widest: &fleet::Widest, profile: crate::model::profile::Profile) -> Html {
    let mut columns: Vec<Vec<&crate::trace::ItemOutcome>> =
        widest.outcomes.iter().map(|(_, outcomes)| outcomes.iter().collect()).collect();
    for column in &mut columns {
        column.sort_by_key(|o| std::cmp::Reverse(cell_text(o, profile).1.chars().count()));
    }
    let mut agents: Vec<String> = widest.agents.iter().map(ToString::to_string).collect();
    agents.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let rows = columns.iter().map(Vec::len).chain([agents.len(), 1]).max().unwrap_or(1);
    html! {
        { for (0..rows).map(|k| html! {
            <tr class="sizer" aria-hidden="true">
                <td>if let Some(a) = agents.get(k) { <button type="button" class="link" tabindex="-1">{ breakable(a) }</button> }</td>
                { for columns.iter().map(|c| html! { <td>if let Some(o) = c.get(k) { { cell_content(o, profile) } }</td> }) }
                <td>if k == 0 { { widest.attempts } }</td>
            </tr>
        }) }
    }
}

/// Gives every row the height of the tallest (the sizer rows, measured as
/// the table lays them out at its present width) and returns it in pixels;
/// `None` while the table is not laid out (its tab hidden).
fn fit_rows(table: &web_sys::HtmlElement) -> Option<i32> {
    use wasm_bindgen::JsCast;
    let style = table.style();
    let _ = style.remove_property("--fleet-row");
    let classes = table.class_list();
    let _ = classes.add_1("measuring");
    let sizers = table.query_selector_all("tr.sizer").ok();
    let tallest = (0..sizers.as_ref().map_or(0, web_sys::NodeList::length))
        .filter_map(|i| sizers.as_ref()?.get(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|row| row.get_bounding_client_rect().height())
        .fold(0.0f64, f64::max);
    let _ = classes.remove_1("measuring");
    if tallest <= 0.0 {
        return None;
    }
    // Whole pixels: the rows in view and the spacers above them add up.
    let height = tallest.ceil() as i32;
    let _ = style.set_property("--fleet-row", &format!("{height}px"));
    Some(height)
}

/// The Fleet tab: one worker for its jobs, started as the tab opens and
/// kept while it is open, given to its parts.
#[function_component(FleetView)]
pub fn fleet_view(p: &FleetProps) -> Html {
    let pool = use_memo((), |_| worker::Pool::new());
    html! {
        <ContextProvider<worker::Pool> context={(*pool).clone()}>
            <FleetTab ..p.clone() />
        </ContextProvider<worker::Pool>>
    }
}

#[function_component(FleetTab)]
fn fleet_tab(p: &FleetProps) -> Html {
    let result = use_state(|| None::<Rc<Answer<(Batch, Vec<String>)>>>);
    let filter = use_state(String::new);
    let sort = use_state(|| (Order::Agent, false));
    let scroll = use_state(|| 0i32);
    let job = use_job();
    // Tens of thousands of agents are kept out of a text area: the browser
    // lays such a text out again whenever the tab around it changes.
    let large_agents = list_text::is_large(&p.agents);
    let on_paste_agents = {
        let on_agents = p.on_agents.clone();
        Callback::from(move |e: Event| {
            let area = e.target_dyn_into::<HtmlTextAreaElement>();
            if let Some(pasted) = reading::large_paste(&e, area.as_ref()) {
                on_agents.emit(pasted.into_text());
            }
        })
    };

    // The batch runs in the worker; its answer comes back as bytes.
    let run = {
        let (agents, result, plan, scenario, job) =
            (p.agents.clone(), result.clone(), p.plan.clone(), p.scenario.clone(), job.clone());
        Callback::from(move |_| {
            let (result, plan, agents2) = (result.clone(), plan.clone(), agents.clone());
            let on_done = Callback::from(move |answer: JsValue| {
                let bytes = js_sys::Uint8Array::new(&worker::field(&answer, "result")).to_vec();
                let errors = worker::field(&answer, "errors").as_string().unwrap_or_default();
                let mut errors: Vec<String> = serde_json::from_str(&errors).unwrap_or_default();
                let batch = wire::decode(&bytes).unwrap_or_else(|e| {
                    errors.push(e.to_string());
                    Batch { rows: Vec::new(), summaries: Vec::new(), sampled: 0, agents: Vec::new(), repeated: 0 }
                });
                result.set(Some(Rc::new(Answer {
                    plan: plan.clone(),
                    agents: agents2.clone(),
                    value: (batch, errors),
                })));
            });
            job.start(worker::Kind::Batch, &scenario, &agents, on_done);
        })
    };
    let items = p.plan.wanted.to_vec();
    let profile = p.plan.profile;
    // The rows shown, filtered and sorted once per change of result, filter or order.
    let order =
        use_memo(((*result).as_ref().map(Rc::clone).map(ByPtr), (*filter).clone(), *sort), |(r, needle, sort)| {
            let Some(ByPtr(r)) = r else { return Vec::new() };
            r.value.0.order(&needle.to_ascii_lowercase(), sort.0, sort.1)
        });

    let phone = browser::use_phone_width();
    // What each column holds at its widest, once per result.
    let widest = use_memo(((*result).as_ref().map(Rc::clone).map(ByPtr), items.clone()), |(r, items)| {
        r.as_ref().map(|ByPtr(r)| r.value.0.widest(items))
    });
    // What each source sends and each Update Agent carries (CD1-CD4, LD1):
    // counted once a result, not on every scroll.
    let counted = use_memo((*result).as_ref().map(Rc::clone).map(ByPtr), |r| {
        r.as_ref().map(|ByPtr(r)| fleet::downloads(&r.value.0, r.plan.patterns.as_ref()))
    });
    // Every row as tall as the tallest, measured whenever the table's width
    // changes (the window, the phone's layout, the tab shown again).
    let row_height = use_state_eq(|| None::<i32>);
    let frame = use_node_ref();
    {
        let (frame, row_height) = (frame.clone(), row_height.clone());
        use_effect_with((ByPtr(widest.clone()), phone), move |_| {
            use wasm_bindgen::JsCast;
            let table = frame
                .cast::<web_sys::Element>()
                .and_then(|f| f.query_selector("table").ok().flatten())
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
            let observer = frame.cast::<web_sys::Element>().zip(table).and_then(|(frame, table)| {
                let fit = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    if let Some(h) = fit_rows(&table) {
                        row_height.set(Some(h));
                    }
                });
                let observer = web_sys::ResizeObserver::new(fit.as_ref().unchecked_ref()).ok()?;
                observer.observe(&frame);
                Some((observer, fit))
            });
            move || {
                if let Some((observer, _fit)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    let table = result.as_ref().map(|r| {
        let (batch, errors) = &r.value;
        let total = order.len();
        let row_height = (*row_height).unwrap_or(if phone { PHONE_ROW_HEIGHT } else { ROW_HEIGHT }).max(1);
        let first = usize::try_from(*scroll / row_height).unwrap_or(0).min(total);
        let shown = order.get(first..(first + VIEW_ROWS as usize + 2).min(total)).unwrap_or_default();
        let header = |label: String, key: Order| {
            let sort = sort.clone();
            let (cur, desc) = *sort;
            let state = if cur == key { if desc { "descending" } else { "ascending" } } else { "none" };
            let mark = if cur == key { if desc { " ▼" } else { " ▲" } } else { "" };
            html! { <th scope="col" aria-sort={state}><button type="button" class="link" onclick={Callback::from(move |_| sort.set((key, cur == key && !desc)))}>{ format!("{label}{mark}") }</button></th> }
        };
        let onscroll = {
            let scroll = scroll.clone();
            Callback::from(move |e: Event| scroll.set(e.target_unchecked_into::<web_sys::Element>().scroll_top()))
        };
        // Exports follow the table: its filter and its order.
        let export = |suffix: &'static str, mime: &'static str| {
            let (r, items, order, title) = (r.clone(), items.clone(), order.clone(), p.title.clone());
            Callback::from(move |_| {
                let batch = &r.value.0;
                let rows = order.iter().filter_map(|i| batch.rows.get(*i));
                let text = if suffix == "csv" { batch.to_csv(&items, rows) } else { batch.to_json(&items, rows) };
                browser::download(&export_name(&title, suffix), mime, &text)
            })
        };
        let top_pad = (first as i32) * row_height;
        let bottom_pad = (total.saturating_sub(first + shown.len()) as i32) * row_height;
        html! {
            <div class="batch">
                { stale_note(r.is_current(&p.plan, &p.agents), run.clone()) }
                <p class="batch-status" data-testid="fleet-status">
                    { format!("{} ({} shown), {}", plural::count(batch.rows.len(), "agent", "agents"), count(total as u128), plural::count(batch.summaries.len(), "distinct outcome", "distinct outcomes")) }
                    if batch.sampled > 0 { { format!(", {} at {} edges and list boundaries; downloads and loads count all {} agents", plural::count(batch.sampled, "large range sampled", "large ranges sampled"), plural::noun(batch.sampled, "its", "their"), count(batch.agents_counted())) } }
                    if let Some(again) = words::named_again(batch.repeated) { { format!("; {again}") } }
                </p>
                if let Some(said) = words::update_agents_walked(&batch.update_agents(&r.plan)) {
                    <p class="batch-status" data-testid="fleet-update-agents">{ said }</p>
                }
                if let Some(c) = (*counted).as_ref().filter(|c| !c.sources.is_empty() || !c.update_agents.is_empty()) {
                    <ul class="batch-downloads" data-testid="fleet-downloads">
                        { for c.sources.iter().map(|d| html! { <li>{ words::source_downloads(r.plan.profile, d) }{ " (CD1-CD4)" }</li> }) }
                        { for c.update_agents.iter().map(|l| html! { <li>{ words::update_agent_load(r.plan.profile, r.plan.agent.trigger, crate::walk::notification_reaches(&r.plan), l) }{ " (LD1)" }</li> }) }
                    </ul>
                }
                if !errors.is_empty() {
                    <ul class="errors" data-testid="fleet-errors">{ for errors.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
                }
                <div class="batch-tools">
                    <label>{ "Filter " }<input type="search" data-testid="fleet-filter" value={(*filter).clone()}
                        oninput={{ let f = filter.clone(); Callback::from(move |e: InputEvent| f.set(e.target_unchecked_into::<HtmlInputElement>().value())) }} /></label>
                    <button type="button" data-testid="fleet-csv" onclick={export("csv", "text/csv")}>{ "Export CSV" }</button>
                    <button type="button" data-testid="fleet-json" onclick={export("json", "application/json")}>{ "Export JSON" }</button>
                </div>
                <div class="virtual" ref={frame.clone()} {onscroll} tabindex="0" role="region" aria-label="Agents and their outcomes">
                    <table data-testid="fleet-table" data-rows={total.to_string()}>
                        <thead><tr>
                            { header("agent".into(), Order::Agent) }
                            { for items.iter().map(|i| header(i.words().to_string(), Order::Item(*i))) }
                            { header("attempts".into(), Order::Attempts) }
                        </tr></thead>
                        <tbody>
                            <tr class="pad" aria-hidden="true"><td colspan="9" height={top_pad.to_string()}></td></tr>
                            { for shown.iter().filter_map(|i| batch.rows.get(*i)).map(|row| {
                                let s = batch.summary(row);
                                let open = { let a = row.agent.to_string(); p.on_open_agent.reform(move |_: MouseEvent| a.clone()) };
                                html! {
                                    <tr key={row.agent.to_string()} data-agent={row.agent.to_string()}>
                                        <td><button type="button" class="link" onclick={open} title="Open this agent's trace">{ breakable(&row.agent.to_string()) }</button></td>
                                        { for items.iter().map(|i| match s.and_then(|s| s.get(*i)) {
                                            Some(o) => outcome_cell(*i, o, profile),
                                            None => html! { <td>{ "-" }</td> },
                                        }) }
                                        <td>{ s.map(|s| s.attempts).unwrap_or(0) }</td>
                                    </tr>
                                }
                            }) }
                            <tr class="pad" aria-hidden="true"><td colspan="9" height={bottom_pad.to_string()}></td></tr>
                            if let Some(w) = widest.as_ref() { { sizer_rows(w, profile) } }
                        </tbody>
                    </table>
                </div>
            </div>
        }
    });

    html! {
        <section class="fleet" aria-label="Fleet">
            <h2>{ "Fleet" }</h2>
            if large_agents {
                <div class="field">
                    <span class="label">{ "Agents: one address, range or CIDR a line" }</span>
                    <p class="large-note" data-testid="fleet-agents-large">
                        { format!("{} lines, {}.{} MB of agents: kept out of a text area so the page stays quick. Paste into the box below to replace them. ",
                            count(p.agents.lines().count() as u128), p.agents.len() / 1_000_000, p.agents.len() / 100_000 % 10) }
                        <button type="button" class="small danger" data-testid="fleet-agents-clear" onclick={p.on_agents.reform(|_| String::new())}>{ "Clear the agents" }</button>
                    </p>
                    <pre class="list-view collapsed agents-preview" tabindex="0" role="region" aria-label="Agents (read-only; paste to replace)"
                        data-testid="fleet-agents-view" onpaste={on_paste_agents.clone()}>{ agents_preview(&p.agents) }</pre>
                </div>
            } else {
            <label class="field" for="fleet-agents">
                <span class="label">{ "Agents: one address, range or CIDR a line" }</span>
                // Up to the size kept in a text area, its value is the agents':
                // Yew sets it only when they change, never on a redraw.
                <textarea id="fleet-agents" data-testid="fleet-agents" rows="4" spellcheck="false" value={p.agents.clone()}
                    placeholder={"10.1.0.0/24\n10.2.0.10\n10.9.0.0/16\n2001:db8::1"} onpaste={on_paste_agents}
                    oninput={p.on_agents.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value())} />
                <span class="help">{ format!("A range of up to {} addresses is expanded; a larger one is sampled at its edges and at every boundary of the list inside it.", count(fleet::EXPAND_LIMIT)) }</span>
            </label>
            }
            <button type="button" data-testid="fleet-run" onclick={run}>{ "Run the agents" }</button>
            { job.view("Running the agents", "fleet-progress") }
            { for table }
            <CoverageSection plan={p.plan.clone()} />
            <WhoView plan={p.plan.clone()} on_open_agent={p.on_open_agent.clone()} />
            <OutagesView plan={p.plan.clone()} scenario={p.scenario.clone()} agents={p.agents.clone()} />
        </section>
    }
}

/// The first lines of a long list of agents, as the read-only box shows them.
fn agents_preview(agents: &str) -> String {
    const SHOWN: usize = 12;
    let mut out: String = agents.lines().take(SHOWN).collect::<Vec<_>>().join("\n");
    out.push_str("\n…");
    out
}

/// Compares a shared result by identity, so memos key on it cheaply.
struct ByPtr<T>(Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

// ---- Coverage map ----

/// Colours of the map, each distinct from its neighbours in hue and in
/// lightness, with white text contrast to spare.
const PALETTE: [&str; 10] =
    ["#0969da", "#1a7f37", "#bf3989", "#9a6700", "#8250df", "#0a7ea4", "#cf222e", "#6e7781", "#953800", "#116329"];
/// Fill patterns: with the colours they give this many distinct sources.
const PATTERNS: [&str; 3] = ["solid", "stripes", "dots"];
/// Sources drawn each in its own colour and pattern; the rest are "other".
pub const DISTINCT_SOURCES: usize = PALETTE.len() * PATTERNS.len();

/// The colour and pattern of the source at `index` of the legend.
fn swatch(index: usize) -> (&'static str, &'static str) {
    let colour = PALETTE.get(index % PALETTE.len()).copied().unwrap_or("#6e7781");
    let pattern = PATTERNS.get(index / PALETTE.len()).copied().unwrap_or("solid");
    (colour, pattern)
}

/// The fill of a legend entry: a colour, or a pattern over it.
fn fill(index: Option<usize>) -> String {
    match index {
        None => "var(--gap, #d0d7de)".into(),
        Some(i) if i >= DISTINCT_SOURCES => "url(#pat-other)".into(),
        Some(i) => match swatch(i) {
            (colour, "solid") => colour.to_string(),
            (_, pattern) => format!("url(#pat-{i}-{pattern})"),
        },
    }
}

fn patterns_defs() -> Html {
    html! {
        <defs>
            { for (PALETTE.len()..DISTINCT_SOURCES).map(|i| {
                let (colour, pattern) = swatch(i);
                let id = format!("pat-{i}-{pattern}");
                if pattern == "stripes" {
                    html! { <pattern {id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" fill={colour} /><rect width="2" height="6" fill="#ffffff" /></pattern> }
                } else {
                    html! { <pattern {id} width="6" height="6" patternUnits="userSpaceOnUse">
                        <rect width="6" height="6" fill={colour} /><circle cx="3" cy="3" r="1.5" fill="#ffffff" /></pattern> }
                }
            }) }
            <pattern id="pat-other" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
                <rect width="6" height="6" fill="#6e7781" /><rect width="3" height="6" fill="#afb8c1" /></pattern>
        </defs>
    }
}

#[derive(Properties, PartialEq)]
struct CoverageSectionProps {
    plan: Shared<Plan>,
}

#[function_component(CoverageSection)]
fn coverage_section(p: &CoverageSectionProps) -> Html {
    let coverage = use_state(|| None::<Rc<Answer<Rc<Coverage>>>>);
    let draw = {
        let (coverage, plan) = (coverage.clone(), p.plan.clone());
        Callback::from(move |_| {
            let value = Rc::new(fleet::coverage(&plan));
            coverage.set(Some(Rc::new(Answer { plan: plan.clone(), agents: String::new(), value })))
        })
    };
    html! {
        <>
            <h3>{ "Coverage map" }</h3>
            <button type="button" data-testid="coverage-run" onclick={draw.clone()}>{ "Draw the coverage map" }</button>
            if let Some(c) = &*coverage {
                { stale_note(c.is_current(&p.plan, ""), draw) }
                <CoverageView coverage={c.value.clone()} profile={p.plan.profile} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CoverageProps {
    coverage: Rc<Coverage>,
    /// Whose words name the sources.
    profile: crate::model::profile::Profile,
}

#[function_component(CoverageView)]
fn coverage_view(p: &CoverageProps) -> Html {
    let to_scale = use_state(|| false);
    let intervals_open = use_state(|| false);
    // Drawn in two tasks, the IPv4 bar first: a map of a full list is
    // thousands of shapes, and the page answers in between.
    let whole = use_state(|| false);
    {
        let whole = whole.clone();
        use_effect_with(ByPtr(p.coverage.clone()), move |_| {
            whole.set(false);
            let timer = gloo::timers::callback::Timeout::new(0, move || whole.set(true));
            move || drop(timer)
        });
    }
    let c = &p.coverage;
    let mut sources: Vec<&SourceId> = Vec::new();
    for iv in &c.intervals {
        if let Some(s) = &iv.first_source {
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
    }
    let index_of = |s: Option<&SourceId>| s.and_then(|s| sources.iter().position(|x| *x == s));
    let bar = |family: IpFamily| {
        let ivs: Vec<&CoverageInterval> = c.intervals.iter().filter(|i| i.family == family).collect();
        // On a log scale each interval is 1 + log2 of its size wide, so a /32
        // next to a /8 is still visible; to scale, widths are the sizes.
        let weights: Vec<u128> =
            ivs.iter().map(|i| if *to_scale { i.size.max(1) } else { 1 + u128::from(size_bits(i)) }).collect();
        let total: u128 = weights.iter().fold(0u128, |a, w| a.saturating_add(*w)).max(1);
        let mut x: u128 = 0;
        let name = match family {
            IpFamily::V4 => "ipv4",
            IpFamily::V6 => "ipv6",
        };
        html! {
            <figure class="bar">
                <figcaption>{ format!("{}: {}, widths {}", family.label(), plural::count(ivs.len(), "interval", "intervals"),
                    if *to_scale { "to scale (small intervals may be too thin to see)" } else { "on a log scale: each interval is 1 + log2(its size) wide, so the smallest stay visible" }) }</figcaption>
                <svg viewBox="0 0 1000 36" preserveAspectRatio="none" role="img" data-testid={format!("coverage-{name}")}
                    aria-label={format!("{} coverage: {}; each interval is listed below the map", family.label(), plural::count(ivs.len(), "interval", "intervals"))}>
                    { for ivs.iter().zip(&weights).map(|(iv, w)| {
                        // Hundred-thousandths of the width: whole numbers keep float formatting out of the bundle.
                        let width = u64::try_from(w.saturating_mul(100_000) / total).unwrap_or(100_000);
                        let start = u64::try_from(x).unwrap_or(0);
                        let index = index_of(iv.first_source.as_ref());
                        let rect = html! {
                            <rect x={per_mille(start)} y="0" width={per_mille(width)} height="36"
                                fill={fill(index)} class={classes!(iv.chain.is_empty().then_some("gap"))}
                                data-source={iv.first_source.as_ref().map(ToString::to_string)}
                                stroke="#ffffff" stroke-width="0.5">
                                <title>{ format!("{} – {} ({}): {}", iv.first, iv.last, addresses(iv.family, iv.size),
                                    iv.first_source.as_ref().map_or_else(|| "gap: no entry, straight to the fallbacks".to_string(), |s| format!("first {}", crate::vocabulary::label(p.profile, s)))) }</title>
                            </rect>
                        };
                        x += u128::from(width);
                        rect
                    }) }
                </svg>
            </figure>
        }
    };
    let legend_swatch = |index: Option<usize>| {
        html! {
            <svg width="16" height="16" aria-hidden="true"><rect width="16" height="16" fill={fill(index)} stroke="#6e7781" stroke-width="1" /></svg>
        }
    };
    html! {
        <div class="coverage" data-testid="coverage">
            // The fill patterns, once for the bars and the legend alike.
            <svg class="pattern-defs" width="0" height="0" aria-hidden="true" focusable="false">{ patterns_defs() }</svg>
            <label class="check"><input type="checkbox" data-testid="coverage-to-scale" checked={*to_scale}
                onchange={{ let t = to_scale.clone(); Callback::from(move |e: Event| t.set(e.target_unchecked_into::<HtmlInputElement>().checked())) }} />
                <span>{ "Widths to scale" }</span></label>
            { bar(IpFamily::V4) }
            if *whole { { bar(IpFamily::V6) } }
            <ul class="legend" data-testid="coverage-legend">
                { for sources.iter().take(DISTINCT_SOURCES).enumerate().map(|(i, s)| {
                    let (colour, pattern) = swatch(i);
                    html! { <li data-colour={colour} data-pattern={pattern} data-source={s.to_string()}>{ legend_swatch(Some(i)) }{ format!(" {}", crate::vocabulary::label(p.profile, s)) }</li> }
                }) }
                if sources.len() > DISTINCT_SOURCES {
                    <li data-pattern="other">{ legend_swatch(Some(DISTINCT_SOURCES)) }{ format!(" {} (hover a bar to read which)", plural::count(sources.len() - DISTINCT_SOURCES, "other source", "other sources")) }</li>
                }
                if !c.gaps.is_empty() {
                    <li data-pattern="gap">{ legend_swatch(None) }{ " gap: no entry, straight to the fallbacks" }</li>
                }
            </ul>
            if *whole {
            <h4>{ format!("Gaps ({})", count(c.gaps.len() as u128)) }</h4>
            if c.gaps.is_empty() {
                <p class="help" data-testid="coverage-no-gaps">{ "None: every address has a first source." }</p>
            }
            <ul data-testid="coverage-gaps">
                { for c.gaps.iter().take(LISTED).map(|g| html! {
                    <li>{ format!("{} – {}, {}", g.first, g.last, addresses(g.family, g.size)) }
                        <details class="cidr"><summary>{ plural::count(g.cidr.len(), "CIDR block", "CIDR blocks") }</summary>{ g.cidr.join(", ") }</details>
                    </li>
                }) }
            </ul>
            if c.gaps.len() > LISTED {
                <p class="help">{ format!("and {} more: every interval is in the table below", plural::count(c.gaps.len() - LISTED, "gap", "gaps")) }</p>
            }
            <h4>{ format!("Entries that are no address's first choice ({})", c.shadowed.len()) }</h4>
            <ul data-testid="coverage-shadowed">
                { for c.shadowed.iter().take(LISTED).map(|s| html! { <li>{ words::shadowed(s) }</li> }) }
            </ul>
            if c.shadowed.len() > LISTED {
                <p class="help">{ format!("and {} more", count((c.shadowed.len() - LISTED) as u128)) }</p>
            }
            // Drawn when opened: thousands of rows nobody asked for would hold up the map.
            <details ontoggle={{ let o = intervals_open.clone(); Callback::from(move |e: Event| o.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open())) }}>
                <summary>{ format!("{} {}", plural::noun(c.intervals.len(), "The", "All"), plural::count(c.intervals.len(), "interval", "intervals")) }</summary>
                if *intervals_open {
                <table class="intervals">
                    <thead><tr><th scope="col">{ "first" }</th><th scope="col">{ "last" }</th><th scope="col">{ "size" }</th><th scope="col">{ "lines" }</th><th scope="col">{ "first source" }</th></tr></thead>
                    <tbody>{ for c.intervals.iter().take(2000).map(|i| html! {
                        <tr><td data-label="first">{ &i.first }</td><td data-label="last">{ &i.last }</td><td data-label="size">{ size_words(i.size) }</td>
                        <td data-label="lines">{ i.lines.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ") }</td>
                        <td data-label="first source">{ i.first_source.as_ref().map_or_else(|| "gap".to_string(), |s| crate::vocabulary::label(p.profile, s)) }</td></tr>
                    }) }</tbody>
                </table>
                }
            </details>
            }
        </div>
    }
}

/// Gaps and entries listed under the map; the rest are counted (a list of
/// thousands would hold up the page while the map is drawn).
const LISTED: usize = 100;

/// log2 of an interval's size (the number of bits it spans).
fn size_bits(iv: &CoverageInterval) -> u32 {
    let span = iv.size.saturating_sub(1);
    128 - span.leading_zeros()
}

/// A value in hundred-thousandths as a decimal of the 1000-unit view box.
fn per_mille(v: u64) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

// ---- Who ends where ----

#[derive(Properties, PartialEq)]
struct WhoProps {
    plan: Shared<Plan>,
    on_open_agent: Callback<String>,
}

#[function_component(WhoView)]
fn who_view(p: &WhoProps) -> Html {
    // The sources an item can end at (a relay group as one) and the
    // product's items, each in the console's words.
    let candidates = use_memo(p.plan.clone(), |plan| fleet::who::sources(plan));
    let items = use_memo(p.plan.clone(), |plan| fleet::who::items(plan));
    let source = use_state(|| None::<SourceId>);
    let item = use_state(|| None::<Item>);
    // A choice the scenario no longer offers gives way to its first.
    let source_now = (*source).clone().filter(|s| candidates.contains(s)).or_else(|| candidates.first().cloned());
    let item_now = (*item)
        .filter(|i| items.contains(i))
        .or_else(|| items.contains(&Item::Components).then_some(Item::Components))
        .or_else(|| items.first().copied());
    let answer = use_state(|| None::<Rc<Answer<fleet::Who>>>);
    let ask = {
        let (plan, source, item, answer) = (p.plan.clone(), source_now.clone(), item_now, answer.clone());
        Callback::from(move |_| {
            let (Some(source), Some(item)) = (&source, item) else { return };
            let value = fleet::who(&plan, source, item);
            answer.set(Some(Rc::new(Answer { plan: plan.clone(), agents: String::new(), value })))
        })
    };
    let choose = {
        let source = source.clone();
        Callback::from(move |e: Event| {
            source.set(Some(SourceId::read(&e.target_unchecked_into::<HtmlSelectElement>().value())))
        })
    };
    html! {
        <div class="who">
            <h3>{ "Who ends where?" }</h3>
            <div class="row">
                <label>{ "Source " }
                    <select data-testid="who-source" onchange={choose}>
                        { for candidates.iter().map(|c| html! { <option value={c.to_string()} selected={Some(c) == source_now.as_ref()}>{ crate::vocabulary::label(p.plan.profile, c) }</option> }) }
                    </select>
                </label>
                <label>{ " item " }
                    <select data-testid="who-item" onchange={{ let i = item.clone(); Callback::from(move |e: Event| {
                        if let Some(x) = Item::from_id(&e.target_unchecked_into::<HtmlSelectElement>().value()) { i.set(Some(x)) } }) }}>
                        { for items.iter().map(|i| html! { <option value={i.id()} selected={Some(*i) == item_now}>{ i.words() }</option> }) }
                    </select>
                </label>
                <button type="button" data-testid="who-run" onclick={ask.clone()}>{ "Find" }</button>
            </div>
            if let Some(a) = &*answer {
                { stale_note(a.is_current(&p.plan, ""), ask) }
                <div data-testid="who-answer">
                    <p>{ format!("{} from {}: {} and {}", a.value.item.words(), crate::vocabulary::name(p.plan.profile, &a.value.source), addresses(IpFamily::V4, a.value.ipv4_addresses), addresses(IpFamily::V6, a.value.ipv6_addresses)) }</p>
                    if !a.value.cidr.is_empty() {
                        <details class="cidr"><summary>{ plural::count(a.value.cidr.len(), "CIDR block", "CIDR blocks") }</summary>
                            <p>{ a.value.cidr.join(", ") }</p></details>
                    }
                    if let Some(ex) = &a.value.example {
                        <button type="button" class="small" onclick={{ let ex = ex.clone(); p.on_open_agent.reform(move |_: MouseEvent| ex.clone()) }}>
                            { format!("Open {ex} as a single-agent trace") }
                        </button>
                    }
                </div>
            }
        </div>
    }
}

// ---- Outages ----

#[derive(Properties, PartialEq)]
struct OutagesProps {
    plan: Shared<Plan>,
    /// The scenario as JSON, for the worker.
    scenario: Shared<String>,
    /// The fleet's own agents: impact is counted over them when there are some.
    agents: String,
}

#[function_component(OutagesView)]
fn outages_view(p: &OutagesProps) -> Html {
    let agent = use_state(|| None::<Rc<Answer<String>>>);
    let list = use_state(|| None::<Rc<Answer<Vec<String>>>>);
    let run_agent = {
        let (plan, agent) = (p.plan.clone(), agent.clone());
        Callback::from(move |_| {
            let who = plan.agent.addresses.iter().map(ToString::to_string).collect::<Vec<_>>().join(" and ");
            let value = words::agent_outages(plan.profile, &who, &fleet::agent_outages(&plan, &plan.agent.addresses));
            agent.set(Some(Rc::new(Answer { plan: plan.clone(), agents: String::new(), value })))
        })
    };
    let job = use_job();
    // Over the list or the fleet: in the worker.
    let run_list = {
        let (plan, list, agents, scenario, job) =
            (p.plan.clone(), list.clone(), p.agents.clone(), p.scenario.clone(), job.clone());
        Callback::from(move |_| {
            let (list, plan, agents2) = (list.clone(), plan.clone(), agents.clone());
            let on_done = Callback::from(move |answer: JsValue| {
                let text = worker::field(&answer, "result").as_string().unwrap_or_default();
                let value: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
                list.set(Some(Rc::new(Answer { plan: plan.clone(), agents: agents2.clone(), value })))
            });
            job.start(worker::Kind::Outages, &scenario, &agents, on_done);
        })
    };
    html! {
        <div class="outages">
            <h3>{ "Outage what-ifs" }</h3>
            <button type="button" data-testid="outages-agent" onclick={run_agent.clone()}>{ "What outages cost this agent" }</button>
            { " " }
            <button type="button" data-testid="outages-list" onclick={run_list.clone()}>
                { if p.agents.trim().is_empty() { "Impact of each source over the address space" } else { "Impact of each source on the fleet's agents" } }
            </button>
            if let Some(o) = &*agent {
                { stale_note(o.is_current(&p.plan, ""), run_agent) }
                <ul data-testid="outages-agent-result">
                    { for o.value.lines().map(|l| html! { <li>{ l }</li> }) }
                </ul>
            }
            { job.view("Working out each source's impact", "outages-progress") }
            if let Some(l) = &*list {
                { stale_note(l.is_current(&p.plan, &p.agents), run_list) }
                <ul data-testid="outages-list-result">
                    { for l.value.iter().map(|x| html! { <li>{ x }</li> }) }
                </ul>
            }
        </div>
    }
}
