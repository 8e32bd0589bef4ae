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

use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::model::rules::Rule;
use crate::trace::{AttemptResult, ItemOutcome, Step, StepKind, Trace};
use crate::vocabulary;

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
        Rule::L1 | Rule::R1 | Rule::RG1 | Rule::VC2 => Lane::First,
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
    /// of the room. No legend: the marks and the spoken step say it.
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

/// The measures of a drawing at one scale.
struct Geometry {
    arrangement: Arrangement,
    width: i32,
    agent_x: i32,
    agent_w: i32,
    lane_x: [i32; 2],
    box_w: i32,
    box_h: i32,
    row: i32,
    top: i32,
    /// Text size (the page's style sheet or the standalone style sets it;
    /// the measures follow it). A room's small text is as large.
    text: i32,
    /// From one line of small text to the next.
    line: i32,
    /// The baseline of the item's name and the lanes' names, at the top.
    lane_y: i32,
    /// The small text's size (the note under a name, the agent's addresses).
    small: i32,
    legend: bool,
}

const PAGE: Geometry = Geometry {
    arrangement: Arrangement::Across,
    width: 760,
    agent_x: 12,
    agent_w: 170,
    lane_x: [290, 520],
    box_w: 228,
    box_h: 38,
    row: 48,
    top: 44,
    text: 13,
    line: 16,
    lane_y: 18,
    small: 11,
    legend: true,
};

const ROOM: Geometry = Geometry {
    arrangement: Arrangement::Across,
    width: 1240,
    agent_x: 10,
    agent_w: 220,
    lane_x: [350, 800],
    box_w: 430,
    box_h: 66,
    row: 78,
    top: 60,
    text: 25,
    line: 30,
    lane_y: 34,
    small: 25,
    legend: false,
};

