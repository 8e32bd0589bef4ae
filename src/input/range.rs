//! Client IP ranges as the console takes them: `A-B`, `A - B`, a CIDR block or
//! IPv6 prefix, one address, or `*` for every address of both families; an
//! en dash (`A – B`, as documents write it) is read as the dash.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

pub use crate::input::family::IpFamily;
use crate::input::host::{byte_at, ip_problem, parse_ip};
use crate::input::text;

/// An inclusive interval of one family, or every address of both. The
/// fields are private: a range that exists has its start at or below its
/// end, whichever way it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AddrRange(Span);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Span {
    Any,
    V4(u32, u32),
    V6(u128, u128),
}

/// Why a range did not parse; `offset` is the byte offset inside the range
/// text where the trouble starts, so callers can point at a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeError {
    /// Byte offset of the trouble inside the range text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl AddrRange {
    /// `*`: every address of both families.
    pub const ANY: AddrRange = AddrRange(Span::Any);

    /// Reads a range as the console takes it (see the module's header).
    pub fn parse(text: &str) -> Result<AddrRange, RangeError> {
        let trimmed = text::trim(text);
        let lead = text::lead(text);
        if trimmed.is_empty() {
            return Err(RangeError { offset: 0, message: "the client IP range is empty".into() });
        }
        if trimmed == "*" {
            return Ok(AddrRange::ANY);
        }
        if byte_at(trimmed, b'/').is_some() {
            return parse_net(trimmed).map(AddrRange::from_net).ok_or_else(|| RangeError {
                offset: lead,
                message: format!("`{trimmed}` is not a CIDR block or IPv6 prefix"),
            });
        }
        if let Some((a, b)) = split_dash(trimmed) {
            // The trimmed text starts with the first address.
            let b_off = lead + (b.as_ptr() as usize - trimmed.as_ptr() as usize);
            let start = parse_addr(a, lead)?;
            let end = parse_addr(b, b_off)?;
            return AddrRange::between(start, end).map_err(|message| RangeError { offset: lead, message });
        }
        let one = parse_addr(trimmed, lead)?;
        AddrRange::between(one, one).map_err(|message| RangeError { offset: lead, message })
    }

    /// The addresses of a CIDR block or IPv6 prefix.
    pub fn from_net(net: IpNet) -> AddrRange {
        match net.trunc() {
            IpNet::V4(n) => AddrRange(Span::V4(n.network().into(), n.broadcast().into())),
            IpNet::V6(n) => AddrRange(Span::V6(n.network().into(), n.broadcast().into())),
        }
    }

    /// Builds `start..=end`, refusing mixed families and a start above the end (E1).
    pub fn between(start: IpAddr, end: IpAddr) -> Result<AddrRange, String> {
        match (start, end) {
            (IpAddr::V4(s), IpAddr::V4(e)) if u32::from(s) <= u32::from(e) => {
                Ok(AddrRange(Span::V4(s.into(), e.into())))
            }
            (IpAddr::V6(s), IpAddr::V6(e)) if u128::from(s) <= u128::from(e) => {
                Ok(AddrRange(Span::V6(s.into(), e.into())))
            }
            (IpAddr::V4(_), IpAddr::V4(_)) | (IpAddr::V6(_), IpAddr::V6(_)) => {
                Err(format!("the range starts at {start}, above its end {end}"))
            }
            _ => Err(format!("the range mixes address families: {start} and {end}")),
        }
    }

    /// Whether the range holds the address.
    pub fn contains(&self, addr: IpAddr) -> bool {
        match (self.0, addr) {
            (Span::Any, _) => true,
            (Span::V4(start, end), IpAddr::V4(a)) => (start..=end).contains(&u32::from(a)),
            (Span::V6(start, end), IpAddr::V6(a)) => (start..=end).contains(&u128::from(a)),
            _ => false,
        }
    }

    /// Whether this is `*`, every address of both families.
    pub fn is_any(&self) -> bool {
        self.0 == Span::Any
    }

    /// The families the range covers: `*` covers both.
    pub fn families(&self) -> &'static [IpFamily] {
        match self.0 {
            Span::Any => &[IpFamily::V4, IpFamily::V6],
            Span::V4(..) => &[IpFamily::V4],
            Span::V6(..) => &[IpFamily::V6],
        }
    }

    /// The family, first and last position of a one-family range; `None` for `*`.
    pub fn single(&self) -> Option<(IpFamily, u128, u128)> {
        match self.0 {
            Span::Any => None,
            Span::V4(s, e) => Some((IpFamily::V4, u128::from(s), u128::from(e))),
            Span::V6(s, e) => Some((IpFamily::V6, s, e)),
        }
    }

    /// The part of the range inside one family, as a `u128` interval
    /// (IPv4 addresses as their 32-bit value), for the interval index.
    pub fn span(&self, family: IpFamily) -> Option<(u128, u128)> {
        match (self.0, family) {
            (Span::Any, f) => Some((0, f.max())),
            (Span::V4(start, end), IpFamily::V4) => Some((u128::from(start), u128::from(end))),
            (Span::V6(start, end), IpFamily::V6) => Some((start, end)),
            _ => None,
        }
    }
}

