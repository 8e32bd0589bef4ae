//! Component duplication (CD1-CD4): which pattern files each source holds
//! once it has updated, and what an agent downloads from the source that
//! delivers its components: the one incremental pattern from its own
//! version when the source holds it, else the full pattern.
//!
//! The documents give the server's download against ActiveUpdate (CD1):
//! 14 releases behind or less, the one incremental pattern; more, the full
//! pattern and 14 incremental patterns; the server then generates
//! incremental patterns from the other full patterns it keeps. An Update
//! Agent does the same against its source, the server, then downloads all
//! the remaining incremental patterns there (CD2). An agent that missed
//! the incremental it needs downloads the full pattern (CD3). What an
//! update source URL holds is not documented: it is read as the full
//! pattern alone (CD4, assumed).
//!
//! Versions are the release numbers the console shows (`175` of
//! `17.501.00`); releases step by 2, so 171 and 175 are 2 releases apart.
//! Everything here is worked out once, when components are delivered, and
//! carried by the trace's step: every view reads it from there.

use std::fmt::Write as _;

use crate::input::source::SourceId;
use crate::model::profile::Profile;
use crate::model::rules::Rule;
use crate::vocabulary;

/// How many incremental patterns ActiveUpdate offers with its latest full
/// pattern, and how far behind a download stays incremental (CD1, CD2).
pub const INCREMENTALS: u32 = 14;

/// How many releases `newer` is ahead of `older`: the versions step by 2,
/// so 171 and 175 are 2 apart ("The difference between versions 171 and
/// 175 is 2"); an odd gap counts its half release as a whole one.
pub fn releases_between(older: u32, newer: u32) -> u32 {
    newer.saturating_sub(older).div_ceil(2)
}

/// Pattern versions, sorted and each once: a sorted list rather than a
/// `BTreeSet`, whose code for one more key type costs the page's first
/// load more than these few versions ever need.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Versions(Vec<u32>);

impl Versions {
    /// Whether `v` is one of them.
    pub fn contains(&self, v: &u32) -> bool {
        self.0.binary_search(v).is_ok()
    }
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// In ascending order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = u32> + '_ {
        self.0.iter().copied()
    }
    fn extend(&mut self, more: impl IntoIterator<Item = u32>) {
        self.0.extend(more);
        // A few versions: the small sort, not one more type for the
        // standard sort's code in the page.
        crate::model::order::sort_small(&mut self.0);
        self.0.dedup();
    }
}

impl FromIterator<u32> for Versions {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> Versions {
        let mut v = Versions::default();
        v.extend(iter);
        v
    }
}

/// The pattern versions a scenario gives, read and checked (the plan's
/// `patterns`), and the sizes of a full and an incremental pattern.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Patterns {
    /// ActiveUpdate's latest full pattern.
    pub activeupdate: Option<u32>,
    /// The server's full pattern before it updates.
    pub server: Option<u32>,
    /// The other full patterns the server keeps.
    pub server_kept: Versions,
    /// The agent's pattern.
    pub agent: Option<u32>,
    /// Update Agents' and update source URLs' full patterns, the first
    /// given for a source counting.
    pub sources: Vec<(SourceId, u32)>,
    /// A full pattern's size, in kB.
    pub full_kb: Option<u64>,
    /// An incremental pattern's size, in kB.
    pub incremental_kb: Option<u64>,
}

impl Patterns {
    /// The full pattern `patterns.sources` gives for a source.
    pub fn source(&self, id: &SourceId) -> Option<u32> {
        self.sources.iter().find(|(s, _)| s == id).map(|(_, v)| *v)
    }

    /// The pattern of an Update Agent traced at one of `addresses`: what
    /// `patterns.sources` gives for the Update Agent at that address is
    /// that machine's own, and stands before `patterns.agent`.
    pub fn update_agent_at(&self, addresses: &[std::net::IpAddr]) -> Option<u32> {
        self.sources.iter().find_map(|(s, v)| match s {
            SourceId::UpdateAgent { host, .. } if host.ip().is_some_and(|ip| addresses.contains(&ip)) => Some(*v),
            _ => None,
        })
    }
}

