//! Charge entry: visits, the standard fee for a line, ICD-10-CM lookup.

use super::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use claimdesk_core::icd10::{CodeSet, CodeSetInfo, Diagnosis};
use claimdesk_core::plan_limits::VisitAllowance;
use claimdesk_core::visits::{Visit, VisitLimits, VISIT_LIMITS};
use claimdesk_core::Action;
use claimdesk_core::{FeeEntry, Money};
use claimdesk_store::{NearLimit, Page, PageRequest, StoreError, VisitInQuestion, VisitPage, VisitSummary};
use tauri::State;

#[tauri::command(async)]
pub fn visit_get(state: State<AppState>, id: i64) -> CommandResult<Visit> {
    state.act(Action::VisitGet, |s, _| s.get_visit(id))
}

#[tauri::command(async)]
pub fn visit_save(state: State<AppState>, visit: Visit) -> CommandResult<Visit> {
    state.act(Action::VisitSave, |s, actor| s.save_visit(&visit, actor))
}

/// What the visit being entered uses of the patient's visit limits and authorizations,
/// counting it: charge entry shows these lines and warns on the flagged ones.
#[tauri::command(async)]
pub fn visit_allowances(state: State<AppState>, question: VisitInQuestion) -> CommandResult<Vec<VisitAllowance>> {
    state.act(Action::VisitAllowances, |s, _| s.visit_allowances(&question))
}

/// Voids a visit entered by mistake (charges reversed, unsent claims closed).
#[tauri::command(async)]
pub fn visit_void(state: State<AppState>, id: i64, reason: String) -> CommandResult<()> {
    state.act(Action::VisitVoid, |s, actor| s.with_tx_by(actor, |tx| tx.void_visit(id, &reason)))
}

/// The worklist of patients near their visit limit or the end of an authorization, today.
#[tauri::command(async)]
pub fn visits_near_limit(state: State<AppState>, page: PageRequest) -> CommandResult<Page<NearLimit>> {
    state.act(Action::VisitsNearLimit, |s, _| s.near_limit_worklist(s.today(), page))
}

/// A page of the patient's visits, newest first: `before` is the oldest visit already shown.
#[tauri::command(async)]
pub fn visits_for_patient(
    state: State<AppState>,
    patient_id: i64,
    before: Option<i64>,
    limit: u32,
) -> CommandResult<VisitPage> {
    state.act(Action::VisitsForPatient, |s, _| s.visits_page(patient_id, before, limit))
}

#[tauri::command(async)]
pub fn visit_summary(state: State<AppState>, id: i64) -> CommandResult<VisitSummary> {
    state.act(Action::VisitSummary, |s, _| s.visit_summary(id))
}

#[tauri::command(async)]
pub fn visits_unbilled(state: State<AppState>, page: PageRequest) -> CommandResult<Page<VisitSummary>> {
    state.act(Action::VisitsUnbilled, |s, _| s.unbilled_visits_page(page))
}

#[tauri::command(async)]
pub fn fee_lookup(
    state: State<AppState>,
    code: String,
    modifier: String,
    date: NaiveDate,
) -> CommandResult<Option<FeeEntry>> {
    state.act(Action::FeeLookup, |s, _| s.fee_for(None, code.trim(), modifier.trim(), date))
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
    let fee = state
        .act(Action::FeeCharge, |s, _| s.fee_for(None, &code.trim().to_ascii_uppercase(), modifier.trim(), date))?;
    Ok(fee.map(|f| f.charge_for(units.max(1))))
}

#[tauri::command(async)]
pub fn codes_search(state: State<AppState>, query: String, limit: usize) -> CommandResult<Vec<Diagnosis>> {
    state.pass(Action::CodesSearch, || {
        Ok::<_, StoreError>(CodeSet::bundled().search(&query, limit.clamp(1, 200)).into_iter().cloned().collect())
    })
}

/// How many diagnoses, pointers and modifiers a visit's claim holds.
#[tauri::command(async)]
pub fn visit_limits(state: State<AppState>) -> CommandResult<VisitLimits> {
    state.pass(Action::VisitLimits, || Ok::<_, StoreError>(VISIT_LIMITS))
}

#[tauri::command(async)]
pub fn codes_info(state: State<AppState>) -> CommandResult<CodeSetInfo> {
    state.pass(Action::CodesInfo, || Ok::<_, StoreError>(CodeSet::bundled().info()))
}
