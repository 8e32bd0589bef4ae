//! A static figure for pages and PDFs where scripts do not run: the outcome,
//! the picture and the numbered trace as one self-contained HTML fragment
//! (inline style, no script), from the same trace as the page. What
//! `planner render` writes; well-formed, so any HTML or XML reader takes it.

use std::fmt::Write as _;

use crate::diagram::{self, escape, Style};
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

const STYLE: &str = ".usp-figure{font:14px/1.45 system-ui,sans-serif;color:#1f2328;border:1px solid #d1d9e0;border-radius:8px;padding:.7em .9em;margin:1em 0}\
.usp-figure h3{margin:0 0 .4em;font-size:1.05em}.usp-figure .usp-case{margin:0 0 .5em;color:#59636e}\
.usp-figure .usp-outcome{display:flex;flex-wrap:wrap;gap:.4em;margin:0 0 .6em;padding:0;list-style:none}\
.usp-figure .usp-outcome li{border:1px solid #d1d9e0;border-radius:6px;padding:.2em .5em}\
.usp-figure .updated{border-color:#1a7f37;color:#1a7f37}.usp-figure .not-updated{border-color:#cf222e;color:#cf222e}\
.usp-figure svg{max-width:100%;height:auto}.usp-figure ol{padding-left:2em;margin:.4em 0}\
.usp-figure .usp-rule{font-family:ui-monospace,Menlo,monospace;font-size:.8em;border:1px solid #59636e;border-radius:4px;padding:0 .3em}\
.usp-figure .usp-assumed{font-size:.8em;border:1px dashed #8250df;color:#8250df;border-radius:8px;padding:0 .4em}\
.usp-figure .usp-problems{color:#9a6700}";

/// The figure of a trace. `title` heads it; `agent` is the agent's addresses.
pub fn figure(trace: &Trace, title: Option<&str>, agent: &[String], view: View) -> String {
    let mut out = String::new();
    let _ = write!(out, "<div class=\"usp-figure\"><style>{STYLE}</style>");
    let heading = title.map_or_else(|| format!("{} update path", trace.profile.product()), str::to_string);
    let _ = write!(out, "<h3>{}</h3>", escape(&heading));
    let _ = write!(
        out,
        "<p class=\"usp-case\">{} · {} {}</p>",
        escape(trace.profile.product()),
        escape(trace.profile.agent_name()),
        escape(&agent.join(", "))
    );
    out.push_str("<ul class=\"usp-outcome\">");
    for (item, o) in &trace.outcome {
        let _ = write!(out, "<li class=\"{}\">{}: {}</li>", o.status().id(), escape(item.words()), escape(&o.words()));
    }
    out.push_str("</ul>");
    if view != View::Trace {
        out.push_str(&diagram::document(trace, agent, Style::Standalone));
    }
    if view != View::Diagram {
        out.push_str("<ol>");
        for s in &trace.steps {
            let _ = write!(out, "<li><span class=\"usp-rule\">{}</span> {}", s.rule(), escape(s.text()));
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
