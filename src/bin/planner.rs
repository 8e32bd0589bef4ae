//! `planner`: the resolver on the command line, the same core as the page.
//!
//! Exit status: 0 when the scenario has no errors, 1 when it has errors (the
//! trace is still printed), 2 when the input cannot be read or is not a
//! scenario.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::io::Read;
    use std::process::ExitCode;

    use clap::{Parser, Subcommand};
    use update_source_planner::fleet;
    use update_source_planner::item::Item;
    use update_source_planner::locate::Locator;
    use update_source_planner::plan::{prepare, Plan};
    use update_source_planner::rules::{Basis, CATALOGUE, RULE_SET};
    use update_source_planner::scenario::MAX_DOCUMENT_BYTES;
    use update_source_planner::share;
    use update_source_planner::source_list::parse_list;
    use update_source_planner::trace::InputError;
    use update_source_planner::{trace_json, Scenario, Trace, VERSION};

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

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(cli) => cli,
            Err(e) => {
                let _ = e.print();
                return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
            }
        };
        match run(cli.command) {
            Ok(code) => ExitCode::from(code),
            Err(message) => {
                eprintln!("planner: {message}");
                ExitCode::from(2)
            }
        }
    }

    fn run(command: Command) -> Result<u8, String> {
        match command {
            Command::Trace { file, json } => {
                let text = read_input(&file)?;
                let trace = trace_json(&text).map_err(|e| format!("{}: not a scenario: {e}", display_name(&file)))?;
                if json {
                    println!("{}", trace.to_json());
                } else {
                    // The title heads the trace as it heads the printed page.
                    if let Some(title) = Scenario::from_json(&text).ok().and_then(|s| s.title) {
                        println!("{title}");
                    }
                    print!("{}", trace.to_text());
                }
                Ok(status(&trace.errors))
            }
            Command::Lint { file } => {
                let trace = load_trace(&file)?;
                for w in &trace.warnings {
                    let line = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
                    println!("warning {}: {line}{}", w.rule, w.text);
                }
                for e in &trace.errors {
                    println!("{}", error_line(e));
                }
                if trace.warnings.is_empty() && trace.errors.is_empty() {
                    println!("no warnings, no errors");
                }
                Ok(status(&trace.errors))
            }
            Command::List { file } => {
                let text = read_input(&file)?;
                let list = parse_list(&text);
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
            Command::Batch { scenario, agents, json, csv } => {
                let (plan, mut errors) = load_plan(&scenario)?;
                let (specs, agent_errors) = fleet::parse_agents(&read_input(&agents)?);
                errors.extend(agent_errors);
                let batch = fleet::batch(&plan, &specs);
                let items = plan.wanted.to_vec();
                if csv {
                    print!("{}", batch.to_csv(&items));
                } else if json {
                    println!("{}", batch.to_json(&items));
                } else {
                    for row in &batch.rows {
                        let Some(s) = batch.summary(row) else { continue };
                        let cells: Vec<String> = items
                            .iter()
                            .map(|i| match s.get(*i) {
                                Some((st, Some(src))) => format!("{i}={st}@{src}"),
                                Some((st, None)) => format!("{i}={st}"),
                                None => format!("{i}=-"),
                            })
                            .collect();
                        println!("{:<40} {}  attempts={}", row.agent, cells.join("  "), s.attempts);
                    }
                    println!(
                        "{} agents, {} distinct outcomes, {} ranges sampled",
                        batch.rows.len(),
                        batch.summaries.len(),
                        batch.sampled
                    );
                }
                for e in &errors {
                    eprintln!("{}", error_line(e));
                }
                Ok(status(&errors))
            }
            Command::Coverage { scenario, json } => {
                let (plan, errors) = load_plan(&scenario)?;
                let cov = fleet::coverage(&plan);
                if json {
                    println!("{}", serde_json::to_string_pretty(&cov).unwrap_or_default());
                } else {
                    for iv in &cov.intervals {
                        let chain: Vec<String> = iv.chain.iter().map(|c| c.to_string()).collect();
                        let head = iv.first_source.as_deref().unwrap_or("GAP: no entry, straight to the fallbacks");
                        println!(
                            "{} - {}  [{}]  entries {}  -> {head}",
                            iv.first,
                            iv.last,
                            iv.cidr.join(" "),
                            if chain.is_empty() { "-".into() } else { chain.join(",") }
                        );
                    }
                    println!("{} intervals, {} gaps", cov.intervals.len(), cov.gaps.len());
                    for sh in &cov.shadowed {
                        let by: Vec<String> = sh.covered_by.iter().map(|c| c.to_string()).collect();
                        println!(
                            "entry {} (line {}, {}) is no address's first choice: entries {} come first",
                            sh.entry,
                            sh.line,
                            sh.source,
                            by.join(", ")
                        );
                    }
                }
                print_errors(&errors);
                Ok(status(&errors))
            }
            Command::Who { scenario, source, item, json } => {
                let (plan, errors) = load_plan(&scenario)?;
                let item = Item::from_id(&item)
                    .ok_or_else(|| format!("`{item}` is not an item: use components, domain-settings or programs"))?;
                let who = fleet::who(&plan, &source, item);
                if json {
                    println!("{}", serde_json::to_string_pretty(&who).unwrap_or_default());
                } else {
                    println!(
                        "{} from {}: {} IPv4 and {} IPv6 addresses",
                        item, who.source, who.ipv4_addresses, who.ipv6_addresses
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
            Command::Outages { scenario, agent, json } => {
                let (plan, errors) = load_plan(&scenario)?;
                match agent {
                    Some(a) => {
                        let ip = update_source_planner::plan::parse_ip(&a)
                            .ok_or_else(|| format!("`{a}` is not an IPv4 or IPv6 address"))?;
                        let outages = fleet::agent_outages(&plan, &[ip]);
                        if json {
                            println!("{}", serde_json::to_string_pretty(&outages).unwrap_or_default());
                        } else if outages.is_empty() {
                            println!(
                                "{ip}: no single source outage{} leaves an item not updated",
                                if fleet::agent_outages_pairs(&plan) { " or pair of outages" } else { "" }
                            );
                        } else {
                            for o in &outages {
                                let lost: Vec<&str> = o.lost.iter().map(|i| i.id()).collect();
                                println!("{} down -> {ip} loses {}", o.down.join(" + "), lost.join(", "));
                            }
                        }
                    }
                    None => {
                        let impacts = fleet::list_outages(&plan);
                        if json {
                            println!("{}", serde_json::to_string_pretty(&impacts).unwrap_or_default());
                        } else {
                            for i in &impacts {
                                println!(
                                    "{:<50} {} IPv4, {} IPv6 addresses lose an item",
                                    i.source, i.ipv4_addresses, i.ipv6_addresses
                                );
                            }
                        }
                    }
                }
                print_errors(&errors);
                Ok(status(&errors))
            }
            Command::Links { files, base } => {
                for f in &files {
                    let text = read_input(f)?;
                    let scenario =
                        Scenario::from_json(&text).map_err(|e| format!("{}: not a scenario: {e}", display_name(f)))?;
                    let fragment = share::encode_checked(&scenario).map_err(|e| format!("{f}: {e}"))?;
                    if base.is_empty() {
                        println!("{fragment}");
                    } else {
                        println!("{base}#{fragment}");
                    }
                }
                Ok(0)
            }
            Command::Rules => {
                println!("Rule set: {RULE_SET}");
                for info in CATALOGUE {
                    let basis = match info.basis {
                        Basis::Seed(file) => format!("seed {file}"),
                        Basis::Doc => "vendor documentation".into(),
                        Basis::Assumed(why) => format!("ASSUMED: {why}"),
                    };
                    println!("{:<4} {} [{basis}]\n     \"{}\"", info.rule.id(), info.title, info.quote);
                }
                Ok(0)
            }
        }
    }

    fn status(errors: &[InputError]) -> u8 {
        u8::from(!errors.is_empty())
    }

    fn error_line(e: &InputError) -> String {
        let field = e.field.as_deref().map(|f| format!(" ({f})")).unwrap_or_default();
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
        let scenario =
            Scenario::from_json(&text).map_err(|e| format!("{}: not a scenario: {e}", display_name(file)))?;
        let plan = prepare(&scenario, Some(&Locator::scan(&text)));
        let errors = plan.errors.clone();
        Ok((plan, errors))
    }

    fn load_trace(file: &str) -> Result<Trace, String> {
        let text = read_input(file)?;
        trace_json(&text).map_err(|e| format!("{}: not a scenario: {e}", display_name(file)))
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
