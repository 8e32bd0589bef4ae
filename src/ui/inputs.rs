//! The input side: profile, server, settings in the console's words, the
//! agent, and the what-if toggles.

use yew::prelude::*;

use crate::edit::flags::{Flag, Screen};
use crate::edit::Edit;
use crate::format::scenario::{ApplyScope, ComponentScope, Domain, Mode, Role, Scenario, Trigger};
use crate::model::item::Item;
use crate::model::profile::{Family, Profile};
use crate::plan::Plan;
use crate::ui::fields::{checkbox, flag_boxes, select, text_input};
use crate::ui::state::Shared;
use crate::ui::tools_host::{Tool, ToolsHost};

pub struct InputsProps {
    pub scenario: Scenario,
    pub plan: Shared<Plan>,
    pub on_edit: Callback<Edit>,
    /// The where-and-when settings were asked for.
    pub where_when: bool,
    pub on_where_when: Callback<()>,
}

/// Drawn as a function, not a component: it redraws with the page, which
/// costs less than a component's machinery in the first load.
pub fn inputs(p: &InputsProps) -> Html {
    let s = &p.scenario;
    let d = p.on_edit.clone();
    let profile = s.profile;
    let profiles: Vec<(Profile, &str, &str)> = Profile::ALL.iter().map(|p| (*p, p.id(), p.product())).collect();
    let flags = |screen: Screen| flag_boxes(s, screen, &d, Flag::page_text);
    let on = |make: fn(String) -> Edit| d.reform(make);
    let officescan = profile.family() == Family::OfficeScan;
    html! {
        <section class="input-side" aria-label="Scenario">
            <fieldset>
                <legend>{ "Product" }</legend>
                { select("profile", Some("profile"), "Profile", &profiles, profile, d.reform(Edit::SetProfile)) }
                if officescan {
                    { text_input("server-address", Some("server-address"), &format!("{} address", profile.server_name()), s.server.address.clone().unwrap_or_default(),
                        "osce.corp.local or 10.0.0.1", "A host name is reachable from both address families; an IP literal only from its own.", on(Edit::SetServer)) }
                }
            </fieldset>
            if officescan {
                <fieldset>
                    <legend>{ "Update Source screen" }</legend>
                    { select("mode", Some("mode"), "Update source", &[(Mode::Standard, "standard", "Standard update source (update from the server)"), (Mode::Customized, "customized", "Customized update source")], s.sources.mode,
                        d.reform(Edit::SetMode)) }
                    { flags(Screen::UpdateSource) }
                </fieldset>
                <fieldset>
                    <legend>{ "Privileges and Other Settings" }</legend>
                    { flags(Screen::PrivilegesAndOther) }
                    if profile == Profile::ApexOne {
                        { select("component-scope", Some("component-scope"), "Security Agents only update the following components", &[
                            (ComponentScope::All, "all", "All components (including hotfixes and the agent program)"),
                            (ComponentScope::PatternsEnginesDrivers, "patterns-engines-drivers", "Pattern files, engines, drivers"),
                            (ComponentScope::Patterns, "patterns", "Pattern files")], s.settings.component_scope,
                            d.reform(Edit::SetComponentScope)) }
                    }
                    { select("apply-scope", Some("apply-scope"), "Apply to", &[
                        (ApplyScope::All, "all", "Apply to All Agents"),
                        (ApplyScope::FutureDomains, "future-domains", "Apply to Future Domains Only")], s.settings.apply_scope,
                        d.reform(Edit::SetApplyScope)) }
                </fieldset>
            } else {
                // The S&WP screens load with the on-demand bundle: most
                // first visits never see them.
                <ToolsHost tool={Tool::Settings} scenario={s.clone()} plan={p.plan.clone()} on_edit={d.clone()} />
            }
            { agent_inputs(&AgentProps { scenario: s.clone(), on_edit: d.clone() }) }
            if officescan {
                // Where the agent is and when it answers load on demand too,
                // at once for a scenario that says either.
                if p.where_when || s.has_where_when() {
                    <ToolsHost tool={Tool::Settings} scenario={s.clone()} plan={p.plan.clone()} on_edit={d.clone()} />
                } else {
                    <div class="where-when-closed">
                        <button type="button" data-testid="where-when-open" onclick={p.on_where_when.reform(|_| ())}>
                            { "Where the agent is, and when it answers…" }
                        </button>
                        <p class="help">{ "Off-premises and roaming agents, the Edge Relay server, and when a notified agent updates." }</p>
                    </div>
                }
            }
            { what_if(&WhatIfProps { scenario: s.clone(), plan: p.plan.clone(), on_edit: d.clone() }) }
        </section>
    }
}

