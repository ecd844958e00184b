import type { Authorization } from "../../bindings/Authorization";
import type { PlanLimits } from "../../bindings/PlanLimits";
import { CheckField, DateField, TextField } from "../common/fields";

interface Props {
  /** The policy's field path, e.g. `policies[0]`. */
  prefix: string;
  value: PlanLimits;
  onChange: (limits: PlanLimits) => void;
  err: (field: string) => string | undefined;
}

const blankAuthorization = (): Authorization => ({
  id: null,
  number: "",
  visits_authorized: 0,
  starts: null,
  ends: null,
  codes: [],
  note: "",
});

/** Digits typed into a count field: blank is no number. */
function count(text: string): number | null {
  const digits = text.replace(/\D/g, "");
  return digits === "" ? null : Number(digits);
}

/**
 * A policy's visit maximum per plan year and its prior authorizations. How many visits are
 * used is never typed: ClaimDesk counts the visits entered (charge entry shows it).
 */
export function PlanLimitsEditor({ prefix, value, onChange, err }: Props) {
  const f = (k: string) => `${prefix}.limits.${k}`;
  const setAuth = (i: number, a: Authorization) =>
    onChange({ ...value, authorizations: value.authorizations.map((x, k) => (k === i ? a : x)) });
  return (
    <div className="plan-limits" data-testid={`${prefix}-limits`}>
      <h4>Visit limits and authorizations</h4>
      <div className="row">
        <TextField
          className="w-sm"
          label="Visits per plan year"
          name={f("visits_per_plan_year")}
          value={value.visits_per_plan_year === null ? "" : String(value.visits_per_plan_year)}
          inputMode="numeric"
          hint="Blank = no limit"
          onChange={(v) => onChange({ ...value, visits_per_plan_year: count(v) })}
          error={err(f("visits_per_plan_year"))}
        />
        <DateField
          className="w-sm"
          label="Plan year starts"
          name={f("plan_year_start")}
          value={value.plan_year_start}
          hint="Any year's start day; it repeats yearly"
          onChange={(v) => onChange({ ...value, plan_year_start: v })}
          error={err(f("plan_year_start"))}
        />
        <CheckField
          label="The plan requires prior authorization for visits"
          name={f("authorization_required")}
          checked={value.authorization_required}
          onChange={(v) => onChange({ ...value, authorization_required: v })}
          error={err(f("authorization_required"))}
        />
      </div>
      {value.authorizations.length > 0 ? (
        <table className="grid compact authorizations" data-testid={`${prefix}-authorizations`}>
          <thead>
            <tr>
              <th>Authorization number (23)</th>
              <th>Visits</th>
              <th>From</th>
              <th>Through</th>
              <th>Codes covered</th>
              <th>Note</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {value.authorizations.map((a, i) => {
              const af = (k: string) => f(`authorizations[${i}].${k}`);
              return (
                <tr key={a.id ?? `new-${i}`}>
                  <td>
                    <TextField label="Number" name={af("number")} value={a.number} onChange={(v) => setAuth(i, { ...a, number: v })} error={err(af("number"))} />
                  </td>
                  <td>
                    <TextField
                      className="w-xs"
                      label="Visits"
                      name={af("visits_authorized")}
                      value={a.visits_authorized === 0 ? "" : String(a.visits_authorized)}
                      inputMode="numeric"
                      onChange={(v) => setAuth(i, { ...a, visits_authorized: count(v) ?? 0 })}
                      error={err(af("visits_authorized"))}
                    />
                  </td>
                  <td>
                    <DateField label="From" name={af("starts")} value={a.starts} onChange={(v) => setAuth(i, { ...a, starts: v })} error={err(af("starts"))} />
                  </td>
                  <td>
                    <DateField label="Through" name={af("ends")} value={a.ends} onChange={(v) => setAuth(i, { ...a, ends: v })} error={err(af("ends"))} />
                  </td>
                  <td>
                    <TextField
                      label="Codes"
                      name={af("codes")}
                      value={a.codes.join(", ")}
                      placeholder="All services"
                      onChange={(v) => setAuth(i, { ...a, codes: v.split(",").map((c) => c.trim().toUpperCase()) })}
                      error={err(af("codes")) ?? a.codes.map((_, k) => err(af(`codes[${k}]`))).find((m) => m !== undefined)}
                    />
                  </td>
                  <td>
                    <TextField label="Note" name={af("note")} value={a.note} onChange={(v) => setAuth(i, { ...a, note: v })} error={err(af("note"))} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn-link"
                      onClick={() => onChange({ ...value, authorizations: value.authorizations.filter((_, k) => k !== i) })}
                      data-testid={`remove-${af("row")}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange({ ...value, authorizations: [...value.authorizations, blankAuthorization()] })}
        data-testid={`add-authorization-${prefix}`}
      >
        Add authorization
      </button>
    </div>
  );
}
