//! The trace (SPEC §5): numbered steps, the outcome per item, warnings and
//! errors. `text` is for people; every other field is the stable contract.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::item::Item;
use crate::profile::Profile;
use crate::rules::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Trigger,
    Settings,
    Match,
    Attempt,
    Skip,
    Quit,
    Note,
}

impl StepKind {
    pub fn id(self) -> &'static str {
        match self {
            StepKind::Trigger => "trigger",
            StepKind::Settings => "settings",
            StepKind::Match => "match",
            StepKind::Attempt => "attempt",
            StepKind::Skip => "skip",
            StepKind::Quit => "quit",
            StepKind::Note => "note",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttemptResult {
    Delivered,
    Failed,
}

impl AttemptResult {
    pub fn id(self) -> &'static str {
        match self {
            AttemptResult::Delivered => "delivered",
            AttemptResult::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Step {
    pub n: usize,
    pub kind: StepKind,
    pub rule: Rule,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Position of the entry in the customized list (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
    /// Line of the entry in the pasted list, or of the JSON document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<AttemptResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The rule that failed an attempt, when it is not a what-if outage (L2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_by: Option<Rule>,
    pub assumed: bool,
}

impl Step {
    pub fn new(kind: StepKind, rule: Rule, text: impl Into<String>) -> Step {
        Step {
            n: 0,
            kind,
            rule,
            text: text.into(),
            item: None,
            source: None,
            entry: None,
            line: None,
            result: None,
            reason: None,
            failed_by: None,
            assumed: rule.is_assumed(),
        }
    }

    pub fn item(mut self, item: Item) -> Step {
        self.item = Some(item);
        self
    }

    pub fn source(mut self, source: impl Into<String>) -> Step {
        self.source = Some(source.into());
        self
    }

    pub fn assumed(mut self, assumed: bool) -> Step {
        self.assumed = self.assumed || assumed;
        self
    }

    /// Identity of a step for comparing two traces: everything but its number.
    pub fn same_as(&self, other: &Step) -> bool {
        Step { n: 0, ..self.clone() } == Step { n: 0, ..other.clone() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Updated,
    NotUpdated,
    NotStarted,
    Excluded,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Updated => "updated",
            Status::NotUpdated => "not-updated",
            Status::NotStarted => "not-started",
            Status::Excluded => "excluded",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ItemOutcome {
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Warning {
    pub rule: Rule,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// An input error: always with line and column, so the page can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct InputError {
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub rule: Rule,
    /// The scenario field the line and column are in: `sources.list` when
    /// they count lines of the pasted list, a JSON path otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub profile: Profile,
    pub steps: Vec<Step>,
    pub outcome: BTreeMap<Item, ItemOutcome>,
    pub warnings: Vec<Warning>,
    pub errors: Vec<InputError>,
}

impl Trace {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Whether a step is new or different since `previous` (the page marks it).
    pub fn is_new(step: &Step, previous: Option<&Trace>) -> bool {
        previous.is_some_and(|p| !p.steps.iter().any(|q| q.same_as(step)))
    }

    /// The attempts made for one item, in order: the item's path.
    pub fn path(&self, item: Item) -> Vec<(&str, AttemptResult)> {
        self.steps
            .iter()
            .filter(|s| s.kind == StepKind::Attempt && s.item == Some(item))
            .filter_map(|s| Some((s.source.as_deref()?, s.result?)))
            .collect()
    }

    /// Plain text, one line a step with its rule id; what the command line
    /// prints and what "Copy trace" puts in a ticket.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} update trace", self.profile.product());
        for s in &self.steps {
            let assumed = if s.assumed { " (assumed)" } else { "" };
            let _ = writeln!(out, "{:>3}. [{}] {}{}", s.n, s.rule, s.text, assumed);
        }
        out.push_str("Outcome:\n");
        for (item, o) in &self.outcome {
            let _ = match &o.source {
                Some(src) => writeln!(out, "  {item}: {} from {src}", o.status.id()),
                None => writeln!(out, "  {item}: {}", o.status.id()),
            };
        }
        if !self.warnings.is_empty() {
            out.push_str("Warnings:\n");
            for w in &self.warnings {
                let _ = writeln!(out, "  {}{}: {}", w.rule, at_line(w.line), w.text);
            }
        }
        if !self.errors.is_empty() {
            out.push_str("Errors:\n");
            for e in &self.errors {
                let _ = writeln!(out, "  {}:{}: [{}] {}", e.line, e.column, e.rule, e.text);
            }
        }
        out
    }

    /// Markdown for a support ticket, headed by the scenario's title.
    pub fn to_markdown(&self, title: Option<&str>) -> String {
        let mut out = String::new();
        if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
            let _ = writeln!(out, "### {}\n", escape_md(t));
        }
        let _ = writeln!(out, "**{} update trace**\n", self.profile.product());
        out.push_str("| item | status | source |\n|---|---|---|\n");
        for (item, o) in &self.outcome {
            let _ = writeln!(out, "| {item} | {} | {} |", o.status.id(), o.source.as_deref().unwrap_or("-"));
        }
        out.push('\n');
        for s in &self.steps {
            let assumed = if s.assumed { " _(assumed)_" } else { "" };
            let _ = writeln!(out, "{}. `{}` {}{}", s.n, s.rule, escape_md(&s.text), assumed);
        }
        for w in &self.warnings {
            let _ = writeln!(out, "\n> warning {}{}: {}", w.rule, at_line(w.line), escape_md(&w.text));
        }
        for e in &self.errors {
            let _ = writeln!(out, "\n> error {}:{}: {}", e.line, e.column, escape_md(&e.text));
        }
        out
    }
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(" (line {l})")).unwrap_or_default()
}

fn escape_md(text: &str) -> String {
    text.replace('|', "\\|").replace('<', "&lt;")
}
