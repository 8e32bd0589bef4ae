//! The Server & Workload Protection walk (SPEC §4): the manager tells the
//! agent, relays in the drawn order, then the secondary-source options.

use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::rules::Rule;
use crate::plan::Primary;
use crate::trace::{ItemOutcome, Step, StepKind};
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

    // R1: relays in the order drawn.
    if plan.swp.relays.is_empty() {
        w.push(Step::note(Rule::R1, item, "the agent's relay group lists no relays", false));
    }
    for relay in &plan.swp.relays {
        if w.attempt_named(Rule::R1, relay.clone(), &format!("relay {relay}"), false) {
            return rule_updates(w);
        }
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
            Primary::TrendMicro => "the primary source, Trend Micro Update Server".to_string(),
            Primary::Other(url) => format!("the primary source, Other update source {url}"),
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
    w.push(Step::quit(Rule::R2, Some(item), why, false));
    w.settle(item, ItemOutcome::NotUpdated);
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
