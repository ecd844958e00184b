import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PlanInput } from "../../bindings/PlanInput";
import type { PlanView } from "../../bindings/PlanView";
import type { VisitBalance } from "../../bindings/VisitBalance";
import { accountVisitBalances, planAgreementPrint, planBalance, planCreate, planPreview } from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys as queryKeys } from "../../ipc/queryKeys";
import { formatDate, formatMoney } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { TextField } from "../common/fields";
import { PatientPicker } from "../patients/PatientPicker";
import { PdfOutput } from "./PdfOutput";
import { PlanTermsFields, SchedulePreview, TERMS_FIELDS, blankTerms, termsError, termsFromDraft, useLivePreview, type TermsDraft } from "./PlanTermsFields";

interface Props {
  /** The account (the guarantor's own patient record); null = choose one with the picker. */
  patientId: number | null;
  patientName?: string;
  /** After the plan is saved. */
  onSaved?: (plan: PlanView) => void;
  onClose: () => void;
}

const KNOWN = (f: string) =>
  TERMS_FIELDS.includes(f) || TERMS_FIELDS.some((t) => f === `terms.${t}`) || ["grace_days", "visit_ids", "patient_id"].includes(f);

/**
 * A new payment plan: the account (picked, or given), the whole balance or chosen visits,
 * the terms, grace days, and a live schedule computed by the Rust side before saving.
 * After saving: the plan number and "Print agreement".
 */
