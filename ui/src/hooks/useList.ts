import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../bindings/ErrorReport";
import { toErrorReport } from "../ipc/errors";

/**
 * A list from the Rust side through the one data layer (TanStack Query) under `queryKey`;
 * `reload` invalidates the key, so every screen showing that list reads it again.
 */
export function useList<T>(
  queryKey: readonly unknown[],
  load: () => Promise<T[]>,
): {
  items: T[];
  loading: boolean;
  error: ErrorReport | null;
  reload: () => void;
} {
  const client = useQueryClient();
  const q = useQuery({ queryKey, queryFn: () => load() });
  return {
    items: q.data ?? [],
    loading: q.isPending,
    error: q.error ? toErrorReport(q.error) : null,
    reload: () => void client.invalidateQueries({ queryKey }),
  };
}
