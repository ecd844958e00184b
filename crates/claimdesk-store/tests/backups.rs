//! The store's part of backups (migration 14): the settings and their defaults, the log, a
//! snapshot of the open file that another store opens read-only, and what is not ours refused.

mod common;
use common::*;

use claimdesk_store::files::keyring_path;
use claimdesk_store::{BackupSettings, NewBackupLog, Store, StoreError};

#[test]
fn settings_default_to_seven_four_twelve_and_a_two_day_warning_and_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("p.claimdesk"), &practice("Riverside Family Medicine")).unwrap();
    assert_eq!(store.backup_settings().unwrap(), BackupSettings::default());
    assert_eq!(
        BackupSettings::default(),
        BackupSettings { folder: String::new(), keep_daily: 7, keep_weekly: 4, keep_monthly: 12, warn_after_days: 2 }
    );
    let wanted = BackupSettings { folder: "  /media/usb  ".into(), keep_weekly: 0, ..BackupSettings::default() };
    let saved = store.with_tx(|tx| tx.save_backup_settings(&wanted)).unwrap();
    assert_eq!(saved.folder, "/media/usb");
    assert_eq!(store.backup_settings().unwrap(), saved);
    let bad = BackupSettings { folder: "a\u{7}b".into(), keep_monthly: 999, ..BackupSettings::default() };
    let Err(StoreError::Invalid(inv)) = store.with_tx(|tx| tx.save_backup_settings(&bad)) else { panic!("refused") };
    let fields: Vec<_> = inv.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["folder", "keep_monthly"]);
    assert_eq!(store.backup_settings().unwrap(), saved, "a refusal changes nothing");
}

#[test]
fn the_log_answers_the_last_verified_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("p.claimdesk"), &practice("Riverside Family Medicine")).unwrap();
    assert_eq!(store.last_verified_backup().unwrap(), None);
    let entry = |at: &str, verified: bool| NewBackupLog {
        taken_at: at.into(),
        file_name: format!("p.claimdesk.backup-{at}.claimdesk"),
        folder: "/b".into(),
        verified,
        ..NewBackupLog::default()
    };
    store.with_tx(|tx| tx.log_backup(&entry("2026-03-01T10:00:00Z", true))).unwrap();
    store.with_tx(|tx| tx.log_backup(&entry("2026-03-02T10:00:00Z", false))).unwrap();
    let last = store.last_verified_backup().unwrap().unwrap();
    assert_eq!(last.taken_at, "2026-03-01T10:00:00Z");
    let log = store.backup_log(10).unwrap();
    assert_eq!(log.len(), 2);
    assert!(!log[0].verified);
}

#[test]
fn a_snapshot_is_the_file_at_that_moment_and_opens_read_only_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, payer) = store_with_payer(dir.path(), "p.claimdesk");
    let _ = payer;
    store.with_tx(|tx| tx.save_patient(&patient("Rivera", "Ana", d(1980, 5, 17)))).unwrap();
    let dest = dir.path().join("snap.claimdesk");
    store.snapshot_into(&dest).unwrap();
    assert!(matches!(store.snapshot_into(&dest), Err(StoreError::AlreadyExists(_))));
    let before = std::fs::read(&dest).unwrap();
    let snap = store.open_sibling(&dest).unwrap();
    assert_eq!(snap.table_counts().unwrap(), store.table_counts().unwrap());
    assert!(snap.check().unwrap().is_empty());
    assert_eq!(snap.practice().unwrap().name, store.practice().unwrap().name);
    // Read-only: nothing is written to it, or beside it.
    assert!(snap.backup_settings().is_ok());
    let mut snap = snap;
    assert!(snap.with_tx(|tx| tx.save_backup_settings(&BackupSettings::default())).is_err());
    drop(snap);
    assert_eq!(std::fs::read(&dest).unwrap(), before);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.starts_with("snap.claimdesk-")), "{names:?}");
    assert_eq!(keyring_path(&dest), dir.path().join("snap.claimdesk.keys"));
}

#[test]
fn open_sibling_refuses_what_is_not_a_practice_file_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("p.claimdesk"), &practice("Riverside Family Medicine")).unwrap();
    let text = dir.path().join("notes.claimdesk");
    std::fs::write(&text, b"not a database at all, just some text that is long enough").unwrap();
    assert!(matches!(store.open_sibling(&text), Err(StoreError::NotAPracticeFile(_))));
    assert_eq!(std::fs::read(&text).unwrap(), b"not a database at all, just some text that is long enough");
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    assert!(matches!(store.open_sibling(&other), Err(StoreError::NotAPracticeFile(_))));
    assert!(matches!(store.open_sibling(&dir.path().join("missing")), Err(StoreError::NotFound(_))));
    assert!(matches!(store.open_sibling(dir.path()), Err(StoreError::NotFound(_))));
}
