//! The fleet view agrees with single traces, and answers the fleet questions.

use std::net::IpAddr;

use proptest::prelude::*;
use update_source_planner::fleet::{self, Fleet, Summary};
use update_source_planner::input::agents::{parse_agents, AgentSpec};
use update_source_planner::input::range::position;
use update_source_planner::input::source::SourceId;
use update_source_planner::model::item::Item;
use update_source_planner::plan::prepare;
use update_source_planner::trace::Status;
use update_source_planner::walk::{matching_entries, resolve_for};
use update_source_planner::Scenario;

fn scenario(list: &str, extra: serde_json::Value) -> Scenario {
    let mut doc = serde_json::json!({
        "version": 1, "profile": "officescan-xg",
        "sources": { "mode": "customized", "list": list },
        "agent": { "addresses": ["10.0.0.1"] }
    });
    if let (Some(d), Some(e)) = (doc.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            d.insert(k.clone(), v.clone());
        }
    }
    Scenario::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

const LIST: &str = "10.1.0.0/16 -> ua://10.1.0.5\n10.0.0.0/8 -> ua://10.0.0.5\n10.1.2.0/24 -> ua://10.1.2.5\n2001:db8::/32 -> ua://[2001:db8::5]\n10.1.0.0/16 -> activeupdate";

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

#[test]
fn coverage_names_the_gaps_and_the_entries_no_address_reaches_first() {
    let plan = prepare(&scenario(LIST, serde_json::json!({})), None);
    let cov = fleet::coverage(&plan);
    let gap_v4: Vec<(&str, &str)> =
        cov.gaps.iter().filter(|g| g.first.contains('.')).map(|g| (g.first.as_str(), g.last.as_str())).collect();
    assert_eq!(gap_v4, vec![("0.0.0.0", "9.255.255.255"), ("11.0.0.0", "255.255.255.255")]);
    // Entry 3 (10.1.2.0/24) sits inside entry 1's range: entry 1 always comes first.
    let shadowed: Vec<(usize, Vec<usize>)> = cov.shadowed.iter().map(|s| (s.entry, s.covered_by.clone())).collect();
    assert_eq!(shadowed, vec![(3, vec![1]), (5, vec![1])]);
    let inner = cov.intervals.iter().find(|i| i.first == "10.1.2.0").map(|i| (i.cidr.clone(), i.chain.clone()));
    assert_eq!(inner, Some((vec!["10.1.2.0/24".to_string()], vec![1, 2, 3, 5])));
}

#[test]
fn who_gives_the_exact_blocks_and_an_example() {
    let plan = prepare(&scenario(LIST, serde_json::json!({ "world": { "down": ["ua://10.1.0.5"] } })), None);
    let who = fleet::who(&plan, &SourceId::read("UA://10.0.0.5"), Item::Components);
    assert_eq!(who.source.to_string(), "ua://10.0.0.5");
    // With 10.1.0.5 down, 10.1/16 goes on to entry 2 as well.
    assert_eq!(who.cidr, vec!["10.0.0.0/8"]);
    assert_eq!(who.ipv4_addresses, 1 << 24);
    // The example is a machine's address, not the network's own.
    assert_eq!(who.example.as_deref(), Some("10.0.0.1"));
    let single = resolve_for(&plan, &[ip("10.0.0.1")]);
    assert_eq!(
        single.outcome.get(&Item::Components).and_then(|o| o.source()).map(ToString::to_string).as_deref(),
        Some("ua://10.0.0.5")
    );
}

#[test]
fn outages_find_an_agents_single_points_of_failure() {
    let plan = prepare(
        &scenario("10.0.0.0/8 -> ua://10.0.0.5", serde_json::json!({ "settings": { "fallback_programs": false } })),
        None,
    );
    let outages = fleet::agent_outages(&plan, &[ip("10.9.9.9")]);
    let names = |down: &[SourceId]| {
        let mut v: Vec<String> = down.iter().map(ToString::to_string).collect();
        v.sort();
        v
    };
    let singles: Vec<(Vec<String>, Vec<Item>)> =
        outages.fatal.iter().filter(|o| o.down.len() == 1).map(|o| (names(&o.down), o.lost.clone())).collect();
    // Programs have no fallback: the Update Agent alone is a single point of failure for them.
    assert_eq!(singles, vec![(vec!["ua://10.0.0.5".to_string()], vec![Item::Programs])]);
    assert!(outages.fatal.iter().any(|o| names(&o.down) == vec!["server".to_string(), "ua://10.0.0.5".to_string()]
        && o.lost.contains(&Item::Components)));
    let impacts = fleet::list_outages(&plan);
    let ua = impacts.iter().find(|i| i.source.to_string() == "ua://10.0.0.5").map(|i| i.ipv4_addresses);
    assert_eq!(ua, Some(1 << 24));
    // The page says so only when no single outage costs an item.
    let said = fleet::words::agent_outages(plan.profile, "10.9.9.9", &outages);
    assert!(!said.contains("No single source outage costs it an item."), "{said}");
    let with_fallback = prepare(&scenario("10.0.0.0/8 -> ua://10.0.0.5", serde_json::json!({})), None);
    let said = fleet::words::agent_outages(
        with_fallback.profile,
        "10.9.9.9",
        &fleet::agent_outages(&with_fallback, &[ip("10.9.9.9")]),
    );
    assert!(said.contains("No single source outage costs it an item."), "{said}");
    assert!(!said.contains("Already not updated"), "{said}");
    // What is lost already is said apart, once.
    let lost_now = prepare(
        &scenario(
            "10.0.0.0/8 -> ua://10.0.0.5",
            serde_json::json!({ "settings": { "fallback_programs": false }, "world": { "down": ["ua://10.0.0.5"] } }),
        ),
        None,
    );
    let said =
        fleet::words::agent_outages(lost_now.profile, "10.9.9.9", &fleet::agent_outages(&lost_now, &[ip("10.9.9.9")]));
    assert!(said.contains("Already not updated with what is down now: programs and hot fixes."), "{said}");
}

/// An entry no address reaches first names the entries that come first.
#[test]
fn a_shadowed_entry_names_the_lines_that_come_first() {
    let list = "10.0.0.0/16 -> ua://10.0.0.5\n10.1.0.0/16 -> ua://10.1.0.5\n10.0.0.0/15 -> ua://10.0.0.9\n10.1.2.0/24 -> ua://10.1.2.5";
    let plan = prepare(&scenario(list, serde_json::json!({})), None);
    let said: Vec<String> = fleet::coverage(&plan).shadowed.iter().map(fleet::words::shadowed).collect();
    assert_eq!(
        said,
        [
            "line 3 (ua://10.0.0.9): lines 1 and 2 come first wherever it matches",
            "line 4 (ua://10.1.2.5): line 2 comes first wherever it matches"
        ]
    );
}

