//! The customized update source list: entries (client IP range -> source),
//! the pasted-list reader (SPEC §6) and the list's own warnings (W1-W5).

use std::fmt::Display;

use crate::input::host::parse_ip;
use crate::input::range::AddrRange;
use crate::input::source::{Source, SourceId};
use crate::input::text;
use crate::model::diagnostics::{Field, InputError, Warning};
use crate::model::item::{Item, ItemSet};
use crate::model::rules::Rule;

/// The console's limit on entries (W1).
pub const CONSOLE_LIMIT: usize = 1024;

/// The largest pasted list the planner reads: well above any real list (a
/// 100,000-line, 5 MB export reads in well under a second), well below a
/// paste that would freeze the page.
pub const MAX_LIST_BYTES: usize = 6 * 1024 * 1024;
/// The same limit in lines.
pub const MAX_LIST_LINES: usize = 120_000;

/// One entry of the customized list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where the entry was written: line of the pasted list or of the JSON document.
    pub line: usize,
    /// The client IP range the entry is for.
    pub range: AddrRange,
    /// Where agents in the range update from.
    pub source: Source,
    /// What an Update Agent shares; all three for other kinds.
    pub serves: ItemSet,
    /// The entry's label, shown in the trace.
    pub label: Option<String>,
}

impl Entry {
    /// The entry as a pasted-list line, so the table and the text stay in step.
    pub fn to_line(&self) -> String {
        let shares = matches!(self.source, Source::UpdateAgent { .. }) && self.serves != ItemSet::ALL;
        write_line(&self.range, &self.source.canonical(), shares.then_some(self.serves), self.label.as_deref())
    }

    /// What an Update Agent entry is set to share, when not everything: the
    /// table keeps it through an edit of the entry's other parts.
    pub fn shares_only(&self) -> Option<ItemSet> {
        (matches!(self.source, Source::UpdateAgent { .. }) && self.serves != ItemSet::ALL).then_some(self.serves)
    }
}

/// The one writer of the list-line syntax (SPEC §6 and `serves=`), for
/// entries read, JSON entries as written and the table's edits alike; the
/// reader below reads back whatever it writes.
pub fn write_line(range: &dyn Display, source: &dyn Display, serves: Option<ItemSet>, label: Option<&str>) -> String {
    let mut line = format!("{range} -> {source}");
    if let Some(serves) = serves {
        let items: Vec<&str> = serves.iter().map(Item::id).collect();
        line.push_str(" serves=");
        line.push_str(&items.join(","));
    }
    if let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) {
        line.push_str(" # ");
        line.push_str(label);
    }
    line
}

/// How a list names its entries to people. A pasted list names the line,
/// as the page's editor numbers it; a list of JSON entries names the
/// entry's position, since a document may be written on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// "line 29": the pasted list.
    Lines,
    /// "entry 3": JSON entries.
    Entries,
}

impl Numbering {
    /// One entry's name: "line 29" or "entry 3".
    pub fn name(self, number: usize, line: usize) -> String {
        match self {
            Numbering::Lines => format!("line {line}"),
            Numbering::Entries => format!("entry {number}"),
        }
    }

    /// The number people see for an entry.
    pub fn number(self, number: usize, line: usize) -> usize {
        match self {
            Numbering::Lines => line,
            Numbering::Entries => number,
        }
    }
}

/// A line with an error whose range was still read: if the range holds the
/// agent, the answer may change once the line is fixed (W6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLine {
    /// The line (of the pasted list or the JSON document).
    pub line: usize,
    /// The range the line was written for.
    pub range: AddrRange,
}

/// A list as read: the entries understood, the errors for the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedList {
    /// The entries understood, in list order.
    pub entries: Vec<Entry>,
    /// One error or more for each line not understood.
    pub errors: Vec<InputError>,
    /// Lines with errors whose range was read (W6).
    pub broken: Vec<BrokenLine>,
    /// The line taken as a spreadsheet header and skipped.
    pub header: Option<usize>,
}

/// Reads a pasted list. Never fails as a whole: a bad line becomes an error
/// naming its line and column, and the other lines still count.
pub fn parse_list(text: &str) -> ParsedList {
    let mut reader = LineReader::new(text);
    reader.read(text, usize::MAX);
    reader.finish()
}

