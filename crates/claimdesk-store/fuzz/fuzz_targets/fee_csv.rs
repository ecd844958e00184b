//! `RUSTC_BOOTSTRAP=1 cargo fuzz run fee_csv` (from crates/claimdesk-store): the fee schedule
//! CSV reader (`read_fees_csv`, no practice file) never panics; every refused row names a
//! field and a non-blank line of the file; every accepted entry is a valid fee (more than 0.00,
//! whole cents, dated, within its own line) and no two accepted entries are the same fee.
#![no_main]

use claimdesk_core::Money;
use claimdesk_store::fee_csv::{read_fees_csv, FeeRows};
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

/// The payers the fuzzed files may name: ACME1 (by ID) and "Acme Health" (by name) are one payer.
fn payer(key: &str) -> Option<i64> {
    match key {
        "ACME1" | "Acme Health" => Some(1),
        "OTH01" => Some(2),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(FeeRows { entries, rejected }) = read_fees_csv(data, payer) else { return };
    let lines = check::lines(data);
    for p in &rejected {
        check::check_problem(p, &lines);
    }
    for (i, (row, e)) in entries.iter().enumerate() {
        assert!(
            *row >= 2 && *row <= lines.len() && !lines[*row - 1].is_empty(),
            "entry on row {row} of {} lines",
            lines.len()
        );
        assert!(e.validated().is_ok(), "an accepted entry does not validate: {e:?}");
        assert!(!e.amount.is_negative() && !e.amount.is_zero(), "accepted fee {}", e.amount);
        assert_eq!(Money::from_cents(e.amount.cents()), e.amount, "accepted fee {} is not whole cents", e.amount);
        assert!(e.effective_from.is_some());
        let twin = entries[..i].iter().any(|(_, o)| {
            o.payer_id == e.payer_id
                && o.code == e.code
                && o.modifier == e.modifier
                && o.effective_from == e.effective_from
        });
        if twin {
            assert!(
                rejected.iter().any(|p| p.row == *row && p.field == "code"),
                "a repeated fee on row {row} is not refused"
            );
        }
    }
});
