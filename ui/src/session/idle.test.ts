import { afterEach, describe, expect, it } from "vitest";
import { idleLimitMs, LOCK_OVERRIDE_KEY } from "./idle";

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
