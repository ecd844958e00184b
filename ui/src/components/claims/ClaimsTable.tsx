/**
 * The claims list at practice scale: a page of 100 claims is read when it scrolls into
 * view (TanStack Query, one query per page), only the rows on screen are in the page
 * (TanStack Virtual), and the columns are TanStack Table's. A row re-renders when its own
 * claim, highlight or tick changes, not when another row is highlighted.
 */
import { useQueries, useQuery } from "@tanstack/react-query";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type Row } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useImperativeHandle, useMemo, useRef, type Ref } from "react";
import type { ClaimPage } from "../../bindings/ClaimPage";
import type { ClaimQuery } from "../../bindings/ClaimQuery";
import type { ClaimSummary } from "../../bindings/ClaimSummary";
import { claimsList } from "../../ipc/commands";
import { formatDate, formatMoney } from "../../lib/format";
import { claimStatusLabel } from "../../lib/labels";

/** Claims read at a time as the list scrolls. */
export const PAGE_SIZE = 100;
/** Every row is one line of this height, so the list needs no measuring. */
const ROW_HEIGHT = 27;

/** Every query key of the claims list starts with this: invalidate it after a claim changes. */
export const CLAIMS_KEY = ["claims"] as const;

export const claimPageKey = (query: ClaimQuery, page: number) => [...CLAIMS_KEY, "page", query, page] as const;

