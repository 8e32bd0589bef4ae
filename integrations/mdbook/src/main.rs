//! `mdbook-update-source-trace`: mdBook's preprocessor for
//! ```update-source-trace fences, with the planner's kit inside it, as
//! mdbook-mermaid carries Mermaid: one binary on the PATH, no Rust toolchain
//! and no checkout of the planner on the writer's machine.
//!
//! - `mdbook-update-source-trace install [BOOK]` adds the preprocessor's
//!   table (no `command`: mdBook runs `mdbook-<name>` from the PATH) and the
//!   loader to `book.toml`, and writes the kit's files.
//! - With no arguments it is the preprocessor (mdBook runs it): the book as
//!   JSON on standard input, the book with its fences replaced on standard
//!   output. Each run first writes the kit's files and the loader wherever
//!   they differ from what this binary carries, so an upgraded binary
//!   updates them and a fresh clone, whose kit folder the book's
//!   `.gitignore` names, builds.
//! - `supports RENDERER`: 0 for html, 1 for the others (mdBook asks).
//!
//! The protocol, the settings and the fences are the core's
//! (`update_source_planner::mdbook`, `fence`), as `planner mdbook` uses them.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use update_source_planner::mdbook::{self, Request, Settings, KIT_FOLDER, LOADER};

/// The kit's files a fence needs in a reader's browser, as this binary
/// carries them (build.rs checks that kit/ holds them).
const KIT: [(&str, &[u8]); 5] = [
    ("element.js", include_bytes!("../kit/element.js")),
    ("element.css", include_bytes!("../kit/element.css")),
    ("planner.js", include_bytes!("../kit/planner.js")),
    ("core.js", include_bytes!("../kit/core.js")),
    ("core_bg.wasm", include_bytes!("../kit/core_bg.wasm")),
];

const USAGE: &str = "\
mdbook-update-source-trace: ```update-source-trace fences in mdBook, the planner's kit inside.

  mdbook-update-source-trace install [BOOK]   add it to BOOK/book.toml (default: .) and write the kit
  mdbook-update-source-trace supports RENDERER
  mdbook-update-source-trace                  the preprocessor itself (mdBook runs it)

book.toml, under [preprocessor.update-source-trace] (both optional):
  strict = false                    publish a scenario with errors as readers would see it
  full-planner = \"https://…/\"       where \"Open in the full planner\" goes (no link without it)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        [] => preprocess(),
        ["supports", renderer] => Ok(u8::from(!mdbook::supports(renderer))),
        ["install"] => install(Path::new(".")),
        ["install", book] if !book.starts_with('-') => install(Path::new(book)),
        ["--version" | "-V"] => {
            println!("mdbook-update-source-trace {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        ["--help" | "-h" | "help"] => {
            print!("{USAGE}");
            Ok(0)
        }
        _ => {
            eprint!("{USAGE}");
            Ok(2)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("mdbook-update-source-trace: {message}");
            ExitCode::from(2)
        }
    }
}

/// The preprocessor: the kit refreshed, then the book with its fences
/// replaced on standard output; exit 1 with the chapter's file, the fence's
/// line and the planner's message when a fence cannot be shown (strict
/// unless `strict = false`), so mdBook stops the build there.
fn preprocess() -> Result<u8, String> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).map_err(|e| format!("cannot read standard input: {e}"))?;
    let request = Request::read(&input)?;
    refresh(request.root(), request.settings())?;
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{e} (looked for {})", path.display()));
    match request.preprocess(&read) {
        Ok(book) => {
            println!("{book}");
            Ok(0)
        }
        Err(message) => {
            eprintln!("mdbook-update-source-trace: {message}");
            Ok(1)
        }
    }
}