/// A pasted list read some lines at a time: the page reads a 100,000-line
/// paste in slices, answering between them, instead of in one piece.
#[derive(Debug, Clone, Default)]
pub struct LineReader {
    out: ParsedList,
    /// The list's warnings, worked out as entries are read, when asked for.
    check: Option<ListCheck>,
    /// Byte offset of the next line to read.
    at: usize,
    /// 1-based number of that line.
    line_no: usize,
    seen_content: bool,
    done: bool,
}

impl LineReader {
    /// A reader for `text` (the same text must be given to every `read`).
    /// A paste over the limits is refused whole here, naming the limit.
    pub fn new(text: &str) -> LineReader {
        let mut reader = LineReader { line_no: 1, ..LineReader::default() };
        // Lines are not counted first (a pass over 5 MB): too many lines are
        // found on the way, and room is made for a line every 48 bytes.
        match too_large(text.len()) {
            Some(why) => reader.refuse(why),
            None => reader.out.entries.reserve(text.len() / 48),
        }
        reader
    }

    /// The whole paste refused, for the reason given.
    fn refuse(&mut self, why: String) {
        let field = Some(Field::PastedList);
        self.out = ParsedList::default();
        self.out.errors.push(InputError { line: 1, column: 1, text: why, rule: Rule::E1, field });
        self.done = true;
    }

    /// Reads up to `max_lines` more lines of `text`; true once all are read.
    pub fn read(&mut self, text: &str, max_lines: usize) -> bool {
        if self.done {
            return true;
        }
        let rest = text.get(self.at..).unwrap_or_default();
        for raw in rest.split_inclusive('\n').take(max_lines) {
            if self.line_no > MAX_LIST_LINES {
                let lines = self.line_no - 1 + line_count(text.get(self.at..).unwrap_or_default());
                self.refuse(too_many_lines(lines));
                return true;
            }
            self.at += raw.len();
            let line_no = self.line_no;
            self.line_no += 1;
            let raw = raw.strip_suffix('\n').unwrap_or(raw);
            self.line(raw.strip_suffix('\r').unwrap_or(raw), line_no);
        }
        self.done |= self.at >= text.len();
        self.done
    }

    /// How much of the text is read, in bytes.
    pub fn bytes_read(&self) -> usize {
        self.at
    }

    /// Works out the list's warnings (W1-W5) as it reads, for
    /// [`LineReader::finish_checked`].
    pub fn checking(mut self, numbering: Numbering) -> LineReader {
        self.check = Some(ListCheck::new(numbering, self.out.entries.capacity()));
        self
    }

    /// The list as read so far (all of it once `read` said so).
    pub fn finish(self) -> ParsedList {
        self.out
    }

    /// The list as read, with what checking found if the reader was checking.
    pub fn finish_checked(self) -> (ParsedList, Option<Checked>) {
        let total = self.out.entries.len();
        (self.out, self.check.map(|c| c.finish(total)))
    }

    fn line(&mut self, line: &str, line_no: usize) {
        let trimmed = text::trim(line);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return;
        }
        if !self.seen_content {
            self.seen_content = true;
            if !has_address(trimmed) {
                self.out.header = Some(line_no);
                return;
            }
        }
        match parse_line(line, line_no) {
            Ok(entry) => {
                if let Some(check) = &mut self.check {
                    check.add(&entry);
                }
                self.out.entries.push(entry)
            }
            Err((errs, range)) => {
                self.out.errors.extend(errs);
                self.out.broken.extend(range.map(|range| BrokenLine { line: line_no, range }));
            }
        }
    }
}

/// Why a paste of `bytes` bytes is refused whole, if it is.
pub fn too_large(bytes: usize) -> Option<String> {
    const MB: usize = 1_048_576;
    (bytes > MAX_LIST_BYTES).then(|| {
        format!(
            "the list is {}.{} MB; the planner reads lists of at most {} MB (the console itself takes {CONSOLE_LIMIT} entries)",
            bytes / MB,
            bytes % MB * 10 / MB,
            MAX_LIST_BYTES / MB
        )
    })
}

/// Why a paste of `lines` lines, more than [`MAX_LIST_LINES`], is refused whole.
fn too_many_lines(lines: usize) -> String {
    format!("the list has {lines} lines; the planner reads at most {MAX_LIST_LINES} (the console itself takes {CONSOLE_LIMIT} entries)")
}

