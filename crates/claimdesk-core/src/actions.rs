//! Every action a person can take on a practice, by name. The app's commands and the command
//! line's subcommands each name one of these at the one door (`claimdesk_jobs::door`), which
//! is where who-may-do-what (roles) is checked and what-was-done is recorded. A new command
//! adds its action here; the door tests fail for a command or subcommand that names none.

use crate::roles::Area;
use serde::Serialize;
use ts_rs::TS;

/// Whether an action changes the practice file, only looks, or shows patient data in a way
/// the audit trail records (a patient's record opened, printed or exported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionKind {
    /// Looks something up; changes nothing in the file and is not recorded.
    Read,
    /// Opens, prints or exports patient data: changes nothing, but the audit trail records it
    /// (HIPAA 164.312(b): activity in systems that hold health information).
    Disclose,
    /// Changes the practice file (recorded, with the fields before and after).
    Write,
}

macro_rules! actions {
    ($($variant:ident => $name:literal, $kind:ident, $area:ident;)*) => {
        /// One thing a person can do in ClaimDesk (see the module comment).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum Action { $($variant,)* }

        impl Action {
            /// Every action, in the order of this file.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The action's name: the desktop command's name where the app has one.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            pub fn kind(self) -> ActionKind {
                match self { $(Action::$variant => ActionKind::$kind,)* }
            }

            /// The part of the work it belongs to: what roles grant (`crate::roles`).
            pub fn area(self) -> Area {
                match self { $(Action::$variant => Area::$area,)* }
            }
        }
    };
}

