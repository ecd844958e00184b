import { useEffect, useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { PostingRules } from "../../bindings/PostingRules";
import { postingRulesGet, postingRulesSave } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { ErrorBanner } from "../common/Banner";
import { CheckField } from "../common/fields";

/**
 * What posting does with adjustments other than contractual (CO) and patient responsibility
 * (PR): write them off, or leave them pending with insurance for follow-up. Applies to
 * remittances and EOBs posted from now on; what was posted stays as it was posted.
 */
export function PostingRulesSettings() {
  const [rules, setRules] = useState<PostingRules | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ErrorReport | null>(null);

  useEffect(() => {
    let live = true;
    Promise.resolve()
      .then(() => postingRulesGet())
      .then(
        (r) => live && r && setRules(r),
        (e: unknown) => live && setReport(toErrorReport(e)),
      );
    return () => {
      live = false;
    };
  }, []);

  const save = async (next: PostingRules) => {
    const before = rules;
    setRules(next);
    setSaved(false);
    setBusy(true);
    setReport(null);
    try {
      setRules(await postingRulesSave(next));
      setSaved(true);
    } catch (e) {
      // Refused: show what the file still says.
      setRules(before);
      setReport(toErrorReport(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section" data-testid="posting-rules">
      <h3>Remittance posting</h3>
      <p className="muted">
        Contractual adjustments (CO) are always written off and patient responsibility (PR) always moves to the patient. Choose what happens to the
        other adjustments when an 835 or a paper EOB posts:
      </p>
      <ErrorBanner report={report} />
      {rules ? (
        <>
          <CheckField
            label="Write off other adjustments (OA) automatically"
            name="write_off_oa"
            checked={rules.write_off_oa}
            onChange={(v) => void save({ ...rules, write_off_oa: v })}
            disabled={busy}
          />
          <CheckField
            label="Write off payer-initiated reductions (PI) automatically — otherwise they stay pending with insurance to appeal"
            name="write_off_pi"
            checked={rules.write_off_pi}
            onChange={(v) => void save({ ...rules, write_off_pi: v })}
            disabled={busy}
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
