//! Backups of the open practice file, their verification and rotation, restore and the
//! restore drill (issue 13, points 2 and 3).
//!
//! A backup is a consistent snapshot of the live file (`Store::snapshot_into`, SQLite's
//! `VACUUM INTO`, encrypted like the file) written as `<final>.partial`, synced, verified (it
//! opens with the live file's key, passes the integrity check and the audit chain, and holds
//! the same rows per table as the live file had at snapshot time), and only then renamed to its
//! name: a crash leaves no half-written file under a backup's name, and a stale `.partial` is
//! ignored by the list and removed by the next backup. Beside it go the companion of wrapped
//! keys (`<backup>.keys`, when the live file has one) and a manifest (`<backup>.manifest`:
//! practice, time, size, SHA-256, rows per table) that later verification compares the file
//! with: a flipped byte anywhere fails it even where SQLite's own check would not look.
//!
//! Backups are named `<practice file name>.backup-<UTC time>.claimdesk`, so one folder can
//! hold the backups of several practice files, and rotation (`to_keep`, a pure function of the
//! backups' times and today) only ever removes backups of the file it is backing up.

use crate::{JobError, Result};
use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use claimdesk_store::files::{keyring_path, with_suffix};
use claimdesk_store::{BackupLogEntry, BackupSettings, NewBackupLog, Store, StoreError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A backup's name ends with this (after its time).
pub const BACKUP_EXTENSION: &str = ".claimdesk";
const BACKUP_MARK: &str = ".backup-";
const PARTIAL: &str = ".partial";
const MANIFEST: &str = ".manifest";
/// The time in a backup's name (UTC): sortable, and valid in a Windows file name.
const NAME_TIME: &str = "%Y%m%dT%H%M%SZ";
/// The steps of taking a backup, for the progress bar.
const STEPS: usize = 5;

/// How many backups of each age to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl From<&BackupSettings> for Keep {
    fn from(s: &BackupSettings) -> Keep {
        Keep { daily: s.keep_daily, weekly: s.keep_weekly, monthly: s.keep_monthly }
    }
}

/// Which backups to keep, given when each was taken (local time) and today: the newest of
/// each of the last `daily` days, of each of the last `weekly` ISO weeks and of each of the last
/// `monthly` months (today, this week and this month count as the first). The newest backup of
/// all is always kept (a machine switched off for a year still has its last backup), and so is
/// any backup dated after today (a clock set wrong is no reason to delete). Returns one flag per
/// backup, in the order given.
pub fn to_keep(taken: &[NaiveDateTime], today: NaiveDate, keep: Keep) -> Vec<bool> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    // Newest first: the first backup seen in a day, week or month is its newest.
    order.sort_by(|&a, &b| taken[b].cmp(&taken[a]));
    let mut flags = vec![false; taken.len()];
    let (mut days, mut weeks, mut months) = (HashSet::new(), HashSet::new(), HashSet::new());
    let this_week = week_start(today);
    let this_month = month_index(today);
    for (rank, &i) in order.iter().enumerate() {
        let day = taken[i].date();
        if rank == 0 || day > today {
            flags[i] = true;
        }
        if day > today {
            continue;
        }
        let days_ago = (today - day).num_days();
        if days_ago < i64::from(keep.daily) && days.insert(day) {
            flags[i] = true;
        }
        let week = week_start(day);
        if (this_week - week).num_days() / 7 < i64::from(keep.weekly) && weeks.insert(week) {
            flags[i] = true;
        }
        let month = month_index(day);
        if this_month - month < i64::from(keep.monthly) && months.insert(month) {
            flags[i] = true;
        }
    }
    flags
}

/// The Monday of the ISO week of `day`.
fn week_start(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

fn month_index(day: NaiveDate) -> i64 {
    i64::from(day.year()) * 12 + i64::from(day.month0())
}

/// What the manifest beside a backup records of it when it was verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub practice_name: String,
    /// UTC, ISO 8601.
    pub taken_at: String,
    pub schema_version: i64,
    pub size_bytes: u64,
    pub sha256: String,
    pub counts: BTreeMap<String, i64>,
}

/// The few counts a person recognizes a practice by (the rest are in `counts`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupCounts {
    pub patients: i64,
    pub visits: i64,
    pub claims: i64,
    pub ledger_entries: i64,
    pub audit_entries: i64,
}

impl BackupCounts {
    fn of(counts: &BTreeMap<String, i64>) -> BackupCounts {
        let n = |t: &str| counts.get(t).copied().unwrap_or(0);
        BackupCounts {
            patients: n("patients"),
            visits: n("visits"),
            claims: n("claims"),
            ledger_entries: n("ledger_entries"),
            audit_entries: n("audit_log"),
        }
    }
}