/// What one download is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Download {
    /// Nothing: the pattern is already the source's latest.
    Nothing {
        /// The pattern already there.
        pattern: u32,
    },
    /// The incremental pattern from one version to the latest.
    Incremental {
        /// The version it starts from.
        from: u32,
        /// The full pattern it makes.
        to: u32,
    },
    /// The full pattern.
    Full {
        /// Its version.
        pattern: u32,
    },
}

impl Download {
    /// The trace's JSON `download`: `incremental`, `full` or `none`.
    pub fn kind(self) -> &'static str {
        match self {
            Download::Nothing { .. } => "none",
            Download::Incremental { .. } => "incremental",
            Download::Full { .. } => "full",
        }
    }

    /// The trace's JSON `pattern`: `161.175` for an incremental, `175`.
    pub fn pattern(self) -> String {
        match self {
            Download::Nothing { pattern } | Download::Full { pattern } => pattern.to_string(),
            Download::Incremental { from, to } => format!("{from}.{to}"),
        }
    }

    /// In the console's words: "the incremental pattern 161.175", "the
    /// full pattern 175", "no pattern (175 is current)".
    pub fn words(self) -> String {
        match self {
            Download::Nothing { pattern } => format!("no pattern ({pattern} is current)"),
            Download::Incremental { .. } => format!("the incremental pattern {}", self.pattern()),
            Download::Full { .. } => format!("the full pattern {}", self.pattern()),
        }
    }

    /// Said short, for the picture's arrow: "incremental 161.175", "full 175".
    pub fn short(self) -> String {
        match self {
            Download::Nothing { pattern } => format!("{pattern} is current"),
            Download::Incremental { .. } => format!("incremental {}", self.pattern()),
            Download::Full { .. } => format!("full {}", self.pattern()),
        }
    }

    /// Its size in kB, when the scenario gives it.
    pub fn kb(self, p: &Patterns) -> Option<u64> {
        match self {
            Download::Nothing { .. } => Some(0),
            Download::Incremental { .. } => p.incremental_kb,
            Download::Full { .. } => p.full_kb,
        }
    }
}

/// A size in kB, as people read it: "60 MB", "0.5 MB", and from a
/// thousand MB on in GB: "19.2 GB", "192 GB".
pub fn file_size(kb: u64) -> String {
    let (unit, per) = if kb >= 1_000_000 { ("GB", 1_000_000) } else { ("MB", 1_000) };
    let whole = crate::fleet::count::count(u128::from(kb / per));
    // Three digits after the point at most, the trailing zeros dropped.
    let rest = (kb % per) / (per / 1_000);
    if rest == 0 {
        return format!("{whole} {unit}");
    }
    let mut frac = format!("{rest:03}");
    while frac.ends_with('0') {
        frac.pop();
    }
    format!("{whole}.{frac} {unit}")
}

/// What a source holds once it has updated: its latest full pattern and
/// the incremental patterns to it, by the version each starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// The latest full pattern.
    pub latest: u32,
    /// The versions it holds an incremental pattern from.
    pub from: Versions,
}

/// A step the walk adds: its rule, its sentence, and whether it rests on
/// our reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// The rule it cites.
    pub rule: Rule,
    /// The sentence.
    pub text: String,
    /// Assumed.
    pub assumed: bool,
}

/// What is said when a source delivers components: the agent's download
/// (carried by the attempt) and the steps that explain it, the source's
/// own update first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// What the agent downloads; `None` when its own pattern is not given.
    pub download: Option<Download>,
    /// The steps, in order: the server's update (CD1), an Update Agent's
    /// (CD2), the agent's download (CD2-CD4).
    pub steps: Vec<Said>,
}

/// The versions in words: "169, 167 and 165".
fn listed(versions: impl DoubleEndedIterator<Item = u32>) -> String {
    let words: Vec<String> = versions.rev().map(|v| v.to_string()).collect();
    crate::model::plural::join_and(&words)
}

