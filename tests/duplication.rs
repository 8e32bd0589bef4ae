//! Component duplication (CD1-CD4): what each delivering source sends, the
//! incremental pattern or the full one. One test per rule id, each named for
//! the sentence it rests on, and a property: an agent never downloads an
//! incremental pattern its source does not hold.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use update_source_planner::duplication::{self, Download, Patterns};
use update_source_planner::format::scenario::Trigger;
use update_source_planner::input::source::SourceId;
use update_source_planner::model::item::Item::Components;
use update_source_planner::model::profile::Profile;
use update_source_planner::trace::{Step, StepKind, Trace};

/// An Apex One agent on the branch's Update Agent, with these pattern versions.
fn branch(patterns: Value) -> Value {
    json!({
        "version": 6, "profile": "apex-one",
        "sources": { "mode": "customized", "list": [{ "range": "10.1.0.0/16", "source": "ua://10.1.0.5" }] },
        "agent": { "addresses": ["10.1.4.20"] },
        "patterns": patterns
    })
}

/// The same agent on the standard update source, the server.
fn standard(patterns: Value) -> Value {
    json!({ "version": 6, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"] }, "patterns": patterns })
}

fn step<'a>(t: &'a Trace, rule: &str) -> &'a Step {
    t.steps.iter().find(|s| s.rule().id() == rule).unwrap_or_else(|| panic!("no {rule} step in {:?}", rules(t)))
}

/// The delivering components attempt's download.
fn download(t: &Trace) -> Option<Download> {
    t.steps
        .iter()
        .find(|s| {
            s.kind() == StepKind::Attempt
                && s.item() == Some(Components)
                && s.result().is_some_and(|r| r.id() == "delivered")
        })
        .and_then(Step::download)
}

/// "If the difference between the two versions is 14 or less, the server
/// only downloads the incremental pattern that accounts for the difference
/// between the two versions. If the difference is more than 14, the server
/// automatically downloads the full version of the pattern file and 14
/// incremental patterns." "The difference between versions 171 and 175 is 2."
#[test]
fn cd1_the_server_downloads_the_one_incremental_within_14_releases_else_the_full_pattern_and_14_incrementals() {
    let t = run(standard(json!({ "activeupdate": 175, "server": 171, "agent": 171 })));
    let cd1 = step(&t, "CD1");
    assert!(cd1.text().contains("171 is 2 releases behind ActiveUpdate's 175"), "{}", cd1.text());
    assert!(
        cd1.text().ends_with(
            "it downloads the incremental pattern 171.175; it keeps no other full pattern to generate incremental patterns from"
        ),
        "{}",
        cd1.text()
    );
    assert!(!cd1.assumed());
    assert_eq!(download(&t), Some(Download::Incremental { from: 171, to: 175 }));
    // Exactly 14 releases: still the one incremental.
    let t = run(standard(json!({ "activeupdate": 175, "server": 147, "agent": 147 })));
    assert_eq!(download(&t), Some(Download::Incremental { from: 147, to: 175 }));
    assert!(step(&t, "CD1").text().contains("14 releases behind"), "{}", step(&t, "CD1").text());
    // 15 releases: the full pattern and ActiveUpdate's 14 incremental patterns,
    // so an agent within them still takes an incremental from the server.
    let t = run(standard(json!({ "activeupdate": 175, "server": 145, "agent": 161 })));
    let cd1 = step(&t, "CD1");
    assert!(
        cd1.text()
            .contains("more than 14: it downloads the full pattern 175 and 14 incremental patterns (from 147 to 173)"),
        "{}",
        cd1.text()
    );
    assert_eq!(download(&t), Some(Download::Incremental { from: 161, to: 175 }));
    let older = run(standard(json!({ "activeupdate": 175, "server": 145, "agent": 145 })));
    assert_eq!(download(&older), Some(Download::Full { pattern: 175 }));
    // A server already at ActiveUpdate's latest downloads nothing.
    let t = run(standard(json!({ "activeupdate": 175, "server": 175, "agent": 175 })));
    assert!(step(&t, "CD1").text().contains("nothing to download"));
    assert_eq!(download(&t), Some(Download::Nothing { pattern: 175 }));
}

/// "The Update Agent compares its current full pattern version with the
/// latest version on the update source. If the difference between the two
/// versions is 14 or less, the Update Agent downloads the incremental
/// pattern ... If the difference is more than 14, the Update Agent
/// automatically downloads the full version of the pattern file. The Update
/// Agent downloads all the remaining incremental patterns on the update
/// source."
#[test]
fn cd2_an_update_agent_downloads_against_its_source_then_all_the_remaining_incremental_patterns() {
    let kept = json!([169, 167, 165, 163, 161, 159, 157, 155, 153, 151, 149, 147, 145, 143]);
    let p = |ua: u32| json!({ "activeupdate": 175, "server": 171, "server_kept": kept, "agent": 165, "sources": { "ua://10.1.0.5": ua } });
    let t = run(branch(p(159)));
    let cd2 = step(&t, "CD2");
    assert!(cd2.text().contains("159 is 8 releases behind the Apex One server's 175, 14 or less: it downloads the incremental pattern 159.175"), "{}", cd2.text());
    assert!(
        cd2.text().contains("then all the remaining incremental patterns on the Apex One server"),
        "{}",
        cd2.text()
    );
    assert!(!cd2.assumed());
    // The remaining incremental patterns reach the agent: 165.175 from the Update Agent.
    assert_eq!(download(&t), Some(Download::Incremental { from: 165, to: 175 }));
    // Exactly 14 releases: still the incremental.
    assert_eq!(
        download(&run(branch(json!({ "activeupdate": 175, "server": 171, "server_kept": kept, "agent": 147,
            "sources": { "ua://10.1.0.5": 147 } })))),
        Some(Download::Incremental { from: 147, to: 175 })
    );
    let t = run(branch(p(147)));
    assert!(step(&t, "CD2").text().contains("147 is 14 releases behind the Apex One server's 175, 14 or less: it downloads the incremental pattern 147.175"), "{}", step(&t, "CD2").text());
    // More than 14 releases: the full pattern, though the server holds the incremental.
    let t = run(branch(p(143)));
    assert!(
        step(&t, "CD2")
            .text()
            .contains("16 releases behind the Apex One server's 175, more than 14: it downloads the full pattern 175"),
        "{}",
        step(&t, "CD2").text()
    );
    // The source lacks the incremental the Update Agent needs: the full pattern, assumed.
    let t =
        run(branch(json!({ "activeupdate": 175, "server": 171, "agent": 165, "sources": { "ua://10.1.0.5": 159 } })));
    let cd2 = step(&t, "CD2");
    assert!(cd2.text().contains("holds no incremental from 159: it downloads the full pattern 175"), "{}", cd2.text());
    assert!(cd2.assumed());
    // The traced computer is itself an Update Agent: its own download is CD2's.
    let mut ua = standard(json!({ "activeupdate": 175, "server": 171, "server_kept": kept, "agent": 143 }));
    ua["agent"]["role"] = json!("update-agent");
    let t = run(ua);
    assert_eq!(download(&t), Some(Download::Full { pattern: 175 }));
    let last = t.steps.iter().rfind(|s| s.rule().id() == "CD2").map(Step::text).unwrap_or_default();
    assert!(last.contains("more than 14"), "{last}");
}

