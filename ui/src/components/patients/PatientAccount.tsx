import { useMemo, useState, type KeyboardEvent } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { LedgerEntry } from "../../bindings/LedgerEntry";
import type { StatementSummary } from "../../bindings/StatementSummary";
import type { PaymentListed } from "../../bindings/PaymentListed";
import type { Responsible } from "../../bindings/Responsible";
import { PdfOutput } from "../plans/PdfOutput";
import { paymentMethodLabel, planStatusLabel } from "../plans/planLabels";
import { accountBalance, accountPayments, collectionsSend, postingReverse, plansForPatient, patientBalance, receiptPrint, patientLedger, pdfOpen, statementHold, statementMailing, statementReprint, statementsForPatient } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney } from "../../lib/format";
import { bucketLabel, entryKindLabel, messageLevelLabel } from "../../lib/labels";
import { ErrorBanner } from "../common/Banner";
import { DataTable } from "../common/DataTable";
import { TextField } from "../common/fields";
import { useCan } from "../../session/session";

/** The failure of a query as the banner shows it (null while there is none). */
function reportOf(error: unknown): ErrorReport | null {
  return error ? toErrorReport(error) : null;
}

/** The patient's balance (shared by the header, the refund button and the desk panels). */
export function useBalance(patientId: number) {
  return useQuery({ queryKey: keys.balance(patientId), queryFn: () => patientBalance(patientId) });
}

/**
 * The account balance for the patient screen header: "Patient owes $X · Insurance pending $Y".
 * Amounts are shown exactly as the Rust side computed them.
 */
export function PatientBalance({ patientId }: { patientId: number }) {
  const { data: balance, error } = useBalance(patientId);
  // The whole account (this patient and everyone they are guarantor for), when it differs.
  // Only a guarantor's account differs from their own figures; if it cannot be read the
  // patient's own balance still shows.
  const { data: account } = useQuery({ queryKey: keys.familyBalance(patientId), queryFn: () => accountBalance(patientId) });

  if (error) {
    return (
      <span className="balance muted" data-testid="patient-balance" title={toErrorReport(error).message}>
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
 * saved record: a save invalidates it.
 */
export function StatementMailingNotice({ patientId, guarantor }: { patientId: number; guarantor: Responsible }) {
  // Advisory: if it cannot be read, the record shows nothing rather than an error.
  // Only asked for when the role may (the front desk may not: the Rust side would refuse).
  const can = useCan("statement_mailing");
  const { data: mailing } = useQuery({ queryKey: keys.mailing(patientId), queryFn: () => statementMailing(patientId), enabled: can });

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

/** How many ledger entries one request brings (the Rust side caps it too). */
export const LEDGER_PAGE = 200;

/**
 * The patient's ledger, newest first: every charge, payment, adjustment and transfer with the
 * balance right after it (computed by the Rust side). It scrolls in its own area, virtualized
 * when long, and reads the newest entries first with earlier ones on request.
 */
export function PatientLedger({ patientId, fill = false }: { patientId: number; fill?: boolean }) {
  const q = useInfiniteQuery({
    queryKey: keys.ledger(patientId),
    queryFn: ({ pageParam }) => patientLedger(patientId, pageParam, LEDGER_PAGE),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.count > last.entries.length ? (last.entries[last.entries.length - 1]?.id ?? null) : null),
  });
  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.entries) ?? null, [q.data]);
  const total = q.data?.pages[0]?.count ?? 0;
  const reversed = useMemo(() => new Set((rows ?? []).map((r) => r.reversal_of).filter((x): x is number => x !== null)), [rows]);
  const columns = useMemo(() => ledgerColumns(reversed), [reversed]);
  const report = reportOf(q.error);

  return (
    <div data-testid="patient-ledger" className={fill ? "fill-column" : undefined}>
      <ErrorBanner report={report} />
      {q.isPending ? <p className="muted">Loading ledger…</p> : null}
      {rows !== null && rows.length === 0 ? <p className="muted">Nothing on the ledger yet.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <DataTable
          data={rows}
          columns={columns}
          getRowId={(e) => String(e.id)}
          className="compact"
          testid="ledger-table"
          rowTestId="ledger-row"
          rowClassName={(e) => (e.reversal_of !== null || reversed.has(e.id) ? "reversal" : "")}
          fill={fill}
          footer={
            <div className="table-foot muted" data-testid="ledger-count">
              {rows.length < total ? `Newest ${rows.length.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} entries` : `${total.toLocaleString("en-US")} entr${total === 1 ? "y" : "ies"}`}
              {q.hasNextPage ? (
                <button type="button" className="btn btn-small" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage} data-testid="ledger-more">
                  {q.isFetchingNextPage ? "Loading…" : "Show earlier entries"}
                </button>
              ) : null}
            </div>
          }
        />
      ) : null}
    </div>
  );
}

