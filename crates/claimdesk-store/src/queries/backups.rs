//! Backups (migration 14): the practice's backup settings, the log of backups taken, and the
//! two things only the store can do with the open file: a consistent snapshot of it
//! (`snapshot_into`) and opening another file with its key (`open_sibling`). Taking, verifying,
//! rotating and restoring backups is `claimdesk_jobs::backups`.

use super::super::{configure_read_only, now_utc, Result, Store, StoreError, Tx};
use super::audit::{AuditNote, Record};
use crate::migrations;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// Where backups go and how many are kept (Backups screen, `claimdesk backups settings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupSettings {
    /// The folder backups are written to ('' = none chosen: no automatic backups).
    pub folder: String,
    /// Keep the newest backup of each of the last this many days (1-366; 7 by default).
    pub keep_daily: u32,
    /// ... of each of the last this many ISO weeks (0-520; 4 by default).
    pub keep_weekly: u32,
    /// ... of each of the last this many months (0-240; 12 by default).
    pub keep_monthly: u32,
    /// The home screen warns when the last verified backup is older than this many days.
    pub warn_after_days: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings { folder: String::new(), keep_daily: 7, keep_weekly: 4, keep_monthly: 12, warn_after_days: 2 }
    }
}

impl BackupSettings {
    /// The settings with the folder trimmed, or every field problem.
    pub fn validated(&self) -> Result<BackupSettings> {
        let mut errors = claimdesk_core::validation::Problems::new();
        let folder = self.folder.trim().to_string();
        if folder.chars().count() > 1024 {
            errors.add("folder", "Use a folder path of at most 1,024 characters");
        }
        if folder.chars().any(char::is_control) {
            errors.add("folder", "The folder path holds a control character");
        }
        if !(1..=366).contains(&self.keep_daily) {
            errors.add("keep_daily", "Keep 1 to 366 daily backups");
        }
        if self.keep_weekly > 520 {
            errors.add("keep_weekly", "Keep at most 520 weekly backups");
        }
        if self.keep_monthly > 240 {
            errors.add("keep_monthly", "Keep at most 240 monthly backups");
        }
        if !(1..=365).contains(&self.warn_after_days) {
            errors.add("warn_after_days", "Warn after 1 to 365 days");
        }
        errors.into_result()?;
        Ok(BackupSettings { folder, ..self.clone() })
    }
}

/// One backup taken, as the log in the practice file keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupLogEntry {
    pub id: i64,
    /// UTC, ISO 8601.
    pub taken_at: String,
    pub file_name: String,
    pub folder: String,
    /// Verification passed (it opens, the integrity check and the audit chain pass, and it
    /// holds the same rows as the live file had).
    pub verified: bool,
    pub size_bytes: i64,
    pub sha256: String,
    /// Rows per table at snapshot time.
    pub counts: BTreeMap<String, i64>,
    /// Why verification failed ('' when verified).
    pub problem: String,
}

/// A backup to log (`Tx::log_backup`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewBackupLog {
    pub taken_at: String,
    pub file_name: String,
    pub folder: String,
    pub verified: bool,
    pub size_bytes: i64,
    pub sha256: String,
    pub counts: BTreeMap<String, i64>,
    pub problem: String,
}

const SETTINGS: &str =
    "SELECT folder, keep_daily, keep_weekly, keep_monthly, warn_after_days FROM backup_settings WHERE id = 1";
const LOG_COLUMNS: &str =
    "SELECT id, taken_at, file_name, folder, verified, size_bytes, sha256, counts, problem FROM backup_log";

fn settings_row(r: &rusqlite::Row) -> rusqlite::Result<BackupSettings> {
    Ok(BackupSettings {
        folder: r.get(0)?,
        keep_daily: r.get(1)?,
        keep_weekly: r.get(2)?,
        keep_monthly: r.get(3)?,
        warn_after_days: r.get(4)?,
    })
}

fn log_row(r: &rusqlite::Row) -> rusqlite::Result<BackupLogEntry> {
    let counts: String = r.get(7)?;
    Ok(BackupLogEntry {
        id: r.get(0)?,
        taken_at: r.get(1)?,
        file_name: r.get(2)?,
        folder: r.get(3)?,
        verified: r.get(4)?,
        size_bytes: r.get(5)?,
        sha256: r.get(6)?,
        counts: serde_json::from_str(&counts)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e)))?,
        problem: r.get(8)?,
    })
}

