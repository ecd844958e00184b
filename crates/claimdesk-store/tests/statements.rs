//! Patient statements on a real practice file: accounts are guarantors, holds and collections,
//! the recorded run and its snapshots, migration 5.

mod common;
use claimdesk_store::Actor;
use common::*;

use chrono::NaiveDate;
use claimdesk_core::*;
use claimdesk_store::{
    ApplyTo, CollectionsFilter, HeldReason, MessageLevel, PaymentInput, PaymentMethod, PracticeContact, Source,
    StatementAccount, StatementFilter, Store,
};

fn filter() -> StatementFilter {
    StatementFilter {
        statement_date: today(),
        min_balance: m(500),
        days_since_last: 28,
        include_holds: false,
        include_collections: false,
        final_notice_only: false,
    }
}

struct Family {
    parent: i64,
    kids: [i64; 2],
    alone: i64,
    party_kid: i64,
}

/// Self-pay patients (charges are the patient's): a parent with two children, a patient on
/// their own, and a child whose guarantor is a responsible party who is not a patient.
fn family(store: &mut Store) -> Family {
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let parent =
        store.save_patient(&patient("Parker", "Alexis", d(1980, 5, 17)), &Actor::user("tester", Source::App)).unwrap();
    let parent_id = parent.id.unwrap();
    let mut kids = [0; 2];
    for (i, name) in ["Mai", "Kwame"].into_iter().enumerate() {
        let mut kid = patient("Parker", name, d(2015 + i as i32, 1, 1));
        kid.guarantor = Responsible::Patient { patient_id: parent_id, name: parent.display_name() };
        kid.guarantor_relationship = Relationship::Child;
        kids[i] = store.save_patient(&kid, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    }
    let alone = store
        .save_patient(&patient("Lee", "Sam", d(1970, 2, 2)), &Actor::user("tester", Source::App))
        .unwrap()
        .id
        .unwrap();
    let mut kid = patient("Ortiz", "Ana", d(2014, 3, 3));
    let mut guardian = person("Ortiz", "Luis", Some(d(1982, 4, 4)));
    guardian.address = address("9 Elm St", "Austin", "TX", "78703");
    kid.guarantor = Responsible::Person { person: guardian };
    kid.guarantor_relationship = Relationship::Child;
    let party_kid = store.save_patient(&kid, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    // Parent: 125 + 30 on 07/01 (over 90 days); kids: on 10/01 and 11/10; alone: 2.00 only.
    for (who, day) in [(parent_id, d(2026, 7, 1)), (kids[0], d(2026, 10, 1)), (kids[1], d(2026, 11, 10))] {
        store.save_visit(&visit(who, provider, day), &Actor::user("tester", Source::App)).unwrap();
    }
    let mut small = visit(alone, provider, d(2026, 11, 1));
    small.lines.truncate(1);
    small.lines[0].charge = m(200);
    small.lines[0].charge_override_reason = "Courtesy".into();
    store.save_visit(&small, &Actor::user("tester", Source::App)).unwrap();
    store.save_visit(&visit(party_kid, provider, d(2026, 9, 1)), &Actor::user("tester", Source::App)).unwrap();
    Family { parent: parent_id, kids, alone, party_kid }
}

#[test]
fn one_statement_per_guarantor_covering_all_their_patients() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "s.claimdesk");
    let f = family(&mut store);
    // 50.00 paid by the parent: off the oldest first.
    let pay = PaymentInput {
        patient_id: f.parent,
        received_on: Some(d(2026, 11, 20)),
        method: PaymentMethod::Cash,
        reference: String::new(),
        amount: m(5000),
        apply: ApplyTo::OldestFirst,
    };
    store.post_patient_payment(&pay, &Actor::user("tester", Source::App)).unwrap();

    let candidates = store.statement_candidates(&filter()).unwrap();
    let keys: Vec<StatementAccount> = candidates.iter().map(|c| c.account).collect();
    let parent_key = StatementAccount::Patient { patient_id: f.parent };
    assert!(keys.contains(&parent_key));
    for kid in f.kids {
        assert!(!keys.contains(&StatementAccount::Patient { patient_id: kid }), "children are on the parent's");
    }
    assert!(!keys.contains(&StatementAccount::Patient { patient_id: f.alone }), "2.00 is below the minimum");
    let party = candidates.iter().find(|c| matches!(c.account, StatementAccount::Party { .. })).unwrap();
    assert_eq!(party.name, "Luis Ortiz");
    assert_eq!(party.account_number, store.get_patient(f.party_kid).unwrap().account_number);
    assert_eq!(party.patient_due, m(15500));

    let contact = PracticeContact::from_practice(&store.practice().unwrap());
    let s = store.statement_data(parent_key, today(), &contact).unwrap();
    let balance = store.account_balance(f.parent).unwrap();
    assert_eq!(s.patient_balance, balance.patient_due);
    assert_eq!(s.patient_balance, m(3 * 15500 - 5000));
    assert_eq!(s.amount_due_now, s.patient_balance);
    assert_eq!(s.insurance_pending, m(0));
    let names: std::collections::BTreeSet<&str> = s.lines.iter().map(|l| l.patient.as_str()).collect();
    assert_eq!(names.len(), 3, "parent and both children: {names:?}");
    // Aging by date of service, the payment taken off the oldest (07/01: 155 - 50 = 105).
    assert_eq!(s.aging.over_90, m(10500));
    assert_eq!(s.aging.days_31_60, m(15500));
    assert_eq!(s.aging.current, m(15500));
    assert_eq!(s.aging.days_61_90, m(0));
    assert_eq!(s.message_level, MessageLevel::FinalNotice);
    assert!(s.message.contains("FINAL NOTICE"));
    assert_eq!(s.lines.iter().filter(|l| l.credits == Some(m(5000))).count(), 1, "one payment line");

    let party_s = store.statement_data(party.account, today(), &contact).unwrap();
    assert_eq!(party_s.guarantor_address.line1, "9 Elm St");
    assert_eq!(party_s.account_patient_id, f.party_kid);
    assert_eq!(party_s.message_level, MessageLevel::PastDue);
}

