//! Patient statements: who would get one, the run (with progress events), reprints, holds and
//! collections.

use super::{CommandResult, Progress};
use crate::state::AppState;
use claimdesk_core::Action;
use claimdesk_jobs::statements::{StatementRunReport, StatementRunRequest};
use claimdesk_store::{Page, PageRequest, StatementCandidate, StatementFilter, StatementMailing, StatementSummary};
use tauri::{AppHandle, Emitter, State};

/// One page of who would get a statement (at most `LIST_PAGE_MAX`) and how many would.
#[tauri::command(async)]
pub fn statement_candidates(
    state: State<AppState>,
    filter: StatementFilter,
    page: PageRequest,
) -> CommandResult<Page<StatementCandidate>> {
    state.act(Action::StatementCandidates, |s, _| claimdesk_jobs::statements::statement_candidates(s, &filter, page))
}

#[tauri::command(async)]
pub fn statements_run(
    app: AppHandle,
    state: State<AppState>,
    mut request: StatementRunRequest,
) -> CommandResult<StatementRunReport> {
    request.out_path = state.output_path(&request.out_path);
    let mut progress = |done: usize, total: usize| {
        // A lost progress event only leaves the bar behind; the run itself goes on.
        let _ = app.emit("statement-progress", Progress { done, total });
    };
    state.act(Action::StatementsRun, |s, actor| {
        claimdesk_jobs::statements::run_statements(s, &request, actor, &mut progress)
    })
}

#[tauri::command(async)]
pub fn statement_reprint(state: State<AppState>, statement_id: i64, out_path: String) -> CommandResult<usize> {
    let out_path = state.output_path(&out_path);
    state
        .act(Action::StatementReprint, |s, _| claimdesk_jobs::statements::reprint_statement(s, statement_id, &out_path))
}

#[tauri::command(async)]
pub fn statements_for_patient(state: State<AppState>, patient_id: i64) -> CommandResult<Vec<StatementSummary>> {
    state.act(Action::StatementsForPatient, |s, _| s.statements_for_patient(patient_id))
}

/// Where the patient's statements go and whether they can be mailed (the record asks for the
/// address when not).
#[tauri::command(async)]
pub fn statement_mailing(state: State<AppState>, patient_id: i64) -> CommandResult<StatementMailing> {
    state.act(Action::StatementMailing, |s, _| s.statement_mailing(patient_id))
}

/// Holds statements for a patient's account (an empty reason releases the hold).
#[tauri::command(async)]
pub fn statement_hold(state: State<AppState>, patient_id: i64, reason: String) -> CommandResult<()> {
    state.act(Action::StatementHold, |s, _| s.set_statement_hold(patient_id, &reason))
}

#[tauri::command(async)]
pub fn collections_send(state: State<AppState>, patient_id: i64, agency: String) -> CommandResult<()> {
    state.act(Action::CollectionsSend, |s, _| s.send_to_collections(patient_id, &agency))
}

/// Takes an account back from the collection agency: statements go out again.
#[tauri::command(async)]
pub fn collections_recall(state: State<AppState>, patient_id: i64) -> CommandResult<()> {
    state.act(Action::CollectionsRecall, |s, _| s.recall_from_collections(patient_id))
}
