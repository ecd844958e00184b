import { useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { Finding } from "../../bindings/Finding";
import type { ScrubResult } from "../../bindings/ScrubResult";
import { claimAcknowledge, claimScrub } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { claimStatusLabel } from "../../lib/labels";
import { fieldPlace } from "../../lib/visit";
import { ErrorBanner } from "../common/Banner";

interface Props {
  result: ScrubResult;
  controlNumber: string;
  /** After an acknowledgement or a re-scrub. */
  onResult: (r: ScrubResult) => void;
  /** Jump to a charge-entry field (`diagnoses[2]`, `lines[1].pointers` ...). */
  onGoTo: (field: string) => void;
  /** Open the patient screen, for patient / policy findings. */
  onOpenPatient?: (() => void) | undefined;
  onClose?: () => void;
}

/** What the scrubber found on one claim: each finding jumps to where it is fixed. */
export function ScrubPanel({ result, controlNumber, onResult, onGoTo, onOpenPatient, onClose }: Props) {
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const warnings = result.findings.length - errors;
  const ready = result.status === "ready" || (result.findings.length === 0 && result.status === "draft");

  const run = async (p: Promise<ScrubResult>) => {
    setBusy(true);
    try {
      onResult(await p);
      setReport(null);
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setBusy(false);
    }
  };

  const jump = (f: Finding) => {
    const place = fieldPlace(f.field);
    if (place.where === "visit") onGoTo(place.field);
    else if (place.where === "patient") onOpenPatient?.();
  };

  return (
    <section className={`scrub-panel ${errors > 0 ? "has-errors" : ready ? "clean" : ""}`} data-testid="scrub-panel" aria-label="Claim scrubber result">
      <header className="panel-head">
        <h3>
          Claim {controlNumber}: {errors} error{errors === 1 ? "" : "s"}, {warnings} warning{warnings === 1 ? "" : "s"}
        </h3>
        <span className="muted">{claimStatusLabel(result.status)}</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void run(claimScrub(result.claim_id))} disabled={busy} data-testid="rescrub">
          {busy ? "Checking…" : "Re-scrub"}
        </button>
        {onClose ? (
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        ) : null}
      </header>
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      {ready ? (
        <div className="banner banner-ok" role="status" data-testid="claim-ready">
          Claim {controlNumber} is ready to send.
        </div>
      ) : null}
      {result.findings.length === 0 && !ready ? <p className="muted">No problems found. Claim {controlNumber} is {claimStatusLabel(result.status).toLowerCase()}.</p> : null}
      {result.findings.length > 0 ? (
        <ul className="findings">
          {result.findings.map((f, i) => {
            const place = fieldPlace(f.field);
            return (
              <li key={`${f.rule}-${f.field}-${i}`} className={`finding finding-${f.severity}`}>
                <button type="button" className="finding-btn" data-testid="finding" data-field={f.field} onClick={() => jump(f)} title={place.where === "visit" ? "Go to the field" : place.label}>
                  <span className={`sev sev-${f.severity}`} aria-label={f.severity === "error" ? "Error" : "Warning"}>
                    {f.severity === "error" ? "✖" : "⚠"}
                  </span>
                  <span className="box">{f.box_id ? `Box ${f.box_id}` : ""}</span>
                  <span className="msg">{f.message}</span>
                  <span className="muted small rule">{f.rule}</span>
                </button>
                {place.where !== "visit" ? (
                  <span className="fix-where" data-testid="fix-where">
                    {place.label}
                    {place.where === "patient" && onOpenPatient ? (
                      <button type="button" className="btn btn-small" onClick={onOpenPatient}>
                        Open patient
                      </button>
                    ) : null}
                  </span>
                ) : null}
                {f.severity === "warning" ? (
                  <button type="button" className="btn btn-small" disabled={busy} data-testid="acknowledge" onClick={() => void run(claimAcknowledge(result.claim_id, f.rule, f.field))}>
                    Acknowledge
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
