//! The picture says what the trace says: parsed back as XML, every drawing
//! has one arrow per attempt and skip of its item, with the step's number,
//! item, source and result, and one box per source considered. A relay
//! group's attempts are one arrow to the group (its latest attempt), and
//! every relay of the group has its box inside it (RG1).

use std::collections::BTreeSet;

use proptest::prelude::*;
use update_source_planner::diagram::{diagram, document, Style};
use update_source_planner::trace::{StepKind, Trace};
use update_source_planner::{trace_json, Scenario};

/// Checks every drawing of a trace against its steps.
fn check(trace: &Trace) -> Result<(), String> {
    for style in [Style::Page, Style::Standalone] {
        for (item, svg) in diagram(trace, &["10.1.4.20".into()], None, style) {
            let doc = roxmltree::Document::parse(&svg).map_err(|e| format!("{item}: not XML: {e}"))?;
            let arrows: Vec<(String, String, String, String)> = doc
                .descendants()
                .filter(|n| n.attribute("data-step").is_some())
                .map(|n| {
                    let a = |k: &str| n.attribute(k).unwrap_or_default().to_string();
                    (a("data-step"), a("data-item"), a("data-source"), a("data-result"))
                })
                .collect();
            let mut expected: Vec<(String, String, String, String)> = Vec::new();
            let mut sources: BTreeSet<String> = BTreeSet::new();
            for s in trace.steps.iter().filter(|s| s.item() == Some(item)) {
                if !matches!(s.kind(), StepKind::Attempt | StepKind::Skip) {
                    continue;
                }
                let result = match (s.kind(), s.result()) {
                    (StepKind::Skip, _) => "skipped".to_string(),
                    (_, Some(r)) => r.id().to_string(),
                    (_, None) => "?".to_string(),
                };
                let source = s.source().map(ToString::to_string).unwrap_or_default();
                match (&trace.relay_group, s.rule().id()) {
                    (Some(group), "RG1") => {
                        let arrow = format!("relay-group:{}", group.name);
                        expected.retain(|(_, _, src, _)| *src != arrow);
                        expected.push((s.n().to_string(), item.id().to_string(), arrow, result));
                        sources.extend(group.relays.iter().cloned());
                    }
                    _ => {
                        expected.push((s.n().to_string(), item.id().to_string(), source.clone(), result));
                        sources.insert(source);
                    }
                }
            }
            if arrows != expected {
                return Err(format!("{item}: arrows {arrows:?}, steps {expected:?}"));
            }
            let boxes: Vec<&str> = doc
                .descendants()
                .filter(|n| n.has_tag_name("g") && n.attribute("data-step").is_none())
                .filter_map(|n| n.attribute("data-source"))
                .collect();
            let distinct: BTreeSet<&str> = sources.iter().map(String::as_str).collect();
            if boxes.len() != distinct.len() || boxes.iter().copied().collect::<BTreeSet<_>>() != distinct {
                return Err(format!("{item}: boxes {boxes:?}, sources {distinct:?}"));
            }
            let end = doc.descendants().find(|n| n.attribute("data-status").is_some());
            let status = trace.outcome.get(&item).map(|o| o.status().id());
            if end.and_then(|n| n.attribute("data-status")) != status {
                return Err(format!("{item}: the drawing ends otherwise than the outcome"));
            }
            let over = overprinted(&svg);
            if !over.is_empty() {
                return Err(format!("{item}: text drawn over text: {over:?}"));
            }
            // Real text, read by screen readers: a title per drawing and per arrow.
            if doc.root_element().children().find(|n| n.has_tag_name("title")).is_none() {
                return Err(format!("{item}: no title"));
            }
        }
    }
    roxmltree::Document::parse(&document(trace, &[], Style::Standalone)).map_err(|e| format!("document: {e}"))?;
    Ok(())
}

#[test]
fn every_example_draws_its_trace() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("examples") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|f| f == "index.json") || path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let trace = trace_json(&std::fs::read_to_string(&path).expect("read")).expect("a scenario");
        check(&trace).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        n += 1;
    }
    assert!(n >= 15, "{n} examples");
}

