//! A lesson as its author edits it: every step's scenario whole, goals as
//! the author typed them (a range half written is kept, not refused), and
//! the steps in any order. Written out, a draft is a lesson file: the first
//! step's scenario whole, each later one as the change from the step before
//! it (a JSON merge patch), so a trainer's file and link stay short. Whether
//! it is a lesson that plays is [`super::read`]'s and [`super::check`]'s to
//! say, as for any file.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{merged, Explain, LessonError, Predict, Question, LESSON_VERSION};
use crate::edit::flags::Flag;
use crate::format::locate::Locator;
use crate::model::item::Item;
use crate::model::profile::Profile;
use crate::vocabulary;

/// A lesson being written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    /// Its title.
    pub title: String,
    /// What the trainer says first.
    pub introduction: String,
    /// Its steps, in order.
    pub steps: Vec<DraftStep>,
}

/// One step of a draft, its scenario whole.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftStep {
    /// Its heading.
    pub title: String,
    /// The scenario the step shows, as the scenario format's JSON.
    pub scenario: Value,
    /// What it asks.
    pub task: DraftTask,
}

/// What a draft's step asks.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftTask {
    /// Predict where from, or in which order.
    Predict(Predict),
    /// Build a list that meets a goal.
    Build(BuildDraft),
    /// Talk it through.
    Explain(Explain),
}

/// The kinds of step an author picks from, in the editor's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Predict where the agent gets an item from.
    PredictSource,
    /// Predict the order the agent tries its sources in.
    PredictOrder,
    /// Build a list that meets a goal.
    Build,
    /// A question answered in words.
    Explain,
}

impl Kind {
    /// Every kind, in the editor's order.
    pub const ALL: [Kind; 4] = [Kind::PredictSource, Kind::PredictOrder, Kind::Build, Kind::Explain];

    /// The kind in the editor's words.
    pub fn words(self) -> &'static str {
        match self {
            Kind::PredictSource => "Predict: where from?",
            Kind::PredictOrder => "Predict: which order?",
            Kind::Build => "Build: meet a goal",
            Kind::Explain => "Explain in words",
        }
    }
}

/// A build step as written: the goal in words, its checks, and the
/// author's own solution (a scenario whole), if any.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BuildDraft {
    /// The goal in words.
    pub goal: String,
    /// The goal in checkable form.
    pub checks: Vec<GoalDraft>,
    /// A scenario that meets it.
    pub solution: Option<Value>,
}

/// One checkable goal as typed; [`super::read`] says what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalDraft {
    /// The agents' range, e.g. `10.2.0.0/16`.
    pub range: String,
    /// The item.
    pub item: Item,
    /// Sources down for this goal, beyond the scenario's.
    pub down: Vec<String>,
    /// What each agent must do.
    pub test: TestKind,
    /// The source the test names, as the list writes it.
    pub source: String,
}

impl Default for GoalDraft {
    fn default() -> GoalDraft {
        GoalDraft {
            range: String::new(),
            item: Item::Components,
            down: Vec::new(),
            test: TestKind::First,
            source: String::new(),
        }
    }
}

/// A goal's test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestKind {
    /// Tries the source first.
    First,
    /// Gets the item from the source.
    From,
    /// Never tries the source.
    Never,
}

impl TestKind {
    /// Every test, in the editor's order.
    pub const ALL: [TestKind; 3] = [TestKind::First, TestKind::From, TestKind::Never];

    /// The test in the editor's words ("every agent in the range …").
    pub fn words(self) -> &'static str {
        match self {
            TestKind::First => "tries first",
            TestKind::From => "gets it from",
            TestKind::Never => "never tries",
        }
    }
}

