//! Billing history written in bulk, for benchmarks and load tests only.
//!
//! `Tx::bulk_visit` writes a visit with its lines, claims, postings and ledger entries exactly
//! as given, without the checks and the posting engine of `save_visit` / `post_remittance`
//! (which make generating half a million service lines take far too long). The rows have the
//! shapes those write: charges, insurance payments from remittances, contractual write-offs,
//! patient responsibility moved to the patient, patient payments at the desk, reversals. The
//! caller (`claimdesk_demo::bulk`) is responsible for making the amounts add up.

use crate::error::Result;
use crate::queries::ledger::{insert_entry, new_posting, NewEntry};
use crate::{now_utc, PaymentMethod, Tx};
use chrono::NaiveDate;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::posting::{Bucket, EntryKind};
use claimdesk_core::Money;
use rusqlite::params;

#[derive(Debug, Clone)]
pub struct BulkVisit {
    pub patient_id: i64,
    pub service_date: NaiveDate,
    pub provider_id: i64,
    pub place_of_service: String,
    pub diagnosis: String,
    pub lines: Vec<BulkLine>,
    /// Claims billed for the visit, in rank order (primary first).
    pub claims: Vec<BulkClaim>,
    /// Money posted on the visit after its charges, in date order.
    pub postings: Vec<BulkPosting>,
}

#[derive(Debug, Clone)]
pub struct BulkLine {
    pub code: String,
    pub units: u32,
    pub charge: Money,
    /// Where the charge starts: insurance when a policy covers the visit.
    pub bucket: Bucket,
}

#[derive(Debug, Clone)]
pub struct BulkClaim {
    pub policy_id: i64,
    pub payer_id: i64,
    pub status: ClaimStatus,
}

#[derive(Debug, Clone)]
pub enum BulkPostingKind {
    /// An 835 paying claim `claim` (index into `BulkVisit::claims`), recorded as a remittance.
    Remittance { claim: usize, method: &'static str },
    /// A payment at the desk.
    PatientPayment { method: PaymentMethod, reference: String },
    /// A write-off by the office.
    Adjustment,
    /// A reversal (a returned check): entries carry `reverses`.
    Reversal,
}

#[derive(Debug, Clone)]
pub struct BulkPosting {
    pub date: NaiveDate,
    pub kind: BulkPostingKind,
    pub entries: Vec<BulkEntry>,
}

#[derive(Debug, Clone)]
pub struct BulkEntry {
    /// Index into `BulkVisit::lines`; None = not applied to a line (a credit).
    pub line: Option<usize>,
    /// Index into `BulkVisit::claims` (sets claim and payer).
    pub claim: Option<usize>,
    pub kind: EntryKind,
    pub bucket: Bucket,
    pub amount: Money,
    pub group_code: &'static str,
    pub reason_code: &'static str,
    pub responsibility: &'static str,
    /// For a reversal: (posting index, entry index) within this visit of the entry reversed.
    pub reverses: Option<(usize, usize)>,
}

fn method_name(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Cash => "cash",
        PaymentMethod::Check => "check",
        PaymentMethod::Card => "card",
        PaymentMethod::Agency => "agency",
        PaymentMethod::Other => "other",
    }
}

/// What `bulk_visit` wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BulkCounts {
    pub lines: usize,
    pub entries: usize,
}

