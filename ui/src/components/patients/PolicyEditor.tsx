import { useState } from "react";
import type { EligibilityCheck } from "../../bindings/EligibilityCheck";
import type { EligibilityStatus } from "../../bindings/EligibilityStatus";
import type { Payer } from "../../bindings/Payer";
import type { Policy } from "../../bindings/Policy";
import type { Relationship } from "../../bindings/Relationship";
import type { Responsible } from "../../bindings/Responsible";
import type { CodeLabel } from "../../ipc/commands";
import { blankEligibility } from "../../lib/blank";
import { formatDate } from "../../lib/format";
import { ELIGIBILITY_STATUSES, POLICY_ORDER, RELATIONSHIPS } from "../../lib/labels";
import { DateField, SelectField, TextField } from "../common/fields";
import { PlanLimitsEditor } from "./PlanLimitsEditor";
import { ResponsibleEditor } from "./ResponsibleEditor";

interface Props {
  index: number;
  count: number;
  value: Policy;
  payers: Payer[];
  /** Why Medicare pays second (from the Rust side, `policy_msp_types`). */
  mspTypes: readonly CodeLabel[];
  patientId: number | null;
  onChange: (p: Policy) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
  err: (field: string) => string | undefined;
}

export function relationshipOptions(r: Responsible) {
  return r.kind === "self" ? RELATIONSHIPS.filter((o) => o.value === "self") : RELATIONSHIPS.filter((o) => o.value !== "self");
}

/** A Medicare policy after the first says why Medicare pays second (837P SBR05). */
function asksMspType(index: number, payer: Payer | undefined): boolean {
  return index > 0 && payer?.kind === "medicare";
}

/** After the responsible party changes: Self only goes with self. */
export function fixRelationship(r: Responsible, rel: Relationship): Relationship {
  if (r.kind === "self") return "self";
  return rel === "self" ? "other" : rel;
}

