//! Every action a person can take on a practice, by name. The app's commands and the command
//! line's subcommands each name one of these at the one door (`claimdesk_jobs::door`), which
//! is where who-may-do-what (roles) is checked and what-was-done is recorded. A new command
//! adds its action here; the door tests fail for a command or subcommand that names none.

use serde::Serialize;
use ts_rs::TS;

/// Whether an action changes the practice file (or the user's files) or only looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionKind {
    /// Looks something up or prints/export what is already there; changes nothing in the file.
    Read,
    /// Changes the practice file.
    Write,
}

macro_rules! actions {
    ($($variant:ident => $name:literal, $kind:ident;)*) => {
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
        }
    };
}

actions! {
    // The practice file itself.
    PracticeCurrent => "practice_current", Read;
    PracticeRecent => "practice_recent", Read;
    PracticeOpen => "practice_open", Read;
    PracticeCreate => "practice_create", Write;
    PracticeSuggestPath => "practice_suggest_path", Read;
    PracticeUpdate => "practice_update", Write;
    PracticeCheck => "practice_check", Read;
    DemoCreate => "demo_create", Write;
    // Setup lists.
    ProvidersList => "providers_list", Read;
    ProviderSave => "provider_save", Write;
    FacilitiesList => "facilities_list", Read;
    FacilitySave => "facility_save", Write;
    PayersList => "payers_list", Read;
    PayerSave => "payer_save", Write;
    // Patients and their insurance.
    PatientsSearch => "patients_search", Read;
    PatientGet => "patient_get", Read;
    PatientSave => "patient_save", Write;
    PatientSetActive => "patient_set_active", Write;
    PatientsImport => "patients_import", Write;
    PatientsExport => "patients_export", Read;
    PolicyMspTypes => "policy_msp_types", Read;
    // Fee schedule and code sets.
    FeesList => "fees_list", Read;
    FeeSave => "fee_save", Write;
    FeesImport => "fees_import", Write;
    FeesExport => "fees_export", Read;
    FeeLookup => "fee_lookup", Read;
    FeeCharge => "fee_charge", Read;
    CodesSearch => "codes_search", Read;
    CodesInfo => "codes_info", Read;
    // Visits (charge entry).
    VisitGet => "visit_get", Read;
    VisitSave => "visit_save", Write;
    VisitsForPatient => "visits_for_patient", Read;
    VisitSummary => "visit_summary", Read;
    VisitsUnbilled => "visits_unbilled", Read;
    VisitLimits => "visit_limits", Read;
    // Claims.
    ClaimCreate => "claim_create", Write;
    ClaimsList => "claims_list", Read;
    ClaimGet => "claim_get", Read;
    ClaimHistory => "claim_history", Read;
    ClaimChoices => "claim_choices", Read;
    ClaimScrub => "claim_scrub", Write;
    ClaimAcknowledge => "claim_acknowledge", Write;
    ClaimSetStatus => "claim_set_status", Write;
    ClaimCorrect => "claim_correct", Write;
    PayerClaimSettingsGet => "payer_claim_settings_get", Read;
    PayerClaimSettingsSave => "payer_claim_settings_save", Write;
    // Paper claims and printers.
    ClaimsPrint => "claims_print", Write;
    CalibrationPrint => "calibration_print", Read;
    PrintersList => "printers_list", Read;
    PrinterSave => "printer_save", Write;
    PdfOpen => "pdf_open", Read;
    // Electronic claims and clearinghouses.
    ClaimsExport837 => "claims_export_837", Write;
    ClearinghousesList => "clearinghouses_list", Read;
    ClearinghouseSave => "clearinghouse_save", Write;
    // Remittances, acknowledgements, balances.
    PostingRulesGet => "posting_rules_get", Read;
    PostingRulesSave => "posting_rules_save", Write;
    EraPreview => "era_preview", Read;
    EraPost => "era_post", Write;
    RemittanceExceptions => "remittance_exceptions", Read;
    AcksImport => "acks_import", Write;
    PatientBalance => "patient_balance", Read;
    PatientLedger => "patient_ledger", Read;
    ClaimMoney => "claim_money", Read;
    ClaimPostEob => "claim_post_eob", Write;
    // The desk: payments, refunds, reversals, receipts.
    PaymentPost => "payment_post", Write;
    AccountBalance => "account_balance", Read;
    AccountPayments => "account_payments", Read;
    CreditRefund => "credit_refund", Write;
    PostingReverse => "posting_reverse", Write;
    ReceiptPrint => "receipt_print", Read;
    // Statements and collections.
    StatementCandidates => "statement_candidates", Read;
    StatementsRun => "statements_run", Write;
    StatementReprint => "statement_reprint", Read;
    StatementsForPatient => "statements_for_patient", Read;
    StatementMailing => "statement_mailing", Read;
    StatementHold => "statement_hold", Write;
    CollectionsWorklist => "collections_worklist", Read;
    CollectionsSend => "collections_send", Write;
    CollectionsRecall => "collections_recall", Write;
    // Payment plans.
    PlanPreview => "plan_preview", Read;
    PlanCreate => "plan_create", Write;
    PlansList => "plans_list", Read;
    PlanGet => "plan_get", Read;
    PlanVersions => "plan_versions", Read;
    PlansForPatient => "plans_for_patient", Read;
    AccountVisitBalances => "account_visit_balances", Read;
    PlanBalance => "plan_balance", Read;
    PlanEnd => "plan_end", Write;
    PlanAmendPreview => "plan_amend_preview", Read;
    PlanAmend => "plan_amend", Write;
    PlanAgreementPrint => "plan_agreement_print", Read;
    // Practice reports and bank deposits.
    ReportsCatalog => "reports_catalog", Read;
    ReportRun => "report_run", Read;
    ReportExport => "report_export", Read;
    DepositUndeposited => "deposit_undeposited", Read;
    DepositCreate => "deposit_create", Write;
    DepositsList => "deposits_list", Read;
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
