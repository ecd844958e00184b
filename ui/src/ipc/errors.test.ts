import { describe, expect, it } from "vitest";
import type { ErrorReport } from "../bindings/ErrorReport";
import { fieldError, fieldErrorsUnder, notifyLoggedOut, onLoggedOut, toErrorReport, unclaimedFieldErrors } from "./errors";

describe("toErrorReport", () => {
  it("passes an ErrorReport through", () => {
    const r: ErrorReport = {
      kind: "invalid",
      message: "Please correct 2 fields.",
      fields: [
        { field: "address.zip", message: "ZIP code must be 5 or 9 digits." },
        { field: "policies[1].member_id", message: "Enter the insured's ID." },
      ],
    };
    expect(toErrorReport(r)).toEqual(r);
  });

  it("wraps a plain string rejection", () => {
    expect(toErrorReport("command patient_save not found")).toEqual({
      kind: "failure",
      message: "command patient_save not found",
      fields: [],
    });
  });

  it("wraps an Error", () => {
    expect(toErrorReport(new Error("boom"))).toEqual({ kind: "failure", message: "boom", fields: [] });
  });

  it("repairs partial objects", () => {
    const r = toErrorReport({ kind: "weird", fields: [{ field: "x", message: "bad" }, { nope: 1 }] });
    expect(r.kind).toBe("failure");
    expect(r.fields).toEqual([{ field: "x", message: "bad" }]);
    expect(r.message).not.toBe("");
  });

  it("handles null/undefined", () => {
    expect(toErrorReport(undefined).kind).toBe("failure");
    expect(toErrorReport(null).message).toBeTruthy();
  });
});

describe("fieldError", () => {
  const r: ErrorReport = {
    kind: "invalid",
    message: "Check the fields.",
    fields: [
      { field: "address.zip", message: "Bad ZIP" },
      { field: "policies[0].subscriber.person.birth_date", message: "Bad date" },
      { field: "policies[0].eligibility[0].checked_on", message: "Date required" },
    ],
  };
  it("finds the message for an exact path", () => {
    expect(fieldError(r, "address.zip")).toBe("Bad ZIP");
    expect(fieldError(r, "policies[0].subscriber.person.birth_date")).toBe("Bad date");
    expect(fieldError(r, "address")).toBeUndefined();
    expect(fieldError(null, "address.zip")).toBeUndefined();
  });
  it("lists errors under a prefix", () => {
    expect(fieldErrorsUnder(r, "policies[0].").map((f) => f.field)).toEqual([
      "policies[0].subscriber.person.birth_date",
      "policies[0].eligibility[0].checked_on",
    ]);
  });
  it("finds unclaimed errors", () => {
    expect(unclaimedFieldErrors(r, (f) => f === "address.zip").length).toBe(2);
  });
});

describe("session refusals", () => {
  it("keeps the kinds not_allowed and logged_out", () => {
    expect(toErrorReport({ kind: "not_allowed", message: "Your role may not do this", fields: [] }).kind).toBe("not_allowed");
    expect(toErrorReport({ kind: "logged_out", message: "The screen is locked", fields: [] }).kind).toBe("logged_out");
  });
  it("tells the listeners (the session gate) about a logged_out refusal", () => {
    let heard = 0;
    const off = onLoggedOut(() => (heard += 1));
    notifyLoggedOut();
    off();
    notifyLoggedOut();
    expect(heard).toBe(1);
  });
});
