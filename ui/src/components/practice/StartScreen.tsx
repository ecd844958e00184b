import type { RecentFile } from "../../bindings/RecentFile";

interface Props {
  recent: RecentFile[];
  onNew: () => void;
  onOpen: () => void;
  onOpenPath: (path: string) => void;
}

/** Shown when no practice file is open. */
export function StartScreen({ recent, onNew, onOpen, onOpenPath }: Props) {
  return (
    <div className="start" data-testid="start-screen">
      <h1>ClaimDesk</h1>
      <p className="muted">Open a practice file, or create one for a new practice.</p>
      <div className="start-actions">
        <button type="button" className="btn btn-primary" onClick={onNew} autoFocus data-testid="start-new">
          New practice file…
        </button>
        <button type="button" className="btn" onClick={onOpen} data-testid="start-open">
          Open practice file…
        </button>
      </div>
      <h3>Recent files</h3>
      {recent.length === 0 ? (
        <p className="muted">No recent practice files.</p>
      ) : (
        <ul className="recent">
          {recent.map((r) => (
            <li key={r.path}>
              <button type="button" className="recent-item" onClick={() => onOpenPath(r.path)} title={r.path}>
                <strong>{r.practice_name}</strong>
                <span className="muted mono">{r.path}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
