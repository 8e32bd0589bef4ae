//! Source words (SPEC §2 "Source words") and their canonical spellings. The
//! canonical spelling is a source's identity: `world.down`, the trace and the
//! page's what-if toggles all use it, so two spellings of one source are one
//! source.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::item::{Item, ItemSet};
use crate::range::IpFamily;

/// Where a source lives, as far as address families go.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Host {
    V4(Ipv4Addr),
    V6(Ipv6Addr),
    /// A host name: taken as reachable from both families (L2).
    Name(String),
}

impl Host {
    pub fn parse_ip_or_name(text: &str) -> Option<Host> {
        if let Ok(ip) = text.parse::<IpAddr>() {
            return Some(Host::from_ip(ip));
        }
        let ok = !text.is_empty()
            && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
            && text.chars().any(|c| c.is_ascii_alphanumeric());
        ok.then(|| Host::Name(text.to_ascii_lowercase()))
    }

    pub fn from_ip(ip: IpAddr) -> Host {
        match ip {
            IpAddr::V4(a) => Host::V4(a),
            IpAddr::V6(a) => Host::V6(a),
        }
    }

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

/// A source an entry (or a fallback) names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    UpdateAgent {
        host: Host,
        port: Option<u16>,
    },
    Server,
    ActiveUpdate,
    /// Any other http(s) URL ("specific source" in the console).
    Url {
        canonical: String,
        host: Host,
    },
}

/// Whether a source can deliver an item, and on what authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serves {
    Yes,
    /// The seed says ActiveUpdate serves components only.
    NotFromActiveUpdate,
    /// Other URLs serve components only: **assumed**.
    NotFromUrl,
    /// The Update Agent was set to share only some items.
    NotShared,
}

/// Why a source word did not parse; `offset` is a byte offset into the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub offset: usize,
    pub message: String,
}

const AU_DOMAIN: &str = "activeupdate.trendmicro.com";

impl Source {
    pub fn parse(text: &str) -> Result<Source, SourceError> {
        let lead = text.len() - text.trim_start().len();
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        let err = |offset: usize, message: String| SourceError { offset: lead + offset, message };
        if t.is_empty() {
            return Err(err(0, "the update source is missing".into()));
        }
        if lower == "server" {
            return Ok(Source::Server);
        }
        if lower == "activeupdate" {
            return Ok(Source::ActiveUpdate);
        }
        if let Some(rest) = strip_prefix_ci(t, "ua://") {
            return parse_update_agent(rest).map_err(|(o, m)| err(5 + o, m));
        }
        if let Some(rest) = strip_prefix_ci(t, "update-agent") {
            let trimmed = rest.trim_start();
            if rest.len() != trimmed.len() && !trimmed.is_empty() {
                let skip = t.len() - trimmed.len();
                return parse_update_agent(trimmed.trim_end()).map_err(|(o, m)| err(skip + o, m));
            }
            return Err(err(0, "`update-agent` needs the Update Agent's address: `update-agent HOST[:PORT]`".into()));
        }
        if let Some(bad) = t.find(|c: char| c.is_whitespace() || c.is_control()) {
            if t.contains("://") {
                return Err(err(bad, "a URL cannot contain spaces or control characters: encode them as %20".into()));
            }
        }
        for scheme in ["http://", "https://"] {
            if let Some(rest) = strip_prefix_ci(t, scheme) {
                return parse_url(&scheme[..scheme.len() - 3], rest).map_err(|(o, m)| err(scheme.len() + o, m));
            }
        }
        if let Some(i) = t.find("://") {
            let scheme = t.get(..i).unwrap_or_default();
            return Err(err(
                0,
                format!(
                    "`{scheme}://` is not supported: alternative update source URLs must include http:// or https://"
                ),
            ));
        }
        if let Ok(ip) = t.parse::<IpAddr>() {
            return Err(err(
                0,
                format!(
                    "`{t}` is a bare address: write `ua://{}` for an Update Agent, or an http:// URL",
                    Host::from_ip(ip)
                ),
            ));
        }
        if (t.contains('.') || t.contains('/')) && !t.contains(char::is_whitespace) {
            return Err(err(
                0,
                format!("`{t}` has no scheme: alternative update source URLs must include http:// or https://"),
            ));
        }
        Err(err(
            0,
            format!("unknown source word `{t}`: expected ua://HOST, update-agent HOST, server, activeupdate or an http(s):// URL"),
        ))
    }

