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
    await ipc.feesList({ schedule: { kind: "payer", payer_id: 3 }, code_prefix: "989" }, { offset: 500, limit: 500 });
    await ipc.feesImport("/f.csv");
    await ipc.policyMspTypes();
    expect(invoke.mock.calls).toEqual([
      ["practice_current", undefined],
      ["practice_open", { path: "/a.claimdesk" }],
      ["practice_suggest_path", { name: "Smith Chiro" }],
      ["patients_search", { query: "smi", options: { limit: 100, include_inactive: false } }],
      ["patient_get", { id: 7 }],
      ["patient_set_active", { id: 7, active: false, reason: "moved away" }],
      ["fees_list", { filter: { schedule: { kind: "payer", payer_id: 3 }, code_prefix: "989" }, page: { offset: 500, limit: 500 } }],
      ["fees_import", { path: "/f.csv" }],
      ["policy_msp_types", undefined],
    ]);
  });

  it("wrap the charge entry, claims and printing commands with camelCase argument keys", async () => {
    await ipc.codesSearch("m99", 25);
    await ipc.codesInfo();
    await ipc.visitGet(50);
    await ipc.visitsForPatient(7, null, 50);
    await ipc.visitSummary(50);
    await ipc.visitsUnbilled({ offset: 0, limit: 500 });
    await ipc.feeLookup("98941", "", "2026-03-02");
    await ipc.feeCharge("97140", "GP", "2026-03-02", 2);
    await ipc.claimCreate(50, 1);
    await ipc.claimsList({ queue: { kind: "no_response", days: 30 }, text: "smith", payer_id: 2, from: "2026-01-01", to: null, offset: 100, limit: 100 });
    await ipc.claimGet(9);
    await ipc.claimHistory(9);
    await ipc.claimScrub(9);
    await ipc.claimAcknowledge(9, "CHIRO_AT", "lines[0].modifiers");
    await ipc.claimSetStatus(9, "denied", "CO-50");
    await ipc.claimCorrect(9, "replacement", "PAYER123");
    await ipc.claimsPrint({ claim_ids: [9], form: "red", out_path: "/c.pdf", mark_submitted: true, printer: null });
    await ipc.calibrationPrint("full", "HP", "/a.pdf");
    await ipc.printersList();
    await ipc.printerSave({ name: "HP", offset_left_pt: -3.5, offset_top_pt: 6, is_default: true });
    await ipc.payerClaimSettingsGet(4);
    await ipc.payerClaimSettingsSave(4, { continued_in_box_28: true, signature_on_file_text: "SOF", form_rules: "nucc" });
    await ipc.pdfOpen("/c.pdf");
    expect(invoke.mock.calls).toEqual([
      ["codes_search", { query: "m99", limit: 25 }],
      ["codes_info", undefined],
      ["visit_get", { id: 50 }],
      ["visits_for_patient", { patientId: 7, before: null, limit: 50 }],
      ["visit_summary", { id: 50 }],
      ["visits_unbilled", { page: { offset: 0, limit: 500 } }],
      ["fee_lookup", { code: "98941", modifier: "", date: "2026-03-02" }],
      ["fee_charge", { code: "97140", modifier: "GP", date: "2026-03-02", units: 2 }],
      ["claim_create", { visitId: 50, rank: 1 }],
      ["claims_list", { query: { queue: { kind: "no_response", days: 30 }, text: "smith", payer_id: 2, from: "2026-01-01", to: null, offset: 100, limit: 100 } }],
      ["claim_get", { id: 9 }],
      ["claim_history", { id: 9 }],
      ["claim_scrub", { id: 9 }],
      ["claim_acknowledge", { id: 9, rule: "CHIRO_AT", field: "lines[0].modifiers" }],
      ["claim_set_status", { id: 9, status: "denied", note: "CO-50" }],
      ["claim_correct", { id: 9, frequency: "replacement", originalReference: "PAYER123" }],
      ["claims_print", { request: { claim_ids: [9], form: "red", out_path: "/c.pdf", mark_submitted: true, printer: null } }],
      ["calibration_print", { form: "full", printer: "HP", outPath: "/a.pdf" }],
      ["printers_list", undefined],
      ["printer_save", { profile: { name: "HP", offset_left_pt: -3.5, offset_top_pt: 6, is_default: true } }],
      ["payer_claim_settings_get", { payerId: 4 }],
      ["payer_claim_settings_save", { payerId: 4, settings: { continued_in_box_28: true, signature_on_file_text: "SOF", form_rules: "nucc" } }],
      ["pdf_open", { path: "/c.pdf" }],
    ]);
  });

  it("wrap the 837P export, clearinghouse, 835 posting, acknowledgement and balance commands", async () => {
    const ch = {
      id: null,
      name: "Office Ally",
      submitter_name: "BACK BAY CHIRO",
      submitter_id: "OA123",
      contact_name: "Jane",
      contact_phone: "6175550100",
      receiver_name: "OFFICE ALLY",
      receiver_id: "330897513",
      sender_qualifier: "ZZ",
      sender_id: "OA123",
      receiver_qualifier: "ZZ",
      interchange_receiver_id: "330897513",
      production: false,
      is_default: true,
    };
    const eob = {
      control_number: "C000009",
      status_code: "1",
      charge: "55.00",
      paid: "45.00",
      patient_responsibility: "0.00",
      payer_claim_number: "ICN1",
      adjustments: [],
      remarks: [],
      crossover_payer: null,
      lines: [
        {
          procedure: "98941",
          modifiers: [],
          submitted_procedure: null,
          service_date: "2026-03-02",
          line_control_number: null,
          charge: "55.00",
          paid: "45.00",
          units: 1,
          allowed: null,
          adjustments: [{ group: "CO", reason: "45", amount: "10.00", quantity: null }],
          remarks: [],
        },
      ],
    };
    await ipc.claimsExport837({ claim_ids: [9, 10], clearinghouse_id: 2, out_path: "/c.837", mark_submitted: true });
    await ipc.clearinghousesList();
    await ipc.clearinghouseSave(ch);
    await ipc.eraPreview("/e.835");
    await ipc.eraPost("/e.835");
    await ipc.remittanceExceptions({ offset: 0, limit: 500 });
    await ipc.acksImport("/a.999");
    await ipc.patientBalance(7);
    await ipc.patientLedger(7, 311, 200);
    await ipc.claimMoney(9);
    await ipc.claimPostEob(eob, "2026-04-10");
    expect(invoke.mock.calls).toEqual([
      ["claims_export_837", { request: { claim_ids: [9, 10], clearinghouse_id: 2, out_path: "/c.837", mark_submitted: true } }],
      ["clearinghouses_list", undefined],
      ["clearinghouse_save", { clearinghouse: ch }],
      ["era_preview", { path: "/e.835" }],
      ["era_post", { path: "/e.835" }],
      ["remittance_exceptions", { page: { offset: 0, limit: 500 } }],
      ["acks_import", { path: "/a.999" }],
      ["patient_balance", { patientId: 7 }],
      ["patient_ledger", { patientId: 7, before: 311, limit: 200 }],
      ["claim_money", { id: 9 }],
      ["claim_post_eob", { adjudication: eob, paidDate: "2026-04-10" }],
    ]);
  });

  it("normalize a string rejection into an ErrorReport", async () => {
    invoke.mockRejectedValueOnce("no practice file is open");
    await expect(ipc.providersList()).rejects.toEqual({ kind: "failure", message: "no practice file is open", fields: [] });
  });
  it("wrap the statement and collections commands with camelCase argument keys", async () => {
    const filter = { statement_date: "2026-03-31", min_balance: "5.00", days_since_last: 28, include_holds: false, include_collections: false };
    await ipc.statementCandidates(filter, { offset: 0, limit: 500 });
    await ipc.statementsRun({ filter, out_path: "/s.pdf", payment_options: null, remit_to: null, due_in_days: null });
    await ipc.statementReprint(11, "/r.pdf");
    await ipc.statementsForPatient(7);
    await ipc.statementMailing(7);
    await ipc.statementHold(7, "");
    await ipc.collectionsSend(7, "Acme Recovery");
    expect(invoke.mock.calls).toEqual([
      ["statement_candidates", { filter, page: { offset: 0, limit: 500 } }],
      ["statements_run", { request: { filter, out_path: "/s.pdf", payment_options: null, remit_to: null, due_in_days: null } }],
      ["statement_reprint", { statementId: 11, outPath: "/r.pdf" }],
      ["statements_for_patient", { patientId: 7 }],
      ["statement_mailing", { patientId: 7 }],
      ["statement_hold", { patientId: 7, reason: "" }],
      ["collections_send", { patientId: 7, agency: "Acme Recovery" }],
    ]);
  });
});
