//! The trace side: outcome per item, the numbered steps with their rule
//! badges, warnings and errors.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::diagram_view::DiagramView;
use crate::ui::state::Shared;

use crate::input::source::SourceId;
use crate::model::diagnostics::{InputError, Warning};
use crate::model::item::Item;
use crate::model::plural;
use crate::model::profile::Family;
use crate::model::rules::Rule;
use crate::trace::{ItemOutcome, Step, Trace};

/// What the trace side shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The picture and the numbered steps.
    #[default]
    Both,
    /// The numbered steps only.
    Trace,
    /// The picture only.
    Diagram,
}

impl View {
    /// Reads `?view=`: `trace`, `diagram` or `both` (also when absent);
    /// anything else is named, so a documentation writer sees the typo.
    pub fn from_query(value: Option<&str>) -> Result<View, String> {
        match value {
            Some("trace") => Ok(View::Trace),
            Some("diagram") => Ok(View::Diagram),
            None | Some("both") => Ok(View::Both),
            Some(other) => Err(format!("view={other} is not a view: write trace, diagram or both")),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct TraceProps {
    pub trace: Shared<Trace>,
    pub previous: Option<Shared<Trace>>,
    /// Clicking a source in a step or in the picture toggles it down.
    pub on_toggle_down: Callback<SourceId>,
    /// Clicking an error of the pasted list goes to its line and column.
    #[prop_or_default]
    pub on_goto: Callback<(usize, usize)>,
    /// The agent's addresses, for the picture.
    #[prop_or_default]
    pub agent: Rc<Vec<String>>,
    #[prop_or_default]
    pub view: View,
    /// A documented example: source clicks change nothing.
    #[prop_or_default]
    pub read_only: bool,
    /// Offers the picture as a file (PNG when `true`).
    #[prop_or_default]
    pub on_download: Option<Callback<bool>>,
    /// Tells another of the relay group's orders (RG1).
    #[prop_or_default]
    pub on_draw: Option<Callback<()>>,
}

/// Under the outcome, for an agent of a named relay group: the order told
/// is one of many (RG1), and another can be drawn.
fn draw_note(trace: &Trace, on_draw: Option<&Callback<()>>) -> Html {
    let Some(group) = &trace.relay_group else { return html! {} };
    if group.orders < 2 {
        return html! {};
    }
    html! {
        <p class="draw-note" data-testid="draw-note" data-draw={group.draw.to_string()}>
            { format!("Each agent receives the relays of group \"{}\" in a random order of its own: the path below is one possible draw ({} of {}), the outcome is the same for every draw. ", group.name, group.draw, group.orders) }
            if let Some(on_draw) = on_draw {
                <button type="button" data-testid="draw-another" onclick={on_draw.reform(|_| ())}>{ "Draw another order" }</button>
            }
        </p>
    }
}

/// For a notified agent whose scenario says when (TL1-TL3): when the
/// update starts, in words read out as it changes; the picture draws the
/// notifications as a strip.
pub fn when_view(trace: &Trace) -> Html {
    let Some(words) = trace.when_words() else { return html! {} };
    html! { <p class="when-answer" role="status" data-testid="when-answer">{ words }</p> }
}

#[function_component(TraceView)]
pub fn trace_view(p: &TraceProps) -> Html {
    let changed = |s: &Step| Trace::is_new(s, p.previous.as_deref());
    // The step under the pointer or the focus, in the steps or the picture.
    let hover = use_state(|| None::<usize>);
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |n: Option<usize>| hover.set(n))
    };
    let highlight = *hover;
    let toggle = (!p.read_only).then(|| p.on_toggle_down.clone());
    html! {
        <section class="trace-side" aria-label="Trace">
            <h2 class="visually-hidden">{ "The trace" }</h2>
            { outcome(&OutcomeProps { trace: p.trace.clone(), on_goto: p.on_goto.clone() }) }
            { draw_note(&p.trace, p.on_draw.as_ref()) }
            { when_view(&p.trace) }
            if p.view != View::Trace {
                <DiagramView trace={p.trace.clone()} agent={p.agent.clone()} highlight={highlight}
                    on_hover={on_hover.clone()} on_toggle_down={toggle.clone()} on_download={p.on_download.clone()} />
            }
            if p.view != View::Diagram {
                <h2 class="visually-hidden">{ "Steps" }</h2>
                <ol data-testid="trace" class="steps">
                    { for p.trace.steps.iter().map(|s| step_view(&StepProps {
                        step: s.clone(), profile: p.trace.profile, changed: changed(s), current: false, later: false,
                        highlighted: highlight == Some(s.n()), on_hover: on_hover.clone(),
                        on_toggle_down: toggle.clone(), on_goto: p.on_goto.clone(),
                    })) }
                </ol>
            }
            { problems(&ProblemsProps { trace: p.trace.clone(), on_goto: p.on_goto.clone() }) }
        </section>
    }
}

struct OutcomeProps {
    trace: Shared<Trace>,
    on_goto: Callback<(usize, usize)>,
}

fn outcome(p: &OutcomeProps) -> Html {
    let broken: Vec<&Warning> = p.trace.warnings.iter().filter(|w| w.rule == Rule::W6).collect();
    html! {
        <div class="outcome-wrap">
            <div class="outcome" aria-label="Outcome per item">
                // S&WP updates components only: no card says so of the others.
                { for Item::ALL.iter().filter(|i| p.trace.profile.family() == Family::OfficeScan || p.trace.outcome.contains_key(i)).map(|item| {
                    let o = p.trace.outcome.get(item);
                    let status = o.map(|o| o.status().id()).unwrap_or("not-asked");
                    let source = o.and_then(ItemOutcome::source).map(ToString::to_string).unwrap_or_default();
                    let words = if o.is_some() { p.trace.answer_words(*item) } else { "not part of this update".to_string() };
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
                    { format!("{} covering this agent {} an error and {} left out. Fix ", plural::noun(broken.len(), "a line", "lines"),
                        plural::noun(broken.len(), "has", "have"), plural::noun(broken.len(), "was", "were")) }
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

pub struct StepProps {
    pub step: Step,
    /// Whose words name the step's source.
    pub profile: crate::model::profile::Profile,
    pub changed: bool,
    /// Presenter mode's step being told.
    pub current: bool,
    /// After the current step in presenter mode: not yet told.
    pub later: bool,
    pub highlighted: bool,
    pub on_hover: Callback<Option<usize>>,
    pub on_toggle_down: Option<Callback<SourceId>>,
    /// Puts the caret on the entry's line in the editor.
    pub on_goto: Callback<(usize, usize)>,
}

/// One numbered step with its rule badge, the source it names (a button
/// that switches it down), its line in the list and the assumed mark.
pub fn step_view(p: &StepProps) -> Html {
    let s = &p.step;
    let toggle = s.source().map(|src| {
        let name = crate::vocabulary::label(p.profile, src);
        match &p.on_toggle_down {
            Some(cb) => {
                let label = format!("Switch {name} down or up (what-if)");
                let id = src.clone();
                let onclick = cb.reform(move |_: MouseEvent| id.clone());
                html! { <button type="button" class="src" {onclick} title={label.clone()} aria-label={label}>{ name }</button> }
            }
            None => html! { <span class="src">{ name }</span> },
        }
    });
    let n = s.n();
    let enter = p.on_hover.reform(move |_: MouseEvent| Some(n));
    let leave = p.on_hover.reform(|_: MouseEvent| None);
    let focus = p.on_hover.reform(move |_: FocusEvent| Some(n));
    let blur = p.on_hover.reform(|_: FocusEvent| None);
    let result = s.result().map(|r| r.id()).unwrap_or_default();
    html! {
        <li class={classes!("step", format!("kind-{}", s.kind().id()), (!result.is_empty()).then(|| format!("result-{result}")), p.changed.then_some("changed"), p.current.then_some("current"),
                p.later.then_some("later"), p.highlighted.then_some("hl"), s.assumed().then_some("assumed"))}
            onmouseenter={enter} onmouseleave={leave} onfocusin={focus} onfocusout={blur}
            data-n={n.to_string()}
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
            if let Some(item) = s.item() { <span class="item-tag">{ item.words() }</span> }
            { for toggle }
            <span class="text">{ s.text() }</span>
            if let Some(e) = s.entry() {
                { " " }<button type="button" class="link small goto" aria-label={format!("Show line {} in the list", e.line)}
                    onclick={p.on_goto.reform(move |_| (e.line, 1))}>{ format!("line {}", e.line) }</button>
            }
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

/// The sentence behind a rule, fetched from `rules.json` beside the page
/// the first time a reader opens a badge: the sentences are kilobytes a
/// first visit does not need.
#[derive(Debug, Clone, PartialEq)]
enum Sentence {
    NotAsked,
    Loading,
    Found { quote: String, basis: String },
    Missing(String),
}

/// A rule's sentence and basis from `rules.json` (`[{id, quote, basis}]`,
/// written from the catalogue at build time).
async fn sentence_of(rule: Rule) -> Sentence {
    let text = match crate::ui::browser::fetch_text("rules.json").await {
        Ok(text) => text,
        Err(why) => return Sentence::Missing(format!("The sentence {why}.")),
    };
    let field = |o: &wasm_bindgen::JsValue, k: &str| {
        js_sys::Reflect::get(o, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
    };
    let all = js_sys::JSON::parse(&text).ok().map(|v| js_sys::Array::from(&v)).unwrap_or_default();
    all.iter()
        .find(|r| field(r, "id") == rule.id())
        .map(|r| Sentence::Found { quote: field(&r, "quote"), basis: field(&r, "basis") })
        .unwrap_or_else(|| Sentence::Missing("No sentence is kept for this rule.".into()))
}

/// The rule id; opening it shows the sentence of the document behind it.
#[function_component(RuleBadge)]
pub fn rule_badge(p: &BadgeProps) -> Html {
    let sentence = use_state(|| Sentence::NotAsked);
    let ontoggle = {
        let (sentence, rule) = (sentence.clone(), p.rule);
        Callback::from(move |e: Event| {
            let open = e.target_dyn_into::<web_sys::HtmlDetailsElement>().is_some_and(|d| d.open());
            if open && matches!(*sentence, Sentence::NotAsked | Sentence::Missing(_)) {
                sentence.set(Sentence::Loading);
                let sentence = sentence.clone();
                wasm_bindgen_futures::spawn_local(async move { sentence.set(sentence_of(rule).await) });
            }
        })
    };
    let (id, title) = (p.rule.id(), p.rule.title());
    html! {
        <details class={classes!("rule", p.assumed.then_some("assumed"))} {ontoggle}>
            <summary aria-label={format!("Rule {id}: {title}")}>{ id }</summary>
            <div class="quote" aria-live="polite">
                <strong>{ format!("{id} {title}") }</strong>
                { match &*sentence {
                    Sentence::Found { quote, basis } => html! { <>
                        <blockquote>{ quote }</blockquote>
                        <cite>{ basis }</cite>
                    </> },
                    Sentence::Missing(why) => html! { <p class="help">{ why }</p> },
                    _ => html! { <p class="help">{ "Loading the sentence…" }</p> },
                } }
            </div>
        </details>
    }
}

/// Errors or warnings drawn; the count says how many more there are. A
/// hundred is more than anyone reads in one go, and drawing thousands
/// would hold up the page after a large paste.
const SHOWN: usize = 100;

struct ProblemsProps {
    trace: Shared<Trace>,
    on_goto: Callback<(usize, usize)>,
}

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
                    // The page holds no document text: a value is named, not placed
                    // (an imported file's own lines are in the import's notice).
                    let place = match (&e.field, in_list) {
                        (_, true) => format!("list line {line}, column {column}"),
                        (Some(f), false) => crate::vocabulary::field(f.path()),
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
