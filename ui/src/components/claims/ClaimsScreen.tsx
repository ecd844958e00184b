import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSettled } from "../../hooks/useSettled";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ClaimQuery } from "../../bindings/ClaimQuery";
import type { ClaimQueue } from "../../bindings/ClaimQueue";
import type { ClaimStatus } from "../../bindings/ClaimStatus";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { VisitSummary } from "../../bindings/VisitSummary";
import { claimCreate, claimsList, payersList, visitsUnbilled } from "../../ipc/commands";
import { usePagedList } from "../../hooks/usePagedList";
import { formatCount, PageNote } from "../common/PageNote";
import { toErrorReport } from "../../ipc/errors";
import { dateOrNull, formatDate, formatMoney } from "../../lib/format";
import { CLAIM_STATUSES } from "../../lib/labels";
import { ErrorBanner, Notice } from "../common/Banner";
import { ChargeEntry } from "../visits/ChargeEntry";
import { ClaimDetail } from "./ClaimDetail";
import { CLAIMS_KEY, ClaimsTable, PAGE_SIZE, type ClaimsTableHandle } from "./ClaimsTable";
import { ExportDialog } from "./ExportDialog";
import { PrintDialog } from "./PrintDialog";
import { useCan } from "../../session/session";

export type ClaimsTab = "unbilled" | "ready" | "errors" | "no_response" | "all";
const TABS: Array<{ id: ClaimsTab; label: string }> = [
  { id: "unbilled", label: "Unbilled visits" },
  { id: "ready", label: "Ready to send" },
  { id: "errors", label: "Scrubber errors" },
  { id: "no_response", label: "No response" },
  { id: "all", label: "All claims" },
];
export const DEFAULT_NO_RESPONSE_DAYS = 30;

/** The ClaimQueue a tab lists; null for the unbilled-visits tab or an unusable day count. */
export function queueFor(tab: ClaimsTab, days: string, status: ClaimStatus | ""): ClaimQueue | null {
  switch (tab) {
    case "ready":
      return { kind: "ready" };
    case "errors":
      return { kind: "scrubber_errors" };
    case "no_response": {
      const n = Number(days);
      return Number.isInteger(n) && n >= 0 ? { kind: "no_response", days: n } : null;
    }
    case "all":
      return status === "" ? { kind: "all" } : { kind: "status", status };
    default:
      return null;
  }
}

/** What the biller typed or picked above the list, besides the tab. */
export interface ClaimFilters {
  text: string;
  payerId: number | null;
  from: string;
  to: string;
}
export const NO_FILTERS: ClaimFilters = { text: "", payerId: null, from: "", to: "" };

/** The claims list's query for a tab and the filters (its first page); null when nothing is listed. */
export function claimQueryFor(tab: ClaimsTab, days: string, status: ClaimStatus | "", filters: ClaimFilters): ClaimQuery | null {
  const queue = queueFor(tab, days, status);
  if (queue === null) return null;
  return {
    queue,
    text: filters.text.trim(),
    payer_id: filters.payerId,
    from: dateOrNull(filters.from),
    to: dateOrNull(filters.to),
    offset: 0,
    limit: PAGE_SIZE,
  };
}

/** Every claim id of a query, read a page at a time (a batch prints every ready claim). */
async function allClaimIds(query: ClaimQuery): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await claimsList({ ...query, offset, limit: 500 });
    ids.push(...page.rows.map((c) => c.id));
    if (page.rows.length < 500 || ids.length >= page.total) return ids;
  }
}

type View = { kind: "list" } | { kind: "claim"; id: number } | { kind: "visit"; visitId: number; patientId: number; focus?: string | undefined; back: View };

interface Props {
  onOpenPatient: (patientId: number) => void;
  /** Opens Practice setup → Electronic claims (from the 837P export dialog). */
  onOpenClearinghouseSetup?: () => void;
}

