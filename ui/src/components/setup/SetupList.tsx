import { useState, type ReactNode } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import { useFormKeys } from "../../hooks/useFormKeys";
import { useList } from "../../hooks/useList";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { ErrorBanner, Notice } from "../common/Banner";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

interface Props<T extends { id: number | null; active: boolean }> {
  title: string;
  /** The role may save (false: the list is read-only). */
  canSave?: boolean;
  /** "provider", "facility" ... for button labels. */
  noun: string;
  load: () => Promise<T[]>;
  /** The list's query key (a list other screens show too, like payers, shares theirs). */
  queryKey: readonly unknown[];
  save: (row: T) => Promise<T>;
  blank: () => T;
  columns: Column<T>[];
  /** The edit form. `err(field)` gives that field's message from the last refused save. */
  renderForm: (value: T, onChange: (v: T) => void, err: (f: string) => string | undefined) => ReactNode;
}

/** A setup list: a table of rows and an edit panel; "Add"; save shows inline errors. */
export function SetupList<T extends { id: number | null; active: boolean }>(props: Props<T>) {
  const { items, loading, error, reload } = useList(props.queryKey, props.load);
  const [editing, setEditing] = useState<T | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [showInactive, setShowInactive] = useState(false);

  const save = async () => {
    if (!editing || saving) return;
    setSaving(true);
    try {
      await props.save(editing);
      setEditing(null);
      setReport(null);
      setNotice(`${capitalize(props.noun)} saved.`);
      reload();
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setSaving(false);
    }
  };
  const cancel = () => {
    setEditing(null);
    setReport(null);
  };
  useFormKeys({ onSave: () => void save(), onCancel: cancel }, editing !== null);

  const rows = items.filter((r) => showInactive || r.active);
  const err = (f: string) => fieldError(report, f);

  return (
    <section className="setup-list" aria-label={props.title}>
      <header className="panel-head">
        <h3>{props.title}</h3>
        <label className="check-inline">
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} /> Show inactive
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-primary"
          data-testid={`add-${props.noun}`}
          disabled={props.canSave === false}
          onClick={() => {
            setEditing(props.blank());
            setReport(null);
            setNotice(null);
          }}
        >
          Add {props.noun}
        </button>
      </header>
      <ErrorBanner report={error} />
      {notice && !editing ? <Notice>{notice}</Notice> : null}
      <div className="split">
        <div className="table-wrap">
          <table className="grid selectable">
            <thead>
              <tr>
                {props.columns.map((c) => (
                  <th key={c.header} className={c.className}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr
                  key={r.id ?? `row-${i}`}
                  className={`${editing && editing.id === r.id ? "selected" : ""} ${r.active ? "" : "inactive"}`}
                  tabIndex={0}
                  onClick={() => {
                    setEditing(r);
                    setReport(null);
                    setNotice(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") {
                      setEditing(r);
                      setReport(null);
                    }
                  }}
                >
                  {props.columns.map((c) => (
                    <td key={c.header} className={c.className}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))}
              {!loading && rows.length === 0 ? (
                <tr>
                  <td colSpan={props.columns.length} className="empty">
                    None yet.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        {editing ? (
          <form
            className="edit-panel"
            aria-label={`Edit ${props.noun}`}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <h4>{editing.id === null ? `New ${props.noun}` : `Edit ${props.noun}`}</h4>
            <ErrorBanner report={report} />
            {props.renderForm(editing, setEditing, err)}
            <div className="form-foot">
              <button type="submit" className="btn btn-primary" disabled={saving || props.canSave === false} data-testid={`save-${props.noun}`}>
                {saving ? "Saving…" : "Save"}
              </button>
              <button type="button" className="btn" onClick={cancel}>
                Cancel
              </button>
              <span className="muted">Ctrl+S saves · Esc cancels</span>
            </div>
          </form>
        ) : null}
      </div>
    </section>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
