import type { Address } from "../../bindings/Address";
import { TextField } from "./fields";

interface Props {
  /** Field path of the address, e.g. `address` or `guarantor.person.address`. */
  prefix: string;
  value: Address;
  onChange: (value: Address) => void;
  err: (field: string) => string | undefined;
  hint?: string;
  /** The ZIP code must be ZIP+4 (billing provider and service facility addresses). */
  zipPlus4?: boolean;
}

export function AddressFields({ prefix, value, onChange, err, hint, zipPlus4 = false }: Props) {
  const set = (k: keyof Address) => (v: string) => onChange({ ...value, [k]: v });
  const p = (k: string) => `${prefix}.${k}`;
  return (
    <div className="address-fields">
      {hint ? <div className="section-hint">{hint}</div> : null}
      <div className="row">
        <TextField className="w-xl" label="Street address" name={p("line1")} value={value.line1} onChange={set("line1")} error={err(p("line1"))} />
      </div>
      <div className="row">
        <TextField className="w-xl" label="Address line 2" name={p("line2")} value={value.line2} onChange={set("line2")} error={err(p("line2"))} />
      </div>
      <div className="row">
        <TextField className="w-lg" label="City" name={p("city")} value={value.city} onChange={set("city")} error={err(p("city"))} />
        <TextField className="w-xs" label="State" name={p("state")} value={value.state} maxLength={2} onChange={(v) => set("state")(v.toUpperCase())} error={err(p("state"))} />
        <TextField
          className="w-sm"
          label={zipPlus4 ? "ZIP+4" : "ZIP code"}
          name={p("zip")}
          value={value.zip}
          inputMode="numeric"
          maxLength={10}
          placeholder={zipPlus4 ? "78701-1234" : undefined}
          hint={zipPlus4 ? "All 9 digits, e.g. 78701-1234" : undefined}
          onChange={set("zip")}
          error={err(p("zip"))}
        />
      </div>
    </div>
  );
}
