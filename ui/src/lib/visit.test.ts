import { describe, expect, it } from "vitest";
import { fieldPlace, inputCandidates, modifiersToText, pointersToText, remapPointers, textToModifiers, textToPointers } from "./visit";

describe("charge entry text conversions", () => {
  it("turns pointer letters into 1-based indexes and back", () => {
    expect(textToPointers("AB")).toEqual([1, 2]);
    expect(textToPointers("a, c d")).toEqual([1, 3, 4]);
    expect(textToPointers("")).toEqual([]);
    expect(textToPointers("L")).toEqual([12]);
    expect(textToPointers("M")).toBeNull();
    expect(textToPointers("A1")).toBeNull();
    expect(pointersToText([1, 2])).toBe("AB");
    expect(pointersToText([12, 3])).toBe("LC");
  });

  it("splits modifiers on spaces and commas", () => {
    expect(textToModifiers("25 59")).toEqual(["25", "59"]);
    expect(textToModifiers(" at,gp  ")).toEqual(["AT", "GP"]);
    expect(textToModifiers("")).toEqual([]);
    expect(modifiersToText(["25", "59"])).toBe("25 59");
  });

  it("keeps pointers on the same codes when diagnoses move or go", () => {
    // B moved above A.
    expect(remapPointers([1, 2], [1, 0])).toEqual([2, 1]);
    // A removed: B becomes A.
    expect(remapPointers([1, 2, 3], [1, 2])).toEqual([1, 2]);
  });

  it("knows where each finding is fixed", () => {
    expect(fieldPlace("lines[1].pointers")).toEqual({ where: "visit", field: "lines[1].pointers" });
    expect(fieldPlace("visit.diagnoses[2]")).toEqual({ where: "visit", field: "diagnoses[2]" });
    expect(fieldPlace("rendering_provider_id")).toEqual({ where: "visit", field: "rendering_provider_id" });
    expect(fieldPlace("patient.birth_date").where).toBe("patient");
    expect(fieldPlace("policy.member_id").where).toBe("patient");
    expect(fieldPlace("policy.msp_type")).toEqual({ where: "patient", label: "Fix on the patient screen" });
    expect(fieldPlace("epsdt")).toEqual({ where: "visit", field: "epsdt" });
    expect(inputCandidates("epsdt")).toEqual(["epsdt"]);
    expect(fieldPlace("practice.npi")).toEqual({ where: "setup", label: "Fix in Practice setup → Practice details" });
    expect(fieldPlace("payer.address.zip").where).toBe("setup");
    expect(fieldPlace("rendering.npi").where).toBe("setup");
    expect(inputCandidates("lines[1].modifiers[0]")).toEqual(["lines[1].modifiers[0]", "lines[1].modifiers", "lines[1].code"]);
  });
});
