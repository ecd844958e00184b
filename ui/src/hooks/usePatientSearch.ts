import { useEffect, useState } from "react";
import { useSettled } from "./useSettled";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../bindings/ErrorReport";
import type { PatientSummary } from "../bindings/PatientSummary";
import { patientsSearch } from "../ipc/commands";
import { toErrorReport } from "../ipc/errors";
import { keys } from "../ipc/queryKeys";

export const SEARCH_DEBOUNCE_MS = 120;
/** Results asked for; the Rust side never returns more than 500 whatever is asked. */
export const SEARCH_LIMIT = 100;

export interface PatientSearchState {
  results: PatientSummary[];
  loading: boolean;
  error: ErrorReport | null;
  /** Run the current search again now (after a save or an import). */
  refresh: () => void;
}

/**
 * Searches as the user types: waits ~120 ms after the last keystroke. Each search is a query
 * keyed by its text, so an answer to an older text never shows for a newer one, and the
 * previous results stay on screen while the next arrive.
 */
export function usePatientSearch(query: string, includeInactive: boolean, limit: number = SEARCH_LIMIT): PatientSearchState {
  const client = useQueryClient();
  const text = useSettled(query.trim(), SEARCH_DEBOUNCE_MS);
  const [started, setStarted] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setStarted(true), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, []);
  const q = useQuery({
    queryKey: [...keys.patientSearch, text, includeInactive, limit],
    queryFn: () => patientsSearch(text, { limit, include_inactive: includeInactive }),
    // The first search waits for the debounce too (the box autofocuses; typing follows).
    enabled: started,
    placeholderData: keepPreviousData,
    // Results change with any save or import elsewhere: read again each time the list shows.
    staleTime: 0,
  });
  return {
    results: q.data ?? [],
    loading: !started || q.isFetching || text !== query.trim(),
    error: q.error ? toErrorReport(q.error) : null,
    refresh: () => void client.invalidateQueries({ queryKey: keys.patientSearch }),
  };
}
