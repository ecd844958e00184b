import { groupThousands } from "../../lib/format";
import type { PagedList } from "../../hooks/usePagedList";

/** "1234" -> "1,234". */
export function formatCount(n: number): string {
  return groupThousands(String(n));
}

/**
 * Under a list read a page at a time: when it holds more rows than are shown, "Showing 500 of
 * 3,210; narrow the search" and a button that reads the next page. Nothing when all are shown.
 */
export function PageNote<T>({ list, narrow = "narrow the search" }: { list: PagedList<T>; narrow?: string }) {
  if (!list.hasMore || list.rows.length >= list.total) return null;
  return (
    <p className="muted page-note" data-testid="page-note" role="status">
      Showing {formatCount(list.rows.length)} of {formatCount(list.total)}; {narrow}.{" "}
      <button type="button" className="btn btn-small" disabled={list.loadingMore} onClick={list.loadMore}>
        {list.loadingMore ? "Loading…" : "Show more"}
      </button>
    </p>
  );
}
