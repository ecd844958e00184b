import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { Patient } from "../../bindings/Patient";
import type { Payer } from "../../bindings/Payer";

vi.mock("../../ipc/commands", () => ({
  payersList: vi.fn(),
  policyMspTypes: vi.fn(),
  patientGet: vi.fn(),
  patientSave: vi.fn(),
  patientSetActive: vi.fn(),
  patientsSearch: vi.fn(),
  patientBalance: vi.fn(async () => ({ insurance_pending: "0.00", patient_due: "0.00", total: "0.00" })),
  patientLedger: vi.fn(async () => ({ entries: [], count: 0 })),
  accountBalance: vi.fn(async () => Promise.reject("not a guarantor")),
  statementsForPatient: vi.fn(async () => []),
  statementMailing: vi.fn(async () => ({ account: { kind: "patient", patient_id: 31 }, name: "Maria Garcia", address: { line1: "12 Oak St", line2: "", city: "Austin", state: "TX", zip: "78701" }, held_out: null })),
  statementReprint: vi.fn(),
  statementHold: vi.fn(),
  collectionsSend: vi.fn(),
  pdfOpen: vi.fn(),
  accountVisitBalances: vi.fn(async () => []),
  paymentPost: vi.fn(),
  creditRefund: vi.fn(),
  receiptPrint: vi.fn(),
  planBalance: vi.fn(async () => "25.00"),
  planPreview: vi.fn(),
  planCreate: vi.fn(),
  planAgreementPrint: vi.fn(),
  plansForPatient: vi.fn(async () => []),
  visitsForPatient: vi.fn(async () => ({ visits: [], count: 0 })),
}));

import { patientBalance, patientGet, patientLedger, patientSave, patientSetActive, patientsSearch, payersList, paymentPost, plansForPatient, policyMspTypes, statementMailing } from "../../ipc/commands";
import { PatientScreen, isPatientFieldShown } from "./PatientScreen";
import { clearDrafts, DraftScope } from "../../session/drafts";
import { newQueryClient } from "../../ipc/query";

const payers: Payer[] = [
  {
    id: 4,
    name: "Aetna",
    kind: "commercial",
    payer_id: "60054",
    address: { line1: "PO Box 981106", line2: "", city: "El Paso", state: "TX", zip: "79998" },
    phone: "",
    claim_filing_indicator: "CI",
    timely_filing_days: 90,
    accept_assignment: true,
    active: true,
    coba_id: "",
  },
  {
    id: 5,
    name: "Old Payer",
    kind: "other",
    payer_id: "",
    address: { line1: "", line2: "", city: "", state: "", zip: "" },
    phone: "",
    claim_filing_indicator: "11",
    timely_filing_days: 365,
    accept_assignment: true,
    active: false,
    coba_id: "",
  },
];

const medicare: Payer = { ...payers[0]!, id: 6, name: "Medicare Part B", kind: "medicare", payer_id: "04412", claim_filing_indicator: "MB" };

/** What `policy_msp_types` sends (the list lives in claimdesk_core::patients::MSP_TYPES). */
const mspTypes = [
  { code: "12", label: "Working aged: employer group health plan (patient or spouse still working)" },
  { code: "43", label: "Disabled: large group health plan" },
];

