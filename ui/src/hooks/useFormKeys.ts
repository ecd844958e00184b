import { useEffect, useRef } from "react";

/**
 * Ctrl+S / Cmd+S saves the open form, Escape cancels it. Active while the form is mounted
 * and `enabled` is true.
 */
export function useFormKeys(handlers: { onSave?: () => void; onCancel?: () => void }, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "s" || e.key === "S")) {
        if (ref.current.onSave) {
          e.preventDefault();
          ref.current.onSave();
        }
      } else if (e.key === "Escape" && !e.defaultPrevented) {
        if (ref.current.onCancel) {
          e.preventDefault();
          ref.current.onCancel();
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
