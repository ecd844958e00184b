//! Remittances (835) with a preview of exactly what will post, acknowledgements (999/277CA),
//! the exceptions list, and what patients and claims owe.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::posting::PostingRules;
use claimdesk_core::Action;
use claimdesk_jobs::AckReport;
use claimdesk_store::{AccountBalance, ClaimMoney, LedgerPage, Page, PageRequest, PostingException, PostingReport};
use std::path::Path;
use tauri::State;

/// What posting the 835 would do; changes nothing.
#[tauri::command(async)]
pub fn era_preview(state: State<AppState>, path: String) -> CommandResult<Vec<PostingReport>> {
    state.act(Action::EraPreview, |s, actor| claimdesk_jobs::import_835_file(s, Path::new(&path), true, actor))
}

/// Posts the 835 in one transaction.
#[tauri::command(async)]
pub fn era_post(state: State<AppState>, path: String) -> CommandResult<Vec<PostingReport>> {
    state.act(Action::EraPost, |s, actor| claimdesk_jobs::import_835_file(s, Path::new(&path), false, actor))
}

/// One page of the unresolved exceptions (at most `LIST_PAGE_MAX`) and how many there are.
#[tauri::command(async)]
pub fn remittance_exceptions(state: State<AppState>, page: PageRequest) -> CommandResult<Page<PostingException>> {
    state.act(Action::RemittanceExceptions, |s, _| s.remittance_exceptions_page(page))
}

/// Applies a 999 or 277CA acknowledgement file: claims accepted or rejected with reasons.
#[tauri::command(async)]
pub fn acks_import(state: State<AppState>, path: String) -> CommandResult<AckReport> {
    state.act(Action::AcksImport, |s, actor| claimdesk_jobs::import_acknowledgement_file(s, Path::new(&path), actor))
}

#[tauri::command(async)]
pub fn patient_balance(state: State<AppState>, patient_id: i64) -> CommandResult<AccountBalance> {
    state.act(Action::PatientBalance, |s, _| s.patient_balance(patient_id))
}

/// A page of the patient's ledger, newest first, with the running balance: `before` is the
/// oldest entry already shown.
#[tauri::command(async)]
pub fn patient_ledger(
    state: State<AppState>,
    patient_id: i64,
    before: Option<i64>,
    limit: u32,
) -> CommandResult<LedgerPage> {
    state.act(Action::PatientLedger, |s, _| s.ledger_page(patient_id, before, limit))
}

#[tauri::command(async)]
pub fn claim_money(state: State<AppState>, id: i64) -> CommandResult<ClaimMoney> {
    state.act(Action::ClaimMoney, |s, _| s.claim_money(id))
}

/// Posts a paper EOB keyed by hand for one claim: the same posting engine as an 835.
#[tauri::command(async)]
pub fn claim_post_eob(
    state: State<AppState>,
    adjudication: claimdesk_core::posting::ClaimAdjudication,
    paid_date: chrono::NaiveDate,
) -> CommandResult<claimdesk_store::PostedClaim> {
    state.act(Action::ClaimPostEob, |s, actor| s.post_eob(&adjudication, paid_date, actor))
}

/// Whether OA and PI adjustments are written off when remittances and EOBs post.
#[tauri::command(async)]
pub fn posting_rules_get(state: State<AppState>) -> CommandResult<PostingRules> {
    state.act(Action::PostingRulesGet, |s, _| s.posting_rules())
}

#[tauri::command(async)]
pub fn posting_rules_save(state: State<AppState>, rules: PostingRules) -> CommandResult<PostingRules> {
    state.act(Action::PostingRulesSave, |s, _| s.save_posting_rules(&rules))
}
