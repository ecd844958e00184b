import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../ipc/queryKeys";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PlanView } from "../../bindings/PlanView";
import { planAgreementPrint, planAmend, planAmendPreview, planEnd, planGet, planVersions } from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { formatDate, formatMoney } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { SelectField, TextField } from "../common/fields";
import { PdfOutput } from "./PdfOutput";
import { PlanTermsFields, SchedulePreview, TERMS_FIELDS, blankTerms, termsFromDraft, useLivePreview, type TermsDraft } from "./PlanTermsFields";
import { isZeroMoney, planFrequencyLabel, planStatusLabel } from "./planLabels";
import { useCan } from "../../session/session";

type Action = "end" | "amend" | null;

interface Props {
  planId: number;
  onBack: () => void;
  /** After the plan was ended or amended (lists refresh). */
  onChanged?: () => void;
}

/**
 * One plan: its terms and how it stands, the schedule with paid and remaining per installment,
 * the history of versions, and the office's actions: end it (cancelled or defaulted, with a
 * reason), amend it (new terms with a live preview: a new version), print the agreement.
 */
export function PlanDetail({ planId, onBack, onChanged }: Props) {
  const canAmend = useCan("plan_amend");
  const canEnd = useCan("plan_end");
  const [id, setId] = useState(planId);
  const client = useQueryClient();
  // The plan and its versions (an amendment is a new version: a new id, read the same way).
  const q = useQuery({ queryKey: keys.plan(id), queryFn: () => Promise.all([planGet(id), planVersions(id)]) });
  const plan: PlanView | null = q.data?.[0] ?? null;
  const versions: PlanView[] = q.data?.[1] ?? [];
  const report: ErrorReport | null = q.error ? toErrorReport(q.error) : null;
  const [action, setAction] = useState<Action>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Ending or amending changes this plan, every list of plans and the account. */
  const changed = () => {
    void client.invalidateQueries({ queryKey: keys.plans });
    void client.invalidateQueries({ queryKey: keys.accounts });
    onChanged?.();
  };

  if (!plan) {
    return (
      <div className="screen" data-testid="plan-detail">
        <ErrorBanner report={report} />
        {!report ? <p className="muted">Loading plan…</p> : null}
      </div>
    );
  }

  const running = plan.status === "active" || plan.status === "delinquent";
  const s = plan.state;

  return (
    <div className="screen" data-testid="plan-detail">
      <header className="screen-head">
        <button type="button" className="btn" onClick={onBack} data-testid="plan-back">
          ← Payment plans
        </button>
        <h2>
          Plan {plan.plan_number} <span className="muted">version {plan.version}</span>
        </h2>
        <span className={`badge status status-${plan.status}`} data-testid="plan-status">
          {planStatusLabel(plan.status)}
        </span>
        <span className="spacer" />
        {running ? (
          <>
            <button type="button" className="btn" onClick={() => setAction("amend")} disabled={!canAmend} data-testid="plan-amend">
              Amend…
            </button>
            <button type="button" className="btn btn-danger" onClick={() => setAction("end")} disabled={!canEnd} data-testid="plan-end">
              End plan…
            </button>
          </>
        ) : null}
      </header>
      <ErrorBanner report={report} />
      {notice ? (
        <div className="banner banner-ok" role="status" data-testid="plan-notice">
          {notice}
        </div>
      ) : null}

      <section className="section">
        <dl className="facts">
          <dt>Account</dt>
          <dd>
            <span className="mono">{plan.account_number}</span> {plan.guarantor_name}
          </dd>
          <dt>Covers</dt>
          <dd>
            {formatMoney(plan.terms.financed)} {plan.visit_ids.length > 0 ? `(${plan.visit_ids.length} chosen visit${plan.visit_ids.length === 1 ? "" : "s"})` : "(the whole balance)"}, down payment{" "}
            {formatMoney(plan.terms.down_payment)}
          </dd>
          <dt>Terms</dt>
          <dd>
            {planFrequencyLabel(plan.terms.frequency)}, {plan.schedule.length} installments, {plan.grace_days} grace days; made {formatDate(plan.created_on)}
          </dd>
          <dt>Paid</dt>
          <dd data-testid="plan-paid">{formatMoney(s.paid_total)}</dd>
          <dt>Remaining</dt>
          <dd data-testid="plan-remaining">{formatMoney(s.remaining_balance)}</dd>
          {!isZeroMoney(s.amount_due_now) ? (
            <>
              <dt>Due now</dt>
              <dd data-testid="plan-due-now">
                {formatMoney(s.amount_due_now)}
                {s.days_late > 0 ? <span className="danger-text"> — {s.days_late} days late</span> : null}
              </dd>
            </>
          ) : null}
          {s.next_due ? (
            <>
              <dt>Next due</dt>
              <dd>
                {formatMoney(s.next_due.amount)} on {formatDate(s.next_due.due)}
              </dd>
            </>
          ) : null}
          {!isZeroMoney(s.overpaid) ? (
            <>
              <dt>Overpaid</dt>
              <dd>{formatMoney(s.overpaid)}</dd>
            </>
          ) : null}
          {plan.ended_on ? (
            <>
              <dt>Ended</dt>
              <dd>
                {formatDate(plan.ended_on)}: {plan.ended_reason}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {action === "end" ? (
        <EndPlan
          plan={plan}
          onClose={() => setAction(null)}
          onEnded={(p) => {
            setAction(null);
            setNotice(`Plan ${p.plan_number} ${p.status}: ${formatMoney(p.state.remaining_balance)} goes back to the regular statements.`);
            changed();
          }}
        />
      ) : null}
      {action === "amend" ? (
        <AmendPlan
          plan={plan}
          onClose={() => setAction(null)}
          onAmended={(p) => {
            setAction(null);
            setNotice(`Plan ${p.plan_number} amended: version ${p.version} replaces version ${plan.version}.`);
            setId(p.id);
            changed();
          }}
        />
      ) : null}

      <section className="section">
        <h3>Schedule</h3>
        <table className="grid compact" data-testid="plan-schedule">
          <thead>
            <tr>
              <th>#</th>
              <th>Due</th>
              <th className="num">Amount</th>
              <th className="num">Paid</th>
              <th className="num">Remaining</th>
              <th>Paid off</th>
            </tr>
          </thead>
          <tbody>
            {s.installments.map((i) => (
              <tr key={i.number} data-testid="installment-row">
                <td>{i.number}</td>
                <td>{formatDate(i.due)}</td>
                <td className="num mono">{formatMoney(i.amount)}</td>
                <td className="num mono">{formatMoney(i.paid)}</td>
                <td className="num mono">{formatMoney(i.remaining)}</td>
                <td>{i.paid_off_on ? formatDate(i.paid_off_on) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="section">
        <h3>Agreement</h3>
        <PdfOutput
          key={plan.id}
          name="agreement_path"
          label="Save agreement as"
          defaultPath={`plan-${plan.plan_number}-v${plan.version}.pdf`}
          dialogTitle="Save payment plan agreement as PDF"
          testid="agreement"
          buttonLabel="Print agreement…"
          print={(path) => planAgreementPrint(plan.id, path)}
        />
      </section>

      {versions.length > 1 ? (
        <section className="section">
          <h3>History</h3>
          <table className="grid compact" data-testid="plan-history">
            <thead>
              <tr>
                <th>Version</th>
                <th>Made</th>
                <th>Status</th>
                <th className="num">Covers</th>
                <th>Installments</th>
                <th className="num">Paid</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-testid="plan-version" className={v.id === plan.id ? "selected" : ""}>
                  <td>{v.version}</td>
                  <td>{formatDate(v.created_on)}</td>
                  <td>{planStatusLabel(v.status)}</td>
                  <td className="num mono">{formatMoney(v.terms.financed)}</td>
                  <td>
                    {v.schedule.length} {planFrequencyLabel(v.terms.frequency).toLowerCase()}
                  </td>
                  <td className="num mono">{formatMoney(v.state.paid_total)}</td>
                  <td>
                    {v.id !== plan.id ? (
                      <button type="button" className="btn btn-small" onClick={() => setId(v.id)}>
                        Show
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

function EndPlan({ plan, onClose, onEnded }: { plan: PlanView; onClose: () => void; onEnded: (p: PlanView) => void }) {
  const [status, setStatus] = useState<"cancelled" | "defaulted">("cancelled");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ErrorReport | null>(null);

  const confirm = async () => {
    if (busy) return;
    if (reason.trim() === "") {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "reason", message: "Say why the plan ends." }] });
      return;
    }
    setBusy(true);
    setReport(null);
    try {
      onEnded(await planEnd(plan.id, status, reason.trim()));
    } catch (e) {
      setReport(toErrorReport(e));
      setBusy(false);
    }
  };

  return (
    <section
      className="section"
      data-testid="plan-end-panel"
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") {
          e.preventDefault();
          void confirm();
        } else if (e.key === "Escape" && !busy) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h3>End plan {plan.plan_number}</h3>
      <p className="muted">What is still unpaid ({formatMoney(plan.state.remaining_balance)}) goes back to the regular statements and collections.</p>
      <div className="row">
        <SelectField
          className="w-md"
          label="How it ends"
          name="end_status"
          value={status}
          options={[
            { value: "cancelled", label: "Cancelled (by agreement)" },
            { value: "defaulted", label: "Defaulted (stopped paying)" },
          ]}
          onChange={(v) => setStatus(v as "cancelled" | "defaulted")}
          disabled={busy}
        />
        <TextField className="w-xl" label="Reason" name="end_reason" value={reason} onChange={setReason} error={fieldError(report, "reason")} disabled={busy} autoFocus required />
      </div>
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => f === "reason")} onDismiss={() => setReport(null)} />
      <div className="form-foot">
        <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={busy} data-testid="plan-end-confirm">
          End plan
        </button>
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Keep it running
        </button>
      </div>
    </section>
  );
}

function AmendPlan({ plan, onClose, onAmended }: { plan: PlanView; onClose: () => void; onAmended: (p: PlanView) => void }) {
  const [draft, setDraft] = useState<TermsDraft>(() => ({ ...blankTerms(), financed: plan.state.remaining_balance, frequency: plan.terms.frequency }));
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const built = termsFromDraft(draft);
  const terms = "terms" in built ? built.terms : null;
  const { preview, report: previewReport, loading } = useLivePreview(terms ? () => planAmendPreview(plan.id, terms) : null, terms ? `amend:${plan.id}:${JSON.stringify(terms)}` : "");
  const shown = report ?? previewReport;
  const known = (f: string) => TERMS_FIELDS.includes(f) || TERMS_FIELDS.some((t) => f === `terms.${t}`);

  const save = async () => {
    if (busy) return;
    if ("missing" in built) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: built.missing });
      return;
    }
    setBusy(true);
    setReport(null);
    try {
      onAmended(await planAmend(plan.id, built.terms));
    } catch (e) {
      setReport(toErrorReport(e));
      setBusy(false);
    }
  };

  return (
    <section
      className="section"
      data-testid="plan-amend-panel"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) {
          e.preventDefault();
          onClose();
        } else if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") {
          e.preventDefault();
          void save();
        }
      }}
    >
      <h3>Amend plan {plan.plan_number}</h3>
      <p className="muted">
        A new version over what is still unpaid ({formatMoney(plan.state.remaining_balance)}), plus any balance you add; version {plan.version} is kept as history.
      </p>
      <PlanTermsFields draft={draft} onChange={setDraft} report={shown} disabled={busy} financedLabel="New amount covered" />
      {preview ? <SchedulePreview preview={preview} /> : <p className="muted">{loading ? "Working out the schedule…" : "Enter the new terms to see the schedule."}</p>}
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, known)} onDismiss={() => setReport(null)} />
      {!report && previewReport && (previewReport.fields.length === 0 || unclaimedFieldErrors(previewReport, known).length > 0) ? (
        <ErrorBanner report={previewReport} extra={unclaimedFieldErrors(previewReport, known)} />
      ) : null}
      <div className="form-foot">
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy} data-testid="plan-amend-save">
          {busy ? "Saving…" : "Save new version"}
        </button>
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
