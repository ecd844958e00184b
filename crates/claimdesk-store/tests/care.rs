//! Medicare chiropractic care on a real practice file: episodes and ABNs saved and listed,
//! a visit taking box 14 and its ABN flag from its episode, the claim carrying the episode's
//! facts to the scrubber.

mod common;
use claimdesk_core::chiro_care::{Abn, AbnOption, AbnService, CareEpisode, CarePhase};
use claimdesk_core::*;
use claimdesk_store::{Actor, Source, Store, StoreError};
use common::*;

fn actor() -> Actor {
    Actor::user("tester", Source::App)
}

/// A chiropractor, a Medicare patient; returns (store, patient, provider).
fn setup(dir: &std::path::Path) -> (Store, i64, i64) {
    let mut store = Store::create(&dir.join("chiro.claimdesk"), &practice("Spine Chiropractic")).unwrap();
    store.set_today(d(2026, 11, 23));
    // Medicare's filing limit: one calendar year after the date of service (42 CFR 424.44).
    let mut medicare = payer("Medicare Part B", "MCRB1", PayerKind::Medicare);
    medicare.timely_filing_days = 365;
    let payer = store.save_payer(&medicare).unwrap().id.unwrap();
    let mut dc = provider("Moss", "1679576722");
    dc.taxonomy = "111N00000X".into();
    dc.credentials = "DC".into();
    let provider = store.save_provider(&dc).unwrap().id.unwrap();
    let mut p = patient("Doe", "Jane", d(1950, 5, 17));
    p.policies.push(policy(payer, "1EG4TE5MK73"));
    let patient = store.save_patient(&p, &actor()).unwrap().id.unwrap();
    (store, patient, provider)
}

fn episode(patient_id: i64) -> CareEpisode {
    CareEpisode {
        id: None,
        patient_id,
        subluxation: "M99.03".into(),
        initiation_date: Some(d(2026, 6, 1)),
        maintenance_from: Some(d(2026, 9, 1)),
        notes: "MMI reached 09/01".into(),
    }
}

fn abn(patient_id: i64, signed: chrono::NaiveDate) -> Abn {
    Abn {
        id: None,
        patient_id,
        signed_on: Some(signed),
        option: Some(AbnOption::BillMedicare),
        reason: chiro_care::MAINTENANCE_REASON.into(),
        services: vec![AbnService {
            code: "98940".into(),
            description: "Spinal manipulation, maintenance care".into(),
            estimated_cost: Money::from_cents(4500),
        }],
        additional_info: String::new(),
    }
}

fn chiro_visit(patient: i64, provider: i64, day: chrono::NaiveDate, episode: i64, modifier: &str) -> visits::Visit {
    let mut v = visit(patient, provider, day);
    v.diagnoses = vec!["M99.03".into(), "M54.50".into()];
    let mut l = service_line("98940", 4500, &[1, 2], day);
    l.modifiers = vec![modifier.into()];
    v.lines = vec![l];
    v.episode_id = Some(episode);
    v
}

#[test]
fn episodes_and_abns_are_saved_listed_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = setup(dir.path());
    let e = store.save_care_episode(&episode(patient)).unwrap();
    let list = store.care_episodes_for_patient(patient, d(2026, 11, 23)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].region, "lumbar");
    assert_eq!(list[0].phase_today, CarePhase::Maintenance);
    let mut changed = e.clone();
    changed.maintenance_from = None;
    store.save_care_episode(&changed).unwrap();
    assert_eq!(store.care_episodes_for_patient(patient, d(2026, 11, 23)).unwrap()[0].phase_today, CarePhase::Active);

    let a = store.save_abn(&abn(patient, d(2026, 3, 15))).unwrap();
    let views = store.abns_for_patient(patient, d(2026, 11, 23)).unwrap();
    assert_eq!(views[0].status_label, "valid until 03/14/2027");
    assert_eq!(views[0].abn.services[0].estimated_cost, Money::from_cents(4500));
    assert_eq!(store.get_abn(a.id.unwrap(), d(2027, 3, 15)).unwrap().status_label, "expired 03/14/2027");

    // Refusals name the field and change nothing.
    let path = store.path().unwrap().to_path_buf();
    let before = dump(&path);
    let mut bad = episode(patient);
    bad.subluxation = "M54.50".into();
    match store.save_care_episode(&bad) {
        Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, "subluxation"),
        other => panic!("{other:?}"),
    }
    let mut bad = abn(patient, d(2026, 3, 15));
    bad.services[0].estimated_cost = Money::ZERO;
    match store.save_abn(&bad) {
        Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, "services[0].estimated_cost"),
        other => panic!("{other:?}"),
    }
    match store.save_care_episode(&episode(9999)) {
        Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, "patient_id"),
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&path), before);
}

