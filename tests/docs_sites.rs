//! The documentation generators' side: `planner mdbook` speaks mdBook's
//! preprocessor protocol (the book as JSON in, the book out) and installs
//! itself into a book. Built sites are tested in the browser suite
//! (tests/e2e/sites.test.mjs).

use std::path::Path;

use serde_json::{json, Value};

mod common;
use common::planner;

const SCENARIO: &str = r#"{ "version": 5, "profile": "officescan-xg",
  "sources": { "mode": "customized", "list": "10.1.0.0/16 -> ua://10.1.0.5 # Floor *1*" },
  "agent": { "addresses": ["10.1.4.20"] } }"#;

fn chapter(name: &str, path: &str, content: &str, sub_items: Vec<Value>) -> Value {
    json!({ "Chapter": { "name": name, "content": content, "number": [1], "sub_items": sub_items,
        "path": path, "source_path": path, "parent_names": [] } })
}

/// mdBook 0.5's input: `[context, book]`, chapters under `items`.
fn book_input(root: &Path, chapters: Vec<Value>) -> String {
    let context =
        json!({ "root": root, "config": { "book": { "src": "src" } }, "renderer": "html", "mdbook_version": "0.5.4" });
    json!([context, { "items": chapters }]).to_string()
}

fn contents(book: &Value) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(c) = m.get("Chapter").and_then(|c| c.get("content")).and_then(Value::as_str) {
                    out.push(c.to_string());
                }
                m.values().for_each(|v| walk(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(book, &mut out);
    out
}

#[test]
fn mdbook_replaces_the_fences_and_leaves_every_other_byte_of_a_chapter() {
    let before = "# Floors\n\n\"Quotes\" -- and *emphasis*.\n\n";
    let after = "\nAfter the fence.\n\n```json\n{ \"not\": \"ours\" }\n```\n";
    let nested = format!("{before}```update-source-trace view=trace\n{SCENARIO}\n```\n{after}");
    let input = book_input(
        Path::new("/nowhere"),
        vec![chapter(
            "Intro",
            "intro.md",
            "# Intro\n\nNo fence here.\n",
            vec![chapter("Floors", "guide/floors.md", &nested, vec![])],
        )],
    );
    let out = planner(&["mdbook"], Some(&input));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let book: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let texts = contents(&book);
    assert_eq!(texts[0], "# Intro\n\nNo fence here.\n");
    let floors = &texts[1];
    assert!(floors.starts_with(before), "{floors}");
    assert!(floors.ends_with(after), "{floors}");
    let html = floors.get(before.len()..floors.len() - after.len()).unwrap_or_default();
    assert!(html.starts_with("\n<update-source-trace view=\"trace\" scenario=\"{ &quot;version&quot;: 5"), "{html}");
    assert!(html.contains("Floor *1*") && html.ends_with("></update-source-trace>\n\n"), "{html}");
    // mdBook 0.4's `sections` are read the same way.
    let old = input.replace("\"items\"", "\"sections\"");
    let out = planner(&["mdbook"], Some(&old));
    assert_eq!(contents(&serde_json::from_slice(&out.stdout).unwrap_or_default())[1], *floors);
}

#[test]
fn a_bad_scenario_in_a_fence_fails_the_build_at_its_chapter_fence_and_json_place() {
    let broken =
        "# Floors\n\nText.\n\n```update-source-trace\n{\n  \"version\": 5\n  \"profile\": \"apex-one\"\n}\n```\n";
    let input = book_input(Path::new("/nowhere"), vec![chapter("Floors", "guide/floors.md", broken, vec![])]);
    let out = planner(&["mdbook"], Some(&input));
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("planner mdbook: src/guide/floors.md: the update-source-trace fence at line 5: the scenario's line 3, column 3: "),
        "{said}"
    );
    assert!(said.trim_end().ends_with("(line 8 of the file)"), "{said}");
    let bad_option = "```update-source-trace view=picture\n{}\n```\n";
    let out =
        planner(&["mdbook"], Some(&book_input(Path::new("/nowhere"), vec![chapter("X", "x.md", bad_option, vec![])])));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("src/x.md: the update-source-trace fence at line 1: column 21: `picture` is not a view: use trace, diagram or both"), "{said}");
}

