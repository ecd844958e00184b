import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { InjuryCase } from "../../bindings/InjuryCase";
import type { InjuryCaseKind } from "../../bindings/InjuryCaseKind";
import type { SettlementInput } from "../../bindings/SettlementInput";
import {
  attorneyStatementPrint,
  injuryCaseSave,
  injuryCaseSummary,
  injuryCasesForPatient,
  injurySettlementPost,
  lienLetterPrint,
  payersList,
} from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney } from "../../lib/format";
import { useCan } from "../../session/session";
import { ErrorBanner, Notice } from "../common/Banner";
import { CheckField, DateField, SelectField, TextField } from "../common/fields";
import { PdfOutput } from "../plans/PdfOutput";

export const CASE_KINDS: Array<{ value: InjuryCaseKind; label: string }> = [
  { value: "auto_pip", label: "Auto accident: PIP" },
  { value: "auto_medpay", label: "Auto accident: MedPay" },
  { value: "workers_comp", label: "Workers' compensation" },
  { value: "attorney", label: "Personal injury (attorney)" },
];

export const kindLabel = (k: InjuryCaseKind) => CASE_KINDS.find((x) => x.value === k)?.label ?? k;

const blankCase = (patientId: number): InjuryCase => ({
  id: null,
  patient_id: patientId,
  kind: "auto_pip",
  injury_date: null,
  accident_state: "",
  carrier_payer_id: null,
  claim_number: "",
  adjuster_name: "",
  adjuster_phone: "",
  employer: "",
  attorney: { name: "", firm: "", phone: "", address: { line1: "", line2: "", city: "", state: "", zip: "" } },
  benefit_limit: null,
  hold_billing: false,
  status: "open",
  note: "",
});

const KNOWN = new Set([
  "kind", "injury_date", "accident_state", "carrier_payer_id", "claim_number", "adjuster_name", "adjuster_phone", "employer",
  "attorney.name", "attorney.firm", "attorney.phone", "benefit_limit", "hold_billing", "note",
]);

/**
 * A patient's injury cases (auto PIP/MedPay, workers' comp, personal injury with an attorney):
 * each with its balance and MedPay/PIP left, the attorney's papers (itemized statement, lien
 * or letter of protection) and the settlement. Visits join a case in charge entry.
 */
