import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../ipc/commands", () => ({ appAbout: vi.fn() }));

import { appAbout } from "../../ipc/commands";
import { StartScreen } from "../practice/StartScreen";
import { HelpMenu } from "./HelpMenu";

describe("the welcome screen", () => {
  it("offers the guided setup, opening a file and the demo, marked as invented", () => {
    const onNew = vi.fn();
    const onOpen = vi.fn();
    const onDemo = vi.fn();
    render(<StartScreen recent={[]} onNew={onNew} onOpen={onOpen} onOpenPath={vi.fn()} onDemo={onDemo} makingDemo={false} />);
    expect(screen.getByTestId("start-demo").textContent).toMatch(/invented/i);
    fireEvent.click(screen.getByTestId("start-new"));
    fireEvent.click(screen.getByTestId("start-open"));
    fireEvent.click(screen.getByTestId("start-demo"));
    expect([onNew, onOpen, onDemo].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
  });

  it("does not take another choice while the demo is being made", () => {
    render(<StartScreen recent={[]} onNew={vi.fn()} onOpen={vi.fn()} onOpenPath={vi.fn()} onDemo={vi.fn()} makingDemo />);
    expect(screen.getByTestId("start-demo").textContent).toMatch(/Making the demo/);
    expect((screen.getByTestId("start-new") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("the Help menu", () => {
  beforeEach(() => {
    vi.mocked(appAbout).mockReset().mockResolvedValue({
      version: "9.8.7",
      build_date: "2026-12-03",
      data_folder: "/home/office/.local/share/claimdesk",
      notices: "ICD-10-CM FY2026 ...\nrusqlite 0.41.1 MIT",
      notices_file: "/usr/lib/claimdesk/THIRD-PARTY-NOTICES.txt",
    });
  });

  it("opens the user guide with F1 and finds a topic by its words", () => {
    render(<HelpMenu />);
    fireEvent.keyDown(window, { key: "F1" });
    expect(screen.getByTestId("user-guide")).toBeTruthy();
    fireEvent.change(screen.getByTestId("guide-filter"), { target: { value: "alignment page" } });
    const topics = screen.getAllByRole("button").filter((b) => b.className.startsWith("guide-topic"));
    expect(topics.length).toBeGreaterThan(0);
    fireEvent.click(topics[0]);
    expect(screen.getByTestId("guide-body").textContent).toMatch(/alignment page/i);
  });

  it("shows the About box as the Rust side gives it", async () => {
    render(<HelpMenu />);
    fireEvent.click(screen.getByTestId("help-menu"));
    fireEvent.click(screen.getByTestId("help-about"));
    await waitFor(() => expect(screen.getByTestId("about-version").textContent).toBe("9.8.7"));
    expect(screen.getByTestId("about-data-folder").textContent).toBe("/home/office/.local/share/claimdesk");
    expect(screen.getByTestId("about-notices").textContent).toContain("rusqlite");
  });
});
