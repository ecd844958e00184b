import { useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { AckReport } from "../../bindings/AckReport";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PostingException } from "../../bindings/PostingException";
import type { PostingReport } from "../../bindings/PostingReport";
import { useFormKeys } from "../../hooks/useFormKeys";
import { type PagedList, usePagedList } from "../../hooks/usePagedList";
import { acksImport, eraPost, eraPreview, remittanceExceptions } from "../../ipc/commands";
import { chooseAckFile, chooseEraFile } from "../../ipc/dialogs";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatMoney } from "../../lib/format";
import { claimStatusLabel, postedClaimNotes } from "../../lib/labels";
import { ErrorBanner } from "../common/Banner";
import { DataTable } from "../common/DataTable";
import { PageNote } from "../common/PageNote";
import { TextField } from "../common/fields";
import { useCan } from "../../session/session";

/**
 * Remittances: an 835 file is previewed (exactly what posting would do), then posted in one
 * go; what cannot post is listed as exceptions to work by hand. Acknowledgements (999/277CA)
 * are imported here too.
 */
export function RemittancesScreen() {
  const canPost = useCan("era_post");
  const [eraPath, setEraPath] = useState("");
  const [preview, setPreview] = useState<{ path: string; reports: PostingReport[] } | null>(null);
  const [posted, setPosted] = useState<PostingReport[] | null>(null);
  const [eraReport, setEraReport] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState<"preview" | "post" | null>(null);
  const client = useQueryClient();
  const exceptions = usePagedList(keys.remittanceExceptions, (page) => remittanceExceptions(page));
  // Posting changes claims, balances, plans and the worklists: everything that shows them reads again.
  const postM = useMutation({
    mutationFn: (path: string) => eraPost(path),
    onSuccess: (reports) => {
      setPosted(reports);
      setPreview(null);
      for (const queryKey of [keys.remittanceExceptions, keys.accounts, keys.plans, keys.collections]) void client.invalidateQueries({ queryKey });
    },
    onError: (e) => setEraReport(toErrorReport(e)),
    onSettled: () => setBusy(null),
  });
  const previewRef = useRef<HTMLDivElement>(null);

  const runPreview = async (path: string) => {
    const p = path.trim();
    if (busy) return;
    if (p === "") {
      setEraReport({ kind: "invalid", message: "Choose the 835 file to import.", fields: [{ field: "era_path", message: "Enter or choose an 835 file." }] });
      return;
    }
    setBusy("preview");
    setEraReport(null);
    setPosted(null);
    setPreview(null);
    try {
      const reports = await eraPreview(p);
      setPreview({ path: p, reports });
      // Keyboard: land on the preview so Tab reaches Post next.
      setTimeout(() => previewRef.current?.focus(), 0);
    } catch (e) {
      setEraReport(toErrorReport(e));
    } finally {
      setBusy(null);
    }
  };

  const choose = async () => {
    try {
      const p = await chooseEraFile();
      if (p) {
        setEraPath(p);
        await runPreview(p);
      }
    } catch (e) {
      setEraReport(toErrorReport(e));
    }
  };

  const post = () => {
    if (!preview || busy) return;
    setBusy("post");
    setEraReport(null);
    postM.mutate(preview.path);
  };

  const cancel = () => {
    setPreview(null);
    setEraReport(null);
  };
  useFormKeys({ onCancel: cancel }, preview !== null && busy === null);

  const claimCount = (rs: PostingReport[]) => rs.reduce((n, r) => n + r.claims.length, 0);
  const exceptionCount = (rs: PostingReport[]) => rs.reduce((n, r) => n + r.exceptions.length, 0);

  return (
    <div className="screen" data-testid="remittances-screen">
      <header className="screen-head">
        <h2>Remittances</h2>
      </header>

      <section className="section">
        <h3>835 remittance (electronic EOB)</h3>
        <form
          className="row"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void runPreview(eraPath);
          }}
        >
          <TextField
            className="w-xxl"
            label="835 file"
            name="era_path"
            value={eraPath}
            onChange={(v) => {
              setEraPath(v);
              if (preview && v.trim() !== preview.path) setPreview(null);
            }}
            error={fieldError(eraReport, "era_path") ?? fieldError(eraReport, "path")}
            placeholder="/path/to/remittance.835"
            disabled={busy !== null}
          />
          <div className="field-actions">
            <button type="button" className="btn" onClick={() => void choose()} disabled={busy !== null} data-testid="era-choose">
              Import 835…
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="era-preview">
              {busy === "preview" ? "Reading…" : "Preview"}
            </button>
          </div>
        </form>
        <p className="section-hint">Preview shows exactly what posting will do and changes nothing. The same 835 never posts twice.</p>
        <ErrorBanner report={eraReport} extra={unclaimedFieldErrors(eraReport, (f) => f === "era_path" || f === "path")} onDismiss={() => setEraReport(null)} />

        {preview ? (
          <div className="era-preview" data-testid="era-preview-table" tabIndex={-1} ref={previewRef} aria-label="Remittance preview">
            <h4>
              Preview of <span className="mono">{preview.path}</span>: {claimCount(preview.reports)} claim{claimCount(preview.reports) === 1 ? "" : "s"} will post
              {exceptionCount(preview.reports) > 0 ? `, ${exceptionCount(preview.reports)} will not` : ""}
            </h4>
            {preview.reports.length === 0 ? <p className="muted">This file holds no payments.</p> : null}
            {preview.reports.map((r, i) => (
              <RemittanceView key={`${r.trace_number}-${i}`} report={r} />
            ))}
            <div className="form-foot">
              <button type="button" className="btn btn-primary" onClick={post} disabled={busy !== null || !canPost} data-testid="era-post">
                {busy === "post" ? "Posting…" : "Post"}
              </button>
              <button type="button" className="btn" onClick={cancel} disabled={busy !== null} data-testid="era-cancel">
                Cancel
              </button>
              <span className="muted">Esc cancels</span>
            </div>
          </div>
        ) : null}

        {posted ? (
          <div className="era-posted-report">
            <div className="banner banner-ok" role="status" data-testid="era-posted">
              <div>
                Posted{" "}
                {posted.map((r, i) => (
                  <span key={`${r.trace_number}-${i}`}>
                    {i > 0 ? "; " : ""}
                    {r.payer_name} check/EFT <span className="mono">{r.trace_number}</span> ({formatMoney(r.total_paid)}, {r.claims.length} claim{r.claims.length === 1 ? "" : "s"})
                  </span>
                ))}
                {posted.length === 0 ? "nothing (the file holds no payments)" : ""}.
                {exceptionCount(posted) > 0 ? ` ${exceptionCount(posted)} payment${exceptionCount(posted) === 1 ? "" : "s"} went to the exceptions list.` : ""}
              </div>
            </div>
            {posted.map((r, i) => (
              <RemittanceView key={`${r.trace_number}-${i}`} report={r} />
            ))}
          </div>
        ) : null}
      </section>

      <ExceptionsList list={exceptions} />
      <AckImport />
    </div>
  );
}

