/** Native file dialogs (Tauri dialog plugin). Each returns a path, or null when cancelled. */
import { open, save } from "@tauri-apps/plugin-dialog";
import { toErrorReport } from "./errors";

export const PRACTICE_FILTER = { name: "ClaimDesk practice", extensions: ["claimdesk"] };
export const CSV_FILTER = { name: "CSV file", extensions: ["csv"] };
export const PDF_FILTER = { name: "PDF document", extensions: ["pdf"] };
export const X12_IN_FILTERS = [
  { name: "X12 files (835, 999, 277CA)", extensions: ["835", "999", "277", "txt", "edi", "x12"] },
  { name: "All files", extensions: ["*"] },
];
export const ERA_FILTERS = [
  { name: "835 remittance", extensions: ["835", "txt", "edi", "x12"] },
  { name: "All files", extensions: ["*"] },
];
export const X837_FILTER = { name: "837P claim file", extensions: ["837", "txt", "edi", "x12"] };

async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw toErrorReport(err);
  }
}

export async function choosePracticeToOpen(): Promise<string | null> {
  const picked = await guard(open({ multiple: false, directory: false, filters: [PRACTICE_FILTER] }));
  return typeof picked === "string" ? picked : null;
}

export async function choosePracticeSaveAs(defaultPath?: string): Promise<string | null> {
  const picked = await guard(save({ defaultPath, filters: [PRACTICE_FILTER] }));
  return picked ?? null;
}

export async function chooseCsvToImport(title: string): Promise<string | null> {
  const picked = await guard(open({ title, multiple: false, directory: false, filters: [CSV_FILTER] }));
  return typeof picked === "string" ? picked : null;
}

export async function chooseCsvExport(title: string, defaultPath: string): Promise<string | null> {
  const picked = await guard(save({ title, defaultPath, filters: [CSV_FILTER] }));
  return picked ?? null;
}

export async function choosePdfSave(title: string, defaultPath: string): Promise<string | null> {
  const picked = await guard(save({ title, defaultPath, filters: [PDF_FILTER] }));
  return picked ?? null;
}

/** An 835 remittance file to preview and post. */
export async function chooseEraFile(): Promise<string | null> {
  const picked = await guard(open({ title: "Import 835 remittance", multiple: false, directory: false, filters: ERA_FILTERS }));
  return typeof picked === "string" ? picked : null;
}

/** A 999 or 277CA acknowledgement file. */
export async function chooseAckFile(): Promise<string | null> {
  const picked = await guard(open({ title: "Import acknowledgement (999/277CA)", multiple: false, directory: false, filters: X12_IN_FILTERS }));
  return typeof picked === "string" ? picked : null;
}

export async function choose837Save(title: string, defaultPath: string): Promise<string | null> {
  const picked = await guard(save({ title, defaultPath, filters: [X837_FILTER] }));
  return picked ?? null;
}

/** A folder for backups (a USB drive, a network share). */
export async function chooseBackupFolder(defaultPath?: string): Promise<string | null> {
  const picked = await guard(open({ title: "Choose the backup folder", multiple: false, directory: true, defaultPath }));
  return typeof picked === "string" ? picked : null;
}
