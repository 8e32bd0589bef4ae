//! `planner mdbook`: the command line's side of the documentation
//! generators: standard input and output for mdBook's preprocessor
//! protocol, the files an installation copies and edits, and the check of a
//! whole documentation tree for CI (`planner fences --check`). What a fence
//! becomes is decided in the core (`fence`, `mdbook`).

use std::io::Read;
use std::path::{Path, PathBuf};

use update_source_planner::fence::{self, Strictness};
use update_source_planner::mdbook::{self, Settings, KIT_FILES, KIT_FOLDER, LOADER};
use update_source_planner::model::plural::count;

/// `planner mdbook`: the book on standard input, the book with its fences
/// replaced on standard output. Exit 1 with the chapter, the fence's line
/// and the scenario's line and column when a fence cannot be shown, so the
/// build stops there.
pub fn preprocess() -> Result<u8, String> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).map_err(|e| format!("mdbook: cannot read standard input: {e}"))?;
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{e} (looked for {})", path.display()));
    match mdbook::preprocess(&input, &read) {
        Ok(book) => {
            println!("{book}");
            Ok(0)
        }
        Err(message) => {
            eprintln!("planner mdbook: {message}");
            Ok(1)
        }
    }
}

/// `planner mdbook supports RENDERER`: 0 for the HTML renderer, 1 for others
/// (mdBook then leaves the fences as code for them).
pub fn supports(renderer: &str) -> u8 {
    u8::from(!mdbook::supports(renderer))
}

/// `planner mdbook install BOOK`: the kit (and the full planner, when it
/// was built beside it) into the book's source folder, the loader beside
/// `book.toml`, and the two entries in `book.toml`. The entry runs
/// `planner mdbook` by name, from the PATH of whoever builds the book; a
/// book built where this checkout is not takes `mdbook-update-source-trace
/// install` instead, the kit inside it.
pub fn install(book: &str, kit: &str, planner: Option<&str>) -> Result<u8, String> {
    let book = PathBuf::from(book);
    let toml_path = book.join("book.toml");
    let toml = std::fs::read_to_string(&toml_path)
        .map_err(|e| format!("{} cannot be read ({e}): is {} an mdBook book?", toml_path.display(), book.display()))?;
    let kit = PathBuf::from(kit);
    if let Some(missing) = KIT_FILES.iter().find(|f| !kit.join(f).is_file()) {
        return Err(format!(
            "{} has no {missing}: give --kit the built kit's folder (scripts/build.sh builds it into dist/api)",
            kit.display()
        ));
    }
    let settings = Settings::from_book_toml(&toml)?;
    let target = book.join(settings.src()).join(KIT_FOLDER);
    // The whole planner when it was built around the kit: "Open in the full
    // planner" then works from the book itself, offline too.
    let whole = kit.parent().filter(|p| p.join("index.html").is_file() && planner.is_none());
    let link = match whole {
        Some(planner_folder) => {
            copy_folder(planner_folder, &target)?;
            Some(format!("{KIT_FOLDER}/"))
        }
        None => {
            copy_folder(&kit, &target.join("api"))?;
            planner.map(str::to_string)
        }
    };
    std::fs::write(book.join(LOADER), mdbook::loader(link.as_deref()))
        .map_err(|e| format!("cannot write {LOADER}: {e}"))?;
    let edited = mdbook::install_into(&toml, Some("planner mdbook"))?;
    std::fs::write(&toml_path, edited).map_err(|e| format!("cannot write {}: {e}", toml_path.display()))?;
    println!(
        "planner mdbook: the kit is in {}, {LOADER} and the preprocessor (`planner mdbook`, from the PATH) are in book.toml; write a fence:\n\n```update-source-trace\n{{ \"version\": 5, \"profile\": \"apex-one\", \"agent\": {{ \"addresses\": [\"10.1.4.20\"] }} }}\n```\n\nWithout this checkout: `mdbook-update-source-trace install` (the kit inside it).",
        target.display()
    );
    Ok(0)
}

fn copy_folder(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot make {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if path.is_dir() {
            copy_folder(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)
                .map_err(|e| format!("cannot copy {} to {}: {e}", path.display(), target.display()))?;
        }
    }
    Ok(())
}

