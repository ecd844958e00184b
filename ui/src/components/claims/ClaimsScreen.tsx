import { useEffect, useRef, useState } from "react";
import type { ClaimQueue } from "../../bindings/ClaimQueue";
import type { ClaimStatus } from "../../bindings/ClaimStatus";
import type { ClaimSummary } from "../../bindings/ClaimSummary";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { VisitSummary } from "../../bindings/VisitSummary";
import { claimCreate, claimsList, visitsUnbilled } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { formatDate } from "../../lib/format";
import { CLAIM_STATUSES, claimStatusLabel, rankLabel } from "../../lib/labels";
import { ErrorBanner, Notice } from "../common/Banner";
import { ChargeEntry } from "../visits/ChargeEntry";
import { ClaimDetail } from "./ClaimDetail";
import { ExportDialog } from "./ExportDialog";
import { PrintDialog } from "./PrintDialog";

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

type View = { kind: "list" } | { kind: "claim"; id: number } | { kind: "visit"; visitId: number; patientId: number; focus?: string | undefined; back: View };

interface Props {
  onOpenPatient: (patientId: number) => void;
  /** Opens Practice setup → Electronic claims (from the 837P export dialog). */
  onOpenClearinghouseSetup?: () => void;
}

/** Claims work queues; opening a claim shows its detail; ready claims are printed from here. */
export function ClaimsScreen({ onOpenPatient, onOpenClearinghouseSetup }: Props) {
  const [tab, setTab] = useState<ClaimsTab>("unbilled");
  const [days, setDays] = useState(String(DEFAULT_NO_RESPONSE_DAYS));
  const [status, setStatus] = useState<ClaimStatus | "">("");
  const [claims, setClaims] = useState<ClaimSummary[]>([]);
  const [visits, setVisits] = useState<VisitSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [view, setView] = useState<View>({ kind: "list" });
  const [printing, setPrinting] = useState<number[] | null>(null);
  const [exporting, setExporting] = useState<number[] | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const queue = queueFor(tab, days, status);
  const queueKey = JSON.stringify(queue);

  useEffect(() => {
    if (view.kind !== "list") return;
    const mine = ++seq.current;
    setLoading(true);
    const done = () => mine === seq.current;
    const fail = (e: unknown) => {
      if (!done()) return;
      setReport(toErrorReport(e));
      setLoading(false);
    };
    if (tab === "unbilled") {
      visitsUnbilled().then((rows) => {
        if (!done()) return;
        setVisits(rows);
        setReport(null);
        setLoading(false);
      }, fail);
    } else {
      const q = JSON.parse(queueKey) as ClaimQueue | null;
      if (q === null) {
        setLoading(false);
        return;
      }
      const t = setTimeout(() => {
        claimsList(q).then((rows) => {
          if (!done()) return;
          setClaims(rows);
          setReport(null);
          setLoading(false);
        }, fail);
      }, tab === "no_response" ? 200 : 0);
      return () => clearTimeout(t);
    }
  }, [tab, queueKey, tick, view.kind]);

  useEffect(() => {
    setSelected(new Set());
    setCursor(0);
  }, [tab, queueKey]);

  const reload = () => setTick((t) => t + 1);

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
    return <ChargeEntry patientId={view.patientId} visitId={view.visitId} focus={view.focus} onClose={() => setView(view.back)} onOpenPatient={onOpenPatient} />;
  }

  const bill = async (v: VisitSummary) => {
    try {
      const c = await claimCreate(v.id, 1);
      setNotice(`Claim ${c.control_number} created.`);
      setView({ kind: "claim", id: c.id });
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };

  const toggle = (id: number) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allSelected = claims.length > 0 && claims.every((c) => selected.has(c.id));
  const printIds = selected.size > 0 ? claims.filter((c) => selected.has(c.id)).map((c) => c.id) : claims.map((c) => c.id);

  const onGridKey = (e: React.KeyboardEvent) => {
    const count = tab === "unbilled" ? visits.length : claims.length;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setCursor((c) => Math.min(c + 1, count - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setCursor((c) => Math.max(c - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (tab === "unbilled") {
        const v = visits[cursor];
        if (v) setView({ kind: "visit", visitId: v.id, patientId: v.patient_id, back: { kind: "list" } });
      } else {
        const c = claims[cursor];
        if (c) setView({ kind: "claim", id: c.id });
      }
    } else if (e.key === " " && tab !== "unbilled") {
      const c = claims[cursor];
      if (c && (e.target as HTMLElement).tagName !== "INPUT") {
        e.preventDefault();
        toggle(c.id);
      }
    }
  };

  return (
    <div className="screen" data-testid="claims-screen">
      <header className="screen-head">
        <h2>Claims</h2>
        <span className="spacer" />
        {tab === "ready" ? (
          <button type="button" className="btn btn-primary" data-testid="print-claims" disabled={claims.length === 0} onClick={() => setPrinting(printIds)}>
            {selected.size > 0 ? `Print selected (${selected.size})…` : `Print all ready (${claims.length})…`}
          </button>
        ) : null}
        {tab === "ready" ? (
          <button type="button" className="btn" data-testid="export-837" disabled={claims.length === 0} onClick={() => setExporting(printIds)} title="Electronic claims for the clearinghouse">
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
      <div className="toolbar">
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
        <span className="muted">
          {loading ? "Loading…" : tab === "unbilled" ? `${visits.length} visit${visits.length === 1 ? "" : "s"}` : `${claims.length} claim${claims.length === 1 ? "" : "s"}`}
        </span>
      </div>
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}

      <div className="table-wrap" tabIndex={0} onKeyDown={onGridKey} aria-label="Work queue">
        {tab === "unbilled" ? (
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
                  <td className="num mono">{v.total_charge}</td>
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
        ) : (
          <table className="grid selectable" data-testid="claims-table">
            <thead>
              <tr>
                <th>
                  <input
                    type="checkbox"
                    aria-label="Select all"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(claims.map((c) => c.id)))}
                  />
                </th>
                <th>Claim</th>
                <th>Patient</th>
                <th>Account</th>
                <th>Payer</th>
                <th>Rank</th>
                <th>Date of service</th>
                <th className="num">Charge</th>
                <th>Status</th>
                <th className="num">Errors</th>
                <th className="num">Warnings</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c, i) => (
                <tr key={c.id} data-testid="claim-row" className={i === cursor ? "selected" : ""} onClick={() => setView({ kind: "claim", id: c.id })} onMouseEnter={() => setCursor(i)}>
                  <td onClick={(e) => e.stopPropagation()}>
                    <input type="checkbox" data-testid="claim-select" aria-label={`Select claim ${c.control_number}`} checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                  </td>
                  <td className="mono">
                    {c.control_number}
                    {c.frequency !== "original" ? <span className="badge badge-inactive">{c.frequency}</span> : null}
                  </td>
                  <td>{c.patient_name}</td>
                  <td className="mono">{c.account_number}</td>
                  <td>{c.payer}</td>
                  <td>{rankLabel(c.payer_rank)}</td>
                  <td>{formatDate(c.service_date)}</td>
                  <td className="num mono">{c.charge}</td>
                  <td>
                    <span className={`status status-${c.status}`}>{claimStatusLabel(c.status)}</span>
                  </td>
                  <td className="num">{c.scrub_errors ?? "—"}</td>
                  <td className="num">{c.scrub_warnings ?? "—"}</td>
                </tr>
              ))}
              {!loading && claims.length === 0 ? (
                <tr>
                  <td colSpan={11} className="empty">
                    No claims in this queue.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        )}
      </div>
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
