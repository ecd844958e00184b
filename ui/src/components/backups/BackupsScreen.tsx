import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BackupListed } from "../../bindings/BackupListed";
import type { BackupReport } from "../../bindings/BackupReport";
import type { BackupSettings } from "../../bindings/BackupSettings";
import type { DrillReport } from "../../bindings/DrillReport";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { RestoreReport } from "../../bindings/RestoreReport";
import { backupDrill, backupNow, backupRestore, backupSettingsGet, backupSettingsSave, backupsList } from "../../ipc/commands";
import { chooseBackupFolder } from "../../ipc/dialogs";
import { toErrorReport } from "../../ipc/errors";
import { onBackupProgress, type BackupProgress } from "../../ipc/events";
import { keys } from "../../ipc/queryKeys";
import { useCan } from "../../session/session";
import { ErrorBanner } from "../common/Banner";
import { Dialog } from "../common/Dialog";
import { TextField } from "../common/fields";
import { BackupStatusLine, localTime } from "./BackupStatusLine";

function fieldError(report: ErrorReport | null, field: string): string | undefined {
  return report?.fields.find((f) => f.field === field)?.message;
}

function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** Backups: where they go and how many are kept, Back up now, and the folder's backups with
 * Restore and Test a restore. */
export function BackupsScreen() {
  const canSave = useCan("backup_settings_save");
  const canBackUp = useCan("backup_now");
  const canRestore = useCan("backup_restore");
  const canDrill = useCan("backup_drill");
  const client = useQueryClient();
  const settingsQ = useQuery({ queryKey: keys.backupSettings, queryFn: () => backupSettingsGet() });
  const [draft, setDraft] = useState<BackupSettings | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(false);
  const settings = draft ?? settingsQ.data ?? null;
  const folder = settingsQ.data?.folder ?? "";
  // Another folder to look in (a drive with older backups); null: the backup folder.
  const [lookIn, setLookIn] = useState<string | null>(null);
  const listed = lookIn ?? folder;
  const listQ = useQuery({
    queryKey: [...keys.backupList, listed],
    queryFn: () => backupsList(lookIn),
    enabled: listed !== "",
  });

  const saveM = useMutation({
    mutationFn: (next: BackupSettings) => backupSettingsSave(next),
    onMutate: () => {
      setSaved(false);
      setReport(null);
    },
    onSuccess: (stored) => {
      client.setQueryData(keys.backupSettings, stored);
      setDraft(null);
      setSaved(true);
      void client.invalidateQueries({ queryKey: keys.backups });
    },
    onError: (e) => setReport(toErrorReport(e)),
  });

  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [taken, setTaken] = useState<BackupReport | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const backUpM = useMutation({
    mutationFn: async () => {
      let unlisten: (() => void) | null = null;
      try {
        unlisten = await onBackupProgress((p) => {
          if (live.current) setProgress(p);
        });
        return await backupNow();
      } finally {
        unlisten?.();
        if (live.current) setProgress(null);
      }
    },
    onMutate: () => {
      setTaken(null);
      setReport(null);
    },
    onSuccess: (r) => setTaken(r),
    onError: (e) => setReport(toErrorReport(e)),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.backups }),
  });

  const [restoring, setRestoring] = useState<BackupListed | null>(null);
  const [drill, setDrill] = useState<{ backup: BackupListed; result: DrillReport | null; error: ErrorReport | null } | null>(null);
  const drillM = useMutation({
    mutationFn: (b: BackupListed) => backupDrill(b.path),
    onMutate: (b) => setDrill({ backup: b, result: null, error: null }),
    onSuccess: (result, b) => setDrill({ backup: b, result, error: null }),
    onError: (e, b) => setDrill({ backup: b, result: null, error: toErrorReport(e) }),
  });

  const pickFolder = async () => {
    try {
      const picked = await chooseBackupFolder(settings?.folder || undefined);
      if (picked && settings) setDraft({ ...settings, folder: picked });
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };
  const count = (name: keyof BackupSettings, text: string) => {
    if (!settings) return;
    const n = Number.parseInt(text, 10);
    setDraft({ ...settings, [name]: Number.isNaN(n) ? 0 : n });
    setSaved(false);
  };
  const busy = saveM.isPending || backUpM.isPending;

  return (
    <div className="screen" data-testid="backups-screen">
      <h2>Backups</h2>
      <BackupStatusLine />
      <ErrorBanner report={report ?? (settingsQ.error ? toErrorReport(settingsQ.error) : null)} />
      <section className="section" data-testid="backup-settings">
        <h3>Where backups go</h3>
        <p className="muted">
          ClaimDesk backs up this practice file when it is closed and once a day while it is open, to this folder (a USB drive or a network share
          kept apart from this computer). Each backup is checked right after it is written: it must open, pass the integrity check and the audit
          trail, and hold the same records as the practice file.
        </p>
        {settings ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              saveM.mutate(settings);
            }}
          >
            <div className="row">
              <TextField
                label="Backup folder"
                name="folder"
                value={settings.folder}
                onChange={(v) => {
                  setDraft({ ...settings, folder: v });
                  setSaved(false);
                }}
                error={fieldError(report, "folder")}
                disabled={!canSave || busy}
                placeholder="No folder chosen: no automatic backups"
              />
              <button type="button" className="btn" onClick={() => void pickFolder()} disabled={!canSave || busy} data-testid="backup-folder-choose">
                Choose…
              </button>
            </div>
            <div className="row">
              <TextField label="Daily backups kept" name="keep_daily" type="number" value={String(settings.keep_daily)} onChange={(v) => count("keep_daily", v)} error={fieldError(report, "keep_daily")} disabled={!canSave || busy} />
              <TextField label="Weekly backups kept" name="keep_weekly" type="number" value={String(settings.keep_weekly)} onChange={(v) => count("keep_weekly", v)} error={fieldError(report, "keep_weekly")} disabled={!canSave || busy} />
              <TextField label="Monthly backups kept" name="keep_monthly" type="number" value={String(settings.keep_monthly)} onChange={(v) => count("keep_monthly", v)} error={fieldError(report, "keep_monthly")} disabled={!canSave || busy} />
              <TextField
                label="Warn after (days)"
                name="warn_after_days"
                type="number"
                value={String(settings.warn_after_days)}
                onChange={(v) => count("warn_after_days", v)}
                error={fieldError(report, "warn_after_days")}
                disabled={!canSave || busy}
              />
            </div>
            <div className="field-actions">
              <button type="submit" className="btn" disabled={!canSave || busy || draft === null} data-testid="backup-settings-save">
                Save settings
              </button>
              <button type="button" className="btn btn-primary" onClick={() => backUpM.mutate()} disabled={!canBackUp || busy || folder === "" || draft !== null} data-testid="backup-now">
                {backUpM.isPending ? "Backing up…" : "Back up now"}
              </button>
              {saved ? (
                <span className="muted" role="status" data-testid="backup-settings-saved">
                  Saved.
                </span>
              ) : null}
            </div>
            {backUpM.isPending && progress ? (
              <div className="progress-row">
                <progress data-testid="backup-progress" value={progress.done} max={Math.max(progress.total, 1)} />
              </div>
            ) : null}
            {taken ? (
              <p role="status" data-testid="backup-taken">
                Backed up and verified: {taken.file_name} ({bytes(taken.size_bytes)}, {taken.counts.patients} patients).
                {taken.removed.length > 0 ? ` ${taken.removed.length} older backups removed by rotation.` : ""}
              </p>
            ) : null}
          </form>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      <section className="section" data-testid="backup-list">
        <h3>Backups in the folder</h3>
        <div className="row">
          <span className="mono small" data-testid="backup-list-folder">
            {listed || "No folder chosen"}
          </span>
          <button
            type="button"
            className="btn btn-small"
            data-testid="backup-look-in"
            onClick={() => {
              chooseBackupFolder(listed || undefined)
                .then((picked) => {
                  if (picked) setLookIn(picked);
                })
                .catch((e: unknown) => setReport(toErrorReport(e)));
            }}
          >
            Look in another folder…
          </button>
          {lookIn !== null ? (
            <button type="button" className="btn btn-small" onClick={() => setLookIn(null)} data-testid="backup-look-in-reset">
              Back to the backup folder
            </button>
          ) : null}
        </div>
        {listed === "" ? <p className="muted">Choose a backup folder to see its backups.</p> : null}
        {listQ.error ? <ErrorBanner report={toErrorReport(listQ.error)} /> : null}
        {listQ.data && listQ.data.length === 0 ? <p className="muted">No backups in this folder yet.</p> : null}
        {listQ.data && listQ.data.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th>Taken</th>
                <th>Practice</th>
                <th className="num">Patients</th>
                <th className="num">Claims</th>
                <th className="num">Size</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {listQ.data.map((b) => (
                <tr key={b.path} data-testid="backup-row">
                  <td>{localTime(b.taken_at)}</td>
                  <td>{b.practice_name || "—"}</td>
                  <td className="num">{b.counts.patients}</td>
                  <td className="num">{b.counts.claims}</td>
                  <td className="num">{bytes(b.size_bytes)}</td>
                  <td>{b.problem ? "Does not open" : b.verified_when_taken ? "Verified" : "Not verified"}</td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => drillM.mutate(b)} disabled={!canDrill || drillM.isPending || !!b.problem} data-testid="backup-drill">
                      Test a restore
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setRestoring(b)} disabled={!canRestore || !b.this_practice || !!b.problem} data-testid="backup-restore">
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {drill ? <DrillDialog drill={drill} busy={drillM.isPending} onClose={() => setDrill(null)} /> : null}
      {restoring ? <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} /> : null}
    </div>
  );
}

