import { useMemo, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { CollectionsAccount } from "../../bindings/CollectionsAccount";
import type { CollectionsFilter } from "../../bindings/CollectionsFilter";
import type { ErrorReport } from "../../bindings/ErrorReport";
import { collectionsRecall, collectionsSend, collectionsWorklist, paymentPost } from "../../ipc/commands";
import { usePagedList } from "../../hooks/usePagedList";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney } from "../../lib/format";
import { messageLevelLabel } from "../../lib/labels";
import { ErrorBanner } from "../common/Banner";
import { DataTable } from "../common/DataTable";
import { PageNote } from "../common/PageNote";
import { CheckField, TextField } from "../common/fields";
import { useCan } from "../../session/session";

type Action = { kind: "send" | "agency_payment"; row: CollectionsAccount };

/**
 * Collections worklist: accounts that owe and have gone N days without a payment (counted from
 * the last payment, or from the oldest unpaid amount when they never paid). Send one to a
 * collection agency (statements stop, the balance stays), take it back, or record what the
 * agency collected (a patient payment with method "agency").
 */
export function CollectionsPanel() {
  const canSend = useCan("collections_send");
  const client = useQueryClient();
  const [days, setDays] = useState("90");
  const [minBalance, setMinBalance] = useState("25.00");
  const [includeSent, setIncludeSent] = useState(false);
  // The filter last asked for with "Find accounts" (null: not asked yet).
  const [filter, setFilter] = useState<CollectionsFilter | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [text, setText] = useState("");
  // Payments, statements and plans change the worklist from other screens.
  const list = usePagedList([...keys.collections, filter], (page) => collectionsWorklist(filter!, page), { enabled: filter !== null, staleTime: 0 });
  const rows = filter === null || list.loading ? null : list.rows;

  const load = () => {
    const d = days.trim();
    if (!/^\d+$/.test(d)) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "days_without_payment", message: "Enter a whole number of days." }] });
      return;
    }
    setReport(null);
    setNotice(null);
    const next = { days_without_payment: Number(d), min_balance: minBalance.trim() === "" ? "0.00" : minBalance.trim(), include_sent: includeSent };
    // The same filter again reads the list again.
    if (JSON.stringify(next) === JSON.stringify(filter)) list.reload();
    else setFilter(next);
  };

  /** An account's standing changed: the worklist and that account's screens read again. */
  const changed = (patientId: number) => {
    void client.invalidateQueries({ queryKey: keys.collections });
    void client.invalidateQueries({ queryKey: keys.account(patientId) });
  };
  const actionM = useMutation({
    mutationFn: async ({ kind, row, value }: { kind: Action["kind"] | "recall"; row: CollectionsAccount; value: string }) => {
      if (kind === "send") {
        await collectionsSend(row.patient_id, value);
        return `Account ${row.account_number} sent to ${value}: no more statements; the balance stays on the account.`;
      }
      if (kind === "recall") {
        await collectionsRecall(row.patient_id);
        return `Account ${row.account_number} taken back from the agency: statements go out again.`;
      }
      const r = await paymentPost({ patient_id: row.patient_id, received_on: null, method: "agency", reference: row.agency, amount: value, apply: { kind: "oldest_first" } });
      return `Agency payment ${formatMoney(r.amount)} recorded on account ${row.account_number} (receipt ${r.receipt_number}).`;
    },
    onSuccess: (message, { row }) => {
      setNotice(message);
      setAction(null);
      changed(row.patient_id);
    },
    onError: (e) => {
      const r = toErrorReport(e);
      // The payment's own field names, shown by the amount input.
      setReport({ ...r, fields: r.fields.map((f) => (f.field === "amount" ? { ...f, field: "agency_amount" } : f)) });
    },
  });
  const busy = actionM.isPending || list.fetching;

  // The action buttons follow `busy`; the columns change only when it does.
  const columns = useMemo<ColumnDef<CollectionsAccount>[]>(
    () => [
      { id: "account", header: "Account", meta: { className: "mono" }, cell: ({ row }) => row.original.account_number },
      { id: "name", header: "Name", cell: ({ row }) => row.original.name },
      { id: "due", header: "Patient owes", meta: { className: "num mono" }, cell: ({ row }) => formatMoney(row.original.patient_due) },
      { id: "paid", header: "Last payment", cell: ({ row }) => (row.original.last_payment ? formatDate(row.original.last_payment) : <span className="muted">never</span>) },
      { id: "days", header: "Days", meta: { className: "num" }, cell: ({ row }) => row.original.days_without_payment ?? "" },
      { id: "statement", header: "Last statement", cell: ({ row }) => (row.original.last_statement ? formatDate(row.original.last_statement) : <span className="muted">never</span>) },
      { id: "message", header: "Message", cell: ({ row }) => messageLevelLabel(row.original.message_level) },
      {
        id: "status",
        header: "Status",
        cell: ({ row: { original: r } }) => (
          <>
            {r.sent_to_agency ? (
              <span className="badge badge-inactive" data-testid="collections-sent">
                with {r.agency}
                {r.sent_on ? ` since ${formatDate(r.sent_on)}` : ""}
              </span>
            ) : null}
            {r.plan_delinquent ? <span className="badge badge-inactive">plan delinquent</span> : null}
            {r.hold ? <span className="badge badge-inactive">on hold</span> : null}
          </>
        ),
      },
      {
        id: "actions",
        header: "",
        cell: ({ row: { original: r } }) =>
          r.sent_to_agency ? (
            <>
              <button type="button" className="btn btn-small" onClick={() => startRef.current("agency_payment", r)} disabled={busy} data-testid="collections-agency-payment">
                Agency payment…
              </button>
              <button type="button" className="btn btn-small" onClick={() => recallRef.current(r)} disabled={busy} data-testid="collections-recall">
                Take back
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => startRef.current("send", r)} disabled={busy || !canSend} data-testid="collections-send">
              Send to agency…
            </button>
          ),
      },
    ],
    [busy],
  );

  const start = (kind: Action["kind"], row: CollectionsAccount) => {
    setAction({ kind, row });
    setText("");
    setReport(null);
    setNotice(null);
  };

  const confirm = () => {
    if (!action || busy) return;
    const value = text.trim();
    const field = action.kind === "send" ? "agency" : "agency_amount";
    if (value === "") {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field, message: action.kind === "send" ? "Enter the collection agency." : "Enter the amount the agency collected." }] });
      return;
    }
    setReport(null);
    actionM.mutate({ kind: action.kind, row: action.row, value });
  };

  const recall = (row: CollectionsAccount) => {
    if (busy) return;
    setReport(null);
    actionM.mutate({ kind: "recall", row, value: "" });
  };
  // The buttons call the latest handlers without making new columns on every keystroke.
  const startRef = useRef(start);
  startRef.current = start;
  const recallRef = useRef(recall);
  recallRef.current = recall;

  return (
    <div data-testid="collections-panel">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <div className="row">
          <TextField className="w-sm" label="Days without a payment" name="collections_days" value={days} onChange={setDays} inputMode="numeric" error={fieldError(report, "days_without_payment")} disabled={busy} />
          <TextField className="w-sm" label="Minimum balance" name="collections_min" value={minBalance} onChange={setMinBalance} inputMode="decimal" error={fieldError(report, "min_balance")} disabled={busy} />
        </div>
        <CheckField label="Also show accounts already with an agency" name="collections_include_sent" checked={includeSent} onChange={setIncludeSent} disabled={busy} />
        <div className="form-foot">
          <button type="submit" className="btn" disabled={busy} data-testid="collections-load">
            {busy && rows === null ? "Reading…" : "Find accounts"}
          </button>
        </div>
      </form>
      <ErrorBanner report={report ?? list.error} extra={unclaimedFieldErrors(report, (f) => ["days_without_payment", "min_balance", "agency", "agency_amount"].includes(f))} onDismiss={() => setReport(null)} />
      {notice ? (
        <div className="banner banner-ok" role="status" data-testid="collections-notice">
          {notice}
        </div>
      ) : null}
      {rows !== null && rows.length === 0 ? <p className="muted">No account matches.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <DataTable data={rows} columns={columns} getRowId={(r) => String(r.patient_id)} className="compact" testid="collections-list" rowTestId="collections-row" />
      ) : null}
      <PageNote list={list} narrow="raise the days or the balance to narrow it" />
      {action ? (
        <div
          className="row"
          data-testid="collections-action"
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              confirm();
            } else if (e.key === "Escape" && !busy) {
              e.preventDefault();
              setAction(null);
            }
          }}
        >
          {action.kind === "send" ? (
            <TextField className="w-xl" label={`Collection agency for account ${action.row.account_number}`} name="agency" value={text} onChange={setText} error={fieldError(report, "agency")} disabled={busy} autoFocus />
          ) : (
            <TextField className="w-sm" label={`Collected by ${action.row.agency}`} name="agency_amount" value={text} onChange={setText} inputMode="decimal" error={fieldError(report, "agency_amount")} disabled={busy} autoFocus />
          )}
          <div className="field-actions">
            <button type="button" className="btn btn-primary" onClick={confirm} disabled={busy} data-testid="collections-action-confirm">
              {action.kind === "send" ? "Send to agency" : "Record agency payment"}
            </button>
            <button type="button" className="btn" onClick={() => setAction(null)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
