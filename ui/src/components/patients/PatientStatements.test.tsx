import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../ipc/commands", () => ({
  patientBalance: vi.fn(),
  patientLedger: vi.fn(),
  statementsForPatient: vi.fn(),
  statementReprint: vi.fn(),
  statementHold: vi.fn(),
  collectionsSend: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { collectionsSend, statementHold, statementReprint, statementsForPatient } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { PatientStatements } from "./PatientAccount";

describe("patient statements", () => {
  beforeEach(() => {
    vi.mocked(statementsForPatient).mockReset().mockResolvedValue([
      { id: 11, run_id: 1, account_patient_id: 7, statement_date: "2026-01-31", amount_due: "45.10", message_level: "reminder" },
      { id: 12, run_id: 2, account_patient_id: 7, statement_date: "2026-02-28", amount_due: "45.10", message_level: "past_due" },
      { id: 13, run_id: 3, account_patient_id: 7, statement_date: "2026-03-31", amount_due: "45.10", message_level: "final_notice" },
    ]);
    vi.mocked(statementReprint).mockReset();
    vi.mocked(statementHold).mockReset().mockResolvedValue(null);
    vi.mocked(collectionsSend).mockReset().mockResolvedValue(null);
    vi.mocked(choosePdfSave).mockReset();
  });

  it("lists statements with levels in words; Reprint asks for a path and reprints", async () => {
    vi.mocked(choosePdfSave).mockResolvedValue("/tmp/again.pdf");
    vi.mocked(statementReprint).mockResolvedValue(12345);
    render(<PatientStatements patientId={7} />);
    const rows = await screen.findAllByTestId("patient-statement");
    expect(statementsForPatient).toHaveBeenCalledWith(7);
    expect(screen.getAllByTestId("statement-level").map((l) => l.textContent)).toEqual(["Reminder", "Past due", "Final notice"]);
    expect(rows[1]!.textContent).toContain("02/28/2026");
    expect(rows[1]!.textContent).toContain("$45.10");

    fireEvent.click(screen.getAllByTestId("statement-reprint")[1]!);
    await waitFor(() => expect(statementReprint).toHaveBeenCalledWith(12, "/tmp/again.pdf"));
    expect(choosePdfSave).toHaveBeenCalledWith("Reprint statement as PDF", "statement-2026-02-28.pdf");
    expect((await screen.findByTestId("statement-notice")).textContent).toContain("/tmp/again.pdf");
  });

  it("a cancelled path dialog reprints nothing", async () => {
    vi.mocked(choosePdfSave).mockResolvedValue(null);
    render(<PatientStatements patientId={7} />);
    fireEvent.click((await screen.findAllByTestId("statement-reprint"))[0]!);
    await waitFor(() => expect(choosePdfSave).toHaveBeenCalled());
    expect(statementReprint).not.toHaveBeenCalled();
  });

  it("holds with a reason (Enter confirms), releases with an empty reason, sends to collections", async () => {
    const { container } = render(<PatientStatements patientId={7} />);
    await screen.findAllByTestId("patient-statement");
    fireEvent.click(screen.getByTestId("statement-hold"));
    const reason = container.querySelector<HTMLInputElement>('[name="reason"]')!;
    fireEvent.keyDown(reason, { key: "Enter" });
    expect((await screen.findByTestId("error-reason")).textContent).toContain("Enter why");
    expect(statementHold).not.toHaveBeenCalled();
    fireEvent.change(reason, { target: { value: "disputing bill" } });
    fireEvent.keyDown(reason, { key: "Enter" });
    await waitFor(() => expect(statementHold).toHaveBeenCalledWith(7, "disputing bill"));

    fireEvent.click(screen.getByTestId("statement-release"));
    await waitFor(() => expect(statementHold).toHaveBeenLastCalledWith(7, ""));

    fireEvent.click(screen.getByTestId("collections-send"));
    fireEvent.change(container.querySelector<HTMLInputElement>('[name="agency"]')!, { target: { value: "Acme Recovery" } });
    fireEvent.click(screen.getByTestId("statement-action-confirm"));
    await waitFor(() => expect(collectionsSend).toHaveBeenCalledWith(7, "Acme Recovery"));
    expect((await screen.findByTestId("statement-notice")).textContent).toContain("Acme Recovery");
  });
});
