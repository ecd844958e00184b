/** Words for payment methods and plan terms, as the desk says them. */
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import type { PlanFrequency } from "../../bindings/PlanFrequency";
import type { PlanRecordStatus } from "../../bindings/PlanRecordStatus";

export const PAYMENT_METHODS: ReadonlyArray<{ value: PaymentMethod; label: string }> = [
  { value: "cash", label: "Cash" },
  { value: "check", label: "Check" },
  { value: "card", label: "Card" },
  { value: "agency", label: "Collection agency" },
  { value: "other", label: "Other" },
];

export function paymentMethodLabel(m: PaymentMethod): string {
  return PAYMENT_METHODS.find((x) => x.value === m)?.label ?? m;
}

export const PLAN_FREQUENCIES: ReadonlyArray<{ value: PlanFrequency; label: string }> = [
  { value: "monthly", label: "Monthly" },
  { value: "every_two_weeks", label: "Every 2 weeks" },
  { value: "weekly", label: "Weekly" },
];

export function planFrequencyLabel(f: PlanFrequency): string {
  return PLAN_FREQUENCIES.find((x) => x.value === f)?.label ?? f;
}

export function planStatusLabel(s: PlanRecordStatus): string {
  switch (s) {
    case "active":
      return "Active";
    case "delinquent":
      return "Delinquent";
    case "completed":
      return "Completed";
    case "cancelled":
      return "Cancelled";
    case "defaulted":
      return "Defaulted";
    case "replaced":
      return "Replaced (amended)";
  }
}

/** True for a Money string that is zero ("0.00", "0", "-0.00"): a test, not arithmetic. */
export function isZeroMoney(m: string): boolean {
  return /^-?0*(\.0*)?$/.test(m.trim()) && m.trim() !== "";
}

/** True for a negative Money string (a credit). */
export function isNegativeMoney(m: string): boolean {
  return m.trim().startsWith("-") && !isZeroMoney(m);
}
