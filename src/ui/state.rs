//! The page's one state and every change it can take (`use_reducer`).

use std::rc::Rc;

use yew::Reducible;

use crate::fields::Flag;
use crate::plan::{prepare, prepare_after, Plan};
use crate::profile::Profile;
use crate::resolve::resolve;
use crate::scenario::{ApplyScope, ComponentScope, Domain, ListDoc, Mode, RelayDoc, Role, Scenario, Trigger};
use crate::trace::Trace;

/// Read-only data shared by the page's parts. Every edit makes a new one, so
/// two are the same exactly when they are the same allocation: comparing
/// pointers keeps redraws of a 100,000-entry list from comparing it whole.
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A message across the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, text: text.into() }
    }
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Error, text: text.into() }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub scenario: Scenario,
    pub plan: Shared<Plan>,
    pub trace: Shared<Trace>,
    /// The trace before the last change, to mark the steps that changed.
    pub previous: Option<Shared<Trace>>,
    pub notice: Option<Notice>,
    /// Presenter mode: the highlighted step (0-based).
    pub presenter: Option<usize>,
    /// The work a shared link replaced, until the user restores or edits on.
    pub replaced: Option<Box<Scenario>>,
}

pub enum Action {
    /// Replace the whole scenario (example, import); `notice` says why.
    Load(Box<Scenario>, Option<Notice>),
    /// A link's fragment arrived (address bar edited, link followed).
    OpenLink(String),
    /// Back to the work a shared link replaced.
    RestoreReplaced,
    SetTitle(String),
    /// The fleet view's agents (kept with the scenario, not part of the trace).
    SetFleetAgents(String),
    SetProfile(Profile),
    SetServer(String),
    SetMode(Mode),
    SetListText(String),
    SetFlag(Flag, bool),
    SetComponentScope(ComponentScope),
    SetApplyScope(ApplyScope),
    SetAddresses(String),
    SetRole(Role),
    SetTrigger(Trigger),
    SetDomain(Domain),
    SetScheduleChoice(Option<bool>),
    SetItems(Option<Vec<crate::item::Item>>),
    SetPrimary(String),
    SetRelays(String),
    ToggleDown(String),
    SetManagerUp(bool),
    SetDualStackProxy(bool),
    Notice(Option<Notice>),
    Present(Option<usize>),
    PresentStep(isize),
}

impl State {
    pub fn new(scenario: Scenario, notice: Option<Notice>) -> State {
        let scenario = with_text_list(scenario);
        let plan = Shared::new(prepare(&scenario, None));
        let trace = Shared::new(resolve(&plan));
        State { scenario, plan, trace, previous: None, notice, presenter: None, replaced: None }
    }

    /// Opens a link's scenario, or says why it cannot and keeps the work.
    pub fn open_link(&self, fragment: &str) -> State {
        match crate::share::decode(fragment) {
            Ok(linked) if with_text_list(linked.clone()) == self.scenario => self.clone(),
            Ok(linked) => {
                let mut next = State::new(
                    linked,
                    Some(Notice::info("Opened the shared scenario. Your previous work is kept: use \"Restore my previous work\" to go back to it.")),
                );
                next.replaced = Some(Box::new(self.scenario.clone()));
                next
            }
            Err(e) => State {
                notice: Some(Notice::error(format!("The link could not be opened: {e}. Your current work is kept."))),
                ..self.clone()
            },
        }
    }

    fn edited(&self, scenario: Scenario) -> State {
        let plan = Shared::new(prepare_after(&scenario, None, Some(&self.plan)));
        let trace = Shared::new(resolve(&plan));
        let previous = if *trace == *self.trace { self.previous.clone() } else { Some(self.trace.clone()) };
        let presenter = self.presenter.map(|p| p.min(trace.steps.len().saturating_sub(1)));
        State {
            scenario,
            plan,
            trace,
            previous,
            notice: self.notice.clone(),
            presenter,
            replaced: self.replaced.clone(),
        }
    }

