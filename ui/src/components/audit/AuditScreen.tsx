/**
 * The audit trail (administrator): who did what, when and from where, newest first, filtered
 * by user, patient, kind and dates, a page at a time ("Show older"), exported as CSV or PDF.
 */
import { useMemo, useState, type FormEvent } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { Action } from "../../bindings/Action";
import type { AuditEntry } from "../../bindings/AuditEntry";
import type { AuditFilter } from "../../bindings/AuditFilter";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { ExportFormat } from "../../bindings/ExportFormat";
import { auditExport, auditList, usersList } from "../../ipc/commands";
import { chooseCsvExport, choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { todayIso } from "../../lib/format";
import { useCan, useSession } from "../../session/session";
import { ErrorBanner } from "../common/Banner";
import { DataTable } from "../common/DataTable";
import { DateField, SelectField, TextField } from "../common/fields";

export const AUDIT_PAGE = 200;
/** The session events the trail records besides the actions. */
const SESSION_EVENTS = ["log_in", "log_out", "lock", "unlock"];

const COLUMNS: ColumnDef<AuditEntry>[] = [
  { id: "at", header: "When (UTC)", cell: ({ row }) => row.original.at.replace("T", " ").replace(/(\.\d+)?Z$/, ""), meta: { className: "mono", width: 160 } },
  { id: "user", header: "User", cell: ({ row }) => row.original.user_name, meta: { testid: "audit-user", width: 140 } },
  { id: "source", header: "From", cell: ({ row }) => row.original.source, meta: { width: 60 } },
  { id: "action", header: "Action", cell: ({ row }) => row.original.action, meta: { className: "mono", testid: "audit-action", width: 170 } },
  { id: "outcome", header: "Outcome", cell: ({ row }) => row.original.outcome, meta: { testid: "audit-outcome", width: 80 } },
  {
    id: "record",
    header: "Record",
    cell: ({ row }) => (row.original.record_kind ? `${row.original.record_kind}${row.original.record_id !== null ? ` #${row.original.record_id}` : ""}` : ""),
    meta: { width: 130 },
  },
  { id: "patient", header: "Patient", cell: ({ row }) => (row.original.patient_id !== null ? `#${row.original.patient_id}` : ""), meta: { width: 70 } },
  { id: "detail", header: "Details", cell: ({ row }) => row.original.detail, meta: { className: "small", title: (e) => e.detail } },
];

interface Typed {
  user: string;
  patient: string;
  action: string;
  from: string | null;
  to: string | null;
}

const NO_FILTER: Typed = { user: "", patient: "", action: "", from: null, to: null };

function toFilter(t: Typed): AuditFilter {
  return {
    user_id: t.user === "" ? null : Number(t.user),
    patient_id: /^\d+$/.test(t.patient.trim()) ? Number(t.patient.trim()) : null,
    action: t.action.trim() === "" ? null : t.action.trim(),
    from: t.from,
    to: t.to,
    before_id: null,
    limit: AUDIT_PAGE,
  };
}

export function AuditScreen() {
  const api = useSession();
  const canExport = useCan("audit_export");
  const users = useQuery({ queryKey: keys.users, queryFn: usersList });
  const [typed, setTyped] = useState<Typed>(NO_FILTER);
  const [applied, setApplied] = useState<Typed>(NO_FILTER);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const filter = useMemo(() => toFilter(applied), [applied]);
  const q = useInfiniteQuery({
    queryKey: [...keys.audit, filter],
    queryFn: ({ pageParam }) => auditList({ ...filter, before_id: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.more && last.entries.length > 0 ? last.entries[last.entries.length - 1]!.id : undefined),
    // The trail grows with every action: read it afresh each time the screen opens.
    staleTime: 0,
  });
  const rows = useMemo(() => (q.data?.pages ?? []).flatMap((p) => p.entries), [q.data]);
  const actions = useMemo(() => [...SESSION_EVENTS, ...((api?.session.allowed ?? []) as Action[])].sort(), [api]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    if (typed.patient.trim() !== "" && !/^\d+$/.test(typed.patient.trim())) {
      setReport({ kind: "invalid", message: "Check the filter.", fields: [{ field: "patient", message: "A patient's number (the id the audit lists), or empty." }] });
      return;
    }
    setReport(null);
    setApplied(typed);
    void q.refetch();
  };

  const exportAs = async (format: ExportFormat) => {
    setReport(null);
    setExported(null);
    const suggested = `audit-${todayIso()}.${format}`;
    const path = format === "csv" ? await chooseCsvExport("Export the audit trail as CSV", suggested) : await choosePdfSave("Export the audit trail as PDF", suggested);
    if (!path) return;
    setBusy(true);
    try {
      const done = await auditExport({ ...filter, limit: null }, format, path);
      setExported(`${done.format.toUpperCase()} written to ${done.path} (${done.rows} entries)`);
    } catch (err) {
      setReport(toErrorReport(err));
    } finally {
      setBusy(false);
    }
  };

  const set = (patch: Partial<Typed>) => setTyped((t) => ({ ...t, ...patch }));
  return (
    <div className="screen screen-fill" data-testid="audit-screen">
      <header className="screen-head">
        <h2>Audit trail</h2>
      </header>
      <form className="section" onSubmit={search} data-testid="audit-filter">
        <div className="row">
          <SelectField
            label="User"
            name="audit_user"
            value={typed.user}
            onChange={(v) => set({ user: v })}
            placeholder="Everyone"
            options={(users.data ?? []).map((u) => ({ value: String(u.id), label: `${u.full_name} (${u.login})` }))}
          />
          <TextField label="Patient number" name="audit_patient" value={typed.patient} onChange={(v) => set({ patient: v })} inputMode="numeric" error={fieldError(report, "patient")} />
          <label className="field">
            <span className="field-label">Kind</span>
            <input name="audit_action" list="audit-actions" value={typed.action} onChange={(e) => set({ action: e.target.value })} placeholder="Any" autoComplete="off" />
            <datalist id="audit-actions">
              {actions.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </label>
          <DateField label="From" name="audit_from" value={typed.from} onChange={(v) => set({ from: v })} />
          <DateField label="To" name="audit_to" value={typed.to} onChange={(v) => set({ to: v })} />
          <div className="field-actions">
            <button type="submit" className="btn btn-primary" data-testid="audit-search">
              Show
            </button>
            {canExport ? (
              <>
                <button type="button" className="btn" onClick={() => void exportAs("csv")} disabled={busy} data-testid="audit-export-csv">
                  Export CSV
                </button>
                <button type="button" className="btn" onClick={() => void exportAs("pdf")} disabled={busy} data-testid="audit-export-pdf">
                  Export PDF
                </button>
              </>
            ) : null}
          </div>
        </div>
      </form>
      <ErrorBanner report={report ?? (q.error ? toErrorReport(q.error) : null)} onDismiss={() => setReport(null)} />
      {exported ? (
        <div className="banner banner-ok" role="status" data-testid="audit-exported">
          {exported}
        </div>
      ) : null}
      <DataTable
        data={rows}
        columns={COLUMNS}
        getRowId={(e) => String(e.id)}
        className="compact"
        testid="audit-table"
        rowTestId="audit-row"
        fill
        empty={q.isPending ? <p className="muted">Reading the audit trail…</p> : <p className="muted">No entry matches.</p>}
        footer={
          q.hasNextPage ? (
            <div className="table-foot">
              <button type="button" className="btn btn-small" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage} data-testid="audit-more">
                Show older
              </button>
            </div>
          ) : null
        }
      />
    </div>
  );
}
