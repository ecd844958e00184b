import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { AccountBalance } from "../../bindings/AccountBalance";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { LedgerEntry } from "../../bindings/LedgerEntry";
import type { StatementSummary } from "../../bindings/StatementSummary";
import type { PaymentListed } from "../../bindings/PaymentListed";
import type { PlanView } from "../../bindings/PlanView";
import type { Responsible } from "../../bindings/Responsible";
import type { StatementMailing } from "../../bindings/StatementMailing";
import { PdfOutput } from "../plans/PdfOutput";
import { paymentMethodLabel, planStatusLabel } from "../plans/planLabels";
import { accountBalance, accountPayments, collectionsSend, plansForPatient, patientBalance, receiptPrint, patientLedger, pdfOpen, statementHold, statementMailing, statementReprint, statementsForPatient } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { formatDate, formatMoney } from "../../lib/format";
import { bucketLabel, entryKindLabel, messageLevelLabel } from "../../lib/labels";
import { ErrorBanner } from "../common/Banner";
import { TextField } from "../common/fields";

/**
 * The account balance for the patient screen header: "Patient owes $X · Insurance pending $Y".
 * Amounts are shown exactly as the Rust side computed them.
 */
export function PatientBalance({ patientId, onLoaded }: { patientId: number; onLoaded?: (b: AccountBalance) => void }) {
  const [balance, setBalance] = useState<AccountBalance | null>(null);
  // The whole account (this patient and everyone they are guarantor for), when it differs.
  const [account, setAccount] = useState<AccountBalance | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setBalance(null);
    setAccount(null);
    setFailed(null);
    // Only a guarantor's account differs from their own figures; if it cannot be read the
    // patient's own balance still shows.
    Promise.resolve()
      .then(() => accountBalance(patientId))
      .then(
        (a) => live && a && setAccount(a),
        () => undefined,
      );
    patientBalance(patientId).then(
      (b) => {
        if (!live) return;
        setBalance(b);
        onLoaded?.(b);
      },
      (e: unknown) => live && setFailed(toErrorReport(e).message),
    );
    return () => {
      live = false;
    };
  }, [patientId]);

  if (failed !== null) {
    return (
      <span className="balance muted" data-testid="patient-balance" title={failed}>
        Balance unavailable
      </span>
    );
  }
  if (!balance) {
    return (
      <span className="balance muted" data-testid="patient-balance">
        Balance…
      </span>
    );
  }
  const credit = balance.patient_due.trim().startsWith("-");
  return (
    <span className="balance" data-testid="patient-balance" title={`Account total ${formatMoney(balance.total)}`}>
      {credit ? "Patient credit" : "Patient owes"} <strong data-testid="balance-patient">{formatMoney(balance.patient_due)}</strong> · Insurance pending{" "}
      <strong data-testid="balance-insurance">{formatMoney(balance.insurance_pending)}</strong> · Total <strong data-testid="balance-total">{formatMoney(balance.total)}</strong>
      {account && (account.patient_due !== balance.patient_due || account.total !== balance.total) ? (
        <span title="This patient and everyone they are guarantor for: what their statement asks">
          {" "}
          · Family account owes <strong data-testid="balance-account">{formatMoney(account.patient_due)}</strong>
        </span>
      ) : null}
    </span>
  );
}

/**
 * Shown by the guarantor when the account's statements cannot be mailed (no complete address):
 * statement runs hold the account out until the address is added. Saving a patient without an
 * address stays allowed (a newborn, an emergency visit); this only makes it visible. Reads the
 * saved record: remount it (key) after a save.
 */
