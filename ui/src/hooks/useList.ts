import { useCallback, useEffect, useRef, useState } from "react";
import type { ErrorReport } from "../bindings/ErrorReport";
import { toErrorReport } from "../ipc/errors";

/** Loads a list from the Rust side; `reload` fetches it again. Stale answers are dropped. */
export function useList<T>(load: () => Promise<T[]>): {
  items: T[];
  loading: boolean;
  error: ErrorReport | null;
  reload: () => void;
} {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ErrorReport | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    loadRef.current().then(
      (rows) => {
        if (mine !== seq.current) return;
        setItems(rows);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== seq.current) return;
        setError(toErrorReport(err));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => void ++seq.current;
  }, [reload]);

  return { items, loading, error, reload };
}