export function InjuryCases({ patientId }: { patientId: number }) {
  const client = useQueryClient();
  const canSave = useCan("injury_case_save");
  const canSettle = useCan("injury_settlement_post");
  const list = useQuery({ queryKey: keys.injuryCases(patientId), queryFn: () => injuryCasesForPatient(patientId) });
  const payers = useQuery({ queryKey: keys.payers, queryFn: () => payersList() });
  const [draft, setDraft] = useState<InjuryCase | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const err = (f: string) => fieldError(report, f);
  const save = useMutation({
    mutationFn: (c: InjuryCase) => injuryCaseSave(c),
    onSuccess: (saved) => {
      setDraft(null);
      setReport(null);
      setOpen(saved.id);
      void client.invalidateQueries({ queryKey: keys.injuryCases(patientId) });
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const carriers = (payers.data ?? []).filter((p) => p.id !== null && (p.kind === "auto" || p.kind === "workers_comp" || p.id === draft?.carrier_payer_id));
  return (
    <div className="injury-cases" data-testid="injury-cases">
      {(list.data ?? []).length === 0 ? (
        <p className="muted">No injury case.</p>
      ) : (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Case</th>
              <th>Injured</th>
              <th>Claim number</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((c) => (
              <tr key={c.id} data-testid="injury-case-row" className={open === c.id ? "selected" : ""}>
                <td>
                  {kindLabel(c.kind)}
                  {c.hold_billing ? " · billing held until settlement" : ""}
                </td>
                <td>{formatDate(c.injury_date)}</td>
                <td>{c.claim_number || "—"}</td>
                <td>{c.status}</td>
                <td>
                  <button type="button" className="btn-link" data-testid="injury-case-open" onClick={() => setOpen(c.id)}>
                    Open
                  </button>
                  {canSave ? (
                    <button type="button" className="btn-link" onClick={() => setDraft(c)}>
                      Edit
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open !== null ? <CaseDetail caseId={open} canSettle={canSettle} onChanged={() => void client.invalidateQueries({ queryKey: keys.injuryCases(patientId) })} /> : null}
      {draft ? (
        <div className="form injury-case-form" data-testid="injury-case-form">
          <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => KNOWN.has(f))} onDismiss={() => setReport(null)} />
          <div className="row">
            <SelectField className="w-lg" label="Kind of case" name="kind" value={draft.kind} options={CASE_KINDS} onChange={(v) => setDraft({ ...draft, kind: v as InjuryCaseKind })} error={err("kind")} />
            <DateField className="w-sm" label="Date of injury" name="injury_date" value={draft.injury_date} onChange={(v) => setDraft({ ...draft, injury_date: v })} error={err("injury_date")} />
            <TextField className="w-xs" label="State" name="accident_state" maxLength={2} value={draft.accident_state} onChange={(v) => setDraft({ ...draft, accident_state: v.toUpperCase() })} error={err("accident_state")} />
          </div>
          <div className="row">
            <SelectField
              className="w-lg"
              label="Carrier billed"
              name="carrier_payer_id"
              value={draft.carrier_payer_id === null ? "" : String(draft.carrier_payer_id)}
              placeholder="None (paid from the settlement)"
              options={carriers.map((p) => ({ value: String(p.id), label: p.name }))}
              onChange={(v) => setDraft({ ...draft, carrier_payer_id: v === "" ? null : Number(v) })}
              error={err("carrier_payer_id")}
            />
            <TextField className="w-md" label="Carrier's claim number" name="claim_number" value={draft.claim_number} onChange={(v) => setDraft({ ...draft, claim_number: v })} error={err("claim_number")} />
            <TextField className="w-sm" label="MedPay / PIP limit" name="benefit_limit" inputMode="decimal" value={draft.benefit_limit ?? ""} onChange={(v) => setDraft({ ...draft, benefit_limit: v.trim() === "" ? null : v })} error={err("benefit_limit")} />
          </div>
          <div className="row">
            <TextField className="w-md" label="Adjuster" name="adjuster_name" value={draft.adjuster_name} onChange={(v) => setDraft({ ...draft, adjuster_name: v })} error={err("adjuster_name")} />
            <TextField className="w-sm" label="Adjuster's phone" name="adjuster_phone" value={draft.adjuster_phone} onChange={(v) => setDraft({ ...draft, adjuster_phone: v })} error={err("adjuster_phone")} />
            <TextField className="w-md" label="Employer (workers' comp)" name="employer" value={draft.employer} onChange={(v) => setDraft({ ...draft, employer: v })} error={err("employer")} />
          </div>
          <div className="row">
            <TextField className="w-md" label="Attorney" name="attorney.name" value={draft.attorney.name} onChange={(v) => setDraft({ ...draft, attorney: { ...draft.attorney, name: v } })} error={err("attorney.name")} />
            <TextField className="w-md" label="Law firm" name="attorney.firm" value={draft.attorney.firm} onChange={(v) => setDraft({ ...draft, attorney: { ...draft.attorney, firm: v } })} error={err("attorney.firm")} />
            <TextField className="w-sm" label="Attorney's phone" name="attorney.phone" value={draft.attorney.phone} onChange={(v) => setDraft({ ...draft, attorney: { ...draft.attorney, phone: v } })} error={err("attorney.phone")} />
            <CheckField label="Hold billing until the settlement" name="hold_billing" checked={draft.hold_billing} onChange={(v) => setDraft({ ...draft, hold_billing: v })} error={err("hold_billing")} />
          </div>
          <div className="field-actions">
            <button type="button" className="btn btn-primary" data-testid="injury-case-save" disabled={save.isPending} onClick={() => save.mutate(draft)}>
              Save case
            </button>
            <button type="button" className="btn-link" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : canSave ? (
        <button type="button" className="btn btn-small" data-testid="new-injury-case" onClick={() => setDraft(blankCase(patientId))}>
          New injury case
        </button>
      ) : null}
    </div>
  );
}

/** One case's money as the Rust side adds it up, its papers and its settlement. */
function CaseDetail({ caseId, canSettle, onChanged }: { caseId: number; canSettle: boolean; onChanged: () => void }) {
  const client = useQueryClient();
  const summary = useQuery({ queryKey: keys.injuryCase(caseId), queryFn: () => injuryCaseSummary(caseId) });
  const [settling, setSettling] = useState<SettlementInput | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const settle = useMutation({
    mutationFn: (s: SettlementInput) => injurySettlementPost(s),
    onSuccess: (after) => {
      setSettling(null);
      setReport(null);
      setNotice(`Settlement posted: the case's balance is ${formatMoney(after.balance)}.`);
      client.setQueryData(keys.injuryCase(caseId), after);
      void client.invalidateQueries({ queryKey: keys.accounts });
      onChanged();
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const s = summary.data;
  if (!s) return summary.error ? <ErrorBanner report={toErrorReport(summary.error)} /> : <p className="muted">Loading the case…</p>;
  const err = (f: string) => fieldError(report, f);
  return (
    <div className="case-detail" data-testid="injury-case-detail">
      {notice ? <Notice>{notice}</Notice> : null}
      <dl className="facts">
        <dt>Carrier</dt>
        <dd>{s.carrier_name || "None (attorney case)"}</dd>
        <dt>Visits</dt>
        <dd>{s.visits}</dd>
        <dt>Charges</dt>
        <dd>{formatMoney(s.charges)}</dd>
        <dt>Payments</dt>
        <dd>{formatMoney(s.payments)}</dd>
        <dt>Adjustments</dt>
        <dd>{formatMoney(s.adjustments)}</dd>
        <dt>Balance</dt>
        <dd data-testid="injury-case-balance">{formatMoney(s.balance)}</dd>
        {s.benefit_left !== null ? (
          <>
            <dt>MedPay / PIP left</dt>
            <dd data-testid="injury-case-benefit-left">{formatMoney(s.benefit_left)}</dd>
          </>
        ) : null}
      </dl>
      <PdfOutput name="attorney_statement_path" label="Save the attorney statement as" defaultPath={`attorney-statement-case-${caseId}.pdf`} dialogTitle="Save the attorney statement" testid="attorney-statement" buttonLabel="Print attorney statement" print={(p) => attorneyStatementPrint(caseId, p)} />
      <PdfOutput name="lien_path" label="Save the lien / letter of protection as" defaultPath={`lien-case-${caseId}.pdf`} dialogTitle="Save the lien letter" testid="lien-letter" buttonLabel="Print lien letter" print={(p) => lienLetterPrint(caseId, p)} />
      {canSettle && s.case.status === "open" && s.case.kind === "attorney" ? (
        settling ? (
          <div className="form" data-testid="settlement-form">
            <ErrorBanner report={report} onDismiss={() => setReport(null)} />
            <div className="row">
              <TextField className="w-sm" label="Attorney's payment" name="payment" inputMode="decimal" value={settling.payment} onChange={(v) => setSettling({ ...settling, payment: v })} error={err("payment")} />
              <TextField className="w-sm" label="Agreed reduction" name="reduction" inputMode="decimal" value={settling.reduction} onChange={(v) => setSettling({ ...settling, reduction: v })} error={err("reduction")} />
              <TextField className="w-lg" label="Reason for the reduction" name="settlement_reason" value={settling.reason} onChange={(v) => setSettling({ ...settling, reason: v })} error={err("reason")} />
              <TextField className="w-sm" label="Check #" name="settlement_reference" value={settling.reference} onChange={(v) => setSettling({ ...settling, reference: v })} error={err("reference")} />
            </div>
            <div className="field-actions">
              <button type="button" className="btn btn-primary" data-testid="settlement-post" disabled={settle.isPending} onClick={() => settle.mutate(settling)}>
                Post the settlement
              </button>
              <button type="button" className="btn-link" onClick={() => setSettling(null)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="btn btn-small"
            data-testid="settlement-open"
            onClick={() => setSettling({ case_id: caseId, received_on: null, method: "check", reference: "", payment: "", reduction: "0.00", reason: "" })}
          >
            Post the settlement…
          </button>
        )
      ) : null}
    </div>
  );
}
