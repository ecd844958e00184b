/**
 * The one table for lists that can grow long (a patient's ledger and visits, patient search,
 * the fee schedule, worklists): TanStack Table for the columns, TanStack Virtual once the list
 * is long (only the rows in view are in the page), and memoized rows so highlighting a row
 * re-renders that row and the one it left, not the list.
 */
import { memo, useCallback, useRef, type KeyboardEvent, type ReactNode } from "react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row, type RowData } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Class of the column's header and cells ("num mono" for amounts). */
    className?: string;
    /** data-testid of each cell of the column. */
    testid?: string;
    /** A cell's tooltip. */
    title?: (row: TData) => string | undefined;
    /** The column's width in pixels (the claims list fits 1280 px). */
    width?: number;
  }
}

/** Lists longer than this are virtualized; shorter ones are plain rows (print, find in page). */
export const VIRTUALIZE_FROM = 100;

export interface DataTableProps<T> {
  data: T[];
  // Cell value types differ per column.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  /** A stable id per row (the record's id; the position only for rows without one). */
  getRowId: (row: T, index: number) => string;
  /** Extra class of the table ("compact", "selectable"). */
  className?: string;
  testid?: string;
  rowTestId?: string;
  rowClassName?: (row: T) => string;
  /** The highlighted row's id (getRowId). */
  selectedId?: string | null;
  onRowClick?: (row: T) => void;
  /** Enter on a focused row. */
  onRowOpen?: (row: T) => void;
  /** The pointer moved onto a row (a list that highlights under the mouse). */
  onRowHover?: (row: T) => void;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
  /** Below the rows, inside the scroll area ("Show earlier entries"). */
  footer?: ReactNode;
  /** The scroll area grows to fill its (flex) parent instead of a fixed height. */
  fill?: boolean;
  /** Virtualize from this many rows (tests may lower it). */
  virtualizeFrom?: number;
  /** The row height the virtualizer assumes before measuring, in pixels. */
  rowHeight?: number;
}

export function DataTable<T>({
  data,
  columns,
  getRowId,
  className = "",
  testid,
  rowTestId,
  rowClassName,
  selectedId = null,
  onRowClick,
  onRowOpen,
  onRowHover,
  empty,
  footer,
  fill = false,
  virtualizeFrom = VIRTUALIZE_FROM,
  rowHeight = 24,
}: DataTableProps<T>) {
  const table = useReactTable({ data, columns, getRowId: (r, i) => getRowId(r, i), getCoreRowModel: getCoreRowModel() });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > virtualizeFrom;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    enabled: virtual,
  });

  // Rows get one stable handler each; the latest callbacks are read from a ref, so a parent
  // passing a new arrow function does not re-render every row.
  const handlers = useRef({ onRowClick, onRowOpen, onRowHover });
  handlers.current = { onRowClick, onRowOpen, onRowHover };
  const click = useCallback((r: T) => handlers.current.onRowClick?.(r), []);
  const open = useCallback((r: T) => handlers.current.onRowOpen?.(r), []);
  const hover = useCallback((r: T) => handlers.current.onRowHover?.(r), []);
  const interactive = onRowClick !== undefined || onRowOpen !== undefined;

  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shown = virtual ? items.map((i) => rows[i.index]!) : rows;
  const padTop = virtual && items.length > 0 ? items[0]!.start : 0;
  const padBottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const colCount = table.getVisibleLeafColumns().length;

  return (
    <div className={fill ? "table-wrap table-fill" : "table-wrap"} ref={scrollRef} data-virtual={virtual ? "yes" : undefined}>
      <table className={`grid ${className}`} data-testid={testid}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => (
                <th key={h.id} className={h.column.columnDef.meta?.className}>
                  {h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 ? <tr style={{ height: padTop }} aria-hidden="true" /> : null}
          {shown.map((row) => (
            <DataRow
              key={row.id}
              row={row}
              selected={row.id === selectedId}
              className={rowClassName ? rowClassName(row.original) : ""}
              testid={rowTestId}
              interactive={interactive}
              onClick={click}
              onOpen={open}
              onHover={onRowHover ? hover : undefined}
              columns={columns}
            />
          ))}
          {padBottom > 0 ? <tr style={{ height: padBottom }} aria-hidden="true" /> : null}
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={colCount} className="empty">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {footer}
    </div>
  );
}

interface RowProps<T> {
  row: Row<T>;
  selected: boolean;
  className: string;
  testid?: string;
  interactive: boolean;
  onClick: (r: T) => void;
  onOpen: (r: T) => void;
  onHover?: ((r: T) => void) | undefined;
  /** Not drawn from: new column definitions (a cell showing new state) redraw the rows. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
}

function DataRowImpl<T>({ row, selected, className, testid, interactive, onClick, onOpen, onHover }: RowProps<T>) {
  const keys = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      onOpen(row.original);
    }
  };
  return (
    <tr
      data-testid={testid}
      className={`${className}${selected ? " selected" : ""}`.trim() || undefined}
      aria-selected={interactive ? selected : undefined}
      tabIndex={interactive ? 0 : undefined}
      onClick={interactive ? () => onClick(row.original) : undefined}
      onKeyDown={interactive ? keys : undefined}
      onMouseEnter={onHover ? () => onHover(row.original) : undefined}
    >
      {row.getVisibleCells().map((c) => {
        const meta = c.column.columnDef.meta;
        return (
          <td key={c.id} className={meta?.className} data-testid={meta?.testid} title={meta?.title?.(row.original)}>
            {flexRender(c.column.columnDef.cell, c.getContext())}
          </td>
        );
      })}
    </tr>
  );
}

/**
 * A row re-renders when its data, its highlight, its class or the columns change; TanStack
 * Table keeps the same `Row` object for unchanged data, so moving the highlight touches two
 * rows. Columns are module constants or memoized by the caller.
 */
const DataRow = memo(DataRowImpl) as typeof DataRowImpl;
