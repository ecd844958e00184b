import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...a: unknown[]) => invoke(...a) }));

import * as ipc from "../../ipc/commands";

const terms = { financed: "100.00", down_payment: "0.00", installments: 3, installment_amount: null, frequency: "monthly" as const, first_due: "2027-01-31" };

describe("desk, plan and collections wrappers", () => {
  beforeEach(() => {
    invoke.mockReset();
    invoke.mockResolvedValue(null);
  });

  it("use the Rust command names and camelCase argument keys", async () => {
    const input = { patient_id: 7, terms, grace_days: 10, visit_ids: [] };
    const payment = { patient_id: 7, received_on: null, method: "cash" as const, reference: "", amount: "5.00", apply: { kind: "oldest_first" as const } };
    await ipc.paymentPost(payment);
    await ipc.creditRefund(7, "5.00", "chk 1", "overpaid");
    await ipc.accountPayments(7);
    await ipc.receiptPrint(31, "/r.pdf");
    await ipc.planPreview(input);
    await ipc.planCreate(input);
    await ipc.plansList("active", { offset: 0, limit: 500 });
    await ipc.planGet(4);
    await ipc.planVersions(4);
    await ipc.plansForPatient(7);
    await ipc.accountVisitBalances(7);
    await ipc.planBalance(7, [50]);
    await ipc.planEnd(4, "cancelled", "moved");
    await ipc.planAmendPreview(4, terms);
    await ipc.planAmend(4, terms);
    await ipc.planAgreementPrint(4, "/a.pdf");
    await ipc.collectionsWorklist({ days_without_payment: 90, min_balance: "25.00", include_sent: false }, { offset: 0, limit: 500 });
    await ipc.collectionsRecall(7);
    expect(invoke.mock.calls).toEqual([
      ["payment_post", { payment }],
      ["credit_refund", { patientId: 7, amount: "5.00", reference: "chk 1", reason: "overpaid" }],
      ["account_payments", { patientId: 7 }],
      ["receipt_print", { paymentId: 31, outPath: "/r.pdf" }],
      ["plan_preview", { input }],
      ["plan_create", { input }],
      ["plans_list", { filter: "active", page: { offset: 0, limit: 500 } }],
      ["plan_get", { id: 4 }],
      ["plan_versions", { id: 4 }],
      ["plans_for_patient", { patientId: 7 }],
      ["account_visit_balances", { patientId: 7 }],
      ["plan_balance", { patientId: 7, visitIds: [50] }],
      ["plan_end", { id: 4, status: "cancelled", reason: "moved" }],
      ["plan_amend_preview", { id: 4, terms }],
      ["plan_amend", { id: 4, terms }],
      ["plan_agreement_print", { id: 4, outPath: "/a.pdf" }],
      ["collections_worklist", { filter: { days_without_payment: 90, min_balance: "25.00", include_sent: false }, page: { offset: 0, limit: 500 } }],
      ["collections_recall", { patientId: 7 }],
    ]);
  });
});
