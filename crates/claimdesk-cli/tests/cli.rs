//! The real `claimdesk` binary on practice files in temporary folders.

mod common;
#[path = "../../claimdesk-x12/tests/common/pyx12.rs"]
mod pyx12;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every row of every table, read through a separate connection: what the file holds.
fn dump(path: &Path) -> String {
    let conn = insider_connection(path);
    let tables: Vec<String> = conn
        // The audit trail records every login and refusal: it is the one table a refused
        // command adds to (tests/audit.rs checks what it holds).
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log'
             ORDER BY name",
        )
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
    let summary = stdout_json(&out);
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
        stdout_json(&out)["results"]
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
    let saved = ok_json(claimdesk(&db, &args));
    assert_eq!(saved["birth_date"], "1988-03-14");
    assert_eq!(saved["cell_phone"], "5125550177");
    assert_eq!(saved["address"]["zip"], "78704");
    let policy = &saved["policies"][0];
    assert_eq!(policy["copay"], "25.00");
    assert_eq!(policy["effective_from"], "2025-01-01");
    assert_eq!(policy["member_id"], "LSH999888777");
    assert_eq!(policy["payer_name"], "Lone Star Health Plan");

    let account = saved["account_number"].as_str().unwrap();
    let shown = ok_json(claimdesk(&db, &["--json", "patients", "show", account]));
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
    let out = ok_json(claimdesk(&db, &["--json", "fees", "export", exported.to_str().unwrap()]));
    let rows = out["exported"].as_u64().unwrap();
    assert!(rows > 100);
    let csv = std::fs::read_to_string(&exported).unwrap();
    assert!(csv.starts_with("schedule,code,modifier,description,amount,effective_from,effective_to"));

    let edited = dir.path().join("edited.csv");
    std::fs::write(&edited, with_amount(&csv, "standard,99213,", "999.99")).unwrap();
    let report = ok_json(claimdesk(&db, &["--json", "fees", "import", edited.to_str().unwrap()]));
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
    let report = stdout_json(&out);
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
    let report = ok_json(claimdesk(&target, &["--json", "patients", "import", a_csv.to_str().unwrap()]));
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
    for word in ["demo", "patients", "fees", "visits", "claims", "check", "CLAIMDESK_DB", "Exit status"] {
        assert!(help.contains(word), "{word} missing from --help");
    }
    let add = stdout(&ok(claimdesk(&db, &["patients", "add", "--help"])));
    for flag in ["--dob", "--zip", "--payer", "--member-id", "--effective-from", "--copay"] {
        assert!(add.contains(flag), "{flag} missing from patients add --help");
    }
    let visit = stdout(&ok(claimdesk(&db, &["visits", "add", "--help"])));
    for text in ["--account", "--dx", "--line", "POINTERS", "standard fee", "--bill", "--charge-reason"] {
        assert!(visit.contains(text), "{text} missing from visits add --help");
    }
    let print = stdout(&ok(claimdesk(&db, &["claims", "print", "--help"])));
    for text in ["--reprint", "--ready", "--form", "--out", "--printer", "submitted"] {
        assert!(print.contains(text), "{text} missing from claims print --help");
    }
    let export = stdout(&ok(claimdesk(&db, &["claims", "export-837", "--help"])));
    for text in ["--ready", "--out", "--clearinghouse", "--resend", "submitted", "837P"] {
        assert!(export.contains(text), "{text} missing from claims export-837 --help");
    }
    let set = stdout(&ok(claimdesk(&db, &["clearinghouse", "set", "--help"])));
    for text in ["--submitter-id", "--sender-qualifier", "--interchange-receiver-id", "--production"] {
        assert!(set.contains(text), "{text} missing from clearinghouse set --help");
    }
}

