import { useMemo, useState } from "react";
import type { ClaimData } from "../../bindings/ClaimData";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { FieldError } from "../../bindings/FieldError";
import type { PostedClaim } from "../../bindings/PostedClaim";
import { useFormKeys } from "../../hooks/useFormKeys";
import { claimPostEob } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import {
  EOB_STATUSES,
  OTHER_GROUPS,
  blankEob,
  buildEobAdjudication,
  eobInputFor,
  type EobDraft,
  type EobLineDraft,
  type EobStatusCode,
  type OtherGroup,
} from "../../lib/eob";
import { formatDate, formatMoney, todayIso } from "../../lib/format";
import { claimStatusLabel } from "../../lib/labels";
import { ErrorBanner } from "../common/Banner";
import { DateField, SelectField, TextField } from "../common/fields";

interface Props {
  claim: ClaimData;
  onClose: () => void;
  /** After the EOB posted, so the claim and its money can be reloaded. */
  onPosted?: (posted: PostedClaim) => void;
}

/** The inputs of one line row, by the suffix of their field path. */
const LINE_INPUTS = ["paid", "co", "co_reason", "deductible", "coinsurance", "copay", "other", "other_group", "other_reason", "remarks"] as const;
const CLAIM_INPUTS = ["paid_date", "payer_claim_number", "status_code", "paid", "patient_responsibility", "lines"] as const;

/**
 * A paper EOB typed by hand: the payer's numbers per line (paid, contractual, deductible,
 * coinsurance, copay, other) and the EOB's totals, posted through the same engine as an 835.
 * The UI adds nothing up; the Rust side checks the payer's arithmetic and says what is off.
 */
