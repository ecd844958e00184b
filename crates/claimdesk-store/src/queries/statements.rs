//! Patient statements: one per guarantor, covering all their patients.
//!
//! A statement account is a guarantor: a patient who is their own guarantor, a patient who is
//! another patient's guarantor (the account includes those patients, as `account_balance`
//! does), or a responsible party who is not a patient (their patients are grouped; the
//! statement goes to the party's address and carries the first patient's account number).
//!
//! `statement_candidates` picks who gets a statement (an account whose guarantor has no complete
//! mailing address is listed as held out, with the reason); `statement_data` gathers what one
//! statement prints (`claimdesk_core::statements::StatementSnapshot`, the shape the forms crate
//! renders); `Tx::record_statement_run` keeps each snapshot as JSON so a reprint
//! (`statement_snapshot`) prints exactly the same statement.

use super::audit::{AuditNote, Record};
use crate::error::{Result, StoreError};
use crate::page::{Page, PageRequest};
use crate::{now_utc, rows, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::statements::{
    MessageLevel, StatementAccount, StatementActivity, StatementAging, StatementSnapshot,
};
use claimdesk_core::{Address, Money};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Who gets a statement in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StatementFilter {
    pub statement_date: NaiveDate,
    /// Accounts whose patient balance is below this get no statement.
    pub min_balance: Money,
    /// Accounts sent a statement fewer than this many days before `statement_date` are skipped.
    pub days_since_last: i64,
    pub include_holds: bool,
    pub include_collections: bool,
    /// Only accounts whose statement would carry the final notice (oldest unpaid amount more
    /// than 90 days old): the last statement before collections.
    /// Optional on the wire (absent = false).
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub final_notice_only: bool,
}

/// Why an account that would get a statement is held out of the run: listed, not printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum HeldReason {
    /// The guarantor has no complete mailing address (street, city, state and ZIP): the
    /// envelope window would show a name and nothing else.
    NoMailingAddress,
    /// A member's personal injury case holds billing until the attorney's settlement.
    InjuryCaseHeld,
}

impl HeldReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HeldReason::NoMailingAddress => "no_mailing_address",
            HeldReason::InjuryCaseHeld => "injury_case_held",
        }
    }

    /// What the biller is told, in lists and on the patient's record.
    pub fn message(self) -> &'static str {
        match self {
            HeldReason::NoMailingAddress => "No mailing address: add it on the patient's record",
            HeldReason::InjuryCaseHeld => {
                "An injury case holds billing until settlement: release the hold or post the settlement"
            }
        }
    }
}

/// An account the filter picks: it gets a statement unless `held_out` says why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StatementCandidate {
    pub account: StatementAccount,
    pub account_number: String,
    pub name: String,
    pub patient_due: Money,
    pub insurance_pending: Money,
    pub last_statement: Option<NaiveDate>,
    pub hold: bool,
    pub in_collections: bool,
    /// Held out of the run (listed with the reason, no statement printed or recorded).
    pub held_out: Option<HeldReason>,
}

/// Where an account's statements go, for the patient's record: it asks for the address when
/// statements cannot be mailed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StatementMailing {
    /// The account the patient's statements belong to (their guarantor's).
    pub account: StatementAccount,
    /// The name on the envelope.
    pub name: String,
    /// Where statements are mailed (a guarantor entered without an address lives with the patient).
    pub address: Address,
    /// Why statements cannot be mailed (None: they can).
    pub held_out: Option<HeldReason>,
}

/// The practice's side of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeContact {
    pub name: String,
    pub address: Address,
    pub phone: String,
    /// Where payments go (may be a lockbox / PO box).
    pub remit_to: Address,
    /// E.g. "Pay by phone ... We accept cash, check, card".
    pub payment_options: String,
    /// Payment due this many days after the statement date.
    pub due_in_days: i64,
}

impl PracticeContact {
    /// The practice record's name, address and phone; payments to the same address.
    pub fn from_practice(practice: &claimdesk_core::Practice) -> PracticeContact {
        PracticeContact {
            name: practice.name.clone(),
            address: practice.address.clone(),
            phone: practice.phone.clone(),
            remit_to: practice.address.clone(),
            payment_options:
                "We accept cash, check and card: pay at the front desk, or mail your check with the stub above."
                    .to_string(),
            due_in_days: 21,
        }
    }
}

/// A statement run as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedRun {
    pub run_id: i64,
    /// The statements' ids, in the order given.
    pub statement_ids: Vec<i64>,
}

/// A recorded statement, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StatementSummary {
    pub id: i64,
    pub run_id: i64,
    pub account_patient_id: i64,
    pub statement_date: NaiveDate,
    pub amount_due: Money,
    pub message_level: MessageLevel,
}

fn level_of(text: &str) -> Result<MessageLevel> {
    Ok(match text {
        "reminder" => MessageLevel::Reminder,
        "past_due" => MessageLevel::PastDue,
        "final_notice" => MessageLevel::FinalNotice,
        other => return Err(StoreError::Corrupt(format!("statement message level {other:?}"))),
    })
}

fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim()).trim().to_string()
}