#[test]
fn check_and_the_practice_file_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "p.claimdesk", 15, 9);
    let out = ok(claimdesk(&db, &["check"]));
    assert!(stdout(&out).starts_with("ok:"), "{}", stdout(&out));
    let report = ok_json(claimdesk(&db, &["--json", "check"]));
    assert_eq!(report["ok"], true);
    assert_eq!(report["patients"], 15);

    let from_env = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .env("CLAIMDESK_DB", &db)
        .env("CLAIMDESK_USER", ADMIN.0)
        .env("CLAIMDESK_PASSWORD", ADMIN.1)
        .args(["check"])
        .output()
        .unwrap();
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

// ---- visits and claims ----

/// The JSON claims list of a practice file.
fn claims(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json", "claims", "list"];
    all.extend_from_slice(args);
    let list = ok_json(claimdesk(db, &all));
    list["claims"].as_array().expect("a claims array").clone()
}

fn ids_of(list: &[Value]) -> Vec<i64> {
    list.iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

/// A rendering provider's NPI, read from the file.
fn rendering_npi(db: &Path) -> String {
    let conn = insider_connection(db);
    conn.query_row("SELECT npi FROM providers WHERE is_rendering = 1 ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap()
}

/// MM/DD/YYYY for an ISO date from --json output.
fn us(iso: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap();
    d.format("%m/%d/%Y").to_string()
}

#[test]
fn a_visit_is_entered_and_billed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "v.claimdesk", 40, 3);
    // A patient whose insurance took a claim lately: same account, same date of service.
    let ready = claims(&db, &["--status", "ready"]);
    let sample = ready.iter().rev().find(|c| c["payer_rank"] == 1).expect("a ready primary claim");
    let account = sample["account_number"].as_str().unwrap().to_string();
    let date = us(sample["service_date"].as_str().unwrap());
    let npi = rendering_npi(&db);
    let before = claims(&db, &[]).len();

    let out = ok(claimdesk(
        &db,
        &[
            "--json",
            "visits",
            "add",
            "--account",
            &account,
            "--date",
            &date,
            "--provider",
            &npi,
            "--dx",
            "J02.0,I10",
            "--line",
            "99213:25:AB:1",
            "--line",
            "87880::A",
            "--bill",
        ],
    ));
    let added = stdout_json(&out);
    assert!(added["visit"]["id"].as_i64().unwrap() > 0);
    assert_eq!(added["visit"]["diagnoses"], serde_json::json!(["J02.0", "I10"]));
    let lines = added["visit"]["lines"].as_array().unwrap();
    assert_eq!(lines[0]["modifiers"], serde_json::json!(["25"]));
    assert_eq!(lines[0]["pointers"], serde_json::json!([1, 2]));
    assert!(lines.iter().all(|l| l["charge"].as_str().unwrap() != "0.00"), "standard fees were filled in");
    assert_eq!(added["claim"]["status"], "ready", "{added}");
    let control = added["claim"]["control_number"].as_str().unwrap().to_string();
    assert_eq!(claims(&db, &[]).len(), before + 1);

    // Text mode: the visit id and the claim number, and the scrubber's findings.
    let out = ok(claimdesk(
        &db,
        &[
            "visits",
            "add",
            "--account",
            &account,
            "--date",
            &date,
            "--provider",
            &npi,
            "--dx",
            "E11",
            "--line",
            "99213::B",
            "--bill",
        ],
    ));
    let text = stdout(&out);
    assert!(text.contains("Saved visit"), "{text}");
    assert!(text.contains("Claim ") && !text.contains(&control), "a new claim number: {text}");
    assert!(text.contains("POINTER_BEYOND_DIAGNOSES") && text.contains("24E"), "{text}");
    assert!(text.contains("DIAGNOSIS_NOT_BILLABLE"), "{text}");
}

