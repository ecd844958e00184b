import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PracticeFileInfo } from "./bindings/PracticeFileInfo";
import { blankPractice } from "./lib/blank";
import { onePage, renderWithQuery as render } from "./test/render";

vi.mock("./ipc/commands", () => ({
  practiceCurrent: vi.fn(),
  practiceRecent: vi.fn(),
  practiceOpen: vi.fn(),
  practiceCreate: vi.fn(),
  practiceSuggestPath: vi.fn(),
  practiceUpdate: vi.fn(),
  patientsSearch: vi.fn(),
  payersList: vi.fn(),
  feesList: vi.fn(),
  providersList: vi.fn(),
  facilitiesList: vi.fn(),
  visitsUnbilled: vi.fn(),
  claimsList: vi.fn(),
  remittanceExceptions: vi.fn(),
  clearinghousesList: vi.fn(),
  sessionCurrent: vi.fn(),
  sessionLogIn: vi.fn(),
  sessionLogOut: vi.fn(),
  sessionLock: vi.fn(),
  sessionUnlock: vi.fn(),
  sessionTouch: vi.fn(),
  demoLogins: vi.fn(),
  administratorCreate: vi.fn(),
  passwordChange: vi.fn(),
}));
vi.mock("./ipc/dialogs", () => ({
  choosePracticeToOpen: vi.fn(),
  choosePracticeSaveAs: vi.fn(),
  chooseCsvToImport: vi.fn(),
  chooseCsvExport: vi.fn(),
}));

import { App } from "./App";
import {
  clearinghousesList,
  demoLogins,
  feesList,
  patientsSearch,
  payersList,
  remittanceExceptions,
  practiceCreate,
  practiceCurrent,
  practiceOpen,
  practiceRecent,
  practiceSuggestPath,
  sessionCurrent,
  sessionLock,
  sessionLogIn,
  sessionUnlock,
  visitsUnbilled,
} from "./ipc/commands";
import { testSession } from "./test/session";
import { choosePracticeToOpen } from "./ipc/dialogs";

const info: PracticeFileInfo = {
  path: "/home/dr/ClaimDesk/Back Bay Chiropractic.claimdesk",
  practice: { ...blankPractice(), name: "Back Bay Chiropractic" },
  schema_version: 1,
  patient_count: 0,
};