    /// The identity used in `world.down` and in the trace.
    pub fn canonical(&self) -> String {
        match self {
            Source::UpdateAgent { host, port: Some(p) } => format!("ua://{host}:{p}"),
            Source::UpdateAgent { host, port: None } => format!("ua://{host}"),
            Source::Server => "server".into(),
            Source::ActiveUpdate => "activeupdate".into(),
            Source::Url { canonical, .. } => canonical.clone(),
        }
    }

    /// Whether the source can give `item`; `ua_serves` is what an Update
    /// Agent entry shares.
    pub fn serves(&self, item: Item, ua_serves: ItemSet) -> Serves {
        match self {
            Source::Server => Serves::Yes,
            Source::UpdateAgent { .. } if ua_serves.contains(item) => Serves::Yes,
            Source::UpdateAgent { .. } => Serves::NotShared,
            Source::ActiveUpdate if item == Item::Components => Serves::Yes,
            Source::ActiveUpdate => Serves::NotFromActiveUpdate,
            Source::Url { .. } if item == Item::Components => Serves::Yes,
            Source::Url { .. } => Serves::NotFromUrl,
        }
    }

    pub fn host(&self) -> Option<&Host> {
        match self {
            Source::UpdateAgent { host, .. } | Source::Url { host, .. } => Some(host),
            Source::Server | Source::ActiveUpdate => None,
        }
    }

    pub fn is_activeupdate(&self) -> bool {
        matches!(self, Source::ActiveUpdate)
    }
}

