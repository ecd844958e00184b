import { useState, type KeyboardEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { PaymentInput } from "../../bindings/PaymentInput";
import { keys as queryKeys } from "../../ipc/queryKeys";
import type { AccountBalance } from "../../bindings/AccountBalance";
import type { ApplyTo } from "../../bindings/ApplyTo";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import type { PaymentReceipt } from "../../bindings/PaymentReceipt";
import type { VisitBalance } from "../../bindings/VisitBalance";
import { accountVisitBalances, creditRefund, paymentPost, receiptPrint } from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { formatDate, formatMoney, todayIso } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { DateField, SelectField, TextField } from "../common/fields";
import { PdfOutput } from "../plans/PdfOutput";
import { PAYMENT_METHODS, isNegativeMoney, isZeroMoney, paymentMethodLabel } from "../plans/planLabels";

type Apply = "oldest" | "visits" | "copay";

const KNOWN = new Set(["amount", "method", "reference", "received_on", "apply", "visit_ids", "patient_id"]);

interface Props {
  patientId: number;
  /** After a payment or refund is recorded (the balance and ledger refresh). */
  onPosted?: () => void;
  onClose: () => void;
}

/**
 * Take a payment at the desk: amount, method, reference (check number or card approval,
 * never a card number), applied to the oldest open items, to chosen visits, or held as a copay
 * at check-in. Then the receipt: its number, where the money went, the balance after, and
 * "Print receipt". Sits beside the patient form, so Enter and Escape are handled here.
 */
export function TakePayment({ patientId, onPosted, onClose }: Props) {
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState<PaymentMethod>("cash");
  const [reference, setReference] = useState("");
  const [receivedOn, setReceivedOn] = useState<string | null>(todayIso());
  const [apply, setApply] = useState<Apply>("oldest");
  // The account's visits with what is open on each: for "chosen visits" and copays.
  const visitsQ = useQuery({ queryKey: queryKeys.visitBalances(patientId), queryFn: () => accountVisitBalances(patientId) });
  const visits: VisitBalance[] | null = visitsQ.data ?? null;
  const [chosen, setChosen] = useState<number[]>([]);
  const [copayVisit, setCopayVisit] = useState("");
  const [failure, setReport] = useState<ErrorReport | null>(null);
  const report = failure ?? (visitsQ.error ? toErrorReport(visitsQ.error) : null);
  const [receipt, setReceipt] = useState<PaymentReceipt | null>(null);
  // The caller invalidates what a posting changes (onPosted): it knows the family's screens.
  const postM = useMutation({
    mutationFn: (input: PaymentInput) => paymentPost(input),
    onSuccess: (r) => {
      setReceipt(r);
      onPosted?.();
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const busy = postM.isPending;

  const applyTo = (): ApplyTo => {
    if (apply === "visits") return { kind: "visits", visit_ids: chosen };
    if (apply === "copay") return { kind: "copay", visit_id: copayVisit === "" ? null : Number(copayVisit) };
    return { kind: "oldest_first" };
  };

  const post = () => {
    if (busy) return;
    const fields: Array<{ field: string; message: string }> = [];
    if (amount.trim() === "") fields.push({ field: "amount", message: "Enter the amount received." });
    if (apply === "visits" && chosen.length === 0) fields.push({ field: "visit_ids", message: "Choose the visits this payment is for." });
    if (fields.length > 0) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields });
      return;
    }
    setReport(null);
    // The amount goes as typed: the Rust side parses and checks money.
    postM.mutate({ patient_id: patientId, received_on: receivedOn, method, reference: reference.trim(), amount: amount.trim(), apply: applyTo() });
  };

  const keys = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape" && !busy) {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === "Enter" && !receipt && (e.target as HTMLElement).tagName === "INPUT") {
      e.preventDefault();
      e.stopPropagation();
      void post();
    }
  };

  const refLabel = method === "check" ? "Check number" : method === "card" ? "Card approval / last 4" : "Reference";

  return (
    <section className="section take-payment" data-testid="take-payment-panel" onKeyDown={keys} aria-label="Take payment">
      <header className="panel-head">
        <h3>Take payment</h3>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose} disabled={busy} data-testid="take-payment-close">
          Close
        </button>
      </header>
      {receipt === null ? (
        <>
          <div className="row">
            <TextField className="w-sm" label="Amount" name="amount" value={amount} onChange={setAmount} inputMode="decimal" error={fieldError(report, "amount")} disabled={busy} autoFocus required />
            <SelectField className="w-sm" label="Method" name="method" value={method} options={PAYMENT_METHODS} onChange={(v) => setMethod(v as PaymentMethod)} error={fieldError(report, "method")} disabled={busy} />
            <TextField
              className="w-md"
              label={refLabel}
              name="reference"
              value={reference}
              onChange={setReference}
              error={fieldError(report, "reference")}
              disabled={busy}
              hint={method === "card" ? "Never the card number." : undefined}
              required={method === "check"}
            />
            <DateField className="w-sm" label="Received" name="received_on" value={receivedOn} onChange={setReceivedOn} error={fieldError(report, "received_on")} disabled={busy} />
          </div>
          <fieldset className="radios">
            <legend>Apply to</legend>
            <label>
              <input type="radio" name="apply" value="oldest" checked={apply === "oldest"} onChange={() => setApply("oldest")} disabled={busy} /> Oldest open balances first
            </label>
            <label>
              <input type="radio" name="apply" value="visits" checked={apply === "visits"} onChange={() => setApply("visits")} disabled={busy} /> Chosen visits
            </label>
            <label>
              <input type="radio" name="apply" value="copay" checked={apply === "copay"} onChange={() => setApply("copay")} disabled={busy} data-testid="apply-copay" /> Copay at check-in
            </label>
          </fieldset>
          {apply === "visits" ? (
            <div data-testid="payment-visits">
              {visits !== null && visits.length === 0 ? <p className="muted">No visit has a balance.</p> : null}
              {(visits ?? []).map((v) => (
                <label key={v.visit_id} className="check-inline">
                  <input
                    type="checkbox"
                    name={`visit_${v.visit_id}`}
                    checked={chosen.includes(v.visit_id)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, v.visit_id] : c.filter((x) => x !== v.visit_id)))}
                    disabled={busy}
                  />
                  {formatDate(v.service_date)} {v.patient_name} — patient owes {formatMoney(v.patient_due)}
                </label>
              ))}
              {fieldError(report, "visit_ids") ? (
                <div className="field-error" role="alert" data-testid="error-visit_ids">
                  {fieldError(report, "visit_ids")}
                </div>
              ) : null}
            </div>
          ) : null}
          {apply === "copay" ? (
            <div className="row">
              <SelectField
                className="w-lg"
                label="For the visit (optional)"
                name="copay_visit"
                value={copayVisit}
                placeholder="Today's visit (not entered yet)"
                options={(visits ?? []).map((v) => ({ value: String(v.visit_id), label: `${formatDate(v.service_date)} ${v.patient_name}` }))}
                onChange={setCopayVisit}
                disabled={busy}
                hint="Held for the visit until the payer decides; it nets against the patient's share."
              />
            </div>
          ) : null}
          <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => KNOWN.has(f))} onDismiss={() => setReport(null)} />
          <div className="form-foot">
            <button type="button" className="btn btn-primary" onClick={() => void post()} disabled={busy} data-testid="payment-submit">
              {busy ? "Posting…" : "Post payment"}
            </button>
            <span className="muted">Enter posts · Esc closes</span>
          </div>
        </>
      ) : (
        <ReceiptSummary receipt={receipt} />
      )}
    </section>
  );
}

