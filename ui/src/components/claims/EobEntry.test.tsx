import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ClaimAdjudication } from "../../bindings/ClaimAdjudication";
import type { ClaimData } from "../../bindings/ClaimData";
import type { PostedClaim } from "../../bindings/PostedClaim";

vi.mock("../../ipc/commands", () => ({ claimPostEob: vi.fn() }));

import { claimPostEob } from "../../ipc/commands";
import { blankPatient, blankPayer, blankPerson, blankPolicy, blankPractice, blankProvider } from "../../lib/blank";
import { blankLine, blankVisit } from "../../lib/visit";
import { EobEntry } from "./EobEntry";

function claim(): ClaimData {
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
    visit: {
      ...blankVisit(7),
      id: 50,
      service_date: "2026-03-02",
      lines: [
        { ...blankLine(), id: 501, code: "98941", modifiers: ["AT"], pointers: [1], units: 1, charge: "55.00" },
        { ...blankLine(), id: 502, service_from: "2026-03-03", code: "97140", modifiers: ["GP", "59"], pointers: [2], units: 2, charge: "80.00" },
      ],
    },
  };
}

const posted: PostedClaim = {
  claim_id: 9,
  control_number: "C000009",
  patient_name: "GARCIA, MARIA",
  status_before: "submitted",
  status_after: "partially_paid",
  charge: "135.00",
  paid: "80.00",
  contractual: "40.00",
  patient_responsibility: "15.00",
  underpaid_lines: 1,
  crossover: false,
  lines_matched_loosely: 0,
  secondary_claim: "C000010",
};

const input = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const type = (c: HTMLElement, name: string, value: string) => fireEvent.change(input(c, name), { target: { value } });

/** Line 1: 55.00 = 30.00 paid + CO 45 10.00 + deductible 10.00 + copay 5.00. Line 2: 80.00 = 50.00 paid + CO 45 30.00. */
function fillTwoLines(c: HTMLElement) {
  type(c, "paid_date", "2026-04-10");
  type(c, "payer_claim_number", "MCR2026040112345");
  type(c, "lines[0].paid", "30.00");
  type(c, "lines[0].co", "10.00");
  type(c, "lines[0].deductible", "10.00");
  type(c, "lines[0].copay", "5.00");
  type(c, "lines[0].remarks", "n130, ma01");
  type(c, "lines[1].paid", "50.00");
  type(c, "lines[1].co", "30.00");
  type(c, "paid", "80.00");
  type(c, "patient_responsibility", "15.00");
}

