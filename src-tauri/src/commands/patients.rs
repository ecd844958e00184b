//! Patients: search, registration, deactivation, CSV import and export, the lists the
//! policy form offers.

use super::{CodeLabel, CommandResult};
use crate::state::AppState;
use claimdesk_core::patients::MSP_TYPES;
use claimdesk_core::Action;
use claimdesk_core::{Patient, PatientSummary};
use claimdesk_store::{ImportReport, SearchOptions, StoreError};
use std::path::Path;
use tauri::State;

#[tauri::command(async)]
pub fn patients_search(
    state: State<AppState>,
    query: String,
    options: SearchOptions,
) -> CommandResult<Vec<PatientSummary>> {
    state.act(Action::PatientsSearch, |s, _| s.search_patients(&query, &options))
}

#[tauri::command(async)]
pub fn patient_get(state: State<AppState>, id: i64) -> CommandResult<Patient> {
    state.act(Action::PatientGet, |s, _| s.view_patient(id))
}

#[tauri::command(async)]
pub fn patient_save(state: State<AppState>, patient: Patient) -> CommandResult<Patient> {
    state.act(Action::PatientSave, |s, actor| s.save_patient(&patient, actor))
}

#[tauri::command(async)]
pub fn patient_set_active(state: State<AppState>, id: i64, active: bool, reason: String) -> CommandResult<Patient> {
    state.act(Action::PatientSetActive, |s, _| s.set_patient_active(id, active, &reason))
}

#[tauri::command(async)]
pub fn patients_import(state: State<AppState>, path: String) -> CommandResult<ImportReport> {
    state.act(Action::PatientsImport, |s, _| claimdesk_jobs::csv_files::import_patients_csv(s, Path::new(&path)))
}

#[tauri::command(async)]
pub fn patients_export(state: State<AppState>, path: String) -> CommandResult<usize> {
    let path = state.output_path(&path);
    state.act(Action::PatientsExport, |s, _| claimdesk_jobs::csv_files::export_patients_csv(s, Path::new(&path)))
}

/// Why Medicare pays second on a Medicare policy that is not the primary: the Medicare
/// Secondary Payer types (837P SBR05), in the order of `claimdesk_core::patients::MSP_TYPES`.
#[tauri::command(async)]
pub fn policy_msp_types(state: State<AppState>) -> CommandResult<Vec<CodeLabel>> {
    state.pass(Action::PolicyMspTypes, || {
        Ok::<_, StoreError>(MSP_TYPES.iter().map(|&(code, label)| CodeLabel { code, label }).collect())
    })
}
