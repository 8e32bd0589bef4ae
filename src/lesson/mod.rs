//! Lessons for training rooms: steps that each hold a scenario and a task
//! (predict where an agent updates from, build a list that meets a goal, or
//! explain in words). No answer is written in a lesson: the resolver is the
//! answer key, worked out when the lesson is read, so a lesson can never
//! disagree with the planner. A build goal is decided over every address of
//! its range through the fleet's interval index (every address of an
//! interval walks alike), not by samples.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod choices;
pub mod draft;
pub mod scene;

pub use choices::{choices_in, ends, gives_away, shown};
pub use draft::{BuildDraft, Draft, DraftStep, DraftTask, Edit, GoalDraft, GoalEdit, Kind, TestKind};

use crate::fleet::batch::Fleet;
use crate::format::locate::Locator;
use crate::format::Scenario;
use crate::input::range::{addr_at, AddrRange, IpFamily};
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::profile::Profile;
use crate::plan::prepare;
use crate::trace::Trace;
use crate::vocabulary;
pub use scene::{scene, Row, Scene};

/// The lesson format's version; a lesson says which it is written in.
pub const LESSON_VERSION: u64 = 1;

/// Why a lesson cannot be read, placed in its JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct LessonError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// What a predict step asks about one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Question {
    /// Where the agent gets it from (or that it is not updated).
    Source,
    /// In which order the agent tries its sources.
    Order,
}

/// A predict step's question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Predict {
    /// Where from, or in which order.
    pub ask: Question,
    /// The item asked about.
    #[serde(default = "components")]
    pub item: Item,
}

fn components() -> Item {
    Item::Components
}

/// An explain step: a question answered in words, with the trainer's notes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Explain {
    /// The question put to the room.
    pub question: String,
    /// What the trainer may say.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// What every agent of a goal's range must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// Try this source first for the item.
    First(SourceId),
    /// Get the item from this source.
    From(SourceId),
    /// Never try this source for the item.
    Never(SourceId),
}

/// One checkable goal: every agent in `range`, with `down` down, passes `test` for `item`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// The agents it is about.
    pub range: AddrRange,
    /// The item.
    pub item: Item,
    /// Sources taken down for this goal, beyond the scenario's.
    pub down: Vec<SourceId>,
    /// What each must do.
    pub test: Test,
}

/// What a step asks of the room.
#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    /// Predict; the answer is the resolver's.
    Predict(Predict),
    /// Change the scenario until every goal is met.
    Build {
        /// The goal in words.
        goal: String,
        /// The goal in checkable form.
        checks: Vec<Goal>,
        /// The lesson's own solution, if it carries one.
        solution: Option<Box<Scenario>>,
    },
    /// Talk it through.
    Explain(Explain),
}

/// One step, its scenario worked out (a change applies to the previous step's).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Its heading.
    pub title: String,
    /// The scenario the step shows.
    pub scenario: Scenario,
    /// What it asks.
    pub task: Task,
}

/// A lesson, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Its title.
    pub title: String,
    /// What the trainer says first.
    pub introduction: String,
    /// Its steps, in order.
    pub steps: Vec<Step>,
}

/// Reads a lesson: JSON of the lesson format, unknown fields refused by
/// name, every error at its line and column.
pub fn read(text: &str) -> Result<Lesson, LessonError> {
    let draft = Draft::read(text)?;
    let locator = Locator::scan(text);
    let at = |path: &str, message: String| {
        let (line, column) = locator.at(path).unwrap_or((1, 1));
        LessonError { line, column, message }
    };
    if draft.steps.is_empty() {
        return Err(at("steps", "a lesson has at least one step".into()));
    }
    let mut steps = Vec::new();
    for (i, s) in draft.steps.into_iter().enumerate() {
        let path = format!("steps[{i}]");
        let n = i + 1;
        let scenario = scenario_of(&s.scenario).map_err(|m| at(&path, format!("step {n}: {m}")))?;
        let task = match s.task {
            DraftTask::Predict(p) => Task::Predict(p),
            DraftTask::Build(b) => {
                let mut checks = Vec::new();
                for (j, g) in b.checks.into_iter().enumerate() {
                    let place = |(field, m): (&str, String)| {
                        at(&format!("{path}.build.check[{j}]{field}"), format!("step {n}: {m}"))
                    };
                    checks.push(goal(g).map_err(place)?);
                }
                if checks.is_empty() {
                    return Err(at(
                        &format!("{path}.build.check"),
                        format!("step {n}: a build step checks at least one goal"),
                    ));
                }
                let solution = match b.solution {
                    None => None,
                    Some(json) => Some(Box::new(
                        scenario_of(&json)
                            .map_err(|m| at(&format!("{path}.build.solution"), format!("step {n}'s solution: {m}")))?,
                    )),
                };
                Task::Build { goal: b.goal, checks, solution }
            }
            DraftTask::Explain(e) => Task::Explain(e),
        };
        steps.push(Step { title: s.title, scenario, task });
    }
    Ok(Lesson { title: draft.title, introduction: draft.introduction, steps })
}