/// The date of one account's last statement on or before `on`, through the account's index
/// (`statements_by_patient` / `statements_by_party`), never the whole statements table.
fn last_statement_on(conn: &Connection, account: StatementAccount, on: NaiveDate) -> Result<Option<NaiveDate>> {
    let last = match account {
        StatementAccount::Patient { patient_id } => conn
            .prepare_cached(
                "SELECT max(statement_date) FROM statements
                 WHERE account_patient_id = ?1 AND +guarantor_party_id IS NULL AND statement_date <= ?2",
            )?
            .query_row(params![patient_id, on], |r| r.get(0))?,
        StatementAccount::Party { party_id } => conn
            .prepare_cached(
                "SELECT max(statement_date) FROM statements WHERE guarantor_party_id = ?1 AND statement_date <= ?2",
            )?
            .query_row(params![party_id, on], |r| r.get(0))?,
    };
    Ok(last)
}

/// The last statement of one account strictly before `before`: its date and the newest
/// ledger entry it saw.
fn last_statement_before(
    conn: &Connection,
    account: StatementAccount,
    before: NaiveDate,
) -> Result<Option<(NaiveDate, i64)>> {
    let row = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?));
    let last = match account {
        StatementAccount::Patient { patient_id } => conn
            .prepare_cached(
                "SELECT statement_date, ledger_through FROM statements
                 WHERE account_patient_id = ?1 AND guarantor_party_id IS NULL AND statement_date < ?2
                 ORDER BY statement_date DESC, id DESC LIMIT 1",
            )?
            .query_row(params![patient_id, before], row)
            .optional()?,
        StatementAccount::Party { party_id } => conn
            .prepare_cached(
                "SELECT statement_date, ledger_through FROM statements
                 WHERE guarantor_party_id = ?1 AND statement_date < ?2 ORDER BY statement_date DESC, id DESC LIMIT 1",
            )?
            .query_row(params![party_id, before], row)
            .optional()?,
    };
    Ok(last)
}

/// The patients of an account (the patient ids whose ledger entries are the account's).
pub(crate) fn account_members(conn: &Connection, account: StatementAccount) -> Result<Vec<i64>> {
    let (sql, id) = match account {
        StatementAccount::Patient { patient_id } => {
            ("SELECT id FROM patients WHERE id = ?1 OR guarantor_patient_id = ?1 ORDER BY id", patient_id)
        }
        StatementAccount::Party { party_id } => {
            ("SELECT id FROM patients WHERE guarantor_party_id = ?1 ORDER BY id", party_id)
        }
    };
    Ok(conn.prepare_cached(sql)?.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// An account member's balance in the patient bucket per service line (0: amounts not tied to
/// a line, such as an unapplied payment) at the end of `on`: the open balances now
/// (`ledger_balances`, by its key) less the member's entries dated after `on` (`ledger_by_patient`).
/// A unary `+` keeps a term from choosing the index: without it SQLite may pick the bucket
/// indexes, which read every patient's rows.
const OPEN_PATIENT_LINES: &str = "SELECT line, sum(cents) FROM (
        SELECT service_line_id AS line, amount_cents AS cents FROM ledger_balances
        WHERE patient_id = ?1 AND +bucket = 'patient' AND +amount_cents <> 0
        UNION ALL
        SELECT coalesce(service_line_id, 0), -amount_cents FROM ledger_entries
        WHERE patient_id = ?1 AND entry_date > ?2 AND +bucket = 'patient')
    GROUP BY line HAVING sum(cents) <> 0";

/// Every patient's insurance-pending and patient-due balance at the end of `?1`: the open
/// balances now (`ledger_balances_open`: open lines only) less the entries dated after that day
/// (`ledger_by_date`), instead of summing the whole ledger.
const PATIENT_BALANCES: &str = "SELECT patient_id, sum(insurance) AS insurance, sum(patient) AS patient FROM (
        SELECT patient_id, CASE bucket WHEN 'insurance' THEN amount_cents ELSE 0 END AS insurance,
               CASE bucket WHEN 'patient' THEN amount_cents ELSE 0 END AS patient
        FROM ledger_balances WHERE amount_cents <> 0
        UNION ALL
        SELECT patient_id, CASE bucket WHEN 'insurance' THEN -amount_cents ELSE 0 END,
               CASE bucket WHEN 'patient' THEN -amount_cents ELSE 0 END
        FROM ledger_entries WHERE entry_date > ?1)
    GROUP BY patient_id";

/// The amounts that moved into one line's patient bucket by the end of `?2`, with their dates:
/// reversals and reversed entries left out (a returned check puts back what was owed since the
/// first day, not since the day it bounced). A line has a handful of entries (`ledger_by_line`;
/// the unary `+`s keep SQLite from reading every unreversed entry through `reversal_of`).
const MOVED_TO_PATIENT: &str = "SELECT e.entry_date, e.amount_cents FROM ledger_entries e
    WHERE e.service_line_id = ?1 AND +e.bucket = 'patient' AND +e.amount_cents > 0 AND +e.entry_date <= ?2
      AND +e.reversal_of IS NULL
      AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reversal_of = e.id AND r.entry_date <= ?2)";

