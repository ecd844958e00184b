//! `claimdesk reports ...` on a demo practice file: tables, --json, --csv, --pdf, refusals.

mod common;
use common::*;

use serde_json::Value;
use std::process::Command;

/// Whole cents from a decimal string ("-12.50" -> -1250); never through a float.
fn cents(v: &str) -> i64 {
    let (negative, digits) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or_else(|| panic!("not money: {v:?}"));
    assert_eq!(frac.len(), 2, "two decimals: {v:?}");
    let n: i64 = whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap();
    if negative {
        -n
    } else {
        n
    }
}

fn money(v: &Value) -> i64 {
    cents(v.as_str().unwrap_or_else(|| panic!("money is a string: {v}")))
}

#[test]
fn aging_by_payer_and_guarantor_adds_up_to_everything_ever_posted() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "r.claimdesk", 80, 4);
    let payer = ok_json(claimdesk(&db, &["--json", "reports", "aging"]));
    assert_eq!(payer["kind"], "aging");
    let payer = &payer["report"];
    assert_eq!(payer["by"], "payer");
    let rows = payer["rows"].as_array().unwrap();
    assert!(rows.len() >= 3, "several payers owe: {payer}");
    let buckets = ["current", "days_31_60", "days_61_90", "days_91_120", "over_120"];
    let mut sum = 0;
    for r in rows {
        let by_age: i64 = buckets.iter().map(|b| money(&r["aging"][b])).sum();
        assert_eq!(by_age, money(&r["total"]), "{r}");
        sum += by_age;
    }
    assert_eq!(sum, money(&payer["total"]));
    let guarantor = ok_json(claimdesk(&db, &["--json", "reports", "aging", "--by", "guarantor"]));
    let guarantor = &guarantor["report"];
    assert!(guarantor["rows"].as_array().unwrap().iter().all(
        |r| r["key"].as_str().unwrap().starts_with("patient:") || r["key"].as_str().unwrap().starts_with("party:")
    ));

    // Everything ever posted (the day sheet from the start) is what is owed now.
    let all = ok_json(claimdesk(&db, &["--json", "reports", "daysheet", "--from", "01/01/2000"]));
    let net = money(&all["report"]["totals"]["net"]);
    assert_eq!(net, money(&payer["total"]) + money(&guarantor["total"]));
    assert!(money(&all["report"]["totals"]["insurance_payments"]) > 0);
    let methods = all["report"]["by_method"].as_array().unwrap();
    assert!(!methods.is_empty());
    let by_user = all["report"]["by_user"].as_array().unwrap();
    let user_net: i64 = by_user.iter().map(|u| money(&u["amounts"]["net"])).sum();
    assert_eq!(user_net, net);

    // A year ago nothing was owed yet.
    let then = ok_json(claimdesk(&db, &["--json", "reports", "aging", "--as-of", "01/01/2020"]));
    assert_eq!(money(&then["report"]["total"]), 0);
}

#[test]
fn csv_table_and_pdf_carry_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "r.claimdesk", 80, 4);
    let report = ok_json(claimdesk(&db, &["--json", "reports", "aging"]));
    let total = money(&report["report"]["total"]);

    let csv = stdout(&ok(claimdesk(&db, &["reports", "aging", "--csv"])));
    let lines: Vec<Vec<String>> =
        csv.lines().map(|l| l.split(',').map(|c| c.trim_matches('"').to_string()).collect()).collect();
    assert_eq!(lines[0], ["Payer", "Account", "Current", "31-60", "61-90", "91-120", "Over 120", "Total"]);
    let last = lines.last().unwrap();
    assert_eq!(last[0], "Total");
    assert_eq!(cents(&last[7]), total, "money as plain decimals");
    let body: i64 = lines[1..lines.len() - 1].iter().map(|r| cents(&r[7])).sum();
    assert_eq!(body, total);
    assert!(!csv.contains('$'));

    let table = stdout(&ok(claimdesk(&db, &["reports", "aging"])));
    assert!(table.starts_with("AR aging by payer - Riverside Family Medicine"));
    assert!(table.contains(&format!("${}.{:02}", total / 100, total % 100)), "{table}");

    let pdf = dir.path().join("aging.pdf");
    ok(claimdesk(&db, &["reports", "aging", "--by", "guarantor", "--pdf", pdf.to_str().unwrap()]));
    let text = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("AR aging by guarantor"), "{text}");
    assert!(text.contains("Riverside Family Medicine"));
    assert!(text.contains("Page 1 of"));
    assert!(text.contains("Total"));

    // Several tables: each after its name.
    let csv = stdout(&ok(claimdesk(&db, &["reports", "denials", "--from", "01/01/2000", "--csv"])));
    assert!(csv.starts_with("By reason\nGroup,Reason,Description,Count,Amount\n"), "{csv}");
    assert!(csv.contains("\nBy payer\nPayer,Claims,Lines,Denied charges\n"), "{csv}");
}

#[test]
fn every_report_runs_and_bad_dates_are_refused_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "r.claimdesk", 80, 4);
    for (args, kind) in [
        (vec!["daysheet"], "day_sheet"),
        (vec!["deposits", "--from", "01/01/2000"], "deposits"),
        (vec!["denials", "--from", "01/01/2000"], "denials"),
        (vec!["plans"], "plans"),
        (vec!["productivity", "--from", "01/01/2000"], "productivity"),
        (vec!["underpaid", "--from", "01/01/2000"], "underpaid"),
    ] {
        let mut all = vec!["--json", "reports"];
        all.extend(args.iter().copied());
        let v = ok_json(claimdesk(&db, &all));
        assert_eq!(v["kind"], kind);
        ok(claimdesk(&db, &["reports", args[0]]));
    }
    let denials = ok_json(claimdesk(&db, &["--json", "reports", "denials", "--from", "01/01/2000"]));
    assert!(!denials["report"]["by_reason"].as_array().unwrap().is_empty(), "the demo has denials");
    let deposits = ok_json(claimdesk(&db, &["--json", "reports", "deposits", "--from", "01/01/2000"]));
    assert!(!deposits["report"]["undeposited"].as_array().unwrap().is_empty(), "remittances wait for a deposit");

    let bad = claimdesk(&db, &["--json", "reports", "aging", "--as-of", "13/45/2026"]);
    assert_eq!(bad.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(err["fields"][0]["field"], "as_of");
    let backwards = claimdesk(&db, &["--json", "reports", "daysheet", "--from", "11/20/2026", "--to", "11/01/2026"]);
    assert_eq!(backwards.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&backwards.stderr).unwrap();
    assert_eq!(err["fields"][0]["field"], "to");
    let usage = claimdesk(&db, &["reports", "aging", "--by", "planet"]);
    assert_eq!(usage.status.code(), Some(2));
}
