import type { FeeEntry } from "../../bindings/FeeEntry";
import type { Payer } from "../../bindings/Payer";
import { DateField, SelectField, TextField } from "../common/fields";

interface Props {
  value: FeeEntry;
  payers: Payer[];
  onChange: (f: FeeEntry) => void;
  err: (field: string) => string | undefined;
}

export function FeeForm({ value, payers, onChange, err }: Props) {
  const set = <K extends keyof FeeEntry>(k: K, v: FeeEntry[K]) => onChange({ ...value, [k]: v });
  const scheduleOptions = [
    { value: "", label: "Standard fee (practice charge)" },
    ...payers.filter((p) => p.id !== null).map((p) => ({ value: String(p.id), label: `${p.name} — contracted allowed` })),
  ];
  return (
    <>
      <div className="row">
        <SelectField
          className="w-lg"
          label="Schedule"
          name="payer_id"
          value={value.payer_id === null ? "" : String(value.payer_id)}
          options={scheduleOptions}
          onChange={(v) => set("payer_id", v === "" ? null : Number(v))}
          error={err("payer_id")}
        />
      </div>
      <div className="row">
        <TextField className="w-sm" label="Code (CPT/HCPCS)" name="code" value={value.code} maxLength={5} onChange={(v) => set("code", v.toUpperCase())} error={err("code")} required autoFocus />
        <TextField className="w-xs" label="Modifier" name="modifier" value={value.modifier} maxLength={2} onChange={(v) => set("modifier", v.toUpperCase())} error={err("modifier")} />
        <TextField className="w-sm" label="Amount" name="amount" value={value.amount} inputMode="decimal" placeholder="0.00" onChange={(v) => set("amount", v)} error={err("amount")} required />
      </div>
      <div className="row">
        <TextField className="w-xl" label="Description (your own wording)" name="description" value={value.description} onChange={(v) => set("description", v)} error={err("description")} />
      </div>
      <div className="row">
        <DateField className="w-sm" label="Effective from" name="effective_from" value={value.effective_from} onChange={(v) => set("effective_from", v)} error={err("effective_from")} />
        <DateField className="w-sm" label="Effective to" name="effective_to" value={value.effective_to} onChange={(v) => set("effective_to", v)} error={err("effective_to")} hint="Blank = still in effect" />
      </div>
    </>
  );
}
