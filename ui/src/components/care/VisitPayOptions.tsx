import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { packageDraw, packagesForPatient, paymentPromptPay, promptPayGet } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatMoney } from "../../lib/format";
import { useCan } from "../../session/session";
import { ErrorBanner, Notice } from "../common/Banner";
import { SelectField, TextField } from "../common/fields";
import { PAYMENT_METHODS } from "../plans/planLabels";

/** Paid at the desk on the day: cash, check or card. */
const METHODS = PAYMENT_METHODS.filter((m) => m.value === "cash" || m.value === "check" || m.value === "card");

interface Props {
  patientId: number;
  visitId: number;
  serviceDate: string | null;
}

/**
 * How a saved visit can be paid besides a plain payment: drawn on the patient's prepaid
 * package, or paid now with the practice's prompt-pay discount. The full fee stays on the
 * visit; the Rust side posts the discount as an adjustment with its reason, and refuses when
 * the discount's window has passed or nothing is owed.
 */
export function VisitPayOptions({ patientId, visitId, serviceDate }: Props) {
  const client = useQueryClient();
  const canDraw = useCan("package_draw");
  const canPromptPay = useCan("payment_prompt_pay");
  const packages = useQuery({ queryKey: keys.packages(patientId), queryFn: () => packagesForPatient(patientId), enabled: canDraw });
  const policy = useQuery({ queryKey: keys.promptPay, queryFn: () => promptPayGet(), enabled: canPromptPay });
  const [method, setMethod] = useState<PaymentMethod>("card");
  const [reference, setReference] = useState("");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = () => {
    void client.invalidateQueries({ queryKey: keys.packages(patientId) });
    void client.invalidateQueries({ queryKey: keys.accounts });
  };
  const draw = useMutation({
    mutationFn: (packageId: number) => packageDraw(packageId, visitId),
    onSuccess: (s) => {
      setReport(null);
      setNotice(`Drawn on ${s.package.name}: ${s.message}.`);
      changed();
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const promptPay = useMutation({
    mutationFn: () => paymentPromptPay(visitId, method, reference),
    onSuccess: (r) => {
      setReport(null);
      setNotice(`Paid ${formatMoney(r.amount)} with the prompt-pay discount (receipt ${r.receipt_number}).`);
      changed();
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const open = (packages.data ?? []).filter(
    (s) => s.visits_left > 0 && serviceDate !== null && (s.package.purchased_on ?? "") <= serviceDate && (s.package.expires_on === null || serviceDate <= s.package.expires_on),
  );
  const percent = policy.data?.percent ?? 0;
  if (open.length === 0 && percent === 0) return null;
  return (
    <section className="section visit-pay-options" data-testid="visit-pay-options">
      <h3>Patient pays</h3>
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      {open.map((s) => (
        <div className="row" key={s.package.id ?? s.package.name}>
          <span>
            <strong>{s.package.name}</strong> — {s.message}
          </span>
          <button type="button" className="btn" disabled={draw.isPending} data-testid="draw-package" onClick={() => draw.mutate(s.package.id!)}>
            Use the package for this visit
          </button>
        </div>
      ))}
      {percent > 0 ? (
        <div className="row">
          <SelectField className="w-sm" label="Paid by" name="prompt_pay_method" value={method} options={METHODS} onChange={(v) => setMethod(v as PaymentMethod)} />
          <TextField className="w-md" label="Check # / card last 4" name="prompt_pay_reference" value={reference} onChange={setReference} />
          <div className="field-actions">
            <button type="button" className="btn" disabled={promptPay.isPending} data-testid="prompt-pay" onClick={() => promptPay.mutate()}>
              Pay in full now, {percent}% prompt-pay discount
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
