//! Printing claims on CMS-1500 forms (with progress events), the alignment page, printer
//! offsets, and opening a printed PDF in the system viewer.

use super::{CommandResult, Progress};
use crate::state::AppState;
use claimdesk_core::Action;
use claimdesk_jobs::{FormKind, PrintReport, PrintRequest};
use claimdesk_store::{PrinterProfile, StoreError};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_opener::OpenerExt;

#[tauri::command(async)]
pub fn claims_print(app: AppHandle, state: State<AppState>, mut request: PrintRequest) -> CommandResult<PrintReport> {
    request.out_path = state.output_path(&request.out_path);
    let mut progress = |done: usize, total: usize| {
        // A lost progress event only leaves the bar behind; the job itself goes on.
        let _ = app.emit("print-progress", Progress { done, total });
    };
    state.act(Action::ClaimsPrint, |s, actor| claimdesk_jobs::print_claims(s, &request, actor, &mut progress))
}

#[tauri::command(async)]
pub fn calibration_print(
    state: State<AppState>,
    form: FormKind,
    printer: Option<String>,
    out_path: String,
) -> CommandResult<usize> {
    let out_path = state.output_path(&out_path);
    state
        .act(Action::CalibrationPrint, |s, _| claimdesk_jobs::print_calibration(s, form, printer.as_deref(), &out_path))
}

#[tauri::command(async)]
pub fn printers_list(state: State<AppState>) -> CommandResult<Vec<PrinterProfile>> {
    state.act(Action::PrintersList, |s, _| s.printer_profiles())
}

#[tauri::command(async)]
pub fn printer_save(state: State<AppState>, profile: PrinterProfile) -> CommandResult<PrinterProfile> {
    state.act(Action::PrinterSave, |s, _| s.save_printer_profile(&profile))
}

#[tauri::command(async)]
pub fn pdf_open(app: AppHandle, state: State<AppState>, path: String) -> CommandResult<()> {
    let path = state.output_path(&path);
    state.pass(Action::PdfOpen, || {
        app.opener()
            .open_path(&path, None::<&str>)
            .map_err(|e| StoreError::Io(std::io::Error::other(format!("could not open {path}: {e}"))))
    })
}
