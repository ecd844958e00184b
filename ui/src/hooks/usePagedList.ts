import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../bindings/ErrorReport";
import type { Page } from "../bindings/Page";
import type { PageRequest } from "../bindings/PageRequest";
import { toErrorReport } from "../ipc/errors";

/** The rows one page asks for: the most the Rust side sends (`LIST_PAGE_MAX`). */
export const PAGE_SIZE = 500;

/** A list read a page at a time, as `usePagedList` gives it to a screen. */
export interface PagedList<T> {
  /** The pages read so far, in order. */
  rows: T[];
  /** How many rows the whole list holds (0 until the first page is read). */
  total: number;
  /** The first page is being read. */
  loading: boolean;
  /** Any page is being read (the first, a reload, or the next). */
  fetching: boolean;
  error: ErrorReport | null;
  /** Rows remain after those read. */
  hasMore: boolean;
  /** Reads the next page and adds its rows. */
  loadMore: () => void;
  loadingMore: boolean;
  /** Reads the list again (every key under `queryKey`). */
  reload: () => void;
}

/**
 * A list the Rust side sends one page at a time (`Page<T>`: at most 500 rows and the total),
 * through the one data layer (TanStack Query's infinite query) under `queryKey`: the first page
 * is read at once, `loadMore` adds the next; invalidating the key reads the pages again.
 */
export function usePagedList<T>(
  queryKey: readonly unknown[],
  load: (page: PageRequest) => Promise<Page<T>>,
  options: { enabled?: boolean; keepPrevious?: boolean; staleTime?: number } = {},
): PagedList<T> {
  const client = useQueryClient();
  const q = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => load({ offset: pageParam, limit: PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last: Page<T>) => {
      const next = last.offset + last.rows.length;
      return last.rows.length > 0 && next < last.total ? next : undefined;
    },
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    ...(options.staleTime !== undefined ? { staleTime: options.staleTime } : {}),
  });
  const pages = q.data?.pages ?? [];
  return {
    rows: pages.flatMap((p) => p.rows),
    total: pages.length > 0 ? pages[pages.length - 1]!.total : 0,
    loading: q.isPending && (options.enabled ?? true),
    fetching: q.isFetching,
    error: q.error ? toErrorReport(q.error) : null,
    hasMore: q.hasNextPage,
    loadMore: () => void q.fetchNextPage(),
    loadingMore: q.isFetchingNextPage,
    reload: () => void client.invalidateQueries({ queryKey }),
  };
}
