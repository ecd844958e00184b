//! Practice reports (one command per report, and the export of any of them to CSV or PDF)
//! and bank deposits.

use super::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use claimdesk_core::Action;
use claimdesk_jobs::{ExportFormat, Report, ReportExport, ReportKind, ReportParams};
use claimdesk_store::{AgingBy, Deposit, DepositInput, DepositPayment};
use tauri::State;

fn ranged(kind: ReportKind, from: Option<NaiveDate>, to: Option<NaiveDate>) -> ReportParams {
    ReportParams { from, to, ..ReportParams::new(kind) }
}

#[tauri::command(async)]
pub fn report_aging(state: State<AppState>, as_of: Option<NaiveDate>, by: AgingBy) -> CommandResult<Report> {
    let params = ReportParams { as_of, by: Some(by), ..ReportParams::new(ReportKind::Aging) };
    state.act(Action::ReportRun, |s, _| claimdesk_jobs::run_report(s, &params))
}

#[tauri::command(async)]
pub fn report_day_sheet(
    state: State<AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> CommandResult<Report> {
    let params = ranged(ReportKind::DaySheet, from, to);
    state.act(Action::ReportRun, |s, _| claimdesk_jobs::run_report(s, &params))
}

#[tauri::command(async)]
pub fn report_deposits(
    state: State<AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> CommandResult<Report> {
    let params = ranged(ReportKind::Deposits, from, to);
    state.act(Action::ReportRun, |s, _| claimdesk_jobs::run_report(s, &params))
}

#[tauri::command(async)]
pub fn report_denials(state: State<AppState>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> CommandResult<Report> {
    let params = ranged(ReportKind::Denials, from, to);
    state.act(Action::ReportRun, |s, _| claimdesk_jobs::run_report(s, &params))
}

#[tauri::command(async)]
pub fn report_plans(state: State<AppState>) -> CommandResult<Report> {
    let params = ReportParams::new(ReportKind::Plans);
    state.act(Action::ReportRun, |s, _| claimdesk_jobs::run_report(s, &params))
}

#[tauri::command(async)]
pub fn report_productivity(
    state: State<AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> CommandResult<Report> {
    let params = ranged(ReportKind::Productivity, from, to);
    state.act(Action::ReportRun, |s, _| claimdesk_jobs::run_report(s, &params))
}

#[tauri::command(async)]
pub fn report_underpaid(
    state: State<AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> CommandResult<Report> {
    let params = ranged(ReportKind::Underpaid, from, to);
    state.act(Action::ReportRun, |s, _| claimdesk_jobs::run_report(s, &params))
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

#[tauri::command(async)]
pub fn deposit_undeposited(state: State<AppState>) -> CommandResult<Vec<DepositPayment>> {
    state.act(Action::DepositUndeposited, |s, _| s.list_undeposited_payments(None))
}

#[tauri::command(async)]
pub fn deposit_create(state: State<AppState>, input: DepositInput) -> CommandResult<Deposit> {
    state.act(Action::DepositCreate, |s, _| s.create_deposit(&input))
}

#[tauri::command(async)]
pub fn deposits_list(state: State<AppState>, from: NaiveDate, to: NaiveDate) -> CommandResult<Vec<Deposit>> {
    state.act(Action::DepositsList, |s, _| s.list_deposits(from, to))
}
