import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Patient } from "../../bindings/Patient";

vi.mock("../../ipc/commands", () => ({
  patientsSearch: vi.fn(),
  patientsImport: vi.fn(),
  patientsExport: vi.fn(),
  patientGet: vi.fn(),
  patientSave: vi.fn(),
  patientSetActive: vi.fn(),
  payersList: vi.fn(),
  policyMspTypes: vi.fn(async () => []),
  providersList: vi.fn(),
  facilitiesList: vi.fn(),
  visitGet: vi.fn(),
  visitSave: vi.fn(),
  visitsForPatient: vi.fn(),
  visitSummary: vi.fn(async () => Promise.reject("not needed")),
  accountBalance: vi.fn(async () => Promise.reject("not a guarantor")),
  statementMailing: vi.fn(async () => ({ name: "GARCIA, MARIA", held_out: null })),
  codesSearch: vi.fn(),
  codesInfo: vi.fn(),
  visitLimits: vi.fn(async () => ({ max_diagnoses: 12, max_pointers: 4, max_modifiers: 4 })),
  feeCharge: vi.fn(),
  patientBalance: vi.fn(async () => ({ insurance_pending: "0.00", patient_due: "0.00", total: "0.00" })),
  patientLedger: vi.fn(async () => ({ entries: [], count: 0 })),
  statementsForPatient: vi.fn(async () => []),
  statementReprint: vi.fn(),
  statementHold: vi.fn(),
  collectionsSend: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ chooseCsvToImport: vi.fn(), chooseCsvExport: vi.fn() }));

import { codesInfo, facilitiesList, feeCharge, patientGet, patientSave, patientsSearch, payersList, providersList, visitGet, visitsForPatient } from "../../ipc/commands";
import { blankPatient } from "../../lib/blank";
import { blankVisit } from "../../lib/visit";
import { PatientsScreen } from "../patients/PatientsScreen";

const patient: Patient = { ...blankPatient(), id: 7, account_number: "1007", last_name: "Garcia", first_name: "Maria", birth_date: "1975-04-09" };

describe("visits from the patient screen", () => {
  beforeEach(() => {
    vi.mocked(patientsSearch).mockReset().mockResolvedValue([]);
    vi.mocked(payersList).mockReset().mockResolvedValue([]);
    vi.mocked(patientGet).mockReset().mockResolvedValue(patient);
    vi.mocked(patientSave).mockReset();
    vi.mocked(providersList).mockReset().mockResolvedValue([]);
    vi.mocked(facilitiesList).mockReset().mockResolvedValue([]);
    vi.mocked(codesInfo).mockReset().mockResolvedValue({ year: "2026", release: "", source: "CDC", billable_count: 1, total_count: 1 });
    vi.mocked(feeCharge).mockReset().mockResolvedValue(null);
    vi.mocked(visitGet).mockReset().mockResolvedValue({ ...blankVisit(7), id: 50, service_date: "2026-03-02" });
    vi.mocked(visitsForPatient).mockReset().mockResolvedValue({
      count: 1,
      visits: [{ id: 50, patient_id: 7, account_number: "1007", patient_name: "GARCIA, MARIA", service_date: "2026-03-02", rendering_provider: "ADAMS, LEE", line_count: 2, total_charge: "1090.00", claim_count: 1 }],
    });
  });

  it("lists the patient's visits, opens one, comes back, and starts a new visit", async () => {
    render(<PatientsScreen initialPatientId={7} />);
    // The patient opens on the account; the visits are one click away.
    fireEvent.click(await screen.findByTestId("patient-tab-visits"));
    const row = await screen.findByTestId("visit-row");
    expect(row.textContent).toContain("03/02/2026");
    expect(row.textContent).toContain("$1,090.00");
    expect(visitsForPatient).toHaveBeenCalledWith(7, null, 100);
    fireEvent.click(row);
    expect(await screen.findByTestId("charge-entry")).toBeTruthy();
    await waitFor(() => expect(visitGet).toHaveBeenCalledWith(50));
    expect(await screen.findByRole("heading", { name: "Visit of 03/02/2026" })).toBeTruthy();
    fireEvent.click(screen.getByTestId("close-visit"));
    // Back on the patient's visits, read afresh (the visit may have changed).
    expect(await screen.findByTestId("visit-row")).toBeTruthy();
    await waitFor(() => expect(visitsForPatient).toHaveBeenCalledTimes(2));
    fireEvent.click(await screen.findByTestId("new-visit"));
    expect(await screen.findByRole("heading", { name: "New visit" })).toBeTruthy();
    expect(screen.getByTestId("charge-entry")).toBeTruthy();
  });

  it("saves unsaved patient changes before opening a new visit", async () => {
    vi.mocked(patientSave).mockImplementation(async (p) => p);
    const { container } = render(<PatientsScreen initialPatientId={7} />);
    fireEvent.click(await screen.findByTestId("patient-tab-details"));
    fireEvent.change(container.querySelector('[name="home_phone"]')!, { target: { value: "5125550134" } });
    fireEvent.click(screen.getByTestId("new-visit"));
    await waitFor(() => expect(patientSave).toHaveBeenCalledTimes(1));
    expect(await screen.findByTestId("charge-entry")).toBeTruthy();
  });
});
