import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ClaimData } from "../../bindings/ClaimData";
import type { ClaimSummary } from "../../bindings/ClaimSummary";

vi.mock("../../ipc/commands", () => ({
  claimGet: vi.fn(),
  claimHistory: vi.fn(),
  claimChoices: vi.fn(),
  claimScrub: vi.fn(),
  claimSetStatus: vi.fn(),
  claimCorrect: vi.fn(),
  claimAcknowledge: vi.fn(),
  claimsPrint: vi.fn(),
  printersList: vi.fn(),
  pdfOpen: vi.fn(),
  claimPostEob: vi.fn(),
  claimMoney: vi.fn(async () => ({ charge: "135.00", insurance_paid: "0.00", adjustments: "0.00", patient_responsibility: "0.00", balance: "135.00" })),
}));
vi.mock("../../ipc/events", () => ({ onPrintProgress: vi.fn(async () => () => undefined) }));

import { claimChoices, claimCorrect, claimGet, claimHistory, claimMoney, claimPostEob, claimScrub, claimSetStatus, printersList } from "../../ipc/commands";
import { blankPatient, blankPayer, blankPerson, blankPolicy, blankPractice, blankProvider } from "../../lib/blank";
import { blankVisit } from "../../lib/visit";
import { ClaimDetail } from "./ClaimDetail";
import type { ClaimChoices } from "../../bindings/ClaimChoices";
import type { ClaimStatus } from "../../bindings/ClaimStatus";

/** What the Rust side answers for these statuses (`ClaimStatus::choices`). */
const CHOICES: Partial<Record<ClaimStatus, ClaimChoices>> = {
  draft: { next_statuses: [], can_correct: false, takes_paper_eob: false },
  ready: { next_statuses: ["submitted"], can_correct: false, takes_paper_eob: false },
  submitted: { next_statuses: ["accepted", "rejected", "paid", "partially_paid", "denied"], can_correct: true, takes_paper_eob: true },
  paid: { next_statuses: ["closed"], can_correct: true, takes_paper_eob: false },
  denied: { next_statuses: ["draft", "paid", "partially_paid", "appealed", "closed"], can_correct: true, takes_paper_eob: true },
};

function data(extra: Partial<ClaimData> = {}): ClaimData {
  return {
    claim_id: 9,
    control_number: "C000009",
    status: "submitted",
    frequency: "original",
    original_reference: "",
    payer_rank: 1,
    accept_assignment: true,
    total_charge: "135.00",
    form_rules: "nucc",
    limits: { authorization: { standing: "not_needed" }, plan_year: null },
    care: null,
    practice: blankPractice(),
    payer: { ...blankPayer(), id: 4, name: "Medicare" },
    policy: { ...blankPolicy(), member_id: "1EG4TE5MK73" },
    subscriber: blankPerson(),
    other_coverage: null,
    patient: { ...blankPatient(), id: 7, last_name: "Garcia", first_name: "Maria", account_number: "1007" },
    rendering: { ...blankProvider(), id: 3, last_name: "Adams", first_name: "Lee" },
    referring: null,
    facility: null,
    visit: { ...blankVisit(7), id: 50, service_date: "2026-03-02" },
    ...extra,
  };
}
const summary = (extra: Partial<ClaimSummary>): ClaimSummary => ({
  id: 9,
  control_number: "C000009",
  visit_id: 50,
  patient_id: 7,
  account_number: "1007",
  patient_name: "GARCIA, MARIA",
  payer: "Medicare",
  payer_rank: 1,
  service_date: "2026-03-02",
  status: "submitted",
  frequency: "original",
  charge: "135.00",
  scrub_errors: 0,
  scrub_warnings: 0,
  submitted_at: "2026-03-05",
  ...extra,
});

