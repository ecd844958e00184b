import type { VisitSummary } from "../../bindings/VisitSummary";
import { useList } from "../../hooks/useList";
import { visitsForPatient } from "../../ipc/commands";
import { formatDate } from "../../lib/format";
import { ErrorBanner } from "../common/Banner";

interface Props {
  patientId: number;
  onOpen: (visitId: number) => void;
}

/** A patient's visits, newest first as the Rust side lists them; totals are the Rust side's. */
export function VisitsList({ patientId, onOpen }: Props) {
  const { items, loading, error } = useList(() => visitsForPatient(patientId));
  return (
    <>
      <ErrorBanner report={error} />
      <table className="grid compact selectable" data-testid="visits-table">
        <thead>
          <tr>
            <th>Date of service</th>
            <th>Rendering</th>
            <th className="num">Lines</th>
            <th className="num">Charge</th>
            <th>Claims</th>
          </tr>
        </thead>
        <tbody>
          {items.map((v: VisitSummary) => (
            <tr
              key={v.id}
              data-testid="visit-row"
              tabIndex={0}
              onClick={() => onOpen(v.id)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  onOpen(v.id);
                }
              }}
            >
              <td>{formatDate(v.service_date)}</td>
              <td>{v.rendering_provider}</td>
              <td className="num">{v.line_count}</td>
              <td className="num mono">{v.total_charge}</td>
              <td>{v.claim_count > 0 ? `${v.claim_count} claim${v.claim_count === 1 ? "" : "s"}` : "Unbilled"}</td>
            </tr>
          ))}
          {!loading && items.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                No visits yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  );
}
