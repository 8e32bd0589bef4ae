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
/// At most this many bytes of history kept in the tab's storage, which
/// browsers cap at about 5 MB: older steps are left out first.
pub const MAX_STORED_BYTES: usize = 3 * 1024 * 1024;

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

    /// Whether a run of typing is open (the next keystroke would join it).
    pub fn typing(&self) -> bool {
        self.undo.last().is_some_and(|s| s.typing.is_some())
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

    /// The history as text for the tab's storage, within
    /// [`MAX_STORED_BYTES`]; older steps are left out first.
    pub fn to_text(&self) -> String {
        let mut undo = self.undo.as_slice();
        loop {
            let text = stored(undo, &self.redo);
            if text.len() <= MAX_STORED_BYTES || undo.is_empty() {
                return if text.len() <= MAX_STORED_BYTES { text } else { String::new() };
            }
            undo = undo.get(1..).unwrap_or_default();
        }
    }

    /// The history kept in the tab's storage; `None` if it is not one.
    pub fn from_text(text: &str) -> Option<History> {
        let mut rest = text.strip_prefix(MAGIC)?;
        let mut lists: Vec<Arc<str>> = Vec::new();
        let mut history = History::default();
        while !rest.is_empty() {
            // A record: a kind, a list number (or -), a length in bytes, then the text.
            let (head, after) = rest.split_once('\n')?;
            let mut words = head.split(' ');
            let (kind, list, len) = (words.next()?, words.next()?, words.next()?.parse::<usize>().ok()?);
            let body = after.get(..len)?;
            rest = after.get(len..)?;
            if kind == "L" {
                lists.push(Arc::from(body));
                continue;
            }
            let mut scenario = Scenario::from_json(body).ok()?;
            if let Ok(i) = list.parse::<usize>() {
                scenario.sources.list = ListDoc::Text(lists.get(i)?.clone());
            }
            let step = Step { scenario, typing: None };
            match kind {
                "U" => history.undo.push(step),
                "R" => history.redo.push(step),
                _ => return None,
            }
        }
        Some(history)
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

/// What the tab's storage holds starts so.
const MAGIC: &str = "usp-history 1\n";

/// Writes steps with each distinct list once, as records of a kind (`L` a
/// list, `U` a step to undo, `R` one to redo), a list number, a length in
/// bytes and the text: no escaping, and nothing for the page to carry but
/// the scenario's own writer and reader.
fn stored(undo: &[Step], redo: &[Step]) -> String {
    let mut lists: Vec<Arc<str>> = Vec::new();
    let mut out = String::from(MAGIC);
    let record = |out: &mut String, kind: &str, list: Option<usize>, body: &str| {
        let list = list.map_or_else(|| "-".to_string(), |i| i.to_string());
        out.push_str(&format!("{kind} {list} {}\n{body}", body.len()));
    };
    for (kind, steps) in [("U", undo), ("R", redo)] {
        for step in steps {
            let mut s = step.scenario.clone();
            let list = match &s.sources.list {
                ListDoc::Text(t) => {
                    let i = match lists.iter().position(|l| Arc::ptr_eq(l, t) || l == t) {
                        Some(i) => i,
                        None => {
                            record(&mut out, "L", None, t);
                            lists.push(t.clone());
                            lists.len() - 1
                        }
                    };
                    s.sources.list = ListDoc::Text("".into());
                    Some(i)
                }
                ListDoc::Entries(_) => None,
            };
            record(&mut out, kind, list, &s.to_json());
        }
    }
    out
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
        assert!(h.can_undo());
        assert_eq!(h.undo(&c), Some(b.clone()));
        assert_eq!(h.undo(&b), Some(a.clone()));
        assert!(!h.can_undo(), "Undo is greyed out at the start");
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
        assert!(h.typing());
        h.record(&s, Some("addresses"));
        assert_eq!(h.depth(), 2);
        h.break_group();
        assert!(!h.typing(), "a pause ends the typing");
        h.record(&s, Some("addresses"));
        assert_eq!(h.depth(), 3);
        h.record(&s, None);
        assert!(!h.typing());
    }

    /// Every field the user types in groups its own keystrokes, and only
    /// its own; a choice (a role, a mode) is a step each time.
    #[test]
    fn each_typed_field_is_a_group_of_its_own() {
        use crate::edit::where_when::WhereWhen;
        let typed = [
            Edit::SetTitle("t".into()),
            Edit::SetFleetAgents("10.0.0.1".into()),
            Edit::SetEvidence(Some("log".into())),
            Edit::SetServer("osce".into()),
            Edit::SetListText("* -> server".into()),
            Edit::SetAddresses("10.0.0.1".into()),
            Edit::SetPrimary("https://p".into()),
            Edit::SetRelays("10.0.0.9".into()),
            Edit::SetRelayGroup("g".into()),
            Edit::SetServiceGateway("10.0.0.7".into()),
            Edit::SetAgentVersion("1.0".into()),
        ]
        .into_iter()
        .chain(WhereWhen::ALL.into_iter().map(|field| Edit::SetWhereWhen(field, "1".into())));
        let mut h = History::default();
        let s = start();
        let mut fields = 0;
        for edit in typed {
            let group = edit.is_typing();
            assert!(group.is_some(), "{edit:?} is typing");
            h.record(&s, group);
            h.record(&s, group);
            fields += 1;
            assert_eq!(h.depth(), fields, "{edit:?} joins its own field's step, and only that");
        }
        let choice = Edit::SetRole(crate::format::scenario::Role::UpdateAgent);
        h.record(&s, choice.is_typing());
        h.record(&s, choice.is_typing());
        assert_eq!(h.depth(), fields + 2);
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
    fn the_history_survives_a_reload_through_the_tabs_storage() {
        let mut h = History::default();
        let a = applied(&start(), Edit::SetListText("10.1.0.0/16 -> ua://10.1.0.5".into()));
        let b = applied(&a, Edit::SetTitle("one".into()));
        h.record(&a, None);
        let c = applied(&b, Edit::SetTitle("two".into()));
        h.record(&b, None);
        let _ = h.undo(&c);
        let text = h.to_text();
        // The list, shared by both steps, is written once.
        assert_eq!(text.matches("ua://10.1.0.5").count(), 1, "{text}");
        let mut back = History::from_text(&text).unwrap_or_default();
        assert_eq!(back.depth(), 1);
        assert_eq!(back.redo(&b), Some(c.clone()));
        assert_eq!(back.undo(&c), Some(b.clone()));
        let before = back.undo(&b).unwrap_or_else(start);
        assert_eq!(before.title, a.title);
        // The list, written once, comes back with each step.
        assert_eq!(before.sources.list, a.sources.list);
        assert_eq!(History::from_text("not a history"), None);
    }

    #[test]
    fn the_stored_history_is_bounded() {
        let mut h = History::default();
        let mut s = start();
        for i in 0..6 {
            h.record(&s, None);
            s = applied(
                &s,
                Edit::SetListText(format!("{}# {i}", "10.1.0.0/16 -> ua://10.1.0.5\n".repeat(30_000)).into()),
            );
        }
        let text = h.to_text();
        assert!(text.len() <= MAX_STORED_BYTES, "{} bytes", text.len());
        // The newest steps that fit are kept: three lists of 870 kB fit in
        // 3 MiB, a fourth does not.
        assert_eq!(History::from_text(&text).map(|back| back.depth()), Some(3));
    }

    #[test]
    fn large_lists_are_kept_a_bounded_number_of_times() {
        let mut h = History::default();
        let mut s = start();
        let big = "10.1.0.0/16 -> ua://10.1.0.5\n".repeat(200_000); // about 5.8 MB
        for i in 0..10 {
            h.record(&s, None);
            s = applied(&s, Edit::SetListText(format!("{big}# {i}").into()));
        }
        assert!(h.list_bytes() <= MAX_LIST_BYTES, "{} bytes kept", h.list_bytes());
        // Two lists of 5.8 MB fit in 16 MiB, a third does not.
        assert_eq!(h.depth(), 2, "the last big lists can still be undone");
        // Steps that did not touch the list share it: no copy per step.
        for i in 0..50 {
            h.record(&s, None);
            s = applied(&s, Edit::SetTitle(format!("t{i}")));
        }
        assert!(h.list_bytes() <= MAX_LIST_BYTES);
        assert!(h.depth() > 50);
    }

    /// Lists up to 16 MiB in all are kept; the step before the current one
    /// is kept whatever its size.
    #[test]
    fn lists_are_kept_up_to_the_limit_and_the_last_step_always() {
        let mut h = History::default();
        let mut s = start();
        for c in ['a', 'b', 'c'] {
            h.record(&s, None);
            s = applied(&s, Edit::SetListText(c.to_string().repeat(MAX_LIST_BYTES / 2).into()));
        }
        assert_eq!((h.list_bytes(), h.depth()), (MAX_LIST_BYTES, 3));
        let mut h = History::default();
        let huge = applied(&start(), Edit::SetListText("x".repeat(MAX_LIST_BYTES + 1).into()));
        h.record(&huge, None);
        assert_eq!(h.depth(), 1);
    }

    /// A list typed again as it was is stored once, though it is a new text.
    #[test]
    fn a_list_typed_again_is_stored_once() {
        let list = "10.1.0.0/16 -> ua://10.1.0.5";
        let mut h = History::default();
        let a = applied(&start(), Edit::SetListText(list.into()));
        let b = applied(&a, Edit::SetListText("* -> server".into()));
        let c = applied(&b, Edit::SetListText(list.into()));
        h.record(&a, None);
        h.record(&b, None);
        h.record(&c, None);
        assert_eq!(h.to_text().matches("ua://10.1.0.5").count(), 1);
    }

    /// A hundred steps back, no more.
    #[test]
    fn a_hundred_steps_can_be_undone() {
        let mut h = History::default();
        let mut s = start();
        for i in 0..150 {
            h.record(&s, None);
            s = applied(&s, Edit::SetTitle(format!("t{i}")));
        }
        assert_eq!(h.depth(), MAX_STEPS);
        assert_eq!(MAX_STEPS, 100);
    }
}
