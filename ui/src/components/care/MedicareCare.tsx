import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Abn } from "../../bindings/Abn";
import type { AbnOption } from "../../bindings/AbnOption";
import type { CareEpisode } from "../../bindings/CareEpisode";
import type { ErrorReport } from "../../bindings/ErrorReport";
import { abnPrint, abnSave, abnsForPatient, careEpisodeSave, careEpisodesForPatient } from "../../ipc/commands";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate, formatMoney, todayIso } from "../../lib/format";
import { useCan } from "../../session/session";
import { ErrorBanner } from "../common/Banner";
import { DateField, SelectField, TextField } from "../common/fields";
import { PdfOutput } from "../plans/PdfOutput";

const OPTIONS: Array<{ value: AbnOption; label: string }> = [
  { value: "bill_medicare", label: "Option 1: bill Medicare, I may pay" },
  { value: "do_not_bill", label: "Option 2: do not bill Medicare, I pay" },
  { value: "declined", label: "Option 3: I do not want the service" },
];

const blankEpisode = (patientId: number): CareEpisode => ({
  id: null,
  patient_id: patientId,
  subluxation: "",
  initiation_date: todayIso(),
  maintenance_from: null,
  notes: "",
});

const blankAbn = (patientId: number): Abn => ({
  id: null,
  patient_id: patientId,
  signed_on: null,
  option: null,
  reason: "Medicare does not pay for maintenance care (no expectation of further improvement).",
  services: [{ code: "98940", description: "Spinal manipulation, maintenance care", estimated_cost: "" }],
  additional_info: "",
});

/**
 * Medicare chiropractic care for one patient: the episodes of care (the subluxation treated,
 * when the course began: box 14; when maximum improvement was reached: maintenance from then),
 * and the ABNs given for maintenance care (printed as CMS-R-131, the signature and option
 * recorded, valid one year). The phase, validity and modifiers are the Rust side's.
 */
