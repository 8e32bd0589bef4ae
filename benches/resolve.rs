//! Speed figures quoted in the README: `cargo bench --bench resolve`.

use std::hint::black_box;

use update_source_planner::plan::prepare;
use update_source_planner::profile::Profile;
use update_source_planner::resolve::resolve;
use update_source_planner::scenario::{ListDoc, Mode, Scenario};
use update_source_planner::source_list::parse_list;

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
    s.sources.list = ListDoc::Text(list);
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
#[divan::bench(sample_count = 10)]
fn read_100k_line_paste(bencher: divan::Bencher) {
    let text = mixed_list(100_000);
    bencher.counter(divan::counter::BytesCount::new(text.len())).bench(|| parse_list(black_box(&text)));
}
