import type { ErrorReport } from "../../bindings/ErrorReport";

interface Props {
  report: ErrorReport | null;
  /** Field errors no input on screen shows; listed so nothing is lost. */
  extra?: ReadonlyArray<{ field: string; message: string }>;
  onDismiss?: () => void;
}

/** The banner for an error that is not (only) about one field. */
export function ErrorBanner({ report, extra, onDismiss }: Props) {
  if (!report) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <div>
        <strong>{report.message}</strong>
        {extra && extra.length > 0 ? (
          <ul>
            {extra.map((f) => (
              <li key={f.field}>{f.message}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {onDismiss ? (
        <button type="button" className="btn-link" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      ) : null}
    </div>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="banner banner-ok" role="status">
      {children}
    </div>
  );
}
