//! Share links: the whole scenario in the URL fragment, compressed and
//! checksummed, so a link from an old ticket either opens exactly what was
//! shared or says precisely why it cannot.
//!
//! Fragment: `s2.<crc32 hex of the JSON>.<length of the rest>.<base64url of
//! the deflated JSON>`. The length, ahead of the part a copy can lose,
//! tells a link cut short (shorter than it says) from one changed after it
//! was made (as long as it says, but not what was made). Links of format
//! `s1` (no length) are still read; a later format gets a new prefix.

use thiserror::Error;

use crate::format::error::{ReadError, MAX_DOCUMENT_BYTES};
use crate::format::scenario::{ListDoc, Scenario};

const PREFIX: &str = "s2";
/// The format before the length was carried; still read.
const PREFIX_WITHOUT_LENGTH: &str = "s1";

/// Longest fragment accepted: far above any real list, far below a hang.
pub const MAX_LINK_CHARS: usize = 1024 * 1024;

/// Why a link cannot be opened (or made): each failure its own message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LinkError {
    /// Nothing after the `#`.
    #[error("this link carries no scenario")]
    Empty,
    /// A later link format.
    #[error("this link was made by a newer planner (link format {found}); this planner reads s2 and s1 links")]
    NewerFormat {
        /// The link format found.
        found: String,
    },
    /// Not a planner link at all.
    #[error("this link is not a planner link: it does not start with s2. (or s1.)")]
    Unknown,
    /// Part of the link was lost in copying.
    #[error("this link is cut short: part of it was lost when it was copied")]
    Truncated,
    /// The checksum does not match.
    #[error("this link was changed after it was made: its checksum does not match")]
    Tampered,
    /// Longer than any link the planner makes.
    #[error("this link is too long ({chars} characters; at most {MAX_LINK_CHARS})")]
    Oversized {
        /// The link's length.
        chars: usize,
    },
    /// The link is whole, but its scenario is not one this planner reads.
    #[error("this link holds a scenario this planner cannot read: {0}")]
    Scenario(ReadError),
    #[error(
        "this scenario is at least {bytes} bytes, too large for a link (at most {MAX_LINK_JSON}); use Export JSON to share it"
    )]
    /// Too large for a link; Export is the way.
    TooLargeToShare {
        /// The scenario's size as JSON.
        bytes: usize,
    },
}

/// The largest scenario a link carries; larger ones are for Export.
pub const MAX_LINK_JSON: usize = 1024 * 1024;

/// The JSON a link carries, unless the scenario is too large for a link.
pub fn link_json(scenario: &Scenario) -> Result<String, LinkError> {
    // A pasted list over the limit is too large without writing it out.
    if let ListDoc::Text(list) = &scenario.sources.list {
        if list.len() > MAX_LINK_JSON {
            return Err(LinkError::TooLargeToShare { bytes: list.len() });
        }
    }
    let json = scenario.to_json();
    if json.len() > MAX_LINK_JSON {
        return Err(LinkError::TooLargeToShare { bytes: json.len() });
    }
    Ok(json)
}

/// The fragment for a link's JSON and that JSON compressed as raw deflate
/// (RFC 1951). The page compresses with the browser's own CompressionStream,
/// the command line with miniz_oxide; both read back the same.
pub fn fragment(json: &str, deflated: &[u8]) -> String {
    let body = base64url::encode(deflated);
    format!("{PREFIX}.{:08x}.{}.{body}", crc32(json.as_bytes()), body.len())
}

/// The fragment (without `#`) for a scenario, unless it is too large for a link.
pub fn encode_checked(scenario: &Scenario) -> Result<String, LinkError> {
    let json = link_json(scenario)?;
    Ok(fragment(&json, &miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9)))
}

/// The fragment (without `#`) for a scenario.
pub fn encode(scenario: &Scenario) -> String {
    let json = scenario.to_json();
    fragment(&json, &miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
}

/// A link taken apart, before its JSON is inflated: the page inflates with
/// the browser's own DecompressionStream and carries no inflater.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    sum: u32,
    /// The JSON, raw deflate (RFC 1951).
    pub deflated: Vec<u8>,
    /// Whether the link said how long it is (and was): then a body that
    /// cannot be inflated was changed, not cut.
    pub whole: bool,
}

impl Packed {
    /// Why a body that cannot be inflated to the end fails: with its length
    /// known to be whole, it was changed; else it may have been cut.
    pub fn incomplete(&self) -> LinkError {
        if self.whole {
            LinkError::Tampered
        } else {
            LinkError::Truncated
        }
    }
}

