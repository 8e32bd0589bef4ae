//! A scenario in a documentation page, written as a fenced code block:
//!
//! ````markdown
//! ```update-source-trace view=diagram item=components
//! { "version": 2, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"] } }
//! ```
//! ````
//!
//! A fence is the one form every Markdown leaves alone (no `<p>` around it,
//! no emphasis or smart quotes inside), so the generators' adapters (mdBook,
//! MkDocs, Docusaurus) find fences here and put in their place the kit's
//! element or, for `static`, the figure of `planner render`: one reading of
//! the fence for all three, no second renderer.

use std::fmt;

use crate::diagram::escape;
use crate::figure::{self, Focus, Styling, Theme, View};
use crate::model::item::Item;
use crate::trace::Trace;

/// The fence's language word, the first word of its opening line.
pub const LANGUAGE: &str = "update-source-trace";

/// What a fence's opening line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The trace, the picture or both.
    pub view: View,
    /// One item's card, picture and steps.
    pub item: Option<Item>,
    /// Light, dark, or as the site says.
    pub theme: Theme,
    /// A figure made at build time instead of the live element.
    pub fixed: bool,
    /// The scenario's file, relative to the Markdown file, instead of JSON in the fence.
    pub src: Option<String>,
    /// The writer's caption: the heading, the drawing's accessible name and an anchor.
    pub title: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { view: View::Both, item: None, theme: Theme::Auto, fixed: false, src: None, title: None }
    }
}

/// How a fence's scenario is held to account when the site is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// A scenario with an error, or a warning that may change its answer,
    /// stops the build: readers never see a red box the writer did not.
    #[default]
    Strict,
    /// Shown as it is, its problems said in the element and the figure
    /// (a generator's `strict: false`).
    Lenient,
}

