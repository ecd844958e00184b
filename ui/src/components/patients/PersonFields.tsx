import type { Person } from "../../bindings/Person";
import type { Sex } from "../../bindings/Sex";
import { SEXES } from "../../lib/labels";
import { AddressFields } from "../common/AddressFields";
import { DateField, SelectField, TextField } from "../common/fields";

interface Props {
  /** e.g. `guarantor.person` or `policies[0].subscriber.person`. */
  prefix: string;
  value: Person;
  onChange: (p: Person) => void;
  err: (field: string) => string | undefined;
}

/** A guarantor or subscriber who is not a patient of the practice. */
export function PersonFields({ prefix, value, onChange, err }: Props) {
  const p = (k: string) => `${prefix}.${k}`;
  const set = <K extends keyof Person>(k: K, v: Person[K]) => onChange({ ...value, [k]: v });
  return (
    <div className="person-fields">
      <div className="row">
        <TextField className="w-md" label="Last name" name={p("last_name")} value={value.last_name} onChange={(v) => set("last_name", v)} error={err(p("last_name"))} required />
        <TextField className="w-md" label="First name" name={p("first_name")} value={value.first_name} onChange={(v) => set("first_name", v)} error={err(p("first_name"))} required />
        <TextField className="w-sm" label="Middle" name={p("middle_name")} value={value.middle_name} onChange={(v) => set("middle_name", v)} error={err(p("middle_name"))} />
      </div>
      <div className="row">
        <DateField className="w-sm" label="Birth date" name={p("birth_date")} value={value.birth_date} onChange={(v) => set("birth_date", v)} error={err(p("birth_date"))} />
        <SelectField className="w-sm" label="Sex" name={p("sex")} value={value.sex} options={SEXES} onChange={(v) => set("sex", v as Sex)} error={err(p("sex"))} />
        <TextField className="w-md" label="Phone" type="tel" name={p("phone")} value={value.phone} onChange={(v) => set("phone", v)} error={err(p("phone"))} />
      </div>
      <AddressFields prefix={p("address")} value={value.address} onChange={(a) => set("address", a)} err={err} hint="Leave the address blank when it is the same as the patient's." />
    </div>
  );
}
