//! Registering, editing, deactivating and finding patients on a real practice file.

mod common;
use claimdesk_store::{Actor, Source};
use common::*;

use claimdesk_core::*;
use claimdesk_store::{SearchOptions, Store, StoreError};

fn fields(err: StoreError) -> Vec<String> {
    match err {
        StoreError::Invalid(inv) => inv.0.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other}"),
    }
}

/// A child whose mother (not a patient) is guarantor and primary subscriber, with a
/// secondary policy of her own, and an eligibility note.
fn child_with_two_policies(primary_payer: i64, secondary_payer: i64) -> Patient {
    let mut mother = person("Garcia-Lopez", "Elena", Some(d(1985, 7, 9)));
    mother.sex = Sex::F;
    mother.phone = "512-555-0155".into();
    let mut p = patient("Garcia-Lopez", "Mateo", d(2016, 2, 29));
    p.sex = Sex::M;
    p.guarantor = Responsible::Person { person: mother.clone() };
    p.guarantor_relationship = Relationship::Child;
    let mut primary = policy(primary_payer, "w123-456-789");
    primary.subscriber = Responsible::Person { person: mother };
    primary.relationship = Relationship::Child;
    primary.eligibility.push(EligibilityCheck {
        id: None,
        checked_on: Some(d(2026, 11, 20)),
        status: EligibilityStatus::Active,
        note: "Portal: active, $25 copay, deductible met".into(),
    });
    let mut secondary = policy(secondary_payer, "MCD998877");
    secondary.copay = Money::ZERO;
    p.policies = vec![primary, secondary];
    p
}

#[test]
fn registration_round_trips_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, acme) = store_with_payer(dir.path(), "p.claimdesk");
    let medicaid = store.save_payer(&payer("Texas Medicaid", "TXMCD", PayerKind::Medicaid)).unwrap().id.unwrap();
    let saved =
        store.save_patient(&child_with_two_policies(acme, medicaid), &Actor::user("tester", Source::App)).unwrap();

    assert_eq!(saved.account_number, "1001");
    assert_eq!(saved.address.zip, "787021234");
    assert_eq!(saved.home_phone, "5125550111");
    assert_eq!(saved.policies.len(), 2);
    let primary = &saved.policies[0];
    assert_eq!(primary.payer_name, "Acme Health");
    assert_eq!(primary.member_id, "W123-456-789");
    assert_eq!(primary.copay.to_string(), "25.00");
    assert_eq!(primary.relationship, Relationship::Child);
    match &primary.subscriber {
        Responsible::Person { person } => {
            assert_eq!(person.first_name, "Elena");
            assert_eq!(person.birth_date, Some(d(1985, 7, 9)));
        }
        other => panic!("subscriber should be the mother, got {other:?}"),
    }
    assert_eq!(primary.eligibility.len(), 1);
    assert_eq!(primary.eligibility[0].status, EligibilityStatus::Active);
    assert_eq!(saved.policies[1].payer_name, "Texas Medicaid");
    assert!(matches!(saved.guarantor, Responsible::Person { .. }));

    // Reopen the file: what was saved is what comes back.
    let path = store.path().unwrap().to_path_buf();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.get_patient(saved.id.unwrap()).unwrap(), saved);
    assert_eq!(store.get_patient_by_account("1001").unwrap(), saved);
}

#[test]
fn editing_reorders_policies_and_keeps_eligibility_history() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, acme) = store_with_payer(dir.path(), "p.claimdesk");
    let medicaid = store.save_payer(&payer("Texas Medicaid", "TXMCD", PayerKind::Medicaid)).unwrap().id.unwrap();
    let mut saved =
        store.save_patient(&child_with_two_policies(acme, medicaid), &Actor::user("tester", Source::App)).unwrap();

    // Swap primary and secondary, add a verification to the (new) secondary.
    saved.policies.swap(0, 1);
    saved.policies[1].eligibility.push(EligibilityCheck {
        id: None,
        checked_on: Some(d(2026, 11, 22)),
        status: EligibilityStatus::Inactive,
        note: "Termed 10/31".into(),
    });
    saved.first_name = "Matthew".into();
    let edited = store.save_patient(&saved, &Actor::user("tester", Source::App)).unwrap();
    assert_eq!(edited.account_number, "1001", "the account number never changes");
    assert_eq!(edited.first_name, "Matthew");
    assert_eq!(edited.policies[0].payer_name, "Texas Medicaid");
    assert_eq!(edited.policies[1].payer_name, "Acme Health");
    let notes: Vec<&str> = edited.policies[1].eligibility.iter().map(|e| e.note.as_str()).collect();
    assert_eq!(notes, ["Termed 10/31", "Portal: active, $25 copay, deductible met"]);

    // Dropping a policy keeps it on file (claims may point at it) but out of the order.
    let mut one = edited.clone();
    one.policies.truncate(1);
    let after = store.save_patient(&one, &Actor::user("tester", Source::App)).unwrap();
    assert_eq!(after.policies.len(), 1);
    assert!(store.search_patients("W123", &SearchOptions::default()).unwrap().is_empty());
    assert_eq!(store.search_patients("MCD998877", &SearchOptions::default()).unwrap().len(), 1);
}