struct AgentProps {
    scenario: Scenario,
    on_edit: Callback<Edit>,
}

fn agent_inputs(p: &AgentProps) -> Html {
    let s = &p.scenario;
    let d = p.on_edit.clone();
    let officescan = s.profile.family() == Family::OfficeScan;
    let agent = s.profile.agent_name();
    let wanted = s.wanted_items();
    let item_box = |item: Item| {
        let d = d.clone();
        let current = wanted;
        checkbox(
            format!("item-{}", item.id()),
            item.words().to_string(),
            None,
            current.contains(item),
            Callback::from(move |on: bool| {
                let next = if on { current.with(item) } else { current.without(item) };
                d.emit(Edit::SetItems(Some(next.to_vec())));
            }),
        )
    };
    html! {
        <fieldset>
            <legend>{ format!("The {agent}") }</legend>
            { text_input("agent-addresses", Some("agent-addresses"), "Addresses (comma-separated)", s.agent.addresses.join(", "), "10.1.4.20, 2001:db8::20",
                "Both families = dual-stack.", d.reform(Edit::SetAddresses)) }
            if officescan {
                { select("role", Some("role"), "Role", &[(Role::Agent, "agent", "Agent"), (Role::UpdateAgent, "update-agent", "Update Agent")], s.agent.role,
                    d.reform(Edit::SetRole)) }
                { select("trigger", Some("trigger"), "What starts the update",
                    &Trigger::ALL.map(|t| (t, t.id(), t.words())), s.agent.trigger,
                    d.reform(Edit::SetTrigger)) }
                { select("domain", Some("domain"), "Domain", &[(Domain::Existing, "existing", "Existing domain"), (Domain::Future, "future", "Future domain")], s.agent.domain,
                    d.reform(Edit::SetDomain)) }
                { select("schedule-choice", Some("schedule-choice"), "The user's own schedule-based update choice", &[
                    (None, "none", "Not set"), (Some(true), "on", "On"), (Some(false), "off", "Off")], s.agent.schedule_choice,
                    d.reform(Edit::SetScheduleChoice)) }
                <div class="items" role="group" aria-label="What this update wants">
                    <span class="label">{ "What this update wants" }</span>
                    { item_box(Item::DomainSettings) }{ item_box(Item::Components) }{ item_box(Item::Programs) }
                </div>
            }
            { {
                let f = Flag::Portable;
                let d = d.clone();
                let (words, help) = f.page_text(s.profile);
                checkbox(format!("flag-{}", f.id()), words, Some(help), f.get(s), Callback::from(move |on| d.emit(Edit::SetFlag(f, on))))
            } }
        </fieldset>
    }
}

/// Switches drawn in the What if box; a list with more sources is switched from the trace.
const WHAT_IF_SHOWN: usize = 200;

struct WhatIfProps {
    scenario: Scenario,
    plan: Shared<Plan>,
    on_edit: Callback<Edit>,
}

fn what_if(p: &WhatIfProps) -> Html {
    let d = p.on_edit.clone();
    // Drawn with the inputs, which redraw when the scenario changes.
    let all = p.plan.down_candidates();
    let hidden = all.len().saturating_sub(WHAT_IF_SHOWN);
    let candidates = all.get(..WHAT_IF_SHOWN).unwrap_or(&all);
    let swp = p.scenario.profile.family() == Family::Swp;
    html! {
        <fieldset class="what-if">
            <legend>{ "What if… (down right now)" }</legend>
            <div class="down-grid">
                { for candidates.iter().map(|c| {
                    let id = c.clone();
                    checkbox(format!("down-{c}"), crate::vocabulary::label(p.plan.profile, c), None, p.plan.is_down(c), d.reform(move |_| Edit::ToggleDown(id.clone())))
                }) }
            </div>
            if hidden > 0 {
                <p class="help">{ format!("{hidden} more sources are not listed here: click a source in the trace to switch it down.") }</p>
            }
            if swp {
                { { let d = d.clone(); checkbox("manager-down".into(), "Workload Security Manager is not accessible".into(), None, !p.scenario.world.manager_up,
                    Callback::from(move |down: bool| d.emit(Edit::SetManagerUp(!down)))) } }
            } else {
                { { let d = d.clone(); checkbox("dual-stack-proxy".into(), "A dual-stack proxy (such as DeleGate) bridges IPv4 and IPv6".into(), None, p.scenario.world.dual_stack_proxy,
                    Callback::from(move |on: bool| d.emit(Edit::SetDualStackProxy(on)))) } }
            }
        </fieldset>
    }
}
