/** Rendering a screen in tests the way main.tsx mounts the app: inside its own QueryClient. */
import { QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { newQueryClient } from "../ipc/query";

export function renderWithQuery(ui: ReactElement): RenderResult {
  const client = newQueryClient();
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
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
