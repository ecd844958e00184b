//! Practice files: which one is open, recent ones, create (guided setup), open, settings.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::Practice;
use claimdesk_store::recent::RecentFile;
use claimdesk_store::{PracticeFileInfo, Store, StoreError};
use std::path::PathBuf;
use tauri::State;

#[tauri::command(async)]
pub fn practice_current(state: State<AppState>) -> CommandResult<Option<PracticeFileInfo>> {
    if !state.is_open() {
        return Ok(None);
    }
    state.with_store(|s| s.info()).map(Some)
}

#[tauri::command(async)]
pub fn practice_recent(state: State<AppState>) -> Vec<RecentFile> {
    state.recent()
}

#[tauri::command(async)]
pub fn practice_open(state: State<AppState>, path: String) -> CommandResult<PracticeFileInfo> {
    state.open(&PathBuf::from(path))?;
    state.with_store(|s| s.info())
}

#[tauri::command(async)]
pub fn practice_create(state: State<AppState>, path: String, practice: Practice) -> CommandResult<PracticeFileInfo> {
    let path = PathBuf::from(path);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(StoreError::from)?;
    }
    state.replace(Store::create(&path, &practice)?)?;
    state.with_store(|s| s.info())
}

/// A file name in the data folder for a new practice, not yet taken.
#[tauri::command(async)]
pub fn practice_suggest_path(state: State<AppState>, name: String) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let stem = if stem.is_empty() { "New practice".to_string() } else { stem };
    let mut candidate = state.data_dir.join(format!("{stem}.claimdesk"));
    let mut n = 2;
    while candidate.exists() {
        candidate = state.data_dir.join(format!("{stem} ({n}).claimdesk"));
        n += 1;
    }
    candidate.display().to_string()
}

#[tauri::command(async)]
pub fn practice_update(state: State<AppState>, practice: Practice) -> CommandResult<Practice> {
    state.with_store(|s| s.update_practice(&practice))
}
