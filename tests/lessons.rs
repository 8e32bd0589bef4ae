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
    let down = prop::collection::vec(
        prop_oneof![Just(SourceId::read("ua://10.9.0.1")), Just(SourceId::read("ua://10.9.0.2"))],
        0..2,
    );
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
        with_down.world.down.extend(goal.down.iter().map(ToString::to_string));
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
    let link = lesson::link(&lesson_with(json!([])), 7);
    let link = link.trim_end_matches(".00000007");
    assert_eq!(lesson::from_link(&format!("{link}AAAA")), Err("the lesson link was changed".into()));
    // Each lesson its own seed, from its text, when no link gives one.
    assert_ne!(lesson::seed_of("{}"), lesson::seed_of("{ }"));
    assert_ne!(lesson::seed_of("{}"), 0);
    assert_ne!(lesson::seed_of("{}"), 1);
    assert_eq!(lesson::from_link(link).map(|l| l.seed), Ok(lesson::seed_of(&lesson_with(json!([])))));
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
    assert_eq!(
        offered,
        ["server", "ua://10.1.0.5", "ua://10.0.0.5", "activeupdate"],
        "ActiveUpdate too: the product has it"
    );

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

/// Every "where from?" question of the gallery offers every source its
/// scenario can end at (the resolver's answer, then the answer while that
/// source is down, and so on), the answer among them, and the product's
/// standard sources: the server and ActiveUpdate, or the S&WP secondary
/// sources, so no choice is given away by being left out.
#[test]
fn every_where_from_question_offers_every_source_its_scenario_can_end_at() {
    use update_source_planner::model::profile::Family;
    for (name, text) in gallery() {
        let read = lesson::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (i, step) in read.steps.iter().enumerate() {
            let Task::Predict(p) = &step.task else { continue };
            let offered = lesson::choices(&step.scenario);
            let ends = lesson::ends(&step.scenario, p.item);
            for s in &ends {
                assert!(offered.contains(s), "{name} step {}: {s} is not offered: {offered:?}", i + 1);
            }
            if let Ok(Answer::Source(Some(a))) = lesson::answer(&step.scenario, p) {
                assert_eq!(ends.first(), Some(&a), "{name} step {}: the first end is the answer", i + 1);
            }
            let standard = match step.scenario.profile.family() {
                Family::OfficeScan => [SourceId::Server, SourceId::ActiveUpdate],
                Family::Swp => [SourceId::TenantRelayGroup, SourceId::Primary],
            };
            for s in standard {
                assert!(offered.contains(&s), "{name} step {}: {s} is not offered", i + 1);
            }
            let once: std::collections::HashSet<String> = offered.iter().map(ToString::to_string).collect();
            assert_eq!(once.len(), offered.len(), "{name} step {}: each once", i + 1);
        }
    }
}

/// The sources an item can end at follow the outages down the list to the
/// server (ActiveUpdate is never reached while the console keeps agents off
/// it); once agents may go to ActiveUpdate, it is the last end.
#[test]
fn the_ends_of_an_item_follow_the_outages_one_source_at_a_time() {
    let s = Scenario::from_json(FLOOR).expect("a scenario");
    let ends: Vec<String> = lesson::ends(&s, Item::Components).iter().map(ToString::to_string).collect();
    assert_eq!(ends, ["ua://10.1.0.5", "ua://10.0.0.5", "server"]);
    let mut au = floor();
    au["settings"] = json!({ "agents_use_activeupdate": true });
    let s = Scenario::from_json(&au.to_string()).expect("a scenario");
    let ends: Vec<String> = lesson::ends(&s, Item::Components).iter().map(ToString::to_string).collect();
    assert_eq!(ends, ["ua://10.1.0.5", "ua://10.0.0.5", "server", "activeupdate"]);
    assert_eq!(lesson::ends(&s, Item::Programs).len(), 3, "programs never come from ActiveUpdate");
}

