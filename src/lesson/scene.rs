//! The scenario a step is about, as a room reads it beside the question:
//! the list as the console's table (or the relays), the agent, what is
//! down and the settings that matter to this step, each in the console's
//! words. Worked out here once, so the room's screen and any other view
//! read one value.

use crate::edit::flags::Flag;
use crate::format::scenario::{Mode, Role, SwpDoc, Trigger};
use crate::format::Scenario;
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::profile::Family;
use crate::model::rules::Rule;
use crate::plan::prepare;
use crate::trace::Trace;
use crate::vocabulary;

/// What a room is shown of a step's scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scene {
    /// The product.
    pub product: &'static str,
    /// What the rows are: "Customized update source list", "Relays", …
    pub list_title: String,
    /// The list's entries (or the relays), in order.
    pub rows: Vec<Row>,
    /// The agent, a fact a line: its addresses first.
    pub agent: Vec<String>,
    /// What is down, in the console's words; empty when everything is up.
    pub down: Vec<String>,
    /// The settings that matter to this step, each "On: …" or "Off: …".
    pub settings: Vec<String>,
}

/// One row of the list as the console's table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line it is on (the relay's place, for relays).
    pub line: usize,
    /// The agents' IP range (empty for a relay).
    pub range: String,
    /// The update source, in the console's words.
    pub source: String,
    /// The entry's label, if any.
    pub label: String,
}

/// The scene of a step's scenario, with its trace already worked out
/// (the settings its rules turn on for `item`, the item asked about, or
/// for every item, are among those that matter).
pub fn scene(scenario: &Scenario, trace: &Trace, item: Option<Item>) -> Scene {
    let profile = scenario.profile;
    let plan = prepare(scenario, None);
    let (list_title, rows) = match (profile.family(), scenario.sources.mode) {
        (Family::OfficeScan, Mode::Customized) => {
            let rows = plan
                .entries()
                .iter()
                .map(|e| Row {
                    line: e.line,
                    range: e.range.to_string(),
                    source: vocabulary::label(profile, &e.source.id()),
                    label: e.label.clone().unwrap_or_default(),
                })
                .collect();
            ("Customized update source list".to_string(), rows)
        }
        (Family::OfficeScan, Mode::Standard) => {
            (format!("Standard update source: the {}", profile.server_name()), Vec::new())
        }
        (Family::Swp, _) => {
            let title = match &plan.swp.group {
                Some(group) => format!("Relays of group \"{group}\" (each agent draws its own order)"),
                None => "Relays, in the order the agent tries them".to_string(),
            };
            let rows = plan
                .swp
                .relays
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    line: i + 1,
                    range: String::new(),
                    source: vocabulary::label(profile, r),
                    label: String::new(),
                })
                .collect();
            (title, rows)
        }
    };
    Scene {
        product: profile.product(),
        list_title,
        rows,
        agent: agent(scenario),
        down: scenario.world.down.iter().map(|d| vocabulary::label(profile, &SourceId::read(d))).collect(),
        settings: settings(scenario, trace, item),
    }
}

/// The agent's facts: its addresses, then what differs from an ordinary
/// agent updating on schedule.
fn agent(scenario: &Scenario) -> Vec<String> {
    let a = &scenario.agent;
    let name = scenario.profile.agent_name();
    let mut out = vec![match a.addresses.as_slice() {
        [] => format!("The {name} has no address"),
        addresses => format!("The {name} at {}", addresses.join(", ")),
    }];
    if a.role == Role::UpdateAgent {
        out.push("It is an Update Agent".into());
    }
    if scenario.profile.family() == Family::OfficeScan && a.trigger != Trigger::Scheduled {
        out.push(format!("Update started by: {}", a.trigger.words()));
    }
    if let Some(v) = &a.version {
        out.push(format!("Version {v}"));
    }
    if a.portable {
        out.push("A laptop or portable computer".into());
    }
    if let (Family::Swp, Some(gateway)) = (scenario.profile.family(), &scenario.swp.service_gateway) {
        out.push(format!("Service Gateway (Generic Caching Service): {gateway}"));
    }
    out
}

/// The settings that matter to this step: those not at the console's
/// default, and those the rules of its trace turn on (the fallbacks after
/// the list, the relays' secondary sources, Version Control Policies).
fn settings(scenario: &Scenario, trace: &Trace, item: Option<Item>) -> Vec<String> {
    let profile = scenario.profile;
    let mut defaults = scenario.clone();
    (defaults.settings, defaults.swp, defaults.agent.portable) = (Default::default(), SwpDoc::default(), false);
    let about = |s: &&crate::trace::Step| item.is_none() || s.item().is_none() || s.item() == item;
    let cited: Vec<Rule> = trace.steps.iter().filter(about).map(|s| s.rule()).collect();
    Flag::ALL
        .into_iter()
        .filter(|f| f.applies_to(profile) && *f != Flag::Portable)
        .filter(|f| f.get(scenario) != f.get(&defaults) || rules_of(*f).iter().any(|r| cited.contains(r)))
        .map(|f| format!("{}: {}", if f.get(scenario) { "On" } else { "Off" }, f.wording(profile)))
        .collect()
}

/// The rules whose steps a setting decides.
fn rules_of(flag: Flag) -> &'static [Rule] {
    match flag {
        Flag::FallbackComponents | Flag::AgentsUseActiveUpdate => &[Rule::F1],
        Flag::FallbackDomainSettings => &[Rule::F2],
        Flag::FallbackPrograms => &[Rule::F3],
        Flag::SwpDirect | Flag::SwpTenantGroup => &[Rule::R2],
        // The others' rules are cited only when the setting is on, that is
        // not at its default: they are shown already.
        _ => &[],
    }
}
