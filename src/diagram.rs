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
        Rule::L1 | Rule::R1 => Lane::First,
        _ => Lane::Fallback,
    }
}

/// One arrow of a drawing.
struct Edge<'a> {
    step: &'a Step,
    arrow: Arrow,
    row: usize,
}

/// One box of a drawing.
struct SourceBox<'a> {
    source: &'a SourceId,
    lane: Lane,
}

const WIDTH: i32 = 760;
const AGENT_X: i32 = 12;
const AGENT_W: i32 = 170;
const LANE_X: [i32; 2] = [290, 520];
const BOX_W: i32 = 228;
const BOX_H: i32 = 38;
const ROW: i32 = 48;
const TOP: i32 = 44;

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
text.dg-mark{fill:#ffffff;stroke:none;font-weight:700}.dg-arrow text.dg-small{stroke:none}";

/// The drawings of a trace: one per item asked for (or only `item`), each
/// a whole SVG document. `agent` is what the agent box says (its addresses).
pub fn diagram(trace: &Trace, agent: &[String], item: Option<Item>, style: Style) -> Vec<(Item, String)> {
    trace
        .outcome
        .iter()
        .filter(|(i, _)| item.is_none_or(|only| only == **i))
        .map(|(i, outcome)| (*i, drawing(trace, *i, outcome, agent, style)))
        .collect()
}

/// All the drawings of a trace in one document, one under the other: what
/// `planner diagram` writes without `--item`.
pub fn document(trace: &Trace, agent: &[String], style: Style) -> String {
    let drawings = diagram(trace, agent, None, style);
    let mut body = String::new();
    let mut y = 0;
    for (_, svg) in &drawings {
        let h = svg_height(svg);
        // A nested document keeps its own view box; it only needs a place.
        let _ = write!(body, "{}", svg.replacen("<svg ", &format!("<svg x=\"0\" y=\"{y}\" "), 1));
        y += h + 12;
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y}" width="{WIDTH}" height="{y}">{body}</svg>"#
    )
}

/// The height a drawing was made with.
fn svg_height(svg: &str) -> i32 {
    svg.split(" height=\"").nth(1).and_then(|r| r.split('"').next()).and_then(|h| h.parse().ok()).unwrap_or(0)
}

