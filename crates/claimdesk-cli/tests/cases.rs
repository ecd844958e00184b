//! `claimdesk cases`: an auto case billed to its carrier, an attorney case held, printed and
//! settled, from the real binary.

mod common;

use common::*;
use serde_json::Value;

fn us(days_ago: i64) -> String {
    (chrono::Local::now().date_naive() - chrono::Duration::days(days_ago)).format("%m/%d/%Y").to_string()
}

#[test]
fn cases_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "c.claimdesk", 30, 2);
    let conn = insider_connection(&db);
    let account: String = conn
        .query_row("SELECT account_number FROM patients WHERE active = 1 ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let npi: String = conn
        .query_row("SELECT npi FROM providers WHERE is_rendering = 1 ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let injured = us(20);
    let auto = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "cases",
            "add",
            "--account",
            &account,
            "--kind",
            "auto-pip",
            "--injury-date",
            &injured,
            "--state",
            "tx",
            "--carrier",
            "PNAUT5",
            "--claim-number",
            "pip-55",
            "--limit",
            "2500.00",
        ],
    ));
    let auto_id = auto["id"].as_i64().unwrap().to_string();
    assert_eq!(auto["claim_number"], "PIP-55");

    let seen = us(10);
    let visit = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "visits",
            "add",
            "--account",
            &account,
            "--date",
            &seen,
            "--provider",
            &npi,
            "--dx",
            "S13.4XXA",
            "--line",
            "99213",
            "--case",
            &auto_id,
            "--bill",
        ],
    ));
    assert_eq!(visit["visit"]["conditions"]["auto_accident"], true, "{visit}");
    assert_eq!(visit["visit"]["conditions"]["auto_accident_state"], "TX");
    assert_eq!(visit["claim"]["payer"], "Pinnacle Auto Insurance PIP", "{visit}");

    let shown = ok_json(claimdesk(&db, &["--json", "cases", "show", &auto_id]));
    assert_eq!(shown["benefit_left"], "2500.00", "{shown}");
    assert_eq!(shown["visits"], 1);

    // An attorney case held until settlement: no claim, a statement, then the settlement.
    let pi = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "cases",
            "add",
            "--account",
            &account,
            "--kind",
            "attorney",
            "--injury-date",
            &injured,
            "--attorney",
            "Morgan Lee",
            "--firm",
            "Lee & Park",
            "--hold",
        ],
    ));
    let pi_id = pi["id"].as_i64().unwrap().to_string();
    ok(claimdesk(
        &db,
        &[
            "--json",
            "visits",
            "add",
            "--account",
            &account,
            "--date",
            &seen,
            "--provider",
            &npi,
            "--dx",
            "S33.5XXA",
            "--line",
            "99213",
            "--case",
            &pi_id,
        ],
    ));
    let list = ok_json(claimdesk(&db, &["--json", "cases", "list", "--account", &account]));
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let pdf = dir.path().join("statement.pdf");
    let printed = ok_json(claimdesk(&db, &["--json", "cases", "statement", &pi_id, "--out", pdf.to_str().unwrap()]));
    assert!(printed["bytes"].as_u64().unwrap() > 0 && pdf.exists());
    let lien = dir.path().join("lien.pdf");
    ok(claimdesk(&db, &["cases", "lien", &pi_id, "--out", lien.to_str().unwrap()]));
    assert!(lien.exists());

    let summary = ok_json(claimdesk(&db, &["--json", "cases", "show", &pi_id]));
    let balance = claimdesk_core::Money::parse(summary["balance"].as_str().unwrap()).unwrap();
    assert!(balance.cents() > 0);
    // A payment and reduction that do not add up are refused, naming the field.
    let refused = claimdesk(&db, &["--json", "cases", "settle", &pi_id, "--payment", "1.00", "--reduction", "0.00"]);
    assert_eq!(code(&refused), 1);
    let report: Value = json(&stderr(&refused));
    assert!(report.to_string().contains("reduction"), "{report}");
    // 60% paid, the rest reduced, in whole cents.
    let paid = claimdesk_core::Money::from_cents(balance.cents() * 6 / 10);
    let (payment, reduction) = (paid.to_string(), (balance - paid).to_string());
    let settled = ok_json(claimdesk(
        &db,
        &[
            "--json",
            "cases",
            "settle",
            &pi_id,
            "--payment",
            &payment,
            "--reduction",
            &reduction,
            "--reason",
            "agreed with counsel",
            "--reference",
            "4410",
        ],
    ));
    assert_eq!(settled["balance"], "0.00", "{settled}");
    assert_eq!(settled["case"]["status"], "settled");
}
