import { act, render, renderHook, screen, fireEvent } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { testSession } from "../test/session";
import { clearDrafts, DraftScope, draftCount, useClearDraftScope, useDraft } from "./drafts";
import { SessionProvider, useCan } from "./session";

const api = (allowed: Parameters<typeof testSession>[1]) => ({ session: testSession({}, allowed), lock: () => {}, logOut: () => {}, changePassword: () => {} });

describe("useCan", () => {
  it("answers from session.allowed", () => {
    const wrapper = ({ children }: { children: ReactNode }) => <SessionProvider value={api(["patients_search", "payment_post"])}>{children}</SessionProvider>;
    const { result } = renderHook(() => [useCan("payment_post"), useCan("posting_reverse"), useCan("fee_save")], { wrapper });
    expect(result.current).toEqual([true, false, false]);
  });

  it("allows everything outside a session (a screen's own tests)", () => {
    const { result } = renderHook(() => useCan("posting_reverse"));
    expect(result.current).toBe(true);
  });
});

function Field({ name }: { name: string }) {
  const [value, setValue] = useDraft(name, "");
  const clear = useClearDraftScope();
  return (
    <>
      <input aria-label={name} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="button" onClick={clear}>
        close {name}
      </button>
    </>
  );
}

describe("draft store", () => {
  it("brings back typed values after the form unmounts and remounts in the same scope", () => {
    clearDrafts();
    const { rerender } = render(
      <DraftScope name="patients-1">
        <Field name="phone" />
      </DraftScope>,
    );
    fireEvent.change(screen.getByLabelText("phone"), { target: { value: "617-555-0100" } });
    // The lock: the form leaves the page.
    rerender(<DraftScope name="patients-1">{null}</DraftScope>);
    expect(screen.queryByLabelText("phone")).toBeNull();
    rerender(
      <DraftScope name="patients-1">
        <Field name="phone" />
      </DraftScope>,
    );
    expect((screen.getByLabelText("phone") as HTMLInputElement).value).toBe("617-555-0100");
    // Another scope (another screen) starts empty.
    rerender(
      <DraftScope key="2" name="patients-2">
        <Field name="phone" />
      </DraftScope>,
    );
    expect((screen.getByLabelText("phone") as HTMLInputElement).value).toBe("");
  });

  it("forgets a scope's drafts when its form closes, and all of them on log out", () => {
    clearDrafts();
    const { rerender } = render(
      <DraftScope name="visit">
        <DraftScope name="a">
          <Field name="code" />
        </DraftScope>
        <DraftScope name="b">
          <Field name="units" />
        </DraftScope>
      </DraftScope>,
    );
    fireEvent.change(screen.getByLabelText("code"), { target: { value: "98941" } });
    fireEvent.change(screen.getByLabelText("units"), { target: { value: "2" } });
    act(() => fireEvent.click(screen.getByText("close code")));
    rerender(<DraftScope name="visit">{null}</DraftScope>);
    rerender(
      <DraftScope name="visit">
        <DraftScope name="a">
          <Field name="code" />
        </DraftScope>
        <DraftScope name="b">
          <Field name="units" />
        </DraftScope>
      </DraftScope>,
    );
    expect((screen.getByLabelText("code") as HTMLInputElement).value).toBe("");
    expect((screen.getByLabelText("units") as HTMLInputElement).value).toBe("2");
    clearDrafts();
    expect(draftCount()).toBe(0);
  });

  it("is plain state outside any scope", () => {
    clearDrafts();
    const { unmount } = render(<Field name="free" />);
    fireEvent.change(screen.getByLabelText("free"), { target: { value: "x" } });
    unmount();
    expect(draftCount()).toBe(0);
  });
});