/// Lines as `str::lines` counts them, counted as bytes: one fast pass.
fn line_count(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count() + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// A header line holds no address and no `*`.
fn has_address(line: &str) -> bool {
    line.contains('*')
        || line.split(|c: char| !(c.is_ascii_hexdigit() || c == ':' || c == '.')).any(|tok| parse_ip(tok).is_some())
}

/// The parts of one line, each with its byte offset in the line.
struct Parts<'a> {
    range: (usize, &'a str),
    source: (usize, &'a str),
    serves: Option<(usize, &'a str)>,
    label: Option<&'a str>,
}

fn split_line(line: &str) -> Parts<'_> {
    let marks = Marks::of(line);
    let body = line.get(..marks.label.unwrap_or(line.len())).unwrap_or_default();
    let mut label = marks.label.and_then(|i| line.get(i + 1..)).map(text::trim).filter(|l| !l.is_empty());
    let (range, rest) = split_range(body, &marks);
    let (mut source, extra) = match marks.separator() {
        // Spreadsheet columns after the source: a label.
        Sep::Column => match rest.1.find([',', '\t']) {
            Some(i) => {
                let src = rest.1.get(..i).unwrap_or_default();
                // The column's separator is trimmed with the white space.
                ((rest.0, src), rest.1.get(i..).map(|s| s.trim_matches([',', '\t', ' '])))
            }
            None => ((rest.0, rest.1), None),
        },
        _ => ((rest.0, rest.1), None),
    };
    if label.is_none() {
        label = extra.filter(|s| !s.is_empty());
    }
    let mut serves = None;
    if let Some(i) = find_bytes(source.1, b"serves=") {
        let before_ok = i == 0 || source.1.get(..i).is_some_and(|b| b.ends_with(char::is_whitespace));
        if before_ok {
            let tail = source.1.get(i + 7..).unwrap_or_default();
            serves = Some((source.0 + i + 7, text::trim_end(tail)));
            source.1 = source.1.get(..i).unwrap_or_default();
        }
    }
    Parts { range, source: trim_part(source), serves, label }
}

/// Where `needle` first starts in `hay`.
fn find_bytes(hay: &str, needle: &[u8]) -> Option<usize> {
    // Only where the first byte matches is the rest compared: most sources
    // hold no `s` at all.
    let first = *needle.first()?;
    let bytes = hay.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes.get(i) == Some(&first))
        .find(|&i| bytes.get(i..).is_some_and(|t| t.starts_with(needle)))
}

/// How a line separates its range from its source.
#[derive(PartialEq)]
enum Sep {
    Arrow,
    Column,
    Spaces,
}

/// The byte offsets that shape a line, found in one pass over its bytes
/// (a 100,000-line paste is read once, not searched once per separator).
struct Marks {
    /// A label starts at a `#` that begins the line or follows white space.
    label: Option<usize>,
    /// The first `->`, `=>` or arrow character (`→`, `⇒`, `⟶`, as
    /// documents and chat tools write it) before the label, and its length.
    arrow: Option<(usize, usize)>,
    /// The first tab or comma before the label.
    column: Option<usize>,
}

impl Marks {
    fn of(line: &str) -> Marks {
        let bytes = line.as_bytes();
        let mut marks = Marks { label: None, arrow: None, column: None };
        for (i, &b) in bytes.iter().enumerate() {
            if !matches!(b, b'#' | b'>' | b'\t' | b',' | 0xE2) {
                continue;
            }
            let prev = i.checked_sub(1).and_then(|p| bytes.get(p)).copied();
            match b {
                b'#' if prev.is_none_or(|p| p.is_ascii_whitespace()) => {
                    marks.label = Some(i);
                    break;
                }
                b'>' if marks.arrow.is_none() && matches!(prev, Some(b'-' | b'=')) => marks.arrow = Some((i - 1, 2)),
                0xE2 if marks.arrow.is_none()
                    && UNICODE_ARROWS.iter().any(|a| bytes.get(i..).is_some_and(|t| t.starts_with(a.as_bytes()))) =>
                {
                    marks.arrow = Some((i, 3));
                }
                b'\t' | b',' if marks.column.is_none() => marks.column = Some(i),
                _ => {}
            }
        }
        marks
    }

    fn separator(&self) -> Sep {
        match (self.arrow, self.column) {
            (Some(_), _) => Sep::Arrow,
            (None, Some(_)) => Sep::Column,
            (None, None) => Sep::Spaces,
        }
    }
}

/// Arrows read as `->`: `→` (U+2192), `⇒` (U+21D2), `⟶` (U+27F6), `➔` (U+2794).
const UNICODE_ARROWS: [&str; 4] = ["\u{2192}", "\u{21D2}", "\u{27F6}", "\u{2794}"];

/// Splits `RANGE <sep> REST`, returning each side with its offset.
fn split_range<'a>(body: &'a str, marks: &Marks) -> ((usize, &'a str), (usize, &'a str)) {
    let at = |i: usize, len: usize| {
        let range = (0, body.get(..i).unwrap_or_default());
        let rest = (i + len, body.get(i + len..).unwrap_or_default());
        (trim_part(range), rest)
    };
    match (marks.arrow, marks.column) {
        (Some((i, len)), _) => at(i, len),
        (None, Some(i)) => at(i, 1),
        (None, None) => {
            // `A - B`, `A -B` and `A- B` keep the dash with the range.
            let tokens: Vec<(usize, &str)> = tokens(body);
            let mut last = 0;
            let mut k = 0;
            while let Some((off, tok)) = tokens.get(k) {
                last = off + tok.len();
                let dash_next = tokens.get(k + 1).is_some_and(|(_, t)| t.starts_with('-'));
                if tok.ends_with('-') || dash_next || *tok == "-" {
                    k += 1;
                    continue;
                }
                break;
            }
            at(last, 0)
        }
    }
}

fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, text.get(s..i).unwrap_or_default()));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.get(s..).unwrap_or_default()));
    }
    out
}

fn trim_part((off, text): (usize, &str)) -> (usize, &str) {
    (off + text::lead(text), text::trim(text))
}

/// 1-based column of a byte offset, counted in characters.
pub fn column_of(line: &str, offset: usize) -> usize {
    line.get(..offset).map_or(offset, |p| p.chars().count()) + 1
}

/// One line: its entry, or its errors and the range if that much was read.
fn parse_line(line: &str, line_no: usize) -> Result<Entry, (Vec<InputError>, Option<AddrRange>)> {
    let parts = split_line(line);
    let error = |offset: usize, text: String| InputError {
        line: line_no,
        column: column_of(line, offset),
        text,
        rule: Rule::E1,
        field: Some(Field::PastedList),
    };
    let mut errors = Vec::new();
    if parts.source.1.is_empty() {
        let at = parts.range.0 + parts.range.1.len();
        errors.push(error(at, "the line has a range but no update source: write `RANGE -> SOURCE`".into()));
    }
    let range = AddrRange::parse(parts.range.1).map_err(|e| error(parts.range.0 + e.offset, e.message));
    let source = if parts.source.1.is_empty() {
        Err(None)
    } else {
        Source::parse(parts.source.1).map_err(|e| Some(error(parts.source.0 + e.offset, e.message)))
    };
    let serves = match parts.serves {
        None => Ok(ItemSet::ALL),
        Some((off, text)) => parse_serves(text).map_err(|m| error(off, m)),
    };
    match (range, source, serves) {
        // A line without a source has its error above, and no source here.
        (Ok(range), Ok(source), Ok(serves)) => {
            Ok(Entry { line: line_no, range, source, serves, label: parts.label.map(str::to_string) })
        }
        (r, s, v) => {
            let range = r.as_ref().ok().copied();
            errors.extend(r.err());
            errors.extend(s.err().flatten());
            errors.extend(v.err());
            Err((errors, range))
        }
    }
}

/// `serves=components,programs`: what an Update Agent shares.
pub fn parse_serves(text: &str) -> Result<ItemSet, String> {
    let mut set = ItemSet::EMPTY;
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let item = Item::from_id(word)
            .ok_or_else(|| format!("`{word}` is not an item: use components, domain-settings or programs"))?;
        set = set.with(item);
    }
    if set.is_empty() {
        return Err("`serves=` names no item".into());
    }
    Ok(set)
}

/// The list's own warnings, independent of any agent, in list order and,
/// for one entry, in the order of their rules. Written in that order in one
/// pass: no sort (each sort of a new element type costs the page's wasm a
/// few kilobytes).
pub fn warnings(entries: &[Entry], numbering: Numbering) -> Vec<Warning> {
    check(entries, numbering).warnings
}

/// The list's warnings and its distinct sources, in one pass.
pub fn check(entries: &[Entry], numbering: Numbering) -> Checked {
    let mut check = ListCheck::new(numbering, entries.len());
    for e in entries {
        check.add(e);
    }
    check.finish(entries.len())
}

