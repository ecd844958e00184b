//! The real `claimdesk` binary on practice files in temporary folders.

use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn claimdesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .env_remove("CLAIMDESK_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the claimdesk binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

#[track_caller]
fn ok(o: Output) -> Output {
    assert_eq!(code(&o), 0, "stdout: {}\nstderr: {}", stdout(&o), stderr(&o));
    o
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A demo practice file with `patients` patients.
fn demo(dir: &Path, name: &str, patients: usize, seed: u64) -> PathBuf {
    let db = dir.join(name);
    ok(claimdesk(&db, &["demo", "--patients", &patients.to_string(), "--seed", &seed.to_string()]));
    db
}

/// Every row of every table, read through a separate connection: what the file holds.
fn dump(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..cols).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}|"))).collect()
            })
            .unwrap();
        out.push_str(&format!("== {table}\n"));
        for row in rows {
            out.push_str(&row.unwrap_or_else(|e: rusqlite::Error| format!("unreadable: {e}")));
            out.push('\n');
        }
    }
    out
}

const NEW_PATIENT: [&str; 22] = [
    "patients",
    "add",
    "--last",
    "Wexford-Ng",
    "--first",
    "Odalys",
    "--dob",
    "03/14/1988",
    "--sex",
    "F",
    "--address1",
    "77 Quarry Ln",
    "--city",
    "Austin",
    "--state",
    "TX",
    "--zip",
    "78704",
    "--cell-phone",
    "(512) 555-0177",
    "--email",
    "odalys@example.com",
];

const NEW_POLICY: [&str; 10] = [
    "--payer",
    "Lone Star Health Plan",
    "--member-id",
    "LSH999888777",
    "--group",
    "G-7700",
    "--effective-from",
    "01/01/2025",
    "--copay",
    "25",
];

fn with(base: &[&'static str], changes: &[(&str, &'static str)]) -> Vec<&'static str> {
    let mut args = base.to_vec();
    for (flag, value) in changes {
        let i = args.iter().position(|a| a == flag).expect("flag present");
        args[i + 1] = value;
    }
    args
}

#[test]
fn demo_creates_a_file_and_refuses_to_overwrite_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.claimdesk");
    let out = ok(claimdesk(&db, &["--json", "demo", "--specialty", "chiro", "--patients", "30", "--seed", "4"]));
    let summary = json(&stdout(&out));
    assert_eq!(summary["patients"], 30);
    assert_eq!(summary["practice"], "Spine & Wellness Chiropractic");
    let before = std::fs::read(&db).unwrap();

    let again = claimdesk(&db, &["demo"]);
    assert_eq!(code(&again), 1);
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is unchanged byte for byte");
}

#[test]
fn a_registered_patient_is_found_by_every_key_and_shown_with_the_policy() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 20, 1);
    let mut args = NEW_PATIENT.to_vec();
    args.extend(NEW_POLICY);
    let out = ok(claimdesk(&db, &args));
    assert!(stdout(&out).contains("Registered Wexford-Ng, Odalys as account"), "{}", stdout(&out));

    let found = |query: &str| -> Vec<String> {
        let out = ok(claimdesk(&db, &["--json", "patients", "search", query]));
        json(&stdout(&out))["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["account_number"].as_str().unwrap().to_string())
            .collect()
    };
    let by_name = found("wexford od");
    assert_eq!(by_name.len(), 1);
    let account = by_name[0].clone();
    assert_eq!(found(&account), std::slice::from_ref(&account));
    assert!(found("03/14/1988").contains(&account));
    assert_eq!(found("LSH999888777"), std::slice::from_ref(&account));

    let table = stdout(&ok(claimdesk(&db, &["patients", "search", "wexford"])));
    assert!(table.starts_with("ACCOUNT"), "{table}");
    assert!(table.contains("(512) 555-0177") && table.contains("Lone Star Health Plan"), "{table}");

    let card = stdout(&ok(claimdesk(&db, &["patients", "show", &account])));
    for expected in ["Wexford-Ng, Odalys", "03/14/1988", "Lone Star Health Plan", "LSH999888777", "Copay 25.00"] {
        assert!(card.contains(expected), "{expected:?} missing from\n{card}");
    }

    let missing = claimdesk(&db, &["patients", "show", "999999"]);
    assert_eq!(code(&missing), 1);
    assert!(stderr(&missing).contains("999999"));
}

