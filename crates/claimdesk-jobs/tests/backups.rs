//! Backups on real files: a verified backup with its companions, rotation in a folder over
//! simulated days, a corrupted backup caught by verification and refused by restore (the
//! practice file unchanged), a restore that keeps the replaced file aside, and the drill.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use claimdesk_core::{Actor, Source};
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::backups::{
    backup_folder, backup_status, drill, list_backups, restore_file, restore_open, take_backup, verify_backup,
};
use claimdesk_store::files::keyring_path;
use claimdesk_store::{AuditNote, AuditOutcome, BackupSettings, Store};
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn demo(dir: &Path) -> Store {
    let options = DemoOptions { specialty: Specialty::Physician, patients: 12, seed: 5, today: today() };
    let (mut store, _) =
        create_demo_with(&dir.join("Clinic.claimdesk"), &options, &DemoActivity { visits: 20 }).unwrap();
    store.set_today(today());
    // A few entries in the audit trail, so its chain is checked in the backup.
    for _ in 0..3 {
        event(&mut store);
    }
    store
}

fn event(store: &mut Store) {
    let actor = Actor::system(Source::Cli);
    store.audit_event(&actor, "practice_check", AuditOutcome::Done, &AuditNote::default()).unwrap();
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 17, 0, 0).unwrap()
}

fn backup(store: &mut Store, folder: &Path, at: DateTime<Utc>) -> PathBuf {
    let report = take_backup(store, folder, at, &mut |_, _| {}).unwrap();
    PathBuf::from(report.path)
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Flips bytes in the middle of the file.
fn corrupt(path: &Path) {
    let mut data = bytes(path);
    let mid = data.len() / 2;
    for b in &mut data[mid..mid + 16] {
        *b ^= 0x5A;
    }
    std::fs::write(path, data).unwrap();
}

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_backup_is_verified_named_only_when_whole_and_carries_its_companions() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let mut store = demo(dir.path());
    std::fs::write(keyring_path(store.path().unwrap()), b"wrapped keys").unwrap();
    let mut steps = Vec::new();
    let report = take_backup(&mut store, &folder, now(), &mut |done, total| steps.push((done, total))).unwrap();
    assert_eq!(steps.last(), Some(&(5, 5)));
    let path = PathBuf::from(&report.path);
    assert_eq!(report.file_name, "Clinic.claimdesk.backup-20260302T170000Z.claimdesk");
    assert_eq!(bytes(&keyring_path(&path)), b"wrapped keys");
    assert!(names(&folder).iter().all(|n| !n.ends_with(".partial")), "{:?}", names(&folder));
    let live = store.table_counts().unwrap();
    assert_eq!(report.counts.patients, live["patients"]);
    assert!(report.counts.audit_entries >= 3);

    // Logged in the live file; the home screen's line is happy.
    let last = store.last_verified_backup().unwrap().unwrap();
    assert_eq!(last.file_name, report.file_name);
    assert!(last.verified);
    let status = backup_status(&store, now() + Duration::hours(3)).unwrap();
    assert_eq!(status.last_verified_at.as_deref(), Some("2026-03-02T17:00:00Z"));
    assert!(!status.warn);
    assert!(backup_status(&store, now() + Duration::days(2)).unwrap().warn, "older than 2 days warns");

    // Verification again, later, and the list.
    let check = verify_backup(&store, &path).unwrap();
    assert!(check.ok, "{:?}", check.problems);
    assert_eq!(check.practice_name, store.practice().unwrap().name);
    let listed = list_backups(&store, &folder).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].this_practice && listed[0].verified_when_taken && listed[0].has_keys);
    assert_eq!(listed[0].practice_name, store.practice().unwrap().name);
    assert_eq!(listed[0].counts, report.counts);
}