/// Why a fence cannot be shown. Columns count on the fence's opening line;
/// lines and columns of a scenario count in its JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[allow(missing_docs)] // the fields are the places and words the messages name
pub enum FenceError {
    /// A word on the opening line that is no option.
    #[error("column {column}: `{word}` is not an option of an update-source-trace fence: use view=, item=, theme=, src=, title= or static")]
    UnknownOption { column: usize, word: String },
    /// An option's value that it does not take.
    #[error("column {column}: `{value}` is not {what}: use {allowed}")]
    BadValue { column: usize, value: String, what: &'static str, allowed: &'static str },
    /// An option given twice.
    #[error("column {column}: `{option}` is given twice")]
    Twice { column: usize, option: String },
    /// Neither JSON nor `src`.
    #[error("the fence holds no scenario: write its JSON between the fence lines, or src=FILE on the first line")]
    Empty,
    /// Both JSON and `src`.
    #[error("src={path} and JSON in the same fence: keep one")]
    Both { path: String },
    /// A `src` file that cannot be read.
    #[error("src={path} could not be read: {why}")]
    Unreadable { path: String, why: String },
    /// JSON that is not a scenario, placed in it.
    #[error("the scenario's line {line}, column {column}: {message}")]
    NotAScenario { line: usize, column: usize, message: String },
    /// `item=` naming an item the update does not ask for.
    #[error("item={item}: this scenario's update does not ask for {item}")]
    NotAsked { item: &'static str },
    /// A quote on the opening line that is not closed.
    #[error("column {column}: the quote opened here is not closed")]
    Unclosed { column: usize },
    /// A strict build's refusal: what the planner says is wrong with the
    /// scenario, in its own words.
    #[error("{}; fix the scenario, or set strict: false to publish it as readers would see it", .problems.join("; "))]
    Unsound { problems: Vec<String> },
}

impl Options {
    /// Reads the fence's opening line after its backticks: `update-source-trace`
    /// and then options separated by spaces, in any order.
    pub fn parse(info: &str) -> Result<Options, FenceError> {
        let mut options = Options::default();
        let mut seen: Vec<&str> = Vec::new();
        for (column, word) in words(info)?.into_iter().skip(1) {
            let (name, quoted) = word.split_once('=').unwrap_or((word, ""));
            let value = unquote(quoted);
            if seen.contains(&name) {
                return Err(FenceError::Twice { column, option: name.to_string() });
            }
            seen.push(name);
            let bad = |what, allowed| FenceError::BadValue { column, value: value.to_string(), what, allowed };
            match (name, word.contains('=')) {
                ("view", true) => {
                    options.view = match value {
                        "trace" => View::Trace,
                        "diagram" => View::Diagram,
                        "both" => View::Both,
                        _ => return Err(bad("a view", "trace, diagram or both")),
                    }
                }
                ("item", true) => {
                    let item = Item::from_id(value)
                        .ok_or_else(|| bad("an item", "components, domain-settings or programs"))?;
                    options.item = Some(item);
                }
                ("theme", true) => {
                    options.theme = match value {
                        "auto" => Theme::Auto,
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => return Err(bad("a theme", "auto, light or dark")),
                    }
                }
                ("src", true) if !value.is_empty() => options.src = Some(value.to_string()),
                ("src", true) => return Err(bad("a file", "src=FILE, a path relative to the page's Markdown file")),
                ("title", true) if !value.is_empty() => options.title = Some(value.to_string()),
                ("title", true) => return Err(bad("a title", "title=\"Words of the caption\"")),
                ("static", false) => options.fixed = true,
                _ => return Err(FenceError::UnknownOption { column, word: word.to_string() }),
            }
        }
        Ok(options)
    }
}

/// The words of a line with the column (counted in characters, from 1)
/// each starts at. A double-quoted part keeps its spaces (`title="Floor 1"`).
fn words(line: &str) -> Result<Vec<(usize, &str)>, FenceError> {
    let mut column = 0;
    let mut start = None;
    let mut quote = None;
    let mut out = Vec::new();
    for (at, c) in line.char_indices() {
        column += 1;
        if c == '"' {
            quote = if quote.is_some() { None } else { Some(column) };
        }
        match (c.is_whitespace() && quote.is_none(), start) {
            (false, None) => start = Some((column, at)),
            (true, Some((col, from))) => {
                out.push((col, line.get(from..at).unwrap_or_default()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(column) = quote {
        return Err(FenceError::Unclosed { column });
    }
    if let Some((col, from)) = start {
        out.push((col, line.get(from..).unwrap_or_default()));
    }
    Ok(out)
}

/// A value without the double quotes around it.
fn unquote(value: &str) -> &str {
    value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value)
}

/// An anchor for a caption: its letters and digits in lower case, every
/// other run of characters one hyphen (`Floor 1: the laptop` →
/// `floor-1-the-laptop`).
pub fn anchor(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// One fence of ours in a Markdown text, where it is and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    /// Byte range of the whole fence, its opening and closing lines included.
    pub span: std::ops::Range<usize>,
    /// The opening line's number (from 1).
    pub line: usize,
    /// The opening line after the backticks (or tildes).
    pub info: &'a str,
    /// What the fence holds, its indentation taken off as Markdown does.
    pub body: String,
}

/// Our fences in a Markdown text, in order. Fences of other languages are
/// passed over whole, so an example of our fence inside a longer fence stays
/// an example. A fence opens at the start of a line (up to three spaces in)
/// and closes at a line of the same character at least as long, or at the
/// end of the text, as CommonMark says.
pub fn find(markdown: &str) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    let mut open: Option<Opening<'_>> = None;
    let mut at = 0;
    for (index, line) in markdown.split_inclusive('\n').enumerate() {
        let end = at + line.len();
        match &mut open {
            None => open = Opening::read(line, at, index + 1),
            Some(o) if o.closed_by(line) => {
                if let Some(f) = o.found(end) {
                    found.push(f);
                }
                open = None;
            }
            Some(o) => o.body.push(line),
        }
        at = end;
    }
    if let Some(f) = open.and_then(|o| o.found(markdown.len())) {
        found.push(f);
    }
    found
}

/// A fence being read: its opening line and the lines since.
struct Opening<'a> {
    mark: char,
    length: usize,
    indent: usize,
    start: usize,
    line: usize,
    info: &'a str,
    body: Vec<&'a str>,
}

impl<'a> Opening<'a> {
    fn read(line: &'a str, start: usize, number: usize) -> Option<Opening<'a>> {
        let text = line.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches(' ').len();
        let rest = text.get(indent..)?;
        let mark = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let length = rest.len() - rest.trim_start_matches(mark).len();
        let info = rest.get(length..)?.trim();
        // A backtick fence's info string has no backtick (CommonMark).
        let info_ok = mark == '~' || !info.contains('`');
        (indent <= 3 && length >= 3 && info_ok).then_some(Opening {
            mark,
            length,
            indent,
            start,
            line: number,
            info,
            body: Vec::new(),
        })
    }

    fn closed_by(&self, line: &str) -> bool {
        let text = line.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches(' ').len();
        let rest = text.get(indent..).unwrap_or_default();
        let run = rest.len() - rest.trim_start_matches(self.mark).len();
        indent <= 3 && run >= self.length && rest.get(run..).is_some_and(|r| r.trim().is_empty())
    }

    /// The fence, if it is ours.
    fn found(&self, end: usize) -> Option<Found<'a>> {
        let language = self.info.split_whitespace().next()?;
        (language == LANGUAGE).then(|| Found {
            span: self.start..end,
            line: self.line,
            info: self.info,
            body: self.body.iter().map(|l| unindent(l, self.indent)).collect(),
        })
    }
}

/// A fence's line without the opening line's indentation (at most that many spaces).
fn unindent(line: &str, indent: usize) -> &str {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    line.get(spaces.min(indent)..).unwrap_or(line)
}

/// What takes a fence's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// The live `<update-source-trace>` element, with these attributes.
    Element(Vec<(&'static str, String)>),
    /// The static figure's HTML.
    Figure(String),
}

impl Shown {
    /// As HTML on one line: Markdown ends a block of HTML at a blank line,
    /// so the scenario's line breaks are written as character references.
    pub fn html(&self) -> String {
        match self {
            Shown::Figure(html) => html.trim_end().replace('\n', "&#10;"),
            Shown::Element(attributes) => {
                let mut out = format!("<{LANGUAGE}");
                for (name, value) in attributes {
                    out.push_str(&format!(" {name}=\"{}\"", escape(value).replace('\n', "&#10;").replace('\r', "")));
                }
                out.push_str(&format!("></{LANGUAGE}>"));
                out
            }
        }
    }
}

/// What a fence shows, its scenario read (from the fence or from `src`
/// through `read`, relative to the Markdown file) and checked: a document
/// that is not a scenario fails here, at build time, not in a reader's page;
/// so does, when `strictness` is strict, a scenario the planner reads with
/// an error or with a warning that may change its answer.
pub fn show(
    info: &str,
    body: &str,
    read: &dyn Fn(&str) -> Result<String, String>,
    strictness: Strictness,
) -> Result<Shown, FenceError> {
    let mut options = Options::parse(info)?;
    let (src_line, json) = split_src(body);
    if let Some(path) = src_line {
        if options.src.is_some() {
            return Err(FenceError::Twice { column: 1, option: "src".into() });
        }
        options.src = Some(path.to_string());
    }
    let text = match (&options.src, json.trim().is_empty()) {
        (Some(path), true) => read(path).map_err(|why| FenceError::Unreadable { path: path.clone(), why })?,
        (Some(path), false) => return Err(FenceError::Both { path: path.clone() }),
        (None, true) => return Err(FenceError::Empty),
        (None, false) => json.to_string(),
    };
    let (scenario, trace) = crate::read_and_trace(&text).map_err(|e| {
        let (line, column) = e.place();
        FenceError::NotAScenario { line, column, message: e.message() }
    })?;
    if let Some(item) = options.item.filter(|i| !trace.outcome.contains_key(i)) {
        return Err(FenceError::NotAsked { item: item.id() });
    }
    if strictness == Strictness::Strict {
        let problems = problems(&trace);
        if !problems.is_empty() {
            return Err(FenceError::Unsound { problems });
        }
    }
    if options.fixed {
        let focus = Focus { item: options.item, theme: options.theme };
        let title = options.title.as_deref().or(scenario.title.as_deref());
        let mut html = figure::focused(&trace, title, &scenario.agent.addresses, options.view, Styling::Inline, focus);
        if let Some(caption) = &options.title {
            // The writer's caption names the figure's drawing and is its anchor.
            html = html.replacen(
                "<div class=\"usp-figure",
                &format!("<div id=\"{}\" class=\"usp-figure", escape(&anchor(caption))),
                1,
            );
        }
        return Ok(Shown::Figure(html));
    }
    let mut attributes = Vec::new();
    if let Some(caption) = &options.title {
        attributes.push(("id", anchor(caption)));
        attributes.push(("caption", caption.clone()));
    }
    if options.view != View::Both {
        attributes.push(("view", view_id(options.view).to_string()));
    }
    if let Some(item) = options.item {
        attributes.push(("item", item.id().to_string()));
    }
    if options.theme != Theme::Auto {
        attributes.push(("theme", options.theme.id().to_string()));
    }
    attributes.push(("scenario", text.trim_end().to_string()));
    Ok(Shown::Element(attributes))
}

/// What the planner says is wrong with a scenario that a strict build
/// refuses: every error, and every warning that may change the answer, in
/// the planner's words and placed as `planner lint` places them.
fn problems(trace: &Trace) -> Vec<String> {
    let errors = trace.errors.iter().map(|e| {
        let place = if e.in_pasted_list() { "the source list's line" } else { "the scenario's line" };
        format!("{place} {}, column {}: {} ({})", e.line, e.column, e.text, e.rule.id())
    });
    let warnings =
        trace.warnings.iter().filter(|w| w.may_change_answer()).map(|w| format!("warning {}: {}", w.rule.id(), w.text));
    errors.chain(warnings).collect()
}

/// A body whose first line is `src=FILE`: the file, and what follows.
fn split_src(body: &str) -> (Option<&str>, &str) {
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    match first.trim().strip_prefix("src=") {
        Some(path) if !path.trim().is_empty() => (Some(path.trim()), rest),
        _ => (None, body),
    }
}

fn view_id(view: View) -> &'static str {
    match view {
        View::Trace => "trace",
        View::Diagram => "diagram",
        View::Both => "both",
    }
}

/// A fence that cannot be shown, placed in its Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misplaced {
    /// The fence's opening line.
    pub line: usize,
    /// What is wrong.
    pub error: FenceError,
}

impl Misplaced {
    /// What is wrong, without the fence's line (for `FILE:LINE: message`).
    pub fn error_text(&self) -> String {
        match &self.error {
            // The file's own line too, for an editor's "go to line".
            FenceError::NotAScenario { line, .. } => format!("{} (line {} of the file)", self.error, self.line + line),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Misplaced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the update-source-trace fence at line {}: {}", self.line, self.error_text())
    }
}

/// The Markdown text with each of our fences replaced by what it shows,
/// every other byte as it was. `place` writes a shown fence (the HTML with
/// a blank line either side, or a placeholder an adapter fills in later).
pub fn replace(
    markdown: &str,
    read: &dyn Fn(&str) -> Result<String, String>,
    strictness: Strictness,
    place: &mut dyn FnMut(Shown) -> String,
) -> Result<String, Misplaced> {
    let mut out = String::with_capacity(markdown.len());
    let mut copied = 0;
    for fence in find(markdown) {
        let shown =
            show(fence.info, &fence.body, read, strictness).map_err(|error| Misplaced { line: fence.line, error })?;
        out.push_str(markdown.get(copied..fence.span.start).unwrap_or_default());
        out.push_str(&place(shown));
        // The fence's own line break stays, so the lines after keep their numbers.
        if markdown.get(..fence.span.end).is_some_and(|s| s.ends_with('\n')) {
            out.push('\n');
        }
        copied = fence.span.end;
    }
    out.push_str(markdown.get(copied..).unwrap_or_default());
    Ok(out)
}

/// Every fence of a Markdown text that cannot be shown, in order (where
/// [`replace`] stops at the first): `planner fences --check`.
pub fn check(markdown: &str, read: &dyn Fn(&str) -> Result<String, String>, strictness: Strictness) -> Vec<Misplaced> {
    find(markdown)
        .into_iter()
        .filter_map(|fence| {
            show(fence.info, &fence.body, read, strictness).err().map(|error| Misplaced { line: fence.line, error })
        })
        .collect()
}

/// HTML for a Markdown renderer that passes block HTML through (mdBook's):
/// a blank line either side, so the block neither joins a paragraph nor
/// takes in the text after it.
pub fn as_block(shown: Shown) -> String {
    format!("\n{}\n", shown.html())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENARIO: &str = r#"{ "version": 2, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"] } }"#;

    fn no_files(path: &str) -> Result<String, String> {
        Err(format!("no file {path}"))
    }

    #[test]
    fn options_are_read_in_any_order_and_refused_with_their_column() {
        let o = Options::parse("update-source-trace static item=components view=diagram theme=dark").unwrap();
        assert_eq!(
            o,
            Options {
                view: View::Diagram,
                item: Some(Item::Components),
                theme: Theme::Dark,
                fixed: true,
                src: None,
                title: None
            }
        );
        assert_eq!(
            Options::parse("update-source-trace view=pictures"),
            Err(FenceError::BadValue {
                column: 21,
                value: "pictures".into(),
                what: "a view",
                allowed: "trace, diagram or both"
            })
        );
        assert_eq!(
            Options::parse("update-source-trace  colour=red"),
            Err(FenceError::UnknownOption { column: 22, word: "colour=red".into() })
        );
        assert_eq!(
            Options::parse("update-source-trace view=trace view=both"),
            Err(FenceError::Twice { column: 32, option: "view".into() })
        );
        assert!(matches!(Options::parse("update-source-trace static=yes"), Err(FenceError::UnknownOption { .. })));
    }

    /// Every value the kit's documentation lists is read as that value.
    #[test]
    fn every_documented_value_is_read() {
        let read = |line: &str| Options::parse(&format!("update-source-trace {line}"));
        for (word, view) in [("trace", View::Trace), ("diagram", View::Diagram), ("both", View::Both)] {
            assert_eq!(read(&format!("view={word} theme=light")).map(|o| o.view), Ok(view), "{word}");
        }
        for (word, theme) in [("auto", Theme::Auto), ("light", Theme::Light), ("dark", Theme::Dark)] {
            assert_eq!(read(&format!("view=trace theme={word}")).map(|o| o.theme), Ok(theme), "{word}");
        }
        assert_eq!(read("src=lab/branch.json").map(|o| o.src), Ok(Some("lab/branch.json".to_string())));
        assert_eq!(
            read("src="),
            Err(FenceError::BadValue {
                column: 21,
                value: String::new(),
                what: "a file",
                allowed: "src=FILE, a path relative to the page's Markdown file"
            })
        );
    }

    #[test]
    fn fences_of_other_languages_hide_ours_and_an_unclosed_fence_runs_to_the_end() {
        let md = "# T\n\n````markdown\n```update-source-trace\n{}\n```\n````\n\n  ~~~update-source-trace view=trace\n  {\"a\": 1}\n  ~~~\ntail\n```update-source-trace\nopen";
        let found = find(md);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].line, found[0].info, found[0].body.as_str()),
            (9, "update-source-trace view=trace", "{\"a\": 1}\n")
        );
        assert_eq!(md.get(found[0].span.clone()), Some("  ~~~update-source-trace view=trace\n  {\"a\": 1}\n  ~~~\n"));
        assert_eq!((found[1].line, found[1].body.as_str()), (13, "open"));
        // A longer closing run closes; a shorter one, or text after it, does not.
        let md = "```update-source-trace\n``\n``` x\n`````\nafter\n";
        assert_eq!(find(md)[0].body, "``\n``` x\n");
        // A backtick in a backtick line makes it inline code, not a fence;
        // a tilde fence may hold one.
        assert_eq!(find("```update-source-trace `x` ```\n{}\n").len(), 0);
        assert_eq!(find("~~~update-source-trace `x`\n{}\n~~~\n").len(), 1);
        // Two backticks open nothing; four spaces in is indented code.
        assert_eq!(find("``update-source-trace\n{}\n``\n").len(), 0);
        assert_eq!(find("    ```update-source-trace\n{}\n    ```\n").len(), 0);
        // A closing line may end in spaces.
        assert_eq!(find("```update-source-trace\n{}\n```  \nafter\n")[0].body, "{}\n");
        // Lines less indented than the opening keep all their text.
        assert_eq!(find("  ```update-source-trace\n{\n \"a\": 1\n}\n  ```\n")[0].body, "{\n\"a\": 1\n}\n");
    }

