/**
 * The only module that talks to the Rust side. One typed wrapper per Tauri command.
 * Argument keys are camelCase (Tauri maps them to the Rust snake_case parameter names).
 * Every wrapper rejects with an `ErrorReport` (normalized by `toErrorReport`).
 */
import { invoke } from "@tauri-apps/api/core";
import type { AccountBalance } from "../bindings/AccountBalance";
import type { AckReport } from "../bindings/AckReport";
import type { ClaimAdjudication } from "../bindings/ClaimAdjudication";
import type { ClaimData } from "../bindings/ClaimData";
import type { ClaimMoney } from "../bindings/ClaimMoney";
import type { ClaimPage } from "../bindings/ClaimPage";
import type { ClaimQuery } from "../bindings/ClaimQuery";
import type { ClaimStatus } from "../bindings/ClaimStatus";
import type { ClaimSummary } from "../bindings/ClaimSummary";
import type { Clearinghouse } from "../bindings/Clearinghouse";
import type { CodeSetInfo } from "../bindings/CodeSetInfo";
import type { Diagnosis } from "../bindings/Diagnosis";
import type { Facility } from "../bindings/Facility";
import type { ExportReport } from "../bindings/ExportReport";
import type { ExportRequest } from "../bindings/ExportRequest";
import type { FeeEntry } from "../bindings/FeeEntry";
import type { FeeFilter } from "../bindings/FeeFilter";
import type { FormKind } from "../bindings/FormKind";
import type { Frequency } from "../bindings/Frequency";
import type { LedgerEntry } from "../bindings/LedgerEntry";
import type { Money } from "../bindings/Money";
import type { ImportReport } from "../bindings/ImportReport";
import type { Patient } from "../bindings/Patient";
import type { PatientSummary } from "../bindings/PatientSummary";
import type { Payer } from "../bindings/Payer";
import type { PayerClaimSettings } from "../bindings/PayerClaimSettings";
import type { Practice } from "../bindings/Practice";
import type { PostedClaim } from "../bindings/PostedClaim";
import type { PostingRules } from "../bindings/PostingRules";
import type { PostingException } from "../bindings/PostingException";
import type { PostingReport } from "../bindings/PostingReport";
import type { PracticeFileInfo } from "../bindings/PracticeFileInfo";
import type { PrinterProfile } from "../bindings/PrinterProfile";
import type { PrintReport } from "../bindings/PrintReport";
import type { PrintRequest } from "../bindings/PrintRequest";
import type { Provider } from "../bindings/Provider";
import type { RecentFile } from "../bindings/RecentFile";
import type { ScrubResult } from "../bindings/ScrubResult";
import type { SearchOptions } from "../bindings/SearchOptions";
import type { StatementCandidate } from "../bindings/StatementCandidate";
import type { StatementFilter } from "../bindings/StatementFilter";
import type { StatementMailing } from "../bindings/StatementMailing";
import type { StatementRunReport } from "../bindings/StatementRunReport";
import type { StatementRunRequest } from "../bindings/StatementRunRequest";
import type { StatementSummary } from "../bindings/StatementSummary";
import type { StatusChange } from "../bindings/StatusChange";
import type { Visit } from "../bindings/Visit";
import type { VisitSummary } from "../bindings/VisitSummary";
import { toErrorReport } from "./errors";

/**
 * One code of a fixed list with the words billers see. Sent by the shell itself
 * (`CodeLabel` in src-tauri/src/commands/mod.rs) for lists the UI shows but keeps no copy of.
 */
export interface CodeLabel {
  code: string;
  label: string;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw toErrorReport(err);
  }
}

// ---- Practice files ----
export const practiceCurrent = () => call<PracticeFileInfo | null>("practice_current");
export const practiceRecent = () => call<RecentFile[]>("practice_recent");
export const practiceOpen = (path: string) => call<PracticeFileInfo>("practice_open", { path });
export const practiceCreate = (path: string, practice: Practice) =>
  call<PracticeFileInfo>("practice_create", { path, practice });
export const practiceSuggestPath = (name: string) => call<string>("practice_suggest_path", { name });
export const practiceUpdate = (practice: Practice) => call<Practice>("practice_update", { practice });

// ---- Setup lists ----
export const providersList = () => call<Provider[]>("providers_list");
export const providerSave = (provider: Provider) => call<Provider>("provider_save", { provider });
export const facilitiesList = () => call<Facility[]>("facilities_list");
export const facilitySave = (facility: Facility) => call<Facility>("facility_save", { facility });
export const payersList = () => call<Payer[]>("payers_list");
export const payerSave = (payer: Payer) => call<Payer>("payer_save", { payer });

