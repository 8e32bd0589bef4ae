//! mdBook's side of the fences: its preprocessor protocol (the book as JSON
//! on standard input, the book back on standard output) and the lines
//! `planner mdbook install` adds to `book.toml`. Only chapters' `content`
//! is touched, and in it only our fences, so every other byte of a book
//! reaches mdBook's renderer as the writer wrote it.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::fence;

/// The name of the preprocessor's table in `book.toml` and of the loader script.
pub const NAME: &str = "update-source-trace";

/// The folder, in the book's source folder, that holds the kit (and the
/// full planner beside it when it was built).
pub const KIT_FOLDER: &str = "update-source-planner";

/// The loader the book's pages include (mdBook writes `additional-js` as a
/// classic script with the right relative path on every page, `print.html`
/// included); it loads the kit's element as a module from beside itself.
pub const LOADER: &str = "update-source-trace.js";

/// The renderers whose output runs the element.
pub fn supports(renderer: &str) -> bool {
    renderer == "html"
}

/// The book with every fence of every chapter replaced, as mdBook's JSON; or
/// the first fence that cannot be shown, named by its chapter's file (from
/// the book's root), its line and, for a bad scenario, the JSON's line and
/// column. `read` reads a fence's `src` file. The book is strict unless
/// `book.toml` says `strict = false` in the preprocessor's table.
pub fn preprocess(input: &str, read: &dyn Fn(&Path) -> Result<String, String>) -> Result<String, String> {
    let [context, mut book]: [Value; 2] = serde_json::from_str::<Vec<Value>>(input)
        .ok()
        .and_then(|v| v.try_into().ok())
        .ok_or("mdbook: standard input is not mdBook's [context, book]")?;
    let strictness = match context.pointer(&format!("/config/preprocessor/{NAME}/strict")) {
        None | Some(Value::Bool(true)) => fence::Strictness::Strict,
        Some(Value::Bool(false)) => fence::Strictness::Lenient,
        Some(other) => return Err(format!("book.toml: preprocessor.{NAME}.strict is {other}: write true or false")),
    };
    let src = context.pointer("/config/book/src").and_then(Value::as_str).unwrap_or("src");
    let root = PathBuf::from(context.get("root").and_then(Value::as_str).unwrap_or("."));
    let mut failure = None;
    each_chapter(&mut book, &mut |chapter| {
        if failure.is_some() {
            return;
        }
        let source = chapter.get("source_path").and_then(Value::as_str).map(PathBuf::from);
        let Some(Value::String(content)) = chapter.get_mut("content") else { return };
        let folder = root.join(src).join(source.as_deref().and_then(Path::parent).unwrap_or(Path::new("")));
        let read_beside = |path: &str| read(&folder.join(path));
        match fence::replace(content, &read_beside, strictness, &mut fence::as_block) {
            Ok(replaced) => *content = replaced,
            Err(e) => {
                let file = source.map_or_else(
                    || "a chapter without a file".to_string(),
                    |s| Path::new(src).join(s).display().to_string(),
                );
                failure = Some(format!("{file}: {e}"));
            }
        }
    });
    match failure {
        Some(message) => Err(message),
        None => Ok(book.to_string()),
    }
}

/// Every chapter object of the book, at any depth: mdBook 0.4 keeps them in
/// `sections`, 0.5 in `items`, both as `{"Chapter": {..., "sub_items": [...]}}`.
fn each_chapter(value: &mut Value, visit: &mut dyn FnMut(&mut serde_json::Map<String, Value>)) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| each_chapter(v, visit)),
        Value::Object(map) => {
            if let Some(Value::Object(chapter)) = map.get_mut("Chapter") {
                visit(chapter);
            }
            map.values_mut().for_each(|v| each_chapter(v, visit));
        }
        _ => {}
    }
}

