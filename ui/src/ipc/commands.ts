/**
 * The only module that talks to the Rust side. One typed wrapper per Tauri command.
 * Argument keys are camelCase (Tauri maps them to the Rust snake_case parameter names).
 * Every wrapper rejects with an `ErrorReport` (normalized by `toErrorReport`).
 */
import { invoke } from "@tauri-apps/api/core";
import type { Facility } from "../bindings/Facility";
import type { FeeEntry } from "../bindings/FeeEntry";
import type { FeeFilter } from "../bindings/FeeFilter";
import type { ImportReport } from "../bindings/ImportReport";
import type { Patient } from "../bindings/Patient";
import type { PatientSummary } from "../bindings/PatientSummary";
import type { Payer } from "../bindings/Payer";
import type { Practice } from "../bindings/Practice";
import type { PracticeFileInfo } from "../bindings/PracticeFileInfo";
import type { Provider } from "../bindings/Provider";
import type { RecentFile } from "../bindings/RecentFile";
import type { SearchOptions } from "../bindings/SearchOptions";
import { toErrorReport } from "./errors";

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

// ---- Fee schedule ----
export const feesList = (filter: FeeFilter) => call<FeeEntry[]>("fees_list", { filter });
export const feeSave = (entry: FeeEntry) => call<FeeEntry>("fee_save", { entry });
export const feesImport = (path: string) => call<ImportReport>("fees_import", { path });
export const feesExport = (path: string) => call<number>("fees_export", { path });