/// `install [BOOK]`: the preprocessor's table and the loader in `book.toml`
/// (once), then the kit's files.
fn install(book: &Path) -> Result<u8, String> {
    let toml_path = book.join("book.toml");
    let toml = std::fs::read_to_string(&toml_path)
        .map_err(|e| format!("{} cannot be read ({e}): is {} an mdBook book?", toml_path.display(), book.display()))?;
    let edited = mdbook::install_into(&toml, None)?;
    let settings = Settings::from_book_toml(&edited)?;
    if edited != toml {
        std::fs::write(&toml_path, &edited).map_err(|e| format!("cannot write {}: {e}", toml_path.display()))?;
    }
    refresh(book, &settings)?;
    ignore_kit(book, &settings)?;
    let kit = book.join(settings.src()).join(KIT_FOLDER);
    println!(
        "mdbook-update-source-trace: book.toml runs the preprocessor and includes {LOADER}; the kit is in {} \
         (every build writes it again; the book's .gitignore names it). Write a fence in a chapter:\n\n\
         ```update-source-trace\n{{ \"version\": 5, \"profile\": \"apex-one\", \"agent\": {{ \"addresses\": [\"10.1.4.20\"] }} }}\n```",
        kit.display()
    );
    Ok(0)
}

/// The book's `.gitignore` (`mdbook init` writes one, naming `book`) gains
/// the kit's folder: every build writes the kit again. Not a `.gitignore`
/// inside the kit's folder: mdBook copies the source folder whole into the
/// built book, and there it would keep the kit out of a site published
/// with git.
fn ignore_kit(book: &Path, settings: &Settings) -> Result<(), String> {
    let path = book.join(".gitignore");
    let line = format!("/{}/{KIT_FOLDER}/", settings.src().display());
    let now = std::fs::read_to_string(&path).unwrap_or_default();
    if now.lines().any(|l| l.trim() == line) {
        return Ok(());
    }
    let gap = if now.is_empty() || now.ends_with('\n') { "" } else { "\n" };
    std::fs::write(&path, format!("{now}{gap}{line}\n")).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The kit's files and the loader (from the book's settings), each written
/// only where it differs from what it should be. Returns how many files
/// were written.
fn refresh(root: &Path, settings: &Settings) -> Result<usize, String> {
    let api = settings.kit_folder(root);
    let mut files: Vec<(PathBuf, Vec<u8>)> = KIT.iter().map(|(name, bytes)| (api.join(name), bytes.to_vec())).collect();
    files.push((root.join(LOADER), mdbook::loader(settings.full_planner()).into_bytes()));
    let mut written = 0;
    for (path, bytes) in files {
        if std::fs::read(&path).is_ok_and(|now| now == bytes) {
            continue;
        }
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| format!("cannot make {}: {e}", folder.display()))?;
        }
        std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_carries_every_file_of_the_kit_a_fence_needs() {
        assert_eq!(KIT.map(|(name, _)| name), mdbook::KIT_FILES);
        assert!(KIT.iter().all(|(_, bytes)| !bytes.is_empty()));
    }

    #[test]
    fn a_build_writes_only_what_differs_from_the_binarys_kit() {
        let root = std::env::temp_dir().join(format!("usp-mdbook-refresh-{}", std::process::id()));
        let settings = Settings::from_book_toml("[book]\nsrc = \"pages\"\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(refresh(&root, &settings), Ok(6), "five kit files and the loader");
        assert_eq!(refresh(&root, &settings), Ok(0), "nothing again");
        let element = root.join("pages/update-source-planner/api/element.js");
        std::fs::write(&element, "an older kit").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(refresh(&root, &settings), Ok(1));
        assert_eq!(std::fs::read(&element).ok().as_deref(), Some(KIT[0].1));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn install_names_the_kit_in_the_books_gitignore_once() {
        let root = std::env::temp_dir().join(format!("usp-mdbook-ignore-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(root.join(".gitignore"), "book").unwrap_or_else(|e| panic!("{e}"));
        let settings = Settings::from_book_toml("[book]\nsrc = \"pages\"\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ignore_kit(&root, &settings), Ok(()));
        assert_eq!(ignore_kit(&root, &settings), Ok(()));
        let ignored = std::fs::read_to_string(root.join(".gitignore")).unwrap_or_default();
        assert_eq!(ignored, "book\n/pages/update-source-planner/\n");
        let _ = std::fs::remove_dir_all(&root);
    }
}