/// What checking a list found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The list's own warnings (W1-W5), in list order.
    pub warnings: Vec<Warning>,
    /// Each source the list names, once, in list order: the what-if
    /// choices, without going over 100,000 entries per edit.
    pub sources: Vec<SourceId>,
}

/// The list's warnings worked out entry by entry, as the entries are read:
/// the page's sliced reading of a large paste checks each slice as it goes.
#[derive(Debug, Clone)]
pub struct ListCheck {
    numbering: Numbering,
    out: Vec<Warning>,
    /// The first entry of each (range, source), by number and line (W4).
    /// FxHash: a 100,000-entry paste hashes every entry once; SipHash's
    /// protection against chosen keys buys nothing for the user's own list.
    seen: rustc_hash::FxHashMap<(AddrRange, Source), (usize, usize)>,
    /// The sources named so far, and the same in list order.
    named: rustc_hash::FxHashSet<Source>,
    sources: Vec<SourceId>,
    /// Entries added so far.
    count: usize,
    /// Where W1 is, to be given the total once it is known.
    w1: Option<usize>,
}

impl ListCheck {
    /// A check of a list expected to hold about `entries` entries.
    pub fn new(numbering: Numbering, entries: usize) -> ListCheck {
        let mut seen = rustc_hash::FxHashMap::default();
        seen.reserve(entries);
        ListCheck {
            numbering,
            out: Vec::new(),
            seen,
            named: Default::default(),
            sources: Vec::new(),
            count: 0,
            w1: None,
        }
    }

    /// The next entry of the list.
    pub fn add(&mut self, e: &Entry) {
        let i = self.count;
        self.count += 1;
        let warn = |rule: Rule, text: String| Warning { rule, text, line: Some(e.line) };
        if i == CONSOLE_LIMIT {
            self.w1 = Some(self.out.len());
            self.out.push(warn(Rule::W1, String::new()));
        }
        if i == 0 && e.source.is_activeupdate() {
            self.out.push(warn(
                Rule::W2,
                "the ActiveUpdate server is the first entry: significant bandwidth is consumed between the network and the Internet".into(),
            ));
        }
        if let (Some(fam), [range_fam]) = (e.source.host().and_then(|h| h.only_family()), e.range.families()) {
            if fam != *range_fam {
                self.out.push(warn(
                    Rule::W3,
                    format!(
                        "the range {} is {} but its source {} is {}-only: the range family must match the source family",
                        e.range,
                        range_fam.label(),
                        e.source.canonical(),
                        fam.label()
                    ),
                ));
            }
        }
        // A parsed source is already in its canonical form, so comparing
        // sources compares canonical spellings without writing them out.
        match self.seen.get(&(e.range, e.source.clone())) {
            Some(&(number, line)) => {
                let (name, first) = (self.numbering.name(i + 1, e.line), self.numbering.name(number, line));
                self.out.push(warn(
                    Rule::W4,
                    format!(
                        "{name} ({} -> {}) is identical to {first}: it can never deliver what {first} did not",
                        e.range,
                        e.source.canonical()
                    ),
                ))
            }
            None => {
                self.seen.insert((e.range, e.source.clone()), (i + 1, e.line));
                if self.named.insert(e.source.clone()) {
                    self.sources.push(e.source.id());
                }
            }
        }
        if e.source.host().is_some_and(|h| h.is_link_local()) {
            self.out.push(warn(
                Rule::W5,
                format!(
                    "{} is a link-local IPv6 address (fe80::/10): agents on another segment cannot use it",
                    e.source.canonical()
                ),
            ));
        }
    }