function input(container: HTMLElement, name: string): HTMLInputElement {
  const el = container.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no input named ${name}`);
  return el;
}
function type(container: HTMLElement, name: string, value: string) {
  fireEvent.change(input(container, name), { target: { value } });
}

async function renderNew() {
  const utils = render(<PatientScreen patientId={null} onClose={() => undefined} />);
  await waitFor(() => expect(payersList).toHaveBeenCalled());
  return utils;
}

describe("PatientScreen", () => {
  beforeEach(() => {
    vi.mocked(payersList).mockReset().mockResolvedValue(payers);
    vi.mocked(policyMspTypes).mockReset().mockResolvedValue(mspTypes);
    vi.mocked(patientSave).mockReset();
    vi.mocked(patientGet).mockReset();
    vi.mocked(patientSetActive).mockReset();
    vi.mocked(patientsSearch).mockReset().mockResolvedValue([]);
  });

  it("keeps what was typed through a screen lock (the form unmounts and comes back), and forgets it on close", async () => {
    clearDrafts();
    const client = newQueryClient();
    const onClose = vi.fn();
    const ui = (shown: boolean) => <DraftScope name="patients-1">{shown ? <PatientScreen patientId={null} onClose={onClose} /> : null}</DraftScope>;
    const { container, rerender } = render(ui(true), client);
    await screen.findByTestId("save-patient");
    type(container, "last_name", "Garcia");
    type(container, "home_phone", "5125550134");
    rerender(ui(false));
    expect(container.querySelector('[name="last_name"]')).toBeNull();
    rerender(ui(true));
    expect(input(container, "last_name").value).toBe("Garcia");
    expect(input(container, "home_phone").value).toBe("5125550134");
    // Back to the list: discard the changes, and the draft goes with them.
    fireEvent.click(screen.getByTestId("back-to-patients"));
    fireEvent.click(screen.getByText("Discard"));
    expect(onClose).toHaveBeenCalled();
    rerender(ui(false));
    rerender(ui(true));
    expect(input(container, "last_name").value).toBe("");
  });

  it("registers a new patient with one policy and sends the exact Patient object", async () => {
    const { container } = await renderNew();
    type(container, "last_name", "Garcia");
    type(container, "first_name", "Maria");
    type(container, "middle_name", "L");
    type(container, "birth_date", "1975-04-09");
    fireEvent.change(input(container, "sex"), { target: { value: "F" } });
    type(container, "address.line1", "12 Oak St");
    type(container, "address.city", "Austin");
    type(container, "address.state", "tx");
    type(container, "address.zip", "78701");
    type(container, "home_phone", "5125550134");
    type(container, "email", "maria@example.com");

    fireEvent.click(screen.getByTestId("add-policy"));
    // Only active payers are offered.
    const payerSelect = input(container, "policies[0].payer_id") as unknown as HTMLSelectElement;
    await waitFor(() => expect(payerSelect.querySelector('option[value="4"]')).not.toBeNull());
    expect(payerSelect.querySelector('option[value="5"]')).toBeNull();
    fireEvent.change(payerSelect, { target: { value: "4" } });
    type(container, "policies[0].member_id", "W123456789");
    type(container, "policies[0].group_number", "G-77");
    type(container, "policies[0].copay", "25.50");

    const saved: Patient = {
      ...(expectedPayload() as Patient),
      id: 31,
      account_number: "1001",
    };
    vi.mocked(patientSave).mockResolvedValue(saved);
    fireEvent.click(screen.getByTestId("save-patient"));

    await waitFor(() => expect(patientSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(patientSave).mock.calls[0]![0]).toEqual(expectedPayload());
    expect(await screen.findByTestId("account-number")).toHaveProperty("textContent", "1001");
  });

  it("shows each field error at its input and keeps what the user typed", async () => {
    const { container } = await renderNew();
    type(container, "last_name", "Nguyen");
    type(container, "address.zip", "7870");
    fireEvent.click(screen.getByTestId("add-policy"));
    type(container, "policies[0].member_id", "");
    type(container, "policies[0].copay", "12.345");

    const report: ErrorReport = {
      kind: "invalid",
      message: "The patient was not saved: 4 fields need attention.",
      fields: [
        { field: "first_name", message: "Enter the patient's first name." },
        { field: "address.zip", message: "ZIP code must be 5 or 9 digits." },
        { field: "policies[0].member_id", message: "Enter the insured's ID." },
        { field: "policies[0].copay", message: "Copay must be an amount like 25.00." },
        { field: "some.unknown_field", message: "Something else is wrong." },
      ],
    };
    vi.mocked(patientSave).mockRejectedValue(report);
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });

    expect(await screen.findByTestId("error-address.zip")).toHaveProperty("textContent", "ZIP code must be 5 or 9 digits.");
    expect(screen.getByTestId("error-first_name").textContent).toBe("Enter the patient's first name.");
    expect(screen.getByTestId("error-policies[0].member_id").textContent).toBe("Enter the insured's ID.");
    expect(screen.getByTestId("error-policies[0].copay").textContent).toBe("Copay must be an amount like 25.00.");

    // The message sits next to its own input.
    const zip = input(container, "address.zip");
    expect(zip.getAttribute("aria-invalid")).toBe("true");
    expect(zip.closest("label")?.querySelector('[data-testid="error-address.zip"]')).not.toBeNull();
    expect(input(container, "last_name").getAttribute("aria-invalid")).toBeNull();

    // User input kept.
    expect(zip.value).toBe("7870");
    expect(input(container, "last_name").value).toBe("Nguyen");
    expect(input(container, "policies[0].copay").value).toBe("12.345");

    // Banner with the message; an unknown field's message is not lost.
    const banner = screen.getByTestId("error-banner");
    expect(banner.textContent).toContain("The patient was not saved");
    expect(banner.textContent).toContain("Something else is wrong.");
    expect(banner.textContent).not.toContain("ZIP code must be");
  });

  it("shows a plain-string failure as a banner", async () => {
    await renderNew();
    vi.mocked(patientSave).mockRejectedValue({ kind: "failure", message: "The practice file is read-only.", fields: [] });
    fireEvent.click(screen.getByTestId("save-patient"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("read-only");
  });

  it("appends an eligibility verification with id null", async () => {
    const existing: Patient = {
      ...(expectedPayload() as Patient),
      id: 31,
      account_number: "1001",
      policies: [
        {
          ...expectedPayload().policies[0]!,
          id: 8,
          payer_name: "Aetna",
          eligibility: [{ id: 3, checked_on: "2026-01-05", status: "active", note: "Portal: active, $25 copay" }],
        },
      ],
    };
    vi.mocked(patientGet).mockResolvedValue(existing);
    vi.mocked(patientSave).mockImplementation(async (p) => p);
    const { container } = render(<PatientScreen patientId={31} initialTab="details" onClose={() => undefined} />);
    expect(await screen.findByText("Portal: active, $25 copay")).toBeTruthy();
    fireEvent.click(screen.getByTestId("add-verification-0"));
    type(container, "policies[0].new_check.checked_on", "2026-02-01");
    fireEvent.change(input(container, "policies[0].new_check.status"), { target: { value: "inactive" } });
    type(container, "policies[0].new_check.note", "Called payer, termed 01/31");
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    fireEvent.click(screen.getByTestId("save-patient"));
    await waitFor(() => expect(patientSave).toHaveBeenCalled());
    expect(vi.mocked(patientSave).mock.calls[0]![0].policies[0]!.eligibility).toEqual([
      { id: 3, checked_on: "2026-01-05", status: "active", note: "Portal: active, $25 copay" },
      { id: null, checked_on: "2026-02-01", status: "inactive", note: "Called payer, termed 01/31" },
    ]);
  });

  it("sends a guarantor who is another person and a subscriber who is another patient", async () => {
    vi.mocked(patientsSearch).mockResolvedValue([
      { id: 12, account_number: "1012", last_name: "Garcia", first_name: "Jose", middle_name: "", birth_date: "1973-02-01", sex: "M", phone: "", city: "", primary_payer: "", primary_member_id: "", active: true },
    ]);
    vi.mocked(patientSave).mockImplementation(async (p) => ({ ...p, id: 40, account_number: "1040" }));
    const { container } = await renderNew();
    type(container, "last_name", "Garcia");
    type(container, "first_name", "Lucia");

    fireEvent.click(container.querySelector('input[name="guarantor.kind"][value="person"]')!);
    type(container, "guarantor.person.last_name", "Garcia");
    type(container, "guarantor.person.first_name", "Ana");
    type(container, "guarantor.person.phone", "5125550199");
    const rel = input(container, "guarantor_relationship") as unknown as HTMLSelectElement;
    expect(Array.from(rel.options).map((o) => o.value)).toEqual(["spouse", "child", "other"]);
    fireEvent.change(rel, { target: { value: "child" } });

    fireEvent.click(screen.getByTestId("add-policy"));
    await waitFor(() => expect(container.querySelector('[name="policies[0].payer_id"] option[value="4"]')).not.toBeNull());
    fireEvent.change(input(container, "policies[0].payer_id"), { target: { value: "4" } });
    type(container, "policies[0].member_id", "W9");
    fireEvent.click(container.querySelector('input[name="policies[0].subscriber.kind"][value="patient"]')!);
    type(container, "policies[0].subscriber.patient_id", "jose");
    fireEvent.click(await screen.findByText("GARCIA, JOSE"));
    fireEvent.change(input(container, "policies[0].relationship"), { target: { value: "child" } });

    fireEvent.click(screen.getByTestId("save-patient"));
    await waitFor(() => expect(patientSave).toHaveBeenCalled());
    const sent = vi.mocked(patientSave).mock.calls[0]![0];
    expect(sent.guarantor).toEqual({
      kind: "person",
      person: {
        id: null,
        last_name: "Garcia",
        first_name: "Ana",
        middle_name: "",
        birth_date: null,
        sex: "U",
        address: { line1: "", line2: "", city: "", state: "", zip: "" },
        phone: "5125550199",
      },
    });
    expect(sent.guarantor_relationship).toBe("child");
    expect(sent.policies[0]!.subscriber).toEqual({ kind: "patient", patient_id: 12, name: "GARCIA, JOSE" });
    expect(sent.policies[0]!.relationship).toBe("child");
  });

  it("shows the account balance in the header and the ledger for a saved patient, not for a new one", async () => {
    vi.mocked(patientBalance).mockResolvedValueOnce({ insurance_pending: "110.00", patient_due: "25.00", total: "135.00" });
    vi.mocked(patientLedger).mockResolvedValueOnce({
      count: 1,
      entries: [
        { id: 1, entry_date: "2026-03-02", posted_at: "2026-03-02T10:00:00", posted_by: "maria", kind: "charge", bucket: "insurance", amount: "135.00", visit_id: 50, service_line_id: 70, claim_id: 9, group_code: "", reason_code: "", responsibility: "", reversal_of: null, memo: "", balance_after: "135.00", patient_due_after: "0.00" },
      ],
    });
    vi.mocked(patientGet).mockResolvedValue({ ...(expectedPayload() as Patient), id: 31, account_number: "1001" });
    render(<PatientScreen patientId={31} onClose={() => undefined} />);
    const bal = await screen.findByTestId("patient-balance");
    await waitFor(() => expect(bal.textContent).toContain("Patient owes $25.00 · Insurance pending $110.00"));
    expect(patientBalance).toHaveBeenCalledWith(31);
    expect(bal.closest("header")).not.toBeNull();
    // A saved patient opens on the account: the ledger first, not below the demographics.
    const row = await screen.findByTestId("ledger-row");
    expect(row.textContent).toContain("Charge");
    expect(row.closest("form")).toBeNull();
    expect(screen.getByTestId("patient-tab-account").getAttribute("aria-selected")).toBe("true");
    expect(document.querySelector('input[name="last_name"]')).toBeNull();
    cleanupAndRenderNew();
  });

  it("says by the guarantor when statements cannot be mailed, and saves a patient without an address", async () => {
    const blank = { line1: "", line2: "", city: "", state: "", zip: "" };
    const saved = { ...(expectedPayload() as Patient), id: 31, account_number: "1001", address: blank };
    vi.mocked(patientGet).mockResolvedValue(saved);
    vi.mocked(statementMailing).mockResolvedValueOnce({ account: { kind: "patient", patient_id: 31 }, name: "Maria Garcia", address: blank, held_out: "no_mailing_address" });
    render(<PatientScreen patientId={31} initialTab="details" onClose={() => undefined} />);
    const warning = await screen.findByTestId("statement-mailing-warning");
    expect(statementMailing).toHaveBeenCalledWith(31);
    expect(warning.textContent).toContain("Statements cannot be mailed to Maria Garcia");
    expect(warning.textContent).toContain("Add the patient's street, city, state and ZIP above.");
    expect(warning.closest("section")!.textContent).toContain("Guarantor");

    // Saving is not blocked; once the address is on file the record reads the answer again.
    vi.mocked(patientSave).mockResolvedValueOnce({ ...saved, address: { line1: "12 Oak St", line2: "", city: "Austin", state: "TX", zip: "78701" } });
    fireEvent.click(screen.getByTestId("save-patient"));
    await waitFor(() => expect(patientSave).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByTestId("statement-mailing-warning")).toBeNull());
    expect(vi.mocked(statementMailing).mock.calls.length).toBeGreaterThanOrEqual(2);
    cleanupAndRenderNew();
  });

  it("takes a payment at the desk and refreshes the balance; sets up a plan; offers a refund only for a credit", async () => {
    vi.mocked(patientBalance).mockReset().mockResolvedValue({ insurance_pending: "0.00", patient_due: "25.00", total: "25.00" });
    vi.mocked(patientGet).mockResolvedValue({ ...(expectedPayload() as Patient), id: 31, account_number: "1001" });
    vi.mocked(paymentPost).mockResolvedValue({
      payment_id: 5,
      patient_id: 31,
      posting_id: 6,
      receipt_number: "R000005",
      received_on: "2026-11-23",
      method: "cash",
      reference: "",
      amount: "25.00",
      applied: [],
      unapplied: "25.00",
      balance_after: { insurance_pending: "0.00", patient_due: "0.00", total: "0.00" },
    });
    const { container } = render(<PatientScreen patientId={31} onClose={() => undefined} />);
    await waitFor(() => expect(screen.getByTestId("patient-balance").textContent).toContain("$25.00"));
    expect(screen.queryByTestId("refund-credit")).toBeNull();
    expect(plansForPatient).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("take-payment"));
    const panel = await screen.findByTestId("take-payment-panel");
    expect(panel.closest("form")).toBeNull();
    vi.mocked(patientBalance).mockResolvedValue({ insurance_pending: "0.00", patient_due: "-5.00", total: "-5.00" });
    fireEvent.change(container.querySelector('input[name="amount"]')!, { target: { value: "25.00" } });
    fireEvent.click(screen.getByTestId("apply-copay"));
    fireEvent.click(screen.getByTestId("payment-submit"));
    expect((await screen.findByTestId("receipt-number")).textContent).toBe("R000005");
    expect(vi.mocked(paymentPost).mock.calls[0]![0]).toMatchObject({ patient_id: 31, amount: "25.00", apply: { kind: "copay", visit_id: null } });
    // The balance is read again: now a credit, so a refund is offered.
    await waitFor(() => expect(screen.getByTestId("patient-balance").textContent).toContain("Patient credit"));
    expect(screen.getByTestId("refund-credit")).toBeTruthy();

    fireEvent.click(screen.getByTestId("take-payment-close"));
    fireEvent.click(screen.getByTestId("new-plan"));
    expect(await screen.findByTestId("plan-form")).toBeTruthy();
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('input[name="financed"]')!.value).toBe("25.00"));
    // A plan saved here is shown on the statements and plans section, read afresh.
    fireEvent.click(screen.getByTestId("patient-tab-statements"));
    await waitFor(() => expect(plansForPatient).toHaveBeenCalledWith(31));
  });

  it("asks why Medicare pays second on a Medicare policy after the first, from the list the Rust side sends", async () => {
    vi.mocked(payersList).mockResolvedValue([...payers, medicare]);
    vi.mocked(patientSave).mockImplementation(async (p) => ({ ...p, id: 41, account_number: "1041" }));
    const { container } = await renderNew();
    type(container, "last_name", "Okafor");
    await waitFor(() => expect(policyMspTypes).toHaveBeenCalledTimes(1));

    // Medicare as the primary: Medicare pays first, nothing to ask.
    fireEvent.click(screen.getByTestId("add-policy"));
    await waitFor(() => expect(container.querySelector('[name="policies[0].payer_id"] option[value="6"]')).not.toBeNull());
    fireEvent.change(input(container, "policies[0].payer_id"), { target: { value: "6" } });
    expect(container.querySelector('[name="policies[0].msp_type"]')).toBeNull();

    // The employer plan first, Medicare second: the question appears on the Medicare policy.
    fireEvent.change(input(container, "policies[0].payer_id"), { target: { value: "4" } });
    fireEvent.click(screen.getByTestId("add-policy"));
    expect(container.querySelector('[name="policies[1].msp_type"]')).toBeNull();
    fireEvent.change(input(container, "policies[1].payer_id"), { target: { value: "6" } });
    const msp = input(container, "policies[1].msp_type") as unknown as HTMLSelectElement;
    expect(msp.closest("label")?.textContent).toContain("Why Medicare pays second");
    expect(Array.from(msp.options).map((o) => [o.value, o.text])).toEqual([
      ["", "— choose —"],
      ["12", "12 — Working aged: employer group health plan (patient or spouse still working)"],
      ["43", "43 — Disabled: large group health plan"],
    ]);
    fireEvent.change(msp, { target: { value: "12" } });

    // A refusal shows by the field.
    vi.mocked(patientSave).mockRejectedValueOnce({ kind: "invalid", message: "Check the insurance.", fields: [{ field: "policies[1].msp_type", message: "Not a Medicare secondary payer type." }] });
    fireEvent.click(screen.getByTestId("save-patient"));
    expect((await screen.findByTestId("error-policies[1].msp_type")).textContent).toBe("Not a Medicare secondary payer type.");
    expect(screen.getByTestId("error-banner").textContent).not.toContain("Not a Medicare secondary payer type.");

    fireEvent.click(screen.getByTestId("save-patient"));
    await waitFor(() => expect(patientSave).toHaveBeenCalledTimes(2));
    const sent = vi.mocked(patientSave).mock.calls[1]![0];
    expect(sent.policies.map((p) => [p.payer_id, p.msp_type])).toEqual([
      [4, ""],
      [6, "12"],
    ]);
  });

  it("forgets the Medicare secondary payer type when the policy's payer is no longer Medicare", async () => {
    vi.mocked(payersList).mockResolvedValue([...payers, medicare]);
    vi.mocked(patientSave).mockImplementation(async (p) => p);
    const second = { ...expectedPayload().policies[0]!, id: 9, payer_id: 6, payer_name: "Medicare Part B", member_id: "1EG4TE5MK73", msp_type: "43" };
    vi.mocked(patientGet).mockResolvedValue({ ...(expectedPayload() as Patient), id: 31, account_number: "1001", policies: [{ ...expectedPayload().policies[0]!, id: 8 }, second] });
    const { container } = render(<PatientScreen patientId={31} initialTab="details" onClose={() => undefined} />);
    await waitFor(() => expect((input(container, "policies[1].msp_type") as unknown as HTMLSelectElement).value).toBe("43"));
    fireEvent.change(input(container, "policies[1].payer_id"), { target: { value: "4" } });
    expect(container.querySelector('[name="policies[1].msp_type"]')).toBeNull();
    fireEvent.click(screen.getByTestId("save-patient"));
    await waitFor(() => expect(patientSave).toHaveBeenCalled());
    expect(vi.mocked(patientSave).mock.calls[0]![0].policies[1]!.msp_type).toBe("");
  });

  it("switches sections by tab and Alt+number, and a refused save shows its field on the record", async () => {
    vi.mocked(patientGet).mockResolvedValue({ ...(expectedPayload() as Patient), id: 31, account_number: "1001" });
    const { container } = render(<PatientScreen patientId={31} onClose={() => undefined} />);
    await screen.findByTestId("patient-ledger");
    expect(screen.queryByTestId("patient-statements")).toBeNull();
    fireEvent.keyDown(window, { key: "4", altKey: true });
    expect(await screen.findByTestId("patient-statements")).toBeTruthy();
    expect(screen.getByTestId("patient-plans")).toBeTruthy();
    expect(screen.queryByTestId("patient-ledger")).toBeNull();
    fireEvent.click(screen.getByTestId("patient-tab-visits"));
    expect(await screen.findByTestId("visits-table")).toBeTruthy();

    // Ctrl+S from another section: the problem is shown where the field is.
    vi.mocked(patientSave).mockRejectedValueOnce({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "address.zip", message: "ZIP must be 5 or 9 digits" }] });
    fireEvent.click(screen.getByTestId("save-patient"));
    expect((await screen.findByTestId("error-address.zip")).textContent).toBe("ZIP must be 5 or 9 digits");
    expect(screen.getByTestId("patient-tab-details").getAttribute("aria-selected")).toBe("true");
    expect(input(container, "last_name").value).toBe("Garcia");
  });

  it("knows which field paths it shows", () => {
    expect(isPatientFieldShown("policies[1].msp_type")).toBe(true);
    expect(isPatientFieldShown("policies[2].subscriber.person.address.zip")).toBe(true);
    expect(isPatientFieldShown("guarantor.person.last_name")).toBe(true);
    expect(isPatientFieldShown("guarantor_relationship")).toBe(true);
    expect(isPatientFieldShown("policies[0].eligibility[1].checked_on")).toBe(true);
    expect(isPatientFieldShown("balance")).toBe(false);
  });
});

function cleanupAndRenderNew() {
  cleanup();
  vi.mocked(patientBalance).mockClear();
  render(<PatientScreen patientId={null} onClose={() => undefined} />);
  expect(screen.queryByTestId("patient-balance")).toBeNull();
  expect(screen.queryByTestId("patient-ledger")).toBeNull();
  expect(patientBalance).not.toHaveBeenCalled();
}

function expectedPayload(): Patient {
  return {
    id: null,
    account_number: "",
    last_name: "Garcia",
    first_name: "Maria",
    middle_name: "L",
    suffix: "",
    birth_date: "1975-04-09",
    sex: "F",
    address: { line1: "12 Oak St", line2: "", city: "Austin", state: "TX", zip: "78701" },
    home_phone: "5125550134",
    cell_phone: "",
    email: "maria@example.com",
    guarantor: { kind: "self" },
    guarantor_relationship: "self",
    policies: [
      {
        id: null,
        payer_id: 4,
        payer_name: "Aetna",
        member_id: "W123456789",
        group_number: "G-77",
        group_name: "",
        subscriber: { kind: "self" },
        relationship: "self",
        effective_from: null,
        effective_to: null,
        copay: "25.50",
        eligibility: [],
        msp_type: "",
        limits: { visits_per_plan_year: null, plan_year_start: null, authorization_required: false, authorizations: [] },
      },
    ],
    active: true,
    inactive_reason: "",
  };
}