export function PlanForm({ patientId, patientName, onSaved, onClose }: Props) {
  const [account, setAccount] = useState<{ id: number; name: string } | null>(patientId !== null ? { id: patientId, name: patientName ?? "" } : null);
  const [cover, setCover] = useState<"balance" | "visits">("balance");
  const [chosen, setChosen] = useState<number[]>([]);
  const [draft, setDraft] = useState<TermsDraft>(blankTerms);
  const [grace, setGrace] = useState("10");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<PlanView | null>(null);
  const client = useQueryClient();

  // The account's visits with a balance, for "chosen visits".
  const visitsQ = useQuery({
    queryKey: queryKeys.visitBalances(account?.id ?? 0),
    queryFn: () => accountVisitBalances(account!.id),
    enabled: account !== null,
  });
  const visits: VisitBalance[] | null = visitsQ.data ?? null;

  // What the plan may cover: the whole balance or the chosen visits' (the Rust side adds it up);
  // each new choice fills the amount covered.
  const coverIds = cover === "visits" ? chosen : [];
  const coverQ = useQuery({
    queryKey: [...queryKeys.account(account?.id ?? 0), "plan-balance", coverIds],
    queryFn: () => planBalance(account!.id, coverIds),
    enabled: account !== null && !(cover === "visits" && coverIds.length === 0),
    staleTime: 0,
  });
  const coverKey = account ? `${account.id}:${cover}:${chosen.join(",")}` : "";
  const covered = coverQ.data;
  useEffect(() => {
    if (covered !== undefined) setDraft((d) => ({ ...d, financed: covered }));
  }, [coverKey, covered]);

  const createM = useMutation({
    mutationFn: (input: PlanInput) => planCreate(input),
    onSuccess: (plan) => {
      setSaved(plan);
      // A new plan shows on the plans screen and the account's plans.
      void client.invalidateQueries({ queryKey: queryKeys.plans });
      void client.invalidateQueries({ queryKey: queryKeys.account(plan.patient_id) });
      onSaved?.(plan);
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const busy = createM.isPending;

  const built = termsFromDraft(draft);
  const graceOk = /^\d+$/.test(grace.trim());
  const input: PlanInput | null =
    account && "terms" in built && graceOk && !(cover === "visits" && chosen.length === 0)
      ? { patient_id: account.id, terms: built.terms, grace_days: Number(grace.trim()), visit_ids: cover === "visits" ? chosen : [] }
      : null;
  const { preview, report: previewReport, loading } = useLivePreview(input && !saved ? () => planPreview(input) : null, input && !saved ? `new:${JSON.stringify(input)}` : "");

  // Problems of the preview show by their fields while typing; a save refusal replaces them.
  const loadError = visitsQ.error ?? coverQ.error;
  const shown = report ?? (loadError ? toErrorReport(loadError) : null) ?? previewReport;

  const save = () => {
    if (busy) return;
    const fields: Array<{ field: string; message: string }> = [];
    if (!account) fields.push({ field: "plan_patient", message: "Choose the account (the guarantor)." });
    if ("missing" in built) fields.push(...built.missing);
    if (!graceOk) fields.push({ field: "grace_days", message: "Enter a whole number of days." });
    if (cover === "visits" && chosen.length === 0) fields.push({ field: "visit_ids", message: "Choose the visits the plan covers." });
    if (fields.length > 0 || !input) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields });
      return;
    }
    setReport(null);
    createM.mutate(input);
  };

  const keys = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key === "Escape" && !busy) {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === "Enter" && !saved && (e.target as HTMLElement).tagName === "INPUT" && (e.target as HTMLInputElement).name !== "plan_patient") {
      e.preventDefault();
      e.stopPropagation();
      save();
    }
  };

  if (saved) {
    return (
      <section className="section" data-testid="plan-form" aria-label="New payment plan" onKeyDown={keys}>
        <header className="panel-head">
          <h3>Payment plan {saved.plan_number}</h3>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose} data-testid="plan-form-close">
            Done
          </button>
        </header>
        <div className="banner banner-ok" role="status" data-testid="plan-created">
          <div>
            Plan <strong data-testid="plan-number">{saved.plan_number}</strong> created: {saved.schedule.length} installments, first due {formatDate(saved.schedule[0]?.due)}.
            Print the agreement for the guarantor to sign.
          </div>
        </div>
        <PdfOutput
          name="agreement_path"
          label="Save agreement as"
          defaultPath={`plan-${saved.plan_number}-v${saved.version}.pdf`}
          dialogTitle="Save payment plan agreement as PDF"
          testid="agreement"
          buttonLabel="Print agreement…"
          print={(path) => planAgreementPrint(saved.id, path)}
        />
      </section>
    );
  }

  return (
    <section className="section" data-testid="plan-form" aria-label="New payment plan" onKeyDown={keys}>
      <header className="panel-head">
        <h3>New payment plan{account && account.name ? ` — ${account.name}` : ""}</h3>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose} disabled={busy} data-testid="plan-form-close">
          Cancel
        </button>
      </header>
      {patientId === null ? (
        <div className="row">
          <PatientPicker
            label={account ? `Account: ${account.name} (choose another)` : "Account (guarantor)"}
            name="plan_patient"
            excludeId={null}
            onPick={(id, name) => {
              setAccount({ id, name });
              setChosen([]);
              setCover("balance");
              setReport(null);
            }}
            error={fieldError(shown, "plan_patient") ?? fieldError(shown, "patient_id")}
          />
        </div>
      ) : null}
      {account ? (
        <>
          <fieldset className="radios">
            <legend>The plan covers</legend>
            <label>
              <input type="radio" name="cover" value="balance" checked={cover === "balance"} onChange={() => setCover("balance")} disabled={busy} /> The whole patient balance
            </label>
            <label>
              <input type="radio" name="cover" value="visits" checked={cover === "visits"} onChange={() => setCover("visits")} disabled={busy} /> Chosen visits
            </label>
          </fieldset>
          {cover === "visits" ? (
            <div data-testid="plan-visits">
              {visits !== null && visits.length === 0 ? <p className="muted">No visit has a balance.</p> : null}
              {(visits ?? []).map((v) => (
                <label key={v.visit_id} className="check-inline">
                  <input
                    type="checkbox"
                    name={`plan_visit_${v.visit_id}`}
                    checked={chosen.includes(v.visit_id)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, v.visit_id].sort((a, b) => a - b) : c.filter((x) => x !== v.visit_id)))}
                    disabled={busy}
                  />
                  {formatDate(v.service_date)} {v.patient_name} — patient owes {formatMoney(v.patient_due)}
                </label>
              ))}
              {fieldError(shown, "visit_ids") ? (
                <div className="field-error" role="alert" data-testid="error-visit_ids">
                  {fieldError(shown, "visit_ids")}
                </div>
              ) : null}
            </div>
          ) : null}
          <PlanTermsFields draft={draft} onChange={setDraft} report={shown} disabled={busy} financedHint="Before the down payment." />
          <div className="row">
            <TextField className="w-sm" label="Grace days" name="grace_days" value={grace} onChange={setGrace} inputMode="numeric" error={termsError(shown, "grace_days")} disabled={busy} hint="Late this many days: delinquent." />
          </div>
          <h4>Schedule</h4>
          {preview ? <SchedulePreview preview={preview} /> : <p className="muted">{loading ? "Working out the schedule…" : "Enter the terms to see the schedule."}</p>}
        </>
      ) : (
        <p className="muted">Find the account the plan is for.</p>
      )}
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => KNOWN(f) || f === "plan_patient")} onDismiss={() => setReport(null)} />
      {!report && previewReport && (previewReport.fields.length === 0 || unclaimedFieldErrors(previewReport, KNOWN).length > 0) ? (
        <ErrorBanner report={previewReport} extra={unclaimedFieldErrors(previewReport, KNOWN)} />
      ) : null}
      <div className="form-foot">
        <button type="button" className="btn btn-primary" onClick={save} disabled={busy || !account} data-testid="plan-save">
          {busy ? "Saving…" : "Save plan"}
        </button>
        <span className="muted">The schedule is worked out as you type; nothing is saved until Save.</span>
      </div>
    </section>
  );
}
