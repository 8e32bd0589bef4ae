//! The fleet view: batch agents, the coverage map, reverse look-up and outage
//! what-ifs. Each runs on a button press, never on the typing path, and the
//! results table draws only the rows in view.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::ui::state::Shared;

use crate::fields::down_candidates;
use crate::fleet::{self, Batch, Coverage, CoverageInterval};
use crate::item::Item;
use crate::plan::Plan;
use crate::range::IpFamily;
use crate::trace::InputError;
use crate::ui::browser;

const ROW_HEIGHT: i32 = 26;
const VIEW_ROWS: i32 = 16;

#[derive(Properties, PartialEq)]
pub struct FleetProps {
    pub plan: Shared<Plan>,
    /// The agents to run, kept with the scenario.
    pub agents: String,
    pub on_agents: Callback<String>,
    /// Opens one address as the single-agent trace.
    pub on_open_agent: Callback<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum SortBy {
    Agent,
    Item(Item),
    Attempts,
}

#[function_component(FleetView)]
pub fn fleet_view(p: &FleetProps) -> Html {
    let result = use_state(|| None::<Rc<(Batch, Vec<InputError>)>>);
    let filter = use_state(String::new);
    let sort = use_state(|| (SortBy::Agent, false));
    let scroll = use_state(|| 0i32);
    let coverage = use_state(|| None::<Rc<Coverage>>);

    let run = {
        let (agents, result, plan) = (p.agents.clone(), result.clone(), p.plan.clone());
        Callback::from(move |_| {
            let (specs, errors) = fleet::parse_agents(&agents);
            result.set(Some(Rc::new((fleet::batch(&plan, &specs), errors))));
        })
    };
    let draw_coverage = {
        let (coverage, plan) = (coverage.clone(), p.plan.clone());
        Callback::from(move |_| coverage.set(Some(Rc::new(fleet::coverage(&plan)))))
    };
    let items = p.plan.wanted.to_vec();

    let table = result.as_ref().map(|r| {
        let (batch, errors) = &**r;
        let needle = filter.to_ascii_lowercase();
        let mut rows: Vec<&fleet::BatchRow> = batch
            .rows
            .iter()
            .filter(|row| {
                needle.is_empty() || {
                    let s = batch.summary(row);
                    row.agent.to_string().contains(&needle)
                        || s.is_some_and(|s| s.items.iter().any(|(_, st, src)| st.contains(&needle) || src.as_deref().is_some_and(|x| x.contains(&needle))))
                }
            })
            .collect();
        let (by, desc) = *sort;
        // Ties go by address, so the order never depends on the sort.
        rows.sort_unstable_by(|a, b| {
            let (sa, sb) = (batch.summary(a), batch.summary(b));
            let ord = match by {
                SortBy::Agent => a.agent.cmp(&b.agent),
                SortBy::Attempts => sa.map(|s| s.attempts).cmp(&sb.map(|s| s.attempts)),
                SortBy::Item(i) => sa.and_then(|s| s.get(i)).cmp(&sb.and_then(|s| s.get(i))),
            };
            let ord = if desc { ord.reverse() } else { ord };
            ord.then_with(|| a.agent.cmp(&b.agent))
        });
        let total = rows.len();
        let first = usize::try_from(*scroll / ROW_HEIGHT).unwrap_or(0).min(total);
        let shown = rows.get(first..(first + VIEW_ROWS as usize + 2).min(total)).unwrap_or_default();
        let header = |label: String, key: SortBy| {
            let sort = sort.clone();
            let (cur, desc) = *sort;
            let mark = if cur == key { if desc { " ▼" } else { " ▲" } } else { "" };
            html! { <th><button type="button" class="link" onclick={Callback::from(move |_| sort.set((key, cur == key && !desc)))}>{ format!("{label}{mark}") }</button></th> }
        };
        let onscroll = {
            let scroll = scroll.clone();
            Callback::from(move |e: Event| scroll.set(e.target_unchecked_into::<web_sys::Element>().scroll_top()))
        };
        let csv = {
            let (r, items) = (r.clone(), items.clone());
            Callback::from(move |_| browser::download("agents.csv", "text/csv", &r.0.to_csv(&items)))
        };
        let json = {
            let (r, items) = (r.clone(), items.clone());
            Callback::from(move |_| browser::download("agents.json", "application/json", &r.0.to_json(&items)))
        };
        let top_pad = (first as i32) * ROW_HEIGHT;
        let bottom_pad = (total.saturating_sub(first + shown.len()) as i32) * ROW_HEIGHT;
        html! {
            <div class="batch">
                <p class="batch-status" data-testid="fleet-status">
                    { format!("{} agents ({} shown), {} distinct outcomes", batch.rows.len(), total, batch.summaries.len()) }
                    if batch.sampled > 0 { { format!(", {} large ranges sampled at their edges and list boundaries", batch.sampled) } }
                </p>
                if !errors.is_empty() {
                    <ul class="errors" data-testid="fleet-errors">{ for errors.iter().map(|e| html! { <li>{ format!("line {}, column {}: {}", e.line, e.column, e.text) }</li> }) }</ul>
                }
                <div class="batch-tools">
                    <label>{ "Filter " }<input type="search" data-testid="fleet-filter" value={(*filter).clone()}
                        oninput={{ let f = filter.clone(); Callback::from(move |e: InputEvent| f.set(e.target_unchecked_into::<HtmlInputElement>().value())) }} /></label>
                    <button type="button" data-testid="fleet-csv" onclick={csv}>{ "Export CSV" }</button>
                    <button type="button" data-testid="fleet-json" onclick={json}>{ "Export JSON" }</button>
                </div>
                <div class="virtual" {onscroll}>
                    <table data-testid="fleet-table" data-rows={total.to_string()}>
                        <thead><tr>
                            { header("agent".into(), SortBy::Agent) }
                            { for items.iter().map(|i| header(i.id().to_string(), SortBy::Item(*i))) }
                            { header("attempts".into(), SortBy::Attempts) }
                        </tr></thead>
                        <tbody>
                            <tr class="pad" aria-hidden="true"><td colspan="9" height={top_pad.to_string()}></td></tr>
                            { for shown.iter().map(|row| {
                                let s = batch.summary(row);
                                let open = { let cb = p.on_open_agent.clone(); let a = row.agent.to_string(); Callback::from(move |_| cb.emit(a.clone())) };
                                html! {
                                    <tr key={row.agent.to_string()} data-agent={row.agent.to_string()}>
                                        <td><button type="button" class="link" onclick={open} title="Open this agent's trace">{ row.agent.to_string() }</button></td>
                                        { for items.iter().map(|i| {
                                            let (st, src) = s.and_then(|s| s.get(*i)).unwrap_or(("-", None));
                                            html! { <td class={classes!(st.to_string())}>{ st }{ src.map(|x| format!(" · {x}")).unwrap_or_default() }</td> }
                                        }) }
                                        <td>{ s.map(|s| s.attempts).unwrap_or(0) }</td>
                                    </tr>
                                }
                            }) }
                            <tr class="pad" aria-hidden="true"><td colspan="9" height={bottom_pad.to_string()}></td></tr>
                        </tbody>
                    </table>
                </div>
            </div>
        }
    });

    html! {
        <section class="fleet" aria-label="Fleet">
            <h2>{ "Fleet" }</h2>
            <label class="field" for="fleet-agents">
                <span class="label">{ "Agents: one address, range or CIDR a line" }</span>
                <textarea id="fleet-agents" data-testid="fleet-agents" rows="4" spellcheck="false" value={p.agents.clone()}
                    placeholder={"10.1.0.0/24\n10.2.0.10\n10.9.0.0/16\n2001:db8::1"}
                    oninput={{ let a = p.on_agents.clone(); Callback::from(move |e: InputEvent| a.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())) }} />
                <span class="help">{ format!("A range of up to {} addresses is expanded; a larger one is sampled at its edges and at every boundary of the list inside it.", fleet::EXPAND_LIMIT) }</span>
            </label>
            <button type="button" data-testid="fleet-run" onclick={run}>{ "Run the agents" }</button>
            { for table }
            <h3>{ "Coverage map" }</h3>
            <button type="button" data-testid="coverage-run" onclick={draw_coverage}>{ "Draw the coverage map" }</button>
            if let Some(c) = &*coverage { <CoverageView coverage={c.clone()} /> }
            <WhoView plan={p.plan.clone()} on_open_agent={p.on_open_agent.clone()} />
            <OutagesView plan={p.plan.clone()} />
        </section>
    }
}

