import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CarePackage } from "../../bindings/CarePackage";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { packageSell, packagesForPatient } from "../../ipc/commands";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney, todayIso } from "../../lib/format";
import { useCan } from "../../session/session";
import { ErrorBanner, Notice } from "../common/Banner";
import { DateField, SelectField, TextField } from "../common/fields";
import { PAYMENT_METHODS } from "../plans/planLabels";

/** The desk's payment methods for a package (an agency never sells one). */
const METHODS = PAYMENT_METHODS.filter((m) => m.value !== "agency");

const blank = (patientId: number): CarePackage => ({
  id: null,
  patient_id: patientId,
  name: "",
  visits_included: 0,
  price: "",
  purchased_on: todayIso(),
  expires_on: null,
  note: "",
});

/**
 * A patient's prepaid care packages: what each has left ("5 of 12 visits used, 7 left"), and
 * selling a new one (the prepayment is taken as a payment held on the account; visits are
 * drawn on it from charge entry). Counts and values are the Rust side's.
 */
export function CarePackages({ patientId }: { patientId: number }) {
  const client = useQueryClient();
  const canSell = useCan("package_sell");
  const list = useQuery({ queryKey: keys.packages(patientId), queryFn: () => packagesForPatient(patientId) });
  const [draft, setDraft] = useState<CarePackage | null>(null);
  const [method, setMethod] = useState<PaymentMethod>("card");
  const [reference, setReference] = useState("");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sell = useMutation({
    mutationFn: (p: CarePackage) => packageSell(p, method, reference),
    onSuccess: (sale) => {
      setDraft(null);
      setReport(null);
      setNotice(`Sold ${sale.standing.package.name}: ${formatMoney(sale.standing.package.price)} received (receipt ${sale.receipt.receipt_number}).`);
      void client.invalidateQueries({ queryKey: keys.packages(patientId) });
      void client.invalidateQueries({ queryKey: keys.accounts });
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const err = (f: string) => fieldError(report, f);
  const rows = list.data ?? [];
  return (
    <div className="care-packages" data-testid="care-packages">
      <ErrorBanner report={list.error ? toErrorReport(list.error) : null} />
      {notice ? <Notice>{notice}</Notice> : null}
      {rows.length === 0 ? (
        <p className="muted">No prepaid package.</p>
      ) : (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Package</th>
              <th>Bought</th>
              <th>Expires</th>
              <th className="num">Price</th>
              <th>Visits</th>
              <th className="num">Left to use</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.package.id ?? s.package.name} data-testid="care-package-row">
                <td>{s.package.name}</td>
                <td>{formatDate(s.package.purchased_on)}</td>
                <td>{s.package.expires_on ? formatDate(s.package.expires_on) : "—"}</td>
                <td className="num">{formatMoney(s.package.price)}</td>
                <td data-testid="care-package-standing">{s.message}</td>
                <td className="num">{formatMoney(s.value_left)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft ? (
        <div className="form sell-package" data-testid="sell-package-form">
          <ErrorBanner report={report} onDismiss={() => setReport(null)} />
          <div className="row">
            <TextField className="w-lg" label="Package" name="name" value={draft.name} placeholder="12-visit adjustment package" onChange={(v) => setDraft({ ...draft, name: v })} error={err("name")} />
            <TextField
              className="w-xs"
              label="Visits"
              name="visits_included"
              inputMode="numeric"
              value={draft.visits_included === 0 ? "" : String(draft.visits_included)}
              onChange={(v) => setDraft({ ...draft, visits_included: Number(v.replace(/\D/g, "") || "0") })}
              error={err("visits_included")}
            />
            <TextField className="w-sm" label="Price" name="price" inputMode="decimal" placeholder="0.00" value={draft.price} onChange={(v) => setDraft({ ...draft, price: v })} error={err("price")} />
            <DateField className="w-sm" label="Bought on" name="purchased_on" value={draft.purchased_on} onChange={(v) => setDraft({ ...draft, purchased_on: v })} error={err("purchased_on")} />
            <DateField className="w-sm" label="Expires" name="expires_on" value={draft.expires_on} hint="Blank = never" onChange={(v) => setDraft({ ...draft, expires_on: v })} error={err("expires_on")} />
          </div>
          <div className="row">
            <SelectField className="w-sm" label="Paid by" name="method" value={method} options={METHODS} onChange={(v) => setMethod(v as PaymentMethod)} />
            <TextField className="w-md" label="Check # / card last 4" name="reference" value={reference} onChange={setReference} error={err("reference")} />
            <div className="field-actions">
              <button type="button" className="btn btn-primary" disabled={sell.isPending} data-testid="sell-package-confirm" onClick={() => sell.mutate(draft)}>
                {sell.isPending ? "Selling…" : "Take payment and sell"}
              </button>
              <button type="button" className="btn-link" onClick={() => setDraft(null)}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      ) : canSell ? (
        <button
          type="button"
          className="btn btn-small"
          data-testid="sell-package"
          onClick={() => {
            setNotice(null);
            setDraft(blank(patientId));
          }}
        >
          Sell a prepaid package
        </button>
      ) : null}
    </div>
  );
}
