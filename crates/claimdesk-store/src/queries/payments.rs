//! Money from patients: payments at the desk (cash, check, card reference), applied to the
//! oldest open items of the account or to chosen visits, copays at check-in, refunds of a
//! credit, and reversing any posting with a reason.

use super::audit::{AuditNote, Record};
use crate::error::{Result, StoreError};
use crate::queries::ledger::{insert_entry, new_posting, AccountBalance, NewEntry};
use crate::queries::plans::refuse_visit_off_account;
use crate::{Actor, Source, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::posting::{Bucket, EntryKind};
use claimdesk_core::text::{self, max};
use claimdesk_core::validation::Problems;
use claimdesk_core::{FieldError, Invalid, Money};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaymentMethod {
    Cash,
    Check,
    Card,
    /// Paid through a collection agency.
    Agency,
    Other,
}

impl PaymentMethod {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Check => "check",
            PaymentMethod::Card => "card",
            PaymentMethod::Agency => "agency",
            PaymentMethod::Other => "other",
        }
    }

    fn from_name(name: &str) -> Result<PaymentMethod> {
        Ok(match name {
            "cash" => PaymentMethod::Cash,
            "check" => PaymentMethod::Check,
            "card" => PaymentMethod::Card,
            "agency" => PaymentMethod::Agency,
            "other" => PaymentMethod::Other,
            other => return Err(StoreError::Corrupt(format!("payment method {other:?}"))),
        })
    }
}

/// Where a payment goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ApplyTo {
    /// The oldest open patient balances of the account first.
    OldestFirst,
    /// Only these visits' open balances (oldest first among them); the rest stays a credit.
    Visits { visit_ids: Vec<i64> },
    /// A copay at check-in: held for this visit until its charges and the payer's decision
    /// arrive (it nets against the visit's patient share).
    Copay { visit_id: Option<i64> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PaymentInput {
    /// The account paid on: the guarantor's own patient record (family members whose
    /// guarantor it is are included).
    pub patient_id: i64,
    pub received_on: Option<NaiveDate>,
    pub method: PaymentMethod,
    /// Check number, or the card's last four digits / terminal reference. Never a card number.
    #[serde(default)]
    pub reference: String,
    pub amount: Money,
    pub apply: ApplyTo,
}

/// One piece of a payment applied to a service line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppliedAmount {
    pub patient_id: i64,
    pub visit_id: i64,
    pub service_line_id: i64,
    pub service_date: NaiveDate,
    pub code: String,
    pub amount: Money,
}

/// What the desk hands back: the receipt's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PaymentReceipt {
    pub payment_id: i64,
    /// The account paid on.
    pub patient_id: i64,
    pub posting_id: i64,
    pub receipt_number: String,
    pub received_on: NaiveDate,
    pub method: PaymentMethod,
    pub reference: String,
    pub amount: Money,
    pub applied: Vec<AppliedAmount>,
    /// Left as a credit on the account.
    pub unapplied: Money,
    pub balance_after: AccountBalance,
}

/// A payment as listed on the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PaymentListed {
    pub payment_id: i64,
    pub patient_id: i64,
    pub received_on: NaiveDate,
    pub method: PaymentMethod,
    pub reference: String,
    pub amount: Money,
    pub receipt_number: String,
    /// Reversed later (a returned check, a payment keyed to the wrong account).
    pub reversed: bool,
    /// The posting that put it on the ledger (what `posting_reverse` takes).
    pub posting_id: i64,
}

fn check_input(p: &PaymentInput, today: NaiveDate) -> Result<(NaiveDate, String)> {
    let mut problems = Vec::new();
    let mut text_problems = Problems::new();
    let mut add = |field: &str, message: String| problems.push(FieldError { field: field.into(), message });
    if p.amount.is_zero() || p.amount.is_negative() {
        add("amount", "Amount must be more than 0.00".into());
    }
    let received_on = p.received_on.unwrap_or(today);
    if received_on > today {
        add("received_on", "A payment cannot be dated in the future".into());
    }
    let reference = text::single_line("reference", "Reference", &p.reference, max::REFERENCE, &mut text_problems);
    let digits = reference.chars().filter(char::is_ascii_digit).count();
    match p.method {
        PaymentMethod::Check if reference.is_empty() => add("reference", "Enter the check number".into()),
        // PCI: a full card number must never be stored; keep the last four digits only.
        PaymentMethod::Card if digits > 6 => add(
            "reference",
            "Enter only the card's last four digits or the terminal's reference, never the card number".into(),
        ),
        _ => {}
    }
    if let Err(Invalid(text)) = text_problems.into_result() {
        problems.extend(text);
    }
    if problems.is_empty() {
        Ok((received_on, reference))
    } else {
        Err(StoreError::Invalid(Invalid(problems)))
    }
}

