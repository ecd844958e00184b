//! Practice reports on a real practice file: AR aging (by payer and guarantor, today and as of
//! a past day) against the ledger's balances, the day sheet, deposits and their
//! reconciliation, denials, productivity, underpaid lines; and who posted.

mod common;
use claimdesk_store::Actor;
use common::*;

use chrono::NaiveDate;
use claimdesk_core::posting::{CasAdjustment, ClaimAdjudication, LineAdjudication};
use claimdesk_core::*;
use claimdesk_store::{
    AgingBy, AgingFilter, ApplyTo, DateRange, DepositInput, PaymentInput, PaymentMethod, PaymentSource, Source, Store,
    StoreError,
};

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn cas(group: &str, reason: &str, cents: i64) -> CasAdjustment {
    CasAdjustment { group: group.into(), reason: reason.into(), amount: m(cents), quantity: None }
}

fn line(code: &str, charge: i64, paid: i64, day: NaiveDate, adjustments: Vec<CasAdjustment>) -> LineAdjudication {
    LineAdjudication {
        procedure: code.into(),
        modifiers: vec![],
        submitted_procedure: None,
        service_date: Some(day),
        line_control_number: None,
        charge: m(charge),
        paid: m(paid),
        units: Some(1),
        allowed: None,
        adjustments,
        remarks: vec![],
    }
}

struct Practice {
    store: Store,
    acme: i64,
    beta: i64,
    jane: i64,
    kid: i64,
    bob: i64,
    payment_id: i64,
}

/// Jane (Acme) seen 11/02 for 125.00 + 30.00: Acme pays 70.00 on the visit, writes off 25.00
/// and leaves 30.00 coinsurance to Jane; it denies the 30.00 test (PI-204, left pending).
/// Her uninsured child (Jane is the guarantor) seen 07/01 for 155.00. Bob (Beta) seen 09/20
/// for 155.00, not paid yet. Jane pays 20.00 by check on 11/20 (goes to the oldest line).
fn practice(dir: &std::path::Path) -> Practice {
    let (mut store, acme) = store_with_payer(dir, "reports.claimdesk");
    store.set_actor(&Actor::user("tester", Source::App));
    let beta = store.save_payer(&payer("Beta Care", "BETA1", PayerKind::Commercial)).unwrap().id.unwrap();
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    store
        .save_fee(&FeeEntry {
            id: None,
            payer_id: Some(acme),
            schedule_name: String::new(),
            code: "99213".into(),
            modifier: String::new(),
            description: String::new(),
            amount: m(11000),
            effective_from: Some(d(2026, 1, 1)),
            effective_to: None,
        })
        .unwrap();
    let mut p = patient("Doe", "Jane", d(1980, 5, 17));
    p.policies.push(policy(acme, "XYZ123"));
    let jane = store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    let mut k = patient("Doe", "Kim", d(2015, 3, 3));
    k.guarantor = Responsible::Patient { patient_id: jane, name: String::new() };
    k.guarantor_relationship = Relationship::Child;
    let kid = store.save_patient(&k, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    let mut b = patient("Roe", "Bob", d(1970, 1, 9));
    b.policies.push(policy(beta, "B-1"));
    let bob = store.save_patient(&b, &Actor::user("tester", Source::App)).unwrap().id.unwrap();

    let bill = |store: &mut Store, patient: i64, day: NaiveDate| -> (i64, String) {
        let v = store.save_visit(&visit(patient, provider, day), &Actor::user("tester", Source::App)).unwrap();
        let claim = store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)).unwrap();
        let scrub = store.scrub_claim(claim.id, &Actor::user("tester", Source::App)).unwrap();
        assert!(scrub.findings.is_empty(), "{:?}", scrub.findings);
        store.mark_submitted(&[claim.id], "paper", "b.pdf", &Actor::user("tester", Source::App)).unwrap();
        (claim.id, claim.control_number)
    };
    let (_, jane_claim) = bill(&mut store, jane, d(2026, 11, 2));
    bill(&mut store, bob, d(2026, 9, 20));
    store.save_visit(&visit(kid, provider, d(2026, 7, 1)), &Actor::user("tester", Source::App)).unwrap();

    let eob = ClaimAdjudication {
        control_number: jane_claim,
        status_code: "1".into(),
        charge: m(15500),
        paid: m(7000),
        patient_responsibility: m(3000),
        payer_claim_number: "ICN1".into(),
        adjustments: vec![],
        remarks: vec![],
        crossover_payer: None,
        lines: vec![
            line("99213", 12500, 7000, d(2026, 11, 2), vec![cas("CO", "45", 2500), cas("PR", "2", 3000)]),
            line("87880", 3000, 0, d(2026, 11, 2), vec![cas("PI", "204", 3000)]),
        ],
    };
    store.post_eob(&eob, d(2026, 11, 15), &Actor::user("tester", Source::App)).unwrap();
    let receipt = store
        .post_patient_payment(
            &PaymentInput {
                patient_id: jane,
                received_on: Some(d(2026, 11, 20)),
                method: PaymentMethod::Check,
                reference: "1042".into(),
                amount: m(2000),
                apply: ApplyTo::OldestFirst,
            },
            &Actor::user("tester", Source::App),
        )
        .unwrap();
    Practice { store, acme, beta, jane, kid, bob, payment_id: receipt.payment_id }
}

