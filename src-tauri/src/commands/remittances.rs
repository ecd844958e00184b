//! Remittances (835) with a preview of exactly what will post, acknowledgements (999/277CA),
//! the exceptions list, and what patients and claims owe.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::posting::PostingRules;
use claimdesk_jobs::AckReport;
use claimdesk_store::{AccountBalance, ClaimMoney, LedgerPage, PostingException, PostingReport, Source, StoreError};
use tauri::State;

fn read(path: &str) -> CommandResult<(String, String)> {
    let text = std::fs::read_to_string(path).map_err(StoreError::from)?;
    let name = std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok((text, name))
}

/// What posting the 835 would do; changes nothing.
#[tauri::command(async)]
pub fn era_preview(state: State<AppState>, path: String) -> CommandResult<Vec<PostingReport>> {
    let (text, name) = read(&path)?;
    state.with_job(|s| claimdesk_jobs::import_835(s, &text, &name, true, Source::App))
}

/// Posts the 835 in one transaction.
#[tauri::command(async)]
pub fn era_post(state: State<AppState>, path: String) -> CommandResult<Vec<PostingReport>> {
    let (text, name) = read(&path)?;
    state.with_job(|s| claimdesk_jobs::import_835(s, &text, &name, false, Source::App))
}

#[tauri::command(async)]
pub fn remittance_exceptions(state: State<AppState>) -> CommandResult<Vec<PostingException>> {
    state.with_store(|s| s.list_remittance_exceptions())
}

/// Applies a 999 or 277CA acknowledgement file: claims accepted or rejected with reasons.
#[tauri::command(async)]
pub fn acks_import(state: State<AppState>, path: String) -> CommandResult<AckReport> {
    let (text, _) = read(&path)?;
    state.with_job(|s| claimdesk_jobs::import_acknowledgement(s, &text, Source::App))
}

#[tauri::command(async)]
pub fn patient_balance(state: State<AppState>, patient_id: i64) -> CommandResult<AccountBalance> {
    state.with_store(|s| s.patient_balance(patient_id))
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
    state.with_store(|s| s.ledger_page(patient_id, before, limit))
}

#[tauri::command(async)]
pub fn claim_money(state: State<AppState>, id: i64) -> CommandResult<ClaimMoney> {
    state.with_store(|s| s.claim_money(id))
}

/// Posts a paper EOB keyed by hand for one claim: the same posting engine as an 835.
#[tauri::command(async)]
pub fn claim_post_eob(
    state: State<AppState>,
    adjudication: claimdesk_core::posting::ClaimAdjudication,
    paid_date: chrono::NaiveDate,
) -> CommandResult<claimdesk_store::PostedClaim> {
    state.with_store(|s| s.post_eob(&adjudication, paid_date, Source::App))
}

/// Whether OA and PI adjustments are written off when remittances and EOBs post.
#[tauri::command(async)]
pub fn posting_rules_get(state: State<AppState>) -> CommandResult<PostingRules> {
    state.with_store(|s| s.posting_rules())
}

#[tauri::command(async)]
pub fn posting_rules_save(state: State<AppState>, rules: PostingRules) -> CommandResult<PostingRules> {
    state.with_store(|s| s.save_posting_rules(&rules))
}
