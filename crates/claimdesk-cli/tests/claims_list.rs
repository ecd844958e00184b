//! `claims list` on a demo practice: newest first, filters as flags, pages, and every claim
//! when no page is asked for.

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;

fn list(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json", "claims", "list"];
    all.extend_from_slice(args);
    ok_json(claimdesk(db, &all))
}

fn claims(v: &Value) -> Vec<Value> {
    v["claims"].as_array().expect("a claims array").clone()
}

fn ids(list: &[Value]) -> Vec<i64> {
    list.iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

/// (date of service, id) of each claim: the list's order key.
fn keys(list: &[Value]) -> Vec<(String, i64)> {
    list.iter().map(|c| (c["service_date"].as_str().unwrap().to_string(), c["id"].as_i64().unwrap())).collect()
}

#[test]
fn claims_list_runs_newest_first_with_filters_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_without_accounts(dir.path(), "list.claimdesk", 40, 5);
    let everything = list(&db, &[]);
    let all = claims(&everything);
    assert!(all.len() > 200, "{}", all.len());
    assert_eq!(everything["total"].as_u64().unwrap() as usize, all.len());
    let order = keys(&all);
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, sorted, "newest date of service first, then the newest claim");
    assert_eq!(claims(&list(&db, &["--all"])), all);

    // Pages: --limit alone is the first page; pages add up to the list.
    let first = list(&db, &["--limit", "100"]);
    assert_eq!(ids(&claims(&first)), ids(&all[..100]));
    assert_eq!(first["total"].as_u64().unwrap() as usize, all.len());
    let third = claims(&list(&db, &["--limit", "100", "--page", "3"]));
    assert_eq!(ids(&third), ids(&all[200..all.len().min(300)]));
    assert_eq!(claims(&list(&db, &["--page", "2"])), all[50..100].to_vec(), "50 a page by default");
    let text = stdout(&ok(claimdesk(&db, &["claims", "list", "--limit", "10", "--page", "2"])));
    assert!(text.contains(&format!("claims 11-20 of {}", all.len())) && text.contains("--page 3"), "{text}");

    // A payer by name (any case, first letters) or id.
    let payer = all[0]["payer"].as_str().unwrap().to_string();
    let by_name = claims(&list(&db, &["--payer", &payer.to_lowercase()]));
    let expected: Vec<i64> =
        all.iter().filter(|c| c["payer"] == payer.as_str()).map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(ids(&by_name), expected);

    // Dates of service, both ends included (US or ISO dates).
    let day = all[all.len() / 2]["service_date"].as_str().unwrap().to_string();
    let us = format!("{}/{}/{}", &day[5..7], &day[8..10], &day[..4]);
    let that_day = claims(&list(&db, &["--from", &us, "--to", &day]));
    assert!(!that_day.is_empty());
    assert_eq!(
        ids(&that_day),
        ids(&all.iter().filter(|c| c["service_date"] == day.as_str()).cloned().collect::<Vec<_>>())
    );

    // A claim number, and a patient by account number: with --status on top.
    let control = all[5]["control_number"].as_str().unwrap();
    assert_eq!(ids(&claims(&list(&db, &["--number", control]))), vec![all[5]["id"].as_i64().unwrap()]);
    let account = all[7]["account_number"].as_str().unwrap();
    let theirs: Vec<Value> = all.iter().filter(|c| c["account_number"] == account).cloned().collect();
    assert_eq!(ids(&claims(&list(&db, &["--patient", account]))), ids(&theirs));
    let status = theirs[0]["status"].as_str().unwrap();
    let theirs_in_status: Vec<Value> = theirs.iter().filter(|c| c["status"] == status).cloned().collect();
    assert_eq!(ids(&claims(&list(&db, &["--search", account, "--status", status]))), ids(&theirs_in_status));
}

#[test]
fn bad_filters_are_refused_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_without_accounts(dir.path(), "bad.claimdesk", 10, 5);
    for (args, field) in [
        (&["--payer", "No Such Insurance"][..], "payer"),
        (&["--from", "13/45/2026"][..], "from"),
        (&["--from", "2026-10-02", "--to", "2026-10-01"][..], "to"),
        (&["--limit", "501"][..], "limit"),
    ] {
        let mut all = vec!["--json", "claims", "list"];
        all.extend_from_slice(args);
        let out = claimdesk(&db, &all);
        assert_eq!(code(&out), 1, "{args:?}");
        assert!(stderr(&out).contains(field), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(code(&claimdesk(&db, &["claims", "list", "--page", "0"])), 2);
}

#[test]
fn demo_history_lines_writes_a_big_practice_in_bulk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bulk.claimdesk");
    let made = ok_json(claimdesk(&db, &["--json", "demo", "--patients", "60", "--history-lines", "900"]));
    assert!(made["service_lines"].as_u64().unwrap() >= 900);
    let count = made["claims"].as_u64().unwrap();
    assert!(count > 300, "{made}");
    let first = list(&db, &["--limit", "1"]);
    assert_eq!(first["total"].as_u64().unwrap(), count);
    // Newest first across two years of history: the oldest claim is on the last page.
    let oldest = claims(&list(&db, &["--limit", "1", "--page", &count.to_string()]));
    assert!(oldest[0]["service_date"].as_str().unwrap() <= first["claims"][0]["service_date"].as_str().unwrap());
    assert_eq!(
        code(&claimdesk(&dir.path().join("x.claimdesk"), &["demo", "--history-lines", "10", "--visits", "5"])),
        2
    );
}
