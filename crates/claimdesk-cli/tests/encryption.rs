//! Encryption at rest through the real binary: what an outsider with the file sees (`strings`,
//! `sqlite3`), wrong passwords and an altered key file, password changes, the recovery key,
//! and converting an older unencrypted file, also when killed midway.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A few patients' last names from the file, as the logged-in administrator sees them.
fn some_last_names(db: &Path) -> Vec<String> {
    let found = ok_json(claimdesk(db, &["--json", "patients", "search", "a"]));
    let names: Vec<String> = found["results"]
        .as_array()
        .expect("a list of patients")
        .iter()
        .filter_map(|p| p["last_name"].as_str().map(str::to_string))
        .filter(|n| n.len() >= 5)
        .take(5)
        .collect();
    assert!(!names.is_empty(), "the demo has patients to look for: {found}");
    names
}

fn keys(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap().to_os_string();
    name.push(".keys");
    db.with_file_name(name)
}

#[test]
fn an_outsider_with_the_files_reads_no_patient_and_no_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "clinic.claimdesk", 40, 11);
    let names = some_last_names(&db);
    // A backup is encrypted like the file.
    let usb = dir.path().join("usb");
    std::fs::create_dir_all(&usb).unwrap();
    let backup = ok_json(claimdesk(&db, &["--json", "backup", "--to", &usb.to_string_lossy()]));
    let backup = PathBuf::from(backup["path"].as_str().expect("the backup's path"));
    // Everything committed is in the main file once the app is closed; read it, its key file
    // and the backup.
    for file in [db.clone(), keys(&db), backup.clone()] {
        let bytes = std::fs::read(&file).unwrap();
        for name in &names {
            assert!(!contains(&bytes, name), "{} holds the patient name {name}", file.display());
        }
        assert!(!contains(&bytes, "CREATE TABLE"), "{} holds the schema", file.display());
    }
    for file in [&db, &backup] {
        // `strings` and `sqlite3` are installed by the test script (binutils, sqlite3).
        let out = Command::new("strings").arg(file).output().expect("strings runs");
        let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
        for name in &names {
            assert!(!text.contains(&name.to_lowercase()), "strings finds {name} in {}", file.display());
        }
        assert!(!text.contains("patients"), "strings finds a table name in {}", file.display());
        let out = Command::new("sqlite3").arg(file).arg(".tables").output().expect("sqlite3 runs");
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(said.contains("not a database"), "sqlite3 reads {}: {said}", file.display());
    }
    let check = ok_json(claimdesk(&db, &["--json", "check"]));
    assert_eq!(check["ok"], true, "{check}");
}

#[test]
fn a_wrong_password_and_an_altered_key_file_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "clinic.claimdesk", 5, 12);
    let wrong = claimdesk_as(("admin", "not-the-password-at-all"), &db, &["check"]);
    assert_eq!(code(&wrong), 1);
    assert!(stderr(&wrong).contains("do not match"), "{}", stderr(&wrong));
    let stranger = claimdesk_as(("nobody", "not-the-password-at-all"), &db, &["check"]);
    assert_eq!(code(&stranger), 1);
    assert_eq!(stderr(&stranger), stderr(&wrong), "an unknown login reads the same as a wrong password");

    // The wrong tries reach the audit trail at the next login.
    let audit = ok_json(claimdesk(&db, &["--json", "audit", "list", "--kind", "log_in"]));
    let failed = audit["entries"].as_array().unwrap().iter().filter(|e| e["outcome"] == "failed").count();
    assert!(failed >= 2, "{audit}");

    // Flip one character of the administrator's wrapped key.
    let ring = std::fs::read_to_string(keys(&db)).unwrap();
    let at = ring.find("\"wrapped\": \"").unwrap() + "\"wrapped\": \"".len();
    let mut altered = ring.clone().into_bytes();
    altered[at] = if altered[at] == b'0' { b'1' } else { b'0' };
    std::fs::write(keys(&db), &altered).unwrap();
    let refused = claimdesk(&db, &["check"]);
    assert_eq!(code(&refused), 1);
    assert!(stderr(&refused).contains("changed or damaged"), "{}", stderr(&refused));

    std::fs::write(keys(&db), b"{ not json").unwrap();
    let damaged = claimdesk(&db, &["check"]);
    assert_eq!(code(&damaged), 1);
    assert!(stderr(&damaged).contains("damaged"), "{}", stderr(&damaged));

    std::fs::remove_file(keys(&db)).unwrap();
    let missing = claimdesk(&db, &["check"]);
    assert_eq!(code(&missing), 1);
    assert!(stderr(&missing).contains("not a ClaimDesk practice file") || stderr(&missing).contains("missing"));
}