#[test]
fn a_bad_service_line_is_refused_naming_the_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "bad.claimdesk", 20, 4);
    let npi = rendering_npi(&db);
    let before = dump(&db);
    let out = claimdesk(
        &db,
        &[
            "visits",
            "add",
            "--account",
            "1001",
            "--date",
            "11/02/2026",
            "--provider",
            &npi,
            "--dx",
            "J02.0",
            "--line",
            "9921::Z",
            "--bill",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("lines[0].code"), "{err}");
    assert!(err.contains("lines[0].pointers"), "{err}");
    assert_eq!(dump(&db), before, "nothing was saved");

    // An unknown provider and account are named too, also as JSON.
    let out = claimdesk(
        &db,
        &[
            "--json",
            "visits",
            "add",
            "--account",
            "NOPE",
            "--date",
            "11/02/2026",
            "--provider",
            "1234567893",
            "--dx",
            "J02.0",
            "--line",
            "99213",
        ],
    );
    assert_eq!(code(&out), 1);
    let report = json(&stderr(&out));
    let fields: Vec<&str> = report["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"patient_id") && fields.contains(&"rendering_provider_id"), "{fields:?}");
    assert_eq!(dump(&db), before);
    // A line that is not even shaped right for clap is still ours to refuse; no --line is usage.
    let out = claimdesk(
        &db,
        &["visits", "add", "--account", "1001", "--date", "11/02/2026", "--provider", &npi, "--dx", "J02.0"],
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn claims_list_json_has_the_money_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "list.claimdesk", 40, 5);
    let all = claims(&db, &[]);
    assert!(all.len() > 200);
    for c in &all {
        for key in ["id", "control_number", "payer", "status", "charge", "account_number", "service_date"] {
            assert!(!c[key].is_null(), "{key} missing: {c}");
        }
        for key in ["insurance_paid", "patient_responsibility", "adjustments", "balance"] {
            let text = c[key].as_str().unwrap_or_else(|| panic!("{key} is not a decimal string: {c}"));
            let (whole, cents) = text.trim_start_matches('-').split_once('.').unwrap_or(("", ""));
            let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
            assert!(digits(whole) && digits(cents) && cents.len() == 2, "{key}: {text}");
        }
        // A secondary or corrected claim shares its visit's lines (and their balance) with the
        // primary the demo's remittances paid.
        let first_claim_of_visit = c["payer_rank"] == 1 && c["frequency"] == "original";
        if first_claim_of_visit
            && c["insurance_paid"] == "0.00"
            && c["adjustments"] == "0.00"
            && c["patient_responsibility"] == "0.00"
        {
            assert_eq!(c["balance"], c["charge"], "nothing posted: the balance is the charge");
        }
    }
    let paid = claims(&db, &["--status", "paid"]);
    assert!(!paid.is_empty() && paid.iter().all(|c| c["status"] == "paid"));
    let errors = claims(&db, &["--queue", "errors"]);
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|c| c["status"] == "draft" && c["scrub_errors"].as_i64().unwrap() > 0), "{errors:?}");
    let ready = claims(&db, &["--queue", "ready"]);
    assert!(!ready.is_empty() && ready.iter().all(|c| c["status"] == "ready"));
    assert_eq!(claims(&db, &["--all"]).len(), all.len());
    let text = stdout(&ok(claimdesk(&db, &["claims", "list", "--status", "partially-paid"])));
    assert!(text.contains("partially_paid") && text.contains("BALANCE"), "{text}");
    assert_eq!(code(&claimdesk(&db, &["claims", "list", "--status", "lost"])), 2);
    assert_eq!(code(&claimdesk(&db, &["claims", "list", "--status", "paid", "--queue", "ready"])), 2);
}

#[test]
fn scrubbing_reports_findings_and_strict_fails_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "scrub.claimdesk", 40, 6);
    let out = ok(claimdesk(&db, &["claims", "scrub", "--all-drafts"]));
    let text = stdout(&out);
    assert!(text.contains("error") && text.contains("box "), "{text}");
    let errors = ids_of(&claims(&db, &["--queue", "errors"]));
    let first = errors[0].to_string();
    let report = ok_json(claimdesk(&db, &["--json", "claims", "scrub", &first]));
    let finding = &report["results"][0]["findings"][0];
    for key in ["rule", "severity", "box_id", "field", "message"] {
        assert!(!finding[key].is_null(), "{key}: {report}");
    }
    let strict = claimdesk(&db, &["claims", "scrub", "--strict", &first]);
    assert_eq!(code(&strict), 1);
    assert!(stderr(&strict).contains("still have scrubber errors"), "{}", stderr(&strict));
    let clean = ids_of(&claims(&db, &["--queue", "ready"]))[0].to_string();
    ok(claimdesk(&db, &["claims", "scrub", "--strict", &clean]));
    assert_eq!(code(&claimdesk(&db, &["claims", "scrub"])), 2, "which claims is required");
}

