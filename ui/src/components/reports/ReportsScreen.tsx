import { useState } from "react";
import type { AgingBy } from "../../bindings/AgingBy";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { Report } from "../../bindings/Report";
import type { ReportKind } from "../../bindings/ReportKind";
import type { ReportParams } from "../../bindings/ReportParams";
import {
  reportAging,
  reportDaySheet,
  reportDenials,
  reportDeposits,
  reportExport,
  reportPlans,
  reportProductivity,
  reportUnderpaid,
} from "../../ipc/commands";
import { chooseCsvExport, choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { todayIso } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { DateField, SelectField, TextField } from "../common/fields";
import { DepositsPanel } from "./DepositsPanel";
import { ReportView } from "./ReportView";

const KINDS: ReadonlyArray<{ value: ReportKind; label: string }> = [
  { value: "aging", label: "AR aging" },
  { value: "day_sheet", label: "Day sheet" },
  { value: "deposits", label: "Deposit reconciliation" },
  { value: "denials", label: "Denials" },
  { value: "plans", label: "Payment plans" },
  { value: "productivity", label: "Provider productivity" },
  { value: "underpaid", label: "Underpaid lines" },
];

const firstOfMonth = (iso: string) => `${iso.slice(0, 8)}01`;
const KNOWN = ["as_of", "from", "to", "out_path"];

/** Pick a report and its dates, see it (with a chart where a picture helps), export it. */
export function ReportsScreen() {
  const today = todayIso();
  const [kind, setKind] = useState<ReportKind>("aging");
  const [by, setBy] = useState<AgingBy>("payer");
  const [asOf, setAsOf] = useState<string | null>(today);
  const [from, setFrom] = useState<string | null>(firstOfMonth(today));
  const [to, setTo] = useState<string | null>(today);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState<"" | "run" | "export">("");
  const [outPath, setOutPath] = useState(`aging-${today}.pdf`);
  const [exported, setExported] = useState<string | null>(null);

  const params = (): ReportParams => ({
    kind,
    as_of: kind === "aging" ? asOf : null,
    by: kind === "aging" ? by : null,
    from: kind === "aging" || kind === "plans" ? null : from,
    to: kind === "aging" || kind === "plans" ? null : to,
  });

  const dateProblem = (): ErrorReport | null => {
    if (kind !== "aging" && kind !== "plans" && from && to && from > to) {
      return { kind: "invalid", message: "Check the dates.", fields: [{ field: "to", message: "The end date is before the start date" }] };
    }
    return null;
  };

  const run = async () => {
    setError(null);
    setExported(null);
    const problem = dateProblem();
    if (problem) {
      setError(problem);
      return;
    }
    setBusy("run");
    try {
      const r =
        kind === "aging"
          ? await reportAging(asOf, by)
          : kind === "day_sheet"
            ? await reportDaySheet(from, to)
            : kind === "deposits"
              ? await reportDeposits(from, to)
              : kind === "denials"
                ? await reportDenials(from, to)
                : kind === "plans"
                  ? await reportPlans()
                  : kind === "productivity"
                    ? await reportProductivity(from, to)
                    : await reportUnderpaid(from, to);
      setReport(r);
    } catch (e) {
      setError(toErrorReport(e));
    } finally {
      setBusy("");
    }
  };

  const withExtension = (path: string, format: ExportFormat) => {
    const base = path.trim().replace(/\.(csv|pdf)$/i, "");
    return `${base || `${kind}-${today}`}.${format}`;
  };

  const browse = async () => {
    const p = await choosePdfSave("Save the report as", withExtension(outPath, "pdf"));
    if (p) setOutPath(p);
  };

  const exportAs = async (format: ExportFormat) => {
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
      const done = await reportExport(params(), format, path);
      setExported(`${done.format.toUpperCase()} written to ${done.path} (${done.rows} rows)`);
    } catch (e) {
      setError(toErrorReport(e));
    } finally {
      setBusy("");
    }
  };

  const ranged = kind !== "aging" && kind !== "plans";
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
              value={kind}
              onChange={(v) => {
                setKind(v as ReportKind);
                setReport(null);
                setOutPath(`${v}-${today}.pdf`);
              }}
              options={KINDS}
            />
            {kind === "aging" ? (
              <>
                <DateField label="As of" name="as_of" value={asOf} onChange={setAsOf} error={fieldError(error, "as_of")} />
                <SelectField
                  label="Group by"
                  name="by"
                  value={by}
                  onChange={(v) => setBy(v as AgingBy)}
                  options={[
                    { value: "payer", label: "Payer (insurance owes)" },
                    { value: "guarantor", label: "Guarantor (patients owe)" },
                  ]}
                />
              </>
            ) : null}
            {ranged ? (
              <>
                <DateField label="From" name="from" value={from} onChange={setFrom} error={fieldError(error, "from")} />
                <DateField label="To" name="to" value={to} onChange={setTo} error={fieldError(error, "to")} />
              </>
            ) : null}
          </div>
          <div className="form-foot">
            <button type="submit" className="btn btn-primary" disabled={busy !== ""} data-testid="report-run">
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
            <button type="button" className="btn" onClick={() => void exportAs("csv")} disabled={busy !== ""} data-testid="export-csv">
              Export CSV
            </button>
            <button type="button" className="btn" onClick={() => void exportAs("pdf")} disabled={busy !== ""} data-testid="export-pdf">
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

      {report ? (
        <section className="section" data-testid="report-result">
          <ReportView report={report} />
        </section>
      ) : null}

      {kind === "deposits" ? <DepositsPanel onCreated={() => void run()} /> : null}
    </div>
  );
}
