import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { FormKind } from "../../bindings/FormKind";
import type { FormRules } from "../../bindings/FormRules";
import type { PayerClaimSettings } from "../../bindings/PayerClaimSettings";
import type { PrinterProfile } from "../../bindings/PrinterProfile";
import { useList } from "../../hooks/useList";
import { keys } from "../../ipc/queryKeys";
import { calibrationPrint, payerClaimSettingsGet, payerClaimSettingsSave, payersList, pdfOpen, printerSave, printersList } from "../../ipc/commands";
import { choosePdfSave } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { FORM_RULES } from "../../lib/labels";
import { ErrorBanner, Notice } from "../common/Banner";
import { CheckField, SelectField, TextField } from "../common/fields";
import { useCan } from "../../session/session";

/** A profile as edited: offsets as typed. */
interface ProfileDraft {
  /** The name it was loaded with; null = new. */
  original: string | null;
  name: string;
  left: string;
  top: string;
  is_default: boolean;
}

const OFFSET_HINT = "7.2 pt = one character, 12 pt = one line; positive moves right/down";

function toDraft(p: PrinterProfile | null): ProfileDraft {
  return p
    ? { original: p.name, name: p.name, left: String(p.offset_left_pt), top: String(p.offset_top_pt), is_default: p.is_default }
    : { original: null, name: "", left: "0", top: "0", is_default: false };
}

