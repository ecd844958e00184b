import { fireEvent, screen, waitFor } from "@testing-library/react";
import { onePage, renderWithQuery as render } from "../../test/render";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CollectionsAccount } from "../../bindings/CollectionsAccount";

vi.mock("../../ipc/commands", () => ({
  collectionsWorklist: vi.fn(),
  collectionsSend: vi.fn(),
  collectionsRecall: vi.fn(),
  paymentPost: vi.fn(),
}));

import { collectionsRecall, collectionsSend, collectionsWorklist, paymentPost } from "../../ipc/commands";
import { CollectionsPanel } from "./CollectionsPanel";

const row = (r: Partial<CollectionsAccount>): CollectionsAccount => ({
  account: { kind: "patient", patient_id: 7 },
  patient_id: 7,
  account_number: "1007",
  name: "Jane Doe",
  patient_due: "100.00",
  last_payment: null,
  days_without_payment: 105,
  last_statement: "2026-12-20",
  oldest_open_days: 105,
  message_level: "final_notice",
  plan_delinquent: false,
  hold: false,
  sent_to_agency: false,
  agency: "",
  sent_on: null,
  ...r,
});

const input = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe("CollectionsPanel", () => {
  beforeEach(() => {
    vi.mocked(collectionsWorklist).mockReset();
    vi.mocked(collectionsSend).mockReset().mockResolvedValue(null);
    vi.mocked(collectionsRecall).mockReset().mockResolvedValue(null);
    vi.mocked(paymentPost).mockReset();
  });

  it("finds accounts past N days and sends one to an agency", async () => {
    vi.mocked(collectionsWorklist)
      .mockResolvedValueOnce(onePage([row({}), row({ patient_id: 9, account: { kind: "patient", patient_id: 9 }, account_number: "1009", name: "Rick Roe", last_payment: "2026-10-01", days_without_payment: 140, message_level: "past_due" })]))
      .mockResolvedValueOnce(onePage([]));
    const { container } = render(<CollectionsPanel />);
    fireEvent.change(input(container, "collections_days"), { target: { value: "120" } });
    fireEvent.change(input(container, "collections_min"), { target: { value: "50" } });
    fireEvent.click(screen.getByTestId("collections-load"));
    const rows = await screen.findAllByTestId("collections-row");
    expect(collectionsWorklist).toHaveBeenCalledWith({ days_without_payment: 120, min_balance: "50", include_sent: false }, { offset: 0, limit: 500 });
    expect(rows[0]!.textContent).toContain("never");
    expect(rows[0]!.textContent).toContain("Final notice");
    expect(rows[1]!.textContent).toContain("10/01/2026");

    fireEvent.click(screen.getAllByTestId("collections-send")[1]!);
    fireEvent.click(screen.getByTestId("collections-action-confirm"));
    expect((await screen.findByTestId("error-agency")).textContent).toContain("agency");
    expect(collectionsSend).not.toHaveBeenCalled();
    fireEvent.change(input(container, "agency"), { target: { value: "Acme Recovery" } });
    fireEvent.keyDown(input(container, "agency"), { key: "Enter" });
    expect((await screen.findByTestId("collections-notice")).textContent).toContain("1009 sent to Acme Recovery");
    expect(collectionsSend).toHaveBeenCalledWith(9, "Acme Recovery");
    await waitFor(() => expect(collectionsWorklist).toHaveBeenCalledTimes(2));
  });

  it("records an agency payment and takes an account back", async () => {
    const sent = row({ sent_to_agency: true, agency: "Acme Recovery", sent_on: "2027-02-15" });
    vi.mocked(collectionsWorklist).mockResolvedValue(onePage([sent]));
    vi.mocked(paymentPost).mockResolvedValue({
      payment_id: 3,
      patient_id: 7,
      posting_id: 8,
      receipt_number: "R000003",
      received_on: "2027-03-01",
      method: "agency",
      reference: "Acme Recovery",
      amount: "30.00",
      applied: [],
      unapplied: "0.00",
      balance_after: { insurance_pending: "0.00", patient_due: "70.00", total: "70.00" },
    });
    const { container } = render(<CollectionsPanel />);
    fireEvent.click(input(container, "collections_include_sent"));
    fireEvent.click(screen.getByTestId("collections-load"));
    expect((await screen.findByTestId("collections-sent")).textContent).toContain("with Acme Recovery since 02/15/2027");
    expect(collectionsWorklist).toHaveBeenCalledWith({ days_without_payment: 90, min_balance: "25.00", include_sent: true }, { offset: 0, limit: 500 });

    fireEvent.click(screen.getByTestId("collections-agency-payment"));
    fireEvent.change(input(container, "agency_amount"), { target: { value: "30.00" } });
    fireEvent.click(screen.getByTestId("collections-action-confirm"));
    expect((await screen.findByTestId("collections-notice")).textContent).toContain("Agency payment $30.00");
    expect(paymentPost).toHaveBeenCalledWith({ patient_id: 7, received_on: null, method: "agency", reference: "Acme Recovery", amount: "30.00", apply: { kind: "oldest_first" } });

    fireEvent.click(await screen.findByTestId("collections-recall"));
    await waitFor(() => expect(collectionsRecall).toHaveBeenCalledWith(7));
    expect((await screen.findByTestId("collections-notice")).textContent).toContain("taken back");
  });

  it("checks the day count before asking", async () => {
    const { container } = render(<CollectionsPanel />);
    fireEvent.change(input(container, "collections_days"), { target: { value: "ninety" } });
    fireEvent.click(screen.getByTestId("collections-load"));
    expect((await screen.findByTestId("error-collections_days")).textContent).toContain("whole number");
    expect(collectionsWorklist).not.toHaveBeenCalled();
  });
});
