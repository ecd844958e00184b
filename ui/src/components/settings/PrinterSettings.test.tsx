import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { blankPayer } from "../../lib/blank";

vi.mock("../../ipc/commands", () => ({
  printersList: vi.fn(),
  printerSave: vi.fn(),
  payersList: vi.fn(),
  calibrationPrint: vi.fn(),
  payerClaimSettingsGet: vi.fn(),
  payerClaimSettingsSave: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { calibrationPrint, payerClaimSettingsGet, payerClaimSettingsSave, payersList, printerSave, printersList } from "../../ipc/commands";
import { PrinterSettings } from "./PrinterSettings";

describe("PrinterSettings", () => {
  beforeEach(() => {
    vi.mocked(printersList).mockReset().mockResolvedValue([{ name: "Front desk HP", offset_left_pt: -3.5, offset_top_pt: 6, is_default: true }]);
    vi.mocked(payersList).mockReset().mockResolvedValue([{ ...blankPayer(), id: 4, name: "Medicare" }]);
    vi.mocked(printerSave).mockReset().mockImplementation(async (p) => p);
    vi.mocked(calibrationPrint).mockReset().mockResolvedValue(18000);
    vi.mocked(payerClaimSettingsGet).mockReset().mockResolvedValue({ continued_in_box_28: false, signature_on_file_text: "SIGNATURE ON FILE", form_rules: "medicare" });
    vi.mocked(payerClaimSettingsSave).mockReset().mockResolvedValue(null);
  });

  it("edits a profile's offsets as numbers, prints an alignment page and saves payer paper settings", async () => {
    const { container } = render(<PrinterSettings />);
    fireEvent.click(await screen.findByTestId("printer-row"));
    const left = container.querySelector<HTMLInputElement>('[name="offset_left_pt"]')!;
    expect(left.step).toBe("0.5");
    expect(screen.getByText(/7\.2 pt = one character, 12 pt = one line/)).toBeTruthy();
    fireEvent.change(left, { target: { value: "-4.5" } });
    fireEvent.change(container.querySelector('[name="offset_top_pt"]')!, { target: { value: "12" } });
    fireEvent.click(screen.getByTestId("save-printer"));
    await waitFor(() => expect(printerSave).toHaveBeenCalledWith({ name: "Front desk HP", offset_left_pt: -4.5, offset_top_pt: 12, is_default: true }));

    fireEvent.change(container.querySelector('[name="cal_out_path"]')!, { target: { value: "/tmp/align.pdf" } });
    fireEvent.change(container.querySelector('[name="cal_printer"]')!, { target: { value: "Front desk HP" } });
    fireEvent.click(screen.getByTestId("print-alignment"));
    await waitFor(() => expect(calibrationPrint).toHaveBeenCalledWith("red", "Front desk HP", "/tmp/align.pdf"));
    expect(await screen.findByText(/18000 bytes/)).toBeTruthy();

    await waitFor(() => expect(container.querySelector('[name="payer_id"] option[value="4"]')).not.toBeNull());
    fireEvent.change(container.querySelector('[name="payer_id"]')!, { target: { value: "4" } });
    await waitFor(() => expect(payerClaimSettingsGet).toHaveBeenCalledWith(4));
    fireEvent.click(await screen.findByLabelText(/CONTINUED/));
    // The payer's paper claims follow Medicare's instructions (the Rust side's default for it); switch to NUCC's.
    const rules = container.querySelector<HTMLSelectElement>('select[name="form_rules"]')!;
    expect(rules.closest("label")?.textContent).toContain("Paper claim instructions");
    expect(rules.value).toBe("medicare");
    expect(Array.from(rules.options).map((o) => o.text)).toEqual(["NUCC (1500 Reference Instruction Manual)", "Medicare (Pub. 100-04 ch. 26)"]);
    fireEvent.change(rules, { target: { value: "nucc" } });
    fireEvent.click(screen.getByTestId("save-payer-settings"));
    await waitFor(() =>
      expect(payerClaimSettingsSave).toHaveBeenCalledWith(4, { continued_in_box_28: true, signature_on_file_text: "SIGNATURE ON FILE", form_rules: "nucc" }),
    );
  });

  it("drops unsaved payer edits on switching payers and shows what was saved on coming back", async () => {
    vi.mocked(payersList).mockResolvedValue([
      { ...blankPayer(), id: 4, name: "Medicare" },
      { ...blankPayer(), id: 5, name: "Acme Health" },
    ]);
    const { container } = render(<PrinterSettings />);
    const payer = () => container.querySelector<HTMLSelectElement>('[name="payer_id"]')!;
    const rules = () => container.querySelector<HTMLSelectElement>('select[name="form_rules"]')!;
    await waitFor(() => expect(container.querySelector('[name="payer_id"] option[value="5"]')).not.toBeNull());
    fireEvent.change(payer(), { target: { value: "4" } });
    await waitFor(() => expect(rules().value).toBe("medicare"));
    fireEvent.change(rules(), { target: { value: "nucc" } });
    fireEvent.click(screen.getByTestId("save-payer-settings"));
    expect(await screen.findByText("Payer paper settings saved.")).toBeTruthy();
    // An edit of Acme's left unsaved is dropped on going back to Medicare, which shows what was saved.
    fireEvent.change(payer(), { target: { value: "5" } });
    await waitFor(() => expect(payerClaimSettingsGet).toHaveBeenCalledWith(5));
    await waitFor(() => expect(rules().value).toBe("medicare"));
    fireEvent.change(rules(), { target: { value: "nucc" } });
    fireEvent.change(payer(), { target: { value: "4" } });
    await waitFor(() => expect(rules().value).toBe("nucc"));
    fireEvent.change(payer(), { target: { value: "5" } });
    await waitFor(() => expect(rules().value).toBe("medicare"));
    expect(payerClaimSettingsSave).toHaveBeenCalledTimes(1);
  });
});
