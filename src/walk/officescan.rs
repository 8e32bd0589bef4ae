//! The OfficeScan-family walk (SPEC §3): trigger, apply scope, component
//! scope, then the standard source, the Update Agent processes or the
//! customized list with its fallbacks.

use crate::format::scenario::{ApplyScope, ComponentScope, Domain, Location, Mode, Role, Settings, Trigger};
use crate::input::source::{Serves, Source};
use crate::input::source_list::Numbering;
use crate::model::diagnostics::Warning;
use crate::model::item::{Item, ItemSet};
use crate::model::rules::Rule;
use crate::trace::{EntryRef, ItemOutcome, Step, StepKind};
use crate::vocabulary;
use crate::walk::walker::Walker;
use crate::walk::whereabouts;

/// Walks one agent whose matching entries (L0) are `matched`.
pub(super) fn walk(w: &mut Walker<'_>, matched: &[usize]) {
    let plan = w.plan();
    let settings = effective_settings(w);
    let location = whereabouts::location(w);
    w.placed(location);
    if !trigger_runs(w, &settings, location) {
        for item in plan.wanted.iter() {
            w.settle(item, ItemOutcome::NotStarted);
        }
        return;
    }
    let items = component_scope(w, &settings);
    match location {
        Location::OffPremises => return whereabouts::off_premises(w, items),
        Location::Independent => whereabouts::independent_sources(w),
        Location::OnPremises => {}
    }
    let is_ua = plan.agent.role == Role::UpdateAgent;
    let server = w.server();
    if is_ua && settings.ua_always_standard && plan.agent.trigger == Trigger::ServerNotify {
        w.push(Step::new(
            StepKind::Settings,
            Rule::U2,
            format!(
                "\"{}\" is on and the {server} notified this Update Agent: it updates from the {server} and disregards the list",
                vocabulary::ua_always_standard_setting(plan.profile)
            ),
        ));
        let au = settings.agents_use_activeupdate || plan.list.activeupdate_first;
        let why = if settings.agents_use_activeupdate {
            format!("\"{}\" is on", vocabulary::activeupdate_setting(plan.profile))
        } else {
            "the ActiveUpdate server is the first entry of the list".to_string()
        };
        server_first(w, Rule::U2, items, au.then_some(why), false);
    } else if plan.mode == Mode::Standard {
        w.push(Step::new(StepKind::Settings, Rule::S, format!("Standard update source: the {server}")));
        let au = standard_activeupdate(w, &settings);
        server_first(w, Rule::S, items, au, false);
    } else if is_ua && settings.ua_server_only {
        w.push(Step::new(
            StepKind::Settings,
            Rule::U1,
            format!(
                "\"{}\" is on: this Update Agent disregards the customized list",
                vocabulary::ua_server_only_setting(plan.profile)
            ),
        ));
        let au = standard_activeupdate(w, &settings);
        server_first(w, Rule::U1, items, au, true);
    } else {
        list_walk(w, &settings, items, matched);
    }
}

/// T2: settings of the Privileges and Other Settings screen stop short of
/// agents added to existing domains under "Apply to Future Domains Only".
fn effective_settings(w: &mut Walker<'_>) -> Settings {
    let s = &w.plan().settings;
    if s.apply_scope == ApplyScope::FutureDomains && w.plan().agent.domain == Domain::Existing {
        w.push(Step::new(
            StepKind::Settings,
            Rule::T2,
            format!("\"Apply to Future Domains Only\" and this {} is in an existing domain: the Privileges and Other Settings screen does not reach it, so it keeps their defaults (ActiveUpdate download off, all components, schedule-based updates on, no privileges); the Update Source screen still applies", w.agent()),
        ));
        return s.without_privileges_screen();
    }
    s.clone()
}

