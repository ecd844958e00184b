import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { onePage, renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PostingReport } from "../../bindings/PostingReport";

vi.mock("../../ipc/commands", () => ({
  eraPreview: vi.fn(),
  eraPost: vi.fn(),
  remittanceExceptions: vi.fn(),
  acksImport: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ chooseEraFile: vi.fn(), chooseAckFile: vi.fn() }));

import { acksImport, eraPost, eraPreview, remittanceExceptions } from "../../ipc/commands";
import { chooseEraFile } from "../../ipc/dialogs";
import { RemittancesScreen } from "./RemittancesScreen";

function report(preview: boolean): PostingReport {
  return {
    remittance_id: preview ? null : 31,
    preview,
    payer_name: "MEDICARE JURISDICTION H",
    trace_number: "EFT0001234",
    total_paid: "212.40",
    provider_adjustments: "-5.00",
    claims: [
      {
        claim_id: 9,
        control_number: "C000009",
        patient_name: "GARCIA, MARIA",
        status_before: "submitted",
        status_after: "partially_paid",
        charge: "135.00",
        paid: "80.00",
        contractual: "35.00",
        patient_responsibility: "20.00",
        underpaid_lines: 0,
        crossover: false,
        lines_matched_loosely: 0,
        secondary_claim: "0000123",
      },
      {
        claim_id: 10,
        control_number: "C000010",
        patient_name: "NGUYEN, AN",
        status_before: "accepted",
        status_after: "paid",
        charge: "150.00",
        paid: "132.40",
        contractual: "17.60",
        patient_responsibility: "0.00",
        underpaid_lines: 2,
        crossover: true,
        lines_matched_loosely: 1,
        secondary_claim: null,
      },
    ],
    exceptions: [{ control_number: "C000077", patient_name: "SMITH, JO", paid: "45.00", reason: "No claim on file with control number C000077." }],
  };
}

function typePath(container: HTMLElement, name: string, value: string) {
  fireEvent.change(container.querySelector(`[name="${name}"]`)!, { target: { value } });
}

