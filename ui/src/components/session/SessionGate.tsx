/**
 * The gate between an open practice file and its screens: the administrator to create, the
 * login screen, a new password to choose, or the lock screen; the screens (children) only once
 * a user is logged in and the screen is not locked. While locked the children are unmounted,
 * so no patient data is left in the page; unsaved work survives in the draft store
 * (`session/drafts.tsx`). Any command refused as `logged_out` reads the session again.
 */
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionInfo } from "../../bindings/SessionInfo";
import { sessionCurrent, sessionLock, sessionLogOut, sessionTouch } from "../../ipc/commands";
import { onLoggedOut, toErrorReport } from "../../ipc/errors";
import { keys } from "../../ipc/queryKeys";
import { clearDrafts } from "../../session/drafts";
import { useIdleLock } from "../../session/idle";
import { SessionProvider, type SessionApi } from "../../session/session";
import { ErrorBanner } from "../common/Banner";
import { RecoverySheetScreen } from "./Recovery";
import { AdministratorForm, ChangePasswordForm, LockScreen, LoginScreen } from "./SessionForms";

interface Props {
  practiceName: string;
  /** The login screen's "Open another practice file…". */
  onOpenOther?: () => void;
  /** Someone logged in: an encrypted file's practice record can be read now (the title bar). */
  onLoggedIn?: () => void;
  children: ReactNode;
}

export function SessionGate({ practiceName, onOpenOther, onLoggedIn, children }: Props) {
  const client = useQueryClient();
  const q = useQuery({ queryKey: keys.session, queryFn: sessionCurrent });
  const [changing, setChanging] = useState(false);
  const session = q.data;

  useEffect(() => onLoggedOut(() => void client.invalidateQueries({ queryKey: keys.session })), [client]);

  const set = (s: SessionInfo) => client.setQueryData(keys.session, s);
  /** A user logged in (maybe not the one before): nothing read for another user stays. */
  const loggedIn = (s: SessionInfo) => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.session[0] });
    set(s);
    onLoggedIn?.();
  };
  /** Logged out: the drafts and everything read go with the user. */
  const loggedOut = (s: SessionInfo) => {
    clearDrafts();
    setChanging(false);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.session[0] });
    client.setQueryData(keys.session, s);
  };

  const working =
    !!session && session.user !== null && !session.locked && !session.must_change_password && !session.needs_administrator && !session.recovery_sheet_pending;
  useIdleLock({
    active: working,
    lockAfterMinutes: session?.lock_after_minutes ?? 10,
    onIdle: () => {
      sessionLock(true).then(set, () => void client.invalidateQueries({ queryKey: keys.session }));
    },
    onTouch: () => {
      sessionTouch().catch(() => undefined);
    },
  });

  const api: SessionApi | null = useMemo(
    () =>
      session
        ? {
            session,
            lock: () => {
              sessionLock(false).then(
                (s) => client.setQueryData(keys.session, s),
                () => void client.invalidateQueries({ queryKey: keys.session }),
              );
            },
            logOut: () => {
              sessionLogOut().then(loggedOut, () => void client.invalidateQueries({ queryKey: keys.session }));
            },
            changePassword: () => setChanging(true),
          }
        : null,
    [session, client],
  );

  if (q.isPending) return <div className="loading">Opening the practice file…</div>;
  if (q.isError) {
    return (
      <div className="gate">
        <ErrorBanner report={toErrorReport(q.error)} />
      </div>
    );
  }
  // No practice file open on the Rust side: nothing to gate (the start screen shows instead).
  if (!session || !api) return <>{children}</>;
  if (session.needs_administrator) {
    return (
      <div className="gate">
        <AdministratorForm practiceName={practiceName} onDone={loggedIn} />
      </div>
    );
  }
  if (session.user === null) return <LoginScreen practiceName={practiceName} demo={session.demo} encrypted={session.encrypted} onDone={loggedIn} onOpenOther={onOpenOther} />;
  if (session.recovery_sheet_pending) return <RecoverySheetScreen practiceName={practiceName} onDone={set} />;
  if (session.locked) return <LockScreen userName={session.user.full_name} onUnlocked={set} onLoggedOut={loggedOut} />;
  if (session.must_change_password || changing) {
    return (
      <div className="gate">
        <ChangePasswordForm
          forced={session.must_change_password}
          onDone={(s) => {
            setChanging(false);
            set(s);
          }}
          onCancel={session.must_change_password ? undefined : () => setChanging(false)}
          onSwitchUser={session.must_change_password ? api.logOut : undefined}
        />
      </div>
    );
  }
  return <SessionProvider value={api}>{children}</SessionProvider>;
}
