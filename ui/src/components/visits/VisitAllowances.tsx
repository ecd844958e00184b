import { useQuery } from "@tanstack/react-query";
import type { VisitAllowance } from "../../bindings/VisitAllowance";
import { visitAllowances } from "../../ipc/commands";
import { keys } from "../../ipc/queryKeys";

interface Props {
  patientId: number;
  /** The visit being edited; null for a new one (it is counted as the next visit). */
  visitId: number | null;
  serviceDate: string | null;
  /** The procedure codes typed so far (an authorization for some codes covers only those). */
  codes: string[];
  /** The injury case the visit belongs to (a carrier's case uses none of the plan's visits). */
  injuryCaseId?: number | null | undefined;
}

const NONE: VisitAllowance[] = [];

/**
 * What the visit being entered uses of the patient's plan limits, counting it: "7 of 12 visits
 * left this plan year", "Authorization A1 2 of 6 used, ends 03/31". The counts and the warning
 * (two or fewer left) are the Rust side's; this only shows them.
 */
export function VisitAllowances({ patientId, visitId, serviceDate, codes, injuryCaseId = null }: Props) {
  const codeList = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter((c) => c.length === 5))].sort();
  const q = useQuery({
    queryKey: [...keys.visitAllowances(patientId, visitId, serviceDate ?? "", codeList.join(",")), injuryCaseId],
    queryFn: () =>
      visitAllowances({
        patient_id: patientId,
        visit_id: visitId,
        service_date: serviceDate ?? "",
        codes: codeList,
        ...(injuryCaseId !== null && injuryCaseId !== undefined ? { injury_case_id: injuryCaseId } : {}),
      }),
    enabled: serviceDate !== null && serviceDate !== "",
    placeholderData: (previous) => previous,
  });
  const list = q.data ?? NONE;
  if (list.length === 0) return null;
  return (
    <section className="visit-allowances" data-testid="visit-allowances" aria-label="Visit limits">
      {list.map((a) => (
        <div
          key={`${a.payer_name}|${a.authorization_number ?? "year"}`}
          className={a.warning ? "banner banner-warn allowance" : "banner allowance"}
          role={a.warning ? "alert" : "status"}
          data-testid={a.warning ? "visit-allowance-warning" : "visit-allowance"}
        >
          <span className="allowance-plan">{a.payer_name}</span>
          <span>{a.warning ? <strong>{a.message}</strong> : a.message}</span>
        </div>
      ))}
    </section>
  );
}
