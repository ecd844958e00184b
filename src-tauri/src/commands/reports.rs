//! Practice reports (one command per report, and the export of any of them to CSV or PDF)
//! and bank deposits.

use super::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use claimdesk_jobs::{ExportFormat, Report, ReportExport, ReportKind, ReportParams};
use claimdesk_store::{AgingBy, Deposit, DepositInput, DepositPayment};
use tauri::State;

fn run(state: &State<AppState>, params: ReportParams) -> CommandResult<Report> {
    state.with_job(|s| claimdesk_jobs::run_report(s, &params))
}

fn ranged(kind: ReportKind, from: Option<NaiveDate>, to: Option<NaiveDate>) -> ReportParams {
    ReportParams { from, to, ..ReportParams::new(kind) }
}

#[tauri::command(async)]
pub fn report_aging(state: State<AppState>, as_of: Option<NaiveDate>, by: AgingBy) -> CommandResult<Report> {
    run(&state, ReportParams { as_of, by: Some(by), ..ReportParams::new(ReportKind::Aging) })
}

#[tauri::command(async)]
pub fn report_day_sheet(
    state: State<AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> CommandResult<Report> {
    run(&state, ranged(ReportKind::DaySheet, from, to))
}

#[tauri::command(async)]
pub fn report_deposits(
    state: State<AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> CommandResult<Report> {
    run(&state, ranged(ReportKind::Deposits, from, to))
}

#[tauri::command(async)]
pub fn report_denials(state: State<AppState>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> CommandResult<Report> {
    run(&state, ranged(ReportKind::Denials, from, to))
}

#[tauri::command(async)]
pub fn report_plans(state: State<AppState>) -> CommandResult<Report> {
    run(&state, ReportParams::new(ReportKind::Plans))
}

#[tauri::command(async)]
pub fn report_productivity(
    state: State<AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> CommandResult<Report> {
    run(&state, ranged(ReportKind::Productivity, from, to))
}

#[tauri::command(async)]
pub fn report_underpaid(
    state: State<AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> CommandResult<Report> {
    run(&state, ranged(ReportKind::Underpaid, from, to))
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
    state.with_job(|s| claimdesk_jobs::export_report(s, &params, format, std::path::Path::new(&out_path)))
}

#[tauri::command(async)]
pub fn deposit_undeposited(state: State<AppState>) -> CommandResult<Vec<DepositPayment>> {
    state.with_store(|s| s.list_undeposited_payments(None))
}

#[tauri::command(async)]
pub fn deposit_create(state: State<AppState>, input: DepositInput) -> CommandResult<Deposit> {
    state.with_store(|s| s.create_deposit(&input))
}

#[tauri::command(async)]
pub fn deposits_list(state: State<AppState>, from: NaiveDate, to: NaiveDate) -> CommandResult<Vec<Deposit>> {
    state.with_store(|s| s.list_deposits(from, to))
}
