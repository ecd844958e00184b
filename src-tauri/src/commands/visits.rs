//! Charge entry: visits, the standard fee for a line, ICD-10-CM lookup.

use super::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use claimdesk_core::icd10::{CodeSet, CodeSetInfo, Diagnosis};
use claimdesk_core::visits::Visit;
use claimdesk_core::{FeeEntry, Money};
use claimdesk_store::{VisitPage, VisitSummary};
use tauri::State;

#[tauri::command(async)]
pub fn visit_get(state: State<AppState>, id: i64) -> CommandResult<Visit> {
    state.with_store(|s| s.get_visit(id))
}

#[tauri::command(async)]
pub fn visit_save(state: State<AppState>, visit: Visit) -> CommandResult<Visit> {
    state.with_store(|s| s.save_visit(&visit))
}

/// A page of the patient's visits, newest first: `before` is the oldest visit already shown.
#[tauri::command(async)]
pub fn visits_for_patient(
    state: State<AppState>,
    patient_id: i64,
    before: Option<i64>,
    limit: u32,
) -> CommandResult<VisitPage> {
    state.with_store(|s| s.visits_page(patient_id, before, limit))
}

#[tauri::command(async)]
pub fn visit_summary(state: State<AppState>, id: i64) -> CommandResult<VisitSummary> {
    state.with_store(|s| s.visit_summary(id))
}

#[tauri::command(async)]
pub fn visits_unbilled(state: State<AppState>) -> CommandResult<Vec<VisitSummary>> {
    state.with_store(|s| s.list_unbilled_visits())
}

#[tauri::command(async)]
pub fn fee_lookup(
    state: State<AppState>,
    code: String,
    modifier: String,
    date: NaiveDate,
) -> CommandResult<Option<FeeEntry>> {
    state.with_store(|s| s.fee_for(None, code.trim(), modifier.trim(), date))
}

/// The default charge of a line: the standard fee in force on the date times the units.
#[tauri::command(async)]
pub fn fee_charge(
    state: State<AppState>,
    code: String,
    modifier: String,
    date: NaiveDate,
    units: u32,
) -> CommandResult<Option<Money>> {
    let fee = state.with_store(|s| s.fee_for(None, &code.trim().to_ascii_uppercase(), modifier.trim(), date))?;
    Ok(fee.map(|f| f.charge_for(units.max(1))))
}

#[tauri::command(async)]
pub fn codes_search(query: String, limit: usize) -> Vec<Diagnosis> {
    CodeSet::bundled().search(&query, limit.clamp(1, 200)).into_iter().cloned().collect()
}

#[tauri::command(async)]
pub fn codes_info() -> CodeSetInfo {
    CodeSet::bundled().info()
}
