import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClaimQuery } from "../../bindings/ClaimQuery";
import type { ClaimSummary } from "../../bindings/ClaimSummary";
import { fakeViewport, renderWithQuery } from "../../test/render";

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
  payersList: vi.fn(),
}));
vi.mock("../../ipc/events", () => ({ onPrintProgress: vi.fn(async () => () => undefined), onExportProgress: vi.fn(async () => () => undefined) }));

import { claimsExport837, claimsList, clearinghousesList, payersList, printersList, visitsUnbilled } from "../../ipc/commands";
import { ClaimsScreen, claimQueryFor, NO_FILTERS, queueFor } from "./ClaimsScreen";

const render = renderWithQuery;

/** The query claims_list was last asked, without its page. */
const lastQuery = (): Omit<ClaimQuery, "offset" | "limit"> | undefined => {
  const q = vi.mocked(claimsList).mock.lastCall?.[0];
  if (!q) return undefined;
  const { offset: _o, limit: _l, ...rest } = q;
  return rest;
};
const base = { text: "", payer_id: null, from: null, to: null };

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
  let undoViewport: () => void;
  beforeAll(() => {
    undoViewport = fakeViewport();
  });
  afterAll(() => undoViewport());
  beforeEach(() => {
    const rows = [row(1), row(2, { payer_rank: 2, payer: "AARP", status: "partially_paid" }), row(3)];
    vi.mocked(claimsList).mockReset().mockImplementation(async (q) => ({ rows: q.offset === 0 ? rows : [], total: 3, offset: q.offset }));
    vi.mocked(payersList).mockReset().mockResolvedValue([
      { id: 4, name: "Medicare", kind: "medicare", payer_id: "MCR", address: { line1: "", line2: "", city: "", state: "", zip: "" }, phone: "", claim_filing_indicator: "MB", timely_filing_days: 365, accept_assignment: true, active: true, coba_id: "" },
    ] as never);
    vi.mocked(visitsUnbilled).mockReset().mockResolvedValue({
      rows: [
        { id: 60, patient_id: 7, account_number: "1007", patient_name: "GARCIA, MARIA", service_date: "2026-03-04", rendering_provider: "ADAMS, LEE", line_count: 2, total_charge: "90.00", claim_count: 0 },
      ],
      total: 1,
      offset: 0,
    });
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
    expect(claimQueryFor("all", "30", "denied", { text: " 1007 ", payerId: 4, from: "2026-01-01", to: "" })).toEqual({
      queue: { kind: "status", status: "denied" },
      text: "1007",
      payer_id: 4,
      from: "2026-01-01",
      to: null,
      offset: 0,
      limit: 100,
    });
    expect(claimQueryFor("unbilled", "30", "", NO_FILTERS)).toBeNull();
  });

  it("switching queues calls claims_list with the right ClaimQueue", async () => {
    const { container } = render(<ClaimsScreen onOpenPatient={() => undefined} />);
    expect(await screen.findByTestId("unbilled-row")).toBeTruthy();
    expect(visitsUnbilled).toHaveBeenCalledTimes(1);
    expect(claimsList).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("queue-ready"));
    await waitFor(() => expect(lastQuery()).toEqual({ queue: { kind: "ready" }, ...base }));
    const rows = await screen.findAllByTestId("claim-row");
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain("AARP (2nd)");
    expect(rows[1]!.textContent).toContain("Partially paid");
    expect(rows[0]!.textContent).toContain("Ready to send");
    expect(rows[0]!.textContent).toContain("135.00");

    fireEvent.click(screen.getByTestId("queue-errors"));
    await waitFor(() => expect(lastQuery()).toEqual({ queue: { kind: "scrubber_errors" }, ...base }));

    fireEvent.click(screen.getByTestId("queue-no_response"));
    await waitFor(() => expect(lastQuery()).toEqual({ queue: { kind: "no_response", days: 30 }, ...base }));
    fireEvent.change(container.querySelector('[name="days"]')!, { target: { value: "60" } });
    await waitFor(() => expect(lastQuery()).toEqual({ queue: { kind: "no_response", days: 60 }, ...base }));

    fireEvent.click(screen.getByTestId("queue-all"));
    await waitFor(() => expect(lastQuery()).toEqual({ queue: { kind: "all" }, ...base }));
    fireEvent.change(container.querySelector('[name="status_filter"]')!, { target: { value: "denied" } });
    await waitFor(() => expect(lastQuery()).toEqual({ queue: { kind: "status", status: "denied" }, ...base }));
  });

  it("search, payer and dates narrow the list; the count is the matching total", async () => {
    const { container } = render(<ClaimsScreen onOpenPatient={() => undefined} />);
    await screen.findByTestId("unbilled-row");
    fireEvent.click(screen.getByTestId("queue-all"));
    await screen.findAllByTestId("claim-row");
    expect(screen.getByTestId("claims-count").textContent).toBe("3 claims");

    vi.mocked(claimsList).mockImplementation(async (q) => ({ rows: q.offset === 0 ? [row(2)] : [], total: 1, offset: q.offset }));
    fireEvent.change(screen.getByTestId("claim-search"), { target: { value: "garc" } });
    fireEvent.change(screen.getByTestId("claim-search"), { target: { value: "garcia" } });
    await waitFor(() => expect(lastQuery()).toEqual({ queue: { kind: "all" }, ...base, text: "garcia" }));
    // Typing reads once the text settles, not at every key.
    expect(vi.mocked(claimsList).mock.calls.some(([q]) => q.text === "garc")).toBe(false);
    await waitFor(() => expect(screen.getAllByTestId("claim-row")).toHaveLength(1));
    expect(screen.getByTestId("claims-count").textContent).toBe("1 claim");

    await waitFor(() => expect(container.querySelector('[name="payer_filter"] option[value="4"]')).toBeTruthy());
    fireEvent.change(container.querySelector('[name="payer_filter"]')!, { target: { value: "4" } });
    await waitFor(() => expect(lastQuery()).toEqual({ queue: { kind: "all" }, ...base, text: "garcia", payer_id: 4 }));
    fireEvent.change(container.querySelector('[name="from"]')!, { target: { value: "2026-03-01" } });
    fireEvent.change(container.querySelector('[name="to"]')!, { target: { value: "2026-03-31" } });
    await waitFor(() =>
      expect(lastQuery()).toEqual({ queue: { kind: "all" }, text: "garcia", payer_id: 4, from: "2026-03-01", to: "2026-03-31" }),
    );
    // Clearing shows the whole list again (already read: from the cache).
    fireEvent.click(screen.getByTestId("clear-filters"));
    await waitFor(() => expect(screen.getByTestId("claims-count").textContent).toBe("3 claims"));
    expect((screen.getByTestId("claim-search") as HTMLInputElement).value).toBe("");
  });

  it("shows only the rows on screen of a long list, reading the pages it scrolls to", async () => {
    const many = (offset: number, limit: number) =>
      Array.from({ length: Math.max(0, Math.min(limit, 20000 - offset)) }, (_, k) => row(20000 - offset - k));
    vi.mocked(claimsList).mockImplementation(async (q) => ({ rows: many(q.offset, q.limit), total: 20000, offset: q.offset }));
    render(<ClaimsScreen onOpenPatient={() => undefined} />);
    await screen.findByTestId("unbilled-row");
    fireEvent.click(screen.getByTestId("queue-all"));
    await screen.findAllByTestId("claim-row");
    expect(screen.getByTestId("claims-count").textContent).toBe("20000 claims");
    // A 600-pixel window holds about 22 rows (plus a few either side), not 20,000.
    expect(screen.getAllByTestId("claim-row").length).toBeLessThan(60);
    expect(vi.mocked(claimsList).mock.calls.every(([q]) => q.limit === 100)).toBe(true);

    const scroller = screen.getByTestId("claims-scroll");
    await act(async () => {
      scroller.scrollTop = 27 * 20000;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(screen.getAllByTestId("claim-row").some((r) => r.textContent?.includes("C000001"))).toBe(true));
    expect(vi.mocked(claimsList).mock.calls.some(([q]) => q.offset === 19900)).toBe(true);
    expect(screen.getAllByTestId("claim-row").length).toBeLessThan(60);
  });

  it("the patient's account is one click from a claim", async () => {
    const onOpenPatient = vi.fn();
    render(<ClaimsScreen onOpenPatient={onOpenPatient} />);
    await screen.findByTestId("unbilled-row");
    fireEvent.click(screen.getByTestId("queue-all"));
    const links = await screen.findAllByTestId("claim-account");
    fireEvent.click(links[0]!);
    expect(onOpenPatient).toHaveBeenCalledWith(7);
    expect(screen.queryByTestId("claim-detail")).toBeNull();
  });

  it("the arrow keys move the highlight and Enter opens the claim", async () => {
    render(<ClaimsScreen onOpenPatient={() => undefined} />);
    await screen.findByTestId("unbilled-row");
    fireEvent.click(screen.getByTestId("queue-all"));
    await screen.findAllByTestId("claim-row");
    const grid = screen.getByTestId("claims-scroll");
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    await waitFor(() => expect(screen.getAllByTestId("claim-row")[1]!.className).toBe("selected"));
    expect(screen.getAllByTestId("claim-row")[0]!.className).toBe("");
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
