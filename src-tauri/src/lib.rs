//! The ClaimDesk desktop shell: a Tauri window over the ClaimDesk crates.
//!
//! Everything here is an adapter. Commands (in `commands/`, one file per domain, named
//! `noun_verb`) take the open practice file from `AppState`, make one call into the store
//! and hand the result or an `ErrorReport` back to the UI. No SQL and no billing rules live
//! in this crate.

mod commands;
mod memory;
mod state;

use state::AppState;

pub fn run() {
    claimdesk_core::install_private_panic_message("ClaimDesk");
    memory::limit_heaps();
    #[cfg(target_os = "linux")]
    draw_without_compositing();
    let state = AppState::from_environment();
    tauri::Builder::default()
        // First: a second start of ClaimDesk ends here and hands its arguments to this one.
        .plugin(tauri_plugin_single_instance::init(second_start))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .setup(|app| {
            use tauri::Manager;
            // Open the practice file the user worked on last (or the demo) before the
            // window asks for anything, so the first screen is already the practice.
            app.state::<AppState>().open_initial_file();
            // Once a day while a practice is open: checked every half hour, taken when the
            // last verified backup is a day old and a backup folder is set.
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(std::time::Duration::from_secs(30 * 60));
                handle.state::<AppState>().automatic_backup(true);
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::practice::practice_current,
            commands::practice::practice_recent,
            commands::practice::practice_open,
            commands::practice::practice_create,
            commands::practice::practice_suggest_path,
            commands::practice::practice_update,
            commands::practice::demo_open,
            commands::practice::app_about,
            commands::setup::providers_list,
            commands::setup::provider_save,
            commands::setup::facilities_list,
            commands::setup::facility_save,
            commands::setup::payers_list,
            commands::setup::payer_save,
            commands::patients::patients_search,
            commands::patients::patient_get,
            commands::patients::patient_save,
            commands::patients::patient_set_active,
            commands::patients::patients_import,
            commands::patients::patients_export,
            commands::patients::policy_msp_types,
            commands::fees::fees_list,
            commands::fees::fee_save,
            commands::fees::fees_import,
            commands::fees::fees_export,
            commands::discounts::prompt_pay_get,
            commands::discounts::prompt_pay_save,
            commands::discounts::payment_prompt_pay,
            commands::discounts::packages_for_patient,
            commands::discounts::package_sell,
            commands::discounts::package_draw,
            commands::visits::visit_get,
            commands::visits::visit_save,
            commands::visits::visit_allowances,
            commands::visits::visit_void,
            commands::visits::visits_near_limit,
            commands::visits::visits_for_patient,
            commands::visits::visit_summary,
            commands::visits::visits_unbilled,
            commands::visits::fee_lookup,
            commands::visits::fee_charge,
            commands::visits::codes_search,
            commands::visits::codes_info,
            commands::visits::visit_limits,
            commands::care::care_episodes_for_patient,
            commands::care::care_episode_save,
            commands::care::care_modifiers,
            commands::care::abns_for_patient,
            commands::care::abn_save,
            commands::care::abn_print,
            commands::claims::claim_create,
            commands::claims::claims_list,
            commands::claims::claim_get,
            commands::claims::claim_history,
            commands::claims::claim_choices,
            commands::claims::claim_scrub,
            commands::claims::claim_acknowledge,
            commands::claims::claim_set_status,
            commands::claims::claim_correct,
            commands::claims::payer_claim_settings_get,
            commands::claims::payer_claim_settings_save,
            commands::printing::claims_print,
            commands::printing::calibration_print,
            commands::printing::printers_list,
            commands::printing::printer_save,
            commands::printing::pdf_open,
            commands::electronic::claims_export_837,
            commands::electronic::clearinghouses_list,
            commands::electronic::clearinghouse_save,
            commands::remittances::posting_rules_get,
            commands::remittances::posting_rules_save,
            commands::remittances::era_preview,
            commands::remittances::era_post,
            commands::remittances::remittance_exceptions,
            commands::remittances::acks_import,
            commands::remittances::patient_balance,
            commands::remittances::patient_ledger,
            commands::remittances::claim_money,
            commands::remittances::claim_post_eob,
            commands::accounts::payment_post,
            commands::accounts::account_balance,
            commands::accounts::credit_refund,
            commands::accounts::posting_reverse,
            commands::statements::statement_candidates,
            commands::statements::statements_run,
            commands::statements::statement_reprint,
            commands::statements::statements_for_patient,
            commands::statements::statement_mailing,
            commands::statements::statement_hold,
            commands::statements::collections_send,
            commands::statements::collections_recall,
            commands::accounts::receipt_print,
            commands::injury_cases::injury_case_save,
            commands::injury_cases::injury_cases_for_patient,
            commands::injury_cases::injury_case_summary,
            commands::injury_cases::attorney_statement_print,
            commands::injury_cases::lien_letter_print,
            commands::injury_cases::injury_settlement_post,
            commands::accounts::account_payments,
            commands::accounts::collections_worklist,
            commands::plans::plan_preview,
            commands::plans::plan_create,
            commands::plans::plans_list,
            commands::plans::plan_get,
            commands::plans::plan_versions,
            commands::plans::plans_for_patient,
            commands::plans::account_visit_balances,
            commands::plans::plan_balance,
            commands::plans::plan_end,
            commands::plans::plan_amend_preview,
            commands::plans::plan_amend,
            commands::plans::plan_agreement_print,
            commands::reports::reports_catalog,
            commands::reports::report_run,
            commands::reports::report_export,
            commands::reports::deposit_undeposited,
            commands::reports::deposit_create,
            commands::reports::deposits_list,
            commands::session::session_current,
            commands::session::session_log_in,
            commands::session::session_log_out,
            commands::session::session_lock,
            commands::session::session_unlock,
            commands::session::session_touch,
            commands::session::password_change,
            commands::session::roles_list,
            commands::session::demo_logins,
            commands::session::administrator_create,
            commands::session::users_list,
            commands::session::user_create,
            commands::session::user_reset_password,
            commands::session::session_recover,
            commands::session::recovery_key_pending,
            commands::session::recovery_sheet_save,
            commands::session::recovery_sheet_done,
            commands::session::user_set_active,
            commands::session::security_settings_save,
            commands::session::audit_list,
            commands::session::audit_export,
            commands::backups::backup_status,
            commands::backups::backup_now,
            commands::backups::backups_list,
            commands::backups::backup_verify,
            commands::backups::backup_restore,
            commands::backups::backup_drill,
            commands::backups::backup_settings_get,
            commands::backups::backup_settings_save,
        ])
        .build(tauri::generate_context!())
        .expect("the ClaimDesk window could not start")
        .run(|app, event| {
            // Closing the app closes the practice: its automatic backup is taken first.
            if let tauri::RunEvent::Exit = event {
                use tauri::Manager;
                app.state::<AppState>().close_practice();
            }
            // macOS hands a double-clicked practice file to the app as an event, not on its
            // command line (not built or tested here: see the README's Windows and macOS).
            #[cfg(target_os = "macos")]
            if let tauri::RunEvent::Opened { urls } = &event {
                use tauri::Emitter;
                if let Some(path) = urls.iter().find_map(|u| u.to_file_path().ok()) {
                    let _ = app.emit("practice-file-requested", path.display().to_string());
                }
            }
        });
}

