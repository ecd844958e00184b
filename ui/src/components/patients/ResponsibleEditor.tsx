import type { Responsible } from "../../bindings/Responsible";
import { blankPerson } from "../../lib/blank";
import { PatientPicker } from "./PatientPicker";
import { PersonFields } from "./PersonFields";

interface Props {
  /** `guarantor` or `policies[0].subscriber`. */
  prefix: string;
  /** "Guarantor" / "Subscriber (insured)". */
  role: string;
  value: Responsible;
  onChange: (v: Responsible) => void;
  err: (field: string) => string | undefined;
  patientId: number | null;
}

/** Self / another patient of this practice / another person. */
export function ResponsibleEditor({ prefix, role, value, onChange, err, patientId }: Props) {
  const radio = `${prefix}.kind`;
  const choose = (kind: Responsible["kind"]) => {
    if (kind === value.kind) return;
    if (kind === "self") onChange({ kind: "self" });
    else if (kind === "patient") onChange({ kind: "patient", patient_id: 0, name: "" });
    else onChange({ kind: "person", person: blankPerson() });
  };
  const whole = err(prefix);
  return (
    <div className="responsible">
      <fieldset className="radios" aria-label={role}>
        <legend>{role}</legend>
        <label>
          <input type="radio" name={radio} value="self" checked={value.kind === "self"} onChange={() => choose("self")} /> The patient
        </label>
        <label>
          <input type="radio" name={radio} value="patient" checked={value.kind === "patient"} onChange={() => choose("patient")} /> Another patient of this practice
        </label>
        <label>
          <input type="radio" name={radio} value="person" checked={value.kind === "person"} onChange={() => choose("person")} /> Another person
        </label>
      </fieldset>
      {whole ? (
        <div className="field-error" data-testid={`error-${prefix}`} role="alert">
          {whole}
        </div>
      ) : null}
      {value.kind === "patient" ? (
        <div className="row">
          {value.patient_id ? (
            <div className="picked">
              <span className="field-label">{role}</span>
              <strong>{value.name || `Patient #${value.patient_id}`}</strong>{" "}
              <button type="button" className="btn btn-small" onClick={() => onChange({ kind: "patient", patient_id: 0, name: "" })}>
                Change…
              </button>
            </div>
          ) : (
            <PatientPicker
              label={`Find the ${role.toLowerCase()}`}
              name={`${prefix}.patient_id`}
              excludeId={patientId}
              error={err(`${prefix}.patient_id`)}
              onPick={(id, name) => onChange({ kind: "patient", patient_id: id, name })}
            />
          )}
        </div>
      ) : null}
      {value.kind === "person" ? (
        <PersonFields prefix={`${prefix}.person`} value={value.person} onChange={(person) => onChange({ kind: "person", person })} err={err} />
      ) : null}
    </div>
  );
}
