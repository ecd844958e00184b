import type { Address } from "../../bindings/Address";
import { TextField } from "./fields";

interface Props {
  /** Field path of the address, e.g. `address` or `guarantor.person.address`. */
  prefix: string;
  value: Address;
  onChange: (value: Address) => void;
  err: (field: string) => string | undefined;
  hint?: string;
}

export function AddressFields({ prefix, value, onChange, err, hint }: Props) {
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
        <TextField className="w-sm" label="ZIP code" name={p("zip")} value={value.zip} inputMode="numeric" maxLength={10} onChange={set("zip")} error={err(p("zip"))} />
      </div>
    </div>
  );
}
