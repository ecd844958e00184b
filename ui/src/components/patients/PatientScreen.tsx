import { useEffect, useRef, useState } from "react";
import { useClearDraftScope, useDraft } from "../../session/drafts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { Patient } from "../../bindings/Patient";
import type { Relationship } from "../../bindings/Relationship";
import type { Sex } from "../../bindings/Sex";
import { useFormKeys } from "../../hooks/useFormKeys";
import { patientBalance, patientGet, patientSave, patientSetActive, payersList, policyMspTypes } from "../../ipc/commands";
import { keys } from "../../ipc/queryKeys";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { blankPatient, blankPolicy } from "../../lib/blank";
import { formatName } from "../../lib/format";
import { SEXES } from "../../lib/labels";
import { AddressFields } from "../common/AddressFields";
import { ErrorBanner, Notice } from "../common/Banner";
import { DateField, SelectField, TextField } from "../common/fields";
import { PlanForm } from "../plans/PlanForm";
import { PatientBalance, PatientLedger, PatientPayments, PatientPlans, PatientStatements, StatementMailingNotice } from "./PatientAccount";
import { RefundCredit, TakePayment } from "./TakePayment";
import { PolicyEditor, fixRelationship, relationshipOptions } from "./PolicyEditor";
import { CarePackages } from "../care/CarePackages";
import { MedicareCare } from "../care/MedicareCare";
import { InjuryCases } from "../care/InjuryCases";
import { ResponsibleEditor } from "./ResponsibleEditor";
import { VisitsList } from "../visits/VisitsList";
import { useCan } from "../../session/session";

const MAX_POLICIES = 3;

const PERSON = String.raw`\.person\.(last_name|first_name|middle_name|birth_date|sex|phone|address\.(line1|line2|city|state|zip))`;
const RESP = String.raw`(|\.kind|\.patient_id|${PERSON})`;
const KNOWN = new RegExp(
  "^(" +
    [
      "account_number|last_name|first_name|middle_name|suffix|birth_date|sex|home_phone|cell_phone|email",
      String.raw`address\.(line1|line2|city|state|zip)`,
      `guarantor${RESP}`,
      "guarantor_relationship",
      String.raw`policies\[\d+\]\.(payer_id|member_id|group_number|group_name|relationship|effective_from|effective_to|copay|msp_type)`,
      String.raw`policies\[\d+\]\.subscriber${RESP}`,
      String.raw`policies\[\d+\]\.eligibility\[\d+\](\.(checked_on|status|note))?`,
    ].join("|") +
    ")$",
);

/** A failed read as the banner shows it (null when nothing failed). */
function queryReport(error: unknown): ErrorReport | null {
  return error ? toErrorReport(error) : null;
}

/** Whether the patient screen shows this field path next to an input. */
export function isPatientFieldShown(field: string): boolean {
  return KNOWN.test(field);
}

/** The patient screen's sections: the account one click away from the record. */
export type PatientTab = "account" | "visits" | "details" | "statements" | "care";

const TABS: { id: PatientTab; label: string; key: string }[] = [
  { id: "account", label: "Account", key: "1" },
  { id: "visits", label: "Visits", key: "2" },
  { id: "details", label: "Demographics & insurance", key: "3" },
  { id: "statements", label: "Statements & plans", key: "4" },
  { id: "care", label: "Care & cases", key: "5" },
];

interface Props {
  /** null = register a new patient. */
  patientId: number | null;
  onClose: () => void;
  /** After a save or (de)activation, so the search list can refresh. */
  onSaved?: (p: Patient) => void;
  /** Open a visit's charge entry (null = a new visit) for this (saved) patient. */
  onOpenVisit?: (visitId: number | null, patientId: number) => void;
  /** The section to open on (an existing patient opens on the account). */
  initialTab?: PatientTab;
}

export function PatientScreen(props: Props) {
  const { patientId, onClose } = props;
  const client = useQueryClient();
  // Opening a patient reads their record and account afresh: postings happen on other screens
  // (835s, EOBs, charge entry, statement runs). Marked stale before anything mounts, so each
  // query fetches once.
  useState(() => {
    if (patientId === null) return;
    for (const queryKey of [keys.patient(patientId), keys.account(patientId), keys.visits(patientId)]) {
      void client.invalidateQueries({ queryKey, refetchType: "none" });
    }
  });
  const q = useQuery({ queryKey: keys.patient(patientId ?? 0), queryFn: () => patientGet(patientId!), enabled: patientId !== null });

  if (patientId !== null && q.isPending) {
    return (
      <div className="screen" data-testid="patient-screen">
        <p className="muted">Loading patient…</p>
      </div>
    );
  }
  if (patientId !== null && !q.data) {
    return (
      <div className="screen" data-testid="patient-screen">
        <header className="screen-head">
          <button type="button" className="btn" data-testid="back-to-patients" onClick={onClose}>
            ← Patients
          </button>
        </header>
        <ErrorBanner report={toErrorReport(q.error)} />
      </div>
    );
  }
  return <PatientRecord {...props} initial={q.data ?? blankPatient()} />;
}