fn scenario_of(json: &Value) -> Result<Scenario, String> {
    Scenario::from_json(&json.to_string()).map_err(|e| format!("its scenario is not one: {}", e.message()))
}

/// A JSON merge patch (RFC 7396): what a change step writes over the scenario before it.
fn merged(mut target: Value, patch: &Value) -> Value {
    match (target.as_object_mut(), patch.as_object()) {
        (Some(t), Some(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    let old = t.remove(k).unwrap_or(Value::Null);
                    t.insert(k.clone(), merged(old, v));
                }
            }
            target
        }
        _ => patch.clone(),
    }
}

/// A goal read; an error names the field it is in (`.range`, or "" for the goal).
fn goal(g: GoalDraft) -> Result<Goal, (&'static str, String)> {
    if g.range.trim().is_empty() {
        return Err((".range", "a goal names the agents it is about: type their range, e.g. 10.2.0.0/16".into()));
    }
    let range = AddrRange::parse(&g.range)
        .map_err(|e| (".range", format!("the range `{}` is not one: {}", g.range, e.message)))?;
    if g.source.trim().is_empty() {
        return Err(("", format!("a goal names the source it is about ({})", g.test.words())));
    }
    let source = vocabulary::read(&g.source);
    let down = g.down.iter().flat_map(|d| vocabulary::read_list(d)).collect();
    let test = match g.test {
        TestKind::First => Test::First(source),
        TestKind::From => Test::From(source),
        TestKind::Never => Test::Never(source),
    };
    Ok(Goal { range, item: g.item, down, test })
}

/// A predict step's answer, from the resolver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Updated from this source, or (`None`) not updated.
    Source(Option<SourceId>),
    /// The sources tried, in order.
    Order(Vec<SourceId>),
}

/// Why a predict step has no single answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoAnswer {
    /// The update does not ask for the item.
    #[error("the update does not ask for {0}")]
    NotAsked(&'static str),
    /// A relay group's order is drawn per agent.
    #[error("the agent's relay group is tried in an order drawn per agent: no one order is the answer")]
    Drawn,
}

/// The trace a step's scenario gives.
pub fn trace_of(scenario: &Scenario) -> Trace {
    crate::walk::resolve(&prepare(scenario, None))
}

/// The answer to a predict step, as the resolver works it out.
pub fn answer(scenario: &Scenario, p: &Predict) -> Result<Answer, NoAnswer> {
    answer_in(&trace_of(scenario), p)
}

/// The answer to a predict step, read from the step's trace.
pub fn answer_in(trace: &Trace, p: &Predict) -> Result<Answer, NoAnswer> {
    let outcome = trace.outcome.get(&p.item).ok_or(NoAnswer::NotAsked(p.item.words()))?;
    match p.ask {
        Question::Source => Ok(Answer::Source(outcome.source().cloned())),
        Question::Order if trace.relay_group.is_some() => Err(NoAnswer::Drawn),
        Question::Order => {
            let mut order: Vec<SourceId> = Vec::new();
            for (s, _) in trace.path(p.item) {
                if !order.contains(s) {
                    order.push(s.clone());
                }
            }
            Ok(Answer::Order(order))
        }
    }
}

/// The choices a predict step offers: every source the scenario can end
/// at and its own sources (see [`choices`]); "not updated" is always
/// offered beside them.
pub fn choices(scenario: &Scenario) -> Vec<SourceId> {
    choices_in(scenario, &trace_of(scenario))
}

/// An answer in the console's words.
pub fn answer_words(scenario: &Scenario, answer: &Answer) -> String {
    let name = |s: &SourceId| vocabulary::name(scenario.profile, s);
    match answer {
        Answer::Source(Some(s)) => name(s),
        Answer::Source(None) => "not updated".into(),
        Answer::Order(order) if order.is_empty() => "no source is tried".into(),
        Answer::Order(order) => order.iter().map(name).collect::<Vec<_>>().join(", then "),
    }
}

