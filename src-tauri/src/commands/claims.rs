//! Claims: build, work queues, scrub, status, corrections, history.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::claims::{ClaimChoices, ClaimData, ClaimStatus, Frequency};
use claimdesk_core::Action;
use claimdesk_store::{ClaimPage, ClaimQuery, ClaimSummary, PayerClaimSettings, ScrubResult, StatusChange, StoreError};
use tauri::State;

#[tauri::command(async)]
pub fn claim_create(state: State<AppState>, visit_id: i64, rank: u8) -> CommandResult<ClaimSummary> {
    state.act(Action::ClaimCreate, |s, actor| s.create_claim(visit_id, rank, actor))
}

/// One page of the claims list (at most `CLAIM_PAGE_MAX` claims) and the matching total.
#[tauri::command(async)]
pub fn claims_list(state: State<AppState>, query: ClaimQuery) -> CommandResult<ClaimPage> {
    state.act(Action::ClaimsList, |s, _| s.claims_page(&query))
}

#[tauri::command(async)]
pub fn claim_get(state: State<AppState>, id: i64) -> CommandResult<ClaimData> {
    state.act(Action::ClaimGet, |s, _| s.claim_data(id))
}

/// What the screen may offer for the claim: statuses it can be set to by hand, and whether
/// it can be corrected or voided, or take a paper EOB (the rules stay on the Rust side).
#[tauri::command(async)]
pub fn claim_choices(state: State<AppState>, id: i64) -> CommandResult<ClaimChoices> {
    state.act(Action::ClaimChoices, |s, _| Ok::<_, StoreError>(s.claim_summary(id)?.status.choices()))
}

#[tauri::command(async)]
pub fn claim_history(state: State<AppState>, id: i64) -> CommandResult<Vec<StatusChange>> {
    state.act(Action::ClaimHistory, |s, _| s.claim_history(id))
}

#[tauri::command(async)]
pub fn claim_scrub(state: State<AppState>, id: i64) -> CommandResult<ScrubResult> {
    state.act(Action::ClaimScrub, |s, actor| s.scrub_claim(id, actor))
}

/// Accepts a warning, then scrubs again so the claim can become ready.
#[tauri::command(async)]
pub fn claim_acknowledge(state: State<AppState>, id: i64, rule: String, field: String) -> CommandResult<ScrubResult> {
    state.act(Action::ClaimAcknowledge, |s, actor| {
        s.acknowledge_warning(id, &rule, &field)?;
        s.scrub_claim(id, actor)
    })
}

#[tauri::command(async)]
pub fn claim_set_status(
    state: State<AppState>,
    id: i64,
    status: ClaimStatus,
    note: String,
) -> CommandResult<ClaimSummary> {
    state.act(Action::ClaimSetStatus, |s, actor| {
        s.set_claim_status(id, status, &note, actor)?;
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
    state.act(Action::ClaimCorrect, |s, actor| s.create_correction(id, frequency, &original_reference, actor))
}

#[tauri::command(async)]
pub fn payer_claim_settings_get(state: State<AppState>, payer_id: i64) -> CommandResult<PayerClaimSettings> {
    state.act(Action::PayerClaimSettingsGet, |s, _| s.payer_claim_settings(payer_id))
}

#[tauri::command(async)]
pub fn payer_claim_settings_save(
    state: State<AppState>,
    payer_id: i64,
    settings: PayerClaimSettings,
) -> CommandResult<()> {
    state.act(Action::PayerClaimSettingsSave, |s, _| s.save_payer_claim_settings(payer_id, &settings))
}