/// What the members of an account owe at the end of `on`, as `(date it became the patient's,
/// cents)` pieces of their open lines (`claimdesk_core::aging::patient_due_pieces`), and the
/// amount tied to no line (an unapplied payment: a credit when negative).
///
/// Patient-responsibility aging (the one rule of statements, final-notice runs and the
/// collections worklist): an amount ages from the ledger entry that moved it into the patient
/// bucket, i.e. the adjudication that set the patient's share, or the charge of a self-pay line.
/// Not from the first statement that asked for it: the ledger alone decides, so a preview, a
/// run and a past statement agree. Only the members' open lines are read.
fn patient_due(conn: &Connection, members: &[i64], on: NaiveDate) -> Result<(Vec<(NaiveDate, i64)>, i64)> {
    let mut pieces = Vec::new();
    let mut unapplied = 0i64;
    for m in members {
        let open = conn
            .prepare_cached(OPEN_PATIENT_LINES)?
            .query_map(params![m, on], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (line, cents) in open {
            if line == 0 {
                unapplied += cents;
                continue;
            }
            let service: NaiveDate = conn
                .prepare_cached("SELECT service_from FROM service_lines WHERE id = ?1")?
                .query_row([line], |r| r.get(0))?;
            let moved = if cents > 0 {
                conn.prepare_cached(MOVED_TO_PATIENT)?
                    .query_map(params![line, on], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<Vec<(NaiveDate, i64)>>>()?
            } else {
                Vec::new()
            };
            pieces.extend(claimdesk_core::aging::patient_due_pieces(cents, &moved, service));
        }
    }
    Ok((pieces, unapplied))
}

/// The aging of an account's patient balance on `on` and the age in days of its oldest
/// unpaid amount, computed as a statement dated `on` computes them: from the day each amount
/// became the patient's (see [`patient_due`]).
pub(crate) fn account_age(conn: &Connection, members: &[i64], on: NaiveDate) -> Result<(StatementAging, Option<i64>)> {
    let (pieces, unapplied) = patient_due(conn, members, on)?;
    Ok(age_balance(on, &pieces, unapplied))
}

/// The statement account a patient belongs to: their guarantor's (a responsible party, another
/// patient), or their own.
fn account_of(conn: &Connection, patient_id: i64) -> Result<StatementAccount> {
    let (party, guarantor): (Option<i64>, Option<i64>) = conn
        .prepare_cached(
            "SELECT p.guarantor_party_id, g.id FROM patients p LEFT JOIN patients g ON g.id = p.guarantor_patient_id
             WHERE p.id = ?1",
        )?
        .query_row([patient_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("patient {patient_id}")))?;
    Ok(match (party, guarantor) {
        (Some(party_id), _) => StatementAccount::Party { party_id },
        (None, Some(patient_id)) => StatementAccount::Patient { patient_id },
        (None, None) => StatementAccount::Patient { patient_id },
    })
}

/// Whether statements of an account can be mailed, and why not.
fn held_out(info: &AccountInfo) -> Option<HeldReason> {
    (!info.address.is_complete()).then_some(HeldReason::NoMailingAddress)
}

/// An account with a member whose open injury case holds billing until settlement gets no
/// statement (migration 17; `injury_cases_by_patient`).
fn injury_case_hold(conn: &Connection, account: StatementAccount) -> Result<Option<HeldReason>> {
    for patient in account_members(conn, account)? {
        let held: Option<i64> = conn
            .prepare_cached(
                "SELECT 1 FROM injury_cases WHERE patient_id = ?1 AND hold_billing = 1 AND status = 'open' LIMIT 1",
            )?
            .query_row([patient], |r| r.get(0))
            .optional()?;
        if held.is_some() {
            return Ok(Some(HeldReason::InjuryCaseHeld));
        }
    }
    Ok(None)
}

struct Member {
    id: i64,
    name: String,
}

struct AccountInfo {
    account_patient_id: i64,
    account_number: String,
    name: String,
    address: Address,
    members: Vec<Member>,
}

fn account_info(conn: &Connection, account: StatementAccount) -> Result<AccountInfo> {
    let members = |sql: &str, id: i64| -> Result<Vec<Member>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| {
            Ok(Member { id: r.get(0)?, name: full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?) })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    };
    match account {
        StatementAccount::Patient { patient_id } => {
            let head = conn
                .prepare_cached(
                    "SELECT account_number, first_name, last_name, address_line1, address_line2, city, state, zip
                     FROM patients WHERE id = ?1",
                )?
                .query_row([patient_id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?),
                        rows::address(r, 3)?,
                    ))
                })
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("patient {patient_id}")))?;
            let members = members(
                "SELECT id, first_name, last_name FROM patients WHERE id = ?1 OR guarantor_patient_id = ?1 ORDER BY id",
                patient_id,
            )?;
            Ok(AccountInfo {
                account_patient_id: patient_id,
                account_number: head.0,
                name: head.1,
                address: head.2,
                members,
            })
        }
        StatementAccount::Party { party_id } => {
            let (name, address) = conn
                .prepare_cached(
                    "SELECT first_name, last_name, address_line1, address_line2, city, state, zip
                     FROM responsible_parties WHERE id = ?1",
                )?
                .query_row([party_id], |r| {
                    Ok((full_name(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?), rows::address(r, 2)?))
                })
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("responsible party {party_id}")))?;
            let members = members(
                "SELECT id, first_name, last_name FROM patients WHERE guarantor_party_id = ?1 ORDER BY id",
                party_id,
            )?;
            let first = members
                .first()
                .ok_or_else(|| StoreError::NotFound(format!("patients of responsible party {party_id}")))?;
            let (account_number, patient_address): (String, Address) = conn
                .prepare_cached(
                    "SELECT account_number, address_line1, address_line2, city, state, zip FROM patients WHERE id = ?1",
                )?
                .query_row([first.id], |r| Ok((r.get(0)?, rows::address(r, 1)?)))?;
            // A guarantor entered without an address lives with the patient (as on claims):
            // the first patient's, whose account number the statement carries.
            let address = if address.is_blank() { patient_address } else { address };
            Ok(AccountInfo { account_patient_id: first.id, account_number, name, address, members })
        }
    }
}

