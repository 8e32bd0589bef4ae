//! The page's one state and every change it can take (`use_reducer`).

use std::rc::Rc;
use std::sync::Arc;

use yew::Reducible;

use crate::edit::history::History;
use crate::edit::{applied, with_text_list, Edit};
use crate::format::scenario::{ListDoc, Scenario};
use crate::plan::{prepare, prepare_with, Draw, ListReading, Plan};
use crate::trace::Trace;
use crate::walk::resolve;

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
    /// The notice announces work replaced, and offers it back: only this
    /// notice, never a later one about something else.
    pub offers_restore: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, text: text.into(), offers_restore: false }
    }
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Error, text: text.into(), offers_restore: false }
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
    /// Presenter mode (the on-demand bundle keeps its place in the trace).
    pub presenting: bool,
    /// The work an example, an import or a link replaced, until the user
    /// restores it or edits on (Undo keeps it too).
    pub replaced: Option<Box<Scenario>>,
    /// Undo and redo.
    pub history: History,
    /// What became of the link the page was opened with (the embed view
    /// shows a documented case only once its link is read, and never
    /// another case in its place).
    pub link: LinkStatus,
    /// Which of the relay group's orders the trace tells (RG1). Not part
    /// of the scenario: every draw has the same outcome.
    pub draw: Draw,
    /// Counts the times the whole scenario was replaced (New scenario, an
    /// example, an import, a link): what the page keeps beside the
    /// scenario for one ticket (the Evidence tab's text) starts again then.
    pub generation: u32,
}

/// The link in the address bar, as far as it has been read.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkStatus {
    /// Not read yet (the browser inflates it), or there is none.
    Unread,
    /// Its scenario is the one shown.
    Opened,
    /// It could not be opened, and why; the scenario shown is not its.
    Failed(String),
}

pub enum Action {
    /// One change to the scenario.
    Edit(Edit),
    /// Replace the whole scenario (example, import); `notice` says why.
    Load(Box<Scenario>, Option<Notice>),
    /// A link was opened (address bar edited, link followed, the page
    /// started from one): its scenario, or why it cannot be opened.
    /// `quietly`: there was no work of the user's to keep.
    LinkOpened(Result<Box<Scenario>, crate::format::share::LinkError>, bool),
    /// Back to the work an example, import or link replaced.
    RestoreReplaced,
    Undo,
    Redo,
    /// Typing paused or left its field: the next keystroke is a new undo step.
    BreakTyping,
    Notice(Option<Notice>),
    Present(bool),
    /// A large paste, read a slice at a time beforehand, becomes the list.
    ListRead(Arc<ListReading>),
    /// Tell another of the relay group's orders.
    DrawAnother,
}

impl State {
    pub fn new(scenario: Scenario, notice: Option<Notice>) -> State {
        let scenario = with_text_list(scenario);
        let plan = prepare(&scenario, None);
        State::prepared(scenario, plan, notice)
    }

    /// The state of a scenario (its list as text) already prepared: the
    /// page's start reads, prepares and resolves in tasks of their own.
    pub fn prepared(scenario: Scenario, plan: crate::plan::Plan, notice: Option<Notice>) -> State {
        let plan = Shared::new(plan);
        let trace = Shared::new(resolve(&plan));
        State {
            scenario,
            plan,
            trace,
            previous: None,
            notice,
            presenting: false,
            replaced: None,
            history: History::default(),
            link: LinkStatus::Unread,
            draw: Draw::FIRST,
            generation: 0,
        }
    }

    /// Opens a link's scenario, or says why it cannot and keeps the work.
    pub fn open_link(&self, opened: Result<Scenario, crate::format::share::LinkError>, quietly: bool) -> State {
        match opened {
            Ok(linked) if quietly => State {
                history: self.history.clone(),
                link: LinkStatus::Opened,
                generation: self.generation + 1,
                ..State::new(linked, Some(Notice::info("Opened the shared scenario.")))
            },
            Ok(linked) if with_text_list(linked.clone()) == self.scenario => State { link: LinkStatus::Opened, ..self.clone() },
            Ok(linked) => State {
                link: LinkStatus::Opened,
                ..self.replaced_by(
                    linked,
                    Notice::info("Opened the shared scenario. Your previous work is kept: use \"Restore my previous work\" or Undo to go back to it."),
                )
            },
            Err(e) => State {
                notice: Some(Notice::error(format!("The link could not be opened: {e}. Your current work is kept."))),
                link: LinkStatus::Failed(e.to_string()),
                ..self.clone()
            },
        }
    }

