import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PaymentReceipt } from "../../bindings/PaymentReceipt";
import type { VisitBalance } from "../../bindings/VisitBalance";

vi.mock("../../ipc/commands", () => ({
  accountVisitBalances: vi.fn(),
  paymentPost: vi.fn(),
  creditRefund: vi.fn(),
  receiptPrint: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { accountVisitBalances, creditRefund, paymentPost, pdfOpen, receiptPrint } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { todayIso } from "../../lib/format";
import { RefundCredit, TakePayment } from "./TakePayment";

const visits: VisitBalance[] = [
  { visit_id: 50, patient_id: 7, patient_name: "Jane Doe", service_date: "2026-09-02", patient_due: "40.00", insurance_pending: "0.00" },
  { visit_id: 51, patient_id: 8, patient_name: "Tim Doe", service_date: "2026-10-12", patient_due: "25.50", insurance_pending: "80.00" },
];

const receipt: PaymentReceipt = {
  payment_id: 31,
  patient_id: 7,
  posting_id: 90,
  receipt_number: "R000031",
  received_on: "2026-11-20",
  method: "check",
  reference: "1042",
  amount: "50.00",
  applied: [{ patient_id: 7, visit_id: 50, service_line_id: 700, service_date: "2026-09-02", code: "99213", amount: "40.00" }],
  unapplied: "10.00",
  balance_after: { insurance_pending: "80.00", patient_due: "15.50", total: "95.50" },
};

const input = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe("TakePayment", () => {
  beforeEach(() => {
    vi.mocked(accountVisitBalances).mockReset().mockResolvedValue(visits);
    vi.mocked(paymentPost).mockReset();
    vi.mocked(receiptPrint).mockReset();
    vi.mocked(pdfOpen).mockReset().mockResolvedValue(null);
    vi.mocked(choosePdfSave).mockReset();
    vi.mocked(creditRefund).mockReset();
  });

  it("posts the payment as typed, shows the receipt, and prints it to the typed path", async () => {
    vi.mocked(paymentPost).mockResolvedValue(receipt);
    vi.mocked(receiptPrint).mockResolvedValue({ path: "/tmp/r.pdf", bytes: 2100, title: "Receipt R000031" });
    const posted = vi.fn();
    const { container } = render(<TakePayment patientId={7} onPosted={posted} onClose={() => undefined} />);
    expect(accountVisitBalances).toHaveBeenCalledWith(7);
    fireEvent.change(input(container, "amount"), { target: { value: "50.00" } });
    fireEvent.change(container.querySelector('select[name="method"]')!, { target: { value: "check" } });
    fireEvent.change(input(container, "reference"), { target: { value: " 1042 " } });
    fireEvent.click(screen.getByTestId("payment-submit"));

    expect((await screen.findByTestId("receipt-number")).textContent).toBe("R000031");
    expect(paymentPost).toHaveBeenCalledWith({
      patient_id: 7,
      received_on: todayIso(),
      method: "check",
      reference: "1042",
      amount: "50.00",
      apply: { kind: "oldest_first" },
    });
    expect(posted).toHaveBeenCalledTimes(1);
    expect(screen.getAllByTestId("receipt-applied")[0]!.textContent).toContain("$40.00");
    expect(screen.getByTestId("receipt-unapplied").textContent).toContain("$10.00");
    expect(screen.getByTestId("receipt-balance").textContent).toBe("Account owes $15.50");

    // The path is typed (a native dialog cannot be driven), then printed and opened.
    expect(input(container, "receipt_path").value).toBe("receipt-R000031.pdf");
    fireEvent.change(input(container, "receipt_path"), { target: { value: "/tmp/r.pdf" } });
    fireEvent.click(screen.getByTestId("receipt-print"));
    await screen.findByTestId("receipt-done");
    expect(receiptPrint).toHaveBeenCalledWith(31, "/tmp/r.pdf");
    fireEvent.click(screen.getByTestId("receipt-open"));
    await waitFor(() => expect(pdfOpen).toHaveBeenCalledWith("/tmp/r.pdf"));
  });

  it("applies to chosen visits, and asks for a visit before posting", async () => {
    vi.mocked(paymentPost).mockResolvedValue({ ...receipt, unapplied: "0.00" });
    const { container } = render(<TakePayment patientId={7} onClose={() => undefined} />);
    fireEvent.change(input(container, "amount"), { target: { value: "25.50" } });
    // "Chosen visits" is offered once the account's visits are read.
    const byVisit = await waitFor(() => {
      const el = container.querySelector('input[name="apply"][value="visits"]');
      if (!el) throw new Error("the visits are not read yet");
      return el;
    });
    fireEvent.click(byVisit);
    fireEvent.click(screen.getByTestId("payment-submit"));
    expect((await screen.findByTestId("error-visit_ids")).textContent).toContain("Choose the visits");
    expect(paymentPost).not.toHaveBeenCalled();

    fireEvent.click(await waitFor(() => input(container, "visit_51")));
    fireEvent.click(screen.getByTestId("payment-submit"));
    await screen.findByTestId("payment-receipt");
    expect(vi.mocked(paymentPost).mock.calls[0]![0].apply).toEqual({ kind: "visits", visit_ids: [51] });
    expect(screen.queryByTestId("receipt-unapplied")).toBeNull();
  });

  it("takes a copay at check-in for a chosen visit or none", async () => {
    vi.mocked(paymentPost).mockResolvedValue({ ...receipt, applied: [], amount: "25.00", unapplied: "25.00" });
    const { container } = render(<TakePayment patientId={7} onClose={() => undefined} />);
    fireEvent.change(input(container, "amount"), { target: { value: "25" } });
    fireEvent.click(screen.getByTestId("apply-copay"));
    fireEvent.click(screen.getByTestId("payment-submit"));
    await screen.findByTestId("payment-receipt");
    expect(vi.mocked(paymentPost).mock.calls[0]![0].apply).toEqual({ kind: "copay", visit_id: null });
  });

  it("shows the Rust side's refusal next to the field and keeps the form", async () => {
    vi.mocked(paymentPost).mockRejectedValue({
      kind: "invalid",
      message: "Please correct the highlighted fields.",
      fields: [{ field: "reference", message: "Enter only the card's last four digits or the terminal's reference, never the card number" }],
    });
    const { container } = render(<TakePayment patientId={7} onClose={() => undefined} />);
    fireEvent.change(input(container, "amount"), { target: { value: "10.00" } });
    fireEvent.change(container.querySelector('select[name="method"]')!, { target: { value: "card" } });
    fireEvent.change(input(container, "reference"), { target: { value: "4111111111111111" } });
    fireEvent.keyDown(input(container, "reference"), { key: "Enter" });
    expect((await screen.findByTestId("error-reference")).textContent).toContain("never the card number");
    expect(screen.queryByTestId("payment-receipt")).toBeNull();
    expect(input(container, "amount").value).toBe("10.00");
  });

  it("asks for the amount before calling anything, and Escape closes", async () => {
    const close = vi.fn();
    const { container } = render(<TakePayment patientId={7} onClose={close} />);
    fireEvent.click(screen.getByTestId("payment-submit"));
    expect((await screen.findByTestId("error-amount")).textContent).toContain("Enter the amount");
    expect(paymentPost).not.toHaveBeenCalled();
    fireEvent.keyDown(input(container, "amount"), { key: "Escape" });
    expect(close).toHaveBeenCalled();
  });

  it("refunds a credit with a reason", async () => {
    vi.mocked(creditRefund).mockResolvedValue({ insurance_pending: "0.00", patient_due: "0.00", total: "0.00" });
    const { container } = render(<RefundCredit patientId={7} balance={{ insurance_pending: "0.00", patient_due: "-20.00", total: "-20.00" }} onClose={() => undefined} />);
    expect(input(container, "refund_amount").value).toBe("20.00");
    fireEvent.click(screen.getByTestId("refund-submit"));
    expect((await screen.findByTestId("error-refund_reason")).textContent).toContain("Say why");
    expect(creditRefund).not.toHaveBeenCalled();
    fireEvent.change(input(container, "refund_reference"), { target: { value: "chk 77" } });
    fireEvent.change(input(container, "refund_reason"), { target: { value: "overpaid copay" } });
    fireEvent.click(screen.getByTestId("refund-submit"));
    expect((await screen.findByTestId("refund-done")).textContent).toContain("$0.00");
    expect(creditRefund).toHaveBeenCalledWith(7, "20.00", "chk 77", "overpaid copay");
  });
});
