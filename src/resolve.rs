//! The walks (SPEC §3 and §4): from a prepared [`Plan`] to a [`Trace`]. Every
//! step names the rule behind it; steps from assumed rules say so.

use std::collections::BTreeMap;
use std::net::IpAddr;

use crate::item::{Item, ItemSet};
use crate::locate::Locator;
use crate::plan::{prepare, Plan, Primary};
use crate::profile::Family;
use crate::range::IpFamily;
use crate::rules::Rule;
use crate::scenario::{ApplyScope, ComponentScope, Domain, Mode, Role, Scenario, Settings, Trigger};
use crate::source::{Serves, Source};
use crate::source_list::Entry;
use crate::trace::{AttemptResult, ItemOutcome, Status, Step, StepKind, Trace};

/// Resolves a scenario as written.
pub fn trace(scenario: &Scenario) -> Trace {
    resolve(&prepare(scenario, None))
}

/// Reads a JSON scenario and resolves it, with errors located in the JSON.
pub fn trace_json(text: &str) -> Result<Trace, crate::scenario::ReadError> {
    let scenario = Scenario::from_json(text)?;
    let locator = Locator::scan(text);
    Ok(resolve(&prepare(&scenario, Some(&locator))))
}

/// Resolves the plan's own agent.
pub fn resolve(plan: &Plan) -> Trace {
    resolve_for(plan, &plan.addresses)
}

/// Resolves the plan for an agent with other addresses (the fleet view).
pub fn resolve_for(plan: &Plan, addresses: &[IpAddr]) -> Trace {
    let matched = matching_entries(&plan.entries, addresses);
    resolve_matched(plan, addresses, &matched)
}

/// The entries whose range holds one of the addresses, in list order (L0).
pub fn matching_entries(entries: &[Entry], addresses: &[IpAddr]) -> Vec<usize> {
    entries.iter().enumerate().filter(|(_, e)| addresses.iter().any(|a| e.range.contains(*a))).map(|(i, _)| i).collect()
}

/// Resolves with the matching entries already known (the interval index
/// supplies them for a batch).
pub fn resolve_matched(plan: &Plan, addresses: &[IpAddr], matched: &[usize]) -> Trace {
    let mut w = Walker::new(plan, addresses);
    if addresses.is_empty() {
        w.push(Step::new(StepKind::Quit, Rule::Q, "no valid agent address: there is nothing to trace"));
        for item in plan.wanted.iter() {
            w.set(item, Status::NotStarted, None);
        }
    } else {
        match plan.profile.family() {
            Family::OfficeScan => w.officescan(matched),
            Family::Swp => crate::swp::walk(&mut w),
        }
    }
    w.finish()
}

/// Collects steps and outcomes as a walk goes.
pub struct Walker<'a> {
    pub plan: &'a Plan,
    pub addresses: &'a [IpAddr],
    pub steps: Vec<Step>,
    pub outcome: BTreeMap<Item, ItemOutcome>,
    has_v4: bool,
    has_v6: bool,
}

