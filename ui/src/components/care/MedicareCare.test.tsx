import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQuery as render } from "../../test/render";

vi.mock("../../ipc/commands", () => ({
  careEpisodesForPatient: vi.fn(),
  careEpisodeSave: vi.fn(),
  abnsForPatient: vi.fn(),
  abnSave: vi.fn(),
  abnPrint: vi.fn(),
  pdfOpen: vi.fn(),
  careModifiers: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { abnPrint, abnSave, abnsForPatient, careEpisodeSave, careEpisodesForPatient, careModifiers } from "../../ipc/commands";
import { CareModifierHint, withCareModifiers } from "./CareHints";
import { MedicareCare } from "./MedicareCare";

describe("Medicare chiropractic care", () => {
  beforeEach(() => {
    vi.mocked(careEpisodesForPatient).mockReset().mockResolvedValue([
      { episode: { id: 3, patient_id: 7, subluxation: "M99.03", initiation_date: "2026-06-01", maintenance_from: "2026-09-01", notes: "" }, region: "lumbar", phase_today: "maintenance", visit_count: 9 },
    ]);
    vi.mocked(abnsForPatient).mockReset().mockResolvedValue([
      {
        abn: { id: 5, patient_id: 7, signed_on: "2026-08-28", option: "bill_medicare", reason: "Maintenance care", services: [{ code: "98940", description: "Spinal manipulation", estimated_cost: "45.00" }], additional_info: "" },
        valid_until: "2027-08-27",
        status: { state: "valid", until: "2027-08-27" },
        status_label: "valid until 08/27/2027",
      },
    ]);
    vi.mocked(careEpisodeSave).mockReset();
    vi.mocked(abnSave).mockReset();
    vi.mocked(abnPrint).mockReset().mockResolvedValue({ path: "abn-5.pdf", bytes: 4000, title: "ABN" });
  });

  it("lists the episodes with the phase today and the ABNs with their standing, and prints an ABN", async () => {
    render(<MedicareCare patientId={7} />);
    expect((await screen.findByTestId("care-episode-row")).textContent).toContain("Maintenance (GA/GZ)");
    expect((await screen.findByTestId("abn-status")).textContent).toBe("valid until 08/27/2027");
    fireEvent.click(screen.getByTestId("abn-open-print"));
    fireEvent.click(await screen.findByTestId("abn-print"));
    await waitFor(() => expect(abnPrint).toHaveBeenCalledWith(5, "abn-5.pdf"));
  });

  it("saves a new episode and shows a refusal next to its field", async () => {
    vi.mocked(careEpisodeSave)
      .mockRejectedValueOnce({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "subluxation", message: "Use a subluxation code M99.00-M99.09" }] })
      .mockResolvedValueOnce({ id: 4, patient_id: 7, subluxation: "M99.01", initiation_date: "2026-12-01", maintenance_from: null, notes: "" });
    render(<MedicareCare patientId={7} />);
    fireEvent.click(await screen.findByTestId("new-care-episode"));
    fireEvent.change(document.querySelector('[name="subluxation"]')!, { target: { value: "M54.5" } });
    fireEvent.click(screen.getByTestId("care-episode-save"));
    expect((await screen.findByTestId("error-subluxation")).textContent).toContain("M99.00-M99.09");
    fireEvent.change(document.querySelector('[name="subluxation"]')!, { target: { value: "M99.01" } });
    fireEvent.click(screen.getByTestId("care-episode-save"));
    await waitFor(() => expect(screen.queryByTestId("care-episode-form")).toBeNull());
    expect(vi.mocked(careEpisodeSave).mock.calls[1]![0]).toMatchObject({ patient_id: 7, subluxation: "M99.01" });
  });

  it("offers the modifiers the Rust side suggests, replacing only the care modifiers", async () => {
    expect(withCareModifiers(["25", "AT"], ["GA"])).toEqual(["25", "GA"]);
    vi.mocked(careModifiers).mockReset().mockResolvedValue({ modifiers: ["GA"], reason: "maintenance care with a valid ABN: GA" });
    const applied = vi.fn();
    render(<CareModifierHint index={0} episodeId={3} serviceDate="2026-12-01" code="98940" renderingProviderId={2} modifiers={["AT"]} onApply={applied} />);
    expect((await screen.findByTestId("care-modifier-hint")).textContent).toContain("maintenance care with a valid ABN");
    fireEvent.click(screen.getByTestId("care-modifier-apply"));
    expect(applied).toHaveBeenCalledWith(["GA"]);
  });
});
