//! Claims: a visit billed to one payer, its status history, the scrubber's verdict, and
//! everything the CMS-1500 and the 837P need (`ClaimData`), gathered from the file.

use super::audit::{AuditNote, Record};
use crate::error::{Result, StoreError};
use crate::queries::{facilities, injury_cases, patients, payers, practice, providers, visits};
use crate::{now_utc, rows, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::claims::{ClaimData, ClaimStatus, Frequency, OtherCoverage};
use claimdesk_core::icd10::CodeSet;
use claimdesk_core::paper::FormRules;
use claimdesk_core::scrubber::{self, Context, Finding, RuleOverride, Severity};
use claimdesk_core::{Actor, Money, Patient, Person, Policy, Responsible, Source};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Days before the timely-filing limit at which the scrubber starts warning.
const TIMELY_FILING_WARNING_DAYS: i64 = 14;

/// One row of a claims list or work queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClaimSummary {
    pub id: i64,
    /// CLM01, echoed back by the payer as CLP01.
    pub control_number: String,
    pub visit_id: i64,
    pub patient_id: i64,
    pub account_number: String,
    pub patient_name: String,
    pub payer: String,
    pub payer_rank: u8,
    pub service_date: NaiveDate,
    pub status: ClaimStatus,
    pub frequency: Frequency,
    pub charge: Money,
    /// Blocking scrubber errors and unacknowledged warnings at the last scrub (None: never scrubbed).
    pub scrub_errors: Option<i64>,
    pub scrub_warnings: Option<i64>,
    pub submitted_at: Option<String>,
}

/// Which claims to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ClaimQueue {
    All,
    Status {
        status: ClaimStatus,
    },
    /// Clean claims waiting to be printed or exported.
    Ready,
    /// Claims the scrubber stopped: fix them on the charge entry screen.
    ScrubberErrors,
    /// Sent claims with no answer from the payer after `days`.
    NoResponse {
        days: i64,
    },
}

/// The claims list's filters: a work queue, then what the biller typed or picked, and which
/// page. Newest first (date of service, then the newest claim); `limit` is capped at
/// `CLAIM_PAGE_MAX` so no caller gets the whole practice in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimQuery {
    pub queue: ClaimQueue,
    /// A claim number (or its first digits), or a patient as the patient search box finds
    /// them: name, account number, birth date, phone, member ID. Blank: every claim.
    pub text: String,
    pub payer_id: Option<i64>,
    /// Dates of service from / to, both included.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Rows to skip (the rows of the pages before).
    pub offset: u32,
    /// Rows wanted; 0 or more than `CLAIM_PAGE_MAX` gives `CLAIM_PAGE_MAX`.
    pub limit: u32,
}

impl ClaimQuery {
    /// The first page of a work queue, no other filter.
    pub fn queue(queue: ClaimQueue) -> ClaimQuery {
        ClaimQuery {
            queue,
            text: String::new(),
            payer_id: None,
            from: None,
            to: None,
            offset: 0,
            limit: CLAIM_PAGE_MAX,
        }
    }
}

/// The most claims one page holds, whatever was asked.
pub const CLAIM_PAGE_MAX: u32 = 500;

/// One page of the claims list and how many claims match its filters in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClaimPage {
    pub rows: Vec<ClaimSummary>,
    pub total: u32,
    /// Where this page starts in the whole list (the query's offset).
    pub offset: u32,
}

/// What a scrub found and where it left the claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScrubResult {
    pub claim_id: i64,
    pub status: ClaimStatus,
    /// Errors first; acknowledged warnings are left out.
    pub findings: Vec<Finding>,
}

/// One entry of a claim's dated history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatusChange {
    pub from_status: Option<ClaimStatus>,
    pub to_status: ClaimStatus,
    pub changed_at: String,
    pub source: String,
    pub note: String,
}

/// How a payer wants its paper claims (box 28 on continued forms, signature text, and whose
/// item-by-item instructions it follows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PayerClaimSettings {
    pub continued_in_box_28: bool,
    pub signature_on_file_text: String,
    /// Medicare's instructions (Pub. 100-04 ch. 26) or NUCC's; read back as the payer's
    /// default (Medicare's for Medicare payers) until someone chooses.
    pub form_rules: FormRules,
}

impl Default for PayerClaimSettings {
    fn default() -> Self {
        PayerClaimSettings {
            continued_in_box_28: false,
            signature_on_file_text: "SIGNATURE ON FILE".into(),
            form_rules: FormRules::Nucc,
        }
    }
}