/// "The server generates incremental patterns based on the other full
/// patterns available on the server. If the server does not generate these
/// incremental patterns, agents that missed downloading earlier incremental
/// patterns automatically download the full pattern file, which will
/// consequently generate more network traffic."
#[test]
fn cd3_an_agent_takes_the_incremental_its_source_holds_else_the_full_pattern() {
    let without =
        run(branch(json!({ "activeupdate": 175, "server": 171, "agent": 161, "sources": { "ua://10.1.0.5": 159 } })));
    assert_eq!(download(&without), Some(Download::Full { pattern: 175 }));
    let cd3 = step(&without, "CD3");
    assert_eq!(
        cd3.text(),
        "The Security Agent downloads the full pattern 175 from Update Agent ua://10.1.0.5: the Security Agent is 7 releases behind and Update Agent ua://10.1.0.5 holds no incremental from 161"
    );
    assert!(!cd3.assumed());
    // The server keeps the older full patterns: it generates 161.175, the
    // Update Agent takes it along, and the agent downloads it.
    let with = run(branch(
        json!({ "activeupdate": 175, "server": 171, "server_kept": [169, 167, 165, 163, 161], "agent": 161 }),
    ));
    assert_eq!(download(&with), Some(Download::Incremental { from: 161, to: 175 }));
    assert!(step(&with, "CD1").text().contains("it generates 169.175, 167.175, 165.175, 163.175 and 161.175"));
    // A kept full pattern not older than the server's own is refused, and
    // no download is told on versions that cannot be.
    let latest_kept =
        run(branch(json!({ "activeupdate": 175, "server": 171, "server_kept": [173, 169], "agent": 175 })));
    let said: Vec<&str> = latest_kept.errors.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(said, ["the Apex One server keeps 173 as an older full pattern, but its own is 171"]);
    assert!(latest_kept.steps.iter().all(|s| !s.rule().id().starts_with("CD")), "no CD step on refused versions");
    let empty = run(branch(json!({ "activeupdate": 175, "agent": 161, "full_kb": 0 })));
    let said: Vec<&str> = empty.errors.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(said, ["a pattern's size is 1 kB or more"]);
    assert!(step(&with, "CD3").text().starts_with("The Security Agent downloads the incremental pattern 161.175"));
    // The attempt says it, and its JSON carries it.
    let attempt = with.steps.iter().find(|s| s.download().is_some()).map(Step::text).unwrap_or_default();
    assert!(attempt.ends_with(": delivered, the incremental pattern 161.175"), "{attempt}");
    let json: Value = serde_json::from_str(&with.to_json()).unwrap_or_default();
    let delivered =
        json["steps"].as_array().into_iter().flatten().find(|s| s["download"].is_string()).cloned().unwrap_or_default();
    assert_eq!((delivered["download"].as_str(), delivered["pattern"].as_str()), (Some("incremental"), Some("161.175")));
    // Sizes give the bytes.
    let sized = run(branch(
        json!({ "activeupdate": 175, "server": 171, "agent": 161, "full_kb": 60000, "incremental_kb": 500 }),
    ));
    assert!(step(&sized, "CD3").text().contains("the full pattern 175 (60 MB)"), "{}", step(&sized, "CD3").text());
    // An agent already current downloads nothing.
    let current = run(branch(json!({ "activeupdate": 175, "server": 171, "agent": 175 })));
    assert_eq!(download(&current), Some(Download::Nothing { pattern: 175 }));
    assert_eq!(
        step(&current, "CD3").text(),
        "The Security Agent's pattern 175 is already the latest on Update Agent ua://10.1.0.5: nothing to download"
    );
    // No agent version: the sources' own updates are said, and that the
    // agent's download is not known; the attempt carries none.
    let unknown = run(branch(json!({ "activeupdate": 175, "server": 171 })));
    assert_eq!(download(&unknown), None);
    assert_eq!(rules(&unknown).iter().filter(|r| r.starts_with("CD")).collect::<Vec<_>>(), ["CD1", "CD2", "CD3"]);
    assert!(step(&unknown, "CD3")
        .text()
        .ends_with("(the incremental pattern from its version, or the full pattern 175) is not known"));
}

/// Silent: what an agent downloads from an update source URL. "If the
/// server does not generate these incremental patterns, agents that missed
/// downloading earlier incremental patterns automatically download the full
/// pattern file": the planner reads a URL as holding the full pattern alone.
#[test]
fn cd4_an_agent_takes_the_full_pattern_from_an_update_source_url_assumed() {
    let mut doc = branch(
        json!({ "activeupdate": 175, "server": 171, "server_kept": [161], "agent": 161, "sources": { "http://mirror.corp/au": 173 } }),
    );
    doc["sources"]["list"] = json!([{ "range": "10.1.0.0/16", "source": "http://mirror.corp/au" }]);
    let t = run(doc.clone());
    assert_eq!(download(&t), Some(Download::Full { pattern: 173 }));
    let cd4 = step(&t, "CD4");
    assert!(cd4.assumed());
    assert!(cd4.text().contains("an update source URL holds no incremental patterns"), "{}", cd4.text());
    doc["patterns"]["agent"] = json!(173);
    assert_eq!(download(&run(doc)), Some(Download::Nothing { pattern: 173 }));
}

