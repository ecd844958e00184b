//! `RUSTC_BOOTSTRAP=1 cargo fuzz run parse_999` (from crates/claimdesk-x12): the 999 reader
//! never panics; a file it reads holds at least one acknowledged group, and
//! `parse_acknowledgement` tells it for a 999 and reads the same groups.
#![no_main]

use claimdesk_x12::{parse_999, parse_acknowledgement, Acknowledgement};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_999(&text) {
        Ok(groups) => {
            assert!(!groups.is_empty(), "a 999 read without an AK1 group");
            match parse_acknowledgement(&text) {
                Ok(Acknowledgement::Implementation(again)) => assert_eq!(again, groups),
                other => panic!("parse_999 read it, parse_acknowledgement says {other:?}"),
            }
            for set in groups.iter().flat_map(|g| &g.sets) {
                assert_eq!(set.accepted(), matches!(set.status.as_str(), "A" | "E"));
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