/// The releases in words: "1 release", "7 releases".
fn releases_words(n: u32) -> String {
    crate::model::plural::count(n as usize, "release", "releases")
}

/// The server once it has updated against ActiveUpdate (CD1), and what
/// is said of it; `None` when no version of it is known.
pub fn server_update(p: &Patterns, profile: Profile) -> Option<(Holding, Option<Said>)> {
    let server = profile.server_name();
    let latest = match (p.activeupdate, p.server) {
        (Some(au), Some(own)) => au.max(own),
        (Some(v), None) | (None, Some(v)) => v,
        (None, None) => return None,
    };
    let kept: Versions = p.server_kept.iter().filter(|v| *v < latest).collect();
    let generated = |from: &Versions| {
        if kept.is_empty() {
            "; it keeps no other full pattern to generate incremental patterns from".to_string()
        } else {
            let made = kept.iter().filter(|v| !from.contains(v)).map(|v| format!("{v}.{latest}"));
            let made: Vec<String> = made.rev().collect();
            if made.is_empty() {
                String::new()
            } else {
                format!(
                    "; from the full patterns it keeps ({}) it generates {}",
                    listed(kept.iter()),
                    crate::model::plural::join_and(&made)
                )
            }
        }
    };
    let (Some(au), Some(own)) = (p.activeupdate, p.server) else {
        let from = kept.clone();
        let said = p.activeupdate.map(|au| Said {
            rule: Rule::CD1,
            text: format!(
                "The {server}'s own pattern is not given: taken as ActiveUpdate's latest, {au}{}",
                generated(&Versions::default())
            ),
            assumed: true,
        });
        return Some((Holding { latest, from }, said));
    };
    let behind = releases_between(own, au);
    let (download, mut from) = if own >= au {
        (Download::Nothing { pattern: own }, Versions::default())
    } else if behind <= INCREMENTALS {
        (Download::Incremental { from: own, to: au }, Versions(vec![own]))
    } else {
        (Download::Full { pattern: au }, (1..=INCREMENTALS).filter_map(|k| au.checked_sub(2 * k)).collect())
    };
    let mut text = match download {
        Download::Nothing { .. } => format!("The {server}'s full pattern {own} is ActiveUpdate's latest: nothing to download"),
        Download::Incremental { .. } => format!(
            "The {server}'s full pattern {own} is {} behind ActiveUpdate's {au}, 14 or less: it downloads {}",
            releases_words(behind),
            download.words()
        ),
        Download::Full { .. } => format!(
            "The {server}'s full pattern {own} is {} behind ActiveUpdate's {au}, more than 14: it downloads {} and 14 incremental patterns (from {} to {})",
            releases_words(behind),
            download.words(),
            from.iter().next().unwrap_or_default(),
            from.iter().next_back().unwrap_or_default()
        ),
    };
    text.push_str(&generated(&from));
    from.extend(kept.iter());
    Some((Holding { latest, from }, Some(Said { rule: Rule::CD1, text, assumed: false })))
}

/// An Update Agent once it has updated against its source, the server
/// (CD2): the server's latest and all its incremental patterns, and what
/// it downloaded when its own version is given.
pub fn update_agent_update(p: &Patterns, profile: Profile, ua: &SourceId, source: &Holding) -> (Holding, Said) {
    let server = profile.server_name();
    let holding = source.clone();
    let name = vocabulary::name(profile, ua);
    let own = p.source(ua);
    let download = own.map(|own| one_download(own, source, true));
    let remaining = remaining_words(&format!("the {server}"), source, download.map(|(d, _)| d));
    let (Some(own), Some((download, why))) = (own, download) else {
        let text = format!(
            "{name}'s own pattern is not given: taken as the {server}'s latest full pattern {}; {remaining}",
            source.latest
        );
        return (holding, Said { rule: Rule::CD2, text, assumed: true });
    };
    let behind = releases_between(own, source.latest);
    let reason = match why {
        Why::MoreThan14 => ", more than 14".to_string(),
        Why::Held => ", 14 or less".to_string(),
        Why::NotHeld => format!(", 14 or less, but the {server} holds no incremental from {own}"),
        Why::Current => String::new(),
    };
    let text = match download {
        Download::Nothing { .. } => format!("{name}'s full pattern {own} is the {server}'s latest; {remaining}"),
        _ => format!(
            "{name}'s full pattern {own} is {} behind the {server}'s {}{reason}: it downloads {}; {remaining}",
            releases_words(behind),
            source.latest,
            download.words()
        ),
    };
    (holding, Said { rule: Rule::CD2, text, assumed: why == Why::NotHeld })
}

