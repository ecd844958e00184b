import { useRef } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PlanFrequency } from "../../bindings/PlanFrequency";
import type { PlanPreview } from "../../bindings/PlanPreview";
import type { PlanTerms } from "../../bindings/PlanTerms";
import { useSettled } from "../../hooks/useSettled";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { keys as queryKeys } from "../../ipc/queryKeys";
import { formatDate, formatMoney } from "../../lib/format";
import { DateField, SelectField, TextField } from "../common/fields";
import { PLAN_FREQUENCIES } from "./planLabels";

/** The terms as typed (money stays text: the Rust side parses it). */
export interface TermsDraft {
  financed: string;
  down: string;
  by: "count" | "amount";
  installments: string;
  installmentAmount: string;
  frequency: PlanFrequency;
  firstDue: string | null;
}

export function blankTerms(): TermsDraft {
  return { financed: "", down: "0.00", by: "count", installments: "3", installmentAmount: "", frequency: "monthly", firstDue: null };
}

export function draftFromTerms(t: PlanTerms): TermsDraft {
  return {
    financed: t.financed,
    down: "0.00",
    by: t.installments !== null ? "count" : "amount",
    installments: t.installments !== null ? String(t.installments) : "",
    installmentAmount: t.installment_amount ?? "",
    frequency: t.frequency,
    firstDue: null,
  };
}

/**
 * The terms for the Rust side, or what is missing (field name, message) when they cannot be
 * sent yet. Field names are the input names.
 */
export function termsFromDraft(d: TermsDraft): { terms: PlanTerms } | { missing: Array<{ field: string; message: string }> } {
  const missing: Array<{ field: string; message: string }> = [];
  if (d.financed.trim() === "") missing.push({ field: "financed", message: "Enter the amount the plan covers." });
  if (d.by === "count" && !/^\d+$/.test(d.installments.trim())) missing.push({ field: "installments", message: "Enter how many installments (a whole number)." });
  if (d.by === "amount" && d.installmentAmount.trim() === "") missing.push({ field: "installment_amount", message: "Enter the installment amount." });
  if (!d.firstDue) missing.push({ field: "first_due", message: "Enter the first due date." });
  if (missing.length > 0) return { missing };
  return {
    terms: {
      financed: d.financed.trim(),
      down_payment: d.down.trim() === "" ? "0.00" : d.down.trim(),
      installments: d.by === "count" ? Number(d.installments.trim()) : null,
      installment_amount: d.by === "amount" ? d.installmentAmount.trim() : null,
      frequency: d.frequency,
      first_due: d.firstDue,
    },
  };
}

/** A field's message, whether the Rust side named it `terms.x` or `x`. */
export function termsError(report: ErrorReport | null, field: string): string | undefined {
  return fieldError(report, `terms.${field}`) ?? fieldError(report, field);
}

export const TERMS_FIELDS = ["financed", "down_payment", "installments", "installment_amount", "frequency", "first_due"];

interface FieldsProps {
  draft: TermsDraft;
  onChange: (d: TermsDraft) => void;
  report: ErrorReport | null;
  disabled?: boolean;
  financedLabel?: string;
  financedHint?: string;
}

/** Amount covered, down payment, installments by count or amount, frequency, first due date. */
export function PlanTermsFields({ draft, onChange, report, disabled, financedLabel, financedHint }: FieldsProps) {
  const set = <K extends keyof TermsDraft>(k: K, v: TermsDraft[K]) => onChange({ ...draft, [k]: v });
  return (
    <>
      <div className="row">
        <TextField className="w-sm" label={financedLabel ?? "Amount covered"} name="financed" value={draft.financed} onChange={(v) => set("financed", v)} inputMode="decimal" error={termsError(report, "financed")} hint={financedHint} disabled={disabled} required />
        <TextField className="w-sm" label="Down payment" name="down_payment" value={draft.down} onChange={(v) => set("down", v)} inputMode="decimal" error={termsError(report, "down_payment")} disabled={disabled} />
        <SelectField className="w-sm" label="Frequency" name="frequency" value={draft.frequency} options={PLAN_FREQUENCIES} onChange={(v) => set("frequency", v as PlanFrequency)} error={termsError(report, "frequency")} disabled={disabled} />
        <DateField className="w-sm" label="First due date" name="first_due" value={draft.firstDue} onChange={(v) => set("firstDue", v)} error={termsError(report, "first_due")} disabled={disabled} required />
      </div>
      <fieldset className="radios">
        <legend>Installments</legend>
        <label>
          <input type="radio" name="schedule_by" value="count" checked={draft.by === "count"} onChange={() => set("by", "count")} disabled={disabled} /> Number of installments
        </label>
        <label>
          <input type="radio" name="schedule_by" value="amount" checked={draft.by === "amount"} onChange={() => set("by", "amount")} disabled={disabled} /> Installment amount
        </label>
      </fieldset>
      <div className="row">
        {draft.by === "count" ? (
          <TextField className="w-sm" label="Number of installments" name="installments" value={draft.installments} onChange={(v) => set("installments", v)} inputMode="numeric" error={termsError(report, "installments")} disabled={disabled} required />
        ) : (
          <TextField className="w-sm" label="Installment amount" name="installment_amount" value={draft.installmentAmount} onChange={(v) => set("installmentAmount", v)} inputMode="decimal" error={termsError(report, "installment_amount")} hint="The last one may be smaller." disabled={disabled} required />
        )}
      </div>
    </>
  );
}

/** The schedule as the Rust side computed it: equal installments, the remainder on the last. */
export function SchedulePreview({ preview }: { preview: PlanPreview }) {
  return (
    <div data-testid="plan-preview">
      <table className="grid compact">
        <thead>
          <tr>
            <th>#</th>
            <th>Due</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {preview.schedule.map((i) => (
            <tr key={i.number} data-testid="preview-row">
              <td>{i.number}</td>
              <td>{formatDate(i.due)}</td>
              <td className="num mono">{formatMoney(i.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>Total of installments</td>
            <td className="num mono" data-testid="preview-total">
              {formatMoney(preview.total_of_installments)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="muted small">
        {preview.schedule.length} installment{preview.schedule.length === 1 ? "" : "s"} paying {formatMoney(preview.amount_to_finance)} after the down payment; the
        plan may cover up to {formatMoney(preview.balance_available)}.
      </p>
    </div>
  );
}

/**
 * Asks the Rust side for the schedule whenever `key` changes (after a short pause: typed terms
 * are read once, not per keystroke), through the data layer under `keys.planPreview(key)`; the
 * newest answer wins. `request` null: nothing to preview yet. `key` names what `request` asks
 * (the plan and the terms).
 */
export function useLivePreview(request: (() => Promise<PlanPreview>) | null, key: string): { preview: PlanPreview | null; report: ErrorReport | null; loading: boolean } {
  const latest = useRef(request);
  latest.current = request;
  const settled = useSettled(key, 250);
  const wanted = request !== null && key !== "";
  const q = useQuery({
    queryKey: queryKeys.planPreview(settled),
    // Runs when `settled` has just caught up with `key`: the newest request asks for it.
    queryFn: () => latest.current!(),
    enabled: wanted && settled === key,
    // Balances move with every posting: a schedule is worked out again each time it is shown.
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
  if (!wanted) return { preview: null, report: null, loading: false };
  return {
    preview: q.isError ? null : (q.data ?? null),
    report: q.error ? toErrorReport(q.error) : null,
    loading: settled !== key || q.isFetching,
  };
}
