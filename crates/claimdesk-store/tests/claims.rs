//! Charge entry to clean claims on a real practice file: visits, claims, scrubbing, status
//! history, batches and corrections.

mod common;
use claimdesk_store::Actor;
use common::*;

use claimdesk_core::claims::{ClaimStatus, Frequency};
use claimdesk_core::*;
use claimdesk_store::{ClaimQueue, Source, Store, StoreError};

/// A practice file with a provider and an insured patient; returns (store, patient id, provider id).
fn setup(dir: &std::path::Path) -> (Store, i64, i64) {
    let (mut store, payer_id) = store_with_payer(dir, "claims.claimdesk");
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap();
    let mut p = patient("Doe", "Jane", d(1980, 5, 17));
    p.policies.push(policy(payer_id, "XYZ123"));
    let p = store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap();
    (store, p.id.unwrap(), provider.id.unwrap())
}

#[test]
fn a_visit_round_trips_with_diagnoses_and_lines_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = setup(dir.path());
    let saved =
        store.save_visit(&visit(patient, provider, d(2026, 11, 2)), &Actor::user("tester", Source::App)).unwrap();
    assert_eq!(saved.diagnoses, ["J02.0", "I10"]);
    assert_eq!(saved.lines.len(), 2);
    assert_eq!(saved.lines[0].pointers, [1, 2]);
    assert_eq!(saved.total_charge(), Money::from_cents(15500));
    let unbilled = store.list_unbilled_visits().unwrap();
    assert_eq!(unbilled.len(), 1);
    assert_eq!(unbilled[0].total_charge, Money::from_cents(15500));
}

#[test]
fn a_visit_for_an_unknown_provider_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, _) = setup(dir.path());
    let path = store.path().unwrap().to_path_buf();
    let before = dump(&path);
    match store.save_visit(&visit(patient, 999, d(2026, 11, 2)), &Actor::user("tester", Source::App)) {
        Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, "rendering_provider_id"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(dump(&path), before);
}

#[test]
fn claim_is_built_scrubbed_to_ready_and_submitted_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = setup(dir.path());
    let v = store.save_visit(&visit(patient, provider, d(2026, 11, 2)), &Actor::user("tester", Source::App)).unwrap();
    let claim = store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)).unwrap();
    assert_eq!(claim.status, ClaimStatus::Draft);
    assert_eq!(claim.charge, Money::from_cents(15500));
    assert!(store.list_unbilled_visits().unwrap().is_empty());

    let data = store.claim_data(claim.id).unwrap();
    assert_eq!(data.subscriber.last_name, "Doe");
    assert_eq!(data.visit.lines.len(), 2);
    assert_eq!(data.total_charge, data.lines_total());

    let result = store.scrub_claim(claim.id, &Actor::user("tester", Source::App)).unwrap();
    assert!(result.findings.iter().all(|f| f.severity == scrubber::Severity::Warning) || result.findings.is_empty());
    assert_eq!(result.status, ClaimStatus::Ready, "{:?}", result.findings);
    assert_eq!(store.list_claims(&ClaimQueue::Ready).unwrap().len(), 1);

    store.mark_submitted(&[claim.id], "paper", "batch.pdf", &Actor::user("tester", Source::App)).unwrap();
    let history: Vec<ClaimStatus> = store.claim_history(claim.id).unwrap().into_iter().map(|h| h.to_status).collect();
    assert_eq!(history, [ClaimStatus::Draft, ClaimStatus::Ready, ClaimStatus::Submitted]);
    // Submitted today: not yet in the no-response queue for 30 days, but in the 0-day one.
    assert!(store.list_claims(&ClaimQueue::NoResponse { days: 30 }).unwrap().is_empty());

    // A sent claim's visit cannot be edited; it is corrected with a replacement claim.
    let mut edited = store.get_visit(v.id.unwrap()).unwrap();
    edited.lines[0].charge = Money::from_cents(13000);
    assert!(matches!(store.save_visit(&edited, &Actor::user("tester", Source::App)), Err(StoreError::Conflict(_))));
    let correction = store
        .create_correction(claim.id, Frequency::Replacement, "icn-778899", &Actor::user("tester", Source::App))
        .unwrap();
    assert_eq!(correction.frequency, Frequency::Replacement);
    assert_eq!(store.claim_data(correction.id).unwrap().original_reference, "ICN-778899");
}