    /// The warnings and sources, for a list of `total` entries.
    pub fn finish(mut self, total: usize) -> Checked {
        if let Some(w1) = self.w1.and_then(|i| self.out.get_mut(i)) {
            w1.text = format!(
                "the list has {total} entries; the console accepts at most {CONSOLE_LIMIT}, so entries after {CONSOLE_LIMIT} cannot be saved"
            );
        }
        Checked { warnings: self.out, sources: self.sources }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(list: &ParsedList) -> Vec<String> {
        list.entries.iter().map(|e| format!("{} {}", e.range, e.source.canonical())).collect()
    }

    /// `serves=` names what an Update Agent shares, each item once; naming
    /// none is refused.
    #[test]
    fn serves_reads_each_item_once_and_refuses_none() {
        assert_eq!(parse_serves("components, components"), Ok(ItemSet::of(&[Item::Components])));
        assert_eq!(parse_serves("programs,domain-settings"), Ok(ItemSet::of(&[Item::DomainSettings, Item::Programs])));
        assert_eq!(parse_serves(" , "), Err("`serves=` names no item".to_string()));
    }

    #[test]
    fn every_separator_reads() {
        let text = "10.1.0.0/16 -> ua://10.1.0.5\n10.2.0.0/16 => server\n10.3.0.0/16\tactiveupdate\n10.4.0.0/16,ua://10.4.0.5\n10.5.0.0 - 10.5.0.255   update-agent 10.5.0.9\n* https://mirror.corp.local/au/";
        let list = parse_list(text);
        assert_eq!(list.errors, vec![]);
        assert_eq!(
            sources(&list),
            vec![
                "10.1.0.0-10.1.255.255 ua://10.1.0.5",
                "10.2.0.0-10.2.255.255 server",
                "10.3.0.0-10.3.255.255 activeupdate",
                "10.4.0.0-10.4.255.255 ua://10.4.0.5",
                "10.5.0.0-10.5.0.255 ua://10.5.0.9",
                "* https://mirror.corp.local/au",
            ]
        );
    }

    #[test]
    fn an_arrow_as_documents_and_chat_tools_write_it_is_an_arrow() {
        let text = "10.1.0.0/16 → ua://10.1.0.5\n10.2.0.0/16⇒server # HQ\n10.3.0.0 - 10.3.0.9 ⟶ activeupdate\n10.4.0.0/16 ➔ ua://10.4.0.5";
        let list = parse_list(text);
        assert_eq!(list.errors, vec![]);
        assert_eq!(
            sources(&list),
            vec![
                "10.1.0.0-10.1.255.255 ua://10.1.0.5",
                "10.2.0.0-10.2.255.255 server",
                "10.3.0.0-10.3.0.9 activeupdate",
                "10.4.0.0-10.4.255.255 ua://10.4.0.5",
            ]
        );
        assert_eq!(list.entries[1].label.as_deref(), Some("HQ"));
        // An en dash (a range as a document writes it) or an ellipsis is not an arrow.
        let dashed = parse_list(
            "10.3.0.0 \u{2013} 10.3.0.9 -> ua://10.3.0.5 # Floor\u{2026}\n10.4.0.0/16 \u{2013}> ua://10.4.0.5",
        );
        assert_eq!(sources(&dashed), vec!["10.3.0.0-10.3.0.9 ua://10.3.0.5"]);
        assert_eq!(dashed.errors.len(), 1, "{:?}", dashed.errors);
        assert_eq!(dashed.errors[0].line, 2);
        // Errors after the arrow are placed in characters, not bytes.
        let bad = parse_list("10.1.0.0/16 → floppy");
        assert_eq!(bad.errors.iter().map(|e| e.column).collect::<Vec<_>>(), vec![15]);
    }

    #[test]
    fn header_comments_and_labels() {
        let text = "Client range,Update source,Label\n# floor 1\n\n10.1.0.0/16,ua://10.1.0.5,Floor 1 agent\n10.2.0.0/16 -> server # HQ";
        let list = parse_list(text);
        assert_eq!(list.header, Some(1));
        assert_eq!(list.entries.len(), 2);
        assert_eq!(list.entries[0].label.as_deref(), Some("Floor 1 agent"));
        assert_eq!(list.entries[1].label.as_deref(), Some("HQ"));
        assert_eq!(list.entries[1].line, 5);
    }

    #[test]
    fn bad_lines_name_line_and_column_and_the_rest_still_count() {
        let text = "10.1.0.0/16 -> ua://10.1.0.5\n10.1.0.9-10.1.0.1 -> server\n10.3.0.0/16 -> floppy\n10.4.0.0/16 -> mirror.corp.local/au";
        let list = parse_list(text);
        assert_eq!(list.entries.len(), 1);
        let at: Vec<(usize, usize)> = list.errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, vec![(2, 1), (3, 16), (4, 16)]);
        assert!(list.errors[0].text.contains("above its end"));
        assert!(list.errors[2].text.contains("http://"));
        assert!(list.errors.iter().all(|e| e.rule == Rule::E1));
        // Lines 3 and 4 read their range; line 2's range is the error itself.
        let broken: Vec<usize> = list.broken.iter().map(|b| b.line).collect();
        assert_eq!(broken, vec![3, 4]);
    }