#[test]
fn a_visit_takes_box_14_and_its_abn_from_its_episode_and_the_claim_is_scrubbed_by_phase() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = setup(dir.path());
    let e = store.save_care_episode(&episode(patient)).unwrap().id.unwrap();

    // Active care (before 09/01): AT, box 14 = the initiation date.
    let v = store.save_visit(&chiro_visit(patient, provider, d(2026, 8, 3), e, "AT"), &actor()).unwrap();
    assert_eq!(v.episode_id, Some(e));
    assert_eq!(v.initial_treatment_date, Some(d(2026, 6, 1)));
    assert!(!v.abn_on_file);
    let claim = store.create_claim(v.id.unwrap(), 1, &actor()).unwrap();
    let data = store.claim_data(claim.id).unwrap();
    assert_eq!(data.visit.initial_treatment_date, Some(d(2026, 6, 1)));
    assert_eq!(data.care.as_ref().map(|c| c.episode_id), Some(e));
    let r = store.scrub_claim(claim.id, &actor()).unwrap();
    assert!(scrubber::is_clean(&r.findings), "{:#?}", r.findings);

    // Maintenance care with GA and no ABN: refused by the scrubber.
    let m = store.save_visit(&chiro_visit(patient, provider, d(2026, 10, 5), e, "GA"), &actor()).unwrap();
    assert!(!m.abn_on_file);
    let claim = store.create_claim(m.id.unwrap(), 1, &actor()).unwrap();
    let r = store.scrub_claim(claim.id, &actor()).unwrap();
    assert!(r.findings.iter().any(|f| f.rule == "CHIRO_MEDICARE_GA_NEEDS_ABN"), "{:#?}", r.findings);
    // The ABN signed: the same claim passes, and the visit saved again records it.
    store.save_abn(&abn(patient, d(2026, 9, 28))).unwrap();
    let r = store.scrub_claim(claim.id, &actor()).unwrap();
    assert!(scrubber::is_clean(&r.findings), "{:#?}", r.findings);
    // The visit records it (saving the ABN refreshed the flag of the episode's unsent visits).
    assert!(store.get_visit(m.id.unwrap()).unwrap().abn_on_file);
    assert!(!store.get_visit(v.id.unwrap()).unwrap().abn_on_file, "active care, before the ABN");
    let m = store.save_visit(&store.get_visit(m.id.unwrap()).unwrap(), &actor()).unwrap();
    assert!(m.abn_on_file);
    // AT on maintenance care.
    let mut at = store.get_visit(m.id.unwrap()).unwrap();
    at.lines[0].modifiers = vec!["AT".into()];
    store.save_visit(&at, &actor()).unwrap();
    let r = store.scrub_claim(claim.id, &actor()).unwrap();
    assert!(r.findings.iter().any(|f| f.rule == "CHIRO_MEDICARE_AT_ON_MAINTENANCE"), "{:#?}", r.findings);

    // The episode's initiation date changed: its unsent visits follow.
    let mut changed = store.get_care_episode(e).unwrap();
    changed.initiation_date = Some(d(2026, 5, 28));
    store.save_care_episode(&changed).unwrap();
    assert_eq!(store.get_visit(v.id.unwrap()).unwrap().initial_treatment_date, Some(d(2026, 5, 28)));

    // The phase and ABN charge entry asks about.
    assert_eq!(store.care_on(e, d(2026, 10, 5), "98940").unwrap(), (CarePhase::Maintenance, true));
    assert_eq!(store.care_on(e, d(2026, 10, 5), "98941").unwrap(), (CarePhase::Maintenance, false));
    assert_eq!(store.care_on(e, d(2026, 8, 5), "98940").unwrap(), (CarePhase::Active, false));
}

#[test]
fn a_visit_cannot_take_another_patients_episode() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = setup(dir.path());
    let other = store.save_patient(&patient_record(), &actor()).unwrap().id.unwrap();
    let e = store.save_care_episode(&episode(other)).unwrap().id.unwrap();
    match store.save_visit(&chiro_visit(patient, provider, d(2026, 8, 3), e, "AT"), &actor()) {
        Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, "episode_id"),
        other => panic!("{other:?}"),
    }
}

fn patient_record() -> Patient {
    patient("Roe", "Rick", d(1948, 2, 2))
}