#[test]
fn refused_input_names_the_field_and_leaves_the_file_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, acme) = store_with_payer(dir.path(), "p.claimdesk");
    store.save_patient(&patient("Keep", "Me", d(1990, 1, 1)), &Actor::user("tester", Source::App)).unwrap();
    let path = store.path().unwrap().to_path_buf();
    let before = dump(&path);

    let mut future = patient("Doe", "Jane", d(2027, 1, 1));
    future.policies.push(policy(acme, "X1"));
    assert_eq!(fields(store.save_patient(&future, &Actor::user("tester", Source::App)).unwrap_err()), ["birth_date"]);

    let mut bad_zip = patient("Doe", "Jane", d(1980, 1, 1));
    bad_zip.address.zip = "123".into();
    bad_zip.address.state = "ZZ".into();
    assert_eq!(
        fields(store.save_patient(&bad_zip, &Actor::user("tester", Source::App)).unwrap_err()),
        ["address.state", "address.zip"]
    );

    let mut bad_dates = patient("Doe", "Jane", d(1980, 1, 1));
    let mut pol = policy(acme, "X1");
    pol.effective_to = Some(d(2024, 1, 1));
    bad_dates.policies.push(pol);
    assert_eq!(
        fields(store.save_patient(&bad_dates, &Actor::user("tester", Source::App)).unwrap_err()),
        ["policies[0].effective_to"]
    );

    let mut unknown_payer = patient("Doe", "Jane", d(1980, 1, 1));
    unknown_payer.policies.push(policy(9999, "X1"));
    assert_eq!(
        fields(store.save_patient(&unknown_payer, &Actor::user("tester", Source::App)).unwrap_err()),
        ["policies[0].payer_id"]
    );

    // A valid guarantor person saved before a later failure must not survive: one transaction.
    let mut late_failure = patient("Doe", "Jane", d(1980, 1, 1));
    late_failure.guarantor = Responsible::Person { person: person("Doe", "John", None) };
    late_failure.guarantor_relationship = Relationship::Child;
    late_failure.account_number = "1001".into();
    assert_eq!(
        fields(store.save_patient(&late_failure, &Actor::user("tester", Source::App)).unwrap_err()),
        ["account_number"]
    );

    assert_eq!(dump(&path), before, "refused saves must not change a single row");
    assert_eq!(store.count_patients().unwrap(), 1);
}

#[test]
fn account_numbers_are_generated_unique_or_kept_from_an_old_system() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "p.claimdesk");
    let mut imported = patient("Old", "System", d(1950, 1, 1));
    imported.account_number = "1002".into();
    store.save_patient(&imported, &Actor::user("tester", Source::App)).unwrap();
    let a = store.save_patient(&patient("A", "A", d(1990, 1, 1)), &Actor::user("tester", Source::App)).unwrap();
    let b = store.save_patient(&patient("B", "B", d(1990, 1, 1)), &Actor::user("tester", Source::App)).unwrap();
    // 1002 was taken by the imported patient, so the generator skips it.
    assert_eq!([a.account_number.as_str(), b.account_number.as_str()], ["1001", "1003"]);
}

#[test]
fn deactivate_needs_a_reason_and_hides_from_default_search() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_payer(dir.path(), "p.claimdesk");
    let id = store
        .save_patient(&patient("Moved", "Away", d(1990, 1, 1)), &Actor::user("tester", Source::App))
        .unwrap()
        .id
        .unwrap();
    assert_eq!(fields(store.set_patient_active(id, false, " ").unwrap_err()), ["inactive_reason"]);
    let p = store.set_patient_active(id, false, "Moved out of state").unwrap();
    assert!(!p.active);
    assert!(store.search_patients("moved", &SearchOptions::default()).unwrap().is_empty());
    let all = SearchOptions { include_inactive: true, ..Default::default() };
    assert_eq!(store.search_patients("moved", &all).unwrap().len(), 1);
    let back = store.set_patient_active(id, true, "").unwrap();
    assert!(back.active && back.inactive_reason.is_empty());
}

