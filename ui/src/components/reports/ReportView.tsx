import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import type { ChartBar } from "../../bindings/ChartBar";
import type { ReportCell } from "../../bindings/ReportCell";
import type { ReportPage } from "../../bindings/ReportPage";
import type { ReportTable } from "../../bindings/ReportTable";
import { formatDate, formatMoney } from "../../lib/format";
import { BarChart, type Bar } from "./BarChart";

/** Tables longer than this scroll in a box of their own, drawing only the rows in view. */
export const VIRTUAL_AFTER = 100;
const ROW_HEIGHT = 28;
const BOX_HEIGHT = 480;

/** A cell as the biller reads it: money through the app's one formatter, dates as MM/DD/YYYY. */
export function cellText(c: ReportCell): string {
  switch (c.type) {
    case "money":
      return formatMoney(c.value);
    case "count":
      return String(c.value);
    case "date":
      return formatDate(c.value);
    case "text":
      return c.value;
    case "empty":
      return "";
  }
}

function bar(b: ChartBar): Bar {
  const v = b.value;
  return { label: b.label, value: v.type === "money" ? { money: v.value } : { count: v.type === "count" ? v.value : 0 } };
}

function Row({ table, cells, total }: { table: ReportTable; cells: ReportCell[]; total?: boolean }) {
  return (
    <>
      {cells.map((cell, j) => (
        <td key={j} className={table.columns[j]?.numeric ? "num" : undefined}>
          {total ? <strong>{cellText(cell)}</strong> : cellText(cell)}
        </td>
      ))}
    </>
  );
}

function Head({ table }: { table: ReportTable }) {
  return (
    <thead>
      <tr>
        {table.columns.map((c, i) => (
          <th key={i} className={c.numeric ? "num" : undefined}>
            {c.heading}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function Foot({ table }: { table: ReportTable }) {
  return table.totals ? (
    <tfoot>
      <tr className="total-row">
        <Row table={table} cells={table.totals} total />
      </tr>
    </tfoot>
  ) : null;
}

/** A long table: a scrolling box in which only the rows in view (and a few more) are drawn. */
function VirtualTable({ table, testid }: { table: ReportTable; testid: string }) {
  const box = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: table.rows.length,
    getScrollElement: () => box.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Before the box is measured (and in tests), size it as drawn.
    initialRect: { width: 900, height: BOX_HEIGHT },
  });
  const items = rows.getVirtualItems();
  const before = items.length > 0 ? items[0]!.start : 0;
  const after = items.length > 0 ? rows.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <div ref={box} className="report-scroll" style={{ maxHeight: BOX_HEIGHT }} data-testid={`${testid}-scroll`}>
      <table className="grid report-table" data-testid={testid} aria-rowcount={table.rows.length + 1}>
        <Head table={table} />
        <tbody>
          {before > 0 ? <tr style={{ height: before }} aria-hidden="true" /> : null}
          {items.map((item) => (
            <tr key={item.key} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
              <Row table={table} cells={table.rows[item.index]!} />
            </tr>
          ))}
          {after > 0 ? <tr style={{ height: after }} aria-hidden="true" /> : null}
        </tbody>
        <Foot table={table} />
      </table>
    </div>
  );
}

function Table({ table, testid }: { table: ReportTable; testid: string }) {
  return (
    <div className="report-table">
      {table.heading ? <h4>{table.heading}</h4> : null}
      {table.rows.length > VIRTUAL_AFTER ? (
        <VirtualTable table={table} testid={testid} />
      ) : (
        <table className="grid report-table" data-testid={testid}>
          <Head table={table} />
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length} className="muted">
                  Nothing to report.
                </td>
              </tr>
            ) : null}
            {table.rows.map((r, i) => (
              <tr key={i}>
                <Row table={table} cells={r} />
              </tr>
            ))}
          </tbody>
          <Foot table={table} />
        </table>
      )}
    </div>
  );
}

/** Any report as the Rust side laid it out: what it covers, its chart, then its tables. */
export function ReportView({ page }: { page: ReportPage }) {
  return (
    <div data-testid={`report-${page.kind}`}>
      <h3>{page.title}</h3>
      <p className="muted small" data-testid="report-parameters">
        {page.parameters}
      </p>
      {page.chart ? <BarChart title={page.chart.title} bars={page.chart.bars.map(bar)} /> : null}
      {page.tables.map((t, i) => (
        <Table key={`${page.kind}-${i}`} table={t} testid={`report-table-${i}`} />
      ))}
    </div>
  );
}
