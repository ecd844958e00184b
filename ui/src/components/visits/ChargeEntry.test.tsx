import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { clearDrafts, DraftScope } from "../../session/drafts";
import { newQueryClient } from "../../ipc/query";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ClaimSummary } from "../../bindings/ClaimSummary";
import type { Diagnosis } from "../../bindings/Diagnosis";
import type { Provider } from "../../bindings/Provider";
import type { ScrubResult } from "../../bindings/ScrubResult";
import type { Visit } from "../../bindings/Visit";

vi.mock("../../ipc/commands", () => ({
  providersList: vi.fn(),
  facilitiesList: vi.fn(),
  visitGet: vi.fn(),
  visitSave: vi.fn(),
  visitSummary: vi.fn(),
  codesSearch: vi.fn(),
  codesInfo: vi.fn(),
  visitLimits: vi.fn(async () => ({ max_diagnoses: 12, max_pointers: 4, max_modifiers: 4 })),
  feeCharge: vi.fn(),
  claimCreate: vi.fn(),
  claimScrub: vi.fn(),
  claimsList: vi.fn(),
  claimAcknowledge: vi.fn(),
  visitAllowances: vi.fn(),
  visitVoid: vi.fn(),
}));

import {
  visitVoid,
  visitAllowances,
  claimAcknowledge,
  claimCreate,
  claimScrub,
  claimsList,
  codesInfo,
  visitLimits,
  codesSearch,
  facilitiesList,
  feeCharge,
  providersList,
  visitGet,
  visitSave,
  visitSummary,
} from "../../ipc/commands";
import { blankVisit } from "../../lib/visit";
import { ChargeEntry } from "./ChargeEntry";

const CODES: Diagnosis[] = [
  { code: "M99.0", billable: false, description: "Segmental and somatic dysfunction" },
  { code: "M99.01", billable: true, description: "Segmental and somatic dysfunction of cervical region" },
  { code: "M99.03", billable: true, description: "Segmental and somatic dysfunction of lumbar region" },
  { code: "M54.50", billable: true, description: "Low back pain, unspecified" },
];

const provider: Provider = {
  id: 3,
  last_name: "Adams",
  first_name: "Lee",
  middle_name: "",
  credentials: "DC",
  npi: "1234567893",
  taxonomy: "111N00000X",
  license_number: "",
  is_rendering: true,
  is_referring: false,
  active: true,
};

const claim: ClaimSummary = {
  id: 9,
  control_number: "C000009",
  visit_id: 50,
  patient_id: 7,
  account_number: "1007",
  patient_name: "GARCIA, MARIA",
  payer: "Medicare",
  payer_rank: 1,
  service_date: "2026-03-02",
  status: "draft",
  frequency: "original",
  charge: "135.00",
  scrub_errors: null,
  scrub_warnings: null,
  submitted_at: null,
};