#[test]
fn refused_registration_names_the_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 10, 2);
    let before = dump(&db);
    for (flag, value, field) in [
        ("--zip", "7870", "address.zip"),
        ("--state", "XX", "address.state"),
        ("--dob", "01/01/2999", "birth_date"),
        ("--dob", "13/45/1990", "birth_date"),
        ("--sex", "Q", "sex"),
    ] {
        let out = claimdesk(&db, &with(&NEW_PATIENT, &[(flag, value)]));
        assert_eq!(code(&out), 1, "{flag} {value}");
        assert!(stderr(&out).contains(&format!("refused: {field}: ")), "{flag} {value}: {}", stderr(&out));
        assert_eq!(dump(&db), before, "{flag} {value} changed the file");
    }

    // An unknown payer and a fraction of a cent are refused too, each by its field.
    let mut args = NEW_PATIENT.to_vec();
    args.extend(with(&NEW_POLICY, &[("--payer", "No Such Plan"), ("--copay", "25.001")]));
    let out = claimdesk(&db, &args);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("policies[0].payer_id"), "{}", stderr(&out));
    assert!(stderr(&out).contains("policies[0].copay"), "{}", stderr(&out));
    assert_eq!(dump(&db), before);

    // With --json the refusal is the store's error report on stderr.
    let mut args = vec!["--json"];
    args.extend(with(&NEW_PATIENT, &[("--zip", "7870")]));
    let out = claimdesk(&db, &args);
    assert_eq!(code(&out), 1);
    let report = json(&stderr(&out));
    assert_eq!(report["kind"], "invalid");
    assert_eq!(report["fields"][0]["field"], "address.zip");
    assert!(stdout(&out).is_empty());
    assert_eq!(dump(&db), before);
}

#[test]
fn json_output_has_iso_dates_and_money_as_strings() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 5, 3);
    let mut args = vec!["--json"];
    args.extend(NEW_PATIENT);
    args.extend(NEW_POLICY);
    let saved = json(&stdout(&ok(claimdesk(&db, &args))));
    assert_eq!(saved["birth_date"], "1988-03-14");
    assert_eq!(saved["cell_phone"], "5125550177");
    assert_eq!(saved["address"]["zip"], "78704");
    let policy = &saved["policies"][0];
    assert_eq!(policy["copay"], "25.00");
    assert_eq!(policy["effective_from"], "2025-01-01");
    assert_eq!(policy["member_id"], "LSH999888777");
    assert_eq!(policy["payer_name"], "Lone Star Health Plan");

    let account = saved["account_number"].as_str().unwrap();
    let shown = json(&stdout(&ok(claimdesk(&db, &["--json", "patients", "show", account]))));
    assert_eq!(shown, saved);
}

/// Replaces the amount (fifth of seven columns, counted from the end because the
/// description may hold quoted commas) on the first line that starts with `prefix`.
fn with_amount(csv: &str, prefix: &str, amount: &str) -> String {
    let mut done = false;
    csv.lines()
        .map(|line| {
            if done || !line.starts_with(prefix) {
                return format!("{line}\n");
            }
            done = true;
            let mut tail = line.rsplitn(3, ',');
            let (to, from, rest) = (tail.next().unwrap(), tail.next().unwrap(), tail.next().unwrap());
            let (head, _old) = rest.rsplit_once(',').unwrap();
            format!("{head},{amount},{from},{to}\n")
        })
        .collect()
}

#[test]
fn fee_schedule_export_edit_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 3, 5);
    let exported = dir.path().join("fees.csv");
    let out = json(&stdout(&ok(claimdesk(&db, &["--json", "fees", "export", exported.to_str().unwrap()]))));
    let rows = out["exported"].as_u64().unwrap();
    assert!(rows > 100);
    let csv = std::fs::read_to_string(&exported).unwrap();
    assert!(csv.starts_with("schedule,code,modifier,description,amount,effective_from,effective_to"));

    let edited = dir.path().join("edited.csv");
    std::fs::write(&edited, with_amount(&csv, "standard,99213,", "999.99")).unwrap();
    let report = json(&stdout(&ok(claimdesk(&db, &["--json", "fees", "import", edited.to_str().unwrap()]))));
    assert_eq!(report["imported"], 1);
    assert_eq!(report["unchanged"].as_u64().unwrap(), rows - 1);
    assert_eq!(report["rejected"].as_array().unwrap().len(), 0);

    let again = dir.path().join("again.csv");
    ok(claimdesk(&db, &["fees", "export", again.to_str().unwrap()]));
    let after = std::fs::read_to_string(&again).unwrap();
    assert!(after.lines().any(|l| l.starts_with("standard,99213,") && l.contains(",999.99,")), "{after}");
    assert_eq!(after.lines().count(), csv.lines().count());
}