// The lesson format as read and written here; `super::read` refuses what is
// not a lesson, this only what is not the format's shape.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Doc {
    pub lesson: u64,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub introduction: String,
    pub steps: Vec<StepDoc>,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct StepDoc {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predict: Option<Predict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build: Option<BuildDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BuildDoc {
    pub goal: String,
    pub check: Vec<GoalDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution: Option<Value>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GoalDoc {
    pub range: String,
    #[serde(default = "components", skip_serializing_if = "is_components")]
    pub item: Item,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub down: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub never: Option<String>,
}

fn components() -> Item {
    Item::Components
}

fn is_components(item: &Item) -> bool {
    *item == Item::Components
}

/// A JSON error's message without serde's " at line L column C" (the place
/// is given on its own).
pub(super) fn json_error(e: &serde_json::Error) -> LessonError {
    let message = e.to_string();
    let message =
        message.rfind(" at line ").map_or(message.clone(), |i| message.get(..i).unwrap_or_default().to_string());
    LessonError { line: e.line().max(1), column: e.column().max(1), message }
}

impl Draft {
    /// Reads a lesson file for editing: the format's shape is required
    /// (unknown fields refused by name, each step asking one thing, each
    /// goal one test), its values are not (a lesson half written opens).
    pub fn read(text: &str) -> Result<Draft, LessonError> {
        let doc: Doc = serde_json::from_str(text).map_err(|e| json_error(&e))?;
        let locator = Locator::scan(text);
        let at = |path: &str, message: String| {
            let (line, column) = locator.at(path).unwrap_or((1, 1));
            LessonError { line, column, message }
        };
        if doc.lesson != LESSON_VERSION {
            return Err(at(
                "lesson",
                format!("this lesson is format version {}; this planner reads version {LESSON_VERSION}", doc.lesson),
            ));
        }
        let mut steps = Vec::new();
        let mut previous: Option<Value> = None;
        for (i, s) in doc.steps.into_iter().enumerate() {
            let (path, n) = (format!("steps[{i}]"), i + 1);
            let scenario = match (s.scenario, s.change, &previous) {
                (Some(_), Some(_), _) => {
                    return Err(at(&path, format!("step {n} has both a scenario and a change: keep one")))
                }
                (Some(scenario), None, _) => scenario,
                (None, Some(change), Some(before)) => merged(before.clone(), &change),
                (None, Some(_), None) => {
                    return Err(at(
                        &path,
                        format!("step {n} changes the scenario of a step before it, and there is none"),
                    ))
                }
                (None, None, Some(before)) => before.clone(),
                (None, None, None) => return Err(at(&path, format!("step {n} has no scenario"))),
            };
            let task = match (s.predict, s.build, s.explain) {
                (Some(p), None, None) => DraftTask::Predict(p),
                (None, Some(b), None) => {
                    let mut checks = Vec::new();
                    for (j, g) in b.check.into_iter().enumerate() {
                        let (test, source) = match (g.first, g.from, g.never) {
                            (Some(s), None, None) => (TestKind::First, s),
                            (None, Some(s), None) => (TestKind::From, s),
                            (None, None, Some(s)) => (TestKind::Never, s),
                            _ => {
                                return Err(at(
                                    &format!("{path}.build.check[{j}]"),
                                    format!("step {n}: a goal says one of first, from or never"),
                                ))
                            }
                        };
                        checks.push(GoalDraft { range: g.range, item: g.item, down: g.down, test, source });
                    }
                    let solution = b.solution.map(|change| merged(scenario.clone(), &change));
                    DraftTask::Build(BuildDraft { goal: b.goal, checks, solution })
                }
                (None, None, Some(e)) => DraftTask::Explain(e),
                _ => return Err(at(&path, format!("step {n} asks one thing: predict, build or explain"))),
            };
            steps.push(DraftStep { title: s.title, scenario: scenario.clone(), task });
            previous = Some(scenario);
        }
        Ok(Draft { title: doc.title, introduction: doc.introduction, steps })
    }

    /// The draft as a lesson file: the first step's scenario whole, each
    /// later one as its change from the step before (none when it is the
    /// same), a solution as its change from its step.
    pub fn to_json(&self) -> String {
        let mut previous: Option<&Value> = None;
        let steps = self
            .steps
            .iter()
            .map(|s| {
                let mut doc = StepDoc { title: s.title.clone(), ..StepDoc::default() };
                match previous {
                    None => doc.scenario = Some(s.scenario.clone()),
                    Some(before) => doc.change = patch(before, &s.scenario),
                }
                previous = Some(&s.scenario);
                match &s.task {
                    DraftTask::Predict(p) => doc.predict = Some(p.clone()),
                    DraftTask::Explain(e) => doc.explain = Some(e.clone()),
                    DraftTask::Build(b) => {
                        let check = b.checks.iter().map(goal_doc).collect();
                        let solution =
                            b.solution.as_ref().map(|sol| patch(&s.scenario, sol).unwrap_or(Value::Object(Map::new())));
                        doc.build = Some(BuildDoc { goal: b.goal.clone(), check, solution });
                    }
                }
                doc
            })
            .collect();
        let doc =
            Doc { lesson: LESSON_VERSION, title: self.title.clone(), introduction: self.introduction.clone(), steps };
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }

    /// Adds a step showing `scenario` (the scenario format's JSON), asking
    /// where the agent gets its components from, the task an author most
    /// often starts with.
    pub fn add(&mut self, scenario: Value) {
        let task = DraftTask::Predict(Predict { ask: Question::Source, item: Item::Components });
        self.steps.push(DraftStep { title: String::new(), scenario, task });
    }

    /// Moves step `i` one place earlier (`up`) or later; at either end nothing moves.
    pub fn shift(&mut self, i: usize, up: bool) {
        let j = if up { i.checked_sub(1) } else { i.checked_add(1) };
        if let Some(j) = j.filter(|j| *j < self.steps.len() && i < self.steps.len()) {
            self.steps.swap(i, j);
        }
    }

    /// Removes step `i`, if there is one.
    pub fn remove(&mut self, i: usize) {
        if i < self.steps.len() {
            self.steps.remove(i);
        }
    }

    /// Gives step `i` a task of this kind, keeping what carries over (the
    /// item asked about).
    pub fn set_kind(&mut self, i: usize, kind: Kind) {
        let Some(step) = self.steps.get_mut(i) else { return };
        let item = match &step.task {
            DraftTask::Predict(p) => p.item,
            _ => Item::Components,
        };
        step.task = match kind {
            Kind::PredictSource => DraftTask::Predict(Predict { ask: Question::Source, item }),
            Kind::PredictOrder => DraftTask::Predict(Predict { ask: Question::Order, item }),
            Kind::Build => DraftTask::Build(BuildDraft { checks: vec![GoalDraft::default()], ..BuildDraft::default() }),
            Kind::Explain => DraftTask::Explain(Explain { question: String::new(), notes: String::new() }),
        };
    }
}

/// One change an author makes in the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The lesson's title.
    Title(String),
    /// What the trainer says first.
    Introduction(String),
    /// A new last step showing this scenario (a predict step).
    Add(Value),
    /// Step `i` shows this scenario instead.
    Scenario(usize, Value),
    /// Step `i` one place earlier (`true`) or later.
    Shift(usize, bool),
    /// Step `i` removed.
    Remove(usize),
    /// Step `i` asks this kind of question.
    Kind(usize, Kind),
    /// Step `i`'s heading.
    StepTitle(usize, String),
    /// The item step `i`'s prediction is about.
    Item(usize, Item),
    /// Step `i`'s question in words (an explain step's), or its goal in words (a build step's).
    Words(usize, String),
    /// An explain step's notes for the trainer.
    Notes(usize, String),
    /// Goal `j` of build step `i` changed.
    Goal(usize, usize, GoalEdit),
    /// Build step `i` checks one more goal.
    AddGoal(usize),
    /// Goal `j` of build step `i` removed.
    RemoveGoal(usize, usize),
    /// Build step `i`'s reference solution (a scenario whole), or none.
    Solution(usize, Option<Value>),
}

/// One field of a goal changed.
#[derive(Debug, Clone, PartialEq)]
pub enum GoalEdit {
    /// The agents' range.
    Range(String),
    /// The item.
    Item(Item),
    /// The test.
    Test(TestKind),
    /// The source the test names.
    Source(String),
    /// The sources down for the goal, in the console's words or the
    /// format's, separated by commas (see [`vocabulary::read_list`]);
    /// kept in the format's spelling.
    Down(String),
}

impl Draft {
    /// Makes one change; a change to a step or goal that is not there does nothing.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Title(t) => self.title = t,
            Edit::Introduction(t) => self.introduction = t,
            Edit::Add(scenario) => self.add(scenario),
            Edit::Shift(i, up) => self.shift(i, up),
            Edit::Remove(i) => self.remove(i),
            Edit::Kind(i, kind) => self.set_kind(i, kind),
            Edit::Scenario(i, scenario) => self.step(i, |s| s.scenario = scenario),
            Edit::StepTitle(i, t) => self.step(i, |s| s.title = t),
            Edit::Item(i, item) => self.step(i, |s| {
                if let DraftTask::Predict(p) = &mut s.task {
                    p.item = item;
                }
            }),
            Edit::Words(i, t) => self.step(i, |s| match &mut s.task {
                DraftTask::Explain(e) => e.question = t,
                DraftTask::Build(b) => b.goal = t,
                DraftTask::Predict(_) => {}
            }),
            Edit::Notes(i, t) => self.step(i, |s| {
                if let DraftTask::Explain(e) = &mut s.task {
                    e.notes = t;
                }
            }),
            Edit::Goal(i, j, change) => self.build(i, |b| {
                if let Some(g) = b.checks.get_mut(j) {
                    match change {
                        GoalEdit::Range(r) => g.range = r,
                        GoalEdit::Item(item) => g.item = item,
                        GoalEdit::Test(t) => g.test = t,
                        GoalEdit::Source(s) => g.source = s,
                        GoalEdit::Down(d) => {
                            g.down = vocabulary::read_list(&d).iter().map(ToString::to_string).collect()
                        }
                    }
                }
            }),
            Edit::AddGoal(i) => self.build(i, |b| b.checks.push(GoalDraft::default())),
            Edit::RemoveGoal(i, j) => self.build(i, |b| {
                if j < b.checks.len() {
                    b.checks.remove(j);
                }
            }),
            Edit::Solution(i, solution) => self.build(i, |b| b.solution = solution),
        }
    }

    fn step(&mut self, i: usize, change: impl FnOnce(&mut DraftStep)) {
        if let Some(s) = self.steps.get_mut(i) {
            change(s);
        }
    }

    fn build(&mut self, i: usize, change: impl FnOnce(&mut BuildDraft)) {
        self.step(i, |s| {
            if let DraftTask::Build(b) = &mut s.task {
                change(b);
            }
        });
    }
}