/// Each bucket's balance on a day, summed the plain way over every entry.
fn ledger_sums(store: &Store, patients: &[i64], on: NaiveDate) -> (Money, Money) {
    let mut insurance = Money::ZERO;
    let mut patient = Money::ZERO;
    for id in patients {
        for e in store.ledger_for_patient(*id).unwrap().iter().filter(|e| e.entry_date <= on) {
            match e.bucket {
                claimdesk_core::posting::Bucket::Insurance => insurance = insurance + e.amount,
                claimdesk_core::posting::Bucket::Patient => patient = patient + e.amount,
            }
        }
    }
    (insurance, patient)
}

#[test]
fn aging_by_payer_and_guarantor_adds_up_to_the_ledger_today_and_on_a_past_day() {
    let dir = tempfile::tempdir().unwrap();
    let f = practice(dir.path());
    let store = &f.store;
    let everyone = [f.jane, f.kid, f.bob];

    let by_payer = store.report_aging(&AgingFilter { as_of: today(), by: AgingBy::Payer }).unwrap();
    let acme = by_payer.rows.iter().find(|r| r.key == format!("payer:{}", f.acme)).unwrap();
    assert_eq!(acme.name, "Acme Health");
    assert_eq!(acme.aging, aging::Aging { current: m(3000), ..Default::default() }, "the denied test, pending");
    let beta = by_payer.rows.iter().find(|r| r.key == format!("payer:{}", f.beta)).unwrap();
    assert_eq!(beta.aging, aging::Aging { days_61_90: m(15500), ..Default::default() }, "64 days old");
    assert_eq!(by_payer.rows[0].key, beta.key, "largest first");
    assert_eq!(by_payer.rows.len(), 2);

    let by_guarantor = store.report_aging(&AgingFilter { as_of: today(), by: AgingBy::Guarantor }).unwrap();
    assert_eq!(by_guarantor.rows.len(), 1, "the child is on her mother's account; Bob owes nothing");
    let jane = &by_guarantor.rows[0];
    assert_eq!((jane.key.as_str(), jane.name.as_str()), (format!("patient:{}", f.jane).as_str(), "Jane Doe"));
    assert_eq!(jane.account_number, store.get_patient(f.jane).unwrap().account_number);
    // 30.00 coinsurance from 11/02; the child's 155.00 from 07/01 less the 20.00 paid on it.
    assert_eq!(jane.aging, aging::Aging { current: m(3000), over_120: m(13500), ..Default::default() });

    let (insurance, patient) = ledger_sums(store, &everyone, today());
    assert_eq!((by_payer.total, by_guarantor.total), (insurance, patient));
    let balances: Vec<_> = everyone.iter().map(|id| store.patient_balance(*id).unwrap()).collect();
    assert_eq!(insurance, balances.iter().map(|b| b.insurance_pending).sum::<Money>());
    assert_eq!(patient, balances.iter().map(|b| b.patient_due).sum::<Money>());
    assert_eq!(by_payer.totals.total(), by_payer.total);

    // On 11/10 the EOB (11/15) and the check (11/20) had not come in.
    let past = d(2026, 11, 10);
    let by_payer = store.report_aging(&AgingFilter { as_of: past, by: AgingBy::Payer }).unwrap();
    let acme = by_payer.rows.iter().find(|r| r.key == format!("payer:{}", f.acme)).unwrap();
    assert_eq!(acme.aging, aging::Aging { current: m(15500), ..Default::default() });
    let by_guarantor = store.report_aging(&AgingFilter { as_of: past, by: AgingBy::Guarantor }).unwrap();
    assert_eq!(by_guarantor.rows[0].aging, aging::Aging { over_120: m(15500), ..Default::default() });
    let (insurance, patient) = ledger_sums(store, &everyone, past);
    assert_eq!((by_payer.total, by_guarantor.total), (insurance, patient));
    // Before anything was seen, nothing is owed.
    let empty = store.report_aging(&AgingFilter { as_of: d(2026, 1, 1), by: AgingBy::Payer }).unwrap();
    assert!(empty.rows.is_empty() && empty.total.is_zero());
}

