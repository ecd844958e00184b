import type { ReactNode } from "react";

interface Props {
  /** The accessible name of the dialog. */
  label: string;
  testid: string;
  title: ReactNode;
  /** While true, Escape does not close (a job is running). */
  busy: boolean;
  onClose: () => void;
  children: ReactNode;
}

/** A modal dialog: backdrop, a titled panel, Escape to close unless a job is running. */
export function Dialog({ label, testid, title, busy, onClose, children }: Props) {
  return (
    <div className="dialog-backdrop">
      <section
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testid}
        onKeyDown={(e) => {
          if (e.key === "Escape" && !busy) {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="panel-head">
          <h3>{title}</h3>
        </header>
        {children}
      </section>
    </div>
  );
}
