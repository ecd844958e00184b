import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PostingRules } from "../../bindings/PostingRules";
import { postingRulesGet, postingRulesSave } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { ErrorBanner } from "../common/Banner";
import { CheckField } from "../common/fields";
import { useCan } from "../../session/session";

/**
 * What posting does with adjustments other than contractual (CO) and patient responsibility
 * (PR): write them off, or leave them pending with insurance for follow-up. Applies to
 * remittances and EOBs posted from now on; what was posted stays as it was posted.
 */
export function PostingRulesSettings() {
  const canSave = useCan("posting_rules_save");
  const client = useQueryClient();
  const q = useQuery({ queryKey: keys.postingRules, queryFn: () => postingRulesGet() });
  const rules = q.data ?? null;
  const [saved, setSaved] = useState(false);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const saveM = useMutation({
    mutationFn: (next: PostingRules) => postingRulesSave(next),
    // The box shows the change at once; a refusal puts back what the file still says.
    onMutate: (next) => {
      const before = client.getQueryData<PostingRules>(keys.postingRules);
      client.setQueryData(keys.postingRules, next);
      setSaved(false);
      setReport(null);
      return { before };
    },
    onSuccess: (stored) => {
      client.setQueryData(keys.postingRules, stored);
      setSaved(true);
    },
    onError: (e, _next, context) => {
      if (context?.before) client.setQueryData(keys.postingRules, context.before);
      setReport(toErrorReport(e));
    },
  });
  const busy = saveM.isPending;
  const save = (next: PostingRules) => saveM.mutate(next);

  return (
    <section className="section" data-testid="posting-rules">
      <h3>Remittance posting</h3>
      <p className="muted">
        Contractual adjustments (CO) are always written off and patient responsibility (PR) always moves to the patient. Choose what happens to the
        other adjustments when an 835 or a paper EOB posts:
      </p>
      <ErrorBanner report={report ?? (q.error ? toErrorReport(q.error) : null)} />
      {rules ? (
        <>
          <CheckField
            label="Write off other adjustments (OA) automatically"
            name="write_off_oa"
            checked={rules.write_off_oa}
            onChange={(v) => save({ ...rules, write_off_oa: v })}
            disabled={busy || !canSave}
          />
          <CheckField
            label="Write off payer-initiated reductions (PI) automatically — otherwise they stay pending with insurance to appeal"
            name="write_off_pi"
            checked={rules.write_off_pi}
            onChange={(v) => save({ ...rules, write_off_pi: v })}
            disabled={busy || !canSave}
          />
          {saved ? (
            <p className="muted" role="status" data-testid="posting-rules-saved">
              Saved. Remittances posted from now on follow these rules.
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