fn pdf_text(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(path).arg("-").output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn printing_ready_claims_writes_the_pdf_and_marks_them_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "print.claimdesk", 40, 7);
    let ready = claims(&db, &["--queue", "ready"]);
    let batch: Vec<&Value> = ready.iter().take(3).collect();
    let ids: Vec<String> = batch.iter().map(|c| c["id"].to_string()).collect();
    let pdf = dir.path().join("batch.pdf");
    let mut args = vec!["claims", "print", "--form", "red", "--out", pdf.to_str().unwrap()];
    args.extend(ids.iter().map(String::as_str));
    let out = ok(claimdesk(&db, &args));
    assert_eq!(stderr(&out), "", "no progress when stderr is not a terminal");
    assert!(stdout(&out).contains("Marked submitted as batch"), "{}", stdout(&out));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&pdf) {
        let account = batch[0]["account_number"].as_str().unwrap();
        assert!(text.contains(account), "account {account} on the form");
    }
    let submitted = ids_of(&claims(&db, &["--status", "submitted"]));
    for c in &batch {
        assert!(submitted.contains(&c["id"].as_i64().unwrap()), "{} was marked submitted", c["id"]);
    }

    // The rest of the ready claims on plain paper, as JSON.
    let full = dir.path().join("full.pdf");
    let report = ok_json(claimdesk(
        &db,
        &["--json", "claims", "print", "--ready", "--form", "full", "--out", full.to_str().unwrap()],
    ));
    assert_eq!(report["claims"].as_u64().unwrap() as usize, ready.len() - 3);
    assert!(report["batch_id"].as_i64().is_some());
    assert!(claims(&db, &["--queue", "ready"]).is_empty());

    let cal = dir.path().join("cal.pdf");
    ok(claimdesk(&db, &["claims", "calibration", "--out", cal.to_str().unwrap(), "--form", "full"]));
    assert!(std::fs::read(&cal).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_claim_that_is_not_ready_is_not_sent_but_can_be_reprinted() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "reprint.claimdesk", 40, 8);
    let ready = ids_of(&claims(&db, &["--queue", "ready"]))[0].to_string();
    let paid = ids_of(&claims(&db, &["--status", "paid"]))[0].to_string();
    let before = dump(&db);
    let pdf = dir.path().join("refused.pdf");
    let out = claimdesk(&db, &["claims", "print", &ready, &paid, "--form", "red", "--out", pdf.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(stderr(&out).contains("not ready to send"), "{}", stderr(&out));
    assert!(!pdf.exists(), "no file");
    assert_eq!(dump(&db), before, "nothing marked");

    let again = dir.path().join("again.pdf");
    let out = ok(claimdesk(
        &db,
        &["claims", "print", &paid, &ready, "--reprint", "--form", "full", "--out", again.to_str().unwrap()],
    ));
    assert!(stdout(&out).contains("nothing was recorded"), "{}", stdout(&out));
    assert!(std::fs::read(&again).unwrap().starts_with(b"%PDF"));
    assert_eq!(dump(&db), before, "a reprint records nothing");
}

// ---- electronic claims ----

#[test]
fn exporting_ready_claims_writes_a_valid_837p_and_marks_them_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "export.claimdesk", 40, 7);
    // Every demo secondary has its primary's payment posted, so secondaries go too (with COB).
    let ready: Vec<Value> = claims(&db, &["--queue", "ready"]);
    assert!(ready.iter().filter(|c| c["payer_rank"] == 1).count() >= 2, "the demo has ready primary claims");
    let file = dir.path().join("batch.837");
    let out = ok(claimdesk(&db, &["claims", "export-837", "--ready", "--out", file.to_str().unwrap()]));
    assert!(stdout(&out).contains("Marked submitted as batch"), "{}", stdout(&out));
    assert_eq!(stderr(&out), "", "no progress when stderr is not a terminal");
    let text = std::fs::read_to_string(&file).unwrap();
    pyx12::validate("cli-export.837", &text, "837/005010X222A1").unwrap();
    assert!(text.contains("*ZZ*RFM0001        *ZZ*DEMOCH         *"), "the demo clearinghouse's ISA addressing");
    let submitted = ids_of(&claims(&db, &["--status", "submitted"]));
    for c in &ready {
        assert!(submitted.contains(&c["id"].as_i64().unwrap()), "{} was marked submitted", c["id"]);
        assert!(text.contains(&format!("CLM*{}*", c["control_number"].as_str().unwrap())));
    }
    assert!(claims(&db, &["--queue", "ready"]).iter().all(|c| c["payer_rank"] != 1), "no ready primary claim is left");

    // Sent again with --resend (JSON): new control numbers, no status change.
    let before = claims(&db, &[]);
    let first = ready[0]["id"].to_string();
    let again = dir.path().join("again.837");
    let report = ok_json(claimdesk(
        &db,
        &["--json", "claims", "export-837", &first, "--resend", "--out", again.to_str().unwrap()],
    ));
    assert_eq!(report["claims"], 1);
    assert_eq!(report["transaction_sets"], 1);
    assert!(report["batch_id"].is_null());
    let isa13 = |t: &str| t.split('*').nth(13).unwrap().to_string();
    let again_text = std::fs::read_to_string(&again).unwrap();
    assert_ne!(isa13(&again_text), isa13(&text));
    assert_eq!(report["interchange_control_number"].as_u64().unwrap(), isa13(&again_text).parse::<u64>().unwrap());
    assert_eq!(claims(&db, &[]), before, "a resend changes no claim");

    // Without --resend, a claim already sent is refused, and nothing is written.
    let refused = dir.path().join("refused.837");
    let out = claimdesk(&db, &["claims", "export-837", &first, "--out", refused.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("not ready to send"), "{}", stderr(&out));
    assert!(!refused.exists());
}

