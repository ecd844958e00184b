import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../ipc/commands", () => ({ postingRulesGet: vi.fn(), postingRulesSave: vi.fn() }));

import { postingRulesGet, postingRulesSave } from "../../ipc/commands";
import { renderWithQuery as render } from "../../test/render";
import { PostingRulesSettings } from "./PostingRulesSettings";

const box = (c: HTMLElement, name: string) => c.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe("PostingRulesSettings", () => {
  beforeEach(() => {
    vi.mocked(postingRulesGet).mockReset();
    vi.mocked(postingRulesSave).mockReset();
  });

  it("shows the practice's rules and saves a change at once", async () => {
    vi.mocked(postingRulesGet).mockResolvedValue({ write_off_oa: true, write_off_pi: false });
    vi.mocked(postingRulesSave).mockImplementation(async (r) => r);
    const { container } = render(<PostingRulesSettings />);
    await waitFor(() => expect(box(container, "write_off_oa").checked).toBe(true));
    expect(box(container, "write_off_pi").checked).toBe(false);
    fireEvent.click(box(container, "write_off_pi"));
    expect(await screen.findByTestId("posting-rules-saved")).toBeTruthy();
    expect(postingRulesSave).toHaveBeenCalledWith({ write_off_oa: true, write_off_pi: true });
    expect(box(container, "write_off_pi").checked).toBe(true);
  });

  it("shows a refusal and keeps what the file says", async () => {
    vi.mocked(postingRulesGet).mockResolvedValue({ write_off_oa: true, write_off_pi: false });
    vi.mocked(postingRulesSave).mockRejectedValue({ kind: "conflict", message: "The practice file is busy", fields: [] });
    const { container } = render(<PostingRulesSettings />);
    await waitFor(() => expect(box(container, "write_off_oa").checked).toBe(true));
    fireEvent.click(box(container, "write_off_oa"));
    expect((await screen.findByRole("alert")).textContent).toContain("busy");
    expect(screen.queryByTestId("posting-rules-saved")).toBeNull();
    expect(box(container, "write_off_oa").checked).toBe(true);
  });
});
