import type { ErrorKind } from "../bindings/ErrorKind";
import type { ErrorReport } from "../bindings/ErrorReport";
import type { FieldError } from "../bindings/FieldError";

const KINDS: readonly ErrorKind[] = ["invalid", "not_found", "conflict", "file", "failure", "not_allowed", "logged_out"];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function toFieldErrors(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  const out: FieldError[] = [];
  for (const item of v) {
    if (isRecord(item) && typeof item.field === "string" && typeof item.message === "string") {
      out.push({ field: item.field, message: item.message });
    }
  }
  return out;
}

/**
 * Turns whatever a rejected `invoke` produced into an `ErrorReport`.
 * The Rust commands reject with an `ErrorReport`; Tauri itself may reject with a plain string
 * (unknown command, bad arguments), and JS code may throw an `Error`.
 */
export function toErrorReport(err: unknown): ErrorReport {
  if (typeof err === "string") {
    return { kind: "failure", message: err || "Something went wrong.", fields: [] };
  }
  if (err instanceof Error) {
    return { kind: "failure", message: err.message || "Something went wrong.", fields: [] };
  }
  if (isRecord(err)) {
    const kind =
      typeof err.kind === "string" && (KINDS as readonly string[]).includes(err.kind)
        ? (err.kind as ErrorKind)
        : "failure";
    const fields = toFieldErrors(err.fields);
    let message = typeof err.message === "string" ? err.message : "";
    if (!message) {
      message = fields.length > 0 ? "Please correct the highlighted fields." : "Something went wrong.";
    }
    return { kind, message, fields };
  }
  return { kind: "failure", message: "Something went wrong.", fields: [] };
}

/** The message for one input, by its field path (`address.zip`, `policies[1].member_id`). */
export function fieldError(report: ErrorReport | null | undefined, field: string): string | undefined {
  if (!report) return undefined;
  const hit = report.fields.find((f) => f.field === field);
  return hit?.message;
}

/** Field errors whose path starts with `prefix` (e.g. everything under `policies[0].`). */
export function fieldErrorsUnder(report: ErrorReport | null | undefined, prefix: string): FieldError[] {
  if (!report) return [];
  return report.fields.filter((f) => f.field.startsWith(prefix));
}

/**
 * Field errors that no input on the current screen claims, so they can still be shown
 * (in the banner) instead of silently disappearing.
 */
export function unclaimedFieldErrors(report: ErrorReport | null | undefined, known: (field: string) => boolean): FieldError[] {
  if (!report) return [];
  return report.fields.filter((f) => !known(f.field));
}

type LoggedOutListener = () => void;
const loggedOutListeners = new Set<LoggedOutListener>();

/** Called by `call` when a command refused with kind `logged_out`. */
export function notifyLoggedOut(): void {
  for (const l of loggedOutListeners) l();
}

/** Listens for commands refused with `logged_out` (the session gate); returns the undo. */
export function onLoggedOut(listener: LoggedOutListener): () => void {
  loggedOutListeners.add(listener);
  return () => {
    loggedOutListeners.delete(listener);
  };
}
