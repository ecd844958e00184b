//! Visit limits and prior authorizations on a real practice file: visits are counted from the
//! visits entered (across plan-year boundaries, voided visits given back), a visit goes under
//! the authorization that covers it with its number in box 23, and the scrubber holds claims
//! the plan would refuse.

mod common;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::plan_limits::{Authorization, PlanLimits};
use claimdesk_core::*;
use claimdesk_store::{Actor, PageRequest, Source, Store, VisitInQuestion};
use common::*;

fn tester() -> Actor {
    Actor::user("tester", Source::App)
}

fn authorization(number: &str, visits: u32, starts: chrono::NaiveDate, ends: chrono::NaiveDate) -> Authorization {
    Authorization {
        id: None,
        number: number.into(),
        visits_authorized: visits,
        starts: Some(starts),
        ends: Some(ends),
        codes: vec![],
        note: String::new(),
    }
}

/// A practice file with a chiropractic patient whose plan allows `visits` per plan year
/// starting 07/01; returns (store, patient id, provider id).
fn limited(dir: &std::path::Path, visits: u32) -> (Store, i64, i64) {
    let (mut store, payer_id) = store_with_payer(dir, "limits.claimdesk");
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let mut p = patient("Doe", "Jane", d(1980, 5, 17));
    let mut policy = policy(payer_id, "XYZ123");
    policy.limits = PlanLimits {
        visits_per_plan_year: Some(visits),
        plan_year_start: Some(d(2020, 7, 1)),
        ..PlanLimits::default()
    };
    p.policies.push(policy);
    let patient = store.save_patient(&p, &tester()).unwrap().id.unwrap();
    (store, patient, provider)
}

fn adjustment(patient: i64, provider: i64, day: chrono::NaiveDate) -> visits::Visit {
    let mut v = visit(patient, provider, day);
    v.diagnoses = vec!["M99.03".into(), "M54.50".into()];
    v.lines = vec![service_line("98940", 4500, &[1, 2], day)];
    v
}

fn enter(store: &mut Store, patient: i64, provider: i64, day: chrono::NaiveDate) -> visits::Visit {
    store.save_visit(&adjustment(patient, provider, day), &tester()).unwrap()
}

fn ask(store: &Store, patient: i64, visit_id: Option<i64>, day: chrono::NaiveDate) -> Vec<String> {
    let q = VisitInQuestion {
        patient_id: patient,
        visit_id,
        service_date: day,
        codes: vec!["98940".into()],
        injury_case_id: None,
    };
    store.visit_allowances(&q).unwrap().into_iter().map(|a| a.message).collect()
}

#[test]
fn plan_year_visits_are_counted_from_the_visits_entered_across_the_plan_year_boundary() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = limited(dir.path(), 12);
    // Four visits in the plan year ending 06/30/2026, three after 07/01/2026.
    for day in [d(2026, 3, 2), d(2026, 4, 6), d(2026, 5, 4), d(2026, 6, 30)] {
        enter(&mut store, patient, provider, day);
    }
    for day in [d(2026, 7, 1), d(2026, 8, 3), d(2026, 9, 8)] {
        enter(&mut store, patient, provider, day);
    }
    // A new visit on 11/02/2026 is the fourth of the plan year that began 07/01/2026.
    assert_eq!(ask(&store, patient, None, d(2026, 11, 2)), ["8 of 12 visits left this plan year (ends 06/30/2027)"]);
    // One on 06/30/2026 is the fifth of the year before.
    assert_eq!(ask(&store, patient, None, d(2026, 6, 30)), ["7 of 12 visits left this plan year (ends 06/30/2026)"]);
    // Editing a saved visit does not count it twice.
    let saved = enter(&mut store, patient, provider, d(2026, 11, 2));
    assert_eq!(
        ask(&store, patient, saved.id, d(2026, 11, 2)),
        ["8 of 12 visits left this plan year (ends 06/30/2027)"]
    );
}