/// `book.toml` with the preprocessor and the loader added (once: running
/// the install again changes nothing), every other line as it was.
pub fn install_into(book_toml: &str, command: &str) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = book_toml.parse().map_err(|e| format!("book.toml is not TOML: {e}"))?;
    let preprocessor = table(doc.as_table_mut(), "preprocessor")?;
    let ours = table(preprocessor, NAME)?;
    ours["command"] = toml_edit::value(command);
    ours["renderers"] = toml_edit::value(toml_edit::Array::from_iter(["html"]));
    let output = table(doc.as_table_mut(), "output")?;
    let html = table(output, "html")?;
    let scripts = html.entry("additional-js").or_insert(toml_edit::value(toml_edit::Array::new()));
    let scripts = scripts.as_array_mut().ok_or("book.toml: output.html.additional-js is not a list")?;
    if !scripts.iter().any(|s| s.as_str() == Some(LOADER)) {
        scripts.push(LOADER);
    }
    Ok(doc.to_string())
}

/// The table `key` of `parent`, made (implicit, as `[a.b]` makes `a`) if absent.
fn table<'a>(parent: &'a mut toml_edit::Table, key: &str) -> Result<&'a mut toml_edit::Table, String> {
    let entry = parent.entry(key).or_insert_with(|| {
        let mut t = toml_edit::Table::new();
        t.set_implicit(true);
        toml_edit::Item::Table(t)
    });
    entry.as_table_mut().ok_or_else(|| format!("book.toml: `{key}` is not a table"))
}

/// The loader script: the kit's element as a module, from the folder beside
/// the script, and where the full planner is for "Open in the full planner"
/// (`planner`, an address resolved against the book's root; by default the
/// planner copied beside the kit).
pub fn loader(planner: Option<&str>) -> String {
    let planner = serde_json::to_string(planner.unwrap_or(&format!("{KIT_FOLDER}/"))).unwrap_or_default();
    format!(
        "// Update Source Planner's fences: written by `planner mdbook install`.\n\
         // mdBook includes this on every page with the right relative path; it\n\
         // loads the <update-source-trace> element from the kit beside it.\n\
         (function () {{\n\
         \x20 var here = document.currentScript.src;\n\
         \x20 var settings = (globalThis.UpdateSourcePlanner = globalThis.UpdateSourcePlanner || {{}});\n\
         \x20 if (!settings.planner) settings.planner = new URL({planner}, here).href;\n\
         \x20 var script = document.createElement(\"script\");\n\
         \x20 script.type = \"module\";\n\
         \x20 script.src = new URL(\"{KIT_FOLDER}/api/element.js\", here).href;\n\
         \x20 document.head.appendChild(script);\n\
         }})();\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_install_adds_the_preprocessor_and_the_loader_once_and_keeps_the_rest() {
        let toml = "[book]\ntitle = \"Updates\" # ours\n\n[output.html]\ndefault-theme = \"navy\"\nadditional-js = [\"mine.js\"]\n";
        let once = install_into(toml, "planner mdbook").unwrap();
        assert!(once.starts_with("[book]\ntitle = \"Updates\" # ours\n"), "{once}");
        assert!(
            once.contains("[preprocessor.update-source-trace]\ncommand = \"planner mdbook\"\nrenderers = [\"html\"]"),
            "{once}"
        );
        assert!(once.contains("additional-js = [\"mine.js\", \"update-source-trace.js\"]"), "{once}");
        assert_eq!(install_into(&once, "planner mdbook").unwrap(), once);
        assert!(install_into("[output]\nhtml = 3\n", "planner mdbook").is_err());
        assert!(install_into("[book\n", "planner mdbook").unwrap_err().starts_with("book.toml is not TOML"));
    }

    #[test]
    fn the_loader_points_at_the_planner_beside_the_kit_unless_told() {
        assert!(loader(None).contains("new URL(\"update-source-planner/\", here)"));
        assert!(
            loader(Some("https://docs.example/planner/")).contains("new URL(\"https://docs.example/planner/\", here)")
        );
        assert!(loader(None).contains("\"update-source-planner/api/element.js\""));
    }
}
