import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PracticeFileInfo } from "../../bindings/PracticeFileInfo";

vi.mock("../../ipc/commands", () => ({
  practiceUpdate: vi.fn(),
  providersList: vi.fn(),
  facilitiesList: vi.fn(),
  facilitySave: vi.fn(),
  payersList: vi.fn(),
}));

import { facilitiesList, facilitySave, practiceUpdate } from "../../ipc/commands";
import { blankPractice } from "../../lib/blank";
import { SetupScreen } from "./SetupScreen";

const info: PracticeFileInfo = {
  path: "/home/dr/ClaimDesk/Riverside.claimdesk",
  practice: { ...blankPractice(), name: "Riverside Family Medicine", address: { line1: "100 Congress Ave", line2: "", city: "Austin", state: "TX", zip: "78701" } },
  schema_version: 1,
  patient_count: 0,
};

/** What the Rust side answers for a 5-digit ZIP on a billing or facility address. */
const zipRefused = (field: string, message = "Use the ZIP+4 (9 digits, e.g. 78701-1234)."): ErrorReport => ({
  kind: "invalid",
  message: "Please correct the highlighted fields.",
  fields: [{ field, message }],
});

function zipInput(container: HTMLElement): HTMLInputElement {
  const el = container.querySelector<HTMLInputElement>('input[name="address.zip"]');
  if (!el) throw new Error("no address.zip input");
  return el;
}

describe("SetupScreen ZIP+4 addresses", () => {
  beforeEach(() => {
    vi.mocked(practiceUpdate).mockReset();
    vi.mocked(facilitiesList).mockReset().mockResolvedValue([]);
    vi.mocked(facilitySave).mockReset();
  });

  it("asks the practice for its ZIP+4 and shows a refused ZIP next to the field", async () => {
    const { container } = render(<SetupScreen info={info} onPracticeSaved={() => undefined} />);
    const zip = zipInput(container);
    expect(zip.closest("label")?.textContent).toContain("ZIP+4");
    expect(zip.placeholder).toBe("78701-1234");
    // The practice commands may name the field with or without "practice.".
    for (const field of ["address.zip", "practice.address.zip"]) {
      const message = `${field}: use the ZIP+4 (9 digits, e.g. 78701-1234).`;
      vi.mocked(practiceUpdate).mockRejectedValueOnce(zipRefused(field, message));
      fireEvent.click(screen.getByTestId("save-practice"));
      await waitFor(() => expect(screen.getByTestId("error-address.zip").textContent).toBe(message));
      expect(zip.closest("label")!.contains(screen.getByTestId("error-address.zip"))).toBe(true);
      expect(zip.getAttribute("aria-invalid")).toBe("true");
      expect(zip.value).toBe("78701");
    }
    vi.mocked(practiceUpdate).mockImplementation(async (p) => p);
    fireEvent.change(zip, { target: { value: "78701-1234" } });
    fireEvent.click(screen.getByTestId("save-practice"));
    await waitFor(() => expect(practiceUpdate).toHaveBeenCalledWith(expect.objectContaining({ address: expect.objectContaining({ zip: "78701-1234" }) })));
    await waitFor(() => expect(screen.queryByTestId("error-address.zip")).toBeNull());
  });

  it("asks a service facility for its ZIP+4 and shows a refused ZIP next to the field", async () => {
    const { container } = render(<SetupScreen info={info} onPracticeSaved={() => undefined} initialTab="facilities" />);
    fireEvent.click(await screen.findByTestId("add-facility"));
    const zip = zipInput(container);
    expect(zip.closest("label")?.textContent).toContain("ZIP+4");
    expect(zip.placeholder).toBe("78701-1234");
    fireEvent.change(container.querySelector('input[name="name"]')!, { target: { value: "Eastside Clinic" } });
    fireEvent.change(zip, { target: { value: "78702" } });
    vi.mocked(facilitySave).mockRejectedValueOnce(zipRefused("address.zip"));
    fireEvent.click(screen.getByTestId("save-facility"));
    const err = await screen.findByTestId("error-address.zip");
    expect(err.textContent).toContain("ZIP+4");
    expect(zip.closest("label")!.contains(err)).toBe(true);
    expect(zip.value).toBe("78702");
  });
});