/// Open patient-due amounts of the account's service lines, oldest date of service first
/// (`amount` is what is due on the line).
fn open_lines(tx: &Tx, account: i64, visits: Option<&[i64]>) -> Result<Vec<AppliedAmount>> {
    let mut stmt = tx.prepare_cached(
        "SELECT e.patient_id, e.visit_id, e.service_line_id, s.service_from, s.code, sum(e.amount_cents)
         FROM ledger_entries e JOIN service_lines s ON s.id = e.service_line_id
         WHERE e.patient_id IN (SELECT id FROM patients WHERE id = ?1 OR guarantor_patient_id = ?1)
           AND +e.bucket = 'patient'
         GROUP BY e.service_line_id HAVING sum(e.amount_cents) > 0
         ORDER BY s.service_from, e.service_line_id",
    )?;
    let rows = stmt.query_map([account], applied_amount)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().filter(|r| visits.is_none_or(|v| v.contains(&r.visit_id))).collect())
}

/// An amount applied to (or due on) a service line, from the columns patient_id, visit_id,
/// service_line_id, service date, code and amount in cents, in that order.
fn applied_amount(r: &rusqlite::Row) -> rusqlite::Result<AppliedAmount> {
    Ok(AppliedAmount {
        patient_id: r.get(0)?,
        visit_id: r.get(1)?,
        service_line_id: r.get(2)?,
        service_date: r.get(3)?,
        code: r.get(4)?,
        amount: Money::from_cents(r.get(5)?),
    })
}

/// The static names the ledger uses, for an entry read back (a reversal copies them).
fn entry_names(kind: &str, bucket: &str) -> Result<(&'static str, &'static str)> {
    let kind = EntryKind::parse(kind).ok_or_else(|| StoreError::Corrupt(format!("ledger entry kind {kind:?}")))?;
    let bucket = Bucket::parse(bucket).ok_or_else(|| StoreError::Corrupt(format!("ledger bucket {bucket:?}")))?;
    Ok((kind.as_str(), bucket.as_str()))
}