/** Practice setup → Printing: printer alignment profiles, the alignment page, per-payer paper settings. */
export function PrinterSettings() {
  const canSave = useCan("printer_save");
  const canPayer = useCan("payer_claim_settings_save");
  const client = useQueryClient();
  const { items: profiles, error: listError, reload } = useList([...keys.setup, "printers"], printersList);
  const { items: payers } = useList(keys.payers, payersList);
  const [editing, setEditing] = useState<ProfileDraft | null>(null);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [calForm, setCalForm] = useState<FormKind>("red");
  const [calPrinter, setCalPrinter] = useState("");
  const [calPath, setCalPath] = useState("alignment.pdf");
  const [calDone, setCalDone] = useState<string | null>(null);
  const [payerId, setPayerId] = useState("");
  // The chosen payer's paper settings as stored, and as edited here until saved.
  const payerKey = [...keys.payerClaimSettings, payerId] as const;
  const payerQ = useQuery({ queryKey: payerKey, queryFn: () => payerClaimSettingsGet(Number(payerId)), enabled: payerId !== "" });
  const [edited, setEdited] = useState<{ payerId: string; settings: PayerClaimSettings } | null>(null);
  const payerSettings = payerId === "" ? null : edited?.payerId === payerId ? edited.settings : (payerQ.data ?? null);
  const setPayerSettings = (settings: PayerClaimSettings) => setEdited({ payerId, settings });

  const profileM = useMutation({
    mutationFn: (profile: PrinterProfile) => printerSave(profile),
    onSuccess: (saved) => {
      setEditing(null);
      setReport(null);
      setNotice(`Printer profile “${saved.name}” saved.`);
      reload();
    },
    onError: (e) => setReport(toErrorReport(e)),
  });
  const payerM = useMutation({
    mutationFn: ({ id, settings }: { id: string; settings: PayerClaimSettings }) => payerClaimSettingsSave(Number(id), settings).then(() => ({ id, settings })),
    onSuccess: ({ id, settings }) => {
      client.setQueryData([...keys.payerClaimSettings, id], settings);
      setEdited((e) => (e?.payerId === id ? null : e));
      setReport(null);
      setNotice("Payer paper settings saved.");
    },
    onError: (e) => setReport(toErrorReport(e)),
  });

  const saveProfile = () => {
    if (!editing) return;
    const left = Number(editing.left);
    const top = Number(editing.top);
    const fields = [
      ...(editing.left.trim() === "" || !Number.isFinite(left) ? [{ field: "offset_left_pt", message: "Enter a number of points, e.g. -3.5." }] : []),
      ...(editing.top.trim() === "" || !Number.isFinite(top) ? [{ field: "offset_top_pt", message: "Enter a number of points, e.g. 6." }] : []),
    ];
    if (fields.length > 0) {
      setReport({ kind: "invalid", message: "Please correct the highlighted fields.", fields });
      return;
    }
    profileM.mutate({ name: editing.name.trim(), offset_left_pt: left, offset_top_pt: top, is_default: editing.is_default });
  };

  const browse = async () => {
    try {
      const p = await choosePdfSave("Save alignment page as", calPath);
      if (p) setCalPath(p);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };
  const printAlignment = async () => {
    try {
      const bytes = await calibrationPrint(calForm, calPrinter === "" ? null : calPrinter, calPath.trim());
      setCalDone(calPath.trim());
      setReport(null);
      setNotice(`Alignment page written to ${calPath.trim()} (${bytes} bytes). Print it at 100% (no “fit to page”) and compare with the form.`);
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };
  const savePayer = () => {
    if (payerId === "" || !payerSettings || payerM.isPending) return;
    payerM.mutate({ id: payerId, settings: payerSettings });
  };

  const err = (f: string) => fieldError(report, f);

  return (
    <div className="printer-settings" data-testid="printer-settings">
      <ErrorBanner report={report ?? listError ?? (payerQ.error ? toErrorReport(payerQ.error) : null)} onDismiss={() => setReport(null)} />
      {notice ? (
        <Notice>
          {notice}
          {calDone ? (
            <button type="button" className="btn btn-small" onClick={() => void pdfOpen(calDone).catch((e: unknown) => setReport(toErrorReport(e)))}>
              Open PDF
            </button>
          ) : null}
        </Notice>
      ) : null}

      <section className="section">
        <header className="panel-head">
          <h3>Printer alignment profiles</h3>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => setEditing(toDraft(null))} data-testid="new-printer">
            Add profile
          </button>
        </header>
        <table className="grid compact selectable">
          <thead>
            <tr>
              <th>Name</th>
              <th className="num">Left (pt)</th>
              <th className="num">Top (pt)</th>
              <th>Default</th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.name} data-testid="printer-row" onClick={() => setEditing(toDraft(p))}>
                <td>{p.name}</td>
                <td className="num">{p.offset_left_pt}</td>
                <td className="num">{p.offset_top_pt}</td>
                <td>{p.is_default ? "Yes" : ""}</td>
              </tr>
            ))}
            {profiles.length === 0 ? (
              <tr>
                <td colSpan={4} className="empty">
                  No profiles: forms print without offsets.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {editing ? (
          <form
            className="form edit-inline"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              saveProfile();
            }}
          >
            <div className="row">
              <TextField className="w-lg" label="Printer name" name="name" value={editing.name} onChange={(v) => setEditing({ ...editing, name: v })} error={err("name")} autoFocus required />
              <TextField className="w-sm" type="number" step="0.5" label="Left offset (pt)" name="offset_left_pt" value={editing.left} onChange={(v) => setEditing({ ...editing, left: v })} error={err("offset_left_pt")} />
              <TextField className="w-sm" type="number" step="0.5" label="Top offset (pt)" name="offset_top_pt" value={editing.top} onChange={(v) => setEditing({ ...editing, top: v })} error={err("offset_top_pt")} />
              <CheckField label="Default printer" name="is_default" checked={editing.is_default} onChange={(v) => setEditing({ ...editing, is_default: v })} error={err("is_default")} />
            </div>
            <div className="field-hint">{OFFSET_HINT}</div>
            <div className="form-foot">
              <button type="submit" className="btn btn-primary" disabled={!canSave} data-testid="save-printer">
                Save
              </button>
              <button type="button" className="btn" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}
      </section>

      <section className="section">
        <h3>Alignment page</h3>
        <p className="section-hint">Print it on a blank red form, hold it to the light and adjust the offsets until the marks sit in the boxes.</p>
        <div className="row">
          <SelectField className="w-md" label="Form" name="cal_form" value={calForm} options={[{ value: "red", label: "Red form (data only)" }, { value: "full", label: "Full form" }]} onChange={(v) => setCalForm(v === "full" ? "full" : "red")} />
          <SelectField className="w-md" label="Printer profile" name="cal_printer" value={calPrinter} placeholder="Default profile" options={profiles.map((p) => ({ value: p.name, label: p.name }))} onChange={setCalPrinter} />
          <TextField className="w-lg" label="Save PDF as" name="cal_out_path" value={calPath} onChange={setCalPath} error={err("out_path")} />
          <div className="field-actions">
            <button type="button" className="btn" onClick={() => void browse()}>
              Browse…
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void printAlignment()} data-testid="print-alignment" disabled={calPath.trim() === ""}>
              Print alignment page
            </button>
          </div>
        </div>
      </section>

      <section className="section">
        <h3>Paper claims per payer</h3>
        <div className="row">
          <SelectField
            className="w-lg"
            label="Payer"
            name="payer_id"
            value={payerId}
            placeholder="— choose a payer —"
            options={payers.filter((p) => p.id !== null).map((p) => ({ value: String(p.id), label: p.name }))}
            onChange={(id) => {
              // Another payer: unsaved edits of the last one are dropped.
              setEdited(null);
              setPayerId(id);
            }}
          />
        </div>
        {payerSettings ? (
          <>
            <div className="row">
              <CheckField label="“CONTINUED” in box 28 on all but the last page" name="continued_in_box_28" checked={payerSettings.continued_in_box_28} onChange={(v) => setPayerSettings({ ...payerSettings, continued_in_box_28: v })} error={err("continued_in_box_28")} />
              <TextField className="w-lg" label="Signature on file text (boxes 12, 13)" name="signature_on_file_text" value={payerSettings.signature_on_file_text} placeholder="SIGNATURE ON FILE" onChange={(v) => setPayerSettings({ ...payerSettings, signature_on_file_text: v })} error={err("signature_on_file_text")} />
            </div>
            <div className="row">
              <SelectField
                className="w-lg"
                label="Paper claim instructions"
                name="form_rules"
                value={payerSettings.form_rules}
                options={FORM_RULES}
                hint="Whose item-by-item instructions this payer's CMS-1500 follows"
                onChange={(v) => setPayerSettings({ ...payerSettings, form_rules: v as FormRules })}
                error={err("form_rules")}
              />
            </div>
            <button type="button" className="btn btn-primary" onClick={savePayer} disabled={!canPayer} data-testid="save-payer-settings">
              Save payer settings
            </button>
          </>
        ) : null}
      </section>
    </div>
  );
}
