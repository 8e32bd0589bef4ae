//! The Server & Workload Protection walk (SPEC §4): the manager tells the
//! agent, relays in the drawn order, then the secondary-source options.

use crate::item::Item;
use crate::resolve::Walker;
use crate::rules::Rule;
use crate::trace::{Status, Step, StepKind};

pub fn walk(w: &mut Walker<'_>) {
    let plan = w.plan;
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
        (true, _) => "Workload Security Manager tells the agent to update".to_string(),
        (false, true) => "Workload Security Manager is not accessible; \"Allow Agents/Appliances to download component updates when Workload Security Manager is not accessible\" is on, so the agent goes on as if told".to_string(),
        (false, false) => {
            w.push(Step::new(
                StepKind::Trigger,
                Rule::R0,
                "Workload Security Manager is not accessible and \"download component updates when Workload Security Manager is not accessible\" is off: no update starts",
            ));
            w.set(item, Status::NotStarted, None);
            return;
        }
    };
    w.push(Step::new(StepKind::Trigger, Rule::R0, text));

    // R1: relays in the order drawn.
    if plan.swp.relays.is_empty() {
        w.push(Step::new(StepKind::Note, Rule::R1, "the agent's relay group lists no relays").item(item));
    }
    for relay in &plan.swp.relays {
        let words = format!("relay {}", relay.name);
        if w.attempt_named(Rule::R1, &relay.name, &words, false) {
            return rule_updates(w);
        }
    }

    // R2: the secondary options, in the assumed order.
    let mut tried = false;
    if plan.swp.tenant_group_if_relays_unreachable {
        tried = true;
        if w.attempt_named(Rule::R2, "tenant-relay-group", "the Primary Tenant Relay Group", true) {
            return rule_updates(w);
        }
    }
    if plan.swp.direct_if_relays_unreachable {
        tried = true;
        let words = w.primary_words();
        if w.attempt_named(Rule::R2, "primary", &words, true) {
            return rule_updates(w);
        }
    }
    let why = if tried {
        "no relay and no secondary source delivered: components not updated"
    } else {
        "no relay delivered and no secondary source option is on: components not updated"
    };
    // Ending not-updated is documented; only the order of the options is assumed.
    let mut quit = Step::new(StepKind::Quit, Rule::R2, why).item(item);
    quit.assumed = false;
    w.push(quit);
    w.set(item, Status::NotUpdated, None);
}

/// R4: with components in, rule updates reach the assigned policies.
fn rule_updates(w: &mut Walker<'_>) {
    let text = if w.plan.swp.auto_apply_rule_updates {
        "\"Automatically apply Rule Updates to Policies\" is on: rule updates are applied to the assigned policies"
    } else {
        "\"Automatically apply Rule Updates to Policies\" is off: rule updates arrive but are not applied to policies until an administrator does so"
    };
    w.push(Step::new(StepKind::Note, Rule::R4, text));
}