#[test]
fn hostile_labels_and_sources_are_text() {
    let doc = r#"{"version":2,"profile":"officescan-xg","sources":{"mode":"customized","list":"* -> http://a.corp/<script>&x # <b>hi</b>"},"agent":{"addresses":["10.0.0.1"]}}"#;
    let trace = trace_json(doc).expect("a scenario");
    let svg = document(&trace, &["<img src=x>".into()], Style::Standalone);
    assert!(!svg.contains("<img") && !svg.contains("<script"), "{svg}");
    roxmltree::Document::parse(&svg).expect("XML");
}

fn random_scenario() -> impl Strategy<Value = String> {
    let range = prop_oneof![Just("10.0.0.0/8"), Just("10.1.0.0/16"), Just("*"), Just("2001:db8::/32")];
    let source = prop_oneof![
        Just("ua://10.1.0.5"),
        Just("ua://10.0.0.5 serves=components"),
        Just("server"),
        Just("activeupdate"),
        Just("http://mirror.corp/au"),
        Just("ua://[2001:db8::5]"),
    ];
    let list = prop::collection::vec((range, source), 0..6)
        .prop_map(|v| v.into_iter().map(|(r, s)| format!("{r} -> {s}")).collect::<Vec<_>>().join("\n"));
    let down = prop::collection::vec(
        prop_oneof![Just("server"), Just("ua://10.1.0.5"), Just("activeupdate"), Just("relay-a")],
        0..3,
    );
    let profile = prop_oneof![Just("officescan-xg"), Just("apex-one"), Just("swp")];
    (list, down, profile, any::<bool>(), prop_oneof![Just("10.1.4.20"), Just("2001:db8::20")], any::<bool>()).prop_map(
        |(list, down, profile, fallback, addr, standard)| {
            serde_json::json!({
                "version": 2, "profile": profile,
                "sources": { "mode": if standard { "standard" } else { "customized" }, "list": list },
                "settings": { "fallback_components": fallback },
                "swp": { "relays": [{ "name": "relay-a" }, { "name": "relay-b" }], "direct_if_relays_unreachable": fallback },
                "agent": { "addresses": [addr] },
                "world": { "down": down }
            })
            .to_string()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_scenarios_draw_their_traces(doc in random_scenario()) {
        let trace = trace_json(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(Scenario::from_json(&doc).is_ok());
        check(&trace).map_err(TestCaseError::fail)?;
        use update_source_planner::diagram::{framed, Frame, Scale};
        for scale in [Scale::Room, Scale::Phone] {
            for (item, svg) in framed(&trace, &["10.1.4.20".into()], None, Style::Page, Frame { scale, until: None }) {
                let over = overprinted(&svg);
                prop_assert!(over.is_empty(), "{} at {:?}: {:?}", item, scale, over);
            }
        }
    }
}

#[test]
fn planner_render_writes_one_scriptless_figure_per_example() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    for entry in std::fs::read_dir(&dir).expect("examples") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|f| f == "index.json") || path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        for view in ["both", "trace", "diagram"] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_planner"))
                .args(["render", "--view", view])
                .arg(&path)
                .output()
                .expect("planner runs");
            assert_eq!(out.status.code(), Some(0), "{}", path.display());
            let html = String::from_utf8(out.stdout).expect("UTF-8");
            let doc = roxmltree::Document::parse(&html).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let root = doc.root_element();
            assert_eq!(root.attribute("class"), Some("usp-figure"), "one figure");
            assert!(doc.descendants().all(|n| !n.has_tag_name("script")), "no script");
            let svgs =
                doc.descendants().filter(|n| n.has_tag_name("svg") && n.attribute("class") == Some("diagram")).count();
            let steps = doc.descendants().filter(|n| n.has_tag_name("ol")).count();
            assert_eq!((svgs > 0, steps > 0), (view != "trace", view != "diagram"), "{view}");
        }
    }
}

