import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { PlanLimits } from "../../bindings/PlanLimits";
import { PlanLimitsEditor } from "./PlanLimitsEditor";

const NONE: PlanLimits = { visits_per_plan_year: null, plan_year_start: null, authorization_required: false, authorizations: [] };

function Harness({ errors = {}, seen }: { errors?: Record<string, string>; seen: (l: PlanLimits) => void }) {
  const [limits, setLimits] = useState(NONE);
  return (
    <PlanLimitsEditor
      prefix="policies[0]"
      value={limits}
      onChange={(l) => {
        setLimits(l);
        seen(l);
      }}
      err={(f) => errors[f]}
    />
  );
}

function field(name: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no field ${name}`);
  return el;
}

describe("PlanLimitsEditor", () => {
  it("edits the plan-year maximum and an authorization as the Rust side keeps them", () => {
    let last = NONE;
    render(<Harness seen={(l) => (last = l)} />);
    fireEvent.change(field("policies[0].limits.visits_per_plan_year"), { target: { value: "12 visits" } });
    expect(last.visits_per_plan_year).toBe(12);
    fireEvent.change(field("policies[0].limits.plan_year_start"), { target: { value: "2027-01-01" } });
    fireEvent.click(screen.getByLabelText("The plan requires prior authorization for visits"));
    fireEvent.click(screen.getByTestId("add-authorization-policies[0]"));
    fireEvent.change(field("policies[0].limits.authorizations[0].number"), { target: { value: "AU-77" } });
    fireEvent.change(field("policies[0].limits.authorizations[0].visits_authorized"), { target: { value: "6" } });
    fireEvent.change(field("policies[0].limits.authorizations[0].starts"), { target: { value: "2027-01-05" } });
    fireEvent.change(field("policies[0].limits.authorizations[0].ends"), { target: { value: "2027-03-31" } });
    fireEvent.change(field("policies[0].limits.authorizations[0].codes"), { target: { value: "98940, 97110" } });
    expect(last).toEqual({
      visits_per_plan_year: 12,
      plan_year_start: "2027-01-01",
      authorization_required: true,
      authorizations: [{ id: null, number: "AU-77", visits_authorized: 6, starts: "2027-01-05", ends: "2027-03-31", codes: ["98940", "97110"], note: "" }],
    });
    // Blank is no limit.
    fireEvent.change(field("policies[0].limits.visits_per_plan_year"), { target: { value: "" } });
    expect(last.visits_per_plan_year).toBeNull();
  });

  it("shows the Rust side's refusals next to their fields", () => {
    render(<Harness seen={() => undefined} errors={{ "policies[0].limits.plan_year_start": "Enter the date the plan year starts" }} />);
    expect(screen.getByTestId("error-policies[0].limits.plan_year_start").textContent).toBe("Enter the date the plan year starts");
  });
});
