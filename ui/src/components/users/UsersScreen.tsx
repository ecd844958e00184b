/**
 * Users of the practice file (administrator): who they are and their role, a new user with a
 * temporary password, a password reset (the user chooses a new one at next login),
 * deactivating (never deleting: the audit trail names them), the roles table as the Rust side
 * defines it, and the idle time before the screen locks.
 */
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { Role } from "../../bindings/Role";
import type { User } from "../../bindings/User";
import { rolesList, securitySettingsSave, userCreate, userResetPassword, userSetActive, usersList } from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { formatDate } from "../../lib/format";
import { useCan, useSession } from "../../session/session";
import { ErrorBanner, Notice } from "../common/Banner";
import { SelectField, TextField } from "../common/fields";
import { PasswordField } from "../session/SessionForms";


export function UsersScreen() {
  const client = useQueryClient();
  const users = useQuery({ queryKey: keys.users, queryFn: usersList });
  const roles = useQuery({ queryKey: keys.roles, queryFn: rolesList });
  const canCreate = useCan("user_create");
  const canReset = useCan("user_reset_password");
  const canActivate = useCan("user_set_active");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.users });
    // Who still lacks a key to the encrypted file is part of the session.
    void client.invalidateQueries({ queryKey: keys.session });
  };
  const withoutKey = useSession()?.session.users_without_key ?? [];

  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) => userSetActive(id, active),
    onSuccess: (u) => {
      setNotice(`${u.full_name} is ${u.active ? "active again" : "deactivated"}.`);
      refresh();
    },
    onError: (e) => setReport(toErrorReport(e)),
  });

  return (
    <div className="screen" data-testid="users-screen">
      <header className="screen-head">
        <h2>Users</h2>
      </header>
      <ErrorBanner report={report ?? (users.error ? toErrorReport(users.error) : null)} onDismiss={() => setReport(null)} />
      {notice ? <Notice>{notice}</Notice> : null}
      {withoutKey.length > 0 ? (
        <p className="banner banner-warn" data-testid="users-without-key">
          The practice file was encrypted when only your password was known: {withoutKey.join(", ")} cannot log in until you give them a new password
          (Reset password).
        </p>
      ) : null}
      <section className="section">
        <table className="grid compact" data-testid="users-table">
          <thead>
            <tr>
              <th>Login</th>
              <th>Name</th>
              <th>Role</th>
              <th>Active</th>
              <th>Must change password</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id} data-testid="user-row" className={u.active ? "" : "inactive"}>
                <td className="mono">{u.login}</td>
                <td>{u.full_name}</td>
                <td>{u.role_label}</td>
                <td>{u.active ? "Yes" : "No"}</td>
                <td>{u.must_change_password ? "Yes" : "No"}</td>
                <td>{formatDate(u.created_at.slice(0, 10))}</td>
                <td className="row">
                  {canReset ? (
                    <button type="button" className="btn btn-small" onClick={() => setResetting(u)} data-testid="user-reset">
                      Reset password…
                    </button>
                  ) : null}
                  {canActivate ? (
                    <button type="button" className="btn btn-small" onClick={() => setActive.mutate({ id: u.id, active: !u.active })} disabled={setActive.isPending} data-testid="user-set-active">
                      {u.active ? "Deactivate" : "Reactivate"}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {resetting ? (
        <ResetPassword
          key={resetting.id}
          user={resetting}
          onDone={(u) => {
            setResetting(null);
            setNotice(`${u.full_name}'s password was reset: they choose a new one at their next login.`);
            refresh();
          }}
          onCancel={() => setResetting(null)}
        />
      ) : null}
      {canCreate ? <NewUserForm onCreated={(u) => { setNotice(`${u.full_name} (${u.login}) can log in now with the temporary password, and will choose their own.`); refresh(); }} /> : null}
      <SecuritySettingsForm />
      <section className="section">
        <h3>Roles</h3>
        <p className="muted small">What each role may do, as ClaimDesk checks it on every action.</p>
        <table className="grid compact" data-testid="roles-table">
          <thead>
            <tr>
              <th>Area</th>
              {(roles.data?.roles ?? []).map((r) => (
                <th key={r.role}>{r.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(roles.data?.rows ?? []).map((row) => (
              <tr key={row.area}>
                <td>{row.label}</td>
                {row.granted.map((g, i) => (
                  <td key={i}>{g ? "✓" : "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

const USER_FIELDS = new Set(["login", "full_name", "role", "password"]);

function NewUserForm({ onCreated }: { onCreated: (u: User) => void }) {
  const [login, setLogin] = useState("");
  const [fullName, setFullName] = useState("");
  const [role, setRole] = useState<Role>("front_desk");
  const [password, setPassword] = useState("");
  const [report, setReport] = useState<ErrorReport | null>(null);
  // The roles and their names come from the Rust side (the same query as the roles table).
  const roleNames = useQuery({ queryKey: keys.roles, queryFn: rolesList });
  const create = useMutation({
    mutationFn: () => userCreate({ login: login.trim(), full_name: fullName.trim(), role, password }),
    onSuccess: (u) => {
      setLogin("");
      setFullName("");
      setPassword("");
      setReport(null);
      onCreated(u);
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="section" data-testid="new-user">
      <h3>Add a user</h3>
      <form onSubmit={submit}>
        <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => USER_FIELDS.has(f))} onDismiss={() => setReport(null)} />
        <div className="row">
          <TextField label="Login" name="login" value={login} onChange={setLogin} error={fieldError(report, "login")} required />
          <TextField label="Name" name="full_name" value={fullName} onChange={setFullName} error={fieldError(report, "full_name")} required />
          <SelectField label="Role" name="role" value={role} onChange={(v) => setRole(v as Role)} error={fieldError(report, "role")} options={(roleNames.data?.roles ?? []).map((r) => ({ value: r.role, label: r.label }))} />
          <PasswordField label="Temporary password" name="password" value={password} onChange={setPassword} error={fieldError(report, "password")} hint="At least 12 characters; the user chooses their own at first login." autoComplete="new-password" />
          <div className="field-actions">
            <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="user-create">
              Add user
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

function ResetPassword({ user, onDone, onCancel }: { user: User; onDone: (u: User) => void; onCancel: () => void }) {
  const [password, setPassword] = useState("");
  const [report, setReport] = useState<ErrorReport | null>(null);
  const reset = useMutation({
    mutationFn: () => userResetPassword(user.id, password),
    onSuccess: onDone,
    onError: (e) => setReport(toErrorReport(e)),
  });
  return (
    <section className="section" data-testid="reset-password">
      <h3>Reset the password of {user.full_name}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          reset.mutate();
        }}
      >
        <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => f === "password")} onDismiss={() => setReport(null)} />
        <div className="row">
          <PasswordField label="Temporary password" name="reset_password" value={password} onChange={setPassword} error={fieldError(report, "password")} hint="They must choose a new password at their next login." autoComplete="new-password" autoFocus />
          <div className="field-actions">
            <button type="submit" className="btn btn-primary" disabled={reset.isPending} data-testid="user-reset-submit">
              Reset password
            </button>
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

function SecuritySettingsForm() {
  const client = useQueryClient();
  const api = useSession();
  const canSave = useCan("security_settings_save");
  const [minutes, setMinutes] = useState(String(api?.session.lock_after_minutes ?? 10));
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => securitySettingsSave({ lock_after_minutes: Number(minutes) }),
    onSuccess: () => {
      setSaved(true);
      setReport(null);
      void client.invalidateQueries({ queryKey: keys.session });
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  return (
    <section className="section" data-testid="security-settings">
      <h3>Automatic lock</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          if (!/^\d+$/.test(minutes.trim())) {
            setReport({ kind: "invalid", message: "Check the idle time.", fields: [{ field: "lock_after_minutes", message: "Whole minutes, from 1 to 240." }] });
            return;
          }
          save.mutate();
        }}
      >
        <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => f === "lock_after_minutes")} onDismiss={() => setReport(null)} />
        <div className="row">
          <TextField label="Lock the screen after this many idle minutes" name="lock_after_minutes" value={minutes} onChange={setMinutes} inputMode="numeric" error={fieldError(report, "lock_after_minutes")} hint="1 to 240; 10 by default." disabled={!canSave} />
          <div className="field-actions">
            <button type="submit" className="btn btn-primary" disabled={!canSave || save.isPending} data-testid="security-save">
              Save
            </button>
          </div>
        </div>
        {saved ? <Notice>Saved: the screen locks after {minutes.trim()} idle minutes.</Notice> : null}
      </form>
    </section>
  );
}
