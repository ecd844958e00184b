import { useEffect, useState } from "react";
import type { AgingBy } from "../../bindings/AgingBy";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { ReportInfo } from "../../bindings/ReportInfo";
import type { ReportKind } from "../../bindings/ReportKind";
import type { ReportPage } from "../../bindings/ReportPage";
import type { ReportParams } from "../../bindings/ReportParams";
import { reportExport, reportRun, reportsCatalog } from "../../ipc/commands";
import { chooseCsvExport, choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { todayIso } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { DateField, SelectField, TextField } from "../common/fields";
import { DepositsPanel } from "./DepositsPanel";
import { ReportView } from "./ReportView";
import { useCan } from "../../session/session";

const firstOfMonth = (iso: string) => `${iso.slice(0, 8)}01`;
const KNOWN = ["as_of", "by", "from", "to", "out_path"];

/**
 * Pick a report and its dates, see it (with a chart where a picture helps), export it. The
 * list of reports and the parameters each takes come from the Rust side (`reports_catalog`);
 * every report runs through `report_run` and is drawn from the tables it returns.
 */
export function ReportsScreen() {
  const canExport = useCan("report_export");
  const today = todayIso();
  const [catalog, setCatalog] = useState<ReportInfo[]>([]);
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [by, setBy] = useState<AgingBy>("payer");
  const [asOf, setAsOf] = useState<string | null>(today);
  const [from, setFrom] = useState<string | null>(firstOfMonth(today));
  const [to, setTo] = useState<string | null>(today);
  const [page, setPage] = useState<ReportPage | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState<"" | "run" | "export">("");
  const [outPath, setOutPath] = useState("");
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    reportsCatalog().then(
      (list) => {
        if (!live) return;
        setCatalog(list);
        const first = list[0];
        if (first) {
          setKind(first.kind);
          setOutPath(`${first.kind}-${today}.pdf`);
        }
      },
      (e: unknown) => live && setError(toErrorReport(e)),
    );
    return () => {
      live = false;
    };
  }, [today]);

  const takes = catalog.find((r) => r.kind === kind)?.takes ?? [];
  const ranged = takes.includes("range");

  // One way to ask for any report: the parameters its catalog entry takes, nothing else.
  const params = (k: ReportKind): ReportParams => ({
    kind: k,
    as_of: takes.includes("as_of") ? asOf : null,
    by: takes.includes("by") ? by : null,
    from: ranged ? from : null,
    to: ranged ? to : null,
  });

  const run = async () => {
    if (!kind) return;
    setError(null);
    setExported(null);
    setBusy("run");
    try {
      setPage(await reportRun(params(kind)));
    } catch (e) {
      setError(toErrorReport(e));
    } finally {
      setBusy("");
    }
  };

  const withExtension = (path: string, format: ExportFormat) => {
    const base = path.trim().replace(/\.(csv|pdf)$/i, "");
    return `${base || `${kind ?? "report"}-${today}`}.${format}`;
  };

  const browse = async () => {
    const p = await choosePdfSave("Save the report as", withExtension(outPath, "pdf"));
    if (p) setOutPath(p);
  };

  const exportAs = async (format: ExportFormat) => {
    if (!kind) return;
    setError(null);
    setExported(null);
    // A typed (or browsed) "Save as" path is used as is, with the format's extension; with
    // none, the save dialog asks. Cancelling the dialog writes nothing.
    const typed = outPath.trim();
    const suggested = withExtension(outPath, format);
    const chosen = typed
      ? suggested
      : format === "csv"
        ? await chooseCsvExport("Export the report as CSV", suggested)
        : await choosePdfSave("Export the report as PDF", suggested);
    const path = (chosen ?? "").trim();
    if (path === "") return;
    setOutPath(path);
    setBusy("export");
    try {
      const done = await reportExport(params(kind), format, path);
      setExported(`${done.format.toUpperCase()} written to ${done.path} (${done.rows} rows)`);
    } catch (e) {
      setError(toErrorReport(e));
    } finally {
      setBusy("");
    }
  };

  const about = catalog.find((r) => r.kind === kind)?.about;
  return (
    <div className="screen" data-testid="reports-screen">
      <header className="screen-head">
        <h2>Reports</h2>
      </header>
      <section className="section">
        {error ? <ErrorBanner report={error} extra={unclaimedFieldErrors(error, (f) => KNOWN.includes(f))} /> : null}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <div className="row">
            <SelectField
              label="Report"
              name="kind"
              value={kind ?? ""}
              onChange={(v) => {
                setKind(v as ReportKind);
                setPage(null);
                setError(null);
                setOutPath(`${v}-${today}.pdf`);
              }}
              options={catalog.map((r) => ({ value: r.kind, label: r.title }))}
            />
            {takes.includes("as_of") ? (
              <DateField label="As of" name="as_of" value={asOf} onChange={setAsOf} error={fieldError(error, "as_of")} />
            ) : null}
            {takes.includes("by") ? (
              <SelectField
                label="Group by"
                name="by"
                value={by}
                onChange={(v) => setBy(v as AgingBy)}
                error={fieldError(error, "by")}
                options={[
                  { value: "payer", label: "Payer (insurance owes)" },
                  { value: "guarantor", label: "Guarantor (patients owe)" },
                ]}
              />
            ) : null}
            {ranged ? (
              <>
                <DateField label="From" name="from" value={from} onChange={setFrom} error={fieldError(error, "from")} />
                <DateField label="To" name="to" value={to} onChange={setTo} error={fieldError(error, "to")} />
              </>
            ) : null}
          </div>
          {about ? <p className="muted small">{about}</p> : null}
          <div className="form-foot">
            <button type="submit" className="btn btn-primary" disabled={busy !== "" || !kind} data-testid="report-run">
              {busy === "run" ? "Running…" : "Show report"}
            </button>
          </div>
        </form>
      </section>

      <section className="section">
        <div className="row">
          <TextField className="w-xl" label="Save as" name="out_path" value={outPath} onChange={setOutPath} error={fieldError(error, "out_path")} hint="A file name alone is saved in your Documents folder; leave it empty to choose." disabled={busy !== ""} />
          <div className="field-actions">
            <button type="button" className="btn" onClick={() => void browse()} disabled={busy !== ""}>
              Browse…
            </button>
            <button type="button" className="btn" onClick={() => void exportAs("csv")} disabled={busy !== "" || !kind || !canExport} data-testid="export-csv">
              Export CSV
            </button>
            <button type="button" className="btn" onClick={() => void exportAs("pdf")} disabled={busy !== "" || !kind || !canExport} data-testid="export-pdf">
              Export PDF
            </button>
          </div>
        </div>
        {exported ? (
          <div className="banner banner-ok" role="status" data-testid="report-exported">
            {exported}
          </div>
        ) : null}
      </section>

      {page && page.kind === kind ? (
        <section className="section" data-testid="report-result">
          <ReportView page={page} />
        </section>
      ) : null}

      {kind === "deposits" ? <DepositsPanel onCreated={() => void run()} /> : null}
    </div>
  );
}
