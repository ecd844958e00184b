//! Visit limits and authorizations through the real `claimdesk` binary on the chiropractic
//! demo: the authorization number reaches the 837P (REF*G1, checked by pyx12) by itself, the
//! visit beyond it is held by the scrubber, a voided visit gives its count back, and the
//! near-limit worklist lists the patient two visits from the plan's maximum.

mod common;
#[path = "../../claimdesk-x12/tests/common/pyx12.rs"]
mod pyx12;

use common::*;
use serde_json::Value;
use std::path::Path;

fn rendering_npi(db: &Path) -> String {
    let conn = insider_connection(db);
    conn.query_row("SELECT npi FROM providers WHERE is_rendering = 1 ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap()
}

fn account_of(db: &Path, name: &str) -> String {
    let found = ok_json(claimdesk(db, &["--json", "patients", "search", name]));
    let list = found["results"].as_array().expect("a list of patients").clone();
    list[0]["account_number"].as_str().unwrap().to_string()
}

fn day(offset: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::TimeDelta::days(offset)).format("%m/%d/%Y").to_string()
}

/// Enters an adjustment visit `offset` days from today for `account`, billed at once.
fn adjust(db: &Path, account: &str, npi: &str, offset: i64) -> Value {
    let date = day(offset);
    ok_json(claimdesk(
        db,
        &[
            "--json",
            "visits",
            "add",
            "--account",
            account,
            "--date",
            &date,
            "--provider",
            npi,
            "--dx",
            "M99.03,M54.50",
            "--line",
            "98940::AB",
            "--bill",
        ],
    ))
}

fn rules(added: &Value) -> Vec<String> {
    added["scrub"]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

#[test]
fn an_authorization_reaches_the_837p_by_itself_and_the_visit_beyond_it_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with_flags(dir.path(), "chiro.claimdesk", 30, 3, &["--specialty", "chiro", "--visits", "20"]);
    let npi = rendering_npi(&db);
    let ellery = account_of(&db, "Ellery");

    // Two visits were used; today's is the third of six: box 23 / REF*G1 filled by itself.
    let third = adjust(&db, &ellery, &npi, 0);
    assert_eq!(third["visit"]["prior_authorization"], "AUTH-88213");
    assert_eq!(third["claim"]["status"], "ready", "{third}");
    let control = third["claim"]["control_number"].as_str().unwrap().to_string();
    let file = dir.path().join("limits.837");
    ok(claimdesk(&db, &["claims", "export-837", &third["claim"]["id"].to_string(), "--out", file.to_str().unwrap()]));
    let text = std::fs::read_to_string(&file).unwrap();
    pyx12::validate("visit-limits.837", &text, "837/005010X222A1").unwrap();
    // 837P 2300 REF*G1 (prior authorization) follows the claim's CLM and comes before its lines.
    let segments: Vec<&str> = text.split('~').map(str::trim).collect();
    let clm = segments.iter().position(|s| s.starts_with(&format!("CLM*{control}*"))).expect("the claim");
    let lx = clm + segments[clm..].iter().position(|s| s.starts_with("LX*")).expect("its first line");
    assert!(segments[clm..lx].contains(&"REF*G1*AUTH-88213"), "{:?}", &segments[clm..lx]);

    // Three more use it up; the seventh visit under it is held by the scrubber.
    let mut earlier = Vec::new();
    for offset in [-20, -19, -18] {
        let added = adjust(&db, &ellery, &npi, offset);
        assert!(!rules(&added).iter().any(|r| r.starts_with("AUTHORIZATION")), "{added}");
        earlier.push(added["visit"]["id"].to_string());
    }
    let seventh = adjust(&db, &ellery, &npi, 0);
    assert_eq!(seventh["visit"]["prior_authorization"], "AUTH-88213");
    assert!(rules(&seventh).contains(&"AUTHORIZATION_USED_UP".to_string()), "{seventh}");
    assert_eq!(seventh["claim"]["status"], "draft");

    // One of the earlier ones voided (its claim not sent yet): the seventh is the sixth again
    // and scrubs clean.
    let held = ok_json(claimdesk(&db, &["--json", "claims", "scrub", &seventh["claim"]["id"].to_string()]));
    assert!(held.to_string().contains("AUTHORIZATION_USED_UP"), "{held}");
    let out = ok(claimdesk(&db, &["visits", "void", "--visit", &earlier[0], "--reason", "Entered twice"]));
    assert!(stdout(&out).contains("Voided visit"), "{}", stdout(&out));
    let scrub = ok_json(claimdesk(&db, &["--json", "claims", "scrub", &seventh["claim"]["id"].to_string()]));
    assert!(!scrub.to_string().contains("AUTHORIZATION_USED_UP"), "{scrub}");
    let refused = claimdesk(&db, &["visits", "void", "--visit", "999999", "--reason", "nothing"]);
    assert_eq!(code(&refused), 1, "{}", stdout(&refused));
}

#[test]
fn the_worklist_lists_the_patient_near_the_plan_maximum() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with_flags(dir.path(), "worklist.claimdesk", 30, 3, &["--specialty", "chiro", "--visits", "20"]);
    let list = ok_json(claimdesk(&db, &["--json", "visits", "near-limit"]));
    let rows = list["rows"].as_array().unwrap();
    let harlow = rows
        .iter()
        .find(|r| r["patient_name"].as_str().unwrap().starts_with("HARLOW"))
        .expect("Harlow is near the limit");
    assert!(
        harlow["allowance"]["message"].as_str().unwrap().starts_with("2 of 12 visits left this plan year"),
        "{harlow}"
    );
    let text = stdout(&ok(claimdesk(&db, &["visits", "near-limit"])));
    assert!(text.contains("HARLOW, QUINN") && text.contains("2 of 12 visits left"), "{text}");
    // Charge entry from the command line says what the visit used.
    let account = account_of(&db, "Harlow");
    let npi = rendering_npi(&db);
    let out = ok(claimdesk(
        &db,
        &[
            "visits",
            "add",
            "--account",
            &account,
            "--date",
            &day(0),
            "--provider",
            &npi,
            "--dx",
            "M99.03",
            "--line",
            "98940::A",
        ],
    ));
    assert!(stdout(&out).contains("Warning: 1 of 12 visits left this plan year"), "{}", stdout(&out));
}