function input(container: HTMLElement, name: string): HTMLInputElement {
  const el = container.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no input named ${name}`);
  return el;
}
function type(container: HTMLElement, name: string, value: string) {
  fireEvent.change(input(container, name), { target: { value } });
}

async function renderNew(extra: Partial<Parameters<typeof ChargeEntry>[0]> = {}) {
  const utils = render(<ChargeEntry patientId={7} visitId={null} onClose={() => undefined} {...extra} />);
  // The single rendering provider is preselected.
  await waitFor(() => expect(input(utils.container, "rendering_provider_id").value).toBe("3"));
  return utils;
}

async function addDx(container: HTMLElement, query: string, downs = 0) {
  const box = screen.getByTestId("dx-search");
  fireEvent.change(box, { target: { value: query } });
  await waitFor(() => expect(screen.getAllByTestId("dx-result").length).toBeGreaterThan(0));
  for (let i = 0; i < downs; i++) fireEvent.keyDown(box, { key: "ArrowDown" });
  fireEvent.keyDown(box, { key: "Enter" });
  void container;
}

describe("ChargeEntry", () => {
  beforeEach(() => {
    vi.mocked(providersList).mockReset().mockResolvedValue([provider, { ...provider, id: 4, last_name: "Ref", is_rendering: false, is_referring: true }]);
    vi.mocked(facilitiesList).mockReset().mockResolvedValue([]);
    vi.mocked(visitGet).mockReset();
    vi.mocked(visitSave).mockReset();
    vi.mocked(visitSummary).mockReset().mockRejectedValue("no such visit");
    vi.mocked(codesInfo).mockReset().mockResolvedValue({ year: "2026", release: "2025-07", source: "CDC", billable_count: 74000, total_count: 98000 });
    vi.mocked(codesSearch)
      .mockReset()
      .mockImplementation(async (q: string) => CODES.filter((c) => c.code.startsWith(q.toUpperCase())));
    vi.mocked(feeCharge)
      .mockReset()
      .mockImplementation(async (code: string, _m: string, _d: string, units: number) => (code === "98941" ? "55.00" : code === "97140" ? (units === 2 ? "70.00" : "35.00") : null));
    vi.mocked(claimCreate).mockReset();
    vi.mocked(claimScrub).mockReset();
    vi.mocked(claimsList).mockReset().mockResolvedValue({ rows: [], total: 0, offset: 0 });
    vi.mocked(claimAcknowledge).mockReset();
    vi.mocked(visitAllowances).mockReset().mockResolvedValue([]);
  });

  it("voids a saved visit with the reason given, and shows a refusal next to the reason", async () => {
    const saved: Visit = { ...blankVisit(7), id: 50, service_date: "2026-11-02", rendering_provider_id: 3, diagnoses: ["M99.03"], lines: [] };
    vi.mocked(visitGet).mockResolvedValue(saved);
    vi.mocked(visitVoid)
      .mockReset()
      .mockRejectedValueOnce({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "reason", message: "Say why the visit is voided" }] })
      .mockResolvedValueOnce(null);
    const closed = vi.fn();
    render(<ChargeEntry patientId={7} visitId={50} onClose={closed} />);
    fireEvent.click(await screen.findByTestId("void-visit"));
    fireEvent.click(screen.getByTestId("void-visit-confirm"));
    expect((await screen.findByTestId("error-void_reason")).textContent).toContain("Say why the visit is voided");
    fireEvent.change(document.querySelector('[name="void_reason"]')!, { target: { value: "Entered for the wrong patient" } });
    fireEvent.click(screen.getByTestId("void-visit-confirm"));
    await waitFor(() => expect(closed).toHaveBeenCalled());
    expect(visitVoid).toHaveBeenLastCalledWith(50, "Entered for the wrong patient");
  });

  it("shows what the visit uses of the plan's limits, as the Rust side counts it, and warns near the end", async () => {
    vi.mocked(visitAllowances).mockImplementation(async (q) =>
      q.codes.includes("98941")
        ? [
            { payer_name: "Acme Health", authorization_number: null, used: 10, allowed: 12, left: 2, ends: "2026-12-31", warning: true, message: "2 of 12 visits left this plan year (ends 12/31/2026)" },
            { payer_name: "Acme Health", authorization_number: "AU-77", used: 2, allowed: 6, left: 4, ends: "2027-03-31", warning: false, message: "Authorization AU-77 2 of 6 used, ends 03/31" },
          ]
        : [],
    );
    const { container } = await renderNew();
    expect(screen.queryByTestId("visit-allowances")).toBeNull();
    type(container, "service_date", "2026-11-02");
    type(container, "lines[0].code", "98941");
    const warning = await screen.findByTestId("visit-allowance-warning");
    expect(warning.textContent).toContain("2 of 12 visits left this plan year");
    expect(warning.getAttribute("role")).toBe("alert");
    expect(screen.getByTestId("visit-allowance").textContent).toContain("Authorization AU-77 2 of 6 used, ends 03/31");
    expect(visitAllowances).toHaveBeenLastCalledWith({ patient_id: 7, visit_id: null, service_date: "2026-11-02", codes: ["98941"] });
  });

  it("keeps the typed visit through a screen lock (the form unmounts and comes back) without reading it again", async () => {
    clearDrafts();
    const client = newQueryClient();
    const ui = (shown: boolean) => <DraftScope name="patients-1/visit-7-new">{shown ? <ChargeEntry patientId={7} visitId={null} onClose={() => undefined} /> : null}</DraftScope>;
    const { container, rerender } = render(ui(true), client);
    await waitFor(() => expect(input(container, "rendering_provider_id").value).toBe("3"));
    type(container, "lines[0].code", "98941");
    type(container, "lines[0].modifiers", "25");
    rerender(ui(false));
    expect(container.querySelector('[name="lines[0].code"]')).toBeNull();
    rerender(ui(true));
    expect(input(container, "lines[0].code").value).toBe("98941");
    expect(input(container, "lines[0].modifiers").value).toBe("25");
    expect(input(container, "rendering_provider_id").value).toBe("3");
    expect(visitGet).not.toHaveBeenCalled();
    clearDrafts();
  });

  it("diagnosis picker adds a billable code on Enter and refuses a header", async () => {
    const { container } = await renderNew();
    expect((await screen.findByTestId("code-set-info")).textContent).toBe("ICD-10-CM FY2026 (CDC)");
    const box = screen.getByTestId("dx-search");
    fireEvent.change(box, { target: { value: "M99.0" } });
    const results = await screen.findAllByTestId("dx-result");
    expect(results[0]!.textContent).toContain("header — pick a more specific code");
    // The first billable code is highlighted; up onto the header, Enter refuses it.
    expect(results[1]!.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(box, { key: "ArrowUp" });
    expect(results[0]!.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(box, { key: "Enter" });
    expect(container.querySelector('[name="diagnoses[0]"]')).toBeNull();
    expect(screen.getByTestId("dx-note").textContent).toContain("header");
    // Down to the billable code, Enter adds it as A.
    fireEvent.keyDown(box, { key: "ArrowDown" });
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(input(container, "diagnoses[0]").value).toBe("M99.01"));
    expect(screen.getByTestId("dx-list").textContent).toContain("cervical region");
    expect((box as HTMLInputElement).value).toBe("");
    // The same code again is refused.
    await addDx(container, "M99.01");
    expect(screen.getByTestId("dx-note").textContent).toContain("already diagnosis A");
    expect(container.querySelector('[name="diagnoses[1]"]')).toBeNull();
  });

  it("refuses a diagnosis past the limit the Rust side sends", async () => {
    vi.mocked(visitLimits).mockResolvedValueOnce({ max_diagnoses: 1, max_pointers: 4, max_modifiers: 4 });
    const { container } = await renderNew();
    await addDx(container, "M99.0");
    await waitFor(() => expect(input(container, "diagnoses[0]").value).toBe("M99.01"));
    await addDx(container, "M99.0", 1);
    await waitFor(() => expect(screen.getByTestId("dx-note").textContent).toContain("at most 1 diagnoses"));
    expect(container.querySelector('[name="diagnoses[1]"]')).toBeNull();
  });

  it("sends a new visit with diagnoses in order, lines with pointers, modifiers, units, charges and null dates", async () => {
    const { container } = await renderNew();
    type(container, "service_date", "2026-03-02");
    await addDx(container, "M99.03");
    await waitFor(() => expect(input(container, "diagnoses[0]").value).toBe("M99.03"));
    await addDx(container, "M54.5");
    await waitFor(() => expect(input(container, "diagnoses[1]").value).toBe("M54.50"));

    type(container, "lines[0].code", "98941");
    type(container, "lines[0].modifiers", "at");
    type(container, "lines[0].pointers", "ab");
    // The fee schedule fills the charge (fee × units computed by Rust).
    await waitFor(() => expect(input(container, "lines[0].charge").value).toBe("55.00"));
    expect(feeCharge).toHaveBeenLastCalledWith("98941", "AT", "2026-03-02", 1);

    fireEvent.click(screen.getByTestId("add-line"));
    await waitFor(() => expect(document.activeElement).toBe(input(container, "lines[1].code")));
    type(container, "lines[1].code", "97140");
    type(container, "lines[1].modifiers", "59, go");
    type(container, "lines[1].pointers", "B");
    type(container, "lines[1].units", "2");
    await waitFor(() => expect(input(container, "lines[1].charge").value).toBe("70.00"));
    // A typed charge that differs from the fee asks for a reason.
    expect(container.querySelector('[name="lines[1].charge_override_reason"]')).toBeNull();
    type(container, "lines[1].charge", "80.00");
    type(container, "lines[1].charge_override_reason", "Extended session");
    type(container, "initial_treatment_date", "2026-02-01");

    vi.mocked(visitSave).mockImplementation(async (v) => ({ ...v, id: 50 }));
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await waitFor(() => expect(visitSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(visitSave).mock.calls[0]![0]).toEqual({
      id: null,
      patient_id: 7,
      service_date: "2026-03-02",
      rendering_provider_id: 3,
      referring_provider_id: null,
      facility_id: null,
      place_of_service: "11",
      diagnoses: ["M99.03", "M54.50"],
      lines: [
        { id: null, service_from: null, service_to: null, code: "98941", modifiers: ["AT"], pointers: [1, 2], units: 1, charge: "55.00", charge_override_reason: "", supplemental: "", emergency: false },
        { id: null, service_from: null, service_to: null, code: "97140", modifiers: ["59", "GO"], pointers: [2], units: 2, charge: "80.00", charge_override_reason: "Extended session", supplemental: "", emergency: false },
      ],
      conditions: { employment: false, auto_accident: false, auto_accident_state: "", other_accident: false, accident_date: null },
      onset_date: null,
      initial_treatment_date: "2026-02-01",
      last_xray_date: null,
      prior_authorization: "",
      additional_info: "",
      abn_on_file: false,
      epsdt: null,
      episode_id: null,
    } satisfies Visit);
  });

  it("shows pointers [1,2] as AB, keeps them through a save, and remaps them when diagnoses move", async () => {
    const existing: Visit = {
      id: 50,
      patient_id: 7,
      service_date: "2026-03-02",
      rendering_provider_id: 3,
      referring_provider_id: null,
      facility_id: null,
      place_of_service: "11",
      diagnoses: ["M99.03", "M54.50"],
      lines: [{ id: 70, service_from: null, service_to: null, code: "98941", modifiers: ["25", "59"], pointers: [1, 2], units: 1, charge: "55.00", charge_override_reason: "", supplemental: "", emergency: false }],
      conditions: { employment: false, auto_accident: false, auto_accident_state: "", other_accident: false, accident_date: null },
      onset_date: null,
      initial_treatment_date: null,
      last_xray_date: null,
      prior_authorization: "",
      additional_info: "",
      abn_on_file: false,
      epsdt: null,
      episode_id: null,
    };
    vi.mocked(visitGet).mockResolvedValue(existing);
    vi.mocked(visitSummary).mockResolvedValue({ id: 50, patient_id: 7, account_number: "1007", patient_name: "GARCIA, MARIA", service_date: "2026-03-02", rendering_provider: "ADAMS, LEE", line_count: 1, total_charge: "55.00", claim_count: 0 });
    vi.mocked(visitSave).mockImplementation(async (v) => v);
    const { container } = render(<ChargeEntry patientId={7} visitId={50} onClose={() => undefined} />);
    await waitFor(() => expect(input(container, "lines[0].pointers").value).toBe("AB"));
    expect(input(container, "lines[0].modifiers").value).toBe("25 59");
    expect((await screen.findByTestId("visit-total")).textContent).toContain("55.00");

    fireEvent.click(screen.getByTestId("save-visit"));
    await waitFor(() => expect(visitSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(visitSave).mock.calls[0]![0]).toEqual(existing);

    // Move B above A: the line still points at the same codes.
    fireEvent.click(screen.getByRole("button", { name: "Move B up" }));
    expect(input(container, "diagnoses[0]").value).toBe("M54.50");
    expect(input(container, "lines[0].pointers").value).toBe("BA");
    // Removing A drops the pointer to it.
    fireEvent.click(screen.getByRole("button", { name: "Remove A" }));
    expect(input(container, "lines[0].pointers").value).toBe("A");
  });

  it("puts refused-save errors next to lines[1].pointers and diagnoses[0], keeping the input", async () => {
    const { container } = await renderNew();
    await addDx(container, "M99.03");
    await waitFor(() => expect(input(container, "diagnoses[0]").value).toBe("M99.03"));
    type(container, "lines[0].code", "98941");
    type(container, "lines[0].pointers", "A");
    fireEvent.click(screen.getByTestId("add-line"));
    type(container, "lines[1].code", "97140");
    type(container, "lines[1].pointers", "C");
    vi.mocked(visitSave).mockRejectedValue({
      kind: "invalid",
      message: "The visit was not saved: 3 fields need attention.",
      fields: [
        { field: "lines[1].pointers", message: "Pointer C refers to no diagnosis." },
        { field: "diagnoses[0]", message: "M99.03 is not in the FY2026 code set." },
        { field: "lines[7].code", message: "Something about a line that is not on screen." },
      ],
    });
    fireEvent.click(screen.getByTestId("save-visit"));
    const ptrErr = await screen.findByTestId("error-lines[1].pointers");
    expect(ptrErr.textContent).toBe("Pointer C refers to no diagnosis.");
    expect(input(container, "lines[1].pointers").closest("label")!.contains(ptrErr)).toBe(true);
    expect(input(container, "lines[1].pointers").getAttribute("aria-invalid")).toBe("true");
    expect(input(container, "lines[1].pointers").value).toBe("C");
    const dxErr = screen.getByTestId("error-diagnoses[0]");
    expect(dxErr.textContent).toBe("M99.03 is not in the FY2026 code set.");
    expect(input(container, "diagnoses[0]").closest("td")!.contains(dxErr)).toBe(true);
    const banner = screen.getByTestId("error-banner");
    expect(banner.textContent).toContain("3 fields need attention");
    expect(banner.textContent).toContain("not on screen");
    expect(banner.textContent).not.toContain("Pointer C");
  });

  it("refuses pointers that are not letters A-L before sending", async () => {
    const { container } = await renderNew();
    type(container, "lines[0].code", "98941");
    type(container, "lines[0].pointers", "A1");
    fireEvent.click(screen.getByTestId("save-visit"));
    expect((await screen.findByTestId("error-lines[0].pointers")).textContent).toContain("A–L");
    expect(visitSave).not.toHaveBeenCalled();
  });

  it("Save & bill saves, creates the primary claim, scrubs it, and findings jump to their fields", async () => {
    const onOpenPatient = vi.fn();
    const { container } = await renderNew({ onOpenPatient });
    await addDx(container, "M99.03");
    await waitFor(() => expect(input(container, "diagnoses[0]").value).toBe("M99.03"));
    type(container, "lines[0].code", "98941");
    type(container, "lines[0].pointers", "A");
    fireEvent.click(screen.getByTestId("add-line"));
    type(container, "lines[1].code", "97140");
    type(container, "lines[1].pointers", "");

    vi.mocked(visitSave).mockImplementation(async (v) => ({ ...v, id: 50 }));
    vi.mocked(claimCreate).mockResolvedValue(claim);
    const scrubbed: ScrubResult = {
      claim_id: 9,
      status: "draft",
      findings: [
        { rule: "DX_POINTER", severity: "error", box_id: "24E", message: "Line 2 has no diagnosis pointer.", field: "lines[1].pointers" },
        { rule: "PAT_DOB", severity: "error", box_id: "3", message: "The patient's birth date is missing.", field: "patient.birth_date" },
        { rule: "CHIRO_AT", severity: "warning", box_id: "24D", message: "98941 for Medicare usually needs modifier AT.", field: "lines[0].modifiers" },
        { rule: "DX_ORDER", severity: "warning", box_id: "21", message: "The primary diagnosis should be a subluxation.", field: "diagnoses[0]" },
      ],
    };
    vi.mocked(claimScrub).mockResolvedValue(scrubbed);
    fireEvent.click(screen.getByTestId("save-and-bill"));

    const findings = await screen.findAllByTestId("finding");
    expect(findings).toHaveLength(4);
    expect(vi.mocked(visitSave).mock.invocationCallOrder[0]!).toBeLessThan(vi.mocked(claimCreate).mock.invocationCallOrder[0]!);
    expect(vi.mocked(claimCreate).mock.invocationCallOrder[0]!).toBeLessThan(vi.mocked(claimScrub).mock.invocationCallOrder[0]!);
    expect(claimCreate).toHaveBeenCalledWith(50, 1);
    expect(claimScrub).toHaveBeenCalledWith(9);
    expect(findings[0]!.textContent).toContain("Box 24E");
    expect(findings[0]!.textContent).toContain("Line 2 has no diagnosis pointer.");
    expect(screen.queryByTestId("claim-ready")).toBeNull();

    fireEvent.click(findings[0]!);
    expect(document.activeElement).toBe(input(container, "lines[1].pointers"));
    fireEvent.click(findings[3]!);
    expect(document.activeElement).toBe(input(container, "diagnoses[0]"));
    fireEvent.click(findings[2]!);
    expect(document.activeElement).toBe(input(container, "lines[0].modifiers"));
    // A patient field is fixed elsewhere.
    expect(screen.getByTestId("fix-where").textContent).toContain("Fix on the patient screen");
    fireEvent.click(findings[1]!);
    expect(onOpenPatient).toHaveBeenCalledWith(7);

    // Acknowledging a warning gives a new result; once clean, the claim is ready.
    vi.mocked(claimAcknowledge).mockResolvedValue({ claim_id: 9, status: "ready", findings: [] });
    fireEvent.click(screen.getAllByTestId("acknowledge")[0]!);
    expect(claimAcknowledge).toHaveBeenCalledWith(9, "CHIRO_AT", "lines[0].modifiers");
    expect((await screen.findByTestId("claim-ready")).textContent).toBe("Claim C000009 is ready to send.");

    // A second Save & bill reuses the claim.
    fireEvent.click(screen.getByTestId("save-and-bill"));
    await waitFor(() => expect(claimScrub).toHaveBeenCalledTimes(2));
    expect(claimCreate).toHaveBeenCalledTimes(1);
  });

  it("records what became of an EPSDT screening's referral, and the EPSDT finding jumps to it", async () => {
    const { container } = await renderNew();
    const epsdt = input(container, "epsdt") as unknown as HTMLSelectElement;
    expect(epsdt.closest("label")?.textContent).toContain("EPSDT screening");
    expect(Array.from(epsdt.options).map((o) => [o.value, o.text])).toEqual([
      ["", "Not EPSDT"],
      ["no_referral", "No referral (NU)"],
      ["refused", "Referral refused (AV)"],
      ["under_treatment", "Under treatment (S2)"],
      ["new_services", "New services requested (ST)"],
    ]);
    expect(epsdt.value).toBe("");
    await addDx(container, "M99.03");
    await waitFor(() => expect(input(container, "diagnoses[0]").value).toBe("M99.03"));
    type(container, "lines[0].code", "98941");
    type(container, "lines[0].pointers", "A");
    fireEvent.change(epsdt, { target: { value: "under_treatment" } });

    // A refusal about it shows next to the select, not only in the banner.
    vi.mocked(visitSave).mockRejectedValueOnce({ kind: "invalid", message: "The visit was not saved.", fields: [{ field: "epsdt", message: "Say what became of the referral." }] });
    fireEvent.click(screen.getByTestId("save-visit"));
    const epsdtErr = await screen.findByTestId("error-epsdt");
    expect(epsdt.closest("label")!.contains(epsdtErr)).toBe(true);
    expect(screen.getByTestId("error-banner").textContent).not.toContain("Say what became");

    vi.mocked(visitSave).mockImplementation(async (v) => ({ ...v, id: 50 }));
    vi.mocked(claimCreate).mockResolvedValue(claim);
    vi.mocked(claimScrub).mockResolvedValue({
      claim_id: 9,
      status: "draft",
      findings: [{ rule: "EPSDT_INDICATOR", severity: "error", box_id: "24H", message: "An EPSDT screening needs its referral code.", field: "epsdt" }],
    });
    fireEvent.click(screen.getByTestId("save-and-bill"));
    const finding = await screen.findByTestId("finding");
    expect(vi.mocked(visitSave).mock.calls.at(-1)![0].epsdt).toBe("under_treatment");
    expect(screen.queryByTestId("fix-where")).toBeNull();
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.click(finding);
    expect(document.activeElement).toBe(epsdt);

    // "Not EPSDT" sends null.
    fireEvent.change(epsdt, { target: { value: "" } });
    fireEvent.click(screen.getByTestId("save-visit"));
    await waitFor(() => expect(vi.mocked(visitSave).mock.calls.at(-1)![0].epsdt).toBeNull());
  });

  it("opens on the EPSDT select when a claim's finding names it", async () => {
    vi.mocked(visitGet).mockResolvedValue({
      ...blankVisit(7),
      id: 50,
      rendering_provider_id: 3,
      diagnoses: ["Z00.129"],
      epsdt: "no_referral",
      episode_id: null,
    });
    const { container } = render(<ChargeEntry patientId={7} visitId={50} focus="epsdt" onClose={() => undefined} />);
    await waitFor(() => expect(document.activeElement).toBe(input(container, "epsdt")));
    expect(input(container, "epsdt").value).toBe("no_referral");
  });

  it("Save & bill on a visit that already has a claim scrubs that claim", async () => {
    const existing: Visit = {
      id: 50,
      patient_id: 7,
      service_date: "2026-03-02",
      rendering_provider_id: 3,
      referring_provider_id: null,
      facility_id: null,
      place_of_service: "11",
      diagnoses: ["M99.03"],
      lines: [{ id: 70, service_from: null, service_to: null, code: "98941", modifiers: ["AT"], pointers: [1], units: 1, charge: "55.00", charge_override_reason: "", supplemental: "", emergency: false }],
      conditions: { employment: false, auto_accident: false, auto_accident_state: "", other_accident: false, accident_date: null },
      onset_date: null,
      initial_treatment_date: null,
      last_xray_date: null,
      prior_authorization: "",
      additional_info: "",
      abn_on_file: false,
      epsdt: null,
      episode_id: null,
    };
    vi.mocked(visitGet).mockResolvedValue(existing);
    vi.mocked(visitSummary).mockResolvedValue({ id: 50, patient_id: 7, account_number: "1007", patient_name: "GARCIA, MARIA", service_date: "2026-03-02", rendering_provider: "ADAMS, LEE", line_count: 1, total_charge: "55.00", claim_count: 1 });
    vi.mocked(visitSave).mockImplementation(async (v) => v);
    vi.mocked(claimsList).mockResolvedValue({ rows: [{ ...claim, id: 3, visit_id: 49 }, claim], total: 2, offset: 0 });
    vi.mocked(claimScrub).mockResolvedValue({ claim_id: 9, status: "ready", findings: [] });
    render(<ChargeEntry patientId={7} visitId={50} onClose={() => undefined} />);
    await screen.findByTestId("visit-total");
    fireEvent.click(screen.getByTestId("save-and-bill"));
    expect((await screen.findByTestId("claim-ready")).textContent).toContain("C000009");
    expect(claimsList).toHaveBeenCalledWith({ queue: { kind: "all" }, text: "1007", payer_id: null, from: "2026-03-02", to: "2026-03-02", offset: 0, limit: 500 });
    expect(claimCreate).not.toHaveBeenCalled();
    expect(claimScrub).toHaveBeenCalledWith(9);
  });

  it("Esc leaves an untouched new visit at once, but asks before discarding typed charges", async () => {
    const onClose = vi.fn();
    const { container } = await renderNew({ onClose });
    fireEvent.keyDown(window, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    type(container, "lines[0].code", "98941");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.getByText("Discard your changes to this visit?")).toBeTruthy();
  });

  it("focuses a field named by the caller once loaded", async () => {
    vi.mocked(visitGet).mockResolvedValue({
      id: 50,
      patient_id: 7,
      service_date: "2026-03-02",
      rendering_provider_id: 3,
      referring_provider_id: null,
      facility_id: null,
      place_of_service: "11",
      diagnoses: ["M99.03"],
      lines: [
        { id: 70, service_from: null, service_to: null, code: "98941", modifiers: [], pointers: [1], units: 1, charge: "55.00", charge_override_reason: "", supplemental: "", emergency: false },
        { id: 71, service_from: null, service_to: null, code: "97140", modifiers: [], pointers: [], units: 1, charge: "35.00", charge_override_reason: "", supplemental: "", emergency: false },
      ],
      conditions: { employment: false, auto_accident: false, auto_accident_state: "", other_accident: false, accident_date: null },
      onset_date: null,
      initial_treatment_date: null,
      last_xray_date: null,
      prior_authorization: "",
      additional_info: "",
      abn_on_file: false,
      epsdt: null,
      episode_id: null,
    });
    const { container } = render(<ChargeEntry patientId={7} visitId={50} focus="lines[1].pointers[0]" onClose={() => undefined} />);
    await waitFor(() => expect(document.activeElement).toBe(input(container, "lines[1].pointers")));
  });
});
