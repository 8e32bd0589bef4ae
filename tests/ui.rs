//! Component tests in headless Chromium (wasm-bindgen-test): the page's parts
//! render what the core returns, as text, with the hooks tests rely on.
#![cfg(web)]

use std::rc::Rc;

use update_source_planner::edit::Edit;
use update_source_planner::format::Scenario;
use update_source_planner::input::source::SourceId;
use update_source_planner::trace_json;
use update_source_planner::ui::state::{Action, Shared, State};
use update_source_planner::ui::trace_view::{TraceProps, TraceView, View};
use wasm_bindgen_test::*;
use yew::{Callback, Reducible};

wasm_bindgen_test_configure!(run_in_browser);

const FLOOR: &str = include_str!("../www/examples/floor-update-agent-down.json");

async fn render_trace(trace: update_source_planner::Trace) -> web_sys::Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let props = TraceProps {
        trace: Shared::new(trace),
        previous: None,
        on_toggle_down: Callback::noop(),
        on_goto: Callback::noop(),
        agent: Rc::new(vec!["10.1.4.20".into()]),
        view: View::Both,
        read_only: false,
        on_download: None,
        on_draw: None,
    };
    yew::Renderer::<TraceView>::with_root_and_props(root.clone(), props).render();
    gloo::timers::future::TimeoutFuture::new(20).await;
    root
}

#[wasm_bindgen_test]
async fn the_trace_is_an_ordered_list_with_data_hooks() {
    let root = render_trace(trace_json(FLOOR).unwrap()).await;
    let items = root.query_selector_all("[data-testid=trace] > li").unwrap();
    assert_eq!(items.length(), 8);
    let third = root.query_selector("[data-testid=trace] > li:nth-child(3)").unwrap().unwrap();
    assert_eq!(third.get_attribute("data-kind").as_deref(), Some("attempt"));
    assert_eq!(third.get_attribute("data-source").as_deref(), Some("ua://10.1.0.5"));
    assert_eq!(third.get_attribute("data-result").as_deref(), Some("failed"));
    assert_eq!(third.get_attribute("data-rule").as_deref(), Some("L1"));
    let outcome = root.query_selector("[data-testid=outcome-components]").unwrap().unwrap();
    assert_eq!(outcome.get_attribute("data-status").as_deref(), Some("updated"));
    assert_eq!(outcome.get_attribute("data-source").as_deref(), Some("ua://10.0.0.5"));
    let assumed = root.query_selector("[data-rule=L0]").unwrap().unwrap();
    assert_eq!(assumed.get_attribute("data-assumed").as_deref(), Some("true"));
    // The picture is drawn beside the steps: an arrow per attempt.
    let arrows = root.query_selector_all("[data-testid=diagram] .dg-arrow[data-step]").unwrap();
    let attempts = root.query_selector_all("[data-testid=trace] > li[data-kind=attempt]").unwrap();
    assert_eq!(arrows.length(), attempts.length());
}

#[wasm_bindgen_test]
async fn hostile_labels_render_as_text() {
    let hostile = r#"{"version":1,"profile":"officescan-xg","sources":{"mode":"customized","list":[{"range":"*","source":"ua://10.0.0.5","label":"<img src=x onerror=alert(1)>"}]},"agent":{"addresses":["10.1.1.1"]}}"#;
    let root = render_trace(trace_json(hostile).unwrap()).await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root.text_content().unwrap_or_default().contains("<img src=x onerror=alert(1)>"));
}

