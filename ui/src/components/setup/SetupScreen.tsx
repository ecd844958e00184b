import { useState } from "react";
import type { Facility } from "../../bindings/Facility";
import type { Payer } from "../../bindings/Payer";
import type { PracticeFileInfo } from "../../bindings/PracticeFileInfo";
import type { Provider } from "../../bindings/Provider";
import { facilitiesList, facilitySave, payerSave, payersList, providerSave, providersList } from "../../ipc/commands";
import { blankFacility, blankPayer, blankProvider } from "../../lib/blank";
import { formatPhone } from "../../lib/format";
import { payerKindLabel } from "../../lib/labels";
import { AddressFields } from "../common/AddressFields";
import { CheckField, TextField } from "../common/fields";
import { PracticeDetails } from "../practice/PracticeDetails";
import { ClearinghouseSettings } from "../settings/ClearinghouseSettings";
import { PrinterSettings } from "../settings/PrinterSettings";
import { PayerForm } from "./PayerForm";
import { SetupList } from "./SetupList";
import { PostingRulesSettings } from "../settings/PostingRulesSettings";
import { PromptPaySettings } from "../settings/PromptPaySettings";
import { keys } from "../../ipc/queryKeys";
import { useCan } from "../../session/session";

export type SetupTab = "practice" | "providers" | "facilities" | "payers" | "printing" | "electronic";
type Tab = SetupTab;
const TABS: Array<{ id: Tab; label: string }> = [
  { id: "practice", label: "Practice details" },
  { id: "providers", label: "Providers" },
  { id: "facilities", label: "Facilities" },
  { id: "payers", label: "Payers" },
  { id: "printing", label: "Printing" },
  { id: "electronic", label: "Electronic claims" },
];

interface Props {
  info: PracticeFileInfo;
  onPracticeSaved: (info: PracticeFileInfo) => void;
  /** The tab to open on (default: Practice details). */
  initialTab?: SetupTab;
}