function ReceiptSummary({ receipt }: { receipt: PaymentReceipt }) {
  return (
    <div data-testid="payment-receipt">
      <div className="banner banner-ok" role="status">
        <div>
          Receipt <strong data-testid="receipt-number">{receipt.receipt_number}</strong>: {formatMoney(receipt.amount)} {paymentMethodLabel(receipt.method).toLowerCase()}
          {receipt.reference ? ` ${receipt.reference}` : ""} received {formatDate(receipt.received_on)}.
        </div>
      </div>
      {receipt.applied.length > 0 ? (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Date of service</th>
              <th>Code</th>
              <th className="num">Applied</th>
            </tr>
          </thead>
          <tbody>
            {receipt.applied.map((a) => (
              <tr key={a.service_line_id} data-testid="receipt-applied">
                <td>{formatDate(a.service_date)}</td>
                <td className="mono">{a.code}</td>
                <td className="num mono">{formatMoney(a.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <dl className="facts">
        {!isZeroMoney(receipt.unapplied) ? (
          <>
            <dt>On account</dt>
            <dd data-testid="receipt-unapplied">{formatMoney(receipt.unapplied)} (held as a credit or copay)</dd>
          </>
        ) : null}
        <dt>Account after</dt>
        <dd data-testid="receipt-balance">
          {isNegativeMoney(receipt.balance_after.patient_due) ? "Account credit " : "Account owes "}
          {formatMoney(receipt.balance_after.patient_due)}
        </dd>
      </dl>
      <PdfOutput
        name="receipt_path"
        label="Save receipt as"
        defaultPath={`receipt-${receipt.receipt_number}.pdf`}
        dialogTitle="Save receipt as PDF"
        testid="receipt"
        buttonLabel="Print receipt…"
        print={(path) => receiptPrint(receipt.payment_id, path)}
      />
    </div>
  );
}

/** Pays back (part of) a credit balance. Shown when the account has a credit. */
export function RefundCredit({ patientId, balance, onDone, onClose }: { patientId: number; balance: AccountBalance; onDone?: () => void; onClose: () => void }) {
  const credit = balance.patient_due.trim().replace(/^-/, "");
  const [amount, setAmount] = useState(credit);
  const [reference, setReference] = useState("");
  const [reason, setReason] = useState("");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const refundM = useMutation({
    mutationFn: () => creditRefund(patientId, amount.trim(), reference.trim(), reason.trim()),
    onSuccess: () => onDone?.(),
    onError: (e) => setReport(toErrorReport(e)),
  });
  const busy = refundM.isPending;
  const after: AccountBalance | null = refundM.data ?? null;

  const submit = () => {
    if (busy) return;
    if (reason.trim() === "") {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "reason", message: "Say why the money is paid back." }] });
      return;
    }
    setReport(null);
    refundM.mutate();
  };

  return (
    <section
      className="section"
      data-testid="refund-panel"
      aria-label="Refund credit"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        } else if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT" && !after) {
          e.preventDefault();
          e.stopPropagation();
          void submit();
        }
      }}
    >
      <header className="panel-head">
        <h3>Refund credit ({formatMoney(credit)})</h3>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Close
        </button>
      </header>
      {after ? (
        <div className="banner banner-ok" role="status" data-testid="refund-done">
          Refund recorded. Patient balance now {formatMoney(after.patient_due)}.
        </div>
      ) : (
        <>
          <div className="row">
            <TextField className="w-sm" label="Refund amount" name="refund_amount" value={amount} onChange={setAmount} inputMode="decimal" error={fieldError(report, "amount")} disabled={busy} autoFocus />
            <TextField className="w-md" label="Check number / reference" name="refund_reference" value={reference} onChange={setReference} disabled={busy} />
            <TextField className="w-lg" label="Reason" name="refund_reason" value={reason} onChange={setReason} error={fieldError(report, "reason")} disabled={busy} required />
          </div>
          <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => f === "amount" || f === "reason")} onDismiss={() => setReport(null)} />
          <div className="form-foot">
            <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy} data-testid="refund-submit">
              {busy ? "Recording…" : "Record refund"}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