export function PolicyEditor({ index, count, value, payers, mspTypes, patientId, onChange, onRemove, onMove, err }: Props) {
  const p = (k: string) => `policies[${index}].${k}`;
  const set = <K extends keyof Policy>(k: K, v: Policy[K]) => onChange({ ...value, [k]: v });
  const order = POLICY_ORDER[index] ?? `#${index + 1}`;

  const payerOptions = payers
    .filter((py) => py.id !== null && (py.active || py.id === value.payer_id))
    .map((py) => ({ value: String(py.id), label: py.active ? py.name : `${py.name} (inactive)` }));
  if (value.payer_id && !payerOptions.some((o) => o.value === String(value.payer_id))) {
    payerOptions.push({ value: String(value.payer_id), label: value.payer_name || `Payer #${value.payer_id}` });
  }

  const [check, setCheck] = useState<EligibilityCheck | null>(null);

  const payer = payers.find((py) => py.id === value.payer_id);
  const mspOptions = mspTypes.map((t) => ({ value: t.code, label: `${t.code} — ${t.label}` }));
  if (value.msp_type !== "" && !mspTypes.some((t) => t.code === value.msp_type)) {
    mspOptions.push({ value: value.msp_type, label: value.msp_type });
  }

  return (
    <fieldset className="policy" data-testid={`policy-${index}`}>
      <legend>{order} insurance</legend>
      <div className="policy-tools">
        <button type="button" className="btn btn-small" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move ${order.toLowerCase()} insurance up`}>
          ↑ Up
        </button>
        <button type="button" className="btn btn-small" onClick={() => onMove(1)} disabled={index >= count - 1} aria-label={`Move ${order.toLowerCase()} insurance down`}>
          ↓ Down
        </button>
        <button type="button" className="btn btn-small btn-danger" onClick={onRemove} data-testid={`remove-policy-${index}`}>
          Remove
        </button>
      </div>
      <div className="row">
        <SelectField
          className="w-lg"
          label="Insurance (payer)"
          name={p("payer_id")}
          value={value.payer_id ? String(value.payer_id) : ""}
          placeholder="— choose a payer —"
          options={payerOptions}
          onChange={(v) => {
            const id = v === "" ? 0 : Number(v);
            const chosen = payers.find((py) => py.id === id);
            // The secondary payer type belongs to Medicare policies only.
            const msp_type = chosen?.kind === "medicare" ? value.msp_type : "";
            onChange({ ...value, payer_id: id, payer_name: chosen?.name ?? "", msp_type });
          }}
          error={err(p("payer_id"))}
          required
        />
        <TextField className="w-md" label="Insured's ID (member ID)" name={p("member_id")} value={value.member_id} onChange={(v) => set("member_id", v)} error={err(p("member_id"))} required />
      </div>
      {asksMspType(index, payer) ? (
        <div className="row">
          <SelectField
            className="w-xl"
            label="Why Medicare pays second"
            name={p("msp_type")}
            value={value.msp_type}
            placeholder="— choose —"
            options={mspOptions}
            hint="Medicare Secondary Payer type: why another plan pays before Medicare"
            onChange={(v) => set("msp_type", v)}
            error={err(p("msp_type"))}
          />
        </div>
      ) : null}
      <div className="row">
        <TextField className="w-md" label="Group number" name={p("group_number")} value={value.group_number} onChange={(v) => set("group_number", v)} error={err(p("group_number"))} />
        <TextField className="w-lg" label="Group / plan name" name={p("group_name")} value={value.group_name} onChange={(v) => set("group_name", v)} error={err(p("group_name"))} />
      </div>
      <div className="row">
        <DateField className="w-sm" label="Effective from" name={p("effective_from")} value={value.effective_from} onChange={(v) => set("effective_from", v)} error={err(p("effective_from"))} />
        <DateField className="w-sm" label="Effective to" name={p("effective_to")} value={value.effective_to} onChange={(v) => set("effective_to", v)} error={err(p("effective_to"))} hint="Blank = still in effect" />
        <TextField className="w-sm" label="Copay" name={p("copay")} value={value.copay} inputMode="decimal" placeholder="0.00" onChange={(v) => set("copay", v)} error={err(p("copay"))} />
      </div>
      <ResponsibleEditor
        prefix={p("subscriber")}
        role="Subscriber (insured)"
        value={value.subscriber}
        patientId={patientId}
        err={err}
        onChange={(subscriber) => onChange({ ...value, subscriber, relationship: fixRelationship(subscriber, value.relationship) })}
      />
      <div className="row">
        <SelectField
          className="w-md"
          label="Patient's relationship to insured"
          name={p("relationship")}
          value={value.relationship}
          options={relationshipOptions(value.subscriber)}
          onChange={(v) => set("relationship", v as Relationship)}
          error={err(p("relationship"))}
        />
      </div>

      <PlanLimitsEditor prefix={`policies[${index}]`} value={value.limits} onChange={(limits) => set("limits", limits)} err={err} />

      <div className="eligibility">
        <h4>Eligibility verification</h4>
        {value.eligibility.length > 0 ? (
          <table className="grid compact">
            <thead>
              <tr>
                <th>Checked on</th>
                <th>Status</th>
                <th>Note</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {value.eligibility.map((c, j) => {
                const e = ["", ".checked_on", ".status", ".note"]
                  .map((k) => p(`eligibility[${j}]${k}`))
                  .flatMap((path) => {
                    const m = err(path);
                    return m ? [{ path, m }] : [];
                  });
                return (
                  <tr key={c.id ?? `new-${j}`} className={c.id === null ? "pending" : ""}>
                    <td>{formatDate(c.checked_on)}</td>
                    <td>{ELIGIBILITY_STATUSES.find((s) => s.value === c.status)?.label ?? c.status}</td>
                    <td>
                      {c.note}
                      {e.map(({ path, m }) => (
                        <div key={path} className="field-error" data-testid={`error-${path}`} role="alert">
                          {m}
                        </div>
                      ))}
                    </td>
                    <td>
                      {c.id === null ? (
                        <button type="button" className="btn-link" onClick={() => set("eligibility", value.eligibility.filter((_, k) => k !== j))}>
                          Remove (not saved yet)
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="muted">No verification recorded.</p>
        )}
        {check ? (
          <div className="row add-check">
            <DateField className="w-sm" label="Checked on" name={`${p("new_check")}.checked_on`} value={check.checked_on} onChange={(v) => setCheck({ ...check, checked_on: v })} />
            <SelectField className="w-sm" label="Status" name={`${p("new_check")}.status`} value={check.status} options={ELIGIBILITY_STATUSES} onChange={(v) => setCheck({ ...check, status: v as EligibilityStatus })} />
            <TextField className="w-xl" label="Note (who/what was verified)" name={`${p("new_check")}.note`} value={check.note} onChange={(v) => setCheck({ ...check, note: v })} />
            <div className="field-actions">
              <button
                type="button"
                className="btn"
                onClick={() => {
                  set("eligibility", [...value.eligibility, check]);
                  setCheck(null);
                }}
              >
                Add
              </button>
              <button type="button" className="btn-link" onClick={() => setCheck(null)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setCheck(blankEligibility())} data-testid={`add-verification-${index}`}>
            Add verification
          </button>
        )}
      </div>
    </fieldset>
  );
}
