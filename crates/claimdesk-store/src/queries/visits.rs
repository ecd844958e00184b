//! Charge entry: visits (encounters) with their diagnoses (box 21) and service lines (box 24).
//!
//! A visit can be edited until one of its claims has left the office; after that the only
//! way to change what was billed is a corrected (frequency 7) or void (8) claim. Editing a
//! visit whose claim is still a draft, ready or rejected refreshes that claim's lines and
//! total and sends it back to draft, so it is scrubbed again before it goes out.

use super::audit::{AuditNote, Record};
use crate::error::{Result, StoreError};
use crate::page::{Page, PageRequest};
use crate::{now_utc, rows, Actor, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::visits::{Conditions, EpsdtReferral, ServiceLine, Visit};
use claimdesk_core::{FieldError, Invalid};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

const COLUMNS: &str = "id, patient_id, service_date, rendering_provider_id, referring_provider_id, facility_id,
    place_of_service, employment, auto_accident, auto_accident_state, other_accident, accident_date, onset_date,
    initial_treatment_date, last_xray_date, prior_authorization, additional_info, abn_on_file, epsdt_referral";

/// The most visits one request for a patient's visit list returns.
pub const VISIT_PAGE_MAX: u32 = 500;

/// One page of a patient's visits, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitPage {
    pub visits: Vec<VisitSummary>,
    /// How many visits the patient has from this page's newest back (on the first page, all of
    /// them): more than `visits` means there are earlier ones to ask for.
    pub count: i64,
}

/// One row of the unbilled-visits queue and of a patient's visit list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitSummary {
    pub id: i64,
    pub patient_id: i64,
    pub account_number: String,
    pub patient_name: String,
    pub service_date: NaiveDate,
    pub rendering_provider: String,
    pub line_count: i64,
    pub total_charge: claimdesk_core::Money,
    /// Claims built from this visit so far.
    pub claim_count: i64,
}