/** Claims work queues; opening a claim shows its detail; ready claims are printed from here. */
export function ClaimsScreen({ onOpenPatient, onOpenClearinghouseSetup }: Props) {
  const canPrint = useCan("claims_print");
  const canExport = useCan("claims_export837");
  const client = useQueryClient();
  const [tab, setTab] = useState<ClaimsTab>("unbilled");
  const [days, setDays] = useState(String(DEFAULT_NO_RESPONSE_DAYS));
  const [status, setStatus] = useState<ClaimStatus | "">("");
  const [filters, setFilters] = useState<ClaimFilters>(NO_FILTERS);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [view, setView] = useState<View>({ kind: "list" });
  const [printing, setPrinting] = useState<number[] | null>(null);
  const [exporting, setExporting] = useState<number[] | null>(null);
  const [listed, setListed] = useState<{ total: number | null; loading: boolean; error: unknown }>({ total: null, loading: true, error: null });
  const table = useRef<ClaimsTableHandle>(null);
  // The day count and typed text are read once they settle, not at every key.
  const settledDays = useSettled(days, 200);
  const settledText = useSettled(filters.text, 250);
  const query = useMemo(
    () => claimQueryFor(tab, settledDays, status, { ...filters, text: settledText }),
    // filters.text is read through settledText.
    [tab, settledDays, status, settledText, filters.payerId, filters.from, filters.to],
  );
  const queryKey = JSON.stringify(query);

  // The unbilled queue a page at a time (oldest first), with how many visits wait in all.
  const unbilled = usePagedList(["visits", "unbilled"], visitsUnbilled, { enabled: tab === "unbilled" });
  const payers = useQuery({ queryKey: ["payers"], queryFn: payersList, enabled: tab !== "unbilled" });
  const visits = unbilled.rows;
  const total = listed.total ?? 0;
  const loading = tab === "unbilled" ? unbilled.loading : listed.loading;

  useEffect(() => {
    setSelected(new Set());
    setCursor(0);
  }, [tab, queryKey]);

  const onTotal = useCallback((t: number | null, l: boolean, error: unknown) => setListed({ total: t, loading: l, error }), []);
  const listError = tab === "unbilled" ? unbilled.error : listed.error;
  const shownReport = report ?? (listError ? toErrorReport(listError) : null);

  /** After a claim changed (status, scrub, correction, print, export): read the lists again. */
  const reload = useCallback(() => {
    void client.invalidateQueries({ queryKey: CLAIMS_KEY });
    void client.invalidateQueries({ queryKey: ["visits", "unbilled"] });
  }, [client]);

  const openClaim = useCallback((id: number) => setView({ kind: "claim", id }), []);
  const toggle = useCallback(
    (id: number) =>
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      }),
    [],
  );
  const toggleAll = useCallback(
    (ids: number[], on: boolean) =>
      setSelected((s) => {
        const n = new Set(s);
        for (const id of ids) {
          if (on) n.add(id);
          else n.delete(id);
        }
        return n;
      }),
    [],
  );
  const moveCursor = useCallback((update: (c: number) => number) => setCursor(update), []);

  if (view.kind === "claim") {
    return (
      <ClaimDetail
        key={view.id}
        claimId={view.id}
        onBack={() => setView({ kind: "list" })}
        onEditCharges={(visitId, patientId, focus) => setView({ kind: "visit", visitId, patientId, focus, back: view })}
        onOpenPatient={onOpenPatient}
        onChanged={reload}
      />
    );
  }
  if (view.kind === "visit") {
    return (
      <ChargeEntry
        patientId={view.patientId}
        visitId={view.visitId}
        focus={view.focus}
        onClose={() => {
          reload();
          setView(view.back);
        }}
        onOpenPatient={onOpenPatient}
      />
    );
  }

  const bill = async (v: VisitSummary) => {
    try {
      const c = await claimCreate(v.id, 1);
      reload();
      setNotice(`Claim ${c.control_number} created.`);
      setView({ kind: "claim", id: c.id });
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  /** The claims a batch prints or exports: the ticked ones, else every claim of the queue. */
  const batch = async (then: (ids: number[]) => void) => {
    if (selected.size > 0) return then([...selected]);
    if (!query) return;
    try {
      then(await allClaimIds(query));
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  const onGridKey = (e: React.KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === "INPUT" && e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    if (tab === "unbilled") {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        setCursor((c) => Math.min(c + 1, visits.length - 1));
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        setCursor((c) => Math.max(c - 1, 0));
      } else if (e.key === "Enter") {
        e.preventDefault();
        const v = visits[cursor];
        if (v) setView({ kind: "visit", visitId: v.id, patientId: v.patient_id, back: { kind: "list" } });
      }
      return;
    }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      table.current?.move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const c = table.current?.current();
      if (c) openClaim(c.id);
    } else if (e.key === " ") {
      const c = table.current?.current();
      if (c) {
        e.preventDefault();
        toggle(c.id);
      }
    }
  };

  const countLabel =
    tab === "unbilled" ? `${formatCount(unbilled.total)} visit${unbilled.total === 1 ? "" : "s"}` : `${total} claim${total === 1 ? "" : "s"}`;
  return (
    <div className="screen" data-testid="claims-screen">
      <header className="screen-head">
        <h2>Claims</h2>
        <span className="spacer" />
        {tab === "ready" ? (
          <button type="button" className="btn btn-primary" data-testid="print-claims" disabled={total === 0 || !canPrint} onClick={() => void batch(setPrinting)}>
            {selected.size > 0 ? `Print selected (${selected.size})…` : `Print all ready (${total})…`}
          </button>
        ) : null}
        {tab === "ready" ? (
          <button type="button" className="btn" data-testid="export-837" disabled={total === 0 || !canExport} onClick={() => void batch(setExporting)} title="Electronic claims for the clearinghouse">
            {selected.size > 0 ? `Export 837P selected (${selected.size})…` : "Export 837P…"}
          </button>
        ) : null}
      </header>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? "tab active" : "tab"} onClick={() => setTab(t.id)} data-testid={`queue-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="toolbar claims-filters">
        {tab !== "unbilled" ? (
          <input
            type="search"
            name="claim_search"
            data-testid="claim-search"
            aria-label="Find claims by claim number, patient or account"
            placeholder="Claim number, patient or account"
            value={filters.text}
            onChange={(e) => setFilters((f) => ({ ...f, text: e.target.value }))}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                table.current?.move(1);
              }
            }}
          />
        ) : null}
        {tab === "no_response" ? (
          <label className="check-inline">
            Submitted more than
            <input className="w-sm" type="number" min={0} name="days" aria-label="Days without response" value={days} onChange={(e) => setDays(e.target.value)} />
            days ago, no response yet
          </label>
        ) : null}
        {tab === "all" ? (
          <label className="check-inline">
            Status
            <select name="status_filter" aria-label="Status filter" value={status} onChange={(e) => setStatus(e.target.value as ClaimStatus | "")}>
              <option value="">All statuses</option>
              {CLAIM_STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {tab !== "unbilled" ? (
          <>
            <label className="check-inline">
              Payer
              <select
                name="payer_filter"
                aria-label="Payer filter"
                value={filters.payerId ?? ""}
                onChange={(e) => setFilters((f) => ({ ...f, payerId: e.target.value === "" ? null : Number(e.target.value) }))}
              >
                <option value="">All payers</option>
                {(payers.data ?? []).map((p) =>
                  p.id === null ? null : (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ),
                )}
              </select>
            </label>
            <label className="check-inline">
              Seen from
              <input type="date" name="from" aria-label="Date of service from" value={filters.from} onChange={(e) => setFilters((f) => ({ ...f, from: e.target.value }))} />
            </label>
            <label className="check-inline">
              to
              <input type="date" name="to" aria-label="Date of service to" value={filters.to} onChange={(e) => setFilters((f) => ({ ...f, to: e.target.value }))} />
            </label>
            {filters !== NO_FILTERS ? (
              <button type="button" className="btn btn-small" data-testid="clear-filters" onClick={() => setFilters(NO_FILTERS)}>
                Clear
              </button>
            ) : null}
          </>
        ) : null}
        <span className="muted" data-testid="claims-count">
          {loading ? "Loading…" : countLabel}
        </span>
      </div>
      <ErrorBanner report={shownReport} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}

      {tab === "unbilled" ? (
        <>
        <div className="table-wrap" tabIndex={0} onKeyDown={onGridKey} aria-label="Work queue">
          <table className="grid selectable" data-testid="unbilled-table">
            <thead>
              <tr>
                <th>Date of service</th>
                <th>Patient</th>
                <th>Account</th>
                <th>Rendering</th>
                <th className="num">Lines</th>
                <th className="num">Charge</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {visits.map((v, i) => (
                <tr
                  key={v.id}
                  data-testid="unbilled-row"
                  className={i === cursor ? "selected" : ""}
                  onClick={() => setView({ kind: "visit", visitId: v.id, patientId: v.patient_id, back: { kind: "list" } })}
                  onMouseEnter={() => setCursor(i)}
                >
                  <td>{formatDate(v.service_date)}</td>
                  <td>{v.patient_name}</td>
                  <td className="mono">{v.account_number}</td>
                  <td>{v.rendering_provider}</td>
                  <td className="num">{v.line_count}</td>
                  <td className="num mono">{formatMoney(v.total_charge)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small btn-primary"
                      data-testid="bill-visit"
                      onClick={(e) => {
                        e.stopPropagation();
                        void bill(v);
                      }}
                    >
                      Bill
                    </button>
                  </td>
                </tr>
              ))}
              {!loading && visits.length === 0 ? (
                <tr>
                  <td colSpan={7} className="empty">
                    Every visit has a claim.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
          <PageNote list={unbilled} narrow="oldest first" />
        </>
      ) : query ? (
        <ClaimsTable
          query={query}
          cursor={cursor}
          setCursor={moveCursor}
          selected={selected}
          onOpen={openClaim}
          onToggle={toggle}
          onToggleAll={toggleAll}
          onOpenPatient={onOpenPatient}
          onKeyDown={onGridKey}
          onTotal={onTotal}
          handle={table}
        />
      ) : null}
      {printing ? (
        <PrintDialog
          claimIds={printing}
          markSubmitted={tab === "ready"}
          onClose={() => {
            setPrinting(null);
            reload();
          }}
          onPrinted={() => setSelected(new Set())}
        />
      ) : null}
      {exporting ? (
        <ExportDialog
          claimIds={exporting}
          markSubmitted={tab === "ready"}
          onClose={() => {
            setExporting(null);
            reload();
          }}
          onExported={() => setSelected(new Set())}
          onOpenSetup={
            onOpenClearinghouseSetup
              ? () => {
                  setExporting(null);
                  onOpenClearinghouseSetup();
                }
              : undefined
          }
        />
      ) : null}
    </div>
  );
}
