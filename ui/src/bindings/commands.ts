// Generated from the desktop shell's commands by crates/claimdesk-jobs/tests/command_bindings.rs.
// Do not edit: change the command in src-tauri/src/commands/ and run `cargo test`.
import { call } from "../ipc/call";
import type { Abn } from "./Abn";
import type { AbnView } from "./AbnView";
import type { AboutInfo } from "./AboutInfo";
import type { AccountBalance } from "./AccountBalance";
import type { AckReport } from "./AckReport";
import type { AuditFilter } from "./AuditFilter";
import type { AuditPage } from "./AuditPage";
import type { BackupCheck } from "./BackupCheck";
import type { BackupListed } from "./BackupListed";
import type { BackupReport } from "./BackupReport";
import type { BackupSettings } from "./BackupSettings";
import type { BackupStatus } from "./BackupStatus";
import type { CareEpisode } from "./CareEpisode";
import type { CareEpisodeView } from "./CareEpisodeView";
import type { CarePackage } from "./CarePackage";
import type { ClaimAdjudication } from "./ClaimAdjudication";
import type { ClaimChoices } from "./ClaimChoices";
import type { ClaimData } from "./ClaimData";
import type { ClaimMoney } from "./ClaimMoney";
import type { ClaimPage } from "./ClaimPage";
import type { ClaimQuery } from "./ClaimQuery";
import type { ClaimStatus } from "./ClaimStatus";
import type { ClaimSummary } from "./ClaimSummary";
import type { Clearinghouse } from "./Clearinghouse";
import type { CodeLabel } from "./CodeLabel";
import type { CodeSetInfo } from "./CodeSetInfo";
import type { CollectionsAccount } from "./CollectionsAccount";
import type { CollectionsFilter } from "./CollectionsFilter";
import type { DemoLogin } from "./DemoLogin";
import type { Deposit } from "./Deposit";
import type { DepositInput } from "./DepositInput";
import type { DepositPayment } from "./DepositPayment";
import type { Diagnosis } from "./Diagnosis";
import type { DrillReport } from "./DrillReport";
import type { ExportFormat } from "./ExportFormat";
import type { ExportReport } from "./ExportReport";
import type { ExportRequest } from "./ExportRequest";
import type { Facility } from "./Facility";
import type { FeeEntry } from "./FeeEntry";
import type { FeeFilter } from "./FeeFilter";
import type { FormKind } from "./FormKind";
import type { Frequency } from "./Frequency";
import type { ImportReport } from "./ImportReport";
import type { InjuryCase } from "./InjuryCase";
import type { InjuryCaseSummary } from "./InjuryCaseSummary";
import type { LedgerPage } from "./LedgerPage";
import type { ModifierSuggestion } from "./ModifierSuggestion";
import type { Money } from "./Money";
import type { NearLimit } from "./NearLimit";
import type { NewUser } from "./NewUser";
import type { PackageSale } from "./PackageSale";
import type { PackageStanding } from "./PackageStanding";
import type { Page } from "./Page";
import type { PageRequest } from "./PageRequest";
import type { Patient } from "./Patient";
import type { PatientSummary } from "./PatientSummary";
import type { Payer } from "./Payer";
import type { PayerClaimSettings } from "./PayerClaimSettings";
import type { PaymentInput } from "./PaymentInput";
import type { PaymentListed } from "./PaymentListed";
import type { PaymentMethod } from "./PaymentMethod";
import type { PaymentReceipt } from "./PaymentReceipt";
import type { PlanFilter } from "./PlanFilter";
import type { PlanInput } from "./PlanInput";
import type { PlanPreview } from "./PlanPreview";
import type { PlanStatus } from "./PlanStatus";
import type { PlanTerms } from "./PlanTerms";
import type { PlanView } from "./PlanView";
import type { PostedClaim } from "./PostedClaim";
import type { PostingException } from "./PostingException";
import type { PostingReport } from "./PostingReport";
import type { PostingRules } from "./PostingRules";
import type { Practice } from "./Practice";
import type { PracticeFileInfo } from "./PracticeFileInfo";
import type { PrintReport } from "./PrintReport";
import type { PrintRequest } from "./PrintRequest";
import type { PrintedPaper } from "./PrintedPaper";
import type { PrinterProfile } from "./PrinterProfile";
import type { PromptPayPolicy } from "./PromptPayPolicy";
import type { Provider } from "./Provider";
import type { RecentFile } from "./RecentFile";
import type { ReportExport } from "./ReportExport";
import type { ReportInfo } from "./ReportInfo";
import type { ReportPage } from "./ReportPage";
import type { ReportParams } from "./ReportParams";
import type { RestoreReport } from "./RestoreReport";
import type { RolesTable } from "./RolesTable";
import type { ScrubResult } from "./ScrubResult";
import type { SearchOptions } from "./SearchOptions";
import type { SecuritySettings } from "./SecuritySettings";
import type { SessionInfo } from "./SessionInfo";
import type { SettlementInput } from "./SettlementInput";
import type { StatementCandidate } from "./StatementCandidate";
import type { StatementFilter } from "./StatementFilter";
import type { StatementMailing } from "./StatementMailing";
import type { StatementRunReport } from "./StatementRunReport";
import type { StatementRunRequest } from "./StatementRunRequest";
import type { StatementSummary } from "./StatementSummary";
import type { StatusChange } from "./StatusChange";
import type { User } from "./User";
import type { Visit } from "./Visit";
import type { VisitAllowance } from "./VisitAllowance";
import type { VisitBalance } from "./VisitBalance";
import type { VisitInQuestion } from "./VisitInQuestion";
import type { VisitLimits } from "./VisitLimits";
import type { VisitPage } from "./VisitPage";
import type { VisitSummary } from "./VisitSummary";

