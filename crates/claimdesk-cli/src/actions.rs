//! Which action (`claimdesk_core::Action`) each subcommand is, for the one door: the CLI's
//! dispatch looks the subcommand up here by its path ("patients add") before anything runs,
//! so a subcommand missing from this table cannot run (and `tests/door.rs` fails first).

use claimdesk_core::Action;
use clap::ArgMatches;

/// Every subcommand by its path, with the action it is at the door. A subcommand that can
/// either look or change (`posting-rules`, `era import --dry-run`) is named by what it may
/// change: a person allowed that may also look.
pub const SUBCOMMANDS: &[(&str, Action)] = &[
    ("demo", Action::DemoCreate),
    ("check", Action::PracticeCheck),
    ("posting-rules", Action::PostingRulesSave),
    ("patients add", Action::PatientSave),
    ("patients search", Action::PatientsSearch),
    ("patients show", Action::PatientGet),
    ("patients import", Action::PatientsImport),
    ("patients export", Action::PatientsExport),
    ("patients hold", Action::StatementHold),
    ("fees import", Action::FeesImport),
    ("fees export", Action::FeesExport),
    ("visits add", Action::VisitSave),
    ("packages sell", Action::PackageSell),
    ("packages draw", Action::PackageDraw),
    ("packages list", Action::PackagesForPatient),
    ("prompt-pay show", Action::PromptPayGet),
    ("prompt-pay set", Action::PromptPaySave),
    ("prompt-pay pay", Action::PaymentPromptPay),
    ("visits void", Action::VisitVoid),
    ("visits near-limit", Action::VisitsNearLimit),
    ("claims ack", Action::AcksImport),
    ("claims list", Action::ClaimsList),
    ("claims scrub", Action::ClaimScrub),
    ("claims print", Action::ClaimsPrint),
    ("claims calibration", Action::CalibrationPrint),
    ("claims export-837", Action::ClaimsExport837),
    ("payments post", Action::PaymentPost),
    ("era import", Action::EraPost),
    ("clearinghouse show", Action::ClearinghousesList),
    ("clearinghouse set", Action::ClearinghouseSave),
    ("statements run", Action::StatementsRun),
    ("statements reprint", Action::StatementReprint),
    ("cases add", Action::InjuryCaseSave),
    ("cases list", Action::InjuryCasesForPatient),
    ("cases show", Action::InjuryCaseSummary),
    ("cases statement", Action::AttorneyStatementPrint),
    ("cases lien", Action::LienLetterPrint),
    ("cases settle", Action::InjurySettlementPost),
    ("plans create", Action::PlanCreate),
    ("plans list", Action::PlansList),
    ("plans show", Action::PlanGet),
    ("plans end", Action::PlanEnd),
    ("plans amend", Action::PlanAmend),
    ("plans agreement", Action::PlanAgreementPrint),
    ("episodes list", Action::CareEpisodesForPatient),
    ("episodes save", Action::CareEpisodeSave),
    ("abn list", Action::AbnsForPatient),
    ("abn save", Action::AbnSave),
    ("abn print", Action::AbnPrint),
    ("collections list", Action::CollectionsWorklist),
    ("collections send", Action::CollectionsSend),
    ("collections recall", Action::CollectionsRecall),
    ("reports aging", Action::ReportRun),
    ("reports daysheet", Action::ReportRun),
    ("reports deposits", Action::ReportRun),
    ("reports denials", Action::ReportRun),
    ("reports plans", Action::ReportRun),
    ("reports productivity", Action::ReportRun),
    ("reports underpaid", Action::ReportRun),
    ("admin-create", Action::AdministratorCreate),
    ("recover", Action::SessionRecover),
    ("users list", Action::UsersList),
    ("users add", Action::UserCreate),
    ("users reset-password", Action::UserResetPassword),
    ("users deactivate", Action::UserSetActive),
    ("users activate", Action::UserSetActive),
    ("users passwd", Action::PasswordChange),
    ("audit list", Action::AuditList),
    ("audit export", Action::AuditExport),
    ("backup", Action::BackupNow),
    ("backups list", Action::BackupsList),
    ("backups verify", Action::BackupVerify),
    ("backups drill", Action::BackupDrill),
    ("backups settings", Action::BackupSettingsSave),
    ("restore", Action::BackupRestore),
];

/// The action of the subcommand at `path`, if the table has it.
pub fn action_of(path: &str) -> Option<Action> {
    SUBCOMMANDS.iter().find(|(p, _)| *p == path).map(|&(_, a)| a)
}

/// The path of the subcommand clap parsed: "patients add", "check".
pub fn subcommand_path(matches: &ArgMatches) -> String {
    let mut names = Vec::new();
    let mut m = matches;
    while let Some((name, sub)) = m.subcommand() {
        names.push(name);
        m = sub;
    }
    names.join(" ")
}