#[test]
fn the_day_sheet_adds_up_by_day_user_and_method() {
    let dir = tempfile::tempdir().unwrap();
    let f = practice(dir.path());
    let range = DateRange { from: d(2026, 11, 1), to: d(2026, 11, 23) };
    let sheet = f.store.report_day_sheet(&range).unwrap();
    let days: Vec<NaiveDate> = sheet.days.iter().map(|d| d.date).collect();
    assert_eq!(days, vec![d(2026, 11, 2), d(2026, 11, 15), d(2026, 11, 20)]);
    let t = sheet.totals;
    assert_eq!(
        (t.charges, t.insurance_payments, t.patient_payments, t.adjustments, t.refunds),
        (m(15500), m(7000), m(2000), m(2500), m(0))
    );
    assert_eq!(t.net, m(15500 - 7000 - 2000 - 2500));
    // The net is what the AR grew by over the range.
    let everyone = [f.jane, f.kid, f.bob];
    let (i1, p1) = ledger_sums(&f.store, &everyone, range.to);
    let (i0, p0) = ledger_sums(&f.store, &everyone, range.from - chrono::TimeDelta::days(1));
    assert_eq!(t.net, (i1 + p1) - (i0 + p0));
    assert_eq!(sheet.by_user.len(), 1);
    assert_eq!(sheet.by_user[0].user, "tester", "postings record who posted");
    assert_eq!(sheet.by_user[0].amounts, t);
    let methods: Vec<(&str, i64, Money)> =
        sheet.by_method.iter().map(|m| (m.method.as_str(), m.payments, m.amount)).collect();
    assert_eq!(methods, vec![("check", 1, m(2000)), ("paper EOB", 1, m(7000))]);
    // A returned check takes the money back; it is still one payment received.
    let mut store = f.store;
    let posting: i64 = rusqlite::Connection::open(store.path().unwrap())
        .unwrap()
        .query_row("SELECT posting_id FROM patient_payments WHERE id = ?1", [f.payment_id], |r| r.get(0))
        .unwrap();
    store.reverse_posting(posting, "returned check", &Actor::user("tester", Source::App)).unwrap();
    let sheet = store.report_day_sheet(&range).unwrap();
    let check = sheet.by_method.iter().find(|m| m.method == "check").unwrap();
    assert_eq!((check.payments, check.amount), (1, m(0)));
    assert_eq!(sheet.totals.patient_payments, m(0));
    let f = Practice { store, ..f };
    assert!(matches!(
        f.store.report_day_sheet(&DateRange { from: range.to, to: range.from }),
        Err(StoreError::Invalid(e)) if e.0[0].field == "to"
    ));
}