impl DraftStep {
    /// The kind of its task.
    pub fn kind(&self) -> Kind {
        match &self.task {
            DraftTask::Predict(Predict { ask: Question::Source, .. }) => Kind::PredictSource,
            DraftTask::Predict(Predict { ask: Question::Order, .. }) => Kind::PredictOrder,
            DraftTask::Build(_) => Kind::Build,
            DraftTask::Explain(_) => Kind::Explain,
        }
    }
}

fn goal_doc(g: &GoalDraft) -> GoalDoc {
    let source = Some(g.source.clone());
    let (first, from, never) = match g.test {
        TestKind::First => (source, None, None),
        TestKind::From => (None, source, None),
        TestKind::Never => (None, None, source),
    };
    GoalDoc { range: g.range.clone(), item: g.item, down: g.down.clone(), first, from, never }
}

/// The JSON merge patch (RFC 7396) that turns `before` into `after`, or
/// `None` when they are the same. A field `after` holds as `null` is the
/// same as one it leaves out (the scenario format reads both as unset).
pub fn patch(before: &Value, after: &Value) -> Option<Value> {
    match (before.as_object(), after.as_object()) {
        (Some(b), Some(a)) => {
            let mut out = Map::new();
            for (k, old) in b {
                match a.get(k) {
                    None | Some(Value::Null) if !old.is_null() => {
                        out.insert(k.clone(), Value::Null);
                    }
                    None | Some(Value::Null) => {}
                    Some(new) => {
                        if let Some(d) = patch(old, new) {
                            out.insert(k.clone(), d);
                        }
                    }
                }
            }
            for (k, new) in a.iter().filter(|(k, new)| !b.contains_key(*k) && !new.is_null()) {
                out.insert(k.clone(), new.clone());
            }
            (!out.is_empty()).then_some(Value::Object(out))
        }
        _ => (before != after).then(|| after.clone()),
    }
}

