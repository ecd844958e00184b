import { useCallback, useEffect, useRef, useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { Patient } from "../../bindings/Patient";
import type { Payer } from "../../bindings/Payer";
import type { Relationship } from "../../bindings/Relationship";
import type { Sex } from "../../bindings/Sex";
import { useFormKeys } from "../../hooks/useFormKeys";
import { patientGet, patientSave, patientSetActive, payersList, policyMspTypes, type CodeLabel } from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { blankPatient, blankPolicy } from "../../lib/blank";
import { formatName } from "../../lib/format";
import { SEXES } from "../../lib/labels";
import { AddressFields } from "../common/AddressFields";
import { ErrorBanner, Notice } from "../common/Banner";
import { DateField, SelectField, TextField } from "../common/fields";
import type { AccountBalance } from "../../bindings/AccountBalance";
import { PlanForm } from "../plans/PlanForm";
import { PatientBalance, PatientLedger, PatientPayments, PatientPlans, PatientStatements, StatementMailingNotice } from "./PatientAccount";
import { RefundCredit, TakePayment } from "./TakePayment";
import { PolicyEditor, fixRelationship, relationshipOptions } from "./PolicyEditor";
import { ResponsibleEditor } from "./ResponsibleEditor";
import { VisitsList } from "../visits/VisitsList";

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

/** Whether the patient screen shows this field path next to an input. */
export function isPatientFieldShown(field: string): boolean {
  return KNOWN.test(field);
}

interface Props {
  /** null = register a new patient. */
  patientId: number | null;
  onClose: () => void;
  /** After a save or (de)activation, so the search list can refresh. */
  onSaved?: (p: Patient) => void;
  /** Open a visit's charge entry (null = a new visit) for this (saved) patient. */
  onOpenVisit?: (visitId: number | null, patientId: number) => void;
}

export function PatientScreen({ patientId, onClose, onSaved, onOpenVisit }: Props) {
  const [patient, setPatient] = useState<Patient>(blankPatient);
  const [baseline, setBaseline] = useState<string>(() => JSON.stringify(blankPatient()));
  const [loading, setLoading] = useState(patientId !== null);
  const [payers, setPayers] = useState<Payer[]>([]);
  const [mspTypes, setMspTypes] = useState<CodeLabel[]>([]);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [deactivating, setDeactivating] = useState<string | null>(null);
  const firstInput = useRef<HTMLDivElement>(null);
  // The desk's panels beside the form, and a counter that reloads balance, ledger and plans.
  const [panel, setPanel] = useState<"payment" | "plan" | "refund" | null>(null);
  const [accountN, setAccountN] = useState(0);
  // Each click on a desk button starts that panel afresh (a second payment after a receipt).
  const [panelN, setPanelN] = useState(0);
  const openPanel = (p: "payment" | "plan" | "refund") => {
    setPanel(p);
    setPanelN((n) => n + 1);
  };
  const [balance, setBalance] = useState<AccountBalance | null>(null);
  const refreshAccount = () => setAccountN((n) => n + 1);
  // The account's plans are read when asked for (or once a plan was set up here).
  const [showPlans, setShowPlans] = useState(false);
  const [showPayments, setShowPayments] = useState(false);

  useEffect(() => {
    let live = true;
    payersList().then(
      (rows) => live && setPayers(rows),
      (e: unknown) => live && setReport(toErrorReport(e)),
    );
    policyMspTypes().then(
      (rows) => live && setMspTypes(rows),
      (e: unknown) => live && setReport(toErrorReport(e)),
    );
    if (patientId !== null) {
      setLoading(true);
      patientGet(patientId).then(
        (p) => {
          if (!live) return;
          setPatient(p);
          setBaseline(JSON.stringify(p));
          setLoading(false);
        },
        (e: unknown) => {
          if (!live) return;
          setReport(toErrorReport(e));
          setLoading(false);
        },
      );
    }
    return () => {
      live = false;
    };
  }, [patientId]);

  useEffect(() => {
    if (!loading) firstInput.current?.querySelector<HTMLInputElement>('input[name="last_name"]')?.focus();
  }, [loading]);

  const err = (f: string) => fieldError(report, f);
  const update = (fn: (p: Patient) => Patient) => {
    setPatient(fn);
    setNotice(null);
  };
  const set = <K extends keyof Patient>(k: K, v: Patient[K]) => update((p) => ({ ...p, [k]: v }));
  const dirty = JSON.stringify(patient) !== baseline;

  const save = useCallback(async (): Promise<Patient | null> => {
    if (saving) return null;
    setSaving(true);
    setNotice(null);
    try {
      const saved = await patientSave(patient);
      setPatient(saved);
      setBaseline(JSON.stringify(saved));
      setReport(null);
      setNotice(patient.id === null ? `Patient registered — account ${saved.account_number}.` : "Patient saved.");
      onSaved?.(saved);
      return saved;
    } catch (e) {
      setReport(toErrorReport(e));
      return null;
    } finally {
      setSaving(false);
    }
  }, [patient, saving, onSaved]);

  /** Unsaved patient changes are saved first, so the visit bills what is on screen. */
  const openVisit = async (visitId: number | null) => {
    if (!onOpenVisit) return;
    let id = patient.id;
    if (dirty) {
      const saved = await save();
      if (!saved) return;
      id = saved.id;
    }
    if (id !== null) onOpenVisit(visitId, id);
  };

  const cancel = () => {
    if (deactivating !== null) {
      setDeactivating(null);
    } else if (dirty && !confirmDiscard) {
      setConfirmDiscard(true);
    } else {
      onClose();
    }
  };

  useFormKeys({ onSave: () => void save(), onCancel: cancel });

  const setActive = async (active: boolean, reason: string) => {
    if (patient.id === null) return;
    try {
      const saved = await patientSetActive(patient.id, active, reason);
      setPatient(saved);
      setBaseline(JSON.stringify(saved));
      setDeactivating(null);
      setReport(null);
      setNotice(active ? "Patient reactivated." : "Patient deactivated.");
      onSaved?.(saved);
    } catch (e) {
      setReport(toErrorReport(e));
    }
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

  if (loading) {
    return (
      <div className="screen" data-testid="patient-screen">
        <p className="muted">Loading patient…</p>
      </div>
    );
  }

  const unclaimed = unclaimedFieldErrors(report, isPatientFieldShown);
  const title = patient.id === null ? "New patient" : formatName(patient.last_name, patient.first_name, patient.middle_name) || "Patient";

  return (
    <div className="screen patient-screen" data-testid="patient-screen">
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
        {patientId !== null && patient.id !== null ? <PatientBalance key={accountN} patientId={patient.id} onLoaded={setBalance} /> : null}
        {!patient.active ? <span className="badge badge-inactive">Inactive{patient.inactive_reason ? `: ${patient.inactive_reason}` : ""}</span> : null}
        {/* The actions have a row of their own: they stay put while the balance loads. */}
        <div className="head-actions">
          {patient.id !== null && patient.active && deactivating === null ? (
            <button type="button" className="btn" onClick={() => setDeactivating("")}>
              Deactivate…
            </button>
          ) : null}
          {patient.id !== null && !patient.active ? (
            <button type="button" className="btn" onClick={() => void setActive(true, "")}>
              Reactivate
            </button>
          ) : null}
          {patientId !== null && patient.id !== null ? (
            <>
              <button type="button" className="btn" data-testid="take-payment" onClick={() => openPanel("payment")} title="Cash, check or card at the desk, or a copay at check-in">
                Take payment
              </button>
              <button type="button" className="btn" data-testid="new-plan" onClick={() => openPanel("plan")} title="Put the balance (or chosen visits) on installments">
                Set up payment plan
              </button>
              {balance && balance.patient_due.trim().startsWith("-") ? (
                <button type="button" className="btn" data-testid="refund-credit" onClick={() => openPanel("refund")}>
                  Refund credit
                </button>
              ) : null}
            </>
          ) : null}
          {patient.id !== null && onOpenVisit ? (
            <button type="button" className="btn" data-testid="new-visit" onClick={() => void openVisit(null)} title="Charge entry for a new visit of this patient">
              New visit
            </button>
          ) : null}
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving} data-testid="save-patient" title="Save (Ctrl+S)">
            {saving ? "Saving…" : "Save"}
          </button>
        </div>
      </header>

      {confirmDiscard ? (
        <div className="banner banner-warn" role="alert">
          <span>Discard your changes to this patient?</span>
          <button type="button" className="btn btn-danger" onClick={onClose}>
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
          <button type="button" className="btn btn-danger" onClick={() => void setActive(false, deactivating)} disabled={deactivating.trim() === ""}>
            Deactivate
          </button>
          <button type="button" className="btn" onClick={() => setDeactivating(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      <ErrorBanner report={report} extra={unclaimed} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      {panel === "payment" && patient.id !== null ? <TakePayment key={panelN} patientId={patient.id} onPosted={refreshAccount} onClose={() => setPanel(null)} /> : null}
      {panel === "plan" && patient.id !== null ? (
        <PlanForm
          key={panelN}
          patientId={patient.id}
          patientName={formatName(patient.last_name, patient.first_name, patient.middle_name)}
          onSaved={() => {
            refreshAccount();
            setShowPlans(true);
          }}
          onClose={() => setPanel(null)}
        />
      ) : null}
      {panel === "refund" && patient.id !== null && balance ? (
        <RefundCredit key={panelN} patientId={patient.id} balance={balance} onDone={refreshAccount} onClose={() => setPanel(null)} />
      ) : null}

      <form
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
          {patient.id !== null ? <StatementMailingNotice key={baseline} patientId={patient.id} guarantor={patient.guarantor} /> : null}
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
              payers={payers}
              mspTypes={mspTypes}
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

        {patient.id !== null && onOpenVisit ? (
          <section className="section" data-testid="patient-visits">
            <header className="panel-head">
              <h3>Visits</h3>
            </header>
            <VisitsList patientId={patient.id} onOpen={(id) => void openVisit(id)} />
          </section>
        ) : null}

        {patientId !== null && patient.id !== null ? (
          <section className="section">
            <header className="panel-head">
              <h3>Ledger</h3>
            </header>
            <PatientLedger key={accountN} patientId={patient.id} />
          </section>
        ) : null}

        {patientId !== null && patient.id !== null ? (
          <section className="section">
            <header className="panel-head">
              <h3>Payments and receipts</h3>
              {!showPayments ? (
                <button type="button" className="btn btn-small" onClick={() => setShowPayments(true)} data-testid="show-payments">
                  Show payments
                </button>
              ) : null}
            </header>
            {showPayments ? <PatientPayments key={accountN} patientId={patient.id} /> : null}
          </section>
        ) : null}

        {patientId !== null && patient.id !== null ? (
          <section className="section">
            <header className="panel-head">
              <h3>Payment plans</h3>
              {!showPlans ? (
                <button type="button" className="btn btn-small" onClick={() => setShowPlans(true)} data-testid="show-plans">
                  Show plans
                </button>
              ) : null}
            </header>
            {showPlans ? <PatientPlans key={accountN} patientId={patient.id} /> : null}
          </section>
        ) : null}

        {patientId !== null && patient.id !== null ? (
          <section className="section">
            <header className="panel-head">
              <h3>Statements</h3>
            </header>
            <PatientStatements patientId={patient.id} />
          </section>
        ) : null}

        <div className="form-foot">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            Save patient
          </button>
          <span className="muted">Ctrl+S saves · Esc goes back</span>
        </div>
      </form>
    </div>
  );
}
