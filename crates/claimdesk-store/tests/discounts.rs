//! Prompt-pay discounts and prepaid care packages on a real practice file: the visit keeps its
//! full fee, the discount is an adjustment with its reason, a package is drawn down visit by
//! visit, and a voided visit gives its package visit back.

mod common;
use claimdesk_core::discounts::{CarePackage, PromptPayPolicy};
use claimdesk_core::*;
use claimdesk_store::{Actor, PaymentMethod, Source, Store};
use common::*;

fn tester() -> Actor {
    Actor::user("tester", Source::App)
}

/// A practice file with a self-pay patient (no insurance); returns (store, patient, provider).
fn self_pay(dir: &std::path::Path) -> (Store, i64, i64) {
    let (mut store, _) = store_with_payer(dir, "cash.claimdesk");
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let patient = store.save_patient(&patient("Doe", "Jane", d(1980, 5, 17)), &tester()).unwrap().id.unwrap();
    (store, patient, provider)
}

/// A 155.00 visit today (99213 125.00, 87880 30.00).
fn visit_today(store: &mut Store, patient: i64, provider: i64) -> i64 {
    store.save_visit(&visit(patient, provider, today()), &tester()).unwrap().id.unwrap()
}

fn visit_owed(store: &Store, visit_id: i64) -> Money {
    let v = store.get_visit(visit_id).unwrap();
    v.lines.iter().map(|l| store.line_balance(l.id.unwrap()).unwrap().patient_due).fold(Money::ZERO, |a, b| a + b)
}

#[test]
fn a_prompt_payment_keeps_the_full_fee_and_adjusts_the_discount_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = self_pay(dir.path());
    let seen = visit_today(&mut store, patient, provider);
    // No discount offered yet: refused, nothing posted.
    let before = dump(&dir.path().join("cash.claimdesk"));
    let refused = store.with_tx(|tx| tx.take_prompt_payment(seen, PaymentMethod::Cash, "", Source::App)).unwrap_err();
    assert_eq!(fields(refused), ["visit_id"]);
    assert_eq!(dump(&dir.path().join("cash.claimdesk")), before);

    store.with_tx(|tx| tx.save_prompt_pay_policy(&PromptPayPolicy { percent: 10, within_days: 0 })).unwrap();
    let receipt = store.with_tx(|tx| tx.take_prompt_payment(seen, PaymentMethod::Card, "4242", Source::App)).unwrap();
    assert_eq!(receipt.amount, m(13950), "155.00 less 10% (15.50)");
    assert_eq!(visit_owed(&store, seen), Money::ZERO);
    let entries = store.ledger_for_patient(patient).unwrap();
    let charged: Money =
        entries.iter().filter(|e| e.kind.as_str() == "charge").map(|e| e.amount).fold(Money::ZERO, |a, b| a + b);
    assert_eq!(charged, m(15500), "the full fee is charged");
    let discount: Vec<_> = entries.iter().filter(|e| e.kind.as_str() == "adjustment").collect();
    assert_eq!(discount.iter().map(|e| e.amount).fold(Money::ZERO, |a, b| a + b), m(-1550));
    assert!(discount.iter().all(|e| e.memo == "Prompt-pay discount 10%"));
    assert_eq!(store.patient_balance(patient).unwrap().patient_due, Money::ZERO);
    // Once per visit.
    assert!(store.with_tx(|tx| tx.take_prompt_payment(seen, PaymentMethod::Cash, "", Source::App)).is_err());
    // A visit of yesterday is past a same-day discount.
    let mut old = visit(patient, provider, today().pred_opt().unwrap());
    old.lines.truncate(1);
    let old = store.save_visit(&old, &tester()).unwrap().id.unwrap();
    assert_eq!(
        fields(store.with_tx(|tx| tx.take_prompt_payment(old, PaymentMethod::Cash, "", Source::App)).unwrap_err()),
        ["visit_id"]
    );
    // A bad policy names its field.
    assert_eq!(
        fields(
            store
                .with_tx(|tx| tx.save_prompt_pay_policy(&PromptPayPolicy { percent: 80, within_days: 0 }))
                .unwrap_err()
        ),
        ["percent"]
    );
}

fn twelve_visits(patient: i64) -> CarePackage {
    CarePackage {
        id: None,
        patient_id: patient,
        name: "12-visit adjustment package".into(),
        visits_included: 12,
        price: m(60000),
        purchased_on: Some(d(2026, 11, 1)),
        expires_on: Some(d(2027, 10, 31)),
        note: String::new(),
    }
}

#[test]
fn a_package_is_drawn_down_visit_by_visit_and_a_voided_visit_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = self_pay(dir.path());
    let (sold, receipt) = store
        .with_tx(|tx| tx.sell_package(&twelve_visits(patient), PaymentMethod::Check, "1042", Source::App))
        .unwrap();
    assert_eq!((sold.visits_left, receipt.unapplied), (12, m(60000)));
    assert_eq!(store.patient_balance(patient).unwrap().patient_due, m(-60000), "the prepayment is held on the account");
    let package = sold.package.id.unwrap();

    let mut drawn = Vec::new();
    for _ in 0..3 {
        let v = visit_today(&mut store, patient, provider);
        let standing = store.with_tx(|tx| tx.draw_package_visit(package, v, Source::App)).unwrap();
        assert_eq!(visit_owed(&store, v), Money::ZERO, "the package covers the visit");
        drawn.push((v, standing));
    }
    let third = &drawn[2].1;
    assert_eq!(third.message, "3 of 12 visits used, 9 left");
    assert_eq!(third.value_left, m(45000));
    // Three visits of 155.00 at full fee: 50.00 each from the prepayment, 105.00 each adjusted.
    let entries = store.ledger_for_patient(patient).unwrap();
    let adjusted: Money =
        entries.iter().filter(|e| e.kind.as_str() == "adjustment").map(|e| e.amount).fold(Money::ZERO, |a, b| a + b);
    assert_eq!(adjusted, m(-31500));
    assert_eq!(store.patient_balance(patient).unwrap().patient_due, m(-45000), "what is left of the prepayment");
    assert_eq!(store.packages_for_patient(patient).unwrap()[0].message, "3 of 12 visits used, 9 left");

    // Drawn twice, or another patient's visit: refused.
    assert!(store.with_tx(|tx| tx.draw_package_visit(package, drawn[0].0, Source::App)).is_err());
    let other = store.save_patient(&patient_named("Roe"), &tester()).unwrap().id.unwrap();
    let theirs = visit_today(&mut store, other, provider);
    assert_eq!(
        fields(store.with_tx(|tx| tx.draw_package_visit(package, theirs, Source::App)).unwrap_err()),
        ["visit_id"]
    );
    assert!(store.with_tx(|tx| tx.draw_package_visit(999, theirs, Source::App)).is_err(), "no such package");

    // The second visit voided: its package visit comes back and the account is as before it.
    store.void_visit(drawn[1].0, "entered twice").unwrap();
    let after = &store.packages_for_patient(patient).unwrap()[0];
    assert_eq!(after.message, "2 of 12 visits used, 10 left");
    assert_eq!(after.value_left, m(50000));
    assert_eq!(store.patient_balance(patient).unwrap().patient_due, m(-50000));
}

fn patient_named(last: &str) -> Patient {
    patient(last, "Sam", d(1975, 1, 2))
}
