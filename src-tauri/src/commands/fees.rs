//! The fee schedule: list, edit, CSV import and export.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::Action;
use claimdesk_core::FeeEntry;
use claimdesk_store::{FeeFilter, ImportReport, Page, PageRequest};
use std::path::Path;
use tauri::State;

/// One page of the fee schedule (at most `LIST_PAGE_MAX` entries) and how many match.
#[tauri::command(async)]
pub fn fees_list(state: State<AppState>, filter: FeeFilter, page: PageRequest) -> CommandResult<Page<FeeEntry>> {
    state.act(Action::FeesList, |s, _| s.fees_page(&filter, page))
}

#[tauri::command(async)]
pub fn fee_save(state: State<AppState>, entry: FeeEntry) -> CommandResult<FeeEntry> {
    state.act(Action::FeeSave, |s, _| s.save_fee(&entry))
}

#[tauri::command(async)]
pub fn fees_import(state: State<AppState>, path: String) -> CommandResult<ImportReport> {
    state.act(Action::FeesImport, |s, _| claimdesk_jobs::csv_files::import_fees_csv(s, Path::new(&path)))
}

#[tauri::command(async)]
pub fn fees_export(state: State<AppState>, path: String) -> CommandResult<usize> {
    let path = state.output_path(&path);
    state.act(Action::FeesExport, |s, _| claimdesk_jobs::csv_files::export_fees_csv(s, Path::new(&path)))
}