/// A colour per first source, the gap colour for none.
fn colour(source: Option<&str>, sources: &[String]) -> &'static str {
    const PALETTE: [&str; 8] = ["#0969da", "#1a7f37", "#bf3989", "#9a6700", "#8250df", "#0a7ea4", "#cf222e", "#57606a"];
    match source.and_then(|s| sources.iter().position(|x| x == s)) {
        Some(i) => PALETTE.get(i % PALETTE.len()).copied().unwrap_or("#57606a"),
        None => "#d0d7de",
    }
}

#[derive(Properties, PartialEq)]
struct CoverageProps {
    coverage: Rc<Coverage>,
}

#[function_component(CoverageView)]
fn coverage_view(p: &CoverageProps) -> Html {
    let c = &p.coverage;
    let mut sources: Vec<String> = Vec::new();
    for iv in &c.intervals {
        if let Some(s) = &iv.first_source {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
    }
    let bar = |family: IpFamily| {
        let ivs: Vec<&CoverageInterval> = c.intervals.iter().filter(|i| i.family == family).collect();
        // Widths on a log scale of each interval's size, so a /32 next to a /8 is still visible.
        let weights: Vec<u64> = ivs.iter().map(|i| 1 + u64::from(size_bits(i))).collect();
        let total: u64 = weights.iter().sum::<u64>().max(1);
        let mut x: u64 = 0;
        let name = match family {
            IpFamily::V4 => "ipv4",
            IpFamily::V6 => "ipv6",
        };
        html! {
            <figure class="bar">
                <figcaption>{ format!("{} (widths on a log scale of size)", family.label()) }</figcaption>
                <svg viewBox="0 0 1000 36" preserveAspectRatio="none" role="img" data-testid={format!("coverage-{name}")}
                    aria-label={format!("{} coverage: {} intervals", family.label(), ivs.len())}>
                    { for ivs.iter().zip(&weights).map(|(iv, w)| {
                        // Per-mille widths: whole numbers keep float formatting out of the bundle.
                        let width = w * 100_000 / total;
                        let rect = html! {
                            <rect x={per_mille(x)} y="0" width={per_mille(width)} height="36"
                                fill={colour(iv.first_source.as_deref(), &sources)} class={classes!(iv.chain.is_empty().then_some("gap"))}
                                stroke="#ffffff" stroke-width="0.5">
                                <title>{ format!("{} – {}: {}", iv.first, iv.last, iv.first_source.clone().unwrap_or_else(|| "gap: no entry".into())) }</title>
                            </rect>
                        };
                        x += width;
                        rect
                    }) }
                </svg>
            </figure>
        }
    };
    html! {
        <div class="coverage" data-testid="coverage">
            { bar(IpFamily::V4) }
            { bar(IpFamily::V6) }
            <ul class="legend">
                { for sources.iter().map(|s| html! { <li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill={colour(Some(s), &sources)} /></svg>{ format!(" {s}") }</li> }) }
                <li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill={colour(None, &sources)} /></svg>{ " gap: no entry, straight to the fallbacks" }</li>
            </ul>
            <h4>{ format!("Gaps ({})", c.gaps.len()) }</h4>
            <ul data-testid="coverage-gaps">
                { for c.gaps.iter().map(|g| html! { <li>{ format!("{} – {} ({})", g.first, g.last, g.cidr.join(", ")) }</li> }) }
            </ul>
            <h4>{ format!("Entries that are no address's first choice ({})", c.shadowed.len()) }</h4>
            <ul data-testid="coverage-shadowed">
                { for c.shadowed.iter().map(|s| html! { <li>{ format!("entry {} (line {}, {}): entries {} come first wherever it matches", s.entry, s.line, s.source,
                    s.covered_by.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")) }</li> }) }
            </ul>
            <details>
                <summary>{ format!("All {} intervals", c.intervals.len()) }</summary>
                <table class="intervals">
                    <thead><tr><th>{ "first" }</th><th>{ "last" }</th><th>{ "CIDR" }</th><th>{ "entries" }</th><th>{ "first source" }</th></tr></thead>
                    <tbody>{ for c.intervals.iter().take(2000).map(|i| html! {
                        <tr><td>{ &i.first }</td><td>{ &i.last }</td><td>{ i.cidr.join(" ") }</td>
                        <td>{ i.chain.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ") }</td>
                        <td>{ i.first_source.clone().unwrap_or_else(|| "gap".into()) }</td></tr>
                    }) }</tbody>
                </table>
            </details>
        </div>
    }
}

/// log2 of an interval's size (the number of bits it spans).
fn size_bits(iv: &CoverageInterval) -> u32 {
    let span = iv.size.saturating_sub(1);
    128 - span.leading_zeros()
}

/// A value in hundred-thousandths as a decimal of the 1000-unit view box.
fn per_mille(v: u64) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

#[derive(Properties, PartialEq)]
struct WhoProps {
    plan: Shared<Plan>,
    on_open_agent: Callback<String>,
}

#[function_component(WhoView)]
fn who_view(p: &WhoProps) -> Html {
    let candidates = down_candidates(&p.plan);
    let source = use_state(|| candidates.first().cloned().unwrap_or_default());
    let item = use_state(|| Item::Components);
    let answer = use_state(|| None::<Rc<fleet::Who>>);
    let ask = {
        let (plan, source, item, answer) = (p.plan.clone(), source.clone(), item.clone(), answer.clone());
        Callback::from(move |_| answer.set(Some(Rc::new(fleet::who(&plan, &source, *item)))))
    };
    html! {
        <div class="who">
            <h3>{ "Who ends where?" }</h3>
            <div class="row">
                <label>{ "Source " }
                    <select data-testid="who-source" onchange={{ let s = source.clone(); Callback::from(move |e: Event| s.set(e.target_unchecked_into::<HtmlSelectElement>().value())) }}>
                        { for candidates.iter().map(|c| html! { <option value={c.clone()} selected={*c == *source}>{ c }</option> }) }
                    </select>
                </label>
                <label>{ " item " }
                    <select data-testid="who-item" onchange={{ let i = item.clone(); Callback::from(move |e: Event| {
                        if let Some(x) = Item::from_id(&e.target_unchecked_into::<HtmlSelectElement>().value()) { i.set(x) } }) }}>
                        { for Item::ALL.iter().map(|i| html! { <option value={i.id()} selected={*i == *item}>{ i.id() }</option> }) }
                    </select>
                </label>
                <button type="button" data-testid="who-run" onclick={ask}>{ "Find" }</button>
            </div>
            if let Some(a) = &*answer {
                <div data-testid="who-answer">
                    <p>{ format!("{} from {}: {} IPv4 and {} IPv6 addresses", a.item, a.source, a.ipv4_addresses, count_words(a.ipv6_addresses)) }</p>
                    <p class="cidr">{ if a.cidr.is_empty() { "none".to_string() } else { a.cidr.join(", ") } }</p>
                    if let Some(ex) = &a.example {
                        <button type="button" class="small" onclick={{ let cb = p.on_open_agent.clone(); let ex = ex.clone(); Callback::from(move |_| cb.emit(ex.clone())) }}>
                            { format!("Open {ex} as a single-agent trace") }
                        </button>
                    }
                </div>
            }
        </div>
    }
}

fn count_words(n: u128) -> String {
    if n > u128::from(u64::MAX) {
        format!("about 2^{}", 128 - n.leading_zeros())
    } else {
        n.to_string()
    }
}

#[derive(Properties, PartialEq)]
struct OutagesProps {
    plan: Shared<Plan>,
}

#[function_component(OutagesView)]
fn outages_view(p: &OutagesProps) -> Html {
    let agent = use_state(|| None::<Rc<Vec<fleet::Outage>>>);
    let list = use_state(|| None::<Rc<Vec<fleet::SourceImpact>>>);
    let run_agent = {
        let (plan, agent) = (p.plan.clone(), agent.clone());
        Callback::from(move |_| agent.set(Some(Rc::new(fleet::agent_outages(&plan, &plan.addresses)))))
    };
    let run_list = {
        let (plan, list) = (p.plan.clone(), list.clone());
        Callback::from(move |_| list.set(Some(Rc::new(fleet::list_outages(&plan)))))
    };
    html! {
        <div class="outages">
            <h3>{ "Outage what-ifs" }</h3>
            <button type="button" data-testid="outages-agent" onclick={run_agent}>{ "Single points of failure of this agent" }</button>
            { " " }
            <button type="button" data-testid="outages-list" onclick={run_list}>{ "Impact of each source over the list" }</button>
            if let Some(o) = &*agent {
                <ul data-testid="outages-agent-result">
                    if o.is_empty() { <li>{ "No single source outage (nor pair, with at most 12 sources) leaves an item not updated." }</li> }
                    { for o.iter().map(|x| html! { <li>{ format!("{} down: loses {}", x.down.join(" + "), x.lost.iter().map(|i| i.id()).collect::<Vec<_>>().join(", ")) }</li> }) }
                </ul>
            }
            if let Some(l) = &*list {
                <table data-testid="outages-list-result">
                    <thead><tr><th>{ "source down" }</th><th>{ "IPv4 addresses losing an item" }</th><th>{ "IPv6 addresses" }</th></tr></thead>
                    <tbody>{ for l.iter().map(|x| html! { <tr><td>{ &x.source }</td><td>{ x.ipv4_addresses.to_string() }</td><td>{ count_words(x.ipv6_addresses) }</td></tr> }) }</tbody>
                </table>
            }
        </div>
    }
}
