import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import type { NearLimit } from "../../bindings/NearLimit";
import { usePagedList } from "../../hooks/usePagedList";
import { visitsNearLimit } from "../../ipc/commands";
import { keys } from "../../ipc/queryKeys";
import { formatDate } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { DataTable } from "../common/DataTable";
import { PageNote } from "../common/PageNote";

interface Props {
  onOpenPatient: (patientId: number) => void;
}

/**
 * Patients near their plan's visit maximum or the end of an authorization (two visits or fewer
 * left, or an authorization ending within two weeks), fewest left first: whom to ask for a new
 * authorization, or to tell before the next visit what the plan will not pay.
 */
export function NearLimitScreen({ onOpenPatient }: Props) {
  const list = usePagedList([...keys.nearLimit], (page) => visitsNearLimit(page), { staleTime: 0 });
  const columns = useMemo<ColumnDef<NearLimit>[]>(
    () => [
      { header: "Account", accessorKey: "account_number", meta: { width: 90 } },
      { header: "Patient", accessorKey: "patient_name" },
      { header: "Plan", accessorFn: (r) => r.allowance.payer_name },
      {
        header: "Limit",
        accessorFn: (r) => r.allowance.message,
        meta: { testid: "near-limit-message" },
      },
      {
        header: "Left",
        accessorFn: (r) => r.allowance.left,
        cell: (c) => <strong>{Math.max(0, c.row.original.allowance.left)}</strong>,
        meta: { width: 60, className: "num" },
      },
      { header: "Ends", accessorFn: (r) => formatDate(r.allowance.ends), meta: { width: 100 } },
    ],
    [],
  );
  return (
    <div className="screen" data-testid="near-limit-screen">
      <header className="screen-head">
        <h2>Visit limits</h2>
        <span className="muted">Patients with two visits or fewer left, or an authorization ending within two weeks</span>
      </header>
      <ErrorBanner report={list.error} />
      {list.loading ? (
        <p className="muted">Loading…</p>
      ) : (
        <DataTable
          data={list.rows}
          columns={columns}
          getRowId={(r) => `${r.patient_id}|${r.allowance.payer_name}|${r.allowance.authorization_number ?? "year"}`}
          className="compact"
          testid="near-limit-list"
          rowTestId="near-limit-row"
          onRowOpen={(r) => onOpenPatient(r.patient_id)}
          empty={<p className="muted">No patient is near a visit limit.</p>}
        />
      )}
      <PageNote list={list} />
    </div>
  );
}
