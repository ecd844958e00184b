import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { onePage, renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../ipc/commands", () => ({
  plansList: vi.fn(),
  planGet: vi.fn(),
  planVersions: vi.fn(),
  planEnd: vi.fn(),
  planAmendPreview: vi.fn(),
  planAmend: vi.fn(),
  planAgreementPrint: vi.fn(),
  accountVisitBalances: vi.fn(),
  planBalance: vi.fn(),
  planPreview: vi.fn(),
  planCreate: vi.fn(),
  patientsSearch: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { planAgreementPrint, planAmend, planAmendPreview, planEnd, planGet, plansList, planVersions } from "../../ipc/commands";
import { planView, preview } from "./planFixtures";
import { PlansScreen } from "./PlansScreen";

const upcoming = planView({ id: 1, plan_number: "PP00001", guarantor_name: "Ann Upcoming" });
const due = planView({
  id: 2,
  plan_number: "PP00002",
  guarantor_name: "Bob Due",
  state: { ...upcoming.state, amount_due_now: "33.33" },
});
const late = planView({
  id: 3,
  plan_number: "PP00003",
  version: 2,
  guarantor_name: "Cy Late",
  status: "delinquent",
  state: { ...upcoming.state, status: "delinquent", amount_due_now: "66.66", days_late: 14 },
});

const input = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const names = () => screen.getAllByTestId("plan-row").map((r) => r.children[2]!.textContent);

describe("PlansScreen", () => {
  beforeEach(() => {
    vi.mocked(plansList).mockReset().mockResolvedValue(onePage([upcoming, due, late]));
    vi.mocked(planGet).mockReset();
    vi.mocked(planVersions).mockReset();
    vi.mocked(planEnd).mockReset();
    vi.mocked(planAmendPreview).mockReset();
    vi.mocked(planAmend).mockReset();
    vi.mocked(planAgreementPrint).mockReset();
  });

  it("lists running plans by upcoming, due and delinquent installments", async () => {
    render(<PlansScreen />);
    await screen.findAllByTestId("plan-row");
    expect(plansList).toHaveBeenCalledWith("active", { offset: 0, limit: 500 });
    expect(names()).toEqual(["Ann Upcoming", "Bob Due", "Cy Late"]);
    fireEvent.click(screen.getByTestId("plans-tab-upcoming"));
    expect(names()).toEqual(["Ann Upcoming"]);
    fireEvent.click(screen.getByTestId("plans-tab-due"));
    expect(names()).toEqual(["Bob Due"]);
    fireEvent.click(screen.getByTestId("plans-tab-delinquent"));
    expect(names()).toEqual(["Cy Late"]);
    const row = screen.getByTestId("plan-row");
    expect(row.textContent).toContain("PP00003 v2");
    expect(row.textContent).toContain("Delinquent");
    expect(row.textContent).toContain("$66.66");
    expect(row.textContent).toContain("14");
    expect(screen.getByTestId("plans-tab-delinquent").textContent).toContain("(1)");
  });

  it("opens a plan: schedule, history, agreement, and ends it with a reason", async () => {
    const v1 = planView({ id: 30, version: 1, status: "replaced", plan_number: "PP00003" });
    vi.mocked(planGet).mockResolvedValue(late);
    vi.mocked(planVersions).mockResolvedValue([v1, late]);
    vi.mocked(planAgreementPrint).mockResolvedValue({ path: "/tmp/pp3.pdf", bytes: 4000, title: "Plan PP00003 version 2" });
    vi.mocked(planEnd).mockResolvedValue({ ...late, status: "defaulted", ended_on: "2026-11-23", ended_reason: "stopped paying" });
    const { container } = render(<PlansScreen />);
    fireEvent.click((await screen.findAllByTestId("plan-open"))[2]!);
    await screen.findByTestId("plan-detail");
    expect(planGet).toHaveBeenCalledWith(3);
    expect(await screen.findAllByTestId("installment-row")).toHaveLength(3);
    expect(screen.getByTestId("plan-due-now").textContent).toContain("14 days late");
    expect(screen.getAllByTestId("plan-version").map((r) => r.children[2]!.textContent)).toEqual(["Replaced (amended)", "Delinquent"]);

    fireEvent.change(input(container, "agreement_path"), { target: { value: "/tmp/pp3.pdf" } });
    fireEvent.click(screen.getByTestId("agreement-print"));
    await screen.findByTestId("agreement-done");
    expect(planAgreementPrint).toHaveBeenCalledWith(3, "/tmp/pp3.pdf");

    fireEvent.click(screen.getByTestId("plan-end"));
    fireEvent.click(screen.getByTestId("plan-end-confirm"));
    expect((await screen.findByTestId("error-end_reason")).textContent).toContain("Say why");
    expect(planEnd).not.toHaveBeenCalled();
    fireEvent.change(container.querySelector('select[name="end_status"]')!, { target: { value: "defaulted" } });
    fireEvent.change(input(container, "end_reason"), { target: { value: "stopped paying" } });
    fireEvent.click(screen.getByTestId("plan-end-confirm"));
    expect((await screen.findByTestId("plan-notice")).textContent).toContain("defaulted");
    expect(planEnd).toHaveBeenCalledWith(3, "defaulted", "stopped paying");
  });

  it("amends a plan with a live preview and shows the new version", async () => {
    const v2 = planView({ id: 40, version: 2, replaces_plan_id: 1 });
    vi.mocked(planGet).mockImplementation(async (id) => (id === 40 ? v2 : upcoming));
    vi.mocked(planVersions).mockImplementation(async (id) => (id === 40 ? [upcoming, v2] : [upcoming]));
    vi.mocked(planAmendPreview).mockResolvedValue(preview);
    vi.mocked(planAmend).mockResolvedValue(v2);
    const { container } = render(<PlansScreen />);
    fireEvent.click((await screen.findAllByTestId("plan-open"))[0]!);
    fireEvent.click(await screen.findByTestId("plan-amend"));
    const panel = screen.getByTestId("plan-amend-panel");
    expect(input(panel, "financed").value).toBe("100.00");
    fireEvent.change(input(panel, "first_due"), { target: { value: "2027-01-31" } });
    await within(panel).findByTestId("plan-preview");
    const terms = { financed: "100.00", down_payment: "0.00", installments: 3, installment_amount: null, frequency: "monthly", first_due: "2027-01-31" };
    expect(planAmendPreview).toHaveBeenLastCalledWith(1, terms);
    fireEvent.click(screen.getByTestId("plan-amend-save"));
    await waitFor(() => expect(planGet).toHaveBeenCalledWith(40));
    expect(planAmend).toHaveBeenCalledWith(1, terms);
    expect((await screen.findByTestId("plan-notice")).textContent).toContain("version 2 replaces version 1");
    expect(container.querySelector("h2")!.textContent).toContain("version 2");
  });
});
