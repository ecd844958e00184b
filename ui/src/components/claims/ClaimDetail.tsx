import { useCallback, useEffect, useState } from "react";
import type { ClaimChoices } from "../../bindings/ClaimChoices";
import type { ClaimData } from "../../bindings/ClaimData";
import type { ClaimMoney } from "../../bindings/ClaimMoney";
import type { ClaimStatus } from "../../bindings/ClaimStatus";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { ScrubResult } from "../../bindings/ScrubResult";
import type { StatusChange } from "../../bindings/StatusChange";
import { useFormKeys } from "../../hooks/useFormKeys";
import { claimChoices, claimCorrect, claimGet, claimHistory, claimMoney, claimScrub, claimSetStatus } from "../../ipc/commands";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { formatDate, formatMoney, formatName } from "../../lib/format";
import { claimStatusLabel, frequencyLabel, rankLabel } from "../../lib/labels";
import { ErrorBanner, Notice } from "../common/Banner";
import { SelectField, TextField } from "../common/fields";
import { EobEntry } from "./EobEntry";
import { PrintDialog } from "./PrintDialog";
import { ScrubPanel } from "./ScrubPanel";
import { useCan } from "../../session/session";

interface Props {
  claimId: number;
  onBack: () => void;
  /** Open the visit's charge entry, optionally focusing a field. */
  onEditCharges: (visitId: number, patientId: number, focus?: string) => void;
  onOpenPatient: (patientId: number) => void;
  /** After a status change or a correction, so the list can refresh. */
  onChanged?: () => void;
}