    #[test]
    fn a_fence_becomes_the_element_with_its_scenario_on_one_line() {
        let md = format!(
            "Before.\n\n```update-source-trace item=components\n{}\n```\nAfter & more.\n",
            SCENARIO.replace("\"agent\"", "\n\n\"agent\"")
        );
        let out = replace(&md, &no_files, Strictness::Strict, &mut as_block).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0..2], ["Before.", ""]);
        assert!(
            lines[3].starts_with("<update-source-trace item=\"components\" scenario=\"{ &quot;version&quot;: 2"),
            "{out}"
        );
        assert!(lines[3].contains("&#10;&#10;&quot;agent&quot;"), "blank lines kept as references: {out}");
        assert_eq!(lines[4..], ["", "After & more."]);
    }

    #[test]
    fn a_static_fence_becomes_the_figure_for_one_item_in_a_fixed_theme() {
        let shown =
            show("update-source-trace static item=components theme=dark", SCENARIO, &no_files, Strictness::Strict)
                .unwrap();
        let Shown::Figure(html) = &shown else { panic!("{shown:?}") };
        assert!(html.starts_with("<div class=\"usp-figure usp-dark\">"), "{html}");
        assert!(html.contains("components: updated from") && !html.contains("domain settings:"), "{html}");
        assert!(!shown.html().contains('\n'));
    }

    #[test]
    fn src_is_read_relative_to_the_page_and_bad_scenarios_are_placed() {
        let read = |p: &str| if p == "floor.json" { Ok(SCENARIO.to_string()) } else { Err("not found".to_string()) };
        let shown = show("update-source-trace view=trace", "src=floor.json\n", &read, Strictness::Strict).unwrap();
        assert_eq!(shown, Shown::Element(vec![("view", "trace".into()), ("scenario", SCENARIO.into())]));
        // The element keeps a fixed theme and the item, in the fence's words.
        let shown =
            show("update-source-trace theme=light item=programs", "src=floor.json\n", &read, Strictness::Strict)
                .unwrap();
        let expected = vec![("item", "programs".into()), ("theme", "light".into()), ("scenario", SCENARIO.into())];
        assert_eq!(shown, Shown::Element(expected));
        assert_eq!(
            show("update-source-trace src=floor.json", "", &read, Strictness::Strict),
            show("update-source-trace", "src=floor.json", &read, Strictness::Strict)
        );
        assert_eq!(
            show("update-source-trace src=gone.json", "", &read, Strictness::Strict),
            Err(FenceError::Unreadable { path: "gone.json".into(), why: "not found".into() })
        );
        assert_eq!(show("update-source-trace", " \n", &read, Strictness::Strict), Err(FenceError::Empty));
        // `src=` naming no file is no file to read: the body is taken as JSON.
        assert!(matches!(
            show("update-source-trace", "src=\n", &read, Strictness::Strict),
            Err(FenceError::NotAScenario { line: 1, column: 1, .. })
        ));
        assert!(matches!(
            show("update-source-trace src=floor.json", "{}", &read, Strictness::Strict),
            Err(FenceError::Both { .. })
        ));
        let md = "# Floors\n\n```update-source-trace\n{\n  \"version\": 2\n  \"profile\": \"apex-one\"\n}\n```\n";
        let e = replace(md, &read, Strictness::Strict, &mut as_block).unwrap_err();
        assert_eq!(e.line, 3);
        let FenceError::NotAScenario { line, column, .. } = &e.error else { panic!("{e:?}") };
        assert_eq!((*line, *column), (3, 3));
        assert!(
            e.to_string().starts_with("the update-source-trace fence at line 3: the scenario's line 3, column 3: "),
            "{e}"
        );
        assert!(e.to_string().ends_with("(line 6 of the file)"), "{e}");
    }

    #[test]
    fn an_item_the_update_does_not_ask_for_is_refused() {
        let components_only = r#"{ "version": 2, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"], "items": ["components"] } }"#;
        let e = show("update-source-trace item=programs", components_only, &no_files, Strictness::Strict);
        assert_eq!(e, Err(FenceError::NotAsked { item: "programs" }));
        assert!(show("update-source-trace item=components", components_only, &no_files, Strictness::Strict).is_ok());
    }

    const NO_AGENT: &str = r#"{ "version": 5, "profile": "apex-one", "agent": { "addresses": ["999.1.4.20"] } }"#;
    /// A broken line whose range holds the agent (W6): the answer may change once it is fixed.
    const BROKEN_LINE: &str = r#"{ "version": 5, "profile": "officescan-xg",
  "sources": { "mode": "customized", "list": "10.1.0.0/16 -> ua://10.1.0.5:99999\n10.0.0.0/8 -> ua://10.0.0.5" },
  "agent": { "addresses": ["10.1.4.20"] } }"#;
    /// ActiveUpdate first (W2): advice, the answer stands.
    const ACTIVEUPDATE_FIRST: &str = r#"{ "version": 5, "profile": "officescan-xg",
  "sources": { "mode": "customized", "list": "10.0.0.0/8 -> activeupdate\n10.0.0.0/8 -> ua://10.0.0.5" },
  "agent": { "addresses": ["10.1.4.20"] } }"#;

    #[test]
    fn a_strict_build_refuses_an_error_or_a_warning_that_may_change_the_answer_in_the_planners_words() {
        for (scenario, said) in
            [(NO_AGENT, "the scenario's line 1, column "), (BROKEN_LINE, "warning W6: this line has an error")]
        {
            for info in ["update-source-trace", "update-source-trace static"] {
                let Err(FenceError::Unsound { problems }) = show(info, scenario, &no_files, Strictness::Strict) else {
                    panic!("{info}: {scenario} is refused")
                };
                assert!(problems.iter().any(|p| p.starts_with(said)), "{problems:?}");
            }
        }
        let Err(e) = show("update-source-trace", NO_AGENT, &no_files, Strictness::Strict) else { panic!() };
        let said = e.to_string();
        assert!(said.contains("999.1.4.20") && said.contains("(E1)"), "{said}");
        assert!(
            said.ends_with("fix the scenario, or set strict: false to publish it as readers would see it"),
            "{said}"
        );
        // A list's own line is named as the list's.
        let Err(FenceError::Unsound { problems }) =
            show("update-source-trace", BROKEN_LINE, &no_files, Strictness::Strict)
        else {
            panic!()
        };
        assert!(problems.first().is_some_and(|p| p.starts_with("the source list's line 1, column ")), "{problems:?}");
        // Lenient: shown as today, the element saying what is wrong.
        for scenario in [NO_AGENT, BROKEN_LINE] {
            assert!(matches!(
                show("update-source-trace", scenario, &no_files, Strictness::Lenient),
                Ok(Shown::Element(_))
            ));
            let Ok(Shown::Figure(html)) = show("update-source-trace static", scenario, &no_files, Strictness::Lenient)
            else {
                panic!()
            };
            assert!(html.contains("usp-problems"), "{html}");
        }
        // Advice that leaves the answer as it is does not stop a build.
        assert!(show("update-source-trace", ACTIVEUPDATE_FIRST, &no_files, Strictness::Strict).is_ok());
        assert_eq!(Strictness::default(), Strictness::Strict);
    }

    #[test]
    fn check_names_every_broken_fence_where_replace_stops_at_the_first() {
        let md = format!(
            "# A\n\n```update-source-trace\n{SCENARIO}\n```\n\n```update-source-trace\n{NO_AGENT}\n```\n\n```update-source-trace view=x\n{SCENARIO}\n```\n"
        );
        let found = check(&md, &no_files, Strictness::Strict);
        assert_eq!(found.iter().map(|m| m.line).collect::<Vec<_>>(), [7, 11]);
        assert!(matches!(found[0].error, FenceError::Unsound { .. }));
        assert_eq!(found[1].error_text(), "column 21: `x` is not a view: use trace, diagram or both");
        assert_eq!(check(&md, &no_files, Strictness::Lenient).len(), 1);
        assert_eq!(replace(&md, &no_files, Strictness::Strict, &mut as_block).map_err(|m| m.line), Err(7));
    }

    #[test]
    fn a_title_is_the_caption_the_drawings_name_and_an_anchor() {
        let o = Options::parse(r#"update-source-trace title="Floor 1: the laptop" view=trace"#).unwrap();
        assert_eq!((o.title.as_deref(), o.view), (Some("Floor 1: the laptop"), View::Trace));
        assert_eq!(Options::parse("update-source-trace title=Floors").unwrap().title.as_deref(), Some("Floors"));
        assert_eq!(Options::parse(r#"update-source-trace title="Floor 1"#), Err(FenceError::Unclosed { column: 27 }));
        assert!(matches!(
            Options::parse(r#"update-source-trace title="""#),
            Err(FenceError::BadValue { what: "a title", .. })
        ));
        assert_eq!(anchor("Floor 1: the laptop -- at home!"), "floor-1-the-laptop-at-home");
        assert_eq!(anchor("  Überall  "), "überall");
        let shown = show(r#"update-source-trace title="Floor 1: the laptop""#, SCENARIO, &no_files, Strictness::Strict);
        let Ok(Shown::Element(attributes)) = shown else { panic!("{shown:?}") };
        assert_eq!(
            attributes[..2],
            [("id", "floor-1-the-laptop".to_string()), ("caption", "Floor 1: the laptop".to_string())]
        );
        let shown = show(r#"update-source-trace static title="Floor 1 & 2""#, SCENARIO, &no_files, Strictness::Strict);
        let Ok(Shown::Figure(html)) = shown else { panic!("{shown:?}") };
        assert!(html.starts_with("<div id=\"floor-1-2\" class=\"usp-figure\">"), "{html}");
        assert!(html.contains("<h3 class=\"usp-title\">Floor 1 &amp; 2</h3>"), "{html}");
        assert!(html.contains("aria-label=\"Floor 1 &amp; 2\""), "the drawing's name: {html}");
    }
}