#[test]
fn a_fence_reads_src_beside_its_chapter_and_static_makes_the_figure() {
    let root = std::env::temp_dir().join(format!("usp-book-{}", std::process::id()));
    std::fs::create_dir_all(root.join("src/guide")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("src/guide/floor.json"), SCENARIO).unwrap_or_else(|e| panic!("{e}"));
    let content =
        "```update-source-trace static src=floor.json\n```\n\n```update-source-trace\nsrc=missing.json\n```\n";
    let input = book_input(&root, vec![chapter("Floors", "guide/floors.md", content, vec![])]);
    let out = planner(&["mdbook"], Some(&input));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "src/guide/floors.md: the update-source-trace fence at line 4: src=missing.json could not be read"
        ),
        "{said}"
    );
    assert!(said.contains(&root.join("src/guide/missing.json").display().to_string()), "{said}");
    let only_static = content.split("\n\n").next().unwrap_or_default();
    let out =
        planner(&["mdbook"], Some(&book_input(&root, vec![chapter("Floors", "guide/floors.md", only_static, vec![])])));
    let text = contents(&serde_json::from_slice(&out.stdout).unwrap_or_default()).remove(0);
    assert!(text.starts_with("\n<div class=\"usp-figure\"><style>"), "{text}");
    assert!(
        text.contains("components: updated from Update Agent ua://10.1.0.5") && !text.contains("<script"),
        "{text}"
    );
    assert_eq!(text.trim().lines().count(), 1, "one block of HTML, no blank line in it");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn mdbook_supports_the_html_renderer_only() {
    assert_eq!(planner(&["mdbook", "supports", "html"], None).status.code(), Some(0));
    assert_eq!(planner(&["mdbook", "supports", "pdf"], None).status.code(), Some(1));
}

