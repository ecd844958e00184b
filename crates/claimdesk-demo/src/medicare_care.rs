//! Medicare chiropractic care in the chiropractic demo: three Medicare patients with a care
//! episode each, their visits linked to it and billed (`claimdesk_core::chiro_care`):
//! - active care: the episode still corrective, spinal manipulation with AT;
//! - maintenance care with a signed ABN (option 1, listing the manipulation with its
//!   estimated cost): GA;
//! - maintenance care without an ABN: GZ.
//!
//! The modifiers are the ones charge entry suggests (`chiro_care::suggest_modifiers`), so the
//! demo shows the rule, not a copy of it. Everything goes through the store's writes; the
//! claims are built and scrubbed (they come out ready).

use crate::setup::DemoPayer;
use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use claimdesk_core::chiro_care::{self, Abn, AbnOption, AbnService, CareEpisode};
use claimdesk_core::visits::{ServiceLine, Visit};
use claimdesk_core::{Money, Patient, PayerKind};
use claimdesk_store::{Result, Source, StoreError, Tx};

/// How many visits, episodes, ABNs and claims were added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MedicareCare {
    pub episodes: usize,
    pub abns: usize,
    pub visits: usize,
    pub claims: usize,
}

/// The weekday on or before `d`.
fn weekday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d - TimeDelta::days(1),
        Weekday::Sun => d - TimeDelta::days(2),
        _ => d,
    }
}

struct Course {
    /// Days before today: the episode's start, maintenance from (None = active), the ABN
    /// signed (None = no ABN), the visits.
    started: i64,
    maintenance: Option<i64>,
    abn: Option<i64>,
    visits: &'static [i64],
    diagnoses: &'static [&'static str],
    cmt: &'static str,
    note: &'static str,
}

const COURSES: [Course; 3] = [
    Course {
        started: 40,
        maintenance: None,
        abn: None,
        visits: &[40, 33, 26, 19, 12],
        diagnoses: &["M99.03", "M54.50"],
        cmt: "98940",
        note: "Acute low back pain; corrective care three times a week, re-examine in 30 days.",
    },
    Course {
        started: 170,
        maintenance: Some(75),
        abn: Some(77),
        visits: &[70, 49, 28, 7],
        diagnoses: &["M99.01", "M99.02", "M99.03", "M54.2"],
        cmt: "98941",
        note: "Maximum therapeutic improvement reached; monthly supportive care.",
    },
    Course {
        started: 150,
        maintenance: Some(60),
        abn: None,
        visits: &[45, 24],
        diagnoses: &["M99.03", "M54.50"],
        cmt: "98940",
        note: "Plateaued; patient declined to sign an ABN and continues maintenance visits.",
    },
];

/// Adds the three courses of care to Medicare patients of the demo (the last three whose
/// primary payer is Medicare and whose policy covers the whole course); fewer when the demo
/// has fewer such patients.
pub fn add(
    tx: &Tx,
    payers: &[DemoPayer],
    patients: &[Patient],
    rendering: &[i64],
    today: NaiveDate,
) -> Result<MedicareCare> {
    let mut done = MedicareCare::default();
    let Some(&provider) = rendering.first() else { return Ok(done) };
    let medicare = |p: &Patient| {
        let policy = p.policies.first();
        let kind = policy.and_then(|pol| payers.iter().find(|d| d.id == pol.payer_id)).map(|d| d.kind);
        kind == Some(PayerKind::Medicare)
            && policy.is_some_and(|pol| {
                pol.effective_from.is_none_or(|f| f <= today - TimeDelta::days(200))
                    && pol.effective_to.is_none_or(|t| t >= today)
            })
    };
    let chosen: Vec<&Patient> = patients.iter().rev().filter(|p| medicare(p)).take(COURSES.len()).collect();
    for (course, patient) in COURSES.iter().zip(chosen) {
        let patient_id = patient.id.ok_or_else(|| StoreError::Corrupt("a saved patient without an id".into()))?;
        let day = |back: i64| weekday(today - TimeDelta::days(back));
        let episode = tx.save_care_episode(&CareEpisode {
            id: None,
            patient_id,
            subluxation: course.diagnoses[0].into(),
            initiation_date: Some(day(course.started)),
            maintenance_from: course.maintenance.map(day),
            notes: course.note.into(),
        })?;
        done.episodes += 1;
        let fee = |code: &str, on: NaiveDate| -> Result<Money> {
            Ok(tx
                .fee_for(None, code, "", on)?
                .ok_or_else(|| StoreError::Corrupt(format!("the demo fee schedule has no fee for {code}")))?
                .amount)
        };
        let abn = match course.abn {
            None => None,
            Some(back) => {
                let signed = day(back);
                let saved = tx.save_abn(&Abn {
                    id: None,
                    patient_id,
                    signed_on: Some(signed),
                    option: Some(AbnOption::BillMedicare),
                    reason: chiro_care::MAINTENANCE_REASON.into(),
                    services: vec![AbnService {
                        code: course.cmt.into(),
                        description: "Spinal manipulation (adjustment), maintenance care".into(),
                        estimated_cost: fee(course.cmt, signed)?,
                    }],
                    additional_info: "This notice covers maintenance visits for one year from the date signed.".into(),
                })?;
                done.abns += 1;
                Some(saved)
            }
        };
        let pointers: Vec<u8> = (1..=course.diagnoses.len().min(4) as u8).collect();
        for &back in course.visits {
            let on = day(back);
            let phase = episode.phase_on(on);
            let covered = abn.as_ref().is_some_and(|a| a.covers(course.cmt, on));
            let modifiers = chiro_care::suggest_modifiers(course.cmt, true, true, phase, covered)
                .map(|s| s.applied_to(&[]))
                .unwrap_or_default();
            let visit = Visit {
                id: None,
                patient_id,
                service_date: Some(on),
                rendering_provider_id: provider,
                referring_provider_id: None,
                facility_id: None,
                place_of_service: "11".into(),
                diagnoses: course.diagnoses.iter().map(|d| d.to_string()).collect(),
                lines: vec![ServiceLine {
                    id: None,
                    service_from: Some(on),
                    service_to: None,
                    code: course.cmt.into(),
                    modifiers,
                    pointers: pointers.clone(),
                    units: 1,
                    charge: fee(course.cmt, on)?,
                    charge_override_reason: String::new(),
                    supplemental: String::new(),
                    emergency: false,
                }],
                conditions: Default::default(),
                onset_date: None,
                // Filled from the episode when saved (box 14 / DTP*454), as is abn_on_file.
                initial_treatment_date: None,
                last_xray_date: None,
                prior_authorization: String::new(),
                additional_info: String::new(),
                abn_on_file: false,
                episode_id: episode.id,
                injury_case_id: None,
                epsdt: None,
            };
            let saved = tx.save_visit(&visit)?;
            done.visits += 1;
            let visit_id = saved.id.ok_or_else(|| StoreError::Corrupt("a saved visit without an id".into()))?;
            let claim = tx.create_claim(visit_id, 1, Source::Demo)?;
            tx.scrub_claim(claim, Source::Demo)?;
            done.claims += 1;
        }
    }
    Ok(done)
}
