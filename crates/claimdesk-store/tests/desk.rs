//! The front desk and collections on a real practice file: receipts rebuilt from the file,
//! plan previews that save nothing, the rest of a plan's life (overpaid, returned check,
//! defaulted), the collections worklist, final-notice statement runs, agency payments.

mod common;
use claimdesk_store::Actor;
use common::*;

use claimdesk_core::payment_plans::{PlanFrequency, PlanStatus, PlanTerms};
use claimdesk_store::{
    ApplyTo, CollectionsFilter, MessageLevel, PaymentInput, PaymentMethod, PlanInput, PlanRecordStatus, Source,
    StatementAccount, StatementFilter, Store, StoreError,
};

fn worklist(store: &Store, days: i64, include_sent: bool) -> Vec<claimdesk_store::CollectionsAccount> {
    store
        .collections_worklist(&CollectionsFilter { days_without_payment: days, min_balance: m(500), include_sent })
        .unwrap()
}

#[test]
fn a_receipt_rebuilt_from_the_file_is_the_receipt_given_at_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "desk.claimdesk");
    store.set_today(d(2026, 11, 20));
    let input = PaymentInput {
        patient_id: patient,
        received_on: None,
        method: PaymentMethod::Check,
        reference: "1042".into(),
        amount: m(12000),
        apply: ApplyTo::OldestFirst,
    };
    let given = store.post_patient_payment(&input, &Actor::user("tester", Source::App)).unwrap();
    assert_eq!((given.applied.len(), given.unapplied, given.balance_after.patient_due), (1, m(2000), m(-2000)));
    assert_eq!(given.patient_id, patient);

    // Later activity (another payment, then the check returned) does not change the receipt.
    let second = pay(&mut store, patient, 500, d(2026, 11, 21), PaymentMethod::Cash);
    store.reverse_posting(given.posting_id, "check returned", &Actor::user("tester", Source::App)).unwrap();
    assert_eq!(store.payment_receipt(given.payment_id).unwrap(), given);

    let listed = store.account_payments(patient).unwrap();
    assert_eq!(
        listed.iter().map(|p| (p.payment_id, p.reversed)).collect::<Vec<_>>(),
        vec![(second, false), (given.payment_id, true)]
    );
    assert_eq!(listed[1].receipt_number, given.receipt_number);
    assert!(matches!(store.payment_receipt(9999).unwrap_err(), StoreError::NotFound(_)));
}

#[test]
fn a_plan_preview_is_the_schedule_create_saves_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, visit) = owing(dir.path(), "desk.claimdesk");
    let path = dir.path().join("desk.claimdesk");
    let before = dump(&path);

    // 100.00 - 10.00 down in 7 weekly: 12.85 x 6 and 12.90 on the last, summing exactly.
    let weekly = PlanInput {
        terms: PlanTerms { installments: Some(7), frequency: PlanFrequency::Weekly, ..terms() },
        visit_ids: vec![visit],
        ..input(patient)
    };
    let preview = store.preview_plan(&weekly).unwrap();
    assert_eq!(
        preview.schedule.iter().map(|i| i.amount.cents()).collect::<Vec<_>>(),
        vec![1285, 1285, 1285, 1285, 1285, 1285, 1290]
    );
    assert_eq!((preview.amount_to_finance, preview.total_of_installments), (m(9000), m(9000)));
    assert_eq!(preview.balance_available, m(10000));
    // Month-end clamping: Jan 31 -> Feb 28 -> Mar 31.
    let monthly = PlanInput { terms: PlanTerms { first_due: Some(d(2027, 1, 31)), ..terms() }, ..input(patient) };
    let dates: Vec<_> = store.preview_plan(&monthly).unwrap().schedule.iter().map(|i| i.due).collect();
    assert_eq!(dates, vec![d(2027, 1, 31), d(2027, 2, 28), d(2027, 3, 31)]);

    // Refused as create refuses it, naming the field.
    let too_much = PlanInput { terms: PlanTerms { financed: m(10001), ..terms() }, ..input(patient) };
    assert_eq!(fields(store.preview_plan(&too_much).unwrap_err()), vec!["terms.financed"]);
    let both = PlanInput { terms: PlanTerms { installment_amount: Some(m(3000)), ..terms() }, ..input(patient) };
    assert!(fields(store.preview_plan(&both).unwrap_err()).iter().all(|f| f.starts_with("terms.")));
    assert_eq!(
        fields(store.preview_plan(&PlanInput { grace_days: -1, ..input(patient) }).unwrap_err()),
        vec!["grace_days"]
    );
    assert_eq!(dump(&path), before, "previews save nothing");

    let saved = store.create_plan(&weekly).unwrap();
    assert_eq!(saved.schedule, preview.schedule);
    assert_eq!(saved.visit_ids, vec![visit]);
    assert_eq!(store.plan_coverable_balance(patient, &[visit]).unwrap(), m(10000));
    assert_eq!(store.plan_coverable_balance(patient, &[]).unwrap(), m(10000));
    assert_eq!(fields(store.plan_coverable_balance(patient, &[visit + 100]).unwrap_err()), vec!["visit_ids"]);
    assert_eq!(
        store.account_visit_balances(patient).unwrap().iter().map(|v| (v.visit_id, v.patient_due)).collect::<Vec<_>>(),
        vec![(visit, m(10000))]
    );

    // An amendment preview is what the amendment writes.
    pay(&mut store, patient, 1000, d(2026, 11, 24), PaymentMethod::Cash); // the down payment
    let new_terms = PlanTerms {
        financed: m(9000),
        down_payment: m(0),
        installments: None,
        installment_amount: Some(m(4000)),
        frequency: PlanFrequency::Monthly,
        first_due: Some(d(2027, 1, 31)),
    };
    let amended_preview = store.preview_amendment(saved.id, &new_terms).unwrap();
    assert_eq!(amended_preview.schedule.iter().map(|i| i.amount.cents()).collect::<Vec<_>>(), vec![4000, 4000, 1000]);
    let low = PlanTerms { financed: m(8000), ..new_terms.clone() };
    assert!(fields(store.preview_amendment(saved.id, &low).unwrap_err()).contains(&"terms.financed".to_string()));
    let v2 = store.amend_plan(saved.id, &new_terms).unwrap();
    assert_eq!(v2.schedule, amended_preview.schedule);
    let history = store.plan_versions(v2.id).unwrap();
    assert_eq!(
        history.iter().map(|p| (p.version, p.status)).collect::<Vec<_>>(),
        vec![(1, PlanRecordStatus::Replaced), (2, PlanRecordStatus::Active)]
    );
    assert_eq!(store.plans_for_patient(patient).unwrap().len(), 2);
    assert!(store.preview_amendment(saved.id, &new_terms).is_err(), "a replaced version cannot be amended");
}

