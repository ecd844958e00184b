import { useMemo } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { VisitSummary } from "../../bindings/VisitSummary";
import { visitsForPatient } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";
import { DataTable } from "../common/DataTable";

interface Props {
  patientId: number;
  onOpen: (visitId: number) => void;
  /** The list fills its (flex) parent and scrolls in its own area. */
  fill?: boolean;
}

/** How many visits one request brings (the Rust side caps it too). */
export const VISITS_PAGE = 100;

const COLUMNS: ColumnDef<VisitSummary>[] = [
  { id: "date", header: "Date of service", cell: ({ row }) => formatDate(row.original.service_date) },
  { id: "rendering", header: "Rendering", cell: ({ row }) => row.original.rendering_provider },
  { id: "lines", header: "Lines", meta: { className: "num" }, cell: ({ row }) => row.original.line_count },
  { id: "charge", header: "Charge", meta: { className: "num mono" }, cell: ({ row }) => formatMoney(row.original.total_charge) },
  {
    id: "claims",
    header: "Claims",
    cell: ({ row: { original: v } }) => (v.claim_count > 0 ? `${v.claim_count} claim${v.claim_count === 1 ? "" : "s"}` : "Unbilled"),
  },
];

/** A patient's visits, newest first as the Rust side lists them (a page at a time); totals are the Rust side's. */
export function VisitsList({ patientId, onOpen, fill = false }: Props) {
  const q = useInfiniteQuery({
    queryKey: keys.visits(patientId),
    queryFn: ({ pageParam }) => visitsForPatient(patientId, pageParam, VISITS_PAGE),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.count > last.visits.length ? (last.visits[last.visits.length - 1]?.id ?? null) : null),
  });
  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.visits) ?? [], [q.data]);
  const total = q.data?.pages[0]?.count ?? 0;
  const open = (v: VisitSummary) => onOpen(v.id);
  return (
    <div className={fill ? "fill-column" : undefined}>
      <ErrorBanner report={q.error ? toErrorReport(q.error) : null} />
      <DataTable
        data={rows}
        columns={COLUMNS}
        getRowId={(v) => String(v.id)}
        className="compact selectable"
        testid="visits-table"
        rowTestId="visit-row"
        onRowClick={open}
        onRowOpen={open}
        fill={fill}
        empty={q.isPending ? null : "No visits yet."}
        footer={
          q.hasNextPage ? (
            <div className="table-foot muted" data-testid="visits-count">
              Newest {rows.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")} visits
              <button type="button" className="btn btn-small" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage} data-testid="visits-more">
                {q.isFetchingNextPage ? "Loading…" : "Show earlier visits"}
              </button>
            </div>
          ) : null
        }
      />
    </div>
  );
}
