//! `#[tauri::command]` adapters, one file per domain. Each is a few lines: the open file
//! from `AppState`, one store call, the result or an `ErrorReport` for the UI.
//! They run off the main thread (`async`) so a long import never freezes the window.

pub mod claims;
pub mod electronic;
pub mod fees;
pub mod patients;
pub mod practice;
pub mod printing;
pub mod setup;
pub mod visits;

/// What every command returns: the value, or a report the UI shows by the field.
pub type CommandResult<T> = Result<T, claimdesk_store::ErrorReport>;