#[test]
fn an_overpaid_plan_is_completed_with_a_credit_and_a_returned_check_makes_it_late_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "desk.claimdesk");
    let plan = store.create_plan(&input(patient)).unwrap();
    // 10.00 down + 30.00 on time, then a check for 70.00: 10.00 more than the schedule.
    pay(&mut store, patient, 4000, d(2026, 11, 30), PaymentMethod::Cash);
    store.set_today(d(2026, 12, 20));
    let check = PaymentInput {
        patient_id: patient,
        received_on: Some(d(2026, 12, 20)),
        method: PaymentMethod::Check,
        reference: "2001".into(),
        amount: m(7000),
        apply: ApplyTo::OldestFirst,
    };
    let receipt = store.post_patient_payment(&check, &Actor::user("tester", Source::App)).unwrap();
    let done = store.plan(plan.id).unwrap();
    assert_eq!(done.status, PlanRecordStatus::Completed);
    assert_eq!(done.state.overpaid, m(1000));
    assert_eq!(store.account_balance(patient).unwrap().patient_due, m(-1000), "the credit is on the account");

    // The check comes back on 01/15/2027: the 01/01 installment is unpaid again, past the grace.
    store.set_today(d(2027, 1, 15));
    store.reverse_posting(receipt.posting_id, "returned check", &Actor::user("tester", Source::App)).unwrap();
    let late = store.plan(plan.id).unwrap();
    assert_eq!(late.status, PlanRecordStatus::Delinquent);
    assert_eq!(late.state.remaining_balance, m(6000));

    // The office declares it defaulted: the remainder goes back to the regular statements.
    let ended = store.end_plan(plan.id, PlanStatus::Defaulted, "check returned, no answer").unwrap();
    assert_eq!(ended.status, PlanRecordStatus::Defaulted);
    let contact = claimdesk_store::PracticeContact::from_practice(&store.practice().unwrap());
    let s = store.statement_data(StatementAccount::Patient { patient_id: patient }, d(2027, 1, 15), &contact).unwrap();
    assert_eq!((s.plan_installment, s.amount_due_now), (None, m(6000)));
}

