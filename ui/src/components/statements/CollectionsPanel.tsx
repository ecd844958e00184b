import { useEffect, useRef, useState } from "react";
import type { CollectionsAccount } from "../../bindings/CollectionsAccount";
import type { ErrorReport } from "../../bindings/ErrorReport";
import { collectionsRecall, collectionsSend, collectionsWorklist, paymentPost } from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { formatDate, formatMoney } from "../../lib/format";
import { messageLevelLabel } from "../../lib/labels";
import { ErrorBanner } from "../common/Banner";
import { CheckField, TextField } from "../common/fields";

type Action = { kind: "send" | "agency_payment"; row: CollectionsAccount };

/**
 * Collections worklist: accounts that owe and have gone N days without a payment (counted from
 * the last payment, or from the oldest unpaid amount when they never paid). Send one to a
 * collection agency (statements stop, the balance stays), take it back, or record what the
 * agency collected (a patient payment with method "agency").
 */
export function CollectionsPanel() {
  const [days, setDays] = useState("90");
  const [minBalance, setMinBalance] = useState("25.00");
  const [includeSent, setIncludeSent] = useState(false);
  const [rows, setRows] = useState<CollectionsAccount[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [text, setText] = useState("");
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const load = async (keepNotice = false) => {
    const d = days.trim();
    if (!/^\d+$/.test(d)) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field: "days_without_payment", message: "Enter a whole number of days." }] });
      return;
    }
    setBusy(true);
    setReport(null);
    if (!keepNotice) setNotice(null);
    try {
      const r = await collectionsWorklist({ days_without_payment: Number(d), min_balance: minBalance.trim() === "" ? "0.00" : minBalance.trim(), include_sent: includeSent });
      if (live.current) setRows(r);
    } catch (e) {
      if (live.current) setReport(toErrorReport(e));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const start = (kind: Action["kind"], row: CollectionsAccount) => {
    setAction({ kind, row });
    setText("");
    setReport(null);
    setNotice(null);
  };

  const confirm = async () => {
    if (!action || busy) return;
    const value = text.trim();
    const field = action.kind === "send" ? "agency" : "agency_amount";
    if (value === "") {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: [{ field, message: action.kind === "send" ? "Enter the collection agency." : "Enter the amount the agency collected." }] });
      return;
    }
    setBusy(true);
    setReport(null);
    try {
      if (action.kind === "send") {
        await collectionsSend(action.row.patient_id, value);
        if (live.current) setNotice(`Account ${action.row.account_number} sent to ${value}: no more statements; the balance stays on the account.`);
      } else {
        const r = await paymentPost({ patient_id: action.row.patient_id, received_on: null, method: "agency", reference: action.row.agency, amount: value, apply: { kind: "oldest_first" } });
        if (live.current) setNotice(`Agency payment ${formatMoney(r.amount)} recorded on account ${action.row.account_number} (receipt ${r.receipt_number}).`);
      }
      if (!live.current) return;
      setAction(null);
      setBusy(false);
      await load(true);
    } catch (e) {
      if (!live.current) return;
      const r = toErrorReport(e);
      // The payment's own field names, shown by the amount input.
      setReport({ ...r, fields: r.fields.map((f) => (f.field === "amount" ? { ...f, field: "agency_amount" } : f)) });
      setBusy(false);
    }
  };

  const recall = async (row: CollectionsAccount) => {
    if (busy) return;
    setBusy(true);
    setReport(null);
    try {
      await collectionsRecall(row.patient_id);
      if (live.current) setNotice(`Account ${row.account_number} taken back from the agency: statements go out again.`);
      setBusy(false);
      await load(true);
    } catch (e) {
      if (live.current) {
        setReport(toErrorReport(e));
        setBusy(false);
      }
    }
  };

  return (
    <div data-testid="collections-panel">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void load();
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
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => ["days_without_payment", "min_balance", "agency", "agency_amount"].includes(f))} onDismiss={() => setReport(null)} />
      {notice ? (
        <div className="banner banner-ok" role="status" data-testid="collections-notice">
          {notice}
        </div>
      ) : null}
      {rows !== null && rows.length === 0 ? <p className="muted">No account matches.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <div className="table-wrap">
          <table className="grid compact" data-testid="collections-list">
            <thead>
              <tr>
                <th>Account</th>
                <th>Name</th>
                <th className="num">Patient owes</th>
                <th>Last payment</th>
                <th className="num">Days</th>
                <th>Last statement</th>
                <th>Message</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.patient_id} data-testid="collections-row">
                  <td className="mono">{r.account_number}</td>
                  <td>{r.name}</td>
                  <td className="num mono">{formatMoney(r.patient_due)}</td>
                  <td>{r.last_payment ? formatDate(r.last_payment) : <span className="muted">never</span>}</td>
                  <td className="num">{r.days_without_payment ?? ""}</td>
                  <td>{r.last_statement ? formatDate(r.last_statement) : <span className="muted">never</span>}</td>
                  <td>{messageLevelLabel(r.message_level)}</td>
                  <td>
                    {r.sent_to_agency ? (
                      <span className="badge badge-inactive" data-testid="collections-sent">
                        with {r.agency}
                        {r.sent_on ? ` since ${formatDate(r.sent_on)}` : ""}
                      </span>
                    ) : null}
                    {r.plan_delinquent ? <span className="badge badge-inactive">plan delinquent</span> : null}
                    {r.hold ? <span className="badge badge-inactive">on hold</span> : null}
                  </td>
                  <td>
                    {r.sent_to_agency ? (
                      <>
                        <button type="button" className="btn btn-small" onClick={() => start("agency_payment", r)} disabled={busy} data-testid="collections-agency-payment">
                          Agency payment…
                        </button>
                        <button type="button" className="btn btn-small" onClick={() => void recall(r)} disabled={busy} data-testid="collections-recall">
                          Take back
                        </button>
                      </>
                    ) : (
                      <button type="button" className="btn btn-small" onClick={() => start("send", r)} disabled={busy} data-testid="collections-send">
                        Send to agency…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {action ? (
        <div
          className="row"
          data-testid="collections-action"
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void confirm();
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
            <button type="button" className="btn btn-primary" onClick={() => void confirm()} disabled={busy} data-testid="collections-action-confirm">
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
