//! The chiropractic demo's injury cases: an auto accident billed to the auto carrier's PIP
//! coverage with a limit, a workers' compensation injury billed to the comp carrier, and a
//! personal injury case whose attorney will pay from the settlement (billing held). Each
//! case has a few visits (exam, then adjustments and therapy); the carrier cases' visits get
//! their claims built and scrubbed like any other.

use crate::setup::DemoPayer;
use chrono::{Duration, NaiveDate};
use claimdesk_core::address::Address;
use claimdesk_core::coding;
use claimdesk_core::injury_cases::{Attorney, InjuryCase, InjuryCaseKind, InjuryCaseStatus};
use claimdesk_core::providers::PayerKind;
use claimdesk_core::visits::{ServiceLine, Visit};
use claimdesk_core::{Money, Patient, Source};
use claimdesk_store::{Result, StoreError, Tx};

/// The diagnoses of the demo's injury visits (sprains of the neck and low back, the
/// subluxations they go with).
pub(crate) const DIAGNOSES: [&str; 4] = ["M99.01", "M99.03", "S13.4XXA", "S33.5XXA"];

/// What the demo made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InjuryDemo {
    pub cases: usize,
    pub visits: usize,
    pub claims: usize,
}

fn adult_with_health_plan(p: &Patient, today: NaiveDate, payers: &[DemoPayer]) -> bool {
    let adult = p.birth_date.is_some_and(|b| (today - b).num_days() > 20 * 366 && (today - b).num_days() < 64 * 365);
    let kind = p.policies.first().and_then(|pol| payers.iter().find(|d| d.id == pol.payer_id)).map(|d| d.kind);
    adult && matches!(kind, Some(PayerKind::Commercial | PayerKind::Bcbs | PayerKind::GroupHealth))
}

fn visit(tx: &Tx, patient: &Patient, provider: i64, day: NaiveDate, first: bool, case_id: i64) -> Result<Visit> {
    // Subluxations first (M99.01 cervical, M99.03 lumbar), then the sprains; the spinal
    // manipulation's level follows the regions diagnosed, as the rest of the demo bills it.
    let cmt = coding::cmt_code_for_regions(coding::spinal_regions(&DIAGNOSES)).unwrap_or("98940");
    let mut codes: Vec<(&str, Vec<&str>, Vec<u8>)> = Vec::new();
    if first {
        codes.push(("99203", vec!["25"], vec![1, 2, 3, 4]));
    }
    codes.push((cmt, vec![], vec![1, 2, 3, 4]));
    codes.push(("97140", vec!["GP", "59"], vec![3, 4]));
    let mut lines = Vec::new();
    for (code, modifiers, pointers) in codes {
        let fee = tx
            .fee_for(None, code, modifiers.first().copied().unwrap_or(""), day)?
            .ok_or_else(|| StoreError::Corrupt(format!("the demo fee schedule has no fee for {code} on {day}")))?;
        lines.push(ServiceLine {
            id: None,
            service_from: Some(day),
            service_to: None,
            code: (*code).into(),
            modifiers: modifiers.iter().map(|m| m.to_string()).collect(),
            pointers,
            units: 1,
            charge: fee.amount,
            charge_override_reason: String::new(),
            supplemental: String::new(),
            emergency: false,
        });
    }
    tx.save_visit(&Visit {
        id: None,
        patient_id: patient.id.unwrap_or_default(),
        service_date: Some(day),
        rendering_provider_id: provider,
        referring_provider_id: None,
        facility_id: None,
        place_of_service: "11".into(),
        diagnoses: DIAGNOSES.iter().map(|d| d.to_string()).collect(),
        lines,
        conditions: Default::default(),
        onset_date: None,
        initial_treatment_date: None,
        last_xray_date: None,
        prior_authorization: String::new(),
        additional_info: String::new(),
        abn_on_file: false,
        injury_case_id: Some(case_id),
        episode_id: None,
        epsdt: None,
    })
}

