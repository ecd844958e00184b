import { act, fireEvent, screen } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PatientSummary } from "../../bindings/PatientSummary";

vi.mock("../../ipc/commands", () => ({
  patientsSearch: vi.fn(),
  patientsImport: vi.fn(),
  patientsExport: vi.fn(),
  patientGet: vi.fn(),
  patientSave: vi.fn(),
  patientSetActive: vi.fn(),
  payersList: vi.fn(),
  policyMspTypes: vi.fn(async () => []),
}));
vi.mock("../../ipc/dialogs", () => ({ chooseCsvToImport: vi.fn(), chooseCsvExport: vi.fn() }));

import { patientGet, patientsSearch, payersList } from "../../ipc/commands";
import { PatientsScreen } from "./PatientsScreen";

const rows: PatientSummary[] = [
  { id: 1, account_number: "1001", last_name: "Adams", first_name: "Ann", middle_name: "Marie", birth_date: "1970-03-04", sex: "F", phone: "5125550134", city: "Austin", primary_payer: "Aetna", primary_member_id: "W1", active: true },
  { id: 2, account_number: "1002", last_name: "Baker", first_name: "Bob", middle_name: "", birth_date: "1980-12-31", sex: "M", phone: "", city: "Austin", primary_payer: "", primary_member_id: "", active: false },
];

describe("PatientsScreen", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.mocked(patientsSearch).mockReset().mockResolvedValue(rows);
    vi.mocked(payersList).mockReset().mockResolvedValue([]);
    vi.mocked(patientGet).mockReset().mockReturnValue(new Promise(() => undefined));
  });
  afterEach(() => vi.useRealTimers());

  it("lists results formatted for billers, autofocuses search, Down+Enter opens the selected patient", async () => {
    render(<PatientsScreen />);
    const search = screen.getByTestId("patient-search");
    expect(document.activeElement).toBe(search);
    // The debounce, then the query's answer.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(150);
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    const trs = screen.getAllByTestId("patient-row");
    expect(trs).toHaveLength(2);
    expect(trs[0]!.textContent).toContain("1001");
    expect(trs[0]!.textContent).toContain("ADAMS, ANN M");
    expect(trs[0]!.textContent).toContain("03/04/1970");
    expect(trs[0]!.textContent).toContain("(512) 555-0134");
    expect(trs[1]!.textContent).toContain("inactive");

    fireEvent.keyDown(search, { key: "ArrowDown" });
    expect(trs[1]!.getAttribute("aria-selected")).toBe("true");
    await act(async () => {
      fireEvent.keyDown(search, { key: "Enter" });
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(patientGet).toHaveBeenCalledWith(2);
    expect(screen.getByTestId("patient-screen")).toBeTruthy();
  });
});