fn drawing(trace: &Trace, item: Item, outcome: &ItemOutcome, agent: &[String], style: Style) -> String {
    let mut boxes: Vec<SourceBox<'_>> = Vec::new();
    let mut edges: Vec<Edge<'_>> = Vec::new();
    for step in trace.steps.iter().filter(|s| s.item() == Some(item)) {
        let arrow = match (step.kind(), step.result()) {
            (StepKind::Attempt, Some(AttemptResult::Delivered)) => Arrow::Delivered,
            (StepKind::Attempt, _) => Arrow::Failed,
            (StepKind::Skip, _) => Arrow::Skipped,
            _ => continue,
        };
        let Some(source) = step.source() else { continue };
        let row = match boxes.iter().position(|b| b.source == source) {
            Some(row) => row,
            None => {
                boxes.push(SourceBox { source, lane: lane(step) });
                boxes.len() - 1
            }
        };
        edges.push(Edge { step, arrow, row });
    }
    let rows = i32::try_from(boxes.len()).unwrap_or(i32::MAX / ROW).max(1);
    let agent_lines = i32::try_from(agent.len()).unwrap_or(1).max(1);
    let agent_h = 30 + 16 * agent_lines;
    let outcome_y = TOP + rows.saturating_mul(ROW).max(agent_h) + 16;
    let height = outcome_y + 70;
    let words = outcome.words();
    let title = format!("{}: {}", item.words(), path_words(&edges, &words));
    let id = item.id();

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="group" aria-labelledby="dg-{id}-title" data-item="{id}"><title id="dg-{id}-title">{}</title>"#,
        escape(&title)
    );
    if style == Style::Standalone {
        let _ = write!(
            svg,
            "<style>{STANDALONE_STYLE}</style><rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>"
        );
    }
    let _ = write!(svg, r#"<text x="{AGENT_X}" y="18" class="dg-lane">{}</text>"#, escape(&capitalised(item.words())));
    let (first_lane, fallback_lane) = lane_names(trace);
    if boxes.iter().any(|b| b.lane == Lane::First) {
        let _ = write!(svg, r#"<text x="{}" y="18" class="dg-lane">{first_lane}</text>"#, LANE_X[0]);
    }
    if boxes.iter().any(|b| b.lane == Lane::Fallback) {
        let _ = write!(svg, r#"<text x="{}" y="18" class="dg-lane">{fallback_lane}</text>"#, LANE_X[1]);
    }
    // The agent.
    let _ = write!(
        svg,
        r#"<g class="dg-agent-box"><rect x="{AGENT_X}" y="{TOP}" width="{AGENT_W}" height="{agent_h}" rx="8" class="dg-agent"/><text x="{}" y="{}">{}</text>"#,
        AGENT_X + 10,
        TOP + 20,
        escape(&capitalised(trace.profile.agent_name()))
    );
    for (k, a) in agent.iter().enumerate() {
        let y = TOP + 38 + 16 * i32::try_from(k).unwrap_or(0);
        let _ = write!(svg, r#"<text x="{}" y="{y}" class="dg-small">{}</text>"#, AGENT_X + 10, escape(a));
    }
    svg.push_str("</g>");
    // The arrows, in the order of the steps, under the boxes they point at.
    let agent_right = AGENT_X + AGENT_W;
    let agent_mid = TOP + agent_h / 2;
    for e in &edges {
        let b = boxes.get(e.row).map_or(Lane::First, |b| b.lane);
        let (x, y) = box_at(b, e.row);
        let ty = y + BOX_H / 2;
        let dash = match e.arrow {
            Arrow::Delivered => "",
            Arrow::Failed => r#" stroke-dasharray="7 4""#,
            Arrow::Skipped => r#" stroke-dasharray="2 4""#,
        };
        let source = e.step.source().map(ToString::to_string).unwrap_or_default();
        let why = e.step.reason().map(|r| format!(" ({r})")).unwrap_or_default();
        let _ = write!(
            svg,
            r#"<g class="dg-arrow dg-{result}" data-step="{n}" data-item="{id}" data-source="{src}" data-result="{result}"><title>{title}</title><line x1="{agent_right}" y1="{agent_mid}" x2="{x2}" y2="{ty}"{dash}/><circle cx="{cx}" cy="{ty}" r="9"/><text x="{cx}" y="{tty}" text-anchor="middle" class="dg-mark">{mark}</text><text x="{nx}" y="{ny}" text-anchor="end" class="dg-small">{n} · {rule}</text></g>"#,
            result = e.arrow.id(),
            n = e.step.n(),
            src = escape(&source),
            title = escape(&format!("Step {}: {} {}{why}", e.step.n(), source, e.arrow.id())),
            x2 = x - 12,
            cx = x - 12,
            tty = ty + 4,
            mark = e.arrow.mark(),
            nx = x - 26,
            ny = ty - 8,
            rule = e.step.rule(),
        );
    }
    // The sources, each with what happened there last.
    for (row, b) in boxes.iter().enumerate() {
        let (x, y) = box_at(b.lane, row);
        let name = b.source.to_string();
        let last = edges.iter().rev().find(|e| e.row == row);
        let note = match last.map(|e| (e.arrow, e.step.reason())) {
            Some((Arrow::Delivered, _)) => "delivered".to_string(),
            Some((_, Some(why))) => why.to_string(),
            Some((a, None)) => a.id().to_string(),
            None => String::new(),
        };
        let _ = write!(
            svg,
            r#"<g class="dg-source" data-source="{src}" tabindex="0" role="button"><title>{label}</title><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" class="dg-box"/><text x="{tx}" y="{ty}">{short}</text><text x="{tx}" y="{ny}" class="dg-small" aria-hidden="true">{note}</text></g>"#,
            src = escape(&name),
            // The name starts with the text shown, as speech input needs.
            label = escape(&if shorten(&name, 30) == name {
                format!("{name}: {note}; switch it down or up")
            } else {
                format!("{} ({name}): {note}; switch it down or up", shorten(&name, 30))
            }),
            tx = x + 10,
            ty = y + 16,
            ny = y + 31,
            short = escape(&shorten(&name, 30)),
            note = escape(&shorten(&note, 36)),
        );
    }
    // The outcome.
    let class = if matches!(outcome, ItemOutcome::Updated(_)) { "dg-outcome updated" } else { "dg-outcome" };
    let _ = write!(
        svg,
        r#"<g class="dg-end" data-status="{status}"><rect x="{AGENT_X}" y="{outcome_y}" width="{w}" height="34" rx="8" class="{class}"/><text x="{tx}" y="{ty}">{text}</text></g></svg>"#,
        status = outcome.status().id(),
        w = WIDTH - 2 * AGENT_X,
        tx = AGENT_X + 10,
        ty = outcome_y + 22,
        text = escape(&format!("Outcome: {} {words}", item.words())),
    );
    svg.truncate(svg.len() - "</svg>".len());
    legend(&mut svg, outcome_y + 56);
    svg.push_str("</svg>");
    svg
}

/// What the lines and marks mean, in shapes as well as colours.
fn legend(svg: &mut String, y: i32) {
    let mut x = AGENT_X;
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
        crate::model::profile::Family::Swp => ("Relays", "Secondary sources"),
    }
}

fn box_at(lane: Lane, row: usize) -> (i32, i32) {
    let x = match lane {
        Lane::First => LANE_X[0],
        Lane::Fallback => LANE_X[1],
    };
    (x, TOP + ROW * i32::try_from(row).unwrap_or(0))
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_string(),
    }
}

/// The drawing's title, read by screen readers: the path in words.
fn path_words(edges: &[Edge<'_>], outcome: &str) -> String {
    let mut parts: Vec<String> = edges
        .iter()
        .map(|e| {
            let source = e.step.source().map(ToString::to_string).unwrap_or_default();
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
    fn text_is_escaped() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