/// What differs from one step's scenario to the next, a change a line in
/// the console's words ("the agent's version: 202412", "what is down: Service
/// Gateway"), so an author tells steps apart at a glance.
pub fn changes(before: &Value, after: &Value) -> Vec<String> {
    let profile =
        after.get("profile").and_then(|p| serde_json::from_value::<Profile>(p.clone()).ok()).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(p) = patch(before, after) {
        leaves(profile, "", &p, &mut out);
    }
    out
}

/// Each changed value of a patch, in words.
fn leaves(profile: Profile, path: &str, v: &Value, out: &mut Vec<String>) {
    match v.as_object() {
        Some(fields) => {
            for (k, v) in fields {
                let inner = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                leaves(profile, &inner, v, out);
            }
        }
        _ => out.push(format!("{}: {}", field_words(profile, path), value_words(profile, path, v))),
    }
}

/// A scenario field in words.
fn field_words(profile: Profile, path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let flag = Flag::ALL.into_iter().find(|f| f.id() == last && f.applies_to(profile));
    match (path, flag) {
        (_, Some(f)) => f.wording(profile),
        ("world.down", _) => "what is down".into(),
        ("sources.list", _) => "the list".into(),
        ("sources.mode", _) => "the update source".into(),
        ("profile", _) => "the product".into(),
        ("swp.relay_group", _) => "the relay group".into(),
        ("swp.relays", _) => "the relays".into(),
        ("agent.role", _) => "the agent's role".into(),
        ("agent.trigger", _) => "what starts the update".into(),
        _ => vocabulary::field(path),
    }
}