/// T1: whether this trigger starts an update at all; where the agent is
/// and when it answers have their say (IND1, LOC1, TL1-TL3).
fn trigger_runs(w: &mut Walker<'_>, s: &Settings, location: Location) -> bool {
    let agent = w.agent();
    let (runs, text) = match w.plan().agent.trigger {
        Trigger::Scheduled => {
            let user_counts = s.privilege_schedule_toggle && s.schedule_enabled;
            match (user_counts, w.plan().agent.schedule_choice) {
                (true, Some(on)) => (
                    on,
                    format!(
                        "Scheduled update: the {agent} user has the Enable/Disable schedule-based updates privilege and turned schedule-based updates {}",
                        if on { "on" } else { "off" }
                    ),
                ),
                _ => (
                    s.schedule_enabled,
                    format!(
                        "Scheduled update: schedule-based updates are {}{}",
                        if s.schedule_enabled { "on" } else { "off" },
                        if w.plan().agent.schedule_choice.is_some() && !user_counts {
                            format!(" (the {agent} user's own choice does not count without the privilege and the console setting)")
                        } else {
                            String::new()
                        }
                    ),
                ),
            }
        }
        Trigger::UpdateNow => (
            s.privilege_update_now,
            if s.privilege_update_now {
                format!("Update Now from the tray menu: the {agent} user has the Perform \"Update Now\" privilege")
            } else {
                format!("Update Now: the {agent} user lacks the Perform \"Update Now\" privilege, so the menu item is not there")
            },
        ),
        // An agent away from the server is not told it is notified: the
        // server notifies its agents, and the next step says whether this
        // one hears it (LOC1, IND1).
        Trigger::ServerNotify if location != Location::OnPremises => {
            (true, format!("Notify All: the {} notifies its {agent}s to update", w.server()))
        }
        Trigger::ServerNotify => (true, format!("The {} notifies the {agent} to update (Notify All)", w.server())),
    };
    let notify = w.plan().agent.trigger == Trigger::ServerNotify;
    let text = if runs || notify { text } else { format!("{text}: no update starts") };
    w.push(Step::new(StepKind::Trigger, Rule::T1, text));
    if notify {
        return whereabouts::notified(w, s, location);
    }
    whereabouts::independent_trigger(w, s, location, runs)
}

/// T3 (Apex One): the component scope may drop programs.
fn component_scope(w: &mut Walker<'_>, s: &Settings) -> ItemSet {
    let wanted = w.plan().wanted;
    if !w.plan().profile.has_component_scope() {
        if s.component_scope != ComponentScope::All {
            w.push(Step::new(
                StepKind::Note,
                Rule::T3,
                format!(
                    "\"Security Agents only update the following components\" is an Apex One setting; {} ignores it",
                    w.plan().profile.product()
                ),
            ));
        }
        return wanted;
    }
    let text = match s.component_scope {
        ComponentScope::All => return wanted,
        ComponentScope::PatternsEnginesDrivers => "\"Pattern files, engines, drivers\": Security Agents do not upgrade the agent program or deploy hot fixes; programs are excluded",
        ComponentScope::Patterns => "\"Pattern files\": components means pattern files only (no engines or drivers); the agent program and hot fixes are excluded",
    };
    w.push(Step::new(StepKind::Settings, Rule::T3, text));
    if wanted.contains(Item::Programs) {
        w.settle(Item::Programs, ItemOutcome::Excluded);
    }
    wanted.without(Item::Programs)
}

/// S and U1: when components may go on to ActiveUpdate after the server.
fn standard_activeupdate(w: &Walker<'_>, s: &Settings) -> Option<String> {
    if s.agents_use_activeupdate {
        Some(format!("\"{}\" is on", vocabulary::activeupdate_setting(w.plan().profile)))
    } else if w.plan().agent.role == Role::UpdateAgent && w.plan().list.activeupdate_first {
        Some("for an Update Agent, the ActiveUpdate server is the first entry of the list".to_string())
    } else {
        None
    }
}