#[test]
fn one_search_box_finds_by_every_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, acme) = store_with_payer(dir.path(), "p.claimdesk");
    let mut jane = patient("O'Brien-Smith", "Jane", d(1980, 5, 17));
    jane.cell_phone = "737-555-0199".into();
    jane.policies.push(policy(acme, "ZQH-4455667"));
    let jane = store.save_patient(&jane, &Actor::user("tester", Source::App)).unwrap();
    let mut other = patient("Smithers", "Waylon", d(1975, 5, 18));
    other.home_phone = "512-555-0122".into();
    store.save_patient(&other, &Actor::user("tester", Source::App)).unwrap();
    store.save_patient(&patient("Nguyen", "Jo", d(2001, 12, 1)), &Actor::user("tester", Source::App)).unwrap();

    let find = |q: &str| -> Vec<String> {
        store.search_patients(q, &SearchOptions::default()).unwrap().into_iter().map(|s| s.first_name).collect()
    };
    assert_eq!(find("obri"), ["Jane"]);
    assert_eq!(find("o'brien"), ["Jane"]);
    assert_eq!(find("smith"), ["Jane", "Waylon"], "name parts, sorted by last name");
    assert_eq!(find("smith ja"), ["Jane"]);
    assert_eq!(find("ja smi"), ["Jane"], "order of words does not matter");
    assert_eq!(find(&jane.account_number), ["Jane"]);
    assert_eq!(find("05/17/1980"), ["Jane"]);
    assert_eq!(find("1980-05-17"), ["Jane"]);
    assert_eq!(find("05171980"), ["Jane"]);
    assert_eq!(find("(737) 555-0199"), ["Jane"]);
    assert_eq!(find("0199"), ["Jane"], "last four digits of a phone");
    assert_eq!(find("5550122"), ["Waylon"]);
    assert_eq!(find("zqh4455"), ["Jane"], "member ID without its dash");
    assert_eq!(find("ZQH-4455667"), ["Jane"]);
    assert!(find("zzzz").is_empty());
    assert_eq!(find("").len(), 3, "an empty box lists patients by name");
    assert_eq!(find("\"*) OR ("), Vec::<String>::new(), "FTS syntax typed by accident is just text");
}

/// Siblings whose parent (not a patient) is typed in again for each child share one guarantor
/// record, so the household gets one statement; the same name with another birth date is
/// another person.
#[test]
fn the_same_parent_typed_for_two_children_is_one_guarantor() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, acme) = store_with_payer(dir.path(), "p.claimdesk");
    let medicaid = store.save_payer(&payer("Texas Medicaid", "TXMCD", PayerKind::Medicaid)).unwrap().id.unwrap();
    let first =
        store.save_patient(&child_with_two_policies(acme, medicaid), &Actor::user("tester", Source::App)).unwrap();
    let mut sibling = child_with_two_policies(acme, medicaid);
    sibling.first_name = "Lucia".into();
    sibling.birth_date = Some(d(2019, 5, 4));
    let second = store.save_patient(&sibling, &Actor::user("tester", Source::App)).unwrap();
    let party = |p: &Patient| match &p.guarantor {
        Responsible::Person { person } => person.id.unwrap(),
        other => panic!("a person guarantor, got {other:?}"),
    };
    assert_eq!(party(&first), party(&second), "one record for the mother");
    match &second.policies[0].subscriber {
        Responsible::Person { person } => assert_eq!(person.id, Some(party(&first)), "guarantor and subscriber too"),
        other => panic!("{other:?}"),
    }

    let mut namesake = child_with_two_policies(acme, medicaid);
    namesake.first_name = "Sofia".into();
    if let Responsible::Person { person } = &mut namesake.guarantor {
        person.birth_date = Some(d(1990, 1, 1));
    }
    let third = store.save_patient(&namesake, &Actor::user("tester", Source::App)).unwrap();
    assert_ne!(party(&third), party(&first), "same name, another birth date: another person");
}