/// A changed value in words: sources by their console names, a list by its
/// length, a setting on or off.
fn value_words(profile: Profile, path: &str, v: &Value) -> String {
    let source =
        |s: &str| if path == "world.down" { vocabulary::label(profile, &vocabulary::read(s)) } else { s.to_string() };
    match v {
        Value::Null => "removed".into(),
        Value::Bool(on) => (if *on { "on" } else { "off" }).into(),
        Value::String(text) if path == "sources.list" => {
            let n = text.lines().filter(|l| !l.trim().is_empty()).count();
            format!("{n} {}", if n == 1 { "line" } else { "lines" })
        }
        Value::String(s) => source(s),
        Value::Array(a) if a.is_empty() => "none".into(),
        Value::Array(a) if path == "sources.list" => {
            format!("{} {}", a.len(), if a.len() == 1 { "entry" } else { "entries" })
        }
        Value::Array(a) => a
            .iter()
            .map(|e| match (e.as_str(), e.get("name").and_then(Value::as_str)) {
                (Some(s), _) | (None, Some(s)) => source(s),
                (None, None) => e.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_patch_applied_gives_the_scenario_after() {
        let before = json!({ "a": 1, "b": { "c": 2, "d": 3 }, "e": [1, 2], "f": "x" });
        let after = json!({ "a": 1, "b": { "d": 4, "g": 5 }, "e": [3], "h": null });
        let p = patch(&before, &after).expect("they differ");
        assert_eq!(p, json!({ "b": { "c": null, "d": 4, "g": 5 }, "e": [3], "f": null }));
        assert_eq!(merged(before.clone(), &p), json!({ "a": 1, "b": { "d": 4, "g": 5 }, "e": [3] }));
        assert_eq!(patch(&before, &before), None);
        // A field at null is a field left out: no change.
        assert_eq!(patch(&json!({ "a": 1, "n": null }), &json!({ "a": 1 })), None);
        assert_eq!(patch(&json!({ "a": 1 }), &json!({ "a": 1, "n": null })), None);
    }

    #[test]
    fn steps_move_within_the_lesson_and_not_past_its_ends() {
        let mut d = Draft::default();
        for n in 0..3 {
            d.add(json!({ "n": n }));
        }
        let order = |d: &Draft| d.steps.iter().map(|s| s.scenario["n"].as_i64().unwrap_or(-1)).collect::<Vec<_>>();
        d.shift(0, true);
        d.shift(2, false);
        assert_eq!(order(&d), [0, 1, 2]);
        d.shift(1, true);
        assert_eq!(order(&d), [1, 0, 2]);
        d.shift(1, false);
        assert_eq!(order(&d), [1, 2, 0]);
        d.shift(5, true);
        d.shift(3, true);
        assert_eq!(order(&d), [1, 2, 0]);
        d.remove(1);
        d.remove(7);
        d.remove(2);
        assert_eq!(order(&d), [1, 0]);
    }
}