export function EobEntry({ claim, onClose, onPosted }: Props) {
  const [draft, setDraft] = useState<EobDraft>(() => blankEob(claim, todayIso()));
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [adjInputs, setAdjInputs] = useState<ReadonlyMap<string, { amount: string; reason: string; group: string }>>(new Map());
  const [posted, setPosted] = useState<PostedClaim | null>(null);
  const [busy, setBusy] = useState(false);
  const lines = claim.visit.lines;

  // Every refused field, keyed by the input that shows it.
  const errors = useMemo(() => {
    const byInput = new Map<string, string[]>();
    for (const f of report?.fields ?? []) {
      const name = eobInputFor(f.field, adjInputs);
      byInput.set(name, [...(byInput.get(name) ?? []), f.message]);
    }
    return byInput;
  }, [report, adjInputs]);
  const err = (name: string): string | undefined => errors.get(name)?.join(" ");

  const known = useMemo(() => {
    const names = new Set<string>(CLAIM_INPUTS);
    lines.forEach((_, i) => {
      for (const k of LINE_INPUTS) names.add(`lines[${i}].${k}`);
    });
    return names;
  }, [lines]);
  /** A refusal about line i that no input of the row claims (e.g. "matches no line"). */
  const rowErrors = (i: number): string[] => {
    const out: string[] = [];
    for (const [name, msgs] of errors) {
      if (!known.has(name) && (name === `lines[${i}]` || name.startsWith(`lines[${i}].`))) out.push(...msgs);
    }
    return out;
  };
  const unclaimed: FieldError[] = (report?.fields ?? []).filter((f) => {
    const name = eobInputFor(f.field, adjInputs);
    if (known.has(name)) return false;
    const row = /^lines\[(\d+)\]/.exec(name);
    return !(row && Number(row[1]) < lines.length);
  });

  const setLine = (i: number, patch: Partial<EobLineDraft>) =>
    setDraft((d) => ({ ...d, lines: d.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));

  const post = async () => {
    if (busy || posted) return;
    const built = buildEobAdjudication(claim, draft);
    setAdjInputs(built.adjustmentInputs);
    if (built.problems.length > 0 || draft.paidDate === null) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: built.problems });
      return;
    }
    setBusy(true);
    setReport(null);
    try {
      const result = await claimPostEob(built.adjudication, draft.paidDate);
      setPosted(result);
      onPosted?.(result);
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setBusy(false);
    }
  };

  useFormKeys({ onSave: posted ? undefined : () => void post(), onCancel: busy ? undefined : onClose });

  if (posted) {
    return (
      <section className="section eob-entry" data-testid="eob-entry" aria-label="Paper EOB">
        <h3>Paper EOB</h3>
        <EobPosted posted={posted} />
        <div className="form-foot">
          <button type="button" className="btn" onClick={onClose} autoFocus data-testid="eob-close">
            Close
          </button>
          <span className="muted">Esc closes</span>
        </div>
      </section>
    );
  }

  const p = (i: number, k: (typeof LINE_INPUTS)[number]) => `lines[${i}].${k}`;
  const amountField = (i: number, k: "paid" | "co" | "deductible" | "coinsurance" | "copay" | "other", label: string) => (
    <TextField
      className="cell w-amt"
      label={`Line ${i + 1} ${label}`}
      name={p(i, k)}
      value={draft.lines[i]?.[k] ?? ""}
      inputMode="decimal"
      placeholder="0.00"
      onChange={(v) => setLine(i, { [k]: v })}
      error={err(p(i, k))}
      disabled={busy}
    />
  );

  return (
    <section className="section eob-entry" data-testid="eob-entry" aria-label="Paper EOB">
      <h3>Post paper EOB</h3>
      <p className="section-hint">
        Type the payer's numbers as printed on the EOB; leave a box empty when the EOB shows nothing. The EOB must add up (charge − paid = the line's
        adjustments); posting checks it and says what does not. Ctrl+S posts, Esc cancels.
      </p>
      {report ? (
        <div className="eob-error" data-testid="eob-error">
          <ErrorBanner report={report} extra={unclaimed} onDismiss={() => setReport(null)} />
        </div>
      ) : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void post();
        }}
      >
        <div className="row">
          <DateField className="w-md" label="Paid date" name="paid_date" value={draft.paidDate} onChange={(v) => setDraft((d) => ({ ...d, paidDate: v }))} error={err("paid_date")} required disabled={busy} />
          <TextField
            className="w-lg"
            label="Payer claim number (ICN)"
            name="payer_claim_number"
            value={draft.payerClaimNumber}
            onChange={(v) => setDraft((d) => ({ ...d, payerClaimNumber: v }))}
            error={err("payer_claim_number")}
            autoFocus
            disabled={busy}
          />
          <SelectField
            className="w-lg"
            label="Claim status on the EOB"
            name="status_code"
            value={draft.statusCode}
            options={EOB_STATUSES}
            onChange={(v) => setDraft((d) => ({ ...d, statusCode: (v === "4" ? "4" : "1") satisfies EobStatusCode }))}
            error={err("status_code")}
            disabled={busy}
          />
        </div>

        {err("lines") ? (
          <div className="field-error eob-lines-error" data-testid="error-lines" role="alert">
            {err("lines")}
          </div>
        ) : null}
        <table className="grid compact lines-table eob-table" data-testid="eob-lines">
          <thead>
            <tr>
              <th>#</th>
              <th>Date</th>
              <th>Code</th>
              <th className="num">Charge</th>
              <th>Paid</th>
              <th>Contractual (CO)</th>
              <th>Deductible (PR 1)</th>
              <th>Coinsurance (PR 2)</th>
              <th>Copay (PR 3)</th>
              <th>Other adjustment</th>
              <th>Remark codes</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((sl, i) => {
              const d = draft.lines[i];
              if (!d) return null;
              const problems = rowErrors(i);
              return (
                <tr key={sl.id ?? `line-${i}`} data-testid="eob-line">
                  <td className="num">{i + 1}</td>
                  <td>{formatDate(sl.service_from ?? claim.visit.service_date)}</td>
                  <td>
                    <span className="mono">
                      {sl.code}
                      {sl.modifiers.length > 0 ? ` ${sl.modifiers.join(" ")}` : ""}
                    </span>
                    {problems.length > 0 ? (
                      <div className="field-error" data-testid={`error-lines[${i}]`} role="alert">
                        {problems.join(" ")}
                      </div>
                    ) : null}
                  </td>
                  <td className="num mono">{formatMoney(sl.charge)}</td>
                  <td>{amountField(i, "paid", "paid")}</td>
                  <td>
                    <div className="eob-adj">
                      {amountField(i, "co", "contractual adjustment (CO)")}
                      <TextField className="cell w-xs" label={`Line ${i + 1} contractual reason code (CARC)`} name={p(i, "co_reason")} value={d.coReason} maxLength={5} onChange={(v) => setLine(i, { coReason: v.toUpperCase() })} error={err(p(i, "co_reason"))} disabled={busy} />
                    </div>
                  </td>
                  <td>{amountField(i, "deductible", "deductible (PR 1)")}</td>
                  <td>{amountField(i, "coinsurance", "coinsurance (PR 2)")}</td>
                  <td>{amountField(i, "copay", "copay (PR 3)")}</td>
                  <td>
                    <div className="eob-adj">
                      <SelectField
                        className="cell w-xs"
                        label={`Line ${i + 1} other adjustment group`}
                        name={p(i, "other_group")}
                        value={d.otherGroup}
                        options={OTHER_GROUPS.map((g) => ({ value: g.value, label: g.value }))}
                        onChange={(v) => setLine(i, { otherGroup: OTHER_GROUPS.find((g) => g.value === v)?.value ?? ("OA" satisfies OtherGroup) })}
                        error={err(p(i, "other_group"))}
                        disabled={busy}
                      />
                      <TextField className="cell w-xs" label={`Line ${i + 1} other adjustment reason code (CARC)`} name={p(i, "other_reason")} value={d.otherReason} maxLength={5} placeholder="CARC" onChange={(v) => setLine(i, { otherReason: v.toUpperCase() })} error={err(p(i, "other_reason"))} disabled={busy} />
                      {amountField(i, "other", "other adjustment amount")}
                    </div>
                  </td>
                  <td>
                    <TextField className="cell w-sm" label={`Line ${i + 1} remark codes`} name={p(i, "remarks")} value={d.remarks} placeholder="N130, MA01" onChange={(v) => setLine(i, { remarks: v.toUpperCase() })} error={err(p(i, "remarks"))} disabled={busy} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <div className="row eob-totals">
          <TextField className="w-md" label="Total paid on this EOB" name="paid" value={draft.paid} inputMode="decimal" placeholder="0.00" onChange={(v) => setDraft((d) => ({ ...d, paid: v }))} error={err("paid")} disabled={busy} />
          <TextField
            className="w-md"
            label="Total patient responsibility"
            name="patient_responsibility"
            value={draft.patientResponsibility}
            inputMode="decimal"
            placeholder="0.00"
            onChange={(v) => setDraft((d) => ({ ...d, patientResponsibility: v }))}
            error={err("patient_responsibility")}
            disabled={busy}
          />
          <div className="field-actions">
            <span className="muted">Claim charge {formatMoney(claim.total_charge)}</span>
          </div>
        </div>

        <div className="form-foot">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="eob-post" title="Post the EOB (Ctrl+S)">
            {busy ? "Posting…" : "Post EOB"}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={busy} data-testid="eob-cancel">
            Cancel
          </button>
          <span className="muted">Esc cancels</span>
        </div>
      </form>
    </section>
  );
}

/** What posting the EOB did, as the Rust side reports it. */
export function EobPosted({ posted: c }: { posted: PostedClaim }) {
  return (
    <div className="banner banner-ok" role="status" data-testid="eob-posted">
      <div>
        <strong>
          EOB posted to claim <span className="mono">{c.control_number}</span>
          {c.patient_name ? ` (${c.patient_name})` : ""}.
        </strong>
        <dl className="facts eob-posted-facts">
          <dt>Status</dt>
          <dd data-testid="eob-posted-status">
            {claimStatusLabel(c.status_before)} → {claimStatusLabel(c.status_after)}
          </dd>
          <dt>Charge</dt>
          <dd className="mono">{formatMoney(c.charge)}</dd>
          <dt>Paid</dt>
          <dd className="mono" data-testid="eob-posted-paid">
            {formatMoney(c.paid)}
          </dd>
          <dt>Contractual</dt>
          <dd className="mono" data-testid="eob-posted-contractual">
            {formatMoney(c.contractual)}
          </dd>
          <dt>Patient share</dt>
          <dd className="mono" data-testid="eob-posted-patient">
            {formatMoney(c.patient_responsibility)}
          </dd>
          <dt>Secondary claim</dt>
          <dd data-testid="eob-posted-secondary">{c.secondary_claim ? <>built: <span className="mono">{c.secondary_claim}</span></> : "none"}</dd>
          <dt>Underpaid lines</dt>
          <dd data-testid="eob-posted-underpaid">{c.underpaid_lines === 0 ? "none" : `${c.underpaid_lines} line${c.underpaid_lines === 1 ? "" : "s"} paid below the contracted amount`}</dd>
        </dl>
        {c.crossover ? <p>Crossed over to the next payer (do not bill it yourself).</p> : null}
      </div>
    </div>
  );
}
