/**
 * The logged-in user as the screens see it: `useSession()` and `useCan(action)`. The Rust side
 * checks every command against the user's role; the screens only ASK `session.allowed` (every
 * action the role may do) to hide or disable what would be refused. They never copy the roles
 * table. Outside a `SessionProvider` (a component test of one screen) everything is allowed.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { Action } from "../bindings/Action";
import type { SessionInfo } from "../bindings/SessionInfo";

export interface SessionApi {
  session: SessionInfo;
  /** Locks the screen now (the header's Lock button). */
  lock: () => void;
  /** Logs out: the login screen, for this or another user. */
  logOut: () => void;
  /** Opens the change-password form. */
  changePassword: () => void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ value, children }: { value: SessionApi; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session, or null outside the gate. */
export function useSession(): SessionApi | null {
  return useContext(SessionContext);
}

/** Whether the logged-in user's role allows `action` (true outside a session, as in tests). */
export function useCan(action: Action): boolean {
  const api = useContext(SessionContext);
  if (api === null) return true;
  return api.session.allowed.includes(action);
}
