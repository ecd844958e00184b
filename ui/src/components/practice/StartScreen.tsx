import type { RecentFile } from "../../bindings/RecentFile";
import { HelpMenu } from "../help/HelpMenu";

interface Props {
  recent: RecentFile[];
  onNew: () => void;
  onOpen: () => void;
  onOpenPath: (path: string) => void;
  onDemo: () => void;
  /** The demo practice is being made (a few seconds the first time). */
  makingDemo: boolean;
}

/** The welcome screen, shown when no practice file is open (the first start of an installed
 * ClaimDesk): set up a practice, open a practice file, or explore the demo; recent files. */
export function StartScreen({ recent, onNew, onOpen, onOpenPath, onDemo, makingDemo }: Props) {
  return (
    <div className="start welcome" data-testid="start-screen">
      <div className="welcome-head">
        <h1>Welcome to ClaimDesk</h1>
        <HelpMenu light />
      </div>
      <p className="muted">
        Practice billing that stays on this computer: one file per practice, encrypted, with its own users and backups.
      </p>
      <div className="welcome-choices">
        <button type="button" className="welcome-choice primary" onClick={onNew} autoFocus data-testid="start-new" disabled={makingDemo}>
          <strong>Set up my practice</strong>
          <span>
            A guided setup: the practice's name, address and tax ID, then its administrator. Providers, payers and the fee
            schedule follow in Practice setup.
          </span>
        </button>
        <button type="button" className="welcome-choice" onClick={onOpen} data-testid="start-open" disabled={makingDemo}>
          <strong>Open a practice file</strong>
          <span>A practice file you already have: a client's file, from this computer, a USB drive or a shared folder.</span>
        </button>
        <button type="button" className="welcome-choice demo" onClick={onDemo} data-testid="start-demo" disabled={makingDemo}>
          <strong>{makingDemo ? "Making the demo practice…" : "Explore the demo practice"}</strong>
          <span>
            Invented patients, claims and payments in a file of their own, to try everything safely. Nothing done there
            touches a real practice.
          </span>
        </button>
      </div>
      <h3>Recent files</h3>
      {recent.length === 0 ? (
        <p className="muted">No recent practice files.</p>
      ) : (
        <ul className="recent">
          {recent.map((r) => (
            <li key={r.path}>
              <button type="button" className="recent-item" onClick={() => onOpenPath(r.path)} title={r.path} disabled={makingDemo}>
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
