/** Charge-entry helpers: text <-> Visit fields, and where a claim field path is fixed. */
import type { ServiceLine } from "../bindings/ServiceLine";
import type { Visit } from "../bindings/Visit";
import { todayIso } from "./format";

/** Box 21's diagnoses are lettered A–L: the notation pointers are typed in. How many a claim,
 * a line's pointers and its modifiers may hold is the Rust side's (`visit_limits`). */
const DIAGNOSIS_LETTERS = 12;
const A = "A".charCodeAt(0);

/** 1 -> "A" ... 12 -> "L". */
export function pointerLetter(n: number): string {
  return n >= 1 && n <= 26 ? String.fromCharCode(A + n - 1) : "?";
}

/** [1, 2] -> "AB". */
export function pointersToText(pointers: readonly number[]): string {
  return pointers.map(pointerLetter).join("");
}

/**
 * "AB", "a b", "A,B" -> [1, 2]. Returns null when something other than letters A-L (and
 * spaces/commas) was typed.
 */
export function textToPointers(text: string): number[] | null {
  const out: number[] = [];
  for (const ch of text.toUpperCase()) {
    if (ch === " " || ch === ",") continue;
    const n = ch.charCodeAt(0) - A + 1;
    if (n < 1 || n > DIAGNOSIS_LETTERS) return null;
    out.push(n);
  }
  return out;
}

/** "25 59", "25,59" -> ["25", "59"] (upper case). */
export function textToModifiers(text: string): string[] {
  return text
    .toUpperCase()
    .split(/[\s,]+/)
    .filter((m) => m !== "");
}

export function modifiersToText(mods: readonly string[]): string {
  return mods.join(" ");
}

export function blankLine(): ServiceLine {
  return {
    id: null,
    service_from: null,
    service_to: null,
    code: "",
    modifiers: [],
    pointers: [],
    units: 1,
    charge: "",
    charge_override_reason: "",
    supplemental: "",
    emergency: false,
  };
}

export function blankVisit(patientId: number): Visit {
  return {
    id: null,
    patient_id: patientId,
    service_date: todayIso(),
    rendering_provider_id: 0,
    referring_provider_id: null,
    facility_id: null,
    place_of_service: "11",
    diagnoses: [],
    lines: [blankLine()],
    conditions: { employment: false, auto_accident: false, auto_accident_state: "", other_accident: false, accident_date: null },
    onset_date: null,
    initial_treatment_date: null,
    last_xray_date: null,
    prior_authorization: "",
    additional_info: "",
    abn_on_file: false,
    epsdt: null,
    episode_id: null,
  };
}

/**
 * After the diagnosis list changed order (`order[newIndex] = oldIndex`, 0-based), rewrite a
 * line's pointers so each still points at the same code; pointers to removed codes are dropped.
 */
export function remapPointers(pointers: readonly number[], order: readonly number[]): number[] {
  const out: number[] = [];
  for (const p of pointers) {
    const at = order.indexOf(p - 1);
    if (at >= 0) out.push(at + 1);
  }
  return out;
}

export type FieldPlace =
  | { where: "visit"; field: string }
  | { where: "patient"; label: string }
  | { where: "setup"; label: string }
  | { where: "claim"; label: string };

/**
 * Where the user fixes what a scrubber finding (or a field error) is about. Visit fields are
 * on the charge entry form; the rest live on the patient screen or in practice setup.
 */
export function fieldPlace(field: string): FieldPlace {
  const f = field.startsWith("visit.") ? field.slice(6) : field;
  const head = f.split(/[.[]/)[0] ?? "";
  switch (head) {
    case "patient":
    case "policy":
    case "subscriber":
    case "other_coverage":
    case "insured":
      return { where: "patient", label: "Fix on the patient screen" };
    case "practice":
      return { where: "setup", label: "Fix in Practice setup → Practice details" };
    case "payer":
      return { where: "setup", label: "Fix in Practice setup → Payers" };
    case "rendering":
    case "referring":
      return { where: "setup", label: "Fix in Practice setup → Providers" };
    case "facility":
      return { where: "setup", label: "Fix in Practice setup → Facilities" };
    case "original_reference":
    case "frequency":
    case "total_charge":
    case "accept_assignment":
      return { where: "claim", label: "Fix on the claim (corrected claim / status)" };
    default:
      return { where: "visit", field: f };
  }
}

/** The names of inputs to try, most specific first, for a visit field path. */
export function inputCandidates(field: string): string[] {
  const out: string[] = [field];
  // lines[1].modifiers[0] -> lines[1].modifiers
  const noIndex = field.replace(/\[\d+\]$/, "");
  if (noIndex !== field) out.push(noIndex);
  // lines[1] or lines[1].supplemental -> lines[1].code
  const line = /^lines\[(\d+)\]/.exec(field);
  if (line) out.push(`lines[${line[1]}].code`);
  if (field === "diagnoses" || field.startsWith("diagnoses")) out.push("dx-search");
  if (field === "lines") out.push("lines[0].code");
  if (field.startsWith("conditions")) out.push("conditions.employment");
  return out;
}

/** Focuses the input for a field path inside `root`; false when no input matches. */
export function focusField(root: ParentNode | null | undefined, field: string): boolean {
  if (!root) return false;
  for (const name of inputCandidates(field)) {
    const el = root.querySelector<HTMLElement>(`[name="${name.replace(/["\\]/g, "\\$&")}"]`);
    if (el) {
      el.scrollIntoView?.({ block: "center" });
      el.focus();
      return true;
    }
  }
  return false;
}