impl std::str::FromStr for AddrRange {
    type Err = RangeError;
    fn from_str(text: &str) -> Result<AddrRange, RangeError> {
        AddrRange::parse(text)
    }
}

/// `ADDR/LEN` as ipnet reads it. The standard library reads the address
/// several times quicker than ipnet, whose reader boxes its alternatives on
/// every call; what the standard reader takes ipnet takes alike (ipnet's
/// reader is the older, laxer copy of it), so only its refusals are passed
/// on to ipnet (`parse_net_agrees_with_ipnet`).
pub fn parse_net(text: &str) -> Option<IpNet> {
    let quick = text.split_once('/').and_then(|(addr, len)| {
        // ipnet's prefix length: at most 2 digits for IPv4, 3 for IPv6, leading zeros allowed.
        let len_of = |digits: usize| {
            let ok = (1..=digits).contains(&len.len()) && len.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| len.bytes().fold(0u16, |n, b| n * 10 + u16::from(b - b'0'))).and_then(|n| u8::try_from(n).ok())
        };
        match crate::input::host::ip(addr)? {
            IpAddr::V4(a) => ipnet::Ipv4Net::new(a, len_of(2)?).ok().map(IpNet::V4),
            IpAddr::V6(a) => ipnet::Ipv6Net::new(a, len_of(3)?).ok().map(IpNet::V6),
        }
    });
    quick.or_else(|| text.parse().ok())
}

/// Finds the dash of `A-B` / `A - B`, or the en dash a word processor
/// makes of it (`A – B`). IPv6 addresses hold no dash, so the first one
/// splits.
fn split_dash(text: &str) -> Option<(&str, &str)> {
    let (i, len) = match byte_at(text, b'-') {
        Some(i) => (i, 1),
        None => (text.find('\u{2013}')?, '\u{2013}'.len_utf8()),
    };
    let a = text::trim(text.get(..i)?);
    let b = text::trim(text.get(i + len..)?);
    Some((a, b))
}

fn parse_addr(text: &str, offset: usize) -> Result<IpAddr, RangeError> {
    parse_ip(text).ok_or_else(|| RangeError {
        offset,
        message: if text.is_empty() {
            "an address is missing on one side of the range".to_string()
        } else {
            ip_problem(text)
        },
    })
}

/// Renders a `u128` position of one family back as an address.
pub fn addr_at(family: IpFamily, value: u128) -> IpAddr {
    match family {
        IpFamily::V4 => IpAddr::V4(Ipv4Addr::from(u32::try_from(value).unwrap_or(u32::MAX))),
        IpFamily::V6 => IpAddr::V6(Ipv6Addr::from(value)),
    }
}