#[test]
fn scrubber_errors_keep_a_claim_in_draft_until_the_visit_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = setup(dir.path());
    let mut bad = visit(patient, provider, d(2026, 11, 2));
    bad.diagnoses[0] = "J02".into(); // a category header, not billable
    bad.lines[1].pointers = vec![3]; // points past the two diagnoses
    let v = store.save_visit(&bad, &Actor::user("tester", Source::App)).unwrap();
    let claim = store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)).unwrap();
    let result = store.scrub_claim(claim.id, &Actor::user("tester", Source::App)).unwrap();
    let rules: Vec<&str> = result.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"DIAGNOSIS_NOT_BILLABLE"), "{rules:?}");
    assert!(rules.contains(&"POINTER_BEYOND_DIAGNOSES"), "{rules:?}");
    assert_eq!(result.status, ClaimStatus::Draft);
    assert_eq!(store.list_claims(&ClaimQueue::ScrubberErrors).unwrap().len(), 1);
    assert!(store.mark_submitted(&[claim.id], "paper", "x.pdf", &Actor::user("tester", Source::App)).is_err());

    let mut fixed = store.get_visit(v.id.unwrap()).unwrap();
    fixed.diagnoses[0] = "J02.0".into();
    fixed.lines[1].pointers = vec![1];
    fixed.lines[1].charge = Money::from_cents(3500);
    store.save_visit(&fixed, &Actor::user("tester", Source::App)).unwrap();
    // The open claim follows the visit's new charges.
    assert_eq!(store.claim_summary(claim.id).unwrap().charge, Money::from_cents(16000));
    assert_eq!(store.scrub_claim(claim.id, &Actor::user("tester", Source::App)).unwrap().status, ClaimStatus::Ready);
}

#[test]
fn a_patient_without_insurance_cannot_be_billed_and_twins_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = setup(dir.path());
    let v = store.save_visit(&visit(patient, provider, d(2026, 11, 2)), &Actor::user("tester", Source::App)).unwrap();
    match store.create_claim(v.id.unwrap(), 2, &Actor::user("tester", Source::App)) {
        Err(StoreError::Invalid(inv)) => assert!(inv.0[0].message.contains("secondary")),
        other => panic!("expected a refusal, got {other:?}"),
    }
    store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)).unwrap();
    assert!(matches!(
        store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)),
        Err(StoreError::Conflict(_))
    ));
}

#[test]
fn lifecycle_moves_are_enforced() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patient, provider) = setup(dir.path());
    let v = store.save_visit(&visit(patient, provider, d(2026, 11, 2)), &Actor::user("tester", Source::App)).unwrap();
    let claim = store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)).unwrap();
    assert!(matches!(
        store.set_claim_status(claim.id, ClaimStatus::Paid, "", &Actor::user("tester", Source::App)),
        Err(StoreError::Conflict(_))
    ));
    store.set_claim_status(claim.id, ClaimStatus::Ready, "", &Actor::user("tester", Source::App)).unwrap();
    store.mark_submitted(&[claim.id], "electronic", "batch.837", &Actor::user("tester", Source::Cli)).unwrap();
    store.set_claim_status(claim.id, ClaimStatus::Denied, "CO-16", &Actor::user("tester", Source::App)).unwrap();
    store
        .set_claim_status(claim.id, ClaimStatus::Appealed, "sent records", &Actor::user("tester", Source::App))
        .unwrap();
    assert_eq!(store.claim_summary(claim.id).unwrap().status, ClaimStatus::Appealed);
}