export function StatementMailingNotice({ patientId, guarantor }: { patientId: number; guarantor: Responsible }) {
  const [mailing, setMailing] = useState<StatementMailing | null>(null);

  useEffect(() => {
    let live = true;
    setMailing(null);
    // Advisory: if it cannot be read, the record shows nothing rather than an error.
    Promise.resolve()
      .then(() => statementMailing(patientId))
      .then(
        (m) => live && setMailing(m),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [patientId]);

  if (!mailing || mailing.held_out === null) return null;
  const where =
    guarantor.kind === "self"
      ? "Add the patient's street, city, state and ZIP above."
      : guarantor.kind === "person"
        ? "Add the guarantor's address below, or the patient's above if they live together."
        : `Add it on ${mailing.name}'s record.`;
  return (
    <div className="banner banner-warn" role="status" data-testid="statement-mailing-warning">
      <span>
        <strong>Statements cannot be mailed</strong> to {mailing.name}: no complete mailing address. {where} Statement runs hold this account out until then.
      </span>
    </div>
  );
}

/** The patient's ledger: every charge, payment, adjustment and transfer, as a biller reads it. */
export function PatientLedger({ patientId }: { patientId: number }) {
  const [rows, setRows] = useState<LedgerEntry[] | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);

  useEffect(() => {
    let live = true;
    patientLedger(patientId).then(
      (r) => {
        if (!live) return;
        setRows(r);
        setReport(null);
      },
      (e: unknown) => live && setReport(toErrorReport(e)),
    );
    return () => {
      live = false;
    };
  }, [patientId]);

  const reversed = new Set((rows ?? []).map((r) => r.reversal_of).filter((x): x is number => x !== null));

  return (
    <div data-testid="patient-ledger">
      <ErrorBanner report={report} />
      {rows === null && !report ? <p className="muted">Loading ledger…</p> : null}
      {rows !== null && rows.length === 0 ? <p className="muted">Nothing on the ledger yet.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <div className="table-wrap">
          <table className="grid compact">
            <thead>
              <tr>
                <th>Date</th>
                <th>Entry</th>
                <th className="num">Amount</th>
                <th>Owed by</th>
                <th>Note</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-testid="ledger-row" className={e.reversal_of !== null || reversed.has(e.id) ? "reversal" : ""}>
                  <td>{formatDate(e.entry_date)}</td>
                  <td data-testid="ledger-kind">
                    {entryKindLabel(e)}
                    {e.reversal_of !== null ? (
                      <span className="badge badge-inactive" data-testid="ledger-reversal">
                        reversal of #{e.reversal_of}
                      </span>
                    ) : null}
                    {reversed.has(e.id) ? <span className="badge badge-inactive">reversed</span> : null}
                  </td>
                  <td className="num mono">{formatMoney(e.amount)}</td>
                  <td>{bucketLabel(e.bucket)}</td>
                  <td className="wrap">{e.memo}</td>
                  <td className="muted" title={`Posted ${e.posted_at}`} data-testid="ledger-by">
                    {e.posted_by}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

type StatementAction = "hold" | "collections";

/**
 * The patient's statements (reprint any of them) and the account's statement actions: hold
 * (with a reason) or release, and send to collections. Sits inside the patient form, so the
 * small prompts handle Enter/Escape themselves instead of submitting or closing the form.
 */
export function PatientStatements({ patientId }: { patientId: number }) {
  const [rows, setRows] = useState<StatementSummary[] | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<{ text: string; path?: string } | null>(null);
  const [action, setAction] = useState<StatementAction | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    setRows(null);
    statementsForPatient(patientId).then(
      (r) => {
        if (!live.current) return;
        setRows(r);
        setReport(null);
      },
      (e: unknown) => live.current && setReport(toErrorReport(e)),
    );
    return () => {
      live.current = false;
    };
  }, [patientId]);

  const reprint = async (s: StatementSummary) => {
    if (busy) return;
    setReport(null);
    setNotice(null);
    try {
      const path = await choosePdfSave("Reprint statement as PDF", `statement-${s.statement_date}.pdf`);
      if (!path || !live.current) return;
      setBusy(true);
      const bytes = await statementReprint(s.id, path);
      if (live.current) setNotice({ text: `Statement of ${formatDate(s.statement_date)} reprinted to ${path} (${bytes} bytes).`, path });
    } catch (e) {
      if (live.current) setReport(toErrorReport(e));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const start = (a: StatementAction) => {
    setAction(a);
    setText("");
    setReport(null);
    setNotice(null);
  };

  const confirm = async () => {
    if (busy || !action) return;
    const value = text.trim();
    if (value === "") {
      const field = action === "hold" ? "reason" : "agency";
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field, message: action === "hold" ? "Enter why statements are held." : "Enter the collection agency." }] });
      return;
    }
    setBusy(true);
    setReport(null);
    try {
      if (action === "hold") {
        await statementHold(patientId, value);
        if (live.current) setNotice({ text: `Statements held: ${value}.` });
      } else {
        await collectionsSend(patientId, value);
        if (live.current) setNotice({ text: `Account sent to collections (${value}).` });
      }
      if (live.current) setAction(null);
    } catch (e) {
      if (live.current) setReport(toErrorReport(e));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const release = async () => {
    if (busy) return;
    setBusy(true);
    setReport(null);
    setNotice(null);
    setAction(null);
    try {
      await statementHold(patientId, "");
      if (live.current) setNotice({ text: "Statement hold released (statements go out again)." });
    } catch (e) {
      if (live.current) setReport(toErrorReport(e));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const open = async (path: string) => {
    try {
      await pdfOpen(path);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  // Enter confirms and Escape cancels the prompt, without reaching the patient form.
  const promptKeys = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      e.stopPropagation();
      void confirm();
    } else if (e.key === "Escape" && !busy) {
      e.preventDefault();
      e.stopPropagation();
      setAction(null);
      setReport(null);
    }
  };

  return (
    <div data-testid="patient-statements">
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      {notice ? (
        <div className="banner banner-ok" role="status" data-testid="statement-notice">
          <div>{notice.text}</div>
          {notice.path !== undefined ? (
            <button type="button" className="btn" onClick={() => void open(notice.path!)}>
              Open PDF
            </button>
          ) : null}
        </div>
      ) : null}
      {rows === null && !report ? <p className="muted">Loading statements…</p> : null}
      {rows !== null && rows.length === 0 ? <p className="muted">No statements sent yet.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <div className="table-wrap">
          <table className="grid compact">
            <thead>
              <tr>
                <th>Date</th>
                <th className="num">Amount due</th>
                <th>Message</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-testid="patient-statement">
                  <td>{formatDate(s.statement_date)}</td>
                  <td className="num mono">{formatMoney(s.amount_due)}</td>
                  <td data-testid="statement-level">{messageLevelLabel(s.message_level)}</td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => void reprint(s)} disabled={busy} data-testid="statement-reprint">
                      Reprint…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form-foot">
        <button type="button" className="btn" onClick={() => start("hold")} disabled={busy} data-testid="statement-hold">
          Hold statements…
        </button>
        <button type="button" className="btn" onClick={() => void release()} disabled={busy} data-testid="statement-release" title="Lets statements go out again; does nothing when the account is not on hold.">
          Release hold (if held)
        </button>
        <button type="button" className="btn" onClick={() => start("collections")} disabled={busy} data-testid="collections-send">
          Send to collections…
        </button>
      </div>
      {action ? (
        <div className="row" onKeyDown={promptKeys} data-testid="statement-action">
          {action === "hold" ? (
            <TextField className="w-xl" label="Reason for holding statements" name="reason" value={text} onChange={setText} error={fieldError(report, "reason")} disabled={busy} autoFocus />
          ) : (
            <TextField className="w-xl" label="Collection agency" name="agency" value={text} onChange={setText} error={fieldError(report, "agency")} disabled={busy} autoFocus />
          )}
          <div className="field-actions">
            <button type="button" className="btn btn-primary" onClick={() => void confirm()} disabled={busy} data-testid="statement-action-confirm">
              {action === "hold" ? "Hold statements" : "Send to collections"}
            </button>
            <button type="button" className="btn" onClick={() => setAction(null)} disabled={busy}>
              Cancel
            </button>
            <span className="muted">Enter confirms · Esc cancels</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The rows `load` reads for the patient (null until they arrive) or why it failed; an answer
 * that arrives after the patient changed or the list closed is dropped.
 */
function usePatientRows<T>(load: (patientId: number) => Promise<T[]>, patientId: number) {
  const [rows, setRows] = useState<T[] | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);

  useEffect(() => {
    let live = true;
    load(patientId).then(
      (r) => live && setRows(r),
      (e: unknown) => live && setReport(toErrorReport(e)),
    );
    return () => {
      live = false;
    };
  }, [load, patientId]);

  return { rows, report };
}

/** The account's payment plans (every version, newest first) with how each stands. */
export function PatientPlans({ patientId }: { patientId: number }) {
  const { rows, report } = usePatientRows<PlanView>(plansForPatient, patientId);

  return (
    <div data-testid="patient-plans">
      <ErrorBanner report={report} />
      {rows !== null && rows.length === 0 ? <p className="muted">No payment plan.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Plan</th>
              <th>Status</th>
              <th>Made</th>
              <th>Next due</th>
              <th className="num">Paid</th>
              <th className="num">Remaining</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} data-testid="patient-plan">
                <td className="mono">
                  {p.plan_number} v{p.version}
                </td>
                <td>{planStatusLabel(p.status)}</td>
                <td>{formatDate(p.created_on)}</td>
                <td>{p.state.next_due ? `${formatMoney(p.state.next_due.amount)} on ${formatDate(p.state.next_due.due)}` : ""}</td>
                <td className="num mono">{formatMoney(p.state.paid_total)}</td>
                <td className="num mono">{formatMoney(p.state.remaining_balance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** The account's patient payments, newest first, each with its receipt to print again. */
export function PatientPayments({ patientId }: { patientId: number }) {
  const { rows, report } = usePatientRows<PaymentListed>(accountPayments, patientId);
  const [chosen, setChosen] = useState<PaymentListed | null>(null);

  return (
    <div data-testid="patient-payments">
      <ErrorBanner report={report} />
      {rows !== null && rows.length === 0 ? <p className="muted">No patient payment yet.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Received</th>
              <th>Receipt</th>
              <th>Method</th>
              <th className="num">Amount</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.payment_id} data-testid="patient-payment" className={p.reversed ? "reversal" : ""}>
                <td>{formatDate(p.received_on)}</td>
                <td className="mono">{p.receipt_number}</td>
                <td>
                  {paymentMethodLabel(p.method)}
                  {p.reference ? ` ${p.reference}` : ""}
                  {p.reversed ? <span className="badge badge-inactive">reversed</span> : null}
                </td>
                <td className="num mono">{formatMoney(p.amount)}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setChosen(p)} data-testid="payment-receipt-reprint">
                    Receipt…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {chosen ? (
        <PdfOutput
          key={chosen.payment_id}
          name="receipt_path"
          label={`Save receipt ${chosen.receipt_number} as`}
          defaultPath={`receipt-${chosen.receipt_number}.pdf`}
          dialogTitle="Save receipt as PDF"
          testid="receipt"
          buttonLabel="Print receipt…"
          print={(path) => receiptPrint(chosen.payment_id, path)}
        />
      ) : null}
    </div>
  );
}