/// A payer's paper claim settings, with the default for its kind where none were saved.
fn payer_claim_settings(conn: &Connection, payer_id: i64) -> Result<PayerClaimSettings> {
    let row = conn
        .prepare_cached(
            "SELECT s.continued_in_box_28, s.signature_on_file_text, s.form_rules, p.kind
             FROM payers p LEFT JOIN payer_claim_settings s ON s.payer_id = p.id WHERE p.id = ?1",
        )?
        .query_row([payer_id], |r| {
            Ok((
                r.get::<_, Option<bool>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                rows::payer_kind(r, 3)?,
            ))
        })
        .optional()?;
    let Some((continued, signature, rules, kind)) = row else { return Ok(PayerClaimSettings::default()) };
    let form_rules = match rules {
        None => FormRules::default_for(kind),
        Some(text) => FormRules::parse(&text).ok_or_else(|| StoreError::Corrupt(format!("form rules {text:?}")))?,
    };
    let defaults = PayerClaimSettings::default();
    Ok(PayerClaimSettings {
        continued_in_box_28: continued.unwrap_or(defaults.continued_in_box_28),
        signature_on_file_text: signature.unwrap_or(defaults.signature_on_file_text),
        form_rules,
    })
}

fn status_of(text: &str) -> Result<ClaimStatus> {
    ClaimStatus::parse(text).ok_or_else(|| StoreError::Corrupt(format!("claim status {text:?}")))
}

fn frequency_of(code: &str) -> Result<Frequency> {
    match code {
        "1" => Ok(Frequency::Original),
        "7" => Ok(Frequency::Replacement),
        "8" => Ok(Frequency::Void),
        other => Err(StoreError::Corrupt(format!("claim frequency {other:?}"))),
    }
}

fn rank_name(rank: u8) -> &'static str {
    match rank {
        1 => "primary",
        2 => "secondary",
        _ => "tertiary",
    }
}

/// The insured as a person: the patient when the relationship is self, else the subscriber.
fn subscriber_person(conn: &Connection, patient: &Patient, policy: &Policy) -> Result<Person> {
    let as_person = |p: &Patient| Person {
        id: None,
        last_name: p.last_name.clone(),
        first_name: p.first_name.clone(),
        middle_name: p.middle_name.clone(),
        birth_date: p.birth_date,
        sex: p.sex,
        address: p.address.clone(),
        phone: p.home_phone.clone(),
    };
    Ok(match &policy.subscriber {
        Responsible::Itself => as_person(patient),
        Responsible::Patient { patient_id, .. } => as_person(&patients::get(conn, *patient_id)?),
        Responsible::Person { person } => {
            let mut p = person.clone();
            // A subscriber entered without an address lives with the patient.
            if p.address.is_blank() {
                p.address = patient.address.clone();
            }
            p
        }
    })
}

struct ClaimRow {
    visit_id: i64,
    policy_id: i64,
    payer_id: i64,
    rank: u8,
    status: ClaimStatus,
    frequency: Frequency,
    original_reference: String,
    accept_assignment: bool,
    total: Money,
    control_number: String,
}

fn claim_row(conn: &Connection, id: i64) -> Result<ClaimRow> {
    let raw = conn
        .prepare_cached("SELECT visit_id, policy_id, payer_id, payer_rank, status, frequency, original_reference, accept_assignment,
                    total_charge_cents, control_number FROM claims WHERE id = ?1")?.query_row([id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    rows::flag(r, 7)?,
                    rows::money(r, 8)?,
                    r.get::<_, String>(9)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("claim {id}")))?;
    Ok(ClaimRow {
        visit_id: raw.0,
        policy_id: raw.1,
        payer_id: raw.2,
        rank: raw.3 as u8,
        status: status_of(&raw.4)?,
        frequency: frequency_of(&raw.5)?,
        original_reference: raw.6,
        accept_assignment: raw.7,
        total: raw.8,
        control_number: raw.9,
    })
}

/// The policy a claim was built against, even if it was since taken off the patient.
fn policy_by_id(conn: &Connection, patient: &Patient, policy_id: i64) -> Result<Policy> {
    if let Some(p) = patient.policies.iter().find(|p| p.id == Some(policy_id)) {
        return Ok(p.clone());
    }
    patients::policy_by_id(conn, policy_id)
}

/// The policies a visit's claims go to, in order: the carrier of the visit's auto or workers'
/// compensation case first (the property and casualty carrier pays before health plans for
/// the injury), then the patient's own policies.
fn policies_in_order(
    conn: &Connection,
    visit: &claimdesk_core::visits::Visit,
    patient: &Patient,
) -> Result<Vec<Policy>> {
    let mut order = Vec::with_capacity(patient.policies.len() + 1);
    if let Some(case_id) = visit.injury_case_id {
        if let Some(policy_id) = injury_cases::carrier_policy_id(conn, case_id)? {
            order.push(policy_by_id(conn, patient, policy_id)?);
        }
    }
    order.extend(patient.policies.iter().cloned());
    Ok(order)
}

