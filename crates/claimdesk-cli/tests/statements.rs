//! `claimdesk statements run|reprint` and `patients hold` on demo practice files.

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

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

#[track_caller]
fn ok(o: Output) -> Output {
    assert_eq!(code(&o), 0, "stdout: {}\nstderr: {}", out(&o), String::from_utf8_lossy(&o.stderr));
    o
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", out(o)))
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("p.claimdesk");
    ok(claimdesk(&db, &["demo", "--patients", "60", "--seed", "3", "--no-accounts"]));
    db
}

fn pdf_text(path: &Path) -> String {
    let o = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext runs");
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn dry_run_lists_then_run_writes_records_and_reprints() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let pdf = dir.path().join("statements.pdf");

    let dry = json(&ok(claimdesk(&db, &["--json", "statements", "run", "--out", pdf.to_str().unwrap(), "--dry-run"])));
    let would = dry["statements"].as_array().unwrap().clone();
    assert!(!would.is_empty());
    assert!(!pdf.exists(), "a dry run writes nothing");
    for c in &would {
        // Money is a decimal string; compare whole cents, never floats.
        let due: i64 = c["patient_due"].as_str().unwrap().replace('.', "").parse().unwrap();
        assert!(due >= 500, "{c}");
    }
    let higher = json(&ok(claimdesk(&db, &["--json", "statements", "run", "--dry-run", "--min-balance", "100.00"])));
    assert!(higher["statements"].as_array().unwrap().len() < would.len());

    // A hold keeps an account out; --include-holds brings it back; --release ends it.
    let account = would[0]["account_number"].as_str().unwrap().to_string();
    ok(claimdesk(&db, &["patients", "hold", &account, "--reason", "Disputing a bill"]));
    let held = json(&ok(claimdesk(&db, &["--json", "statements", "run", "--dry-run"])));
    assert_eq!(held["statements"].as_array().unwrap().len(), would.len() - 1);
    let with = json(&ok(claimdesk(&db, &["--json", "statements", "run", "--dry-run", "--include-holds"])));
    assert_eq!(with["statements"].as_array().unwrap().len(), would.len());
    ok(claimdesk(&db, &["patients", "hold", &account, "--release"]));

    let report = json(&ok(claimdesk(&db, &["--json", "statements", "run", "--out", pdf.to_str().unwrap()])));
    let statements = report["statements"].as_array().unwrap();
    assert_eq!(statements.len(), would.len());
    let text = pdf_text(&pdf);
    for s in statements {
        assert!(text.contains(&format!("${}", s["amount_due"].as_str().unwrap())));
    }

    // Right after, nobody is due a statement: refused, exit 1, nothing written.
    let again = dir.path().join("again.pdf");
    let o = claimdesk(&db, &["statements", "run", "--out", again.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(!again.exists());
    let none = json(&ok(claimdesk(&db, &["--json", "statements", "run", "--dry-run"])));
    assert!(none["statements"].as_array().unwrap().is_empty());

    // A reprint of the first statement prints the same text as its page(s) in the batch.
    let id = statements[0]["statement_id"].as_i64().unwrap();
    let reprint = dir.path().join("reprint.pdf");
    ok(claimdesk(&db, &["statements", "reprint", &id.to_string(), "--out", reprint.to_str().unwrap()]));
    let first = pdf_text(&reprint);
    assert!(text.starts_with(first.trim_end_matches('\u{c}')), "the reprint is the batch's first statement");
    let o = claimdesk(&db, &["statements", "reprint", "999999", "--out", reprint.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
}

#[test]
fn bad_arguments_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = claimdesk(&db, &["statements", "run", "--dry-run", "--min-balance", "abc"]);
    assert_eq!(code(&o), 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("min_balance"));
    let o = claimdesk(&db, &["statements", "run", "--dry-run", "--date", "13/45/2026"]);
    assert_eq!(code(&o), 1);
    assert_eq!(code(&claimdesk(&db, &["statements", "run"])), 1, "--out is needed without --dry-run");
    assert_eq!(code(&claimdesk(&db, &["patients", "hold", "1001"])), 2, "a reason or --release");
    assert_eq!(code(&claimdesk(&db, &["patients", "hold", "NOPE", "--release"])), 1);
}
