import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import type { ReportInfo } from "../../bindings/ReportInfo";
import type { ReportPage } from "../../bindings/ReportPage";

vi.mock("../../ipc/commands", () => ({
  reportsCatalog: vi.fn(),
  reportRun: vi.fn(),
  reportExport: vi.fn(),
  depositUndeposited: vi.fn(),
  depositCreate: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn(), chooseCsvExport: vi.fn() }));

import { depositCreate, depositUndeposited, reportExport, reportRun, reportsCatalog } from "../../ipc/commands";
import { chooseCsvExport, choosePdfSave } from "../../ipc/dialogs";
import { todayIso } from "../../lib/format";
import { onePage, renderWithQuery as render } from "../../test/render";
import { centsOf } from "./BarChart";
import { ReportsScreen } from "./ReportsScreen";
import { VIRTUAL_AFTER } from "./ReportView";

// What `reports_catalog` sends (claimdesk_jobs::reports::REPORTS); the screen keeps no copy.
const catalog: ReportInfo[] = [
  { kind: "aging", title: "AR aging", about: "What insurance or patients owe, by age.", takes: ["as_of", "by"] },
  { kind: "day_sheet", title: "Day sheet", about: "Charges and payments per day.", takes: ["range"] },
  { kind: "deposits", title: "Deposit reconciliation", about: "Deposits against their payments.", takes: ["range"] },
  { kind: "denials", title: "Denials", about: "Denied lines by reason.", takes: ["range"] },
  { kind: "plans", title: "Payment plans", about: "Plans by status.", takes: [] },
];

const money = (value: string) => ({ type: "money" as const, value });
const text = (value: string) => ({ type: "text" as const, value });
const bucket = (label: string, m: string) => ({ label, value: money(m) });
const aging: ReportPage = {
  kind: "aging",
  title: "AR aging by payer",
  parameters: "As of 11/23/2026 (age from the date of service)",
  chart: {
    title: "Balance by age as of 11/23/2026",
    bars: [bucket("Current", "30.00"), bucket("31-60 days", "0.00"), bucket("61-90 days", "155.00"), bucket("91-120 days", "0.00"), bucket("Over 120 days", "0.00")],
  },
  tables: [
    {
      heading: "",
      columns: [{ heading: "Payer", numeric: false }, { heading: "Account", numeric: false }, { heading: "Current", numeric: true }, { heading: "Total", numeric: true }],
      rows: [
        [text("Beta Care"), { type: "empty" }, money("0.00"), money("155.00")],
        [text("Acme Health"), { type: "empty" }, money("30.00"), money("30.00")],
      ],
      totals: [text("Total"), { type: "empty" }, money("30.00"), money("185.00")],
    },
  ],
};

const input = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;

/** The screen once the catalog is in its Report list. */
async function shown() {
  const r = render(<ReportsScreen />);
  await waitFor(() => expect(input(r.container, "kind").value).toBe("aging"));
  return r;
}

