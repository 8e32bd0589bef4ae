//! The update path as a picture: what a trainer draws on a whiteboard, drawn
//! from the trace itself so it is always right. One SVG document per item:
//! the agent on the left, every source the walk considered in the order it
//! first considered it (the customized list or relays in one lane, the
//! fallbacks in their own), an arrow per attempt or skip, the outcome at
//! the end. Delivered, failed and skipped differ in line and mark as well as
//! colour, so the picture reads in greyscale print.
//!
//! The page, the command line (`planner diagram`) and the documentation kit
//! all draw with [`diagram`]. In the page the colours come from the page's
//! theme through class names; a standalone document carries its own style.

use std::fmt::Write as _;

use crate::format::scenario::Location;
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::profile::Profile;
use crate::model::rules::Rule;
use crate::trace::{AttemptResult, ItemOutcome, Step, StepKind, Trace};
use crate::vocabulary;
use crate::when::Timeline;

/// How the document is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Inside the page: colours from the page's style sheet (a strict
    /// Content-Security-Policy refuses style inside the drawing).
    Page,
    /// A file of its own (download, command line, documentation): it
    /// carries its style, light colours.
    Standalone,
}

/// What an arrow says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    /// The source delivered the item.
    Delivered,
    /// The attempt failed.
    Failed,
    /// The entry was passed over for this item.
    Skipped,
}

impl Arrow {
    /// The spelling of `data-result`.
    pub fn id(self) -> &'static str {
        match self {
            Arrow::Delivered => "delivered",
            Arrow::Failed => "failed",
            Arrow::Skipped => "skipped",
        }
    }

    fn mark(self) -> &'static str {
        match self {
            Arrow::Delivered => "✓",
            Arrow::Failed => "✗",
            Arrow::Skipped => "–",
        }
    }
}

/// Which lane a source is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    /// The customized list, or the relay group.
    First,
    /// The fallbacks: server and ActiveUpdate after the list, the tenant
    /// relay group and the primary source after the relays.
    Fallback,
}

fn lane(step: &Step) -> Lane {
    match step.rule() {
        Rule::L1 | Rule::R1 | Rule::RG1 | Rule::VC2 | Rule::LOC2 | Rule::LOC3 => Lane::First,
        _ => Lane::Fallback,
    }
}

/// How large the drawing's text is against its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// Beside the steps in the page, in a file, in documentation: 13-unit
    /// text in a drawing 760 units wide.
    #[default]
    Page,
    /// A projector's whole width: 25-unit text in a drawing 1,240 units
    /// wide, so that at 1280×720 it reads at 24 px or more from the back
    /// of the room. No legend: the marks and the spoken step say it; no
    /// outcome box: presenter mode's cards say it.
    Room,
    /// A phone's width: the sources stacked under the agent, one a row,
    /// joined by a spine, with 15-unit text in a drawing 340 units wide.
    Phone,
}

/// Where the sources stand against the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrangement {
    /// Beside it, in two lanes (the list or relays; the fallbacks).
    Across,
    /// Under it, one a row, the fallbacks indented.
    Down,
}

/// The measures of a drawing at one scale. A box grows with its text:
/// names and reasons wrap rather than being cut, so rows have the height
/// their text needs and `box_h` is only the least.
struct Geometry {
    arrangement: Arrangement,
    width: i32,
    agent_x: i32,
    agent_w: i32,
    lane_x: [i32; 2],
    box_w: i32,
    box_h: i32,
    /// Space between one row and the next.
    gap: i32,
    top: i32,
    /// Text size (the page's style sheet or the standalone style sets it;
    /// the measures follow it). A room's small text is as large.
    text: i32,
    /// From one line of text to the next.
    line: i32,
    /// The baseline of the item's name and the lanes' names, at the top.
    lane_y: i32,
    /// The small text's size (the note under a name, the agent's addresses).
    small: i32,
    legend: bool,
    /// Whether the outcome is drawn under the sources (a room reads it on
    /// the presenter's cards).
    outcome: bool,
}

/// Beside the steps: at 1280×720 the trace's column draws it about 0.7 of
/// its size, so 17-unit text reads at 12 px there and more on wider screens.
const PAGE: Geometry = Geometry {
    arrangement: Arrangement::Across,
    width: 800,
    agent_x: 12,
    agent_w: 170,
    lane_x: [318, 560],
    box_w: 228,
    box_h: 46,
    gap: 10,
    top: 48,
    text: 17,
    line: 21,
    lane_y: 22,
    small: 17,
    legend: true,
    outcome: true,
};

const ROOM: Geometry = Geometry {
    arrangement: Arrangement::Across,
    width: 1240,
    agent_x: 10,
    agent_w: 220,
    lane_x: [420, 832],
    box_w: 400,
    box_h: 62,
    gap: 10,
    // Room enough under a long item name for the first arrow's step label
    // (its 25-unit text stands 17 units over the row's middle).
    top: 56,
    text: 25,
    line: 30,
    lane_y: 30,
    small: 25,
    legend: false,
    outcome: false,
};

const PHONE: Geometry = Geometry {
    arrangement: Arrangement::Down,
    width: 340,
    agent_x: 6,
    agent_w: 328,
    lane_x: [92, 108],
    box_w: 226,
    box_h: 44,
    gap: 26,
    top: 30,
    text: 15,
    line: 18,
    lane_y: 18,
    small: 14,
    legend: false,
    outcome: true,
};

impl Scale {
    /// Reads `page`, `room` or `phone`.
    pub fn from_id(id: &str) -> Option<Scale> {
        match id {
            "page" => Some(Scale::Page),
            "room" => Some(Scale::Room),
            "phone" => Some(Scale::Phone),
            _ => None,
        }
    }

    fn geometry(self) -> &'static Geometry {
        match self {
            Scale::Page => &PAGE,
            Scale::Room => &ROOM,
            Scale::Phone => &PHONE,
        }
    }

    /// The class the page's style sheet sizes its text by.
    fn class(self) -> &'static str {
        match self {
            Scale::Page => "",
            Scale::Room => " dg-room",
            Scale::Phone => " dg-phone",
        }
    }
}

