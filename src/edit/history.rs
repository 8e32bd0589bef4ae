//! Undo and redo over whole scenarios. Nothing a user typed is lost: an
//! example, an import, a link, a table deletion or a what-if can each be
//! taken back. Typing in one field is one step, not one per keystroke.
//!
//! Scenarios share their pasted list (`Arc<str>`), so a step that did not
//! change the list costs no copy of it; the history is bounded by the bytes
//! of the distinct lists it holds as well as by its number of steps, so a
//! 5 MB list is kept a few times at most.

use std::sync::Arc;

use crate::format::scenario::{ListDoc, Scenario};

/// At most this many steps back.
pub const MAX_STEPS: usize = 100;
/// At most this many bytes of distinct pasted lists kept for undo.
pub const MAX_LIST_BYTES: usize = 16 * 1024 * 1024;

/// The scenarios before and after the current one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// One scenario kept, with the field whose typing made it (to group).
#[derive(Debug, Clone, PartialEq)]
struct Step {
    scenario: Scenario,
    typing: Option<&'static str>,
}

impl History {
    /// Records that `before` was replaced by an edit; `typing` names the
    /// field when the edit was typing, so further typing there joins it.
    pub fn record(&mut self, before: &Scenario, typing: Option<&'static str>) {
        self.redo.clear();
        if typing.is_some() && self.undo.last().is_some_and(|s| s.typing == typing) {
            return;
        }
        self.undo.push(Step { scenario: before.clone(), typing });
        self.trim();
    }

    /// Ends the current typing group: the next keystroke starts a new step
    /// (after an undo, a pause, or leaving the field).
    pub fn break_group(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.typing = None;
        }
    }

    /// The scenario to go back to, with `current` kept for redo.
    pub fn undo(&mut self, current: &Scenario) -> Option<Scenario> {
        let step = self.undo.pop()?;
        self.redo.push(Step { scenario: current.clone(), typing: None });
        Some(step.scenario)
    }

    /// The scenario an undo left, with `current` kept for undo.
    pub fn redo(&mut self, current: &Scenario) -> Option<Scenario> {
        let step = self.redo.pop()?;
        self.undo.push(Step { scenario: current.clone(), typing: None });
        Some(step.scenario)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many steps back there are.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    /// Drops the oldest steps beyond the bounds.
    fn trim(&mut self) {
        while self.undo.len() > MAX_STEPS || (self.undo.len() > 1 && self.list_bytes() > MAX_LIST_BYTES) {
            self.undo.remove(0);
        }
    }

    /// Bytes of the distinct pasted lists held (a list shared by several
    /// steps counts once).
    pub fn list_bytes(&self) -> usize {
        let mut seen: Vec<&Arc<str>> = Vec::new();
        let mut bytes = 0;
        for step in self.undo.iter().chain(&self.redo) {
            if let ListDoc::Text(t) = &step.scenario.sources.list {
                if !seen.iter().any(|s| Arc::ptr_eq(s, t)) {
                    seen.push(t);
                    bytes += t.len();
                }
            }
        }
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{applied, Edit};
    use crate::model::profile::Profile;

    fn start() -> Scenario {
        Scenario::starter(Profile::OfficeScanXg)
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth() {
        let mut h = History::default();
        let a = start();
        let b = applied(&a, Edit::SetTitle("ticket".into()));
        h.record(&a, None);
        let c = applied(&b, Edit::Replace(Box::new(Scenario::starter(Profile::ApexOne))));
        h.record(&b, None);
        assert_eq!(h.undo(&c), Some(b.clone()));
        assert_eq!(h.undo(&b), Some(a.clone()));
        assert_eq!(h.undo(&a), None);
        assert_eq!(h.redo(&a), Some(b.clone()));
        assert_eq!(h.redo(&b), Some(c.clone()));
        assert!(!h.can_redo());
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut h = History::default();
        let mut s = start();
        for t in ["T", "Ti", "Tic"] {
            h.record(&s, Some("title"));
            s = applied(&s, Edit::SetTitle(t.into()));
        }
        assert_eq!(h.depth(), 1);
        h.record(&s, Some("addresses"));
        assert_eq!(h.depth(), 2);
        h.break_group();
        h.record(&s, Some("addresses"));
        assert_eq!(h.depth(), 3);
    }

    #[test]
    fn a_new_edit_drops_what_could_be_redone() {
        let mut h = History::default();
        let a = start();
        h.record(&a, None);
        let _ = h.undo(&applied(&a, Edit::SetMode(crate::format::scenario::Mode::Customized)));
        assert!(h.can_redo());
        h.record(&a, None);
        assert!(!h.can_redo());
    }

    #[test]
    fn large_lists_are_kept_a_bounded_number_of_times() {
        let mut h = History::default();
        let mut s = start();
        let big = "10.1.0.0/16 -> ua://10.1.0.5\n".repeat(200_000); // about 5.8 MB
        for i in 0..10 {
            h.record(&s, None);
            s = applied(&s, Edit::SetListText(format!("{big}# {i}")));
        }
        assert!(h.list_bytes() <= MAX_LIST_BYTES, "{} bytes kept", h.list_bytes());
        assert!(h.depth() >= 2, "the last big lists can still be undone");
        // Steps that did not touch the list share it: no copy per step.
        for i in 0..50 {
            h.record(&s, None);
            s = applied(&s, Edit::SetTitle(format!("t{i}")));
        }
        assert!(h.list_bytes() <= MAX_LIST_BYTES);
        assert!(h.depth() > 50);
    }
}
