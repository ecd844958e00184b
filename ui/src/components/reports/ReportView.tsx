import type { Aging } from "../../bindings/Aging";
import type { DaySheetAmounts } from "../../bindings/DaySheetAmounts";
import type { ProductivityAmounts } from "../../bindings/ProductivityAmounts";
import type { Report } from "../../bindings/Report";
import { formatDate, formatMoney } from "../../lib/format";
import { BarChart } from "./BarChart";

interface Col {
  label: string;
  numeric?: boolean;
}

function Table({ title, cols, rows, totals, testid }: { title?: string; cols: Col[]; rows: string[][]; totals?: string[]; testid: string }) {
  return (
    <div className="report-table">
      {title ? <h4>{title}</h4> : null}
      <table className="grid report-table" data-testid={testid}>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.label} className={c.numeric ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={cols.length} className="muted">
                Nothing to report.
              </td>
            </tr>
          ) : null}
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (
                <td key={j} className={cols[j]?.numeric ? "num" : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot>
            <tr className="total-row">
              {totals.map((cell, j) => (
                <td key={j} className={cols[j]?.numeric ? "num" : undefined}>
                  <strong>{cell}</strong>
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

const m = formatMoney;
const AGE_COLS: Col[] = [
  { label: "Current", numeric: true },
  { label: "31-60", numeric: true },
  { label: "61-90", numeric: true },
  { label: "91-120", numeric: true },
  { label: "Over 120", numeric: true },
];
const ages = (a: Aging) => [m(a.current), m(a.days_31_60), m(a.days_61_90), m(a.days_91_120), m(a.over_120)];
const DAY_COLS: Col[] = ["Charges", "Insurance paid", "Patient paid", "Adjustments", "Refunds", "Net change"].map((label) => ({ label, numeric: true }));
const day = (a: DaySheetAmounts) => [m(a.charges), m(a.insurance_payments), m(a.patient_payments), m(a.adjustments), m(a.refunds), m(a.net)];
const PROD_COLS: Col[] = [
  { label: "Services", numeric: true },
  { label: "Units", numeric: true },
  { label: "Charges", numeric: true },
  { label: "Insurance paid", numeric: true },
  { label: "Patient paid", numeric: true },
  { label: "Adjustments", numeric: true },
];
const prod = (a: ProductivityAmounts) => [String(a.services), String(a.units), m(a.charges), m(a.insurance_payments), m(a.patient_payments), m(a.adjustments)];

/** One report: its chart where a picture helps, then its tables. */
export function ReportView({ report }: { report: Report }) {
  switch (report.kind) {
    case "aging": {
      const r = report.report;
      const t = r.totals;
      return (
        <div data-testid="report-aging">
          <BarChart
            title={`Balance by age as of ${formatDate(r.as_of)}`}
            bars={[
              { label: "Current", value: { money: t.current } },
              { label: "31-60 days", value: { money: t.days_31_60 } },
              { label: "61-90 days", value: { money: t.days_61_90 } },
              { label: "91-120 days", value: { money: t.days_91_120 } },
              { label: "Over 120 days", value: { money: t.over_120 } },
            ]}
          />
          <Table
            testid="report-table"
            cols={[{ label: r.by === "payer" ? "Payer" : "Guarantor" }, { label: "Account" }, ...AGE_COLS, { label: "Total", numeric: true }]}
            rows={r.rows.map((row) => [row.name, row.account_number, ...ages(row.aging), m(row.total)])}
            totals={["Total", "", ...ages(r.totals), m(r.total)]}
          />
        </div>
      );
    }
    case "day_sheet": {
      const r = report.report;
      return (
        <div data-testid="report-day_sheet">
          <Table testid="report-table" title="By day" cols={[{ label: "Date" }, ...DAY_COLS]} rows={r.days.map((d) => [formatDate(d.date), ...day(d.amounts)])} totals={["Total", ...day(r.totals)]} />
          <Table testid="report-users" title="By user" cols={[{ label: "User" }, ...DAY_COLS]} rows={r.by_user.map((u) => [u.user || "(not recorded)", ...day(u.amounts)])} />
          <Table
            testid="report-methods"
            title="Payments by method"
            cols={[{ label: "Method" }, { label: "Payments", numeric: true }, { label: "Amount", numeric: true }]}
            rows={r.by_method.map((x) => [x.method, String(x.payments), m(x.amount)])}
          />
        </div>
      );
    }
    case "deposits": {
      const r = report.report;
      return (
        <div data-testid="report-deposits">
          <Table
            testid="report-table"
            title="Deposits"
            cols={[{ label: "Date" }, { label: "Bank reference" }, { label: "Payments", numeric: true }, { label: "Slip", numeric: true }, { label: "Posted", numeric: true }, { label: "Difference", numeric: true }]}
            rows={r.deposits.map((d) => [formatDate(d.deposit_date), d.bank_reference, String(d.payments.length), m(d.slip_amount), m(d.payments_total), m(d.difference)])}
            totals={["Total", "", "", m(r.slips_total), m(r.deposited_total), ""]}
          />
          <Table
            testid="report-undeposited"
            title="Not deposited yet"
            cols={[{ label: "Received" }, { label: "From" }, { label: "Method" }, { label: "Reference" }, { label: "Amount", numeric: true }]}
            rows={r.undeposited.map((p) => [formatDate(p.received_on), p.from, p.method, p.reference, m(p.amount)])}
            totals={["Total", "", "", "", m(r.undeposited_total)]}
          />
        </div>
      );
    }
    case "denials": {
      const r = report.report;
      return (
        <div data-testid="report-denials">
          <BarChart
            title="Denials by reason (count)"
            bars={r.by_reason.slice(0, 10).map((d) => ({ label: `${d.group_code}-${d.reason_code}`, value: { count: Number(d.count) } }))}
          />
          <Table
            testid="report-table"
            title="By reason"
            cols={[{ label: "Reason" }, { label: "Description" }, { label: "Count", numeric: true }, { label: "Amount", numeric: true }]}
            rows={r.by_reason.map((d) => [`${d.group_code}-${d.reason_code}`, d.description, String(d.count), m(d.amount)])}
          />
          <Table
            testid="report-payers"
            title="By payer"
            cols={[{ label: "Payer" }, { label: "Claims", numeric: true }, { label: "Lines", numeric: true }, { label: "Denied charges", numeric: true }]}
            rows={r.by_payer.map((p) => [p.payer, String(p.claims), String(p.lines), m(p.amount)])}
            totals={["Total", String(r.claims), String(r.lines), m(r.amount)]}
          />
        </div>
      );
    }
    case "plans": {
      const r = report.report;
      const planCols: Col[] = [{ label: "Plan" }, { label: "Account" }, { label: "Guarantor" }, { label: "Remaining", numeric: true }, { label: "Due now", numeric: true }, { label: "Next due" }, { label: "Days late", numeric: true }];
      const planRows = (list: typeof r.running) =>
        list.map((p) => [p.plan_number, p.account_number, p.name, m(p.remaining), m(p.due_now), p.next_due ? `${formatDate(p.next_due)} ${m(p.next_amount)}` : "", String(p.days_late)]);
      return (
        <div data-testid="report-plans">
          <Table
            testid="report-table"
            title="By status"
            cols={[{ label: "Status" }, { label: "Plans", numeric: true }, { label: "Remaining", numeric: true }, { label: "Due now", numeric: true }]}
            rows={r.by_status.map((s) => [s.status, String(s.plans), m(s.remaining), m(s.due_now)])}
          />
          <Table testid="report-delinquent" title="Delinquent" cols={planCols} rows={planRows(r.delinquent)} />
          <Table testid="report-running" title="Running plans" cols={planCols} rows={planRows(r.running)} />
        </div>
      );
    }
    case "productivity": {
      const r = report.report;
      return (
        <div data-testid="report-productivity">
          <BarChart title="Charges by provider" bars={r.providers.map((p) => ({ label: p.provider, value: { money: p.amounts.charges } }))} />
          <Table testid="report-table" title="By provider" cols={[{ label: "Provider" }, ...PROD_COLS]} rows={r.providers.map((p) => [p.provider, ...prod(p.amounts)])} totals={["Total", ...prod(r.totals)]} />
          <Table testid="report-codes" title="By provider and code" cols={[{ label: "Provider" }, { label: "Code" }, ...PROD_COLS]} rows={r.rows.map((p) => [p.provider, p.code, ...prod(p.amounts)])} />
          <p className="muted small">Patient payments not applied to a service: {m(r.unapplied_payments)}</p>
        </div>
      );
    }
    case "underpaid": {
      const r = report.report;
      return (
        <div data-testid="report-underpaid">
          <Table
            testid="report-table"
            title="By payer"
            cols={[{ label: "Payer" }, { label: "Lines", numeric: true }, { label: "Underpaid", numeric: true }]}
            rows={r.by_payer.map((p) => [p.payer, String(p.lines), m(p.underpaid)])}
            totals={["Total", String(r.lines.length), m(r.total)]}
          />
          <Table
            testid="report-lines"
            title="Lines"
            cols={[{ label: "Payer" }, { label: "Paid on" }, { label: "Claim" }, { label: "Patient" }, { label: "Service" }, { label: "Code" }, { label: "Paid", numeric: true }, { label: "Expected", numeric: true }, { label: "Underpaid", numeric: true }]}
            rows={r.lines.map((l) => [l.payer, formatDate(l.paid_date), l.control_number, `${l.account_number} ${l.patient}`, formatDate(l.service_date), l.code, m(l.paid), m(l.expected), m(l.underpaid)])}
          />
        </div>
      );
    }
  }
}