const PHONE: Geometry = Geometry {
    arrangement: Arrangement::Down,
    width: 340,
    agent_x: 6,
    agent_w: 328,
    lane_x: [84, 100],
    box_w: 234,
    box_h: 44,
    row: 70,
    top: 30,
    text: 15,
    line: 18,
    lane_y: 18,
    small: 13,
    legend: false,
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
const STANDALONE_STYLE: &str = "text{font:13px system-ui,sans-serif;fill:#1f2328;stroke:none}.dg-small{font-size:11px;fill:#59636e}\
.dg-box{fill:#f6f8fa;stroke:#59636e}.dg-agent{fill:#ddf4ff;stroke:#0969da}.dg-outcome.updated{fill:#dafbe1;stroke:#1a7f37}\
.dg-outcome{fill:#ffebe9;stroke:#cf222e}.dg-delivered{stroke:#1a7f37;fill:#1a7f37}.dg-failed{stroke:#cf222e;fill:#cf222e}\
.dg-skipped{stroke:#59636e;fill:#59636e}.dg-arrow line{stroke-width:2}.dg-lane{font-weight:600;fill:#59636e}\
text.dg-mark{fill:#ffffff;stroke:none;font-weight:700}.dg-arrow text.dg-small{stroke:none}\
.dg-room text{font-size:25px}.dg-phone text{font-size:15px}.dg-phone .dg-small{font-size:13px}";

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

fn drawing(trace: &Trace, item: Item, outcome: &ItemOutcome, agent: &[String], style: Style, frame: Frame) -> String {
    let g = frame.scale.geometry();
    let (agent_x, agent_w, box_w, box_h, top) = (g.agent_x, g.agent_w, g.box_w, g.box_h, g.top);
    let width = g.width;
    let told = frame.until.unwrap_or(usize::MAX);
    let mut boxes: Vec<SourceBox> = Vec::new();
    let mut edges: Vec<Edge<'_>> = Vec::new();
    let group = trace.relay_group.as_ref();
    // Every source has its row from the start, so a picture told step by
    // step keeps its size and its boxes their places; only what has been
    // told is drawn.
    for step in trace.steps.iter().filter(|s| s.item() == Some(item)) {
        let arrow = match (step.kind(), step.result()) {
            (StepKind::Attempt, Some(AttemptResult::Delivered)) => Arrow::Delivered,
            (StepKind::Attempt, _) => Arrow::Failed,
            (StepKind::Skip, _) => Arrow::Skipped,
            _ => continue,
        };
        let Some(source) = step.source() else { continue };
        if let (Some(g), Rule::RG1) = (group, step.rule()) {
            // The group's heading, then every relay of it as listed: the
            // same picture for every draw.
            let id = SourceId::RelayGroup(g.name.clone());
            let row = match boxes.iter().position(|b| b.source == id) {
                Some(row) => row,
                None => {
                    boxes.push(SourceBox { source: id.clone(), lane: Lane::First, kind: BoxKind::Group });
                    for relay in &g.relays {
                        let source = SourceId::Relay(relay.clone());
                        boxes.push(SourceBox { source, lane: Lane::First, kind: BoxKind::Member });
                    }
                    boxes.len() - 1 - g.relays.len()
                }
            };
            if step.n() <= told {
                // One arrow: the group's latest attempt told.
                edges.retain(|e| e.row != row);
                edges.push(Edge { step, arrow, row, group: Some(id) });
            }
            continue;
        }
        let row = match boxes.iter().position(|b| b.source == *source) {
            Some(row) => row,
            None => {
                boxes.push(SourceBox { source: source.clone(), lane: lane(step), kind: BoxKind::Single });
                boxes.len() - 1
            }
        };
        if step.n() <= told {
            edges.push(Edge { step, arrow, row, group: None });
        }
    }
    // A group's relays are drawn with their heading.
    let heading = |row: usize| match boxes.get(row).map(|b| b.kind) {
        Some(BoxKind::Member) => {
            boxes.get(..row).and_then(|above| above.iter().rposition(|b| b.kind == BoxKind::Group))
        }
        _ => Some(row),
    };
    let drawn = |row: usize| heading(row).is_some_and(|h| edges.iter().any(|e| e.row == h));
    let lane_drawn = |lane: Lane| boxes.iter().enumerate().any(|(row, b)| b.lane == lane && drawn(row));
    let rows = i32::try_from(boxes.len()).unwrap_or(i32::MAX / g.row).max(1);
    let agent_lines = i32::try_from(agent.len()).unwrap_or(1).max(1);
    let line = g.line;
    let agent_h = 2 * g.text + 4 + line * agent_lines;
    let down = g.arrangement == Arrangement::Down;
    // Stacked, the sources start under the agent.
    let first_row = if down { top + agent_h + 30 } else { top };
    let outcome_y = if down {
        first_row + rows.saturating_mul(g.row) - 10
    } else {
        top + rows.saturating_mul(g.row).max(agent_h) + 16
    };
    let outcome_h = if down { 2 * g.text + g.line } else { 2 * g.text + 8 };
    let height = outcome_y + outcome_h + if g.legend { 36 } else { 8 };
    // The outcome is told once the item's last step is.
    let concluded = trace.concluded_at(item) <= told;
    let words = trace.outcome_words(item);
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
        if !lane_drawn(lane) {
            continue;
        }
        // Stacked, a lane's name heads its first box.
        let (x, y) = match boxes.iter().position(|b| b.lane == lane) {
            Some(row) if down => {
                let (x, y) = box_at(g, lane, row);
                (x, y + first_row - top - 6)
            }
            _ => (box_at(g, lane, 0).0, lane_y),
        };
        let _ = write!(svg, r#"<text x="{x}" y="{y}" class="dg-lane">{name}</text>"#);
    }
    // The agent.
    let _ = write!(
        svg,
        r#"<g class="dg-agent-box"><rect x="{agent_x}" y="{top}" width="{agent_w}" height="{agent_h}" rx="8" class="dg-agent"/><text x="{}" y="{}">{}</text>"#,
        agent_x + 10,
        top + g.text + 7,
        escape(&capitalised(trace.profile.agent_name()))
    );
    for (k, a) in agent.iter().enumerate() {
        let y = top + g.text + 9 + line * (1 + i32::try_from(k).unwrap_or(0));
        let shown = fitted(a, agent_w - 20, g.small);
        let full = if shown == *a { String::new() } else { format!("<title>{}</title>", escape(a)) };
        let _ = write!(svg, r#"<text x="{}" y="{y}" class="dg-small">{full}{}</text>"#, agent_x + 10, escape(&shown));
    }
    svg.push_str("</g>");
    // The arrows, in the order of the steps, under the boxes they point at.
    // Stacked, each runs down a spine from the one before it.
    let agent_right = agent_x + agent_w;
    let agent_mid = top + agent_h / 2;
    let r = g.text * 7 / 10;
    let spine = g.lane_x[0] - r - 3;
    let mut from_y = top + agent_h;
    for e in &edges {
        let b = boxes.get(e.row).map_or(Lane::First, |b| b.lane);
        let (x, y) = box_at(g, b, e.row);
        let y = y + first_row - top;
        let ty = y + box_h / 2;
        let (x1, y1, cx) = if down { (spine, from_y, spine) } else { (agent_right, agent_mid, x - r - 3) };
        let (x2, y2) = if down { (spine, ty - r) } else { (cx, ty) };
        if down {
            from_y = ty + r;
        }
        let dash = match e.arrow {
            Arrow::Delivered => "",
            Arrow::Failed => r#" stroke-dasharray="7 4""#,
            Arrow::Skipped => r#" stroke-dasharray="2 4""#,
        };
        let target = e.group.as_ref().or(e.step.source());
        let source = target.map(ToString::to_string).unwrap_or_default();
        let spoken = target.map(|s| vocabulary::label(trace.profile, s)).unwrap_or_default();
        let why = if e.group.is_some() {
            String::new()
        } else {
            e.step.reason().map(|r| format!(" ({r})")).unwrap_or_default()
        };
        let hl = if frame.until == Some(e.step.n()) { " hl" } else { "" };
        let _ = write!(
            svg,
            r#"<g class="dg-arrow dg-{result}{hl}" data-step="{n}" data-item="{id}" data-source="{src}" data-result="{result}"><title>{title}</title><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"{dash}/><circle cx="{cx}" cy="{ty}" r="{r}"/><text x="{cx}" y="{tty}" text-anchor="middle" class="dg-mark">{mark}</text><text x="{nx}" y="{ny}" text-anchor="end" class="dg-small">{n} · {rule}</text></g>"#,
            result = e.arrow.id(),
            n = e.step.n(),
            src = escape(&source),
            title = escape(&format!("Step {}: {spoken} {}{why}", e.step.n(), e.arrow.id())),
            tty = ty + g.text * 3 / 10,
            mark = e.arrow.mark(),
            nx = cx - r - 5,
            ny = if down { ty + g.text * 3 / 10 } else { ty - r + 1 },
            rule = e.step.rule(),
        );
    }
    // The sources, each with what happened there last; a group framed
    // with its relays, each relay said up or down.
    let members = |row: usize| boxes.iter().skip(row + 1).take_while(|b| b.kind == BoxKind::Member).count();
    for (row, b) in boxes.iter().enumerate().filter(|(row, _)| drawn(*row)) {
        let (x, y) = box_at(g, b.lane, row);
        let y = y + first_row - top;
        let name = b.source.to_string();
        let shown = vocabulary::label(trace.profile, &b.source);
        if b.kind == BoxKind::Group {
            let rows = i32::try_from(members(row)).unwrap_or(0);
            let pad = g.text / 2;
            let (fx, fy, fw, fh) = (x - pad, y - pad / 2, box_w + 2 * pad, g.row * (rows + 1) - g.row + box_h + pad);
            let _ = write!(
                svg,
                r#"<g class="dg-group"><title>{title}</title><rect x="{fx}" y="{fy}" width="{fw}" height="{fh}" rx="8" class="dg-frame"/><text x="{tx}" y="{ty}" class="dg-lane">{short}</text><text x="{tx}" y="{ny}" class="dg-small">each agent draws its own order</text></g>"#,
                title = escape(&format!("{shown}: each agent receives its relays in a random order of its own")),
                tx = x + 10,
                ty = y + g.text + 3,
                ny = y + g.text + 2 + line,
                short = escape(&fitted(&capitalised(&shown), box_w - 20, g.text)),
            );
            continue;
        }
        let short = fitted(&shown, box_w - 20, g.text);
        let note = if b.kind == BoxKind::Member {
            let relay = match &b.source {
                SourceId::Relay(r) => r.as_str(),
                _ => "",
            };
            if group.is_some_and(|g| g.up.iter().any(|u| u == relay)) { "up" } else { "down (what-if)" }.to_string()
        } else {
            let last = edges.iter().rev().find(|e| e.row == row);
            match last.map(|e| (e.arrow, e.step.reason())) {
                Some((Arrow::Delivered, _)) => "delivered".to_string(),
                Some((_, Some(why))) => why.to_string(),
                Some((a, None)) => a.id().to_string(),
                None => String::new(),
            }
        };
        let member = if b.kind == BoxKind::Member { " dg-member" } else { "" };
        let _ = write!(
            svg,
            r#"<g class="dg-source{member}" data-source="{src}" tabindex="0" role="button"><title>{label}</title><rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="6" class="dg-box"/><text x="{tx}" y="{ty}">{short}</text><text x="{tx}" y="{ny}" class="dg-small" aria-hidden="true">{note}</text></g>"#,
            src = escape(&name),
            // The name starts with the text shown, as speech input needs.
            label = escape(&if short == shown {
                format!("{shown}: {note}; switch it down or up")
            } else {
                format!("{short} ({shown}): {note}; switch it down or up")
            }),
            tx = x + 10,
            ty = y + g.text + 3,
            ny = y + g.text + 2 + line,
            short = escape(&short),
            note = escape(&fitted(&note, box_w - 20, g.small)),
        );
    }
    // The outcome, once told.
    if concluded {
        let class = if matches!(outcome, ItemOutcome::Updated(_)) { "dg-outcome updated" } else { "dg-outcome" };
        let w = width - 2 * agent_x;
        let whole = format!("Outcome: {} {words}", item.words());
        // Stacked, the outcome takes two lines: the item, then what became of it.
        let (first, second) = if down {
            (format!("Outcome: {}", item.words()), Some(fitted(&words, w - 20, g.text)))
        } else {
            (fitted(&whole, w - 20, g.text), None)
        };
        let ty = outcome_y + if down { g.text + 6 } else { outcome_h / 2 + g.text * 4 / 10 };
        let full = if second.as_deref().unwrap_or(&first).contains('…') {
            format!("<title>{}</title>", escape(&whole))
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            r#"<g class="dg-end" data-status="{status}">{full}<rect x="{agent_x}" y="{outcome_y}" width="{w}" height="{outcome_h}" rx="8" class="{class}"/><text x="{tx}" y="{ty}">{first}</text>"#,
            status = outcome.status().id(),
            tx = agent_x + 10,
            first = escape(&first),
        );
        if let Some(second) = second {
            let _ = write!(svg, r#"<text x="{}" y="{}">{}</text>"#, agent_x + 10, ty + line, escape(&second));
        }
        svg.push_str("</g>");
    }
    if g.legend {
        legend(&mut svg, outcome_y + outcome_h + 22);
    }
    svg.push_str("</svg>");
    svg
}

/// What the lines and marks mean, in shapes as well as colours.
fn legend(svg: &mut String, y: i32) {
    let mut x = PAGE.agent_x;
    for (arrow, dash, words) in [
        (Arrow::Delivered, "", "delivered"),
        (Arrow::Failed, r#" stroke-dasharray="7 4""#, "failed"),
        (Arrow::Skipped, r#" stroke-dasharray="2 4""#, "skipped: does not serve this item"),
    ] {
        let _ = write!(
            svg,
            r#"<g class="dg-legend dg-{id}"><line x1="{x}" y1="{y}" x2="{x2}" y2="{y}"{dash}/><circle cx="{cx}" cy="{y}" r="7"/><text x="{cx}" y="{ty}" text-anchor="middle" class="dg-mark">{mark}</text><text x="{tx}" y="{ty}" class="dg-small">{words}</text></g>"#,
            id = arrow.id(),
            x2 = x + 30,
            cx = x + 38,
            ty = y + 4,
            mark = arrow.mark(),
            tx = x + 52,
        );
        x += 60 + 7 * i32::try_from(words.len()).unwrap_or(0);
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
        crate::model::profile::Family::OfficeScan => ("Customized list", "Fallbacks"),
        crate::model::profile::Family::Swp
            if trace.steps.iter().any(|s| s.rule() == Rule::VC1 && s.kind() == StepKind::Settings) =>
        {
            ("Version Control Policies", "")
        }
        crate::model::profile::Family::Swp => ("Relays", "Secondary sources"),
    }
}

fn box_at(g: &Geometry, lane: Lane, row: usize) -> (i32, i32) {
    let x = match lane {
        Lane::First => g.lane_x[0],
        Lane::Fallback => g.lane_x[1],
    };
    (x, g.top + g.row * i32::try_from(row).unwrap_or(0))
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
        if used_head + used_tail + w > room || head + tail >= chars.len() {
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

/// The drawing's title, read by screen readers: the path in words.
fn path_words(profile: crate::model::profile::Profile, edges: &[Edge<'_>], outcome: &str) -> String {
    let mut parts: Vec<String> = edges
        .iter()
        .map(|e| {
            let source = e.group.as_ref().or(e.step.source()).map(|s| vocabulary::name(profile, s)).unwrap_or_default();
            match (e.arrow, e.step.reason()) {
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
    fn text_is_escaped() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
