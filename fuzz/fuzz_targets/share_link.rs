//! The share-link decoder: any fragment, no panic; a link it accepts
//! encodes back to a link that decodes the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use update_source_planner::format::share::{decode, encode};

fuzz_target!(|fragment: &str| {
    if let Ok(s) = decode(fragment) {
        assert_eq!(decode(&encode(&s)), Ok(s));
    }
});