/// What an Update Agent takes after its own download (CD2): "then all the
/// remaining incremental patterns on the server (from 161, 163)", or that
/// `source` (its words, "the Apex One server") holds none.
fn remaining_words(source: &str, holding: &Holding, download: Option<Download>) -> String {
    let taken = match download {
        Some(Download::Incremental { from, .. }) => Some(from),
        _ => None,
    };
    let rest: Versions = holding.from.iter().filter(|v| Some(*v) != taken).collect();
    match (rest.is_empty(), taken.is_some()) {
        (true, false) => format!("{source} holds no incremental pattern"),
        (true, true) => format!("{source} holds no other incremental pattern"),
        (false, _) => format!("then all the remaining incremental patterns on {source} (from {})", listed(rest.iter())),
    }
}

/// Why a download is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// The pattern is already the source's latest.
    Current,
    /// An Update Agent more than 14 releases behind (CD2).
    MoreThan14,
    /// The source holds the incremental from the pattern.
    Held,
    /// It does not (CD3; for an Update Agent within 14 releases, assumed).
    NotHeld,
}

/// One download from a source holding `h` for a pattern `own`: an Update
/// Agent (`update_agent`) takes the full pattern beyond 14 releases (CD2);
/// anyone takes the incremental from its version when the source holds it,
/// else the full pattern (CD3).
fn one_download(own: u32, h: &Holding, update_agent: bool) -> (Download, Why) {
    if own >= h.latest {
        return (Download::Nothing { pattern: own }, Why::Current);
    }
    if update_agent && releases_between(own, h.latest) > INCREMENTALS {
        return (Download::Full { pattern: h.latest }, Why::MoreThan14);
    }
    if h.from.contains(&own) {
        return (Download::Incremental { from: own, to: h.latest }, Why::Held);
    }
    (Download::Full { pattern: h.latest }, Why::NotHeld)
}

/// What ActiveUpdate holds: its latest full pattern and the 14 incremental
/// patterns offered with it (CD1).
fn activeupdate_holding(latest: u32) -> Holding {
    Holding { latest, from: (1..=INCREMENTALS).filter_map(|k| latest.checked_sub(2 * k)).collect() }
}

/// What `source` holds once it has updated, the steps that say how it
/// came to, and the rule of an agent's download from it; `None` when the
/// versions given do not tell.
fn source_holding(p: &Patterns, profile: Profile, source: &SourceId) -> Option<(Holding, Vec<Said>, Rule)> {
    match source {
        SourceId::ActiveUpdate => Some((activeupdate_holding(p.activeupdate.or(p.server)?), Vec::new(), Rule::CD3)),
        SourceId::Server => {
            let (h, said) = server_update(p, profile)?;
            Some((h, said.into_iter().collect(), Rule::CD3))
        }
        SourceId::UpdateAgent { .. } => {
            let (h, said) = server_update(p, profile)?;
            let (h, ua) = update_agent_update(p, profile, source, &h);
            Some((h, said.into_iter().chain([ua]).collect(), Rule::CD3))
        }
        SourceId::Url(_) => {
            let latest = p.source(source).or(p.activeupdate.or(p.server))?;
            Some((Holding { latest, from: Versions::default() }, Vec::new(), Rule::CD4))
        }
        _ => None,
    }
}

/// What `source` holds once it has updated (CD1-CD4), when the versions
/// given tell.
pub fn holding(p: &Patterns, profile: Profile, source: &SourceId) -> Option<Holding> {
    source_holding(p, profile, source).map(|(h, _, _)| h)
}