/// S, U1 and U2: the server for every item; components may go on to
/// ActiveUpdate (`au` says why); what is left quits.
fn server_first(w: &mut Walker<'_>, rule: Rule, items: ItemSet, au: Option<String>, au_assumed: bool) {
    for item in items.iter() {
        if w.attempt(rule, item, &Source::Server, None, false) {
            continue;
        }
        if item == Item::Components {
            if let Some(why) = &au {
                let text = format!("the {} failed and {why}: components go to the ActiveUpdate server", w.server());
                w.push(Step::note(rule, item, text, au_assumed));
                if w.attempt(rule, item, &Source::ActiveUpdate, None, au_assumed) {
                    continue;
                }
            }
        }
        w.quit(item, "no source delivered");
    }
}

/// L0, L1, then the fallbacks F1-F3, then Q.
fn list_walk(w: &mut Walker<'_>, s: &Settings, items: ItemSet, matched: &[usize]) {
    let entries = w.plan().entries();
    let text = if matched.is_empty() {
        format!(
            "{} matches no entry of the customized list (\"not found\"): straight to the fallbacks",
            w.addresses_text()
        )
    } else {
        let numbering = w.plan().list.numbering();
        let numbers: Vec<String> = matched
            .iter()
            .filter_map(|i| entries.get(*i).map(|e| numbering.number(i + 1, e.line).to_string()))
            .collect();
        let which = match (numbering, matched.len()) {
            (Numbering::Lines, 1) => "the entry on line",
            (Numbering::Lines, _) => "the entries on lines",
            (Numbering::Entries, 1) => "entry",
            (Numbering::Entries, _) => "entries",
        };
        format!(
            "{} {} in {which} {}",
            w.addresses_text(),
            crate::model::plural::noun(w.addresses().len(), "falls", "fall"),
            crate::model::plural::join_and(&numbers)
        )
    };
    w.push(Step::new(StepKind::Match, Rule::L0, text));
    broken_lines(w);
    for item in items.iter() {
        if walk_entries(w, item, matched) {
            continue;
        }
        let delivered = match item {
            Item::Components => components_fallback(w, s),
            Item::DomainSettings => server_fallback(w, Rule::F2, item, s.fallback_domain_settings),
            Item::Programs => server_fallback(w, Rule::F3, item, s.fallback_programs),
        };
        if !delivered {
            let why = if matched.is_empty() {
                "no entry matched and no fallback delivered"
            } else {
                "no entry and no fallback delivered"
            };
            w.quit(item, why);
        }
    }
}

/// Why an update source URL is passed over for domain settings and
/// programs (assumed, from the seed's "can only be downloaded from the
/// server or Update Agents").
const URL_SERVES_COMPONENTS: &str =
    "an update source URL serves components only; domain settings, programs and hot fixes come from the server or Update Agents";

/// L1: the matched entries in order; true once one delivers.
fn walk_entries(w: &mut Walker<'_>, item: Item, matched: &[usize]) -> bool {
    let plan = w.plan();
    for &i in matched {
        let Some(entry) = plan.entries().get(i) else { continue };
        let at = EntryRef { number: i + 1, line: entry.line };
        let skip = match entry.source.serves(item, entry.serves) {
            Serves::Yes => None,
            Serves::NotFromActiveUpdate => {
                Some(("only components can be updated from the ActiveUpdate server", "serves components only", false))
            }
            Serves::NotFromUrl => Some((URL_SERVES_COMPONENTS, "a URL serves components only", true)),
            Serves::NotShared => {
                Some(("this Update Agent is set not to share this item", "not shared by this Update Agent", false))
            }
        };
        let is_self = plan.agent.role == Role::UpdateAgent
            && matches!(&entry.source, Source::UpdateAgent { host, .. } if host.ip().is_some_and(|ip| w.addresses().contains(&ip)));
        let skip = skip
            .or_else(|| is_self.then_some(("an Update Agent never updates from itself", "itself: never used", false)));
        if let Some((why, brief, assumed)) = skip {
            let name = plan.list.numbering().name(at.number, at.line);
            let id = entry.source.id();
            // The reason stays as the trace's JSON has always given it; the
            // sentence names the server as its console does.
            let words = why.replace("from the server", &format!("from the {}", w.server()));
            let said = format!("{name} ({}): {words}", vocabulary::label(plan.profile, &id));
            w.push(Step::skip(item, id, at, &said, (why.to_string(), brief), assumed));
            continue;
        }
        if w.attempt(Rule::L1, item, &entry.source, Some((at, entry.label.as_deref())), false) {
            return true;
        }
    }
    false
}