#[test]
fn patterns_are_new_in_version_6_and_their_sources_are_update_agents_or_urls() {
    let mut old = standard(json!({ "agent": 161 }));
    old["version"] = json!(5);
    let e = update_source_planner::trace_json(&old.to_string()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("`patterns` is new in format version 6"), "{e}");
    let t = run(standard(json!({ "agent": 161, "sources": { "server": 171, "ua://10.1.0.500": 3 } })));
    let texts: Vec<&str> = t.errors.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(t.errors.len(), 2, "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("`server` is not an Update Agent or an update source URL")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("500 is over 255")), "{texts:?}");
    let e = update_source_planner::trace_json(&standard(json!({ "full_kb": 0.5 })).to_string()).err();
    assert!(
        e.is_some_and(|e| e.to_string().contains("invalid type: number `0.5`, expected a whole number")),
        "sizes are whole kB"
    );
}

#[test]
fn planner_trace_says_the_download_in_text_and_json() {
    let doc = branch(json!({ "activeupdate": 175, "server": 171, "agent": 161, "sources": { "ua://10.1.0.5": 159 } }))
        .to_string();
    let out = planner(&["trace", "--json", "-"], Some(&doc));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let attempt =
        v["steps"].as_array().into_iter().flatten().find(|s| s["result"] == "delivered" && s["item"] == "components");
    let attempt = attempt.cloned().unwrap_or_default();
    assert_eq!((attempt["download"].as_str(), attempt["pattern"].as_str()), (Some("full"), Some("175")), "{attempt}");
    let others = v["steps"].as_array().into_iter().flatten().filter(|s| s["item"] != "components");
    assert!(others.clone().all(|s| s.get("download").is_none()), "only components download patterns");
    assert_eq!(
        (v["outcome"]["components"]["download"].as_str(), v["outcome"]["components"]["pattern"].as_str()),
        (Some("full"), Some("175"))
    );
    let text = String::from_utf8_lossy(&planner(&["trace", "-"], Some(&doc)).stdout).to_string();
    assert!(text.contains("[CD3] The Security Agent downloads the full pattern 175 from Update Agent ua://10.1.0.5: the Security Agent is 7 releases behind and Update Agent ua://10.1.0.5 holds no incremental from 161\n"), "{text}");
    assert!(text.contains("  components: updated from Update Agent ua://10.1.0.5: the full pattern 175\n"), "{text}");
}

fn batch_of(doc: &Value, agents: &str) -> (update_source_planner::plan::Plan, update_source_planner::fleet::Batch) {
    let s = update_source_planner::Scenario::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let plan = update_source_planner::plan::prepare(&s, None);
    let (specs, errors) = update_source_planner::input::agents::parse_agents(agents);
    assert!(errors.is_empty());
    let batch = update_source_planner::fleet::batch(&plan, &specs);
    (plan, batch)
}

#[test]
fn a_batch_counts_per_source_the_incremental_and_full_downloads_and_their_bytes() {
    use update_source_planner::fleet::{downloads, words};
    let p = json!({ "activeupdate": 175, "server": 171, "agent": 161, "full_kb": 60000, "incremental_kb": 500 });
    let (plan, batch) = batch_of(&branch(p.clone()), "10.1.0.0/24\n10.9.0.1\n");
    let d = downloads(&batch, plan.patterns.as_ref());
    let ua = d.sources.iter().find(|s| s.source.to_string() == "ua://10.1.0.5").cloned();
    let ua = ua.unwrap_or_else(|| panic!("{d:?}"));
    // The /24's 254 hosts: the Update Agent at 10.1.0.5 takes its own
    // from the server, the 253 others from it.
    assert_eq!((ua.full, ua.incremental, ua.current, ua.kb), (253, 0, 0, Some(253 * 60_000)));
    assert_eq!(
        words::source_downloads(Profile::ApexOne, &ua),
        "Update Agent ua://10.1.0.5: 253 full patterns (15.18 GB)"
    );
    let server = d.sources.iter().find(|s| s.source == SourceId::Server).map(|s| (s.full, s.incremental));
    assert_eq!(server, Some((2, 0)), "10.9.0.1 and the Update Agent: {d:?}");
    // The server keeps 161: every agent takes the incremental, 0.5 MB each.
    let mut kept = p.clone();
    kept["server_kept"] = json!([161]);
    let (plan, batch) = batch_of(&branch(kept), "10.1.0.0/24\n");
    let d = downloads(&batch, plan.patterns.as_ref());
    let ua = d.sources.iter().find(|s| s.source.to_string() == "ua://10.1.0.5").map(|s| (s.full, s.incremental, s.kb));
    assert_eq!(ua, Some((0, 253, Some(126_500))));
    // Without sizes, no bytes; without an agent's version, no downloads at all.
    let mut unsized_ = p.clone();
    unsized_.as_object_mut().map(|o| o.remove("full_kb"));
    let (plan, batch) = batch_of(&branch(unsized_), "10.1.0.1\n");
    let d = downloads(&batch, plan.patterns.as_ref());
    assert_eq!(d.sources[0].kb, None);
    assert_eq!(words::source_downloads(Profile::ApexOne, &d.sources[0]), "Update Agent ua://10.1.0.5: 1 full pattern");
    let (plan, batch) = batch_of(&branch(json!({ "activeupdate": 175 })), "10.1.0.1\n");
    assert!(downloads(&batch, plan.patterns.as_ref()).sources.is_empty());
    // Agents already current.
    let (plan, batch) = batch_of(&branch(json!({ "activeupdate": 175, "agent": 175 })), "10.1.0.1\n10.1.0.2\n");
    let d = downloads(&batch, plan.patterns.as_ref());
    assert_eq!(
        words::source_downloads(Profile::ApexOne, &d.sources[0]),
        "Update Agent ua://10.1.0.5: nothing to download, 2 Security Agents already current"
    );
    // planner batch prints them.
    let dir = std::env::temp_dir().join(format!("usp-dup-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("s.json");
    let _ = std::fs::write(&file, branch(p).to_string());
    let out = planner(&["batch", &file.display().to_string(), "-"], Some("10.1.0.0/24\n"));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("\n  Update Agent ua://10.1.0.5: 253 full patterns (15.18 GB)\n"), "{text}");
    // A scheduled update: the schedule spreads them; a Notify All would not.
    assert!(
        text.contains(
            "\n  253 Security Agents update from Update Agent ua://10.1.0.5; the schedule spreads them over its period, a Notify All would send them at once: more than the 250"
        ),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// "The maximum number of concurrent client/agent update requests that an
/// Update Agent can handle is 250." (KA 1034989, 11 Jun 2019); a newer copy:
/// it depends on the machine, tested at 400 (100 Mbps), 900 (1 Gbps) and
/// 7,700 (8 cores, 10 Gbps).
#[test]
fn ld1_a_notify_all_sends_an_update_agent_all_its_agents_at_once_against_both_copies_of_the_article() {
    use update_source_planner::fleet::{downloads, words, UpdateAgentLoad};
    let (plan, batch) = batch_of(&branch(json!({})), "10.1.0.0/24\n10.1.1.0/28\n10.9.0.1\n");
    let d = downloads(&batch, plan.patterns.as_ref());
    assert_eq!(d.update_agents.len(), 1, "the server is no Update Agent: {d:?}");
    assert_eq!(d.update_agents[0].agents, 253 + 14, "the hosts of each block, the Update Agent not its own");
    let said = |n: u128| {
        let l = UpdateAgentLoad { update_agent: SourceId::read("ua://10.1.0.5"), agents: n };
        words::update_agent_load(Profile::OfficeScanXg, Trigger::ServerNotify, true, &l)
    };
    assert_eq!(
        said(250),
        "A Notify All sends 250 agents to Update Agent ua://10.1.0.5 at once: within the 250 concurrent update requests an Update Agent can handle (KA 1034989, copy of 11 Jun 2019); the newer copy says it depends on the machine: within its tested 400 (100 Mbps), 900 (1 Gbps) and 7,700 (8 cores, 10 Gbps)"
    );
    assert!(said(251).contains(": more than the 250 concurrent"), "{}", said(251));
    assert!(
        said(400).ends_with("within its tested 400 (100 Mbps), 900 (1 Gbps) and 7,700 (8 cores, 10 Gbps)"),
        "{}",
        said(400)
    );
    assert!(
        said(901).ends_with("more than its tested 400 (100 Mbps) and 900 (1 Gbps), within 7,700 (8 cores, 10 Gbps)"),
        "{}",
        said(901)
    );
    assert!(
        said(7_701).ends_with("more than its tested 400 (100 Mbps), 900 (1 Gbps) and 7,700 (8 cores, 10 Gbps)"),
        "{}",
        said(7_701)
    );
    assert!(said(1).starts_with("A Notify All sends 1 agent to"), "{}", said(1));
}

/// The two gallery stories: the same branch, the full pattern, then the
/// incremental once the server keeps older full patterns.
#[test]
fn the_branch_stories_download_the_full_pattern_then_the_incremental() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    let story = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap_or_default()).unwrap_or_default()
    };
    let full = story("branch-update-agent-full-pattern.json");
    assert_eq!(download(&run(full.clone())), Some(Download::Full { pattern: 175 }));
    let incremental = story("branch-update-agent-incremental-pattern.json");
    assert_eq!(download(&run(incremental.clone())), Some(Download::Incremental { from: 161, to: 175 }));
    for (doc, full, incremental) in [(full, 253, 0), (incremental, 0, 253)] {
        let (plan, batch) = batch_of(&doc, doc["fleet"]["agents"].as_str().unwrap_or_default());
        let d = update_source_planner::fleet::downloads(&batch, plan.patterns.as_ref());
        let ua = d.sources.iter().find(|s| s.source.to_string() == "ua://10.3.0.5");
        assert_eq!(ua.map(|s| (s.full, s.incremental)), Some((full, incremental)));
        assert_eq!(d.update_agents[0].agents, 253, "more than the 250 of the 2019 copy");
    }
}

#[test]
fn what_each_source_holds_when_only_some_versions_are_given() {
    let apex = Profile::ApexOne;
    let server = SourceId::Server;
    let ua = SourceId::read("ua://10.1.0.5");
    let url = SourceId::read("http://mirror.corp/au");
    let au = SourceId::ActiveUpdate;
    let some = |activeupdate: Option<u32>, server: Option<u32>, agent: Option<u32>| Patterns {
        activeupdate,
        server,
        agent,
        server_kept: [165, 177].into_iter().collect(),
        ..Patterns::default()
    };
    // Nothing known of the server or ActiveUpdate: nothing said.
    assert!(duplication::delivery(&some(None, None, Some(161)), apex, &server, false).is_none());
    assert!(duplication::delivery(&some(None, None, Some(161)), apex, &url, false).is_none());
    assert!(duplication::delivery(&some(None, None, Some(161)), apex, &au, false).is_none());
    // No agent version: the server's update is still said, and that the
    // agent's download is not known; nothing is downloaded in the trace.
    let d = duplication::delivery(&some(Some(175), Some(171), None), apex, &server, false).unwrap_or_else(|| panic!());
    let said: Vec<(&str, &str)> = d.steps.iter().map(|s| (s.rule.id(), s.text.as_str())).collect();
    assert_eq!(d.download, None);
    assert_eq!(said, [
        ("CD1", "The Apex One server's full pattern 171 is 2 releases behind ActiveUpdate's 175, 14 or less: it downloads the incremental pattern 171.175; from the full patterns it keeps (165) it generates 165.175"),
        ("CD3", "The Security Agent's own pattern is not given: what it downloads from the Apex One server (the incremental pattern from its version, or the full pattern 175) is not known"),
    ]);
    // S&WP's sources hold no pattern versions here.
    assert!(duplication::delivery(&some(Some(175), Some(171), Some(161)), apex, &SourceId::Primary, false).is_none());
    // The server's own version only: no CD1 step, its kept patterns below it count.
    let d = duplication::delivery(&some(None, Some(171), Some(165)), apex, &server, false).unwrap_or_else(|| panic!());
    assert_eq!(d.download, Some(Download::Incremental { from: 165, to: 171 }));
    assert_eq!(d.steps.iter().map(|s| s.rule.id()).collect::<Vec<_>>(), ["CD3"]);
    // ActiveUpdate's only: the server taken as holding it, assumed.
    let d = duplication::delivery(&some(Some(175), None, Some(165)), apex, &server, false).unwrap_or_else(|| panic!());
    assert_eq!(d.download, Some(Download::Incremental { from: 165, to: 175 }));
    let cd1 = &d.steps[0];
    assert!(
        cd1.assumed
            && cd1
                .text
                .starts_with("The Apex One server's own pattern is not given: taken as ActiveUpdate's latest, 175"),
        "{}",
        cd1.text
    );
    // A server ahead of what ActiveUpdate is said to have keeps its own.
    let h = duplication::holding(&some(Some(171), Some(175), None), apex, &server).unwrap_or_else(|| panic!());
    assert_eq!(h.latest, 175);
    // ActiveUpdate: its 14 incremental patterns, no more.
    let from_au = |agent: u32| {
        duplication::delivery(&some(Some(175), None, Some(agent)), apex, &au, false).and_then(|d| d.download)
    };
    assert_eq!(from_au(147), Some(Download::Incremental { from: 147, to: 175 }));
    assert_eq!(from_au(145), Some(Download::Full { pattern: 175 }));
    assert_eq!(from_au(175), Some(Download::Nothing { pattern: 175 }));
    // A URL without a version of its own: the latest known, full.
    let d =
        duplication::delivery(&some(Some(175), Some(171), Some(165)), apex, &url, false).unwrap_or_else(|| panic!());
    assert_eq!(d.download, Some(Download::Full { pattern: 175 }));
    assert!(d.steps.iter().all(|s| s.rule.id() == "CD4" && s.assumed));
    // An Update Agent whose version is not given takes the server's latest and its incrementals.
    let d = duplication::delivery(&some(Some(175), Some(171), Some(165)), apex, &ua, false).unwrap_or_else(|| panic!());
    let cd2 = d.steps.iter().find(|s| s.rule.id() == "CD2").unwrap_or_else(|| panic!());
    assert_eq!(cd2.text, "Update Agent ua://10.1.0.5's own pattern is not given: taken as the Apex One server's latest full pattern 175; then all the remaining incremental patterns on the Apex One server (from 171 and 165)");
    assert!(cd2.assumed, "the Update Agent's own download is a reading: {}", cd2.text);
    assert_eq!(d.download, Some(Download::Incremental { from: 165, to: 175 }));
    // A server holding no incremental at all, and an Update Agent already current.
    let mut p = Patterns { activeupdate: Some(175), server: Some(175), agent: Some(171), ..Patterns::default() };
    p.sources.push((ua.clone(), 175));
    let d = duplication::delivery(&p, apex, &ua, false).unwrap_or_else(|| panic!());
    let cd2 = d.steps.iter().find(|s| s.rule.id() == "CD2").unwrap_or_else(|| panic!());
    assert_eq!(cd2.text, "Update Agent ua://10.1.0.5's full pattern 175 is the Apex One server's latest; the Apex One server holds no incremental pattern");
    let cd3 = d.steps.last().unwrap_or_else(|| panic!());
    assert_eq!(cd3.text, "The Security Agent downloads the full pattern 175 from Update Agent ua://10.1.0.5: the Security Agent is 2 releases behind and Update Agent ua://10.1.0.5 holds no incremental from 171");
    // The traced computer an Update Agent within 14 releases and its source holding it: incremental, not assumed.
    let d =
        duplication::delivery(&some(Some(175), Some(171), Some(171)), apex, &server, true).unwrap_or_else(|| panic!());
    let last = d.steps.last().unwrap_or_else(|| panic!());
    assert_eq!(
        (d.download, last.rule.id(), last.assumed),
        (Some(Download::Incremental { from: 171, to: 175 }), "CD2", false)
    );
    let d =
        duplication::delivery(&some(Some(175), Some(171), Some(169)), apex, &server, true).unwrap_or_else(|| panic!());
    let last = d.steps.last().unwrap_or_else(|| panic!());
    assert_eq!((d.download, last.assumed), (Some(Download::Full { pattern: 175 }), true), "{}", last.text);
    // Sizes: none for nothing to download, the incremental's or the full's.
    let sized = Patterns { full_kb: Some(75_000), incremental_kb: Some(500), ..Patterns::default() };
    assert_eq!(Download::Nothing { pattern: 1 }.kb(&sized), Some(0));
    assert_eq!(Download::Incremental { from: 1, to: 3 }.kb(&sized), Some(500));
    assert_eq!(Download::Full { pattern: 3 }.kb(&sized), Some(75_000));
    assert_eq!(duplication::file_size(1_500), "1.5 MB");
    assert_eq!(duplication::file_size(75_000), "75 MB");
    assert_eq!(duplication::file_size(2_050), "2.05 MB");
}

#[test]
fn a_source_that_sends_both_kinds_says_both() {
    use update_source_planner::fleet::{words, SourceDownloads};
    let d = SourceDownloads { source: SourceId::Server, incremental: 2, full: 1, current: 1, kb: Some(76_000) };
    assert_eq!(
        words::source_downloads(Profile::OfficeScanXg, &d),
        "the OfficeScan server: 1 full pattern and 2 incremental patterns, 1 agent already current (76 MB)"
    );
    let d = SourceDownloads { source: SourceId::Server, incremental: 1, full: 0, current: 0, kb: None };
    assert_eq!(words::source_downloads(Profile::OfficeScanXg, &d), "the OfficeScan server: 1 incremental pattern");
}

fn patterns(au: u32, server: u32, kept: Vec<u32>, agent: u32, ua: Option<u32>, url: Option<u32>) -> Patterns {
    let mut p = Patterns {
        activeupdate: Some(au),
        server: Some(server),
        server_kept: kept.into_iter().collect(),
        agent: Some(agent),
        ..Patterns::default()
    };
    if let Some(v) = ua {
        p.sources.push((SourceId::read("ua://10.1.0.5"), v));
    }
    if let Some(v) = url {
        p.sources.push((SourceId::read("http://mirror.corp/au"), v));
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPERTY_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(500)))]

    #[test]
    fn an_agent_never_downloads_an_incremental_its_source_does_not_hold(
        au in 100u32..200, server in 100u32..200, kept in proptest::collection::vec(100u32..200, 0..20),
        agent in 100u32..200, ua in proptest::option::of(100u32..200), url in proptest::option::of(100u32..200),
        source in 0usize..4, update_agent in any::<bool>(),
    ) {
        let p = patterns(au, server, kept, agent, ua, url);
        let id = SourceId::read(["server", "activeupdate", "ua://10.1.0.5", "http://mirror.corp/au"][source]);
        let held = duplication::holding(&p, Profile::ApexOne, &id);
        let got = duplication::delivery(&p, Profile::ApexOne, &id, update_agent);
        prop_assert_eq!(held.is_some(), got.is_some());
        if let (Some(h), Some(d)) = (held, got) {
            let Some(download) = d.download else { return Err(TestCaseError::fail("the agent's version is given")) };
            match download {
                Download::Incremental { from, to } => {
                    prop_assert!(h.from.contains(&from), "{from}.{to} not held: {h:?}");
                    prop_assert_eq!(to, h.latest);
                    prop_assert_eq!(from, agent);
                    // An Update Agent never takes an incremental beyond 14 releases.
                    prop_assert!(!update_agent || duplication::releases_between(from, to) <= 14);
                }
                Download::Full { pattern } => prop_assert!(pattern == h.latest && agent < h.latest),
                Download::Nothing { pattern } => prop_assert!(pattern == agent && agent >= h.latest),
            }
            let last = d.steps.last().map(|s| s.rule.id()).unwrap_or_default();
            prop_assert!(matches!(last, "CD2" | "CD3" | "CD4"));
        }
    }
}