describe("EobEntry", () => {
  beforeEach(() => {
    vi.mocked(claimPostEob).mockReset();
  });

  it("shows one row per claim line with its date, code, modifiers and charge, and sensible defaults", () => {
    const { container } = render(<EobEntry claim={claim()} onClose={() => undefined} />);
    const rows = screen.getAllByTestId("eob-line");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("03/02/2026");
    expect(rows[0]!.textContent).toContain("98941 AT");
    expect(rows[0]!.textContent).toContain("$55.00");
    expect(rows[1]!.textContent).toContain("03/03/2026");
    expect(rows[1]!.textContent).toContain("97140 GP 59");
    expect(input(container, "paid_date").value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(input(container, "lines[0].co_reason").value).toBe("45");
    expect(input(container, "lines[1].other_group").value).toBe("OA");
    const status = container.querySelector<HTMLSelectElement>('[name="status_code"]')!;
    expect(Array.from(status.options).map((o) => [o.value, o.textContent])).toEqual([
      ["1", "Processed (paid or applied to deductible)"],
      ["4", "Denied"],
    ]);
    expect(document.activeElement).toBe(input(container, "payer_claim_number"));
  });

  it("sends the EOB exactly as typed: amounts as strings, empty inputs omitted (Ctrl+S posts)", async () => {
    vi.mocked(claimPostEob).mockResolvedValue(posted);
    const { container } = render(<EobEntry claim={claim()} onClose={() => undefined} />);
    fillTwoLines(container);
    // A group chosen for "other" with no amount adds nothing.
    fireEvent.change(input(container, "lines[1].other_group"), { target: { value: "PI" } });
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await waitFor(() => expect(claimPostEob).toHaveBeenCalledTimes(1));
    const expected: ClaimAdjudication = {
      control_number: "C000009",
      status_code: "1",
      charge: "135.00",
      paid: "80.00",
      patient_responsibility: "15.00",
      payer_claim_number: "MCR2026040112345",
      adjustments: [],
      remarks: [],
      crossover_payer: null,
      lines: [
        {
          procedure: "98941",
          modifiers: ["AT"],
          submitted_procedure: null,
          service_date: "2026-03-02",
          line_control_number: null,
          charge: "55.00",
          paid: "30.00",
          units: 1,
          allowed: null,
          adjustments: [
            { group: "CO", reason: "45", amount: "10.00", quantity: null },
            { group: "PR", reason: "1", amount: "10.00", quantity: null },
            { group: "PR", reason: "3", amount: "5.00", quantity: null },
          ],
          remarks: ["N130", "MA01"],
        },
        {
          procedure: "97140",
          modifiers: ["GP", "59"],
          submitted_procedure: null,
          service_date: "2026-03-03",
          line_control_number: null,
          charge: "80.00",
          paid: "50.00",
          units: 2,
          allowed: null,
          adjustments: [{ group: "CO", reason: "45", amount: "30.00", quantity: null }],
          remarks: [],
        },
      ],
    };
    expect(vi.mocked(claimPostEob).mock.calls[0]).toEqual([expected, "2026-04-10"]);
  });

  it("sends a denial with the other adjustment's group and reason, and empty totals as zero", async () => {
    vi.mocked(claimPostEob).mockResolvedValue({ ...posted, status_after: "denied", paid: "0.00" });
    const { container } = render(<EobEntry claim={claim()} onClose={() => undefined} />);
    type(container, "paid_date", "2026-04-10");
    fireEvent.change(container.querySelector('[name="status_code"]')!, { target: { value: "4" } });
    fireEvent.change(input(container, "lines[0].other_group"), { target: { value: "CO" } });
    type(container, "lines[0].other_reason", "50");
    type(container, "lines[0].other", "55.00");
    type(container, "lines[1].coinsurance", "80.00");
    fireEvent.click(screen.getByTestId("eob-post"));
    await waitFor(() => expect(claimPostEob).toHaveBeenCalledTimes(1));
    const [adj] = vi.mocked(claimPostEob).mock.calls[0]!;
    expect(adj.status_code).toBe("4");
    expect(adj.paid).toBe("0.00");
    expect(adj.patient_responsibility).toBe("0.00");
    expect(adj.payer_claim_number).toBe("");
    expect(adj.lines.map((l) => [l.paid, l.adjustments])).toEqual([
      ["0.00", [{ group: "CO", reason: "50", amount: "55.00", quantity: null }]],
      ["0.00", [{ group: "PR", reason: "2", amount: "80.00", quantity: null }]],
    ]);
  });

  it("does not send an adjustment without its reason code", async () => {
    const { container } = render(<EobEntry claim={claim()} onClose={() => undefined} />);
    type(container, "lines[0].co", "10.00");
    type(container, "lines[0].co_reason", "");
    fireEvent.click(screen.getByTestId("eob-post"));
    expect((await screen.findByTestId("error-lines[0].co_reason")).textContent).toContain("reason code");
    expect(screen.getByTestId("eob-error")).toBeTruthy();
    expect(claimPostEob).not.toHaveBeenCalled();
  });

  it("shows the posting engine's refusal in the banner and next to the fields it names, keeping the input", async () => {
    vi.mocked(claimPostEob).mockRejectedValue({
      kind: "invalid",
      message: "This EOB does not add up; nothing was posted.",
      fields: [
        { field: "lines", message: "Line 2 (97140): charge 80.00 − paid 50.00 = 30.00, but its adjustments total 25.00." },
        { field: "paid", message: "Total paid 80.00 is not what the lines paid (75.00)." },
        { field: "lines[1].adjustments[0].amount", message: "Check the contractual adjustment." },
        { field: "lines[0]", message: "Line 1 matches no line of the claim." },
        { field: "crossover_payer", message: "Something no input shows." },
      ],
    });
    const onPosted = vi.fn();
    const { container } = render(<EobEntry claim={claim()} onClose={() => undefined} onPosted={onPosted} />);
    fillTwoLines(container);
    type(container, "lines[1].co", "25.00");
    fireEvent.click(screen.getByTestId("eob-post"));
    const banner = await screen.findByTestId("eob-error");
    expect(banner.textContent).toContain("This EOB does not add up; nothing was posted.");
    expect(banner.textContent).toContain("Something no input shows.");
    expect(screen.getByTestId("error-lines").textContent).toBe("Line 2 (97140): charge 80.00 − paid 50.00 = 30.00, but its adjustments total 25.00.");
    expect(screen.getByTestId("error-paid").textContent).toBe("Total paid 80.00 is not what the lines paid (75.00).");
    expect(input(container, "paid").getAttribute("aria-invalid")).toBe("true");
    // The adjustment path lands on the input it was typed in.
    expect(screen.getByTestId("error-lines[1].co").textContent).toBe("Check the contractual adjustment.");
    expect(screen.getByTestId("error-lines[0]").textContent).toBe("Line 1 matches no line of the claim.");
    expect(input(container, "lines[1].co").value).toBe("25.00");
    expect(screen.queryByTestId("eob-posted")).toBeNull();
    expect(onPosted).not.toHaveBeenCalled();
  });

  it("shows what posting did in the success banner", async () => {
    vi.mocked(claimPostEob).mockResolvedValue(posted);
    const onPosted = vi.fn();
    const onClose = vi.fn();
    const { container } = render(<EobEntry claim={claim()} onClose={onClose} onPosted={onPosted} />);
    fillTwoLines(container);
    fireEvent.click(screen.getByTestId("eob-post"));
    const banner = await screen.findByTestId("eob-posted");
    expect(onPosted).toHaveBeenCalledWith(posted);
    expect(banner.textContent).toContain("EOB posted to claim C000009");
    expect(screen.getByTestId("eob-posted-status").textContent).toBe("Submitted → Partially paid");
    expect(screen.getByTestId("eob-posted-paid").textContent).toBe("$80.00");
    expect(screen.getByTestId("eob-posted-contractual").textContent).toBe("$40.00");
    expect(screen.getByTestId("eob-posted-patient").textContent).toBe("$15.00");
    expect(screen.getByTestId("eob-posted-secondary").textContent).toBe("built: C000010");
    expect(screen.getByTestId("eob-posted-underpaid").textContent).toBe("1 line paid below the contracted amount");
    // The form is gone (posting twice would post twice); Close has the focus, Esc closes.
    expect(container.querySelector('[name="lines[0].paid"]')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("eob-close"));
    fireEvent.keyDown(window, { key: "Escape" });
    expect(onClose).toHaveBeenCalled();
  });
});