/** One remittance (one payment): its header, the claims it pays and what will not post. */
function RemittanceView({ report: r }: { report: PostingReport }) {
  return (
    <div className="remittance" data-testid="era-remittance">
      <dl className="facts">
        <dt>Payer</dt>
        <dd data-testid="era-payer">{r.payer_name}</dd>
        <dt>Check / EFT trace</dt>
        <dd className="mono" data-testid="era-trace">
          {r.trace_number}
        </dd>
        <dt>Payment total</dt>
        <dd className="mono" data-testid="era-total">
          {formatMoney(r.total_paid)}
        </dd>
        <dt>Provider-level adjustments</dt>
        <dd className="mono" data-testid="era-plb">
          {formatMoney(r.provider_adjustments)}
        </dd>
      </dl>
      <table className="grid compact">
        <thead>
          <tr>
            <th>Claim</th>
            <th>Patient</th>
            <th>Status</th>
            <th className="num">Charge</th>
            <th className="num">Paid</th>
            <th className="num">Contractual</th>
            <th className="num">Patient share</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {r.claims.map((c) => (
            <tr key={`${c.claim_id}-${c.control_number}`} data-testid="era-claim-row">
              <td className="mono">{c.control_number}</td>
              <td>{c.patient_name}</td>
              <td>
                {claimStatusLabel(c.status_before)} → <span className={`status status-${c.status_after}`}>{claimStatusLabel(c.status_after)}</span>
              </td>
              <td className="num mono">{formatMoney(c.charge)}</td>
              <td className="num mono">{formatMoney(c.paid)}</td>
              <td className="num mono">{formatMoney(c.contractual)}</td>
              <td className="num mono">{formatMoney(c.patient_responsibility)}</td>
              <td className="wrap">{postedClaimNotes(c, r.preview).join(" · ")}</td>
            </tr>
          ))}
          {r.claims.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                No claim in this payment posts.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {r.exceptions.length > 0 ? (
        <div className="era-exceptions">
          <h5 className="danger-text">Will not post: work these by hand</h5>
          <ExceptionTable rows={r.exceptions} testid="era-exception-row" />
        </div>
      ) : null}
    </div>
  );
}

const EXCEPTION_COLUMNS: ColumnDef<PostingException>[] = [
  { id: "claim", header: "Claim", meta: { className: "mono" }, cell: ({ row }) => row.original.control_number },
  { id: "patient", header: "Patient", cell: ({ row }) => row.original.patient_name },
  { id: "paid", header: "Paid", meta: { className: "num mono" }, cell: ({ row }) => formatMoney(row.original.paid) },
  { id: "reason", header: "Reason", meta: { className: "wrap" }, cell: ({ row }) => row.original.reason },
];

function ExceptionTable({ rows, testid }: { rows: PostingException[]; testid: string }) {
  return <DataTable data={rows} columns={EXCEPTION_COLUMNS} getRowId={(x, i) => `${x.control_number}-${i}`} className="compact" rowTestId={testid} />;
}

function ExceptionsList({ list }: { list: PagedList<PostingException> }) {
  const items = list.rows;
  return (
    <section className="section" data-testid="open-exceptions">
      <h3>Open exceptions (payments that did not post)</h3>
      <ErrorBanner report={list.error} />
      {items.length > 0 ? <ExceptionTable rows={items} testid="open-exception-row" /> : <p className="muted">{list.loading ? "Loading…" : "No open exceptions."}</p>}
      <PageNote list={list} narrow="oldest first" />
    </section>
  );
}

/** Imports a 999 or 277CA: which claims were accepted, rejected (with reasons) or unknown. */
function AckImport() {
  const canImport = useCan("acks_import");
  const [path, setPath] = useState("");
  const [result, setResult] = useState<AckReport | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (p: string) => {
    if (busy) return;
    const t = p.trim();
    if (t === "") {
      setReport({ kind: "invalid", message: "Choose the acknowledgement file to import.", fields: [{ field: "ack_path", message: "Enter or choose a 999 or 277CA file." }] });
      return;
    }
    setBusy(true);
    setReport(null);
    setResult(null);
    try {
      setResult(await acksImport(t));
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    try {
      const p = await chooseAckFile();
      if (p) {
        setPath(p);
        await run(p);
      }
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  return (
    <section className="section" data-testid="ack-section">
      <h3>Acknowledgements (999 / 277CA)</h3>
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(path);
        }}
      >
        <TextField className="w-xxl" label="Acknowledgement file" name="ack_path" value={path} onChange={setPath} error={fieldError(report, "ack_path") ?? fieldError(report, "path")} disabled={busy} />
        <div className="field-actions">
          <button type="button" className="btn" onClick={() => void choose()} disabled={busy} data-testid="ack-choose">
            Import acknowledgement (999/277CA)…
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !canImport} data-testid="ack-import">
            {busy ? "Importing…" : "Import"}
          </button>
        </div>
      </form>
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => f === "ack_path" || f === "path")} onDismiss={() => setReport(null)} />
      {result ? (
        <div className="ack-result" data-testid="ack-result">
          <p>
            {result.kind}: <strong>{result.accepted.length}</strong> accepted, <strong>{result.rejected.length}</strong> rejected, <strong>{result.unknown.length}</strong> not on file.
          </p>
          {result.accepted.length > 0 ? (
            <p data-testid="ack-accepted">
              Accepted: <span className="mono">{result.accepted.join(", ")}</span>
            </p>
          ) : null}
          {result.rejected.length > 0 ? (
            <table className="grid compact">
              <thead>
                <tr>
                  <th>Rejected</th>
                  <th>Reasons (fix and resend)</th>
                </tr>
              </thead>
              <tbody>
                {result.rejected.map((r, i) => (
                  <tr key={`${r.control_number}-${i}`} data-testid="ack-rejected-row">
                    <td className="mono">{r.control_number}</td>
                    <td className="wrap">{r.reasons}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.unknown.length > 0 ? (
            <p className="import-note" data-testid="ack-unknown">
              Not found on file: <span className="mono">{result.unknown.join(", ")}</span>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