/// The picture says what the delivering arrow sent, under its mark, in
/// the lines the room beside the arrow holds; where even a word would not
/// fit (a phone's narrow gutter), the source's box still says it.
#[test]
fn the_picture_says_under_the_delivering_arrow_what_it_sent() {
    use update_source_planner::diagram::{framed, Frame, Scale, Style};
    let labels = |patterns: Value, scale: Scale| -> (Vec<String>, String) {
        let t = run(branch(patterns));
        let agent = vec!["10.1.4.20".to_string()];
        let svg = framed(&t, &agent, Some(Components), Style::Page, Frame { scale, until: None })
            .into_iter()
            .map(|(_, svg)| svg)
            .collect::<String>();
        let arrow = svg.split("<g class=\"dg-arrow dg-delivered").nth(1).unwrap_or_default();
        let arrow = arrow.get(..arrow.find("</g>").unwrap_or(arrow.len())).unwrap_or_default();
        let lines = arrow
            .split("class=\"dg-small dg-download\">")
            .skip(1)
            .map(|l| l.split('<').next().unwrap_or_default().to_string())
            .collect();
        (lines, svg)
    };
    let full = json!({ "activeupdate": 175, "server": 175, "agent": 161, "sources": { "ua://10.1.0.5": 175 } });
    let incremental = json!({ "activeupdate": 175, "server": 175, "server_kept": [161], "agent": 161 });
    for scale in [Scale::Page, Scale::Room, Scale::Phone] {
        assert_eq!(labels(full.clone(), scale).0, ["full 175"], "{scale:?}");
    }
    assert_eq!(labels(incremental.clone(), Scale::Page).0, ["incremental", "161.175"]);
    assert_eq!(labels(incremental.clone(), Scale::Room).0, ["incremental", "161.175"]);
    let (phone, svg) = labels(incremental, Scale::Phone);
    assert!(phone.is_empty(), "{phone:?}");
    assert!(
        svg.contains("delivered incremental pattern 161.175") || svg.contains("incremental pattern 161.175"),
        "{svg}"
    );
    // A source that delivers nothing to download for components says nothing under its arrow.
    assert!(labels(json!({}), Scale::Page).0.is_empty());
}