/// Which drawing: its scale, and how far into the trace it tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Frame {
    /// How large its text is.
    pub scale: Scale,
    /// Tell the path up to this step (its number) and no further: a later
    /// step's arrow, a source first tried later, what happened there later
    /// and the outcome before the item's last step are not drawn, and this
    /// step's arrow is highlighted. `None`: the whole path.
    pub until: Option<usize>,
}

/// One arrow of a drawing. A relay group's attempts are one arrow, to
/// the group: the order inside is each agent's own (RG1), so the picture
/// shows no order, only whether a relay of the group delivered.
struct Edge<'a> {
    step: &'a Step,
    arrow: Arrow,
    row: usize,
    /// The arrow goes to a relay group, named so.
    group: Option<SourceId>,
}

/// One row of a drawing: a source's box, or a relay group's heading with
/// its relays in the rows under it, framed together.
struct SourceBox {
    source: SourceId,
    lane: Lane,
    kind: BoxKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BoxKind {
    /// A source of its own.
    Single,
    /// A relay group's heading: the arrow's end, the frame's top.
    Group,
    /// A relay inside the group above it.
    Member,
}

/// Escapes text for SVG (XML) content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The colours of a standalone drawing; in the page, the same classes take
/// the theme's colours from the style sheet.
const STANDALONE_STYLE: &str = "text{font:17px system-ui,sans-serif;fill:#1f2328;stroke:none}.dg-small{font-size:17px;fill:#59636e}\
.dg-box{fill:#f6f8fa;stroke:#59636e}.dg-frame{fill:none;stroke:#0969da;stroke-width:1.5;stroke-dasharray:6 3}.dg-agent{fill:#ddf4ff;stroke:#0969da}.dg-outcome.updated{fill:#dafbe1;stroke:#1a7f37}\
.dg-outcome{fill:#ffebe9;stroke:#cf222e}.dg-delivered{stroke:#1a7f37;fill:#1a7f37}.dg-failed{stroke:#cf222e;fill:#cf222e}\
.dg-skipped{stroke:#59636e;fill:#59636e}.dg-arrow path,.dg-legend line{stroke-width:2}.dg-lane{font-weight:600;fill:#59636e}\
text.dg-mark{fill:#ffffff;stroke:none;font-weight:700}.dg-boundary line,.dg-when-line{stroke:#59636e;stroke-width:2}\
.dg-away{stroke-dasharray:8 4}.dg-arrow text.dg-small{stroke:none}\
.dg-room text{font-size:25px}.dg-phone text{font-size:15px}.dg-phone .dg-small{font-size:14px}";

/// The drawings of a trace: one per item asked for (or only `item`), each
/// a whole SVG document. `agent` is what the agent box says (its addresses).
pub fn diagram(trace: &Trace, agent: &[String], item: Option<Item>, style: Style) -> Vec<(Item, String)> {
    framed(trace, agent, item, style, Frame::default())
}

/// As [`diagram`], at a scale and up to a step.
pub fn framed(trace: &Trace, agent: &[String], item: Option<Item>, style: Style, frame: Frame) -> Vec<(Item, String)> {
    trace
        .outcome
        .iter()
        .filter(|(i, _)| item.is_none_or(|only| only == **i))
        .map(|(i, outcome)| (*i, drawing(trace, *i, outcome, agent, style, frame)))
        .collect()
}

/// All the drawings of a trace in one document, one under the other: what
/// `planner diagram` writes without `--item`.
pub fn document(trace: &Trace, agent: &[String], style: Style) -> String {
    document_framed(trace, agent, style, Frame::default())
}

/// As [`document`], at a scale and up to a step.
pub fn document_framed(trace: &Trace, agent: &[String], style: Style, frame: Frame) -> String {
    let drawings = framed(trace, agent, None, style, frame);
    let width = frame.scale.geometry().width;
    let mut body = String::new();
    let mut y = 0;
    for (_, svg) in &drawings {
        let h = svg_height(svg);
        // A nested document keeps its own view box; it only needs a place.
        let _ = write!(body, "{}", svg.replacen("<svg ", &format!("<svg x=\"0\" y=\"{y}\" "), 1));
        y += h + 12;
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {y}" width="{width}" height="{y}">{body}</svg>"#
    )
}

/// The height a drawing was made with.
fn svg_height(svg: &str) -> i32 {
    svg.split(" height=\"").nth(1).and_then(|r| r.split('"').next()).and_then(|h| h.parse().ok()).unwrap_or(0)
}

/// The sources of an item's path, in the order first considered, and each
/// attempt or skip with the row of its box. A relay group is a heading row
/// with every relay of it under it, as listed, and its attempts one arrow.
fn sources_of<'a>(trace: &'a Trace, item: Item) -> (Vec<SourceBox>, Vec<Edge<'a>>) {
    let group = trace.relay_group.as_ref();
    let mut boxes: Vec<SourceBox> = Vec::new();
    let mut attempts: Vec<Edge<'a>> = Vec::new();
    for step in trace.steps.iter().filter(|s| s.item() == Some(item)) {
        let arrow = match (step.kind(), step.result()) {
            (StepKind::Attempt, Some(AttemptResult::Delivered)) => Arrow::Delivered,
            (StepKind::Attempt, _) => Arrow::Failed,
            (StepKind::Skip, _) => Arrow::Skipped,
            _ => continue,
        };
        let Some(source) = step.source() else { continue };
        let (id, kind, lane) = match (group, step.rule()) {
            (Some(g), Rule::RG1) => (SourceId::RelayGroup(g.name.clone()), BoxKind::Group, Lane::First),
            _ => (source.clone(), BoxKind::Single, lane(step)),
        };
        let row = match boxes.iter().position(|b| b.source == id) {
            Some(row) => row,
            None => {
                boxes.push(SourceBox { source: id.clone(), lane, kind });
                if let (BoxKind::Group, Some(g)) = (kind, group) {
                    for relay in &g.relays {
                        boxes.push(SourceBox { source: SourceId::Relay(relay.clone()), lane, kind: BoxKind::Member });
                    }
                }
                boxes.iter().position(|b| b.source == id).unwrap_or(0)
            }
        };
        let group = (kind == BoxKind::Group).then_some(id);
        attempts.push(Edge { step, arrow, row, group });
    }
    (boxes, attempts)
}

