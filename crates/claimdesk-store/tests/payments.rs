//! Money from patients on a real practice file: payments applied oldest first, credits and
//! refunds, copays at check-in, reversals; and the ledger's invariants under random activity.

mod common;
use claimdesk_store::Actor;
use common::*;

use claimdesk_core::*;
use claimdesk_store::{ApplyTo, PaymentInput, PaymentMethod, Source, StoreError};
use proptest::prelude::*;

fn payment(patient_id: i64, cents: i64, method: PaymentMethod, reference: &str, apply: ApplyTo) -> PaymentInput {
    PaymentInput {
        patient_id,
        received_on: Some(d(2026, 11, 20)),
        method,
        reference: reference.into(),
        amount: m(cents),
        apply,
    }
}

#[test]
fn a_payment_pays_the_oldest_balance_and_the_rest_is_a_credit_that_can_be_refunded() {
    let dir = tempfile::tempdir().unwrap();
    let Billed { mut store, patient, control, .. } = billed(dir.path(), "payments.claimdesk");
    store
        .post_eob(&eob(&control, 7000, 2500, 3000, "2"), d(2026, 11, 15), &Actor::user("tester", Source::App))
        .unwrap();
    assert_eq!(store.account_balance(patient).unwrap().patient_due, m(3000));

    let receipt = store
        .post_patient_payment(
            &payment(patient, 5000, PaymentMethod::Check, "1042", ApplyTo::OldestFirst),
            &Actor::user("tester", Source::App),
        )
        .unwrap();
    assert_eq!(receipt.applied.len(), 1);
    assert_eq!((receipt.applied[0].amount, receipt.unapplied), (m(3000), m(2000)));
    assert_eq!(receipt.balance_after.patient_due, m(-2000), "a 20.00 credit");
    assert!(receipt.receipt_number.starts_with('R'));

    assert!(
        store.refund_credit(patient, m(2500), "chk 77", "overpaid", &Actor::user("tester", Source::App)).is_err(),
        "more than the credit"
    );
    let after =
        store.refund_credit(patient, m(2000), "chk 77", "overpaid", &Actor::user("tester", Source::App)).unwrap();
    assert_eq!((after.patient_due, after.insurance_pending), (m(0), m(0)));
}

#[test]
fn a_copay_at_check_in_nets_against_the_copay_the_payer_assigns() {
    let dir = tempfile::tempdir().unwrap();
    let Billed { mut store, patient, control, .. } = billed(dir.path(), "payments.claimdesk");
    store
        .post_patient_payment(
            &payment(patient, 2500, PaymentMethod::Cash, "", ApplyTo::Copay { visit_id: None }),
            &Actor::user("tester", Source::App),
        )
        .unwrap();
    store
        .post_eob(&eob(&control, 7500, 2500, 2500, "3"), d(2026, 11, 15), &Actor::user("tester", Source::App))
        .unwrap();
    let b = store.account_balance(patient).unwrap();
    assert_eq!((b.insurance_pending, b.patient_due, b.total), (m(0), m(0), m(0)));
}

#[test]
fn bad_payments_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Billed { mut store, patient, .. } = billed(dir.path(), "payments.claimdesk");
    let path = store.path().unwrap().to_path_buf();
    let before = dump(&path);
    let cases = [
        (payment(patient, 0, PaymentMethod::Cash, "", ApplyTo::OldestFirst), "amount"),
        (payment(patient, 1000, PaymentMethod::Check, " ", ApplyTo::OldestFirst), "reference"),
        (payment(patient, 1000, PaymentMethod::Card, "4111 1111 1111 1111", ApplyTo::OldestFirst), "reference"),
        (payment(9999, 1000, PaymentMethod::Cash, "", ApplyTo::OldestFirst), "patient_id"),
        // A visit that does not exist is refused, never taken as a credit on the account.
        (payment(patient, 1000, PaymentMethod::Cash, "", ApplyTo::Copay { visit_id: Some(99_999) }), "apply.visit_id"),
        (
            payment(patient, 1000, PaymentMethod::Cash, "", ApplyTo::Visits { visit_ids: vec![99_999] }),
            "apply.visit_ids",
        ),
        (payment(patient, 1000, PaymentMethod::Cash, "", ApplyTo::Visits { visit_ids: vec![] }), "apply.visit_ids"),
    ];
    for (bad, field) in cases {
        match store.post_patient_payment(&bad, &Actor::user("tester", Source::App)) {
            Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, field),
            other => panic!("expected a refusal naming {field}, got {other:?}"),
        }
    }
    assert_eq!(dump(&path), before);
}

