/**
 * Paper EOB entry: the typed form <-> the `ClaimAdjudication` the posting engine reads.
 * No money arithmetic here: every amount is sent exactly as typed (trimmed); the Rust side
 * checks that the payer's numbers add up and says what does not.
 */
import type { CasAdjustment } from "../bindings/CasAdjustment";
import type { ClaimAdjudication } from "../bindings/ClaimAdjudication";
import type { ClaimData } from "../bindings/ClaimData";
import type { FieldError } from "../bindings/FieldError";
import type { LineAdjudication } from "../bindings/LineAdjudication";

/** CLP02 as a paper EOB says it. */
export type EobStatusCode = "1" | "4";
export const EOB_STATUSES: ReadonlyArray<{ value: EobStatusCode; label: string }> = [
  { value: "1", label: "Processed (paid or applied to deductible)" },
  { value: "4", label: "Denied" },
];

export type OtherGroup = "OA" | "PI" | "CO";
export const OTHER_GROUPS: ReadonlyArray<{ value: OtherGroup; label: string }> = [
  { value: "OA", label: "OA other" },
  { value: "PI", label: "PI payer initiated" },
  { value: "CO", label: "CO contractual" },
];

/** CARC 45: charge exceeds the fee schedule / contracted amount. */
export const DEFAULT_CO_REASON = "45";

export interface EobLineDraft {
  paid: string;
  co: string;
  coReason: string;
  deductible: string;
  coinsurance: string;
  copay: string;
  other: string;
  otherGroup: OtherGroup;
  otherReason: string;
  /** Remark codes (RARC), comma separated. */
  remarks: string;
}

export interface EobDraft {
  paidDate: string | null;
  payerClaimNumber: string;
  statusCode: EobStatusCode;
  /** "Total paid on this EOB", as typed. */
  paid: string;
  /** "Total patient responsibility", as typed. */
  patientResponsibility: string;
  lines: EobLineDraft[];
}

export function blankEobLine(): EobLineDraft {
  return { paid: "", co: "", coReason: DEFAULT_CO_REASON, deductible: "", coinsurance: "", copay: "", other: "", otherGroup: "OA", otherReason: "", remarks: "" };
}

export function blankEob(claim: ClaimData, paidDate: string): EobDraft {
  return { paidDate, payerClaimNumber: "", statusCode: "1", paid: "", patientResponsibility: "", lines: claim.visit.lines.map(() => blankEobLine()) };
}

/** The input (by its `name`) that shows the errors about each part of one built adjustment. */
interface AdjustmentInputs {
  amount: string;
  reason: string;
  group: string;
}

export interface BuiltEob {
  adjudication: ClaimAdjudication;
  /** `lines[0].adjustments[1]` -> the inputs it came from, so refusals land next to them. */
  adjustmentInputs: ReadonlyMap<string, AdjustmentInputs>;
  /** What cannot be sent at all (nothing to ask the Rust side about). */
  problems: FieldError[];
}

/** Empty text means zero. "0.00" is a constant, not a computation. */
const ZERO = "0.00";
const amountOrZero = (typed: string): string => (typed.trim() === "" ? ZERO : typed.trim());

/** "N130, MA01" -> ["N130", "MA01"]. */
export function textToRemarks(text: string): string[] {
  return text
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter((r) => r !== "");
}

/** The adjudication for `claim_post_eob`, built from the form exactly as typed. */
export function buildEobAdjudication(claim: ClaimData, draft: EobDraft): BuiltEob {
  const problems: FieldError[] = [];
  const adjustmentInputs = new Map<string, AdjustmentInputs>();
  if (draft.paidDate === null || draft.paidDate.trim() === "") {
    problems.push({ field: "paid_date", message: "Enter the date the payer paid (the EOB or check date)." });
  }

  const lines: LineAdjudication[] = claim.visit.lines.map((sl, i) => {
    const d = draft.lines[i] ?? blankEobLine();
    const p = (k: string) => `lines[${i}].${k}`;
    const adjustments: CasAdjustment[] = [];
    const add = (group: string, reason: string, typed: string, inputs: AdjustmentInputs) => {
      if (typed.trim() === "") return;
      adjustmentInputs.set(`lines[${i}].adjustments[${adjustments.length}]`, inputs);
      adjustments.push({ group, reason, amount: typed.trim(), quantity: null });
    };

    const coReason = d.coReason.trim();
    if (d.co.trim() !== "" && coReason === "") {
      problems.push({ field: p("co_reason"), message: `Line ${i + 1}: enter the reason code (CARC) of the contractual adjustment.` });
    }
    add("CO", coReason, d.co, { amount: p("co"), reason: p("co_reason"), group: p("co") });
    add("PR", "1", d.deductible, { amount: p("deductible"), reason: p("deductible"), group: p("deductible") });
    add("PR", "2", d.coinsurance, { amount: p("coinsurance"), reason: p("coinsurance"), group: p("coinsurance") });
    add("PR", "3", d.copay, { amount: p("copay"), reason: p("copay"), group: p("copay") });
    const otherReason = d.otherReason.trim();
    if (d.other.trim() !== "" && otherReason === "") {
      problems.push({ field: p("other_reason"), message: `Line ${i + 1}: enter the reason code (CARC) of the other adjustment.` });
    }
    add(d.otherGroup, otherReason, d.other, { amount: p("other"), reason: p("other_reason"), group: p("other_group") });

    return {
      procedure: sl.code,
      modifiers: [...sl.modifiers],
      submitted_procedure: null,
      service_date: sl.service_from ?? claim.visit.service_date,
      line_control_number: null,
      charge: sl.charge,
      paid: amountOrZero(d.paid),
      units: sl.units,
      allowed: null,
      adjustments,
      remarks: textToRemarks(d.remarks),
    };
  });

  const adjudication: ClaimAdjudication = {
    control_number: claim.control_number,
    status_code: draft.statusCode,
    charge: claim.total_charge,
    paid: amountOrZero(draft.paid),
    patient_responsibility: amountOrZero(draft.patientResponsibility),
    payer_claim_number: draft.payerClaimNumber.trim(),
    adjustments: [],
    remarks: [],
    crossover_payer: null,
    lines,
  };
  return { adjudication, adjustmentInputs, problems };
}

/**
 * Which input shows a refusal about `path`: the Rust side names the adjudication's paths
 * (`lines[0].adjustments[1].amount`, `paidDate`); the form names its inputs
 * (`lines[0].deductible`, `paid_date`).
 */
export function eobInputFor(path: string, adjustmentInputs: ReadonlyMap<string, AdjustmentInputs>): string {
  const f = path.replace(/^adjudication\./, "");
  if (f === "paidDate") return "paid_date";
  if (f === "status" || f === "claim_status") return "status_code";
  const remark = /^(lines\[\d+\])\.remarks\[\d+\]$/.exec(f);
  if (remark) return `${remark[1]}.remarks`;
  const adj = /^(lines\[\d+\]\.adjustments\[\d+\])(?:\.(\w+))?$/.exec(f);
  if (adj) {
    const inputs = adjustmentInputs.get(adj[1] ?? "");
    if (inputs) return adj[2] === "reason" ? inputs.reason : adj[2] === "group" ? inputs.group : inputs.amount;
  }
  return f;
}
