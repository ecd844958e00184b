import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQuery as render } from "../../test/render";
import type { InjuryCase } from "../../bindings/InjuryCase";
import type { InjuryCaseSummary } from "../../bindings/InjuryCaseSummary";

vi.mock("../../ipc/commands", () => ({
  injuryCasesForPatient: vi.fn(),
  injuryCaseSave: vi.fn(),
  injuryCaseSummary: vi.fn(),
  injurySettlementPost: vi.fn(),
  attorneyStatementPrint: vi.fn(),
  lienLetterPrint: vi.fn(),
  payersList: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { attorneyStatementPrint, injuryCaseSave, injuryCaseSummary, injuryCasesForPatient, injurySettlementPost, payersList } from "../../ipc/commands";
import { InjuryCases } from "./InjuryCases";

const attorneyCase: InjuryCase = {
  id: 3,
  patient_id: 7,
  kind: "attorney",
  injury_date: "2026-10-02",
  accident_state: "TX",
  carrier_payer_id: null,
  claim_number: "",
  adjuster_name: "",
  adjuster_phone: "",
  employer: "",
  attorney: { name: "Morgan Lee", firm: "Lee & Park LLP", phone: "", address: { line1: "", line2: "", city: "", state: "", zip: "" } },
  benefit_limit: null,
  hold_billing: true,
  status: "open",
  note: "",
};

const summary: InjuryCaseSummary = {
  case: attorneyCase,
  patient_name: "DOE, JANE",
  carrier_name: "",
  visits: 4,
  charges: "340.00",
  payments: "0.00",
  adjustments: "0.00",
  balance: "340.00",
  carrier_paid: "0.00",
  benefit_left: null,
  settlement: null,
};

describe("InjuryCases", () => {
  beforeEach(() => {
    vi.mocked(injuryCasesForPatient).mockReset().mockResolvedValue([attorneyCase]);
    vi.mocked(injuryCaseSummary).mockReset().mockResolvedValue(summary);
    vi.mocked(payersList).mockReset().mockResolvedValue([]);
    vi.mocked(injuryCaseSave).mockReset();
    vi.mocked(injurySettlementPost).mockReset().mockResolvedValue({ ...summary, balance: "0.00", case: { ...attorneyCase, status: "settled" } });
    vi.mocked(attorneyStatementPrint).mockReset().mockResolvedValue({ path: "s.pdf", bytes: 1, title: "Attorney statement" });
  });

  it("opens a case with the balance the Rust side adds up, prints the attorney statement and posts the settlement", async () => {
    render(<InjuryCases patientId={7} />);
    fireEvent.click(await screen.findByTestId("injury-case-open"));
    expect((await screen.findByTestId("injury-case-balance")).textContent).toBe("$340.00");
    fireEvent.click(screen.getByTestId("attorney-statement-print"));
    await waitFor(() => expect(attorneyStatementPrint).toHaveBeenCalledWith(3, "attorney-statement-case-3.pdf"));
    fireEvent.click(screen.getByTestId("settlement-open"));
    fireEvent.change(document.querySelector('[name="payment"]')!, { target: { value: "240.00" } });
    fireEvent.change(document.querySelector('[name="reduction"]')!, { target: { value: "100.00" } });
    fireEvent.change(document.querySelector('[name="settlement_reason"]')!, { target: { value: "Agreed with counsel" } });
    fireEvent.click(screen.getByTestId("settlement-post"));
    await waitFor(() => expect(injurySettlementPost).toHaveBeenCalled());
    expect(vi.mocked(injurySettlementPost).mock.calls[0]![0]).toMatchObject({ case_id: 3, payment: "240.00", reduction: "100.00", reason: "Agreed with counsel" });
    expect(await screen.findByText(/the case's balance is \$0.00/)).toBeTruthy();
  });

  it("shows the Rust side's refusal of a new case next to its field", async () => {
    vi.mocked(injuryCaseSave).mockRejectedValue({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "accident_state", message: "An auto accident needs the state where it happened" }] });
    render(<InjuryCases patientId={7} />);
    fireEvent.click(await screen.findByTestId("new-injury-case"));
    fireEvent.click(screen.getByTestId("injury-case-save"));
    expect((await screen.findByTestId("error-accident_state")).textContent).toContain("needs the state");
  });
});
