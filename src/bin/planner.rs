//! `planner`: the resolver on the command line, the same core as the page.
//!
//! Exit status: 0 when the scenario has no errors, 1 when it has errors (the
//! trace is still printed), 2 when the input cannot be read or is not a
//! scenario.

#[cfg(not(web))]
fn main() -> std::process::ExitCode {
    // Rust ignores SIGPIPE, so `planner batch … | head` would panic on the
    // first line written after `head` is done; the default action ends the
    // command quietly, as it ends `cat` or `grep`.
    #[cfg(unix)]
    // SAFETY: done first, before any thread is started or signal handled.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    native::main()
}

#[cfg(web)]
fn main() {}

#[cfg(not(web))]
#[path = "docs_sites.rs"]
mod docs_sites;

#[cfg(not(web))]
#[path = "lessons.rs"]
mod lessons;

#[cfg(not(web))]
mod native {
    use std::io::Read;
    use std::process::ExitCode;

    use clap::{Parser, Subcommand};
    use update_source_planner::diagram::{self, Style};
    use update_source_planner::figure;
    use update_source_planner::fleet;
    use update_source_planner::fleet::count::addresses;
    use update_source_planner::fleet::words;
    use update_source_planner::format::locate::Locator;
    use update_source_planner::format::{share, MAX_DOCUMENT_BYTES};
    use update_source_planner::input::agents::parse_agents;
    use update_source_planner::input::host::{ip_problem, parse_ip};
    use update_source_planner::input::range::IpFamily;
    use update_source_planner::input::source::SourceId;
    use update_source_planner::input::source_list::parse_list;
    use update_source_planner::model::diagnostics::InputError;
    use update_source_planner::model::item::Item;
    use update_source_planner::model::plural;
    use update_source_planner::model::rules::{CATALOGUE, RULE_SET};
    use update_source_planner::plan::{prepare, Draw, Plan};
    use update_source_planner::{
        read_and_trace, read_and_trace_at, read_and_trace_drawn, trace_json, Scenario, Trace, VERSION,
    };

