//! The trace (SPEC §5): numbered steps, the outcome per item, warnings and
//! errors. `text` is for people; every other field is the stable contract.
//! Steps and outcomes are built complete by the walk and read through
//! accessors: a step cannot be an attempt without a result, and an item
//! cannot be updated without the source it came from.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::duplication::Download;
use crate::input::source::SourceId;
use crate::model::diagnostics::{InputError, Warning};
use crate::model::item::Item;
use crate::model::profile::Profile;
use crate::model::rules::Rule;
use crate::vocabulary;

/// What a step is (SPEC §5 `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// What starts (or does not start) the update.
    Trigger,
    /// A setting that shapes the walk.
    Settings,
    /// Which entries of the list match the agent.
    Match,
    /// A source tried for an item.
    Attempt,
    /// An entry passed over for an item, and why.
    Skip,
    /// The agent gives up on an item.
    Quit,
    /// Anything else worth saying.
    Note,
}

impl StepKind {
    /// The spelling of the trace's JSON.
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

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttemptResult {
    /// The source delivered the item.
    Delivered,
    /// It did not: down, or out of reach.
    Failed,
}

impl AttemptResult {
    /// The spelling of the trace's JSON.
    pub fn id(self) -> &'static str {
        match self {
            AttemptResult::Delivered => "delivered",
            AttemptResult::Failed => "failed",
        }
    }
}

/// An entry of the list as a step names it: its number in the list (the
/// table view's numbering) and the line it was written on (the editor's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntryRef {
    /// 1-based position in the list.
    pub number: usize,
    /// Line of the pasted list, or of the JSON document.
    pub line: usize,
}

/// Why an attempt failed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Failure {
    pub(crate) reason: String,
    /// The rule that failed it, when it is not a what-if outage (L2).
    pub(crate) by: Option<Rule>,
    /// The reason short, where the picture has a box's width for it.
    pub(crate) brief: Option<String>,
}

/// One numbered step of a trace.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Step {
    n: usize,
    kind: StepKind,
    rule: Rule,
    text: String,
    item: Option<Item>,
    source: Option<SourceId>,
    entry: Option<EntryRef>,
    result: Option<AttemptResult>,
    reason: Option<String>,
    failed_by: Option<Rule>,
    /// The reason short, for a box in the picture (the step says it whole).
    brief: Option<String>,
    /// What a delivering components attempt downloads, when the scenario's
    /// pattern versions tell (CD1-CD4).
    download: Option<Download>,
    assumed: bool,
}

impl Step {
    /// A step about the whole update (trigger, settings, match, note).
    pub(crate) fn new(kind: StepKind, rule: Rule, text: impl Into<String>) -> Step {
        Step {
            n: 0,
            kind,
            rule,
            text: text.into(),
            item: None,
            source: None,
            entry: None,
            result: None,
            reason: None,
            failed_by: None,
            brief: None,
            download: None,
            assumed: rule.is_assumed(),
        }
    }

    /// A note about one item; `assumed` adds to what the rule itself is.
    pub(crate) fn note(rule: Rule, item: Item, text: impl Into<String>, assumed: bool) -> Step {
        let step = Step::new(StepKind::Note, rule, text);
        Step { item: Some(item), assumed: step.assumed || assumed, ..step }
    }

    /// An entry passed over for an item. `said` is the sentence's account
    /// of the entry and why (in the console's words); `reason` the stable
    /// reason of the trace's JSON.
    pub(crate) fn skip(
        item: Item,
        source: SourceId,
        entry: EntryRef,
        said: &str,
        (reason, brief): (String, &str),
        assumed: bool,
    ) -> Step {
        let text = format!("{} skips {said}", item.words());
        let step = Step::new(StepKind::Skip, Rule::L1, text);
        Step {
            item: Some(item),
            source: Some(source),
            entry: Some(entry),
            reason: Some(reason),
            brief: Some(brief.to_string()),
            assumed: step.assumed || assumed,
            ..step
        }
    }

