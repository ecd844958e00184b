//! Prompt-pay discounts and prepaid care packages in the ledger (rules in
//! `claimdesk_core::discounts`): the visit keeps its full fee; the discount, or the part of a
//! visit a package does not cover, is an adjustment on the visit's lines with its reason.

use super::audit::{AuditNote, Record};
use super::ledger::{insert_entry, new_posting, NewEntry};
use super::payments::{ApplyTo, PaymentInput, PaymentMethod, PaymentReceipt};
use crate::error::{Result, StoreError};
use crate::{now_utc, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::discounts::{split_over, CarePackage, PackageStanding, PromptPayPolicy};
use claimdesk_core::{Money, Source};
use rusqlite::{params, Connection, OptionalExtension};

/// What the patient owes on each of a visit's lines (patient bucket), oldest line first.
fn owed_lines(conn: &Connection, visit_id: i64) -> Result<Vec<(i64, i64, Money)>> {
    let rows = conn
        .prepare_cached(
            "SELECT e.service_line_id, e.patient_id, sum(e.amount_cents) FROM ledger_entries e
             JOIN service_lines s ON s.id = e.service_line_id
             WHERE s.visit_id = ?1 AND +e.bucket = 'patient'
             GROUP BY e.service_line_id HAVING sum(e.amount_cents) > 0 ORDER BY s.position",
        )?
        .query_map([visit_id], |r| Ok((r.get(0)?, r.get(1)?, Money::from_cents(r.get(2)?))))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn visit_day(conn: &Connection, visit_id: i64) -> Result<(i64, NaiveDate, bool)> {
    conn.prepare_cached("SELECT patient_id, service_date, voided_at IS NOT NULL FROM visits WHERE id = ?1")?
        .query_row([visit_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("visit {visit_id}")))
}

/// Adjustment entries taking `pieces` off the visit's `lines` (patient bucket), with `memo`.
fn adjust_lines(
    tx: &Tx,
    posting: i64,
    visit_id: i64,
    lines: &[(i64, i64, Money)],
    pieces: &[Money],
    memo: &str,
) -> Result<()> {
    for ((line_id, patient_id, _), piece) in lines.iter().zip(pieces) {
        if piece.is_zero() {
            continue;
        }
        insert_entry(
            tx,
            posting,
            &NewEntry {
                patient_id: *patient_id,
                visit_id: Some(visit_id),
                service_line_id: Some(*line_id),
                kind: "adjustment",
                bucket: "patient",
                amount: -*piece,
                entry_date: Some(tx.today()),
                memo: memo.to_string(),
                ..NewEntry::default()
            },
        )?;
    }
    Ok(())
}

/// A package sold: what is left of it, and the prepayment's receipt.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageSale {
    pub standing: PackageStanding,
    pub receipt: PaymentReceipt,
}

fn read_policy(conn: &Connection) -> Result<PromptPayPolicy> {
    Ok(conn
        .prepare_cached("SELECT percent, within_days FROM prompt_pay_settings WHERE id = 1")?
        .query_row([], |r| Ok(PromptPayPolicy { percent: r.get(0)?, within_days: r.get(1)? }))
        .optional()?
        .unwrap_or_default())
}

const PACKAGE_COLUMNS: &str = "id, patient_id, name, visits_included, price_cents, purchased_on, expires_on, note";

fn package_row(r: &rusqlite::Row) -> rusqlite::Result<CarePackage> {
    Ok(CarePackage {
        id: Some(r.get(0)?),
        patient_id: r.get(1)?,
        name: r.get(2)?,
        visits_included: r.get(3)?,
        price: Money::from_cents(r.get(4)?),
        purchased_on: Some(r.get(5)?),
        expires_on: r.get(6)?,
        note: r.get(7)?,
    })
}

fn standing(conn: &Connection, package: CarePackage) -> Result<PackageStanding> {
    let id = package.id.expect("read from the file");
    let (used, value): (u32, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(value_cents), 0) FROM package_visits WHERE package_id = ?1 AND returned_at IS NULL",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(PackageStanding::of(package, used, Money::from_cents(value)))
}

fn read_package(conn: &Connection, id: i64) -> Result<CarePackage> {
    conn.prepare_cached(&format!("SELECT {PACKAGE_COLUMNS} FROM care_packages WHERE id = ?1"))?
        .query_row([id], package_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("care package {id}")))
}