/// The position of an address inside its family, as used by [`AddrRange::span`].
pub fn position(addr: IpAddr) -> (IpFamily, u128) {
    match addr {
        IpAddr::V4(a) => (IpFamily::V4, u128::from(u32::from(a))),
        IpAddr::V6(a) => (IpFamily::V6, u128::from(a)),
    }
}

impl fmt::Display for AddrRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Span::Any => write!(f, "*"),
            Span::V4(start, end) if start == end => write!(f, "{}", Ipv4Addr::from(start)),
            Span::V4(start, end) => write!(f, "{}-{}", Ipv4Addr::from(start), Ipv4Addr::from(end)),
            Span::V6(start, end) if start == end => write!(f, "{}", Ipv6Addr::from(start)),
            Span::V6(start, end) => write!(f, "{}-{}", Ipv6Addr::from(start), Ipv6Addr::from(end)),
        }
    }
}

/// The smallest list of CIDR blocks that covers `start..=end` of one family.
pub fn cidr_blocks(family: IpFamily, start: u128, end: u128) -> Vec<String> {
    let bits: u32 = match family {
        IpFamily::V4 => 32,
        IpFamily::V6 => 128,
    };
    let mut out = Vec::new();
    let mut cur = start;
    // A range is at most two blocks of each size: the loop is bounded.
    for _ in 0..2 * bits {
        // The largest aligned block starting at `cur` that stays inside the
        // range; a block of one address (`size_bits` 0) always does.
        let align = if cur == 0 { bits } else { cur.trailing_zeros().min(bits) };
        let fits = |b: &u32| cur.checked_add(span_mask(*b)).is_some_and(|l| l <= end);
        let size_bits = (0..=align).rev().find(fits).unwrap_or(0);
        out.push(format!("{}/{}", addr_at(family, cur), bits - size_bits));
        let last = cur.saturating_add(span_mask(size_bits));
        if last >= end {
            break;
        }
        cur = last + 1;
    }
    out
}

