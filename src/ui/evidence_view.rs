//! The Evidence tab: paste what the agent actually did (its ActiveUpdate
//! log, or the `UpdateFrom` registry value), see it beside the trace's
//! prediction with the first parting marked, and apply an explanation with
//! one click (one step of undo). The evidence stays in this page: it goes
//! into links and exported files only when the user asks.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::evidence::{self, Check, Reached};
use crate::format::Scenario;
use crate::model::item::Item;
use crate::trace::AttemptResult;
use crate::ui::state::Shared;

#[derive(Properties, PartialEq, Clone)]
pub struct EvidenceProps {
    pub scenario: Shared<Scenario>,
    /// What was pasted.
    pub evidence: String,
    pub on_evidence: Callback<String>,
    /// Whether the evidence travels with the scenario (links, exports).
    pub included: bool,
    pub on_include: Callback<bool>,
    /// Applies an explanation: the whole scenario, changed.
    pub on_apply: Callback<Scenario>,
}

#[function_component(EvidenceView)]
pub fn evidence_view(p: &EvidenceProps) -> Html {
    let result: Rc<Check> = use_memo((p.scenario.clone(), p.evidence.clone()), |(s, text)| evidence::check(s, text));
    let parted = result.parting.as_ref().and_then(|x| x.contact);
    let items: Vec<Item> = {
        let mut v: Vec<Item> = result.compared.iter().flatten().copied().collect();
        v.sort();
        v.dedup();
        v
    };
    html! {
        <section class="evidence" aria-label="Evidence">
            <h2>{ "Evidence: what the agent actually did" }</h2>
            <label class="field" for="evidence-text">
                <span class="label">{ "The agent's ActiveUpdate log (AU_Data\\AU_Log\\Tmudump.log), or its UpdateFrom registry value" }</span>
                <textarea id="evidence-text" data-testid="evidence" rows="6" spellcheck="false" value={p.evidence.clone()}
                    placeholder={"Downloading [https://10.1.0.5:21112/activeupdate/server.ini]"}
                    oninput={p.on_evidence.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value())} />
                <span class="help">{ "Every http:// and https:// URL is read, in order, as a place the agent contacted. The evidence stays in this page unless you ask below." }</span>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="evidence-in-link" checked={p.included}
                    onchange={p.on_include.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())} />
                <span>{ "Include the evidence in the link and the exported file" }</span>
            </label>
            <p class={classes!("evidence-summary", if result.agrees() { "agrees" } else if result.is_empty() { "" } else { "parts" })}
                data-testid="evidence-summary" role="status">{ result.summary() }</p>
            if !result.explanations.is_empty() {
                <ul class="explanations" data-testid="explanations">
                    { for result.explanations.iter().enumerate().map(|(i, e)| {
                        let s = e.scenario.clone();
                        html! { <li>
                            { &e.text }{ " " }
                            <button type="button" class="small" data-testid={format!("apply-{i}")} onclick={p.on_apply.reform(move |_| s.clone())}>{ "Apply" }</button>
                        </li> }
                    }) }
                </ul>
            }
            { for items.iter().map(|item| {
                let path: Vec<(String, AttemptResult)> = result.trace.path(*item).into_iter().map(|(s, r)| (crate::vocabulary::label(result.trace.profile, s), r)).collect();
                html! {
                    <div class="side-by-side" data-item={item.id()}>
                        <div>
                            <h3>{ format!("Observed, {}", item.words()) }</h3>
                            <ol class="observed" data-testid={format!("observed-{}", item.id())}>
                                { for result.contacts.iter().enumerate().filter(|(i, _)| result.compared.get(*i) == Some(&Some(*item))).map(|(i, c)| html! {
                                    <li class={classes!((parted == Some(i)).then_some("parted"))} data-parted={(parted == Some(i)).to_string()}
                                        data-source={c.source.as_ref().map(ToString::to_string)}
                                        data-result={if c.result == Reached::Failed { "failed" } else { "contacted" }}>
                                        <strong>{ c.source.as_ref().map_or_else(|| "not in the scenario".to_string(), |s| crate::vocabulary::label(result.trace.profile, s)) }</strong>
                                        if c.result == Reached::Failed { { " failed" } }
                                        <span class="help">{ format!("line {}: {}{}", c.line, c.url, if c.item.is_none() { " (the URL does not say which item; taken as components)" } else { "" }) }</span>
                                    </li>
                                }) }
                            </ol>
                        </div>
                        <div>
                            <h3>{ format!("Predicted, {}", item.words()) }</h3>
                            <ol class="predicted" data-testid={format!("predicted-{}", item.id())}>
                                { for path.iter().map(|(s, r)| html! { <li data-result={r.id()}><strong>{ s }</strong>{ format!(" {}", r.id()) }</li> }) }
                                if path.is_empty() { <li>{ "no source is tried" }</li> }
                            </ol>
                        </div>
                    </div>
                }
            }) }
            if result.set_aside() > 0 {
                <h3>{ "Set aside: not update traffic" }</h3>
                <ul class="set-aside" data-testid="evidence-set-aside">
                    { for result.contacts.iter().zip(&result.compared).filter(|(_, c)| c.is_none()).map(|(c, _)| html! {
                        <li>{ format!("line {}: {}", c.line, c.url) }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