/// The arrows told up to step `told`: a group's latest attempt stands for
/// the group.
fn told_edges<'a>(attempts: &[Edge<'a>], told: usize) -> Vec<Edge<'a>> {
    let mut edges: Vec<Edge<'a>> = Vec::new();
    for e in attempts.iter().filter(|e| e.step.n() <= told) {
        if e.group.is_some() {
            edges.retain(|x| x.row != e.row);
        }
        edges.push(Edge { step: e.step, arrow: e.arrow, row: e.row, group: e.group.clone() });
    }
    edges
}

/// What a box says under its name: what happened there last, or for a
/// relay of a group whether it is up.
fn note_of(b: &SourceBox, row: usize, edges: &[Edge<'_>], trace: &Trace) -> String {
    if b.kind == BoxKind::Member {
        let up =
            trace.relay_group.as_ref().is_some_and(|g| g.up.iter().any(|u| SourceId::Relay(u.clone()) == b.source));
        return if up { "up" } else { "down (what-if)" }.to_string();
    }
    // Said short in the box, whole in the step.
    match edges.iter().rev().find(|e| e.row == row).map(|e| (e.arrow, e.step.brief())) {
        // What it sent, when the pattern versions tell (CD1-CD4).
        Some((Arrow::Delivered, _)) => {
            match edges.iter().rev().find(|e| e.row == row).and_then(|e| e.step.download()) {
                Some(d) => format!("delivered {}", d.words().trim_start_matches("the ")),
                None => "delivered".to_string(),
            }
        }
        Some((_, Some(why))) => why.to_string(),
        Some((a, None)) => a.id().to_string(),
        None => String::new(),
    }
}

/// What a relay group's heading says under its name (RG1).
const GROUP_NOTE: &str = "each agent draws its own order";

/// The most lines a source's name and the note under it take.
const NAME_LINES: usize = 3;
const NOTE_LINES: usize = 3;

fn drawing(trace: &Trace, item: Item, outcome: &ItemOutcome, agent: &[String], style: Style, frame: Frame) -> String {
    let g = frame.scale.geometry();
    let (agent_x, agent_w, box_w) = (g.agent_x, g.agent_w, g.box_w);
    let down = g.arrangement == Arrangement::Down;
    // Beside the agent, an agent off-premises has the corporate network's
    // edge labelled on a line of its own under the item's name: the
    // drawing starts that much lower.
    let edge_label = g.lane_y + g.small + 6;
    let top = g.top + if !down && trace.location == Location::OffPremises { g.small + 6 } else { 0 };
    let width = g.width;
    let told = frame.until.unwrap_or(usize::MAX);
    let (boxes, attempts) = sources_of(trace, item);
    // Every source has its row and its size from the start, so a picture
    // told step by step keeps its size and its boxes their places; only
    // what has been told is drawn.
    let edges = told_edges(&attempts, told);
    let finals = told_edges(&attempts, usize::MAX);
    // A group's relays are drawn with their heading.
    let heading = |row: usize| match boxes.get(row).map(|b| b.kind) {
        Some(BoxKind::Member) => {
            boxes.get(..row).and_then(|above| above.iter().rposition(|b| b.kind == BoxKind::Group))
        }
        _ => Some(row),
    };
    let drawn = |row: usize| heading(row).is_some_and(|h| edges.iter().any(|e| e.row == h));
    let lane_drawn = |lane: Lane| boxes.iter().enumerate().any(|(row, b)| b.lane == lane && drawn(row));
    let inner = box_w - 20;
    let small_line = g.small + 4;
    // Each row's text, wrapped, and so its height.
    let texts: Vec<(Vec<String>, Vec<String>)> = boxes
        .iter()
        .enumerate()
        .map(|(row, b)| {
            let label = vocabulary::label(trace.profile, &b.source);
            match b.kind {
                BoxKind::Group => {
                    (wrapped(&capitalised(&label), inner, g.text, NAME_LINES), wrapped(GROUP_NOTE, inner, g.small, 2))
                }
                // A name and a short note share a line when both fit.
                _ if width_of(&format!("{label}  {}", note_of(b, row, &finals, trace)), g.text) <= inner => {
                    (vec![label], Vec::new())
                }
                _ => (
                    wrapped(&label, inner, g.text, NAME_LINES),
                    wrapped(&note_of(b, row, &finals, trace), inner, g.small, NOTE_LINES),
                ),
            }
        })
        .collect();
    // A source tried more than once (the server as a line of the list and
    // again as the fallback, a line repeated) is reached by an arrow per
    // try, each at a height of its own in the box, so no mark or number is
    // drawn over another's: the box is as tall as they need.
    let r = g.text * 7 / 10;
    let tries = |row: usize| count(finals.iter().filter(|e| e.row == row).count());
    let try_gap = 2 * r + 4;
    let pad = g.text / 2;
    // What a delivering arrow sent (CD1-CD4), in lines under its mark:
    // where they end (the mark's right edge) and the lines the room from
    // there back to the agent holds.
    let download_at = |e: &Edge<'_>| -> (i32, Vec<String>) {
        // A relay group delivers no pattern of its own (CD1-CD4 speak of
        // the server, Update Agents and URLs), so its frame needs no room.
        let x = lane_x(g, boxes.get(e.row).map_or(Lane::First, |b| b.lane));
        let right = if down { g.lane_x[0] } else { x } - 3;
        let room = right - if down { agent_x } else { agent_x + agent_w + 6 };
        let sent = e.step.download().filter(|_| e.arrow == Arrow::Delivered);
        (right, sent.map(|d| download_lines(&d.short(), room, g.small)).unwrap_or_default())
    };
    let heights: Vec<i32> = texts
        .iter()
        .enumerate()
        .map(|(row, (name, note))| {
            // A box of one line (its name and short note side by side) is
            // as low as its text; a group's heading always has its note.
            let least = if note.is_empty() { g.line + 14 } else { g.box_h };
            let h = (12 + count(name.len()) * g.line + count(note.len()) * small_line).max(least);
            let h = match tries(row) {
                n if n > 1 => h.max((n - 1) * try_gap + 2 * r + 12),
                _ => h,
            };
            // Room under the last try's mark for what it sent.
            finals
                .iter()
                .filter(|e| e.row == row)
                .map(|e| count(download_at(e).1.len()))
                .max()
                .map_or(h, |lines| h.max((tries(row) - 1) * try_gap + 2 * (r + lines * g.line + 2)))
        })
        .collect();
    let line = g.line;
    // Each address whole, over up to three lines where the box is narrow
    // (a full IPv6 address needs three at the page's scale).
    let addresses: Vec<Vec<String>> = agent.iter().map(|a| wrapped(a, agent_w - 20, g.small, 3)).collect();
    // An agent away from the corporate network says so in its box.
    let away = match trace.location {
        Location::OnPremises => None,
        Location::OffPremises => Some("off-premises"),
        Location::Independent if matches!(trace.profile, Profile::OfficeScan106 | Profile::OfficeScan11) => {
            Some("roaming")
        }
        Location::Independent => Some("Independent"),
    };
    let agent_lines = count(addresses.iter().map(Vec::len).sum::<usize>() + usize::from(away.is_some())).max(1);
    let agent_h = 2 * g.text + 4 + line * agent_lines;
    // Stacked, the sources start under the agent (and under the network's
    // edge and its label, for an agent off-premises).
    let edge_gap = if down && trace.location == Location::OffPremises { g.small + 8 } else { 0 };
    let first_row = if down { top + agent_h + 30 + edge_gap } else { top };
    let mut row_y = Vec::with_capacity(boxes.len());
    let mut y = first_row;
    for h in &heights {
        row_y.push(y);
        y += h + g.gap;
    }
    let rows_end = y - g.gap;
    // The outcome is told once the item's last step is.
    let concluded = trace.concluded_at(item) <= told;
    let words = trace.outcome_words(item);
    let whole = format!("Outcome: {} {words}", item.words());
    let outcome_lines = if down {
        let mut lines = vec![format!("Outcome: {}", item.words())];
        lines.extend(wrapped(&words, width - 2 * agent_x - 20, g.text, 3));
        lines
    } else {
        wrapped(&whole, width - 2 * agent_x - 20, g.text, 3)
    };
    let outcome_y = if down { rows_end + 16 } else { rows_end.max(top + agent_h) + 16 };
    // A room is told the outcome by the cards above the picture.
    let outcome_h = if g.outcome { 12 + count(outcome_lines.len()) * line } else { -16 };
    // A notified agent's timeline, as a strip under the outcome (TL1-TL3),
    // with the item's own answer: where from and when. A room sees it once
    // the item's outcome is told.
    let when_lines = match trace.when.as_ref().and(trace.when_of(item)) {
        Some(w) if g.outcome || concluded => wrapped(&w.text, width - 2 * agent_x - 20, g.small, 3),
        _ => Vec::new(),
    };
    let strip_y = outcome_y + outcome_h + 16;
    let notified = trace.when.as_ref().is_some_and(|t| !t.notifications.is_empty());
    let strip_h =
        if when_lines.is_empty() { 0 } else { words_top(g, notified) + count(when_lines.len() - 1) * small_line + 8 };
    let height = strip_y + strip_h + if g.legend { 24 } else { -8 } + if strip_h > 0 { 12 } else { 0 };
    let title = if concluded {
        format!("{}: {}", item.words(), path_words(trace.profile, &edges, &words))
    } else {
        format!("{} so far: {}", item.words(), path_words(trace.profile, &edges, "…"))
    };
    let id = item.id();
    let room = frame.scale.class();

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="diagram{room}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" data-item="{id}"><title>{}</title>"#,
        escape(&title)
    );
    if style == Style::Standalone {
        let _ = write!(
            svg,
            "<style>{STANDALONE_STYLE}</style><rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
        );
    }
    let lane_y = g.lane_y;
    let _ = write!(
        svg,
        r#"<text x="{agent_x}" y="{lane_y}" class="dg-lane">{}</text>"#,
        escape(&capitalised(item.words()))
    );
    let (first_lane, fallback_lane) = lane_names(trace);
    for (lane, name) in [(Lane::First, first_lane), (Lane::Fallback, fallback_lane)] {
        if !lane_drawn(lane) || name.is_empty() {
            continue;
        }
        // Stacked, a lane's name heads its first box.
        let (x, y) = match boxes.iter().position(|b| b.lane == lane) {
            Some(row) if down => (lane_x(g, lane), row_y.get(row).copied().unwrap_or(first_row) - 6),
            _ => (lane_x(g, lane), lane_y),
        };
        let _ = write!(svg, r#"<text x="{x}" y="{y}" class="dg-lane">{name}</text>"#);
    }
    // The agent.
    let _ = write!(
        svg,
        r#"<g class="dg-agent-box"><rect x="{agent_x}" y="{top}" width="{agent_w}" height="{agent_h}" rx="8" class="dg-agent{}"/><text x="{}" y="{}">{}</text>"#,
        if away.is_some() { " dg-away" } else { "" },
        agent_x + 10,
        top + g.text + 7,
        escape(&capitalised(match trace.role {
            crate::format::scenario::Role::UpdateAgent => "Update Agent",
            crate::format::scenario::Role::Agent => trace.profile.agent_name(),
        }))
    );
    let mut agent_text: Vec<&str> = addresses.iter().flatten().map(String::as_str).collect();
    agent_text.extend(away);
    for (k, l) in agent_text.iter().enumerate() {
        let y = top + g.text + 9 + line * (1 + count(k));
        let _ = write!(svg, r#"<text x="{}" y="{y}" class="dg-small">{}</text>"#, agent_x + 10, escape(l));
    }
    svg.push_str("</g>");
    // Off-premises, the corporate network's edge runs between the agent
    // and the sources: every arrow crosses it.
    if trace.location == Location::OffPremises {
        let (x1, y1, x2, y2, tx, ty) = if down {
            let y = top + agent_h + 12;
            (agent_x, y, width - agent_x, y, agent_x + 4, y + g.small + 2)
        } else {
            let x = agent_x + agent_w + 8;
            // The line from its label, under the item's name, to the last row.
            (x, edge_label - g.small, x, rows_end.max(top + agent_h), x + 6, edge_label)
        };
        let _ = write!(
            svg,
            r#"<g class="dg-boundary"><title>The corporate network's edge: this agent is outside it</title><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-dasharray="10 5"/><text x="{tx}" y="{ty}" class="dg-small">corporate network edge</text></g>"#
        );
    }
    // The arrows, in the order of the steps, under the boxes they point at.
    // Beside the agent, each leaves it, runs down its own short spine in
    // the gutter and across at its box's own row, where no other box is,
    // so no arrow crosses a box or another arrow's label. Stacked, each
    // runs down one spine from the one before it.
    let agent_right = agent_x + agent_w;
    let agent_mid = top + agent_h / 2;
    let spine = g.lane_x[0] - r - 3;
    let mut from_y = top + agent_h;
    for (k, e) in edges.iter().enumerate() {
        let b = boxes.get(e.row).map_or(Lane::First, |b| b.lane);
        let x = lane_x(g, b) - if e.group.is_some() { pad } else { 0 };
        let mid = row_y.get(e.row).copied().unwrap_or(first_row) + heights.get(e.row).copied().unwrap_or(g.box_h) / 2;
        // Which try of its source this is, of how many: the tries stand
        // one under the other about the box's middle.
        let before = count(finals.iter().filter(|f| f.row == e.row && f.step.n() < e.step.n()).count());
        let ty = mid + (2 * before + 1 - tries(e.row)) * try_gap / 2;
        let cx = if down { spine } else { x - r - 3 };
        let path = if down {
            let d = format!("M{spine} {from_y}V{}", ty - r);
            from_y = ty + r;
            d
        } else {
            let sx = agent_right + 6 + 4 * count(k % 4);
            format!("M{agent_right} {agent_mid}H{sx}V{ty}H{cx}")
        };
        let dash = match e.arrow {
            Arrow::Delivered => "",
            Arrow::Failed => r#" stroke-dasharray="7 4""#,
            Arrow::Skipped => r#" stroke-dasharray="2 4""#,
        };
        let target = e.group.as_ref().or(e.step.source());
        let source = target.map(ToString::to_string).unwrap_or_default();
        let spoken = target.map(|s| vocabulary::label(trace.profile, s)).unwrap_or_default();

        let hl = if frame.until == Some(e.step.n()) { " hl" } else { "" };
        let _ = write!(
            svg,
            r#"<g class="dg-arrow dg-{result}{hl}" data-step="{n}" data-item="{id}" data-source="{src}" data-result="{result}"><title>{title}</title><path d="{path}" fill="none"{dash}/><circle cx="{cx}" cy="{ty}" r="{r}"/><text x="{cx}" y="{tty}" text-anchor="middle" class="dg-mark">{mark}</text><text x="{nx}" y="{ny}" text-anchor="end" class="dg-small">{n} · {rule}</text>{download}</g>"#,
            result = e.arrow.id(),
            n = e.step.n(),
            src = escape(&source),
            title = escape(&if e.group.is_some() {
                format!("Step {}: {spoken} {}", e.step.n(), e.arrow.id())
            } else {
                format!("Step {}: {}", e.step.n(), e.step.text())
            }),
            tty = ty + g.text * 3 / 10,
            mark = e.arrow.mark(),
            nx = cx - r - 5,
            ny = if down { ty + g.text * 3 / 10 } else { ty - r + 1 },
            rule = e.step.rule(),
            // What the delivering step sent, under its arrow (CD1-CD4).
            download = {
                let (right, lines) = download_at(e);
                let mut drawn = String::new();
                for (i, line) in lines.iter().enumerate() {
                    let _ = write!(
                        drawn,
                        r#"<text x="{right}" y="{}" text-anchor="end" class="dg-small dg-download">{}</text>"#,
                        ty + r + g.small + count(i) * g.line,
                        escape(line)
                    );
                }
                drawn
            },
        );
    }
    // The sources, each with what happened there last; a group framed
    // with its relays, each relay said up or down.
    let members = |row: usize| boxes.iter().skip(row + 1).take_while(|b| b.kind == BoxKind::Member).count();
    for (row, b) in boxes.iter().enumerate().filter(|(row, _)| drawn(*row)) {
        let x = lane_x(g, b.lane);
        let y = row_y.get(row).copied().unwrap_or(first_row);
        let h = heights.get(row).copied().unwrap_or(g.box_h);
        let name = b.source.to_string();
        let shown = vocabulary::label(trace.profile, &b.source);
        let (name_lines, _) = texts.get(row).cloned().unwrap_or_default();
        let mut body = String::new();
        for (k, l) in name_lines.iter().enumerate() {
            let _ =
                write!(body, r#"<text x="{}" y="{}">{}</text>"#, x + 10, y + g.text + 3 + line * count(k), escape(l));
        }
        let note_y = y + g.text + 3 + line * (count(name_lines.len()) - 1) + small_line;
        if b.kind == BoxKind::Group {
            for (k, l) in texts.get(row).map(|t| t.1.as_slice()).unwrap_or_default().iter().enumerate() {
                let _ = write!(
                    body,
                    r#"<text x="{}" y="{}" class="dg-small">{}</text>"#,
                    x + 10,
                    note_y + small_line * count(k),
                    escape(l)
                );
            }
            let last = row + members(row);
            let bottom = row_y.get(last).copied().unwrap_or(y) + heights.get(last).copied().unwrap_or(h);
            let (fx, fy, fw, fh) = (x - pad, y - pad / 2, box_w + 2 * pad, bottom - y + pad);
            let _ = write!(
                svg,
                r#"<g class="dg-group"><title>{title}</title><rect x="{fx}" y="{fy}" width="{fw}" height="{fh}" rx="8" class="dg-frame"/>{body}</g>"#,
                title = escape(&format!("{shown}: each agent receives its relays in a random order of its own")),
                body = body.replacen("<text x", r#"<text class="dg-lane" x"#, name_lines.len()),
            );
            continue;
        }
        let note = note_of(b, row, &edges, trace);
        let one_line = texts.get(row).is_some_and(|(_, n)| n.is_empty());
        if one_line {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" text-anchor="end" class="dg-small" aria-hidden="true">{}</text>"#,
                x + box_w - 10,
                y + g.text + 3,
                escape(&note)
            );
        }
        for (k, l) in wrapped(if one_line { "" } else { &note }, inner, g.small, NOTE_LINES).iter().enumerate() {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" class="dg-small" aria-hidden="true">{}</text>"#,
                x + 10,
                note_y + small_line * count(k),
                escape(l)
            );
        }
        let member = if b.kind == BoxKind::Member { " dg-member" } else { "" };
        let first = name_lines.first().cloned().unwrap_or_default();
        let _ = write!(
            svg,
            r#"<g class="dg-source{member}" data-source="{src}" tabindex="0" role="button"><title>{label}</title><rect x="{x}" y="{y}" width="{box_w}" height="{h}" rx="6" class="dg-box"/>{body}</g>"#,
            src = escape(&name),
            // The name starts with the text shown, as speech input needs.
            label = escape(&if name_lines.join(" ") == shown || name_lines.concat() == shown {
                format!("{shown}: {note}; switch it down or up")
            } else {
                format!("{first} ({shown}): {note}; switch it down or up")
            }),
        );
    }
    // The outcome, once told.
    if concluded && g.outcome {
        let class = if matches!(outcome, ItemOutcome::Updated(_)) { "dg-outcome updated" } else { "dg-outcome" };
        let w = width - 2 * agent_x;
        let full = if outcome_lines.iter().any(|l| l.contains('…')) {
            format!("<title>{}</title>", escape(&whole))
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            r#"<g class="dg-end" data-status="{status}">{full}<rect x="{agent_x}" y="{outcome_y}" width="{w}" height="{outcome_h}" rx="8" class="{class}"/>"#,
            status = outcome.status().id(),
        );
        for (k, l) in outcome_lines.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}">{}</text>"#,
                agent_x + 10,
                outcome_y + 6 + g.text + line * count(k),
                escape(l)
            );
        }
        svg.push_str("</g>");
    }
    if let Some(t) = trace.when.as_ref().filter(|_| !when_lines.is_empty()) {
        strip(&mut svg, g, t, strip_y, &when_lines);
    }
    if g.legend {
        legend(&mut svg, g, strip_y + strip_h + if strip_h > 0 { 20 } else { 8 });
    }
    svg.push_str("</svg>");
    svg
}