// ---- Patients ----
export const patientsSearch = (query: string, options: SearchOptions) =>
  call<PatientSummary[]>("patients_search", { query, options });
export const patientGet = (id: number) => call<Patient>("patient_get", { id });
export const patientSave = (patient: Patient) => call<Patient>("patient_save", { patient });
export const patientSetActive = (id: number, active: boolean, reason: string) =>
  call<Patient>("patient_set_active", { id, active, reason });
export const patientsImport = (path: string) => call<ImportReport>("patients_import", { path });
export const patientsExport = (path: string) => call<number>("patients_export", { path });
/** Why Medicare pays second (Medicare Secondary Payer types, 837P SBR05), for a Medicare policy after the first. */
export const policyMspTypes = () => call<CodeLabel[]>("policy_msp_types");

// ---- Fee schedule ----
export const feesList = (filter: FeeFilter) => call<FeeEntry[]>("fees_list", { filter });
export const feeSave = (entry: FeeEntry) => call<FeeEntry>("fee_save", { entry });
export const feesImport = (path: string) => call<ImportReport>("fees_import", { path });
export const feesExport = (path: string) => call<number>("fees_export", { path });

// ---- Code sets ----
export const codesSearch = (query: string, limit: number) => call<Diagnosis[]>("codes_search", { query, limit });
export const codesInfo = () => call<CodeSetInfo>("codes_info");

// ---- Visits (charge entry) ----
export const visitGet = (id: number) => call<Visit>("visit_get", { id });
export const visitSave = (visit: Visit) => call<Visit>("visit_save", { visit });
export const visitsForPatient = (patientId: number) => call<VisitSummary[]>("visits_for_patient", { patientId });
export const visitsUnbilled = () => call<VisitSummary[]>("visits_unbilled");
/** The standard fee in force on `date` for the code (and fee-changing modifier), or null. */
export const feeLookup = (code: string, modifier: string, date: string) =>
  call<FeeEntry | null>("fee_lookup", { code, modifier, date });
/** A line's default charge (fee × units, computed by the Rust side), or null when no fee is on file. */
export const feeCharge = (code: string, modifier: string, date: string, units: number) =>
  call<Money | null>("fee_charge", { code, modifier, date, units });

// ---- Claims ----
/** rank: 1 primary, 2 secondary. */
export const claimCreate = (visitId: number, rank: number) => call<ClaimSummary>("claim_create", { visitId, rank });
/** One page of the claims list, newest first, with how many claims match in all. */
export const claimsList = (query: ClaimQuery) => call<ClaimPage>("claims_list", { query });
export const claimGet = (id: number) => call<ClaimData>("claim_get", { id });
export const claimHistory = (id: number) => call<StatusChange[]>("claim_history", { id });
export const claimScrub = (id: number) => call<ScrubResult>("claim_scrub", { id });
export const claimAcknowledge = (id: number, rule: string, field: string) =>
  call<ScrubResult>("claim_acknowledge", { id, rule, field });
export const claimSetStatus = (id: number, status: ClaimStatus, note: string) =>
  call<ClaimSummary>("claim_set_status", { id, status, note });
export const claimCorrect = (id: number, frequency: Exclude<Frequency, "original">, originalReference: string) =>
  call<ClaimSummary>("claim_correct", { id, frequency, originalReference });

// ---- Printing ----
/** Progress arrives as `print-progress` events while this runs (see ./events). */
export const claimsPrint = (request: PrintRequest) => call<PrintReport>("claims_print", { request });
/** Writes an alignment page; resolves to the number of bytes written. */
export const calibrationPrint = (form: FormKind, printer: string | null, outPath: string) =>
  call<number>("calibration_print", { form, printer, outPath });
export const printersList = () => call<PrinterProfile[]>("printers_list");
export const printerSave = (profile: PrinterProfile) => call<PrinterProfile>("printer_save", { profile });
export const payerClaimSettingsGet = (payerId: number) =>
  call<PayerClaimSettings>("payer_claim_settings_get", { payerId });
export const payerClaimSettingsSave = (payerId: number, settings: PayerClaimSettings) =>
  call<null>("payer_claim_settings_save", { payerId, settings });
export const pdfOpen = (path: string) => call<null>("pdf_open", { path });

