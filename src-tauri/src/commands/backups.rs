//! Backups: the home screen's status, Back up now (with progress events), the list of a
//! folder's backups, verification, restore, the restore drill and the settings.

use super::{CommandResult, Progress};
use crate::state::AppState;
use chrono::Utc;
use claimdesk_core::Action;
use claimdesk_jobs::backups::{
    self, BackupCheck, BackupListed, BackupReport, BackupStatus, DrillReport, RestoreReport,
};
use claimdesk_store::BackupSettings;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, State};

/// The home screen's line: the last verified backup and whether it is too old.
#[tauri::command(async)]
pub fn backup_status(state: State<AppState>) -> CommandResult<BackupStatus> {
    state.act(Action::BackupStatus, |s, _| backups::backup_status(s, Utc::now()))
}

/// Back up now, to the folder of the settings.
#[tauri::command(async)]
pub fn backup_now(app: AppHandle, state: State<AppState>) -> CommandResult<BackupReport> {
    let mut progress = |done: usize, total: usize| {
        // A lost progress event only leaves the bar behind; the backup itself goes on.
        let _ = app.emit("backup-progress", Progress { done, total });
    };
    state.act(Action::BackupNow, |s, _| {
        let folder = backups::backup_folder(s, None)?;
        backups::take_backup(s, &folder, Utc::now(), &mut progress)
    })
}

/// The backups in `folder` (the settings' folder when None), newest first.
#[tauri::command(async)]
pub fn backups_list(state: State<AppState>, folder: Option<String>) -> CommandResult<Vec<BackupListed>> {
    let folder = folder.filter(|f| !f.trim().is_empty()).map(PathBuf::from);
    state.act(Action::BackupsList, |s, _| {
        let folder = backups::backup_folder(s, folder.as_deref())?;
        backups::list_backups(s, &folder)
    })
}

#[tauri::command(async)]
pub fn backup_verify(state: State<AppState>, path: String) -> CommandResult<BackupCheck> {
    state.act(Action::BackupVerify, |s, _| backups::verify_backup(s, Path::new(&path)))
}

/// Restores a backup over the open file (verified first; the replaced file is kept aside).
/// The session ends: the restored file's users are the backup's.
#[tauri::command(async)]
pub fn backup_restore(state: State<AppState>, path: String) -> CommandResult<RestoreReport> {
    state.session(Action::BackupRestore, |door| door.restore(Path::new(&path)))
}

/// Test a restore: into a temporary folder, checked there; the open file is not touched.
#[tauri::command(async)]
pub fn backup_drill(state: State<AppState>, path: String) -> CommandResult<DrillReport> {
    state.act(Action::BackupDrill, |s, _| backups::drill(s, Path::new(&path)))
}

#[tauri::command(async)]
pub fn backup_settings_get(state: State<AppState>) -> CommandResult<BackupSettings> {
    state.act(Action::BackupSettingsGet, |s, _| s.backup_settings())
}

#[tauri::command(async)]
pub fn backup_settings_save(state: State<AppState>, settings: BackupSettings) -> CommandResult<BackupSettings> {
    state.act(Action::BackupSettingsSave, |s, _| backups::save_settings(s, &settings))
}