#[test]
fn no_folder_is_refused_clearly_and_a_missing_one_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let err = backup_folder(&store, None).unwrap_err().to_string();
    assert!(err.contains("No backup folder is set"), "{err}");
    let gone = dir.path().join("unplugged");
    store
        .with_tx(|tx| {
            tx.save_backup_settings(&BackupSettings { folder: gone.display().to_string(), ..Default::default() })
        })
        .unwrap();
    let err = backup_folder(&store, None).unwrap_err().to_string();
    assert!(err.contains("is not there"), "{err}");
    assert!(!gone.exists());
    // Settings are checked.
    let bad = BackupSettings { keep_daily: 0, warn_after_days: 0, ..Default::default() };
    let err = store.with_tx(|tx| tx.save_backup_settings(&bad)).unwrap_err().to_string();
    assert!(err.contains("keep_daily") && err.contains("warn_after_days"), "{err}");
}

#[test]
fn a_stale_partial_is_ignored_by_the_list_and_removed_by_the_next_backup() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let mut store = demo(dir.path());
    let stale = folder.join("Clinic.claimdesk.backup-20260301T100000Z.claimdesk.partial");
    std::fs::write(&stale, b"half a file").unwrap();
    assert!(list_backups(&store, &folder).unwrap().is_empty());
    backup(&mut store, &folder, now());
    assert!(!stale.exists());
    assert_eq!(list_backups(&store, &folder).unwrap().len(), 1);
}

/// The corrupted-backup test of issue 13: bytes flipped in the middle of a backup are caught
/// by verification, restore refuses it, and the practice file is unchanged.
#[test]
fn a_corrupted_backup_is_caught_by_verification_and_refused_by_restore() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let mut store = demo(dir.path());
    let path = backup(&mut store, &folder, now());
    corrupt(&path);

    let check = verify_backup(&store, &path).unwrap();
    assert!(!check.ok);
    assert!(check.problems.iter().any(|p| p.contains("damaged")), "{:?}", check.problems);

    let live = store.path().unwrap().to_path_buf();
    let counts = store.table_counts().unwrap();
    let live_bytes = bytes(&live);
    let err = restore_open(&mut store, &path, now()).unwrap_err().to_string();
    assert!(err.contains("failed verification"), "{err}");
    assert_eq!(bytes(&live), live_bytes, "the practice file is unchanged");
    assert_eq!(store.table_counts().unwrap(), counts);
    assert!(names(dir.path()).iter().all(|n| !n.contains("before-restore") && !n.contains("restoring")));

    // With no live file open (a dead disk), restore refuses it the same way.
    let gone = dir.path().join("new-disk.claimdesk");
    let err = restore_file(&store, &path, &gone, now()).unwrap_err().to_string();
    assert!(err.contains("failed verification"), "{err}");
    assert!(!gone.exists());

    // The drill reports it, and touches nothing.
    let report = drill(&store, &path).unwrap();
    assert!(!report.ok);
    assert_eq!(bytes(&live), live_bytes);
}

#[test]
fn a_backup_whose_rows_differ_from_its_manifest_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let mut store = demo(dir.path());
    let path = backup(&mut store, &folder, now());
    // Another file put in its place (a whole, healthy practice file, but not the one verified).
    let other_dir = tempfile::tempdir().unwrap();
    let other = demo(other_dir.path());
    drop(other);
    std::fs::copy(other_dir.path().join("Clinic.claimdesk"), &path).unwrap();
    let check = verify_backup(&store, &path).unwrap();
    assert!(!check.ok);
}

#[test]
fn restore_keeps_the_replaced_file_aside_with_its_companions_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let mut store = demo(dir.path());
    let live = store.path().unwrap().to_path_buf();
    std::fs::write(keyring_path(&live), b"keys then").unwrap();
    let path = backup(&mut store, &folder, now());
    let at_backup = store.table_counts().unwrap();
    // Work after the backup, and a new key file.
    event(&mut store);
    event(&mut store);
    std::fs::write(keyring_path(&live), b"keys now").unwrap();
    let after = store.audit_count().unwrap();

    let report = restore_open(&mut store, &path, now() + Duration::hours(1)).unwrap();
    assert!(report.check.ok);
    let aside = PathBuf::from(&report.kept_aside);
    assert!(aside.ends_with("Clinic.claimdesk.before-restore-20260302T180000Z"), "{aside:?}");
    assert_eq!(bytes(&keyring_path(&aside)), b"keys now");
    assert_eq!(bytes(&keyring_path(&live)), b"keys then");

    // The open store is the restored file: the backup's rows, plus the restore's entry.
    let mut restored = store.table_counts().unwrap();
    assert_eq!(restored.remove("audit_log"), Some(at_backup["audit_log"] + 1));
    let mut expected = at_backup.clone();
    expected.remove("audit_log");
    expected.remove("backup_log");
    restored.remove("backup_log");
    assert_eq!(restored, expected);
    assert!(store.check().unwrap().is_empty());
    let newest = store.audit_page(&Default::default()).unwrap().entries.into_iter().next().unwrap();
    assert_eq!(newest.action, "backup_restore");

    // The file kept aside is the one that was replaced: its work after the backup, and the
    // restore recorded in its trail too.
    let kept = Store::open(&aside).unwrap();
    assert_eq!(kept.audit_count().unwrap(), after + 1);
    assert!(kept.check().unwrap().is_empty());
}

