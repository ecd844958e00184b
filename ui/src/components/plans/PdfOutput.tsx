import { useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PrintedPaper } from "../../bindings/PrintedPaper";
import { pdfOpen } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { ErrorBanner } from "../common/Banner";
import { TextField } from "../common/fields";

interface Props {
  /** The path input's name (e2e tests type the path into it). */
  name: string;
  label: string;
  defaultPath: string;
  dialogTitle: string;
  /** data-testid prefix: `${testid}-print`, `${testid}-open`, `${testid}-done`. */
  testid: string;
  buttonLabel: string;
  print: (path: string) => Promise<PrintedPaper>;
}

/**
 * Where to save a PDF (typed, or chosen with Browse…), a button that prints it, and "Open PDF"
 * once written. Native dialogs cannot be driven by tests, so the path field is always there.
 */
export function PdfOutput({ name, label, defaultPath, dialogTitle, testid, buttonLabel, print }: Props) {
  const [path, setPath] = useState(defaultPath);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PrintedPaper | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);

  const browse = async () => {
    try {
      const p = await choosePdfSave(dialogTitle, path);
      if (p) setPath(p);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  const run = async () => {
    if (busy) return;
    if (path.trim() === "") {
      setReport({ kind: "invalid", message: "Choose where to save the PDF.", fields: [{ field: name, message: "Enter or choose a file name." }] });
      return;
    }
    setBusy(true);
    setReport(null);
    setDone(null);
    try {
      setDone(await print(path.trim()));
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setBusy(false);
    }
  };

  const open = async (p: string) => {
    try {
      await pdfOpen(p);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  return (
    <div className="pdf-output">
      <div
        className="row"
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            e.stopPropagation();
            void run();
          }
        }}
      >
        <TextField className="w-xl" label={label} name={name} value={path} onChange={setPath} error={fieldError(report, name)} disabled={busy} />
        <div className="field-actions">
          <button type="button" className="btn" onClick={() => void browse()} disabled={busy}>
            Browse…
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={busy} data-testid={`${testid}-print`}>
            {busy ? "Printing…" : buttonLabel}
          </button>
        </div>
      </div>
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      {done ? (
        <div className="banner banner-ok" role="status" data-testid={`${testid}-done`}>
          <div>
            {done.title} printed to <span className="mono">{done.path}</span>.
          </div>
          <button type="button" className="btn" onClick={() => void open(done.path)} data-testid={`${testid}-open`}>
            Open PDF
          </button>
        </div>
      ) : null}
    </div>
  );
}
