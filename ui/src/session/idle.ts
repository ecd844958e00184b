/**
 * The automatic lock: no mouse, key, click or wheel for the practice's idle time locks the
 * screen (`session_lock(true)`); while the user is active the Rust side hears of it at most once
 * every 30 s (`session_touch`), so its own idle check agrees.
 *
 * Test/dev override: `localStorage.setItem("claimdesk.lockAfterSeconds", "3")` locks after that
 * many idle seconds instead of the practice setting (the e2e test uses it to wait seconds, not
 * minutes). It can only make the lock come sooner than the practice setting, and is read on
 * every check, so a test can set it just before the idle wait.
 */
import { useEffect, useRef } from "react";

export const TOUCH_EVERY_MS = 30_000;
const CHECK_EVERY_MS = 500;
export const LOCK_OVERRIDE_KEY = "claimdesk.lockAfterSeconds";
const EVENTS = ["mousemove", "keydown", "click", "wheel"] as const;

/** The idle time in milliseconds: the practice setting, or the (shorter) override. */
export function idleLimitMs(lockAfterMinutes: number): number {
  const setting = lockAfterMinutes * 60_000;
  let override: string | null = null;
  try {
    override = window.localStorage.getItem(LOCK_OVERRIDE_KEY);
  } catch {
    override = null;
  }
  const seconds = override === null ? NaN : Number(override);
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(setting, seconds * 1000);
  return setting;
}

interface Options {
  /** Off while the login, lock or password screen shows. */
  active: boolean;
  lockAfterMinutes: number;
  onIdle: () => void;
  onTouch: () => void;
}

export function useIdleLock({ active, lockAfterMinutes, onIdle, onTouch }: Options): void {
  const handlers = useRef({ onIdle, onTouch });
  handlers.current = { onIdle, onTouch };
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    let lastTouch = Date.now();
    let fired = false;
    const activity = () => {
      last = Date.now();
      if (last - lastTouch >= TOUCH_EVERY_MS) {
        lastTouch = last;
        handlers.current.onTouch();
      }
    };
    const check = () => {
      if (!fired && Date.now() - last >= idleLimitMs(lockAfterMinutes)) {
        fired = true;
        handlers.current.onIdle();
      }
    };
    for (const e of EVENTS) window.addEventListener(e, activity, { passive: true, capture: true });
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, activity, { capture: true });
      window.clearInterval(timer);
    };
  }, [active, lockAfterMinutes]);
}
