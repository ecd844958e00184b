import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../ipc/commands", () => ({
  backupStatus: vi.fn(),
  backupSettingsGet: vi.fn(),
  backupSettingsSave: vi.fn(),
  backupsList: vi.fn(),
  backupNow: vi.fn(),
  backupDrill: vi.fn(),
  backupRestore: vi.fn(),
}));
vi.mock("../../ipc/events", () => ({ onBackupProgress: vi.fn(async () => () => {}) }));
vi.mock("../../ipc/dialogs", () => ({ chooseBackupFolder: vi.fn() }));

import type { BackupListed } from "../../bindings/BackupListed";
import type { BackupStatus } from "../../bindings/BackupStatus";
import { backupDrill, backupNow, backupRestore, backupSettingsGet, backupSettingsSave, backupStatus, backupsList } from "../../ipc/commands";
import { chooseBackupFolder } from "../../ipc/dialogs";
import { renderWithQuery as render } from "../../test/render";
import { BackupsScreen } from "./BackupsScreen";
import { statusText } from "./BackupStatusLine";

const settings = { folder: "/media/usb/backups", keep_daily: 7, keep_weekly: 4, keep_monthly: 12, warn_after_days: 2 };
const status: BackupStatus = {
  folder_set: true,
  folder: settings.folder,
  last_verified_at: "2026-12-01T18:00:00Z",
  last_verified_file: "Clinic.claimdesk.backup-20261201T180000Z.claimdesk",
  age_days: 0,
  warn_after_days: 2,
  warn: false,
  last_problem: "",
};
const counts = { patients: 200, visits: 900, claims: 850, ledger_entries: 4000, audit_entries: 30 };
const listed: BackupListed = {
  path: "/media/usb/backups/Clinic.claimdesk.backup-20261201T180000Z.claimdesk",
  file_name: "Clinic.claimdesk.backup-20261201T180000Z.claimdesk",
  taken_at: "2026-12-01T18:00:00Z",
  practice_name: "Main Street Family Medicine",
  size_bytes: 3 * 1024 * 1024,
  counts,
  this_practice: true,
  verified_when_taken: true,
  has_keys: false,
  problem: "",
};
const check = { path: listed.path, ok: true, problems: [], practice_name: listed.practice_name, taken_at: listed.taken_at, schema_version: 14, size_bytes: listed.size_bytes, counts };

describe("statusText", () => {
  it("warns when there never was a verified backup, or it is too old", () => {
    expect(statusText({ ...status, last_verified_at: null, age_days: null, warn: true, folder_set: false })).toEqual({
      text: "Last verified backup: never (no backup folder is set)",
      warn: true,
    });
    const old = statusText({ ...status, age_days: 3, warn: true });
    expect(old.warn).toBe(true);
    expect(old.text).toContain("3 days ago, older than 2 days");
    expect(statusText(status).text).toContain("(today)");
  });
});

describe("BackupsScreen", () => {
  beforeEach(() => {
    vi.mocked(backupStatus).mockReset().mockResolvedValue(status);
    vi.mocked(backupSettingsGet).mockReset().mockResolvedValue(settings);
    vi.mocked(backupSettingsSave).mockReset();
    vi.mocked(backupsList).mockReset().mockResolvedValue([listed]);
    vi.mocked(backupNow).mockReset();
    vi.mocked(backupDrill).mockReset();
    vi.mocked(backupRestore).mockReset();
  });

  it("shows the settings, the last verified backup and the folder's backups", async () => {
    render(<BackupsScreen />);
    expect((await screen.findByTestId("backup-status")).textContent).toContain("Last verified backup:");
    expect(await screen.findAllByTestId("backup-row")).toHaveLength(1);
    expect(screen.getByTestId("backup-row").textContent).toContain("Main Street Family Medicine");
    expect(screen.getByTestId("backup-row").textContent).toContain("Verified");
  });

  it("chooses a folder and saves the settings; a refusal shows by its field", async () => {
    vi.mocked(chooseBackupFolder).mockResolvedValue("/mnt/share");
    vi.mocked(backupSettingsSave).mockRejectedValueOnce({ kind: "invalid", message: "folder", fields: [{ field: "folder", message: "/mnt/share is not a folder" }] });
    const { container } = render(<BackupsScreen />);
    await screen.findByTestId("backup-folder-choose");
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('[name="folder"]')!.value).toBe(settings.folder));
    fireEvent.click(screen.getByTestId("backup-folder-choose"));
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('[name="folder"]')!.value).toBe("/mnt/share"));
    fireEvent.click(screen.getByTestId("backup-settings-save"));
    expect((await screen.findByTestId("error-folder")).textContent).toContain("not a folder");
    vi.mocked(backupSettingsSave).mockImplementation(async (s) => s);
    fireEvent.click(screen.getByTestId("backup-settings-save"));
    expect(await screen.findByTestId("backup-settings-saved")).toBeTruthy();
    expect(backupSettingsSave).toHaveBeenLastCalledWith({ ...settings, folder: "/mnt/share" });
  });

  it("looks in another folder for backups", async () => {
    vi.mocked(chooseBackupFolder).mockResolvedValue("/media/old-drive");
    render(<BackupsScreen />);
    await screen.findAllByTestId("backup-row");
    fireEvent.click(screen.getByTestId("backup-look-in"));
    await waitFor(() => expect(backupsList).toHaveBeenLastCalledWith("/media/old-drive"));
    expect(screen.getByTestId("backup-list-folder").textContent).toBe("/media/old-drive");
  });

  it("backs up now and says what was kept", async () => {
    vi.mocked(backupNow).mockResolvedValue({
      path: listed.path,
      file_name: listed.file_name,
      taken_at: listed.taken_at,
      size_bytes: listed.size_bytes,
      sha256: "ab",
      counts,
      removed: ["old"],
      kept: 8,
    });
    render(<BackupsScreen />);
    await screen.findAllByTestId("backup-row");
    fireEvent.click(screen.getByTestId("backup-now"));
    const taken = await screen.findByTestId("backup-taken");
    expect(taken.textContent).toContain("Backed up and verified");
    expect(taken.textContent).toContain("1 older backups removed");
  });

  it("tests a restore and reports a backup that would not restore", async () => {
    vi.mocked(backupDrill).mockResolvedValue({ ok: false, check: { ...check, ok: false, problems: ["its bytes are not the ones verified"] }, millis: 0, keys_ok: false });
    render(<BackupsScreen />);
    fireEvent.click((await screen.findAllByTestId("backup-drill"))[0]!);
    expect((await screen.findByTestId("backup-drill-failed")).textContent).toContain("bytes are not the ones verified");
    expect(backupDrill).toHaveBeenCalledWith(listed.path);
  });

  it("restores only after confirming, and says where the replaced file is", async () => {
    vi.mocked(backupRestore).mockResolvedValue({ restored_from: listed.path, practice_file: "/p/Clinic.claimdesk", kept_aside: "/p/Clinic.claimdesk.before-restore-20261202T100000Z", check });
    render(<BackupsScreen />);
    fireEvent.click((await screen.findAllByTestId("backup-restore"))[0]!);
    expect(backupRestore).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("backup-restore-confirm"));
    expect((await screen.findByTestId("backup-restored")).textContent).toContain("before-restore-20261202T100000Z");
  });
});
