//! Practice files: which one is open, recent ones, create (guided setup), open, settings.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::Action;
use claimdesk_core::Practice;
use claimdesk_store::recent::RecentFile;
use claimdesk_store::{PracticeFileInfo, StoreError};
use std::path::PathBuf;
use tauri::State;

#[tauri::command(async)]
pub fn practice_current(state: State<AppState>) -> CommandResult<Option<PracticeFileInfo>> {
    if !state.is_open() {
        return Ok(None);
    }
    state.session(Action::PracticeCurrent, |door| door.info()).map(Some)
}

#[tauri::command(async)]
pub fn practice_recent(state: State<AppState>) -> CommandResult<Vec<RecentFile>> {
    state.pass(Action::PracticeRecent, || Ok::<_, StoreError>(state.recent()))
}

#[tauri::command(async)]
pub fn practice_open(state: State<AppState>, path: String) -> CommandResult<PracticeFileInfo> {
    state.open_practice(&PathBuf::from(path))?;
    state.session(Action::PracticeCurrent, |door| door.info())
}

#[tauri::command(async)]
pub fn practice_create(state: State<AppState>, path: String, practice: Practice) -> CommandResult<PracticeFileInfo> {
    state.create_practice(&PathBuf::from(path), &practice)?;
    state.session(Action::PracticeCurrent, |door| door.info())
}

/// A file name in the data folder for a new practice, not yet taken.
#[tauri::command(async)]
pub fn practice_suggest_path(state: State<AppState>, name: String) -> CommandResult<String> {
    state.pass(Action::PracticeSuggestPath, || Ok::<_, StoreError>(suggested_path(&state.data_dir, &name)))
}

/// `<data folder>/<practice name>.claimdesk`, numbered when the name is taken.
fn suggested_path(data_dir: &std::path::Path, name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let stem = if stem.is_empty() { "New practice".to_string() } else { stem };
    let mut candidate = data_dir.join(format!("{stem}.claimdesk"));
    let mut n = 2;
    while candidate.exists() {
        candidate = data_dir.join(format!("{stem} ({n}).claimdesk"));
        n += 1;
    }
    candidate.display().to_string()
}

#[tauri::command(async)]
pub fn practice_update(state: State<AppState>, practice: Practice) -> CommandResult<Practice> {
    state.act(Action::PracticeUpdate, |s, _| s.update_practice(&practice))
}
