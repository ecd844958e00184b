import { useCallback, useEffect, useRef, useState } from "react";
import { useClearDraftScope, useDraft, useHasDraft } from "../../session/drafts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ClaimSummary } from "../../bindings/ClaimSummary";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { EpsdtReferral } from "../../bindings/EpsdtReferral";
import type { Facility } from "../../bindings/Facility";
import type { FieldError } from "../../bindings/FieldError";
import type { Provider } from "../../bindings/Provider";
import type { ScrubResult } from "../../bindings/ScrubResult";
import type { ServiceLine } from "../../bindings/ServiceLine";
import type { Visit } from "../../bindings/Visit";
import type { VisitSummary } from "../../bindings/VisitSummary";
import { useFormKeys } from "../../hooks/useFormKeys";
import { claimCreate, claimScrub, claimsList, facilitiesList, feeCharge, providersList, visitGet, visitSave, visitSummary, visitVoid } from "../../ipc/commands";
import { toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney } from "../../lib/format";
import { EPSDT_REFERRALS, PLACES_OF_SERVICE } from "../../lib/labels";
import {
  blankLine,
  blankVisit,
  focusField,
  modifiersToText,
  pointersToText,
  remapPointers,
  textToModifiers,
  textToPointers,
} from "../../lib/visit";
import { ErrorBanner, Notice } from "../common/Banner";
import { CheckField, DateField, SelectField, TextField } from "../common/fields";
import { ScrubPanel } from "../claims/ScrubPanel";
import { useCan } from "../../session/session";
import { DiagnosisPicker } from "./DiagnosisPicker";
import { VisitAllowances } from "./VisitAllowances";
import { VisitPayOptions } from "../care/VisitPayOptions";
import { CareModifierHint, EpisodeField, InjuryCaseField } from "../care/CareHints";

export const FEE_DEBOUNCE_MS = 150;

/** A service line as edited: the typed text of the fields that are lists or numbers. */
interface LineDraft {
  key: number;
  line: ServiceLine;
  modText: string;
  ptrText: string;
  unitsText: string;
  /** True when the charge must not be replaced by the fee schedule's (typed, or loaded). */
  manual: boolean;
  /** The user typed this charge (as opposed to the fee schedule filling it). */
  typed: boolean;
  /** The fee schedule's charge for the current code/units/date: undefined = not asked yet. */
  fee: string | null | undefined;
}

let nextKey = 1;
function toDraft(line: ServiceLine, loaded: boolean): LineDraft {
  return {
    key: nextKey++,
    line,
    modText: modifiersToText(line.modifiers),
    ptrText: pointersToText(line.pointers),
    unitsText: String(line.units),
    manual: loaded,
    typed: loaded && line.charge_override_reason !== "",
    fee: undefined,
  };
}

const HEADER_FIELDS = new Set([
  "patient_id",
  "service_date",
  "rendering_provider_id",
  "referring_provider_id",
  "facility_id",
  "place_of_service",
  "diagnoses",
  "lines",
  "onset_date",
  "initial_treatment_date",
  "last_xray_date",
  "prior_authorization",
  "additional_info",
  "abn_on_file",
  "epsdt",
  "reason",
  "episode_id",
  "injury_case_id",
  "conditions.employment",
  "conditions.auto_accident",
  "conditions.auto_accident_state",
  "conditions.other_accident",
  "conditions.accident_date",
]);
const LINE_FIELD = /^lines\[(\d+)\]\.(code|modifiers|pointers|units|charge|charge_override_reason|service_from)(\[\d+\])?$/;
const DX_FIELD = /^diagnoses\[(\d+)\]$/;

function providerLabel(p: Provider): string {
  return `${p.last_name}, ${p.first_name}${p.credentials ? `, ${p.credentials}` : ""}`;
}