/// The open package drawn on by a visit, if any: (row id, posting).
pub(crate) fn drawn_on(conn: &Connection, visit_id: i64) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .prepare_cached("SELECT id, posting_id FROM package_visits WHERE visit_id = ?1 AND returned_at IS NULL")?
        .query_row([visit_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

impl Tx<'_> {
    pub fn save_prompt_pay_policy(&self, policy: &PromptPayPolicy) -> Result<PromptPayPolicy> {
        let policy = policy.validated()?;
        let before = read_policy(self)?;
        self.prepare_cached(
            "INSERT INTO prompt_pay_settings (id, percent, within_days) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET percent = excluded.percent, within_days = excluded.within_days",
        )?
        .execute(params![policy.percent, policy.within_days])?;
        self.note(|| AuditNote::change(Record::new("prompt_pay_settings", 1), None, Some(&before), &policy));
        Ok(policy)
    }

    /// Takes what the patient owes on a visit with the practice's prompt-pay discount: the
    /// discount first (an adjustment on the visit's lines, "Prompt-pay discount 10%"), then a
    /// payment of the rest, in one transaction. Refused when the practice offers no discount,
    /// the day is past the discount's window, nothing is owed, or the visit had one already.
    pub fn take_prompt_payment(
        &self,
        visit_id: i64,
        method: PaymentMethod,
        reference: &str,
        source: Source,
    ) -> Result<PaymentReceipt> {
        let (patient_id, service_date, voided) = visit_day(self, visit_id)?;
        if voided {
            return Err(StoreError::Conflict(format!("Visit {visit_id} was voided")));
        }
        let policy = read_policy(self)?;
        let today = self.today();
        if policy.percent == 0 {
            return Err(StoreError::invalid(
                "visit_id",
                "The practice offers no prompt-pay discount (set it in Practice setup)",
            ));
        }
        if !policy.applies(service_date, today) {
            return Err(StoreError::invalid(
                "visit_id",
                format!("The prompt-pay discount is for payment within {} day(s) of the visit", policy.within_days),
            ));
        }
        let given: Option<i64> = self
            .prepare_cached("SELECT posting_id FROM prompt_pay_discounts WHERE visit_id = ?1")?
            .query_row([visit_id], |r| r.get(0))
            .optional()?;
        if given.is_some() {
            return Err(StoreError::Conflict(format!("Visit {visit_id} already had its prompt-pay discount")));
        }
        let lines = owed_lines(self, visit_id)?;
        let owed = Money::from_cents(lines.iter().map(|l| l.2.cents()).sum());
        if owed.is_zero() {
            return Err(StoreError::invalid("visit_id", "The patient owes nothing on this visit"));
        }
        let discount = policy.discount_on(owed);
        let memo = format!("Prompt-pay discount {}%", policy.percent);
        let posting = new_posting(self, "adjustment", source.as_str(), &memo)?;
        let shares: Vec<Money> = lines.iter().map(|l| l.2).collect();
        adjust_lines(self, posting, visit_id, &lines, &split_over(discount, &shares), &memo)?;
        self.prepare_cached(
            "INSERT INTO prompt_pay_discounts (visit_id, posting_id, percent, amount_cents) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![visit_id, posting, policy.percent, discount.cents()])?;
        self.note(|| {
            AuditNote::about(Record::new("visit", visit_id), Some(patient_id)).with_note(format!("{memo}: {discount}"))
        });
        let account = super::payments::account_of(self, patient_id)?;
        self.post_patient_payment(
            &PaymentInput {
                patient_id: account,
                received_on: Some(today),
                method,
                reference: reference.to_string(),
                amount: owed - discount,
                apply: ApplyTo::Visits { visit_ids: vec![visit_id] },
            },
            source,
        )
    }

    /// Sells a prepaid package: the prepayment is a patient payment held on the account, and the
    /// package counts the visits drawn on it.
    pub fn sell_package(
        &self,
        package: &CarePackage,
        method: PaymentMethod,
        reference: &str,
        source: Source,
    ) -> Result<(PackageStanding, PaymentReceipt)> {
        let p = package.validated(self.today())?;
        if p.id.is_some() {
            return Err(StoreError::invalid("id", "A package is sold once; sell a new one instead"));
        }
        super::patients::patient_name(self, p.patient_id)?
            .ok_or_else(|| StoreError::invalid("patient_id", "Choose the patient the package is for"))?;
        let account = super::payments::account_of(self, p.patient_id)?;
        let receipt = self.post_patient_payment(
            &PaymentInput {
                patient_id: account,
                received_on: p.purchased_on,
                method,
                reference: reference.to_string(),
                amount: p.price,
                apply: ApplyTo::Copay { visit_id: None },
            },
            source,
        )?;
        self.prepare_cached(
            "INSERT INTO care_packages (patient_id, name, visits_included, price_cents, purchased_on, expires_on, payment_id, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![p.patient_id, p.name, p.visits_included, p.price.cents(), p.purchased_on, p.expires_on, receipt.payment_id, p.note, now_utc()])?;
        let id = self.last_insert_rowid();
        let saved = read_package(self, id)?;
        self.note(|| {
            AuditNote::change(Record::new("care_package", id), Some(saved.patient_id), None::<&CarePackage>, &saved)
        });
        Ok((standing(self, saved)?, receipt))
    }

    /// Draws a visit on a package: the next visit's share of the prepayment is applied to what
    /// the patient owes on the visit, and the rest of the full fee is adjusted off ("Prepaid
    /// care package 3 of 12"). Refused for another patient's visit, a visit drawn already, a
    /// package used up or not in force on the visit's day, or a visit the patient owes nothing on.
    pub fn draw_package_visit(&self, package_id: i64, visit_id: i64, source: Source) -> Result<PackageStanding> {
        let pkg = read_package(self, package_id)?;
        let (patient_id, day, voided) = visit_day(self, visit_id)?;
        if patient_id != pkg.patient_id {
            return Err(StoreError::invalid("visit_id", "The visit is another patient's"));
        }
        if voided {
            return Err(StoreError::Conflict(format!("Visit {visit_id} was voided")));
        }
        if drawn_on(self, visit_id)?.is_some() {
            return Err(StoreError::Conflict(format!("Visit {visit_id} was already drawn on a package")));
        }
        if !pkg.open_on(day) {
            return Err(StoreError::invalid(
                "package_id",
                format!("The package {:?} is not in force on the visit's day", pkg.name),
            ));
        }
        let before = standing(self, pkg.clone())?;
        if before.visits_left == 0 {
            return Err(StoreError::invalid("package_id", format!("Every visit of {:?} is used", pkg.name)));
        }
        let lines = owed_lines(self, visit_id)?;
        let owed = Money::from_cents(lines.iter().map(|l| l.2.cents()).sum());
        if owed.is_zero() {
            return Err(StoreError::invalid(
                "visit_id",
                "The patient owes nothing on this visit (is it billed to insurance?)",
            ));
        }
        let n = before.visits_used + 1;
        let share = pkg.visit_value(n);
        let applied = if share.cents() < owed.cents() { share } else { owed };
        let memo = format!("Prepaid care package {n} of {}", pkg.visits_included);
        let posting = new_posting(self, "adjustment", source.as_str(), &memo)?;
        let shares: Vec<Money> = lines.iter().map(|l| l.2).collect();
        let paid = split_over(applied, &shares);
        let account = super::payments::account_of(self, patient_id)?;
        // The prepayment held on the account moves onto the visit's lines.
        for ((line_id, line_patient, _), piece) in lines.iter().zip(&paid) {
            if piece.is_zero() {
                continue;
            }
            let entry = NewEntry {
                patient_id: *line_patient,
                visit_id: Some(visit_id),
                service_line_id: Some(*line_id),
                kind: "patient_payment",
                bucket: "patient",
                amount: -*piece,
                entry_date: Some(self.today()),
                memo: memo.clone(),
                ..NewEntry::default()
            };
            insert_entry(self, posting, &entry)?;
        }
        insert_entry(
            self,
            posting,
            &NewEntry {
                patient_id: account,
                kind: "patient_payment",
                bucket: "patient",
                amount: applied,
                entry_date: Some(self.today()),
                memo: memo.clone(),
                ..NewEntry::default()
            },
        )?;
        // What the package does not cover of the full fee is the package's discount.
        let rest: Vec<Money> = lines.iter().zip(&paid).map(|(l, p)| l.2 - *p).collect();
        adjust_lines(self, posting, visit_id, &lines, &rest, &memo)?;
        self.prepare_cached("INSERT INTO package_visits (package_id, visit_id, posting_id, value_cents, drawn_at) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![package_id, visit_id, posting, applied.cents(), now_utc()])?;
        self.note(|| {
            AuditNote::about(Record::new("care_package", package_id), Some(patient_id))
                .with_note(format!("{memo}: visit {visit_id}"))
        });
        standing(self, pkg)
    }

    /// A voided visit gives its package visit back: the draw's posting is reversed.
    pub(crate) fn return_package_visit(&self, visit_id: i64) -> Result<()> {
        let Some((row, posting)) = drawn_on(self, visit_id)? else { return Ok(()) };
        super::payments::reverse_entries(self, posting, "visit voided: package visit returned", Source::App)?;
        self.prepare_cached("UPDATE package_visits SET returned_at = ?1 WHERE id = ?2")?
            .execute(params![now_utc(), row])?;
        Ok(())
    }
}

impl Store {
    pub fn prompt_pay_policy(&self) -> Result<PromptPayPolicy> {
        read_policy(self.conn())
    }

    /// A patient's packages with what is left of each, newest first.
    pub fn packages_for_patient(&self, patient_id: i64) -> Result<Vec<PackageStanding>> {
        let list = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {PACKAGE_COLUMNS} FROM care_packages WHERE patient_id = ?1 ORDER BY purchased_on DESC, id DESC"
            ))?
            .query_map([patient_id], package_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        list.into_iter().map(|p| standing(self.conn(), p)).collect()
    }
}
