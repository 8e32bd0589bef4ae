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
    use update_source_planner::rules::{Basis, CATALOGUE, RULE_SET};
    use update_source_planner::scenario::MAX_DOCUMENT_BYTES;
    use update_source_planner::source_list::parse_list;
    use update_source_planner::trace::InputError;
    use update_source_planner::{trace_json, Trace, VERSION};

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
                let trace = load_trace(&file)?;
                if json {
                    println!("{}", trace.to_json());
                } else {
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
            Command::Rules => {
                println!("Rule set: {RULE_SET}");
                for info in CATALOGUE {
                    let basis = match info.basis {
                        Basis::Seed(file) => format!("seed {file}"),
                        Basis::Doc => "vendor documentation".into(),
                        Basis::Assumed(why) => format!("ASSUMED: {why}"),
                        Basis::Planner => "planner".into(),
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