/// A count as drawing units.
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX / 1000)
}

/// The notifications on a line, answered or not, and under them the
/// answer in words (TL1-TL3), which says what starts the update after them.
fn strip(svg: &mut String, g: &Geometry, t: &Timeline, y: i32, words: &[String]) {
    // An agent the server does not notify has no line of notifications:
    // only the words say when (IND1, LOC1).
    let base = y + words_top(g, !t.notifications.is_empty());
    if t.notifications.is_empty() {
        svg.push_str(r#"<g class="dg-when"><title>When</title>"#);
        when_words(svg, g, base, words);
        return;
    }
    let slots = count(t.notifications.len()).max(1);
    let (x0, x1) = (g.agent_x + g.text, g.width - g.agent_x - g.text);
    let step = (x1 - x0) / slots;
    let (r, mid) = (g.text * 7 / 10, y + g.line + 4);
    let _ = write!(
        svg,
        r#"<g class="dg-when"><title>When: the notifications, answered or not</title><line x1="{x0}" y1="{mid}" x2="{x1}" y2="{mid}" class="dg-when-line"/>"#
    );
    for (k, (at, answered)) in t.notifications.iter().enumerate() {
        let x = x0 + step * count(k) + r;
        let arrow = if *answered { Arrow::Delivered } else { Arrow::Failed };
        let label = if *at == 0 { "T".to_string() } else { format!("+{at}") };
        let clock = t.notified_at.map(|c| c.plus(*at).0.to_string()).unwrap_or_default();
        let _ = write!(
            svg,
            r#"<g class="dg-{id}"><circle cx="{x}" cy="{mid}" r="{r}"/><text x="{x}" y="{ty}" text-anchor="middle" class="dg-mark">{mark}</text><text x="{x}" y="{ly}" text-anchor="middle" class="dg-small">{label}</text><text x="{x}" y="{cy}" text-anchor="middle" class="dg-small">{clock}</text></g>"#,
            id = arrow.id(),
            ty = mid + g.text * 3 / 10,
            mark = arrow.mark(),
            ly = mid - r - 6,
            cy = mid + r + g.small + 2,
        );
    }
    when_words(svg, g, base, words);
}

/// The strip's words, from `base` down; closes the strip.
fn when_words(svg: &mut String, g: &Geometry, base: i32, words: &[String]) {
    for (k, l) in words.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" class="dg-small">{}</text>"#,
            g.agent_x,
            base + (g.small + 4) * count(k),
            escape(l)
        );
    }
    svg.push_str("</g>");
}

