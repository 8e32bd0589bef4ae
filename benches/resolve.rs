//! Speed figures quoted in the README: `cargo bench --bench resolve`.

use std::hint::black_box;

use update_source_planner::format::scenario::{ListDoc, Mode, Scenario};
use update_source_planner::input::source_list::parse_list;
use update_source_planner::model::profile::Profile;
use update_source_planner::plan::prepare;
use update_source_planner::walk::resolve;

fn main() {
    divan::main();
}

/// A 1,024-entry list mixing IPv4 ranges, IPv6 prefixes and every source kind.
pub fn mixed_list(entries: usize) -> String {
    let mut out = String::from("Client range,Update source\n");
    for i in 0..entries {
        let line = match i % 4 {
            0 => format!(
                "10.{}.{}.0/24 -> ua://10.{}.{}.5 # floor {i}\n",
                (i / 256) % 256,
                i % 256,
                (i / 256) % 256,
                i % 256
            ),
            1 => format!("2001:db8:{:x}::/48 -> ua://[2001:db8:{:x}::5]\n", i, i),
            2 => format!("172.16.{}.0 - 172.16.{}.255 -> http://mirror{i}.corp.local/au\n", i % 256, i % 256),
            _ => format!("192.168.{}.0/24 -> server\n", i % 256),
        };
        out.push_str(&line);
    }
    out.push_str("* -> activeupdate\n");
    out
}

fn scenario(list: String, address: &str) -> Scenario {
    let mut s = Scenario::starter(Profile::OfficeScanXg);
    s.sources.mode = Mode::Customized;
    s.sources.list = ListDoc::Text(list.into());
    s.agent.addresses = vec![address.to_string()];
    s.world.down = vec!["ua://10.3.252.5".into(), "server".into()];
    s
}

/// One agent against a 1,024-entry list, the plan already prepared (the
/// page prepares once per edit, then traces).
#[divan::bench]
fn trace_one_agent_1024_entries(bencher: divan::Bencher) {
    let plan = prepare(&scenario(mixed_list(1024), "10.3.252.77"), None);
    bencher.bench(|| resolve(black_box(&plan)));
}

/// Everything the page does on an edit: read the pasted list, prepare, trace.
#[divan::bench]
fn read_prepare_and_trace_1024_entries(bencher: divan::Bencher) {
    let s = scenario(mixed_list(1024), "10.3.252.77");
    bencher.bench(|| resolve(&prepare(black_box(&s), None)));
}

/// A 100,000-line paste (about 5 MB).
/// The same paste as the page takes it: read, prepared and traced.
#[divan::bench(sample_count = 10)]
fn read_prepare_and_trace_100k_line_paste(bencher: divan::Bencher) {
    let s = scenario(mixed_list(100_000), "10.3.252.77");
    bencher.bench(|| resolve(&prepare(black_box(&s), None)));
}

#[divan::bench(sample_count = 10)]
fn read_100k_line_paste(bencher: divan::Bencher) {
    let text = mixed_list(100_000);
    bencher.counter(divan::counter::BytesCount::new(text.len())).bench(|| parse_list(black_box(&text)));
}

/// 100,000 agents, IPv4 and IPv6, spread over a 1,024-entry list.
fn fleet_agents(n: usize) -> Vec<(usize, update_source_planner::input::agents::AgentSpec)> {
    use std::net::IpAddr;
    use update_source_planner::input::agents::AgentSpec;
    (0..n)
        .map(|i| {
            let k = (i * 7919) % 1024;
            let ip: IpAddr = match i % 5 {
                0 => IpAddr::from([0x2001, 0xdb8, k as u16, 0, 0, 0, 0, (i % 65536) as u16]),
                1 => IpAddr::from([172, 16, (k % 256) as u8, (i % 256) as u8]),
                2 => IpAddr::from([192, 168, (k % 256) as u8, (i % 256) as u8]),
                3 => IpAddr::from([203, 0, 113, (i % 256) as u8]),
                _ => IpAddr::from([10, ((k / 256) % 256) as u8, (k % 256) as u8, (i % 256) as u8]),
            };
            (1, AgentSpec::One(ip))
        })
        .collect()
}

/// The fleet view's batch: index the list, then 100,000 agents.
#[divan::bench(sample_count = 20)]
fn batch_100k_agents_1024_entries(bencher: divan::Bencher) {
    let plan = prepare(&scenario(mixed_list(1024), "10.0.0.1"), None);
    let agents = fleet_agents(100_000);
    bencher.bench(|| update_source_planner::fleet::batch(black_box(&plan), black_box(&agents)));
}

/// The coverage map of a 1,024-entry mixed list.
#[divan::bench(sample_count = 20)]
fn coverage_1024_entries(bencher: divan::Bencher) {
    let plan = prepare(&scenario(mixed_list(1024), "10.0.0.1"), None);
    bencher.bench(|| update_source_planner::fleet::coverage(black_box(&plan)));
}

/// Outage impact of every source over a 1,024-entry mixed list.
#[divan::bench(sample_count = 3)]
fn list_outages_1024_entries(bencher: divan::Bencher) {
    let plan = prepare(&scenario(mixed_list(1024), "10.0.0.1"), None);
    bencher.bench(|| update_source_planner::fleet::list_outages(black_box(&plan)));
}
