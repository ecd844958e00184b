import { useEffect, useRef, useState } from "react";
import type { ErrorReport } from "../bindings/ErrorReport";
import type { PatientSummary } from "../bindings/PatientSummary";
import { patientsSearch } from "../ipc/commands";
import { toErrorReport } from "../ipc/errors";

export const SEARCH_DEBOUNCE_MS = 120;
export const SEARCH_LIMIT = 100;

export interface PatientSearchState {
  results: PatientSummary[];
  loading: boolean;
  error: ErrorReport | null;
  /** Run the current search again now (after a save or an import). */
  refresh: () => void;
}

/**
 * Searches as the user types: waits ~120 ms after the last keystroke, and drops any answer
 * that arrives after a newer search was started (so a slow old query never overwrites
 * newer results).
 */
export function usePatientSearch(
  query: string,
  includeInactive: boolean,
  limit: number = SEARCH_LIMIT,
): PatientSearchState {
  const [results, setResults] = useState<PatientSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      patientsSearch(query.trim(), { limit, include_inactive: includeInactive }).then(
        (rows) => {
          if (mine !== seq.current) return;
          setResults(rows);
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (mine !== seq.current) return;
          setError(toErrorReport(err));
          setLoading(false);
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, includeInactive, limit, tick]);

  // Invalidate any in-flight answer when unmounting.
  useEffect(() => () => void ++seq.current, []);

  return { results, loading, error, refresh: () => setTick((t) => t + 1) };
}
