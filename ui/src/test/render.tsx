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
