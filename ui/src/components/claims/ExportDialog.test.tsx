import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Clearinghouse } from "../../bindings/Clearinghouse";
import type { ExportReport } from "../../bindings/ExportReport";

vi.mock("../../ipc/commands", () => ({
  claimsExport837: vi.fn(),
  clearinghousesList: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choose837Save: vi.fn() }));
vi.mock("../../ipc/events", () => ({ onExportProgress: vi.fn() }));

import { claimsExport837, clearinghousesList } from "../../ipc/commands";
import { choose837Save } from "../../ipc/dialogs";
import { onExportProgress, type ExportProgress } from "../../ipc/events";
import { blankClearinghouse } from "../../lib/blank";
import { todayIso } from "../../lib/format";
import { ExportDialog } from "./ExportDialog";

const houses: Clearinghouse[] = [
  { ...blankClearinghouse(), id: 1, name: "Availity", production: true },
  { ...blankClearinghouse(), id: 2, name: "Office Ally", production: true, is_default: true },
];

describe("ExportDialog", () => {
  let emit: (p: ExportProgress) => void = () => undefined;
  const unlisten = vi.fn();

  beforeEach(() => {
    vi.mocked(clearinghousesList).mockReset().mockResolvedValue(houses);
    vi.mocked(claimsExport837).mockReset();
    vi.mocked(choose837Save).mockReset();
    unlisten.mockReset();
    vi.mocked(onExportProgress)
      .mockReset()
      .mockImplementation(async (cb) => {
        emit = cb;
        return unlisten;
      });
  });

  it("sends the ExportRequest, shows progress events, then the report", async () => {
    let finish: (r: ExportReport) => void = () => undefined;
    vi.mocked(claimsExport837).mockImplementation(() => new Promise<ExportReport>((res) => (finish = res)));
    const { container } = render(<ExportDialog claimIds={[9, 10, 11]} markSubmitted={true} onClose={() => undefined} />);
    const out = container.querySelector<HTMLInputElement>('[name="out_path_837"]')!;
    expect(out.value).toBe(`claims-${todayIso()}.837`);
    // The default clearinghouse is preselected.
    await waitFor(() => expect(container.querySelector<HTMLSelectElement>('[name="clearinghouse_id"]')!.value).toBe("2"));
    expect(container.querySelector<HTMLInputElement>('[name="mark_submitted"]')!.checked).toBe(true);
    fireEvent.change(out, { target: { value: "/home/dr/837/batch-7.837" } });

    fireEvent.click(screen.getByTestId("export-confirm"));
    await waitFor(() => expect(claimsExport837).toHaveBeenCalledTimes(1));
    expect(vi.mocked(claimsExport837).mock.calls[0]![0]).toEqual({
      claim_ids: [9, 10, 11],
      clearinghouse_id: 2,
      out_path: "/home/dr/837/batch-7.837",
      mark_submitted: true,
    });
    expect(vi.mocked(onExportProgress).mock.invocationCallOrder[0]!).toBeLessThan(vi.mocked(claimsExport837).mock.invocationCallOrder[0]!);

    const bar = screen.getByTestId("export-progress") as HTMLProgressElement;
    act(() => emit({ done: 2, total: 3 }));
    expect(bar.value).toBe(2);
    expect(bar.max).toBe(3);
    expect(screen.getByText("2 of 3")).toBeTruthy();

    await act(async () => finish({ path: "/home/dr/837/batch-7.837", claims: 3, transaction_sets: 1, interchange_control_number: 42, bytes: 4100, batch_id: 12 }));
    const done = await screen.findByTestId("export-done");
    expect(done.textContent).toContain("3 claims");
    expect(done.textContent).toContain("000000042");
    expect(done.textContent).toContain("/home/dr/837/batch-7.837");
    expect(screen.queryByTestId("export-progress")).toBeNull();
    expect(screen.queryByTestId("export-confirm")).toBeNull();
    expect(unlisten).toHaveBeenCalled();
  });

  it("a re-export to another clearinghouse records nothing and uses the chosen file; a refusal shows by the field", async () => {
    vi.mocked(choose837Save).mockResolvedValue("/tmp/resend.837");
    vi.mocked(claimsExport837).mockRejectedValue({ kind: "invalid", message: "The file was not written.", fields: [{ field: "out_path", message: "The folder /tmp does not exist." }] });
    const { container } = render(<ExportDialog claimIds={[9]} markSubmitted={false} defaultName="claim-C9.837" onClose={() => undefined} />);
    await waitFor(() => expect(container.querySelector<HTMLSelectElement>('[name="clearinghouse_id"]')!.value).toBe("2"));
    fireEvent.change(container.querySelector('[name="clearinghouse_id"]')!, { target: { value: "1" } });
    fireEvent.click(screen.getByRole("button", { name: "Browse…" }));
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('[name="out_path_837"]')!.value).toBe("/tmp/resend.837"));
    expect(choose837Save).toHaveBeenCalledWith("Save 837P claim file as", "claim-C9.837");
    fireEvent.click(screen.getByTestId("export-confirm"));
    expect((await screen.findByTestId("error-out_path_837")).textContent).toBe("The folder /tmp does not exist.");
    expect(vi.mocked(claimsExport837).mock.calls[0]![0]).toEqual({ claim_ids: [9], clearinghouse_id: 1, out_path: "/tmp/resend.837", mark_submitted: false });
    expect(unlisten).toHaveBeenCalled();
  });

  it("without a clearinghouse says so, links to setup and cannot export", async () => {
    vi.mocked(clearinghousesList).mockResolvedValue([]);
    const onOpenSetup = vi.fn();
    render(<ExportDialog claimIds={[9]} markSubmitted={true} onClose={() => undefined} onOpenSetup={onOpenSetup} />);
    expect((await screen.findByTestId("export-no-clearinghouse")).textContent).toContain("No clearinghouse");
    expect((screen.getByTestId("export-confirm") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("export-setup-link"));
    expect(onOpenSetup).toHaveBeenCalled();
    expect(claimsExport837).not.toHaveBeenCalled();
  });
});
