//! Injury cases: save, list, summary (balance, MedPay/PIP left), the attorney's papers and
//! the settlement posting.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::injury_cases::InjuryCase;
use claimdesk_core::Action;
use claimdesk_jobs::PrintedPaper;
use claimdesk_store::{InjuryCaseSummary, SettlementInput};
use tauri::State;

#[tauri::command(async)]
pub fn injury_case_save(state: State<AppState>, injury_case: InjuryCase) -> CommandResult<InjuryCase> {
    state.act(Action::InjuryCaseSave, |s, actor| s.save_injury_case(&injury_case, actor))
}

#[tauri::command(async)]
pub fn injury_cases_for_patient(state: State<AppState>, patient_id: i64) -> CommandResult<Vec<InjuryCase>> {
    state.act(Action::InjuryCasesForPatient, |s, _| s.injury_cases_for_patient(patient_id))
}

#[tauri::command(async)]
pub fn injury_case_summary(state: State<AppState>, case_id: i64) -> CommandResult<InjuryCaseSummary> {
    state.act(Action::InjuryCaseSummary, |s, _| s.injury_case_summary(case_id))
}

/// The itemized attorney statement of a case, to a PDF.
#[tauri::command(async)]
pub fn attorney_statement_print(state: State<AppState>, case_id: i64, out_path: String) -> CommandResult<PrintedPaper> {
    let out_path = state.output_path(&out_path);
    state.act(Action::AttorneyStatementPrint, |s, _| claimdesk_jobs::print_attorney_statement(s, case_id, &out_path))
}

/// The lien / letter of protection of a case, to a PDF.
#[tauri::command(async)]
pub fn lien_letter_print(state: State<AppState>, case_id: i64, out_path: String) -> CommandResult<PrintedPaper> {
    let out_path = state.output_path(&out_path);
    state.act(Action::LienLetterPrint, |s, _| claimdesk_jobs::print_lien_letter(s, case_id, &out_path))
}

/// Posts the attorney's settlement with the agreed reduction; the case ends at zero.
#[tauri::command(async)]
pub fn injury_settlement_post(state: State<AppState>, settlement: SettlementInput) -> CommandResult<InjuryCaseSummary> {
    state.act(Action::InjurySettlementPost, |s, actor| s.post_injury_settlement(&settlement, actor))
}
