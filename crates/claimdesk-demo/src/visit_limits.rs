//! The chiropractic demo's visit limits, so a new user sees charge entry's counts at once:
//! a patient two visits from the plan's yearly maximum, and one under a prior authorization
//! the plan requires. Their visits are entered like any other (counts are never typed).

use crate::setup::DemoPayer;
use chrono::{NaiveDate, TimeDelta};
use claimdesk_core::plan_limits::{Authorization, PlanLimits};
use claimdesk_core::visits::{ServiceLine, Visit};
use claimdesk_core::{Money, Patient, PayerKind, Responsible, Source};
use claimdesk_store::{Result, StoreError, Tx, VisitInQuestion};

/// Which demo patients show a case of their own: the last ones registered that have no visit
/// yet and pass `fits`, never one already `taken` (the Medicare and injury showcases pick other
/// patients: Medicare ones, and the first adults with a health plan).
pub(crate) fn pick<'a>(
    tx: &Tx,
    registered: &'a [Patient],
    taken: &[i64],
    fits: impl Fn(&Patient) -> bool,
) -> Result<Option<&'a Patient>> {
    for p in registered.iter().rev() {
        let Some(id) = p.id else { continue };
        if !taken.contains(&id) && fits(p) && tx.patient_visit_count(id)? == 0 {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// Turns two demo patients on a commercial plan into the showcase (their names and member IDs
/// made recognizable) and enters their visits: 10 of a 12-visit plan year, and 2 of a 6-visit
/// authorization. A demo without two such patients gets none. Returns the patients used.
pub fn add(
    tx: &Tx,
    today: NaiveDate,
    registered: &[Patient],
    payers: &[DemoPayer],
    rendering: i64,
) -> Result<Vec<i64>> {
    let commercial = |p: &Patient| {
        p.policies.len() == 1
            && matches!(p.guarantor, Responsible::Itself)
            && payers.iter().any(|y| y.id == p.policies[0].payer_id && y.kind == PayerKind::Commercial)
    };
    let Some(first) = pick(tx, registered, &[], commercial)? else { return Ok(Vec::new()) };
    let Some(second) = pick(tx, registered, &[first.id.unwrap_or_default()], commercial)? else {
        return Ok(Vec::new());
    };

    // Plan year began 200 days ago; ten weekly visits over the last ten weeks.
    let yearly = PlanLimits {
        visits_per_plan_year: Some(12),
        plan_year_start: Some(today - TimeDelta::days(200)),
        ..PlanLimits::default()
    };
    let near_limit = showcase(tx, first, ("HARLOW", "QUINN"), "CHR4410021", yearly)?;
    for week in (1..=10).rev() {
        enter(tx, near_limit, rendering, today - TimeDelta::weeks(week))?;
    }

    // An authorization for 6 visits from three weeks ago to ten weeks ahead; two used.
    let authorized_limits = PlanLimits {
        authorization_required: true,
        authorizations: vec![Authorization {
            id: None,
            number: "AUTH-88213".into(),
            visits_authorized: 6,
            starts: Some(today - TimeDelta::days(21)),
            ends: Some(today + TimeDelta::days(70)),
            codes: vec![],
            note: "Approved by phone; reference in the plan's portal".into(),
        }],
        ..PlanLimits::default()
    };
    let authorized = showcase(tx, second, ("ELLERY", "ROWAN"), "CHR4410087", authorized_limits)?;
    for days in [14, 7] {
        enter(tx, authorized, rendering, today - TimeDelta::days(days))?;
    }
    // Sanity: the counts are what the demo promises (charge entry today counts one more).
    let next = tx.visit_allowances(&VisitInQuestion {
        patient_id: near_limit,
        visit_id: None,
        service_date: today,
        codes: vec![],
        injury_case_id: None,
    })?;
    if next.first().map(|a| a.left) != Some(1) {
        return Err(StoreError::Corrupt(format!("the demo's plan-limited patient counts {next:?}")));
    }
    Ok(vec![near_limit, authorized])
}

/// Renames a demo patient and gives their plan the limits to show.
fn showcase(
    tx: &Tx,
    patient: &Patient,
    (last, first): (&str, &str),
    member_id: &str,
    limits: PlanLimits,
) -> Result<i64> {
    let mut p = patient.clone();
    p.last_name = last.into();
    p.first_name = first.into();
    p.middle_name = String::new();
    p.policies[0].member_id = member_id.into();
    p.policies[0].limits = limits;
    let saved = tx.save_patient(&p)?;
    saved.id.ok_or_else(|| StoreError::Corrupt("a saved patient without an id".into()))
}

/// A lumbar adjustment visit (M99.03, low back pain, 98940 at the standard fee), saved: the
/// demo's chiropractic showcase visits (see also `packages`).
pub(crate) fn save_adjustment(tx: &Tx, patient_id: i64, rendering: i64, day: NaiveDate) -> Result<i64> {
    let fee = tx
        .fee_for(None, "98940", "", day)?
        .ok_or_else(|| StoreError::Corrupt(format!("the demo fee schedule has no fee for 98940 on {day}")))?;
    let visit = Visit {
        id: None,
        patient_id,
        service_date: Some(day),
        rendering_provider_id: rendering,
        referring_provider_id: None,
        facility_id: None,
        place_of_service: "11".into(),
        diagnoses: vec!["M99.03".into(), "M54.50".into()],
        lines: vec![ServiceLine {
            id: None,
            service_from: Some(day),
            service_to: None,
            code: "98940".into(),
            modifiers: vec![],
            pointers: vec![1, 2],
            units: 1,
            charge: Money::from_cents(fee.amount.cents()),
            charge_override_reason: String::new(),
            supplemental: String::new(),
            emergency: false,
        }],
        conditions: Default::default(),
        onset_date: None,
        initial_treatment_date: None,
        last_xray_date: None,
        prior_authorization: String::new(),
        additional_info: String::new(),
        abn_on_file: false,
        epsdt: None,
        episode_id: None,
        injury_case_id: None,
    };
    tx.save_visit(&visit)?.id.ok_or_else(|| StoreError::Corrupt("a saved visit without an id".into()))
}

/// An adjustment visit billed to the patient's plan on paper.
fn enter(tx: &Tx, patient_id: i64, rendering: i64, day: NaiveDate) -> Result<i64> {
    let id = save_adjustment(tx, patient_id, rendering, day)?;
    let claim = tx.create_claim(id, 1, Source::Demo)?;
    tx.scrub_claim(claim, Source::Demo)?;
    tx.mark_submitted(&[claim], "paper", "demo-chiro-limits.pdf", Source::Demo)?;
    Ok(id)
}