/// Where the strip's words start, below its top: under the line of
/// notifications, when there is one.
fn words_top(g: &Geometry, notified: bool) -> i32 {
    if !notified {
        return g.small;
    }
    g.line + 4 + g.text * 7 / 10 + 2 * g.small + 10
}

/// What the lines and marks mean, in shapes as well as colours.
fn legend(svg: &mut String, g: &Geometry, y: i32) {
    let mut x = g.agent_x;
    for (arrow, dash, words) in [
        (Arrow::Delivered, "", "delivered"),
        (Arrow::Failed, r#" stroke-dasharray="7 4""#, "failed"),
        (Arrow::Skipped, r#" stroke-dasharray="2 4""#, "skipped: does not serve this item"),
    ] {
        let _ = write!(
            svg,
            r#"<g class="dg-legend dg-{id}"><line x1="{x}" y1="{y}" x2="{x2}" y2="{y}"{dash}/><circle cx="{cx}" cy="{y}" r="{r}"/><text x="{cx}" y="{ty}" text-anchor="middle" class="dg-mark">{mark}</text><text x="{tx}" y="{ty}" class="dg-small">{words}</text></g>"#,
            id = arrow.id(),
            x2 = x + 30,
            r = g.text / 2,
            cx = x + 38,
            ty = y + g.small * 3 / 10,
            mark = arrow.mark(),
            tx = x + 40 + g.text,
        );
        x += 60 + g.text + width_of(words, g.small);
    }
}

/// The first letter in capitals. ASCII only: the words are the planner's
/// own, and Unicode's case tables would cost the page several kilobytes.
fn capitalised(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn lane_names(trace: &Trace) -> (&'static str, &'static str) {
    match trace.profile.family() {
        // Off-premises, the agent's box and the network's edge say where it is.
        crate::model::profile::Family::OfficeScan if trace.location == Location::OffPremises => ("", ""),
        crate::model::profile::Family::OfficeScan => ("Customized list", "Fallbacks"),
        crate::model::profile::Family::Swp
            if trace.steps.iter().any(|s| s.rule() == Rule::VC1 && s.kind() == StepKind::Settings) =>
        {
            ("Version Control Policies", "")
        }
        crate::model::profile::Family::Swp => ("Relays", "Secondary sources"),
    }
}

fn lane_x(g: &Geometry, lane: Lane) -> i32 {
    match lane {
        Lane::First => g.lane_x[0],
        Lane::Fallback => g.lane_x[1],
    }
}

/// How wide a character is, in thousandths of the text's size: the
/// advance widths of DejaVu Sans (the widest of the usual system fonts, so
/// a text that fits here fits everywhere), grouped.
fn advance(c: char) -> i32 {
    match c {
        '.' | ':' | '/' | ',' | ';' | '\'' | '|' | ' ' | '!' => 340,
        'f' | 'i' | 'j' | 'l' | 'r' | 't' | '-' | '(' | ')' | '[' | ']' => 420,
        'm' | 'w' => 980,
        'M' | 'W' | '@' | '%' => 1000,
        'A'..='Z' => 780,
        '…' => 1000,
        _ => 640,
    }
}

/// What a delivering arrow sent ("incremental 161.175"), in the lines the
/// room beside its arrow holds: one, or its kind over its pattern; none
/// when even those would not fit (the box and the step still say it).
fn download_lines(short: &str, room: i32, size: i32) -> Vec<String> {
    if width_of(short, size) <= room {
        return vec![short.to_string()];
    }
    match short.split_once(' ') {
        Some((kind, pattern)) if width_of(kind, size) <= room && width_of(pattern, size) <= room => {
            vec![kind.to_string(), pattern.to_string()]
        }
        _ => Vec::new(),
    }
}

/// How wide `text` is drawn at `size` units.
fn width_of(text: &str, size: i32) -> i32 {
    text.chars().map(advance).sum::<i32>() * size / 1000
}

/// `text` as it fits in `width` units at `size`: whole when it does, else
/// with its middle left out, so both the scheme or host it starts with
/// and the port or path it ends with still show (`ua://ua-floor2…:21112`).
/// The whole name is in the box's tooltip and in the step.
fn fitted(text: &str, width: i32, size: i32) -> String {
    if width_of(text, size) <= width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    // Keep two thirds of what fits from the start, one third from the end.
    // Measured in thousandths of the size, as `width_of` sums them.
    let room = (width * 1000 / size.max(1) - advance('…')).max(0);
    let (mut head, mut tail) = (0, 0);
    let (mut used_head, mut used_tail) = (0, 0);
    loop {
        let grow_head = used_head * 3 <= (used_head + used_tail) * 2;
        let next =
            if grow_head { chars.get(head) } else { chars.len().checked_sub(tail + 1).and_then(|i| chars.get(i)) };
        let Some(&c) = next else { break };
        let w = advance(c);
        // The whole text is wider than the room (else it was returned
        // whole), so this ends before the head and the tail meet.
        if used_head + used_tail + w > room {
            break;
        }
        if grow_head {
            head += 1;
            used_head += w;
        } else {
            tail += 1;
            used_tail += w;
        }
    }
    let start: String = chars.iter().take(head).collect();
    let end: String = chars.iter().skip(chars.len() - tail).collect();
    format!("{start}…{end}")
}

/// `text` in lines of at most `width` units at `size`, broken between
/// words, or inside a long name after a `/`, `.`, `:` or `-` (where a
/// reader expects a break); at most `max` lines, the last shortened in
/// its middle (see [`fitted`]) only when the text runs longer.
fn wrapped(text: &str, width: i32, size: i32, max: usize) -> Vec<String> {
    // Each line, and whether it ends where the text had a space (a line
    // ending inside a long name joins the next without one).
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if width_of(&candidate, size) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push((std::mem::take(&mut current), true));
        }
        // A word wider than a line is broken at its punctuation, else anywhere.
        let mut rest = word;
        while width_of(rest, size) > width {
            let mut cut = 0;
            let mut fallback = 0;
            for (i, c) in rest.char_indices() {
                let end = i + c.len_utf8();
                if width_of(rest.get(..end).unwrap_or(rest), size) > width {
                    break;
                }
                fallback = end;
                if matches!(c, '/' | '.' | ':' | '-' | ',') {
                    cut = end;
                }
            }
            let at = if cut > 0 { cut } else { fallback.max(rest.chars().next().map_or(1, char::len_utf8)) };
            lines.push((rest.get(..at).unwrap_or(rest).to_string(), false));
            rest = rest.get(at..).unwrap_or_default();
        }
        current = rest.to_string();
    }
    if !current.is_empty() {
        lines.push((current, true));
    }
    if lines.len() > max {
        let tail: Vec<(String, bool)> = lines.split_off(max.saturating_sub(1));
        let mut joined = String::new();
        for (line, spaced) in &tail {
            joined.push_str(line);
            if *spaced {
                joined.push(' ');
            }
        }
        lines.push((fitted(joined.trim_end(), width, size), true));
    }
    lines.into_iter().map(|(line, _)| line).collect()
}

/// The drawing's title, read by screen readers: the path in words.
fn path_words(profile: crate::model::profile::Profile, edges: &[Edge<'_>], outcome: &str) -> String {
    let mut parts: Vec<String> = edges
        .iter()
        .map(|e| {
            let source = e.group.as_ref().or(e.step.source()).map(|s| vocabulary::name(profile, s)).unwrap_or_default();
            match (e.arrow, e.step.brief()) {
                (Arrow::Delivered, _) => format!("{source} delivered"),
                (a, Some(why)) => format!("{source} {} ({why})", a.id()),
                (a, None) => format!("{source} {}", a.id()),
            }
        })
        .collect();
    parts.push(outcome.to_string());
    parts.join(", then ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLOOR: &str = include_str!("../www/examples/floor-update-agent-down.json");

    #[test]
    fn a_drawing_is_one_document_per_item_with_an_arrow_per_step() {
        let trace = crate::trace_json(FLOOR).unwrap_or_else(|e| panic!("{e}"));
        let drawings = diagram(&trace, &["10.1.4.20".into()], None, Style::Standalone);
        assert_eq!(drawings.len(), 3);
        let components =
            drawings.iter().find(|(i, _)| *i == Item::Components).map(|(_, s)| s.clone()).unwrap_or_default();
        assert!(components.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(components.contains(r#"data-source="ua://10.1.0.5" data-result="failed""#), "{components}");
        assert!(components.contains(r#"data-result="delivered""#));
        assert!(components.contains("<style>"));
        let page = diagram(&trace, &[], Some(Item::Components), Style::Page);
        assert_eq!(page.len(), 1);
        assert!(!page[0].1.contains("<style>"), "the page's CSP refuses style inside the drawing");
    }

    #[test]
    fn a_name_is_shortened_in_its_middle_only_when_it_would_not_fit() {
        assert_eq!(fitted("ua://10.1.0.5", 208, 13), "ua://10.1.0.5");
        let long = "http://mirror.branch-office-seventeen.corp.example/activeupdate";
        let short = fitted(long, 208, 13);
        assert!(short.starts_with("http://mirror") && short.ends_with("update") && short.contains("…"), "{short}");
        assert!(width_of(&short, 13) <= 208, "{short}");
        for width in [40, 100, 200, 400] {
            assert!(width_of(&fitted(long, width, 25), 25) <= width);
        }
    }

    #[test]
    fn a_long_name_without_punctuation_is_broken_where_its_line_is_full() {
        let name = "ActiveUpdateServerOfTheBranchOfficeInTheNorthWing";
        for size in 11..=25 {
            for width in 30..width_of(name, size) {
                let lines = wrapped(name, width, size, 99);
                assert_eq!(lines.concat(), name, "at {width}/{size}");
                for pair in lines.windows(2) {
                    let next = pair[1].chars().next().map(String::from).unwrap_or_default();
                    assert!(width_of(&pair[0], size) <= width, "{lines:?} at {width}/{size}");
                    assert!(width_of(&(pair[0].clone() + &next), size) > width, "{lines:?} at {width}/{size}");
                }
            }
        }
    }

    #[test]
    fn a_shortened_name_keeps_every_character_that_fits() {
        // Two thirds from the start, one third from the end, and no room
        // left for the next character either way, at every width and size.
        let long = "https://ua-floor2.branch-office.corp.example:21112/activeupdate";
        let chars: Vec<char> = long.chars().collect();
        for size in 11..=25 {
            for width in 20..width_of(long, size) {
                let short = fitted(long, width, size);
                let (start, end) = short.split_once('…').unwrap_or_else(|| panic!("{short} at {width}"));
                let (head, tail) = (start.chars().count(), end.chars().count());
                let used_head: i32 = start.chars().map(advance).sum();
                let used = used_head + end.chars().map(advance).sum::<i32>();
                let room = (width * 1000 / size - advance('…')).max(0);
                assert!(used <= room, "{short} at {width}/{size}");
                let next = if used_head * 3 <= used * 2 { chars[head] } else { chars[chars.len() - tail - 1] };
                assert!(used + advance(next) > room, "{short} at {width}/{size}: {next} fits too");
                assert!(long.starts_with(start) && long.ends_with(end));
            }
        }
    }

    #[test]
    fn long_names_and_reasons_wrap_at_words_or_punctuation_and_are_cut_only_past_their_lines() {
        assert_eq!(wrapped("down (what-if)", 208, 17, 3), vec!["down (what-if)"]);
        let reason = "unreachable: this agent is IPv6-only and ua://10.1.0.5 is IPv4-only, with no dual-stack proxy";
        let lines = wrapped(reason, 208, 17, 3);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().all(|l| width_of(l, 17) <= 208), "{lines:?}");
        assert_eq!(lines[0], "unreachable: this");
        let whole = wrapped(reason, 208, 17, 9).join(" ");
        assert_eq!(whole, reason, "nothing is lost while the lines suffice");
        assert!(lines[2].contains('…'), "cut in its middle on the last line only: {lines:?}");
        let url = wrapped("http://mirror.branch-office-seventeen.corp.example/activeupdate", 208, 17, 2);
        assert!(url.iter().all(|l| width_of(l, 17) <= 208), "{url:?}");
        assert!(url[0].ends_with(['/', '.', '-']), "broken after its punctuation: {url:?}");
        assert!(wrapped("", 208, 17, 2).is_empty());
        assert_eq!(
            wrapped("x".repeat(60).as_str(), 100, 17, 9).concat(),
            "x".repeat(60),
            "a word with no punctuation is broken anywhere"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
