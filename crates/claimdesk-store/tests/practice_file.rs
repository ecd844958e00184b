//! Practice files on disk: create, open, migrate, refuse what is not ours, stay isolated.

mod common;
use claimdesk_store::{Actor, Source};
use common::*;

use claimdesk_store::{migrations, SearchOptions, Store, StoreError};

#[test]
fn create_then_reopen_keeps_the_practice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("riverside.claimdesk");
    let store = Store::create(&path, &practice("Riverside Family Medicine")).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
    drop(store);
    let store = Store::open(&path).unwrap();
    let p = store.practice().unwrap();
    assert_eq!(p.name, "Riverside Family Medicine");
    assert_eq!(p.tax_id, "741234567");
    assert!(store.check().unwrap().is_empty());
    // WAL and foreign keys are on for the connection the store uses.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn create_refuses_an_existing_file_and_bad_practice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.claimdesk");
    std::fs::write(&path, b"keep me").unwrap();
    assert!(matches!(Store::create(&path, &practice("A")), Err(StoreError::AlreadyExists(_))));
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");

    let mut bad = practice("B");
    bad.npi = "1245319598".into();
    let other = dir.path().join("y.claimdesk");
    match Store::create(&other, &bad) {
        Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, "npi"),
        other => panic!("expected invalid npi, got {:?}", other.err()),
    }
    assert!(!other.exists(), "a refused practice leaves no file behind");
}

#[test]
fn open_refuses_files_that_are_not_practice_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello, this is not a database at all; it is long enough to have a header").unwrap();
    assert!(matches!(Store::open(&text), Err(StoreError::NotAPracticeFile(_))));

    let other_db = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other_db).unwrap().execute_batch("CREATE TABLE t (x INTEGER);").unwrap();
    assert!(matches!(Store::open(&other_db), Err(StoreError::NotAPracticeFile(_))));

    assert!(matches!(Store::open(&dir.path().join("missing.claimdesk")), Err(StoreError::NotFound(_))));
}

#[test]
fn a_file_made_by_migration_1_opens_and_migrates_to_the_latest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.claimdesk");
    // A file as a build that knew only migration 1 would have left it, with a patient.
    let store = Store::create_at_version(&path, &practice("Riverside Family Medicine"), 1).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    drop(store);
    // Rows written the way that build wrote them: its columns only (today's code writes the
    // columns later migrations added), with the patient in the search index.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO payers (id, name, kind, payer_id, address_line1, city, state, zip, claim_filing_indicator,
                             timely_filing_days, accept_assignment)
             VALUES (1, 'Acme Health', 'commercial', 'ACME1', 'PO Box 1000', 'Dallas', 'TX', '75201', 'CI', 90, 1);
         INSERT INTO patients (id, account_number, last_name, first_name, birth_date, sex, address_line1, city, state,
                               zip, guarantor_relationship, created_at, updated_at)
             VALUES (1, '1001', 'Doe', 'Jane', '1980-05-17', 'F', '12 Oak Ave', 'Austin', 'TX', '78702', 'self',
                     '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');
         INSERT INTO policies (patient_id, priority, payer_id, member_id, relationship, effective_from)
             VALUES (1, 1, 1, 'XYZ123', 'self', '2025-01-01');
         INSERT INTO patient_search (rowid, terms) VALUES (1, 'doe jane d19800517 xyz123');",
    )
    .unwrap();
    let visits_table: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'visits'", [], |r| r.get(0)).unwrap();
    assert_eq!(visits_table, 0, "a version-1 file has no visits table");
    drop(conn);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
    let found = store.search_patients("doe", &SearchOptions::default()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].primary_member_id, "XYZ123");
    assert!(store.list_unbilled_visits().unwrap().is_empty(), "the new tables are there");
    assert!(store.check().unwrap().is_empty());
    // The file as it was before the upgrade is kept beside it.
    let backup = path.with_extension("before-v2.claimdesk");
    assert!(backup.exists(), "a copy is taken before migrating");
    assert_eq!(Store::open_at_version(&backup, 1).unwrap().schema_version().unwrap(), 1);
}

#[test]
fn a_file_from_a_newer_claimdesk_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = store_with_payer(dir.path(), "new.claimdesk");
    let path = store.path().unwrap().to_path_buf();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x', '2030-01-01T00:00:00Z')", []).unwrap();
    drop(conn);
    let before = dump(&path);
    match Store::open(&path) {
        Err(StoreError::NewerFile { file: 999, .. }) => {}
        other => panic!("expected NewerFile, got {:?}", other.err()),
    }
    assert_eq!(dump(&path), before);
}

#[test]
fn an_edited_migration_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = store_with_payer(dir.path(), "edited.claimdesk");
    let path = store.path().unwrap().to_path_buf();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1", []).unwrap();
    drop(conn);
    assert!(matches!(Store::open(&path), Err(StoreError::MigrationChanged { version: 1 })));
}

#[test]
fn two_practice_files_stay_isolated() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, payer_a) = store_with_payer(dir.path(), "client-a.claimdesk");
    let (mut b, payer_b) = store_with_payer(dir.path(), "client-b.claimdesk");
    let mut pa = patient("Alvarez", "Maria", d(1970, 1, 2));
    pa.policies.push(policy(payer_a, "AAA111"));
    let mut pb = patient("Brown", "Tom", d(1960, 3, 4));
    pb.policies.push(policy(payer_b, "BBB222"));
    let saved_a = a.save_patient(&pa, &Actor::user("tester", Source::App)).unwrap();
    let saved_b = b.save_patient(&pb, &Actor::user("tester", Source::App)).unwrap();
    // Each file numbers its own accounts.
    assert_eq!(saved_a.account_number, saved_b.account_number);

    let opts = SearchOptions::default();
    assert_eq!(a.search_patients("alvarez", &opts).unwrap().len(), 1);
    assert!(a.search_patients("brown", &opts).unwrap().is_empty());
    assert!(a.search_patients("BBB222", &opts).unwrap().is_empty());
    assert_eq!(b.search_patients("brown", &opts).unwrap().len(), 1);
    assert!(b.search_patients("alvarez", &opts).unwrap().is_empty());
    assert_eq!(a.count_patients().unwrap(), 1);
    assert_eq!(b.count_patients().unwrap(), 1);
    drop((a, b));
    assert!(!dump(&dir.path().join("client-b.claimdesk")).contains("Alvarez"));
    assert!(!dump(&dir.path().join("client-a.claimdesk")).contains("Brown"));
}

#[test]
fn the_fingerprint_follows_the_records_not_logins_or_the_audit_trail() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = store_with_payer(dir.path(), "fp.claimdesk");
    let before = store.fingerprint().unwrap();
    assert_eq!(before.len(), 64);
    assert_eq!(store.fingerprint().unwrap(), before, "reading changes nothing");
    let path = store.path().unwrap().to_path_buf();
    drop(store);
    assert_eq!(Store::open(&path).unwrap().fingerprint().unwrap(), before, "opening again changes nothing");
    let mut store = Store::open(&path).unwrap();
    store.set_today(today());
    store.save_payer(&payer("Other Health", "OTH01", claimdesk_core::PayerKind::Commercial)).unwrap();
    assert_ne!(store.fingerprint().unwrap(), before, "a new record changes it");
}
