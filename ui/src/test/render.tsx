import type { ReactElement, ReactNode } from "react";
import { render, type RenderResult } from "@testing-library/react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { newQueryClient } from "../ipc/query";

/** Renders `ui` inside a fresh QueryClient (the app's settings), as main.tsx does. */
export function renderWithQuery(ui: ReactElement, client: QueryClient = newQueryClient()): RenderResult & { client: QueryClient } {
  const wrap = (children: ReactNode) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const result = render(wrap(ui));
  return { ...result, client, rerender: (next: ReactNode) => result.rerender(wrap(next)) };
}

/**
 * jsdom lays nothing out, so a virtualized list sees a 0-pixel window and shows no row.
 * Gives every element this viewport size while a test runs; returns the undo.
 */
export function fakeViewport(width = 1280, height = 600): () => void {
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight"),
    clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth"),
  };
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => width });
  return () => {
    for (const [key, d] of Object.entries(saved)) {
      if (d) Object.defineProperty(HTMLElement.prototype, key, d);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key];
    }
  };
}

/** A list's only page, as the Rust side sends a list of `rows.length` rows (or of `total`). */
export function onePage<T>(rows: T[], total = rows.length, offset = 0): { rows: T[]; total: number; offset: number } {
  return { rows, total, offset };
}