/// A backup found in a folder, as the restore list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupListed {
    pub path: String,
    pub file_name: String,
    /// UTC, ISO 8601 (from the name).
    pub taken_at: String,
    /// The practice inside ('' when it does not open).
    pub practice_name: String,
    pub size_bytes: u64,
    pub counts: BackupCounts,
    /// A backup of the open practice file (by its name).
    pub this_practice: bool,
    /// It was verified when taken (its manifest is there) and still opens.
    pub verified_when_taken: bool,
    pub has_keys: bool,
    /// Why it cannot be used ('' when it opens).
    pub problem: String,
}

/// What verifying one backup found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupCheck {
    pub path: String,
    pub ok: bool,
    /// Each problem in words (empty when ok).
    pub problems: Vec<String>,
    pub practice_name: String,
    pub taken_at: String,
    pub schema_version: i64,
    pub size_bytes: u64,
    pub counts: BackupCounts,
}

/// A backup taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    pub path: String,
    pub file_name: String,
    pub taken_at: String,
    pub size_bytes: u64,
    pub sha256: String,
    pub counts: BackupCounts,
    /// Older backups of this practice removed by rotation (file names).
    pub removed: Vec<String>,
    /// How many backups of this practice the folder keeps now.
    pub kept: usize,
}

/// The home screen's line about backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupStatus {
    /// A backup folder is chosen (automatic backups run).
    pub folder_set: bool,
    pub folder: String,
    /// The last verified backup (UTC, ISO 8601), None: never.
    pub last_verified_at: Option<String>,
    pub last_verified_file: Option<String>,
    /// Whole days since then.
    pub age_days: Option<i64>,
    pub warn_after_days: u32,
    /// Never backed up, or the last verified backup is older than the setting.
    pub warn: bool,
    /// The newest attempt failed: why ('' otherwise).
    pub last_problem: String,
}

/// A restore done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub restored_from: String,
    pub practice_file: String,
    /// Where the file that was replaced was kept ('' when there was none).
    pub kept_aside: String,
    pub check: BackupCheck,
}

/// A restore drill: the backup restored into a temporary folder and checked there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DrillReport {
    pub ok: bool,
    pub check: BackupCheck,
    /// How long restoring and checking took, in milliseconds.
    pub millis: u64,
    /// The companion of keys came along (or none was needed).
    pub keys_ok: bool,
}

fn write_err(path: &Path, source: std::io::Error) -> JobError {
    JobError::Write { path: path.display().to_string(), source }
}

fn read_err(path: &Path, reason: impl ToString) -> JobError {
    JobError::Read { path: path.display().to_string(), reason: reason.to_string() }
}

/// The name of a backup of `practice_file` taken at `at`.
pub fn backup_name(practice_file: &Path, at: DateTime<Utc>) -> String {
    let stem = practice_file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{stem}{BACKUP_MARK}{}{BACKUP_EXTENSION}", at.format(NAME_TIME))
}

/// The practice file name and the time a backup's name holds (None: not a backup's name).
pub fn parse_backup_name(name: &str) -> Option<(String, DateTime<Utc>)> {
    let rest = name.strip_suffix(BACKUP_EXTENSION)?;
    let at = rest.rfind(BACKUP_MARK)?;
    let (stem, time) = (&rest[..at], &rest[at + BACKUP_MARK.len()..]);
    let time = NaiveDateTime::parse_from_str(time, NAME_TIME).ok()?;
    Some((stem.to_string(), Utc.from_utc_datetime(&time)))
}