/// Takes a fragment (with or without `#`) apart, saying why it is no link.
pub fn unpack(fragment: &str) -> Result<Packed, LinkError> {
    let f = fragment.trim().trim_start_matches('#');
    if f.len() > MAX_LINK_CHARS {
        return Err(LinkError::Oversized { chars: f.len() });
    }
    if f.is_empty() {
        return Err(LinkError::Empty);
    }
    let (prefix, rest) = f.split_once('.').unwrap_or((f, ""));
    let measured = match prefix {
        PREFIX => true,
        PREFIX_WITHOUT_LENGTH => false,
        _ => {
            let newer = prefix.strip_prefix('s').and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| n > 2);
            return Err(if newer { LinkError::NewerFormat { found: prefix.to_string() } } else { LinkError::Unknown });
        }
    };
    let Some((sum, rest)) = rest.split_once('.') else {
        return Err(LinkError::Truncated);
    };
    let sum = u32::from_str_radix(sum, 16).map_err(|_| LinkError::Tampered)?;
    let body = if measured {
        let Some((length, body)) = rest.split_once('.') else {
            return Err(LinkError::Truncated);
        };
        let length: usize = length.parse().map_err(|_| LinkError::Tampered)?;
        if body.len() < length {
            return Err(LinkError::Truncated);
        }
        if body.len() > length {
            return Err(LinkError::Tampered);
        }
        body
    } else {
        rest
    };
    let deflated = base64url::decode(body).map_err(|e| match e {
        base64url::Error::Length if !measured => LinkError::Truncated,
        _ => LinkError::Tampered,
    })?;
    Ok(Packed { sum, deflated, whole: measured })
}

/// The scenario of an unpacked link, from its inflated JSON: the checksum
/// says whether it is the JSON the link was made from.
pub fn open(packed: &Packed, json: Vec<u8>) -> Result<Scenario, LinkError> {
    if crc32(&json) != packed.sum {
        return Err(LinkError::Tampered);
    }
    let text = String::from_utf8(json).map_err(|_| LinkError::Tampered)?;
    Scenario::from_json(&text).map_err(LinkError::Scenario)
}

/// Reads a fragment (with or without `#`).
pub fn decode(fragment: &str) -> Result<Scenario, LinkError> {
    let packed = unpack(fragment)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed.deflated, MAX_DOCUMENT_BYTES).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::FailedCannotMakeProgress => packed.incomplete(),
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                LinkError::Oversized { chars: fragment.trim().trim_start_matches('#').len() }
            }
            _ => LinkError::Tampered,
        },
    )?;
    open(&packed, json)
}

/// URL-safe base64 without padding (RFC 4648 §5). Written out here because
/// a general base64 crate costs the page more bytes than these few lines.
pub mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// Why a text is not base64url.
    #[derive(Debug, PartialEq, Eq)]
    pub enum Error {
        /// A length or a last character no whole encoding ends with: the text was cut.
        Length,
        /// A character outside the alphabet.
        Symbol,
    }

    /// URL-safe, unpadded: what links carry.
    pub fn encode(bytes: &[u8]) -> String {
        with_alphabet(bytes, ALPHABET, false)
    }

    /// Standard base64, padded (RFC 4648 §4): what a `data:` URL carries.
    pub fn standard(bytes: &[u8]) -> String {
        with_alphabet(bytes, STANDARD, true)
    }

    fn with_alphabet(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk.first().copied().unwrap_or(0),
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for k in 0..=chunk.len() {
                let i = (n >> (18 - 6 * k)) & 63;
                out.push(char::from(alphabet.get(i as usize).copied().unwrap_or(b'A')));
            }
            if pad {
                out.extend(std::iter::repeat_n('=', 3 - chunk.len()));
            }
        }
        out
    }

    fn value(c: u8) -> Option<u32> {
        ALPHABET.iter().position(|a| *a == c).and_then(|p| u32::try_from(p).ok())
    }

    /// Reads URL-safe, unpadded base64, telling a cut text from a changed one.
    pub fn decode(text: &str) -> Result<Vec<u8>, Error> {
        let bytes = text.as_bytes();
        if bytes.len() % 4 == 1 {
            return Err(Error::Length);
        }
        let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
        for chunk in bytes.chunks(4) {
            let mut n = 0u32;
            for (k, c) in chunk.iter().enumerate() {
                n |= value(*c).ok_or(Error::Symbol)? << (18 - 6 * k);
            }
            let keep = chunk.len() - 1;
            // Bits below the last whole byte are zero in a whole encoding;
            // set bits there mean the text was cut mid-way.
            if n & ((1 << (8 * (3 - keep))) - 1) != 0 {
                return Err(Error::Length);
            }
            for k in 0..keep {
                out.push(((n >> (16 - 8 * k)) & 0xff) as u8);
            }
        }
        Ok(out)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn rfc_4648_vectors_without_padding() {
            for (plain, coded) in [
                ("", ""),
                ("f", "Zg"),
                ("fo", "Zm8"),
                ("foo", "Zm9v"),
                ("foob", "Zm9vYg"),
                ("fooba", "Zm9vYmE"),
                ("foobar", "Zm9vYmFy"),
            ] {
                assert_eq!(encode(plain.as_bytes()), coded);
                assert_eq!(decode(coded), Ok(plain.as_bytes().to_vec()));
            }
            assert_eq!(encode(&[0xfb, 0xff]), "-_8");
            assert_eq!(decode("Zm9vY"), Err(Error::Length));
            assert_eq!(decode("Zm9!"), Err(Error::Symbol));
            assert_eq!(decode("Zh"), Err(Error::Length));
            // One character past whole groups is never a whole encoding,
            // even one whose bits are all zero.
            assert_eq!(decode("AAAAA"), Err(Error::Length));
            assert_eq!(standard(b"fo"), "Zm8=");
            assert_eq!(standard(&[0xfb, 0xff]), "+/8=");
            assert_eq!(standard(b"foobar"), "Zm9vYmFy");
        }
    }
}

