//! Injury cases: visits take the case's box 10, claims go to the case's carrier with its claim
//! number, MedPay used and left, billing held until settlement, settlement posting to zero.

mod common;

use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::injury_cases::{Attorney, InjuryCase, InjuryCaseKind, InjuryCaseStatus};
use claimdesk_core::providers::PayerKind;
use claimdesk_core::{Actor, Money, Source};
use claimdesk_store::{PaymentMethod, SettlementInput, Store};
use common::*;

fn actor() -> Actor {
    Actor::user("tester", Source::App)
}

struct Setup {
    store: Store,
    patient: i64,
    provider: i64,
    health: i64,
    auto: i64,
}

fn setup(dir: &std::path::Path) -> Setup {
    let (mut store, health) = store_with_payer(dir, "injury.claimdesk");
    let auto = store.save_payer(&payer("Sooner Mutual Auto", "SMA01", PayerKind::Auto)).unwrap().id.unwrap();
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let mut p = patient("Doe", "Jane", d(1980, 5, 17));
    p.policies.push(policy(health, "XYZ123"));
    let patient = store.save_patient(&p, &actor()).unwrap().id.unwrap();
    Setup { store, patient, provider, health, auto }
}

fn auto_case(patient: i64, carrier: i64) -> InjuryCase {
    InjuryCase {
        id: None,
        patient_id: patient,
        kind: InjuryCaseKind::AutoMedpay,
        injury_date: Some(d(2026, 10, 28)),
        accident_state: "ok".into(),
        carrier_payer_id: Some(carrier),
        claim_number: "pc-778899".into(),
        adjuster_name: "Sam Adjuster".into(),
        adjuster_phone: "405-555-0199".into(),
        employer: String::new(),
        attorney: Attorney::default(),
        benefit_limit: Some(m(500_000)),
        hold_billing: false,
        status: InjuryCaseStatus::Open,
        note: String::new(),
    }
}

fn attorney_case(patient: i64) -> InjuryCase {
    InjuryCase {
        kind: InjuryCaseKind::Attorney,
        carrier_payer_id: None,
        claim_number: String::new(),
        benefit_limit: None,
        hold_billing: true,
        attorney: Attorney {
            name: "Morgan Lee".into(),
            firm: "Lee & Park LLP".into(),
            phone: "405-555-0123".into(),
            address: address("1 Court St", "Tulsa", "OK", "74103"),
        },
        ..auto_case(patient, 0)
    }
}

#[test]
fn a_case_visit_takes_box_10_and_its_claim_goes_to_the_carrier_with_the_claim_number() {
    let dir = tempfile::tempdir().unwrap();
    let Setup { mut store, patient, provider, health, auto } = setup(dir.path());
    let case = store.save_injury_case(&auto_case(patient, auto), &actor()).unwrap();
    assert_eq!(case.claim_number, "PC-778899");
    assert_eq!(store.injury_cases_for_patient(patient).unwrap(), vec![case.clone()]);
    let mut v = visit(patient, provider, d(2026, 11, 2));
    v.lines.truncate(1);
    v.injury_case_id = case.id;
    let saved = store.save_visit(&v, &actor()).unwrap();
    assert_eq!(saved.injury_case_id, case.id);
    assert!(saved.conditions.auto_accident && !saved.conditions.employment);
    assert_eq!(saved.conditions.auto_accident_state, "OK");
    assert_eq!(saved.conditions.accident_date, Some(d(2026, 10, 28)));
    // The patient's health plan stays their primary outside the case.
    assert_eq!(store.get_patient(patient).unwrap().policies.len(), 1);

    let visit_id = saved.id.unwrap();
    let claim = store.create_claim(visit_id, 1, &actor()).unwrap();
    let data = store.claim_data(claim.id).unwrap();
    assert_eq!(data.payer.id, Some(auto));
    assert_eq!(data.policy.member_id, "PC-778899");
    assert_eq!(data.property_casualty_claim_number, "PC-778899");
    assert_eq!(data.other_coverage.as_ref().map(|o| o.payer.id), Some(Some(health)), "the health plan is next");
    let second = store.create_claim(visit_id, 2, &actor()).unwrap();
    let data2 = store.claim_data(second.id).unwrap();
    assert_eq!(data2.payer.id, Some(health));
    assert_eq!(data2.property_casualty_claim_number, "", "REF*Y4 is for the carrier's claim only");

    // MedPay: the carrier pays 100.00 of the 5,000.00 limit.
    store.set_claim_status(claim.id, ClaimStatus::Ready, "", &actor()).unwrap();
    store.mark_submitted(&[claim.id], "paper", "b.pdf", &actor()).unwrap();
    store.post_eob(&eob(&claim.control_number, 10000, 2500, 0, "1"), d(2026, 11, 15), &actor()).unwrap();
    let summary = store.injury_case_summary(case.id.unwrap()).unwrap();
    assert_eq!(summary.carrier_paid, m(10000));
    assert_eq!(summary.benefit_left, Some(m(490_000)));
    assert_eq!(summary.visits, 1);
    assert_eq!(summary.carrier_name, "Sooner Mutual Auto");

    // Changing the case's claim number follows onto the claim not yet... (sent claims keep it
    // through the policy row; only what is not yet sent is re-derived).
    let mut edited = case.clone();
    edited.claim_number = "PC-1".into();
    store.save_injury_case(&edited, &actor()).unwrap();
    assert_eq!(store.claim_data(second.id).unwrap().other_coverage.unwrap().policy.member_id, "PC-1");
}