/// The sentences are fetched from `rules.json` when a badge opens (the
/// end-to-end suite reads them from the built page); here the test page
/// serves none, so the badge must say so rather than stay blank.
#[wasm_bindgen_test]
async fn rule_badges_name_their_rule_and_say_when_the_sentence_is_missing() {
    use wasm_bindgen::JsCast;
    let root = render_trace(trace_json(FLOOR).unwrap()).await;
    let badge = root.query_selector("[data-rule=L1] details.rule").unwrap().unwrap();
    let summary = badge.query_selector("summary").unwrap().unwrap();
    assert!(summary.get_attribute("aria-label").unwrap_or_default().starts_with("Rule L1: "));
    assert!(badge.query_selector("blockquote").unwrap().is_none(), "no sentence before the badge opens");
    badge.dyn_ref::<web_sys::HtmlDetailsElement>().unwrap().set_open(true);
    let mut text = String::new();
    for _ in 0..50 {
        gloo::timers::future::TimeoutFuture::new(20).await;
        text = badge.query_selector(".quote").unwrap().unwrap().text_content().unwrap_or_default();
        if !text.contains("Loading") {
            break;
        }
    }
    assert!(text.contains("The sentence"), "the badge says why there is no sentence: {text}");
}

// What an edit does to the scenario is tested natively (`edit::apply`,
// `edit::history`); here only that the page's state marks what changed.
#[wasm_bindgen_test]
fn an_edit_marks_the_steps_that_changed_and_undo_takes_it_back() {
    let state = Rc::new(State::new(Scenario::from_json(FLOOR).unwrap(), None));
    let before = state.trace.outcome.clone();
    let next = state.reduce(Action::Edit(Edit::ToggleDown(SourceId::read("ua://10.0.0.5"))));
    assert_ne!(next.trace.outcome, before);
    assert!(next.trace.steps.iter().any(|s| next.changed(s)));
    let back = next.reduce(Action::Undo);
    assert_eq!(back.trace.outcome, before);
}

#[wasm_bindgen_test]
fn the_title_does_not_walk_again() {
    let state = Rc::new(State::new(Scenario::from_json(FLOOR).unwrap(), None));
    let titled = state.clone().reduce(Action::Edit(Edit::SetTitle("Ticket 4711".into())));
    assert!(titled.plan == state.plan && titled.trace == state.trace, "the walk ran again");
}

#[wasm_bindgen_test]
fn a_notice_about_what_the_page_did_goes_at_the_next_change_and_an_error_stays() {
    use update_source_planner::model::profile::Profile;
    use update_source_planner::ui::state::Notice;
    let state = Rc::new(State::new(Scenario::from_json(FLOOR).unwrap(), None));
    let work = state.scenario.clone();
    let new = state.reduce(Action::Load(
        Box::new(Scenario::starter(Profile::OfficeScanXg)),
        Some(Notice::info("New OfficeScan XG scenario: no list, nothing down, the console's default settings.")),
    ));
    assert!(new.notice.as_ref().is_some_and(|n| n.text.starts_with("New OfficeScan XG scenario")));
    assert!(new.replaced.is_some());
    let switched = new.reduce(Action::Edit(Edit::SetProfile(Profile::ApexOne)));
    assert_eq!(switched.notice, None, "the notice about the scenario before is gone");
    assert!(switched.replaced.is_none());
    // Undo still has the work the new scenario replaced.
    let back = switched.reduce(Action::Undo).reduce(Action::Undo);
    assert!(back.scenario == work, "the work before the new scenario is back");
    // An error stays until it is dismissed.
    let failed = back.reduce(Action::Notice(Some(Notice::error("No link: too long."))));
    let edited = failed.reduce(Action::Edit(Edit::SetTitle("Ticket 4711".into())));
    assert!(edited.notice.as_ref().is_some_and(|n| n.text == "No link: too long."));
}

#[wasm_bindgen_test]
fn the_examples_list_names_each_product_as_its_console_does() {
    use update_source_planner::model::profile::Profile;
    use update_source_planner::ui::examples::gallery;
    assert!(gallery().len() >= 15);
    for ex in gallery() {
        assert_eq!(Some(ex.product), Profile::from_id(ex.profile).map(Profile::product), "{}", ex.file);
    }
    assert!(gallery().iter().any(|ex| ex.product == "Server & Workload Protection"));
}
