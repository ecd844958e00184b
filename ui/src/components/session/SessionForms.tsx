/**
 * The screens before work: create the file's administrator, log in, choose a new password, and
 * the lock screen. None of them shows patient data.
 */
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { SessionInfo } from "../../bindings/SessionInfo";
import { administratorCreate, demoLogins, passwordChange, sessionLogIn, sessionLogOut, sessionUnlock } from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { ErrorBanner } from "../common/Banner";
import { TextField } from "../common/fields";
import { RecoverForm } from "./Recovery";

export const PASSWORD_MIN = 12;
const PASSWORD_RULE = `At least ${PASSWORD_MIN} characters; a passphrase of a few words is easy to remember and hard to guess.`;

interface PasswordFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string;
  autoFocus?: boolean;
  autoComplete?: string;
}

/** A password input (the shared TextField has no password type). */
export function PasswordField({ label, name, value, onChange, error, hint, autoFocus, autoComplete = "current-password" }: PasswordFieldProps) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input type="password" name={name} value={value} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus} autoComplete={autoComplete} aria-invalid={error ? true : undefined} />
      {hint ? <span className="field-hint">{hint}</span> : null}
      {error ? (
        <div className="field-error" data-testid={`error-${name}`} role="alert">
          {error}
        </div>
      ) : null}
    </label>
  );
}

function useSubmit(run: () => Promise<SessionInfo>, done: (s: SessionInfo) => void) {
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setReport(null);
    try {
      done(await run());
    } catch (err) {
      setReport(toErrorReport(err));
    } finally {
      setBusy(false);
    }
  };
  return { report, setReport, busy, submit };
}

const ADMIN_FIELDS = new Set(["full_name", "login", "password", "role"]);

/** First start of a practice file without users: its administrator. */
export function AdministratorForm({ practiceName, onDone }: { practiceName: string; onDone: (s: SessionInfo) => void }) {
  const [fullName, setFullName] = useState("");
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const mismatch = confirm !== "" && confirm !== password;
  const { report, setReport, busy, submit } = useSubmit(async () => {
    if (password !== confirm) throw { kind: "invalid", message: "The two passwords differ.", fields: [{ field: "confirm", message: "Type the same password twice." }] };
    return administratorCreate({ login: login.trim(), full_name: fullName.trim(), role: "administrator", password });
  }, onDone);
  return (
    <form className="gate-form" data-testid="administrator-form" onSubmit={(e) => void submit(e)}>
      <h1>Create the administrator</h1>
      <p className="muted">
        <strong>{practiceName}</strong> has no users yet. The administrator creates the other users and can do everything in this practice file.
      </p>
      <p className="muted" data-testid="encryption-notice">
        ClaimDesk then encrypts the practice file: only users' passwords open it. You will get a <strong>recovery key</strong> to print once and keep in
        the office safe. Without it, forgetting every administrator password loses the practice.
      </p>
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => ADMIN_FIELDS.has(f) || f === "confirm")} onDismiss={() => setReport(null)} />
      <TextField label="Name" name="full_name" value={fullName} onChange={setFullName} error={fieldError(report, "full_name")} autoFocus required />
      <TextField label="Login" name="login" value={login} onChange={setLogin} error={fieldError(report, "login")} required />
      <PasswordField label="Password" name="password" value={password} onChange={setPassword} error={fieldError(report, "password")} hint={PASSWORD_RULE} autoComplete="new-password" />
      <PasswordField
        label="Password again"
        name="confirm"
        value={confirm}
        onChange={setConfirm}
        error={fieldError(report, "confirm") ?? (mismatch ? "Type the same password twice." : undefined)}
        autoComplete="new-password"
      />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="administrator-create">
        Create administrator
      </button>
    </form>
  );
}

