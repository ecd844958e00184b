import { useState } from "react";
import { useSettled } from "../../hooks/useSettled";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { FeeEntry } from "../../bindings/FeeEntry";
import type { FeeSchedule } from "../../bindings/FeeSchedule";
import type { ImportReport } from "../../bindings/ImportReport";
import { useFormKeys } from "../../hooks/useFormKeys";
import { usePagedList } from "../../hooks/usePagedList";
import { feeSave, feesExport, feesImport, feesList, payersList } from "../../ipc/commands";
import { chooseCsvExport, chooseCsvToImport } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { blankFee } from "../../lib/blank";
import { formatDate, formatMoney } from "../../lib/format";
import { ErrorBanner, Notice } from "../common/Banner";
import { formatCount, PageNote } from "../common/PageNote";
import { DataTable } from "../common/DataTable";
import { ImportReportView } from "../common/ImportReportView";
import { FeeForm } from "./FeeForm";
import { useCan } from "../../session/session";

function scheduleKey(s: FeeSchedule): string {
  return s.kind === "payer" ? `payer:${s.payer_id}` : s.kind;
}
function parseSchedule(key: string): FeeSchedule {
  if (key.startsWith("payer:")) return { kind: "payer", payer_id: Number(key.slice(6)) };
  return key === "standard" ? { kind: "standard" } : { kind: "all" };
}

const COLUMNS: ColumnDef<FeeEntry>[] = [
  { id: "schedule", header: "Schedule", cell: ({ row: { original: r } }) => r.schedule_name || (r.payer_id === null ? "Standard fee" : `Payer #${r.payer_id}`) },
  { id: "code", header: "Code", meta: { className: "mono" }, cell: ({ row }) => row.original.code },
  { id: "modifier", header: "Modifier", meta: { className: "mono" }, cell: ({ row }) => row.original.modifier },
  { id: "description", header: "Description", cell: ({ row }) => row.original.description },
  { id: "amount", header: "Amount", meta: { className: "num mono" }, cell: ({ row }) => formatMoney(row.original.amount) },
  { id: "from", header: "Effective from", cell: ({ row }) => formatDate(row.original.effective_from) },
  { id: "to", header: "Effective to", cell: ({ row }) => formatDate(row.original.effective_to) },
];

export function FeesScreen() {
  const canSave = useCan("fee_save");
  const canImport = useCan("fees_import");
  const canExport = useCan("fees_export");
  const client = useQueryClient();
  const [schedule, setSchedule] = useState<FeeSchedule>({ kind: "all" });
  const [prefix, setPrefix] = useState("");
  const [editing, setEditing] = useState<FeeEntry | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [importReport, setImportReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<ErrorReport | null>(null);
  const code = useSettled(prefix.trim().toUpperCase(), 120);
  const payersQ = useQuery({ queryKey: keys.payers, queryFn: payersList });
  const payers = payersQ.data ?? [];
  const fees = usePagedList([...keys.fees, scheduleKey(schedule), code], (page) => feesList({ schedule, code_prefix: code }, page), {
    keepPrevious: true,
  });
  const rows = fees.rows;
  const loading = fees.fetching && !fees.loadingMore;
  const listError = failure ?? fees.error ?? (payersQ.error ? toErrorReport(payersQ.error) : null);
  const reload = () => void client.invalidateQueries({ queryKey: keys.fees });

  const saveM = useMutation({
    mutationFn: (fee: FeeEntry) => feeSave(fee),
    onSuccess: () => {
      setEditing(null);
      setReport(null);
      setNotice("Fee saved.");
      reload();
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const saving = saveM.isPending;
  const save = () => {
    if (editing && !saving) saveM.mutate(editing);
  };
  useFormKeys(
    {
      onSave: save,
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
    setFailure(null);
    setNotice(null);
    try {
      const path = await chooseCsvToImport("Import fee schedule");
      if (!path) return;
      setImportReport(await feesImport(path));
      reload();
    } catch (e) {
      setFailure(toErrorReport(e));
    }
  };
  const doExport = async () => {
    setFailure(null);
    setNotice(null);
    try {
      const path = await chooseCsvExport("Export fee schedule", "fees.csv");
      if (!path) return;
      const n = await feesExport(path);
      setNotice(`Exported ${n} fee${n === 1 ? "" : "s"} to ${path}.`);
    } catch (e) {
      setFailure(toErrorReport(e));
    }
  };

  return (
    <div className="screen" data-testid="fees-screen">
      <header className="screen-head">
        <h2>Fee schedule</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={startNew} disabled={!canSave} data-testid="add-fee">
          Add fee
        </button>
        <button type="button" className="btn" onClick={() => void doImport()} disabled={!canImport} data-testid="import-fees">
          Import fees…
        </button>
        <button type="button" className="btn" onClick={() => void doExport()} disabled={!canExport}>
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
        <span className="muted">{loading ? "Loading…" : `${formatCount(fees.total)} fee${fees.total === 1 ? "" : "s"}`}</span>
      </div>
      <p className="muted small">CPT descriptions are not shipped with ClaimDesk; the description is your own text.</p>
      <ErrorBanner report={listError} onDismiss={() => setFailure(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      {importReport ? <ImportReportView title="Fee schedule import" report={importReport} onClose={() => setImportReport(null)} /> : null}
      <PageNote list={fees} narrow="narrow the search by schedule or code" />
      <div className="split">
        <DataTable
          data={rows}
          columns={COLUMNS}
          getRowId={(r) => String(r.id)}
          className="selectable"
          rowTestId="fee-row"
          selectedId={editing && editing.id !== null ? String(editing.id) : null}
          onRowClick={(r) => {
            setEditing(r);
            setReport(null);
            setNotice(null);
          }}
          onRowOpen={setEditing}
          empty={fees.loading ? null : `No fees${prefix ? " match" : " yet"}.`}
        />
        {editing ? (
          <form
            className="edit-panel"
            aria-label="Edit fee"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <h4>{editing.id === null ? "New fee" : "Edit fee"}</h4>
            <ErrorBanner report={report} />
            <FeeForm value={editing} payers={payers} onChange={setEditing} err={(f) => fieldError(report, f)} />
            <div className="form-foot">
              <button type="submit" className="btn btn-primary" disabled={saving || !canSave} data-testid="save-fee">
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
