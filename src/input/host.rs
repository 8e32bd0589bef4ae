//! The one reader of addresses and host names (SPEC §2 "Hosts"). Every place
//! that takes a host (an Update Agent, a URL, the server's address, a relay
//! given as an address) and every place that takes an IP address (an agent,
//! a range's ends) reads it here, so a typo such as `10.1.0.500` is refused
//! the same way wherever it is typed instead of becoming a host name.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::input::family::IpFamily;

/// Where a source lives, as far as address families go.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Host {
    /// An IPv4 literal: reachable only from IPv4 (L2).
    V4(Ipv4Addr),
    /// An IPv6 literal: reachable only from IPv6 (L2).
    V6(Ipv6Addr),
    /// A DNS name, lower-cased: taken as reachable from both families (L2).
    Name(String),
}

/// Why a host did not read; `offset` is the byte offset inside the text
/// read, so callers can point at a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostError {
    /// Byte offset of the trouble inside the text given.
    pub offset: usize,
    /// What is wrong, with the obvious fix where there is one.
    pub message: String,
}

fn fail<T>(offset: usize, message: String) -> Result<T, HostError> {
    Err(HostError { offset, message })
}

/// The longest DNS name (RFC 1035), dots included.
pub const MAX_NAME: usize = 253;
/// The longest DNS label (RFC 1035).
pub const MAX_LABEL: usize = 63;

/// An IP address as agents and ranges are written: IPv4, IPv6, or IPv6 in
/// brackets. `None` for anything else; [`ip_problem`] says why.
pub fn parse_ip(text: &str) -> Option<IpAddr> {
    let t = crate::input::text::trim(text);
    let t = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')).unwrap_or(t);
    ip(t)
}

/// `text.parse::<IpAddr>()`, with IPv4 read by [`ipv4`].
pub fn ip(text: &str) -> Option<IpAddr> {
    match ipv4(text) {
        Some(a) => Some(IpAddr::V4(a)),
        None => text.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
    }
}

/// `text.parse::<Ipv4Addr>()` in one pass over the bytes: four parts of one
/// to three digits, none over 255, no leading zero. The standard reader is
/// a general parser that tries each part atomically; a pasted list reads
/// two or three addresses a line (`ipv4_reads_as_std_does`).
pub fn ipv4(text: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let (mut part, mut value, mut digits) = (0usize, 0u16, 0u8);
    for &b in text.as_bytes() {
        match b {
            b'0'..=b'9' => {
                if digits == 1 && value == 0 {
                    return None;
                }
                value = value * 10 + u16::from(b - b'0');
                digits += 1;
                // Without a leading zero, a fourth digit is over 255 too.
                if value > 255 {
                    return None;
                }
            }
            // A fifth part has no octet to go to (`get_mut` below).
            b'.' if digits > 0 => {
                *octets.get_mut(part)? = u8::try_from(value).ok()?;
                (part, value, digits) = (part + 1, 0, 0);
            }
            _ => return None,
        }
    }
    if part != 3 || digits == 0 {
        return None;
    }
    *octets.get_mut(3)? = u8::try_from(value).ok()?;
    Some(Ipv4Addr::from(octets))
}

/// Why `text` is not an IP address, in words a person can act on: an
/// IPv4-looking text gets the part that is wrong ("500 is over 255").
pub fn ip_problem(text: &str) -> String {
    let t = text.trim();
    if looks_ipv4(t) {
        if let Err(e) = strict_ipv4(t) {
            return e.message;
        }
    }
    if t.is_empty() {
        return "an address is missing".into();
    }
    format!("`{t}` is not an IPv4 or IPv6 address")
}

/// Where an ASCII byte first occurs. Addresses are a few bytes long: a
/// plain loop beats the general string search, which a long list pays for
/// on every line.
pub(crate) fn byte_at(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
}

