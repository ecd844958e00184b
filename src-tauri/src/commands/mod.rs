//! `#[tauri::command]` adapters, one file per domain. Each is a few lines: the open file
//! from `AppState`, one store call, the result or an `ErrorReport` for the UI.
//! They run off the main thread (`async`) so a long import never freezes the window.

pub mod accounts;
pub mod backups;
pub mod care;
pub mod claims;
pub mod discounts;
pub mod electronic;
pub mod fees;
pub mod injury_cases;
pub mod patients;
pub mod plans;
pub mod practice;
pub mod printing;
pub mod remittances;
pub mod reports;
pub mod session;
pub mod setup;
pub mod statements;
pub mod visits;

/// Sent as the `print-progress`, `export-progress` and `era-progress` events while a long
/// job runs, so the window can show a progress bar.
#[derive(Clone, serde::Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

pub use claimdesk_core::CodeLabel;

/// What every command returns: the value, or a report the UI shows by the field.
pub type CommandResult<T> = Result<T, claimdesk_store::ErrorReport>;