describe("RemittancesScreen", () => {
  beforeEach(() => {
    vi.mocked(eraPreview).mockReset();
    vi.mocked(eraPost).mockReset();
    vi.mocked(remittanceExceptions).mockReset().mockResolvedValue(onePage([]));
    vi.mocked(acksImport).mockReset();
    vi.mocked(chooseEraFile).mockReset();
  });

  it("previews claims and exceptions, then posts the same file and shows the posted banner", async () => {
    vi.mocked(eraPreview).mockResolvedValue([report(true)]);
    vi.mocked(eraPost).mockResolvedValue([report(false)]);
    const { container } = render(<RemittancesScreen />);
    await waitFor(() => expect(remittanceExceptions).toHaveBeenCalledTimes(1));

    typePath(container, "era_path", "/home/dr/era/medicare-0315.835");
    fireEvent.click(screen.getByTestId("era-preview"));
    await waitFor(() => expect(eraPreview).toHaveBeenCalledWith("/home/dr/era/medicare-0315.835"));

    const table = await screen.findByTestId("era-preview-table");
    expect(table.textContent).toContain("MEDICARE JURISDICTION H");
    expect(table.textContent).toContain("EFT0001234");
    expect(table.textContent).toContain("$212.40");
    expect(table.textContent).toContain("-$5.00");

    const rows = screen.getAllByTestId("era-claim-row");
    expect(rows).toHaveLength(2);
    const first = rows[0]!.textContent!;
    expect(first).toContain("C000009");
    expect(first).toContain("GARCIA, MARIA");
    expect(first).toContain("Submitted → Partially paid");
    expect(first).toContain("$135.00");
    expect(first).toContain("$80.00");
    expect(first).toContain("$35.00");
    expect(first).toContain("$20.00");
    expect(first).toContain("Secondary claim 0000123 will be built");
    const second = rows[1]!.textContent!;
    expect(second).toContain("Crossed over to");
    expect(second).toContain("2 lines underpaid");
    expect(second).toContain("1 line matched without line control number");

    const ex = screen.getAllByTestId("era-exception-row");
    expect(ex).toHaveLength(1);
    expect(ex[0]!.textContent).toContain("C000077");
    expect(ex[0]!.textContent).toContain("SMITH, JO");
    expect(ex[0]!.textContent).toContain("$45.00");
    expect(ex[0]!.textContent).toContain("No claim on file");
    expect(table.textContent).toContain("Will not post: work these by hand");

    fireEvent.click(screen.getByTestId("era-post"));
    await waitFor(() => expect(eraPost).toHaveBeenCalledTimes(1));
    expect(eraPost).toHaveBeenCalledWith("/home/dr/era/medicare-0315.835");
    const posted = await screen.findByTestId("era-posted");
    expect(posted.textContent).toContain("MEDICARE JURISDICTION H");
    expect(posted.textContent).toContain("EFT0001234");
    expect(screen.queryByTestId("era-preview-table")).toBeNull();
    // The posted report uses past tense and the open exceptions list is refreshed.
    expect(screen.getAllByTestId("era-claim-row")[0]!.textContent).toContain("Secondary claim 0000123 built");
    await waitFor(() => expect(remittanceExceptions).toHaveBeenCalledTimes(2));
  });

  it("shows the refusal of a file already posted and keeps the preview", async () => {
    vi.mocked(eraPreview).mockResolvedValue([report(true)]);
    vi.mocked(eraPost).mockRejectedValue({ kind: "conflict", message: "This 835 (MEDICARE, trace EFT0001234) was already posted on 03/15/2026; nothing was changed.", fields: [] });
    const { container } = render(<RemittancesScreen />);
    typePath(container, "era_path", "/era/dup.835");
    fireEvent.click(screen.getByTestId("era-preview"));
    await screen.findByTestId("era-preview-table");
    fireEvent.click(screen.getByTestId("era-post"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("already posted");
    expect(screen.queryByTestId("era-posted")).toBeNull();
    expect(screen.getByTestId("era-preview-table")).toBeTruthy();
    expect(eraPost).toHaveBeenCalledWith("/era/dup.835");
  });

  it("picks a file with the dialog and previews it; Cancel drops the preview", async () => {
    vi.mocked(chooseEraFile).mockResolvedValue("/picked/file.835");
    vi.mocked(eraPreview).mockResolvedValue([report(true)]);
    const { container } = render(<RemittancesScreen />);
    fireEvent.click(screen.getByTestId("era-choose"));
    await screen.findByTestId("era-preview-table");
    expect(eraPreview).toHaveBeenCalledWith("/picked/file.835");
    expect(container.querySelector<HTMLInputElement>('[name="era_path"]')!.value).toBe("/picked/file.835");
    fireEvent.click(screen.getByTestId("era-cancel"));
    expect(screen.queryByTestId("era-preview-table")).toBeNull();
    expect(eraPost).not.toHaveBeenCalled();
  });

  it("lists open exceptions and imports an acknowledgement", async () => {
    vi.mocked(remittanceExceptions).mockResolvedValue(onePage([{ control_number: "C000088", patient_name: "DOE, JANE", paid: "12.00", reason: "Claim does not balance: CLP03 - CLP04 differs from its CAS by 3.00." }]));
    vi.mocked(acksImport).mockResolvedValue({
      kind: "277CA",
      accepted: ["C000009", "C000010"],
      rejected: [{ control_number: "C000011", reasons: "A7:562 Entity's National Provider Identifier (NPI) invalid" }],
      unknown: ["C999999"],
    });
    const { container } = render(<RemittancesScreen />);
    const open = await screen.findAllByTestId("open-exception-row");
    expect(open[0]!.textContent).toContain("C000088");
    expect(open[0]!.textContent).toContain("does not balance");

    typePath(container, "ack_path", "/acks/batch12.277");
    fireEvent.click(screen.getByTestId("ack-import"));
    await waitFor(() => expect(acksImport).toHaveBeenCalledWith("/acks/batch12.277"));
    const res = await screen.findByTestId("ack-result");
    expect(res.textContent).toContain("2 accepted");
    expect(within(res).getByTestId("ack-accepted").textContent).toContain("C000009, C000010");
    expect(within(res).getByTestId("ack-rejected-row").textContent).toContain("NPI");
    expect(within(res).getByTestId("ack-unknown").textContent).toContain("C999999");
  });

  it("asks for a path instead of calling the Rust side with an empty one", async () => {
    render(<RemittancesScreen />);
    fireEvent.click(screen.getByTestId("era-preview"));
    expect((await screen.findByTestId("error-era_path")).textContent).toContain("835");
    expect(eraPreview).not.toHaveBeenCalled();
  });
});
