//! mdBook's side of the fences: its preprocessor protocol (the book as JSON
//! on standard input, the book back on standard output), what `book.toml`
//! asks of the fences, and the lines an installation adds to `book.toml`.
//! Only chapters' `content` is touched, and in it only our fences, so every
//! other byte of a book reaches mdBook's renderer as the writer wrote it.
//! Both the `mdbook-update-source-trace` preprocessor (the kit inside it)
//! and `planner mdbook` speak through this module.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::fence::{self, Strictness};

/// The name of the preprocessor's table in `book.toml` (mdBook runs
/// `mdbook-update-source-trace` for it when the table has no `command`).
pub const NAME: &str = "update-source-trace";

/// The folder, in the book's source folder, that holds the kit (in `api/`,
/// and the full planner around it when `planner mdbook install` copied it).
pub const KIT_FOLDER: &str = "update-source-planner";

/// The kit's files a fence needs in a reader's browser, in `KIT_FOLDER/api/`:
/// the element, its style sheet, the API it calls and the core under it.
pub const KIT_FILES: [&str; 5] = ["element.js", "element.css", "planner.js", "core.js", "core_bg.wasm"];

/// The loader the book's pages include (mdBook writes `additional-js` as a
/// classic script with the right relative path on every page, `print.html`
/// included); it loads the kit's element as a module from beside itself.
pub const LOADER: &str = "update-source-trace.js";

/// The renderers whose output runs the element.
pub fn supports(renderer: &str) -> bool {
    renderer == "html"
}

/// What `book.toml` says that the fences depend on, read the same way from
/// mdBook's context at build time and from the file at installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    src: PathBuf,
    strictness: Strictness,
    full_planner: Option<String>,
}

impl Settings {
    /// From mdBook's context (`config` is `book.toml` as JSON).
    pub fn from_context(context: &Value) -> Result<Settings, String> {
        let ours = |key: &str| context.pointer(&format!("/config/preprocessor/{NAME}/{key}"));
        Settings::from_values(context.pointer("/config/book/src"), ours("strict"), ours("full-planner"))
    }

    /// From `book.toml`'s text.
    pub fn from_book_toml(book_toml: &str) -> Result<Settings, String> {
        let doc: toml_edit::DocumentMut = book_toml.parse().map_err(|e| format!("book.toml is not TOML: {e}"))?;
        let value = |item: Option<&toml_edit::Item>| {
            item.map(|item| match item {
                toml_edit::Item::Value(toml_edit::Value::Boolean(b)) => Value::Bool(*b.value()),
                toml_edit::Item::Value(toml_edit::Value::String(s)) => Value::String(s.value().clone()),
                other => Value::String(other.to_string().trim().to_string()),
            })
        };
        let ours = doc.get("preprocessor").and_then(|p| p.get(NAME));
        Settings::from_values(
            value(doc.get("book").and_then(|b| b.get("src"))).as_ref(),
            value(ours.and_then(|t| t.get("strict"))).as_ref(),
            value(ours.and_then(|t| t.get("full-planner"))).as_ref(),
        )
    }

    fn from_values(
        src: Option<&Value>,
        strict: Option<&Value>,
        full_planner: Option<&Value>,
    ) -> Result<Settings, String> {
        let strictness = match strict {
            None | Some(Value::Bool(true)) => Strictness::Strict,
            Some(Value::Bool(false)) => Strictness::Lenient,
            Some(other) => {
                return Err(format!("book.toml: preprocessor.{NAME}.strict is {other}: write true or false"))
            }
        };
        let full_planner = match full_planner {
            None => None,
            Some(Value::String(address)) if !address.trim().is_empty() => Some(address.trim().to_string()),
            Some(other) => {
                return Err(format!(
                    "book.toml: preprocessor.{NAME}.full-planner is {other}: write the full planner's address, as \"https://example.com/planner/\""
                ))
            }
        };
        let src = PathBuf::from(src.and_then(Value::as_str).unwrap_or("src"));
        Ok(Settings { src, strictness, full_planner })
    }

    /// The book's source folder, from the book's root (`book.src`, `src` by default).
    pub fn src(&self) -> &Path {
        &self.src
    }

    /// Strict unless the table says `strict = false`.
    pub fn strictness(&self) -> Strictness {
        self.strictness
    }

    /// Where "Open in the full planner" goes (the table's `full-planner`), if anywhere.
    pub fn full_planner(&self) -> Option<&str> {
        self.full_planner.as_deref()
    }

    /// Where the kit's files go in a book whose root is `root`.
    pub fn kit_folder(&self, root: &Path) -> PathBuf {
        root.join(&self.src).join(KIT_FOLDER).join("api")
    }
}

/// One run of the preprocessor: the book's root, its settings and the book.
#[derive(Debug, Clone)]
pub struct Request {
    root: PathBuf,
    settings: Settings,
    book: Value,
}