    /// The whole scenario replaced, the old one kept for Restore and Undo.
    fn replaced_by(&self, scenario: Scenario, notice: Notice) -> State {
        let mut history = self.history.clone();
        history.record(&self.scenario, None);
        State {
            replaced: Some(Box::new(self.scenario.clone())),
            history,
            previous: None,
            generation: self.generation + 1,
            ..State::new(scenario, Some(Notice { offers_restore: true, ..notice }))
        }
    }

    /// The state after the scenario became `scenario`: the plan reuses the
    /// list's reading, the trace marks what changed.
    fn with_scenario(&self, scenario: Scenario, walks: bool) -> State {
        self.with_scenario_read(scenario, walks, &self.plan.list)
    }

    /// As `with_scenario`, with a reading of the list made beforehand.
    fn with_scenario_read(&self, scenario: Scenario, walks: bool, known: &Arc<ListReading>) -> State {
        if !walks {
            return State { scenario, ..self.clone() };
        }
        let plan = Shared::new(Plan { draw: self.draw, ..prepare_with(&scenario, None, Some(known)) });
        let trace = Shared::new(resolve(&plan));
        let previous = if *trace == *self.trace { self.previous.clone() } else { Some(self.trace.clone()) };
        State { scenario, plan, trace, previous, ..self.clone() }
    }

    fn edited(&self, edit: Edit) -> State {
        self.edited_read(edit, &self.plan.list)
    }

    fn edited_read(&self, edit: Edit, known: &Arc<ListReading>) -> State {
        let mut history = self.history.clone();
        history.record(&self.scenario, edit.is_typing());
        let walks = edit.reaches_the_walk();
        let next = self.with_scenario_read(applied(&self.scenario, edit), walks, known);
        State { history, ..next }.moved_on()
    }

    /// The user changed the scenario (an edit, Undo, Redo): a notice about
    /// what the page did before (a new scenario for a product, an example,
    /// an import, a link copied) no longer says what is shown, and goes,
    /// with the work it offered back (Undo still has it); an error stays
    /// until it is dismissed.
    fn moved_on(mut self) -> State {
        if self.notice.as_ref().is_some_and(|n| n.kind != NoticeKind::Error) {
            self.notice = None;
        }
        self.replaced = None;
        self
    }

    /// Whether a step is new or different since the previous trace.
    pub fn changed(&self, step: &crate::trace::Step) -> bool {
        Trace::is_new(step, self.previous.as_deref())
    }
}

/// The pasted list, shared rather than copied: it can run to megabytes.
pub fn shared_list(s: &Scenario) -> std::sync::Arc<str> {
    match &s.sources.list {
        ListDoc::Text(t) => t.clone(),
        ListDoc::Entries(_) => "".into(),
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(match action {
            Action::Edit(edit) => self.edited(edit),
            Action::Load(scenario, notice) => {
                let notice = notice.unwrap_or_else(|| Notice::info("Loaded."));
                let text = format!(
                    "{} Your previous work is kept: use \"Restore my previous work\" or Undo to go back to it.",
                    notice.text
                );
                self.replaced_by(*scenario, Notice { text, ..notice })
            }
            Action::LinkOpened(opened, quietly) => self.open_link(opened.map(|s| *s), quietly),
            Action::RestoreReplaced => match &self.replaced {
                Some(s) => {
                    let mut next = self.edited(Edit::Replace(s.clone()));
                    next.replaced = None;
                    next.notice = Some(Notice::info("Your previous work is back."));
                    next
                }
                None => (*self).clone(),
            },
            Action::Undo => {
                let mut history = self.history.clone();
                match history.undo(&self.scenario) {
                    Some(s) => State { history, ..self.with_scenario(s, true) }.moved_on(),
                    None => (*self).clone(),
                }
            }
            Action::Redo => {
                let mut history = self.history.clone();
                match history.redo(&self.scenario) {
                    Some(s) => State { history, ..self.with_scenario(s, true) }.moved_on(),
                    None => (*self).clone(),
                }
            }
            Action::BreakTyping => {
                let mut history = self.history.clone();
                history.break_group();
                State { history, ..(*self).clone() }
            }
            Action::Notice(notice) => State { notice, ..(*self).clone() },
            Action::ListRead(reading) => {
                // The very text read: no copy, and the plan knows it at once.
                let text = reading.text().cloned().unwrap_or_else(|| "".into());
                self.edited_read(Edit::SetListText(text), &reading)
            }
            Action::Present(on) => State { presenting: on, ..(*self).clone() },
            Action::DrawAnother => {
                let draw = self.draw.next(self.plan.swp.relays.len());
                State { draw, ..(*self).clone() }.with_scenario(self.scenario.clone(), true)
            }
        })
    }
}
