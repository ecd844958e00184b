//! Payment plans: a guarantor pays a chosen balance in installments. The rules (schedule,
//! how a plan stands, amendments) are pure and live in `claimdesk_core::payment_plans`; this
//! module keeps the terms, the schedule and the office's decisions (cancel, default, amend).
//!
//! **Which payments are the plan's.** A plan does not take payments of its own: the desk posts
//! patient payments as usual (`post_patient_payment`). A plan's payments are the account's
//! patient payments (the account patient and everyone whose guarantor they are) that were
//! posted after the plan was made (a higher payment id than any on file at that moment) and
//! received on or after the plan's `created_on`, up to the moment the plan ended or was
//! replaced. A reversed payment (a returned check) counts as a negative payment on the day
//! it was reversed. The down payment is one of these payments: it counts as a payment made
//! at creation, so the first `down_payment` received goes to it and only the rest reaches the
//! installments (oldest first).

use crate::error::{Result, StoreError};
use crate::page::{Page, PageRequest};
use crate::{Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::payment_plans::{
    amend, plan_state, schedule, Installment, PlanFrequency, PlanPayment, PlanState, PlanStatus, PlanTerms,
};
use claimdesk_core::{FieldError, Invalid, Money};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A new plan, as the biller typed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanInput {
    /// The account: the guarantor's own patient record.
    pub patient_id: i64,
    pub terms: PlanTerms,
    /// Days an installment may stay unpaid after its due date before the plan is delinquent.
    pub grace_days: i64,
    /// The visits the plan covers; empty = the account's whole patient balance.
    #[serde(default)]
    pub visit_ids: Vec<i64>,
}

/// Where a stored plan version stands: the office's decision when there is one, otherwise
/// how it stands today (`plan_state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanRecordStatus {
    Active,
    Delinquent,
    Completed,
    Cancelled,
    Defaulted,
    /// Amended: a newer version with the same plan number took over.
    Replaced,
}

/// Which plans to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanFilter {
    /// Running plans (active or delinquent): upcoming, due and late installments.
    Active,
    /// Running plans with an installment unpaid past the grace period.
    Delinquent,
    /// Every version of every plan, ended and replaced ones included.
    All,
}

/// One version of a plan with its schedule and how it stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanView {
    pub id: i64,
    pub plan_number: String,
    pub version: i64,
    pub patient_id: i64,
    /// The account's number and the guarantor's name, for lists.
    pub account_number: String,
    pub guarantor_name: String,
    pub status: PlanRecordStatus,
    pub terms: PlanTerms,
    pub grace_days: i64,
    pub visit_ids: Vec<i64>,
    pub created_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub ended_reason: String,
    pub replaces_plan_id: Option<i64>,
    pub schedule: Vec<Installment>,
    /// As of the store's today. For a replaced version: as it stood when it was replaced.
    pub state: PlanState,
}

struct PlanRow {
    id: i64,
    plan_number: String,
    version: i64,
    patient_id: i64,
    status: String,
    terms: PlanTerms,
    grace_days: i64,
    created_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    ended_reason: String,
    replaces_plan_id: Option<i64>,
    payments_after_id: i64,
    payments_through_id: Option<i64>,
}

fn frequency_name(f: PlanFrequency) -> &'static str {
    match f {
        PlanFrequency::Weekly => "weekly",
        PlanFrequency::EveryTwoWeeks => "every_two_weeks",
        PlanFrequency::Monthly => "monthly",
    }
}

fn frequency_from(name: &str) -> Result<PlanFrequency> {
    match name {
        "weekly" => Ok(PlanFrequency::Weekly),
        "every_two_weeks" => Ok(PlanFrequency::EveryTwoWeeks),
        "monthly" => Ok(PlanFrequency::Monthly),
        other => Err(StoreError::Corrupt(format!("plan frequency {other:?}"))),
    }
}

/// Core field errors, named as the input names them (`terms.financed`).
fn in_terms(e: Invalid) -> StoreError {
    StoreError::Invalid(Invalid(
        e.0.into_iter().map(|f| FieldError { field: format!("terms.{}", f.field), message: f.message }).collect(),
    ))
}

