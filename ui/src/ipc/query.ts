/**
 * The one data layer for screen data: every screen reads through TanStack Query
 * (`useQuery` with a key naming what it shows) and writes through `useMutation`, then
 * invalidates the keys a write changes, instead of hand-written effect/try/catch blocks.
 */
import { QueryClient } from "@tanstack/react-query";

/** A fresh client: the app makes one at start, each test its own. */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The practice file is local and only this window writes it: data is fresh until a
      // write invalidates it, and a failed read is shown at once (no silent retries).
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