/// Adds the three cases to a chiropractic demo (inside its transaction, dated `today`).
pub(crate) fn add(
    tx: &Tx,
    today: NaiveDate,
    payers: &[DemoPayer],
    patients: &[Patient],
    rendering: &[i64],
) -> Result<InjuryDemo> {
    let carrier = |kind: PayerKind| payers.iter().find(|p| p.kind == kind).map(|p| p.id);
    let chosen: Vec<&Patient> = patients.iter().filter(|p| adult_with_health_plan(p, today, payers)).take(3).collect();
    let (Some(&provider), [auto_patient, wc_patient, pi_patient]) = (rendering.first(), chosen.as_slice()) else {
        return Ok(InjuryDemo::default());
    };
    let state =
        |p: &Patient| if p.address.state.trim().is_empty() { "TX".to_string() } else { p.address.state.clone() };
    let base = |p: &Patient, kind: InjuryCaseKind, days_ago: i64| InjuryCase {
        id: None,
        patient_id: p.id.unwrap_or_default(),
        kind,
        injury_date: Some(today - Duration::days(days_ago)),
        accident_state: state(p),
        carrier_payer_id: None,
        claim_number: String::new(),
        adjuster_name: String::new(),
        adjuster_phone: String::new(),
        employer: String::new(),
        attorney: Attorney::default(),
        benefit_limit: None,
        hold_billing: false,
        status: InjuryCaseStatus::Open,
        note: String::new(),
    };
    let cases = [
        (
            *auto_patient,
            InjuryCase {
                carrier_payer_id: carrier(PayerKind::Auto),
                claim_number: "PIP-26-004417".into(),
                adjuster_name: "Dana Whitfield".into(),
                adjuster_phone: "713-555-0142".into(),
                benefit_limit: Some(Money::from_cents(250_000)),
                ..base(auto_patient, InjuryCaseKind::AutoPip, 45)
            },
            true,
        ),
        (
            *wc_patient,
            InjuryCase {
                carrier_payer_id: carrier(PayerKind::WorkersComp),
                claim_number: "WC-2026-118230".into(),
                adjuster_name: "Luis Ortega".into(),
                adjuster_phone: "512-555-0177".into(),
                employer: "Lone Star Freight Lines".into(),
                ..base(wc_patient, InjuryCaseKind::WorkersComp, 38)
            },
            true,
        ),
        (
            *pi_patient,
            InjuryCase {
                hold_billing: true,
                attorney: Attorney {
                    name: "Morgan Lee".into(),
                    firm: "Lee & Park Injury Law".into(),
                    phone: "512-555-0123".into(),
                    address: Address {
                        line1: "600 Congress Ave Ste 1400".into(),
                        line2: String::new(),
                        city: "Austin".into(),
                        state: "TX".into(),
                        zip: "78701".into(),
                    },
                },
                note: "Slip and fall at a grocery store; letter of protection signed.".into(),
                ..base(pi_patient, InjuryCaseKind::Attorney, 52)
            },
            false,
        ),
    ];
    let mut made = InjuryDemo::default();
    for (patient, case, bill) in cases {
        if case.kind.needs_carrier() && case.carrier_payer_id.is_none() {
            continue;
        }
        let saved = tx.save_injury_case(&case)?;
        let case_id = saved.id.ok_or_else(|| StoreError::Corrupt("a saved case without an id".into()))?;
        made.cases += 1;
        let first = saved.injury_date.unwrap_or(today) + Duration::days(3);
        for n in 0..4 {
            let day = first + Duration::days(7 * n);
            if day >= today {
                break;
            }
            let v = visit(tx, patient, provider, day, n == 0, case_id)?;
            made.visits += 1;
            if bill {
                let visit_id = v.id.ok_or_else(|| StoreError::Corrupt("a saved visit without an id".into()))?;
                let claim = tx.create_claim(visit_id, 1, Source::Demo)?;
                tx.scrub_claim(claim, Source::Demo)?;
                made.claims += 1;
            }
        }
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use crate::{demo_practice, populate_with, DemoActivity, DemoOptions, Specialty};
    use claimdesk_core::injury_cases::InjuryCaseKind;
    use claimdesk_store::{SearchOptions, Store};

    #[test]
    fn the_chiro_demo_has_an_auto_a_workers_comp_and_a_held_attorney_case() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let options = DemoOptions { specialty: Specialty::Chiro, patients: 60, seed: 2, today };
        let mut store = Store::open_in_memory(&demo_practice(Specialty::Chiro)).unwrap();
        store.set_today(today);
        populate_with(&mut store, &options, &DemoActivity { visits: 40 }).unwrap();
        let everyone = SearchOptions { limit: 500, include_inactive: true };
        let mut cases = Vec::new();
        for p in store.search_patients("", &everyone).unwrap() {
            cases.extend(store.injury_cases_for_patient(p.id).unwrap());
        }
        let kinds: Vec<InjuryCaseKind> = cases.iter().map(|c| c.kind).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        for kind in [InjuryCaseKind::AutoPip, InjuryCaseKind::WorkersComp, InjuryCaseKind::Attorney] {
            assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
        }
        for case in &cases {
            let summary = store.injury_case_summary(case.id.unwrap()).unwrap();
            assert!(summary.visits >= 3, "{summary:?}");
            assert!(summary.balance > claimdesk_core::Money::ZERO);
            assert_eq!(case.hold_billing, case.kind == InjuryCaseKind::Attorney);
        }
        let auto = cases.iter().find(|c| c.kind == InjuryCaseKind::AutoPip).unwrap();
        assert_eq!(store.injury_case_summary(auto.id.unwrap()).unwrap().benefit_left, auto.benefit_limit);
    }

    #[test]
    fn injury_diagnoses_are_billable_codes() {
        let codes = claimdesk_core::icd10::CodeSet::bundled();
        for code in super::DIAGNOSES {
            let found = codes.get(code).unwrap_or_else(|| panic!("{code} is not in the code set"));
            assert!(found.billable, "{code} is a header, not a billable code");
        }
    }
}