const SELECT_PLAN: &str = "SELECT id, plan_number, version, patient_id, status, financed_cents, down_payment_cents,
        frequency, installments, installment_amount_cents, first_due, grace_days, created_on, ended_on,
        ended_reason, replaces_plan_id, payments_after_id, payments_through_id
     FROM payment_plans";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<(PlanRow, String)> {
    let installments: Option<i64> = r.get(8)?;
    Ok((
        PlanRow {
            id: r.get(0)?,
            plan_number: r.get(1)?,
            version: r.get(2)?,
            patient_id: r.get(3)?,
            status: r.get(4)?,
            terms: PlanTerms {
                financed: Money::from_cents(r.get(5)?),
                down_payment: Money::from_cents(r.get(6)?),
                installments: installments.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
                installment_amount: r.get::<_, Option<i64>>(9)?.map(Money::from_cents),
                frequency: PlanFrequency::Weekly,
                first_due: Some(r.get(10)?),
            },
            grace_days: r.get(11)?,
            created_on: r.get(12)?,
            ended_on: r.get(13)?,
            ended_reason: r.get(14)?,
            replaces_plan_id: r.get(15)?,
            payments_after_id: r.get(16)?,
            payments_through_id: r.get(17)?,
        },
        r.get(7)?,
    ))
}