#[test]
fn a_bad_fee_row_is_reported_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 3, 6);
    let before = dump(&db);
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "schedule,code,modifier,description,amount,effective_from\n\
         standard,99401,,Counseling 15 min,60.00,2026-01-01\n\
         standard,9921,,Typo in the code,abc,2026-01-01\n",
    )
    .unwrap();
    let out = claimdesk(&db, &["fees", "import", file.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("row 3, column amount"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(dump(&db), before);

    let out = claimdesk(&db, &["--json", "fees", "import", file.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let report = json(&stdout(&out));
    assert_eq!(report["imported"], 0);
    assert_eq!(report["rejected"][0]["row"], 3);
    assert_eq!(json(&stderr(&out))["kind"], "invalid");
    assert_eq!(dump(&db), before);
}

#[test]
fn patients_export_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo(dir.path(), "a.claimdesk", 40, 7);
    let a_csv = dir.path().join("a.csv");
    ok(claimdesk(&source, &["patients", "export", a_csv.to_str().unwrap()]));

    // Same specialty, so the same payers and payer IDs; no patients of its own.
    let target = demo(dir.path(), "b.claimdesk", 0, 8);
    let report = json(&stdout(&ok(claimdesk(&target, &["--json", "patients", "import", a_csv.to_str().unwrap()]))));
    assert_eq!(report["imported"], 40);

    let b_csv = dir.path().join("b.csv");
    ok(claimdesk(&target, &["patients", "export", b_csv.to_str().unwrap()]));
    assert_eq!(std::fs::read_to_string(&a_csv).unwrap(), std::fs::read_to_string(&b_csv).unwrap());

    // Importing the same file again is refused as a whole: the account numbers are taken.
    let before = dump(&target);
    let out = claimdesk(&target, &["patients", "import", a_csv.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("column account_number"), "{}", stderr(&out));
    assert_eq!(dump(&target), before);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.claimdesk");
    assert_eq!(code(&claimdesk(&db, &["patients", "frobnicate"])), 2);
    assert_eq!(code(&claimdesk(&db, &["patients", "search"])), 2, "the query is required");
    assert_eq!(code(&claimdesk(&db, &["demo", "--specialty", "dentist"])), 2);
    let mut args = NEW_PATIENT.to_vec();
    args.extend(["--payer", "Lone Star Health Plan"]);
    assert_eq!(code(&claimdesk(&db, &args)), 2, "--payer needs --member-id");
    let no_db = Command::new(env!("CARGO_BIN_EXE_claimdesk")).env_remove("CLAIMDESK_DB").arg("check").output().unwrap();
    assert_eq!(code(&no_db), 2);
    assert!(stderr(&no_db).contains("--db"));
    assert!(!db.exists());
}

#[test]
fn help_documents_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.claimdesk");
    let help = stdout(&ok(claimdesk(&db, &["--help"])));
    for word in ["demo", "patients", "fees", "check", "CLAIMDESK_DB", "Exit status"] {
        assert!(help.contains(word), "{word} missing from --help");
    }
    let add = stdout(&ok(claimdesk(&db, &["patients", "add", "--help"])));
    for flag in ["--dob", "--zip", "--payer", "--member-id", "--effective-from", "--copay"] {
        assert!(add.contains(flag), "{flag} missing from patients add --help");
    }
}

#[test]
fn check_and_the_practice_file_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 15, 9);
    let out = ok(claimdesk(&db, &["check"]));
    assert!(stdout(&out).starts_with("ok:"), "{}", stdout(&out));
    let report = json(&stdout(&ok(claimdesk(&db, &["--json", "check"]))));
    assert_eq!(report["ok"], true);
    assert_eq!(report["patients"], 15);

    let from_env =
        Command::new(env!("CARGO_BIN_EXE_claimdesk")).env("CLAIMDESK_DB", &db).args(["check"]).output().unwrap();
    assert_eq!(code(&from_env), 0, "{}", stderr(&from_env));
}

#[test]
fn a_missing_practice_file_is_a_clear_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.claimdesk");
    let out = claimdesk(&db, &["patients", "search", "smith"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    assert!(!db.exists(), "no empty file is created");
}