impl Request {
    /// mdBook's `[context, book]` from standard input.
    pub fn read(input: &str) -> Result<Request, String> {
        let [context, book]: [Value; 2] = serde_json::from_str::<Vec<Value>>(input)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or("mdbook: standard input is not mdBook's [context, book]")?;
        let settings = Settings::from_context(&context)?;
        let root = PathBuf::from(context.get("root").and_then(Value::as_str).unwrap_or("."));
        Ok(Request { root, settings, book })
    }

    /// The book's root folder (where `book.toml` is).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What `book.toml` asks of the fences.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The book with every fence of every chapter replaced, as mdBook's
    /// JSON; or the first fence that cannot be shown, named by its chapter's
    /// file (from the book's root), its line and, for a bad scenario, the
    /// JSON's line and column. `read` reads a fence's `src` file.
    pub fn preprocess(self, read: &dyn Fn(&Path) -> Result<String, String>) -> Result<String, String> {
        let Request { root, settings, mut book } = self;
        let src = settings.src();
        let mut failure = None;
        each_chapter(&mut book, &mut |chapter| {
            if failure.is_some() {
                return;
            }
            let source = chapter.get("source_path").and_then(Value::as_str).map(PathBuf::from);
            let Some(Value::String(content)) = chapter.get_mut("content") else { return };
            let folder = root.join(src).join(source.as_deref().and_then(Path::parent).unwrap_or(Path::new("")));
            let read_beside = |path: &str| read(&folder.join(path));
            match fence::replace(content, &read_beside, settings.strictness(), &mut fence::as_block) {
                Ok(replaced) => *content = replaced,
                Err(e) => {
                    let file = source
                        .map_or_else(|| "a chapter without a file".to_string(), |s| src.join(s).display().to_string());
                    // The setting's own form in book.toml, where the planner's message names the generic one.
                    let said = e.to_string().replace(
                        "set strict: false",
                        &format!("set strict = false under [preprocessor.{NAME}] in book.toml"),
                    );
                    failure = Some(format!("{file}: {said}"));
                }
            }
        });
        match failure {
            Some(message) => Err(message),
            None => Ok(book.to_string()),
        }
    }
}