impl<'a> Walker<'a> {
    fn new(plan: &'a Plan, addresses: &'a [IpAddr]) -> Walker<'a> {
        Walker {
            plan,
            addresses,
            steps: Vec::new(),
            outcome: BTreeMap::new(),
            has_v4: addresses.iter().any(|a| a.is_ipv4()),
            has_v6: addresses.iter().any(|a| a.is_ipv6()),
        }
    }

    pub fn push(&mut self, mut step: Step) {
        step.n = self.steps.len() + 1;
        self.steps.push(step);
    }

    pub fn set(&mut self, item: Item, status: Status, source: Option<String>) {
        self.outcome.insert(item, ItemOutcome { status, source });
    }

    fn finish(self) -> Trace {
        Trace {
            profile: self.plan.profile,
            steps: self.steps,
            outcome: self.outcome,
            warnings: self.plan.warnings.clone(),
            errors: self.plan.errors.clone(),
        }
    }

    fn agent(&self) -> &'static str {
        self.plan.profile.agent_name()
    }

    fn server(&self) -> &'static str {
        self.plan.profile.server_name()
    }

    fn addresses_text(&self) -> String {
        self.addresses.iter().map(IpAddr::to_string).collect::<Vec<_>>().join(" and ")
    }

    /// A one-family agent's family; `None` for dual-stack.
    fn pure_family(&self) -> Option<IpFamily> {
        match (self.has_v4, self.has_v6) {
            (true, false) => Some(IpFamily::V4),
            (false, true) => Some(IpFamily::V6),
            _ => None,
        }
    }

    /// L2: why the agent cannot reach the source at all, if it cannot.
    fn unreachable(&self, source: &Source) -> Option<String> {
        if self.plan.dual_stack_proxy {
            return None;
        }
        let agent_family = self.pure_family()?;
        let (source_family, who) = match source {
            Source::ActiveUpdate => (Some(IpFamily::V4), "the ActiveUpdate server".to_string()),
            Source::Server => {
                (self.plan.server.as_ref().and_then(|h| h.only_family()), format!("the {}", self.server()))
            }
            other => (other.host().and_then(|h| h.only_family()), other.canonical()),
        };
        let source_family = source_family?;
        if source_family == agent_family {
            return None;
        }
        Some(match source {
            Source::ActiveUpdate => "unreachable: a pure IPv6 agent cannot update directly from the ActiveUpdate server without a dual-stack proxy".into(),
            _ => format!(
                "unreachable: this {} is {}-only and {who} is {}-only, with no dual-stack proxy",
                self.agent(),
                agent_family.label(),
                source_family.label()
            ),
        })
    }

    /// Tries one source for one item and records the step; true if it delivered.
    fn attempt(
        &mut self,
        rule: Rule,
        item: Item,
        source: &Source,
        entry: Option<(usize, &Entry)>,
        assumed: bool,
    ) -> bool {
        let canonical = source.canonical();
        let name = self.source_words(source);
        let where_ = match entry {
            Some((n, e)) => match &e.label {
                Some(l) => format!(" (entry {n}, {l})"),
                None => format!(" (entry {n})"),
            },
            None => String::new(),
        };
        let (result, reason, failed_by) = match self.unreachable(source) {
            Some(why) => (AttemptResult::Failed, Some(why), Some(Rule::L2)),
            None if self.plan.is_down(&canonical) => (AttemptResult::Failed, Some("down (what-if)".to_string()), None),
            None => (AttemptResult::Delivered, None, None),
        };
        let text = match &reason {
            None => format!("{} from {name}{where_}: delivered", item.words()),
            Some(r) => format!("{} from {name}{where_}: failed, {r}", item.words()),
        };
        let mut step = Step::new(StepKind::Attempt, rule, text).item(item).source(canonical.clone()).assumed(assumed);
        step.result = Some(result);
        step.reason = reason;
        step.failed_by = failed_by;
        step.entry = entry.map(|(n, _)| n);
        step.line = entry.map(|(_, e)| e.line);
        self.push(step);
        let delivered = result == AttemptResult::Delivered;
        if delivered {
            self.set(item, Status::Updated, Some(canonical));
        }
        delivered
    }

    fn source_words(&self, source: &Source) -> String {
        match source {
            Source::Server => format!("the {}", self.server()),
            Source::ActiveUpdate => "the ActiveUpdate server".into(),
            Source::UpdateAgent { .. } => format!("Update Agent {}", source.canonical()),
            Source::Url { .. } => source.canonical(),
        }
    }

    fn quit(&mut self, item: Item, why: &str) {
        let text = format!("{}: {why}; the {} quits the update process for this item", item.words(), self.agent());
        self.push(Step::new(StepKind::Quit, Rule::Q, text).item(item));
        self.set(item, Status::NotUpdated, None);
    }

    // ---- OfficeScan family (SPEC §3) ----

    fn officescan(&mut self, matched: &[usize]) {
        let plan = self.plan;
        let settings = self.effective_settings();
        if !self.trigger_runs(&settings) {
            for item in plan.wanted.iter() {
                self.set(item, Status::NotStarted, None);
            }
            return;
        }
        let items = self.component_scope(&settings);
        let is_ua = plan.agent.role == Role::UpdateAgent;
        if is_ua && settings.ua_always_standard && plan.agent.trigger == Trigger::ServerNotify {
            self.push(Step::new(
                StepKind::Settings,
                Rule::U2,
                format!("Update Agent with \"always update from standard update source\", notified by the {}: it updates from the {} and disregards the list", self.server(), self.server()),
            ));
            let au = settings.agents_use_activeupdate || plan.activeupdate_first;
            let why = if settings.agents_use_activeupdate {
                "\"download updates from the ActiveUpdate server\" is on"
            } else {
                "the ActiveUpdate server is the first entry of the list"
            };
            self.server_first(Rule::U2, items, au.then_some(why), false);
        } else if plan.mode == Mode::Standard {
            self.push(Step::new(StepKind::Settings, Rule::S, format!("Standard update source: the {}", self.server())));
            let (au, why) = self.standard_activeupdate(&settings);
            self.server_first(Rule::S, items, au.then_some(why), false);
        } else if is_ua && settings.ua_server_only {
            self.push(Step::new(
                StepKind::Settings,
                Rule::U1,
                format!("\"Update Agents update ... only from the {}\" is on: this Update Agent disregards the customized list", self.server()),
            ));
            let (au, why) = self.standard_activeupdate(&settings);
            self.server_first(Rule::U1, items, au.then_some(why), true);
        } else {
            self.list_walk(&settings, items, matched);
        }
    }

    /// T2: settings of the Privileges and Other Settings screen stop short of
    /// agents added to existing domains under "Apply to Future Domains Only".
    fn effective_settings(&mut self) -> Settings {
        let s = &self.plan.settings;
        if s.apply_scope == ApplyScope::FutureDomains && self.plan.agent.domain == Domain::Existing {
            self.push(Step::new(
                StepKind::Settings,
                Rule::T2,
                format!("\"Apply to Future Domains Only\" and this {} is in an existing domain: the Privileges and Other Settings screen does not reach it, so it keeps their defaults (ActiveUpdate download off, all components, schedule-based updates on, no privileges); the Update Source screen still applies", self.agent()),
            ));
            return s.without_privileges_screen();
        }
        s.clone()
    }

    /// T1: whether this trigger starts an update at all.
    fn trigger_runs(&mut self, s: &Settings) -> bool {
        let agent = self.agent();
        let (runs, text) = match self.plan.agent.trigger {
            Trigger::Scheduled => {
                let user_counts = s.privilege_schedule_toggle && s.schedule_enabled;
                match (user_counts, self.plan.agent.schedule_choice) {
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
                            if self.plan.agent.schedule_choice.is_some() && !user_counts {
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
            Trigger::ServerNotify => {
                (true, format!("The {} notifies the {agent} to update (Notify All)", self.server()))
            }
        };
        let text = if runs { text } else { format!("{text}: no update starts") };
        self.push(Step::new(StepKind::Trigger, Rule::T1, text));
        runs
    }

    /// T3 (Apex One): the component scope may drop programs.
    fn component_scope(&mut self, s: &Settings) -> ItemSet {
        let wanted = self.plan.wanted;
        if !self.plan.profile.has_component_scope() {
            if s.component_scope != ComponentScope::All {
                self.push(Step::new(
                    StepKind::Note,
                    Rule::T3,
                    format!("\"Security Agents only update the following components\" is an Apex One setting; {} ignores it", self.plan.profile.product()),
                ));
            }
            return wanted;
        }
        let text = match s.component_scope {
            ComponentScope::All => return wanted,
            ComponentScope::PatternsEnginesDrivers => "\"Pattern files, engines, drivers\": Security Agents do not upgrade the agent program or deploy hot fixes; programs are excluded",
            ComponentScope::Patterns => "\"Pattern files\": components means pattern files only (no engines or drivers); the agent program and hot fixes are excluded",
        };
        self.push(Step::new(StepKind::Settings, Rule::T3, text));
        if wanted.contains(Item::Programs) {
            self.set(Item::Programs, Status::Excluded, None);
        }
        wanted.without(Item::Programs)
    }

    /// S and U1: when components may go on to ActiveUpdate after the server.
    fn standard_activeupdate(&self, s: &Settings) -> (bool, &'static str) {
        if s.agents_use_activeupdate {
            (true, "\"download updates from the ActiveUpdate server\" is on")
        } else if self.plan.agent.role == Role::UpdateAgent && self.plan.activeupdate_first {
            (true, "for an Update Agent, the ActiveUpdate server is the first entry of the list")
        } else {
            (false, "")
        }
    }

    /// S, U1 and U2: the server for every item; components may go on to
    /// ActiveUpdate (`au` says why); what is left quits.
    fn server_first(&mut self, rule: Rule, items: ItemSet, au: Option<&str>, au_assumed: bool) {
        for item in items.iter() {
            if self.attempt(rule, item, &Source::Server, None, false) {
                continue;
            }
            if item == Item::Components {
                if let Some(why) = au {
                    let text =
                        format!("the {} failed and {why}: components go to the ActiveUpdate server", self.server());
                    self.push(Step::new(StepKind::Note, rule, text).item(item).assumed(au_assumed));
                    if self.attempt(rule, item, &Source::ActiveUpdate, None, au_assumed) {
                        continue;
                    }
                }
            }
            self.quit(item, "no source delivered");
        }
    }

    /// L0, L1, then the fallbacks F1-F3, then Q.
    fn list_walk(&mut self, s: &Settings, items: ItemSet, matched: &[usize]) {
        let text = if matched.is_empty() {
            format!(
                "{} matches no entry of the customized list (\"not found\"): straight to the fallbacks",
                self.addresses_text()
            )
        } else {
            let numbers: Vec<String> = matched.iter().map(|i| (i + 1).to_string()).collect();
            format!(
                "{} {} in {} {}",
                self.addresses_text(),
                if self.addresses.len() == 1 { "falls" } else { "fall" },
                if matched.len() == 1 { "entry" } else { "entries" },
                join_and(&numbers)
            )
        };
        self.push(Step::new(StepKind::Match, Rule::L0, text));
        for item in items.iter() {
            if self.walk_entries(item, matched) {
                continue;
            }
            let delivered = match item {
                Item::Components => self.components_fallback(s),
                Item::DomainSettings => self.server_fallback(
                    Rule::F2,
                    item,
                    s.fallback_domain_settings,
                    "Update domain settings from the server if all customized sources are unavailable",
                ),
                Item::Programs => self.server_fallback(
                    Rule::F3,
                    item,
                    s.fallback_programs,
                    "Update programs and hot fixes from the server if all customized sources are unavailable",
                ),
            };
            if !delivered {
                let why = if matched.is_empty() {
                    "no entry matched and no fallback delivered"
                } else {
                    "no entry and no fallback delivered"
                };
                self.quit(item, why);
            }
        }
    }

    /// L1: the matched entries in order; true once one delivers.
    fn walk_entries(&mut self, item: Item, matched: &[usize]) -> bool {
        let plan = self.plan;
        for &i in matched {
            let Some(entry) = plan.entries.get(i) else { continue };
            let n = i + 1;
            let canonical = entry.source.canonical();
            let skip = match entry.source.serves(item, entry.serves) {
                Serves::Yes => None,
                Serves::NotFromActiveUpdate => Some(("only components can be updated from the ActiveUpdate server".to_string(), false)),
                Serves::NotFromUrl => Some((
                    "an update source URL serves components only; domain settings, programs and hot fixes come from the server or Update Agents".to_string(),
                    true,
                )),
                Serves::NotShared => Some(("this Update Agent is set not to share this item".to_string(), false)),
            };
            let is_self = plan.agent.role == Role::UpdateAgent
                && matches!(&entry.source, Source::UpdateAgent { host, .. } if host.ip().is_some_and(|ip| self.addresses.contains(&ip)));
            let skip =
                skip.or_else(|| is_self.then(|| ("an Update Agent never updates from itself".to_string(), false)));
            if let Some((why, assumed)) = skip {
                let mut step = Step::new(
                    StepKind::Skip,
                    Rule::L1,
                    format!("{} skips entry {n} ({canonical}): {why}", item.words()),
                )
                .item(item)
                .source(canonical)
                .assumed(assumed);
                step.entry = Some(n);
                step.line = Some(entry.line);
                step.reason = Some(why);
                self.push(step);
                continue;
            }
            if self.attempt(Rule::L1, item, &entry.source, Some((n, entry)), false) {
                return true;
            }
        }
        false
    }

    /// F1: the components fallback.
    fn components_fallback(&mut self, s: &Settings) -> bool {
        let item = Item::Components;
        let server = self.server();
        if s.fallback_components {
            self.push(Step::new(
                StepKind::Note,
                Rule::F1,
                format!("all customized sources are unavailable or not found; \"Update components from the {server}\" is on"),
            ).item(item));
            if self.attempt(Rule::F1, item, &Source::Server, None, false) {
                return true;
            }
            if s.agents_use_activeupdate {
                return self.attempt(Rule::F1, item, &Source::ActiveUpdate, None, false);
            }
            self.push(
                Step::new(
                    StepKind::Note,
                    Rule::F1,
                    "\"download updates from the ActiveUpdate server\" is off: the ActiveUpdate server is not tried",
                )
                .item(item),
            );
            return false;
        }
        let why = if s.agents_use_activeupdate {
            Some("\"download updates from the ActiveUpdate server\" is on")
        } else if !self.plan.lists_activeupdate {
            Some("the ActiveUpdate server is not in the customized list")
        } else {
            None
        };
        match why {
            Some(why) => {
                self.push(Step::new(
                    StepKind::Note,
                    Rule::F1,
                    format!("\"Update components from the {server}\" is off and {why}: the {} tries the ActiveUpdate server directly", self.agent()),
                ).item(item));
                self.attempt(Rule::F1, item, &Source::ActiveUpdate, None, false)
            }
            None => {
                self.push(Step::new(
                    StepKind::Note,
                    Rule::F1,
                    format!("\"Update components from the {server}\" is off, the ActiveUpdate server is in the list and \"download updates from the ActiveUpdate server\" is off: no fallback"),
                ).item(item));
                false
            }
        }
    }

    /// F2 and F3: the server, when its setting is on.
    fn server_fallback(&mut self, rule: Rule, item: Item, on: bool, setting: &str) -> bool {
        if !on {
            self.push(
                Step::new(StepKind::Note, rule, format!("\"{setting}\" is off: no fallback for {}", item.words()))
                    .item(item),
            );
            return false;
        }
        self.push(Step::new(StepKind::Note, rule, format!("\"{setting}\" is on")).item(item));
        self.attempt(rule, item, &Source::Server, None, false)
    }

    // ---- helpers for the S&WP walk ----

    /// Tries a named S&WP source (relay, tenant relay group, primary); true if it delivered.
    pub fn attempt_named(&mut self, rule: Rule, name: &str, words: &str, assumed: bool) -> bool {
        let item = Item::Components;
        let down = self.plan.is_down(name);
        let text = if down {
            format!("components from {words}: failed, down (what-if)")
        } else {
            format!("components from {words}: delivered")
        };
        let mut step = Step::new(StepKind::Attempt, rule, text).item(item).source(name).assumed(assumed);
        step.result = Some(if down { AttemptResult::Failed } else { AttemptResult::Delivered });
        step.reason = down.then(|| "down (what-if)".to_string());
        self.push(step);
        if !down {
            self.set(item, Status::Updated, Some(name.to_string()));
        }
        !down
    }

    pub fn primary_words(&self) -> String {
        match &self.plan.primary {
            Primary::TrendMicro => "the primary source, Trend Micro Update Server".into(),
            Primary::Other(url) => format!("the primary source, Other update source {url}"),
        }
    }
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