#[test]
fn holds_collections_runs_and_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.claimdesk");
    let (mut store, _) = store_with_payer(dir.path(), "s.claimdesk");
    assert_eq!(store.schema_version().unwrap(), claimdesk_store::migrations::latest_version());
    let f = family(&mut store);
    let parent_key = StatementAccount::Patient { patient_id: f.parent };
    let has = |store: &Store, fl: &StatementFilter| {
        store.statement_candidates(fl).unwrap().iter().any(|c| c.account == parent_key)
    };

    store.set_statement_hold(f.kids[0], "Insurance appeal").unwrap();
    assert!(!has(&store, &filter()), "a hold on any patient of the account holds it");
    assert!(has(&store, &StatementFilter { include_holds: true, ..filter() }));
    store.set_statement_hold(f.kids[0], "").unwrap();
    assert!(has(&store, &filter()));
    assert!(store.set_statement_hold(99999, "x").is_err());

    store.send_to_collections(f.parent, "Acme Recovery").unwrap();
    assert!(!has(&store, &filter()));
    assert!(has(&store, &StatementFilter { include_collections: true, ..filter() }));
    let with_all = StatementFilter { include_collections: true, ..filter() };

    // Record a run; the snapshot reads back the same, and the account is skipped for 28 days.
    let contact = PracticeContact::from_practice(&store.practice().unwrap());
    let snaps: Vec<_> = store
        .statement_candidates(&with_all)
        .unwrap()
        .iter()
        .map(|c| store.statement_data(c.account, today(), &contact).unwrap())
        .collect();
    let run = store.with_tx(|tx| tx.record_statement_run(&with_all, "run.pdf", &snaps)).unwrap();
    assert_eq!(run.statement_ids.len(), snaps.len());
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store.set_today(today());
    for (id, snap) in run.statement_ids.iter().zip(&snaps) {
        assert_eq!(&store.statement_snapshot(*id).unwrap(), snap);
    }
    assert!(store.statement_snapshot(424242).is_err());
    assert!(store.statement_candidates(&with_all).unwrap().is_empty(), "all sent today");
    let later = StatementFilter { statement_date: d(2026, 12, 21), ..with_all.clone() };
    assert!(store.statement_candidates(&later).unwrap().iter().any(|c| c.account == parent_key), "28 days later");

    // The next statement starts from the last one: previous balance, activity since.
    let pay = PaymentInput {
        patient_id: f.parent,
        received_on: Some(today()),
        method: PaymentMethod::Check,
        reference: "1001".into(),
        amount: m(1000),
        apply: ApplyTo::OldestFirst,
    };
    store.post_patient_payment(&pay, &Actor::user("tester", Source::App)).unwrap();
    let next = store.statement_data(parent_key, d(2026, 12, 21), &contact).unwrap();
    assert_eq!(next.last_statement, Some(today()));
    assert_eq!(next.previous_balance, m(3 * 15500));
    // Today's payment came after the run: it is the next statement's activity.
    assert_eq!(next.patient_balance, m(3 * 15500 - 1000));
    assert_eq!(next.lines.len(), 1);
    assert_eq!(next.lines[0].credits, Some(m(1000)));
    let listed = store.statements_for_patient(f.parent).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].amount_due, m(3 * 15500));
}