fn plan_rows(conn: &Connection, filter_sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<PlanRow>> {
    let raw = conn
        .prepare_cached(&format!("{SELECT_PLAN} {filter_sql}"))?
        .query_map(args, read_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(mut row, frequency)| {
            row.terms.frequency = frequency_from(&frequency)?;
            Ok(row)
        })
        .collect()
}

/// Whether a plan, as it stands today, is one `filter` lists.
fn keeps(filter: PlanFilter, v: &PlanView) -> bool {
    match filter {
        PlanFilter::All => true,
        PlanFilter::Active => matches!(v.status, PlanRecordStatus::Active | PlanRecordStatus::Delinquent),
        PlanFilter::Delinquent => v.status == PlanRecordStatus::Delinquent,
    }
}

fn plan_row(conn: &Connection, id: i64) -> Result<PlanRow> {
    plan_rows(conn, "WHERE id = ?1", &[&id])?.pop().ok_or_else(|| StoreError::NotFound(format!("Payment plan {id}")))
}

fn stored_schedule(conn: &Connection, plan_id: i64) -> Result<Vec<Installment>> {
    let rows = conn
        .prepare_cached("SELECT number, due, amount_cents FROM plan_installments WHERE plan_id = ?1 ORDER BY number")?
        .query_map([plan_id], |r| {
            Ok(Installment { number: r.get(0)?, due: r.get(1)?, amount: Money::from_cents(r.get(2)?) })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn plan_visit_ids(conn: &Connection, plan_id: i64) -> Result<Vec<i64>> {
    let rows = conn
        .prepare_cached("SELECT visit_id FROM plan_visits WHERE plan_id = ?1 ORDER BY visit_id")?
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The highest patient payment id on file (0 when none): payments above it are new.
fn last_payment_id(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT coalesce(max(id), 0) FROM patient_payments")?.query_row([], |r| r.get(0))?)
}

/// The plan's payments (see the module docs), the down payment first as money taken back.
fn plan_payments(conn: &Connection, row: &PlanRow) -> Result<Vec<PlanPayment>> {
    let mut payments = vec![PlanPayment { date: row.created_on, amount: Money::ZERO - row.terms.down_payment }];
    let rows: Vec<(NaiveDate, i64, Option<NaiveDate>)> = conn
        .prepare_cached(
            "SELECT pp.received_on, pp.amount_cents,
                (SELECT min(r.entry_date) FROM ledger_entries r JOIN ledger_entries e ON e.id = r.reversal_of
                 WHERE e.posting_id = pp.posting_id)
             FROM patient_payments pp JOIN patients p ON p.id = pp.patient_id
             WHERE (p.id = ?1 OR p.guarantor_patient_id = ?1)
               AND pp.id > ?2 AND (?3 IS NULL OR pp.id <= ?3) AND pp.received_on >= ?4
             ORDER BY pp.received_on, pp.id",
        )?
        .query_map(params![row.patient_id, row.payments_after_id, row.payments_through_id, row.created_on], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (date, cents, reversed_on) in rows {
        payments.push(PlanPayment { date, amount: Money::from_cents(cents) });
        if let Some(on) = reversed_on {
            payments.push(PlanPayment { date: on.max(date), amount: Money::from_cents(-cents) });
        }
    }
    Ok(payments)
}

fn view(conn: &Connection, row: PlanRow, today: NaiveDate) -> Result<PlanView> {
    let schedule = stored_schedule(conn, row.id)?;
    let payments = plan_payments(conn, &row)?;
    let (ended, as_of) = match row.status.as_str() {
        "active" => (None, today),
        "cancelled" => (Some(PlanStatus::Cancelled), today),
        "defaulted" => (Some(PlanStatus::Defaulted), today),
        "replaced" => (None, row.ended_on.unwrap_or(today)),
        other => return Err(StoreError::Corrupt(format!("payment plan status {other:?}"))),
    };
    let state = plan_state(&schedule, &payments, as_of, row.grace_days, ended);
    let status = match (row.status.as_str(), state.status) {
        ("replaced", _) => PlanRecordStatus::Replaced,
        (_, PlanStatus::Active) => PlanRecordStatus::Active,
        (_, PlanStatus::Delinquent) => PlanRecordStatus::Delinquent,
        (_, PlanStatus::Completed) => PlanRecordStatus::Completed,
        (_, PlanStatus::Cancelled) => PlanRecordStatus::Cancelled,
        (_, PlanStatus::Defaulted) => PlanRecordStatus::Defaulted,
    };
    let (account_number, first, last): (String, String, String) = conn
        .prepare_cached("SELECT account_number, first_name, last_name FROM patients WHERE id = ?1")?
        .query_row([row.patient_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(PlanView {
        id: row.id,
        plan_number: row.plan_number,
        version: row.version,
        patient_id: row.patient_id,
        account_number,
        guarantor_name: format!("{} {}", first.trim(), last.trim()).trim().to_string(),
        status,
        terms: row.terms,
        grace_days: row.grace_days,
        visit_ids: plan_visit_ids(conn, row.id)?,
        created_on: row.created_on,
        ended_on: row.ended_on,
        ended_reason: row.ended_reason,
        replaces_plan_id: row.replaces_plan_id,
        schedule,
        state,
    })
}

/// The patient due of the account, or of the chosen visits of the account.
fn patient_due(tx: &Connection, account: i64, visit_ids: &[i64]) -> Result<Money> {
    let mut due = 0i64;
    if visit_ids.is_empty() {
        due = tx
            .prepare_cached(
                "SELECT coalesce(sum(e.amount_cents), 0) FROM ledger_entries e
                 WHERE e.patient_id IN (SELECT id FROM patients WHERE id = ?1 OR guarantor_patient_id = ?1)
                   AND +e.bucket = 'patient'",
            )?
            .query_row([account], |r| r.get(0))?;
        return Ok(Money::from_cents(due));
    }
    for visit in visit_ids {
        refuse_visit_off_account(tx, account, *visit, "visit_ids")?;
        let cents: i64 = tx
            .prepare_cached(
                "SELECT coalesce(sum(amount_cents), 0) FROM ledger_entries WHERE bucket = 'patient' AND visit_id = ?1",
            )?
            .query_row([*visit], |r| r.get(0))?;
        due += cents;
    }
    Ok(Money::from_cents(due))
}

/// Refuses (as `field`) a visit that does not exist or is not on the account: the account
/// holder's own visits and those of everyone whose guarantor they are.
pub(crate) fn refuse_visit_off_account(tx: &Connection, account: i64, visit: i64, field: &str) -> Result<()> {
    let belongs: Option<i64> = tx
        .prepare_cached(
            "SELECT v.id FROM visits v JOIN patients p ON p.id = v.patient_id
             WHERE v.id = ?1 AND (p.id = ?2 OR p.guarantor_patient_id = ?2)",
        )?
        .query_row([visit, account], |r| r.get(0))
        .optional()?;
    match belongs {
        Some(_) => Ok(()),
        None => Err(StoreError::invalid(field, format!("Visit {visit} is not on this account"))),
    }
}

fn refuse_above_due(financed: Money, due: Money, what: &str) -> Result<()> {
    if financed > due {
        return Err(StoreError::invalid(
            "terms.financed",
            format!("The plan covers ${financed} but the patient owes ${due} on {what}; a plan cannot cover more"),
        ));
    }
    Ok(())
}

fn running_plan(tx: &Tx, account: i64) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT plan_number FROM payment_plans WHERE patient_id = ?1 AND status = 'active' LIMIT 1")?
        .query_row([account], |r| r.get(0))
        .optional()?)
}

struct NewVersion<'a> {
    plan_number: &'a str,
    version: i64,
    patient_id: i64,
    terms: &'a PlanTerms,
    grace_days: i64,
    replaces: Option<i64>,
    schedule: &'a [Installment],
    visit_ids: &'a [i64],
}

fn insert_version(tx: &Tx, v: &NewVersion) -> Result<i64> {
    let first_due =
        v.terms.first_due.ok_or_else(|| StoreError::invalid("terms.first_due", "First due date is required"))?;
    tx.prepare_cached(
        "INSERT INTO payment_plans (plan_number, version, patient_id, status, financed_cents, down_payment_cents,
            frequency, installments, installment_amount_cents, first_due, grace_days, created_on,
            replaces_plan_id, payments_after_id)
         VALUES (?1, ?2, ?3, 'active', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        v.plan_number,
        v.version,
        v.patient_id,
        v.terms.financed.cents(),
        v.terms.down_payment.cents(),
        frequency_name(v.terms.frequency),
        v.terms.installments,
        v.terms.installment_amount.map(|m| m.cents()),
        first_due,
        v.grace_days,
        tx.today(),
        v.replaces,
        last_payment_id(tx)?,
    ])?;
    let id = tx.last_insert_rowid();
    for i in v.schedule {
        tx.prepare_cached(
            "INSERT INTO plan_installments (plan_id, number, due, amount_cents) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, i.number, i.due, i.amount.cents()])?;
    }
    for visit in v.visit_ids {
        tx.prepare_cached("INSERT INTO plan_visits (plan_id, visit_id) VALUES (?1, ?2)")?.execute([id, *visit])?;
    }
    Ok(id)
}

fn end_version(tx: &Tx, id: i64, status: &str, reason: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE payment_plans SET status = ?2, ended_on = ?3, ended_reason = ?4, payments_through_id = ?5
         WHERE id = ?1",
    )?
    .execute(params![id, status, tx.today(), reason, last_payment_id(tx)?])?;
    Ok(())
}

/// What a new plan would be, checked as `create_plan` checks it; saves nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanPreview {
    pub schedule: Vec<Installment>,
    /// What the installments pay: the amount covered less the down payment.
    pub amount_to_finance: Money,
    /// The sum of the installments (always equal to `amount_to_finance`).
    pub total_of_installments: Money,
    /// The most the plan may cover: the account's patient due, or the chosen visits'.
    pub balance_available: Money,
}

/// A visit of an account with what is still owed on it, to choose what a plan covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitBalance {
    pub visit_id: i64,
    pub patient_id: i64,
    pub patient_name: String,
    pub service_date: NaiveDate,
    pub patient_due: Money,
    pub insurance_pending: Money,
}

/// Checks a new plan as `create_plan` does, in the same order: the schedule, the visits
/// (sorted, without repeats) and the balance they may cover.
fn check_new_plan(conn: &Connection, input: &PlanInput) -> Result<(Vec<Installment>, Vec<i64>, Money)> {
    let exists: Option<i64> = conn
        .prepare_cached("SELECT id FROM patients WHERE id = ?1")?
        .query_row([input.patient_id], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(StoreError::invalid("patient_id", "Choose the account the plan is for"));
    }
    let schedule = schedule(&input.terms).map_err(in_terms)?;
    if input.grace_days < 0 {
        return Err(StoreError::invalid("grace_days", "Grace days cannot be negative"));
    }
    let mut visits = input.visit_ids.clone();
    visits.sort_unstable();
    visits.dedup();
    let due = patient_due(conn, input.patient_id, &visits)?;
    let what = if visits.is_empty() { "the account" } else { "the chosen visits" };
    refuse_above_due(input.terms.financed, due, what)?;
    Ok((schedule, visits, due))
}

/// Checks an amendment of the plan version `id` as `amend_plan` does, in the same order: the
/// version must be running; the new schedule from how it stands `today`, and the balance the
/// plan's visits (or the account) may cover. Returns the version as it stands, the new schedule
/// and that balance.
fn check_amendment(
    conn: &Connection,
    id: i64,
    new_terms: &PlanTerms,
    today: NaiveDate,
) -> Result<(PlanView, Vec<Installment>, Money)> {
    let row = plan_row(conn, id)?;
    if row.status != "active" {
        return Err(StoreError::invalid(
            "status",
            format!("Payment plan {} version {} is {}; it cannot be amended", row.plan_number, row.version, row.status),
        ));
    }
    let current = view(conn, row, today)?;
    let schedule = amend(&current.state, new_terms).map_err(in_terms)?;
    let due = patient_due(conn, current.patient_id, &current.visit_ids)?;
    let what = if current.visit_ids.is_empty() { "the account" } else { "the plan's visits" };
    refuse_above_due(new_terms.financed, due, what)?;
    Ok((current, schedule, due))
}

fn preview_of(schedule: Vec<Installment>, terms: &PlanTerms, due: Money) -> PlanPreview {
    PlanPreview {
        total_of_installments: schedule.iter().map(|i| i.amount).sum(),
        schedule,
        amount_to_finance: terms.amount_to_finance(),
        balance_available: due,
    }
}

impl Store {
    /// The schedule a new plan would have, refused exactly as `create_plan` refuses it
    /// (except for an account that already has a running plan). Saves nothing.
    pub fn preview_plan(&self, input: &PlanInput) -> Result<PlanPreview> {
        let (schedule, _, due) = check_new_plan(self.conn(), input)?;
        Ok(preview_of(schedule, &input.terms, due))
    }

    /// The schedule an amendment would give a running plan, refused exactly as `amend_plan`
    /// refuses it. Saves nothing.
    pub fn preview_amendment(&self, id: i64, new_terms: &PlanTerms) -> Result<PlanPreview> {
        let (_, schedule, due) = check_amendment(self.conn(), id, new_terms, self.today())?;
        Ok(preview_of(schedule, new_terms, due))
    }

    /// What a plan over the account (no visits) or over the chosen visits of the account may
    /// cover: their patient due (a visit not on the account is refused, `visit_ids`).
    pub fn plan_coverable_balance(&self, patient_id: i64, visit_ids: &[i64]) -> Result<Money> {
        patient_due(self.conn(), patient_id, visit_ids)
    }

    /// Every version of one plan (by its plan number), oldest first: the amendment history.
    pub fn plan_versions(&self, id: i64) -> Result<Vec<PlanView>> {
        let conn = self.conn();
        let number = plan_row(conn, id)?.plan_number;
        let rows = plan_rows(conn, "WHERE plan_number = ?1 ORDER BY version", &[&number])?;
        rows.into_iter().map(|row| view(conn, row, self.today())).collect()
    }

    /// The plans of one account (every version), newest first.
    pub fn plans_for_patient(&self, patient_id: i64) -> Result<Vec<PlanView>> {
        let conn = self.conn();
        let rows = plan_rows(conn, "WHERE patient_id = ?1 ORDER BY plan_number DESC, version DESC", &[&patient_id])?;
        rows.into_iter().map(|row| view(conn, row, self.today())).collect()
    }

    /// The visits of an account (the patient and everyone whose guarantor they are) that
    /// still have a balance, oldest first, with what the patient owes on each.
    pub fn account_visit_balances(&self, patient_id: i64) -> Result<Vec<VisitBalance>> {
        let rows = self
            .conn()
            .prepare_cached(
                "SELECT v.id, v.patient_id, p.first_name, p.last_name, v.service_date,
                    coalesce(sum(CASE e.bucket WHEN 'patient' THEN e.amount_cents END), 0),
                    coalesce(sum(CASE e.bucket WHEN 'insurance' THEN e.amount_cents END), 0)
                 FROM visits v JOIN patients p ON p.id = v.patient_id
                 JOIN ledger_entries e ON e.patient_id = v.patient_id AND e.visit_id = v.id
                 WHERE v.patient_id IN (SELECT id FROM patients WHERE id = ?1 OR guarantor_patient_id = ?1)
                 GROUP BY v.id
                 HAVING sum(e.amount_cents) <> 0
                 ORDER BY v.service_date, v.id",
            )?
            .query_map([patient_id], |r| {
                let first: String = r.get(2)?;
                let last: String = r.get(3)?;
                Ok(VisitBalance {
                    visit_id: r.get(0)?,
                    patient_id: r.get(1)?,
                    patient_name: format!("{} {}", first.trim(), last.trim()).trim().to_string(),
                    service_date: r.get(4)?,
                    patient_due: Money::from_cents(r.get(5)?),
                    insurance_pending: Money::from_cents(r.get(6)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Puts a balance on a payment plan and stores its schedule.
    ///
    /// Refused (nothing saved): terms that do not make a plan (`terms.*`, every problem at
    /// once); `terms.financed` above the account's patient due (or the chosen visits' patient
    /// due); a visit not on the account (`visit_ids`); a `grace_days` below 0; an account
    /// that already has a running plan (`patient_id`: amend that one instead).
    pub fn create_plan(&mut self, input: &PlanInput) -> Result<PlanView> {
        let id = self.with_tx(|tx| {
            let (schedule, visits, _) = check_new_plan(tx, input)?;
            if let Some(number) = running_plan(tx, input.patient_id)? {
                return Err(StoreError::invalid(
                    "patient_id",
                    format!("This account already has payment plan {number} running; amend it or end it first"),
                ));
            }
            let n: i64 = tx
                .prepare_cached(
                    "UPDATE sequences SET next_value = next_value + 1 WHERE name = 'plan_number' RETURNING next_value - 1",
                )?
                .query_row([], |r| r.get(0))?;
            insert_version(
                tx,
                &NewVersion {
                    plan_number: &format!("PP{n:05}"),
                    version: 1,
                    patient_id: input.patient_id,
                    terms: &input.terms,
                    grace_days: input.grace_days,
                    replaces: None,
                    schedule: &schedule,
                    visit_ids: &visits,
                },
            )
        })?;
        self.plan(id)
    }

    /// One plan version with its schedule and how it stands today.
    pub fn plan(&self, id: i64) -> Result<PlanView> {
        view(self.conn(), plan_row(self.conn(), id)?, self.today())
    }

    /// Plans by how they stand today, newest plan number first (see [`PlanFilter`]): every
    /// one, for the CLI and batch work. The plans screen asks for a page (`plans_page`).
    pub fn list_plans(&self, filter: PlanFilter) -> Result<Vec<PlanView>> {
        let rows = self.plan_rows_for(filter)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let v = view(self.conn(), row, self.today())?;
            if keeps(filter, &v) {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// One page of the plans under `filter` (at most `LIST_PAGE_MAX`), newest plan number
    /// first, and how many there are in all. Every version is listed under `All`, so only the
    /// page's plans are read with their schedules; how a running plan stands today is worked
    /// out from its schedule, so `Active` and `Delinquent` look at each running plan.
    pub fn plans_page(&self, filter: PlanFilter, at: PageRequest) -> Result<Page<PlanView>> {
        let rows = self.plan_rows_for(filter)?;
        if filter == PlanFilter::All {
            let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
            let page = rows.into_iter().skip(at.offset as usize).take(at.size() as usize);
            let views = page.map(|row| view(self.conn(), row, self.today())).collect::<Result<Vec<_>>>()?;
            return Page::read(views, total, at);
        }
        Page::of(self.list_plans(filter)?, at)
    }

    fn plan_rows_for(&self, filter: PlanFilter) -> Result<Vec<PlanRow>> {
        let conn = self.conn();
        match filter {
            PlanFilter::All => plan_rows(conn, "ORDER BY plan_number DESC, version DESC", &[]),
            PlanFilter::Active | PlanFilter::Delinquent => {
                plan_rows(conn, "WHERE status = 'active' ORDER BY plan_number DESC", &[])
            }
        }
    }

    /// The office ends a running plan: `Cancelled` (by agreement) or `Defaulted` (the
    /// guarantor stopped paying), with the reason. What remains unpaid goes back to normal
    /// statements and collections.
    pub fn end_plan(&mut self, id: i64, status: PlanStatus, reason: &str) -> Result<PlanView> {
        let stored = match status {
            PlanStatus::Cancelled => "cancelled",
            PlanStatus::Defaulted => "defaulted",
            _ => return Err(StoreError::invalid("status", "A plan is ended as cancelled or defaulted")),
        };
        if reason.trim().is_empty() {
            return Err(StoreError::invalid("reason", "Say why the plan ends"));
        }
        StoreError::check_text("reason", "Reason", reason, claimdesk_core::text::max::REASON)?;
        self.with_tx(|tx| {
            let row = plan_row(tx, id)?;
            if row.status != "active" {
                return Err(StoreError::Conflict(format!(
                    "Payment plan {} version {} is {}; only a running plan can be ended",
                    row.plan_number, row.version, row.status
                )));
            }
            end_version(tx, id, stored, reason.trim())
        })?;
        self.plan(id)
    }

    /// A new version of a running plan over what is still unpaid (plus any balance added),
    /// with the same plan number; the previous version is kept, marked replaced. See
    /// `claimdesk_core::payment_plans::amend` for the rules (`terms.financed` may not be
    /// below what remains unpaid, nor above the account's patient due).
    pub fn amend_plan(&mut self, id: i64, new_terms: &PlanTerms) -> Result<PlanView> {
        let today = self.today();
        let new_id = self.with_tx(|tx| {
            let (current, schedule, _) = check_amendment(tx, id, new_terms, today)?;
            end_version(tx, id, "replaced", "amended")?;
            insert_version(
                tx,
                &NewVersion {
                    plan_number: &current.plan_number,
                    version: current.version + 1,
                    patient_id: current.patient_id,
                    terms: new_terms,
                    grace_days: current.grace_days,
                    replaces: Some(id),
                    schedule: &schedule,
                    visit_ids: &current.visit_ids,
                },
            )
        })?;
        self.plan(new_id)
    }
}

/// Days ahead a statement looks for the next installment: about one statement cycle.
const STATEMENT_CYCLE_DAYS: i64 = 31;

/// What a statement dated `on` asks an account on a running plan to pay: the installment(s) due
/// (or the next one within a statement cycle) and its due date, instead of the whole balance:
/// 0.00 with the next due date when this cycle's installment is already paid. None when the
/// account has no running plan or the plan has nothing left to pay.
pub(crate) fn statement_installment(
    conn: &Connection,
    account: i64,
    on: NaiveDate,
) -> Result<Option<(Money, NaiveDate)>> {
    let Some(row) = plan_rows(conn, "WHERE patient_id = ?1 AND status = 'active'", &[&account])?.pop() else {
        return Ok(None);
    };
    let plan = view(conn, row, on)?;
    let amount = claimdesk_core::payment_plans::installment_due_on_statement(&plan.state, on, STATEMENT_CYCLE_DAYS);
    let due = plan.state.installments.iter().find(|i| !i.remaining.is_zero()).map(|i| i.due);
    // A running plan with nothing due this cycle asks for 0.00 (with the next due date), never
    // for the whole balance; a plan with nothing left to pay no longer shapes the statement.
    Ok(due.map(|d| (amount, d)))
}
