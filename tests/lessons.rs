//! Lessons: read with errors at their place, answered by the resolver,
//! goals decided exactly over every address of their range.

use proptest::prelude::*;
use serde_json::{json, Value};
use update_source_planner::input::range::AddrRange;
use update_source_planner::input::source::SourceId;
use update_source_planner::lesson::{
    self, Answer, Draft, DraftTask, Goal, GoalDraft, Kind, Task, Test, TestKind, Verdict,
};
use update_source_planner::model::item::Item;
use update_source_planner::Scenario;

mod common;
use common::planner;

fn gallery() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/lessons");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("www/lessons")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("index.json"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("read")))
        .collect();
    out.sort();
    out
}

fn lesson_with(steps: Value) -> String {
    json!({ "lesson": 1, "title": "T", "steps": steps }).to_string()
}

const FLOOR: &str = r#"{ "version": 5, "profile": "officescan-xg", "server": { "address": "osce.corp.local" },
  "sources": { "mode": "customized", "list": "10.1.0.0/16 -> ua://10.1.0.5\n10.0.0.0/8 -> ua://10.0.0.5" },
  "agent": { "addresses": ["10.1.4.20"] } }"#;

fn floor() -> Value {
    serde_json::from_str(FLOOR).expect("JSON")
}

#[test]
fn every_predict_answer_of_the_gallery_is_what_planner_trace_says() {
    let lessons = gallery();
    assert!(!lessons.is_empty());
    for (name, text) in lessons {
        let read = lesson::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(read.steps.len() >= 6, "{name}: {} steps", read.steps.len());
        let out = planner(&["lesson", "check", &name], None);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stdout));
        for (i, step) in read.steps.iter().enumerate() {
            let Task::Predict(p) = &step.task else { continue };
            let json = serde_json::to_string(&step.scenario).expect("JSON");
            let traced: Value =
                serde_json::from_slice(&planner(&["trace", "--json", "-"], Some(&json)).stdout).expect("trace JSON");
            let outcome = &traced["outcome"][p.item.id()];
            match lesson::answer(&step.scenario, p).expect("an answer") {
                Answer::Source(Some(s)) => assert_eq!(outcome["source"], json!(s.to_string()), "{name} step {}", i + 1),
                Answer::Source(None) => assert_ne!(outcome["status"], json!("updated"), "{name} step {}", i + 1),
                Answer::Order(order) => {
                    let tried: Vec<String> = traced["steps"]
                        .as_array()
                        .expect("steps")
                        .iter()
                        .filter(|s| s["kind"] == "attempt" && s["item"] == json!(p.item.id()))
                        .filter_map(|s| s["source"].as_str().map(str::to_string))
                        .fold(Vec::new(), |mut v, s| {
                            if !v.contains(&s) {
                                v.push(s);
                            }
                            v
                        });
                    assert_eq!(
                        order.iter().map(ToString::to_string).collect::<Vec<_>>(),
                        tried,
                        "{name} step {}",
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn a_lesson_is_refused_at_the_line_and_column_of_what_is_wrong() {
    let unknown = "{\n  \"lesson\": 1,\n  \"title\": \"T\",\n  \"colour\": \"red\",\n  \"steps\": []\n}";
    let e = lesson::read(unknown).unwrap_err();
    assert_eq!((e.line, e.column), (4, 10), "at the unknown field's name");
    assert!(e.message.starts_with("unknown field `colour`, expected one of"), "{}", e.message);
    let change_first =
        lesson_with(json!([{ "change": { "agent": { "addresses": ["10.2.0.1"] } }, "predict": { "ask": "source" } }]));
    assert_eq!(
        lesson::read(&change_first).unwrap_err().message,
        "step 1 changes the scenario of a step before it, and there is none"
    );
    let two_tasks = lesson_with(
        json!([{ "scenario": floor(), "predict": { "ask": "source" }, "explain": { "question": "Why?" } }]),
    );
    assert_eq!(lesson::read(&two_tasks).unwrap_err().message, "step 1 asks one thing: predict, build or explain");
    let bad_range = format!(
        "{{\"lesson\":1,\"title\":\"T\",\"steps\":[{{\"scenario\":{FLOOR},\n\"build\":{{\"goal\":\"g\",\"check\":[\n{{\"range\":\"10.2.0.0/33\",\"first\":\"ua://10.2.0.5\"}}]}}}}]}}"
    );
    let e = lesson::read(&bad_range).unwrap_err();
    assert_eq!((e.line, e.column), (5, 10), "at the range: {e}");
    assert!(e.message.starts_with("step 1: the range `10.2.0.0/33` is not one"), "{e}");
    let newer = json!({ "lesson": 2, "title": "T", "steps": [] }).to_string();
    assert_eq!(
        lesson::read(&newer).unwrap_err().message,
        "this lesson is format version 2; this planner reads version 1"
    );
    let not_a_scenario =
        lesson_with(json!([{ "scenario": { "version": 5, "profile": "osce" }, "predict": { "ask": "source" } }]));
    assert!(lesson::read(&not_a_scenario).unwrap_err().message.starts_with("step 1: its scenario is not one"));
}

#[test]
fn a_change_writes_over_the_previous_steps_scenario() {
    let text = lesson_with(json!([
        { "scenario": floor(), "predict": { "ask": "source" } },
        { "change": { "world": { "down": ["ua://10.1.0.5"] } }, "predict": { "ask": "source" } },
        { "change": { "world": { "down": null } }, "predict": { "ask": "order" } }
    ]));
    let read = lesson::read(&text).expect("a lesson");
    let answers: Vec<Answer> = read
        .steps
        .iter()
        .map(|s| match &s.task {
            Task::Predict(p) => lesson::answer(&s.scenario, p).expect("an answer"),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        answers,
        [
            Answer::Source(Some(SourceId::read("ua://10.1.0.5"))),
            Answer::Source(Some(SourceId::read("ua://10.0.0.5"))),
            Answer::Order(vec![SourceId::read("ua://10.1.0.5")]),
        ]
    );
    assert_eq!(lesson::answer_words(&read.steps[1].scenario, &answers[1]), "Update Agent ua://10.0.0.5");
}

#[test]
fn a_broken_reference_solution_fails_the_check_with_its_step() {
    let text = lesson_with(json!([
        { "scenario": floor(), "explain": { "question": "What is an Update Agent?" } },
        { "build": {
            "goal": "Floor 2 first asks its own Update Agent",
            "check": [{ "range": "10.2.0.0/16", "first": "ua://10.2.0.5" }],
            "solution": { "sources": { "list": "10.0.0.0/8 -> ua://10.0.0.5\n10.2.0.0/16 -> ua://10.2.0.5" } }
        } }
    ]));
    let file = std::env::temp_dir().join(format!("usp-lesson-{}.json", std::process::id()));
    std::fs::write(&file, &text).expect("write");
    let out = planner(&["lesson", "check", &file.display().to_string()], None);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert_eq!(
        said.trim(),
        "step 2: the lesson's own solution does not meet its goal (every agent in 10.2.0.0-10.2.255.255 tries Update Agent ua://10.2.0.5 first for components): agent 10.2.0.0 does not"
    );
    // The right order meets it.
    let fixed = text.replace(
        r"10.0.0.0/8 -> ua://10.0.0.5\n10.2.0.0/16 -> ua://10.2.0.5",
        r"10.2.0.0/16 -> ua://10.2.0.5\n10.0.0.0/8 -> ua://10.0.0.5",
    );
    std::fs::write(&file, &fixed).expect("write");
    assert_eq!(planner(&["lesson", "check", &file.display().to_string()], None).status.code(), Some(0));
    let _ = std::fs::remove_file(&file);
}

#[test]
fn an_order_drawn_per_agent_has_no_single_answer() {
    let swp = json!({ "version": 5, "profile": "swp",
        "swp": { "relays": [{ "name": "relay-a" }, { "name": "relay-b" }], "relay_group": "Branch" },
        "agent": { "addresses": ["172.16.5.10"] } });
    let text = lesson_with(json!([{ "scenario": swp, "predict": { "ask": "order" } }]));
    let broken = lesson::check(&lesson::read(&text).expect("a lesson"));
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].step, 1);
    assert!(broken[0].reason.contains("an order drawn per agent"), "{}", broken[0].reason);
}

/// Lists of a few entries inside 10.0.0.0/24, so every address can be walked.
fn small_scenario() -> impl Strategy<Value = Scenario> {
    let source =
        prop_oneof![Just("ua://10.9.0.1"), Just("ua://10.9.0.2"), Just("activeupdate"), Just("http://mirror.corp/au")];
    let range = (0u8..=255, 0u8..=255).prop_map(|(a, b)| format!("10.0.0.{}-10.0.0.{}", a.min(b), a.max(b)));
    let down = prop::collection::vec(prop_oneof![Just("ua://10.9.0.1"), Just("ua://10.9.0.2"), Just("server")], 0..2);
    (prop::collection::vec((range, source), 1..5), down, any::<bool>()).prop_map(|(list, down, fallback)| {
        let text = list.into_iter().map(|(r, s)| format!("{r} -> {s}")).collect::<Vec<_>>().join("\n");
        let doc = json!({
            "version": 5, "profile": "officescan-xg", "server": { "address": "osce.corp.local" },
            "sources": { "mode": "customized", "list": text },
            "settings": { "fallback_components": fallback },
            "agent": { "addresses": ["10.0.0.1"] }, "world": { "down": down }
        });
        Scenario::from_json(&doc.to_string()).expect("a scenario")
    })
}

fn goal_strategy() -> impl Strategy<Value = Goal> {
    let source = prop_oneof![Just("ua://10.9.0.1"), Just("ua://10.9.0.2"), Just("activeupdate"), Just("server")];
    let test = (0u8..3, source).prop_map(|(k, s)| match k {
        0 => Test::First(SourceId::read(s)),
        1 => Test::From(SourceId::read(s)),
        _ => Test::Never(SourceId::read(s)),
    });
    let range = (0u8..=255, 0u8..=255).prop_map(|(a, b)| format!("10.0.0.{}-10.0.0.{}", a.min(b), a.max(b)));
    let down =
        prop::collection::vec(prop_oneof![Just("ua://10.9.0.1".to_string()), Just("ua://10.9.0.2".to_string())], 0..2);
    (range, test, down).prop_map(|(r, test, down)| Goal {
        range: AddrRange::parse(&r).expect("a range"),
        item: Item::Components,
        down,
        test,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Check says "met" exactly when no address of the range breaks the
    /// goal (every address walked alone), and the address it names breaks it.
    #[test]
    fn a_goal_is_decided_exactly_over_every_address(s in small_scenario(), goal in goal_strategy()) {
        let verdict = lesson::decide(&s, &goal);
        let mut with_down = s.clone();
        with_down.world.down.extend(goal.down.iter().cloned());
        let breaks = |last: u8| {
            let mut one = with_down.clone();
            one.agent.addresses = vec![format!("10.0.0.{last}")];
            let t = lesson::trace_of(&one);
            !lesson::passes(&t, &goal)
        };
        let in_range: Vec<u8> = (0..=255u8).filter(|l| goal.range.contains(format!("10.0.0.{l}").parse().expect("an address"))).collect();
        let first_breaking = in_range.iter().copied().find(|l| breaks(*l));
        match verdict {
            Verdict::Met => prop_assert_eq!(first_breaking, None),
            Verdict::Broken { address, .. } => {
                prop_assert!(goal.range.contains(address));
                let last = address.to_string().rsplit('.').next().and_then(|l| l.parse::<u8>().ok()).expect("10.0.0.x");
                prop_assert!(breaks(last), "{} named, but it passes", address);
            }
        }
    }
}

/// A link with more than it carried is refused as changed, not read.
#[test]
fn a_lesson_link_longer_than_it_says_is_refused() {
    let link = lesson::link(&lesson_with(json!([])));
    assert_eq!(lesson::from_link(&format!("{link}AAAA")), Err("the lesson link was changed".into()));
}

/// The editor offers the kinds of step and the goals' tests in words.
#[test]
fn the_editor_names_the_kinds_of_step_and_tests_in_words() {
    assert_eq!(
        Kind::ALL.map(Kind::words),
        ["Predict: where from?", "Predict: which order?", "Build: meet a goal", "Explain in words"]
    );
    assert_eq!(TestKind::ALL.map(TestKind::words), ["tries first", "gets it from", "never tries"]);
}

/// A draft of every gallery lesson, written out, is the same lesson: an
/// author who opens a lesson and saves it loses nothing.
#[test]
fn a_lesson_opened_for_editing_and_saved_is_the_same_lesson() {
    for (name, text) in gallery() {
        let draft = Draft::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written = draft.to_json();
        assert_eq!(lesson::read(&written), lesson::read(&text), "{name}");
        assert_eq!(Draft::read(&written).as_ref(), Ok(&draft), "{name}");
    }
}

/// A lesson written without typing JSON: the page's scenario added as a
/// predict step, a second scenario as a build step with a goal and the
/// author's solution; the file plays and passes `planner lesson check`, and
/// later steps are written as their change only.
#[test]
fn a_lesson_written_in_the_editor_plays_and_is_checked() {
    let mut draft = Draft { title: "Floors".into(), ..Draft::default() };
    draft.add(floor());
    let mut down = floor();
    down["world"] = json!({ "down": ["ua://10.1.0.5"] });
    draft.add(down.clone());
    draft.set_kind(1, Kind::Build);
    let DraftTask::Build(b) = &mut draft.steps[1].task else { panic!("a build step") };
    b.goal = "Floor 1 falls back to the server, not the head office's Update Agent".into();
    b.checks[0] = GoalDraft {
        range: "10.1.0.0/16".into(),
        test: TestKind::Never,
        source: "ua://10.0.0.5".into(),
        ..GoalDraft::default()
    };
    let mut solution = down.clone();
    solution["sources"]["list"] = json!("10.1.0.0/16 -> ua://10.1.0.5");
    b.solution = Some(solution);
    let written = draft.to_json();
    let doc: Value = serde_json::from_str(&written).expect("JSON");
    assert_eq!(doc["steps"][1]["change"], json!({ "world": { "down": ["ua://10.1.0.5"] } }));
    assert_eq!(doc["steps"][1]["build"]["solution"], json!({ "sources": { "list": "10.1.0.0/16 -> ua://10.1.0.5" } }));
    let read = lesson::read(&written).expect("a lesson");
    assert_eq!(read.steps.len(), 2);
    assert_eq!(lesson::check(&read), vec![]);

    // The same goal without the author's fix: the reference solution is
    // the step's own scenario, which sends Floor 1 to the head office.
    let DraftTask::Build(b) = &mut draft.steps[1].task else { panic!("a build step") };
    b.solution = Some(down);
    let broken = lesson::check(&lesson::read(&draft.to_json()).expect("a lesson"));
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].step, 2);
    assert!(broken[0].reason.contains("agent 10.1.0.0 does not"), "{}", broken[0].reason);
}

/// A goal half typed is kept in the draft (nothing the author wrote is
/// lost) and refused by the lesson reader at its line, with the step.
#[test]
fn a_half_typed_goal_is_kept_and_named_with_its_step() {
    let mut draft = Draft { title: "T".into(), ..Draft::default() };
    draft.add(floor());
    draft.set_kind(0, Kind::Build);
    let e = lesson::read(&draft.to_json()).expect_err("no range yet");
    assert_eq!(e.message, "step 1: a goal names the agents it is about: type their range, e.g. 10.2.0.0/16");
    let DraftTask::Build(b) = &mut draft.steps[0].task else { panic!("a build step") };
    b.checks[0].range = "10.2.".into();
    b.checks[0].source = "ua://10.1.0.5".into();
    let written = draft.to_json();
    assert_eq!(Draft::read(&written).expect("a draft"), draft);
    let e = lesson::read(&written).expect_err("not a lesson yet");
    assert!(e.message.starts_with("step 1: the range `10.2.` is not one"), "{}", e.message);
    let line = written.lines().position(|l| l.contains("\"10.2.\"")).expect("the range's line") + 1;
    assert_eq!(e.line, line);

    let DraftTask::Build(b) = &mut draft.steps[0].task else { panic!("a build step") };
    b.checks[0].range = "10.1.0.0/16".into();
    b.checks[0].source = " ".into();
    let e = lesson::read(&draft.to_json()).expect_err("no source");
    assert_eq!(e.message, "step 1: a goal names the source it is about (tries first)");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// Whatever two scenarios an author puts side by side, the second is
    /// written as its change from the first and read back as itself.
    #[test]
    fn a_step_written_as_its_change_reads_back_as_its_scenario(a in small_scenario(), b in small_scenario()) {
        let mut draft = Draft::default();
        for s in [&a, &b] {
            draft.add(serde_json::from_str(&s.to_json()).expect("JSON"));
        }
        let read = lesson::read(&draft.to_json()).expect("a lesson");
        prop_assert_eq!(&read.steps[0].scenario, &a);
        prop_assert_eq!(&read.steps[1].scenario, &b);
    }
}

/// Every change an author makes in the editor lands in the lesson file,
/// in its step and goal, and a change to a step or goal that is not there
/// changes nothing.
#[test]
fn every_edit_of_the_author_lands_in_the_file() {
    use update_source_planner::lesson::{Edit, GoalEdit};
    let mut d = Draft::default();
    let edits = [
        Edit::Title("Fallbacks".into()),
        Edit::Introduction("Read the list from the top.".into()),
        Edit::Add(floor()),
        Edit::Add(floor()),
        Edit::Add(floor()),
        Edit::StepTitle(0, "Where from?".into()),
        Edit::Item(0, Item::Programs),
        Edit::Kind(0, Kind::PredictOrder),
        Edit::Kind(1, Kind::Explain),
        Edit::Words(1, "Why the server?".into()),
        Edit::Notes(1, "Fallback F1.".into()),
        Edit::Kind(2, Kind::Build),
        Edit::Words(2, "Floor 2 first".into()),
        Edit::Goal(2, 0, GoalEdit::Range("10.2.0.0/16".into())),
        Edit::Goal(2, 0, GoalEdit::Item(Item::DomainSettings)),
        Edit::Goal(2, 0, GoalEdit::Test(TestKind::From)),
        Edit::Goal(2, 0, GoalEdit::Source("ua://10.2.0.5".into())),
        Edit::Goal(2, 0, GoalEdit::Down("ua://10.1.0.5, server  ".into())),
        Edit::AddGoal(2),
        Edit::Goal(2, 1, GoalEdit::Range("10.3.0.0/16".into())),
        Edit::AddGoal(2),
        Edit::RemoveGoal(2, 2),
        Edit::RemoveGoal(2, 9),
        Edit::RemoveGoal(2, 2),
        Edit::Goal(2, 7, GoalEdit::Range("nowhere".into())),
        Edit::Solution(2, Some(floor())),
        Edit::Words(0, "not a question a predict step has".into()),
        Edit::Notes(2, "not an explain step".into()),
        Edit::Item(1, Item::Programs),
        Edit::StepTitle(5, "no such step".into()),
    ];
    for e in edits {
        d.apply(e);
    }
    let doc: Value = serde_json::from_str(&d.to_json()).expect("JSON");
    assert_eq!(doc["title"], "Fallbacks");
    assert_eq!(doc["introduction"], "Read the list from the top.");
    assert_eq!(doc["steps"][0]["title"], "Where from?");
    assert_eq!(doc["steps"][0]["predict"], json!({ "ask": "order", "item": "programs" }));
    assert_eq!(doc["steps"][1]["explain"], json!({ "question": "Why the server?", "notes": "Fallback F1." }));
    assert_eq!(doc["steps"][1].get("change"), None, "the same scenario: no change written");
    assert_eq!(
        doc["steps"][2]["build"],
        json!({ "goal": "Floor 2 first", "check": [
            { "range": "10.2.0.0/16", "item": "domain-settings", "down": ["ua://10.1.0.5", "server"], "from": "ua://10.2.0.5" },
            { "range": "10.3.0.0/16", "first": "" }
        ], "solution": {} })
    );
    assert_eq!(doc["steps"].as_array().map(Vec::len), Some(3));
    d.apply(Edit::Solution(2, None));
    d.apply(Edit::Scenario(1, json!({ "version": 5, "profile": "apex-one" })));
    let doc: Value = serde_json::from_str(&d.to_json()).expect("JSON");
    assert_eq!(doc["steps"][2]["build"].get("solution"), None);
    assert_eq!(doc["steps"][1]["change"]["profile"], "apex-one");
    assert_eq!(doc["steps"][1]["change"]["sources"], Value::Null, "removed in the change");
}

/// A predict step offers the sources its trace names, then the rest of its
/// list, each once; an order is told "then" by "then", and an update that
/// never starts tries no source.
#[test]
fn the_choices_are_the_scenarios_own_sources_and_orders_are_told_in_words() {
    let mut doc = floor();
    doc["agent"]["addresses"] = json!(["192.168.7.9"]);
    let s = Scenario::from_json(&doc.to_string()).expect("a scenario");
    let offered: Vec<String> = lesson::choices(&s).iter().map(ToString::to_string).collect();
    assert_eq!(offered, ["server", "ua://10.1.0.5", "ua://10.0.0.5"]);

    let mut down = floor();
    down["world"] = json!({ "down": ["ua://10.1.0.5", "ua://10.0.0.5"] });
    let s = Scenario::from_json(&down.to_string()).expect("a scenario");
    let order = lesson::Predict { ask: lesson::Question::Order, item: Item::Components };
    let answer = lesson::answer(&s, &order).expect("an order");
    assert_eq!(
        lesson::answer_words(&s, &answer),
        "Update Agent ua://10.1.0.5, then Update Agent ua://10.0.0.5, then the OfficeScan server"
    );

    let mut off = floor();
    off["settings"] = json!({ "schedule_enabled": false });
    let s = Scenario::from_json(&off.to_string()).expect("a scenario");
    let answer = lesson::answer(&s, &order).expect("an order");
    assert_eq!(lesson::answer_words(&s, &answer), "no source is tried");
}
