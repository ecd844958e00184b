//! Logging in, locking, switching user, passwords, users and the audit trail. The door holds
//! who is logged in; these commands are its app side.

use super::CommandResult;
use crate::state::AppState;
use claimdesk_core::roles::{roles_with_names, RolesTable};
use claimdesk_core::{Action, Source};
use claimdesk_jobs::door::{DemoLogin, SessionInfo};
use claimdesk_jobs::{ExportFormat, ReportExport};
use claimdesk_store::{AuditFilter, AuditPage, NewUser, SecuritySettings, StoreError, User};
use tauri::State;

/// Who is logged in to the open file (None: no file is open).
#[tauri::command(async)]
pub fn session_current(state: State<AppState>) -> CommandResult<Option<SessionInfo>> {
    state.session(Action::SessionCurrent, |_| Ok::<_, StoreError>(()))?;
    state.session_info()
}

#[tauri::command(async)]
pub fn session_log_in(state: State<AppState>, login: String, password: String) -> CommandResult<SessionInfo> {
    let info = state.session(Action::SessionLogIn, |door| {
        door.log_in(&login, &password, Source::App)?;
        door.session()
    });
    // The password's hash took 19 MiB (argon2id) and opening the file its cache: give back
    // what is free now.
    crate::memory::give_back();
    info
}

/// Ends the session: the app goes back to its login screen ("switch user").
#[tauri::command(async)]
pub fn session_log_out(state: State<AppState>) -> CommandResult<SessionInfo> {
    state.session(Action::SessionLogOut, |door| {
        door.log_out()?;
        door.session()
    })
}

/// The screen locked (idle, or the user chose to): nothing passes until unlocked.
#[tauri::command(async)]
pub fn session_lock(state: State<AppState>, idle: bool) -> CommandResult<SessionInfo> {
    state.session(Action::SessionLock, |door| {
        door.lock(if idle { "idle" } else { "locked by the user" })?;
        door.session()
    })
}

#[tauri::command(async)]
pub fn session_unlock(state: State<AppState>, password: String) -> CommandResult<SessionInfo> {
    state.session(Action::SessionUnlock, |door| {
        door.unlock(&password)?;
        door.session()
    })
}

/// The user is at work in a form (no command goes out while they type): keeps the lock away.
#[tauri::command(async)]
pub fn session_touch(state: State<AppState>) -> CommandResult<()> {
    state.session(Action::SessionTouch, |door| {
        door.touch();
        Ok::<_, StoreError>(())
    })
}

#[tauri::command(async)]
pub fn password_change(state: State<AppState>, current: String, password: String) -> CommandResult<SessionInfo> {
    state.session(Action::PasswordChange, |door| {
        door.change_password(&current, &password)?;
        door.session()
    })
}

/// The roles table (which role may do which part of the work).
#[tauri::command]
pub fn roles_list(state: State<AppState>) -> CommandResult<RolesTable> {
    state.pass(Action::RolesList, || Ok::<_, StoreError>(roles_with_names()))
}

/// The demo practice's logins (invented, the same in every demo file), to show beside the
/// login form when the open file is a demo (`SessionInfo::demo`).
#[tauri::command]
pub fn demo_logins(state: State<AppState>) -> CommandResult<Vec<DemoLogin>> {
    state.pass(Action::DemoLogins, || {
        Ok::<_, StoreError>(
            claimdesk_demo::users::DEMO_USERS
                .iter()
                .map(|&(login, _, role, password)| DemoLogin {
                    login: login.into(),
                    role: role.label().into(),
                    password: password.into(),
                })
                .collect(),
        )
    })
}

/// The first administrator of a file that has no users yet; logs them in.
#[tauri::command(async)]
pub fn administrator_create(state: State<AppState>, user: NewUser) -> CommandResult<SessionInfo> {
    state.session(Action::AdministratorCreate, |door| {
        door.create_administrator(&user, Source::App)?;
        door.session()
    })
}

/// Every administrator password forgotten: the recovery key opens the encrypted file and
/// `login` (an administrator) gets a new password; logs them in.
#[tauri::command(async)]
pub fn session_recover(
    state: State<AppState>,
    recovery_key: String,
    login: String,
    password: String,
) -> CommandResult<SessionInfo> {
    state.session(Action::SessionRecover, |door| {
        door.recover(&recovery_key, &login, &password, Source::App)?;
        door.session()
    })
}

/// The recovery key made when the file was encrypted, while it waits to be printed (shown on
/// the recovery sheet screen; None once the administrator has put it away).
#[tauri::command(async)]
pub fn recovery_key_pending(state: State<AppState>) -> CommandResult<Option<String>> {
    state.session(Action::RecoverySheetSave, |door| Ok::<_, StoreError>(door.pending_recovery_key()))
}

/// Writes the recovery sheet (PDF) where the administrator chose.
#[tauri::command(async)]
pub fn recovery_sheet_save(state: State<AppState>, path: String) -> CommandResult<()> {
    state.session(Action::RecoverySheetSave, |door| {
        let key = door
            .pending_recovery_key()
            .ok_or_else(|| StoreError::NotFound("a recovery key waiting to be printed".into()))?;
        let db = door.path().unwrap_or_default();
        let practice = door.act(Action::RecoverySheetSave, |s, _| s.practice())?;
        claimdesk_jobs::recovery::write_recovery_sheet(std::path::Path::new(&path), &practice.name, &db, &key)
    })
}

/// The administrator has printed the recovery sheet and put it away: the key is forgotten.
#[tauri::command(async)]
pub fn recovery_sheet_done(state: State<AppState>) -> CommandResult<SessionInfo> {
    state.session(Action::RecoverySheetSave, |door| {
        door.take_recovery_key();
        door.session()
    })
}

#[tauri::command(async)]
pub fn users_list(state: State<AppState>) -> CommandResult<Vec<User>> {
    state.act(Action::UsersList, |s, _| s.users())
}

#[tauri::command(async)]
pub fn user_create(state: State<AppState>, user: NewUser) -> CommandResult<User> {
    state.session(Action::UserCreate, |door| door.add_user(&user))
}

/// Sets a temporary password the user must change at their next login.
#[tauri::command(async)]
pub fn user_reset_password(state: State<AppState>, id: i64, password: String) -> CommandResult<User> {
    state.session(Action::UserResetPassword, |door| door.reset_password(id, &password))
}

/// Deactivates (or reactivates) a user; users are never deleted.
#[tauri::command(async)]
pub fn user_set_active(state: State<AppState>, id: i64, active: bool) -> CommandResult<User> {
    state.session(Action::UserSetActive, |door| door.set_user_active(id, active))
}

#[tauri::command(async)]
pub fn security_settings_save(state: State<AppState>, settings: SecuritySettings) -> CommandResult<SecuritySettings> {
    state.act(Action::SecuritySettingsSave, |s, _| s.with_tx(|tx| tx.save_security_settings(&settings)))
}

/// One page of the audit trail, newest first.
#[tauri::command(async)]
pub fn audit_list(state: State<AppState>, filter: AuditFilter) -> CommandResult<AuditPage> {
    state.act(Action::AuditList, |s, _| s.audit_page(&filter))
}

/// The audit trail (as filtered) to a CSV or PDF file.
#[tauri::command(async)]
pub fn audit_export(
    state: State<AppState>,
    filter: AuditFilter,
    format: ExportFormat,
    out_path: String,
) -> CommandResult<ReportExport> {
    let out_path = state.output_path(&out_path);
    state.act(Action::AuditExport, |s, _| {
        claimdesk_jobs::audit::export_audit(s, &filter, format, std::path::Path::new(&out_path))
    })
}