    /// A source tried for an item: delivered, or failed with a reason.
    pub(crate) fn attempt(
        rule: Rule,
        item: Item,
        source: SourceId,
        entry: Option<EntryRef>,
        failure: Option<Failure>,
        text: String,
        assumed: bool,
    ) -> Step {
        let step = Step::new(StepKind::Attempt, rule, text);
        let result = if failure.is_some() { AttemptResult::Failed } else { AttemptResult::Delivered };
        let (reason, failed_by, brief) = failure.map_or((None, None, None), |f| (Some(f.reason), f.by, f.brief));
        Step {
            item: Some(item),
            source: Some(source),
            entry,
            result: Some(result),
            reason,
            failed_by,
            brief,
            assumed: step.assumed || assumed,
            ..step
        }
    }

    /// The agent gives up. Ending not updated is documented even where the
    /// rule's order is assumed (R2), so `assumed` is given, not derived.
    pub(crate) fn quit(rule: Rule, item: Option<Item>, text: impl Into<String>, assumed: bool) -> Step {
        Step { item, assumed, ..Step::new(StepKind::Quit, rule, text) }
    }

    /// The attempt with what it downloads (CD1-CD4), its sentence saying so.
    pub(crate) fn downloading(self, download: Download) -> Step {
        let text = format!("{}, {}", self.text, download.words());
        Step { download: Some(download), text, ..self }
    }

    /// The step marked as resting on our reading (the rule need not be).
    pub(crate) fn marked_assumed(self) -> Step {
        Step { assumed: true, ..self }
    }

    /// Whether the step is something that happens (a match, an attempt,
    /// a skip, a quit) rather than a statement of settings.
    pub(crate) fn is_event(&self) -> bool {
        matches!(self.kind, StepKind::Match | StepKind::Attempt | StepKind::Skip | StepKind::Quit)
    }

    /// The step introduced by when it happens: "At T+45 min (10:45): …".
    pub(crate) fn happening(self, when: &str) -> Step {
        Step { text: format!("{when}: {}", self.text), ..self }
    }

    /// The step with its number in the trace.
    pub(crate) fn numbered(self, n: usize) -> Step {
        Step { n, ..self }
    }

    /// 1-based number in the trace.
    pub fn n(&self) -> usize {
        self.n
    }
    /// What the step is.
    pub fn kind(&self) -> StepKind {
        self.kind
    }
    /// The rule it cites.
    pub fn rule(&self) -> Rule {
        self.rule
    }
    /// The sentence for people.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The item it is about, if one.
    pub fn item(&self) -> Option<Item> {
        self.item
    }
    /// The source tried or skipped.
    pub fn source(&self) -> Option<&SourceId> {
        self.source.as_ref()
    }
    /// The list entry tried or skipped.
    pub fn entry(&self) -> Option<EntryRef> {
        self.entry
    }
    /// How an attempt ended; `None` for other kinds.
    pub fn result(&self) -> Option<AttemptResult> {
        self.result
    }
    /// Why an attempt failed or an entry was skipped.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
    /// The rule that failed an attempt, when not a what-if outage (L2).
    pub fn failed_by(&self) -> Option<Rule> {
        self.failed_by
    }
    /// Why, short enough for a box of the picture; else the reason.
    pub fn brief(&self) -> Option<&str> {
        self.brief.as_deref().or(self.reason.as_deref())
    }
    /// What a delivering components attempt downloads, when known (CD1-CD4).
    pub fn download(&self) -> Option<Download> {
        self.download
    }
    /// Whether the step rests on an assumed rule.
    pub fn assumed(&self) -> bool {
        self.assumed
    }

    /// Identity of a step for comparing two traces: everything but its number.
    pub fn same_as(&self, other: &Step) -> bool {
        Step { n: 0, ..self.clone() } == Step { n: 0, ..other.clone() }
    }
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Step", 14)?;
        m.serialize_field("n", &self.n)?;
        m.serialize_field("kind", &self.kind)?;
        m.serialize_field("rule", &self.rule)?;
        m.serialize_field("text", &self.text)?;
        if let Some(item) = self.item {
            m.serialize_field("item", &item)?;
        }
        if let Some(source) = &self.source {
            m.serialize_field("source", source)?;
        }
        if let Some(entry) = self.entry {
            m.serialize_field("entry", &entry.number)?;
            m.serialize_field("line", &entry.line)?;
        }
        if let Some(result) = self.result {
            m.serialize_field("result", &result)?;
        }
        if let Some(download) = self.download {
            m.serialize_field("download", download.kind())?;
            m.serialize_field("pattern", &download.pattern())?;
        }
        if let Some(reason) = &self.reason {
            m.serialize_field("reason", reason)?;
        }
        if let Some(rule) = self.failed_by {
            m.serialize_field("failed_by", &rule)?;
        }
        m.serialize_field("assumed", &self.assumed)?;
        m.end()
    }
}

