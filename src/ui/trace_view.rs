//! The trace side: outcome per item, the numbered steps with their rule
//! badges, warnings and errors.

use yew::prelude::*;

use crate::ui::state::Shared;

use crate::input::source::SourceId;
use crate::model::diagnostics::{InputError, Warning};
use crate::model::item::Item;
use crate::model::rules::Rule;
use crate::trace::{ItemOutcome, Step, Trace};

#[derive(Properties, PartialEq)]
pub struct TraceProps {
    pub trace: Shared<Trace>,
    pub previous: Option<Shared<Trace>>,
    #[prop_or_default]
    pub presenter: Option<usize>,
    /// Clicking a source in a step toggles it down.
    pub on_toggle_down: Callback<SourceId>,
    /// Clicking an error of the pasted list goes to its line and column.
    #[prop_or_default]
    pub on_goto: Callback<(usize, usize)>,
}

#[function_component(TraceView)]
pub fn trace_view(p: &TraceProps) -> Html {
    let changed = |s: &Step| Trace::is_new(s, p.previous.as_deref());
    html! {
        <section class="trace-side" aria-label="Trace">
            <Outcome trace={p.trace.clone()} on_goto={p.on_goto.clone()} />
            <h2 class="visually-hidden">{ "Steps" }</h2>
            <ol data-testid="trace" class={classes!("steps", p.presenter.map(|_| "presenting"))}>
                { for p.trace.steps.iter().enumerate().map(|(i, s)| html! {
                    <StepView step={s.clone()} changed={changed(s)}
                        current={p.presenter == Some(i)}
                        on_toggle_down={p.on_toggle_down.clone()} />
                }) }
            </ol>
            <Problems trace={p.trace.clone()} on_goto={p.on_goto.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OutcomeProps {
    trace: Shared<Trace>,
    on_goto: Callback<(usize, usize)>,
}

#[function_component(Outcome)]
fn outcome(p: &OutcomeProps) -> Html {
    let broken: Vec<&Warning> = p.trace.warnings.iter().filter(|w| w.rule == Rule::W6).collect();
    html! {
        <div class="outcome-wrap">
            <div class="outcome" aria-label="Outcome per item">
                { for Item::ALL.iter().map(|item| {
                    let o = p.trace.outcome.get(item);
                    let status = o.map(|o| o.status().id()).unwrap_or("not-asked");
                    let source = o.and_then(ItemOutcome::source).map(ToString::to_string).unwrap_or_default();
                    let words = match o {
                        Some(ItemOutcome::Updated(from)) => format!("updated from {from}"),
                        Some(ItemOutcome::NotUpdated) => "not updated".into(),
                        Some(ItemOutcome::NotStarted) => "not started".into(),
                        Some(ItemOutcome::Excluded) => "excluded".into(),
                        None => "not part of this update".into(),
                    };
                    html! {
                        <div class={classes!("card", status.to_string(), (!broken.is_empty()).then_some("uncertain"))}
                            data-testid={format!("outcome-{}", item.id())}
                            data-status={status} data-source={source}>
                            <span class="item">{ item.words() }</span>
                            <span class="status">{ words }</span>
                        </div>
                    }
                }) }
            </div>
            if !broken.is_empty() {
                <p class="uncertain-note" data-testid="outcome-uncertain" role="note">
                    <strong>{ "This answer may change: " }</strong>
                    { format!("{} covering this agent {} an error and {} left out. Fix ", if broken.len() == 1 { "a line" } else { "lines" },
                        if broken.len() == 1 { "has" } else { "have" }, if broken.len() == 1 { "was" } else { "were" }) }
                    { for broken.iter().filter_map(|w| w.line).enumerate().map(|(i, line)| {
                        let goto = p.on_goto.clone();
                        html! { <>
                            if i > 0 { { ", " } }
                            <button type="button" class="link" onclick={Callback::from(move |_| goto.emit((line, 1)))}>{ format!("line {line}") }</button>
                        </> }
                    }) }
                    { " and look again." }
                </p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StepProps {
    step: Step,
    changed: bool,
    current: bool,
    on_toggle_down: Callback<SourceId>,
}

#[function_component(StepView)]
fn step_view(p: &StepProps) -> Html {
    let s = &p.step;
    let toggle = s.source().map(|src| {
        let label = format!("Toggle {src} down (what-if)");
        let id = src.clone();
        let onclick = p.on_toggle_down.reform(move |_: MouseEvent| id.clone());
        html! { <button type="button" class="src" {onclick} title={label.clone()} aria-label={label}>{ src.to_string() }</button> }
    });
    let result = s.result().map(|r| r.id()).unwrap_or_default();
    html! {
        <li class={classes!("step", s.kind().id(), result, p.changed.then_some("changed"), p.current.then_some("current"), s.assumed().then_some("assumed"))}
            data-kind={s.kind().id()}
            data-item={s.item().map(|i| i.id()).unwrap_or_default()}
            data-source={s.source().map(ToString::to_string).unwrap_or_default()}
            data-result={result}
            data-rule={s.rule().id()}
            data-assumed={s.assumed().to_string()}
            data-changed={p.changed.to_string()}
            data-line={s.entry().map(|e| e.line.to_string())}
            aria-current={p.current.then_some("step")}>
            <RuleBadge rule={s.rule()} assumed={s.assumed()} />
            <span class="kind">{ s.kind().id() }</span>
            if let Some(item) = s.item() { <span class="item-tag">{ item.id() }</span> }
            { for toggle }
            <span class="text">{ s.text() }</span>
            if s.assumed() { <span class="assumed-tag" title="Our reading where the vendor documents are silent">{ "assumed" }</span> }
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    pub rule: Rule,
    #[prop_or_default]
    pub assumed: bool,
}

/// The rule id; opening it shows the sentence of the document behind it.
#[function_component(RuleBadge)]
pub fn rule_badge(p: &BadgeProps) -> Html {
    let Some(info) = p.rule.info() else { return html! { <span class="rule">{ p.rule.id() }</span> } };
    let source = info.basis.describe();
    html! {
        <details class={classes!("rule", p.assumed.then_some("assumed"))}>
            <summary aria-label={format!("Rule {}: {}", info.rule.id(), info.title)}>{ info.rule.id() }</summary>
            <div class="quote">
                <strong>{ format!("{} {}", info.rule.id(), info.title) }</strong>
                <blockquote>{ info.quote }</blockquote>
                <cite>{ source }</cite>
            </div>
        </details>
    }
}

/// Errors or warnings drawn; the count says how many more there are.
const SHOWN: usize = 300;

#[derive(Properties, PartialEq)]
struct ProblemsProps {
    trace: Shared<Trace>,
    on_goto: Callback<(usize, usize)>,
}

#[function_component(Problems)]
fn problems(p: &ProblemsProps) -> Html {
    let (errors, warnings): (&[InputError], &[Warning]) = (&p.trace.errors, &p.trace.warnings);
    html! {
        <div class="problems">
            <h3>{ format!("Errors ({})", errors.len()) }</h3>
            <ul data-testid="errors" class="errors">
                { for errors.iter().take(SHOWN).map(|e| {
                    let in_list = e.in_pasted_list();
                    let goto = p.on_goto.clone();
                    let (line, column) = (e.line, e.column);
                    let place = match (&e.field, in_list) {
                        (_, true) => format!("list line {line}, column {column}"),
                        (Some(f), false) => format!("{} (line {line}, column {column})", f.path()),
                        (None, false) => format!("line {line}, column {column}"),
                    };
                    html! {
                        <li data-line={line.to_string()} data-column={column.to_string()}>
                            <RuleBadge rule={e.rule} />
                            if in_list {
                                <button class="link" onclick={Callback::from(move |_| goto.emit((line, column)))}>{ place }</button>
                            } else { <span class="place">{ place }</span> }
                            { ": " }{ &e.text }
                        </li>
                    }
                }) }
            </ul>
            if errors.len() > SHOWN { <p class="help">{ format!("and {} more errors", errors.len() - SHOWN) }</p> }
            <h3>{ format!("Warnings ({})", warnings.len()) }</h3>
            <ul data-testid="warnings" class="warnings">
                { for warnings.iter().take(SHOWN).map(|w| html! {
                    <li data-rule={w.rule.id()} data-line={w.line.map(|l| l.to_string())}>
                        <RuleBadge rule={w.rule} />
                        if let Some(l) = w.line {
                            <button type="button" class="link" onclick={p.on_goto.reform(move |_| (l, 1))}>{ format!("line {l}") }</button>{ ": " }
                        }
                        { &w.text }
                    </li>
                }) }
            </ul>
            if warnings.len() > SHOWN { <p class="help">{ format!("and {} more warnings", warnings.len() - SHOWN) }</p> }
        </div>
    }
}