/** One claim: summary, dated history, scrubber findings and the actions that make sense now. */
export function ClaimDetail({ claimId, onBack, onEditCharges, onOpenPatient, onChanged }: Props) {
  const canStatus = useCan("claim_set_status");
  const canCorrect = useCan("claim_correct");
  const canPrint = useCan("claims_print");
  const canVisit = useCan("visit_save");
  const [id, setId] = useState(claimId);
  const [claim, setClaim] = useState<ClaimData | null>(null);
  const [history, setHistory] = useState<StatusChange[]>([]);
  // What may be done with the claim now: the Rust side owns these rules.
  const [choices, setChoices] = useState<ClaimChoices | null>(null);
  const [scrub, setScrub] = useState<ScrubResult | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [nextStatus, setNextStatus] = useState<ClaimStatus | "">("");
  const [note, setNote] = useState("");
  const [correcting, setCorrecting] = useState<null | { frequency: "replacement" | "void"; reference: string }>(null);
  const [printing, setPrinting] = useState(false);
  /** The paper EOB form is open (it handles Esc and Ctrl+S itself). */
  const [eobOpen, setEobOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [money, setMoney] = useState<ClaimMoney | null>(null);
  const [moneyError, setMoneyError] = useState<string | null>(null);

  const load = useCallback(async (cid: number, withScrub: boolean) => {
    // The claim's money loads on its own: a failure there must not hide the claim.
    claimMoney(cid).then(
      (m) => {
        setMoney(m);
        setMoneyError(null);
      },
      (e: unknown) => setMoneyError(toErrorReport(e).message),
    );
    try {
      const [c, h, ch] = await Promise.all([claimGet(cid), claimHistory(cid), claimChoices(cid)]);
      setClaim(c);
      setHistory(h);
      setChoices(ch);
      setNextStatus("");
      if (withScrub && (c.status === "draft" || c.status === "ready")) setScrub(await claimScrub(cid));
    } catch (e) {
      setReport(toErrorReport(e));
    }
  }, []);

  useEffect(() => {
    void load(id, true);
  }, [id, load]);

  useFormKeys({ onCancel: printing ? undefined : onBack }, !printing && correcting === null && !eobOpen);

  if (!claim) {
    return (
      <div className="screen" data-testid="claim-detail">
        <ErrorBanner report={report} onDismiss={() => setReport(null)} />
        <p className="muted">Loading claim…</p>
      </div>
    );
  }

  const visit = claim.visit;
  const patientId = claim.patient.id ?? visit.patient_id;
  const nexts = choices?.next_statuses ?? [];

  const changeStatus = async () => {
    if (nextStatus === "" || busy) return;
    setBusy(true);
    try {
      const s = await claimSetStatus(id, nextStatus, note);
      setNotice(`Status changed to ${claimStatusLabel(s.status)}.`);
      setNote("");
      setReport(null);
      await load(id, false);
      onChanged?.();
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setBusy(false);
    }
  };

  const correct = async () => {
    if (!correcting || busy) return;
    setBusy(true);
    try {
      const s = await claimCorrect(id, correcting.frequency, correcting.reference.trim());
      setCorrecting(null);
      setReport(null);
      setNotice(`${correcting.frequency === "void" ? "Void" : "Corrected"} claim ${s.control_number} created.`);
      setScrub(null);
      setId(s.id);
      setEobOpen(false);
      onChanged?.();
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setBusy(false);
    }
  };

  const rescrub = async () => {
    try {
      setScrub(await claimScrub(id));
      setReport(null);
      await load(id, false);
      onChanged?.();
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  return (
    <div className="screen" data-testid="claim-detail">
      <header className="screen-head">
        <button type="button" className="btn" onClick={onBack} title="Back to the claims (Esc)" data-testid="back-to-claims">
          ← Claims
        </button>
        <h2>
          Claim <span className="mono">{claim.control_number}</span>
        </h2>
        <span className={`status status-${claim.status}`} data-testid="claim-status">
          {claimStatusLabel(claim.status)}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => onEditCharges(visit.id ?? 0, patientId, undefined)} disabled={visit.id === null || !canVisit} data-testid="edit-charges">
          Edit charges
        </button>
        <button type="button" className="btn" onClick={() => setPrinting(true)} disabled={!canPrint} data-testid="reprint">
          Reprint…
        </button>
        <button type="button" className="btn" onClick={() => void rescrub()} data-testid="scrub-claim">
          Scrub
        </button>
      </header>
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}

      <section className="section claim-summary">
        <dl className="facts">
          <dt>Patient</dt>
          <dd>
            <button type="button" className="btn-link" onClick={() => onOpenPatient(patientId)}>
              {formatName(claim.patient.last_name, claim.patient.first_name, claim.patient.middle_name)}
            </button>{" "}
            <span className="mono">{claim.patient.account_number}</span>
          </dd>
          <dt>Payer</dt>
          <dd>
            {claim.payer.name} ({rankLabel(claim.payer_rank)}) · member <span className="mono">{claim.policy.member_id}</span>
          </dd>
          <dt>Date of service</dt>
          <dd>{formatDate(visit.service_date)}</dd>
          <dt>Rendering</dt>
          <dd>{formatName(claim.rendering.last_name, claim.rendering.first_name)}</dd>
          <dt>Total charge</dt>
          <dd className="mono" data-testid="claim-charge">
            {formatMoney(claim.total_charge)}
          </dd>
          <dt>Claim type</dt>
          <dd>
            {frequencyLabel(claim.frequency)}
            {claim.original_reference ? ` of ${claim.original_reference}` : ""}
          </dd>
        </dl>
      </section>

      <section className="section" data-testid="claim-money">
        <h3>Money</h3>
        {money ? (
          <dl className="facts money-facts">
            <dt>Charge</dt>
            <dd data-testid="money-charge">{formatMoney(money.charge)}</dd>
            <dt>Insurance paid</dt>
            <dd data-testid="money-insurance-paid">{formatMoney(money.insurance_paid)}</dd>
            <dt>Adjustments</dt>
            <dd data-testid="money-adjustments">{formatMoney(money.adjustments)}</dd>
            <dt>Patient responsibility</dt>
            <dd data-testid="money-patient">{formatMoney(money.patient_responsibility)}</dd>
            <dt>
              <strong>Balance</strong>
            </dt>
            <dd data-testid="money-balance">
              <strong>{formatMoney(money.balance)}</strong>
            </dd>
          </dl>
        ) : (
          <p className="muted">{moneyError ?? "Loading…"}</p>
        )}
      </section>

      {scrub ? (
        <ScrubPanel
          result={scrub}
          controlNumber={claim.control_number}
          onResult={(r) => {
            setScrub(r);
            void load(id, false);
            onChanged?.();
          }}
          onGoTo={(field) => onEditCharges(visit.id ?? 0, patientId, field)}
          onOpenPatient={() => onOpenPatient(patientId)}
        />
      ) : null}

      <section className="section">
        <h3>Actions</h3>
        {nexts.length > 0 ? (
          <div className="row">
            <SelectField
              className="w-md"
              label="Change status to"
              name="status"
              value={nextStatus}
              placeholder="— choose —"
              options={nexts.map((s) => ({ value: s, label: claimStatusLabel(s) }))}
              onChange={(v) => setNextStatus(v as ClaimStatus | "")}
              error={fieldError(report, "status")}
            />
            <TextField className="w-xl" label="Note (who, what, reference)" name="note" value={note} onChange={setNote} error={fieldError(report, "note")} />
            <div className="field-actions">
              <button type="button" className="btn btn-primary" disabled={nextStatus === "" || busy || !canStatus} onClick={() => void changeStatus()} data-testid="set-status">
                Change status
              </button>
            </div>
          </div>
        ) : (
          <p className="muted">No status change is available from {claimStatusLabel(claim.status)}.</p>
        )}
        {choices?.can_correct && claim.frequency === "original" ? (
          correcting ? (
            <div className="row correct-row">
              <SelectField
                className="w-md"
                label="Send"
                name="frequency"
                value={correcting.frequency}
                options={[
                  { value: "replacement", label: "Corrected claim (replacement, 7)" },
                  { value: "void", label: "Void claim (8)" },
                ]}
                onChange={(v) => setCorrecting({ ...correcting, frequency: v === "void" ? "void" : "replacement" })}
              />
              <TextField className="w-lg" label="Payer's original claim number (box 22)" name="original_reference" value={correcting.reference} onChange={(v) => setCorrecting({ ...correcting, reference: v })} error={fieldError(report, "original_reference")} autoFocus required />
              <div className="field-actions">
                <button type="button" className="btn btn-primary" onClick={() => void correct()} disabled={busy || correcting.reference.trim() === ""} data-testid="create-correction">
                  Create
                </button>
                <button type="button" className="btn" onClick={() => setCorrecting(null)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="btn" onClick={() => setCorrecting({ frequency: "replacement", reference: "" })} disabled={!canCorrect} data-testid="correct-claim">
              Corrected / void claim…
            </button>
          )
        ) : null}
        {choices?.takes_paper_eob && !eobOpen ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setCorrecting(null);
              setEobOpen(true);
            }}
            title="Type in the payer's paper EOB for this claim"
            data-testid="post-eob"
          >
            Post paper EOB…
          </button>
        ) : null}
      </section>

      {eobOpen ? (
        <EobEntry
          key={id}
          claim={claim}
          onClose={() => setEobOpen(false)}
          onPosted={() => {
            setReport(null);
            setNotice(null);
            void load(id, false);
            onChanged?.();
          }}
        />
      ) : null}

      <section className="section">
        <h3>History</h3>
        <table className="grid compact" data-testid="claim-history">
          <thead>
            <tr>
              <th>When</th>
              <th>From</th>
              <th>To</th>
              <th>By</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={`${h.changed_at}-${i}`}>
                <td>{h.changed_at.replace("T", " ").slice(0, 16)}</td>
                <td>{h.from_status ? claimStatusLabel(h.from_status) : ""}</td>
                <td>{claimStatusLabel(h.to_status)}</td>
                <td>{h.source}</td>
                <td>{h.note}</td>
              </tr>
            ))}
            {history.length === 0 ? (
              <tr>
                <td colSpan={5} className="empty">
                  No history yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>

      {printing ? (
        <PrintDialog claimIds={[id]} markSubmitted={false} defaultForm="full" defaultName={`claim-${claim.control_number}.pdf`} onClose={() => setPrinting(false)} />
      ) : null}
    </div>
  );
}