/// Versions no update could give are refused at their own line and column
/// (E1), since every sentence said of them would be false: newer than
/// where they update from, a kept pattern not older than the server's, a
/// version out of step with releases that step by 2 ("The difference
/// between versions 171 and 175 is 2"), a source the list does not name.
#[test]
fn versions_no_update_could_give_are_refused_at_their_place() {
    let refused = |patterns: Value| -> Vec<(usize, usize, String)> {
        let text = serde_json::to_string_pretty(&branch(patterns)).unwrap_or_default();
        let t = update_source_planner::trace_json(&text).unwrap_or_else(|e| panic!("{e}"));
        t.errors.iter().map(|e| (e.line, e.column, e.text.clone())).collect()
    };
    let place = |patterns: Value, key: &str| -> (usize, usize) {
        let text = serde_json::to_string_pretty(&branch(patterns)).unwrap_or_default();
        let from = text.lines().position(|l| l.contains("\"patterns\"")).unwrap_or_default();
        let line = from
            + text
                .lines()
                .skip(from)
                .position(|l| l.contains(&format!("\"{key}\": ")))
                .unwrap_or_else(|| panic!("{key}"));
        let col = text.lines().nth(line).and_then(|l| l.find(": ")).unwrap_or_default() + 3;
        (line + 1, col)
    };
    let cases = [
        (
            json!({ "activeupdate": 175, "server": 181 }),
            "server",
            "the Apex One server's pattern 181 is newer than ActiveUpdate's latest 175: no such release yet",
        ),
        (
            json!({ "activeupdate": 175, "sources": { "ua://10.1.0.5": 181 } }),
            "ua://10.1.0.5",
            "ua://10.1.0.5's pattern 181 is newer than the Apex One server's latest 175, where it updates from",
        ),
        (
            json!({ "activeupdate": 175, "agent": 177 }),
            "agent",
            "the Security Agent's pattern 177 is newer than ActiveUpdate's latest 175: no such release yet",
        ),
        (
            json!({ "activeupdate": 175, "agent": 162 }),
            "agent",
            "releases step by 2: 162 and ActiveUpdate's latest 175 cannot both be releases of one pattern",
        ),
        (
            json!({ "activeupdate": 0 }),
            "activeupdate",
            "a pattern version is its release number, 1 or more (175 of 17.501.00)",
        ),
        (
            json!({ "activeupdate": 175, "sources": { "ua://10.1.0.6": 171 } }),
            "ua://10.1.0.6",
            "`ua://10.1.0.6` is not a source of the customized list: give the pattern of a source the list names",
        ),
    ];
    for (patterns, key, message) in cases {
        let (line, column) = place(patterns.clone(), key);
        assert_eq!(refused(patterns.clone()), [(line, column, message.to_string())], "{patterns}");
    }
    // A version of 0 is refused alone: no release to keep the others in
    // step with, nor to be newer than.
    for patterns in [
        json!({ "activeupdate": 0, "server": 175 }),
        json!({ "server": 0, "server_kept": [171] }),
        json!({ "server": 0, "agent": 161 }),
    ] {
        let said = refused(patterns.clone());
        assert_eq!(
            said.iter().map(|r| r.2.as_str()).collect::<Vec<_>>(),
            ["a pattern version is its release number, 1 or more (175 of 17.501.00)"],
            "{patterns}"
        );
    }
    // An update source URL mirrors ActiveUpdate: it holds no newer release.
    let mut doc = branch(json!({ "activeupdate": 175, "sources": { "http://mirror.corp/au": 177 } }));
    doc["sources"]["list"] = json!([{ "range": "10.1.0.0/16", "source": "http://mirror.corp/au" }]);
    let t = update_source_planner::trace_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let said: Vec<&str> = t.errors.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        said,
        ["http://mirror.corp/au's pattern 177 is newer than ActiveUpdate's latest 175: no such release yet"]
    );
    doc["patterns"]["sources"] = json!({ "http://mirror.corp/au": 175 });
    assert!(
        update_source_planner::trace_json(&doc.to_string()).is_ok_and(|t| t.errors.is_empty()),
        "the latest itself is a release"
    );
    doc["patterns"]["sources"] = json!({ "http://mirror.corp/au": 173 });
    assert!(update_source_planner::trace_json(&doc.to_string()).is_ok_and(|t| t.errors.is_empty()), "an older one too");
    // A kept pattern not older than the server's latest, named in the list.
    let kept = refused(json!({ "activeupdate": 175, "server_kept": [171, 177] }));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].2, "the Apex One server keeps 177 as an older full pattern, but its latest is 175");
    // What an update could give is not refused.
    assert_eq!(
        refused(
            json!({ "activeupdate": 175, "server": 175, "server_kept": [173], "agent": 175, "sources": { "ua://10.1.0.5": 175 } })
        ),
        []
    );
}