/// WebKitGTK's accelerated compositing, where no GPU does the work (a virtual machine, many
/// office PCs, CI's Xvfb), redraws the window in software for every blink of the text cursor:
/// the app and its WebKit processes used 40 % of a core sitting idle on the patient search,
/// under 1 % with compositing off (measured side by side, `tests/e2e/installed`). ClaimDesk's
/// screens are forms and tables and need none of it. Set before WebKit starts; a value the
/// user set themselves wins. `CLAIMDESK_KEEP_COMPOSITING` keeps it on: the end-to-end suite
/// of the debug build does, because WebKitWebDriver's screenshots of a window drawn without
/// compositing hung there at times (the installed app's spec runs with the default).
#[cfg(target_os = "linux")]
fn draw_without_compositing() {
    let keep = std::env::var_os("CLAIMDESK_KEEP_COMPOSITING").is_some();
    if !keep && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// ClaimDesk was started again while it runs (from the menu, or by double-clicking a practice
/// file): the running window comes to the front, and a practice file named by that start is
/// handed to the window, which opens it as the practice menu would (`practice-file-requested`).
fn second_start(app: &tauri::AppHandle, args: Vec<String>, cwd: String) {
    use tauri::{Emitter, Manager};
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let cwd = std::path::PathBuf::from(cwd);
    let args = args.into_iter().skip(1).map(std::ffi::OsString::from);
    if let Some(path) = state::practice_file_argument(args, Some(&cwd)) {
        let _ = app.emit("practice-file-requested", path.display().to_string());
    }
}
