import { useEffect, useState } from "react";
import type { AccountBalance } from "../../bindings/AccountBalance";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { LedgerEntry } from "../../bindings/LedgerEntry";
import { patientBalance, patientLedger } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { formatDate, formatMoney } from "../../lib/format";
import { bucketLabel, entryKindLabel } from "../../lib/labels";
import { ErrorBanner } from "../common/Banner";

/**
 * The account balance for the patient screen header: "Patient owes $X · Insurance pending $Y".
 * Amounts are shown exactly as the Rust side computed them.
 */
export function PatientBalance({ patientId }: { patientId: number }) {
  const [balance, setBalance] = useState<AccountBalance | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setBalance(null);
    setFailed(null);
    patientBalance(patientId).then(
      (b) => live && setBalance(b),
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
    </span>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