/// `2^bits - 1`: the offset of a block's last address; the whole IPv6 space
/// does not fit `2^128`, so it is special.
fn span_mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The quick CIDR reader answers as ipnet does, on text shaped like
        /// blocks and prefixes (leading zeros, long lengths, embedded IPv4).
        #[test]
        fn parse_net_agrees_with_ipnet(text in "[0-9a-f:.]{0,20}/[0-9]{0,9}|(0?[0-9]{1,3}\\.){3}0?[0-9]{1,3}/0?[0-9]{1,3}|[0-9a-f]{0,4}(:[0-9a-f]{0,4}){1,7}(:[0-9]{1,3}(\\.[0-9]{1,3}){3})?/[0-9]{1,3}") {
            prop_assert_eq!(parse_net(&text), text.parse::<IpNet>().ok());
        }
    }

    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn every_written_form_parses() {
        let dash = AddrRange::parse("10.1.0.0-10.1.255.255");
        assert_eq!(dash, AddrRange::parse("10.1.0.0 - 10.1.255.255"));
        assert_eq!(dash, AddrRange::parse("10.1.0.0/16"));
        assert!(dash.as_ref().is_ok_and(|r| r.contains(ip("10.1.4.20"))));
        assert!(dash.as_ref().is_ok_and(|r| !r.contains(ip("10.2.0.1"))));
        assert_eq!(AddrRange::parse("*"), Ok(AddrRange::ANY));
        assert!(AddrRange::parse("2001:db8::/32").is_ok_and(|r| r.contains(ip("2001:db8:1::9"))));
        assert!(AddrRange::parse("2001:db8::1-2001:db8::ff").is_ok_and(|r| r.contains(ip("2001:db8::20"))));
        assert!(AddrRange::parse("10.9.9.9").is_ok_and(|r| r.contains(ip("10.9.9.9"))));
        // The en dash a document makes of ` - `.
        assert_eq!(AddrRange::parse("10.1.0.0 \u{2013} 10.1.255.255"), dash);
        assert_eq!(AddrRange::parse("10.1.0.0\u{2013}10.1.0.x").map_err(|e| e.offset), Err(11));
    }

    #[test]
    fn start_above_end_is_refused() {
        let e = AddrRange::parse("10.1.0.9-10.1.0.1");
        assert!(e.is_err_and(|e| e.message.contains("above its end")));
    }

    #[test]
    fn a_typo_in_an_address_names_the_part() {
        let e = AddrRange::parse("10.1.0.0-10.1.0.500");
        assert!(e.is_err_and(|e| e.offset == 9 && e.message.contains("500 is over 255")));
    }

    #[test]
    fn mixed_families_are_refused() {
        assert!(AddrRange::parse("10.0.0.1-2001:db8::1").is_err());
    }

    #[test]
    fn bad_second_address_points_at_it() {
        let e = AddrRange::parse("10.0.0.1-10.0.0.x");
        assert_eq!(e.map_err(|e| e.offset), Err(9));
        // Past the white space before the range and around the dash.
        assert_eq!(AddrRange::parse("  10.0.0.1 - 10.0.0.x").map_err(|e| e.offset), Err(13));
        assert_eq!(AddrRange::parse("  10.0.0.300 - 10.0.0.1").map_err(|e| e.offset), Err(2));
    }

    #[test]
    fn an_ipv6_range_upside_down_is_refused() {
        let e = AddrRange::parse("2001:db8::9-2001:db8::1");
        assert!(e.is_err_and(|e| e.message == "the range starts at 2001:db8::9, above its end 2001:db8::1"));
    }

    #[test]
    fn a_range_is_written_back_as_one_address_or_start_dash_end() {
        for text in ["*", "10.1.0.5", "10.1.0.0-10.1.255.255", "2001:db8::5", "2001:db8::-2001:db8::ff"] {
            assert_eq!(AddrRange::parse(text).map(|r| r.to_string()), Ok(text.to_string()));
        }
        assert_eq!(AddrRange::parse("10.1.0.5/32").map(|r| r.to_string()), Ok("10.1.0.5".to_string()));
    }

    #[test]
    fn each_family_has_its_own_span() {
        assert_eq!(AddrRange::ANY.span(IpFamily::V4), Some((0, u128::from(u32::MAX))));
        assert_eq!(AddrRange::ANY.span(IpFamily::V6), Some((0, u128::MAX)));
        let v6 = AddrRange::parse("::10-::20").unwrap_or(AddrRange::ANY);
        assert_eq!(v6.span(IpFamily::V6), Some((16, 32)));
        assert_eq!(v6.span(IpFamily::V4), None);
        let v4 = AddrRange::parse("0.0.0.1-0.0.0.2").unwrap_or(AddrRange::ANY);
        assert_eq!((v4.span(IpFamily::V4), v4.span(IpFamily::V6)), (Some((1, 2)), None));
    }

    #[test]
    fn cidr_cover_is_minimal() {
        let v4 = |s: &str| u128::from(u32::from(s.parse::<Ipv4Addr>().unwrap_or(Ipv4Addr::UNSPECIFIED)));
        assert_eq!(cidr_blocks(IpFamily::V4, v4("10.0.0.0"), v4("10.0.255.255")), vec!["10.0.0.0/16"]);
        assert_eq!(
            cidr_blocks(IpFamily::V4, v4("10.0.0.1"), v4("10.0.0.6")),
            vec!["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]
        );
        assert_eq!(cidr_blocks(IpFamily::V4, 0, u128::from(u32::MAX)), vec!["0.0.0.0/0"]);
        assert_eq!(cidr_blocks(IpFamily::V6, 0, u128::MAX), vec!["::/0"]);
        // The most blocks a range needs: two of each size but the largest.
        let most = cidr_blocks(IpFamily::V4, 1, u128::from(u32::MAX) - 1);
        assert_eq!((most.len(), most[0].as_str(), most[61].as_str()), (62, "0.0.0.1/32", "255.255.255.254/32"));
        assert_eq!(cidr_blocks(IpFamily::V6, 1, u128::MAX - 1).len(), 254);
    }
}
