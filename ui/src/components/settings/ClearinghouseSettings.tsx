import { useState } from "react";
import type { Clearinghouse } from "../../bindings/Clearinghouse";
import type { ErrorReport } from "../../bindings/ErrorReport";
import { useFormKeys } from "../../hooks/useFormKeys";
import { useList } from "../../hooks/useList";
import { keys } from "../../ipc/queryKeys";
import { clearinghouseSave, clearinghousesList } from "../../ipc/commands";
import { fieldError, toErrorReport, unclaimedFieldErrors } from "../../ipc/errors";
import { blankClearinghouse } from "../../lib/blank";
import { formatPhone } from "../../lib/format";
import { ErrorBanner, Notice } from "../common/Banner";
import { CheckField, TextField } from "../common/fields";
import { useCan } from "../../session/session";

/** The field paths this form shows next to an input (others go to the banner). */
const SHOWN: ReadonlySet<string> = new Set([
  "name",
  "submitter_name",
  "submitter_id",
  "contact_name",
  "contact_phone",
  "receiver_name",
  "receiver_id",
  "sender_qualifier",
  "sender_id",
  "receiver_qualifier",
  "interchange_receiver_id",
  "production",
  "is_default",
]);

const QUALIFIER_HINT = "ZZ mutually defined, 30 federal tax ID, 01 DUNS";

/** Practice setup → Electronic claims: the clearinghouses 837P files are addressed to. */
export function ClearinghouseSettings() {
  const canSave = useCan("clearinghouse_save");
  const { items, loading, error, reload } = useList([...keys.setup, "clearinghouses"], clearinghousesList);
  const [editing, setEditing] = useState<Clearinghouse | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!editing || saving) return;
    setSaving(true);
    try {
      const saved = await clearinghouseSave(editing);
      setEditing(null);
      setReport(null);
      setNotice(`Clearinghouse “${saved.name}” saved.`);
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

  const open = (c: Clearinghouse) => {
    setEditing(c);
    setReport(null);
    setNotice(null);
  };
  const err = (f: string) => fieldError(report, f);
  const set = <K extends keyof Clearinghouse>(k: K, v: Clearinghouse[K]) => setEditing((c) => (c ? { ...c, [k]: v } : c));
  const v = editing;

  return (
    <section className="setup-list" aria-label="Clearinghouses" data-testid="clearinghouse-settings">
      <header className="panel-head">
        <h3>Clearinghouses (837P electronic claims)</h3>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" data-testid="add-clearinghouse" onClick={() => open({ ...blankClearinghouse(), is_default: items.length === 0 })}>
          Add clearinghouse
        </button>
      </header>
      <ErrorBanner report={error} />
      {notice && !editing ? <Notice>{notice}</Notice> : null}
      <div className="split">
        <div className="table-wrap">
          <table className="grid selectable">
            <thead>
              <tr>
                <th>Name</th>
                <th>Submitter ID (ETIN)</th>
                <th>Receiver ID</th>
                <th>Mode</th>
                <th>Default</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c, i) => (
                <tr
                  key={c.id ?? `row-${i}`}
                  data-testid="clearinghouse-row"
                  className={editing && editing.id === c.id ? "selected" : ""}
                  tabIndex={0}
                  onClick={() => open(c)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") open(c);
                  }}
                >
                  <td>{c.name}</td>
                  <td className="mono">{c.submitter_id}</td>
                  <td className="mono">{c.receiver_id}</td>
                  <td>{c.production ? "Production" : "Test"}</td>
                  <td>{c.is_default ? "Yes" : ""}</td>
                </tr>
              ))}
              {!loading && items.length === 0 ? (
                <tr>
                  <td colSpan={5} className="empty">
                    No clearinghouse yet. Add the one you upload 837P files to (Office Ally, Availity…).
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        {v ? (
          <form
            className="edit-panel"
            aria-label="Edit clearinghouse"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <h4>{v.id === null ? "New clearinghouse" : "Edit clearinghouse"}</h4>
            <ErrorBanner report={report} extra={unclaimedFieldErrors(report, (f) => SHOWN.has(f))} />
            <div className="row">
              <TextField className="w-lg" label="Name" name="name" value={v.name} placeholder="Office Ally" onChange={(x) => set("name", x)} error={err("name")} required autoFocus />
            </div>
            <h5>Submitter (1000A)</h5>
            <div className="row">
              <TextField className="w-md" label="Submitter name" name="submitter_name" value={v.submitter_name} onChange={(x) => set("submitter_name", x)} error={err("submitter_name")} required />
              <TextField className="w-sm" label="Submitter ID (ETIN)" name="submitter_id" value={v.submitter_id} onChange={(x) => set("submitter_id", x)} error={err("submitter_id")} required />
            </div>
            <div className="row">
              <TextField className="w-md" label="Contact name" name="contact_name" value={v.contact_name} onChange={(x) => set("contact_name", x)} error={err("contact_name")} />
              <TextField className="w-sm" type="tel" label="Contact phone" name="contact_phone" value={v.contact_phone} hint={formatPhone(v.contact_phone)} onChange={(x) => set("contact_phone", x)} error={err("contact_phone")} />
            </div>
            <h5>Receiver (1000B)</h5>
            <div className="row">
              <TextField className="w-md" label="Receiver name" name="receiver_name" value={v.receiver_name} onChange={(x) => set("receiver_name", x)} error={err("receiver_name")} required />
              <TextField className="w-sm" label="Receiver ID" name="receiver_id" value={v.receiver_id} onChange={(x) => set("receiver_id", x)} error={err("receiver_id")} required />
            </div>
            <h5>Interchange envelope (ISA)</h5>
            <div className="row">
              <TextField className="w-xs" label="Sender qualifier" name="sender_qualifier" value={v.sender_qualifier} maxLength={2} onChange={(x) => set("sender_qualifier", x.toUpperCase())} error={err("sender_qualifier")} />
              <TextField className="w-md" label="Interchange sender ID (ISA06)" name="sender_id" value={v.sender_id} maxLength={15} onChange={(x) => set("sender_id", x)} error={err("sender_id")} required />
            </div>
            <div className="row">
              <TextField className="w-xs" label="Receiver qualifier" name="receiver_qualifier" value={v.receiver_qualifier} maxLength={2} onChange={(x) => set("receiver_qualifier", x.toUpperCase())} error={err("receiver_qualifier")} />
              <TextField className="w-md" label="Interchange receiver ID (ISA08)" name="interchange_receiver_id" value={v.interchange_receiver_id} maxLength={15} onChange={(x) => set("interchange_receiver_id", x)} error={err("interchange_receiver_id")} required />
            </div>
            <p className="field-hint">Qualifiers: {QUALIFIER_HINT}. The clearinghouse's companion guide gives the values.</p>
            <fieldset className="radios">
              <legend>Files are</legend>
              <label>
                <input type="radio" name="production" value="test" checked={!v.production} onChange={() => set("production", false)} /> Test (ISA15 = T)
              </label>
              <label>
                <input type="radio" name="production" value="production" checked={v.production} onChange={() => set("production", true)} /> Production (ISA15 = P)
              </label>
              {err("production") ? (
                <div className="field-error" data-testid="error-production" role="alert">
                  {err("production")}
                </div>
              ) : null}
            </fieldset>
            <CheckField label="Default clearinghouse for exports" name="is_default" checked={v.is_default} onChange={(x) => set("is_default", x)} error={err("is_default")} />
            <div className="form-foot">
              <button type="submit" className="btn btn-primary" disabled={saving || !canSave} data-testid="save-clearinghouse">
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
