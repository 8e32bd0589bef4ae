//! The fleet's agents list: one address, range or CIDR block a line (or
//! several, separated by commas, semicolons or tabs), `#` starting a
//! comment. It is what `planner batch` reads and what the Fleet tab keeps.

use std::net::IpAddr;

use crate::input::host::parse_ip;
use crate::input::range::AddrRange;
use crate::input::source_list::column_of;
use crate::model::diagnostics::{Field, InputError};
use crate::model::rules::Rule;

/// One agent, or a range of agents, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum AgentSpec {
    /// One address.
    One(IpAddr),
    /// A range or CIDR block of one family (never `*`).
    Range(AddrRange),
}

/// Reads an agents list. Bad parts come back with line and column; the
/// others still count. Each spec comes with its line.
pub fn parse_agents(text: &str) -> (Vec<(usize, AgentSpec)>, Vec<InputError>) {
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or_default();
        let mut offset = 0;
        for part in line.split([',', ';', '\t']) {
            let here = offset;
            offset += part.len() + 1;
            let t = part.trim();
            if t.is_empty() {
                continue;
            }
            // `at`: where the trouble starts inside the trimmed part.
            let error = |text: String, at: usize| InputError {
                line: i + 1,
                column: column_of(raw, here + (part.len() - part.trim_start().len()) + at),
                text,
                rule: Rule::E1,
                field: Some(Field::Agents),
            };
            match parse_ip(t) {
                Some(ip) => specs.push((i + 1, AgentSpec::One(ip))),
                None => match AddrRange::parse(t) {
                    Ok(r) if r.is_any() => {
                        errors.push(error("`*` is every address: give a range or CIDR block".into(), 0))
                    }
                    Ok(r) => specs.push((i + 1, AgentSpec::Range(hosts(t).unwrap_or(r)))),
                    Err(e) => errors.push(error(e.message, e.offset)),
                },
            }
        }
    }
    (specs, errors)
}

/// An IPv4 CIDR block's agents are its hosts: its network and broadcast
/// addresses are no machine's (a /31 and a /32 have none to leave out).
/// A range written `A-B` is taken as written, and IPv6 has no broadcast.
fn hosts(text: &str) -> Option<AddrRange> {
    let net: ipnet::Ipv4Net = text.parse().ok()?;
    let (first, last) = (net.hosts().next()?, net.hosts().next_back()?);
    AddrRange::between(first.into(), last.into()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_ranges_and_comments() {
        let (specs, errors) = parse_agents("10.0.0.1, 10.0.1.0/30 # lab\n*\n10.0.0.300");
        assert_eq!(specs.len(), 2);
        let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, vec![(2, 1), (3, 1)]);
        assert!(errors[1].text.contains("300 is over 255"));
    }

    #[test]
    fn an_ipv4_block_stands_for_its_hosts_and_a_range_for_every_address() {
        let (specs, _) = parse_agents("10.3.0.0/24\n10.3.1.0-10.3.1.255\n10.3.2.0/31\n10.3.3.9/32\n2001:db8::/126");
        let spans: Vec<String> = specs
            .iter()
            .map(|(_, s)| match s {
                AgentSpec::Range(r) => r.to_string(),
                AgentSpec::One(ip) => ip.to_string(),
            })
            .collect();
        assert_eq!(
            spans,
            ["10.3.0.1-10.3.0.254", "10.3.1.0-10.3.1.255", "10.3.2.0-10.3.2.1", "10.3.3.9", "2001:db8::-2001:db8::3"]
                .map(String::from)
        );
    }

    #[test]
    fn each_bad_part_of_a_line_is_placed_at_its_first_character() {
        let line = "10.0.0.1,  10.0.0.300;bad\t 2001:db8::zz # lab";
        let (specs, errors) = parse_agents(&format!("10.0.0.2\n{line}\n10.9.0.0/30"));
        assert_eq!(specs.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![1, 2, 3]);
        let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        let column = |part: &str| line.find(part).map_or(0, |i| i + 1);
        assert_eq!(at, vec![(2, column("10.0.0.300")), (2, column("bad")), (2, column("2001:db8::zz"))]);
        // The bad half of a range is pointed at.
        let (_, errors) = parse_agents(" 10.3.0.9-10.3.0.x");
        assert_eq!(errors.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), vec![(1, 11)]);
    }
}
