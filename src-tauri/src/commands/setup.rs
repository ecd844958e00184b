//! Practice setup lists: providers, service facilities, payers.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::Action;
use claimdesk_core::{Facility, Payer, Provider};
use tauri::State;

#[tauri::command(async)]
pub fn providers_list(state: State<AppState>) -> CommandResult<Vec<Provider>> {
    state.act(Action::ProvidersList, |s, _| s.list_providers())
}

#[tauri::command(async)]
pub fn provider_save(state: State<AppState>, provider: Provider) -> CommandResult<Provider> {
    state.act(Action::ProviderSave, |s, _| s.save_provider(&provider))
}

#[tauri::command(async)]
pub fn facilities_list(state: State<AppState>) -> CommandResult<Vec<Facility>> {
    state.act(Action::FacilitiesList, |s, _| s.list_facilities())
}

#[tauri::command(async)]
pub fn facility_save(state: State<AppState>, facility: Facility) -> CommandResult<Facility> {
    state.act(Action::FacilitySave, |s, _| s.save_facility(&facility))
}

#[tauri::command(async)]
pub fn payers_list(state: State<AppState>) -> CommandResult<Vec<Payer>> {
    state.act(Action::PayersList, |s, _| s.list_payers())
}

#[tauri::command(async)]
pub fn payer_save(state: State<AppState>, payer: Payer) -> CommandResult<Payer> {
    state.act(Action::PayerSave, |s, _| s.save_payer(&payer))
}