#[test]
fn deposits_take_undeposited_payments_once_and_reconcile_with_the_slip() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = practice(dir.path());
    let undeposited = f.store.list_undeposited_payments(None).unwrap();
    assert_eq!(undeposited.len(), 1, "the EOB is paper: no remittance to deposit");
    assert_eq!(
        (undeposited[0].source, undeposited[0].id, undeposited[0].amount),
        (PaymentSource::Patient, f.payment_id, m(2000))
    );
    assert_eq!(undeposited[0].method, "check");
    assert!(undeposited[0].reference.starts_with("1042"));

    let path = f.store.path().unwrap().to_path_buf();
    let before = dump(&path);
    let input = |ids: Vec<i64>| DepositInput {
        deposit_date: d(2026, 11, 21),
        bank_reference: "DEP-7".into(),
        slip_amount: Some(m(2500)),
        memo: String::new(),
        patient_payment_ids: ids,
        remittance_ids: vec![],
    };
    for (bad, field) in [
        (input(vec![]), "payments"),
        (input(vec![9999]), "patient_payment_ids[0]"),
        (input(vec![f.payment_id, f.payment_id]), "patient_payment_ids[1]"),
        (DepositInput { deposit_date: d(2026, 12, 1), ..input(vec![f.payment_id]) }, "deposit_date"),
    ] {
        match f.store.create_deposit(&bad) {
            Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, field),
            other => panic!("expected a refusal naming {field}, got {other:?}"),
        }
    }
    assert_eq!(dump(&path), before, "a refused deposit changes nothing");

    let deposit = f.store.create_deposit(&input(vec![f.payment_id])).unwrap();
    assert_eq!((deposit.slip_amount, deposit.payments_total, deposit.difference), (m(2500), m(2000), m(500)));
    assert!(f.store.list_undeposited_payments(None).unwrap().is_empty());
    match f.store.create_deposit(&input(vec![f.payment_id])) {
        Err(StoreError::Invalid(inv)) => {
            assert_eq!(inv.0[0].field, "patient_payment_ids[0]");
            assert!(inv.0[0].message.contains("already in deposit"), "{}", inv.0[0].message);
        }
        other => panic!("{other:?}"),
    }
    let rec = f.store.report_deposits(&DateRange { from: d(2026, 11, 1), to: d(2026, 11, 30) }).unwrap();
    assert_eq!(rec.deposits.len(), 1);
    assert_eq!((rec.slips_total, rec.deposited_total, rec.undeposited_total), (m(2500), m(2000), m(0)));
    assert_eq!(f.store.list_deposits(d(2026, 11, 1), d(2026, 11, 30)).unwrap(), rec.deposits);
    // Without a slip amount the slip is the payments' sum.
    assert_eq!(f.store.deposit(deposit.id).unwrap().payments[0].deposit_id, Some(deposit.id));
}

#[test]
fn denials_productivity_and_underpaid_lines() {
    let dir = tempfile::tempdir().unwrap();
    let f = practice(dir.path());
    let november = DateRange { from: d(2026, 11, 1), to: d(2026, 11, 30) };
    let denials = f.store.report_denials(&november).unwrap();
    assert_eq!(denials.by_reason.len(), 1);
    let r = &denials.by_reason[0];
    assert_eq!((r.group_code.as_str(), r.reason_code.as_str(), r.count, r.amount), ("PI", "204", 1, m(3000)));
    assert!(r.description.contains("benefit plan"));
    assert_eq!(denials.by_payer.len(), 1);
    assert_eq!((denials.by_payer[0].payer_id, denials.claims, denials.lines, denials.amount), (f.acme, 1, 1, m(3000)));
    assert!(f
        .store
        .report_denials(&DateRange { from: d(2026, 10, 1), to: d(2026, 10, 31) })
        .unwrap()
        .by_reason
        .is_empty());

    let p = f.store.report_productivity(&november).unwrap();
    let row = |code: &str| p.rows.iter().find(|r| r.code == code).unwrap().amounts.clone();
    let visit = row("99213");
    assert_eq!(
        (visit.services, visit.charges, visit.insurance_payments, visit.adjustments),
        (1, m(12500), m(7000), m(2500))
    );
    // The 20.00 check went to the child's July office visit (same provider and code).
    assert_eq!(visit.patient_payments, m(2000));
    assert_eq!(row("87880").charges, m(3000));
    assert_eq!(p.providers.len(), 1);
    assert_eq!(p.providers[0].provider, "Ana Nguyen, MD");
    assert_eq!(p.totals.charges, m(15500));
    assert_eq!(p.totals.insurance_payments + p.totals.patient_payments, m(9000));

    let under = f.store.report_underpaid(&november).unwrap();
    assert_eq!(under.lines.len(), 1, "99213: 70.00 paid + 30.00 coinsurance is 10.00 under the 110.00 contract");
    let l = &under.lines[0];
    assert_eq!(
        (l.code.as_str(), l.paid, l.patient_responsibility, l.expected, l.underpaid),
        ("99213", m(7000), m(3000), m(11000), m(1000))
    );
    assert_eq!((under.by_payer[0].payer.as_str(), under.total), ("Acme Health", m(1000)));
    let _ = f.bob;
}

#[test]
fn the_plans_report_counts_plans_by_status() {
    let dir = tempfile::tempdir().unwrap();
    let f = practice(dir.path());
    let empty = f.store.report_plans().unwrap();
    assert!(empty.by_status.is_empty() && empty.running.is_empty());
    assert_eq!(empty.as_of, today());
}
