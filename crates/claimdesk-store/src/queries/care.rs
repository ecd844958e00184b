//! Medicare chiropractic care (migration 16): a patient's care episodes and the ABNs they
//! signed. The rules (phase of care, an ABN's year, the modifiers) are
//! `claimdesk_core::chiro_care`'s; this module keeps the records, links visits to their
//! episode and hands the claim what the scrubber needs (`care_facts`).
//!
//! **What a visit takes from its episode.** Saving a visit linked to an episode (`episode_id`)
//! writes the episode's initiation date into the visit's `initial_treatment_date` (box 14 on
//! Medicare's form, DTP*454) and sets `abn_on_file` when an ABN valid on the date of service
//! (signed, option 1, within its year) is on file, so the form and 837P writers read the visit
//! as before. The scrubber reads the episode and ABNs afresh (`ClaimData::care`), so an ABN
//! that expired or a maintenance date entered later is caught even before the visit is saved
//! again. Saving an episode refreshes the initiation date of its visits, saving an ABN the
//! flag of the patient's episode visits, as long as their claims have not left the office.

use super::audit::{AuditNote, Record};
use crate::error::{Result, StoreError};
use crate::{now_utc, rows, Store, Tx};
use chrono::NaiveDate;
use claimdesk_core::chiro_care::{
    self, Abn, AbnOption, AbnService, AbnStatus, CareEpisode, CareFacts, CarePhase, ModifierSuggestion,
};
use claimdesk_core::visits::Visit;
use claimdesk_core::PayerKind;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// An episode as the patient's list shows it: the record, its region, and the phase today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CareEpisodeView {
    pub episode: CareEpisode,
    /// "lumbar", from the subluxation code.
    pub region: String,
    pub phase_today: CarePhase,
    /// Visits linked to it.
    pub visit_count: i64,
}

/// An ABN with where it stands today ("valid until 03/14/2027", "expired 03/14/2027").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AbnView {
    pub abn: Abn,
    pub valid_until: Option<NaiveDate>,
    pub status: AbnStatus,
    pub status_label: String,
}

const EPISODE_COLUMNS: &str = "id, patient_id, subluxation, initiation_date, maintenance_from, notes";

fn episode_row(r: &rusqlite::Row) -> rusqlite::Result<CareEpisode> {
    Ok(CareEpisode {
        id: Some(r.get(0)?),
        patient_id: r.get(1)?,
        subluxation: r.get(2)?,
        initiation_date: Some(r.get(3)?),
        maintenance_from: r.get(4)?,
        notes: r.get(5)?,
    })
}

pub(crate) fn get_episode(conn: &Connection, id: i64) -> Result<CareEpisode> {
    conn.prepare_cached(&format!("SELECT {EPISODE_COLUMNS} FROM care_episodes WHERE id = ?1"))?
        .query_row([id], episode_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("care episode {id}")))
}

fn abn_services(conn: &Connection, abn_id: i64) -> Result<Vec<AbnService>> {
    let list = conn
        .prepare_cached(
            "SELECT code, description, estimated_cost_cents FROM abn_services WHERE abn_id = ?1 ORDER BY position",
        )?
        .query_map([abn_id], |r| {
            Ok(AbnService { code: r.get(0)?, description: r.get(1)?, estimated_cost: rows::money(r, 2)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(list)
}

fn abn_row(r: &rusqlite::Row) -> rusqlite::Result<Abn> {
    let option: Option<String> = r.get(3)?;
    let option = match option {
        None => None,
        Some(text) => Some(AbnOption::parse(&text).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, "ABN option".into())
        })?),
    };
    Ok(Abn {
        id: Some(r.get(0)?),
        patient_id: r.get(1)?,
        signed_on: r.get(2)?,
        option,
        reason: r.get(4)?,
        additional_info: r.get(5)?,
        services: Vec::new(),
    })
}

const ABN_COLUMNS: &str = "id, patient_id, signed_on, option_chosen, reason, additional_info";

pub(crate) fn get_abn(conn: &Connection, id: i64) -> Result<Abn> {
    let mut abn = conn
        .prepare_cached(&format!("SELECT {ABN_COLUMNS} FROM abns WHERE id = ?1"))?
        .query_row([id], abn_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("ABN {id}")))?;
    abn.services = abn_services(conn, id)?;
    Ok(abn)
}