/// Everything known about one claim, resolved.
pub(crate) fn claim_data(conn: &Connection, id: i64) -> Result<ClaimData> {
    let row = claim_row(conn, id)?;
    let mut visit = visits::get(conn, row.visit_id)?;
    // The claim bills the lines it was built with, in its own order.
    let billed: Vec<i64> = conn
        .prepare_cached("SELECT service_line_id FROM claim_lines WHERE claim_id = ?1 ORDER BY line_number")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    visit.lines = billed.iter().filter_map(|lid| visit.lines.iter().find(|l| l.id == Some(*lid)).cloned()).collect();
    let patient = patients::get(conn, visit.patient_id)?;
    let policy = policy_by_id(conn, &patient, row.policy_id)?;
    let limits = super::plan_limits::claim_limits(conn, &policy, row.visit_id)?;
    let subscriber = subscriber_person(conn, &patient, &policy)?;
    // Boxes 9/11d: the next policy in line (for a secondary claim, the primary).
    let form_rules = payer_claim_settings(conn, row.payer_id)?.form_rules;
    let other_rank = if row.rank == 1 { 2 } else { 1 };
    let order = policies_in_order(conn, &visit, &patient)?;
    // 837P 2010BA/2010CA REF*Y4: the claim goes to the carrier of the visit's injury case.
    let property_casualty_claim_number = injury_cases::case_of_policy(conn, visit.injury_case_id, row.policy_id)?
        .map(|c| c.claim_number)
        .unwrap_or_default();
    let other_coverage = match order.get(other_rank - 1) {
        Some(p) => Some(OtherCoverage {
            payer: payers::get(conn, p.payer_id)?,
            subscriber: subscriber_person(conn, &patient, p)?,
            policy: p.clone(),
        }),
        None => None,
    };
    let care = super::care::care_facts(conn, &visit)?;
    Ok(ClaimData {
        claim_id: Some(id),
        control_number: row.control_number,
        status: row.status,
        frequency: row.frequency,
        original_reference: row.original_reference,
        payer_rank: row.rank,
        accept_assignment: row.accept_assignment,
        total_charge: row.total,
        practice: practice::get(conn)?,
        payer: payers::get(conn, row.payer_id)?,
        policy,
        subscriber,
        other_coverage,
        rendering: providers::get(conn, visit.rendering_provider_id)?,
        referring: visit.referring_provider_id.map(|id| providers::get(conn, id)).transpose()?,
        facility: visit.facility_id.map(|id| facilities::get(conn, id)).transpose()?,
        patient,
        visit,
        form_rules,
        limits,
        care,
        property_casualty_claim_number,
    })
}

