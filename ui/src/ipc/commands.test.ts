import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...a: unknown[]) => invoke(...a) }));

import * as ipc from "./commands";

describe("ipc wrappers", () => {
  beforeEach(() => {
    invoke.mockReset();
    invoke.mockResolvedValue(null);
  });

  it("use the agreed command names and argument keys", async () => {
    await ipc.practiceCurrent();
    await ipc.practiceOpen("/a.claimdesk");
    await ipc.practiceSuggestPath("Smith Chiro");
    await ipc.patientsSearch("smi", { limit: 100, include_inactive: false });
    await ipc.patientGet(7);
    await ipc.patientSetActive(7, false, "moved away");
    await ipc.feesList({ schedule: { kind: "payer", payer_id: 3 }, code_prefix: "989" });
    await ipc.feesImport("/f.csv");
    expect(invoke.mock.calls).toEqual([
      ["practice_current", undefined],
      ["practice_open", { path: "/a.claimdesk" }],
      ["practice_suggest_path", { name: "Smith Chiro" }],
      ["patients_search", { query: "smi", options: { limit: 100, include_inactive: false } }],
      ["patient_get", { id: 7 }],
      ["patient_set_active", { id: 7, active: false, reason: "moved away" }],
      ["fees_list", { filter: { schedule: { kind: "payer", payer_id: 3 }, code_prefix: "989" } }],
      ["fees_import", { path: "/f.csv" }],
    ]);
  });

  it("normalize a string rejection into an ErrorReport", async () => {
    invoke.mockRejectedValueOnce("no practice file is open");
    await expect(ipc.providersList()).rejects.toEqual({ kind: "failure", message: "no practice file is open", fields: [] });
  });
});
