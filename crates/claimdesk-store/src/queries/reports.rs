//! Practice reports: AR aging (by payer and by guarantor), the day sheet, deposit
//! reconciliation, denials, payment plans, provider productivity and underpaid lines.
//!
//! Each report is one `Store` method taking a small filter and returning typed rows with
//! `Money` amounts; the jobs crate turns them into tables, CSV and PDF. Everything is read
//! from the ledger (append-only), so a report for a past date comes out the same every time.
//!
//! **AR aging** reads `ledger_balances` (migration 7), the open balance of every service line
//! kept by a trigger as entries are appended: only open lines are read, and "as of" a past day
//! the entries dated after it are taken back. Ages follow `claimdesk_core::aging` (the rule
//! statements use): a line's balance ages from its date of service, credits come off the
//! oldest first.

use crate::error::{Result, StoreError};
use crate::queries::deposits::{self, Deposit, DepositPayment};
use crate::queries::plans::{PlanFilter, PlanRecordStatus};
use crate::{rows, Store};
use chrono::NaiveDate;
use claimdesk_core::aging::{age_buckets, AgeBucket, Aging};
use claimdesk_core::Money;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// A range of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    fn check(&self) -> Result<()> {
        if self.from > self.to {
            return Err(StoreError::invalid("to", "The end date is before the start date"));
        }
        Ok(())
    }
}

/// How AR aging groups what is owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AgingBy {
    /// What insurance is expected to pay, by the payer each line is billed to now.
    Payer,
    /// What patients owe, by guarantor account.
    Guarantor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgingFilter {
    pub as_of: NaiveDate,
    pub by: AgingBy,
}

/// One payer's or guarantor's balance by age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgingRow {
    /// `payer:<id>`, `unbilled`, `patient:<id>` or `party:<id>`.
    pub key: String,
    /// The guarantor's account number ("" for payers).
    pub account_number: String,
    pub name: String,
    pub aging: Aging,
    pub total: Money,
    /// Service lines with a balance in this row.
    pub lines: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgingReport {
    pub as_of: NaiveDate,
    pub by: AgingBy,
    /// Largest balance first.
    pub rows: Vec<AgingRow>,
    pub totals: Aging,
    pub total: Money,
}

/// One day of the day sheet (or its totals). Payments and adjustments are positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct DaySheetAmounts {
    pub charges: Money,
    pub insurance_payments: Money,
    pub patient_payments: Money,
    pub adjustments: Money,
    pub refunds: Money,
    /// Charges - payments - adjustments + refunds: how much the AR grew.
    pub net: Money,
}

