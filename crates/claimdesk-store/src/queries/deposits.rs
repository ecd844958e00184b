//! Bank deposits: the payments taken to the bank together (patient payments and insurance
//! remittances), with the amount on the deposit slip. A payment is in one deposit at most;
//! the reconciliation report (`queries/reports.rs`) compares each slip with its payments.

use crate::error::{Result, StoreError};
use crate::page::{Page, PageRequest};
use crate::{now_utc, rows, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::{FieldError, Invalid, Money};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a payment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaymentSource {
    /// Taken at the desk or by mail (`patient_payments`).
    Patient,
    /// An insurance payment (an imported 835: check or EFT).
    Insurance,
}

/// A payment as the deposit screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DepositPayment {
    pub source: PaymentSource,
    /// The patient payment's or the remittance's id.
    pub id: i64,
    pub received_on: NaiveDate,
    /// cash, check, card, agency, other; for insurance the 835's method (CHK, ACH ...).
    pub method: String,
    /// Check number, card reference, receipt number or the payer's trace number.
    pub reference: String,
    /// The patient's account and name, or the payer's name.
    pub from: String,
    pub amount: Money,
    pub deposit_id: Option<i64>,
}

/// A deposit to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DepositInput {
    pub deposit_date: NaiveDate,
    #[serde(default)]
    pub bank_reference: String,
    /// The total on the deposit slip; None = the sum of the chosen payments.
    #[serde(default)]
    pub slip_amount: Option<Money>,
    #[serde(default)]
    pub memo: String,
    #[serde(default)]
    pub patient_payment_ids: Vec<i64>,
    #[serde(default)]
    pub remittance_ids: Vec<i64>,
}

/// A recorded deposit and what is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Deposit {
    pub id: i64,
    pub deposit_date: NaiveDate,
    pub bank_reference: String,
    pub slip_amount: Money,
    pub memo: String,
    pub payments: Vec<DepositPayment>,
    /// The payments' sum.
    pub payments_total: Money,
    /// Slip minus payments: zero when the deposit reconciles.
    pub difference: Money,
}

const PATIENT_PAYMENTS: &str = "SELECT pp.id, pp.received_on, pp.method, pp.reference, pp.receipt_number,
        pt.account_number, pt.last_name, pt.first_name, pp.amount_cents, pp.deposit_id
     FROM patient_payments pp JOIN patients pt ON pt.id = pp.patient_id";
const REMITTANCES: &str = "SELECT r.id, r.payment_date, r.payment_method, r.trace_number, r.payer_name, r.paid_cents,
        r.deposit_id
     FROM remittances r";

fn patient_payment(r: &rusqlite::Row) -> rusqlite::Result<DepositPayment> {
    let reference: String = r.get(3)?;
    let receipt: String = r.get(4)?;
    let reference = if reference.is_empty() { receipt } else { format!("{reference} ({receipt})") };
    Ok(DepositPayment {
        source: PaymentSource::Patient,
        id: r.get(0)?,
        received_on: r.get(1)?,
        method: r.get(2)?,
        reference,
        from: format!("{} {}, {}", r.get::<_, String>(5)?, r.get::<_, String>(6)?, r.get::<_, String>(7)?),
        amount: rows::money(r, 8)?,
        deposit_id: r.get(9)?,
    })
}

fn remittance(r: &rusqlite::Row) -> rusqlite::Result<DepositPayment> {
    Ok(DepositPayment {
        source: PaymentSource::Insurance,
        id: r.get(0)?,
        received_on: r.get(1)?,
        method: r.get(2)?,
        reference: r.get(3)?,
        from: r.get(4)?,
        amount: rows::money(r, 5)?,
        deposit_id: r.get(6)?,
    })
}

fn sort(list: &mut [DepositPayment]) {
    list.sort_by_key(|a| (a.received_on, a.source, a.id));
}

