import { useQuery } from "@tanstack/react-query";
import type { BackupStatus } from "../../bindings/BackupStatus";
import { backupStatus } from "../../ipc/commands";
import { keys } from "../../ipc/queryKeys";
import { useCan } from "../../session/session";

/** "2026-12-02T16:05:09Z" as the person's local date and time. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The words of the home screen's line about backups. */
export function statusText(s: BackupStatus): { text: string; warn: boolean } {
  if (!s.last_verified_at) {
    const why = s.folder_set ? "" : " (no backup folder is set)";
    return { text: `Last verified backup: never${why}`, warn: true };
  }
  const age = s.age_days ?? 0;
  const ago = age === 0 ? "today" : age === 1 ? "1 day ago" : `${age} days ago`;
  const older = s.warn ? `, older than ${s.warn_after_days} days` : "";
  return { text: `Last verified backup: ${localTime(s.last_verified_at)} (${ago}${older})`, warn: s.warn };
}

/** The line on the home screen: when the last verified backup was made, with a warning when it
 * is older than the setting (or there is none), and the last attempt's failure. */
export function BackupStatusLine({ onOpen }: { onOpen?: () => void }) {
  const can = useCan("backup_status");
  const q = useQuery({ queryKey: keys.backupStatus, queryFn: () => backupStatus(), enabled: can, refetchInterval: 5 * 60 * 1000 });
  if (!can || !q.data) return null;
  const { text, warn } = statusText(q.data);
  return (
    <div className={warn ? "backup-status warn" : "backup-status"} data-testid="backup-status" role={warn ? "alert" : "status"}>
      <span>{text}</span>
      {q.data.last_problem ? <span className="small"> The last backup failed: {q.data.last_problem}</span> : null}
      {warn && onOpen ? (
        <button type="button" className="btn btn-link small" onClick={onOpen} data-testid="backup-status-open">
          Backups…
        </button>
      ) : null}
    </div>
  );
}