#[test]
fn the_collections_worklist_lists_accounts_without_payments_and_agency_payments_still_post() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "desk.claimdesk");

    // 11/23/2026: the balance became the patient's 8 days ago (the denial of 11/15), never paid.
    assert!(worklist(&store, 60, false).is_empty());
    store.set_today(d(2027, 2, 15)); // 105 days after the visit, 92 after the denial
    let rows = worklist(&store, 60, false);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!((row.patient_id, row.patient_due, row.last_payment), (patient, m(10000), None));
    assert_eq!((row.oldest_open_days, row.days_without_payment), (Some(92), Some(92)), "from the denial");
    assert_eq!(row.message_level, MessageLevel::FinalNotice);
    assert!(!row.sent_to_agency);
    assert!(worklist(&store, 93, false).is_empty(), "not yet 93 days");

    // A payment on 02/10 resets the clock; the oldest unpaid amount is still old.
    pay(&mut store, patient, 2000, d(2027, 2, 10), PaymentMethod::Cash);
    store.set_today(d(2027, 2, 15));
    assert!(worklist(&store, 60, false).is_empty());
    let recent = worklist(&store, 5, false);
    assert_eq!((recent[0].days_without_payment, recent[0].last_payment), (Some(5), Some(d(2027, 2, 10))));
    assert_eq!(recent[0].patient_due, m(8000));

    // Sent to an agency: off the worklist and off statements, the balance kept.
    store.send_to_collections(patient, "Acme Recovery").unwrap();
    assert!(worklist(&store, 5, false).is_empty());
    let sent = worklist(&store, 5, true);
    assert_eq!(
        (sent[0].sent_to_agency, sent[0].agency.as_str(), sent[0].sent_on),
        (true, "Acme Recovery", Some(d(2027, 2, 15)))
    );
    let filter = StatementFilter {
        statement_date: d(2027, 2, 15),
        min_balance: m(500),
        days_since_last: 0,
        include_holds: false,
        include_collections: false,
        final_notice_only: false,
    };
    assert!(store.statement_candidates(&filter).unwrap().is_empty());
    assert_eq!(store.account_balance(patient).unwrap().patient_due, m(8000));

    // The agency collects 30.00: a patient payment with method agency.
    pay(&mut store, patient, 3000, d(2027, 3, 1), PaymentMethod::Agency);
    assert_eq!(store.account_balance(patient).unwrap().patient_due, m(5000));
    assert_eq!(store.account_payments(patient).unwrap()[0].method, PaymentMethod::Agency);

    // Recalled: statements go out again.
    store.recall_from_collections(patient).unwrap();
    assert_eq!(store.statement_flags(patient).unwrap().1, "");
    assert_eq!(
        store.statement_candidates(&StatementFilter { statement_date: d(2027, 3, 1), ..filter }).unwrap().len(),
        1
    );
    assert!(matches!(store.recall_from_collections(9999).unwrap_err(), StoreError::NotFound(_)));
    assert_eq!(
        fields(
            store
                .collections_worklist(&CollectionsFilter {
                    days_without_payment: -1,
                    min_balance: m(0),
                    include_sent: false
                })
                .unwrap_err()
        ),
        vec!["days_without_payment"]
    );
}

#[test]
fn a_plan_kept_up_to_date_keeps_the_account_off_the_worklist_until_it_is_delinquent() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "desk.claimdesk");
    store.create_plan(&input(patient)).unwrap();
    pay(&mut store, patient, 4000, d(2026, 11, 30), PaymentMethod::Cash);
    store.set_today(d(2026, 12, 31));
    assert!(worklist(&store, 30, false).is_empty(), "on a plan, paid up");
    store.set_today(d(2027, 1, 20)); // the 01/01 installment unpaid past 10 grace days
    let rows = worklist(&store, 30, false);
    assert_eq!(rows.len(), 1);
    assert!(rows[0].plan_delinquent);
}

#[test]
fn a_final_notice_run_takes_only_accounts_whose_oldest_balance_is_past_90_days() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, old, _) = owing(dir.path(), "desk.claimdesk");
    // A second patient with a fresh balance: 30.00 self-pay charge adjusted to patient... use a
    // second visit of the same practice on 01/20/2027 through the same denial.
    let provider = store.list_providers().unwrap()[0].id.unwrap();
    let payer = store.list_payers().unwrap()[0].id.unwrap();
    let mut p = patient("Roe", "Rick", d(1975, 1, 2));
    p.policies.push(policy(payer, "ABC999"));
    let fresh = store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    store.set_today(d(2027, 1, 25));
    let (_, claim) = send_visit(&mut store, fresh, provider, d(2027, 1, 20), "c.pdf");
    let mut e = denied(&claim.control_number);
    e.lines[0].service_date = Some(d(2027, 1, 20));
    store.post_eob(&e, d(2027, 1, 25), &Actor::user("tester", Source::App)).unwrap();

    let filter = StatementFilter {
        statement_date: d(2027, 2, 15),
        min_balance: m(500),
        days_since_last: 0,
        include_holds: false,
        include_collections: false,
        final_notice_only: false,
    };
    let everyone: Vec<_> = store.statement_candidates(&filter).unwrap().into_iter().map(|c| c.account).collect();
    assert_eq!(everyone.len(), 2);
    let finals = store.statement_candidates(&StatementFilter { final_notice_only: true, ..filter.clone() }).unwrap();
    assert_eq!(
        finals.iter().map(|c| c.account).collect::<Vec<_>>(),
        vec![StatementAccount::Patient { patient_id: old }]
    );
    // The statement itself says final notice.
    let contact = claimdesk_store::PracticeContact::from_practice(&store.practice().unwrap());
    let s = store.statement_data(finals[0].account, d(2027, 2, 15), &contact).unwrap();
    assert_eq!(s.message_level, MessageLevel::FinalNotice);
    // 90 days exactly is not yet a final notice (01/31/2027 is 90 days after 11/02/2026).
    let day90 = StatementFilter { statement_date: d(2027, 1, 31), final_notice_only: true, ..filter };
    assert!(store.statement_candidates(&day90).unwrap().is_empty());
}
