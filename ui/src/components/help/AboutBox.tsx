import { useEffect, useState } from "react";
import type { AboutInfo } from "../../bindings/AboutInfo";
import type { ErrorReport } from "../../bindings/ErrorReport";
import { appAbout } from "../../ipc/commands";
import { toErrorReport } from "../../ipc/errors";
import { Dialog } from "../common/Dialog";

/** About ClaimDesk: the version, the build date, where practice files go, the notices. */
export function AboutBox({ onClose }: { onClose: () => void }) {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  useEffect(() => {
    appAbout().then(setAbout, (e: unknown) => setError(toErrorReport(e)));
  }, []);
  return (
    <Dialog label="About ClaimDesk" testid="about-box" title="About ClaimDesk" busy={false} onClose={onClose}>
      {error ? <p className="error">{error.message}</p> : null}
      {about ? (
        <>
          <dl className="about-facts">
            <dt>Version</dt>
            <dd data-testid="about-version">{about.version}</dd>
            <dt>Built</dt>
            <dd data-testid="about-build-date">{about.build_date}</dd>
            <dt>Practice files</dt>
            <dd className="mono" data-testid="about-data-folder">
              {about.data_folder}
            </dd>
          </dl>
          <p className="muted small">
            ClaimDesk keeps everything on this computer. New practice files and the demo practice go in the folder above
            unless you choose another; backups go where the Backups screen says.
          </p>
          <h4>Third-party notices</h4>
          {about.notices_file ? (
            <p className="muted small">
              Every package inside ClaimDesk with its licence. The licence texts themselves are in{" "}
              <span className="mono" data-testid="about-notices-file">
                {about.notices_file}
              </span>
              .
            </p>
          ) : null}
          <pre className="about-notices" data-testid="about-notices" tabIndex={0}>
            {about.notices}
          </pre>
        </>
      ) : error ? null : (
        <p className="muted">Reading…</p>
      )}
      <div className="field-actions">
        <button type="button" className="btn" onClick={onClose} autoFocus data-testid="about-close">
          Close
        </button>
      </div>
    </Dialog>
  );
}