#[test]
fn a_figure_keeps_to_a_strict_policy_and_leaves_the_rest_of_the_page_alone() {
    use update_source_planner::figure::{figure, Styling, View, FIGURE_CSS};
    for (name, trace) in example_traces() {
        for styling in [Styling::Inline, Styling::File] {
            let html = figure(&trace, Some("A case"), &["10.1.4.20".into()], View::Both, styling);
            let doc = roxmltree::Document::parse(&html).unwrap_or_else(|e| panic!("{name}: {e}"));
            // No `style` attribute (a policy without 'unsafe-inline' refuses it) and no ids
            // (two figures on one page would repeat them).
            assert!(doc.descendants().all(|n| n.attribute("style").is_none()), "{name}: a style attribute");
            assert!(doc.descendants().all(|n| n.attribute("id").is_none()), "{name}: an id");
            let styles: Vec<&str> =
                doc.descendants().filter(|n| n.has_tag_name("style")).filter_map(|n| n.text()).collect();
            match styling {
                Styling::File => assert!(styles.is_empty(), "{name}: style inside a figure meant for figure.css"),
                Styling::Inline => {
                    assert_eq!(styles.len(), 1, "{name}");
                    // Every rule is the figure's own: no selector reaches other SVGs on the page.
                    for rule in styles.iter().flat_map(|s| s.split('}')) {
                        let Some((selectors, _)) = rule.split_once('{') else { continue };
                        if selectors.trim_start().starts_with('@') {
                            continue;
                        }
                        for sel in selectors.split(',') {
                            assert!(sel.contains(".usp-figure"), "{name}: `{sel}` is not scoped to the figure");
                        }
                    }
                }
            }
        }
    }
    // The file the kit ships is the same rules.
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/api/figure.css")).expect("figure.css");
    assert_eq!(shipped, FIGURE_CSS);
}

/// Every example's trace, with its file name.
fn example_traces() -> Vec<(String, Trace)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("examples") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if name == "index.json" || !name.ends_with(".json") {
            continue;
        }
        let trace = trace_json(&std::fs::read_to_string(&path).expect("read")).expect("a scenario");
        out.push((name, trace));
    }
    out
}

#[test]
fn a_room_drawing_tells_nothing_before_its_step_is_reached() {
    use update_source_planner::diagram::{framed, Frame, Scale};
    for (name, trace) in example_traces() {
        for k in 1..=trace.steps.len() {
            let frame = Frame { scale: Scale::Room, until: Some(k) };
            for (item, svg) in framed(&trace, &["10.1.4.20".into()], None, Style::Page, frame) {
                let doc = roxmltree::Document::parse(&svg).expect("XML");
                let steps: Vec<usize> =
                    doc.descendants().filter_map(|n| n.attribute("data-step")?.parse().ok()).collect();
                assert!(steps.iter().all(|n| *n <= k), "{name} {item} at step {k}: arrows of steps {steps:?}");
                // A box appears with the first arrow that reaches it.
                let boxes = doc
                    .descendants()
                    .filter(|n| n.has_tag_name("g") && n.attribute("data-step").is_none())
                    .filter(|n| n.attribute("data-source").is_some())
                    .count();
                let reached: BTreeSet<&str> = doc
                    .descendants()
                    .filter(|n| n.attribute("data-step").is_some())
                    .filter_map(|n| n.attribute("data-source"))
                    .collect();
                // A group's arrow brings the boxes of all its relays.
                let reached_boxes: usize = reached
                    .iter()
                    .map(|s| match (&trace.relay_group, s.strip_prefix("relay-group:")) {
                        (Some(g), Some(_)) => g.relays.len(),
                        _ => 1,
                    })
                    .sum();
                assert_eq!(boxes, reached_boxes, "{name} {item} at step {k}");
                // The outcome only once the item's last step is told.
                let last = trace.steps.iter().filter(|s| s.item() == Some(item)).map(|s| s.n()).max();
                let told = last.is_none_or(|last| last <= k) && (last.is_some() || k == trace.steps.len());
                // A room is told the outcome by presenter mode's cards; told
                // step by step on a page, the drawing shows it only then.
                let end = doc.descendants().any(|n| n.attribute("data-status").is_some());
                assert!(!end, "{name} {item} at step {k}: an outcome box in a room's drawing");
                let page = Frame { scale: Scale::Page, until: Some(k) };
                let (_, page_svg) = framed(&trace, &["10.1.4.20".into()], Some(item), Style::Page, page)
                    .into_iter()
                    .next()
                    .expect("a drawing");
                let end = page_svg.contains("data-status=");
                assert_eq!(end, told, "{name} {item} at step {k}: outcome drawn {end}");
                // The step told now is the highlighted one.
                let hl: Vec<&str> = doc
                    .descendants()
                    .filter(|n| n.attribute("class").is_some_and(|c| c.split(' ').any(|w| w == "hl")))
                    .filter_map(|n| n.attribute("data-step"))
                    .collect();
                assert!(hl.is_empty() || hl == [k.to_string().as_str()], "{name} {item} at {k}: {hl:?}");
            }
        }
    }
}