#[test]
fn restore_onto_a_dead_disk_puts_the_file_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let mut store = demo(dir.path());
    let path = backup(&mut store, &folder, now());
    let counts = store.table_counts().unwrap();
    drop(store);
    // The live file is gone; another store opens the backup (read-only, as its sibling).
    let scratch_dir = tempfile::tempdir().unwrap();
    let scratch = demo(scratch_dir.path());
    let target = dir.path().join("replacement").join("Clinic.claimdesk");
    std::fs::create_dir(target.parent().unwrap()).unwrap();
    let report = restore_file(&scratch, &path, &target, now()).unwrap();
    assert_eq!(report.kept_aside, "");
    let restored = Store::open(&target).unwrap();
    let mut got = restored.table_counts().unwrap();
    got.remove("audit_log");
    let mut want = counts;
    want.remove("audit_log");
    got.remove("backup_log");
    want.remove("backup_log");
    assert_eq!(got, want);
}

#[test]
fn the_drill_restores_into_a_temporary_place_and_never_touches_the_live_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let mut store = demo(dir.path());
    let path = backup(&mut store, &folder, now());
    let live = store.path().unwrap().to_path_buf();
    let live_bytes = bytes(&live);
    let before = names(dir.path());
    let report = drill(&store, &path).unwrap();
    assert!(report.ok, "{:?}", report.check.problems);
    assert_eq!(report.check.counts.patients, store.table_counts().unwrap()["patients"]);
    assert_eq!(bytes(&live), live_bytes);
    assert_eq!(names(dir.path()), before);
}

/// Backups taken on simulated days in one folder shared with another practice's backups: the
/// folder keeps what rotation says and never touches the other practice's.
#[test]
fn rotation_in_a_folder_over_simulated_days() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let mut store = demo(dir.path());
    let settings = BackupSettings { keep_daily: 3, keep_weekly: 2, keep_monthly: 2, ..Default::default() };
    store.with_tx(|tx| tx.save_backup_settings(&settings)).unwrap();
    let other = folder.join("Other.claimdesk.backup-20250101T120000Z.claimdesk");
    std::fs::write(&other, b"another practice's backup").unwrap();
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
    for day in 0..45 {
        backup(&mut store, &folder, start + Duration::days(day));
    }
    let listed = list_backups(&store, &folder).unwrap();
    let ours: Vec<_> = listed.iter().filter(|b| b.this_practice).collect();
    // 3 daily (Feb 12-14), the newest of 2 weeks and of 2 months overlap with those, plus the
    // last day of January (its month) and Sunday Feb 8 (last week).
    assert!(ours.len() >= 3 && ours.len() <= 3 + 2 + 2, "{}", ours.len());
    assert_eq!(ours[0].taken_at, "2026-02-14T12:00:00Z");
    assert!(ours.iter().any(|b| b.taken_at == "2026-01-31T12:00:00Z"), "January's newest");
    assert!(other.exists());
    assert!(listed.iter().any(|b| !b.this_practice && !b.problem.is_empty()), "the other file is listed as unreadable");
    // Companions of removed backups are gone too.
    for name in names(&folder) {
        if let Some(base) = name.strip_suffix(".manifest") {
            assert!(folder.join(base).exists(), "{name} outlived its backup");
        }
    }
}
