import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LedgerEntry } from "../../bindings/LedgerEntry";

vi.mock("../../ipc/commands", () => ({
  patientBalance: vi.fn(),
  accountBalance: vi.fn(),
  patientLedger: vi.fn(),
  accountPayments: vi.fn(),
  receiptPrint: vi.fn(),
  plansForPatient: vi.fn(),
  pdfOpen: vi.fn(),
  postingReverse: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { accountBalance, accountPayments, patientBalance, patientLedger, plansForPatient, postingReverse, receiptPrint } from "../../ipc/commands";
import { SessionProvider } from "../../session/session";
import { testSession } from "../../test/session";
import { PatientBalance, PatientLedger, PatientPayments, PatientPlans } from "./PatientAccount";
import { planView } from "../plans/planFixtures";

const entry = (e: Partial<LedgerEntry>): LedgerEntry => ({
  id: 1,
  entry_date: "2026-03-02",
  posted_at: "2026-03-02T10:00:00",
  posted_by: "maria",
  kind: "charge",
  bucket: "insurance",
  amount: "0.00",
  visit_id: 50,
  service_line_id: 70,
  claim_id: 9,
  group_code: "",
  reason_code: "",
  responsibility: "",
  reversal_of: null,
  memo: "",
  balance_after: "0.00",
  patient_due_after: "0.00",
  ...e,
});

describe("patient account", () => {
  beforeEach(() => {
    vi.mocked(patientBalance).mockReset();
    vi.mocked(patientLedger).mockReset();
    vi.mocked(accountBalance).mockReset().mockRejectedValue("not a guarantor");
  });

  it("shows the three balance amounts exactly as given", async () => {
    vi.mocked(patientBalance).mockResolvedValue({ insurance_pending: "1234.50", patient_due: "45.10", total: "1279.60" });
    render(<PatientBalance patientId={7} />);
    expect(patientBalance).toHaveBeenCalledWith(7);
    expect(await screen.findByTestId("balance-patient")).toHaveProperty("textContent", "$45.10");
    const b = screen.getByTestId("patient-balance");
    expect(b.textContent).toContain("Patient owes $45.10 · Insurance pending $1,234.50");
    expect(screen.getByTestId("balance-insurance").textContent).toBe("$1,234.50");
    expect(screen.getByTestId("balance-total").textContent).toBe("$1,279.60");
  });

  it("adds the family account when the patient is guarantor for others", async () => {
    vi.mocked(patientBalance).mockResolvedValue({ insurance_pending: "0.00", patient_due: "-20.00", total: "-20.00" });
    vi.mocked(accountBalance).mockResolvedValue({ insurance_pending: "228.00", patient_due: "225.47", total: "453.47" });
    render(<PatientBalance patientId={7} />);
    expect((await screen.findByTestId("balance-account")).textContent).toBe("$225.47");
    expect(accountBalance).toHaveBeenCalledWith(7);
  });

  it("shows no family figure when the account is the patient alone", async () => {
    const own = { insurance_pending: "10.00", patient_due: "5.00", total: "15.00" };
    vi.mocked(patientBalance).mockResolvedValue(own);
    vi.mocked(accountBalance).mockResolvedValue(own);
    render(<PatientBalance patientId={7} />);
    await screen.findByTestId("balance-patient");
    expect(screen.queryByTestId("balance-account")).toBeNull();
  });

  it("shows a credit as a credit", async () => {
    vi.mocked(patientBalance).mockResolvedValue({ insurance_pending: "0.00", patient_due: "-20.00", total: "-20.00" });
    render(<PatientBalance patientId={7} />);
    expect((await screen.findByTestId("balance-patient")).textContent).toBe("-$20.00");
    expect(screen.getByTestId("patient-balance").textContent).toContain("Patient credit");
  });

  it("labels ledger kinds in biller words, newest first, with the running balance the Rust side sent", async () => {
    vi.mocked(patientLedger).mockResolvedValue({
      count: 8,
      entries: [
        entry({ id: 8, kind: "insurance_payment", amount: "80.00", reversal_of: 2, posted_by: "front.desk", memo: "Reversed: posted to the wrong claim", balance_after: "1095.00", patient_due_after: "15.00" }),
        entry({ id: 7, kind: "refund", amount: "5.00", bucket: "patient", balance_after: "1015.00", patient_due_after: "15.00" }),
        entry({ id: 6, kind: "patient_payment", amount: "-20.00", bucket: "patient", memo: "Check 1042", balance_after: "1010.00", patient_due_after: "10.00" }),
        entry({ id: 5, kind: "transfer", amount: "10.00", bucket: "patient", group_code: "PR", reason_code: "2", responsibility: "" }),
        entry({ id: 4, kind: "transfer", amount: "20.00", bucket: "patient", group_code: "PR", reason_code: "1", responsibility: "deductible" }),
        entry({ id: 3, kind: "adjustment", amount: "-35.00", group_code: "CO", reason_code: "45" }),
        entry({ id: 2, kind: "insurance_payment", amount: "-80.00" }),
        entry({ id: 1, kind: "charge", amount: "1135.00", balance_after: "1135.00" }),
      ],
    });
    render(<PatientLedger patientId={7} />);
    const rows = await screen.findAllByTestId("ledger-row");
    expect(patientLedger).toHaveBeenCalledWith(7, null, 200);
    const kinds = screen.getAllByTestId("ledger-kind").map((k) => k.textContent);
    expect(kinds).toEqual([
      "Insurance paymentreversal of #2",
      "Refund",
      "Patient payment",
      "Moved to patient (coinsurance)",
      "Moved to patient (deductible)",
      "Adjustment (CO 45)",
      "Insurance paymentreversed",
      "Charge",
    ]);
    expect(rows[7]!.textContent).toContain("03/02/2026");
    expect(rows[7]!.textContent).toContain("$1,135.00");
    expect(rows[7]!.textContent).toContain("Insurance");
    expect(rows[5]!.textContent).toContain("-$35.00");
    expect(rows[4]!.textContent).toContain("Patient");
    expect(rows[2]!.textContent).toContain("Check 1042");
    expect(screen.getByTestId("ledger-reversal").textContent).toContain("#2");
    // The running balance and what the patient owes after each entry, with separators.
    expect(screen.getAllByTestId("ledger-balance").map((b) => b.textContent).slice(0, 3)).toEqual(["$1,095.00", "$1,015.00", "$1,010.00"]);
    expect(screen.getAllByTestId("ledger-patient-due")[2]!.textContent).toBe("$10.00");
    // Who posted each entry: a reversal shows its reason and the person who made it.
    const by = screen.getAllByTestId("ledger-by").map((b) => b.textContent);
    expect(by[7]).toBe("maria");
    expect(by[0]).toBe("front.desk");
    expect(rows[0]!.textContent).toContain("posted to the wrong claim");
    expect(screen.getByTestId("ledger-count").textContent).toBe("8 entries");
    expect(screen.queryByTestId("ledger-more")).toBeNull();
  });

  it("reads the newest entries first and earlier ones on request, from the oldest shown", async () => {
    vi.mocked(patientLedger)
      .mockResolvedValueOnce({ count: 3, entries: [entry({ id: 30, memo: "newest" }), entry({ id: 20 })] })
      .mockResolvedValueOnce({ count: 1, entries: [entry({ id: 10, memo: "oldest" })] });
    render(<PatientLedger patientId={7} />);
    expect((await screen.findAllByTestId("ledger-row")).length).toBe(2);
    expect(screen.getByTestId("ledger-count").textContent).toContain("Newest 2 of 3 entries");
    fireEvent.click(screen.getByTestId("ledger-more"));
    await screen.findByText("oldest");
    expect(patientLedger).toHaveBeenLastCalledWith(7, 20, 200);
    expect(screen.getAllByTestId("ledger-row").length).toBe(3);
    expect(screen.queryByTestId("ledger-more")).toBeNull();
  });

  it("virtualizes a long ledger: only the rows in view are in the page", async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => entry({ id: 1000 - i, memo: `entry ${1000 - i}` }));
    vi.mocked(patientLedger).mockResolvedValue({ count: 1000, entries });
    // jsdom lays nothing out: the scroll area says it is 480 px high (20 rows of 24 px).
    vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(480);
    vi.spyOn(Element.prototype, "clientWidth", "get").mockReturnValue(800);
    render(<PatientLedger patientId={7} />);
    const rows = await screen.findAllByTestId("ledger-row");
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.textContent).toContain("entry 1000");
    expect(screen.getByTestId("ledger-count").textContent).toBe("1,000 entries");
  });

  it("lists the account's payments and prints a receipt again", async () => {
    vi.mocked(accountPayments).mockResolvedValue([
      { payment_id: 9, patient_id: 7, received_on: "2026-11-20", method: "check", reference: "1042", amount: "50.00", receipt_number: "R000009", reversed: true, posting_id: 90 },
      { payment_id: 8, patient_id: 7, received_on: "2026-11-02", method: "cash", reference: "", amount: "25.00", receipt_number: "R000008", reversed: false, posting_id: 80 },
    ]);
    vi.mocked(receiptPrint).mockResolvedValue({ path: "/tmp/r8.pdf", bytes: 2000, title: "Receipt R000008" });
    const { container } = render(<PatientPayments patientId={7} />);
    const rows = await screen.findAllByTestId("patient-payment");
    expect(accountPayments).toHaveBeenCalledWith(7);
    expect(rows[0]!.textContent).toContain("Check 1042reversed");
    expect(rows[1]!.textContent).toContain("R000008");
    fireEvent.click(screen.getAllByTestId("payment-receipt-reprint")[1]!);
    const path = container.querySelector<HTMLInputElement>('input[name="receipt_path"]')!;
    expect(path.value).toBe("receipt-R000008.pdf");
    fireEvent.change(path, { target: { value: "/tmp/r8.pdf" } });
    fireEvent.click(screen.getByTestId("receipt-print"));
    await screen.findByTestId("receipt-done");
    expect(receiptPrint).toHaveBeenCalledWith(8, "/tmp/r8.pdf");
  });

  it("reverses a payment with a reason, offered only to a role that may", async () => {
    const payments = [
      { payment_id: 9, patient_id: 7, received_on: "2026-11-20", method: "check" as const, reference: "1042", amount: "50.00", receipt_number: "R000009", reversed: true, posting_id: 90 },
      { payment_id: 8, patient_id: 7, received_on: "2026-11-02", method: "cash" as const, reference: "", amount: "25.00", receipt_number: "R000008", reversed: false, posting_id: 80 },
    ];
    vi.mocked(accountPayments).mockResolvedValue(payments);
    vi.mocked(postingReverse).mockResolvedValue(2);
    const api = (allowed: Parameters<typeof testSession>[1]) => ({ session: testSession({}, allowed), lock: () => {}, logOut: () => {}, changePassword: () => {} });
    const desk = render(
      <SessionProvider value={api(["patients_search", "receipt_print"])}>
        <PatientPayments patientId={7} />
      </SessionProvider>,
    );
    await screen.findAllByTestId("patient-payment");
    expect(screen.queryByTestId("payment-reverse")).toBeNull();
    desk.unmount();

    const { container } = render(
      <SessionProvider value={api(["patients_search", "receipt_print", "posting_reverse"])}>
        <PatientPayments patientId={7} />
      </SessionProvider>,
    );
    await screen.findAllByTestId("patient-payment");
    // Only the payment not reversed yet.
    expect(screen.getAllByTestId("payment-reverse").length).toBe(1);
    fireEvent.click(screen.getByTestId("payment-reverse"));
    const confirm = screen.getByTestId("payment-reverse-confirm") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(container.querySelector('[name="reverse_reason"]')!, { target: { value: "Check returned" } });
    fireEvent.click(confirm);
    await waitFor(() => expect(postingReverse).toHaveBeenCalledWith(80, "Check returned"));
  });

  it("lists the account's plans with how each stands", async () => {
    vi.mocked(plansForPatient).mockResolvedValue([planView({ version: 2 }), planView({ id: 3, status: "replaced" })]);
    render(<PatientPlans patientId={7} />);
    const rows = await screen.findAllByTestId("patient-plan");
    expect(plansForPatient).toHaveBeenCalledWith(7);
    expect(rows[0]!.textContent).toContain("PP00004 v2");
    expect(rows[0]!.textContent).toContain("$33.33 on 01/31/2027");
    expect(rows[1]!.textContent).toContain("Replaced (amended)");
  });
});
