//! Payment plans on a real practice file: the schedule stored, desk payments applied to the
//! oldest installment, delinquency, completion, cancelling, amending and the refusals.

mod common;
use common::*;

use claimdesk_core::payment_plans::{PlanFrequency, PlanStatus, PlanTerms};
use claimdesk_core::*;
use claimdesk_store::{PaymentMethod, PlanFilter, PlanInput, PlanRecordStatus, Store};

#[test]
fn a_plan_stores_its_schedule_and_desk_payments_pay_the_oldest_installment() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "plans.claimdesk");
    let plan = store.create_plan(&input(patient)).unwrap();
    assert_eq!((plan.version, plan.status), (1, PlanRecordStatus::Active));
    assert!(plan.plan_number.starts_with("PP"));
    let total: Money = plan.schedule.iter().map(|i| i.amount).sum();
    assert_eq!(total, m(9000), "the schedule sums to financed - down payment");
    assert_eq!(
        plan.schedule.iter().map(|i| i.due).collect::<Vec<_>>(),
        vec![d(2026, 12, 1), d(2027, 1, 1), d(2027, 2, 1)]
    );

    // Read back from the file by a fresh store.
    drop(store);
    let mut store = Store::open(&dir.path().join("plans.claimdesk")).unwrap();
    store.set_today(today());
    assert_eq!(store.plan(plan.id).unwrap().schedule, plan.schedule);

    // The down payment, then 40.00: the first installment is paid, 10.00 on the second.
    pay(&mut store, patient, 1000, d(2026, 11, 23), PaymentMethod::Cash);
    pay(&mut store, patient, 4000, d(2026, 11, 30), PaymentMethod::Cash);
    let now = store.plan(plan.id).unwrap();
    let paid: Vec<i64> = now.state.installments.iter().map(|i| i.paid.cents()).collect();
    assert_eq!(paid, vec![3000, 1000, 0]);
    assert_eq!(now.state.installments[0].paid_off_on, Some(d(2026, 11, 30)));
    assert_eq!(now.state.next_due.unwrap().amount, m(2000));
    assert_eq!(now.status, PlanRecordStatus::Active);

    // Nothing more: 01/01 + 10 grace days passes.
    store.set_today(d(2027, 1, 12));
    let late = store.plan(plan.id).unwrap();
    assert_eq!(late.status, PlanRecordStatus::Delinquent);
    assert_eq!(late.state.days_late, 11);
    assert_eq!(store.list_plans(PlanFilter::Delinquent).unwrap().len(), 1);
    assert_eq!(store.list_plans(PlanFilter::Active).unwrap().len(), 1, "delinquent plans are still running");

    // The rest is paid: completed, no longer listed as running.
    pay(&mut store, patient, 5000, d(2027, 1, 15), PaymentMethod::Cash);
    let done = store.plan(plan.id).unwrap();
    assert_eq!(done.status, PlanRecordStatus::Completed);
    assert!(done.state.remaining_balance.is_zero());
    assert!(store.list_plans(PlanFilter::Active).unwrap().is_empty());
    assert_eq!(store.list_plans(PlanFilter::All).unwrap().len(), 1);
}

#[test]
fn payments_before_the_plan_are_not_the_plans() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "plans.claimdesk");
    pay(&mut store, patient, 2000, d(2026, 11, 20), PaymentMethod::Cash);
    store.set_today(today());
    let plan =
        store.create_plan(&PlanInput { terms: PlanTerms { financed: m(8000), ..terms() }, ..input(patient) }).unwrap();
    assert!(plan.state.paid_total.is_zero());
}

#[test]
fn cancelling_ends_the_plan_and_returns_the_remainder_to_statements() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "plans.claimdesk");
    let plan = store.create_plan(&input(patient)).unwrap();
    pay(&mut store, patient, 4000, d(2026, 11, 30), PaymentMethod::Cash);
    let ended = store.end_plan(plan.id, PlanStatus::Cancelled, "patient asked").unwrap();
    assert_eq!(ended.status, PlanRecordStatus::Cancelled);
    assert_eq!(ended.state.remaining_balance, m(6000));
    assert!(ended.state.amount_due_now.is_zero() && ended.state.next_due.is_none());
    assert_eq!(ended.ended_reason, "patient asked");
    assert!(store.list_plans(PlanFilter::Active).unwrap().is_empty());
    assert!(store.end_plan(plan.id, PlanStatus::Defaulted, "again").is_err(), "already ended");
    assert_eq!(fields(store.end_plan(plan.id, PlanStatus::Active, "x").unwrap_err()), vec!["status"]);
    // The account is free for a new plan.
    let again = PlanInput { terms: PlanTerms { financed: m(6000), down_payment: m(0), ..terms() }, ..input(patient) };
    assert_eq!(store.create_plan(&again).unwrap().version, 1);
}