/// Payments not in any deposit, received on or before `through` (all when None), oldest first.
/// Remittances that paid nothing (all denials) carry no money and are left out.
pub(crate) fn undeposited(conn: &Connection, through: Option<NaiveDate>) -> Result<Vec<DepositPayment>> {
    let mut list = conn
        .prepare_cached(&format!(
            "{PATIENT_PAYMENTS} WHERE pp.deposit_id IS NULL AND (?1 IS NULL OR pp.received_on <= ?1)"
        ))?
        .query_map([through], patient_payment)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    list.extend(
        conn.prepare_cached(&format!(
            "{REMITTANCES} WHERE r.deposit_id IS NULL AND r.paid_cents <> 0 AND (?1 IS NULL OR r.payment_date <= ?1)"
        ))?
        .query_map([through], remittance)?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    sort(&mut list);
    Ok(list)
}

/// The deposits dated within `from..=to`, oldest first, each with its payments.
pub(crate) fn deposits_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Deposit>> {
    let heads: Vec<(i64, NaiveDate, String, Money, String)> = conn
        .prepare_cached(
            "SELECT id, deposit_date, bank_reference, slip_cents, memo FROM deposits
             WHERE deposit_date BETWEEN ?1 AND ?2 ORDER BY deposit_date, id",
        )?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, rows::money(r, 3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    heads
        .into_iter()
        .map(|(id, deposit_date, bank_reference, slip_amount, memo)| {
            let payments = deposit_payments(conn, id)?;
            let payments_total: Money = payments.iter().map(|p| p.amount).sum();
            Ok(Deposit {
                id,
                deposit_date,
                bank_reference,
                slip_amount,
                memo,
                payments,
                payments_total,
                difference: slip_amount - payments_total,
            })
        })
        .collect()
}

fn deposit_payments(conn: &Connection, deposit_id: i64) -> Result<Vec<DepositPayment>> {
    let mut list = conn
        .prepare_cached(&format!("{PATIENT_PAYMENTS} WHERE pp.deposit_id = ?1"))?
        .query_map([deposit_id], patient_payment)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    list.extend(
        conn.prepare_cached(&format!("{REMITTANCES} WHERE r.deposit_id = ?1"))?
            .query_map([deposit_id], remittance)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    sort(&mut list);
    Ok(list)
}

impl Store {
    /// Payments not deposited yet (received on or before `through`, or all), oldest first.
    pub fn list_undeposited_payments(&self, through: Option<NaiveDate>) -> Result<Vec<DepositPayment>> {
        undeposited(self.conn(), through)
    }

    /// One page of the payments not deposited yet (at most `LIST_PAGE_MAX`), oldest first, and
    /// how many there are in all: what the deposit screen lists.
    pub fn undeposited_page(&self, through: Option<NaiveDate>, at: PageRequest) -> Result<Page<DepositPayment>> {
        Page::of(undeposited(self.conn(), through)?, at)
    }

    /// Deposits dated within `from..=to`, oldest first.
    pub fn list_deposits(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Deposit>> {
        deposits_between(self.conn(), from, to)
    }

    /// One page of the deposits dated within `from..=to`, oldest first (a long range holds
    /// years of deposits).
    pub fn deposits_page(&self, from: NaiveDate, to: NaiveDate, at: PageRequest) -> Result<Page<Deposit>> {
        Page::of(deposits_between(self.conn(), from, to)?, at)
    }

    /// One deposit with its payments.
    pub fn deposit(&self, id: i64) -> Result<Deposit> {
        let date: Option<NaiveDate> = self
            .conn()
            .prepare_cached("SELECT deposit_date FROM deposits WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let date = date.ok_or_else(|| StoreError::NotFound(format!("deposit {id}")))?;
        deposits_between(self.conn(), date, date)?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("deposit {id}")))
    }

    /// Records a deposit of the chosen payments.
    pub fn create_deposit(&mut self, input: &DepositInput) -> Result<Deposit> {
        let id = self.with_tx(|tx| tx.create_deposit(input))?;
        self.deposit(id)
    }
}

impl Tx<'_> {
    /// Records a deposit of the chosen payments. Refuses a deposit with no payments, an
    /// unknown payment, one already deposited, a future date or a negative slip amount; then
    /// nothing is recorded.
    pub fn create_deposit(&self, input: &DepositInput) -> Result<i64> {
        let mut problems = Vec::new();
        let mut add = |field: &str, message: String| problems.push(FieldError { field: field.into(), message });
        if input.patient_payment_ids.is_empty() && input.remittance_ids.is_empty() {
            add("payments", "Choose the payments that go to the bank in this deposit".into());
        }
        if input.deposit_date > self.today() {
            add("deposit_date", "A deposit cannot be dated in the future".into());
        }
        if input.slip_amount.is_some_and(|m| m.is_negative()) {
            add("slip_amount", "The slip amount cannot be negative".into());
        }
        for (field, label, value, max) in [
            ("bank_reference", "Bank reference", &input.bank_reference, claimdesk_core::text::max::REFERENCE),
            ("memo", "Memo", &input.memo, claimdesk_core::text::max::REASON),
        ] {
            if let Err(StoreError::Invalid(Invalid(found))) = StoreError::check_text(field, label, value, max) {
                for e in found {
                    add(&e.field, e.message);
                }
            }
        }
        let mut total = Money::ZERO;
        let mut seen = std::collections::HashSet::new();
        for (list, table, field, what) in [
            (&input.patient_payment_ids, "patient_payments", "patient_payment_ids", "patient payment"),
            (&input.remittance_ids, "remittances", "remittance_ids", "insurance payment"),
        ] {
            let amount_column = if table == "remittances" { "paid_cents" } else { "amount_cents" };
            for (i, id) in list.iter().enumerate() {
                let field = format!("{field}[{i}]");
                if !seen.insert((table, *id)) {
                    add(&field, format!("The {what} {id} is chosen twice"));
                    continue;
                }
                let row: Option<(i64, Option<i64>)> = self
                    .prepare_cached(&format!("SELECT {amount_column}, deposit_id FROM {table} WHERE id = ?1"))?
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                match row {
                    None => add(&field, format!("There is no {what} {id}")),
                    Some((_, Some(deposit))) => add(&field, format!("The {what} {id} is already in deposit {deposit}")),
                    Some((cents, None)) => total = total + Money::from_cents(cents),
                }
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(Invalid(problems)));
        }
        let slip = input.slip_amount.unwrap_or(total);
        let id: i64 = self
            .prepare_cached(
                "INSERT INTO deposits (deposit_date, bank_reference, slip_cents, memo, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            )?
            .query_row(
                params![input.deposit_date, input.bank_reference.trim(), slip.cents(), input.memo.trim(), now_utc()],
                |r| r.get(0),
            )?;
        for pid in &input.patient_payment_ids {
            self.prepare_cached("UPDATE patient_payments SET deposit_id = ?1 WHERE id = ?2")?
                .execute(params![id, pid])?;
        }
        for rid in &input.remittance_ids {
            self.prepare_cached("UPDATE remittances SET deposit_id = ?1 WHERE id = ?2")?.execute(params![id, rid])?;
        }
        Ok(id)
    }
}