/// Rows per table of the file on `conn` (every ordinary table; SQLite's own and virtual
/// tables left out: an FTS index's rows are its shadow tables', which are counted).
pub(crate) fn table_counts(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
               AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = BTreeMap::new();
    for name in names {
        let n: i64 =
            conn.query_row(&format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")), [], |r| r.get(0))?;
        counts.insert(name, n);
    }
    Ok(counts)
}

impl Store {
    pub fn backup_settings(&self) -> Result<BackupSettings> {
        Ok(self.conn().prepare_cached(SETTINGS)?.query_row([], settings_row)?)
    }

    /// The newest backup whose verification passed (None: never).
    pub fn last_verified_backup(&self) -> Result<Option<BackupLogEntry>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("{LOG_COLUMNS} WHERE verified = 1 ORDER BY taken_at DESC LIMIT 1"))?
            .query_row([], log_row)
            .optional()?)
    }

    /// The newest `limit` backups taken (verified or not), newest first.
    pub fn backup_log(&self, limit: u32) -> Result<Vec<BackupLogEntry>> {
        let mut stmt =
            self.conn().prepare_cached(&format!("{LOG_COLUMNS} ORDER BY taken_at DESC, id DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit.min(1000)], log_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Rows per table of the open file.
    pub fn table_counts(&self) -> Result<BTreeMap<String, i64>> {
        table_counts(self.conn())
    }

    /// Writes a consistent copy of the open file to `dest` (which must not exist) with SQLite's
    /// `VACUUM INTO`: it reads one snapshot of the file, the WAL included, and keeps the file's
    /// key. The copy is synced to disk before this returns; the caller writes it under a
    /// temporary name and renames it once verified.
    pub fn snapshot_into(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::AlreadyExists(dest.to_path_buf()));
        }
        let target = dest.to_str().ok_or_else(|| StoreError::invalid("folder", "Use a folder path of plain text"))?;
        self.conn().execute("VACUUM INTO ?1", [target])?;
        std::fs::File::open(dest)?.sync_all()?;
        Ok(())
    }

    /// Opens another practice file (a backup) with the open file's key, read-only: for
    /// verifying and listing backups. Nothing is migrated or written.
    pub fn open_sibling(&self, path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(StoreError::NotFound(format!("backup file {}", path.display())));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        if let Some(key) = &self.key {
            crate::apply_key(&conn, key)?;
        }
        let is_ours =
            migrations::is_practice_file(&conn).map_err(|_| StoreError::NotAPracticeFile(path.to_path_buf()))?;
        if !is_ours || !migrations::has_practice(&conn).map_err(|_| StoreError::NotAPracticeFile(path.to_path_buf()))? {
            return Err(StoreError::NotAPracticeFile(path.to_path_buf()));
        }
        configure_read_only(&conn)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            today: self.today,
            actor: self.actor.clone(),
            action: None,
            notes: RefCell::default(),
            key: self.key.clone(),
        })
    }
}

impl Tx<'_> {
    pub fn save_backup_settings(&self, settings: &BackupSettings) -> Result<BackupSettings> {
        let settings = settings.validated()?;
        let before = self.prepare_cached(SETTINGS)?.query_row([], settings_row)?;
        self.prepare_cached(
            "UPDATE backup_settings SET folder = ?1, keep_daily = ?2, keep_weekly = ?3, keep_monthly = ?4,
                    warn_after_days = ?5 WHERE id = 1",
        )?
        .execute(params![
            settings.folder,
            settings.keep_daily,
            settings.keep_weekly,
            settings.keep_monthly,
            settings.warn_after_days
        ])?;
        self.note(|| AuditNote::change(Record::new("backup_settings", 1), None, Some(&before), &settings));
        Ok(settings)
    }

    /// Records a backup taken (and what its verification found).
    pub fn log_backup(&self, entry: &NewBackupLog) -> Result<i64> {
        let taken_at = if entry.taken_at.is_empty() { now_utc() } else { entry.taken_at.clone() };
        let counts = serde_json::to_string(&entry.counts).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.prepare_cached(
            "INSERT INTO backup_log (taken_at, file_name, folder, verified, size_bytes, sha256, counts, problem)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            taken_at,
            entry.file_name,
            entry.folder,
            entry.verified,
            entry.size_bytes,
            entry.sha256,
            counts,
            entry.problem
        ])?;
        let id = self.last_insert_rowid();
        self.note(|| {
            AuditNote::about(Record::new("backup", id), None).with_note(format!(
                "{} ({})",
                entry.file_name,
                if entry.verified { "verified" } else { "failed" }
            ))
        });
        Ok(id)
    }
}