#[test]
fn charge_entry_warns_at_two_visits_left_and_past_the_maximum() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = limited(dir.path(), 4);
    let q = |day| VisitInQuestion {
        patient_id: patient,
        visit_id: None,
        service_date: day,
        codes: vec![],
        injury_case_id: None,
    };
    assert!(!store.visit_allowances(&q(d(2026, 8, 1))).unwrap()[0].warning, "3 left after the first");
    enter(&mut store, patient, provider, d(2026, 8, 1));
    let second = store.visit_allowances(&q(d(2026, 8, 8))).unwrap();
    assert_eq!((second[0].left, second[0].warning), (2, true));
    enter(&mut store, patient, provider, d(2026, 8, 8));
    enter(&mut store, patient, provider, d(2026, 8, 15));
    enter(&mut store, patient, provider, d(2026, 8, 22));
    let fifth = store.visit_allowances(&q(d(2026, 8, 29))).unwrap();
    assert_eq!((fifth[0].used, fifth[0].left, fifth[0].warning), (5, -1, true));
    assert!(fifth[0].message.starts_with("Over the plan's 4 visits this plan year"), "{}", fifth[0].message);

    // The scrubber warns on a claim beyond the maximum, not on the last allowed one.
    let fourth = store.list_visits_for_patient(patient).unwrap()[0].id;
    let claim = store.create_claim(fourth, 1, &tester()).unwrap();
    let rules: Vec<String> =
        store.scrub_claim(claim.id, &tester()).unwrap().findings.into_iter().map(|f| f.rule).collect();
    assert!(!rules.contains(&"PLAN_YEAR_VISITS_EXCEEDED".to_string()), "{rules:?}");
    let over = enter(&mut store, patient, provider, d(2026, 8, 29)).id.unwrap();
    let claim = store.create_claim(over, 1, &tester()).unwrap();
    let rules: Vec<String> =
        store.scrub_claim(claim.id, &tester()).unwrap().findings.into_iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"PLAN_YEAR_VISITS_EXCEEDED".to_string()), "{rules:?}");
}

#[test]
fn a_voided_visit_gives_its_count_back_and_its_charges_are_reversed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = limited(dir.path(), 12);
    enter(&mut store, patient, provider, d(2026, 9, 1));
    let mistake = enter(&mut store, patient, provider, d(2026, 9, 2)).id.unwrap();
    let claim = store.create_claim(mistake, 1, &tester()).unwrap();
    assert_eq!(ask(&store, patient, None, d(2026, 9, 9)), ["9 of 12 visits left this plan year (ends 06/30/2027)"]);
    let owed = store.patient_balance(patient).unwrap();

    let blank = store.void_visit(mistake, "  ").unwrap_err();
    assert_eq!(fields(blank), ["reason"]);
    store.void_visit(mistake, "Entered for the wrong patient").unwrap();
    assert_eq!(ask(&store, patient, None, d(2026, 9, 9)), ["10 of 12 visits left this plan year (ends 06/30/2027)"]);
    // Its 45.00 charge is reversed (a new entry), the open claim closed, the queue cleared.
    let after = store.patient_balance(patient).unwrap();
    assert_eq!(owed.insurance_pending - after.insurance_pending, m(4500));
    assert_eq!(store.claim_summary(claim.id).unwrap().status, ClaimStatus::Closed);
    assert!(store.list_unbilled_visits().unwrap().iter().all(|v| v.id != mistake));
    let entries = store.ledger_for_patient(patient).unwrap();
    assert_eq!(entries.iter().filter(|e| e.visit_id == Some(mistake)).count(), 2, "charge and its reversal");
    // It cannot be edited or voided again.
    let mut v = store.get_visit(mistake).unwrap();
    v.additional_info = "late change".into();
    assert!(store.save_visit(&v, &tester()).is_err());
    assert!(store.void_visit(mistake, "again").is_err());
    // A visit that does not exist is refused.
    assert!(store.void_visit(999_999, "nothing").is_err());
}

#[test]
fn a_visit_whose_claim_was_sent_cannot_be_voided() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = billed(dir.path(), "sent.claimdesk");
    let before = dump(&dir.path().join("sent.claimdesk"));
    let refused = b.store.void_visit(b.visit, "wrong day").unwrap_err();
    assert!(refused.to_string().contains("already sent"), "{refused}");
    assert_eq!(dump(&dir.path().join("sent.claimdesk")), before);
}

/// A patient whose plan requires authorization, with one for 3 visits 01/05-03/31/2027.
fn authorized(dir: &std::path::Path) -> (Store, i64, i64) {
    let (mut store, patient, provider) = limited(dir, 30);
    let mut p = store.get_patient(patient).unwrap();
    p.policies[0].limits.authorization_required = true;
    p.policies[0].limits.authorizations = vec![authorization("au-77", 3, d(2027, 1, 5), d(2027, 3, 31))];
    store.save_patient(&p, &tester()).unwrap();
    store.set_today(d(2027, 4, 2));
    (store, patient, provider)
}