/// A range too wide to expand is sampled at its edges and list boundaries,
/// but what its agents download and how many lean on an Update Agent count
/// every address of it: 65,536 agents are not 2.
#[test]
fn a_sampled_range_counts_every_agent_in_its_downloads_and_loads() {
    use update_source_planner::fleet::{downloads, words};
    let mut doc =
        branch(json!({ "activeupdate": 175, "server": 171, "agent": 161, "sources": { "ua://10.1.0.5": 159 } }));
    doc["agent"]["trigger"] = json!("server-notify");
    // 10.0.0.0/15: 10.0.x.x from the server (the standard source), 10.1.x.x from the Update Agent.
    let (plan, batch) = batch_of(&doc, "10.0.0.0/15\n10.9.0.1\n");
    assert_eq!(batch.sampled, 1);
    assert!(batch.rows.len() < 10, "sampled, not expanded: {} rows", batch.rows.len());
    // The block's hosts (131,070) and 10.9.0.1.
    assert_eq!(batch.agents_counted(), 131_071);
    // A sampled range that starts where the list's entry starts.
    let (_, starting) = batch_of(&doc, "10.1.0.0-10.2.255.255\n");
    assert_eq!(starting.agents_counted(), 131_072);
    let d = downloads(&batch, plan.patterns.as_ref());
    let said: Vec<String> = d.sources.iter().map(|s| words::source_downloads(Profile::ApexOne, s)).collect();
    // The server holds only its own 171.175: every agent at 161 takes the full pattern.
    // The server: 10.0.0.1-10.0.255.255, 10.9.0.1 and the Update Agent itself.
    assert_eq!(said, ["the Apex One server: 65,537 full patterns", "Update Agent ua://10.1.0.5: 65,534 full patterns"]);
    assert_eq!(d.update_agents[0].agents, 65_534);
    let load = words::update_agent_load(Profile::ApexOne, plan.agent.trigger, true, &d.update_agents[0]);
    assert!(
        load.starts_with(
            "A Notify All sends 65,534 Security Agents to Update Agent ua://10.1.0.5 at once: more than the 250"
        ),
        "{load}"
    );
    assert!(load.ends_with("more than its tested 400 (100 Mbps), 900 (1 Gbps) and 7,700 (8 cores, 10 Gbps)"), "{load}");
    // planner batch says what it counted.
    let dir = std::env::temp_dir().join(format!("usp-sampled-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("s.json");
    let _ = std::fs::write(&file, doc.to_string());
    let out = planner(&["batch", &file.display().to_string(), "-"], Some("10.0.0.0/15\n"));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("1 range sampled; downloads and loads count all 131,070 agents\n"), "{text}");
    assert!(text.contains("\n  Update Agent ua://10.1.0.5: 65,534 full patterns\n"), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Only a Notify All sends an Update Agent's agents at once; a schedule
/// spreads them over its period ("OfficeScan randomly notifies all online
/// clients to update components from 12pm until 2pm").
#[test]
fn ld1_says_at_once_only_of_a_notify_all() {
    use update_source_planner::fleet::{words, UpdateAgentLoad};
    let l = UpdateAgentLoad { update_agent: SourceId::read("ua://10.1.0.5"), agents: 1 };
    let lead = |t: Trigger| {
        let s = words::update_agent_load(Profile::ApexOne, t, true, &l);
        s[..s.find(": within").unwrap_or(s.len())].to_string()
    };
    assert_eq!(
        lead(Trigger::ServerNotify),
        "A Notify All sends 1 Security Agent to Update Agent ua://10.1.0.5 at once"
    );
    assert_eq!(
        lead(Trigger::Scheduled),
        "1 Security Agent updates from Update Agent ua://10.1.0.5; the schedule spreads them over its period, a Notify All would send them at once"
    );
    assert_eq!(
        lead(Trigger::UpdateNow),
        "1 Security Agent updates from Update Agent ua://10.1.0.5; a Notify All would send them at once"
    );
}

/// "The Update Agent downloads all the remaining incremental patterns on
/// the update source": the remaining ones, not the one it just took.
#[test]
fn cd2_the_remaining_incrementals_leave_out_the_one_the_update_agent_took() {
    let t = run(branch(
        json!({ "activeupdate": 175, "server": 171, "server_kept": [169, 159], "agent": 161, "sources": { "ua://10.1.0.5": 159 } }),
    ));
    assert_eq!(
        step(&t, "CD2").text(),
        "Update Agent ua://10.1.0.5's full pattern 159 is 8 releases behind the Apex One server's 175, 14 or less: it downloads the incremental pattern 159.175; then all the remaining incremental patterns on the Apex One server (from 171 and 169)"
    );
    let only =
        run(branch(json!({ "activeupdate": 175, "server": 159, "agent": 161, "sources": { "ua://10.1.0.5": 159 } })));
    assert!(
        step(&only, "CD2").text().ends_with(
            "it downloads the incremental pattern 159.175; the Apex One server holds no other incremental pattern"
        ),
        "{}",
        step(&only, "CD2").text()
    );
}

/// The Update Agent itself, traced at its own address, is the machine
/// `sources` speaks of: its own pattern is that one (159), not the agents'
/// (161), and it then takes the remaining incremental patterns (CD2), as
/// the trace of one of its agents says of it.
#[test]
fn cd2_the_update_agent_traced_at_its_own_address_has_its_own_pattern() {
    let patterns = json!({ "activeupdate": 175, "server": 171, "server_kept": [169, 159], "agent": 161, "sources": { "ua://10.1.0.5": 159 } });
    let mut doc = branch(patterns);
    doc["agent"] = json!({ "addresses": ["10.1.0.5"], "role": "update-agent" });
    let t = run(doc.clone());
    assert_eq!(download(&t), Some(Download::Incremental { from: 159, to: 175 }));
    assert_eq!(
        step(&t, "CD2").text(),
        "The Update Agent downloads the incremental pattern 159.175 from the Apex One server: its pattern is 159, and the Apex One server holds the incremental from 159; then all the remaining incremental patterns on the Apex One server (from 171 and 169)"
    );
    // An Update Agent at another address keeps the pattern given for agents.
    doc["agent"]["addresses"] = json!(["10.1.0.6"]);
    assert_eq!(download(&run(doc)), Some(Download::Full { pattern: 175 }));
}

/// A Notify All that does not reach the agents where they are (roaming,
/// off-premises: LOC1, IND1) sends none of them at once: LD1 says they
/// come on their own schedules, as their traces do; whether it reaches
/// them is what every example's trace says.
#[test]
fn ld1_a_notify_all_that_does_not_reach_them_sends_none_at_once() {
    use update_source_planner::fleet::{words, UpdateAgentLoad};
    use update_source_planner::walk::notification_reaches;
    let l = UpdateAgentLoad { update_agent: SourceId::read("ua://10.2.0.5"), agents: 254 };
    assert!(words::update_agent_load(Profile::OfficeScan106, Trigger::ServerNotify, false, &l).starts_with(
        "254 clients update from Update Agent ua://10.2.0.5 on their own schedules, the OfficeScan server's Notify All not reaching them (LOC1, IND1); sent at once, they would be more than the 250"
    ));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    let mut told = 0;
    for entry in std::fs::read_dir(dir).expect("examples") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|x| x != "json") || path.ends_with("index.json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let mut doc: Value = serde_json::from_str(&text).expect("JSON");
        doc["agent"]["trigger"] = json!("server-notify");
        let scenario = update_source_planner::Scenario::from_json(&doc.to_string()).expect("a scenario");
        let plan = update_source_planner::plan::prepare(&scenario, None);
        if plan.profile.family() != update_source_planner::model::profile::Family::OfficeScan {
            continue;
        }
        let trace = update_source_planner::walk::resolve(&plan);
        let missed = trace.steps.iter().any(|s| {
            matches!(s.rule().id(), "LOC1" | "IND1")
                && s.kind() == StepKind::Trigger
                && (s.text().contains("does not reach")
                    || s.text().contains("does not notify")
                    || s.text().contains("does not start"))
        });
        assert_eq!(notification_reaches(&plan), !missed, "{}", path.display());
        told += usize::from(missed);
    }
    assert!(told >= 2, "{told} examples the notification does not reach");
}

/// Whether a Notify All reaches the agent is what its trace says, for every
/// product, place and setting that decides it: an Apex One agent
/// off-premises never (LOC1), another product's off-premises agent and a
/// roaming / Independent one only with both settings on (IND1).
#[test]
fn ld1_a_notify_all_reaches_the_agent_as_its_trace_says() {
    use update_source_planner::walk::notification_reaches;
    let mut seen = std::collections::BTreeSet::new();
    for profile in ["officescan-10.6", "officescan-xg", "apex-one"] {
        for location in ["on-premises", "off-premises", "roaming"] {
            for (automatic, notify) in [(false, false), (true, false), (true, true)] {
                let doc = json!({
                    "version": 6, "profile": profile,
                    "agent": { "addresses": ["10.1.4.20"], "trigger": "server-notify", "location": location },
                    "settings": { "roaming_automatic_update": automatic, "notify_roaming": notify }
                });
                let scenario = update_source_planner::Scenario::from_json(&doc.to_string()).expect("a scenario");
                let plan = update_source_planner::plan::prepare(&scenario, None);
                let trace = update_source_planner::walk::resolve(&plan);
                let missed = trace.steps.iter().any(|s| {
                    matches!(s.rule().id(), "LOC1" | "IND1")
                        && s.kind() == StepKind::Trigger
                        && ["does not reach", "does not notify", "does not start"].iter().any(|w| s.text().contains(w))
                });
                assert_eq!(notification_reaches(&plan), !missed, "{profile} {location} {automatic} {notify}");
                seen.insert(missed);
            }
        }
    }
    assert_eq!(seen.len(), 2, "reached and not reached both met");
}
