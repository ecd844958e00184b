import { useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { PlanView } from "../../bindings/PlanView";
import { plansList } from "../../ipc/commands";
import { usePagedList } from "../../hooks/usePagedList";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { DataTable } from "../common/DataTable";
import { formatCount, PageNote } from "../common/PageNote";
import { PlanDetail } from "./PlanDetail";
import { PlanForm } from "./PlanForm";
import { isZeroMoney, planStatusLabel } from "./planLabels";
import { useCan } from "../../session/session";

type Tab = "upcoming" | "due" | "delinquent" | "all";

const TABS: Array<{ id: Tab; label: string; hint: string }> = [
  { id: "all", label: "All running", hint: "Every running plan" },
  { id: "upcoming", label: "Upcoming", hint: "Running plans with nothing due yet" },
  { id: "due", label: "Due", hint: "An installment is due (within the grace period)" },
  { id: "delinquent", label: "Delinquent", hint: "An installment is unpaid past the grace period" },
];

/** Which tab a running plan belongs to, from how the Rust side says it stands. */
export function planTab(p: PlanView): Exclude<Tab, "all"> {
  if (p.status === "delinquent") return "delinquent";
  return isZeroMoney(p.state.amount_due_now) ? "upcoming" : "due";
}

/**
 * Payment plans: the running plans by upcoming, due and delinquent installments; open one for
 * its schedule, history and actions; or set up a new one for an account.
 */
export function PlansScreen() {
  const canCreate = useCan("plan_create");
  const client = useQueryClient();
  const [tab, setTab] = useState<Tab>("all");
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  // Payments taken on other screens move installments: read again when the list shows.
  const list = usePagedList([...keys.plans, "active"], (page) => plansList("active", page), { staleTime: 0 });
  const plans = list.loading ? null : list.rows;
  const report = list.error;
  // The same rows object while nothing changed, so the table redraws only what did.
  const rows = useMemo(() => (plans ?? []).filter((p) => tab === "all" || planTab(p) === tab), [plans, tab]);
  /** A plan was made, amended, ended or paid on: every list of plans reads again. */
  const load = () => {
    void client.invalidateQueries({ queryKey: keys.plans });
    void client.invalidateQueries({ queryKey: keys.accounts });
  };
  const openRef = useRef(setOpen);
  openRef.current = setOpen;
  const columns = useMemo<ColumnDef<PlanView>[]>(
    () => [
      {
        id: "plan",
        header: "Plan",
        meta: { className: "mono" },
        cell: ({ row: { original: p } }) => (
          <>
            {p.plan_number}
            {p.version > 1 ? <span className="muted"> v{p.version}</span> : null}
          </>
        ),
      },
      { id: "account", header: "Account", meta: { className: "mono" }, cell: ({ row }) => row.original.account_number },
      { id: "guarantor", header: "Guarantor", cell: ({ row }) => row.original.guarantor_name },
      { id: "status", header: "Status", cell: ({ row }) => planStatusLabel(row.original.status) },
      { id: "next", header: "Next due", cell: ({ row: { original: p } }) => (p.state.next_due ? `${formatMoney(p.state.next_due.amount)} on ${formatDate(p.state.next_due.due)}` : "") },
      { id: "due", header: "Due now", meta: { className: "num mono" }, cell: ({ row }) => formatMoney(row.original.state.amount_due_now) },
      { id: "late", header: "Days late", meta: { className: "num" }, cell: ({ row }) => (row.original.state.days_late > 0 ? row.original.state.days_late : "") },
      { id: "remaining", header: "Remaining", meta: { className: "num mono" }, cell: ({ row }) => formatMoney(row.original.state.remaining_balance) },
      {
        id: "open",
        header: "",
        cell: ({ row }) => (
          <button type="button" className="btn btn-small" onClick={() => openRef.current(row.original.id)} data-testid="plan-open">
            Open
          </button>
        ),
      },
    ],
    [],
  );

  if (open !== null) {
    return (
      <PlanDetail
        planId={open}
        onBack={() => {
          setOpen(null);
          load();
        }}
        onChanged={load}
      />
    );
  }


  // "All running" counts every running plan; the others count those read so far.
  const count = (t: Tab) => (t === "all" ? list.total : (plans ?? []).filter((p) => planTab(p) === t).length);

  return (
    <div className="screen" data-testid="plans-screen">
      <header className="screen-head">
        <h2>Payment plans</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} disabled={creating || !canCreate} data-testid="plans-new">
          New plan…
        </button>
      </header>
      <ErrorBanner report={report} />
      {creating ? (
        <PlanForm
          patientId={null}
          onSaved={load}
          onClose={() => {
            setCreating(false);
            load();
          }}
        />
      ) : null}
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? "tab active" : "tab"} title={t.hint} onClick={() => setTab(t.id)} data-testid={`plans-tab-${t.id}`}>
            {t.label} {plans ? <span className="muted">({formatCount(count(t.id))})</span> : null}
          </button>
        ))}
      </div>
      {plans === null && !report ? <p className="muted">Loading plans…</p> : null}
      {plans !== null && rows.length === 0 ? <p className="muted">No plan here.</p> : null}
      {rows.length > 0 ? (
        <DataTable data={rows} columns={columns} getRowId={(p) => String(p.id)} className="compact" rowTestId="plan-row" />
      ) : null}
      <PageNote list={list} narrow="open an account for its plans" />
    </div>
  );
}
