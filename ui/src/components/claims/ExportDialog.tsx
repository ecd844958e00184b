import { useEffect, useRef, useState } from "react";
import type { Clearinghouse } from "../../bindings/Clearinghouse";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { ExportReport } from "../../bindings/ExportReport";
import { claimsExport837, clearinghousesList } from "../../ipc/commands";
import { choose837Save } from "../../ipc/dialogs";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { onExportProgress, type ExportProgress } from "../../ipc/events";
import { todayIso } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { Dialog } from "../common/Dialog";
import { CheckField, SelectField, TextField } from "../common/fields";

interface Props {
  claimIds: number[];
  /** Batch to payers (true) or a re-export that records nothing (false). */
  markSubmitted: boolean;
  /** Suggested file name; default `claims-YYYY-MM-DD.837`. */
  defaultName?: string;
  onClose: () => void;
  /** After a successful export (to refresh the queue). */
  onExported?: (r: ExportReport) => void;
  /** Opens Practice setup → Electronic claims (when no clearinghouse is set up). */
  onOpenSetup?: () => void;
}

/** ISA13 as the clearinghouse's 999/TA1 quotes it: nine digits. */
export function interchangeNumber(n: number): string {
  return String(n).padStart(9, "0");
}

/** Exports claims to an 837P file for a clearinghouse; shows progress, then the result. */
export function ExportDialog({ claimIds, markSubmitted: markDefault, defaultName, onClose, onExported, onOpenSetup }: Props) {
  const [houses, setHouses] = useState<Clearinghouse[] | null>(null);
  const [house, setHouse] = useState("");
  const [outPath, setOutPath] = useState(defaultName ?? `claims-${todayIso()}.837`);
  const [mark, setMark] = useState(markDefault);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<ExportReport | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    clearinghousesList().then(
      (rows) => {
        if (!live.current) return;
        setHouses(rows);
        const def = rows.find((c) => c.is_default) ?? rows[0];
        if (def && def.id !== null) setHouse(String(def.id));
      },
      (e: unknown) => {
        if (!live.current) return;
        setHouses([]);
        setReport(toErrorReport(e));
      },
    );
    return () => {
      live.current = false;
    };
  }, []);

  const browse = async () => {
    try {
      const p = await choose837Save("Save 837P claim file as", outPath);
      if (p) setOutPath(p);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  const none = houses !== null && houses.length === 0;

  const exportNow = async () => {
    if (running || none) return;
    if (outPath.trim() === "") {
      setReport({ kind: "invalid", message: "Choose where to save the 837P file.", fields: [{ field: "out_path", message: "Enter or choose a file name." }] });
      return;
    }
    setRunning(true);
    setReport(null);
    setDone(null);
    setProgress({ done: 0, total: claimIds.length });
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await onExportProgress((p) => {
        if (live.current) setProgress(p);
      });
      const r = await claimsExport837({
        claim_ids: claimIds,
        clearinghouse_id: house === "" ? null : Number(house),
        out_path: outPath.trim(),
        mark_submitted: mark,
      });
      if (!live.current) return;
      setDone(r);
      onExported?.(r);
    } catch (e) {
      if (live.current) setReport(toErrorReport(e));
    } finally {
      unlisten?.();
      if (live.current) setRunning(false);
    }
  };

  return (
    <Dialog
      label="Export 837P"
      testid="export-dialog"
      busy={running}
      onClose={onClose}
      title={`Export ${claimIds.length} claim${claimIds.length === 1 ? "" : "s"} to an 837P file`}
    >
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => ["clearinghouse_id", "out_path", "out_path_837"].includes(f))} onDismiss={() => setReport(null)} />
      {none ? (
        <div className="banner banner-warn" role="alert" data-testid="export-no-clearinghouse">
          <span>No clearinghouse is set up, so there is no one to address the file to.</span>
          {onOpenSetup ? (
            <button type="button" className="btn-link" onClick={onOpenSetup} data-testid="export-setup-link">
              Set one up in Practice setup → Electronic claims
            </button>
          ) : (
            <span>Add one in Practice setup → Electronic claims.</span>
          )}
        </div>
      ) : null}
      <div className="row">
        <SelectField
          className="w-lg"
          label="Clearinghouse"
          name="clearinghouse_id"
          value={house}
          options={(houses ?? [])
            .filter((c) => c.id !== null)
            .map((c) => ({ value: String(c.id), label: `${c.name}${c.is_default ? " (default)" : ""}${c.production ? "" : " — test"}` }))}
          onChange={setHouse}
          error={fieldError(report, "clearinghouse_id")}
          disabled={running || none}
        />
      </div>
      <div className="row">
        <TextField
          className="w-xl"
          label="Save 837P file as"
          name="out_path_837"
          value={outPath}
          onChange={setOutPath}
          error={fieldError(report, "out_path") ?? fieldError(report, "out_path_837")}
          disabled={running}
          autoFocus
        />
        <div className="field-actions">
          <button type="button" className="btn" onClick={() => void browse()} disabled={running}>
            Browse…
          </button>
        </div>
      </div>
      <CheckField label="Mark as submitted (records the batch; only ready claims are exported)" name="mark_submitted" checked={mark} onChange={setMark} disabled={running} />
      {running && progress ? (
        <div className="progress-row">
          <progress data-testid="export-progress" value={progress.done} max={Math.max(progress.total, 1)} />
          <span className="muted">
            {progress.done} of {progress.total}
          </span>
        </div>
      ) : null}
      {done ? (
        <div className="banner banner-ok" data-testid="export-done" role="status">
          <div>
            Exported <strong>{done.claims}</strong> claim{done.claims === 1 ? "" : "s"} ({done.transaction_sets} transaction set{done.transaction_sets === 1 ? "" : "s"}) to{" "}
            <span className="mono">{done.path}</span>. Interchange control number <strong className="mono">{interchangeNumber(done.interchange_control_number)}</strong>
            {done.batch_id !== null ? <> · batch {done.batch_id}</> : null}. Upload the file to the clearinghouse; its 999 will quote that number.
          </div>
        </div>
      ) : null}
      <div className="form-foot">
        {!done ? (
          <button type="button" className="btn btn-primary" onClick={() => void exportNow()} disabled={running || none || houses === null || claimIds.length === 0} data-testid="export-confirm">
            {running ? "Exporting…" : "Export"}
          </button>
        ) : null}
        <button type="button" className="btn" onClick={onClose} disabled={running} data-testid="export-close">
          {done ? "Close" : "Cancel"}
        </button>
      </div>
    </Dialog>
  );
}
