/**
 * The recovery key: the sheet the administrator prints once, when the practice file is
 * encrypted, and the login screen's way back in when every administrator password is
 * forgotten. The key comes from the Rust side (the door keeps it only until the sheet is put
 * away); nothing here stores it.
 */
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { SessionInfo } from "../../bindings/SessionInfo";
import { recoveryKeyPending, recoverySheetDone, recoverySheetSave, sessionRecover } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { ErrorBanner } from "../common/Banner";
import { TextField } from "../common/fields";
import { PasswordField } from "./SessionForms";

/** Shown right after the file was encrypted, before any other screen. */
export function RecoverySheetScreen({ practiceName, onDone }: { practiceName: string; onDone: (s: SessionInfo) => void }) {
  const keyQ = useQuery({ queryKey: keys.recoveryKey, queryFn: recoveryKeyPending, staleTime: Infinity });
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const save = async () => {
    setReport(null);
    try {
      const path = await choosePdfSave("Save the recovery sheet", `${practiceName} recovery sheet.pdf`);
      if (!path) return;
      await recoverySheetSave(path);
      setSaved(path);
    } catch (err) {
      setReport(toErrorReport(err));
    }
  };
  const done = async () => {
    try {
      onDone(await recoverySheetDone());
    } catch (err) {
      setReport(toErrorReport(err));
    }
  };
  return (
    <div className="gate" data-testid="recovery-sheet">
      <div className="gate-form">
        <h1>Print the recovery sheet</h1>
        <p>
          <strong>{practiceName}</strong> is now encrypted: without a password, nobody can read it, not even from a stolen computer or a copied file.
        </p>
        <p>
          This recovery key opens it when <strong>every administrator password is forgotten</strong>. It is shown only now. Without it, forgetting every
          password loses the practice and everything in it.
        </p>
        <ErrorBanner report={report} onDismiss={() => setReport(null)} />
        <p className="recovery-key mono" data-testid="recovery-key" aria-label="Recovery key">
          {keyQ.data ?? (keyQ.isPending ? "…" : "")}
        </p>
        <p className="muted small">Print the sheet and keep it in the office safe, away from the computer and the backups.</p>
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => void save()} data-testid="recovery-save">
            Save the recovery sheet (PDF)…
          </button>
        </div>
        {saved ? (
          <p className="muted small" data-testid="recovery-saved">
            Saved to {saved}. Print it, then delete the file.
          </p>
        ) : null}
        <label className="checkbox">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="recovery-confirm" />
          I have printed the recovery sheet (or written the key down) and put it away safely.
        </label>
        <button type="button" className="btn" disabled={!confirmed} onClick={() => void done()} data-testid="recovery-done">
          Continue
        </button>
      </div>
    </div>
  );
}

const RECOVER_FIELDS = new Set(["recovery_key", "login", "password", "confirm"]);

/** Every administrator password forgotten: the recovery key, an administrator, a new password. */
export function RecoverForm({ onDone, onCancel }: { onDone: (s: SessionInfo) => void; onCancel: () => void }) {
  const [recoveryKey, setRecoveryKey] = useState("");
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setReport(null);
    if (password !== confirm) {
      setReport({ kind: "invalid", message: "The two passwords differ.", fields: [{ field: "confirm", message: "Type the same password twice." }] });
      return;
    }
    setBusy(true);
    try {
      onDone(await sessionRecover(recoveryKey, login.trim(), password));
    } catch (err) {
      setReport(toErrorReport(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="gate-form" data-testid="recover-form" onSubmit={(e) => void submit(e)}>
      <h1>Use the recovery key</h1>
      <p className="muted">Type the key from the recovery sheet (dashes and capitals do not matter), an administrator's login and their new password.</p>
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => RECOVER_FIELDS.has(f))} onDismiss={() => setReport(null)} />
      <TextField label="Recovery key" name="recovery_key" value={recoveryKey} onChange={setRecoveryKey} error={fieldError(report, "recovery_key")} autoFocus />
      <TextField label="Administrator login" name="login" value={login} onChange={setLogin} error={fieldError(report, "login")} />
      <PasswordField label="New password" name="password" value={password} onChange={setPassword} error={fieldError(report, "password")} autoComplete="new-password" />
      <PasswordField label="New password again" name="confirm" value={confirm} onChange={setConfirm} error={fieldError(report, "confirm")} autoComplete="new-password" />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="recover-submit">
          Set the new password and log in
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Back to log in
        </button>
      </div>
    </form>
  );
}
