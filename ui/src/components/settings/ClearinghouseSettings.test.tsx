import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Clearinghouse } from "../../bindings/Clearinghouse";
import type { ErrorReport } from "../../bindings/ErrorReport";

vi.mock("../../ipc/commands", () => ({
  clearinghousesList: vi.fn(),
  clearinghouseSave: vi.fn(),
}));

import { clearinghouseSave, clearinghousesList } from "../../ipc/commands";
import { ClearinghouseSettings } from "./ClearinghouseSettings";

function type(container: HTMLElement, name: string, value: string) {
  fireEvent.change(container.querySelector(`[name="${name}"]`)!, { target: { value } });
}

describe("ClearinghouseSettings", () => {
  beforeEach(() => {
    vi.mocked(clearinghousesList).mockReset().mockResolvedValue([]);
    vi.mocked(clearinghouseSave).mockReset();
  });

  it("sends every field of a new clearinghouse (first one is the default)", async () => {
    const { container } = render(<ClearinghouseSettings />);
    await waitFor(() => expect(clearinghousesList).toHaveBeenCalled());
    fireEvent.click(screen.getByTestId("add-clearinghouse"));
    type(container, "name", "Office Ally");
    type(container, "submitter_name", "BACK BAY CHIROPRACTIC");
    type(container, "submitter_id", "OA12345");
    type(container, "contact_name", "Jane Biller");
    type(container, "contact_phone", "6175550100");
    type(container, "receiver_name", "OFFICE ALLY");
    type(container, "receiver_id", "330897513");
    type(container, "sender_qualifier", "zz");
    type(container, "sender_id", "OA12345");
    type(container, "receiver_qualifier", "30");
    type(container, "interchange_receiver_id", "330897513");
    fireEvent.click(container.querySelector('input[name="production"][value="production"]')!);
    const saved: Clearinghouse = {
      id: 3,
      name: "Office Ally",
      submitter_name: "BACK BAY CHIROPRACTIC",
      submitter_id: "OA12345",
      contact_name: "Jane Biller",
      contact_phone: "6175550100",
      receiver_name: "OFFICE ALLY",
      receiver_id: "330897513",
      sender_qualifier: "ZZ",
      sender_id: "OA12345",
      receiver_qualifier: "30",
      interchange_receiver_id: "330897513",
      production: true,
      is_default: true,
    };
    vi.mocked(clearinghouseSave).mockResolvedValue(saved);
    fireEvent.click(screen.getByTestId("save-clearinghouse"));
    await waitFor(() => expect(clearinghouseSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(clearinghouseSave).mock.calls[0]![0]).toEqual({ ...saved, id: null });
    expect(await screen.findByText("Clearinghouse “Office Ally” saved.")).toBeTruthy();
    expect(clearinghousesList).toHaveBeenCalledTimes(2);
  });

  it("shows each field error by its input and keeps the rest in the banner", async () => {
    const { container } = render(<ClearinghouseSettings />);
    await waitFor(() => expect(clearinghousesList).toHaveBeenCalled());
    fireEvent.click(screen.getByTestId("add-clearinghouse"));
    type(container, "name", "Availity");
    type(container, "sender_qualifier", "Q");
    const report: ErrorReport = {
      kind: "invalid",
      message: "The clearinghouse was not saved: 3 fields need attention.",
      fields: [
        { field: "submitter_id", message: "Enter the submitter ID (ETIN) the clearinghouse gave you." },
        { field: "sender_qualifier", message: "ISA05 is a 2-character qualifier such as ZZ." },
        { field: "production", message: "Only one production clearinghouse can be the default." },
        { field: "isa_repetition", message: "Something else." },
      ],
    };
    vi.mocked(clearinghouseSave).mockRejectedValue(report);
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect((await screen.findByTestId("error-submitter_id")).textContent).toBe("Enter the submitter ID (ETIN) the clearinghouse gave you.");
    const q = container.querySelector<HTMLInputElement>('[name="sender_qualifier"]')!;
    expect(q.getAttribute("aria-invalid")).toBe("true");
    expect(q.closest("label")!.querySelector('[data-testid="error-sender_qualifier"]')!.textContent).toContain("ISA05");
    expect(q.value).toBe("Q");
    expect(screen.getByTestId("error-production").textContent).toContain("production");
    const banner = screen.getByTestId("error-banner");
    expect(banner.textContent).toContain("was not saved");
    expect(banner.textContent).toContain("Something else.");
    expect(banner.textContent).not.toContain("ETIN");
    expect(container.querySelector<HTMLInputElement>('[name="name"]')!.value).toBe("Availity");
  });

  it("lists clearinghouses and opens one to edit", async () => {
    vi.mocked(clearinghousesList).mockResolvedValue([
      { id: 2, name: "Availity", submitter_name: "X", submitter_id: "AV1", contact_name: "", contact_phone: "", receiver_name: "AVAILITY", receiver_id: "030240928", sender_qualifier: "ZZ", sender_id: "AV1", receiver_qualifier: "01", interchange_receiver_id: "030240928", production: false, is_default: true },
    ]);
    const { container } = render(<ClearinghouseSettings />);
    const row = await screen.findByTestId("clearinghouse-row");
    expect(row.textContent).toContain("Test");
    fireEvent.click(row);
    expect(container.querySelector<HTMLInputElement>('[name="interchange_receiver_id"]')!.value).toBe("030240928");
    expect(container.querySelector<HTMLInputElement>('input[name="production"][value="test"]')!.checked).toBe(true);
  });
});
