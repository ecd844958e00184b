import type { Payer } from "../../bindings/Payer";
import type { PayerKind } from "../../bindings/PayerKind";
import { FILING_INDICATORS, PAYER_KINDS, USUAL_FILING_INDICATOR } from "../../lib/labels";
import { AddressFields } from "../common/AddressFields";
import { CheckField, SelectField, TextField } from "../common/fields";

interface Props {
  value: Payer;
  onChange: (p: Payer) => void;
  err: (field: string) => string | undefined;
}

const FILING_OPTIONS = FILING_INDICATORS.map((f) => ({ value: f.code, label: `${f.code} — ${f.label}` }));

export function PayerForm({ value, onChange, err }: Props) {
  const set = <K extends keyof Payer>(k: K, v: Payer[K]) => onChange({ ...value, [k]: v });
  return (
    <div className="payer-form">
      <div className="row">
        <TextField className="w-lg" label="Payer name" name="name" value={value.name} onChange={(v) => set("name", v)} error={err("name")} required autoFocus />
      </div>
      <div className="row">
        <SelectField
          className="w-md"
          label="Kind of insurance"
          name="kind"
          value={value.kind}
          options={PAYER_KINDS}
          onChange={(v) => {
            const kind = v as PayerKind;
            // Only a Medigap insurer has a COBA Medigap ID; it is blank for every other kind.
            const next = { ...value, kind, coba_id: kind === "medigap" ? value.coba_id : "" };
            // On a new payer, preselect the usual claim filing indicator for that kind.
            onChange(value.id === null ? { ...next, claim_filing_indicator: USUAL_FILING_INDICATOR[kind] } : next);
          }}
          error={err("kind")}
        />
        <SelectField
          className="w-lg"
          label="Claim filing indicator"
          name="claim_filing_indicator"
          value={value.claim_filing_indicator}
          options={FILING_OPTIONS}
          placeholder="— choose —"
          onChange={(v) => set("claim_filing_indicator", v)}
          error={err("claim_filing_indicator")}
        />
      </div>
      {value.kind === "medigap" ? (
        <div className="row">
          <TextField
            className="w-sm"
            label="COBA Medigap ID"
            name="coba_id"
            value={value.coba_id}
            inputMode="numeric"
            maxLength={5}
            placeholder="55000-59999"
            hint="Medicare's crossover ID for this insurer, printed in item 9d"
            onChange={(v) => set("coba_id", v)}
            error={err("coba_id")}
          />
        </div>
      ) : null}
      <div className="row">
        <TextField className="w-sm" label="Payer ID (electronic)" name="payer_id" value={value.payer_id} onChange={(v) => set("payer_id", v)} error={err("payer_id")} hint="Blank for paper-only payers" />
        <TextField className="w-md" type="tel" label="Phone" name="phone" value={value.phone} onChange={(v) => set("phone", v)} error={err("phone")} />
        <TextField
          className="w-xs"
          type="number"
          label="Timely filing (days)"
          name="timely_filing_days"
          value={String(value.timely_filing_days)}
          inputMode="numeric"
          onChange={(v) => {
            const n = Number.parseInt(v, 10);
            set("timely_filing_days", Number.isFinite(n) ? n : 0);
          }}
          error={err("timely_filing_days")}
        />
      </div>
      <h5>Paper claims mailing address</h5>
      <AddressFields prefix="address" value={value.address} onChange={(a) => set("address", a)} err={err} />
      <div className="row">
        <CheckField label="Accept assignment by default (box 27)" name="accept_assignment" checked={value.accept_assignment} onChange={(v) => set("accept_assignment", v)} error={err("accept_assignment")} />
        <CheckField label="Active" name="active" checked={value.active} onChange={(v) => set("active", v)} error={err("active")} />
      </div>
    </div>
  );
}