actions! {
    // The practice file itself.
    PracticeCurrent => "practice_current", Read, PracticeFile;
    PracticeRecent => "practice_recent", Read, PracticeFile;
    PracticeOpen => "practice_open", Read, PracticeFile;
    PracticeCreate => "practice_create", Write, PracticeFile;
    PracticeSuggestPath => "practice_suggest_path", Read, PracticeFile;
    PracticeUpdate => "practice_update", Write, PracticeSetup;
    PracticeCheck => "practice_check", Read, LookUp;
    DemoCreate => "demo_create", Write, PracticeFile;
    // The welcome screen's "Explore the demo practice": the demo in its own file, made once.
    DemoOpen => "demo_open", Write, PracticeFile;
    // The About box and the user guide: the version, the data folder, the notices.
    AppAbout => "app_about", Read, PracticeFile;
    // Setup lists.
    ProvidersList => "providers_list", Read, LookUp;
    ProviderSave => "provider_save", Write, PracticeSetup;
    FacilitiesList => "facilities_list", Read, LookUp;
    FacilitySave => "facility_save", Write, PracticeSetup;
    PayersList => "payers_list", Read, LookUp;
    PayerSave => "payer_save", Write, Payers;
    // Patients and their insurance.
    PatientsSearch => "patients_search", Read, LookUp;
    PatientGet => "patient_get", Disclose, LookUp;
    PatientSave => "patient_save", Write, Patients;
    PatientSetActive => "patient_set_active", Write, Patients;
    PatientsImport => "patients_import", Write, AllPatients;
    PatientsExport => "patients_export", Disclose, AllPatients;
    PolicyMspTypes => "policy_msp_types", Read, LookUp;
    // Injury cases (auto, workers' compensation, attorney) and their papers.
    InjuryCaseSave => "injury_case_save", Write, Patients;
    InjuryCasesForPatient => "injury_cases_for_patient", Read, LookUp;
    InjuryCaseSummary => "injury_case_summary", Read, LookUp;
    AttorneyStatementPrint => "attorney_statement_print", Disclose, PatientStatement;
    LienLetterPrint => "lien_letter_print", Disclose, PatientStatement;
    InjurySettlementPost => "injury_settlement_post", Write, Adjustments;
    // Fee schedule and code sets.
    FeesList => "fees_list", Read, LookUp;
    FeeSave => "fee_save", Write, FeeSchedules;
    FeesImport => "fees_import", Write, FeeSchedules;
    FeesExport => "fees_export", Read, FeeSchedules;
    FeeLookup => "fee_lookup", Read, LookUp;
    FeeCharge => "fee_charge", Read, LookUp;
    CodesSearch => "codes_search", Read, LookUp;
    CodesInfo => "codes_info", Read, LookUp;
    // Visits (charge entry).
    VisitGet => "visit_get", Read, LookUp;
    VisitSave => "visit_save", Write, Visits;
    VisitsForPatient => "visits_for_patient", Read, LookUp;
    VisitSummary => "visit_summary", Read, LookUp;
    VisitsUnbilled => "visits_unbilled", Read, LookUp;
    VisitLimits => "visit_limits", Read, LookUp;
    VisitAllowances => "visit_allowances", Read, LookUp;
    VisitVoid => "visit_void", Write, Visits;
    VisitsNearLimit => "visits_near_limit", Read, LookUp;
    // Medicare chiropractic care: episodes (active/maintenance), ABNs (CMS-R-131), modifiers.
    CareEpisodesForPatient => "care_episodes_for_patient", Read, LookUp;
    CareEpisodeSave => "care_episode_save", Write, Visits;
    CareModifiers => "care_modifiers", Read, LookUp;
    AbnsForPatient => "abns_for_patient", Read, LookUp;
    AbnSave => "abn_save", Write, Visits;
    AbnPrint => "abn_print", Disclose, Visits;
    // Claims.
    ClaimCreate => "claim_create", Write, Claims;
    ClaimsList => "claims_list", Read, LookUp;
    ClaimGet => "claim_get", Read, LookUp;
    ClaimHistory => "claim_history", Read, LookUp;
    ClaimChoices => "claim_choices", Read, LookUp;
    ClaimScrub => "claim_scrub", Write, Claims;
    ClaimAcknowledge => "claim_acknowledge", Write, Claims;
    ClaimSetStatus => "claim_set_status", Write, Claims;
    ClaimCorrect => "claim_correct", Write, Claims;
    PayerClaimSettingsGet => "payer_claim_settings_get", Read, LookUp;
    PayerClaimSettingsSave => "payer_claim_settings_save", Write, Payers;
    // Paper claims and printers.
    ClaimsPrint => "claims_print", Write, Claims;
    CalibrationPrint => "calibration_print", Read, Claims;
    PrintersList => "printers_list", Read, LookUp;
    PrinterSave => "printer_save", Write, PracticeSetup;
    PdfOpen => "pdf_open", Read, LookUp;
    // Electronic claims and clearinghouses.
    ClaimsExport837 => "claims_export_837", Write, Claims;
    ClearinghousesList => "clearinghouses_list", Read, LookUp;
    ClearinghouseSave => "clearinghouse_save", Write, PracticeSetup;
    // Remittances, acknowledgements, balances.
    PostingRulesGet => "posting_rules_get", Read, LookUp;
    PostingRulesSave => "posting_rules_save", Write, PracticeSetup;
    EraPreview => "era_preview", Read, Remittances;
    EraPost => "era_post", Write, Remittances;
    RemittanceExceptions => "remittance_exceptions", Read, Remittances;
    AcksImport => "acks_import", Write, Claims;
    PatientBalance => "patient_balance", Read, LookUp;
    PatientLedger => "patient_ledger", Read, LookUp;
    ClaimMoney => "claim_money", Read, LookUp;
    ClaimPostEob => "claim_post_eob", Write, Remittances;
    // The desk: payments, refunds, reversals, receipts.
    PaymentPost => "payment_post", Write, DeskPayments;
    // Prompt-pay discounts and prepaid care packages.
    PromptPayGet => "prompt_pay_get", Read, LookUp;
    PromptPaySave => "prompt_pay_save", Write, PracticeSetup;
    PaymentPromptPay => "payment_prompt_pay", Write, DeskPayments;
    PackagesForPatient => "packages_for_patient", Read, LookUp;
    PackageSell => "package_sell", Write, DeskPayments;
    PackageDraw => "package_draw", Write, DeskPayments;
    AccountBalance => "account_balance", Read, LookUp;
    AccountPayments => "account_payments", Read, LookUp;
    CreditRefund => "credit_refund", Write, Adjustments;
    PostingReverse => "posting_reverse", Write, Adjustments;
    ReceiptPrint => "receipt_print", Disclose, DeskPayments;
    // Statements and collections.
    StatementCandidates => "statement_candidates", Read, Statements;
    StatementsRun => "statements_run", Write, Statements;
    StatementReprint => "statement_reprint", Disclose, PatientStatement;
    StatementsForPatient => "statements_for_patient", Read, LookUp;
    StatementMailing => "statement_mailing", Disclose, Statements;
    StatementHold => "statement_hold", Write, Statements;
    CollectionsWorklist => "collections_worklist", Read, Collections;
    CollectionsSend => "collections_send", Write, Collections;
    CollectionsRecall => "collections_recall", Write, Collections;
    // Payment plans.
    PlanPreview => "plan_preview", Read, Plans;
    PlanCreate => "plan_create", Write, Plans;
    PlansList => "plans_list", Read, LookUp;
    PlanGet => "plan_get", Read, LookUp;
    PlanVersions => "plan_versions", Read, LookUp;
    PlansForPatient => "plans_for_patient", Read, LookUp;
    AccountVisitBalances => "account_visit_balances", Read, LookUp;
    PlanBalance => "plan_balance", Read, LookUp;
    PlanEnd => "plan_end", Write, Plans;
    PlanAmendPreview => "plan_amend_preview", Read, Plans;
    PlanAmend => "plan_amend", Write, Plans;
    PlanAgreementPrint => "plan_agreement_print", Disclose, Plans;
    // Practice reports and bank deposits.
    ReportsCatalog => "reports_catalog", Read, Reports;
    ReportRun => "report_run", Read, Reports;
    ReportExport => "report_export", Disclose, Reports;
    DepositUndeposited => "deposit_undeposited", Read, Deposits;
    DepositCreate => "deposit_create", Write, Deposits;
    DepositsList => "deposits_list", Read, Reports;
    // Logging in and out, locking; a person's own password.
    SessionCurrent => "session_current", Read, Session;
    SessionLogIn => "session_log_in", Write, Session;
    SessionLogOut => "session_log_out", Write, Session;
    SessionLock => "session_lock", Write, Session;
    SessionUnlock => "session_unlock", Write, Session;
    SessionTouch => "session_touch", Read, Session;
    PasswordChange => "password_change", Write, Session;
    RolesList => "roles_list", Read, Session;
    DemoLogins => "demo_logins", Read, PracticeFile;
    AdministratorCreate => "administrator_create", Write, FirstRun;
    // Every administrator password forgotten: the recovery key opens the file.
    SessionRecover => "session_recover", Write, Session;
    // Users and the audit trail.
    UsersList => "users_list", Read, Users;
    UserCreate => "user_create", Write, Users;
    UserResetPassword => "user_reset_password", Write, Users;
    UserSetActive => "user_set_active", Write, Users;
    SecuritySettingsSave => "security_settings_save", Write, Users;
    RecoverySheetSave => "recovery_sheet_save", Disclose, Users;
    AuditList => "audit_list", Read, Audit;
    AuditExport => "audit_export", Disclose, Audit;
    // Backups and restore.
    BackupStatus => "backup_status", Read, Session;
    BackupNow => "backup_now", Write, Backups;
    BackupsList => "backups_list", Read, Backups;
    BackupVerify => "backup_verify", Read, Backups;
    BackupRestore => "backup_restore", Write, Backups;
    BackupDrill => "backup_drill", Read, Backups;
    BackupSettingsGet => "backup_settings_get", Read, Backups;
    BackupSettingsSave => "backup_settings_save", Write, Backups;
}

impl Action {
    /// The action of this name, if there is one.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_action_has_its_own_name_and_is_found_by_it() {
        let names: HashSet<_> = Action::ALL.iter().map(|a| a.name()).collect();
        assert_eq!(names.len(), Action::ALL.len(), "two actions share a name");
        for &a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        assert_eq!(Action::from_name("no_such_action"), None);
    }

    #[test]
    fn looking_things_up_changes_nothing_and_posting_does() {
        assert_eq!(Action::PatientsSearch.kind(), ActionKind::Read);
        assert_eq!(Action::PaymentPost.kind(), ActionKind::Write);
        assert_eq!(Action::PostingReverse.kind(), ActionKind::Write);
    }
}
