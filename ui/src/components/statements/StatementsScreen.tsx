import { useEffect, useRef, useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { StatementCandidate } from "../../bindings/StatementCandidate";
import type { StatementFilter } from "../../bindings/StatementFilter";
import type { StatementRunReport } from "../../bindings/StatementRunReport";
import { pdfOpen, statementCandidates, statementsRun } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { onStatementProgress, type StatementProgress } from "../../ipc/events";
import { formatDate, formatMoney, todayIso } from "../../lib/format";
import { heldReasonLabel } from "../../lib/labels";
import { ErrorBanner } from "../common/Banner";
import { formatCount, PageNote } from "../common/PageNote";
import { usePagedList } from "../../hooks/usePagedList";
import { CheckField, DateField, TextField } from "../common/fields";
import { CollectionsPanel } from "./CollectionsPanel";
import { useQueryClient } from "@tanstack/react-query";
import { keys } from "../../ipc/queryKeys";
import { useCan } from "../../session/session";

/** Field paths the filter inputs show inline (the Rust side reports them as `filter.…` or bare). */
const FILTER_FIELDS = ["statement_date", "min_balance", "days_since_last"] as const;

function filterError(report: ErrorReport | null, field: string): string | undefined {
  return fieldError(report, `filter.${field}`) ?? fieldError(report, field);
}

const KNOWN_FIELDS = new Set<string>([...FILTER_FIELDS.flatMap((f) => [f, `filter.${f}`]), "out_path", "statements_out"]);

const accountKey = (c: StatementCandidate) => (c.account.kind === "patient" ? `p${c.account.patient_id}` : `r${c.account.party_id}`);

/** Accounts the filter picked that get no statement (no mailing address), each with the reason. */
function HeldAccounts({ held, testid }: { held: StatementCandidate[]; testid: string }) {
  if (held.length === 0) return null;
  return (
    <div data-testid={testid}>
      <h4>
        {held.length} account{held.length === 1 ? "" : "s"} held out: no statement until fixed
      </h4>
      <div className="table-wrap">
        <table className="grid compact">
          <thead>
            <tr>
              <th>Account</th>
              <th>Name</th>
              <th className="num">Patient due</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {held.map((c) => (
              <tr key={accountKey(c)} data-testid="statement-held">
                <td className="mono">{c.account_number}</td>
                <td>{c.name}</td>
                <td className="num mono">{formatMoney(c.patient_due)}</td>
                <td data-testid="held-reason">{c.held_out ? heldReasonLabel(c.held_out) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * Patient statements: pick who gets one (filter), preview the list, then run them all into one
 * PDF. Amounts are shown exactly as the Rust side computed them.
 */
export function StatementsScreen() {
  const canRun = useCan("statements_run");
  const client = useQueryClient();
  const [statementDate, setStatementDate] = useState<string | null>(todayIso());
  const [minBalance, setMinBalance] = useState("5.00");
  const [days, setDays] = useState("28");
  const [includeHolds, setIncludeHolds] = useState(false);
  const [includeCollections, setIncludeCollections] = useState(false);
  const [finalNoticeOnly, setFinalNoticeOnly] = useState(false);
  // The filter last previewed (null: no preview shown); its list is read a page at a time.
  const [asked, setAsked] = useState<StatementFilter | null>(null);
  const [outPath, setOutPath] = useState(`statements-${todayIso()}.pdf`);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<StatementProgress | null>(null);
  const [done, setDone] = useState<StatementRunReport | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const live = useRef(true);
  const listRef = useRef<HTMLDivElement>(null);
  // Balances change on other screens: a preview always reads the file again.
  const list = usePagedList([...keys.statementCandidates, asked], (page) => statementCandidates(asked!, page), { enabled: asked !== null, staleTime: 0 });
  const candidates = asked === null || list.loading || list.error ? null : list.rows;
  const busy: "preview" | "run" | null = running ? "run" : asked !== null && list.fetching && !list.loadingMore ? "preview" : null;
  const shown = report ?? list.error;
  // Keyboard: land on the list once a preview has read it.
  const focusList = useRef(false);
  useEffect(() => {
    if (candidates !== null && focusList.current) {
      focusList.current = false;
      listRef.current?.focus();
    }
  }, [candidates]);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  /** The filter from the inputs, or null (with the problems shown inline) when it is not usable. */
  const buildFilter = (): StatementFilter | null => {
    const fields: Array<{ field: string; message: string }> = [];
    if (!statementDate) fields.push({ field: "statement_date", message: "Enter the statement date." });
    if (minBalance.trim() === "") fields.push({ field: "min_balance", message: "Enter a minimum balance (0.00 for every balance)." });
    const d = days.trim();
    if (!/^\d+$/.test(d)) fields.push({ field: "days_since_last", message: "Enter a whole number of days." });
    if (fields.length > 0 || !statementDate) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields });
      return null;
    }
    return {
      statement_date: statementDate,
      // Sent as typed: the Rust side parses and checks money.
      min_balance: minBalance.trim(),
      days_since_last: Number(d),
      include_holds: includeHolds,
      include_collections: includeCollections,
      final_notice_only: finalNoticeOnly,
    };
  };

  const preview = () => {
    if (busy) return;
    const filter = buildFilter();
    if (!filter) return;
    setReport(null);
    setDone(null);
    focusList.current = true;
    // The same filter again reads the list again.
    if (JSON.stringify(filter) === JSON.stringify(asked)) list.reload();
    else setAsked(filter);
  };

  const browse = async () => {
    try {
      const p = await choosePdfSave("Save statements as PDF", outPath);
      if (p) setOutPath(p);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  const run = async () => {
    if (busy) return;
    const filter = buildFilter();
    if (!filter) return;
    if (outPath.trim() === "") {
      setReport({ kind: "invalid", message: "Choose where to save the PDF.", fields: [{ field: "out_path", message: "Enter or choose a file name." }] });
      return;
    }
    setRunning(true);
    setReport(null);
    setDone(null);
    setProgress({ done: 0, total: candidates?.filter((c) => c.held_out === null).length ?? 0 });
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await onStatementProgress((p) => {
        if (live.current) setProgress(p);
      });
      const r = await statementsRun({ filter, out_path: outPath.trim(), payment_options: null, remit_to: null, due_in_days: null });
      // A run records a statement on each account and moves dunning levels: every account's
      // statements and the collections worklist read again.
      void client.invalidateQueries({ queryKey: keys.accounts });
      void client.invalidateQueries({ queryKey: keys.collections });
      if (!live.current) return;
      setDone(r);
    } catch (e) {
      if (live.current) setReport(toErrorReport(e));
    } finally {
      unlisten?.();
      if (live.current) {
        setRunning(false);
        setProgress(null);
      }
    }
  };

  const open = async (path: string) => {
    try {
      await pdfOpen(path);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  const disabled = busy !== null;
  // Held accounts (no mailing address) are listed apart: they get no statement.
  const sending = candidates?.filter((c) => c.held_out === null) ?? [];
  const held = candidates?.filter((c) => c.held_out !== null) ?? [];
  const filterChanged = () => {
    setAsked(null);
    setDone(null);
  };

  return (
    <div className="screen" data-testid="statements-screen">
      <header className="screen-head">
        <h2>Statements</h2>
      </header>

      <section className="section">
        <h3>Who gets a statement</h3>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            preview();
          }}
        >
          <div className="row">
            <DateField
              label="Statement date"
              name="statement_date"
              value={statementDate}
              onChange={(v) => {
                setStatementDate(v);
                filterChanged();
              }}
              error={filterError(shown, "statement_date")}
              disabled={disabled}
              required
            />
            <TextField
              label="Minimum balance"
              name="min_balance"
              value={minBalance}
              onChange={(v) => {
                setMinBalance(v);
                filterChanged();
              }}
              inputMode="decimal"
              error={filterError(shown, "min_balance")}
              disabled={disabled}
              hint="Smaller patient balances get no statement."
            />
            <TextField
              label="Days since last statement"
              name="days_since_last"
              value={days}
              onChange={(v) => {
                setDays(v);
                filterChanged();
              }}
              inputMode="numeric"
              error={filterError(shown, "days_since_last")}
              disabled={disabled}
            />
          </div>
          <CheckField
            label="Include accounts on hold"
            name="include_holds"
            checked={includeHolds}
            onChange={(v) => {
              setIncludeHolds(v);
              filterChanged();
            }}
            disabled={disabled}
          />
          <CheckField
            label="Include accounts in collections"
            name="include_collections"
            checked={includeCollections}
            onChange={(v) => {
              setIncludeCollections(v);
              filterChanged();
            }}
            disabled={disabled}
          />
          <CheckField
            label="Final notices only (oldest unpaid amount over 90 days: the last statement before collections)"
            name="final_notice_only"
            checked={finalNoticeOnly}
            onChange={(v) => {
              setFinalNoticeOnly(v);
              filterChanged();
            }}
            disabled={disabled}
          />
          <div className="form-foot">
            <button type="submit" className="btn" disabled={disabled} data-testid="statements-preview">
              {busy === "preview" ? "Reading…" : "Preview list"}
            </button>
            <span className="muted">Enter previews; nothing is recorded until you run statements.</span>
          </div>
        </form>
        <ErrorBanner report={shown} extra={unclaimedFieldErrors(shown, (f) => KNOWN_FIELDS.has(f))} onDismiss={() => setReport(null)} />

        {candidates ? (
          <div data-testid="statement-candidates" tabIndex={-1} ref={listRef} aria-label="Statement candidates">
            <h4>
              {sending.length} account{sending.length === 1 ? "" : "s"} will get a statement
              {list.hasMore ? <span className="muted"> (of the first {formatCount(candidates.length)})</span> : null}
            </h4>
            <PageNote list={list} narrow="raise the minimum balance to narrow it; the run sends every account" />
            {candidates.length === 0 ? <p className="muted">No account matches this filter.</p> : null}
            {sending.length > 0 ? (
              <div className="table-wrap">
                <table className="grid compact">
                  <thead>
                    <tr>
                      <th>Account</th>
                      <th>Name</th>
                      <th className="num">Patient due</th>
                      <th className="num">Insurance pending</th>
                      <th>Last statement</th>
                      <th>Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sending.map((c) => (
                      <tr key={accountKey(c)} data-testid="statement-candidate">
                        <td className="mono">{c.account_number}</td>
                        <td>{c.name}</td>
                        <td className="num mono">{formatMoney(c.patient_due)}</td>
                        <td className="num mono">{formatMoney(c.insurance_pending)}</td>
                        <td>{c.last_statement ? formatDate(c.last_statement) : <span className="muted">never</span>}</td>
                        <td>
                          {c.hold ? (
                            <span className="badge badge-inactive" data-testid="candidate-hold">
                              on hold
                            </span>
                          ) : null}
                          {c.in_collections ? (
                            <span className="badge badge-inactive" data-testid="candidate-collections">
                              in collections
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            <HeldAccounts held={held} testid="statement-held-preview" />
          </div>
        ) : null}
      </section>

      <section className="section">
        <h3>Run statements</h3>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <div className="row">
            <TextField
              className="w-xl"
              label="Save PDF as"
              name="statements_out"
              value={outPath}
              onChange={setOutPath}
              error={fieldError(report, "out_path") ?? fieldError(report, "statements_out")}
              disabled={disabled}
            />
            <div className="field-actions">
              <button type="button" className="btn" onClick={() => void browse()} disabled={disabled}>
                Browse…
              </button>
            </div>
          </div>
          <div className="form-foot">
            <button type="submit" className="btn btn-primary" disabled={disabled || !canRun} data-testid="statements-run">
              {busy === "run" ? "Running…" : "Run statements"}
            </button>
          </div>
        </form>
        {busy === "run" && progress ? (
          <div className="progress-row">
            <progress data-testid="statements-progress" value={progress.done} max={Math.max(progress.total, 1)} />
            <span className="muted">
              {progress.done} of {progress.total}
            </span>
          </div>
        ) : null}
        {done ? (
          <div className="banner banner-ok" data-testid="statements-done" role="status">
            <div>
              Printed <strong>{done.statements.length}</strong> statement{done.statements.length === 1 ? "" : "s"} on <strong>{done.pages}</strong> page
              {done.pages === 1 ? "" : "s"}, total due <strong>{formatMoney(done.total_due)}</strong>, to <span className="mono">{done.path}</span>.
            </div>
            <button type="button" className="btn" onClick={() => void open(done.path)} data-testid="statements-open-pdf">
              Open PDF
            </button>
          </div>
        ) : null}
        {done ? <HeldAccounts held={done.held} testid="statement-held-run" /> : null}
      </section>

      <section className="section">
        <h3>Collections</h3>
        <CollectionsPanel />
      </section>
    </div>
  );
}