/// The kind of an item's outcome (SPEC §5 `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A source delivered it.
    Updated,
    /// No source did (Q).
    NotUpdated,
    /// The update never started (T1, R0).
    NotStarted,
    /// The component scope left it out (T3).
    Excluded,
}

impl Status {
    /// The result in words.
    pub fn words(self) -> &'static str {
        match self {
            Status::Updated => "updated",
            Status::NotUpdated => "not updated",
            Status::NotStarted => "not started",
            Status::Excluded => "excluded by the component scope",
        }
    }

    /// The spelling of the trace's JSON.
    pub fn id(self) -> &'static str {
        match self {
            Status::Updated => "updated",
            Status::NotUpdated => "not-updated",
            Status::NotStarted => "not-started",
            Status::Excluded => "excluded",
        }
    }
}

/// How one item ended: updated always names its source, nothing else has one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ItemOutcome {
    /// Delivered by this source.
    Updated(SourceId),
    /// No source delivered it.
    NotUpdated,
    /// The update never started.
    NotStarted,
    /// Left out by the component scope.
    Excluded,
}

impl ItemOutcome {
    /// The kind of outcome.
    pub fn status(&self) -> Status {
        match self {
            ItemOutcome::Updated(_) => Status::Updated,
            ItemOutcome::NotUpdated => Status::NotUpdated,
            ItemOutcome::NotStarted => Status::NotStarted,
            ItemOutcome::Excluded => Status::Excluded,
        }
    }

    /// The source that delivered the item, if one did.
    pub fn source(&self) -> Option<&SourceId> {
        match self {
            ItemOutcome::Updated(source) => Some(source),
            _ => None,
        }
    }

    /// The outcome in the console's words: "updated from the OfficeScan
    /// server", "not updated". A trace says more of a relay group's
    /// ([`Trace::outcome_words`]).
    pub fn words(&self, profile: Profile) -> String {
        match self {
            ItemOutcome::Updated(from) => format!("updated from {}", vocabulary::name(profile, from)),
            other => other.status().words().to_string(),
        }
    }

    /// A key that orders outcomes as their JSON spelling sorts: the Fleet
    /// table sorts by it.
    pub fn sort_key(&self) -> (&'static str, Option<&SourceId>) {
        (self.status().id(), self.source())
    }
}

impl Serialize for ItemOutcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("ItemOutcome", 2)?;
        m.serialize_field("status", &self.status())?;
        if let Some(source) = self.source() {
            m.serialize_field("source", source)?;
        }
        m.end()
    }
}

/// The relay group a trace went through, and which of its orders the
/// trace tells (RG1): every agent draws its own, so the order is one of
/// many and the outcome is the group's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupDraw {
    /// The group's name.
    pub name: String,
    /// Its relays, as listed.
    pub relays: Vec<String>,
    /// Its relays in the order this trace tells.
    pub order: Vec<String>,
    /// The relays that are up: any of them delivers in some draw.
    pub up: Vec<String>,
    /// Which draw this is, from 1.
    pub draw: u64,
    /// How many orders there are.
    pub orders: u64,
}

/// From where and when, for one item: the one answer every view tells of
/// it (the cards, the picture's strip, presenter, the kit, the copy and
/// the command line), worked out by [`Trace::when_of`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct When {
    /// What starts the update: `update` (the trigger runs it, no time is
    /// given), `notification`, `restart`, `window`, `own-schedule`,
    /// `manual` or `none`.
    pub starts: &'static str,
    /// Minutes after the notification, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_minutes: Option<u32>,
    /// Where from and when, in one sentence that names no other source.
    pub text: String,
}

