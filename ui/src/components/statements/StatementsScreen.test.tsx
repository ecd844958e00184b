import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { onePage, renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StatementCandidate } from "../../bindings/StatementCandidate";
import type { StatementRunReport } from "../../bindings/StatementRunReport";

vi.mock("../../ipc/commands", () => ({
  statementCandidates: vi.fn(),
  statementsRun: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));
vi.mock("../../ipc/events", () => ({ onStatementProgress: vi.fn() }));

import { pdfOpen, statementCandidates, statementsRun } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { onStatementProgress, type StatementProgress } from "../../ipc/events";
import { todayIso } from "../../lib/format";
import { StatementsScreen } from "./StatementsScreen";

const candidate = (c: Partial<StatementCandidate>): StatementCandidate => ({
  account: { kind: "patient", patient_id: 7 },
  account_number: "1007",
  name: "DOE, JANE",
  patient_due: "45.10",
  insurance_pending: "120.00",
  last_statement: null,
  hold: false,
  in_collections: false,
  held_out: null,
  ...c,
});

const runReport: StatementRunReport = {
  run_id: 3,
  path: "/home/dr/st.pdf",
  statements: [
    { statement_id: 11, account: { kind: "patient", patient_id: 7 }, account_number: "1007", name: "DOE, JANE", amount_due: "45.10", insurance_pending: "120.00", message_level: "reminder" },
    { statement_id: 12, account: { kind: "party", party_id: 2 }, account_number: "R2", name: "ROE, RICH", amount_due: "300.00", insurance_pending: "0.00", message_level: "final_notice" },
  ],
  pages: 3,
  bytes: 40000,
  total_due: "345.10",
  held: [],
  timings: { gather: { secs: 0, nanos: 0 }, render: { secs: 0, nanos: 0 }, write: { secs: 0, nanos: 0 }, record: { secs: 0, nanos: 0 } },
};

const input = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe("StatementsScreen", () => {
  let emit: (p: StatementProgress) => void = () => undefined;
  const unlisten = vi.fn();

  beforeEach(() => {
    vi.mocked(statementCandidates).mockReset();
    vi.mocked(statementsRun).mockReset();
    vi.mocked(pdfOpen).mockReset().mockResolvedValue(null);
    vi.mocked(choosePdfSave).mockReset();
    unlisten.mockReset();
    vi.mocked(onStatementProgress)
      .mockReset()
      .mockImplementation(async (cb) => {
        emit = cb;
        return unlisten;
      });
  });

  it("previews with the filter built from the inputs and renders the candidates", async () => {
    vi.mocked(statementCandidates).mockResolvedValue(onePage([
      candidate({}),
      candidate({ account: { kind: "party", party_id: 2 }, account_number: "R2", name: "ROE, RICH", patient_due: "300.00", insurance_pending: "0.00", last_statement: "2026-02-01", hold: true, in_collections: true }),
    ]));
    const { container } = render(<StatementsScreen />);
    expect(input(container, "statement_date").value).toBe(todayIso());
    expect(input(container, "min_balance").value).toBe("5.00");
    expect(input(container, "days_since_last").value).toBe("28");
    expect(input(container, "statements_out").value).toBe(`statements-${todayIso()}.pdf`);

    fireEvent.change(input(container, "statement_date"), { target: { value: "2026-03-31" } });
    fireEvent.change(input(container, "min_balance"), { target: { value: "10" } });
    fireEvent.change(input(container, "days_since_last"), { target: { value: "30" } });
    fireEvent.click(input(container, "include_holds"));
    fireEvent.click(input(container, "final_notice_only"));
    fireEvent.click(screen.getByTestId("statements-preview"));

    const rows = await screen.findAllByTestId("statement-candidate");
    expect(statementCandidates).toHaveBeenCalledWith({
      statement_date: "2026-03-31",
      min_balance: "10",
      days_since_last: 30,
      include_holds: true,
      include_collections: false,
      final_notice_only: true,
    }, { offset: 0, limit: 500 });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("1007");
    expect(rows[0]!.textContent).toContain("$45.10");
    expect(rows[0]!.textContent).toContain("$120.00");
    expect(rows[0]!.textContent).toContain("never");
    expect(rows[1]!.textContent).toContain("ROE, RICH");
    expect(rows[1]!.textContent).toContain("02/01/2026");
    expect(rows[1]!.textContent).toContain("on hold");
    expect(rows[1]!.textContent).toContain("in collections");
  });

  it("lists an account without a mailing address as held out with the reason, apart from those that get a statement", async () => {
    const walkIn = candidate({ account: { kind: "patient", patient_id: 9 }, account_number: "1009", name: "REYES, DANA", patient_due: "80.00", held_out: "no_mailing_address" });
    vi.mocked(statementCandidates).mockResolvedValue(onePage([candidate({}), walkIn]));
    render(<StatementsScreen />);
    fireEvent.click(screen.getByTestId("statements-preview"));
    const rows = await screen.findAllByTestId("statement-candidate");
    expect(rows).toHaveLength(1);
    expect(screen.getByTestId("statement-candidates").textContent).toContain("1 account will get a statement");
    const held = screen.getByTestId("statement-held-preview");
    expect(held.textContent).toContain("1 account held out");
    const [row] = screen.getAllByTestId("statement-held");
    expect(row!.textContent).toContain("1009");
    expect(row!.textContent).toContain("$80.00");
    expect(row!.textContent).toContain("No mailing address: add it on the patient's record");

    // The run's report lists them too.
    vi.mocked(statementsRun).mockResolvedValue({ ...runReport, held: [walkIn] });
    fireEvent.click(screen.getByTestId("statements-run"));
    const after = await screen.findByTestId("statement-held-run");
    expect(after.textContent).toContain("REYES, DANA");
    expect(after.textContent).toContain("No mailing address");
  });

  it("previews a page of the accounts with how many there are, and reads the next page on Show more", async () => {
    const many = (from: number, n: number) =>
      Array.from({ length: n }, (_, k) => candidate({ account: { kind: "patient", patient_id: from + k }, account_number: String(1000 + from + k), name: `PATIENT ${from + k}` }));
    vi.mocked(statementCandidates).mockImplementation(async (_filter, page) => onePage(page.offset === 0 ? many(0, 500) : many(500, 3), 503, page.offset));
    render(<StatementsScreen />);
    fireEvent.click(screen.getByTestId("statements-preview"));
    const note = await screen.findByTestId("page-note");
    expect(note.textContent).toContain("Showing 500 of 503");
    expect(screen.getByTestId("statement-candidates").textContent).toContain("500 accounts will get a statement (of the first 500)");
    fireEvent.click(within(note).getByRole("button", { name: "Show more" }));
    await waitFor(() => expect(screen.getAllByTestId("statement-candidate")).toHaveLength(503));
    expect(vi.mocked(statementCandidates).mock.calls.map((c) => c[1])).toEqual([
      { offset: 0, limit: 500 },
      { offset: 500, limit: 500 },
    ]);
    expect(screen.queryByTestId("page-note")).toBeNull();
    expect(screen.getByTestId("statement-candidates").textContent).toContain("503 accounts will get a statement");
  });

  it("shows a bad day count inline and calls nothing", async () => {
    const { container } = render(<StatementsScreen />);
    fireEvent.change(input(container, "days_since_last"), { target: { value: "abc" } });
    fireEvent.click(screen.getByTestId("statements-preview"));
    expect((await screen.findByTestId("error-days_since_last")).textContent).toContain("whole number");
    expect(statementCandidates).not.toHaveBeenCalled();
  });

  it("runs with the StatementRunRequest, shows progress, then the report with Open PDF", async () => {
    let finish: (r: StatementRunReport) => void = () => undefined;
    vi.mocked(statementsRun).mockImplementation(() => new Promise<StatementRunReport>((res) => (finish = res)));
    vi.mocked(choosePdfSave).mockResolvedValue("/home/dr/st.pdf");
    const { container } = render(<StatementsScreen />);
    fireEvent.click(screen.getByRole("button", { name: "Browse…" }));
    await waitFor(() => expect(input(container, "statements_out").value).toBe("/home/dr/st.pdf"));
    expect(choosePdfSave).toHaveBeenCalledWith("Save statements as PDF", `statements-${todayIso()}.pdf`);

    fireEvent.click(screen.getByTestId("statements-run"));
    await waitFor(() => expect(statementsRun).toHaveBeenCalledTimes(1));
    expect(vi.mocked(statementsRun).mock.calls[0]![0]).toEqual({
      filter: { statement_date: todayIso(), min_balance: "5.00", days_since_last: 28, include_holds: false, include_collections: false, final_notice_only: false },
      out_path: "/home/dr/st.pdf",
      payment_options: null,
      remit_to: null,
      due_in_days: null,
    });
    expect(vi.mocked(onStatementProgress).mock.invocationCallOrder[0]!).toBeLessThan(vi.mocked(statementsRun).mock.invocationCallOrder[0]!);

    const bar = screen.getByTestId("statements-progress") as HTMLProgressElement;
    act(() => emit({ done: 1, total: 2 }));
    expect(bar.value).toBe(1);
    expect(bar.max).toBe(2);
    expect(screen.getByText("1 of 2")).toBeTruthy();

    await act(async () => finish(runReport));
    const done = await screen.findByTestId("statements-done");
    expect(done.textContent).toContain("2 statements");
    expect(done.textContent).toContain("3 pages");
    expect(done.textContent).toContain("$345.10");
    expect(done.textContent).toContain("/home/dr/st.pdf");
    expect(screen.queryByTestId("statements-progress")).toBeNull();
    expect(unlisten).toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("statements-open-pdf"));
    await waitFor(() => expect(pdfOpen).toHaveBeenCalledWith("/home/dr/st.pdf"));
  });

  it("shows a refusal in the banner", async () => {
    vi.mocked(statementsRun).mockRejectedValue({ kind: "file", message: "Cannot write st.pdf: permission denied.", fields: [] });
    render(<StatementsScreen />);
    fireEvent.click(screen.getByTestId("statements-run"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("permission denied");
    expect(unlisten).toHaveBeenCalled();
  });
});
