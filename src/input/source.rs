//! Source words (SPEC §2 "Source words") and their canonical spellings. The
//! canonical spelling is a source's identity: `world.down`, the trace and the
//! page's what-if toggles all use it, so two spellings of one source are one
//! source.

use std::fmt;
use std::fmt::Write as _;

use serde::{Serialize, Serializer};

use crate::input::host::{byte_at, parse_authority, Host};
use crate::input::text;
use crate::model::item::{Item, ItemSet};

/// A source an entry (or a fallback) names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// An Update Agent at a host, with a port where one is given.
    UpdateAgent {
        /// Where the Update Agent is.
        host: Host,
        /// Its port, when not the default.
        port: Option<u16>,
    },
    /// The OfficeScan / Apex One server.
    Server,
    /// The Trend Micro ActiveUpdate server, whatever spelling named it.
    ActiveUpdate,
    /// Any other http(s) URL ("specific source" in the console).
    Url {
        /// The canonical spelling: the source's identity.
        canonical: String,
        /// The URL's host, for reachability (L2).
        host: Host,
    },
}

/// A source's identity: what `world.down` names, what a trace step's
/// `source` is, what the page's what-if switches toggle. Its [`Display`]
/// is the canonical spelling of SPEC §2, so two spellings of one source are
/// one source, and it reads back with [`SourceId::read`].
///
/// [`Display`]: fmt::Display
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceId {
    /// The OfficeScan / Apex One server (`server`).
    Server,
    /// The ActiveUpdate server (`activeupdate`).
    ActiveUpdate,
    /// An Update Agent (`ua://HOST[:PORT]`).
    UpdateAgent {
        /// Where the Update Agent is.
        host: Host,
        /// Its port, when given.
        port: Option<u16>,
    },
    /// Another update source URL, by its canonical spelling.
    Url(String),
    /// An S&WP relay, by the name the scenario gives it.
    Relay(String),
    /// The S&WP Primary Tenant Relay Group (`tenant-relay-group`).
    TenantRelayGroup,
    /// The S&WP primary component update source (`primary`).
    Primary,
    /// A named S&WP relay group as one source (`relay-group:NAME`): an
    /// outcome that any of its relays that is up gives alike (RG1), and
    /// an outage of every relay in it.
    RelayGroup(String),
    /// The Service Gateway's Generic Caching Service (`service-gateway`, VC2).
    ServiceGateway,
    /// Trend Vision One's own servers, reached directly (`trend-vision-one`, VC2).
    VisionOne,
    /// Apex One's Edge Relay server (`edge-relay`, LOC3): off-premises
    /// agents reach the server through it.
    EdgeRelay,
}

/// How a relay group is written as a source: `relay-group:NAME`.
const GROUP_PREFIX: &str = "relay-group:";

impl SourceId {
    /// Reads a `world.down` word: a source word in any spelling, the S&WP
    /// words `primary` and `tenant-relay-group`, or else a relay name.
    pub fn read(word: &str) -> SourceId {
        let word = word.trim();
        if word.eq_ignore_ascii_case("primary") {
            return SourceId::Primary;
        }
        if word.eq_ignore_ascii_case("tenant-relay-group") {
            return SourceId::TenantRelayGroup;
        }
        if word.eq_ignore_ascii_case("service-gateway") {
            return SourceId::ServiceGateway;
        }
        if word.eq_ignore_ascii_case("trend-vision-one") {
            return SourceId::VisionOne;
        }
        if word.eq_ignore_ascii_case("edge-relay") {
            return SourceId::EdgeRelay;
        }
        if let Some(name) = strip_prefix_ci(word, GROUP_PREFIX) {
            return SourceId::RelayGroup(name.trim().to_string());
        }
        match Source::parse(word) {
            Ok(s) => s.id(),
            Err(_) => SourceId::Relay(word.to_string()),
        }
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceId::Server => f.write_str("server"),
            SourceId::ActiveUpdate => f.write_str("activeupdate"),
            SourceId::UpdateAgent { host, port: Some(p) } => write!(f, "ua://{host}:{p}"),
            SourceId::UpdateAgent { host, port: None } => write!(f, "ua://{host}"),
            SourceId::Url(canonical) => f.write_str(canonical),
            SourceId::Relay(name) => f.write_str(name),
            SourceId::TenantRelayGroup => f.write_str("tenant-relay-group"),
            SourceId::Primary => f.write_str("primary"),
            SourceId::RelayGroup(name) => write!(f, "{GROUP_PREFIX}{name}"),
            SourceId::ServiceGateway => f.write_str("service-gateway"),
            SourceId::VisionOne => f.write_str("trend-vision-one"),
            SourceId::EdgeRelay => f.write_str("edge-relay"),
        }
    }
}