/// Canonical spelling of a `world.down` word: a source word is canonicalised,
/// anything else (relay names, `primary`, `tenant-relay-group`) is kept as
/// written, trimmed.
pub fn canonical_down(word: &str) -> String {
    match Source::parse(word) {
        Ok(s) => s.canonical(),
        Err(_) => word.trim().to_string(),
    }
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

type Fail = (usize, String);

fn parse_update_agent(rest: &str) -> Result<Source, Fail> {
    let rest = rest.trim_end_matches('/');
    if rest.contains('/') {
        return Err((0, "an Update Agent is an address with an optional port, not a URL path".into()));
    }
    let (host, port) = parse_authority(rest, true)?;
    Ok(Source::UpdateAgent { host, port })
}

fn parse_url(scheme: &str, rest: &str) -> Result<Source, Fail> {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or_default();
    let path = rest.get(end..).unwrap_or_default().trim_end_matches('/');
    if authority.contains('@') {
        return Err((0, "user names and passwords in update source URLs are not supported".into()));
    }
    let (host, port) = parse_authority(authority, false)?;
    if let Host::Name(name) = &host {
        if name == AU_DOMAIN || name.ends_with(&format!(".{AU_DOMAIN}")) {
            return Ok(Source::ActiveUpdate);
        }
    }
    let default_port = if scheme == "https" { 443 } else { 80 };
    let port = match port {
        Some(p) if p != default_port => format!(":{p}"),
        _ => String::new(),
    };
    let canonical = format!("{scheme}://{host}{port}{path}");
    Ok(Source::Url { canonical, host })
}

/// `host[:port]`; `[v6]` brackets; a bare IPv6 literal only where no port can
/// follow (an Update Agent), since in a URL its colons would be ambiguous.
fn parse_authority(text: &str, bare_v6_ok: bool) -> Result<(Host, Option<u16>), Fail> {
    if text.is_empty() {
        return Err((0, "the host is missing".into()));
    }
    if let Some(inner) = text.strip_prefix('[') {
        let close = inner.find(']').ok_or((0, "`[` opens an IPv6 address that `]` never closes".to_string()))?;
        let addr = inner.get(..close).unwrap_or_default();
        let v6 = addr.parse::<Ipv6Addr>().map_err(|_| (1, format!("`{addr}` is not an IPv6 address")))?;
        let after = inner.get(close + 1..).unwrap_or_default();
        let port = parse_port(after, close + 2)?;
        return Ok((Host::V6(v6), port));
    }
    if text.matches(':').count() >= 2 {
        return match text.parse::<Ipv6Addr>() {
            Ok(v6) if bare_v6_ok => Ok((Host::V6(v6), None)),
            Ok(_) => Err((0, format!("an IPv6 literal in a URL must be in brackets: `[{text}]`"))),
            Err(_) => Err((0, format!("`{text}` is not a host or address"))),
        };
    }
    let (name, port_text) = match text.find(':') {
        Some(i) => (text.get(..i).unwrap_or_default(), text.get(i..).unwrap_or_default()),
        None => (text, ""),
    };
    let port = parse_port(port_text, name.len())?;
    let host = Host::parse_ip_or_name(name).ok_or((0, format!("`{name}` is not a host name or address")))?;
    Ok((host, port))
}

fn parse_port(text: &str, offset: usize) -> Result<Option<u16>, Fail> {
    if text.is_empty() {
        return Ok(None);
    }
    let digits = text.strip_prefix(':').ok_or((offset, format!("unexpected `{text}` after the host")))?;
    digits
        .parse::<u16>()
        .ok()
        .filter(|p| *p != 0)
        .map(Some)
        .ok_or((offset + 1, format!("`{digits}` is not a port number (1-65535)")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        Source::parse(s).map(|s| s.canonical()).unwrap_or_else(|e| format!("ERR {}", e.message))
    }

    #[test]
    fn canonical_spellings() {
        assert_eq!(canon("ua://10.1.0.5"), "ua://10.1.0.5");
        assert_eq!(canon("UA://Floor1.Corp.Local:8080"), "ua://floor1.corp.local:8080");
        assert_eq!(canon("update-agent 10.1.0.5"), "ua://10.1.0.5");
        assert_eq!(canon("update-agent   [2001:db8::5]:8080"), "ua://[2001:db8::5]:8080");
        assert_eq!(canon("ua://2001:DB8::5"), "ua://[2001:db8::5]");
        assert_eq!(canon("Server"), "server");
        assert_eq!(canon("HTTP://Mirror.Corp.Local:80/AU/"), "http://mirror.corp.local/AU");
        assert_eq!(canon("https://mirror.corp.local:443"), "https://mirror.corp.local");
        assert_eq!(canon("https://mirror.corp.local:8443/x"), "https://mirror.corp.local:8443/x");
        assert_eq!(canon("http://[2001:db8::9]/au"), "http://[2001:db8::9]/au");
    }

    #[test]
    fn every_activeupdate_spelling_is_one_source() {
        for s in [
            "activeupdate",
            "ActiveUpdate",
            "http://osce12-p.activeupdate.trendmicro.com/activeupdate",
            "http://osce10-p.activeupdate.trendmicro.com/activeupdate/",
            "https://iau.activeupdate.trendmicro.com",
        ] {
            assert_eq!(canon(s), "activeupdate", "{s}");
        }
    }

    #[test]
    fn urls_need_a_scheme() {
        assert!(canon("mirror.corp.local/activeupdate").contains("must include http:// or https://"));
        assert!(canon("ftp://mirror").contains("must include http:// or https://"));
        assert!(canon("http://2001:db8::1/au").contains("brackets"));
        assert!(canon("10.1.0.5").contains("ua://10.1.0.5"));
        assert!(canon("floppy").contains("unknown source word"));
        assert!(canon("https://mirror.corp.local/au /x").contains("cannot contain spaces"));
    }

    #[test]
    fn what_each_kind_serves() {
        let au = Source::ActiveUpdate;
        assert_eq!(au.serves(Item::Components, ItemSet::ALL), Serves::Yes);
        assert_eq!(au.serves(Item::Programs, ItemSet::ALL), Serves::NotFromActiveUpdate);
        let ua = Source::UpdateAgent { host: Host::Name("ua".into()), port: None };
        assert_eq!(ua.serves(Item::Programs, ItemSet::of(&[Item::Components])), Serves::NotShared);
        assert_eq!(Source::Server.serves(Item::DomainSettings, ItemSet::EMPTY), Serves::Yes);
    }

    #[test]
    fn link_local() {
        assert!(Host::V6("fe80::1".parse().unwrap_or(Ipv6Addr::UNSPECIFIED)).is_link_local());
        assert!(!Host::V6("2001:db8::1".parse().unwrap_or(Ipv6Addr::UNSPECIFIED)).is_link_local());
    }
}