/// Only digits and dots: meant as an IPv4 address, never a name.
fn looks_ipv4(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// An IPv4 address with the first bad part named.
fn strict_ipv4(text: &str) -> Result<Ipv4Addr, HostError> {
    // The standard reader takes exactly four parts of at most 255 with no
    // leading zero: what it takes is right, and only a refusal needs the
    // part-by-part reading below to say what is wrong.
    if let Some(addr) = ipv4(text) {
        return Ok(addr);
    }
    let parts: Vec<&str> = text.split('.').collect();
    let mut offset = 0;
    for part in &parts {
        if part.is_empty() {
            return fail(offset, format!("`{text}` is not an IPv4 address: it has an empty part"));
        }
        match part.parse::<u32>() {
            Ok(n) if n > 255 => return fail(offset, format!("`{text}` is not an IPv4 address: {part} is over 255")),
            Ok(_) if part.len() > 1 && part.starts_with('0') => {
                return fail(offset, format!("`{text}` is not an IPv4 address: {part} has a leading zero"))
            }
            Ok(_) => {}
            Err(_) => return fail(offset, format!("`{text}` is not an IPv4 address: {part} is over 255")),
        }
        offset += part.len() + 1;
    }
    if parts.len() != 4 {
        return fail(0, format!("`{text}` is not an IPv4 address: it has {} parts, not 4", parts.len()));
    }
    text.parse::<Ipv4Addr>().or_else(|_| fail(0, format!("`{text}` is not an IPv4 address")))
}

/// A DNS name: labels of letters, digits, hyphens (and underscores, as
/// Windows computer names use them), none empty or edged by a hyphen.
fn dns_name(text: &str) -> Result<String, HostError> {
    if text.len() > MAX_NAME {
        return fail(
            MAX_NAME,
            format!("the host name is {} characters long; a DNS name has at most {MAX_NAME}", text.len()),
        );
    }
    let mut offset = 0;
    for label in text.split('.') {
        if label.is_empty() {
            let why = if offset == 0 {
                "starts with a dot"
            } else {
                "has an empty label (two dots in a row, or a dot at the end)"
            };
            return fail(offset, format!("`{text}` is not a host name: it {why}"));
        }
        if label.len() > MAX_LABEL {
            return fail(
                offset,
                format!("`{text}` is not a host name: a label is {} characters long, at most {MAX_LABEL}", label.len()),
            );
        }
        if let Some((i, c)) = label.char_indices().find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
        {
            return fail(offset + i, format!("`{text}` is not a host name: `{c}` is not a letter, digit or hyphen"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return fail(
                offset,
                format!("`{text}` is not a host name: the label `{label}` starts or ends with a hyphen"),
            );
        }
        offset += label.len() + 1;
    }
    Ok(text.to_ascii_lowercase())
}

impl Host {
    /// Reads a host without a port: an IPv4 literal (digits and dots only,
    /// checked as an address), an IPv6 literal (bare or in brackets), or a
    /// DNS name.
    pub fn parse(text: &str) -> Result<Host, HostError> {
        if text.is_empty() {
            return fail(0, "the host is missing".into());
        }
        if let Some(inner) = text.strip_prefix('[') {
            let Some(addr) = inner.strip_suffix(']') else {
                return fail(0, "`[` opens an IPv6 address that `]` never closes".into());
            };
            return addr.parse().map(Host::V6).or_else(|_| fail(1, format!("`{addr}` is not an IPv6 address")));
        }
        if byte_at(text, b':').is_some() {
            return text.parse().map(Host::V6).or_else(|_| fail(0, format!("`{text}` is not an IPv6 address")));
        }
        if looks_ipv4(text) {
            return strict_ipv4(text).map(Host::V4);
        }
        dns_name(text).map(Host::Name)
    }

    /// The host of an IP address.
    pub fn from_ip(ip: IpAddr) -> Host {
        match ip {
            IpAddr::V4(a) => Host::V4(a),
            IpAddr::V6(a) => Host::V6(a),
        }
    }

    /// The address of an IP literal; `None` for a name.
    pub fn ip(&self) -> Option<IpAddr> {
        match self {
            Host::V4(a) => Some(IpAddr::V4(*a)),
            Host::V6(a) => Some(IpAddr::V6(*a)),
            Host::Name(_) => None,
        }
    }

    /// The single family of an IP literal; `None` for a name (both).
    pub fn only_family(&self) -> Option<IpFamily> {
        self.ip().map(IpFamily::of)
    }

    /// Whether the host is a link-local IPv6 address (W5).
    pub fn is_link_local(&self) -> bool {
        matches!(self, Host::V6(a) if (a.segments()[0] & 0xffc0) == 0xfe80)
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::V4(a) => write!(f, "{a}"),
            Host::V6(a) => write!(f, "[{a}]"),
            Host::Name(n) => f.write_str(n),
        }
    }
}

/// `host[:port]` of a URL or an Update Agent. A bare IPv6 literal is taken
/// only where no port can follow (`bare_v6_ok`, an Update Agent), since in a
/// URL its colons would be ambiguous.
pub fn parse_authority(text: &str, bare_v6_ok: bool) -> Result<(Host, Option<u16>), HostError> {
    if text.is_empty() {
        return fail(0, "the host is missing".into());
    }
    if let Some(inner) = text.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            return fail(0, "`[` opens an IPv6 address that `]` never closes".into());
        };
        let host = Host::parse(text.get(..close + 2).unwrap_or_default())?;
        let port = parse_port(inner.get(close + 1..).unwrap_or_default(), close + 2)?;
        return Ok((host, port));
    }
    if text.bytes().filter(|b| *b == b':').count() >= 2 {
        return match text.parse::<Ipv6Addr>() {
            Ok(v6) if bare_v6_ok => Ok((Host::V6(v6), None)),
            Ok(_) => fail(0, format!("an IPv6 literal in a URL must be in brackets: `[{text}]`")),
            Err(_) => fail(0, format!("`{text}` is not a host or address")),
        };
    }
    let (name, port_text) = match byte_at(text, b':') {
        Some(i) => (text.get(..i).unwrap_or_default(), text.get(i..).unwrap_or_default()),
        None => (text, ""),
    };
    let port = parse_port(port_text, name.len())?;
    Ok((Host::parse(name)?, port))
}

