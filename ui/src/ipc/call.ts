/**
 * The one function that talks to the Rust side. Only the generated wrappers in
 * `../bindings/commands.ts` call it (a Rust test makes sure): each command's name, argument
 * keys and types there come from the Rust command itself. Rejects with an `ErrorReport`.
 */
import { invoke } from "@tauri-apps/api/core";
import { notifyLoggedOut, toErrorReport } from "./errors";

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    const report = toErrorReport(err);
    // Not logged in, locked, or a password to change: the session gate reads the session again
    // and shows the screen that fits (login, lock, new password).
    if (report.kind === "logged_out") notifyLoggedOut();
    throw report;
  }
}
