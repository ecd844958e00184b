//! `claimdesk plans create|show|list` on a demo practice file.

use serde_json::Value;
use std::path::Path;
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

#[track_caller]
fn ok(o: Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn create_show_and_list_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.claimdesk");
    assert_eq!(claimdesk(&db, &["demo", "--patients", "60", "--seed", "3"]).status.code(), Some(0));
    let owing = ok(claimdesk(&db, &["--json", "statements", "run", "--dry-run", "--min-balance", "20.00"]));
    let first = &owing["statements"][0];
    let account = first["account_number"].as_str().unwrap().to_string();
    let due: f64 = first["patient_due"].as_str().unwrap().parse().unwrap();

    let too_much = format!("{:.2}", due + 1.0);
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

    let plan = ok(claimdesk(
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

    let shown = ok(claimdesk(&db, &["--json", "plans", "show", &id]));
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["state"]["next_due"]["due"], "2099-01-15");
    let text = claimdesk(&db, &["plans", "show", &id]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Next due: 5.00 on 01/15/2099"));

    let listed = ok(claimdesk(&db, &["--json", "plans", "list"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(ok(claimdesk(&db, &["--json", "plans", "list", "--delinquent"])).as_array().unwrap().is_empty());

    let usage = claimdesk(&db, &["plans", "create", "--account", &account]);
    assert_eq!(usage.status.code(), Some(2), "a usage error");
}