/** The login screen of the open practice file (with the demo's invented logins on a demo). */
export function LoginScreen({
  practiceName,
  demo,
  encrypted = true,
  onDone,
  onOpenOther,
}: {
  practiceName: string;
  demo: boolean;
  /** False for a file from before encryption: an administrator's login encrypts it first. */
  encrypted?: boolean;
  onDone: (s: SessionInfo) => void;
  /** Open another practice file instead. */
  onOpenOther?: (() => void) | undefined;
}) {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [recovering, setRecovering] = useState(false);
  const demoQ = useQuery({ queryKey: keys.demoLogins, queryFn: demoLogins, enabled: demo });
  const { report, setReport, busy, submit } = useSubmit(() => sessionLogIn(login.trim(), password), (s) => {
    setPassword("");
    onDone(s);
  });
  if (recovering) {
    return (
      <div className="gate" data-testid="login-screen">
        <RecoverForm onDone={onDone} onCancel={() => setRecovering(false)} />
      </div>
    );
  }
  return (
    <div className="gate" data-testid="login-screen">
      <form className="gate-form" onSubmit={(e) => void submit(e)}>
        <h1>Log in</h1>
        <p className="muted">
          Practice file: <strong data-testid="login-practice">{practiceName}</strong>
        </p>
        <ErrorBanner report={report} onDismiss={() => setReport(null)} />
        {busy && !encrypted ? (
          <p className="muted small" role="status" data-testid="login-encrypting">
            An administrator's first login encrypts this practice file; for a large practice that takes a minute or two.
          </p>
        ) : null}
        <TextField label="Login" name="login" value={login} onChange={setLogin} autoFocus />
        <PasswordField label="Password" name="password" value={password} onChange={setPassword} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy || login.trim() === ""} data-testid="login-submit">
            {busy ? "Logging in…" : "Log in"}
          </button>
          {onOpenOther ? (
            <button type="button" className="btn" onClick={onOpenOther} data-testid="login-open-other">
              Open another practice file…
            </button>
          ) : null}
        </div>
        <button type="button" className="btn btn-link" onClick={() => setRecovering(true)} data-testid="login-recover">
          Forgot every password? Use the recovery key
        </button>
      </form>
      {demo && demoQ.data && demoQ.data.length > 0 ? (
        <aside className="gate-aside" data-testid="demo-logins" aria-label="Demo logins">
          <h3>Demo practice logins</h3>
          <p className="muted small">This is the demo practice: its people and logins are invented, the same in every demo file. Click one to fill in the form.</p>
          <table className="grid compact">
            <thead>
              <tr>
                <th>Role</th>
                <th>Login</th>
                <th>Password</th>
              </tr>
            </thead>
            <tbody>
              {demoQ.data.map((d) => (
                <tr
                  key={d.login}
                  className="clickable"
                  data-testid="demo-login"
                  onClick={() => {
                    setLogin(d.login);
                    setPassword(d.password);
                  }}
                >
                  <td>{d.role}</td>
                  <td className="mono">{d.login}</td>
                  <td className="mono">{d.password}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </aside>
      ) : null}
    </div>
  );
}

/** A new password: forced after an administrator's reset, or the header's Change password. */
export function ChangePasswordForm({
  forced,
  onDone,
  onCancel,
  onSwitchUser,
}: {
  forced: boolean;
  onDone: (s: SessionInfo) => void;
  onCancel?: (() => void) | undefined;
  /** Log out instead (forced change: someone else may use the computer). */
  onSwitchUser?: (() => void) | undefined;
}) {
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const mismatch = confirm !== "" && confirm !== password;
  const { report, setReport, busy, submit } = useSubmit(async () => {
    if (password !== confirm) throw { kind: "invalid", message: "The two passwords differ.", fields: [{ field: "confirm", message: "Type the same password twice." }] };
    return passwordChange(current, password);
  }, onDone);
  return (
    <form className="gate-form" data-testid="change-password" onSubmit={(e) => void submit(e)}>
      <h1>Choose a new password</h1>
      {forced ? <p className="muted">An administrator reset your password: choose your own before you go on.</p> : null}
      <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => f === "current" || f === "password" || f === "confirm")} onDismiss={() => setReport(null)} />
      <PasswordField label="Current password" name="current" value={current} onChange={setCurrent} error={fieldError(report, "current")} autoFocus />
      <PasswordField label="New password" name="new_password" value={password} onChange={setPassword} error={fieldError(report, "password")} hint={PASSWORD_RULE} autoComplete="new-password" />
      <PasswordField
        label="New password again"
        name="confirm"
        value={confirm}
        onChange={setConfirm}
        error={fieldError(report, "confirm") ?? (mismatch ? "Type the same password twice." : undefined)}
        autoComplete="new-password"
      />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="change-password-submit">
          Change password
        </button>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        {onSwitchUser ? (
          <button type="button" className="btn" onClick={onSwitchUser} data-testid="change-password-switch-user">
            Switch user
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The locked screen: who is logged in, the password to unlock, or another user. */
export function LockScreen({ userName, onUnlocked, onLoggedOut }: { userName: string; onUnlocked: (s: SessionInfo) => void; onLoggedOut: (s: SessionInfo) => void }) {
  const [password, setPassword] = useState("");
  const { report, setReport, busy, submit } = useSubmit(() => sessionUnlock(password), (s) => {
    setPassword("");
    onUnlocked(s);
  });
  const switchUser = async () => {
    try {
      onLoggedOut(await sessionLogOut());
    } catch (err) {
      setReport(toErrorReport(err));
    }
  };
  return (
    <div className="gate" data-testid="lock-screen">
      <form className="gate-form" onSubmit={(e) => void submit(e)}>
        <h1>Locked</h1>
        <p>
          <strong data-testid="lock-user">{userName}</strong> is logged in. Enter your password to go on where you left off.
        </p>
        <ErrorBanner report={report && report.fields.length === 0 ? report : null} onDismiss={() => setReport(null)} />
        <PasswordField label="Password" name="unlock_password" value={password} onChange={setPassword} error={fieldError(report, "password")} autoFocus />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy || password === ""} data-testid="unlock">
            Unlock
          </button>
          <button type="button" className="btn" onClick={() => void switchUser()} data-testid="lock-switch-user">
            Switch user
          </button>
        </div>
      </form>
    </div>
  );
}
