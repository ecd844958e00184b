//! `claimdesk collections list|send|recall` and `claimdesk posting-rules` on a demo practice.

mod common;
use common::*;

#[test]
fn the_worklist_sends_and_recalls_accounts_and_statements_follow() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "c.claimdesk", 120, 7);
    let list = ok_json(claimdesk(&db, &["--json", "collections", "list", "--days", "30", "--min-balance", "5.00"]));
    let list = list.as_array().unwrap();
    assert!(!list.is_empty(), "the demo has accounts with no payment in 30 days");
    for a in list {
        assert!(a["days_without_payment"].as_i64().unwrap() >= 30, "{a}");
        assert_eq!(a["sent_to_agency"], false, "sent accounts only with --include-sent");
    }
    let account = list[0]["account_number"].as_str().unwrap().to_string();
    let statements = |db: &std::path::Path| -> Vec<String> {
        ok_json(claimdesk(
            db,
            &["--json", "statements", "run", "--dry-run", "--min-balance", "0.01", "--days-since-last", "0"],
        ))["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["account_number"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(statements(&db).contains(&account));

    ok(claimdesk(&db, &["collections", "send", &account, "--agency", "Summit Recovery Services"]));
    assert!(!statements(&db).contains(&account), "statements stop");
    let sent = ok_json(claimdesk(
        &db,
        &["--json", "collections", "list", "--days", "30", "--min-balance", "5.00", "--include-sent"],
    ));
    let row = sent.as_array().unwrap().iter().find(|a| a["account_number"] == account.as_str()).expect("listed");
    assert_eq!(row["agency"], "Summit Recovery Services");
    assert_eq!(row["patient_due"], list[0]["patient_due"], "the balance is kept");

    ok(claimdesk(&db, &["collections", "recall", &account]));
    assert!(statements(&db).contains(&account), "statements go out again");

    let refused = claimdesk(&db, &["collections", "send", &account, "--agency", " "]);
    assert_eq!(code(&refused), 1);
    assert!(stderr(&refused).contains("agency"), "{}", stderr(&refused));
    let refused = claimdesk(&db, &["collections", "list", "--min-balance", "lots"]);
    assert_eq!(code(&refused), 1);
    assert!(stderr(&refused).contains("min_balance"), "{}", stderr(&refused));
}

#[test]
fn posting_rules_show_and_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_without_accounts(dir.path(), "r.claimdesk", 20, 3);
    let rules = ok_json(claimdesk(&db, &["--json", "posting-rules"]));
    assert_eq!((rules["write_off_oa"].as_bool(), rules["write_off_pi"].as_bool()), (Some(true), Some(false)));
    let rules = ok_json(claimdesk(&db, &["--json", "posting-rules", "--write-off-pi", "yes", "--write-off-oa", "no"]));
    assert_eq!((rules["write_off_oa"].as_bool(), rules["write_off_pi"].as_bool()), (Some(false), Some(true)));
    let text = stdout(&ok(claimdesk(&db, &["posting-rules"])));
    assert!(text.contains("PI (payer-initiated reductions): written off"), "{text}");
    assert_eq!(code(&claimdesk(&db, &["posting-rules", "--write-off-pi", "maybe"])), 2, "a usage error");
}
