//! The Server & Workload Protection walk (SPEC §4): the manager tells the
//! agent; under Version Control Policies an agent of 202412 or later goes
//! to the Service Gateway or Trend Vision One and never to a relay; else
//! relays (as listed, or its group's in an order drawn per agent), then
//! the secondary-source options.

use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::rules::Rule;
use crate::plan::{orders, Primary};
use crate::trace::{GroupDraw, ItemOutcome, Step, StepKind};
use crate::vocabulary;
use crate::walk::walker::Walker;

/// Walks one agent's components update.
pub(super) fn walk(w: &mut Walker<'_>) {
    let plan = w.plan();
    if let Some(asked) = plan.asked {
        let others: Vec<&str> = asked.iter().filter(|i| *i != Item::Components).map(Item::words).collect();
        if !others.is_empty() {
            w.push(Step::new(
                StepKind::Note,
                Rule::R0,
                format!(
                    "{} are OfficeScan-family items: Server & Workload Protection updates components only",
                    others.join(" and ")
                ),
            ));
        }
    }
    if !plan.wanted.contains(Item::Components) {
        return;
    }
    let item = Item::Components;
    // R0: who starts the update.
    let text = match (plan.manager_up, plan.swp.when_manager_unreachable) {
        (true, _) => "Workload Security Manager tells the agent to update",
        (false, true) => "Workload Security Manager is not accessible; \"Allow Agents/Appliances to download component updates when Workload Security Manager is not accessible\" is on, so the agent goes on as if told",
        (false, false) => {
            w.push(Step::new(
                StepKind::Trigger,
                Rule::R0,
                "Workload Security Manager is not accessible and \"download component updates when Workload Security Manager is not accessible\" is off: no update starts",
            ));
            w.settle(item, ItemOutcome::NotStarted);
            return;
        }
    };
    w.push(Step::new(StepKind::Trigger, Rule::R0, text));

    if plan.swp.version_control {
        if plan.version_controlled() {
            return version_controlled(w);
        }
        let why = match &plan.agent.version {
            Some(v) => format!("this agent is version {v}, and Version Control Policies only support Trend Vision One Endpoint Security agents version 202412 or later"),
            None => "this agent's version is not given, so the planner takes it as before 202412 (give its version: an agent of 202412 or later would not use relays)".to_string(),
        };
        w.push(Step::note(
            Rule::VC1,
            item,
            format!("Workload Security Manager is enrolled in Version Control Policies, but {why}: it updates through relays as before"),
            false,
        ));
    }

    let delivered = match &plan.swp.group {
        Some(name) => relay_group(w, name),
        None => listed_relays(w),
    };
    if delivered {
        return rule_updates(w);
    }

    // R2: the secondary options, in the assumed order.
    let mut tried = false;
    if plan.swp.tenant_group_if_relays_unreachable {
        tried = true;
        if w.attempt_named(Rule::R2, SourceId::TenantRelayGroup, "the Primary Tenant Relay Group", true) {
            return rule_updates(w);
        }
    }
    if plan.swp.direct_if_relays_unreachable {
        tried = true;
        let words = match &plan.swp.primary {
            Primary::TrendMicro => "the Primary Component Update Source, Trend Micro Update Server".to_string(),
            Primary::Other(url) => format!("the Primary Component Update Source, Other update source {url}"),
        };
        if w.attempt_named(Rule::R2, SourceId::Primary, &words, true) {
            return rule_updates(w);
        }
    }
    let why = if tried {
        "no relay and no secondary source delivered: components not updated"
    } else {
        "no relay delivered and no secondary source option is on: components not updated"
    };
    // Ending not-updated is documented; only the order of the options is assumed.
    w.quit_with(Rule::R2, item, why);
}

/// R1: relays as listed, one agent's draw.
fn listed_relays(w: &mut Walker<'_>) -> bool {
    let plan = w.plan();
    if plan.swp.relays.is_empty() {
        w.push(Step::note(Rule::R1, Item::Components, "the agent's relay group lists no relays", false));
    }
    plan.swp
        .relays
        .iter()
        .any(|relay| w.attempt_named(Rule::R1, relay.clone(), &vocabulary::name(plan.profile, relay), false))
}

