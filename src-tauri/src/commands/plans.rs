//! Payment plans: preview, create, list, one plan with its versions, end, amend, and the
//! printed agreement.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::payment_plans::{PlanStatus, PlanTerms};
use claimdesk_core::Action;
use claimdesk_core::Money;
use claimdesk_jobs::PrintedPaper;
use claimdesk_store::{Page, PageRequest, PlanFilter, PlanInput, PlanPreview, PlanView, VisitBalance};
use tauri::State;

/// The schedule a new plan would have; saves nothing (refused as `plan_create` would be).
#[tauri::command(async)]
pub fn plan_preview(state: State<AppState>, input: PlanInput) -> CommandResult<PlanPreview> {
    state.act(Action::PlanPreview, |s, _| s.preview_plan(&input))
}

#[tauri::command(async)]
pub fn plan_create(state: State<AppState>, input: PlanInput) -> CommandResult<PlanView> {
    state.act(Action::PlanCreate, |s, _| s.create_plan(&input))
}

/// One page of the plans (at most `LIST_PAGE_MAX`) and how many match.
#[tauri::command(async)]
pub fn plans_list(state: State<AppState>, filter: PlanFilter, page: PageRequest) -> CommandResult<Page<PlanView>> {
    state.act(Action::PlansList, |s, _| s.plans_page(filter, page))
}

#[tauri::command(async)]
pub fn plan_get(state: State<AppState>, id: i64) -> CommandResult<PlanView> {
    state.act(Action::PlanGet, |s, _| s.plan(id))
}

/// Every version of the plan, oldest first (the amendment history).
#[tauri::command(async)]
pub fn plan_versions(state: State<AppState>, id: i64) -> CommandResult<Vec<PlanView>> {
    state.act(Action::PlanVersions, |s, _| s.plan_versions(id))
}

#[tauri::command(async)]
pub fn plans_for_patient(state: State<AppState>, patient_id: i64) -> CommandResult<Vec<PlanView>> {
    state.act(Action::PlansForPatient, |s, _| s.plans_for_patient(patient_id))
}

/// The account's visits that still have a balance (to choose what a plan covers).
#[tauri::command(async)]
pub fn account_visit_balances(state: State<AppState>, patient_id: i64) -> CommandResult<Vec<VisitBalance>> {
    state.act(Action::AccountVisitBalances, |s, _| s.account_visit_balances(patient_id))
}

/// What a plan over the account (no visits) or the chosen visits may cover.
#[tauri::command(async)]
pub fn plan_balance(state: State<AppState>, patient_id: i64, visit_ids: Vec<i64>) -> CommandResult<Money> {
    state.act(Action::PlanBalance, |s, _| s.plan_coverable_balance(patient_id, &visit_ids))
}

/// Ends a running plan: status "cancelled" or "defaulted", with the reason.
#[tauri::command(async)]
pub fn plan_end(state: State<AppState>, id: i64, status: PlanStatus, reason: String) -> CommandResult<PlanView> {
    state.act(Action::PlanEnd, |s, _| s.end_plan(id, status, &reason))
}

#[tauri::command(async)]
pub fn plan_amend_preview(state: State<AppState>, id: i64, terms: PlanTerms) -> CommandResult<PlanPreview> {
    state.act(Action::PlanAmendPreview, |s, _| s.preview_amendment(id, &terms))
}

#[tauri::command(async)]
pub fn plan_amend(state: State<AppState>, id: i64, terms: PlanTerms) -> CommandResult<PlanView> {
    state.act(Action::PlanAmend, |s, _| s.amend_plan(id, &terms))
}

#[tauri::command(async)]
pub fn plan_agreement_print(state: State<AppState>, id: i64, out_path: String) -> CommandResult<PrintedPaper> {
    let out_path = state.output_path(&out_path);
    state.act(Action::PlanAgreementPrint, |s, _| claimdesk_jobs::print_plan_agreement(s, id, &out_path))
}
