/** Events the Rust side emits while a command runs. Each `on…` resolves to an unlisten function. */
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

export interface PrintProgress {
  done: number;
  total: number;
}

function isProgress(v: unknown): v is PrintProgress {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.done === "number" && typeof r.total === "number";
}

/** `print-progress` events, emitted by `claims_print` after each claim is laid out. */
export function onPrintProgress(cb: (p: PrintProgress) => void): Promise<UnlistenFn> {
  return listen<unknown>("print-progress", (e) => {
    if (isProgress(e.payload)) cb({ done: e.payload.done, total: e.payload.total });
  });
}

export type ExportProgress = PrintProgress;

/** `export-progress` events, emitted by `claims_export_837` after each claim is written. */
export function onExportProgress(cb: (p: ExportProgress) => void): Promise<UnlistenFn> {
  return listen<unknown>("export-progress", (e) => {
    if (isProgress(e.payload)) cb({ done: e.payload.done, total: e.payload.total });
  });
}

export type StatementProgress = PrintProgress;

/** `statement-progress` events, emitted by `statements_run` after each statement is laid out. */
export function onStatementProgress(cb: (p: StatementProgress) => void): Promise<UnlistenFn> {
  return listen<unknown>("statement-progress", (e) => {
    if (isProgress(e.payload)) cb({ done: e.payload.done, total: e.payload.total });
  });
}

export type BackupProgress = PrintProgress;

/** `backup-progress` events, emitted by `backup_now` after each step (snapshot, verify, rotate, log). */
export function onBackupProgress(cb: (p: BackupProgress) => void): Promise<UnlistenFn> {
  return listen<unknown>("backup-progress", (e) => {
    if (isProgress(e.payload)) cb({ done: e.payload.done, total: e.payload.total });
  });
}
