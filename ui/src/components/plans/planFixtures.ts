/** Test data for the plan screens (Vitest). */
import type { PlanPreview } from "../../bindings/PlanPreview";
import type { PlanView } from "../../bindings/PlanView";

export const preview: PlanPreview = {
  schedule: [
    { number: 1, due: "2027-01-31", amount: "33.33" },
    { number: 2, due: "2027-02-28", amount: "33.33" },
    { number: 3, due: "2027-03-31", amount: "33.34" },
  ],
  amount_to_finance: "100.00",
  total_of_installments: "100.00",
  balance_available: "120.00",
};

export const planView = (p: Partial<PlanView> = {}): PlanView => ({
  id: 4,
  plan_number: "PP00004",
  version: 1,
  patient_id: 7,
  account_number: "1007",
  guarantor_name: "Jane Doe",
  status: "active",
  terms: { financed: "120.00", down_payment: "20.00", installments: 3, installment_amount: null, frequency: "monthly", first_due: "2027-01-31" },
  grace_days: 10,
  visit_ids: [],
  created_on: "2026-11-23",
  ended_on: null,
  ended_reason: "",
  replaces_plan_id: null,
  schedule: preview.schedule,
  state: {
    status: "active",
    installments: preview.schedule.map((i) => ({ ...i, paid: "0.00", remaining: i.amount, paid_off_on: null })),
    paid_total: "0.00",
    remaining_balance: "100.00",
    overpaid: "0.00",
    amount_due_now: "0.00",
    next_due: preview.schedule[0]!,
    days_late: 0,
  },
  ...p,
});