#[test]
fn a_password_change_rewraps_the_key_and_the_old_password_stops_working() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "clinic.claimdesk", 5, 13);
    let before = std::fs::read(&db).unwrap();
    let changed = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .env("CLAIMDESK_USER", "biller")
        .env("CLAIMDESK_PASSWORD", "demo-billing-2026")
        .env("CLAIMDESK_NEW_PASSWORD", "a brand new billing phrase")
        .args(["--db"])
        .arg(&db)
        .args(["users", "passwd"])
        .output()
        .unwrap();
    ok(changed);
    let old = claimdesk_as(("biller", "demo-billing-2026"), &db, &["check"]);
    assert_eq!(code(&old), 1, "the old password still opens the file");
    ok(claimdesk_as(("biller", "a brand new billing phrase"), &db, &["check"]));
    // The data key did not change: the administrator's wrapping still opens the file.
    ok(claimdesk(&db, &["check"]));
    let ring = std::fs::read_to_string(keys(&db)).unwrap();
    assert_eq!(ring.matches("\"login\": \"biller\"").count(), 1, "one wrapping for the biller: {ring}");
    assert!(before.len() <= std::fs::read(&db).unwrap().len() + 4096 * 64, "nothing re-encrypted wholesale");
}

/// `claimdesk check` as the administrator on an unencrypted file encrypts it and prints the
/// recovery key on stderr, once. Returns the key and the check's fingerprint of the records.
fn convert(db: &Path) -> (String, serde_json::Value) {
    let out = ok(claimdesk(db, &["--json", "check"]));
    let fingerprint = stdout_json(&out)["fingerprint"].clone();
    let said = stderr(&out);
    let key = said
        .lines()
        .skip_while(|l| !l.contains("recovery key"))
        .nth(1)
        .map(|l| l.trim().to_string())
        .unwrap_or_else(|| panic!("no recovery key shown: {said}"));
    assert_eq!(key.len(), 39, "{key}");
    (key, fingerprint)
}

#[test]
fn an_unencrypted_file_is_encrypted_at_the_administrators_login_and_the_recovery_key_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with_flags(dir.path(), "old.claimdesk", 10, 14, &["--unencrypted"]);
    assert_eq!(&std::fs::read(&db).unwrap()[..15], b"SQLite format 3");
    let (key, fingerprint) = convert(&db);
    assert_ne!(&std::fs::read(&db).unwrap()[..15], b"SQLite format 3");
    assert!(keys(&db).is_file());
    // Others' passwords were not known when the file was encrypted: they need new ones.
    let biller = claimdesk_as(("biller", "demo-billing-2026"), &db, &["check"]);
    assert_eq!(code(&biller), 1);
    let again = ok(claimdesk(&db, &["--json", "check"]));
    assert!(!stderr(&again).contains("recovery key"), "the key is shown once");
    assert_eq!(stdout_json(&again)["fingerprint"], fingerprint);

    // Every administrator password forgotten: the recovery key sets a new one.
    let recover = |key: &str| {
        Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .env("CLAIMDESK_RECOVERY_KEY", key)
            .env("CLAIMDESK_NEW_PASSWORD", "recovered office phrase")
            .arg("--db")
            .arg(&db)
            .args(["recover", "--login", "admin"])
            .output()
            .unwrap()
    };
    let wrong = recover("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA");
    assert_eq!(code(&wrong), 1);
    assert!(stderr(&wrong).contains("recovery key"), "{}", stderr(&wrong));
    ok(recover(&key.to_lowercase().replace('-', " ")));
    assert_eq!(code(&claimdesk(&db, &["check"])), 1, "the forgotten password no longer opens the file");
    ok(claimdesk_as(("admin", "recovered office phrase"), &db, &["check"]));
    let audit = ok_json(claimdesk_as(("admin", "recovered office phrase"), &db, &["--json", "audit", "list"]));
    assert!(audit.to_string().contains("recover_with_key"), "{audit}");
    assert!(audit.to_string().contains("file_encrypt"), "{audit}");
}