/// A goal decided over every address of its range.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// No address of the range breaks it.
    Met,
    /// This agent breaks it; its trace shows how.
    Broken {
        /// The agent.
        address: IpAddr,
        /// Its trace, with the goal's sources down.
        trace: Box<Trace>,
    },
}

/// Decides a goal exactly: the range is cut where the list's entries begin
/// and end (the fleet's intervals), and one agent of each piece walks for
/// all of it; the first piece whose agent breaks the goal names its address.
pub fn decide(scenario: &Scenario, goal: &Goal) -> Verdict {
    let mut s = scenario.clone();
    for d in &goal.down {
        if !s.world.down.iter().any(|w| vocabulary::read(w) == *d) {
            s.world.down.push(d.to_string());
        }
    }
    let plan = prepare(&s, None);
    let fleet = Fleet::new(&plan);
    for family in [IpFamily::V4, IpFamily::V6] {
        let Some((start, end)) = goal.range.span(family) else { continue };
        for iv in fleet.index.intervals.iter().filter(|iv| iv.family == family && iv.start <= end && iv.end >= start) {
            let address = addr_at(family, iv.start.max(start));
            let trace = fleet.trace(address);
            if !passes(&trace, goal) {
                return Verdict::Broken { address, trace: Box::new(trace) };
            }
        }
    }
    Verdict::Met
}

/// Whether one agent's trace passes a goal's test.
pub fn passes(trace: &Trace, goal: &Goal) -> bool {
    let path = trace.path(goal.item);
    match &goal.test {
        Test::First(s) => path.first().is_some_and(|(first, _)| *first == s),
        Test::From(s) => trace.outcome.get(&goal.item).and_then(|o| o.source()) == Some(s),
        Test::Never(s) => path.iter().all(|(tried, _)| *tried != s),
    }
}

/// A goal in words, for the Check's message and the answer key.
pub fn goal_words(scenario: &Scenario, goal: &Goal) -> String {
    goal_sentence(scenario.profile, goal)
}

/// A goal as the author typed it, as the room will read it ("Checked:
/// every agent in … while the Service Gateway is down."); nothing while it
/// is not a goal yet (the lesson's check says why).
pub fn draft_goal_words(profile: Profile, g: &GoalDraft) -> String {
    goal(g.clone()).map(|g| format!("Checked: {}.", goal_sentence(profile, &g))).unwrap_or_default()
}

/// A goal in the profile's words.
fn goal_sentence(profile: Profile, goal: &Goal) -> String {
    let name = |s: &SourceId| vocabulary::name(profile, s);
    let (range, item) = (goal.range, goal.item.words());
    let what = match &goal.test {
        Test::First(s) => format!("every agent in {range} tries {} first for {item}", name(s)),
        Test::From(s) => format!("every agent in {range} gets {item} from {}", name(s)),
        Test::Never(s) => format!("no agent in {range} tries {} for {item}", name(s)),
    };
    match goal.down.as_slice() {
        [] => what,
        d => {
            let names = d.iter().map(name).collect::<Vec<_>>().join(" and ");
            format!("{what} while {names} {} down", if d.len() == 1 { "is" } else { "are" })
        }
    }
}

/// What is wrong with a lesson as `planner lesson check` reports it: the
/// step (from 1) and the reason. Written "step 2: …", the same words in the
/// page that refuses the lesson and on the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("step {step}: {reason}")]
pub struct Broken {
    /// The step.
    pub step: usize,
    /// Why.
    pub reason: String,
}

/// Every step's answer worked out and every reference solution checked
/// against its goals; what does not hold.
pub fn check(lesson: &Lesson) -> Vec<Broken> {
    let mut broken = Vec::new();
    for (i, step) in lesson.steps.iter().enumerate() {
        let step_no = i + 1;
        match &step.task {
            Task::Predict(p) => {
                if let Err(e) = answer(&step.scenario, p) {
                    broken.push(Broken { step: step_no, reason: format!("the question has no single answer: {e}") });
                }
            }
            Task::Build { checks, solution: Some(solution), .. } => {
                for g in checks {
                    if let Verdict::Broken { address, .. } = decide(solution, g) {
                        let reason = format!(
                            "the lesson's own solution does not meet its goal ({}): agent {address} does not",
                            goal_words(solution, g)
                        );
                        broken.push(Broken { step: step_no, reason });
                    }
                }
            }
            Task::Build { .. } | Task::Explain(_) => {}
        }
    }
    broken
}