#[test]
fn a_bad_or_missing_clearinghouse_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "noch.claimdesk", 40, 9);
    let file = dir.path().join("batch.837");
    let before = dump(&db);
    let out =
        claimdesk(&db, &["claims", "export-837", "--ready", "--clearinghouse", "77", "--out", file.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("clearinghouse 77 was not found"), "{}", stderr(&out));
    assert!(!file.exists());
    assert_eq!(dump(&db), before, "nothing changed");

    insider_connection(&db).execute("DELETE FROM clearinghouses", []).unwrap();
    let before = dump(&db);
    let out = claimdesk(&db, &["--json", "claims", "export-837", "--ready", "--out", file.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let report = json(&stderr(&out));
    assert_eq!(report["kind"], "not_found");
    assert!(report["message"].as_str().unwrap().contains("claimdesk clearinghouse set"), "{report}");
    assert!(!file.exists());
    assert_eq!(dump(&db), before, "nothing changed");
    let out = claimdesk(&db, &["clearinghouse", "show"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("clearinghouse"), "{}", stderr(&out));
}

#[test]
fn clearinghouse_set_creates_then_updates_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "setch.claimdesk", 10, 3);
    insider_connection(&db).execute("DELETE FROM clearinghouses", []).unwrap();

    // Creating needs every field; each missing one is named.
    let before = dump(&db);
    let out = claimdesk(&db, &["clearinghouse", "set", "--name", "Office Ally"]);
    assert_eq!(code(&out), 1);
    for field in ["submitter_id", "contact_phone", "sender_id", "interchange_receiver_id"] {
        assert!(stderr(&out).contains(&format!("refused: {field}:")), "{field}: {}", stderr(&out));
    }
    assert_eq!(dump(&db), before);

    let created = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "clearinghouse",
            "set",
            "--name",
            "Office Ally",
            "--submitter-name",
            "Riverside Family Medicine",
            "--submitter-id",
            "ra12345",
            "--contact-name",
            "Dana Whitfield",
            "--contact-phone",
            "(512) 555-0100",
            "--receiver-name",
            "Office Ally",
            "--receiver-id",
            "330897513",
            "--sender-qualifier",
            "ZZ",
            "--sender-id",
            "RA12345",
            "--receiver-qualifier",
            "ZZ",
            "--interchange-receiver-id",
            "330897513",
        ],
    ));
    assert_eq!(created["submitter_id"], "RA12345");
    assert_eq!(created["production"], false);
    assert_eq!(created["is_default"], true);

    let updated = ok_json(claimdesk(&db, &["--json", "clearinghouse", "set", "--production"]));
    assert_eq!(updated["id"], created["id"]);
    assert_eq!(updated["production"], true);
    assert_eq!(updated["sender_id"], "RA12345", "fields not given are kept");
    let shown = stdout(&ok(claimdesk(&db, &["clearinghouse", "show"])));
    assert!(shown.contains("Office Ally") && shown.contains("ZZ:RA12345 to ZZ:330897513"), "{shown}");
    assert!(shown.contains("production"), "{shown}");

    let before = dump(&db);
    let out = claimdesk(&db, &["clearinghouse", "set", "--sender-qualifier", "QQ"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("refused: sender_qualifier:"), "{}", stderr(&out));
    assert_eq!(dump(&db), before);

    // The export uses it: ISA15 P and its IDs.
    let file = dir.path().join("prod.837");
    ok(claimdesk(&db, &["claims", "export-837", "--ready", "--out", file.to_str().unwrap()]));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("*ZZ*RA12345        *ZZ*330897513      *"), "{}", &text[..120]);
    assert_eq!(text.split('*').nth(15), Some("P"));
}

