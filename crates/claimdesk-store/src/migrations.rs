//! Numbered schema migrations, embedded at compile time.
//!
//! Each migration runs in its own transaction and is recorded with a checksum of its SQL.
//! Opening a file whose recorded checksum differs from the embedded one (a released
//! migration was edited) or that has migrations this build does not know (written by a
//! newer ClaimDesk) is refused, so an old build never scribbles on a newer file.
//! Before migrating an existing file, a copy is kept beside it (`<file>.before-v<N>`).

use crate::error::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::Path;

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "foundation", sql: include_str!("../migrations/0001_foundation.sql") },
    Migration { version: 2, name: "visits_and_claims", sql: include_str!("../migrations/0002_visits_and_claims.sql") },
    Migration { version: 3, name: "electronic_claims", sql: include_str!("../migrations/0003_electronic_claims.sql") },
    Migration {
        version: 4,
        name: "ledger_and_remittances",
        sql: include_str!("../migrations/0004_ledger_and_remittances.sql"),
    },
    Migration { version: 5, name: "statements", sql: include_str!("../migrations/0005_statements.sql") },
    Migration { version: 6, name: "payment_plans", sql: include_str!("../migrations/0006_payment_plans.sql") },
    Migration { version: 7, name: "reports", sql: include_str!("../migrations/0007_reports.sql") },
    Migration { version: 8, name: "posting_rules", sql: include_str!("../migrations/0008_posting_rules.sql") },
    Migration { version: 9, name: "payer_rules", sql: include_str!("../migrations/0009_payer_rules.sql") },
    Migration { version: 10, name: "practice_scale", sql: include_str!("../migrations/0010_practice_scale.sql") },
    Migration { version: 11, name: "narrow_queues", sql: include_str!("../migrations/0011_narrow_queues.sql") },
    Migration { version: 12, name: "claims_list", sql: include_str!("../migrations/0012_claims_list.sql") },
    Migration { version: 13, name: "users_and_audit", sql: include_str!("../migrations/0013_users_and_audit.sql") },
    Migration { version: 14, name: "backups", sql: include_str!("../migrations/0014_backups.sql") },
    Migration { version: 15, name: "visit_limits", sql: include_str!("../migrations/0015_visit_limits.sql") },
    Migration { version: 16, name: "medicare_care", sql: include_str!("../migrations/0016_medicare_care.sql") },
    Migration { version: 17, name: "injury_cases", sql: include_str!("../migrations/0017_injury_cases.sql") },
];

/// SQLite's application_id header field: marks a file as a ClaimDesk practice file ("CDSK").
pub const APPLICATION_ID: i64 = 0x4344_534B;

pub fn latest_version() -> i64 {
    MIGRATIONS.last().map(|m| m.version).unwrap_or(0)
}

fn checksum(sql: &str) -> String {
    Sha256::digest(sql.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn ensure_ledger(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        ) STRICT;",
    )?;
    Ok(())
}

/// The migrations already applied to this file, checked against the embedded ones.
pub fn applied_version(conn: &Connection) -> Result<i64> {
    let mut stmt = conn.prepare("SELECT version, checksum FROM schema_migrations ORDER BY version")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut version = 0;
    for row in rows {
        let (v, sum) = row?;
        match MIGRATIONS.iter().find(|m| m.version == v) {
            None => return Err(StoreError::NewerFile { file: v, known: latest_version() }),
            Some(m) if checksum(m.sql) != sum => return Err(StoreError::MigrationChanged { version: v }),
            Some(_) => version = v,
        }
    }
    Ok(version)
}

/// Brings the file up to `target` (normally the latest version).
pub fn migrate_to(conn: &mut Connection, db_path: Option<&Path>, target: i64) -> Result<()> {
    ensure_ledger(conn)?;
    let current = applied_version(conn)?;
    let pending: Vec<&Migration> = MIGRATIONS.iter().filter(|m| m.version > current && m.version <= target).collect();
    if pending.is_empty() {
        return Ok(());
    }
    if let Some(path) = db_path.filter(|_| current > 0) {
        backup_before_migrating(conn, path, current)?;
    }
    for m in pending {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
            (m.version, m.name, checksum(m.sql), crate::now_utc()),
        )?;
        tx.commit()?;
    }
    Ok(())
}

/// A consistent copy of the file as it was before the upgrade (VACUUM INTO is atomic and
/// includes what is still in the WAL).
fn backup_before_migrating(conn: &Connection, path: &Path, current: i64) -> Result<()> {
    let backup = path.with_extension(format!("before-v{}.claimdesk", current + 1));
    if !backup.exists() {
        // Written under a temporary name and renamed once whole: a crash mid-copy must not
        // leave a partial file under the copy's name (it would never be taken again).
        let partial = crate::files::with_suffix(&backup, ".partial");
        let _ = std::fs::remove_file(&partial);
        conn.execute("VACUUM INTO ?1", [partial.to_string_lossy().as_ref()])?;
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, &backup)?;
        crate::files::sync_folder(&backup);
    }
    Ok(())
}

/// True when the file carries ClaimDesk's application id or is brand new (empty).
pub fn is_practice_file(conn: &Connection) -> Result<bool> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id == APPLICATION_ID {
        return Ok(true);
    }
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(app_id == 0 && tables == 0)
}

pub fn has_practice(conn: &Connection) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'practice'", [], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}