    #[derive(Parser)]
    #[command(name = "planner", version = VERSION, about = "Where a Trend Micro endpoint agent gets its updates from, step by step.", long_about = None)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// The numbered trace of a scenario: every attempt, skip and fallback with its rule.
        Trace {
            /// Scenario JSON file, or - for standard input.
            file: String,
            /// Print the trace as JSON (SPEC §5).
            #[arg(long)]
            json: bool,
            /// Tell draw N of the relay group's order (each agent draws its own; every draw gives the same outcome).
            #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
            draw: u64,
            /// When a notified agent answers again, after the server's notification (40m, 2h, 1h30m); prints when it updates.
            #[arg(long, value_parser = update_source_planner::when::parse_minutes)]
            at: Option<u32>,
        },
        /// The update path as a picture: an SVG document (one drawing per item, or one item).
        Diagram {
            /// Scenario JSON file, or - for standard input.
            file: String,
            /// Only this item: components, domain-settings or programs.
            #[arg(long)]
            item: Option<String>,
            /// page (beside the steps), room (a projector's width, as presenter mode draws it) or phone (stacked).
            #[arg(long, default_value = "page")]
            scale: String,
            /// Draw the path as told up to this step and no further, as presenter mode does.
            #[arg(long)]
            until: Option<usize>,
            /// Tell draw N of the relay group's order.
            #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
            draw: u64,
        },
        /// Prediction against evidence: the URLs of an agent's ActiveUpdate log (or its UpdateFrom value) against the trace.
        Check {
            /// Scenario JSON file, or - for standard input.
            scenario: String,
            /// Log text or the UpdateFrom value, a file (or - for standard input).
            evidence: String,
            #[arg(long)]
            json: bool,
        },
        /// A static HTML figure (inline style, no script) of the outcome, the picture and the trace.
        Render {
            /// Scenario JSON file, or - for standard input.
            file: String,
            /// trace, diagram or both.
            #[arg(long, default_value = "both")]
            view: String,
            /// inline (a <style> inside the figure) or file (none: link api/figure.css, for a strict policy).
            #[arg(long, default_value = "inline")]
            style: String,
        },
        /// Warnings and errors of a scenario only.
        Lint {
            /// Scenario JSON file, or - for standard input.
            file: String,
        },
        /// Read a pasted source list and print the entries understood and the errors.
        List {
            /// Pasted list (one `RANGE -> SOURCE [# label]` a line), or - for standard input.
            file: String,
        },
        /// Every rule id with the documented sentence behind it.
        Rules,
        /// mdBook's preprocessor for ```update-source-trace fences (mdBook runs it), and its installation into a book.
        Mdbook {
            #[command(subcommand)]
            action: Option<MdbookAction>,
        },
        /// Lessons for training rooms: their answer key, and their own checks.
        Lesson {
            #[command(subcommand)]
            action: LessonAction,
        },
        /// A page's Markdown on standard input, its ```update-source-trace fences replaced (for MkDocs and other generators).
        Fences {
            /// The Markdown file's folder, where a fence's src=FILE is read.
            #[arg(long, default_value = ".")]
            base: String,
            /// Print JSON {markdown, blocks}: each fence a paragraph WORD-N, its HTML in blocks[N].
            #[arg(long)]
            placeholder: Option<String>,
            /// Check every fence of every Markdown file under DOCS_DIR instead (for CI): each broken one as FILE:LINE: message, exit 1 if any.
            #[arg(long, value_name = "DOCS_DIR", conflicts_with = "placeholder")]
            check: Option<String>,
            /// Let a scenario with errors, or a warning that may change its answer, through as readers would see it (a site's strict: false).
            #[arg(long)]
            lenient: bool,
        },
        /// One fence's body on standard input, what it shows as JSON (for Docusaurus).
        Fence {
            /// The fence's opening line after the backticks: update-source-trace [view=] [item=] [theme=] [src=] [title="…"] [static].
            #[arg(long)]
            info: String,
            /// The Markdown file's folder, where src=FILE is read.
            #[arg(long, default_value = ".")]
            base: String,
            /// The fence's opening line in its Markdown file, for the messages.
            #[arg(long, default_value_t = 1)]
            line: usize,
            /// Let a scenario with errors, or a warning that may change its answer, through as readers would see it (a site's strict: false).
            #[arg(long)]
            lenient: bool,
        },
        /// Share links for scenario files, one a line (for documentation and tickets).
        Links {
            /// Scenario JSON files.
            files: Vec<String>,
            /// The page's address to put before the fragment.
            #[arg(long, default_value = "")]
            base: String,
        },
        /// Many agents through one scenario: final status and source per item, and attempts.
        Batch {
            /// Scenario JSON file, or - for standard input.
            scenario: String,
            /// Agents: one address, range or CIDR a line (or comma-separated).
            agents: String,
            /// Print JSON rows.
            #[arg(long, conflicts_with = "csv")]
            json: bool,
            /// Print CSV.
            #[arg(long)]
            csv: bool,
        },
        /// The address space split into intervals with the same chain of matching entries.
        Coverage {
            scenario: String,
            #[arg(long)]
            json: bool,
        },
        /// Which addresses end at a source for an item (with the scenario's what-ifs).
        Who {
            scenario: String,
            /// Source, in any spelling (ua://HOST, server, activeupdate, a URL, a relay name).
            #[arg(long)]
            source: String,
            /// Item: components, domain-settings or programs.
            #[arg(long, default_value = "components")]
            item: String,
            #[arg(long)]
            json: bool,
        },
        /// Every gallery story as a page of its own (EXAMPLES/index.json), readable without scripts: OUT/examples/<story>/, OUT/examples/ and OUT/sitemap.xml.
        Gallery {
            /// The gallery's folder (www/examples).
            examples: String,
            /// The built page's folder (dist).
            out: String,
            /// Where the page is published (https://host/path/), for canonical addresses and the sitemap; relative without it.
            #[arg(long)]
            base: Option<String>,
        },
        /// Single points of failure: for one agent, or for each source over the whole list.
        Outages {
            scenario: String,
            /// Look at this agent address instead of the whole list.
            #[arg(long)]
            agent: Option<String>,
            #[arg(long)]
            json: bool,
        },
    }

    #[derive(Subcommand)]
    enum LessonAction {
        /// Every predict step has one answer and every reference solution meets its goals (exit 1 with the step if not).
        Check {
            /// Lesson JSON file, or - for standard input.
            file: String,
        },
        /// The answer key, step by step, as the resolver works it out.
        Answers {
            /// Lesson JSON file, or - for standard input.
            file: String,
        },
    }

    #[derive(Subcommand)]
    enum MdbookAction {
        /// Whether the fences can be shown by this renderer (mdBook asks; only html).
        Supports { renderer: String },
        /// Copy the kit into a book and add the preprocessor and the loader script to its book.toml.
        Install {
            /// The book's folder (where book.toml is).
            book: String,
            /// The built kit (scripts/build.sh builds it into dist/api); the full planner around it is copied too.
            #[arg(long, default_value = "dist/api")]
            kit: String,
            /// The full planner's address for "Open in the full planner", instead of the copy beside the kit.
            #[arg(long)]
            full_planner: Option<String>,
        },
    }

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(cli) => cli,
            Err(e) => {
                let _ = e.print();
                return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
            }
        };
        let result = match cli.command {
            Command::Trace { file, json, draw, at } => trace(&file, json, Draw::new(draw), at),
            Command::Diagram { file, item, scale, until, draw } => {
                diagram(&file, item.as_deref(), &scale, until, Draw::new(draw))
            }
            Command::Lint { file } => lint(&file),
            Command::Render { file, view, style } => render(&file, &view, &style),
            Command::Check { scenario, evidence, json } => check(&scenario, &evidence, json),
            Command::List { file } => list(&file),
            Command::Batch { scenario, agents, json, csv } => batch(&scenario, &agents, json, csv),
            Command::Coverage { scenario, json } => coverage(&scenario, json),
            Command::Who { scenario, source, item, json } => who(&scenario, &source, &item, json),
            Command::Outages { scenario, agent, json } => outages(&scenario, agent.as_deref(), json),
            Command::Links { files, base } => links(&files, &base),
            Command::Rules => rules(),
            Command::Gallery { examples, out, base } => gallery(&examples, &out, base.as_deref()),
            Command::Mdbook { action: None } => super::docs_sites::preprocess(),
            Command::Lesson { action: LessonAction::Check { file } } => {
                read_input(&file).and_then(|text| super::lessons::check(&file, &text))
            }
            Command::Lesson { action: LessonAction::Answers { file } } => {
                read_input(&file).and_then(|text| super::lessons::answers(&file, &text))
            }
            Command::Fences { check: Some(docs), lenient, .. } => super::docs_sites::check(&docs, strictness(lenient)),
            Command::Fences { base, placeholder, lenient, check: None } => {
                super::docs_sites::fences(&base, placeholder.as_deref(), strictness(lenient))
            }
            Command::Fence { info, base, line, lenient } => {
                super::docs_sites::one_fence(&info, &base, line, strictness(lenient))
            }
            Command::Mdbook { action: Some(MdbookAction::Supports { renderer }) } => {
                Ok(super::docs_sites::supports(&renderer))
            }
            Command::Mdbook { action: Some(MdbookAction::Install { book, kit, full_planner }) } => {
                super::docs_sites::install(&book, &kit, full_planner.as_deref())
            }
        };
        match result {
            Ok(code) => ExitCode::from(code),
            Err(message) => {
                eprintln!("planner: {message}");
                ExitCode::from(2)
            }
        }
    }

    /// A site's fences are strict unless its writer lets them through.
    fn strictness(lenient: bool) -> update_source_planner::fence::Strictness {
        match lenient {
            true => update_source_planner::fence::Strictness::Lenient,
            false => update_source_planner::fence::Strictness::Strict,
        }
    }

    fn trace(file: &str, json: bool, draw: Draw, at: Option<u32>) -> Result<u8, String> {
        let text = read_input(file)?;
        let (scenario, trace) = read_and_trace_at(&text, draw, at).map_err(|e| not_a_scenario(file, &e))?;
        if at.is_some() && trace.when.is_none() {
            return Err(format!(
                "--at tells when a notified agent answers again; in {file} the agent is not notified by the server (its trigger is {}): set \"trigger\": \"server-notify\"",
                scenario.agent.trigger.id()
            ));
        }
        if json {
            println!("{}", trace.to_json());
        } else {
            // The title heads the trace as it heads the printed page.
            if let Some(title) = scenario.title {
                println!("{title}");
            }
            print!("{}", trace.to_text());
        }
        Ok(status(&trace.errors))
    }

    fn diagram(file: &str, item: Option<&str>, scale: &str, until: Option<usize>, draw: Draw) -> Result<u8, String> {
        let text = read_input(file)?;
        let (scenario, trace) = read_and_trace_drawn(&text, draw).map_err(|e| not_a_scenario(file, &e))?;
        let agent = scenario.agent.addresses.clone();
        let scale = diagram::Scale::from_id(scale)
            .ok_or_else(|| format!("`{scale}` is not a scale: use page, room or phone"))?;
        let frame = diagram::Frame { scale, until };
        let svg = match item {
            None => diagram::document_framed(&trace, &agent, Style::Standalone, frame),
            Some(id) => {
                let item = Item::from_id(id)
                    .ok_or_else(|| format!("`{id}` is not an item: use components, domain-settings or programs"))?;
                diagram::framed(&trace, &agent, Some(item), Style::Standalone, frame)
                    .into_iter()
                    .next()
                    .map(|(_, svg)| svg)
                    .ok_or_else(|| format!("this update does not ask for {id}"))?
            }
        };
        println!("{svg}");
        print_errors(&trace.errors);
        Ok(status(&trace.errors))
    }

    /// Exit 0 when the evidence agrees with the trace, 1 when it parts from
    /// it (or names nothing), 2 when an input cannot be read.
    fn check(scenario: &str, evidence: &str, json: bool) -> Result<u8, String> {
        let text = read_input(scenario)?;
        let doc = Scenario::from_json(&text).map_err(|e| not_a_scenario(scenario, &e))?;
        let result = update_source_planner::evidence::check(&doc, &read_input(evidence)?);
        if json {
            println!("{}", serde_json::to_string_pretty(&result).unwrap_or_default());
        } else {
            use update_source_planner::evidence::Reached;
            for (i, (c, item)) in result.contacts.iter().zip(&result.compared).enumerate() {
                let parted = result.parting.as_ref().and_then(|p| p.contact) == Some(i);
                let compared = match item {
                    None => "set aside: not update traffic".to_string(),
                    Some(item) => {
                        format!("{}{}", item.words(), if c.item.is_none() { ", the URL does not say" } else { "" })
                    }
                };
                println!(
                    "{}{:>3}. line {:<4} {:<40} {}{} ({compared})",
                    if parted { ">" } else { " " },
                    i + 1,
                    c.line,
                    c.source.as_ref().map_or_else(
                        || "not in the scenario".to_string(),
                        |s| update_source_planner::vocabulary::label(doc.profile, s)
                    ),
                    c.url,
                    if c.result == Reached::Failed { " failed" } else { "" },
                );
            }
            println!("{}", result.summary());
            for e in &result.explanations {
                println!("  explanation: {}", e.text);
            }
        }
        Ok(u8::from(!result.agrees()))
    }

    fn render(file: &str, view: &str, style: &str) -> Result<u8, String> {
        let styling = match style {
            "inline" => figure::Styling::Inline,
            "file" => figure::Styling::File,
            other => return Err(format!("`{other}` is not a style: use inline or file")),
        };
        let view = match view {
            "trace" => figure::View::Trace,
            "diagram" => figure::View::Diagram,
            "both" => figure::View::Both,
            other => return Err(format!("`{other}` is not a view: use trace, diagram or both")),
        };
        let text = read_input(file)?;
        let (scenario, trace) = read_and_trace(&text).map_err(|e| not_a_scenario(file, &e))?;
        print!("{}", figure::figure(&trace, scenario.title.as_deref(), &scenario.agent.addresses, view, styling));
        print_errors(&trace.errors);
        Ok(status(&trace.errors))
    }

    fn lint(file: &str) -> Result<u8, String> {
        let trace = load_trace(file)?;
        for w in trace.warnings.iter() {
            let line = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            println!("warning {}: {line}{}", w.rule, w.text);
        }
        for e in trace.errors.iter() {
            println!("{}", error_line(e));
        }
        if trace.warnings.is_empty() && trace.errors.is_empty() {
            println!("no warnings, no errors");
        }
        Ok(status(&trace.errors))
    }

    fn list(file: &str) -> Result<u8, String> {
        let list = parse_list(&read_input(file)?);
        if let Some(h) = list.header {
            println!("line {h}: taken as a header and skipped");
        }
        for (i, e) in list.entries.iter().enumerate() {
            println!("{:>4}  line {:<5} {}", i + 1, e.line, e.to_line());
        }
        for e in &list.errors {
            println!("{}", error_line(e));
        }
        println!("{} entries, {} errors", list.entries.len(), list.errors.len());
        Ok(status(&list.errors))
    }

    fn batch(scenario: &str, agents: &str, json: bool, csv: bool) -> Result<u8, String> {
        let (plan, mut errors) = load_plan(scenario)?;
        let (specs, agent_errors) = parse_agents(&read_input(agents)?);
        errors.extend(agent_errors);
        let batch = fleet::batch(&plan, &specs);
        let items = plan.wanted.to_vec();
        if csv {
            print!("{}", batch.to_csv(&items, &batch.rows));
        } else if json {
            println!("{}", batch.to_json(&items, &batch.rows));
        } else {
            for row in &batch.rows {
                let Some(s) = batch.summary(row) else { continue };
                let cells: Vec<String> = items
                    .iter()
                    .map(|i| match s.get(*i) {
                        Some(o) => match o.source() {
                            Some(src) => format!("{i}={}@{src}", o.status().id()),
                            None => format!("{i}={}", o.status().id()),
                        },
                        None => format!("{i}=-"),
                    })
                    .collect();
                println!("{:<40} {}  attempts={}", row.agent, cells.join("  "), s.attempts);
            }
            println!(
                "{}, {}, {} sampled{}",
                plural::count(batch.rows.len(), "agent", "agents"),
                plural::count(batch.summaries.len(), "distinct outcome", "distinct outcomes"),
                plural::count(batch.sampled, "range", "ranges"),
                if batch.sampled > 0 {
                    format!("; downloads and loads count all {} agents", fleet::count::count(batch.agents_counted()))
                } else {
                    String::new()
                }
            );
            if let Some(said) = fleet::words::named_again(batch.repeated) {
                println!("{said}");
            }
            if let Some(said) = fleet::words::update_agents_walked(&batch.update_agents(&plan)) {
                println!("{said}");
            }
            let counted = fleet::downloads(&batch, plan.patterns.as_ref());
            if !counted.sources.is_empty() {
                println!("Downloads of components, per source [CD1-CD4]:");
                for d in &counted.sources {
                    println!("  {}", fleet::words::source_downloads(plan.profile, d));
                }
            }
            if !counted.update_agents.is_empty() {
                println!("Update Agents [LD1]:");
                for l in &counted.update_agents {
                    println!(
                        "  {}",
                        fleet::words::update_agent_load(
                            plan.profile,
                            plan.agent.trigger,
                            update_source_planner::walk::notification_reaches(&plan),
                            l
                        )
                    );
                }
            }
        }
        print_errors(&errors);
        Ok(status(&errors))
    }

    fn coverage(scenario: &str, json: bool) -> Result<u8, String> {
        let (plan, errors) = load_plan(scenario)?;
        let cov = fleet::coverage(&plan);
        if json {
            println!("{}", serde_json::to_string_pretty(&cov).unwrap_or_default());
        } else {
            for iv in &cov.intervals {
                let lines: Vec<String> = iv.lines.iter().map(|c| c.to_string()).collect();
                let head = iv.first_source.as_ref().map_or_else(
                    || "GAP: no entry, straight to the fallbacks".to_string(),
                    |s| update_source_planner::vocabulary::label(plan.profile, s),
                );
                println!(
                    "{} - {}  ({})  [{}]  lines {}  -> {head}",
                    iv.first,
                    iv.last,
                    addresses(iv.family, iv.size),
                    iv.cidr.join(" "),
                    if lines.is_empty() { "-".into() } else { lines.join(",") }
                );
            }
            println!(
                "{}, {}",
                plural::count(cov.intervals.len(), "interval", "intervals"),
                plural::count(cov.gaps.len(), "gap", "gaps")
            );
            for sh in &cov.shadowed {
                println!("{}", update_source_planner::fleet::words::shadowed(sh));
            }
        }
        print_errors(&errors);
        Ok(status(&errors))
    }

    fn who(scenario: &str, source: &str, item: &str, json: bool) -> Result<u8, String> {
        let (plan, errors) = load_plan(scenario)?;
        let item = Item::from_id(item)
            .ok_or_else(|| format!("`{item}` is not an item: use components, domain-settings or programs"))?;
        let who = fleet::who(&plan, &SourceId::read(source), item);
        if json {
            println!("{}", serde_json::to_string_pretty(&who).unwrap_or_default());
        } else {
            println!(
                "{} from {}: {} and {}",
                item.words(),
                update_source_planner::vocabulary::name(plan.profile, &who.source),
                addresses(IpFamily::V4, who.ipv4_addresses),
                addresses(IpFamily::V6, who.ipv6_addresses)
            );
            for b in &who.cidr {
                println!("  {b}");
            }
            if let Some(e) = &who.example {
                println!("example agent: {e}");
            }
        }
        print_errors(&errors);
        Ok(status(&errors))
    }

    fn outages(scenario: &str, agent: Option<&str>, json: bool) -> Result<u8, String> {
        let text = read_input(scenario)?;
        let doc = Scenario::from_json(&text).map_err(|e| not_a_scenario(scenario, &e))?;
        let plan = prepare(&doc, Some(&Locator::scan(&text)));
        let errors = plan.errors.clone();
        match agent {
            Some(a) => {
                let ip = parse_ip(a).ok_or_else(|| ip_problem(a))?;
                let outages = fleet::agent_outages(&plan, &[ip]);
                if json {
                    println!("{}", serde_json::to_string_pretty(&outages).unwrap_or_default());
                } else {
                    print!("{}", words::agent_outages(plan.profile, &ip.to_string(), &outages));
                }
            }
            None if !doc.fleet.agents.trim().is_empty() => {
                let (specs, agent_errors) = parse_agents(&doc.fleet.agents);
                print_errors(&agent_errors);
                let impacts = fleet::fleet_outages(&plan, &specs);
                if json {
                    println!("{}", serde_json::to_string_pretty(&impacts).unwrap_or_default());
                } else {
                    for i in &impacts {
                        println!("{}", words::fleet_impact(plan.profile, i));
                    }
                }
            }
            None => {
                let impacts = fleet::list_outages(&plan);
                if json {
                    println!("{}", serde_json::to_string_pretty(&impacts).unwrap_or_default());
                } else {
                    for i in &impacts {
                        println!("{}", words::list_impact(plan.profile, i));
                    }
                }
            }
        }
        print_errors(&errors);
        Ok(status(&errors))
    }

    fn links(files: &[String], base: &str) -> Result<u8, String> {
        for f in files {
            let text = read_input(f)?;
            let scenario = Scenario::from_json(&text).map_err(|e| not_a_scenario(f, &e))?;
            let fragment = share::encode_checked(&scenario).map_err(|e| format!("{f}: {e}"))?;
            if base.is_empty() {
                println!("{fragment}");
            } else {
                println!("{base}#{fragment}");
            }
        }
        Ok(0)
    }

    fn gallery(examples: &str, out: &str, base: Option<&str>) -> Result<u8, String> {
        use std::path::Path;
        use update_source_planner::gallery;
        let (examples, out) = (Path::new(examples), Path::new(out));
        let index = read_input(&examples.join("index.json").to_string_lossy())?;
        let stories =
            gallery::stories(&index).map_err(|e| format!("{}: {e}", examples.join("index.json").display()))?;
        let site = gallery::Site { base, version: update_source_planner::VERSION };
        let write = |path: &Path, text: &str| -> Result<(), String> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
        };
        for story in &stories {
            let file = examples.join(&story.file);
            let text = read_input(&file.to_string_lossy())?;
            let page = gallery::page(story, &text, site).map_err(|e| not_a_scenario(&file.to_string_lossy(), &e))?;
            write(&out.join("examples").join(story.stem()).join("index.html"), &page)?;
        }
        write(&out.join("examples").join("index.html"), &gallery::index_page(&stories, site))?;
        write(&out.join("sitemap.xml"), &gallery::sitemap(&stories, site))?;
        println!("gallery: {} story pages, the list of stories and sitemap.xml in {}", stories.len(), out.display());
        Ok(0)
    }

    fn rules() -> Result<u8, String> {
        println!("Rule set: {RULE_SET}");
        for info in CATALOGUE {
            println!(
                "{:<4} {} [{}]\n     \"{}\"",
                info.rule.id(),
                info.rule.title(),
                info.basis.describe(),
                info.quote
            );
        }
        Ok(0)
    }

    fn not_a_scenario(file: &str, e: &update_source_planner::ReadError) -> String {
        format!("{}: not a scenario: {e}", display_name(file))
    }

    fn status(errors: &[InputError]) -> u8 {
        u8::from(!errors.is_empty())
    }

    fn error_line(e: &InputError) -> String {
        let field = e.field.as_ref().map(|f| format!(" ({})", f.path())).unwrap_or_default();
        format!("error {}:{}: [{}] {}{field}", e.line, e.column, e.rule, e.text)
    }

    fn print_errors(errors: &[InputError]) {
        for e in errors {
            eprintln!("{}", error_line(e));
        }
    }

    /// The prepared scenario and its input errors.
    fn load_plan(file: &str) -> Result<(Plan, Vec<InputError>), String> {
        let text = read_input(file)?;
        let scenario = Scenario::from_json(&text).map_err(|e| not_a_scenario(file, &e))?;
        let plan = prepare(&scenario, Some(&Locator::scan(&text)));
        let errors = plan.errors.to_vec();
        Ok((plan, errors))
    }

    fn load_trace(file: &str) -> Result<Trace, String> {
        let text = read_input(file)?;
        trace_json(&text).map_err(|e| not_a_scenario(file, &e))
    }

    fn display_name(file: &str) -> &str {
        if file == "-" {
            "standard input"
        } else {
            file
        }
    }

    /// Reads a file or standard input, refusing what is too large to be a
    /// scenario before reading all of it.
    fn read_input(file: &str) -> Result<String, String> {
        let limit = (MAX_DOCUMENT_BYTES + 1) as u64;
        let mut bytes = Vec::new();
        let result = if file == "-" {
            std::io::stdin().take(limit).read_to_end(&mut bytes)
        } else {
            std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut bytes))
        };
        result.map_err(|e| format!("cannot read {}: {e}", display_name(file)))?;
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(format!("{} is larger than {MAX_DOCUMENT_BYTES} bytes", display_name(file)));
        }
        String::from_utf8(bytes).map_err(|e| {
            format!("{} is not UTF-8 text (byte {} is not valid)", display_name(file), e.utf8_error().valid_up_to())
        })
    }
}