#[test]
fn amending_writes_version_2_and_keeps_version_1_as_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "plans.claimdesk");
    let v1 = store.create_plan(&input(patient)).unwrap();
    pay(&mut store, patient, 4000, d(2026, 11, 30), PaymentMethod::Cash); // 10.00 down + 30.00 on the first installment
    let new_terms = PlanTerms {
        financed: m(6000),
        down_payment: m(0),
        installments: None,
        installment_amount: Some(m(1500)),
        frequency: PlanFrequency::EveryTwoWeeks,
        first_due: Some(d(2026, 12, 15)),
    };
    let too_little = PlanTerms { financed: m(5000), ..new_terms.clone() };
    assert!(fields(store.amend_plan(v1.id, &too_little).unwrap_err()).contains(&"terms.financed".to_string()));

    let v2 = store.amend_plan(v1.id, &new_terms).unwrap();
    assert_eq!((v2.plan_number.as_str(), v2.version, v2.replaces_plan_id), (v1.plan_number.as_str(), 2, Some(v1.id)));
    assert_eq!(v2.schedule.len(), 4);
    assert!(v2.state.paid_total.is_zero(), "the new version starts with no payments");
    let old = store.plan(v1.id).unwrap();
    assert_eq!(old.status, PlanRecordStatus::Replaced);
    assert_eq!(old.state.paid_total, m(3000), "history kept");
    assert_eq!(old.schedule, v1.schedule);
    assert_eq!(store.list_plans(PlanFilter::Active).unwrap().iter().map(|p| p.id).collect::<Vec<_>>(), vec![v2.id]);
    assert_eq!(store.list_plans(PlanFilter::All).unwrap().len(), 2);
    assert!(store.amend_plan(v1.id, &new_terms).is_err(), "a replaced version cannot be amended");
}

#[test]
fn refusals_name_the_field_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "plans.claimdesk");
    let path = dir.path().join("plans.claimdesk");
    let before = dump(&path);
    let too_much = PlanInput { terms: PlanTerms { financed: m(10001), ..terms() }, ..input(patient) };
    assert_eq!(fields(store.create_plan(&too_much).unwrap_err()), vec!["terms.financed"]);
    let bad = PlanInput { terms: PlanTerms { installments: None, ..terms() }, ..input(patient) };
    assert_eq!(fields(store.create_plan(&bad).unwrap_err()), vec!["terms.installments"]);
    let other_visit = PlanInput { visit_ids: vec![9999], ..input(patient) };
    assert_eq!(fields(store.create_plan(&other_visit).unwrap_err()), vec!["visit_ids"]);
    assert_eq!(dump(&path), before, "nothing saved");

    store.create_plan(&input(patient)).unwrap();
    let second = PlanInput { terms: PlanTerms { financed: m(1000), down_payment: m(0), ..terms() }, ..input(patient) };
    assert_eq!(fields(store.create_plan(&second).unwrap_err()), vec!["patient_id"]);
    assert_eq!(store.list_plans(PlanFilter::All).unwrap().len(), 1);
}

#[test]
fn a_statement_asks_for_the_installment_instead_of_the_whole_balance() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "plans.claimdesk");
    let contact = claimdesk_store::PracticeContact::from_practice(&store.practice().unwrap());
    let account = claimdesk_store::StatementAccount::Patient { patient_id: patient };
    let before = store.statement_data(account, d(2026, 11, 20), &contact).unwrap();
    assert_eq!((before.amount_due_now, before.plan_installment), (m(10000), None));

    store.create_plan(&input(patient)).unwrap();
    pay(&mut store, patient, 1000, d(2026, 11, 23), PaymentMethod::Cash); // the down payment
    let on_plan = store.statement_data(account, d(2026, 11, 24), &contact).unwrap();
    // 90.00 over three months: 30.00 due 12/01, within the statement cycle.
    assert_eq!(on_plan.plan_installment, Some((m(3000), d(2026, 12, 1))));
    assert_eq!(on_plan.amount_due_now, m(3000));
    assert_eq!(on_plan.patient_balance, m(9000), "the balance is still shown");
}
