import { act, renderHook } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { newQueryClient } from "../ipc/query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PatientSummary } from "../bindings/PatientSummary";

vi.mock("../ipc/commands", () => ({ patientsSearch: vi.fn() }));

import { patientsSearch } from "../ipc/commands";
import { usePatientSearch } from "./usePatientSearch";

const search = vi.mocked(patientsSearch);

/** Each hook under a fresh QueryClient, as the app has one. */
function wrapper() {
  const client = newQueryClient();
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

function row(id: number, last: string): PatientSummary {
  return {
    id,
    account_number: `A${id}`,
    last_name: last,
    first_name: "Pat",
    middle_name: "",
    birth_date: "1980-01-02",
    sex: "F",
    phone: "5125550134",
    city: "Austin",
    primary_payer: "",
    primary_member_id: "",
    active: true,
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("usePatientSearch", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    search.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("debounces keystrokes into one search", async () => {
    search.mockResolvedValue([row(1, "SMITH")]);
    const { result, rerender } = renderHook(({ q }) => usePatientSearch(q, false), { initialProps: { q: "s" }, wrapper: wrapper() });
    rerender({ q: "sm" });
    rerender({ q: "smi" });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(100);
    });
    expect(search).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30);
    });
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith("smi", { limit: 100, include_inactive: false });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(result.current.results.map((r) => r.id)).toEqual([1]);
    expect(result.current.loading).toBe(false);
  });

  it("ignores a stale response that arrives after a newer one", async () => {
    const slow = deferred<PatientSummary[]>();
    const fast = deferred<PatientSummary[]>();
    search.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise);
    const { result, rerender } = renderHook(({ q }) => usePatientSearch(q, false), { initialProps: { q: "jo" }, wrapper: wrapper() });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(130);
    });
    rerender({ q: "jon" });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(130);
    });
    expect(search).toHaveBeenCalledTimes(2);
    await act(async () => {
      fast.resolve([row(2, "JONES")]);
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(result.current.results.map((r) => r.id)).toEqual([2]);
    await act(async () => {
      slow.resolve([row(9, "JOHNSON"), row(10, "JORDAN")]);
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(result.current.results.map((r) => r.id)).toEqual([2]);
  });

  it("passes include_inactive", async () => {
    search.mockResolvedValue([]);
    renderHook(() => usePatientSearch("", true), { wrapper: wrapper() });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(130);
    });
    expect(search).toHaveBeenCalledWith("", { limit: 100, include_inactive: true });
  });
});
