import type { Bucket } from "../bindings/Bucket";
import type { ClaimStatus } from "../bindings/ClaimStatus";
import type { EntryKind } from "../bindings/EntryKind";
import type { EpsdtReferral } from "../bindings/EpsdtReferral";
import type { FormRules } from "../bindings/FormRules";
import type { LedgerEntry } from "../bindings/LedgerEntry";
import type { HeldReason } from "../bindings/HeldReason";
import type { MessageLevel } from "../bindings/MessageLevel";
import type { PostedClaim } from "../bindings/PostedClaim";
import type { EligibilityStatus } from "../bindings/EligibilityStatus";
import type { Frequency } from "../bindings/Frequency";
import type { PayerKind } from "../bindings/PayerKind";
import type { Relationship } from "../bindings/Relationship";
import type { Sex } from "../bindings/Sex";

export const PAYER_KINDS: ReadonlyArray<{ value: PayerKind; label: string }> = [
  { value: "medicare", label: "Medicare" },
  { value: "medicaid", label: "Medicaid" },
  { value: "tricare", label: "TRICARE" },
  { value: "champva", label: "CHAMPVA" },
  { value: "group_health", label: "Group health plan" },
  { value: "bcbs", label: "Blue Cross Blue Shield" },
  { value: "commercial", label: "Commercial" },
  { value: "workers_comp", label: "Workers' comp" },
  { value: "auto", label: "Auto / PIP" },
  { value: "medigap", label: "Medigap (Medicare supplement)" },
  { value: "other", label: "Other" },
];

