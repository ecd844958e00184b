//! `claimdesk plans create|show|list` on a demo practice file.

mod common;
use common::*;

use std::path::Path;
use std::process::Command;

#[test]
fn create_show_and_list_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_without_accounts(dir.path(), "p.claimdesk", 60, 3);
    let owing = ok_json(claimdesk(&db, &["--json", "statements", "run", "--dry-run", "--min-balance", "20.00"]));
    let first = &owing["statements"][0];
    let account = first["account_number"].as_str().unwrap().to_string();
    // Money stays decimal: one dollar more than due, worked in whole cents.
    let due_cents: i64 = first["patient_due"].as_str().unwrap().replace('.', "").parse().unwrap();
    let too_much = format!("{}.{:02}", (due_cents + 100) / 100, (due_cents + 100) % 100);
    let refused = claimdesk(
        &db,
        &[
            "--json",
            "plans",
            "create",
            "--account",
            &account,
            "--amount",
            &too_much,
            "--installments",
            "2",
            "--frequency",
            "monthly",
            "--first-due",
            "01/15/2099",
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("terms.financed"));

    let plan = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "plans",
            "create",
            "--account",
            &account,
            "--amount",
            "20.00",
            "--down",
            "5.00",
            "--installments",
            "3",
            "--frequency",
            "every-two-weeks",
            "--first-due",
            "01/15/2099",
        ],
    ));
    assert_eq!(plan["version"], 1);
    assert_eq!(plan["schedule"].as_array().unwrap().len(), 3);
    let id = plan["id"].as_i64().unwrap().to_string();

    let shown = ok_json(claimdesk(&db, &["--json", "plans", "show", &id]));
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["state"]["next_due"]["due"], "2099-01-15");
    let text = claimdesk(&db, &["plans", "show", &id]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Next due: 5.00 on 01/15/2099"));

    let listed = ok_json(claimdesk(&db, &["--json", "plans", "list"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(ok_json(claimdesk(&db, &["--json", "plans", "list", "--delinquent"])).as_array().unwrap().is_empty());

    let usage = claimdesk(&db, &["plans", "create", "--account", &account]);
    assert_eq!(usage.status.code(), Some(2), "a usage error");
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn amend_print_the_agreement_end_a_plan_and_print_a_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_without_accounts(dir.path(), "p.claimdesk", 60, 3);
    let owing = ok_json(claimdesk(&db, &["--json", "statements", "run", "--dry-run", "--min-balance", "20.00"]));
    let account = owing["statements"][0]["account_number"].as_str().unwrap().to_string();
    let terms = |amount: &'static str, n: &'static str| -> Vec<&'static str> {
        vec!["--amount", amount, "--installments", n, "--frequency", "monthly", "--first-due", "01/31/2099"]
    };
    let mut create = vec!["--json", "plans", "create", "--account", account.as_str()];
    create.extend(terms("20.00", "3"));
    let plan = ok_json(claimdesk(&db, &create));
    let id = plan["id"].as_i64().unwrap().to_string();

    // Amend: version 2 with the same plan number, month-end dates clamped.
    let mut amend = vec!["--json", "plans", "amend", id.as_str()];
    amend.extend(terms("20.00", "2"));
    let v2 = ok_json(claimdesk(&db, &amend));
    assert_eq!((v2["version"].as_i64(), &v2["plan_number"]), (Some(2), &plan["plan_number"]));
    let dues: Vec<&str> = v2["schedule"].as_array().unwrap().iter().map(|i| i["due"].as_str().unwrap()).collect();
    assert_eq!(dues, vec!["2099-01-31", "2099-02-28"]);
    let v2_id = v2["id"].as_i64().unwrap().to_string();
    let mut again = vec!["plans", "amend", id.as_str()];
    again.extend(terms("20.00", "2"));
    assert_eq!(claimdesk(&db, &again).status.code(), Some(1), "version 1 was replaced");

    // The agreement.
    let pdf = dir.path().join("agreement.pdf");
    let printed = claimdesk(&db, &["plans", "agreement", &v2_id, "--out", pdf.to_str().unwrap()]);
    assert_eq!(printed.status.code(), Some(0), "{}", String::from_utf8_lossy(&printed.stderr));
    let text = pdf_text(&pdf);
    assert!(text.contains(&format!("Plan {} version 2", plan["plan_number"].as_str().unwrap())), "{text}");
    assert!(text.contains("1 01/31/2099 $10.00") && text.contains("2 02/28/2099 $10.00"), "{text}");

    // End it: a reason is required; --cancelled and --defaulted exclude each other.
    assert_eq!(claimdesk(&db, &["plans", "end", &v2_id, "--cancelled"]).status.code(), Some(2));
    assert_eq!(
        claimdesk(&db, &["plans", "end", &v2_id, "--cancelled", "--defaulted", "--reason", "x"]).status.code(),
        Some(2)
    );
    let blank = claimdesk(&db, &["plans", "end", &v2_id, "--defaulted", "--reason", " "]);
    assert_eq!(blank.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&blank.stderr).contains("reason"));
    let ended =
        ok_json(claimdesk(&db, &["--json", "plans", "end", &v2_id, "--defaulted", "--reason", "stopped paying"]));
    assert_eq!((ended["status"].as_str(), ended["ended_reason"].as_str()), (Some("defaulted"), Some("stopped paying")));
    assert!(ok_json(claimdesk(&db, &["--json", "plans", "list"])).as_array().unwrap().is_empty());

    // A payment with its receipt printed.
    let receipt_pdf = dir.path().join("receipt.pdf");
    let posted = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "payments",
            "post",
            "--account",
            &account,
            "--amount",
            "7.50",
            "--method",
            "card",
            "--reference",
            "4242",
            "--receipt",
            receipt_pdf.to_str().unwrap(),
        ],
    ));
    let text = pdf_text(&receipt_pdf);
    assert!(text.contains(&format!("Receipt no. {}", posted["receipt_number"].as_str().unwrap())), "{text}");
    assert!(text.contains("Payment method Card 4242") && text.contains("$7.50"), "{text}");
}