/// How a lesson link's fragment starts (a scenario's starts `s2.`).
pub const LINK_PREFIX: &str = "l1";

/// The seed a lesson's choices are shown in order of, when no link says
/// another: drawn from its text, so every page opening the same lesson
/// shows the same order.
pub fn seed_of(json: &str) -> u32 {
    crate::format::share::crc32(json.as_bytes())
}

/// A lesson as a link carries it: its JSON and the seed its choices are
/// shown in order of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    /// The lesson's JSON.
    pub json: String,
    /// The seed of the order its choices are shown in.
    pub seed: u32,
}

/// The fragment (without `#`) that opens a lesson in the planner: the
/// lesson's JSON compressed, with its checksum and length, as a scenario's
/// link carries its scenario, then the seed of its choices' order, so the
/// room sees the trainer's order.
pub fn link(json: &str, seed: u32) -> String {
    let body = crate::format::share::base64url::encode(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9));
    format!("{LINK_PREFIX}.{:08x}.{}.{body}.{seed:08x}", crate::format::share::crc32(json.as_bytes()), body.len())
}

/// A lesson link's JSON and seed (a link made before links carried a seed
/// takes its lesson's), or why the link cannot be read (cut, changed, not
/// a lesson link).
pub fn from_link(fragment: &str) -> Result<Linked, String> {
    let f = fragment.trim().trim_start_matches('#');
    let mut parts = f.splitn(5, '.');
    let (Some(LINK_PREFIX), Some(sum), Some(length), Some(body)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("this is not a lesson link".into());
    };
    let seed = parts.next().map(|s| u32::from_str_radix(s, 16).map_err(|_| "the lesson link was changed".to_string()));
    let length: usize = length.parse().map_err(|_| "the lesson link was changed".to_string())?;
    if body.len() < length {
        return Err("the lesson link is cut short: copy the whole link".into());
    }
    if body.len() > length {
        return Err("the lesson link was changed".into());
    }
    let deflated =
        crate::format::share::base64url::decode(body).map_err(|_| "the lesson link was changed".to_string())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, crate::format::MAX_DOCUMENT_BYTES)
        .map_err(|_| "the lesson link was changed".to_string())?;
    let sum = u32::from_str_radix(sum, 16).map_err(|_| "the lesson link was changed".to_string())?;
    if crate::format::share::crc32(&json) != sum {
        return Err("the lesson link was changed".into());
    }
    let json = String::from_utf8(json).map_err(|_| "the lesson link was changed".to_string())?;
    let seed = seed.transpose()?.unwrap_or_else(|| seed_of(&json));
    Ok(Linked { json, seed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_link_carries_its_json_and_says_when_it_was_cut_or_changed() {
        let json = r#"{"lesson":1,"title":"T","steps":[]}"#;
        let link = link(json, 0x1234_abcd);
        assert!(link.starts_with("l1."));
        assert!(link.ends_with(".1234abcd"), "{link}");
        assert_eq!(from_link(&format!("#{link}")), Ok(Linked { json: json.into(), seed: 0x1234_abcd }));
        let body = link.trim_end_matches(".1234abcd");
        assert_eq!(from_link(&body[..body.len() - 3]), Err("the lesson link is cut short: copy the whole link".into()));
        let changed = format!("{}A", &body[..body.len() - 1]);
        assert_eq!(from_link(&changed), Err("the lesson link was changed".into()));
        // A link of before the seed: its lesson's own.
        assert_eq!(from_link(body), Ok(Linked { json: json.into(), seed: seed_of(json) }));
        assert_eq!(from_link(&format!("{body}.xyz")), Err("the lesson link was changed".into()));
        assert_eq!(from_link("s2.00000000.4.AAAA"), Err("this is not a lesson link".into()));
    }

    #[test]
    fn a_merge_patch_writes_over_removes_with_null_and_keeps_the_rest() {
        let before = serde_json::json!({ "a": 1, "b": { "c": 2, "d": 3 }, "e": [1, 2] });
        let patch = serde_json::json!({ "b": { "c": null, "x": 4 }, "e": [3] });
        assert_eq!(merged(before, &patch), serde_json::json!({ "a": 1, "b": { "d": 3, "x": 4 }, "e": [3] }));
    }
}
