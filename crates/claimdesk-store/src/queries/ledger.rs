//! The ledger: every charge, payment, adjustment and transfer, append-only.
//!
//! Charges post when a visit is saved. Changing a line's charge later reverses the old charge
//! entry and posts the new one; a line taken off the visit has its charge reversed and is
//! kept, marked removed. Nothing posted is ever edited or deleted (the schema's triggers
//! refuse it), so every balance is a sum and every past report can be reproduced.

use crate::error::{Result, StoreError};
use crate::{now_utc, rows, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::posting::{Bucket, EntryKind};
use claimdesk_core::Money;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// What a patient's account owes, split by who is expected to pay it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AccountBalance {
    /// Billed to insurance and not yet adjudicated: shown on statements, not demanded.
    pub insurance_pending: Money,
    /// What the patient owes now (negative: a credit).
    pub patient_due: Money,
    pub total: Money,
}

/// A claim's money: what was billed and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClaimMoney {
    pub charge: Money,
    pub insurance_paid: Money,
    /// Write-offs (contractual and other), as a positive amount.
    pub adjustments: Money,
    /// Moved from insurance to the patient by this payer's adjudications.
    pub patient_responsibility: Money,
    /// What is still owed on the claim's lines (insurance pending + patient due).
    pub balance: Money,
}

/// One ledger entry as a biller reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LedgerEntry {
    pub id: i64,
    pub entry_date: NaiveDate,
    pub posted_at: String,
    /// Who posted it (the operator's login; "demo" for the demo's history).
    pub posted_by: String,
    pub kind: EntryKind,
    pub bucket: Bucket,
    pub amount: Money,
    pub visit_id: Option<i64>,
    pub service_line_id: Option<i64>,
    pub claim_id: Option<i64>,
    pub group_code: String,
    pub reason_code: String,
    pub responsibility: String,
    pub reversal_of: Option<i64>,
    pub memo: String,
    /// The patient's balance (insurance pending + patient due) right after this entry, in
    /// ledger order (entry date, then the order posted): the ledger's running balance.
    pub balance_after: Money,
    /// What the patient owed right after this entry (negative: a credit).
    pub patient_due_after: Money,
}

/// The most entries one request for a patient's ledger returns.
pub const LEDGER_PAGE_MAX: u32 = 500;

/// One page of a patient's ledger, newest entry first, as the account screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LedgerPage {
    /// Newest first, each with the running balance right after it.
    pub entries: Vec<LedgerEntry>,
    /// How many entries the ledger holds from this page's newest entry back (on the first page,
    /// all of them): more than `entries` means there are earlier ones to ask for.
    pub count: i64,
}

fn kind_of(text: &str) -> rusqlite::Result<EntryKind> {
    EntryKind::parse(text).ok_or_else(|| unknown(format!("ledger entry kind {text:?}")))
}

fn bucket_of(text: &str) -> rusqlite::Result<Bucket> {
    Bucket::parse(text).ok_or_else(|| unknown(format!("ledger bucket {text:?}")))
}

fn unknown(what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, what.into())
}

/// A new ledger entry; everything but the amounts defaults to "not about that".
#[derive(Debug, Clone, Default)]
pub(crate) struct NewEntry {
    pub patient_id: i64,
    pub visit_id: Option<i64>,
    pub service_line_id: Option<i64>,
    pub claim_id: Option<i64>,
    pub payer_id: Option<i64>,
    pub kind: &'static str,
    pub bucket: &'static str,
    pub amount: Money,
    pub entry_date: Option<NaiveDate>,
    pub group_code: String,
    pub reason_code: String,
    pub responsibility: String,
    pub reversal_of: Option<i64>,
    pub memo: String,
}