/// The book with every fence replaced (`Request::read`, then `preprocess`).
pub fn preprocess(input: &str, read: &dyn Fn(&Path) -> Result<String, String>) -> Result<String, String> {
    Request::read(input)?.preprocess(read)
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

/// `book.toml` with the preprocessor's table and the loader added (once:
/// running the install again changes nothing), every other line as it was.
/// `command`: how mdBook runs the preprocessor; `None` writes none, and
/// mdBook runs `mdbook-update-source-trace` from the PATH, on any machine
/// (a `command` an earlier installation wrote is taken out).
pub fn install_into(book_toml: &str, command: Option<&str>) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = book_toml.parse().map_err(|e| format!("book.toml is not TOML: {e}"))?;
    let preprocessor = table(doc.as_table_mut(), "preprocessor")?;
    let ours = table(preprocessor, NAME)?;
    ours.set_implicit(false);
    match command {
        Some(command) => ours["command"] = toml_edit::value(command),
        None => _ = ours.remove("command"),
    }
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
/// the script, and where "Open in the full planner" goes: `planner`, an
/// address resolved against the book's root, or nowhere (`None`: the
/// element shows no such link), unless the page set it first.
pub fn loader(planner: Option<&str>) -> String {
    let planner = match planner {
        Some(address) => format!("new URL({}, here).href", serde_json::to_string(address).unwrap_or_default()),
        None => "\"\"".to_string(),
    };
    format!(
        "// Update Source Planner's fences: written by the book's mdBook preprocessor\n\
         // (mdbook-update-source-trace). mdBook includes this on every page with the\n\
         // right relative path; it loads the <update-source-trace> element from the\n\
         // kit beside it.\n\
         (function () {{\n\
         \x20 var here = document.currentScript.src;\n\
         \x20 var settings = (globalThis.UpdateSourcePlanner = globalThis.UpdateSourcePlanner || {{}});\n\
         \x20 if (settings.planner == null) settings.planner = {planner};\n\
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
        let once = install_into(toml, Some("planner mdbook")).unwrap();
        assert!(once.starts_with("[book]\ntitle = \"Updates\" # ours\n"), "{once}");
        assert!(once.contains("[preprocessor.update-source-trace]\ncommand = \"planner mdbook\"\n"), "{once}");
        assert!(once.contains("additional-js = [\"mine.js\", \"update-source-trace.js\"]"), "{once}");
        assert_eq!(install_into(&once, Some("planner mdbook")).unwrap(), once);
        assert!(install_into("[output]\nhtml = 3\n", Some("planner mdbook")).is_err());
        assert!(install_into("[preprocessor]\nupdate-source-trace = 3\n", None)
            .unwrap_err()
            .contains("`update-source-trace`"));
        assert!(install_into("[output.html]\nadditional-js = 3\n", None).unwrap_err().contains("not a list"));
        assert!(install_into("[book\n", None).unwrap_err().starts_with("book.toml is not TOML"));
    }

    #[test]
    fn the_portable_install_writes_no_command_and_takes_out_an_old_one() {
        let fresh = install_into("[book]\ntitle = \"Updates\"\n", None).unwrap();
        assert_eq!(
            fresh,
            "[book]\ntitle = \"Updates\"\n\n[preprocessor.update-source-trace]\n\n[output.html]\nadditional-js = [\"update-source-trace.js\"]\n"
        );
        let old = "[preprocessor.update-source-trace]\ncommand = '\"/home/me/planner\" mdbook'\nstrict = false\n";
        let portable = install_into(old, None).unwrap();
        assert!(portable.starts_with("[preprocessor.update-source-trace]\nstrict = false\n"), "{portable}");
        assert!(!portable.contains("command"), "{portable}");
        assert_eq!(install_into(&portable, None).unwrap(), portable);
    }

    #[test]
    fn settings_are_read_alike_from_book_toml_and_from_mdbooks_context() {
        let toml = "[book]\nsrc = \"pages\"\n[preprocessor.update-source-trace]\nstrict = false\nfull-planner = \"https://docs.example/planner/\"\n";
        let context = serde_json::json!({ "config": { "book": { "src": "pages" }, "preprocessor": { NAME: {
            "strict": false, "full-planner": "https://docs.example/planner/" } } } });
        let read = Settings::from_book_toml(toml).unwrap();
        assert_eq!(Settings::from_context(&context).unwrap(), read);
        assert_eq!(read.src(), Path::new("pages"));
        assert_eq!(read.strictness(), Strictness::Lenient);
        assert_eq!(read.full_planner(), Some("https://docs.example/planner/"));
        assert_eq!(read.kit_folder(Path::new("/b")), Path::new("/b/pages/update-source-planner/api"));
        let plain = Settings::from_book_toml("[book]\ntitle = \"x\"\n").unwrap();
        assert_eq!(Settings::from_context(&serde_json::json!({})).unwrap(), plain);
        assert_eq!(
            (plain.src(), plain.strictness(), plain.full_planner()),
            (Path::new("src"), Strictness::Strict, None)
        );
        let strict = Settings::from_book_toml("[preprocessor.update-source-trace]\nstrict = true\n").unwrap();
        assert_eq!(strict.strictness(), Strictness::Strict);
        let said = |toml: &str| Settings::from_book_toml(toml).unwrap_err();
        assert_eq!(
            said("[preprocessor.update-source-trace]\nstrict = \"no\"\n"),
            "book.toml: preprocessor.update-source-trace.strict is \"no\": write true or false"
        );
        assert!(said("[preprocessor.update-source-trace]\nstrict = 0\n").contains("strict is \"0\""));
        assert!(
            said("[preprocessor.update-source-trace]\nfull-planner = \" \"\n").contains("full-planner is \" \": write")
        );
        assert!(said("[preprocessor.update-source-trace]\nfull-planner = false\n").contains("full-planner is false"));
        assert!(said("[book\n").starts_with("book.toml is not TOML"));
    }

    #[test]
    fn a_request_carries_the_books_root_and_settings_from_mdbooks_context() {
        let input = serde_json::json!([{ "root": "/books/guide", "config": { "book": { "src": "pages" },
            "preprocessor": { NAME: { "full-planner": "../planner/" } } } }, { "items": [] }]);
        let request = Request::read(&input.to_string()).unwrap();
        assert_eq!(request.root(), Path::new("/books/guide"));
        assert_eq!(request.settings().src(), Path::new("pages"));
        assert_eq!(request.settings().full_planner(), Some("../planner/"));
        assert_eq!(request.preprocess(&|_| Err("no file".into())).unwrap(), "{\"items\":[]}");
        let rootless = Request::read("[{}, {}]").unwrap();
        assert_eq!(rootless.root(), Path::new("."));
        assert!(Request::read("[{}]").unwrap_err().contains("is not mdBook's [context, book]"));
    }

    #[test]
    fn the_loader_points_where_it_is_told_or_shows_no_link() {
        assert!(loader(Some("update-source-planner/"))
            .contains("settings.planner = new URL(\"update-source-planner/\", here).href;"));
        assert!(loader(Some("https://docs.example/planner/"))
            .contains("new URL(\"https://docs.example/planner/\", here).href"));
        assert!(loader(None).contains("if (settings.planner == null) settings.planner = \"\";"));
        assert!(loader(None).contains("new URL(\"update-source-planner/api/element.js\", here)"));
    }

    #[test]
    fn only_the_html_renderer_runs_the_element() {
        assert!(supports("html"));
        assert!(!supports("pdf"));
        assert!(!supports("markdown"));
    }
}
