//! `RUSTC_BOOTSTRAP=1 cargo fuzz run parse_277ca` (from crates/claimdesk-x12): the 277CA
//! reader never panics; what it reads has one claim per patient-level HL (HL03 = PT), whole-cent
//! charges, and `parse_acknowledgement` tells it for a 277CA and reads the same claims.
#![no_main]

use claimdesk_core::Money;
use claimdesk_x12::{parse_277ca, parse_acknowledgement, segments::tokenize, Acknowledgement};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_277ca(&text) {
        Ok(report) => {
            let pt = tokenize(&text)
                .expect("read, so it tokenizes")
                .segments
                .iter()
                .filter(|s| s.id == "HL" && s.el(3) == "PT")
                .count();
            assert_eq!(report.claims.len(), pt, "one claim per HL*PT");
            for c in &report.claims {
                if let Some(charge) = c.charge {
                    assert_eq!(Money::from_cents(charge.cents()), charge, "charge {charge} is not whole cents");
                }
            }
            match parse_acknowledgement(&text) {
                Ok(Acknowledgement::Claims(again)) => assert_eq!(again, report),
                other => panic!("parse_277ca read it, parse_acknowledgement says {other:?}"),
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