function PatientRecord({ patientId, onClose, onSaved, onOpenVisit, initialTab, initial }: Props & { initial: Patient }) {
  const canSave = useCan("patient_save");
  const canSetActive = useCan("patient_set_active");
  const canPay = useCan("payment_post");
  const canPlan = useCan("plan_create");
  const canRefund = useCan("credit_refund");
  const canVisit = useCan("visit_save");
  const client = useQueryClient();
  // The record as typed, its saved state and the open section outlive a screen lock (drafts).
  const [patient, setPatient] = useDraft<Patient>("patient", initial);
  const [baseline, setBaseline] = useDraft<string>("baseline", () => JSON.stringify(initial));
  const clearDrafts = useClearDraftScope();
  const close = () => {
    clearDrafts();
    onClose();
  };
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [deactivating, setDeactivating] = useState<string | null>(null);
  const [tab, setTab] = useDraft<PatientTab>("tab", patientId === null ? "details" : (initialTab ?? "account"));
  const firstInput = useRef<HTMLDivElement>(null);
  // The desk's panels above the sections.
  const [panel, setPanel] = useState<"payment" | "plan" | "refund" | null>(null);
  // Each click on a desk button starts that panel afresh (a second payment after a receipt).
  const [panelN, setPanelN] = useState(0);
  const openPanel = (p: "payment" | "plan" | "refund") => {
    setPanel(p);
    setPanelN((n) => n + 1);
  };
  const payers = useQuery({ queryKey: keys.payers, queryFn: payersList });
  const mspTypes = useQuery({ queryKey: keys.mspTypes, queryFn: policyMspTypes });
  const saved = patient.id !== null && patientId !== null;
  const balance = useQuery({ queryKey: keys.balance(patient.id ?? 0), queryFn: () => patientBalance(patient.id!), enabled: saved });
  /** A posting changes balances across the family, the plans and collections worklists. */
  const refreshAccount = () => {
    for (const queryKey of [keys.accounts, keys.plans, keys.collections]) void client.invalidateQueries({ queryKey });
  };
  const [payments, setPayments] = useState(false);

  // The record's saved state: the cache, the baseline "unsaved changes" compares with, and
  // what depends on the address (statement mailing) and the guarantor (family balance).
  const accept = (p: Patient) => {
    setPatient(p);
    setBaseline(JSON.stringify(p));
    setReport(null);
    if (p.id !== null) {
      client.setQueryData(keys.patient(p.id), p);
      void client.invalidateQueries({ queryKey: keys.mailing(p.id) });
      void client.invalidateQueries({ queryKey: keys.familyBalance(p.id) });
    }
    onSaved?.(p);
  };
  const saveM = useMutation({
    mutationFn: (p: Patient) => patientSave(p),
    onSuccess: (p, sent) => {
      accept(p);
      setNotice(sent.id === null ? `Patient registered — account ${p.account_number}.` : "Patient saved.");
    },
    onError: (e) => {
      const r = toErrorReport(e);
      setReport(r);
      // The fields in question are on the record's section.
      if (r.fields.length > 0) setTab("details");
    },
  });
  const activeM = useMutation({
    mutationFn: ({ id, active, reason }: { id: number; active: boolean; reason: string }) => patientSetActive(id, active, reason),
    onSuccess: (p, { active }) => {
      accept(p);
      setDeactivating(null);
      setNotice(active ? "Patient reactivated." : "Patient deactivated.");
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const saving = saveM.isPending;

  // Alt+1..4 switch sections from anywhere on the screen (billers keep their hands on the keys).
  useEffect(() => {
    if (!saved) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.altKey && !e.ctrlKey && !e.metaKey ? TABS.find((x) => x.key === e.key) : undefined;
      if (!t) return;
      e.preventDefault();
      setTab(t.id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saved]);

  useEffect(() => {
    if (tab === "details") firstInput.current?.querySelector<HTMLInputElement>('input[name="last_name"]')?.focus();
  }, [tab]);

  const err = (f: string) => fieldError(report, f);
  const update = (fn: (p: Patient) => Patient) => {
    setPatient(fn);
    setNotice(null);
  };
  const set = <K extends keyof Patient>(k: K, v: Patient[K]) => update((p) => ({ ...p, [k]: v }));
  const dirty = JSON.stringify(patient) !== baseline;

  const save = async (): Promise<Patient | null> => {
    if (saving) return null;
    setNotice(null);
    return saveM.mutateAsync(patient).catch(() => null);
  };

  /** Unsaved patient changes are saved first, so the visit bills what is on screen. */
  const openVisit = async (visitId: number | null) => {
    if (!onOpenVisit) return;
    let id = patient.id;
    if (dirty) {
      const saved = await save();
      if (!saved) return;
      id = saved.id;
    }
    if (id === null) return;
    clearDrafts();
    onOpenVisit(visitId, id);
  };

  const cancel = () => {
    if (deactivating !== null) {
      setDeactivating(null);
    } else if (dirty && !confirmDiscard) {
      setConfirmDiscard(true);
    } else {
      close();
    }
  };

  useFormKeys({ onSave: () => void save(), onCancel: cancel });

  const setActive = (active: boolean, reason: string) => {
    if (patient.id !== null) activeM.mutate({ id: patient.id, active, reason });
  };

  const policies = patient.policies;
  const setPolicies = (fn: (ps: Patient["policies"]) => Patient["policies"]) => update((p) => ({ ...p, policies: fn(p.policies) }));
  const movePolicy = (i: number, delta: -1 | 1) =>
    setPolicies((ps) => {
      const j = i + delta;
      if (j < 0 || j >= ps.length) return ps;
      const next = ps.slice();
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });

  const unclaimed = unclaimedFieldErrors(report, isPatientFieldShown);
  const title = patient.id === null ? "New patient" : formatName(patient.last_name, patient.first_name, patient.middle_name) || "Patient";

  return (
    <div className={saved && tab !== "details" && tab !== "statements" ? "screen patient-screen screen-fill" : "screen patient-screen"} data-testid="patient-screen">
      <header className="screen-head">
        <button type="button" className="btn" data-testid="back-to-patients" onClick={cancel} title="Back to patient search (Esc)">
          ← Patients
        </button>
        <h2>{title}</h2>
        {patient.account_number && patient.id !== null ? (
          <span className="account">
            Account <strong data-testid="account-number">{patient.account_number}</strong>
          </span>
        ) : null}
        {patientId !== null && patient.id !== null ? <PatientBalance patientId={patient.id} /> : null}
        {!patient.active ? <span className="badge badge-inactive">Inactive{patient.inactive_reason ? `: ${patient.inactive_reason}` : ""}</span> : null}
        {/* The actions have a row of their own: they stay put while the balance loads. */}
        <div className="head-actions">
          {canSetActive && patient.id !== null && patient.active && deactivating === null ? (
            <button type="button" className="btn" onClick={() => setDeactivating("")}>
              Deactivate…
            </button>
          ) : null}
          {canSetActive && patient.id !== null && !patient.active ? (
            <button type="button" className="btn" onClick={() => setActive(true, "")}>
              Reactivate
            </button>
          ) : null}
          {patientId !== null && patient.id !== null ? (
            <>
              {canPay ? (
              <button type="button" className="btn" data-testid="take-payment" onClick={() => openPanel("payment")} title="Cash, check or card at the desk, or a copay at check-in">
                Take payment
              </button>
              ) : null}
              {canPlan ? (
              <button type="button" className="btn" data-testid="new-plan" onClick={() => openPanel("plan")} title="Put the balance (or chosen visits) on installments">
                Set up payment plan
              </button>
              ) : null}
              {canRefund && balance.data && balance.data.patient_due.trim().startsWith("-") ? (
                <button type="button" className="btn" data-testid="refund-credit" onClick={() => openPanel("refund")}>
                  Refund credit
                </button>
              ) : null}
            </>
          ) : null}
          {canVisit && patient.id !== null && onOpenVisit ? (
            <button type="button" className="btn" data-testid="new-visit" onClick={() => void openVisit(null)} title="Charge entry for a new visit of this patient">
              New visit
            </button>
          ) : null}
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving || !canSave} data-testid="save-patient" title="Save (Ctrl+S)">
            {saving ? "Saving…" : "Save"}
          </button>
        </div>
      </header>

      {confirmDiscard ? (
        <div className="banner banner-warn" role="alert">
          <span>Discard your changes to this patient?</span>
          <button type="button" className="btn btn-danger" onClick={close}>
            Discard
          </button>
          <button type="button" className="btn" onClick={() => setConfirmDiscard(false)} autoFocus>
            Keep editing
          </button>
        </div>
      ) : null}
      {deactivating !== null ? (
        <div className="banner banner-warn">
          <TextField className="w-xl" label="Reason for deactivating (patients are never deleted)" name="inactive_reason" value={deactivating} onChange={setDeactivating} autoFocus />
          <button type="button" className="btn btn-danger" onClick={() => setActive(false, deactivating)} disabled={deactivating.trim() === ""}>
            Deactivate
          </button>
          <button type="button" className="btn" onClick={() => setDeactivating(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      <ErrorBanner report={report ?? queryReport(payers.error ?? mspTypes.error)} extra={unclaimed} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      {panel === "payment" && patient.id !== null ? <TakePayment key={panelN} patientId={patient.id} onPosted={refreshAccount} onClose={() => setPanel(null)} /> : null}
      {panel === "plan" && patient.id !== null ? (
        <PlanForm
          key={panelN}
          patientId={patient.id}
          patientName={formatName(patient.last_name, patient.first_name, patient.middle_name)}
          onSaved={() => {
            refreshAccount();
            setTab("statements");
          }}
          onClose={() => setPanel(null)}
        />
      ) : null}
      {panel === "refund" && patient.id !== null && balance.data ? (
        <RefundCredit key={panelN} patientId={patient.id} balance={balance.data} onDone={refreshAccount} onClose={() => setPanel(null)} />
      ) : null}

      {saved ? (
        <nav className="tabs" role="tablist" aria-label="Patient sections">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`patient-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="patient-section"
              className={tab === t.id ? "tab active" : "tab"}
              data-testid={`patient-tab-${t.id}`}
              title={`Alt+${t.key}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </nav>
      ) : null}

      {tab === "details" ? (
        <form
          id="patient-section"
          role={saved ? "tabpanel" : undefined}
          aria-labelledby={saved ? "patient-tab-details" : undefined}
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          noValidate
        >
          <section className="section" ref={firstInput}>
            <h3>Demographics</h3>
            <div className="row">
              <TextField className="w-md" label="Last name" name="last_name" value={patient.last_name} onChange={(v) => set("last_name", v)} error={err("last_name")} required />
              <TextField className="w-md" label="First name" name="first_name" value={patient.first_name} onChange={(v) => set("first_name", v)} error={err("first_name")} required />
              <TextField className="w-sm" label="Middle" name="middle_name" value={patient.middle_name} onChange={(v) => set("middle_name", v)} error={err("middle_name")} />
              <TextField className="w-xs" label="Suffix" name="suffix" value={patient.suffix} placeholder="Jr" onChange={(v) => set("suffix", v)} error={err("suffix")} />
            </div>
            <div className="row">
              <DateField className="w-sm" label="Birth date" name="birth_date" value={patient.birth_date} onChange={(v) => set("birth_date", v)} error={err("birth_date")} required />
              <SelectField className="w-sm" label="Sex" name="sex" value={patient.sex} options={SEXES} onChange={(v) => set("sex", v as Sex)} error={err("sex")} />
              {patient.id === null ? (
                <TextField className="w-sm" label="Account number" name="account_number" value={patient.account_number} placeholder="Automatic" hint="Blank = assigned on save" onChange={(v) => set("account_number", v)} error={err("account_number")} />
              ) : null}
            </div>
            <AddressFields
              prefix="address"
              value={patient.address}
              onChange={(a) => set("address", a)}
              err={err}
              hint="Leave the address blank only when it is not known yet (a newborn, an emergency visit): claims and mailed statements wait for it."
            />
            <div className="row">
              <TextField className="w-md" type="tel" label="Home phone" name="home_phone" value={patient.home_phone} onChange={(v) => set("home_phone", v)} error={err("home_phone")} />
              <TextField className="w-md" type="tel" label="Cell phone" name="cell_phone" value={patient.cell_phone} onChange={(v) => set("cell_phone", v)} error={err("cell_phone")} />
              <TextField className="w-lg" type="email" label="E-mail" name="email" value={patient.email} onChange={(v) => set("email", v)} error={err("email")} />
            </div>
          </section>

          <section className="section">
            <h3>Guarantor (responsible for the bill)</h3>
            {patient.id !== null ? <StatementMailingNotice patientId={patient.id} guarantor={patient.guarantor} /> : null}
            <ResponsibleEditor
              prefix="guarantor"
              role="Guarantor"
              value={patient.guarantor}
              patientId={patient.id}
              err={err}
              onChange={(g) => update((p) => ({ ...p, guarantor: g, guarantor_relationship: fixRelationship(g, p.guarantor_relationship) }))}
            />
            <div className="row">
              <SelectField
                className="w-md"
                label="Patient's relationship to guarantor"
                name="guarantor_relationship"
                value={patient.guarantor_relationship}
                options={relationshipOptions(patient.guarantor)}
                onChange={(v) => set("guarantor_relationship", v as Relationship)}
                error={err("guarantor_relationship")}
              />
            </div>
          </section>

          <section className="section">
            <h3>Insurance</h3>
            {policies.length === 0 ? <p className="muted">No insurance on file (self-pay).</p> : null}
            {policies.map((pol, i) => (
              <PolicyEditor
                key={pol.id ?? `new-${i}`}
                index={i}
                count={policies.length}
                value={pol}
                payers={payers.data ?? []}
                mspTypes={mspTypes.data ?? []}
                patientId={patient.id}
                err={err}
                onChange={(np) => setPolicies((ps) => ps.map((x, k) => (k === i ? np : x)))}
                onRemove={() => setPolicies((ps) => ps.filter((_, k) => k !== i))}
                onMove={(d) => movePolicy(i, d)}
              />
            ))}
            {policies.length < MAX_POLICIES ? (
              <button type="button" className="btn" data-testid="add-policy" onClick={() => setPolicies((ps) => [...ps, blankPolicy()])}>
                + Add {["primary", "secondary", "tertiary"][policies.length]} insurance
              </button>
            ) : null}
          </section>

          <div className="form-foot">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              Save patient
            </button>
            <span className="muted">Ctrl+S saves · Esc goes back</span>
          </div>
        </form>
      ) : null}

      {saved && tab === "account" ? (
        <div className="tab-panel" id="patient-section" role="tabpanel" aria-labelledby="patient-tab-account">
          <section className="section fill-column">
            <header className="panel-head">
              <h3>Ledger</h3>
              <span className="muted small">Newest first · Balance is the account right after each entry</span>
              <span className="spacer" />
              <button type="button" className="btn btn-small" onClick={() => setPayments((v) => !v)} data-testid="show-payments">
                {payments ? "Hide payments" : "Payments and receipts"}
              </button>
            </header>
            <PatientLedger patientId={patient.id!} fill />
          </section>
          {payments ? (
            <section className="section">
              <header className="panel-head">
                <h3>Payments and receipts</h3>
              </header>
              <PatientPayments patientId={patient.id!} />
            </section>
          ) : null}
        </div>
      ) : null}

      {saved && tab === "visits" ? (
        <div className="tab-panel" id="patient-section" role="tabpanel" aria-labelledby="patient-tab-visits">
          <section className="section fill-column" data-testid="patient-visits">
            <header className="panel-head">
              <h3>Visits</h3>
              <span className="muted small">Newest first · Enter or click opens charge entry</span>
            </header>
            <VisitsList patientId={patient.id!} onOpen={(id) => void openVisit(id)} fill />
          </section>
        </div>
      ) : null}

      {saved && tab === "care" ? (
        <div className="tab-panel" id="patient-section" role="tabpanel" aria-labelledby="patient-tab-care">
          <section className="section">
            <header className="panel-head">
              <h3>Prepaid care packages</h3>
            </header>
            <CarePackages patientId={patient.id!} />
          </section>
          <section className="section">
            <header className="panel-head">
              <h3>Medicare chiropractic care</h3>
            </header>
            <MedicareCare patientId={patient.id!} />
          </section>
          <section className="section">
            <header className="panel-head">
              <h3>Injury cases</h3>
            </header>
            <InjuryCases patientId={patient.id!} />
          </section>
        </div>
      ) : null}

      {saved && tab === "statements" ? (
        <div className="tab-panel" id="patient-section" role="tabpanel" aria-labelledby="patient-tab-statements">
          <section className="section">
            <header className="panel-head">
              <h3>Payment plans</h3>
            </header>
            <PatientPlans patientId={patient.id!} />
          </section>
          <section className="section">
            <header className="panel-head">
              <h3>Statements</h3>
            </header>
            <PatientStatements patientId={patient.id!} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
