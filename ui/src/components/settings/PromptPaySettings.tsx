import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import { promptPayGet, promptPaySave } from "../../ipc/commands";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { useCan } from "../../session/session";
import { ErrorBanner, Notice } from "../common/Banner";
import { TextField } from "../common/fields";

/**
 * The practice's prompt-pay discount: a percent off what the patient owes on a visit paid in
 * full within some days of it. The visit keeps its full fee; the discount posts as an
 * adjustment with its reason (never a second, lower fee schedule).
 */
export function PromptPaySettings() {
  const canSave = useCan("prompt_pay_save");
  const client = useQueryClient();
  const q = useQuery({ queryKey: keys.promptPay, queryFn: () => promptPayGet() });
  const [percent, setPercent] = useState("");
  const [days, setDays] = useState("");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (q.data) {
      setPercent(String(q.data.percent));
      setDays(String(q.data.within_days));
    }
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => promptPaySave({ percent: Number(percent.replace(/\D/g, "") || "0"), within_days: Number(days.replace(/\D/g, "") || "0") }),
    onSuccess: (stored) => {
      client.setQueryData(keys.promptPay, stored);
      setReport(null);
      setSaved(true);
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  return (
    <section className="section" data-testid="prompt-pay-settings">
      <h3>Prompt-pay discount</h3>
      <p className="muted">
        For patients who pay what they owe on a visit in full right away. The full fee is charged; the discount is an adjustment with its reason. 0% = none offered.
      </p>
      <ErrorBanner report={report ?? (q.error ? toErrorReport(q.error) : null)} />
      {saved ? <Notice>Saved.</Notice> : null}
      <div className="row">
        <TextField className="w-xs" label="Discount %" name="percent" inputMode="numeric" value={percent} onChange={(v) => { setPercent(v); setSaved(false); }} error={fieldError(report, "percent")} disabled={!canSave} />
        <TextField className="w-sm" label="Paid within (days)" name="within_days" inputMode="numeric" value={days} hint="0 = the day of the visit" onChange={(v) => { setDays(v); setSaved(false); }} error={fieldError(report, "within_days")} disabled={!canSave} />
        {canSave ? (
          <div className="field-actions">
            <button type="button" className="btn" onClick={() => save.mutate()} disabled={save.isPending} data-testid="prompt-pay-save">
              Save
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