#[test]
fn a_reversed_payment_nets_to_zero_and_posted_entries_cannot_be_edited() {
    let dir = tempfile::tempdir().unwrap();
    let Billed { mut store, patient, control, .. } = billed(dir.path(), "payments.claimdesk");
    store
        .post_eob(&eob(&control, 7000, 2500, 3000, "1"), d(2026, 11, 15), &Actor::user("tester", Source::App))
        .unwrap();
    let receipt = store
        .post_patient_payment(
            &payment(patient, 3000, PaymentMethod::Cash, "", ApplyTo::OldestFirst),
            &Actor::user("biller", Source::App),
        )
        .unwrap();
    assert_eq!(store.account_balance(patient).unwrap().patient_due, m(0));
    // Another person at the desk reverses it: the reversal carries the reason and who did it.
    let front_desk = Actor::user("front.desk", Source::App);
    assert_eq!(store.reverse_posting(receipt.posting_id, "keyed to the wrong family", &front_desk).unwrap(), 1);
    assert_eq!(store.account_balance(patient).unwrap().patient_due, m(3000));
    let ledger = store.ledger_for_patient(patient).unwrap();
    let reversal = ledger.iter().find(|e| e.reversal_of.is_some()).expect("a reversing entry");
    assert_eq!(reversal.posted_by, "front.desk");
    assert!(reversal.memo.contains("keyed to the wrong family"), "{}", reversal.memo);
    let original = ledger.iter().find(|e| Some(e.id) == reversal.reversal_of).unwrap();
    assert_eq!(original.amount, -reversal.amount);
    assert_eq!(original.posted_by, "biller", "the payment keeps who took it");
    assert!(matches!(
        store.reverse_posting(receipt.posting_id, "again", &Actor::user("tester", Source::App)),
        Err(StoreError::Conflict(_))
    ));
    assert!(
        store.reverse_posting(receipt.posting_id, " ", &Actor::user("tester", Source::App)).is_err(),
        "a reason is required"
    );

    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    assert!(conn.execute("UPDATE ledger_entries SET amount_cents = 0", []).is_err());
    assert!(conn.execute("DELETE FROM ledger_entries", []).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Whatever is posted, in any order: each bucket's balance is the sum of its entries,
    /// insurance pending + patient due = the account balance, and a reversal nets to zero.
    #[test]
    fn ledger_invariants_hold_under_random_activity(
        paid in 0i64..=12500,
        pr_share in 0i64..=100,
        payments in proptest::collection::vec(1i64..=8000, 0..4),
        reverse_first in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let Billed { mut store, patient, claim, control, .. } = billed(dir.path(), "payments.claimdesk");
        let pr = (12500 - paid) * pr_share / 100;
        let co = 12500 - paid - pr;
        store.post_eob(&eob(&control, paid, co, pr, "2"), d(2026, 11, 15), &Actor::user("tester", Source::App)).unwrap();
        let mut receipts = Vec::new();
        for cents in &payments {
            receipts.push(store.post_patient_payment(&payment(patient, *cents, PaymentMethod::Cash, "", ApplyTo::OldestFirst), &Actor::user("tester", Source::App)).unwrap());
        }
        let before_reversal = store.account_balance(patient).unwrap();
        if let (true, Some(r)) = (reverse_first, receipts.first()) {
            store.reverse_posting(r.posting_id, "test", &Actor::user("tester", Source::App)).unwrap();
            let after = store.account_balance(patient).unwrap();
            prop_assert_eq!(after.patient_due, before_reversal.patient_due + r.amount);
        }
        let ledger = store.ledger_for_patient(patient).unwrap();
        let sum = |bucket: posting::Bucket| -> Money { ledger.iter().filter(|e| e.bucket == bucket).map(|e| e.amount).sum() };
        let b = store.account_balance(patient).unwrap();
        prop_assert_eq!(b.insurance_pending, sum(posting::Bucket::Insurance));
        prop_assert_eq!(b.patient_due, sum(posting::Bucket::Patient));
        prop_assert_eq!(b.insurance_pending + b.patient_due, b.total);
        // Insurance adjudicated everything: nothing pending; the patient owes their share less payments.
        prop_assert_eq!(b.insurance_pending, m(0));
        let paid_by_patient: Money = receipts.iter().map(|r| r.amount).sum::<Money>()
            - if reverse_first { receipts.first().map(|r| r.amount).unwrap_or(Money::ZERO) } else { Money::ZERO };
        prop_assert_eq!(b.patient_due, m(pr) - paid_by_patient);
        // Every reversal entry nets its original to zero.
        for e in ledger.iter().filter(|e| e.reversal_of.is_some()) {
            let original = ledger.iter().find(|o| Some(o.id) == e.reversal_of).unwrap();
            prop_assert_eq!(original.amount + e.amount, m(0));
        }
        let money = store.claim_money(claim).unwrap();
        prop_assert_eq!(money.insurance_paid + money.adjustments + money.patient_responsibility, m(12500));
    }
}

#[test]
fn a_paid_claim_takes_no_more_paper_eobs_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let Billed { mut store, claim, control, .. } = billed(dir.path(), "paid.claimdesk");
    let biller = Actor::user("biller", Source::App);
    assert!(store.claim_summary(claim).unwrap().status.choices().takes_paper_eob, "a sent claim takes an EOB");
    store.post_eob(&eob(&control, 7000, 2500, 3000, "1"), d(2026, 11, 15), &biller).unwrap();
    let paid = store.claim_summary(claim).unwrap().status;
    assert_eq!(paid, claimdesk_core::claims::ClaimStatus::Paid);
    assert!(!paid.choices().takes_paper_eob, "the screen does not offer another");
    let before = store.ledger_for_patient(store.claim_summary(claim).unwrap().patient_id).unwrap().len();
    let again = store.post_eob(&eob(&control, 7000, 2500, 3000, "1"), d(2026, 11, 20), &biller);
    assert!(matches!(again, Err(StoreError::Conflict(ref m)) if m.contains("no more paper EOBs")), "{again:?}");
    let after = store.ledger_for_patient(store.claim_summary(claim).unwrap().patient_id).unwrap().len();
    assert_eq!(before, after, "the refused EOB posted nothing");
}

