//! `RUSTC_BOOTSTRAP=1 cargo fuzz run patient_csv` (from crates/claimdesk-store): the patient
//! CSV reader (`read_patients_csv`, no practice file) never panics; every refused row names a
//! field and a non-blank line of the file; every accepted patient validates as saving it
//! would, with a whole-cent copay that is not negative and a payer the file named.
#![no_main]

use chrono::NaiveDate;
use claimdesk_core::Money;
use claimdesk_store::patient_csv::{read_patients_csv, PatientRows};
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fn payer(key: &str) -> Option<i64> {
    match key {
        "ACME1" | "Acme Health" => Some(1),
        "OTH01" => Some(2),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).expect("a date");
    let Ok(PatientRows { patients, rejected }) = read_patients_csv(data, today, payer) else { return };
    let lines = check::lines(data);
    for p in &rejected {
        check::check_problem(p, &lines);
    }
    for (row, p) in &patients {
        assert!(
            *row >= 2 && *row <= lines.len() && !lines[*row - 1].is_empty(),
            "patient on row {row} of {} lines",
            lines.len()
        );
        assert!(p.validated(today).is_ok(), "an accepted patient does not validate (row {row})");
        for policy in &p.policies {
            assert!(policy.payer_id == 1 || policy.payer_id == 2, "a policy with payer {}", policy.payer_id);
            assert!(!policy.copay.is_negative(), "copay {}", policy.copay);
            assert_eq!(
                Money::from_cents(policy.copay.cents()),
                policy.copay,
                "copay {} is not whole cents",
                policy.copay
            );
        }
    }
});
