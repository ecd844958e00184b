//! Statement snapshots kept in practice files by earlier versions still read, keep their JSON
//! shape and reprint byte for byte as they printed then.
//!
//! The fixtures were written by ClaimDesk before the statement became one type
//! (`claimdesk_core::statements::StatementSnapshot`; the store and the forms crate each had
//! their own copy): each snapshot's JSON exactly as the practice file held it, and the PDF its
//! reprint made then. One is on a payment plan and follows an earlier statement; the other has
//! the most activity lines of its run.

use chrono::NaiveDate;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::{reprint_statement, run_statements, StatementRunRequest};
use claimdesk_store::Actor;
use claimdesk_store::Source;

const FIXTURES: [(&str, &str, &[u8]); 2] = [
    ("plan", include_str!("fixtures/statement_plan_v1.json"), include_bytes!("fixtures/statement_plan_v1.pdf")),
    ("lines", include_str!("fixtures/statement_lines_v1.json"), include_bytes!("fixtures/statement_lines_v1.pdf")),
];

#[test]
fn snapshots_from_an_earlier_version_reprint_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimdesk");
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    // The fixtures' practice had 150 patients: their accounts (ids 27 and 110) exist here too.
    let options = DemoOptions { specialty: Specialty::Physician, patients: 150, seed: 7, today };
    let (mut store, _) = create_demo_with(&path, &options, &DemoActivity { visits: 300 }).unwrap();
    store.set_today(today);
    let out = dir.path().join("run.pdf");
    let run = run_statements(
        &mut store,
        &StatementRunRequest::new(today, out.display().to_string()),
        &Actor::user("tester", Source::Cli),
        &mut |_, _| {},
    )
    .unwrap();
    assert!(run.statements.len() >= FIXTURES.len());

    // The practice file as an earlier version left it: its snapshots in the statements' rows.
    let file = rusqlite::Connection::open(&path).unwrap();
    for ((name, json, printed), s) in FIXTURES.iter().zip(&run.statements) {
        file.execute(
            "UPDATE statements SET snapshot = ?1 WHERE id = ?2",
            rusqlite::params![json.trim_end(), s.statement_id],
        )
        .unwrap();
        let reprint = dir.path().join(format!("{name}.pdf"));
        reprint_statement(&store, s.statement_id, &reprint.display().to_string()).unwrap();
        assert!(std::fs::read(&reprint).unwrap() == *printed, "the {name} statement reprints as it printed");

        // The shape is unchanged: recording the snapshot read back writes the same JSON.
        let snapshot = store.statement_snapshot(s.statement_id).unwrap();
        let recorded =
            store.with_tx(|tx| tx.record_statement_run(&run_filter(today), "again.pdf", &[snapshot])).unwrap();
        let again: String = file
            .query_row("SELECT snapshot FROM statements WHERE id = ?1", [recorded.statement_ids[0]], |r| r.get(0))
            .unwrap();
        assert_eq!(again, json.trim_end(), "the {name} statement's JSON");
    }
}

fn run_filter(today: NaiveDate) -> claimdesk_store::StatementFilter {
    StatementRunRequest::new(today, "").filter
}
