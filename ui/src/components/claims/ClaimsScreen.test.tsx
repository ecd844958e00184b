import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ClaimSummary } from "../../bindings/ClaimSummary";

vi.mock("../../ipc/commands", () => ({
  claimsList: vi.fn(),
  visitsUnbilled: vi.fn(),
  claimCreate: vi.fn(),
  claimGet: vi.fn(),
  claimHistory: vi.fn(),
  claimScrub: vi.fn(),
  claimSetStatus: vi.fn(),
  claimCorrect: vi.fn(),
  claimsPrint: vi.fn(),
  printersList: vi.fn(),
  pdfOpen: vi.fn(),
  claimsExport837: vi.fn(),
  clearinghousesList: vi.fn(),
  claimMoney: vi.fn(),
}));
vi.mock("../../ipc/events", () => ({ onPrintProgress: vi.fn(async () => () => undefined), onExportProgress: vi.fn(async () => () => undefined) }));

import { claimsExport837, claimsList, clearinghousesList, printersList, visitsUnbilled } from "../../ipc/commands";
import { ClaimsScreen, queueFor } from "./ClaimsScreen";

const row = (id: number, extra: Partial<ClaimSummary> = {}): ClaimSummary => ({
  id,
  control_number: `C${String(id).padStart(6, "0")}`,
  visit_id: 50 + id,
  patient_id: 7,
  account_number: "1007",
  patient_name: "GARCIA, MARIA",
  payer: "Medicare",
  payer_rank: 1,
  service_date: "2026-03-02",
  status: "ready",
  frequency: "original",
  charge: "135.00",
  scrub_errors: 0,
  scrub_warnings: 1,
  submitted_at: null,
  ...extra,
});

describe("ClaimsScreen", () => {
  beforeEach(() => {
    vi.mocked(claimsList).mockReset().mockResolvedValue([row(1), row(2, { payer_rank: 2, payer: "AARP", status: "partially_paid" }), row(3)]);
    vi.mocked(visitsUnbilled).mockReset().mockResolvedValue([
      { id: 60, patient_id: 7, account_number: "1007", patient_name: "GARCIA, MARIA", service_date: "2026-03-04", rendering_provider: "ADAMS, LEE", line_count: 2, total_charge: "90.00", claim_count: 0 },
    ]);
    vi.mocked(printersList).mockReset().mockResolvedValue([]);
  });

  it("maps tabs to ClaimQueue values", () => {
    expect(queueFor("ready", "30", "")).toEqual({ kind: "ready" });
    expect(queueFor("errors", "30", "")).toEqual({ kind: "scrubber_errors" });
    expect(queueFor("no_response", "45", "")).toEqual({ kind: "no_response", days: 45 });
    expect(queueFor("no_response", "x", "")).toBeNull();
    expect(queueFor("all", "30", "")).toEqual({ kind: "all" });
    expect(queueFor("all", "30", "denied")).toEqual({ kind: "status", status: "denied" });
    expect(queueFor("unbilled", "30", "")).toBeNull();
  });

  it("switching queues calls claims_list with the right ClaimQueue", async () => {
    const { container } = render(<ClaimsScreen onOpenPatient={() => undefined} />);
    expect(await screen.findByTestId("unbilled-row")).toBeTruthy();
    expect(visitsUnbilled).toHaveBeenCalledTimes(1);
    expect(claimsList).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("queue-ready"));
    await waitFor(() => expect(claimsList).toHaveBeenLastCalledWith({ kind: "ready" }));
    const rows = await screen.findAllByTestId("claim-row");
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain("Secondary");
    expect(rows[1]!.textContent).toContain("Partially paid");
    expect(rows[0]!.textContent).toContain("Ready to send");
    expect(rows[0]!.textContent).toContain("135.00");

    fireEvent.click(screen.getByTestId("queue-errors"));
    await waitFor(() => expect(claimsList).toHaveBeenLastCalledWith({ kind: "scrubber_errors" }));

    fireEvent.click(screen.getByTestId("queue-no_response"));
    await waitFor(() => expect(claimsList).toHaveBeenLastCalledWith({ kind: "no_response", days: 30 }));
    fireEvent.change(container.querySelector('[name="days"]')!, { target: { value: "60" } });
    await waitFor(() => expect(claimsList).toHaveBeenLastCalledWith({ kind: "no_response", days: 60 }));

    fireEvent.click(screen.getByTestId("queue-all"));
    await waitFor(() => expect(claimsList).toHaveBeenLastCalledWith({ kind: "all" }));
    fireEvent.change(container.querySelector('[name="status_filter"]')!, { target: { value: "denied" } });
    await waitFor(() => expect(claimsList).toHaveBeenLastCalledWith({ kind: "status", status: "denied" }));
  });

  it("prints the selected ready claims, marked as submitted", async () => {
    render(<ClaimsScreen onOpenPatient={() => undefined} />);
    await screen.findByTestId("unbilled-row");
    fireEvent.click(screen.getByTestId("queue-ready"));
    await screen.findAllByTestId("claim-row");
    expect(screen.getByTestId("print-claims").textContent).toContain("Print all ready (3)");
    const boxes = screen.getAllByTestId("claim-select");
    fireEvent.click(boxes[0]!);
    fireEvent.click(boxes[2]!);
    // Ticking a box does not open the claim.
    expect(screen.queryByTestId("claim-detail")).toBeNull();
    expect(screen.getByTestId("print-claims").textContent).toContain("Print selected (2)");
    fireEvent.click(screen.getByTestId("print-claims"));
    expect(await screen.findByTestId("print-dialog")).toBeTruthy();
    expect(screen.getByText("Print 2 claims")).toBeTruthy();
    expect((document.querySelector('[name="mark_submitted"]') as HTMLInputElement).checked).toBe(true);
  });

  it("exports the selected ready claims as 837P; without a clearinghouse it links to setup", async () => {
    vi.mocked(clearinghousesList).mockReset().mockResolvedValue([]);
    vi.mocked(claimsExport837).mockReset();
    const onSetup = vi.fn();
    render(<ClaimsScreen onOpenPatient={() => undefined} onOpenClearinghouseSetup={onSetup} />);
    await screen.findByTestId("unbilled-row");
    expect(screen.queryByTestId("export-837")).toBeNull();
    fireEvent.click(screen.getByTestId("queue-ready"));
    await screen.findAllByTestId("claim-row");
    expect(screen.getByTestId("export-837").textContent).toBe("Export 837P…");
    fireEvent.click(screen.getAllByTestId("claim-select")[1]!);
    fireEvent.click(screen.getByTestId("export-837"));
    expect(await screen.findByTestId("export-dialog")).toBeTruthy();
    expect(screen.getByText("Export 1 claim to an 837P file")).toBeTruthy();
    fireEvent.click(await screen.findByTestId("export-setup-link"));
    expect(onSetup).toHaveBeenCalled();
    expect(screen.queryByTestId("export-dialog")).toBeNull();
    expect(claimsExport837).not.toHaveBeenCalled();
  });
});
