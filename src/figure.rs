//! A static figure for pages and PDFs where scripts do not run: the outcome,
//! the picture and the numbered trace as one self-contained HTML fragment
//! (inline style, no script), from the same trace as the page. What
//! `planner render` writes; well-formed, so any HTML or XML reader takes it.

use std::fmt::Write as _;

use crate::diagram::{self, escape, Frame, Scale, Style};
use crate::model::item::Item;
use crate::trace::Trace;

/// What the figure shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The numbered steps.
    Trace,
    /// The picture.
    Diagram,
    /// Both, the picture first.
    Both,
}

/// How the figure carries its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Styling {
    /// A `<style>` inside the figure: one self-contained fragment, for
    /// PDFs and pages that allow inline style.
    Inline,
    /// No style inside: the page links `figure.css` (shipped beside the
    /// kit), as a policy that refuses inline style (`style-src 'self'`) needs.
    File,
}

/// The figure's rules, each scoped to `.usp-figure`: the same text the kit
/// ships as `api/figure.css`.
pub const FIGURE_CSS: &str = include_str!("../www/api/figure.css");

/// Light or dark: as the site's switch or the system says, or fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// The site's switch (Material, mdBook, Docusaurus, VitePress), else the system's.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The word a fence or an element attribute uses.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The figure's class that fixes it, if any.
    fn class(self) -> &'static str {
        match self {
            Theme::Auto => "",
            Theme::Light => " usp-light",
            Theme::Dark => " usp-dark",
        }
    }
}

/// What a figure holds beyond its trace: one item only, a fixed theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Focus {
    /// Only this item's outcome, picture and steps.
    pub item: Option<Item>,
    /// Light, dark, or as the site says.
    pub theme: Theme,
}

/// What heads a trace wherever it is shown, the static figure and the kit's
/// live element alike: worked out once here, only read by each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The scenario's title, or the product's update path.
    pub title: String,
    /// The product, the agent and its addresses.
    pub case: String,
    /// For one item shown, the line that says the other items' steps are
    /// left out and the numbers are the whole trace's; `None` when nothing is.
    pub left_out: Option<String>,
}

impl Heading {
    /// The heading of `trace` under `title` (the scenario's or a caption),
    /// for the agent's addresses, showing `item` only when given.
    pub fn of(trace: &Trace, title: Option<&str>, agent: &[String], item: Option<Item>) -> Heading {
        let product = trace.profile.product();
        let mut others: Vec<Item> = Vec::new();
        for s in &trace.steps {
            if let (Some(only), Some(other)) = (item, s.item()) {
                if other != only && !others.contains(&other) {
                    others.push(other);
                }
            }
        }
        let left_out = item.filter(|_| !others.is_empty()).map(|only| {
            let of: Vec<String> = others.iter().map(|i| format!("of {}", i.words())).collect();
            format!(
                "Only the steps of {} are shown: the steps {} are left out, so the numbers are those of the whole trace.",
                only.words(),
                crate::model::plural::join_and(&of)
            )
        });
        Heading {
            title: title.map_or_else(|| format!("{product} update path"), str::to_string),
            case: format!("{product} · {} {}", trace.profile.agent_name(), agent.join(", ")),
            left_out,
        }
    }
}

/// The figure of a trace. `title` heads it; `agent` is the agent's addresses.
/// It has no ids and no attribute `style`: two figures on one page, and a
/// strict policy, leave each other alone.
pub fn figure(trace: &Trace, title: Option<&str>, agent: &[String], view: View, styling: Styling) -> String {
    focused(trace, title, agent, view, styling, Focus::default())
}

