import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQuery as render } from "../../test/render";
import { testUser } from "../../test/session";

vi.mock("../../ipc/commands", () => ({
  usersList: vi.fn(),
  rolesList: vi.fn(),
  userCreate: vi.fn(),
  userResetPassword: vi.fn(),
  userSetActive: vi.fn(),
  securitySettingsSave: vi.fn(),
}));

import { rolesList, userCreate, userSetActive, usersList } from "../../ipc/commands";
import { UsersScreen } from "./UsersScreen";

const desk = testUser({ id: 3, login: "frontdesk", full_name: "Frankie Desk", role: "front_desk", role_label: "Front desk" });

describe("UsersScreen", () => {
  beforeEach(() => {
    vi.mocked(usersList).mockReset().mockResolvedValue([testUser(), desk]);
    vi.mocked(rolesList).mockReset().mockResolvedValue({
      roles: [
        { role: "administrator", label: "Administrator" },
        { role: "biller", label: "Biller" },
        { role: "front_desk", label: "Front desk" },
        { role: "read_only", label: "Read-only" },
      ],
      rows: [
        { area: "users", label: "Users", granted: [true, false, false, false] },
        { area: "patients", label: "Register and find patients", granted: [true, true, true, false] },
      ],
    });
  });

  it("lists the users and the roles table as the Rust side gives it", async () => {
    render(<UsersScreen />);
    await waitFor(() => expect(screen.getAllByTestId("user-row").length).toBe(2));
    expect(screen.getAllByTestId("user-row")[1]!.textContent).toContain("Front desk");
    const roles = await screen.findByTestId("roles-table");
    await waitFor(() => expect(roles.textContent).toContain("Register and find patients"));
    expect(roles.querySelectorAll("thead th").length).toBe(5);
  });

  it("adds a user with a role and shows a refused field by the field", async () => {
    vi.mocked(userCreate).mockRejectedValueOnce({ kind: "invalid", message: "Check the new user.", fields: [{ field: "password", message: "At least 12 characters." }] });
    const { container } = render(<UsersScreen />);
    await screen.findAllByTestId("user-row");
    fireEvent.change(container.querySelector('[name="login"]')!, { target: { value: "sam" } });
    fireEvent.change(container.querySelector('[name="full_name"]')!, { target: { value: "Sam Biller" } });
    fireEvent.change(container.querySelector('[name="role"]')!, { target: { value: "biller" } });
    fireEvent.change(container.querySelector('[name="password"]')!, { target: { value: "short" } });
    fireEvent.click(screen.getByTestId("user-create"));
    expect((await screen.findByTestId("error-password")).textContent).toBe("At least 12 characters.");
    expect(userCreate).toHaveBeenCalledWith({ login: "sam", full_name: "Sam Biller", role: "biller", password: "short" });
  });

  it("deactivates a user", async () => {
    vi.mocked(userSetActive).mockResolvedValue({ ...desk, active: false });
    render(<UsersScreen />);
    await screen.findAllByTestId("user-row");
    fireEvent.click(screen.getAllByTestId("user-set-active")[1]!);
    await waitFor(() => expect(userSetActive).toHaveBeenCalledWith(3, false));
  });
});
