//! A batch as bytes: how a batch worked out in the page's worker crosses
//! to the page. 100,000 rows as JSON would take the page longer to read
//! than the worker took to work them out; as bytes they are one
//! transferable buffer, read in a few milliseconds.
//!
//! Layout, little-endian: `USPB`, a version byte, the count of sampled
//! specs (u32), of agents named again (u128); the summaries (u32 count; each: attempts u32, an item count
//! byte, then per item its byte, its status byte and, when updated, its
//! source, then the components' download: 0 none known, 1 nothing new,
//! 3 full (each with the pattern u32), 2 incremental (from and to, u32),
//! and how many agents have it (u128));
//! the rows (u32 count; each: the family byte 4 or 6, the address
//! in network order, the summary's index u32). A source is a tag byte and,
//! for those with a name, the name (u16 length, UTF-8).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use thiserror::Error;

use crate::duplication::Download;
use crate::input::source::{Source, SourceId};
use crate::model::item::Item;
use crate::trace::ItemOutcome;

use super::batch::{Batch, BatchRow, Summary};

const MAGIC: &[u8; 4] = b"USPB";
const VERSION: u8 = 4;

/// Why bytes are not a batch: the page and its worker are from different
/// builds, or the bytes were cut short.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WireError {
    /// Not the layout this build writes.
    #[error("the worker's answer is not in this page's format; reload the page")]
    Format,
    /// The bytes end inside a value.
    #[error("the worker's answer is cut short at byte {0}")]
    Short(usize),
}

/// The batch as bytes.
pub fn encode(batch: &Batch) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + batch.rows.len() * 9);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    put_u32(&mut out, batch.sampled);
    out.extend_from_slice(&batch.repeated.to_le_bytes());
    put_u32(&mut out, batch.summaries.len());
    for s in &batch.summaries {
        put_u32(&mut out, s.attempts);
        out.push(s.items.len() as u8);
        for (item, outcome) in &s.items {
            out.push(item_byte(*item));
            put_outcome(&mut out, outcome);
        }
        put_download(&mut out, s.download);
    }
    for i in 0..batch.summaries.len() {
        out.extend_from_slice(&batch.agents.get(i).copied().unwrap_or_default().to_le_bytes());
    }
    put_u32(&mut out, batch.rows.len());
    for row in &batch.rows {
        match row.agent {
            IpAddr::V4(a) => {
                out.push(4);
                out.extend_from_slice(&a.octets());
            }
            IpAddr::V6(a) => {
                out.push(6);
                out.extend_from_slice(&a.octets());
            }
        }
        put_u32(&mut out, row.summary);
    }
    out
}

/// The batch back from its bytes.
pub fn decode(bytes: &[u8]) -> Result<Batch, WireError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC || r.byte()? != VERSION {
        return Err(WireError::Format);
    }
    let sampled = r.u32()?;
    let repeated = u128::from_le_bytes(<[u8; 16]>::try_from(r.take(16)?).map_err(|_| WireError::Format)?);
    let mut summaries = Vec::with_capacity(r.u32()?.min(bytes.len()));
    for _ in 0..summaries.capacity() {
        let attempts = r.u32()?;
        let n = r.byte()?;
        let mut items = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            let item = Item::ALL.get(usize::from(r.byte()?)).copied().ok_or(WireError::Format)?;
            items.push((item, r.outcome()?));
        }
        let download = r.download()?;
        summaries.push(Summary { items, attempts, download });
    }
    let mut agents = Vec::with_capacity(summaries.len());
    for _ in 0..summaries.len() {
        agents.push(u128::from_le_bytes(<[u8; 16]>::try_from(r.take(16)?).map_err(|_| WireError::Format)?));
    }
    let count = r.u32()?;
    let mut rows = Vec::with_capacity(count.min(bytes.len() / 9));
    for _ in 0..count {
        let agent = match r.byte()? {
            4 => IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(r.take(4)?).map_err(|_| WireError::Format)?)),
            6 => IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(r.take(16)?).map_err(|_| WireError::Format)?)),
            _ => return Err(WireError::Format),
        };
        let summary = r.u32()?;
        if summary >= summaries.len() {
            return Err(WireError::Format);
        }
        rows.push(BatchRow { agent, summary });
    }
    Ok(Batch { rows, summaries, sampled, agents, repeated })
}

