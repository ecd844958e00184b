//! Practice files: which one is open, recent ones, create (guided setup), open, settings.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::Action;
use claimdesk_core::Practice;
use claimdesk_jobs::about::{about, AboutInfo};
use claimdesk_store::recent::RecentFile;
use claimdesk_store::{PracticeFileInfo, StoreError};
use std::path::PathBuf;
use tauri::State;

/// The open practice file; none on the welcome screen (with, once, why the file the app was
/// started on did not open).
#[tauri::command(async)]
pub fn practice_current(state: State<AppState>) -> CommandResult<Option<PracticeFileInfo>> {
    if !state.is_open() {
        return match state.take_start_problem() {
            Some(problem) => Err(problem),
            None => Ok(None),
        };
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

/// The welcome screen's "Explore the demo practice": the demo's own file in the data folder,
/// made the first time (invented patients, the demo logins).
#[tauri::command(async)]
pub fn demo_open(state: State<AppState>) -> CommandResult<PracticeFileInfo> {
    state.pass(Action::DemoOpen, || state.open_demo())?;
    state.session(Action::PracticeCurrent, |door| door.info())
}

/// The About box: version, build date, data folder and the third-party notices (installed with
/// the package as a resource beside the program).
#[tauri::command(async)]
pub fn app_about(app: tauri::AppHandle, state: State<AppState>) -> CommandResult<AboutInfo> {
    use tauri::Manager;
    let notices = app.path().resource_dir().ok().map(|dir| dir.join("THIRD-PARTY-NOTICES.txt"));
    state.pass(Action::AppAbout, || {
        Ok::<_, StoreError>(about(
            env!("CARGO_PKG_VERSION"),
            env!("CLAIMDESK_BUILD_DATE"),
            &state.data_dir,
            notices.as_deref(),
        ))
    })
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
