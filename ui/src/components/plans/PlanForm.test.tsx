import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../ipc/commands", () => ({
  accountVisitBalances: vi.fn(),
  planBalance: vi.fn(),
  planPreview: vi.fn(),
  planCreate: vi.fn(),
  planAgreementPrint: vi.fn(),
  patientsSearch: vi.fn(),
  pdfOpen: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ choosePdfSave: vi.fn() }));

import { accountVisitBalances, patientsSearch, planAgreementPrint, planBalance, planCreate, planPreview } from "../../ipc/commands";
import { PlanForm } from "./PlanForm";
import { planView, preview } from "./planFixtures";

const input = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe("PlanForm", () => {
  beforeEach(() => {
    vi.mocked(accountVisitBalances).mockReset().mockResolvedValue([
      { visit_id: 50, patient_id: 7, patient_name: "Jane Doe", service_date: "2026-09-02", patient_due: "70.00", insurance_pending: "0.00" },
      { visit_id: 51, patient_id: 8, patient_name: "Tim Doe", service_date: "2026-10-12", patient_due: "50.00", insurance_pending: "0.00" },
    ]);
    vi.mocked(planBalance).mockReset().mockImplementation(async (_id, visits) => (visits.length === 0 ? "120.00" : "50.00"));
    vi.mocked(planPreview).mockReset().mockResolvedValue(preview);
    vi.mocked(planCreate).mockReset();
    vi.mocked(planAgreementPrint).mockReset();
    vi.mocked(patientsSearch).mockReset().mockResolvedValue([]);
  });

  it("fills the balance, previews the schedule the Rust side computes, saves, then prints the agreement", async () => {
    vi.mocked(planCreate).mockResolvedValue(planView());
    vi.mocked(planAgreementPrint).mockResolvedValue({ path: "/tmp/a.pdf", bytes: 3000, title: "Plan PP00004 version 1" });
    const saved = vi.fn();
    const { container } = render(<PlanForm patientId={7} patientName="DOE, JANE" onSaved={saved} onClose={() => undefined} />);
    await waitFor(() => expect(input(container, "financed").value).toBe("120.00"));
    expect(planBalance).toHaveBeenCalledWith(7, []);
    expect(planPreview).not.toHaveBeenCalled();

    fireEvent.change(input(container, "down_payment"), { target: { value: "20.00" } });
    fireEvent.change(input(container, "first_due"), { target: { value: "2027-01-31" } });
    const table = await screen.findByTestId("plan-preview");
    const expected = {
      patient_id: 7,
      terms: { financed: "120.00", down_payment: "20.00", installments: 3, installment_amount: null, frequency: "monthly", first_due: "2027-01-31" },
      grace_days: 10,
      visit_ids: [],
    };
    expect(vi.mocked(planPreview).mock.lastCall![0]).toEqual(expected);
    const rows = screen.getAllByTestId("preview-row");
    expect(rows.map((r) => r.textContent)).toEqual(["101/31/2027$33.33", "202/28/2027$33.33", "303/31/2027$33.34"]);
    expect(table.textContent).toContain("$100.00");

    fireEvent.click(screen.getByTestId("plan-save"));
    expect((await screen.findByTestId("plan-number")).textContent).toBe("PP00004");
    expect(planCreate).toHaveBeenCalledWith(expected);
    expect(saved).toHaveBeenCalledTimes(1);
    fireEvent.change(input(container, "agreement_path"), { target: { value: "/tmp/a.pdf" } });
    fireEvent.click(screen.getByTestId("agreement-print"));
    await screen.findByTestId("agreement-done");
    expect(planAgreementPrint).toHaveBeenCalledWith(4, "/tmp/a.pdf");
  });

  it("covers chosen visits by installment amount, weekly", async () => {
    const { container } = render(<PlanForm patientId={7} onClose={() => undefined} />);
    await waitFor(() => expect(input(container, "financed").value).toBe("120.00"));
    fireEvent.click(container.querySelector('input[name="cover"][value="visits"]')!);
    fireEvent.click(await waitFor(() => input(container, "plan_visit_51")));
    await waitFor(() => expect(input(container, "financed").value).toBe("50.00"));
    expect(planBalance).toHaveBeenLastCalledWith(7, [51]);
    fireEvent.click(container.querySelector('input[name="schedule_by"][value="amount"]')!);
    fireEvent.change(input(container, "installment_amount"), { target: { value: "15" } });
    fireEvent.change(container.querySelector('select[name="frequency"]')!, { target: { value: "weekly" } });
    fireEvent.change(input(container, "first_due"), { target: { value: "2026-12-01" } });
    fireEvent.change(input(container, "grace_days"), { target: { value: "5" } });
    await screen.findByTestId("plan-preview");
    await waitFor(() =>
      expect(vi.mocked(planPreview).mock.lastCall![0]).toEqual({
        patient_id: 7,
        terms: { financed: "50.00", down_payment: "0.00", installments: null, installment_amount: "15", frequency: "weekly", first_due: "2026-12-01" },
        grace_days: 5,
        visit_ids: [51],
      }),
    );
  });

  it("shows the preview's refusal next to its field and saves nothing", async () => {
    vi.mocked(planPreview).mockRejectedValue({
      kind: "invalid",
      message: "Please correct the highlighted fields.",
      fields: [{ field: "terms.financed", message: "The plan covers $130.00 but the patient owes $120.00 on the account; a plan cannot cover more" }],
    });
    const { container } = render(<PlanForm patientId={7} onClose={() => undefined} />);
    await waitFor(() => expect(input(container, "financed").value).toBe("120.00"));
    fireEvent.change(input(container, "financed"), { target: { value: "130.00" } });
    fireEvent.change(input(container, "first_due"), { target: { value: "2027-01-31" } });
    expect((await screen.findByTestId("error-financed")).textContent).toContain("cannot cover more");
    expect(screen.queryByTestId("plan-preview")).toBeNull();
  });

  it("asks for what is missing before saving", async () => {
    const { container } = render(<PlanForm patientId={7} onClose={() => undefined} />);
    await waitFor(() => expect(input(container, "financed").value).toBe("120.00"));
    fireEvent.change(input(container, "installments"), { target: { value: "two" } });
    fireEvent.click(screen.getByTestId("plan-save"));
    expect((await screen.findByTestId("error-first_due")).textContent).toContain("first due date");
    expect(screen.getByTestId("error-installments").textContent).toContain("whole number");
    expect(planCreate).not.toHaveBeenCalled();
  });

  it("picks the account when none is given", async () => {
    vi.mocked(patientsSearch).mockResolvedValue([
      { id: 9, account_number: "1009", last_name: "Roe", first_name: "Rick", middle_name: "", birth_date: "1975-01-02", sex: "M", phone: "", city: "", primary_payer: "", primary_member_id: "", active: true },
    ]);
    const { container } = render(<PlanForm patientId={null} onClose={() => undefined} />);
    expect(screen.getByTestId("plan-save")).toHaveProperty("disabled", true);
    fireEvent.change(input(container, "plan_patient"), { target: { value: "roe" } });
    fireEvent.click(await screen.findByRole("option"));
    await waitFor(() => expect(input(container, "financed").value).toBe("120.00"));
    expect(planBalance).toHaveBeenCalledWith(9, []);
    expect(accountVisitBalances).toHaveBeenCalledWith(9);
  });
});