export function payerKindLabel(kind: PayerKind): string {
  return PAYER_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/** 837P SBR09 claim filing indicator codes. */
export const FILING_INDICATORS: ReadonlyArray<{ code: string; label: string }> = [
  { code: "09", label: "Self-pay" },
  { code: "11", label: "Other non-federal" },
  { code: "12", label: "PPO" },
  { code: "13", label: "POS" },
  { code: "14", label: "EPO" },
  { code: "15", label: "Indemnity" },
  { code: "16", label: "HMO Medicare risk" },
  { code: "17", label: "DMO" },
  { code: "AM", label: "Automobile medical" },
  { code: "BL", label: "Blue Cross/Blue Shield" },
  { code: "CH", label: "CHAMPUS/TRICARE" },
  { code: "CI", label: "Commercial" },
  { code: "DS", label: "Disability" },
  { code: "FI", label: "Federal Employees Program" },
  { code: "HM", label: "HMO" },
  { code: "LM", label: "Liability medical" },
  { code: "MA", label: "Medicare Part A" },
  { code: "MB", label: "Medicare Part B" },
  { code: "MC", label: "Medicaid" },
  { code: "OF", label: "Other federal" },
  { code: "TV", label: "Title V" },
  { code: "VA", label: "Veterans Affairs plan" },
  { code: "WC", label: "Workers' comp" },
  { code: "ZZ", label: "Unknown" },
];

/** The usual filing indicator for a kind of payer, preselected on a new payer. */
export const USUAL_FILING_INDICATOR: Record<PayerKind, string> = {
  medicare: "MB",
  medicaid: "MC",
  tricare: "CH",
  champva: "VA",
  group_health: "CI",
  commercial: "CI",
  bcbs: "BL",
  workers_comp: "WC",
  auto: "AM",
  medigap: "CI",
  other: "11",
};

/** What became of an EPSDT screening's referral (box 24H, 837P CRC); null: not an EPSDT screening. */
export const EPSDT_REFERRALS: ReadonlyArray<{ value: EpsdtReferral; label: string }> = [
  { value: "no_referral", label: "No referral (NU)" },
  { value: "refused", label: "Referral refused (AV)" },
  { value: "under_treatment", label: "Under treatment (S2)" },
  { value: "new_services", label: "New services requested (ST)" },
];

/** Whose item-by-item instructions a payer's paper claims (CMS-1500) follow. */
export const FORM_RULES: ReadonlyArray<{ value: FormRules; label: string }> = [
  { value: "nucc", label: "NUCC (1500 Reference Instruction Manual)" },
  { value: "medicare", label: "Medicare (Pub. 100-04 ch. 26)" },
];

export const SEXES: ReadonlyArray<{ value: Sex; label: string }> = [
  { value: "F", label: "Female" },
  { value: "M", label: "Male" },
  { value: "U", label: "Unknown" },
];

export const RELATIONSHIPS: ReadonlyArray<{ value: Relationship; label: string }> = [
  { value: "self", label: "Self" },
  { value: "spouse", label: "Spouse" },
  { value: "child", label: "Child" },
  { value: "other", label: "Other" },
];

export const ELIGIBILITY_STATUSES: ReadonlyArray<{ value: EligibilityStatus; label: string }> = [
  { value: "active", label: "Active" },
  { value: "inactive", label: "Inactive" },
  { value: "unknown", label: "Unknown" },
];

export const POLICY_ORDER = ["Primary", "Secondary", "Tertiary"] as const;


export const CLAIM_STATUSES: ReadonlyArray<{ value: ClaimStatus; label: string }> = [
  { value: "draft", label: "Draft" },
  { value: "ready", label: "Ready to send" },
  { value: "submitted", label: "Submitted" },
  { value: "accepted", label: "Accepted" },
  { value: "rejected", label: "Rejected" },
  { value: "paid", label: "Paid" },
  { value: "partially_paid", label: "Partially paid" },
  { value: "denied", label: "Denied" },
  { value: "appealed", label: "Appealed" },
  { value: "closed", label: "Closed" },
];

export function claimStatusLabel(s: ClaimStatus): string {
  return CLAIM_STATUSES.find((x) => x.value === s)?.label ?? s;
}

export function frequencyLabel(f: Frequency): string {
  return f === "replacement" ? "Replacement (7)" : f === "void" ? "Void (8)" : "Original";
}

export function rankLabel(rank: number): string {
  return POLICY_ORDER[rank - 1] ?? `#${rank}`;
}

/** Common place-of-service codes (box 24B), for the hint next to the code. */
export const PLACES_OF_SERVICE: Readonly<Record<string, string>> = {
  "02": "Telehealth (not in home)",
  "10": "Telehealth in home",
  "11": "Office",
  "12": "Home",
  "13": "Assisted living",
  "19": "Off-campus outpatient hospital",
  "20": "Urgent care",
  "21": "Inpatient hospital",
  "22": "On-campus outpatient hospital",
  "23": "Emergency room",
  "24": "Ambulatory surgical center",
  "31": "Skilled nursing facility",
  "32": "Nursing facility",
  "49": "Independent clinic",
  "50": "Federally qualified health center",
  "65": "ESRD facility",
  "71": "Public health clinic",
  "72": "Rural health clinic",
  "81": "Independent laboratory",
  "99": "Other",
};

const ENTRY_KINDS: Record<EntryKind, string> = {
  charge: "Charge",
  insurance_payment: "Insurance payment",
  adjustment: "Adjustment",
  transfer: "Moved to patient",
  patient_payment: "Patient payment",
  refund: "Refund",
};

/** CARC 1/2/3 on a PR adjustment: which part of the patient's share. */
const PR_REASONS: Readonly<Record<string, string>> = { "1": "deductible", "2": "coinsurance", "3": "copay" };

/**
 * A ledger entry's kind in biller words: "Adjustment (CO 45)", "Moved to patient (deductible)".
 */
export function entryKindLabel(e: Pick<LedgerEntry, "kind" | "group_code" | "reason_code" | "responsibility">): string {
  const base = ENTRY_KINDS[e.kind] ?? e.kind;
  if (e.kind === "adjustment") {
    const code = [e.group_code, e.reason_code].filter((c) => c.trim() !== "").join(" ");
    return code ? `${base} (${code})` : base;
  }
  if (e.kind === "transfer") {
    const part = e.responsibility.trim() !== "" && e.responsibility !== "other" ? e.responsibility : (PR_REASONS[e.reason_code] ?? "");
    if (part) return `${base} (${part})`;
    const code = [e.group_code, e.reason_code].filter((c) => c.trim() !== "").join(" ");
    return code ? `${base} (${code})` : base;
  }
  return base;
}

export function bucketLabel(b: Bucket): string {
  return b === "insurance" ? "Insurance" : "Patient";
}

/** The note on a posted claim: secondary built, crossover, underpaid lines, loose matches. */
export function postedClaimNotes(c: PostedClaim, preview: boolean, crossoverPayer?: string): string[] {
  const out: string[] = [];
  if (c.secondary_claim) out.push(`Secondary claim ${c.secondary_claim} ${preview ? "will be built" : "built"}`);
  if (c.crossover) out.push(crossoverPayer ? `Crossed over to ${crossoverPayer}` : "Crossed over to the next payer (do not bill it yourself)");
  if (c.underpaid_lines > 0) out.push(`${c.underpaid_lines} line${c.underpaid_lines === 1 ? "" : "s"} underpaid`);
  if (c.lines_matched_loosely > 0)
    out.push(`${c.lines_matched_loosely} line${c.lines_matched_loosely === 1 ? "" : "s"} matched without line control number`);
  return out;
}

/** A statement's message level in words. */
/** Why an account gets no statement in a run (the Rust side's `HeldReason::message`). */
export function heldReasonLabel(reason: HeldReason): string {
  switch (reason) {
    case "no_mailing_address":
      return "No mailing address: add it on the patient's record";
    case "injury_case_held":
      return "An injury case holds billing until settlement: release the hold or post the settlement";
  }
}

export function messageLevelLabel(level: MessageLevel): string {
  switch (level) {
    case "reminder":
      return "Reminder";
    case "past_due":
      return "Past due";
    case "final_notice":
      return "Final notice";
  }
}