export function MedicareCare({ patientId }: { patientId: number }) {
  const client = useQueryClient();
  const canEdit = useCan("care_episode_save");
  const canAbn = useCan("abn_save");
  const episodes = useQuery({ queryKey: keys.careEpisodes(patientId), queryFn: () => careEpisodesForPatient(patientId) });
  const abns = useQuery({ queryKey: keys.abns(patientId), queryFn: () => abnsForPatient(patientId) });
  const [episode, setEpisode] = useState<CareEpisode | null>(null);
  const [abn, setAbn] = useState<Abn | null>(null);
  const [printing, setPrinting] = useState<number | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const err = (f: string) => fieldError(report, f);
  const saveEpisode = useMutation({
    mutationFn: (e: CareEpisode) => careEpisodeSave(e),
    onSuccess: () => {
      setEpisode(null);
      setReport(null);
      void client.invalidateQueries({ queryKey: keys.careEpisodes(patientId) });
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const saveAbn = useMutation({
    mutationFn: (a: Abn) => abnSave(a),
    onSuccess: (saved) => {
      setAbn(null);
      setReport(null);
      setPrinting(saved.id);
      void client.invalidateQueries({ queryKey: keys.abns(patientId) });
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  return (
    <div className="medicare-care" data-testid="medicare-care">
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      <h4>Episodes of care</h4>
      {(episodes.data ?? []).length === 0 ? (
        <p className="muted">No episode of care recorded.</p>
      ) : (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Subluxation</th>
              <th>Course began (box 14)</th>
              <th>Maintenance from</th>
              <th>Today</th>
              <th className="num">Visits</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {(episodes.data ?? []).map((v) => (
              <tr key={v.episode.id} data-testid="care-episode-row">
                <td>
                  {v.episode.subluxation} ({v.region})
                </td>
                <td>{formatDate(v.episode.initiation_date)}</td>
                <td>{v.episode.maintenance_from ? formatDate(v.episode.maintenance_from) : "—"}</td>
                <td>{v.phase_today === "active" ? "Active care (AT)" : "Maintenance (GA/GZ)"}</td>
                <td className="num">{v.visit_count}</td>
                <td>
                  {canEdit ? (
                    <button type="button" className="btn-link" onClick={() => setEpisode(v.episode)}>
                      Edit
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {episode ? (
        <div className="row" data-testid="care-episode-form">
          <TextField className="w-sm" label="Subluxation (M99.0x)" name="subluxation" value={episode.subluxation} onChange={(v) => setEpisode({ ...episode, subluxation: v })} error={err("subluxation")} />
          <DateField className="w-sm" label="Course began" name="initiation_date" value={episode.initiation_date} onChange={(v) => setEpisode({ ...episode, initiation_date: v })} error={err("initiation_date")} />
          <DateField className="w-sm" label="Maximum improvement (maintenance from)" name="maintenance_from" value={episode.maintenance_from} onChange={(v) => setEpisode({ ...episode, maintenance_from: v })} error={err("maintenance_from")} />
          <TextField className="w-lg" label="Notes" name="episode_notes" value={episode.notes} onChange={(v) => setEpisode({ ...episode, notes: v })} error={err("notes")} />
          <div className="field-actions">
            <button type="button" className="btn btn-primary" data-testid="care-episode-save" disabled={saveEpisode.isPending} onClick={() => saveEpisode.mutate(episode)}>
              Save episode
            </button>
            <button type="button" className="btn-link" onClick={() => setEpisode(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : canEdit ? (
        <button type="button" className="btn btn-small" data-testid="new-care-episode" onClick={() => setEpisode(blankEpisode(patientId))}>
          New episode of care
        </button>
      ) : null}

      <h4>Advance Beneficiary Notices (ABN)</h4>
      {(abns.data ?? []).length === 0 ? (
        <p className="muted">No ABN on file.</p>
      ) : (
        <table className="grid compact">
          <thead>
            <tr>
              <th>Signed</th>
              <th>Option</th>
              <th>Services</th>
              <th>Standing</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {(abns.data ?? []).map((v) => (
              <tr key={v.abn.id} data-testid="abn-row">
                <td>{v.abn.signed_on ? formatDate(v.abn.signed_on) : "Not signed"}</td>
                <td>{OPTIONS.find((o) => o.value === v.abn.option)?.label.split(":")[0] ?? "—"}</td>
                <td>{v.abn.services.map((s) => `${s.code} ${formatMoney(s.estimated_cost)}`).join(", ")}</td>
                <td data-testid="abn-status">{v.status_label}</td>
                <td>
                  <button type="button" className="btn-link" data-testid="abn-open-print" onClick={() => setPrinting(v.abn.id)}>
                    Print…
                  </button>
                  {canAbn ? (
                    <button type="button" className="btn-link" onClick={() => setAbn(v.abn)}>
                      Record signature
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {printing !== null ? (
        <PdfOutput
          name="abn_path"
          label="Save the ABN as"
          defaultPath={`abn-${printing}.pdf`}
          dialogTitle="Save the ABN as PDF"
          testid="abn"
          buttonLabel="Print ABN"
          print={(path) => abnPrint(printing, path)}
        />
      ) : null}
      {abn ? (
        <div className="form abn-form" data-testid="abn-form">
          <TextField className="w-xl" label="Why Medicare may not pay (E)" name="reason" value={abn.reason} onChange={(v) => setAbn({ ...abn, reason: v })} error={err("reason")} />
          {abn.services.map((s, i) => (
            <div className="row" key={i}>
              <TextField className="w-sm" label="Code" name={`services[${i}].code`} value={s.code} onChange={(v) => setAbn({ ...abn, services: abn.services.map((x, k) => (k === i ? { ...x, code: v } : x)) })} error={err(`services[${i}].code`)} />
              <TextField className="w-lg" label="Service (D)" name={`services[${i}].description`} value={s.description} onChange={(v) => setAbn({ ...abn, services: abn.services.map((x, k) => (k === i ? { ...x, description: v } : x)) })} error={err(`services[${i}].description`)} />
              <TextField className="w-sm" label="Estimated cost (F)" name={`services[${i}].estimated_cost`} inputMode="decimal" value={s.estimated_cost} onChange={(v) => setAbn({ ...abn, services: abn.services.map((x, k) => (k === i ? { ...x, estimated_cost: v } : x)) })} error={err(`services[${i}].estimated_cost`)} />
            </div>
          ))}
          <button type="button" className="btn btn-small" onClick={() => setAbn({ ...abn, services: [...abn.services, { code: "", description: "", estimated_cost: "" }] })}>
            Add a service
          </button>
          <div className="row">
            <DateField className="w-sm" label="Signed on (J)" name="signed_on" value={abn.signed_on} hint="Blank until the patient signs" onChange={(v) => setAbn({ ...abn, signed_on: v })} error={err("signed_on")} />
            <SelectField className="w-xl" label="The patient's choice (G)" name="option" value={abn.option ?? ""} placeholder="Not chosen yet" options={OPTIONS} onChange={(v) => setAbn({ ...abn, option: v === "" ? null : (v as AbnOption) })} error={err("option")} />
          </div>
          <div className="field-actions">
            <button type="button" className="btn btn-primary" data-testid="abn-save" disabled={saveAbn.isPending} onClick={() => saveAbn.mutate(abn)}>
              Save ABN
            </button>
            <button type="button" className="btn-link" onClick={() => setAbn(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : canAbn ? (
        <button type="button" className="btn btn-small" data-testid="new-abn" onClick={() => setAbn(blankAbn(patientId))}>
          New ABN
        </button>
      ) : null}
    </div>
  );
}