function pricingDate(d: LineDraft, visit: Visit): string | null {
  return d.line.service_from ?? visit.service_date;
}
function pricingKey(d: LineDraft, visit: Visit): string {
  return [d.line.code.trim().toUpperCase(), textToModifiers(d.modText)[0] ?? "", pricingDate(d, visit) ?? "", d.unitsText.trim()].join("|");
}

interface Props {
  patientId: number;
  /** null = a new visit. */
  visitId: number | null;
  /** Focus this field path once loaded (from a scrubber finding elsewhere). */
  focus?: string | undefined;
  onClose: () => void;
  /** "Fix on the patient screen". */
  onOpenPatient?: (patientId: number) => void;
  onSaved?: (v: Visit) => void;
}

const NO_PROVIDERS: Provider[] = [];
const NO_FACILITIES: Facility[] = [];

/** Charge entry for one visit: header, diagnoses A-L, service lines (box 24), conditions and dates. */
export function ChargeEntry({ patientId, visitId, focus, onClose: close, onOpenPatient: openPatient, onSaved }: Props) {
  // The visit as typed outlives a screen lock (drafts): a restored form is not read again.
  const restored = useHasDraft("visit");
  const [visit, setVisit] = useDraft<Visit>("visit", () => blankVisit(patientId));
  const [drafts, setDrafts] = useDraft<LineDraft[]>("lines", () => visit.lines.map((l) => toDraft(l, false)));
  const [baseline, setBaseline] = useDraft<string | null>("baseline", null);
  const [loading, setLoading] = useState(visitId !== null && !restored);
  const clearDrafts = useClearDraftScope();
  const onClose = () => {
    clearDrafts();
    close();
  };
  const onOpenPatient = openPatient
    ? (id: number) => {
        clearDrafts();
        openPatient(id);
      }
    : undefined;
  // The practice's providers and facilities, shared with the setup screen's lists.
  const providersQ = useQuery({ queryKey: keys.providers, queryFn: () => providersList() });
  const facilitiesQ = useQuery({ queryKey: keys.facilities, queryFn: () => facilitiesList() });
  const providers = providersQ.data ?? NO_PROVIDERS;
  const facilities = facilitiesQ.data ?? NO_FACILITIES;
  const [summary, setSummary] = useState<VisitSummary | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | "save" | "bill">(null);
  const [claim, setClaim] = useState<ClaimSummary | null>(null);
  const [scrub, setScrub] = useState<ScrubResult | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  // The reason being typed for voiding the visit (null: not voiding).
  const [voiding, setVoiding] = useState<string | null>(null);
  const canVoid = useCan("visit_void");
  const client = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfter = useRef<string | null>(focus ?? null);
  const priced = useRef(new Map<number, string>());

  const loadSummary = useCallback(
    (id: number | null) => {
      if (id === null) return;
      visitSummary(id).then(
        (row) => setSummary(row.patient_id === patientId ? row : null),
        () => undefined,
      );
    },
    [patientId],
  );

  useEffect(() => {
    let live = true;
    if (visitId !== null && !restored) {
      visitGet(visitId).then(
        (v) => {
          if (!live) return;
          setVisit(v);
          setDrafts(v.lines.map((l) => toDraft(l, true)));
          setLoading(false);
        },
        (e: unknown) => {
          if (!live) return;
          setReport(toErrorReport(e));
          setLoading(false);
        },
      );
      loadSummary(visitId);
    }
    if (visitId !== null && restored) loadSummary(visitId);
    return () => {
      live = false;
    };
  }, [visitId, loadSummary, restored]);

  // A single active rendering provider is preselected on a new visit.
  useEffect(() => {
    const rendering = providers.filter((p) => p.is_rendering && p.active);
    if (visit.id === null && visit.rendering_provider_id === 0 && rendering.length === 1 && rendering[0]!.id !== null) {
      const id = rendering[0]!.id;
      setVisit((v) => ({ ...v, rendering_provider_id: id }));
      // A preselection is not a change of the user's: take the baseline again.
      setBaseline((b) => (b === null || b === snapshotRef.current ? null : b));
    }
  }, [providers, visit.id, visit.rendering_provider_id]);

  const snapshot = JSON.stringify({ visit, lines: drafts.map((d) => [d.line, d.modText, d.ptrText, d.unitsText]) });
  useEffect(() => {
    if (!loading && baseline === null) setBaseline(snapshot);
  }, [loading, baseline, snapshot]);
  const dirty = baseline !== null && snapshot !== baseline;
  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;

  useEffect(() => {
    if (loading || !focusAfter.current) return;
    const f = focusAfter.current;
    focusAfter.current = null;
    // Let the lines render first.
    setTimeout(() => focusField(formRef.current, f), 0);
  }, [loading, drafts.length]);

  useEffect(() => {
    if (!loading && !focusAfter.current) formRef.current?.querySelector<HTMLInputElement>('input[name="service_date"]')?.focus();
    // Only when the form first appears.
  }, [loading]);

  // The default charge of each line, from the fee schedule (fee × units computed by the Rust side).
  useEffect(() => {
    if (loading) return;
    const todo = drafts
      .map((d) => ({ d, key: pricingKey(d, visit), date: pricingDate(d, visit) }))
      .filter(({ d, key }) => priced.current.get(d.key) !== key);
    if (todo.length === 0) return;
    const t = setTimeout(() => {
      for (const { d, key, date } of todo) {
        priced.current.set(d.key, key);
        const units = Number(d.unitsText);
        const code = d.line.code.trim().toUpperCase();
        if (code === "" || date === null || !Number.isInteger(units) || units < 1) {
          setDrafts((ds) => ds.map((x) => (x.key === d.key ? { ...x, fee: undefined } : x)));
          continue;
        }
        feeCharge(code, textToModifiers(d.modText)[0] ?? "", date, units).then(
          (fee) => {
            if (priced.current.get(d.key) !== key) return;
            setDrafts((ds) =>
              ds.map((x) => {
                if (x.key !== d.key) return x;
                return x.manual ? { ...x, fee } : { ...x, fee, line: { ...x.line, charge: fee ?? "" } };
              }),
            );
          },
          () => {
            if (priced.current.get(d.key) === key) priced.current.delete(d.key);
          },
        );
      }
    }, FEE_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [drafts, visit, loading]);

  const update = (fn: (v: Visit) => Visit) => {
    setVisit(fn);
    setNotice(null);
  };
  const set = <K extends keyof Visit>(k: K, value: Visit[K]) => update((v) => ({ ...v, [k]: value }));
  const setCond = <K extends keyof Visit["conditions"]>(k: K, value: Visit["conditions"][K]) =>
    update((v) => ({ ...v, conditions: { ...v.conditions, [k]: value } }));

  const setDraft = (i: number, fn: (d: LineDraft) => LineDraft) => {
    setDrafts((ds) => ds.map((d, k) => (k === i ? fn(d) : d)));
    setNotice(null);
  };
  /** A change to what the fee depends on: an untyped charge follows the fee schedule again. */
  const repriced = (d: LineDraft): LineDraft => ({ ...d, manual: d.typed });

  const addLine = useCallback(() => {
    setDrafts((ds) => {
      focusAfter.current = `lines[${ds.length}].code`;
      const prev = ds[ds.length - 1];
      const line = blankLine();
      // A new line starts with the previous line's first pointer, as billers usually want.
      const draft = toDraft(line, false);
      if (prev && prev.ptrText) draft.ptrText = prev.ptrText;
      return [...ds, draft];
    });
  }, []);
  const removeLine = (i: number) => setDrafts((ds) => ds.filter((_, k) => k !== i));

  const setDiagnoses = (next: string[], order: number[]) => {
    update((v) => ({ ...v, diagnoses: next }));
    const isIdentity = order.every((o, i) => o === i || o === -1);
    if (!isIdentity) {
      setDrafts((ds) =>
        ds.map((d) => {
          const p = textToPointers(d.ptrText);
          return p === null ? d : { ...d, ptrText: pointersToText(remapPointers(p, order)) };
        }),
      );
    }
  };

  /** The Visit to send, or the field errors found before sending. */
  const build = (): { visit: Visit } | { errors: FieldError[] } => {
    const errors: FieldError[] = [];
    const lines = drafts.map((d, i): ServiceLine => {
      const pointers = textToPointers(d.ptrText);
      if (pointers === null) errors.push({ field: `lines[${i}].pointers`, message: "Use the letters A–L of the diagnoses, e.g. AB." });
      const modifiers = textToModifiers(d.modText);
      // How many pointers and modifiers a line holds is the Rust side's rule: the save refuses
      // too many, naming the line's field.
      const units = Number(d.unitsText.trim());
      if (d.unitsText.trim() === "" || !Number.isInteger(units) || units < 1) errors.push({ field: `lines[${i}].units`, message: "Units must be a whole number, 1 or more." });
      return {
        ...d.line,
        code: d.line.code.trim().toUpperCase(),
        modifiers,
        pointers: pointers ?? [],
        units: Number.isInteger(units) ? units : 0,
        charge: d.line.charge.trim(),
      };
    });
    if (errors.length > 0) return { errors };
    return { visit: { ...visit, diagnoses: visit.diagnoses.map((c) => c.trim().toUpperCase()), lines } };
  };

  const doSave = async (): Promise<Visit | null> => {
    const built = build();
    if ("errors" in built) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields: built.errors });
      return null;
    }
    try {
      const saved = await visitSave(built.visit);
      setVisit(saved);
      const ds = saved.lines.map((l) => toDraft(l, true));
      // Keep the fee each line was priced at, so the override reason stays visible when needed.
      ds.forEach((d, i) => {
        const old = drafts[i];
        if (old) {
          d.fee = old.fee;
          d.typed = old.typed;
          priced.current.set(d.key, pricingKey(d, saved));
        }
      });
      setDrafts(ds);
      setBaseline(JSON.stringify({ visit: saved, lines: ds.map((d) => [d.line, d.modText, d.ptrText, d.unitsText]) }));
      setReport(null);
      setConfirmDiscard(false);
      loadSummary(saved.id);
      onSaved?.(saved);
      return saved;
    } catch (e) {
      setReport(toErrorReport(e));
      return null;
    }
  };

  const save = async () => {
    if (busy) return;
    setBusy("save");
    setNotice(null);
    const wasNew = visit.id === null;
    const saved = await doSave();
    if (saved) setNotice(wasNew ? "Visit saved." : "Visit saved.");
    setBusy(null);
  };

  /** Save, build the primary claim if there is none yet, and scrub it. */
  const saveAndBill = async () => {
    if (busy) return;
    setBusy("bill");
    setNotice(null);
    const hadClaims = visit.id !== null && (summary?.claim_count ?? 0) > 0;
    const saved = await doSave();
    if (!saved || saved.id === null) {
      setBusy(null);
      return;
    }
    try {
      let c = claim;
      if (!c && hadClaims) {
        // The visit's claims: its patient's claims on its date of service (one short page).
        const page = await claimsList({
          queue: { kind: "all" },
          text: summary?.account_number ?? "",
          payer_id: null,
          from: saved.service_date,
          to: saved.service_date,
          offset: 0,
          limit: 500,
        });
        c = page.rows.filter((x) => x.visit_id === saved.id && x.payer_rank === 1).sort((a, b) => b.id - a.id)[0] ?? null;
      }
      if (!c) c = await claimCreate(saved.id, 1);
      setClaim(c);
      const result = await claimScrub(c.id);
      setScrub(result);
      loadSummary(saved.id);
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setBusy(null);
    }
  };

  const voidVisit = async () => {
    if (visit.id === null || voiding === null) return;
    try {
      await visitVoid(visit.id, voiding);
      void client.invalidateQueries({ queryKey: keys.visits(visit.patient_id) });
      void client.invalidateQueries({ queryKey: keys.account(visit.patient_id) });
      onClose();
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };
  const cancel = () => {
    if (dirty && !confirmDiscard) setConfirmDiscard(true);
    else onClose();
  };
  useFormKeys({ onSave: () => void save(), onCancel: cancel }, !loading);

  // Ctrl+Enter / Alt+N: add a service line.
  useEffect(() => {
    if (loading) return;
    const onKey = (e: KeyboardEvent) => {
      if (((e.ctrlKey || e.metaKey) && e.key === "Enter") || (e.altKey && (e.key === "n" || e.key === "N"))) {
        e.preventDefault();
        addLine();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [loading, addLine]);

  const err = (f: string): string | undefined => {
    if (!report) return undefined;
    const hits = report.fields.filter((x) => x.field === f || x.field.startsWith(`${f}[`));
    return hits.length > 0 ? hits.map((h) => h.message).join(" ") : undefined;
  };
  const known = (f: string) => {
    if (HEADER_FIELDS.has(f)) return true;
    const dx = DX_FIELD.exec(f);
    if (dx) return Number(dx[1]) < visit.diagnoses.length;
    const ln = LINE_FIELD.exec(f);
    return ln ? Number(ln[1]) < drafts.length : false;
  };

  if (loading) {
    return (
      <div className="screen" data-testid="charge-entry">
        <p className="muted">Loading visit…</p>
      </div>
    );
  }

  const rendering = providers.filter((p) => p.is_rendering && (p.active || p.id === visit.rendering_provider_id));
  const referring = providers.filter((p) => p.is_referring && (p.active || p.id === visit.referring_provider_id));
  const facilityOpts = facilities.filter((f) => f.active || f.id === visit.facility_id);
  const posName = PLACES_OF_SERVICE[visit.place_of_service];
  const unclaimed = unclaimedFieldErrors(report, known);
  const goTo = (field: string) => {
    if (!focusField(formRef.current, field)) setNotice(`Nothing to focus for ${field}.`);
  };

  return (
    <div className="screen charge-entry" data-testid="charge-entry">
      <header className="screen-head">
        <button type="button" className="btn" onClick={cancel} title="Back (Esc)" data-testid="close-visit">
          ← Back
        </button>
        <h2>{visit.id === null ? "New visit" : `Visit of ${formatDate(visit.service_date)}`}</h2>
        {summary ? (
          <span className="account" data-testid="visit-total">
            Total charge <strong>{formatMoney(summary.total_charge)}</strong>
            {summary.claim_count > 0 ? ` · ${summary.claim_count} claim${summary.claim_count === 1 ? "" : "s"}` : ""}
          </span>
        ) : null}
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void save()} disabled={busy !== null} data-testid="save-visit" title="Save (Ctrl+S)">
          {busy === "save" ? "Saving…" : "Save"}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void saveAndBill()} disabled={busy !== null} data-testid="save-and-bill" title="Save, build the primary claim and scrub it">
          {busy === "bill" ? "Billing…" : "Save & bill"}
        </button>
        {visit.id !== null && canVoid ? (
          <button type="button" className="btn btn-danger" onClick={() => setVoiding("")} disabled={busy !== null} data-testid="void-visit" title="Void a visit entered by mistake (its charges are reversed)">
            Void visit…
          </button>
        ) : null}
      </header>
      {voiding !== null && visit.id !== null ? (
        <div className="banner banner-warn" role="dialog" aria-label="Void this visit" data-testid="void-visit-panel">
          <span>
            Void this visit? Its charges are reversed, claims not yet sent are closed, and it no longer counts against visit limits.
          </span>
          <TextField className="w-lg" label="Why" name="void_reason" value={voiding} autoFocus onChange={setVoiding} error={err("reason")} />
          <button type="button" className="btn btn-danger" data-testid="void-visit-confirm" onClick={() => void voidVisit()}>
            Void visit
          </button>
          <button type="button" className="btn" onClick={() => setVoiding(null)}>
            Keep it
          </button>
        </div>
      ) : null}

      {confirmDiscard ? (
        <div className="banner banner-warn" role="alert">
          <span>Discard your changes to this visit?</span>
          <button type="button" className="btn btn-danger" onClick={onClose}>
            Discard
          </button>
          <button type="button" className="btn" onClick={() => setConfirmDiscard(false)} autoFocus>
            Keep editing
          </button>
        </div>
      ) : null}
      <VisitAllowances
        patientId={visit.patient_id}
        visitId={visit.id}
        serviceDate={visit.service_date}
        codes={drafts.map((d) => d.line.code)}
        injuryCaseId={visit.injury_case_id ?? null}
      />
      <ErrorBanner report={report ?? (providersQ.error ? toErrorReport(providersQ.error) : null)} extra={unclaimed} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      {scrub && claim ? (
        <ScrubPanel
          result={scrub}
          controlNumber={claim.control_number}
          onResult={setScrub}
          onGoTo={goTo}
          onOpenPatient={onOpenPatient ? () => onOpenPatient(visit.patient_id) : undefined}
          onClose={() => setScrub(null)}
        />
      ) : null}

      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section className="section">
          <h3>Visit</h3>
          <div className="row">
            <DateField className="w-sm" label="Date of service" name="service_date" value={visit.service_date} onChange={(v) => {
              update((x) => ({ ...x, service_date: v }));
              setDrafts((ds) => ds.map(repriced));
            }} error={err("service_date")} required />
            <SelectField
              className="w-lg"
              label="Rendering provider (24J)"
              name="rendering_provider_id"
              value={visit.rendering_provider_id === 0 ? "" : String(visit.rendering_provider_id)}
              placeholder="— choose —"
              options={rendering.map((p) => ({ value: String(p.id), label: providerLabel(p) }))}
              onChange={(v) => set("rendering_provider_id", v === "" ? 0 : Number(v))}
              error={err("rendering_provider_id")}
              required
            />
            <SelectField
              className="w-lg"
              label="Referring provider (17)"
              name="referring_provider_id"
              value={visit.referring_provider_id === null ? "" : String(visit.referring_provider_id)}
              placeholder="None"
              options={referring.map((p) => ({ value: String(p.id), label: providerLabel(p) }))}
              onChange={(v) => set("referring_provider_id", v === "" ? null : Number(v))}
              error={err("referring_provider_id")}
            />
          </div>
          <div className="row">
            <SelectField
              className="w-lg"
              label="Service facility (32)"
              name="facility_id"
              value={visit.facility_id === null ? "" : String(visit.facility_id)}
              placeholder="Billing address (office)"
              options={facilityOpts.map((f) => ({ value: String(f.id), label: f.name }))}
              onChange={(v) => {
                const f = facilities.find((x) => String(x.id) === v);
                update((x) => ({ ...x, facility_id: v === "" ? null : Number(v), place_of_service: f && f.place_of_service ? f.place_of_service : x.place_of_service }));
              }}
              error={err("facility_id")}
            />
            <TextField
              className="w-sm"
              label="Place of service (24B)"
              name="place_of_service"
              value={visit.place_of_service}
              maxLength={2}
              inputMode="numeric"
              hint={posName ?? (visit.place_of_service.length === 2 ? "Unlisted code" : "2 digits, e.g. 11 office")}
              onChange={(v) => set("place_of_service", v.replace(/\D/g, ""))}
              error={err("place_of_service")}
            />
            <TextField className="w-md" label="Prior authorization (23)" name="prior_authorization" value={visit.prior_authorization} onChange={(v) => set("prior_authorization", v)} error={err("prior_authorization")} />
            <TextField className="w-xl" label="Additional claim information (19)" name="additional_info" value={visit.additional_info} maxLength={80} onChange={(v) => set("additional_info", v)} error={err("additional_info")} />
          </div>
          <div className="row">
            <SelectField
              className="w-lg"
              label="EPSDT screening (24H)"
              name="epsdt"
              value={visit.epsdt ?? ""}
              placeholder="Not EPSDT"
              options={EPSDT_REFERRALS}
              hint="Medicaid well-child screening: what became of its referral"
              onChange={(v) => set("epsdt", v === "" ? null : (v as EpsdtReferral))}
              error={err("epsdt")}
            />
            <EpisodeField patientId={visit.patient_id} value={visit.episode_id} onChange={(id) => set("episode_id", id)} error={err("episode_id")} />
            <InjuryCaseField patientId={visit.patient_id} value={visit.injury_case_id ?? null} onChange={(id) => set("injury_case_id", id)} error={err("injury_case_id")} />
          </div>
        </section>

        {visit.id !== null ? <VisitPayOptions patientId={visit.patient_id} visitId={visit.id} serviceDate={visit.service_date} /> : null}

        <section className="section">
          <h3>Diagnoses (21)</h3>
          <DiagnosisPicker diagnoses={visit.diagnoses} onChange={setDiagnoses} err={err} />
        </section>

        <section className="section">
          <h3>Service lines (24)</h3>
          {err("lines") ? (
            <div className="field-error" data-testid="error-lines" role="alert">
              {err("lines")}
            </div>
          ) : null}
          <table className="grid compact lines-table" data-testid="lines-table">
            <thead>
              <tr>
                <th>#</th>
                <th>From (24A)</th>
                <th>Code (24D)</th>
                <th>Modifiers</th>
                <th>Pointers (24E)</th>
                <th>Units (24G)</th>
                <th>Charge (24F)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {drafts.map((d, i) => {
                const p = (k: string) => `lines[${i}].${k}`;
                const showReason =
                  d.line.charge_override_reason !== "" || err(p("charge_override_reason")) !== undefined || (d.manual && d.typed && d.fee != null && d.line.charge.trim() !== d.fee);
                return (
                  <tr key={d.key} data-testid="line-row">
                    <td className="num">{i + 1}</td>
                    <td>
                      <DateField className="cell w-sm" label={`Line ${i + 1} from date`} name={p("service_from")} value={d.line.service_from} hint={d.line.service_from === null ? "visit date" : undefined} onChange={(v) => setDraft(i, (x) => repriced({ ...x, line: { ...x.line, service_from: v } }))} error={err(p("service_from"))} />
                    </td>
                    <td>
                      <TextField className="cell w-sm" label={`Line ${i + 1} code`} name={p("code")} value={d.line.code} maxLength={5} onChange={(v) => setDraft(i, (x) => repriced({ ...x, line: { ...x.line, code: v.toUpperCase() } }))} error={err(p("code"))} />
                    </td>
                    <td>
                      <TextField className="cell w-sm" label={`Line ${i + 1} modifiers`} name={p("modifiers")} value={d.modText} placeholder="25 59" onChange={(v) => setDraft(i, (x) => repriced({ ...x, modText: v.toUpperCase() }))} error={err(p("modifiers"))} />
                    </td>
                    <td>
                      <TextField className="cell w-sm" label={`Line ${i + 1} diagnosis pointers`} name={p("pointers")} value={d.ptrText} placeholder="AB" maxLength={12} onChange={(v) => setDraft(i, (x) => ({ ...x, ptrText: v.toUpperCase() }))} error={err(p("pointers"))} />
                    </td>
                    <td>
                      <TextField className="cell w-xs" label={`Line ${i + 1} units`} name={p("units")} value={d.unitsText} inputMode="numeric" onChange={(v) => setDraft(i, (x) => repriced({ ...x, unitsText: v }))} error={err(p("units"))} />
                    </td>
                    <td>
                      <TextField
                        className="cell w-sm"
                        label={`Line ${i + 1} charge`}
                        name={p("charge")}
                        value={d.line.charge}
                        inputMode="decimal"
                        hint={d.fee === null ? "No fee on file" : d.typed && d.fee ? `Fee schedule: ${d.fee}` : undefined}
                        onChange={(v) => setDraft(i, (x) => ({ ...x, manual: true, typed: true, line: { ...x.line, charge: v } }))}
                        error={err(p("charge"))}
                      />
                      {showReason ? (
                        <TextField className="cell w-md" label={`Line ${i + 1} reason the charge differs from the fee schedule`} name={p("charge_override_reason")} value={d.line.charge_override_reason} placeholder="Reason for a different charge" onChange={(v) => setDraft(i, (x) => ({ ...x, line: { ...x.line, charge_override_reason: v } }))} error={err(p("charge_override_reason"))} />
                      ) : null}
                    </td>
                    <td>
                      <button type="button" className="btn btn-small btn-danger" aria-label={`Remove line ${i + 1}`} onClick={() => removeLine(i)}>
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {visit.episode_id !== null && visit.service_date
            ? drafts.map((d, i) => (
                <CareModifierHint
                  key={d.key}
                  index={i}
                  episodeId={visit.episode_id!}
                  serviceDate={pricingDate(d, visit) ?? visit.service_date!}
                  code={d.line.code.trim().toUpperCase()}
                  renderingProviderId={visit.rendering_provider_id}
                  modifiers={textToModifiers(d.modText)}
                  onApply={(mods) => setDraft(i, (x) => ({ ...x, modText: modifiersToText(mods) }))}
                />
              ))
            : null}
          <div className="form-foot">
            <button type="button" className="btn" data-testid="add-line" onClick={addLine} title="Add line (Ctrl+Enter or Alt+N)">
              + Add line
            </button>
            <span className="muted small">Pointers: letters of the diagnoses, primary first (e.g. AB). Modifiers: up to 4, separated by spaces.</span>
          </div>
        </section>

        <section className="section">
          <h3>Condition related to (10) and dates (14, 15)</h3>
          <div className="row">
            <CheckField label="Employment (10a)" name="conditions.employment" checked={visit.conditions.employment} onChange={(v) => setCond("employment", v)} error={err("conditions.employment")} />
            <CheckField label="Auto accident (10b)" name="conditions.auto_accident" checked={visit.conditions.auto_accident} onChange={(v) => setCond("auto_accident", v)} error={err("conditions.auto_accident")} />
            <TextField className="w-xs" label="State" name="conditions.auto_accident_state" value={visit.conditions.auto_accident_state} maxLength={2} onChange={(v) => setCond("auto_accident_state", v.toUpperCase())} error={err("conditions.auto_accident_state")} />
            <CheckField label="Other accident (10c)" name="conditions.other_accident" checked={visit.conditions.other_accident} onChange={(v) => setCond("other_accident", v)} error={err("conditions.other_accident")} />
            <DateField className="w-sm" label="Accident date" name="conditions.accident_date" value={visit.conditions.accident_date} onChange={(v) => setCond("accident_date", v)} error={err("conditions.accident_date")} />
          </div>
          <div className="row">
            <DateField className="w-sm" label="Onset (14, 431)" name="onset_date" value={visit.onset_date} onChange={(v) => set("onset_date", v)} error={err("onset_date")} />
            <DateField className="w-sm" label="Initial treatment (15, 454)" name="initial_treatment_date" value={visit.initial_treatment_date} onChange={(v) => set("initial_treatment_date", v)} error={err("initial_treatment_date")} />
            <DateField className="w-sm" label="Last x-ray (15, 455)" name="last_xray_date" value={visit.last_xray_date} onChange={(v) => set("last_xray_date", v)} error={err("last_xray_date")} />
            <CheckField label="ABN on file" name="abn_on_file" checked={visit.abn_on_file} onChange={(v) => set("abn_on_file", v)} error={err("abn_on_file")} />
          </div>
        </section>

        <div className="form-foot">
          <button type="submit" className="btn" disabled={busy !== null}>
            Save visit
          </button>
          <span className="muted">Ctrl+S saves · Ctrl+Enter adds a line · Esc goes back</span>
        </div>
      </form>
    </div>
  );
}