#[test]
fn a_held_attorney_case_bills_nothing_and_its_settlement_leaves_it_at_zero() {
    let dir = tempfile::tempdir().unwrap();
    let Setup { mut store, provider, .. } = setup(dir.path());
    // Uninsured: the charges are the patient's, so a statement would go out but for the hold.
    let mut p = patient("Roe", "Rita", d(1979, 1, 9));
    p.address = address("9 Elm St", "Tulsa", "OK", "74104");
    let patient = store.save_patient(&p, &actor()).unwrap().id.unwrap();
    let case = store.save_injury_case(&attorney_case(patient), &actor()).unwrap();
    let case_id = case.id.unwrap();
    let mut v = visit(patient, provider, d(2026, 11, 2));
    v.injury_case_id = Some(case_id);
    let saved = store.save_visit(&v, &actor()).unwrap();
    assert!(saved.conditions.other_accident && !saved.conditions.auto_accident);
    let refused = store.create_claim(saved.id.unwrap(), 1, &actor()).unwrap_err();
    assert_eq!(fields(refused), vec!["injury_case_id"]);
    let filter = claimdesk_store::StatementFilter {
        statement_date: d(2026, 11, 21),
        min_balance: Money::ZERO,
        days_since_last: 0,
        include_holds: true,
        include_collections: true,
        final_notice_only: false,
    };
    let candidates = store.statement_candidates(&filter).unwrap();
    let held: Vec<_> = candidates.iter().filter(|c| c.name.contains("Roe")).map(|c| c.held_out).collect();
    assert_eq!(held, vec![Some(claimdesk_store::HeldReason::InjuryCaseHeld)], "{candidates:?}");

    let ledger = store.injury_case_ledger(case_id).unwrap();
    assert_eq!(ledger.charges, m(15500));
    assert_eq!(ledger.balance, m(15500));
    let before = store.ledger_for_patient(patient).unwrap();
    let settle = |payment: i64, reduction: i64, reason: &str| SettlementInput {
        case_id,
        received_on: Some(d(2026, 11, 20)),
        method: PaymentMethod::Check,
        reference: "5521".into(),
        payment: m(payment),
        reduction: m(reduction),
        reason: reason.into(),
    };
    assert_eq!(
        fields(store.post_injury_settlement(&settle(10000, 5000, "agreed"), &actor()).unwrap_err()),
        vec!["reduction"]
    );
    assert_eq!(fields(store.post_injury_settlement(&settle(10000, 5500, ""), &actor()).unwrap_err()), vec!["reason"]);
    assert_eq!(store.ledger_for_patient(patient).unwrap(), before, "a refusal posts nothing");

    let summary =
        store.post_injury_settlement(&settle(10000, 5500, "pro rata reduction agreed with counsel"), &actor()).unwrap();
    assert_eq!(summary.balance, Money::ZERO);
    assert_eq!(summary.case.status, InjuryCaseStatus::Settled);
    assert_eq!(summary.payments, m(10000));
    assert_eq!(summary.adjustments, m(5500));
    let settlement = summary.settlement.unwrap();
    assert_eq!((settlement.payment, settlement.reduction), (m(10000), m(5500)));
    let after = store.ledger_for_patient(patient).unwrap();
    assert_eq!(&after[..before.len()], &before[..], "earlier postings are untouched");
    let lines = store.injury_case_ledger(case_id).unwrap();
    assert!(lines.lines.iter().all(|l| l.balance.is_zero()));
    // The case's ledger is the ledger: its balance is the sum of the entries on its visits.
    let on_case: Money = after.iter().filter(|e| e.visit_id == saved.id).map(|e| e.amount).sum();
    assert_eq!(on_case, lines.balance);
    // Settled: the visits may be billed again (nothing held), and a second settlement is refused.
    assert_eq!(fields(store.post_injury_settlement(&settle(1, 0, ""), &actor()).unwrap_err()), vec!["case_id"]);
}

#[test]
fn an_uninsured_patients_case_visit_is_pending_with_the_carrier_and_unlinking_keeps_box_10() {
    let dir = tempfile::tempdir().unwrap();
    let Setup { mut store, provider, auto, .. } = setup(dir.path());
    let patient = store.save_patient(&patient("Poe", "Ann", d(1990, 3, 3)), &actor()).unwrap().id.unwrap();
    let case = store.save_injury_case(&auto_case(patient, auto), &actor()).unwrap();
    let mut v = visit(patient, provider, d(2026, 11, 2));
    v.lines.truncate(1);
    v.injury_case_id = case.id;
    let saved = store.save_visit(&v, &actor()).unwrap();
    let balance = store.account_balance(patient).unwrap();
    assert_eq!((balance.insurance_pending, balance.patient_due), (m(12500), Money::ZERO), "billed to the carrier");
    let claim = store.create_claim(saved.id.unwrap(), 1, &actor()).unwrap();
    assert_eq!(store.claim_data(claim.id).unwrap().payer.id, Some(auto));
    // Taken off the case, the visit keeps what box 10 said.
    let unlinked =
        store.save_visit(&claimdesk_core::visits::Visit { injury_case_id: None, ..saved }, &actor()).unwrap();
    assert_eq!(unlinked.injury_case_id, None);
    assert!(unlinked.conditions.auto_accident);
    assert_eq!(store.injury_case_summary(case.id.unwrap()).unwrap().visits, 0);
}