/// What is downloaded when `source` delivers components to the traced
/// agent (`update_agent`: an Update Agent itself, CD2), and the steps that
/// say why; `None` when nothing is known of the source. Without the
/// agent's own pattern the source's update is still said, and that the
/// agent's download is not known.
pub fn delivery(p: &Patterns, profile: Profile, source: &SourceId, update_agent: bool) -> Option<Delivery> {
    let (holding, mut steps, rule) = source_holding(p, profile, source)?;
    let rule = if update_agent { Rule::CD2 } else { rule };
    let agent = if update_agent { "Update Agent" } else { profile.agent_name() };
    let name = vocabulary::name(profile, source);
    let Some(own) = p.agent else {
        let text = format!(
            "The {agent}'s own pattern is not given: what it downloads from {name} (the incremental pattern from its version, or the full pattern {}) is not known",
            holding.latest
        );
        steps.push(Said { rule, text, assumed: false });
        return Some(Delivery { download: None, steps });
    };
    let (download, why) = one_download(own, &holding, update_agent);
    let mut text = match download {
        Download::Nothing { .. } => {
            format!("The {agent}'s pattern {own} is already the latest on {name}: nothing to download")
        }
        _ => format!("The {agent} downloads {}", download.words()),
    };
    if let Some(kb) = download.kb(p).filter(|_| why != Why::Current) {
        let _ = write!(text, " ({})", file_size(kb));
    }
    if why != Why::Current {
        let _ = write!(text, " from {name}");
    }
    let behind = releases_words(releases_between(own, holding.latest));
    let _ = match why {
        Why::Current => Ok(()),
        Why::Held => write!(text, ": its pattern is {own}, and {name} holds the incremental from {own}"),
        Why::NotHeld if rule == Rule::CD4 => {
            write!(text, ": the {agent} is {behind} behind, and an update source URL holds no incremental patterns")
        }
        Why::MoreThan14 => write!(text, ": the {agent} is {behind} behind, more than 14"),
        Why::NotHeld => write!(text, ": the {agent} is {behind} behind and {name} holds no incremental from {own}"),
    };
    // An Update Agent then takes the rest, to offer its own agents (CD2).
    if update_agent && why != Why::Current {
        let _ = write!(text, "; {}", remaining_words(&name, &holding, Some(download)));
    }
    let assumed = rule.is_assumed() || (update_agent && why == Why::NotHeld);
    steps.push(Said { rule, text, assumed });
    Some(Delivery { download: Some(download), steps })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_step_by_two() {
        assert_eq!(releases_between(171, 175), 2);
        assert_eq!(releases_between(161, 175), 7);
        assert_eq!(releases_between(172, 175), 2);
        assert_eq!(releases_between(175, 171), 0);
    }

    #[test]
    fn sizes_read_as_megabytes_then_gigabytes() {
        assert_eq!(file_size(60_000), "60 MB");
        assert_eq!(file_size(500), "0.5 MB");
        assert_eq!(file_size(1_250), "1.25 MB");
        assert_eq!(file_size(0), "0 MB");
        assert_eq!(file_size(999_999), "999.999 MB");
        assert_eq!(file_size(1_000_000), "1 GB");
        assert_eq!(file_size(18_006_500), "18.006 GB");
        assert_eq!(file_size(19_200_000), "19.2 GB");
        assert_eq!(file_size(1_234_000_000_000), "1,234,000 GB");
    }

    #[test]
    fn a_download_names_its_kind_and_pattern() {
        let inc = Download::Incremental { from: 161, to: 175 };
        assert_eq!(
            (inc.kind(), inc.pattern(), inc.words()),
            ("incremental", "161.175".into(), "the incremental pattern 161.175".into())
        );
        let full = Download::Full { pattern: 175 };
        assert_eq!((full.kind(), full.pattern(), full.words()), ("full", "175".into(), "the full pattern 175".into()));
        let none = Download::Nothing { pattern: 175 };
        assert_eq!(
            (none.kind(), none.pattern(), none.words()),
            ("none", "175".into(), "no pattern (175 is current)".into())
        );
    }
}