/// A new posting, recorded with the name of who does it (the transaction's actor).
pub(crate) fn new_posting(tx: &Tx, kind: &str, source: &str, memo: &str) -> Result<i64> {
    tx.prepare_cached("INSERT INTO postings (kind, posted_at, source, memo, user_name) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![kind, now_utc(), source, memo, tx.actor().name()])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn insert_entry(tx: &Connection, posting_id: i64, e: &NewEntry) -> Result<i64> {
    let date = e.entry_date.ok_or_else(|| StoreError::Corrupt("a ledger entry without a date".into()))?;
    tx.prepare_cached("INSERT INTO ledger_entries (posting_id, patient_id, visit_id, service_line_id, claim_id, payer_id, kind, bucket,
         amount_cents, entry_date, group_code, reason_code, responsibility, reversal_of, memo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")?.execute(
        params![
            posting_id,
            e.patient_id,
            e.visit_id,
            e.service_line_id,
            e.claim_id,
            e.payer_id,
            e.kind,
            e.bucket,
            e.amount.cents(),
            date,
            e.group_code,
            e.reason_code,
            e.responsibility,
            e.reversal_of,
            e.memo
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Reverses every charge entry of a line that is not reversed yet. Returns how many.
/// (`+e.reversal_of`: the unique index on `reversal_of` matches nearly every entry for
/// `IS NULL`; the line's index reads only the line's entries.)
fn reverse_line_charges(tx: &Tx, posting_id: i64, line_id: i64, memo: &str) -> Result<usize> {
    let open: Vec<(i64, i64, Option<i64>, String, i64)> = tx
        .prepare_cached(
            "SELECT e.id, e.patient_id, e.visit_id, e.bucket, e.amount_cents FROM ledger_entries e
             WHERE e.service_line_id = ?1 AND e.kind = 'charge' AND +e.reversal_of IS NULL
               AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reversal_of = e.id)",
        )?
        .query_map([line_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, patient_id, visit_id, bucket, cents) in &open {
        let bucket = if bucket == "patient" { "patient" } else { "insurance" };
        insert_entry(
            tx,
            posting_id,
            &NewEntry {
                patient_id: *patient_id,
                visit_id: *visit_id,
                service_line_id: Some(line_id),
                kind: "charge",
                bucket,
                amount: -Money::from_cents(*cents),
                entry_date: Some(tx.today()),
                reversal_of: Some(*id),
                memo: memo.to_string(),
                ..NewEntry::default()
            },
        )?;
    }
    Ok(open.len())
}

/// The bucket a new charge starts in: insurance when a policy covers the date of service.
fn charge_bucket(tx: &Tx, patient_id: i64, day: NaiveDate) -> Result<&'static str> {
    let insured: Option<i64> = tx
        .prepare_cached(
            "SELECT 1 FROM policies WHERE patient_id = ?1 AND removed = 0 AND effective_from <= ?2
             AND (effective_to IS NULL OR effective_to >= ?2) LIMIT 1",
        )?
        .query_row(params![patient_id, day], |r| r.get(0))
        .optional()?;
    Ok(if insured.is_some() { "insurance" } else { "patient" })
}

impl Tx<'_> {
    /// Brings the ledger in line with the visit's lines: new lines are charged, changed charges
    /// are reversed and charged again, removed lines have their charge reversed.
    pub(crate) fn post_visit_charges(&self, visit_id: i64, source: &str) -> Result<()> {
        let (patient_id, service_date): (i64, NaiveDate) = self
            .prepare_cached("SELECT patient_id, service_date FROM visits WHERE id = ?1")?
            .query_row([visit_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let lines: Vec<(i64, i64, bool, NaiveDate)> = self
            .prepare_cached("SELECT id, charge_cents, removed, service_from FROM service_lines WHERE visit_id = ?1")?
            .query_map([visit_id], |r| Ok((r.get(0)?, r.get(1)?, rows::flag(r, 2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut posting: Option<i64> = None;
        let mut posting_id = |tx: &Tx| -> Result<i64> {
            if let Some(id) = posting {
                return Ok(id);
            }
            let id = new_posting(tx, "charges", source, &format!("visit {visit_id}"))?;
            posting = Some(id);
            Ok(id)
        };
        for (line_id, cents, removed, day) in lines {
            let posted: i64 = self.prepare_cached("SELECT coalesce(sum(amount_cents), 0) FROM ledger_entries WHERE service_line_id = ?1 AND kind = 'charge'")?.query_row(
                [line_id],
                |r| r.get(0),
            )?;
            let wanted = if removed { 0 } else { cents };
            if posted == wanted {
                continue;
            }
            let pid = posting_id(self)?;
            reverse_line_charges(self, pid, line_id, if removed { "line removed" } else { "charge changed" })?;
            if wanted != 0 {
                // A visit of an auto or workers' compensation case is billed to its carrier.
                let bucket = if super::injury_cases::billed_to_carrier(self, visit_id)? {
                    "insurance"
                } else {
                    charge_bucket(self, patient_id, day.max(service_date))?
                };
                insert_entry(
                    self,
                    pid,
                    &NewEntry {
                        patient_id,
                        visit_id: Some(visit_id),
                        service_line_id: Some(line_id),
                        kind: "charge",
                        bucket,
                        amount: Money::from_cents(wanted),
                        entry_date: Some(day),
                        ..NewEntry::default()
                    },
                )?;
            }
        }
        Ok(())
    }
}

/// Insurance pending and patient due over the entries matching `sql_filter` (with `key` as ?1).
pub(crate) fn balance(conn: &Connection, sql_filter: &str, key: i64) -> Result<AccountBalance> {
    let (insurance, patient): (i64, i64) = conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(CASE bucket WHEN 'insurance' THEN amount_cents END), 0),
                    coalesce(sum(CASE bucket WHEN 'patient' THEN amount_cents END), 0)
             FROM ledger_entries WHERE {sql_filter}"
        ))?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(AccountBalance {
        insurance_pending: Money::from_cents(insurance),
        patient_due: Money::from_cents(patient),
        total: Money::from_cents(insurance + patient),
    })
}

pub(crate) fn claim_money(conn: &Connection, claim_id: i64) -> Result<ClaimMoney> {
    // The claim's lines carry the money; payments and write-offs of this claim's payer are
    // the entries tagged with the claim or with another version of it (the original a
    // corrected claim replaces, or its own correction: same visit, payer and rank), since
    // the payer pays whichever version it adjudicated.
    let (charge, paid, adjusted, to_patient, open): (i64, i64, i64, i64, i64) = conn.prepare_cached("WITH versions AS (
                SELECT o.id FROM claims c JOIN claims o
                  ON o.visit_id = c.visit_id AND o.payer_id = c.payer_id AND o.payer_rank = c.payer_rank
                WHERE c.id = ?1)
         SELECT
            (SELECT total_charge_cents FROM claims WHERE id = ?1),
            coalesce((SELECT -sum(amount_cents) FROM ledger_entries
                      WHERE claim_id IN versions AND kind = 'insurance_payment'), 0),
            coalesce((SELECT -sum(amount_cents) FROM ledger_entries WHERE claim_id IN versions AND kind = 'adjustment'), 0),
            coalesce((SELECT sum(amount_cents) FROM ledger_entries
                      WHERE claim_id IN versions AND kind = 'transfer' AND +bucket = 'patient'), 0),
            coalesce((SELECT sum(e.amount_cents) FROM ledger_entries e
                      WHERE e.service_line_id IN (SELECT service_line_id FROM claim_lines WHERE claim_id = ?1)), 0)")?.query_row(
        [claim_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(ClaimMoney {
        charge: Money::from_cents(charge),
        insurance_paid: Money::from_cents(paid),
        adjustments: Money::from_cents(adjusted),
        patient_responsibility: Money::from_cents(to_patient),
        balance: Money::from_cents(open),
    })
}

impl Store {
    /// A patient's balance, split into insurance pending and patient due.
    pub fn patient_balance(&self, patient_id: i64) -> Result<AccountBalance> {
        balance(self.conn(), "patient_id = ?1", patient_id)
    }

    /// The balance of one service line.
    pub fn line_balance(&self, service_line_id: i64) -> Result<AccountBalance> {
        balance(self.conn(), "service_line_id = ?1", service_line_id)
    }

    pub fn claim_money(&self, claim_id: i64) -> Result<ClaimMoney> {
        claim_money(self.conn(), claim_id)
    }

    /// Every entry of a patient's account, oldest first, with its running balance.
    pub fn ledger_for_patient(&self, patient_id: i64) -> Result<Vec<LedgerEntry>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{ENTRY_COLUMNS} WHERE e.patient_id = ?1 ORDER BY e.entry_date, e.id"))?;
        let mut list = stmt.query_map([patient_id], entry)?.collect::<rusqlite::Result<Vec<LedgerEntry>>>()?;
        let (mut balance, mut due) = (Money::ZERO, Money::ZERO);
        for e in &mut list {
            balance = balance + e.amount;
            if e.bucket == Bucket::Patient {
                due = due + e.amount;
            }
            (e.balance_after, e.patient_due_after) = (balance, due);
        }
        Ok(list)
    }

    /// Up to `limit` entries of a patient's ledger (at most [`LEDGER_PAGE_MAX`]), newest first,
    /// each with the running balance right after it. `before` is the id of the oldest entry
    /// already shown: the page continues with the entries before it (None: the newest).
    pub fn ledger_page(&self, patient_id: i64, before: Option<i64>, limit: u32) -> Result<LedgerPage> {
        let limit = limit.clamp(1, LEDGER_PAGE_MAX);
        // Where the page starts: after everything on the ledger, or just before the given entry.
        let cursor: Option<(NaiveDate, i64)> = match before {
            None => None,
            Some(id) => Some(
                self.conn()
                    .prepare_cached("SELECT entry_date, id FROM ledger_entries WHERE id = ?1 AND patient_id = ?2")?
                    .query_row([id, patient_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .ok_or_else(|| StoreError::NotFound(format!("ledger entry {id} of this patient")))?,
            ),
        };
        // Far past every real entry (dates are stored as ISO text: a plain four-digit year), so
        // the whole ledger counts as "before" it.
        let (day, id) = cursor.unwrap_or((NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date"), i64::MAX));
        const BEFORE: &str = "e.patient_id = ?1 AND (e.entry_date < ?2 OR (e.entry_date = ?2 AND e.id < ?3))";
        // The balance right after the page's newest entry is the sum of everything up to it.
        let (count, total, due): (i64, i64, i64) = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*), coalesce(sum(e.amount_cents), 0),
                        coalesce(sum(CASE WHEN e.bucket = 'patient' THEN e.amount_cents ELSE 0 END), 0)
                 FROM ledger_entries e WHERE {BEFORE}"
            ))?
            .query_row(params![patient_id, day, id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "{ENTRY_COLUMNS} WHERE {BEFORE} ORDER BY e.entry_date DESC, e.id DESC LIMIT ?4"
        ))?;
        let mut entries = stmt
            .query_map(params![patient_id, day, id, limit], entry)?
            .collect::<rusqlite::Result<Vec<LedgerEntry>>>()?;
        // Walk back from the newest: each entry's balance is the one after it less its amount.
        let (mut balance, mut owed) = (Money::from_cents(total), Money::from_cents(due));
        for e in &mut entries {
            (e.balance_after, e.patient_due_after) = (balance, owed);
            balance = balance - e.amount;
            if e.bucket == Bucket::Patient {
                owed = owed - e.amount;
            }
        }
        Ok(LedgerPage { entries, count })
    }
}

const ENTRY_COLUMNS: &str =
    "SELECT e.id, e.entry_date, p.posted_at, p.user_name, e.kind, e.bucket, e.amount_cents, e.visit_id, e.service_line_id,
            e.claim_id, e.group_code, e.reason_code, e.responsibility, e.reversal_of, e.memo
     FROM ledger_entries e JOIN postings p ON p.id = e.posting_id";

/// One row of [`ENTRY_COLUMNS`]; the running balances are filled in by the caller.
fn entry(r: &rusqlite::Row) -> rusqlite::Result<LedgerEntry> {
    Ok(LedgerEntry {
        id: r.get(0)?,
        entry_date: r.get(1)?,
        posted_at: r.get(2)?,
        posted_by: r.get(3)?,
        kind: kind_of(&r.get::<_, String>(4)?)?,
        bucket: bucket_of(&r.get::<_, String>(5)?)?,
        amount: rows::money(r, 6)?,
        visit_id: r.get(7)?,
        service_line_id: r.get(8)?,
        claim_id: r.get(9)?,
        group_code: r.get(10)?,
        reason_code: r.get(11)?,
        responsibility: r.get(12)?,
        reversal_of: r.get(13)?,
        memo: r.get(14)?,
        balance_after: Money::ZERO,
        patient_due_after: Money::ZERO,
    })
}