export function SetupScreen({ info, onPracticeSaved, initialTab = "practice" }: Props) {
  const [tab, setTab] = useState<Tab>(initialTab);
  return (
    <div className="screen">
      <header className="screen-head">
        <h2>Practice setup</h2>
      </header>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? "tab active" : "tab"} onClick={() => setTab(t.id)} data-testid={`setup-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === "practice" ? (
        <>
          <PracticeDetails info={info} onSaved={onPracticeSaved} />
          <PromptPaySettings />
        </>
      ) : null}
      {tab === "providers" ? <ProvidersList /> : null}
      {tab === "facilities" ? <FacilitiesList /> : null}
      {tab === "payers" ? <PayersList /> : null}
      {tab === "printing" ? <PrinterSettings /> : null}
      {tab === "electronic" ? (
        <>
          <ClearinghouseSettings />
          <PostingRulesSettings />
        </>
      ) : null}
    </div>
  );
}

const yes = (b: boolean) => (b ? "Yes" : "");

function ProvidersList() {
  const canSave = useCan("provider_save");
  return (
    <SetupList<Provider>
      canSave={canSave}
      title="Providers (rendering and referring)"
      noun="provider"
      load={providersList}
      queryKey={keys.providers}
      save={providerSave}
      blank={blankProvider}
      columns={[
        { header: "Name", cell: (p) => `${p.last_name}, ${p.first_name}${p.middle_name ? ` ${p.middle_name.charAt(0)}` : ""}` },
        { header: "Credentials", cell: (p) => p.credentials },
        { header: "NPI", cell: (p) => p.npi, className: "mono" },
        { header: "Taxonomy", cell: (p) => p.taxonomy, className: "mono" },
        { header: "Rendering", cell: (p) => yes(p.is_rendering) },
        { header: "Referring", cell: (p) => yes(p.is_referring) },
        { header: "Active", cell: (p) => (p.active ? "Yes" : "No") },
      ]}
      renderForm={(v, on, err) => {
        const set = <K extends keyof Provider>(k: K, x: Provider[K]) => on({ ...v, [k]: x });
        return (
          <>
            <div className="row">
              <TextField className="w-md" label="Last name" name="last_name" value={v.last_name} onChange={(x) => set("last_name", x)} error={err("last_name")} required autoFocus />
              <TextField className="w-md" label="First name" name="first_name" value={v.first_name} onChange={(x) => set("first_name", x)} error={err("first_name")} required />
              <TextField className="w-sm" label="Middle" name="middle_name" value={v.middle_name} onChange={(x) => set("middle_name", x)} error={err("middle_name")} />
            </div>
            <div className="row">
              <TextField className="w-sm" label="Credentials" name="credentials" value={v.credentials} placeholder="DC, MD, NP…" onChange={(x) => set("credentials", x)} error={err("credentials")} />
              <TextField className="w-sm" label="NPI (individual)" name="npi" value={v.npi} inputMode="numeric" maxLength={10} onChange={(x) => set("npi", x)} error={err("npi")} />
              <TextField className="w-sm" label="Taxonomy code" name="taxonomy" value={v.taxonomy} maxLength={10} onChange={(x) => set("taxonomy", x.toUpperCase())} error={err("taxonomy")} />
              <TextField className="w-sm" label="License number" name="license_number" value={v.license_number} onChange={(x) => set("license_number", x)} error={err("license_number")} />
            </div>
            <div className="row">
              <CheckField label="Rendering provider" name="is_rendering" checked={v.is_rendering} onChange={(x) => set("is_rendering", x)} error={err("is_rendering")} />
              <CheckField label="Referring provider" name="is_referring" checked={v.is_referring} onChange={(x) => set("is_referring", x)} error={err("is_referring")} />
              <CheckField label="Active" name="active" checked={v.active} onChange={(x) => set("active", x)} error={err("active")} />
            </div>
          </>
        );
      }}
    />
  );
}

function FacilitiesList() {
  const canSave = useCan("facility_save");
  return (
    <SetupList<Facility>
      canSave={canSave}
      title="Service facilities"
      noun="facility"
      load={facilitiesList}
      queryKey={keys.facilities}
      save={facilitySave}
      blank={blankFacility}
      columns={[
        { header: "Name", cell: (f) => f.name },
        { header: "NPI", cell: (f) => f.npi, className: "mono" },
        { header: "Address", cell: (f) => [f.address.line1, f.address.city, f.address.state].filter(Boolean).join(", ") },
        { header: "POS", cell: (f) => f.place_of_service, className: "mono" },
        { header: "Active", cell: (f) => (f.active ? "Yes" : "No") },
      ]}
      renderForm={(v, on, err) => {
        const set = <K extends keyof Facility>(k: K, x: Facility[K]) => on({ ...v, [k]: x });
        return (
          <>
            <div className="row">
              <TextField className="w-lg" label="Facility name" name="name" value={v.name} onChange={(x) => set("name", x)} error={err("name")} required autoFocus />
              <TextField className="w-sm" label="NPI (organization, optional)" name="npi" value={v.npi} inputMode="numeric" maxLength={10} onChange={(x) => set("npi", x)} error={err("npi")} />
              <TextField className="w-xs" label="Place of service" name="place_of_service" value={v.place_of_service} maxLength={2} hint="11 office, 22 outpatient…" onChange={(x) => set("place_of_service", x)} error={err("place_of_service")} />
            </div>
            <AddressFields prefix="address" value={v.address} onChange={(a) => set("address", a)} err={err} zipPlus4 />
            <CheckField label="Active" name="active" checked={v.active} onChange={(x) => set("active", x)} error={err("active")} />
          </>
        );
      }}
    />
  );
}

function PayersList() {
  const canSave = useCan("payer_save");
  return (
    <SetupList<Payer>
      canSave={canSave}
      title="Payers (insurance companies and programs)"
      noun="payer"
      load={payersList}
      queryKey={keys.payers}
      save={payerSave}
      blank={blankPayer}
      columns={[
        { header: "Name", cell: (p) => p.name },
        { header: "Kind", cell: (p) => payerKindLabel(p.kind) },
        { header: "Payer ID", cell: (p) => p.payer_id, className: "mono" },
        { header: "Filing", cell: (p) => p.claim_filing_indicator, className: "mono" },
        { header: "Timely filing", cell: (p) => `${p.timely_filing_days} days`, className: "num" },
        { header: "Phone", cell: (p) => formatPhone(p.phone) },
        { header: "Active", cell: (p) => (p.active ? "Yes" : "No") },
      ]}
      renderForm={(v, on, err) => <PayerForm value={v} onChange={on} err={err} />}
    />
  );
}