/// A customer's list of 20 sources, of which one covers the agent.
fn twenty_sources() -> String {
    let mut lines: Vec<String> = (1..=18).map(|i| format!("10.{i}.0.0/16 -> ua://10.{i}.0.5 # site {i}")).collect();
    lines.insert(0, "10.0.0.0/8 -> ua://10.0.0.5 # HQ catch-all".into());
    lines.push("192.168.0.0/16 -> http://mirror.corp.local/au".into());
    lines.join("\n")
}

#[test]
fn outages_check_pairs_whatever_the_number_of_sources() {
    // 20 sources in the list: 22 with the server and ActiveUpdate.
    let plan = prepare(&scenario(&twenty_sources(), serde_json::json!({})), None);
    assert!(plan.down_candidates().len() >= 20);
    let outages = fleet::agent_outages(&plan, &[ip("10.40.1.1")]);
    let pair = outages.fatal.iter().find(|o| {
        let mut d: Vec<String> = o.down.iter().map(ToString::to_string).collect();
        d.sort();
        d == vec!["server".to_string(), "ua://10.0.0.5".to_string()]
    });
    assert_eq!(pair.map(|o| o.lost.clone()), Some(vec![Item::DomainSettings, Item::Components, Item::Programs]));
    // And it is true: with both down, all three items are lost.
    let mut p = plan.clone();
    p.down.extend([SourceId::Server, SourceId::read("ua://10.0.0.5")]);
    let t = resolve_for(&p, &[ip("10.40.1.1")]);
    assert!(t.outcome.values().all(|o| o.status() == Status::NotUpdated));
    // The sentence says what was considered and claims nothing more.
    let words = fleet::words::agent_outages(plan.profile, "10.40.1.1", &outages);
    assert!(words.contains("can update from 2 sources"), "{words}");
    assert!(words.contains("No single source outage costs it an item"), "{words}");
}

#[test]
fn list_impact_counts_the_fleets_own_agents_when_it_has_some() {
    let plan = prepare(
        &scenario("10.0.0.0/8 -> ua://10.0.0.5", serde_json::json!({ "settings": { "fallback_programs": false } })),
        None,
    );
    let (specs, _) = parse_agents("10.0.0.1-10.0.0.4\n192.168.1.1");
    let impacts = fleet::fleet_outages(&plan, &specs);
    let ua = impacts.iter().find(|i| i.source.to_string() == "ua://10.0.0.5");
    // The four agents in 10/8 lose programs; 192.168.1.1 never used it.
    assert_eq!(ua.map(|i| (i.agents, i.of)), Some((4, 5)));
    assert_eq!(
        fleet::words::fleet_impact(plan.profile, ua.unwrap_or(&impacts[0])),
        "if Update Agent ua://10.0.0.5 is down, 4 of your 5 agents lose an item"
    );
}

#[test]
fn batch_expands_small_ranges_samples_large_ones_and_exports_csv() {
    let plan = prepare(&scenario(LIST, serde_json::json!({})), None);
    let (specs, errors) = parse_agents("10.1.2.3\n10.1.2.0/30, 2001:db8::1\n0.0.0.0/0 # sampled\nnonsense");
    // A CIDR block's agents are its hosts, without its network and broadcast addresses.
    assert_eq!(errors.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), vec![(4, 1)]);
    let batch = fleet::batch(&plan, &specs);
    assert_eq!(batch.sampled, 1);
    let agents: Vec<String> = batch.rows.iter().map(|r| r.agent.to_string()).collect();
    assert_eq!(&agents[..4], &["10.1.2.3", "10.1.2.1", "10.1.2.2", "2001:db8::1"]);
    // The sample holds both sides of every boundary.
    for edge in ["0.0.0.1", "9.255.255.255", "10.0.0.0", "10.1.1.255", "10.1.2.0", "255.255.255.254"] {
        assert!(agents.contains(&edge.to_string()), "{edge}");
    }
    let csv = batch.to_csv(&[Item::Components], &batch.rows);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("agent,components status,components source,attempts"));
    assert_eq!(lines.next(), Some("10.1.2.3,updated,ua://10.1.0.5,3"));
}

/// Random lists of a few overlapping entries, over a small corner of each family.
fn list_strategy() -> impl Strategy<Value = String> {
    let v4 = (0u8..4, 0u8..4, 0u8..=24).prop_map(|(a, b, len)| format!("10.{a}.{b}.0/{}", 8 + len % 17));
    let v4_range = (0u8..4, 0u8..4).prop_map(|(a, b)| format!("10.{a}.0.0-10.{}.255.255", a.max(b)));
    let v6 = (0u16..4).prop_map(|a| format!("2001:db8:{a}::/48"));
    let range = prop_oneof![v4, v4_range, v6, Just("*".to_string())];
    let source = prop_oneof![
        (0u8..4).prop_map(|a| format!("ua://10.{a}.0.5")),
        (0u16..4).prop_map(|a| format!("ua://[2001:db8:{a}::5]")),
        Just("server".to_string()),
        Just("activeupdate".to_string()),
        Just("http://mirror.corp.local/au".to_string()),
    ];
    prop::collection::vec((range, source), 0..8)
        .prop_map(|v| v.into_iter().map(|(r, s)| format!("{r} -> {s}")).collect::<Vec<_>>().join("\n"))
}

