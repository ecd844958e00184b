import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntry } from "../../bindings/AuditEntry";
import { fakeViewport, renderWithQuery as render } from "../../test/render";
import { testUser } from "../../test/session";

vi.mock("../../ipc/commands", () => ({
  auditList: vi.fn(),
  auditExport: vi.fn(),
  usersList: vi.fn(),
}));
vi.mock("../../ipc/dialogs", () => ({ chooseCsvExport: vi.fn(), choosePdfSave: vi.fn() }));

import { auditExport, auditList, usersList } from "../../ipc/commands";
import { chooseCsvExport } from "../../ipc/dialogs";
import { AuditScreen } from "./AuditScreen";

const entry = (id: number, action: string): AuditEntry => ({
  id,
  at: "2026-12-02T14:00:00Z",
  user_id: 3,
  user_name: "frontdesk",
  source: "app",
  action,
  outcome: "done",
  record_kind: "",
  record_id: null,
  patient_id: null,
  detail: "",
});

describe("AuditScreen", () => {
  let undo: () => void;
  beforeEach(() => {
    undo?.();
    undo = fakeViewport();
    vi.mocked(usersList).mockReset().mockResolvedValue([testUser(), testUser({ id: 3, login: "frontdesk", full_name: "Frankie Desk", role: "front_desk", role_label: "Front desk" })]);
    vi.mocked(auditList).mockReset();
  });

  it("lists entries newest first, filters by user and shows older entries with before_id", async () => {
    vi.mocked(auditList).mockImplementation(async (f) => (f.before_id === null ? { entries: [entry(9, "unlock"), entry(8, "lock")], more: true } : { entries: [entry(7, "log_in")], more: false }));
    const { container } = render(<AuditScreen />);
    await waitFor(() => expect(screen.getAllByTestId("audit-action").map((e) => e.textContent)).toEqual(["unlock", "lock"]));
    fireEvent.click(screen.getByTestId("audit-more"));
    await waitFor(() => expect(screen.getAllByTestId("audit-action").map((e) => e.textContent)).toEqual(["unlock", "lock", "log_in"]));
    expect(vi.mocked(auditList).mock.calls.at(-1)![0].before_id).toBe(8);

    await waitFor(() => expect(container.querySelectorAll('[name="audit_user"] option').length).toBe(3));
    fireEvent.change(container.querySelector('[name="audit_user"]')!, { target: { value: "3" } });
    fireEvent.change(container.querySelector('[name="audit_action"]')!, { target: { value: "lock" } });
    fireEvent.click(screen.getByTestId("audit-search"));
    await waitFor(() => expect(vi.mocked(auditList).mock.calls.some(([f]) => f.user_id === 3 && f.action === "lock" && f.before_id === null)).toBe(true));
  });

  it("exports the filtered trail as CSV through the save dialog", async () => {
    vi.mocked(auditList).mockResolvedValue({ entries: [entry(1, "log_in")], more: false });
    vi.mocked(chooseCsvExport).mockResolvedValue("/tmp/audit.csv");
    vi.mocked(auditExport).mockResolvedValue({ path: "/tmp/audit.csv", format: "csv", bytes: 100, rows: 1 });
    render(<AuditScreen />);
    await screen.findAllByTestId("audit-action");
    fireEvent.click(screen.getByTestId("audit-export-csv"));
    expect((await screen.findByTestId("audit-exported")).textContent).toContain("/tmp/audit.csv");
    expect(vi.mocked(auditExport).mock.calls[0]![1]).toBe("csv");
  });
});
