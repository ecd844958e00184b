/**
 * The Rust side's commands, for the screens: one typed wrapper per Tauri command, generated
 * from the command itself (`../bindings/commands.ts`), so a call whose name, arguments or
 * result do not match the Rust command does not compile. Argument keys are camelCase (Tauri
 * maps them to the Rust parameter names). Every wrapper rejects with an `ErrorReport`.
 */
export * from "../bindings/commands";
export type { CodeLabel } from "../bindings/CodeLabel";
