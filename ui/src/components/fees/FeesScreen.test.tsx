import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { onePage, renderWithQuery } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportReport } from "../../bindings/ImportReport";

vi.mock("../../ipc/commands", () => ({
  feesList: vi.fn(),
  feeSave: vi.fn(),
  feesImport: vi.fn(),
  feesExport: vi.fn(),
  payersList: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({
  chooseCsvToImport: vi.fn(),
  chooseCsvExport: vi.fn(),
}));

import { feeSave, feesImport, feesList, payersList } from "../../ipc/commands";
import { chooseCsvToImport } from "../../ipc/dialogs";
import { ImportReportView } from "../common/ImportReportView";
import { FeesScreen } from "./FeesScreen";

describe("ImportReportView", () => {
  it("shows counts when everything went in", () => {
    render(<ImportReportView title="Fee schedule import" report={{ imported: 12, unchanged: 3, rejected: [] }} onClose={() => undefined} />);
    expect(screen.getByTestId("import-counts").textContent).toContain("12");
    expect(screen.queryByText(/Nothing was imported/)).toBeNull();
  });

  it("lists rejected rows and says nothing was imported", () => {
    const report: ImportReport = {
      imported: 0,
      unchanged: 0,
      rejected: [
        { row: 4, field: "amount", message: "Amount must be like 65.00." },
        { row: 9, field: "code", message: "Code is required." },
      ],
    };
    render(<ImportReportView title="Fee schedule import" report={report} onClose={() => undefined} />);
    expect(screen.getByText("Nothing was imported.")).toBeTruthy();
    const rows = screen.getAllByTestId("import-problem");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getAllByRole("cell").map((c) => c.textContent)).toEqual(["4", "amount", "Amount must be like 65.00."]);
    expect(within(rows[1]!).getAllByRole("cell").map((c) => c.textContent)).toEqual(["9", "code", "Code is required."]);
  });
});

describe("FeesScreen", () => {
  beforeEach(() => {
    vi.mocked(payersList).mockReset().mockResolvedValue([]);
    vi.mocked(feesList).mockReset().mockResolvedValue(onePage([
      {
        id: 1,
        payer_id: null,
        schedule_name: "Standard fee",
        code: "98941",
        modifier: "",
        description: "CMT 3-4 regions",
        amount: "65.00",
        effective_from: "2026-01-01",
        effective_to: null,
      },
    ]));
    vi.mocked(feesImport).mockReset();
    vi.mocked(feeSave).mockReset();
    vi.mocked(chooseCsvToImport).mockReset();
  });

  it("imports a file chosen in the dialog and renders the rejected rows", async () => {
    vi.mocked(chooseCsvToImport).mockResolvedValue("/home/me/fees.csv");
    vi.mocked(feesImport).mockResolvedValue({ imported: 0, unchanged: 0, rejected: [{ row: 2, field: "amount", message: "Not an amount: 6O.00" }] });
    renderWithQuery(<FeesScreen />);
    expect(await screen.findByText("CMT 3-4 regions")).toBeTruthy();
    expect(screen.getByText("$65.00")).toBeTruthy();
    expect(screen.getByText("01/01/2026")).toBeTruthy();
    fireEvent.click(screen.getByTestId("import-fees"));
    await waitFor(() => expect(feesImport).toHaveBeenCalledWith("/home/me/fees.csv"));
    expect(await screen.findByText("Nothing was imported.")).toBeTruthy();
    expect(screen.getByText("Not an amount: 6O.00")).toBeTruthy();
  });

  it("says how many fees match when a page holds only some, and reads the next page on Show more", async () => {
    const fee = (i: number) => ({
      id: i,
      payer_id: null,
      schedule_name: "Standard fee",
      code: `9${String(i).padStart(4, "0")}`,
      modifier: "",
      description: `Service ${i}`,
      amount: "65.00",
      effective_from: "2026-01-01",
      effective_to: null,
    });
    vi.mocked(feesList).mockImplementation(async (_filter, page) =>
      onePage(Array.from({ length: page.offset === 0 ? 500 : 2 }, (_, k) => fee(page.offset + k + 1)), 3210, page.offset),
    );
    renderWithQuery(<FeesScreen />);
    const note = await screen.findByTestId("page-note");
    expect(note.textContent).toContain("Showing 500 of 3,210; narrow the search");
    expect(screen.getByText("3,210 fees")).toBeTruthy();
    expect(feesList).toHaveBeenLastCalledWith({ schedule: { kind: "all" }, code_prefix: "" }, { offset: 0, limit: 500 });
    fireEvent.click(within(note).getByRole("button", { name: "Show more" }));
    await waitFor(() => expect(feesList).toHaveBeenLastCalledWith({ schedule: { kind: "all" }, code_prefix: "" }, { offset: 500, limit: 500 }));
    await waitFor(() => expect(screen.getByTestId("page-note").textContent).toContain("Showing 502 of 3,210"));
  });

  it("saves a new fee with the amount exactly as typed", async () => {
    vi.mocked(feeSave).mockImplementation(async (e) => ({ ...e, id: 2 }));
    const { container } = renderWithQuery(<FeesScreen />);
    await screen.findByText("CMT 3-4 regions");
    fireEvent.click(screen.getByTestId("add-fee"));
    const set = (name: string, value: string) => fireEvent.change(container.querySelector(`form [name="${name}"]`)!, { target: { value } });
    set("code", "97140");
    set("modifier", "gp");
    set("amount", "45.5");
    set("description", "Manual therapy");
    fireEvent.click(screen.getByTestId("save-fee"));
    await waitFor(() => expect(feeSave).toHaveBeenCalled());
    // The list is read again after the save.
    await waitFor(() => expect(feesList).toHaveBeenCalledTimes(2));
    expect(vi.mocked(feeSave).mock.calls[0]![0]).toEqual({
      id: null,
      payer_id: null,
      schedule_name: "",
      code: "97140",
      modifier: "GP",
      description: "Manual therapy",
      amount: "45.5",
      effective_from: null,
      effective_to: null,
    });
  });
});
