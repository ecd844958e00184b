import { useCallback, useEffect, useRef, useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PlanView } from "../../bindings/PlanView";
import { plansList } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { formatDate, formatMoney } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { PlanDetail } from "./PlanDetail";
import { PlanForm } from "./PlanForm";
import { isZeroMoney, planStatusLabel } from "./planLabels";

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
  const [tab, setTab] = useState<Tab>("all");
  const [plans, setPlans] = useState<PlanView[] | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const live = useRef(true);

  const load = useCallback(() => {
    plansList("active").then(
      (rows) => {
        if (!live.current) return;
        setPlans(rows);
        setReport(null);
      },
      (e: unknown) => live.current && setReport(toErrorReport(e)),
    );
  }, []);

  useEffect(() => {
    live.current = true;
    load();
    return () => {
      live.current = false;
    };
  }, [load]);

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

  const rows = (plans ?? []).filter((p) => tab === "all" || planTab(p) === tab);
  const count = (t: Tab) => (plans ?? []).filter((p) => t === "all" || planTab(p) === t).length;

  return (
    <div className="screen" data-testid="plans-screen">
      <header className="screen-head">
        <h2>Payment plans</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} disabled={creating} data-testid="plans-new">
          New plan…
        </button>
      </header>
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
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
            {t.label} {plans ? <span className="muted">({count(t.id)})</span> : null}
          </button>
        ))}
      </div>
      {plans === null && !report ? <p className="muted">Loading plans…</p> : null}
      {plans !== null && rows.length === 0 ? <p className="muted">No plan here.</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="grid compact">
            <thead>
              <tr>
                <th>Plan</th>
                <th>Account</th>
                <th>Guarantor</th>
                <th>Status</th>
                <th>Next due</th>
                <th className="num">Due now</th>
                <th className="num">Days late</th>
                <th className="num">Remaining</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-testid="plan-row">
                  <td className="mono">
                    {p.plan_number}
                    {p.version > 1 ? <span className="muted"> v{p.version}</span> : null}
                  </td>
                  <td className="mono">{p.account_number}</td>
                  <td>{p.guarantor_name}</td>
                  <td>{planStatusLabel(p.status)}</td>
                  <td>{p.state.next_due ? `${formatMoney(p.state.next_due.amount)} on ${formatDate(p.state.next_due.due)}` : ""}</td>
                  <td className="num mono">{formatMoney(p.state.amount_due_now)}</td>
                  <td className="num">{p.state.days_late > 0 ? p.state.days_late : ""}</td>
                  <td className="num mono">{formatMoney(p.state.remaining_balance)}</td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => setOpen(p.id)} data-testid="plan-open">
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