impl Serialize for SourceId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Whether a source can deliver an item, and on what authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serves {
    /// It does.
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
    /// Byte offset of the trouble inside the source word.
    pub offset: usize,
    /// What is wrong, with the fix where it is obvious.
    pub message: String,
}

const AU_DOMAIN: &str = "activeupdate.trendmicro.com";

impl Source {
    /// Reads a source word (SPEC §2 "Source words"), its host checked as
    /// SPEC §2 "Hosts" says.
    pub fn parse(text: &str) -> Result<Source, SourceError> {
        let lead = text::lead(text);
        let t = text::trim(text);
        let err = |offset: usize, message: String| SourceError { offset: lead + offset, message };
        if t.is_empty() {
            return Err(err(0, "the update source is missing".into()));
        }
        if t.eq_ignore_ascii_case("server") {
            return Ok(Source::Server);
        }
        if t.eq_ignore_ascii_case("activeupdate") {
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
        if let Some(fixed) = mistyped_scheme(t) {
            return Err(err(0, format!("`{t}` has a mistyped scheme: did you mean `{fixed}`?")));
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
        if let Ok(Some(ip)) = Host::parse(t).map(|h| h.ip()) {
            let host = Host::from_ip(ip);
            return Err(err(
                0,
                format!("`{t}` is a bare address: write `ua://{host}` for an Update Agent, or an http:// URL"),
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

    /// The source's identity, used in `world.down` and in the trace.
    pub fn id(&self) -> SourceId {
        match self {
            Source::UpdateAgent { host, port } => SourceId::UpdateAgent { host: host.clone(), port: *port },
            Source::Server => SourceId::Server,
            Source::ActiveUpdate => SourceId::ActiveUpdate,
            Source::Url { canonical, .. } => SourceId::Url(canonical.clone()),
        }
    }

    /// The canonical spelling (SPEC §2), as the list's writer puts it.
    pub fn canonical(&self) -> String {
        self.id().to_string()
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

    /// Where the source lives, for an Update Agent or a URL.
    pub fn host(&self) -> Option<&Host> {
        match self {
            Source::UpdateAgent { host, .. } | Source::Url { host, .. } => Some(host),
            Source::Server | Source::ActiveUpdate => None,
        }
    }

    /// Whether this is the ActiveUpdate server.
    pub fn is_activeupdate(&self) -> bool {
        matches!(self, Source::ActiveUpdate)
    }
}

/// `ua//HOST`, `ua:/HOST`, `http:\\HOST`, `https//HOST`: a scheme the writer
/// meant but mistyped (a colon or a slash lost, or backslashes), with the
/// spelling meant.
fn mistyped_scheme(t: &str) -> Option<String> {
    ["https", "http", "ua"].iter().find_map(|scheme| {
        let rest = strip_prefix_ci(t, scheme)?;
        let marks = rest.len() - rest.trim_start_matches([':', '/', '\\']).len();
        let (sep, host) = rest.split_at(marks);
        (marks > 0 && sep != "://" && !host.is_empty()).then(|| format!("{scheme}://{host}"))
    })
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

type Fail = (usize, String);

fn parse_update_agent(rest: &str) -> Result<Source, Fail> {
    let rest = rest.trim_end_matches('/');
    if byte_at(rest, b'/').is_some() {
        return Err((0, "an Update Agent is an address with an optional port, not a URL path".into()));
    }
    let (host, port) = parse_authority(rest, true).map_err(|e| (e.offset, e.message))?;
    Ok(Source::UpdateAgent { host, port })
}

fn parse_url(scheme: &str, rest: &str) -> Result<Source, Fail> {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or_default();
    let path = rest.get(end..).unwrap_or_default().trim_end_matches('/');
    if byte_at(authority, b'@').is_some() {
        return Err((0, "user names and passwords in update source URLs are not supported".into()));
    }
    let (host, port) = parse_authority(authority, false).map_err(|e| (e.offset, e.message))?;
    if let Host::Name(name) = &host {
        let sub = name.strip_suffix(AU_DOMAIN).is_some_and(|head| head.is_empty() || head.ends_with('.'));
        if sub {
            return Ok(Source::ActiveUpdate);
        }
    }
    let default_port = if scheme == "https" { 443 } else { 80 };
    // Written piece by piece: a list may hold thousands of URLs.
    let mut canonical = String::with_capacity(scheme.len() + 3 + authority.len() + path.len());
    canonical.push_str(scheme);
    canonical.push_str("://");
    match &host {
        Host::Name(name) => canonical.push_str(name),
        ip => {
            let _ = write!(canonical, "{ip}");
        }
    }
    if let Some(p) = port.filter(|p| *p != default_port) {
        let _ = write!(canonical, ":{p}");
    }
    canonical.push_str(path);
    Ok(Source::Url { canonical, host })
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
        // A dot or a slash alone is enough to read as a URL without its scheme.
        assert!(canon("mirror.corp.local").contains("has no scheme"), "{}", canon("mirror.corp.local"));
        assert!(canon("mirror/activeupdate").contains("has no scheme"));
        assert!(canon("https://mirror.corp.local/au /x").contains("cannot contain spaces"));
    }

    #[test]
    fn a_mistyped_scheme_is_named_with_the_spelling_meant() {
        assert_eq!(
            canon("ua//10.20.0.15"),
            "ERR `ua//10.20.0.15` has a mistyped scheme: did you mean `ua://10.20.0.15`?"
        );
        assert!(canon("ua:/10.20.0.15").contains("did you mean `ua://10.20.0.15`"));
        assert!(canon("UA:10.20.0.15").contains("did you mean `ua://10.20.0.15`"));
        assert!(canon("http//mirror.corp/au").contains("did you mean `http://mirror.corp/au`"));
        assert!(canon("https:\\\\mirror.corp/au").contains("did you mean `https://mirror.corp/au`"));
        assert!(!canon("ua://10.20.0.15").contains("mistyped"));
        assert!(!canon("uaserver.corp").contains("mistyped"));
    }

    #[test]
    fn update_agent_needs_a_space_and_its_address() {
        for word in ["update-agent10.1.0.5", "update-agent"] {
            assert!(canon(word).contains("needs the Update Agent's address"), "{word}: {}", canon(word));
        }
        // A bad address after the words is placed where it starts.
        assert_eq!(Source::parse("update-agent   10.1.0.500").map_err(|e| e.offset), Err(22));
    }

    #[test]
    fn host_typos_are_errors_at_the_host() {
        for (word, at, why) in [
            ("ua://10.1.0.500", 12, "500 is over 255"),
            ("ua://10.2.0", 5, "3 parts, not 4"),
            ("http://10.3.0.999/au", 14, "999 is over 255"),
            ("ua://192.168.1.300", 15, "300 is over 255"),
            ("http://mirror1..corp.example/au", 15, "empty label"),
        ] {
            match Source::parse(word) {
                Err(e) => {
                    assert_eq!(e.offset, at, "{word}");
                    assert!(e.message.contains(why), "{word}: {}", e.message);
                }
                Ok(s) => panic!("{word} was accepted as {}", s.canonical()),
            }
        }
    }

    #[test]
    fn down_words_read_to_one_identity() {
        assert_eq!(SourceId::read(" UA://Floor1.Corp "), SourceId::read("ua://floor1.corp"));
        assert_eq!(SourceId::read("http://osce12-p.activeupdate.trendmicro.com/activeupdate"), SourceId::ActiveUpdate);
        assert_eq!(SourceId::read("primary"), SourceId::Primary);
        assert_eq!(SourceId::read("tenant-relay-group"), SourceId::TenantRelayGroup);
        assert_eq!(SourceId::read("relay-a"), SourceId::Relay("relay-a".into()));
        assert_eq!(SourceId::read("relay-a").to_string(), "relay-a");
        for word in ["service-gateway", "trend-vision-one", "relay-group:Branch relays"] {
            assert_eq!(SourceId::read(word).to_string(), word);
        }
        assert_eq!(SourceId::read(" Relay-Group: Branch "), SourceId::RelayGroup("Branch".into()));
        assert_eq!(SourceId::read("SERVICE-GATEWAY"), SourceId::ServiceGateway);
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
        assert!(Host::parse("fe80::1").is_ok_and(|h| h.is_link_local()));
        assert!(Host::parse("2001:db8::1").is_ok_and(|h| !h.is_link_local()));
    }
}