fn contact(store: &Store) -> PracticeContact {
    PracticeContact::from_practice(&store.practice().unwrap())
}

/// A visit of 11/02/2026 billed to insurance and answered only on 02/19/2027 (110 days later):
/// paid 80.00, 20.00 written off, 25.00 coinsurance left to the patient. A statement ages
/// that share from 02/19, the day it became the patient's: the first statement asking for it
/// is a reminder, later ones climb to past due and final notice. The AR aging report keeps
/// the date of service, and the collections worklist and final-notice runs follow statements.
#[test]
fn a_share_set_by_insurance_yesterday_is_a_reminder_and_later_statements_escalate() {
    let dir = tempfile::tempdir().unwrap();
    let Billed { mut store, patient, control, .. } = billed(dir.path(), "a.claimdesk");
    let key = StatementAccount::Patient { patient_id: patient };
    let answered = d(2027, 2, 19);
    store.set_today(answered);
    store.post_eob(&eob(&control, 8000, 2000, 2500, "2"), answered, &Actor::user("tester", Source::App)).unwrap();
    let contact = contact(&store);

    let first_day = d(2027, 2, 20);
    store.set_today(first_day);
    let first = store.statement_data(key, first_day, &contact).unwrap();
    assert_eq!(first.patient_balance, m(2500));
    assert_eq!(first.message_level, MessageLevel::Reminder, "the share is a day old, the visit 110 days");
    assert!(!first.message.contains("PAST DUE") && !first.message.contains("FINAL NOTICE"), "{}", first.message);
    assert_eq!(first.aging.current, m(2500));
    let run = store.with_tx(|tx| tx.record_statement_run(&filter(), "", std::slice::from_ref(&first))).unwrap();
    assert_eq!(store.statements_for_patient(patient).unwrap()[0].message_level, MessageLevel::Reminder);
    assert_eq!(run.statement_ids.len(), 1);

    // Nothing paid: each later statement is more urgent than the last.
    let levels: Vec<(NaiveDate, MessageLevel, Money)> = [d(2027, 3, 22), d(2027, 4, 21), d(2027, 5, 21)]
        .into_iter()
        .map(|day| {
            store.set_today(day);
            let s = store.statement_data(key, day, &contact).unwrap();
            let aged = match s.message_level {
                MessageLevel::Reminder => s.aging.days_31_60,
                MessageLevel::PastDue => s.aging.days_61_90,
                MessageLevel::FinalNotice => s.aging.over_90,
            };
            (day, s.message_level, aged)
        })
        .collect();
    assert_eq!(
        levels,
        [
            (d(2027, 3, 22), MessageLevel::Reminder, m(2500)),
            (d(2027, 4, 21), MessageLevel::PastDue, m(2500)),
            (d(2027, 5, 21), MessageLevel::FinalNotice, m(2500)),
        ]
    );

    // The AR aging report still ages by date of service: on 02/20 the 25.00 is over 90 days.
    use claimdesk_store::{AgingBy, AgingFilter};
    let report = store.report_aging(&AgingFilter { as_of: first_day, by: AgingBy::Guarantor }).unwrap();
    assert_eq!(report.totals.days_91_120, m(2500), "{report:?}");

    // Final-notice runs and the collections worklist agree with the statements.
    let finals = |store: &Store, day| {
        let f = StatementFilter { statement_date: day, days_since_last: 0, final_notice_only: true, ..filter() };
        store.statement_candidates(&f).unwrap().len()
    };
    let worklist = |store: &Store| {
        store
            .collections_worklist(&CollectionsFilter {
                days_without_payment: 60,
                min_balance: m(500),
                include_sent: false,
            })
            .unwrap()
            .len()
    };
    store.set_today(first_day);
    assert_eq!((finals(&store, first_day), worklist(&store)), (0, 0), "told about it yesterday");
    store.set_today(d(2027, 5, 21));
    assert_eq!((finals(&store, d(2027, 5, 21)), worklist(&store)), (1, 1));
}