/** The page of `query` number `page` (0 = the newest claims). */
export function fetchClaimPage(query: ClaimQuery, page: number): Promise<ClaimPage> {
  return claimsList({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
}

function scrubLabel(c: ClaimSummary): string {
  if (c.scrub_errors === null) return "not scrubbed";
  const e = c.scrub_errors;
  const w = c.scrub_warnings ?? 0;
  if (e === 0 && w === 0) return "clean";
  const parts = [];
  if (e > 0) parts.push(`${e} error${e === 1 ? "" : "s"}`);
  if (w > 0) parts.push(`${w} warning${w === 1 ? "" : "s"}`);
  return parts.join(", ");
}

function rankSuffix(rank: number): string {
  return rank === 1 ? "" : rank === 2 ? " (2nd)" : " (3rd)";
}

interface TableMeta {
  onOpenPatient: (patientId: number) => void;
}

const column = createColumnHelper<ClaimSummary>();
// Seven columns that fit a 1280-pixel window: the patient's account number sits with the
// name (and opens the account), the payer's rank with the payer, errors with warnings.
const COLUMNS = [
  column.accessor("control_number", {
    header: "Claim",
    meta: { className: "mono", width: 104 },
    cell: (c) => (
      <>
        {c.getValue()}
        {c.row.original.frequency !== "original" ? <span className="badge badge-inactive">{c.row.original.frequency}</span> : null}
      </>
    ),
  }),
  column.accessor("service_date", { header: "Date of service", meta: { width: 100 }, cell: (c) => formatDate(c.getValue()) }),
  column.accessor("patient_name", {
    header: "Patient · account",
    // Patient and payer share what the fixed columns leave.
    meta: {},
    cell: (c) => {
      const claim = c.row.original;
      const meta = c.table.options.meta as TableMeta;
      return (
        <>
          {claim.patient_name}{" "}
          <button
            type="button"
            className="link mono"
            data-testid="claim-account"
            title="Open the patient's account"
            onClick={(e) => {
              e.stopPropagation();
              meta.onOpenPatient(claim.patient_id);
            }}
          >
            {claim.account_number}
          </button>
        </>
      );
    },
  }),
  column.accessor("payer", { header: "Payer", meta: {}, cell: (c) => `${c.getValue()}${rankSuffix(c.row.original.payer_rank)}` }),
  column.accessor("charge", { header: "Charge", meta: { className: "num mono", width: 90 }, cell: (c) => formatMoney(c.getValue()) }),
  column.accessor("status", {
    header: "Status",
    meta: { width: 124 },
    cell: (c) => <span className={`status status-${c.getValue()}`}>{claimStatusLabel(c.getValue())}</span>,
  }),
  column.display({ id: "scrub", header: "Scrubber", meta: { width: 130 }, cell: (c) => scrubLabel(c.row.original) }),
];

type ColumnMeta = { className?: string; width?: number };

interface RowProps {
  row: Row<ClaimSummary>;
  index: number;
  active: boolean;
  selected: boolean;
  onOpen: (id: number) => void;
  onHover: (index: number) => void;
  onToggle: (id: number) => void;
}

/** One claim; memo keeps the other rows as they are when the highlight moves. */
const ClaimRowView = memo(function ClaimRowView({ row, index, active, selected, onOpen, onHover, onToggle }: RowProps) {
  const c = row.original;
  return (
    <tr data-testid="claim-row" data-index={index} className={active ? "selected" : ""} onClick={() => onOpen(c.id)} onMouseEnter={() => onHover(index)}>
      <td onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" data-testid="claim-select" aria-label={`Select claim ${c.control_number}`} checked={selected} onChange={() => onToggle(c.id)} />
      </td>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className={(cell.column.columnDef.meta as ColumnMeta | undefined)?.className}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
});

export interface ClaimsTableHandle {
  /** Moves the highlight by `delta` rows (arrow keys) and keeps it on screen. */
  move: (delta: number) => void;
  /** The highlighted claim when its page is loaded. */
  current: () => ClaimSummary | null;
}

interface Props {
  query: ClaimQuery;
  cursor: number;
  setCursor: (update: (c: number) => number) => void;
  selected: ReadonlySet<number>;
  onOpen: (id: number) => void;
  onToggle: (id: number) => void;
  onToggleAll: (ids: number[], on: boolean) => void;
  onOpenPatient: (patientId: number) => void;
  onKeyDown: (e: React.KeyboardEvent) => void;
  onTotal: (total: number | null, loading: boolean, error: unknown) => void;
  handle: Ref<ClaimsTableHandle>;
}

export function ClaimsTable({ query, cursor, setCursor, selected, onOpen, onToggle, onToggleAll, onOpenPatient, onKeyDown, onTotal, handle }: Props) {
  const first = useQuery({ queryKey: claimPageKey(query, 0), queryFn: () => fetchClaimPage(query, 0) });
  const total = first.data?.total ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const pages = useMemo(() => {
    const set = new Set<number>();
    for (const it of items) set.add(Math.floor(it.index / PAGE_SIZE));
    return [...set].sort((a, b) => a - b);
  }, [items]);
  const pageQueries = useQueries({
    queries: pages.map((p) => ({ queryKey: claimPageKey(query, p), queryFn: () => fetchClaimPage(query, p) })),
  });

  const pagesLoaded = `${pages.join(",")}|${pageQueries.map((q) => q.dataUpdatedAt).join(",")}`;
  // The loaded claims in view, for the table; a claim's place in the list is its page's
  // offset plus its place in the page.
  const loaded = useMemo(() => {
    const rows: ClaimSummary[] = [];
    const at: number[] = [];
    pageQueries.forEach((q, i) => {
      const page = pages[i];
      if (page === undefined || !q.data) return;
      q.data.rows.forEach((r, k) => {
        rows.push(r);
        at.push(page * PAGE_SIZE + k);
      });
    });
    return { rows, at };
    // useQueries gives a new array each render; its pages change only with these.
  }, [pagesLoaded]);

  const meta = useMemo<TableMeta>(() => ({ onOpenPatient }), [onOpenPatient]);
  const table = useReactTable({ data: loaded.rows, columns: COLUMNS, getCoreRowModel: getCoreRowModel(), getRowId: (c) => String(c.id), meta });
  const tableRows = table.getRowModel().rows;
  const byIndex = useMemo(() => {
    const m = new Map<number, Row<ClaimSummary>>();
    tableRows.forEach((r, i) => {
      const at = loaded.at[i];
      if (at !== undefined) m.set(at, r);
    });
    return m;
  }, [tableRows, loaded.at]);

  useEffect(() => {
    onTotal(first.data ? first.data.total : null, first.isPending, first.error);
  }, [first.data, first.isPending, first.error, onTotal]);

  const byIndexRef = useRef(byIndex);
  byIndexRef.current = byIndex;
  const totalRef = useRef(total);
  totalRef.current = total;
  useImperativeHandle(
    handle,
    () => ({
      move: (delta) =>
        setCursor((c) => {
          const next = Math.max(0, Math.min(c + delta, totalRef.current - 1));
          virtualizer.scrollToIndex(next);
          return next;
        }),
      current: () => byIndexRef.current.get(cursor)?.original ?? null,
    }),
    [setCursor, virtualizer, cursor],
  );

  const onHover = useCallback((index: number) => setCursor(() => index), [setCursor]);
  const visibleIds = items.map((it) => byIndex.get(it.index)?.original.id).filter((id): id is number => id !== undefined);
  const allVisibleSelected = visibleIds.length > 0 && visibleIds.every((id) => selected.has(id));
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  return (
    <div className="table-wrap claims-scroll" ref={scroller} tabIndex={0} onKeyDown={onKeyDown} aria-label="Work queue" data-testid="claims-scroll">
      <table className="grid selectable claims-grid" data-testid="claims-table">
        <colgroup>
          <col style={{ width: 32 }} />
          {headers.map((h) => (
            <col key={h.id} style={{ width: (h.column.columnDef.meta as ColumnMeta | undefined)?.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label="Select the claims on screen"
                checked={allVisibleSelected}
                onChange={() => onToggleAll(visibleIds, !allVisibleSelected)}
              />
            </th>
            {headers.map((h) => (
              <th key={h.id} className={(h.column.columnDef.meta as ColumnMeta | undefined)?.className?.includes("num") ? "num" : undefined}>
                {flexRender(h.column.columnDef.header, h.getContext())}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? <tr aria-hidden="true" style={{ height: padTop }} /> : null}
          {items.map((it) => {
            const row = byIndex.get(it.index);
            return row ? (
              <ClaimRowView
                key={row.id}
                row={row}
                index={it.index}
                active={it.index === cursor}
                selected={selected.has(row.original.id)}
                onOpen={onOpen}
                onHover={onHover}
                onToggle={onToggle}
              />
            ) : (
              <tr key={`loading-${it.index}`} className="pending" data-testid="claim-row-loading">
                <td colSpan={COLUMNS.length + 1}>Loading…</td>
              </tr>
            );
          })}
          {padBottom > 0 ? <tr aria-hidden="true" style={{ height: padBottom }} /> : null}
          {first.data && total === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="empty">
                No claims match.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
