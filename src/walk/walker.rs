//! What both walks share: numbering steps, settling items, and trying one
//! source (down? out of the agent's reach?). Its fields are private, so a
//! walk can only add steps and outcomes through it, never rewrite them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::Arc;

use crate::format::scenario::Location;
use crate::input::range::IpFamily;
use crate::input::source::{Source, SourceId};
use crate::model::diagnostics::Warning;
use crate::model::item::Item;
use crate::model::rules::Rule;
use crate::plan::Plan;
use crate::trace::{EntryRef, Failure, GroupDraw, ItemOutcome, Step, Trace};
use crate::when::Timeline;

/// Collects steps and outcomes as a walk goes.
pub(super) struct Walker<'a> {
    plan: &'a Plan,
    addresses: &'a [IpAddr],
    steps: Vec<Step>,
    outcome: BTreeMap<Item, ItemOutcome>,
    warnings: Vec<Warning>,
    /// A one-family agent's family; `None` for dual-stack.
    family: Option<IpFamily>,
    /// The relay group's draw, when the walk tried one (RG1).
    draw: Option<GroupDraw>,
    /// When the update starts, for a notified agent (TL1-TL3).
    timeline: Option<Timeline>,
    /// Where the agent is taken to be (LOC, IND).
    location: Location,
    /// When the steps from here on happen, for an update that starts
    /// after T (TL1-TL2): each event says so, read aloud on its own.
    later: Option<String>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(plan: &'a Plan, addresses: &'a [IpAddr]) -> Walker<'a> {
        let has = |f: IpFamily| addresses.iter().any(|a| IpFamily::of(*a) == f);
        let family = match (has(IpFamily::V4), has(IpFamily::V6)) {
            (true, false) => Some(IpFamily::V4),
            (false, true) => Some(IpFamily::V6),
            _ => None,
        };
        Walker {
            plan,
            addresses,
            steps: Vec::new(),
            outcome: BTreeMap::new(),
            warnings: Vec::new(),
            family,
            draw: None,
            timeline: None,
            location: Location::OnPremises,
            later: None,
        }
    }

    pub(super) fn plan(&self) -> &'a Plan {
        self.plan
    }

    pub(super) fn addresses(&self) -> &'a [IpAddr] {
        self.addresses
    }

    pub(super) fn push(&mut self, step: Step) {
        let n = self.steps.len() + 1;
        let step = match &self.later {
            Some(when) if step.is_event() => step.happening(when),
            _ => step,
        };
        self.steps.push(step.numbered(n));
    }

    /// An item's final outcome.
    pub(super) fn settle(&mut self, item: Item, outcome: ItemOutcome) {
        self.outcome.insert(item, outcome);
    }

    /// The relay group's order this trace tells (RG1).
    pub(super) fn drew(&mut self, draw: GroupDraw) {
        self.draw = Some(draw);
    }

    /// Where the agent is taken to be (LOC, IND).
    pub(super) fn placed(&mut self, location: Location) {
        self.location = location;
    }

    /// When this update starts (TL1-TL3): the events after it are
    /// introduced by when they happen.
    pub(super) fn timed(&mut self, timeline: Timeline) {
        self.later = timeline.later();
        self.timeline = Some(timeline);
    }

    /// A warning about this agent (W6), after the scenario's own.
    pub(super) fn warn(&mut self, warning: Warning) {
        self.warnings.push(warning);
    }

    pub(super) fn finish(self) -> Trace {
        let warnings = if self.warnings.is_empty() {
            Arc::clone(&self.plan.warnings)
        } else {
            self.plan.warnings.iter().cloned().chain(self.warnings).collect()
        };
        Trace {
            profile: self.plan.profile,
            steps: self.steps,
            outcome: self.outcome,
            warnings,
            errors: Arc::clone(&self.plan.errors),
            relay_group: self.draw,
            when: self.timeline,
            location: self.location,
            role: self.plan.agent.role,
        }
    }

    pub(super) fn agent(&self) -> &'static str {
        self.plan.profile.agent_name()
    }

    pub(super) fn server(&self) -> &'static str {
        self.plan.profile.server_name()
    }

    pub(super) fn addresses_text(&self) -> String {
        self.addresses.iter().map(IpAddr::to_string).collect::<Vec<_>>().join(" and ")
    }

    /// L2: why the agent cannot reach the source at all, if it cannot.
    fn unreachable(&self, source: &Source) -> Option<String> {
        if self.plan.dual_stack_proxy {
            return None;
        }
        let agent_family = self.family?;
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

    /// Tries a source of the OfficeScan family for one item; true if it delivered.
    pub(super) fn attempt(
        &mut self,
        rule: Rule,
        item: Item,
        source: &Source,
        entry: Option<(EntryRef, Option<&str>)>,
        assumed: bool,
    ) -> bool {
        let id = source.id();
        let failure = match self.unreachable(source) {
            Some(why) => Some(Failure {
                reason: why,
                by: Some(Rule::L2),
                brief: self.family.map(|f| format!("unreachable from {} (no dual-stack proxy)", f.label())),
            }),
            None => self.down(&id),
        };
        // Written into one string: a trace has a few dozen of these, and the
        // page writes a trace on every keystroke.
        let mut words = String::with_capacity(64);
        match source {
            Source::Server => {
                words.push_str("the ");
                words.push_str(self.server());
            }
            Source::ActiveUpdate => words.push_str("the ActiveUpdate server"),
            Source::UpdateAgent { .. } => {
                let _ = write!(words, "Update Agent {id}");
            }
            Source::Url { .. } => {
                let _ = write!(words, "{id}");
            }
        }
        if let Some((e, label)) = entry {
            let _ = write!(words, " ({}", self.plan.list.numbering().name(e.number, e.line));
            if let Some(label) = label {
                words.push_str(", ");
                words.push_str(label);
            }
            words.push(')');
        }
        self.record(rule, item, id, &words, entry.map(|(e, _)| e), failure, assumed)
    }

    /// Tries an S&WP source (relay, tenant relay group, primary) for
    /// components; true if it delivered.
    pub(super) fn attempt_named(&mut self, rule: Rule, id: SourceId, words: &str, assumed: bool) -> bool {
        let failure = self.down(&id);
        self.record(rule, Item::Components, id, words, None, failure, assumed)
    }

    /// Tries the Edge Relay server for an item (LOC3): it passes the
    /// agent's requests on to the Apex One server, so it delivers only
    /// while both are up (that it fails with the server is our reading:
    /// the step says so).
    pub(super) fn attempt_edge_relay(&mut self, item: Item, address: &str) -> bool {
        let server_down = self.plan.is_down(&SourceId::Server);
        let failure = self.down(&SourceId::EdgeRelay).or_else(|| {
            server_down.then(|| Failure {
                reason: format!(
                    "the Edge Relay server passes requests on to the {}, which is down (what-if)",
                    self.server()
                ),
                by: None,
                brief: Some(format!("the {} is down", self.server())),
            })
        });
        let words = format!("the Edge Relay server {address}");
        self.record(Rule::LOC3, item, SourceId::EdgeRelay, &words, None, failure, server_down)
    }

    fn down(&self, id: &SourceId) -> Option<Failure> {
        self.plan.is_down(id).then(|| Failure { reason: "down (what-if)".into(), by: None, brief: None })
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        rule: Rule,
        item: Item,
        id: SourceId,
        words: &str,
        entry: Option<EntryRef>,
        failure: Option<Failure>,
        assumed: bool,
    ) -> bool {
        let mut text = String::with_capacity(words.len() + 48);
        text.push_str(item.words());
        text.push_str(" from ");
        text.push_str(words);
        match &failure {
            None => text.push_str(": delivered"),
            Some(f) => {
                text.push_str(": failed, ");
                text.push_str(&f.reason);
            }
        }
        let delivered = failure.is_none();
        if delivered {
            self.settle(item, ItemOutcome::Updated(id.clone()));
        }
        let delivery = self.delivery(item, &id).filter(|_| delivered);
        let step = Step::attempt(rule, item, id, entry, failure, text, assumed);
        match delivery {
            None => self.push(step),
            Some(d) => {
                self.push(match d.download {
                    Some(download) => step.downloading(download),
                    None => step,
                });
                for said in d.steps {
                    self.push(Step::note(said.rule, item, said.text, said.assumed));
                }
            }
        }
        delivered
    }

    /// What delivering components from `id` downloads, when the scenario
    /// gives pattern versions (CD1-CD4; the OfficeScan family only).
    fn delivery(&self, item: Item, id: &SourceId) -> Option<crate::duplication::Delivery> {
        let patterns = self.plan.patterns.as_ref().filter(|_| item == Item::Components)?;
        let update_agent = self.plan.agent.role == crate::format::scenario::Role::UpdateAgent;
        // An Update Agent of the list traced at its own address has its own
        // pattern in `sources`.
        match patterns.update_agent_at(self.addresses).filter(|_| update_agent) {
            Some(own) => {
                let own = crate::duplication::Patterns { agent: Some(own), ..patterns.clone() };
                crate::duplication::delivery(&own, self.plan.profile, id, update_agent)
            }
            None => crate::duplication::delivery(patterns, self.plan.profile, id, update_agent),
        }
    }

    /// An item ends not updated at a rule of its own (R2, VC2), said as is.
    pub(super) fn quit_with(&mut self, rule: Rule, item: Item, why: &str) {
        self.push(Step::quit(rule, Some(item), why, false));
        self.settle(item, ItemOutcome::NotUpdated);
    }

    /// The agent gives up on an item (Q).
    pub(super) fn quit(&mut self, item: Item, why: &str) {
        let text = format!("{}: {why}; the {} quits the update process for this item", item.words(), self.agent());
        self.push(Step::quit(Rule::Q, Some(item), text, false));
        self.settle(item, ItemOutcome::NotUpdated);
    }
}