// ---- Electronic claims (837P) ----
/** Progress arrives as `export-progress` events while this runs (see ./events). */
export const claimsExport837 = (request: ExportRequest) => call<ExportReport>("claims_export_837", { request });
export const clearinghousesList = () => call<Clearinghouse[]>("clearinghouses_list");
export const clearinghouseSave = (clearinghouse: Clearinghouse) => call<Clearinghouse>("clearinghouse_save", { clearinghouse });

// ---- Remittances (835), acknowledgements (999/277CA), balances ----
/** What posting the 835 file would do; changes nothing. */
export const eraPreview = (path: string) => call<PostingReport[]>("era_preview", { path });
/** Posts the 835 file in one transaction; a file already posted is refused (kind "conflict"). */
export const eraPost = (path: string) => call<PostingReport[]>("era_post", { path });
/**
 * Posts a paper EOB typed by hand through the same posting engine as an 835. The Rust side
 * checks the payer's arithmetic (per line and per claim) and refuses with kind "invalid",
 * field "lines", when it does not balance or a line matches nothing. paidDate: ISO date.
 */
export const claimPostEob = (adjudication: ClaimAdjudication, paidDate: string) =>
  call<PostedClaim>("claim_post_eob", { adjudication, paidDate });
export const remittanceExceptions = () => call<PostingException[]>("remittance_exceptions");
export const acksImport = (path: string) => call<AckReport>("acks_import", { path });
export const patientBalance = (patientId: number) => call<AccountBalance>("patient_balance", { patientId });
/** The whole account's balance: this patient and everyone whose guarantor they are. */
/** OA / PI write-off choices used when remittances and EOBs post. */
export const postingRulesGet = () => call<PostingRules>("posting_rules_get");
export const postingRulesSave = (rules: PostingRules) => call<PostingRules>("posting_rules_save", { rules });
export const accountBalance = (patientId: number) => call<AccountBalance>("account_balance", { patientId });
export const patientLedger = (patientId: number) => call<LedgerEntry[]>("patient_ledger", { patientId });
export const claimMoney = (id: number) => call<ClaimMoney>("claim_money", { id });

// ---- Patient statements and collections ----
/** The accounts a statement run with this filter would include; changes nothing. */
export const statementCandidates = (filter: StatementFilter) => call<StatementCandidate[]>("statement_candidates", { filter });
/** Progress arrives as `statement-progress` events while this runs (see ./events). */
export const statementsRun = (request: StatementRunRequest) => call<StatementRunReport>("statements_run", { request });
/** Writes a recorded statement again; resolves to the number of bytes written. */
export const statementReprint = (statementId: number, outPath: string) => call<number>("statement_reprint", { statementId, outPath });
export const statementsForPatient = (patientId: number) => call<StatementSummary[]>("statements_for_patient", { patientId });
/** Where the patient's statements go and whether they can be mailed (held out without an address). */
export const statementMailing = (patientId: number) => call<StatementMailing>("statement_mailing", { patientId });
/** Holds the account's statements with a reason; an empty reason releases the hold. */
export const statementHold = (patientId: number, reason: string) => call<null>("statement_hold", { patientId, reason });
export const collectionsSend = (patientId: number, agency: string) => call<null>("collections_send", { patientId, agency });

// ---- Desk payments, receipts, payment plans and collections ----
/** Takes a payment at the desk; resolves to the receipt (number, where it went, balance after). */
export const paymentPost = (payment: import("../bindings/PaymentInput").PaymentInput) =>
  call<import("../bindings/PaymentReceipt").PaymentReceipt>("payment_post", { payment });
/** Pays back (part of) a credit balance; resolves to the account balance after. */
export const creditRefund = (patientId: number, amount: Money, reference: string, reason: string) =>
  call<AccountBalance>("credit_refund", { patientId, amount, reference, reason });
export const accountPayments = (patientId: number) =>
  call<import("../bindings/PaymentListed").PaymentListed[]>("account_payments", { patientId });
/** Prints a payment's receipt (rebuilt from the file) to a PDF. */
export const receiptPrint = (paymentId: number, outPath: string) =>
  call<import("../bindings/PrintedPaper").PrintedPaper>("receipt_print", { paymentId, outPath });
/** The schedule a new plan would have (the Rust side computes it); saves nothing. */
export const planPreview = (input: import("../bindings/PlanInput").PlanInput) =>
  call<import("../bindings/PlanPreview").PlanPreview>("plan_preview", { input });