describe("ReportsScreen", () => {
  beforeEach(() => {
    for (const f of [reportsCatalog, reportRun, reportExport, depositUndeposited, depositCreate, choosePdfSave, chooseCsvExport]) {
      vi.mocked(f).mockReset();
    }
    vi.mocked(reportsCatalog).mockResolvedValue(catalog);
    vi.mocked(depositUndeposited).mockResolvedValue(onePage([]));
  });

  it("lists the reports the catalog sends and asks each for the parameters it takes", async () => {
    const { container } = await shown();
    const options = [...input(container, "kind").querySelectorAll("option")].map((o) => o.textContent);
    expect(options).toEqual(["AR aging", "Day sheet", "Deposit reconciliation", "Denials", "Payment plans"]);
    expect(input(container, "as_of")).not.toBeNull();
    expect(input(container, "by")).not.toBeNull();
    expect(input(container, "from")).toBeNull();

    fireEvent.change(input(container, "kind"), { target: { value: "day_sheet" } });
    expect(input(container, "as_of")).toBeNull();
    expect(input(container, "by")).toBeNull();
    fireEvent.change(input(container, "from"), { target: { value: "2026-11-02" } });
    fireEvent.change(input(container, "to"), { target: { value: "2026-11-20" } });
    vi.mocked(reportRun).mockResolvedValue({ kind: "day_sheet", title: "Day sheet", parameters: "From 11/02/2026 to 11/20/2026", chart: null, tables: [] });
    fireEvent.click(screen.getByTestId("report-run"));
    await screen.findByTestId("report-day_sheet");
    expect(reportRun).toHaveBeenLastCalledWith({ kind: "day_sheet", as_of: null, by: null, from: "2026-11-02", to: "2026-11-20" });

    fireEvent.change(input(container, "kind"), { target: { value: "plans" } });
    expect(input(container, "from")).toBeNull();
    expect(input(container, "as_of")).toBeNull();
    vi.mocked(reportRun).mockResolvedValue({ kind: "plans", title: "Payment plans", parameters: "As of 11/23/2026", chart: null, tables: [] });
    fireEvent.click(screen.getByTestId("report-run"));
    await screen.findByTestId("report-plans");
    expect(reportRun).toHaveBeenLastCalledWith({ kind: "plans", as_of: null, by: null, from: null, to: null });
  });

  it("shows AR aging by payer with a bar per age bucket and money formatted, then by guarantor", async () => {
    vi.mocked(reportRun).mockResolvedValue(aging);
    const { container } = await shown();
    expect(input(container, "as_of").value).toBe(todayIso());
    fireEvent.change(input(container, "as_of"), { target: { value: "2026-11-23" } });
    fireEvent.click(screen.getByTestId("report-run"));
    const table = await screen.findByTestId("report-table-0");
    expect(reportRun).toHaveBeenCalledWith({ kind: "aging", as_of: "2026-11-23", by: "payer", from: null, to: null });
    expect(screen.getByTestId("report-parameters").textContent).toContain("As of 11/23/2026");
    const rows = within(table).getAllByRole("row");
    expect(rows[1]!.textContent).toContain("Beta Care");
    expect(rows[1]!.textContent).toContain("$155.00");
    expect(rows[rows.length - 1]!.textContent).toContain("$185.00");
    const bars = screen.getAllByTestId("chart-bar");
    expect(bars).toHaveLength(5);
    // The tallest bucket gets the full width; an empty one none.
    const widths = bars.map((b) => Number(b.querySelector("rect")!.getAttribute("width")));
    expect(widths[2]).toBe(360);
    expect(widths[0]).toBeGreaterThan(0);
    expect(widths[4]).toBe(0);

    fireEvent.change(input(container, "by"), { target: { value: "guarantor" } });
    fireEvent.click(screen.getByTestId("report-run"));
    await waitFor(() => expect(reportRun).toHaveBeenLastCalledWith({ kind: "aging", as_of: "2026-11-23", by: "guarantor", from: null, to: null }));
  });

  it("draws only the rows in view of a long table, with its totals", async () => {
    // jsdom lays nothing out: give the scrolling box the size a window would.
    const height = vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(480);
    const width = vi.spyOn(Element.prototype, "clientWidth", "get").mockReturnValue(900);
    onTestFinished(() => {
      height.mockRestore();
      width.mockRestore();
    });
    const count = 5000;
    vi.mocked(reportRun).mockResolvedValue({
      kind: "denials",
      title: "Denials",
      parameters: "From 01/01/2026 to 11/23/2026",
      chart: null,
      tables: [
        {
          heading: "Lines",
          columns: [{ heading: "Payer", numeric: false }, { heading: "Amount", numeric: true }],
          rows: Array.from({ length: count }, (_, i) => [text(`Payer ${i}`), money(`${i}.50`)]),
          totals: [text("Total"), money("12497500.00")],
        },
      ],
    });
    const { container } = await shown();
    fireEvent.change(input(container, "kind"), { target: { value: "denials" } });
    fireEvent.click(screen.getByTestId("report-run"));
    const table = await screen.findByTestId("report-table-0");
    expect(screen.getByTestId("report-table-0-scroll")).not.toBeNull();
    const bodyRows = () => within(table).queryAllByRole("row").filter((r) => r.querySelector("td") && !r.classList.contains("total-row"));
    // The box is measured after the first paint; the rows in view follow.
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(0));
    const drawn = bodyRows();
    expect(count).toBeGreaterThan(VIRTUAL_AFTER);
    expect(drawn.length).toBeLessThan(60);
    expect(drawn[0]!.textContent).toBe("Payer 0$0.50");
    expect(table.getAttribute("aria-rowcount")).toBe(String(count + 1));
    expect(within(table).getByText("$12,497,500.00")).not.toBeNull();
  });

  it("puts a refusal from the file next to its field", async () => {
    vi.mocked(reportRun).mockRejectedValue({ kind: "invalid", message: "Check the dates.", fields: [{ field: "to", message: "The end date is before the start date" }] });
    const { container } = await shown();
    fireEvent.change(input(container, "kind"), { target: { value: "denials" } });
    fireEvent.click(screen.getByTestId("report-run"));
    expect((await screen.findByTestId("error-to")).textContent).toContain("before the start");
  });

  it("exports to the Save as file, or asks where when it is empty", async () => {
    vi.mocked(choosePdfSave).mockResolvedValue("/home/b/aging.pdf");
    vi.mocked(reportExport).mockImplementation(async (_p, format, path) => ({ path, format, bytes: 100, rows: 2 }));
    const { container } = await shown();
    const params = { kind: "aging", as_of: todayIso(), by: "payer", from: null, to: null };
    // The suggested name, with the format's extension, goes to the Rust side as typed.
    fireEvent.click(screen.getByTestId("export-csv"));
    expect((await screen.findByTestId("report-exported")).textContent).toContain("CSV written to");
    expect(reportExport).toHaveBeenCalledWith(params, "csv", `aging-${todayIso()}.csv`);
    expect(chooseCsvExport).not.toHaveBeenCalled();
    // Emptied: the save dialog asks, and its answer is used.
    fireEvent.change(input(container, "out_path"), { target: { value: "" } });
    fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(reportExport).toHaveBeenLastCalledWith(params, "pdf", "/home/b/aging.pdf"));
    expect(choosePdfSave).toHaveBeenCalledWith("Export the report as PDF", `aging-${todayIso()}.pdf`);
  });

  it("writes nothing when the save dialog is cancelled", async () => {
    vi.mocked(chooseCsvExport).mockResolvedValue(null);
    const { container } = await shown();
    fireEvent.change(input(container, "out_path"), { target: { value: "" } });
    fireEvent.click(screen.getByTestId("export-csv"));
    await waitFor(() => expect(chooseCsvExport).toHaveBeenCalled());
    expect(reportExport).not.toHaveBeenCalled();
    expect(screen.queryByTestId("report-exported")).toBeNull();
  });

  it("records a deposit of the chosen payments and shows a bad slip total by its field", async () => {
    vi.mocked(depositUndeposited).mockResolvedValue(onePage([
      { source: "patient", id: 7, received_on: "2026-11-20", method: "check", reference: "1042 (R000001)", from: "1001 Doe, Jane", amount: "20.00", deposit_id: null },
      { source: "insurance", id: 3, received_on: "2026-11-21", method: "ACH", reference: "EFT9", from: "Acme Health", amount: "70.00", deposit_id: null },
    ]));
    vi.mocked(reportRun).mockResolvedValue({ kind: "deposits", title: "Deposit reconciliation", parameters: "From 11/01/2026 to 11/23/2026", chart: null, tables: [] });
    vi.mocked(depositCreate).mockResolvedValue({
      id: 1,
      deposit_date: "2026-11-22",
      bank_reference: "DEP-7",
      slip_amount: "95.00",
      memo: "",
      payments: [],
      payments_total: "90.00",
      difference: "5.00",
    });
    const { container } = await shown();
    fireEvent.change(input(container, "kind"), { target: { value: "deposits" } });
    const panel = await screen.findByTestId("deposits-panel");
    await waitFor(() => expect(within(panel).getAllByRole("checkbox")).toHaveLength(2));
    for (const box of within(panel).getAllByRole("checkbox")) fireEvent.click(box);
    fireEvent.change(input(container, "deposit_date"), { target: { value: "2026-11-22" } });
    fireEvent.change(input(container, "bank_reference"), { target: { value: "DEP-7" } });
    fireEvent.change(input(container, "slip_amount"), { target: { value: "95.0.0" } });
    fireEvent.click(screen.getByTestId("deposit-create"));
    expect((await screen.findByTestId("error-slip_amount")).textContent).toContain("dollars and cents");
    expect(depositCreate).not.toHaveBeenCalled();

    fireEvent.change(input(container, "slip_amount"), { target: { value: "95.00" } });
    fireEvent.click(screen.getByTestId("deposit-create"));
    expect((await screen.findByTestId("deposit-created")).textContent).toContain("difference $5.00");
    expect(depositCreate).toHaveBeenCalledWith({
      deposit_date: "2026-11-22",
      bank_reference: "DEP-7",
      slip_amount: "95.00",
      memo: "",
      patient_payment_ids: [7],
      remittance_ids: [3],
    });
  });

  it("shows a refused deposit's reason by the payments", async () => {
    vi.mocked(depositCreate).mockRejectedValue({ kind: "invalid", message: "Check the deposit.", fields: [{ field: "payments", message: "Choose the payments that go to the bank in this deposit" }] });
    const { container } = await shown();
    fireEvent.change(input(container, "kind"), { target: { value: "deposits" } });
    fireEvent.click(await screen.findByTestId("deposit-create"));
    expect((await screen.findByTestId("error-payments")).textContent).toContain("Choose the payments");
  });

  it("sizes bars from whole cents without floats", () => {
    expect(centsOf("1250.05")).toBe(125005n);
    expect(centsOf("-5.00")).toBe(-500n);
    expect(centsOf("0.5")).toBe(50n);
  });
});