fn scrub_rules(store: &mut Store, visit_id: i64) -> Vec<String> {
    let claim = store.create_claim(visit_id, 1, &tester()).unwrap();
    store.scrub_claim(claim.id, &tester()).unwrap().findings.into_iter().map(|f| f.rule).collect()
}

#[test]
fn a_visit_goes_under_its_authorization_with_the_number_in_box_23_until_it_is_used_up() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = authorized(dir.path());
    assert_eq!(store.get_patient(patient).unwrap().policies[0].limits.authorizations[0].number, "AU-77");
    let first = enter(&mut store, patient, provider, d(2027, 1, 6));
    assert_eq!(first.prior_authorization, "AU-77", "box 23 filled by itself");
    enter(&mut store, patient, provider, d(2027, 1, 13));
    // The visit being entered uses the authorization up: 3 of 3, a warning, still covered.
    let q = VisitInQuestion {
        patient_id: patient,
        visit_id: None,
        service_date: d(2027, 1, 20),
        codes: vec![],
        injury_case_id: None,
    };
    let third = store.visit_allowances(&q).unwrap();
    let auth = third.iter().find(|a| a.authorization_number.is_some()).unwrap();
    assert_eq!(auth.message, "Authorization AU-77 3 of 3 used, ends 03/31");
    assert!(auth.warning);
    let third = enter(&mut store, patient, provider, d(2027, 1, 20)).id.unwrap();
    assert!(!scrub_rules(&mut store, third).iter().any(|r| r.starts_with("AUTHORIZATION")));
    // The fourth is beyond it: the scrubber holds the claim.
    let fourth = enter(&mut store, patient, provider, d(2027, 1, 27));
    assert_eq!(fourth.prior_authorization, "AU-77");
    let rules = scrub_rules(&mut store, fourth.id.unwrap());
    assert!(rules.contains(&"AUTHORIZATION_USED_UP".to_string()), "{rules:?}");
    let claim = store.list_claims(&claimdesk_store::ClaimQueue::All).unwrap();
    let data = store.claim_data(claim.iter().find(|c| c.visit_id == fourth.id.unwrap()).unwrap().id).unwrap();
    assert_eq!(data.visit.prior_authorization, "AU-77", "box 23 / REF*G1 read it from the visit");

    // Voiding the second gives a visit back: the fourth is now the third (re-scrubbed clean).
    let second =
        store.list_visits_for_patient(patient).unwrap().into_iter().find(|v| v.service_date == d(2027, 1, 13)).unwrap();
    store.void_visit(second.id, "did not happen").unwrap();
    let again = store.list_claims(&claimdesk_store::ClaimQueue::All).unwrap();
    let claim = again.iter().find(|c| c.visit_id == fourth.id.unwrap()).unwrap().id;
    let rules: Vec<String> =
        store.scrub_claim(claim, &tester()).unwrap().findings.into_iter().map(|f| f.rule).collect();
    assert!(!rules.contains(&"AUTHORIZATION_USED_UP".to_string()), "{rules:?}");
}

#[test]
fn a_required_authorization_that_ended_or_is_missing_holds_the_claim() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = authorized(dir.path());
    let late = enter(&mut store, patient, provider, d(2027, 4, 1));
    assert_eq!(late.prior_authorization, "", "no authorization covers 04/01");
    let rules = scrub_rules(&mut store, late.id.unwrap());
    assert!(rules.contains(&"AUTHORIZATION_EXPIRED".to_string()), "{rules:?}");
    let early = enter(&mut store, patient, provider, d(2027, 1, 2)).id.unwrap();
    let rules = scrub_rules(&mut store, early);
    assert!(rules.contains(&"AUTHORIZATION_MISSING".to_string()), "{rules:?}");

    // An authorization entered afterwards (a retro authorization) puts the unsent visits under it.
    let mut p = store.get_patient(patient).unwrap();
    p.policies[0].limits.authorizations.push(authorization("AU-78", 12, d(2027, 4, 1), d(2027, 6, 30)));
    store.save_patient(&p, &tester()).unwrap();
    assert_eq!(store.get_visit(late.id.unwrap()).unwrap().prior_authorization, "AU-78");
    let claims = store.list_claims(&claimdesk_store::ClaimQueue::All).unwrap();
    let claim = claims.iter().find(|c| c.visit_id == late.id.unwrap()).unwrap().id;
    let rules: Vec<String> =
        store.scrub_claim(claim, &tester()).unwrap().findings.into_iter().map(|f| f.rule).collect();
    assert!(!rules.iter().any(|r| r.starts_with("AUTHORIZATION")), "{rules:?}");
}

