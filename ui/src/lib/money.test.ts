import { describe, expect, it } from "vitest";
import { formatMoney, groupThousands } from "./format";
import { entryKindLabel, postedClaimNotes } from "./labels";

describe("money and posting labels", () => {
  it("shows amounts with a $ and thousands separators, digits exactly as sent", () => {
    expect(formatMoney("45.00")).toBe("$45.00");
    expect(formatMoney("845439.10")).toBe("$845,439.10");
    expect(formatMoney("1234567.89")).toBe("$1,234,567.89");
    expect(formatMoney("100000.00")).toBe("$100,000.00");
    expect(formatMoney("999.99")).toBe("$999.99");
    expect(formatMoney("1000.00")).toBe("$1,000.00");
    expect(formatMoney("-1250.00")).toBe("-$1,250.00");
    expect(formatMoney("-12.50")).toBe("-$12.50");
    expect(formatMoney("0.00")).toBe("$0.00");
    expect(formatMoney(" 2500.5 ")).toBe("$2,500.5");
    expect(formatMoney("")).toBe("");
    expect(formatMoney(null)).toBe("");
  });

  it("never rounds: digits beyond what a JS number holds are kept", () => {
    expect(formatMoney("90071992547409931.07")).toBe("$90,071,992,547,409,931.07");
  });

  it("leaves text that is not a plain amount alone (only the $ added)", () => {
    expect(groupThousands("12a45.00")).toBe("12a45.00");
    expect(formatMoney("1e5")).toBe("$1e5");
  });

  it("names ledger entries in biller words", () => {
    const e = { group_code: "", reason_code: "", responsibility: "" };
    expect(entryKindLabel({ ...e, kind: "adjustment", group_code: "OA", reason_code: "23" })).toBe("Adjustment (OA 23)");
    expect(entryKindLabel({ ...e, kind: "adjustment" })).toBe("Adjustment");
    expect(entryKindLabel({ ...e, kind: "transfer", group_code: "PR", reason_code: "3" })).toBe("Moved to patient (copay)");
    expect(entryKindLabel({ ...e, kind: "transfer", group_code: "PR", reason_code: "96", responsibility: "other" })).toBe("Moved to patient (PR 96)");
    expect(entryKindLabel({ ...e, kind: "refund" })).toBe("Refund");
  });

  it("notes what posting does beyond the money", () => {
    const c = {
      claim_id: 1,
      control_number: "C1",
      patient_name: "X",
      status_before: "submitted" as const,
      status_after: "paid" as const,
      charge: "1.00",
      paid: "1.00",
      contractual: "0.00",
      patient_responsibility: "0.00",
      underpaid_lines: 1,
      crossover: false,
      lines_matched_loosely: 2,
      secondary_claim: null,
    };
    expect(postedClaimNotes(c, true)).toEqual(["1 line underpaid", "2 lines matched without line control number"]);
    expect(postedClaimNotes({ ...c, underpaid_lines: 0, lines_matched_loosely: 0, crossover: true }, true, "BCBS MA")).toEqual(["Crossed over to BCBS MA"]);
  });
});