/// A patient's ABNs, newest signed first (unsigned ones first of all).
fn abns_of(conn: &Connection, patient_id: i64) -> Result<Vec<Abn>> {
    let mut list = conn
        .prepare_cached(&format!(
            "SELECT {ABN_COLUMNS} FROM abns WHERE patient_id = ?1 ORDER BY signed_on IS NOT NULL, signed_on DESC, id DESC"
        ))?
        .query_map([patient_id], abn_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for abn in list.iter_mut() {
        abn.services = abn_services(conn, abn.id.unwrap_or_default())?;
    }
    Ok(list)
}

fn episodes_of(conn: &Connection, patient_id: i64) -> Result<Vec<CareEpisode>> {
    let list = conn
        .prepare_cached(&format!(
            "SELECT {EPISODE_COLUMNS} FROM care_episodes WHERE patient_id = ?1 ORDER BY initiation_date DESC, id DESC"
        ))?
        .query_map([patient_id], episode_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(list)
}

/// Whether the file has migration 16 (`visits.episode_id`): a file left at an older version
/// (`Store::create_at_version`, the upgrade tests) still saves and reads visits as before.
fn has_episodes(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM schema_migrations WHERE version = 16")?
        .query_row([], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The visit's episode id (migration 16's column, read on its own so the visit's SELECT
/// stays as it is).
pub(crate) fn visit_episode_id(conn: &Connection, visit_id: i64) -> Result<Option<i64>> {
    if !has_episodes(conn)? {
        return Ok(None);
    }
    Ok(conn
        .prepare_cached("SELECT episode_id FROM visits WHERE id = ?1")?
        .query_row([visit_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// What the claim of a visit linked to an episode carries for the scrubber.
pub(crate) fn care_facts(conn: &Connection, visit: &Visit) -> Result<Option<CareFacts>> {
    let Some(episode_id) = visit.episode_id else { return Ok(None) };
    let e = get_episode(conn, episode_id)?;
    Ok(Some(CareFacts {
        episode_id,
        subluxation: e.subluxation,
        initiation_date: e.initiation_date,
        maintenance_from: e.maintenance_from,
        abns: abns_of(conn, visit.patient_id)?,
    }))
}

/// Fills what a visit linked to an episode takes from it (see the module comment); refuses an
/// episode of another patient. A visit without an episode is returned as it is.
pub(crate) fn apply_episode(conn: &Connection, mut v: Visit) -> Result<Visit> {
    let Some(episode_id) = v.episode_id else { return Ok(v) };
    let e = get_episode(conn, episode_id).map_err(|_| StoreError::invalid("episode_id", "Choose a care episode"))?;
    if e.patient_id != v.patient_id {
        return Err(StoreError::invalid("episode_id", "The care episode is another patient's"));
    }
    v.initial_treatment_date = e.initiation_date;
    if let Some(day) = v.service_date {
        let abns = abns_of(conn, v.patient_id)?;
        v.abn_on_file = chiro_care::abn_on(&abns, day).is_some_and(|a| a.status_on(day).is_valid());
    }
    Ok(v)
}

/// Writes the visit's episode link (after its header is saved).
pub(crate) fn link_visit(tx: &Tx, visit_id: i64, episode_id: Option<i64>) -> Result<()> {
    if episode_id.is_none() && !has_episodes(tx)? {
        return Ok(());
    }
    tx.prepare_cached("UPDATE visits SET episode_id = ?1 WHERE id = ?2")?.execute(params![episode_id, visit_id])?;
    Ok(())
}

/// The patient's visits linked to an episode whose claims have not left the office take the
/// ABN flag their date of service now has (an ABN signed, corrected or entered late).
fn refresh_abn_flags(tx: &Tx, patient_id: i64) -> Result<()> {
    let abns = abns_of(tx, patient_id)?;
    let visits = tx
        .prepare_cached(
            "SELECT id, service_date, abn_on_file FROM visits v WHERE patient_id = ?1 AND episode_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.visit_id = v.id
                             AND c.status NOT IN ('draft', 'ready', 'rejected'))",
        )?
        .query_map([patient_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, NaiveDate>(1)?, rows::flag(r, 2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (visit_id, day, flag) in visits {
        let now = chiro_care::abn_on(&abns, day).is_some_and(|a| a.status_on(day).is_valid());
        if now != flag {
            tx.prepare_cached("UPDATE visits SET abn_on_file = ?1 WHERE id = ?2")?.execute(params![now, visit_id])?;
        }
    }
    Ok(())
}

fn episode_view(conn: &Connection, e: CareEpisode, today: NaiveDate) -> Result<CareEpisodeView> {
    let id = e.id.unwrap_or_default();
    let visit_count: i64 =
        conn.prepare_cached("SELECT count(*) FROM visits WHERE episode_id = ?1")?.query_row([id], |r| r.get(0))?;
    Ok(CareEpisodeView {
        region: e.region().unwrap_or_default().to_string(),
        phase_today: e.phase_on(today),
        visit_count,
        episode: e,
    })
}

fn abn_view(abn: Abn, today: NaiveDate) -> AbnView {
    let status = abn.status_on(today);
    AbnView { valid_until: abn.valid_until(), status_label: status.label(), status, abn }
}

impl Store {
    /// A patient's care episodes, the newest course first, with each one's phase on `today`.
    pub fn care_episodes_for_patient(&self, patient_id: i64, today: NaiveDate) -> Result<Vec<CareEpisodeView>> {
        episodes_of(self.conn(), patient_id)?.into_iter().map(|e| episode_view(self.conn(), e, today)).collect()
    }

    pub fn get_care_episode(&self, id: i64) -> Result<CareEpisode> {
        get_episode(self.conn(), id)
    }

    /// A patient's ABNs, newest first, with where each stands on `today`.
    pub fn abns_for_patient(&self, patient_id: i64, today: NaiveDate) -> Result<Vec<AbnView>> {
        Ok(abns_of(self.conn(), patient_id)?.into_iter().map(|a| abn_view(a, today)).collect())
    }

    pub fn get_abn(&self, id: i64, today: NaiveDate) -> Result<AbnView> {
        Ok(abn_view(get_abn(self.conn(), id)?, today))
    }

    /// The phase of care of a visit's date and whether a valid ABN lists `code` then: what
    /// charge entry asks before suggesting a line's modifiers.
    pub fn care_on(&self, episode_id: i64, day: NaiveDate, code: &str) -> Result<(CarePhase, bool)> {
        let e = get_episode(self.conn(), episode_id)?;
        let abns = abns_of(self.conn(), e.patient_id)?;
        let covered = chiro_care::abn_on(&abns, day).is_some_and(|a| a.covers(code.trim(), day));
        Ok((e.phase_on(day), covered))
    }

    /// The modifiers charge entry should put on a line of a visit of this episode: the
    /// patient's primary payer (Medicare or not), the rendering provider (a chiropractor,
    /// taxonomy 111N) and the phase and ABN on the date (`chiro_care::suggest_modifiers`).
    /// None when the rules do not apply.
    pub fn suggest_care_modifiers(
        &self,
        episode_id: i64,
        day: NaiveDate,
        code: &str,
        rendering_provider_id: i64,
    ) -> Result<Option<ModifierSuggestion>> {
        let e = get_episode(self.conn(), episode_id)?;
        let patient = super::patients::get(self.conn(), e.patient_id)?;
        let medicare = match patient.policies.first() {
            Some(p) => super::payers::get(self.conn(), p.payer_id)?.kind == PayerKind::Medicare,
            None => false,
        };
        let chiropractor = super::providers::get(self.conn(), rendering_provider_id)?.taxonomy.starts_with("111N");
        let (phase, covered) = self.care_on(episode_id, day, code)?;
        Ok(chiro_care::suggest_modifiers(code, medicare, chiropractor, phase, covered))
    }

    pub fn save_care_episode(&mut self, episode: &CareEpisode) -> Result<CareEpisode> {
        self.with_tx(|tx| tx.save_care_episode(episode))
    }

    pub fn save_abn(&mut self, abn: &Abn) -> Result<Abn> {
        self.with_tx(|tx| tx.save_abn(abn))
    }
}

impl Tx<'_> {
    /// Adds or changes a care episode; its visits whose claims have not left the office take
    /// the new initiation date.
    pub fn save_care_episode(&self, episode: &CareEpisode) -> Result<CareEpisode> {
        let e = episode.validated()?;
        super::patients::get(self, e.patient_id)
            .map_err(|_| StoreError::invalid("patient_id", "Choose the patient"))?;
        let now = now_utc();
        let mut before = None;
        let id = match e.id {
            None => {
                self.prepare_cached(
                    "INSERT INTO care_episodes (patient_id, subluxation, initiation_date, maintenance_from, notes,
                     created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                )?
                .execute(params![
                    e.patient_id,
                    e.subluxation,
                    e.initiation_date,
                    e.maintenance_from,
                    e.notes,
                    now
                ])?;
                self.last_insert_rowid()
            }
            Some(id) => {
                let old = get_episode(self, id)?;
                if old.patient_id != e.patient_id {
                    return Err(StoreError::invalid("patient_id", "A care episode stays with its patient"));
                }
                self.prepare_cached(
                    "UPDATE care_episodes SET subluxation = ?1, initiation_date = ?2, maintenance_from = ?3, notes = ?4,
                     updated_at = ?5 WHERE id = ?6",
                )?
                .execute(params![e.subluxation, e.initiation_date, e.maintenance_from, e.notes, now, id])?;
                before = Some(old);
                id
            }
        };
        // Box 14 / DTP*454 of the visits not yet sent follow the episode.
        self.prepare_cached(
            "UPDATE visits SET initial_treatment_date = ?1 WHERE episode_id = ?2 AND NOT EXISTS
             (SELECT 1 FROM claims c WHERE c.visit_id = visits.id
              AND c.status NOT IN ('draft', 'ready', 'rejected'))",
        )?
        .execute(params![e.initiation_date, id])?;
        let saved = get_episode(self, id)?;
        self.note(|| {
            AuditNote::change(Record::new("care_episode", id), Some(saved.patient_id), before.as_ref(), &saved)
        });
        Ok(saved)
    }

    /// Adds or changes an ABN (the signature date and option are entered once signed).
    pub fn save_abn(&self, abn: &Abn) -> Result<Abn> {
        let a = abn.validated()?;
        super::patients::get(self, a.patient_id)
            .map_err(|_| StoreError::invalid("patient_id", "Choose the patient"))?;
        let now = now_utc();
        let option = a.option.map(|o| o.as_str());
        let mut before = None;
        let id = match a.id {
            None => {
                self.prepare_cached(
                    "INSERT INTO abns (patient_id, signed_on, option_chosen, reason, additional_info, created_at,
                     updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                )?
                .execute(params![
                    a.patient_id,
                    a.signed_on,
                    option,
                    a.reason,
                    a.additional_info,
                    now
                ])?;
                self.last_insert_rowid()
            }
            Some(id) => {
                let old = get_abn(self, id)?;
                if old.patient_id != a.patient_id {
                    return Err(StoreError::invalid("patient_id", "An ABN stays with its patient"));
                }
                self.prepare_cached(
                    "UPDATE abns SET signed_on = ?1, option_chosen = ?2, reason = ?3, additional_info = ?4,
                     updated_at = ?5 WHERE id = ?6",
                )?
                .execute(params![a.signed_on, option, a.reason, a.additional_info, now, id])?;
                self.prepare_cached("DELETE FROM abn_services WHERE abn_id = ?1")?.execute([id])?;
                before = Some(old);
                id
            }
        };
        for (i, s) in a.services.iter().enumerate() {
            self.prepare_cached(
                "INSERT INTO abn_services (abn_id, position, code, description, estimated_cost_cents)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, i as i64 + 1, s.code, s.description, s.estimated_cost.cents()])?;
        }
        let saved = get_abn(self, id)?;
        refresh_abn_flags(self, saved.patient_id)?;
        self.note(|| AuditNote::change(Record::new("abn", id), Some(saved.patient_id), before.as_ref(), &saved));
        Ok(saved)
    }
}