/// A whole trace: what the page draws and `planner trace --json` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// The product traced.
    pub profile: Profile,
    /// The numbered steps.
    pub steps: Vec<Step>,
    /// The outcome of each item asked for.
    pub outcome: BTreeMap<Item, ItemOutcome>,
    /// Warnings of the scenario and of this agent (W6).
    pub warnings: Arc<[Warning]>,
    /// Input errors, each with line and column.
    pub errors: Arc<[InputError]>,
    /// The relay group tried, and the draw told (RG1); only S&WP agents
    /// of a named group have one.
    pub relay_group: Option<GroupDraw>,
    /// When the update starts, for a notified agent whose scenario says
    /// when (TL1-TL3).
    pub when: Option<crate::when::Timeline>,
    /// Where the walk took the agent to be (LOC, IND): the picture draws
    /// an agent away from the corporate network apart.
    pub location: crate::format::scenario::Location,
    /// Agent or Update Agent: the picture names the traced machine so.
    pub role: crate::format::scenario::Role,
}

impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Trace", 8)?;
        m.serialize_field("profile", &self.profile)?;
        m.serialize_field("steps", &self.steps)?;
        m.serialize_field("outcome", &Answers(self))?;
        m.serialize_field("warnings", &self.warnings)?;
        m.serialize_field("errors", &self.errors)?;
        if let Some(group) = &self.relay_group {
            m.serialize_field("relay_group", group)?;
        }
        if let Some(when) = &self.when {
            m.serialize_field("when", when)?;
        }
        if !self.location.is_on_premises() {
            m.serialize_field("location", &self.location)?;
        }
        m.end()
    }
}

/// The outcome of each item with its words and its `when`, as the JSON
/// gives them: `{status, source, words, when}`.
struct Answers<'a>(&'a Trace);

impl Serialize for Answers<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let trace = self.0;
        let mut m = s.serialize_map(Some(trace.outcome.len()))?;
        for (item, outcome) in &trace.outcome {
            let download = trace.download_of(*item);
            m.serialize_entry(
                item,
                &Answer {
                    outcome,
                    words: trace.answer_words(*item),
                    when: trace.when_of(*item),
                    download: download.map(Download::kind),
                    pattern: download.map(Download::pattern),
                },
            )?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct Answer<'a> {
    #[serde(flatten)]
    outcome: &'a ItemOutcome,
    words: String,
    when: Option<When>,
    #[serde(skip_serializing_if = "Option::is_none")]
    download: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
}

impl Trace {
    /// The SPEC §5 JSON, pretty.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Whether a step is new or different since `previous` (the page marks it).
    pub fn is_new(step: &Step, previous: Option<&Trace>) -> bool {
        previous.is_some_and(|p| !p.steps.iter().any(|q| q.same_as(step)))
    }

    /// The attempts made for one item, in order: the item's path.
    pub fn path(&self, item: Item) -> Vec<(&SourceId, AttemptResult)> {
        self.steps
            .iter()
            .filter(|s| s.kind == StepKind::Attempt && s.item == Some(item))
            .filter_map(|s| Some((s.source.as_ref()?, s.result?)))
            .collect()
    }

    /// The number of the step that tells an item's outcome: its last step,
    /// or the trace's last for an item no step names (a trigger that did
    /// not run). Told step by step, the outcome is not known before it.
    pub fn concluded_at(&self, item: Item) -> usize {
        self.steps
            .iter()
            .filter(|s| s.item == Some(item))
            .map(|s| s.n)
            .max()
            .or(self.steps.last().map(|s| s.n))
            .unwrap_or(0)
    }

    /// An item's outcome in the console's words: "updated from the
    /// OfficeScan server", "not updated", "updated from a relay of group
    /// "Branch" that is up (any of relay-b, relay-c)".
    pub fn outcome_words(&self, item: Item) -> String {
        match self.outcome.get(&item) {
            Some(ItemOutcome::Updated(from)) => {
                format!("updated from {}{}", self.source_words(from), self.download_words(item))
            }
            Some(other) => other.words(self.profile),
            None => "not asked for".to_string(),
        }
    }

