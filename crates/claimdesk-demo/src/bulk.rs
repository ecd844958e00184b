//! A big practice fast, for the reports benchmarks: the demo's providers, payers and patients
//! (through the store's own writes), then two years of billing history written in bulk
//! (`Tx::bulk_visit`) instead of through charge entry and the posting engine, which would take
//! too long for half a million service lines.
//!
//! The history has the shapes real posting leaves: charges in the insurance bucket (or the
//! patient's for the uninsured), claims to the primary payer and, with a second policy, to the
//! secondary; remittances paying part, writing off the contractual difference (CO-45) and
//! moving deductible / coinsurance / copay to the patient (or leaving it for the secondary);
//! denials, claims still waiting, write-offs of old denials; patient payments by cash, check and
//! card (some partial, some overpaid as a credit) and returned checks reversed.

use crate::{demo_practice, populate_with, DemoActivity, DemoOptions, Specialty};
use chrono::{NaiveDate, TimeDelta};
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::posting::{Bucket, EntryKind};
use claimdesk_core::Money;
use claimdesk_store::{
    BulkClaim, BulkEntry, BulkLine, BulkPosting, BulkPostingKind, BulkVisit, PaymentMethod, Result, Store,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;

/// How much history to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkOptions {
    pub patients: usize,
    /// Service lines to write (visits are added until there are at least this many).
    pub service_lines: usize,
    /// How far back the history goes.
    pub days: i64,
    pub seed: u64,
    pub today: NaiveDate,
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BulkSummary {
    pub patients: usize,
    pub visits: usize,
    pub service_lines: usize,
    pub ledger_entries: usize,
}

const CODES: &[(&str, i64)] = &[
    ("99213", 12500),
    ("99214", 18500),
    ("99203", 17000),
    ("99212", 8500),
    ("36415", 2500),
    ("81002", 1800),
    ("90471", 3500),
    ("93000", 5500),
    ("80053", 4500),
    ("85025", 3000),
    ("97110", 6000),
];

struct Person {
    id: i64,
    /// (policy id, payer id), primary first.
    policies: Vec<(i64, i64)>,
}

fn entry(line: Option<usize>, claim: Option<usize>, kind: EntryKind, bucket: Bucket, cents: i64) -> BulkEntry {
    BulkEntry {
        line,
        claim,
        kind,
        bucket,
        amount: Money::from_cents(cents),
        group_code: "",
        reason_code: "",
        responsibility: "",
        reverses: None,
    }
}

/// Creates a practice file at `path` with the demo's setup and patients, then the history.
pub fn create_bulk_practice(path: &Path, options: &BulkOptions) -> Result<(Store, BulkSummary)> {
    let mut store = Store::create(path, &demo_practice(Specialty::Physician))?;
    crate::users::add_demo_users(&mut store)?;
    store.set_today(options.today);
    // Postings record who posted; generated history is the demo's, whoever runs it.
    store.set_actor(&crate::demo_actor());
    let demo = DemoOptions {
        specialty: Specialty::Physician,
        patients: options.patients,
        seed: options.seed,
        today: options.today,
    };
    populate_with(&mut store, &demo, &DemoActivity { visits: 0 })?;
    let summary = write_history(&mut store, options)?;
    Ok((store, summary))
}

/// Writes the billing history into a practice that has patients, providers and payers.
pub fn write_history(store: &mut Store, options: &BulkOptions) -> Result<BulkSummary> {
    let providers: Vec<i64> =
        store.list_providers()?.into_iter().filter(|p| p.is_rendering).filter_map(|p| p.id).collect();
    let count = store.count_patients()?;
    let mut people = Vec::with_capacity(count as usize);
    for id in 1..=count {
        let p = store.get_patient(id)?;
        let policies = p.policies.iter().filter_map(|pol| Some((pol.id?, pol.payer_id))).collect();
        people.push(Person { id, policies });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed ^ 0xB0_1C);
    let mut summary = BulkSummary { patients: people.len(), ..BulkSummary::default() };
    let today = options.today;
    while summary.service_lines < options.service_lines {
        let mut batch = Vec::with_capacity(5000);
        while batch.len() < 5000 && summary.service_lines < options.service_lines {
            let who = &people[rng.gen_range(0..people.len())];
            let provider = providers[rng.gen_range(0..providers.len())];
            let v = visit(&mut rng, who, provider, today, options.days);
            summary.service_lines += v.lines.len();
            summary.visits += 1;
            batch.push(v);
        }
        let written = store.with_tx_as_of(today, |tx| {
            let mut entries = 0;
            for v in &batch {
                entries += tx.bulk_visit(v)?.entries;
            }
            Ok(entries)
        })?;
        summary.ledger_entries += written;
    }
    Ok(summary)
}

fn pick_method(rng: &mut ChaCha8Rng) -> (PaymentMethod, String) {
    match rng.gen_range(0..100) {
        0..=24 => (PaymentMethod::Cash, String::new()),
        25..=54 => (PaymentMethod::Check, format!("{}", rng.gen_range(1000..9999))),
        _ => (PaymentMethod::Card, format!("{:04}", rng.gen_range(0..10000))),
    }
}

fn visit(rng: &mut ChaCha8Rng, who: &Person, provider: i64, today: NaiveDate, days: i64) -> BulkVisit {
    let date = today - TimeDelta::days(rng.gen_range(1..=days));
    let n = match rng.gen_range(0..100) {
        0..=34 => 1,
        35..=69 => 2,
        70..=89 => 3,
        _ => 4,
    };
    let insured = !who.policies.is_empty();
    let bucket = if insured { Bucket::Insurance } else { Bucket::Patient };
    let lines: Vec<BulkLine> = (0..n)
        .map(|i| {
            // The first line is an office visit; the rest anything.
            let (code, cents) = if i == 0 { CODES[rng.gen_range(0..4)] } else { CODES[rng.gen_range(4..CODES.len())] };
            BulkLine { code: code.into(), units: 1, charge: Money::from_cents(cents), bucket }
        })
        .collect();
    let mut v = BulkVisit {
        patient_id: who.id,
        service_date: date,
        provider_id: provider,
        place_of_service: "11".into(),
        diagnosis: "I10".into(),
        lines,
        claims: Vec::new(),
        postings: Vec::new(),
    };
    let due = |d: NaiveDate| d <= today;
    // What each line leaves to the patient, and from when.
    let mut patient_share: Vec<i64> = vec![0; n];
    let mut share_from = date;
    if insured {
        let (policy, payer) = who.policies[0];
        let age = (today - date).num_days();
        let roll = rng.gen_range(0..100);
        let paid_on = date + TimeDelta::days(rng.gen_range(12..45));
        // Most claims are answered; a few old ones never were (lost, to be followed up).
        let waiting = if age < 120 { 10 } else { 3 };
        let status = if age < 10 || !due(paid_on) || roll < waiting {
            ClaimStatus::Submitted
        } else if roll < waiting + 6 {
            ClaimStatus::Denied
        } else {
            ClaimStatus::Paid
        };
        v.claims.push(BulkClaim { policy_id: policy, payer_id: payer, status });
        match status {
            ClaimStatus::Denied => {
                // Old denials are mostly written off by the office.
                let off = date + TimeDelta::days(rng.gen_range(60..150));
                if due(off) && rng.gen_bool(0.6) {
                    let entries = v
                        .lines
                        .iter()
                        .enumerate()
                        .map(|(i, l)| BulkEntry {
                            group_code: "CO",
                            reason_code: "29",
                            ..entry(Some(i), Some(0), EntryKind::Adjustment, Bucket::Insurance, -l.charge.cents())
                        })
                        .collect();
                    v.postings.push(BulkPosting { date: off, kind: BulkPostingKind::Adjustment, entries });
                }
            }
            ClaimStatus::Paid => {
                let secondary = who.policies.get(1).copied();
                let mut entries = Vec::new();
                let mut left_for_secondary = vec![0i64; n];
                for (i, l) in v.lines.iter().enumerate() {
                    let charge = l.charge.cents();
                    let allowed = charge * rng.gen_range(55..82) / 100;
                    let (reason, why) = match rng.gen_range(0..3) {
                        0 => ("1", "deductible"),
                        1 => ("2", "coinsurance"),
                        _ => ("3", "copay"),
                    };
                    let pr = if rng.gen_bool(0.55) { allowed * rng.gen_range(5..35) / 100 } else { 0 };
                    let paid = allowed - pr;
                    entries.push(entry(Some(i), Some(0), EntryKind::InsurancePayment, Bucket::Insurance, -paid));
                    entries.push(BulkEntry {
                        group_code: "CO",
                        reason_code: "45",
                        ..entry(Some(i), Some(0), EntryKind::Adjustment, Bucket::Insurance, -(charge - allowed))
                    });
                    if pr > 0 {
                        if secondary.is_some() {
                            left_for_secondary[i] = pr;
                        } else {
                            let moved = |bucket, cents| BulkEntry {
                                group_code: "PR",
                                reason_code: reason,
                                responsibility: why,
                                ..entry(Some(i), Some(0), EntryKind::Transfer, bucket, cents)
                            };
                            entries.push(moved(Bucket::Insurance, -pr));
                            entries.push(moved(Bucket::Patient, pr));
                            patient_share[i] = pr;
                        }
                    }
                }
                let method = if rng.gen_bool(0.7) { "ACH" } else { "CHK" };
                v.postings.push(BulkPosting {
                    date: paid_on,
                    kind: BulkPostingKind::Remittance { claim: 0, method },
                    entries,
                });
                share_from = paid_on;
                if let Some((policy, payer)) = secondary.filter(|_| left_for_secondary.iter().any(|c| *c > 0)) {
                    let second_on = paid_on + TimeDelta::days(rng.gen_range(10..40));
                    let pays = due(second_on) && rng.gen_bool(0.8);
                    v.claims.push(BulkClaim {
                        policy_id: policy,
                        payer_id: payer,
                        status: if pays { ClaimStatus::Paid } else { ClaimStatus::Submitted },
                    });
                    if pays {
                        let mut entries = Vec::new();
                        for (i, left) in left_for_secondary.iter().enumerate().filter(|(_, c)| **c > 0) {
                            let paid = left * 8 / 10;
                            entries.push(entry(
                                Some(i),
                                Some(1),
                                EntryKind::InsurancePayment,
                                Bucket::Insurance,
                                -paid,
                            ));
                            entries.push(BulkEntry {
                                group_code: "CO",
                                reason_code: "45",
                                ..entry(Some(i), Some(1), EntryKind::Adjustment, Bucket::Insurance, -(left - paid))
                            });
                        }
                        v.postings.push(BulkPosting {
                            date: second_on,
                            kind: BulkPostingKind::Remittance { claim: 1, method: "ACH" },
                            entries,
                        });
                    }
                }
            }
            _ => {}
        }
    } else {
        patient_share = v.lines.iter().map(|l| l.charge.cents()).collect();
    }
    // The patient's part: paid at the desk (at once for the uninsured, mostly), partly, with
    // a little extra left as a credit, or not at all.
    let owed: i64 = patient_share.iter().sum();
    if owed > 0 {
        let pay_on =
            if insured || rng.gen_bool(0.4) { share_from + TimeDelta::days(rng.gen_range(5..70)) } else { date };
        if due(pay_on) {
            let roll = rng.gen_range(0..100);
            let part = match roll {
                0..=54 => Some(100),
                55..=69 => Some(50),
                70..=74 => Some(110),
                _ => None,
            };
            if let Some(percent) = part {
                let mut to_pay = owed * percent / 100;
                let mut entries = Vec::new();
                for (i, share) in patient_share.iter().enumerate().filter(|(_, c)| **c > 0) {
                    let take = (*share).min(to_pay);
                    if take > 0 {
                        entries.push(entry(Some(i), None, EntryKind::PatientPayment, Bucket::Patient, -take));
                        to_pay -= take;
                    }
                }
                if to_pay > 0 {
                    entries.push(entry(None, None, EntryKind::PatientPayment, Bucket::Patient, -to_pay));
                }
                let (method, reference) = pick_method(rng);
                let returned = method == PaymentMethod::Check && rng.gen_bool(0.03);
                let paid_index = v.postings.len();
                let count = entries.len();
                v.postings.push(BulkPosting {
                    date: pay_on,
                    kind: BulkPostingKind::PatientPayment { method, reference },
                    entries,
                });
                let back_on = pay_on + TimeDelta::days(10);
                if returned && due(back_on) {
                    let entries = (0..count)
                        .map(|e| {
                            let original = &v.postings[paid_index].entries[e];
                            BulkEntry { amount: -original.amount, reverses: Some((paid_index, e)), ..original.clone() }
                        })
                        .collect();
                    v.postings.push(BulkPosting { date: back_on, kind: BulkPostingKind::Reversal, entries });
                }
            }
        }
    }
    v.postings.sort_by_key(|p| p.date);
    fix_reversal_indexes(&mut v);
    v
}

/// Sorting postings by date keeps a reversal after its payment (it is dated later), but the
/// indexes it names must follow the payment to its new place.
fn fix_reversal_indexes(v: &mut BulkVisit) {
    let payment = v.postings.iter().position(|p| matches!(p.kind, BulkPostingKind::PatientPayment { .. }));
    for p in &mut v.postings {
        for e in &mut p.entries {
            if let (Some((_, ei)), Some(pi)) = (e.reverses, payment) {
                e.reverses = Some((pi, ei));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bulk_history_balances_like_posted_history() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let options = BulkOptions { patients: 60, service_lines: 2_000, days: 400, seed: 3, today };
        let (store, summary) = create_bulk_practice(&dir.path().join("bulk.claimdesk"), &options).unwrap();
        assert!(summary.service_lines >= 2_000 && summary.service_lines < 2_004);
        assert!(summary.ledger_entries > summary.service_lines * 3, "{summary:?}");
        let mut insurance = Money::ZERO;
        let mut patient = Money::ZERO;
        for id in 1..=summary.patients as i64 {
            let b = store.patient_balance(id).unwrap();
            insurance = insurance + b.insurance_pending;
            patient = patient + b.patient_due;
            let entries = store.ledger_for_patient(id).unwrap();
            assert_eq!(entries.iter().map(|e| e.amount).sum::<Money>(), b.total);
        }
        assert!(insurance > Money::ZERO && patient > Money::ZERO, "{insurance} {patient}");
        assert!(store.check().unwrap().is_empty(), "every reference holds");
    }
}