function ledgerColumns(reversed: Set<number>): ColumnDef<LedgerEntry>[] {
  return [
    { id: "date", header: "Date", cell: ({ row }) => formatDate(row.original.entry_date) },
    {
      id: "entry",
      header: "Entry",
      meta: { testid: "ledger-kind" },
      cell: ({ row: { original: e } }) => (
        <>
          {entryKindLabel(e)}
          {e.reversal_of !== null ? (
            <span className="badge badge-inactive" data-testid="ledger-reversal">
              reversal of #{e.reversal_of}
            </span>
          ) : null}
          {reversed.has(e.id) ? <span className="badge badge-inactive">reversed</span> : null}
        </>
      ),
    },
    { id: "amount", header: "Amount", meta: { className: "num mono" }, cell: ({ row }) => formatMoney(row.original.amount) },
    { id: "bucket", header: "Owed by", cell: ({ row }) => bucketLabel(row.original.bucket) },
    {
      id: "balance",
      header: "Balance",
      meta: { className: "num mono", testid: "ledger-balance", title: (e) => `Patient owes ${formatMoney(e.patient_due_after)} after this entry` },
      cell: ({ row }) => formatMoney(row.original.balance_after),
    },
    { id: "due", header: "Patient owes", meta: { className: "num mono", testid: "ledger-patient-due" }, cell: ({ row }) => formatMoney(row.original.patient_due_after) },
    { id: "memo", header: "Note", meta: { className: "wrap" }, cell: ({ row }) => row.original.memo },
    {
      id: "by",
      header: "By",
      meta: { className: "muted", testid: "ledger-by", title: (e) => `Posted ${e.posted_at}` },
      cell: ({ row }) => row.original.posted_by,
    },
  ];
}

type StatementAction = "hold" | "collections";

/**
 * The patient's statements (reprint any of them) and the account's statement actions: hold
 * (with a reason) or release, and send to collections. Sits inside the patient form, so the
 * small prompts handle Enter/Escape themselves instead of submitting or closing the form.
 */