#[test]
fn install_copies_the_kit_and_edits_book_toml_once() {
    let root = std::env::temp_dir().join(format!("usp-install-{}", std::process::id()));
    let (book, kit) = (root.join("book"), root.join("dist/api"));
    std::fs::create_dir_all(book.join("src")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(&kit).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(book.join("book.toml"), "[book]\ntitle = \"Guide\"\n").unwrap_or_else(|e| panic!("{e}"));
    let (b, k) = (book.display().to_string(), kit.display().to_string());
    let out = planner(&["mdbook", "install", &b, "--kit", &k], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no element.js: give --kit the built kit's folder"));
    for f in ["element.js", "element.css", "planner.js", "core.js", "core_bg.wasm"] {
        std::fs::write(kit.join(f), f).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(root.join("dist/index.html"), "the planner").unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..2 {
        let out = planner(&["mdbook", "install", &b, "--kit", &k], None);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let read = |p: &str| std::fs::read_to_string(book.join(p)).unwrap_or_default();
    assert_eq!(read("src/update-source-planner/index.html"), "the planner");
    assert_eq!(read("src/update-source-planner/api/core_bg.wasm"), "core_bg.wasm");
    assert!(read("update-source-trace.js").contains("update-source-planner/api/element.js"));
    let toml = read("book.toml");
    assert!(toml.starts_with("[book]\ntitle = \"Guide\"\n"), "{toml}");
    assert_eq!(toml.matches("[preprocessor.update-source-trace]").count(), 1, "{toml}");
    // Portable: the same line on every machine, no path of this one.
    assert!(toml.contains("[preprocessor.update-source-trace]\ncommand = \"planner mdbook\"\n"), "{toml}");
    assert!(!toml.contains(&root.display().to_string()), "{toml}");
    assert!(
        read("update-source-trace.js").contains("settings.planner = new URL(\"update-source-planner/\", here).href")
    );
    assert_eq!(toml.matches("update-source-trace.js").count(), 1, "{toml}");
    let _ = std::fs::remove_dir_all(&root);
}

/// An agent address no network has: the planner reads the scenario, but
/// there is nothing to trace.
const NO_AGENT: &str = r#"{ "version": 5, "profile": "apex-one", "agent": { "addresses": ["999.1.4.20"] } }"#;

/// mdBook's input with `book.toml`'s preprocessor table as given.
fn book_input_with(root: &Path, table: Value, chapters: Vec<Value>) -> String {
    let context = json!({ "root": root, "config": { "book": { "src": "src" },
        "preprocessor": { "update-source-trace": table } }, "renderer": "html", "mdbook_version": "0.5.4" });
    json!([context, { "items": chapters }]).to_string()
}

#[test]
fn a_scenario_with_an_error_fails_every_build_at_its_page_and_fence_unless_strict_is_false() {
    let page = format!("# Floors\n\nText.\n\n```update-source-trace\n{NO_AGENT}\n```\n");
    let said_by_planner = "the update-source-trace fence at line 5: the scenario's line 1, column 66: `999.1.4.20` is not an IPv4 address: 999 is over 255 (E1)";
    // mdBook: strict unless book.toml's table says `strict = false`.
    let chapters = || vec![chapter("Floors", "guide/floors.md", &page, vec![])];
    let out = planner(&["mdbook"], Some(&book_input(Path::new("/nowhere"), chapters())));
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.starts_with(&format!("planner mdbook: src/guide/floors.md: {said_by_planner}")), "{said}");
    assert!(said.trim_end().ends_with("set strict = false under [preprocessor.update-source-trace] in book.toml to publish it as readers would see it"), "{said}");
    let strict = book_input_with(Path::new("/nowhere"), json!({ "strict": true }), chapters());
    assert_eq!(planner(&["mdbook"], Some(&strict)).status.code(), Some(1));
    let lenient = book_input_with(Path::new("/nowhere"), json!({ "strict": false }), chapters());
    let out = planner(&["mdbook"], Some(&lenient));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = contents(&serde_json::from_slice(&out.stdout).unwrap_or_default()).remove(0);
    assert!(text.contains("<update-source-trace scenario=\"{ &quot;version&quot;: 5"), "shown as before: {text}");
    let wrong = book_input_with(Path::new("/nowhere"), json!({ "strict": "no" }), chapters());
    let out = planner(&["mdbook"], Some(&wrong));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("preprocessor.update-source-trace.strict is \"no\": write true or false"));
    // MkDocs's page (`planner fences`) and Docusaurus's fence (`planner fence`): strict unless --lenient.
    let out = planner(&["fences", "--placeholder", "W"], Some(&page));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(said_by_planner));
    let out = planner(&["fences", "--placeholder", "W", "--lenient"], Some(&page));
    assert_eq!(out.status.code(), Some(0));
    let blocks: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert!(blocks["blocks"][0].as_str().is_some_and(|b| b.contains("999.1.4.20")), "{blocks}");
    let out = planner(&["fence", "--info", "update-source-trace", "--line", "5"], Some(NO_AGENT));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(said_by_planner));
    let out = planner(&["fence", "--info", "update-source-trace static", "--lenient"], Some(NO_AGENT));
    assert_eq!(out.status.code(), Some(0));
    let figure: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert!(figure["figure"].as_str().is_some_and(|f| f.contains("error at line 1, column 66")), "{figure}");
}

#[test]
fn a_broken_line_that_may_change_the_answer_fails_a_strict_build_with_the_planners_warning() {
    let scenario = r#"{ "version": 5, "profile": "officescan-xg",
  "sources": { "mode": "customized", "list": "10.1.0.0/16 -> ua://10.1.0.5:99999\n10.0.0.0/8 -> ua://10.0.0.5" },
  "agent": { "addresses": ["10.1.4.20"] } }"#;
    let out = planner(&["fence", "--info", "update-source-trace", "--line", "9"], Some(scenario));
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("the update-source-trace fence at line 9: the source list's line 1, column 30: `99999` is not a port number"), "{said}");
    assert!(
        said.contains(
            "warning W6: this line has an error, and its range 10.1.0.0-10.1.255.255 holds this agent (10.1.4.20)"
        ),
        "{said}"
    );
}