/// RG1: the group's relays in this draw's order. Any relay that is up
/// would deliver in some draw, so the outcome is the group's, whichever
/// relay this draw reached first.
fn relay_group(w: &mut Walker<'_>, name: &str) -> bool {
    let plan = w.plan();
    let relays = &plan.swp.relays;
    let item = Item::Components;
    if relays.is_empty() {
        w.push(Step::note(Rule::RG1, item, format!("relay group \"{name}\" lists no relays"), false));
        return false;
    }
    let order: Vec<&SourceId> = plan.draw.order(relays.len()).into_iter().filter_map(|i| relays.get(i)).collect();
    let words = |list: &[&SourceId]| list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let draw = GroupDraw {
        name: name.to_string(),
        relays: relays.iter().map(ToString::to_string).collect(),
        order: order.iter().map(ToString::to_string).collect(),
        up: relays.iter().filter(|r| !plan.is_down(r)).map(ToString::to_string).collect(),
        draw: plan.draw.number(),
        orders: orders(relays.len()),
    };
    let text = if relays.len() == 1 {
        format!("relay group \"{name}\" has one relay, {}: every agent of the group tries it first", words(&order))
    } else {
        format!(
            "relay group \"{name}\" has {} relays; each agent receives them in a random order of its own and tries them in turn until one delivers. Shown: one possible draw (draw {} of {}): {}",
            relays.len(),
            draw.draw,
            draw.orders,
            words(&order)
        )
    };
    w.push(Step::note(Rule::RG1, item, text, false));
    w.drew(draw);
    for relay in order {
        let words = format!("{} of group \"{name}\"", vocabulary::name(plan.profile, relay));
        if w.attempt_named(Rule::RG1, relay.clone(), &words, false) {
            // Any relay that is up delivers in some draw: the group is the answer.
            w.settle(item, ItemOutcome::Updated(SourceId::RelayGroup(name.to_string())));
            return true;
        }
    }
    false
}

/// VC1-VC3: an agent of 202412 or later under Version Control Policies.
fn version_controlled(w: &mut Walker<'_>) {
    let plan = w.plan();
    let item = Item::Components;
    let version = plan.agent.version.as_ref().map(ToString::to_string).unwrap_or_default();
    w.push(Step::new(
        StepKind::Settings,
        Rule::VC1,
        format!("Workload Security Manager is enrolled in Version Control Policies and this agent is version {version} (202412 or later): it does not use relays for updates, so its relay group and the relay options do not apply"),
    ));
    let delivered = match &plan.swp.gateway {
        Some(address) => {
            let words = format!("the Service Gateway {address} (Generic Caching Service)");
            if w.attempt_named(Rule::VC2, SourceId::ServiceGateway, &words, false) {
                true
            } else {
                w.push(Step::quit(
                    Rule::VC3,
                    Some(item),
                    "the Service Gateway is set up but does not answer. The documents do not say whether the agent then goes to Trend Vision One directly; the planner takes it that it does not (the worse case): components not updated",
                    true,
                ));
                w.settle(item, ItemOutcome::NotUpdated);
                return;
            }
        }
        None => w.attempt_named(
            Rule::VC2,
            SourceId::VisionOne,
            "Trend Vision One directly (no Service Gateway with the Generic Caching Service is set up)",
            false,
        ),
    };
    if delivered {
        return rule_updates(w);
    }
    w.quit_with(
        Rule::VC2,
        item,
        "Trend Vision One cannot be reached and no Service Gateway is set up: components not updated",
    );
}

/// R4: with components in, rule updates reach the assigned policies.
fn rule_updates(w: &mut Walker<'_>) {
    let text = if w.plan().swp.auto_apply_rule_updates {
        "\"Automatically apply Rule Updates to Policies\" is on: rule updates are applied to the assigned policies"
    } else {
        "\"Automatically apply Rule Updates to Policies\" is off: rule updates arrive but are not applied to policies until an administrator does so"
    };
    w.push(Step::new(StepKind::Note, Rule::R4, text));
}
