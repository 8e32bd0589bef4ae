//! Every input a fuzz run ever crashed on, kept with the property it broke
//! (`fuzz/fuzz_targets/`). Files: `tests/corpus/fuzz/<target>-<what>.bin`.

use update_source_planner::input::source_list::parse_list;

fn inputs(target: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/fuzz");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(target))
        .filter_map(|e| {
            let bytes = std::fs::read(e.path()).ok()?;
            // As the fuzz target sees it: the longest valid UTF-8 prefix (`arbitrary`'s `&str`).
            let valid = match std::str::from_utf8(&bytes) {
                Ok(s) => s.to_string(),
                Err(err) => String::from_utf8_lossy(bytes.get(..err.valid_up_to())?).into_owned(),
            };
            Some((e.file_name().to_string_lossy().into_owned(), valid))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn list_parser_entries_read_back_the_same_from_their_own_line() {
    let cases = inputs("list_parser");
    assert!(!cases.is_empty());
    for (name, text) in cases {
        let list = parse_list(&text);
        for e in &list.entries {
            let again = parse_list(&e.to_line());
            assert_eq!(again.entries.len(), 1, "{name}: {}", e.to_line());
            assert_eq!(again.entries[0].source, e.source, "{name}");
            assert_eq!(again.entries[0].range, e.range, "{name}");
        }
    }
}