fn statuses(db: &Path) -> std::collections::BTreeMap<String, String> {
    claims(db, &[])
        .iter()
        .map(|c| (c["control_number"].as_str().unwrap().to_string(), c["status"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn the_demo_writes_a_sample_835_that_imports_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sample.claimdesk");
    let out = ok(claimdesk(&db, &["--json", "demo", "--patients", "60", "--visits", "80", "--seed", "3"]));
    let summary = stdout_json(&out);
    let sample = PathBuf::from(summary["sample_835"].as_str().expect("the demo names its sample 835"));
    assert_eq!(sample, dir.path().join("sample-sample.835"));
    let text = std::fs::read_to_string(&sample).unwrap();
    assert!(text.starts_with("ISA*") && text.contains("005010X221A1"), "{text}");
    let sample_arg = sample.to_str().unwrap();

    let before = statuses(&db);
    let waiting: Vec<String> =
        before.iter().filter(|(_, s)| *s == "submitted" || *s == "accepted").map(|(c, _)| c.clone()).collect();
    assert!(!waiting.is_empty());

    // A dry run shows what would post and changes nothing.
    let preview = ok_json(claimdesk(&db, &["--json", "era", "import", sample_arg, "--dry-run"]));
    let reports = preview["remittances"].as_array().unwrap();
    assert!(reports.iter().all(|r| r["preview"] == true));
    assert_eq!(statuses(&db), before, "a dry run posts nothing");

    let posted = ok_json(claimdesk(&db, &["--json", "era", "import", sample_arg]));
    let reports = posted["remittances"].as_array().unwrap();
    let exceptions: Vec<&Value> = reports.iter().flat_map(|r| r["exceptions"].as_array().unwrap()).collect();
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    assert_eq!(exceptions[0]["control_number"], claimdesk_demo::UNKNOWN_CONTROL_NUMBER);
    let posted_claims: usize = reports.iter().map(|r| r["claims"].as_array().unwrap().len()).sum();
    assert_eq!(posted_claims, waiting.len(), "every waiting claim is paid or denied");
    let after = statuses(&db);
    let moved: Vec<&String> = waiting.iter().map(|c| &after[c]).collect();
    assert!(moved.iter().all(|s| ["paid", "partially_paid", "denied"].contains(&s.as_str())), "{moved:?}");
    assert!(moved.iter().filter(|s| s.as_str() == "paid").count() * 2 > moved.len(), "mostly paid: {moved:?}");

    // The same file again is refused: nothing posts twice.
    let again = claimdesk(&db, &["era", "import", sample_arg]);
    assert_eq!(code(&again), 1, "{}", stdout(&again));
    assert!(stderr(&again).contains("already posted"), "{}", stderr(&again));
    assert_eq!(statuses(&db), after);
}

#[test]
fn a_payment_at_the_desk_prints_a_receipt_and_a_card_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "pay.claimdesk", 20, 3);
    let account = ok_json(claimdesk(&db, &["--json", "patients", "search", ""]))["results"][0]["account_number"]
        .as_str()
        .unwrap()
        .to_string();
    let receipt = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "payments",
            "post",
            "--account",
            &account,
            "--amount",
            "40",
            "--method",
            "check",
            "--reference",
            "1042",
        ],
    ));
    assert!(receipt["receipt_number"].as_str().unwrap().starts_with('R'));
    assert_eq!(receipt["amount"], "40.00");
    let before = dump(&db);
    let refused = claimdesk(
        &db,
        &[
            "payments",
            "post",
            "--account",
            &account,
            "--amount",
            "40",
            "--method",
            "card",
            "--reference",
            "4111111111111111",
        ],
    );
    assert_eq!(code(&refused), 1);
    assert!(stderr(&refused).contains("reference"), "{}", stderr(&refused));
    assert_eq!(dump(&db), before, "a refused payment changes nothing");
}

