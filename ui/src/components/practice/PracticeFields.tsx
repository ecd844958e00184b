import type { BillingEntity } from "../../bindings/BillingEntity";
import type { Practice } from "../../bindings/Practice";
import type { TaxIdKind } from "../../bindings/TaxIdKind";
import { AddressFields } from "../common/AddressFields";
import { SelectField, TextField } from "../common/fields";

interface Props {
  value: Practice;
  onChange: (p: Practice) => void;
  err: (field: string) => string | undefined;
  autoFocus?: boolean;
}

/** The billing provider's details (CMS-1500 boxes 25 and 33; 837P loop 2010AA). */
export function PracticeFields({ value, onChange, err, autoFocus }: Props) {
  const set = <K extends keyof Practice>(k: K, v: Practice[K]) => onChange({ ...value, [k]: v });
  const individual = value.billing_entity === "individual";
  return (
    <div className="practice-fields">
      <div className="row">
        <TextField className="w-xl" label="Practice legal name (as registered with NPPES)" name="name" value={value.name} onChange={(v) => set("name", v)} error={err("name")} required autoFocus={autoFocus} />
      </div>
      <div className="row">
        <SelectField
          className="w-lg"
          label="Claims are billed by"
          name="billing_entity"
          value={value.billing_entity}
          options={[
            { value: "group", label: "The group (organization NPI, type 2)" },
            { value: "individual", label: "A solo provider (individual NPI, type 1)" },
          ]}
          onChange={(v) => set("billing_entity", v as BillingEntity)}
          error={err("billing_entity")}
        />
        <TextField className="w-sm" label={individual ? "Billing NPI (individual)" : "Billing NPI (group)"} name="npi" value={value.npi} inputMode="numeric" maxLength={10} onChange={(v) => set("npi", v)} error={err("npi")} required />
      </div>
      {individual ? (
        <div className="row">
          <TextField className="w-lg" label="Provider name (Last, First)" name="contact_name" value={value.contact_name} onChange={(v) => set("contact_name", v)} error={err("contact_name")} hint="Goes on claims instead of the practice name" />
        </div>
      ) : null}
      <div className="row">
        <SelectField
          className="w-md"
          label="Federal tax ID type (box 25)"
          name="tax_id_kind"
          value={value.tax_id_kind}
          options={[
            { value: "ein", label: "EIN (employer ID)" },
            { value: "ssn", label: "SSN (sole provider)" },
          ]}
          onChange={(v) => set("tax_id_kind", v as TaxIdKind)}
          error={err("tax_id_kind")}
        />
        <TextField className="w-sm" label="Federal tax ID" name="tax_id" value={value.tax_id} placeholder={value.tax_id_kind === "ein" ? "12-3456789" : "123-45-6789"} onChange={(v) => set("tax_id", v)} error={err("tax_id")} required />
        <TextField className="w-sm" label="Taxonomy code" name="taxonomy" value={value.taxonomy} maxLength={10} placeholder="111N00000X" onChange={(v) => set("taxonomy", v.toUpperCase())} error={err("taxonomy")} required />
      </div>
      <AddressFields prefix="address" value={value.address} onChange={(a) => set("address", a)} err={err} hint="Street address of the billing provider (no PO box on electronic claims), with the ZIP+4." zipPlus4 />
      <div className="row">
        <TextField className="w-md" type="tel" label="Phone" name="phone" value={value.phone} onChange={(v) => set("phone", v)} error={err("phone")} required />
        <TextField className="w-lg" type="email" label="E-mail (optional)" name="email" value={value.email} onChange={(v) => set("email", v)} error={err("email")} />
      </div>
    </div>
  );
}

/** Practice commands may report fields as `name` or `practice.name`; accept both. */
export function practiceErr(lookup: (f: string) => string | undefined) {
  return (f: string) => lookup(f) ?? lookup(`practice.${f}`);
}