#[test]
fn a_room_drawing_is_wide_with_large_text_and_long_names_wrap_whole() {
    use update_source_planner::diagram::{framed, Frame, Scale};
    let scenario = r#"{"version":3,"profile":"officescan-xg","sources":{"mode":"customized","list":[
        {"range":"10.1.0.0/16","source":"ua://ua-floor2-building-east.acme.local:21112"}]},
        "agent":{"addresses":["10.1.4.20"]}}"#;
    let trace = trace_json(scenario).expect("a scenario");
    let frame = Frame { scale: Scale::Room, until: None };
    let (_, svg) = framed(
        &trace,
        &["10.1.4.20".into()],
        Some(update_source_planner::model::item::Item::Components),
        Style::Page,
        frame,
    )
    .into_iter()
    .next()
    .expect("a drawing");
    assert!(svg.contains(r#"class="diagram dg-room" viewBox="0 0 1240 "#), "{svg}");
    // The name is drawn whole, over two lines broken after its dot, and
    // nothing in the picture is cut short.
    assert!(svg.contains(">ua://ua-floor2-building-east.</text>"), "{svg}");
    assert!(svg.contains(">acme.local:21112</text>"), "{svg}");
    assert!(!svg.contains('…'), "{svg}");
    assert!(svg.contains("<title>ua://ua-floor2-building-east.acme.local:21112: delivered"), "{svg}");
    // The page's own drawing keeps its width.
    let (_, page) = diagram(&trace, &[], None, Style::Page).into_iter().next().expect("a drawing");
    assert!(page.contains(r#"viewBox="0 0 800 "#));
}

/// A source's box says why, short: the what-if outage, the entry skipped
/// because a URL serves components only; and the drawing's title says it too.
#[test]
fn a_box_says_briefly_why_an_attempt_failed_or_an_entry_was_skipped() {
    let drawn = |file: &str| {
        let text =
            std::fs::read_to_string(format!("{}/www/examples/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
        let (s, t) = update_source_planner::read_and_trace(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        update_source_planner::diagram::document(
            &t,
            &s.agent.addresses,
            update_source_planner::diagram::Style::Standalone,
        )
    };
    let floor = drawn("floor-update-agent-down.json");
    assert!(floor.contains(">down (what-if)</text>"), "{floor}");
    assert!(floor.contains("Update Agent ua://10.1.0.5 failed (down (what-if))"), "the title says it too");
    // An address family the agent lacks: the box says so in four words, the step in a sentence.
    let v6 = drawn("ipv6-only-branch.json");
    assert!(
        v6.contains(">unreachable from</text>") && v6.contains("failed (unreachable from IPv6 (no dual-stack proxy))"),
        "the box and the title say it short"
    );
    let mirror = drawn("mirror-url-components-only.json");
    assert!(mirror.contains(">a URL serves</text>") && mirror.contains(">components only</text>"), "{mirror}");
}

/// Every drawing of every example (page, room and phone scale, the room's
/// step-by-step frames, the standalone document and the documentation
/// figure) is the one last reviewed: a change to the picture is caught here
/// natively, before the browser's pixel baselines. Each drawing is kept as
/// its length and CRC-32 in `tests/snapshots/diagrams.txt`; a changed one is
/// written to `target/diagram-snapshots/` to look at, and
/// `UPDATE_SNAPSHOTS=1 cargo test --test diagram` takes the new pictures.
#[test]
fn every_drawing_is_the_one_last_reviewed() {
    use update_source_planner::diagram::{framed, Frame, Scale};
    use update_source_planner::figure::{focused, Focus, Styling, Theme, View};
    use update_source_planner::format::share::crc32;
    // The examples, and scenarios kept for the drawing's rarer cases (an
    // Independent XG agent, a long IPv6 address, skipped entries).
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files: Vec<std::path::PathBuf> = ["www/examples", "tests/snapshots/scenarios"]
        .iter()
        .flat_map(|d| std::fs::read_dir(format!("{root}/{d}")).expect("a folder"))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("index.json"))
        .collect();
    files.sort_by_key(|p| p.file_name().map(std::ffi::OsStr::to_os_string));
    let mut drawings: Vec<(String, String)> = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read");
        let trace = trace_json(&text).expect("a scenario");
        let agent = Scenario::from_json(&text).expect("a scenario").agent.addresses;
        let (trace, agent) = (&trace, &agent[..]);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        for (scale, id) in [(Scale::Page, "page"), (Scale::Room, "room"), (Scale::Phone, "phone")] {
            let untils =
                std::iter::once(None).chain((1..=trace.steps.len()).map(Some).filter(|_| scale == Scale::Room));
            for until in untils {
                for (item, svg) in framed(trace, agent, None, Style::Page, Frame { scale, until }) {
                    let at = until.map_or_else(String::new, |k| format!("@{k}"));
                    drawings.push((format!("{stem} {} {id}{at}", item.id()), svg));
                }
            }
        }
        drawings.push((format!("{stem} document"), document(trace, agent, Style::Standalone)));
        let focus = Focus { item: None, theme: Theme::Dark };
        drawings
            .push((format!("{stem} figure"), focused(trace, Some(stem), agent, View::Both, Styling::Inline, focus)));
    }
    let now: String =
        drawings.iter().map(|(k, svg)| format!("{k} {} {:08x}\n", svg.len(), crc32(svg.as_bytes()))).collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/diagrams.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots")).expect("a folder");
        std::fs::write(path, &now).expect("written");
        return;
    }
    let kept = std::fs::read_to_string(path).unwrap_or_default();
    if kept == now {
        return;
    }
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/target/diagram-snapshots");
    std::fs::create_dir_all(out).expect("a folder");
    let kept: BTreeSet<&str> = kept.lines().collect();
    let mut changed = Vec::new();
    for ((key, svg), line) in drawings.iter().zip(now.lines()) {
        if !kept.contains(line) {
            let file = format!("{out}/{}.svg", key.replace(' ', "."));
            std::fs::write(&file, svg).expect("written");
            changed.push(file);
        }
    }
    panic!(
        "{} drawings differ from the ones last reviewed (of {}); the first: {:?}. Look at them, then UPDATE_SNAPSHOTS=1 cargo test --test diagram",
        changed.len().max(1),
        drawings.len(),
        changed.first()
    );
}

/// The advance widths of DejaVu Sans, Book and Bold (the font headless
/// Chromium draws `system-ui` with on these machines), in thousandths of
/// the size, for printable ASCII; other characters are taken as wide as an
/// em.
const DEJAVU: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
    636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
    748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
    615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
    337, 636, 838,
];
const DEJAVU_BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696,
    696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995,
    837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716,
    678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712,
    365, 712, 838,
];

/// A piece of text as drawn: its words and its box (left, top, right, bottom).
struct TextBox {
    words: String,
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

/// Every `<text>` of a drawing with the box it is drawn in, at the sizes
/// and weights of the page's style sheet (`www/style.css`, `tools.css`).
fn text_boxes(svg: &str) -> Vec<TextBox> {
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let root = doc.root_element().attribute("class").unwrap_or_default();
    let (room, phone) = (root.contains("dg-room"), root.contains("dg-phone"));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let class = n.attribute("class").unwrap_or_default();
            let has = |c: &str| class.split(' ').any(|w| w == c);
            let size = match (room, phone, has("dg-small") || has("dg-lane")) {
                (true, _, _) => 25.0,
                (_, true, true) => 14.0,
                (_, true, false) => 15.0,
                _ => 17.0,
            };
            let widths = if has("dg-lane") || has("dg-mark") { &DEJAVU_BOLD } else { &DEJAVU };
            let words: String = n.text().unwrap_or_default().to_string();
            let width: f64 = words
                .chars()
                .map(|c| {
                    let k = (c as usize).checked_sub(32).and_then(|i| widths.get(i)).copied().unwrap_or(1000);
                    f64::from(k) * size / 1000.0
                })
                .sum();
            let at = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            let (x, y) = (at("x"), at("y"));
            let left = match n.attribute("text-anchor") {
                Some("middle") => x - width / 2.0,
                Some("end") => x - width,
                _ => x,
            };
            // DejaVu Sans rises 0.76 of the size over the baseline for capitals
            // and falls 0.24 under it for descenders.
            TextBox { words, left, top: y - 0.76 * size, right: left + width, bottom: y + 0.24 * size }
        })
        .collect()
}