impl DaySheetAmounts {
    fn add(&mut self, kind: &str, cents: i64) {
        let m = Money::from_cents(cents);
        match kind {
            "charge" => self.charges = self.charges + m,
            "insurance_payment" => self.insurance_payments = self.insurance_payments - m,
            "patient_payment" => self.patient_payments = self.patient_payments - m,
            "adjustment" => self.adjustments = self.adjustments - m,
            "refund" => self.refunds = self.refunds + m,
            _ => return,
        }
        self.net = self.net + m;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DaySheetDay {
    pub date: NaiveDate,
    pub amounts: DaySheetAmounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DaySheetUser {
    /// Who posted ("" when not recorded: postings made before it was).
    pub user: String,
    pub amounts: DaySheetAmounts,
}

/// Payments received by method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DaySheetMethod {
    /// cash, check, card, agency, other (patients); insurance check, insurance EFT,
    /// insurance other, paper EOB (payers).
    pub method: String,
    /// Payments received (a reversal takes its amount back but is not counted).
    pub payments: i64,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DaySheet {
    pub range: DateRange,
    pub days: Vec<DaySheetDay>,
    pub by_user: Vec<DaySheetUser>,
    pub by_method: Vec<DaySheetMethod>,
    pub totals: DaySheetAmounts,
}

/// One deposit against the payments in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DepositReconciliation {
    pub range: DateRange,
    pub deposits: Vec<Deposit>,
    pub slips_total: Money,
    pub deposited_total: Money,
    /// Payments received up to the end of the range that are in no deposit.
    pub undeposited: Vec<DepositPayment>,
    pub undeposited_total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DenialReason {
    pub group_code: String,
    pub reason_code: String,
    pub description: String,
    /// Denied lines (or whole claims denied without lines) carrying this reason.
    pub count: i64,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DenialPayer {
    pub payer_id: i64,
    pub payer: String,
    pub claims: i64,
    pub lines: i64,
    /// The charges denied.
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DenialReport {
    pub range: DateRange,
    /// Most frequent first.
    pub by_reason: Vec<DenialReason>,
    pub by_payer: Vec<DenialPayer>,
    pub claims: i64,
    pub lines: i64,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanStatusCount {
    pub status: PlanRecordStatus,
    pub plans: i64,
    /// Still unpaid on the schedules.
    pub remaining: Money,
    pub due_now: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanLine {
    pub plan_id: i64,
    pub plan_number: String,
    pub account_number: String,
    pub name: String,
    pub status: PlanRecordStatus,
    pub financed: Money,
    pub paid: Money,
    pub remaining: Money,
    pub due_now: Money,
    pub next_due: Option<NaiveDate>,
    pub next_amount: Option<Money>,
    pub days_late: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlansReport {
    pub as_of: NaiveDate,
    pub by_status: Vec<PlanStatusCount>,
    /// Running plans (active and delinquent), next due first.
    pub running: Vec<PlanLine>,
    /// Delinquent plans, latest first.
    pub delinquent: Vec<PlanLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct ProductivityAmounts {
    /// Service lines charged in the range (net of lines taken off).
    pub services: i64,
    pub units: i64,
    pub charges: Money,
    pub insurance_payments: Money,
    pub patient_payments: Money,
    pub adjustments: Money,
}

impl ProductivityAmounts {
    fn plus(&mut self, o: &ProductivityAmounts) {
        self.services += o.services;
        self.units += o.units;
        self.charges = self.charges + o.charges;
        self.insurance_payments = self.insurance_payments + o.insurance_payments;
        self.patient_payments = self.patient_payments + o.patient_payments;
        self.adjustments = self.adjustments + o.adjustments;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProductivityRow {
    pub provider_id: i64,
    pub provider: String,
    /// The procedure code; "" on a provider's subtotal row.
    pub code: String,
    pub amounts: ProductivityAmounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProductivityReport {
    pub range: DateRange,
    /// By provider, then code.
    pub rows: Vec<ProductivityRow>,
    /// One per provider.
    pub providers: Vec<ProductivityRow>,
    pub totals: ProductivityAmounts,
    /// Patient payments posted in the range that are not applied to a service line yet.
    pub unapplied_payments: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnderpaidLine {
    pub payer_id: i64,
    pub payer: String,
    pub paid_date: NaiveDate,
    pub control_number: String,
    pub account_number: String,
    pub patient: String,
    pub service_date: NaiveDate,
    pub code: String,
    pub charge: Money,
    /// What the payer said it allowed (AMT*B6), when it said.
    pub allowed: Option<Money>,
    pub paid: Money,
    pub patient_responsibility: Money,
    /// The contracted allowed amount (paid + patient responsibility + underpaid).
    pub expected: Money,
    pub underpaid: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnderpaidPayer {
    pub payer_id: i64,
    pub payer: String,
    pub lines: i64,
    pub underpaid: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnderpaidReport {
    pub range: DateRange,
    pub lines: Vec<UnderpaidLine>,
    pub by_payer: Vec<UnderpaidPayer>,
    pub total: Money,
}

fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim()).trim().to_string()
}

/// What is owed per age bucket, the credits, and positive amounts tied to no date of service.
#[derive(Default)]
struct AgeAcc {
    owed: [i64; 5],
    credit: i64,
    unapplied_debit: i64,
    lines: i64,
}

impl AgeAcc {
    fn aging(&self) -> Aging {
        age_buckets(self.owed, self.credit, self.unapplied_debit)
    }
}

/// The balance per service line (0 = not tied to a line) and patient in `bucket` as of the
/// end of `as_of`: the open balances now, less the entries dated after `as_of`.
const OPEN_AS_OF: &str = "SELECT patient_id, line, sum(cents) AS cents FROM (
        SELECT patient_id, service_line_id AS line, amount_cents AS cents FROM ledger_balances
        WHERE bucket = ?2 AND amount_cents <> 0
        UNION ALL
        SELECT patient_id, coalesce(service_line_id, 0), -amount_cents FROM ledger_entries
        WHERE entry_date > ?1 AND bucket = ?2)
    GROUP BY patient_id, line HAVING sum(cents) <> 0";

impl Store {
    /// AR aging as of the end of a day, by payer (the insurance bucket) or by guarantor (the
    /// patient bucket). The totals are the ledger's balances of that bucket on that day.
    ///
    /// One query per report: the open lines (`OPEN_AS_OF`) are summed in SQL per payer or
    /// guarantor account and age bucket (the bucket edges are `AgeBucket::date_range`), then
    /// credits come off the oldest amounts (`age_buckets`).
    pub fn report_aging(&self, filter: &AgingFilter) -> Result<AgingReport> {
        let as_of = filter.as_of;
        // The oldest day of service of the current, 31-60, 61-90 and 91-120 buckets.
        let edge = |b: AgeBucket| b.date_range(as_of).0;
        let bucket_sql = "CASE WHEN s.service_from IS NULL THEN 5 WHEN s.service_from >= ?3 THEN 0
             WHEN s.service_from >= ?4 THEN 1 WHEN s.service_from >= ?5 THEN 2 WHEN s.service_from >= ?6 THEN 3
             ELSE 4 END";
        let sums = "sum(max(o.cents, 0)), sum(min(o.cents, 0)), count(o.line <> 0 OR NULL)";
        let (sql, bucket) = match filter.by {
            AgingBy::Payer => (
                format!(
                    "SELECT 0, coalesce(c.payer_id, 0), pay.name, '', b, {sums}
                     FROM (SELECT o.line, o.cents, {bucket_sql} AS b,
                             (SELECT max(claim_id) FROM claim_lines WHERE service_line_id = o.line) AS claim
                           FROM ({OPEN_AS_OF}) o LEFT JOIN service_lines s ON s.id = o.line) o
                     LEFT JOIN claims c ON c.id = o.claim LEFT JOIN payers pay ON pay.id = c.payer_id
                     GROUP BY c.payer_id, b"
                ),
                "insurance",
            ),
            AgingBy::Guarantor => (
                format!(
                    "SELECT a.party, a.account,
                            CASE WHEN a.party THEN rp.first_name || ' ' || rp.last_name
                                 ELSE hp.first_name || ' ' || hp.last_name END,
                            CASE WHEN a.party THEN (SELECT account_number FROM patients
                                                    WHERE guarantor_party_id = a.account ORDER BY id LIMIT 1)
                                 ELSE hp.account_number END,
                            a.b, a.owed, a.credit, a.lines
                     FROM (SELECT p.guarantor_party_id IS NOT NULL AS party,
                                  coalesce(p.guarantor_party_id, p.guarantor_patient_id, p.id) AS account,
                                  {bucket_sql} AS b, {sums} AS owed_credit_lines
                           FROM ({OPEN_AS_OF}) o JOIN patients p ON p.id = o.patient_id
                           LEFT JOIN service_lines s ON s.id = o.line
                           GROUP BY party, account, b) a
                     LEFT JOIN patients hp ON NOT a.party AND hp.id = a.account
                     LEFT JOIN responsible_parties rp ON a.party AND rp.id = a.account"
                )
                .replace(
                    &format!("{sums} AS owed_credit_lines"),
                    "sum(max(o.cents, 0)) AS owed, sum(min(o.cents, 0)) AS credit, count(o.line <> 0 OR NULL) AS lines",
                ),
                "patient",
            ),
        };
        let mut groups: HashMap<(bool, i64), (String, String, AgeAcc)> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![
            as_of,
            bucket,
            edge(AgeBucket::Current),
            edge(AgeBucket::Days31To60),
            edge(AgeBucket::Days61To90),
            edge(AgeBucket::Days91To120)
        ])?;
        while let Some(r) = rows.next()? {
            let party: bool = r.get(0)?;
            let id: i64 = r.get(1)?;
            let name: Option<String> = r.get(2)?;
            let account: Option<String> = r.get(3)?;
            let b = r.get::<_, i64>(4)?.clamp(0, 5) as usize;
            let (owed, credit, lines): (i64, i64, i64) = (r.get(5)?, r.get(6)?, r.get(7)?);
            let g = groups.entry((party, id)).or_insert_with(|| {
                (account.unwrap_or_default(), name.unwrap_or_default().trim().to_string(), AgeAcc::default())
            });
            if b < 5 {
                g.2.owed[b] += owed;
            } else {
                g.2.unapplied_debit += owed;
            }
            g.2.credit += credit;
            g.2.lines += lines;
        }
        let mut rows: Vec<AgingRow> = groups
            .into_iter()
            .map(|((party, id), (account_number, name, acc))| {
                let (key, name) = match (filter.by, party) {
                    (AgingBy::Payer, _) if id == 0 => ("unbilled".to_string(), "Not billed yet".to_string()),
                    (AgingBy::Payer, _) => (format!("payer:{id}"), name),
                    (AgingBy::Guarantor, true) => (format!("party:{id}"), name),
                    (AgingBy::Guarantor, false) => (format!("patient:{id}"), name),
                };
                let aging = acc.aging();
                AgingRow { key, account_number, name, total: aging.total(), aging, lines: acc.lines }
            })
            .filter(|r| !r.total.is_zero() || r.aging != Aging::default())
            .collect();
        rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)).then_with(|| a.key.cmp(&b.key)));
        let totals = rows.iter().fold(Aging::default(), |t, r| t.plus(&r.aging));
        Ok(AgingReport { as_of, by: filter.by, rows, total: totals.total(), totals })
    }

    /// Charges, payments, adjustments and refunds posted per day (by entry date), with the
    /// breakdowns by user and by payment method.
    pub fn report_day_sheet(&self, range: &DateRange) -> Result<DaySheet> {
        range.check()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.entry_date, e.kind, p.user_name,
                    CASE WHEN e.kind = 'patient_payment' THEN coalesce(pp.method, 'other')
                         WHEN e.kind = 'insurance_payment' THEN
                              CASE WHEN rp.kind = 'eob' THEN 'paper EOB'
                                   WHEN r.payment_method = 'CHK' THEN 'insurance check'
                                   WHEN r.payment_method IN ('ACH', 'FWT', 'BOP') THEN 'insurance EFT'
                                   ELSE 'insurance other' END
                         ELSE '' END AS method,
                    sum(e.amount_cents), count(DISTINCT CASE WHEN e.reversal_of IS NULL THEN e.posting_id END)
             FROM ledger_entries e
             JOIN postings p ON p.id = e.posting_id
             LEFT JOIN ledger_entries o ON o.id = e.reversal_of
             LEFT JOIN postings rp ON rp.id = coalesce(o.posting_id, e.posting_id)
             LEFT JOIN patient_payments pp ON e.kind = 'patient_payment' AND pp.posting_id = rp.id
             LEFT JOIN remittances r ON e.kind = 'insurance_payment' AND r.posting_id = rp.id
             WHERE e.entry_date BETWEEN ?1 AND ?2 AND e.kind <> 'transfer'
             GROUP BY e.entry_date, e.kind, p.user_name, method",
        )?;
        let mut days: BTreeMap<NaiveDate, DaySheetAmounts> = BTreeMap::new();
        let mut users: BTreeMap<String, DaySheetAmounts> = BTreeMap::new();
        let mut methods: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        let mut totals = DaySheetAmounts::default();
        let mut rows = stmt.query(params![range.from, range.to])?;
        while let Some(r) = rows.next()? {
            let date: NaiveDate = r.get(0)?;
            let kind: String = r.get(1)?;
            let user: String = r.get(2)?;
            let method: String = r.get(3)?;
            let cents: i64 = r.get(4)?;
            let count: i64 = r.get(5)?;
            days.entry(date).or_default().add(&kind, cents);
            users.entry(user).or_default().add(&kind, cents);
            totals.add(&kind, cents);
            if !method.is_empty() {
                let m = methods.entry(method).or_default();
                m.0 += count;
                m.1 -= cents;
            }
        }
        Ok(DaySheet {
            range: *range,
            days: days.into_iter().map(|(date, amounts)| DaySheetDay { date, amounts }).collect(),
            by_user: users.into_iter().map(|(user, amounts)| DaySheetUser { user, amounts }).collect(),
            by_method: methods
                .into_iter()
                .map(|(method, (payments, cents))| DaySheetMethod {
                    method,
                    payments,
                    amount: Money::from_cents(cents),
                })
                .collect(),
            totals,
        })
    }

    /// Deposits dated in the range against their payments, and what is not deposited yet.
    pub fn report_deposits(&self, range: &DateRange) -> Result<DepositReconciliation> {
        range.check()?;
        let list = deposits::deposits_between(self.conn(), range.from, range.to)?;
        let undeposited = deposits::undeposited(self.conn(), Some(range.to))?;
        Ok(DepositReconciliation {
            range: *range,
            slips_total: list.iter().map(|d| d.slip_amount).sum(),
            deposited_total: list.iter().map(|d| d.payments_total).sum(),
            deposits: list,
            undeposited_total: undeposited.iter().map(|p| p.amount).sum(),
            undeposited,
        })
    }

    /// Denials adjudicated in the range (by the remittance's paid date): whole claims denied
    /// (835 status 4) and lines paid nothing without patient responsibility, by reason code
    /// (CARC, with its group) and by payer. Reversals (status 22) are left out.
    pub fn report_denials(&self, range: &DateRange) -> Result<DenialReport> {
        range.check()?;
        // Denied lines, and claims denied without lines (line id NULL).
        let denied =
            "SELECT ca.id AS adj, la.id AS line, ca.claim_id, coalesce(la.charge_cents, ca.charge_cents) AS charge
             FROM claim_adjudications ca LEFT JOIN line_adjudications la ON la.claim_adjudication_id = ca.id
             WHERE ca.paid_date BETWEEN ?1 AND ?2 AND ca.status_code <> '22'
               AND ((ca.status_code = '4' AND (la.id IS NULL OR la.paid_cents = 0))
                    OR (la.paid_cents = 0 AND NOT EXISTS (SELECT 1 FROM adjudication_adjustments x
                         WHERE x.line_adjudication_id = la.id AND x.group_code = 'PR' AND x.amount_cents <> 0)))";
        let by_reason_sql = format!(
            "WITH d AS ({denied}
                 -- A denied claim's claim-level reasons count once for the claim, lines or not.
                 UNION SELECT ca.id, NULL, ca.claim_id, 0 FROM claim_adjudications ca
                 WHERE ca.paid_date BETWEEN ?1 AND ?2 AND ca.status_code = '4')
             SELECT x.group_code, x.reason_code, count(DISTINCT coalesce('l' || d.line, 'c' || d.adj)), sum(x.amount_cents)
             FROM d JOIN adjudication_adjustments x ON x.claim_adjudication_id = d.adj
                AND (x.line_adjudication_id = d.line OR (d.line IS NULL AND x.line_adjudication_id IS NULL))
             WHERE x.group_code <> 'PR'
             GROUP BY x.group_code, x.reason_code"
        );
        let mut by_reason = self
            .conn()
            .prepare_cached(&by_reason_sql)?
            .query_map(params![range.from, range.to], |r| {
                let reason: String = r.get(1)?;
                Ok(DenialReason {
                    group_code: r.get(0)?,
                    description: claimdesk_core::carc::description(&reason).to_string(),
                    reason_code: reason,
                    count: r.get(2)?,
                    amount: rows::money(r, 3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        by_reason.sort_by(|a, b| {
            b.count.cmp(&a.count).then(b.amount.cmp(&a.amount)).then_with(|| a.reason_code.cmp(&b.reason_code))
        });
        let by_payer_sql = format!(
            "WITH d AS ({denied})
             SELECT c.payer_id, pay.name, count(DISTINCT d.adj), count(d.line), sum(d.charge)
             FROM d JOIN claims c ON c.id = d.claim_id JOIN payers pay ON pay.id = c.payer_id
             GROUP BY c.payer_id ORDER BY sum(d.charge) DESC, pay.name"
        );
        let by_payer = self
            .conn()
            .prepare_cached(&by_payer_sql)?
            .query_map(params![range.from, range.to], |r| {
                Ok(DenialPayer {
                    payer_id: r.get(0)?,
                    payer: r.get(1)?,
                    claims: r.get(2)?,
                    lines: r.get(3)?,
                    amount: rows::money(r, 4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(DenialReport {
            range: *range,
            claims: by_payer.iter().map(|p| p.claims).sum(),
            lines: by_payer.iter().map(|p| p.lines).sum(),
            amount: by_payer.iter().map(|p| p.amount).sum(),
            by_reason,
            by_payer,
        })
    }

    /// Payment plans as they stand on the store's today: counts and balances per status
    /// (replaced versions left out), the running plans and the delinquent ones.
    pub fn report_plans(&self) -> Result<PlansReport> {
        let plans = self.list_plans(PlanFilter::All)?;
        let mut by_status: BTreeMap<u8, PlanStatusCount> = BTreeMap::new();
        let mut running = Vec::new();
        let mut delinquent = Vec::new();
        let mut head =
            self.conn().prepare_cached("SELECT account_number, first_name, last_name FROM patients WHERE id = ?1")?;
        for p in plans.iter().filter(|p| p.status != PlanRecordStatus::Replaced) {
            let order = match p.status {
                PlanRecordStatus::Active => 0,
                PlanRecordStatus::Delinquent => 1,
                PlanRecordStatus::Completed => 2,
                PlanRecordStatus::Cancelled => 3,
                PlanRecordStatus::Defaulted => 4,
                PlanRecordStatus::Replaced => 5,
            };
            let c = by_status.entry(order).or_insert(PlanStatusCount {
                status: p.status,
                plans: 0,
                remaining: Money::ZERO,
                due_now: Money::ZERO,
            });
            c.plans += 1;
            c.remaining = c.remaining + p.state.remaining_balance;
            c.due_now = c.due_now + p.state.amount_due_now;
            if matches!(p.status, PlanRecordStatus::Active | PlanRecordStatus::Delinquent) {
                let (account_number, name) = head.query_row([p.patient_id], |r| {
                    Ok((r.get::<_, String>(0)?, full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?)))
                })?;
                let line = PlanLine {
                    plan_id: p.id,
                    plan_number: p.plan_number.clone(),
                    account_number,
                    name,
                    status: p.status,
                    financed: p.terms.financed,
                    paid: p.state.paid_total,
                    remaining: p.state.remaining_balance,
                    due_now: p.state.amount_due_now,
                    next_due: p.state.next_due.map(|i| i.due),
                    next_amount: p.state.next_due.map(|i| i.amount),
                    days_late: p.state.days_late,
                };
                if p.status == PlanRecordStatus::Delinquent {
                    delinquent.push(line.clone());
                }
                running.push(line);
            }
        }
        running.sort_by(|a, b| (a.next_due, &a.plan_number).cmp(&(b.next_due, &b.plan_number)));
        delinquent.sort_by(|a, b| b.days_late.cmp(&a.days_late).then_with(|| a.plan_number.cmp(&b.plan_number)));
        Ok(PlansReport { as_of: self.today(), by_status: by_status.into_values().collect(), running, delinquent })
    }

    /// Charges, payments and adjustments posted in the range (by entry date) to the service
    /// lines of each rendering provider, by procedure code.
    pub fn report_productivity(&self, range: &DateRange) -> Result<ProductivityReport> {
        range.check()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.rendering_provider_id, pr.first_name, pr.last_name, pr.credentials, s.code, e.kind, e.bucket,
                    sum(e.amount_cents),
                    sum(CASE WHEN e.kind = 'charge' THEN (CASE WHEN e.amount_cents > 0 THEN 1 ELSE -1 END) ELSE 0 END),
                    sum(CASE WHEN e.kind = 'charge' THEN (CASE WHEN e.amount_cents > 0 THEN s.units ELSE -s.units END) ELSE 0 END)
             FROM ledger_entries e JOIN service_lines s ON s.id = e.service_line_id
             JOIN visits v ON v.id = s.visit_id JOIN providers pr ON pr.id = v.rendering_provider_id
             WHERE e.entry_date BETWEEN ?1 AND ?2 AND e.kind <> 'transfer'
             GROUP BY v.rendering_provider_id, s.code, e.kind, e.bucket",
        )?;
        let mut rows: BTreeMap<(String, i64, String), ProductivityAmounts> = BTreeMap::new();
        let mut names: HashMap<i64, String> = HashMap::new();
        let mut q = stmt.query(params![range.from, range.to])?;
        while let Some(r) = q.next()? {
            let provider: i64 = r.get(0)?;
            let credentials: String = r.get(3)?;
            let name = format!(
                "{}{}",
                full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?),
                if credentials.is_empty() { String::new() } else { format!(", {credentials}") }
            );
            names.insert(provider, name.clone());
            let code: String = r.get(4)?;
            let kind: String = r.get(5)?;
            let cents: i64 = r.get(7)?;
            let a = rows.entry((name, provider, code)).or_default();
            let m = Money::from_cents(cents);
            match kind.as_str() {
                "charge" => {
                    a.charges = a.charges + m;
                    a.services += r.get::<_, i64>(8)?;
                    a.units += r.get::<_, i64>(9)?;
                }
                "insurance_payment" => a.insurance_payments = a.insurance_payments - m,
                // A refund gives back a patient payment.
                "patient_payment" | "refund" => a.patient_payments = a.patient_payments - m,
                "adjustment" => a.adjustments = a.adjustments - m,
                _ => {}
            }
        }
        let unapplied: i64 = self
            .conn()
            .prepare_cached(
                "SELECT coalesce(-sum(amount_cents), 0) FROM ledger_entries
             WHERE entry_date BETWEEN ?1 AND ?2 AND kind IN ('patient_payment', 'refund') AND service_line_id IS NULL",
            )?
            .query_row(params![range.from, range.to], |r| r.get(0))?;
        let mut providers: BTreeMap<(String, i64), ProductivityAmounts> = BTreeMap::new();
        let mut totals = ProductivityAmounts::default();
        let rows: Vec<ProductivityRow> = rows
            .into_iter()
            .map(|((provider, provider_id, code), amounts)| {
                providers.entry((provider.clone(), provider_id)).or_default().plus(&amounts);
                totals.plus(&amounts);
                ProductivityRow { provider_id, provider, code, amounts }
            })
            .collect();
        Ok(ProductivityReport {
            range: *range,
            rows,
            providers: providers
                .into_iter()
                .map(|((provider, provider_id), amounts)| ProductivityRow {
                    provider_id,
                    provider,
                    code: String::new(),
                    amounts,
                })
                .collect(),
            totals,
            unapplied_payments: Money::from_cents(unapplied),
        })
    }

    /// Lines a payer paid below its contracted allowed amount, adjudicated in the range.
    pub fn report_underpaid(&self, range: &DateRange) -> Result<UnderpaidReport> {
        range.check()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.payer_id, pay.name, ca.paid_date, c.control_number, pt.account_number, pt.first_name, pt.last_name,
                    s.service_from, la.procedure, la.charge_cents, la.allowed_cents, la.paid_cents,
                    coalesce((SELECT sum(x.amount_cents) FROM adjudication_adjustments x
                              WHERE x.line_adjudication_id = la.id AND x.group_code = 'PR'), 0),
                    la.underpaid_cents
             FROM line_adjudications la
             JOIN claim_adjudications ca ON ca.id = la.claim_adjudication_id
             JOIN claims c ON c.id = ca.claim_id JOIN payers pay ON pay.id = c.payer_id
             JOIN claim_lines cl ON cl.id = la.claim_line_id JOIN service_lines s ON s.id = cl.service_line_id
             JOIN visits v ON v.id = s.visit_id JOIN patients pt ON pt.id = v.patient_id
             WHERE la.underpaid_cents > 0 AND ca.paid_date BETWEEN ?1 AND ?2
             ORDER BY pay.name, ca.paid_date, c.control_number, la.id",
        )?;
        let lines = stmt
            .query_map(params![range.from, range.to], |r| {
                let paid: i64 = r.get(11)?;
                let pr: i64 = r.get(12)?;
                let under: i64 = r.get(13)?;
                Ok(UnderpaidLine {
                    payer_id: r.get(0)?,
                    payer: r.get(1)?,
                    paid_date: r.get(2)?,
                    control_number: r.get(3)?,
                    account_number: r.get(4)?,
                    patient: full_name(&r.get::<_, String>(5)?, &r.get::<_, String>(6)?),
                    service_date: r.get(7)?,
                    code: r.get(8)?,
                    charge: rows::money(r, 9)?,
                    allowed: r.get::<_, Option<i64>>(10)?.map(Money::from_cents),
                    paid: Money::from_cents(paid),
                    patient_responsibility: Money::from_cents(pr),
                    expected: Money::from_cents(paid + pr + under),
                    underpaid: Money::from_cents(under),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut by_payer: Vec<UnderpaidPayer> = Vec::new();
        for l in &lines {
            match by_payer.iter_mut().find(|p| p.payer_id == l.payer_id) {
                Some(p) => {
                    p.lines += 1;
                    p.underpaid = p.underpaid + l.underpaid;
                }
                None => by_payer.push(UnderpaidPayer {
                    payer_id: l.payer_id,
                    payer: l.payer.clone(),
                    lines: 1,
                    underpaid: l.underpaid,
                }),
            }
        }
        Ok(UnderpaidReport { range: *range, total: lines.iter().map(|l| l.underpaid).sum(), lines, by_payer })
    }
}