describe("ClaimDetail", () => {
  beforeEach(() => {
    vi.mocked(claimGet).mockReset().mockResolvedValue(data());
    // The claim's choices follow whatever status the mocked claim has at that moment.
    vi.mocked(claimChoices).mockImplementation(async (id: number) => CHOICES[(await claimGet(id)).status]!);
    vi.mocked(claimHistory).mockReset().mockResolvedValue([
      { from_status: null, to_status: "draft", changed_at: "2026-03-02T10:00:00", source: "user", note: "" },
      { from_status: "ready", to_status: "submitted", changed_at: "2026-03-05T09:12:00", source: "print batch 12", note: "" },
    ]);
    vi.mocked(claimScrub).mockReset();
    vi.mocked(claimSetStatus).mockReset();
    vi.mocked(claimCorrect).mockReset();
    vi.mocked(claimPostEob).mockReset();
    vi.mocked(printersList).mockReset().mockResolvedValue([]);
  });

  it("offers only sensible next statuses and records the change with its note", async () => {
    const { container } = render(<ClaimDetail claimId={9} onBack={() => undefined} onEditCharges={() => undefined} onOpenPatient={() => undefined} />);
    expect((await screen.findByTestId("claim-status")).textContent).toBe("Submitted");
    expect(screen.getByTestId("claim-history").textContent).toContain("print batch 12");
    expect(screen.getByTestId("claim-charge").textContent).toBe("$135.00");
    // A submitted claim is not re-scrubbed on open.
    expect(claimScrub).not.toHaveBeenCalled();
    const select = container.querySelector<HTMLSelectElement>('[name="status"]')!;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(["— choose —", "Accepted", "Rejected", "Paid", "Partially paid", "Denied"]);
    fireEvent.change(select, { target: { value: "denied" } });
    fireEvent.change(container.querySelector('[name="note"]')!, { target: { value: "CO-50 not medically necessary" } });
    vi.mocked(claimSetStatus).mockResolvedValue(summary({ status: "denied" }));
    vi.mocked(claimGet).mockResolvedValue(data({ status: "denied" }));
    fireEvent.click(screen.getByTestId("set-status"));
    await waitFor(() => expect(claimSetStatus).toHaveBeenCalledWith(9, "denied", "CO-50 not medically necessary"));
    await waitFor(() => expect(screen.getByTestId("claim-status").textContent).toBe("Denied"));
    expect(Array.from(container.querySelector<HTMLSelectElement>('[name="status"]')!.options).map((o) => o.value)).toEqual(["", ...CHOICES.denied!.next_statuses]);
  });

  it("creates a corrected claim with the payer's original claim number", async () => {
    const { container } = render(<ClaimDetail claimId={9} onBack={() => undefined} onEditCharges={() => undefined} onOpenPatient={() => undefined} />);
    fireEvent.click(await screen.findByTestId("correct-claim"));
    fireEvent.change(container.querySelector('[name="original_reference"]')!, { target: { value: "MCR2026030500123" } });
    vi.mocked(claimCorrect).mockResolvedValue(summary({ id: 10, control_number: "C000010", frequency: "replacement", status: "draft" }));
    vi.mocked(claimGet).mockResolvedValue(data({ claim_id: 10, control_number: "C000010", frequency: "replacement", status: "draft", original_reference: "MCR2026030500123" }));
    vi.mocked(claimScrub).mockResolvedValue({ claim_id: 10, status: "ready", findings: [] });
    fireEvent.click(screen.getByTestId("create-correction"));
    await waitFor(() => expect(claimCorrect).toHaveBeenCalledWith(9, "replacement", "MCR2026030500123"));
    expect((await screen.findByTestId("claim-ready")).textContent).toBe("Claim C000010 is ready to send.");
  });

  it("scrubs a draft on open; a finding opens charge entry at its field", async () => {
    vi.mocked(claimGet).mockResolvedValue(data({ status: "draft" }));
    vi.mocked(claimScrub).mockResolvedValue({
      claim_id: 9,
      status: "draft",
      findings: [{ rule: "DX_POINTER", severity: "error", box_id: "24E", message: "Line 2 has no pointer.", field: "lines[1].pointers" }],
    });
    const onEditCharges = vi.fn();
    render(<ClaimDetail claimId={9} onBack={() => undefined} onEditCharges={onEditCharges} onOpenPatient={() => undefined} />);
    fireEvent.click(await screen.findByTestId("finding"));
    expect(onEditCharges).toHaveBeenCalledWith(50, 7, "lines[1].pointers");
  });

  it("shows the claim's money as the Rust side computed it", async () => {
    vi.mocked(claimMoney).mockResolvedValueOnce({ charge: "135.00", insurance_paid: "80.00", adjustments: "35.00", patient_responsibility: "20.00", balance: "20.00" });
    render(<ClaimDetail claimId={9} onBack={() => undefined} onEditCharges={() => undefined} onOpenPatient={() => undefined} />);
    const money = await screen.findByTestId("claim-money");
    await waitFor(() => expect(screen.getByTestId("money-insurance-paid").textContent).toBe("$80.00"));
    expect(claimMoney).toHaveBeenCalledWith(9);
    expect(money.textContent).toContain("Charge$135.00");
    expect(money.textContent).toContain("Adjustments$35.00");
    expect(money.textContent).toContain("Patient responsibility$20.00");
    expect(screen.getByTestId("money-balance").textContent).toBe("$20.00");
  });

  it("still shows the claim when its money cannot be read", async () => {
    vi.mocked(claimMoney).mockRejectedValueOnce({ kind: "failure", message: "The ledger could not be read.", fields: [] });
    render(<ClaimDetail claimId={9} onBack={() => undefined} onEditCharges={() => undefined} onOpenPatient={() => undefined} />);
    expect((await screen.findByTestId("claim-status")).textContent).toBe("Submitted");
    await waitFor(() => expect(screen.getByTestId("claim-money").textContent).toContain("The ledger could not be read."));
  });

  it("posts a paper EOB from a sent claim and refreshes the claim and its money", async () => {
    const onChanged = vi.fn();
    const { container } = render(<ClaimDetail claimId={9} onBack={() => undefined} onEditCharges={() => undefined} onOpenPatient={() => undefined} onChanged={onChanged} />);
    fireEvent.click(await screen.findByTestId("post-eob"));
    expect(screen.getByTestId("eob-entry")).toBeTruthy();
    expect(screen.queryByTestId("post-eob")).toBeNull();
    // The visit has one line (blank visit): 135.00 = 100.00 paid + CO 45 35.00.
    fireEvent.change(container.querySelector('[name="paid_date"]')!, { target: { value: "2026-04-10" } });
    fireEvent.change(container.querySelector('[name="lines[0].paid"]')!, { target: { value: "100.00" } });
    fireEvent.change(container.querySelector('[name="lines[0].co"]')!, { target: { value: "35.00" } });
    fireEvent.change(container.querySelector('[name="paid"]')!, { target: { value: "100.00" } });
    vi.mocked(claimPostEob).mockResolvedValue({
      claim_id: 9,
      control_number: "C000009",
      patient_name: "GARCIA, MARIA",
      status_before: "submitted",
      status_after: "paid",
      charge: "135.00",
      paid: "100.00",
      contractual: "35.00",
      patient_responsibility: "0.00",
      underpaid_lines: 0,
      crossover: false,
      lines_matched_loosely: 0,
      secondary_claim: null,
    });
    vi.mocked(claimGet).mockResolvedValue(data({ status: "paid" }));
    vi.mocked(claimMoney).mockResolvedValue({ charge: "135.00", insurance_paid: "100.00", adjustments: "35.00", patient_responsibility: "0.00", balance: "0.00" });
    fireEvent.click(screen.getByTestId("eob-post"));
    await waitFor(() => expect(claimPostEob).toHaveBeenCalledTimes(1));
    expect(vi.mocked(claimPostEob).mock.calls[0]![1]).toBe("2026-04-10");
    expect((await screen.findByTestId("eob-posted")).textContent).toContain("Submitted → Paid");
    await waitFor(() => expect(screen.getByTestId("claim-status").textContent).toBe("Paid"));
    await waitFor(() => expect(screen.getByTestId("money-insurance-paid").textContent).toBe("$100.00"));
    expect(screen.getByTestId("money-balance").textContent).toBe("$0.00");
    expect(onChanged).toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("eob-close"));
    expect(screen.queryByTestId("eob-entry")).toBeNull();
    // A paid claim takes no more paper EOBs by hand.
    expect(screen.queryByTestId("post-eob")).toBeNull();
  });

  it("offers a paper EOB only for claims the payer has", async () => {
    vi.mocked(claimGet).mockResolvedValue(data({ status: "ready" }));
    vi.mocked(claimScrub).mockResolvedValue({ claim_id: 9, status: "ready", findings: [] });
    render(<ClaimDetail claimId={9} onBack={() => undefined} onEditCharges={() => undefined} onOpenPatient={() => undefined} />);
    expect((await screen.findByTestId("claim-status")).textContent).toBe("Ready to send");
    expect(screen.queryByTestId("post-eob")).toBeNull();
  });
});