#[test]
fn control_numbers_only_ever_increase_and_a_clearinghouse_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, _) = setup(dir.path());
    assert!(matches!(store.clearinghouse(None), Err(StoreError::NotFound(_))));
    let ch = claimdesk_core::clearinghouse::Clearinghouse {
        id: None,
        name: "Test clearinghouse".into(),
        submitter_name: "Riverside Family Medicine".into(),
        submitter_id: "SUB12345".into(),
        contact_name: "Billing office".into(),
        contact_phone: "512-555-0100".into(),
        receiver_name: "Clearinghouse Inc".into(),
        receiver_id: "CH0001".into(),
        sender_qualifier: "ZZ".into(),
        sender_id: "SUB12345".into(),
        receiver_qualifier: "ZZ".into(),
        interchange_receiver_id: "CH0001".into(),
        production: false,
        is_default: true,
    };
    let saved = store.save_clearinghouse(&ch).unwrap();
    assert_eq!(store.clearinghouse(None).unwrap(), saved);
    let a = store.reserve_control_numbers(2).unwrap();
    let b = store.reserve_control_numbers(1).unwrap();
    assert_eq!(b.interchange, a.interchange + 1);
    assert_eq!(b.group, a.group + 1);
    assert_eq!(b.first_transaction_set, a.first_transaction_set + 2, "two ST numbers were taken by the first file");
    drop(store);
    let mut reopened = Store::open(&dir.path().join("claims.claimdesk")).unwrap();
    assert_eq!(reopened.reserve_control_numbers(1).unwrap().interchange, b.interchange + 1);
}

/// Copies `tables` from the file `from` into the older file `into`, only the columns `into` has.
fn copy_rows_known_to(from: &std::path::Path, into: &std::path::Path, tables: &[&str]) {
    let conn = rusqlite::Connection::open(into).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS newer", [from.to_str().unwrap()]).unwrap();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let list = columns.join(", ");
        conn.execute(&format!("INSERT INTO main.{table} ({list}) SELECT {list} FROM newer.{table}"), []).unwrap();
    }
}

#[test]
fn a_file_from_before_migration_11_keeps_its_unbilled_queue() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.claimdesk");
    // Two visits and a claim for one, as a build that knew migrations 1 to 10 wrote them (no
    // billed mark on visits, no triggers keeping it): made by today's code in a current file,
    // then the columns that version had copied into a file created at version 10.
    let current = dir.path().join("current.claimdesk");
    let mut store = Store::create(&current, &practice("Riverside Family Medicine")).unwrap();
    store.set_today(today());
    let payer_id = store.save_payer(&payer("Acme Health", "ACME1", PayerKind::Commercial)).unwrap().id.unwrap();
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let mut p = patient("Doe", "Jane", d(1980, 5, 17));
    p.policies.push(policy(payer_id, "XYZ123"));
    let patient = store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    let billed = store
        .save_visit(&visit(patient, provider, d(2026, 11, 2)), &Actor::user("tester", Source::App))
        .unwrap()
        .id
        .unwrap();
    let waiting = store
        .save_visit(&visit(patient, provider, d(2026, 11, 3)), &Actor::user("tester", Source::App))
        .unwrap()
        .id
        .unwrap();
    drop(store);
    drop(Store::create_at_version(&path, &practice("Riverside Family Medicine"), 10).unwrap());
    copy_rows_known_to(
        &current,
        &path,
        &["payers", "providers", "patients", "policies", "visits", "visit_diagnoses", "service_lines"],
    );
    // The claim as that build wrote it (today's `create_claim` also fills migration 12's columns).
    let conn = rusqlite::Connection::open(&path).unwrap();
    let policy_id: i64 =
        conn.query_row("SELECT id FROM policies WHERE patient_id = ?1", [patient], |r| r.get(0)).unwrap();
    conn.execute(
        "INSERT INTO claims (control_number, visit_id, policy_id, payer_id, payer_rank, status, accept_assignment,
                             total_charge_cents, created_at)
         VALUES ('C000001', ?1, ?2, ?3, 1, 'draft', 1, 12500, '2026-11-02T09:00:00Z')",
        rusqlite::params![billed, policy_id, payer_id],
    )
    .unwrap();
    drop(conn);

    // Migration 11 marks the visit that has a claim; the queue lists the other one only.
    let mut store = Store::open(&path).unwrap();
    let queue: Vec<i64> = store.list_unbilled_visits().unwrap().iter().map(|v| v.id).collect();
    assert_eq!(queue, [waiting]);
    // And from then on a claim takes its visit off the queue in the same transaction.
    store.create_claim(waiting, 1, &Actor::user("tester", Source::App)).unwrap();
    assert!(store.list_unbilled_visits().unwrap().is_empty());
}