    /// Whether a step is new or different since the previous trace.
    pub fn changed(&self, step: &crate::trace::Step) -> bool {
        Trace::is_new(step, self.previous.as_deref())
    }
}

/// The page edits the list as text, so a half-typed line is never lost.
pub fn with_text_list(mut s: Scenario) -> Scenario {
    if let ListDoc::Entries(entries) = &s.sources.list {
        let lines: Vec<String> = entries.iter().map(crate::scenario::EntryDoc::to_line).collect();
        s.sources.list = ListDoc::Text(lines.join("\n").into());
    }
    s
}

/// The pasted list, shared rather than copied: it can run to megabytes.
pub fn shared_list(s: &Scenario) -> std::sync::Arc<str> {
    match &s.sources.list {
        ListDoc::Text(t) => t.clone(),
        ListDoc::Entries(_) => "".into(),
    }
}

pub fn list_text(s: &Scenario) -> &str {
    match &s.sources.list {
        ListDoc::Text(t) => t,
        ListDoc::Entries(_) => "",
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = self.scenario.clone();
        match action {
            Action::Load(scenario, notice) => {
                let mut next = State::new(*scenario, notice);
                next.previous = None;
                return Rc::new(next);
            }
            Action::OpenLink(fragment) => return Rc::new(self.open_link(&fragment)),
            Action::RestoreReplaced => {
                return Rc::new(match &self.replaced {
                    Some(s) => State::new((**s).clone(), Some(Notice::info("Your previous work is back."))),
                    None => (*self).clone(),
                })
            }
            Action::Notice(notice) => return Rc::new(State { notice, ..(*self).clone() }),
            Action::Present(at) => return Rc::new(State { presenter: at, ..(*self).clone() }),
            Action::PresentStep(delta) => {
                let last = self.trace.steps.len().saturating_sub(1);
                let at = self.presenter.unwrap_or(0).saturating_add_signed(delta).min(last);
                return Rc::new(State { presenter: Some(at), ..(*self).clone() });
            }
            // Neither reaches the walk: the plan and the trace stay as they are.
            Action::SetTitle(t) => {
                s.title = Some(t).filter(|t| !t.trim().is_empty());
                return Rc::new(State { scenario: s, ..(*self).clone() });
            }
            Action::SetFleetAgents(a) => {
                s.fleet.agents = a;
                return Rc::new(State { scenario: s, ..(*self).clone() });
            }
            Action::SetProfile(p) => s.profile = p,
            Action::SetServer(a) => s.server.address = Some(a).filter(|a| !a.trim().is_empty()),
            Action::SetMode(m) => s.sources.mode = m,
            Action::SetListText(t) => s.sources.list = ListDoc::Text(t.into()),
            Action::SetFlag(f, on) => f.set(&mut s, on),
            Action::SetComponentScope(c) => s.settings.component_scope = c,
            Action::SetApplyScope(a) => s.settings.apply_scope = a,
            Action::SetAddresses(text) => {
                s.agent.addresses =
                    text.split([',', ' ', ';']).map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect()
            }
            Action::SetRole(r) => s.agent.role = r,
            Action::SetTrigger(t) => s.agent.trigger = t,
            Action::SetDomain(d) => s.agent.domain = d,
            Action::SetScheduleChoice(c) => s.agent.schedule_choice = c,
            Action::SetItems(items) => s.agent.items = items,
            Action::SetPrimary(p) => s.swp.primary = p,
            Action::SetRelays(text) => {
                s.swp.relays = text
                    .split([',', '\n'])
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(|name| RelayDoc { name: name.to_string() })
                    .collect()
            }
            Action::ToggleDown(source) => {
                if let Some(i) = s.world.down.iter().position(|d| crate::source::canonical_down(d) == source) {
                    s.world.down.remove(i);
                } else {
                    s.world.down.push(source);
                }
            }
            Action::SetManagerUp(up) => s.world.manager_up = up,
            Action::SetDualStackProxy(on) => s.world.dual_stack_proxy = on,
        }
        Rc::new(self.edited(s))
    }
}