#[test]
fn an_authorization_for_some_codes_covers_only_visits_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = limited(dir.path(), 30);
    let mut p = store.get_patient(patient).unwrap();
    let mut therapy = authorization("PT-9", 6, d(2026, 9, 1), d(2026, 12, 31));
    therapy.codes = vec!["97110".into()];
    p.policies[0].limits.authorizations = vec![therapy];
    store.save_patient(&p, &tester()).unwrap();
    let plain = enter(&mut store, patient, provider, d(2026, 9, 2));
    assert_eq!(plain.prior_authorization, "");
    let mut v = adjustment(patient, provider, d(2026, 9, 3));
    v.lines.push(service_line("97110", 3500, &[1], d(2026, 9, 3)));
    assert_eq!(store.save_visit(&v, &tester()).unwrap().prior_authorization, "PT-9");
}

#[test]
fn bad_limits_name_their_fields_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = limited(dir.path(), 12);
    let before = dump(&dir.path().join("limits.claimdesk"));
    let mut p = store.get_patient(patient).unwrap();
    p.policies[0].limits.plan_year_start = None;
    p.policies[0].limits.authorizations = vec![authorization("A1", 0, d(2027, 3, 1), d(2027, 1, 1))];
    let err = store.save_patient(&p, &tester()).unwrap_err();
    assert_eq!(
        fields(err),
        [
            "policies[0].limits.plan_year_start",
            "policies[0].limits.authorizations[0].visits_authorized",
            "policies[0].limits.authorizations[0].ends"
        ]
    );
    assert_eq!(dump(&dir.path().join("limits.claimdesk")), before);
    let missing = VisitInQuestion {
        patient_id: 4242,
        visit_id: None,
        service_date: d(2026, 9, 1),
        codes: vec![],
        injury_case_id: None,
    };
    assert!(store.visit_allowances(&missing).is_err());
}

#[test]
fn the_worklist_lists_patients_near_their_limits_fewest_left_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = limited(dir.path(), 3);
    store.set_today(d(2026, 9, 30));
    let empty = store.near_limit_worklist(d(2026, 9, 30), PageRequest::new(0, 100)).unwrap();
    assert!(empty.rows.is_empty(), "3 left is not near");
    enter(&mut store, patient, provider, d(2026, 9, 1));
    let page = store.near_limit_worklist(d(2026, 9, 30), PageRequest::new(0, 100)).unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].patient_name, "Doe, Jane");
    assert_eq!(page.rows[0].allowance.message, "2 of 3 visits left this plan year (ends 06/30/2027)");
}

#[test]
fn visits_billed_to_an_injury_case_carrier_use_none_of_the_health_plans_visits() {
    use claimdesk_core::injury_cases::{Attorney, InjuryCase, InjuryCaseKind, InjuryCaseStatus};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = limited(dir.path(), 12);
    let carrier = store.save_payer(&payer("Sooner Mutual Auto", "SMA01", PayerKind::Auto)).unwrap().id.unwrap();
    let case = store
        .save_injury_case(
            &InjuryCase {
                id: None,
                patient_id: patient,
                kind: InjuryCaseKind::AutoPip,
                injury_date: Some(d(2026, 8, 28)),
                accident_state: "TX".into(),
                carrier_payer_id: Some(carrier),
                claim_number: "PC-1".into(),
                adjuster_name: String::new(),
                adjuster_phone: String::new(),
                employer: String::new(),
                attorney: Attorney::default(),
                benefit_limit: None,
                hold_billing: false,
                status: InjuryCaseStatus::Open,
                note: String::new(),
            },
            &tester(),
        )
        .unwrap()
        .id
        .unwrap();
    enter(&mut store, patient, provider, d(2026, 9, 1));
    let mut crash = adjustment(patient, provider, d(2026, 9, 2));
    crash.injury_case_id = Some(case);
    store.save_visit(&crash, &tester()).unwrap();
    // One visit of the health plan's counted; the case's visit is the auto carrier's.
    assert_eq!(ask(&store, patient, None, d(2026, 9, 9)), ["10 of 12 visits left this plan year (ends 06/30/2027)"]);
    let q = VisitInQuestion {
        patient_id: patient,
        visit_id: None,
        service_date: d(2026, 9, 9),
        codes: vec![],
        injury_case_id: Some(case),
    };
    assert!(store.visit_allowances(&q).unwrap().is_empty(), "a case visit shows no health-plan limit");
}
