/** Native file dialogs (Tauri dialog plugin). Each returns a path, or null when cancelled. */
import { open, save } from "@tauri-apps/plugin-dialog";
import { toErrorReport } from "./errors";

export const PRACTICE_FILTER = { name: "ClaimDesk practice", extensions: ["claimdesk"] };
export const CSV_FILTER = { name: "CSV file", extensions: ["csv"] };
export const PDF_FILTER = { name: "PDF document", extensions: ["pdf"] };

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