/// `planner fences`: a page's Markdown on standard input, its fences
/// replaced on standard output. With `placeholder`, for a Markdown that
/// would rewrite HTML (Python-Markdown): JSON `{ "markdown", "blocks" }`,
/// each fence a paragraph `PLACEHOLDER-N` for the adapter to swap for
/// `blocks[N]` in the HTML. `base`: the Markdown file's folder, for `src`.
pub fn fences(base: &str, placeholder: Option<&str>, strictness: Strictness) -> Result<u8, String> {
    let mut markdown = String::new();
    std::io::stdin().read_to_string(&mut markdown).map_err(|e| format!("cannot read standard input: {e}"))?;
    let folder = PathBuf::from(base);
    let read = |path: &str| read_beside(&folder, path);
    let mut blocks = Vec::new();
    let result = match placeholder {
        Some(word) => fence::replace(&markdown, &read, strictness, &mut |shown| {
            blocks.push(shown.html());
            format!("\n{word}-{}\n", blocks.len() - 1)
        }),
        None => fence::replace(&markdown, &read, strictness, &mut fence::as_block),
    };
    match result {
        Ok(text) if placeholder.is_some() => println!("{}", serde_json::json!({ "markdown": text, "blocks": blocks })),
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{e}");
            return Ok(1);
        }
    }
    Ok(0)
}

/// `planner fence --info LINE`: one fence's body on standard input; JSON
/// `{ "element": { attribute: value } }` or `{ "figure": HTML }`, for an
/// adapter that builds the page's tree itself (Docusaurus's MDX).
pub fn one_fence(info: &str, base: &str, line: usize, strictness: Strictness) -> Result<u8, String> {
    let mut body = String::new();
    std::io::stdin().read_to_string(&mut body).map_err(|e| format!("cannot read standard input: {e}"))?;
    let folder = PathBuf::from(base);
    match fence::show(info, &body, &|path: &str| read_beside(&folder, path), strictness) {
        Ok(fence::Shown::Element(attributes)) => {
            let map: serde_json::Map<String, serde_json::Value> =
                attributes.into_iter().map(|(k, v)| (k.to_string(), v.into())).collect();
            println!("{}", serde_json::json!({ "element": map }));
            Ok(0)
        }
        Ok(fence::Shown::Figure(html)) => {
            println!("{}", serde_json::json!({ "figure": html }));
            Ok(0)
        }
        Err(error) => {
            eprintln!("{}", fence::Misplaced { line, error });
            Ok(1)
        }
    }
}

/// `planner fences --check DOCS`: every fence of every Markdown file
/// (`.md`, `.mdx`, `.markdown`) under a documentation folder, each one that
/// cannot be shown printed as `FILE:LINE: message` (as compilers do, so an
/// editor or a CI log links to it); exit 1 when there is any, 0 when none.
pub fn check(docs: &str, strictness: Strictness) -> Result<u8, String> {
    let root = PathBuf::from(docs);
    if !root.is_dir() {
        return Err(format!("{docs} is not a folder: give the documentation's folder (docs/, src/)"));
    }
    let mut files = Vec::new();
    markdown_files(&root, &mut files)?;
    files.sort();
    let (mut fences, mut broken) = (0, 0);
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let folder = file.parent().unwrap_or(&root).to_path_buf();
        fences += fence::find(&text).len();
        for problem in fence::check(&text, &|path: &str| read_beside(&folder, path), strictness) {
            broken += 1;
            println!("{}:{}: {}", file.display(), problem.line, problem.error_text());
        }
    }
    let pages = count(files.len(), "Markdown file", "Markdown files");
    match broken {
        0 => eprintln!("planner fences: {} in {pages}, every one fine", count(fences, "fence", "fences")),
        n => eprintln!("planner fences: {n} of {} in {pages} cannot be shown", count(fences, "fence", "fences")),
    }
    Ok(u8::from(broken > 0))
}

/// The Markdown files under a folder, at any depth; folders whose names
/// start with a dot, and `node_modules`, are passed over.
fn markdown_files(folder: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(folder).map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            markdown_files(&path, out)?;
        } else if [".md", ".mdx", ".markdown"].iter().any(|ext| name.ends_with(ext)) {
            out.push(path);
        }
    }
    Ok(())
}

fn read_beside(folder: &Path, path: &str) -> Result<String, String> {
    let file = folder.join(path);
    std::fs::read_to_string(&file).map_err(|e| format!("{e} (looked for {})", file.display()))
}
