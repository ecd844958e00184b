import { useEffect, useRef, useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { FeeEntry } from "../../bindings/FeeEntry";
import type { FeeSchedule } from "../../bindings/FeeSchedule";
import type { ImportReport } from "../../bindings/ImportReport";
import type { Payer } from "../../bindings/Payer";
import { useFormKeys } from "../../hooks/useFormKeys";
import { feeSave, feesExport, feesImport, feesList, payersList } from "../../ipc/commands";
import { chooseCsvExport, chooseCsvToImport } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { blankFee } from "../../lib/blank";
import { formatDate, formatMoney } from "../../lib/format";
import { ErrorBanner, Notice } from "../common/Banner";
import { ImportReportView } from "../common/ImportReportView";
import { FeeForm } from "./FeeForm";

function scheduleKey(s: FeeSchedule): string {
  return s.kind === "payer" ? `payer:${s.payer_id}` : s.kind;
}
function parseSchedule(key: string): FeeSchedule {
  if (key.startsWith("payer:")) return { kind: "payer", payer_id: Number(key.slice(6)) };
  return key === "standard" ? { kind: "standard" } : { kind: "all" };
}

export function FeesScreen() {
  const [schedule, setSchedule] = useState<FeeSchedule>({ kind: "all" });
  const [prefix, setPrefix] = useState("");
  const [rows, setRows] = useState<FeeEntry[]>([]);
  const [payers, setPayers] = useState<Payer[]>([]);
  const [loading, setLoading] = useState(true);
  const [listError, setListError] = useState<ErrorReport | null>(null);
  const [editing, setEditing] = useState<FeeEntry | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [importReport, setImportReport] = useState<ImportReport | null>(null);
  const [tick, setTick] = useState(0);
  const [saving, setSaving] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    payersList().then(setPayers, (e: unknown) => setListError(toErrorReport(e)));
  }, []);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    const t = setTimeout(() => {
      feesList({ schedule, code_prefix: prefix.trim().toUpperCase() }).then(
        (r) => {
          if (mine !== seq.current) return;
          setRows(r);
          setListError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setListError(toErrorReport(e));
          setLoading(false);
        },
      );
    }, 120);
    return () => clearTimeout(t);
  }, [schedule, prefix, tick]);

  const reload = () => setTick((t) => t + 1);

  const save = async () => {
    if (!editing || saving) return;
    setSaving(true);
    try {
      await feeSave(editing);
      setEditing(null);
      setReport(null);
      setNotice("Fee saved.");
      reload();
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setSaving(false);
    }
  };
  useFormKeys(
    {
      onSave: () => void save(),
      onCancel: () => {
        setEditing(null);
        setReport(null);
      },
    },
    editing !== null,
  );

  const startNew = () => {
    const f = blankFee();
    if (schedule.kind === "payer") f.payer_id = schedule.payer_id;
    setEditing(f);
    setReport(null);
    setNotice(null);
  };

  const doImport = async () => {
    setListError(null);
    setNotice(null);
    try {
      const path = await chooseCsvToImport("Import fee schedule");
      if (!path) return;
      setImportReport(await feesImport(path));
      reload();
    } catch (e) {
      setListError(toErrorReport(e));
    }
  };
  const doExport = async () => {
    setListError(null);
    setNotice(null);
    try {
      const path = await chooseCsvExport("Export fee schedule", "fees.csv");
      if (!path) return;
      const n = await feesExport(path);
      setNotice(`Exported ${n} fee${n === 1 ? "" : "s"} to ${path}.`);
    } catch (e) {
      setListError(toErrorReport(e));
    }
  };

  return (
    <div className="screen" data-testid="fees-screen">
      <header className="screen-head">
        <h2>Fee schedule</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={startNew} data-testid="add-fee">
          Add fee
        </button>
        <button type="button" className="btn" onClick={() => void doImport()} data-testid="import-fees">
          Import fees…
        </button>
        <button type="button" className="btn" onClick={() => void doExport()}>
          Export fees…
        </button>
      </header>
      <div className="toolbar">
        <label className="check-inline">
          Schedule{" "}
          <select name="schedule" value={scheduleKey(schedule)} onChange={(e) => setSchedule(parseSchedule(e.target.value))}>
            <option value="all">All schedules</option>
            <option value="standard">Standard fee</option>
            {payers
              .filter((p) => p.id !== null)
              .map((p) => (
                <option key={p.id} value={`payer:${p.id}`}>
                  {p.name}
                </option>
              ))}
          </select>
        </label>
        <label className="check-inline">
          Code starts with{" "}
          <input name="code_prefix" className="w-sm" value={prefix} onChange={(e) => setPrefix(e.target.value)} autoComplete="off" />
        </label>
        <span className="muted">{loading ? "Loading…" : `${rows.length} fee${rows.length === 1 ? "" : "s"}`}</span>
      </div>
      <p className="muted small">CPT descriptions are not shipped with ClaimDesk; the description is your own text.</p>
      <ErrorBanner report={listError} onDismiss={() => setListError(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      {importReport ? <ImportReportView title="Fee schedule import" report={importReport} onClose={() => setImportReport(null)} /> : null}
      <div className="split">
        <div className="table-wrap">
          <table className="grid selectable">
            <thead>
              <tr>
                <th>Schedule</th>
                <th>Code</th>
                <th>Modifier</th>
                <th>Description</th>
                <th className="num">Amount</th>
                <th>Effective from</th>
                <th>Effective to</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr
                  key={r.id ?? `f-${i}`}
                  tabIndex={0}
                  data-testid="fee-row"
                  className={editing && editing.id !== null && editing.id === r.id ? "selected" : ""}
                  onClick={() => {
                    setEditing(r);
                    setReport(null);
                    setNotice(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") setEditing(r);
                  }}
                >
                  <td>{r.schedule_name || (r.payer_id === null ? "Standard fee" : `Payer #${r.payer_id}`)}</td>
                  <td className="mono">{r.code}</td>
                  <td className="mono">{r.modifier}</td>
                  <td>{r.description}</td>
                  <td className="num mono">{formatMoney(r.amount)}</td>
                  <td>{formatDate(r.effective_from)}</td>
                  <td>{formatDate(r.effective_to)}</td>
                </tr>
              ))}
              {!loading && rows.length === 0 ? (
                <tr>
                  <td colSpan={7} className="empty">
                    No fees{prefix ? " match" : " yet"}.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        {editing ? (
          <form
            className="edit-panel"
            aria-label="Edit fee"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <h4>{editing.id === null ? "New fee" : "Edit fee"}</h4>
            <ErrorBanner report={report} />
            <FeeForm value={editing} payers={payers} onChange={setEditing} err={(f) => fieldError(report, f)} />
            <div className="form-foot">
              <button type="submit" className="btn btn-primary" disabled={saving} data-testid="save-fee">
                {saving ? "Saving…" : "Save"}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setEditing(null);
                  setReport(null);
                }}
              >
                Cancel
              </button>
              <span className="muted">Ctrl+S saves · Esc cancels</span>
            </div>
          </form>
        ) : null}
      </div>
    </div>
  );
}
