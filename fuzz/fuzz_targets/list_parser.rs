//! The pasted-list reader: any text, no panic, errors inside the text, and
//! every entry it understood reads back the same from its own line.
#![no_main]
use libfuzzer_sys::fuzz_target;
use update_source_planner::input::source_list::{parse_list, warnings, Numbering};

fuzz_target!(|text: &str| {
    let list = parse_list(text);
    let lines = text.lines().count().max(1);
    for e in &list.errors {
        assert!(e.line >= 1 && e.line <= lines && e.column >= 1);
    }
    for e in list.entries.iter().take(64) {
        let again = parse_list(&e.to_line());
        assert_eq!(again.entries.len(), 1, "{}", e.to_line());
        assert_eq!(again.entries[0].source, e.source);
    }
    let _ = warnings(&list.entries, Numbering::Lines);
});