    #[test]
    fn oversized_pastes_are_refused_whole_with_a_message() {
        let line = "10.1.0.0/16 -> ua://10.1.0.5\n";
        let big = line.repeat(MAX_LIST_LINES + 1);
        let list = parse_list(&big);
        assert!(list.entries.is_empty());
        assert_eq!(list.errors.len(), 1);
        assert!(
            list.errors[0].text.contains("has 120001 lines; the planner reads at most 120000"),
            "{}",
            list.errors[0].text
        );
        // The count is of lines as the editor numbers them, last line unended too.
        let unended = format!("{}* -> server", line.repeat(MAX_LIST_LINES + 1));
        assert!(parse_list(&unended).errors[0].text.contains("has 120002 lines"));
        // Exactly the limit is read.
        assert_eq!(parse_list(&line.repeat(MAX_LIST_LINES)).entries.len(), MAX_LIST_LINES);
        let wide = format!("* -> server # {}", "x".repeat(MAX_LIST_BYTES));
        assert!(parse_list(&wide).errors[0]
            .text
            .contains("the list is 6.0 MB; the planner reads lists of at most 6 MB"));
        // Exactly the limit in bytes is read.
        let full = &wide[..MAX_LIST_BYTES];
        assert_eq!((parse_list(full).entries.len(), parse_list(full).errors), (1, vec![]));
        // A 100,000-line paste is read, with W1 telling what is over the console's limit.
        let ok = line.repeat(100_000);
        let list = parse_list(&ok);
        assert_eq!(list.entries.len(), 100_000);
        assert!(warnings(&list.entries, Numbering::Lines).iter().any(|w| w.rule == Rule::W1));
    }

    #[test]
    fn a_list_read_in_slices_is_the_list_read_whole() {
        let text = "Client range,Update source\r\n# floor 1\n\n10.1.0.0/16,ua://10.1.0.5,Floor 1\n10.2.0.0/16 -> floppy\n10.3.0.0/16 -> server # HQ\n* -> activeupdate";
        for slice in 1..8 {
            let mut reader = LineReader::new(text);
            let mut rounds = 0;
            while !reader.read(text, slice) {
                rounds += 1;
            }
            assert!(rounds >= 7 / slice - 1, "slice {slice}: {rounds} rounds");
            assert_eq!(reader.bytes_read(), text.len());
            assert_eq!(reader.finish(), parse_list(text), "slice {slice}");
        }
        // Checked as it reads, a long list with every list warning gets the
        // warnings of the whole list, W1's count included.
        let long = format!(
            "* -> activeupdate\n10.1.0.0/16 -> ua://[2001:db8::5]\n2001:db8::/32 -> ua://[fe80::1]\n{}10.1.0.0/16 -> ua://[2001:db8::5]",
            "10.9.0.0/16 -> server\n".repeat(CONSOLE_LIMIT)
        );
        let mut reader = LineReader::new(&long).checking(Numbering::Lines);
        while !reader.read(&long, 100) {}
        let (parsed, checked) = reader.finish_checked();
        let whole = warnings(&parsed.entries, Numbering::Lines);
        assert_eq!(checked.as_ref().map(|c| &c.warnings), Some(&whole));
        assert_eq!(
            checked.map(|c| c.sources.iter().map(ToString::to_string).collect::<Vec<_>>()),
            Some(vec![
                "activeupdate".to_string(),
                "ua://[2001:db8::5]".into(),
                "ua://[fe80::1]".into(),
                "server".into()
            ])
        );
        let rules: Vec<&str> = whole.iter().map(|w| w.rule.id()).collect();
        for rule in ["W1", "W2", "W3", "W4", "W5"] {
            assert!(rules.contains(&rule), "{rule} in {rules:?}");
        }
        assert!(whole.iter().any(|w| w.text.starts_with(&format!("the list has {} entries", CONSOLE_LIMIT + 4))));
        let list = parse_list(text);
        assert_eq!((list.header, list.entries.len(), list.errors.len()), (Some(1), 3, 1));
        assert_eq!((list.entries[1].line, list.entries[2].line), (6, 7));
    }

