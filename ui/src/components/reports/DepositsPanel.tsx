import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { Deposit } from "../../bindings/Deposit";
import type { DepositInput } from "../../bindings/DepositInput";
import type { DepositPayment } from "../../bindings/DepositPayment";
import type { ErrorReport } from "../../bindings/ErrorReport";
import { depositCreate, depositUndeposited } from "../../ipc/commands";
import { usePagedList } from "../../hooks/usePagedList";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney, todayIso } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { PageNote } from "../common/PageNote";
import { DateField, TextField } from "../common/fields";
import { useCan } from "../../session/session";

const key = (p: DepositPayment) => `${p.source}:${p.id}`;
const KNOWN = ["deposit_date", "bank_reference", "slip_amount", "payments"];

/** Pick undeposited payments, type the slip total and record the deposit. */
export function DepositsPanel({ onCreated }: { onCreated?: (d: Deposit) => void }) {
  const canCreate = useCan("deposit_create");
  // Payments are taken on other screens: read again each time the panel shows.
  const list = usePagedList(keys.undeposited, (page) => depositUndeposited(page), { staleTime: 0 });
  const payments = list.rows;
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [date, setDate] = useState<string | null>(todayIso());
  const [reference, setReference] = useState("");
  const [slip, setSlip] = useState("");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [created, setCreated] = useState<Deposit | null>(null);
  const createM = useMutation({
    mutationFn: (input: DepositInput) => depositCreate(input),
    onSuccess: (d) => {
      setCreated(d);
      setChosen(new Set());
      setSlip("");
      setReference("");
      onCreated?.(d);
      list.reload();
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const busy = createM.isPending;

  const toggle = (p: DepositPayment) => {
    const next = new Set(chosen);
    if (next.has(key(p))) next.delete(key(p));
    else next.add(key(p));
    setChosen(next);
  };

  const create = () => {
    setReport(null);
    setCreated(null);
    // The amount's shape only (the Rust side parses it): dollars and at most two cents digits.
    if (slip.trim() !== "" && !/^\$?\d[\d,]*(\.\d{1,2})?$/.test(slip.trim())) {
      setReport({
        kind: "invalid",
        message: "Check the slip total.",
        fields: [{ field: "slip_amount", message: "Enter the slip total in dollars and cents, such as 1250.00" }],
      });
      return;
    }
    if (busy) return;
    const picked = payments.filter((p) => chosen.has(key(p)));
    createM.mutate({
      deposit_date: date ?? "",
      bank_reference: reference.trim(),
      slip_amount: slip.trim() === "" ? null : slip.trim(),
      memo: "",
      patient_payment_ids: picked.filter((p) => p.source === "patient").map((p) => p.id),
      remittance_ids: picked.filter((p) => p.source === "insurance").map((p) => p.id),
    });
  };

  const paymentsError = report?.fields.find((f) => f.field === "payments" || f.field.includes("_ids["))?.message;
  return (
    <section className="section" data-testid="deposits-panel">
      <h3>Make a deposit</h3>
      {report ? <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => KNOWN.includes(f) || f.includes("_ids["))} /> : null}
      <ErrorBanner report={list.error} />
      {created ? (
        <div className="banner banner-ok" role="status" data-testid="deposit-created">
          Deposit of {formatDate(created.deposit_date)} recorded: {created.payments.length} payment{created.payments.length === 1 ? "" : "s"}, posted{" "}
          {formatMoney(created.payments_total)}, slip {formatMoney(created.slip_amount)}
          {created.difference !== "0.00" ? <strong> (difference {formatMoney(created.difference)})</strong> : " (balanced)"}
        </div>
      ) : null}
      <table className="grid report-table" data-testid="undeposited">
        <thead>
          <tr>
            <th />
            <th>Received</th>
            <th>From</th>
            <th>Method</th>
            <th>Reference</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {payments.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                {list.loading ? "Loading…" : "Every payment is deposited."}
              </td>
            </tr>
          ) : null}
          {payments.map((p) => (
            <tr key={key(p)}>
              <td>
                <input type="checkbox" aria-label={`Deposit ${p.from} ${formatMoney(p.amount)}`} checked={chosen.has(key(p))} onChange={() => toggle(p)} />
              </td>
              <td>{formatDate(p.received_on)}</td>
              <td>{p.from}</td>
              <td>{p.method}</td>
              <td>{p.reference}</td>
              <td className="num">{formatMoney(p.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PageNote list={list} narrow="oldest first; deposit these to see the rest" />
      {paymentsError ? (
        <div className="field-error" role="alert" data-testid="error-payments">
          {paymentsError}
        </div>
      ) : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <div className="row">
          <DateField label="Deposit date" name="deposit_date" value={date} onChange={setDate} error={fieldError(report, "deposit_date")} />
          <TextField label="Bank reference" name="bank_reference" value={reference} onChange={setReference} error={fieldError(report, "bank_reference")} />
          <TextField
            label="Slip total"
            name="slip_amount"
            value={slip}
            onChange={setSlip}
            inputMode="decimal"
            hint="As on the deposit slip; leave empty for the payments' sum"
            error={fieldError(report, "slip_amount")}
          />
        </div>
        <div className="form-foot">
          <span className="muted">
            {chosen.size} payment{chosen.size === 1 ? "" : "s"} chosen
          </span>
          <button type="submit" className="btn btn-primary" disabled={busy || !canCreate} data-testid="deposit-create">
            {busy ? "Saving…" : "Record deposit"}
          </button>
        </div>
      </form>
    </section>
  );
}