fn ids(v: &[SourceId]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

/// The choices are shown in an order drawn from the seed and the step: the
/// same seed and step show the same order (two pages opening one link
/// agree), another seed or step another order.
#[test]
fn choices_are_shown_in_an_order_drawn_from_the_seed_and_the_step() {
    let choices: Vec<SourceId> =
        ["ua://10.1.0.5", "ua://10.0.0.5", "server", "activeupdate"].map(SourceId::read).to_vec();
    let shown = lesson::shown(&choices, None, 42, 3);
    assert_eq!(shown, lesson::shown(&choices, None, 42, 3), "the same seed, the same order");
    let mut sorted = ids(&shown);
    sorted.sort();
    let mut all = ids(&choices);
    all.sort();
    assert_eq!(sorted, all, "every choice, once");
    // Orders pinned: the draw is the same on every machine and in every version.
    assert_eq!(ids(&lesson::shown(&choices, None, 1, 0)), PINNED_1_0);
    assert_eq!(ids(&lesson::shown(&choices, None, 1, 1)), PINNED_1_1);
    assert_eq!(ids(&lesson::shown(&choices, None, 0xdead_beef, 0)), PINNED_DEADBEEF_0);
    // Over many seeds every choice comes first about as often.
    let mut first = std::collections::HashMap::new();
    for seed in 0..4000 {
        *first.entry(lesson::shown(&choices, None, seed, 0)[0].to_string()).or_insert(0) += 1;
    }
    assert_eq!(first.len(), 4);
    assert!(first.values().all(|n| (850..1150).contains(n)), "{first:?}");
    assert!(lesson::shown(&[], None, 5, 5).is_empty());
}

const PINNED_1_0: [&str; 4] = ["activeupdate", "server", "ua://10.0.0.5", "ua://10.1.0.5"];
const PINNED_1_1: [&str; 4] = ["ua://10.0.0.5", "server", "ua://10.1.0.5", "activeupdate"];
const PINNED_DEADBEEF_0: [&str; 4] = ["server", "activeupdate", "ua://10.0.0.5", "ua://10.1.0.5"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Whatever the seed, an order question's buttons are never in the
    /// answer's order: pressed left to right (skipping those not tried)
    /// they are wrong.
    #[test]
    fn an_order_questions_buttons_never_give_the_answer_away(seed in any::<u32>(), step in 0usize..20, n in 2usize..7, tried in 2usize..7) {
        let choices: Vec<SourceId> = (0..n).map(|i| SourceId::read(&format!("ua://10.0.0.{i}"))).collect();
        let answer: Vec<SourceId> = choices.iter().take(tried.min(n)).cloned().collect();
        let shown = lesson::shown(&choices, Some(&answer), seed, step);
        prop_assert!(!lesson::gives_away(&shown, &answer), "{:?}", ids(&shown));
        let mut a = ids(&shown);
        a.sort();
        let mut b = ids(&choices);
        b.sort();
        prop_assert_eq!(a, b);
    }
}

#[test]
fn an_order_gives_the_answer_away_only_when_pressed_left_to_right_it_is_the_answer() {
    let [a, b, c] = ["ua://10.0.0.1", "ua://10.0.0.2", "server"].map(SourceId::read);
    assert!(lesson::gives_away(&[a.clone(), c.clone(), b.clone()], &[a.clone(), b.clone()]));
    assert!(!lesson::gives_away(&[b.clone(), a.clone(), c.clone()], &[a.clone(), b.clone()]));
    assert!(
        !lesson::gives_away(&[a.clone(), b.clone()], std::slice::from_ref(&a)),
        "one source: no order to give away"
    );
    assert!(
        !lesson::gives_away(&[a.clone(), b.clone()], &[a.clone(), b.clone(), c.clone()]),
        "not every source is shown"
    );
}

/// Every order question of the gallery, whatever the lesson's seed, shows
/// its buttons in an order that is not the answer.
#[test]
fn no_order_question_of_the_gallery_gives_its_answer_away() {
    for (name, text) in gallery() {
        let read = lesson::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (i, step) in read.steps.iter().enumerate() {
            let Task::Predict(p @ lesson::Predict { ask: lesson::Question::Order, .. }) = &step.task else { continue };
            let Ok(Answer::Order(order)) = lesson::answer(&step.scenario, p) else { panic!("{name} step {}", i + 1) };
            let choices = lesson::choices(&step.scenario);
            for seed in [lesson::seed_of(&text), 0, 1, 2, 3, u32::MAX] {
                let shown = lesson::shown(&choices, Some(&order), seed, i);
                assert!(!lesson::gives_away(&shown, &order), "{name} step {} seed {seed}: {:?}", i + 1, ids(&shown));
            }
        }
    }
}

/// A lesson `planner lesson check` refuses is refused in the same words,
/// "step N: why", wherever it is said: the check's lines are what the
/// command line prints and what the page shows.
#[test]
fn a_refusal_names_its_step_in_the_words_of_planner_lesson_check() {
    let b = lesson::Broken { step: 2, reason: "the question has no single answer: x".into() };
    assert_eq!(b.to_string(), "step 2: the question has no single answer: x");
}

/// The editor and a lesson file read sources in the console's words, one
/// vocabulary for reading and writing: "Service Gateway" is one source.
#[test]
fn sources_typed_in_the_consoles_words_are_read_as_one_source_each() {
    use update_source_planner::vocabulary::{read, read_list};
    let cases = [
        ("Service Gateway", "service-gateway"),
        ("the Service Gateway", "service-gateway"),
        ("Trend Vision One", "trend-vision-one"),
        ("the OfficeScan server", "server"),
        ("Apex One server", "server"),
        ("ActiveUpdate server", "activeupdate"),
        ("the Primary Tenant Relay Group", "tenant-relay-group"),
        ("Primary Component Update Source", "primary"),
        ("the Edge Relay server", "edge-relay"),
        ("relay relay-a", "relay-a"),
        ("relay-b", "relay-b"),
        ("Update Agent ua://10.1.0.5", "ua://10.1.0.5"),
        ("update agent 10.2.0.5", "ua://10.2.0.5"),
        ("relay group \"Branch relays\"", "relay-group:Branch relays"),
        ("a relay of group \"Branch\"", "relay-group:Branch"),
        ("UA://10.1.0.5", "ua://10.1.0.5"),
        ("service-gateway", "service-gateway"),
    ];
    for (typed, id) in cases {
        assert_eq!(read(typed).to_string(), id, "{typed}");
    }
    let list = |t: &str| ids(&read_list(t));
    assert_eq!(list("Service Gateway"), ["service-gateway"]);
    assert_eq!(list("ua://10.1.0.5 server"), ["ua://10.1.0.5", "server"], "words that are no name: split at spaces");
    assert_eq!(
        list("the OfficeScan server, relay-a and Primary Tenant Relay Group; Service Gateway, server"),
        ["server", "relay-a", "tenant-relay-group", "service-gateway"]
    );
    assert_eq!(list(" , "), Vec::<String>::new());
    assert_eq!(list("relay Branch one"), ["Branch one"], "a relay named as such keeps its spaces");
}

#[test]
fn service_gateway_typed_in_while_down_is_one_source_kept_as_the_format_spells_it() {
    use update_source_planner::lesson::{Edit, GoalEdit};
    let mut d = Draft::default();
    let swp = json!({ "version": 5, "profile": "swp", "swp": { "version_control": true, "service_gateway": "sg.corp" },
        "agent": { "addresses": ["172.16.5.10"], "version": "202412" } });
    d.apply(Edit::Add(swp));
    d.apply(Edit::Kind(0, Kind::Build));
    d.apply(Edit::Goal(0, 0, GoalEdit::Range("172.16.0.0/16".into())));
    d.apply(Edit::Goal(0, 0, GoalEdit::Test(TestKind::Never)));
    d.apply(Edit::Goal(0, 0, GoalEdit::Source("Trend Vision One".into())));
    d.apply(Edit::Goal(0, 0, GoalEdit::Down("Service Gateway".into())));
    let doc: Value = serde_json::from_str(&d.to_json()).expect("JSON");
    assert_eq!(doc["steps"][0]["build"]["check"][0]["down"], json!(["service-gateway"]));
    let DraftTask::Build(b) = &d.steps[0].task else { panic!("a build step") };
    assert_eq!(
        lesson::draft_goal_words(update_source_planner::model::profile::Profile::Swp, &b.checks[0]),
        "Checked: no agent in 172.16.0.0-172.16.255.255 tries Trend Vision One for components while the Service Gateway is down."
    );
    let read = lesson::read(&d.to_json()).expect("a lesson");
    let Task::Build { checks, .. } = &read.steps[0].task else { panic!("a build step") };
    assert_eq!(checks[0].down, vec![SourceId::ServiceGateway]);
    assert_eq!(checks[0].test, Test::Never(SourceId::VisionOne));
    assert_eq!(lesson::decide(&read.steps[0].scenario, &checks[0]), Verdict::Met, "VC3: no way round the gateway");
    assert_eq!(
        lesson::draft_goal_words(update_source_planner::model::profile::Profile::Swp, &GoalDraft::default()),
        ""
    );
}

/// A goal whose sources are down already is not taken down twice, in
/// whatever spelling the scenario has them.
#[test]
fn a_goal_takes_down_what_the_scenario_has_up() {
    let mut doc = floor();
    doc["world"] = json!({ "down": ["UA://10.1.0.5"] });
    let s = Scenario::from_json(&doc.to_string()).expect("a scenario");
    let goal = Goal {
        range: AddrRange::parse("10.1.0.0/16").expect("a range"),
        item: Item::Components,
        down: vec![SourceId::read("ua://10.1.0.5"), SourceId::read("ua://10.0.0.5")],
        test: Test::From(SourceId::Server),
    };
    assert_eq!(lesson::decide(&s, &goal), Verdict::Met);
    assert_eq!(
        lesson::goal_words(&s, &goal),
        "every agent in 10.1.0.0-10.1.255.255 gets components from the OfficeScan server while Update Agent ua://10.1.0.5 and Update Agent ua://10.0.0.5 are down"
    );
}

/// Room mode's scenario beside the question: the list as the console's
/// table, the agent, what is down and the settings that decide this step,
/// each in the console's words.
#[test]
fn the_room_sees_the_steps_list_agent_outages_and_the_settings_that_matter() {
    use update_source_planner::lesson::Row;
    let mut doc = floor();
    doc["world"] = json!({ "down": ["ua://10.1.0.5", "ua://10.0.0.5"] });
    let s = Scenario::from_json(&doc.to_string()).expect("a scenario");
    let scene = lesson::scene(&s, &lesson::trace_of(&s), Some(Item::Components));
    assert_eq!(scene.product, "OfficeScan XG");
    assert_eq!(scene.list_title, "Customized update source list");
    assert_eq!(
        scene.rows,
        vec![
            Row {
                line: 1,
                range: "10.1.0.0-10.1.255.255".into(),
                source: "ua://10.1.0.5".into(),
                label: String::new()
            },
            Row {
                line: 2,
                range: "10.0.0.0-10.255.255.255".into(),
                source: "ua://10.0.0.5".into(),
                label: String::new()
            },
        ]
    );
    assert_eq!(scene.agent, ["The agent at 10.1.4.20"]);
    assert_eq!(scene.down, ["ua://10.1.0.5", "ua://10.0.0.5"]);
    assert_eq!(
        scene.settings,
        [
            "On: Update components from the OfficeScan server if all customized sources are unavailable or not found",
            "Off: OfficeScan agents download updates from the Trend Micro ActiveUpdate Server",
        ],
        "F1 decides where the agent ends"
    );
    // Asked about no one item: the fallbacks of every item the trace reaches.
    let every = lesson::scene(&s, &lesson::trace_of(&s), None);
    assert_eq!(every.settings.len(), 4, "{:?}", every.settings);
    assert!(every.settings[1].starts_with("On: Update domain settings from the OfficeScan server"));
    assert!(every.settings[2].starts_with("On: Update agent programs and hot fixes from the OfficeScan server"));
    // Up: no fallback is reached, and no setting differs from the console's default.
    let up = Scenario::from_json(FLOOR).expect("a scenario");
    let scene = lesson::scene(&up, &lesson::trace_of(&up), None);
    assert!(scene.settings.is_empty(), "{:?}", scene.settings);
    assert!(scene.down.is_empty());

    let swp = Scenario::from_json(
        &json!({ "version": 5, "profile": "swp",
            "swp": { "relay_group": "Branch", "relays": [{ "name": "relay-a" }, { "name": "relay-b" }], "direct_if_relays_unreachable": true, "service_gateway": "sg.corp" },
            "agent": { "addresses": ["172.16.5.10"], "version": "20.0.1", "role": "agent", "portable": true },
            "world": { "down": ["relay-group:Branch", "tenant-relay-group"] } })
        .to_string(),
    )
    .expect("a scenario");
    let scene = lesson::scene(&swp, &lesson::trace_of(&swp), None);
    assert_eq!(scene.list_title, "Relays of group \"Branch\" (each agent draws its own order)");
    assert_eq!(
        scene.rows.iter().map(|r| (r.line, r.source.as_str(), r.range.as_str())).collect::<Vec<_>>(),
        [(1, "relay-a", ""), (2, "relay-b", "")]
    );
    assert_eq!(
        scene.agent,
        [
            "The agent at 172.16.5.10",
            "Version 20.0.1",
            "A laptop or portable computer",
            "Service Gateway (Generic Caching Service): sg.corp"
        ]
    );
    assert_eq!(scene.down, ["relay group \"Branch\"", "Primary Tenant Relay Group"]);
    assert_eq!(
        scene.settings,
        [
            "On: Allow Agents/Appliances to download component updates directly from Primary Component Update Source if Relays are not accessible",
            "Off: Allow Agents/Appliances to download component updates from Primary Tenant Relay Group if user-deployed Relays are not accessible",
        ],
        "the laptop is told among the agent's facts, not the settings"
    );

    let mut listed = swp.clone();
    listed.swp.relay_group = None;
    let scene = lesson::scene(&listed, &lesson::trace_of(&listed), Some(Item::Components));
    assert_eq!(scene.list_title, "Relays, in the order the agent tries them");

    let mut standard = Scenario::from_json(FLOOR).expect("a scenario");
    standard.sources.mode = update_source_planner::format::scenario::Mode::Standard;
    standard.agent.role = update_source_planner::format::scenario::Role::UpdateAgent;
    standard.agent.trigger = update_source_planner::format::scenario::Trigger::UpdateNow;
    standard.agent.addresses.clear();
    standard.profile = update_source_planner::model::profile::Profile::ApexOne;
    let scene = lesson::scene(&standard, &lesson::trace_of(&standard), None);
    assert_eq!(scene.list_title, "Standard update source: the Apex One server");
    assert!(scene.rows.is_empty());
    assert_eq!(
        scene.agent,
        ["The Security Agent has no address", "It is an Update Agent", "Update started by: Update Now (tray menu)"]
    );
}

/// The editor sums a later step up by what differs from the step before
/// it, in the console's words, so steps that differ read differently.
#[test]
fn a_later_step_is_summed_up_by_what_differs_from_the_step_before() {
    use update_source_planner::lesson::draft::changes;
    let before = json!({ "version": 5, "profile": "swp", "swp": { "relays": [{ "name": "relay-a" }], "version_control": false },
        "agent": { "addresses": ["172.16.5.10"], "version": "20.0.1" }, "world": { "down": ["service-gateway"] },
        "sources": { "list": "a\nb" } });
    let after = json!({ "version": 5, "profile": "swp", "swp": { "relays": [{ "name": "relay-a" }, { "name": "relay-b" }], "version_control": true },
        "agent": { "addresses": ["172.16.5.10"], "version": "202412" }, "world": { "down": ["service-gateway", "tenant-relay-group"] },
        "sources": { "list": "a\n\nc\nd" }, "title": "T" });
    assert_eq!(
        changes(&before, &after),
        [
            "the agent's version: 202412",
            "the list: 3 lines",
            "the relays: relay-a, relay-b",
            "Workload Security Manager enrolled in Version Control Policies: on",
            "title: T",
            "what is down: Service Gateway, Primary Tenant Relay Group",
        ]
    );
    assert_eq!(changes(&after, &after), Vec::<String>::new());
    let mut gone = after.clone();
    gone["world"]["down"] = json!([]);
    gone["agent"]["version"] = Value::Null;
    gone["sources"]["list"] = json!([{ "range": "*", "source": "server" }]);
    assert_eq!(changes(&after, &gone), ["the agent's version: removed", "the list: 1 entry", "what is down: none"]);
    let mut other = gone.clone();
    other["profile"] = json!("apex-one");
    other["swp"]["relay_group"] = json!("Branch");
    other["swp"]["version_control"] = json!(false);
    other["agent"]["role"] = json!("update-agent");
    other["agent"]["trigger"] = json!("update-now");
    other["agent"]["addresses"] = json!([{ "no": "name" }]);
    other["sources"]["list"] = json!("one line");
    assert_eq!(
        changes(&gone, &other),
        [
            "the agent's addresses: {\"no\":\"name\"}",
            "the agent's role: update-agent",
            "what starts the update: update-now",
            "the product: apex-one",
            "the list: 1 line",
            "the relay group: Branch",
            "swp.version_control: off",
        ]
    );
    let mut two = gone.clone();
    two["sources"]["list"] = json!([{ "range": "*", "source": "server" }, { "range": "*", "source": "activeupdate" }]);
    two["sources"]["mode"] = json!("customized");
    two["agent"]["count"] = json!(3);
    two["sources"]["list2"] = json!("x");
    assert_eq!(
        changes(&gone, &two),
        ["agent.count: 3", "the list: 2 entries", "sources.list2: x", "the update source: customized"]
    );
}

/// The third gallery lesson: Vision One's relay group, Version Control
/// Policies and the Service Gateway, every answer the resolver's.
#[test]
fn the_vision_one_lesson_walks_relay_groups_version_control_and_the_gateway() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/lessons/vision-one-relay-groups-and-gateway.json"),
    )
    .expect("the lesson");
    let read = lesson::read(&text).expect("a lesson");
    assert!(read.steps.len() >= 6);
    assert_eq!(lesson::check(&read), vec![]);
    let answers: Vec<String> = read
        .steps
        .iter()
        .filter_map(|s| match &s.task {
            Task::Predict(p) => {
                Some(lesson::answer_words(&s.scenario, &lesson::answer(&s.scenario, p).expect("an answer")))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        answers,
        [
            "a relay of group \"Branch relays\"",
            "the Primary Tenant Relay Group",
            "the Primary Component Update Source",
            "relay-b, then relay-a, then the Primary Tenant Relay Group, then the Primary Component Update Source",
            "Trend Vision One",
            "the Service Gateway",
            "not updated",
            "a relay of group \"Branch relays\"",
        ]
    );
}