#[test]
fn the_999_pyx12_writes_for_an_exported_837p_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "ack.claimdesk", 40, 7);
    let file = dir.path().join("batch.837");
    let sent = ok_json(claimdesk(&db, &["--json", "claims", "export-837", "--ready", "--out", file.to_str().unwrap()]));
    let text = std::fs::read_to_string(&file).unwrap();
    // pyx12 answers under GS08 005010X231 (the 999's base version), which is read as well.
    let ack = pyx12::acknowledge("cli-ack.837", &text);
    assert!(ack.contains("*005010X231~"), "{ack}");
    let ack_file = dir.path().join("batch.999");
    std::fs::write(&ack_file, &ack).unwrap();
    let out = ok(claimdesk(&db, &["claims", "ack", ack_file.to_str().unwrap()]));
    assert_eq!(stdout(&out).trim(), format!("999: {} accepted, 0 rejected", sent["claims"]), "{}", stdout(&out));

    // The 837P itself is no acknowledgement: refused by name, nothing changed.
    let before = dump(&db);
    let out = claimdesk(&db, &["claims", "ack", file.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(stderr(&out).contains("not an acknowledgement"), "{}", stderr(&out));
    assert!(stderr(&out).contains("837"), "{}", stderr(&out));
    assert_eq!(dump(&db), before);
}

/// `claimdesk --version` names the workspace's version: the one the package and the app's
/// About box carry.
#[test]
fn version_is_the_workspace_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdesk")).arg("--version").output().unwrap();
    assert!(out.status.success());
    let workspace = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml")).unwrap();
    let version = workspace
        .lines()
        .skip_while(|l| l.trim() != "[workspace.package]")
        .find_map(|l| l.trim().strip_prefix("version = ").map(|v| v.trim_matches('"').to_string()))
        .expect("a workspace version");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("claimdesk {version}"));
}
