//! `claimdesk backup`, `backups list|verify|drill|settings` and `restore` on real files: a
//! verified backup, the refusal without a folder, a corrupted backup (bytes flipped in the
//! middle) caught by verify and refused by restore with the practice file unchanged, a restore
//! that keeps the replaced file aside, a restore onto a practice file that is gone, and who may.

mod common;

use common::{claimdesk, claimdesk_as, code, demo, ok, ok_json, stderr, stdout};
use std::path::{Path, PathBuf};

fn folder(dir: &Path) -> PathBuf {
    let f = dir.join("usb");
    std::fs::create_dir_all(&f).unwrap();
    f
}

fn backup_to(db: &Path, to: &Path) -> PathBuf {
    let report = ok_json(claimdesk(db, &["--json", "backup", "--to", to.to_str().unwrap()]));
    PathBuf::from(report["path"].as_str().unwrap())
}

fn flip_middle(path: &Path) {
    let mut data = std::fs::read(path).unwrap();
    let mid = data.len() / 2;
    for b in &mut data[mid..mid + 32] {
        *b = !*b;
    }
    std::fs::write(path, data).unwrap();
}

#[test]
fn backup_refuses_without_a_folder_then_uses_the_settings_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "Clinic.claimdesk", 8, 3);
    let out = claimdesk(&db, &["backup"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("No backup folder is set"), "{}", stderr(&out));

    let usb = folder(dir.path());
    let settings = ok_json(claimdesk(
        &db,
        &["--json", "backups", "settings", "--folder", usb.to_str().unwrap(), "--keep-daily", "5"],
    ));
    assert_eq!(settings["keep_daily"], 5);
    assert_eq!(settings["keep_weekly"], 4);
    let out = ok(claimdesk(&db, &["backup"]));
    assert!(stdout(&out).contains("backed up and verified"), "{}", stdout(&out));

    let list = ok_json(claimdesk(&db, &["--json", "backups", "list"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["this_practice"], true);
    assert_eq!(list[0]["verified_when_taken"], true);
    assert_eq!(list[0]["counts"]["patients"], 8);
    assert!(!list[0]["practice_name"].as_str().unwrap().is_empty());

    // Settings are checked: a folder that is not there, a count out of range.
    let out = claimdesk(&db, &["backups", "settings", "--folder", dir.path().join("nope").to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let out = claimdesk(&db, &["--json", "backups", "settings", "--keep-daily", "0"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("keep_daily"), "{}", stderr(&out));
}

/// Issue 13's test: a corrupted backup is caught by verification and refused by restore, and
/// the practice file is unchanged.
#[test]
fn a_corrupted_backup_is_caught_by_verify_and_refused_by_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "Clinic.claimdesk", 8, 3);
    let usb = folder(dir.path());
    let backup = backup_to(&db, &usb);
    ok(claimdesk(&db, &["backups", "verify", backup.to_str().unwrap()]));
    flip_middle(&backup);

    let out = claimdesk(&db, &["--json", "backups", "verify", backup.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let check = common::json(&stdout(&out));
    assert_eq!(check["ok"], false);
    assert!(check["problems"].to_string().contains("damaged"), "{check}");

    // Every run logs in (an audit entry), so the practice file's data is compared, not its bytes
    // (the jobs crate's test compares the bytes).
    let patients = |db: &Path| stdout(&ok(claimdesk(db, &["--json", "patients", "search", ""])));
    let before = patients(&db);
    let out = claimdesk(&db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("failed verification"), "{}", stderr(&out));
    assert!(patients(&db) == before, "the practice file is unchanged");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains("before-restore") && !n.contains("restoring")), "{names:?}");
    ok(claimdesk(&db, &["check"]));

    let out = claimdesk(&db, &["backups", "drill", backup.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
}

#[test]
fn restore_keeps_the_replaced_file_aside_and_the_drill_passes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "Clinic.claimdesk", 8, 3);
    let usb = folder(dir.path());
    let backup = backup_to(&db, &usb);
    let drill = ok_json(claimdesk(&db, &["--json", "backups", "drill", backup.to_str().unwrap()]));
    assert_eq!(drill["ok"], true);

    // Work after the backup: a ninth patient.
    ok(claimdesk(
        &db,
        &["patients", "add", "--last", "Newcomb", "--first", "Ada", "--dob", "1990-01-02", "--sex", "F"],
    ));
    let search = ok_json(claimdesk(&db, &["--json", "patients", "search", "Newcomb"]));
    assert_eq!(search["results"].as_array().unwrap().len(), 1);

    let report = ok_json(claimdesk(&db, &["--json", "restore", backup.to_str().unwrap()]));
    let aside = PathBuf::from(report["kept_aside"].as_str().unwrap_or_else(|| panic!("{report}")));
    assert!(aside.exists());
    ok(claimdesk(&db, &["check"]));
    let search = ok_json(claimdesk(&db, &["--json", "patients", "search", "Newcomb"]));
    assert_eq!(search["results"].as_array().unwrap().len(), 0, "the backup's practice is back");
    let audit = ok_json(claimdesk(&db, &["--json", "audit", "list", "--action", "backup_restore"]));
    assert!(audit.to_string().contains("backup_restore"), "{audit}");
    // The file kept aside still has the newer work.
    let search = ok_json(claimdesk(&aside, &["--json", "patients", "search", "Newcomb"]));
    assert_eq!(search["results"].as_array().unwrap().len(), 1);
}

#[test]
fn restore_when_the_practice_file_is_gone_logs_in_to_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "Clinic.claimdesk", 8, 3);
    let usb = folder(dir.path());
    let backup = backup_to(&db, &usb);
    let backup_bytes = std::fs::read(&backup).unwrap();
    std::fs::remove_file(&db).unwrap();
    // A wrong password is refused by the backup's own users.
    let out = claimdesk_as(("admin", "not the password at all"), &db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(!db.exists());
    let report = ok_json(claimdesk(&db, &["--json", "restore", backup.to_str().unwrap()]));
    assert_eq!(report["kept_aside"], "");
    ok(claimdesk(&db, &["check"]));
    assert_eq!(std::fs::read(&backup).unwrap(), backup_bytes, "the backup itself is untouched");
}

#[test]
fn only_an_administrator_backs_up_or_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "Clinic.claimdesk", 8, 3);
    let usb = folder(dir.path());
    for who in [("biller", "demo-billing-2026"), ("frontdesk", "demo-front-2026")] {
        let out = claimdesk_as(who, &db, &["backup", "--to", usb.to_str().unwrap()]);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        assert!(stderr(&out).contains("may not"), "{}", stderr(&out));
    }
    let backup = backup_to(&db, &usb);
    let out = claimdesk_as(("biller", "demo-billing-2026"), &db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
}