    /// What the delivering attempt for an item downloads (CD1-CD4), when
    /// the scenario's pattern versions tell: only a delivering attempt
    /// carries a download.
    pub fn download_of(&self, item: Item) -> Option<Download> {
        self.steps.iter().filter(|s| s.item == Some(item)).find_map(|s| s.download)
    }

    /// ": the full pattern 175" after an outcome's source, or nothing.
    fn download_words(&self, item: Item) -> String {
        self.download_of(item).map(|d| format!(": {}", d.words())).unwrap_or_default()
    }

    /// A source as an outcome names it; a relay group's is any relay of
    /// it that is up.
    fn source_words(&self, from: &SourceId) -> String {
        match from {
            SourceId::RelayGroup(group) => {
                let up = self.relay_group.as_ref().map(|g| g.up.join(", ")).unwrap_or_default();
                format!("a relay of group \"{group}\" that is up (any of {up})")
            }
            other => vocabulary::name(self.profile, other),
        }
    }

    /// An item's answer as the cards and the picture tell it: from where,
    /// and when for a trace that says when (TL1-TL3).
    pub fn answer_words(&self, item: Item) -> String {
        match (&self.when, self.when_of(item)) {
            (Some(_), Some(when)) => when.text,
            _ => self.outcome_words(item),
        }
    }

    /// From where and when, for one item asked for: the source (or not
    /// updated) and the moment the update starts, in one sentence that
    /// names only that item's source.
    pub fn when_of(&self, item: Item) -> Option<When> {
        let outcome = self.outcome.get(&item)?;
        let t = self.when.as_ref();
        let (starts, at_minutes) = match (t, outcome) {
            (Some(t), _) => t.starts(),
            (None, ItemOutcome::NotStarted) => ("none", None),
            (None, _) => ("update", None),
        };
        let waits = t.and_then(crate::when::Timeline::occasion);
        let text = match (outcome, t) {
            (ItemOutcome::Updated(from), Some(t)) => {
                let then = if waits.is_some() { "; then" } else { "," };
                format!("{}{then} from {}{}", t.words(), self.source_words(from), self.download_words(item))
            }
            (ItemOutcome::Updated(from), None) => {
                format!(
                    "Updated from {} as soon as the update runs{}",
                    self.source_words(from),
                    self.download_words(item)
                )
            }
            (ItemOutcome::NotUpdated, Some(t)) => match waits {
                Some(occasion) => format!("Not updated before {occasion}, nor then: no source delivers it"),
                None => format!("Not updated: {}, and no source delivers it", lower(&t.start_words())),
            },
            (ItemOutcome::NotUpdated, None) => "Not updated: no source delivers it".to_string(),
            (ItemOutcome::NotStarted, Some(t)) => t.words(),
            (ItemOutcome::NotStarted, None) => "Not started: no update starts".to_string(),
            (ItemOutcome::Excluded, _) => "Excluded by the component scope".to_string(),
        };
        Some(When { starts, at_minutes, text })
    }

    /// When the update as a whole starts, for a notified agent whose
    /// scenario says when: "The update starts at about T+45 min (10:45),
    /// at the third resend". It names no source: each item's own answer
    /// does ([`Trace::when_of`]).
    pub fn when_words(&self) -> Option<String> {
        self.when.as_ref().map(crate::when::Timeline::start_words)
    }

