import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQuery as render } from "../../test/render";
import { testSession } from "../../test/session";

vi.mock("../../ipc/commands", () => ({
  recoveryKeyPending: vi.fn(),
  recoverySheetSave: vi.fn(),
  recoverySheetDone: vi.fn(),
  sessionRecover: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { recoveryKeyPending, recoverySheetDone, recoverySheetSave, sessionRecover } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { RecoverForm, RecoverySheetScreen } from "./Recovery";

const KEY = "7KQ2-M9XD-AB12-CD34-EF56-GH78-JK90-MN12";

describe("RecoverySheetScreen", () => {
  beforeEach(() => {
    vi.mocked(recoveryKeyPending).mockReset().mockResolvedValue(KEY);
    vi.mocked(recoverySheetSave).mockReset().mockResolvedValue(null);
    vi.mocked(recoverySheetDone).mockReset().mockResolvedValue(testSession({ recovery_sheet_pending: false }));
    vi.mocked(choosePdfSave).mockReset().mockResolvedValue("/safe/Clinic recovery sheet.pdf");
  });

  it("shows the key the Rust side made, saves the sheet where chosen, and goes on only once confirmed", async () => {
    const done = vi.fn();
    render(<RecoverySheetScreen practiceName="Clinic" onDone={done} />);
    await waitFor(() => expect(screen.getByTestId("recovery-key").textContent).toBe(KEY));
    expect(screen.getByTestId("recovery-sheet").textContent).toContain("forgetting every");
    fireEvent.click(screen.getByTestId("recovery-save"));
    await waitFor(() => expect(recoverySheetSave).toHaveBeenCalledWith("/safe/Clinic recovery sheet.pdf"));
    expect((screen.getByTestId("recovery-done") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("recovery-confirm"));
    fireEvent.click(screen.getByTestId("recovery-done"));
    await waitFor(() => expect(done).toHaveBeenCalled());
  });
});

describe("RecoverForm", () => {
  beforeEach(() => {
    vi.mocked(sessionRecover).mockReset();
  });

  it("sends the key, login and new password, and shows a refusal next to its field", async () => {
    vi.mocked(sessionRecover).mockRejectedValueOnce({
      kind: "invalid",
      message: "That recovery key does not open this practice file",
      fields: [{ field: "recovery_key", message: "That recovery key does not open this practice file" }],
    });
    const done = vi.fn();
    render(<RecoverForm onDone={done} onCancel={() => {}} />);
    fireEvent.change(screen.getByLabelText("Recovery key"), { target: { value: KEY.toLowerCase() } });
    fireEvent.change(screen.getByLabelText("Administrator login"), { target: { value: " admin " } });
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: "a new office phrase" } });
    fireEvent.change(screen.getByLabelText("New password again"), { target: { value: "a new office phrase" } });
    fireEvent.click(screen.getByTestId("recover-submit"));
    await waitFor(() => expect(screen.getByTestId("error-recovery_key")).toBeTruthy());
    expect(sessionRecover).toHaveBeenCalledWith(KEY.toLowerCase(), "admin", "a new office phrase");
    expect(done).not.toHaveBeenCalled();
  });
});
