import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Report } from "../../bindings/Report";

vi.mock("../../ipc/commands", () => ({
  reportAging: vi.fn(),
  reportDaySheet: vi.fn(),
  reportDeposits: vi.fn(),
  reportDenials: vi.fn(),
  reportPlans: vi.fn(),
  reportProductivity: vi.fn(),
  reportUnderpaid: vi.fn(),
  reportExport: vi.fn(),
  depositUndeposited: vi.fn(),
  depositCreate: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn(), chooseCsvExport: vi.fn() }));

import { depositCreate, depositUndeposited, reportAging, reportDaySheet, reportDenials, reportDeposits, reportExport } from "../../ipc/commands";
import { chooseCsvExport, choosePdfSave } from "../../ipc/dialogs";
import { todayIso } from "../../lib/format";
import { centsOf } from "./BarChart";
import { ReportsScreen } from "./ReportsScreen";

const zero = { current: "0.00", days_31_60: "0.00", days_61_90: "0.00", days_91_120: "0.00", over_120: "0.00" };
const aging: Report = {
  kind: "aging",
  report: {
    as_of: "2026-11-23",
    by: "payer",
    rows: [
      { key: "payer:2", account_number: "", name: "Beta Care", aging: { ...zero, days_61_90: "155.00" }, total: "155.00", lines: 2 },
      { key: "payer:1", account_number: "", name: "Acme Health", aging: { ...zero, current: "30.00" }, total: "30.00", lines: 1 },
    ],
    totals: { ...zero, current: "30.00", days_61_90: "155.00" },
    total: "185.00",
  },
};

const input = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;

describe("ReportsScreen", () => {
  beforeEach(() => {
    for (const f of [reportAging, reportDaySheet, reportDeposits, reportDenials, reportExport, depositUndeposited, depositCreate, choosePdfSave, chooseCsvExport]) {
      vi.mocked(f).mockReset();
    }
    vi.mocked(depositUndeposited).mockResolvedValue([]);
  });

  it("shows AR aging by payer with a bar per age bucket, then by guarantor", async () => {
    vi.mocked(reportAging).mockResolvedValue(aging);
    const { container } = render(<ReportsScreen />);
    expect(input(container, "as_of").value).toBe(todayIso());
    fireEvent.change(input(container, "as_of"), { target: { value: "2026-11-23" } });
    fireEvent.click(screen.getByTestId("report-run"));
    const table = await screen.findByTestId("report-table");
    expect(reportAging).toHaveBeenCalledWith("2026-11-23", "payer");
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
    await waitFor(() => expect(reportAging).toHaveBeenLastCalledWith("2026-11-23", "guarantor"));
  });

  it("refuses an end date before the start inline and asks nothing", async () => {
    const { container } = render(<ReportsScreen />);
    fireEvent.change(input(container, "kind"), { target: { value: "day_sheet" } });
    fireEvent.change(input(container, "from"), { target: { value: "2026-11-20" } });
    fireEvent.change(input(container, "to"), { target: { value: "2026-11-01" } });
    fireEvent.click(screen.getByTestId("report-run"));
    expect((await screen.findByTestId("error-to")).textContent).toContain("before the start");
    expect(reportDaySheet).not.toHaveBeenCalled();
  });

  it("puts a refusal from the file next to its field", async () => {
    vi.mocked(reportDenials).mockRejectedValue({ kind: "invalid", message: "Check the dates.", fields: [{ field: "from", message: "Start date is not a date" }] });
    const { container } = render(<ReportsScreen />);
    fireEvent.change(input(container, "kind"), { target: { value: "denials" } });
    fireEvent.click(screen.getByTestId("report-run"));
    expect((await screen.findByTestId("error-from")).textContent).toContain("not a date");
  });

  it("exports to the Save as file, or asks where when it is empty", async () => {
    vi.mocked(choosePdfSave).mockResolvedValue("/home/b/aging.pdf");
    vi.mocked(reportExport).mockImplementation(async (_p, format, path) => ({ path, format, bytes: 100, rows: 2 }));
    const { container } = render(<ReportsScreen />);
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
    const { container } = render(<ReportsScreen />);
    fireEvent.change(input(container, "out_path"), { target: { value: "" } });
    fireEvent.click(screen.getByTestId("export-csv"));
    await waitFor(() => expect(chooseCsvExport).toHaveBeenCalled());
    expect(reportExport).not.toHaveBeenCalled();
    expect(screen.queryByTestId("report-exported")).toBeNull();
  });

  it("records a deposit of the chosen payments and shows a bad slip total by its field", async () => {
    vi.mocked(depositUndeposited).mockResolvedValue([
      { source: "patient", id: 7, received_on: "2026-11-20", method: "check", reference: "1042 (R000001)", from: "1001 Doe, Jane", amount: "20.00", deposit_id: null },
      { source: "insurance", id: 3, received_on: "2026-11-21", method: "ACH", reference: "EFT9", from: "Acme Health", amount: "70.00", deposit_id: null },
    ]);
    vi.mocked(reportDeposits).mockResolvedValue({
      kind: "deposits",
      report: { range: { from: "2026-11-01", to: "2026-11-23" }, deposits: [], slips_total: "0.00", deposited_total: "0.00", undeposited: [], undeposited_total: "0.00" },
    });
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
    const { container } = render(<ReportsScreen />);
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
    const { container } = render(<ReportsScreen />);
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