struct Entry {
    id: i64,
    patient_id: i64,
    posting_id: i64,
    service_line_id: Option<i64>,
    claim_id: Option<i64>,
    kind: String,
    bucket: String,
    cents: i64,
    date: NaiveDate,
    responsibility: String,
    code: Option<String>,
    modifier: Option<String>,
    service_from: Option<NaiveDate>,
    payer: Option<String>,
}

fn entries(conn: &Connection, patient_id: i64, through: NaiveDate) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.patient_id, e.posting_id, e.service_line_id, e.claim_id, e.kind, e.bucket, e.amount_cents,
                e.entry_date, e.responsibility, s.code, s.modifier1, s.service_from, pay.name
         FROM ledger_entries e
         LEFT JOIN service_lines s ON s.id = e.service_line_id
         LEFT JOIN payers pay ON pay.id = e.payer_id
         WHERE e.patient_id = ?1 AND e.entry_date <= ?2
         ORDER BY e.entry_date, e.id",
    )?;
    let rows = stmt.query_map(params![patient_id, through], |r| {
        Ok(Entry {
            id: r.get(0)?,
            patient_id: r.get(1)?,
            posting_id: r.get(2)?,
            service_line_id: r.get(3)?,
            claim_id: r.get(4)?,
            kind: r.get(5)?,
            bucket: r.get(6)?,
            cents: r.get(7)?,
            date: r.get(8)?,
            responsibility: r.get(9)?,
            code: r.get(10)?,
            modifier: r.get(11)?,
            service_from: r.get(12)?,
            payer: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Ages the patient balance: positive amounts by their date (when they became the patient's),
/// credits (negative line amounts and unapplied payments) taken off the oldest first. A credit
/// balance is all current. Returns the aging and the age in days of the oldest amount still unpaid.
pub(crate) fn age_balance(
    statement_date: NaiveDate,
    line_amounts: &[(NaiveDate, i64)],
    unapplied: i64,
) -> (StatementAging, Option<i64>) {
    // The one aging rule (`claimdesk_core::aging`, also used by the AR aging report, which
    // dates amounts by their date of service); statements print 91-120 and over 120 as one
    // "over 90" column.
    let (a, oldest) = claimdesk_core::aging::age_balance(statement_date, line_amounts, unapplied);
    (
        StatementAging { current: a.current, days_31_60: a.days_31_60, days_61_90: a.days_61_90, over_90: a.over_90() },
        oldest,
    )
}

#[cfg(test)]
fn bucket_of(age: i64) -> usize {
    claimdesk_core::aging::AgeBucket::of_days(age).index().min(3)
}

pub(crate) fn level_for(oldest_unpaid_days: Option<i64>) -> MessageLevel {
    match oldest_unpaid_days {
        Some(d) if d > 90 => MessageLevel::FinalNotice,
        Some(d) if d > 60 => MessageLevel::PastDue,
        _ => MessageLevel::Reminder,
    }
}

fn responsibility_words(r: &str) -> &str {
    match r {
        "deductible" => "deductible",
        "coinsurance" => "coinsurance",
        "copay" => "copay",
        "" => "patient responsibility",
        _ => "patient responsibility",
    }
}

fn statement_data(
    conn: &Connection,
    account: StatementAccount,
    statement_date: NaiveDate,
    contact: &PracticeContact,
) -> Result<StatementSnapshot> {
    let info = account_info(conn, account)?;
    let ledger_through: i64 =
        conn.prepare_cached("SELECT coalesce(max(id), 0) FROM ledger_entries")?.query_row([], |r| r.get(0))?;
    let last_statement = last_statement_before(conn, account, statement_date)?;
    // Whether an entry was on the last statement.
    let seen = |e: &Entry| last_statement.is_some_and(|(date, through)| e.date <= date && e.id <= through);
    let names: HashMap<i64, &str> = info.members.iter().map(|m| (m.id, m.name.as_str())).collect();
    let mut all = Vec::new();
    for m in &info.members {
        all.extend(entries(conn, m.id, statement_date)?);
    }
    all.sort_by_key(|e| e.date);

    let mut previous = 0i64;
    let mut previous_insurance = 0i64;
    let mut insurance = 0i64;
    let mut patient = 0i64;
    // Per service line: insurance open.
    let mut line_insurance: HashMap<i64, i64> = HashMap::new();
    for e in &all {
        let is_patient = e.bucket == "patient";
        if is_patient {
            patient += e.cents;
            if seen(e) {
                previous += e.cents;
            }
        } else {
            insurance += e.cents;
            if seen(e) {
                previous_insurance += e.cents;
            }
            if let Some(id) = e.service_line_id {
                *line_insurance.entry(id).or_default() += e.cents;
            }
        }
    }

    // What each line was, in the practice's words: the fee schedule's description of its code
    // on the date of service, or the code when the schedule has none. The snapshot keeps the
    // text, so a reprint says the same even after the fee schedule changed.
    let mut described: HashMap<(String, String, NaiveDate), Option<String>> = HashMap::new();
    let mut service_words = |e: &Entry| -> Result<Option<String>> {
        let (Some(code), Some(day)) = (e.code.as_deref(), e.service_from) else { return Ok(None) };
        let modifier = e.modifier.clone().unwrap_or_default();
        let key = (code.to_string(), modifier, day);
        if let Some(words) = described.get(&key) {
            return Ok(words.clone());
        }
        let fee = super::fee_schedule::fee_on(conn, None, &key.0, &key.1, day)?;
        let words = fee.map(|f| f.description.trim().to_string()).filter(|d| !d.is_empty());
        described.insert(key, words.clone());
        Ok(words)
    };

    // Activity since the last statement, grouped.
    let since: Vec<&Entry> = all.iter().filter(|e| !seen(e)).collect();
    let mut lines: Vec<StatementActivity> = Vec::new();
    // Charges per service line (both buckets), insurance credits per claim and kind, patient
    // payments per posting; a key keeps each group at its first line.
    let mut groups: HashMap<(u8, i64, i64), usize> = HashMap::new();
    for e in since {
        let patient_name = names.get(&e.patient_id).copied().unwrap_or_default().to_string();
        let line_pending = e.service_line_id.and_then(|id| line_insurance.get(&id)).is_some_and(|c| *c != 0);
        let (group, description, charge): (Option<(u8, i64, i64)>, String, bool) =
            match (e.kind.as_str(), e.bucket.as_str()) {
                ("charge", _) => (
                    e.service_line_id.map(|id| (0, id, 0)),
                    match service_words(e)? {
                        Some(words) => words,
                        None => format!("Service {}", e.code.as_deref().unwrap_or("")).trim().to_string(),
                    },
                    true,
                ),
                ("insurance_payment", _) => (
                    Some((1, e.claim_id.unwrap_or(0), e.posting_id)),
                    format!("{} payment", e.payer.as_deref().unwrap_or("Insurance")),
                    false,
                ),
                ("adjustment", "insurance") => (
                    Some((2, e.claim_id.unwrap_or(0), e.posting_id)),
                    format!("{} adjustment", e.payer.as_deref().unwrap_or("Insurance")),
                    false,
                ),
                ("adjustment", _) => {
                    (Some((3, e.posting_id, e.service_line_id.unwrap_or(0))), "Adjustment".into(), false)
                }
                ("transfer", "patient") => {
                    let words = responsibility_words(&e.responsibility);
                    let what = match service_words(e)? {
                        Some(service) => format!(" ({service})"),
                        None => e.code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
                    };
                    lines.push(StatementActivity {
                        date: e.date,
                        patient: patient_name,
                        description: format!("Your share: {words} {}{what}", Money::from_cents(e.cents)),
                        charges: None,
                        credits: None,
                        insurance_pending: false,
                    });
                    continue;
                }
                ("transfer", _) => continue,
                ("patient_payment", _) => (Some((4, e.posting_id, 0)), "Payment - thank you".into(), false),
                ("refund", _) => (Some((5, e.posting_id, 0)), "Refund".into(), true),
                _ => (None, e.kind.clone(), true),
            };
        let amount = if charge { e.cents } else { -e.cents };
        let date = if e.kind == "charge" { e.service_from.unwrap_or(e.date) } else { e.date };
        if let Some(&at) = group.as_ref().and_then(|g| groups.get(g)) {
            let line: &mut StatementActivity = &mut lines[at];
            let slot = if charge { &mut line.charges } else { &mut line.credits };
            *slot = Some(slot.unwrap_or(Money::ZERO) + Money::from_cents(amount));
            line.insurance_pending |= e.kind == "charge" && line_pending;
            continue;
        }
        if let Some(g) = group {
            groups.insert(g, lines.len());
        }
        lines.push(StatementActivity {
            date,
            patient: patient_name,
            description,
            charges: charge.then(|| Money::from_cents(amount)),
            credits: (!charge).then(|| Money::from_cents(amount)),
            insurance_pending: e.kind == "charge" && line_pending,
        });
    }
    // A payment applied to several lines and then fully reversed nets to zero: drop empty groups.
    lines.retain(|l| {
        l.description.starts_with("Your share")
            || l.charges.is_some_and(|m| !m.is_zero())
            || l.credits.is_some_and(|m| !m.is_zero())
    });
    lines.sort_by_key(|l| l.date);

    let member_ids: Vec<i64> = info.members.iter().map(|m| m.id).collect();
    let (aging, oldest) = account_age(conn, &member_ids, statement_date)?;
    let level = level_for(oldest);
    // On a payment plan the statement asks for the installment due, not the whole balance.
    let plan_installment = super::plans::statement_installment(conn, info.account_patient_id, statement_date)?;
    let amount_due = match plan_installment {
        Some((installment, _)) => installment.cents().min(patient.max(0)),
        None => patient.max(0),
    };
    Ok(StatementSnapshot {
        account,
        account_patient_id: info.account_patient_id,
        practice_name: contact.name.clone(),
        practice_address: contact.address.clone(),
        practice_phone: contact.phone.clone(),
        remit_to: contact.remit_to.clone(),
        statement_date,
        due_date: statement_date + chrono::Days::new(contact.due_in_days.max(0) as u64),
        account_number: info.account_number,
        guarantor_name: info.name,
        guarantor_address: info.address,
        previous_balance: Money::from_cents(previous),
        previous_insurance_pending: Money::from_cents(previous_insurance),
        last_statement: last_statement.map(|(date, _)| date),
        ledger_through,
        lines,
        insurance_pending: Money::from_cents(insurance),
        patient_balance: Money::from_cents(patient),
        amount_due_now: Money::from_cents(amount_due),
        plan_installment,
        aging,
        message_level: level,
        message: level.wording().to_string(),
        payment_options: contact.payment_options.clone(),
    })
}

struct PatientRow {
    id: i64,
    guarantor_patient: Option<i64>,
    guarantor_party: Option<i64>,
    account_number: String,
    name: String,
    hold: bool,
    collections: bool,
    insurance: i64,
    patient: i64,
}

impl Store {
    /// One page of the accounts that get a statement under `filter` (at most `LIST_PAGE_MAX`)
    /// and how many there are in all: the statement run's preview. The run itself goes
    /// through every account (`statement_candidates`).
    pub fn statement_candidates_page(
        &self,
        filter: &StatementFilter,
        at: PageRequest,
    ) -> Result<Page<StatementCandidate>> {
        Page::of(self.statement_candidates(filter)?, at)
    }

    /// The accounts that get a statement under `filter`, by account number.
    pub fn statement_candidates(&self, filter: &StatementFilter) -> Result<Vec<StatementCandidate>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT p.id, p.guarantor_patient_id, p.guarantor_party_id, p.account_number, p.first_name, p.last_name,
                    p.statement_hold_reason <> '', p.collections_status <> '',
                    coalesce(l.insurance, 0), coalesce(l.patient, 0)
             FROM patients p LEFT JOIN ({PATIENT_BALANCES}) l ON l.patient_id = p.id
             ORDER BY p.id"
        ))?;
        let patients = stmt
            .query_map([filter.statement_date], |r| {
                Ok(PatientRow {
                    id: r.get(0)?,
                    guarantor_patient: r.get(1)?,
                    guarantor_party: r.get(2)?,
                    account_number: r.get(3)?,
                    name: full_name(&r.get::<_, String>(4)?, &r.get::<_, String>(5)?),
                    hold: r.get(6)?,
                    collections: r.get(7)?,
                    insurance: r.get(8)?,
                    patient: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let by_id: HashMap<i64, usize> = patients.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut party_names: HashMap<i64, String> = HashMap::new();
        {
            let mut stmt = conn.prepare_cached("SELECT id, first_name, last_name FROM responsible_parties")?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?)))
            })?;
            for row in rows {
                let (id, name) = row?;
                party_names.insert(id, name);
            }
        }
        let mut accounts: BTreeMap<StatementAccount, StatementCandidate> = BTreeMap::new();
        for p in &patients {
            let key = match (p.guarantor_party, p.guarantor_patient) {
                (Some(party_id), _) => StatementAccount::Party { party_id },
                (None, Some(patient_id)) if by_id.contains_key(&patient_id) => StatementAccount::Patient { patient_id },
                _ => StatementAccount::Patient { patient_id: p.id },
            };
            let c = accounts.entry(key).or_insert_with(|| {
                let (account_number, name) = match key {
                    StatementAccount::Patient { patient_id } => {
                        let head = &patients[by_id[&patient_id]];
                        (head.account_number.clone(), head.name.clone())
                    }
                    // Patients come in id order: the first seen is the party's first patient.
                    StatementAccount::Party { party_id } => {
                        (p.account_number.clone(), party_names.get(&party_id).cloned().unwrap_or_default())
                    }
                };
                StatementCandidate {
                    account: key,
                    account_number,
                    name,
                    patient_due: Money::ZERO,
                    insurance_pending: Money::ZERO,
                    last_statement: None,
                    hold: false,
                    in_collections: false,
                    held_out: None,
                }
            });
            c.patient_due = c.patient_due + Money::from_cents(p.patient);
            c.insurance_pending = c.insurance_pending + Money::from_cents(p.insurance);
            c.hold |= p.hold;
            c.in_collections |= p.collections;
        }
        let mut out: Vec<StatementCandidate> = Vec::new();
        for mut c in accounts.into_values() {
            if !(c.patient_due > Money::ZERO
                && c.patient_due >= filter.min_balance
                && (filter.include_holds || !c.hold)
                && (filter.include_collections || !c.in_collections))
            {
                continue;
            }
            // Only the accounts that owe are looked up, each through its own index.
            c.last_statement = last_statement_on(conn, c.account, filter.statement_date)?;
            if c.last_statement.is_none_or(|d| (filter.statement_date - d).num_days() >= filter.days_since_last) {
                out.push(c);
            }
        }
        if filter.final_notice_only {
            let mut kept = Vec::with_capacity(out.len());
            for c in out {
                let members = account_members(conn, c.account)?;
                let (_, oldest) = account_age(conn, &members, filter.statement_date)?;
                if level_for(oldest) == MessageLevel::FinalNotice {
                    kept.push(c);
                }
            }
            out = kept;
        }
        // Who would get a statement but cannot be mailed one is listed with the reason.
        for c in &mut out {
            c.held_out = held_out(&account_info(conn, c.account)?).or(injury_case_hold(conn, c.account)?);
        }
        out.sort_by(|a, b| a.account_number.cmp(&b.account_number));
        Ok(out)
    }

    /// Where a patient's statements go and whether they can be mailed (the patient's record
    /// shows it by the guarantor). Reads only.
    pub fn statement_mailing(&self, patient_id: i64) -> Result<StatementMailing> {
        let conn = self.conn();
        let account = account_of(conn, patient_id)?;
        let info = account_info(conn, account)?;
        Ok(StatementMailing { account, held_out: held_out(&info), name: info.name, address: info.address })
    }

    /// What one account's statement dated `statement_date` prints.
    pub fn statement_data(
        &self,
        account: StatementAccount,
        statement_date: NaiveDate,
        contact: &PracticeContact,
    ) -> Result<StatementSnapshot> {
        statement_data(self.conn(), account, statement_date, contact)
    }

    /// A recorded statement exactly as it was printed.
    pub fn statement_snapshot(&self, statement_id: i64) -> Result<StatementSnapshot> {
        let json: String = self
            .conn()
            .prepare_cached("SELECT snapshot FROM statements WHERE id = ?1")?
            .query_row([statement_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("statement {statement_id}")))?;
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("statement {statement_id} snapshot: {e}")))
    }

    /// The statements recorded for a patient's account (or a party's, by their first patient).
    pub fn statements_for_patient(&self, patient_id: i64) -> Result<Vec<StatementSummary>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, run_id, account_patient_id, statement_date, amount_due_cents, message_level
             FROM statements WHERE account_patient_id = ?1 ORDER BY statement_date, id",
        )?;
        let rows = stmt
            .query_map([patient_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, rows::money(r, 4)?, r.get::<_, String>(5)?))
            })?
            .collect::<rusqlite::Result<Vec<(i64, i64, i64, NaiveDate, Money, String)>>>()?;
        rows.into_iter()
            .map(|(id, run_id, account_patient_id, statement_date, amount_due, level)| {
                Ok(StatementSummary {
                    id,
                    run_id,
                    account_patient_id,
                    statement_date,
                    amount_due,
                    message_level: level_of(&level)?,
                })
            })
            .collect()
    }

    /// Puts a patient's statements on hold with a reason; an empty reason releases the hold.
    pub fn set_statement_hold(&mut self, patient_id: i64, reason: &str) -> Result<()> {
        self.with_tx(|tx| tx.set_statement_hold(patient_id, reason))
    }

    /// Marks a patient's account as sent to a collection agency (no more statements).
    pub fn send_to_collections(&mut self, patient_id: i64, agency: &str) -> Result<()> {
        self.with_tx(|tx| tx.send_to_collections(patient_id, agency))
    }

    /// Takes an account back from the collection agency: statements go out again.
    pub fn recall_from_collections(&mut self, patient_id: i64) -> Result<()> {
        self.with_tx(|tx| tx.recall_from_collections(patient_id))
    }

    /// The statement hold reason and collections agency of a patient ("" when none).
    pub fn statement_flags(&self, patient_id: i64) -> Result<(String, String)> {
        self.conn()
            .prepare_cached("SELECT statement_hold_reason, collections_agency FROM patients WHERE id = ?1")?
            .query_row([patient_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("patient {patient_id}")))
    }
}

