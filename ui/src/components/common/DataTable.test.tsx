import { fireEvent, render, screen } from "@testing-library/react";
import type { ColumnDef } from "@tanstack/react-table";
import { describe, expect, it, vi } from "vitest";
import { DataTable } from "./DataTable";

interface Item {
  id: number;
  name: string;
}

const items: Item[] = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `row ${i + 1}` }));

/** One column whose cell counts how often a row is drawn. */
function counting() {
  const drawn: number[] = [];
  const columns: ColumnDef<Item>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) => {
        drawn.push(row.original.id);
        return row.original.name;
      },
    },
  ];
  return { drawn, columns };
}

describe("DataTable", () => {
  it("moving the highlight redraws the row it left and the row it reached, not the list", () => {
    const { drawn, columns } = counting();
    const onClick = vi.fn();
    const view = (selectedId: string | null) => (
      <DataTable data={items} columns={columns} getRowId={(r) => String(r.id)} rowTestId="row" selectedId={selectedId} onRowClick={(r) => onClick(r.id)} />
    );
    const { rerender } = render(view(null));
    expect(drawn.sort()).toEqual([1, 2, 3, 4, 5]);
    drawn.length = 0;
    rerender(view("3"));
    expect(drawn).toEqual([3]);
    drawn.length = 0;
    rerender(view("4"));
    expect(drawn.sort()).toEqual([3, 4]);
    const rows = screen.getAllByTestId("row");
    expect(rows[3]!.getAttribute("aria-selected")).toBe("true");
    expect(rows[3]!.className).toContain("selected");
    // A new handler from the parent reaches the rows without redrawing them.
    drawn.length = 0;
    fireEvent.click(rows[1]!);
    expect(onClick).toHaveBeenCalledWith(2);
    expect(drawn).toEqual([]);
  });

  it("draws only the rows in view once the list is long", () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, name: `row ${i + 1}` }));
    vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(240);
    const { columns } = counting();
    render(<DataTable data={many} columns={columns} getRowId={(r) => String(r.id)} rowTestId="row" />);
    const rows = screen.getAllByTestId("row");
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThan(50);
    expect(rows[0]!.textContent).toBe("row 1");
  });

  it("shows the empty text when there are no rows", () => {
    const { columns } = counting();
    render(<DataTable data={[]} columns={columns} getRowId={(r) => String(r.id)} empty="Nothing yet." />);
    expect(screen.getByText("Nothing yet.")).toBeTruthy();
  });
});
