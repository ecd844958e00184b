/**
 * Unsaved work that outlives its form: the screen lock unmounts every screen (patient data
 * leaves the page), and unlocking must bring back the same screen with what was typed. A form
 * keeps such state with `useDraft(key, initial)` instead of `useState`; inside a `DraftScope`
 * the value is also kept in a module-level Map under the scope's path, and a remounted form
 * starts from it. Outside any scope (component tests) `useDraft` is plain `useState`.
 * Drafts live in memory only (never on disk) and are all dropped when the user logs out.
 */
import { createContext, useCallback, useContext, useEffect, useState, type Dispatch, type ReactNode, type SetStateAction } from "react";

const store = new Map<string, unknown>();
const ScopeContext = createContext<string | null>(null);

/** Names a part of the page whose drafts belong together (a screen, an open record). */
export function DraftScope({ name, children }: { name: string; children: ReactNode }) {
  const parent = useContext(ScopeContext);
  const path = parent === null ? name : `${parent}/${name}`;
  return <ScopeContext.Provider value={path}>{children}</ScopeContext.Provider>;
}

/** The full key of a draft in the current scope (null outside any scope). */
function useDraftPath(key: string): string | null {
  const scope = useContext(ScopeContext);
  return scope === null ? null : `${scope}/${key}`;
}

/** `useState` whose value survives the component's unmount (inside a `DraftScope`). */
export function useDraft<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const path = useDraftPath(key);
  const [value, setValue] = useState<T>(() => {
    if (path !== null && store.has(path)) return store.get(path) as T;
    return typeof initial === "function" ? (initial as () => T)() : initial;
  });
  useEffect(() => {
    if (path !== null) store.set(path, value);
  }, [path, value]);
  return [value, setValue];
}

/** Whether a draft with this key is kept in the current scope (a form restored after unlock). */
export function useHasDraft(key: string): boolean {
  const path = useDraftPath(key);
  const [has] = useState(() => path !== null && store.has(path));
  return has;
}

/** Drops every draft under the current scope (the form was saved or closed). */
export function useClearDraftScope(): () => void {
  const scope = useContext(ScopeContext);
  return useCallback(() => {
    if (scope !== null) clearDrafts(scope);
  }, [scope]);
}

/** Drops the drafts under `prefix` (a scope path), or all of them (log out, switch user). */
export function clearDrafts(prefix?: string): void {
  if (prefix === undefined) {
    store.clear();
    return;
  }
  for (const key of [...store.keys()]) {
    if (key === prefix || key.startsWith(`${prefix}/`)) store.delete(key);
  }
}

/** How many drafts are kept (tests). */
export function draftCount(): number {
  return store.size;
}