    /// How many attempts the walk made, for all items.
    pub fn attempts(&self) -> usize {
        self.steps.iter().filter(|s| s.kind == StepKind::Attempt).count()
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
        for item in self.outcome.keys() {
            let _ = writeln!(out, "  {}: {}", item.words(), self.answer_words(*item));
        }
        if let (Some(t), Some(words)) = (&self.when, self.when_words()) {
            out.push_str("When:\n");
            for (at, answered) in &t.notifications {
                let what = if *answered { "answered" } else { "not answered" };
                let _ = writeln!(out, "  {}: notification, {what}", t.time(*at));
            }
            let _ = writeln!(out, "  {words}");
        }
        if !self.warnings.is_empty() {
            out.push_str("Warnings:\n");
            for w in self.warnings.iter() {
                let _ = writeln!(out, "  {}{}: {}", w.rule, at_line(w.line), w.text);
            }
        }
        if !self.errors.is_empty() {
            out.push_str("Errors:\n");
            for e in self.errors.iter() {
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
        out.push_str("| item | outcome |\n|---|---|\n");
        for item in self.outcome.keys() {
            let _ = writeln!(out, "| {} | {} |", item.words(), escape_md(&self.answer_words(*item)));
        }
        if let Some(words) = self.when_words() {
            let _ = writeln!(out, "\n**When:** {}", escape_md(&words));
        }
        out.push('\n');
        for s in &self.steps {
            let assumed = if s.assumed { " _(assumed)_" } else { "" };
            let _ = writeln!(out, "{}. `{}` {}{}", s.n, s.rule, escape_md(&s.text), assumed);
        }
        for w in self.warnings.iter() {
            let _ = writeln!(out, "\n> warning {}{}: {}", w.rule, at_line(w.line), escape_md(&w.text));
        }
        for e in self.errors.iter() {
            let _ = writeln!(out, "\n> error {}:{}: {}", e.line, e.column, escape_md(&e.text));
        }
        out
    }
}

/// A sentence made to follow a colon. ASCII only, as every sentence here
/// starts: the Unicode case tables would cost the page's first load 20 kB.
pub(crate) fn lower(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    out
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(" (line {l})")).unwrap_or_default()
}

fn escape_md(text: &str) -> String {
    text.replace('|', "\\|").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_the_same_whatever_its_number_and_new_when_its_words_differ() {
        let step = |n: usize, text: &str| Step { n, ..Step::new(StepKind::Note, Rule::F1, text) };
        assert!(step(3, "the server is tried").same_as(&step(5, "the server is tried")));
        assert!(!step(3, "the server is tried").same_as(&step(3, "the server is down")));
        let doc = r#"{"version":5,"profile":"apex-one","agent":{"addresses":["10.1.4.20"]}}"#;
        let (_, mut before) = crate::read_and_trace(doc).unwrap_or_else(|e| panic!("{e}"));
        before.steps = vec![step(1, "the server is tried")];
        assert!(!Trace::is_new(&step(2, "the server is tried"), Some(&before)), "moved, not new");
        assert!(Trace::is_new(&step(1, "the server is down"), Some(&before)));
        assert!(!Trace::is_new(&step(1, "the server is down"), None), "nothing to compare with: nothing marked");
    }

    #[test]
    fn an_outcome_not_updated_is_said_as_the_console_would() {
        let words = |o: ItemOutcome| o.words(Profile::ApexOne);
        assert_eq!(words(ItemOutcome::NotUpdated), "not updated");
        assert_eq!(words(ItemOutcome::NotStarted), "not started");
        assert_eq!(words(ItemOutcome::Excluded), "excluded by the component scope");
        assert_eq!(words(ItemOutcome::Updated(SourceId::Server)), "updated from the Apex One server");
    }

    #[test]
    fn the_copied_trace_is_markdown_a_ticket_shows_as_written() {
        let doc = r#"{"version":5,"profile":"officescan-xg","title":"Ticket | 4711 <b>",
          "sources":{"mode":"customized","list":"10.0.0.0/8 -> ua://10.0.0.5\n10.0.0.0/8 -> ua://10.0.0.5"},
          "agent":{"addresses":["10.1.4.20"]}}"#;
        let (s, t) = crate::read_and_trace(doc).unwrap_or_else(|e| panic!("{e}"));
        let md = t.to_markdown(s.title.as_deref());
        assert!(
            md.starts_with(
                "### Ticket \\| 4711 &lt;b>\n\n**OfficeScan XG update trace**\n\n| item | outcome |\n|---|---|\n"
            ),
            "{md}"
        );
        assert!(md.contains("\n| components | updated from Update Agent ua://10.0.0.5 |\n"), "{md}");
        assert!(md.contains("\n2. `L0` 10.1.4.20 falls in the entries on lines 1 and 2 _(assumed)_\n"), "{md}");
        assert!(md.contains("\n> warning W"), "{md}");
        assert!(md.contains(" (line 2): "), "a warning names its line: {md}");
        assert!(!t.to_markdown(Some("  ")).starts_with("###"), "a blank title heads nothing");
    }
}