/// A returned check puts back what was owed since the day it became the patient's, not since
/// the day the check bounced.
#[test]
fn a_returned_check_does_not_make_an_old_balance_young() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = owing(dir.path(), "r.claimdesk"); // 100.00 the patient's since 11/15/2026
    store.set_today(d(2026, 11, 20));
    let check = PaymentInput {
        patient_id: patient,
        received_on: Some(d(2026, 11, 20)),
        method: PaymentMethod::Check,
        reference: "1042".into(),
        amount: m(10000),
        apply: ApplyTo::OldestFirst,
    };
    let posting = store.post_patient_payment(&check, &Actor::user("tester", Source::App)).unwrap().posting_id;
    assert_eq!(store.account_balance(patient).unwrap().patient_due, m(0));
    store.set_today(d(2027, 2, 20));
    store.reverse_posting(posting, "returned check", &Actor::user("tester", Source::App)).unwrap();
    let s = store
        .statement_data(StatementAccount::Patient { patient_id: patient }, d(2027, 2, 20), &contact(&store))
        .unwrap();
    assert_eq!(s.patient_balance, m(10000));
    assert_eq!(s.aging.over_90, m(10000), "97 days since the denial");
    assert_eq!(s.message_level, MessageLevel::FinalNotice);
}

/// Statements need a mailing address. A guarantor entered without one lives with the patient
/// (their address is used, as on claims); a patient registered without an address (an
/// emergency visit) is held out of the run with the reason, and their record says so.
#[test]
fn a_guarantor_without_a_mailing_address_is_held_out_and_the_record_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "h.claimdesk");
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();

    // A child whose guardian was typed in without an address: statements go to the child's.
    let mut kid = patient("Ortiz", "Ana", d(2014, 3, 3));
    kid.guarantor = Responsible::Person { person: person("Ortiz", "Luis", Some(d(1982, 4, 4))) };
    kid.guarantor_relationship = Relationship::Child;
    let kid = store.save_patient(&kid, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    store.save_visit(&visit(kid, provider, d(2026, 11, 2)), &Actor::user("tester", Source::App)).unwrap();

    // Registered at an emergency visit without an address, with a child of their own.
    let mut walk_in = patient("Reyes", "Dana", d(1975, 8, 8));
    walk_in.address = Address::default();
    let walk_in = store.save_patient(&walk_in, &Actor::user("tester", Source::App)).unwrap();
    let walk_in_id = walk_in.id.unwrap();
    let mut child = patient("Reyes", "Tomas", d(2016, 6, 6));
    child.guarantor = Responsible::Patient { patient_id: walk_in_id, name: walk_in.display_name() };
    child.guarantor_relationship = Relationship::Child;
    let child = store.save_patient(&child, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    store.save_visit(&visit(child, provider, d(2026, 11, 10)), &Actor::user("tester", Source::App)).unwrap();

    let candidates = store.statement_candidates(&filter()).unwrap();
    assert_eq!(candidates.len(), 2);
    let party = candidates.iter().find(|c| matches!(c.account, StatementAccount::Party { .. })).unwrap();
    assert_eq!(party.held_out, None, "the guardian lives with the child");
    let s = store.statement_data(party.account, today(), &contact(&store)).unwrap();
    assert_eq!(s.guarantor_address, store.get_patient(kid).unwrap().address, "not a name alone in the window");
    let family = StatementAccount::Patient { patient_id: walk_in_id };
    let held = candidates.iter().find(|c| c.account == family).unwrap();
    assert_eq!(held.held_out, Some(HeldReason::NoMailingAddress));
    assert_eq!(HeldReason::NoMailingAddress.message(), "No mailing address: add it on the patient's record");

    // Both records say where statements go, and whether they can be mailed.
    let mailing = store.statement_mailing(child).unwrap();
    assert_eq!((mailing.account, mailing.name.as_str()), (family, "Dana Reyes"));
    assert_eq!(mailing.held_out, Some(HeldReason::NoMailingAddress));
    assert_eq!(store.statement_mailing(walk_in_id).unwrap().held_out, Some(HeldReason::NoMailingAddress));
    let guardian = store.statement_mailing(kid).unwrap();
    assert_eq!((guardian.name.as_str(), guardian.held_out), ("Luis Ortiz", None));
    assert!(store.statement_mailing(424242).is_err());

    // The address is added: statements go out.
    let mut found = store.get_patient(walk_in_id).unwrap();
    found.address = address("5 Pecan Ct", "Austin", "TX", "78704");
    store.save_patient(&found, &Actor::user("tester", Source::App)).unwrap();
    assert_eq!(store.statement_mailing(child).unwrap().held_out, None);
    let again = store.statement_candidates(&filter()).unwrap();
    assert!(again.iter().all(|c| c.held_out.is_none()));
}

/// A statement line says what the service was in the practice's own words (the fee
/// schedule's description), or gives the code when the schedule has no description; the
/// recorded statement keeps the words even after the fee schedule changes.
#[test]
fn lines_carry_the_fee_schedule_description_and_reprints_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "f.claimdesk");
    let fee = |code: &str, cents: i64, description: &str| FeeEntry {
        id: None,
        payer_id: None,
        schedule_name: String::new(),
        code: code.into(),
        modifier: String::new(),
        description: description.into(),
        amount: m(cents),
        effective_from: Some(d(2026, 1, 1)),
        effective_to: None,
    };
    let office = store.save_fee(&fee("99213", 12500, "Office visit, established")).unwrap();
    store.save_fee(&fee("87880", 3000, "")).unwrap();
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let who = store
        .save_patient(&patient("Lee", "Sam", d(1970, 2, 2)), &Actor::user("tester", Source::App))
        .unwrap()
        .id
        .unwrap();
    store.save_visit(&visit(who, provider, d(2026, 11, 2)), &Actor::user("tester", Source::App)).unwrap();

    let key = StatementAccount::Patient { patient_id: who };
    let s = store.statement_data(key, today(), &contact(&store)).unwrap();
    let words: Vec<&str> = s.lines.iter().map(|l| l.description.as_str()).collect();
    assert_eq!(words, ["Office visit, established", "Service 87880"]);

    let run = store.with_tx(|tx| tx.record_statement_run(&filter(), "", std::slice::from_ref(&s))).unwrap();
    store.save_fee(&FeeEntry { description: "Established patient visit".into(), ..office }).unwrap();
    let now = store.statement_data(key, today(), &contact(&store)).unwrap();
    assert_eq!(now.lines[0].description, "Established patient visit");
    let kept = store.statement_snapshot(run.statement_ids[0]).unwrap();
    assert_eq!(kept.lines[0].description, "Office visit, established", "the reprint says what was sent");
}
