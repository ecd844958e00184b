import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { Payer } from "../../bindings/Payer";
import { blankPayer } from "../../lib/blank";
import { PayerForm } from "./PayerForm";

function Harness({ initial, onValue }: { initial: Payer; onValue: (p: Payer) => void }) {
  const [v, setV] = useState(initial);
  return (
    <PayerForm
      value={v}
      onChange={(p) => {
        setV(p);
        onValue(p);
      }}
      err={() => undefined}
    />
  );
}

function select(container: HTMLElement, name: string): HTMLSelectElement {
  const el = container.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
  if (!el) throw new Error(name);
  return el;
}

describe("PayerForm", () => {
  it.each([
    ["medicare", "MB"],
    ["medicaid", "MC"],
    ["tricare", "CH"],
    ["champva", "VA"],
    ["group_health", "CI"],
    ["commercial", "CI"],
    ["bcbs", "BL"],
    ["workers_comp", "WC"],
    ["auto", "AM"],
    ["medigap", "CI"],
    ["other", "11"],
  ])("preselects the filing indicator for a new %s payer", (kind, code) => {
    let last: Payer | null = null;
    const { container } = render(<Harness initial={{ ...blankPayer(), kind: kind === "other" ? "medicare" : "other" }} onValue={(p) => (last = p)} />);
    fireEvent.change(select(container, "kind"), { target: { value: kind } });
    expect(select(container, "claim_filing_indicator").value).toBe(code);
    expect(last!.claim_filing_indicator).toBe(code);
  });

  it("keeps an existing payer's filing indicator when the kind changes", () => {
    const existing: Payer = { ...blankPayer(), id: 9, kind: "commercial", claim_filing_indicator: "12" };
    const { container } = render(<Harness initial={existing} onValue={() => undefined} />);
    fireEvent.change(select(container, "kind"), { target: { value: "bcbs" } });
    expect(select(container, "claim_filing_indicator").value).toBe("12");
  });

  it("asks a Medigap insurer for its COBA Medigap ID, and only a Medigap insurer", () => {
    let last: Payer | null = null;
    const { container } = render(<Harness initial={blankPayer()} onValue={(p) => (last = p)} />);
    expect(container.querySelector('[name="coba_id"]')).toBeNull();
    fireEvent.change(select(container, "kind"), { target: { value: "medigap" } });
    const coba = container.querySelector<HTMLInputElement>('input[name="coba_id"]')!;
    expect(coba.closest("label")?.textContent).toContain("COBA Medigap ID");
    expect(screen.getByText("Medicare's crossover ID for this insurer, printed in item 9d")).toBeTruthy();
    fireEvent.change(coba, { target: { value: "55817" } });
    expect(last!.coba_id).toBe("55817");
    // Another kind has no COBA ID: the field goes and the ID is blank.
    fireEvent.change(select(container, "kind"), { target: { value: "commercial" } });
    expect(container.querySelector('[name="coba_id"]')).toBeNull();
    expect(last!.coba_id).toBe("");
  });

  it("shows a refused COBA Medigap ID next to its field", () => {
    const medigap: Payer = { ...blankPayer(), kind: "medigap", coba_id: "54999" };
    render(<PayerForm value={medigap} onChange={() => undefined} err={(f) => (f === "coba_id" ? "The COBA Medigap ID is 5 digits from 55000 to 59999" : undefined)} />);
    expect(screen.getByTestId("error-coba_id").textContent).toContain("55000 to 59999");
  });

  it("labels kinds and codes in the biller's words", () => {
    const { container } = render(<Harness initial={blankPayer()} onValue={() => undefined} />);
    const kinds = Array.from(select(container, "kind").options).map((o) => o.text);
    expect(kinds).toContain("Workers' comp");
    expect(kinds).toContain("Auto / PIP");
    expect(kinds).toContain("Medigap (Medicare supplement)");
    const codes = Array.from(select(container, "claim_filing_indicator").options).map((o) => o.text);
    expect(codes).toContain("MB — Medicare Part B");
    expect(codes).toContain("ZZ — Unknown");
  });
});
