//! Injury cases (migration 17): saving a case, linking visits to it (their box 10 conditions
//! follow the case), the claim's carrier and property and casualty claim number, billing held
//! until settlement, the case's ledger (what the attorney statement prints) and the
//! settlement posting.
//!
//! The carrier of an auto or workers' compensation case is billed through a policy row the
//! case owns (payer = carrier, insured ID = the carrier's claim number, relationship self,
//! effective from the date of injury) kept out of the patient's order of health plans
//! (`removed = 1`): the claim builder, the CMS-1500 and the 837P use it as any other policy,
//! and the patient's health plans stay primary for the visits outside the case.

use super::audit::{AuditNote, Record};
use crate::error::{Result, StoreError};
use crate::queries::ledger::{insert_entry, new_posting, NewEntry};
use crate::queries::payments::PaymentMethod;
use crate::{now_utc, rows, Source, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::address::Address;
use claimdesk_core::injury_cases::{
    benefit_left, check_settlement, spread, Attorney, InjuryCase, InjuryCaseKind, InjuryCaseStatus,
};
use claimdesk_core::text::max;
use claimdesk_core::Money;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const COLUMNS: &str = "id, patient_id, kind, injury_date, accident_state, carrier_payer_id, claim_number,
    adjuster_name, adjuster_phone, employer, attorney_name, attorney_firm, attorney_phone, attorney_line1,
    attorney_line2, attorney_city, attorney_state, attorney_zip, benefit_limit_cents, hold_billing, status, note";

fn case_row(r: &rusqlite::Row) -> rusqlite::Result<InjuryCase> {
    let kind: String = r.get(2)?;
    let status: String = r.get(20)?;
    let bad = |what: String| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, what.into());
    Ok(InjuryCase {
        id: Some(r.get(0)?),
        patient_id: r.get(1)?,
        kind: InjuryCaseKind::parse(&kind).ok_or_else(|| bad(format!("injury case kind {kind:?}")))?,
        injury_date: Some(r.get(3)?),
        accident_state: r.get(4)?,
        carrier_payer_id: r.get(5)?,
        claim_number: r.get(6)?,
        adjuster_name: r.get(7)?,
        adjuster_phone: r.get(8)?,
        employer: r.get(9)?,
        attorney: Attorney {
            name: r.get(10)?,
            firm: r.get(11)?,
            phone: r.get(12)?,
            address: Address {
                line1: r.get(13)?,
                line2: r.get(14)?,
                city: r.get(15)?,
                state: r.get(16)?,
                zip: r.get(17)?,
            },
        },
        benefit_limit: r.get::<_, Option<i64>>(18)?.map(Money::from_cents),
        hold_billing: rows::flag(r, 19)?,
        status: InjuryCaseStatus::parse(&status).ok_or_else(|| bad(format!("injury case status {status:?}")))?,
        note: r.get(21)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<InjuryCase> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM injury_cases WHERE id = ?1"))?
        .query_row([id], case_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("injury case {id}")))
}

/// The id of the case a visit belongs to, if any. A file left at a data version before
/// migration 17 (only the upgrade tests write one with today's code: every file the app or
/// the CLI opens is brought up to date first) has no such column, and no cases.
pub(crate) fn case_id_of_visit(conn: &Connection, visit_id: i64) -> Result<Option<i64>> {
    match conn.prepare_cached("SELECT injury_case_id FROM visits WHERE id = ?1") {
        Ok(mut stmt) => Ok(stmt.query_row([visit_id], |r| r.get(0)).optional()?.flatten()),
        Err(e) if e.to_string().contains("no such column: injury_case_id") => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The case a visit belongs to, if any.
pub(crate) fn case_of_visit(conn: &Connection, visit_id: i64) -> Result<Option<InjuryCase>> {
    case_id_of_visit(conn, visit_id)?.map(|id| get(conn, id)).transpose()
}

/// The policy the case's carrier is billed through (None: no carrier).
pub(crate) fn carrier_policy_id(conn: &Connection, case_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT carrier_policy_id FROM injury_cases WHERE id = ?1 AND carrier_payer_id IS NOT NULL")?
        .query_row([case_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Whether a visit's claims go to the carrier of its case (its charges then start with
/// insurance, as a health plan's do).
pub(crate) fn billed_to_carrier(conn: &Connection, visit_id: i64) -> Result<bool> {
    match case_id_of_visit(conn, visit_id)? {
        Some(case_id) => Ok(carrier_policy_id(conn, case_id)?.is_some()),
        None => Ok(false),
    }
}

/// The case's id a policy row belongs to (a carrier policy), if any.
pub(crate) fn case_of_policy(conn: &Connection, case_id: Option<i64>, policy_id: i64) -> Result<Option<InjuryCase>> {
    let Some(case_id) = case_id else { return Ok(None) };
    let case = get(conn, case_id)?;
    Ok((carrier_policy_id(conn, case_id)? == Some(policy_id)).then_some(case))
}

/// Refuses billing a visit whose case holds it until settlement.
pub(crate) fn refuse_held(conn: &Connection, visit_id: i64) -> Result<()> {
    if let Some(case) = case_of_visit(conn, visit_id)? {
        case.billing_allowed().map_err(|m| StoreError::invalid("injury_case_id", m))?;
    }
    Ok(())
}

/// One service line of a case as the attorney statement itemizes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseLine {
    pub visit_id: i64,
    pub service_line_id: i64,
    pub service_date: NaiveDate,
    pub code: String,
    pub description: String,
    pub charge: Money,
    /// Insurance and patient payments (the attorney's settlement is one), positive.
    pub payments: Money,
    /// Write-offs and reductions, positive.
    pub adjustments: Money,
    /// What is still owed on the line (charge − payments − adjustments ± refunds).
    pub balance: Money,
}

/// The case's money: every line of its visits with its ledger sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseLedger {
    pub lines: Vec<CaseLine>,
    pub charges: Money,
    pub payments: Money,
    pub adjustments: Money,
    pub balance: Money,
}

/// What the case screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InjuryCaseSummary {
    pub case: InjuryCase,
    pub patient_name: String,
    pub carrier_name: String,
    pub visits: i64,
    pub charges: Money,
    pub payments: Money,
    pub adjustments: Money,
    pub balance: Money,
    /// What the carrier paid on the case's visits (counts against a MedPay/PIP limit).
    pub carrier_paid: Money,
    /// The MedPay/PIP limit less what the carrier paid (None: no limit recorded).
    pub benefit_left: Option<Money>,
    pub settlement: Option<Settlement>,
}

/// A posted settlement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Settlement {
    pub posting_id: i64,
    pub payment_id: Option<i64>,
    pub received_on: NaiveDate,
    pub payment: Money,
    pub reduction: Money,
    pub reason: String,
}

/// The attorney's payment of a case and the agreed reduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettlementInput {
    pub case_id: i64,
    pub received_on: Option<NaiveDate>,
    pub method: PaymentMethod,
    /// The attorney's check number (or other reference).
    #[serde(default)]
    pub reference: String,
    pub payment: Money,
    pub reduction: Money,
    /// Why the balance is reduced (the agreement with the attorney).
    #[serde(default)]
    pub reason: String,
}

/// Each line of a case's visits with its ledger sums (`visits_by_injury_case`, then by visit and by line).
const CASE_LINES: &str = "SELECT l.visit_id, l.id, l.service_from, l.code,
                coalesce((SELECT f.description FROM fee_schedule f WHERE f.code = l.code AND f.description <> ''
                          ORDER BY f.payer_id IS NOT NULL, f.effective_from DESC LIMIT 1), ''),
                coalesce(sum(CASE e.kind WHEN 'charge' THEN e.amount_cents END), 0),
                coalesce(-sum(CASE WHEN e.kind IN ('insurance_payment', 'patient_payment') THEN e.amount_cents END), 0),
                coalesce(-sum(CASE e.kind WHEN 'adjustment' THEN e.amount_cents END), 0),
                coalesce(sum(e.amount_cents), 0)
             FROM visits v JOIN service_lines l ON l.visit_id = v.id
             LEFT JOIN ledger_entries e ON e.service_line_id = l.id
             WHERE v.injury_case_id = ?1
             GROUP BY l.id
             HAVING l.removed = 0 OR count(e.id) > 0
             ORDER BY l.service_from, v.id, l.position";

/// What is open per line and bucket of a case's visits.
const OPEN_BUCKETS: &str = "SELECT e.patient_id, l.visit_id, l.id, e.bucket, sum(e.amount_cents)
             FROM visits v JOIN service_lines l ON l.visit_id = v.id JOIN ledger_entries e ON e.service_line_id = l.id
             WHERE v.injury_case_id = ?1
             GROUP BY l.id, e.bucket HAVING sum(e.amount_cents) <> 0
             ORDER BY l.service_from, l.id, e.bucket";

/// What the case's carrier paid on the case's lines.
const CARRIER_PAID: &str = "SELECT coalesce(-sum(e.amount_cents), 0)
             FROM visits v JOIN service_lines l ON l.visit_id = v.id JOIN ledger_entries e ON e.service_line_id = l.id
             WHERE v.injury_case_id = ?1 AND e.kind = 'insurance_payment' AND e.payer_id = ?2";

/// The case's lines and their sums from the ledger (by line: `ledger_by_line`).
pub(crate) fn case_ledger(conn: &Connection, case_id: i64) -> Result<CaseLedger> {
    let lines = conn
        .prepare_cached(CASE_LINES)?
        .query_map([case_id], |r| {
            Ok(CaseLine {
                visit_id: r.get(0)?,
                service_line_id: r.get(1)?,
                service_date: r.get(2)?,
                code: r.get(3)?,
                description: r.get(4)?,
                charge: Money::from_cents(r.get(5)?),
                payments: Money::from_cents(r.get(6)?),
                adjustments: Money::from_cents(r.get(7)?),
                balance: Money::from_cents(r.get(8)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let sum = |f: fn(&CaseLine) -> Money| lines.iter().map(f).sum::<Money>();
    Ok(CaseLedger {
        charges: sum(|l| l.charge),
        payments: sum(|l| l.payments),
        adjustments: sum(|l| l.adjustments),
        balance: sum(|l| l.balance),
        lines,
    })
}

/// What is open on one line of a case in one bucket: patient, visit, line, bucket, amount.
type OpenBucket = (i64, i64, i64, String, Money);

/// Open amounts per line and bucket of a case, oldest service first.
fn open_buckets(conn: &Connection, case_id: i64) -> Result<Vec<OpenBucket>> {
    Ok(conn
        .prepare_cached(OPEN_BUCKETS)?
        .query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, Money::from_cents(r.get(4)?))))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

fn carrier_paid(conn: &Connection, case: &InjuryCase) -> Result<Money> {
    let (Some(case_id), Some(carrier)) = (case.id, case.carrier_payer_id) else { return Ok(Money::ZERO) };
    let cents: i64 = conn.prepare_cached(CARRIER_PAID)?.query_row(params![case_id, carrier], |r| r.get(0))?;
    Ok(Money::from_cents(cents))
}

impl Store {
    pub fn injury_case(&self, case_id: i64) -> Result<InjuryCase> {
        get(self.conn(), case_id)
    }

    /// A patient's injury cases, newest injury first.
    pub fn injury_cases_for_patient(&self, patient_id: i64) -> Result<Vec<InjuryCase>> {
        let list = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM injury_cases WHERE patient_id = ?1 ORDER BY injury_date DESC, id DESC"
            ))?
            .query_map([patient_id], case_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// The case's lines with what was charged, paid, adjusted and is still owed.
    pub fn injury_case_ledger(&self, case_id: i64) -> Result<CaseLedger> {
        get(self.conn(), case_id)?;
        case_ledger(self.conn(), case_id)
    }

    /// The case with its balance, what the carrier paid and the MedPay/PIP left.
    pub fn injury_case_summary(&self, case_id: i64) -> Result<InjuryCaseSummary> {
        let conn = self.conn();
        let case = get(conn, case_id)?;
        let ledger = case_ledger(conn, case_id)?;
        let patient_name: String = conn
            .prepare_cached("SELECT first_name || ' ' || last_name FROM patients WHERE id = ?1")?
            .query_row([case.patient_id], |r| r.get(0))?;
        let carrier_name = match case.carrier_payer_id {
            Some(id) => conn.prepare_cached("SELECT name FROM payers WHERE id = ?1")?.query_row([id], |r| r.get(0))?,
            None => String::new(),
        };
        let visits: i64 = conn
            .prepare_cached("SELECT count(*) FROM visits WHERE injury_case_id = ?1")?
            .query_row([case_id], |r| r.get(0))?;
        let paid = carrier_paid(conn, &case)?;
        let settlement = conn
            .prepare_cached(
                "SELECT posting_id, payment_id, received_on, amount_cents, reduction_cents, reason
                 FROM injury_settlements WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([case_id], |r| {
                Ok(Settlement {
                    posting_id: r.get(0)?,
                    payment_id: r.get(1)?,
                    received_on: r.get(2)?,
                    payment: Money::from_cents(r.get(3)?),
                    reduction: Money::from_cents(r.get(4)?),
                    reason: r.get(5)?,
                })
            })
            .optional()?;
        Ok(InjuryCaseSummary {
            benefit_left: benefit_left(case.benefit_limit, paid),
            case,
            patient_name,
            carrier_name,
            visits,
            charges: ledger.charges,
            payments: ledger.payments,
            adjustments: ledger.adjustments,
            balance: ledger.balance,
            carrier_paid: paid,
            settlement,
        })
    }

    pub fn save_injury_case(&mut self, case: &InjuryCase, actor: &crate::Actor) -> Result<InjuryCase> {
        self.with_tx_by(actor, |tx| tx.save_injury_case(case))
    }

    pub fn post_injury_settlement(
        &mut self,
        input: &SettlementInput,
        actor: &crate::Actor,
    ) -> Result<InjuryCaseSummary> {
        self.with_tx_by(actor, |tx| tx.post_injury_settlement(input, actor.source))?;
        self.injury_case_summary(input.case_id)
    }
}

impl Tx<'_> {
    /// Saves a case; its carrier's policy row follows it, and the visits of the case not yet
    /// sent take its box 10 conditions.
    pub fn save_injury_case(&self, case: &InjuryCase) -> Result<InjuryCase> {
        let c = case.validated(self.today())?;
        let patient: Option<i64> = self
            .prepare_cached("SELECT id FROM patients WHERE id = ?1")?
            .query_row([c.patient_id], |r| r.get(0))
            .optional()?;
        if patient.is_none() {
            return Err(StoreError::invalid("patient_id", "Choose the patient"));
        }
        if let Some(carrier) = c.carrier_payer_id {
            let found: Option<i64> = self
                .prepare_cached("SELECT id FROM payers WHERE id = ?1")?
                .query_row([carrier], |r| r.get(0))
                .optional()?;
            if found.is_none() {
                return Err(StoreError::invalid("carrier_payer_id", "Choose the carrier from the payer list"));
            }
        }
        let now = now_utc();
        let a = &c.attorney;
        let values = params![
            c.patient_id,
            c.kind.as_str(),
            c.injury_date,
            c.accident_state,
            c.carrier_payer_id,
            c.claim_number,
            c.adjuster_name,
            c.adjuster_phone,
            c.employer,
            a.name,
            a.firm,
            a.phone,
            a.address.line1,
            a.address.line2,
            a.address.city,
            a.address.state,
            a.address.zip,
            c.benefit_limit.map(Money::cents),
            c.hold_billing,
            c.status.as_str(),
            c.note,
            now,
        ];
        let mut before = None;
        let id = match c.id {
            None => {
                self.prepare_cached(
                    "INSERT INTO injury_cases (patient_id, kind, injury_date, accident_state, carrier_payer_id,
                     claim_number, adjuster_name, adjuster_phone, employer, attorney_name, attorney_firm,
                     attorney_phone, attorney_line1, attorney_line2, attorney_city, attorney_state, attorney_zip,
                     benefit_limit_cents, hold_billing, status, note, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                     ?20, ?21, ?22, ?22)",
                )?
                .execute(values)?;
                self.last_insert_rowid()
            }
            Some(id) => {
                let old = get(self, id)?;
                if old.patient_id != c.patient_id {
                    return Err(StoreError::invalid("patient_id", "A case stays with its patient"));
                }
                before = Some(old);
                self.prepare_cached(
                    "UPDATE injury_cases SET patient_id = ?1, kind = ?2, injury_date = ?3, accident_state = ?4,
                     carrier_payer_id = ?5, claim_number = ?6, adjuster_name = ?7, adjuster_phone = ?8, employer = ?9,
                     attorney_name = ?10, attorney_firm = ?11, attorney_phone = ?12, attorney_line1 = ?13,
                     attorney_line2 = ?14, attorney_city = ?15, attorney_state = ?16, attorney_zip = ?17,
                     benefit_limit_cents = ?18, hold_billing = ?19, status = ?20, note = ?21, updated_at = ?22
                     WHERE id = ?23",
                )?
                .execute(rusqlite::params_from_iter(values.iter().copied().chain([&id as &dyn rusqlite::ToSql])))?;
                id
            }
        };
        self.save_carrier_policy(id, &c)?;
        // The case's visits not yet sent follow it (what prints and what goes out).
        let open: Vec<i64> = self
            .prepare_cached(
                "SELECT v.id FROM visits v WHERE v.injury_case_id = ?1 AND NOT EXISTS (SELECT 1 FROM claims c
                 WHERE c.visit_id = v.id AND c.status NOT IN ('draft', 'ready', 'rejected'))",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for visit in open {
            link_visit(self, visit, Some(id))?;
            super::claims::refresh_open_claims(self, visit)?;
        }
        let saved = get(self, id)?;
        self.note(|| {
            AuditNote::change(Record::new("injury_case", id), Some(saved.patient_id), before.as_ref(), &saved)
        });
        Ok(saved)
    }

    /// The carrier's policy row: created with the first carrier, kept up to date after (claims
    /// already built keep pointing at it), never in the patient's order (removed = 1).
    fn save_carrier_policy(&self, case_id: i64, c: &InjuryCase) -> Result<()> {
        let Some(carrier) = c.carrier_payer_id else { return Ok(()) };
        let existing: Option<i64> = self
            .prepare_cached("SELECT carrier_policy_id FROM injury_cases WHERE id = ?1")?
            .query_row([case_id], |r| r.get(0))?;
        match existing {
            Some(policy) => {
                self.prepare_cached(
                    "UPDATE policies SET payer_id = ?1, member_id = ?2, effective_from = ?3 WHERE id = ?4",
                )?
                .execute(params![carrier, c.claim_number, c.injury_date, policy])?;
            }
            None => {
                self.prepare_cached(
                    "INSERT INTO policies (patient_id, priority, payer_id, member_id, relationship, effective_from, removed)
                     VALUES (?1, 1, ?2, ?3, 'self', ?4, 1)",
                )?
                .execute(params![c.patient_id, carrier, c.claim_number, c.injury_date])?;
                let policy = self.last_insert_rowid();
                self.prepare_cached("UPDATE injury_cases SET carrier_policy_id = ?1 WHERE id = ?2")?
                    .execute(params![policy, case_id])?;
            }
        }
        Ok(())
    }

    /// Posts an attorney's settlement in one posting: the payment and the agreed reduction
    /// across the case's open lines (oldest first), so the case's balance is exactly zero; any
    /// amount still with insurance is moved to the patient first (the settlement pays it).
    /// The case becomes settled. Nothing already posted is changed.
    pub fn post_injury_settlement(&self, s: &SettlementInput, source: Source) -> Result<()> {
        let case = get(self, s.case_id)?;
        if case.status != InjuryCaseStatus::Open {
            return Err(StoreError::invalid("case_id", "The case is already settled or closed"));
        }
        let received_on = s.received_on.unwrap_or(self.today());
        if received_on > self.today() {
            return Err(StoreError::invalid("received_on", "A payment cannot be dated in the future"));
        }
        StoreError::check_text("reference", "Reference", &s.reference, max::REFERENCE)?;
        let open = open_buckets(self, s.case_id)?;
        if open.iter().any(|o| o.4.is_negative()) {
            return Err(StoreError::invalid(
                "case_id",
                "A line of the case has a credit; refund or move it before posting the settlement",
            ));
        }
        let balance: Money = open.iter().map(|o| o.4).sum();
        if balance.is_zero() {
            return Err(StoreError::invalid("case_id", "The case has no balance to settle"));
        }
        check_settlement(balance, s.payment, s.reduction, &s.reason)?;
        let reason = s.reason.trim();
        let posting =
            new_posting(self, "patient_payment", source.as_str(), &format!("injury case {} settlement", s.case_id))?;
        let mut payment_id = None;
        if !s.payment.is_zero() {
            let n: i64 = self
                .prepare_cached(
                    "UPDATE sequences SET next_value = next_value + 1 WHERE name = 'receipt_number' RETURNING next_value - 1",
                )?
                .query_row([], |r| r.get(0))?;
            self.prepare_cached(
                "INSERT INTO patient_payments (posting_id, patient_id, received_on, method, reference, amount_cents, receipt_number)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                posting,
                case.patient_id,
                received_on,
                s.method.as_str(),
                s.reference.trim(),
                s.payment.cents(),
                format!("R{n:06}")
            ])?;
            payment_id = Some(self.last_insert_rowid());
        }
        // Per line: what insurance still holds moves to the patient, then the payment and the
        // reduction take the line's open amount.
        let mut lines: Vec<(i64, i64, i64, Money)> = Vec::new();
        for (patient_id, visit_id, line_id, bucket, amount) in &open {
            let entry = |kind: &'static str, bucket: &'static str, amount: Money, memo: String| NewEntry {
                patient_id: *patient_id,
                visit_id: Some(*visit_id),
                service_line_id: Some(*line_id),
                kind,
                bucket,
                amount,
                entry_date: Some(received_on),
                memo,
                ..NewEntry::default()
            };
            if bucket == "insurance" {
                let memo = "injury case settlement: to the patient".to_string();
                insert_entry(self, posting, &entry("transfer", "insurance", -*amount, memo.clone()))?;
                insert_entry(self, posting, &entry("transfer", "patient", *amount, memo))?;
            }
            match lines.iter_mut().find(|l| l.2 == *line_id) {
                Some(l) => l.3 = l.3 + *amount,
                None => lines.push((*patient_id, *visit_id, *line_id, *amount)),
            }
        }
        let amounts: Vec<Money> = lines.iter().map(|l| l.3).collect();
        let paid = spread(s.payment, &amounts);
        let left: Vec<Money> = amounts.iter().zip(&paid).map(|(a, p)| *a - *p).collect();
        let reduced = spread(s.reduction, &left);
        for (((patient_id, visit_id, line_id, _), pay), cut) in lines.iter().zip(paid).zip(reduced) {
            let entry = |kind: &'static str, amount: Money, memo: String| NewEntry {
                patient_id: *patient_id,
                visit_id: Some(*visit_id),
                service_line_id: Some(*line_id),
                kind,
                bucket: "patient",
                amount: -amount,
                entry_date: Some(received_on),
                memo,
                ..NewEntry::default()
            };
            if !pay.is_zero() {
                insert_entry(self, posting, &entry("patient_payment", pay, "attorney settlement".into()))?;
            }
            if !cut.is_zero() {
                insert_entry(self, posting, &entry("adjustment", cut, format!("settlement reduction: {reason}")))?;
            }
        }
        self.prepare_cached(
            "INSERT INTO injury_settlements (case_id, posting_id, payment_id, received_on, amount_cents, reduction_cents,
             reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![s.case_id, posting, payment_id, received_on, s.payment.cents(), s.reduction.cents(), reason, now_utc()])?;
        self.prepare_cached("UPDATE injury_cases SET status = 'settled', updated_at = ?1 WHERE id = ?2")?
            .execute(params![now_utc(), s.case_id])?;
        self.note(|| {
            AuditNote::about(Record::new("injury_case", s.case_id), Some(case.patient_id))
                .with_note(format!("settlement {} reduction {}", s.payment, s.reduction))
        });
        Ok(())
    }
}

/// Links a visit to a case (or unlinks it) right after its header is saved; a linked visit
/// takes the case's box 10 conditions and accident date, so the CMS-1500 and the 837P writers
/// read them from the visit as always. Unlinking keeps what the visit says.
pub(crate) fn link_visit(tx: &Tx, visit_id: i64, case_id: Option<i64>) -> Result<()> {
    let Some(case_id) = case_id else {
        if case_id_of_visit(tx, visit_id)?.is_some() {
            tx.prepare_cached("UPDATE visits SET injury_case_id = NULL WHERE id = ?1")?.execute([visit_id])?;
        }
        return Ok(());
    };
    let case = get(tx, case_id)
        .map_err(|_| StoreError::invalid("injury_case_id", "Choose one of the patient's injury cases"))?;
    let patient: i64 =
        tx.prepare_cached("SELECT patient_id FROM visits WHERE id = ?1")?.query_row([visit_id], |r| r.get(0))?;
    if patient != case.patient_id {
        return Err(StoreError::invalid("injury_case_id", "The injury case belongs to another patient"));
    }
    let k = case.conditions();
    tx.prepare_cached(
        "UPDATE visits SET injury_case_id = ?1, employment = ?2, auto_accident = ?3, auto_accident_state = ?4,
         other_accident = ?5, accident_date = ?6 WHERE id = ?7",
    )?
    .execute(params![
        case_id,
        k.employment,
        k.auto_accident,
        k.auto_accident_state,
        k.other_accident,
        k.accident_date,
        visit_id
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A case's money is read through the case's visits (partial index), their lines and each
    /// line's entries: never a scan of visits, lines or the ledger.
    #[test]
    fn case_queries_read_through_indexes() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::migrations::migrate_to(&mut conn, None, crate::migrations::latest_version()).unwrap();
        for sql in [CASE_LINES, OPEN_BUCKETS, CARRIER_PAID] {
            let mut explain = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let values = rusqlite::params_from_iter(std::iter::repeat_n(1, explain.parameter_count()));
            let plan: Vec<String> =
                explain.query_map(values, |r| r.get::<_, String>(3)).unwrap().map(|r| r.unwrap()).collect();
            assert!(plan.iter().any(|p| p.contains("visits_by_injury_case")), "{sql}\n{plan:#?}");
            assert!(plan.iter().any(|p| p.contains("ledger_by_line")), "{sql}\n{plan:#?}");
            let growing = ["visits", "service_lines", "ledger_entries", " v", " l", " e"];
            assert!(
                !plan
                    .iter()
                    .any(|p| p.starts_with("SCAN ") && growing.iter().any(|t| p.starts_with(&format!("SCAN{t}")))),
                "{sql}\n{plan:#?}"
            );
        }
    }
}
