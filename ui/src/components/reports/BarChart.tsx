import type { Money } from "../../bindings/Money";
import { formatMoney } from "../../lib/format";

/**
 * Whole cents of a Money string, as a BigInt: only to size the bars of a chart (never shown,
 * never added up as money; figures shown come from the Rust side).
 */
export function centsOf(m: Money): bigint {
  const t = m.trim();
  const negative = t.startsWith("-");
  const [whole = "0", frac = ""] = (negative ? t.slice(1) : t).split(".");
  const cents = BigInt(whole || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  return negative ? -cents : cents;
}

export interface Bar {
  label: string;
  /** A money amount (bar sized by its cents) or a count. */
  value: { money: Money } | { count: number };
}

function size(b: Bar): bigint {
  const v = "money" in b.value ? centsOf(b.value.money) : BigInt(b.value.count);
  return v > 0n ? v : 0n;
}

/** A horizontal bar chart as inline SVG: one bar per item, scaled to the largest. */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  if (bars.length === 0) return null;
  const max = bars.reduce((m, b) => (size(b) > m ? size(b) : m), 0n);
  const rowH = 22;
  const labelW = 170;
  const barW = 360;
  const height = bars.length * rowH + 8;
  return (
    <figure className="chart" data-testid="report-chart">
      <figcaption className="muted small">{title}</figcaption>
      <svg role="img" aria-label={title} width={labelW + barW + 110} height={height} viewBox={`0 0 ${labelW + barW + 110} ${height}`}>
        {bars.map((b, i) => {
          // Per mille of the largest bar: integer arithmetic on cents, for geometry only.
          const permille = max > 0n ? Number((size(b) * 1000n) / max) : 0;
          const w = (barW * permille) / 1000;
          const y = 4 + i * rowH;
          const text = "money" in b.value ? formatMoney(b.value.money) : String(b.value.count);
          return (
            <g key={b.label} data-testid="chart-bar">
              <text x={labelW - 6} y={y + 14} textAnchor="end" fontSize="12">
                {b.label}
              </text>
              <rect x={labelW} y={y + 3} width={w} height={rowH - 8} fill="#4a78b5" />
              <text x={labelW + w + 6} y={y + 14} fontSize="12">
                {text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