/// The pairs of texts drawn over each other (by more than a unit each way).
fn overprinted(svg: &str) -> Vec<String> {
    let boxes = text_boxes(svg);
    let mut out = Vec::new();
    for (i, a) in boxes.iter().enumerate() {
        for b in boxes.iter().skip(i + 1) {
            let across = a.right.min(b.right) - a.left.max(b.left);
            let down = a.bottom.min(b.bottom) - a.top.max(b.top);
            if across > 1.0 && down > 1.0 {
                out.push(format!("\"{}\" over \"{}\"", a.words, b.words));
            }
        }
    }
    out
}

/// No text of any drawing of any example is drawn over another, at the
/// page's, the room's and the phone's scale: an off-premises item's name
/// over the corporate network's edge was one.
#[test]
fn no_text_of_a_drawing_is_drawn_over_another() {
    use update_source_planner::diagram::{framed, Frame, Scale};
    let (mut seen, mut found) = (0, Vec::new());
    // The examples, and the scenarios kept for the drawing's rarer cases.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/scenarios");
    let kept = std::fs::read_dir(dir).expect("a folder").map(|e| {
        let path = e.expect("an entry").path();
        let trace = trace_json(&std::fs::read_to_string(&path).expect("read")).expect("a scenario");
        (path.display().to_string(), trace)
    });
    for (name, trace) in example_traces().into_iter().chain(kept) {
        for scale in [Scale::Page, Scale::Room, Scale::Phone] {
            for (item, svg) in framed(&trace, &["10.1.4.20".into()], None, Style::Page, Frame { scale, until: None }) {
                let over = overprinted(&svg);
                if !over.is_empty() {
                    found.push(format!("{name} {item} at {scale:?}: {over:?}"));
                }
                seen += 1;
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(seen > 100, "{seen} drawings");
}

#[test]
fn overprinted_text_is_found() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" class="diagram"><text x="12" y="22" class="dg-lane">Programs and hot fixes</text><text x="196" y="22" class="dg-small">corporate network edge</text><text x="12" y="43">below</text><text x="400" y="22" text-anchor="end">ends here</text></svg>"#;
    assert_eq!(
        overprinted(svg),
        vec![
            "\"Programs and hot fixes\" over \"corporate network edge\"".to_string(),
            "\"corporate network edge\" over \"ends here\"".to_string()
        ]
    );
}

/// What a delivering arrow sent is said under its mark, inside the height
/// of the box it reaches (the box grows to hold two lines), and clear of
/// the agent's box, at the page's, the room's and the phone's scale.
#[test]
fn a_download_is_said_under_its_mark_and_within_its_row() {
    use update_source_planner::diagram::{framed, Frame, Scale};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/scenarios");
    let kept = std::fs::read_dir(dir).expect("a folder").map(|e| {
        let path = e.expect("an entry").path();
        let trace = trace_json(&std::fs::read_to_string(&path).expect("read")).expect("a scenario");
        (path.display().to_string(), trace)
    });
    let (mut found, mut lines_seen) = (Vec::new(), [0usize; 3]);
    for (name, trace) in example_traces().into_iter().chain(kept) {
        for scale in [Scale::Page, Scale::Room, Scale::Phone] {
            for (item, svg) in framed(&trace, &["10.1.4.20".into()], None, Style::Page, Frame { scale, until: None }) {
                let doc = roxmltree::Document::parse(&svg).expect("XML");
                let number = |n: roxmltree::Node<'_, '_>, a: &str| {
                    n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or_default()
                };
                let agent = doc.descendants().find(|n| {
                    n.has_tag_name("rect")
                        && n.has_attribute("class")
                        && n.attribute("class").is_some_and(|c| c.starts_with("dg-agent"))
                });
                let agent = agent.map_or([0.0; 4], |a| {
                    [
                        number(a, "x"),
                        number(a, "y"),
                        number(a, "x") + number(a, "width"),
                        number(a, "y") + number(a, "height"),
                    ]
                });
                let boxes = text_boxes(&svg);
                for arrow in doc.descendants().filter(|n| n.attribute("data-step").is_some()) {
                    let said: Vec<&str> = arrow
                        .children()
                        .filter(|n| n.attribute("class").is_some_and(|c| c.contains("dg-download")))
                        .filter_map(|n| n.text())
                        .collect();
                    if let Some(count) = lines_seen.get_mut(said.len()) {
                        *count += 1;
                    }
                    if said.is_empty() {
                        continue;
                    }
                    let mark = arrow.children().find(|n| n.has_tag_name("circle")).expect("a mark");
                    let mark_bottom = number(mark, "cy") + number(mark, "r");
                    let source = arrow.attribute("data-source").unwrap_or_default();
                    let row = doc
                        .descendants()
                        .filter(|n| n.has_tag_name("g") && n.attribute("data-step").is_none())
                        .find(|n| n.attribute("data-source") == Some(source))
                        .and_then(|g| g.children().find(|n| n.has_tag_name("rect")))
                        .expect("the box the arrow reaches");
                    let row_bottom = number(row, "y") + number(row, "height");
                    for words in said {
                        let b = boxes.iter().find(|b| b.words == words).expect("drawn");
                        let at = format!("{name} {item} at {scale:?}: {words:?}");
                        if b.top < mark_bottom - 1.0 {
                            found.push(format!("{at} over its mark"));
                        }
                        if b.bottom > row_bottom + 1.0 {
                            found.push(format!("{at} under its row ({} > {row_bottom})", b.bottom));
                        }
                        if b.left < agent[2] && b.right > agent[0] && b.top < agent[3] && b.bottom > agent[1] {
                            found.push(format!("{at} over the agent's box"));
                        }
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(lines_seen[1] > 0 && lines_seen[2] > 0, "arrows by lines said: {lines_seen:?}");
}

/// However long the pattern numbers, the label of a download is whole on
/// one line, split over two or left out, and never reaches back over the
/// agent's box or where the arrow leaves it: a sweep of lengths crosses
/// the thresholds of the room at the page's and the room's scale.
#[test]
fn a_download_of_any_length_keeps_clear_of_the_agent() {
    use update_source_planner::diagram::{framed, Frame, Scale};
    let base = include_str!("../www/examples/branch-update-agent-incremental-pattern.json");
    let mut found = Vec::new();
    for latest in [18u64, 20, 24, 28, 104, 114, 1004, 1014, 10_004, 10_014, 100_004, 100_014, 1_000_004] {
        let mut scenario: serde_json::Value = serde_json::from_str(base).expect("JSON");
        let kept: Vec<u64> = (3..=8).map(|k| latest - 2 * k).collect();
        scenario["patterns"]["activeupdate"] = latest.into();
        scenario["patterns"]["server"] = (latest - 4).into();
        scenario["patterns"]["server_kept"] = kept.into();
        scenario["patterns"]["agent"] = (latest - 14).into();
        scenario["patterns"]["sources"]["ua://10.3.0.5"] = (latest - 16).into();
        let trace = trace_json(&scenario.to_string()).expect("a scenario");
        for scale in [Scale::Page, Scale::Room, Scale::Phone] {
            for (item, svg) in framed(&trace, &["10.3.0.20".into()], None, Style::Page, Frame { scale, until: None }) {
                let doc = roxmltree::Document::parse(&svg).expect("XML");
                let number = |n: roxmltree::Node<'_, '_>, a: &str| {
                    n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or_default()
                };
                let agent = doc
                    .descendants()
                    .find(|n| n.has_tag_name("rect") && n.attribute("class").is_some_and(|c| c.starts_with("dg-agent")))
                    .expect("the agent's box");
                let (left, top) = (number(agent, "x"), number(agent, "y"));
                let (right, bottom) = (left + number(agent, "width"), top + number(agent, "height"));
                for b in text_boxes(&svg) {
                    let download = doc.descendants().any(|n| {
                        n.text() == Some(b.words.as_str())
                            && n.attribute("class").is_some_and(|c| c.contains("dg-download"))
                    });
                    // Side by side, the arrow leaves the agent's box at its
                    // right edge, and the label stays right of where it leaves.
                    let beside = scale != Scale::Phone && b.left < right + 3.0;
                    let over = b.left < right && b.right > left && b.top < bottom && b.bottom > top;
                    if download && (beside || over) {
                        found.push(format!("{latest} {item} at {scale:?}: {:?} reaches the agent's box", b.words));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
