import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQuery as render } from "../../test/render";
import type { PackageStanding } from "../../bindings/PackageStanding";

vi.mock("../../ipc/commands", () => ({
  packagesForPatient: vi.fn(),
  packageSell: vi.fn(),
  packageDraw: vi.fn(),
  promptPayGet: vi.fn(),
  paymentPromptPay: vi.fn(),
}));

import { packageDraw, packageSell, packagesForPatient, paymentPromptPay, promptPayGet } from "../../ipc/commands";
import { CarePackages } from "./CarePackages";
import { VisitPayOptions } from "./VisitPayOptions";

const standing: PackageStanding = {
  package: { id: 4, patient_id: 7, name: "12-visit adjustment package", visits_included: 12, price: "540.00", purchased_on: "2026-11-01", expires_on: null, note: "" },
  visits_used: 4,
  visits_left: 8,
  value_left: "360.00",
  message: "4 of 12 visits used, 8 left",
};

describe("care packages and prompt pay", () => {
  beforeEach(() => {
    vi.mocked(packagesForPatient).mockReset().mockResolvedValue([standing]);
    vi.mocked(promptPayGet).mockReset().mockResolvedValue({ percent: 10, within_days: 0 });
    vi.mocked(packageDraw).mockReset().mockResolvedValue({ ...standing, visits_used: 5, visits_left: 7, message: "5 of 12 visits used, 7 left" });
    vi.mocked(paymentPromptPay).mockReset();
    vi.mocked(packageSell).mockReset();
  });

  it("lists what is left of each package as the Rust side counts it, and sells one with its payment", async () => {
    vi.mocked(packageSell).mockRejectedValueOnce({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "price", message: "Enter what the patient paid for the package" }] });
    render(<CarePackages patientId={7} />);
    expect((await screen.findByTestId("care-package-standing")).textContent).toBe("4 of 12 visits used, 8 left");
    fireEvent.click(screen.getByTestId("sell-package"));
    fireEvent.change(document.querySelector('[name="name"]')!, { target: { value: "6-visit package" } });
    fireEvent.change(document.querySelector('[name="visits_included"]')!, { target: { value: "6" } });
    fireEvent.click(screen.getByTestId("sell-package-confirm"));
    expect((await screen.findByTestId("error-price")).textContent).toContain("Enter what the patient paid");
    const sent = vi.mocked(packageSell).mock.calls[0]!;
    expect(sent[0]).toMatchObject({ patient_id: 7, name: "6-visit package", visits_included: 6, price: "" });
    expect(sent[1]).toBe("card");
  });

  it("draws a saved visit on an open package and pays with the prompt-pay discount", async () => {
    vi.mocked(paymentPromptPay).mockResolvedValue({
      payment_id: 1, patient_id: 7, posting_id: 2, receipt_number: "R-0001", received_on: "2026-12-03", method: "card", reference: "", amount: "139.50", applied: [], unapplied: "0.00",
      balance_after: { insurance_pending: "0.00", patient_due: "0.00", total: "0.00" },
    });
    render(<VisitPayOptions patientId={7} visitId={50} serviceDate="2026-12-03" />);
    fireEvent.click(await screen.findByTestId("draw-package"));
    await waitFor(() => expect(packageDraw).toHaveBeenCalledWith(4, 50));
    expect(await screen.findByText(/5 of 12 visits used, 7 left/)).toBeTruthy();
    fireEvent.click(screen.getByTestId("prompt-pay"));
    await waitFor(() => expect(paymentPromptPay).toHaveBeenCalledWith(50, "card", ""));
    expect(await screen.findByText(/Paid \$139.50 with the prompt-pay discount/)).toBeTruthy();
  });

  it("offers nothing for a visit outside every package and without a discount", async () => {
    vi.mocked(promptPayGet).mockResolvedValue({ percent: 0, within_days: 0 });
    const { container } = render(<VisitPayOptions patientId={7} visitId={50} serviceDate="2026-10-01" />);
    await waitFor(() => expect(promptPayGet).toHaveBeenCalled());
    expect(container.querySelector('[data-testid="visit-pay-options"]')).toBeNull();
  });
});
