import { useQuery } from "@tanstack/react-query";
import { careEpisodesForPatient, careModifiers, injuryCasesForPatient } from "../../ipc/commands";
import { keys } from "../../ipc/queryKeys";
import { formatDate } from "../../lib/format";
import { SelectField } from "../common/fields";
import { kindLabel } from "./InjuryCases";


/** The modifiers the Medicare chiropractic rules own; a suggestion replaces these only. */
const CARE_MODIFIERS = new Set(["AT", "GA", "GZ", "GP", "GY"]);

/** A line's modifiers with the care modifiers replaced by the suggested ones. */
export function withCareModifiers(current: string[], suggested: string[]): string[] {
  return [...current.filter((m) => !CARE_MODIFIERS.has(m.toUpperCase())), ...suggested].slice(0, 4);
}

/** Charge entry's choice of the patient's episode of care (box 14 and the phase come from it). */
export function EpisodeField({ patientId, value, onChange, error }: { patientId: number; value: number | null; onChange: (id: number | null) => void; error?: string | undefined }) {
  const q = useQuery({ queryKey: keys.careEpisodes(patientId), queryFn: () => careEpisodesForPatient(patientId) });
  const list = q.data ?? [];
  if (list.length === 0 && value === null) return null;
  return (
    <SelectField
      className="w-lg"
      label="Episode of care (box 14)"
      name="episode_id"
      value={value === null ? "" : String(value)}
      placeholder="None"
      options={list.map((v) => ({ value: String(v.episode.id), label: `${v.episode.subluxation} ${v.region}, began ${formatDate(v.episode.initiation_date)}` }))}
      hint="Medicare chiropractic: the course of treatment this visit belongs to"
      onChange={(v) => onChange(v === "" ? null : Number(v))}
      error={error}
    />
  );
}

interface HintProps {
  index: number;
  episodeId: number;
  serviceDate: string;
  code: string;
  renderingProviderId: number;
  modifiers: string[];
  onApply: (modifiers: string[]) => void;
}

/** What the Rust side says a line of this episode should carry (AT, GA/GZ, GP, GY), with Apply. */
export function CareModifierHint({ index, episodeId, serviceDate, code, renderingProviderId, modifiers, onApply }: HintProps) {
  const q = useQuery({
    queryKey: ["care", "modifiers", episodeId, serviceDate, code, renderingProviderId],
    queryFn: () => careModifiers(episodeId, serviceDate, code, renderingProviderId),
    enabled: code.length === 5 && renderingProviderId > 0,
  });
  const s = q.data;
  if (!s) return null;
  const next = withCareModifiers(modifiers, s.modifiers);
  const same = next.join(" ") === modifiers.join(" ");
  return (
    <div className={same ? "muted small care-hint" : "banner banner-warn care-hint"} data-testid="care-modifier-hint">
      <span>
        Line {index + 1} ({code}): {s.reason}
      </span>
      {same ? null : (
        <button type="button" className="btn btn-small" data-testid="care-modifier-apply" onClick={() => onApply(next)}>
          Use {s.modifiers.join(" ")}
        </button>
      )}
    </div>
  );
}

/** Charge entry's choice of the injury case the visit belongs to (box 10 and the carrier follow). */
export function InjuryCaseField({ patientId, value, onChange, error }: { patientId: number; value: number | null; onChange: (id: number | null) => void; error?: string | undefined }) {
  const q = useQuery({ queryKey: keys.injuryCases(patientId), queryFn: () => injuryCasesForPatient(patientId) });
  const list = (q.data ?? []).filter((c) => c.status === "open" || c.id === value);
  if (list.length === 0 && value === null) return null;
  return (
    <SelectField
      className="w-lg"
      label="Injury case"
      name="injury_case_id"
      value={value === null ? "" : String(value)}
      placeholder="None"
      options={list.map((c) => ({ value: String(c.id), label: `${kindLabel(c.kind)}, injured ${formatDate(c.injury_date)}${c.claim_number ? `, claim ${c.claim_number}` : ""}` }))}
      hint="Box 10 and the carrier billed come from the case"
      onChange={(v) => onChange(v === "" ? null : Number(v))}
      error={error}
    />
  );
}
