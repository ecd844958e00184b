import type { ImportReport } from "../../bindings/ImportReport";

interface Props {
  title: string;
  report: ImportReport;
  onClose: () => void;
}

/** What an import did: counts, and when rows were refused, which and why (nothing imported then). */
export function ImportReportView({ title, report, onClose }: Props) {
  const failed = report.rejected.length > 0;
  return (
    <section className={`import-report ${failed ? "failed" : "ok"}`} data-testid="import-report" aria-label={title}>
      <header className="panel-head">
        <h3>{title}</h3>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </header>
      {failed ? (
        <>
          <p className="import-note" data-testid="import-nothing">
            <strong>Nothing was imported.</strong> {report.rejected.length} problem
            {report.rejected.length === 1 ? "" : "s"} found; correct the file and import it again.
          </p>
          <table className="grid">
            <thead>
              <tr>
                <th className="num">Row</th>
                <th>Column</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((r, i) => (
                <tr key={`${r.row}-${r.field}-${i}`} data-testid="import-problem">
                  <td className="num">{r.row}</td>
                  <td>{r.field}</td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p data-testid="import-counts">
          Imported: <strong>{report.imported}</strong> &nbsp; Unchanged: <strong>{report.unchanged}</strong>
        </p>
      )}
    </section>
  );
}