/// Rebuilds the lines and total of a visit's claims that have not left the office, and
/// sends a ready claim back to draft: what it would print has changed.
pub(crate) fn refresh_open_claims(tx: &Tx, visit_id: i64) -> Result<()> {
    let open: Vec<(i64, String, String)> = tx
        .prepare_cached(
            "SELECT id, control_number, status FROM claims WHERE visit_id = ?1 AND status IN ('draft', 'ready', 'rejected')",
        )?
        .query_map([visit_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (claim_id, control, status) in open {
        tx.prepare_cached("DELETE FROM claim_lines WHERE claim_id = ?1")?.execute([claim_id])?;
        let total = insert_claim_lines(tx, claim_id, visit_id, &control)?;
        tx.prepare_cached(
            "UPDATE claims SET total_charge_cents = ?1, scrub_errors = NULL, scrub_warnings = NULL, scrubbed_at = NULL
             WHERE id = ?2",
        )?
        .execute(params![total.cents(), claim_id])?;
        if status_of(&status)? == ClaimStatus::Ready {
            change_status(tx, claim_id, ClaimStatus::Ready, ClaimStatus::Draft, Source::App, "charges changed")?;
        }
    }
    Ok(())
}

/// Copies the visit's service lines onto the claim with their line control numbers (REF*6R).
fn insert_claim_lines(tx: &Tx, claim_id: i64, visit_id: i64, control: &str) -> Result<Money> {
    let lines: Vec<(i64, i64)> = tx
        .prepare_cached(
            "SELECT id, charge_cents FROM service_lines WHERE visit_id = ?1 AND removed = 0 ORDER BY position",
        )?
        .query_map([visit_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut total = Money::ZERO;
    for (n, (line_id, cents)) in lines.iter().enumerate() {
        let number = n as i64 + 1;
        tx.prepare_cached(
            "INSERT INTO claim_lines (claim_id, service_line_id, line_number, line_control_number, charge_cents)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![claim_id, line_id, number, format!("{control}-{number}"), cents])?;
        total = total + Money::from_cents(*cents);
    }
    Ok(total)
}

pub(crate) fn change_status(
    tx: &Tx,
    id: i64,
    from: ClaimStatus,
    to: ClaimStatus,
    source: Source,
    note: &str,
) -> Result<()> {
    tx.prepare_cached("UPDATE claims SET status = ?1 WHERE id = ?2")?.execute(params![to.as_str(), id])?;
    tx.prepare_cached(
        "INSERT INTO claim_status_history (claim_id, from_status, to_status, changed_at, source, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, from.as_str(), to.as_str(), now_utc(), source.as_str(), note])?;
    Ok(())
}

/// A billed line with what matching a payment against it needs.
pub(crate) struct ClaimLineInfo {
    pub billed: claimdesk_core::posting::BilledLine,
    pub units: u32,
}

/// The lines a claim billed, in claim order.
pub(crate) fn billed_lines(conn: &Connection, claim_id: i64) -> Result<Vec<ClaimLineInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT cl.id, cl.service_line_id, cl.line_control_number, s.code, s.modifier1, s.modifier2, s.modifier3,
                s.modifier4, s.service_from, cl.charge_cents, s.units
         FROM claim_lines cl JOIN service_lines s ON s.id = cl.service_line_id
         WHERE cl.claim_id = ?1 ORDER BY cl.line_number",
    )?;
    let list = stmt
        .query_map([claim_id], |r| {
            let modifiers: Vec<String> = (4..8)
                .map(|i| r.get::<_, String>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|m| !m.is_empty())
                .collect();
            Ok(ClaimLineInfo {
                billed: claimdesk_core::posting::BilledLine {
                    claim_line_id: r.get(0)?,
                    service_line_id: r.get(1)?,
                    line_control_number: r.get(2)?,
                    code: r.get(3)?,
                    modifiers,
                    service_date: r.get(8)?,
                    charge: rows::money(r, 9)?,
                },
                units: u32::try_from(r.get::<_, i64>(10)?).map_err(|_| {
                    rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Integer, "units".into())
                })?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(list)
}

fn next_control_number(tx: &Tx) -> Result<String> {
    let n: i64 = tx.prepare_cached("UPDATE sequences SET next_value = next_value + 1 WHERE name = 'claim_control_number' RETURNING next_value - 1")?.query_row(
        [],
        |r| r.get(0),
    )?;
    Ok(format!("{n:07}"))
}

fn overrides(conn: &Connection, payer_id: i64) -> Result<Vec<RuleOverride>> {
    // Payer-specific overrides win over practice-wide ones (payer_id NULL).
    let mut stmt = conn.prepare_cached(
        "SELECT rule, severity FROM scrubber_overrides WHERE payer_id = ?1 OR payer_id IS NULL
         ORDER BY payer_id IS NULL DESC",
    )?;
    let mut list: Vec<RuleOverride> = Vec::new();
    for row in stmt.query_map([payer_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (rule, severity) = row?;
        let severity = match severity.as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "off" => None,
            other => return Err(StoreError::Corrupt(format!("scrubber override severity {other:?}"))),
        };
        list.retain(|o| o.rule != rule);
        list.push(RuleOverride { rule, severity });
    }
    Ok(list)
}

const PAGE_COLUMNS: &str = "SELECT c.id, c.control_number, c.visit_id, v.patient_id, p.account_number,
    p.last_name || ', ' || p.first_name, y.name, c.payer_rank, v.service_date, c.status, c.frequency,
    c.total_charge_cents, c.scrub_errors, c.scrub_warnings, c.submitted_at";

const SUMMARY: &str = "SELECT c.id, c.control_number, c.visit_id, v.patient_id, p.account_number,
    p.last_name || ', ' || p.first_name, y.name, c.payer_rank, v.service_date, c.status, c.frequency,
    c.total_charge_cents, c.scrub_errors, c.scrub_warnings, c.submitted_at
    FROM claims c JOIN visits v ON v.id = c.visit_id JOIN patients p ON p.id = v.patient_id
    JOIN payers y ON y.id = c.payer_id";

fn summary(r: &rusqlite::Row) -> rusqlite::Result<(ClaimSummary, String, String)> {
    Ok((
        ClaimSummary {
            id: r.get(0)?,
            control_number: r.get(1)?,
            visit_id: r.get(2)?,
            patient_id: r.get(3)?,
            account_number: r.get(4)?,
            patient_name: r.get(5)?,
            payer: r.get(6)?,
            payer_rank: r.get::<_, i64>(7)? as u8,
            service_date: r.get(8)?,
            status: ClaimStatus::Draft,
            frequency: Frequency::Original,
            charge: rows::money(r, 11)?,
            scrub_errors: r.get(12)?,
            scrub_warnings: r.get(13)?,
            submitted_at: r.get(14)?,
        },
        r.get(9)?,
        r.get(10)?,
    ))
}

impl Store {
    pub fn claim_data(&self, claim_id: i64) -> Result<ClaimData> {
        claim_data(self.conn(), claim_id)
    }

    /// Claims in a work queue, oldest date of service first.
    pub fn list_claims(&self, queue: &ClaimQueue) -> Result<Vec<ClaimSummary>> {
        let today = self.today();
        let (condition, arg): (&str, String) = match queue {
            ClaimQueue::All => ("1 = 1 OR ?1 = ''", String::new()),
            ClaimQueue::Status { status } => ("c.status = ?1", status.as_str().to_string()),
            ClaimQueue::Ready => ("c.status = 'ready' AND ?1 = ''", String::new()),
            ClaimQueue::ScrubberErrors => {
                ("c.status IN ('draft', 'rejected') AND c.scrub_errors > 0 AND ?1 = ''", String::new())
            }
            ClaimQueue::NoResponse { days } => {
                let cutoff = today - chrono::Duration::days(*days);
                ("c.status = 'submitted' AND substr(c.submitted_at, 1, 10) <= ?1", cutoff.to_string())
            }
        };
        let sql = format!("{SUMMARY} WHERE ({condition}) ORDER BY v.service_date, c.id");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let raw = stmt.query_map([arg], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        raw.into_iter()
            .map(|(mut s, status, frequency)| {
                s.status = status_of(&status)?;
                s.frequency = frequency_of(&frequency)?;
                Ok(s)
            })
            .collect()
    }

    /// One page of the claims list (`ClaimQuery`), newest first, with the matching total.
    ///
    /// Every filter is a term on `claims` that an index answers (migration 11): a status
    /// or a payer walks its index already in date order and stops at the page; a date range
    /// is a range of `claims_newest`; typed text gathers the claims of the matching claim
    /// numbers and patients (`patient_search`) before anything is sorted.
    pub fn claims_page(&self, query: &ClaimQuery) -> Result<ClaimPage> {
        if let (Some(from), Some(to)) = (query.from, query.to) {
            if from > to {
                return Err(StoreError::invalid("to", "The last date of service is before the first"));
            }
        }
        let mut terms: Vec<String> = Vec::new();
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let text = query.text.trim();
        // With typed text the matching claims are gathered first (a few patients' claims);
        // `+` keeps SQLite from walking a status or payer index and testing each claim.
        let c = if text.is_empty() { "c." } else { "+c." };
        let bind = |values: &mut Vec<rusqlite::types::Value>, v: rusqlite::types::Value| {
            values.push(v);
            format!("?{}", values.len())
        };
        use rusqlite::types::Value as V;
        match query.queue {
            ClaimQueue::All => {}
            ClaimQueue::Status { status } => {
                terms.push(format!("{c}status = {}", bind(&mut values, V::Text(status.as_str().into()))))
            }
            ClaimQueue::Ready => terms.push(format!("{c}status = 'ready'")),
            // Written as the partial index claims_scrubber_errors is, so SQLite reads only it.
            ClaimQueue::ScrubberErrors => {
                terms.push(format!("{c}status IN ('draft', 'rejected') AND c.scrub_errors > 0"))
            }
            ClaimQueue::NoResponse { days } => {
                let cutoff = self.today() - chrono::Duration::days(days);
                let p = bind(&mut values, V::Text(cutoff.to_string()));
                terms.push(format!("{c}status = 'submitted' AND substr(c.submitted_at, 1, 10) <= {p}"));
            }
        }
        if let Some(payer) = query.payer_id {
            terms.push(format!("{c}payer_id = {}", bind(&mut values, V::Integer(payer))));
        }
        if let Some(from) = query.from {
            terms.push(format!("{c}service_date >= {}", bind(&mut values, V::Text(from.to_string()))));
        }
        if let Some(to) = query.to {
            terms.push(format!("{c}service_date <= {}", bind(&mut values, V::Text(to.to_string()))));
        }
        if !text.is_empty() {
            // Claim numbers starting with what was typed: a range of the unique index.
            let upper = format!("{text}\u{10FFFF}");
            let lo = bind(&mut values, V::Text(text.to_string()));
            let hi = bind(&mut values, V::Text(upper));
            let mut hits =
                format!("SELECT n.id FROM claims n WHERE n.control_number >= {lo} AND n.control_number < {hi}");
            if let Some(fts) = crate::queries::search::fts_query(text) {
                let m = bind(&mut values, V::Text(fts));
                hits.push_str(&format!(
                    " UNION SELECT k.id FROM patient_search s JOIN visits w ON w.patient_id = s.rowid
                      JOIN claims k ON k.visit_id = w.id WHERE patient_search MATCH {m}"
                ));
            }
            terms.push(format!("c.id IN ({hits})"));
        }
        let filter = if terms.is_empty() { String::new() } else { format!("WHERE {}", terms.join(" AND ")) };
        // SQLite would rather walk the status index and sort; the partial index holds the
        // queue already in date order.
        let claims = match query.queue {
            ClaimQueue::ScrubberErrors if text.is_empty() => "claims c INDEXED BY claims_scrubber_errors",
            _ => "claims c",
        };

        let count_sql = format!("SELECT count(*) AS matching FROM {claims} {filter}");
        let total: i64 =
            self.conn().prepare_cached(&count_sql)?.query_row(rusqlite::params_from_iter(&values), |r| r.get(0))?;

        let limit = match query.limit {
            0 => CLAIM_PAGE_MAX,
            n => n.min(CLAIM_PAGE_MAX),
        };
        let l = bind(&mut values, V::Integer(i64::from(limit)));
        let o = bind(&mut values, V::Integer(i64::from(query.offset)));
        // CROSS JOIN: the claims are the outer loop (in index order), the rest is looked up
        // by id for each claim of the page.
        let page_sql = format!(
            "{PAGE_COLUMNS} FROM {claims} CROSS JOIN visits v ON v.id = c.visit_id
             CROSS JOIN patients p ON p.id = v.patient_id CROSS JOIN payers y ON y.id = c.payer_id
             {filter} ORDER BY c.service_date DESC, c.id DESC LIMIT {l} OFFSET {o}"
        );
        let mut stmt = self.conn().prepare_cached(&page_sql)?;
        let raw =
            stmt.query_map(rusqlite::params_from_iter(&values), summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let rows = raw
            .into_iter()
            .map(|(mut s, status, frequency)| {
                s.status = status_of(&status)?;
                s.frequency = frequency_of(&frequency)?;
                Ok(s)
            })
            .collect::<Result<Vec<_>>>()?;
        let total =
            u32::try_from(total).map_err(|_| StoreError::Corrupt("more claims than a list can count".into()))?;
        Ok(ClaimPage { rows, total, offset: query.offset })
    }

    pub fn claim_history(&self, claim_id: i64) -> Result<Vec<StatusChange>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT from_status, to_status, changed_at, source, note FROM claim_status_history
             WHERE claim_id = ?1 ORDER BY id",
        )?;
        let raw = stmt
            .query_map([claim_id], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        raw.into_iter()
            .map(|(from, to, changed_at, source, note)| {
                Ok(StatusChange {
                    from_status: from.as_deref().map(status_of).transpose()?,
                    to_status: status_of(&to)?,
                    changed_at,
                    source,
                    note,
                })
            })
            .collect()
    }

    /// What the patient has paid on the claim's service lines (box 29 under Medicare's rules,
    /// 837P AMT*F5): their payments applied to these lines, less any reversed.
    pub fn patient_paid_on_claim(&self, claim_id: i64) -> Result<Money> {
        let cents: i64 = self
            .conn()
            .prepare_cached(
                "SELECT coalesce(-sum(e.amount_cents), 0) FROM claim_lines cl
                 JOIN ledger_entries e ON e.service_line_id = cl.service_line_id
                 WHERE cl.claim_id = ?1 AND e.kind = 'patient_payment'",
            )?
            .query_row([claim_id], |r| r.get(0))?;
        Ok(Money::from_cents(cents.max(0)))
    }

    pub fn payer_claim_settings(&self, payer_id: i64) -> Result<PayerClaimSettings> {
        payer_claim_settings(self.conn(), payer_id)
    }

    pub fn save_payer_claim_settings(&mut self, payer_id: i64, settings: &PayerClaimSettings) -> Result<()> {
        self.with_tx(|tx| {
            payers::get(tx, payer_id)?;
            StoreError::check_text("signature_on_file_text", "Signature text", &settings.signature_on_file_text, 30)?;
            let text = settings.signature_on_file_text.trim().to_ascii_uppercase();
            if text.is_empty() || text.len() > 30 {
                return Err(StoreError::invalid(
                    "signature_on_file_text",
                    "Signature text must be 1 to 30 characters (e.g. SIGNATURE ON FILE)",
                ));
            }
            tx.prepare_cached("INSERT INTO payer_claim_settings (payer_id, continued_in_box_28, signature_on_file_text, form_rules)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (payer_id) DO UPDATE SET continued_in_box_28 = ?2, signature_on_file_text = ?3, form_rules = ?4")?.execute(
                params![payer_id, settings.continued_in_box_28, text, settings.form_rules.as_str()],
            )?;
            Ok(())
        })
    }

    /// Builds a claim from a visit for the patient's policy of that rank (1 primary).
    pub fn create_claim(&mut self, visit_id: i64, rank: u8, actor: &Actor) -> Result<ClaimSummary> {
        let id = self.with_tx_by(actor, |tx| tx.create_claim(visit_id, rank, actor.source))?;
        self.claim_summary(id)
    }

    pub fn claim_summary(&self, claim_id: i64) -> Result<ClaimSummary> {
        let mut stmt = self.conn().prepare_cached(&format!("{SUMMARY} WHERE c.id = ?1"))?;
        let (mut s, status, frequency) = stmt
            .query_row([claim_id], summary)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("claim {claim_id}")))?;
        s.status = status_of(&status)?;
        s.frequency = frequency_of(&frequency)?;
        Ok(s)
    }

    /// Runs the scrubber on a claim and records the verdict: a draft with no errors and no
    /// unacknowledged warnings becomes ready; a ready claim with errors goes back to draft.
    pub fn scrub_claim(&mut self, claim_id: i64, actor: &Actor) -> Result<ScrubResult> {
        self.with_tx_by(actor, |tx| tx.scrub_claim(claim_id, actor.source))
    }

    /// Accepts a warning for one claim (it no longer holds the claim back).
    pub fn acknowledge_warning(&mut self, claim_id: i64, rule: &str, field: &str) -> Result<()> {
        self.with_tx(|tx| {
            claim_row(tx, claim_id)?;
            let is_warning = scrubber::RULES.iter().any(|r| r.code == rule);
            if !is_warning {
                return Err(StoreError::invalid("rule", format!("{rule} is not a scrubber rule")));
            }
            tx.prepare_cached(
                "INSERT OR IGNORE INTO claim_acknowledged_warnings (claim_id, rule, field, acknowledged_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![claim_id, rule, field, now_utc()])?;
            Ok(())
        })
    }

    /// Moves a claim along its lifecycle; moves the lifecycle does not allow are refused.
    pub fn set_claim_status(&mut self, claim_id: i64, next: ClaimStatus, note: &str, actor: &Actor) -> Result<()> {
        self.with_tx_by(actor, |tx| tx.set_claim_status(claim_id, next, note, actor.source))
    }

    /// Records that these claims left the office together (a print run or an 837P file).
    /// Call only after the PDF or file was written: all are marked or none.
    pub fn mark_submitted(&mut self, claim_ids: &[i64], method: &str, file_name: &str, actor: &Actor) -> Result<i64> {
        self.with_tx_by(actor, |tx| tx.mark_submitted(claim_ids, method, file_name, actor.source))
    }

    /// A corrected (replacement) or void claim for a claim the payer already has.
    pub fn create_correction(
        &mut self,
        claim_id: i64,
        frequency: Frequency,
        original_reference: &str,
        actor: &Actor,
    ) -> Result<ClaimSummary> {
        let id =
            self.with_tx_by(actor, |tx| tx.create_correction(claim_id, frequency, original_reference, actor.source))?;
        self.claim_summary(id)
    }
}

impl Store {
    /// The lines a claim billed, in claim order, with their units: what a payer's answer
    /// (835 or EOB) is matched against.
    pub fn claim_billed_lines(&self, claim_id: i64) -> Result<Vec<(claimdesk_core::posting::BilledLine, u32)>> {
        Ok(billed_lines(self.conn(), claim_id)?.into_iter().map(|l| (l.billed, l.units)).collect())
    }
}

impl Tx<'_> {
    /// `Store::claim_data` inside a transaction.
    pub fn claim_data(&self, claim_id: i64) -> Result<ClaimData> {
        claim_data(self, claim_id)
    }

    /// `Store::claim_billed_lines` inside a transaction.
    pub fn claim_billed_lines(&self, claim_id: i64) -> Result<Vec<(claimdesk_core::posting::BilledLine, u32)>> {
        Ok(billed_lines(self, claim_id)?.into_iter().map(|l| (l.billed, l.units)).collect())
    }

    pub fn create_claim(&self, visit_id: i64, rank: u8, source: Source) -> Result<i64> {
        let visit = visits::get(self, visit_id)?;
        let patient = patients::get(self, visit.patient_id)?;
        injury_cases::refuse_held(self, visit_id)?;
        let order = policies_in_order(self, &visit, &patient)?;
        let Some(policy) = order.get(usize::from(rank.max(1)) - 1) else {
            return Err(StoreError::invalid(
                "policy",
                format!("The patient has no {} insurance on file; add it on the patient screen", rank_name(rank)),
            ));
        };
        let existing: Option<String> = self
            .prepare_cached(
                "SELECT control_number FROM claims WHERE visit_id = ?1 AND payer_rank = ?2 AND frequency = '1'
                 AND status <> 'closed'",
            )?
            .query_row(params![visit_id, rank], |r| r.get(0))
            .optional()?;
        if let Some(control) = existing {
            return Err(StoreError::Conflict(format!(
                "This visit already has a {} claim ({control}); reprint it or correct it instead",
                rank_name(rank)
            )));
        }
        let payer = payers::get(self, policy.payer_id)?;
        let policy_id = policy.id.ok_or_else(|| StoreError::Corrupt("a saved policy without an id".into()))?;
        self.insert_claim(&visit, policy_id, payer.id.unwrap_or(policy.payer_id), rank, payer.accept_assignment, source)
    }

    fn insert_claim(
        &self,
        visit: &claimdesk_core::visits::Visit,
        policy_id: i64,
        payer_id: i64,
        rank: u8,
        accept_assignment: bool,
        source: Source,
    ) -> Result<i64> {
        let visit_id = visit.id.ok_or_else(|| StoreError::Corrupt("a saved visit without an id".into()))?;
        let control = next_control_number(self)?;
        self.prepare_cached(
            "INSERT INTO claims (control_number, visit_id, policy_id, payer_id, payer_rank, status, accept_assignment,
             total_charge_cents, created_at, service_date)
             VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, 0, ?7, (SELECT service_date FROM visits WHERE id = ?2))",
        )?
        .execute(params![control, visit_id, policy_id, payer_id, rank, accept_assignment, now_utc()])?;
        let id = self.last_insert_rowid();
        let total = insert_claim_lines(self, id, visit_id, &control)?;
        self.prepare_cached("UPDATE claims SET total_charge_cents = ?1 WHERE id = ?2")?
            .execute(params![total.cents(), id])?;
        self.prepare_cached(
            "INSERT INTO claim_status_history (claim_id, from_status, to_status, changed_at, source, note)
             VALUES (?1, NULL, 'draft', ?2, ?3, 'claim built')",
        )?
        .execute(params![id, now_utc(), source.as_str()])?;
        self.note(|| {
            AuditNote::about(Record::new("claim", id), Some(visit.patient_id)).with_note(format!("claim {control}"))
        });
        Ok(id)
    }

    pub fn scrub_claim(&self, claim_id: i64, source: Source) -> Result<ScrubResult> {
        let data = claim_data(self, claim_id)?;
        let ctx = Context {
            today: self.today(),
            codes: CodeSet::bundled(),
            timely_filing_warning_days: TIMELY_FILING_WARNING_DAYS,
        };
        let all = scrubber::scrub(&data, &ctx, &overrides(self, data.payer.id.unwrap_or(0))?);
        let acknowledged: Vec<(String, String)> = self
            .prepare_cached("SELECT rule, field FROM claim_acknowledged_warnings WHERE claim_id = ?1")?
            .query_map([claim_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let findings: Vec<Finding> = all
            .into_iter()
            .filter(|f| f.severity == Severity::Error || !acknowledged.contains(&(f.rule.clone(), f.field.clone())))
            .collect();
        let errors = findings.iter().filter(|f| f.severity == Severity::Error).count() as i64;
        let warnings = findings.len() as i64 - errors;
        self.prepare_cached(
            "UPDATE claims SET scrub_errors = ?1, scrub_warnings = ?2, scrubbed_at = ?3 WHERE id = ?4",
        )?
        .execute(params![errors, warnings, now_utc(), claim_id])?;
        let mut status = data.status;
        if status == ClaimStatus::Draft && errors == 0 && warnings == 0 {
            change_status(self, claim_id, status, ClaimStatus::Ready, source, "scrubbed clean")?;
            status = ClaimStatus::Ready;
        } else if status == ClaimStatus::Ready && (errors > 0 || warnings > 0) {
            change_status(self, claim_id, status, ClaimStatus::Draft, source, "scrubber found problems")?;
            status = ClaimStatus::Draft;
        }
        Ok(ScrubResult { claim_id, status, findings })
    }

    pub fn set_claim_status(&self, claim_id: i64, next: ClaimStatus, note: &str, source: Source) -> Result<()> {
        let row = claim_row(self, claim_id)?;
        if !row.status.can_become(next) {
            return Err(StoreError::Conflict(format!(
                "Claim {} is {}; it cannot become {}",
                row.control_number,
                row.status.label(),
                next.label()
            )));
        }
        if next == ClaimStatus::Ready && self.scrub_claim(claim_id, source)?.status != ClaimStatus::Ready {
            return Err(StoreError::Conflict(format!(
                "Claim {} has scrubber problems; fix or acknowledge them first",
                row.control_number
            )));
        }
        if next != ClaimStatus::Ready {
            change_status(self, claim_id, row.status, next, source, note.trim())?;
        }
        self.note(|| AuditNote {
            record: Some(Record::new("claim", claim_id)),
            before: Some(serde_json::json!({ "status": row.status })),
            after: Some(serde_json::json!({ "status": next })),
            ..AuditNote::default()
        });
        Ok(())
    }

    pub fn mark_submitted(&self, claim_ids: &[i64], method: &str, file_name: &str, source: Source) -> Result<i64> {
        if !matches!(method, "paper" | "electronic") {
            return Err(StoreError::invalid("method", "Submission method is paper or electronic"));
        }
        let now = now_utc();
        self.prepare_cached(
            "INSERT INTO claim_batches (method, created_at, claim_count, file_name) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![method, now, claim_ids.len() as i64, file_name])?;
        let batch = self.last_insert_rowid();
        for &id in claim_ids {
            let row = claim_row(self, id)?;
            if row.status != ClaimStatus::Ready {
                return Err(StoreError::Conflict(format!(
                    "Claim {} is {}, not ready to send; nothing was marked",
                    row.control_number,
                    row.status.label()
                )));
            }
            change_status(self, id, row.status, ClaimStatus::Submitted, source, &format!("batch {batch} ({method})"))?;
            self.prepare_cached(
                "UPDATE claims SET submitted_at = ?1, submission_method = ?2, batch_id = ?3, last_printed_at =
                 CASE ?2 WHEN 'paper' THEN ?1 ELSE last_printed_at END WHERE id = ?4",
            )?
            .execute(params![now, method, batch, id])?;
        }
        Ok(batch)
    }

    pub fn create_correction(
        &self,
        claim_id: i64,
        frequency: Frequency,
        original_reference: &str,
        source: Source,
    ) -> Result<i64> {
        if frequency == Frequency::Original {
            return Err(StoreError::invalid("frequency", "A correction is a replacement (7) or a void (8)"));
        }
        let row = claim_row(self, claim_id)?;
        if !row.status.can_be_corrected() {
            return Err(StoreError::Conflict(format!(
                "Claim {} has not been sent; edit the visit instead of correcting it",
                row.control_number
            )));
        }
        let stored: String = self
            .prepare_cached("SELECT payer_claim_number FROM claims WHERE id = ?1")?
            .query_row([claim_id], |r| r.get(0))?;
        let reference = if original_reference.trim().is_empty() { stored } else { original_reference.trim().into() };
        let visit = visits::get(self, row.visit_id)?;
        let id = self.insert_claim(&visit, row.policy_id, row.payer_id, row.rank, row.accept_assignment, source)?;
        self.prepare_cached(
            "UPDATE claims SET frequency = ?1, original_reference = ?2, replaces_claim_id = ?3 WHERE id = ?4",
        )?
        .execute(params![frequency.code(), reference.to_ascii_uppercase(), claim_id, id])?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_names() {
        assert_eq!(rank_name(1), "primary");
        assert_eq!(rank_name(2), "secondary");
        assert_eq!(rank_name(3), "tertiary");
    }
}
