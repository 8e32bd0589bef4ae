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
    let heading = title.map_or_else(|| format!("{} update path", trace.profile.product()), str::to_string);
    let _ = write!(out, "<h3 class=\"usp-title\">{}</h3>", escape(&heading));
    let _ = write!(
        out,
        "<p class=\"usp-case\">{} · {} {}</p>",
        escape(trace.profile.product()),
        escape(trace.profile.agent_name()),
        escape(&agent.join(", "))
    );
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
            let _ = write!(out, "<div class=\"{class}\" role=\"group\" aria-label=\"{}\">", escape(&heading));
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
