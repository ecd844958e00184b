import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PrintReport } from "../../bindings/PrintReport";

vi.mock("../../ipc/commands", () => ({
  claimsPrint: vi.fn(),
  printersList: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));
vi.mock("../../ipc/events", () => ({ onPrintProgress: vi.fn() }));

import { claimsPrint, pdfOpen, printersList } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { onPrintProgress, type PrintProgress } from "../../ipc/events";
import { todayIso } from "../../lib/format";
import { PrintDialog } from "./PrintDialog";

describe("PrintDialog", () => {
  let emit: (p: PrintProgress) => void = () => undefined;
  const unlisten = vi.fn();

  beforeEach(() => {
    vi.mocked(printersList).mockReset().mockResolvedValue([
      { name: "Front desk HP", offset_left_pt: -3.5, offset_top_pt: 6, is_default: true },
      { name: "Back office", offset_left_pt: 0, offset_top_pt: 0, is_default: false },
    ]);
    vi.mocked(claimsPrint).mockReset();
    vi.mocked(pdfOpen).mockReset().mockResolvedValue(null);
    vi.mocked(choosePdfSave).mockReset();
    unlisten.mockReset();
    vi.mocked(onPrintProgress)
      .mockReset()
      .mockImplementation(async (cb) => {
        emit = cb;
        return unlisten;
      });
  });

  it("sends the PrintRequest, shows progress events, then the report with Open PDF", async () => {
    let finish: (r: PrintReport) => void = () => undefined;
    vi.mocked(claimsPrint).mockImplementation(() => new Promise<PrintReport>((res) => (finish = res)));
    const { container } = render(<PrintDialog claimIds={[9, 10, 11]} markSubmitted={true} onClose={() => undefined} />);
    const out = container.querySelector<HTMLInputElement>('[name="out_path"]')!;
    expect(out.value).toBe(`claims-${todayIso()}.pdf`);
    // The default profile is preselected.
    await waitFor(() => expect(container.querySelector<HTMLSelectElement>('[name="printer"]')!.value).toBe("Front desk HP"));
    fireEvent.click(container.querySelector('input[name="form"][value="full"]')!);
    fireEvent.change(out, { target: { value: "/home/dr/claims/batch-1.pdf" } });
    expect(container.querySelector<HTMLInputElement>('[name="mark_submitted"]')!.checked).toBe(true);

    fireEvent.click(screen.getByTestId("print-confirm"));
    await waitFor(() => expect(claimsPrint).toHaveBeenCalledTimes(1));
    expect(vi.mocked(claimsPrint).mock.calls[0]![0]).toEqual({
      claim_ids: [9, 10, 11],
      form: "full",
      out_path: "/home/dr/claims/batch-1.pdf",
      mark_submitted: true,
      printer: "Front desk HP",
    });
    // Listening started before printing.
    expect(vi.mocked(onPrintProgress).mock.invocationCallOrder[0]!).toBeLessThan(vi.mocked(claimsPrint).mock.invocationCallOrder[0]!);

    const bar = screen.getByTestId("print-progress") as HTMLProgressElement;
    act(() => emit({ done: 1, total: 3 }));
    expect(bar.value).toBe(1);
    expect(bar.max).toBe(3);
    act(() => emit({ done: 2, total: 3 }));
    expect(screen.getByText("2 of 3")).toBeTruthy();

    await act(async () => finish({ path: "/home/dr/claims/batch-1.pdf", claims: 3, pages: 4, bytes: 52000, batch_id: 12 }));
    const done = await screen.findByTestId("print-done");
    expect(done.textContent).toContain("3");
    expect(done.textContent).toContain("4 pages");
    expect(done.textContent).toContain("/home/dr/claims/batch-1.pdf");
    expect(screen.queryByTestId("print-progress")).toBeNull();
    expect(unlisten).toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("open-pdf"));
    await waitFor(() => expect(pdfOpen).toHaveBeenCalledWith("/home/dr/claims/batch-1.pdf"));
  });

  it("a reprint records nothing, uses the chosen file and shows a refusal in the banner", async () => {
    vi.mocked(choosePdfSave).mockResolvedValue("/tmp/claim-C9.pdf");
    vi.mocked(claimsPrint).mockRejectedValue({ kind: "file", message: "Cannot write /tmp/claim-C9.pdf: permission denied.", fields: [] });
    const { container } = render(<PrintDialog claimIds={[9]} markSubmitted={false} defaultName="claim-C9.pdf" onClose={() => undefined} />);
    await waitFor(() => expect(printersList).toHaveBeenCalled());
    fireEvent.click(screen.getByRole("button", { name: "Browse…" }));
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('[name="out_path"]')!.value).toBe("/tmp/claim-C9.pdf"));
    expect(choosePdfSave).toHaveBeenCalledWith("Save claims as PDF", "claim-C9.pdf");
    fireEvent.click(screen.getByTestId("print-confirm"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("permission denied");
    expect(vi.mocked(claimsPrint).mock.calls[0]![0]).toMatchObject({ claim_ids: [9], form: "red", mark_submitted: false, printer: "Front desk HP" });
    expect(unlisten).toHaveBeenCalled();
  });
});
