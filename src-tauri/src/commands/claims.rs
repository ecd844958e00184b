//! Claims: build, work queues, scrub, status, corrections, history.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::claims::{ClaimData, ClaimStatus, Frequency};
use claimdesk_store::{ClaimPage, ClaimQuery, ClaimSummary, PayerClaimSettings, ScrubResult, Source, StatusChange};
use tauri::State;

#[tauri::command(async)]
pub fn claim_create(state: State<AppState>, visit_id: i64, rank: u8) -> CommandResult<ClaimSummary> {
    state.with_store(|s| s.create_claim(visit_id, rank, Source::App))
}

/// One page of the claims list (at most `CLAIM_PAGE_MAX` claims) and the matching total.
#[tauri::command(async)]
pub fn claims_list(state: State<AppState>, query: ClaimQuery) -> CommandResult<ClaimPage> {
    state.with_store(|s| s.claims_page(&query))
}

#[tauri::command(async)]
pub fn claim_get(state: State<AppState>, id: i64) -> CommandResult<ClaimData> {
    state.with_store(|s| s.claim_data(id))
}

#[tauri::command(async)]
pub fn claim_history(state: State<AppState>, id: i64) -> CommandResult<Vec<StatusChange>> {
    state.with_store(|s| s.claim_history(id))
}

#[tauri::command(async)]
pub fn claim_scrub(state: State<AppState>, id: i64) -> CommandResult<ScrubResult> {
    state.with_store(|s| s.scrub_claim(id, Source::App))
}

/// Accepts a warning, then scrubs again so the claim can become ready.
#[tauri::command(async)]
pub fn claim_acknowledge(state: State<AppState>, id: i64, rule: String, field: String) -> CommandResult<ScrubResult> {
    state.with_store(|s| {
        s.acknowledge_warning(id, &rule, &field)?;
        s.scrub_claim(id, Source::App)
    })
}

#[tauri::command(async)]
pub fn claim_set_status(
    state: State<AppState>,
    id: i64,
    status: ClaimStatus,
    note: String,
) -> CommandResult<ClaimSummary> {
    state.with_store(|s| {
        s.set_claim_status(id, status, &note, Source::App)?;
        s.claim_summary(id)
    })
}

#[tauri::command(async)]
pub fn claim_correct(
    state: State<AppState>,
    id: i64,
    frequency: Frequency,
    original_reference: String,
) -> CommandResult<ClaimSummary> {
    state.with_store(|s| s.create_correction(id, frequency, &original_reference, Source::App))
}

#[tauri::command(async)]
pub fn payer_claim_settings_get(state: State<AppState>, payer_id: i64) -> CommandResult<PayerClaimSettings> {
    state.with_store(|s| s.payer_claim_settings(payer_id))
}

#[tauri::command(async)]
pub fn payer_claim_settings_save(
    state: State<AppState>,
    payer_id: i64,
    settings: PayerClaimSettings,
) -> CommandResult<()> {
    state.with_store(|s| s.save_payer_claim_settings(payer_id, &settings))
}