fn addr_strategy() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        (0u8..5, 0u8..5, any::<u8>(), any::<u8>()).prop_map(|(a, b, c, d)| IpAddr::from([10, a, b, c.wrapping_add(d)])),
        Just(IpAddr::from([10, 0, 0, 5])),
        Just(IpAddr::from([10, 1, 0, 5])),
        (0u16..5, any::<u16>()).prop_map(|(a, z)| IpAddr::from([0x2001, 0xdb8, a, 0, 0, 0, 0, z])),
        Just(IpAddr::from([0x2001, 0xdb8, 1, 0, 0, 0, 0, 5])),
        any::<[u8; 4]>().prop_map(IpAddr::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn batch_and_coverage_agree_with_single_traces(
        list in list_strategy(),
        addrs in prop::collection::vec(addr_strategy(), 1..12),
        role in prop_oneof![Just("agent"), Just("update-agent")],
        down in prop::collection::vec(prop_oneof![Just("server"), Just("ua://10.1.0.5"), Just("activeupdate"), Just("ua://[2001:db8:1::5]")], 0..3),
        fallback in any::<bool>(),
    ) {
        let s = scenario(&list, serde_json::json!({
            "agent": { "addresses": ["10.0.0.1"], "role": role },
            "world": { "down": down },
            "settings": { "fallback_components": fallback }
        }));
        let plan = prepare(&s, None);
        let mut fleet = Fleet::of_machines(&plan);
        let mut as_agent = Fleet::new(&plan);
        let specs: Vec<(usize, AgentSpec)> = addrs.iter().map(|a| (1, AgentSpec::One(*a))).collect();
        let batch = fleet::batch(&plan, &specs);
        let cov = fleet::coverage(&plan);
        // Each machine once, in the order first named.
        let mut distinct: Vec<IpAddr> = Vec::new();
        for a in &addrs {
            if !distinct.contains(a) {
                distinct.push(*a);
            }
        }
        prop_assert_eq!(batch.rows.iter().map(|r| r.agent).collect::<Vec<_>>(), distinct.clone());
        prop_assert_eq!(batch.repeated, (addrs.len() - distinct.len()) as u128);
        prop_assert_eq!(batch.agents_counted(), distinct.len() as u128);
        for (row, a) in batch.rows.iter().zip(&distinct) {
            let single = resolve_for(&fleet::plan_for(&plan, *a), &[*a]);
            prop_assert_eq!(batch.summary(row), Some(&Summary::of(&single)), "batch for {}", a);
            prop_assert_eq!(fleet.summary(*a), &Summary::of(&single), "fleet for {}", a);
            // Every address as the scenario's agent (the coverage map's view).
            prop_assert_eq!(as_agent.summary(*a), &Summary::of(&resolve_for(&plan, &[*a])), "as the agent at {}", a);
            let chain: Vec<usize> = matching_entries(plan.ranges(), &[*a]).iter().map(|i| i + 1).collect();
            let text = a.to_string();
            let iv = cov.intervals.iter().find(|iv| {
                let (f, l): (IpAddr, IpAddr) = (iv.first.parse().unwrap_or(*a), iv.last.parse().unwrap_or(*a));
                f.is_ipv4() == a.is_ipv4() && f <= *a && *a <= l
            });
            prop_assert!(iv.is_some(), "no interval holds {}", text);
            prop_assert_eq!(iv.map(|i| i.chain.clone()), Some(chain), "coverage chain for {}", text);
        }
        // Intervals are maximal: neighbours of one family differ in their
        // chain, but where an Update Agent's own address is set apart.
        for pair in fleet.index.intervals.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.family == b.family && a.chain == b.chain {
                let ua_edge = plan.list.update_agent_ips.iter().any(|ip| {
                    let (family, v) = position(*ip);
                    family == a.family && (v == b.start || v + 1 == b.start)
                });
                prop_assert!(ua_edge, "{:?} and {:?} could be one interval", a, b);
            }
        }
        // As the page's worker answers: the batch in address order, crossed as bytes.
        let mut sent = fleet::batch_with(&plan, &specs, &mut |_, _| {});
        sent.sort_by_agent();
        let crossed = fleet::wire::decode(&fleet::wire::encode(&sent));
        prop_assert!(crossed.is_ok(), "{:?}", crossed);
        let crossed = crossed.unwrap_or(sent);
        prop_assert_eq!(crossed.rows.len(), distinct.len());
        prop_assert_eq!(crossed.repeated, batch.repeated);
        for row in &crossed.rows {
            let single = resolve_for(&fleet::plan_for(&plan, row.agent), &[row.agent]);
            prop_assert_eq!(crossed.summary(row), Some(&Summary::of(&single)), "worker for {}", row.agent);
        }
    }

    #[test]
    fn damaged_worker_answers_are_refused_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..200), cut in 0usize..64) {
        // Any bytes: an answer or a refusal.
        let _ = fleet::wire::decode(&bytes);
        // A real answer cut short is refused.
        let plan = prepare(&scenario(LIST, serde_json::json!({})), None);
        let specs: Vec<(usize, AgentSpec)> = vec![(1, AgentSpec::One(ip("10.1.2.3"))), (2, AgentSpec::One(ip("2001:db8::1")))];
        let whole = fleet::wire::encode(&fleet::batch(&plan, &specs));
        let keep = whole.len().saturating_sub(cut + 1);
        prop_assert!(fleet::wire::decode(&whole[..keep]).is_err());
    }

    #[test]
    fn the_tables_order_is_the_order_of_comparing_rows(
        list in list_strategy(),
        addrs in prop::collection::vec(addr_strategy(), 1..40),
        by in prop_oneof![Just(fleet::Order::Agent), Just(fleet::Order::Attempts), Just(fleet::Order::Item(Item::Components)), Just(fleet::Order::Item(Item::Programs))],
        descending in any::<bool>(),
        needle in prop_oneof![Just(""), Just("10."), Just("server"), Just("ua://"), Just("not-updated"), Just("db8")],
        sorted in any::<bool>(),
    ) {
        let plan = prepare(&scenario(&list, serde_json::json!({ "world": { "down": ["server"] } })), None);
        let specs: Vec<(usize, AgentSpec)> = addrs.iter().map(|a| (1, AgentSpec::One(*a))).collect();
        let mut batch = fleet::batch(&plan, &specs);
        if sorted {
            batch.sort_by_agent();
        }
        let got: Vec<IpAddr> = batch.order(needle, by, descending).iter().map(|i| batch.rows[*i].agent).collect();
        // The plain way: keep the rows whose address, status or source holds the needle; compare pairs.
        let keep = |r: &fleet::BatchRow| {
            let s = batch.summary(r);
            needle.is_empty() || r.agent.to_string().contains(needle) || s.is_some_and(|s| s.items.iter().any(|(_, o)| {
                o.status().id().contains(needle) || o.source().is_some_and(|x| x.to_string().contains(needle))
            }))
        };
        let mut want: Vec<&fleet::BatchRow> = batch.rows.iter().filter(|r| keep(r)).collect();
        want.sort_by(|a, b| {
            let (sa, sb) = (batch.summary(a), batch.summary(b));
            let ord = match by {
                fleet::Order::Agent => a.agent.cmp(&b.agent),
                fleet::Order::Attempts => sa.map(|s| s.attempts).cmp(&sb.map(|s| s.attempts)),
                fleet::Order::Item(i) => sa.and_then(|s| s.get(i)).map(|o| o.sort_key()).cmp(&sb.and_then(|s| s.get(i)).map(|o| o.sort_key())),
            };
            let ord = if descending { ord.reverse() } else { ord };
            ord.then_with(|| if by == fleet::Order::Agent { std::cmp::Ordering::Equal } else { a.agent.cmp(&b.agent) })
        });
        let want: Vec<IpAddr> = want.iter().map(|r| r.agent).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn every_fatal_set_is_fatal_and_nothing_smaller_is(
        list in list_strategy(),
        addr in addr_strategy(),
        fallback in any::<bool>(),
        au in any::<bool>(),
        down in prop::collection::vec(prop_oneof![Just("server"), Just("ua://10.1.0.5"), Just("activeupdate")], 0..2),
    ) {
        let s = scenario(&list, serde_json::json!({
            "settings": { "fallback_components": fallback, "agents_use_activeupdate": au },
            "world": { "down": down }
        }));
        let plan = prepare(&s, None);
        let report = fleet::agent_outages(&plan, &[addr]);
        let base = Summary::of(&resolve_for(&plan, &[addr]));
        let lost_with = |set: &[SourceId]| {
            let mut p = plan.clone();
            p.down.extend(set.iter().cloned());
            base.lost_in(&Summary::of(&resolve_for(&p, &[addr])))
        };
        for o in &report.fatal {
            // Down together, the set loses exactly the items it says.
            prop_assert_eq!(lost_with(&o.down), o.lost.clone(), "{:?}", o.down);
            // Any smaller set (each one left out) loses none of the items whose smallest outage this is.
            for skip in 0..o.down.len() {
                let smaller: Vec<SourceId> = o.down.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, s)| s.clone()).collect();
                let still = lost_with(&smaller);
                let own: Vec<Item> = o.lost.iter().copied().filter(|i| !report.fatal.iter().any(|f| f.down.len() < o.down.len() && f.lost.contains(i))).collect();
                prop_assert!(own.iter().all(|i| !still.contains(i)), "{:?} without {} still loses {:?}", o.down, skip, still);
            }
        }
        // Exhaustively, among the sources it says it considered (small lists): no set smaller
        // than an item's reported outage loses that item.
        if report.reachable.len() <= 6 {
            let n = report.reachable.len();
            for mask in 1u32..(1 << n) {
                let set: Vec<SourceId> = (0..n).filter(|b| mask & (1 << b) != 0).filter_map(|b| report.reachable.get(b).cloned()).collect();
                for item in lost_with(&set) {
                    let smallest = report.fatal.iter().filter(|f| f.lost.contains(&item)).map(|f| f.down.len()).min();
                    prop_assert!(smallest.is_some_and(|k| k <= set.len()), "{:?} loses {:?}, reported {:?}", set, item, smallest);
                }
            }
        }
    }

    #[test]
    fn outage_impact_equals_walking_every_interval_again(
        list in list_strategy(),
        fallback in any::<bool>(),
        au in any::<bool>(),
    ) {
        let s = scenario(&list, serde_json::json!({
            "settings": { "fallback_components": fallback, "agents_use_activeupdate": au }
        }));
        let plan = prepare(&s, None);
        let index = fleet::Index::build(&plan);
        // The worker's way, with progress told as it goes, answers the same.
        let mut told = Vec::new();
        let answer = fleet::list_outages_with(&plan, &mut |done, total| told.push((done, total)));
        prop_assert_eq!(&answer, &fleet::list_outages(&plan));
        prop_assert!(told.first() == Some(&(0, index.intervals.len())) && told.windows(2).all(|w| w[0].0 < w[1].0), "{:?}", told);
        for impact in answer {
            let mut p = plan.clone();
            p.down.insert(impact.source.clone());
            let (mut v4, mut v6) = (0u128, 0u128);
            for iv in &index.intervals {
                let addr = update_source_planner::input::range::addr_at(iv.family, iv.start);
                let was = Summary::of(&resolve_for(&plan, &[addr]));
                let now = Summary::of(&resolve_for(&p, &[addr]));
                let lost = Item::ALL.iter().any(|i| {
                    was.get(*i).is_some_and(|o| o.status() == Status::Updated)
                        && now.get(*i).is_some_and(|o| o.status() == Status::NotUpdated)
                });
                if lost {
                    let n = (iv.end - iv.start).saturating_add(1);
                    if addr.is_ipv4() { v4 += n } else { v6 = v6.saturating_add(n) }
                }
            }
            prop_assert_eq!((impact.ipv4_addresses, impact.ipv6_addresses), (v4, v6), "{}", impact.source);
        }
    }
}