fn lines(conn: &Connection, visit_id: i64) -> Result<Vec<ServiceLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, service_from, service_to, code, modifier1, modifier2, modifier3, modifier4,
                pointer1, pointer2, pointer3, pointer4, units, charge_cents, charge_override_reason, supplemental, emergency
         FROM service_lines WHERE visit_id = ?1 AND removed = 0 ORDER BY position",
    )?;
    let list = stmt
        .query_map([visit_id], |r| {
            let modifiers: Vec<String> = (4..8).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<Vec<_>>>()?;
            let pointers: Vec<Option<i64>> =
                (8..12).map(|i| r.get::<_, Option<i64>>(i)).collect::<rusqlite::Result<Vec<_>>>()?;
            let units: i64 = r.get(12)?;
            Ok(ServiceLine {
                id: Some(r.get(0)?),
                service_from: Some(r.get(1)?),
                service_to: r.get(2)?,
                code: r.get(3)?,
                modifiers: modifiers.into_iter().filter(|m| !m.is_empty()).collect(),
                pointers: pointers.into_iter().flatten().map(|p| p as u8).collect(),
                units: u32::try_from(units).map_err(|_| {
                    rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Integer, "units".into())
                })?,
                charge: rows::money(r, 13)?,
                charge_override_reason: r.get(14)?,
                supplemental: r.get(15)?,
                emergency: rows::flag(r, 16)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(list)
}

fn diagnoses(conn: &Connection, visit_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT code FROM visit_diagnoses WHERE visit_id = ?1 ORDER BY position")?;
    let list = stmt.query_map([visit_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(list)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Visit> {
    let mut visit = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM visits WHERE id = ?1"))?
        .query_row([id], |r| {
            Ok(Visit {
                id: Some(r.get(0)?),
                patient_id: r.get(1)?,
                service_date: Some(r.get(2)?),
                rendering_provider_id: r.get(3)?,
                referring_provider_id: r.get(4)?,
                facility_id: r.get(5)?,
                place_of_service: r.get(6)?,
                conditions: Conditions {
                    employment: rows::flag(r, 7)?,
                    auto_accident: rows::flag(r, 8)?,
                    auto_accident_state: r.get(9)?,
                    other_accident: rows::flag(r, 10)?,
                    accident_date: r.get(11)?,
                },
                onset_date: r.get(12)?,
                initial_treatment_date: r.get(13)?,
                last_xray_date: r.get(14)?,
                prior_authorization: r.get(15)?,
                additional_info: r.get(16)?,
                abn_on_file: rows::flag(r, 17)?,
                epsdt: epsdt_referral(r, 18)?,
                episode_id: None,
                injury_case_id: None,
                diagnoses: Vec::new(),
                lines: Vec::new(),
            })
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("visit {id}")))?;
    visit.diagnoses = diagnoses(conn, id)?;
    visit.lines = lines(conn, id)?;
    visit.episode_id = super::care::visit_episode_id(conn, id)?;
    visit.injury_case_id = super::injury_cases::case_id_of_visit(conn, id)?;
    Ok(visit)
}

const SUMMARY: &str =
    "SELECT v.id, v.patient_id, p.account_number, p.last_name || ', ' || p.first_name, v.service_date,
    r.last_name || ', ' || r.first_name,
    (SELECT count(*) FROM service_lines l WHERE l.visit_id = v.id AND l.removed = 0),
    coalesce((SELECT sum(l.charge_cents) FROM service_lines l WHERE l.visit_id = v.id AND l.removed = 0), 0),
    (SELECT count(*) FROM claims c WHERE c.visit_id = v.id)
    FROM visits v JOIN patients p ON p.id = v.patient_id JOIN providers r ON r.id = v.rendering_provider_id";

fn summary(r: &rusqlite::Row) -> rusqlite::Result<VisitSummary> {
    Ok(VisitSummary {
        id: r.get(0)?,
        patient_id: r.get(1)?,
        account_number: r.get(2)?,
        patient_name: r.get(3)?,
        service_date: r.get(4)?,
        rendering_provider: r.get(5)?,
        line_count: r.get(6)?,
        total_charge: rows::money(r, 7)?,
        claim_count: r.get(8)?,
    })
}

impl Store {
    pub fn get_visit(&self, id: i64) -> Result<Visit> {
        get(self.conn(), id)
    }

    /// Saves a visit and posts its charges, done by `actor` (the charges' posting names them).
    pub fn save_visit(&mut self, visit: &Visit, actor: &Actor) -> Result<Visit> {
        self.with_tx_by(actor, |tx| tx.save_visit(visit))
    }

    /// Voids a visit (see `Tx::void_visit`).
    pub fn void_visit(&mut self, visit_id: i64, reason: &str) -> Result<()> {
        self.with_tx(|tx| tx.void_visit(visit_id, reason))
    }

    /// A patient's visits, newest first.
    pub fn list_visits_for_patient(&self, patient_id: i64) -> Result<Vec<VisitSummary>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{SUMMARY} WHERE v.patient_id = ?1 ORDER BY v.service_date DESC, v.id DESC"))?;
        let list = stmt.query_map([patient_id], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// One visit's row of the visit list (its charge total and how many claims it has).
    pub fn visit_summary(&self, id: i64) -> Result<VisitSummary> {
        self.conn()
            .prepare_cached(&format!("{SUMMARY} WHERE v.id = ?1"))?
            .query_row([id], summary)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("visit {id}")))
    }

    /// Up to `limit` of a patient's visits (at most [`VISIT_PAGE_MAX`]), newest first. `before` is
    /// the id of the oldest visit already shown: the page continues with the visits before it
    /// (None: the newest).
    pub fn visits_page(&self, patient_id: i64, before: Option<i64>, limit: u32) -> Result<VisitPage> {
        let limit = limit.clamp(1, VISIT_PAGE_MAX);
        let cursor: Option<(NaiveDate, i64)> = match before {
            None => None,
            Some(id) => Some(
                self.conn()
                    .prepare_cached("SELECT service_date, id FROM visits WHERE id = ?1 AND patient_id = ?2")?
                    .query_row([id, patient_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .ok_or_else(|| StoreError::NotFound(format!("visit {id} of this patient")))?,
            ),
        };
        // Dates are ISO text with a four-digit year: this one sorts after every real visit.
        let (day, id) = cursor.unwrap_or((NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date"), i64::MAX));
        const BEFORE: &str = "v.patient_id = ?1 AND (v.service_date < ?2 OR (v.service_date = ?2 AND v.id < ?3))";
        let count: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM visits v WHERE {BEFORE}"))?
            .query_row(params![patient_id, day, id], |r| r.get(0))?;
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{SUMMARY} WHERE {BEFORE} ORDER BY v.service_date DESC, v.id DESC LIMIT ?4"))?;
        let visits =
            stmt.query_map(params![patient_id, day, id, limit], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(VisitPage { visits, count })
    }

    /// The unbilled-visits work queue: visits with charges and no claim yet, oldest first.
    /// `billed` is kept by triggers on claims (migration 11); the queue reads the partial
    /// index of the unbilled visits, not every visit.
    pub fn list_unbilled_visits(&self) -> Result<Vec<VisitSummary>> {
        let mut stmt =
            self.conn().prepare_cached(&format!("{SUMMARY} WHERE v.billed = 0 ORDER BY v.service_date, v.id"))?;
        let list = stmt.query_map([], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// One page of the unbilled-visits queue (oldest first) and how many visits wait in all:
    /// what the Claims screen's "Unbilled visits" tab shows.
    pub fn unbilled_visits_page(&self, at: PageRequest) -> Result<Page<VisitSummary>> {
        let total: i64 = self
            .conn()
            .prepare_cached("SELECT count(*) FROM visits v WHERE v.billed = 0")?
            .query_row([], |r| r.get(0))?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "{SUMMARY} WHERE v.billed = 0 ORDER BY v.service_date, v.id LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = stmt.query_map(params![at.size(), at.offset], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Page::read(rows, total, at)
    }
}

/// The people and places a visit refers to must exist and fit their role.
fn check_references(tx: &Tx, v: &Visit) -> Result<()> {
    let mut problems = Vec::new();
    let exists = |sql: &str, id: i64| -> Result<bool> {
        Ok(tx.query_row(sql, [id], |r| r.get::<_, i64>(0)).optional()?.is_some())
    };
    if !exists("SELECT 1 FROM patients WHERE id = ?1", v.patient_id)? {
        problems.push(("patient_id", "Choose the patient".to_string()));
    }
    if !exists("SELECT 1 FROM providers WHERE id = ?1 AND is_rendering = 1", v.rendering_provider_id)? {
        problems.push(("rendering_provider_id", "Choose a rendering provider from the list".to_string()));
    }
    if let Some(id) = v.referring_provider_id {
        if !exists("SELECT 1 FROM providers WHERE id = ?1 AND is_referring = 1", id)? {
            problems.push(("referring_provider_id", "Choose a referring provider from the list".to_string()));
        }
    }
    if let Some(id) = v.facility_id {
        if !exists("SELECT 1 FROM facilities WHERE id = ?1", id)? {
            problems.push(("facility_id", "Choose a service facility from the list".to_string()));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(StoreError::Invalid(Invalid(
        problems.into_iter().map(|(field, message)| FieldError { field: field.into(), message }).collect(),
    )))
}

/// A charge that differs from the standard fee in force on the date of service needs a
/// reason, so a typo does not slip through as a discount nobody agreed to.
fn check_charge_overrides(tx: &Tx, v: &Visit) -> Result<()> {
    let mut problems = Vec::new();
    for (i, l) in v.lines.iter().enumerate() {
        let (Some(day), true) = (l.service_from, l.charge_override_reason.is_empty()) else { continue };
        let modifier = l.modifiers.first().map(String::as_str).unwrap_or("");
        if let Some(fee) = super::fee_schedule::fee_on(tx, None, &l.code, modifier, day)? {
            let expected = fee.charge_for(l.units);
            if expected != l.charge {
                problems.push(FieldError {
                    field: format!("lines[{i}].charge_override_reason"),
                    message: format!(
                        "Line {}: the fee schedule says {expected} for {} unit(s) of {}; say why the charge is {}",
                        i + 1,
                        l.units,
                        l.code,
                        l.charge
                    ),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(Invalid(problems)))
    }
}

/// Refuses to change a visit whose claim has left the office.
fn ensure_editable(tx: &Tx, visit_id: i64) -> Result<()> {
    let voided: Option<String> = tx
        .prepare_cached("SELECT voided_at FROM visits WHERE id = ?1")?
        .query_row([visit_id], |r| r.get(0))
        .optional()?
        .flatten();
    if voided.is_some() {
        return Err(StoreError::Conflict(format!("Visit {visit_id} was voided; enter a new visit instead")));
    }
    let mut stmt = tx.prepare_cached("SELECT control_number, status FROM claims WHERE visit_id = ?1")?;
    let claims = stmt
        .query_map([visit_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (control, status) in claims {
        let status =
            ClaimStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("claim status {status:?}")))?;
        if status.is_sent() {
            return Err(StoreError::Conflict(format!(
                "Claim {control} for this visit was already sent ({}); change it with a corrected claim",
                status.label()
            )));
        }
    }
    Ok(())
}

fn line_values(l: &ServiceLine) -> ([String; 4], [Option<i64>; 4]) {
    let m = |i: usize| l.modifiers.get(i).cloned().unwrap_or_default();
    let p = |i: usize| l.pointers.get(i).map(|&x| x as i64);
    ([m(0), m(1), m(2), m(3)], [p(0), p(1), p(2), p(3)])
}

impl Tx<'_> {
    /// Saves charge entry for a visit: header, diagnoses in order A-L and service lines.
    pub fn save_visit(&self, visit: &Visit) -> Result<Visit> {
        let v = visit.validated()?;
        // Box 14 / DTP*454 and the ABN flag from the visit's care episode (queries/care.rs).
        let v = super::care::apply_episode(self, v)?;
        check_references(self, &v)?;
        check_charge_overrides(self, &v)?;
        let mut before = None;
        let now = now_utc();
        let k = &v.conditions;
        let header = params![
            v.patient_id,
            v.service_date,
            v.rendering_provider_id,
            v.referring_provider_id,
            v.facility_id,
            v.place_of_service,
            k.employment,
            k.auto_accident,
            k.auto_accident_state,
            k.other_accident,
            k.accident_date,
            v.onset_date,
            v.initial_treatment_date,
            v.last_xray_date,
            v.prior_authorization,
            v.additional_info,
            v.abn_on_file,
            now,
            v.epsdt.map(|e| e.code())
        ];
        let id = match v.id {
            None => {
                self.prepare_cached("INSERT INTO visits (patient_id, service_date, rendering_provider_id, referring_provider_id, facility_id,
                     place_of_service, employment, auto_accident, auto_accident_state, other_accident, accident_date,
                     onset_date, initial_treatment_date, last_xray_date, prior_authorization, additional_info, abn_on_file,
                     created_at, updated_at, epsdt_referral)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19)")?.execute(
                    header,
                )?;
                self.last_insert_rowid()
            }
            Some(id) => {
                before = Some(get(self, id)?);
                ensure_editable(self, id)?;
                self.prepare_cached(
                    "UPDATE visits SET patient_id = ?1, service_date = ?2, rendering_provider_id = ?3,
                     referring_provider_id = ?4, facility_id = ?5, place_of_service = ?6, employment = ?7,
                     auto_accident = ?8, auto_accident_state = ?9, other_accident = ?10, accident_date = ?11,
                     onset_date = ?12, initial_treatment_date = ?13, last_xray_date = ?14, prior_authorization = ?15,
                     additional_info = ?16, abn_on_file = ?17, updated_at = ?18, epsdt_referral = ?19 WHERE id = ?20",
                )?
                // The same header values as an insert, then the visit's id (?20).
                .execute(rusqlite::params_from_iter(header.iter().copied().chain([&id as &dyn rusqlite::ToSql])))?;
                id
            }
        };
        super::care::link_visit(self, id, v.episode_id)?;
        // The injury case (migration 17): linked apart from the header; fills box 10 from the case.
        super::injury_cases::link_visit(self, id, v.injury_case_id)?;
        self.prepare_cached("DELETE FROM visit_diagnoses WHERE visit_id = ?1")?.execute([id])?;
        for (i, code) in v.diagnoses.iter().enumerate() {
            self.prepare_cached("INSERT INTO visit_diagnoses (visit_id, position, code) VALUES (?1, ?2, ?3)")?
                .execute(params![id, i as i64 + 1, code])?;
        }
        self.save_lines(id, &v.lines)?;
        super::plan_limits::link_authorization(self, id)?;
        self.post_visit_charges(id, "visit")?;
        super::claims::refresh_open_claims(self, id)?;
        let saved = get(self, id)?;
        self.note(|| AuditNote::change(Record::new("visit", id), Some(saved.patient_id), before.as_ref(), &saved));
        Ok(saved)
    }

    /// Voids a visit entered by mistake (the wrong patient or day, a visit that did not
    /// happen): its lines' charges are reversed in the ledger, claims not yet sent are closed,
    /// and it no longer counts against any visit limit or authorization. The visit stays on
    /// file with the reason. A visit whose claim has left the office is refused: that takes
    /// a void claim (frequency 8) to the payer first.
    pub fn void_visit(&self, visit_id: i64, reason: &str) -> Result<()> {
        let before = get(self, visit_id)?;
        StoreError::check_text("reason", "Reason", reason, claimdesk_core::text::max::NOTE)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::invalid(
                "reason",
                "Say why the visit is voided (e.g. entered for the wrong patient)",
            ));
        }
        let voided: bool = self
            .prepare_cached("SELECT voided_at IS NOT NULL FROM visits WHERE id = ?1")?
            .query_row([visit_id], |r| r.get(0))?;
        if voided {
            return Err(StoreError::Conflict(format!("Visit {visit_id} is already voided")));
        }
        ensure_editable(self, visit_id)?;
        let open: Vec<(i64, String)> = self
            .prepare_cached(
                "SELECT id, status FROM claims WHERE visit_id = ?1 AND status IN ('draft', 'ready', 'rejected')",
            )?
            .query_map([visit_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (claim_id, status) in open {
            let from =
                ClaimStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("claim status {status:?}")))?;
            super::claims::change_status(
                self,
                claim_id,
                from,
                ClaimStatus::Closed,
                claimdesk_core::actor::Source::App,
                "visit voided",
            )?;
        }
        self.prepare_cached(
            "UPDATE service_lines SET removed = 1, position = 2000000 + id WHERE visit_id = ?1 AND removed = 0",
        )?
        .execute([visit_id])?;
        // `billed` takes it out of the unbilled-visits queue: a voided visit is never billed.
        self.prepare_cached(
            "UPDATE visits SET voided_at = ?1, void_reason = ?2, billed = 1, updated_at = ?1 WHERE id = ?3",
        )?
        .execute(params![now_utc(), reason, visit_id])?;
        self.post_visit_charges(visit_id, "visit voided")?;
        self.return_package_visit(visit_id)?;
        self.note(|| {
            AuditNote::about(Record::new("visit", visit_id), Some(before.patient_id))
                .with_note(format!("voided: {reason}"))
        });
        Ok(())
    }

    /// Updates lines that kept their id, adds new ones and removes those no longer listed.
    fn save_lines(&self, visit_id: i64, list: &[ServiceLine]) -> Result<()> {
        let existing: Vec<i64> = self
            .prepare_cached("SELECT id FROM service_lines WHERE visit_id = ?1 AND removed = 0")?
            .query_map([visit_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for gone in existing.iter().filter(|id| !list.iter().any(|l| l.id == Some(**id))) {
            // Claim lines of open claims are rebuilt afterwards; drop their link first.
            self.prepare_cached(
                "DELETE FROM claim_lines WHERE service_line_id = ?1 AND claim_id IN
                 (SELECT id FROM claims WHERE status IN ('draft', 'ready', 'rejected'))",
            )?
            .execute([gone])?;
            // Kept, marked removed: its charge is reversed in the ledger, never deleted.
            self.prepare_cached("UPDATE service_lines SET removed = 1, position = 2000000 + id WHERE id = ?1")?
                .execute([gone])?;
        }
        // Positions move out of the way first so reordering never trips UNIQUE(visit_id, position).
        self.prepare_cached(
            "UPDATE service_lines SET position = position + 1000000 WHERE visit_id = ?1 AND removed = 0",
        )?
        .execute([visit_id])?;
        for (i, l) in list.iter().enumerate() {
            let (m, p) = line_values(l);
            let position = i as i64 + 1;
            match l.id.filter(|id| existing.contains(id)) {
                Some(line_id) => {
                    self.prepare_cached(
                        "UPDATE service_lines SET position = ?1, service_from = ?2, service_to = ?3, code = ?4,
                         modifier1 = ?5, modifier2 = ?6, modifier3 = ?7, modifier4 = ?8, pointer1 = ?9, pointer2 = ?10,
                         pointer3 = ?11, pointer4 = ?12, units = ?13, charge_cents = ?14, charge_override_reason = ?15,
                         supplemental = ?16, emergency = ?17 WHERE id = ?18",
                    )?
                    .execute(params![
                        position,
                        l.service_from,
                        l.service_to,
                        l.code,
                        m[0],
                        m[1],
                        m[2],
                        m[3],
                        p[0],
                        p[1],
                        p[2],
                        p[3],
                        l.units,
                        l.charge.cents(),
                        l.charge_override_reason,
                        l.supplemental,
                        l.emergency,
                        line_id
                    ])?;
                }
                None => {
                    self.prepare_cached(
                        "INSERT INTO service_lines (visit_id, position, service_from, service_to, code, modifier1,
                         modifier2, modifier3, modifier4, pointer1, pointer2, pointer3, pointer4, units, charge_cents,
                         charge_override_reason, supplemental, emergency)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                    )?
                    .execute(params![
                        visit_id,
                        position,
                        l.service_from,
                        l.service_to,
                        l.code,
                        m[0],
                        m[1],
                        m[2],
                        m[3],
                        p[0],
                        p[1],
                        p[2],
                        p[3],
                        l.units,
                        l.charge.cents(),
                        l.charge_override_reason,
                        l.supplemental,
                        l.emergency
                    ])?;
                }
            }
        }
        Ok(())
    }
}

/// The EPSDT referral code column (NULL: not an EPSDT visit); an unknown code is corruption.
fn epsdt_referral(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<EpsdtReferral>> {
    match r.get::<_, Option<String>>(i)? {
        None => Ok(None),
        Some(code) => EpsdtReferral::parse(&code).map(Some).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Text,
                format!("unknown EPSDT referral code {code:?}").into(),
            )
        }),
    }
}