fn put_download(out: &mut Vec<u8>, d: Option<Download>) {
    match d {
        None => out.push(0),
        Some(Download::Nothing { pattern }) => {
            out.push(1);
            out.extend_from_slice(&pattern.to_le_bytes());
        }
        Some(Download::Incremental { from, to }) => {
            out.push(2);
            out.extend_from_slice(&from.to_le_bytes());
            out.extend_from_slice(&to.to_le_bytes());
        }
        Some(Download::Full { pattern }) => {
            out.push(3);
            out.extend_from_slice(&pattern.to_le_bytes());
        }
    }
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn item_byte(item: Item) -> u8 {
    Item::ALL.iter().position(|i| *i == item).unwrap_or(0) as u8
}

fn put_outcome(out: &mut Vec<u8>, outcome: &ItemOutcome) {
    match outcome {
        ItemOutcome::Updated(source) => {
            out.push(0);
            put_source(out, source);
        }
        ItemOutcome::NotUpdated => out.push(1),
        ItemOutcome::NotStarted => out.push(2),
        ItemOutcome::Excluded => out.push(3),
    }
}

fn put_source(out: &mut Vec<u8>, source: &SourceId) {
    let (tag, name) = match source {
        SourceId::Server => (0, None),
        SourceId::ActiveUpdate => (1, None),
        SourceId::UpdateAgent { .. } => (2, Some(source.to_string())),
        SourceId::Url(url) => (3, Some(url.clone())),
        SourceId::Relay(name) => (4, Some(name.clone())),
        SourceId::TenantRelayGroup => (5, None),
        SourceId::Primary => (6, None),
        SourceId::RelayGroup(name) => (7, Some(name.clone())),
        SourceId::ServiceGateway => (8, None),
        SourceId::VisionOne => (9, None),
        SourceId::EdgeRelay => (10, None),
    };
    out.push(tag);
    if let Some(name) = name {
        let bytes = name.as_bytes();
        let len = bytes.len().min(usize::from(u16::MAX));
        out.extend_from_slice(&(len as u16).to_le_bytes());
        out.extend_from_slice(bytes.get(..len).unwrap_or_default());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let part = self.bytes.get(self.at..self.at + n).ok_or(WireError::Short(self.at))?;
        self.at += n;
        Ok(part)
    }

    fn byte(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?.first().copied().unwrap_or(0))
    }

    fn pattern(&mut self) -> Result<u32, WireError> {
        let b = <[u8; 4]>::try_from(self.take(4)?).map_err(|_| WireError::Format)?;
        Ok(u32::from_le_bytes(b))
    }

    fn download(&mut self) -> Result<Option<Download>, WireError> {
        Ok(match self.byte()? {
            0 => None,
            1 => Some(Download::Nothing { pattern: self.pattern()? }),
            2 => Some(Download::Incremental { from: self.pattern()?, to: self.pattern()? }),
            3 => Some(Download::Full { pattern: self.pattern()? }),
            _ => return Err(WireError::Format),
        })
    }

    fn u32(&mut self) -> Result<usize, WireError> {
        let b = <[u8; 4]>::try_from(self.take(4)?).map_err(|_| WireError::Format)?;
        Ok(u32::from_le_bytes(b) as usize)
    }

    fn name(&mut self) -> Result<String, WireError> {
        let b = <[u8; 2]>::try_from(self.take(2)?).map_err(|_| WireError::Format)?;
        let text = self.take(usize::from(u16::from_le_bytes(b)))?;
        String::from_utf8(text.to_vec()).map_err(|_| WireError::Format)
    }

    fn outcome(&mut self) -> Result<ItemOutcome, WireError> {
        Ok(match self.byte()? {
            0 => ItemOutcome::Updated(self.source()?),
            1 => ItemOutcome::NotUpdated,
            2 => ItemOutcome::NotStarted,
            3 => ItemOutcome::Excluded,
            _ => return Err(WireError::Format),
        })
    }

    fn source(&mut self) -> Result<SourceId, WireError> {
        Ok(match self.byte()? {
            0 => SourceId::Server,
            1 => SourceId::ActiveUpdate,
            2 => Source::parse(&self.name()?).map_err(|_| WireError::Format)?.id(),
            3 => SourceId::Url(self.name()?),
            4 => SourceId::Relay(self.name()?),
            5 => SourceId::TenantRelayGroup,
            7 => SourceId::RelayGroup(self.name()?),
            8 => SourceId::ServiceGateway,
            9 => SourceId::VisionOne,
            10 => SourceId::EdgeRelay,
            6 => SourceId::Primary,
            _ => return Err(WireError::Format),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::scenario::Scenario;
    use crate::input::agents::parse_agents;
    use crate::plan::prepare;

    #[test]
    fn a_batch_survives_the_crossing_and_damage_is_refused() {
        let s = Scenario::from_json(
            r#"{"version":2,"profile":"apex-one","sources":{"mode":"customized","list":"10.1.0.0/16 -> ua://10.1.0.5:8080\n2001:db8::/32 -> ua://[2001:db8::5]\n10.2.0.0/16 -> http://mirror.corp.local/au\n* -> activeupdate"},"agent":{"addresses":["10.1.0.9"]},"world":{"down":["ua://10.1.0.5:8080"]}}"#,
        )
        .expect("scenario");
        let plan = prepare(&s, None);
        let (specs, _) = parse_agents("10.1.0.0/30\n2001:db8::9\n10.2.0.1\n192.0.2.1\n10.0.0.0/8");
        let batch = super::super::batch(&plan, &specs);
        assert!(batch.summaries.len() >= 3 && batch.sampled == 1);
        let bytes = encode(&batch);
        assert_eq!(decode(&bytes), Ok(batch));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), Err(WireError::Short(bytes.len() - 4)));
        assert_eq!(decode(b"USPB\x09"), Err(WireError::Format));
    }

    #[test]
    fn every_outcome_and_every_kind_of_source_survives_the_crossing() {
        let sources = [
            SourceId::Server,
            SourceId::ActiveUpdate,
            SourceId::read("ua://[2001:db8::5]:8080"),
            SourceId::read("https://mirror.corp.local:8443/au"),
            SourceId::Relay("relay-a".into()),
            SourceId::TenantRelayGroup,
            SourceId::RelayGroup("Branch relays".into()),
            SourceId::ServiceGateway,
            SourceId::VisionOne,
            SourceId::EdgeRelay,
            SourceId::Primary,
        ];
        let mut summaries: Vec<Summary> = sources
            .iter()
            .zip(
                [
                    None,
                    Some(Download::Nothing { pattern: 175 }),
                    Some(Download::Incremental { from: 161, to: 175 }),
                    Some(Download::Full { pattern: u32::MAX }),
                ]
                .into_iter()
                .cycle(),
            )
            .map(|(s, download)| Summary {
                items: vec![(Item::Components, ItemOutcome::Updated(s.clone()))],
                attempts: 2,
                download,
            })
            .collect();
        summaries.push(Summary {
            items: vec![
                (Item::DomainSettings, ItemOutcome::NotUpdated),
                (Item::Components, ItemOutcome::NotStarted),
                (Item::Programs, ItemOutcome::Excluded),
            ],
            attempts: 0,
            download: None,
        });
        let rows =
            (0..summaries.len()).map(|i| BatchRow { agent: IpAddr::from([10, 0, 0, i as u8]), summary: i }).collect();
        let agents = (0..summaries.len() as u128).map(|i| (i << 100) + 7).collect();
        let batch = Batch { rows, summaries, sampled: 0, agents, repeated: 3 };
        assert_eq!(decode(&encode(&batch)), Ok(batch));
        // A download kind this build does not know is refused.
        let mut bytes = encode(&Batch {
            rows: Vec::new(),
            summaries: vec![Summary { items: Vec::new(), attempts: 0, download: None }],
            sampled: 0,
            agents: vec![1],
            repeated: 0,
        });
        let at = bytes.len() - 5 - 16;
        bytes[at] = 4;
        assert_eq!(decode(&bytes), Err(WireError::Format));
    }
}