fn sha256_of(path: &Path) -> Result<(u64, String)> {
    let mut file = File::open(path).map_err(|e| read_err(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| read_err(path, e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((size, hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()))
}

/// Syncs a folder so a rename in it survives a power cut (a no-op where folders cannot be
/// opened, as on Windows).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Copies `from` to `to` whole: a temporary file in `to`'s folder, synced, then renamed.
fn copy_whole(from: &Path, to: &Path) -> Result<()> {
    let tmp = with_suffix(to, ".copying");
    let result = (|| -> std::io::Result<()> {
        let _ = fs::remove_file(&tmp);
        fs::copy(from, &tmp)?;
        File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, to)?;
        sync_dir(&parent_of(to));
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(write_err(to, e));
    }
    Ok(())
}

fn write_manifest(backup: &Path, manifest: &Manifest) -> Result<()> {
    let path = with_suffix(backup, MANIFEST);
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| write_err(&path, std::io::Error::other(e)))?;
    let tmp = with_suffix(&path, ".tmp");
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(&json)?;
        f.sync_all()?;
        fs::rename(&tmp, &path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(write_err(&path, e));
    }
    Ok(())
}

fn read_manifest(backup: &Path) -> Option<Manifest> {
    let text = fs::read_to_string(with_suffix(backup, MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Removes a backup with its companions (keys, manifest).
fn remove_backup(backup: &Path) -> std::io::Result<()> {
    fs::remove_file(backup)?;
    let _ = fs::remove_file(keyring_path(backup));
    let _ = fs::remove_file(with_suffix(backup, MANIFEST));
    Ok(())
}

/// The folder to back up to: `to` when given, else the settings' folder; refused clearly when
/// neither names one, or when it is not there (a USB drive not plugged in is not created on the
/// local disk).
pub fn backup_folder(store: &Store, to: Option<&Path>) -> Result<PathBuf> {
    let folder = match to {
        Some(dir) => dir.to_path_buf(),
        None => {
            let settings = store.backup_settings()?;
            if settings.folder.is_empty() {
                return Err(StoreError::invalid(
                    "folder",
                    "No backup folder is set: choose one in Backups (or `claimdesk backups settings --folder DIR`), or name one with --to DIR",
                )
                .into());
            }
            PathBuf::from(settings.folder)
        }
    };
    if !folder.is_dir() {
        return Err(StoreError::invalid(
            "folder",
            format!(
                "The backup folder {} is not there: connect the drive or share, or choose another folder",
                folder.display()
            ),
        )
        .into());
    }
    Ok(folder)
}

/// Saves the backup settings (an audited write in the open file's transaction): a folder that
/// is set must be there (a drive connected, a share reachable) when it is chosen.
pub fn save_settings(store: &mut Store, settings: &BackupSettings) -> Result<BackupSettings> {
    let mut settings = settings.clone();
    let folder = settings.folder.trim().to_string();
    if !folder.is_empty() {
        let path = Path::new(&folder);
        if !path.is_dir() {
            return Err(StoreError::invalid(
                "folder",
                format!("{} is not a folder: create it or connect its drive first", path.display()),
            )
            .into());
        }
        // Kept whole, so a backup later does not depend on where the program was started.
        settings.folder = path.canonicalize().map(|p| p.display().to_string()).unwrap_or(folder);
    }
    Ok(store.with_tx(|tx| tx.save_backup_settings(&settings))?)
}

/// Takes a verified backup of the open file into `folder` (see the module comment), removes the
/// backups rotation no longer keeps, and logs it in the open file (a failed verification is
/// logged too, and nothing is left under a backup's name). `progress(done, total)` follows
/// the steps.
pub fn take_backup(
    store: &mut Store,
    folder: &Path,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BackupReport> {
    let live = store
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| StoreError::Conflict("a practice in memory has no file to back up".into()))?;
    let folder = folder.to_path_buf();
    if !folder.is_dir() {
        return Err(
            StoreError::invalid("folder", format!("The backup folder {} is not there", folder.display())).into()
        );
    }
    let name = backup_name(&live, now);
    let target = folder.join(&name);
    if target.exists() {
        return Err(StoreError::Conflict(format!("{name} already exists: wait a second and back up again")).into());
    }
    remove_stale_partials(&folder);
    let partial = with_suffix(&target, PARTIAL);
    progress(0, STEPS);

    // The snapshot, with the rows of the live file at that moment: counted before and after,
    // and taken again if another program wrote in between.
    let mut counts = None;
    for _ in 0..3 {
        let _ = fs::remove_file(&partial);
        let before = store.table_counts()?;
        store.snapshot_into(&partial).inspect_err(|_| {
            let _ = fs::remove_file(&partial);
        })?;
        if store.table_counts()? == before {
            counts = Some(before);
            break;
        }
    }
    let Some(counts) = counts else {
        let _ = fs::remove_file(&partial);
        return Err(StoreError::Conflict(
            "the practice file kept changing while it was copied (another program is writing to it); try again".into(),
        )
        .into());
    };
    progress(1, STEPS);

    let (size, sha256) = sha256_of(&partial)?;
    let mut problems = verify_open(store, &partial, Some(&counts));
    progress(2, STEPS);
    let practice_name = store.practice()?.name;
    let entry = |verified: bool, problem: String| NewBackupLog {
        taken_at: now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        file_name: name.clone(),
        folder: folder.display().to_string(),
        verified,
        size_bytes: size as i64,
        sha256: sha256.clone(),
        counts: counts.clone(),
        problem,
    };
    if problems.is_empty() {
        if let Err(e) = fs::rename(&partial, &target) {
            problems.push(format!("could not name the backup {name}: {e}"));
        } else {
            sync_dir(&folder);
        }
    }
    if !problems.is_empty() {
        let _ = fs::remove_file(&partial);
        let problem = problems.join("; ");
        store.with_tx(|tx| tx.log_backup(&entry(false, problem.clone())))?;
        return Err(
            StoreError::Conflict(format!("the backup failed its verification and was not kept: {problem}")).into()
        );
    }
    // Its companions: the wrapped keys, and the manifest later verification compares with.
    let live_keys = keyring_path(&live);
    if live_keys.exists() {
        copy_whole(&live_keys, &keyring_path(&target))?;
    }
    let manifest = Manifest {
        format: 1,
        practice_name,
        taken_at: now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        schema_version: store.schema_version()?,
        size_bytes: size,
        sha256: sha256.clone(),
        counts: counts.clone(),
    };
    write_manifest(&target, &manifest)?;
    progress(3, STEPS);

    let settings = store.backup_settings()?;
    let today = now.with_timezone(&Local).date_naive();
    let (removed, kept) = rotate(&folder, &live, today, Keep::from(&settings), &target)?;
    progress(4, STEPS);
    store.with_tx(|tx| tx.log_backup(&entry(true, String::new())))?;
    progress(5, STEPS);
    Ok(BackupReport {
        path: target.display().to_string(),
        file_name: name,
        taken_at: manifest.taken_at,
        size_bytes: size,
        sha256,
        counts: BackupCounts::of(&counts),
        removed,
        kept,
    })
}

/// Removes the backups of `live` in `folder` that rotation does not keep (never `just_taken`).
/// Returns the names removed and how many are kept.
pub fn rotate(
    folder: &Path,
    live: &Path,
    today: NaiveDate,
    keep: Keep,
    just_taken: &Path,
) -> Result<(Vec<String>, usize)> {
    let stem = live.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut ours: Vec<(PathBuf, String, NaiveDateTime)> = Vec::new();
    for (path, name) in backup_files(folder)? {
        if let Some((of, at)) = parse_backup_name(&name) {
            if of == stem {
                ours.push((path, name, at.with_timezone(&Local).naive_local()));
            }
        }
    }
    let times: Vec<NaiveDateTime> = ours.iter().map(|(_, _, t)| *t).collect();
    let flags = to_keep(&times, today, keep);
    let mut removed = Vec::new();
    let mut kept = 0;
    for ((path, name, _), keep) in ours.into_iter().zip(flags) {
        if keep || path == just_taken {
            kept += 1;
        } else if remove_backup(&path).is_ok() {
            removed.push(name);
        } else {
            kept += 1;
        }
    }
    removed.sort();
    Ok((removed, kept))
}

/// The backups in `folder` (by name; `.partial` files and companions left out), sorted by name.
fn backup_files(folder: &Path) -> Result<Vec<(PathBuf, String)>> {
    let entries = fs::read_dir(folder).map_err(|e| read_err(folder, e))?;
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if parse_backup_name(&name).is_some() && entry.path().is_file() {
            files.push((entry.path(), name));
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(files)
}

/// Removes `.partial` backups a crash left behind (never a finished backup).
fn remove_stale_partials(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.strip_suffix(PARTIAL).is_some_and(|n| parse_backup_name(n).is_some()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Opens `file` with the live file's key and checks it: SQLite's integrity check, foreign
/// keys, the audit chain, and (when given) the same rows per table.
fn verify_open(live: &Store, file: &Path, counts: Option<&BTreeMap<String, i64>>) -> Vec<String> {
    let sibling = match live.open_sibling(file) {
        Ok(s) => s,
        Err(e) => return vec![format!("it does not open: {e}")],
    };
    verify_store(&sibling, counts)
}

fn verify_store(backup: &Store, counts: Option<&BTreeMap<String, i64>>) -> Vec<String> {
    let mut problems = match backup.check() {
        Ok(p) => p,
        Err(e) => return vec![format!("it cannot be read: {e}")],
    };
    if let Some(expected) = counts {
        match backup.table_counts() {
            Ok(found) if &found == expected => {}
            Ok(found) => {
                for (table, n) in expected {
                    let got = found.get(table).copied().unwrap_or(-1);
                    if got != *n {
                        problems.push(format!("{table}: {got} rows, the practice file had {n}"));
                    }
                }
                for table in found.keys().filter(|t| !expected.contains_key(*t)) {
                    problems.push(format!("{table}: a table the practice file did not have"));
                }
            }
            Err(e) => problems.push(format!("its rows cannot be counted: {e}")),
        }
    }
    problems
}

/// Verifies a backup `opener` opens (the live file, through `open_sibling`; or the backup
/// itself, opened through the door when there is no live file): its bytes against the
/// manifest written when it was taken (size and SHA-256: a flipped byte anywhere fails), then
/// the checks of a fresh backup against the manifest's rows.
pub fn verify_backup(opener: &Store, backup: &Path) -> Result<BackupCheck> {
    let mut check = BackupCheck {
        path: backup.display().to_string(),
        ok: false,
        problems: Vec::new(),
        practice_name: String::new(),
        taken_at: backup
            .file_name()
            .and_then(|n| parse_backup_name(&n.to_string_lossy()))
            .map(|(_, at)| at.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default(),
        schema_version: 0,
        size_bytes: 0,
        counts: BackupCounts::default(),
    };
    if !backup.is_file() {
        return Err(StoreError::NotFound(format!("backup file {}", backup.display())).into());
    }
    let (size, sha) = sha256_of(backup)?;
    check.size_bytes = size;
    let manifest = read_manifest(backup);
    match &manifest {
        Some(m) => {
            if m.size_bytes != size || m.sha256 != sha {
                check.problems.push(format!(
                    "its bytes are not the ones verified when it was taken ({} bytes then, {size} now; the contents differ): the copy is damaged",
                    m.size_bytes
                ));
            }
            check.taken_at = m.taken_at.clone();
        }
        None => check
            .problems
            .push("its manifest (written when a backup is verified) is missing: it was never verified".into()),
    }
    // Opened as the live file's sibling unless `opener` is the backup itself.
    let same = opener.path().is_some_and(|p| same_file(p, backup));
    let opened;
    let store = if same {
        opener
    } else {
        match opener.open_sibling(backup) {
            Ok(s) => {
                opened = s;
                &opened
            }
            Err(e) => {
                check.problems.push(format!("it does not open: {e}"));
                return Ok(check);
            }
        }
    };
    check.practice_name = store.practice().map(|p| p.name).unwrap_or_default();
    check.schema_version = store.schema_version().unwrap_or(0);
    check.problems.extend(verify_store(store, manifest.as_ref().map(|m| &m.counts)));
    if let Ok(counts) = store.table_counts() {
        check.counts = BackupCounts::of(&counts);
    }
    check.ok = check.problems.is_empty();
    Ok(check)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The backups in `folder`, newest first, each opened through the live file (`open_sibling`)
/// for its practice's name; counts come from its manifest (counted when it does not have one).
pub fn list_backups(live: &Store, folder: &Path) -> Result<Vec<BackupListed>> {
    if !folder.is_dir() {
        return Err(StoreError::invalid("folder", format!("The folder {} is not there", folder.display())).into());
    }
    let stem = live.path().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut listed = Vec::new();
    for (path, name) in backup_files(folder)? {
        let (of, at) = parse_backup_name(&name).expect("backup_files keeps backups' names");
        let manifest = read_manifest(&path);
        let size_bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut item = BackupListed {
            path: path.display().to_string(),
            file_name: name.clone(),
            taken_at: at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            practice_name: String::new(),
            size_bytes,
            counts: BackupCounts::default(),
            this_practice: of == stem,
            verified_when_taken: manifest.is_some(),
            has_keys: keyring_path(&path).exists(),
            problem: String::new(),
        };
        match live.open_sibling(&path) {
            Ok(backup) => {
                item.practice_name = backup.practice().map(|p| p.name).unwrap_or_default();
                item.counts = match &manifest {
                    Some(m) => BackupCounts::of(&m.counts),
                    None => backup.table_counts().map(|c| BackupCounts::of(&c)).unwrap_or_default(),
                };
            }
            Err(e) => {
                item.verified_when_taken = false;
                item.problem = format!("it does not open: {e}");
            }
        }
        listed.push(item);
    }
    listed.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| a.file_name.cmp(&b.file_name)));
    Ok(listed)
}

/// The home screen's line: the last verified backup and whether it is too old.
pub fn backup_status(store: &Store, now: DateTime<Utc>) -> Result<BackupStatus> {
    let settings = store.backup_settings()?;
    let last: Option<BackupLogEntry> = store.last_verified_backup()?;
    let newest = store.backup_log(1)?.into_iter().next();
    let age_days = last.as_ref().and_then(|e| DateTime::parse_from_rfc3339(&e.taken_at).ok()).map(|at| {
        let at = at.with_timezone(&Utc);
        (now - at).num_days().max(0)
    });
    let warn = match age_days {
        None => true,
        Some(d) => d >= i64::from(settings.warn_after_days),
    };
    Ok(BackupStatus {
        folder_set: !settings.folder.is_empty(),
        folder: settings.folder.clone(),
        last_verified_at: last.as_ref().map(|e| e.taken_at.clone()),
        last_verified_file: last.as_ref().map(|e| e.file_name.clone()),
        age_days,
        warn_after_days: settings.warn_after_days,
        warn,
        last_problem: newest.filter(|e| !e.verified).map(|e| e.problem).unwrap_or_default(),
    })
}

/// Whether an automatic backup is due: a folder is set and the last verified backup is at
/// least a day old (or there is none).
pub fn backup_due(store: &Store, now: DateTime<Utc>) -> Result<bool> {
    let status = backup_status(store, now)?;
    Ok(status.folder_set && status.age_days.is_none_or(|d| d >= 1))
}

/// Puts a backup in place of the practice file at `live` (which must be closed; it may be
/// missing, as after a disk failure). `opener` opens the backup to verify it (the live store
/// through `open_sibling`, or the backup itself opened through the door). Nothing is replaced
/// unless the backup passes verification; the file it replaces is kept aside with its
/// companions as `<file>.before-restore-<time>`; the backup comes in under a temporary name
/// (synced, its bytes checked again) and is then renamed to the practice file's name.
pub fn restore_file(opener: &Store, backup: &Path, live: &Path, now: DateTime<Utc>) -> Result<RestoreReport> {
    let check = verify_backup(opener, backup)?;
    if !check.ok {
        return Err(StoreError::Conflict(format!(
            "{} failed verification and was not restored; the practice file is unchanged: {}",
            backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            check.problems.join("; ")
        ))
        .into());
    }
    put_in_place(backup, live, now, check)
}

/// The file moves of a restore, once the backup is verified.
fn put_in_place(backup: &Path, live: &Path, now: DateTime<Utc>, check: BackupCheck) -> Result<RestoreReport> {
    let staged = with_suffix(live, ".restoring");
    let staged_keys = keyring_path(&staged);
    let _ = fs::remove_file(&staged);
    let _ = fs::remove_file(&staged_keys);
    copy_whole(backup, &staged)?;
    let manifest_sha = read_manifest(backup).map(|m| m.sha256).unwrap_or_default();
    if sha256_of(&staged)?.1 != manifest_sha {
        let _ = fs::remove_file(&staged);
        return Err(write_err(&staged, std::io::Error::other("the copy differs from the backup")));
    }
    let backup_keys = keyring_path(backup);
    if backup_keys.exists() {
        copy_whole(&backup_keys, &staged_keys)?;
    }
    // Keep the current file aside, with its companions, as copies: the practice file stays at
    // its path until the backup replaces it in one rename, so a crash at any moment leaves
    // either the old file or the restored one there, never neither.
    let aside = with_suffix(live, &format!(".before-restore-{}", now.format(NAME_TIME)));
    let companions = |p: &Path| vec![keyring_path(p), with_suffix(p, "-wal"), with_suffix(p, "-shm")];
    let mut copied: Vec<PathBuf> = Vec::new();
    let discard = |copied: &Vec<PathBuf>| {
        for p in copied {
            let _ = fs::remove_file(p);
        }
        let _ = fs::remove_file(&staged);
        let _ = fs::remove_file(&staged_keys);
    };
    if live.exists() {
        let mut pairs = vec![(live.to_path_buf(), aside.clone())];
        pairs.extend(companions(live).into_iter().zip(companions(&aside)).filter(|(from, _)| from.exists()));
        for (from, to) in pairs {
            if let Err(e) = copy_whole(&from, &to) {
                discard(&copied);
                return Err(e);
            }
            copied.push(to);
        }
    }
    let swap = (|| -> std::io::Result<()> {
        // The old file's WAL must never be applied to the restored file (it is kept aside).
        for stale in [with_suffix(live, "-wal"), with_suffix(live, "-shm")] {
            if stale.exists() {
                fs::remove_file(stale)?;
            }
        }
        fs::rename(&staged, live)?;
        if staged_keys.exists() {
            fs::rename(&staged_keys, keyring_path(live))?;
        } else if keyring_path(live).exists() {
            // The backup has no keys (a plain file): the old keys stay with the file kept aside.
            fs::remove_file(keyring_path(live))?;
        }
        Ok(())
    })();
    if let Err(e) = swap {
        // Only a failure before the rename of the file itself gets here with the old file in
        // place; after it the restored file is in place and its keys are what failed.
        if staged.exists() {
            discard(&copied);
        }
        return Err(write_err(live, e));
    }
    sync_dir(&parent_of(live));
    Ok(RestoreReport {
        restored_from: backup.display().to_string(),
        practice_file: live.display().to_string(),
        kept_aside: if copied.is_empty() { String::new() } else { aside.display().to_string() },
        check,
    })
}

/// Restores `backup` over the open practice file: verified first (nothing changes when it
/// fails), the open file closed, recorded in its audit trail, kept aside and replaced, and the
/// restored file opened in its place with the restore recorded in its own trail. `store` is
/// the open file's (the one door's).
pub fn restore_open(store: &mut Store, backup: &Path, now: DateTime<Utc>) -> Result<RestoreReport> {
    let live = store
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| StoreError::Conflict("a practice in memory cannot be restored".into()))?;
    let check = verify_backup(store, backup)?;
    if !check.ok {
        return Err(StoreError::Conflict(format!(
            "the backup failed verification and was not restored; the practice file is unchanged: {}",
            check.problems.join("; ")
        ))
        .into());
    }
    let actor = store.actor().clone();
    let action = Action::BackupRestore;
    let name = backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    store.audit_event(
        &actor,
        action.name(),
        claimdesk_store::AuditOutcome::Done,
        &claimdesk_store::AuditNote::default().with_note(format!("replaced by the backup {name}")),
    )?;
    // Close the live file (its WAL is checkpointed and removed) before moving it.
    let practice = store.practice()?;
    let today = store.today();
    let key = store.data_key().cloned();
    drop(std::mem::replace(store, Store::open_in_memory(&practice)?));
    let restored = put_in_place(backup, &live, now, check);
    // Whatever happened, the practice file at `live` is opened again (a backup of an
    // encrypted file has its key).
    let mut reopened = Store::open_keyed(&live, key.as_ref())?;
    reopened.set_today(today);
    reopened.set_actor(&actor);
    *store = reopened;
    let report = restored?;
    let note = claimdesk_store::AuditNote::default()
        .with_note(format!("restored from the backup {name}; the file it replaced was kept aside"));
    if store.audit_event(&actor, action.name(), claimdesk_store::AuditOutcome::Done, &note).is_err() {
        // The backup may not know this user (it predates them): the system records it.
        let system = claimdesk_core::Actor::system(actor.source);
        store.audit_event(&system, action.name(), claimdesk_store::AuditOutcome::Done, &note)?;
    }
    Ok(report)
}

/// A copy of `backup` (with its companions) in a temporary folder, for a restore with no
/// practice file to open (a disk that died): the copy is opened through the door and logged in
/// to like any practice file (so the backup's own users and keys admit the person), and its
/// store verifies the untouched backup (`restore_closed`). Remove the folder afterwards.
pub fn scratch_copy(backup: &Path) -> Result<(PathBuf, PathBuf)> {
    let dir = drill_dir()?;
    let copy = dir.join(backup.file_name().unwrap_or_else(|| std::ffi::OsStr::new("backup.claimdesk")));
    copy_whole(backup, &copy)?;
    if keyring_path(backup).exists() {
        copy_whole(&keyring_path(backup), &keyring_path(&copy))?;
    }
    Ok((dir, copy))
}

/// Restores `backup` to `live` when no practice file is open there (`restore_file`), then
/// records the restore in the restored file's audit trail as `opener`'s actor.
pub fn restore_closed(opener: &Store, backup: &Path, live: &Path, now: DateTime<Utc>) -> Result<RestoreReport> {
    let report = restore_file(opener, backup, live, now)?;
    let mut restored = Store::open_keyed(live, opener.data_key())?;
    let name = backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let note = claimdesk_store::AuditNote::default().with_note(format!("restored from the backup {name}"));
    let actor = opener.actor().clone();
    if restored.audit_event(&actor, Action::BackupRestore.name(), claimdesk_store::AuditOutcome::Done, &note).is_err() {
        let system = claimdesk_core::Actor::system(actor.source);
        restored.audit_event(&system, Action::BackupRestore.name(), claimdesk_store::AuditOutcome::Done, &note)?;
    }
    Ok(report)
}

/// Restores `backup` into a temporary folder, checks it there and reports: the live file is
/// never touched.
pub fn drill(live: &Store, backup: &Path) -> Result<DrillReport> {
    let started = std::time::Instant::now();
    let dir = drill_dir()?;
    let result = (|| -> Result<DrillReport> {
        let target = dir.join("drill.claimdesk");
        let check = verify_backup(live, backup)?;
        if !check.ok {
            return Ok(DrillReport { ok: false, check, millis: 0, keys_ok: false });
        }
        // The restore itself, as `restore_file` does it once verified, into the temporary folder.
        let report = put_in_place(backup, &target, Utc::now(), check)?;
        let keys_ok = !keyring_path(backup).exists() || keyring_path(&target).exists();
        // The restored copy opens and passes the checks where it was put.
        let mut again = verify_backup(live, &target_with_manifest(backup, &target)?)?;
        again.path = report.restored_from.clone();
        let ok = again.ok && keys_ok;
        Ok(DrillReport { ok, check: again, millis: started.elapsed().as_millis() as u64, keys_ok })
    })();
    let _ = fs::remove_dir_all(&dir);
    result
}

/// The restored copy with the backup's manifest beside it, so it is checked against the same
/// bytes and rows.
fn target_with_manifest(backup: &Path, target: &Path) -> Result<PathBuf> {
    let manifest = with_suffix(backup, MANIFEST);
    if manifest.exists() {
        copy_whole(&manifest, &with_suffix(target, MANIFEST))?;
    }
    Ok(target.to_path_buf())
}

fn drill_dir() -> Result<PathBuf> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "claimdesk-drill-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| write_err(&dir, e))?;
    Ok(dir)
}

use claimdesk_core::Action;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: NaiveDate, h: u32) -> NaiveDateTime {
        day.and_hms_opt(h, 0, 0).unwrap()
    }

    const DEFAULT: Keep = Keep { daily: 7, weekly: 4, monthly: 12 };

    #[test]
    fn names_carry_the_practice_file_and_the_time() {
        let t = Utc.with_ymd_and_hms(2026, 12, 2, 16, 5, 9).unwrap();
        let name = backup_name(Path::new("/x/Main St Clinic.claimdesk"), t);
        assert_eq!(name, "Main St Clinic.claimdesk.backup-20261202T160509Z.claimdesk");
        assert_eq!(parse_backup_name(&name), Some(("Main St Clinic.claimdesk".into(), t)));
        assert_eq!(parse_backup_name("Main St Clinic.claimdesk"), None);
        assert_eq!(parse_backup_name(&format!("{name}.partial")), None);
        assert_eq!(parse_backup_name(&format!("{name}.keys")), None);
    }

    /// 400 days of a backup every evening (and a second one at lunch on some days), with the
    /// rotation run after each one as the app does: what is left is the newest of each of the
    /// last 7 days, of each of the last 4 ISO weeks and of each of the last 12 months.
    #[test]
    fn rotation_over_400_simulated_days_keeps_7_daily_4_weekly_12_monthly() {
        let first = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        let mut kept: Vec<NaiveDateTime> = Vec::new();
        for d in 0..400 {
            let today = first + chrono::Duration::days(d);
            if d % 3 == 0 {
                kept.push(at(today, 12));
            }
            kept.push(at(today, 18));
            let flags = to_keep(&kept, today, DEFAULT);
            kept = kept.into_iter().zip(flags).filter(|(_, k)| *k).map(|(t, _)| t).collect();
            assert!(kept.len() <= 7 + 4 + 12, "day {d}: {} kept", kept.len());
        }
        let today = first + chrono::Duration::days(399);
        // The newest of each of the last 7 days.
        for back in 0..7 {
            assert!(kept.contains(&at(today - chrono::Duration::days(back), 18)), "day -{back}");
        }
        // Only one backup per day survives.
        let days: HashSet<NaiveDate> = kept.iter().map(|t| t.date()).collect();
        assert_eq!(days.len(), kept.len());
        // Each of the last 4 ISO weeks and 12 months has its newest backup.
        for w in 0..4 {
            let week = week_start(today) - chrono::Duration::days(7 * w);
            let newest = (0..7).map(|i| week + chrono::Duration::days(i)).filter(|d| *d <= today).max().unwrap();
            assert!(kept.contains(&at(newest, 18)), "week of {week}");
        }
        for m in 0..12 {
            let idx = month_index(today) - m;
            let newest = kept.iter().filter(|t| month_index(t.date()) == idx).max();
            let expected_last = (0..400)
                .map(|d| first + chrono::Duration::days(d))
                .filter(|d| month_index(*d) == idx && *d <= today)
                .max()
                .unwrap();
            assert_eq!(newest.map(|t| t.date()), Some(expected_last), "month {m} back");
        }
        // Nothing older than 12 months (the oldest month kept is 11 months back).
        let oldest = kept.iter().min().unwrap();
        assert!(month_index(today) - month_index(oldest.date()) < 12);
        assert!(kept.len() >= 12 + 7 - 1 && kept.len() <= 23, "{} kept", kept.len());
    }

    #[test]
    fn the_newest_backup_survives_a_long_absence_and_future_dates_are_kept() {
        let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let old = at(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), 9);
        let older = at(NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(), 9);
        let future = at(NaiveDate::from_ymd_opt(2027, 7, 1).unwrap(), 9);
        assert_eq!(to_keep(&[older, old], today, DEFAULT), vec![false, true]);
        assert_eq!(to_keep(&[future, old], today, DEFAULT), vec![true, false]);
        assert_eq!(to_keep(&[], today, DEFAULT), Vec::<bool>::new());
    }

    #[test]
    fn several_backups_a_day_keep_the_newest_of_the_day() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let times = [at(today, 8), at(today, 17), at(today, 12)];
        assert_eq!(to_keep(&times, today, Keep { daily: 1, weekly: 0, monthly: 0 }), vec![false, true, false]);
    }
}