function DrillDialog({ drill, busy, onClose }: { drill: { backup: BackupListed; result: DrillReport | null; error: ErrorReport | null }; busy: boolean; onClose: () => void }) {
  const r = drill.result;
  return (
    <Dialog label="Test a restore" testid="backup-drill-dialog" title="Test a restore" busy={busy} onClose={onClose}>
      <p className="muted">
        The backup of {localTime(drill.backup.taken_at)} is restored into a temporary folder and checked there. The practice file is not touched.
      </p>
      {busy ? <p role="status">Restoring and checking…</p> : null}
      <ErrorBanner report={drill.error} />
      {r && r.ok ? (
        <p role="status" data-testid="backup-drill-ok">
          Passed in {(r.millis / 1000).toFixed(1)} s: the backup restores to a file that opens and passes every check ({r.check.counts.patients} patients,{" "}
          {r.check.counts.claims} claims, {r.check.counts.ledger_entries} ledger entries).
        </p>
      ) : null}
      {r && !r.ok ? (
        <div role="alert" data-testid="backup-drill-failed">
          <p>This backup would not restore:</p>
          <ul>
            {r.check.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field-actions">
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function RestoreDialog({ backup, onClose }: { backup: BackupListed; onClose: () => void }) {
  const client = useQueryClient();
  const [done, setDone] = useState<RestoreReport | null>(null);
  const m = useMutation({
    mutationFn: () => backupRestore(backup.path),
    onSuccess: (r) => setDone(r),
  });
  const finish = () => {
    onClose();
    // The restored file's users are the backup's: the session ended, and every screen reads again.
    if (done) void client.invalidateQueries();
  };
  return (
    <Dialog label="Restore a backup" testid="backup-restore-dialog" title="Restore this backup?" busy={m.isPending} onClose={finish}>
      {done ? (
        <>
          <p role="status" data-testid="backup-restored">
            Restored from the backup of {localTime(backup.taken_at)}. The file it replaced is kept as {done.kept_aside || "—"}.
          </p>
          <p>Log in again: the restored file's users and passwords are those of the backup.</p>
        </>
      ) : (
        <>
          <p>
            The practice file is replaced by the backup of <strong>{localTime(backup.taken_at)}</strong> ({backup.counts.patients} patients,{" "}
            {backup.counts.claims} claims). Work done since then is not in it. The backup is verified first; the current file is kept beside it,
            unchanged.
          </p>
          <ErrorBanner report={m.error ? toErrorReport(m.error) : null} />
        </>
      )}
      <div className="field-actions">
        {done ? (
          <button type="button" className="btn btn-primary" onClick={finish} data-testid="backup-restore-close">
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose} disabled={m.isPending}>
              Cancel
            </button>
            <button type="button" className="btn btn-danger" onClick={() => m.mutate()} disabled={m.isPending} data-testid="backup-restore-confirm">
              {m.isPending ? "Verifying and restoring…" : "Restore"}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