export const planCreate = (input: import("../bindings/PlanInput").PlanInput) =>
  call<import("../bindings/PlanView").PlanView>("plan_create", { input });
export const plansList = (filter: import("../bindings/PlanFilter").PlanFilter) =>
  call<import("../bindings/PlanView").PlanView[]>("plans_list", { filter });
export const planGet = (id: number) => call<import("../bindings/PlanView").PlanView>("plan_get", { id });
/** Every version of the plan, oldest first. */
export const planVersions = (id: number) => call<import("../bindings/PlanView").PlanView[]>("plan_versions", { id });
export const plansForPatient = (patientId: number) =>
  call<import("../bindings/PlanView").PlanView[]>("plans_for_patient", { patientId });
/** The account's visits that still have a balance. */
export const accountVisitBalances = (patientId: number) =>
  call<import("../bindings/VisitBalance").VisitBalance[]>("account_visit_balances", { patientId });
/** Ends a running plan: status "cancelled" or "defaulted". */
export const planEnd = (id: number, status: "cancelled" | "defaulted", reason: string) =>
  call<import("../bindings/PlanView").PlanView>("plan_end", { id, status, reason });
export const planAmendPreview = (id: number, terms: import("../bindings/PlanTerms").PlanTerms) =>
  call<import("../bindings/PlanPreview").PlanPreview>("plan_amend_preview", { id, terms });
export const planAmend = (id: number, terms: import("../bindings/PlanTerms").PlanTerms) =>
  call<import("../bindings/PlanView").PlanView>("plan_amend", { id, terms });
export const planAgreementPrint = (id: number, outPath: string) =>
  call<import("../bindings/PrintedPaper").PrintedPaper>("plan_agreement_print", { id, outPath });
/** Accounts past N days without a payment (and those sent to an agency when asked). */
export const collectionsWorklist = (filter: import("../bindings/CollectionsFilter").CollectionsFilter) =>
  call<import("../bindings/CollectionsAccount").CollectionsAccount[]>("collections_worklist", { filter });
/** Takes an account back from the agency: statements go out again. */
export const collectionsRecall = (patientId: number) => call<null>("collections_recall", { patientId });
/** What a plan over the whole account (no visits) or the chosen visits may cover. */
export const planBalance = (patientId: number, visitIds: number[]) => call<Money>("plan_balance", { patientId, visitIds });

// ---- Practice reports and bank deposits ----
/** AR aging as of a day (null: today), by payer (insurance) or by guarantor (patients). */
export const reportAging = (asOf: string | null, by: import("../bindings/AgingBy").AgingBy) =>
  call<import("../bindings/Report").Report>("report_aging", { asOf, by });
/** Charges, payments, adjustments and refunds per day, by user and by payment method. */
export const reportDaySheet = (from: string | null, to: string | null) =>
  call<import("../bindings/Report").Report>("report_day_sheet", { from, to });
/** Deposits against their payments, and what is not deposited yet. */
export const reportDeposits = (from: string | null, to: string | null) =>
  call<import("../bindings/Report").Report>("report_deposits", { from, to });
export const reportDenials = (from: string | null, to: string | null) =>
  call<import("../bindings/Report").Report>("report_denials", { from, to });
export const reportPlans = () => call<import("../bindings/Report").Report>("report_plans", {});
export const reportProductivity = (from: string | null, to: string | null) =>
  call<import("../bindings/Report").Report>("report_productivity", { from, to });
export const reportUnderpaid = (from: string | null, to: string | null) =>
  call<import("../bindings/Report").Report>("report_underpaid", { from, to });
/** Writes any report to a file as CSV or PDF. */
export const reportExport = (
  params: import("../bindings/ReportParams").ReportParams,
  format: import("../bindings/ExportFormat").ExportFormat,
  outPath: string,
) => call<import("../bindings/ReportExport").ReportExport>("report_export", { params, format, outPath });
/** Patient payments and insurance payments not in a deposit yet, oldest first. */
export const depositUndeposited = () => call<import("../bindings/DepositPayment").DepositPayment[]>("deposit_undeposited", {});
export const depositCreate = (input: import("../bindings/DepositInput").DepositInput) =>
  call<import("../bindings/Deposit").Deposit>("deposit_create", { input });
export const depositsList = (from: string, to: string) => call<import("../bindings/Deposit").Deposit[]>("deposits_list", { from, to });