describe("App", () => {
  beforeEach(() => {
    vi.mocked(practiceCurrent).mockReset();
    vi.mocked(practiceRecent).mockReset().mockResolvedValue([{ path: info.path, practice_name: "Back Bay Chiropractic", opened_at: "2026-01-01T00:00:00Z" }]);
    vi.mocked(patientsSearch).mockReset().mockResolvedValue([]);
    vi.mocked(payersList).mockReset().mockResolvedValue([]);
    vi.mocked(feesList).mockReset().mockResolvedValue(onePage([]));
    vi.mocked(visitsUnbilled).mockReset().mockResolvedValue({ rows: [], total: 0, offset: 0 });
    vi.mocked(remittanceExceptions).mockReset().mockResolvedValue(onePage([]));
    vi.mocked(clearinghousesList).mockReset().mockResolvedValue([]);
    vi.mocked(sessionCurrent).mockReset().mockResolvedValue(testSession());
    vi.mocked(demoLogins).mockReset().mockResolvedValue([]);
  });

  it("shows the start screen with recent files when no practice file is open, and opens one via the dialog", async () => {
    vi.mocked(practiceCurrent).mockResolvedValue(null);
    vi.mocked(choosePracticeToOpen).mockResolvedValue(info.path);
    vi.mocked(practiceOpen).mockResolvedValue(info);
    render(<App />);
    expect(await screen.findByTestId("start-screen")).toBeTruthy();
    expect(screen.getByText("Back Bay Chiropractic")).toBeTruthy();
    fireEvent.click(screen.getByTestId("start-open"));
    await waitFor(() => expect(practiceOpen).toHaveBeenCalledWith(info.path));
    expect((await screen.findByTestId("practice-name")).textContent).toBe("Back Bay Chiropractic");
    expect(screen.getByTestId("patient-search")).toBeTruthy();
  });

  it("navigates between screens", async () => {
    vi.mocked(practiceCurrent).mockResolvedValue(info);
    render(<App />);
    await screen.findByTestId("practice-name");
    fireEvent.click(screen.getByTestId("nav-fees"));
    expect(await screen.findByTestId("fees-screen")).toBeTruthy();
    fireEvent.click(screen.getByTestId("nav-claims"));
    expect(await screen.findByTestId("claims-screen")).toBeTruthy();
    await waitFor(() => expect(visitsUnbilled).toHaveBeenCalled());
    fireEvent.click(screen.getByTestId("nav-remittances"));
    expect(await screen.findByTestId("remittances-screen")).toBeTruthy();
    await waitFor(() => expect(remittanceExceptions).toHaveBeenCalled());
    fireEvent.click(screen.getByTestId("nav-setup"));
    expect(await screen.findByRole("heading", { name: "Practice setup" })).toBeTruthy();
    fireEvent.click(screen.getByTestId("setup-tab-electronic"));
    expect(await screen.findByTestId("clearinghouse-settings")).toBeTruthy();
    await waitFor(() => expect(clearinghousesList).toHaveBeenCalled());
    fireEvent.click(screen.getByTestId("nav-patients"));
    expect(await screen.findByTestId("patient-search")).toBeTruthy();
  });

  it("guided setup suggests a path and creates the practice file", async () => {
    vi.mocked(practiceCurrent).mockResolvedValue(null);
    vi.mocked(practiceSuggestPath).mockResolvedValue("/data/Back Bay Chiropractic.claimdesk");
    vi.mocked(practiceCreate).mockRejectedValueOnce({ kind: "invalid", message: "Check the practice details.", fields: [{ field: "npi", message: "NPI check digit is wrong." }] });
    const { container } = render(<App />);
    fireEvent.click(await screen.findByTestId("start-new"));
    fireEvent.change(container.querySelector('[name="name"]')!, { target: { value: "Back Bay Chiropractic" } });
    await waitFor(() => expect((container.querySelector('[name="path"]') as HTMLInputElement).value).toBe("/data/Back Bay Chiropractic.claimdesk"));
    fireEvent.change(container.querySelector('[name="npi"]')!, { target: { value: "1234567890" } });
    fireEvent.click(screen.getByTestId("create-practice"));
    expect((await screen.findByTestId("error-npi")).textContent).toBe("NPI check digit is wrong.");
    vi.mocked(practiceCreate).mockResolvedValueOnce(info);
    fireEvent.click(screen.getByTestId("create-practice"));
    expect((await screen.findByTestId("practice-name")).textContent).toBe("Back Bay Chiropractic");
    const [path, practice] = vi.mocked(practiceCreate).mock.calls[1]!;
    expect(path).toBe("/data/Back Bay Chiropractic.claimdesk");
    expect(practice.name).toBe("Back Bay Chiropractic");
    expect(practice.npi).toBe("1234567890");
  });

  it("opens a practice file on its login screen, with the demo's logins on a demo", async () => {
    vi.mocked(practiceCurrent).mockResolvedValue(info);
    vi.mocked(sessionCurrent).mockResolvedValue(testSession({ user: null, demo: true }));
    vi.mocked(demoLogins).mockResolvedValue([{ login: "frontdesk", role: "Front desk", password: "demo-front-2026" }]);
    vi.mocked(sessionLogIn).mockResolvedValue(testSession());
    const { container } = render(<App />);
    expect(await screen.findByTestId("login-screen")).toBeTruthy();
    expect(screen.getByTestId("login-practice").textContent).toBe("Back Bay Chiropractic");
    expect(screen.queryByTestId("patient-search")).toBeNull();
    fireEvent.click(await screen.findByTestId("demo-login"));
    expect((container.querySelector('[name="login"]') as HTMLInputElement).value).toBe("frontdesk");
    fireEvent.click(screen.getByTestId("login-submit"));
    await waitFor(() => expect(sessionLogIn).toHaveBeenCalledWith("frontdesk", "demo-front-2026"));
    expect(await screen.findByTestId("patient-search")).toBeTruthy();
    expect(screen.getByTestId("session-user").textContent).toContain("Dana Admin");
  });

  it("shows the Rust side's message when a login is refused", async () => {
    vi.mocked(practiceCurrent).mockResolvedValue(info);
    vi.mocked(sessionCurrent).mockResolvedValue(testSession({ user: null }));
    vi.mocked(sessionLogIn).mockRejectedValue({ kind: "logged_out", message: "That login and password do not match", fields: [] });
    const { container } = render(<App />);
    await screen.findByTestId("login-screen");
    fireEvent.change(container.querySelector('[name="login"]')!, { target: { value: "admin" } });
    fireEvent.click(screen.getByTestId("login-submit"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("That login and password do not match");
  });

  it("the lock screen renders none of the screens, and unlocking brings them back", async () => {
    vi.mocked(practiceCurrent).mockResolvedValue(info);
    vi.mocked(sessionLock).mockResolvedValue(testSession({ locked: true }));
    vi.mocked(sessionUnlock).mockResolvedValue(testSession());
    const { container } = render(<App />);
    await screen.findByTestId("patient-search");
    fireEvent.click(screen.getByTestId("session-lock"));
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
    expect(screen.queryByTestId("patient-search")).toBeNull();
    expect(screen.queryByTestId("practice-name")).toBeNull();
    expect(container.querySelectorAll("nav, main").length).toBe(0);
    expect(screen.getByTestId("lock-user").textContent).toBe("Dana Admin");
    fireEvent.change(container.querySelector('[name="unlock_password"]')!, { target: { value: "a long passphrase" } });
    fireEvent.click(screen.getByTestId("unlock"));
    await waitFor(() => expect(sessionUnlock).toHaveBeenCalledWith("a long passphrase"));
    expect(await screen.findByTestId("patient-search")).toBeTruthy();
  });

  it("asks for the administrator on a file without users, and for a new password after a reset", async () => {
    vi.mocked(practiceCurrent).mockResolvedValue(info);
    vi.mocked(sessionCurrent).mockResolvedValue(testSession({ needs_administrator: true, user: null }));
    render(<App />);
    expect(await screen.findByTestId("administrator-form")).toBeTruthy();
    expect(screen.getByText(/At least 12 characters/)).toBeTruthy();
    vi.mocked(sessionCurrent).mockResolvedValue(testSession({ must_change_password: true }));
    render(<App />);
    expect(await screen.findByTestId("change-password")).toBeTruthy();
  });

  it("hides the screens the role cannot use", async () => {
    vi.mocked(practiceCurrent).mockResolvedValue(info);
    vi.mocked(sessionCurrent).mockResolvedValue(testSession({}, ["patients_search", "patient_get", "claims_list"]));
    render(<App />);
    await screen.findByTestId("patient-search");
    expect(screen.getByTestId("nav-claims")).toBeTruthy();
    for (const id of ["nav-fees", "nav-reports", "nav-users", "nav-audit", "nav-setup"]) expect(screen.queryByTestId(id)).toBeNull();
  });
});
