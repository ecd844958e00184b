//! Same seed and options, same practice file: every row of every table is identical apart
//! from the save timestamps.

use chrono::NaiveDate;
use claimdesk_demo::{create_demo, DemoOptions, Specialty};
use rusqlite::Connection;
use std::path::Path;

/// Every table's rows as text, leaving out the columns that record when a row was saved.
fn content(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let keep: Vec<usize> = stmt
            .column_names()
            .enumerate()
            .filter(|(_, name)| {
                !matches!(
                    *name,
                    "created_at"
                        | "updated_at"
                        | "recorded_at"
                        | "applied_at"
                        | "changed_at"
                        | "posted_at"
                        | "imported_at"
                        | "submitted_at"
                        | "scrubbed_at"
                        | "last_printed_at"
                        | "acknowledged_at"
                        | "run_at"
                        | "drawn_at"
                        | "returned_at"
                        // Random salts and the audit trail's clock.
                        | "password_hash"
                        | "password_changed_at"
                        | "at"
                        | "hash"
                        | "prev_hash"
                        | "detail"
                )
            })
            .map(|(i, _)| i)
            .collect();
        let rows = stmt
            .query_map([], |r| {
                keep.iter().map(|&i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}|"))).collect()
            })
            .unwrap();
        out.push_str(&format!("== {table}\n"));
        for row in rows {
            out.push_str(&row.unwrap_or_else(|e: rusqlite::Error| format!("unreadable: {e}")));
            out.push('\n');
        }
    }
    out
}

#[test]
fn same_seed_gives_the_same_file_content() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let options = DemoOptions { specialty: Specialty::Chiro, patients: 120, seed: 42, today };
    let (a, _) = create_demo(&dir.path().join("a.claimdesk"), &options).unwrap();
    let (b, _) = create_demo(&dir.path().join("b.claimdesk"), &options).unwrap();
    drop((a, b));
    let a = content(&dir.path().join("a.claimdesk"));
    assert!(a.contains("== patients") && a.len() > 10_000);
    assert!(a.contains("== claims") && a.contains("Text(\"submitted\")"), "claims are part of the file");
    assert_eq!(a, content(&dir.path().join("b.claimdesk")));

    let other = DemoOptions { seed: 43, ..options };
    drop(create_demo(&dir.path().join("c.claimdesk"), &other).unwrap());
    assert_ne!(a, content(&dir.path().join("c.claimdesk")));
}