/// As [`figure`], for one item or in a fixed theme (a documentation fence's
/// `item=` and `theme=`).
pub fn focused(
    trace: &Trace,
    title: Option<&str>,
    agent: &[String],
    view: View,
    styling: Styling,
    focus: Focus,
) -> String {
    let shown = |item: Option<Item>| focus.item.is_none() || item.is_none() || item == focus.item;
    let mut out = format!("<div class=\"usp-figure{}\">", focus.theme.class());
    if styling == Styling::Inline {
        let _ = write!(out, "<style>{}</style>", minified(FIGURE_CSS));
    }
    let head = Heading::of(trace, title, agent, focus.item);
    let heading = &head.title;
    let _ = write!(out, "<h3 class=\"usp-title\">{}</h3>", escape(heading));
    let _ = write!(out, "<p class=\"usp-case\">{}</p>", escape(&head.case));
    out.push_str("<ul class=\"usp-outcome\">");
    for (item, o) in trace.outcome.iter().filter(|(i, _)| shown(Some(**i))) {
        let _ = write!(
            out,
            "<li class=\"{}\">{}: {}</li>",
            o.status().id(),
            escape(item.words()),
            escape(&trace.answer_words(*item))
        );
    }
    out.push_str("</ul>");
    if view != View::Trace {
        // Drawn with classes only: the figure's rules colour it, scoped. Two
        // drawings, the rules show one: sources beside the agent where the
        // figure is wide, stacked under it on a phone (text stays readable).
        // Each is named by the heading, as an image by its alt text.
        for (class, scale) in [("usp-wide", Scale::Page), ("usp-narrow", Scale::Phone)] {
            let frame = Frame { scale, until: None };
            let _ = write!(out, "<div class=\"{class}\" role=\"group\" aria-label=\"{}\">", escape(heading));
            match focus.item {
                None => out.push_str(&diagram::document_framed(trace, agent, Style::Page, frame)),
                Some(_) => {
                    for (_, svg) in diagram::framed(trace, agent, focus.item, Style::Page, frame) {
                        out.push_str(&svg);
                    }
                }
            }
            out.push_str("</div>");
        }
    }
    if view != View::Diagram {
        if let Some(line) = &head.left_out {
            let _ = write!(out, "<p class=\"usp-left-out\">{}</p>", escape(line));
        }
        out.push_str("<ol class=\"usp-steps\">");
        for s in trace.steps.iter().filter(|s| shown(s.item())) {
            let _ = write!(
                out,
                "<li value=\"{}\"><span class=\"usp-rule\">{}</span> {}",
                s.n(),
                s.rule(),
                escape(s.text())
            );
            if s.assumed() {
                out.push_str(" <span class=\"usp-assumed\">assumed</span>");
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    for w in trace.warnings.iter() {
        let _ = write!(out, "<p class=\"usp-problems\">warning {}: {}</p>", w.rule, escape(&w.text));
    }
    for e in trace.errors.iter() {
        let _ = write!(
            out,
            "<p class=\"usp-problems\">error at line {}, column {}: {}</p>",
            e.line,
            e.column,
            escape(&e.text)
        );
    }
    out.push_str("</div>\n");
    out
}

/// The style sheet without its comments and line breaks, for inside a figure.
fn minified(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(rest.get(..start).unwrap_or_default());
        rest = rest.get(start..).and_then(|r| r.find("*/").and_then(|end| r.get(end + 2..))).unwrap_or_default();
    }
    out.push_str(rest);
    out.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENARIO: &str = r#"{ "version": 5, "profile": "officescan-xg", "title": "Floor 1",
      "sources": { "mode": "customized", "list": "10.1.0.0/16 -> ua://10.1.0.5" },
      "agent": { "addresses": ["10.1.4.20"] } }"#;

    fn traced() -> (crate::format::Scenario, Trace) {
        crate::read_and_trace(SCENARIO).unwrap_or_else(|e| panic!("{}", e.message()))
    }

    #[test]
    fn the_heading_names_the_title_the_case_and_for_one_item_the_steps_left_out() {
        let (s, t) = traced();
        let agent = &s.agent.addresses;
        let whole = Heading::of(&t, s.title.as_deref(), agent, None);
        assert_eq!(whole.title, "Floor 1");
        assert_eq!(whole.case, "OfficeScan XG · agent 10.1.4.20");
        assert_eq!(whole.left_out, None);
        assert_eq!(Heading::of(&t, None, agent, None).title, "OfficeScan XG update path");
        let one = Heading::of(&t, None, agent, Some(Item::Components));
        assert_eq!(
            one.left_out.as_deref(),
            Some("Only the steps of components are shown: the steps of domain settings and of programs and hot fixes are left out, so the numbers are those of the whole trace.")
        );
        // The figure says it where the steps are, and keeps their numbers.
        let html = focused(
            &t,
            None,
            agent,
            View::Trace,
            Styling::File,
            Focus { item: Some(Item::Components), theme: Theme::Auto },
        );
        assert!(html.contains("<p class=\"usp-left-out\">Only the steps of components are shown"), "{html}");
        let numbers: Vec<&str> = html.split("<li value=\"").skip(1).filter_map(|l| l.split('"').next()).collect();
        let kept: Vec<String> = t
            .steps
            .iter()
            .filter(|s| s.item().is_none_or(|i| i == Item::Components))
            .map(|s| s.n().to_string())
            .collect();
        assert_eq!(numbers, kept);
        assert!(kept.len() < t.steps.len(), "some steps are left out: {kept:?}");
        let all = focused(&t, None, agent, View::Both, Styling::File, Focus::default());
        assert!(!all.contains("usp-left-out"));
        assert!(
            all.contains("<div class=\"usp-wide\" role=\"group\" aria-label=\"OfficeScan XG update path\">"),
            "{all}"
        );
    }
}