export function PatientStatements({ patientId }: { patientId: number }) {
  const canHold = useCan("statement_hold");
  const canCollections = useCan("collections_send");
  const canReprint = useCan("statement_reprint");
  const client = useQueryClient();
  const q = useQuery({ queryKey: keys.statements(patientId), queryFn: () => statementsForPatient(patientId) });
  const rows = q.data ?? null;
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<{ text: string; path?: string } | null>(null);
  const [action, setAction] = useState<StatementAction | null>(null);
  const [text, setText] = useState("");

  // Reprinting writes a PDF and records nothing: no query changes.
  const reprintM = useMutation({
    mutationFn: ({ s, path }: { s: StatementSummary; path: string }) => statementReprint(s.id, path),
    onSuccess: (bytes, { s, path }) => setNotice({ text: `Statement of ${formatDate(s.statement_date)} reprinted to ${path} (${bytes} bytes).`, path }),
    onError: (e) => setReport(toErrorReport(e)),
  });
  // A hold or a collections referral changes the account's standing: the collections
  // worklist and statement candidates, and the patient's own figures.
  const actionM = useMutation({
    mutationFn: async ({ kind, value }: { kind: StatementAction | "release"; value: string }) => {
      if (kind === "collections") await collectionsSend(patientId, value);
      else await statementHold(patientId, kind === "hold" ? value : "");
    },
    onSuccess: (_, { kind, value }) => {
      setNotice({
        text: kind === "hold" ? `Statements held: ${value}.` : kind === "collections" ? `Account sent to collections (${value}).` : "Statement hold released (statements go out again).",
      });
      setAction(null);
      void client.invalidateQueries({ queryKey: keys.account(patientId) });
      void client.invalidateQueries({ queryKey: keys.collections });
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const busy = reprintM.isPending || actionM.isPending;

  const reprint = async (s: StatementSummary) => {
    if (busy) return;
    setReport(null);
    setNotice(null);
    try {
      const path = await choosePdfSave("Reprint statement as PDF", `statement-${s.statement_date}.pdf`);
      if (path) reprintM.mutate({ s, path });
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  const start = (a: StatementAction) => {
    setAction(a);
    setText("");
    setReport(null);
    setNotice(null);
  };

  const confirm = () => {
    if (busy || !action) return;
    const value = text.trim();
    if (value === "") {
      const field = action === "hold" ? "reason" : "agency";
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field, message: action === "hold" ? "Enter why statements are held." : "Enter the collection agency." }] });
      return;
    }
    setReport(null);
    actionM.mutate({ kind: action, value });
  };

  const release = () => {
    if (busy) return;
    setReport(null);
    setNotice(null);
    setAction(null);
    actionM.mutate({ kind: "release", value: "" });
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
      confirm();
    } else if (e.key === "Escape" && !busy) {
      e.preventDefault();
      e.stopPropagation();
      setAction(null);
      setReport(null);
    }
  };

  return (
    <div data-testid="patient-statements">
      <ErrorBanner report={report ?? reportOf(q.error)} onDismiss={() => setReport(null)} />
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
      {q.isPending ? <p className="muted">Loading statements…</p> : null}
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
                    <button type="button" className="btn btn-small" onClick={() => void reprint(s)} disabled={busy || !canReprint} data-testid="statement-reprint">
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
        <button type="button" className="btn" onClick={() => start("hold")} disabled={busy || !canHold} data-testid="statement-hold">
          Hold statements…
        </button>
        <button type="button" className="btn" onClick={release} disabled={busy || !canHold} data-testid="statement-release" title="Lets statements go out again; does nothing when the account is not on hold.">
          Release hold (if held)
        </button>
        <button type="button" className="btn" onClick={() => start("collections")} disabled={busy || !canCollections} data-testid="collections-send">
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
            <button type="button" className="btn btn-primary" onClick={confirm} disabled={busy} data-testid="statement-action-confirm">
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

/** The account's payment plans (every version, newest first) with how each stands. */
export function PatientPlans({ patientId }: { patientId: number }) {
  const q = useQuery({ queryKey: keys.patientPlans(patientId), queryFn: () => plansForPatient(patientId) });
  const rows = q.data ?? null;
  const report = reportOf(q.error);

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
  const canReceipt = useCan("receipt_print");
  const q = useQuery({ queryKey: keys.payments(patientId), queryFn: () => accountPayments(patientId) });
  const rows = q.data ?? null;
  const [chosen, setChosen] = useState<PaymentListed | null>(null);
  // Reversing (a returned check, a payment keyed to the wrong account): only for roles that may.
  const canReverse = useCan("posting_reverse");
  const client = useQueryClient();
  const [reversing, setReversing] = useState<PaymentListed | null>(null);
  const [reason, setReason] = useState("");
  const [reverseReport, setReverseReport] = useState<ErrorReport | null>(null);
  const reverse = useMutation({
    mutationFn: (p: PaymentListed) => postingReverse(p.posting_id, reason.trim()),
    onSuccess: () => {
      setReversing(null);
      setReason("");
      setReverseReport(null);
      // A reversal changes the account's balances, plans and collections standing.
      for (const queryKey of [keys.accounts, keys.plans, keys.collections]) void client.invalidateQueries({ queryKey });
    },
    onError: (e) => setReverseReport(toErrorReport(e)),
  });
  const report = reverseReport ?? reportOf(q.error);

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
                  <button type="button" className="btn btn-small" onClick={() => setChosen(p)} disabled={!canReceipt} data-testid="payment-receipt-reprint">
                    Receipt…
                  </button>
                  {canReverse && !p.reversed ? (
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() => {
                        setReversing(p);
                        setReason("");
                        setReverseReport(null);
                      }}
                      data-testid="payment-reverse"
                    >
                      Reverse…
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {reversing ? (
        <div className="banner banner-warn" data-testid="payment-reverse-panel">
          <TextField
            className="w-xl"
            label={`Why reverse receipt ${reversing.receipt_number} (${formatMoney(reversing.amount)})? Nothing is deleted: opposite entries name it.`}
            name="reverse_reason"
            value={reason}
            onChange={setReason}
            error={fieldError(reverseReport, "reason")}
            autoFocus
          />
          <button type="button" className="btn btn-danger" onClick={() => reverse.mutate(reversing)} disabled={reverse.isPending || reason.trim() === ""} data-testid="payment-reverse-confirm">
            Reverse payment
          </button>
          <button type="button" className="btn" onClick={() => setReversing(null)} disabled={reverse.isPending}>
            Cancel
          </button>
        </div>
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
