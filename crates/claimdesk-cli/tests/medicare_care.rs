//! `claimdesk episodes save|list` and `claimdesk abn save|list|print` on a chiropractic demo.

mod common;
use common::*;

use std::process::Command;

fn us(d: chrono::NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

#[test]
fn an_episode_and_an_abn_are_recorded_listed_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with_flags(dir.path(), "c.claimdesk", 40, 3, &["--specialty", "chiro", "--no-accounts"]);
    let claims = ok_json(claimdesk(&db, &["--json", "claims", "list"]));
    let account = claims["claims"].as_array().and_then(|l| l.first()).expect("a demo claim")["account_number"]
        .as_str()
        .unwrap()
        .to_string();
    let today = chrono::Local::now().date_naive();
    let (began, mmi, signed) =
        (today - chrono::Duration::days(90), today - chrono::Duration::days(30), today - chrono::Duration::days(31));

    // Refused: not a subluxation; nothing saved.
    let bad = claimdesk(
        &db,
        &["--json", "episodes", "save", "--account", &account, "--subluxation", "M54.50", "--initiated", &us(began)],
    );
    assert_eq!(code(&bad), 1);
    assert!(stderr(&bad).contains("subluxation"), "{}", stderr(&bad));

    let episode = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "episodes",
            "save",
            "--account",
            &account,
            "--subluxation",
            "m99.03",
            "--initiated",
            &us(began),
            "--maintenance-from",
            &us(mmi),
        ],
    ));
    assert_eq!(episode["subluxation"], "M99.03");
    let list = ok_json(claimdesk(&db, &["--json", "episodes", "list", "--account", &account]));
    let mine = list.as_array().unwrap().iter().find(|e| e["episode"]["id"] == episode["id"]).expect("listed");
    assert_eq!(mine["region"], "lumbar");
    assert_eq!(mine["phase_today"], "maintenance");

    let abn = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "abn",
            "save",
            "--account",
            &account,
            "--service",
            "98940:Spinal manipulation: maintenance care:45.00",
            "--signed",
            &us(signed),
            "--option",
            "1",
        ],
    ));
    assert_eq!(abn["services"][0]["description"], "Spinal manipulation: maintenance care");
    assert_eq!(abn["services"][0]["estimated_cost"], "45.00");
    let id = abn["id"].as_i64().unwrap().to_string();
    let list = ok_json(claimdesk(&db, &["--json", "abn", "list", "--account", &account]));
    let until = us(signed + chrono::Months::new(12) - chrono::Duration::days(1));
    let mine = list.as_array().unwrap().iter().find(|a| a["abn"]["id"] == abn["id"]).expect("listed");
    assert_eq!(mine["status_label"], format!("valid until {until}"));

    let pdf = dir.path().join("abn.pdf");
    let printed = ok_json(claimdesk(&db, &["--json", "abn", "print", &id, "--out", pdf.to_str().unwrap()]));
    assert!(printed["title"].as_str().unwrap().contains(&account));
    if let Ok(out) = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Advance Beneficiary Notice") && text.contains(&account), "{text}");
    }
    let missing = claimdesk(&db, &["abn", "print", "99999999", "--out", "x.pdf"]);
    assert_eq!(code(&missing), 1);
}
