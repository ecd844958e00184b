//! `RUSTC_BOOTSTRAP=1 cargo fuzz run parse_835` (from crates/claimdesk-x12): the 835 reader
//! never panics, and what it returns holds together: every amount is whole cents within the
//! largest amount ClaimDesk takes, every claim names itself, and `balance_problems` reports a
//! remittance exactly when its sums (recomputed here in plain integers) do not add up.
#![no_main]

use claimdesk_core::Money;
use libfuzzer_sys::fuzz_target;

const MAX_CENTS: i64 = 9_999_999_999;

fn cents(m: Money) -> i128 {
    let c = m.cents();
    assert!(c.abs() <= MAX_CENTS, "amount {m} is beyond what ClaimDesk takes");
    assert_eq!(Money::from_cents(c), m, "amount {m} is not whole cents");
    i128::from(c)
}

fn adds_up(r: &claimdesk_x12::Remittance) -> bool {
    let mut ok = true;
    let mut paid = 0i128;
    for c in r.claims.iter().map(|c| &c.adjudication) {
        assert!(!c.control_number.is_empty(), "a claim without CLP01");
        assert!(!c.status_code.is_empty(), "a claim without CLP02");
        cents(c.patient_responsibility);
        let mut all = c.adjustments.iter().map(|a| cents(a.amount)).sum::<i128>();
        for l in &c.lines {
            assert!(!l.procedure.is_empty(), "a line without a procedure");
            let cas = l.adjustments.iter().map(|a| cents(a.amount)).sum::<i128>();
            ok &= cents(l.charge) - cents(l.paid) == cas;
            all += cas;
            if let Some(a) = l.allowed {
                cents(a);
            }
        }
        ok &= cents(c.charge) - cents(c.paid) == all;
        paid += cents(c.paid);
    }
    let plb = r.provider_adjustments.iter().map(|p| cents(p.amount)).sum::<i128>();
    ok && paid - plb == cents(r.total_paid)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match claimdesk_x12::parse_835(&text) {
        Ok(remits) => {
            for r in &remits {
                let problems = claimdesk_x12::balance_problems(r);
                assert_eq!(problems.is_empty(), adds_up(r), "balance_problems disagrees with the sums: {problems:?}");
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
