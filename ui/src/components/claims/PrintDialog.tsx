import { useEffect, useRef, useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { FormKind } from "../../bindings/FormKind";
import type { PrinterProfile } from "../../bindings/PrinterProfile";
import type { PrintReport } from "../../bindings/PrintReport";
import { claimsPrint, pdfOpen, printersList } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { onPrintProgress, type PrintProgress } from "../../ipc/events";
import { todayIso } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { Dialog } from "../common/Dialog";
import { CheckField, SelectField, TextField } from "../common/fields";

interface Props {
  claimIds: number[];
  /** Batch to payers (true) or a reprint that records nothing (false). */
  markSubmitted: boolean;
  /** Suggested file name; default `claims-YYYY-MM-DD.pdf`. */
  defaultName?: string;
  defaultForm?: FormKind;
  onClose: () => void;
  /** After a successful print (to refresh the queue). */
  onPrinted?: (r: PrintReport) => void;
}

const FORMS: ReadonlyArray<{ value: FormKind; label: string }> = [
  { value: "red", label: "Red form (data only, on pre-printed CMS-1500)" },
  { value: "full", label: "Full form (draws the form, plain paper)" },
];

/** Prints claims to a PDF: form kind, printer offsets, file; shows progress, then the result. */
export function PrintDialog({ claimIds, markSubmitted: markDefault, defaultName, defaultForm = "red", onClose, onPrinted }: Props) {
  const [form, setForm] = useState<FormKind>(defaultForm);
  const [printers, setPrinters] = useState<PrinterProfile[]>([]);
  const [printer, setPrinter] = useState("");
  const [outPath, setOutPath] = useState(defaultName ?? `claims-${todayIso()}.pdf`);
  const [mark, setMark] = useState(markDefault);
  const [progress, setProgress] = useState<PrintProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<PrintReport | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    printersList().then(
      (rows) => {
        if (!live.current) return;
        setPrinters(rows);
        const def = rows.find((p) => p.is_default);
        if (def) setPrinter(def.name);
      },
      () => undefined,
    );
    return () => {
      live.current = false;
    };
  }, []);

  const browse = async () => {
    try {
      const p = await choosePdfSave("Save claims as PDF", outPath);
      if (p) setOutPath(p);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  const print = async () => {
    if (running) return;
    if (outPath.trim() === "") {
      setReport({ kind: "invalid", message: "Choose where to save the PDF.", fields: [{ field: "out_path", message: "Enter or choose a file name." }] });
      return;
    }
    setRunning(true);
    setReport(null);
    setDone(null);
    setProgress({ done: 0, total: claimIds.length });
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await onPrintProgress((p) => {
        if (live.current) setProgress(p);
      });
      const r = await claimsPrint({ claim_ids: claimIds, form, out_path: outPath.trim(), mark_submitted: mark, printer: printer === "" ? null : printer });
      if (!live.current) return;
      setDone(r);
      onPrinted?.(r);
    } catch (e) {
      if (live.current) setReport(toErrorReport(e));
    } finally {
      unlisten?.();
      if (live.current) setRunning(false);
    }
  };

  const open = async (path: string) => {
    try {
      await pdfOpen(path);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  return (
    <Dialog
      label="Print claims"
      testid="print-dialog"
      busy={running}
      onClose={onClose}
      title={`Print ${claimIds.length} claim${claimIds.length === 1 ? "" : "s"}`}
    >
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      <fieldset className="radios">
        <legend>Form</legend>
        {FORMS.map((f) => (
          <label key={f.value}>
            <input type="radio" name="form" value={f.value} checked={form === f.value} onChange={() => setForm(f.value)} disabled={running} /> {f.label}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <SelectField
          className="w-lg"
          label="Printer profile (alignment offsets)"
          name="printer"
          value={printer}
          placeholder="Default profile"
          options={printers.map((p) => ({ value: p.name, label: `${p.name}${p.is_default ? " (default)" : ""}` }))}
          onChange={setPrinter}
          disabled={running}
        />
      </div>
      <div className="row">
        <TextField className="w-xl" label="Save PDF as" name="out_path" value={outPath} onChange={setOutPath} error={fieldError(report, "out_path")} disabled={running} autoFocus />
        <div className="field-actions">
          <button type="button" className="btn" onClick={() => void browse()} disabled={running}>
            Browse…
          </button>
        </div>
      </div>
      <CheckField label="Mark as submitted (records the batch; only ready claims are printed)" name="mark_submitted" checked={mark} onChange={setMark} disabled={running} />
      {running && progress ? (
        <div className="progress-row">
          <progress data-testid="print-progress" value={progress.done} max={Math.max(progress.total, 1)} />
          <span className="muted">
            {progress.done} of {progress.total}
          </span>
        </div>
      ) : null}
      {done ? (
        <div className="banner banner-ok" data-testid="print-done" role="status">
          <div>
            Printed <strong>{done.claims}</strong> claim{done.claims === 1 ? "" : "s"} on <strong>{done.pages}</strong> page{done.pages === 1 ? "" : "s"} to <span className="mono">{done.path}</span>
            {done.batch_id !== null ? <> · batch {done.batch_id}</> : null}.
          </div>
          <button type="button" className="btn" onClick={() => void open(done.path)} data-testid="open-pdf">
            Open PDF
          </button>
        </div>
      ) : null}
      <div className="form-foot">
        {!done ? (
          <button type="button" className="btn btn-primary" onClick={() => void print()} disabled={running || claimIds.length === 0} data-testid="print-confirm">
            {running ? "Printing…" : "Print"}
          </button>
        ) : null}
        <button type="button" className="btn" onClick={onClose} disabled={running} data-testid="print-close">
          {done ? "Close" : "Cancel"}
        </button>
      </div>
    </Dialog>
  );
}