impl Tx<'_> {
    pub fn set_statement_hold(&self, patient_id: i64, reason: &str) -> Result<()> {
        StoreError::check_text("reason", "Hold reason", reason, claimdesk_core::text::max::REASON)?;
        let n = self
            .prepare_cached("UPDATE patients SET statement_hold_reason = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![patient_id, reason.trim(), now_utc()])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("patient {patient_id}")));
        }
        self.note(|| {
            AuditNote::about(Record::new("patient", patient_id), Some(patient_id)).with_note("set statement hold")
        });
        Ok(())
    }

    pub fn send_to_collections(&self, patient_id: i64, agency: &str) -> Result<()> {
        if agency.trim().is_empty() {
            return Err(StoreError::invalid("agency", "Enter the collection agency"));
        }
        StoreError::check_text("agency", "Collection agency", agency, claimdesk_core::text::max::ORGANIZATION_NAME)?;
        let n = self
            .prepare_cached(
                "UPDATE patients SET collections_status = 'sent_to_agency', collections_agency = ?2,
                    collections_since = ?3, updated_at = ?4 WHERE id = ?1",
            )?
            .execute(params![patient_id, agency.trim(), self.today(), now_utc()])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("patient {patient_id}")));
        }
        self.note(|| {
            AuditNote::about(Record::new("patient", patient_id), Some(patient_id)).with_note("send to collections")
        });
        Ok(())
    }

    pub fn recall_from_collections(&self, patient_id: i64) -> Result<()> {
        let n = self
            .prepare_cached(
                "UPDATE patients SET collections_status = '', collections_agency = '', collections_since = NULL,
                    updated_at = ?2 WHERE id = ?1",
            )?
            .execute(params![patient_id, now_utc()])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("patient {patient_id}")));
        }
        self.note(|| {
            AuditNote::about(Record::new("patient", patient_id), Some(patient_id)).with_note("recall from collections")
        });
        Ok(())
    }

    /// Records a statement run whose file was written: the run and each statement with its
    /// snapshot (JSON), so a reprint prints the same statement.
    pub fn record_statement_run(
        &self,
        filter: &StatementFilter,
        file_name: &str,
        statements: &[StatementSnapshot],
    ) -> Result<RecordedRun> {
        let total: i64 = statements.iter().map(|s| s.amount_due_now.cents()).sum();
        let run_id: i64 = self
            .prepare_cached(
                "INSERT INTO statement_runs (run_at, statement_date, min_balance_cents, days_since_last,
                    statement_count, total_due_cents, file_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
            )?
            .query_row(
                params![
                    now_utc(),
                    filter.statement_date,
                    filter.min_balance.cents(),
                    filter.days_since_last,
                    statements.len() as i64,
                    total,
                    file_name
                ],
                |r| r.get(0),
            )?;
        let mut insert = self.prepare_cached(
            "INSERT INTO statements (run_id, account_patient_id, guarantor_party_id, statement_date, amount_due_cents,
                patient_balance_cents, insurance_pending_cents, message_level, ledger_through, snapshot)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        )?;
        let mut ids = Vec::with_capacity(statements.len());
        for s in statements {
            let party = match s.account {
                StatementAccount::Party { party_id } => Some(party_id),
                StatementAccount::Patient { .. } => None,
            };
            let json = serde_json::to_string(s).map_err(|e| StoreError::Corrupt(format!("statement snapshot: {e}")))?;
            let id: i64 = insert.query_row(
                params![
                    run_id,
                    s.account_patient_id,
                    party,
                    s.statement_date,
                    s.amount_due_now.cents(),
                    s.patient_balance.cents(),
                    s.insurance_pending.cents(),
                    s.message_level.as_str(),
                    s.ledger_through,
                    json
                ],
                |r| r.get(0),
            )?;
            ids.push(id);
        }
        Ok(RecordedRun { run_id, statement_ids: ids })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn aging_takes_credits_off_the_oldest_and_sums_to_the_balance() {
        let on = d(2026, 11, 23);
        let lines = [(d(2026, 7, 1), 5000), (d(2026, 9, 10), 3000), (d(2026, 11, 1), 2000), (d(2026, 10, 1), -1000)];
        let (aging, oldest) = age_balance(on, &lines, -4500);
        assert_eq!(aging.total(), Money::from_cents(4500));
        assert_eq!(aging.over_90, Money::ZERO);
        assert_eq!(aging.days_61_90, Money::from_cents(2500));
        assert_eq!(aging.current, Money::from_cents(2000));
        assert_eq!(oldest, Some((on - d(2026, 9, 10)).num_days()));
        assert_eq!(level_for(oldest), MessageLevel::PastDue);
    }

    #[test]
    fn a_credit_is_all_current_and_a_reminder() {
        let on = d(2026, 11, 23);
        let (aging, oldest) = age_balance(on, &[(d(2026, 1, 1), 1000)], -1500);
        assert_eq!(aging, StatementAging { current: Money::from_cents(-500), ..Default::default() });
        assert_eq!(level_for(oldest), MessageLevel::Reminder);
    }

    /// The statement queries read open balances, one member's open lines and one line's entries
    /// through indexes, never a scan of the ledger, whatever its size.
    #[test]
    fn aging_reads_the_ledger_through_indexes() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::migrations::migrate_to(&mut conn, None, crate::migrations::latest_version()).unwrap();
        let expected: [(&str, &[&str]); 3] = [
            (
                PATIENT_BALANCES,
                &[
                    "SCAN ledger_balances USING COVERING INDEX ledger_balances_open",
                    "SEARCH ledger_entries USING INDEX ledger_by_date (entry_date>?)",
                ],
            ),
            (
                OPEN_PATIENT_LINES,
                &[
                    "SEARCH ledger_balances USING PRIMARY KEY (patient_id=?)",
                    "SEARCH ledger_entries USING INDEX ledger_by_patient (patient_id=? AND entry_date>?)",
                ],
            ),
            (
                MOVED_TO_PATIENT,
                &[
                    "SEARCH e USING INDEX ledger_by_line (service_line_id=?)",
                    "SEARCH r USING INDEX sqlite_autoindex_ledger_entries_1 (reversal_of=?)",
                ],
            ),
        ];
        for (sql, steps) in expected {
            let mut explain = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let values = rusqlite::params_from_iter(std::iter::repeat_n(1, explain.parameter_count()));
            let plan: Vec<String> =
                explain.query_map(values, |r| r.get::<_, String>(3)).unwrap().map(|r| r.unwrap()).collect();
            for step in steps {
                assert!(plan.iter().any(|p| p == step), "{step} missing from the plan of\n{sql}\n{plan:#?}");
            }
            // Scanning the partial index of open balances reads the open lines, not the ledger.
            let narrow =
                |p: &String| p.contains("subquery") || p.ends_with("USING COVERING INDEX ledger_balances_open");
            assert!(!plan.iter().any(|p| p.starts_with("SCAN ") && !narrow(p)), "{plan:#?}");
        }
    }

    #[test]
    fn age_boundaries() {
        assert_eq!(bucket_of(30), 0);
        assert_eq!(bucket_of(31), 1);
        assert_eq!(bucket_of(90), 2);
        assert_eq!(bucket_of(91), 3);
        assert_eq!(level_for(Some(91)), MessageLevel::FinalNotice);
        assert_eq!(level_for(Some(61)), MessageLevel::PastDue);
        assert_eq!(level_for(Some(60)), MessageLevel::Reminder);
    }
}