#[test]
fn a_long_batch_tells_its_progress_and_the_worker_sends_it_in_address_order() {
    let plan = prepare(&scenario(LIST, serde_json::json!({})), None);
    let specs: Vec<(usize, AgentSpec)> =
        (0..10_000u32).rev().map(|i| (1, AgentSpec::One(IpAddr::from((0x0a01_0000 + i).to_be_bytes())))).collect();
    let mut told = Vec::new();
    let mut batch = fleet::batch_with(&plan, &specs, &mut |done, total| told.push((done, total)));
    assert_eq!(told, vec![(0, 10_000), (4096, 10_000), (8192, 10_000)]);
    assert_eq!(batch.rows.first().map(|r| r.agent), Some(ip("10.1.39.15")), "in the order given");
    batch.sort_by_agent();
    assert_eq!(batch.rows.first().map(|r| r.agent), Some(ip("10.1.0.0")));
    assert!(batch.rows.windows(2).all(|w| w[0].agent <= w[1].agent));
    assert_eq!(batch.rows.len(), 10_000);
}

fn group_scenario(relays: &[&str], down: &[&str], direct: bool) -> Scenario {
    let relays: Vec<serde_json::Value> = relays.iter().map(|r| serde_json::json!({ "name": r })).collect();
    let doc = serde_json::json!({
        "version": 4, "profile": "swp",
        "swp": { "relay_group": "Branch relays", "relays": relays, "direct_if_relays_unreachable": direct },
        "agent": { "addresses": ["172.16.0.9"] },
        "world": { "down": down }
    });
    Scenario::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_relay_group_is_one_source_to_outages_lost_only_when_every_relay_is() {
    let agent = [ip("172.16.0.9")];
    // Two relays, one down: nothing is lost, and no single relay is named.
    let plan = prepare(&group_scenario(&["relay-a", "relay-b"], &["relay-a"], false), None);
    let report = fleet::agent_outages(&plan, &agent);
    assert!(report.already_lost.is_empty());
    assert_eq!(
        report.fatal.iter().map(|o| o.down.clone()).collect::<Vec<_>>(),
        vec![vec![SourceId::RelayGroup("Branch relays".into())]]
    );
    let words = fleet::words::agent_outages(plan.profile, "172.16.0.9", &report);
    assert!(words.contains("every relay of group \"Branch relays\" down: loses components"), "{words}");
    // Both up: the smallest outage is still the group, never one relay.
    let plan = prepare(&group_scenario(&["relay-a", "relay-b"], &[], false), None);
    let report = fleet::agent_outages(&plan, &agent);
    assert_eq!(report.fatal.len(), 1);
    assert_eq!(report.fatal[0].down, vec![SourceId::RelayGroup("Branch relays".into())]);
    // Over the address space: a relay alone costs nothing, the group everything.
    let impact = fleet::list_outages(&plan);
    let lost = |source: &str| impact.iter().find(|i| i.source.to_string() == source).map(|i| i.ipv4_addresses);
    assert_eq!(lost("relay-a"), Some(0));
    assert_eq!(lost("relay-group:Branch relays"), Some(1u128 << 32));
    let said = fleet::words::list_impact(plan.profile, impact.first().expect("an impact"));
    assert_eq!(said, "relay group \"Branch relays\" down: all of IPv4 and all of IPv6 lose an item");
    // With the primary source as a way out, the group alone costs nothing.
    let plan = prepare(&group_scenario(&["relay-a", "relay-b"], &[], true), None);
    let report = fleet::agent_outages(&plan, &agent);
    assert_eq!(report.fatal[0].down, vec![SourceId::RelayGroup("Branch relays".into()), SourceId::Primary]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every outage set reported for a relay group's agent, applied, loses
    /// its items in a single trace, and no relay of a group with another up is named alone.
    #[test]
    fn every_reported_group_outage_applied_loses_the_item(
        n in 1usize..5,
        down_mask in 0u8..32,
        direct in any::<bool>(),
        tenant in any::<bool>(),
        more in prop::collection::vec(prop_oneof![Just("primary"), Just("tenant-relay-group")], 0..2),
    ) {
        let names: Vec<String> = (0..n).map(|i| format!("relay-{i}")).collect();
        let mut down: Vec<String> = (0..n).filter(|i| down_mask & (1 << i) != 0).map(|i| names[i].clone()).collect();
        down.extend(more.iter().map(|s| s.to_string()));
        let relays: Vec<serde_json::Value> = names.iter().map(|r| serde_json::json!({ "name": r })).collect();
        let doc = serde_json::json!({
            "version": 4, "profile": "swp",
            "swp": { "relay_group": "G", "relays": relays, "direct_if_relays_unreachable": direct, "tenant_group_if_relays_unreachable": tenant },
            "agent": { "addresses": ["172.16.0.9"] }, "world": { "down": down }
        });
        let plan = prepare(&Scenario::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}")), None);
        let agent = [ip("172.16.0.9")];
        let report = fleet::agent_outages(&plan, &agent);
        let base = Summary::of(&resolve_for(&plan, &agent));
        let up = names.iter().filter(|r| !down.contains(r)).count();
        for o in &report.fatal {
            let mut p = plan.clone();
            p.down.extend(o.down.iter().cloned());
            prop_assert_eq!(base.lost_in(&Summary::of(&resolve_for(&p, &agent))), o.lost.clone(), "{:?}", o.down);
            if up >= 2 {
                prop_assert!(!o.down.iter().any(|s| matches!(s, SourceId::Relay(_))), "{:?}", o.down);
            }
        }
    }
}

#[test]
fn an_entry_inside_another_is_covered_by_that_one_and_an_update_agent_maps_as_an_agent() {
    let list = "10.9.0.0/16 -> ua://10.9.0.5\n10.1.0.0/16 -> ua://10.1.0.5\n10.1.2.0/24 -> ua://10.1.2.5";
    let plan = prepare(&scenario(list, serde_json::json!({})), None);
    let cov = fleet::coverage(&plan);
    let shadowed: Vec<(usize, Vec<usize>)> = cov.shadowed.iter().map(|s| (s.entry, s.covered_by.clone())).collect();
    assert_eq!(shadowed, vec![(3, vec![2])], "entry 3 sits inside entry 2, not entry 1");
    // The map is of ordinary agents: an Update Agent traced does not cut
    // its own address out as an interval of its own.
    let ua = prepare(
        &scenario(list, serde_json::json!({ "agent": { "addresses": ["10.1.0.5"], "role": "update-agent" } })),
        None,
    );
    assert_eq!(fleet::coverage(&ua), cov);
}

#[test]
fn swp_coverage_starts_where_the_agents_walk_does() {
    let doc = |swp: serde_json::Value, version: Option<&str>| {
        let mut d =
            serde_json::json!({ "version": 5, "profile": "swp", "swp": swp, "agent": { "addresses": ["172.16.0.9"] } });
        if let Some(v) = version {
            d["agent"]["version"] = serde_json::json!(v);
        }
        prepare(&Scenario::from_json(&d.to_string()).unwrap_or_else(|e| panic!("{e}")), None)
    };
    let first = |plan: &update_source_planner::plan::Plan| {
        let cov = fleet::coverage(plan);
        let sources: Vec<Option<String>> =
            cov.intervals.iter().map(|i| i.first_source.as_ref().map(ToString::to_string)).collect();
        sources.first().cloned().flatten()
    };
    let relays = serde_json::json!([{ "name": "relay-a" }, { "name": "relay-b" }]);
    assert_eq!(first(&doc(serde_json::json!({ "relays": relays }), None)).as_deref(), Some("relay-a"));
    let group = serde_json::json!({ "relays": relays, "relay_group": "Branch" });
    assert_eq!(first(&doc(group, None)).as_deref(), Some("relay-group:Branch"));
    let enrolled = serde_json::json!({ "relays": relays, "version_control": true });
    assert_eq!(first(&doc(enrolled, Some("202412"))).as_deref(), Some("trend-vision-one"));
    assert_eq!(first(&doc(serde_json::json!({}), None)), None, "no relay at all: a gap");
}

/// Sorted by an item, the table puts "not-updated" before "updated", and
/// updated agents by their source, as the JSON spellings sort.
#[test]
fn sorting_by_an_item_groups_the_outcomes_then_the_sources() {
    let list = "10.1.0.0/16 -> ua://10.1.0.5\n10.2.0.0/16 -> ua://10.0.0.5";
    let plan = prepare(
        &scenario(
            list,
            serde_json::json!({ "world": { "down": ["server"] }, "settings": { "agents_use_activeupdate": false } }),
        ),
        None,
    );
    let agents = ["10.1.4.20", "192.168.1.1", "10.2.0.9"];
    let specs: Vec<(usize, AgentSpec)> =
        agents.iter().map(|a| (1, AgentSpec::One(a.parse().expect("an address")))).collect();
    let batch = fleet::batch(&plan, &specs);
    let order: Vec<String> = batch
        .order("", fleet::Order::Item(Item::Components), false)
        .iter()
        .map(|i| batch.rows[*i].agent.to_string())
        .collect();
    assert_eq!(
        order,
        ["192.168.1.1", "10.2.0.9", "10.1.4.20"],
        "not updated; then from ua://10.0.0.5; then from ua://10.1.0.5"
    );
}

/// The outage answers tell their progress as the batch does: at the start
/// and every so many intervals or agents, never at every one.
#[test]
fn the_outage_answers_tell_their_progress_now_and_then() {
    let list: String = (0..200u32).map(|i| format!("10.{}.{}.0/24 -> ua://10.0.0.5\n", i / 256, i % 256)).collect();
    let plan = prepare(&scenario(&list, serde_json::json!({})), None);
    let mut told = Vec::new();
    let _ = fleet::list_outages_with(&plan, &mut |done, total| told.push((done, total)));
    let intervals = told.first().map_or(0, |t| t.1);
    assert!(intervals > 128, "{intervals} intervals");
    let expected: Vec<(usize, usize)> = (0..intervals).step_by(64).map(|d| (d, intervals)).collect();
    assert_eq!(told, expected);
    let specs: Vec<(usize, AgentSpec)> =
        (0..9_000u32).map(|i| (1, AgentSpec::One(IpAddr::from((0x0a01_0000 + i).to_be_bytes())))).collect();
    let mut told = Vec::new();
    let _ = fleet::fleet_outages_with(&plan, &specs, &mut |done, total| told.push((done, total)));
    assert_eq!(told, vec![(0, 9_000), (4096, 9_000), (8192, 9_000)]);
}

/// Agents that end alike share one outcome; the list's own Update Agent
/// walks as one, skipping itself, whatever the scenario's agent is.
#[test]
fn agents_that_end_alike_share_one_outcome() {
    let plan = prepare(&scenario("10.1.0.0/16 -> ua://10.1.0.5", serde_json::json!({})), None);
    let (specs, _) = parse_agents("10.1.0.4-10.1.0.6\n10.1.0.9-10.1.0.12");
    let batch = fleet::batch(&plan, &specs);
    assert_eq!(batch.rows.len(), 7);
    assert_eq!(batch.summaries.len(), 2, "{:?}", batch.summaries);
    let ids: Vec<usize> = batch.rows.iter().map(|r| r.summary).collect();
    assert_eq!(ids.iter().filter(|i| **i == ids[1]).count(), 1, "{ids:?}");
    // Update Agents: the one at 10.1.0.5 skips itself, its neighbours on
    // either side walk alike.
    let plan = prepare(
        &scenario(
            "10.1.0.0/16 -> ua://10.1.0.5",
            serde_json::json!({ "agent": { "addresses": ["10.1.0.4"], "role": "update-agent" } }),
        ),
        None,
    );
    let batch = fleet::batch(&plan, &specs);
    let ids: Vec<usize> = batch.rows.iter().map(|r| r.summary).collect();
    assert_eq!(batch.summaries.len(), 2, "{:?}", batch.summaries);
    assert_eq!(ids[0], ids[2]);
    assert_ne!(ids[0], ids[1]);
}

/// A range of 4096 agents is listed agent by agent; one of 4097 is sampled.
#[test]
fn ranges_up_to_4096_agents_are_listed_whole() {
    let plan = prepare(&scenario(LIST, serde_json::json!({})), None);
    let (whole, _) = parse_agents("10.3.0.0-10.3.15.255");
    let batch = fleet::batch(&plan, &whole);
    assert_eq!((batch.rows.len(), batch.sampled), (4096, 0));
    let (wider, _) = parse_agents("10.3.0.0-10.3.16.0");
    let batch = fleet::batch(&plan, &wider);
    assert_eq!(batch.sampled, 1);
    let agents: Vec<String> = batch.rows.iter().map(|r| r.agent.to_string()).collect();
    assert_eq!(agents, ["10.3.0.0", "10.3.16.0"]);
}

/// The Fleet table's filter finds agents by part of their address, with
/// its dots (IPv4) or colons (IPv6).
#[test]
fn the_filter_finds_agents_by_part_of_their_address() {
    let plan = prepare(&scenario(LIST, serde_json::json!({})), None);
    let (specs, _) = parse_agents("10.1.2.3\n10.1.3.4\n2001:db8::1\n2001:db9::1");
    let batch = fleet::batch(&plan, &specs);
    let found = |needle: &str| -> Vec<String> {
        batch.order(needle, fleet::Order::Agent, false).iter().map(|i| batch.rows[*i].agent.to_string()).collect()
    };
    assert_eq!(found("1.2."), ["10.1.2.3"]);
    assert_eq!(found("db9:"), ["2001:db9::1"]);
}

/// An address where one entry ends and the next begins matches both, the
/// first listed first.
#[test]
fn an_address_where_one_entry_ends_and_another_begins_matches_both() {
    let list = "10.0.0.0-10.0.0.5 -> ua://10.9.0.5\n10.0.0.5-10.0.0.9 -> ua://10.1.0.5";
    let plan = prepare(&scenario(list, serde_json::json!({})), None);
    let mut fleet = Fleet::new(&plan);
    let edge = ip("10.0.0.5");
    assert_eq!(fleet.summary(edge), &Summary::of(&resolve_for(&plan, &[edge])));
    assert_eq!(
        fleet.summary(edge).get(Item::Components).and_then(|o| o.source()).map(ToString::to_string),
        Some("ua://10.9.0.5".to_string())
    );
    assert_eq!(
        fleet::coverage(&plan).intervals.iter().find(|i| i.first == "10.0.0.5").map(|i| i.chain.clone()),
        Some(vec![1, 2])
    );
}

/// The machine at an address the list names as an Update Agent is that
/// Update Agent: in a fleet of plain agents it walks as one (it skips
/// itself, L1, and takes what it shares from its own source), as
/// `planner trace` does with the Update Agent's role; a branch's /24
/// counts its 254 hosts, the Update Agent one of them.
#[test]
fn a_fleet_walks_the_lists_own_update_agent_as_an_update_agent() {
    let list = "10.0.0.0/16 -> ua://10.0.0.5\n10.0.0.0/8 -> ua://10.1.0.5";
    let plan = prepare(&scenario(list, serde_json::json!({})), None);
    let (specs, _) = parse_agents("10.0.0.0/24");
    let batch = fleet::batch(&plan, &specs);
    assert_eq!(batch.rows.len(), 254);
    let source = |a: &str| {
        let row = batch.rows.iter().find(|r| r.agent == ip(a)).expect("a row");
        batch.summary(row).and_then(|s| s.get(Item::Components)).and_then(|o| o.source()).map(ToString::to_string)
    };
    assert_eq!(source("10.0.0.4").as_deref(), Some("ua://10.0.0.5"));
    assert_eq!(source("10.0.0.5").as_deref(), Some("ua://10.1.0.5"), "the Update Agent never updates from itself");
    let as_ua = prepare(
        &scenario(list, serde_json::json!({ "agent": { "addresses": ["10.0.0.5"], "role": "update-agent" } })),
        None,
    );
    let row = batch.rows.iter().find(|r| r.agent == ip("10.0.0.5")).expect("a row");
    assert_eq!(batch.summary(row), Some(&Summary::of(&resolve_for(&as_ua, &[ip("10.0.0.5")]))));
    // The Fleet tab and `planner batch` say why that row differs.
    assert_eq!(
        fleet::words::update_agents_walked(&batch.update_agents(&plan)).as_deref(),
        Some("10.0.0.5 is an Update Agent of the list: its row is its own update as one, never from itself (L1)")
    );
    let many: Vec<IpAddr> = (1..=5u8).map(|k| IpAddr::from([10, 0, k, 5])).collect();
    assert_eq!(
        fleet::words::update_agents_walked(&many[..2]).as_deref(),
        Some("10.0.1.5 and 10.0.2.5 are Update Agents of the list: their rows are their own updates as Update Agents, never from themselves (L1)")
    );
    assert!(fleet::words::update_agents_walked(&many[..3])
        .is_some_and(|w| w.starts_with("10.0.1.5, 10.0.2.5 and 10.0.3.5 are ")));
    assert!(fleet::words::update_agents_walked(&many)
        .is_some_and(|w| w.starts_with("10.0.1.5, 10.0.2.5, 10.0.3.5 and 2 more are ")));
    assert_eq!(fleet::words::update_agents_walked(&[]), None);
    let (specs, _) = parse_agents("10.0.0.5\n10.0.0.6\n10.0.0.5");
    assert_eq!(fleet::batch(&plan, &specs).update_agents(&plan), [ip("10.0.0.5")], "named once");
    assert_eq!(
        fleet::plan_for(&plan, ip("10.0.0.5")).agent.role,
        update_source_planner::format::scenario::Role::UpdateAgent
    );
    assert_eq!(fleet::plan_for(&plan, ip("10.0.0.4")).agent.role, update_source_planner::format::scenario::Role::Agent);
    // Only the Update Agent walks as one: with Update Agents kept to the
    // server, its neighbours still take from it.
    let kept = prepare(&scenario(list, serde_json::json!({ "settings": { "ua_server_only": true } })), None);
    let sources_of = |plan: &update_source_planner::plan::Plan| -> Vec<Option<String>> {
        let batch = fleet::batch(plan, &parse_agents("10.0.0.4-10.0.0.6").0);
        batch
            .rows
            .iter()
            .map(|r| {
                batch.summary(r).and_then(|s| s.get(Item::Components)).and_then(|o| o.source()).map(ToString::to_string)
            })
            .collect()
    };
    let sources = sources_of(&kept);
    assert_eq!(sources, [Some("ua://10.0.0.5".into()), Some("server".into()), Some("ua://10.0.0.5".into())]);
    // The same whatever role the single traced agent has: the fleet's other
    // machines are agents; the map of the scenario's agent keeps its role.
    let traced_ua = serde_json::json!({ "agent": { "addresses": ["10.0.0.5"], "role": "update-agent" }, "settings": { "ua_server_only": true } });
    let traced_ua = prepare(&scenario(list, traced_ua), None);
    assert_eq!(sources_of(&traced_ua), sources);
    assert_eq!(fleet::role_of(&traced_ua, ip("10.0.0.4")), update_source_planner::format::scenario::Role::Agent);
    let as_traced = Fleet::new(&traced_ua).summary(ip("10.0.0.4")).clone();
    assert_eq!(
        as_traced.get(Item::Components).and_then(|o| o.source()).map(ToString::to_string).as_deref(),
        Some("server")
    );
}

/// Addresses apart stay apart in the blocks that end at a source.
#[test]
fn who_keeps_ranges_apart_that_are_apart() {
    let list = "10.1.0.0/16 -> ua://10.0.0.5\n10.2.0.0/16 -> ua://10.0.0.9\n10.3.0.0/16 -> ua://10.0.0.5";
    let plan = prepare(&scenario(list, serde_json::json!({})), None);
    let who = fleet::who(&plan, &SourceId::read("ua://10.0.0.5"), Item::Components);
    assert_eq!(who.cidr, vec!["10.1.0.0/16", "10.3.0.0/16"]);
    assert_eq!(who.ipv4_addresses, 2 << 16);
}

/// An example of the page, read as the page reads it.
fn example(file: &str) -> update_source_planner::plan::Plan {
    let text = std::fs::read_to_string(format!("www/examples/{file}")).unwrap_or_default();
    prepare(&Scenario::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}")), None)
}

/// *S&WP: a relay group with one relay down*: every address ends at the
/// group, whichever relay it reached, so *Who ends where* offers the group
/// (not its relays) and answers with every address; a relay asked about
/// answers as its group.
#[test]
fn who_ends_at_a_relay_group_answers_with_the_groups_addresses() {
    let plan = example("swp-relay-group-one-down.json");
    let group = SourceId::RelayGroup("Branch relays".into());
    let offered = fleet::who::sources(&plan);
    assert_eq!(offered, vec![group.clone(), SourceId::TenantRelayGroup, SourceId::Primary]);
    let who = fleet::who(&plan, &group, Item::Components);
    assert_eq!(who.source, group);
    assert_eq!(who.cidr, vec!["0.0.0.0/0", "::/0"]);
    assert_eq!((who.ipv4_addresses, who.ipv6_addresses), (1 << 32, u128::MAX));
    assert_eq!(who.example.as_deref(), Some("0.0.0.1"));
    // A block of one address, ending in .0, is its own example.
    let one = prepare(&scenario("10.9.0.0 -> ua://10.9.0.5", serde_json::json!({})), None);
    let alone = fleet::who(&one, &SourceId::read("ua://10.9.0.5"), Item::Components);
    assert_eq!(alone.example.as_deref(), Some("10.9.0.0"));
    // The coverage map puts the same addresses on the same group.
    assert!(fleet::coverage(&plan).intervals.iter().all(|i| i.first_source.as_ref() == Some(&group)));
    // relay-b, which is up, answers as the group it delivers for.
    assert_eq!(fleet::who(&plan, &SourceId::read("relay-b"), Item::Components), who);
    // So does the group asked for by its name alone (`planner who --source "Branch relays"`).
    assert_eq!(fleet::who(&plan, &SourceId::read("Branch relays"), Item::Components), who);
    // A relay of no group of this agent's is itself, and nothing ends there.
    let stranger = fleet::who(&plan, &SourceId::read("relay-z"), Item::Components);
    assert_eq!((stranger.source.to_string(), stranger.ipv4_addresses), ("relay-z".to_string(), 0));
    // Nothing ends at the secondary sources while a relay is up.
    let tenant = fleet::who(&plan, &SourceId::TenantRelayGroup, Item::Components);
    assert_eq!((tenant.ipv4_addresses, tenant.ipv6_addresses, tenant.example), (0, 0, None));
}

/// Relays listed without a group are each a source of their own.
#[test]
fn who_offers_each_relay_when_there_is_no_group() {
    let plan = example("swp-relays-down-direct.json");
    let offered = fleet::who::sources(&plan);
    assert!(offered.iter().any(|s| matches!(s, SourceId::Relay(_))), "{offered:?}");
    assert!(!offered.iter().any(|s| matches!(s, SourceId::RelayGroup(_))), "{offered:?}");
    assert_eq!(fleet::who(&plan, &SourceId::Primary, Item::Components).ipv4_addresses, 1 << 32);
}

/// The items *Who ends where* asks about are the product's: components
/// alone for Server & Workload Protection, even when the scenario asks for
/// more; the three for OfficeScan, or those the update wants.
#[test]
fn who_asks_only_about_the_products_items() {
    assert_eq!(fleet::who::items(&example("swp-relay-group-one-down.json")), vec![Item::Components]);
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("www/examples/swp-relay-group-one-down.json").unwrap_or_default(),
    )
    .unwrap_or_default();
    doc["agent"]["items"] = serde_json::json!(["domain-settings", "components", "programs"]);
    let swp = prepare(&Scenario::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}")), None);
    assert_eq!(fleet::who::items(&swp), vec![Item::Components]);
    doc["agent"]["items"] = serde_json::json!(["programs"]);
    let swp = prepare(&Scenario::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}")), None);
    assert_eq!(fleet::who::items(&swp), vec![Item::Components], "no item of the product asked: the product's");
    assert_eq!(fleet::who::items(&example("floor-update-agent-down.json")), Item::ALL.to_vec());
    let plan = prepare(
        &scenario(
            LIST,
            serde_json::json!({ "agent": { "addresses": ["10.0.0.1"], "items": ["programs", "components"] } }),
        ),
        None,
    );
    assert_eq!(fleet::who::items(&plan), vec![Item::Components, Item::Programs]);
}

/// The fleet's impact counts its agents in the right number.
#[test]
fn fleet_impact_counts_one_agent_as_one() {
    let plan = prepare(&scenario("10.0.0.0/8 -> ua://10.0.0.5", serde_json::json!({})), None);
    let said = |agents: &str| -> Vec<String> {
        let (specs, _) = parse_agents(agents);
        fleet::fleet_outages(&plan, &specs).iter().map(|i| fleet::words::fleet_impact(plan.profile, i)).collect()
    };
    let one = said("192.168.1.1");
    assert!(
        one.contains(&"if Update Agent ua://10.0.0.5 is down, 0 of your 1 agent lose an item".to_string()),
        "{one:?}"
    );
    let some = said("10.0.0.1\n192.168.1.1");
    assert!(some.iter().any(|s| s.ends_with("1 of your 2 agents loses an item")), "{some:?}");
}

/// The Fleet table's columns are sized from every row: the longest
/// address of each family wherever it is, every distinct outcome of each
/// item, the most attempts.
#[test]
fn the_widest_of_each_column_is_found_over_every_row() {
    let plan = prepare(&scenario(LIST, serde_json::json!({ "world": { "down": ["ua://10.1.0.5"] } })), None);
    let mut agents: Vec<String> = (0..5000).map(|i| format!("10.1.{}.{}", i / 250, i % 250)).collect();
    agents.push("192.168.100.100".into());
    agents.push("192.168.100.101".into());
    agents.push("2001:db8::1".into());
    agents.push("2001:db8:1234:5678:9abc:def0:1234:5678".into());
    agents.push("2001:db8::2".into());
    let (specs, _) = parse_agents(&agents.join("\n"));
    let batch = fleet::batch(&plan, &specs);
    let widest = batch.widest(&[Item::Components, Item::Programs]);
    // The first of the longest: as wide as any other of its length.
    assert_eq!(widest.agents, vec![ip("192.168.100.100"), ip("2001:db8:1234:5678:9abc:def0:1234:5678")]);
    let components: Vec<String> = widest
        .outcomes
        .iter()
        .find(|(i, _)| *i == Item::Components)
        .map(|(_, o)| o.iter().map(|o| o.source().map_or("-".into(), ToString::to_string)).collect())
        .unwrap_or_default();
    // 10.1/16 with its Update Agent down goes on to 10/8's; 192.168/16 to the
    // server; the IPv6 agents to theirs.
    assert_eq!(components, ["ua://10.0.0.5", "server", "ua://[2001:db8::5]"]);
    assert_eq!(widest.outcomes.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [Item::Components, Item::Programs]);
    assert_eq!(widest.attempts, batch.summaries.iter().map(|s| s.attempts).max().unwrap_or(0));
    assert!(widest.attempts >= 2, "10.1/16 tries its Update Agent, then the next");
    // Every row's text fits the widest found.
    for row in &batch.rows {
        let len = row.agent.to_string().len();
        assert!(widest.agents.iter().any(|a| a.is_ipv6() == row.agent.is_ipv6() && a.to_string().len() >= len));
    }
}

/// A machine named by more than one line (alone and in a block, blocks
/// that overlap, wide ones too) is one agent: counted once in the rows,
/// the downloads and the loads, and the rest told as named again.
#[test]
fn an_agent_named_twice_is_counted_once() {
    let plan = prepare(&scenario("10.3.0.0/16 -> ua://10.3.0.5", serde_json::json!({})), None);
    let counted = |agents: &str| {
        let batch = fleet::batch(&plan, &parse_agents(agents).0);
        (batch.agents_counted(), batch.repeated, batch.rows.len())
    };
    assert_eq!(counted("10.3.0.0/24\n10.3.0.0/24"), (254, 254, 254));
    assert_eq!(counted("10.3.0.20\n10.3.0.0/24\n10.3.0.20"), (254, 2, 254));
    // Wide ranges, sampled: every address counted once all the same.
    assert_eq!(counted("10.3.0.0/16\n10.3.0.0/24\n10.3.0.20").0, 65_534);
    assert_eq!(counted("10.3.0.0/16\n10.3.0.0/24\n10.3.0.20").1, 255);
    // Inside a wide range given earlier, an agent keeps its own row (the
    // range shows samples only), counted with the range.
    let rows = fleet::batch(&plan, &parse_agents("10.3.0.0/16\n10.3.0.20\n10.3.0.20").0).rows;
    assert_eq!(rows.iter().filter(|r| r.agent == ip("10.3.0.20")).count(), 1);
    assert_eq!(counted("10.3.0.20\n10.3.0.0/16").0, 65_534);
    assert_eq!(counted("10.3.0.20\n10.3.0.0/16").1, 1);
    // Named where a stretch of the wide range starts, and right after the
    // Update Agent's own address (a stretch of one).
    assert_eq!(counted("10.3.0.1\n10.3.0.0/16").0, 65_534);
    assert_eq!(counted("10.3.0.6\n10.3.0.0/16").0, 65_534);
    assert_eq!(counted("10.3.0.4\n10.3.0.0/16").0, 65_534);
    // Wide ranges apart, either way round, and overlapping from either side.
    assert_eq!(counted("10.3.0.0/16\n10.5.0.0/16").0, 2 * 65_534);
    assert_eq!(counted("10.5.0.0/16\n10.3.0.0/16").0, 2 * 65_534);
    assert_eq!(
        counted("10.3.128.0-10.4.255.255\n10.3.0.0/16"),
        (32_768 + 65_536 + 32_767, 32_767, counted("10.3.128.0-10.4.255.255\n10.3.0.0/16").2)
    );
    assert_eq!(counted("10.3.100.0-10.3.199.255\n10.3.0.0/16").0, 65_534);
    // An earlier wide range that starts where the new one ends, or where it starts.
    assert_eq!(counted("10.3.255.254-10.5.0.0\n10.3.0.0/16").0, 65_539 + 65_533);
    assert_eq!(counted("10.3.0.1-10.3.100.0\n10.3.0.0/16").0, 65_534);
    // ... or that ends where the new one starts.
    assert_eq!(counted("10.2.0.0-10.3.0.1\n10.3.0.0/16").0, 65_538 + 65_533);
    // An IPv6 agent is no IPv4 agent, whatever its number.
    assert_eq!(counted("::a03:14\n10.3.0.0/16").0, 65_535);
    assert_eq!(counted("10.3.0.0/16\n10.3.128.0/17"), (65_534, 32_766, counted("10.3.0.0/16").2));
    // Overlapping in part: 10.2.0.0-10.3.127.255, then the /16's other half.
    let (n, again, _) = counted("10.2.0.0-10.3.127.255\n10.3.0.0/16");
    assert_eq!((n, again), (65_536 + 32_768 + 32_767, 32_767));
    // What the page and `planner batch` say.
    let batch = fleet::batch(&plan, &parse_agents("10.3.0.0/24\n10.3.0.20").0);
    assert_eq!(
        fleet::words::named_again(batch.repeated).as_deref(),
        Some("1 repeat of an agent an earlier line named, counted once")
    );
    assert_eq!(
        fleet::words::named_again(3).as_deref(),
        Some("3 repeats of agents an earlier line named, each agent counted once")
    );
    assert_eq!(fleet::words::named_again(0), None);
}