fn parse_port(text: &str, offset: usize) -> Result<Option<u16>, HostError> {
    if text.is_empty() {
        return Ok(None);
    }
    let Some(digits) = text.strip_prefix(':') else {
        return fail(offset, format!("unexpected `{text}` after the host"));
    };
    match digits.parse::<u16>() {
        Ok(p) if p != 0 => Ok(Some(p)),
        _ => fail(offset + 1, format!("`{digits}` is not a port number (1-65535)")),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ipv4_reads_as_std_does(text in "(0?[0-9]{1,3}\\.){0,4}0?[0-9]{0,4}|[0-9.]{0,16}|[0-9a-f:.]{0,20}") {
            prop_assert_eq!(ipv4(&text), text.parse::<Ipv4Addr>().ok());
            prop_assert_eq!(ip(&text), text.parse::<IpAddr>().ok());
        }
    }

    use super::*;

    fn refused(text: &str) -> (usize, String) {
        match Host::parse(text) {
            Ok(h) => (usize::MAX, format!("accepted as {h}")),
            Err(e) => (e.offset, e.message),
        }
    }

    #[test]
    fn digits_and_dots_are_an_ipv4_address_or_an_error() {
        assert_eq!(Host::parse("10.1.0.5"), Ok(Host::V4(Ipv4Addr::new(10, 1, 0, 5))));
        let (at, why) = refused("10.1.0.500");
        assert_eq!(at, 7);
        assert!(why.contains("500 is over 255"), "{why}");
        assert!(refused("10.2.0").1.contains("3 parts, not 4"));
        assert!(refused("192.168.1.300").1.contains("300 is over 255"));
        assert!(refused("10..0.1").1.contains("empty part"));
        assert!(refused("10.01.0.1").1.contains("leading zero"));
        assert!(refused("99999999999.1.1.1").1.contains("over 255"));
        // 255 is a part's greatest value, not over it.
        assert!(refused("255.1.1").1.contains("3 parts, not 4"), "{}", refused("255.1.1").1);
        assert!(refused("1.2.3.4.5").1.contains("5 parts, not 4"));
    }

    #[test]
    fn names_follow_the_dns_rules() {
        assert_eq!(Host::parse("Floor1.Corp.Local"), Ok(Host::Name("floor1.corp.local".into())));
        assert!(Host::parse("WIN_PC-07.corp").is_ok(), "underscores are tolerated");
        let (at, why) = refused("mirror1..corp.example");
        assert_eq!(at, 8);
        assert!(why.contains("empty label"), "{why}");
        assert!(refused(&format!("{}.corp", "a".repeat(70))).1.contains("at most 63"));
        assert!(refused(&"a.".repeat(200)).1.contains("at most 253"));
        // The longest name and label allowed are taken.
        let longest = format!("{}.{}.{}.{}", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
        assert_eq!(longest.len(), MAX_NAME);
        assert!(Host::parse(&longest).is_ok());
        assert!(refused(&format!("{longest}e")).1.contains("254 characters long"));
        assert!(refused(&format!("{}.corp", "a".repeat(64))).1.contains("a label is 64 characters long"));
        assert!(refused("-edge.corp").1.contains("hyphen"));
        assert!(refused("edge-.corp").1.contains("hyphen"));
        assert_eq!(refused("mir ror").0, 3);
        assert!(refused("").1.contains("missing"));
    }

    #[test]
    fn ipv6_literals_bare_or_in_brackets() {
        assert!(matches!(Host::parse("[2001:db8::5]"), Ok(Host::V6(_))));
        assert!(matches!(Host::parse("2001:db8::5"), Ok(Host::V6(_))));
        assert!(refused("[2001:db8::zz]").1.contains("not an IPv6 address"));
        assert!(refused("[2001:db8::5").1.contains("never closes"));
    }

    #[test]
    fn authorities_carry_a_port_from_1_to_65535() {
        assert_eq!(parse_authority("ua.corp:8080", false).map(|(_, p)| p), Ok(Some(8080)));
        assert!(parse_authority("ua.corp:0", false).is_err());
        assert!(parse_authority("ua.corp:65536", false).is_err());
        assert_eq!(parse_authority("[2001:db8::5]:443", false).map(|(_, p)| p), Ok(Some(443)));
        assert!(parse_authority("2001:db8::5", false).is_err());
        assert!(parse_authority("2001:db8::5", true).is_ok());
        assert_eq!(parse_authority("10.1.0.500:80", false).map_err(|e| e.offset), Err(7));
        // A bad port after an IPv6 literal is placed at its first digit.
        assert_eq!(parse_authority("[2001:db8::5]:99999", false).map_err(|e| e.offset), Err(14));
    }

    #[test]
    fn ip_problems_name_the_part() {
        assert!(ip_problem("10.1.4.256").contains("256 is over 255"));
        assert!(ip_problem("pc-07").contains("not an IPv4 or IPv6 address"));
        assert_eq!(parse_ip("[2001:db8::1]"), "2001:db8::1".parse().ok());
    }
}