    #[test]
    fn only_an_arrow_a_column_or_a_spaced_hash_separates() {
        // A `#` inside a word is no label: the source is read whole, and is wrong.
        assert_eq!(parse_list("10.1.0.0/16 -> ua://10.1.0.5#x").errors.len(), 1);
        // `>` alone is no arrow.
        assert_eq!(parse_list("10.1.0.0/16 > server").errors.len(), 1);
        // The first arrow separates; a later one belongs to the source.
        let list = parse_list("10.1.0.0/16 -> http://mirror.corp.local/a->b");
        assert_eq!(list.errors, vec![]);
        assert_eq!(sources(&list), vec!["10.1.0.0-10.1.255.255 http://mirror.corp.local/a->b"]);
    }

    #[test]
    fn serves_errors_point_at_the_words() {
        let bad = parse_list("10.1.0.0/16 -> ua://10.1.0.5 serves=floppy");
        assert_eq!(bad.errors.iter().map(|e| e.column).collect::<Vec<_>>(), vec![37]);
        assert!(bad.errors[0].text.contains("`floppy` is not an item"));
        // `serves=` where the source should be: the source is missing.
        for line in ["10.1.0.0/16 -> serves=components", "10.1.0.0/16 ->serves=components"] {
            let none = parse_list(line);
            assert!(none.errors[0].text.contains("no update source"), "{line}: {}", none.errors[0].text);
        }
        // Glued to the source, `serves=` is part of it.
        let glued = parse_list("10.1.0.0/16 -> ua://10.1.0.5serves=programs");
        assert!(glued.errors[0].text.contains("10.1.0.5serves"), "{}", glued.errors[0].text);
    }

    #[test]
    fn serves_token() {
        let list = parse_list("10.1.0.0/16 -> ua://10.1.0.5 serves=components,programs # half");
        assert_eq!(list.errors, vec![]);
        let e = &list.entries[0];
        assert!(e.serves.contains(Item::Programs) && !e.serves.contains(Item::DomainSettings));
        assert_eq!(e.to_line(), "10.1.0.0-10.1.255.255 -> ua://10.1.0.5 serves=components,programs # half");
        assert_eq!(parse_list(&e.to_line()).entries[0], Entry { line: 1, ..e.clone() });
        assert_eq!(e.shares_only().map(|s| s.iter().collect::<Vec<_>>()), Some(vec![Item::Components, Item::Programs]));
    }

    #[test]
    fn a_bad_range_is_placed_at_its_bad_part_past_any_white_space() {
        let list = parse_list("10.1.0.0-10.1.0.500 -> server\n   10.1.0.0-10.1.0.500 -> server");
        let at: Vec<(usize, usize)> = list.errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, vec![(1, 10), (2, 13)]);
    }

    #[test]
    fn a_range_without_a_source_is_placed_where_the_source_should_be() {
        let list = parse_list("10.1.0.0/16\n   10.2.0.0/16 ->");
        let at: Vec<(usize, usize, bool)> =
            list.errors.iter().map(|e| (e.line, e.column, e.text.contains("no update source"))).collect();
        assert_eq!(at, vec![(1, 12, true), (2, 15, true)]);
    }

    #[test]
    fn a_repeated_json_entry_is_named_by_its_position() {
        let list = parse_list("10.1.0.0/16 -> server\n10.2.0.0/16 -> server\n10.1.0.0/16 -> server");
        let texts: Vec<String> = warnings(&list.entries, Numbering::Entries).into_iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            vec!["entry 3 (10.1.0.0-10.1.255.255 -> server) is identical to entry 1: it can never deliver what entry 1 did not"]
        );
    }

    #[test]
    fn only_an_update_agent_sharing_less_than_everything_is_written_with_serves() {
        let list = parse_list("10.1.0.0/16 -> ua://10.1.0.5\n10.2.0.0/16 -> http://mirror.corp/au # mirror");
        let lines: Vec<String> = list.entries.iter().map(Entry::to_line).collect();
        assert_eq!(
            lines,
            vec!["10.1.0.0-10.1.255.255 -> ua://10.1.0.5", "10.2.0.0-10.2.255.255 -> http://mirror.corp/au # mirror"]
        );
        assert!(list.entries.iter().all(|e| e.shares_only().is_none()));
        // A URL always serves everything, whatever the entry says.
        let url = Entry { serves: ItemSet::default(), ..list.entries[1].clone() };
        assert_eq!((url.to_line(), url.shares_only()), (lines[1].clone(), None));
    }
}