#[test]
fn a_conversion_killed_at_any_moment_leaves_the_plain_file_or_the_encrypted_one() {
    let dir = tempfile::tempdir().unwrap();
    let original = demo_with_flags(dir.path(), "original.claimdesk", 300, 15, &["--unencrypted"]);
    // A first, uninterrupted conversion tells how long one takes here, and what it keeps.
    let timing = dir.path().join("timing.claimdesk");
    std::fs::copy(&original, &timing).unwrap();
    let started = std::time::Instant::now();
    let (_, expected) = convert(&timing);
    let full = started.elapsed();

    let kills = 12;
    let mut states = (0, 0);
    for i in 0..kills {
        let db = dir.path().join(format!("killed-{i}.claimdesk"));
        std::fs::copy(&original, &db).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .env("CLAIMDESK_USER", ADMIN.0)
            .env("CLAIMDESK_PASSWORD", ADMIN.1)
            .arg("--db")
            .arg(&db)
            .arg("check")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the whole conversion (and a little past it).
        std::thread::sleep(full.mul_f64(f64::from(i) / f64::from(kills - 2)));
        let _ = child.kill();
        child.wait().unwrap();
        let plain = std::fs::read(&db).unwrap().starts_with(b"SQLite format 3");
        if plain {
            states.0 += 1;
        } else {
            states.1 += 1;
            assert!(keys(&db).is_file(), "kill {i}: an encrypted file without its key file");
        }
        // Either way the file opens (converting now if it is still plain) and holds everything.
        let after = ok_json(claimdesk(&db, &["--json", "check"]));
        assert_eq!(after["ok"], true, "kill {i}: {after}");
        assert_eq!(after["fingerprint"], expected, "kill {i}");
    }
    // Where the kills fell depends on the machine's load; what matters holds for each one.
    println!("conversion: {kills} kills, {} left the plain file, {} the encrypted one", states.0, states.1);
}

#[test]
fn a_new_files_administrator_gets_the_recovery_sheet_and_the_file_is_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.claimdesk");
    drop(
        claimdesk_store::Store::create(&db, &claimdesk_demo::demo_practice(claimdesk_demo::Specialty::Chiro)).unwrap(),
    );
    let sheet = dir.path().join("recovery sheet.pdf");
    let out = ok(Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .env("CLAIMDESK_PASSWORD", "olive tree morning light")
        .arg("--db")
        .arg(&db)
        .args(["--json", "admin-create", "--login", "owner", "--name", "Olive Owner", "--recovery-sheet"])
        .arg(&sheet)
        .output()
        .unwrap());
    let key = stdout_json(&out)["recovery_key"].as_str().expect("the recovery key, once").to_string();
    assert_ne!(&std::fs::read(&db).unwrap()[..15], b"SQLite format 3");
    // The sheet holds the key and says what losing it means (read back with pdftotext).
    let text = Command::new("pdftotext").arg(&sheet).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&key), "{text}");
    assert!(text.contains("new.claimdesk") && text.contains("loses the practice"), "{text}");
    ok(claimdesk_as(("owner", "olive tree morning light"), &db, &["check"]));
}