impl Tx<'_> {
    /// Writes one visit's history as given (see the module documentation).
    #[doc(hidden)]
    pub fn bulk_visit(&self, v: &BulkVisit) -> Result<BulkCounts> {
        let now = now_utc();
        self.prepare_cached(
            "INSERT INTO visits (patient_id, service_date, rendering_provider_id, place_of_service, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?
        .execute(params![v.patient_id, v.service_date, v.provider_id, v.place_of_service, now])?;
        let visit_id = self.last_insert_rowid();
        self.prepare_cached("INSERT INTO visit_diagnoses (visit_id, position, code) VALUES (?1, 1, ?2)")?
            .execute(params![visit_id, v.diagnosis])?;
        let mut line_ids = Vec::with_capacity(v.lines.len());
        for (i, l) in v.lines.iter().enumerate() {
            self.prepare_cached(
                "INSERT INTO service_lines (visit_id, position, service_from, code, pointer1, units, charge_cents)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
            )?
            .execute(params![
                visit_id,
                i as i64 + 1,
                v.service_date,
                l.code,
                l.units,
                l.charge.cents()
            ])?;
            line_ids.push(self.last_insert_rowid());
        }
        let mut entries = 0;
        let charges = new_posting(self, "charges", "demo", &format!("visit {visit_id}"))?;
        for (l, id) in v.lines.iter().zip(&line_ids) {
            insert_entry(
                self,
                charges,
                &NewEntry {
                    patient_id: v.patient_id,
                    visit_id: Some(visit_id),
                    service_line_id: Some(*id),
                    kind: "charge",
                    bucket: l.bucket.as_str(),
                    amount: l.charge,
                    entry_date: Some(v.service_date),
                    ..NewEntry::default()
                },
            )?;
            entries += 1;
        }
        let total: i64 = v.lines.iter().map(|l| l.charge.cents()).sum();
        let mut claim_ids = Vec::with_capacity(v.claims.len());
        for (rank, c) in v.claims.iter().enumerate() {
            let control = format!("B{visit_id}-{}", rank + 1);
            self.prepare_cached(
                "INSERT INTO claims (control_number, visit_id, policy_id, payer_id, payer_rank, status, accept_assignment,
                    total_charge_cents, submitted_at, submission_method, created_at, service_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, 'electronic', ?8, ?9)",
            )?
            .execute(params![
                control,
                visit_id,
                c.policy_id,
                c.payer_id,
                rank as i64 + 1,
                c.status.as_str(),
                total,
                now,
                v.service_date
            ])?;
            let claim_id = self.last_insert_rowid();
            for (n, (l, line_id)) in v.lines.iter().zip(&line_ids).enumerate() {
                self.prepare_cached(
                    "INSERT INTO claim_lines (claim_id, service_line_id, line_number, line_control_number, charge_cents)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![claim_id, line_id, n as i64 + 1, format!("{control}-{}", n + 1), l.charge.cents()])?;
            }
            claim_ids.push(claim_id);
        }
        let mut posted: Vec<Vec<i64>> = Vec::with_capacity(v.postings.len());
        for p in &v.postings {
            let (kind, memo) = match &p.kind {
                BulkPostingKind::Remittance { .. } => ("remittance", "bulk remittance"),
                BulkPostingKind::PatientPayment { method, .. } => ("patient_payment", method_name(*method)),
                BulkPostingKind::Adjustment => ("adjustment", "write-off"),
                BulkPostingKind::Reversal => ("reversal", "returned check"),
            };
            let posting = new_posting(self, kind, "demo", memo)?;
            // A payment's entries are all negative: together they are the amount received.
            let amount: i64 = -p.entries.iter().map(|e| e.amount.cents()).sum::<i64>();
            match &p.kind {
                BulkPostingKind::Remittance { claim, method } => {
                    let payer = v.claims[*claim].payer_id;
                    let paid: i64 = -p
                        .entries
                        .iter()
                        .filter(|e| e.kind == EntryKind::InsurancePayment)
                        .map(|e| e.amount.cents())
                        .sum::<i64>();
                    self.prepare_cached(
                        "INSERT INTO remittances (payer_id, payer_key, payer_name, trace_number, payment_method,
                            paid_cents, payment_date, posting_id, imported_at)
                         VALUES (?1, 'BULK', (SELECT name FROM payers WHERE id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
                    )?
                    .execute(params![
                        payer,
                        format!("T{posting}"),
                        method,
                        paid,
                        p.date,
                        posting,
                        now
                    ])?;
                }
                BulkPostingKind::PatientPayment { method, reference } => {
                    self.prepare_cached(
                        "INSERT INTO patient_payments (posting_id, patient_id, received_on, method, reference,
                            amount_cents, receipt_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    )?
                    .execute(params![
                        posting,
                        v.patient_id,
                        p.date,
                        method_name(*method),
                        reference,
                        amount,
                        format!("B{posting:07}")
                    ])?;
                }
                _ => {}
            }
            let mut ids = Vec::with_capacity(p.entries.len());
            for e in &p.entries {
                let reversal_of = e.reverses.map(|(pi, ei)| posted[pi][ei]);
                let id = insert_entry(
                    self,
                    posting,
                    &NewEntry {
                        patient_id: v.patient_id,
                        visit_id: Some(visit_id),
                        service_line_id: e.line.map(|i| line_ids[i]),
                        claim_id: e.claim.map(|i| claim_ids[i]),
                        payer_id: e.claim.map(|i| v.claims[i].payer_id),
                        kind: e.kind.as_str(),
                        bucket: e.bucket.as_str(),
                        amount: e.amount,
                        entry_date: Some(p.date),
                        group_code: e.group_code.to_string(),
                        reason_code: e.reason_code.to_string(),
                        responsibility: e.responsibility.to_string(),
                        reversal_of,
                        memo: String::new(),
                    },
                )?;
                ids.push(id);
                entries += 1;
            }
            posted.push(ids);
        }
        Ok(BulkCounts { lines: v.lines.len(), entries })
    }
}
