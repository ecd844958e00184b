//! Electronic claims: exporting 837P files (with progress events) and the clearinghouse
//! settings they are addressed with.

use super::{CommandResult, Progress};
use crate::state::AppState;
use claimdesk_core::clearinghouse::Clearinghouse;
use claimdesk_core::Action;
use claimdesk_jobs::{ExportReport, ExportRequest};
use tauri::{AppHandle, Emitter, State};

#[tauri::command(async)]
pub fn claims_export_837(
    app: AppHandle,
    state: State<AppState>,
    mut request: ExportRequest,
) -> CommandResult<ExportReport> {
    request.out_path = state.output_path(&request.out_path);
    let mut progress = |done: usize, total: usize| {
        // A lost progress event only leaves the bar behind; the job itself goes on.
        let _ = app.emit("export-progress", Progress { done, total });
    };
    state.act(Action::ClaimsExport837, |s, actor| claimdesk_jobs::export_837(s, &request, actor, &mut progress))
}

#[tauri::command(async)]
pub fn clearinghouses_list(state: State<AppState>) -> CommandResult<Vec<Clearinghouse>> {
    state.act(Action::ClearinghousesList, |s, _| s.list_clearinghouses())
}

#[tauri::command(async)]
pub fn clearinghouse_save(state: State<AppState>, clearinghouse: Clearinghouse) -> CommandResult<Clearinghouse> {
    state.act(Action::ClearinghouseSave, |s, _| s.save_clearinghouse(&clearinghouse))
}
