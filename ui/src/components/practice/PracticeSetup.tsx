import { useEffect, useRef, useState } from "react";
import type { ErrorReport } from "../../bindings/ErrorReport";
import type { Practice } from "../../bindings/Practice";
import type { PracticeFileInfo } from "../../bindings/PracticeFileInfo";
import { useFormKeys } from "../../hooks/useFormKeys";
import { practiceCreate, practiceSuggestPath } from "../../ipc/commands";
import { choosePracticeSaveAs } from "../../ipc/dialogs";
import { fieldError, toErrorReport } from "../../ipc/errors";
import { blankPractice } from "../../lib/blank";
import { ErrorBanner } from "../common/Banner";
import { TextField } from "../common/fields";
import { PracticeFields, practiceErr } from "./PracticeFields";

interface Props {
  onCreated: (info: PracticeFileInfo) => void;
  onCancel?: () => void;
}

/** Guided setup of a new practice file: the billing provider's details, then where to save. */
export function PracticeSetup({ onCreated, onCancel }: Props) {
  const [practice, setPractice] = useState<Practice>(blankPractice);
  const [path, setPath] = useState("");
  const pathEdited = useRef(false);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saving, setSaving] = useState(false);

  // Suggest a free file name in the app's data folder until the user picks one.
  useEffect(() => {
    if (pathEdited.current) return;
    const name = practice.name.trim();
    if (!name) return;
    let live = true;
    const t = setTimeout(() => {
      practiceSuggestPath(name).then(
        (p) => {
          if (live && !pathEdited.current) setPath(p);
        },
        () => undefined,
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [practice.name]);

  const create = async () => {
    if (saving) return;
    setSaving(true);
    try {
      const info = await practiceCreate(path.trim(), practice);
      setReport(null);
      onCreated(info);
    } catch (e) {
      setReport(toErrorReport(e));
    } finally {
      setSaving(false);
    }
  };
  const browse = async () => {
    try {
      const picked = await choosePracticeSaveAs(path || undefined);
      if (picked) {
        pathEdited.current = true;
        setPath(picked.endsWith(".claimdesk") ? picked : `${picked}.claimdesk`);
      }
    } catch (e) {
      setReport(toErrorReport(e));
    }
  };
  useFormKeys({ onSave: () => void create(), ...(onCancel ? { onCancel } : {}) });

  const err = practiceErr((f) => fieldError(report, f));
  return (
    <div className="screen setup-wizard" data-testid="practice-setup">
      <header className="screen-head">
        <h2>New practice file</h2>
      </header>
      <p className="muted">
        One practice file holds one practice: its providers, payers, patients and claims. These details print on every claim as the
        billing provider.
      </p>
      <ErrorBanner report={report} onDismiss={() => setReport(null)} />
      <form
        className="form panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <PracticeFields value={practice} onChange={setPractice} err={err} autoFocus />
        <h4>Where to save the practice file</h4>
        <div className="row">
          <TextField
            className="w-xxl"
            label="Save as"
            name="path"
            value={path}
            onChange={(v) => {
              pathEdited.current = true;
              setPath(v);
            }}
            error={fieldError(report, "path")}
          />
          <div className="field-actions">
            <button type="button" className="btn" onClick={() => void browse()}>
              Browse…
            </button>
          </div>
        </div>
        <div className="form-foot">
          <button type="submit" className="btn btn-primary" disabled={saving} data-testid="create-practice">
            {saving ? "Creating…" : "Create practice file"}
          </button>
          {onCancel ? (
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
