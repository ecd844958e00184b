//! Medicare chiropractic care: a patient's care episodes and ABNs, the modifiers charge entry
//! applies to a line, and the printed ABN (CMS-R-131).

use super::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use claimdesk_core::chiro_care::{Abn, CareEpisode, ModifierSuggestion};
use claimdesk_core::Action;
use claimdesk_jobs::PrintedPaper;
use claimdesk_store::{AbnView, CareEpisodeView};
use tauri::State;

/// A patient's care episodes, newest first, with the phase of care today.
#[tauri::command(async)]
pub fn care_episodes_for_patient(state: State<AppState>, patient_id: i64) -> CommandResult<Vec<CareEpisodeView>> {
    state.act(Action::CareEpisodesForPatient, |s, _| {
        let today = s.today();
        s.care_episodes_for_patient(patient_id, today)
    })
}

#[tauri::command(async)]
pub fn care_episode_save(state: State<AppState>, episode: CareEpisode) -> CommandResult<CareEpisode> {
    state.act(Action::CareEpisodeSave, |s, _| s.save_care_episode(&episode))
}

/// The modifiers a line of a visit of this episode should carry (AT, GA/GZ, GP, GY), or
/// nothing when the Medicare chiropractic rules do not apply.
#[tauri::command(async)]
pub fn care_modifiers(
    state: State<AppState>,
    episode_id: i64,
    service_date: NaiveDate,
    code: String,
    rendering_provider_id: i64,
) -> CommandResult<Option<ModifierSuggestion>> {
    state.act(Action::CareModifiers, |s, _| {
        s.suggest_care_modifiers(episode_id, service_date, &code, rendering_provider_id)
    })
}

/// A patient's ABNs, newest first, each with where it stands today ("valid until ...").
#[tauri::command(async)]
pub fn abns_for_patient(state: State<AppState>, patient_id: i64) -> CommandResult<Vec<AbnView>> {
    state.act(Action::AbnsForPatient, |s, _| {
        let today = s.today();
        s.abns_for_patient(patient_id, today)
    })
}

#[tauri::command(async)]
pub fn abn_save(state: State<AppState>, abn: Abn) -> CommandResult<Abn> {
    state.act(Action::AbnSave, |s, _| s.save_abn(&abn))
}

/// Prints an ABN (CMS-R-131) to a PDF, to be signed or as a copy of the signed one.
#[tauri::command(async)]
pub fn abn_print(state: State<AppState>, id: i64, out_path: String) -> CommandResult<PrintedPaper> {
    let out_path = state.output_path(&out_path);
    state.act(Action::AbnPrint, |s, _| claimdesk_jobs::print_abn(s, id, &out_path))
}