/** The open practice file; none on the welcome screen (with, once, why the file the app was started on did not open). */
export const practiceCurrent = (): Promise<PracticeFileInfo | null> => call("practice_current");
export const practiceRecent = (): Promise<Array<RecentFile>> => call("practice_recent");
export const practiceOpen = (path: string): Promise<PracticeFileInfo> => call("practice_open", { path });
export const practiceCreate = (path: string, practice: Practice): Promise<PracticeFileInfo> => call("practice_create", { path, practice });
/** A file name in the data folder for a new practice, not yet taken. */
export const practiceSuggestPath = (name: string): Promise<string> => call("practice_suggest_path", { name });
export const practiceUpdate = (practice: Practice): Promise<Practice> => call("practice_update", { practice });
/** The welcome screen's "Explore the demo practice": the demo's own file in the data folder, made the first time (invented patients, the demo logins). */
export const demoOpen = (): Promise<PracticeFileInfo> => call("demo_open");
/** The About box: version, build date, data folder and the third-party notices (installed with the package as a resource beside the program). */
export const appAbout = (): Promise<AboutInfo> => call("app_about");
export const providersList = (): Promise<Array<Provider>> => call("providers_list");
export const providerSave = (provider: Provider): Promise<Provider> => call("provider_save", { provider });
export const facilitiesList = (): Promise<Array<Facility>> => call("facilities_list");
export const facilitySave = (facility: Facility): Promise<Facility> => call("facility_save", { facility });
export const payersList = (): Promise<Array<Payer>> => call("payers_list");
export const payerSave = (payer: Payer): Promise<Payer> => call("payer_save", { payer });
export const patientsSearch = (query: string, options: SearchOptions): Promise<Array<PatientSummary>> => call("patients_search", { query, options });
export const patientGet = (id: number): Promise<Patient> => call("patient_get", { id });
export const patientSave = (patient: Patient): Promise<Patient> => call("patient_save", { patient });
export const patientSetActive = (id: number, active: boolean, reason: string): Promise<Patient> => call("patient_set_active", { id, active, reason });
export const patientsImport = (path: string): Promise<ImportReport> => call("patients_import", { path });
export const patientsExport = (path: string): Promise<number> => call("patients_export", { path });
/** Why Medicare pays second on a Medicare policy that is not the primary: the Medicare Secondary Payer types (837P SBR05), in the order of `claimdesk_core::patients::MSP_TYPES`. */
export const policyMspTypes = (): Promise<Array<CodeLabel>> => call("policy_msp_types");
/** One page of the fee schedule (at most `LIST_PAGE_MAX` entries) and how many match. */
export const feesList = (filter: FeeFilter, page: PageRequest): Promise<Page<FeeEntry>> => call("fees_list", { filter, page });
export const feeSave = (entry: FeeEntry): Promise<FeeEntry> => call("fee_save", { entry });
export const feesImport = (path: string): Promise<ImportReport> => call("fees_import", { path });
export const feesExport = (path: string): Promise<number> => call("fees_export", { path });
export const promptPayGet = (): Promise<PromptPayPolicy> => call("prompt_pay_get");
export const promptPaySave = (policy: PromptPayPolicy): Promise<PromptPayPolicy> => call("prompt_pay_save", { policy });
/** What the patient owes on the visit, less the practice's prompt-pay discount, taken now. */
export const paymentPromptPay = (visitId: number, method: PaymentMethod, reference: string): Promise<PaymentReceipt> => call("payment_prompt_pay", { visitId, method, reference });
export const packagesForPatient = (patientId: number): Promise<Array<PackageStanding>> => call("packages_for_patient", { patientId });
export const packageSell = (carePackage: CarePackage, method: PaymentMethod, reference: string): Promise<PackageSale> => call("package_sell", { carePackage, method, reference });
export const packageDraw = (packageId: number, visitId: number): Promise<PackageStanding> => call("package_draw", { packageId, visitId });
export const visitGet = (id: number): Promise<Visit> => call("visit_get", { id });
export const visitSave = (visit: Visit): Promise<Visit> => call("visit_save", { visit });
/** What the visit being entered uses of the patient's visit limits and authorizations, counting it: charge entry shows these lines and warns on the flagged ones. */
export const visitAllowances = (question: VisitInQuestion): Promise<Array<VisitAllowance>> => call("visit_allowances", { question });
/** Voids a visit entered by mistake (charges reversed, unsent claims closed). */
export const visitVoid = (id: number, reason: string): Promise<null> => call("visit_void", { id, reason });
/** The worklist of patients near their visit limit or the end of an authorization, today. */
export const visitsNearLimit = (page: PageRequest): Promise<Page<NearLimit>> => call("visits_near_limit", { page });
/** A page of the patient's visits, newest first: `before` is the oldest visit already shown. */
export const visitsForPatient = (patientId: number, before: number | null, limit: number): Promise<VisitPage> => call("visits_for_patient", { patientId, before, limit });
export const visitSummary = (id: number): Promise<VisitSummary> => call("visit_summary", { id });
export const visitsUnbilled = (page: PageRequest): Promise<Page<VisitSummary>> => call("visits_unbilled", { page });
export const feeLookup = (code: string, modifier: string, date: string): Promise<FeeEntry | null> => call("fee_lookup", { code, modifier, date });
/** The default charge of a line: the standard fee in force on the date times the units. */
export const feeCharge = (code: string, modifier: string, date: string, units: number): Promise<Money | null> => call("fee_charge", { code, modifier, date, units });
export const codesSearch = (query: string, limit: number): Promise<Array<Diagnosis>> => call("codes_search", { query, limit });
export const codesInfo = (): Promise<CodeSetInfo> => call("codes_info");
/** How many diagnoses, pointers and modifiers a visit's claim holds. */
export const visitLimits = (): Promise<VisitLimits> => call("visit_limits");
/** A patient's care episodes, newest first, with the phase of care today. */
export const careEpisodesForPatient = (patientId: number): Promise<Array<CareEpisodeView>> => call("care_episodes_for_patient", { patientId });
export const careEpisodeSave = (episode: CareEpisode): Promise<CareEpisode> => call("care_episode_save", { episode });
/** The modifiers a line of a visit of this episode should carry (AT, GA/GZ, GP, GY), or nothing when the Medicare chiropractic rules do not apply. */
export const careModifiers = (episodeId: number, serviceDate: string, code: string, renderingProviderId: number): Promise<ModifierSuggestion | null> => call("care_modifiers", { episodeId, serviceDate, code, renderingProviderId });
/** A patient's ABNs, newest first, each with where it stands today ("valid until ..."). */
export const abnsForPatient = (patientId: number): Promise<Array<AbnView>> => call("abns_for_patient", { patientId });
export const abnSave = (abn: Abn): Promise<Abn> => call("abn_save", { abn });
/** Prints an ABN (CMS-R-131) to a PDF, to be signed or as a copy of the signed one. */
export const abnPrint = (id: number, outPath: string): Promise<PrintedPaper> => call("abn_print", { id, outPath });
export const claimCreate = (visitId: number, rank: number): Promise<ClaimSummary> => call("claim_create", { visitId, rank });
/** One page of the claims list (at most `CLAIM_PAGE_MAX` claims) and the matching total. */
export const claimsList = (query: ClaimQuery): Promise<ClaimPage> => call("claims_list", { query });
export const claimGet = (id: number): Promise<ClaimData> => call("claim_get", { id });
export const claimHistory = (id: number): Promise<Array<StatusChange>> => call("claim_history", { id });
/** What the screen may offer for the claim: statuses it can be set to by hand, and whether it can be corrected or voided, or take a paper EOB (the rules stay on the Rust side). */
export const claimChoices = (id: number): Promise<ClaimChoices> => call("claim_choices", { id });
export const claimScrub = (id: number): Promise<ScrubResult> => call("claim_scrub", { id });
/** Accepts a warning, then scrubs again so the claim can become ready. */
export const claimAcknowledge = (id: number, rule: string, field: string): Promise<ScrubResult> => call("claim_acknowledge", { id, rule, field });
export const claimSetStatus = (id: number, status: ClaimStatus, note: string): Promise<ClaimSummary> => call("claim_set_status", { id, status, note });
export const claimCorrect = (id: number, frequency: Frequency, originalReference: string): Promise<ClaimSummary> => call("claim_correct", { id, frequency, originalReference });
export const payerClaimSettingsGet = (payerId: number): Promise<PayerClaimSettings> => call("payer_claim_settings_get", { payerId });
export const payerClaimSettingsSave = (payerId: number, settings: PayerClaimSettings): Promise<null> => call("payer_claim_settings_save", { payerId, settings });
export const claimsPrint = (request: PrintRequest): Promise<PrintReport> => call("claims_print", { request });
export const calibrationPrint = (form: FormKind, printer: string | null, outPath: string): Promise<number> => call("calibration_print", { form, printer, outPath });
export const printersList = (): Promise<Array<PrinterProfile>> => call("printers_list");
export const printerSave = (profile: PrinterProfile): Promise<PrinterProfile> => call("printer_save", { profile });
export const pdfOpen = (path: string): Promise<null> => call("pdf_open", { path });
export const claimsExport837 = (request: ExportRequest): Promise<ExportReport> => call("claims_export_837", { request });
export const clearinghousesList = (): Promise<Array<Clearinghouse>> => call("clearinghouses_list");
export const clearinghouseSave = (clearinghouse: Clearinghouse): Promise<Clearinghouse> => call("clearinghouse_save", { clearinghouse });
/** Whether OA and PI adjustments are written off when remittances and EOBs post. */
export const postingRulesGet = (): Promise<PostingRules> => call("posting_rules_get");
export const postingRulesSave = (rules: PostingRules): Promise<PostingRules> => call("posting_rules_save", { rules });
/** What posting the 835 would do; changes nothing. */
export const eraPreview = (path: string): Promise<Array<PostingReport>> => call("era_preview", { path });
/** Posts the 835 in one transaction. */
export const eraPost = (path: string): Promise<Array<PostingReport>> => call("era_post", { path });
/** One page of the unresolved exceptions (at most `LIST_PAGE_MAX`) and how many there are. */
export const remittanceExceptions = (page: PageRequest): Promise<Page<PostingException>> => call("remittance_exceptions", { page });
/** Applies a 999 or 277CA acknowledgement file: claims accepted or rejected with reasons. */
export const acksImport = (path: string): Promise<AckReport> => call("acks_import", { path });
export const patientBalance = (patientId: number): Promise<AccountBalance> => call("patient_balance", { patientId });
/** A page of the patient's ledger, newest first, with the running balance: `before` is the oldest entry already shown. */
export const patientLedger = (patientId: number, before: number | null, limit: number): Promise<LedgerPage> => call("patient_ledger", { patientId, before, limit });
export const claimMoney = (id: number): Promise<ClaimMoney> => call("claim_money", { id });
/** Posts a paper EOB keyed by hand for one claim: the same posting engine as an 835. */
export const claimPostEob = (adjudication: ClaimAdjudication, paidDate: string): Promise<PostedClaim> => call("claim_post_eob", { adjudication, paidDate });
export const paymentPost = (payment: PaymentInput): Promise<PaymentReceipt> => call("payment_post", { payment });
export const accountBalance = (patientId: number): Promise<AccountBalance> => call("account_balance", { patientId });
export const creditRefund = (patientId: number, amount: Money, reference: string, reason: string): Promise<AccountBalance> => call("credit_refund", { patientId, amount, reference, reason });
export const postingReverse = (postingId: number, reason: string): Promise<number> => call("posting_reverse", { postingId, reason });
/** One page of who would get a statement (at most `LIST_PAGE_MAX`) and how many would. */
export const statementCandidates = (filter: StatementFilter, page: PageRequest): Promise<Page<StatementCandidate>> => call("statement_candidates", { filter, page });
export const statementsRun = (request: StatementRunRequest): Promise<StatementRunReport> => call("statements_run", { request });
export const statementReprint = (statementId: number, outPath: string): Promise<number> => call("statement_reprint", { statementId, outPath });
export const statementsForPatient = (patientId: number): Promise<Array<StatementSummary>> => call("statements_for_patient", { patientId });
/** Where the patient's statements go and whether they can be mailed (the record asks for the address when not). */
export const statementMailing = (patientId: number): Promise<StatementMailing> => call("statement_mailing", { patientId });
/** Holds statements for a patient's account (an empty reason releases the hold). */
export const statementHold = (patientId: number, reason: string): Promise<null> => call("statement_hold", { patientId, reason });
export const collectionsSend = (patientId: number, agency: string): Promise<null> => call("collections_send", { patientId, agency });
/** Takes an account back from the collection agency: statements go out again. */
export const collectionsRecall = (patientId: number): Promise<null> => call("collections_recall", { patientId });
/** Prints a payment's receipt (rebuilt from the file) to a PDF. */
export const receiptPrint = (paymentId: number, outPath: string): Promise<PrintedPaper> => call("receipt_print", { paymentId, outPath });
export const injuryCaseSave = (injuryCase: InjuryCase): Promise<InjuryCase> => call("injury_case_save", { injuryCase });
export const injuryCasesForPatient = (patientId: number): Promise<Array<InjuryCase>> => call("injury_cases_for_patient", { patientId });
export const injuryCaseSummary = (caseId: number): Promise<InjuryCaseSummary> => call("injury_case_summary", { caseId });
/** The itemized attorney statement of a case, to a PDF. */
export const attorneyStatementPrint = (caseId: number, outPath: string): Promise<PrintedPaper> => call("attorney_statement_print", { caseId, outPath });
/** The lien / letter of protection of a case, to a PDF. */
export const lienLetterPrint = (caseId: number, outPath: string): Promise<PrintedPaper> => call("lien_letter_print", { caseId, outPath });
/** Posts the attorney's settlement with the agreed reduction; the case ends at zero. */
export const injurySettlementPost = (settlement: SettlementInput): Promise<InjuryCaseSummary> => call("injury_settlement_post", { settlement });
export const accountPayments = (patientId: number): Promise<Array<PaymentListed>> => call("account_payments", { patientId });
/** One page (at most `LIST_PAGE_MAX`) of the accounts past N days without a payment (and, when asked, those sent to an agency), with how many there are. */
export const collectionsWorklist = (filter: CollectionsFilter, page: PageRequest): Promise<Page<CollectionsAccount>> => call("collections_worklist", { filter, page });
/** The schedule a new plan would have; saves nothing (refused as `plan_create` would be). */
export const planPreview = (input: PlanInput): Promise<PlanPreview> => call("plan_preview", { input });
export const planCreate = (input: PlanInput): Promise<PlanView> => call("plan_create", { input });
/** One page of the plans (at most `LIST_PAGE_MAX`) and how many match. */
export const plansList = (filter: PlanFilter, page: PageRequest): Promise<Page<PlanView>> => call("plans_list", { filter, page });
export const planGet = (id: number): Promise<PlanView> => call("plan_get", { id });
/** Every version of the plan, oldest first (the amendment history). */
export const planVersions = (id: number): Promise<Array<PlanView>> => call("plan_versions", { id });
export const plansForPatient = (patientId: number): Promise<Array<PlanView>> => call("plans_for_patient", { patientId });
/** The account's visits that still have a balance (to choose what a plan covers). */
export const accountVisitBalances = (patientId: number): Promise<Array<VisitBalance>> => call("account_visit_balances", { patientId });
/** What a plan over the account (no visits) or the chosen visits may cover. */
export const planBalance = (patientId: number, visitIds: Array<number>): Promise<Money> => call("plan_balance", { patientId, visitIds });
/** Ends a running plan: status "cancelled" or "defaulted", with the reason. */
export const planEnd = (id: number, status: PlanStatus, reason: string): Promise<PlanView> => call("plan_end", { id, status, reason });
export const planAmendPreview = (id: number, terms: PlanTerms): Promise<PlanPreview> => call("plan_amend_preview", { id, terms });
export const planAmend = (id: number, terms: PlanTerms): Promise<PlanView> => call("plan_amend", { id, terms });
export const planAgreementPrint = (id: number, outPath: string): Promise<PrintedPaper> => call("plan_agreement_print", { id, outPath });
/** The reports the screen offers: each one's title and the parameters it takes. */
export const reportsCatalog = (): Promise<Array<ReportInfo>> => call("reports_catalog");
/** Runs any report and lays it out for the screen (its tables and its chart). */
export const reportRun = (params: ReportParams): Promise<ReportPage> => call("report_run", { params });
/** Writes any report to a user-chosen file as CSV or PDF. */
export const reportExport = (params: ReportParams, format: ExportFormat, outPath: string): Promise<ReportExport> => call("report_export", { params, format, outPath });
/** One page of the payments not deposited yet (at most `LIST_PAGE_MAX`) and how many there are. */
export const depositUndeposited = (page: PageRequest): Promise<Page<DepositPayment>> => call("deposit_undeposited", { page });
export const depositCreate = (input: DepositInput): Promise<Deposit> => call("deposit_create", { input });
export const depositsList = (from: string, to: string, page: PageRequest): Promise<Page<Deposit>> => call("deposits_list", { from, to, page });
/** Who is logged in to the open file (None: no file is open). */
export const sessionCurrent = (): Promise<SessionInfo | null> => call("session_current");
export const sessionLogIn = (login: string, password: string): Promise<SessionInfo> => call("session_log_in", { login, password });
/** Ends the session: the app goes back to its login screen ("switch user"). */
export const sessionLogOut = (): Promise<SessionInfo> => call("session_log_out");
/** The screen locked (idle, or the user chose to): nothing passes until unlocked. */
export const sessionLock = (idle: boolean): Promise<SessionInfo> => call("session_lock", { idle });
export const sessionUnlock = (password: string): Promise<SessionInfo> => call("session_unlock", { password });
/** The user is at work in a form (no command goes out while they type): keeps the lock away. */
export const sessionTouch = (): Promise<null> => call("session_touch");
export const passwordChange = (current: string, password: string): Promise<SessionInfo> => call("password_change", { current, password });
/** The roles table (which role may do which part of the work). */
export const rolesList = (): Promise<RolesTable> => call("roles_list");
/** The demo practice's logins (invented, the same in every demo file), to show beside the login form when the open file is a demo (`SessionInfo::demo`). */
export const demoLogins = (): Promise<Array<DemoLogin>> => call("demo_logins");
/** The first administrator of a file that has no users yet; logs them in. */
export const administratorCreate = (user: NewUser): Promise<SessionInfo> => call("administrator_create", { user });
export const usersList = (): Promise<Array<User>> => call("users_list");
export const userCreate = (user: NewUser): Promise<User> => call("user_create", { user });
/** Sets a temporary password the user must change at their next login. */
export const userResetPassword = (id: number, password: string): Promise<User> => call("user_reset_password", { id, password });
/** Every administrator password forgotten: the recovery key opens the encrypted file and `login` (an administrator) gets a new password; logs them in. */
export const sessionRecover = (recoveryKey: string, login: string, password: string): Promise<SessionInfo> => call("session_recover", { recoveryKey, login, password });
/** The recovery key made when the file was encrypted, while it waits to be printed (shown on the recovery sheet screen; None once the administrator has put it away). */
export const recoveryKeyPending = (): Promise<string | null> => call("recovery_key_pending");
/** Writes the recovery sheet (PDF) where the administrator chose. */
export const recoverySheetSave = (path: string): Promise<null> => call("recovery_sheet_save", { path });
/** The administrator has printed the recovery sheet and put it away: the key is forgotten. */
export const recoverySheetDone = (): Promise<SessionInfo> => call("recovery_sheet_done");
/** Deactivates (or reactivates) a user; users are never deleted. */
export const userSetActive = (id: number, active: boolean): Promise<User> => call("user_set_active", { id, active });
export const securitySettingsSave = (settings: SecuritySettings): Promise<SecuritySettings> => call("security_settings_save", { settings });
/** One page of the audit trail, newest first. */
export const auditList = (filter: AuditFilter): Promise<AuditPage> => call("audit_list", { filter });
/** The audit trail (as filtered) to a CSV or PDF file. */
export const auditExport = (filter: AuditFilter, format: ExportFormat, outPath: string): Promise<ReportExport> => call("audit_export", { filter, format, outPath });
/** The home screen's line: the last verified backup and whether it is too old. */
export const backupStatus = (): Promise<BackupStatus> => call("backup_status");
/** Back up now, to the folder of the settings. */
export const backupNow = (): Promise<BackupReport> => call("backup_now");
/** The backups in `folder` (the settings' folder when None), newest first. */
export const backupsList = (folder: string | null): Promise<Array<BackupListed>> => call("backups_list", { folder });
export const backupVerify = (path: string): Promise<BackupCheck> => call("backup_verify", { path });
/** Restores a backup over the open file (verified first; the replaced file is kept aside). The session ends: the restored file's users are the backup's. */
export const backupRestore = (path: string): Promise<RestoreReport> => call("backup_restore", { path });
/** Test a restore: into a temporary folder, checked there; the open file is not touched. */
export const backupDrill = (path: string): Promise<DrillReport> => call("backup_drill", { path });
export const backupSettingsGet = (): Promise<BackupSettings> => call("backup_settings_get");
export const backupSettingsSave = (settings: BackupSettings): Promise<BackupSettings> => call("backup_settings_save", { settings });
