//! Practice reports (the list of them, running any one, exporting any one to CSV or PDF) and
//! bank deposits.

use super::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use claimdesk_core::Action;
use claimdesk_jobs::{ExportFormat, ReportExport, ReportInfo, ReportPage, ReportParams};
use claimdesk_store::{Deposit, DepositInput, DepositPayment, Page, PageRequest, StoreError};
use tauri::State;

/// The reports the screen offers: each one's title and the parameters it takes.
#[tauri::command]
pub fn reports_catalog(state: State<AppState>) -> CommandResult<Vec<ReportInfo>> {
    state.pass(Action::ReportsCatalog, || Ok::<_, StoreError>(claimdesk_jobs::reports_catalog()))
}

/// Runs any report and lays it out for the screen (its tables and its chart).
#[tauri::command(async)]
pub fn report_run(state: State<AppState>, params: ReportParams) -> CommandResult<ReportPage> {
    state.act(Action::ReportRun, |s, _| claimdesk_jobs::report_page(s, &params))
}

/// Writes any report to a user-chosen file as CSV or PDF.
#[tauri::command(async)]
pub fn report_export(
    state: State<AppState>,
    params: ReportParams,
    format: ExportFormat,
    out_path: String,
) -> CommandResult<ReportExport> {
    let out_path = state.output_path(&out_path);
    state.act(Action::ReportExport, |s, _| {
        claimdesk_jobs::export_report(s, &params, format, std::path::Path::new(&out_path))
    })
}

/// One page of the payments not deposited yet (at most `LIST_PAGE_MAX`) and how many there are.
#[tauri::command(async)]
pub fn deposit_undeposited(state: State<AppState>, page: PageRequest) -> CommandResult<Page<DepositPayment>> {
    state.act(Action::DepositUndeposited, |s, _| s.undeposited_page(None, page))
}

#[tauri::command(async)]
pub fn deposit_create(state: State<AppState>, input: DepositInput) -> CommandResult<Deposit> {
    state.act(Action::DepositCreate, |s, _| s.create_deposit(&input))
}

#[tauri::command(async)]
pub fn deposits_list(
    state: State<AppState>,
    from: NaiveDate,
    to: NaiveDate,
    page: PageRequest,
) -> CommandResult<Page<Deposit>> {
    state.act(Action::DepositsList, |s, _| s.deposits_page(from, to, page))
}
