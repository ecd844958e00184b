//! `claimdesk statements run|reprint` and `patients hold` on demo practice files.

mod common;
use common::*;

use std::path::Path;
use std::process::Command;

fn pdf_text(path: &Path) -> String {
    let o = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext runs");
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn dry_run_lists_then_run_writes_records_and_reprints() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_without_accounts(dir.path(), "p.claimdesk", 60, 3);
    let pdf = dir.path().join("statements.pdf");

    let dry = ok_json(claimdesk(&db, &["--json", "statements", "run", "--out", pdf.to_str().unwrap(), "--dry-run"]));
    let would = dry["statements"].as_array().unwrap().clone();
    assert!(!would.is_empty());
    assert!(!pdf.exists(), "a dry run writes nothing");
    for c in &would {
        // Money is a decimal string; compare whole cents, never floats.
        let due: i64 = c["patient_due"].as_str().unwrap().replace('.', "").parse().unwrap();
        assert!(due >= 500, "{c}");
    }
    let higher = ok_json(claimdesk(&db, &["--json", "statements", "run", "--dry-run", "--min-balance", "100.00"]));
    assert!(higher["statements"].as_array().unwrap().len() < would.len());

    // A hold keeps an account out; --include-holds brings it back; --release ends it.
    let account = would[0]["account_number"].as_str().unwrap().to_string();
    ok(claimdesk(&db, &["patients", "hold", &account, "--reason", "Disputing a bill"]));
    let held = ok_json(claimdesk(&db, &["--json", "statements", "run", "--dry-run"]));
    assert_eq!(held["statements"].as_array().unwrap().len(), would.len() - 1);
    let with = ok_json(claimdesk(&db, &["--json", "statements", "run", "--dry-run", "--include-holds"]));
    assert_eq!(with["statements"].as_array().unwrap().len(), would.len());
    ok(claimdesk(&db, &["patients", "hold", &account, "--release"]));

    let report = ok_json(claimdesk(&db, &["--json", "statements", "run", "--out", pdf.to_str().unwrap()]));
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
    let none = ok_json(claimdesk(&db, &["--json", "statements", "run", "--dry-run"]));
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
    let db = demo_without_accounts(dir.path(), "p.claimdesk", 60, 3);
    let o = claimdesk(&db, &["statements", "run", "--dry-run", "--min-balance", "abc"]);
    assert_eq!(code(&o), 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("min_balance"));
    let o = claimdesk(&db, &["statements", "run", "--dry-run", "--date", "13/45/2026"]);
    assert_eq!(code(&o), 1);
    assert_eq!(code(&claimdesk(&db, &["statements", "run"])), 1, "--out is needed without --dry-run");
    assert_eq!(code(&claimdesk(&db, &["patients", "hold", "1001"])), 2, "a reason or --release");
    assert_eq!(code(&claimdesk(&db, &["patients", "hold", "NOPE", "--release"])), 1);
}

/// A patient registered without an address (an emergency visit) owes for a self-pay visit: the
/// dry run lists the account as held out with the reason, the run prints no statement for it
/// and says so, and the others still go out.
#[test]
fn an_account_without_a_mailing_address_is_held_out_and_listed_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_without_accounts(dir.path(), "p.claimdesk", 40, 3);
    let conn = insider_connection(&db);
    let npi: String = conn
        .query_row("SELECT npi FROM providers WHERE is_rendering = 1 ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let registered = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "patients",
            "add",
            "--last",
            "Quillfeather",
            "--first",
            "Rowan",
            "--dob",
            "02/03/1979",
            "--sex",
            "M",
        ],
    ));
    let account = registered["account_number"].as_str().unwrap().to_string();
    let day = (chrono::Local::now().date_naive() - chrono::Days::new(10)).format("%m/%d/%Y").to_string();
    ok(claimdesk(
        &db,
        &[
            "visits",
            "add",
            "--account",
            &account,
            "--date",
            &day,
            "--provider",
            &npi,
            "--dx",
            "J02.0",
            "--line",
            "99213",
        ],
    ));

    let dry = ok_json(claimdesk(&db, &["--json", "statements", "run", "--dry-run"]));
    let held = dry["held"].as_array().unwrap();
    assert_eq!(held.len(), 1, "{dry}");
    assert_eq!(held[0]["account_number"], account.as_str());
    assert_eq!(held[0]["held_out"], "no_mailing_address");
    let listed = dry["statements"].as_array().unwrap();
    assert!(!listed.is_empty());
    assert!(listed.iter().all(|c| c["account_number"] != account.as_str() && c["held_out"].is_null()));

    let text = stdout(&ok(claimdesk(&db, &["statements", "run", "--dry-run"])));
    let line = text.lines().find(|l| l.starts_with(&account)).unwrap_or_else(|| panic!("{account} missing:\n{text}"));
    assert!(line.contains("No mailing address: add it on the patient's record"), "{text}");
    assert!(text.contains("Held out, no statement (1):"), "{text}");

    let pdf = dir.path().join("statements.pdf");
    let report = ok_json(claimdesk(&db, &["--json", "statements", "run", "--out", pdf.to_str().unwrap()]));
    assert_eq!(report["statements"].as_array().unwrap().len(), listed.len());
    assert_eq!(report["held"][0]["account_number"], account.as_str());
    assert!(!pdf_text(&pdf).contains("QUILLFEATHER"), "no statement for the held account");
}