/// CRC-32 (IEEE), bit by bit: links are short, so no table is worth its bytes.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::scenario::{ListDoc, Mode};
    use crate::model::profile::Profile;

    fn sample() -> Scenario {
        let mut s = Scenario::starter(Profile::OfficeScanXg);
        s.sources.mode = Mode::Customized;
        s.sources.list = ListDoc::Text("10.1.0.0/16 -> ua://10.1.0.5 # Floor 1\n* -> server".into());
        s
    }

    #[test]
    fn round_trip() {
        assert_eq!(decode(&encode(&sample())), Ok(sample()));
        assert_eq!(decode(&format!("#{}", encode(&sample()))), Ok(sample()));
    }

    #[test]
    fn scenarios_too_large_for_a_link_say_so() {
        let mut s = sample();
        s.sources.list = ListDoc::Text("* -> server # padding\n".repeat(60_000).into());
        assert!(matches!(encode_checked(&s), Err(LinkError::TooLargeToShare { .. })));
        assert!(encode_checked(&sample()).is_ok());
    }

    /// A list of many entries, as customers have, travels in a link of
    /// many characters; the limit is on the scenario's JSON, to the byte.
    #[test]
    fn a_large_list_travels_up_to_the_limit() {
        let lines: String = (0..4000u32)
            .map(|i| format!("10.{}.{}.0/24 -> ua://10.{}.{}.5 # Site {i}\n", i % 251, (i * 7) % 253, i % 249, i % 13))
            .collect();
        let mut s = sample();
        s.sources.list = ListDoc::Text(lines.into());
        let link = encode_checked(&s).expect("a 4000-line list has a link");
        assert!(link.len() > 10_000, "{}", link.len());
        assert_eq!(decode(&link), Ok(s));

        // The JSON exactly at the limit has a link; one byte more has not,
        // and the message names the JSON's size.
        let with_tail = |n: usize| {
            let mut s = sample();
            s.sources.list = ListDoc::Text(format!("* -> server # {}", "x".repeat(n)).into());
            s
        };
        let short = with_tail(0).to_json().len();
        let at_limit = with_tail(MAX_LINK_JSON - short);
        assert_eq!(at_limit.to_json().len(), MAX_LINK_JSON);
        assert!(encode_checked(&at_limit).is_ok());
        let over = with_tail(MAX_LINK_JSON - short + 1);
        assert_eq!(encode_checked(&over), Err(LinkError::TooLargeToShare { bytes: MAX_LINK_JSON + 1 }));
        // A pasted list alone over the limit is named by its own size,
        // without the JSON being written out.
        let list_at = |n: usize| {
            let mut s = sample();
            s.sources.list = ListDoc::Text("x".repeat(n).into());
            s
        };
        let json_of_list_at_limit = list_at(MAX_LINK_JSON).to_json().len();
        assert_eq!(
            encode_checked(&list_at(MAX_LINK_JSON)),
            Err(LinkError::TooLargeToShare { bytes: json_of_list_at_limit })
        );
        assert_eq!(
            encode_checked(&list_at(MAX_LINK_JSON + 1)),
            Err(LinkError::TooLargeToShare { bytes: MAX_LINK_JSON + 1 })
        );
        assert_eq!(
            LinkError::TooLargeToShare { bytes: MAX_LINK_JSON + 1 }.to_string(),
            "this scenario is at least 1048577 bytes, too large for a link (at most 1048576); use Export JSON to share it"
        );
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn each_failure_has_its_own_message() {
        let link = encode(&sample());
        assert_eq!(decode(""), Err(LinkError::Empty));
        assert_eq!(decode("hello"), Err(LinkError::Unknown));
        assert!(matches!(decode(&link.replacen("s2", "s3", 1)), Err(LinkError::NewerFormat { .. })));
        let cut = &link[..link.len() - 9];
        assert_eq!(decode(cut), Err(LinkError::Truncated));
        assert_eq!(decode("s1.0000"), Err(LinkError::Truncated));
        assert_eq!(decode("s2.0000"), Err(LinkError::Truncated));
        // As long as it says, but its tail is not what was made: changed.
        let mut tail = link.clone();
        let end = tail.len();
        tail.replace_range(end - 6.., if link.ends_with("AAAAAA") { "BBBBBB" } else { "AAAAAA" });
        assert_eq!(decode(&tail), Err(LinkError::Tampered));
        // Longer than it says: something was added.
        assert_eq!(decode(&format!("{link}A")), Err(LinkError::Tampered));
        let mut tampered = link.clone();
        tampered.replace_range(3..5, if &link[3..5] == "00" { "11" } else { "00" });
        assert_eq!(decode(&tampered), Err(LinkError::Tampered));
        let huge = format!("s1.0.{}", "A".repeat(MAX_LINK_CHARS));
        assert!(matches!(decode(&huge), Err(LinkError::Oversized { .. })));
        // At the limit a link is read (and this one, all zeros, is no link).
        let at_limit = format!("s1.0.{}", "A".repeat(MAX_LINK_CHARS - 5));
        assert_eq!(decode(&at_limit), Err(LinkError::Tampered));
        // A body no whole encoding has: cut, in a link that does not say its
        // length; changed, in one that says it and has it.
        assert_eq!(decode("s1.00000000.AAAAA"), Err(LinkError::Truncated));
        assert_eq!(decode("s2.00000000.5.AAAAA"), Err(LinkError::Tampered));
        // Only a format after s2 is newer; `s02` is no format at all.
        assert_eq!(decode("s02.0.0.A"), Err(LinkError::Unknown));
    }

    #[test]
    fn links_of_the_format_before_still_open() {
        let json = sample().to_json();
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
        let old = format!("s1.{:08x}.{}", crc32(json.as_bytes()), base64url::encode(&packed));
        assert_eq!(decode(&old), Ok(sample()));
        assert!(encode(&sample()).starts_with("s2."));
        // Cut where a whole base64 group ends, its deflate stream unfinished.
        let body = base64url::encode(&packed);
        let cut = format!("s1.{:08x}.{}", crc32(json.as_bytes()), &body[..body.len() / 8 * 4]);
        assert_eq!(decode(&cut), Err(LinkError::Truncated));
    }

    /// A link whose JSON would inflate past the document limit is refused
    /// as too long, not inflated without end.
    #[test]
    fn a_link_that_inflates_past_the_limit_is_too_long() {
        let json = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        let body = base64url::encode(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 1));
        // The checksum is never reached: inflating stops first.
        let bomb = format!("s2.00000000.{}.{body}", body.len());
        assert!(bomb.len() < MAX_LINK_CHARS);
        assert_eq!(decode(&bomb), Err(LinkError::Oversized { chars: bomb.len() }));
    }

    #[test]
    fn a_newer_scenario_inside_a_link_is_named() {
        let json = format!(r#"{{"version":{},"profile":"officescan-xg"}}"#, crate::format::FORMAT_VERSION + 1);
        let json = json.as_str();
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
        let link = format!("s1.{:08x}.{}", crc32(json.as_bytes()), base64url::encode(&packed));
        assert!(
            matches!(decode(&link), Err(LinkError::Scenario(ReadError::NewerVersion { found })) if found == u64::from(crate::format::FORMAT_VERSION) + 1)
        );
    }
}