/// W6: a line with an error whose range holds this agent. The walk goes on
/// without it, but the reader must know the answer may change once the
/// line is fixed.
fn broken_lines(w: &mut Walker<'_>) {
    let addresses = w.addresses();
    for b in &w.plan().list.broken {
        if let Some(a) = addresses.iter().find(|a| b.range.contains(**a)) {
            w.warn(Warning {
                rule: Rule::W6,
                text: format!(
                    "this {} has an error, and its range {} holds this {} ({a}): the planner walks the list without it, so this answer may change once it is fixed",
                    match w.plan().list.numbering() {
                        Numbering::Lines => "line",
                        Numbering::Entries => "entry",
                    },
                    b.range,
                    w.agent()
                ),
                line: Some(b.line),
            });
        }
    }
}

/// F1: the components fallback.
fn components_fallback(w: &mut Walker<'_>, s: &Settings) -> bool {
    let item = Item::Components;
    let server = w.server();
    let profile = w.plan().profile;
    let setting = vocabulary::fallback_setting(profile, item);
    let au = vocabulary::activeupdate_setting(profile);
    if s.fallback_components {
        w.push(Step::note(Rule::F1, item, format!("\"{setting}\" is on: the {server}"), false));
        if w.attempt(Rule::F1, item, &Source::Server, None, false) {
            return true;
        }
        if s.agents_use_activeupdate {
            return w.attempt(Rule::F1, item, &Source::ActiveUpdate, None, false);
        }
        let text = format!("\"{au}\" is {}: the ActiveUpdate server is not tried", au_off(w));
        w.push(Step::note(Rule::F1, item, text, false));
        return false;
    }
    let why = if s.agents_use_activeupdate {
        Some(format!("\"{au}\" is on"))
    } else if !w.plan().list.lists_activeupdate {
        Some("the ActiveUpdate server is not in the customized list".to_string())
    } else {
        None
    };
    let text = match &why {
        Some(why) => {
            format!("\"{setting}\" is off and {why}: the {} tries the ActiveUpdate server directly", w.agent())
        }
        None => format!(
            "\"{setting}\" is off, the ActiveUpdate server is in the list and \"{au}\" is {}: no fallback",
            au_off(w)
        ),
    };
    w.push(Step::note(Rule::F1, item, text, false));
    why.is_some() && w.attempt(Rule::F1, item, &Source::ActiveUpdate, None, false)
}

/// Why the ActiveUpdate setting counts as off: off in the console, or on
/// there but not reaching this agent under "Apply to Future Domains Only"
/// (T2), which leaves it at its default.
fn au_off(w: &Walker<'_>) -> &'static str {
    if w.plan().settings.agents_use_activeupdate {
        "on in the console, but \"Apply to Future Domains Only\" keeps it from this agent's existing domain, so its default, off, applies"
    } else {
        "off"
    }
}

/// F2 and F3: the server, when its setting is on.
fn server_fallback(w: &mut Walker<'_>, rule: Rule, item: Item, on: bool) -> bool {
    let setting = vocabulary::fallback_setting(w.plan().profile, item);
    if !on {
        w.push(Step::note(rule, item, format!("\"{setting}\" is off: no fallback for {}", item.words()), false));
        return false;
    }
    w.push(Step::note(rule, item, format!("\"{setting}\" is on: the {}", w.server()), false));
    w.attempt(rule, item, &Source::Server, None, false)
}