#[test]
fn the_ledger_has_a_running_balance_and_comes_in_pages_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let Billed { mut store, patient, control, .. } = billed(dir.path(), "ledger.claimdesk");
    store
        .post_eob(&eob(&control, 7000, 2500, 3000, "2"), d(2026, 11, 15), &Actor::user("tester", Source::App))
        .unwrap();
    pay(&mut store, patient, 1000, d(2026, 11, 18), PaymentMethod::Cash);
    let bounced = pay(&mut store, patient, 1500, d(2026, 11, 20), PaymentMethod::Check);
    let posting = store.payment_receipt(bounced).unwrap().posting_id;
    store.reverse_posting(posting, "bounced", &Actor::user("tester", Source::App)).unwrap();
    pay(&mut store, patient, 500, d(2026, 11, 21), PaymentMethod::Card);

    // Oldest first, each balance is the one before it plus the entry; the last is the balance.
    let full = store.ledger_for_patient(patient).unwrap();
    assert!(full.len() >= 8, "charge, payment, write-off, transfer, payments, reversal: {}", full.len());
    let (mut balance, mut due) = (m(0), m(0));
    for e in &full {
        balance = balance + e.amount;
        if e.bucket == posting::Bucket::Patient {
            due = due + e.amount;
        }
        assert_eq!((e.balance_after, e.patient_due_after), (balance, due), "entry {}", e.id);
    }
    let now = store.patient_balance(patient).unwrap();
    assert_eq!(
        (full.last().unwrap().balance_after, full.last().unwrap().patient_due_after),
        (now.total, now.patient_due)
    );
    assert_eq!(now.patient_due, m(3000 - 1000 - 500), "the bounced check is back on the account");
    assert_eq!(full[0].balance_after, m(12500), "the charge");

    // Pages of three, newest first, carry the same balances and end with the first charge.
    let mut pages = Vec::new();
    let mut before = None;
    loop {
        let page = store.ledger_page(patient, before, 3).unwrap();
        assert!(page.entries.len() <= 3);
        assert_eq!(page.count as usize, full.len() - pages.len(), "entries from this page back");
        pages.extend(page.entries.iter().cloned());
        if page.entries.len() as i64 == page.count {
            break;
        }
        before = page.entries.last().map(|e| e.id);
    }
    let newest_first: Vec<_> = full.iter().rev().cloned().collect();
    assert_eq!(pages, newest_first);

    // A limit of nothing is one entry; an entry of someone else is not a place to start from.
    assert_eq!(store.ledger_page(patient, None, 0).unwrap().entries.len(), 1);
    let other = store
        .save_patient(&common::patient("Roe", "Rick", d(1990, 1, 1)), &Actor::user("tester", Source::App))
        .unwrap()
        .id
        .unwrap();
    assert!(store.ledger_page(other, None, 50).unwrap().entries.is_empty());
    assert!(matches!(store.ledger_page(other, Some(full[0].id), 50), Err(StoreError::NotFound(_))));
}

#[test]
fn a_patients_visits_come_in_pages_newest_first_with_how_many_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let Billed { mut store, patient, .. } = billed(dir.path(), "visits.claimdesk");
    let provider =
        store.get_visit(store.visits_page(patient, None, 1).unwrap().visits[0].id).unwrap().rendering_provider_id;
    // Two visits on one day keep the order they were entered in.
    for day in [d(2026, 10, 1), d(2026, 11, 10), d(2026, 11, 10), d(2026, 9, 5)] {
        store.save_visit(&visit(patient, provider, day), &Actor::user("tester", Source::App)).unwrap();
    }
    let all = store.list_visits_for_patient(patient).unwrap();
    assert_eq!(all.len(), 5);
    let first = store.visits_page(patient, None, 2).unwrap();
    assert_eq!(first.count, 5);
    assert_eq!(first.visits, all[..2].to_vec());
    let second = store.visits_page(patient, first.visits.last().map(|v| v.id), 2).unwrap();
    assert_eq!((second.count, second.visits.clone()), (3, all[2..4].to_vec()));
    let last = store.visits_page(patient, second.visits.last().map(|v| v.id), 2).unwrap();
    assert_eq!((last.count, last.visits), (1, all[4..].to_vec()));
    assert_eq!(all[4].service_date, d(2026, 9, 5));
    assert!(matches!(store.visits_page(patient + 1, Some(all[0].id), 2), Err(StoreError::NotFound(_))));
}
