import { renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { idleLimitMs, LOCK_OVERRIDE_KEY, TOUCH_EVERY_MS, useIdleLock } from "./idle";

describe("idle limit", () => {
  afterEach(() => window.localStorage.removeItem(LOCK_OVERRIDE_KEY));
  it("is the practice setting, or the shorter test/dev override", () => {
    expect(idleLimitMs(10)).toBe(600_000);
    window.localStorage.setItem(LOCK_OVERRIDE_KEY, "3");
    expect(idleLimitMs(10)).toBe(3000);
    window.localStorage.setItem(LOCK_OVERRIDE_KEY, "9999");
    expect(idleLimitMs(10)).toBe(600_000);
    window.localStorage.setItem(LOCK_OVERRIDE_KEY, "nonsense");
    expect(idleLimitMs(1)).toBe(60_000);
  });
});

describe("useIdleLock", () => {
  afterEach(() => vi.useRealTimers());
  it("locks once after the idle minutes, activity puts it off, and touches at most every 30 s", () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const onTouch = vi.fn();
    renderHook(() => useIdleLock({ active: true, lockAfterMinutes: 1, onIdle, onTouch }));
    vi.advanceTimersByTime(50_000);
    window.dispatchEvent(new MouseEvent("mousemove"));
    expect(onTouch).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new KeyboardEvent("keydown"));
    expect(onTouch).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(TOUCH_EVERY_MS);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
  it("does nothing while inactive (login or lock screen)", () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    renderHook(() => useIdleLock({ active: false, lockAfterMinutes: 1, onIdle, onTouch: () => {} }));
    vi.advanceTimersByTime(600_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