fn next_receipt_number(tx: &Tx) -> Result<String> {
    let n: i64 = tx
        .prepare_cached(
            "UPDATE sequences SET next_value = next_value + 1 WHERE name = 'receipt_number' RETURNING next_value - 1",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(format!("R{n:06}"))
}

impl Store {
    /// Takes a payment from a patient or guarantor and applies it.
    pub fn post_patient_payment(&mut self, payment: &PaymentInput, actor: &Actor) -> Result<PaymentReceipt> {
        let receipt = self.with_tx_by(actor, |tx| tx.post_patient_payment(payment, actor.source))?;
        Ok(PaymentReceipt { balance_after: self.account_balance(payment.patient_id)?, ..receipt })
    }

    /// Pays back a credit balance (an overpayment) to the patient.
    pub fn refund_credit(
        &mut self,
        patient_id: i64,
        amount: Money,
        reference: &str,
        reason: &str,
        actor: &Actor,
    ) -> Result<AccountBalance> {
        self.with_tx_by(actor, |tx| {
            let exists: Option<i64> = tx
                .prepare_cached("SELECT id FROM patients WHERE id = ?1")?
                .query_row([patient_id], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::NotFound(format!("patient {patient_id}")));
            }
            let credit = -account_balance(tx, patient_id)?.patient_due;
            if amount.is_zero() || amount.is_negative() {
                return Err(StoreError::invalid("amount", "Amount must be more than 0.00"));
            }
            if amount > credit {
                return Err(StoreError::invalid(
                    "amount",
                    format!("The account's credit is {credit}; a refund cannot be more than that"),
                ));
            }
            if reason.trim().is_empty() {
                return Err(StoreError::invalid("reason", "Say why the money is paid back"));
            }
            StoreError::check_text("reason", "Reason", reason, max::REASON)?;
            StoreError::check_text("reference", "Reference", reference, max::REFERENCE)?;
            let posting = new_posting(tx, "refund", actor.source.as_str(), reason.trim())?;
            tx.note(|| {
                AuditNote::about(Record::new("posting", posting), Some(patient_id))
                    .with_note(format!("refund {amount}"))
            });
            insert_entry(
                tx,
                posting,
                &NewEntry {
                    patient_id,
                    kind: "refund",
                    bucket: "patient",
                    amount,
                    entry_date: Some(tx.today()),
                    memo: format!("{} {}", reason.trim(), reference.trim()).trim().to_string(),
                    ..NewEntry::default()
                },
            )?;
            Ok(())
        })?;
        self.account_balance(patient_id)
    }

    /// Reverses every entry of a posting (a payment keyed to the wrong account, a misposted
    /// EOB): opposite entries naming the ones they reverse, with the reason. Nothing is deleted.
    pub fn reverse_posting(&mut self, posting_id: i64, reason: &str, actor: &Actor) -> Result<usize> {
        if reason.trim().is_empty() {
            return Err(StoreError::invalid("reason", "Say why the posting is reversed"));
        }
        StoreError::check_text("reason", "Reason", reason, max::REASON)?;
        self.with_tx_by(actor, |tx| reverse_entries(tx, posting_id, reason, actor.source))
    }

    /// A payment's receipt rebuilt from the file (to print it again): what was received, where
    /// it was applied when it was posted, and the account's balance right after it (later
    /// postings, including a reversal of this payment, are not on the receipt).
    pub fn payment_receipt(&self, payment_id: i64) -> Result<PaymentReceipt> {
        let conn = self.conn();
        let head: Option<(i64, i64, NaiveDate, String, String, i64, String)> = conn
            .prepare_cached(
                "SELECT posting_id, patient_id, received_on, method, reference, amount_cents, receipt_number
                 FROM patient_payments WHERE id = ?1",
            )?
            .query_row([payment_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })
            .optional()?;
        let (posting_id, patient_id, received_on, method, reference, cents, receipt_number) =
            head.ok_or_else(|| StoreError::NotFound(format!("payment {payment_id}")))?;
        let applied = conn
            .prepare_cached(
                "SELECT e.patient_id, e.visit_id, e.service_line_id, s.service_from, s.code, -e.amount_cents
                 FROM ledger_entries e JOIN service_lines s ON s.id = e.service_line_id
                 WHERE e.posting_id = ?1 AND +e.reversal_of IS NULL ORDER BY e.id",
            )?
            .query_map([posting_id], applied_amount)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let (unapplied, through): (i64, i64) = conn
            .prepare_cached(
                "SELECT coalesce(-sum(CASE WHEN service_line_id IS NULL THEN amount_cents END), 0), coalesce(max(id), 0)
                 FROM ledger_entries WHERE posting_id = ?1 AND +reversal_of IS NULL",
            )?
            .query_row([posting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        // The account as it stood right after this payment's entries.
        let (insurance, patient): (i64, i64) = conn
            .prepare_cached(
                "SELECT coalesce(sum(CASE bucket WHEN 'insurance' THEN amount_cents END), 0),
                        coalesce(sum(CASE bucket WHEN 'patient' THEN amount_cents END), 0)
                 FROM ledger_entries
                 WHERE id <= ?2 AND patient_id IN (SELECT id FROM patients WHERE id = ?1 OR guarantor_patient_id = ?1)",
            )?
            .query_row(params![patient_id, through], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let balance_after = AccountBalance {
            insurance_pending: Money::from_cents(insurance),
            patient_due: Money::from_cents(patient),
            total: Money::from_cents(insurance + patient),
        };
        Ok(PaymentReceipt {
            payment_id,
            patient_id,
            posting_id,
            receipt_number,
            received_on,
            method: PaymentMethod::from_name(&method)?,
            reference,
            amount: Money::from_cents(cents),
            applied,
            unapplied: Money::from_cents(unapplied),
            balance_after,
        })
    }

    /// The patient payments taken on an account (the patient and everyone whose guarantor
    /// they are), newest first, with whether each was reversed.
    pub fn account_payments(&self, patient_id: i64) -> Result<Vec<PaymentListed>> {
        let rows = self
            .conn()
            .prepare_cached(
                "SELECT pp.id, pp.patient_id, pp.received_on, pp.method, pp.reference, pp.amount_cents, pp.receipt_number,
                    EXISTS (SELECT 1 FROM ledger_entries r JOIN ledger_entries e ON e.id = r.reversal_of
                            WHERE e.posting_id = pp.posting_id),
                    pp.posting_id
                 FROM patient_payments pp
                 WHERE pp.patient_id IN (SELECT id FROM patients WHERE id = ?1 OR guarantor_patient_id = ?1)
                 ORDER BY pp.received_on DESC, pp.id DESC",
            )?
            .query_map([patient_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, NaiveDate>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, bool>(7)?,
                    r.get::<_, i64>(8)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, patient_id, received_on, method, reference, cents, receipt_number, reversed, posting_id)| {
                Ok(PaymentListed {
                    payment_id: id,
                    patient_id,
                    received_on,
                    method: PaymentMethod::from_name(&method)?,
                    reference,
                    amount: Money::from_cents(cents),
                    receipt_number,
                    reversed,
                    posting_id,
                })
            })
            .collect()
    }

    /// The balance of an account: the patient and everyone whose guarantor they are.
    pub fn account_balance(&self, patient_id: i64) -> Result<AccountBalance> {
        account_balance(self.conn(), patient_id)
    }
}

/// The account: the patient and everyone whose guarantor they are.
fn account_balance(conn: &rusqlite::Connection, patient_id: i64) -> Result<AccountBalance> {
    crate::queries::ledger::balance(
        conn,
        "patient_id IN (SELECT id FROM patients WHERE id = ?1 OR guarantor_patient_id = ?1)",
        patient_id,
    )
}

impl Tx<'_> {
    pub fn post_patient_payment(&self, p: &PaymentInput, source: Source) -> Result<PaymentReceipt> {
        let (received_on, reference) = check_input(p, self.today())?;
        let exists: Option<i64> = self
            .prepare_cached("SELECT id FROM patients WHERE id = ?1")?
            .query_row([p.patient_id], |r| r.get(0))
            .optional()?;
        if exists.is_none() {
            return Err(StoreError::invalid("patient_id", "Choose the patient or guarantor who paid"));
        }
        // A payment naming visits goes to those visits or is refused: never a credit on the
        // account because a visit id was mistyped or belongs to another account.
        match &p.apply {
            ApplyTo::OldestFirst | ApplyTo::Copay { visit_id: None } => {}
            ApplyTo::Copay { visit_id: Some(visit) } => {
                refuse_visit_off_account(self, p.patient_id, *visit, "apply.visit_id")?
            }
            ApplyTo::Visits { visit_ids } if visit_ids.is_empty() => {
                return Err(StoreError::invalid("apply.visit_ids", "Choose the visits the payment is for"));
            }
            ApplyTo::Visits { visit_ids } => {
                for visit in visit_ids {
                    refuse_visit_off_account(self, p.patient_id, *visit, "apply.visit_ids")?;
                }
            }
        }
        let posting = new_posting(self, "patient_payment", source.as_str(), p.method.as_str())?;
        let receipt_number = next_receipt_number(self)?;
        self.prepare_cached("INSERT INTO patient_payments (posting_id, patient_id, received_on, method, reference, amount_cents, receipt_number)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(
            params![posting, p.patient_id, received_on, p.method.as_str(), reference, p.amount.cents(), receipt_number],
        )?;
        let payment_id = self.last_insert_rowid();
        self.note(|| {
            AuditNote::about(Record::new("payment", payment_id), Some(p.patient_id)).with_note(format!(
                "{} {} receipt {receipt_number}",
                p.method.as_str(),
                p.amount
            ))
        });
        let entry = |patient_id: i64, visit_id: Option<i64>, line: Option<i64>, amount: Money| NewEntry {
            patient_id,
            visit_id,
            service_line_id: line,
            kind: "patient_payment",
            bucket: "patient",
            amount: -amount,
            entry_date: Some(received_on),
            memo: receipt_number.clone(),
            ..NewEntry::default()
        };
        let mut remaining = p.amount;
        let mut applied = Vec::new();
        let lines = match &p.apply {
            ApplyTo::OldestFirst => open_lines(self, p.patient_id, None)?,
            ApplyTo::Visits { visit_ids } => open_lines(self, p.patient_id, Some(visit_ids))?,
            ApplyTo::Copay { .. } => Vec::new(),
        };
        for line in lines {
            if remaining.is_zero() {
                break;
            }
            let take = if line.amount < remaining { line.amount } else { remaining };
            insert_entry(
                self,
                posting,
                &entry(line.patient_id, Some(line.visit_id), Some(line.service_line_id), take),
            )?;
            applied.push(AppliedAmount { amount: take, ..line });
            remaining = remaining - take;
        }
        if !remaining.is_zero() {
            let visit = match &p.apply {
                ApplyTo::Copay { visit_id } => *visit_id,
                _ => None,
            };
            insert_entry(self, posting, &entry(p.patient_id, visit, None, remaining))?;
        }
        Ok(PaymentReceipt {
            payment_id,
            patient_id: p.patient_id,
            posting_id: posting,
            receipt_number,
            received_on,
            method: p.method,
            reference,
            amount: p.amount,
            applied,
            unapplied: remaining,
            balance_after: account_balance(self, p.patient_id)?,
        })
    }
}

/// Reverses every entry of a posting not reversed yet (opposite entries naming the ones they
/// reverse, with the reason) in a posting of its own; refused when it was reversed already.
pub(crate) fn reverse_entries(tx: &Tx, posting_id: i64, reason: &str, source: Source) -> Result<usize> {
    let raw: Vec<(NewEntry, String, String, i64)> = tx
        .prepare_cached(
            "SELECT id, patient_id, visit_id, service_line_id, claim_id, payer_id, kind, bucket, amount_cents,
                        group_code, reason_code, responsibility
                 FROM ledger_entries WHERE posting_id = ?1 AND +reversal_of IS NULL ORDER BY id",
        )?
        .query_map([posting_id], |r| {
            let opposite = NewEntry {
                patient_id: r.get(1)?,
                visit_id: r.get(2)?,
                service_line_id: r.get(3)?,
                claim_id: r.get(4)?,
                payer_id: r.get(5)?,
                amount: -Money::from_cents(r.get(8)?),
                entry_date: Some(tx.today()),
                group_code: r.get(9)?,
                reason_code: r.get(10)?,
                responsibility: r.get(11)?,
                reversal_of: Some(r.get(0)?),
                memo: reason.trim().to_string(),
                ..NewEntry::default()
            };
            Ok((opposite, r.get(6)?, r.get(7)?, r.get(0)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let entries = raw
        .into_iter()
        .map(|(entry, kind, bucket, _)| {
            let (kind, bucket) = entry_names(&kind, &bucket)?;
            Ok(NewEntry { kind, bucket, ..entry })
        })
        .collect::<Result<Vec<_>>>()?;
    if entries.is_empty() {
        return Err(StoreError::NotFound(format!("posting {posting_id} with entries to reverse")));
    }
    tx.note(|| {
        AuditNote::about(Record::new("posting", posting_id), Some(entries[0].patient_id))
            .with_note(format!("reversed: {}", reason.trim()))
    });
    let already: Option<i64> = tx
        .prepare_cached(
            "SELECT r.id FROM ledger_entries r JOIN ledger_entries e ON e.id = r.reversal_of
                 WHERE e.posting_id = ?1 LIMIT 1",
        )?
        .query_row([posting_id], |r| r.get(0))
        .optional()?;
    if already.is_some() {
        return Err(StoreError::Conflict(format!("Posting {posting_id} was already reversed")));
    }
    let reversal = new_posting(tx, "reversal", source.as_str(), &format!("reverses {posting_id}: {}", reason.trim()))?;
    for entry in &entries {
        insert_entry(tx, reversal, entry)?;
    }
    Ok(entries.len())
}

/// The account a patient's payments go on: their guarantor's when the guarantor is a patient
/// here, else their own.
pub(crate) fn account_of(conn: &rusqlite::Connection, patient_id: i64) -> Result<i64> {
    let guarantor: Option<i64> = conn
        .prepare_cached("SELECT guarantor_patient_id FROM patients WHERE id = ?1")?
        .query_row([patient_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("patient {patient_id}")))?;
    Ok(guarantor.unwrap_or(patient_id))
}