/// A documentation tree of Markdown files (removed by the caller).
fn docs_tree(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("usp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap_or(&root)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(file, text).unwrap_or_else(|e| panic!("{e}"));
    }
    root
}

#[test]
fn fences_check_names_every_broken_fence_of_a_docs_tree_as_file_and_line_and_exits_1() {
    let good = format!("# Intro\n\n```update-source-trace\n{SCENARIO}\n```\n");
    let broken = format!(
        "# Floors\n\n```update-source-trace view=pictures\n{SCENARIO}\n```\n\nText.\n\n```update-source-trace\n{NO_AGENT}\n```\n\n```update-source-trace\nsrc=floor.json\n```\n"
    );
    let root = docs_tree(
        "check",
        &[
            ("intro.md", &good),
            ("guide/floors.mdx", &broken),
            ("guide/floor.json", SCENARIO),
            ("node_modules/x/README.md", "```update-source-trace\n{}\n```\n"),
            ("guide/notes.txt", "```update-source-trace\n{}\n```\n"),
        ],
    );
    let docs = root.display().to_string();
    let out = planner(&["fences", "--check", &docs], None);
    assert_eq!(out.status.code(), Some(1));
    let printed = String::from_utf8_lossy(&out.stdout);
    let floors = root.join("guide/floors.mdx").display().to_string();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "one line per broken fence, nothing from node_modules or .txt: {printed}");
    assert_eq!(lines[0], format!("{floors}:3: column 21: `pictures` is not a view: use trace, diagram or both"));
    assert!(lines[1].starts_with(&format!("{floors}:11: the scenario's line 1, column 66: `999.1.4.20`")), "{printed}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 of 4 fences in 2 Markdown files cannot be shown"));
    // --lenient lets the scenario with an error through; the bad option still fails.
    let out = planner(&["fences", "--check", &docs, "--lenient"], None);
    assert_eq!((out.status.code(), String::from_utf8_lossy(&out.stdout).lines().count()), (Some(1), 1));
    // All fine: 0, and nothing on standard output.
    std::fs::write(root.join("guide/floors.mdx"), &good).unwrap_or_else(|e| panic!("{e}"));
    let out = planner(&["fences", "--check", &docs], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 fences in 2 Markdown files, every one fine"));
    let out = planner(&["fences", "--check", &root.join("nowhere").display().to_string()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a folder"));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn install_of_the_kit_alone_links_to_the_full_planner_only_when_told_where() {
    let root = std::env::temp_dir().join(format!("usp-install-kit-{}", std::process::id()));
    let (book, kit) = (root.join("book"), root.join("kit"));
    std::fs::create_dir_all(&book).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(&kit).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(book.join("book.toml"), "[book]\nsrc = \"pages\"\n").unwrap_or_else(|e| panic!("{e}"));
    for f in ["element.js", "element.css", "planner.js", "core.js", "core_bg.wasm"] {
        std::fs::write(kit.join(f), f).unwrap_or_else(|e| panic!("{e}"));
    }
    let (b, k) = (book.display().to_string(), kit.display().to_string());
    let read = |p: &str| std::fs::read_to_string(book.join(p)).unwrap_or_default();
    let out = planner(&["mdbook", "install", &b, "--kit", &k], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read("pages/update-source-planner/api/element.js"), "element.js", "the book's own source folder");
    assert!(read("update-source-trace.js").contains("settings.planner = \"\";"), "no full planner: no link");
    let out = planner(&["mdbook", "install", &b, "--kit", &k, "--full-planner", "https://docs.example/planner/"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(read("update-source-trace.js").contains("new URL(\"https://docs.example/planner/\", here).href"));
    let _ = std::fs::remove_dir_all(&root);
}
